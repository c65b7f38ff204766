// End-to-end: the real wasm package (pkg/, from `wasm-pack build --target web --release`)
// in headless Chromium, through www/embed.js, on the demo page and on plain fixture pages.
//
// What the recogniser finds is improving in parallel, so these tests assert what must hold
// for any recogniser (marks exist, prefixes stay outside, the DOM is restored exactly, the
// page never breaks) plus a few entities that any sane recogniser finds ("פוטין").

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { browserSuite, openAnnotated, startServer } from './harness.mjs';

const LABELS = ['PER', 'ORG', 'GPE', 'LOC', 'FAC', 'EVE', 'WOA', 'DUC', 'ANG', 'DATE', 'TIME'];
const T = { timeout: 60_000 };
const WASM_OPT_HINT =
  '\nThe wasm does not instantiate: an old wasm-opt (Debian binaryen 108) corrupts the externref ' +
  'table that wasm-bindgen emits. Build with `wasm-pack build --no-opt` or a newer binaryen.';

const { server, browser } = browserSuite(T);

/** In the page: the entities under `selector`, pieces of one entity joined by data-tagit-id. */
function entitiesIn(page, selector) {
  return page.evaluate((sel) => {
    const byId = new Map();
    for (const m of document.querySelector(sel).querySelectorAll('mark.tagit')) {
      const id = m.dataset.tagitId;
      const e = byId.get(id) || { id, label: m.dataset.tagitLabel, text: '', pieces: 0, classes: [] };
      e.text += m.textContent;
      e.pieces += 1;
      e.classes.push(m.className);
      if (e.label !== m.dataset.tagitLabel) e.label = 'MIXED';
      byId.set(id, e);
    }
    return [...byId.values()];
  }, selector);
}

/** Entities whose highlight swallowed an attached prefix (ו ב כ ל מ ש, with or without a hyphen). */
function prefixLeaks(entities) {
  const texts = new Set(entities.map((e) => `${e.label}\u0000${e.text}`));
  return entities.filter((e) => {
    if (/^[ובכלמשה]{1,3}[-־]/.test(e.text)) return true;
    for (let k = 1; k <= 2; k++) {
      const head = e.text.slice(0, k);
      if (/^[ובכלמש]+$/.test(head) && texts.has(`${e.label}\u0000${e.text.slice(k)}`)) return true;
    }
    return false;
  });
}

test('the demo page loads, highlights the article, and fills the legend', T, async () => {
  const { page, problems, outcome } = await openAnnotated(browser.context, server.url);
  try {
    assert.equal(
      outcome.type,
      'tagit:annotated',
      `${JSON.stringify(outcome)}${/Table\.set|invalid value type/.test(outcome.message) ? WASM_OPT_HINT : ''}`,
    );
    assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
    assert.equal(outcome.documentDate, '2025-03-11', 'document date from article:published_time');
    assert.ok(outcome.total > 0, 'something is highlighted');

    const entities = await entitiesIn(page, '#article-body');
    assert.equal(entities.length, outcome.total, 'one data-tagit-id per entity in the summary');
    for (const e of entities) {
      assert.ok(LABELS.includes(e.label), `known label, one per entity: ${JSON.stringify(e)}`);
      for (const c of e.classes) assert.equal(c, `tagit tagit-${e.label}`);
    }
    for (const label of LABELS) {
      const n = entities.filter((e) => e.label === label).length;
      assert.equal(outcome.counts[label] || 0, n, `counts.${label}`);
    }
    const labels = new Set(entities.map((e) => e.label));
    assert.ok(labels.has('PER'), `people are highlighted (got ${[...labels]})`);
    assert.ok(labels.has('GPE') || labels.has('LOC'), `places are highlighted (got ${[...labels]})`);
    assert.ok(
      entities.some((e) => e.label === 'PER' && e.text.endsWith('פוטין')),
      'פוטין is highlighted as a person',
    );

    // Only the article body is annotated: not the headline, the byline or the legend.
    const outside = await page.evaluate(
      () => [...document.querySelectorAll('mark.tagit')].filter((m) => !m.closest('#article-body')).length,
    );
    assert.equal(outside, 0, 'no marks outside the target');
    // The gallery badge is data-tagit-skip.
    assert.equal(await page.locator('.gallery-badge mark').count(), 0);

    // The legend shows the same counts (demo.js listens to tagit:annotated).
    const shown = await page.evaluate(() =>
      Object.fromEntries([...document.querySelectorAll('[data-count]')].map((c) => [c.dataset.count, c.textContent])),
    );
    for (const label of LABELS) assert.equal(shown[label], String(outcome.counts[label] || 0), `legend ${label}`);

    // The legend's switch hides and brings back the highlights.
    const toggle = page.locator('.legend-toggle');
    await toggle.click();
    await page.waitForFunction(() => document.querySelector('.legend-toggle').getAttribute('aria-pressed') === 'false');
    assert.equal(await page.locator('#article-body mark').count(), 0, 'hidden');
    await toggle.click();
    await page.waitForFunction(() => document.querySelector('.legend-toggle').getAttribute('aria-pressed') === 'true');
    assert.equal((await entitiesIn(page, '#article-body')).length, outcome.total, 'shown again');
    assert.equal(await toggle.isEnabled(), true);
  } finally {
    await page.close();
  }
});

test('attached prefixes stay outside the highlights', T, async () => {
  const { page, outcome } = await openAnnotated(browser.context, server.url);
  try {
    assert.equal(outcome.type, 'tagit:annotated');
    const entities = await entitiesIn(page, '#article-body');
    const leaks = prefixLeaks(entities);
    assert.deepEqual(leaks.map((e) => `${e.label}:${e.text}`), [], 'no highlight starts with an attached prefix');
    for (const word of ['לפוטין', 'בקרמלין', 'לחמאס', 'במוסקבה', 'למוסקבה', 'לרוסיה', 'ברוסיה', 'בישראל']) {
      assert.ok(!entities.some((e) => e.text.startsWith(word)), `${word}: the prefix is not highlighted`);
    }
  } finally {
    await page.close();
  }
});

test('the one-line embed works on a plain page and picks the article body', T, async () => {
  const { page, problems, outcome } = await openAnnotated(browser.context, `${server.url}test/embed-plain.html`);
  try {
    assert.deepEqual(problems, []);
    assert.equal(outcome.type, 'tagit:annotated', JSON.stringify(outcome));
    assert.equal(outcome.documentDate, '2024-11-03', 'document date from JSON-LD @graph');
    assert.equal(await page.evaluate(() => typeof window.tagit?.annotate + typeof window.tagit?.clear), 'functionfunction');

    // No <article>, no itemprop, no data-target: the densest block (#story) is annotated,
    // the navigation and the sidebar (which also mention פוטין) are not.
    for (const sel of ['#nav', '#aside']) assert.equal(await page.locator(`${sel} mark`).count(), 0, sel);
    const entities = await entitiesIn(page, '#story');
    assert.ok(entities.some((e) => e.label === 'PER' && e.text.endsWith('פוטין')), 'פוטין is highlighted as a person');
    assert.deepEqual(prefixLeaks(entities).map((e) => e.text), []);
    for (const e of entities) assert.notEqual(e.label, 'MIXED', `pieces of ${e.text} share one label`);

    // "הודה לפוטין בקרמלין": the mark is exactly פוטין, the ל before it stays page text.
    const lefut = await page.evaluate(() => {
      for (const m of document.querySelectorAll('#p1 mark.tagit')) {
        const before = m.previousSibling;
        if (before && before.nodeType === Node.TEXT_NODE && before.data.endsWith('ל')) return m.textContent;
      }
      return null;
    });
    assert.equal(lefut, 'פוטין', 'in לפוטין only פוטין is highlighted');

    // Non-prose and opted-out content is never touched.
    assert.equal(await page.locator('#story code mark, #story textarea mark, #story [data-tagit-skip] mark').count(), 0);
    assert.equal(await page.locator('#story textarea').inputValue(), 'פוטין');

    // tagit.css was added once, as a <link> (no inline style), and applies.
    assert.equal(await page.locator('link[rel="stylesheet"][href$="/tagit.css"]').count(), 1);
    assert.equal(await page.locator('style').count(), 0);
    const bg = await page.evaluate(() => getComputedStyle(document.querySelector('#story mark.tagit')).backgroundColor);
    assert.notEqual(bg, 'rgba(0, 0, 0, 0)', 'highlights are coloured');
  } finally {
    await page.close();
  }
});

test('publisher options on the script tag: target, date, labels, css', T, async () => {
  const { page, problems, outcome } = await openAnnotated(browser.context, `${server.url}test/embed-options.html`);
  try {
    assert.deepEqual(problems, []);
    assert.equal(outcome.type, 'tagit:annotated', JSON.stringify(outcome));
    assert.equal(outcome.documentDate, '2024-01-15', 'data-date wins over the meta tag');
    assert.equal(await page.locator('#decoy mark').count(), 0, 'data-target wins over <article>');
    const entities = await entitiesIn(page, '#body');
    assert.ok(entities.length > 0, 'the target is annotated');
    for (const e of entities) assert.ok(['GPE', 'DATE'].includes(e.label), `data-labels="GPE, date": ${e.label} ${e.text}`);
    assert.equal(await page.locator('link[href$="tagit.css"]').count(), 0, 'data-css="none"');
  } finally {
    await page.close();
  }
});

test('with two <article>s the longer one is the story; <time datetime> gives the date', T, async () => {
  const { page, problems, outcome } = await openAnnotated(browser.context, `${server.url}test/embed-article.html`);
  try {
    assert.deepEqual(problems, []);
    assert.equal(outcome.type, 'tagit:annotated', JSON.stringify(outcome));
    assert.equal(outcome.documentDate, '2024-12-24');
    assert.equal(await page.locator('#related mark').count(), 0);
    assert.ok((await page.locator('#main mark.tagit').count()) > 0);
  } finally {
    await page.close();
  }
});

test('a page with no date anchors relative dates at the reader\'s today', T, async () => {
  const { page, problems, outcome } = await openAnnotated(browser.context, `${server.url}test/no-date.html`);
  try {
    assert.deepEqual(problems, []);
    assert.equal(outcome.type, 'tagit:annotated', JSON.stringify(outcome));
    const today = await page.evaluate(() => {
      const d = new Date();
      const pad = (n) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    });
    assert.equal(outcome.documentDate, today);
    const yesterday = await page.locator('mark.tagit-DATE').first().getAttribute('data-tagit-value');
    const want = await page.evaluate(() => {
      const d = new Date();
      d.setDate(d.getDate() - 1);
      const pad = (n) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    });
    assert.equal(yesterday, want, 'אתמול is the day before today');
  } finally {
    await page.close();
  }
});

test('the embed also works injected after load, from another origin (CDN, bookmarklet)', T, async () => {
  const cdn = await startServer();
  try {
    const { page, problems } = await openAnnotated(browser.context, `${server.url}test/no-embed.html`, { waitFor: false });
    try {
      await page.evaluate((src) => {
        const s = document.createElement('script');
        s.type = 'module';
        s.src = src;
        document.head.appendChild(s);
      }, `${cdn.url}embed.js`);
      await page.waitForFunction(() => window.__tagit.events.some((e) => e.type !== 'tagit:ready'), null, {
        timeout: 20_000,
      });
      const outcome = await page.evaluate(() => window.__tagit.events.find((e) => e.type !== 'tagit:ready'));
      assert.equal(outcome.type, 'tagit:annotated', JSON.stringify(outcome));
      assert.equal(await page.locator('#related mark').count(), 0);
      assert.ok((await page.locator('#main mark.tagit').count()) > 0);
      const css = await page.evaluate(() => document.querySelector('link[href$="tagit.css"]')?.href);
      assert.equal(css, `${cdn.url}tagit.css`, 'the stylesheet comes from beside embed.js');
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  } finally {
    await cdn.stop();
  }
});

test('clearAnnotations restores the article exactly; annotating is idempotent', T, async () => {
  const { page, problems, outcome } = await openAnnotated(browser.context, server.url, { snapshot: '#article-body' });
  try {
    assert.equal(outcome.type, 'tagit:annotated');
    const marked = await page.evaluate(() => document.querySelector('#article-body').innerHTML);

    await page.evaluate(() => window.tagit.clear());
    const restored = await page.evaluate(() => {
      const root = document.querySelector('#article-body');
      return {
        equal: root.innerHTML === window.__snap.html,
        marks: root.querySelectorAll('mark').length,
        // The page's own text nodes are the same objects with the same text (no normalize()).
        textNodesIntact: window.__snap.texts.every(([node, data]) => node.isConnected && node.data === data),
      };
    });
    assert.deepEqual(restored, { equal: true, marks: 0, textNodesIntact: true });

    // Annotate again: the same highlights come back; a second run changes nothing.
    const again = await page.evaluate(() => window.tagit.annotate());
    assert.equal(again.total, outcome.total);
    const html2 = await page.evaluate(() => document.querySelector('#article-body').innerHTML);
    // Ids are new, and the widget mounted again describes its tab stop with a new id.
    const strip = (h) => h.replace(/ (data-tagit-id|aria-describedby)="[^"]*"/g, '');
    assert.equal(strip(html2), strip(marked), 'same highlights as on load');
    const third = await page.evaluate(() => window.tagit.annotate());
    assert.equal(third.total, 0, 'nothing new the second time');
    assert.equal(await page.evaluate(() => document.querySelector('#article-body').innerHTML), html2);

    await page.evaluate(() => window.tagit.clear());
    assert.equal(await page.evaluate(() => document.querySelector('#article-body').innerHTML === window.__snap.html), true);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test("the page's own adjacent text nodes survive annotate + clear", T, async () => {
  const { page, outcome } = await openAnnotated(browser.context, `${server.url}test/embed-plain.html`);
  try {
    assert.equal(outcome.type, 'tagit:annotated');
    const result = await page.evaluate(async () => {
      // Split text on purpose: a framework-rendered paragraph often looks like this.
      const p = document.createElement('p');
      const parts = [
        'הנשיא ולדימיר ', 'פוטין', ' נפגש במוסקבה ', 'עם ', 'סשה טרופנוב', ' ב-7 באוקטובר ', '2024',
        '. רוסיה ממשיכה לארח את ', 'חמאס', ', ובישראל ', 'הביעו מורת רוח.',
      ];
      for (const t of parts) p.appendChild(document.createTextNode(t));
      document.querySelector('#story').appendChild(p);
      const nodes = [...p.childNodes];
      const summary = await window.tagit.annotate(p);
      const marks = p.querySelectorAll('mark.tagit').length;
      await window.tagit.clear(p);
      return {
        total: summary && summary.total,
        marks,
        sameNodes: p.childNodes.length === nodes.length && nodes.every((n, i) => p.childNodes[i] === n),
        sameText: nodes.every((n, i) => n.data === parts[i]),
      };
    });
    assert.ok(result.total > 0 && result.marks > 0, JSON.stringify(result));
    assert.equal(result.sameNodes, true, 'same text node objects, not merged');
    assert.equal(result.sameText, true, 'same text in each node');
  } finally {
    await page.close();
  }
});

test('highlighting does not move the text (no layout shift)', T, async () => {
  const { page, outcome } = await openAnnotated(browser.context, server.url);
  try {
    assert.equal(outcome.type, 'tagit:annotated');
    await page.evaluate(() => document.fonts.ready);
    const measure = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('#article-body p')].map((p) => {
          const r = p.getBoundingClientRect();
          return [Math.round(r.top * 2) / 2, Math.round(r.height * 2) / 2];
        }),
      );
    const withMarks = await measure();
    await page.evaluate(() => window.tagit.clear());
    const without = await measure();
    assert.deepEqual(withMarks, without, 'paragraph boxes identical with and without highlights');
  } finally {
    await page.close();
  }
});

test('highlight colours meet WCAG AA in light and dark themes', T, async () => {
  const { page, outcome } = await openAnnotated(browser.context, server.url);
  try {
    assert.equal(outcome.type, 'tagit:annotated');
    const sample = () =>
      page.evaluate((labels) => {
        const rgb = (c) => c.match(/[\d.]+/g).map(Number);
        const lum = ([r, g, b]) => {
          const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
          return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
        };
        const host = document.createElement('p');
        document.body.appendChild(host);
        const out = {};
        for (const label of labels) {
          const m = document.createElement('mark');
          m.className = `tagit tagit-${label}`;
          m.dataset.tagitId = `sample-${label}`;
          // tagit.css styles only marks carrying tagit's own namespaced attribute.
          m.setAttributeNS('urn:x-tagit:mark', 'tagit:own', '');
          m.textContent = 'בדיקה';
          host.appendChild(m);
          const s = getComputedStyle(m);
          const [fg, bg] = [rgb(s.color), rgb(s.backgroundColor)];
          const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
          out[label] = { ratio: (a + 0.05) / (b + 0.05), bg: s.backgroundColor, alpha: bg[3] ?? 1 };
        }
        host.remove();
        return out;
      }, LABELS);
    const light = await sample();
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await sample();
    await page.emulateMedia({ colorScheme: 'light' });
    await page.evaluate(() => (document.documentElement.dataset.tagitTheme = 'dark'));
    const forced = await sample();
    for (const label of LABELS) {
      for (const [theme, s] of [['light', light], ['dark', dark], ['forced dark', forced]]) {
        assert.equal(s[label].alpha, 1, `${theme} ${label}: opaque fill`);
        assert.ok(s[label].ratio >= 4.5, `${theme} ${label}: contrast ${s[label].ratio.toFixed(2)} < 4.5`);
      }
      assert.notEqual(light[label].bg, dark[label].bg, `${label}: the dark theme has its own fill`);
      assert.equal(forced[label].bg, dark[label].bg, `${label}: data-tagit-theme="dark" forces the dark fill`);
    }
    const fills = new Set(LABELS.map((l) => light[l].bg));
    assert.equal(fills.size, LABELS.length, 'every label has its own colour');
  } finally {
    await page.close();
  }
});

test('pages served with a strict CSP run without violations', T, async () => {
  for (const p of ['csp/', 'csp/test/embed-plain.html']) {
    const { page, problems, outcome } = await openAnnotated(browser.context, server.url + p);
    try {
      assert.equal(outcome.type, 'tagit:annotated', `${p}: ${JSON.stringify(outcome)}`);
      assert.ok(outcome.total > 0, p);
      assert.deepEqual(await page.evaluate(() => window.__tagit.violations), [], `${p}: CSP violations`);
      assert.deepEqual(problems, [], `${p}: console errors`);
      const csp = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
      assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
    } finally {
      await page.close();
    }
  }
});

test('a missing wasm package is reported once and leaves the page as it was', T, async () => {
  const emptyPkg = mkdtempSync(path.join(tmpdir(), 'tagit-nopkg-'));
  const broken = await startServer({ pkg: emptyPkg });
  try {
    const { page, problems, outcome } = await openAnnotated(browser.context, `${broken.url}test/embed-plain.html`, {
      snapshot: '#story',
    });
    try {
      assert.equal(outcome.type, 'tagit:error');
      assert.equal(await page.evaluate(() => document.querySelector('#story').innerHTML === window.__snap.html), true);
      // A second attempt through the API fails quietly too: null, no exception, no new log line.
      assert.equal(await page.evaluate(() => window.tagit.annotate()), null);
      await page.evaluate(() => window.tagit.clear());
      const ours = problems.filter((p) => p.startsWith('console.error: tagit:'));
      const others = problems.filter(
        (p) => !p.startsWith('console.error: tagit:') && !/404|Failed to load resource|requestfailed: .*\/pkg\//.test(p),
      );
      assert.equal(ours.length, 1, `one report: ${problems.join('\n')}`);
      assert.deepEqual(others, [], 'no page errors');
    } finally {
      await page.close();
    }
  } finally {
    await broken.stop();
    rmSync(emptyPkg, { recursive: true, force: true });
  }
});
