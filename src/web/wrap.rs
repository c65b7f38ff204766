//! Writing to the page: wrapping span pieces of a run in `<mark>` elements.
//!
//! Only DOM methods are used (`createElement`, `setAttribute`, `splitText`, `insertBefore`,
//! `appendChild`); page text never passes through an HTML parser. Every change is logged in
//! `registry` as it is made, so a failure half-way can be rolled back exactly.
//!
//! The page's own text nodes never move: every piece is cut out of a node with
//! `splitText` (the page's node keeps the text before it, possibly none) and only the
//! nodes `splitText` created go into marks. A framework holding the node therefore finds
//! it where it left it, and `watch` can tell a write to it from one of ours.

use super::registry::{self, Op, RunId};
use super::walk::Run;
use super::watch;
use crate::html_rules;
use crate::offsets::{self, Unit};
use crate::span::{Label, Span};
use wasm_bindgen::JsValue;
use web_sys::{Document, Text};

/// The namespace and qualified name of the attribute only tagit's marks carry (`tagit.css`
/// matches `mark[tagit|own]` with `@namespace tagit url("urn:x-tagit:mark")`).
pub(crate) const OWN_NS: &str = "urn:x-tagit:mark";
pub(crate) const OWN_ATTR: &str = "tagit:own";

/// The part of one span that lies in one text node, in UTF-16 units of that node's data.
struct Piece {
    node: usize,
    start: u32,
    end: u32,
    span: usize,
}

/// Wraps `spans` (byte offsets into `run.text`) in marks, calling `found` once per entity
/// wrapped. On `Err` the changes made so far stay logged; the caller rolls them back.
pub(crate) fn wrap_run(
    run: &Run,
    spans: &[Span],
    found: &mut dyn FnMut(Label),
) -> Result<(), JsValue> {
    let spans = html_rules::wrappable(&run.text, spans);
    let Some(doc) = run.nodes.first().and_then(|(n, _)| n.owner_document()) else {
        return Ok(());
    };
    if spans.is_empty() {
        return Ok(());
    }

    // One pass converts every boundary we need to UTF-16: node starts, then span ends.
    let n = run.nodes.len();
    let mut bytes: Vec<usize> = run.nodes.iter().map(|(_, b)| *b).collect();
    bytes.push(run.text.len());
    for s in &spans {
        bytes.push(s.start);
        bytes.push(s.end);
    }
    let units = offsets::bytes_to(&run.text, &bytes, Unit::Utf16);
    let node_units = &units[..=n];

    // Spans are sorted and disjoint, and nodes are in text order, so one merge pass finds
    // every piece: a block of 50k inline nodes holding 25k names stays linear.
    let mut pieces = Vec::new();
    let mut first = 0;
    for k in 0..spans.len() {
        let (start, end) = (units[n + 1 + 2 * k], units[n + 2 + 2 * k]);
        while first < n && node_units[first + 1] <= start {
            first += 1;
        }
        for node in first..n {
            let (ns, ne) = (node_units[node], node_units[node + 1]);
            if ns >= end {
                break;
            }
            if start < ne {
                pieces.push(Piece {
                    node,
                    start: (start.max(ns) - ns) as u32,
                    end: (end.min(ne) - ns) as u32,
                    span: k,
                });
            }
        }
    }
    // Already in this order (spans are sorted and disjoint); sorted to not depend on it.
    pieces.sort_by_key(|p| (p.node, p.start));
    let ids: Vec<String> = spans.iter().map(|_| registry::next_id()).collect();
    let log = registry::begin_run();
    let mut rest = &pieces[..];

    while let Some(first) = rest.first() {
        let len = rest.iter().take_while(|p| p.node == first.node).count();
        let (group, next) = rest.split_at(len);
        rest = next;
        let (node, _) = &run.nodes[first.node];
        let node_len = (node_units[first.node + 1] - node_units[first.node]) as u32;
        // Every boundary inside the node, ascending; 0 too, so the page's node keeps its
        // place (empty) and only created nodes are wrapped.
        let mut cuts: Vec<u32> = Vec::with_capacity(2 * group.len());
        for p in group {
            for at in [p.start, p.end] {
                if at < node_len && cuts.last() != Some(&at) {
                    cuts.push(at);
                }
            }
        }
        let Some(parent) = node.parent_node() else {
            continue;
        };
        let mut segments = Vec::with_capacity(cuts.len() + 1);
        let split = Split {
            run: log,
            page: node,
            parent: &parent,
        };
        split.all(node.clone(), 0, &cuts, &mut segments)?;
        for p in group {
            // The segment that starts where the piece starts (never the page's node: every
            // piece start is a cut).
            let index = cuts.partition_point(|&c| c <= p.start);
            wrap_node(log, &doc, &segments[index], spans[p.span], &ids[p.span])?;
        }
    }
    // The tree the run lives in (all its nodes share one).
    watch::observe(&run.nodes[0].0);
    for s in &spans {
        found(s.label);
    }
    Ok(())
}

/// Where the splits of one page text node are logged.
struct Split<'a> {
    run: RunId,
    /// The page's node the splits start from.
    page: &'a Text,
    /// The node that holds it.
    parent: &'a web_sys::Node,
}

impl Split<'_> {
    /// Splits `node` (whose data starts at `base` in the page's node) at every offset in
    /// `cuts` (ascending, inside the node), appending the resulting nodes to `out` in order.
    ///
    /// Halving, not cutting one piece off after another: each `splitText` copies the data
    /// on both sides, so a chain of cuts on one node is quadratic (a 1 MB text node with
    /// 30k names froze the page), while halving copies each character once per level,
    /// O(n log k). The page's node stays the leftmost segment, and undoing the splits
    /// newest first merges them back pairwise in the same way.
    fn all(&self, node: Text, base: u32, cuts: &[u32], out: &mut Vec<Text>) -> Result<(), JsValue> {
        if cuts.is_empty() {
            out.push(node);
            return Ok(());
        }
        let mid = cuts.len() / 2;
        let tail = node.split_text(cuts[mid] - base)?;
        registry::record(
            self.run,
            Op::Split {
                page: self.page.clone(),
                parent: self.parent.clone(),
                origin: node.clone(),
                created: tail.clone(),
            },
        );
        self.all(node, base, &cuts[..mid], out)?;
        self.all(tail, cuts[mid], &cuts[mid + 1..], out)
    }
}

/// Wraps the whole of `target` in a mark for `span`.
fn wrap_node(
    run: RunId,
    doc: &Document,
    target: &Text,
    span: &Span,
    id: &str,
) -> Result<(), JsValue> {
    let Some(parent) = target.parent_node() else {
        return Ok(());
    };
    let mark = doc.create_element("mark")?;
    let label = span.label.as_str();
    mark.set_attribute("class", &format!("tagit tagit-{label}"))?;
    mark.set_attribute("data-tagit-label", label)?;
    // The mark of tagit's own marks for `tagit.css`: an attribute in a namespace, which the
    // HTML parser never gives an HTML element, so no markup (a sanitised comment, a copied
    // paragraph) can carry it; only a page script could forge it.
    mark.set_attribute_ns(Some(OWN_NS), OWN_ATTR, "")?;
    mark.set_attribute("data-tagit-id", id)?;
    if let Some(value) = &span.value {
        mark.set_attribute("data-tagit-value", value)?;
    }
    // Attribute values, never markup: a dictionary's strings cannot inject anything.
    if let Some(e) = &span.entity {
        mark.set_attribute("data-tagit-canonical", &e.canonical)?;
        if let Some(link) = &e.link {
            mark.set_attribute("data-tagit-link", link)?;
        }
        if let Some(id) = &e.id {
            mark.set_attribute("data-tagit-entity-id", id)?;
        }
    }
    parent.insert_before(&mark, Some(target))?;
    registry::record(run, Op::Wrap { mark: mark.clone() });
    mark.append_child(target)?;
    Ok(())
}
