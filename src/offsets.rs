//! Offset conversions between the three units tagit speaks.
//!
//! Inside Rust every offset is a byte offset into UTF-8. JavaScript strings index UTF-16
//! code units, and the CLI's JSON counts Unicode code points (what Python's `len` counts).
//! Converting one offset at a time would be quadratic on long texts, so these converters
//! walk the text once for a whole sorted batch of offsets.

/// Which unit an offset is counted in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// UTF-16 code units (JavaScript string indices).
    Utf16,
    /// Unicode scalar values (Python string indices, the CLI's JSON).
    CodePoint,
}

impl Unit {
    fn width(self, c: char) -> usize {
        match self {
            Unit::Utf16 => c.len_utf16(),
            Unit::CodePoint => 1,
        }
    }
}

/// Converts byte offsets to `unit` in one pass over `text`.
///
/// `offsets` must be char boundaries of `text`; it need not be sorted (the converter sorts
/// a copy of the indices, not the offsets). The result is in the same order as the input.
pub fn bytes_to(text: &str, offsets: &[usize], unit: Unit) -> Vec<usize> {
    let mut chars = text.char_indices().peekable();
    let mut counted = 0;
    in_ascending_order(offsets, |target| {
        while let Some(&(b, c)) = chars.peek() {
            if b >= target {
                break;
            }
            counted += unit.width(c);
            chars.next();
        }
        counted
    })
}

/// The `(start, end)` of each of `spans` (byte offsets into `text`, as the core returns them)
/// in `unit`, in one pass over `text`: what every boundary that hands spans out needs (the
/// CLI's JSON and Python in code points, JavaScript in UTF-16 units).
pub fn span_bounds(text: &str, spans: &[crate::Span], unit: Unit) -> Vec<(usize, usize)> {
    let bytes: Vec<usize> = spans.iter().flat_map(|s| [s.start, s.end]).collect();
    bytes_to(text, &bytes, unit)
        .chunks_exact(2)
        .map(|b| (b[0], b[1]))
        .collect()
}

/// Converts offsets counted in `unit` back to byte offsets of `text`, in one pass.
///
/// An offset that falls inside a character (half of a surrogate pair) or past the end is
/// clamped to the next character boundary, so the result can always be used to slice.
pub fn to_bytes(text: &str, offsets: &[usize], unit: Unit) -> Vec<usize> {
    let mut chars = text.char_indices().peekable();
    let mut counted = 0;
    in_ascending_order(offsets, |target| {
        while counted < target {
            match chars.next() {
                Some((_, c)) => counted += unit.width(c),
                None => break,
            }
        }
        chars.peek().map_or(text.len(), |&(b, _)| b)
    })
}

/// Maps every offset through `convert`, calling it in ascending order of the offsets (so a
/// converter can walk the text once) and returning the results in the input's order.
fn in_ascending_order(offsets: &[usize], mut convert: impl FnMut(usize) -> usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_unstable_by_key(|&i| offsets[i]);
    let mut out = vec![0; offsets.len()];
    for i in order {
        out[i] = convert(offsets[i]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // "שָׁלוֹם 👋🏽 עולם": niqqud (2-byte combining marks) and a skin-toned emoji
    // (two astral code points, four UTF-16 units).
    const TEXT: &str = "שָׁלוֹם 👋🏽 עולם";

    #[test]
    fn round_trips_every_char_boundary() {
        let bounds: Vec<usize> = TEXT
            .char_indices()
            .map(|(b, _)| b)
            .chain([TEXT.len()])
            .collect();
        for unit in [Unit::Utf16, Unit::CodePoint] {
            let conv = bytes_to(TEXT, &bounds, unit);
            assert_eq!(to_bytes(TEXT, &conv, unit), bounds, "{unit:?}");
        }
    }

    #[test]
    fn counts_match_js_and_python() {
        let word = TEXT.find("עולם").unwrap();
        let utf16 = bytes_to(TEXT, &[word], Unit::Utf16)[0];
        let cps = bytes_to(TEXT, &[word], Unit::CodePoint)[0];
        let expect_utf16: usize = TEXT[..word].chars().map(char::len_utf16).sum();
        assert_eq!(utf16, expect_utf16);
        assert_eq!(cps, TEXT[..word].chars().count());
        assert_eq!(utf16, cps + 2, "two astral chars take two units each");
    }

    #[test]
    fn unsorted_input_keeps_its_order() {
        let a = TEXT.find("עולם").unwrap();
        assert_eq!(
            bytes_to(TEXT, &[a, 0], Unit::CodePoint),
            vec![TEXT[..a].chars().count(), 0]
        );
    }

    #[test]
    fn span_bounds_in_each_unit() {
        let word = TEXT.find("עולם").unwrap();
        let span = |start, end| crate::Span {
            start,
            end,
            label: crate::Label::GPE,
            text: TEXT[start..end].to_string(),
            value: None,
            confidence: 1.0,
            entity: None,
        };
        let spans = [span(word, TEXT.len()), span(0, TEXT.find(' ').unwrap())];
        let cps = |b: usize| TEXT[..b].chars().count();
        assert_eq!(
            span_bounds(TEXT, &spans, Unit::CodePoint),
            [
                (cps(word), cps(TEXT.len())),
                (0, cps(TEXT.find(' ').unwrap()))
            ]
        );
        let utf16 = span_bounds(TEXT, &spans, Unit::Utf16);
        assert_eq!(utf16[0].0, cps(word) + 2, "the emoji's two astral chars");
    }

    #[test]
    fn inside_a_surrogate_pair_clamps_forward() {
        let emoji = TEXT.find('👋').unwrap();
        let u = bytes_to(TEXT, &[emoji], Unit::Utf16)[0];
        assert_eq!(
            to_bytes(TEXT, &[u + 1], Unit::Utf16)[0],
            emoji + '👋'.len_utf8()
        );
        assert_eq!(to_bytes(TEXT, &[10_000], Unit::Utf16)[0], TEXT.len());
    }
}
