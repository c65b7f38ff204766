//! Native throughput of `Annotator::annotate` (model, dates and gap-fillers), in tokens per
//! second, on the demo article and on the same article repeated to 1 MB.
//!
//! `cargo bench --bench annotate`; the README carries the latest figures.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use tagit::text::Document;
use tagit::{Annotator, Options};

/// The demo article (a real Hebrew news article, as on the demo page).
const DEMO: &str = include_str!("../tests/fixtures/demo-article.txt");

fn bench(c: &mut Criterion) {
    let annotator = Annotator::default();
    let options = Options::default();
    let mut one_mb = String::with_capacity(1 << 20);
    while one_mb.len() < 1 << 20 {
        one_mb.push_str(DEMO);
        one_mb.push('\n');
    }
    let mut group = c.benchmark_group("annotate");
    group.sample_size(10);
    for (name, text) in [("demo article", DEMO), ("1 MB of news", one_mb.as_str())] {
        group.throughput(Throughput::Elements(Document::new(text).len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| annotator.annotate(black_box(text), &options))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
