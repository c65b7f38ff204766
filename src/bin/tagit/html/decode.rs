//! A text node's source as the browser's DOM holds it, and the way back.
//!
//! The recogniser must see what `annotateElement` sees in the browser: `Text.data`, where the
//! HTML parser has decoded character references (`&amp;` → `&`, `&nbsp;` → U+00A0, `&#x5D0;`
//! → `א`, the legacy names without `;` such as `&copy`), turned CR LF and lone CR into LF,
//! and dropped NUL. The marks, though, are written into the source, which keeps its
//! references as written. So decoding keeps every place where the two differ, and a position
//! in the decoded text maps back to the source; a reference (or a CR LF) maps as a unit, so a
//! mark never cuts one in half.

use std::borrow::Cow;
use std::ops::Range;

/// One place where the decoded text differs from the source: a reference, a CR (LF), a NUL.
#[derive(Clone, Debug, PartialEq)]
struct Unit {
    decoded: Range<usize>,
    source: Range<usize>,
}

/// A text node's decoded text and its map back to the source.
#[derive(Debug, Default)]
pub struct Decoded {
    /// What `Text.data` holds in the browser.
    pub text: String,
    /// Ascending; between two units, text and source are the same bytes.
    units: Vec<Unit>,
}

/// Which side of a range a position is: a start inside a unit moves to the unit's start, an
/// end to its end, so a range only ever grows to take whole units.
#[derive(Clone, Copy, PartialEq)]
pub enum Side {
    Start,
    End,
}

impl Decoded {
    /// `at` (a byte offset into `text`) moved out of any unit it falls inside, and where that
    /// is in the source.
    pub fn snap(&self, at: usize, side: Side) -> (usize, usize) {
        let before = self.units.partition_point(|u| u.decoded.start < at);
        let Some(u) = before.checked_sub(1).map(|i| &self.units[i]) else {
            return (at, at);
        };
        if at < u.decoded.end {
            match side {
                Side::Start => (u.decoded.start, u.source.start),
                Side::End => (u.decoded.end, u.source.end),
            }
        } else {
            (at, u.source.end + (at - u.decoded.end))
        }
    }
}

/// Decodes `source`, the raw text of one text node. `references` is false for raw text (the
/// contents of `<xmp>`, `<noembed>`…), where the parser leaves `&` alone.
pub fn decode(source: &str, references: bool) -> Decoded {
    let bytes = source.as_bytes();
    let mut out = Decoded {
        text: String::with_capacity(source.len()),
        units: Vec::new(),
    };
    let mut literal = 0;
    let mut i = 0;
    while i < bytes.len() {
        let found = match bytes[i] {
            b'&' if references => reference(&bytes[i..]),
            b'\r' => Some((
                1 + usize::from(bytes.get(i + 1) == Some(&b'\n')),
                Cow::Borrowed("\n"),
            )),
            // The tree builder ignores NUL in body text (the tokenizer passed it on).
            0 if references => Some((1, Cow::Borrowed(""))),
            0 => Some((1, Cow::Borrowed("\u{FFFD}"))),
            _ => None,
        };
        match found {
            Some((len, with)) => {
                out.text.push_str(&source[literal..i]);
                let start = out.text.len();
                out.text.push_str(&with);
                out.units.push(Unit {
                    decoded: start..out.text.len(),
                    source: i..i + len,
                });
                i += len;
                literal = i;
            }
            None => i += 1,
        }
    }
    out.text.push_str(&source[literal..]);
    out
}

/// The character reference at the start of `s` (which starts with `&`), as the HTML
/// tokenizer reads one in text: its length in the source and what it stands for, or `None`
/// when the `&` is just an ampersand.
fn reference(s: &[u8]) -> Option<(usize, Cow<'static, str>)> {
    if s.get(1) == Some(&b'#') {
        return numeric(s);
    }
    // The longest name in the table that starts here; the table lists the legacy names both
    // with and without their `;`, so `&copy` and `&notit;` (→ "¬it;") come out as browsers
    // have them.
    let longest = htmlize::ENTITY_MAX_LENGTH.min(s.len());
    (htmlize::ENTITY_MIN_LENGTH..=longest)
        .rev()
        .find_map(|len| htmlize::ENTITIES.get(&s[..len]).map(|v| (len, *v)))
        .map(|(len, v)| (len, String::from_utf8_lossy(v)))
}

/// `&#…;` and `&#x…;` with the HTML5 rules: the `;` is optional, zero, surrogates and values
/// past U+10FFFF become U+FFFD, and 0x80–0x9F are read as Windows-1252.
fn numeric(s: &[u8]) -> Option<(usize, Cow<'static, str>)> {
    let hex = matches!(s.get(2), Some(b'x' | b'X'));
    let digits_at = if hex { 3 } else { 2 };
    let radix = if hex { 16 } else { 10 };
    let digits = s[digits_at..]
        .iter()
        .take_while(|b| (**b as char).is_digit(radix))
        .count();
    if digits == 0 {
        return None;
    }
    let value = s[digits_at..digits_at + digits].iter().fold(0u32, |v, b| {
        // Saturates well past U+10FFFF, so any long number reads as out of range.
        v.saturating_mul(radix)
            .saturating_add((*b as char).to_digit(radix).unwrap_or(0))
            .min(0x0100_0000)
    });
    let mut len = digits_at + digits;
    if s.get(len) == Some(&b';') {
        len += 1;
    }
    let c = match value {
        0x80..=0x9F => windows_1252(value),
        _ => char::from_u32(value).filter(|_| value != 0),
    };
    Some((len, Cow::Owned(c.unwrap_or('\u{FFFD}').to_string())))
}

/// The character a C1 control code point stands for in a numeric reference (the HTML5
/// table), or the code point itself where the table has none.
fn windows_1252(value: u32) -> Option<char> {
    const TABLE: [u32; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
        0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    char::from_u32(TABLE[(value - 0x80) as usize])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_decode_as_browsers_do() {
        for (source, text) in [
            ("AT&amp;T", "AT&T"),
            ("a&nbsp;b", "a\u{A0}b"),
            ("&copy 2024", "© 2024"),
            ("&amp", "&"),
            ("&ampx", "&x"),
            ("&notit;", "¬it;"),
            ("&notin;", "∉"),
            ("&lt&gt", "<>"),
            ("&#x5D0;&#1489;", "אב"),
            ("&#1488", "א"),
            (
                "&#0;&#xD800;&#x110000;&#99999999999;",
                "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}",
            ),
            ("&#128;&#x9d;", "€\u{9D}"),
            ("&#; &#x; & &unknown; &", "&#; &#x; & &unknown; &"),
            ("&nGg;", "⋙\u{338}"),
        ] {
            assert_eq!(decode(source, true).text, text, "{source}");
            // The crate's own decoder agrees (it has no offsets, hence ours).
            assert_eq!(htmlize::unescape(source), text, "{source}");
        }
    }

    #[test]
    fn newlines_and_nul_as_the_parser_leaves_them() {
        assert_eq!(decode("a\r\nb\rc\n\0d", true).text, "a\nb\nc\nd");
        assert_eq!(decode("a&amp;\r\n", false).text, "a&amp;\n");
    }

    /// Every decoded position maps back to the source, and a reference maps as a unit.
    #[test]
    fn the_map_back_to_the_source() {
        // Niqqud, an emoji, a reference inside a name, a non-breaking space, CR LF.
        let source = "שָׁלוֹם 👋🏽 ולדימיר&#x20;פו&#x5D8;ין&nbsp;x\r\ny";
        let d = decode(source, true);
        assert_eq!(d.text, "שָׁלוֹם 👋🏽 ולדימיר פוטין\u{A0}x\ny");
        // The name (from ו to the end of ין) maps onto its source, references included.
        let (start, end) = (
            d.text.find("ולדימיר").unwrap(),
            d.text.find('\u{A0}').unwrap(),
        );
        let (s, t) = (d.snap(start, Side::Start).1, d.snap(end, Side::End).1);
        assert_eq!(&source[s..t], "ולדימיר&#x20;פו&#x5D8;ין");
        // Before any unit, positions are the same.
        assert_eq!(d.snap(4, Side::Start), (4, 4));
        // The x after &nbsp; and the y after CR LF.
        let x = d.text.find('x').unwrap();
        assert_eq!(&source[d.snap(x, Side::Start).1..], "x\r\ny");
        let y = d.text.find('y').unwrap();
        assert_eq!(&source[d.snap(y, Side::Start).1..], "y");
        // A position inside a decoded expansion snaps out, by side.
        let d = decode("a&nGg;b", true);
        let inside = 1 + '⋙'.len_utf8();
        assert_eq!(d.snap(inside, Side::Start), (1, 1));
        assert_eq!(d.snap(inside, Side::End), (d.text.len() - 1, 6));
        // Inside the LF of a CR LF there is nothing to snap; its end is after both bytes.
        let d = decode("a\r\nb", true);
        assert_eq!(d.snap(2, Side::End), (2, 3));
    }
}
