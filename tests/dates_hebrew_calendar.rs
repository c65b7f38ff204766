//! The Hebrew calendar against the reference table generated with pyluach
//! (`scripts/gen_hebrew_calendar.py`): conversion both ways, year lengths, and the
//! numerals of the Hebrew date string, for every row (1800–2200).

use tagit::dates::hebrew_calendar::{HebrewDate, days_in_year};
use tagit::dates::{CivilDate, hebrew_date_string, numerals};
use tagit::text::normalize::fold_str;

#[test]
fn reference_table() {
    let table = include_str!("fixtures/hebrew-calendar.tsv");
    let mut rows = 0;
    for line in table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let c: Vec<&str> = line.split('\t').collect();
        let g: CivilDate = c[0].parse().unwrap();
        let (y, m, d): (i32, u8, u8) = (
            c[1].parse().unwrap(),
            c[2].parse().unwrap(),
            c[3].parse().unwrap(),
        );
        let len: i64 = c[4].parse().unwrap();
        let h = HebrewDate::new(y, m, d).unwrap_or_else(|| panic!("{line}: not a valid day"));
        assert_eq!(h.to_gregorian(), g, "{line}: hebrew -> gregorian");
        assert_eq!(
            HebrewDate::from_gregorian(g),
            h,
            "{line}: gregorian -> hebrew"
        );
        assert_eq!(days_in_year(y), len, "{line}: year length");
        // pyluach writes `כ״ב תשרי תשפ״ד`; ours is `כ"ב בתשרי תשפ"ד`.
        let theirs = fold_str(c[5]);
        let ours = hebrew_date_string(g);
        let (t_day, t_year) = (
            theirs.split(' ').next().unwrap(),
            theirs.rsplit(' ').next().unwrap(),
        );
        assert!(ours.starts_with(&format!("{t_day} ב")), "{line}: {ours}");
        assert!(ours.ends_with(&format!(" {t_year}")), "{line}: {ours}");
        assert_eq!(numerals::parse_day(t_day), Some(d), "{line}");
        rows += 1;
    }
    assert!(rows >= 1000, "only {rows} rows");
}
