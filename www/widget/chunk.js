// Chunked annotation: the article is annotated block by block, yielding to the browser
// between batches, so no task runs long even on a 1 MB article (a single annotateElement
// call over the whole article would be one long task).
//
// Blocks are the innermost prose containers (p, headings, li, figcaption, …). annotateElement
// treats each as one string, so an entity crossing inline elements is still found. Text that
// lies outside every such block (bare text in a <div>) is caught by one final pass over the
// root, which skips the blocks already holding marks.

export const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, dt, dd, blockquote, figcaption, caption, td, th, summary';
const SKIP = 'script, style, noscript, template, textarea, input, select, option, code, pre, svg, math, iframe, [contenteditable], [data-tagit-skip], [data-tagit-widget]';
/** Work per task that changes no DOM (reading, learning). */
const BUDGET_MS = 8;
/**
 * Wrapping per frame: the frame after a batch lays out, pre-paints and paints what it
 * changed, and on a 1 MB page that costs about as much again as the wrapping (more when
 * the garbage collector joins in), so batches stay small.
 */
const WRAP_BUDGET_MS = 4;

/**
 * Gives the browser a turn before the next batch: waits for the next frame, so the layout of
 * what this batch wrapped happens in that frame, a batch at a time. Yielding with a bare
 * setTimeout (or scheduler.yield) lets batches pile up between frames, and one frame then
 * lays out hundreds of re-wrapped paragraphs at once (a 300 ms task on a 1 MB article).
 * After the frame, it waits for an idle moment (at most 50 ms): the garbage collector's
 * incremental marking then runs there, instead of inside the next frame's layout, where on
 * a 1 MB page it pushed frames past 50 ms. Hidden tabs get no frames, hence the timer.
 */
export function yieldToBrowser() {
  return new Promise((resolve) => {
    let done = false;
    const go = () => {
      if (!done) {
        done = true;
        resolve();
      }
    };
    if (typeof requestAnimationFrame === 'function' && document.visibilityState !== 'hidden') {
      requestAnimationFrame(() => (window.requestIdleCallback ? requestIdleCallback(go, { timeout: 50 }) : setTimeout(go, 0)));
    }
    setTimeout(go, 100);
  });
}

/** The innermost prose blocks under `root`, in document order, and whether text lies outside them. */
export function proseBlocks(root) {
  const blocks = [];
  for (const el of root.querySelectorAll(BLOCKS)) {
    if (el.closest(SKIP)) continue;
    if (el.querySelector(BLOCKS)) continue;
    blocks.push(el);
  }
  let stray = false;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!/\S/.test(n.data)) continue;
    const parent = n.parentElement;
    if (!parent || parent.closest(SKIP)) continue;
    if (!parent.closest(BLOCKS) || !root.contains(parent.closest(BLOCKS))) {
      stray = true;
      break;
    }
  }
  return { blocks, stray };
}

/**
 * On long articles, the blocks on and near the screen go first, so the reader sees
 * highlights at once; the rest follow in document order. (Reading the rectangles forces at
 * most one layout, which the next frame would do anyway.)
 */
function inViewFirst(blocks) {
  if (blocks.length < 50) return blocks;
  const vh = window.innerHeight || 800;
  const near = [];
  const far = [];
  for (const b of blocks) {
    const r = b.getBoundingClientRect();
    (r.bottom > -vh / 2 && r.top < vh * 1.5 ? near : far).push(b);
  }
  return near.concat(far);
}

/** Gives the browser a turn without waiting for a frame: for work that changes no DOM. */
export function yieldTask() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Learns the article's document-level context with a `TagitArticle` (see the wasm
 * package): feeds it every block in document order (`feed(article, block)`, by default
 * `article.read(block)`), then learns a piece at a time, yielding between batches. Neither
 * changes the DOM, so a bare task yield is enough; the time spent is added to
 * `summary.learnMs`. Returns the article (call `free()` when done) or null when the package
 * has no TagitArticle.
 */
export async function learnArticle(TagitArticle, blocks, opts, summary, feed = (a, b) => a.read(b)) {
  if (typeof TagitArticle !== 'function') return null;
  const article = new TagitArticle(opts);
  let start = performance.now();
  let last = start;
  const pause = async () => {
    const now = performance.now();
    summary.learnMs += now - last;
    last = now;
    if (now - start > BUDGET_MS) {
      await yieldTask();
      start = last = performance.now();
    }
  };
  for (const block of blocks) {
    if (!block.isConnected || block.querySelector('mark.tagit')) continue;
    feed(article, block);
    await pause();
  }
  while (article.learn()) await pause();
  return article;
}

/**
 * Annotates `root` block by block. `api` is the wasm package ({annotateElement,
 * TagitArticle}) or a bare `annotateElement(el, opts)` function. With TagitArticle, the
 * whole article's text is learned first (in yielding steps), so each block is annotated
 * with the article's evidence: a surname three paragraphs after the full name is found
 * as it is in the whole text. Resolves with a summary {total, counts, error?, longestMs,
 * busyMs (time inside annotateElement), learnMs (time learning), blocks}.
 */
export async function annotateChunked(api, root, opts) {
  const summary = { total: 0, counts: {}, longestMs: 0, busyMs: 0, learnMs: 0, blocks: 0 };
  const add = (r) => {
    if (!r) return;
    if (r.error) summary.error = r.error;
    summary.total += r.total || 0;
    for (const [k, v] of Object.entries(r.counts || {})) summary.counts[k] = (summary.counts[k] || 0) + v;
  };
  const found = proseBlocks(root);
  // With no blocks the root is the one piece (annotated whole at the end): learn it, or
  // its own repeated names would lose the document-level pass.
  const pieces = found.blocks.length ? found.blocks : [root];
  const article = typeof api === 'function' ? null : await learnArticle(api.TagitArticle, pieces, opts, summary);
  try {
    const annotateElement = article ? (el) => article.annotateElement(el) : typeof api === 'function' ? api : api.annotateElement;
    await wrapBlocks(annotateElement, root, found, opts, summary, add);
  } finally {
    article?.free();
  }
  return summary;
}

async function wrapBlocks(annotateElement, root, found, opts, summary, add) {
  const blocks = inViewFirst(found.blocks);
  const stray = found.stray;
  let start = performance.now();
  for (const block of blocks) {
    if (!block.isConnected || block.querySelector('mark.tagit')) continue;
    const t0 = performance.now();
    add(annotateElement(block, opts));
    summary.blocks += 1;
    const ms = performance.now() - t0;
    summary.busyMs += ms;
    summary.longestMs = Math.max(summary.longestMs, ms);
    if (summary.error) return;
    if (performance.now() - start > WRAP_BUDGET_MS) {
      await yieldToBrowser();
      start = performance.now();
    }
  }
  if (stray || !blocks.length) {
    const t0 = performance.now();
    add(annotateElement(root, opts));
    const ms = performance.now() - t0;
    summary.busyMs += ms;
    summary.longestMs = Math.max(summary.longestMs, ms);
  }
}
