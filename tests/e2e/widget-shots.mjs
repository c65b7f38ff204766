// Staging for the widget screenshots (used by screenshot.mjs): opens the panel and/or
// shows a tooltip before the picture is taken.

async function widgetReady(page) {
  await page.waitForFunction(() => {
    const host = document.querySelector('[data-tagit-widget]');
    return host && !host.hidden && host.shadowRoot;
  });
}

async function openPanel(page) {
  await page.locator('[data-tagit-widget] .fab').click();
}

/** Puts `selector`'s first match in the middle of the viewport and shows its tooltip. */
async function tooltipOn(page, selector, { tap = false } = {}) {
  const mark = page.locator(selector).first();
  await mark.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  if (tap) await mark.tap();
  else await mark.hover();
  await page.waitForFunction(() => !document.querySelector('[data-tagit-widget]').shadowRoot.querySelector('.tip').hidden);
}

export const STAGES = {
  /** Desktop, light: the panel open and a person's tooltip. */
  async desktopTooltip(page) {
    await widgetReady(page);
    await openPanel(page);
    await tooltipOn(page, '#article-body p:first-of-type mark.tagit-PER[data-tagit-id]:not(:first-child)');
  },
  /** Desktop, dark: the panel open and a date's tooltip. */
  async desktopDark(page) {
    await widgetReady(page);
    await openPanel(page);
    await tooltipOn(page, '#article-body mark.tagit-DATE[data-tagit-value="2023-11"]');
  },
  /** Phone, light: a tapped date's tooltip. */
  async phoneTooltip(page) {
    await widgetReady(page);
    await tooltipOn(page, '#article-body mark.tagit-DATE[data-tagit-value*="-10-07"]', { tap: true });
  },
  /** A dictionary page: the tooltip of a variant (פנחסי → שמעון פנחסי), "not X?" opened. */
  async dictionaryTooltip(page) {
    await widgetReady(page);
    await openPanel(page);
    await tooltipOn(page, '#p2 mark[data-tagit-canonical][data-tagit-id]');
    await page.locator('[data-tagit-widget] .tip .tip-wrong').click();
    await page.mouse.move(5, 5);
  },
  /** Phone, dark: the panel open. */
  async phonePanel(page) {
    await widgetReady(page);
    await page.locator('#article-body p').first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await openPanel(page);
  },
};
