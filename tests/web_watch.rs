//! Browser tests: the page's own writes always win over tagit's marks.
//!
//! Frameworks keep a reference to their text node and write `node.data = …`,
//! `removeChild(node)` or `insertBefore(x, node)` on re-render. tagit never moves the
//! page's node, and a `MutationObserver` gives a block back to the page, as the page wrote
//! it, in the microtask checkpoint of the write (before any paint), dispatching
//! `tagit:restored`. A region made editable is given back the same way.
#![cfg(target_arch = "wasm32")]

mod web_common;

use js_sys::{Array, Promise, Reflect};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_common::*;
use web_sys::{Element, Text};

wasm_bindgen_test_configure!(run_in_browser);

/// Lets the microtasks queued so far run (the watcher's observer among them).
async fn microtasks() {
    JsFuture::from(Promise::resolve(&JsValue::NULL))
        .await
        .unwrap();
}

/// One `tagit:restored` event: its reason and elements.
type Event = (String, Vec<Element>);

/// Records the `tagit:restored` events dispatched while it lives.
struct Restored {
    seen: Rc<RefCell<Vec<Event>>>,
    listener: Closure<dyn FnMut(JsValue)>,
}

impl Restored {
    fn listen() -> Restored {
        let seen = Rc::new(RefCell::new(Vec::new()));
        let sink = seen.clone();
        let listener = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            let detail = Reflect::get(&e, &"detail".into()).unwrap();
            let reason = Reflect::get(&detail, &"reason".into())
                .unwrap()
                .as_string()
                .unwrap();
            let elements: Array = Reflect::get(&detail, &"elements".into())
                .unwrap()
                .unchecked_into();
            let elements = elements.iter().map(JsCast::unchecked_into).collect();
            sink.borrow_mut().push((reason, elements));
        });
        document()
            .add_event_listener_with_callback("tagit:restored", listener.as_ref().unchecked_ref())
            .unwrap();
        Restored { seen, listener }
    }

    fn take(&self) -> Vec<Event> {
        self.seen.take()
    }
}

impl Drop for Restored {
    fn drop(&mut self) {
        let _ = document().remove_event_listener_with_callback(
            "tagit:restored",
            self.listener.as_ref().unchecked_ref(),
        );
    }
}

/// A paragraph with a name, a date and text around them, annotated; and its first text
/// node (the page's, which a framework would hold).
fn annotated(text: &str) -> (Element, Element, Text) {
    let root = fixture(&format!("<p>{text}</p>"));
    let p = root.query_selector("p").unwrap().unwrap();
    let node: Text = p.first_child().unwrap().unchecked_into();
    assert!(annotate_fake(&root).total > 0);
    (root, p, node)
}

#[wasm_bindgen_test]
async fn a_write_to_the_page_node_replaces_the_block_before_the_next_microtask() {
    let events = Restored::listen();
    let (root, p, node) = annotated(&format!("הנשיא {SASHA} נפגש ב-{OCT7} 2024."));
    assert!(node.parent_node().unwrap().is_same_node(Some(&p)));
    node.set_data("ראש הממשלה נפגש בוושינגטון.");
    microtasks().await;
    assert_eq!(
        p.text_content().as_deref(),
        Some("ראש הממשלה נפגש בוושינגטון.")
    );
    assert!(marks(&root).is_empty());
    assert_eq!(p.child_nodes().length(), 1);
    assert!(p.first_child().unwrap().is_same_node(Some(&node)));
    let seen = events.take();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].0, "page");
    assert!(seen[0].1[0].is_same_node(Some(&p)));
    // Nothing of tagit's is left to clear, and clearing changes nothing.
    clear_annotations(&root);
    assert_eq!(
        p.text_content().as_deref(),
        Some("ראש הממשלה נפגש בוושינגטון.")
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn a_node_that_is_all_entity_stays_in_place_and_takes_a_write() {
    let (root, p, node) = annotated(SASHA);
    assert_eq!(node.data(), "", "the page's node kept its place, empty");
    node.set_data("משה");
    microtasks().await;
    assert_eq!(p.text_content().as_deref(), Some("משה"));
    assert_eq!(p.child_nodes().length(), 1);
    root.remove();
}

#[wasm_bindgen_test]
async fn removing_the_page_node_takes_its_old_text_with_it() {
    let (root, p, node) = annotated(&format!("פתיח {SASHA} סוף"));
    let extra = document().create_text_node("אחר");
    p.append_child(&extra).unwrap();
    microtasks().await;
    p.remove_child(&node).unwrap();
    microtasks().await;
    assert_eq!(p.text_content().as_deref(), Some("אחר"));
    assert!(marks(&root).is_empty());
    assert_eq!(
        node.data(),
        format!("פתיח {SASHA} סוף"),
        "the node keeps its text"
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn a_tool_that_rewrites_every_text_node_keeps_every_write() {
    // A translation tool writes each text node's translation, tagit's tails included.
    let (root, p, _) = annotated(&format!("פתיח {SASHA} סוף"));
    for node in text_nodes(&p) {
        let data = node.data();
        if !data.is_empty() {
            node.set_data(&format!("[{data}]"));
        }
    }
    microtasks().await;
    assert!(marks(&root).is_empty());
    assert_eq!(p.text_content().unwrap(), format!("[פתיח ][{SASHA}][ סוף]"));
    root.remove();
}

#[wasm_bindgen_test]
async fn a_page_that_normalizes_loses_no_text() {
    // mark.js and editors call normalize(), which drops the empty node tagit left in place of
    // a name that filled it: the page did not mean to remove any text, and none goes.
    for html in [
        format!("{SASHA} נפגש ב-{OCT7} 2024."),
        format!("<b>{SASHA}</b> נפגש"),
        format!("פתיח {SASHA}"),
    ] {
        let root = fixture(&format!("<p>{html}</p>"));
        let text = root.text_content().unwrap();
        annotate_fake(&root);
        root.query_selector("p").unwrap().unwrap().normalize();
        if let Some(b) = root.query_selector("b").unwrap() {
            b.normalize();
        }
        microtasks().await;
        assert_eq!(root.text_content().unwrap(), text, "{html}");
        clear_annotations(&root);
        assert_eq!(root.text_content().unwrap(), text, "{html}: cleared");
        assert!(marks(&root).is_empty());
        root.remove();
    }
}

#[wasm_bindgen_test]
async fn an_insertion_before_the_page_node_or_after_the_block_changes_nothing() {
    let events = Restored::listen();
    let (root, p, node) = annotated(&format!("פתיח {SASHA} סוף"));
    let n = marks(&root).len();
    p.insert_before(&document().create_text_node("עדכון: "), Some(&node))
        .unwrap();
    p.append_child(&document().create_text_node(" (עודכן)"))
        .unwrap();
    microtasks().await;
    assert_eq!(marks(&root).len(), n, "still annotated");
    assert!(events.take().is_empty());
    assert_eq!(
        p.text_content().unwrap(),
        format!("עדכון: פתיח {SASHA} סוף (עודכן)")
    );
    clear_annotations(&root);
    assert_eq!(
        p.text_content().unwrap(),
        format!("עדכון: פתיח {SASHA} סוף (עודכן)")
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn an_insertion_between_the_pieces_gives_the_block_back_without_losing_text() {
    let (root, p, node) = annotated(&format!("פתיח {SASHA} סוף"));
    // A script that walked the DOM it saw (tagit's mark is the page node's next sibling).
    let next = node.next_sibling().unwrap();
    p.insert_before(&document().create_text_node("[x]"), Some(&next))
        .unwrap();
    microtasks().await;
    assert!(marks(&root).is_empty());
    let text = p.text_content().unwrap();
    assert_eq!(
        text.replace("[x]", ""),
        format!("פתיח {SASHA} סוף"),
        "{text}"
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn writing_into_a_mark_keeps_the_write() {
    let (root, p, _) = annotated(&format!("פתיח {SASHA} סוף"));
    let piece: Text = marks(&root)[0].first_child().unwrap().unchecked_into();
    piece.set_data("משה כהן");
    microtasks().await;
    assert!(marks(&root).is_empty());
    assert_eq!(p.text_content().as_deref(), Some("פתיח משה כהן סוף"));
    root.remove();
}

#[wasm_bindgen_test]
async fn a_region_made_editable_is_restored_exactly_and_left_alone() {
    let events = Restored::listen();
    let root = fixture(&format!(
        "<p>פתיח <b>סשה</b> טרופנוב ו{MOSHE}</p><p>ב-{OCT7} 2024</p>"
    ));
    let html = root.inner_html();
    let nodes: Vec<Text> = text_nodes(&root);
    annotate_fake(&root);
    assert!(!marks(&root).is_empty());
    root.set_attribute("contenteditable", "true").unwrap();
    microtasks().await;
    assert!(marks(&root).is_empty());
    root.remove_attribute("contenteditable").unwrap();
    assert_eq!(root.inner_html(), html);
    for (a, b) in text_nodes(&root).iter().zip(&nodes) {
        assert!(a.is_same_node(Some(b)));
    }
    let seen = events.take();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].0, "editable");
    // While editable, nothing is annotated.
    root.set_attribute("contenteditable", "").unwrap();
    let p = root.query_selector("p").unwrap().unwrap();
    assert_eq!(annotate_fake(&p).total, 0);
    assert_eq!(annotate_fake(&root).total, 0);
    root.remove();
}

#[wasm_bindgen_test]
fn an_editable_document_is_not_annotated() {
    let root = fixture(&format!("<p>{SASHA}</p>"));
    let doc = document();
    Reflect::set(&doc, &"designMode".into(), &"on".into()).unwrap();
    let total = annotate_fake(&root).total;
    Reflect::set(&doc, &"designMode".into(), &"off".into()).unwrap();
    assert_eq!(total, 0);
    root.remove();
}

#[wasm_bindgen_test]
fn only_tagits_own_marks_are_tagits() {
    let root = fixture(&format!(
        "<p>{SASHA}</p><p><mark class=\"tagit tagit-PER\" data-tagit-id=\"1\" data-tagit-label=\"PER\"> הוא רוצח</mark></p>"
    ));
    annotate_fake(&root);
    let all = marks(&root);
    assert_eq!(all.len(), 2);
    let ours: Vec<bool> = all
        .iter()
        .map(|m| tagit::web::is_tagit_mark(m.clone().into()))
        .collect();
    assert_eq!(ours, [true, false]);
    // What tagit.css matches: an attribute in tagit's namespace, which markup cannot carry.
    let styled: Vec<bool> = all
        .iter()
        .map(|m| m.has_attribute_ns(Some("urn:x-tagit:mark"), "own"))
        .collect();
    assert_eq!(styled, [true, false]);
    let id = all[0].get_attribute("data-tagit-id").unwrap();
    assert!(
        id.len() > 7 && id.contains('-'),
        "a per-page prefix: {id:?}"
    );
    clear_annotations(&root);
    assert!(!tagit::web::is_tagit_mark(all[0].clone().into()));
    assert_eq!(marks(&root).len(), 1, "the forged mark stays");
    root.remove();
}

fn clear_annotations(root: &Element) {
    tagit::web::clear_annotations(JsValue::from(root.clone()));
}
