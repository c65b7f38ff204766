//! Hebrew-calendar expressions: `כ"ב בתשרי תשפ"ד`, `ט' בתשרי`, `ה' באייר תש"ח`,
//! `י"ד באדר ב'`, `בניסן תשפ"ה`, `תשפ"ג`, `בשנת תש"ח`.
//!
//! Values are Gregorian (ISO) so that consumers need no Hebrew calendar: a day becomes
//! its Gregorian day, a month or a year the range of Gregorian days it covers. A day
//! without a year is resolved like a Gregorian one — the most recent occurrence, or the
//! next when the sentence speaks of the future.

use super::CivilDate;
use super::absolute::day_number;
use super::hebrew_calendar::{self as hc, HebrewDate};
use super::names;
use super::numerals;
use super::scan::{Ctx, Head};
use super::value::{self, Found};

/// A Hebrew month at token `i` (bare or after one of `prefixes`), with `אדר א'`/`אדר ב'`
/// read as Adar I / Adar II: the month, whether Adar was qualified, and the next token.
fn month_at(ctx: &Ctx<'_, '_>, i: usize, prefixes: &[&str]) -> Option<(u8, bool, usize)> {
    let m = ctx.lookup(i, prefixes, names::hebrew_month)?;
    if m == hc::ADAR {
        match ctx.w(i + 1) {
            "א'" | "ראשון" => return Some((hc::ADAR, true, i + 2)),
            "ב'" | "שני" => return Some((hc::ADAR_II, true, i + 2)),
            _ => {}
        }
    }
    Some((m, false, i + 1))
}

/// Plain `אדר` means Adar II in a leap year (Purim and most dated events fall in it).
fn fix_adar(year: i32, month: u8, qualified: bool) -> u8 {
    if month == hc::ADAR && !qualified && hc::is_leap(year) {
        hc::ADAR_II
    } else {
        month
    }
}

/// The Gregorian day of a Hebrew month-day without a year, seen from `dct`.
pub fn resolve(
    dct: CivilDate,
    month: u8,
    qualified: bool,
    day: u8,
    future: bool,
) -> Option<CivilDate> {
    let hy = HebrewDate::from_gregorian(dct).year;
    let years = if future {
        [hy - 1, hy, hy + 1, hy + 2]
    } else {
        [hy + 1, hy, hy - 1, hy - 2]
    };
    let mut best: Option<CivilDate> = None;
    for y in years {
        let Some(h) = HebrewDate::new(y, fix_adar(y, month, qualified), day) else {
            continue;
        };
        let g = h.to_gregorian();
        let ok = if future { g >= dct } else { g <= dct };
        let closer = best.is_none_or(|b| if future { g < b } else { g > b });
        if ok && closer {
            best = Some(g);
        }
    }
    best
}

/// `כ"ב בתשרי תשפ"ד`, `ט' בתשרי`, `22 בתשרי`, `י"ד באדר ב' תשפ"ד`.
pub fn day_month(ctx: &Ctx<'_, '_>, h: &Head<'_>) -> Option<Found> {
    let day = numerals::parse_day(h.first).or_else(|| day_number(h.first).filter(|&d| d <= 30))?;
    let (month, qualified, i) = month_at(ctx, h.tok + 1, &["ב", "ל"])?;
    if let Some(year) = numerals::parse_year(ctx.w(i)) {
        let g = HebrewDate::new(year, fix_adar(year, month, qualified), day)?.to_gregorian();
        return Some(Found::date(i + 1, value::day(g), 0.97));
    }
    let v = match ctx.reference(h.tok) {
        Some((r, dir)) => {
            let past = resolve(r, month, qualified, day, false);
            let next = resolve(r, month, qualified, day, true);
            value::day(dir.pick(r, past, next)?)
        }
        None => "XXXX-XX-XX".to_string(),
    };
    Some(Found::date(i, v, 0.9))
}

/// The Gregorian range of a Hebrew month or year.
fn span_value(first: HebrewDate, last: HebrewDate) -> String {
    value::range(
        &value::day(first.to_gregorian()),
        &value::day(last.to_gregorian()),
    )
}

/// `בתשרי תשפ"ד`, `אדר ב' תשפ"ד`: a Hebrew month of a given year.
pub fn month_year(ctx: &Ctx<'_, '_>, h: &Head<'_>) -> Option<Found> {
    let m = names::hebrew_month(h.first)?;
    let (month, qualified, i) = if m == hc::ADAR {
        month_at(ctx, h.tok, &[])?
    } else {
        (m, false, h.tok + 1)
    };
    let year = numerals::parse_year(ctx.w(i))?;
    let month = fix_adar(year, month, qualified);
    let first = HebrewDate::new(year, month, 1)?;
    let last = HebrewDate::new(year, month, hc::days_in_month(year, month))?;
    Some(Found::date(i + 1, span_value(first, last), 0.95))
}

/// `תשפ"ג`, `ה'תשפ"ד`, `שנת תש"ח`: a Hebrew year, as the Gregorian days it covers.
pub fn year(ctx: &Ctx<'_, '_>, h: &Head<'_>) -> Option<Found> {
    let (y, end) = if h.first == "שנת" {
        (numerals::parse_year(ctx.w(h.tok + 1))?, h.tok + 2)
    } else {
        (numerals::parse_year(h.first)?, h.tok + 1)
    };
    let first = HebrewDate::new(y, hc::TISHREI, 1)?;
    let last = HebrewDate::new(y, hc::ELUL, 29)?;
    Some(Found::date(end, span_value(first, last), 0.9))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_days_without_a_year() {
        let dct = CivilDate::new(2024, 6, 4).unwrap();
        // 22 Tishrei: the most recent was 7 October 2023.
        assert_eq!(
            resolve(dct, hc::TISHREI, false, 22, false),
            CivilDate::new(2023, 10, 7)
        );
        // 14 Adar in leap 5784 is Purim in Adar II.
        assert_eq!(
            resolve(dct, hc::ADAR, false, 14, false),
            CivilDate::new(2024, 3, 24)
        );
        assert_eq!(
            resolve(dct, hc::TISHREI, false, 1, true),
            CivilDate::new(2024, 10, 3)
        );
    }
}
