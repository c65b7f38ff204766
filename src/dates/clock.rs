//! Times of day and parts of day (label `TIME`): `בשעה 14:30`, `ב-21:00`, `בשעה שמונה
//! בערב`, `בשעות הבוקר`, `בערב`, `בצהריים`, `בחצות`, `הלילה`.
//!
//! Values are TIMEX3 times without a day (`T14:30`, `TEV`); the engine prefixes the day
//! when a date stands right before the time (`אתמול בערב` → `2024-06-03TEV`). A bare
//! `HH:MM` is taken as a time unless a score is being reported nearby (`ניצחה 21:19`).

use super::names;
use super::scan::{Ctx, Head, digits};
use super::value::{self, Found};

/// A TIMEX3 part of day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartOfDay {
    /// Morning.
    Morning,
    /// Midday.
    Noon,
    /// Afternoon.
    Afternoon,
    /// Evening.
    Evening,
    /// Night.
    Night,
}

impl PartOfDay {
    /// The TIMEX3 code.
    pub fn code(self) -> &'static str {
        match self {
            PartOfDay::Morning => "MO",
            PartOfDay::Noon => "MI",
            PartOfDay::Afternoon => "AF",
            PartOfDay::Evening => "EV",
            PartOfDay::Night => "NI",
        }
    }

    /// The 24-hour hour for a 12-hour clock `hour` said in this part of the day
    /// (`שמונה בערב` = 20).
    fn adjust(self, hour: u32) -> u32 {
        match self {
            PartOfDay::Afternoon | PartOfDay::Evening if hour < 12 => hour + 12,
            PartOfDay::Night if (6..12).contains(&hour) => hour + 12,
            PartOfDay::Noon if hour < 6 => hour + 12,
            _ => hour,
        }
    }
}

/// A part-of-day noun, with or without the article.
fn part_noun(word: &str) -> Option<PartOfDay> {
    let w = word.strip_prefix('ה').unwrap_or(word);
    Some(match w {
        "בוקר" => PartOfDay::Morning,
        "צהריים" | "צהרים" => PartOfDay::Noon,
        "ערב" => PartOfDay::Evening,
        "לילה" => PartOfDay::Night,
        _ => return None,
    })
}

/// A part of day after a time (`בערב`, `בבוקר`, `אחר הצהריים`, `אחה"צ`, `לפנות בוקר`):
/// the part and the token after it.
fn part_after(ctx: &Ctx<'_, '_>, i: usize) -> Option<(PartOfDay, usize)> {
    let w = ctx.w(i);
    let w = w.strip_prefix('ו').unwrap_or(w);
    if matches!(w, "אחר" | "אחרי") && matches!(ctx.w(i + 1), "הצהריים" | "הצהרים")
    {
        return Some((PartOfDay::Afternoon, i + 2));
    }
    if w == "אחה\"צ" {
        return Some((PartOfDay::Afternoon, i + 1));
    }
    if w == "לפנות" {
        return match ctx.w(i + 1) {
            "בוקר" => Some((PartOfDay::Morning, i + 2)),
            "ערב" => Some((PartOfDay::Evening, i + 2)),
            _ => None,
        };
    }
    let stem = w.strip_prefix('ב')?;
    if stem.starts_with('ה') {
        return None;
    }
    part_noun(stem).map(|p| (p, i + 1))
}

/// `HH:MM` as hour and minute.
pub fn clock(word: &str) -> Option<(u32, u32)> {
    let (h, m) = word.split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let (h, m) = (digits(h)?, digits(m)?);
    (h <= 24 && m <= 59 && !(h == 24 && m > 0)).then_some((h, m))
}

/// A time after `בשעה`: `14:30`, `14`, `1400`, `שמונה`, `שמונה וחצי`. The hour, minute
/// and the token after it.
fn hour_after(ctx: &Ctx<'_, '_>, i: usize) -> Option<(u32, u32, usize)> {
    let w = ctx.w(i);
    if let Some((h, m)) = clock(w) {
        return Some((h, m, i + 1));
    }
    if let Some(n) = digits(w) {
        return match w.len() {
            1 | 2 if n <= 24 => Some((n, 0, i + 1)),
            // `בשעה 1400` (military style, common in police reports).
            4 if n / 100 <= 23 && n % 100 <= 59 => Some((n / 100, n % 100, i + 1)),
            _ => None,
        };
    }
    let h = names::number_word(w).filter(|h| (1..=12).contains(h))?;
    let (m, next) = match ctx.w(i + 1) {
        "וחצי" => (30, i + 2),
        "ורבע" => (15, i + 2),
        _ => (0, i + 1),
    };
    Some((h, m, next))
}

/// Formats `Thh:mm`, or `Thh:mm/Thh:mm` for a range.
fn time_value(h: u32, m: u32) -> String {
    format!("T{h:02}:{m:02}")
}

/// Words before a bare `HH:MM` that make it a time.
fn clock_cue(word: &str) -> bool {
    matches!(
        word,
        "בשעה"
            | "שעה"
            | "עד"
            | "מ"
            | "סביב"
            | "בסביבות"
            | "לקראת"
            | "החל"
            | "משעה"
            | "עד השעה"
    )
}

/// `בשעה 14:30`, `משעה 8 בבוקר`, `בשעה שמונה בערב`, `בשעה 1400`.
pub fn at_hour(ctx: &Ctx<'_, '_>, h: &Head<'_>) -> Option<Found> {
    if h.first != "שעה" || h.prefix.is_empty() {
        return None;
    }
    let (hour, minute, next) = hour_after(ctx, h.tok + 1)?;
    Some(finish_clock(ctx, hour, minute, next, 0.97))
}

/// An hour in words with its part of day, without `שעה`: `בשמונה וחצי בערב`, `בשבע
/// בבוקר`, `בשלוש אחר הצהריים`. The part of day is required: `בשלוש` alone is "in three".
pub fn word_hour(ctx: &Ctx<'_, '_>, h: &Head<'_>) -> Option<Found> {
    if !h.prefix.ends_with('ב') {
        return None;
    }
    let hour = names::number_word(h.first).filter(|n| (1..=12).contains(n))?;
    let (minute, next) = match ctx.w(h.tok + 1) {
        "וחצי" => (30, h.tok + 2),
        "ורבע" => (15, h.tok + 2),
        _ => (0, h.tok + 1),
    };
    let (part, end) = part_after(ctx, next)?;
    Some(Found::time(end, time_value(part.adjust(hour), minute), 0.9))
}

/// A time followed perhaps by a part of day or a second time (`14:00-16:00`).
fn finish_clock(ctx: &Ctx<'_, '_>, hour: u32, minute: u32, next: usize, conf: f32) -> Found {
    if let Some((part, end)) = part_after(ctx, next) {
        return Found::time(end, time_value(part.adjust(hour), minute), conf);
    }
    // A range: `14:00-16:00`, `14:00 עד 16:00`, `בין 14:00 ל-16:00`.
    let second = if ctx.is_dash(next) || ctx.w(next) == "עד" {
        Some(next + 1)
    } else if ctx.w(next) == "ל" && ctx.is_dash(next + 1) {
        Some(next + 2)
    } else {
        None
    };
    if let Some(j) = second
        && let Some((h2, m2)) = clock(ctx.w(j))
    {
        let v = value::range(&time_value(hour, minute), &time_value(h2, m2));
        return Found::time(j + 1, v, conf);
    }
    Found::time(next, time_value(hour, minute), conf)
}

/// `14:30`, `ב-21:00`, `עד 16:00`.
pub fn bare_clock(ctx: &Ctx<'_, '_>, h: &Head<'_>) -> Option<Found> {
    let (hour, minute) = clock(h.first)?;
    let before = ctx.w(h.anchor.wrapping_sub(1));
    let cued = (h.has_time_prefix() && h.prefix != "ו") || clock_cue(before);
    if ctx.near(h.tok, 3, names::is_score_cue) {
        return None;
    }
    Some(finish_clock(
        ctx,
        hour,
        minute,
        h.tok + 1,
        if cued { 0.95 } else { 0.85 },
    ))
}

/// Words after `בערב` that make it "on the eve of" (`בערב החג`) or a place (`בערב
/// הסעודית`) rather than "in the evening".
fn evening_is_not_time(next: &str) -> bool {
    // An article on a noun starting with ה (`ההתרמה`) cannot be a verb; otherwise only
    // the listed eves, since `בערב התכנס הקבינט` starts with a verb in ה.
    next.starts_with("הה")
        || matches!(
            next,
            "הסעודית"
                | "החג"
                | "החגים"
                | "הבחירות"
                | "השבת"
                | "הפסח"
                | "הסוכות"
                | "השבועות"
                | "המלחמה"
                | "הכנס"
                | "שבת"
                | "חג"
                | "יום"
                | "ראש"
                | "פסח"
                | "סוכות"
                | "שבועות"
                | "פורים"
                | "חנוכה"
        )
}

/// `בבוקר`, `בערב`, `בצהריים`, `בלילה`, `בחצות`, `אחר הצהריים`, `לפנות בוקר`, `בשעות
/// הבוקר (המוקדמות)`.
pub fn part_of_day(ctx: &Ctx<'_, '_>, h: &Head<'_>) -> Option<Found> {
    let i = h.tok;
    if h.first == "שעות" && h.prefix.ends_with('ב') {
        let w = ctx.w(i + 1);
        let (part, mut end) = if matches!(w, "אחר" | "אחרי") {
            let ok = matches!(ctx.w(i + 2), "הצהריים" | "הצהרים");
            (ok.then_some(PartOfDay::Afternoon)?, i + 3)
        } else if w == "אחה\"צ" {
            (PartOfDay::Afternoon, i + 2)
        } else {
            (
                w.strip_prefix('ה')
                    .and_then(part_noun)
                    .filter(|_| w.starts_with('ה'))?,
                i + 2,
            )
        };
        if matches!(
            ctx.w(end),
            "המוקדמות" | "המאוחרות" | "הקטנות" | "המוקדמות," | "המאוחרות,"
        ) {
            end += 1;
        }
        return Some(Found::time(end, format!("T{}", part.code()), 0.93));
    }
    if h.first == "חצות" && h.prefix.ends_with('ב') {
        return Some(match ctx.w(i + 1) {
            "היום" => Found::time(i + 2, "T12:00".into(), 0.93),
            "הלילה" => Found::time(i + 2, "T00:00".into(), 0.93),
            _ => Found::time(i + 1, "T00:00".into(), 0.9),
        });
    }
    if h.prefix.is_empty() || h.prefix == "ו" {
        // `אחר הצהריים`, `אחה"צ`, `לפנות בוקר` start the expression themselves.
        if matches!(h.first, "אחר" | "אחה\"צ" | "לפנות") {
            let (part, end) = part_after(ctx, i)?;
            return Some(Found::time(end, format!("T{}", part.code()), 0.88));
        }
        return None;
    }
    if !h.prefix.ends_with('ב') || h.first.starts_with('ה') {
        return None;
    }
    let part = part_noun(h.first)?;
    if part == PartOfDay::Evening && evening_is_not_time(ctx.w(i + 1)) {
        return None;
    }
    Some(Found::time(i + 1, format!("T{}", part.code()), 0.85))
}

/// `הבוקר`, `הערב`, `הלילה`: this morning, evening, night of the document date.
pub fn this_part(ctx: &Ctx<'_, '_>, h: &Head<'_>) -> Option<Found> {
    if !(h.prefix.is_empty() || h.prefix == "ו") || !h.first.starts_with('ה') {
        return None;
    }
    let part = part_noun(h.first)?;
    if part == PartOfDay::Noon {
        return None;
    }
    // `כל הלילה`, `באמצע הלילה`, `שעות הבוקר`: the noun, not "this night".
    let before = ctx.w(h.anchor.wrapping_sub(1));
    if matches!(
        before,
        "כל" | "באמצע"
            | "אמצע"
            | "שעות"
            | "בשעות"
            | "חצות"
            | "בחצות"
            | "במהלך"
            | "לאורך"
            | "משעות"
    ) || ctx.w(h.tok + 1).starts_with('ש')
    {
        return None;
    }
    let day = match ctx.dct {
        Some(d) => value::day(d),
        None => "XXXX-XX-XX".to_string(),
    };
    Some(Found::time(
        h.tok + 1,
        format!("{day}T{}", part.code()),
        0.85,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clocks() {
        assert_eq!(clock("14:30"), Some((14, 30)));
        assert_eq!(clock("9:05"), Some((9, 5)));
        assert_eq!(clock("91:85"), None);
        assert_eq!(clock("2:1"), None);
        assert_eq!(clock("24:30"), None);
    }

    #[test]
    fn parts_of_day_adjust_the_hour() {
        assert_eq!(PartOfDay::Evening.adjust(8), 20);
        assert_eq!(PartOfDay::Night.adjust(2), 2);
        assert_eq!(PartOfDay::Night.adjust(11), 23);
        assert_eq!(PartOfDay::Morning.adjust(8), 8);
    }
}
