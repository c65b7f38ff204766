//! One run of the bare model or the whole annotator on the demo article repeated to 1 MB,
//! for instruction counts under `valgrind --tool=callgrind` (timings are noisy on a shared
//! machine; instruction counts are not). Usage:
//! `cargo build --release --example profile_speed && valgrind --tool=callgrind
//! target/release/examples/profile_speed bare|whole [article] [runs]`. With `runs`, also
//! prints the best wall time of that many runs.

use tagit::Recognizer;

fn main() {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_else(|| "bare".into());
    let path = args
        .next()
        .unwrap_or_else(|| "../shared/demo/article-he.txt".into());
    let article = std::fs::read_to_string(&path).expect("the demo article");
    let mut text = String::with_capacity(1 << 20);
    while text.len() < 1 << 20 {
        text.push_str(&article);
        text.push('\n');
    }
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(1);
    let model = tagit::model::EntityModel::try_builtin().expect("the built-in model");
    let annotator = tagit::Annotator::default();
    let once = || match mode.as_str() {
        "bare" => {
            let doc = tagit::text::Document::new(&text);
            let mut out = Vec::new();
            model.recognize(&doc, &mut out);
            out.len()
        }
        _ => annotator.annotate(&text, &tagit::Options::default()).len(),
    };
    let mut best = f64::MAX;
    let mut found = 0;
    for _ in 0..runs {
        let t = std::time::Instant::now();
        found = once();
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "{mode}: {found} found, best of {runs}: {:.1} ms",
        best * 1e3
    );
}
