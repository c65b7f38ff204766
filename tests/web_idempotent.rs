//! Browser tests: annotating twice changes nothing the second time.
#![cfg(target_arch = "wasm32")]

mod web_common;

use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;
use web_common::*;

wasm_bindgen_test_configure!(run_in_browser);

mod twice {
    use super::*;

    #[wasm_bindgen_test]
    fn second_call_is_a_no_op() {
        let root = fixture(&format!(
            "<p><b>סשה</b> טרופנוב 👋🏽 ב-{OCT7}</p><p>{MOSHE}</p><p>בלי כלום</p>"
        ));
        let first = annotate_fake(&root);
        assert_eq!(first.total, 3);
        let html = root.inner_html();
        let nodes = text_nodes(&root);
        let second = annotate_fake(&root);
        assert_eq!((second.total, second.error), (0, None));
        assert_eq!(root.inner_html(), html);
        let again = text_nodes(&root);
        assert_eq!(again.len(), nodes.len());
        assert!(
            again
                .iter()
                .zip(&nodes)
                .all(|(a, b)| a.is_same_node(Some(b)))
        );
        root.remove();
    }

    #[wasm_bindgen_test]
    fn a_block_holding_marks_is_not_read_again() {
        // Even a recogniser that would now find something else in the leftover text of an
        // annotated block is not asked about it.
        let root = fixture(&format!("<p>{SASHA} ו{MOSHE}</p><p>חדש</p>"));
        annotate_fake(&root);
        let mut seen = Vec::new();
        tagit::web::annotate_element_with(root.as_ref(), &mut |t: &str| {
            seen.push(t.to_string());
            Vec::new()
        });
        assert_eq!(seen, ["חדש"]);
        root.remove();
    }

    #[wasm_bindgen_test]
    fn only_new_content_is_annotated() {
        let root = fixture(&format!("<p>{SASHA}</p>"));
        annotate_fake(&root);
        let p = document().create_element("p").unwrap();
        p.set_text_content(Some(&format!("{OCT7} ו{SASHA}")));
        root.append_child(&p).unwrap();
        let second = annotate_fake(&root);
        assert_eq!(second.total, 2);
        assert_eq!(marks(&root).len(), 3);
        root.remove();
    }

    #[wasm_bindgen_test]
    fn through_the_js_entry_point() {
        let root = fixture(&format!(
            "<p>{SASHA} נפגש עם ולדימיר פוטין במוסקבה ב-{OCT7} 2024</p>"
        ));
        let el = JsValue::from(root.clone());
        let first = tagit::web::annotate_element(el.clone(), JsValue::UNDEFINED);
        let html = root.inner_html();
        let second = tagit::web::annotate_element(el, JsValue::UNDEFINED);
        let total = |s: &JsValue| js_sys::Reflect::get(s, &"total".into()).unwrap().as_f64();
        assert!(first.is_object() && total(&first).is_some());
        assert_eq!(total(&second), Some(0.0));
        assert_eq!(root.inner_html(), html);
        root.remove();
    }
}
