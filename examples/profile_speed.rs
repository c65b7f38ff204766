//! One run of the bare model or the whole annotator on the demo article repeated to 1 MB,
//! for instruction counts under `valgrind --tool=callgrind` (timings are noisy on a shared
//! machine; instruction counts are not). Usage:
//! `cargo build --release --example profile_speed && valgrind --tool=callgrind
//! target/release/examples/profile_speed bare|whole [article]`.

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
    let found = match mode.as_str() {
        "bare" => {
            let model = tagit::model::EntityModel::try_builtin().expect("the built-in model");
            let doc = tagit::text::Document::new(&text);
            let mut out = Vec::new();
            model.recognize(&doc, &mut out);
            out.len()
        }
        _ => tagit::Annotator::default()
            .annotate(&text, &tagit::Options::default())
            .len(),
    };
    println!("{mode}: {found}");
}
