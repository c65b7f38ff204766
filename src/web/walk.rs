//! Reading the page: which text tagit may touch, cut into runs of prose.
//!
//! A run is the text of one block (paragraph, heading, list item, cell …) from one block
//! boundary to the next, concatenated across inline elements, so a name split by `<b>` or
//! a link is still one string for the recogniser. Block elements, `<br>` and skipped
//! elements end a run; inline elements and comments do not.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Node, Text};

/// Elements whose text is not prose, or not ours to touch: code, form controls, editors,
/// embedded documents, opt-outs, and tagit's own marks.
pub(crate) const SKIP: &str = "script,style,noscript,template,textarea,input,select,option,\
button,code,pre,kbd,samp,svg,math,iframe,object,embed,canvas,video,audio,head,title,\
[contenteditable],[data-tagit-skip],mark[data-tagit-id]";

/// tagit's own marks: a run containing one was annotated before and is left alone.
pub(crate) const OWN_MARK: &str = "mark[data-tagit-id]";

/// Elements that flow inside a line of text. Anything else (including unknown and custom
/// elements) ends a run: joining text across a real boundary could invent an entity
/// ("…Tel" | "Aviv…"), while a missed boundary only loses a rare cross-element match.
const INLINE: &[&str] = &[
    "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "data", "del", "dfn", "em", "font",
    "i", "ins", "label", "mark", "nobr", "q", "s", "small", "span", "strike", "strong", "sub",
    "sup", "time", "tt", "u", "var", "wbr",
];

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

/// True for elements that do not break a run.
pub(crate) fn is_inline(local_name: &str) -> bool {
    INLINE.contains(&local_name)
}

/// Collects the runs of prose under `root` in document order (without looking at `root`'s
/// own ancestors; the caller checks those).
pub(crate) fn collect(root: &Element) -> Result<Vec<Run>, JsValue> {
    let mut runs = Vec::new();
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
                    if el.matches(OWN_MARK)? {
                        run.tainted = true;
                    } else {
                        run.end(&mut runs);
                    }
                } else {
                    let block = !is_inline(&el.local_name());
                    if block {
                        run.end(&mut runs);
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
            following(node, &mut open, &mut run, &mut runs)
        };
    }
    run.end(&mut runs);
    Ok(runs)
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
