// Pages annotated at publish time (`tagit annotate --html`): showing their marks without the
// wasm package.
//
// The marks are in the page's markup, so they must be told from look-alikes: tagit's own
// marks carry an attribute in a namespace the HTML parser never produces, and markup that
// copies a mark (a sanitised reader comment keeping class and data-*) must not pass for one.
// The root the CLI annotated says `data-tagit-ahead="sha256-…"`: a digest of every mark
// under it (ids, labels, values, names, links, confidences and texts, in document order).
// The marks are adopted only when the digest of what is under the root now matches: a mark
// added inside the article changes it, and a copy of the article elsewhere is outside the
// root. Adopting a mark is giving it the namespaced attribute (tagit.css styles it from
// then on); `AheadSession` then offers the widget what a wasm session does, read from the
// marks. The wasm package is loaded only for what needs it (content the page adds later,
// another dictionary); it then takes the adopted marks over (`adoptMarks`).
//
// The digest is computed here in plain JS (SHA-256, below): `crypto.subtle` is missing on
// pages served over plain http, and a few kilobytes of marks hash in well under a millisecond.

import { Mention, MentionSource } from './session.js';

/** The attribute on the root the CLI annotated. */
export const AHEAD_ATTR = 'data-tagit-ahead';
/** tagit's own marks carry `tagit:own` in this namespace (as the wasm package sets it). */
const OWN_NS = 'urn:x-tagit:mark';
/** The attributes the digest covers, in its order; the mark's text comes after them. */
const FIELDS = ['data-tagit-id', 'data-tagit-label', 'data-tagit-value', 'data-tagit-canonical', 'data-tagit-link', 'data-tagit-entity-id', 'data-tagit-confidence', 'data-tagit-day', 'data-tagit-hebrew'];

/** The marks this page adopted (what `isAdopted` answers, for the copy handler and the observer). */
const adopted = new WeakSet();

/** Whether `el` is a publish-time mark this page verified and adopted. */
export function isAdopted(el) {
  return !!el && adopted.has(el);
}

/** The element the CLI annotated, if the page has one. */
export function aheadRoot() {
  try {
    return document.querySelector(`[${AHEAD_ATTR}]`);
  } catch {
    return null;
  }
}

/** The digest of the marks under `root` as the CLI computes it (docs/publish-time.md). */
export function marksDigest(marks) {
  let text = '';
  for (const m of marks) {
    for (const f of FIELDS) text += (m.getAttribute(f) ?? '') + '\u001f';
    text += m.textContent + '\u001e';
  }
  return `sha256-${sha256Hex(text)}`;
}

/**
 * The marks under `root` when they are the ones the CLI wrote (the digest matches), else
 * null: the page then gets the wasm path, which treats them as page markup.
 */
export function verifiedMarks(root) {
  const want = root.getAttribute(AHEAD_ATTR) || '';
  const marks = [...root.querySelectorAll('mark[data-tagit-id]')];
  return marksDigest(marks) === want ? marks : null;
}

/** A block around `el` for the feedback's context: its nearest block-level ancestor. */
function blockOf(el, root) {
  return el.parentElement?.closest('p, li, dd, dt, blockquote, figcaption, td, th, h1, h2, h3, h4, h5, h6, div, section, article') || root;
}

/**
 * A pre-annotated article as the widget sees a session (session.js): its mentions read from
 * the verified marks. `filters` ({labels, minConfidence}) choose which marks are shown;
 * the others stay plain text.
 */
export class AheadSession extends MentionSource {
  constructor(root, marks, filters = {}) {
    super();
    this.root = root;
    this.marks = marks;
    this.painter = null;
    this.mode = 'ahead';
    this.destroyed = false;
    this.byMark = new Map();
    this.list = [];
    this.dates = new Map();
    this.mod = { isTagitMark: isAdopted };
    for (const m of marks) {
      const value = m.getAttribute('data-tagit-value');
      const day = m.getAttribute('data-tagit-day');
      if (value && day) this.dates.set(value, { day, hebrew: m.getAttribute('data-tagit-hebrew') || null });
    }
    this.filter(filters);
  }

  /** Shows the marks that pass `labels` (null: all) and `minConfidence`; the rest go plain. */
  filter({ labels = null, minConfidence = 0 } = {}) {
    this.filters = { labels, minConfidence };
    const groups = new Map();
    for (const mark of this.marks) {
      const label = mark.getAttribute('data-tagit-label');
      const confidence = Number(mark.getAttribute('data-tagit-confidence') ?? 1);
      const shown = (!labels || labels.includes(label)) && !(confidence < minConfidence);
      if (shown) {
        // Only what changes is written: a slider move must not restyle every mark.
        if (!adopted.has(mark)) {
          mark.setAttributeNS(OWN_NS, 'tagit:own', '');
          adopted.add(mark);
        }
        const id = mark.getAttribute('data-tagit-id');
        let g = groups.get(id);
        if (!g) groups.set(id, (g = { mark, label, confidence, marks: [] }));
        g.marks.push(mark);
      } else {
        this.unadopt(mark);
      }
    }
    this.byMark.clear();
    this.list = [];
    for (const [id, g] of groups) {
      const attr = (name) => g.mark.getAttribute(name);
      const span = {
        label: g.label,
        text: g.marks.map((m) => m.textContent).join(''),
        value: attr('data-tagit-value'),
        confidence: Number.isFinite(g.confidence) ? g.confidence : null,
        canonical: attr('data-tagit-canonical'),
        // Links are http(s) only, as a dictionary's are: markup must not give the tooltip a
        // javascript: URL.
        link: /^https?:\/\//i.test(attr('data-tagit-link') || '') ? attr('data-tagit-link') : null,
        entityId: attr('data-tagit-entity-id'),
      };
      const m = new Mention(id, span, { el: blockOf(g.mark, this.root) }, this.list.length);
      m.pieces = g.marks;
      this.list.push(m);
      this.byMark.set(id, m);
    }
    this.changed();
  }

  unadopt(mark) {
    if (!adopted.has(mark)) return;
    adopted.delete(mark);
    mark.removeAttributeNS(OWN_NS, 'own');
  }

  /** The date engine's description of `value`, as the CLI wrote it on the marks. */
  describeDate(value) {
    return this.dates.get(value) || null;
  }

  // ---- what the widget reads (as session.js) -----------------------------------------

  mentions() {
    return this.list;
  }

  changed() {
    this.notify(this.destroyed);
  }

  mentionOfMark(mark) {
    return mark && adopted.has(mark) ? this.byMark.get(mark.getAttribute('data-tagit-id')) || null : null;
  }

  /** Every mention is shown already. */
  ensureWrapped(m) {
    return m;
  }

  setHidden() {}

  repaint() {}

  /** Gives up the marks under `el` (default: all): they are plain text again. */
  clear(el = this.root) {
    if (el === this.root) return this.destroy();
    for (const mark of this.marks) if (el.contains(mark)) this.unadopt(mark);
    this.marks = this.marks.filter((m) => !el.contains(m));
    this.filter(this.filters);
  }

  /** Ends the session; `keepMarks` when the wasm package takes the marks over. */
  destroy({ keepMarks = false } = {}) {
    if (this.destroyed) return;
    this.destroyed = true;
    if (!keepMarks) for (const mark of this.marks) this.unadopt(mark);
    this.changed();
  }
}

// ---- SHA-256 (FIPS 180-4) ----------------------------------------------------------------

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** The SHA-256 of `text`'s UTF-8 bytes, in lowercase hex. */
export function sha256Hex(text) {
  const bytes = new TextEncoder().encode(text);
  const bits = bytes.length * 8;
  const padded = new Uint8Array((((bytes.length + 9 + 63) >> 6) << 6));
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bits / 2 ** 32));
  view.setUint32(padded.length - 4, bits >>> 0);
  const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new Uint32Array(64);
  const rotr = (x, n) => (x >>> n) | (x << (32 - n));
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + 4 * i);
    for (let i = 16; i < 64; i++) {
      const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
      const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let i = 0; i < 64; i++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) >>> 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
  }
  return [...h].map((x) => x.toString(16).padStart(8, '0')).join('');
}
