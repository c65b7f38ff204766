#!/usr/bin/env node
// A differential check (run on demand, not a test): random tag soup through the browser's
// `annotateElement` and through `tagit annotate --html`, compared mention by mention (text,
// label, value, pieces per id). Prints the pages that differ and the share that agree.
//
//   node tests/e2e/ahead-soup.mjs [--seed 1] [--pages 80] [--code]
//
// The pieces are elements of every kind (inline, block, void, skipped, stray end tags),
// references, CR LF, bidi marks, emoji and news sentences with names and dates. `--code`
// adds unclosed `<code>` elements, whose reconstruction by the tree builder the CLI does not
// model (docs/publish-time.md). Needs pkg/ and target/release/tagit.

import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO, launchBrowser, option, startServer } from './harness.mjs';
const TAGIT = path.join(REPO, 'target/release/tagit');
const OUT = path.join(REPO, 'www/ahead/rnd'); mkdirSync(OUT, { recursive: true });
const P = ['<p>', '</p>', '<b>', '</b>', '<i>', '</i>', '<span>', '</span>', '<a href=x>', '</a>', '<div>', '</div>', '<br>', '<wbr>', '<img src=x>', '<li>', '<ul>', '</ul>', '<h2>', '</h2>', '<blockquote>', '</blockquote>',
 '<pre>', '</pre>', '<svg/>', '<!-- c -->', '&amp;', '&nbsp;', '&quot;', '\r\n', ' ', '\u200f', '👋🏽',
 'ראש הממשלה בנימין נתניהו', ' נפגש בירושלים', ' עם ג\'ו ביידן', ' ב-7 באוקטובר 2023', ' ארגון החמאס', ' בתל אביב', '. ', 'אמר ', 'משרד החוץ', ' ביום שלישי', ' נתניהו', ' ולדימיר פוטין'];
let seed = Number(option('--seed', 1));
if (option('--code') !== null || process.argv.includes('--code')) P.push('<code>', '</code>');
const count = Number(option('--pages', 80));
const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
const pages = [];
for (let i = 0; i < count; i++) {
  let s = '';
  const n = 5 + rnd(40);
  for (let k = 0; k < n; k++) s += P[rnd(P.length)];
  const page = `<!doctype html>\n<html lang="he" dir="rtl"><head><meta charset="utf-8"><title>r</title></head><body>\n${s}\n</body></html>\n`;
  writeFileSync(path.join(OUT, `${i}.html`), page);
  writeFileSync(path.join(OUT, `${i}.ahead.html`), execFileSync(TAGIT, ['annotate', '--html', '--target', 'body', '--dct', '2024-01-01'], { input: page }));
  pages.push(i);
}
const server = await startServer(); const b = await launchBrowser();
const rows = async (url, ahead) => { const p = await b.context.newPage(); await p.goto(url); const r = await p.evaluate(async (ahead) => {
  const mod = await import('/pkg/tagit.js'); await mod.default();
  if (!ahead) mod.annotateElement(document.body, { documentDate: '2024-01-01' });
  const own = ahead ? (m) => m.dataset.tagitId.startsWith('ahead-') : mod.isTagitMark;
  const out = []; const by = new Map();
  for (const m of document.body.querySelectorAll('mark[data-tagit-id]')) { if (!own(m)) continue; let r = by.get(m.dataset.tagitId); if (!r) { r = { t: '', l: m.dataset.tagitLabel, v: m.dataset.tagitValue || null, n: 0 }; by.set(m.dataset.tagitId, r); out.push(r); } r.t += m.textContent; r.n++; }
  return out; }, ahead); await p.close(); return r; };
let same = 0, total = 0;
for (const i of pages) {
  const a = await rows(`${server.url}ahead/rnd/${i}.html`, false), c = await rows(`${server.url}ahead/rnd/${i}.ahead.html`, true);
  total += c.length;
  if (JSON.stringify(a) === JSON.stringify(c)) same++; else console.log(i, '\n B', JSON.stringify(a), '\n C', JSON.stringify(c));
}
console.log(`same ${same}/${pages.length}, cli mentions ${total}`);
await b.close(); await server.stop();
