// End-to-end: tagit living on pages built the way news sites are built today, in Chromium
// and Firefox (puppeteer-core, Debian's browsers). One test per way it used to break
// (issue 12): frameworks that own their text nodes (real React 18 and Preact 10), editors,
// a taken window.tagit, the embed included twice, the page's own class "tagit", page
// markup that imitates a mark, the panel after clear(), a 20,000-paragraph article, the
// keyboard (with axe-core audits), and the small ones (a wasm that never loads, a page with
// no article, copying highlighted text).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO, requirePkg, startServer } from './harness.mjs';
import { ENGINES, addEmbed, launchEngine, mentionCount, open, settled, sleep } from './engines.mjs';

const T = { timeout: 90_000 };
let server;
before(async () => {
  requirePkg();
  server = await startServer();
});
after(async () => server?.stop());

/** The text of every paragraph of the framework page equals what the app rendered. */
function installTextCheck(page) {
  return page.evaluate(() => {
    window.__bad = [];
    window.__checks = 0;
    const check = (when) => {
      window.__checks += 1;
      document.querySelectorAll('#app p').forEach((p, i) => {
        if (p.textContent !== window.__expected[i]) window.__bad.push(`${when} #${i}: ${p.textContent}`);
      });
    };
    // After each render, once the microtasks queued by it have run; and before each paint.
    window.__afterRender = () => queueMicrotask(() => check('after render'));
    const frame = () => {
      check('frame');
      if (!window.__stopChecks) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

for (const engine of ENGINES) {
  describe(engine.name, () => {
    let browser;
    before(async () => {
      browser = await launchEngine(engine);
    }, T);
    after(async () => browser?.close(), T);

    test('1. a page that writes its own text node gets exactly what it wrote, before the next paint', T, async () => {
      const { page, problems, outcome } = await open(browser.browser, server.url + 'test/living-minimal.html');
      try {
        assert.equal(outcome.type, 'tagit:annotated', JSON.stringify(outcome));
        assert.ok((await mentionCount(page, '#p')) >= 2, 'the paragraph is annotated');
        const seen = await page.evaluate(async () => {
          const p = document.getElementById('p');
          const node = p.firstChild;
          p.firstChild.data = 'ראש הממשלה בנימין נתניהו נפגש בוושינגטון.';
          await Promise.resolve();
          const microtask = p.textContent;
          await new Promise((r) => requestAnimationFrame(r));
          return { microtask, frame: p.textContent, same: p.firstChild === node, nodes: p.childNodes.length };
        });
        assert.equal(seen.microtask, 'ראש הממשלה בנימין נתניהו נפגש בוושינגטון.');
        assert.equal(seen.frame, 'ראש הממשלה בנימין נתניהו נפגש בוושינגטון.');
        assert.ok(seen.same, 'the page keeps its own node');
        // Later, the new text is annotated; clear() restores the page's text.
        await page.waitForFunction(() => document.querySelector('#p mark'), { timeout: 10_000 });
        assert.equal(await page.evaluate(() => document.getElementById('p').textContent), 'ראש הממשלה בנימין נתניהו נפגש בוושינגטון.');
        await page.evaluate(() => window.tagit.clear());
        assert.equal(await page.evaluate(() => document.getElementById('p').innerHTML), 'ראש הממשלה בנימין נתניהו נפגש בוושינגטון.');
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    });

    for (const lib of ['react', 'preact']) {
      test(`1. ${lib === 'react' ? 'React 18' : 'Preact 10'} re-rendering ten paragraphs every 100 ms: never stale text, highlights back when it stops`, T, async () => {
        const { page, problems, outcome } = await open(browser.browser, `${server.url}test/living-${lib}.html?mode=marks`);
        try {
          assert.equal(outcome.type, 'tagit:annotated', JSON.stringify(outcome));
          assert.equal(outcome.mode, 'marks');
          assert.ok((await mentionCount(page, '#app')) >= 10, 'every paragraph annotated');
          await installTextCheck(page);
          await page.evaluate(() => window.__go());
          await sleep(2500);
          await page.evaluate(() => window.__stop());
          const during = await page.evaluate(() => ({ bad: window.__bad.slice(0, 5), checks: window.__checks }));
          assert.ok(during.checks > 20, `checked ${during.checks} times`);
          assert.deepEqual(during.bad, [], 'the text is always what the app rendered');
          // Quiet again: the paragraphs are highlighted again, with the app's current text.
          await page.waitForFunction(() => document.querySelectorAll('#app p mark').length >= 10, { timeout: 20_000 });
          await page.evaluate(() => (window.__stopChecks = true));
          assert.deepEqual(await page.evaluate(() => window.__bad.slice(0, 5)), []);
          await page.evaluate(() => window.tagit.clear());
          const end = await page.evaluate(() => [...document.querySelectorAll('#app p')].every((p, i) => p.textContent === window.__expected[i] && !p.querySelector('mark')));
          assert.ok(end, 'clear() leaves the app\'s text');
          assert.deepEqual(problems, []);
        } finally {
          await page.close();
        }
      });
    }

    test('1. a framework-rendered article is painted with the Highlight API by default (no DOM change)', T, async () => {
      for (const lib of ['react', 'preact']) {
        const { page, problems, outcome } = await open(browser.browser, `${server.url}test/living-${lib}.html`);
        try {
          assert.equal(outcome.type, 'tagit:annotated', JSON.stringify(outcome));
          assert.equal(outcome.mode, 'highlight', lib);
          assert.ok(outcome.total >= 10, `${lib}: ${outcome.total}`);
          await installTextCheck(page);
          await page.evaluate(() => window.__go());
          await sleep(1000);
          await page.evaluate(() => window.__stop());
          const r = await page.evaluate(() => ({ bad: window.__bad.length, marks: document.querySelectorAll('#app mark').length }));
          assert.deepEqual(r, { bad: 0, marks: 0 }, lib);
          assert.deepEqual(problems, []);
        } finally {
          await page.close();
        }
      }
    });

    test('2. an article made editable: marks removed first, never saved, left alone until editing ends', T, async () => {
      const { page, problems, outcome } = await open(browser.browser, server.url + 'test/living-editable.html');
      try {
        assert.equal(outcome.type, 'tagit:annotated', JSON.stringify(outcome));
        assert.ok((await mentionCount(page, '#story')) > 0);
        // contenteditable, set the way a CMS "edit" button sets it.
        const saved = await page.evaluate(async () => {
          const story = document.getElementById('story');
          story.contentEditable = 'true';
          await Promise.resolve();
          return story.innerHTML;
        });
        assert.ok(!saved.includes('<mark'), 'no mark in what the CMS saves');
        await page.click('#story p');
        await page.keyboard.type('x');
        await sleep(1500);
        assert.equal(await page.evaluate(() => document.querySelectorAll('#story mark').length), 0, 'left alone while editable');
        await page.evaluate(() => document.getElementById('story').removeAttribute('contenteditable'));
        await page.waitForFunction(() => document.querySelector('#story mark'), { timeout: 10_000 });
        // designMode: no observer sees it; the reader's first click or key (or the next
        // second) does, before the browser acts on it.
        await page.evaluate(() => (document.designMode = 'on'));
        await page.click('#story p');
        await page.keyboard.type('y');
        const html = await page.evaluate(() => document.getElementById('story').innerHTML);
        assert.ok(!html.includes('<mark'), 'no mark in the designMode document after a click and a keystroke');
        assert.ok(html.includes('y'), 'the reader typed into the page');
        await sleep(1500);
        assert.equal(await page.evaluate(() => document.querySelectorAll('mark').length), 0);
        await page.evaluate(() => (document.designMode = 'off'));
        await page.waitForFunction(() => document.querySelector('#story mark'), { timeout: 10_000 });
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    });

    test('3. window.tagit taken by an element: a console note, the API at Symbol.for("tagit"), nothing throws', T, async () => {
      const { page, problems, warnings, outcome } = await open(browser.browser, server.url + 'test/living-taken.html');
      try {
        assert.equal(outcome.type, 'tagit:annotated', JSON.stringify(outcome));
        const api = await page.evaluate(() => ({
          element: window.tagit instanceof HTMLElement,
          annotate: typeof window[Symbol.for('tagit')]?.annotate,
        }));
        assert.deepEqual(api, { element: true, annotate: 'function' });
        assert.ok(warnings.some((w) => w.includes("window[Symbol.for('tagit')]")), JSON.stringify(warnings));
        // Content added later is annotated by the widget's own API.
        await page.evaluate(() => {
          const p = document.createElement('p');
          p.id = 'late';
          p.textContent = 'עדכון: הנשיא ולדימיר פוטין שוחח עם עמנואל מקרון.';
          document.getElementById('story').append(p);
        });
        await page.waitForFunction(() => document.querySelector('#late mark'), { timeout: 10_000 });
        // The panel's off switch removes every highlight.
        await page.evaluate(() => document.querySelector('[data-tagit-widget]').shadowRoot.querySelector('.fab').click());
        await page.evaluate(() => document.querySelector('[data-tagit-widget]').shadowRoot.querySelector('.off').click());
        await page.waitForFunction(() => !document.querySelector('mark') && !document.querySelector('[data-tagit-widget]'), { timeout: 5000 });
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    });

    test('4. the embed included twice: one panel, one tagit:annotated with every mention, one switch for all', T, async () => {
      const { page, problems, warnings, outcome } = await open(browser.browser, server.url + 'test/living-twice.html');
      try {
        assert.equal(outcome.type, 'tagit:annotated', JSON.stringify(outcome));
        await page.waitForFunction(() => document.querySelector('[data-tagit-widget]'));
        await sleep(800);
        const state = await page.evaluate(() => ({
          widgets: document.querySelectorAll('[data-tagit-widget]').length,
          annotated: window.__tagit.events.filter((e) => e.type === 'tagit:annotated').length,
          stylesheets: document.querySelectorAll('link[href*="tagit.css"]').length,
        }));
        assert.deepEqual(state, { widgets: 1, annotated: 1, stylesheets: 1 });
        assert.equal(await mentionCount(page, '#story'), outcome.total, 'the one event counts every mention');
        assert.ok(warnings.some((w) => w.includes('included more than once')), JSON.stringify(warnings));
        await page.evaluate(() => window.tagit.clear());
        assert.equal(await page.evaluate(() => document.querySelectorAll('mark').length), 0, 'clear() removes all');
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    });

    test("5. tagit.css leaves the page's own elements with the class tagit alone", T, async () => {
      const { page, problems } = await open(browser.browser, server.url + 'test/living-tagit-class.html', { waitFor: false });
      try {
        const styles = () =>
          page.evaluate(() =>
            ['#tags', '#tags li', '#chip'].map((sel) => {
              const s = getComputedStyle(document.querySelector(sel));
              return [sel, s.font, s.borderBottom, s.backgroundColor, s.color, s.padding, document.querySelector(sel).getBoundingClientRect().height];
            }),
          );
        const before = await styles();
        await addEmbed(page, { mode: 'marks' });
        const outcome = await settled(page);
        assert.equal(outcome.type, 'tagit:annotated', JSON.stringify(outcome));
        assert.ok(await page.evaluate(() => getComputedStyle(document.querySelector('#story mark')).backgroundColor !== 'rgba(0, 0, 0, 0)'), 'tagit\'s marks are styled');
        assert.deepEqual(await styles(), before);
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    });

    test('6. page markup that imitates a mark is not tagit\'s: not merged, not in the panel, no tooltip, not styled', T, async () => {
      const { page, problems, outcome } = await open(browser.browser, server.url + 'test/living-forged.html');
      try {
        assert.equal(outcome.type, 'tagit:annotated', JSON.stringify(outcome));
        await page.waitForFunction(() => document.querySelector('[data-tagit-widget]')?.shadowRoot?.querySelector('.entity'));
        const r = await page.evaluate(() => {
          const names = [...document.querySelector('[data-tagit-widget]').shadowRoot.querySelectorAll('.entity .name')].map((n) => n.textContent);
          const ids = [...document.querySelectorAll('#p1 mark')].map((m) => m.dataset.tagitId);
          const bg = (el) => getComputedStyle(el).backgroundColor;
          return {
            names,
            ids,
            forgedBg: bg(document.querySelector('.comment mark')),
            realBg: bg(document.querySelector('#p1 mark.tagit-PER')),
          };
        });
        assert.notEqual(r.forgedBg, r.realBg, 'the forgery does not get tagit\'s colours');
        assert.ok(r.names.includes('ולדימיר פוטין'), JSON.stringify(r.names));
        assert.ok(!r.names.some((n) => n.includes('רוצח')), 'the forgery is in no entity');
        assert.ok(r.ids.every((id) => id !== '1'), 'ids are not guessable');
        // Clicking the forgery shows no tooltip.
        await page.click('.comment mark');
        await sleep(200);
        assert.equal(await page.evaluate(() => document.querySelector('[data-tagit-widget]').shadowRoot.querySelector('.tip').hidden), true);
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    });

    test('7. the panel follows tagit.clear() and annotate()', T, async () => {
      const { page, problems, outcome } = await open(browser.browser, server.url + 'test/widget-live.html');
      try {
        assert.equal(outcome.type, 'tagit:annotated', JSON.stringify(outcome));
        await page.waitForFunction(() => document.querySelector('[data-tagit-widget]')?.shadowRoot?.querySelector('.entity'));
        await page.evaluate(() => window.tagit.clear());
        const after = await page.evaluate(() => ({
          panel: !!document.querySelector('[data-tagit-widget]'),
          marks: document.querySelectorAll('mark').length,
        }));
        assert.deepEqual(after, { panel: false, marks: 0 }, 'no panel listing what is gone');
        await page.evaluate(() => window.tagit.annotate());
        await page.waitForFunction(() => document.querySelector('[data-tagit-widget]')?.shadowRoot?.querySelector('.entity'));
        // Clearing a part of the article drops its entries from the panel.
        const names = () => page.evaluate(() => [...document.querySelector('[data-tagit-widget]').shadowRoot.querySelectorAll('.entity .name')].map((n) => n.textContent));
        assert.ok((await names()).includes('סשה טרופנוב'));
        await page.evaluate(() => window.tagit.clear(document.getElementById('e1')));
        await page.waitForFunction(() => ![...document.querySelector('[data-tagit-widget]').shadowRoot.querySelectorAll('.entity .name')].some((n) => n.textContent === 'סשה טרופנוב'));
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    });

    test('8. a 20,000-paragraph article: indexed whole, wrapped where the reader is', { timeout: 240_000 }, async () => {
      const { page, problems } = await open(browser.browser, server.url + 'test/no-embed.html', { waitFor: false });
      try {
        await page.evaluate(() => {
          const sentences = [...document.querySelectorAll('#main p')].map((p) => p.textContent).filter((t) => t.length > 40);
          const article = document.createElement('article');
          article.id = 'big';
          for (let i = 0; i < 20_000; i++) {
            const p = document.createElement('p');
            p.textContent = `${i + 1}. ${sentences[i % sentences.length]}`;
            article.append(p);
          }
          document.body.replaceChildren(article);
        });
        await addEmbed(page, { target: '#big', mode: 'marks' });
        const outcome = await settled(page, 180_000);
        assert.equal(outcome.type, 'tagit:annotated', JSON.stringify(outcome));
        assert.ok(outcome.total > 20_000, `every paragraph indexed: ${outcome.total}`);
        const wrapped = await mentionCount(page, '#big');
        assert.ok(wrapped > 0 && wrapped < outcome.total / 10, `wrapped near the reader only: ${wrapped} of ${outcome.total}`);
        // The panel counts the whole article.
        await page.waitForFunction((total) => {
          const n = document.querySelector('[data-tagit-widget]')?.shadowRoot?.querySelector('.fab-count')?.textContent;
          return n && Number(n.replace(/\D/g, '')) === total;
        }, { timeout: 20_000 }, outcome.total);
        // Where the reader goes, highlights follow.
        await page.evaluate(() => document.querySelector('#big p:last-child').scrollIntoView());
        await page.waitForFunction(() => document.querySelector('#big p:last-child mark'), { timeout: 20_000 });
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    });

    test('9. keyboard: one tab stop, arrows across the mentions, out with Tab and Escape', T, async () => {
      const { page, problems } = await open(browser.browser, server.url + 'test/widget-live.html');
      try {
        await page.waitForFunction(() => document.querySelector('[data-tagit-widget]')?.shadowRoot);
        const focused = () => page.evaluate(() => ({ tag: document.activeElement.tagName, id: document.activeElement.dataset.tagitId || document.activeElement.id }));
        assert.equal(await page.evaluate(() => document.querySelectorAll('#live mark[tabindex]').length), 1);
        await page.keyboard.press('Tab');
        const first = await focused();
        assert.equal(first.tag, 'MARK');
        await page.keyboard.press('ArrowLeft');
        const second = await focused();
        assert.equal(second.tag, 'MARK');
        assert.notEqual(second.id, first.id);
        await page.keyboard.press('Tab');
        assert.equal((await focused()).id, 'after', 'out of the article');
        await page.keyboard.down('Shift');
        await page.keyboard.press('Tab');
        await page.keyboard.up('Shift');
        assert.equal((await focused()).id, second.id, 'back in at the last mention');
        await page.keyboard.press('Escape');
        assert.notEqual((await focused()).tag, 'MARK', 'Escape leaves');
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    });

    test('9. axe-core finds no violations on the demo, the widget pages and the bookmarklet page', { timeout: 120_000 }, async () => {
      const axe = readFileSync(path.join(REPO, 'tests/e2e/node_modules/axe-core/axe.min.js'), 'utf8');
      for (const url of ['', 'test/widget-live.html', 'test/widget-highlight.html', 'bookmarklet.html']) {
        const { page } = await open(browser.browser, server.url + url, { waitFor: url !== 'bookmarklet.html' });
        try {
          if (url !== 'bookmarklet.html') await page.waitForFunction(() => document.querySelector('[data-tagit-widget]')?.shadowRoot?.querySelector('.panel'));
          await sleep(300);
          await page.evaluate(axe);
          const violations = await page.evaluate(async () => {
            const r = await window.axe.run(document, { resultTypes: ['violations'] });
            return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
          });
          assert.deepEqual(violations, [], url || 'demo');
        } finally {
          await page.close();
        }
      }
    });

    test('10. a wasm download that never completes: one clear message, the page as it was', T, async () => {
      // A proxy in front of the server that never answers for the .wasm.
      const target = new URL(server.url);
      const stalled = [];
      const proxy = createServer((req, res) => {
        if (req.url.endsWith('.wasm')) return stalled.push(res);
        const up = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
          res.writeHead(r.statusCode, r.headers);
          r.pipe(res);
        });
        req.pipe(up);
      });
      await new Promise((r) => proxy.listen(0, '127.0.0.1', r));
      try {
        const { page, problems } = await open(browser.browser, `http://127.0.0.1:${proxy.address().port}/test/no-embed.html`, { waitFor: false });
        try {
          const before = await page.evaluate(() => document.getElementById('main').innerHTML);
          await addEmbed(page, { loadTimeout: '1500' });
          const outcome = await settled(page, 15_000);
          assert.equal(outcome.type, 'tagit:error');
          assert.match(outcome.message, /did not load within 1\.5 s/);
          await sleep(300);
          assert.equal(problems.length, 1, JSON.stringify(problems));
          assert.equal(await page.evaluate(() => document.getElementById('main').innerHTML), before);
          assert.equal(await page.evaluate(() => document.querySelectorAll('mark, [data-tagit-widget]').length), 0);
        } finally {
          await page.close();
        }
      } finally {
        for (const res of stalled) res.destroy();
        proxy.closeAllConnections?.();
        await new Promise((r) => proxy.close(r));
      }
    });

    test('10. a page with no article (a login page) is not annotated and gets no panel', T, async () => {
      const { page, problems, outcome } = await open(browser.browser, server.url + 'test/living-login.html');
      try {
        assert.equal(outcome.type, 'tagit:skipped', JSON.stringify(outcome));
        await sleep(500);
        const r = await page.evaluate(() => ({
          marks: document.querySelectorAll('mark').length,
          widget: !!document.querySelector('[data-tagit-widget]'),
          wasm: performance.getEntriesByType('resource').some((e) => e.name.endsWith('.wasm')),
        }));
        assert.deepEqual(r, { marks: 0, widget: false, wasm: false });
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    });

    test("10. copying a highlighted paragraph yields the page's own markup and text", T, async () => {
      const { page, problems, outcome } = await open(browser.browser, server.url + 'test/widget-live.html');
      try {
        assert.equal(outcome.type, 'tagit:annotated', JSON.stringify(outcome));
        await page.evaluate(() => {
          window.__copied = null;
          // Last in line on window: what the clipboard will hold once every handler ran.
          window.addEventListener('copy', (e) => (window.__copied = { html: e.clipboardData.getData('text/html'), text: e.clipboardData.getData('text/plain') }));
          const range = document.createRange();
          range.selectNodeContents(document.getElementById('e1'));
          const sel = getSelection();
          sel.removeAllRanges();
          sel.addRange(range);
        });
        await page.keyboard.down('Control');
        await page.keyboard.press('c');
        await page.keyboard.up('Control');
        await page.waitForFunction(() => window.__copied, { timeout: 5000 });
        const { html, text, own } = await page.evaluate(() => ({ ...window.__copied, own: document.getElementById('e1').textContent }));
        assert.ok(html.length > 0, 'HTML on the clipboard');
        assert.ok(!/<mark/i.test(html) && !/tagit/.test(html), html);
        assert.equal(text, own);
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    });
  });
}
