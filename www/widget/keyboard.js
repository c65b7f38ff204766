// Keyboard access to the article's mentions as one tab stop (a roving tabindex).
//
// Only one mark in the article is in the tab order: the mention the reader last focused
// (at first, the first one shown). Tab enters the article's mentions there and the next Tab
// leaves them; the arrow keys move between mentions in reading order (in right-to-left text
// the left arrow goes forward), Home and End go to the first and the last; the widget's
// Escape hides the tooltip and leaves. A long article's mentions that are not wrapped yet
// are wrapped on the way (session.ensureWrapped). The panel stays the index of entities.

const FORWARD = { ArrowDown: 1, ArrowUp: -1 };

export class Roving {
  /**
   * `session`: the article's session; `visible(m)`: whether a mention is shown (its label is
   * not switched off); `describedBy`: the id of the element describing the focused mention.
   */
  constructor(session, { visible, describedBy }) {
    this.session = session;
    this.visible = visible;
    this.describedBy = describedBy;
    this.current = null;
    this.list = [];
    this.onKey = (e) => this.key(e);
    session.root.addEventListener('keydown', this.onKey);
    session.root.addEventListener('focusin', (this.onFocus = (e) => this.focused(e)));
  }

  /** Takes the article's mentions (document order) and keeps one of them tabbable. */
  refresh(mentions) {
    this.list = mentions;
    const keep = this.current && this.current.wrapped && this.current.pieces[0].isConnected && this.visible(this.current);
    this.set(keep ? this.current : mentions.find((m) => m.wrapped && this.visible(m)) || null);
  }

  /** Makes `m` the one tab stop. */
  set(m) {
    const old = this.current?.pieces[0];
    const mark = m?.pieces[0];
    if (old && old !== mark) {
      old.removeAttribute('tabindex');
      old.removeAttribute('aria-describedby');
    }
    this.current = m;
    if (mark) {
      if (mark.getAttribute('tabindex') !== '0') mark.setAttribute('tabindex', '0');
      if (mark.getAttribute('aria-describedby') !== this.describedBy) mark.setAttribute('aria-describedby', this.describedBy);
    }
  }

  /** A mark got focus (Tab, a click): it becomes the tab stop. */
  focused(e) {
    const m = this.session.mentionOfMark(e.target.closest?.('mark[data-tagit-id]'));
    if (m && m !== this.current) this.set(m);
  }

  key(e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const m = this.session.mentionOfMark(e.target.closest?.('mark[data-tagit-id]'));
    if (!m) return;
    let step = FORWARD[e.key];
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      const rtl = getComputedStyle(e.target).direction === 'rtl';
      step = (e.key === 'ArrowLeft') === rtl ? 1 : -1;
    }
    let target = null;
    if (step) target = this.step(m, step);
    else if (e.key === 'Home') target = this.step(null, 1);
    else if (e.key === 'End') target = this.step(null, -1);
    else return;
    e.preventDefault();
    if (target) this.move(target);
  }

  /** The next visible mention after `from` in direction `dir` (from an end when `from` is null). */
  step(from, dir) {
    const list = this.list;
    let i = from ? list.indexOf(from) : dir > 0 ? -1 : list.length;
    for (i += dir; i >= 0 && i < list.length; i += dir) {
      if (!this.visible(list[i])) continue;
      const shown = this.session.ensureWrapped(list[i]);
      if (shown) return shown;
    }
    return null;
  }

  move(m) {
    this.set(m);
    m.pieces[0].focus();
  }

  destroy() {
    this.session.root.removeEventListener('keydown', this.onKey);
    this.session.root.removeEventListener('focusin', this.onFocus);
    this.set(null);
  }
}
