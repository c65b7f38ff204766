// End-to-end tests of the reader widget (www/widget/): tooltip, panel, settings, keyboard,
// off switch, dynamic content, strict CSP, Highlight-API mode, phone placement. Real wasm
// (pkg/) in headless Chromium through www/embed.js.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserSuite, launchBrowser, openAnnotated } from './harness.mjs';

const T = { timeout: 60_000 };
const LIVE = 'test/widget-live.html';

const { server, browser } = browserSuite(T);

/** Opens `url` and waits for the widget's shadow host to be mounted and styled. */
async function openWidget(context, url, opts) {
  const r = await openAnnotated(context, url, opts);
  assert.equal(r.outcome.type, 'tagit:annotated', JSON.stringify(r.outcome));
  await r.page.waitForFunction(() => {
    const host = document.querySelector('[data-tagit-widget]');
    return host && !host.hidden && host.shadowRoot;
  });
  return r;
}

/** The widget's state as the reader sees it. */
function widgetState(page) {
  return page.evaluate(() => {
    const sr = document.querySelector('[data-tagit-widget]')?.shadowRoot;
    if (!sr) return null;
    const tip = sr.querySelector('.tip');
    const body = sr.querySelector('.panel-body');
    return {
      tipVisible: !!tip && !tip.hidden,
      tipText: tip ? [...tip.children].map((c) => c.textContent) : [],
      tipRect: tip && !tip.hidden ? tip.getBoundingClientRect().toJSON() : null,
      panelOpen: !!body && !body.hidden,
      entities: [...sr.querySelectorAll('.entity')].map((b) => ({
        label: b.dataset.label,
        name: b.querySelector('.name').textContent,
        n: Number(b.querySelector('.n').textContent),
      })),
      links: [...sr.querySelectorAll('a.out')].map((a) => a.href),
    };
  });
}

/** Viewport rectangles of the first element matching `selector` whose text is `text` (any text if omitted). */
function markRects(page, selector, text) {
  return page.evaluate(
    ([sel, t]) => {
      const el = [...document.querySelectorAll(sel)].find((m) => !t || m.textContent === t);
      return [...el.getClientRects()].map((r) => r.toJSON());
    },
    [selector, text],
  );
}

function overlaps(a, b) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

test('the panel lists entities grouped (ולדימיר פוטין + פוטין), sorted by mentions, with link-outs', T, async () => {
  const { page, problems } = await openWidget(browser.context, server.url + LIVE);
  try {
    assert.deepEqual(problems, []);
    const s = await widgetState(page);
    assert.ok(s.panelOpen, 'data-panel="open" starts expanded');
    const putin = s.entities.filter((e) => e.name.includes('פוטין'));
    assert.equal(putin.length, 1, `one entry for Putin: ${JSON.stringify(s.entities)}`);
    assert.equal(putin[0].name, 'ולדימיר פוטין', 'canonical name is the longest mention');
    assert.ok(putin[0].n >= 2, 'both mentions counted');
    const counts = s.entities.map((e) => e.n);
    assert.deepEqual(counts, [...counts].sort((a, b) => b - a), 'sorted by mentions');
    // Putin is in tagit's knowledge list: his link goes to his article; the others' to the
    // publisher's template.
    assert.ok(s.links.some((h) => h === 'https://he.wikipedia.org/wiki/' + encodeURIComponent('ולדימיר_פוטין')), `the entity's own page: ${s.links}`);
    assert.ok(s.links.some((h) => h.startsWith('https://he.wikipedia.org/w/index.php?search=')), 'link template filled for the rest');
  } finally {
    await page.close();
  }
});

test('on the demo article the panel counts what the whole article\'s text yields (document-level context)', T, async () => {
  const { page, problems } = await openWidget(browser.context, server.url);
  try {
    assert.deepEqual(problems, []);
    // The panel draws after the marks are read; wait for the entries.
    await page.waitForFunction(() => document.querySelector('[data-tagit-widget]')?.shadowRoot?.querySelector('.entity'));
    const s = await widgetState(page);
    // What the core finds in the article's text as one document (what `tagit annotate`
    // prints for it), and what it would find block by block without context.
    const ref = await page.evaluate(async () => {
      const mod = await import('/pkg/tagit.js');
      const { proseBlocks } = await import('/widget/chunk.js');
      const texts = (await proseBlocks(document.querySelector('#article-body'))).blocks.map((b) => b.textContent);
      const opts = { documentDate: '2025-03-11' };
      const count = (spans, label, re) => spans.filter((x) => x.label === label && re.test(x.text)).length;
      const whole = mod.annotate(texts.join('\n'), opts);
      const alone = texts.flatMap((t) => mod.annotate(t, opts));
      return {
        putin: count(whole, 'PER', /פוטין$/),
        hamas: count(whole, 'ORG', /^חמאס$/),
        putinAlone: count(alone, 'PER', /פוטין$/),
        hamasAlone: count(alone, 'ORG', /^חמאס$/),
        total: whole.length,
      };
    });
    const entry = (label, name) => s.entities.find((e) => e.label === label && e.name === name);
    assert.equal(entry('PER', 'ולדימיר פוטין')?.n, ref.putin, `Putin: ${JSON.stringify(s.entities.slice(0, 8))}`);
    assert.equal(entry('ORG', 'חמאס')?.n, ref.hamas, 'Hamas');
    assert.ok(ref.putin > ref.putinAlone, `context matters: ${JSON.stringify(ref)}`);
    const marked = await page.evaluate(() => new Set([...document.querySelectorAll('#article-body mark.tagit')].map((m) => m.dataset.tagitId)).size);
    assert.equal(marked, ref.total, 'every mention of the whole-text run is marked');
  } finally {
    await page.close();
  }
});

test('label toggles hide and show marks, and are remembered with the panel state', T, async () => {
  const { page } = await openWidget(browser.context, server.url + LIVE);
  try {
    const per = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('#live mark.tagit-PER')].map((m) => ({
          hidden: m.hasAttribute('data-tagit-hidden'),
          bg: getComputedStyle(m).backgroundColor,
        })),
      );
    const before = await per();
    assert.ok(before.length > 0 && before.every((m) => !m.hidden && m.bg !== 'rgba(0, 0, 0, 0)'));
    const box = page.locator('[data-tagit-widget] input[data-label="PER"]');
    await box.uncheck();
    const off = await per();
    assert.ok(off.every((m) => m.hidden && m.bg === 'rgba(0, 0, 0, 0)'), 'PER unpainted');
    assert.ok(await page.evaluate(() => !document.querySelector('#live mark.tagit-GPE')?.hasAttribute('data-tagit-hidden')), 'other labels stay');
    // Remembered: reload, PER is still off and the panel is still open.
    await page.locator('[data-tagit-widget] .close').click();
    await page.reload();
    await page.waitForFunction(() => document.querySelector('[data-tagit-widget]')?.shadowRoot && document.querySelector('#live mark.tagit-PER'));
    await page.waitForFunction(() => document.querySelector('#live mark.tagit-PER').hasAttribute('data-tagit-hidden'));
    const s = await widgetState(page);
    assert.equal(s.panelOpen, false, 'closed panel remembered over data-panel="open"');
    await page.locator('[data-tagit-widget] .fab').click();
    await box.check();
    assert.ok((await per()).every((m) => !m.hidden), 'shown again');
    await page.evaluate(() => localStorage.clear());
  } finally {
    await page.close();
  }
});

test('tooltip for a person: Hebrew label, canonical name, mention count; never covers the mention', T, async () => {
  const { page } = await openWidget(browser.context, server.url + LIVE);
  try {
    const sel = '#e1 mark.tagit-PER';
    await page.locator(sel, { hasText: /^פוטין$/ }).hover();
    await page.waitForFunction(() => !document.querySelector('[data-tagit-widget]').shadowRoot.querySelector('.tip').hidden);
    const s = await widgetState(page);
    assert.equal(s.tipText[0], 'אדם');
    assert.equal(s.tipText[1], 'ולדימיר פוטין', 'the short mention shows the canonical name');
    assert.ok(s.tipText.includes('מוזכר פעמיים בכתבה'), JSON.stringify(s.tipText));
    for (const r of await markRects(page, sel, 'פוטין')) assert.ok(!overlaps(s.tipRect, r), 'tooltip does not cover the mention');
    await page.keyboard.press('Escape');
    assert.equal((await widgetState(page)).tipVisible, false, 'Escape dismisses');
  } finally {
    await page.close();
  }
});

test("the demo article's three 7 באוקטובר are the 7 October 2023 attack in the tooltip (a date that names an event)", T, async () => {
  const { page } = await openWidget(browser.context, server.url);
  try {
    const marks = await page.evaluate(() =>
      [...document.querySelectorAll('#article-body mark.tagit-DATE[data-tagit-id]')]
        .filter((m) => m.textContent === '7 באוקטובר')
        .map((m) => m.getAttribute('data-tagit-value')),
    );
    assert.deepEqual(marks, ['2023-10-07', '2023-10-07', '2023-10-07']);
    const sel = '#article-body mark.tagit-DATE[data-tagit-value="2023-10-07"]';
    await page.locator(sel).first().evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.locator(sel).first().click();
    const s = await widgetState(page);
    assert.ok(s.tipText.includes('יום שבת, 7 באוקטובר 2023'), JSON.stringify(s.tipText));
    assert.ok(s.tipText.includes('כ״ב בתשרי תשפ״ד'), JSON.stringify(s.tipText));
  } finally {
    await page.close();
  }
});

test('tooltip for a date: the resolved day in Hebrew and the Hebrew-calendar date', T, async () => {
  const { page } = await openWidget(browser.context, server.url + LIVE);
  try {
    const sel = '#e1 mark.tagit-DATE[data-tagit-value="2024-10-07"]';
    assert.ok(await page.$(sel), 'the date is marked with its value');
    await page.locator(sel).first().click();
    const s = await widgetState(page);
    assert.ok(s.tipVisible, 'a tap/click pins the tooltip');
    assert.equal(s.tipText[0], 'תאריך');
    assert.ok(s.tipText.includes('יום שני, 7 באוקטובר 2024'), JSON.stringify(s.tipText));
    assert.ok(s.tipText.includes('ה׳ בתשרי תשפ״ה'), JSON.stringify(s.tipText));
  } finally {
    await page.close();
  }
});

test('keyboard: the mentions are one tab stop; arrows move between them; Escape and Tab leave', T, async () => {
  const { page } = await openWidget(browser.context, server.url + LIVE);
  try {
    const focused = () =>
      page.evaluate(() => {
        const a = document.activeElement;
        const desc = document.getElementById(a.getAttribute('aria-describedby') || '');
        return { tag: a.tagName, id: a.dataset.tagitId || a.id, label: a.dataset.tagitLabel, desc: desc?.textContent || '' };
      });
    const stops = () => page.evaluate(() => document.querySelectorAll('#live mark[tabindex]').length);
    assert.equal(await stops(), 1, 'one tab stop for all the mentions');
    await page.keyboard.press('Tab');
    const first = await focused();
    assert.equal(first.tag, 'MARK');
    assert.equal(first.label, 'PER');
    assert.match(first.desc, /אדם\. ולדימיר פוטין\. מוזכר/);
    assert.ok((await widgetState(page)).tipVisible);
    // Right-to-left text: the left arrow goes forward, the right arrow back.
    await page.keyboard.press('ArrowLeft');
    const second = await focused();
    assert.equal(second.tag, 'MARK');
    assert.notEqual(second.id, first.id, 'the next mention');
    assert.ok((await widgetState(page)).tipVisible, 'its tooltip');
    await page.keyboard.press('ArrowRight');
    assert.equal((await focused()).id, first.id, 'and back');
    await page.keyboard.press('End');
    const last = await focused();
    const ids = await page.evaluate(() => [...new Set([...document.querySelectorAll('#live mark[data-tagit-id]')].map((m) => m.dataset.tagitId))]);
    assert.equal(last.id, ids[ids.length - 1], 'End: the last mention');
    assert.equal(await stops(), 1, 'still one tab stop');
    // Tab leaves the mentions for what follows the article; Shift+Tab comes back to the last one.
    await page.keyboard.press('Tab');
    assert.equal((await focused()).id, 'after');
    await page.keyboard.press('Shift+Tab');
    assert.equal((await focused()).id, last.id, 'back where the reader left');
    // Escape hides the tooltip and leaves.
    await page.keyboard.press('Escape');
    assert.equal((await widgetState(page)).tipVisible, false);
    assert.notEqual((await focused()).tag, 'MARK');
  } finally {
    await page.close();
  }
});

test('the panel entry scrolls to the next mention and flashes it', T, async () => {
  const { page } = await openWidget(browser.context, server.url + LIVE);
  try {
    const entry = page.locator('[data-tagit-widget] .entity', { hasText: 'ולדימיר פוטין' });
    await entry.click();
    const a = await page.evaluate(() => [...document.querySelectorAll('mark[data-tagit-flash]')].map((m) => m.dataset.tagitId));
    await entry.click();
    const b = await page.evaluate(() => [...document.querySelectorAll('mark[data-tagit-flash]')].map((m) => m.dataset.tagitId));
    assert.ok(a.length && b.length, 'flashing');
    assert.notDeepEqual(a, b, 'the second click goes to the next mention');
  } finally {
    await page.close();
  }
});

test('the off switch removes everything and restores the article exactly', T, async () => {
  const { page } = await openWidget(browser.context, server.url + LIVE, { snapshot: '#live' });
  try {
    await page.locator('[data-tagit-widget] .off').click();
    await page.waitForFunction(() => !document.querySelector('mark.tagit') && !document.querySelector('[data-tagit-widget]'));
    const same = await page.evaluate(() => {
      const root = document.querySelector('#live');
      return root.innerHTML === window.__snap.html && window.__snap.texts.every(([n, d]) => n.isConnected && n.data === d);
    });
    assert.ok(same, 'article DOM as the author wrote it');
  } finally {
    await page.close();
  }
});

test('dynamic content: paragraphs added later are annotated once, without loops', T, async () => {
  const { page } = await openWidget(browser.context, server.url + LIVE);
  try {
    const n0 = await page.evaluate(() => window.__tagit.events.filter((e) => e.type === 'tagit:annotated').length);
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.id = 'e3';
      p.textContent = 'עדכון: הנשיא ולדימיר פוטין שוחח עם עמנואל מקרון, ופוטין הודיע על פגישה במוסקבה.';
      document.querySelector('#live').append(p);
    });
    await page.waitForFunction(() => document.querySelector('#e3 mark.tagit'), null, { timeout: 10_000 });
    // The marks appear before the pass that made them reports: wait for its event too.
    await page.waitForFunction((n0) => window.__tagit.events.filter((e) => e.type === 'tagit:annotated').length > n0, n0, { timeout: 10_000 });
    const n1 = await page.evaluate(() => window.__tagit.events.filter((e) => e.type === 'tagit:annotated').length);
    await page.waitForTimeout(800);
    const n2 = await page.evaluate(() => window.__tagit.events.filter((e) => e.type === 'tagit:annotated').length);
    assert.equal(n2, n1, 'no further annotate passes after our own DOM changes');
    const s = await widgetState(page);
    const putin = s.entities.find((e) => e.name === 'ולדימיר פוטין');
    assert.ok(putin && putin.n >= 4, 'the new mentions join the entity');
    assert.ok(s.entities.some((e) => e.name === 'עמנואל מקרון'), 'a new entity is listed');
    const nested = await page.evaluate(() => document.querySelectorAll('mark.tagit mark.tagit').length);
    assert.equal(nested, 0, 'nothing annotated twice');
  } finally {
    await page.close();
  }
});

test('under a strict CSP the widget mounts and works without violations', T, async () => {
  const { page, problems } = await openWidget(browser.context, server.url + 'csp/' + LIVE);
  try {
    const res = await page.evaluate(async () => {
      const sr = document.querySelector('[data-tagit-widget]').shadowRoot;
      return { violations: window.__tagit.violations, position: getComputedStyle(sr.querySelector('.panel')).position };
    });
    assert.deepEqual(res.violations, []);
    assert.deepEqual(problems, []);
    assert.equal(res.position, 'fixed', 'panel.css loaded into the shadow root');
    await page.locator('#e1 mark.tagit-PER').first().click();
    assert.ok((await widgetState(page)).tipVisible);
  } finally {
    await page.close();
  }
});

test('Highlight-API mode paints without touching the DOM; hover hit-tests the tooltip', T, async () => {
  const { page, problems } = await openWidget(browser.context, server.url + 'test/widget-highlight.html', { snapshot: '#story' });
  try {
    assert.deepEqual(problems, []);
    const info = await page.evaluate(() => {
      const root = document.querySelector('#story');
      const hl = CSS.highlights.get('tagit-PER');
      const r = hl && [...hl][0];
      const rect = r?.getClientRects()[0];
      return {
        marks: document.querySelectorAll('mark').length,
        same: root.innerHTML === window.__snap.html && window.__snap.texts.every(([n, d]) => n.isConnected && n.data === d),
        ranges: hl ? hl.size : 0,
        text: r ? r.toString() : '',
        x: rect ? rect.left + rect.width / 2 : 0,
        y: rect ? rect.top + rect.height / 2 : 0,
      };
    });
    assert.equal(info.marks, 0, 'no <mark> elements');
    assert.ok(info.same, 'DOM untouched');
    assert.ok(info.ranges > 0, 'PER highlight registered');
    await page.mouse.move(info.x, info.y);
    await page.waitForFunction(() => !document.querySelector('[data-tagit-widget]').shadowRoot.querySelector('.tip').hidden, null, { timeout: 5000 });
    const s = await widgetState(page);
    assert.equal(s.tipText[0], 'אדם');
    assert.ok(s.entities.some((e) => e.name === 'ולדימיר פוטין'));
    // Toggle off PER: the highlight is dropped; clear removes all.
    await page.locator('[data-tagit-widget] .fab').click();
    await page.locator('[data-tagit-widget] input[data-label="PER"]').uncheck();
    assert.equal(await page.evaluate(() => CSS.highlights.has('tagit-PER')), false);
    await page.evaluate(() => localStorage.clear());
    await page.evaluate(() => window.tagit.clear());
    assert.equal(await page.evaluate(() => [...CSS.highlights.keys()].filter((k) => k.startsWith('tagit-')).length), 0);
  } finally {
    await page.close();
  }
});

test('on a phone a tap opens the tooltip inside the viewport, above or below the mention', T, async () => {
  const phone = await launchBrowser({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  try {
    const { page } = await openWidget(phone.context, server.url + LIVE);
    const sel = '#e1 mark.tagit-PER';
    await page.locator(sel).first().tap();
    const s = await widgetState(page);
    assert.ok(s.tipVisible, 'tap shows the tooltip');
    assert.ok(s.tipRect.left >= 0 && s.tipRect.right <= 390 && s.tipRect.top >= 0 && s.tipRect.bottom <= 844, JSON.stringify(s.tipRect));
    for (const r of await markRects(page, sel)) assert.ok(!overlaps(s.tipRect, r), 'not covering the tapped text');
    await page.locator('h1').tap();
    assert.equal((await widgetState(page)).tipVisible, false, 'a tap elsewhere dismisses');
  } finally {
    await phone.close();
  }
});

test('the confidence slider re-annotates with the threshold and is remembered', T, async () => {
  const { page } = await openWidget(browser.context, server.url + LIVE);
  try {
    const count = () => page.evaluate(() => new Set([...document.querySelectorAll('#live mark.tagit')].map((m) => m.dataset.tagitId)).size);
    const all = await count();
    const setSlider = (v) =>
      page.evaluate((value) => {
        const s = document.querySelector('[data-tagit-widget]').shadowRoot.querySelector('input[type=range]');
        s.value = String(value);
        s.dispatchEvent(new Event('input', { bubbles: true }));
      }, v);
    const events = () => page.evaluate(() => window.__tagit.events.filter((e) => e.type === 'tagit:annotated').length);
    let n = await events();
    // The page's bare year (`ב-2019`) has the date engine's fixed confidence 0.9, so 95 %
    // hides at least it, however sure the model is of the names.
    await setSlider(0.95);
    await page.waitForFunction((k) => window.__tagit.events.filter((e) => e.type === 'tagit:annotated').length > k, n);
    const strict = await count();
    assert.ok(strict < all, `fewer mentions at 95% (${strict} < ${all})`);
    assert.equal(await page.evaluate(() => JSON.parse(localStorage.getItem('tagit:settings:v1')).minConfidence), 0.95);
    n = await events();
    await setSlider(0);
    await page.waitForFunction((k) => window.__tagit.events.filter((e) => e.type === 'tagit:annotated').length > k, n);
    assert.equal(await count(), all, 'all back at 0');
    await page.evaluate(() => localStorage.clear());
  } finally {
    await page.close();
  }
});

test('the bookmarklet from the install page runs tagit on a page without the embed', T, async () => {
  const install = await browser.context.newPage();
  let page;
  try {
    await install.goto(server.url + 'bookmarklet.html');
    const href = await install.locator('#tagit-bookmarklet').getAttribute('href');
    assert.match(href, /^javascript:/);
    const code = decodeURIComponent(href.slice('javascript:'.length));
    assert.ok(code.includes(server.url + 'embed.js'), 'points at the embed beside the install page');
    ({ page } = await openAnnotated(browser.context, server.url + 'test/no-embed.html', { waitFor: false }));
    await page.evaluate(code);
    await page.waitForFunction(() => window.__tagit.events.some((e) => e.type === 'tagit:annotated'), null, { timeout: 20_000 });
    await page.waitForFunction(() => document.querySelector('[data-tagit-widget]')?.shadowRoot?.querySelector('.panel-body:not([hidden])'));
    assert.ok(await page.$('#main mark.tagit-PER'), 'the article is highlighted');
    // Clicking it again annotates what was added since, without duplicating.
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'הנשיא ולדימיר פוטין נפגש עם עמנואל מקרון.';
      p.id = 'late';
      document.querySelector('#main').append(p);
    });
    await page.evaluate(code);
    await page.waitForFunction(() => document.querySelector('#late mark.tagit'));
    assert.equal(await page.evaluate(() => document.querySelectorAll('script[src$="embed.js"]').length), 1);
  } finally {
    await install.close();
    await page?.close();
  }
});

test('no layout shift: CLS stays under 0.01 through annotation, widget mount, panel and tooltip', T, async () => {
  const page = await browser.context.newPage();
  try {
    await page.addInitScript(() => {
      window.__cls = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(server.url, { waitUntil: 'load' });
    await page.waitForFunction(() => document.querySelector('[data-tagit-widget]')?.shadowRoot && !document.querySelector('[data-tagit-widget]').hidden);
    const before = await page.evaluate(() => window.__cls);
    await page.locator('[data-tagit-widget] .fab').click();
    await page.locator('#article-body mark.tagit-PER').first().hover();
    await page.waitForTimeout(300);
    const cls = await page.evaluate(() => window.__cls);
    assert.ok(cls < 0.01, `CLS ${cls} (before the widget opened: ${before})`);
  } finally {
    await page.close();
  }
});
