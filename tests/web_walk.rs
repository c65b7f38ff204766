//! Browser tests: which text the walker hands to the recogniser.
#![cfg(target_arch = "wasm32")]

mod web_common;

use wasm_bindgen_test::*;
use web_common::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The strings the recogniser is asked about, in order.
fn runs_of(html: &str) -> Vec<String> {
    let root = fixture(html);
    let mut seen = Vec::new();
    let summary = tagit::web::annotate_element_with(root.as_ref(), &mut |t: &str| {
        seen.push(t.to_string());
        Vec::new()
    });
    assert_eq!(summary.error, None);
    root.remove();
    seen
}

mod blocks {
    use super::*;

    #[wasm_bindgen_test]
    fn inline_elements_join_and_blocks_split() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "bold inside a name",
                "<p><b>סשה</b> טרופנוב</p>",
                &["סשה טרופנוב"],
            ),
            (
                "link in the middle",
                "<p>סשה <a href='#'>טרו</a>פנוב אמר</p>",
                &["סשה טרופנוב אמר"],
            ),
            (
                "nested inline",
                "<p><span><i>א</i><em>ב</em></span><strong>ג</strong></p>",
                &["אבג"],
            ),
            (
                "two paragraphs",
                "<p>סשה</p><p>טרופנוב</p>",
                &["סשה", "טרופנוב"],
            ),
            ("br breaks", "<p>סשה<br>טרופנוב</p>", &["סשה", "טרופנוב"]),
            (
                "nested block splits its parent",
                "<div>לפני<p>בתוך</p>אחרי</div>",
                &["לפני", "בתוך", "אחרי"],
            ),
            (
                "list items and cells",
                "<ul><li>א</li><li>ב</li></ul><table><tr><td>ג</td><th>ד</th></tr></table>",
                &["א", "ב", "ג", "ד"],
            ),
            (
                "headings, captions, quotes",
                "<h1>א</h1><h6>ב</h6><figure><figcaption>ג</figcaption></figure><blockquote>ד</blockquote><dl><dt>ה</dt><dd>ו</dd></dl>",
                &["א", "ב", "ג", "ד", "ה", "ו"],
            ),
            (
                "comments do not split",
                "<p>סשה <!-- x -->טרופנוב</p>",
                &["סשה טרופנוב"],
            ),
            (
                "whitespace-only runs are dropped",
                "<div> <p>א</p> \n </div>",
                &["א"],
            ),
            (
                "emoji and niqqud pass through unchanged",
                "<p>👋🏽 <b>מֹשֶׁה</b> כֹּהֵן 🇮🇱</p>",
                &["👋🏽 מֹשֶׁה כֹּהֵן 🇮🇱"],
            ),
        ];
        for (name, html, want) in cases {
            assert_eq!(runs_of(html), *want, "{name}");
        }
    }
}

mod skips {
    use super::*;

    #[wasm_bindgen_test]
    fn non_prose_and_opt_outs_are_never_read() {
        let skipped = [
            "<script>var a = 'SKIP';</script>",
            "<style>/* SKIP */</style>",
            "<noscript>SKIP</noscript>",
            "<template>SKIP</template>",
            "<textarea>SKIP</textarea>",
            "<select><option>SKIP</option></select>",
            "<code>SKIP</code>",
            "<pre>SKIP</pre>",
            "<svg><text>SKIP</text></svg>",
            "<math><mi>SKIP</mi></math>",
            "<iframe>SKIP</iframe>",
            "<div contenteditable>SKIP</div>",
            "<div contenteditable='true'><p>SKIP</p></div>",
            "<div data-tagit-skip><p>SKIP <b>SKIP</b></p></div>",
            "<mark class='tagit' data-tagit-id='x'>SKIP</mark>",
        ];
        for html in skipped {
            let runs = runs_of(&format!("<p>כן</p>{html}<p>גם</p>"));
            assert!(
                runs.iter().all(|r| !r.contains("SKIP")),
                "{html}: read {runs:?}"
            );
            assert!(runs.contains(&"כן".to_string()), "{html}: {runs:?}");
            assert!(runs.contains(&"גם".to_string()), "{html}: {runs:?}");
        }
    }

    #[wasm_bindgen_test]
    fn a_skipped_inline_element_breaks_the_run() {
        assert_eq!(
            runs_of("<p>סשה <code>x</code> טרופנוב</p>"),
            ["סשה ", " טרופנוב"]
        );
    }

    #[wasm_bindgen_test]
    fn a_root_inside_a_skipped_element_is_left_alone() {
        let root = fixture("<div data-tagit-skip><p id='inner'>סשה טרופנוב</p></div>");
        let inner = root.query_selector("#inner").unwrap().unwrap();
        let summary = annotate_fake(&inner);
        assert_eq!((summary.total, summary.error), (0, None));
        assert!(marks(&root).is_empty());
        root.remove();
    }

    #[wasm_bindgen_test]
    fn skipped_text_is_not_wrapped_even_when_it_matches() {
        let root = fixture(&format!(
            "<p>{SASHA}</p><pre>{SASHA}</pre><div contenteditable>{SASHA}</div><p data-tagit-skip>{SASHA}</p>"
        ));
        let summary = annotate_fake(&root);
        assert_eq!(summary.total, 1);
        let m = marks(&root);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].parent_element().unwrap().local_name(), "p");
        root.remove();
    }
}
