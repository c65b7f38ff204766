//! Extreme inputs: 10 MB on one line, single tokens of 1 MB, and tiny or odd texts (empty,
//! lone combining marks, only controls, Arabic + Latin + Hebrew). Each must come back
//! quickly with spans that keep the contract; time ceilings are generous (noise must not
//! fail CI) but far below what a quadratic step would take on these sizes.
//!
//! Debug builds (`cargo test` without `--release`) run a tenth of the sizes.
#![cfg(not(target_arch = "wasm32"))]

use std::time::{Duration, Instant};
use tagit::offsets::{self, Unit};
use tagit::{Annotator, Label, LabelSet, Options, Span};

mod common;

const MB: usize = 1 << 20;

fn scale(bytes: usize) -> usize {
    if cfg!(debug_assertions) {
        bytes / 10
    } else {
        bytes
    }
}

/// Ceiling for one annotation of a large input: linear work takes a few seconds at most
/// in release; a quadratic step on a megabyte takes hours.
fn ceiling() -> Duration {
    Duration::from_secs(if cfg!(debug_assertions) { 120 } else { 30 })
}

/// Checks the public contract of `spans` over `text`.
fn check(text: &str, spans: &[Span], what: &str) {
    let mut last_end = 0;
    for s in spans {
        assert!(
            s.start < s.end && s.start >= last_end,
            "{what}: order at {s:?}"
        );
        assert!(
            s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "{what}: bounds of {s:?}"
        );
        assert_eq!(s.text, text[s.start..s.end], "{what}: text of {s:?}");
        last_end = s.end;
    }
    let bounds: Vec<usize> = spans.iter().flat_map(|s| [s.start, s.end]).collect();
    let units = offsets::bytes_to(text, &bounds, Unit::Utf16);
    assert_eq!(
        offsets::to_bytes(text, &units, Unit::Utf16),
        bounds,
        "{what}: UTF-16"
    );
}

/// Annotates `text` (all labels), checks the contract and the time, and reports.
fn timed(annotator: &Annotator, text: &str, what: &str) -> Vec<Span> {
    let t = Instant::now();
    let spans = annotator.annotate(text, &Options::default());
    let took = t.elapsed();
    eprintln!(
        "{what}: {:.1} MB, {} spans in {:.2?}",
        text.len() as f64 / MB as f64,
        spans.len(),
        took
    );
    check(text, &spans, what);
    assert!(took < ceiling(), "{what}: {took:?}");
    spans
}

/// `unit` repeated up to `bytes` (whole repetitions).
fn repeat_to(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes.div_ceil(unit.len()))
}

#[test]
fn ten_megabytes_without_a_newline() {
    let annotator = Annotator::default();
    let sentence = "הנשיא ולדימיר פוטין נפגש במוסקבה עם סשה טרופנוב ב-7 באוקטובר 2024, \
                    ולאחר מכן טס לירושלים; צה\"ל הודיע ב-14:30 על 5,000 חיילים (6.6%) 👋🏽 ";
    assert!(!sentence.contains('\n'));
    let one = annotator.annotate(sentence, &Options::default());
    let text = repeat_to(sentence, scale(10 * MB));
    let spans = timed(&annotator, &text, "one line");
    // The same sentence repeated: at least as many mentions as once per copy, give or take
    // context at the seams.
    let copies = text.len() / sentence.len();
    assert!(
        spans.len() + copies >= one.len() * copies,
        "{} spans for {copies} copies of a sentence with {}",
        spans.len(),
        one.len()
    );
    let dates = spans.iter().filter(|s| s.label == Label::DATE).count();
    assert!(dates >= copies, "dates: {dates} for {copies} copies");
}

#[test]
fn one_megabyte_tokens() {
    let annotator = Annotator::default();
    let size = scale(MB);
    for (what, unit) in [
        ("Hebrew letters", "אבגדהוזחטיכלמנסעפצקרשת"),
        ("attached prefixes only", "ו"),
        ("prefix letters", "ושהבלמכ"),
        ("digits", "0123456789"),
        ("a dotted number", "1.2."),
        ("a date-like chain", "7.10.2023-"),
        ("gershayim word", "צה\"ל"),
        ("maqaf chain", "בן־"),
        ("hyphen chain", "ב-"),
        ("stacked niqqud", "שָּׁ֫"),
        ("Latin", "Google"),
        ("emoji", "👋🏽🇮🇱👨‍👩‍👧‍👦"),
        ("zero-width joiners", "א\u{200D}"),
        ("bidi controls", "\u{200F}\u{202B}ב\u{202C}"),
    ] {
        let text = repeat_to(unit, size);
        timed(&annotator, &text, what);
    }
}

#[test]
fn tiny_and_odd_texts() {
    let annotator = Annotator::default();
    for (what, text) in [
        ("empty", ""),
        ("a space", " "),
        ("a newline", "\n"),
        ("a lone niqqud mark", "\u{05B0}"),
        ("a lone combining acute", "\u{0301}"),
        ("combining marks first", "\u{05BC}\u{05B8}סשה טרופנוב"),
        (
            "a thousand marks on one letter",
            &format!("ב{}", "\u{05B0}".repeat(1000)),
        ),
        ("a byte-order mark", "\u{FEFF}ב-7 באוקטובר"),
        (
            "only controls",
            "\u{200F}\u{200E}\u{202B}\u{202C}\u{2067}\u{2069}\u{200D}",
        ),
        ("a replacement character", "\u{FFFD}ב-2024\u{FFFD}"),
        ("NUL and C0 controls", "\u{0}\u{1}ב-2024\u{1F}"),
        (
            "Arabic + Latin + Hebrew",
            "محمود عباس met John Smith בירושלים ב-7 באוקטובר 2024, وقال: شكرا",
        ),
        (
            "Arabic letters with Hebrew prefixes",
            "ובمحمود ו-عباس לـGoogle הـ2024",
        ),
        (
            "Hebrew inside Arabic script run",
            "قال نتنياהו في القدس ב-7.10.2023",
        ),
        ("a prefix alone", "ו"),
        ("a prefix and a hyphen", "ב-"),
        ("a lone gershayim", "\""),
        ("a lone geresh", "'"),
    ] {
        let spans = annotator.annotate(text, &Options::default());
        check(text, &spans, what);
        // Each label alone gives a subset of the whole.
        for label in Label::ALL {
            let only = Options {
                labels: LabelSet::EMPTY.with(label),
                ..Options::default()
            };
            let some = annotator.annotate(text, &only);
            check(text, &some, what);
            assert!(some.iter().all(|s| s.label == label), "{what}: {label:?}");
        }
    }
}

#[test]
fn cli_with_a_ten_megabyte_line() {
    use std::io::Write;
    // Offsets in code points for 10 MB: the CLI must convert them in one pass too.
    let text = repeat_to("סשה טרופנוב נפגש ב-7 באוקטובר 2024 עם 👋🏽 ", scale(10 * MB));
    let input = format!(
        "{}\n{{\"id\":\"empty\",\"text\":\"\"}}\nnot json\n{{\"id\":\"odd\",\"text\":\"\\u05b0\\u200f\"}}\n",
        serde_json::json!({"id": "big", "text": text, "dct": "2024-10-07"})
    );
    let t = Instant::now();
    let mut child = common::spawn_annotate(&["--jsonl"]);
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    let took = t.elapsed();
    eprintln!(
        "CLI, {:.1} MB line: {took:.2?}",
        text.len() as f64 / MB as f64
    );
    assert!(took < ceiling(), "{took:?}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // One output line per input line, the bad one as an error line naming it.
    let ids: Vec<Option<&str>> = lines.iter().map(|l| l["id"].as_str()).collect();
    assert_eq!(ids, [Some("big"), Some("empty"), None, Some("odd")]);
    assert!(lines[2]["error"].is_string());
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 3"));
    // Code-point offsets: the last entity's text is that slice of the input.
    let chars: Vec<char> = text.chars().collect();
    let last = lines[0]["entities"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    let (start, end) = (
        last["start"].as_u64().unwrap() as usize,
        last["end"].as_u64().unwrap() as usize,
    );
    let slice: String = chars[start..end].iter().collect();
    assert_eq!(Some(slice.as_str()), last["text"].as_str());
}
