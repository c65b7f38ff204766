//! The temporal vocabulary: month names (Gregorian and Hebrew), weekdays, number words,
//! units, and the words that cue or veto a date reading.
//!
//! All lookups take folded words (see [`crate::text::normalize`]) and allocate nothing.
//! Spelling variants are listed explicitly — Israeli press uses both `מרץ` and `מרס`,
//! `חשוון` and `חשון` — rather than fuzzily, because a fuzzy month matcher finds months
//! in ordinary words.

use super::CivilDate;
use super::hebrew_calendar as hc;

/// Gregorian month names with their variants; abbreviations are matched separately
/// because they need a following geresh.
const GREGORIAN_MONTHS: &[(&str, u8)] = &[
    ("ינואר", 1),
    ("פברואר", 2),
    ("מרץ", 3),
    ("מרס", 3),
    ("מארס", 3),
    ("מארץ", 3),
    ("אפריל", 4),
    ("מאי", 5),
    ("יוני", 6),
    ("יולי", 7),
    ("אוגוסט", 8),
    ("ספטמבר", 9),
    ("אוקטובר", 10),
    ("נובמבר", 11),
    ("דצמבר", 12),
];

/// Abbreviations written with a geresh (`ינו'`, `אוק'`), as in tables and captions.
const GREGORIAN_ABBREVIATIONS: &[(&str, u8)] = &[
    ("ינו", 1),
    ("פבר", 2),
    ("פב", 2),
    ("אפר", 4),
    ("אוג", 8),
    ("ספט", 9),
    ("ספ", 9),
    ("אוק", 10),
    ("נוב", 11),
    ("דצמ", 12),
    ("דצ", 12),
];

/// The Gregorian month named by a full word, 1..=12.
pub fn gregorian_month(word: &str) -> Option<u8> {
    lookup(GREGORIAN_MONTHS, word)
}

/// The Gregorian month named by an abbreviation (to be followed by a geresh).
pub fn gregorian_abbreviation(word: &str) -> Option<u8> {
    lookup(GREGORIAN_ABBREVIATIONS, word)
}

/// Month names that are also common words even after ב (`במאי` "director", `במרץ`
/// "vigorously"): alone they need a year, a day or a modifier.
pub fn ambiguous_month_word(word: &str) -> bool {
    matches!(word, "מאי" | "מרץ" | "מרס")
}

/// Hebrew month names (one word); `אדר א'`/`אדר ב'` are resolved by the caller.
const HEBREW_MONTHS: &[(&str, u8)] = &[
    ("תשרי", hc::TISHREI),
    ("חשוון", hc::HESHVAN),
    ("חשון", hc::HESHVAN),
    ("מרחשוון", hc::HESHVAN),
    ("מרחשון", hc::HESHVAN),
    ("כסלו", hc::KISLEV),
    ("כסליו", hc::KISLEV),
    ("טבת", hc::TEVET),
    ("שבט", hc::SHEVAT),
    ("אדר", hc::ADAR),
    ("ניסן", hc::NISAN),
    ("אייר", hc::IYAR),
    ("איר", hc::IYAR),
    ("סיוון", hc::SIVAN),
    ("סיון", hc::SIVAN),
    ("תמוז", hc::TAMMUZ),
    ("אב", hc::AV),
    ("אלול", hc::ELUL),
];

/// The Hebrew month named by `word` (numbered from Nisan).
pub fn hebrew_month(word: &str) -> Option<u8> {
    lookup(HEBREW_MONTHS, word)
}

/// The Hebrew name of a Gregorian month, for tooltips.
pub fn gregorian_month_name(month: u8) -> &'static str {
    const NAMES: [&str; 12] = [
        "ינואר",
        "פברואר",
        "מרץ",
        "אפריל",
        "מאי",
        "יוני",
        "יולי",
        "אוגוסט",
        "ספטמבר",
        "אוקטובר",
        "נובמבר",
        "דצמבר",
    ];
    NAMES[usize::from(month.clamp(1, 12)) - 1]
}

/// The name of a Hebrew month as written after a day (`בתשרי`), leap-year aware.
pub fn hebrew_month_name(year: i32, month: u8) -> &'static str {
    match month {
        hc::NISAN => "ניסן",
        hc::IYAR => "אייר",
        hc::SIVAN => "סיוון",
        hc::TAMMUZ => "תמוז",
        hc::AV => "אב",
        hc::ELUL => "אלול",
        hc::TISHREI => "תשרי",
        hc::HESHVAN => "חשוון",
        hc::KISLEV => "כסלו",
        hc::TEVET => "טבת",
        hc::SHEVAT => "שבט",
        hc::ADAR if hc::is_leap(year) => "אדר א'",
        hc::ADAR => "אדר",
        _ => "אדר ב'",
    }
}

/// Weekday names as used after `יום`: 0 = Sunday … 6 = Saturday.
pub fn weekday_ordinal(word: &str) -> Option<u8> {
    match word {
        "ראשון" => Some(0),
        "שני" => Some(1),
        "שלישי" => Some(2),
        "רביעי" => Some(3),
        "חמישי" => Some(4),
        "שישי" => Some(5),
        "שבת" => Some(6),
        // `יום א'` … `יום ו'`.
        "א'" => Some(0),
        "ב'" => Some(1),
        "ג'" => Some(2),
        "ד'" => Some(3),
        "ה'" => Some(4),
        "ו'" => Some(5),
        "ש'" => Some(6),
        _ => None,
    }
}

/// The Hebrew name of a weekday (0 = Sunday), for tooltips.
pub fn weekday_name(wd: u8) -> &'static str {
    const NAMES: [&str; 7] = ["ראשון", "שני", "שלישי", "רביעי", "חמישי", "שישי", "שבת"];
    NAMES[usize::from(wd % 7)]
}

/// Cardinal number words (both genders, absolute and construct forms) for the small
/// quantities news text spells out: `שלושה ימים`, `שלוש שנים`, `שלושת הימים`.
pub fn number_word(word: &str) -> Option<u32> {
    Some(match word {
        "אחד" | "אחת" => 1,
        "שניים" | "שתיים" | "שני" | "שתי" => 2,
        "שלושה" | "שלוש" | "שלושת" | "שלשה" | "שלש" => 3,
        "ארבעה" | "ארבע" | "ארבעת" => 4,
        "חמישה" | "חמש" | "חמשת" => 5,
        "שישה" | "שש" | "ששת" | "ששה" => 6,
        "שבעה" | "שבע" | "שבעת" => 7,
        "שמונה" | "שמונת" => 8,
        "תשעה" | "תשע" | "תשעת" => 9,
        "עשרה" | "עשר" | "עשרת" => 10,
        "אחד-עשר" | "אחת-עשרה" => 11,
        "שנים-עשר" | "שתים-עשרה" => 12,
        "עשרים" => 20,
        "שלושים" => 30,
        "ארבעים" => 40,
        "חמישים" => 50,
        "מאה" => 100,
        _ => return None,
    })
}

/// A calendar unit, for durations and offsets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Minutes.
    Minute,
    /// Hours.
    Hour,
    /// Days.
    Day,
    /// Weeks.
    Week,
    /// Months.
    Month,
    /// Years.
    Year,
    /// Decades.
    Decade,
}

impl Unit {
    /// The ISO 8601 duration letter.
    pub fn iso_letter(self) -> char {
        match self {
            Unit::Minute => 'M',
            Unit::Hour => 'H',
            Unit::Day => 'D',
            Unit::Week => 'W',
            Unit::Month => 'M',
            Unit::Year => 'Y',
            Unit::Decade => 'E',
        }
    }

    /// True for units below a day (ISO writes them after `T`).
    pub fn is_clock(self) -> bool {
        matches!(self, Unit::Minute | Unit::Hour)
    }
}

/// A unit word with its count when the word itself carries one (the dual: `יומיים` = 2
/// days). Singular and plural, with and without the article.
pub fn unit_word(word: &str) -> Option<(Unit, Option<u32>)> {
    let w = word
        .strip_prefix('ה')
        .filter(|w| unit_word_bare(w).is_some());
    unit_word_bare(w.unwrap_or(word))
}

fn unit_word_bare(word: &str) -> Option<(Unit, Option<u32>)> {
    Some(match word {
        "דקה" | "דקות" => (Unit::Minute, None),
        "שעה" | "שעות" => (Unit::Hour, None),
        "שעתיים" => (Unit::Hour, Some(2)),
        "יום" | "ימים" => (Unit::Day, None),
        "יממה" | "יממות" => (Unit::Day, None),
        "יומיים" => (Unit::Day, Some(2)),
        "שבוע" | "שבועות" => (Unit::Week, None),
        "שבועיים" => (Unit::Week, Some(2)),
        "חודש" | "חודשים" => (Unit::Month, None),
        "חודשיים" => (Unit::Month, Some(2)),
        "שנה" | "שנים" => (Unit::Year, None),
        "שנתיים" => (Unit::Year, Some(2)),
        "עשור" | "עשורים" => (Unit::Decade, None),
        _ => return None,
    })
}

/// Decade words after `שנות ה`: `שנות התשעים` = the 90s.
pub fn decade_word(word: &str) -> Option<u32> {
    Some(match word {
        "עשרים" => 20,
        "שלושים" => 30,
        "ארבעים" => 40,
        "חמישים" => 50,
        "שישים" => 60,
        "שבעים" => 70,
        "שמונים" => 80,
        "תשעים" => 90,
        _ => return None,
    })
}

/// Ordinal words for centuries and quarters (`המאה העשרים`, `הרבעון השלישי`).
pub fn ordinal_word(word: &str) -> Option<u32> {
    Some(match word {
        "ראשון" | "ראשונה" => 1,
        "שני" | "שנייה" | "שניה" => 2,
        "שלישי" | "שלישית" => 3,
        "רביעי" | "רביעית" => 4,
        "חמישי" | "חמישית" => 5,
        "שישי" | "שישית" => 6,
        "שביעי" | "שביעית" => 7,
        "שמיני" | "שמינית" => 8,
        "תשיעי" | "תשיעית" => 9,
        "עשירי" | "עשירית" => 10,
        "עשרים" => 20,
        "אחת-עשרה" | "האחת-עשרה" => 11,
        "שתים-עשרה" => 12,
        "תשע-עשרה" => 19,
        "עשרים-ואחת" | "העשרים-ואחת" => 21,
        _ => return None,
    })
}

/// Words right after a number that make it a quantity, not a year or a date
/// (`ב-2024 שקלים`, `ב-1.5 מיליון`).
pub fn is_quantity_word(word: &str) -> bool {
    matches!(
        word,
        "שקל"
            | "שקלים"
            | "ש\"ח"
            | "דולר"
            | "דולרים"
            | "אירו"
            | "יורו"
            | "ליש\"ט"
            | "אחוז"
            | "אחוזים"
            | "נקודות"
            | "נקודה"
            | "מיליון"
            | "מיליארד"
            | "אלף"
            | "אלפי"
            | "איש"
            | "אנשים"
            | "בני"
            | "תושבים"
            | "חיילים"
            | "הרוגים"
            | "פצועים"
            | "נפגעים"
            | "מטר"
            | "מטרים"
            | "מ\"ר"
            | "ק\"מ"
            | "קילומטר"
            | "קילומטרים"
            | "ק\"ג"
            | "קילו"
            | "טון"
            | "טונות"
            | "ליטר"
            | "מעלות"
            | "יחידות"
            | "דירות"
            | "מקומות"
            | "מנדטים"
            | "קולות"
            | "ש\"ח."
            | "%"
    )
}

/// Words that tell a weekday or a day without a year lies ahead of the document date
/// (the default in news is the most recent past occurrence).
pub fn is_future_cue(word: &str) -> bool {
    matches!(
        word,
        "יתקיים"
            | "תתקיים"
            | "יתקיימו"
            | "ייערך"
            | "תיערך"
            | "ייערכו"
            | "צפוי"
            | "צפויה"
            | "צפויים"
            | "צפויות"
            | "ייפגש"
            | "יפגש"
            | "ייפגשו"
            | "יגיע"
            | "תגיע"
            | "יגיעו"
            | "ייכנס"
            | "תיכנס"
            | "יחל"
            | "תחל"
            | "יחלו"
            | "אמור"
            | "אמורה"
            | "אמורים"
            | "עתיד"
            | "עתידה"
            | "עתידים"
            | "יתכנס"
            | "תתכנס"
            | "יופיע"
            | "תופיע"
            | "ינאם"
            | "יצביעו"
            | "תצביע"
            | "יוכרז"
            | "תוכרז"
            | "ייפתח"
            | "תיפתח"
            | "יוצג"
            | "תוצג"
            | "ייחנך"
            | "יסתיים"
            | "תסתיים"
            | "יידון"
            | "תידון"
            | "יחזור"
            | "תחזור"
            | "יבקר"
            | "תבקר"
            | "ימריא"
            | "יושק"
            | "תושק"
            | "ייכנסו"
            | "יתחיל"
            | "תתחיל"
    ) || FUTURE_CUES.contains(&word)
}

/// More future cues: markers (`הקרוב`, `הבא`) and verbs of coming events.
const FUTURE_CUES: &[&str] = &[
    "הקרוב",
    "הקרובה",
    "הקרובים",
    "הבא",
    "הבאה",
    "הבאים",
    "יחול",
    "תחול",
    "יחולו",
    "ייחתם",
    "תיחתם",
    "ייחתמו",
    "ייערכו",
    "תיערכנה",
    "יתקיימו",
    "יוצגו",
    "יושק",
    "יושקו",
    "יפורסם",
    "תפורסם",
    "יפורסמו",
    "יוכרזו",
    "ייבחר",
    "תיבחר",
    "יבחרו",
    "ייפתחו",
    "יסתיימו",
    "יתכנסו",
    "יגיש",
    "תגיש",
    "יגישו",
    "יחגגו",
    "יציין",
    "תציין",
    "יצוין",
    "תצוין",
    "יצוינו",
    "ינחת",
    "תנחת",
    "יטוס",
    "תטוס",
    "ינאמו",
    "יעלה",
    "תעלה",
    "יעלו",
    "יוגש",
    "תוגש",
    "יוגשו",
    "יתחילו",
    "ישודר",
    "תשודר",
    "ישודרו",
    "יבוא",
    "תבוא",
    "יבואו",
    "ייכנס",
    "בכוונתו",
    "בכוונתה",
    "מתוכנן",
    "מתוכננת",
    "מתוכננים",
    "מתוכננות",
];

/// Words near a year-less date, weekday or holiday that say it lies in the past of the
/// reference day: past-tense verbs of the news (`נערך`, `התקיימה`, `הודיעו`) and markers
/// (`שעבר`, `מאז`). Hand-picked, as the future cues are; with neither, the nearest
/// occurrence is taken (see `scan::Ctx::tense`).
pub fn is_past_cue(word: &str) -> bool {
    PAST_CUES.contains(&word)
}

const PAST_CUES: &[&str] = &[
    "שעבר",
    "שעברה",
    "שעברו",
    "שחלף",
    "שחלפה",
    "שחלפו",
    "מאז",
    "התקיים",
    "התקיימה",
    "התקיימו",
    "נערך",
    "נערכה",
    "נערכו",
    "נפתח",
    "נפתחה",
    "נפתחו",
    "הסתיים",
    "הסתיימה",
    "הסתיימו",
    "נחתם",
    "נחתמה",
    "נחתמו",
    "אירע",
    "אירעה",
    "אירעו",
    "היה",
    "הייתה",
    "היתה",
    "היו",
    "פרץ",
    "פרצה",
    "פרצו",
    "החלה",
    "החלו",
    "הודיע",
    "הודיעה",
    "הודיעו",
    "אמר",
    "אמרה",
    "אמרו",
    "נפגש",
    "נפגשה",
    "נפגשו",
    "ביקר",
    "ביקרה",
    "ביקרו",
    "נרצח",
    "נרצחה",
    "נרצחו",
    "נהרג",
    "נהרגה",
    "נהרגו",
    "נפטר",
    "נפטרה",
    "נולד",
    "נולדה",
    "נולדו",
    "הגיע",
    "הגיעה",
    "הגיעו",
    "פורסם",
    "פורסמה",
    "פורסמו",
    "נעצר",
    "נעצרה",
    "נעצרו",
    "הוכרז",
    "הוכרזה",
    "הוכרזו",
    "נבחר",
    "נבחרה",
    "נבחרו",
    "התכנס",
    "התכנסה",
    "התכנסו",
    "עצר",
    "עצרה",
    "עצרו",
    "ניצח",
    "ניצחה",
    "ניצחו",
    "הפסיד",
    "הפסידה",
    "הפסידו",
    "חזר",
    "חזרה",
    "חזרו",
    "יצאה",
    "נכנס",
    "נכנסה",
    "נכנסו",
    "הוקם",
    "הוקמה",
    "הוקמו",
    "נפל",
    "נפלה",
    "נפלו",
    "קרה",
    "קרתה",
    "התרחש",
    "התרחשה",
    "התרחשו",
    "נשמע",
    "נשמעה",
    "נשמעו",
    "הותקף",
    "הותקפה",
    "הותקפו",
    "תקף",
    "תקפה",
    "תקפו",
    "שוחרר",
    "שוחררה",
    "שוחררו",
    "נחנך",
    "נחנכה",
    "נחנכו",
    "הושק",
    "הושקה",
    "הושקו",
    "נמסר",
    "נמסרה",
    "נמסרו",
    "צוין",
    "צוינה",
    "צוינו",
    "נחגג",
    "נחגגה",
    "נחגגו",
    "הוחלט",
    "הוחלטה",
    "החליט",
    "החליטה",
    "החליטו",
    "אישר",
    "אישרה",
    "אישרו",
    "נסגר",
    "נסגרה",
    "נסגרו",
    "התפטר",
    "התפטרה",
    "התפטרו",
    "נשא",
    "נשאה",
    "נשאו",
    "הצביע",
    "הצביעה",
    "הצביעו",
    "נדחה",
    "נדחתה",
    "נדחו",
    "הופיע",
    "הופיעה",
    "הופיעו",
    "נרשם",
    "נרשמה",
    "נרשמו",
    "חגג",
    "חגגה",
    "חגגו",
    "ציין",
    "ציינה",
    "ציינו",
    "טס",
    "טסה",
    "טסו",
    "נחת",
    "נחתה",
    "נחתו",
    "הודה",
    "הודתה",
    "הודו",
    "נמצא",
    "נמצאה",
    "נמצאו",
    "הוצג",
    "הוצגה",
    "הוצגו",
    "הועבר",
    "הועברה",
    "הועברו",
    "התחיל",
    "התחילה",
    "התחילו",
    "סיים",
    "סיימה",
    "סיימו",
    "נכבש",
    "נכבשה",
    "נכבשו",
    "נחשף",
    "נחשפה",
    "נחשפו",
    "השתתף",
    "השתתפה",
    "השתתפו",
    "הגיש",
    "הגישה",
    "הגישו",
    "שודר",
    "שודרה",
    "שודרו",
    "נאם",
    "נאמה",
    "נאמו",
    "הוגש",
    "הוגשה",
    "הוגשו",
    "נשלח",
    "נשלחה",
    "נשלחו",
    "התקבל",
    "התקבלה",
    "התקבלו",
    "דווח",
    "דווחה",
    "דווחו",
];

/// The day a year-less day-month at token `i` names, when it is one of the dates Hebrew
/// news uses as names of events ([`NAMED_DATES`]) and one of its cue words stands in the
/// four words before it (`מאז 7 באוקטובר`, `פיגועי 11 בספטמבר`), the article being dated
/// after the event (or undated).
pub fn named_day(
    ctx: &super::scan::Ctx<'_, '_>,
    i: usize,
    month: u8,
    day: u8,
) -> Option<CivilDate> {
    let &(_, _, year, own) = NAMED_DATES
        .iter()
        .find(|(m, d, _, _)| *m == month && *d == day)?;
    let cued = (i.saturating_sub(4)..i)
        .any(|j| ctx.any_stem(j, |w| own.contains(&w) || EVENT_CUES.contains(&w)));
    CivilDate::new(year, month, day).filter(|d| cued && ctx.dct.is_none_or(|dct| *d <= dct))
}

/// (month, day, year, cue words of its own besides `EVENT_CUES`): the dates Hebrew news
/// uses as names of events, written from general knowledge. Elsewhere (`הבחירות יתקיימו
/// ב-7 באוקטובר`) such a date is an ordinary one.
pub const NAMED_DATES: &[(u8, u8, i32, &[&str])] = &[
    (10, 7, 2023, OCTOBER_SEVENTH),
    (9, 11, 2001, &[]),
    (11, 4, 1995, &[]),
    (11, 29, 1947, PARTITION),
    (11, 9, 1938, &[]),
    (5, 14, 1948, &[]),
    (1, 6, 2021, &[]),
    (2, 24, 2022, &[]),
    (11, 13, 2015, &[]),
    (8, 4, 2020, &[]),
];

/// Words before a date that make it the name of an event: `מאז`, `פיגועי`, `אירועי`,
/// `טבח`, `רצח` …
const EVENT_CUES: &[&str] = &[
    "מאז",
    "אחרי",
    "לאחר",
    "לפני",
    "אירועי",
    "האירועים",
    "אירוע",
    "פיגועי",
    "פיגוע",
    "הפיגועים",
    "מתקפת",
    "מתקפות",
    "המתקפה",
    "טבח",
    "הטבח",
    "אסון",
    "האסון",
    "רצח",
    "הרצח",
    "פלישת",
    "הפלישה",
    "פיצוץ",
    "הפיצוץ",
    "ליל",
    "ועדת",
    "הכרזת",
    "הקמת",
    "זוועות",
    "קורבנות",
    "טרור",
    "הסתערות",
    "ההסתערות",
    "מהומות",
];
const OCTOBER_SEVENTH: &[&str] = &[
    "שבת",
    "השבת",
    "מחדל",
    "המחדל",
    "השחורה",
    "הארור",
    "מלחמת",
    "ניצולי",
    "ניצולות",
    "חטופי",
    "נרצחי",
    "טראומת",
    "של",
];
const PARTITION: &[&str] = &["החלטת", "ההחלטה", "הצבעת", "ההצבעה", "עצרת", "העצרת"];

/// Words before a number that make it a score, not a time (`ניצחה 2:1`).
pub fn is_score_cue(word: &str) -> bool {
    matches!(
        word,
        "ניצחה"
            | "ניצח"
            | "ניצחון"
            | "הפסידה"
            | "הפסיד"
            | "הפסד"
            | "תוצאה"
            | "בתוצאה"
            | "יתרון"
            | "ביתרון"
            | "שוויון"
            | "סיימה"
            | "תיקו"
            | "מול"
            | "נגד"
            | "יחס"
            | "ביחס"
    )
}

/// Deictic words: their time is the moment of writing, so a stated anchor no longer
/// governs what follows them (`ב-2019 … השבוע הודיע כי ייפגש עמו ב-5 באפריל`).
pub fn is_deictic(stem: &str) -> bool {
    matches!(
        stem,
        "היום"
            | "אתמול"
            | "שלשום"
            | "מחר"
            | "מחרתיים"
            | "אמש"
            | "השבוע"
            | "החודש"
            | "השנה"
            | "הלילה"
            | "הבוקר"
            | "הערב"
            | "עכשיו"
            | "כעת"
            | "כיום"
    )
}

/// The heads of war and operation names (`מלחמת`, `מבצע`): with a date, a holiday or a
/// duration after them they name an event (`מלחמת ששת הימים`).
pub fn is_event_head(stem: &str) -> bool {
    matches!(stem, "מלחמת" | "מבצע")
}

/// Words (stems) before an expression that make it part of a name, not a date:
/// `מלחמת יום הכיפורים`, `מבצע חומת מגן`.
pub fn is_name_head(stem: &str) -> bool {
    matches!(
        stem,
        "מלחמת" | "מבצע" | "מלחמה" | "פרשת" | "רחוב" | "רח'" | "שדרות"
    )
}

fn lookup(table: &[(&str, u8)], word: &str) -> Option<u8> {
    table.iter().find(|(w, _)| *w == word).map(|&(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months() {
        assert_eq!(gregorian_month("אוקטובר"), Some(10));
        assert_eq!(gregorian_month("מארס"), Some(3));
        assert_eq!(gregorian_month("באוקטובר"), None);
        assert_eq!(gregorian_abbreviation("אוק"), Some(10));
        assert_eq!(hebrew_month("חשון"), Some(hc::HESHVAN));
        assert_eq!(hebrew_month_name(5784, hc::ADAR), "אדר א'");
        assert_eq!(hebrew_month_name(5783, hc::ADAR), "אדר");
    }

    #[test]
    fn units_and_numbers() {
        assert_eq!(unit_word("יומיים"), Some((Unit::Day, Some(2))));
        assert_eq!(unit_word("הימים"), Some((Unit::Day, None)));
        assert_eq!(unit_word("השנה"), Some((Unit::Year, None)));
        assert_eq!(number_word("שלושה"), Some(3));
        assert_eq!(number_word("בית"), None);
    }
}
