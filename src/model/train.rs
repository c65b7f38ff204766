//! Training: an averaged structured perceptron over the shared feature code path.
//!
//! Deterministic by construction: the sentence order of each epoch comes from a fixed-seed
//! xorshift generator, features are hashed with a fixed seed, and hash maps are only used
//! for lookups (their iteration order never reaches the output: rows are sorted by key).

use super::decode::{Decoder, Transitions};
use super::features::{self, FIRST_NAME, Info, LAST_NAME};
use super::format::{ModelFile, ModelParts};
use super::tags::{self, NUM_TAGS};
use crate::corpus::Sentence;
use crate::text::prefix;
use crate::xorshift::XorShift;
use std::collections::HashMap;
use std::path::Path;

/// Folds of the phrase-gazetteer jackknife.
const PHRASE_FOLDS: usize = 5;

/// Score units of the smallest kept weight magnitude.
const UNITS_PER_FLOOR: f64 = 8.0;

/// Training settings.
#[derive(Clone, Debug)]
pub struct Config {
    /// Feature-hash seed written into the model.
    pub seed: u32,
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the sentence shuffle.
    pub shuffle_seed: u64,
    /// Lowest Zipf frequency kept in the lexicon's frequency list.
    pub min_zipf: f32,
    /// The word clusters (`model/clusters.tsv`, [`super::clusters`]) to store in the
    /// lexicon, which turns on their features; `None`: no clusters.
    pub clusters: Option<std::path::PathBuf>,
    /// Store the imported name lists (`gazetteers/` of the data folder) in the phrase
    /// table ([`super::gazetteers`]).
    pub gazetteers: bool,
    /// The knowledge list to store in the phrase table; `None`: none.
    pub knowledge: Option<std::path::PathBuf>,
    /// Names with at least this many bearers enter the name lists.
    pub min_name_count: u64,
    /// Quantised weights with a smaller magnitude are pruned.
    pub min_weight: i8,
    /// Every this many training sentences, one loses its final punctuation (0: none).
    pub fragment_every: usize,
    /// Token features seen fewer times in training are dropped.
    pub min_feature_count: u32,
    /// Folds of the jackknife that fills the training document memory (below 2: gold
    /// tags fill it instead).
    pub folds: usize,
    /// Perceptron units added to every non-O tag at decoding time.
    pub entity_bias: f64,
    /// The weight-magnitude quantile (per mille) below which weights are pruned.
    pub quantile: usize,
    /// When set, a word loses its first-name (last-name) bit if its bearers as a first
    /// (last) name, as a Zipf-like log10 count, are more than this many points below its
    /// Zipf frequency as a word: `של`, `גם`, `אני` have a few dozen bearers each. Off by
    /// default: 2.0 gained +0.5 on P1 NEMO dev and BMC dev over 15 seeds, but lost up to
    /// 0.35 on one of the three 5-seed sets (docs/model-design.md).
    pub name_word_gap: Option<f32>,
    /// Store each word's distributional class ([`dist_classes`]) in the lexicon, which
    /// turns on its features (a model without classes has none).
    pub dist_class: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            seed: 0x7a61_6749,
            epochs: 12,
            shuffle_seed: 0x5eed_2026,
            min_zipf: 3.0,
            clusters: Some(std::path::PathBuf::from("model/clusters.tsv")),
            gazetteers: true,
            knowledge: Some(std::path::PathBuf::from("model/knowledge-he.tsv")),
            min_name_count: 20,
            min_weight: 1,
            quantile: 300,
            entity_bias: 2.0,
            folds: 0,
            min_feature_count: 4,
            fragment_every: 3,
            dist_class: true,
            name_word_gap: None,
        }
    }
}

/// Builds the packed lexicon: word frequencies, common names, and words of training
/// mentions. `data` is the shared data folder.
pub fn build_lexicon(
    data: &Path,
    train: &[Sentence],
    cfg: &Config,
) -> Result<Vec<(u32, Info)>, String> {
    let mut info: HashMap<String, Info> = HashMap::new();
    let wf = data.join("wordfreq/he.tsv");
    let text = std::fs::read_to_string(&wf).map_err(|e| format!("{}: {e}", wf.display()))?;
    let mut zipf: HashMap<String, f32> = HashMap::new();
    for line in text.lines() {
        if line.starts_with('#') {
            continue;
        }
        let mut it = line.split('\t');
        let (Some(w), Some(z)) = (it.next(), it.next()) else {
            continue;
        };
        let Ok(z) = z.trim().parse::<f32>() else {
            continue;
        };
        zipf.insert(crate::text::normalize::fold_str(w), z);
    }
    let mut kept: Vec<(&String, &f32)> = zipf.iter().filter(|e| *e.1 >= cfg.min_zipf).collect();
    kept.sort_by(|a, b| a.0.cmp(b.0));
    let classes = if cfg.dist_class {
        dist_classes(&zipf, &kept)
    } else {
        vec![0; kept.len()]
    };
    for ((w, &z), class) in kept.into_iter().zip(classes) {
        let art = zipf.get(&format!("ה{w}")).copied();
        let plural = [format!("{w}ים"), format!("{w}ות")]
            .iter()
            .filter_map(|f| zipf.get(f).copied())
            .reduce(f32::max);
        let bet = zipf.get(&format!("ב{w}")).copied();
        *info.entry(w.clone()).or_default() |= features::freq_bucket(z)
            | features::drop_bucket(z, art) << features::ARTICLE_SHIFT
            | features::drop_bucket(z, plural) << features::PLURAL_SHIFT
            | features::drop_bucket(z, bet) << features::BET_SHIFT
            | Info::from(class) << features::CLASS_SHIFT;
    }
    let names = data.join("names");
    let mut files: Vec<_> = std::fs::read_dir(&names)
        .map_err(|e| format!("{}: {e}", names.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    // Bearers per folded name: as a first name, as a last name (all groups, all counts).
    let mut bearers: HashMap<String, [u64; 2]> = HashMap::new();
    for f in files {
        let name = f
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        let bit = if name.ends_with(".first.tsv") {
            FIRST_NAME
        } else if name.ends_with(".last.tsv") {
            LAST_NAME
        } else {
            continue;
        };
        let text = std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?;
        for line in text.lines() {
            let mut it = line.split('\t');
            let (Some(w), Some(c)) = (it.next(), it.next()) else {
                continue;
            };
            if c.trim()
                .parse::<u64>()
                .is_ok_and(|c| c >= cfg.min_name_count)
            {
                *info
                    .entry(crate::text::normalize::fold_str(w.trim()))
                    .or_default() |= bit;
            }
            if let (Some(_), Ok(c)) = (cfg.name_word_gap, c.trim().parse::<u64>()) {
                bearers
                    .entry(crate::text::normalize::fold_str(w.trim()))
                    .or_default()[usize::from(bit == LAST_NAME)] += c;
            }
        }
    }
    if let Some(gap) = cfg.name_word_gap {
        for (w, b) in &bearers {
            let (Some(&z), Some(i)) = (zipf.get(w), info.get_mut(w)) else {
                continue;
            };
            for (bit, &n) in [FIRST_NAME, LAST_NAME].into_iter().zip(b) {
                if mostly_a_word(n, z, gap) {
                    *i &= !bit;
                }
            }
        }
    }
    if let Some(file) = &cfg.clusters {
        let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        for (w, path) in super::clusters::from_tsv(&text)? {
            *info.entry(w).or_default() |= features::cluster_bits(path);
        }
    }
    // Two words can share a 32-bit key; OR-ing their facts (rather than letting the map
    // keep whichever came last in its random iteration order) keeps training
    // deterministic.
    let mut table: HashMap<u32, u32> = HashMap::new();
    for (w, i) in info {
        *table
            .entry(features::lexicon_key(cfg.seed, &w))
            .or_default() |= i;
    }
    super::phrases::collect(cfg.seed, train, &mut table);
    for (k, v) in external_phrases(data, cfg)? {
        *table.entry(k).or_default() |= v;
    }
    let mut out: Vec<(u32, Info)> = table.into_iter().collect();
    out.sort_unstable();
    Ok(out)
}

/// The phrase table of the name lists `cfg` asks for (imported lists, knowledge list).
fn external_phrases(data: &Path, cfg: &Config) -> Result<HashMap<u32, u32>, String> {
    let knowledge = match &cfg.knowledge {
        Some(f) => Some(std::fs::read_to_string(f).map_err(|e| format!("{}: {e}", f.display()))?),
        None => None,
    };
    let imported = cfg.gazetteers.then_some(data);
    super::gazetteers::table(cfg.seed, imported, knowledge.as_deref())
}

/// The value bits of the name lists' groups (not the training mentions'), and
/// [`super::phrases::CONTINUES`]: what training may read of the full lexicon's phrase
/// values while its own mentions come from the jackknife's other folds.
fn external_bits() -> u32 {
    super::phrases::Group::LISTS
        .iter()
        .fold(super::phrases::CONTINUES, |m, g| m | g.mask())
}

/// True when a name with `bearers` bearers is far more common as a word of Zipf frequency
/// `zipf`: log10(bearers) more than `gap` points below it ([`Config::name_word_gap`]).
fn mostly_a_word(bearers: u64, zipf: f32, gap: f32) -> bool {
    bearers > 0 && (bearers as f32).log10() - zipf < -gap
}

/// Zipf points by which a form must be rarer than its word to count as rare in the word's
/// [`profile`] (1.0 scored alike on dev, 2.5 lost 2 F1 on NEMO dev without BMC).
const PROFILE_RARER: f32 = 1.5;

/// Number of distributional classes: they fill the 7 bits of [`features::CLASS_SHIFT`]
/// (63 or 31 classes scored 0.2–1.4 lower on dev, and saved only 9 or 27 KB gzip).
const DIST_CLASSES: usize = 127;

/// The attached prefixes whose forms `p+w` make up a word's distributional profile.
const PROFILE_PREFIXES: [&str; 7] = ["ו", "ל", "מ", "ש", "ה", "ב", "כ"];
/// The suffixes whose forms `w+s` make up a word's distributional profile.
const PROFILE_SUFFIXES: [&str; 7] = ["ה", "ו", "י", "ים", "ות", "ית", "ם"];

/// A word's distributional profile: for each of its prefixed and suffixed forms
/// ([`PROFILE_PREFIXES`], [`PROFILE_SUFFIXES`]), 0 when the form is not in the frequency
/// list, 1 when it is more than 1.5 Zipf points rarer than the word, 2 otherwise.
fn profile(zipf: &HashMap<String, f32>, w: &str, z: f32) -> [u8; 14] {
    let level = |f: &str| match zipf.get(f) {
        None => 0,
        Some(&fz) if z - fz > PROFILE_RARER => 1,
        Some(_) => 2,
    };
    // A final letter turns back into its ordinary form before a suffix (שלום → שלומו).
    let mut stem = w.to_string();
    if let Some(c) = stem.chars().last() {
        let plain = match c {
            'ם' => Some('מ'),
            'ן' => Some('נ'),
            'ץ' => Some('צ'),
            'ף' => Some('פ'),
            'ך' => Some('כ'),
            _ => None,
        };
        if let Some(p) = plain {
            stem.pop();
            stem.push(p);
        }
    }
    let mut out = [0u8; 14];
    for (o, p) in out.iter_mut().zip(PROFILE_PREFIXES) {
        *o = level(&format!("{p}{w}"));
    }
    for (o, s) in out[7..].iter_mut().zip(PROFILE_SUFFIXES) {
        *o = level(&format!("{stem}{s}"));
    }
    out
}

/// The distributional class (1–127) of each word of `kept`: a poor man's word cluster from
/// the frequency list alone. Each word's [`profile`] (which of its inflected and prefixed
/// forms exist, and how common they are) is reduced to one of the 127 profiles most common
/// among the kept words, the nearest by L1 distance (ties: the more common one). Names
/// rarely take possessive suffixes or plurals; words with alike profiles behave alike.
fn dist_classes(zipf: &HashMap<String, f32>, kept: &[(&String, &f32)]) -> Vec<u8> {
    let profiles: Vec<[u8; 14]> = kept.iter().map(|(w, z)| profile(zipf, w, **z)).collect();
    let mut counts: HashMap<[u8; 14], usize> = HashMap::new();
    for p in &profiles {
        *counts.entry(*p).or_default() += 1;
    }
    let mut common: Vec<([u8; 14], usize)> = counts.into_iter().collect();
    common.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    common.truncate(DIST_CLASSES);
    let index: HashMap<[u8; 14], u8> = common
        .iter()
        .enumerate()
        .map(|(i, (p, _))| (*p, i as u8 + 1))
        .collect();
    profiles
        .iter()
        .map(|p| {
            index.get(p).copied().unwrap_or_else(|| {
                let dist = |q: &[u8; 14]| -> u32 {
                    p.iter().zip(q).map(|(a, b)| a.abs_diff(*b) as u32).sum()
                };
                let best = (0..common.len())
                    .min_by_key(|&i| (dist(&common[i].0), i))
                    .unwrap_or(0);
                best as u8 + 1
            })
        })
        .collect()
}

#[derive(Clone, Copy)]
struct Entry {
    col: u8,
    w: i32,
    u: i64,
}

fn bump(row: &mut Vec<Entry>, col: u8, delta: i32, c: i64) {
    if let Some(e) = row.iter_mut().find(|e| e.col == col) {
        e.w += delta;
        e.u += c * delta as i64;
    } else {
        row.push(Entry {
            col,
            w: delta,
            u: c * delta as i64,
        });
    }
}

fn average(w: i32, u: i64, c: i64) -> f64 {
    w as f64 - u as f64 / c as f64
}

/// One prefix-scorer example: the candidates' feature rows and the gold candidate.
struct PrefixExample {
    cands: Vec<Vec<u32>>,
    gold: usize,
}

/// Every `every`-th sentence loses its final `.`/`!`/`?`: headlines, captions and list
/// items on web pages end without one, and a model that only ever saw a period after the
/// last word misses a name there (`אמרה ספיר כהן`).
fn without_final_punctuation(sentences: &[Sentence], every: usize) -> Vec<Sentence> {
    sentences
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut s = s.clone();
            let n = s.words.len();
            let last_is_punct = s
                .words
                .last()
                .is_some_and(|w| matches!(w.as_str(), "." | "!" | "?"));
            if i % every == every - 1
                && n > 1
                && last_is_punct
                && s.mentions.iter().all(|m| m.end < n)
            {
                s.words.pop();
            }
            s
        })
        .collect()
}

/// Trains a model and returns the model file's bytes. `log` receives progress lines.
pub fn train(
    sentences: &[Sentence],
    lexicon: Vec<(u32, Info)>,
    cfg: &Config,
    log: &mut dyn FnMut(&str),
) -> Vec<u8> {
    let augmented;
    let sentences = if cfg.fragment_every > 0 {
        augmented = without_final_punctuation(sentences, cfg.fragment_every);
        &augmented[..]
    } else {
        sentences
    };
    if cfg.folds < 2 {
        return train_once(sentences, lexicon, cfg, None, log);
    }
    // Jackknife: the document memory of each training sentence is filled with the
    // first-pass predictions of a model that did not see it, as at inference.
    let chunks: Vec<&[Sentence]> = sentences.chunks(super::doc::DOC_SENTENCES).collect();
    let mut memory: Vec<(Vec<u8>, Vec<usize>)> = vec![(Vec::new(), Vec::new()); sentences.len()];
    for fold in 0..cfg.folds {
        let train_part: Vec<Sentence> = chunks
            .iter()
            .enumerate()
            .filter(|(c, _)| c % cfg.folds != fold)
            .flat_map(|(_, c)| c.iter().cloned())
            .collect();
        let bytes = train_once(&train_part, lexicon.clone(), cfg, None, &mut |_| {});
        let Ok(model) = super::EntityModel::from_bytes(Box::leak(bytes.into_boxed_slice())) else {
            continue;
        };
        let mut scratch = super::Scratch::default();
        for (c, chunk) in chunks.iter().enumerate() {
            if c % cfg.folds != fold {
                continue;
            }
            let base = c * super::doc::DOC_SENTENCES;
            for (k, s) in chunk.iter().enumerate() {
                let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
                model.tag(&words, &[], &mut scratch);
                let t = scratch.tags.clone();
                let mut p = Vec::new();
                model.prefixes(&words, &t, &mut p);
                memory[base + k] = (t, p);
            }
        }
        log(&format!(
            "jackknife fold {} of {} done",
            fold + 1,
            cfg.folds
        ));
    }
    train_once(sentences, lexicon, cfg, Some(&memory), log)
}

fn train_once(
    sentences: &[Sentence],
    lexicon: Vec<(u32, Info)>,
    cfg: &Config,
    jackknifed: Option<&[(Vec<u8>, Vec<usize>)]>,
    log: &mut dyn FnMut(&str),
) -> Vec<u8> {
    let lex_bytes = ModelParts {
        seed: cfg.seed,
        scale: 1.0,
        entity_bias: 0,
        codebook: [0; 256],
        lexicon: lexicon.clone(),
        rows: Vec::new(),
        trans: vec![0; NUM_TAGS * NUM_TAGS],
        start: vec![0; NUM_TAGS],
        end: vec![0; NUM_TAGS],
    }
    .to_bytes();
    let lex = ModelFile::parse(&lex_bytes).expect("freshly written lexicon parses");

    // Feature extraction, once.
    let mut ids: HashMap<u32, u32> = HashMap::new();
    let mut keys: Vec<u32> = Vec::new();
    let mut id_of = |k: u32, keys: &mut Vec<u32>| {
        *ids.entry(k).or_insert_with(|| {
            keys.push(k);
            (keys.len() - 1) as u32
        })
    };
    let mut feats: Vec<u32> = Vec::new();
    let mut tok_off: Vec<usize> = vec![0];
    let mut sent_tok: Vec<usize> = vec![0];
    let mut gold: Vec<u8> = Vec::new();
    let mut pfx: Vec<PrefixExample> = Vec::new();
    let mut buf = Vec::new();
    let mut spans = Vec::new();
    let mut info = Vec::new();
    let mut bits = Vec::new();
    // Phrase gazetteer, jackknifed: sentences of chunk c see only the phrases of chunks
    // in other folds.
    let chunk_list: Vec<&[Sentence]> = sentences.chunks(super::doc::DOC_SENTENCES).collect();
    let phrase_tables: Vec<HashMap<u32, u32>> = (0..PHRASE_FOLDS)
        .map(|f| {
            let mut t = HashMap::new();
            for (c, chunk) in chunk_list.iter().enumerate() {
                if c % PHRASE_FOLDS != f {
                    super::phrases::collect(cfg.seed, chunk, &mut t);
                }
            }
            t
        })
        .collect();
    // The name lists are not training labels: every sentence sees them whole.
    let external = external_bits();
    let mut phrase_bits = Vec::new();
    for (ci, chunk) in sentences.chunks(super::doc::DOC_SENTENCES).enumerate() {
        // Gold tags of the chunk fill the document memory (see `super::doc`).
        let chunk_words: Vec<Vec<&str>> = chunk
            .iter()
            .map(|s| s.words.iter().map(String::as_str).collect())
            .collect();
        let mut chunk_tags: Vec<Vec<u8>> = Vec::new();
        let mut chunk_pfx: Vec<Vec<usize>> = Vec::new();
        let mut memory = super::doc::DocMemory::default();
        for (s, words) in chunk.iter().zip(&chunk_words) {
            let sp: Vec<(usize, usize, usize)> = s
                .mentions
                .iter()
                .filter_map(|m| tags::label_index(m.label).map(|l| (m.start, m.end, l)))
                .collect();
            let mut t = Vec::new();
            tags::encode(words.len(), &sp, &mut t);
            let mut p = vec![0; words.len()];
            for m in &s.mentions {
                p[m.start] = m.prefix.unwrap_or(0);
            }
            let (t, p) = match jackknifed {
                Some(j) => j[ci * super::doc::DOC_SENTENCES + chunk_tags.len()].clone(),
                None => (t, p),
            };
            memory.add(words, &t, &p);
            chunk_tags.push(t);
            chunk_pfx.push(p);
        }
        for (k, s) in chunk.iter().enumerate() {
            let words = &chunk_words[k];
            memory.bits(words, &chunk_tags[k], &chunk_pfx[k], &mut bits);
            info.clear();
            info.extend(words.iter().map(|w| features::Lexicon::info(&lex, w)));
            let table = &phrase_tables[ci % PHRASE_FOLDS];
            super::phrases::mark(
                cfg.seed,
                |k| table.get(&k).copied().unwrap_or(0) | (lex.lexicon(k) & external),
                words,
                &mut phrase_bits,
            );
            let sent = features::Sentence {
                words,
                info: &info,
                doc: &bits,
                phrase: &phrase_bits,
            };
            for i in 0..words.len() {
                features::token_features(cfg.seed, &lex, &sent, i, &mut |k| buf.push(k));
                for &k in &buf {
                    feats.push(id_of(k, &mut keys));
                }
                buf.clear();
                tok_off.push(feats.len());
            }
            spans.clear();
            for m in &s.mentions {
                if let Some(l) = tags::label_index(m.label) {
                    spans.push((m.start, m.end, l));
                    if let Some(p) = m.prefix {
                        let w = words[m.start];
                        let cands: Vec<usize> =
                            std::iter::once(0).chain(prefix::splits(w)).collect();
                        if let Some(g) = cands.iter().position(|&c| c == p)
                            && cands.len() > 1
                        {
                            let cands = cands
                                .iter()
                                .map(|&c| {
                                    let mut v = Vec::new();
                                    features::prefix_features(cfg.seed, &lex, w, c, l, &mut |k| {
                                        v.push(id_of(k, &mut keys))
                                    });
                                    v
                                })
                                .collect();
                            pfx.push(PrefixExample { cands, gold: g });
                        }
                    }
                }
            }
            let mut t = Vec::new();
            tags::encode(words.len(), &spans, &mut t);
            gold.extend(t);
            sent_tok.push(tok_off.len() - 1);
        }
    }
    log(&format!(
        "{} sentences, {} tokens, {} distinct features, {} prefix examples",
        sentences.len(),
        gold.len(),
        keys.len(),
        pfx.len()
    ));

    if cfg.min_feature_count > 1 {
        // Features seen fewer times are noise the perceptron would memorise.
        let mut count = vec![0u32; keys.len()];
        for &f in &feats {
            count[f as usize] += 1;
        }
        let mut kept = Vec::with_capacity(feats.len());
        let mut off = vec![0];
        for t in 0..tok_off.len() - 1 {
            kept.extend(
                feats[tok_off[t]..tok_off[t + 1]]
                    .iter()
                    .filter(|&&f| count[f as usize] >= cfg.min_feature_count),
            );
            off.push(kept.len());
        }
        feats = kept;
        tok_off = off;
    }
    // Sequence perceptron.
    let mut rows: Vec<Vec<Entry>> = vec![Vec::new(); keys.len()];
    let mut tw = vec![(0i32, 0i64); NUM_TAGS * NUM_TAGS];
    let mut sw = vec![(0i32, 0i64); NUM_TAGS];
    let mut ew = vec![(0i32, 0i64); NUM_TAGS];
    let mut c: i64 = 1;
    // xorshift needs a non-zero state; `| 1` gives one (so seeds 2k and 2k + 1 coincide).
    let mut rng = XorShift(cfg.shuffle_seed | 1);
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut dec = Decoder::default();
    let mut emit = Vec::new();
    let mut pred = Vec::new();
    for epoch in 0..cfg.epochs {
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let mut errors = 0usize;
        let tr = |tw: &[(i32, i64)], sw: &[(i32, i64)], ew: &[(i32, i64)]| {
            Transitions::new(|a, b| tw[a * NUM_TAGS + b].0, |t| sw[t].0, |t| ew[t].0)
        };
        let mut trans = tr(&tw, &sw, &ew);
        for &si in &order {
            let (t0, t1) = (sent_tok[si], sent_tok[si + 1]);
            let n = t1 - t0;
            if n == 0 {
                continue;
            }
            emit.clear();
            emit.resize(n * NUM_TAGS, 0);
            for i in 0..n {
                for &f in &feats[tok_off[t0 + i]..tok_off[t0 + i + 1]] {
                    for e in &rows[f as usize] {
                        emit[i * NUM_TAGS + e.col as usize] += e.w;
                    }
                }
            }
            dec.viterbi(&emit, &trans, &mut pred);
            let g = &gold[t0..t1];
            if pred != g {
                errors += 1;
                for i in 0..n {
                    if pred[i] != g[i] {
                        for &f in &feats[tok_off[t0 + i]..tok_off[t0 + i + 1]] {
                            let row = &mut rows[f as usize];
                            bump(row, g[i], 1, c);
                            bump(row, pred[i], -1, c);
                        }
                    }
                    if i > 0 && (pred[i] != g[i] || pred[i - 1] != g[i - 1]) {
                        let a = &mut tw[g[i - 1] as usize * NUM_TAGS + g[i] as usize];
                        a.0 += 1;
                        a.1 += c;
                        let b = &mut tw[pred[i - 1] as usize * NUM_TAGS + pred[i] as usize];
                        b.0 -= 1;
                        b.1 -= c;
                    }
                }
                for (end, t, d) in [
                    (false, g[0], 1),
                    (false, pred[0], -1),
                    (true, g[n - 1], 1),
                    (true, pred[n - 1], -1),
                ] {
                    let v = if end {
                        &mut ew[t as usize]
                    } else {
                        &mut sw[t as usize]
                    };
                    v.0 += d;
                    v.1 += c * d as i64;
                }
                trans = tr(&tw, &sw, &ew);
            }
            c += 1;
        }
        log(&format!(
            "epoch {}: {} of {} sentences wrong",
            epoch + 1,
            errors,
            sentences.len()
        ));
    }

    // Prefix scorer: a multiclass perceptron over candidate splits.
    let mut pw: HashMap<u32, (i32, i64)> = HashMap::new();
    let mut pc: i64 = 1;
    let mut porder: Vec<usize> = (0..pfx.len()).collect();
    for epoch in 0..cfg.epochs {
        for i in (1..porder.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            porder.swap(i, j);
        }
        let mut errors = 0;
        for &ei in &porder {
            let ex = &pfx[ei];
            let score = |v: &Vec<u32>| v.iter().map(|f| pw.get(f).map_or(0, |e| e.0)).sum::<i32>();
            let mut best = (score(&ex.cands[0]), 0);
            for (k, v) in ex.cands.iter().enumerate().skip(1) {
                let s = score(v);
                if s > best.0 {
                    best = (s, k);
                }
            }
            if best.1 != ex.gold {
                errors += 1;
                for (k, d) in [(ex.gold, 1), (best.1, -1)] {
                    for &f in &ex.cands[k] {
                        let e = pw.entry(f).or_default();
                        e.0 += d;
                        e.1 += pc * d as i64;
                    }
                }
            }
            pc += 1;
        }
        if epoch + 1 == cfg.epochs {
            log(&format!(
                "prefix scorer, last epoch: {} of {} wrong",
                errors,
                pfx.len()
            ));
        }
    }

    // Average, then quantise to log-spaced codes: fine steps for the many small weights,
    // range for the few large ones. Codes 1..=127 (and their negatives) stand for
    // magnitudes `floor · ratio^(code-1)`; weights below half the floor are pruned.
    let avg_rows: Vec<Vec<(u8, f64)>> = rows
        .iter()
        .map(|row| row.iter().map(|e| (e.col, average(e.w, e.u, c))).collect())
        .collect();
    let mut mags: Vec<f64> = avg_rows
        .iter()
        .flatten()
        .map(|e| e.1.abs())
        .filter(|&v| v > 0.0)
        .collect();
    mags.sort_by(|a, b| a.total_cmp(b));
    let max = mags.last().copied().unwrap_or(1.0);
    let floor = mags
        .get((mags.len() * cfg.quantile / 1000).min(mags.len().saturating_sub(1)))
        .copied()
        .unwrap_or(1.0);
    let ratio = (max / floor).max(1.0001).powf(1.0 / 126.0);
    // Score units: the floor is `UNITS_PER_FLOOR` units.
    let scale = UNITS_PER_FLOOR / floor;
    let mut codebook = [0i32; 256];
    for k in 1..=127i32 {
        let v = (UNITS_PER_FLOOR * ratio.powi(k - 1)).round() as i32;
        codebook[k as u8 as usize] = v;
        codebook[(-k) as i8 as u8 as usize] = -v;
    }
    let code = |v: f64, floor: f64, ratio: f64| -> i8 {
        let m = v.abs();
        if m < floor * 0.5 {
            return 0;
        }
        let k = ((m / floor).max(1.0).ln() / ratio.ln()).round() as i32 + 1;
        let k = k.clamp(1, 127) as i8;
        if v < 0.0 { -k } else { k }
    };
    // The prefix scorer gets the same codebook, rescaled to its own range.
    let pmax = pw
        .values()
        .map(|e| average(e.0, e.1, pc).abs())
        .fold(1e-9, f64::max);
    let pfloor = pmax / ratio.powi(126);
    let mut out_rows: Vec<(u32, Vec<(u8, i8)>)> = Vec::new();
    for (id, row) in avg_rows.iter().enumerate() {
        let mut entries: Vec<(u8, i8)> = row
            .iter()
            .map(|&(col, v)| (col, code(v, floor, ratio)))
            .filter(|e| e.1 != 0 && e.1.unsigned_abs() >= cfg.min_weight as u8)
            .collect();
        if let Some(e) = pw.get(&(id as u32)) {
            let v = code(average(e.0, e.1, pc), pfloor, ratio);
            if v != 0 {
                entries.push((NUM_TAGS as u8, v));
            }
        }
        entries.sort_unstable();
        out_rows.push((keys[id], entries));
    }
    let qt = |e: &(i32, i64)| (average(e.0, e.1, c) * scale).round().clamp(-1e9, 1e9) as i32;
    let parts = ModelParts {
        seed: cfg.seed,
        scale: scale as f32,
        entity_bias: (cfg.entity_bias * scale).round() as i32,
        codebook,
        lexicon,
        rows: out_rows,
        trans: tw.iter().map(qt).collect(),
        start: sw.iter().map(qt).collect(),
        end: ew.iter().map(qt).collect(),
    };
    let bytes = parts.to_bytes();
    if let Ok(m) = ModelFile::parse(&bytes) {
        let (r, w, l) = m.sizes();
        log(&format!(
            "model: {} bytes, {r} feature rows, {w} weights, {l} lexicon entries",
            bytes.len()
        ));
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zipf(list: &[(&str, f32)]) -> HashMap<String, f32> {
        list.iter().map(|&(w, z)| (w.to_string(), z)).collect()
    }

    #[test]
    fn names_far_more_common_as_words_are_dropped() {
        // (name, bearers, Zipf as a word, dropped at a gap of 2)
        let cases = [
            ("של: 42 bearers, Zipf 7.27", 42, 7.27, true),
            ("אור: 29641 bearers, Zipf 5.35", 29641, 5.35, false),
            ("שלום as a first name: 12701, Zipf 5.61", 12701, 5.61, false),
            ("just above the gap: 10 bearers, Zipf 3.0", 10, 3.0, false),
            ("just below: 9 bearers, Zipf 3.0", 9, 3.0, true),
            ("no bearers (the other list only)", 0, 6.0, false),
        ];
        for (name, n, z, want) in cases {
            assert_eq!(mostly_a_word(n, z, 2.0), want, "{name}");
        }
    }

    #[test]
    fn profiles_see_prefixed_and_suffixed_forms() {
        let z = zipf(&[
            ("ספר", 5.0),
            ("הספר", 4.8),  // common: level 2
            ("בספר", 3.0),  // 2 points rarer: level 1
            ("ספרים", 4.0), // within 1.5 points: level 2
            ("שלום", 5.0),
            ("שלומו", 3.2), // final mem turned back into mem before the suffix
            ("שלוםו", 5.0), // never looked up
        ]);
        // Prefixes ו ל מ ש ה ב כ, then suffixes ה ו י ים ות ית ם.
        let cases: [(&str, [u8; 14]); 3] = [
            ("ספר", [0, 0, 0, 0, 2, 1, 0, 0, 0, 0, 2, 0, 0, 0]),
            ("שלום", [0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]),
            ("כהן", [0; 14]),
        ];
        for (w, want) in cases {
            assert_eq!(
                profile(&z, w, z.get(w).copied().unwrap_or(5.0)),
                want,
                "{w}"
            );
        }
    }

    #[test]
    fn rare_profiles_join_the_nearest_common_class() {
        // Three words share the bare profile, two the article one; the word with article
        // and plural is nearest to the article profile.
        let z = zipf(&[
            ("א", 4.0),
            ("ב", 4.0),
            ("ג", 4.0),
            ("ד", 4.0),
            ("הד", 4.0),
            ("ז", 4.0),
            ("הז", 4.0),
            ("ח", 4.0),
            ("הח", 4.0),
            ("חים", 4.0),
        ]);
        let mut kept: Vec<(&String, &f32)> = z.iter().filter(|e| e.0.len() == 2).collect();
        kept.sort_by(|a, b| a.0.cmp(b.0));
        let words: Vec<&str> = kept.iter().map(|e| e.0.as_str()).collect();
        assert_eq!(words, ["א", "ב", "ג", "ד", "ז", "ח"]);
        let classes = dist_classes(&z, &kept);
        // With 127 classes every profile keeps its own: bare 1, article 2, article+plural 3.
        assert_eq!(classes, [1, 1, 1, 2, 2, 3]);
    }
}
