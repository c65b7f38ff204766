//! Gregorian dates written out or in digits: `7 באוקטובר 2023`, `בנובמבר 2023`, `ב-2024`,
//! `בשנת 2006`, `7.10.2023`, `07/10/23`, `2023-10-07`, `2019–2021`.
//!
//! Israel writes dates day-first, so `7.10` is 7 October. Digits alone are the hard part:
//! a four-digit number is a year only with a cue (an attached ב/מ/ל/ה, a word such as
//! `עד` or `שנת`, a month, a range), and never before a unit (`ב-2024 שקלים`); a dotted
//! number is a date only when every part is a legal day, month and year and it is not a
//! version (`גרסה 7.10.2`), a decimal with a unit (`ב-1.5 מיליון`) or a score.

use super::names;
use super::scan::{Anchor, Ctx, Direction, Head, digits};
use super::value::{self, Found};
use super::{CivilDate, gregorian};

/// Years a bare cued number may name. Wider ranges turn quantities into years.
const BARE_YEARS: std::ops::RangeInclusive<u32> = 1800..=2100;
/// Years accepted after a month or `שנת`, where the reading is certain.
const WRITTEN_YEARS: std::ops::RangeInclusive<u32> = 1000..=2999;

/// A day of month written in digits (`7`, `07`).
pub fn day_number(word: &str) -> Option<u8> {
    (word.len() <= 2)
        .then(|| digits(word))
        .flatten()
        .filter(|d| (1..=31).contains(d))
        .map(|d| d as u8)
}

/// A four-digit year in `range`.
fn year_number(word: &str, range: &std::ops::RangeInclusive<u32>) -> Option<i32> {
    (word.len() == 4)
        .then(|| digits(word))
        .flatten()
        .filter(|y| range.contains(y))
        .map(|y| y as i32)
}

/// A Gregorian month name at token `i`, bare or with one of `prefixes`, including
/// abbreviations with a geresh (`אוק'`): the month and the token after it.
pub fn month_at(ctx: &Ctx<'_, '_>, i: usize, prefixes: &[&str]) -> Option<(u8, usize)> {
    let w = ctx.w(i);
    if w.is_empty() {
        return None;
    }
    let geresh_next = ctx.w(i + 1) == "'" && ctx.joined(i + 1);
    let try_stem = |stem: &str| -> Option<(u8, usize)> {
        if let Some(m) = names::gregorian_month(stem) {
            return Some((m, i + 1));
        }
        if let Some(abbr) = stem.strip_suffix('\'') {
            return names::gregorian_abbreviation(abbr).map(|m| (m, i + 1));
        }
        if geresh_next {
            return names::gregorian_abbreviation(stem).map(|m| (m, i + 2));
        }
        None
    };
    try_stem(w).or_else(|| {
        prefixes.iter().find_map(|p| {
            w.strip_prefix(*p)
                .filter(|s| !s.is_empty())
                .and_then(try_stem)
        })
    })
}

/// A year written after a month or day (`7 באוקטובר 2023`, `נובמבר 2023`), unless the
/// number is a quantity (`... 2023 שקלים`). Returns the year and the token after it.
pub fn year_after(ctx: &Ctx<'_, '_>, i: usize) -> Option<(i32, usize)> {
    let y = year_number(ctx.w(i), &WRITTEN_YEARS)?;
    if names::is_quantity_word(ctx.w(i + 1)) {
        return None;
    }
    Some((y, i + 1))
}

/// A second day after a first one: `9-10`, `9 ו-10`, `9 ל-10`, `9 עד 10`. Returns the
/// day and the token after it.
fn second_day(ctx: &Ctx<'_, '_>, i: usize) -> Option<(u8, usize)> {
    if ctx.is_dash(i) && ctx.joined(i) {
        return day_number(ctx.w(i + 1)).map(|d| (d, i + 2));
    }
    if matches!(ctx.w(i), "ו" | "ל" | "עד" | "ועד") {
        if ctx.is_dash(i + 1) && ctx.joined(i + 1) {
            return day_number(ctx.w(i + 2)).map(|d| (d, i + 3));
        }
        if ctx.w(i) != "ו" && ctx.w(i) != "ל" {
            return day_number(ctx.w(i + 1)).map(|d| (d, i + 2));
        }
    }
    None
}

/// `7 באוקטובר`, `7 לאוקטובר 2023`, `9-10 בינואר`, `9 ל-10 בינואר 2024`.
pub fn day_month(ctx: &Ctx<'_, '_>, h: &Head<'_>) -> Option<Found> {
    // `7 באוקטובר`, and in words or letters before a month (`השבעה באוקטובר`, `כ"ט
    // בנובמבר`): the month that must follow keeps the word from being a count.
    let d1 = day_number(h.first).or_else(|| {
        let d = names::number_word(h.first)
            .or_else(|| super::numerals::parse_day(h.first).map(u32::from))?;
        let ok = (1..=31).contains(&d) && month_at(ctx, h.tok + 1, &["ב"]).is_some();
        ok.then_some(d as u8)
    })?;
    let (d2, i) = match second_day(ctx, h.tok + 1) {
        Some((d2, next)) if d2 > d1 => (Some(d2), next),
        _ => (None, h.tok + 1),
    };
    if d2.is_none()
        && let Some(f) = day_of_this_month(ctx, d1, i)
    {
        return Some(f);
    }
    let (m, i) = month_at(ctx, i, &["ב", "ל"])?;
    // `מאז 7 באוקטובר`, `פיגועי 11 בספטמבר`: a date that names an event is that event's.
    let named = names::named_day(ctx, h.anchor, m, d1).filter(|_| d2.is_none());
    let one = |d: u8, year: Option<i32>| -> Option<String> {
        match year {
            Some(y) => CivilDate::new(y, m, d).map(value::day),
            None if named.is_some() => named.map(value::day),
            None => value::month_day_value(ctx, h.tok, m, d),
        }
    };
    let (year, end, conf) = match year_after(ctx, i) {
        Some((y, next)) => (Some(y), next, 0.98),
        // `ב-25 באוגוסט השנה`: this year.
        None if ctx.w(i) == "השנה" => (ctx.dct.map(|d| d.year), i + 1, 0.96),
        None => (None, i, 0.95),
    };
    let a = one(d1, year)?;
    let value = match d2 {
        None => a,
        Some(d2) => {
            // The second day shares the first one's resolved year.
            let y = year.or_else(|| a.get(..4).and_then(|y| y.parse().ok()));
            let b = match y {
                Some(y) => CivilDate::new(y, m, d2).map(value::day)?,
                None => format!("XXXX-{m:02}-{d2:02}"),
            };
            value::range(&a, &b)
        }
    };
    Some(Found::date(end, value, conf))
}

/// `ה-1 לחודש`, `ב-15 בחודש הבא`: a day of the document date's month (or the next or
/// previous one).
fn day_of_this_month(ctx: &Ctx<'_, '_>, d: u8, i: usize) -> Option<Found> {
    // `30 באותו חודש`: the anchor's month.
    if ctx.w(i) == "באותו" && ctx.w(i + 1) == "חודש" {
        let (y, m) = match ctx.anchor() {
            Some(Anchor::Month(y, m)) => (y, m),
            Some(Anchor::Day(a)) => (a.year, a.month),
            _ => return None,
        };
        return Some(Found::date(
            i + 2,
            value::day(CivilDate::new(y, m, d)?),
            0.9,
        ));
    }
    if !matches!(ctx.w(i), "לחודש" | "בחודש") {
        return None;
    }
    // `ב-1 בחודש שלאחר מכן`: the month after the anchor's.
    if matches!(ctx.w(i + 1), "שלאחר" | "שאחרי")
        && matches!(ctx.w(i + 2), "מכן" | "כן")
        && let Some(Anchor::Month(y, m)) = ctx.anchor().map(|a| match a {
            Anchor::Day(a) => Anchor::Month(a.year, a.month),
            other => other,
        })
    {
        let (y, m) = gregorian::add_months(y, m, 1);
        return Some(Found::date(
            i + 3,
            value::day(CivilDate::new(y, m, d)?),
            0.9,
        ));
    }
    let (shift, end) = match ctx.w(i + 1) {
        "הבא" | "הקרוב" => (1, i + 2),
        "שעבר" | "הקודם" => (-1, i + 2),
        // `בחודש מרץ` names a month: left to the month rules.
        w if names::gregorian_month(w).is_some() => return None,
        _ => (0, i + 1),
    };
    // The month of the paragraph's anchor (`בספטמבר 1993 … ב-13 בחודש`), else the
    // document date's.
    let month_of = match ctx.anchor() {
        Some(Anchor::Month(y, m)) if shift == 0 => Some((y, m)),
        Some(Anchor::Day(a)) if shift == 0 => Some((a.year, a.month)),
        _ => ctx
            .dct
            .map(|dct| gregorian::add_months(dct.year, dct.month, shift)),
    };
    let v = match month_of {
        Some((y, m)) => value::day(CivilDate::new(y, m, d)?),
        None => format!("XXXX-XX-{d:02}"),
    };
    Some(Found::date(end, v, 0.9))
}

/// `נובמבר 2023`, `בנובמבר`, `באוקטובר האחרון`, `בחודש מרץ`, `בינואר הבא`.
pub fn month_year(ctx: &Ctx<'_, '_>, h: &Head<'_>) -> Option<Found> {
    // `בחודש מרץ`: the month word is the head, the name follows bare.
    let (m, i, has_chodesh) = if h.first == "חודש" {
        let (m, i) = month_at(ctx, h.tok + 1, &[])?;
        (m, i, true)
    } else {
        // `פבר '`: the geresh of an abbreviation as a token of its own.
        let geresh_next = || ctx.w(h.tok + 1) == "'" && ctx.joined(h.tok + 1);
        let m = names::gregorian_month(h.first)
            .map(|m| (m, h.tok + 1))
            .or_else(|| {
                if let Some(a) = h.first.strip_suffix('\'') {
                    names::gregorian_abbreviation(a).map(|m| (m, h.tok + 1))
                } else {
                    names::gregorian_abbreviation(h.first)
                        .filter(|_| geresh_next())
                        .map(|m| (m, h.tok + 2))
                }
            })?;
        (m.0, m.1, false)
    };
    if let Some((y, next)) = year_after(ctx, i) {
        return Some(Found::date(next, value::month(y, m), 0.96));
    }
    // A range of months sharing a year: `ינואר-אפריל 2005`, `בינואר - מרץ 2024`.
    if ctx.is_dash(i)
        && let Some((m2, k)) = month_at(ctx, i + 1, &[])
        && let Some((y, next)) = year_after(ctx, k)
        && m2 > m
    {
        let v = value::range(&value::month(y, m), &value::month(y, m2));
        return Some(Found::date(next, v, 0.95));
    }
    // A modifier says which occurrence: `באוקטובר האחרון`, `בינואר הבא`, `במרץ השנה`.
    let modifier = ctx.w(i);
    let dir: Option<i32> = match modifier {
        "האחרון" | "שעבר" => Some(-1),
        "הקרוב" | "הבא" => Some(1),
        "השנה" | "זה" => Some(0),
        _ => None,
    };
    if dir.is_none() {
        // `31 באפריל` failed as a day-month: the month alone is not a reading either.
        if h.prefix == "ב" && ctx.is_number(h.anchor.wrapping_sub(1)) {
            return None;
        }
        // Alone a month needs a preposition, and the ambiguous names need more.
        let cued = h.has_time_prefix() || has_chodesh || year_cue(ctx.w(h.anchor.wrapping_sub(1)));
        if !cued || (!has_chodesh && names::ambiguous_month_word(h.first)) {
            return None;
        }
    }
    let end = if dir.is_some() { i + 1 } else { i };
    // The written modifier, else the tense near the month; a month of the paragraph's
    // anchor year when one was stated (`ב-2019 … ביולי`).
    let written = dir.is_some();
    let dir = dir.or(match ctx.tense(h.tok) {
        Direction::Past => Some(-1),
        Direction::Future => Some(1),
        Direction::Nearest => None,
    });
    // A written modifier (`בינואר הבא`) speaks from now; otherwise the anchor governs.
    let anchor = if written {
        None
    } else {
        ctx.governing_anchor(h.tok)
    };
    let value = match (anchor, ctx.dct) {
        (Some(a), _) => {
            let r = a.reference();
            // After a stated month or day the story moves forward (as for day-months).
            let y = match a {
                Anchor::Year(y) => y,
                _ if m < r.month => r.year + 1,
                _ => r.year,
            };
            value::month(y, m)
        }
        (_, None) => format!("XXXX-{m:02}"),
        (_, Some(dct)) => {
            // `באוקטובר האחרון` written in October is last year's; `באוקטובר` said in the
            // past tense in October, this one.
            let same = written && m == dct.month;
            let y = match dir {
                Some(-1) if m > dct.month || same => dct.year - 1,
                Some(1) if m < dct.month || same => dct.year + 1,
                _ => dct.year,
            };
            value::month(y, m)
        }
    };
    Some(Found::date(
        end,
        value,
        if dir.is_some() { 0.92 } else { 0.85 },
    ))
}

/// Words right before a bare number that make it a year: `עד 2024`, `מאז 1948`,
/// `לעומת 2003`, `בשנים 2019-2021`.
pub fn year_cue(word: &str) -> bool {
    matches!(
        word,
        "עד" | "ועד"
            | "מאז"
            | "לפני"
            | "אחרי"
            | "לאחר"
            | "במהלך"
            | "לעומת"
            | "בין"
            | "השנים"
            | "בשנים"
            | "משנת"
            | "סוף"
            | "תחילת"
            | "אמצע"
            | "בסוף"
            | "בתחילת"
            | "באמצע"
            | "בראשית"
            | "לקראת"
            | "החל"
            | "קיץ"
            | "חורף"
            | "אביב"
            | "סתיו"
            | "בקיץ"
            | "בחורף"
            | "באביב"
            | "בסתיו"
            | "מ"
            | "ב"
    )
}

/// True when a bare four-digit number at `h` is cued as a year.
fn bare_year_cued(ctx: &Ctx<'_, '_>, h: &Head<'_>) -> bool {
    if h.has_time_prefix() && h.prefix != "ו" {
        return true;
    }
    let before = ctx.w(h.anchor.wrapping_sub(1));
    if year_cue(before) {
        return true;
    }
    // `עונת 2014`, `הבחירות של 2015`: a year unless a counted noun follows (`של 2000 איש`).
    if matches!(before, "עונת" | "של") && !names::is_quantity_word(ctx.w(h.tok + 1)) {
        return true;
    }
    // `2020 ו-2021`: a conjoined year after another year.
    h.prefix == "ו"
        && (1..=3).any(|k| h.anchor >= k && year_number(ctx.w(h.anchor - k), &BARE_YEARS).is_some())
}

/// `ב-2024`, `מ-2019 עד 2021`, `2019–2021`, `2019-21`, `שנת 1967`.
pub fn year(ctx: &Ctx<'_, '_>, h: &Head<'_>) -> Option<Found> {
    if h.first == "שנת" {
        let y = year_number(ctx.w(h.tok + 1), &WRITTEN_YEARS)?;
        if names::is_quantity_word(ctx.w(h.tok + 2)) {
            return None;
        }
        return Some(Found::date(h.tok + 2, format!("{y:04}"), 0.97));
    }
    let y1 = year_number(h.first, &BARE_YEARS)?;
    let i = h.tok + 1;
    // A joined dash range needs no other cue: `2019–2021`, `2019-21`.
    if ctx.is_dash(i) && ctx.joined(i) && ctx.joined(i + 1) {
        let w = ctx.w(i + 1);
        let y2 = year_number(w, &BARE_YEARS).or_else(|| {
            (w.len() == 2)
                .then(|| digits(w))
                .flatten()
                .map(|yy| y1 / 100 * 100 + yy as i32)
        });
        if let Some(y2) = y2.filter(|&y2| y2 > y1)
            && !names::is_quantity_word(ctx.w(i + 2))
            && !ctx.is_dash(i + 2)
        {
            return Some(Found::date(i + 2, format!("{y1:04}/{y2:04}"), 0.95));
        }
        return None;
    }
    if !bare_year_cued(ctx, h) || names::is_quantity_word(ctx.w(i)) {
        return None;
    }
    // `מ-2019 עד 2021`, `בין 2019 ל-2021`, `2019 - 2021`.
    let second = if matches!(ctx.w(i), "עד" | "ועד") || ctx.is_dash(i) {
        Some(i + 1)
    } else if (ctx.w(i) == "ל" || ctx.w(i) == "ו" && between_cue(ctx, h))
        && ctx.is_dash(i + 1)
        && ctx.joined(i + 1)
    {
        Some(i + 2)
    } else {
        None
    };
    if let Some(j) = second
        && let Some(y2) = year_number(ctx.w(j), &BARE_YEARS).filter(|&y2| y2 > y1)
        && !names::is_quantity_word(ctx.w(j + 1))
    {
        return Some(Found::date(j + 1, format!("{y1:04}/{y2:04}"), 0.95));
    }
    Some(Found::date(i, format!("{y1:04}"), 0.9))
}

/// `בין (השנים) 2008 ו-2011` is a range, while `2020 ו-2021` alone is two years.
fn between_cue(ctx: &Ctx<'_, '_>, h: &Head<'_>) -> bool {
    let before = ctx.w(h.anchor.wrapping_sub(1));
    matches!(before, "בין" | "השנים" | "בשנים")
}

/// Words before a dotted number that make it a version, not a date.
fn version_cue(word: &str) -> bool {
    matches!(
        word,
        "גרסה"
            | "גרסת"
            | "גירסה"
            | "גירסת"
            | "בגרסה"
            | "בגרסת"
            | "version"
            | "v"
            | "iOS"
            | "Android"
            | "אנדרואיד"
            | "Windows"
    )
}

/// Words before a day.month without a year that make it a date.
fn short_date_cue(word: &str) -> bool {
    matches!(
        word,
        "עד" | "ועד"
            | "מיום"
            | "ביום"
            | "יום"
            | "תאריך"
            | "בתאריך"
            | "מתאריך"
            | "החל"
            | "מאז"
            | "לפני"
            | "אחרי"
            | "לאחר"
            | "עוד"
            | "ב"
    ) || names::weekday_ordinal(word).is_some()
}

/// `7.10.2023`, `07/10/23`, `7.10` (cued), `2023-10-07`.
pub fn numeric(ctx: &Ctx<'_, '_>, h: &Head<'_>) -> Option<Found> {
    // A number token starts with a digit: most heads are rejected on their word alone.
    if !h.first.starts_with(|c: char| c.is_ascii_digit()) || !ctx.is_number(h.tok) {
        return None;
    }
    let before = ctx.w(h.anchor.wrapping_sub(1));
    if version_cue(before) {
        return None;
    }
    // ISO: 2023-10-07 (three joined tokens around two hyphens).
    if h.first.len() == 4 && ctx.w(h.tok + 1) == "-" && ctx.joined(h.tok + 1) {
        let y = year_number(h.first, &WRITTEN_YEARS)?;
        let (m, d) = (ctx.w(h.tok + 2), ctx.w(h.tok + 4));
        let ok = ctx.joined(h.tok + 2)
            && ctx.w(h.tok + 3) == "-"
            && ctx.joined(h.tok + 3)
            && ctx.joined(h.tok + 4)
            && m.len() == 2
            && d.len() == 2
            && !(ctx.is_dash(h.tok + 5) && ctx.joined(h.tok + 5));
        if !ok {
            return None;
        }
        let date = CivilDate::new(y, digits(m)? as u8, digits(d)? as u8)?;
        return Some(Found::date(h.tok + 5, value::day(date), 0.97));
    }
    let sep = if h.first.contains('.') {
        '.'
    } else if h.first.contains('/') {
        '/'
    } else {
        return None;
    };
    let mut parts = h.first.split(sep);
    let (dp, mp, yp) = (parts.next()?, parts.next()?, parts.next());
    if parts.next().is_some() || dp.len() > 2 || mp.len() > 2 || dp.is_empty() || mp.is_empty() {
        return None;
    }
    let (d, m) = (digits(dp)? as u8, digits(mp)? as u8);
    if !(1..=12).contains(&m) || d == 0 || d > gregorian::days_in_month(2024, m) {
        return None;
    }
    let next = ctx.w(h.tok + 1);
    if names::is_quantity_word(next) || ctx.joined(h.tok + 1) && next == "%" {
        return None;
    }
    match yp {
        Some(yp) => {
            let y = match yp.len() {
                4 => year_number(yp, &WRITTEN_YEARS)?,
                2 => {
                    let yy = digits(yp)? as i32;
                    if yy < 50 { 2000 + yy } else { 1900 + yy }
                }
                _ => return None,
            };
            let date = CivilDate::new(y, m, d)?;
            Some(Found::date(h.tok + 1, value::day(date), 0.96))
        }
        None => {
            // Two parts are a decimal as often as a date: demand a cue.
            let cued = (h.has_time_prefix() && h.prefix != "ו") || short_date_cue(before);
            if !cued || ctx.near(h.tok, 3, names::is_score_cue) {
                return None;
            }
            // `מאז ה-7.10`: a date that names an event.
            let v = match names::named_day(ctx, h.anchor, m, d) {
                Some(day) => value::day(day),
                None => value::month_day_value(ctx, h.tok, m, d)?,
            };
            Some(Found::date(h.tok + 1, v, 0.8))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Document;

    #[test]
    fn day_numbers() {
        assert_eq!(day_number("7"), Some(7));
        assert_eq!(day_number("07"), Some(7));
        assert_eq!(day_number("32"), None);
        assert_eq!(day_number("0"), None);
        assert_eq!(day_number("123"), None);
    }

    #[test]
    fn months_with_prefixes_and_abbreviations() {
        let cases = [
            ("באוקטובר", Some((10, 1))),
            ("לאוקטובר", Some((10, 1))),
            ("אוק' 2024", Some((10, 2))),
            ("פב' 2024", Some((2, 1))),
            ("מאוקטובר", None),
            ("אוקטוברים", None),
        ];
        for (text, want) in cases {
            let doc = Document::new(text);
            let ctx = Ctx::new(&doc, None);
            assert_eq!(month_at(&ctx, 0, &["ב", "ל"]), want, "{text}");
        }
    }
}
