#!/usr/bin/env node
// Benchmark (run on demand, not a test): what annotating at publish time saves the reader,
// for the README. The demo page through the embed as usual (the wasm package annotates it)
// and the same page annotated by `tagit annotate --html` (the embed adopts the marks).
//
//   node tests/e2e/ahead-bench.mjs [--runs 7] [--shot docs/publish-time.png]
//
// --shot also saves a screenshot of the pre-annotated demo with a date's tooltip open.
//
// Needs pkg/ and target/release/tagit (./build.sh test builds both). Each run is a fresh
// page with the browser's cache disabled, so every byte is fetched. Reported: the bytes
// tagit's files transferred (embed, widget, package, stylesheets: every resource but the
// page itself and the demo's own CSS and JS; as sent, and gzipped), the bytes the page's HTML grew by, and the
// milliseconds from navigation to `tagit:annotated` (highlights on screen). Medians of
// --runs runs.

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { REPO, launchBrowser, option, startServer } from './harness.mjs';

const runs = Number(option('--runs', 7));
const TAGIT = path.join(REPO, 'target', 'release', 'tagit');
const OUT = path.join(REPO, 'www', 'ahead');
mkdirSync(OUT, { recursive: true });
const demo = readFileSync(path.join(REPO, 'www', 'index.html'), 'utf8').replace('<head>', '<head>\n  <base href="../">');
const ahead = execFileSync(TAGIT, ['annotate', '--html', '--target', '#article-body', '--dct', '2025-03-11'], { input: demo }).toString();
writeFileSync(path.join(OUT, 'bench-plain.html'), demo);
writeFileSync(path.join(OUT, 'bench-ahead.html'), ahead);

const server = await startServer();
const browser = await launchBrowser();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(file) {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await page.addInitScript(() => {
    window.__t = {};
    document.addEventListener('tagit:annotated', (e) => (window.__t.annotated = performance.now()), { once: true });
  });
  await page.goto(server.url + 'ahead/' + file, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__t.annotated && document.querySelector('[data-tagit-widget]')?.shadowRoot?.querySelector('.entity'), null, { timeout: 30_000 });
  const r = await page.evaluate(() => {
    const own = (u) => !/\/(demo\.(css|js)|ahead\/[^/]*\.html)(\?|$)/.test(u);
    const tagit = performance.getEntriesByType('resource').filter((e) => own(e.name));
    return {
      annotated: window.__t.annotated,
      urls: tagit.map((e) => e.name),
      bytes: tagit.reduce((n, e) => n + e.transferSize, 0),
      wasm: tagit.some((e) => e.name.endsWith('.wasm')),
      files: tagit.length,
    };
  });
  await page.close();
  // What a CDN serving them gzipped would send (this test server sends them as they are).
  r.gzip = 0;
  for (const u of r.urls) {
    const p = new URL(u).pathname;
    const file = p.startsWith('/pkg/') ? path.join(REPO, p) : path.join(REPO, 'www', p);
    r.gzip += gzipSync(readFileSync(file), { level: 9 }).length;
  }
  return r;
}

const result = {};
for (const [name, file] of [['in the browser', 'bench-plain.html'], ['at publish time', 'bench-ahead.html']]) {
  const rs = [];
  await measure(file); // warm-up (the server's and the browser's first request)
  for (let i = 0; i < runs; i++) rs.push(await measure(file));
  result[name] = {
    'tagit bytes transferred': median(rs.map((r) => r.bytes)),
    'tagit bytes, gzip -9': median(rs.map((r) => r.gzip)),
    'files': median(rs.map((r) => r.files)),
    'wasm requested': rs.some((r) => r.wasm),
    'ms to highlights (tagit:annotated)': Math.round(median(rs.map((r) => r.annotated))),
  };
}
const shot = option('--shot');
if (shot) {
  const page = await browser.context.newPage();
  await page.goto(server.url + 'ahead/bench-ahead.html', { waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelector('[data-tagit-widget]')?.shadowRoot?.querySelector('.entity'));
  const date = page.locator('#article-body mark.tagit-DATE[data-tagit-value="2023-10-07"]').first();
  await date.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await date.click();
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.resolve(REPO, shot) });
  await page.close();
}
result['page HTML growth (bytes)'] = { raw: Buffer.byteLength(ahead) - Buffer.byteLength(demo), gzip: gzipSync(ahead).length - gzipSync(demo).length };
console.log(JSON.stringify(result, null, 2));
await browser.close();
await server.stop();
