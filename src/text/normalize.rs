//! Character classes and folding for Hebrew news text.
//!
//! Matching must ignore what the eye ignores: niqqud and cantillation marks, bidi and
//! zero-width controls, and the many code points used for the same quote or dash. Offsets,
//! however, always point into the original text, so folding is per character and the
//! tokenizer keeps both views.

/// Hebrew points (niqqud) and cantillation marks: combining marks that sit on a letter.
///
/// Excludes the Hebrew punctuation that lives in the same block (maqaf U+05BE, paseq
/// U+05C0, sof pasuq U+05C3, nun hafukha U+05C6).
pub fn is_hebrew_mark(c: char) -> bool {
    matches!(
        c,
        '\u{0591}'
            ..='\u{05BD}'
                | '\u{05BF}'
                | '\u{05C1}'
                | '\u{05C2}'
                | '\u{05C4}'
                | '\u{05C5}'
                | '\u{05C7}'
    )
}

/// Invisible format characters: bidi marks and embeddings, zero-width (non-)joiners, word
/// joiner, byte-order mark, soft hyphen. They are dropped when matching.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// True for characters that matching skips entirely (marks and invisible controls).
pub fn is_ignorable(c: char) -> bool {
    is_hebrew_mark(c) || is_invisible(c)
}

/// A Hebrew letter, including final forms and the Yiddish ligatures.
pub fn is_hebrew_letter(c: char) -> bool {
    matches!(c, '\u{05D0}'..='\u{05EA}' | '\u{05F0}'..='\u{05F2}')
}

/// Folds one character to the form used for matching: typographic quotes and Hebrew
/// gershayim/geresh become ASCII `"` and `'`, maqaf and typographic hyphens become `-`.
/// Ignorable characters are not folded here; callers drop them with [`is_ignorable`].
pub fn fold(c: char) -> char {
    match c {
        '\u{05F4}' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => '"',
        '\u{05F3}' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' => '\'',
        '\u{05BE}' | '\u{2010}' | '\u{2011}' => '-',
        _ => c,
    }
}

/// Folds a whole string (marks and controls removed, quotes and dashes folded).
///
/// Used for lexicon keys and tests; the tokenizer folds in place without this allocation.
pub fn fold_str(s: &str) -> String {
    s.chars().filter(|&c| !is_ignorable(c)).map(fold).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn niqqud_and_controls_are_dropped() {
        assert_eq!(fold_str("שָׁלוֹם"), "שלום");
        assert_eq!(fold_str("\u{200F}פוטין\u{200D}"), "פוטין");
        assert_eq!(fold_str("בְּרֵאשִׁ֖ית"), "בראשית");
    }

    #[test]
    fn quotes_and_dashes_fold_to_ascii() {
        assert_eq!(fold_str("צה״ל"), "צה\"ל");
        assert_eq!(fold_str("ארה”ב"), "ארה\"ב");
        assert_eq!(fold_str("ז׳בוטינסקי"), "ז'בוטינסקי");
        assert_eq!(fold_str("בן־גוריון"), "בן-גוריון");
    }

    #[test]
    fn punctuation_in_the_hebrew_block_is_not_a_mark() {
        for c in ['\u{05BE}', '\u{05C0}', '\u{05C3}', '\u{05C6}'] {
            assert!(!is_hebrew_mark(c), "{c:?}");
        }
    }
}
