//! Feature extraction: the one code path used by training and by inference.
//!
//! A token's features are hashed keys ([`FeatureHash`]) pushed to a callback; nothing is
//! allocated per token. The inputs are the folded token forms of a sentence and, per
//! token, its lexicon [`Info`] (word-frequency bucket and gazetteer bits), which the caller
//! looks up once per sentence into a reusable buffer.

use super::hash::FeatureHash;
use crate::text::prefix;

/// Lexicon facts about one word form, packed in 16 bits.
///
/// - bits 0–2: word-frequency bucket (0 = not in the frequency list, 1 = Zipf < 2.5,
///   …, 6 = Zipf ≥ 6.5);
/// - bit 3: a common first name; bit 4: a common last name;
/// - bits 5–13: seen inside a training mention of entity label 0–8;
/// - bit 14: seen as the last token of a mention; bit 15: as the first token of a
///   multi-token mention.
pub type Info = u16;

/// Bit of "first name" in [`Info`].
pub const FIRST_NAME: Info = 1 << 3;
/// Bit of "last name" in [`Info`].
pub const LAST_NAME: Info = 1 << 4;
/// Bit of "inside a mention of label `l`" is `MENTION_LABEL << l`.
pub const MENTION_LABEL: Info = 1 << 5;
/// Bit of "last token of a mention".
pub const MENTION_LAST: Info = 1 << 14;
/// Bit of "first token of a multi-token mention".
pub const MENTION_FIRST: Info = 1 << 15;

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

/// Trigger words: titles before a person, heads of organisation names, place nouns.
/// Matched against a token and against every stem left after its attached prefixes.
const TRIGGERS: &[(&str, u8)] = &[
    ("שר", 1),
    ("השר", 1),
    ("השרה", 1),
    ("ח\"כ", 1),
    ("חה\"כ", 1),
    ("נשיא", 1),
    ("הנשיא", 1),
    ("נשיאת", 1),
    ("ד\"ר", 1),
    ("פרופ'", 1),
    ("פרופסור", 1),
    ("מנכ\"ל", 1),
    ("מנכ\"לית", 1),
    ("דובר", 1),
    ("דוברת", 1),
    ("יו\"ר", 1),
    ("יושב", 1),
    ("מר", 1),
    ("גב'", 1),
    ("עו\"ד", 1),
    ("הרב", 1),
    ("השופט", 1),
    ("השופטת", 1),
    ("סגן", 1),
    ("אלוף", 1),
    ("תא\"ל", 1),
    ("רס\"ן", 1),
    ("סא\"ל", 1),
    ("אל\"מ", 1),
    ("רמטכ\"ל", 1),
    ("המלך", 1),
    ("השגריר", 1),
    ("הזמר", 1),
    ("הזמרת", 1),
    ("השחקן", 1),
    ("השחקנית", 1),
    ("הסופר", 1),
    ("הסופרת", 1),
    ("המשורר", 1),
    ("המאמן", 1),
    ("כתב", 1),
    ("אמר", 1),
    ("אמרה", 1),
    ("ראש", 1),
    ("משרד", 2),
    ("חברת", 2),
    ("בנק", 2),
    ("תנועת", 2),
    ("מפלגת", 2),
    ("אוניברסיטת", 2),
    ("ארגון", 2),
    ("איגוד", 2),
    ("רשות", 2),
    ("מועצת", 2),
    ("קבוצת", 2),
    ("התאחדות", 2),
    ("הסתדרות", 2),
    ("עמותת", 2),
    ("קרן", 2),
    ("מכון", 2),
    ("עיריית", 2),
    ("בית", 2),
    ("ועדת", 2),
    ("להקת", 2),
    ("העיר", 3),
    ("עיר", 3),
    ("הכפר", 3),
    ("מדינת", 3),
    ("ארץ", 3),
    ("רחוב", 3),
    ("כביש", 3),
    ("נהר", 3),
    ("הר", 3),
    ("ים", 3),
    ("אזור", 3),
    ("מחוז", 3),
    ("שכונת", 3),
    ("מלחמת", 4),
    ("מבצע", 4),
    ("פסטיבל", 4),
    ("הספר", 5),
    ("הסרט", 5),
    ("העיתון", 5),
    ("עיתון", 5),
    ("השיר", 5),
    ("בשפה", 6),
    ("שפה", 6),
];

/// The trigger class of a folded word (0 if none).
pub fn trigger(word: &str) -> u8 {
    TRIGGERS
        .iter()
        .find(|(w, _)| *w == word)
        .map_or(0, |&(_, c)| c)
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
}

/// Pushes the keys of every feature of token `i` of `s` to `emit`.
pub fn token_features(
    seed: u32,
    lex: &impl Lexicon,
    s: &Sentence<'_>,
    i: usize,
    emit: &mut impl FnMut(u32),
) {
    let w = s.words[i];
    let info = s.info[i];
    let h = |t: u8| FeatureHash::new(seed, t);
    emit(h(T_BIAS).finish());
    emit(h(T_WORD).str(w).finish());
    let shp = shape_str(w);
    emit(h(T_SHAPE).str(shp.as_str()).finish());
    for n in 1..=3 {
        if let Some(p) = char_prefix(w, n) {
            emit(h(T_PREFIX).str(p).finish());
        }
        if let Some(p) = char_suffix(w, n) {
            emit(h(T_SUFFIX).str(p).finish());
        }
    }
    emit(h(T_FREQ).byte((info & 7) as u8).finish());
    emit(
        h(T_WORD_INFO_SHAPE)
            .byte((info & 7) as u8)
            .str(shp.as_str())
            .byte(s.words.len().min(2) as u8)
            .finish(),
    );
    for bit in 3..16 {
        if info & (1 << bit) != 0 {
            emit(h(T_GAZ).byte(bit).finish());
        }
    }
    let mut stem_bits: Info = 0;
    for p in prefix::splits(w) {
        let stem = &w[p..];
        emit(h(T_STEM).str(stem).finish());
        let sinfo = lex.info(stem);
        emit(h(T_SPLIT).str(&w[..p]).byte((sinfo & 7) as u8).finish());
        emit(h(T_STEM_FREQ).byte((sinfo & 7) as u8).finish());
        stem_bits |= sinfo;
    }
    for bit in 3..16 {
        if stem_bits & (1 << bit) != 0 {
            emit(h(T_STEM_GAZ).byte(bit).finish());
        }
    }
    let t = trigger_any(w);
    if t != 0 {
        emit(h(T_TRIGGER).byte(0).byte(t).finish());
    }
    // Neighbours, ±2; positions outside the sentence are padding.
    let n = s.words.len();
    for d in [-2i32, -1, 1, 2] {
        let j = i as i32 + d;
        let pos = (d + 2) as u8;
        if j < 0 || j >= n as i32 {
            emit(h(T_NEIGHBOUR).byte(pos).str("<pad>").finish());
            continue;
        }
        let j = j as usize;
        let nw = s.words[j];
        emit(h(T_NEIGHBOUR).byte(pos).str(nw).finish());
        let ni = s.info[j];
        emit(h(T_NEIGHBOUR_INFO).byte(pos).byte((ni & 7) as u8).finish());
        let t = trigger_any(nw);
        if t != 0 {
            emit(h(T_TRIGGER).byte(pos).byte(t).finish());
        }
        if d.abs() == 1 {
            for bit in 3..16 {
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
    if i > 0 {
        emit(h(T_BIGRAM).byte(0).str(s.words[i - 1]).str(w).finish());
    }
    if i + 1 < n {
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
    for bit in 3..16 {
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
            let s = Sentence { words, info: &info };
            let mut keys = Vec::new();
            token_features(7, &NoLex, &s, i, &mut |k| keys.push(k));
            keys
        };
        let a = collect(&["השר", "כהן", "אמר"], 1);
        assert_eq!(a, collect(&["השר", "כהן", "אמר"], 1));
        assert_ne!(a, collect(&["הרב", "כהן", "אמר"], 1));
    }

    #[test]
    fn triggers_see_through_prefixes() {
        assert_eq!(trigger_any("והשר"), 1);
        assert_eq!(trigger_any("במשרד"), 2);
        assert_eq!(trigger_any("שולחן"), 0);
    }
}
