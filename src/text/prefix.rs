//! Attached prefixes: the one-letter words written joined to the next word.
//!
//! Hebrew writes the conjunction ו, the relativiser ש (and כש, מש, לכש), the prepositions
//! ב כ ל מ and the article ה as part of the following word: `ולירושלים` is ו+ל+ירושלים.
//! They combine in a fixed order — conjunction, relativiser, preposition, article — and a
//! preposition other than מ swallows the article in unvocalised text (`למשטרה` is
//! ל+ה+משטרה written without the ה). A highlighted name must start after them.
//!
//! [`splits`] lists every legal way to peel a prefix off a folded word; which one is right
//! is the recogniser's decision (`בנק` is a bank, not ב+נק).

/// Relativisers, which follow the conjunction and precede prepositions.
const RELATIVISERS: [&str; 4] = ["ש", "כש", "מש", "לכש"];
/// Prepositions (and the article, and מ+article), the innermost prefix layer.
const INNERMOST: [&str; 6] = ["ב", "כ", "ל", "מ", "מה", "ה"];

/// The shortest stem (in characters) left after removing a prefix.
pub const MIN_STEM_CHARS: usize = 2;

/// True when `word` (folded) consists only of attached prefixes, as in `ב` of `ב-2024` or
/// `וה` of `וה-BBC`.
pub fn is_prefix(word: &str) -> bool {
    prefix_lengths(word).any(|len| len == word.len())
}

/// Byte lengths of every legal prefix at the start of `word` (folded), shortest first,
/// not counting the empty prefix. Lengths that leave less than [`MIN_STEM_CHARS`] characters
/// are omitted.
pub fn splits(word: &str) -> impl Iterator<Item = usize> + '_ {
    // `MIN_STEM_CHARS` is 2: at least one character after the first one of the stem.
    prefix_lengths(word).filter(move |&len| word[len..].chars().nth(MIN_STEM_CHARS - 1).is_some())
}

/// The most letters a prefix has: conjunction, a relativiser of up to three letters and
/// `מה` (`ולכשמה`).
const MAX_PREFIX_LETTERS: usize = 6;

/// The Hebrew letters a prefix can be made of, all in the UTF-8 block `D7 xx`: the low
/// bytes of the word's first letters (0 for anything else), and how many there are.
///
/// Every feature, the date engine and propagation ask for the splits of nearly every token,
/// so this runs millions of times per megabyte. Comparing `&str` prefixes cost a `memcmp`
/// call each (a quarter of the annotator's time); comparing a few bytes in registers does not.
fn leading_letters(word: &str) -> [u8; MAX_PREFIX_LETTERS] {
    let b = word.as_bytes();
    let mut out = [0u8; MAX_PREFIX_LETTERS];
    for (k, slot) in out.iter_mut().enumerate() {
        match (b.get(2 * k), b.get(2 * k + 1)) {
            (Some(0xD7), Some(&low)) => *slot = low,
            _ => break,
        }
    }
    out
}

/// The low UTF-8 bytes of the letters of a prefix written in Hebrew letters only.
const fn lows<const N: usize>(s: &str) -> [u8; N] {
    let b = s.as_bytes();
    let mut out = [0u8; N];
    let mut k = 0;
    while k < N && 2 * k + 1 < b.len() {
        out[k] = b[2 * k + 1];
        k += 1;
    }
    out
}

/// A prefix as at most three letter low bytes and its length in letters.
type Letters = ([u8; 3], usize);

const fn letters(s: &str) -> Letters {
    (lows::<3>(s), s.len() / 2)
}

const CONJUNCTION: u8 = lows::<1>("ו")[0];
const RELATIVISER_LETTERS: [Letters; 4] = [
    letters(RELATIVISERS[0]),
    letters(RELATIVISERS[1]),
    letters(RELATIVISERS[2]),
    letters(RELATIVISERS[3]),
];
const INNERMOST_LETTERS: [Letters; 6] = [
    letters(INNERMOST[0]),
    letters(INNERMOST[1]),
    letters(INNERMOST[2]),
    letters(INNERMOST[3]),
    letters(INNERMOST[4]),
    letters(INNERMOST[5]),
];

/// True when the letters from `at` on begin with prefix `p`.
#[inline]
fn starts_with(lead: &[u8; MAX_PREFIX_LETTERS], at: usize, p: &Letters) -> bool {
    let (seq, n) = p;
    at + n <= MAX_PREFIX_LETTERS && (0..*n).all(|k| lead[at + k] == seq[k])
}

/// The lengths, in letters, of the prefixes of one `layer` that the letters from `at` on
/// begin with, as a bit set; bit 0 (the layer left out) is always set.
#[inline]
fn layer(lead: &[u8; MAX_PREFIX_LETTERS], at: usize, layer: &[Letters]) -> u8 {
    layer
        .iter()
        .filter(|p| starts_with(lead, at, p))
        .fold(1, |set, p| set | 1 << p.1)
}

/// The set bits of `set`, lowest first.
fn bits(mut set: u8) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        (set != 0).then(|| {
            let k = set.trailing_zeros() as usize;
            set &= set - 1;
            k
        })
    })
}

/// Every legal prefix of `word`, including ones that consume it entirely.
fn prefix_lengths(word: &str) -> impl Iterator<Item = usize> + '_ {
    // The lengths in letters as a bit set: shortest first and without duplicates for free.
    let lead = leading_letters(word);
    let mut set = 0u8;
    if lead[0] != 0 {
        let conj = if lead[0] == CONJUNCTION { 0b11 } else { 0b01 };
        for c in bits(conj) {
            for r in bits(layer(&lead, c, &RELATIVISER_LETTERS)) {
                set |= layer(&lead, c + r, &INNERMOST_LETTERS) << (c + r);
            }
        }
    }
    // Each letter is two bytes.
    bits(set & !1).map(|letters| 2 * letters)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(word: &str) -> Vec<&str> {
        splits(word).map(|l| &word[l..]).collect()
    }

    #[test]
    fn table_of_cases() {
        let cases: &[(&str, &[&str])] = &[
            ("לחמאס", &["חמאס"]),
            ("ולירושלים", &["לירושלים", "ירושלים"]),
            ("שבירושלים", &["בירושלים", "ירושלים"]),
            ("מהכנסת", &["הכנסת", "כנסת"]),
            ("וכשהנשיא", &["כשהנשיא", "שהנשיא", "הנשיא", "נשיא"]),
            ("פוטין", &[]),
            ("בנק", &["נק"]),
            ("לב", &[]),
        ];
        for (word, want) in cases {
            assert_eq!(&stems(word), want, "{word}");
        }
    }

    /// The rule stated plainly on strings: what the byte-level version must agree with.
    fn naive(word: &str) -> Vec<usize> {
        let conj: &[usize] = if word.starts_with('ו') {
            &[0, 2]
        } else {
            &[0]
        };
        let mut found = Vec::new();
        for &c in conj {
            let rest = &word[c..];
            for r in std::iter::once(0).chain(
                RELATIVISERS
                    .iter()
                    .filter(|r| rest.starts_with(**r))
                    .map(|r| r.len()),
            ) {
                let rest2 = &rest[r..];
                for p in std::iter::once(0).chain(
                    INNERMOST
                        .iter()
                        .filter(|p| rest2.starts_with(**p))
                        .map(|p| p.len()),
                ) {
                    let len = c + r + p;
                    if len > 0 && !found.contains(&len) {
                        found.push(len);
                    }
                }
            }
        }
        found.sort_unstable();
        found
    }

    #[test]
    fn agrees_with_the_plain_rule() {
        // Every string of up to five letters over the prefix letters and two others, with
        // and without a non-Hebrew tail.
        let alphabet = ["ו", "ש", "כ", "ל", "מ", "ב", "ה", "א", "ת"];
        let mut words = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = words
                .iter()
                .flat_map(|w| alphabet.iter().map(move |a| format!("{w}{a}")))
                .collect();
            words.extend(longer);
        }
        words.sort();
        words.dedup();
        for w in &words {
            for tail in ["", "7", "x-", "\"", "הא", "ירושלים"] {
                let word = format!("{w}{tail}");
                assert_eq!(
                    prefix_lengths(&word).collect::<Vec<_>>(),
                    naive(&word),
                    "{word}"
                );
            }
        }
    }

    #[test]
    fn whole_word_prefixes() {
        for w in ["ב", "וה", "מה", "ש", "ול", "כש"] {
            assert!(is_prefix(w), "{w}");
        }
        for w in ["בנק", "א", "", "הב"] {
            assert!(!is_prefix(w), "{w}");
        }
    }
}
