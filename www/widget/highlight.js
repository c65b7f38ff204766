// Non-mutating mode: paints mentions with the CSS Custom Highlight API (CSS.highlights)
// instead of wrapping them in <mark>s, so the page's DOM is never changed (safe next to
// React/Vue hydration and editors). Trade-offs: ::highlight() can only set colours and text
// decorations (no padding, radius or borders), highlights are not focusable (keyboard
// readers reach entities through the panel), and the tooltip works by hit-testing the caret
// position under the pointer. Ranges are built in JS from the UTF-16 spans that the wasm's
// `TagitArticle.annotate(text)` returns for each block's text (session.js).

import { BLOCKS, SKIP } from './chunk.js';

/** True when this browser can paint highlights without touching the DOM. */
export function highlightSupported() {
  return typeof CSS !== 'undefined' && !!CSS.highlights && typeof Highlight === 'function' && typeof Range === 'function';
}

/**
 * The text nodes of `block` that are prose, with their start offsets in the joined text.
 * `strayOnly`: only the text outside every prose block (the root's own pass).
 */
export function textOf(block, strayOnly = false) {
  const nodes = [];
  let text = '';
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) =>
      n.parentElement?.closest(SKIP) || (strayOnly && block.contains(n.parentElement?.closest(BLOCKS)))
        ? NodeFilter.FILTER_REJECT
        : NodeFilter.FILTER_ACCEPT,
  });
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    nodes.push({ node: n, start: text.length });
    text += n.data;
  }
  return { text, nodes };
}

/** Ranges covering [start, end) of the joined text (one per text node touched). */
export function rangesFor(nodes, start, end) {
  const out = [];
  for (const { node, start: s } of nodes) {
    const e = s + node.data.length;
    if (e <= start) continue;
    if (s >= end) break;
    const r = new Range();
    r.setStart(node, Math.max(0, start - s));
    r.setEnd(node, Math.min(node.data.length, end - s));
    if (!r.collapsed) out.push(r);
  }
  return out;
}

/** Registers and unregisters tagit's highlights; finds the mention under the pointer. */
export class HighlightPainter {
  constructor() {
    this.byNode = new Map();
    this.flashTimer = 0;
  }

  /** Paints `mentions` (objects with `label` and `pieces`, the ranges), except `hidden` labels. */
  paint(mentions, hidden = new Set()) {
    const byLabel = new Map();
    this.byNode = new Map();
    for (const m of mentions) {
      for (const r of m.pieces) {
        const arr = this.byNode.get(r.startContainer);
        if (arr) arr.push(m);
        else this.byNode.set(r.startContainer, [m]);
      }
      if (hidden.has(m.label)) continue;
      const arr = byLabel.get(m.label);
      if (arr) arr.push(...m.pieces);
      else byLabel.set(m.label, [...m.pieces]);
    }
    for (const key of [...CSS.highlights.keys()]) if (key.startsWith('tagit-') && key !== 'tagit-flash') CSS.highlights.delete(key);
    for (const [label, ranges] of byLabel) CSS.highlights.set(`tagit-${label}`, new Highlight(...ranges));
  }

  flash(m) {
    clearTimeout(this.flashTimer);
    CSS.highlights.set('tagit-flash', new Highlight(...m.pieces));
    this.flashTimer = setTimeout(() => CSS.highlights.delete('tagit-flash'), 1600);
  }

  /** The mention painted at viewport point (x, y), or null. */
  hitTest(x, y) {
    let node = null;
    if (document.caretPositionFromPoint) node = document.caretPositionFromPoint(x, y)?.offsetNode;
    else if (document.caretRangeFromPoint) node = document.caretRangeFromPoint(x, y)?.startContainer;
    for (const m of (node && this.byNode.get(node)) || []) {
      for (const r of m.pieces) {
        for (const rect of r.getClientRects()) {
          if (x >= rect.left - 1 && x <= rect.right + 1 && y >= rect.top - 1 && y <= rect.bottom + 1) return m;
        }
      }
    }
    return null;
  }

  clear() {
    clearTimeout(this.flashTimer);
    for (const key of [...CSS.highlights.keys()]) if (key.startsWith('tagit-')) CSS.highlights.delete(key);
    this.byNode = new Map();
  }
}
