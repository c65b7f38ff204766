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

use crate::article::{DocContext, piece_key};
use crate::fasthash::FxHashMap;
use crate::recognizer::Recognizer;
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
        propagate(doc, out, first, None);
    }

    /// The context's words were taught by every piece of the document, in document order,
    /// so the first teaching of a word wins as it does over the whole document.
    fn recognize_in(&self, doc: &Document<'_>, ctx: &DocContext, out: &mut Vec<Span>) {
        let first = out.len();
        match ctx.found.get(&piece_key(doc.text())) {
            // Found in the last learning round, with the same context: the same mentions.
            Some(found) => out.extend(found.iter().cloned()),
            None => self.0.recognize_in(doc, ctx, out),
        }
        propagate(doc, out, first, Some(&ctx.known));
    }

    /// The inner recogniser's rounds, then one that records the words its mentions teach.
    fn rounds(&self) -> usize {
        self.0.rounds() + 1
    }

    fn learn(&self, round: usize, doc: &Document<'_>, ctx: &mut DocContext) {
        let inner = self.0.rounds();
        if round < inner {
            self.0.learn(round, doc, ctx);
        } else if round == inner {
            let mut found = Vec::new();
            self.0.recognize_in(doc, ctx, &mut found);
            found.sort_unstable_by_key(|s| s.start);
            let mut covered = vec![false; doc.len()];
            survey(doc, &found, &mut covered, &mut |word, label| {
                if !ctx.known.contains_key(word) {
                    ctx.known.insert(word.into(), label);
                }
            });
            ctx.found.insert(piece_key(doc.text()), found);
        }
    }
}

/// Marks every other occurrence of the words taught by `out[first..]` (the recogniser's
/// mentions of `doc`), and by `context` (the other pieces of the document, which take
/// precedence: they come first in it or include this piece's own teachings).
fn propagate(
    doc: &Document<'_>,
    out: &mut Vec<Span>,
    first: usize,
    context: Option<&FxHashMap<Box<str>, Label>>,
) {
    let context = context.filter(|k| !k.is_empty());
    if out.len() == first && context.is_none() {
        return;
    }
    out[first..].sort_unstable_by_key(|s| s.start);
    let tokens = doc.tokens();
    // Which tokens the recogniser covered, and the words it taught us.
    let mut covered = vec![false; doc.len()];
    let mut known: FxHashMap<&str, Label> = FxHashMap::default();
    survey(doc, &out[first..], &mut covered, &mut |word, label| {
        known.entry(word).or_insert(label);
    });
    if known.is_empty() && context.is_none() {
        return;
    }
    let lookup = |w: &str| {
        context
            .and_then(|k| k.get(w))
            .or_else(|| known.get(w))
            .copied()
    };
    for i in 0..doc.len() {
        if covered[i] || tokens[i].kind == TokenKind::Punct {
            continue;
        }
        let word = doc.norm(i);
        let found = std::iter::once(0)
            .chain(prefix::splits(word))
            .find_map(|p| lookup(&word[p..]).map(|label| (p, label)));
        if let Some((p, label)) = found {
            out.push(Span {
                start: doc.original_offset(i, p),
                end: tokens[i].end,
                label,
                text: String::new(),
                value: None,
                confidence: PROPAGATED_CONFIDENCE,
                entity: None,
            });
        }
    }
}

/// Walks `spans` (sorted by start) over `doc`'s tokens: marks the tokens they cover, and
/// calls `teach` with each word a mention teaches (its only word, or a person's surname)
/// in the order of the spans.
fn survey<'d>(
    doc: &'d Document<'_>,
    spans: &[Span],
    covered: &mut [bool],
    teach: &mut dyn FnMut(&'d str, Label),
) {
    let tokens = doc.tokens();
    let mut t = 0;
    for span in spans {
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
                teach(word, label);
            }
        }
    }
}

/// Two recognisers, the second filling gaps of the first: its spans, and the first's own
/// list names ([`Recognizer::list_mentions`]), are kept only where they overlap nothing
/// the first found, at a lower confidence.
pub struct Fallback<A, B>(pub A, pub B);

impl<A: Recognizer, B: Recognizer> Recognizer for Fallback<A, B> {
    fn recognize(&self, doc: &Document<'_>, out: &mut Vec<Span>) {
        let first = out.len();
        self.0.recognize(doc, out);
        let mut extra = Vec::new();
        self.0.list_mentions(doc, &mut extra);
        self.1.recognize(doc, &mut extra);
        fill_gaps(out, first, extra);
    }

    fn recognize_in(&self, doc: &Document<'_>, ctx: &DocContext, out: &mut Vec<Span>) {
        let first = out.len();
        self.0.recognize_in(doc, ctx, out);
        let mut extra = Vec::new();
        self.0.list_mentions(doc, &mut extra);
        self.1.recognize_in(doc, ctx, &mut extra);
        fill_gaps(out, first, extra);
    }

    fn rounds(&self) -> usize {
        self.0.rounds().max(self.1.rounds())
    }

    fn learn(&self, round: usize, doc: &Document<'_>, ctx: &mut DocContext) {
        self.0.learn(round, doc, ctx);
        self.1.learn(round, doc, ctx);
    }
}

/// Adds the gap-fillers `extra` that overlap none of the primary spans `out[first..]`.
fn fill_gaps(out: &mut Vec<Span>, first: usize, extra: Vec<Span>) {
    // The primary spans, sorted, do not overlap one another: the first one ending after
    // a gap-filler's start is the only one that can overlap it.
    let mut primary: Vec<(usize, usize)> = out[first..].iter().map(|s| (s.start, s.end)).collect();
    primary.sort_unstable();
    for mut s in extra {
        let next = primary.partition_point(|&(_, end)| end <= s.start);
        if primary.get(next).is_none_or(|&(start, _)| start >= s.end) {
            s.confidence = s.confidence.min(PROPAGATED_CONFIDENCE);
            out.push(s);
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
                        entity: None,
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
