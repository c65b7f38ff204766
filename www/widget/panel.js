// The legend/panel inside the widget's shadow root: a collapsible, RTL, Hebrew panel with
// per-label toggles and counts, the article's entities grouped and sorted by mentions
// (click: scroll to the next mention and flash it), a confidence slider, link-outs, and
// one switch that turns tagit off. Built with DOM methods only.

import { LABELS, LABEL_NAMES, formatNumber } from './labels.js';
import { h, linkFor } from './tooltip.js';

const MAX_ENTITIES = 60;

export class Panel {
  /**
   * `actions`: {toggleLabel(label, on), goTo(entity), setMinConfidence(v), setOpen(open), off()}.
   */
  constructor(shadow, settings, options, actions) {
    this.actions = actions;
    this.options = options;
    this.fab = h('button', { type: 'button', class: 'fab', 'aria-expanded': 'false', 'aria-controls': 'tagit-panel-body' }, h('span', { class: 'fab-text' }, 'ישויות בכתבה'), ' ', h('span', { class: 'fab-count' }, ''));
    this.body = h('div', { id: 'tagit-panel-body', class: 'panel-body', hidden: true });
    this.root = h('aside', { class: 'panel', dir: 'rtl', lang: 'he', 'aria-label': 'tagit – ישויות בכתבה' }, this.fab, this.body);
    shadow.append(this.root);

    const close = h('button', { type: 'button', class: 'close', 'aria-label': 'סגירת החלונית' }, '×');
    this.labelList = h('ul', { class: 'labels' });
    this.labelInputs = new Map();
    for (const label of LABELS) {
      const input = h('input', { type: 'checkbox', 'data-label': label });
      input.checked = !settings.hidden.includes(label);
      input.addEventListener('change', () => actions.toggleLabel(label, input.checked));
      const count = h('span', { class: 'count', 'data-count': label }, '0');
      const li = h('li', { 'data-label': label }, h('label', {}, input, h('span', { class: `chip chip-${label}` }, LABEL_NAMES[label]), count));
      this.labelInputs.set(label, { input, count, li });
      this.labelList.append(li);
    }
    this.slider = h('input', { type: 'range', min: '0', max: '1', step: '0.05', id: 'tagit-conf', 'aria-describedby': 'tagit-conf-out' });
    this.slider.value = String(settings.minConfidence || 0);
    this.sliderOut = h('output', { id: 'tagit-conf-out', for: 'tagit-conf' }, '');
    this.updateSliderText();
    let t = 0;
    this.slider.addEventListener('input', () => {
      this.updateSliderText();
      clearTimeout(t);
      t = setTimeout(() => actions.setMinConfidence(Number(this.slider.value)), 300);
    });
    this.entityList = h('ol', { class: 'entities' });
    this.status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' }, '');
    const off = h('button', { type: 'button', class: 'off' }, 'כיבוי tagit בדף הזה');
    off.addEventListener('click', () => actions.off());

    this.body.append(
      h('div', { class: 'head' }, h('h2', {}, 'מה מסומן בכתבה'), close),
      h('h3', {}, 'סוגים'),
      this.labelList,
      h('div', { class: 'conf' }, h('label', { for: 'tagit-conf' }, 'סף ביטחון'), this.slider, this.sliderOut),
      h('h3', {}, 'ישויות לפי מספר אזכורים'),
      this.entityList,
      this.status,
      h('div', { class: 'foot' }, off),
    );
    this.fab.addEventListener('click', () => this.setOpen(this.body.hidden, true));
    close.addEventListener('click', () => {
      this.setOpen(false, true);
      this.fab.focus();
    });
    this.root.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && !this.body.hidden) {
        e.stopPropagation();
        this.setOpen(false, true);
        this.fab.focus();
      }
    });
  }

  updateSliderText() {
    const v = Number(this.slider.value);
    this.sliderOut.textContent = v > 0 ? `${Math.round(v * 100)}%` : 'הכול';
  }

  setOpen(open, remember) {
    this.body.hidden = !open;
    this.fab.setAttribute('aria-expanded', String(open));
    this.root.classList.toggle('is-open', open);
    if (remember) this.actions.setOpen(open);
  }

  /** Redraws counts and the entity list. */
  render(entities, hidden) {
    const counts = Object.fromEntries(LABELS.map((l) => [l, 0]));
    let total = 0;
    for (const e of entities) {
      counts[e.label] = (counts[e.label] || 0) + e.mentions.length;
      total += e.mentions.length;
    }
    for (const [label, { input, count, li }] of this.labelInputs) {
      count.textContent = formatNumber(counts[label]);
      input.checked = !hidden.has(label);
      li.classList.toggle('is-empty', counts[label] === 0);
    }
    this.fab.querySelector('.fab-count').textContent = formatNumber(total);
    const items = [];
    for (const e of entities.slice(0, MAX_ENTITIES)) {
      const go = h(
        'button',
        { type: 'button', class: 'entity', 'data-label': e.label, 'data-key': e.key },
        h('span', { class: `chip chip-${e.label}`, 'aria-hidden': 'true' }, ''),
        h('span', { class: 'name' }, e.canonical),
        h('span', { class: 'n', 'aria-label': `${e.mentions.length} אזכורים` }, formatNumber(e.mentions.length)),
      );
      go.addEventListener('click', () => {
        // Focus stays here so repeated presses walk the mentions; the live region says where.
        const at = this.actions.goTo(e);
        if (at) this.status.textContent = `${e.canonical}: אזכור ${formatNumber(at.index + 1)} מתוך ${formatNumber(at.count)}`;
      });
      const li = h('li', { 'data-label': e.label }, go);
      if (hidden.has(e.label)) li.hidden = true;
      const href = linkFor(this.options.linkTemplate, e);
      if (href) li.append(h('a', { class: 'out', href, target: '_blank', rel: 'noopener noreferrer', 'aria-label': `${this.options.linkLabel || 'מידע נוסף'}: ${e.canonical}` }, '↗'));
      items.push(li);
    }
    this.entityList.replaceChildren(...items);
    this.status.textContent = total === 0 ? 'לא נמצאו ישויות בכתבה.' : `${formatNumber(total)} אזכורים של ${formatNumber(entities.length)} ישויות.`;
  }
}
