//! Gazetteer lookup with attached-prefix stripping.
//!
//! A [`LexiconRecognizer`] marks the longest phrase of its list that starts at a token,
//! after peeling any legal attached prefix (`במוסקבה` → `מוסקבה`). The annotator uses it
//! with the hand-written list of countries and world cities in `model/places-he.tsv`, as a
//! gap-filler beside the model (see [`crate::consistency::Fallback`]).

use crate::fasthash::{FxHashMap, FxHashSet};
use crate::recognizer::Recognizer;
use crate::span::{Label, Span};
use crate::text::{Document, TokenKind, prefix};

/// The hand-written gazetteer of world places (see the file's header).
const PLACES: &str = include_str!("../model/places-he.tsv");

/// Finds mentions by looking token sequences up in a list of phrases.
pub struct LexiconRecognizer {
    /// Folded phrase (token forms joined by single spaces) → label.
    mentions: FxHashMap<&'static str, Label>,
    /// The first token of every phrase: a longer sequence is looked up only from one of
    /// these, so most tokens cost one lookup per prefix split.
    first_tokens: FxHashSet<&'static str>,
    /// The longest phrase, in tokens: no longer sequence is ever looked up.
    max_tokens: usize,
}

impl LexiconRecognizer {
    /// The gazetteer of countries, capitals and major cities (GPE), which fills gaps the
    /// model leaves: names that never occur in the training corpora (`מוסקבה`).
    pub fn places() -> Self {
        Self::parse(PLACES)
    }

    /// Parses lines `M \t label \t phrase`, the phrase written as the tokenizer folds it;
    /// lines starting with `#`, of another kind or with an unknown label are skipped.
    pub fn parse(data: &'static str) -> Self {
        let mentions: FxHashMap<&'static str, Label> = data
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|line| {
                let mut f = line.splitn(3, '\t');
                match (f.next(), f.next(), f.next()) {
                    (Some("M"), Some(label), Some(phrase)) => Some((phrase, label.parse().ok()?)),
                    _ => None,
                }
            })
            .collect();
        let first_tokens = mentions
            .keys()
            .filter_map(|p| p.split(' ').next())
            .collect();
        let max_tokens = mentions
            .keys()
            .map(|p| p.split(' ').count())
            .max()
            .unwrap_or(0);
        LexiconRecognizer {
            mentions,
            first_tokens,
            max_tokens,
        }
    }

    /// The longest phrase starting at token `i`: `(prefix length, tokens, label)`. `key` is
    /// a reused buffer, so lookups allocate nothing per token.
    fn longest_mention(
        &self,
        doc: &Document<'_>,
        i: usize,
        key: &mut String,
    ) -> Option<(usize, usize, Label)> {
        let word = doc.norm(i);
        let mut best: Option<(usize, usize, Label)> = None;
        for p in std::iter::once(0).chain(prefix::splits(word)) {
            if !self.first_tokens.contains(&word[p..]) {
                continue;
            }
            key.clear();
            key.push_str(&word[p..]);
            for n in 1..=self.max_tokens.min(doc.len() - i) {
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
}

impl Recognizer for LexiconRecognizer {
    fn recognize(&self, doc: &Document<'_>, out: &mut Vec<Span>) {
        let mut key = String::new();
        let mut i = 0;
        while i < doc.len() {
            let found = match doc.tokens()[i].kind {
                TokenKind::Punct => None,
                _ => self.longest_mention(doc, i, &mut key),
            };
            match found {
                Some((p, n, label)) => {
                    out.push(Span {
                        start: doc.original_offset(i, p),
                        end: doc.tokens()[i + n - 1].end,
                        label,
                        text: String::new(),
                        value: None,
                        confidence: 0.8,
                        entity: None,
                    });
                    i += n;
                }
                None => i += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LEXICON: &str =
        "# a comment\nM\tGPE\tמוסקבה\nM\tORG\tחמאס\nM\tORG\tבנק ישראל\nM\tNOPE\tשלום\nF\t-\tסשה\n";

    fn found(text: &str) -> Vec<(String, Label)> {
        let mut out = Vec::new();
        LexiconRecognizer::parse(LEXICON).recognize(&Document::new(text), &mut out);
        out.iter()
            .map(|s| (text[s.start..s.end].to_string(), s.label))
            .collect()
    }

    /// A named case: text, expected mentions.
    type Case = (&'static str, &'static str, &'static [(&'static str, Label)]);

    #[test]
    fn table_of_cases() {
        let cases: &[Case] = &[
            ("prefix outside", "הודה לחמאס", &[("חמאס", Label::ORG)]),
            ("two prefixes", "ובמוסקבה", &[("מוסקבה", Label::GPE)]),
            (
                "multi-token, longest wins",
                "מבנק ישראל",
                &[("בנק ישראל", Label::ORG)],
            ),
            ("niqqud on the prefix", "בְּמוסקבה", &[("מוסקבה", Label::GPE)]),
            ("unknown label and other kinds skipped", "שלום סשה", &[]),
            ("not inside a longer word", "מוסקבהה", &[]),
        ];
        for (name, text, want) in cases {
            let want: Vec<(String, Label)> =
                want.iter().map(|(t, l)| (t.to_string(), *l)).collect();
            assert_eq!(found(text), want, "{name}");
        }
    }

    #[test]
    fn places_list_parses() {
        let places = LexiconRecognizer::places();
        assert!(places.mentions.len() > 150);
        assert!(places.mentions.values().all(|&l| l == Label::GPE));
        assert!(places.max_tokens >= 2, "multi-word places such as ניו יורק");
    }
}
