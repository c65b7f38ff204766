// tagit embed: highlights people, organisations, places and dates in a Hebrew article.
//
//   <script type="module" src="https://example.org/tagit/embed.js" data-target="article"></script>
//
// Publisher options (data- attributes on that script element, all optional):
//   data-target          CSS selector of the article body. Default: [itemprop=articleBody],
//                        then <article>, then the element holding the most paragraph text.
//   data-date            the article's date (YYYY-MM-DD) for resolving "ביום שלישי" etc.
//                        Default: <meta property="article:published_time">, JSON-LD
//                        datePublished, then <time datetime>, else today.
//   data-labels          comma-separated labels to highlight, e.g. "PER,ORG,GPE,DATE".
//   data-min-confidence  a number in [0, 1]; weaker entities are not highlighted.
//   data-css="none"      do not add tagit.css (the site styles .tagit marks itself).
//   data-auto="off"      do not annotate on load; only expose window.tagit.
//   data-panel="off"     no legend panel ("open": start expanded). data-tooltip="off": no tooltips.
//   data-mode="highlight" paint with the CSS Custom Highlight API, never changing the DOM
//                        (falls back to <mark>s where unsupported).
//   data-theme           "light" | "dark" for the panel and tooltip (default: the reader's).
//   data-link-template   per-entity link out, e.g. "https://he.wikipedia.org/w/index.php?search={q}".
//   data-observe="off"   do not annotate paragraphs added later (MutationObserver).
//   data-lazy="off"      annotate at DOMContentLoaded instead of once the article is in
//                        view or the page has loaded.
//
// The page is someone else's house: everything here is caught and reported once on the
// console, the wasm package and the stylesheet are loaded relative to this file (so the
// embed works from any directory or CDN path), nothing is injected inline (strict CSP:
// `script-src 'self' 'wasm-unsafe-eval'` is enough), and the DOM work itself is done by
// the wasm package's annotateElement / clearAnnotations, which undo exactly what they did.
//
// Events on document: `tagit:ready` (wasm loaded), `tagit:annotated` (detail: the summary
// {total, counts, target, documentDate, timings}), `tagit:error` (detail: {message}).
// API: window.tagit = { annotate(target?, options?) -> Promise<summary|null>,
//                       clear(target?), ready: Promise<summary|null> }.

const SELF_URL = import.meta.url;
const PKG_URL = new URL('./pkg/tagit.js', SELF_URL).href;
const CSS_URL = new URL('./tagit.css', SELF_URL).href;

import { annotateChunked, yieldTask } from './widget/chunk.js';

const LABELS = ['PER', 'ORG', 'GPE', 'LOC', 'FAC', 'EVE', 'WOA', 'DUC', 'ANG', 'DATE', 'TIME'];

let reported = false;
/** Reports the first failure on the console (later ones would only repeat it). */
function report(err) {
  const message = err && err.message ? err.message : String(err);
  if (!reported) {
    reported = true;
    console.error('tagit:', err);
  }
  try {
    document.dispatchEvent(new CustomEvent('tagit:error', { detail: { message } }));
  } catch {
    // A page that breaks dispatchEvent gets no event; there is nothing else to do.
  }
}

/** The <script> element that loaded this module (document.currentScript is null in modules). */
function ownScript() {
  for (const s of document.querySelectorAll('script[src]')) {
    if (s.src === SELF_URL) return s;
  }
  const guesses = document.querySelectorAll('script[src*="embed.js"]');
  return guesses.length ? guesses[guesses.length - 1] : null;
}

/** Reads the publisher's data- attributes into annotate options and embed settings. */
function readConfig(script) {
  const d = (script && script.dataset) || {};
  const options = {};
  if (d.labels) {
    const labels = d.labels
      .split(/[\s,]+/)
      .map((l) => l.trim().toUpperCase())
      .filter((l) => LABELS.includes(l));
    if (labels.length) options.labels = labels;
  }
  if (d.minConfidence !== undefined && d.minConfidence !== '') {
    const c = Number(d.minConfidence);
    if (Number.isFinite(c)) options.minConfidence = Math.min(1, Math.max(0, c));
  }
  return {
    target: d.target || '',
    date: d.date || '',
    css: d.css !== 'none' && d.css !== 'off',
    auto: d.auto !== 'off' && d.auto !== 'false',
    options,
    widget: {
      panel: d.panel !== 'off' && d.panel !== 'false',
      panelOpen: d.panel === 'open',
      tooltip: d.tooltip !== 'off' && d.tooltip !== 'false',
      observe: d.observe !== 'off' && d.observe !== 'false',
      theme: d.theme || '',
      linkTemplate: d.linkTemplate || '',
      linkLabel: d.linkLabel || '',
    },
    mode: d.mode === 'highlight' ? 'highlight' : 'marks',
    lazy: d.lazy !== 'off' && d.lazy !== 'false',
  };
}

/** Sums the text of substantial paragraphs per parent; the densest parent is the article body. */
function densestBlock(scope) {
  const scores = new Map();
  for (const p of scope.querySelectorAll('p')) {
    if (p.closest('nav, header, footer, aside, [data-tagit-skip]')) continue;
    const len = p.textContent.trim().length;
    if (len < 25 || !p.parentElement) continue;
    scores.set(p.parentElement, (scores.get(p.parentElement) || 0) + len);
  }
  let best = null;
  let bestScore = 0;
  for (const [el, score] of scores) {
    if (score > bestScore) {
      best = el;
      bestScore = score;
    }
  }
  return best;
}

/** Finds the article body: data-target, then schema.org markup, then <article>, then density. */
export function findArticle(selector) {
  if (selector) {
    try {
      const el = document.querySelector(selector);
      if (el) return el;
    } catch {
      // An invalid selector falls through to the heuristics below.
    }
  }
  const body = document.querySelector('[itemprop~="articleBody"]');
  if (body) return body;
  const articles = document.querySelectorAll('article');
  if (articles.length === 1) return articles[0];
  if (articles.length > 1) {
    let best = articles[0];
    let bestLen = -1;
    for (const a of articles) {
      let len = 0;
      for (const p of a.querySelectorAll('p')) len += p.textContent.length;
      if (len > bestLen) {
        best = a;
        bestLen = len;
      }
    }
    return best;
  }
  return densestBlock(document.body || document.documentElement) || document.body;
}

/** "2025-03-11T09:30:00+02:00" -> "2025-03-11": the calendar day as the publisher wrote it. */
function civilDate(value) {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})/.exec(String(value || ''));
  if (!m) return '';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1) return '';
  return `${m[1]}-${m[2]}-${m[3]}`;
}

function jsonLdDate(node, depth = 0) {
  if (!node || typeof node !== 'object' || depth > 6) return '';
  if (Array.isArray(node)) {
    for (const item of node) {
      const d = jsonLdDate(item, depth + 1);
      if (d) return d;
    }
    return '';
  }
  const own = civilDate(node.datePublished) || civilDate(node.dateCreated);
  if (own) return own;
  for (const key of ['@graph', 'mainEntity', 'mainEntityOfPage']) {
    const d = jsonLdDate(node[key], depth + 1);
    if (d) return d;
  }
  return '';
}

/** The document's date, which anchors relative and year-less dates ("ב-7 באוקטובר"). */
export function findDocumentDate(explicit, target) {
  const candidates = [
    () => explicit,
    () => target && target.closest && target.closest('[data-date]')?.getAttribute('data-date'),
    () =>
      document
        .querySelector(
          'meta[property="article:published_time"], meta[name="article:published_time"], ' +
            'meta[itemprop="datePublished"], meta[name="date"], meta[name="pubdate"]',
        )
        ?.getAttribute('content'),
    () => {
      for (const s of document.querySelectorAll('script[type="application/ld+json"]')) {
        try {
          const d = jsonLdDate(JSON.parse(s.textContent));
          if (d) return d;
        } catch {
          // Broken JSON-LD is common in the wild; try the next block.
        }
      }
      return '';
    },
    () =>
      document.querySelector('time[itemprop~="datePublished"][datetime], time[pubdate][datetime]')?.getAttribute('datetime'),
    () => (target && target.querySelector && target.querySelector('time[datetime]')?.getAttribute('datetime')) || '',
    () => document.querySelector('time[datetime]')?.getAttribute('datetime'),
  ];
  for (const candidate of candidates) {
    try {
      const d = civilDate(candidate());
      if (d) return d;
    } catch {
      // A hostile or odd page must not stop us from annotating without a date.
    }
  }
  // No date on the page: the reader is reading it now, so relative dates ("אתמול") mean
  // relative to today (the reader's local calendar day).
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Adds <link rel=stylesheet href=".../tagit.css"> once (no inline styles: strict CSP). */
function injectCss() {
  for (const l of document.querySelectorAll('link[rel~="stylesheet"][href]')) {
    if (l.href === CSS_URL) return;
  }
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = CSS_URL;
  link.setAttribute('data-tagit', 'css');
  (document.head || document.documentElement).appendChild(link);
}

let wasmPromise = null;
/** Loads and instantiates the wasm package once, relative to this file. */
function loadWasm() {
  if (!wasmPromise) {
    wasmPromise = (async () => {
      const t0 = performance.now();
      const mod = await import(PKG_URL);
      // Compiled while streaming, off the main thread; instantiating is quick.
      await mod.default();
      // The first annotation's one-time work (building the recogniser, the engine's
      // compilation of each function on its first call), a short task per step.
      if (typeof mod.prepare === 'function') {
        for (let step = 0; ; step++) {
          await yieldTask();
          if (!mod.prepare(step)) break;
        }
      }
      await yieldTask();
      const ms = performance.now() - t0;
      document.dispatchEvent(new CustomEvent('tagit:ready', { detail: { loadMs: ms } }));
      return { mod, loadMs: ms };
    })();
    // A failed load may be retried later (e.g. the network came back).
    wasmPromise.catch(() => {
      wasmPromise = null;
    });
  }
  return wasmPromise;
}

function resolveTarget(target, fallbackSelector) {
  if (target && typeof target === 'object' && target.nodeType === 1) return target;
  if (typeof target === 'string' && target) return document.querySelector(target);
  return findArticle(fallbackSelector);
}

let config = { target: '', date: '', css: true, auto: true, options: {}, widget: {}, mode: 'marks', lazy: false };

/** The reader's remembered confidence threshold (the widget's slider), if any. */
function storedOptions() {
  try {
    const c = JSON.parse(window.localStorage.getItem('tagit:settings:v1') || '{}').minConfidence;
    return Number.isFinite(c) && c > 0 ? { minConfidence: Math.min(1, c) } : {};
  } catch {
    return {};
  }
}

let widget = null;
let painter = null;
/** Mounts the reader widget (tooltip, panel, observer) once, lazily. */
async function mountWidget(el) {
  const w = config.widget || {};
  if (widget || (!w.panel && !w.tooltip && !w.observe)) return;
  widget = 'loading';
  try {
    const { mountWidget: mount } = await import('./widget/widget.js');
    const { mod } = await loadWasm();
    // Evaluating the widget's modules is a task's worth of work; mounting is another.
    await yieldTask();
    widget = mount({
      root: el,
      api: window.tagit || { annotate, clear },
      config: { ...w, highlight: painter, describeDate: mod.describeDate, onDestroy: () => (widget = null) },
    });
  } catch (err) {
    widget = null;
    report(err);
  }
}

/** Runs the annotation: chunked <mark> wrapping, or Highlight-API painting. */
async function run(mod, el, opts) {
  if (config.mode === 'highlight') {
    const { HighlightPainter, highlightSupported } = await import('./widget/highlight.js');
    if (highlightSupported()) {
      painter ||= new HighlightPainter();
      return painter.annotate(mod, el, opts);
    }
  }
  return annotateChunked(mod, el, opts);
}

/**
 * Annotates `target` (an element or selector; default: the article) and resolves with the
 * summary, or null after reporting a failure. Never rejects.
 */
async function annotate(target, options) {
  try {
    const el = resolveTarget(target, config.target);
    if (!el) throw new Error('no article element found');
    if (config.css) injectCss();
    const { mod, loadMs } = await loadWasm();
    const opts = { ...config.options, ...storedOptions(), ...(options || {}) };
    if (!opts.documentDate) {
      const d = findDocumentDate(config.date, el);
      if (d) opts.documentDate = d;
    }
    const t0 = performance.now();
    const result = (await run(mod, el, opts)) || {};
    const annotateMs = performance.now() - t0;
    if (result.error) throw new Error(result.error);
    const summary = {
      total: result.total || 0,
      counts: { ...(result.counts || {}) },
      target: el,
      documentDate: opts.documentDate || null,
      timings: { loadMs, annotateMs, longestMs: result.longestMs || 0, busyMs: result.busyMs || 0, learnMs: result.learnMs || 0 },
      mode: painter ? 'highlight' : 'marks',
    };
    await mountWidget(el);
    document.dispatchEvent(new CustomEvent('tagit:annotated', { detail: summary }));
    return summary;
  } catch (err) {
    report(err);
    return null;
  }
}

/** Removes every highlight under `target` (default: the article), restoring its DOM exactly. */
async function clear(target) {
  try {
    const el = resolveTarget(target, config.target);
    if (!el) return;
    if (painter) painter.clear();
    const { mod } = await loadWasm();
    mod.clearAnnotations(el);
  } catch (err) {
    report(err);
  }
}

/**
 * Waits until the article is in view or the page has loaded, whichever comes first, then
 * for an idle moment: the wasm download never competes with the page's own first paint.
 */
function whenWorthIt() {
  return new Promise((resolve) => {
    let done = false;
    let io = null;
    const go = () => {
      if (done) return;
      done = true;
      io?.disconnect();
      const idle = window.requestIdleCallback;
      if (idle) idle(() => resolve(), { timeout: 500 });
      else setTimeout(resolve, 0);
    };
    if (document.readyState === 'complete') return go();
    window.addEventListener('load', go, { once: true });
    try {
      const el = findArticle(config.target);
      if (el && typeof IntersectionObserver === 'function') {
        io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && go());
        io.observe(el);
      }
    } catch {
      // No article yet: the load event decides.
    }
  });
}

function domReady() {
  return new Promise((resolve) => {
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', () => resolve(), { once: true });
    } else {
      resolve();
    }
  });
}

try {
  config = readConfig(ownScript());
  const api = {
    annotate,
    clear,
    ready: domReady()
      .then(() => (config.auto && config.lazy ? whenWorthIt() : null))
      .then(() => (config.auto ? annotate() : null)),
  };
  if (!window.tagit) {
    Object.defineProperty(window, 'tagit', { value: Object.freeze(api), configurable: true });
  }
} catch (err) {
  report(err);
}
