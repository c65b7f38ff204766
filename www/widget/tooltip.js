// The tooltip: one element inside the widget's shadow root, shown on hover, focus and tap.
//
// Accessibility: the visual tooltip is aria-hidden; the same text goes into a hidden
// light-DOM element that the focusable marks reference with aria-describedby (an IDREF
// cannot point into a shadow root). Escape dismisses it. Its "not X?" button is out of the
// tab order while the tooltip is only a description (so is its link: the panel's link-outs
// are the keyboard's); once pressed, the tooltip becomes a
// small labelled dialog (no longer aria-hidden) and focus moves to the first choice. Placement never covers the
// mention it explains: above it when there is room, else below, aligned to the mention's
// start edge (the right edge in RTL) and clamped to the viewport.

import { LABELS, LABEL_NAMES, mentionsText } from './labels.js';

const GAP = 8;

/** Builds an element with text children only (never HTML strings from page text). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

/** `raw` as an absolute http(s) URL, or null (never a javascript: or data: link). */
function httpUrl(raw) {
  try {
    const url = new URL(raw, document.baseURI);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * The link-out URL for an entity, or null: the page about the entity itself, where a
 * dictionary entry or tagit's knowledge list gives one, else the publisher's template.
 */
export function linkFor(template, entity) {
  if (entity.label === 'DATE' || entity.label === 'TIME') return null;
  const own = entity.link ? httpUrl(entity.link) : null;
  if (own) return own;
  return template ? httpUrl(template.split('{q}').join(encodeURIComponent(entity.canonical))) : null;
}

/** The words of a link to `href`: Wikipedia's name where it goes there. */
function linkText(href, entity, fallback) {
  if (entity.link && /(^|\.)wikipedia\.org$/.test(new URL(href).hostname)) return 'בוויקיפדיה ↗';
  return fallback || 'מידע נוסף ↗';
}

/** The labels a reader can say a mention is instead of `label`. */
export function otherLabels(label) {
  return LABELS.filter((l) => l !== label && l !== 'DATE' && l !== 'TIME' && l !== 'ANG');
}

/**
 * The lines a tooltip shows for `entity` (shared by the visual tooltip and the description).
 * `describeDate` is the wasm package's (the date engine's own Hebrew text for a value:
 * the day, and the Hebrew-calendar date); without it dates show only their mention.
 */
export function tooltipLines(entity, describeDate) {
  const lines = { label: LABEL_NAMES[entity.label] || entity.label, name: entity.canonical, day: '', hebrew: '', count: '' };
  if ((entity.label === 'DATE' || entity.label === 'TIME') && entity.value && typeof describeDate === 'function') {
    const d = describeDate(entity.value);
    if (d) {
      lines.day = d.day;
      lines.hebrew = d.hebrew || '';
    }
  }
  lines.count = mentionsText(entity.mentions.length);
  return lines;
}

/** The rectangle of `mention` nearest to (x, y), or its first one. */
function anchorRect(mention, point) {
  const rects = [];
  for (const part of mention.parts()) for (const r of part.getClientRects()) if (r.width || r.height) rects.push(r);
  if (!rects.length) return null;
  if (point) {
    for (const r of rects) if (point.x >= r.left - 2 && point.x <= r.right + 2 && point.y >= r.top - 2 && point.y <= r.bottom + 2) return r;
  }
  return rects[0];
}

/** Computes the tooltip's viewport position for a `w`x`h` box explaining `rect`. */
export function placement(rect, w, hgt, vw, vh) {
  let top;
  let side;
  if (rect.top - hgt - GAP >= GAP) {
    top = rect.top - hgt - GAP;
    side = 'above';
  } else if (rect.bottom + GAP + hgt <= vh - GAP) {
    top = rect.bottom + GAP;
    side = 'below';
  } else if (rect.top > vh - rect.bottom) {
    top = Math.max(GAP, rect.top - hgt - GAP);
    side = 'above';
  } else {
    top = rect.bottom + GAP;
    side = 'below';
  }
  // RTL: the mention starts at its right edge; align the tooltip's right edge with it.
  let left = rect.right - w;
  left = Math.min(Math.max(GAP, left), Math.max(GAP, vw - w - GAP));
  return { top: Math.round(top), left: Math.round(left), side };
}

/** The tooltip controller. `lookup(el|{node,offset})` returns {mention, entity} or null. */
export class Tooltip {
  constructor(shadow, describer, options) {
    this.options = options;
    this.describer = describer;
    this.el = h('div', { class: 'tip', role: 'tooltip', 'aria-hidden': 'true', hidden: true, dir: 'rtl', lang: 'he' });
    shadow.append(this.el);
    this.current = null;
    this.pinned = false;
    this.point = null;
    this.hideTimer = 0;
    this.el.addEventListener('pointerenter', () => clearTimeout(this.hideTimer));
    this.el.addEventListener('pointerleave', () => this.scheduleHide());
  }

  /** Fills the tooltip for `entity` (text nodes only). */
  render(entity) {
    // A description again (the "not X?" dialog of another mention is gone).
    this.describing();
    const l = tooltipLines(entity, this.options.describeDate);
    const rows = [h('div', { class: `tip-label chip chip-${entity.label}` }, l.label), h('div', { class: 'tip-name' }, l.name)];
    if (l.day) rows.push(h('div', { class: 'tip-day' }, l.day));
    if (l.hebrew) rows.push(h('div', { class: 'tip-hebrew' }, l.hebrew));
    rows.push(h('div', { class: 'tip-count' }, l.count));
    this.el.replaceChildren(...rows);
    const href = linkFor(this.options.linkTemplate, entity);
    if (href) {
      this.el.append(h('a', { class: 'tip-link', href, target: '_blank', rel: 'noopener noreferrer', tabindex: '-1' }, linkText(href, entity, this.options.linkLabel)));
    }
    if (typeof this.options.onFeedback === 'function' && this.current) this.el.append(this.feedback(this.current.mention, entity));
    this.describer.textContent = [l.label, l.name, l.day, l.hebrew, l.count].filter(Boolean).join('. ');
  }

  /**
   * The "not X?" action: a button that opens the choice of what the mention is instead
   * (another label, or not a name at all); choosing calls `options.onFeedback(mention,
   * entity, suggestedLabel | null)`, which reports it to the page and hides the mention.
   */
  feedback(mention, entity) {
    const name = LABEL_NAMES[entity.label] || entity.label;
    const ask = h('button', { type: 'button', class: 'tip-wrong', tabindex: '-1', 'aria-expanded': 'false' }, `לא ${name}?`);
    const box = h('div', { class: 'tip-feedback' }, ask);
    ask.addEventListener('click', (e) => {
      e.stopPropagation();
      this.pinned = true;
      const choose = (label) => {
        const b = h('button', { type: 'button', class: label ? `tip-choice chip-${label}` : 'tip-choice tip-none', 'data-label': label || '' }, label ? LABEL_NAMES[label] : 'לא שם');
        b.addEventListener('click', (ev) => {
          ev.stopPropagation();
          this.hide();
          this.options.onFeedback(mention, entity, label);
        });
        return b;
      };
      const isDate = entity.label === 'DATE' || entity.label === 'TIME';
      const labels = isDate ? [] : otherLabels(entity.label);
      const question = h('div', { class: 'tip-ask', id: 'tagit-tip-ask' }, `מה זה ${entity.canonical}?`);
      box.replaceChildren(question, ...labels.map(choose), choose(null));
      // Now something to operate, not only a description: a labelled dialog.
      this.el.removeAttribute('aria-hidden');
      this.el.setAttribute('role', 'dialog');
      this.el.setAttribute('aria-labelledby', 'tagit-tip-ask');
      this.position();
      box.querySelector('button')?.focus();
    });
    return box;
  }

  /** Shows the tooltip for `mention` of `entity`; `pin` keeps it until dismissed. */
  show(mention, entity, { point = null, pin = false } = {}) {
    clearTimeout(this.hideTimer);
    this.current = { mention, entity };
    this.point = point;
    this.pinned = pin || this.pinned;
    this.render(entity);
    this.el.hidden = false;
    this.position();
  }

  position() {
    if (!this.current) return;
    const rect = anchorRect(this.current.mention, this.point);
    const vw = document.documentElement.clientWidth || window.innerWidth;
    const vh = window.innerHeight;
    if (!rect || rect.bottom < 0 || rect.top > vh) {
      this.hide();
      return;
    }
    this.el.style.setProperty('max-width', `${Math.min(320, vw - 2 * GAP)}px`);
    const { top, left, side } = placement(rect, this.el.offsetWidth, this.el.offsetHeight, vw, vh);
    this.el.style.setProperty('top', `${top}px`);
    this.el.style.setProperty('left', `${left}px`);
    this.el.dataset.side = side;
  }

  scheduleHide(ms = 250) {
    if (this.pinned) return;
    clearTimeout(this.hideTimer);
    this.hideTimer = setTimeout(() => this.hide(), ms);
  }

  hide() {
    clearTimeout(this.hideTimer);
    this.current = null;
    this.pinned = false;
    this.el.hidden = true;
    this.describing();
  }

  /** Back to a description: hidden from assistive technology (the marks' describer says it). */
  describing() {
    this.el.setAttribute('aria-hidden', 'true');
    this.el.setAttribute('role', 'tooltip');
    this.el.removeAttribute('aria-labelledby');
  }

  get visible() {
    return !this.el.hidden;
  }
}
