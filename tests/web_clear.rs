//! Browser tests: `clearAnnotations` puts the page back exactly as it was.
#![cfg(target_arch = "wasm32")]

mod web_common;

use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;
use web_common::*;
use web_sys::{Element, Text};

wasm_bindgen_test_configure!(run_in_browser);

/// The page's own state: markup, and each text node with its data.
struct Snapshot {
    html: String,
    nodes: Vec<(Text, String)>,
}

impl Snapshot {
    fn take(root: &Element) -> Snapshot {
        Snapshot {
            html: root.inner_html(),
            nodes: text_nodes(root)
                .into_iter()
                .map(|t| (t.clone(), t.data()))
                .collect(),
        }
    }

    /// Same markup, and the very same text node objects holding the same data.
    fn assert_restored(&self, root: &Element, what: &str) {
        assert_eq!(root.inner_html(), self.html, "{what}: markup");
        let now = text_nodes(root);
        assert_eq!(now.len(), self.nodes.len(), "{what}: number of text nodes");
        for (i, (node, (orig, data))) in now.iter().zip(&self.nodes).enumerate() {
            assert!(
                node.is_same_node(Some(orig)),
                "{what}: text node {i} replaced"
            );
            assert_eq!(&node.data(), data, "{what}: text node {i} data");
        }
    }
}

fn clear(root: &Element) {
    tagit::web::clear_annotations(JsValue::from(root.clone()));
}

/// A page with inline markup, emoji, niqqud, and page-made adjacent text nodes that an
/// entity crosses ("סשה " | "טרופנוב" | " אמר").
fn page() -> Element {
    let root = fixture(&format!(
        "<h2>{MOSHE} 👋🏽</h2><p>אתמול <b>סשה</b> טרופנוב נפגש עם {MOSHE} ב-{OCT7} 🇮🇱.</p>\
         <ul><li>{SASHA}</li><li>ב{OCT7}</li></ul><p id='adjacent'></p>"
    ));
    let p = root.query_selector("#adjacent").unwrap().unwrap();
    let doc = document();
    for part in ["סשה ", "טרופנוב", " אמר"] {
        p.append_child(&doc.create_text_node(part)).unwrap();
    }
    root
}

mod exact_restore {
    use super::*;

    #[wasm_bindgen_test]
    fn markup_and_text_node_identity() {
        let root = page();
        let before = Snapshot::take(&root);
        let summary = annotate_fake(&root);
        assert_eq!(summary.total, 7);
        assert_ne!(root.inner_html(), before.html);
        clear(&root);
        before.assert_restored(&root, "after clear");
        assert!(marks(&root).is_empty());
        root.remove();
    }

    #[wasm_bindgen_test]
    fn adjacent_page_text_nodes_stay_separate() {
        let root = page();
        let p = root.query_selector("#adjacent").unwrap().unwrap();
        annotate_fake(&root);
        let pieces: Vec<String> = described(&p).into_iter().map(|d| d.2).collect();
        assert_eq!(pieces, ["סשה ", "טרופנוב"]);
        clear(&root);
        let data: Vec<String> = text_nodes(&p).iter().map(|t| t.data()).collect();
        assert_eq!(data, ["סשה ", "טרופנוב", " אמר"], "never normalize()d");
        root.remove();
    }

    #[wasm_bindgen_test]
    fn a_wholly_wrapped_node_never_leaves_its_place() {
        let root = fixture(&format!("<p><b>{SASHA}</b></p>"));
        let b = root.query_selector("b").unwrap().unwrap();
        let node = b.first_child().unwrap();
        annotate_fake(&root);
        // A framework holding the node still finds it in its parent: the text was split off
        // it, and only the split-off node is in the mark.
        assert!(node.parent_node().unwrap().is_same_node(Some(&b)));
        assert_eq!(node.text_content().as_deref(), Some(""));
        assert_eq!(marks(&b)[0].text_content().as_deref(), Some(SASHA));
        clear(&root);
        assert!(node.parent_node().unwrap().is_same_node(Some(&b)));
        assert_eq!(b.child_nodes().length(), 1);
        root.remove();
    }
}

mod several_calls {
    use super::*;

    #[wasm_bindgen_test]
    fn clear_after_incremental_annotation() {
        let root = page();
        let before = Snapshot::take(&root);
        annotate_fake(&root);
        // Content added later (infinite scroll) is annotated by a second call.
        let extra = document().create_element("p").unwrap();
        extra.set_text_content(Some(&format!("עוד על {SASHA} ו{MOSHE}")));
        root.append_child(&extra).unwrap();
        let extra_before = Snapshot::take(&extra);
        let second = annotate_fake(&root);
        assert_eq!(second.total, 2);
        clear(&root);
        extra_before.assert_restored(&extra, "second call undone");
        root.remove_child(&extra).unwrap();
        before.assert_restored(&root, "original page");
        root.remove();
    }

    #[wasm_bindgen_test]
    fn clearing_one_part_leaves_the_other() {
        let root = page();
        let before = Snapshot::take(&root);
        annotate_fake(&root);
        let list = root.query_selector("ul").unwrap().unwrap();
        let outside = marks(&root).len() - marks(&list).len();
        clear(&list);
        assert!(marks(&list).is_empty());
        assert_eq!(marks(&root).len(), outside);
        clear(&root);
        before.assert_restored(&root, "after clearing the rest");
        root.remove();
    }

    #[wasm_bindgen_test]
    fn clearing_an_untouched_element_changes_nothing() {
        let root = page();
        let before = Snapshot::take(&root);
        clear(&root);
        before.assert_restored(&root, "nothing to clear");
        root.remove();
    }
}
