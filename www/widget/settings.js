// The reader's choices, remembered per site in localStorage (best effort: storage may be
// disabled, full, or throw in private modes; then settings last for the page view only).

const KEY = 'tagit:settings:v1';
const DEFAULTS = { hidden: [], open: null, minConfidence: 0 };

/** The stored settings merged over the defaults. */
export function loadSettings() {
  try {
    const raw = JSON.parse(window.localStorage.getItem(KEY) || '{}');
    return {
      hidden: Array.isArray(raw.hidden) ? raw.hidden.filter((l) => typeof l === 'string') : [],
      open: typeof raw.open === 'boolean' ? raw.open : null,
      minConfidence: Number.isFinite(raw.minConfidence) ? Math.min(1, Math.max(0, raw.minConfidence)) : 0,
    };
  } catch {
    return { ...DEFAULTS };
  }
}

/** Stores `patch` over the current settings. */
export function saveSettings(patch) {
  const next = { ...loadSettings(), ...patch };
  try {
    window.localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // Not persisted; the page view still uses the new values.
  }
  return next;
}

const DISMISSED_KEY = 'tagit:dismissed:v1';
/** Pages remembered, and dismissed names per page: old ones make room for new ones. */
const DISMISSED_PAGES = 50;
const DISMISSED_PER_PAGE = 200;

/** This page's address without its query and fragment: the same article, however linked. */
function pageKey() {
  return location.origin + location.pathname;
}

/** The mentions the reader dismissed on this page ("not X?"), as `label\0text` keys. */
export function loadDismissed() {
  try {
    const all = JSON.parse(window.localStorage.getItem(DISMISSED_KEY) || '{}');
    const list = all && typeof all === 'object' ? all[pageKey()] : null;
    return Array.isArray(list) ? list.filter((k) => typeof k === 'string') : [];
  } catch {
    return [];
  }
}

/** Remembers `keys` as this page's dismissed mentions (the newest pages and keys kept). */
export function saveDismissed(keys) {
  try {
    const raw = JSON.parse(window.localStorage.getItem(DISMISSED_KEY) || '{}');
    const all = raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {};
    delete all[pageKey()];
    all[pageKey()] = keys.slice(-DISMISSED_PER_PAGE);
    const pages = Object.keys(all);
    for (const old of pages.slice(0, Math.max(0, pages.length - DISMISSED_PAGES))) delete all[old];
    window.localStorage.setItem(DISMISSED_KEY, JSON.stringify(all));
  } catch {
    // Not persisted: hidden for this page view only.
  }
}
