//! The page walk, the pieces and the byte-for-byte promise, with a fake recogniser that
//! finds fixed strings (so the tests do not depend on the model).

use super::*;
use tagit::Label;

/// A recogniser that marks every occurrence of each of `names` as a person, and records the
/// text it was given.
fn finder<'a>(
    names: &'a [&'a str],
    seen: &'a mut Vec<String>,
) -> impl FnMut(&str) -> Vec<Span> + 'a {
    move |text: &str| {
        seen.push(text.to_string());
        let mut spans = Vec::new();
        for name in names {
            for (start, _) in text.match_indices(name) {
                spans.push(Span {
                    start,
                    end: start + name.len(),
                    label: Label::PER,
                    text: name.to_string(),
                    value: None,
                    confidence: 0.5,
                    entity: None,
                });
            }
        }
        spans
    }
}

/// The page annotated with `names` found, as a string.
fn annotate(page: &str, target: Option<&str>, names: &[&str]) -> String {
    let mut seen = Vec::new();
    let out = annotate_page(page.as_bytes(), target, &mut finder(names, &mut seen)).unwrap();
    String::from_utf8(out).unwrap()
}

/// The runs the recogniser sees on `page` (one per line of its one call).
fn runs(page: &str, target: Option<&str>) -> Vec<String> {
    let mut seen = Vec::new();
    annotate_page(page.as_bytes(), target, &mut finder(&[], &mut seen)).unwrap();
    match seen.as_slice() {
        [] => Vec::new(),
        [joined] => joined.lines().map(str::to_string).collect(),
        more => panic!("one call expected, got {}", more.len()),
    }
}

const MARK: &str =
    "<mark class=\"tagit tagit-PER\" data-tagit-label=\"PER\" data-tagit-id=\"ahead-";

#[path = "../../../../tests/common/strip_marks.rs"]
mod strip_marks;
use strip_marks::strip;

#[test]
fn inline_elements_join_a_run_and_blocks_end_it() {
    let page = "<body><p>סשה <b>טרו</b>פנוב<wbr>x<!-- c -->y</p><div>a<div>b</div>c<br>d</div>\
                <ul><li>e<li>f</ul><my-widget>g</my-widget><h1>h</h1></body>";
    assert_eq!(
        runs(page, None),
        ["סשה טרופנובxy", "a", "b", "c", "d", "e", "f", "g", "h"]
    );
}

#[test]
fn skipped_elements_end_the_run_and_hide_their_text() {
    let page = "<body><p>a<code>x<b>x</b></code>b</p>\
                <p>c<pre>x<code>x</code>x<kbd>x</kbd></pre>d</p>\
                <div contenteditable=false>x</div><p>e</p>\
                <div data-tagit-skip><p>x</p><pre>x</pre>x</div>f\
                <mark data-tagit-id=old>x</mark>g<mark>h</mark>i\
                <script>var x = '<p>x</p>';</script><style>p{}</style><template><p>x</p></template>\
                <svg><text>x</text></svg><svg/>j<input value=x>k<textarea>x</textarea>\
                <select><option>x<option>x</select><button>x</button>l</body>";
    assert_eq!(
        runs(page, None),
        ["a", "b", "c", "d", "e", "f", "ghi", "j", "k", "l"]
    );
}

#[test]
fn whitespace_only_runs_are_dropped_and_whitespace_kept_in_runs() {
    let page = "<body>\n  <p> \u{A0}</p>\n<p> a&nbsp;b </p>\r\n</body>";
    assert_eq!(runs(page, None), [" a\u{A0}b "]);
}

#[test]
fn the_root_by_target_and_by_default() {
    let page = "<html><head><title>x</title></head><body>b1<article>a1<div itemprop=\"x articleBody\">\
                i1</div>a2</article><article>a3</article><div class=m><p>m1</p></div>b2</body></html>";
    assert_eq!(runs(page, None), ["i1"]);
    let no_item = page.replace("itemprop", "data-x");
    assert_eq!(runs(&no_item, None), ["a1", "i1", "a2"]);
    let no_article = no_item.replace("article>", "section>");
    assert_eq!(
        runs(&no_article, None),
        ["b1", "a1", "i1", "a2", "a3", "m1", "b2"]
    );
    assert_eq!(runs(page, Some("div.m")), ["m1"]);
    assert_eq!(runs(page, Some("body > article:nth-child(2)")), ["a3"]);
}

#[test]
fn a_head_without_its_end_tag_ends_where_the_body_starts() {
    let page = "<!doctype html><html><head><meta charset=utf-8><title>x</title><p>a</p>";
    assert_eq!(runs(page, None), ["a"]);
    let out = annotate(page, None, &["a"]);
    assert_eq!(
        out,
        format!(
            "<!doctype html><html><head><meta charset=utf-8><title>x</title>\
             <body data-tagit-ahead=\"{}\"><p>{MARK}1\" data-tagit-confidence=\"0.50\">a</mark></p>",
            out.split("data-tagit-ahead=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
        )
    );
    // A fragment starting with text: the body starts at the text.
    assert_eq!(
        strip(&annotate("a <b>b</b>", Some("body"), &["a"])),
        "<body>a <b>b</b>"
    );
}

#[test]
fn implied_ends_stop_where_the_tree_builder_stops() {
    // A new item closes the open one through inline elements …
    assert_eq!(
        runs("<body><ul><li>a<b><li>b</ul>c</body>", None),
        ["a", "b", "c"]
    );
    // … but not through a special element: the second item is inside the <pre> (skipped),
    // as is everything up to its end tag.
    assert_eq!(
        runs("<body><ul><li>a<pre>x<li>b</pre>c</ul></body>", None),
        ["a", "c"]
    );
    assert_eq!(
        runs(
            "<body><dl><dt>a<dd>b<blockquote><dt>c</blockquote></dl></body>",
            None
        ),
        ["a", "b", "c"]
    );
}

#[test]
fn raw_text_outside_skipped_elements_is_not_annotated() {
    assert_eq!(runs("<body>a<xmp>b</xmp>c</body>", None), ["a", "c"]);
}

#[test]
fn a_name_split_across_b_gets_one_id_and_two_marks() {
    let out = annotate(
        "<body><p>מר <b>סשה</b> טרופנוב אמר</p></body>",
        None,
        &["סשה טרופנוב"],
    );
    let piece = |text: &str| format!("{MARK}1\" data-tagit-confidence=\"0.50\">{text}</mark>");
    assert_eq!(
        out,
        format!(
            "<body data-tagit-ahead=\"{}\"><p>מר <b>{}</b>{} אמר</p></body>",
            digest_of(&[("1", "סשה"), ("1", " טרופנוב")]),
            piece("סשה"),
            piece(" טרופנוב")
        )
    );
}

/// The digest of person marks with confidence 0.50: (id number, text) each.
fn digest_of(marks: &[(&str, &str)]) -> String {
    let mut input = String::new();
    for (n, text) in marks {
        input.push_str(&format!(
            "ahead-{n}\u{1F}PER\u{1F}\u{1F}\u{1F}\u{1F}\u{1F}0.50\u{1F}\u{1F}\u{1F}{text}\u{1E}"
        ));
    }
    marks::digest(&input)
}

#[test]
fn spans_end_mid_node_and_ids_count_in_document_order() {
    let out = annotate(
        "<body><p>אבג דה וזח</p><p>דה!</p></body>",
        None,
        &["דה", "אבג"],
    );
    assert_eq!(
        out,
        format!(
            "<body data-tagit-ahead=\"{}\"><p>{MARK}1\" data-tagit-confidence=\"0.50\">אבג</mark> \
             {MARK}2\" data-tagit-confidence=\"0.50\">דה</mark> וזח</p>\
             <p>{MARK}3\" data-tagit-confidence=\"0.50\">דה</mark>!</p></body>",
            digest_of(&[("1", "אבג"), ("2", "דה"), ("3", "דה")])
        )
    );
}

#[test]
fn references_stay_as_written_and_a_mark_takes_them_whole() {
    // The recogniser sees the decoded text; the marks hold the source.
    let page = "<body><p>AT&amp;T&#x20;and&nbsp;M&amp;S, AT&ampT\r\nx</p></body>";
    let mut seen = Vec::new();
    let out = annotate_page(
        page.as_bytes(),
        None,
        &mut finder(&["AT&T and", "M&S", "T\nx"], &mut seen),
    )
    .unwrap();
    let out = String::from_utf8(out).unwrap();
    assert_eq!(seen, ["AT&T and\u{A0}M&S, AT&T\nx\n"]);
    assert!(out.contains(">AT&amp;T&#x20;and</mark>&nbsp;"), "{out}");
    assert!(out.contains(">M&amp;S</mark>, AT&amp"), "{out}");
    assert!(out.contains(">T\r\nx</mark>"), "{out}");
    assert_eq!(strip(&out), page);
    // The digest holds the decoded texts.
    let mut input = String::new();
    for (n, text) in [(1, "AT&T and"), (2, "M&S"), (3, "T\nx")] {
        input.push_str(&format!(
            "ahead-{n}\u{1F}PER\u{1F}\u{1F}\u{1F}\u{1F}\u{1F}0.50\u{1F}\u{1F}\u{1F}{text}\u{1E}"
        ));
    }
    assert!(out.contains(&marks::digest(&input)));
}

#[test]
fn niqqud_and_emoji_in_and_around_names() {
    let page = "<body><p>👋🏽 מֹשֶׁה כֹּהֵן 🇮🇱</p></body>";
    let out = annotate(page, None, &["מֹשֶׁה כֹּהֵן"]);
    assert!(out.contains(">מֹשֶׁה כֹּהֵן</mark> 🇮🇱"), "{out}");
    assert_eq!(strip(&out), page);
}

#[test]
fn everything_but_the_marks_and_the_root_attribute_is_kept() {
    let page = "<!DOCTYPE html>\r\n<html lang=he dir=rtl><head><meta charset='utf-8'>\
        <script>if (a < b && c) document.write('<p>סשה טרופנוב</p>')</script>\
        <style>p::before{content:\"&amp;\"}</style></head>\r\n\
        <BODY Class = 'x'   id=\"b\"><!-- סשה טרופנוב --><article data-x = \"1\">\
        <p>\u{200F}סשה&#32;<B>טרופנוב</B>\u{200E} &copy 2024 &lt;b&gt; <!--x-->סשה טרופנוב</p>\
        <template><p>סשה טרופנוב</p></template><p dir=ltr>&#1505;&#1513;&#1492; טרופנוב</p>\
        <img src=a.png alt='סשה טרופנוב'><P>unclosed סשה טרופנוב<p>again</article>\
        </BODY></html>\n";
    let out = annotate(page, None, &["סשה טרופנוב"]);
    assert_eq!(out.matches("<mark ").count(), 5, "{out}");
    assert!(
        out.contains("<article data-x = \"1\" data-tagit-ahead=\"sha256-"),
        "{out}"
    );
    assert_eq!(strip(&out), page);
    assert!(out.contains("<template><p>סשה טרופנוב</p></template>"));
}

#[test]
fn errors_are_clear() {
    let mut none = |_: &str| Vec::new();
    let err = |page: &str, target: Option<&str>, none: &mut dyn FnMut(&str) -> Vec<Span>| {
        annotate_page(page.as_bytes(), target, none).unwrap_err()
    };
    assert_eq!(
        err("<body><p>x</p></body>", Some("article"), &mut none),
        "--target 'article' matches no element"
    );
    let bad = err("<body></body>", Some("p + p"), &mut none);
    assert_eq!(
        bad,
        "--target \"p + p\" is not a selector tagit can use: Unsupported combinator `+` in selector."
    );
    let again = err(
        "<article data-tagit-ahead=\"sha256-0\">x</article>",
        None,
        &mut none,
    );
    assert!(again.contains("annotated ahead already"), "{again}");
    let latin1 = annotate_page(b"<p>caf\xe9</p>", None, &mut none).unwrap_err();
    assert!(latin1.contains("not UTF-8"), "{latin1}");
    // A page with no body content at all has no root.
    let empty = err("<!doctype html><title>x</title>", None, &mut none);
    assert!(empty.starts_with("no element to annotate"), "{empty}");
}

/// `lol_html` writes the root's start tag anew when it gets the attribute: the attributes as
/// written, single spaces between them.
#[test]
fn the_root_start_tag_is_rewritten_with_its_attributes_as_written() {
    let out = annotate(
        "<body><ARTICLE   data-x = '1'\nclass=a >x</ARTICLE></body>",
        None,
        &[],
    );
    assert!(
        out.starts_with("<body><ARTICLE data-x = '1' class=a data-tagit-ahead=\"sha256-"),
        "{out}"
    );
}

#[test]
fn a_byte_order_mark_is_kept() {
    let page = "\u{FEFF}<body><p>אבג</p></body>";
    assert_eq!(strip(&annotate(page, None, &["אבג"])), page);
}

#[test]
fn void_elements_after_a_self_closing_svg_are_void() {
    assert_eq!(
        runs("<body><svg/>j<input value=x>k<br>l</body>", None),
        ["j", "k", "l"]
    );
}

#[test]
fn every_skip_item_is_understood() {
    for (name, attrs, skipped) in [
        ("code", &[][..], true),
        ("p", &["contenteditable"][..], true),
        ("span", &["data-tagit-skip"][..], true),
        ("mark", &["data-tagit-id"][..], true),
        ("mark", &[][..], false),
        ("span", &["data-tagit-id"][..], false),
        ("p", &[][..], false),
    ] {
        assert_eq!(
            skips(name, |a| attrs.contains(&a)),
            skipped,
            "{name} {attrs:?}"
        );
    }
}

/// Pages made of pieces that stress the walk, the decoder and the cuts: elements of every
/// kind the rules name (inline, block, void, skipped, raw text, look-alike marks), references
/// (named, legacy without `;`, numeric, invalid), CR LF, bidi marks, emoji, niqqud, and the
/// strings the fake recogniser finds, including ones that exist only once decoded.
mod generated {
    use super::*;
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "<p>",
        "</p>",
        "<b>",
        "</b>",
        "<i>",
        "</i>",
        "<span>",
        "</span>",
        "<a href=x>",
        "</a>",
        "<div>",
        "</div>",
        "<br>",
        "<wbr>",
        "<img src=x>",
        "<input>",
        "<li>",
        "<table>",
        "<td>",
        "</table>",
        "<pre>",
        "</pre>",
        "<code>",
        "</code>",
        "<template>",
        "</template>",
        "<svg/>",
        "<script>",
        "</script>",
        "<textarea>",
        "</textarea>",
        "<title>",
        "</title>",
        "<xmp>",
        "</xmp>",
        "<mark data-tagit-id=\"q\">",
        "</mark>",
        "<span data-tagit-skip>",
        "<!-- סשה -->",
        "&amp;",
        "&amp",
        "&nbsp;",
        "&notit;",
        "&#x5D0;",
        "&#0;",
        "&#x110000;",
        "&",
        "\r\n",
        "\r",
        " ",
        "\u{200f}",
        "👋🏽",
        "שָׁ",
        "סשה",
        "אבג",
        " דה",
        "x",
        "y",
    ];
    const NAMES: &[&str] = &["סשה", "אבג דה", "אבג", "x&y", "x\u{a0}y", "א👋🏽"];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Never a panic; and when the page is annotated, removing the marks and the root's
        /// digest gives back the page byte for byte.
        #[test]
        fn any_page_comes_back_whole(pieces in prop::collection::vec(prop::sample::select(PIECES), 0..40)) {
            let page = format!("<body>{}", pieces.concat());
            let mut seen = Vec::new();
            if let Ok(out) = annotate_page(page.as_bytes(), None, &mut finder(NAMES, &mut seen)) {
                let out = String::from_utf8(out).expect("UTF-8 out");
                prop_assert_eq!(strip(&out), page);
            }
        }
    }
}
