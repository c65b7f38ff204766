//! An article read in pieces, tagged with the evidence of the whole.
//!
//! The recognisers use document-level evidence: the model's second pass sees how other
//! occurrences of a word were tagged ([`crate::model::doc`]), and [`crate::consistency`]
//! carries a name found once to its other mentions. A web page is annotated a paragraph at
//! a time (so no task blocks the page for long), and a paragraph alone would lose that
//! evidence: a bare `פוטין` three paragraphs after `ולדימיר פוטין` would be missed.
//!
//! So the evidence is gathered first, piece by piece, into a [`DocContext`], in the
//! recogniser's learning rounds ([`crate::Recognizer::rounds`]): every piece goes through
//! round 0, then every piece through round 1, and so on. Each piece is then annotated with
//! the context ([`crate::Annotator::annotate_in`]). The result is the whole-document
//! result: annotating the pieces of an article this way finds exactly the spans that
//! annotating the article as one text (its pieces a line each) finds, which is what the
//! CLI does (see the tests). Each step is one piece's work, so a caller can stop between
//! any two and yield.

use crate::fasthash::FxHashMap;
use crate::model::doc::DocMemory;
use crate::span::{Label, Span};
use std::hash::{DefaultHasher, Hash, Hasher};

/// Document-level evidence gathered from every piece of a document.
#[derive(Default, Debug)]
pub struct DocContext {
    /// The model's first-pass tags of every piece (learning round 0).
    pub(crate) memory: DocMemory,
    /// Words the entity recogniser's mentions teach ([`crate::consistency::Consistent`]),
    /// first teaching in document order first.
    pub(crate) known: FxHashMap<Box<str>, Label>,
    /// The entity recogniser's own mentions of each piece, found in the last learning
    /// round (by [`crate::consistency::Consistent`]), keyed by [`piece_key`]: annotating
    /// a learned piece then reuses them instead of running the model's two passes again.
    pub(crate) found: FxHashMap<(u64, usize), Vec<Span>>,
}

impl DocContext {
    /// An empty context.
    pub fn new() -> Self {
        DocContext::default()
    }
}

/// Identifies a piece by its text (a hash and the length): the same text in the same
/// context always yields the same mentions, so a repeated piece may share them.
pub(crate) fn piece_key(text: &str) -> (u64, usize) {
    let mut h = DefaultHasher::new();
    text.hash(&mut h);
    (h.finish(), text.len())
}

#[cfg(test)]
mod tests {
    use crate::{Annotator, CivilDate, Options, Span};

    const DEMO: &str = include_str!("../tests/fixtures/demo-article.txt");

    /// Annotates `pieces` one at a time with the context of all of them.
    fn in_pieces(a: &Annotator, pieces: &[&str], options: &Options) -> Vec<Vec<Span>> {
        let mut ctx = super::DocContext::new();
        for round in 0..a.rounds() {
            for p in pieces {
                a.learn(round, p, &mut ctx);
            }
        }
        pieces
            .iter()
            .map(|p| a.annotate_in(p, options, &ctx))
            .collect()
    }

    /// The spans of annotating `pieces` joined a line each, cut back into the pieces.
    fn whole(a: &Annotator, pieces: &[&str], options: &Options) -> Vec<Vec<Span>> {
        let text = pieces.join("\n");
        let mut out = vec![Vec::new(); pieces.len()];
        let mut start = 0;
        let mut spans = a.annotate(&text, options).into_iter().peekable();
        for (i, p) in pieces.iter().enumerate() {
            let end = start + p.len();
            while let Some(mut s) = spans.next_if(|s| s.start < end) {
                assert!(s.end <= end, "a span across pieces: {s:?}");
                s.start -= start;
                s.end -= start;
                out[i].push(s);
            }
            start = end + 1;
        }
        out
    }

    fn demo_pieces() -> Vec<&'static str> {
        DEMO.lines().filter(|l| !l.trim().is_empty()).collect()
    }

    #[test]
    fn pieces_with_context_equal_the_whole_document() {
        let a = Annotator::default();
        let options = Options {
            document_date: "2025-03-11".parse::<CivilDate>().ok(),
            ..Options::default()
        };
        let pieces = demo_pieces();
        assert!(pieces.len() > 10);
        assert_eq!(
            in_pieces(&a, &pieces, &options),
            whole(&a, &pieces, &options)
        );
    }

    #[test]
    fn context_finds_what_pieces_alone_miss() {
        let a = Annotator::default();
        let options = Options::default();
        let pieces = demo_pieces();
        let count = |found: &[Vec<Span>], word: &str| {
            let per = |s: &&Span| s.text == word && s.label == crate::Label::PER;
            found.iter().flatten().filter(per).count()
        };
        let with = in_pieces(&a, &pieces, &options);
        let alone: Vec<Vec<Span>> = pieces.iter().map(|p| a.annotate(p, &options)).collect();
        // The bare surname after the full name (the model alone finds some; the rest come
        // from the name elsewhere in the article).
        let (with, alone) = (count(&with, "פוטין"), count(&alone, "פוטין"));
        assert!(with > alone, "פוטין: {with} with context, {alone} alone");
    }

    #[test]
    fn a_piece_not_learned_is_still_annotated() {
        // The web layer may annotate a paragraph added after learning: it gets the
        // evidence of the others (not its own), and no failure.
        let a = Annotator::default();
        let options = Options::default();
        let mut ctx = super::DocContext::new();
        for round in 0..a.rounds() {
            a.learn(round, "הנשיא ולדימיר פוטין נפגש עם סשה טרופנוב.", &mut ctx);
        }
        // A bare surname the other piece's full name teaches.
        let late = "והיום טרופנוב שמח.";
        let per = |spans: &[Span]| {
            spans
                .iter()
                .filter(|s| s.text == "טרופנוב" && s.label == crate::Label::PER)
                .count()
        };
        assert_eq!(per(&a.annotate_in(late, &options, &ctx)), 1);
        assert_eq!(
            per(&a.annotate(late, &options)),
            0,
            "precondition: the model alone misses it (pick another sentence if not)"
        );
        assert!(a.annotate_in("", &options, &ctx).is_empty());
    }
}
