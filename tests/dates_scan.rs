//! On-demand inspection: prints every temporal span found in a text file, one line of
//! input per document. Not part of the normal run (ignored); use it to look for false
//! positives on real text:
//!
//! `DATES_SCAN=../shared/demo/article-he.txt DATES_DCT=2024-06-04 cargo test --test dates_scan -- --ignored --nocapture`

use tagit::dates::{self, CivilDate};
use tagit::text::Document;

#[test]
#[ignore]
fn scan_file() {
    let Ok(path) = std::env::var("DATES_SCAN") else {
        return;
    };
    let dct = std::env::var("DATES_DCT")
        .ok()
        .map(|d| d.parse::<CivilDate>().expect("DATES_DCT"));
    let text = std::fs::read_to_string(path).expect("read");
    for line in text.lines() {
        let doc = Document::new(line);
        let mut spans = Vec::new();
        dates::recognize(&doc, dct, &mut spans);
        for s in &spans {
            let ctx_start = line.floor_char_boundary(s.start.saturating_sub(30));
            let ctx_end = line.ceil_char_boundary((s.end + 30).min(line.len()));
            println!(
                "{}\t{}\t{}\t…{}…",
                s.label,
                &line[s.start..s.end],
                s.value.as_deref().unwrap_or(""),
                &line[ctx_start..ctx_end]
            );
        }
    }
}

/// On-demand speed check: `DATES_BENCH=file cargo test --release --test dates_scan -- --ignored --nocapture`.
#[test]
#[ignore]
fn bench_file() {
    let Ok(path) = std::env::var("DATES_BENCH") else {
        return;
    };
    let text = std::fs::read_to_string(path).expect("read");
    let doc = Document::new(&text);
    let dct = CivilDate::new(2024, 6, 4);
    let start = std::time::Instant::now();
    let mut spans = Vec::new();
    for _ in 0..10 {
        spans.clear();
        dates::recognize(&doc, dct, &mut spans);
    }
    let per = start.elapsed() / 10;
    println!(
        "{} bytes, {} tokens, {} spans: {:?} per pass ({:.1} MB/s)",
        text.len(),
        doc.len(),
        spans.len(),
        per,
        text.len() as f64 / per.as_secs_f64() / 1e6
    );
}
