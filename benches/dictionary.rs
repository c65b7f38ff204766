//! The site dictionary's costs: compiling a 100,000-entry dictionary from its JSON, and
//! annotating 1 MB of news with and without it (target: at most 10 % slower).
//!
//! `cargo bench --bench dictionary`; the README carries the latest figures. The browser's
//! figures (JSON parsed by the browser) come from `tests/e2e/dictionary.test.mjs`.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::sync::Arc;
use tagit::{Annotator, Dictionary, Options};

const DEMO: &str = include_str!("../tests/fixtures/demo-article.txt");

/// A dictionary of `n` made-up names (the same generator as the browser benchmark): two
/// words each, a third of them with a variant, a fifth with a link, a tenth with an id.
pub fn synthetic(n: usize) -> String {
    const LETTERS: [char; 22] = [
        'א', 'ב', 'ג', 'ד', 'ה', 'ו', 'ז', 'ח', 'ט', 'י', 'כ', 'ל', 'מ', 'נ', 'ס', 'ע', 'פ', 'צ',
        'ק', 'ר', 'ש', 'ת',
    ];
    let word = |i: usize, len: usize| -> String {
        (0..len)
            .map(|k| LETTERS[(i * 7 + k * 13 + (i >> k)) % LETTERS.len()])
            .collect()
    };
    let labels = ["PER", "ORG", "GPE", "LOC"];
    let entries: Vec<String> = (0..n)
        .map(|i| {
            let mut e = format!(
                r#"{{"text":"{} {}","label":"{}""#,
                word(i, 5),
                word(i + 1, 4),
                labels[i % 4]
            );
            if i % 3 == 0 {
                e += &format!(r#","variants":["{}"]"#, word(i, 6));
            }
            if i % 5 == 0 {
                e += &format!(r#","link":"https://example.com/e/{i}""#);
            }
            if i % 10 == 0 {
                e += &format!(r#","id":"e{i}""#);
            }
            e + "}"
        })
        .collect();
    format!(r#"{{"entries":[{}]}}"#, entries.join(","))
}

fn bench(c: &mut Criterion) {
    let json = synthetic(100_000);
    let mut group = c.benchmark_group("dictionary");
    group.sample_size(10);
    group.bench_function("compile 100k entries", |b| {
        b.iter(|| Dictionary::from_json(black_box(&json)).unwrap())
    });
    let mut one_mb = String::with_capacity(1 << 20);
    while one_mb.len() < 1 << 20 {
        one_mb.push_str(DEMO);
        one_mb.push('\n');
    }
    let annotator = Annotator::default();
    let without = Options::default();
    let with = Options {
        dictionary: Some(Arc::new(Dictionary::from_json(&json).unwrap())),
        ..Options::default()
    };
    group.bench_function("annotate 1 MB without", |b| {
        b.iter(|| annotator.annotate(black_box(&one_mb), &without))
    });
    group.bench_function("annotate 1 MB with 100k entries", |b| {
        b.iter(|| annotator.annotate(black_box(&one_mb), &with))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
