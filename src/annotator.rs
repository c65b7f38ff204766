//! The one entry point: text in, sorted non-overlapping spans out.
//!
//! The product path is a stack of layers, composed here and nowhere else:
//!
//! 1. **entities**: a [`Recognizer`], by default the statistical model wrapped in the
//!    gap-fillers of [`crate::consistency`] (the model's name lists, the places gazetteer,
//!    one sense per document);
//! 2. **dates**: the date engine ([`crate::dates`]);
//! 3. **overlaps**: [`resolve_overlaps`] keeps one span where the two streams disagree;
//! 4. **site dictionary**: a publisher's [`Dictionary`] suppresses, adds and relabels,
//!    winning over everything above;
//! 5. **links**: names of tagit's knowledge list get their canonical name and article
//!    ([`crate::links`]).
//!
//! The web layer and the CLI only ever talk to this type.

use crate::article::DocContext;
use crate::dates::{self, CivilDate};
use crate::dictionary::Dictionary;
pub use crate::recognizer::Recognizer;
use crate::span::{LabelSet, Span};
use crate::text::Document;
use std::collections::BTreeMap;
use std::sync::Arc;

/// What to annotate and how.
#[derive(Clone, Debug)]
pub struct Options {
    /// Labels to return; others are dropped.
    pub labels: LabelSet,
    /// Spans with a lower confidence are dropped.
    pub min_confidence: f32,
    /// The document's own date, against which relative and underspecified dates resolve.
    pub document_date: Option<CivilDate>,
    /// A site dictionary for this call, in place of the annotator's own (see
    /// [`Annotator::with_dictionary`]).
    pub dictionary: Option<Arc<Dictionary>>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            labels: LabelSet::ALL,
            min_confidence: 0.0,
            document_date: None,
            dictionary: None,
        }
    }
}

/// Text in, spans out. Cheap to share: build one and call [`Annotator::annotate`] often.
pub struct Annotator {
    entities: Box<dyn Recognizer>,
    dictionary: Option<Arc<Dictionary>>,
}

impl Default for Annotator {
    /// The annotator with the recogniser shipped in the crate.
    fn default() -> Self {
        Annotator::around(crate::model::BuiltinRecognizer)
    }
}

impl Annotator {
    /// The product path around `model`: one sense per document, and where the model found
    /// nothing, the places gazetteer and the multi-word names of the model's name lists
    /// (see [`crate::consistency`]). [`Annotator::default`]
    /// is this around the embedded model; `tagit eval --annotator --model FILE` scores a
    /// trained file the same way.
    pub fn around(model: impl Recognizer + 'static) -> Self {
        Annotator::with_recognizer(Box::new(crate::consistency::Consistent(
            crate::consistency::Fallback(model, crate::lexicon::LexiconRecognizer::places()),
        )))
    }

    /// An annotator over a custom entity recogniser (dates are always handled by the
    /// built-in date engine).
    pub fn with_recognizer(entities: Box<dyn Recognizer>) -> Self {
        Annotator {
            entities,
            dictionary: None,
        }
    }

    /// This annotator with a site dictionary, applied to every text unless a call's
    /// [`Options::dictionary`] gives another.
    pub fn with_dictionary(mut self, dictionary: impl Into<Arc<Dictionary>>) -> Self {
        self.dictionary = Some(dictionary.into());
        self
    }

    /// Finds entities and dates in `text`.
    ///
    /// The result is sorted by start, non-overlapping, and every span's `start..end` is a
    /// char-boundary byte range of `text` whose slice equals `span.text`.
    pub fn annotate(&self, text: &str, options: &Options) -> Vec<Span> {
        let doc = Document::new(text);
        let mut spans = Vec::new();
        self.entities.recognize(&doc, &mut spans);
        self.finish(text, &doc, spans, options)
    }

    /// How many learning rounds [`Annotator::annotate_in`] needs (see [`crate::article`]).
    pub fn rounds(&self) -> usize {
        self.entities.rounds()
    }

    /// Learning round `round` over `text`, one piece of a document (see
    /// [`crate::article`]): every piece goes through round 0, then every piece through
    /// round 1, and so on up to [`Annotator::rounds`].
    pub fn learn(&self, round: usize, text: &str, ctx: &mut DocContext) {
        self.entities.learn(round, &Document::new(text), ctx);
    }

    /// Finds entities and dates in `text`, one piece of a document whose evidence `ctx`
    /// holds (after every learning round over every piece). Same guarantees as
    /// [`Annotator::annotate`].
    pub fn annotate_in(&self, text: &str, options: &Options, ctx: &DocContext) -> Vec<Span> {
        let doc = Document::new(text);
        let mut spans = Vec::new();
        self.entities.recognize_in(&doc, ctx, &mut spans);
        self.finish(text, &doc, spans, options)
    }

    /// The layers after entity recognition (see the module docs), then the span texts.
    fn finish(
        &self,
        text: &str,
        doc: &Document<'_>,
        mut spans: Vec<Span>,
        options: &Options,
    ) -> Vec<Span> {
        // War and operation names the date layer recognised (`מלחמת ששת הימים`) count as
        // the entity layer's EVE wherever the model found nothing longer.
        let mut events = Vec::new();
        dates::recognize_with_events(doc, options.document_date, &mut spans, &mut events);
        spans.extend(events);
        spans.retain(|s| {
            options.labels.contains(s.label)
                && s.confidence >= options.min_confidence
                && s.start < s.end
                && s.end <= text.len()
                && text.is_char_boundary(s.start)
                && text.is_char_boundary(s.end)
        });
        resolve_overlaps(&mut spans);
        if let Some(dictionary) = options.dictionary.as_ref().or(self.dictionary.as_ref()) {
            dictionary.apply(doc, &mut spans);
            // What the dictionary added obeys the call's filters too (a threshold above
            // its confidence of 1 hides everything, as it would any span).
            spans.retain(|s| {
                options.labels.contains(s.label) && s.confidence >= options.min_confidence
            });
        }
        crate::links::builtin().link(doc, &mut spans);
        for s in &mut spans {
            s.text = text[s.start..s.end].to_string();
        }
        spans
    }
}

/// Sorts spans and removes overlaps, keeping the better of two overlapping spans: a
/// temporal span over an entity (the date engine is precise about its own family), then
/// the longer span, then the more confident one. Empty spans mark nothing and are dropped.
pub fn resolve_overlaps(spans: &mut Vec<Span>) {
    spans.retain(|s| s.start < s.end);
    let rank = |s: &Span| {
        (
            s.label.is_temporal(),
            s.end - s.start,
            (s.confidence * 1e6) as u64,
        )
    };
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by(|&a, &b| {
        rank(&spans[b])
            .cmp(&rank(&spans[a]))
            .then(spans[a].start.cmp(&spans[b].start))
    });
    // Kept spans are disjoint, so ordered by start they are ordered by end too: the only
    // one that can overlap `s` is the last to start before `s` ends. Looking up just that
    // one keeps this O(n log n); scanning all kept spans was quadratic (minutes on a 10 MB
    // page with 280k mentions).
    let mut kept: BTreeMap<usize, usize> = BTreeMap::new(); // start -> index into spans
    for i in order {
        let s = &spans[i];
        let clash = kept
            .range(..s.end)
            .next_back()
            .is_some_and(|(_, &k)| spans[k].end > s.start);
        if !clash {
            kept.insert(s.start, i);
        }
    }
    let mut all = std::mem::take(spans);
    let mut keep = vec![false; all.len()];
    for &i in kept.values() {
        keep[i] = true;
    }
    let mut flags = keep.into_iter();
    all.retain(|_| flags.next().unwrap_or(false));
    all.sort_by_key(|s| s.start);
    *spans = all;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Label;

    fn span(start: usize, end: usize, label: Label, confidence: f32) -> Span {
        Span {
            start,
            end,
            label,
            text: String::new(),
            value: None,
            confidence,
            entity: None,
        }
    }

    #[test]
    fn overlaps_keep_dates_then_longer_then_confident() {
        let mut spans = vec![
            span(0, 4, Label::PER, 0.9),
            span(2, 8, Label::PER, 0.5),
            span(6, 10, Label::DATE, 0.1),
            span(12, 14, Label::ORG, 0.4),
            span(12, 14, Label::GPE, 0.8),
        ];
        resolve_overlaps(&mut spans);
        let got: Vec<(usize, Label)> = spans.iter().map(|s| (s.start, s.label)).collect();
        assert_eq!(got, [(0, Label::PER), (6, Label::DATE), (12, Label::GPE)]);
    }

    /// The rule stated plainly (quadratic): what the fast version must agree with.
    fn naive(spans: &[Span]) -> Vec<(usize, usize, Label)> {
        let rank = |s: &Span| {
            (
                s.label.is_temporal(),
                s.end - s.start,
                (s.confidence * 1e6) as u64,
            )
        };
        let mut order: Vec<&Span> = spans.iter().filter(|s| s.start < s.end).collect();
        order.sort_by(|a, b| rank(b).cmp(&rank(a)).then(a.start.cmp(&b.start)));
        let mut kept: Vec<&Span> = Vec::new();
        for s in order {
            if kept.iter().all(|k| k.end <= s.start || s.end <= k.start) {
                kept.push(s);
            }
        }
        kept.sort_by_key(|s| s.start);
        kept.iter().map(|s| (s.start, s.end, s.label)).collect()
    }

    #[test]
    fn agrees_with_the_plain_rule() {
        // A small deterministic generator: dense, overlapping, some empty, ties in rank.
        let mut rng = crate::xorshift::XorShift(0x2545_f491_4f6c_dd1du64);
        let mut next = |n: u64| (rng.next() % n) as usize;
        for round in 0..500 {
            let spans: Vec<Span> = (0..next(40))
                .map(|_| {
                    let start = next(60);
                    let label = [Label::PER, Label::GPE, Label::DATE][next(3)];
                    span(start, start + next(8), label, [0.5, 0.9][next(2)])
                })
                .collect();
            let want = naive(&spans);
            let mut got = spans.clone();
            resolve_overlaps(&mut got);
            let got: Vec<_> = got.iter().map(|s| (s.start, s.end, s.label)).collect();
            assert_eq!(got, want, "round {round}: {spans:?}");
        }
    }

    #[test]
    fn many_overlapping_spans_stay_fast() {
        // Regression: 280k mentions on a 10 MB line took minutes when every candidate was
        // compared with every kept span.
        let mut spans: Vec<Span> = (0..200_000)
            .map(|i| span(i * 3, i * 3 + 4, Label::DATE, 0.9))
            .collect();
        let t = std::time::Instant::now();
        resolve_overlaps(&mut spans);
        assert_eq!(spans.len(), 100_000);
        assert!(
            t.elapsed() < std::time::Duration::from_secs(5),
            "{:?}",
            t.elapsed()
        );
    }
}
