//! The lexicon recogniser: gazetteer lookup with attached-prefix stripping.
//!
//! This is the honest baseline the statistical model replaces: it knows the mentions of
//! NEMO's training split and the Israeli name lists (derived into `model/lexicon.tsv` by
//! `tagit lexicon`), and three rules:
//! 1. the longest known mention starting at a token, after peeling any legal attached
//!    prefix (`לחמאס` → `חמאס`), is an entity;
//! 2. a known first name followed by a known surname, or by a word that is not a common
//!    word, is a person (`סשה טרופנוב`);
//! 3. once a person is found by rule 2, the same surname later in the document is that
//!    person too (`לפוטין` after `ולדימיר פוטין`).

use crate::annotator::Recognizer;
use crate::span::{Label, Span};
use crate::text::{Document, TokenKind, prefix};
use std::collections::{HashMap, HashSet};

/// The lexicon committed with the crate (see the module docs for how it is made).
const BUILTIN: &str = include_str!("../model/lexicon.tsv");

/// The hand-written gazetteer of world places (see the file's header).
const PLACES: &str = include_str!("../model/places-he.tsv");

/// The longest mention the lexicon matches, in tokens.
const MAX_MENTION_TOKENS: usize = 6;

/// Finds mentions by looking token sequences up in a lexicon.
pub struct LexiconRecognizer {
    mentions: HashMap<&'static str, Label>,
    first_names: HashSet<&'static str>,
    last_names: HashSet<&'static str>,
    common: HashSet<&'static str>,
}

impl LexiconRecognizer {
    /// The lexicon shipped in the crate.
    pub fn builtin() -> Self {
        Self::parse(BUILTIN)
    }

    /// The gazetteer of countries, capitals and major cities (GPE), which fills gaps the
    /// model leaves: names that never occur in the training corpora (`מוסקבה`).
    pub fn places() -> Self {
        Self::parse(PLACES)
    }

    /// Parses lexicon lines `kind \t label \t phrase` (kinds `M`, `F`, `L`, `C`); lines
    /// starting with `#` and malformed lines are skipped.
    pub fn parse(data: &'static str) -> Self {
        let mut lex = LexiconRecognizer {
            mentions: HashMap::new(),
            first_names: HashSet::new(),
            last_names: HashSet::new(),
            common: HashSet::new(),
        };
        for line in data.lines().filter(|l| !l.starts_with('#')) {
            let mut f = line.splitn(3, '\t');
            let (Some(kind), Some(label), Some(phrase)) = (f.next(), f.next(), f.next()) else {
                continue;
            };
            match kind {
                "M" => {
                    if let Ok(label) = label.parse() {
                        lex.mentions.insert(phrase, label);
                    }
                }
                "F" => _ = lex.first_names.insert(phrase),
                "L" => _ = lex.last_names.insert(phrase),
                "C" => _ = lex.common.insert(phrase),
                _ => {}
            }
        }
        lex
    }

    /// Candidate stems of token `i`: the word itself, then each prefix split, as
    /// `(prefix byte length in the folded form, stem)`.
    fn stems<'d>(doc: &'d Document<'_>, i: usize) -> impl Iterator<Item = (usize, &'d str)> {
        let word = doc.norm(i);
        std::iter::once(0)
            .chain(prefix::splits(word))
            .map(move |p| (p, &word[p..]))
    }

    /// The longest lexicon mention starting at token `i`: `(prefix length, tokens, label)`.
    fn longest_mention(
        &self,
        doc: &Document<'_>,
        i: usize,
        key: &mut String,
    ) -> Option<(usize, usize, Label)> {
        let mut best: Option<(usize, usize, Label)> = None;
        for (p, stem) in Self::stems(doc, i) {
            key.clear();
            key.push_str(stem);
            for n in 1..=MAX_MENTION_TOKENS.min(doc.len() - i) {
                if n > 1 {
                    key.push(' ');
                    key.push_str(doc.norm(i + n - 1));
                }
                if let Some(&label) = self.mentions.get(key.as_str())
                    && best.is_none_or(|(_, bn, _)| n > bn)
                {
                    best = Some((p, n, label));
                }
            }
        }
        best
    }

    /// A first name at token `i` followed by a surname: `(prefix length, tokens)`.
    /// `surnames` are those already seen in this document in full names.
    fn person_name(
        &self,
        doc: &Document<'_>,
        i: usize,
        surnames: &HashSet<&str>,
    ) -> Option<(usize, usize)> {
        let next = i + 1;
        if next >= doc.len()
            || doc.tokens()[next].kind != TokenKind::Hebrew
            || !doc.tokens()[next].space_before
        {
            return None;
        }
        let surname = doc.norm(next);
        // An unknown surname must not look like an ordinary word with a prefix on it
        // (`וארוסתו`, `השבי`): real surnames rarely start with ו or ה.
        let looks_prefixed = surname.starts_with('ו') || surname.starts_with('ה');
        // Nor may it be a known name behind a prefix (`כמחווה לפוטין` is ל + פוטין): taking
        // it as a surname would put the prefix inside the highlight, here and wherever the
        // surname propagates.
        let known_behind_prefix = prefix::splits(surname).any(|p| {
            let stem = &surname[p..];
            self.mentions.contains_key(stem)
                || self.last_names.contains(stem)
                || surnames.contains(stem)
        });
        let surname_ok = self.last_names.contains(surname)
            || (!looks_prefixed
                && !known_behind_prefix
                && !self.common.contains(surname)
                && !self.first_names.contains(surname)
                && surname.chars().count() >= 3);
        if !surname_ok {
            return None;
        }
        Self::stems(doc, i)
            .find(|(_, stem)| self.first_names.contains(stem))
            .map(|(p, _)| (p, 2))
    }
}

impl Recognizer for LexiconRecognizer {
    fn recognize(&self, doc: &Document<'_>, out: &mut Vec<Span>) {
        let mut key = String::new();
        let mut surnames: HashSet<&str> = HashSet::new();
        let mut taken = vec![false; doc.len()];
        let push = |out: &mut Vec<Span>, i: usize, p: usize, n: usize, label, confidence| {
            out.push(Span {
                start: doc.original_offset(i, p),
                end: doc.tokens()[i + n - 1].end,
                label,
                text: String::new(),
                value: None,
                confidence,
            });
        };
        let mut i = 0;
        while i < doc.len() {
            if doc.tokens()[i].kind == TokenKind::Punct {
                i += 1;
                continue;
            }
            let found = self
                .longest_mention(doc, i, &mut key)
                .map(|(p, n, label)| (p, n, label, 0.8))
                .or_else(|| {
                    self.person_name(doc, i, &surnames)
                        .map(|(p, n)| (p, n, Label::PER, 0.6))
                });
            match found {
                Some((p, n, label, confidence)) => {
                    if label == Label::PER && n >= 2 {
                        surnames.insert(doc.norm(i + n - 1));
                    }
                    push(out, i, p, n, label, confidence);
                    taken[i..i + n].iter_mut().for_each(|t| *t = true);
                    i += n;
                }
                None => i += 1,
            }
        }
        // Rule 3: a surname seen in a full name marks the same person elsewhere.
        for i in (0..doc.len()).filter(|&i| !taken[i] && !surnames.is_empty()) {
            if let Some((p, _)) = Self::stems(doc, i).find(|(_, stem)| surnames.contains(stem)) {
                push(out, i, p, 1, Label::PER, 0.5);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LEXICON: &str = "M\tGPE\tמוסקבה\nM\tORG\tחמאס\nM\tORG\tבנק ישראל\nF\t-\tסשה\nF\t-\tולדימיר\nF\t-\tחווה\nL\t-\tכהן\nC\t-\tאמר\n";

    fn found(text: &str) -> Vec<(String, Label)> {
        let mut out = Vec::new();
        LexiconRecognizer::parse(LEXICON).recognize(&Document::new(text), &mut out);
        out.sort_by_key(|s| s.start);
        out.iter()
            .map(|s| (text[s.start..s.end].to_string(), s.label))
            .collect()
    }

    /// A named case: text, expected mentions.
    type Case = (&'static str, &'static str, &'static [(&'static str, Label)]);

    #[test]
    fn table_of_cases() {
        const PER: Label = Label::PER;
        let cases: &[Case] = &[
            ("prefix outside", "הודה לחמאס", &[("חמאס", Label::ORG)]),
            ("two prefixes", "ובמוסקבה", &[("מוסקבה", Label::GPE)]),
            ("multi-token", "מבנק ישראל", &[("בנק ישראל", Label::ORG)]),
            (
                "first + unknown surname",
                "סשה טרופנוב",
                &[("סשה טרופנוב", PER)],
            ),
            ("first + known surname", "סשה כהן", &[("סשה כהן", PER)]),
            ("first + common word", "סשה אמר", &[]),
            ("first + prefixed word", "סשה וארוסתו", &[]),
            (
                "first + known name behind a prefix",
                "סשה לחמאס",
                &[("חמאס", Label::ORG)],
            ),
            (
                "first + surname seen earlier, behind a prefix",
                "ולדימיר פוטין הודה. מחווה לפוטין",
                &[("ולדימיר פוטין", PER), ("פוטין", PER)],
            ),
            (
                "surname propagates",
                "ולדימיר פוטין הודה. לפוטין",
                &[("ולדימיר פוטין", PER), ("פוטין", PER)],
            ),
            ("niqqud on the prefix", "בְּמוסקבה", &[("מוסקבה", Label::GPE)]),
        ];
        for (name, text, want) in cases {
            let want: Vec<(String, Label)> =
                want.iter().map(|(t, l)| (t.to_string(), *l)).collect();
            assert_eq!(found(text), want, "{name}");
        }
    }

    #[test]
    fn builtin_lexicon_parses() {
        let lex = LexiconRecognizer::builtin();
        assert!(lex.mentions.len() > 1000 && lex.first_names.len() > 1000);
    }
}
