//! TIMEX3 / ISO 8601 values and the resolution of underspecified dates.
//!
//! Values keep the granularity the text gives (`2023-11` for a month, `2024-W10` for a
//! week) and keep unknown parts as `X` when there is no document date to fill them
//! (`XXXX-10-07`), so a consumer can always tell what was said from what was inferred.

use super::CivilDate;
use super::gregorian::{days_in_month, israeli_week, to_fixed};
use super::scan::{Ctx, Direction};
use crate::span::Label;
use std::fmt::Write;

/// A match made by a rule: where it ends and what it means.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    /// One past the last token of the expression.
    pub end: usize,
    /// `DATE` or `TIME`.
    pub label: Label,
    /// The TIMEX3 value.
    pub value: String,
    /// Confidence in `0.0..=1.0`.
    pub conf: f32,
}

impl Found {
    /// A `DATE` match.
    pub fn date(end: usize, value: String, conf: f32) -> Found {
        Found {
            end,
            label: Label::DATE,
            value,
            conf,
        }
    }

    /// A `TIME` match.
    pub fn time(end: usize, value: String, conf: f32) -> Found {
        Found {
            end,
            label: Label::TIME,
            value,
            conf,
        }
    }
}

/// `YYYY-MM-DD`.
pub fn day(d: CivilDate) -> String {
    d.to_string()
}

/// `YYYY-MM`.
pub fn month(year: i32, month: u8) -> String {
    format!("{year:04}-{month:02}")
}

/// `YYYY-Www` for the Israeli week (Sunday–Saturday) containing `d`.
pub fn week_of(d: CivilDate) -> String {
    let (y, w) = israeli_week(d);
    format!("{y:04}-W{w:02}")
}

/// The day a month-day without a year means, seen from the document date: the most
/// recent such day on or before it (news mostly reports the past), or the next one on or
/// after it when the sentence speaks of the future. `None` for a day that never exists
/// (31 April); 29 February takes the nearest leap year in the chosen direction.
pub fn resolve_month_day(dct: CivilDate, m: u8, d: u8, future: bool) -> Option<CivilDate> {
    if d == 0 || d > days_in_month(2024, m) {
        return None;
    }
    let step = if future { 1 } else { -1 };
    let mut y = dct.year;
    for _ in 0..9 {
        if let Some(c) = CivilDate::new(y, m, d)
            && ((future && c >= dct) || (!future && c <= dct))
        {
            return Some(c);
        }
        y += step;
    }
    None
}

/// The occurrence of a month-day in `dir` from `r` (see [`Direction`]; on a tie the past
/// one).
pub fn month_day_from(r: CivilDate, m: u8, d: u8, dir: Direction) -> Option<CivilDate> {
    dir.pick(
        r,
        resolve_month_day(r, m, d, false),
        resolve_month_day(r, m, d, true),
    )
}

/// Of two candidates, the one nearer `r` (the first on a tie); either may be missing.
pub fn nearer(r: CivilDate, a: Option<CivilDate>, b: Option<CivilDate>) -> Option<CivilDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if days_between(a, r).abs() <= days_between(r, b).abs() {
            a
        } else {
            b
        }),
        (a, b) => a.or(b),
    }
}

/// The value of a month-day whose year the text does not give, at token `i`: resolved
/// against the paragraph's anchor or the document date ([`Ctx::reference`]), else with
/// the year unknown (`XXXX-10-07`).
pub fn month_day_value(ctx: &Ctx<'_, '_>, i: usize, m: u8, d: u8) -> Option<String> {
    match ctx.reference(i) {
        Some((r, dir)) => month_day_from(r, m, d, dir).map(day),
        None => (d >= 1 && d <= days_in_month(2024, m)).then(|| format!("XXXX-{m:02}-{d:02}")),
    }
}

/// Days between two dates (`b - a`).
pub fn days_between(a: CivilDate, b: CivilDate) -> i64 {
    to_fixed(b) - to_fixed(a)
}

/// A range value `start/end`.
pub fn range(a: &str, b: &str) -> String {
    let mut s = String::with_capacity(a.len() + b.len() + 1);
    s.push_str(a);
    s.push('/');
    s.push_str(b);
    s
}

/// An ISO 8601 duration: `P6D`, `P2.5W`, `PT3H`.
pub fn duration(count_tenths: u32, unit: super::names::Unit) -> String {
    let mut s = String::from("P");
    if unit.is_clock() {
        s.push('T');
    }
    let whole = count_tenths / 10;
    let frac = count_tenths % 10;
    if frac == 0 {
        let _ = write!(s, "{whole}");
    } else {
        let _ = write!(s, "{whole}.{frac}");
    }
    // Decades are written in years (P10Y), as ISO has no decade designator.
    if unit == super::names::Unit::Decade {
        s.truncate(1);
        let years = count_tenths; // tenths of a decade = years
        let _ = write!(s, "{years}Y");
        return s;
    }
    s.push(unit.iso_letter());
    s
}

#[cfg(test)]
mod tests {
    use super::super::names::Unit;
    use super::*;

    fn d(y: i32, m: u8, dd: u8) -> CivilDate {
        CivilDate::new(y, m, dd).unwrap()
    }

    #[test]
    fn month_days_lean_to_the_past() {
        let dct = d(2024, 6, 4);
        assert_eq!(resolve_month_day(dct, 10, 7, false), Some(d(2023, 10, 7)));
        assert_eq!(resolve_month_day(dct, 6, 4, false), Some(d(2024, 6, 4)));
        assert_eq!(resolve_month_day(dct, 10, 7, true), Some(d(2024, 10, 7)));
        assert_eq!(resolve_month_day(dct, 2, 29, false), Some(d(2024, 2, 29)));
        assert_eq!(resolve_month_day(dct, 2, 29, true), Some(d(2028, 2, 29)));
        assert_eq!(resolve_month_day(dct, 4, 31, false), None);
        assert_eq!(
            month_day_from(dct, 10, 7, Direction::Nearest),
            Some(d(2024, 10, 7))
        );
        assert_eq!(
            month_day_from(dct, 1, 7, Direction::Nearest),
            Some(d(2024, 1, 7))
        );
        assert_eq!(
            month_day_from(dct, 12, 20, Direction::Nearest),
            Some(d(2023, 12, 20))
        );
    }

    #[test]
    fn durations() {
        assert_eq!(duration(60, Unit::Day), "P6D");
        assert_eq!(duration(25, Unit::Week), "P2.5W");
        assert_eq!(duration(30, Unit::Hour), "PT3H");
        assert_eq!(duration(20, Unit::Decade), "P20Y");
    }
}
