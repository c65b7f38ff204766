//! The date engine against the committed case tables: `tests/fixtures/dates.tsv`
//! (hand-written, news-style) and `tests/fixtures/dates-generated.tsv` (systematic, made by
//! `scripts/gen_date_cases.py` with independently computed values).
//!
//! Each line: family, document date (`-` for none), sentence, expected spans. Expected
//! spans are `LABEL:span text=>value` joined by ` | `, or `-` for a sentence with no
//! temporal expression (the rejection cases). The whole set of spans must match exactly,
//! so a stray extra span fails as surely as a missed one.

use std::collections::BTreeMap;
use tagit::dates::{self, CivilDate};
use tagit::text::Document;

fn run(text: &str, dct: Option<CivilDate>) -> Vec<String> {
    let doc = Document::new(text);
    let mut spans = Vec::new();
    dates::recognize(&doc, dct, &mut spans);
    spans
        .iter()
        .map(|s| {
            format!(
                "{}:{}=>{}",
                s.label,
                &text[s.start..s.end],
                s.value.as_deref().unwrap_or("")
            )
        })
        .collect()
}

#[test]
fn hand_written_cases() {
    check_table(include_str!("fixtures/dates.tsv"), 230);
}

#[test]
fn generated_cases() {
    check_table(include_str!("fixtures/dates-generated.tsv"), 200);
}

/// Runs every case of `table`, which must hold at least `min_cases`.
fn check_table(table: &str, min_cases: usize) {
    let mut failures = Vec::new();
    let mut per_family: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut total = 0;
    for (n, line) in table.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 4, "line {}: expected 4 columns: {line}", n + 1);
        let (family, dct, text, expected) = (cols[0], cols[1], cols[2], cols[3]);
        let dct = (dct != "-").then(|| dct.parse::<CivilDate>().expect("bad dct"));
        let want: Vec<String> = if expected == "-" {
            Vec::new()
        } else {
            expected.split(" | ").map(str::to_string).collect()
        };
        let got = run(text, dct);
        total += 1;
        let entry = per_family.entry(family).or_default();
        entry.0 += 1;
        if got == want {
            entry.1 += 1;
        } else {
            failures.push(format!(
                "line {} [{family}] {text}\n    want: {}\n    got:  {}",
                n + 1,
                want.join(" | "),
                got.join(" | ")
            ));
        }
    }
    for (family, (all, ok)) in &per_family {
        eprintln!("{family:>12}: {ok}/{all}");
    }
    eprintln!("{:>12}: {}/{total}", "total", total - failures.len());
    assert!(total >= min_cases, "only {total} cases");
    assert!(
        failures.is_empty(),
        "{} of {total} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
