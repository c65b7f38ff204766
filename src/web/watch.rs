//! Watching what tagit split, so the page's own writes always win.
//!
//! Frameworks (React, Preact, Vue, Svelte, Lit) keep a reference to "their" text node and
//! re-render with `node.data = …`, `removeChild(node)` or `insertBefore(x, node)`. Wrapping
//! left that node where it was but moved the rest of its old text into tails and marks, so
//! after such a write the block would read the new text followed by stale tails. A
//! `MutationObserver` on every element whose text tagit split reports each change there;
//! its callback runs in the same microtask checkpoint as the page's write, before any
//! paint, and puts the block back the way the page wrote it (`registry::undo_run` with the
//! page's edits), then tells the page with a `tagit:restored` event on `document`
//! (`detail: { elements, reason: "page" }`) so that the block can be annotated again
//! later. The same observer watches the `contenteditable` attribute and does the same
//! (`reason: "editable"`) for a region that becomes editable: tagit's marks must never be
//! saved into a publisher's stored HTML. It observes each tree (the document, a shadow
//! root, a frame's document) once, at its root.
//!
//! Telling tagit's own changes from the page's: everything tagit does to the DOM runs in
//! [`ours`], which first handles the page's records still pending, then discards the
//! records of its own changes. So every record the callback sees is the page's. (Page code
//! run synchronously inside one of tagit's DOM calls, such as a patched DOM method, is
//! counted as tagit's; the rollback of a failed call covers that case.)
//!
//! What counts as touching a run: a write to one of its text nodes, a change inside one of
//! its marks, the removal of one of its nodes, or an insertion between its pieces. An
//! insertion before the page's node, or after the last piece, leaves the text in the
//! page's order and is not a reason to restore.

use super::guard;
use super::registry::{self, Edits, Role, RunId};
use js_sys::{Array, Object, Reflect, WeakSet};
use std::cell::Cell;
use wasm_bindgen::prelude::*;
use web_sys::{
    CustomEvent, CustomEventInit, MutationObserver, MutationObserverInit, MutationRecord, Node,
    Text,
};

/// Why blocks were given back to the page.
#[derive(Clone, Copy)]
enum Reason {
    /// The page wrote to, removed or moved what tagit had split.
    Page,
    /// The region became editable.
    Editable,
}

impl Reason {
    fn as_str(self) -> &'static str {
        match self {
            Reason::Page => "page",
            Reason::Editable => "editable",
        }
    }
}

struct Watcher {
    observer: MutationObserver,
    init: MutationObserverInit,
    /// The trees (documents, shadow roots) observed already.
    trees: WeakSet,
    _callback: Closure<dyn FnMut(Array)>,
}

impl Watcher {
    /// `None` where there is no `MutationObserver` (not a browser).
    fn new() -> Option<Watcher> {
        let callback = Closure::<dyn FnMut(Array)>::new(|records: Array| {
            let _ = guard::run(|| settle(&records));
        });
        let observer = MutationObserver::new(callback.as_ref().unchecked_ref()).ok()?;
        // One registration per tree, not one per element: engines keep an observer's
        // registrations in a list (Gecko searches it on every `observe`), so thousands of
        // them would make wrapping a long article quadratic.
        let init = MutationObserverInit::new();
        init.set_child_list(true);
        init.set_character_data(true);
        init.set_attributes(true);
        init.set_attribute_filter(&Array::of1(&"contenteditable".into()));
        init.set_subtree(true);
        Some(Watcher {
            observer,
            init,
            trees: WeakSet::new(),
            _callback: callback,
        })
    }
}

thread_local! {
    static WATCHER: Option<Watcher> = Watcher::new();
    /// How deep in [`ours`] we are: records are settled on entry and dropped on exit of the
    /// outermost call only.
    static DEPTH: Cell<u32> = const { Cell::new(0) };
}

/// Watches the tree (document or shadow root) that holds `node`, text tagit just split.
pub(crate) fn observe(node: &Node) {
    WATCHER.with(|w| {
        let Some(w) = w else { return };
        let tree = node.get_root_node();
        if !w.trees.has(tree.unchecked_ref::<Object>()) {
            w.trees.add(tree.unchecked_ref::<Object>());
            let _ = w.observer.observe_with_options(&tree, &w.init);
        }
    });
}

/// Runs `f`, tagit's own DOM work: the page's changes still pending are settled first
/// (they happened before), the records of `f`'s changes are dropped after. `f` must not
/// trap (run it under `guard::run`), or the depth count would stay raised.
pub(crate) fn ours<T>(f: impl FnOnce() -> T) -> T {
    let depth = DEPTH.get();
    if depth == 0 {
        let pending = take();
        let _ = guard::run(|| settle(&pending));
    }
    DEPTH.set(depth + 1);
    let out = f();
    DEPTH.set(depth);
    if depth == 0 {
        take();
    }
    out
}

/// The records queued and not delivered.
fn take() -> Array {
    WATCHER.with(|w| match w {
        Some(w) => w.observer.take_records(),
        None => Array::new(),
    })
}

/// Gives back to the page every run the page's `records` touched, then says which blocks
/// came back and why.
fn settle(records: &Array) {
    if records.length() == 0 {
        return;
    }
    for (touched, reason) in [
        (touched_by_page(records), Reason::Page),
        (made_editable(records), Reason::Editable),
    ] {
        if touched.is_empty() {
            continue;
        }
        let blocks = ours(|| {
            guard::run(|| {
                touched
                    .iter()
                    .filter_map(|(run, edits)| registry::undo_run(*run, edits))
                    .collect::<Vec<Node>>()
            })
            .unwrap_or_default()
        });
        announce(&blocks, reason);
    }
}

/// The runs the page's changes touched, each with the page nodes the page wrote.
fn touched_by_page(records: &Array) -> Vec<(RunId, Edits)> {
    let mut touched: Vec<(RunId, Edits)> = Vec::new();
    let mut touch = |run: RunId, written: Option<Text>| {
        let i = match touched.iter().position(|(r, _)| *r == run) {
            Some(i) => i,
            None => {
                touched.push((run, Edits::default()));
                touched.len() - 1
            }
        };
        if let Some(node) = written {
            touched[i].1.written.push(node);
        }
    };
    for record in records.iter() {
        let record: MutationRecord = record.unchecked_into();
        let Some(target) = record.target() else {
            continue;
        };
        match record.type_().as_str() {
            "characterData" => {
                if let Some((run, role)) = registry::owner(&target) {
                    touch(run, (role != Role::Mark).then(|| target.unchecked_into()));
                }
            }
            "childList" => {
                if let Some((run, Role::Mark)) = registry::owner(&target) {
                    touch(run, None);
                }
                let removed = record.removed_nodes();
                for i in 0..removed.length() {
                    if let Some((run, _)) = removed.item(i).and_then(|n| registry::owner(&n)) {
                        touch(run, None);
                    }
                }
                if record.added_nodes().length() > 0
                    && let Some((run, role)) =
                        record.next_sibling().and_then(|n| registry::owner(&n))
                    && role != Role::Page
                {
                    touch(run, None);
                }
            }
            _ => {}
        }
    }
    touched
}

/// The runs inside elements that have just become editable.
fn made_editable(records: &Array) -> Vec<(RunId, Edits)> {
    let mut runs: Vec<RunId> = Vec::new();
    for record in records.iter() {
        let record: MutationRecord = record.unchecked_into();
        let Some(target) = record.target().filter(|_| record.type_() == "attributes") else {
            continue;
        };
        let editable = Reflect::get(&target, &"isContentEditable".into())
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        if editable {
            for run in registry::runs_within(&target) {
                if !runs.contains(&run) {
                    runs.push(run);
                }
            }
        }
    }
    runs.into_iter().map(|r| (r, Edits::default())).collect()
}

/// Dispatches `tagit:restored` on the top document: `detail.elements` are the elements
/// whose text came back, `detail.reason` is "page" or "editable".
fn announce(blocks: &[Node], reason: Reason) {
    if blocks.is_empty() {
        return;
    }
    let _ = guard::run(|| {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let elements = Array::new();
        for b in blocks {
            elements.push(b);
        }
        let detail = Object::new();
        let _ = Reflect::set(&detail, &"elements".into(), &elements);
        let _ = Reflect::set(&detail, &"reason".into(), &reason.as_str().into());
        let init = CustomEventInit::new();
        init.set_detail(&detail);
        if let Ok(event) = CustomEvent::new_with_event_init_dict("tagit:restored", &init) {
            let _ = doc.dispatch_event(&event);
        }
    });
}
