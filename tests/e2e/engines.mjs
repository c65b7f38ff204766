// Two browser engines for the tests that must hold in both: Debian's Chromium and Firefox
// ESR, driven by puppeteer-core (never a downloaded browser). Playwright drives Chromium for
// the other tests, but its Firefox needs Playwright's own patched build, or a Firefox newer
// than Debian's ESR for its WebDriver BiDi mode; puppeteer speaks BiDi to ESR 140.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { CHROMIUM, CHROMIUM_ARGS } from './harness.mjs';

export const FIREFOX = process.env.TAGIT_FIREFOX || '/usr/bin/firefox-esr';

const ALL_ENGINES = [
  { name: 'chromium', browser: 'chrome', executablePath: CHROMIUM, args: CHROMIUM_ARGS },
  {
    name: 'firefox',
    browser: 'firefox',
    executablePath: FIREFOX,
    args: [],
    // Quiet, offline, Hebrew, and no first-run or update noise.
    extraPrefsFirefox: {
      'intl.accept_languages': 'he-IL,he',
      'browser.shell.checkDefaultBrowser': false,
      'app.update.enabled': false,
      'network.dns.disableIPv6': true,
    },
  },
];

/** Every engine, or those named in TAGIT_ENGINES (e.g. "firefox"), for a quicker local run. */
export const ENGINES = process.env.TAGIT_ENGINES
  ? ALL_ENGINES.filter((e) => process.env.TAGIT_ENGINES.split(',').includes(e.name))
  : ALL_ENGINES;

/** Launches `engine` headless with a throw-away profile; `close()` removes it too. */
export async function launchEngine(engine) {
  if (!existsSync(engine.executablePath)) throw new Error(`${engine.name} not found at ${engine.executablePath}`);
  const profile = mkdtempSync(path.join(tmpdir(), `tagit-${engine.name}-`));
  const browser = await puppeteer.launch({
    browser: engine.browser,
    executablePath: engine.executablePath,
    headless: true,
    args: engine.args,
    userDataDir: profile,
    extraPrefsFirefox: engine.extraPrefsFirefox,
    defaultViewport: { width: 1280, height: 900 },
    protocolTimeout: 120_000,
  });
  return {
    browser,
    close: async () => {
      await browser.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens `url` in a new page of `browser`, recording tagit's events (window.__tagit.events),
 * console errors and warnings, and page errors; waits (unless `waitFor` is false) for the
 * embed to report: `tagit:annotated`, `tagit:error` or `tagit:skipped`.
 * Resolves with {page, problems, warnings, outcome}.
 */
export async function open(browser, url, { waitFor = true, timeout = 30_000, init = null } = {}) {
  const page = await browser.newPage();
  const problems = [];
  const warnings = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`);
    if (msg.type() === 'warn' || msg.type() === 'warning') warnings.push(msg.text());
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  await page.evaluateOnNewDocument(() => {
    window.__tagit = { events: [] };
    for (const type of ['tagit:ready', 'tagit:annotated', 'tagit:error', 'tagit:skipped', 'tagit:restored', 'tagit:cleared']) {
      document.addEventListener(type, (e) => {
        const d = e.detail || {};
        window.__tagit.events.push({ type, total: d.total, counts: d.counts, message: d.message, mode: d.mode, reason: d.reason });
      });
    }
  });
  if (init) await page.evaluateOnNewDocument(init);
  await page.goto(url, { waitUntil: 'load' });
  let outcome = null;
  if (waitFor) outcome = await settled(page, timeout);
  return { page, problems, warnings, outcome };
}

/** Waits for the embed's first report and returns it. */
export async function settled(page, timeout = 30_000) {
  await page.waitForFunction(
    () => window.__tagit.events.some((e) => ['tagit:annotated', 'tagit:error', 'tagit:skipped'].includes(e.type)),
    { timeout },
  );
  return page.evaluate(() => window.__tagit.events.find((e) => ['tagit:annotated', 'tagit:error', 'tagit:skipped'].includes(e.type)));
}

/** The number of distinct mentions tagit has wrapped under `selector` (its own marks only). */
export function mentionCount(page, selector = 'body') {
  return page.evaluate(async (sel) => {
    const { isTagitMark } = await import('/pkg/tagit.js');
    // (A package without isTagitMark, before it existed, trusted the markup.)
    const ours = isTagitMark || ((m) => m.matches('mark.tagit'));
    const ids = new Set();
    for (const m of document.querySelector(sel).querySelectorAll('mark[data-tagit-id]')) if (ours(m)) ids.add(m.dataset.tagitId);
    return ids.size;
  }, selector);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Adds the one-line embed to `page` now, with `data` as its data- attributes. */
export function addEmbed(page, data = {}) {
  return page.evaluate((data) => {
    const s = document.createElement('script');
    s.type = 'module';
    s.src = '/embed.js';
    Object.assign(s.dataset, { lazy: 'off', ...data });
    document.body.append(s);
  }, data);
}
