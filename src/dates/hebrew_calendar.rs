//! The Hebrew (rabbinic, fixed) calendar: conversion to and from Gregorian days.
//!
//! This is the standard arithmetic of Reingold & Dershowitz, *Calendrical Calculations*:
//! the year starts at the molad of Tishrei, postponed by the dehiyyot (never on Sunday,
//! Wednesday or Friday; a molad at or after noon, and the GaTaRaD / BeTU'TaKPaT rules,
//! which show up here as the year-length correction). Years have 353–355 days, or 383–385
//! in the 7 leap years of each 19-year cycle; Heshvan and Kislev absorb the difference.
//!
//! Months are numbered as in that book and in pyluach: Nisan = 1 … Elul = 6, Tishrei = 7 …
//! Adar = 12 (Adar I in a leap year), Adar II = 13. The civil year starts at month 7.

use super::CivilDate;
use super::gregorian::{from_fixed, to_fixed};

/// Fixed day (R.D.) of 1 Tishrei AM 1, i.e. 7 October 3761 BCE (Julian).
const EPOCH: i64 = -1_373_427;

/// Nisan, the first month counted from (month numbers as in the module doc).
pub const NISAN: u8 = 1;
/// Iyar.
pub const IYAR: u8 = 2;
/// Sivan.
pub const SIVAN: u8 = 3;
/// Tammuz.
pub const TAMMUZ: u8 = 4;
/// Av.
pub const AV: u8 = 5;
/// Elul, the last month of the civil year.
pub const ELUL: u8 = 6;
/// Tishrei, the first month of the civil year.
pub const TISHREI: u8 = 7;
/// (Mar)Heshvan: 29 or 30 days.
pub const HESHVAN: u8 = 8;
/// Kislev: 29 or 30 days.
pub const KISLEV: u8 = 9;
/// Tevet.
pub const TEVET: u8 = 10;
/// Shevat.
pub const SHEVAT: u8 = 11;
/// Adar, or Adar I in a leap year.
pub const ADAR: u8 = 12;
/// Adar II (leap years only).
pub const ADAR_II: u8 = 13;

/// A day of the Hebrew calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HebrewDate {
    /// Year since creation (5784 = 2023/24).
    pub year: i32,
    /// Month, numbered from Nisan (see the module doc).
    pub month: u8,
    /// Day of month, 1..=30.
    pub day: u8,
}

/// True in the 7 leap years (with Adar II) of each 19-year cycle.
pub fn is_leap(year: i32) -> bool {
    (7 * i64::from(year) + 1).rem_euclid(19) < 7
}

/// The number of the year's last month (12, or 13 in a leap year).
pub fn last_month(year: i32) -> u8 {
    if is_leap(year) { 13 } else { 12 }
}

/// Days from the epoch to the molad of Tishrei of `year`, after the first dehiyyot
/// (molad zaken and lo ADU rosh).
fn elapsed_days(year: i32) -> i64 {
    let months = (235 * i64::from(year) - 234).div_euclid(19);
    let parts = 12_084 + 13_753 * months;
    let days = 29 * months + parts.div_euclid(25_920);
    if (3 * (days + 1)).rem_euclid(7) < 3 {
        days + 1
    } else {
        days
    }
}

/// The postponement that keeps year lengths legal (GaTaRaD and BeTU'TaKPaT).
fn year_length_correction(year: i32) -> i64 {
    let ny0 = elapsed_days(year - 1);
    let ny1 = elapsed_days(year);
    let ny2 = elapsed_days(year + 1);
    if ny2 - ny1 == 356 {
        2
    } else if ny1 - ny0 == 382 {
        1
    } else {
        0
    }
}

/// Fixed day of Rosh Hashana (1 Tishrei) of `year`.
pub fn new_year(year: i32) -> i64 {
    EPOCH + elapsed_days(year) + year_length_correction(year)
}

/// Days in the Hebrew year: 353, 354, 355, 383, 384 or 385.
pub fn days_in_year(year: i32) -> i64 {
    new_year(year + 1) - new_year(year)
}

/// Days in a month of `year`.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    let len = days_in_year(year);
    match month {
        IYAR | TAMMUZ | ELUL | TEVET | ADAR_II => 29,
        ADAR if !is_leap(year) => 29,
        // A "complete" year (355/385) has a 30-day Heshvan…
        HESHVAN if len % 10 != 5 => 29,
        // …and a "deficient" one (353/383) a 29-day Kislev.
        KISLEV if len % 10 == 3 => 29,
        _ => 30,
    }
}

impl HebrewDate {
    /// A Hebrew date, or `None` when the day does not exist (Adar II in a common year,
    /// 30 Heshvan in a year where it has 29 days, …).
    pub fn new(year: i32, month: u8, day: u8) -> Option<HebrewDate> {
        let ok = (1..=last_month(year)).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        ok.then_some(HebrewDate { year, month, day })
    }

    /// The fixed day number (R.D.).
    pub fn to_fixed(self) -> i64 {
        let mut days = new_year(self.year) + i64::from(self.day) - 1;
        if self.month < TISHREI {
            for m in TISHREI..=last_month(self.year) {
                days += i64::from(days_in_month(self.year, m));
            }
            for m in NISAN..self.month {
                days += i64::from(days_in_month(self.year, m));
            }
        } else {
            for m in TISHREI..self.month {
                days += i64::from(days_in_month(self.year, m));
            }
        }
        days
    }

    /// The Hebrew date of a fixed day.
    pub fn from_fixed(fixed: i64) -> HebrewDate {
        // Mean year length 35975351/98496 days gives an estimate at most one year low.
        let approx = ((fixed - EPOCH) * 98_496).div_euclid(35_975_351) + 1;
        let mut year = approx as i32 - 1;
        while new_year(year + 1) <= fixed {
            year += 1;
        }
        let nisan1 = HebrewDate {
            year,
            month: NISAN,
            day: 1,
        }
        .to_fixed();
        let mut month = if fixed < nisan1 { TISHREI } else { NISAN };
        loop {
            let first = HebrewDate {
                year,
                month,
                day: 1,
            }
            .to_fixed();
            let len = i64::from(days_in_month(year, month));
            if fixed < first + len {
                return HebrewDate {
                    year,
                    month,
                    day: (fixed - first + 1) as u8,
                };
            }
            month = if month == last_month(year) {
                NISAN
            } else {
                month + 1
            };
        }
    }

    /// The Gregorian day.
    pub fn to_gregorian(self) -> CivilDate {
        from_fixed(self.to_fixed())
    }

    /// The Hebrew date of a Gregorian day (the daytime date: a Hebrew day starts at the
    /// previous sunset, which a calendar day cannot express).
    pub fn from_gregorian(d: CivilDate) -> HebrewDate {
        HebrewDate::from_fixed(to_fixed(d))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(y: i32, m: u8, d: u8) -> CivilDate {
        CivilDate::new(y, m, d).unwrap()
    }

    #[test]
    fn known_dates() {
        let cases = [
            (
                "7 October 2023",
                HebrewDate::new(5784, TISHREI, 22),
                g(2023, 10, 7),
            ),
            (
                "independence",
                HebrewDate::new(5708, IYAR, 5),
                g(1948, 5, 14),
            ),
            (
                "rosh hashana 5785",
                HebrewDate::new(5785, TISHREI, 1),
                g(2024, 10, 3),
            ),
            (
                "purim in adar II",
                HebrewDate::new(5784, ADAR_II, 14),
                g(2024, 3, 24),
            ),
            ("adar I", HebrewDate::new(5784, ADAR, 1), g(2024, 2, 10)),
            ("1 Jan 1800", HebrewDate::new(5560, TEVET, 4), g(1800, 1, 1)),
        ];
        for (name, h, want) in cases {
            let h = h.unwrap();
            assert_eq!(h.to_gregorian(), want, "{name}");
            assert_eq!(HebrewDate::from_gregorian(want), h, "{name}");
        }
    }

    #[test]
    fn year_lengths_are_legal() {
        for y in 5500..6000 {
            let len = days_in_year(y);
            let legal: &[i64] = if is_leap(y) {
                &[383, 384, 385]
            } else {
                &[353, 354, 355]
            };
            assert!(legal.contains(&len), "{y}: {len}");
            // Rosh Hashana never falls on Sunday, Wednesday or Friday.
            let wd = new_year(y).rem_euclid(7);
            assert!(![0, 3, 5].contains(&wd), "{y}");
        }
    }

    #[test]
    fn impossible_days() {
        assert!(HebrewDate::new(5783, ADAR_II, 1).is_none());
        assert!(HebrewDate::new(5784, IYAR, 30).is_none());
        assert!(HebrewDate::new(5784, TISHREI, 31).is_none());
    }

    #[test]
    fn round_trip_over_four_centuries() {
        let start = to_fixed(g(1800, 1, 1));
        let end = to_fixed(g(2200, 12, 31));
        let mut f = start;
        while f <= end {
            let h = HebrewDate::from_fixed(f);
            assert_eq!(h.to_fixed(), f);
            f += 3;
        }
    }
}
