//! Browser tests: marks written at publish time (`tagit annotate --html`) and taken over by
//! the wasm package (`adoptMarks`) once the embed has verified them and given them tagit's
//! namespaced attribute (`www/widget/ahead.js`).
#![cfg(target_arch = "wasm32")]

mod web_common;

use tagit::web::{Article, adopt_marks, annotate_element_with, clear_annotations, is_tagit_mark};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;
use web_common::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

/// A paragraph with a mark as the CLI writes it, and one without.
fn page() -> Element {
    fixture(
        "<p>אמר <mark class=\"tagit tagit-PER\" data-tagit-id=\"ahead-1\" \
         data-tagit-label=\"PER\">סשה טרופנוב</mark> היום</p><p>שני</p>",
    )
}

/// What the embed does to marks whose digest matched.
fn verify(root: &Element) {
    for m in marks(root) {
        m.set_attribute_ns(Some("urn:x-tagit:mark"), "tagit:own", "")
            .unwrap();
    }
}

/// The page with its mark verified and adopted, as the embed leaves it for the wasm.
fn adopted() -> Element {
    let root = page();
    verify(&root);
    assert_eq!(adopt_marks(js(&root)), 1);
    root
}

fn js(el: &Element) -> JsValue {
    el.clone().into()
}

#[wasm_bindgen_test]
fn only_verified_marks_are_adopted_and_only_once() {
    let root = page();
    let mark = marks(&root)[0].clone();
    assert_eq!(adopt_marks(js(&root)), 0, "markup alone is a look-alike");
    assert!(!is_tagit_mark(js(&mark)));
    verify(&root);
    assert_eq!(adopt_marks(js(&root)), 1);
    assert!(is_tagit_mark(js(&mark)));
    assert_eq!(adopt_marks(js(&root)), 0, "adopted once");
    clear_annotations(js(&root));
    root.remove();
}

#[wasm_bindgen_test]
fn adopted_marks_are_kept_by_later_passes_and_cleared_like_tagits_own() {
    let root = adopted();
    let mut seen = Vec::new();
    let summary = annotate_element_with(root.as_ref(), &mut |t: &str| {
        seen.push(t.to_string());
        Vec::new()
    });
    assert_eq!(summary.error, None);
    assert_eq!(seen, ["שני"], "the marked paragraph was annotated before");
    clear_annotations(js(&root));
    assert!(marks(&root).is_empty(), "clear removes them");
    assert_eq!(root.text_content().unwrap(), "אמר סשה טרופנוב היוםשני");
    root.remove();
}

#[wasm_bindgen_test]
fn an_article_learns_from_the_text_inside_adopted_marks() {
    let root = adopted();
    let mut article = Article::new(JsValue::UNDEFINED);
    let first = root.first_element_child().unwrap();
    // The paragraph's text and the newline that ends each run.
    let text = "אמר סשה טרופנוב היום\n";
    assert_eq!(article.read(js(&first)), text.len() as u32);
    clear_annotations(js(&root));
    root.remove();
}
