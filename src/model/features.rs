//! Feature extraction: the one code path used by training and by inference.
//!
//! A token's features are hashed keys ([`FeatureHash`]) pushed to a callback; nothing is
//! allocated per token. The inputs are the folded token forms of a sentence and, per
//! token, its lexicon [`Info`] (word-frequency bucket and gazetteer bits), which the caller
//! looks up once per sentence into a reusable buffer.

use super::hash::FeatureHash;
use crate::text::prefix;

/// Lexicon facts about one word form, packed in 32 bits.
///
/// - bits 0–2: word-frequency bucket (0 = not in the frequency list, 1 = Zipf < 2.5,
///   …, 6 = Zipf ≥ 6.5);
/// - bit 3: a common first name; bit 4: a common last name;
/// - bits 5–15: the word's cluster ([`cluster`]): its path in the tree of word clusters
///   learned from unlabelled text (`model/clusters.tsv`, [`super::clusters`]) plus one, 0
///   for none. (These bits once marked words of training mentions, a gazetteer measured
///   to hurt and off since the accuracy pass; its models had them all 0.)
/// - bits 16–18, 19–21, 22–24: how much rarer than the word itself its forms with the
///   article (ה+w), the plural (w+ים / w+ות) and the preposition ב (ב+w) are, as a
///   [`drop_bucket`]. Names rarely take the article or a plural; common nouns do. This is
///   the distributional signal the frequency list carries without any context;
/// - bits 25–31: the word's distributional class ([`dist_class`]; 0 = none), which of its
///   prefixed and suffixed forms the frequency list holds, reduced to 127 classes at
///   training time (`train::dist_classes`).
pub type Info = u32;

/// Shift of the distributional class (bits 25–31, 0 = none) in [`Info`].
pub const CLASS_SHIFT: u32 = 25;

/// The distributional class of a word with lexicon facts `info` (0: none; see
/// `train::dist_classes`).
pub fn dist_class(info: Info) -> u8 {
    (info >> CLASS_SHIFT) as u8
}

/// Shift of the article-form bucket in [`Info`].
pub const ARTICLE_SHIFT: u32 = 16;
/// Shift of the plural-form bucket in [`Info`].
pub const PLURAL_SHIFT: u32 = 19;
/// Shift of the ב-form bucket in [`Info`].
pub const BET_SHIFT: u32 = 22;

/// Bucket (1–6) of how many Zipf points a derived form is below its word (`None`: the
/// derived form is not in the list).
pub fn drop_bucket(word_zipf: f32, form_zipf: Option<f32>) -> Info {
    match form_zipf {
        None => 6,
        Some(z) => {
            let d = word_zipf - z;
            if d < 0.0 { 1 } else { (d as Info).min(3) + 2 }
        }
    }
}

/// Bit of "first name" in [`Info`].
pub const FIRST_NAME: Info = 1 << 3;
/// Bit of "last name" in [`Info`].
pub const LAST_NAME: Info = 1 << 4;
/// Shift of the cluster field (bits 5–15) in [`Info`].
pub const CLUSTER_SHIFT: u32 = 5;
/// The cluster field of [`Info`].
pub const CLUSTER_MASK: Info = 0x7ff << CLUSTER_SHIFT;

/// The cluster path ([`CLUSTER_PATH_BITS`] bits) of a word with lexicon facts
/// `info`, if it has one.
pub fn cluster(info: Info) -> Option<u16> {
    let v = (info & CLUSTER_MASK) >> CLUSTER_SHIFT;
    (v != 0).then(|| (v - 1) as u16)
}

/// The [`Info`] bits of cluster path `path`.
pub fn cluster_bits(path: u16) -> Info {
    (Info::from(path) + 1) << CLUSTER_SHIFT & CLUSTER_MASK
}

/// Lengths of the cluster-path prefixes used as features: the three levels of the tree
/// (16, 128 and 1,024 classes), as Ratinov & Roth used prefixes of Brown paths.
const CLUSTER_PREFIXES: [u32; 3] = [4, 7, CLUSTER_PATH_BITS];

/// Bits of a cluster path (the table `tagit clusters` writes).
pub const CLUSTER_PATH_BITS: u32 = 10;

/// Pushes `template`'s features of cluster path `path` at each granularity, after
/// `context` bytes (a position, a prefix string).
fn cluster_features(
    seed: u32,
    template: u8,
    context: &[u8],
    path: u16,
    emit: &mut impl FnMut(u32),
) {
    for (level, bits) in CLUSTER_PREFIXES.into_iter().enumerate() {
        let mut h = FeatureHash::new(seed, template);
        for &b in context {
            h = h.byte(b);
        }
        let p = path >> (CLUSTER_PATH_BITS - bits);
        emit(
            h.byte(level as u8)
                .byte((p >> 8) as u8)
                .byte(p as u8)
                .finish(),
        );
    }
}

/// The bits of [`Info`] that are name-list hits (first name, last name).
const NAME_BITS: std::ops::Range<u8> = 3..5;

/// The frequency bucket of a Zipf value, as stored in [`Info`] bits 0–2.
pub fn freq_bucket(zipf: f32) -> Info {
    (((zipf - 1.5).max(0.0)) as Info).min(5) + 1
}

/// Where lexicon facts come from: the model's packed lexicon, in training and inference
/// alike.
pub trait Lexicon {
    /// The facts about folded word `word` (0 when unknown).
    fn info(&self, word: &str) -> Info;
}

// Template ids. Changing any of these changes every key: bump the format version.
const T_BIAS: u8 = 1;
const T_WORD: u8 = 2;
const T_SHAPE: u8 = 3;
const T_PREFIX: u8 = 4;
const T_SUFFIX: u8 = 5;
const T_STEM: u8 = 6;
const T_SPLIT: u8 = 7;
const T_FREQ: u8 = 8;
const T_GAZ: u8 = 9;
const T_STEM_GAZ: u8 = 10;
const T_STEM_FREQ: u8 = 11;
const T_NEIGHBOUR: u8 = 12;
const T_NEIGHBOUR_STEM: u8 = 13;
const T_BIGRAM: u8 = 14;
const T_NEIGHBOUR_INFO: u8 = 15;
const T_TRIGGER: u8 = 16;
const T_NEIGHBOUR_SHAPE: u8 = 17;
const T_WORD_INFO_SHAPE: u8 = 18;
const T_DIST: u8 = 19;
const T_STEM_DIST: u8 = 20;
const T_STEM_AFFIX: u8 = 21;
const T_DOC: u8 = 22;
const T_PHRASE_HIT: u8 = 23;
// 24: quoted-context features, tried and dropped (no gain on dev).
const T_FREQ_WINDOW: u8 = 25;
const T_DCLASS: u8 = 26;
const T_CLUSTER: u8 = 27;
const T_STEM_CLUSTER: u8 = 28;
const T_NEIGHBOUR_CLUSTER: u8 = 29;
const T_LEXICON: u8 = 40;
const T_PFX_STRING: u8 = 50;
const T_PFX_STEM_FREQ: u8 = 51;
const T_PFX_STEM_GAZ: u8 = 52;
const T_PFX_STEM: u8 = 53;
const T_PFX_WORD: u8 = 54;
const T_PFX_FIRST: u8 = 55;
const T_PFX_WORD_FREQ: u8 = 56;
const T_PFX_NONE: u8 = 57;

/// The key under which `word` is stored in the packed lexicon.
pub fn lexicon_key(seed: u32, word: &str) -> u32 {
    FeatureHash::new(seed, T_LEXICON).str(word).finish()
}

/// The trigger class of a folded word (0 if none): 1 titles before a person, 2 heads of
/// organisation names, 3 place nouns, 4 events, 5 works, 6 languages. A `match` compiles
/// to a length switch and a few comparisons, cheap enough to run on every token.
pub fn trigger(word: &str) -> u8 {
    match word {
        "שר" | "השר" | "השרה" | "ח\"כ" | "חה\"כ" | "נשיא" | "הנשיא" | "נשיאת" | "ד\"ר"
        | "פרופ'" | "פרופסור" | "מנכ\"ל" | "מנכ\"לית" | "דובר" | "דוברת" | "יו\"ר" | "יושב"
        | "מר" | "גב'" | "עו\"ד" | "הרב" | "השופט" | "השופטת" | "סגן" | "אלוף" | "תא\"ל"
        | "רס\"ן" | "סא\"ל" | "אל\"מ" | "רמטכ\"ל" | "המלך" | "השגריר" | "הזמר" | "הזמרת"
        | "השחקן" | "השחקנית" | "הסופר" | "הסופרת" | "המשורר" | "המאמן" | "כתב" | "אמר"
        | "אמרה" | "ראש" => 1,
        "משרד"
        | "חברת"
        | "בנק"
        | "תנועת"
        | "מפלגת"
        | "אוניברסיטת"
        | "ארגון"
        | "איגוד"
        | "רשות"
        | "מועצת"
        | "קבוצת"
        | "התאחדות"
        | "הסתדרות"
        | "עמותת"
        | "קרן"
        | "מכון"
        | "עיריית"
        | "בית"
        | "ועדת"
        | "להקת" => 2,
        "העיר" | "עיר" | "הכפר" | "מדינת" | "ארץ" | "רחוב" | "כביש" | "נהר" | "הר" | "ים"
        | "אזור" | "מחוז" | "שכונת" => 3,
        "מלחמת" | "מבצע" | "פסטיבל" => 4,
        "הספר" | "הסרט" | "העיתון" | "עיתון" | "השיר" => 5,
        "בשפה" | "שפה" => 6,
        _ => 0,
    }
}

/// The trigger class of `word` or of any of its prefix-stripped stems.
fn trigger_any(word: &str) -> u8 {
    let t = trigger(word);
    if t != 0 {
        return t;
    }
    prefix::splits(word)
        .map(|p| trigger(&word[p..]))
        .find(|&t| t != 0)
        .unwrap_or(0)
}

/// A coarse shape of a token: its character classes, runs collapsed, at most 8 classes,
/// e.g. `x"x` for `צה"ל`, `9.9` for `6.6`, `A` for `Google`, `-` for a hyphen.
pub fn shape(word: &str) -> ([u8; 8], usize) {
    let mut out = [0u8; 8];
    let mut n = 0;
    for c in word.chars() {
        let class = match c {
            'א'..='ת' => b'x',
            '0'..='9' => b'9',
            'A'..='Z' => b'A',
            'a'..='z' => b'a',
            '"' => b'"',
            '\'' => b'\'',
            '-' => b'-',
            '.' | ',' | ':' | ';' | '!' | '?' => b'.',
            c if c.is_alphabetic() => b'L',
            _ => b'*',
        };
        if n > 0 && out[n - 1] == class {
            continue;
        }
        if n == out.len() {
            break;
        }
        out[n] = class;
        n += 1;
    }
    (out, n)
}

fn shape_str(word: &str) -> ShapeBuf {
    let (b, n) = shape(word);
    ShapeBuf(b, n)
}

struct ShapeBuf([u8; 8], usize);
impl ShapeBuf {
    fn as_str(&self) -> &str {
        // Only ASCII bytes are ever written.
        std::str::from_utf8(&self.0[..self.1]).unwrap_or("")
    }
}

/// The `n`-character prefix of `word` if it has at least `n + 1` characters.
fn char_prefix(word: &str, n: usize) -> Option<&str> {
    let mut it = word.char_indices();
    let (end, _) = it.nth(n)?;
    Some(&word[..end])
}

/// The `n`-character suffix of `word` if it has at least `n + 1` characters.
fn char_suffix(word: &str, n: usize) -> Option<&str> {
    let (start, _) = word.char_indices().rev().nth(n - 1)?;
    if start == 0 {
        return None;
    }
    Some(&word[start..])
}

/// A sentence seen by the feature extractor: folded tokens and their lexicon facts.
pub struct Sentence<'s> {
    /// Folded token forms.
    pub words: &'s [&'s str],
    /// [`Info`] of each token, same length as `words`.
    pub info: &'s [Info],
    /// Document evidence per token ([`super::doc::DocMemory::bits`]), same length as
    /// `words`, or empty on the first pass.
    pub doc: &'s [u16],
    /// Phrase-gazetteer matches per token ([`super::phrases::mark`]), same length as
    /// `words` (or empty).
    pub phrase: &'s [u128],
}

/// Pushes the document-evidence features of a token with lexicon facts `info` and
/// document bits `doc` (see [`super::doc`]). Part of [`token_features`]; the runtime also
/// calls it alone on the second pass, adding these weights to the first pass's scores.
pub fn doc_features(seed: u32, info: Info, doc: u16, first: bool, emit: &mut impl FnMut(u32)) {
    for bit in 0..16 {
        if doc & (1 << bit) != 0 {
            emit(FeatureHash::new(seed, T_DOC).byte(bit).finish());
            emit(
                FeatureHash::new(seed, T_DOC)
                    .byte(bit)
                    .byte((info & 7) as u8)
                    .byte(u8::from(first))
                    .finish(),
            );
        }
    }
}

/// True when a word's identity is not used as a feature: forms the lexicon does not know
/// (longer than one letter). In training every rare entity word is perfectly predictive
/// of its label; hiding rare identities makes training look like test time.
fn unknown(info: Info, word: &str) -> bool {
    // A cluster alone does not make a word known: the unlabelled text holds most training
    // names too, and their identities would be memorised again.
    info & !CLUSTER_MASK == 0 && word.len() > 2
}

/// Pushes the keys of every feature of token `i` of `s` to `emit`: the features of the
/// word itself ([`word_features`]) and of its context ([`context_features`]).
pub fn token_features(
    seed: u32,
    lex: &impl Lexicon,
    s: &Sentence<'_>,
    i: usize,
    emit: &mut impl FnMut(u32),
) {
    word_features(seed, lex, s.words[i], s.info[i], emit);
    context_features(seed, s, i, emit);
}

/// The features that depend only on the word form `w` (with lexicon facts `info`):
/// identity, shape, affixes, lexicon bits, prefix splits and their stems, trigger class.
/// The runtime caches their summed weights per distinct word of a document.
pub fn word_features(
    seed: u32,
    lex: &impl Lexicon,
    w: &str,
    info: Info,
    emit: &mut impl FnMut(u32),
) {
    word_features_but_cluster(seed, lex, w, info, emit);
    if let Some(path) = cluster(info) {
        word_cluster_features(seed, path, emit);
    }
}

/// The features of a word in cluster `path` (a part of [`word_features`] that depends on
/// the path alone, so the runtime sums it once per path for the whole model).
pub fn word_cluster_features(seed: u32, path: u16, emit: &mut impl FnMut(u32)) {
    cluster_features(seed, T_CLUSTER, &[], path, emit);
}

/// [`word_features`] but the word's own cluster features.
pub fn word_features_but_cluster(
    seed: u32,
    lex: &impl Lexicon,
    w: &str,
    info: Info,
    emit: &mut impl FnMut(u32),
) {
    let h = |t: u8| FeatureHash::new(seed, t);
    emit(h(T_BIAS).finish());
    if unknown(info, w) {
        emit(h(T_WORD).str("<unk>").finish());
    } else {
        emit(h(T_WORD).str(w).finish());
    }
    let shp = shape_str(w);
    emit(h(T_SHAPE).str(shp.as_str()).finish());
    for n in 1..=4 {
        if let Some(p) = char_prefix(w, n) {
            emit(h(T_PREFIX).str(p).finish());
        }
        if let Some(p) = char_suffix(w, n) {
            emit(h(T_SUFFIX).str(p).finish());
        }
    }
    emit(h(T_FREQ).byte((info & 7) as u8).finish());
    for bit in NAME_BITS {
        if info & (1 << bit) != 0 {
            emit(h(T_GAZ).byte(bit).finish());
        }
    }
    let dist = |info: Info| {
        [
            (info >> ARTICLE_SHIFT) & 7,
            (info >> PLURAL_SHIFT) & 7,
            (info >> BET_SHIFT) & 7,
        ]
    };
    let [art, plu, bet] = dist(info);
    emit(h(T_DIST).byte(0).byte(art as u8).finish());
    emit(h(T_DIST).byte(1).byte(plu as u8).finish());
    emit(h(T_DIST).byte(2).byte(bet as u8).finish());
    emit(
        h(T_DIST)
            .byte(3)
            .byte(art as u8)
            .byte(plu as u8)
            .byte((info & 7) as u8)
            .finish(),
    );
    // Models without distributional classes (all 0) get no key, so they keep their scores.
    let dc = dist_class(info);
    if dc != 0 {
        emit(h(T_DCLASS).byte(dc).finish());
        emit(h(T_DCLASS).byte(dc).byte((info & 7) as u8 + 1).finish());
    }
    let mut stem_bits: Info = 0;
    for p in prefix::splits(w) {
        let stem = &w[p..];
        let sinfo = lex.info(stem);
        if !unknown(sinfo, stem) {
            emit(h(T_STEM).str(stem).finish());
        }
        let [sa, sp, _] = dist(sinfo);
        if sinfo == 0 {
            for n in 2..=4 {
                if let Some(x) = char_suffix(stem, n) {
                    emit(h(T_STEM_AFFIX).byte(n as u8).str(x).finish());
                }
                if let Some(x) = char_prefix(stem, n) {
                    emit(h(T_STEM_AFFIX).byte(n as u8 + 8).str(x).finish());
                }
            }
        }
        emit(
            h(T_STEM_DIST)
                .str(&w[..p])
                .byte(sa as u8)
                .byte(sp as u8)
                .byte((sinfo & 7) as u8)
                .finish(),
        );
        emit(h(T_SPLIT).str(&w[..p]).byte((sinfo & 7) as u8).finish());
        emit(h(T_STEM_FREQ).byte((sinfo & 7) as u8).finish());
        if let Some(path) = cluster(sinfo) {
            cluster_features(seed, T_STEM_CLUSTER, &w.as_bytes()[..p], path, emit);
        }
        stem_bits |= sinfo;
    }
    for bit in NAME_BITS {
        if stem_bits & (1 << bit) != 0 {
            emit(h(T_STEM_GAZ).byte(bit).finish());
        }
    }
    let t = trigger_any(w);
    if t != 0 {
        emit(h(T_TRIGGER).byte(0).byte(t).finish());
    }
}

/// The features of token `i` that depend on its sentence: neighbours, bigrams, phrase
/// matches and document evidence.
///
/// Split into pieces that depend on less than the whole sentence, so the runtime can cache
/// the summed weights of [`word_shape_feature`] and [`neighbour_features`] per distinct word
/// of a document (same keys, same sums, different order of addition).
pub fn context_features(seed: u32, s: &Sentence<'_>, i: usize, emit: &mut impl FnMut(u32)) {
    let w = s.words[i];
    let info = s.info[i];
    doc_features(seed, info, s.doc.get(i).copied().unwrap_or(0), i == 0, emit);
    phrase_features(seed, s.phrase.get(i).copied().unwrap_or(0), info, emit);
    word_shape_feature(seed, w, info, s.words.len(), emit);
    // Neighbours, ±2; positions outside the sentence are padding.
    let n = s.words.len();
    for d in NEIGHBOURS {
        let j = i as i32 + d;
        let neighbour = (0..n as i32)
            .contains(&j)
            .then(|| (s.words[j as usize], s.info[j as usize]));
        neighbour_features(seed, d, neighbour, emit);
    }
    window_features(seed, s, i, emit);
}

/// The offsets of the neighbours a token's features look at.
pub const NEIGHBOURS: [i32; 4] = [-2, -1, 1, 2];

/// The phrase-gazetteer features of a token with match bits `ph` ([`super::phrases::mark`])
/// and lexicon facts `info`. Matches of the name lists also come with the token's
/// frequency bucket: a list name that is a common word is weighed as one.
pub fn phrase_features(seed: u32, ph: u128, info: Info, emit: &mut impl FnMut(u32)) {
    if ph == 0 {
        return;
    }
    let h = |t: u8| FeatureHash::new(seed, t);
    let mut parts = 0u8;
    let training_bits = super::phrases::GROUP_MARK_BITS as u32;
    let mut rest = ph;
    while rest != 0 {
        let bit = rest.trailing_zeros();
        rest &= rest - 1;
        emit(h(T_PHRASE_HIT).byte(bit as u8).finish());
        if bit < training_bits {
            parts |= 1 << (bit % 4);
        } else {
            emit(
                h(T_PHRASE_HIT)
                    .byte(bit as u8)
                    .byte((info & 7) as u8)
                    .finish(),
            );
        }
    }
    if parts != 0 {
        emit(h(T_PHRASE_HIT).byte(100).byte(parts).finish());
    }
}

/// The word's frequency bucket and shape, joined with whether its sentence has more than
/// one token (`sentence_len`).
pub fn word_shape_feature(
    seed: u32,
    w: &str,
    info: Info,
    sentence_len: usize,
    emit: &mut impl FnMut(u32),
) {
    emit(
        FeatureHash::new(seed, T_WORD_INFO_SHAPE)
            .byte((info & 7) as u8)
            .str(shape_str(w).as_str())
            .byte(sentence_len.min(2) as u8)
            .finish(),
    );
}

/// The features a token gets from its neighbour at offset `d` (one of [`NEIGHBOURS`]): the
/// neighbour's form and lexicon facts `Some((word, info))`, or `None` past the sentence's
/// edge (padding).
pub fn neighbour_features(
    seed: u32,
    d: i32,
    neighbour: Option<(&str, Info)>,
    emit: &mut impl FnMut(u32),
) {
    neighbour_features_but_cluster(seed, d, neighbour, emit);
    if let Some(path) = neighbour.and_then(|(_, ni)| cluster(ni)) {
        neighbour_cluster_features(seed, d, path, emit);
    }
}

/// The features a token gets from a neighbour at offset `d` in cluster `path` (the part of
/// [`neighbour_features`] that depends on the path alone).
pub fn neighbour_cluster_features(seed: u32, d: i32, path: u16, emit: &mut impl FnMut(u32)) {
    cluster_features(seed, T_NEIGHBOUR_CLUSTER, &[(d + 2) as u8], path, emit);
}

/// [`neighbour_features`] but the neighbour's cluster features.
pub fn neighbour_features_but_cluster(
    seed: u32,
    d: i32,
    neighbour: Option<(&str, Info)>,
    emit: &mut impl FnMut(u32),
) {
    let h = |t: u8| FeatureHash::new(seed, t);
    let pos = (d + 2) as u8;
    let Some((nw, ni)) = neighbour else {
        emit(h(T_NEIGHBOUR).byte(pos).str("<pad>").finish());
        return;
    };
    emit(h(T_NEIGHBOUR).byte(pos).str(nw).finish());
    emit(h(T_NEIGHBOUR_INFO).byte(pos).byte((ni & 7) as u8).finish());
    let t = trigger_any(nw);
    if t != 0 {
        emit(h(T_TRIGGER).byte(pos).byte(t).finish());
    }
    if d.abs() == 1 {
        for bit in NAME_BITS {
            if ni & (1 << bit) != 0 {
                emit(h(T_NEIGHBOUR_INFO).byte(pos).byte(bit + 8).finish());
            }
        }
        for p in prefix::splits(nw) {
            emit(h(T_NEIGHBOUR_STEM).byte(pos).str(&nw[p..]).finish());
        }
        emit(
            h(T_NEIGHBOUR_SHAPE)
                .byte(pos)
                .str(shape_str(nw).as_str())
                .finish(),
        );
    }
}

/// The features of token `i` of `s` that depend on more than one word of the sentence:
/// the lexicon classes of it and its neighbours, and the word pairs it forms with them.
/// The runtime computes these per token (the class part cached per class triple) and
/// caches the sums of the one-word pieces of [`context_features`] per distinct word, so a
/// new feature that looks at several words belongs here: anywhere else in
/// [`context_features`] the runtime would miss it (a test compares the two paths).
pub fn window_features(seed: u32, s: &Sentence<'_>, i: usize, emit: &mut impl FnMut(u32)) {
    let n = s.words.len();
    let class = |j: usize| lexicon_class(s.info[j], s.words[j]);
    let prev = if i > 0 { class(i - 1) } else { NO_CLASS };
    let next = if i + 1 < n { class(i + 1) } else { NO_CLASS };
    class_window_features(seed, [prev, class(i), next], emit);
    bigram_features(seed, s, i, emit);
}

/// The lexicon class of a word with lexicon facts `info`. A word with a distributional
/// class ([`dist_class`]) that is not on a names list: `128 | class` (the class capped at
/// 126, so never [`NO_CLASS`]); this poor man's word cluster in the window added +0.9 F1
/// on NEMO dev and on BMC dev to the class as a word feature alone (5 seeds). Otherwise its frequency bucket (bits 0–2), a name-list hit (8) and an
/// unknown identity (16), so below 32. Names are runs of rare or unknown words between
/// common ones, a pattern no single-token feature sees.
pub fn lexicon_class(info: Info, word: &str) -> u8 {
    let dc = dist_class(info);
    if dc != 0 && info & (FIRST_NAME | LAST_NAME) == 0 {
        return 128 | dc.min(126);
    }
    let mut b = (info & 7) as u8;
    if info & (FIRST_NAME | LAST_NAME) != 0 {
        b |= 8;
    }
    if unknown(info, word) {
        b |= 16;
    }
    b
}

/// The [`lexicon_class`] of a position past the sentence's edge.
pub const NO_CLASS: u8 = 255;

/// The features of the lexicon classes `[previous, own, next]` of a token and its
/// neighbours ([`lexicon_class`], [`NO_CLASS`] past an edge). +0.7 F1 on NEMO dev (mean of
/// 5 seeds). They depend on the three classes only, of which a document has a few hundred
/// combinations, so the runtime caches their summed weights per combination.
pub fn class_window_features(seed: u32, [prev, cur, next]: [u8; 3], emit: &mut impl FnMut(u32)) {
    let h = |t: u8| FeatureHash::new(seed, t);
    emit(h(T_FREQ_WINDOW).byte(prev).byte(cur).byte(next).finish());
    emit(h(T_FREQ_WINDOW).byte(prev).byte(cur).finish());
    emit(h(T_FREQ_WINDOW).byte(cur).byte(next).byte(7).finish());
}

/// The word pairs token `i` of `s` forms with its neighbours.
pub fn bigram_features(seed: u32, s: &Sentence<'_>, i: usize, emit: &mut impl FnMut(u32)) {
    let h = |t: u8| FeatureHash::new(seed, t);
    let w = s.words[i];
    if i > 0 {
        emit(h(T_BIGRAM).byte(0).str(s.words[i - 1]).str(w).finish());
    }
    if i + 1 < s.words.len() {
        emit(h(T_BIGRAM).byte(1).str(w).str(s.words[i + 1]).finish());
    }
}

/// Pushes the features of one candidate reading of a mention's first token: the first
/// `plen` bytes of folded `word` are attached prefixes outside a mention of label index
/// `label`. The prefix scorer picks the candidate with the highest score.
pub fn prefix_features(
    seed: u32,
    lex: &impl Lexicon,
    word: &str,
    plen: usize,
    label: usize,
    emit: &mut impl FnMut(u32),
) {
    let h = |t: u8| FeatureHash::new(seed, t);
    let stem = &word[plen..];
    let pfx = &word[..plen];
    let sinfo = lex.info(stem);
    let l = plen.min(9) as u8;
    if plen == 0 {
        emit(h(T_PFX_NONE).byte(label as u8).finish());
    }
    emit(h(T_PFX_STRING).str(pfx).byte(label as u8).finish());
    emit(h(T_PFX_STRING).str(pfx).finish());
    emit(h(T_PFX_STEM_FREQ).byte(l).byte((sinfo & 7) as u8).finish());
    for bit in NAME_BITS {
        if sinfo & (1 << bit) != 0 {
            emit(h(T_PFX_STEM_GAZ).byte(l).byte(bit).finish());
        }
    }
    emit(h(T_PFX_STEM).str(stem).finish());
    emit(h(T_PFX_WORD).str(word).byte(l).finish());
    let first = stem.chars().next().map_or(0, |c| c as u32);
    emit(
        h(T_PFX_FIRST)
            .byte(l)
            .byte(first as u8)
            .byte((first >> 8) as u8)
            .str(pfx)
            .finish(),
    );
    emit(
        h(T_PFX_WORD_FREQ)
            .byte(l)
            .byte((lex.info(word) & 7) as u8)
            .finish(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    struct NoLex;
    impl Lexicon for NoLex {
        fn info(&self, _: &str) -> Info {
            0
        }
    }

    #[test]
    fn shapes() {
        let cases = [
            ("צה\"ל", "x\"x"),
            ("6.6", "9.9"),
            ("Google", "Aa"),
            ("-", "-"),
            ("פוטין", "x"),
        ];
        for (w, want) in cases {
            assert_eq!(shape_str(w).as_str(), want, "{w}");
        }
    }

    #[test]
    fn affixes_by_characters() {
        assert_eq!(char_prefix("שלום", 2), Some("של"));
        assert_eq!(char_suffix("שלום", 2), Some("ום"));
        assert_eq!(char_suffix("של", 2), None);
    }

    #[test]
    fn features_are_deterministic_and_context_sensitive() {
        let collect = |words: &[&str], i| {
            let info = vec![0; words.len()];
            let s = Sentence {
                words,
                info: &info,
                doc: &[],
                phrase: &[],
            };
            let mut keys = Vec::new();
            token_features(7, &NoLex, &s, i, &mut |k| keys.push(k));
            keys
        };
        let a = collect(&["השר", "כהן", "אמר"], 1);
        assert_eq!(a, collect(&["השר", "כהן", "אמר"], 1));
        assert_ne!(a, collect(&["הרב", "כהן", "אמר"], 1));
    }

    #[test]
    fn class_window_sees_the_neighbours_lexicon_class() {
        // Same words, only the lexicon facts of the next word differ: a frequent word
        // (bucket 5) versus an unknown one. Only the class-window keys may change.
        let words = ["אמר", "טום", "הארקין"];
        let keys = |next_info: Info| {
            let info = [5, 0, next_info];
            let s = Sentence {
                words: &words,
                info: &info,
                doc: &[],
                phrase: &[],
            };
            let mut k = Vec::new();
            context_features(7, &s, 1, &mut |x| k.push(x));
            k
        };
        let (rare, common) = (keys(0), keys(5));
        let differing = rare.iter().zip(&common).filter(|(a, b)| a != b).count();
        assert_eq!(rare.len(), common.len());
        // The neighbour's frequency feature, the triple and the cur/next pair.
        assert_eq!(differing, 3, "{rare:?} vs {common:?}");
    }

    #[test]
    fn distributional_class_is_a_feature_and_a_window_class() {
        let keys = |info: Info| {
            let mut k = Vec::new();
            word_features(7, &NoLex, "ספר", info, &mut |x| k.push(x));
            k
        };
        let with = 5 | 3 << CLASS_SHIFT;
        // Two more keys (the class, and the class with the frequency bucket); none without.
        assert_eq!(keys(with).len(), keys(5).len() + 2);
        assert_ne!(keys(with), keys(5 | 4 << CLASS_SHIFT));
        let cases = [
            ("no class: frequency bucket", 5, 5),
            ("class", with, 128 | 3),
            (
                "class capped below NO_CLASS",
                5 | 127 << CLASS_SHIFT,
                128 | 126,
            ),
            ("a name keeps its name class", with | FIRST_NAME, 5 | 8),
        ];
        for (name, info, want) in cases {
            assert_eq!(lexicon_class(info, "ספר"), want, "{name}");
        }
    }

    #[test]
    fn triggers_see_through_prefixes() {
        assert_eq!(trigger_any("והשר"), 1);
        assert_eq!(trigger_any("במשרד"), 2);
        assert_eq!(trigger_any("שולחן"), 0);
    }
}
