#!/usr/bin/env node
// Benchmark (run on demand, not a test): the site dictionary's costs in headless Chromium,
// for the README. Targets (issue 13): compiling a 100,000-entry dictionary in at most
// 200 ms, and annotating with it at most 10 % slower than without.
//
//   node tests/e2e/dictionary-bench.mjs [--runs 5]
//
// Needs pkg/ (./build.sh). The dictionary is the one benches/dictionary.rs makes (the same
// generator): 100,000 made-up two-word names, a third with a variant, a fifth with a link,
// a tenth with an id. The text is the demo article repeated to 1 MB, annotated with
// `annotate(text)` and `annotate(text, { dictionary })`. Medians of --runs runs, in one page
// (the first compile and the first annotation are warm-up and are reported apart).

import { launchBrowser, option, startServer } from './harness.mjs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from './harness.mjs';

const runs = Number(option('--runs', 5));
const demo = readFileSync(path.join(REPO, 'tests/fixtures/demo-article.txt'), 'utf8');

const server = await startServer();
const browser = await launchBrowser();
try {
  const page = await browser.context.newPage();
  await page.goto(server.url + 'test/no-embed.html');
  const result = await page.evaluate(
    async ({ runs, demo }) => {
      const m = await import('/pkg/tagit.js');
      await m.default();
      const LETTERS = 'אבגדהוזחטיכלמנסעפצקרשת';
      const word = (i, len) => {
        let s = '';
        for (let k = 0; k < len; k++) s += LETTERS[(i * 7 + k * 13 + (i >> k)) % LETTERS.length];
        return s;
      };
      const labels = ['PER', 'ORG', 'GPE', 'LOC'];
      const entries = [];
      for (let i = 0; i < 100_000; i++) {
        const e = { text: `${word(i, 5)} ${word(i + 1, 4)}`, label: labels[i % 4] };
        if (i % 3 === 0) e.variants = [word(i, 6)];
        if (i % 5 === 0) e.link = `https://example.com/e/${i}`;
        if (i % 10 === 0) e.id = `e${i}`;
        entries.push(e);
      }
      const json = JSON.stringify({ entries });
      let text = '';
      while (text.length < 1 << 19) text += demo + '\n'; // ~1 MB of UTF-8 (Hebrew: 2 bytes a letter)
      const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const time = (f) => {
        const t0 = performance.now();
        const r = f();
        return [performance.now() - t0, r];
      };
      const [firstCompile, d0] = time(() => new m.TagitDictionary(json));
      d0.free();
      const compile = [];
      for (let r = 0; r < runs; r++) {
        const [ms, d] = time(() => new m.TagitDictionary(json));
        compile.push(ms);
        d.free();
      }
      const dictionary = new m.TagitDictionary(json);
      const [firstAnnotate] = time(() => m.annotate(text));
      const without = [];
      const withDict = [];
      for (let r = 0; r < runs; r++) {
        without.push(time(() => m.annotate(text))[0]);
        withDict.push(time(() => m.annotate(text, { dictionary }))[0]);
      }
      return {
        jsonBytes: new TextEncoder().encode(json).length,
        textBytes: new TextEncoder().encode(text).length,
        firstCompile,
        compile: median(compile),
        firstAnnotate,
        without: median(without),
        with: median(withDict),
      };
    },
    { runs, demo },
  );
  const r = result;
  const pct = ((r.with / r.without - 1) * 100).toFixed(1);
  console.log(`dictionary: 100,000 entries, ${(r.jsonBytes / 1e6).toFixed(1)} MB of JSON; text: ${(r.textBytes / 1e6).toFixed(2)} MB`);
  console.log(`| compile (median of ${runs}) | first compile | annotate without | annotate with | cost |`);
  console.log('|---|---|---|---|---|');
  console.log(`| ${r.compile.toFixed(0)} ms | ${r.firstCompile.toFixed(0)} ms | ${r.without.toFixed(0)} ms | ${r.with.toFixed(0)} ms | ${pct} % |`);
} finally {
  await browser.close();
  await server.stop();
}
