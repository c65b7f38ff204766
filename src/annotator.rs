//! The one entry point: text in, sorted non-overlapping spans out.
//!
//! An [`Annotator`] owns an entity [`Recognizer`] (the statistical model, or the lexicon
//! recogniser it replaced) and runs the date engine beside it; [`resolve_overlaps`] merges
//! the two streams. The web layer and the CLI only ever talk to this type.

use crate::dates::{self, CivilDate};
use crate::span::{LabelSet, Span};
use crate::text::Document;

/// Finds entity mentions in a tokenised document.
///
/// Implementations push spans with byte offsets and an empty `text` (the annotator fills
/// it); they may overlap, the annotator resolves that.
pub trait Recognizer: Send + Sync {
    /// Appends the mentions found in `doc` to `out`.
    fn recognize(&self, doc: &Document<'_>, out: &mut Vec<Span>);
}

/// What to annotate and how.
#[derive(Clone, Debug)]
pub struct Options {
    /// Labels to return; others are dropped.
    pub labels: LabelSet,
    /// Spans with a lower confidence are dropped.
    pub min_confidence: f32,
    /// The document's own date, against which relative and underspecified dates resolve.
    pub document_date: Option<CivilDate>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            labels: LabelSet::ALL,
            min_confidence: 0.0,
            document_date: None,
        }
    }
}

/// Text in, spans out. Cheap to share: build one and call [`Annotator::annotate`] often.
pub struct Annotator {
    entities: Box<dyn Recognizer>,
}

impl Default for Annotator {
    /// The annotator with the recogniser shipped in the crate.
    fn default() -> Self {
        Annotator::with_recognizer(Box::new(crate::model::BuiltinRecognizer))
    }
}

impl Annotator {
    /// An annotator over a custom entity recogniser (dates are always handled by the
    /// built-in date engine).
    pub fn with_recognizer(entities: Box<dyn Recognizer>) -> Self {
        Annotator { entities }
    }

    /// Finds entities and dates in `text`.
    ///
    /// The result is sorted by start, non-overlapping, and every span's `start..end` is a
    /// char-boundary byte range of `text` whose slice equals `span.text`.
    pub fn annotate(&self, text: &str, options: &Options) -> Vec<Span> {
        let doc = Document::new(text);
        let mut spans = Vec::new();
        self.entities.recognize(&doc, &mut spans);
        dates::recognize(&doc, options.document_date, &mut spans);
        spans.retain(|s| {
            options.labels.contains(s.label)
                && s.confidence >= options.min_confidence
                && s.start < s.end
                && s.end <= text.len()
                && text.is_char_boundary(s.start)
                && text.is_char_boundary(s.end)
        });
        resolve_overlaps(&mut spans);
        for s in &mut spans {
            s.text = text[s.start..s.end].to_string();
        }
        spans
    }
}

/// Sorts spans and removes overlaps, keeping the better of two overlapping spans: a
/// temporal span over an entity (the date engine is precise about its own family), then
/// the longer span, then the more confident one.
pub fn resolve_overlaps(spans: &mut Vec<Span>) {
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
    let mut kept: Vec<Span> = Vec::with_capacity(spans.len());
    for i in order {
        let s = &spans[i];
        if kept.iter().all(|k| k.end <= s.start || s.end <= k.start) {
            kept.push(s.clone());
        }
    }
    kept.sort_by_key(|s| s.start);
    *spans = kept;
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
}
