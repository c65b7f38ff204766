//! The log of every DOM change tagit made, so each can be undone exactly.
//!
//! Undoing is replaying the log backwards: unwrap a mark (move its children back, drop
//! it), merge a split (append the created node's data to the node it was split from, drop
//! the created node). Only nodes tagit split are ever merged, so the page's own adjacent
//! text nodes stay separate, and the page's nodes keep their identity: `splitText` keeps
//! the original node as the head, and a node moved into a mark is moved back.
//!
//! Borrows of the log last one push or pop, never across DOM calls (see `guard`).

use js_sys::Reflect;
use std::cell::{Cell, RefCell};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Node, Text};

/// One DOM change.
pub(crate) enum Op {
    /// `created` is the tail that `origin.splitText(..)` returned.
    Split { origin: Text, created: Text },
    /// `mark` was inserted and the wrapped text node moved into it.
    Wrap { mark: Element },
}

impl Op {
    /// A node inside the changed region, to decide which root an op belongs to.
    fn anchor(&self) -> &Node {
        match self {
            Op::Split { origin, .. } => origin,
            Op::Wrap { mark } => mark,
        }
    }

    /// Reverts the change. Best effort: if the page moved things in between, the parts
    /// that no longer fit are left alone rather than guessed at.
    fn undo(&self) {
        match self {
            Op::Wrap { mark } => {
                let Some(parent) = mark.parent_node() else {
                    return;
                };
                while let Some(child) = mark.first_child() {
                    if parent.insert_before(&child, Some(mark)).is_err() {
                        return;
                    }
                }
                let _ = parent.remove_child(mark);
            }
            Op::Split { origin, created } => {
                let adjacent = created
                    .previous_sibling()
                    .is_some_and(|p| p.is_same_node(Some(origin)));
                if let (true, Some(parent)) = (adjacent, created.parent_node())
                    && origin.append_data(&created.data()).is_ok()
                {
                    let _ = parent.remove_child(created);
                }
            }
        }
    }
}

thread_local! {
    static LOG: RefCell<Vec<Op>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u64> = const { Cell::new(1) };
    static FAIL_AFTER: Cell<Option<usize>> = const { Cell::new(None) };
}

/// Records a change that has been made.
pub(crate) fn record(op: Op) {
    LOG.with_borrow_mut(|log| log.push(op));
    if let Some(left) = FAIL_AFTER.get() {
        FAIL_AFTER.set(left.checked_sub(1));
        if left == 0 {
            panic!("injected failure after a DOM change");
        }
    }
}

/// Test hook: the DOM change after the next `changes` ones panics once it is made,
/// standing in for a bug in the middle of wrapping so tests can check the rollback.
pub(crate) fn fail_after(changes: Option<usize>) {
    FAIL_AFTER.set(changes);
}

/// How many changes are recorded (a checkpoint for [`rollback_to`]).
pub(crate) fn len() -> usize {
    LOG.with_borrow(Vec::len)
}

/// Undoes, newest first, every change recorded after `checkpoint`.
pub(crate) fn rollback_to(checkpoint: usize) {
    loop {
        let op = LOG.with_borrow_mut(|log| {
            if log.len() > checkpoint {
                log.pop()
            } else {
                None
            }
        });
        match op {
            Some(op) => op.undo(),
            None => break,
        }
    }
}

/// Undoes, newest first, every change inside `root` (changes elsewhere are independent:
/// a split and its merge always concern siblings). Changes to nodes that have since left
/// the document are forgotten so a long-lived page does not leak them.
pub(crate) fn clear_within(root: &Node) {
    let ops = LOG.with_borrow_mut(std::mem::take);
    let mut kept = Vec::with_capacity(ops.len());
    for op in ops.into_iter().rev() {
        let anchor = op.anchor();
        if contains_composed(root, anchor) {
            op.undo();
        } else if anchor.is_connected() {
            kept.push(op);
        }
    }
    kept.reverse();
    LOG.with_borrow_mut(|log| {
        // Anything recorded meanwhile (a re-entrant call) is newer than what we kept.
        kept.append(log);
        *log = kept;
    });
}

/// Whether `node` is `root` or below it, looking through shadow roots (to their host) and
/// same-origin frame documents (to their iframe), where the walker also annotates.
fn contains_composed(root: &Node, node: &Node) -> bool {
    let mut node = node.clone();
    // Bounded like the walk: a tree is entered only below its host or frame element.
    for _ in 0..64 {
        if root.contains(Some(&node)) {
            return true;
        }
        let top = node.get_root_node();
        let up = match top.node_type() {
            Node::DOCUMENT_FRAGMENT_NODE => get(&top, "host"),
            Node::DOCUMENT_NODE => get(&top, "defaultView").and_then(|w| get(&w, "frameElement")),
            _ => None,
        };
        match up {
            Some(up) => node = up.unchecked_into(),
            None => return false,
        }
    }
    false
}

/// `target[key]` when it is an object (null, undefined and a throwing getter are `None`).
fn get(target: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(target, &JsValue::from_str(key))
        .ok()
        .filter(JsValue::is_object)
}

/// A fresh entity id, unique for the lifetime of the page.
pub(crate) fn next_id() -> u64 {
    NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    })
}
