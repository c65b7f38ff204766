// tagit embed: highlights people, organisations, places and dates in a Hebrew article.
//
//   <script type="module" src="https://example.org/tagit/embed.js" data-target="article"></script>
//
// Publisher options (data- attributes on that script element, all optional):
//   data-target          CSS selector of the article body. Default: [itemprop=articleBody],
//                        then <article>, then the element holding the most paragraph text
//                        if that holds MIN_PROSE (200) letters of paragraph text outside
//                        navigation, header, footer and forms; a page with none of these
//                        (a login page) is not annotated.
//   data-date            the article's date (YYYY-MM-DD) for resolving "ביום שלישי" etc.
//                        Default: <meta property="article:published_time">, JSON-LD
//                        datePublished, then <time datetime>, else today.
//   data-labels          comma-separated labels to highlight, e.g. "PER,ORG,GPE,DATE".
//   data-min-confidence  a number in [0, 1]; weaker entities are not highlighted.
//   data-css="none"      do not add tagit.css (the site styles tagit's marks itself).
//   data-auto="off"      do not annotate on load; only expose the API.
//   data-panel="off"     no legend panel ("open": start expanded). data-tooltip="off": no tooltips.
//   data-mode            "marks" (wrap in <mark>s), "highlight" (paint with the CSS Custom
//                        Highlight API, never changing the DOM), or "auto" (default: highlight
//                        where a framework renders the article, else marks). Highlight falls
//                        back to marks where the browser lacks it.
//   data-theme           "light" | "dark" for the panel and tooltip (default: the reader's).
//   data-link-template   per-entity link out, e.g. "https://he.wikipedia.org/w/index.php?search={q}".
//   data-observe="off"   do not annotate paragraphs added later (MutationObserver).
//   data-lazy="off"      annotate at DOMContentLoaded instead of once the article is in
//                        view or the page has loaded.
//   data-load-timeout    milliseconds to wait for the wasm package (default 30000).
//   data-dictionary      URL of the site dictionary (JSON, docs/dictionary.md): names to add,
//                        relabel or suppress, with canonical names and links. Or inline:
//                        <script type="application/json" data-tagit-dictionary>{…}</script>.
//                        A broken one is reported once and tagit runs without it.
//   data-feedback="off"  no "not X?" action in the tooltip (it dispatches tagit:feedback).
//
// A page annotated at publish time (`tagit annotate --html`, docs/publish-time.md) has its
// marks already, under a root marked `data-tagit-ahead`: the embed checks them against the
// root's digest, adopts them and shows the tooltip and panel without loading the wasm
// package, which it loads only when the page adds content or a caller asks for other
// options. Marks that fail the check are refused (a warning) and the page is annotated here.
//
// The page is someone else's house: everything here is caught and reported once on the
// console, the wasm package and the stylesheet are loaded relative to this file (so the
// embed works from any directory or CDN path), nothing is injected inline (strict CSP:
// `script-src 'self' 'wasm-unsafe-eval'` is enough), and the DOM work itself is done by
// the wasm package, which undoes exactly what it did and gives back to the page whatever
// the page rewrites. One tagit runs per page, however many copies of this file the page
// includes (from different URLs, twice by a tag manager, …): the first one.
//
// Events on document: `tagit:ready` (wasm loaded), `tagit:annotated` (detail: the summary
// {total, counts, target, documentDate, timings, mode}), `tagit:cleared` (detail: {target}),
// `tagit:skipped` (no article on the page; detail: {reason}), `tagit:error` (detail:
// {message}; `dictionary: true` when the site dictionary was not used), `tagit:feedback`
// (a reader's correction, detail: {text, label, suggestedLabel, context, url}; tagit sends
// it nowhere), and from the wasm package `tagit:restored` (detail: {elements, reason}).
// API: window.tagit (unless the page already uses that name) and always
// window[Symbol.for('tagit')] = { annotate(target?, options?) -> Promise<summary|null>,
// clear(target?) -> Promise<void>, ready: Promise<summary|null>, src }.

const SELF_URL = import.meta.url;
const PKG_URL = new URL('./pkg/tagit.js', SELF_URL).href;
const CSS_URL = new URL('./tagit.css', SELF_URL).href;
const HIGHLIGHT_CSS_URL = new URL('./tagit-highlight.css', SELF_URL).href;
/** The page-wide key of the running tagit: a symbol no element id or site global can take. */
const KEY = Symbol.for('tagit');

import { yieldTask } from './widget/chunk.js';
import { Session } from './widget/session.js';
import { installCopy } from './widget/copy.js';

const LABELS = ['PER', 'ORG', 'GPE', 'LOC', 'FAC', 'EVE', 'WOA', 'DUC', 'ANG', 'DATE', 'TIME'];
/** Letters of paragraph text below which a guessed article is not an article. */
export const MIN_PROSE = 200;
const DEFAULT_LOAD_TIMEOUT_MS = 30_000;

let reported = false;
/** Reports the first failure on the console (later ones would only repeat it). */
function report(err) {
  const message = err && err.message ? err.message : String(err);
  if (!reported) {
    reported = true;
    console.error('tagit:', err);
  }
  emit('tagit:error', { message });
}

/** Dispatches a tagit event on document; a page that breaks dispatchEvent gets none. */
function emit(type, detail) {
  try {
    document.dispatchEvent(new CustomEvent(type, { detail }));
  } catch {
    // Nothing else to do.
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
  const timeout = Number(d.loadTimeout);
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
      feedback: d.feedback !== 'off' && d.feedback !== 'false',
      observe: d.observe !== 'off' && d.observe !== 'false',
      theme: d.theme || '',
      linkTemplate: d.linkTemplate || '',
      linkLabel: d.linkLabel || '',
    },
    mode: d.mode === 'highlight' || d.mode === 'marks' ? d.mode : 'auto',
    dictionary: d.dictionary || '',
    lazy: d.lazy !== 'off' && d.lazy !== 'false',
    loadTimeout: Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_LOAD_TIMEOUT_MS,
  };
}

/** Where page chrome lives: its paragraphs are not the article's prose. */
const CHROME = 'nav, header, footer, aside, form, dialog, [role=navigation], [role=banner], [role=contentinfo], [role=dialog], [data-tagit-skip]';

/** Letters (any script) in the paragraph text under `el`, outside page chrome. */
function proseLetters(el) {
  let n = 0;
  for (const p of el.querySelectorAll('p, li, blockquote, dd')) {
    if (p.closest(CHROME)) continue;
    const m = p.textContent.match(/\p{L}/gu);
    if (m) n += m.length;
    if (n >= MIN_PROSE) break;
  }
  return n;
}

/** Sums the text of substantial paragraphs per parent; the densest parent is the article body. */
function densestBlock(scope) {
  const scores = new Map();
  for (const p of scope.querySelectorAll('p')) {
    if (p.closest(CHROME)) continue;
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

/**
 * Finds the article body: data-target, then schema.org markup, then <article>, then
 * density. A guess (no selector) must hold MIN_PROSE letters of paragraph text, or there
 * is no article: null.
 */
export function findArticle(selector) {
  if (selector) {
    try {
      const el = document.querySelector(selector);
      if (el) return el;
    } catch {
      // An invalid selector falls through to the heuristics below.
    }
  }
  // Markup that says "this is the article" needs only some prose in it.
  const body = document.querySelector('[itemprop~="articleBody"]');
  if (body) return proseLetters(body) > 0 ? body : null;
  const articles = document.querySelectorAll('article');
  if (articles.length) {
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
    return proseLetters(best) > 0 ? best : null;
  }
  // A guess from density alone must hold an article's worth of prose.
  const guess = densestBlock(document.body || document.documentElement);
  return guess && proseLetters(guess) >= MIN_PROSE ? guess : null;
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

/** Markers of pages whose article a framework renders (and may re-render). */
const FRAMEWORK_ROOTS = '#__next, #___gatsby, #__nuxt, #svelte, [data-reactroot], [data-server-rendered], [data-v-app], [ng-version], astro-island';
const FRAMEWORK_KEY = /^(__react|_reactRootContainer|__preact|__k$|__vue|__vnode|__svelte|__ngContext__)/;

/**
 * Whether a framework (React, Preact, Vue, Svelte, Angular, or a server-rendered app of
 * theirs) renders `el`: its markers on the element, an ancestor, or its first children.
 */
export function frameworkRendered(el) {
  try {
    if (el.closest(FRAMEWORK_ROOTS)) return true;
    const own = (n) => Object.keys(n).some((k) => FRAMEWORK_KEY.test(k)) || '__vue_app__' in n || '__vnode' in n;
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) if (own(n)) return true;
    for (const c of el.querySelectorAll(':scope > *, :scope > * > *')) if (own(c)) return true;
  } catch {
    // A page that breaks these calls is no evidence either way.
  }
  return false;
}

/** Adds <link rel=stylesheet href=url> once (no inline styles: strict CSP). */
function injectCss(url = CSS_URL) {
  if (!config.css) return;
  for (const l of document.querySelectorAll('link[rel~="stylesheet"][href]')) {
    if (l.href === url) return;
  }
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = url;
  link.setAttribute('data-tagit', 'css');
  (document.head || document.documentElement).appendChild(link);
}

/** Rejects after `ms` with `message`, unless `promise` settles first. */
function within(promise, ms, message) {
  let timer = 0;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

let wasmPromise = null;
/** The wasm package once loaded (null before: a pre-annotated page may never need it). */
let wasmMod = null;
/** Loads and instantiates the wasm package once, relative to this file, within the timeout. */
function loadWasm() {
  if (!wasmPromise) {
    const load = (async () => {
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
      wasmMod = mod;
      emit('tagit:ready', { loadMs: ms });
      return { mod, loadMs: ms };
    })();
    const seconds = Math.round(config.loadTimeout / 100) / 10;
    wasmPromise = within(load, config.loadTimeout, `the wasm package did not load within ${seconds} s (${PKG_URL}); the page is shown without highlights`);
    // A failed load may be retried later (e.g. the network came back).
    wasmPromise.catch(() => {
      wasmPromise = null;
    });
  }
  return wasmPromise;
}

let config = { target: '', date: '', css: true, auto: true, options: {}, widget: {}, mode: 'auto', lazy: false, loadTimeout: DEFAULT_LOAD_TIMEOUT_MS, dictionary: '' };

/** The largest dictionary fetched (the wasm package refuses larger ones too). */
const MAX_DICTIONARY_BYTES = 16 << 20;
let dictionaryText = null;
/**
 * The site dictionary's JSON text and where it came from (`data-dictionary`, fetched while
 * the wasm loads, or the inline script), or null when the page has none. Rejects with
 * what is wrong: a failed request, an HTTP error, a response that is not JSON.
 */
function dictionarySource() {
  dictionaryText ||= (async () => {
    if (config.dictionary) {
      const url = new URL(config.dictionary, document.baseURI).href;
      let res;
      try {
        res = await fetch(url, { credentials: 'same-origin' });
      } catch (err) {
        throw Object.assign(new Error(`could not fetch ${url} (${err.message})`), { from: url });
      }
      const fail = (why) => Object.assign(new Error(why), { from: url });
      if (!res.ok) throw fail(`HTTP ${res.status} for ${url}`);
      const type = (res.headers.get('content-type') || '').toLowerCase();
      if (!/[/+]json\b/.test(type)) throw fail(`${url} is served as ${type || 'no content type'}, not application/json`);
      if (Number(res.headers.get('content-length')) > MAX_DICTIONARY_BYTES) throw fail(`${url} is over ${MAX_DICTIONARY_BYTES} bytes`);
      return { text: await res.text(), from: url };
    }
    const inline = document.querySelector('script[type="application/json"][data-tagit-dictionary]');
    return inline ? { text: inline.textContent, from: 'the inline <script data-tagit-dictionary>' } : null;
  })();
  return dictionaryText;
}

let dictionaryPromise = null;
/**
 * The site dictionary compiled once for the page, or null (none, or a broken one: said once
 * on the console and with `tagit:error`, and tagit runs without it).
 */
function loadDictionary(mod) {
  dictionaryPromise ||= (async () => {
    let from = config.dictionary || 'the inline <script data-tagit-dictionary>';
    try {
      const source = await dictionarySource();
      if (!source) return null;
      from = source.from;
      const dictionary = new mod.TagitDictionary(source.text);
      for (const w of dictionary.warnings) console.warn(`tagit: site dictionary (${from}): ${w}`);
      return dictionary;
    } catch (err) {
      const why = String(err?.message || err).replace(/^tagit: /, '');
      const message = `the site dictionary (${err?.from || from}) is not used: ${why}`;
      console.error(`tagit: ${message}`);
      emit('tagit:error', { message, dictionary: true });
      return null;
    }
  })();
  return dictionaryPromise;
}

/** The reader's remembered confidence threshold (the widget's slider), if any. */
function storedOptions() {
  try {
    const c = JSON.parse(window.localStorage.getItem('tagit:settings:v1') || '{}').minConfidence;
    return Number.isFinite(c) && c > 0 ? { minConfidence: Math.min(1, c) } : {};
  } catch {
    return {};
  }
}

/** The live sessions, one per annotated root; `main` is the article the widget shows. */
const sessions = new Map();
let main = null;
let widget = null;
let stopCopy = null;

/** Mounts the reader widget (tooltip, panel, observer) for the main session, or moves it there. */
async function showWidget(session) {
  const w = config.widget || {};
  if (!w.panel && !w.tooltip && !w.observe) return;
  if (widget && widget !== 'loading') {
    widget.attach(session);
    return;
  }
  if (widget) return;
  widget = 'loading';
  try {
    const { mountWidget } = await import('./widget/widget.js');
    // A pre-annotated article needs no wasm to be explained: its marks carry the dates'
    // descriptions. The package's own is used once it is loaded for something else.
    if (session.mode !== 'ahead') await loadWasm();
    const describeDate = (value) => (wasmMod ? wasmMod.describeDate(value) : (session.describeDate?.(value) ?? null));
    // Evaluating the widget's modules is a task's worth of work; mounting is another.
    await yieldTask();
    if (main !== session || session.destroyed) {
      widget = null;
      if (main && !main.destroyed) return showWidget(main);
      return;
    }
    widget = mountWidget({
      session,
      api,
      config: { ...w, describeDate, onDestroy: () => (widget = null) },
    });
  } catch (err) {
    widget = null;
    report(err);
  }
}

function resolveTarget(target) {
  if (target && typeof target === 'object' && target.nodeType === 1) return target;
  if (typeof target === 'string' && target) return document.querySelector(target);
  return findArticle(config.target);
}

/** The session whose root holds `el`, if any. */
function sessionOf(el) {
  for (const s of sessions.values()) if (s.root === el || s.root.contains(el)) return s;
  return null;
}

/** Options as a key: a session is reused only for the same options. */
const dictionaryIds = new WeakMap();
let dictionaryCount = 0;
const keyOf = (opts) => {
  const d = opts.dictionary;
  if (d && typeof d === 'object' && !dictionaryIds.has(d)) dictionaryIds.set(d, ++dictionaryCount);
  return JSON.stringify([opts.labels || null, opts.minConfidence || 0, opts.documentDate || null, d ? dictionaryIds.get(d) || 0 : null]);
};

// Passes run one at a time: two annotate() calls (the observer and the page, say) never
// interleave their DOM work.
let queue = Promise.resolve();

/**
 * Annotates `target` (an element or selector; default: the article) and resolves with the
 * summary, or null after reporting a failure (or finding no article). Never rejects.
 */
function annotate(target, options) {
  const run = queue.then(() => annotateNow(target, options));
  queue = run.catch(() => {});
  return run;
}

async function annotateNow(target, options) {
  try {
    const hydrated = await hydrate(target, options);
    if (hydrated) return hydrated;
    const el = resolveTarget(target);
    if (!el) {
      if (target) throw new Error(`no element matches ${String(target)}`);
      skipNoArticle();
      return null;
    }
    injectCss();
    let session = sessionOf(el);
    if (session?.mode === 'ahead' && onlyFilters(options)) {
      // The reader's confidence slider on a pre-annotated page: the marks say their
      // confidences, so this needs no wasm either.
      const t0 = performance.now();
      session.filter(aheadFilters(options));
      return annotated(session, session.count(), { loadMs: 0, annotateMs: performance.now() - t0 });
    }
    const { mod, loadMs } = await loadWasm();
    const dictionary = await loadDictionary(mod);
    const opts = { ...config.options, ...(dictionary ? { dictionary } : {}), ...storedOptions(), ...(options || {}) };
    if (!opts.documentDate) {
      const d = findDocumentDate(config.date, el);
      if (d) opts.documentDate = d;
    }
    // Invalid options (a developer's call) fail here with the package's own message.
    mod.annotate('', opts);
    const t0 = performance.now();
    let summary;
    if (session && session.mode !== 'ahead' && keyOf(session.opts) === keyOf(opts)) {
      summary = await session.update();
    } else {
      const ahead = session?.mode === 'ahead';
      // A pre-annotated article stays in marks: they are in the page already.
      const highlight = !ahead && chooseHighlight(el);
      if (highlight) injectCss(HIGHLIGHT_CSS_URL);
      if (ahead) {
        // The page added content (or a caller asked for other options): the wasm package
        // takes the publish-time marks over, keeps them for the same options (and reads
        // only what has none), or removes them to annotate afresh with other ones.
        sessions.delete(session.root);
        session.destroy({ keepMarks: true });
        mod.adoptMarks(session.root);
        if (options && Object.keys(options).length) mod.clearAnnotations(session.root);
      } else if (session) {
        sessions.delete(session.root);
        session.destroy();
      }
      const root = session ? session.root : el;
      session = new Session(mod, root, opts, { highlight });
      sessions.set(root, session);
      if (!main || main.destroyed || main.root === root) main = session;
      summary = await session.start();
    }
    if (summary.error) throw new Error(summary.error);
    const annotateMs = performance.now() - t0;
    return annotated(session, summary, { loadMs, annotateMs, longestMs: summary.longestMs || 0, busyMs: summary.busyMs || 0, learnMs: summary.learnMs || 0 }, opts.documentDate);
  } catch (err) {
    report(err);
    return null;
  }
}

/** Shows the widget for `session` and says `tagit:annotated`; resolves with the event's detail. */
async function annotated(session, summary, timings, documentDate = null) {
  const detail = {
    total: summary.total,
    counts: Object.fromEntries(LABELS.map((l) => [l, summary.counts[l] || 0])),
    target: session.root,
    documentDate: documentDate || null,
    timings,
    mode: session.mode,
  };
  if (!session.painter) stopCopy ||= installCopy(isOwnMark);
  if (session === main) await showWidget(session);
  emit('tagit:annotated', detail);
  return detail;
}

/** Whether `el` is one of tagit's marks: made by the wasm package, or verified and adopted. */
function isOwnMark(el) {
  return !!(aheadModule?.isAdopted(el) || wasmMod?.isTagitMark(el));
}

let aheadModule = null;
/** Set when a pre-annotated page's marks failed their check: the wasm path from then on. */
let aheadRefused = false;

/**
 * A page annotated at publish time (`tagit annotate --html`): shows its marks with the
 * widget, without loading the wasm package, when the marks under the root are the ones the
 * CLI wrote (www/widget/ahead.js). Resolves with the summary, or null when this is not such
 * a page (or `target` is elsewhere, or it was shown already) and the usual path goes on.
 */
async function hydrate(target, options) {
  if (aheadRefused) return null;
  const root = document.querySelector('[data-tagit-ahead]');
  if (!root || sessionOf(root)) return null;
  const el = target ? resolveTarget(target) : root;
  if (el !== root && !root.contains(el)) return null;
  // Only the article this embed would annotate anyway (data-target, else its markup): the
  // digest proves the marks are the ones written with it, not who wrote it, and a reader
  // comment elsewhere on the page could carry a root and marks of its own.
  if (findArticle(config.target) !== root) {
    console.warn("tagit: the page's pre-annotated element is not the article this embed annotates (set data-target to it), so it is annotated in the browser instead.");
    aheadRefused = true;
    return null;
  }
  const t0 = performance.now();
  const ahead = (aheadModule ||= await import('./widget/ahead.js'));
  const marks = ahead.verifiedMarks(root);
  if (!marks) {
    aheadRefused = true;
    console.warn('tagit: the marks written at publish time do not match their digest (the page added or changed marks inside the annotated element), so the page is annotated in the browser instead.');
    return null;
  }
  injectCss();
  const session = new ahead.AheadSession(root, marks, aheadFilters(options));
  sessions.set(root, session);
  if (!main || main.destroyed) main = session;
  return annotated(session, session.count(), { loadMs: 0, annotateMs: performance.now() - t0 }, findDocumentDate(config.date, root));
}

/** Whether annotate() `options` only filter what is shown (a pre-annotated page does that itself). */
function onlyFilters(options) {
  const keys = Object.keys(options || {});
  return keys.length > 0 && keys.every((k) => k === 'labels' || k === 'minConfidence');
}

/** The filters of a pre-annotated page: the publisher's, the reader's remembered, then `opts`. */
function aheadFilters(opts) {
  const merged = { ...config.options, ...storedOptions(), ...(opts || {}) };
  return { labels: merged.labels || null, minConfidence: merged.minConfidence || 0 };
}

/** Highlight mode by the publisher's choice, or (auto) where a framework renders the article. */
function chooseHighlight(el) {
  if (config.mode === 'marks') return false;
  const supported = typeof CSS !== 'undefined' && !!CSS.highlights && typeof Highlight === 'function';
  if (!supported) return false;
  return config.mode === 'highlight' || frameworkRendered(el);
}

/** Removes every highlight under `target` (default: the article), restoring its DOM exactly. */
function clear(target) {
  const run = queue.then(async () => {
    try {
      const el = target ? resolveTarget(target) : main?.root || resolveTarget();
      if (!el) return;
      for (const s of [...sessions.values()]) {
        if (el === s.root || el.contains(s.root)) {
          sessions.delete(s.root);
          s.destroy();
          if (s === main) {
            main = null;
            if (widget && widget !== 'loading') widget.destroy();
          }
        } else if (s.root.contains(el)) {
          s.clear(el);
        }
      }
      // Marks of direct annotateElement calls (the package's API) go too.
      if (wasmPromise) (await wasmPromise).mod.clearAnnotations(el);
      emit('tagit:cleared', { target: el });
    } catch (err) {
      report(err);
    }
  });
  queue = run.catch(() => {});
  return run;
}

let waiting = null;
/**
 * No article on the page (yet): says so once, and watches for one to appear for a while
 * (single-page apps render the story after load).
 */
function skipNoArticle() {
  if (waiting) return;
  emit('tagit:skipped', { reason: `no article: fewer than ${MIN_PROSE} letters of paragraph text outside navigation, header, footer and forms` });
  if (typeof MutationObserver !== 'function' || !document.body) return;
  let timer = 0;
  const stop = () => {
    clearTimeout(timer);
    waiting?.disconnect();
  };
  waiting = new MutationObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (findArticle(config.target)) {
        stop();
        annotate();
      }
    }, 1000);
  });
  waiting.observe(document.body, { childList: true, subtree: true });
  setTimeout(stop, 5 * 60_000);
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

/** tagit's API: what window.tagit and window[Symbol.for('tagit')] hold. */
const api = { annotate, clear, ready: null, src: SELF_URL };

/** Publishes the API, or stands down when another copy of the embed runs already. */
function start() {
  const running = window[KEY];
  if (running) {
    console.warn(
      `tagit: the embed is included more than once; this copy (${SELF_URL}) does nothing, ` +
        `the one from ${running.src || 'another URL'} runs.`,
    );
    return;
  }
  config = readConfig(ownScript());
  // Fetched while the page and the wasm load; compiled once the wasm is there.
  if (config.dictionary) dictionarySource().catch(() => {});
  // A pre-annotated page has no wasm to download, so nothing to put off.
  const ahead = () => !!document.querySelector('[data-tagit-ahead]');
  api.ready = domReady()
    .then(() => (config.auto && config.lazy && !ahead() ? whenWorthIt() : null))
    .then(() => (config.auto ? annotate() : null));
  Object.freeze(api);
  Object.defineProperty(window, KEY, { value: api, configurable: true });
  if ('tagit' in window) {
    // A site global, or an element with id="tagit" (the browser exposes it as window.tagit):
    // theirs. Overriding it could break the page.
    console.warn("tagit: window.tagit is already used by this page, so tagit's API is at window[Symbol.for('tagit')].");
  } else {
    Object.defineProperty(window, 'tagit', { value: api, configurable: true });
  }
}

try {
  start();
} catch (err) {
  report(err);
}

export { api as tagit };
