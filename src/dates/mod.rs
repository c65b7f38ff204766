//! The temporal engine: finds Hebrew dates and times and normalises them to ISO 8601 /
//! TIMEX3 values, resolved against the document's own date.
//!
//! [`recognize`] scans the tokens once, left to right. At each token it peels attached
//! prefixes (see `scan.rs`), tries every rule, and keeps the longest match; spans start
//! after the prefix (`ב-2024` → `2024`, `בנובמבר 2023` → `נובמבר 2023`). A day followed by
//! a time of day becomes one `TIME` span (`אתמול בערב` → `2024-06-03TEV`).
//!
//! | family | module | examples | values |
//! |---|---|---|---|
//! | Gregorian dates | `absolute` | `7 באוקטובר 2023`, `בנובמבר 2023`, `ב-2024`, `בשנת 2006`, `2019–2021` | `2023-10-07`, `2023-11`, `2024`, `2019/2021` |
//! | numeric dates | `absolute` | `7.10.2023`, `07/10/23`, `2023-10-07`, `ב-7.10` | `2023-10-07` |
//! | Hebrew calendar | `hebrew` | `כ"ב בתשרי תשפ"ד`, `ט' בתשרי`, `תשפ"ג` | Gregorian day, or `start/end` |
//! | holidays | [`holidays`] | `ראש השנה`, `ערב יום הכיפורים`, `יום העצמאות` | the occurrence the text points to |
//! | times | `clock` | `בשעה 14:30`, `ב-21:00`, `בשעות הבוקר`, `בערב`, `בחצות` | `T14:30`, `TMO`, `2024-06-04TEV` |
//! | relative | `relative` | `אתמול`, `בשבוע שעבר`, `לפני שלושה ימים`, `ביום שלישי`, `בסוף השבוע` | `2024-06-03`, `2024-W22`, `2024-W23-WE` |
//! | periods | `relative` | `ברבעון הראשון של 2026`, `בשנות ה-90`, `המאה ה-20`, `קיץ 2024` | `2026-Q1`, `199X`, `19XX`, `2024-06/2024-08` |
//! | durations | `relative` | `שישה ימים`, `שבועיים וחצי`, `24 שעות` | `P6D`, `P2.5W`, `PT24H` |
//!
//! Underspecified dates (a day-month, a month, a weekday, a holiday) resolve against the
//! paragraph's stated anchor when there is one, else against the document date in the
//! direction the tense cues near them give, else to the nearest occurrence
//! (`scan::Ctx::reference`; the rules and their measured effect: `docs/dates.md`).
//! Without either the unknown parts stay `X` (`XXXX-10-07`). [`mod@tooltip`] turns values into the Hebrew text the widget shows.
//!
//! Everything works on the tokenizer's folded words with fixed tables: no regular
//! expressions and no allocation per token (only a matched span allocates its value).

pub(crate) mod absolute;
pub(crate) mod clock;
pub mod gregorian;
pub(crate) mod hebrew;
pub mod hebrew_calendar;
pub mod holidays;
pub mod names;
pub mod numerals;
pub(crate) mod relative;
pub(crate) mod scan;
pub mod tooltip;
pub(crate) mod value;

pub use gregorian::{days_in_month, is_leap_year};
pub use tooltip::{describe, hebrew_date_string, lines as tooltip_lines, tooltip};

use crate::fasthash::FxHashSet;
use crate::span::{Label, Span};
use crate::text::{Document, TokenKind};
use scan::{Anchor, Ctx, Head, for_each_head};
use std::fmt;
use std::str::FromStr;
use value::Found;

/// A day of the proleptic Gregorian calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CivilDate {
    /// Year (astronomical numbering; news text only needs 1..=9999).
    pub year: i32,
    /// Month, 1..=12.
    pub month: u8,
    /// Day of month, 1..=31.
    pub day: u8,
}

/// The error for a document date that is not `YYYY-MM-DD` or not a real day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadDate(pub String);

impl fmt::Display for BadDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid date {:?}: expected a real day as YYYY-MM-DD",
            self.0
        )
    }
}

impl std::error::Error for BadDate {}

impl CivilDate {
    /// A date, or `None` when the day does not exist.
    pub fn new(year: i32, month: u8, day: u8) -> Option<CivilDate> {
        let ok = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        ok.then_some(CivilDate { year, month, day })
    }
}

impl FromStr for CivilDate {
    type Err = BadDate;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadDate(s.to_string());
        let t = s.trim();
        // Accept a full timestamp too (`2024-06-04T17:30:00Z` from page metadata).
        let day_part = t.get(..10).ok_or_else(bad)?;
        let mut it = day_part.split('-');
        let (y, m, d) = (it.next(), it.next(), it.next());
        let parse = |x: Option<&str>, n: usize| {
            x.filter(|x| x.len() == n && x.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|x| x.parse::<i32>().ok())
        };
        let (y, m, d) = (parse(y, 4), parse(m, 2), parse(d, 2));
        match (y, m, d) {
            (Some(y), Some(m), Some(d)) if t.len() == 10 || t.as_bytes()[10] == b'T' => {
                CivilDate::new(y, m as u8, d as u8).ok_or_else(bad)
            }
            _ => Err(bad()),
        }
    }
}

impl fmt::Display for CivilDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A rule: tries to read a temporal expression starting at a head.
type Rule = fn(&Ctx<'_, '_>, &Head<'_>) -> Option<Found>;

/// Every rule, in priority order (an earlier rule wins a tie of equal length and
/// confidence).
const RULES: &[Rule] = &[
    absolute::numeric,
    absolute::day_month,
    absolute::month_year,
    absolute::year,
    holidays::holiday,
    hebrew::day_month,
    hebrew::month_year,
    hebrew::year,
    clock::at_hour,
    clock::word_hour,
    clock::bare_clock,
    clock::part_of_day,
    clock::this_part,
    relative::deictic,
    relative::anaphora,
    relative::last_next,
    relative::offset,
    relative::weekday_expr,
    relative::saturday_night,
    relative::boundary,
    relative::quarter,
    relative::season,
    relative::decade,
    relative::century,
    relative::duration,
];

/// The rules that read a time of day, tried right after a day to join the two
/// (`אתמול בערב`, `ביום שלישי בשעה 14:00`).
const TIME_RULES: &[Rule] = &[
    clock::at_hour,
    clock::word_hour,
    clock::bare_clock,
    clock::part_of_day,
];

/// Appends the temporal expressions found in `doc` to `out`, resolving relative and
/// underspecified ones against `document_date` when given.
///
/// Scans left to right; at each token every rule is tried from every way the token can
/// start an expression (attached prefixes peeled off in each legal way) and the longest match wins, so
/// `7 באוקטובר 2023` is one span rather than a day-month and a year. Spans start after
/// attached prefixes and never overlap each other.
pub fn recognize(doc: &Document<'_>, document_date: Option<CivilDate>, out: &mut Vec<Span>) {
    scan(doc, document_date, true, out, None);
}

/// [`recognize`], and the names of wars and operations made of a date, a holiday or a
/// duration (`מלחמת ששת הימים`, `מלחמת יום הכיפורים`, `מבצע עמוד ענן` is not one) as `EVE`
/// spans in `events`: the date layer knows where such a name ends, and leaves it to the
/// entity layer rather than reading a date in it.
pub fn recognize_with_events(
    doc: &Document<'_>,
    document_date: Option<CivilDate>,
    out: &mut Vec<Span>,
    events: &mut Vec<Span>,
) {
    scan(doc, document_date, true, out, Some(events));
}

/// Confidence of a war or operation name found by the date layer.
pub const EVENT_NAME_CONFIDENCE: f32 = 0.75;

/// [`recognize`], remembering rejected heads (see [`Rejected`]) or not: the two must find
/// the same spans, which a test checks.
///
/// As it goes, the scan keeps what the paragraph has said about time (see [`Anchor`]): the
/// latest expression that stated its year anchors the year-less ones after it; a deictic
/// one (`היום`, `השבוע`, `מחר`) brings the text back to the document date; and the last
/// day mentioned is what `למחרת` and a bare time of day refer to. A new paragraph (a line
/// break) starts afresh.
fn scan(
    doc: &Document<'_>,
    document_date: Option<CivilDate>,
    remember: bool,
    out: &mut Vec<Span>,
    mut events: Option<&mut Vec<Span>>,
) {
    let ctx = Ctx::new(doc, document_date);
    let mut rejected = Rejected::default();
    let mut i = 0;
    // The last resolved day in the current sentence: a later bare time of day belongs to
    // it (`ביום שלישי התכנס הקבינט בשעה 20:00` → that Tuesday at 20:00).
    let mut last_day: Option<(usize, usize)> = None; // (index in `out`, end token)
    while i < doc.len() {
        if starts_paragraph(doc, i) {
            ctx.set_anchor(None);
            ctx.set_last_day(None);
            last_day = None;
        }
        // A date word right after a name's head is part of the name (`מלחמת יום
        // הכיפורים`, `רחוב 7 באוקטובר`); after a war's or an operation's head, the whole is
        // an event the entity layer may use (`מלחמת ששת הימים`).
        if let Some((stem, prefix)) = name_head(&ctx, i) {
            match best_match(&ctx, i, RULES, None).filter(|_| names::is_event_head(stem)) {
                Some((_, f)) => {
                    if let Some(events) = events.as_deref_mut() {
                        events.push(Span {
                            start: doc.original_offset(i - 1, prefix),
                            end: ctx.end_byte(f.end - 1),
                            label: Label::EVE,
                            text: String::new(),
                            value: None,
                            confidence: EVENT_NAME_CONFIDENCE,
                            entity: None,
                        });
                    }
                    i = f.end;
                }
                None => i += 1,
            }
            continue;
        }
        match best_match(&ctx, i, RULES, remember.then_some(&mut rejected)) {
            Some((start, found)) => {
                let mut found = join_time(&ctx, found);
                if found.label == Label::TIME && found.value.starts_with('T') {
                    // A time of day is on the day the sentence named, else the day the
                    // paragraph last named, else the article's own day.
                    let in_sentence = last_day
                        .filter(|&(_, day_end)| {
                            i - day_end <= 12 && !(day_end..i).any(|t| is_sentence_end(ctx.w(t)))
                        })
                        .and_then(|(k, _)| out[k].value.clone());
                    let day = in_sentence
                        .or_else(|| ctx.last_day().map(value::day))
                        .or_else(|| ctx.dct.map(value::day));
                    if let Some(day) = day {
                        // A range of times (`T10:00/T14:00`) is on that day at both ends.
                        found.value = found
                            .value
                            .split('/')
                            .map(|t| format!("{day}{t}"))
                            .collect::<Vec<_>>()
                            .join("/");
                    }
                }
                if found.label == Label::DATE && is_day_value(&found.value) {
                    last_day = Some((out.len(), found.end));
                }
                remember_time(&ctx, i, &found);
                out.push(Span {
                    start,
                    end: ctx.end_byte(found.end - 1),
                    label: found.label,
                    text: String::new(),
                    value: Some(found.value),
                    confidence: found.conf,
                    entity: None,
                });
                i = found.end;
            }
            None => i += 1,
        }
    }
}

/// What the expression `found` (from token `i`) tells the rest of the paragraph: an anchor
/// when it states its year, back to the document date when it is deictic, and the day it
/// names.
fn remember_time(ctx: &Ctx<'_, '_>, i: usize, found: &Found) {
    if states_year(ctx, i, found.end) {
        if let Some(a) = Anchor::of_value(&found.value) {
            ctx.set_anchor(Some(a));
        }
    } else if (i..found.end).any(|t| ctx.any_stem(t, names::is_deictic)) {
        ctx.set_anchor(None);
    }
    // A range (`חול המועד`) names no single day for a later time to be on.
    if !found.value.contains('/')
        && let Some(Anchor::Day(d)) = found.value.get(..10).and_then(Anchor::of_value)
    {
        ctx.set_last_day(Some(d));
    }
}

/// True when tokens `from..to` write a year: four digits (`2019`), a numeric date with one
/// (`7.10.2023`, `07/10/23`), or a Hebrew year (`תשפ"ד`).
fn states_year(ctx: &Ctx<'_, '_>, from: usize, to: usize) -> bool {
    (from..to).any(|t| {
        let w = ctx.w(t);
        let four = w.len() == 4 && scan::digits(w).is_some_and(|y| (1000..=2200).contains(&y));
        let numeric =
            ctx.is_number(t) && w.bytes().filter(|b| matches!(b, b'.' | b'/')).count() >= 2;
        four || numeric || ctx.stems(t).any(|(s, _)| numerals::parse_year(s).is_some())
    })
}

/// True when a line break separates token `i` from the one before: a new paragraph.
fn starts_paragraph(doc: &Document<'_>, i: usize) -> bool {
    let t = doc.tokens();
    i > 0 && doc.text()[t[i - 1].end..t[i].start].contains('\n')
}

/// A day followed by a time of day becomes one `TIME` span with the full value:
/// `אתמול בערב` → `2024-06-03TEV`, `ב-7.10.2023 בשעה 06:29` → `2023-10-07T06:29`.
fn join_time(ctx: &Ctx<'_, '_>, found: Found) -> Found {
    let is_day = found.label == Label::DATE && is_day_value(&found.value);
    // `הלילה בשעה 23:00`, `הבוקר בשעה 06:15`: a part of a known day, then its hour.
    let part_of_day = found.label == Label::TIME
        && found.value.len() == 13
        && found.value.get(..10).is_some_and(is_day_value);
    if !is_day && !part_of_day {
        return found;
    }
    let mut j = found.end;
    if ctx.w(j) == "," {
        j += 1;
    }
    if j >= ctx.len() {
        return found;
    }
    match best_at(ctx, j, TIME_RULES, None) {
        Some((_, t)) if t.value.starts_with('T') && !t.value.contains('/') => {
            // A clock time refines a part of day (`הבוקר` + `06:15`); a part of day after a
            // part of day adds nothing.
            let day = &found.value[..10];
            if part_of_day && !t.value.contains(':') {
                return found;
            }
            Found::time(t.end, format!("{day}{}", t.value), found.conf.min(t.conf))
        }
        _ => found,
    }
}

fn doc_kind(ctx: &Ctx<'_, '_>, i: usize) -> TokenKind {
    ctx.doc().tokens()[i].kind
}

/// A calendar day (`2024-06-04`, `XXXX-10-07`) or a weekday of an unknown week
/// (`XXXX-WXX-6`, from `בשבת` without a document date): a value a time of day can extend.
fn is_day_value(value: &str) -> bool {
    let v = value.as_bytes();
    v.len() == 10 && v[4] == b'-' && (v[7] == b'-' || value.starts_with("XXXX-WXX-"))
}

/// True when the word after an expression makes the two a name (`ספטמבר השחור`, `השבת
/// השחורה`, `יום ראשון העקוב מדם`, `האביב הערבי`): an event, not a time.
fn names_an_event(word: &str) -> bool {
    matches!(
        word,
        "השחור" | "השחורה" | "העקוב" | "הערבי" | "הערבית" | "הארור" | "הארורה"
    )
}

/// Sentence-final punctuation, which ends the reach of a day over later times.
fn is_sentence_end(word: &str) -> bool {
    matches!(word, "." | "!" | "?" | ";")
}

/// Heads, as `(first word, prefix)`, that every rule rejected without looking at a single
/// token ([`Ctx::reads`] unchanged): that rejection depends on the two words alone, so it
/// holds wherever they recur in the document, and the scan skips them there. Most words of
/// a text are never part of a date, and an article repeats its words, so this spares most
/// of the rule calls on a long text.
type Rejected<'a> = FxHashSet<(&'a str, &'a str)>;

/// The best match of `rules` starting at token `i`: its byte start and what it found.
/// With `rejected`, heads known to match no rule are skipped and new ones are recorded.
fn best_at<'a>(
    ctx: &Ctx<'a, '_>,
    i: usize,
    rules: &[Rule],
    rejected: Option<&mut Rejected<'a>>,
) -> Option<(usize, Found)> {
    if name_head(ctx, i).is_some() {
        return None;
    }
    best_match(ctx, i, rules, rejected)
}

/// The head of a name the word before token `i` is (`מלחמת`, `במבצע`, `רחוב`): its stem
/// and the length of its attached prefix.
fn name_head<'a>(ctx: &Ctx<'a, '_>, i: usize) -> Option<(&'a str, usize)> {
    let before = i.checked_sub(1)?;
    ctx.stems(before)
        .find(|(s, _)| names::is_name_head(s))
        .map(|(s, p)| (s, p.len()))
}

/// [`best_at`] without the check for a name before token `i`.
fn best_match<'a>(
    ctx: &Ctx<'a, '_>,
    i: usize,
    rules: &[Rule],
    mut rejected: Option<&mut Rejected<'a>>,
) -> Option<(usize, Found)> {
    // No expression starts with punctuation; most tokens of a text are cheap to skip.
    if doc_kind(ctx, i) == TokenKind::Punct {
        return None;
    }
    let mut best: Option<(usize, Found)> = None;
    for_each_head(ctx, i, |h| {
        let key = (h.first, h.prefix);
        if rejected.as_ref().is_some_and(|r| r.contains(&key)) {
            return;
        }
        let reads = ctx.reads();
        let mut matched = false;
        for rule in rules {
            if let Some(f) = rule(ctx, &h) {
                matched = true;
                let better = match &best {
                    None => true,
                    Some((s, b)) => {
                        (f.end, f.conf, std::cmp::Reverse(h.start))
                            > (b.end, b.conf, std::cmp::Reverse(*s))
                    }
                };
                if better && f.end > h.tok && !names_an_event(ctx.w(f.end)) {
                    best = Some((h.start, f));
                }
            }
        }
        if !matched
            && ctx.reads() == reads
            && let Some(r) = rejected.as_mut()
        {
            r.insert(key);
        }
    });
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Skipping the heads every rule rejected unseen changes nothing: every case sentence
    /// of the date tables and the demo article, as one document (so heads rejected in one
    /// sentence are skipped in the others), with and without a document date.
    #[test]
    fn remembering_rejected_heads_finds_the_same_spans() {
        let tables = [
            include_str!("../../tests/fixtures/dates.tsv"),
            include_str!("../../tests/fixtures/dates-generated.tsv"),
        ];
        let mut text: String = tables
            .iter()
            .flat_map(|t| t.lines())
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split('\t').nth(2))
            .flat_map(|sentence| [sentence, "\n"])
            .collect();
        text.push_str(include_str!("../../tests/fixtures/demo-article.txt"));
        let doc = Document::new(&text);
        for dct in [None, Some(CivilDate::new(2024, 6, 4).unwrap())] {
            let (mut with, mut without) = (Vec::new(), Vec::new());
            scan(&doc, dct, true, &mut with, None);
            scan(&doc, dct, false, &mut without, None);
            assert!(with.len() > 600, "{}", with.len());
            assert_eq!(with, without);
        }
    }

    /// The same on random documents: words of the date tables (date words, numbers,
    /// prefixes, punctuation, ordinary words) shuffled into new sentences, where a head
    /// rejected in one context recurs in many others.
    #[test]
    fn remembering_rejected_heads_finds_the_same_spans_in_random_word_orders() {
        let words: Vec<&str> = include_str!("../../tests/fixtures/dates.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split('\t').nth(2))
            .flat_map(|sentence| sentence.split(' '))
            .chain([
                "-", "–", ",", ".", "'", "\"", "ב", "ה", "ב-", "14:30", "2024", "ו",
            ])
            .collect();
        let mut rng = crate::xorshift::XorShift(0x9e37_79b9_7f4a_7c15);
        let dct = Some(CivilDate::new(2024, 6, 4).unwrap());
        for _ in 0..300 {
            let n = rng.next() % 80;
            let text: Vec<&str> = (0..n)
                .map(|_| words[(rng.next() % words.len() as u64) as usize])
                .collect();
            let text = text.join(if rng.next().is_multiple_of(4) {
                ""
            } else {
                " "
            });
            let doc = Document::new(&text);
            let (mut with, mut without) = (Vec::new(), Vec::new());
            scan(&doc, dct, true, &mut with, None);
            scan(&doc, dct, false, &mut without, None);
            assert_eq!(with, without, "{text}");
        }
    }

    #[test]
    fn war_names_made_of_dates_are_events() {
        let text = "במלחמת יום הכיפורים, שפרצה ב-1973, ובמלחמת ששת הימים נכבשה העיר.";
        let doc = Document::new(text);
        let (mut out, mut events) = (Vec::new(), Vec::new());
        recognize_with_events(&doc, None, &mut out, &mut events);
        let names: Vec<&str> = events.iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(names, ["מלחמת יום הכיפורים", "מלחמת ששת הימים"]);
        let dates: Vec<&str> = out.iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(dates, ["1973"]);
    }

    #[test]
    fn parses_document_dates() {
        assert_eq!(
            "2023-10-07".parse(),
            Ok(CivilDate {
                year: 2023,
                month: 10,
                day: 7
            })
        );
        assert_eq!(
            "2024-06-04T17:30:00Z".parse::<CivilDate>().map(|d| d.day),
            Ok(4)
        );
        for bad in [
            "2023-02-29",
            "2023-13-01",
            "7.10.2023",
            "",
            "2023-1-07",
            "2023-10-07x",
        ] {
            assert!(bad.parse::<CivilDate>().is_err(), "{bad}");
        }
        assert!("2024-02-29".parse::<CivilDate>().is_ok());
    }
}
