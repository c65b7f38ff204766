// Shared plumbing for the browser tests and the scripts (screenshots, timing, traces):
// starts www/serve.mjs on a free port as a child process, and launches the system Chromium
// through playwright-core (never a downloaded browser) with a throw-away profile.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const CHROMIUM = process.env.TAGIT_CHROMIUM || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

/**
 * Starts `node www/serve.mjs 0` and resolves with {url, stop} once it prints its address.
 * `pkg` overrides the wasm package directory (TAGIT_PKG_DIR), e.g. for a fake package.
 */
export function startServer({ pkg } = {}) {
  // The tests' own pinned npm packages (React, Preact, axe-core) are served at /vendor/.
  const env = { ...process.env, TAGIT_VENDOR_DIR: path.join(REPO, 'tests', 'e2e', 'node_modules') };
  if (pkg) env.TAGIT_PKG_DIR = pkg;
  const child = spawn(process.execPath, [path.join(REPO, 'www', 'serve.mjs'), '0'], {
    cwd: REPO,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  // Never leave a server behind, even when a test crashes the runner's process.
  const reap = () => child.exitCode === null && child.kill('SIGKILL');
  process.once('exit', reap);
  child.once('exit', () => process.off('exit', reap));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve.mjs did not start in 10 s: ${stderr}`));
    }, 10_000);
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /tagit demo: (http:\/\/[^\s]+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1],
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
              setTimeout(() => child.kill('SIGKILL'), 2000).unref();
            }),
        });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve.mjs exited with ${code}: ${stderr}`));
    });
  });
}

/** Launches headless Chromium with a fresh profile; close() also deletes the profile. */
export async function launchBrowser(contextOptions = {}) {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium)`);
  const profile = mkdtempSync(path.join(tmpdir(), 'tagit-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    locale: 'he-IL',
    timezoneId: 'Asia/Jerusalem',
    viewport: { width: 1280, height: 900 },
    ...contextOptions,
  });
  return {
    context,
    profile,
    close: async () => {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Throws, saying how to build it, unless pkg/ holds `files` (the wasm package). */
export function requirePkg(files = ['tagit.js', 'tagit_bg.wasm']) {
  for (const f of files) {
    if (!existsSync(path.join(REPO, 'pkg', f))) {
      throw new Error(`pkg/${f} is missing: run \`wasm-pack build --target web --release\` first`);
    }
  }
}

/**
 * For a browser test file: registers node:test hooks that check pkg/, start the server and
 * launch the browser once before the file's tests, and close both after them. Returns
 * {server, browser} whose `url` and `context` can be read once the tests run.
 */
export function browserSuite({ timeout = 60_000 } = {}) {
  let server;
  let browser;
  before(async () => {
    requirePkg();
    server = await startServer();
    browser = await launchBrowser();
  }, { timeout });
  after(async () => {
    await browser?.close();
    await server?.stop();
  }, { timeout });
  return {
    server: { get url() { return server.url; } },
    browser: { get context() { return browser.context; } },
  };
}

/** A script's `--name value` option from process.argv, or `fallback` when absent. */
export function option(name, fallback = null) {
  const args = process.argv.slice(2);
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
}

/** The demo article's paragraphs (the demo page with `?no`: not annotated), as text. */
export async function demoParagraphs(context, url) {
  const p = await context.newPage();
  await p.goto(url + '?no', { waitUntil: 'domcontentloaded' });
  const texts = await p.evaluate(() => [...document.querySelectorAll('#article-body p')].map((x) => x.textContent));
  await p.close();
  return texts;
}

/**
 * In `page` (test/no-embed.html): replaces the body with `bytes` (UTF-8, default ~1 MB) of
 * article made of `paras` (at most `count` paragraphs), lets the page do its own first
 * layout and paint, sets window.__t0, then (unless `embed` is false) adds the one-line
 * embed (target #big, dated 2025-03-11, `mode`: data-mode, default TAGIT_MODE or auto).
 */
export async function embedBigArticle(page, paras, { bytes: size = 1_000_000, count = Infinity, embed = true, mode = process.env.TAGIT_MODE || 'auto' } = {}) {
  await page.evaluate(async ({ paras, size, count, embed, mode }) => {
    const article = document.createElement('article');
    article.id = 'big';
    let bytes = 0;
    const enc = new TextEncoder();
    for (let i = 0; bytes < size && i < count; i++) {
      const p = document.createElement('p');
      p.textContent = paras[i % paras.length];
      bytes += enc.encode(p.textContent).length;
      article.append(p);
    }
    document.body.replaceChildren(article);
    // The page's own first layout and paint of 1 MB (a 400 ms task, then an 80 ms one)
    // happen before tagit starts, as they would on a real page, and are not counted.
    void document.body.offsetHeight;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0))));
    window.__t0 = performance.now();
    if (!embed) return;
    const s = document.createElement('script');
    s.type = 'module';
    s.src = '/embed.js';
    s.dataset.target = '#big';
    s.dataset.date = '2025-03-11';
    s.dataset.mode = mode;
    document.body.append(s);
  }, { paras, size, count, embed, mode });
}

/**
 * Short paragraphs from the demo article (its sentences, cut again after commas): 20,000 of
 * them make about 2.3 MB, the size of the 20,000-paragraph page of issue 12.
 */
export async function demoSentences(context, url) {
  const paras = await demoParagraphs(context, url);
  return paras.flatMap((p) => p.split(/(?<=[.?!,;:])\s+/)).filter((s) => s.length > 20);
}

/**
 * Opens `url` in a new page, recording console errors, page errors, failed requests and
 * CSP violations, and waits until the embed has reported (`tagit:annotated` or
 * `tagit:error`). Resolves with {page, problems, outcome}.
 *
 * `snapshot`: a selector whose element is recorded as the parser finishes, before any
 * module script runs (readyState "interactive"): window.__snap = {html, texts: [[node, data]]},
 * the page as its author wrote it, to compare against after clearAnnotations.
 */
export async function openAnnotated(context, url, { waitFor = true, timeout = 20_000, snapshot = null } = {}) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`requestfailed: ${req.url()} ${req.failure()?.errorText}`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  await page.addInitScript(() => {
    window.__tagit = { events: [], violations: [] };
    for (const type of ['tagit:ready', 'tagit:annotated', 'tagit:error']) {
      document.addEventListener(type, (e) => {
        const d = e.detail || {};
        window.__tagit.events.push({ type, total: d.total, counts: d.counts, message: d.message, documentDate: d.documentDate });
      });
    }
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__tagit.violations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  if (snapshot) {
    await page.addInitScript((selector) => {
      document.addEventListener('readystatechange', () => {
        if (document.readyState !== 'interactive' || window.__snap) return;
        const root = document.querySelector(selector);
        const texts = [];
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) texts.push([walker.currentNode, walker.currentNode.data]);
        window.__snap = { html: root.innerHTML, texts };
      });
    }, snapshot);
  }
  await page.goto(url, { waitUntil: 'load' });
  let outcome = null;
  if (waitFor) {
    await page.waitForFunction(
      () => window.__tagit.events.some((e) => e.type === 'tagit:annotated' || e.type === 'tagit:error'),
      null,
      { timeout },
    );
    outcome = await page.evaluate(() => window.__tagit.events.find((e) => e.type !== 'tagit:ready'));
  }
  return { page, problems, outcome };
}
