#!/usr/bin/env node
// Diagnostic (run on demand, not a test): which main-thread tasks are long, and what is in
// them. Records a Chrome trace over CDP while the embed annotates the demo article or the
// 1 MB synthetic article of timing.mjs, then prints every task of at least --min ms (default
// 40) with the trace events inside it, summed by name (Layout, PrePaint, wasm.CompileLazy,
// V8.GCIncrementalMarking, FunctionCall:name file.js, …), in time order.
//
//   node tests/e2e/trace-tasks.mjs [demo|big|20k|5mb] [--min 40] [--out trace.json]
//
// Needs pkg/ (./build.sh build) and tests/e2e/node_modules. The --out file opens in
// Chrome's DevTools Performance panel.

import { writeFileSync } from 'node:fs';
import { demoParagraphs, demoSentences, embedBigArticle, launchBrowser, option, startServer } from './harness.mjs';

const args = process.argv.slice(2);
const which = args.find((a) => ['demo', 'big', '20k', '5mb'].includes(a)) || 'demo';
const min = Number(option('--min', 40));
const out = option('--out');

const server = await startServer();
const browser = await launchBrowser();
try {
  const paras = which === '20k' ? await demoSentences(browser.context, server.url) : which !== 'demo' ? await demoParagraphs(browser.context, server.url) : [];
  const size = { big: { bytes: 1_000_000 }, '20k': { bytes: Infinity, count: 20_000 }, '5mb': { bytes: 5_000_000 } }[which];
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const complete = new Promise((resolve) => cdp.on('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.wasm', 'blink.user_timing', 'toplevel', 'v8.execute'],
    },
  });
  await page.addInitScript(() => document.addEventListener('tagit:annotated', () => (window.__done = true)));
  if (which === 'demo') {
    await page.goto(server.url, { waitUntil: 'load' });
  } else {
    await page.goto(server.url + 'test/no-embed.html', { waitUntil: 'load' });
    await embedBigArticle(page, paras, size);
  }
  await page.waitForFunction(() => window.__done, null, { timeout: 300_000 });
  await page.waitForTimeout(1500);
  await cdp.send('Tracing.end');
  await complete;
  if (out) writeFileSync(out, JSON.stringify({ traceEvents: events }));

  // The renderer main thread of this page: the CrRendererMain with the most events.
  const names = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
  const counts = new Map();
  for (const e of events) {
    const k = `${e.pid}:${e.tid}`;
    if (names.get(k) === 'CrRendererMain' && e.ph === 'X') counts.set(k, (counts.get(k) || 0) + 1);
  }
  const main = [...counts].sort((a, b) => b[1] - a[1])[0][0];
  const evs = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.dur != null).sort((a, b) => a.ts - b.ts);
  const isTask = (e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask';
  const tasks = [];
  let end = -1;
  for (const t of evs.filter(isTask)) {
    if (t.ts >= end) {
      tasks.push(t);
      end = t.ts + t.dur;
    }
  }
  const start = tasks[0]?.ts ?? 0;
  console.log(`${which}: tasks of ${min} ms or more (ms from the first task; the 1 MB page's own first layout and paint come before the embed starts)`);
  for (const t of tasks) {
    if (t.dur < min * 1000) continue;
    const sums = new Map();
    for (const k of evs) {
      if (isTask(k) || k.ts < t.ts || k.ts + k.dur > t.ts + t.dur) continue;
      const d = k.args?.data || {};
      const name = k.name + (d.functionName ? `:${d.functionName}` : '') + (d.url ? ` ${d.url.split('/').pop()}` : '');
      const s = sums.get(name) || [0, 0];
      s[0] += k.dur;
      s[1] += 1;
      sums.set(name, s);
    }
    const top = [...sums].sort((a, b) => b[1][0] - a[1][0]).slice(0, 8);
    const what = top.map(([n, [d, c]]) => `${n} ${(d / 1000).toFixed(1)}${c > 1 ? ` x${c}` : ''}`).join(' | ');
    console.log(`${((t.ts - start) / 1000).toFixed(0).padStart(7)} +${(t.dur / 1000).toFixed(1).padStart(6)}  ${what}`);
  }
} finally {
  await browser.close();
  await server.stop();
}
