// End-to-end: publisher controls (issue 13) in Chromium and Firefox. A site dictionary from
// a URL (data-dictionary) and inline, a missing and a broken one (reported once, tagit runs
// without it), the package API with a compiled TagitDictionary, canonical names and links
// on marks and in the tooltip, the reader's "not X?" correction (tagit:feedback), and a
// page served with a strict CSP.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO, requirePkg, startServer } from './harness.mjs';
import { ENGINES, launchEngine, open } from './engines.mjs';

const T = { timeout: 90_000 };
let server;
before(async () => {
  requirePkg();
  server = await startServer();
});
after(async () => server?.stop());

/** tagit's own marks under `selector`: one row per mention (text, label, data attributes). */
function marks(page, selector = 'article') {
  return page.evaluate(async (sel) => {
    // The package instance the embed loaded (relative to it: /csp/pkg/ under /csp/).
    const embed = document.querySelector('script[src*="embed.js"]');
    const { isTagitMark } = await import(new URL('pkg/tagit.js', embed.src).href);
    const byId = new Map();
    for (const m of document.querySelector(sel).querySelectorAll('mark[data-tagit-id]')) {
      if (!isTagitMark(m)) continue;
      const id = m.dataset.tagitId;
      const row = byId.get(id) || { text: '', label: m.dataset.tagitLabel, canonical: m.dataset.tagitCanonical || null, link: m.dataset.tagitLink || null, entityId: m.dataset.tagitEntityId || null, hidden: m.hasAttribute('data-tagit-hidden') };
      row.text += m.textContent;
      byId.set(id, row);
    }
    return [...byId.values()];
  }, selector);
}

/** What the site dictionary (www/test/dictionary-site.json) must have done to the page. */
function assertDictionaryApplied(found) {
  const has = (text, label) => found.some((m) => m.text === text && m.label === label);
  assert.ok(has('שמעון פנחסי', 'PER'), JSON.stringify(found));
  assert.ok(has('פנחסי', 'PER'), 'a variant, with the prefix ול outside');
  const pinchasi = found.filter((m) => m.text === 'פנחסי');
  assert.ok(pinchasi.length >= 3, 'every form: פנחסי in the title, לדברי פנחסי, ולפנחסי');
  for (const m of found.filter((m) => m.canonical === 'שמעון פנחסי')) {
    assert.equal(m.link, 'https://example.com/writers/pinchasi');
    assert.equal(m.entityId, 'writer-17');
  }
  assert.ok(has('מועצת גבעת עדה', 'ORG'), 'the local council, multi-word');
  assert.ok(!found.some((m) => m.text.includes('פסגה')), 'פסגה is suppressed');
  assert.ok(!found.some((m) => m.label === 'TIME'), 'TIME is suppressed as a label');
  assert.equal(found.filter((m) => m.text === 'מכבי' && m.label === 'ORG').length, 1, 'מכבי only near its context words');
  // The knowledge list links what the model found: Putin to Hebrew Wikipedia.
  const putin = found.find((m) => m.text === 'ולדימיר פוטין');
  assert.ok(putin?.link?.startsWith('https://he.wikipedia.org/wiki/'), JSON.stringify(putin));
}

for (const engine of ENGINES) {
  describe(engine.name, () => {
    let browser;
    before(async () => {
      browser = await launchEngine(engine);
    }, T);
    after(async () => browser?.close(), T);

    for (const [how, page] of [
      ['from a URL (data-dictionary)', 'test/dictionary-url.html'],
      ['inline (<script type="application/json" data-tagit-dictionary>)', 'test/dictionary-inline.html'],
    ]) {
      test(`a site dictionary ${how} adds, relabels, suppresses and links`, T, async () => {
        const { page: p, problems, warnings, outcome } = await open(browser.browser, server.url + page);
        try {
          assert.equal(outcome.type, 'tagit:annotated', JSON.stringify(outcome));
          assertDictionaryApplied(await marks(p));
          assert.deepEqual(problems, []);
          assert.deepEqual(warnings.filter((w) => w.includes('tagit')), []);
        } finally {
          await p.close();
        }
      });
    }

    test('a missing or broken dictionary is said once; tagit runs without it', T, async () => {
      // The site dictionary's response, as each case serves it (the page is always
      // test/dictionary-url.html), and what tagit must say.
      const cases = [
        [{ status: 404, body: 'Not found', 'content-type': 'text/plain' }, /HTTP 404 for .*dictionary-site\.json/],
        [{ 'content-type': 'text/html' }, /served as text\/html, not application\/json/],
        [{ body: '{"entries": [{"text": "פנחסי", "label": "PERSON"}]}' }, /entry 1 \("פנחסי"\): unknown label "PERSON"/],
        [{ body: '{"entries": [' }, /invalid JSON at line 1 column 14/],
        [{ body: '[{"text": "פנחסי", "label": "PER", "link": "javascript:alert(1)"}]' }, /http:\/\/ or https:\/\//],
      ];
      for (const [swap, want] of cases) {
        const url = 'test/dictionary-url.html';
        const { page: p, problems, outcome } = await open(browser.browser, server.url + url, {
          init: new Function(`
            const swap = ${JSON.stringify(swap)};
            const real = window.fetch;
            window.fetch = async (u, o) => {
              if (!String(u).includes('dictionary-site.json')) return real(u, o);
              const res = await real(u, o);
              const body = swap.body ?? await res.text();
              return new Response(body, { status: swap.status || 200, headers: { 'content-type': swap['content-type'] || 'application/json' } });
            };
            document.addEventListener('tagit:error', (e) => (window.__dictError = e.detail));
          `),
        });
        try {
          // The error comes first; the article is annotated all the same, without the dictionary.
          await p.waitForFunction(() => window.__tagit.events.some((e) => e.type === 'tagit:annotated'), { timeout: 30_000 });
          const error = await p.evaluate(() => window.__dictError);
          assert.ok(error?.dictionary, `${url} ${JSON.stringify(swap)}: ${JSON.stringify(outcome)}`);
          assert.match(error.message, want);
          // (The browser's own "Failed to load resource" line for the 404 is not tagit's.)
          const ours = problems.filter((m) => m.includes('tagit'));
          assert.equal(ours.length, 1, `said once: ${problems.join(' | ')}`);
          assert.match(ours[0], want);
          const found = await marks(p);
          assert.ok(found.some((m) => m.text === 'ולדימיר פוטין'), 'the model still runs');
          assert.ok(!found.some((m) => m.entityId === 'writer-17'), 'no dictionary entry applied');
        } finally {
          await p.close();
        }
      }
    });

    test('the package API: a TagitDictionary compiled once, passed to annotate and annotateElement; bad input throws a clear error', T, async () => {
      const { page: p, problems } = await open(browser.browser, server.url + 'test/no-embed.html', { waitFor: false });
      try {
        const got = await p.evaluate(async () => {
          const m = await import('/pkg/tagit.js');
          await m.default();
          const d = new m.TagitDictionary({ entries: [{ text: 'שמעון פנחסי', variants: ['פנחסי'], label: 'PER', id: 'w17', link: 'https://example.com/p' }, { text: 'רון', label: 'PER' }, { text: 'רוֹן', label: 'ORG' }] });
          const text = 'אמר 👋🏽 ולפנחסי, וכתב שמעון פנחסי.';
          const spans = m.annotate(text, { dictionary: d });
          const errors = [];
          for (const bad of ['{"entries": [', '[{"text": "x", "label": "PERSON"}]', '[{"label": "PER"}]', 42, '[{"text": "x", "label": "PER", "link": "ftp://x"}]']) {
            try {
              new m.TagitDictionary(bad);
              errors.push('no error');
            } catch (e) {
              errors.push(e.message);
            }
          }
          let optionError = '';
          try {
            m.annotate('x', { dictionary: { entries: [] } });
          } catch (e) {
            optionError = e.message;
          }
          const div = document.createElement('div');
          div.textContent = text;
          document.body.append(div);
          const summary = m.annotateElement(div, { dictionary: d });
          const mark = div.querySelector('mark[data-tagit-entity-id]');
          return {
            spans: spans.map((s) => ({ s: text.slice(s.start, s.end), text: s.text, canonical: s.canonical, link: s.link, entityId: s.entityId })),
            size: d.size,
            warnings: d.warnings,
            errors,
            optionError,
            total: summary.total,
            mark: mark && { canonical: mark.dataset.tagitCanonical, link: mark.dataset.tagitLink, id: mark.dataset.tagitEntityId },
          };
        });
        assert.deepEqual(got.spans, [
          { s: 'פנחסי', text: 'פנחסי', canonical: 'שמעון פנחסי', link: 'https://example.com/p', entityId: 'w17' },
          { s: 'שמעון פנחסי', text: 'שמעון פנחסי', canonical: 'שמעון פנחסי', link: 'https://example.com/p', entityId: 'w17' },
        ]);
        assert.equal(got.size, 3);
        assert.equal(got.warnings.length, 1, 'רון and רוֹן are one form');
        assert.match(got.errors[0], /^tagit: dictionary: invalid JSON at line 1 column 14/);
        assert.match(got.errors[1], /entry 1 \("x"\): unknown label "PERSON"/);
        assert.match(got.errors[2], /entry 1: no "text"/);
        assert.match(got.errors[3], /expected JSON text or an object/);
        assert.match(got.errors[4], /http:\/\/ or https:\/\//);
        assert.match(got.optionError, /options\.dictionary must be a TagitDictionary/);
        assert.equal(got.total, 2);
        assert.deepEqual(got.mark, { canonical: 'שמעון פנחסי', link: 'https://example.com/p', id: 'w17' });
        assert.deepEqual(problems, []);
      } finally {
        await p.close();
      }
    });

    test('the tooltip shows the canonical name and links to it; "not X?" dispatches tagit:feedback and hides the name', T, async () => {
      const { page: p, problems, outcome } = await open(browser.browser, server.url + 'test/dictionary-url.html', {
        init: () => {
          window.__feedback = [];
          document.addEventListener('tagit:feedback', (e) => window.__feedback.push(e.detail));
          // A fresh reader on the first load; the reload below keeps what they dismissed.
          if (!sessionStorage.getItem('fresh')) {
            sessionStorage.setItem('fresh', '1');
            localStorage.removeItem('tagit:dismissed:v1');
          }
        },
      });
      try {
        assert.equal(outcome.type, 'tagit:annotated');
        await p.waitForFunction(() => document.querySelector('[data-tagit-widget]'), { timeout: 10_000 });
        // A variant: the tooltip names the entity by its canonical name and links to its page.
        const tip = await p.evaluate(async () => {
          const mark = [...document.querySelectorAll('#p2 mark[data-tagit-canonical]')].find((m) => m.textContent === 'פנחסי');
          mark.click();
          await new Promise((r) => setTimeout(r, 100));
          const t = document.querySelector('[data-tagit-widget]').shadowRoot.querySelector('.tip');
          return { hidden: t.hidden, name: t.querySelector('.tip-name')?.textContent, href: t.querySelector('.tip-link')?.href, ask: t.querySelector('.tip-wrong')?.textContent };
        });
        assert.deepEqual(tip, { hidden: false, name: 'שמעון פנחסי', href: 'https://example.com/writers/pinchasi', ask: 'לא אדם?' });
        // Putin: linked by the built-in knowledge list, to Hebrew Wikipedia.
        const wiki = await p.evaluate(async () => {
          const mark = [...document.querySelectorAll('#p2 mark')].find((m) => m.textContent === 'ולדימיר פוטין');
          mark.click();
          await new Promise((r) => setTimeout(r, 100));
          const t = document.querySelector('[data-tagit-widget]').shadowRoot.querySelector('.tip');
          return { href: t.querySelector('.tip-link')?.href, text: t.querySelector('.tip-link')?.textContent };
        });
        assert.match(wiki.href, /^https:\/\/he\.wikipedia\.org\/wiki\//);
        // axe-core finds nothing wrong with the tooltip shown, nor with its choices open.
        await p.evaluate(readFileSync(path.join(REPO, 'tests/e2e/node_modules/axe-core/axe.min.js'), 'utf8'));
        const audit = () =>
          p.evaluate(async () => {
            const r = await window.axe.run(document, { resultTypes: ['violations'] });
            return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
          });
        assert.deepEqual(await audit(), [], 'tooltip shown');
        await p.evaluate(() => document.querySelector('[data-tagit-widget]').shadowRoot.querySelector('.tip .tip-wrong').click());
        assert.deepEqual(await audit(), [], 'choices open');
        const dialog = await p.evaluate(() => {
          const shadow = document.querySelector('[data-tagit-widget]').shadowRoot;
          const t = shadow.querySelector('.tip');
          return { role: t.getAttribute('role'), hidden: t.getAttribute('aria-hidden'), focused: shadow.activeElement?.className || '' };
        });
        assert.deepEqual(dialog, { role: 'dialog', hidden: null, focused: 'tip-choice chip-ORG' }, 'Putin: the first other label');
        assert.equal(wiki.text, 'בוויקיפדיה ↗');
        // "Not a person?" -> "an organisation": the event, then the name is hidden for this reader.
        const after = await p.evaluate(async () => {
          const mark = [...document.querySelectorAll('#p1 mark')].find((m) => m.textContent === 'מועצת גבעת עדה');
          mark.click();
          await new Promise((r) => setTimeout(r, 100));
          const shadow = document.querySelector('[data-tagit-widget]').shadowRoot;
          shadow.querySelector('.tip .tip-wrong').click();
          const choices = [...shadow.querySelectorAll('.tip .tip-choice')].map((b) => b.dataset.label);
          shadow.querySelector('.tip .tip-choice[data-label=""]').click();
          await new Promise((r) => setTimeout(r, 300));
          const council = [...document.querySelectorAll('mark')].filter((m) => m.textContent === 'מועצת גבעת עדה');
          return {
            choices,
            feedback: window.__feedback,
            hidden: council.every((m) => m.hasAttribute('data-tagit-hidden')),
            tipHidden: shadow.querySelector('.tip').hidden,
            listed: [...shadow.querySelectorAll('.entities li')].some((li) => li.textContent.includes('מועצת גבעת עדה')),
            stored: localStorage.getItem('tagit:dismissed:v1'),
          };
        });
        assert.ok(after.choices.includes('PER') && after.choices.includes('') && !after.choices.includes('ORG'), JSON.stringify(after.choices));
        assert.equal(after.feedback.length, 1);
        const f = after.feedback[0];
        assert.equal(f.text, 'מועצת גבעת עדה');
        assert.equal(f.label, 'ORG');
        assert.equal(f.suggestedLabel, null);
        assert.ok(f.context.includes('מועצת גבעת עדה') && f.context.length <= 260, f.context);
        assert.equal(f.url, server.url + 'test/dictionary-url.html');
        assert.ok(after.hidden, 'the mention is hidden');
        assert.ok(after.tipHidden);
        assert.ok(!after.listed, 'and gone from the panel');
        assert.ok(after.stored.includes('מועצת גבעת עדה'), 'remembered for this reader');
        // Reloaded: still hidden.
        await p.reload({ waitUntil: 'load' });
        await p.waitForFunction(() => document.querySelector('[data-tagit-widget]') && [...document.querySelectorAll('mark')].some((m) => m.textContent === 'מועצת גבעת עדה'), { timeout: 30_000 });
        await p.waitForFunction(() => [...document.querySelectorAll('mark')].filter((m) => m.textContent === 'מועצת גבעת עדה').every((m) => m.hasAttribute('data-tagit-hidden')), { timeout: 10_000 });
        assert.deepEqual(problems, []);
      } finally {
        await p.close();
      }
    });

    test('highlight mode: dictionary names are painted, and a dismissed name is no longer painted', T, async () => {
      const { page: p, problems, outcome } = await open(browser.browser, server.url + 'test/dictionary-highlight.html', {
        init: () => localStorage.removeItem('tagit:dismissed:v1'),
      });
      try {
        assert.equal(outcome.type, 'tagit:annotated');
        if (outcome.mode !== 'highlight') {
          // This engine has no CSS Custom Highlight API: marks, tested above.
          assert.equal(outcome.mode, 'marks');
          return;
        }
        await p.waitForFunction(() => document.querySelector('[data-tagit-widget]'), { timeout: 10_000 });
        const painted = () =>
          p.evaluate(() => {
            const out = [];
            for (const [name, h] of CSS.highlights) if (name !== 'tagit-flash') for (const r of h) out.push(`${name}:${r.toString()}`);
            return out;
          });
        const before = await painted();
        assert.ok(before.includes('tagit-PER:פנחסי') && before.includes('tagit-ORG:מועצת גבעת עדה'), JSON.stringify(before));
        assert.ok(!before.some((x) => x.includes('פסגה')), 'פסגה suppressed');
        assert.equal(await p.evaluate(() => document.querySelectorAll('mark').length), 0, 'no DOM change');
        // Click the council's painted text: the tooltip, "not an organisation?", "not a name".
        const at = await p.evaluate(() => {
          const node = document.querySelector('#p1').firstChild;
          const i = node.data.indexOf('מועצת גבעת עדה');
          const r = document.createRange();
          r.setStart(node, i + 2);
          r.setEnd(node, i + 4);
          const b = r.getBoundingClientRect();
          return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
        });
        await p.mouse.click(at.x, at.y);
        await p.waitForFunction(() => !document.querySelector('[data-tagit-widget]').shadowRoot.querySelector('.tip').hidden, { timeout: 5_000 });
        await p.evaluate(() => {
          const shadow = document.querySelector('[data-tagit-widget]').shadowRoot;
          shadow.querySelector('.tip .tip-wrong').click();
          shadow.querySelector('.tip .tip-choice[data-label=""]').click();
        });
        await p.waitForFunction(() => ![...(CSS.highlights.get('tagit-ORG') || [])].some((r) => r.toString() === 'מועצת גבעת עדה'), { timeout: 5_000 });
        const after = await painted();
        assert.ok(after.includes('tagit-PER:פנחסי'), 'the rest stays painted');
        assert.deepEqual(problems, []);
      } finally {
        await p.close();
      }
    });

    test('under a strict CSP the dictionary (URL and inline) works without violations', T, async () => {
      for (const url of ['csp/test/dictionary-url.html', 'csp/test/dictionary-inline.html']) {
        const { page: p, problems } = await open(browser.browser, server.url + url, {
          waitFor: false,
          init: () => {
            window.__violations = [];
            document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
          },
        });
        try {
          // Polled with evaluate: waitForFunction's polling is itself blocked by the page's
          // CSP in Firefox (no 'unsafe-eval').
          let outcome = null;
          for (let i = 0; i < 300 && !outcome; i++) {
            outcome = await p.evaluate(() => window.__tagit.events.find((e) => ['tagit:annotated', 'tagit:error', 'tagit:skipped'].includes(e.type)) || null);
            if (!outcome) await new Promise((r) => setTimeout(r, 100));
          }
          assert.equal(outcome.type, 'tagit:annotated', `${url}: ${JSON.stringify(outcome)}`);
          assertDictionaryApplied(await marks(p));
          assert.deepEqual(await p.evaluate(() => window.__violations), []);
          assert.deepEqual(problems, []);
        } finally {
          await p.close();
        }
      }
    });
  });
}
