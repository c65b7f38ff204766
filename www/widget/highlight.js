// Non-mutating mode: paints the entities with the CSS Custom Highlight API (CSS.highlights)
// instead of wrapping them in <mark>s, so the page's DOM is never changed (safe next to
// React/Vue hydration and editors). Trade-offs: ::highlight() can only set colours and text
// decorations (no padding, radius or borders), highlights are not focusable (keyboard
// readers reach entities through the panel), and the tooltip works by hit-testing the caret
// position under the pointer. Ranges are built in JS from the UTF-16 spans that the wasm's
// annotate(text) returns for each block's text.

import { BLOCKS, learnArticle, proseBlocks, yieldToBrowser } from './chunk.js';

const SKIP = 'script, style, noscript, template, textarea, input, select, option, code, pre, svg, math, iframe, [contenteditable], [data-tagit-skip], [data-tagit-widget]';
const BUDGET_MS = 8;

/** True when this browser can paint highlights without touching the DOM. */
export function highlightSupported() {
  return typeof CSS !== 'undefined' && !!CSS.highlights && typeof Highlight === 'function' && typeof Range === 'function';
}

/** The text nodes of `block` that are prose, with their start offsets in the joined text. */
function textOf(block, strayOnly) {
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
function rangesFor(nodes, start, end) {
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

export class HighlightPainter {
  constructor() {
    this.list = [];
    this.byNode = new Map();
    this.hidden = new Set();
    this.seq = 0;
    this.flashTimer = 0;
  }

  /**
   * Annotates `root` block by block, yielding. `api` is the wasm package (its TagitArticle
   * learns the whole article first, as annotateChunked does) or a bare `annotate(text, opts)`.
   */
  async annotate(api, root, opts) {
    this.clear();
    const { blocks, stray } = proseBlocks(root);
    if (stray || !blocks.length) blocks.push(root);
    let annotate = typeof api === 'function' ? api : api.annotate;
    // The same learning as annotateChunked, fed the painter's own texts of the blocks.
    const article =
      typeof api === 'function'
        ? null
        : await learnArticle(api.TagitArticle, blocks, opts, { learnMs: 0 }, (a, block) =>
            a.addText(textOf(block, block === root).text),
          );
    if (article) annotate = (text) => article.annotate(text);
    try {
      return await this.paintBlocks(annotate, root, blocks, opts);
    } finally {
      article?.free();
    }
  }

  async paintBlocks(annotate, root, blocks, opts) {
    const counts = {};
    let total = 0;
    let longestMs = 0;
    let start = performance.now();
    for (const block of blocks) {
      const t0 = performance.now();
      const { text, nodes } = textOf(block, block === root);
      if (/\S/.test(text)) {
        for (const span of annotate(text, opts)) {
          const ranges = rangesFor(nodes, span.start, span.end);
          if (!ranges.length) continue;
          const m = { id: `h${++this.seq}`, label: span.label, text: span.text, value: span.value, confidence: span.confidence, ranges, order: this.list.length };
          m.parts = () => m.ranges;
          this.list.push(m);
          for (const r of ranges) {
            const arr = this.byNode.get(r.startContainer) || [];
            arr.push(m);
            this.byNode.set(r.startContainer, arr);
          }
          counts[span.label] = (counts[span.label] || 0) + 1;
          total += 1;
        }
      }
      longestMs = Math.max(longestMs, performance.now() - t0);
      if (performance.now() - start > BUDGET_MS) {
        await yieldToBrowser();
        start = performance.now();
      }
    }
    this.paint();
    return { total, counts, longestMs };
  }

  paint() {
    const byLabel = new Map();
    for (const m of this.list) {
      if (this.hidden.has(m.label)) continue;
      const arr = byLabel.get(m.label) || [];
      arr.push(...m.ranges);
      byLabel.set(m.label, arr);
    }
    for (const key of [...CSS.highlights.keys()]) if (key.startsWith('tagit-') && key !== 'tagit-flash') CSS.highlights.delete(key);
    for (const [label, ranges] of byLabel) CSS.highlights.set(`tagit-${label}`, new Highlight(...ranges));
  }

  mentions() {
    return this.list;
  }

  setHidden(hidden) {
    this.hidden = new Set(hidden);
    this.paint();
  }

  flash(m) {
    clearTimeout(this.flashTimer);
    CSS.highlights.set('tagit-flash', new Highlight(...m.ranges));
    this.flashTimer = setTimeout(() => CSS.highlights.delete('tagit-flash'), 1600);
  }

  /** The id of the mention painted at viewport point (x, y), or null. */
  hitTest(x, y) {
    let node = null;
    if (document.caretPositionFromPoint) node = document.caretPositionFromPoint(x, y)?.offsetNode;
    else if (document.caretRangeFromPoint) node = document.caretRangeFromPoint(x, y)?.startContainer;
    const candidates = (node && this.byNode.get(node)) || [];
    for (const m of candidates) {
      for (const r of m.ranges) {
        for (const rect of r.getClientRects()) {
          if (x >= rect.left - 1 && x <= rect.right + 1 && y >= rect.top - 1 && y <= rect.bottom + 1) return m.id;
        }
      }
    }
    return null;
  }

  clear() {
    clearTimeout(this.flashTimer);
    for (const key of [...CSS.highlights.keys()]) if (key.startsWith('tagit-')) CSS.highlights.delete(key);
    this.list = [];
    this.byNode = new Map();
  }
}
