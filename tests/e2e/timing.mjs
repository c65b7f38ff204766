#!/usr/bin/env node
// Benchmark (run on demand, not a test): how long tagit takes in headless Chromium on the
// demo article and on synthetic long articles, the longest main-thread task, how soon the
// reader sees highlights, and how much memory tagit adds to the page.
//
//   node tests/e2e/timing.mjs [--runs 3] [--only demo,1mb,20k,5mb]
//
// Needs pkg/ (./build.sh build) and tests/e2e/node_modules. Prints a markdown table for the
// README. Pages: the demo article; 1 MB and 5 MB of the demo's paragraphs; 20,000 short
// paragraphs (the demo's sentences, one a paragraph). Columns:
//   wasm load      fetch + compile + instantiate of pkg/ and its prepare() steps (embed's
//                  tagit:ready detail.loadMs)
//   learn          reading the blocks and learning the article's context (summed over tasks)
//   annotate+wrap  time inside the annotateElement and scan calls (summed over the chunks)
//   first visible  from tagit:ready to the first highlight on screen
//   indexed        from tagit:ready to tagit:annotated (every mention of the article counted;
//                  a long article is wrapped only near the reader, so this is not the time
//                  to wrap it all)
//   longest task   the longest main-thread task (PerformanceObserver 'longtask', >= 50 ms
//                  reported by the browser; "< 50" when there was none) from the embed's
//                  start (wasm load) until 1.5 s after tagit:annotated
//   memory         the renderer processes' proportional set size (PSS, /proc/*/smaps_rollup)
//                  3 s after tagit:annotated, minus the same page without the embed
// The median of --runs runs is printed; a fresh browser for every page load.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { demoParagraphs, demoSentences, embedBigArticle, launchBrowser, option, startServer } from './harness.mjs';

const runs = Number(option('--runs', 3));
const only = option('--only', 'demo,1mb,20k,5mb').split(',');

const server = await startServer();

/** Proportional set size (MB) of the renderer processes of the browser using `profile`. */
function rendererPss(profile) {
  const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  let kb = 0;
  for (const line of out.split('\n')) {
    if (!line.includes('--type=renderer') || !line.includes(profile)) continue;
    const pid = line.trim().split(/\s+/)[0];
    try {
      const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      if (m) kb += Number(m[1]);
    } catch {
      // The process ended meanwhile.
    }
  }
  return kb / 1024;
}

/** Installs the recorders (long tasks, ready, annotated, first visible mark) before any script. */
async function newPage(context) {
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__long = [];
    window.__ready = null;
    window.__readyAt = null;
    window.__done = null;
    window.__doneAt = null;
    window.__firstVisible = null;
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__long.push({ start: e.startTime, ms: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      // No long-task API: the column reads "n/a".
    }
    document.addEventListener('tagit:ready', (e) => {
      window.__ready = e.detail;
      window.__readyAt = performance.now();
      // Count tasks from the moment the embed started loading the wasm, not the page's own.
      window.__t0 ??= performance.now() - e.detail.loadMs;
    });
    document.addEventListener('tagit:annotated', (e) => {
      window.__done ??= { ...e.detail, target: null };
      window.__doneAt ??= performance.now();
    });
    // The first mark that lands on screen.
    new MutationObserver((records, mo) => {
      for (const r of records) {
        for (const n of r.addedNodes) {
          if (n.nodeName !== 'MARK' || !n.hasAttribute('data-tagit-id')) continue;
          const rect = n.getBoundingClientRect();
          if (rect.bottom > 0 && rect.top < innerHeight) {
            window.__firstVisible = performance.now();
            mo.disconnect();
            return;
          }
        }
      }
    }).observe(document, { childList: true, subtree: true });
  });
  return page;
}

/** After the embed finished: what the recorders saw. */
async function collect(page) {
  await page.waitForFunction(() => window.__done, null, { timeout: 600_000 });
  await page.waitForTimeout(1500);
  return page.evaluate(() => {
    const long = window.__long.filter((e) => e.start >= (window.__t0 || 0));
    const longest = long.reduce((m, e) => Math.max(m, e.ms), 0);
    const root = document.querySelector('#article-body, #big');
    const text = root.textContent;
    return {
      blocks: root.querySelectorAll('p, h2, h3, li, figcaption').length,
      bytes: new TextEncoder().encode(text).length,
      marks: window.__done.total,
      loadMs: window.__ready?.loadMs ?? NaN,
      learnMs: window.__done.timings.learnMs,
      busyMs: window.__done.timings.busyMs,
      firstVisibleMs: window.__firstVisible ? window.__firstVisible - window.__readyAt : NaN,
      indexedMs: window.__doneAt - window.__readyAt,
      longest,
      longCount: long.length,
    };
  });
}

/** One page load in a fresh browser: `build(page)` makes the page; `embed` adds tagit. */
async function measure(build, embed = true) {
  const b = await launchBrowser();
  try {
    const page = await newPage(b.context);
    await build(page, embed);
    let r = { bytes: 0 };
    if (embed) r = await collect(page);
    await page.waitForTimeout(3000);
    r.memoryMb = rendererPss(b.profile);
    await page.close();
    return r;
  } finally {
    await b.close();
  }
}

async function sources() {
  const b = await launchBrowser();
  try {
    return { paras: await demoParagraphs(b.context, server.url), sentences: await demoSentences(b.context, server.url) };
  } finally {
    await b.close();
  }
}

const { paras, sentences } = await sources();
const synthetic = (opts, text) => async (page, embed) => {
  await page.goto(server.url + 'test/no-embed.html', { waitUntil: 'load' });
  await embedBigArticle(page, text, { ...opts, embed });
};
const PAGES = {
  demo: [
    'demo article',
    async (page, embed) => {
      if (!embed) await page.route('**/embed.js', (route) => route.abort());
      await page.goto(server.url, { waitUntil: 'load' });
    },
  ],
  '1mb': ['1 MB article (paragraphs)', synthetic({ bytes: 1_000_000 }, paras)],
  '20k': ['20,000 short paragraphs', synthetic({ bytes: Infinity, count: 20_000 }, sentences)],
  '5mb': ['5 MB article (paragraphs)', synthetic({ bytes: 5_000_000 }, paras)],
};

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const fmt = (ms) => (Number.isFinite(ms) ? `${ms.toFixed(ms < 10 ? 1 : 0)} ms` : 'n/a');
const rows = [];
const dist = [];
try {
  for (const key of only) {
    const [name, build] = PAGES[key];
    const results = [];
    for (let i = 0; i < runs; i++) {
      const base = await measure(build, false);
      const r = await measure(build, true);
      r.addedMb = r.memoryMb - base.memoryMb;
      r.baseMb = base.memoryMb;
      results.push(r);
    }
    const m = (k) => median(results.map((r) => r[k]));
    const r0 = results[0];
    const longest = m('longest');
    dist.push(`${name}: ${results.map((r) => (r.longest > 0 ? r.longest.toFixed(0) : '<50')).join(', ')} ms`);
    rows.push(
      `| ${name} | ${(r0.bytes / 1024).toFixed(0)} KiB, ${r0.blocks} blocks | ${r0.marks} | ${fmt(m('loadMs'))} | ${fmt(m('learnMs'))} | ${fmt(m('busyMs'))} | ${fmt(m('firstVisibleMs'))} | ${fmt(m('indexedMs'))} | ${longest > 0 ? fmt(longest) : '< 50 ms'} | +${m('addedMb').toFixed(0)} MB (of ${m('baseMb').toFixed(0)} MB) |`,
    );
  }
  console.log(`Headless Chromium (${runs} runs, median), ${new Date().toISOString().slice(0, 10)}:\n`);
  console.log('| article | size | highlights | wasm load | learn | annotate + wrap | first visible | indexed | longest task | memory |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
  console.log(`\nLongest task per run: ${dist.join('; ')}.`);
} finally {
  await server.stop();
}
