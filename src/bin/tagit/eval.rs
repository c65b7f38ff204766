//! `tagit eval`: scores the entity model on the held-out test sets with NEMO's metric,
//! prints a table and writes a JSON summary; `--speed` measures tokens per second.

use crate::args::Args;
use std::path::PathBuf;
use std::time::Instant;
use tagit::corpus::sets::{self, EvalSet, TrainSets};
use tagit::model::EntityModel;

const HELP: &str =
    "usage: tagit eval [--data DIR] [--model FILE] [--json FILE] [--dev] [--speed] [--annotator]
       tagit eval --dates [FILE] [--misses]

  --data DIR    the shared data folder (default ../shared/data)
  --model FILE  a model file (default: the model embedded in this build)
  --json FILE   also write the scores as JSON (default model/scores.json; '-' for none)
  --dev         score NEMO dev and BMC split-1 dev as well
  --speed       measure tokens/second, bare model and whole annotator, on the demo article
                and on it repeated to 1 MB
  --annotator   score the whole product path (tagit::Annotator::around the model: one
                sense per document, the places list, dates in overlap resolution) instead
                of the bare model
  --demo FILE   the demo article (default ../shared/demo/article-he.txt)
  --dates FILE  score the temporal expressions of a held-out table (default
                tests/fixtures/dates-heldout.tsv) through the whole annotator: overlap and
                exact-span F1, value accuracy, named events, per phenomenon; needs no data
                folder. --misses also prints every line that went wrong";

/// The sets reported.
const SETS: [EvalSet; 4] = [
    EvalSet::NemoTest,
    EvalSet::BmcTest,
    EvalSet::KnessetTest,
    EvalSet::Wiki,
];

/// Runs `tagit eval` with the arguments after the command name.
pub fn run(args: &[String]) -> Result<(), String> {
    let mut data = PathBuf::from("../shared/data");
    let mut model_path: Option<PathBuf> = None;
    let mut json = Some(PathBuf::from("model/scores.json"));
    let mut demo = PathBuf::from("../shared/demo/article-he.txt");
    let mut dev = false;
    let mut speed = false;
    let mut whole = false;
    let mut dates: Option<PathBuf> = None;
    let mut misses = false;
    let mut args = Args::new(args, HELP);
    while let Some(flag) = args.next_flag() {
        match flag {
            "--data" => data = PathBuf::from(args.value()?),
            "--model" => model_path = Some(PathBuf::from(args.value()?)),
            "--json" => json = Some(args.value()?).filter(|v| v != "-").map(PathBuf::from),
            "--demo" => demo = PathBuf::from(args.value()?),
            "--dev" => dev = true,
            "--speed" => speed = true,
            "--annotator" => whole = true,
            "--dates" => {
                dates = Some(match args.optional_value() {
                    Some(v) => PathBuf::from(v),
                    None => PathBuf::from("tests/fixtures/dates-heldout.tsv"),
                })
            }
            "--misses" => misses = true,
            other => return args.help_or_unknown(other),
        }
    }
    if let Some(path) = dates {
        return score_dates(&path, misses);
    }
    crate::args::data_folder(&data)?;
    let model: &EntityModel = match &model_path {
        Some(p) => crate::args::model_file(p)?,
        None => EntityModel::try_builtin().map_err(|e| e.to_string())?,
    };
    // The product path around the model being scored (the embedded one by default).
    let annotator = tagit::Annotator::around(model);
    let mut sets: Vec<EvalSet> = SETS.to_vec();
    if dev {
        sets.insert(0, EvalSet::BmcDev);
        sets.insert(0, EvalSet::NemoDev);
    }
    // Gold mentions whose string the training mix labels are "seen": the shipped mix for
    // the test sets, the dev protocol's (`tagit train --dev`) for the dev sets.
    let known_in = |nemo_dev: bool| -> Result<tagit::eval::Known, String> {
        let sets = TrainSets {
            nemo_dev,
            bmc: true,
            knesset: true,
        };
        Ok(tagit::eval::known_mentions(&sets::training(&data, sets)?.0))
    };
    let known_test = known_in(true)?;
    let known_dev = if dev {
        known_in(false)?
    } else {
        Default::default()
    };
    let known = |set: EvalSet| match set {
        EvalSet::NemoDev | EvalSet::BmcDev => &known_dev,
        _ => &known_test,
    };
    let mut summary = serde_json::Map::new();
    println!(
        "{:14} {:6} {:>7} {:>7} {:>7} {:>6}",
        "set", "label", "P", "R", "F1", "gold"
    );
    for set in sets {
        let s = if whole {
            tagit::eval::score_annotator(&annotator, set, &data, Some(known(set)))?
        } else {
            tagit::eval::score_set(model, set, &data, Some(known(set)))?
        };
        let mut entry = serde_json::Map::new();
        let row = |name: &str, c: &tagit::eval::Counts| {
            println!(
                "{:14} {:6} {:7.2} {:7.2} {:7.2} {:6}",
                set.name(),
                name,
                c.precision(),
                c.recall(),
                c.f1(),
                c.gold
            );
            serde_json::json!({"p": round2(c.precision()), "r": round2(c.recall()), "f1": round2(c.f1()), "gold": c.gold, "pred": c.pred, "tp": c.tp})
        };
        entry.insert("overall".into(), row("ALL", &s.overall));
        for (l, c) in &s.per_label {
            entry.insert(l.as_str().into(), row(l.as_str(), c));
        }
        for (name, c) in [("seen", &s.seen), ("unseen", &s.unseen)] {
            println!(
                "{:14} recall on {name:6} mentions (string {} labelled in training): {:6.2} ({}/{})",
                set.name(),
                if name == "seen" { "is" } else { "never" },
                c.recall(),
                c.tp,
                c.gold
            );
            entry.insert(
                format!("recall_{name}"),
                serde_json::json!({"r": round2(c.recall()), "tp": c.tp, "gold": c.gold}),
            );
        }
        if s.prefix_known > 0 {
            let acc = 100.0 * s.prefix_right as f64 / s.prefix_known as f64;
            println!(
                "{:14} prefix boundary accuracy on correct mentions: {:.2}% ({}/{})",
                set.name(),
                acc,
                s.prefix_right,
                s.prefix_known
            );
            entry.insert("prefix_accuracy".into(), serde_json::json!(round2(acc)));
        }
        summary.insert(set.name().into(), serde_json::Value::Object(entry));
    }
    let bytes = model_path
        .as_ref()
        .and_then(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .unwrap_or(tagit::model::builtin_size() as u64);
    summary.insert("model_bytes".into(), serde_json::json!(bytes));
    if speed {
        let tps = measure_speed(model, &annotator, &demo)?;
        summary.insert("tokens_per_second".into(), serde_json::json!(tps.round()));
    }
    if let Some(p) = json {
        let text = serde_json::to_string_pretty(&serde_json::Value::Object(summary))
            .map_err(|e| e.to_string())?;
        std::fs::write(&p, text + "\n").map_err(|e| format!("{}: {e}", p.display()))?;
        eprintln!("wrote {}", p.display());
    }
    Ok(())
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// Tokens per second (tokenising included) on the demo article and on the demo article
/// repeated to 1 MB, of the bare entity model and of the whole annotator (model, dates,
/// gap-fillers, overlap resolution). Each figure is the best of several runs (the machine
/// may be shared); returns the bare model's on 1 MB, the issue's headline figure.
fn measure_speed(
    model: &EntityModel,
    annotator: &tagit::Annotator,
    demo: &std::path::Path,
) -> Result<f64, String> {
    use tagit::Recognizer;
    let article = std::fs::read_to_string(demo).map_err(|e| format!("{}: {e}", demo.display()))?;
    let mut text = String::with_capacity(1 << 20);
    while text.len() < 1 << 20 {
        text.push_str(&article);
        text.push('\n');
    }
    let options = tagit::Options::default();
    let mut headline = 0.0;
    for (name, text, runs) in [("demo article", article.as_str(), 30), ("1 MB", &text, 3)] {
        let tokens = tagit::text::Document::new(text).len();
        let best = |f: &dyn Fn() -> usize| {
            let mut best = f64::MAX;
            let mut found = 0;
            for _ in 0..runs {
                let t = Instant::now();
                found = f();
                best = best.min(t.elapsed().as_secs_f64());
            }
            (best, found)
        };
        let (bare, mentions) = best(&|| {
            let doc = tagit::text::Document::new(text);
            let mut out = Vec::new();
            model.recognize(&doc, &mut out);
            out.len()
        });
        let (whole, spans) = best(&|| annotator.annotate(text, &options).len());
        println!(
            "speed, {name}: {} bytes, {tokens} tokens; bare model {mentions} mentions in {:.2} ms \
             = {:.0} tokens/s; whole annotator {spans} spans in {:.2} ms = {:.0} tokens/s \
             (best of {runs})",
            text.len(),
            bare * 1e3,
            tokens as f64 / bare,
            whole * 1e3,
            tokens as f64 / whole
        );
        headline = tokens as f64 / bare;
    }
    Ok(headline)
}

/// `tagit eval --dates`: the held-out temporal table through the whole annotator.
fn score_dates(path: &std::path::Path, misses: bool) -> Result<(), String> {
    let table = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let cases =
        tagit::eval::dates::parse(&table).map_err(|e| format!("{}: {e}", path.display()))?;
    let report = tagit::eval::dates::score(&tagit::Annotator::default(), &cases);
    println!("{} ({} lines)\n", path.display(), cases.len());
    print!("{}", report.table());
    if misses {
        println!("\n{} lines went wrong:", report.misses.len());
        for m in &report.misses {
            println!(
                "\n[{}] {}\n  want: {}\n  got:  {}",
                m.phenomenon, m.text, m.want, m.got
            );
        }
    }
    Ok(())
}
