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
