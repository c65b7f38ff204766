//! What the fuzz targets share: decoding options from bytes, and the invariants every
//! `annotate` result must satisfy whatever the input.
//!
//! The root crate's `tests/fuzz_regressions.rs` includes this file as a module and replays
//! the seeds and every crash input kept in `tests/fixtures/fuzz/`, so a crash found here
//! stays fixed in plain `cargo test` (no libFuzzer needed).

use tagit::text::Document;
use tagit::{Annotator, CivilDate, Label, LabelSet, Options, Recognizer, Span};

/// A fuzz target: the annotator it drives and the labels it may ask for.
#[derive(Clone, Copy, Debug)]
pub enum Target {
    /// The shipped annotator, any labels.
    Annotate,
    /// The date engine alone, DATE and TIME only.
    Dates,
    /// A site dictionary read from the input (the hand-written JSON reader), then, if it
    /// compiles, applied to the rest of the input with the shipped annotator.
    Dictionary,
}

/// An entity recogniser that finds nothing, so only the date engine runs.
pub struct NoEntities;

impl Recognizer for NoEntities {
    fn recognize(&self, _: &Document<'_>, _: &mut Vec<Span>) {}
}

impl Target {
    /// The annotator this target drives (build once, reuse).
    pub fn annotator(self) -> Annotator {
        match self {
            Target::Annotate | Target::Dictionary => Annotator::default(),
            Target::Dates => Annotator::with_recognizer(Box::new(NoEntities)),
        }
    }

    /// The labels this target may ask for.
    pub fn labels(self) -> LabelSet {
        match self {
            Target::Annotate | Target::Dictionary => LabelSet::ALL,
            Target::Dates => LabelSet::EMPTY.with(Label::DATE).with(Label::TIME),
        }
    }

    /// One fuzz iteration: decode `data`, annotate, check.
    pub fn run(self, annotator: &Annotator, data: &[u8]) {
        if let Target::Dictionary = self {
            // The dictionary, up to the first 0xFF byte (which UTF-8 never holds); the
            // options and the text after it.
            let cut = data.iter().position(|&b| b == 0xFF).unwrap_or(data.len());
            let json = String::from_utf8_lossy(&data[..cut]);
            let Ok(dictionary) = tagit::Dictionary::from_json(&json) else {
                return;
            };
            let (mut options, text) = decode(data.get(cut + 1..).unwrap_or(&[]), self.labels());
            options.dictionary = Some(std::sync::Arc::new(dictionary));
            annotate_and_check(annotator, &text, &options);
            return;
        }
        let (options, text) = decode(data, self.labels());
        let spans = annotate_and_check(annotator, &text, &options);
        if let Target::Dates = self {
            for s in spans {
                assert!(s.label.is_temporal(), "{s:?}");
            }
        }
    }
}

/// Bytes of the input that encode options; the rest is the text.
pub const HEADER: usize = 7;

/// Splits fuzz input into options and text (UTF-8-lossy, as a page or a pipe would give).
///
/// Header layout: labels (2 bytes, a bit per label), minimum confidence (1 byte, /200 so
/// values above 1 occur too), document date (4 bytes: a flag, year, month, day). The date
/// goes through `YYYY-MM-DD` parsing, as the CLI and the web options do, so only dates
/// those entry points can produce reach the engine.
pub fn decode(data: &[u8], labels_within: LabelSet) -> (Options, String) {
    let (head, body) = data.split_at(data.len().min(HEADER));
    let mut h = [0u8; HEADER];
    h[..head.len()].copy_from_slice(head);
    let bits = u16::from_le_bytes([h[0], h[1]]);
    let labels: LabelSet = Label::ALL
        .iter()
        .copied()
        .filter(|l| bits & (1 << l.index()) != 0 && labels_within.contains(*l))
        .collect();
    let min_confidence = f32::from(h[2]) / 200.0;
    let document_date = (h[3] & 1 == 1)
        .then(|| {
            let year = (u16::from(h[3] >> 1) * 100 + u16::from(h[4])) % 10_000;
            let iso = format!("{year:04}-{:02}-{:02}", h[5] % 14, h[6] % 33);
            iso.parse::<CivilDate>().ok()
        })
        .flatten();
    let options = Options {
        labels,
        min_confidence,
        document_date,
        ..Options::default()
    };
    (options, String::from_utf8_lossy(body).into_owned())
}

/// Annotates and panics (a fuzz crash) if the result breaks the public contract: sorted,
/// disjoint, non-empty spans on char boundaries whose `text` is the slice, labels and
/// confidences as asked, UTF-16 and code-point offsets consistent with the text.
pub fn annotate_and_check(annotator: &Annotator, text: &str, options: &Options) -> Vec<Span> {
    let spans = annotator.annotate(text, options);
    let mut last_end = 0;
    for s in &spans {
        assert!(s.start < s.end, "empty span {s:?}");
        assert!(s.start >= last_end, "unsorted or overlapping at {s:?}");
        assert!(s.end <= text.len(), "past the end: {s:?}");
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "not on char boundaries: {s:?}"
        );
        assert_eq!(s.text, text[s.start..s.end], "text is not the slice");
        assert!(
            options.labels.contains(s.label),
            "label not asked for: {s:?}"
        );
        assert!(
            s.confidence >= options.min_confidence && s.confidence <= 1.0,
            "confidence out of range: {s:?}"
        );
        if let Some(v) = &s.value {
            assert!(!v.is_empty(), "empty value: {s:?}");
        }
        last_end = s.end;
    }
    let bounds: Vec<usize> = spans.iter().flat_map(|s| [s.start, s.end]).collect();
    for unit in [tagit::offsets::Unit::Utf16, tagit::offsets::Unit::CodePoint] {
        let converted = tagit::offsets::bytes_to(text, &bounds, unit);
        let back = tagit::offsets::to_bytes(text, &converted, unit);
        assert_eq!(back, bounds, "{unit:?} offsets do not round-trip");
    }
    spans
}
