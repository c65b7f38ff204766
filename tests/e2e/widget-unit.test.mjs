// Unit tests (plain Node, no browser) of the widget's pure parts: entity grouping, mention
// counts, tooltip placement. (The Hebrew text of dates comes from the wasm package's
// describeDate, tested in Rust: src/dates/tooltip.rs, and end to end in widget.test.mjs.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupMentions, normalise } from '../../www/widget/entities.js';
import { placement } from '../../www/widget/tooltip.js';
import { mentionsText } from '../../www/widget/labels.js';
import { marksDigest, sha256Hex } from '../../www/widget/ahead.js';
import { createHash } from 'node:crypto';

const mentions = (rows) => rows.map(([label, text, value], i) => ({ id: String(i), label, text, value: value || null, order: i }));

test('grouping: last word of a longer person, prefixed forms, niqqud, dates by value', () => {
  const { entities } = groupMentions(
    mentions([
      ['PER', 'ולדימיר פוטין'],
      ['PER', 'פוטין'],
      ['PER', 'לפוטין'],
      ['PER', 'פּוּטִין'],
      ['PER', 'סשה טרופנוב'],
      ['PER', 'טרופנוב'],
      ['GPE', 'רוסיה'],
      ['GPE', 'ברוסיה'],
      ['GPE', 'מוסקבה'],
      ['DATE', '7 באוקטובר', '2023-10-07'],
      ['DATE', '7.10.2023', '2023-10-07'],
      ['ORG', 'פוטין'],
    ]),
  );
  const table = entities.map((e) => `${e.label}:${e.canonical}:${e.mentions.length}`);
  assert.deepEqual(table, ['PER:ולדימיר פוטין:4', 'PER:סשה טרופנוב:2', 'GPE:רוסיה:2', 'DATE:7 באוקטובר:2', 'GPE:מוסקבה:1', 'ORG:פוטין:1']);
});

test('normalise folds quotes, dashes, niqqud and bidi controls', () => {
  const cases = [
    ['ארה״ב', 'ארה"ב'],
    ['צה\u201Dל', 'צה"ל'],
    ['בן\u05BEגוריון', 'בן-גוריון'],
    ['שָׁלוֹם', 'שלום'],
    ['\u200Fפוטין\u200E  ', 'פוטין'],
  ];
  for (const [input, want] of cases) assert.equal(normalise(input), want, input);
});

test('mention counts in Hebrew', () => {
  assert.equal(mentionsText(1), 'מוזכר פעם אחת בכתבה');
  assert.equal(mentionsText(2), 'מוזכר פעמיים בכתבה');
  assert.equal(mentionsText(7), 'מוזכר 7 פעמים בכתבה');
});

test('placement: above when there is room, else below; right-aligned (RTL); clamped to the viewport', () => {
  const rect = (left, top, w = 80, h = 20) => ({ left, top, right: left + w, bottom: top + h, width: w, height: h });
  const cases = [
    { name: 'room above', r: rect(500, 400), want: { side: 'above', top: 400 - 100 - 8, left: 580 - 200 } },
    { name: 'at the top: below', r: rect(500, 30), want: { side: 'below', top: 58, left: 380 } },
    { name: 'near the left edge: clamped', r: rect(10, 400), want: { side: 'above', top: 292, left: 8 } },
    { name: 'near the right edge: right-aligned inside', r: rect(1180, 400), want: { side: 'above', top: 292, left: 1060 } },
  ];
  for (const c of cases) assert.deepEqual(placement(c.r, 200, 100, 1280, 800), c.want, c.name);
  // Never overlapping the mention, on a phone too.
  for (let top = 0; top < 844; top += 37) {
    const r = rect(100, top);
    const p = placement(r, 300, 120, 390, 844);
    const overlap = p.top < r.bottom && p.top + 120 > r.top;
    const fits = p.top >= 8 && p.top + 120 <= 844 - 8;
    if (fits) assert.ok(!overlap, `top ${top}: ${JSON.stringify(p)}`);
  }
});

test('SHA-256 of publish-time marks: the hand-written hash equals node:crypto on edge lengths and scripts', () => {
  for (const text of ['', 'abc', 'שלום 👋🏽 עולם', 'שָׁלוֹם', 'x'.repeat(55), 'x'.repeat(56), 'y'.repeat(64), 'z'.repeat(1000) + 'א']) {
    assert.equal(sha256Hex(text), createHash('sha256').update(text, 'utf8').digest('hex'), `length ${text.length}`);
  }
});

/** The digest of the marks below; the same vector is a unit test of the CLI (src/bin/tagit/html). */
const AHEAD_VECTOR = 'sha256-1d06d89ff2b3e47d9de42ca76461f502c4618918a440961f24261636d4a7764d';

test("the marks' digest is the one tagit annotate --html writes (docs/publish-time.md, test vector)", () => {
  const mark = (attrs, text) => ({ getAttribute: (n) => attrs[n] ?? null, textContent: text });
  const marks = [
    mark({ 'data-tagit-id': 'ahead-1', 'data-tagit-label': 'PER', 'data-tagit-confidence': '0.97' }, 'סשה'),
    mark({ 'data-tagit-id': 'ahead-1', 'data-tagit-label': 'PER', 'data-tagit-confidence': '0.97' }, ' טרופנוב'),
    mark({ 'data-tagit-id': 'ahead-2', 'data-tagit-label': 'DATE', 'data-tagit-value': '2023-10-07', 'data-tagit-confidence': '1.00', 'data-tagit-day': 'יום שבת, 7 באוקטובר 2023', 'data-tagit-hebrew': 'כ״ב בתשרי תשפ״ד' }, '7 באוקטובר'),
  ];
  const fields = (m) => ['id', 'label', 'value', 'canonical', 'link', 'entity-id', 'confidence', 'day', 'hebrew'].map((f) => m.getAttribute(`data-tagit-${f}`) ?? '');
  const text = marks.map((m) => [...fields(m), m.textContent].join('\u001f') + '\u001e').join('');
  assert.equal(marksDigest(marks), `sha256-${createHash('sha256').update(text, 'utf8').digest('hex')}`);
  assert.equal(marksDigest(marks), AHEAD_VECTOR);
});
