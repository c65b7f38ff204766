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
    prefix_lengths(word).filter(move |&len| word[len..].chars().count() >= MIN_STEM_CHARS)
}

/// Every legal prefix of `word`, including ones that consume it entirely.
fn prefix_lengths(word: &str) -> impl Iterator<Item = usize> + '_ {
    let conj = if word.starts_with('ו') {
        &[0, 'ו'.len_utf8()][..]
    } else {
        &[0][..]
    };
    let mut found: [usize; 16] = [0; 16];
    let mut n = 0;
    for &c in conj {
        let rest = &word[c..];
        let rels = std::iter::once(0).chain(
            RELATIVISERS
                .iter()
                .filter(|r| rest.starts_with(**r))
                .map(|r| r.len()),
        );
        for r in rels {
            let rest2 = &rest[r..];
            let inner = std::iter::once(0).chain(
                INNERMOST
                    .iter()
                    .filter(|p| rest2.starts_with(**p))
                    .map(|p| p.len()),
            );
            for p in inner {
                let len = c + r + p;
                if len > 0 && n < found.len() && !found[..n].contains(&len) {
                    found[n] = len;
                    n += 1;
                }
            }
        }
    }
    found[..n].sort_unstable();
    found.into_iter().take(n)
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
