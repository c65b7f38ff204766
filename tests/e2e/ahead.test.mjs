// End-to-end: pages annotated at publish time (issue 15, part 1), in headless Chromium (and
// the hydration in Firefox too).
//
// 1. The same marks as the browser: every page of tests/fixtures/pages/ and the demo article
//    go through `annotateElement` in the page and through `tagit annotate --html`; the
//    mentions (text, label, value, names, links, and which pieces share an id) must agree.
// 2. Hydration: the embed on a pre-annotated demo shows the tooltip and the panel from the
//    marks without requesting the wasm package; it loads it when the page adds a paragraph;
//    a forged mark inside the article makes it refuse the marks and annotate in the browser;
//    so does a root with its own digest outside the article; the confidence filter and
//    clear() work without the wasm.
//
// The pages are written by the CLI into www/ahead/ (ignored by git) when the tests start.

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO, browserSuite, openAnnotated } from './harness.mjs';
import { marksDigest } from '../../www/widget/ahead.js';
import { ENGINES, launchEngine, open } from './engines.mjs';

const T = { timeout: 120_000 };
const TAGIT = path.join(REPO, 'target', 'release', 'tagit');
const OUT = path.join(REPO, 'www', 'ahead');
const FIXTURES = path.join(REPO, 'tests', 'fixtures', 'pages');
const DCT = '2024-01-01';

const { server, browser } = browserSuite(T);

/** `tagit annotate --html ARGS` on `html`. */
function annotateHtml(html, args) {
  return execFileSync(TAGIT, ['annotate', '--html', ...args], { input: html, maxBuffer: 64 << 20 }).toString();
}

/** A fixture fragment as a whole page (its setup scripts are inert text/x-tagit-setup). */
function wrap(fragment) {
  return `<!doctype html>\n<html lang="he" dir="rtl"><head><meta charset="utf-8"><title>fixture</title></head><body>\n${fragment}\n</body></html>\n`;
}

const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.html')).sort();

before(() => {
  if (!existsSync(TAGIT)) execFileSync('cargo', ['build', '-q', '--release', '--bin', 'tagit'], { cwd: REPO, stdio: 'inherit' });
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  for (const f of fixtures) {
    const page = wrap(readFileSync(path.join(FIXTURES, f), 'utf8'));
    writeFileSync(path.join(OUT, f), page);
    writeFileSync(path.join(OUT, f.replace(/\.html$/, '.ahead.html')), annotateHtml(page, ['--target', 'body', '--dct', DCT]));
  }
  // The demo, annotated ahead; its relative links (embed.js, demo.css) are one level up.
  const demo = readFileSync(path.join(REPO, 'www', 'index.html'), 'utf8').replace('<head>', '<head>\n  <base href="../">');
  const ahead = annotateHtml(demo, ['--target', '#article-body', '--dct', '2025-03-11']);
  writeFileSync(path.join(OUT, 'demo.html'), ahead);
  // The demo without the embed, for annotateElement alone.
  const plain = demo.replace(/<script type="module" src="(embed|demo)\.js"[^>]*><\/script>/g, '');
  assert.notEqual(plain, demo);
  writeFileSync(path.join(OUT, 'demo-plain.html'), plain);
  // A reader comment inside the article that kept a mark's markup (a forged link).
  const forged = ahead.replace(
    /(<div id="article-body"[^>]*>)/,
    '$1<p>תגובה: <mark class="tagit tagit-PER" data-tagit-id="ahead-1" data-tagit-label="PER" data-tagit-link="https://evil.example/">נוכל</mark></p>',
  );
  assert.notEqual(forged, ahead);
  writeFileSync(path.join(OUT, 'demo-forged.html'), forged);
  // A page not annotated ahead, with a reader comment outside the article that carries a root
  // of its own, whose digest matches its forged mark.
  const attrs = { 'data-tagit-id': 'ahead-1', 'data-tagit-label': 'PER', 'data-tagit-link': 'https://evil.example/', 'data-tagit-confidence': '1.00' };
  const digest = marksDigest([{ getAttribute: (n) => attrs[n] ?? null, textContent: 'נוכל' }]);
  const attrText = Object.entries(attrs).map(([k, v]) => `${k}="${v}"`).join(' ');
  const comment = `<aside id="comments"><div data-tagit-ahead="${digest}"><p>תגובה: <mark class="tagit tagit-PER" ${attrText}>נוכל</mark></p></div></aside>`;
  writeFileSync(path.join(OUT, 'demo-comment-root.html'), demo.replace('</body>', `${comment}\n</body>`));
});

/** The mentions under `selector`, a row per id: tagit's own marks, or the CLI's (`ahead`). */
function mentions(page, selector, ahead) {
  return page.evaluate(
    async ([sel, ahead]) => {
      const own = ahead ? (m) => m.dataset.tagitId.startsWith('ahead-') : (await import('/pkg/tagit.js')).isTagitMark;
      const rows = [];
      const byId = new Map();
      for (const m of document.querySelector(sel).querySelectorAll('mark[data-tagit-id]')) {
        if (!own(m)) continue;
        let row = byId.get(m.dataset.tagitId);
        if (!row) {
          const a = (n) => m.getAttribute(n);
          row = { text: '', label: a('data-tagit-label'), value: a('data-tagit-value'), canonical: a('data-tagit-canonical'), link: a('data-tagit-link'), pieces: 0 };
          byId.set(m.dataset.tagitId, row);
          rows.push(row);
        }
        row.text += m.textContent;
        row.pieces += 1;
      }
      return rows;
    },
    [selector, ahead],
  );
}

/** What `annotateElement` marks in `url` under `selector` with `documentDate`. */
async function inBrowser(url, selector, documentDate) {
  const page = await browser.context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.evaluate(
      async ([sel, date]) => {
        const mod = await import('/pkg/tagit.js');
        await mod.default();
        const summary = mod.annotateElement(document.querySelector(sel), { documentDate: date });
        if (summary.error) throw new Error(summary.error);
      },
      [selector, documentDate],
    );
    return await mentions(page, selector, false);
  } finally {
    await page.close();
  }
}

/** What the CLI marked in `url` under `selector`. */
async function fromCli(url, selector) {
  const page = await browser.context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    return await mentions(page, selector, true);
  } finally {
    await page.close();
  }
}

test('tagit annotate --html marks what annotateElement marks: every fixture page and the demo', T, async () => {
  const differ = [];
  let total = 0;
  for (const f of fixtures) {
    const browserMarks = await inBrowser(`${server.url}ahead/${f}`, 'body', DCT);
    const cliMarks = await fromCli(`${server.url}ahead/${f.replace(/\.html$/, '.ahead.html')}`, 'body');
    total += cliMarks.length;
    const same = JSON.stringify(browserMarks) === JSON.stringify(cliMarks);
    if (!same) differ.push(`${f}:\n  browser ${JSON.stringify(browserMarks)}\n  cli     ${JSON.stringify(cliMarks)}`);
  }
  const demoBrowser = await inBrowser(`${server.url}ahead/demo-plain.html`, '#article-body', '2025-03-11');
  const demoCli = await fromCli(`${server.url}ahead/demo.html`, '#article-body');
  if (JSON.stringify(demoBrowser) !== JSON.stringify(demoCli)) differ.push(`demo:\n  browser ${JSON.stringify(demoBrowser)}\n  cli     ${JSON.stringify(demoCli)}`);
  assert.deepEqual(differ, []);
  assert.ok(total > 20, `the fixtures hold ${total} mentions`);
  assert.ok(demoCli.length > 30, `the demo holds ${demoCli.length} mentions`);
});

/** Opens a pre-annotated page. */
function openAhead(file) {
  return openAnnotated(browser.context, `${server.url}ahead/${file}`);
}

/** The wasm package's files the page has requested so far. */
function wasmRequests(page) {
  return page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((u) => /\.wasm(\?|$)|\/pkg\/tagit\.js/.test(u)));
}

test('a pre-annotated page: tooltip and panel from the marks, no wasm requested', T, async () => {
  const { page, outcome, problems } = await openAhead('demo.html');
  try {
    assert.equal(outcome.type, 'tagit:annotated', JSON.stringify(outcome));
    assert.ok(outcome.total > 30, JSON.stringify(outcome));
    await page.waitForFunction(() => document.querySelector('[data-tagit-widget]')?.shadowRoot?.querySelector('.entity'));
    const state = await page.evaluate(() => {
      const marks = [...document.querySelectorAll('#article-body mark[data-tagit-id]')];
      const adopted = marks.filter((m) => m.hasAttributeNS('urn:x-tagit:mark', 'own'));
      const per = adopted.find((m) => m.dataset.tagitLabel === 'PER');
      return {
        marks: marks.length,
        adopted: adopted.length,
        fill: getComputedStyle(per).backgroundColor,
        entities: document.querySelector('[data-tagit-widget]').shadowRoot.querySelectorAll('.entity').length,
      };
    });
    assert.equal(state.adopted, state.marks, 'every mark is adopted');
    assert.notEqual(state.fill, 'rgba(0, 0, 0, 0)', 'adopted marks are painted by tagit.css');
    assert.ok(state.entities > 10, `the panel lists ${state.entities} entities`);
    // A date's tooltip: the day and the Hebrew date the CLI wrote on the mark.
    const sel = '#article-body mark.tagit-DATE[data-tagit-value="2023-10-07"]';
    await page.locator(sel).first().evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.locator(sel).first().click();
    const tip = await page.evaluate(() => [...document.querySelector('[data-tagit-widget]').shadowRoot.querySelector('.tip').children].map((c) => c.textContent));
    assert.ok(tip.includes('יום שבת, 7 באוקטובר 2023'), JSON.stringify(tip));
    assert.ok(tip.includes('כ״ב בתשרי תשפ״ד'), JSON.stringify(tip));
    // The reader's confidence filter, and the off switch: still no wasm.
    const shown = await page.evaluate(async () => {
      const api = window[Symbol.for('tagit')];
      const root = document.querySelector('#article-body');
      const own = () => [...root.querySelectorAll('mark[data-tagit-id]')].filter((m) => m.hasAttributeNS('urn:x-tagit:mark', 'own')).length;
      const all = own();
      const strict = await api.annotate(root, { minConfidence: 0.9 });
      const filtered = own();
      await api.annotate(root, { minConfidence: 0 });
      const back = own();
      await api.clear(root);
      const cleared = own();
      await api.annotate();
      return { all, strict: strict.total, filtered, back, cleared, again: own() };
    });
    assert.ok(shown.filtered < shown.all && shown.filtered === shown.strict, JSON.stringify(shown));
    assert.equal(shown.back, shown.all, JSON.stringify(shown));
    assert.equal(shown.cleared, 0, 'clear() gives the marks up');
    assert.equal(shown.again, shown.all, 'and annotate() takes them again');
    assert.deepEqual(await wasmRequests(page), [], 'no wasm requested');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('a pre-annotated page loads the wasm when the page adds a paragraph, and keeps its marks', T, async () => {
  const { page } = await openAhead('demo.html');
  try {
    const before = await page.evaluate(() => document.querySelectorAll('#article-body mark[data-tagit-id^="ahead-"]').length);
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.id = 'added';
      p.textContent = 'ראש הממשלה בנימין נתניהו נפגש אתמול בוושינגטון עם נשיא ארצות הברית.';
      document.querySelector('#article-body').append(p);
    });
    await page.waitForFunction(() => document.querySelector('#added mark[data-tagit-id]'), null, { timeout: 30_000 });
    const after = await page.evaluate(async () => {
      const { isTagitMark } = await import('/pkg/tagit.js');
      const ahead = [...document.querySelectorAll('#article-body mark[data-tagit-id^="ahead-"]')];
      return { n: ahead.length, own: ahead.filter(isTagitMark).length, added: [...document.querySelectorAll('#added mark[data-tagit-id]')].filter(isTagitMark).map((m) => m.textContent) };
    });
    assert.equal(after.n, before, 'the publish-time marks stay');
    assert.equal(after.own, before, 'and the wasm package took them over');
    assert.ok(after.added.includes('בנימין נתניהו'), JSON.stringify(after.added));
    assert.ok((await wasmRequests(page)).length > 0, 'the wasm was loaded for the new paragraph');
  } finally {
    await page.close();
  }
});

test('a mark forged inside a pre-annotated article: the marks are refused and the page is annotated in the browser', T, async () => {
  const warnings = [];
  const { page, outcome } = await (async () => {
    const listener = (msg) => msg.type() === 'warning' && warnings.push(msg.text());
    browser.context.on('console', listener);
    try {
      return await openAhead('demo-forged.html');
    } finally {
      browser.context.off('console', listener);
    }
  })();
  try {
    assert.equal(outcome.type, 'tagit:annotated', JSON.stringify(outcome));
    assert.ok(warnings.some((w) => w.includes('do not match their digest')), JSON.stringify(warnings));
    assert.ok((await wasmRequests(page)).length > 0, 'the wasm path');
    const forged = await page.evaluate(async () => {
      const { isTagitMark } = await import('/pkg/tagit.js');
      const m = document.querySelector('mark[data-tagit-link="https://evil.example/"]');
      return { ours: isTagitMark(m), own: m.hasAttributeNS('urn:x-tagit:mark', 'own'), fill: getComputedStyle(m).backgroundColor };
    });
    assert.deepEqual(forged, { ours: false, own: false, fill: 'rgba(0, 0, 0, 0)' });
  } finally {
    await page.close();
  }
});

test('a root forged outside the article (a reader comment with its own digest) is not adopted', T, async () => {
  const warnings = [];
  const listener = (msg) => msg.type() === 'warning' && warnings.push(msg.text());
  browser.context.on('console', listener);
  let r;
  try {
    r = await openAhead('demo-comment-root.html');
  } finally {
    browser.context.off('console', listener);
  }
  const { page, outcome } = r;
  try {
    assert.equal(outcome.type, 'tagit:annotated', JSON.stringify(outcome));
    assert.ok(warnings.some((w) => w.includes('is not the article this embed annotates')), JSON.stringify(warnings));
    const forged = await page.evaluate(async () => {
      const { isTagitMark } = await import('/pkg/tagit.js');
      const m = document.querySelector('#comments mark');
      return { ours: isTagitMark(m), own: m.hasAttributeNS('urn:x-tagit:mark', 'own'), article: document.querySelectorAll('#article-body mark[data-tagit-id]').length > 30 };
    });
    assert.deepEqual(forged, { ours: false, own: false, article: true });
  } finally {
    await page.close();
  }
});

// Hydration is plain JS: the same in Firefox (a digest mismatch there would mean the two
// engines read a mark's text or attributes differently).
for (const engine of ENGINES.filter((e) => e.name === 'firefox')) {
  test(`${engine.name}: a pre-annotated page is shown from its marks, no wasm requested`, T, async () => {
    const { browser: ff, close } = await launchEngine(engine);
    try {
      const { page, outcome, problems } = await open(ff, `${server.url}ahead/demo.html`);
      assert.equal(outcome.type, 'tagit:annotated', JSON.stringify(outcome));
      assert.equal(outcome.mode, 'ahead');
      await page.waitForFunction(() => document.querySelector('[data-tagit-widget]')?.shadowRoot?.querySelector('.entity'));
      const state = await page.evaluate(() => {
        const marks = [...document.querySelectorAll('#article-body mark[data-tagit-id]')];
        return {
          marks: marks.length,
          adopted: marks.filter((m) => m.hasAttributeNS('urn:x-tagit:mark', 'own')).length,
          wasm: performance.getEntriesByType('resource').filter((e) => /\.wasm(\?|$)|\/pkg\/tagit\.js/.test(e.name)).length,
        };
      });
      assert.ok(state.marks > 30 && state.adopted === state.marks, JSON.stringify(state));
      assert.equal(state.wasm, 0, 'no wasm requested');
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });
}
