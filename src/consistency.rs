//! One sense per document: a name the recogniser found once is the same name elsewhere in
//! the text.
//!
//! A sequence model decides each sentence on its own evidence, so `ולדימיר פוטין` in the
//! lead can be found while `לפוטין` three sentences later is not. Journalists introduce a
//! person by full name and then use the surname, and repeat organisation and place names
//! with different attached prefixes. [`Consistent`] wraps any recogniser and, after it ran,
//! marks every other occurrence (after peeling a legal prefix) of
//! - each single-token mention it found, with that mention's label, and
//! - the last word of each multi-word person name, as a person.
//!
//! Added spans carry a lower confidence than the recogniser's own, so a confidence
//! threshold can drop them. [`Fallback`] is the other gap-filler: a second recogniser (the
//! places gazetteer) whose spans count only where the first found nothing.

use crate::annotator::Recognizer;
use crate::fasthash::FxHashMap;
use crate::span::{Label, Span};
use crate::text::{Document, TokenKind, prefix};

/// Confidence of a span added by propagation.
pub const PROPAGATED_CONFIDENCE: f32 = 0.5;

/// The shortest word (in characters) that is propagated: one- and two-letter words are too
/// ambiguous to mark on the strength of another sentence.
const MIN_CHARS: usize = 3;

/// A recogniser whose mentions are propagated through the document (see the module docs).
pub struct Consistent<R>(pub R);

impl<R: Recognizer> Recognizer for Consistent<R> {
    fn recognize(&self, doc: &Document<'_>, out: &mut Vec<Span>) {
        let first = out.len();
        self.0.recognize(doc, out);
        if out.len() == first {
            return;
        }
        out[first..].sort_unstable_by_key(|s| s.start);
        let tokens = doc.tokens();
        // Which tokens the recogniser covered, and the words it taught us.
        let mut covered = vec![false; doc.len()];
        let mut known: FxHashMap<&str, Label> = FxHashMap::default();
        let mut t = 0;
        for span in &out[first..] {
            while t < tokens.len() && tokens[t].end <= span.start {
                t += 1;
            }
            // The span's words (punctuation aside): the first, the last, and whether they differ.
            let mut first_word = None;
            let mut last_word = None;
            for i in t..tokens.len() {
                if tokens[i].start >= span.end {
                    break;
                }
                covered[i] = true;
                if tokens[i].kind != TokenKind::Punct {
                    first_word.get_or_insert(i);
                    last_word = Some(i);
                }
            }
            let teaches = match (first_word, last_word) {
                (Some(f), Some(l)) if f == l => Some((f, span.label)),
                (Some(_), Some(l)) if span.label == Label::PER => Some((l, Label::PER)),
                _ => None,
            };
            if let Some((i, label)) = teaches {
                let word = stem_after(doc, i, span.start);
                if word.chars().count() >= MIN_CHARS {
                    known.entry(word).or_insert(label);
                }
            }
        }
        if known.is_empty() {
            return;
        }
        for i in 0..doc.len() {
            if covered[i] || tokens[i].kind == TokenKind::Punct {
                continue;
            }
            let word = doc.norm(i);
            let found = std::iter::once(0)
                .chain(prefix::splits(word))
                .find_map(|p| known.get(&word[p..]).map(|&label| (p, label)));
            if let Some((p, label)) = found {
                out.push(Span {
                    start: doc.original_offset(i, p),
                    end: tokens[i].end,
                    label,
                    text: String::new(),
                    value: None,
                    confidence: PROPAGATED_CONFIDENCE,
                });
            }
        }
    }
}

/// Two recognisers, the second filling gaps of the first: its spans are kept only where
/// they overlap nothing the first found, at a lower confidence.
pub struct Fallback<A, B>(pub A, pub B);

impl<A: Recognizer, B: Recognizer> Recognizer for Fallback<A, B> {
    fn recognize(&self, doc: &Document<'_>, out: &mut Vec<Span>) {
        let first = out.len();
        self.0.recognize(doc, out);
        let mut extra = Vec::new();
        self.1.recognize(doc, &mut extra);
        // The primary spans, sorted, do not overlap one another: the first one ending after
        // a gap-filler's start is the only one that can overlap it.
        let mut primary: Vec<(usize, usize)> =
            out[first..].iter().map(|s| (s.start, s.end)).collect();
        primary.sort_unstable();
        for mut s in extra {
            let next = primary.partition_point(|&(_, end)| end <= s.start);
            if primary.get(next).is_none_or(|&(start, _)| start >= s.end) {
                s.confidence = s.confidence.min(PROPAGATED_CONFIDENCE);
                out.push(s);
            }
        }
    }
}

/// The folded form of token `i` from `span_start` on: the stem the recogniser chose when the
/// span starts inside the token (after an attached prefix), else the whole word.
fn stem_after<'d>(doc: &'d Document<'_>, i: usize, span_start: usize) -> &'d str {
    let word = doc.norm(i);
    if span_start <= doc.tokens()[i].start {
        return word;
    }
    std::iter::once(0)
        .chain(prefix::splits(word))
        .find(|&p| doc.original_offset(i, p) >= span_start)
        .map_or(word, |p| &word[p..])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Finds the listed phrases (exact surface text) with their labels.
    struct Fixed(&'static [(&'static str, Label)]);

    impl Recognizer for Fixed {
        fn recognize(&self, doc: &Document<'_>, out: &mut Vec<Span>) {
            for &(phrase, label) in self.0 {
                if let Some(start) = doc.text().find(phrase) {
                    out.push(Span {
                        start,
                        end: start + phrase.len(),
                        label,
                        text: String::new(),
                        value: None,
                        confidence: 0.9,
                    });
                }
            }
        }
    }

    fn run(found: &'static [(&'static str, Label)], text: &str) -> Vec<(String, Label, bool)> {
        let mut out = Vec::new();
        Consistent(Fixed(found)).recognize(&Document::new(text), &mut out);
        out.sort_by_key(|s| s.start);
        out.iter()
            .map(|s| {
                (
                    text[s.start..s.end].to_string(),
                    s.label,
                    s.confidence < 0.9,
                )
            })
            .collect()
    }

    #[test]
    fn surnames_and_single_words_propagate_with_prefixes_outside() {
        let got = run(
            &[("ולדימיר פוטין", Label::PER), ("חמאס", Label::ORG)],
            "הנשיא ולדימיר פוטין הודה לחמאס. אחר כך אמר לפוטין: חמאס ופוטין.",
        );
        let want = [
            ("ולדימיר פוטין", Label::PER, false),
            ("חמאס", Label::ORG, false),
            ("פוטין", Label::PER, true),
            ("חמאס", Label::ORG, true),
            ("פוטין", Label::PER, true),
        ];
        let want: Vec<(String, Label, bool)> = want
            .iter()
            .map(|(t, l, p)| (t.to_string(), *l, *p))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn a_fallback_only_fills_gaps() {
        let mut out = Vec::new();
        let text = "פוטין במוסקבה ובקרמלין";
        Fallback(
            Fixed(&[("פוטין", Label::PER), ("קרמלין", Label::FAC)]),
            Fixed(&[("פוטין במוסקבה", Label::ORG), ("מוסקבה", Label::GPE)]),
        )
        .recognize(&Document::new(text), &mut out);
        out.sort_by_key(|s| s.start);
        let got: Vec<(&str, Label, f32)> = out
            .iter()
            .map(|s| (&text[s.start..s.end], s.label, s.confidence))
            .collect();
        assert_eq!(
            got,
            [
                ("פוטין", Label::PER, 0.9),
                ("מוסקבה", Label::GPE, PROPAGATED_CONFIDENCE),
                ("קרמלין", Label::FAC, 0.9)
            ]
        );
    }

    #[test]
    fn multi_word_names_of_other_kinds_and_short_words_do_not_propagate() {
        let got = run(
            &[("בית הלבן", Label::ORG), ("עזה", Label::GPE)],
            "בית הלבן. הלבן. עזה",
        );
        assert_eq!(got.len(), 2, "only the recogniser's own spans: {got:?}");
        let got = run(&[("מה", Label::ORG)], "מה? מה.");
        assert_eq!(got.len(), 1, "{got:?}");
    }
}
