// The reader-facing widget: tooltip, panel, settings, dynamic-content observer.
//
// embed.js imports this lazily after the first successful annotation. Everything the
// widget shows lives in one shadow root on a host element appended to <body> (page CSS
// cannot break it, it cannot break the page), styled by panel.css through a <link> inside
// the shadow root (strict CSP: no inline styles outside it). On the page itself the widget
// only touches tagit's own marks (tabindex, aria-describedby, data-tagit-hidden,
// data-tagit-flash), which clearAnnotations removes with the marks.

import { MARK_SLICE, groupMentions, mentionsFromMarksSliced } from './entities.js';
import { Tooltip, h } from './tooltip.js';
import { Panel } from './panel.js';
import { loadSettings, saveSettings } from './settings.js';
import { observeArticle } from './observer.js';
import { yieldTask, yieldToBrowser } from './chunk.js';

const CSS_URL = new URL('./panel.css', import.meta.url).href;
let uid = 0;


/**
 * Mounts the widget for `root`. `api` is window.tagit ({annotate, clear}); `config` holds the
 * publisher's choices: {panel, tooltip, observe, theme, linkTemplate, linkLabel, highlight}
 * where `highlight` is the Highlight-API painter in non-mutating mode (else marks are used).
 * Returns {refresh(), destroy()}.
 */
export function mountWidget({ root, api, config }) {
  const settings = loadSettings();
  const hidden = new Set(settings.hidden);
  const descId = `tagit-desc-${++uid}`;
  const host = h('div', { 'data-tagit-widget': '', 'data-tagit-skip': '', hidden: true });
  if (config.theme === 'light' || config.theme === 'dark') host.setAttribute('data-theme', config.theme);
  const describer = h('div', { id: descId, hidden: true });
  host.append(describer);
  const shadow = host.attachShadow({ mode: 'open' });
  const link = h('link', { rel: 'stylesheet', href: CSS_URL });
  const shown = () => host.removeAttribute('hidden');
  link.addEventListener('load', shown, { once: true });
  link.addEventListener('error', shown, { once: true });
  shadow.append(link);
  (document.body || document.documentElement).append(host);

  let state = { mentions: [], entities: [], byMention: new Map(), byId: new Map() };
  const cursor = new Map();
  const highlight = config.highlight || null;
  const tooltip = config.tooltip !== false ? new Tooltip(shadow, describer, config) : null;

  const actions = {
    toggleLabel(label, on) {
      if (on) hidden.delete(label);
      else hidden.add(label);
      saveSettings({ hidden: [...hidden] });
      applyHidden();
      panel?.render(state.entities, hidden);
    },
    goTo(entity) {
      const visible = entity.mentions;
      if (!visible.length) return;
      const i = ((cursor.get(entity.key) ?? -1) + 1) % visible.length;
      cursor.set(entity.key, i);
      const m = visible[i];
      const first = m.parts()[0];
      const el = first instanceof Element ? first : first?.startContainer?.parentElement;
      const reduce = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
      el?.scrollIntoView({ block: 'center', behavior: reduce ? 'auto' : 'smooth' });
      flash(m);
      return { index: i, count: visible.length };
    },
    async setMinConfidence(v) {
      saveSettings({ minConfidence: v });
      tooltip?.hide();
      await api.clear(root);
      await api.annotate(root, { minConfidence: v });
    },
    setOpen(open) {
      saveSettings({ open });
    },
    off() {
      destroy();
      api.clear(root);
    },
  };

  const panel =
    config.panel !== false
      ? new Panel(shadow, settings, config, actions)
      : null;
  if (panel) {
    const open = settings.open ?? config.panelOpen ?? false;
    panel.setOpen(open, false);
  }

  function flash(m) {
    if (highlight) {
      highlight.flash(m);
      return;
    }
    for (const p of m.parts()) p.setAttribute('data-tagit-flash', '');
    setTimeout(() => {
      for (const p of m.parts()) p.removeAttribute('data-tagit-flash');
    }, 1600);
  }

  let decorating = 0;
  /**
   * Brings the marks in line with the state: hidden labels unpainted, the first piece of
   * each visible mention focusable and described. Writes only what changes, and in batches
   * with a frame between them: on a 1 MB article (thousands of marks) one big batch of
   * attribute writes would make one long style-and-layout task.
   */
  async function applyHidden() {
    if (tooltip?.current && hidden.has(tooltip.current.entity.label)) tooltip.hide();
    if (highlight) {
      highlight.setHidden(hidden);
      return;
    }
    const gen = ++decorating;
    let n = 0;
    for (const m of state.mentions) {
      const off = hidden.has(m.label);
      for (let i = 0; i < m.pieces.length; i++) {
        const p = m.pieces[i];
        if (off !== p.hasAttribute('data-tagit-hidden')) p.toggleAttribute('data-tagit-hidden', off);
        if (i === 0 && tooltip) {
          if (off) p.removeAttribute('tabindex');
          else if (p.getAttribute('tabindex') !== '0') p.setAttribute('tabindex', '0');
          if (p.getAttribute('aria-describedby') !== descId) p.setAttribute('aria-describedby', descId);
        }
      }
      if (++n % 150 === 0) {
        await yieldToBrowser();
        if (gen !== decorating || destroyed) return;
      }
    }
  }

  /** What the article holds now, cheaply: to skip a refresh that would change nothing. */
  function signatureOf() {
    if (highlight) return `h${highlight.mentions().length}:${highlight.mentions()[0]?.id}`;
    const marks = root.getElementsByClassName('tagit');
    return `m${marks.length}:${marks[0]?.getAttribute('data-tagit-id')}:${marks[marks.length - 1]?.getAttribute('data-tagit-id')}`;
  }
  let signature = '';
  let pending = 0;
  function scheduleRefresh() {
    clearTimeout(pending);
    pending = setTimeout(() => {
      if (!destroyed && signatureOf() !== signature) refresh();
    }, 0);
  }

  let refreshing = 0;
  /**
   * Re-reads the mentions (after any annotate or clear) and redraws. Marks are read in
   * slices with a task between them (ten thousand marks on a 1 MB article); a newer
   * refresh, or destroy, abandons an older one.
   */
  async function refresh() {
    const gen = ++refreshing;
    const pause = () => yieldTask().then(() => gen === refreshing && !destroyed);
    // The marks this refresh reads: taken before the pauses, so marks changed during one
    // leave a signature that differs and the next check refreshes again.
    const sig = signatureOf();
    const mentions = highlight ? highlight.mentions() : await mentionsFromMarksSliced(root, pause);
    // On a long article, grouping is a task of its own, and so is drawing.
    const long = mentions && mentions.length > MARK_SLICE;
    if (!mentions || (long && !(await pause()))) return;
    const { entities, byMention } = groupMentions(mentions);
    const byId = new Map();
    for (const m of mentions) byId.set(m.id, m);
    if (long && !(await pause())) return;
    state = { mentions, entities, byMention, byId };
    signature = sig;
    applyHidden();
    panel?.render(entities, hidden);
    if (tooltip?.current && !byId.has(tooltip.current.mention.id)) tooltip.hide();
  }

  /** {mention, entity} for a mark element or a hit-test result. */
  function lookup(target) {
    let id = null;
    if (highlight) id = highlight.hitTest(target.x, target.y);
    else {
      const mark = target.el?.closest?.('mark.tagit[data-tagit-id]');
      if (mark && root.contains(mark)) id = mark.getAttribute('data-tagit-id');
    }
    const mention = id && state.byId.get(id);
    if (!mention || hidden.has(mention.label)) return null;
    return { mention, entity: state.byMention.get(id) };
  }

  const listeners = [];
  const on = (target, type, fn, opts) => {
    target.addEventListener(type, fn, opts);
    listeners.push(() => target.removeEventListener(type, fn, opts));
  };

  if (tooltip) {
    let hoverTimer = 0;
    let lastMove = null;
    let frame = 0;
    const showAt = (e, pin) => {
      const hit = lookup({ el: e.target, x: e.clientX, y: e.clientY });
      if (hit) tooltip.show(hit.mention, hit.entity, { point: { x: e.clientX, y: e.clientY }, pin });
      return hit;
    };
    if (highlight) {
      // No elements to hover: hit-test the caret position under the pointer.
      on(root, 'pointermove', (e) => {
        if (e.pointerType !== 'mouse') return;
        lastMove = e;
        if (frame) return;
        frame = requestAnimationFrame(() => {
          frame = 0;
          const hit = lookup({ x: lastMove.clientX, y: lastMove.clientY });
          if (hit) {
            if (tooltip.current?.mention !== hit.mention) tooltip.show(hit.mention, hit.entity, { point: { x: lastMove.clientX, y: lastMove.clientY } });
            else clearTimeout(tooltip.hideTimer);
          } else if (tooltip.visible) tooltip.scheduleHide();
        });
      });
    } else {
      on(root, 'pointerover', (e) => {
        if (e.pointerType !== 'mouse') return;
        clearTimeout(hoverTimer);
        hoverTimer = setTimeout(() => showAt(e, false), 80);
      });
      on(root, 'pointerout', (e) => {
        if (e.pointerType !== 'mouse') return;
        clearTimeout(hoverTimer);
        if (e.target.closest?.('mark.tagit')) tooltip.scheduleHide();
      });
      on(root, 'focusin', (e) => {
        const hit = lookup({ el: e.target });
        if (hit) tooltip.show(hit.mention, hit.entity, { pin: true });
      });
      on(root, 'focusout', (e) => {
        if (e.target.closest?.('mark.tagit')) tooltip.hide();
      });
    }
    // Tap (and click): pin the tooltip; tapping elsewhere dismisses it.
    on(root, 'click', (e) => {
      if (!showAt(e, true) && tooltip.visible) tooltip.hide();
    });
    on(document, 'pointerdown', (e) => {
      if (!tooltip.visible) return;
      const path = e.composedPath();
      if (path.includes(host) || path.includes(root)) return;
      tooltip.hide();
    });
    on(document, 'keydown', (e) => {
      if (e.key === 'Escape' && tooltip.visible) tooltip.hide();
    });
    const reposition = () => {
      if (tooltip.visible) tooltip.position();
    };
    on(window, 'scroll', reposition, { passive: true, capture: true });
    on(window, 'resize', reposition, { passive: true });
  }

  on(document, 'tagit:annotated', (e) => {
    const t = e.detail?.target;
    if (!t || t === root || root.contains(t) || t.contains?.(root)) scheduleRefresh();
  });

  const stopObserving = config.observe !== false ? observeArticle(root, () => api.annotate(root)) : () => {};

  let destroyed = false;
  function destroy() {
    if (destroyed) return;
    destroyed = true;
    clearTimeout(pending);
    stopObserving();
    config.onDestroy?.();
    for (const off of listeners.splice(0)) off();
    tooltip?.hide();
    host.remove();
    if (!highlight) {
      for (const m of state.mentions) {
        for (const p of m.pieces) {
          p.removeAttribute('tabindex');
          p.removeAttribute('aria-describedby');
          p.removeAttribute('data-tagit-hidden');
        }
      }
    }
  }

  refresh();
  return { refresh, destroy, get entities() { return state.entities; } };
}
