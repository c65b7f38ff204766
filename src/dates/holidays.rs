//! Jewish and Israeli holidays and named days, resolved like any year-less date (the
//! occurrence the tense or the text's anchor points to, `Ctx::reference`): `ראש השנה`,
//! `יום הכיפורים`, `ערב פסח`, `חנוכה`, `יום העצמאות`, …
//!
//! Multi-day holidays resolve to their first day (the day a reader needs to place the
//! text in time), unless the text speaks of their days (`במהלך חנוכה`, `בימי הפסח`); the
//! periods (`חול המועד`, `ימי בין המצרים`, `עשרת ימי תשובה`, `ספירת העומר`) resolve to
//! their range (`2023-10-01/2023-10-06`). The Israeli memorial days move away from Shabbat by law, and the rules
//! for that are applied here (see [`date_in_year`]). `שבועות` alone is also the plural of
//! "week", so it is only read as the holiday after `חג` or `ערב`.

use super::CivilDate;
use super::gregorian::{add_days, weekday};
use super::hebrew_calendar::{self as hc, HebrewDate};
use super::numerals;
use super::scan::{Ctx, Direction, Head};
use super::value::{self, Found};

/// A holiday or named day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holiday {
    /// 1 Tishrei.
    RoshHashana,
    /// 10 Tishrei.
    YomKippur,
    /// 15 Tishrei.
    Sukkot,
    /// 16 Tishrei, first day of the intermediate days of Sukkot.
    CholHamoedSukkot,
    /// 21 Tishrei.
    HoshanaRabba,
    /// 22 Tishrei in Israel.
    SimchatTorah,
    /// 25 Kislev.
    Hanukkah,
    /// 15 Shevat.
    TuBishvat,
    /// 14 Adar (Adar II in a leap year).
    Purim,
    /// 15 Adar.
    ShushanPurim,
    /// 14 Nisan, the Seder night's day.
    SederNight,
    /// 15 Nisan.
    Pesach,
    /// 16 Nisan, first day of the intermediate days of Pesach.
    CholHamoedPesach,
    /// Intermediate days, of whichever festival is nearer.
    CholHamoed,
    /// 27 Nisan, moved off Friday and Sunday.
    YomHashoah,
    /// The day before Independence Day.
    YomHazikaron,
    /// 5 Iyar, moved off Friday, Saturday and Monday.
    YomHaatzmaut,
    /// 18 Iyar.
    LagBaomer,
    /// 28 Iyar.
    YomYerushalayim,
    /// 6 Sivan.
    Shavuot,
    /// 9 Av, or 10 Av when the 9th is Shabbat.
    TishaBav,
    /// 15 Av.
    TuBav,
    /// 17 Tammuz to 9 Av, the Three Weeks.
    BeinHametzarim,
    /// 1 to 10 Tishrei.
    AseretYemeiTeshuva,
    /// 16 Nisan to 5 Sivan, the Omer.
    SefiratHaomer,
    /// 1 to 9 Av, the Nine Days.
    NineDays,
}

use Holiday::*;

/// Names as written in the press, longest variants first so that a longer name wins.
const NAMES: &[(&[&str], Holiday)] = &[
    (&["יום", "הזיכרון", "לשואה", "ולגבורה"], YomHashoah),
    (&["יום", "הזכרון", "לשואה", "ולגבורה"], YomHashoah),
    (&["יום", "השואה", "והגבורה"], YomHashoah),
    (
        &["יום", "הזיכרון", "לחללי", "מערכות", "ישראל"],
        YomHazikaron,
    ),
    (&["חול", "המועד", "סוכות"], CholHamoedSukkot),
    (&["חול", "המועד", "פסח"], CholHamoedPesach),
    (&["חול", "המועד", "של", "סוכות"], CholHamoedSukkot),
    (&["חול", "המועד", "של", "פסח"], CholHamoedPesach),
    (&["ימי", "בין", "המצרים"], BeinHametzarim),
    (&["בין", "המצרים"], BeinHametzarim),
    (&["שלושת", "השבועות"], BeinHametzarim),
    (&["עשרת", "ימי", "תשובה"], AseretYemeiTeshuva),
    (&["עשרת", "ימי", "התשובה"], AseretYemeiTeshuva),
    (&["ימי", "ספירת", "העומר"], SefiratHaomer),
    (&["ספירת", "העומר"], SefiratHaomer),
    (&["תשעת", "הימים"], NineDays),
    (&["ראש", "השנה"], RoshHashana),
    (&["יום", "הכיפורים"], YomKippur),
    (&["יום", "הכפורים"], YomKippur),
    (&["יום", "כיפור"], YomKippur),
    (&["יום", "כפור"], YomKippur),
    (&["חג", "הסוכות"], Sukkot),
    (&["חג", "סוכות"], Sukkot),
    (&["סוכות"], Sukkot),
    (&["הושענא", "רבה"], HoshanaRabba),
    (&["שמחת", "תורה"], SimchatTorah),
    (&["חג", "החנוכה"], Hanukkah),
    (&["חנוכה"], Hanukkah),
    (&["ט\"ו", "בשבט"], TuBishvat),
    (&["שושן", "פורים"], ShushanPurim),
    (&["חג", "הפורים"], Purim),
    (&["פורים"], Purim),
    (&["ליל", "הסדר"], SederNight),
    (&["חג", "הפסח"], Pesach),
    (&["חג", "פסח"], Pesach),
    (&["פסח"], Pesach),
    (&["חול", "המועד"], CholHamoed),
    (&["יום", "השואה"], YomHashoah),
    (&["יום", "הזיכרון"], YomHazikaron),
    (&["יום", "הזכרון"], YomHazikaron),
    (&["יום", "העצמאות"], YomHaatzmaut),
    (&["ל\"ג", "בעומר"], LagBaomer),
    (&["יום", "ירושלים"], YomYerushalayim),
    (&["חג", "השבועות"], Shavuot),
    (&["חג", "שבועות"], Shavuot),
    (&["תשעה", "באב"], TishaBav),
    (&["ט'", "באב"], TishaBav),
    (&["ט\"ו", "באב"], TuBav),
];

/// A quick exact filter over the first words of a table of names: a 256-bit set of a
/// hash of each first word's byte length, second byte (the letter, for Hebrew) and last
/// byte. The holiday rule runs at every head of every token; nearly every word fails this
/// test in one bit lookup instead of ~40 string comparisons (the length and the letter
/// tested apart let a third of the words through).
struct FirstWords {
    bits: [u64; 4],
}

impl FirstWords {
    /// The bit of `word` (any byte string; 0 for the empty one).
    const fn bit(b: &[u8]) -> u8 {
        if b.is_empty() {
            return 0;
        }
        let second = if b.len() > 1 { b[1] } else { 0 };
        let last = b[b.len() - 1];
        let h = (b.len() as u32)
            .wrapping_mul(0x9e37_79b1)
            .wrapping_add((second as u32).wrapping_mul(0x85eb_ca6b))
            .wrapping_add((last as u32).wrapping_mul(0xc2b2_ae35));
        (h >> 24) as u8
    }

    const fn of(names: &[(&[&str], Holiday)]) -> FirstWords {
        let mut f = FirstWords { bits: [0; 4] };
        let mut i = 0;
        while i < names.len() {
            let k = Self::bit(names[i].0[0].as_bytes());
            f.bits[(k >> 6) as usize] |= 1 << (k & 63);
            i += 1;
        }
        f
    }

    /// False when `word` is certainly not one of the first words.
    #[inline]
    fn may_contain(&self, word: &str) -> bool {
        let k = Self::bit(word.as_bytes());
        self.bits[(k >> 6) as usize] & (1 << (k & 63)) != 0
    }
}

/// A table of names with the filter over its first words.
struct Table {
    names: &'static [(&'static [&'static str], Holiday)],
    first: FirstWords,
}

impl Table {
    const fn new(names: &'static [(&'static [&'static str], Holiday)]) -> Table {
        Table {
            names,
            first: FirstWords::of(names),
        }
    }
}

const HOLIDAYS: Table = Table::new(NAMES);
const EREV_ONLY: Table = Table::new(AFTER_EREV);

/// Names accepted only right after `ערב` (`ערב שבועות`).
const AFTER_EREV: &[(&[&str], Holiday)] = &[(&["שבועות"], Shavuot)];

/// The Gregorian day of `holiday` in Hebrew year `year` (None for [`CholHamoed`], which
/// the caller splits).
pub fn date_in_year(holiday: Holiday, year: i32) -> Option<CivilDate> {
    let at = |m: u8, d: u8| HebrewDate::new(year, m, d).map(HebrewDate::to_gregorian);
    let adar = if hc::is_leap(year) {
        hc::ADAR_II
    } else {
        hc::ADAR
    };
    Some(match holiday {
        RoshHashana => at(hc::TISHREI, 1)?,
        YomKippur => at(hc::TISHREI, 10)?,
        Sukkot => at(hc::TISHREI, 15)?,
        CholHamoedSukkot => at(hc::TISHREI, 16)?,
        HoshanaRabba => at(hc::TISHREI, 21)?,
        SimchatTorah => at(hc::TISHREI, 22)?,
        Hanukkah => at(hc::KISLEV, 25)?,
        TuBishvat => at(hc::SHEVAT, 15)?,
        Purim => at(adar, 14)?,
        ShushanPurim => at(adar, 15)?,
        SederNight => at(hc::NISAN, 14)?,
        Pesach => at(hc::NISAN, 15)?,
        CholHamoedPesach => at(hc::NISAN, 16)?,
        CholHamoed => return None,
        YomHashoah => {
            let d = at(hc::NISAN, 27)?;
            match weekday(d) {
                5 => add_days(d, -1),
                0 => add_days(d, 1),
                _ => d,
            }
        }
        YomHazikaron => add_days(date_in_year(YomHaatzmaut, year)?, -1),
        YomHaatzmaut => {
            let d = at(hc::IYAR, 5)?;
            match weekday(d) {
                5 => add_days(d, -1),
                6 => add_days(d, -2),
                1 if year >= 5764 => add_days(d, 1),
                _ => d,
            }
        }
        LagBaomer => at(hc::IYAR, 18)?,
        YomYerushalayim => at(hc::IYAR, 28)?,
        Shavuot => at(hc::SIVAN, 6)?,
        TishaBav => {
            let d = at(hc::AV, 9)?;
            if weekday(d) == 6 { add_days(d, 1) } else { d }
        }
        TuBav => at(hc::AV, 15)?,
        BeinHametzarim => at(hc::TAMMUZ, 17)?,
        AseretYemeiTeshuva => at(hc::TISHREI, 1)?,
        SefiratHaomer => at(hc::NISAN, 16)?,
        NineDays => at(hc::AV, 1)?,
    })
}

/// How many days after its first a period (or a festival read as its days) lasts: `None`
/// for a holiday of one day.
fn extra_days(holiday: Holiday, whole_festival: bool) -> Option<i64> {
    match holiday {
        CholHamoedSukkot => Some(5),
        CholHamoedPesach => Some(4),
        BeinHametzarim => Some(21),
        AseretYemeiTeshuva => Some(9),
        SefiratHaomer => Some(48),
        NineDays => Some(8),
        Hanukkah if whole_festival => Some(7),
        Sukkot | Pesach if whole_festival => Some(6),
        _ => None,
    }
}

/// True when the words before token `i` speak of a festival's days, not its first day:
/// `במהלך חנוכה`, `בימי הפסח`, `לאורך חג הסוכות`, `כל חנוכה`.
fn whole_festival(ctx: &Ctx<'_, '_>, h: &Head<'_>) -> bool {
    // Stems: `במהלך`, `בימי`, `לאורך` reach these after their prefix is peeled.
    ctx.any_stem(h.anchor.wrapping_sub(1), |w| {
        matches!(w, "מהלך" | "אורך" | "ימי" | "כל" | "משך")
    })
}

/// The value of `holiday` starting on `first`: the day, or the range of its days.
fn holiday_value(holiday: Holiday, first: CivilDate, whole: bool) -> String {
    match extra_days(holiday, whole) {
        Some(n) => value::range(&value::day(first), &value::day(add_days(first, n))),
        None => value::day(first),
    }
}

/// The occurrence of `holiday` in `dir` from `r`: the last one on or before it, the next
/// one on or after it, or the nearer of the two.
pub fn occurrence(holiday: Holiday, r: CivilDate, dir: Direction) -> Option<CivilDate> {
    if holiday == CholHamoed {
        let a = occurrence(CholHamoedSukkot, r, dir);
        let b = occurrence(CholHamoedPesach, r, dir);
        return value::nearer(r, a, b);
    }
    let hy = HebrewDate::from_gregorian(r).year;
    let days: Vec<CivilDate> = (hy - 2..=hy + 2)
        .filter_map(|y| date_in_year(holiday, y))
        .collect();
    let past = days.iter().copied().filter(|d| *d <= r).max();
    let next = days.iter().copied().filter(|d| *d >= r).min();
    dir.pick(r, past, next)
}

/// Matches `names` at the head (the first word already stripped of its prefix).
fn match_name(
    ctx: &Ctx<'_, '_>,
    first: &str,
    tok: usize,
    table: &Table,
) -> Option<(Holiday, usize)> {
    if !table.first.may_contain(first) {
        return None;
    }
    table.names.iter().find_map(|(words, hol)| {
        let ok = words[0] == first
            && words[1..]
                .iter()
                .enumerate()
                .all(|(k, w)| ctx.w(tok + 1 + k) == *w);
        ok.then_some((*hol, tok + words.len()))
    })
}

/// `ראש השנה`, `ערב יום כיפור`, `בפסח`, `חנוכה תשפ"ד`, `פסח 2024`.
pub(crate) fn holiday(ctx: &Ctx<'_, '_>, h: &Head<'_>) -> Option<Found> {
    let (hol, end, erev) = if h.first == "ערב" {
        let first = ctx.w(h.tok + 1);
        let (hol, end) = match_name(ctx, first, h.tok + 1, &HOLIDAYS)
            .or_else(|| match_name(ctx, first, h.tok + 1, &EREV_ONLY))
            .or_else(|| {
                // `ערב החג` is not resolvable; `ערב הפסח` is.
                let bare = first.strip_prefix('ה')?;
                match_name(ctx, bare, h.tok + 1, &HOLIDAYS)
            })?;
        (hol, end, true)
    } else {
        let (hol, end) = match_name(ctx, h.first, h.tok, &HOLIDAYS)?;
        (hol, end, false)
    };
    let shift = |d: CivilDate| if erev { add_days(d, -1) } else { d };
    let whole = !erev && whole_festival(ctx, h);
    let value_of = |d: CivilDate| {
        if erev {
            value::day(shift(d))
        } else {
            holiday_value(hol, d, whole)
        }
    };
    // An explicit year: `פסח 2024`, `ראש השנה תשפ"ה`.
    let year_word = ctx.w(end);
    if let Some(hy) = numerals::parse_year(year_word) {
        let d = date_in_year(
            if hol == CholHamoed {
                CholHamoedPesach
            } else {
                hol
            },
            hy,
        )?;
        return Some(Found::date(end + 1, value_of(d), 0.95));
    }
    if year_word.len() == 4
        && let Ok(gy) = year_word.parse::<i32>()
        && (1800..=2200).contains(&gy)
    {
        let d = (gy + 3760..=gy + 3761)
            .filter_map(|y| date_in_year(hol, y))
            .find(|d| d.year == gy)?;
        return Some(Found::date(end + 1, value_of(d), 0.95));
    }
    let v = match ctx.reference(h.tok) {
        Some((r, dir)) => value_of(occurrence(hol, r, dir)?),
        None => "XXXX-XX-XX".to_string(),
    };
    Some(Found::date(end, v, 0.92))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_word_filter_passes_every_first_word_and_rejects_most_others() {
        for table in [&HOLIDAYS, &EREV_ONLY] {
            for (words, _) in table.names {
                assert!(table.first.may_contain(words[0]), "{words:?}");
            }
        }
        let text = "הממשלה החליטה אתמול להעביר את התקציב לאחר דיון ארוך בכנסת ובוועדת הכספים";
        let passed = text
            .split(' ')
            .filter(|w| HOLIDAYS.first.may_contain(w))
            .count();
        assert!(passed <= 2, "{passed} of 12 ordinary words pass");
    }

    fn g(y: i32, m: u8, d: u8) -> CivilDate {
        CivilDate::new(y, m, d).unwrap()
    }

    #[test]
    fn holiday_dates() {
        let cases = [
            (RoshHashana, 5784, g(2023, 9, 16)),
            (YomKippur, 5784, g(2023, 9, 25)),
            (Hanukkah, 5784, g(2023, 12, 8)),
            (Purim, 5784, g(2024, 3, 24)),
            (Pesach, 5784, g(2024, 4, 23)),
            // 2024: 5 Iyar was Monday 13 May, moved to Tuesday.
            (YomHaatzmaut, 5784, g(2024, 5, 14)),
            (YomHazikaron, 5784, g(2024, 5, 13)),
            // 2023: 5 Iyar was Wednesday 26 April.
            (YomHaatzmaut, 5783, g(2023, 4, 26)),
            // 2024: 27 Nisan was Sunday 5 May, moved to Monday.
            (YomHashoah, 5784, g(2024, 5, 6)),
            (Shavuot, 5784, g(2024, 6, 12)),
            // 2024: 9 Av was Tuesday 13 August.
            (TishaBav, 5784, g(2024, 8, 13)),
            // 2025: 9 Av was Shabbat 2 August, observed Sunday.
            (TishaBav, 5785, g(2025, 8, 3)),
        ];
        for (h, y, want) in cases {
            assert_eq!(date_in_year(h, y), Some(want), "{h:?} {y}");
        }
    }

    #[test]
    fn nearest_occurrence() {
        let near = |h| occurrence(h, g(2024, 6, 4), Direction::Nearest);
        assert_eq!(near(Pesach), Some(g(2024, 4, 23)));
        assert_eq!(near(RoshHashana), Some(g(2024, 10, 3)));
        assert_eq!(
            occurrence(Pesach, g(2024, 6, 4), Direction::Future),
            Some(g(2025, 4, 13))
        );
    }
}
