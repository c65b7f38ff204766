//! Shared helpers for the browser tests (`tests/web_*.rs`).
//!
//! The DOM tests drive `annotate_element_with` with a fake recogniser that marks fixed
//! strings, so they test the walker and wrapper, not the model's accuracy.
#![allow(dead_code)]

use js_sys::Reflect;
use std::cell::RefCell;
use std::rc::Rc;
use tagit::{Label, Span};
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::Closure;
use web_sys::{Element, Node, Text};

/// A name with an attached prefix and a skin-toned emoji nearby, and niqqud inside.
pub const SASHA: &str = "סשה טרופנוב";
/// A date the fake recogniser marks with a value.
pub const OCT7: &str = "7 באוקטובר";
/// A name written with niqqud (combining marks: more bytes, same UTF-16 length as code points).
pub const MOSHE: &str = "מֹשֶׁה כֹּהֵן";

/// Every occurrence of each pattern, as the core would report it (byte offsets).
pub fn find(text: &str, patterns: &[(&str, Label, Option<&str>)]) -> Vec<Span> {
    let mut spans: Vec<Span> = patterns
        .iter()
        .flat_map(|&(p, label, value)| {
            text.match_indices(p).map(move |(start, m)| Span {
                start,
                end: start + m.len(),
                label,
                text: m.to_string(),
                value: value.map(str::to_string),
                confidence: 0.9,
                entity: None,
            })
        })
        .collect();
    spans.sort_by_key(|s| s.start);
    spans
}

/// The fake recogniser: SASHA and MOSHE are PER, OCT7 is a DATE with a value.
pub fn fake(text: &str) -> Vec<Span> {
    find(
        text,
        &[
            (SASHA, Label::PER, None),
            (MOSHE, Label::PER, None),
            (OCT7, Label::DATE, Some("XXXX-10-07")),
        ],
    )
}

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh `<div>` holding `html`, attached to the page.
pub fn fixture(html: &str) -> Element {
    let doc = document();
    let div = doc.create_element("div").unwrap();
    div.set_inner_html(html);
    doc.body().unwrap().append_child(&div).unwrap();
    div
}

/// tagit's marks under `root`, in document order.
pub fn marks(root: &Element) -> Vec<Element> {
    let list = root.query_selector_all("mark[data-tagit-id]").unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into())
        .collect()
}

/// Every text node under `root`, in document order.
pub fn text_nodes(root: &Node) -> Vec<Text> {
    let mut out = Vec::new();
    let mut child = root.first_child();
    while let Some(c) = child {
        if c.node_type() == Node::TEXT_NODE {
            out.push(c.clone().unchecked_into());
        } else {
            out.extend(text_nodes(&c));
        }
        child = c.next_sibling();
    }
    out
}

/// Runs `annotate_element_with` with the fake recogniser.
pub fn annotate_fake(root: &Element) -> tagit::web::Summary {
    tagit::web::annotate_element_with(root.as_ref(), &mut fake)
}

/// `(label, id, text)` of each mark.
pub fn described(root: &Element) -> Vec<(String, String, String)> {
    marks(root)
        .iter()
        .map(|m| {
            (
                m.get_attribute("data-tagit-label").unwrap_or_default(),
                m.get_attribute("data-tagit-id").unwrap_or_default(),
                m.text_content().unwrap_or_default(),
            )
        })
        .collect()
}

/// Runs `f` with `console.error` replaced by a recorder; returns what tagit logged (the
/// test harness's own panic hook logs there too, and is not what is under test).
pub fn console_errors(f: impl FnOnce()) -> Vec<String> {
    let console = Reflect::get(&js_sys::global(), &"console".into()).unwrap();
    let original = Reflect::get(&console, &"error".into()).unwrap();
    let logged = Rc::new(RefCell::new(Vec::new()));
    let sink = logged.clone();
    let recorder = Closure::<dyn FnMut(JsValue)>::new(move |v: JsValue| {
        sink.borrow_mut().push(v.as_string().unwrap_or_default());
    });
    Reflect::set(&console, &"error".into(), recorder.as_ref()).unwrap();
    f();
    Reflect::set(&console, &"error".into(), &original).unwrap();
    logged
        .take()
        .into_iter()
        .filter(|m: &String| m.starts_with("tagit:"))
        .collect()
}
