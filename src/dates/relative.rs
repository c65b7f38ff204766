//! Expressions whose value depends on the document date, and periods: `היום`, `אתמול`,
//! `בשבוע שעבר`, `לפני שלושה ימים`, `בעוד חודשיים`, `ביום שלישי`, `בסוף השבוע`,
//! `בתחילת מרץ`, `ברבעון הראשון של 2026`, `בשנות ה-90`, `המאה ה-20`, and durations
//! (`שישה ימים` → `P6D`).
//!
//! Without a document date the unknown parts stay `X` (`XXXX-XX-XX`, `XXXX-WXX-2`), so the
//! span is still found and the consumer can tell the value is unresolved.

use super::CivilDate;
use super::absolute::{self, year_after};
use super::gregorian::{add_days, add_months, weekday};
use super::names::{self, Unit};
use super::scan::{Anchor, Ctx, Direction, Head, digits};
use super::value::{self, Found};

/// The value of a day `offset` days from the document date.
fn day_from(dct: Option<CivilDate>, offset: i64) -> String {
    dct.map_or_else(|| "XXXX-XX-XX".into(), |d| value::day(add_days(d, offset)))
}

/// The value of the week `weeks` weeks from the document date's week.
fn week_from(dct: Option<CivilDate>, weeks: i64) -> String {
    dct.map_or_else(
        || "XXXX-WXX".into(),
        |d| value::week_of(add_days(d, 7 * weeks)),
    )
}

/// The value of the month `months` months from the document date's month.
fn month_from(dct: Option<CivilDate>, months: i32) -> String {
    dct.map_or_else(
        || "XXXX-XX".into(),
        |d| {
            let (y, m) = add_months(d.year, d.month, months);
            value::month(y, m)
        },
    )
}

/// The value of the year `years` years from the document date's year.
fn year_from(dct: Option<CivilDate>, years: i32) -> String {
    dct.map_or_else(|| "XXXX".into(), |d| format!("{:04}", d.year + years))
}

/// `היום`, `אתמול`, `שלשום`, `מחר`, `מחרתיים`, `אמש`, `אשתקד`, `השבוע`, `החודש`, `השנה`
/// (and `השנה שעברה`, `השבוע הבא` …).
pub fn deictic(ctx: &Ctx<'_, '_>, h: &Head<'_>) -> Option<Found> {
    let dct = ctx.dct;
    // Read only for the words that need it, so other heads are rejected on their word alone.
    let next = || ctx.w(h.tok + 1);
    let end = h.tok + 1;
    Some(match h.first {
        "היום" => {
            // `היום השלישי` is "the third day", not today; `סדר היום` is the agenda.
            if names::ordinal_word(next().strip_prefix('ה').unwrap_or("")).is_some()
                || ctx.any_stem(h.anchor.wrapping_sub(1), |s| matches!(s, "סדר" | "בוא"))
            {
                return None;
            }
            Found::date(end, day_from(dct, 0), 0.9)
        }
        "אתמול" => Found::date(end, day_from(dct, -1), 0.95),
        "שלשום" => Found::date(end, day_from(dct, -2), 0.95),
        "מחר" => Found::date(end, day_from(dct, 1), 0.95),
        "מחרתיים" => Found::date(end, day_from(dct, 2), 0.95),
        "אמש" => Found::time(end, format!("{}TEV", day_from(dct, -1)), 0.93),
        "אשתקד" => Found::date(end, year_from(dct, -1), 0.93),
        "השבוע" | "החודש" | "השנה" => {
            let next = next();
            let shift: i32 = match next {
                "שעבר" | "שעברה" => -1,
                "הבא" | "הבאה" => 1,
                // `החודש הגשום ביותר`: the noun with an adjective, not "this month".
                _ if next.starts_with('ה') => return None,
                _ => 0,
            };
            let end = if shift != 0 { end + 1 } else { end };
            let v = match h.first {
                "השבוע" => week_from(dct, i64::from(shift)),
                "החודש" => month_from(dct, shift),
                _ => year_from(dct, shift),
            };
            Found::date(end, v, 0.88)
        }
        _ => return None,
    })
}

/// Anaphora: `למחרת`, `יום קודם לכן`, `באותו יום`, `באותו ערב`, `באותו שבוע`, `באותו
/// חודש`, `באותה שנה`, `כעבור שבוע`, `שלושה ימים לאחר מכן`, `חודשיים קודם לכן`: a time
/// relative to the last day the paragraph mentioned ([`Ctx::last_day`]), or to its stated
/// anchor, not to the document date (which is the fallback when the text gave neither).
pub fn anaphora(ctx: &Ctx<'_, '_>, h: &Head<'_>) -> Option<Found> {
    let anchor_day = || match ctx.anchor() {
        Some(Anchor::Day(d)) => Some(d),
        _ => None,
    };
    let day = || ctx.last_day().or_else(anchor_day).or(ctx.dct);
    let shifted =
        |days: i64| day().map_or_else(|| "XXXX-XX-XX".into(), |d| value::day(add_days(d, days)));
    let after = |k: usize| -> Option<(i64, usize)> {
        match (ctx.w(k), ctx.w(k + 1)) {
            ("לאחר" | "אחרי", "מכן" | "כן") | ("אחר", "כך") => Some((1, k + 2)),
            ("מאוחר", "יותר") => Some((1, k + 2)),
            ("קודם" | "לפני", "לכן" | "כן") => Some((-1, k + 2)),
            ("מוקדם", "יותר") => Some((-1, k + 2)),
            _ => None,
        }
    };
    let relative = |count10: u32, unit: Unit, sign: i64, end: usize| -> Option<Found> {
        let n = i64::from(count10 / 10) * sign;
        if !count10.is_multiple_of(10) {
            return None;
        }
        let v = match unit {
            Unit::Day => shifted(n),
            // A week later is a week, as `לפני שבועיים` is (`2023-W13`).
            Unit::Week => {
                day().map_or_else(|| "XXXX-WXX".into(), |d| value::week_of(add_days(d, 7 * n)))
            }
            Unit::Month | Unit::Year => {
                let months = if unit == Unit::Month { n } else { 12 * n } as i32;
                let base = day().map(|d| add_months(d.year, d.month, months));
                match (base, unit) {
                    (Some((y, m)), Unit::Month) => value::month(y, m),
                    (Some((y, _)), _) => format!("{y:04}"),
                    (None, Unit::Month) => "XXXX-XX".into(),
                    (None, _) => "XXXX".into(),
                }
            }
            _ => return None,
        };
        Some(Found::date(end, v, 0.88))
    };
    match h.first {
        "למחרת" => Some(Found::date(h.tok + 1, shifted(1), 0.92)),
        "מחרת" if h.prefix.ends_with('ל') => Some(Found::date(h.tok + 1, shifted(1), 0.92)),
        "אותו" | "אותה" if h.prefix.ends_with('ב') => {
            let next = ctx.w(h.tok + 1);
            let end = h.tok + 2;
            let part = |code: &str| Found::time(end, format!("{}{code}", shifted(0)), 0.88);
            Some(match (h.first, next) {
                ("אותו", "יום") => Found::date(end, shifted(0), 0.9),
                ("אותו", "ערב") => part("TEV"),
                ("אותו", "לילה") => part("TNI"),
                ("אותו", "בוקר") => part("TMO"),
                ("אותו", "שבוע") => Found::date(
                    end,
                    day().map_or_else(|| "XXXX-WXX".into(), value::week_of),
                    0.88,
                ),
                ("אותו", "חודש") => {
                    let ym = match ctx.anchor() {
                        Some(Anchor::Month(y, m)) => Some((y, m)),
                        _ => day().map(|d| (d.year, d.month)),
                    };
                    Found::date(
                        end,
                        ym.map_or_else(|| "XXXX-XX".into(), |(y, m)| value::month(y, m)),
                        0.88,
                    )
                }
                ("אותה", "שנה") => {
                    let y = ctx
                        .anchor()
                        .map(Anchor::year)
                        .or_else(|| day().map(|d| d.year));
                    Found::date(
                        end,
                        y.map_or_else(|| "XXXX".into(), |y| format!("{y:04}")),
                        0.88,
                    )
                }
                _ => return None,
            })
        }
        "יום" | "שבוע" | "חודש" | "שנה" => {
            let (sign, end) = after(h.tok + 1)?;
            let unit = match h.first {
                "יום" => Unit::Day,
                "שבוע" => Unit::Week,
                "חודש" => Unit::Month,
                _ => Unit::Year,
            };
            relative(10, unit, sign, end)
        }
        "כעבור" => {
            let (count, unit, end) = quantity(ctx, h.tok + 1, ctx.w(h.tok + 1), true)?;
            relative(count, unit, 1, end)
        }
        _ => {
            let (count, unit, k) = quantity(ctx, h.tok, h.first, false)?;
            let (sign, end) = after(k)?;
            relative(count, unit, sign, end)
        }
    }
}

/// `בשבוע שעבר`, `בחודש הבא`, `בשנה שעברה`, `בשבוע הקרוב`.
pub fn last_next(ctx: &Ctx<'_, '_>, h: &Head<'_>) -> Option<Found> {
    if h.prefix.is_empty() || !matches!(h.first, "שבוע" | "חודש" | "שנה") {
        return None;
    }
    let shift = match ctx.w(h.tok + 1) {
        "שעבר" | "שעברה" | "הקודם" | "הקודמת" => -1,
        "הבא" | "הבאה" | "הקרוב" | "הקרובה" => 1,
        _ => return None,
    };
    let dct = ctx.dct;
    let v = match h.first {
        "שבוע" => week_from(dct, shift),
        "חודש" => month_from(dct, shift as i32),
        _ => year_from(dct, shift as i32),
    };
    Some(Found::date(h.tok + 2, v, 0.93))
}

/// A quantity with its unit at `j`: `שלושה ימים`, `3 שנים`, `יומיים`, `שנה` (one),
/// `כשנה`, `כ-3 שנים`, `שבועיים וחצי`, `חצי שנה`. Count in tenths, unit, next token.
fn quantity(
    ctx: &Ctx<'_, '_>,
    j: usize,
    first: &str,
    allow_single: bool,
) -> Option<(u32, Unit, usize)> {
    let w = first;
    // Approximation: `כשנה`, `כחודשיים`, `כשלושה`, `כ-3`.
    if let Some(rest) = w.strip_prefix('כ').filter(|r| !r.is_empty())
        && let Some(q) = quantity(ctx, j, rest, allow_single)
    {
        return Some(q);
    }
    if w == "כ" && ctx.is_dash(j + 1) && ctx.joined(j + 1) {
        return quantity(ctx, j + 2, ctx.w(j + 2), allow_single);
    }
    let half = |unit: Unit, n10: u32, next: usize| -> (u32, Unit, usize) {
        if ctx.w(next) == "וחצי" {
            (n10 + 5, unit, next + 1)
        } else {
            (n10, unit, next)
        }
    };
    if let Some((unit, count)) = names::unit_word(w) {
        let is_single = matches!(
            w,
            "שנה" | "שבוע" | "חודש" | "יום" | "שעה" | "דקה" | "עשור" | "יממה"
        );
        return match count {
            Some(n) => Some(half(unit, n * 10, j + 1)),
            None if is_single && allow_single => Some(half(unit, 10, j + 1)),
            None => None,
        };
    }
    if matches!(w, "חצי" | "רבע") {
        // Singular only: `חצי שנה`, `רבע שעה` (`חצי השנים` is not a duration).
        let unit_w = ctx.w(j + 1);
        let singular = matches!(unit_w, "שנה" | "שעה" | "יום" | "חודש" | "שבוע" | "דקה");
        let (unit, _) = names::unit_word(unit_w).filter(|_| singular)?;
        let n10 = if w == "חצי" { 5 } else { 2 };
        // A quarter of an hour is 15 minutes; other quarters are not idiomatic.
        return match (w, unit) {
            ("רבע", Unit::Hour) => Some((150, Unit::Minute, j + 2)),
            ("חצי", Unit::Year) => Some((60, Unit::Month, j + 2)),
            ("חצי", Unit::Hour) => Some((300, Unit::Minute, j + 2)),
            ("חצי", _) => Some((n10, unit, j + 2)),
            _ => None,
        };
    }
    let n = if w.len() <= 3 { digits(w) } else { None }.or_else(|| names::number_word(w))?;
    if n == 0 {
        return None;
    }
    // `עשרים וארבע שעות`: tens and units joined by ו.
    let (n, j) = match ctx.w(j + 1).strip_prefix('ו').and_then(names::number_word) {
        Some(units) if n % 10 == 0 && n >= 20 && units < 10 => (n + units, j + 1),
        _ => (n, j),
    };
    let (unit, count) = names::unit_word(ctx.w(j + 1))?;
    if count.is_some() {
        return None;
    }
    Some(half(unit, n * 10, j + 2))
}

/// `לפני שלושה ימים`, `לפני שנה`, `בעוד חודשיים`, `לפני כשבוע`, `לפני שנה וחצי`.
pub fn offset(ctx: &Ctx<'_, '_>, h: &Head<'_>) -> Option<Found> {
    let sign: i64 = match h.first {
        "לפני" => -1,
        "בעוד" => 1,
        "עוד" if h.prefix.ends_with('ב') => 1,
        _ => return None,
    };
    let j = h.tok + 1;
    let (n10, unit, end) = quantity(ctx, j, ctx.w(j), true)?;
    let dct = ctx.dct;
    let v = match unit {
        Unit::Day => day_from(dct, sign * i64::from((n10 + 5) / 10)),
        Unit::Week => {
            if n10 % 10 == 0 {
                week_from(dct, sign * i64::from(n10 / 10))
            } else {
                day_from(dct, sign * i64::from(n10 * 7 / 10))
            }
        }
        Unit::Month => month_from(dct, (sign as i32) * (n10 as i32 + 5) / 10),
        Unit::Year => {
            if n10 % 10 == 0 {
                year_from(dct, (sign as i32) * (n10 as i32) / 10)
            } else {
                month_from(dct, (sign as i32) * (n10 as i32) * 12 / 10)
            }
        }
        Unit::Decade => year_from(dct, (sign as i32) * (n10 as i32)),
        Unit::Hour | Unit::Minute => return None,
    };
    Some(Found::date(end, v, 0.9))
}

/// `שישה ימים`, `שבועיים וחצי`, `3 שנים`, `24 שעות`, `חצי שנה`: an ISO 8601 duration.
pub fn duration(ctx: &Ctx<'_, '_>, h: &Head<'_>) -> Option<Found> {
    // With the article the number is an ordinal (`הפיגוע השני השבוע`).
    if !(h.prefix.is_empty() || matches!(h.prefix, "ו" | "ב" | "ל")) {
        return None;
    }
    let (n10, unit, end) = quantity(ctx, h.tok, h.first, false)?;
    // `שלושת הימים` (construct + article) is fine; a bare plural unit is not a duration.
    let v = value::duration(n10, unit);
    Some(if unit.is_clock() {
        Found::time(end, v, 0.8)
    } else {
        Found::date(end, v, 0.8)
    })
}

/// `ביום שלישי`, `יום ה'`, `ביום ראשון הקרוב`, `בשבת`, `ביום שלישי, 14 בנובמבר 2023`.
pub fn weekday_expr(ctx: &Ctx<'_, '_>, h: &Head<'_>) -> Option<Found> {
    let (wd, mut i) = if h.first == "יום" {
        let wd = names::weekday_ordinal(ctx.w(h.tok + 1))?;
        // `ביום ג' באדר`: the letter is the day of a Hebrew month, not a weekday.
        if ctx
            .lookup(h.tok + 2, &["ב", "ל"], names::hebrew_month)
            .is_some()
        {
            return None;
        }
        (wd, h.tok + 2)
    } else if h.first == "שבת" && h.prefix.ends_with('ב') {
        (6, h.tok + 1)
    } else {
        return None;
    };
    // A full date after the weekday fixes the day: `ביום שלישי, 14 בנובמבר 2023`.
    let after = if ctx.w(i) == "," { i + 1 } else { i };
    if after < ctx.len() {
        let head = Head {
            anchor: after,
            tok: after,
            first: ctx.w(after),
            prefix: "",
            start: 0,
        };
        // After a weekday a short `7.10` is a date as surely as after `ב-`.
        let cued = Head {
            prefix: "ב",
            ..head
        };
        let full = absolute::day_month(ctx, &head)
            .or_else(|| absolute::numeric(ctx, &cued))
            .or_else(|| super::hebrew::day_month(ctx, &head));
        if let Some(f) = full {
            return Some(Found::date(f.end, f.value, 0.97));
        }
    }
    // `ביום ראשון שלפני כן` / `שלאחר מכן`: from the day the paragraph last named.
    if let Some(day) = ctx.last_day()
        && let Some(sign) = match (ctx.w(i), ctx.w(i + 1)) {
            ("שלפני", "כן") => Some(-1i64),
            ("שלאחר" | "שאחרי", "מכן" | "כן") => Some(1),
            _ => None,
        }
    {
        let d = i64::from(weekday(day));
        let off = if sign < 0 {
            -((d - i64::from(wd) - 1).rem_euclid(7) + 1)
        } else {
            (i64::from(wd) - d - 1).rem_euclid(7) + 1
        };
        return Some(Found::date(i + 2, value::day(add_days(day, off)), 0.9));
    }
    let dir = match ctx.w(i) {
        "הקרוב" | "הבא" => Some(1),
        "שעבר" | "האחרון" | "הקודם" => Some(-1),
        "זה" | "הזה" => Some(0),
        _ => None,
    };
    if dir.is_some() {
        i += 1;
    }
    // A week named just before: `בשבוע הבא, ביום רביעי` is that week's Wednesday.
    if dir.is_none()
        && let Some(dct) = ctx.dct
        && let Some(weeks) = week_before(ctx, h.anchor)
    {
        let sunday = add_days(dct, -i64::from(weekday(dct)));
        let day = add_days(sunday, 7 * weeks + i64::from(wd));
        return Some(Found::date(i, value::day(day), 0.9));
    }
    // After a day the paragraph stated, a weekday is the first such day from it (a story
    // moves forward: `ב-14 במאי 1948 … ביום ראשון` is the 16th).
    if dir.is_none()
        && let Some(Anchor::Day(a)) = ctx.governing_anchor(h.tok)
    {
        let ahead = (i64::from(wd) - i64::from(weekday(a))).rem_euclid(7);
        return Some(Found::date(i, value::day(add_days(a, ahead)), 0.88));
    }
    let v = match ctx.dct {
        None => format!("XXXX-WXX-{}", if wd == 0 { 7 } else { wd }),
        Some(dct) => {
            let today = i64::from(weekday(dct));
            let target = i64::from(wd);
            let back = (today - target).rem_euclid(7);
            let ahead = (target - today).rem_euclid(7);
            let offset = match dir {
                Some(1) => {
                    if ahead == 0 {
                        7
                    } else {
                        ahead
                    }
                }
                Some(-1) => -(if back == 0 { 7 } else { back }),
                Some(_) => ahead,
                None => match ctx.tense(h.tok) {
                    Direction::Future if ahead == 0 => 7,
                    Direction::Future => ahead,
                    Direction::Past => -back,
                    // No cue: the nearer one (today, or the earlier on a tie).
                    Direction::Nearest if ahead < back => ahead,
                    Direction::Nearest => -back,
                },
            };
            value::day(add_days(dct, offset))
        }
    };
    Some(Found::date(i, v, 0.9))
}

/// The week named within the six words before token `i` (`בשבוע הבא` → 1, `בשבוע שעבר` →
/// -1, `השבוע` → 0), if any.
fn week_before(ctx: &Ctx<'_, '_>, i: usize) -> Option<i64> {
    (i.saturating_sub(6)..i).rev().find_map(|j| {
        let (stem, _) = ctx.stems(j).find(|(s, _)| matches!(*s, "שבוע" | "השבוע"))?;
        Some(match ctx.w(j + 1) {
            "הבא" | "הקרוב" => 1,
            "שעבר" | "הקודם" => -1,
            _ if stem == "השבוע" => 0,
            _ => return None,
        })
    })
}

/// `מוצאי שבת`, `במוצ"ש`: Saturday night.
pub fn saturday_night(ctx: &Ctx<'_, '_>, h: &Head<'_>) -> Option<Found> {
    let end = match h.first {
        "מוצאי" if ctx.w(h.tok + 1) == "שבת" => h.tok + 2,
        "מוצ\"ש" => h.tok + 1,
        _ => return None,
    };
    let v = match ctx.dct {
        None => "XXXX-WXX-6TNI".to_string(),
        Some(dct) => {
            let back = (i64::from(weekday(dct)) - 6).rem_euclid(7);
            let fwd = ctx.future_near(h.tok);
            let off = if fwd {
                (6 - i64::from(weekday(dct))).rem_euclid(7)
            } else {
                -back
            };
            format!("{}TNI", value::day(add_days(dct, off)))
        }
    };
    Some(Found::time(end, v, 0.9))
}

/// The weekend value (`2024-W23-WE`) of the Israeli week `weeks` from the document date.
fn weekend_from(dct: Option<CivilDate>, weeks: i64) -> String {
    format!("{}-WE", week_from(dct, weeks))
}

/// `החודש` or `השנה` (`what`) after a boundary word, in a paragraph that stated a time: the
/// month or year under discussion (`בינואר 1991 … עד סוף החודש`; after `בשנת 2005 … ב-15
/// באוגוסט`, the month of the last day named in that year), or `None` (then: now's).
fn discussed(ctx: &Ctx<'_, '_>, j: usize, what: &str) -> Option<String> {
    match (what, ctx.governing_anchor(j)?) {
        ("השנה", a) => Some(format!("{:04}", a.year())),
        (_, Anchor::Month(y, m)) => Some(value::month(y, m)),
        (_, Anchor::Day(d)) => Some(value::month(d.year, d.month)),
        (_, Anchor::Year(y)) => ctx
            .last_day()
            .filter(|d| d.year == y)
            .map(|d| value::month(d.year, d.month)),
    }
}

/// What follows `תחילת`/`סוף`/`אמצע`: a month, a year, `השנה`, `השבוע`, a decade … The
/// value and the token after it.
fn period_at(ctx: &Ctx<'_, '_>, j: usize, is_end: bool) -> Option<(String, usize)> {
    let w = ctx.w(j);
    let dct = ctx.dct;
    let shift = |k: usize| -> i32 {
        match ctx.w(k) {
            "שעבר" | "שעברה" => -1,
            "הבא" | "הבאה" | "הקרוב" | "הקרובה" => 1,
            _ => 0,
        }
    };
    let with_shift = |k: usize| if shift(k) != 0 { k + 1 } else { k };
    match w {
        "השבוע" if is_end => {
            return Some((weekend_from(dct, shift(j + 1).into()), with_shift(j + 1)));
        }
        "השבוע" => return Some((week_from(dct, shift(j + 1).into()), with_shift(j + 1))),
        // `בסוף אותו שבוע`, `בסוף אותו חודש`: of the day the paragraph last named.
        "אותו" if matches!(ctx.w(j + 1), "שבוע" | "חודש") => {
            let day = ctx.last_day().or(dct)?;
            let v = if ctx.w(j + 1) == "חודש" {
                value::month(day.year, day.month)
            } else if is_end {
                format!("{}-WE", value::week_of(day))
            } else {
                value::week_of(day)
            };
            return Some((v, j + 2));
        }
        // `סוף החודש` after `בינואר 1991`: the month under discussion.
        "החודש" | "השנה"
            if shift(j + 1) == 0
                && let Some(v) = discussed(ctx, j, w) =>
        {
            return Some((v, j + 1));
        }
        "החודש" => return Some((month_from(dct, shift(j + 1)), with_shift(j + 1))),
        "השנה" => return Some((year_from(dct, shift(j + 1)), with_shift(j + 1))),
        "העשור" => {
            let v = dct.map_or_else(|| "XXX".into(), |d| format!("{:03}", d.year / 10));
            return Some((format!("{v}X"), j + 1));
        }
        _ => {}
    }
    if let Some((m, k)) = absolute::month_at(ctx, j, &[]) {
        if let Some((y, next)) = year_after(ctx, k) {
            return Some((value::month(y, m), next));
        }
        let v = dct.map_or_else(|| format!("XXXX-{m:02}"), |d| value::month(d.year, m));
        return Some((v, k));
    }
    if let Some((y, next)) = year_after(ctx, j) {
        return Some((format!("{y:04}"), next));
    }
    let head = Head {
        anchor: j,
        tok: j,
        first: w,
        prefix: "",
        start: 0,
    };
    absolute::year(ctx, &head)
        .or_else(|| decade(ctx, &head))
        .or_else(|| century(ctx, &head))
        .map(|f| (f.value, f.end))
}

/// `בתחילת מרץ`, `בסוף השנה`, `באמצע 2024`, `בסוף השבוע`, `בשלהי שנות ה-90`.
pub fn boundary(ctx: &Ctx<'_, '_>, h: &Head<'_>) -> Option<Found> {
    if h.first == "סופ\"ש" {
        let shift = match ctx.w(h.tok + 1) {
            "שעבר" | "האחרון" => -1,
            "הבא" => 1,
            _ => 0,
        };
        let end = if shift != 0 { h.tok + 2 } else { h.tok + 1 };
        return Some(Found::date(end, weekend_from(ctx.dct, shift), 0.9));
    }
    // `השעה הראשית`: with the article the word is an adjective, not "the start of".
    if h.prefix.ends_with('ה') && h.prefix != "מה" {
        return None;
    }
    let is_end = match h.first {
        "סוף" | "שלהי" => true,
        "תחילת" | "ראשית" | "אמצע" => false,
        _ => return None,
    };
    let (v, end) = period_at(ctx, h.tok + 1, is_end)?;
    Some(Found::date(end, v, 0.9))
}

/// `ברבעון הראשון של 2026`, `ברבעון השלישי של השנה`, `במחצית הראשונה של 2024`,
/// `Q1 2026`.
pub fn quarter(ctx: &Ctx<'_, '_>, h: &Head<'_>) -> Option<Found> {
    let (code, n, mut j) = match h.first {
        "רבעון" | "רבע" => {
            let n = names::ordinal_word(ctx.w(h.tok + 1).strip_prefix('ה')?)?;
            ((1..=4).contains(&n).then_some('Q')?, n, h.tok + 2)
        }
        "מחצית" => {
            let n = names::ordinal_word(ctx.w(h.tok + 1).strip_prefix('ה')?)?;
            ((1..=2).contains(&n).then_some('H')?, n, h.tok + 2)
        }
        w if w.len() == 2 && (w.starts_with('Q') || w.starts_with('H')) => {
            let n = digits(&w[1..])?;
            let c = w.as_bytes()[0] as char;
            let max = if c == 'Q' { 4 } else { 2 };
            let y = year_after(ctx, h.tok + 1)?;
            return ((1..=max).contains(&n))
                .then(|| Found::date(y.1, format!("{:04}-{c}{n}", y.0), 0.95));
        }
        _ => return None,
    };
    if ctx.w(j) == "של" {
        j += 1;
    }
    let year_word = if ctx.w(j) == "שנת" { j + 1 } else { j };
    if let Some((y, end)) = year_after(ctx, year_word) {
        return Some(Found::date(end, format!("{y:04}-{code}{n}"), 0.95));
    }
    let (y, end) = match ctx.w(j) {
        "השנה" | "הנוכחי" | "הנוכחית" => (year_from(ctx.dct, 0), j + 1),
        "שעבר" | "שעברה" => (year_from(ctx.dct, -1), j + 1),
        _ if h.prefix.is_empty() => return None,
        // After `ב-2023`: that year's quarter.
        _ => match ctx.governing_anchor(h.tok) {
            Some(a) => (format!("{:04}", a.year()), h.tok + 2),
            None => (year_from(ctx.dct, 0), h.tok + 2),
        },
    };
    Some(Found::date(end, format!("{y}-{code}{n}"), 0.85))
}

/// `קיץ 2024`, `בחורף הקרוב`, `בסתיו האחרון`.
pub fn season(ctx: &Ctx<'_, '_>, h: &Head<'_>) -> Option<Found> {
    let code = match h.first {
        "קיץ" => "SU",
        "חורף" => "WI",
        "אביב" => "SP",
        "סתיו" => "FA",
        _ => return None,
    };
    if let Some((y, end)) = year_after(ctx, h.tok + 1) {
        return Some(Found::date(end, season_range(Some(y), code), 0.93));
    }
    if h.prefix.is_empty() {
        return None;
    }
    let (shift, end) = match ctx.w(h.tok + 1) {
        "הקרוב" | "הבא" => (1, h.tok + 2),
        "האחרון" | "שעבר" => (-1, h.tok + 2),
        "הזה" | "השנה" => (0, h.tok + 2),
        // `בקיץ` after `ב-2008`: that year's summer; `הקיץ` in an article, this one.
        _ => match ctx.anchor() {
            Some(a) => {
                return Some(Found::date(
                    h.tok + 1,
                    season_range(Some(a.year()), code),
                    0.88,
                ));
            }
            None if h.prefix.ends_with('ה') => (0, h.tok + 1),
            None => return None,
        },
    };
    // A season is named by the year it starts in: "last winter" seen from June 2024 is
    // the winter that began in December 2023.
    let y = ctx.dct.map(|d| {
        let start = match code {
            "SP" => 3,
            "SU" => 6,
            "FA" => 9,
            _ => 12,
        };
        match (shift, code) {
            (1, _) if d.month < start => d.year,
            (1, _) => d.year + 1,
            (-1, "WI") => d.year - 1,
            (-1, _) if d.month >= start + 3 => d.year,
            (-1, _) => d.year - 1,
            (_, "WI") if d.month < 3 => d.year - 1,
            _ => d.year,
        }
    });
    Some(Found::date(end, season_range(y, code), 0.88))
}

/// A season as the range of its months (meteorological seasons: spring March to May,
/// summer June to August, autumn September to November, winter December to February,
/// named by the year it starts in): `2024-06/2024-08`, `2024-12/2025-02`.
fn season_range(year: Option<i32>, code: &str) -> String {
    let (from, to) = match code {
        "SP" => (3, 5),
        "SU" => (6, 8),
        "FA" => (9, 11),
        _ => (12, 2),
    };
    match year {
        Some(y) => {
            let y2 = if to < from { y + 1 } else { y };
            value::range(&value::month(y, from), &value::month(y2, to))
        }
        None => format!("XXXX-{from:02}/XXXX-{to:02}"),
    }
}

/// `שנות ה-90`, `שנות התשעים`, `שנות ה-2000`, `בשנות ה80`: a decade, `199X`.
pub fn decade(ctx: &Ctx<'_, '_>, h: &Head<'_>) -> Option<Found> {
    if h.first != "שנות" {
        return None;
    }
    let j = h.tok + 1;
    let w = ctx.w(j);
    // `ה-90`, `ה90`, and the spaced `ה - 90` / `ה 80` of pre-tokenised text.
    let (n, mut end) = if w == "ה" && ctx.is_dash(j + 1) {
        (digits(ctx.w(j + 2))?, j + 3)
    } else if w == "ה" && ctx.is_number(j + 1) {
        (digits(ctx.w(j + 1))?, j + 2)
    } else {
        (names::decade_word(w.strip_prefix('ה')?)?, j + 1)
    };
    let decade = match n {
        10..=90 if n % 10 == 0 => 190 + n / 10,
        1800..=2090 if n % 10 == 0 => n / 10,
        _ => return None,
    };
    if matches!(ctx.w(end), "המוקדמות" | "המאוחרות") {
        end += 1;
    }
    // `בסוף שנות הארבעים לחייו` is an age, not a decade.
    if ctx.w(end).starts_with("לחיי") {
        return None;
    }
    Some(Found::date(end, format!("{decade:03}X"), 0.93))
}

/// `המאה ה-20`, `במאה ה-19`, `המאה העשרים`, `המאה ה-21`: a century, `19XX`.
pub fn century(ctx: &Ctx<'_, '_>, h: &Head<'_>) -> Option<Found> {
    let ok = h.first == "המאה" || h.first == "מאה" && matches!(h.prefix, "ב" | "ל" | "מ" | "וב");
    if !ok {
        return None;
    }
    let j = h.tok + 1;
    let w = ctx.w(j);
    let (n, end) = if w == "ה" && ctx.is_dash(j + 1) && ctx.joined(j + 1) {
        (digits(ctx.w(j + 2))?, j + 3)
    } else if w == "ה-" || w == "ה" {
        (digits(ctx.w(j + 1))?, j + 2)
    } else {
        let n = names::ordinal_word(w.strip_prefix('ה')?)?;
        if n == 20 && ctx.w(j + 1) == "ואחת" {
            (21, j + 2)
        } else {
            (n, j + 1)
        }
    };
    if !(1..=22).contains(&n) {
        return None;
    }
    Some(Found::date(end, format!("{:02}XX", n - 1), 0.93))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Document;

    fn q(text: &str) -> Option<(u32, Unit, usize)> {
        let doc = Document::new(text);
        let ctx = Ctx::new(&doc, None);
        quantity(&ctx, 0, ctx.w(0), true)
    }

    #[test]
    fn quantities() {
        assert_eq!(q("שלושה ימים"), Some((30, Unit::Day, 2)));
        assert_eq!(q("יומיים"), Some((20, Unit::Day, 1)));
        assert_eq!(q("שבועיים וחצי"), Some((25, Unit::Week, 2)));
        assert_eq!(q("כשנה"), Some((10, Unit::Year, 1)));
        assert_eq!(q("כ-3 שנים"), Some((30, Unit::Year, 4)));
        assert_eq!(q("חצי שנה"), Some((60, Unit::Month, 2)));
        assert_eq!(q("שנים"), None);
    }
}
