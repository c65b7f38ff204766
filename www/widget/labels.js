// Hebrew names of the labels and small Hebrew formatting helpers shared by the widget.

/** Every label, in the order the panel lists them. */
export const LABELS = ['PER', 'ORG', 'GPE', 'LOC', 'FAC', 'EVE', 'WOA', 'DUC', 'ANG', 'DATE', 'TIME'];

/** The reader-facing Hebrew name of each label. */
export const LABEL_NAMES = {
  PER: 'אדם',
  ORG: 'ארגון',
  GPE: 'מדינה/עיר',
  LOC: 'מקום',
  FAC: 'מבנה',
  EVE: 'אירוע',
  WOA: 'יצירה',
  DUC: 'מוצר',
  ANG: 'שפה',
  DATE: 'תאריך',
  TIME: 'שעה',
};

const numbers = new Intl.NumberFormat('he-IL');

/** "מוזכר פעם אחת" / "מוזכר פעמיים" / "מוזכר 5 פעמים בכתבה". */
export function mentionsText(n) {
  if (n === 1) return 'מוזכר פעם אחת בכתבה';
  if (n === 2) return 'מוזכר פעמיים בכתבה';
  return `מוזכר ${numbers.format(n)} פעמים בכתבה`;
}

/** A number in Hebrew locale digits grouping. */
export function formatNumber(n) {
  return numbers.format(n);
}
