//! Per-document caches: the features of a token that depend on one word only, summed once
//! per distinct word.
//!
//! Words repeat (Zipf: in news text a distinct word occurs ~5 times per 10k tokens, the
//! function words thousands of times), and most of a token's features depend on a single
//! word: its own form ([`features::word_features`], [`features::word_shape_feature`]) or
//! the form of one neighbour at a fixed offset ([`features::neighbour_features`]). A
//! [`Vocabulary`] gives each distinct word of a document an id and keeps, per word, the
//! summed weights of those features as dense blocks of per-tag scores; a token's emission
//! scores are then five block additions plus the few features that depend on two words
//! (bigrams) or on the sentence (phrase matches). Integer addition is exact and order-free,
//! so the scores are the ones [`features::token_features`] gives, feature by feature; a
//! test checks that on the demo article.

use super::features::{self, Info, Lexicon, NEIGHBOURS};
use super::format::ModelFile;
use super::phrases;
use super::tags::NUM_TAGS;
use crate::fasthash::FxHashMap;

/// Scores in a block: one per weight column (the tags and the prefix scorer), padded to a
/// multiple of 8 so that adding blocks vectorises.
pub(crate) const BLOCK: usize = (NUM_TAGS + 1).next_multiple_of(8);

/// A block of per-column scores.
type Block = [i32; BLOCK];

/// Blocks kept per word: its own features, then one per neighbour offset.
const BLOCKS: usize = 1 + NEIGHBOURS.len();

/// The most distinct words whose blocks are kept (≈ 13 MB): beyond this a document's rarer
/// words (first seen late) are scored feature by feature, with the same result, so memory
/// stays bounded on huge inputs.
pub(crate) const MAX_CACHED: usize = 1 << 14;

/// Every cluster path's summed cluster weights, as a word and as a neighbour at each
/// offset: the one-word features that depend on the path alone. Built once per model (about
/// 15k lookups, 0.8 MB), so a word's blocks take one block addition per offset for its
/// cluster instead of three hashed lookups, which matters where documents are short (a
/// page's paragraphs) and the per-document [`Vocabulary`] cannot amortise them.
#[derive(Clone)]
pub(crate) struct ClusterBlocks {
    /// `BLOCKS` blocks per path: own, then one per neighbour offset.
    blocks: Vec<Block>,
}

impl std::fmt::Debug for ClusterBlocks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ClusterBlocks({} paths)", self.blocks.len() / BLOCKS)
    }
}

impl ClusterBlocks {
    pub fn new(f: &ModelFile<'_>) -> Self {
        let paths = 1usize << features::CLUSTER_PATH_BITS;
        let mut blocks = vec![[0; BLOCK]; paths * BLOCKS];
        for (path, b) in blocks.chunks_mut(BLOCKS).enumerate() {
            let path = path as u16;
            features::word_cluster_features(f.seed, path, &mut |k| add(f, k, &mut b[0]));
            for (k, &d) in NEIGHBOURS.iter().enumerate() {
                features::neighbour_cluster_features(f.seed, d, path, &mut |key| {
                    add(f, key, &mut b[1 + k])
                });
            }
        }
        ClusterBlocks { blocks }
    }

    /// Adds word `info`'s cluster block `slot` (0: own, 1 + k: neighbour offset k), if it
    /// has a cluster.
    #[inline]
    fn add_to(&self, info: Info, slot: usize, row: &mut Block) {
        if let Some(path) = features::cluster(info) {
            add_block(row, &self.blocks[path as usize * BLOCKS + slot]);
        }
    }
}

/// Words remembered across documents on one thread, with the embedded model: short texts
/// (a JSONL archive's sentences, a page's paragraphs) meet mostly words an earlier text had,
/// and a word's facts and blocks depend on the word alone. At most this many words (then
/// the memo starts afresh): about 13 MB natively, 3 MB in the browser.
const MEMO_WORDS: usize = if cfg!(target_arch = "wasm32") {
    4096
} else {
    16384
};

/// A remembered word: lexicon facts, class, may a phrase start at it, its `BLOCKS` blocks.
type Known = (Info, u8, bool, Box<[Block]>);

thread_local! {
    static MEMO: std::cell::RefCell<FxHashMap<Box<str>, Known>> =
        std::cell::RefCell::new(FxHashMap::default());
}

/// True when `f` is the embedded model's file: the only model the memo serves (a trained
/// or loaded model, or one the trainer is building, never meets stale blocks).
fn is_builtin(f: &ModelFile<'_>) -> bool {
    super::EntityModel::try_builtin().is_ok_and(|m| std::ptr::eq(m.file(), f))
}

/// The distinct words of a document and what is known about each (see the module docs).
pub(crate) struct Vocabulary<'w, 'c> {
    clusters: &'c ClusterBlocks,
    index: FxHashMap<&'w str, u32>,
    words: Vec<&'w str>,
    /// Lexicon facts per word id.
    info: Vec<Info>,
    /// Per word id: some phrase of the gazetteer may start at it ([`phrases::may_start`]).
    phrase_start: Vec<bool>,
    /// Per word id: its [`features::lexicon_class`].
    class: Vec<u8>,
    /// Summed weights of [`features::class_window_features`] per class triple met so far
    /// ([`window_key`]): a few hundred triples per document against three lookups per
    /// token.
    windows: FxHashMap<u32, Block>,
    /// `BLOCKS` blocks per word id below `cached`.
    blocks: Vec<Block>,
    /// How many words get blocks ([`MAX_CACHED`]; tests lower it).
    cached: usize,
    /// Whether words are remembered across documents ([`MEMO`]: the embedded model only).
    memo: bool,
    /// The padding features of each neighbour offset (past the sentence's edge).
    pad: [Block; NEIGHBOURS.len()],
    /// Word id of each token of the document.
    pub ids: Vec<u32>,
}

/// Adds the weights of feature `key` to `block`.
#[inline]
fn add(f: &ModelFile<'_>, key: u32, block: &mut Block) {
    f.add_weights(key, block);
}

#[inline]
fn add_block(row: &mut Block, b: &Block) {
    for (r, x) in row.iter_mut().zip(b) {
        *r += x;
    }
}

/// The key of class triple `classes` in [`Vocabulary::windows`].
fn window_key([prev, cur, next]: [u8; 3]) -> u32 {
    u32::from_le_bytes([prev, cur, next, 0])
}

impl<'w, 'c> Vocabulary<'w, 'c> {
    /// Looks up every distinct word of `words` (a document's folded tokens) once.
    pub fn new(f: &ModelFile<'_>, clusters: &'c ClusterBlocks, words: &[&'w str]) -> Self {
        Self::with_limit(f, clusters, words, MAX_CACHED)
    }

    /// [`Vocabulary::new`] keeping blocks for the first `cached` distinct words only.
    pub fn with_limit(
        f: &ModelFile<'_>,
        clusters: &'c ClusterBlocks,
        words: &[&'w str],
        cached: usize,
    ) -> Self {
        let mut pad = [[0; BLOCK]; NEIGHBOURS.len()];
        for (p, &d) in pad.iter_mut().zip(&NEIGHBOURS) {
            features::neighbour_features(f.seed, d, None, &mut |k| add(f, k, p));
        }
        let mut v = Vocabulary {
            clusters,
            index: FxHashMap::default(),
            words: Vec::new(),
            info: Vec::new(),
            phrase_start: Vec::new(),
            class: Vec::new(),
            windows: FxHashMap::default(),
            blocks: Vec::new(),
            cached,
            memo: is_builtin(f),
            pad,
            ids: Vec::with_capacity(words.len()),
        };
        for &w in words {
            let id = match v.index.get(w) {
                Some(&id) => id,
                None => v.insert(f, w),
            };
            v.ids.push(id);
        }
        v
    }

    fn insert(&mut self, f: &ModelFile<'_>, w: &'w str) -> u32 {
        let id = self.words.len() as u32;
        let cached = (id as usize) < self.cached;
        self.index.insert(w, id);
        self.words.push(w);
        // A word met in an earlier document on this thread: its facts and blocks again.
        let memo = cached && self.memo;
        if memo
            && let Some(k) = MEMO.with(|m| m.borrow().get(w).map(|k| (k.0, k.1, k.2, k.3.clone())))
        {
            let (info, class, start, blocks) = k;
            self.info.push(info);
            self.class.push(class);
            self.phrase_start.push(start);
            self.blocks.extend_from_slice(&blocks[..]);
            return id;
        }
        let info = f.info(w);
        self.info.push(info);
        self.class.push(features::lexicon_class(info, w));
        self.phrase_start
            .push(phrases::may_start(f.seed, |k| f.lexicon(k), w));
        if cached {
            let mut own = [0; BLOCK];
            self.own_features(f, id, 2, &mut own);
            self.blocks.push(own);
            for k in 0..NEIGHBOURS.len() {
                let mut b = [0; BLOCK];
                self.neighbour(f, id, k, &mut b);
                self.blocks.push(b);
            }
        }
        if memo {
            let at = id as usize;
            let blocks: Box<[Block]> = self.blocks[at * BLOCKS..(at + 1) * BLOCKS].into();
            let known = (info, self.class[at], self.phrase_start[at], blocks);
            MEMO.with(|m| {
                let mut m = m.borrow_mut();
                if m.len() >= MEMO_WORDS {
                    m.clear();
                }
                m.insert(w.into(), known);
            });
        }
        id
    }

    /// Adds the features of word `id` itself, in a sentence of `len` tokens.
    fn own_features(&self, f: &ModelFile<'_>, id: u32, len: usize, row: &mut Block) {
        let (w, info) = (self.words[id as usize], self.info[id as usize]);
        features::word_features_but_cluster(f.seed, f, w, info, &mut |k| add(f, k, row));
        self.clusters.add_to(info, 0, row);
        features::word_shape_feature(f.seed, w, info, len, &mut |k| add(f, k, row));
    }

    /// Adds the features word `id` gives a token at offset `-NEIGHBOURS[k]` from it.
    fn neighbour(&self, f: &ModelFile<'_>, id: u32, k: usize, row: &mut Block) {
        let (w, info) = (self.words[id as usize], self.info[id as usize]);
        let neighbour = Some((w, info));
        features::neighbour_features_but_cluster(f.seed, NEIGHBOURS[k], neighbour, &mut |key| {
            add(f, key, row)
        });
        self.clusters.add_to(info, 1 + k, row);
    }

    /// Lexicon facts of the word of token `i`.
    pub fn info(&self, i: usize) -> Info {
        self.info[self.ids[i] as usize]
    }

    /// The emission scores (one per tag, entity bias added) of the sentence of tokens
    /// `range` (at least two tokens; `words` are the document's), appended to `emit`.
    /// `phrase` is scratch space.
    pub fn emissions(
        &mut self,
        f: &ModelFile<'_>,
        words: &[&str],
        range: std::ops::Range<usize>,
        phrase: &mut Vec<u128>,
        emit: &mut Vec<i32>,
    ) {
        debug_assert!(range.len() >= 2, "one-token sentences differ in a feature");
        let ids = &self.ids[range.clone()];
        let words = &words[range];
        let starts = |i: usize| self.phrase_start[ids[i] as usize];
        if (0..ids.len()).any(starts) {
            phrases::mark_where(f.seed, |k| f.lexicon(k), words, starts, phrase);
        } else {
            phrase.clear();
            phrase.resize(ids.len(), 0);
        }
        let n = ids.len();
        // Only the bigrams read the sentence here, and they read its words alone.
        let sent = features::Sentence {
            words,
            info: &[],
            doc: &[],
            phrase,
        };
        for i in 0..n {
            let mut row = [0; BLOCK];
            let id = ids[i];
            if (id as usize) < self.cached {
                row = self.blocks[id as usize * BLOCKS];
            } else {
                self.own_features(f, id, n, &mut row);
            }
            for (k, &d) in NEIGHBOURS.iter().enumerate() {
                let j = i as i32 + d;
                if j < 0 || j >= n as i32 {
                    add_block(&mut row, &self.pad[k]);
                    continue;
                }
                let nid = ids[j as usize];
                if (nid as usize) < self.cached {
                    add_block(&mut row, &self.blocks[nid as usize * BLOCKS + 1 + k]);
                } else {
                    self.neighbour(f, nid, k, &mut row);
                }
            }
            let info = self.info[id as usize];
            features::phrase_features(f.seed, phrase[i], info, &mut |k| add(f, k, &mut row));
            let class = |j: usize| self.class[ids[j] as usize];
            let classes = [
                if i > 0 {
                    class(i - 1)
                } else {
                    features::NO_CLASS
                },
                class(i),
                if i + 1 < n {
                    class(i + 1)
                } else {
                    features::NO_CLASS
                },
            ];
            let window = self.windows.entry(window_key(classes)).or_insert_with(|| {
                let mut b = [0; BLOCK];
                features::class_window_features(f.seed, classes, &mut |k| add(f, k, &mut b));
                b
            });
            add_block(&mut row, window);
            features::bigram_features(f.seed, &sent, i, &mut |k| add(f, k, &mut row));
            emit.push(row[0]);
            emit.extend(row[1..NUM_TAGS].iter().map(|c| c + f.entity_bias));
        }
    }
}
