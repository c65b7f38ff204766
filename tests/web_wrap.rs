//! Browser tests: how found spans become `<mark>` elements.
#![cfg(target_arch = "wasm32")]

mod web_common;

use tagit::Label;
use wasm_bindgen_test::*;
use web_common::*;

wasm_bindgen_test_configure!(run_in_browser);

mod marks_carry_label_id_and_value {
    use super::*;

    #[wasm_bindgen_test]
    fn attributes() {
        let root = fixture(&format!("<p>נפגש עם {SASHA} ב-{OCT7} 👋🏽</p>"));
        let summary = annotate_fake(&root);
        assert_eq!(summary.error, None);
        assert_eq!(summary.total, 2);
        assert_eq!(
            (summary.count(Label::PER), summary.count(Label::DATE)),
            (1, 1)
        );
        let m = marks(&root);
        assert_eq!(m.len(), 2);
        let (per, date) = (&m[0], &m[1]);
        assert_eq!(per.local_name(), "mark");
        assert_eq!(
            per.get_attribute("class").as_deref(),
            Some("tagit tagit-PER")
        );
        assert_eq!(
            per.get_attribute("data-tagit-label").as_deref(),
            Some("PER")
        );
        assert_eq!(
            per.get_attribute("data-tagit-value"),
            None,
            "no value, no attribute"
        );
        assert_eq!(per.text_content().as_deref(), Some(SASHA));
        assert_eq!(
            date.get_attribute("class").as_deref(),
            Some("tagit tagit-DATE")
        );
        assert_eq!(
            date.get_attribute("data-tagit-value").as_deref(),
            Some("XXXX-10-07")
        );
        assert_eq!(date.text_content().as_deref(), Some(OCT7));
        // The prefix "ב-" stays outside, as the recogniser said.
        assert_eq!(
            root.text_content().unwrap(),
            format!("נפגש עם {SASHA} ב-{OCT7} 👋🏽")
        );
        assert_ne!(
            per.get_attribute("data-tagit-id"),
            date.get_attribute("data-tagit-id")
        );
        root.remove();
    }

    #[wasm_bindgen_test]
    fn ids_are_unique_across_calls() {
        let a = fixture(&format!("<p>{SASHA}</p>"));
        let b = fixture(&format!("<p>{SASHA}</p>"));
        annotate_fake(&a);
        annotate_fake(&b);
        let id = |r| marks(r)[0].get_attribute("data-tagit-id").unwrap();
        assert_ne!(id(&a), id(&b));
        a.remove();
        b.remove();
    }
}

mod entities_across_inline_elements {
    use super::*;

    #[wasm_bindgen_test]
    fn wrapped_piecewise_with_one_id() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "bold first name",
                "<p><b>סשה</b> טרופנוב אמר</p>",
                &["סשה", " טרופנוב"],
            ),
            (
                "link in the middle",
                "<p>אמר סשה <a href='#x'>טרו</a>פנוב</p>",
                &["סשה ", "טרו", "פנוב"],
            ),
            (
                "nested inline",
                "<p><span>ס<i>שה ט</i></span>רופנוב</p>",
                &["ס", "שה ט", "רופנוב"],
            ),
        ];
        for (name, html, pieces) in cases {
            let root = fixture(html);
            let summary = annotate_fake(&root);
            assert_eq!(summary.total, 1, "{name}: one entity, however many pieces");
            let got = described(&root);
            let texts: Vec<&str> = got.iter().map(|(_, _, t)| t.as_str()).collect();
            assert_eq!(texts, *pieces, "{name}");
            assert!(
                got.iter().all(|(l, id, _)| l == "PER" && *id == got[0].1),
                "{name}: {got:?}"
            );
            // Each piece sits where its text was: the page's inline elements are intact.
            let before = fixture(html);
            assert_eq!(root.text_content(), before.text_content(), "{name}");
            root.remove();
            before.remove();
        }
    }

    #[wasm_bindgen_test]
    fn a_link_keeps_its_piece_inside() {
        let root = fixture("<p>סשה <a href='#x'>טרופנוב</a></p>");
        annotate_fake(&root);
        let a = root.query_selector("a").unwrap().unwrap();
        let inner = marks(&a);
        assert_eq!(inner.len(), 1);
        assert_eq!(inner[0].text_content().as_deref(), Some("טרופנוב"));
        root.remove();
    }
}

mod utf16_offsets_in_the_dom {
    use super::*;

    #[wasm_bindgen_test]
    fn emoji_and_niqqud_before_and_inside() {
        let text = format!("🇮🇱👋🏽 שָׁלוֹם {MOSHE} ו{SASHA} 😀 ב{OCT7}!");
        let root = fixture(&format!("<p>{text}</p>"));
        let summary = annotate_fake(&root);
        assert_eq!(summary.total, 3);
        let texts: Vec<String> = described(&root).into_iter().map(|d| d.2).collect();
        assert_eq!(texts, [MOSHE, SASHA, OCT7]);
        assert_eq!(root.text_content().unwrap(), text);
        root.remove();
    }
}

mod dom_methods_only {
    use super::*;

    #[wasm_bindgen_test]
    fn markup_in_page_text_stays_text() {
        // Text that looks like HTML, inside a span and a value: must never be parsed.
        let root = fixture("<p>&lt;img src=x onerror=alert(1)&gt; סשה טרופנוב</p>");
        let html_before_count = root.query_selector_all("*").unwrap().length();
        let summary = tagit::web::annotate_element_with(root.as_ref(), &mut |t: &str| {
            find(
                t,
                &[(
                    "<img src=x onerror=alert(1)> סשה",
                    Label::PER,
                    Some("<b>\"'&"),
                )],
            )
        });
        assert_eq!(summary.total, 1);
        let m = marks(&root);
        assert_eq!(
            m[0].get_attribute("data-tagit-value").as_deref(),
            Some("<b>\"'&")
        );
        assert_eq!(m[0].child_element_count(), 0, "no element parsed from text");
        assert_eq!(
            root.query_selector_all("*").unwrap().length(),
            html_before_count + 1,
            "only the mark was added"
        );
        assert!(root.query_selector("img").unwrap().is_none());
        root.remove();
    }

    #[wasm_bindgen_test]
    fn bad_spans_from_a_recogniser_are_ignored() {
        let root = fixture(&format!("<p>{SASHA} {OCT7}</p>"));
        let summary = tagit::web::annotate_element_with(root.as_ref(), &mut |t: &str| {
            let mut spans = fake(t);
            let mut bad = spans[0].clone();
            bad.start = 1; // inside the first Hebrew letter
            let mut past = spans[1].clone();
            past.end = t.len() + 10;
            let mut overlap = spans[0].clone();
            overlap.start += 2;
            overlap.end += 4;
            spans.extend([bad, past, overlap]);
            spans
        });
        assert_eq!(summary.error, None);
        assert_eq!(summary.total, 2);
        assert_eq!(described(&root).len(), 2);
        root.remove();
    }
}

mod other_realms {
    use super::*;
    use wasm_bindgen::{JsCast, JsValue};

    #[wasm_bindgen_test]
    fn an_element_from_a_same_origin_iframe() {
        let host = fixture("<iframe></iframe>");
        let iframe = host.query_selector("iframe").unwrap().unwrap();
        let doc: web_sys::Document = js_sys::Reflect::get(&iframe, &"contentDocument".into())
            .unwrap()
            .unchecked_into();
        let p = doc.create_element("p").unwrap();
        p.set_text_content(Some(&format!("👋🏽 {SASHA}")));
        let body = doc.body().unwrap();
        body.append_child(&p).unwrap();
        assert!(!JsValue::from(body.clone()).is_instance_of::<web_sys::Element>());
        let summary = tagit::web::annotate_element_with(body.as_ref(), &mut fake);
        assert_eq!((summary.total, summary.error), (1, None));
        assert_eq!(described(&body)[0].2, SASHA);
        tagit::web::clear_annotations(body.clone().into());
        assert!(marks(&body).is_empty());
        host.remove();
    }
}
