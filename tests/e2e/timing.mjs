#!/usr/bin/env node
// Benchmark (run on demand, not a test): how long tagit takes in headless Chromium on the
// demo article and on a 1 MB synthetic article, and the longest main-thread task.
//
//   node tests/e2e/timing.mjs [--runs 3]
//
// Needs pkg/ (wasm-pack build --target web --release) and tests/e2e/node_modules.
// Prints a markdown table for the README. Columns:
//   wasm load     fetch + compile + instantiate of pkg/ and its prepare() steps (embed's
//                 tagit:ready detail.loadMs)
//   recognise     the recogniser alone: annotate(text) over every block's text
//   learn         reading the blocks and learning the article's context (TagitArticle
//                 read + learn, summed over their tasks)
//   annotate+wrap time inside the article's annotateElement calls (summed over the chunks):
//                 the rest of the recognition (dates, propagation) and the DOM wrapping
//   annotate pass wall-clock time of the embed's chunked pass, frames between chunks included
//   longest task  the longest main-thread task (PerformanceObserver 'longtask', >= 50 ms
//                 reported by the browser; "< 50" when there was none) from navigation
//                 from the embed's start (wasm load) until the widget is mounted
// The median of --runs runs is printed.

import { demoParagraphs, embedBigArticle, launchBrowser, option, startServer } from './harness.mjs';

const runs = Number(option('--runs', 3));

const server = await startServer();
const browser = await launchBrowser();

/** Installs the long-task recorder before any page script runs. */
async function newPage() {
  const page = await browser.context.newPage();
  await page.addInitScript(() => {
    window.__long = [];
    window.__ready = null;
    window.__done = null;
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__long.push({ start: e.startTime, ms: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      // No long-task API: the column reads "n/a".
    }
    document.addEventListener('tagit:ready', (e) => {
      window.__ready = e.detail;
      // Count tasks from the moment the embed started loading the wasm, not the page's own.
      window.__t0 ??= performance.now() - e.detail.loadMs;
    });
    document.addEventListener('tagit:annotated', (e) => (window.__done ??= { ...e.detail, target: null }));
  });
  return page;
}

/** After the embed finished: the recogniser alone over the same blocks, and the summary. */
async function collect(page) {
  await page.waitForFunction(() => window.__done, null, { timeout: 300_000 });
  await page.waitForFunction(() => document.querySelector('[data-tagit-widget]') || true);
  await page.waitForTimeout(1500);
  return page.evaluate(async () => {
    // The tasks up to now (the measurement below is a long task of its own).
    const long = window.__long.filter((e) => e.start >= (window.__t0 || 0));
    const mod = await import('/pkg/tagit.js');
    const { proseBlocks } = await import('/widget/chunk.js');
    const root = document.querySelector('#article-body, #big');
    const texts = proseBlocks(root).blocks.map((b) => b.textContent);
    const opts = { documentDate: window.__done.documentDate || undefined };
    const t0 = performance.now();
    for (const t of texts) mod.annotate(t, opts);
    const recogniseMs = performance.now() - t0;
    const chars = texts.reduce((n, t) => n + t.length, 0);
    const bytes = new TextEncoder().encode(texts.join('')).length;
    const longest = long.reduce((m, e) => Math.max(m, e.ms), 0);
    if (window.__debugLong) console.log(JSON.stringify(long));
    return {
      blocks: texts.length,
      chars,
      bytes,
      marks: window.__done.total,
      loadMs: window.__ready?.loadMs ?? NaN,
      passMs: window.__done.timings.annotateMs,
      busyMs: window.__done.timings.busyMs,
      learnMs: window.__done.timings.learnMs,
      longestChunkMs: window.__done.timings.longestMs,
      recogniseMs,
      longest,
      longCount: long.length,
      long: long.map((e) => `${e.start.toFixed(0)}+${e.ms.toFixed(0)}`).join(' '),
    };
  });
}

async function demo() {
  const page = await newPage();
  await page.goto(server.url, { waitUntil: 'load' });
  const r = await collect(page);
  await page.close();
  return r;
}

async function big() {
  const page = await newPage();
  await page.goto(server.url + 'test/no-embed.html', { waitUntil: 'load' });
  // ~1 MB (UTF-8) of article from the demo's paragraphs, then the one-line embed.
  await embedBigArticle(page, await demoParagraphs(browser.context, server.url));
  const r = await collect(page);
  await page.close();
  return r;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const fmt = (ms) => (Number.isFinite(ms) ? `${ms.toFixed(ms < 10 ? 1 : 0)} ms` : 'n/a');
const rows = [];
const dist = [];
try {
  for (const [name, fn] of [
    ['demo article', demo],
    ['1 MB synthetic article', big],
  ]) {
    const results = [];
    for (let i = 0; i < runs; i++) results.push(await fn());
    if (process.env.TAGIT_TIMING_DEBUG) console.error(name, results.map((r) => r.long));
    const m = (k) => median(results.map((r) => r[k]));
    const r0 = results[0];
    const longest = m('longest');
    dist.push(`${name}: ${results.map((r) => (r.longest > 0 ? r.longest.toFixed(0) : '<50')).join(', ')} ms`);
    rows.push(
      `| ${name} | ${(r0.bytes / 1024).toFixed(0)} KiB, ${r0.blocks} blocks | ${r0.marks} | ${fmt(m('loadMs'))} | ${fmt(m('recogniseMs'))} | ${fmt(m('learnMs'))} | ${fmt(m('busyMs'))} | ${fmt(m('passMs'))} | ${fmt(m('longestChunkMs'))} | ${longest > 0 ? fmt(longest) : '< 50 ms'} |`,
    );
  }
  console.log(`Headless Chromium (${runs} runs, median), ${new Date().toISOString().slice(0, 10)}:\n`);
  console.log('| article | size | highlights | wasm load | recognise | learn | annotate + wrap | annotate pass (wall, chunked) | longest chunk | longest task |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
  console.log(`\nLongest task per run: ${dist.join('; ')}.`);
} finally {
  await browser.close();
  await server.stop();
}
