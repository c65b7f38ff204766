// The reader-facing widget: tooltip, panel, settings, keyboard, dynamic-content observer.
//
// embed.js imports this lazily after the first successful annotation. Everything the
// widget shows lives in one shadow root on a host element appended to <body> (page CSS
// cannot break it, it cannot break the page), styled by panel.css through a <link> inside
// the shadow root (strict CSP: no inline styles outside it). What it shows comes from the
// article's session (session.js): the mentions tagit found, never page markup that looks
// like a mark. On the page itself the widget only touches tagit's own marks (tabindex and
// aria-describedby on the one mention in the tab order, data-tagit-hidden,
// data-tagit-flash), which clearAnnotations removes with the marks.
//
// Corrections: the tooltip's "not X?" asks what the mention is instead and dispatches
// `tagit:feedback` on document ({text, label, suggestedLabel, context, url}); tagit sends
// nothing anywhere, the publisher decides what to do with it (docs/dictionary.md). The
// reader no longer sees that name with that label on this page (remembered per page).

import { groupMentionsSliced, normalise } from './entities.js';
import { Tooltip, h } from './tooltip.js';
import { Panel } from './panel.js';
import { Roving } from './keyboard.js';
import { loadDismissed, loadSettings, saveDismissed, saveSettings } from './settings.js';
import { observeArticle } from './observer.js';
import { yieldTask, yieldToBrowser } from './chunk.js';

const CSS_URL = new URL('./panel.css', import.meta.url).href;
let uid = 0;

/**
 * Mounts the widget for `session` (its root is the article). `api` is tagit's own API object
 * ({annotate, clear}), never window.tagit; `config` holds the publisher's choices: {panel,
 * tooltip, feedback, observe, theme, linkTemplate, linkLabel, panelOpen, describeDate, onDestroy}.
 * Returns {attach(session), refresh(), destroy(), entities}: `attach` moves the widget to a
 * new session of the same article (another confidence threshold), keeping the panel as it is.
 */
export function mountWidget({ session: first, api, config }) {
  let session = first;
  const root = session.root;
  let highlight = session.painter;
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

  let state = { mentions: [], entities: [], byMention: new Map() };
  const cursor = new Map();
  const dismissed = new Set(loadDismissed());
  const dismissKey = (m) => `${m.label}\u0000${normalise(m.text)}`;
  const isDismissed = (m) => dismissed.size > 0 && dismissed.has(dismissKey(m));
  const tooltipOptions = { ...config, onFeedback: config.feedback !== false ? feedback : null };
  const tooltip = config.tooltip !== false ? new Tooltip(shadow, describer, tooltipOptions) : null;
  const visible = (m) => !hidden.has(m.label) && !isDismissed(m);

  /** The reader said `mention` is not a `label` (but `suggested`, or no name at all). */
  function feedback(mention, entity, suggested) {
    const detail = {
      text: mention.text,
      label: mention.label,
      suggestedLabel: suggested || null,
      context: contextOf(mention),
      url: location.href,
    };
    try {
      document.dispatchEvent(new CustomEvent('tagit:feedback', { detail }));
    } catch {
      // A page that breaks dispatchEvent gets no event; the mention is still hidden.
    }
    dismissed.add(dismissKey(mention));
    saveDismissed([...dismissed]);
    refresh();
  }
  let roving = null;

  const actions = {
    toggleLabel(label, on) {
      if (on) hidden.delete(label);
      else hidden.add(label);
      saveSettings({ hidden: [...hidden] });
      applyHidden();
      panel?.render(state.entities, hidden);
    },
    goTo(entity) {
      const list = entity.mentions;
      if (!list.length) return null;
      // The next mention that can be shown (a long article's may need wrapping first).
      for (let k = 0; k < list.length; k++) {
        const i = ((cursor.get(entity.key) ?? -1) + 1 + k) % list.length;
        const m = session.ensureWrapped(list[i]);
        if (!m) continue;
        cursor.set(entity.key, i);
        const first = m.parts()[0];
        const el = first instanceof Element ? first : first?.startContainer?.parentElement;
        const reduce = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
        el?.scrollIntoView({ block: 'center', behavior: reduce ? 'auto' : 'smooth' });
        flash(m);
        return { index: i, count: list.length };
      }
      return null;
    },
    async setMinConfidence(v) {
      saveSettings({ minConfidence: v });
      tooltip?.hide();
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

  const panel = config.panel !== false ? new Panel(shadow, settings, config, actions) : null;
  if (panel) panel.setOpen(settings.open ?? config.panelOpen ?? false, false);

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
   * Brings the marks in line with the reader's label switches. Writes only what changes,
   * in batches with a frame between them: on a long article one big batch of attribute
   * writes would make one long style-and-layout task.
   */
  async function applyHidden() {
    if (tooltip?.current && !visible(tooltip.current.mention)) tooltip.hide();
    if (highlight) {
      session.setHidden(hidden, isDismissed);
      return;
    }
    roving?.refresh(state.mentions);
    const gen = ++decorating;
    let n = 0;
    for (const m of state.mentions) {
      const off = !visible(m);
      for (const p of m.pieces) if (off !== p.hasAttribute('data-tagit-hidden')) p.toggleAttribute('data-tagit-hidden', off);
      if (++n % 500 === 0) {
        await yieldToBrowser();
        if (gen !== decorating || destroyed) return;
      }
    }
  }

  let pending = 0;
  let unsubscribe = () => {};
  /** Shows `next` (a session of the same article) from now on. */
  function attach(next) {
    unsubscribe();
    roving?.destroy();
    session = next;
    highlight = next.painter;
    roving = tooltip && !highlight ? new Roving(next, { visible, describedBy: descId }) : null;
    unsubscribe = next.subscribe(({ ended }) => {
      // An ended session shows nothing; the embed unmounts the widget or attaches another.
      if (ended) return refresh();
      // Coalesced: a long article changes often while it is being wrapped.
      if (!pending) pending = requestAnimationFrame(() => ((pending = 0), refresh()));
    });
    refresh();
  }

  let refreshing = 0;
  /**
   * Redraws from the session's mentions (after any change: wrapping, restores, clear).
   * Grouping tens of thousands of mentions is done in slices, a task each; a newer refresh
   * abandons an older one.
   */
  async function refresh() {
    if (destroyed) return;
    const gen = ++refreshing;
    const mentions = session.mentions();
    // Dismissed mentions are not listed (nor counted); their marks are hidden below.
    const listed = dismissed.size ? mentions.filter((m) => !isDismissed(m)) : mentions;
    const grouped = await groupMentionsSliced(listed, () => yieldTask().then(() => gen === refreshing && !destroyed));
    if (!grouped) return;
    const { entities, byMention } = grouped;
    state = { mentions, entities, byMention };
    applyHidden();
    panel?.render(entities, hidden);
    const cur = tooltip?.current?.mention;
    if (cur && !(cur.wrapped && state.byMention.has(cur.id)) && !highlight) tooltip.hide();
  }

  /** {mention, entity} for a mark element or a hit-test result. */
  function lookup(target) {
    const mention = highlight ? highlight.hitTest(target.x, target.y) : session.mentionOfMark(target.el?.closest?.('mark[data-tagit-id]'));
    if (!mention || !visible(mention)) return null;
    const entity = state.byMention.get(mention.id);
    return entity ? { mention, entity } : null;
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
        if (e.target.closest?.('mark[data-tagit-id]')) tooltip.scheduleHide();
      });
      on(root, 'focusin', (e) => {
        const hit = lookup({ el: e.target });
        if (hit) tooltip.show(hit.mention, hit.entity, { pin: true });
      });
      on(root, 'focusout', (e) => {
        if (session.mentionOfMark(e.target.closest?.('mark[data-tagit-id]'))) tooltip.hide();
      });
      // Escape hides the tooltip and leaves the mentions (the next Tab goes on from there).
      on(root, 'keydown', (e) => {
        if (e.key !== 'Escape' || !session.mentionOfMark(e.target.closest?.('mark[data-tagit-id]'))) return;
        tooltip.hide();
        e.target.blur();
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

  const stopObserving = config.observe !== false ? observeArticle(root, (node) => session.mod.isTagitMark(node), () => api.annotate(root)) : () => {};

  let destroyed = false;
  function destroy() {
    if (destroyed) return;
    destroyed = true;
    cancelAnimationFrame(pending);
    unsubscribe();
    stopObserving();
    config.onDestroy?.();
    for (const off of listeners.splice(0)) off();
    tooltip?.hide();
    host.remove();
    roving?.destroy();
    if (!highlight) {
      for (const m of state.mentions) for (const p of m.pieces) p.removeAttribute('data-tagit-hidden');
    }
  }

  /** About 200 characters of the block's text around `mention`, for the publisher to judge. */
  function contextOf(mention) {
    const text = (mention.block?.el?.textContent || '').replace(/\s+/g, ' ').trim();
    const at = text.indexOf(mention.text);
    if (at < 0) return text.slice(0, 200);
    const from = Math.max(0, at - 90);
    return text.slice(from, at + mention.text.length + 90);
  }

  attach(first);
  return {
    attach,
    refresh,
    destroy,
    get entities() {
      return state.entities;
    },
  };
}
