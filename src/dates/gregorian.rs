//! Gregorian arithmetic on [`CivilDate`]: day numbers, weekdays, ISO weeks, adding days
//! and months.
//!
//! Everything goes through one integer day count, the *fixed* day number (R.D., day 1 is
//! 1 January of year 1, proleptic Gregorian), because that is the common currency of the
//! Hebrew calendar algorithms too (Reingold & Dershowitz, *Calendrical Calculations*).

use super::CivilDate;

/// True for Gregorian leap years.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in a Gregorian month (0 for a month outside 1..=12).
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days from 1970-01-01 to 0001-01-01 R.D. 1: `fixed = unix_days + UNIX_EPOCH_FIXED`.
const UNIX_EPOCH_FIXED: i64 = 719_163;

/// The fixed day number (R.D.) of a date.
///
/// Uses Howard Hinnant's `days_from_civil`, which is branch-light and exact for the
/// whole `i32` year range.
pub fn to_fixed(d: CivilDate) -> i64 {
    let (m, dd) = (i64::from(d.month), i64::from(d.day));
    let y = i64::from(d.year) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + dd - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468 + UNIX_EPOCH_FIXED
}

/// The date of a fixed day number (inverse of [`to_fixed`]).
pub fn from_fixed(fixed: i64) -> CivilDate {
    let z = fixed - UNIX_EPOCH_FIXED + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    CivilDate { year, month, day }
}

/// Day of the week, 0 = Sunday … 6 = Saturday (the Israeli week starts on Sunday).
pub fn weekday(d: CivilDate) -> u8 {
    // R.D. 1 (0001-01-01) was a Monday.
    (to_fixed(d).rem_euclid(7)) as u8
}

/// `d` moved by `days` (negative goes back).
pub fn add_days(d: CivilDate, days: i64) -> CivilDate {
    from_fixed(to_fixed(d) + days)
}

/// The year and month `months` after (or before) `year`-`month`.
pub fn add_months(year: i32, month: u8, months: i32) -> (i32, u8) {
    let idx = year * 12 + i32::from(month) - 1 + months;
    (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u8)
}

/// ISO 8601 week of a day: (week-numbering year, week 1..=53).
pub fn iso_week(d: CivilDate) -> (i32, u8) {
    let fixed = to_fixed(d);
    // ISO weekday 1 = Monday … 7 = Sunday.
    let iso_wd = (fixed - 1).rem_euclid(7) + 1;
    let thursday = from_fixed(fixed - iso_wd + 4);
    let jan1 = to_fixed(CivilDate {
        year: thursday.year,
        month: 1,
        day: 1,
    });
    let week = (to_fixed(thursday) - jan1) / 7 + 1;
    (thursday.year, week as u8)
}

/// The week a Hebrew writer means by "this week" on day `d`, as an ISO week.
///
/// The Israeli week runs Sunday to Saturday while ISO weeks run Monday to Sunday, so a
/// Sunday belongs to the ISO week that starts the next day.
pub fn israeli_week(d: CivilDate) -> (i32, u8) {
    if weekday(d) == 0 {
        iso_week(add_days(d, 1))
    } else {
        iso_week(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, dd: u8) -> CivilDate {
        CivilDate::new(y, m, dd).unwrap()
    }

    #[test]
    fn fixed_round_trips_and_known_points() {
        assert_eq!(to_fixed(d(1, 1, 1)), 1);
        assert_eq!(to_fixed(d(1970, 1, 1)), 719_163);
        for f in (-1000..800_000).step_by(37) {
            assert_eq!(to_fixed(from_fixed(f)), f);
        }
    }

    #[test]
    fn weekdays() {
        let cases = [
            ("Shabbat of 7 October", d(2023, 10, 7), 6),
            ("a Tuesday", d(2024, 6, 4), 2),
            ("a Sunday", d(2024, 3, 10), 0),
            ("leap day", d(2024, 2, 29), 4),
        ];
        for (name, day, want) in cases {
            assert_eq!(weekday(day), want, "{name}");
        }
    }

    #[test]
    fn iso_weeks() {
        let cases = [
            (d(2024, 3, 6), (2024, 10)),
            (d(2021, 1, 3), (2020, 53)),
            (d(2024, 12, 30), (2025, 1)),
            (d(2026, 1, 8), (2026, 2)),
        ];
        for (day, want) in cases {
            assert_eq!(iso_week(day), want, "{day}");
        }
        // Sunday 2024-03-10 opens the Israeli week of Monday 2024-03-11 (ISO week 11).
        assert_eq!(israeli_week(d(2024, 3, 10)), (2024, 11));
    }

    #[test]
    fn month_arithmetic() {
        assert_eq!(add_months(2024, 1, -1), (2023, 12));
        assert_eq!(add_months(2024, 11, 2), (2025, 1));
        assert_eq!(add_days(d(2024, 3, 1), -1), d(2024, 2, 29));
    }
}
