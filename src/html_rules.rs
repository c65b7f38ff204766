//! Which parts of a page are prose tagit may annotate: the rules shared by the browser's walk
//! (`web::walk`, over the live DOM) and the CLI's `tagit annotate --html` (over the page's
//! source, at publish time). One copy, so the two cannot drift: a page annotated ahead must get
//! the marks the browser would have made. Besides which elements are prose, that is how the
//! runs are handed to the recogniser and which spans can be wrapped.

use crate::span::Span;

/// Elements whose text is not prose, or not ours to touch, as a CSS selector list: code, form
/// controls, editors, embedded documents, opt-outs, and anything that looks like one of
/// tagit's marks. The CLI reads this same list (each item a tag name, `[attribute]` or
/// `tag[attribute]`), so keep to those three forms.
pub const SKIP: &str = "script,style,noscript,template,textarea,input,select,option,\
button,code,pre,kbd,samp,svg,math,iframe,object,embed,canvas,video,audio,head,title,\
[contenteditable],[data-tagit-skip],mark[data-tagit-id]";

/// Elements that flow inside a line of text. Anything else (including unknown and custom
/// elements) ends a run: joining text across a real boundary could invent an entity
/// ("…Tel" | "Aviv…"), while a missed boundary only loses a rare cross-element match.
pub const INLINE: &[&str] = &[
    "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "data", "del", "dfn", "em", "font",
    "i", "ins", "label", "mark", "nobr", "q", "s", "small", "span", "strike", "strong", "sub",
    "sup", "time", "tt", "u", "var", "wbr",
];

/// True for elements (by lower-case local name) that do not break a run.
pub fn is_inline(local_name: &str) -> bool {
    INLINE.contains(&local_name)
}

/// The runs' texts joined as the recogniser sees an element's prose (each followed by a
/// newline), and where each starts in the joined text.
pub fn joined_text<T: AsRef<str>>(runs: &[T]) -> (String, Vec<usize>) {
    let mut text = String::with_capacity(runs.iter().map(|r| r.as_ref().len() + 1).sum());
    let mut starts = Vec::with_capacity(runs.len());
    for r in runs {
        starts.push(text.len());
        text.push_str(r.as_ref());
        text.push('\n');
    }
    (text, starts)
}

/// Recognises all runs in one call (joined by [`joined_text`]), so what the recogniser learns
/// in one paragraph helps in the next, and hands each run back the spans that fall inside it,
/// with offsets relative to the run. A span across a join is dropped. No runs, no call.
pub fn recognise_joined<T: AsRef<str>>(
    runs: &[T],
    recognise: &mut dyn FnMut(&str) -> Vec<Span>,
) -> Vec<Vec<Span>> {
    let mut found: Vec<Vec<Span>> = vec![Vec::new(); runs.len()];
    if runs.is_empty() {
        return found;
    }
    let (text, starts) = joined_text(runs);
    for mut span in recognise(&text) {
        let run = starts
            .partition_point(|&s| s <= span.start)
            .saturating_sub(1);
        let (start, len) = (starts[run], runs[run].as_ref().len());
        if span.start >= start && span.end <= start + len {
            span.start -= start;
            span.end -= start;
            found[run].push(span);
        }
    }
    found
}

/// The spans of `text` that can be wrapped, sorted: non-empty, inside `text`, on char
/// boundaries, and not overlapping an earlier one. The core guarantees all of this; the
/// wrappers still check, because a bad span must cost one highlight, not the page.
pub fn wrappable<'a>(text: &str, spans: &'a [Span]) -> Vec<&'a Span> {
    let mut sorted: Vec<&Span> = spans
        .iter()
        .filter(|s| {
            s.start < s.end
                && s.end <= text.len()
                && text.is_char_boundary(s.start)
                && text.is_char_boundary(s.end)
        })
        .collect();
    sorted.sort_by_key(|s| (s.start, s.end));
    let mut last_end = 0;
    sorted.retain(|s| {
        let ok = s.start >= last_end;
        if ok {
            last_end = s.end;
        }
        ok
    });
    sorted
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Label;

    fn span(start: usize, end: usize) -> Span {
        Span {
            start,
            end,
            label: Label::PER,
            text: String::new(),
            value: None,
            confidence: 1.0,
            entity: None,
        }
    }

    /// Name, spans in, `(start, end)` of the spans kept.
    type Case = (&'static str, Vec<Span>, Vec<(usize, usize)>);

    #[test]
    fn wrappable_spans() {
        // "סשה 👋🏽 טרופנוב": Hebrew letters are 2 bytes, the emoji 4 + 4.
        let text = "סשה 👋🏽 טרופנוב";
        let t = text.find('ט').unwrap();
        let cases: &[Case] = &[
            (
                "good spans pass, sorted",
                vec![span(t, text.len()), span(0, 6)],
                vec![(0, 6), (t, text.len())],
            ),
            ("empty", vec![span(2, 2)], vec![]),
            ("reversed", vec![span(6, 2)], vec![]),
            ("past the end", vec![span(0, text.len() + 1)], vec![]),
            ("inside a letter", vec![span(1, 6)], vec![]),
            ("inside the emoji", vec![span(7, 9)], vec![]),
            (
                "overlap keeps the first",
                vec![span(0, 6), span(4, t)],
                vec![(0, 6)],
            ),
            (
                "touching is fine",
                vec![span(0, 6), span(6, 7)],
                vec![(0, 6), (6, 7)],
            ),
        ];
        for (name, spans, want) in cases {
            let got: Vec<(usize, usize)> = wrappable(text, spans)
                .iter()
                .map(|s| (s.start, s.end))
                .collect();
            assert_eq!(&got, want, "{name}");
        }
    }

    #[test]
    fn runs_are_recognised_joined_and_given_back_their_spans() {
        let runs = ["סשה", "טרופנוב"];
        let mut asked = Vec::new();
        let found = recognise_joined(&runs, &mut |text: &str| {
            asked.push(text.to_string());
            // One span inside the second run, one across the join (dropped).
            vec![span(7, 7 + "טרופנוב".len()), span(0, 9)]
        });
        assert_eq!(asked, ["סשה\nטרופנוב\n"]);
        assert_eq!(found[0].len(), 0);
        assert_eq!((found[1][0].start, found[1][0].end), (0, "טרופנוב".len()));
        let none: [&str; 0] = [];
        assert!(recognise_joined(&none, &mut |_: &str| unreachable!()).is_empty());
    }

    #[test]
    fn skip_items_are_tags_or_attributes() {
        for item in SKIP.split(',') {
            let (tag, attr) = match item.split_once('[') {
                Some((tag, rest)) => (tag, rest.strip_suffix(']').expect(item)),
                None => (item, ""),
            };
            let name = |s: &str| s.chars().all(|c| c.is_ascii_lowercase() || c == '-');
            assert!(name(tag) && name(attr) && !item.is_empty(), "{item:?}");
        }
    }

    #[test]
    fn inline_or_block() {
        assert!(is_inline("b") && is_inline("wbr") && is_inline("mark"));
        assert!(!is_inline("p") && !is_inline("br") && !is_inline("my-widget"));
    }
}
