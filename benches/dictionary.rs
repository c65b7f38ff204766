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

fn bench(c: &mut Criterion) {
    let json = tagit::dictionary::synthetic(100_000);
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
