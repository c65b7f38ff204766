//! The log of every DOM change tagit made, kept per run (one block's text), so each change
//! can be undone exactly, and so a block the page rewrites can be given back to the page.
//!
//! Undoing a run is replaying its log backwards: unwrap a mark (move its children back,
//! drop it), merge a split (append the created node's data to the node it was split from,
//! drop the created node). Only nodes tagit split are ever merged, so the page's own
//! adjacent text nodes stay separate, and the page's nodes keep their identity and their
//! place: `splitText` keeps the original node as the head, and the wrapper never moves a
//! page node into a mark (a piece at its start is split off first, leaving the page's node
//! empty where it was), so a framework that holds the node and later writes
//! `node.data = …`, `parent.removeChild(node)` or `parent.insertBefore(x, node)` still
//! finds it where it left it.
//!
//! When the page does that (see `watch`), the run is undone with the page's changes taken
//! into account ([`Edits`]): a page node the page wrote keeps what it wrote and loses the
//! tails tagit split from it (they hold the old text); a page node the page removed or moved
//! takes its tails' text with it, unless it was empty (the page then removed no text it
//! could see: `normalize()` drops empty text nodes), when the tails stay as plain text; a
//! created node the page removed or moved is the page's business and is left where it is.
//!
//! Which nodes are tagit's is answered by a `WeakMap` from node to run (the page's split
//! nodes, the created tails and the marks), never by attributes the page could copy: a
//! page `<mark data-tagit-id>` is not tagit's.
//!
//! Borrows of the log last one insert or remove, never across DOM calls (see `guard`).

use js_sys::{Object, WeakMap};
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Node, Text};

/// One DOM change.
pub(crate) enum Op {
    /// `created` is the tail that `origin.splitText(..)` returned. `page` is the page's own
    /// text node the chain of splits started from (`origin` itself or an earlier tail of
    /// it), and `parent` the node that held it.
    Split {
        page: Text,
        parent: Node,
        origin: Text,
        created: Text,
    },
    /// `mark` was inserted and a created text node moved into it.
    Wrap { mark: Element },
}

/// What a node is to tagit.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Role {
    /// A page's text node that tagit split (it stays where the page put it).
    Page = 0,
    /// A text node `splitText` created.
    Created = 1,
    /// One of tagit's `<mark>` elements.
    Mark = 2,
}

/// The page's changes to a run's nodes, which undoing it must respect.
#[derive(Default)]
pub(crate) struct Edits {
    /// Text nodes of the run (the page's or tagit's) whose data the page wrote since tagit
    /// split them.
    pub written: Vec<Text>,
}

impl Edits {
    fn wrote(&self, node: &Text) -> bool {
        self.written.iter().any(|w| w.is_same_node(Some(node)))
    }

    /// The page nodes of `ops` the page replaced the text of: it wrote the node and none of
    /// the tails split from it (a framework's `node.data = …`). A page that wrote the tails
    /// too (a translation tool rewriting every text node) keeps every write.
    fn replaced(&self, ops: &[Op]) -> Vec<Text> {
        let mut pages: Vec<Text> = Vec::new();
        for op in ops {
            if let Op::Split { page, .. } = op
                && self.wrote(page)
                && !pages.iter().any(|p| p.is_same_node(Some(page)))
            {
                pages.push(page.clone());
            }
        }
        pages.retain(|p| {
            !ops.iter().any(|op| {
                matches!(op, Op::Split { page, created, .. }
                    if page.is_same_node(Some(p)) && self.wrote(created))
            })
        });
        pages
    }
}

impl Op {
    /// A node of the page's that the change concerns, to decide which root a run belongs to
    /// and whether it is still on the page.
    fn anchor(&self) -> &Node {
        match self {
            Op::Split { page, .. } => page,
            Op::Wrap { mark } => mark,
        }
    }

    /// Reverts the change, respecting the page's edits: `replaced` are the page nodes whose
    /// text the page replaced ([`Edits::replaced`]). Best effort: what the page moved or
    /// removed in between is left where the page put it rather than guessed at.
    fn undo(&self, replaced: &[Text]) {
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
            Op::Split {
                page,
                parent,
                origin,
                created,
            } => {
                // Only a tail still where tagit left it is tagit's to take back.
                let Some(at) = created.parent_node() else {
                    return;
                };
                if !at.is_same_node(Some(parent)) {
                    return;
                }
                if replaced.iter().any(|r| r.is_same_node(Some(page))) {
                    // The page replaced its node's text: the tail holds the old text.
                    let _ = parent.remove_child(created);
                    return;
                }
                let page_in_place = page
                    .parent_node()
                    .is_some_and(|p| p.is_same_node(Some(parent)));
                if !page_in_place && page.length() == 0 {
                    // The page removed a node it saw empty (`normalize()` drops empty text
                    // nodes; mark.js and editors call it): it meant no text to go, so the
                    // tails stay where they are, plain text now.
                    return;
                }
                let adjacent = created
                    .previous_sibling()
                    .is_some_and(|p| p.is_same_node(Some(origin)));
                // A page node removed or moved takes its whole text along; otherwise a tail
                // merges only into the node right before it (something the page put between
                // them stays between them).
                if (!page_in_place || adjacent) && origin.append_data(&created.data()).is_ok() {
                    let _ = parent.remove_child(created);
                }
            }
        }
    }

    /// The nodes this change made tagit's, with their roles.
    fn owned(&self) -> [(&Node, Role); 2] {
        match self {
            Op::Split { page, created, .. } => [(page, Role::Page), (created, Role::Created)],
            Op::Wrap { mark } => [(mark, Role::Mark), (mark, Role::Mark)],
        }
    }
}

/// Identifies a run for as long as the page lives.
pub(crate) type RunId = u32;

thread_local! {
    static RUNS: RefCell<BTreeMap<RunId, Vec<Op>>> = const { RefCell::new(BTreeMap::new()) };
    static NEXT_RUN: Cell<RunId> = const { Cell::new(1) };
    /// node -> run id * 4 + role, for every node a live run owns.
    static OWNERS: WeakMap = WeakMap::new();
    /// Runs recorded since detached runs were last forgotten.
    static SINCE_PRUNE: Cell<usize> = const { Cell::new(0) };
    static NEXT_ID: Cell<u64> = const { Cell::new(1) };
    /// A per-page prefix of mention ids, so page markup cannot name one of them in advance.
    static ID_PREFIX: String = id_prefix();
    static FAIL_AFTER: Cell<Option<usize>> = const { Cell::new(None) };
}

/// Starts the log of a new run and returns its id.
pub(crate) fn begin_run() -> RunId {
    // Now and then (amortised: when the log has grown past what it held at the last
    // prune), forget the runs the page has removed.
    let since = SINCE_PRUNE.get() + 1;
    SINCE_PRUNE.set(since);
    if since > 256 && since > RUNS.with_borrow(BTreeMap::len) {
        SINCE_PRUNE.set(0);
        forget_detached();
    }
    let id = NEXT_RUN.get();
    NEXT_RUN.set(id + 1);
    RUNS.with_borrow_mut(|runs| runs.insert(id, Vec::new()));
    id
}

/// Records a change that has been made to `run`.
pub(crate) fn record(run: RunId, op: Op) {
    OWNERS.with(|owners| {
        for (node, role) in op.owned() {
            owners.set(node.unchecked_ref(), &JsValue::from(key(run, role)));
        }
    });
    RUNS.with_borrow_mut(|runs| {
        if let Some(log) = runs.get_mut(&run) {
            log.push(op);
        }
    });
    if let Some(left) = FAIL_AFTER.get() {
        FAIL_AFTER.set(left.checked_sub(1));
        if left == 0 {
            panic!("injected failure after a DOM change");
        }
    }
}

fn key(run: RunId, role: Role) -> f64 {
    f64::from(run) * 4.0 + f64::from(role as u8)
}

/// The run that owns `node` and the node's role in it, if tagit owns it.
pub(crate) fn owner(node: &JsValue) -> Option<(RunId, Role)> {
    if !node.is_object() {
        return None;
    }
    let v = OWNERS.with(|owners| owners.get(node.unchecked_ref::<Object>()));
    let v = v.as_f64()?;
    let run = (v / 4.0).floor();
    let role = match v - run * 4.0 {
        0.0 => Role::Page,
        1.0 => Role::Created,
        _ => Role::Mark,
    };
    Some((run as RunId, role))
}

/// Whether `el` is one of tagit's live marks (not page markup that looks like one).
pub(crate) fn is_own_mark(el: &JsValue) -> bool {
    owner(el).is_some_and(|(_, role)| role == Role::Mark)
}

/// Test hook: the DOM change after the next `changes` ones panics once it is made,
/// standing in for a bug in the middle of wrapping so tests can check the rollback.
pub(crate) fn fail_after(changes: Option<usize>) {
    FAIL_AFTER.set(changes);
}

/// The id the next run will get: a checkpoint for [`rollback_to`].
pub(crate) fn checkpoint() -> RunId {
    NEXT_RUN.get()
}

/// Undoes, newest first, every run begun at or after `checkpoint`.
pub(crate) fn rollback_to(checkpoint: RunId) {
    while let Some(run) = RUNS.with_borrow(|runs| runs.keys().next_back().copied()) {
        if run < checkpoint {
            break;
        }
        undo_run(run, &Edits::default());
    }
}

/// Undoes `run` (a no-op for a run already undone), respecting the page's `edits`.
/// Returns the node that held the run's first page node, for telling the caller which
/// block came back.
pub(crate) fn undo_run(run: RunId, edits: &Edits) -> Option<Node> {
    let ops = RUNS.with_borrow_mut(|runs| runs.remove(&run))?;
    let block = ops.iter().find_map(|op| match op {
        Op::Split { parent, .. } => Some(parent.clone()),
        Op::Wrap { .. } => None,
    });
    let replaced = edits.replaced(&ops);
    for op in ops.iter().rev() {
        op.undo(&replaced);
    }
    disown(&ops);
    block
}

fn disown(ops: &[Op]) {
    OWNERS.with(|owners| {
        for op in ops {
            for (node, _) in op.owned() {
                owners.delete(node.unchecked_ref());
            }
        }
    });
}

/// The runs with a node inside `root` (looking through shadow roots and frames), newest
/// first.
pub(crate) fn runs_within(root: &Node) -> Vec<RunId> {
    let anchors: Vec<(RunId, Node)> = RUNS.with_borrow(|runs| {
        runs.iter()
            .rev()
            .filter_map(|(id, ops)| ops.first().map(|op| (*id, op.anchor().clone())))
            .collect()
    });
    anchors
        .into_iter()
        .filter(|(_, anchor)| contains_composed(root, anchor))
        .map(|(id, _)| id)
        .collect()
}

/// Undoes, newest first, every run inside `root` (runs elsewhere are independent: a split
/// and its merge always concern siblings), and forgets runs whose nodes have left the
/// document so a long-lived page does not leak them.
pub(crate) fn clear_within(root: &Node) {
    for run in runs_within(root) {
        undo_run(run, &Edits::default());
    }
    forget_detached();
}

/// Drops the logs of runs no longer on the page (the page removed the block): nothing of
/// theirs is visible, and keeping them would keep their nodes alive.
fn forget_detached() {
    let detached: Vec<RunId> = RUNS.with_borrow(|runs| {
        runs.iter()
            .filter(|(_, ops)| ops.first().is_none_or(|op| !op.anchor().is_connected()))
            .map(|(id, _)| *id)
            .collect()
    });
    for id in detached {
        if let Some(ops) = RUNS.with_borrow_mut(|runs| runs.remove(&id)) {
            disown(&ops);
        }
    }
}

/// Whether `node` is `root` or below it, looking through shadow roots (to their host) and
/// same-origin frame documents (to their iframe), where the walker also annotates.
pub(crate) fn contains_composed(root: &Node, node: &Node) -> bool {
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
    js_sys::Reflect::get(target, &JsValue::from_str(key))
        .ok()
        .filter(JsValue::is_object)
}

/// A fresh mention id, unique for the lifetime of the page: `<per-page prefix>-<n>`.
pub(crate) fn next_id() -> String {
    let n = NEXT_ID.get();
    NEXT_ID.set(n + 1);
    ID_PREFIX.with(|p| format!("{p}-{n}"))
}

/// Six random base-36 digits (about 31 bits): ids that markup written before the page ran
/// cannot contain.
fn id_prefix() -> String {
    let mut n = (js_sys::Math::random() * 2_176_782_336.0) as u64; // 36^6
    let mut out = [b'0'; 6];
    for d in out.iter_mut().rev() {
        *d = b"0123456789abcdefghijklmnopqrstuvwxyz"[(n % 36) as usize];
        n /= 36;
    }
    String::from_utf8_lossy(&out).into_owned()
}
