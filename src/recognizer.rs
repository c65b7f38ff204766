//! The interface every entity layer implements: a document in, mentions out.
//!
//! It sits below its implementers (the model, the places gazetteer, the consistency
//! wrappers) and below the [`crate::Annotator`] that composes them, so none of them imports
//! another's module to find it.

use crate::article::DocContext;
use crate::span::Span;
use crate::text::Document;

/// Finds entity mentions in a tokenised document.
///
/// Implementations push spans with byte offsets and an empty `text` (the annotator fills
/// it); they may overlap, the annotator resolves that.
pub trait Recognizer: Send + Sync {
    /// Appends the mentions found in `doc` to `out`, `doc` being the whole document (any
    /// document-level evidence is gathered from `doc` itself).
    fn recognize(&self, doc: &Document<'_>, out: &mut Vec<Span>);

    /// Like [`Recognizer::recognize`], `doc` being one piece of a document whose evidence
    /// `ctx` holds: every piece, this one included, went through every learning round
    /// ([`Recognizer::learn`]). A recogniser without document-level evidence ignores `ctx`.
    fn recognize_in(&self, doc: &Document<'_>, ctx: &DocContext, out: &mut Vec<Span>) {
        let _ = ctx;
        self.recognize(doc, out);
    }

    /// How many learning rounds [`Recognizer::recognize_in`] needs (0: none).
    fn rounds(&self) -> usize {
        0
    }

    /// Learning round `round` over `doc`, one piece of a document: records what it
    /// teaches into `ctx`. All pieces go through a round before any enters the next.
    fn learn(&self, round: usize, doc: &Document<'_>, ctx: &mut DocContext) {
        let _ = (round, doc, ctx);
    }

    /// Appends the names of the recogniser's own name lists found in `doc` (the model's
    /// knowledge list and imported gazetteers), for the annotator to fill the gaps
    /// [`Recognizer::recognize`] left.
    fn list_mentions(&self, doc: &Document<'_>, out: &mut Vec<Span>) {
        let _ = (doc, out);
    }
}

/// A borrowed recogniser is one too (say, a model file loaded and leaked for the process,
/// as `tagit eval --model` does).
impl<R: Recognizer + ?Sized> Recognizer for &R {
    fn recognize(&self, doc: &Document<'_>, out: &mut Vec<Span>) {
        (**self).recognize(doc, out);
    }

    fn recognize_in(&self, doc: &Document<'_>, ctx: &DocContext, out: &mut Vec<Span>) {
        (**self).recognize_in(doc, ctx, out);
    }

    fn rounds(&self) -> usize {
        (**self).rounds()
    }

    fn learn(&self, round: usize, doc: &Document<'_>, ctx: &mut DocContext) {
        (**self).learn(round, doc, ctx);
    }

    fn list_mentions(&self, doc: &Document<'_>, out: &mut Vec<Span>) {
        (**self).list_mentions(doc, out);
    }
}
