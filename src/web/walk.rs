//! Reading the page: which text tagit may touch, cut into runs of prose.
//!
//! A run is the text of one block (paragraph, heading, list item, cell …) from one block
//! boundary to the next, concatenated across inline elements, so a name split by `<b>` or
//! a link is still one string for the recogniser. Block elements, `<br>` and skipped
//! elements end a run; inline elements and comments do not.
//!
//! Content a reader sees that lives in another tree is walked too, each as its own runs:
//! open shadow roots (after the host's start, before its light children, which are what
//! the shadow tree's slots show) and the documents of same-origin iframes. Closed shadow
//! roots and cross-origin frames are unreachable by design and skipped without a word, and
//! a frame that is an editor (`designMode`, an editable body) is skipped like any editor.

use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Node, Text};

/// How many trees deep (shadow roots, frames) the walk goes; a page nesting deeper is
/// pathological, and the bound keeps a self-similar page from recursing without end.
const MAX_TREE_DEPTH: u32 = 16;

/// Elements whose text is not prose, or not ours to touch (shared with the CLI's `--html`).
/// Only the marks the registry knows are tagit's: a run holding one was annotated before and
/// is left alone; a look-alike (page markup that copied or forged a mark) is skipped like the
/// rest, and does not make its run count as annotated.
pub(crate) const SKIP: &str = crate::html_rules::SKIP;

/// The text of one block as the recogniser sees it, and where each text node sits in it.
#[derive(Default)]
pub(crate) struct Run {
    /// The concatenated data of `nodes`.
    pub text: String,
    /// Each text node with the byte offset of its data in `text`.
    pub nodes: Vec<(Text, usize)>,
    /// Set when the block already holds a tagit mark.
    tainted: bool,
}

impl AsRef<str> for Run {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

impl Run {
    fn push(&mut self, node: Text) {
        let data = node.data();
        if !data.is_empty() {
            self.nodes.push((node, self.text.len()));
            self.text.push_str(&data);
        }
    }

    /// Ends the run: keeps it if it has words and was not annotated before.
    fn end(&mut self, runs: &mut Vec<Run>) {
        let run = std::mem::take(self);
        if !run.tainted && !run.text.trim().is_empty() {
            runs.push(run);
        }
    }
}

/// True for elements that do not break a run (shared with the CLI's `--html`).
pub(crate) use crate::html_rules::is_inline;

/// What the runs are collected for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Purpose {
    /// To be wrapped: a run holding one of tagit's marks was annotated before and is left out.
    Wrap,
    /// To be read for the article's context (`TagitArticle.read`): tagit's own marks are read
    /// through like any inline element, so an article whose marks were written before (at
    /// publish time, adopted by `adoptMarks`) still teaches what its text says.
    Read,
}

/// Collects the runs of prose under `root` in document order (without looking at `root`'s
/// own ancestors; the caller checks those), including open shadow trees and same-origin
/// frame documents below it.
pub(crate) fn collect(root: &Node) -> Result<Vec<Run>, JsValue> {
    collect_for(root, Purpose::Wrap)
}

/// [`collect`] for `purpose`.
pub(crate) fn collect_for(root: &Node, purpose: Purpose) -> Result<Vec<Run>, JsValue> {
    let mut runs = Vec::new();
    collect_into(root, &mut runs, 0, purpose)?;
    Ok(runs)
}

fn collect_into(
    root: &Node,
    runs: &mut Vec<Run>,
    depth: u32,
    purpose: Purpose,
) -> Result<(), JsValue> {
    let mut run = Run::default();
    // For each element we descended into: is it a block (leaving it ends the run)?
    let mut open: Vec<bool> = Vec::new();
    let mut next = root.first_child();
    while let Some(node) = next {
        let mut descend = false;
        match node.node_type() {
            Node::TEXT_NODE => run.push(node.clone().unchecked_into()),
            Node::ELEMENT_NODE => {
                let el: &Element = node.unchecked_ref();
                if el.matches(SKIP)? {
                    if super::registry::is_own_mark(el) {
                        if purpose == Purpose::Read {
                            // A mark is inline: its text joins the run.
                            if node.has_child_nodes() {
                                open.push(false);
                                descend = true;
                            }
                        } else {
                            run.tainted = true;
                        }
                    } else {
                        run.end(runs);
                        if depth < MAX_TREE_DEPTH
                            && let Some(body) = frame_body(el)
                        {
                            collect_into(&body, runs, depth + 1, purpose)?;
                        }
                    }
                } else {
                    let shadow = shadow_root(el).filter(|_| depth < MAX_TREE_DEPTH);
                    // A shadow host is a boundary whatever its tag: its text is the shadow
                    // tree's, laid out by the component, not a line the page wrote.
                    let block = shadow.is_some() || !is_inline(&el.local_name());
                    if block {
                        run.end(runs);
                    }
                    if let Some(shadow) = shadow {
                        collect_into(&shadow, runs, depth + 1, purpose)?;
                    }
                    if node.has_child_nodes() {
                        open.push(block);
                        descend = true;
                    }
                }
            }
            _ => {}
        }
        next = if descend {
            node.first_child()
        } else {
            following(node, &mut open, &mut run, runs)
        };
    }
    run.end(runs);
    Ok(())
}

/// `el`'s open shadow root, if it has one (closed ones read as null, by design).
fn shadow_root(el: &Element) -> Option<Node> {
    let root = Reflect::get(el, &JsValue::from_str("shadowRoot")).ok()?;
    root.is_object().then(|| root.unchecked_into())
}

/// The body of the document shown by `el` when `el` is an iframe whose document is
/// same-origin (`contentDocument` is null otherwise) and not an editor. Anything odd on the
/// way (a getter the page redefined to throw, a document without a body) means no frame to
/// walk, not a failed call.
fn frame_body(el: &Element) -> Option<Node> {
    if el.local_name() != "iframe" {
        return None;
    }
    let get = |target: &JsValue, key: &str| {
        Reflect::get(target, &JsValue::from_str(key))
            .ok()
            .filter(|v| !v.is_null() && !v.is_undefined())
    };
    let doc = get(el, "contentDocument").filter(JsValue::is_object)?;
    let design = get(&doc, "designMode").and_then(|m| m.as_string());
    if design.is_some_and(|m| m.eq_ignore_ascii_case("on")) {
        return None;
    }
    let body: Element = get(&doc, "body")
        .filter(JsValue::is_object)?
        .unchecked_into();
    // An editable body (a rich-text editor's frame) or an opted-out one is not prose.
    match body.closest(SKIP) {
        Ok(None) => Some(body.into()),
        _ => None,
    }
}

/// The next node in document order after `node`'s subtree, climbing out of the elements
/// in `open` (ending the run when leaving a block); `None` back at `root`'s level.
fn following(
    mut node: Node,
    open: &mut Vec<bool>,
    run: &mut Run,
    runs: &mut Vec<Run>,
) -> Option<Node> {
    loop {
        if let Some(sibling) = node.next_sibling() {
            return Some(sibling);
        }
        if open.pop()? {
            run.end(runs);
        }
        node = node.parent_node()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn inline_or_block() {
        for (tag, inline) in [
            ("b", true),
            ("a", true),
            ("span", true),
            ("mark", true),
            ("p", false),
            ("div", false),
            ("li", false),
            ("br", false),
            ("img", false),
            ("my-widget", false),
        ] {
            assert_eq!(is_inline(tag), inline, "{tag}");
        }
    }
}
