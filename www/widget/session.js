// One annotated article: what tagit knows about it, and the work that keeps the page right.
//
// A session owns the article's blocks (chunk.js), the article's learned context (a wasm
// `TagitArticle`, kept for the page's life so content added later is read in context), the
// index of every mention (what the panel lists and `tagit:annotated` counts), and how the
// mentions are shown: wrapped in <mark>s by the wasm package, or painted with the CSS Custom
// Highlight API (highlight.js), which never touches the DOM.
//
// The page is someone else's house, so the session also keeps out of the page's way:
//   - Blocks the page rewrote come back to it. The wasm package restores a block the page
//     writes to (a framework re-rendering its text) in the write's own microtask and says
//     so with `tagit:restored`; the session drops that block's mentions and wraps it again
//     once it has been quiet for a while, backing off if the page keeps rewriting it.
//   - Editable regions are left alone: the wasm package restores a region made
//     `contenteditable`; `designMode` (which no observer sees) is checked on the reader's
//     first keystroke, pointer or focus and every second; annotation resumes when editing ends.
//   - Long articles are wrapped where the reader is: above `LAZY_BYTES` of text, only the
//     blocks within a viewport of the screen are wrapped (first with a quick context learned
//     from them, so highlights appear at once, then with the whole article's), the rest as
//     the reader scrolls near them. Every block is still indexed (`TagitArticle.scan`), so
//     the panel and the counts cover the whole article. (Not an IntersectionObserver: with
//     20,000 blocks observed, Chromium spent up to 130 ms a frame computing intersections;
//     a bisection over the blocks' positions on scroll reads a few dozen rectangles.)

import { BUDGET_MS, WRAP_BUDGET_MS, blocksNearView, isEditable, proseBlocks, slicer, yieldToBrowser } from './chunk.js';
import { HighlightPainter, rangesFor, textOf } from './highlight.js';

/** Above this much text (UTF-8 bytes), marks are wrapped near the reader only. */
export const LAZY_BYTES = 150_000;
/** A block the page rewrote is wrapped again after this long, doubled at each rewrite. */
const REWRAP_MS = 400;
const REWRAP_MAX_MS = 15_000;
/** How often a held (editable) region and `designMode` are checked. */
const EDIT_POLL_MS = 1000;

/** One highlighted span: its pieces are <mark>s (marks mode, once wrapped) or Ranges. */
export class Mention {
  constructor(id, span, block, order) {
    this.id = id;
    this.label = span.label;
    this.text = span.text;
    this.value = span.value ?? null;
    this.confidence = span.confidence ?? null;
    /** What a dictionary entry or tagit's knowledge list says the mention names, if anything. */
    this.canonical = span.canonical || null;
    this.link = span.link || null;
    this.entityId = span.entityId || null;
    this.block = block;
    this.order = order;
    this.pieces = [];
  }

  parts() {
    return this.pieces;
  }

  get wrapped() {
    return this.pieces.length > 0;
  }
}

/** A prose block of the article and what is known of it. */
class Block {
  constructor(el) {
    this.el = el;
    /** 'new' | 'indexed' | 'wrapped' | 'held' (given back to the page, waiting) */
    this.state = 'new';
    this.mentions = [];
    /** Wrapped with the quick context (long articles), to be wrapped again with the full one. */
    this.quick = false;
    this.restores = 0;
    this.timer = 0;
    this.editable = false;
  }
}

/**
 * What the widget reads of any article it shows, here and in ahead.js (a pre-annotated
 * page): counts over the mentions, and listeners told when they change or the article ends.
 * A subclass has `mentions()`.
 */
export class MentionSource {
  constructor() {
    this.listeners = new Set();
  }

  /** `{total, counts}` over `mentions` (default: all). */
  count(mentions = this.mentions()) {
    const counts = {};
    for (const m of mentions) counts[m.label] = (counts[m.label] || 0) + 1;
    return { total: mentions.length, counts };
  }

  /** Calls `fn({ended})` whenever the mentions change; returns the unsubscribe function. */
  subscribe(fn) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Tells the listeners now (a failing one is reported, the others still hear). */
  notify(ended) {
    for (const fn of this.listeners) {
      try {
        fn({ ended });
      } catch (err) {
        console.error('tagit:', err);
      }
    }
    if (ended) this.listeners.clear();
  }
}

export class Session extends MentionSource {
  /**
   * `mod`: the wasm package; `root`: the article element; `opts`: TagitOptions;
   * `highlight`: paint with the Highlight API instead of marks.
   */
  constructor(mod, root, opts, { highlight = false } = {}) {
    super();
    this.mod = mod;
    this.root = root;
    this.opts = opts;
    this.painter = highlight ? new HighlightPainter() : null;
    this.mode = highlight ? 'highlight' : 'marks';
    this.blocks = [];
    this.byEl = new WeakMap();
    this.byMark = new Map();
    this.stray = null;
    this.article = null;
    this.lazy = false;
    this.queue = new Set();
    this.pumping = false;
    this.frozen = false;
    this.destroyed = false;
    this.seq = 0;
    this.hidden = new Set();
    /** `(mention) => boolean`: mentions the reader said are wrong (the widget's "not X?"). */
    this.dismissed = null;
    this.cleanups = [];
    this.stats = { longestMs: 0, busyMs: 0, learnMs: 0, blocks: 0 };
  }

  // ---- what the widget reads -------------------------------------------------------

  /** Every mention of the article, in document order (which `order` then says). */
  mentions() {
    const out = [];
    for (const b of this.blocks) for (const m of b.mentions) out.push(m);
    if (this.stray) for (const m of this.stray.mentions) out.push(m);
    out.forEach((m, i) => (m.order = i));
    return out;
  }

  /** Tells the listeners, once for all the changes of this task. */
  changed() {
    if (this.changeTimer) return;
    this.changeTimer = setTimeout(() => {
      this.changeTimer = 0;
      this.notify(false);
    }, 0);
  }

  /** The mention a mark (one of tagit's own) belongs to. */
  mentionOfMark(mark) {
    if (!mark || !this.mod.isTagitMark(mark)) return null;
    return this.byMark.get(mark.getAttribute('data-tagit-id')) || null;
  }

  /**
   * Wraps the block of `m` now if it is not (a keyboard or panel jump). Returns the mention
   * as it is now (wrapping may replace the indexed object), or null when it cannot be shown.
   */
  ensureWrapped(m) {
    if (m.wrapped) return m;
    const b = m.block;
    const i = b ? b.mentions.indexOf(m) : -1;
    if (i < 0 || this.destroyed || this.frozen) return null;
    this.wrap(b);
    this.repaint();
    const now = b.mentions[i];
    return now?.wrapped ? now : null;
  }

  /**
   * Labels the reader switched off, and (optionally) a test for single mentions the reader
   * dismissed: not painted in highlight mode.
   */
  setHidden(hidden, dismissed = this.dismissed) {
    this.hidden = new Set(hidden);
    this.dismissed = dismissed;
    this.repaint();
  }

  /** Highlight mode: paints what is shown now (the blocks near the reader, on a long article). */
  repaint() {
    if (!this.painter || this.destroyed || this.frozen) return;
    const dismissed = this.dismissed;
    this.painter.paint(this.mentions().filter((m) => m.wrapped && !dismissed?.(m)), this.hidden);
  }

  // ---- the first pass --------------------------------------------------------------

  /** Reads, learns, indexes and shows the article. Resolves with the summary. */
  async start() {
    const slice = slicer();
    const found = await proseBlocks(this.root, slice);
    this.adopt(found.blocks);
    if (found.stray || !found.blocks.length) this.stray = new Block(this.root);
    const pieces = this.blocks.length ? this.blocks : [this.stray];
    this.watch();

    // Read every block first (cheap, and before any of it is wrapped), then learn.
    const full = this.newArticle();
    let bytes = 0;
    for (const b of pieces) {
      bytes += this.read(full, b);
      await slice();
    }
    this.lazy = bytes > LAZY_BYTES && this.blocks.length > 1;
    if (this.lazy) {
      // Highlights where the reader is, at once: a context learned from those blocks only.
      const near = blocksNearView(this.blocks.map((b) => b.el)).map((el) => this.byEl.get(el));
      const quick = this.newArticle();
      for (const b of near) this.read(quick, b);
      while (quick.learn()) await slice();
      this.quickArticle = quick;
      await this.wrapAll(near, quick);
      this.observeViewport();
    }
    while (full.learn()) await slice();
    this.stats.learnMs += slice.spent;
    if (this.destroyed) return full.free();
    this.article = full;
    if (this.quickArticle) {
      // What the quick context showed is shown again only where the whole article's
      // context finds something else: each frame that changes a long page costs the
      // browser a full layout of it.
      const redo = [];
      for (const b of this.blocks) {
        if (!b.quick || b.state !== 'wrapped') continue;
        if (this.sameWithContext(b, full)) {
          b.quick = false;
          continue;
        }
        this.unwrap(b);
        b.state = 'new';
        redo.push(b);
        await slice();
      }
      await this.wrapAll(redo);
      this.quickArticle.free();
      this.quickArticle = null;
    }
    // A long article is indexed without being shown (its blocks are shown as the reader
    // nears them); a short one is simply shown whole, which indexes it.
    if (this.lazy) await this.index();
    else await this.wrapAll(inViewFirst(this.stray && this.painter ? [...this.blocks, this.stray] : this.blocks));
    this.wrapStray();
    this.changed();
    return { ...this.count(), ...this.stats, error: this.error };
  }

  /** Whether `article` finds in `b` the mentions `b` shows now. */
  sameWithContext(b, article) {
    try {
      const text = this.painter ? textOf(b.el, b === this.stray).text : b.el.textContent;
      const spans = article.annotate(text);
      return spans.length === b.mentions.length && spans.every((s, i) => s.label === b.mentions[i].label && s.text === b.mentions[i].text);
    } catch {
      return false;
    }
  }

  /** Adds `els` (prose blocks, document order) to the table; returns the new ones. */
  adopt(els) {
    const fresh = [];
    const table = [];
    for (const el of els) {
      let b = this.byEl.get(el);
      if (!b) {
        b = new Block(el);
        this.byEl.set(el, b);
        fresh.push(b);
      }
      table.push(b);
    }
    // Blocks the page removed leave the table (and their mentions the index).
    for (const b of this.blocks) if (!b.el.isConnected) this.forget(b);
    this.blocks = table;
    return fresh;
  }

  newArticle() {
    return new this.mod.TagitArticle(this.opts);
  }

  /** Gives `b`'s text to `article` to learn from; returns its size (about, in bytes). */
  read(article, b) {
    if (!this.painter) return article.read(b.el);
    const { text } = textOf(b.el, b === this.stray);
    article.addText(text);
    return text.length * 2;
  }

  // ---- indexing --------------------------------------------------------------------

  /** Gives every block not yet indexed its mentions, without showing them. */
  async index(blocks = this.blocks) {
    const slice = slicer(BUDGET_MS);
    const list = this.stray && this.painter && blocks === this.blocks ? [...blocks, this.stray] : blocks;
    for (const b of list) {
      if (this.destroyed || this.frozen) return;
      if (b.state !== 'new' || !b.el.isConnected || isEditable(b.el)) continue;
      const t0 = performance.now();
      if (this.painter) this.indexText(b);
      else this.setMentions(b, this.article.scan(b.el));
      b.state = 'indexed';
      this.took(t0);
      await slice();
    }
  }

  /** Highlight mode: the mentions in the block's own text (ranges come when it is shown). */
  indexText(b, article = this.article) {
    const { text } = textOf(b.el, b === this.stray);
    const spans = /\S/.test(text) ? article.annotate(text) : [];
    b.mentions = [];
    for (const s of spans) {
      const m = new Mention(`h${++this.seq}`, s, b, this.seq);
      m.start = s.start;
      m.end = s.end;
      b.mentions.push(m);
    }
  }

  setMentions(b, spans) {
    b.mentions = Array.from(spans, (s) => new Mention(`m${++this.seq}`, s, b, this.seq));
  }

  // ---- wrapping (marks mode) -------------------------------------------------------

  /**
   * Shows `blocks`: wraps them in short batches with a frame between them (marks), or
   * makes their ranges in short tasks and paints them once (highlights).
   */
  async wrapAll(blocks, article = this.article) {
    const slice = this.painter ? slicer(BUDGET_MS) : slicer(WRAP_BUDGET_MS, yieldToBrowser);
    for (const b of blocks) {
      if (this.destroyed || this.frozen) return;
      if (this.wrap(b, article)) await slice();
    }
    this.repaint();
  }

  /** Shows one block now (see wrapAll; highlights are painted by the caller); false when there was nothing to do. */
  wrap(b, article = this.article || this.quickArticle) {
    if (!article || b.state === 'wrapped' || b.state === 'held' || !b.el.isConnected || isEditable(b.el)) return false;
    const t0 = performance.now();
    if (this.painter) {
      // Indexed before (with this context), its mentions stay; else it is read now.
      if (b.state === 'new' || (b.quick && article !== this.quickArticle)) this.indexText(b, article);
      b.quick = article === this.quickArticle;
      const { nodes } = textOf(b.el, b === this.stray);
      for (const m of b.mentions) m.pieces = rangesFor(nodes, m.start, m.end);
      b.state = 'wrapped';
      this.took(t0);
      this.changed();
      return true;
    }
    const r = article.annotateElement(b.el);
    if (r.error) this.error = r.error;
    b.quick = article === this.quickArticle;
    b.state = 'wrapped';
    this.attachMarks(b);
    this.took(t0);
    this.stats.blocks += 1;
    this.changed();
    return true;
  }

  /** Reads the block's own marks into its mentions (keeping indexed ones that match). */
  attachMarks(b) {
    const groups = [];
    let last = null;
    for (const mark of b.el.querySelectorAll('mark[data-tagit-id]')) {
      if (!this.mod.isTagitMark(mark)) continue;
      // The root's own pass owns only the marks outside every block.
      if (b === this.stray && this.blockOf(mark)) continue;
      const id = mark.getAttribute('data-tagit-id');
      if (last?.id !== id) {
        const attr = (name) => mark.getAttribute(name);
        last = {
          id,
          label: attr('data-tagit-label'),
          value: attr('data-tagit-value'),
          canonical: attr('data-tagit-canonical'),
          link: attr('data-tagit-link'),
          entityId: attr('data-tagit-entity-id'),
          marks: [],
          text: '',
        };
        groups.push(last);
      }
      last.marks.push(mark);
      last.text += mark.textContent;
    }
    const old = b.mentions;
    const same = old.length === groups.length && old.every((m, i) => m.label === groups[i].label && m.text === groups[i].text && m.canonical === groups[i].canonical);
    if (!same) b.mentions = groups.map((g) => new Mention(`m${++this.seq}`, g, b, ++this.seq));
    b.mentions.forEach((m, i) => {
      m.pieces = groups[i].marks;
      this.byMark.set(groups[i].id, m);
    });
  }

  /** Undoes the block's marks (the wasm restores the page exactly), or drops its ranges. */
  unwrap(b) {
    this.detach(b);
    if (!this.painter) this.mod.clearAnnotations(b.el);
  }

  /** Forgets the pieces of the block's mentions (their marks are gone or going). */
  detach(b) {
    for (const m of b.mentions) {
      if (!this.painter) for (const p of m.pieces) this.byMark.delete(p.getAttribute('data-tagit-id'));
      m.pieces = [];
    }
  }

  forget(b) {
    this.detach(b);
    b.state = 'new';
    clearTimeout(b.timer);
    b.mentions = [];
  }

  /** Text outside every block: one pass over the root once every block is wrapped. */
  wrapStray() {
    if (this.painter || !this.stray || this.destroyed || this.frozen) return;
    if (this.blocks.some((b) => b.state !== 'wrapped')) return;
    this.stray.state = 'new';
    this.detach(this.stray);
    this.wrap(this.stray);
  }

  /**
   * Long articles: wraps the blocks within a viewport of the screen, now and whenever the
   * reader scrolls (the page or any scrolling element) or the window changes size.
   */
  observeViewport() {
    let frame = 0;
    const look = guarded(() => {
      frame = 0;
      if (this.destroyed || this.frozen) return;
      const near = new Set(blocksNearView(this.blocks.map((b) => b.el)));
      for (const el of near) {
        const b = this.byEl.get(el);
        if (b && (b.state === 'new' || b.state === 'indexed')) this.queue.add(b);
      }
      if (this.painter) {
        // Only what is near stays painted: the browser repaints every registered range.
        let hid = false;
        for (const b of this.blocks) {
          if (b.state === 'wrapped' && !near.has(b.el)) {
            this.detach(b);
            b.state = 'indexed';
            hid = true;
          }
        }
        if (hid && !this.queue.size) this.repaint();
      }
      this.pump();
    });
    this.lookAround = () => {
      if (!frame) frame = requestAnimationFrame(look);
    };
    const opts = { capture: true, passive: true };
    document.addEventListener('scroll', this.lookAround, opts);
    window.addEventListener('resize', this.lookAround, opts);
    this.cleanups.push(() => {
      cancelAnimationFrame(frame);
      document.removeEventListener('scroll', this.lookAround, opts);
      window.removeEventListener('resize', this.lookAround, opts);
    });
  }

  /** Wraps the queued blocks, a short batch per frame. */
  async pump() {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.size && !this.destroyed && !this.frozen) {
        const batch = [...this.queue];
        this.queue.clear();
        await this.wrapAll(batch.sort((a, b) => (a.el.compareDocumentPosition(b.el) & 4 ? -1 : 1)));
      }
    } finally {
      this.pumping = false;
    }
  }

  // ---- content added later (observer.js, or annotate() again) ----------------------

  /** Finds blocks added since, reads them in context, shows them. Resolves with their counts. */
  async update() {
    if (this.destroyed || this.frozen || !this.article) return this.count([]);
    const found = await proseBlocks(this.root, slicer());
    const fresh = this.adopt(found.blocks);
    if (found.stray && !this.stray) this.stray = new Block(this.root);
    await this.index(fresh);
    if (this.lazy) this.lookAround?.();
    else await this.wrapAll(fresh);
    this.wrapStray();
    this.changed();
    const mentions = [];
    for (const b of fresh) mentions.push(...b.mentions);
    return this.count(mentions);
  }

  // ---- keeping out of the page's way -----------------------------------------------

  /** The block that holds `node`, if any. */
  blockOf(node) {
    for (let el = node?.nodeType === 1 ? node : node?.parentElement; el && el !== this.root.parentElement; el = el.parentElement) {
      const b = this.byEl.get(el);
      if (b) return b;
    }
    return null;
  }

  watch() {
    const on = (target, type, fn, opts) => {
      target.addEventListener(type, fn, opts);
      this.cleanups.push(() => target.removeEventListener(type, fn, opts));
    };
    on(document, 'tagit:restored', guarded((e) => this.restored(e.detail || {})));
    const check = guarded(() => this.checkEditing());
    for (const type of ['focusin', 'keydown', 'pointerdown', 'beforeinput']) on(document, type, check, { capture: true, passive: true });
    const poll = setInterval(check, EDIT_POLL_MS);
    this.cleanups.push(() => clearInterval(poll));
    if (this.painter) this.watchText();
  }

  /** The wasm gave blocks back to the page (`tagit:restored`). */
  restored({ elements = [], reason }) {
    if (this.destroyed) return;
    for (const el of elements) {
      const b = this.blockOf(el) || (this.stray && this.root.contains(el) ? this.stray : null);
      if (!b || b.state !== 'wrapped') continue;
      this.hold(b, reason === 'editable');
    }
    this.changed();
  }

  /** Keeps `b` off until the page is done with it, then shows it again. */
  hold(b, editable) {
    // Mentions whose marks are all still there stay; the rest went with the page's write.
    for (const m of b.mentions) {
      if (!m.pieces.every((p) => p.isConnected && this.mod.isTagitMark(p))) {
        for (const p of m.pieces) this.byMark.delete(p.getAttribute('data-tagit-id'));
        m.pieces = [];
      }
    }
    b.mentions = b.mentions.filter((m) => m.wrapped);
    b.state = 'held';
    b.editable = editable;
    clearTimeout(b.timer);
    if (editable) return; // checkEditing releases it
    b.restores += 1;
    const delay = Math.min(REWRAP_MAX_MS, REWRAP_MS * 2 ** (b.restores - 1));
    b.timer = setTimeout(guarded(() => this.release(b)), delay);
  }

  /** Shows a held block again, with its current text. */
  async release(b) {
    if (this.destroyed || this.frozen || b.state !== 'held' || !b.el.isConnected) return;
    if (isEditable(b.el)) {
      b.editable = true;
      return;
    }
    // What is left of its marks goes too: the block is read again as it is now.
    this.unwrap(b);
    b.mentions = [];
    b.state = 'new';
    b.editable = false;
    await this.reshow([b]);
  }

  /** Reads `blocks` again and shows them as the first pass would (near the reader, if long). */
  async reshow(blocks) {
    if (this.lazy) {
      await this.index(blocks);
      this.lookAround?.();
    } else if (!this.painter && blocks.includes(this.stray)) {
      this.wrapStray();
    } else {
      await this.wrapAll(blocks);
    }
    this.changed();
  }

  /** Editing (designMode, editable regions): give everything back; resume after. */
  checkEditing() {
    if (this.destroyed) return;
    const editing = document.designMode === 'on';
    if (editing && !this.frozen) {
      this.frozen = true;
      this.painter?.clear();
      this.mod.clearAnnotations(this.root);
      for (const b of [...this.blocks, this.stray].filter(Boolean)) {
        this.detach(b);
        if (b.state === 'wrapped') b.state = 'held';
        b.editable = true;
      }
      this.changed();
    } else if (!editing && this.frozen) {
      this.frozen = false;
      for (const b of this.blocks) if (b.state === 'held' && b.editable) this.release(b);
      if (this.stray?.editable) this.release(this.stray);
    } else if (!editing) {
      for (const b of this.blocks) if (b.state === 'held' && b.editable && !isEditable(b.el)) this.release(b);
    }
  }

  /** Highlight mode: ranges follow the text; a block whose text the page changes is repainted. */
  watchText() {
    if (typeof MutationObserver !== 'function') return;
    const dirty = new Set();
    let timer = 0;
    const mo = new MutationObserver(guarded((records) => {
      for (const r of records) {
        const b = this.blockOf(r.target) || this.stray;
        if (b && b.state === 'wrapped') dirty.add(b);
      }
      if (!dirty.size) return;
      clearTimeout(timer);
      timer = setTimeout(guarded(async () => {
        const list = [...dirty];
        dirty.clear();
        for (const b of list) {
          this.detach(b);
          b.state = 'new';
        }
        await this.reshow(list);
      }), REWRAP_MS);
    }));
    mo.observe(this.root, { characterData: true, childList: true, subtree: true });
    this.cleanups.push(() => {
      clearTimeout(timer);
      mo.disconnect();
    });
  }

  took(t0) {
    const ms = performance.now() - t0;
    this.stats.busyMs += ms;
    this.stats.longestMs = Math.max(this.stats.longestMs, ms);
  }

  // ---- the end ---------------------------------------------------------------------

  /**
   * Removes tagit from `el` (default: the whole article). Inside the article, its blocks
   * leave the index until annotate() is called again; the whole article ends the session.
   */
  clear(el = this.root) {
    if (el === this.root || el.contains(this.root)) {
      this.destroy();
      return;
    }
    this.mod.clearAnnotations(el);
    for (const b of this.blocks) {
      if (el.contains(b.el) || b.el.contains(el)) {
        this.forget(b);
        this.byEl.delete(b.el);
      }
    }
    this.blocks = this.blocks.filter((b) => this.byEl.has(b.el));
    this.changed();
  }

  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const off of this.cleanups.splice(0)) off();
    for (const b of this.blocks) clearTimeout(b.timer);
    this.painter?.clear();
    this.mod.clearAnnotations(this.root);
    this.article?.free();
    this.quickArticle?.free();
    this.article = this.quickArticle = null;
    this.blocks = [];
    this.stray = null;
    this.byMark.clear();
    this.notify(true);
  }
}

/**
 * `fn` for an event or a timer on the page: a failure is reported on the console (once per
 * kind of failure is plenty, but the console decides), never thrown into the page's loop.
 * Async functions' rejections are caught too.
 */
function guarded(fn) {
  const report = (err) => console.error('tagit:', err);
  return function (...args) {
    try {
      const r = fn.apply(this, args);
      if (r && typeof r.catch === 'function') r.catch(report);
      return r;
    } catch (err) {
      report(err);
      return undefined;
    }
  };
}

/**
 * On long articles, the blocks on and near the screen go first, so the reader sees
 * highlights at once; the rest follow in document order.
 */
function inViewFirst(blocks) {
  if (blocks.length < 50) return blocks;
  const near = new Set(blocksNearView(blocks.map((b) => b.el), 0.5));
  return [...blocks.filter((b) => near.has(b.el)), ...blocks.filter((b) => !near.has(b.el))];
}
