//! The statistical entity recogniser: a linear-chain averaged perceptron over tokens.
//!
//! - [`features`] turns a sentence into hashed feature keys (one code path for training and
//!   inference);
//! - [`format`] reads the model file in place (embedded in the crate with `include_bytes!`);
//! - [`decode`] runs Viterbi over BIOES [`tags`] with illegal transitions forbidden;
//! - a second, tiny scorer (the last weight column) decides how many letters of a
//!   mention's first token are attached prefixes outside the mention, so `בירושלים`
//!   yields the span `ירושלים`.
//!
//! See `docs/model-design.md` for why it is built this way and `model/README.md` for the
//! data, scores and how to retrain.

pub mod decode;
pub mod features;
pub mod format;
pub mod hash;
pub mod tags;
#[cfg(not(target_arch = "wasm32"))]
pub mod train;

use crate::annotator::Recognizer;
use crate::corpus::Mention;
use crate::span::Span;
use crate::text::{Document, TokenKind, prefix};
use decode::{Decoder, Transitions};
use features::{Info, Lexicon};
use format::{FormatError, ModelFile};
use std::sync::OnceLock;
use tags::{ENTITY_LABELS, NUM_TAGS};

/// The model shipped in the crate.
static BUILTIN_BYTES: &[u8] = include_bytes!("../../model/tagit-ner.bin");

/// Size in bytes of the embedded model file.
pub fn builtin_size() -> usize {
    BUILTIN_BYTES.len()
}

impl Lexicon for ModelFile<'_> {
    fn info(&self, word: &str) -> Info {
        self.lexicon(features::lexicon_key(self.seed, word))
    }
}

/// A loaded model: the file view plus the legal-transition table built from it.
#[derive(Clone, Debug)]
pub struct EntityModel {
    file: ModelFile<'static>,
    trans: Transitions,
}

/// Per-call scratch space, so decoding a document allocates a handful of buffers rather
/// than anything per token.
#[derive(Default)]
pub struct Scratch {
    info: Vec<Info>,
    emit: Vec<i32>,
    cols: Vec<i32>,
    decoder: Decoder,
    margins: Vec<i64>,
    /// The decoded tags of the last sentence.
    pub tags: Vec<u8>,
}

impl EntityModel {
    /// Loads a model from bytes that live for the whole program (embedded or leaked).
    pub fn from_bytes(bytes: &'static [u8]) -> Result<Self, FormatError> {
        let file = ModelFile::parse(bytes)?;
        let trans = Transitions::new(
            |a, b| file.transition(a, b),
            |t| file.start_weight(t),
            |t| file.end_weight(t),
        );
        Ok(EntityModel { file, trans })
    }

    /// The model shipped in the crate, parsed once per process.
    pub fn try_builtin() -> Result<&'static EntityModel, FormatError> {
        static MODEL: OnceLock<Result<EntityModel, FormatError>> = OnceLock::new();
        MODEL
            .get_or_init(|| EntityModel::from_bytes(BUILTIN_BYTES))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The model file's parsed view.
    pub fn file(&self) -> &ModelFile<'static> {
        &self.file
    }

    /// Tags one sentence of folded words; the result is in `scratch.tags`. With
    /// `margins`, also fills per-token score margins (in weight units).
    pub fn tag(&self, words: &[&str], scratch: &mut Scratch, margins: bool) {
        let f = &self.file;
        scratch.info.clear();
        scratch.info.extend(words.iter().map(|w| f.info(w)));
        scratch.emit.clear();
        scratch.emit.resize(words.len() * NUM_TAGS, 0);
        scratch.cols.clear();
        scratch.cols.resize(f.cols, 0);
        let sent = features::Sentence {
            words,
            info: &scratch.info,
        };
        for i in 0..words.len() {
            let cols = &mut scratch.cols;
            cols.iter_mut().for_each(|c| *c = 0);
            features::token_features(f.seed, f, &sent, i, &mut |k| f.add_weights(k, cols));
            scratch.emit[i * NUM_TAGS..(i + 1) * NUM_TAGS].copy_from_slice(&cols[..NUM_TAGS]);
        }
        scratch
            .decoder
            .viterbi(&scratch.emit, &self.trans, &mut scratch.tags);
        if margins {
            scratch.decoder.margins(
                &scratch.emit,
                &self.trans,
                &scratch.tags,
                &mut scratch.margins,
            );
        }
    }

    /// How many bytes of folded `word`, the first token of a mention of label index
    /// `label`, are attached prefixes outside the mention.
    pub fn prefix_len(&self, word: &str, label: usize) -> usize {
        let f = &self.file;
        let col = NUM_TAGS;
        let score = |p: usize| {
            let mut s = 0;
            features::prefix_features(f.seed, f, word, p, label, &mut |k| s += f.weight(k, col));
            s
        };
        let mut best = (score(0), 0);
        for p in prefix::splits(word) {
            let s = score(p);
            if s > best.0 {
                best = (s, p);
            }
        }
        best.1
    }

    /// Mentions in one sentence of folded words (with predicted prefix lengths).
    pub fn mentions(&self, words: &[&str], scratch: &mut Scratch) -> Vec<Mention> {
        self.tag(words, scratch, false);
        let mut spans = Vec::new();
        tags::decode(&scratch.tags, &mut spans);
        spans
            .into_iter()
            .map(|(s, e, l)| Mention {
                start: s,
                end: e,
                label: ENTITY_LABELS[l],
                prefix: Some(self.prefix_len(words[s], l)),
            })
            .collect()
    }

    fn recognize_sentence(
        &self,
        doc: &Document<'_>,
        range: std::ops::Range<usize>,
        words: &[&str],
        scratch: &mut Scratch,
        out: &mut Vec<Span>,
    ) {
        self.tag(words, scratch, true);
        let mut spans = Vec::new();
        tags::decode(&scratch.tags, &mut spans);
        let toks = doc.tokens();
        for (s, e, l) in spans {
            let first = range.start + s;
            let last = range.start + e - 1;
            let p = self.prefix_len(words[s], l);
            let start = if p == 0 {
                toks[first].start
            } else {
                doc.original_offset(first, p)
            };
            let margin = scratch.margins[s..e].iter().copied().min().unwrap_or(0);
            let units = margin as f32 / self.file.scale.max(1e-6);
            let confidence = (1.0 - (-units / 2.0).exp()).clamp(0.0, 1.0);
            out.push(Span {
                start,
                end: toks[last].end,
                label: ENTITY_LABELS[l],
                text: String::new(),
                value: None,
                confidence,
            });
        }
    }
}

/// True when a sentence ends after token `i`: sentence punctuation, or a line break
/// before the next token.
fn ends_sentence(doc: &Document<'_>, i: usize) -> bool {
    let toks = doc.tokens();
    let t = &toks[i];
    if t.kind == TokenKind::Punct && matches!(doc.norm(i), "." | "!" | "?") {
        return true;
    }
    match toks.get(i + 1) {
        Some(n) => doc.text()[t.end..n.start].contains('\n'),
        None => true,
    }
}

/// The most tokens decoded as one unit: longer runs without punctuation (lists, residue)
/// are cut, which bounds the decoder's buffers.
const MAX_SENTENCE: usize = 400;

impl Recognizer for EntityModel {
    fn recognize(&self, doc: &Document<'_>, out: &mut Vec<Span>) {
        let mut scratch = Scratch::default();
        let mut words: Vec<&str> = Vec::with_capacity(64);
        let mut start = 0;
        for i in 0..doc.len() {
            words.push(doc.norm(i));
            if ends_sentence(doc, i) || words.len() >= MAX_SENTENCE {
                self.recognize_sentence(doc, start..i + 1, &words, &mut scratch, out);
                words.clear();
                start = i + 1;
            }
        }
    }
}

/// The recogniser used by [`crate::Annotator::default`]: the embedded model, or (should
/// the embedded file ever fail to parse, which the test suite guards against) nothing.
pub struct BuiltinRecognizer;

impl Recognizer for BuiltinRecognizer {
    fn recognize(&self, doc: &Document<'_>, out: &mut Vec<Span>) {
        if let Ok(m) = EntityModel::try_builtin() {
            m.recognize(doc, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_model_parses() {
        let m = EntityModel::try_builtin().expect("embedded model");
        let (rows, weights, lex) = m.file().sizes();
        assert!(rows > 0 && weights > 0 && lex > 0);
    }
}
