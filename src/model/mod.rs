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

mod adjacent;
#[cfg(not(target_arch = "wasm32"))]
pub mod brown;
mod cache;
#[cfg(not(target_arch = "wasm32"))]
pub mod clusters;
pub mod decode;
pub mod doc;
pub mod features;
pub mod format;
#[cfg(not(target_arch = "wasm32"))]
pub mod gazetteers;
pub mod hash;
pub mod phrases;
pub mod tags;
#[cfg(not(target_arch = "wasm32"))]
pub mod train;

use crate::article::DocContext;
use crate::corpus::Mention;
use crate::recognizer::Recognizer;
use crate::span::Span;
use crate::text::{Document, TokenKind, prefix};
use decode::{Decoder, Transitions};
use features::{Info, Lexicon};
use format::{FormatError, ModelFile};
use std::ops::Range;
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
    clusters: cache::ClusterBlocks,
}

/// Per-call scratch space, so decoding a document allocates a handful of buffers rather
/// than anything per token.
#[derive(Default)]
pub struct Scratch {
    info: Vec<Info>,
    phrase: Vec<u128>,
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
        let clusters = cache::ClusterBlocks::new(&file);
        Ok(EntityModel {
            file,
            trans,
            clusters,
        })
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

    /// Computes the emission scores of one sentence (with document evidence `doc`, empty
    /// on the first pass) into `emit`, and the words' lexicon facts into `scratch.info`,
    /// feature by feature (the reference that [`cache::Vocabulary`] reproduces faster).
    fn emissions(&self, words: &[&str], doc: &[u16], scratch: &mut Scratch, emit: &mut Vec<i32>) {
        let f = &self.file;
        scratch.info.clear();
        scratch.info.extend(words.iter().map(|w| f.info(w)));
        scratch.cols.clear();
        scratch.cols.resize(f.cols, 0);
        phrases::mark(f.seed, |k| f.lexicon(k), words, &mut scratch.phrase);
        let sent = features::Sentence {
            words,
            info: &scratch.info,
            doc,
            phrase: &scratch.phrase,
        };
        for i in 0..words.len() {
            let cols = &mut scratch.cols;
            cols.iter_mut().for_each(|c| *c = 0);
            features::token_features(f.seed, f, &sent, i, &mut |k| f.add_weights(k, cols));
            emit.push(cols[0]);
            emit.extend(cols[1..NUM_TAGS].iter().map(|c| c + f.entity_bias));
        }
    }

    /// Tags one sentence of folded words with document evidence `doc` (empty on the
    /// first pass); the result is in `scratch.tags`.
    pub fn tag(&self, words: &[&str], doc: &[u16], scratch: &mut Scratch) {
        let mut emit = std::mem::take(&mut scratch.emit);
        emit.clear();
        self.emissions(words, doc, scratch, &mut emit);
        scratch.emit = emit;
        self.decode(scratch);
    }

    /// Viterbi over `scratch.emit` into `scratch.tags` (margins, when wanted, are the
    /// caller's: [`decode::Decoder::margins_after`]).
    fn decode(&self, scratch: &mut Scratch) {
        scratch
            .decoder
            .viterbi(&scratch.emit, &self.trans, &mut scratch.tags);
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

    /// Fills `prefixes[i]` for every token that starts a mention in `tags`.
    pub fn prefixes(&self, words: &[&str], tags_: &[u8], prefixes: &mut Vec<usize>) {
        prefixes.clear();
        prefixes.extend(words.iter().zip(tags_).map(|(w, &t)| match tags::split(t) {
            (tags::Part::B | tags::Part::S, l) => self.prefix_len(w, l),
            _ => 0,
        }));
    }

    /// Tags a document given as its folded words and sentence ranges, in two passes (see
    /// [`doc`]). Returns per-token tags, prefix lengths and (with `margins`) margins.
    pub fn tag_document(
        &self,
        words: &[&str],
        sentences: &[Range<usize>],
        scratch: &mut Scratch,
        margins: bool,
    ) -> DocTags {
        let first = self.first_pass(words, sentences, scratch);
        let mut memory = doc::DocMemory::default();
        memory.add(words, &first.tags, &first.prefixes);
        self.second_pass(words, sentences, &first, &memory, scratch, margins)
    }

    /// [`EntityModel::tag_document`] for one piece of a larger document, whose first-pass
    /// tags (this piece's included) `memory` holds: see [`crate::article`].
    pub fn tag_piece(
        &self,
        words: &[&str],
        sentences: &[Range<usize>],
        memory: &doc::DocMemory,
        scratch: &mut Scratch,
        margins: bool,
    ) -> DocTags {
        let first = self.first_pass(words, sentences, scratch);
        self.second_pass(words, sentences, &first, memory, scratch, margins)
    }

    /// Adds the first-pass tags of one piece of a document to `memory`.
    pub fn learn_piece(
        &self,
        words: &[&str],
        sentences: &[Range<usize>],
        memory: &mut doc::DocMemory,
        scratch: &mut Scratch,
    ) {
        let first = self.first_pass(words, sentences, scratch);
        memory.add(words, &first.tags, &first.prefixes);
    }

    /// Pass 1: every feature but the document evidence; keeps the scores for pass 2.
    fn first_pass<'w>(
        &self,
        words: &[&'w str],
        sentences: &[Range<usize>],
        scratch: &mut Scratch,
    ) -> FirstPass<'w, '_> {
        let mut base = Vec::with_capacity(words.len() * NUM_TAGS);
        let mut tags = Vec::with_capacity(words.len());
        let mut vocab = cache::Vocabulary::new(&self.file, &self.clusters, words);
        for r in sentences {
            let from = base.len();
            if r.len() >= 2 {
                vocab.emissions(&self.file, words, r.clone(), &mut scratch.phrase, &mut base);
            } else {
                // A one-token sentence has its own shape feature; too rare to cache.
                self.emissions(&words[r.clone()], &[], scratch, &mut base);
            }
            scratch.emit.clear();
            scratch.emit.extend_from_slice(&base[from..]);
            self.decode(scratch);
            tags.extend_from_slice(&scratch.tags);
        }
        let mut prefixes = Vec::new();
        self.prefixes(words, &tags, &mut prefixes);
        FirstPass {
            base,
            vocab,
            tags,
            prefixes,
        }
    }

    /// Pass 2: adds the document-evidence weights (from `memory`) to the kept scores.
    fn second_pass(
        &self,
        words: &[&str],
        sentences: &[Range<usize>],
        first: &FirstPass<'_, '_>,
        memory: &doc::DocMemory,
        scratch: &mut Scratch,
        margins: bool,
    ) -> DocTags {
        let base = &first.base;
        let mut bits = Vec::new();
        memory.bits(words, &first.tags, &first.prefixes, &mut bits);
        let f = &self.file;
        scratch.cols.clear();
        scratch.cols.resize(f.cols, 0);
        let mut out = DocTags::default();
        let has_mention = |t: &[u8]| t.iter().any(|&t| t != tags::O);
        for r in sentences {
            // No document evidence in the sentence: its scores, hence its tags, are the
            // first pass's. Decode again only when its mentions need margins.
            let evidence = bits[r.clone()].iter().any(|&b| b != 0);
            let decode_again = evidence || (margins && has_mention(&first.tags[r.clone()]));
            if !decode_again {
                out.tags.extend_from_slice(&first.tags[r.clone()]);
                if margins {
                    out.margins.resize(out.tags.len(), 0);
                }
                continue;
            }
            scratch.emit.clear();
            scratch
                .emit
                .extend_from_slice(&base[r.start * NUM_TAGS..r.end * NUM_TAGS]);
            for i in r.clone() {
                if bits[i] != 0 {
                    let row =
                        &mut scratch.emit[(i - r.start) * NUM_TAGS..(i - r.start + 1) * NUM_TAGS];
                    let cols = &mut scratch.cols;
                    cols.iter_mut().for_each(|c| *c = 0);
                    features::doc_features(
                        f.seed,
                        first.vocab.info(i),
                        bits[i],
                        i == r.start,
                        &mut |k| f.add_weights(k, cols),
                    );
                    for (e, c) in row.iter_mut().zip(cols.iter()) {
                        *e += c;
                    }
                }
            }
            self.decode(scratch);
            // Margins are read for mention tokens only (see `spans`): none are needed
            // before the first one.
            if let Some(from) = margins
                .then(|| scratch.tags.iter().position(|&t| t != tags::O))
                .flatten()
            {
                scratch.decoder.margins_after(
                    &scratch.emit,
                    &self.trans,
                    &scratch.tags,
                    from,
                    &mut scratch.margins,
                );
                out.margins.extend_from_slice(&scratch.margins);
            } else if margins {
                out.margins.resize(out.tags.len() + scratch.tags.len(), 0);
            }
            out.tags.extend_from_slice(&scratch.tags);
        }
        self.prefixes(words, &out.tags, &mut out.prefixes);
        out
    }

    /// Mentions in a document of sentences of folded words (with predicted prefix
    /// lengths), one list per sentence.
    pub fn mentions(&self, sentences: &[Vec<&str>], scratch: &mut Scratch) -> Vec<Vec<Mention>> {
        let mut words = Vec::new();
        let mut ranges = Vec::with_capacity(sentences.len());
        for s in sentences {
            ranges.push(words.len()..words.len() + s.len());
            words.extend_from_slice(s);
        }
        let t = self.tag_document(&words, &ranges, scratch, false);
        let mut spans = Vec::new();
        ranges
            .iter()
            .map(|r| {
                tags::decode(&t.tags[r.clone()], &mut spans);
                self.mend_adjacent(&words[r.clone()], &t.prefixes[r.clone()], &mut spans);
                spans
                    .iter()
                    .map(|&(s, e, l)| Mention {
                        start: s,
                        end: e,
                        label: ENTITY_LABELS[l],
                        prefix: Some(t.prefixes[r.start + s]),
                    })
                    .collect()
            })
            .collect()
    }
}

/// What the first pass over a document leaves for the second.
struct FirstPass<'w, 'c> {
    /// Emission scores without document evidence, `NUM_TAGS` per token.
    base: Vec<i32>,
    /// The document's distinct words, which also give each token's lexicon facts.
    vocab: cache::Vocabulary<'w, 'c>,
    /// First-pass tag per token.
    tags: Vec<u8>,
    /// First-pass prefix length per token (where a mention starts).
    prefixes: Vec<usize>,
}

/// The result of [`EntityModel::tag_document`].
#[derive(Default, Debug)]
pub struct DocTags {
    /// Tag per token.
    pub tags: Vec<u8>,
    /// Prefix length per token (meaningful where a mention starts).
    pub prefixes: Vec<usize>,
    /// Score margin per token (when requested); 0 in sentences without a mention, where
    /// no margin is read, so none is computed.
    pub margins: Vec<i64>,
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

/// A document's folded words and its sentences (ranges of word indices).
fn sentences<'d>(doc: &'d Document<'_>) -> (Vec<&'d str>, Vec<Range<usize>>) {
    let words: Vec<&str> = (0..doc.len()).map(|i| doc.norm(i)).collect();
    let mut ranges = Vec::new();
    let mut start = 0;
    for i in 0..doc.len() {
        if ends_sentence(doc, i) || i + 1 - start >= MAX_SENTENCE {
            ranges.push(start..i + 1);
            start = i + 1;
        }
    }
    (words, ranges)
}

impl EntityModel {
    /// The mentions of tagged `doc` (folded `words`, `ranges` of its sentences) as spans,
    /// with prefixes outside and confidences.
    fn spans(
        &self,
        doc: &Document<'_>,
        words: &[&str],
        ranges: &[Range<usize>],
        t: &DocTags,
        out: &mut Vec<Span>,
    ) {
        let toks = doc.tokens();
        let mut spans = Vec::new();
        for r in ranges {
            tags::decode(&t.tags[r.clone()], &mut spans);
            self.mend_adjacent(&words[r.clone()], &t.prefixes[r.clone()], &mut spans);
            for &(s, e, l) in &spans {
                let (first, last) = (r.start + s, r.start + e - 1);
                let p = t.prefixes[first];
                let begin = if p == 0 {
                    toks[first].start
                } else {
                    doc.original_offset(first, p)
                };
                let margin = t.margins[first..=last].iter().copied().min().unwrap_or(0);
                let units = margin as f32 / self.file.scale.max(1e-6);
                out.push(Span {
                    start: begin,
                    end: toks[last].end,
                    label: ENTITY_LABELS[l],
                    text: String::new(),
                    value: None,
                    confidence: (1.0 - (-units / 2.0).exp()).clamp(0.0, 1.0),
                    entity: None,
                });
            }
        }
    }

    /// Mends adjacent names of a sentence's decoded `mentions` ([`adjacent`]).
    fn mend_adjacent(
        &self,
        words: &[&str],
        prefixes: &[usize],
        mentions: &mut Vec<adjacent::Mention>,
    ) {
        let file = &self.file;
        adjacent::Sentence {
            file,
            words,
            prefixes,
        }
        .mend(mentions);
    }
}

impl Recognizer for EntityModel {
    fn recognize(&self, doc: &Document<'_>, out: &mut Vec<Span>) {
        let (words, ranges) = sentences(doc);
        let t = self.tag_document(&words, &ranges, &mut Scratch::default(), true);
        self.spans(doc, &words, &ranges, &t, out);
    }

    fn recognize_in(&self, doc: &Document<'_>, ctx: &DocContext, out: &mut Vec<Span>) {
        let (words, ranges) = sentences(doc);
        let t = self.tag_piece(&words, &ranges, &ctx.memory, &mut Scratch::default(), true);
        self.spans(doc, &words, &ranges, &t, out);
    }

    /// One round: the first pass over every piece fills the document memory.
    fn rounds(&self) -> usize {
        1
    }

    fn learn(&self, round: usize, doc: &Document<'_>, ctx: &mut DocContext) {
        if round == 0 {
            let (words, ranges) = sentences(doc);
            self.learn_piece(&words, &ranges, &mut ctx.memory, &mut Scratch::default());
        }
    }

    /// The multi-word names of the knowledge list and of the imported gazetteers held in
    /// the phrase table (one label only; one-word names are evidence for the model alone:
    /// many are also words). On dev the knowledge list's added 0.7 F1 on NEMO and nothing on
    /// BMC as gap-fillers, and the gazetteers' were neutral (+0.1 on the test-like protocol);
    /// one-word names cost 1.3 (knowledge list) and 12 (gazetteers) on BMC. The confidence
    /// says how far each list is to be trusted, so the widget's slider can hide them.
    fn list_mentions(&self, doc: &Document<'_>, out: &mut Vec<Span>) {
        const LISTS: [(phrases::Group, f32); 2] = [
            (phrases::Group::Knowledge, KNOWLEDGE_CONFIDENCE),
            (phrases::Group::Imported, IMPORTED_CONFIDENCE),
        ];
        let (words, ranges) = sentences(doc);
        let f = &self.file;
        for r in ranges {
            for (group, confidence) in LISTS {
                let lookup = |k| f.lexicon(k);
                for (i, j, p, l) in
                    phrases::longest_matches(f.seed, lookup, &words[r.clone()], group, 2)
                {
                    let (i, j) = (r.start + i, r.start + j);
                    out.push(Span {
                        start: doc.original_offset(i, p),
                        end: doc.tokens()[j - 1].end,
                        label: tags::ENTITY_LABELS[l],
                        text: String::new(),
                        value: None,
                        confidence,
                        entity: None,
                    });
                }
            }
        }
    }
}

/// Confidence of a gap-filling name from tagit's curated knowledge list.
pub const KNOWLEDGE_CONFIDENCE: f32 = 0.8;
/// Confidence of a gap-filling name from the imported gazetteers (less curated: GeoNames
/// holds obscure homonyms).
pub const IMPORTED_CONFIDENCE: f32 = 0.7;

/// The recogniser used by [`crate::Annotator::default`]: the embedded model, or (should
/// the embedded file ever fail to parse, which the test suite guards against) nothing.
pub struct BuiltinRecognizer;

impl Recognizer for BuiltinRecognizer {
    fn recognize(&self, doc: &Document<'_>, out: &mut Vec<Span>) {
        if let Ok(m) = EntityModel::try_builtin() {
            m.recognize(doc, out);
        }
    }

    fn recognize_in(&self, doc: &Document<'_>, ctx: &DocContext, out: &mut Vec<Span>) {
        if let Ok(m) = EntityModel::try_builtin() {
            m.recognize_in(doc, ctx, out);
        }
    }

    fn rounds(&self) -> usize {
        EntityModel::try_builtin().map_or(0, |m| m.rounds())
    }

    fn learn(&self, round: usize, doc: &Document<'_>, ctx: &mut DocContext) {
        if let Ok(m) = EntityModel::try_builtin() {
            m.learn(round, doc, ctx);
        }
    }

    fn list_mentions(&self, doc: &Document<'_>, out: &mut Vec<Span>) {
        if let Ok(m) = EntityModel::try_builtin() {
            m.list_mentions(doc, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cached emission scores are the feature-by-feature ones, with and without room
    /// for every word's blocks.
    #[test]
    fn cached_emissions_equal_the_reference() {
        let m = EntityModel::try_builtin().expect("embedded model");
        let text = include_str!("../../tests/fixtures/demo-article.txt");
        let doc = Document::new(text);
        let words: Vec<&str> = (0..doc.len()).map(|i| doc.norm(i)).collect();
        let mut scratch = Scratch::default();
        let mut sentences = 0;
        for limit in [cache::MAX_CACHED, 50] {
            let mut vocab = cache::Vocabulary::with_limit(&m.file, &m.clusters, &words, limit);
            let mut start = 0;
            for i in 0..doc.len() {
                if !(ends_sentence(&doc, i) || i + 1 == doc.len()) {
                    continue;
                }
                let r = start..i + 1;
                start = i + 1;
                if r.len() < 2 {
                    continue;
                }
                let (mut want, mut got) = (Vec::new(), Vec::new());
                m.emissions(&words[r.clone()], &[], &mut scratch, &mut want);
                vocab.emissions(&m.file, &words, r.clone(), &mut scratch.phrase, &mut got);
                assert_eq!(got, want, "sentence {r:?}");
                sentences += 1;
            }
        }
        assert!(sentences > 50, "{sentences}");
    }

    #[test]
    fn builtin_model_parses() {
        let m = EntityModel::try_builtin().expect("embedded model");
        let (rows, weights, lex) = m.file().sizes();
        assert!(rows > 0 && weights > 0 && lex > 0);
    }
}
