//! The token cursor every rule works over.
//!
//! Rules see the document through a [`Ctx`] (folded words by index, with `""` past the
//! end, so look-ahead needs no bounds checks) and start from a [`Head`]: the first word of a
//! candidate expression with its attached prefix already peeled off. Peeling happens once,
//! here, for all rules, in the three ways Hebrew writes a prefix before a date — joined
//! (`בנובמבר`), hyphenated (`ב-2024`, `ה-7`), or joined to digits (`ב2024`) — so that every
//! span starts after the prefix, as the project requires.

use super::CivilDate;
use super::names;
use crate::text::Document;
use crate::text::prefix;
use crate::text::tokenize::TokenKind;
use std::cell::Cell;

/// The time a stretch of text is about, as its words have stated it so far: the latest
/// expression that gave its year (`ב-2019`, `בספטמבר 1993`, `ב-3 במרץ 2019`), in the
/// same paragraph. A year-less expression after it takes its missing parts from it, not
/// from the document date (`ב-2019 … ב-5 באפריל` is 2019-04-05).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// A year.
    Year(i32),
    /// A month of a year.
    Month(i32, u8),
    /// A day.
    Day(CivilDate),
}

impl Anchor {
    /// The anchor a value states, if it names a year, month or day (`2019`, `2019-03`,
    /// `2019-03-03`, `2019-03-03T10:00`); ranges and unknown parts anchor nothing.
    pub fn of_value(value: &str) -> Option<Anchor> {
        let v = value.as_bytes();
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let s = value.get(r)?;
            s.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| s.parse().ok())?
        };
        if value.contains('/') || v.len() < 4 {
            return None;
        }
        let y = num(0..4)? as i32;
        if v.len() == 4 {
            return Some(Anchor::Year(y));
        }
        if v.get(4) != Some(&b'-') {
            return None;
        }
        let m = num(5..7)? as u8;
        if v.len() == 7 {
            return (1..=12).contains(&m).then_some(Anchor::Month(y, m));
        }
        let d = num(8..10)? as u8;
        CivilDate::new(y, m, d).map(Anchor::Day)
    }

    /// A day that stands for the anchor when resolving against it: the day itself, the
    /// middle of the month, the middle of the year (the nearest occurrence of a month-day
    /// to 2 July of a year is in that year).
    pub fn reference(self) -> CivilDate {
        match self {
            Anchor::Day(d) => d,
            Anchor::Month(y, m) => CivilDate::new(y, m, 15).unwrap_or(CivilDate {
                year: y,
                month: m,
                day: 1,
            }),
            Anchor::Year(y) => CivilDate::new(y, 7, 2).unwrap_or(CivilDate {
                year: y,
                month: 7,
                day: 1,
            }),
        }
    }

    /// The anchor's year.
    pub fn year(self) -> i32 {
        match self {
            Anchor::Day(d) => d.year,
            Anchor::Month(y, _) | Anchor::Year(y) => y,
        }
    }
}

/// Which occurrence a year-less expression means, seen from its reference day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// The last one on or before it (past tense: `נערך`, `שעבר`, `מאז`).
    Past,
    /// The next one on or after it (future tense: `יתקיים`, `הקרוב`, `צפוי`).
    Future,
    /// Whichever is nearer (no tense cue, or an anchor in the text).
    Nearest,
}

impl Direction {
    /// Of the last occurrence on or before `r` and the next one on or after it, the one
    /// this direction means.
    pub fn pick(
        self,
        r: CivilDate,
        past: Option<CivilDate>,
        next: Option<CivilDate>,
    ) -> Option<CivilDate> {
        match self {
            Direction::Past => past,
            Direction::Future => next,
            Direction::Nearest => super::value::nearer(r, past, next),
        }
    }
}

/// The document and its date, as the rules see them.
///
/// Every look at the tokens goes through the methods below, which count the looks
/// ([`Ctx::reads`]): when every rule rejects a head without a single look, the rejection
/// depended on the head's words alone, and the scanner need not try that head again
/// anywhere else in the document (see `dates::Scanner`).
pub struct Ctx<'a, 't> {
    /// The tokenised text.
    doc: &'a Document<'t>,
    /// The document date, against which relative and underspecified dates resolve.
    pub dct: Option<CivilDate>,
    reads: Cell<u32>,
    /// The anchor stated earlier in the paragraph (set by the scanner as it goes).
    anchor: Cell<Option<Anchor>>,
    /// The last day the paragraph mentioned, stated or resolved: what `למחרת` and
    /// `באותו יום` refer to (set by the scanner).
    last_day: Cell<Option<CivilDate>>,
}

impl<'a, 't> Ctx<'a, 't> {
    /// The rules' view of `doc`, dated `dct`.
    pub fn new(doc: &'a Document<'t>, dct: Option<CivilDate>) -> Self {
        Ctx {
            doc,
            dct,
            reads: Cell::new(0),
            anchor: Cell::new(None),
            last_day: Cell::new(None),
        }
    }

    /// The anchor stated earlier in the paragraph, if any.
    pub fn anchor(&self) -> Option<Anchor> {
        self.anchor.get()
    }

    /// The anchor that governs an expression at token `i`: the paragraph's, unless the
    /// words near `i` speak of the future and the anchor is in the document date's past (a
    /// plan told today: `נוסד ב-1953 … בספטמבר ייפתח מסלול חדש` is next September).
    pub fn governing_anchor(&self, i: usize) -> Option<Anchor> {
        let a = self.anchor()?;
        let plan =
            self.tense(i) == Direction::Future && self.dct.is_some_and(|dct| a.reference() < dct);
        (!plan).then_some(a)
    }

    /// Sets (or, with `None`, clears) the paragraph's anchor.
    pub(super) fn set_anchor(&self, anchor: Option<Anchor>) {
        self.anchor.set(anchor);
    }

    /// The last day the paragraph mentioned, if any.
    pub fn last_day(&self) -> Option<CivilDate> {
        self.last_day.get()
    }

    /// Sets (or clears) the last day mentioned.
    pub(super) fn set_last_day(&self, day: Option<CivilDate>) {
        self.last_day.set(day);
    }

    /// The day a year-less expression at token `i` resolves against, and in which
    /// direction: the governing anchor (see below), else the document date (the direction
    /// the tense cues near `i` give, else the nearest occurrence). `None` without either.
    pub fn reference(&self, i: usize) -> Option<(CivilDate, Direction)> {
        match (self.governing_anchor(i), self.dct) {
            // The tense of the words is the article's (past of now), not the anchor's. A
            // year-less date after a stated year is in that year; after a stated month or
            // day, it is the next such date from its start (a story moves forward:
            // `במרץ 2011 … ב-14 בנובמבר` is November 2011).
            (Some(a @ Anchor::Year(_)), _) => Some((a.reference(), Direction::Nearest)),
            (Some(Anchor::Month(y, m)), _) => Some((CivilDate::new(y, m, 1)?, Direction::Future)),
            (Some(Anchor::Day(d)), _) => Some((d, Direction::Future)),
            (None, Some(dct)) => Some((dct, self.tense(i))),
            (None, None) => None,
        }
    }

    /// The tense the words near token `i` give a year-less expression: the cue nearest to
    /// it, past (`נערך`, `שעבר`, `מאז`) or future (`יתקיים`, `הקרוב`, `צפוי`), within six
    /// words; [`Direction::Nearest`] when there is none.
    pub fn tense(&self, i: usize) -> Direction {
        let n = self.len();
        for r in 0..=6usize {
            for j in [i.checked_sub(r), (r > 0).then_some(i + r)]
                .into_iter()
                .flatten()
            {
                if j >= n {
                    continue;
                }
                if self.any_stem(j, names::is_future_cue) {
                    return Direction::Future;
                }
                if self.any_stem(j, names::is_past_cue) {
                    return Direction::Past;
                }
            }
        }
        Direction::Nearest
    }

    /// How many times the tokens have been looked at so far.
    pub fn reads(&self) -> u32 {
        self.reads.get()
    }

    fn read(&self) {
        self.reads.set(self.reads.get().wrapping_add(1));
    }

    /// The tokenised text, for the scanner itself (not counted; rules use the methods).
    pub(super) fn doc(&self) -> &'a Document<'t> {
        self.doc
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.read();
        self.doc.len()
    }

    /// The folded word at `i`, or `""` past either end.
    pub fn w(&self, i: usize) -> &'a str {
        self.read();
        if i < self.doc.len() {
            self.doc.norm(i)
        } else {
            ""
        }
    }

    /// True when token `i` exists and touches the previous one (no space between).
    pub fn joined(&self, i: usize) -> bool {
        self.read();
        i < self.doc.len() && !self.doc.tokens()[i].space_before
    }

    /// True when token `i` is a number.
    pub fn is_number(&self, i: usize) -> bool {
        self.read();
        i < self.doc.len() && self.doc.tokens()[i].kind == TokenKind::Number
    }

    /// Byte offset of the end of token `i`.
    pub fn end_byte(&self, i: usize) -> usize {
        self.read();
        self.doc.tokens()[i].end
    }

    /// True when token `i` is a hyphen or dash (`-`, maqaf, en and em dash).
    pub fn is_dash(&self, i: usize) -> bool {
        matches!(self.w(i), "-" | "–" | "—")
    }

    /// The word at `i` with each legal attached prefix removed, longest stem first; the
    /// stem and the prefix.
    pub fn stems(&self, i: usize) -> impl Iterator<Item = (&'a str, &'a str)> + '_ {
        let w = self.w(i);
        std::iter::once((w, "")).chain(prefix::splits(w).map(move |l| (&w[l..], &w[..l])))
    }

    /// True when the word at `i`, or its stem after an attached prefix, satisfies `f`.
    pub fn any_stem(&self, i: usize, f: impl Fn(&str) -> bool) -> bool {
        self.stems(i).any(|(s, _)| f(s))
    }

    /// Tries `f` on the word at `i` as written and after stripping one of `prefixes`.
    pub fn lookup<T>(
        &self,
        i: usize,
        prefixes: &[&str],
        f: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        let w = self.w(i);
        if w.is_empty() {
            return None;
        }
        f(w).or_else(|| {
            prefixes.iter().find_map(|p| {
                w.strip_prefix(*p)
                    .filter(|s| s.chars().count() >= 2)
                    .and_then(&f)
            })
        })
    }

    /// True when any word within `radius` tokens of `i` satisfies `f` (used for tense and
    /// score cues, which sit near the expression rather than next to it).
    pub fn near(&self, i: usize, radius: usize, f: impl Fn(&str) -> bool) -> bool {
        let lo = i.saturating_sub(radius);
        let hi = (i + radius + 1).min(self.len());
        (lo..hi).any(|j| self.any_stem(j, &f))
    }

    /// True when the words near token `i` speak of the future (see [`Ctx::tense`]).
    pub fn future_near(&self, i: usize) -> bool {
        self.tense(i) == Direction::Future
    }
}

/// Where a candidate expression starts.
#[derive(Clone, Copy, Debug)]
pub struct Head<'a> {
    /// The first token of the written expression, prefix included.
    pub anchor: usize,
    /// The token holding the expression's first word.
    pub tok: usize,
    /// The first word, prefix removed (folded).
    pub first: &'a str,
    /// The attached prefix (folded), `""` when none.
    pub prefix: &'a str,
    /// Byte offset where the span starts (after the prefix).
    pub start: usize,
}

impl Head<'_> {
    /// True when the prefix includes a preposition that introduces a time (`ב-2024`,
    /// `מ-2019`, `ל-2025`, `ה-7`), not counting the approximating כ (`כ-2000 איש`).
    pub fn has_time_prefix(&self) -> bool {
        !self.prefix.is_empty() && !self.prefix.ends_with('כ')
    }
}

/// Calls `f` with every way an expression can start at token `i`.
pub fn for_each_head<'a>(ctx: &Ctx<'a, '_>, i: usize, mut f: impl FnMut(Head<'a>)) {
    let doc = ctx.doc;
    let tokens = doc.tokens();
    let w = ctx.w(i);
    f(Head {
        anchor: i,
        tok: i,
        first: w,
        prefix: "",
        start: tokens[i].start,
    });
    if tokens[i].kind == TokenKind::Hebrew {
        for len in prefix::splits(w) {
            f(Head {
                anchor: i,
                tok: i,
                first: &w[len..],
                prefix: &w[..len],
                start: doc.original_offset(i, len),
            });
        }
        if prefix::is_prefix(w) {
            // `ב-2024`, `ה-7`, and the spaced `ב - 2004` of scraped or pre-tokenised text
            // (a lone prefix letter before a dash has no other reading).
            if ctx.is_dash(i + 1) && i + 2 < ctx.len() {
                f(Head {
                    anchor: i,
                    tok: i + 2,
                    first: ctx.w(i + 2),
                    prefix: w,
                    start: tokens[i + 2].start,
                });
            } else if ctx.is_number(i + 1) && ctx.joined(i + 1) {
                // `ב2024`, `ה90`.
                f(Head {
                    anchor: i,
                    tok: i + 1,
                    first: ctx.w(i + 1),
                    prefix: w,
                    start: tokens[i + 1].start,
                });
            }
        }
    }
}

/// A plain run of ASCII digits (no separators), as a number.
pub fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every head at token 0 as (first word, prefix, text from the span start).
    fn heads(text: &str) -> Vec<(String, String, String)> {
        let doc = Document::new(text);
        let ctx = Ctx::new(&doc, None);
        let mut out = Vec::new();
        for_each_head(&ctx, 0, |h| {
            out.push((
                h.first.to_string(),
                h.prefix.to_string(),
                text[h.start..].to_string(),
            ))
        });
        out
    }

    #[test]
    fn prefixes_are_peeled_three_ways() {
        let has = |text: &str, first: &str, prefix: &str, rest: &str| {
            let hs = heads(text);
            assert!(
                hs.iter()
                    .any(|(f, p, r)| f == first && p == prefix && r == rest),
                "{text}: {hs:?}"
            );
        };
        has("בנובמבר 2023", "נובמבר", "ב", "נובמבר 2023");
        has("ב-2024", "2024", "ב", "2024");
        has("ב - 2004", "2004", "ב", "2004");
        has("ב2024", "2024", "ב", "2024");
        has("וּבְנובמבר", "נובמבר", "וב", "נובמבר");
        has("היום", "היום", "", "היום");
    }

    #[test]
    fn digits_are_plain() {
        assert_eq!(digits("2024"), Some(2024));
        assert_eq!(digits("7.10"), None);
        assert_eq!(digits(""), None);
    }
}
