// The article's blocks, and the scheduling that keeps every task short.
//
// Blocks are the innermost prose containers (p, headings, li, figcaption, …). The wasm
// package treats each as one string, so an entity crossing inline elements is still found.
// Text that lies outside every such block (bare text in a <div>) is caught by one pass
// over the root, which skips the blocks already holding marks.
//
// Work is cut into slices with a turn for the browser between them: `yieldTask` (a bare
// task) after work that changes no DOM, `yieldToBrowser` (the next frame, then an idle
// moment) after work that does, so each frame lays out one small batch.

export const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, dt, dd, blockquote, figcaption, caption, td, th, summary';
export const SKIP =
  'script, style, noscript, template, textarea, input, select, option, button, code, pre, kbd, samp, svg, math, iframe, object, embed, canvas, video, audio, [contenteditable], [data-tagit-skip], [data-tagit-widget]';
/** Work per task that changes no DOM (reading, learning, indexing). */
export const BUDGET_MS = 8;
/**
 * Wrapping per frame: the frame after a batch lays out, pre-paints and paints what it
 * changed, and on a 1 MB page that costs about as much again as the wrapping (more when
 * the garbage collector joins in), so batches stay small.
 */
export const WRAP_BUDGET_MS = 4;

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

/** Gives the browser a turn without waiting for a frame: for work that changes no DOM. */
export function yieldTask() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * A time budget: `await slice()` after each unit of work yields (with `yielder`) once
 * `budget` ms have passed since the last turn. `slice.spent` sums the time spent working.
 */
export function slicer(budget = BUDGET_MS, yielder = yieldTask) {
  let start = performance.now();
  let last = start;
  const slice = async () => {
    const now = performance.now();
    slice.spent += now - last;
    last = now;
    if (now - start > budget) {
      await yielder();
      start = last = performance.now();
    }
  };
  slice.spent = 0;
  return slice;
}

/**
 * The innermost prose blocks under `root`, in document order, and whether prose text lies
 * outside them. `slice` (optional, see `slicer`) is awaited every few hundred elements, so a
 * page of 20,000 paragraphs is read in short tasks.
 */
export async function proseBlocks(root, slice = null) {
  const blocks = [];
  const all = root.querySelectorAll(BLOCKS);
  for (let i = 0; i < all.length; i++) {
    const el = all[i];
    if (slice && i % 256 === 255) await slice();
    if (el.closest(SKIP)) continue;
    if (el.querySelector(BLOCKS)) continue;
    blocks.push(el);
  }
  let stray = false;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let n = 0;
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    if (slice && ++n % 512 === 0) await slice();
    if (!/\S/.test(t.data)) continue;
    const parent = t.parentElement;
    if (!parent || parent.closest(SKIP)) continue;
    const block = parent.closest(BLOCKS);
    if (!block || !root.contains(block)) {
      stray = true;
      break;
    }
  }
  return { blocks, stray };
}

/**
 * The blocks (in document order) on screen or within `margin` viewports of it, found by
 * bisection on their positions, so a 20,000-block article reads a few dozen rectangles,
 * not all of them.
 */
export function blocksNearView(blocks, margin = 1) {
  if (!blocks.length) return [];
  const vh = window.innerHeight || 800;
  const top = -margin * vh;
  const bottom = (1 + margin) * vh;
  // First block whose bottom is below `top` (positions grow with document order).
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid].getBoundingClientRect().bottom < top) lo = mid + 1;
    else hi = mid;
  }
  const near = [];
  for (let i = lo; i < blocks.length; i++) {
    const r = blocks[i].getBoundingClientRect();
    if (r.top > bottom) break;
    near.push(blocks[i]);
  }
  return near;
}

/** Whether the reader can edit `el` (an editor, a CMS in edit mode, designMode). */
export function isEditable(el) {
  return document.designMode === 'on' || !!el?.isContentEditable || !!el?.closest?.('[contenteditable]:not([contenteditable="false" i])');
}
