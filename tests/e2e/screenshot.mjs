#!/usr/bin/env node
// Takes the README screenshots of the demo page, highlighted, in headless Chromium:
//   docs/screenshot.png         desktop 1280x900, light
//   docs/screenshot-dark.png    desktop 1280x900, dark (prefers-color-scheme)
//   docs/screenshot-mobile.png  phone 390x844 @2x, light
//
//   node tests/e2e/screenshot.mjs [--only desktop|dark|mobile] [--out DIR]
//
// Needs pkg/ built (wasm-pack build --target web --release) and tests/e2e/node_modules
// (npm ci). Hebrew glyphs come from the system fonts: the page asks for Noto Sans/Serif
// Hebrew (Debian fonts-noto-core) and falls back to Culmus or DejaVu Sans.

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { REPO, launchBrowser, openAnnotated, option, startServer } from './harness.mjs';
import { STAGES } from './widget-shots.mjs';

const SHOTS = {
  desktop: { file: 'screenshot.png', viewport: { width: 1280, height: 900 }, colorScheme: 'light', scale: 1 },
  dark: { file: 'screenshot-dark.png', viewport: { width: 1280, height: 900 }, colorScheme: 'dark', scale: 1 },
  mobile: { file: 'screenshot-mobile.png', viewport: { width: 390, height: 844 }, colorScheme: 'light', scale: 2 },
  // The reader widget (www/widget/): panel open, tooltips showing.
  'widget-desktop': { file: 'widget-desktop.png', viewport: { width: 1280, height: 900 }, colorScheme: 'light', scale: 1, stage: STAGES.desktopTooltip },
  'widget-desktop-dark': { file: 'widget-desktop-dark.png', viewport: { width: 1280, height: 900 }, colorScheme: 'dark', scale: 1, stage: STAGES.desktopDark },
  'widget-phone': { file: 'widget-phone.png', viewport: { width: 390, height: 844 }, colorScheme: 'light', scale: 2, mobile: true, stage: STAGES.phoneTooltip },
  'widget-phone-dark': { file: 'widget-phone-dark.png', viewport: { width: 390, height: 844 }, colorScheme: 'dark', scale: 2, mobile: true, stage: STAGES.phonePanel },
  // A site dictionary (www/test/dictionary-site.json): a columnist's tooltip with his
  // canonical name, the link to his page and the reader's "not X?" choices.
  dictionary: { file: 'dictionary-tooltip.png', page: 'test/dictionary-url.html', viewport: { width: 1100, height: 600 }, colorScheme: 'light', scale: 1, stage: STAGES.dictionaryTooltip },
};

const only = option('--only');
const outDir = path.resolve(option('--out', path.join(REPO, 'docs')));
mkdirSync(outDir, { recursive: true });

const server = await startServer();
let failed = false;
try {
  for (const [name, shot] of Object.entries(SHOTS)) {
    if (only && only !== name) continue;
    const browser = await launchBrowser({
      viewport: shot.viewport,
      deviceScaleFactor: shot.scale,
      colorScheme: shot.colorScheme,
      isMobile: name === 'mobile' || !!shot.mobile,
      hasTouch: name === 'mobile' || !!shot.mobile,
    });
    try {
      const { page, problems, outcome } = await openAnnotated(browser.context, server.url + (shot.page || ''));
      await page.evaluate(() => document.fonts.ready);
      if (outcome?.type !== 'tagit:annotated') throw new Error(`embed did not annotate: ${JSON.stringify(outcome)}`);
      if (problems.length) console.warn(`${name}: ${problems.join('\n')}`);
      if (shot.stage) await shot.stage(page);
      const file = path.join(outDir, shot.file);
      await page.screenshot({ path: file, fullPage: false });
      console.log(`${file}: ${outcome.total} highlights ${JSON.stringify(outcome.counts)}`);
    } finally {
      await browser.close();
    }
  }
} catch (err) {
  console.error(err);
  failed = true;
} finally {
  await server.stop();
}
process.exit(failed ? 1 : 0);
