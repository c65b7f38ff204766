// Reader-facing Hebrew text for a DATE/TIME value (ISO 8601 / TIMEX3, as data-tagit-value).
//
// The Rust core has `tagit::dates::tooltip` (Gregorian day + exact Hebrew-calendar date);
// until the wasm exports it (`dateTooltip(value)`), this renders the same information with
// Intl: Chromium and Firefox ship ICU's Hebrew calendar (`he-IL-u-ca-hebrew`).

const MONTHS = ['ינואר', 'פברואר', 'מרץ', 'אפריל', 'מאי', 'יוני', 'יולי', 'אוגוסט', 'ספטמבר', 'אוקטובר', 'נובמבר', 'דצמבר'];
const PARTS_OF_DAY = { MO: 'בוקר', MI: 'צהריים', AF: 'אחר הצהריים', EV: 'ערב', NI: 'לילה' };
const QUARTERS = { Q1: 'הרבעון הראשון', Q2: 'הרבעון השני', Q3: 'הרבעון השלישי', Q4: 'הרבעון הרביעי' };

function utc(y, m, d) {
  const date = new Date(Date.UTC(2000, m - 1, d));
  date.setUTCFullYear(y);
  return date;
}

const ONES = ['', 'א', 'ב', 'ג', 'ד', 'ה', 'ו', 'ז', 'ח', 'ט'];
const TENS = ['', 'י', 'כ', 'ל', 'מ', 'נ', 'ס', 'ע', 'פ', 'צ'];
const HUNDREDS = ['', 'ק', 'ר', 'ש', 'ת', 'תק', 'תר', 'תש', 'תת', 'תתק'];

/** 22 -> כ״ב, 15 -> ט״ו, 5784 -> תשפ״ד (thousands dropped, as Hebrew dates are written). */
export function gematria(n) {
  n %= 1000;
  let s = HUNDREDS[Math.floor(n / 100)];
  const rest = n % 100;
  if (rest === 15) s += 'טו';
  else if (rest === 16) s += 'טז';
  else s += TENS[Math.floor(rest / 10)] + ONES[rest % 10];
  return s.length === 1 ? `${s}׳` : `${s.slice(0, -1)}״${s.slice(-1)}`;
}

/** ICU's Hebrew-calendar parts with Hebrew numerals for the day and the year. */
function hebrewNumerals(parts) {
  return parts
    .map((p) => (p.type === 'day' || p.type === 'year') && /^\d+$/.test(p.value) ? gematria(Number(p.value)) : p.value)
    .join('');
}

let gregorian = null;
let hebrew = null;
/** "יום שלישי, 11 במרץ 2025" and "י״א באדר תשפ״ה" for a civil day. */
export function describeDay(y, m, d) {
  const date = utc(y, m, d);
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  try {
    gregorian ||= new Intl.DateTimeFormat('he-IL', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    hebrew ||= new Intl.DateTimeFormat('he-IL-u-ca-hebrew', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    const h = hebrew.resolvedOptions().calendar === 'hebrew' ? hebrewNumerals(hebrew.formatToParts(date)) : '';
    return { day: gregorian.format(date), hebrew: h };
  } catch {
    return { day: `${d} ב${MONTHS[m - 1]} ${y}`, hebrew: '' };
  }
}

/**
 * The lines a tooltip shows for `value`: {day, hebrew?} or {day} for periods, or null when
 * the value says nothing a reader could use (then the tooltip shows only the mention).
 */
export function describeDateValue(value) {
  const v = String(value || '').trim();
  if (!v) return null;
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})|T(MO|MI|AF|EV|NI))?/.exec(v);
  if (m) {
    const out = describeDay(Number(m[1]), Number(m[2]), Number(m[3]));
    if (!out) return null;
    if (m[4]) out.day += `, בשעה ${m[4]}:${m[5]}`;
    else if (m[6]) out.day += `, ${PARTS_OF_DAY[m[6]]}`;
    return out;
  }
  if ((m = /^XXXX-(\d{2})-(\d{2})$/.exec(v))) return { day: `${Number(m[2])} ב${MONTHS[Number(m[1]) - 1]} (שנה לא ידועה)` };
  if ((m = /^(\d{4})-(\d{2})$/.exec(v))) return { day: `חודש ${MONTHS[Number(m[2]) - 1]} ${m[1]}` };
  if ((m = /^(\d{4})-W(\d{2})$/.exec(v))) return { day: `שבוע ${Number(m[2])} של ${m[1]}` };
  if ((m = /^(\d{4})-(Q[1-4])$/.exec(v))) return { day: `${QUARTERS[m[2]]} של ${m[1]}` };
  if ((m = /^(\d{4})$/.exec(v))) return { day: `השנה ${m[1]}` };
  if ((m = /^(\d{3})X$/.exec(v))) return { day: `העשור של ${m[1]}0` };
  if ((m = /^(\d{2})XX$/.exec(v))) return { day: `המאה ה-${Number(m[1]) + 1}` };
  if ((m = /^(\d{4}(?:-\d{2}(?:-\d{2})?)?)\/(\d{4}(?:-\d{2}(?:-\d{2})?)?)$/.exec(v))) return { day: `מ-${m[1]} עד ${m[2]}` };
  if ((m = /^T(\d{2}):(\d{2})$/.exec(v))) return { day: `השעה ${m[1]}:${m[2]}` };
  if ((m = /^P(\d+)([DWMY])$/.exec(v))) {
    const unit = { D: 'ימים', W: 'שבועות', M: 'חודשים', Y: 'שנים' }[m[2]];
    return { day: `משך: ${m[1]} ${unit}` };
  }
  return { day: v };
}
