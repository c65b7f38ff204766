//! Properties every annotation must have, whatever the text: spans sorted, non-overlapping,
//! on character boundaries, with `text` equal to the slice, and offset conversions that agree
//! with how JavaScript and Python count.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use tagit::offsets::{self, Unit};
use tagit::{Annotator, Options};

/// Pieces of real news text and the characters that break naive code: niqqud, bidi and
/// zero-width controls, NBSP, emoji with modifiers, Arabic, Latin, quotes and numbers.
const PIECES: &[&str] = &[
    "הנשיא ולדימיר פוטין",
    "נפגש",
    "במוסקבה",
    "עם",
    "סשה טרופנוב",
    "ב-7 באוקטובר 2024",
    "בנובמבר 2023",
    "לחמאס",
    "צה״ל",
    "ארה\"ב",
    "ז'בוטינסקי",
    "בן-גוריון",
    "7.10.2023",
    "14:30",
    "6.6%",
    "5,000",
    "שָׁלוֹם",
    "\u{200F}",
    "\u{200E}",
    "\u{202B}",
    "\u{200D}",
    "\u{00A0}",
    "👋🏽",
    "🇮🇱",
    "مرحبا",
    "Google",
    " ",
    "\n",
    ".",
    ",",
    "\"",
    "'",
    "-",
    "־",
    "ט'",
    "כ\"ב בתשרי",
    "ו",
    "ב",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(PIECES).prop_map(str::to_string),
            1 => any::<String>(),
        ],
        0..24,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn spans_are_sorted_disjoint_and_on_boundaries(text in text()) {
        let spans = Annotator::default().annotate(&text, &Options::default());
        let mut last_end = 0;
        for s in &spans {
            prop_assert!(s.start >= last_end, "sorted and disjoint: {spans:?}");
            prop_assert!(s.start < s.end && s.end <= text.len());
            prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            prop_assert_eq!(&text[s.start..s.end], s.text.as_str());
            prop_assert!((0.0..=1.0).contains(&s.confidence));
            last_end = s.end;
        }
    }

    #[test]
    fn converted_offsets_slice_the_same_text(text in text()) {
        let spans = Annotator::default().annotate(&text, &Options::default());
        let bytes: Vec<usize> = spans.iter().flat_map(|s| [s.start, s.end]).collect();
        let utf16: Vec<u16> = text.encode_utf16().collect();
        let chars: Vec<char> = text.chars().collect();
        let u = offsets::bytes_to(&text, &bytes, Unit::Utf16);
        let c = offsets::bytes_to(&text, &bytes, Unit::CodePoint);
        for (i, s) in spans.iter().enumerate() {
            let (us, ue) = (u[2 * i], u[2 * i + 1]);
            prop_assert_eq!(String::from_utf16(&utf16[us..ue]).unwrap(), s.text.clone());
            let (cs, ce) = (c[2 * i], c[2 * i + 1]);
            prop_assert_eq!(chars[cs..ce].iter().collect::<String>(), s.text.clone());
        }
        prop_assert_eq!(offsets::to_bytes(&text, &u, Unit::Utf16), bytes.clone());
        prop_assert_eq!(offsets::to_bytes(&text, &c, Unit::CodePoint), bytes);
    }
}

#[test]
fn empty_and_whitespace_only_texts_have_no_spans() {
    for text in ["", " ", "\n\n", "\u{200F}\u{200E}", "\u{00A0}"] {
        assert!(
            Annotator::default()
                .annotate(text, &Options::default())
                .is_empty(),
            "{text:?}"
        );
    }
}
