//! Human-readable Hebrew descriptions of dates and values, for the widget's tooltip:
//! `יום שבת, 7 באוקטובר 2023 · כ"ב בתשרי תשפ"ד`.
//!
//! A reader hovering a date wants to know what day it actually is, in both calendars;
//! [`describe`] does that for any value the engine produces, at the value's granularity.

use super::CivilDate;
use super::gregorian::weekday;
use super::hebrew_calendar::HebrewDate;
use super::names;
use super::numerals;

/// The Hebrew-calendar date of a Gregorian day: `כ"ב בתשרי תשפ"ד`.
pub fn hebrew_date_string(d: CivilDate) -> String {
    let h = HebrewDate::from_gregorian(d);
    format!(
        "{} ב{} {}",
        numerals::format(u16::from(h.day)),
        names::hebrew_month_name(h.year, h.month),
        numerals::format_year(h.year)
    )
}

/// The Gregorian day in Hebrew: `יום שבת, 7 באוקטובר 2023`.
pub fn gregorian_date_string(d: CivilDate) -> String {
    format!(
        "יום {}, {} ב{} {}",
        names::weekday_name(weekday(d)),
        d.day,
        names::gregorian_month_name(d.month),
        d.year
    )
}

/// The full tooltip for a day: `יום שבת, 7 באוקטובר 2023 · כ"ב בתשרי תשפ"ד`.
pub fn tooltip(d: CivilDate) -> String {
    format!("{} · {}", gregorian_date_string(d), hebrew_date_string(d))
}

/// The two lines of the widget's tooltip for a value: what day or period it is, and for a
/// day its Hebrew-calendar date (`None` for other values), numerals written with the
/// typographic geresh and gershayim (`כ״ב בתשרי תשפ״ד`). `None` when [`describe`] has
/// nothing to say. This is the one implementation; the widget gets it from the wasm.
pub fn lines(value: &str) -> Option<(String, Option<String>)> {
    // Hours of one day: `2024-06-04T10:00/2024-06-04T14:00` → the day, 10:00–14:00.
    if let Some((a, b)) = value.split_once('/')
        && let (Some((da, ta)), Some((db, tb))) = (a.split_once('T'), b.split_once('T'))
        && da == db
        && ta.contains(':')
        && tb.contains(':')
        && let Some((day, hebrew)) = lines(da)
    {
        return Some((format!("{day}, {ta}–{tb}"), hebrew));
    }
    let (date_part, time_part) = match value.split_once('T') {
        Some((d, t)) if !value.contains('/') && !value.starts_with('P') => (d, Some(t)),
        _ => (value, None),
    };
    let Ok(d) = date_part.parse::<CivilDate>() else {
        return describe(value).map(|day| (day, None));
    };
    let mut day = gregorian_date_string(d);
    if let Some(t) = time_part {
        day.push_str(", ");
        day.push_str(&time_phrase(t));
    }
    let hebrew = hebrew_date_string(d)
        .replace('"', "\u{5F4}")
        .replace('\'', "\u{5F3}");
    Some((day, Some(hebrew)))
}

/// A time of day as said after a day: its part of day (`בערב`) or its clock (`בשעה 20:00`).
fn time_phrase(t: &str) -> String {
    part_of_day_name(t).map_or_else(|| format!("בשעה {t}"), str::to_string)
}

fn part_of_day_name(code: &str) -> Option<&'static str> {
    Some(match code {
        "MO" => "בבוקר",
        "MI" => "בצהריים",
        "AF" => "אחר הצהריים",
        "EV" => "בערב",
        "NI" => "בלילה",
        _ => return None,
    })
}

/// A Hebrew description of a TIMEX3 value produced by the engine, or `None` when the
/// value leaves the day unknown (`XXXX-10-07`) or is of a kind not described.
///
/// Days get [`tooltip`]; times add the clock or part of day; months, years, weeks,
/// decades, ranges and durations get a short phrase.
pub fn describe(value: &str) -> Option<String> {
    if let Some((a, b)) = value.split_once('/') {
        return Some(format!("{} – {}", describe(a)?, describe(b)?));
    }
    if let Some(rest) = value.strip_prefix('P') {
        return describe_duration(rest);
    }
    let (date_part, time_part) = match value.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (value, None),
    };
    if date_part.is_empty() {
        return Some(time_phrase(time_part?));
    }
    if date_part.contains('X') {
        if let Some(dec) = date_part
            .strip_suffix('X')
            .filter(|d| d.len() == 3 && !d.contains('X'))
        {
            return Some(format!("שנות ה-{}0 ({dec}0–{dec}9)", &dec[2..]));
        }
        if let Some(c) = date_part.strip_suffix("XX").filter(|c| c.len() == 2) {
            let century: u32 = c.parse().ok()?;
            return Some(format!("המאה ה-{}", century + 1));
        }
        return None;
    }
    if let Ok(d) = date_part.parse::<CivilDate>() {
        let base = tooltip(d);
        return Some(match time_part {
            None => base,
            Some(t) => format!("{base} · {}", time_phrase(t)),
        });
    }
    let parts: Vec<&str> = date_part.split('-').collect();
    match parts.as_slice() {
        [y] if y.len() == 4 => Some(format!("שנת {y}")),
        [y, w] if w.starts_with('W') => {
            Some(format!("שבוע {} של {y}", w[1..].trim_start_matches('0')))
        }
        [y, w, we] if w.starts_with('W') && *we == "WE" => Some(format!(
            "סוף השבוע, שבוע {} של {y}",
            w[1..].trim_start_matches('0')
        )),
        [y, q] if q.starts_with('Q') => Some(format!("רבעון {} של {y}", &q[1..])),
        [y, h] if h.starts_with('H') => Some(format!("מחצית {} של {y}", &h[1..])),
        [y, m] if m.len() == 2 => {
            let m: u8 = m.parse().ok()?;
            (1..=12)
                .contains(&m)
                .then(|| format!("{} {y}", names::gregorian_month_name(m)))
        }
        _ => None,
    }
}

fn describe_duration(rest: &str) -> Option<String> {
    let clock = rest.starts_with('T');
    let rest = rest.trim_start_matches('T');
    let unit = rest.chars().last()?;
    let n = &rest[..rest.len() - unit.len_utf8()];
    let name = match (clock, unit) {
        (true, 'H') => "שעות",
        (true, 'M') => "דקות",
        (false, 'D') => "ימים",
        (false, 'W') => "שבועות",
        (false, 'M') => "חודשים",
        (false, 'Y') => "שנים",
        _ => return None,
    };
    Some(format!("משך: {n} {name}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tooltips() {
        let d = CivilDate::new(2023, 10, 7).unwrap();
        assert_eq!(tooltip(d), "יום שבת, 7 באוקטובר 2023 · כ\"ב בתשרי תשפ\"ד");
        let purim = CivilDate::new(2024, 3, 24).unwrap();
        assert_eq!(hebrew_date_string(purim), "י\"ד באדר ב' תשפ\"ד");
    }

    #[test]
    fn widget_lines_for_periods_and_hours() {
        let l = |v: &str| lines(v).map(|(d, _)| d);
        assert_eq!(
            l("2024-06/2024-08").as_deref(),
            Some("יוני 2024 – אוגוסט 2024")
        );
        assert_eq!(
            l("2024-06-04T10:00/2024-06-04T14:00").as_deref(),
            Some("יום שלישי, 4 ביוני 2024, 10:00–14:00")
        );
        assert_eq!(
            l("2024-06-04T17:30").as_deref(),
            Some("יום שלישי, 4 ביוני 2024, בשעה 17:30")
        );
    }

    #[test]
    fn describes_values() {
        let cases = [
            ("2023-11", Some("נובמבר 2023")),
            ("2024", Some("שנת 2024")),
            ("2024-W10", Some("שבוע 10 של 2024")),
            ("199X", Some("שנות ה-90 (1990–1999)")),
            ("19XX", Some("המאה ה-20")),
            ("P6D", Some("משך: 6 ימים")),
            ("XXXX-10-07", None),
            ("T14:30", Some("בשעה 14:30")),
            ("2019/2021", Some("שנת 2019 – שנת 2021")),
            (
                "2024-06-03T20:00/2024-06-03T22:00",
                Some(
                    "יום שני, 3 ביוני 2024 · כ\"ו באייר תשפ\"ד · בשעה 20:00 – יום שני, 3 ביוני 2024 · כ\"ו באייר תשפ\"ד · בשעה 22:00",
                ),
            ),
        ];
        for (v, want) in cases {
            assert_eq!(describe(v).as_deref(), want, "{v}");
        }
        assert!(describe("2024-06-04TEV").unwrap().ends_with("· בערב"));
    }

    #[test]
    fn tooltip_lines() {
        let day = |d: &str, h: &str| Some((d.to_string(), Some(h.to_string())));
        let only = |d: &str| Some((d.to_string(), None));
        let cases = [
            (
                "2023-10-07",
                day("יום שבת, 7 באוקטובר 2023", "כ״ב בתשרי תשפ״ד"),
            ),
            (
                "2024-10-07",
                day("יום שני, 7 באוקטובר 2024", "ה׳ בתשרי תשפ״ה"),
            ),
            (
                "2025-03-11T20:00",
                day("יום שלישי, 11 במרץ 2025, בשעה 20:00", "י״א באדר תשפ״ה"),
            ),
            (
                "2025-03-11TEV",
                day("יום שלישי, 11 במרץ 2025, בערב", "י״א באדר תשפ״ה"),
            ),
            ("2023-11", only("נובמבר 2023")),
            ("2024-W22", only("שבוע 22 של 2024")),
            ("P6D", only("משך: 6 ימים")),
            ("2019/2021", only("שנת 2019 – שנת 2021")),
            ("T14:30", only("בשעה 14:30")),
            ("2023-02-30", None),
            ("XXXX-10-07", None),
            ("", None),
        ];
        for (v, want) in cases {
            assert_eq!(lines(v), want, "{v}");
        }
    }
}
