// Groups the article's mentions into entities for the tooltip and the panel.
//
// A mention is one highlighted span (all the <mark> pieces sharing a data-tagit-id, or one
// Highlight-API span). Mentions of the same entity are grouped by a normalised key: niqqud
// and cantillation dropped, quote and dash variants folded. A one-word person mention joins
// the longer person whose last word it is (פוטין -> ולדימיר פוטין); the marks already leave
// attached prefixes outside, but a prefixed one-word form (לפוטין) whose remainder is a
// known key joins that entity too. Dates group by their resolved value. The canonical name
// of an entity is the one a dictionary entry or tagit's knowledge list gives a mention
// (with its link), else its longest mention; a mention with a canonical name groups under
// that name, so `ביבי` and `בנימין נתניהו` are one entity when the dictionary says so.

const PREFIX = /^(?:ו|ה|ב|כ|ל|מ|ש|וה|וב|וכ|ול|ומ|וש|שב|שה|של|שמ|מה|כש|לכש|וכש)-?/;

/** The grouping key of a surface form. */
export function normalise(text) {
  return String(text)
    .normalize('NFC')
    .replace(/[\u0591-\u05C7\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g, (c) => (c === '\u05BE' ? '-' : ''))
    .replace(/[\u05F4\u201C\u201D\u201E\u00AB\u00BB]/g, '"')
    .replace(/[\u05F3\u2018\u2019\u0060\u00B4]/g, "'")
    .replace(/[\u2010-\u2015\u05BE]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Mentions grouped between two pauses of `groupMentionsSliced`. */
const GROUP_SLICE = 4096;

/**
 * `mentions`: [{id, label, text, value, confidence?, canonical?, link?, entityId?, order}] in
 * document order. Returns {entities: [{key, label, canonical, link, entityId, value,
 * mentions}], byMention: Map(id -> entity)},
 * entities sorted by mention count (then first appearance).
 */
export function groupMentions(mentions) {
  const steps = grouping(mentions);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `groupMentions` in slices: `pause()` is awaited every few thousand mentions (a long
 * article has tens of thousands), and resolving it false abandons the grouping (null).
 */
export async function groupMentionsSliced(mentions, pause) {
  const steps = grouping(mentions);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (!(await pause())) return null;
  }
}

/** The grouping, yielding after every GROUP_SLICE mentions of each pass. */
function* grouping(mentions) {
  const byKey = new Map();
  const order = [];
  // Surface forms repeat (thousands of mentions, a few hundred forms on a long article):
  // each is normalised once.
  const norms = new Map();
  const norm = (text) => {
    let n = norms.get(text);
    if (n === undefined) {
      n = normalise(text);
      norms.set(text, n);
    }
    return n;
  };
  const keyOf = (m) => {
    if ((m.label === 'DATE' || m.label === 'TIME') && m.value) return `${m.label}\u0000v:${m.value}`;
    return `${m.label}\u0000${norm(m.canonical || m.text)}`;
  };
  let n = 0;
  for (const m of mentions) {
    if (++n % GROUP_SLICE === 0) yield;
    const key = keyOf(m);
    let e = byKey.get(key);
    if (!e) {
      e = { key, label: m.label, canonical: m.text, named: false, link: null, entityId: null, value: m.value || null, mentions: [], first: order.length };
      byKey.set(key, e);
      order.push(e);
    }
    e.mentions.push(m);
    if (m.canonical && !e.named) {
      // The list's name wins over any mention's text.
      e.canonical = m.canonical;
      e.named = true;
    }
    if (m.link && !e.link) e.link = m.link;
    if (m.entityId && !e.entityId) e.entityId = m.entityId;
    if (!e.named && m.text !== e.canonical && norm(m.text).length > norm(e.canonical).length) e.canonical = m.text;
  }
  // One-word mentions join a longer entity of the same label whose last word they are
  // (persons), or the entity their prefix-stripped form names (any label).
  const lastWord = new Map();
  for (const e of order) {
    const words = normalise(e.canonical).split(' ');
    if (e.label === 'PER' && words.length > 1) {
      const k = `PER\u0000${words[words.length - 1]}`;
      const prev = lastWord.get(k);
      if (!prev || prev.mentions.length < e.mentions.length) lastWord.set(k, e);
    }
  }
  const merged = new Map();
  const target = (e) => {
    while (merged.has(e)) e = merged.get(e);
    return e;
  };
  for (const e of order) {
    const norm = normalise(e.canonical);
    if (norm.includes(' ') || e.label === 'DATE' || e.label === 'TIME') continue;
    let into = lastWord.get(`${e.label}\u0000${norm}`);
    if (!into) {
      const stripped = norm.replace(PREFIX, '');
      if (stripped !== norm && stripped.length >= 2) {
        into = byKey.get(`${e.label}\u0000${stripped}`) || lastWord.get(`${e.label}\u0000${stripped}`);
      }
    }
    if (into && target(into) !== e) merged.set(e, into);
  }
  const entities = [];
  for (const e of order) {
    if (merged.has(e)) {
      const t = target(e);
      t.mentions.push(...e.mentions);
    } else {
      entities.push(e);
    }
  }
  yield;
  const byMention = new Map();
  for (const e of entities) {
    e.mentions.sort((a, b) => a.order - b.order);
    for (const m of e.mentions) byMention.set(m.id, e);
  }
  entities.sort((a, b) => b.mentions.length - a.mentions.length || a.first - b.first);
  return { entities, byMention };
}
