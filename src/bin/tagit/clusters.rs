//! `tagit clusters`: learns the word clusters (`model/clusters.tsv`) from unlabelled Hebrew
//! and the training corpora's text; `tagit train` reads them into the model's lexicon.
//! Deterministic: run again, it writes the same file byte for byte.

use crate::args::Args;
use std::collections::HashSet;
use std::path::PathBuf;
use std::time::Instant;
use tagit::corpus::sets::{self, EvalSet, TrainSets};
use tagit::corpus::{LabelMap, read_bmes};
use tagit::model::brown;
use tagit::model::clusters::{self, Corpus, Settings};

const HELP: &str = "usage: tagit clusters [--data DIR] [--out FILE] [--min-count N] [--contexts N]
                      [--iterations N] [--brown C [--brown-cut] [--brown-paths FILE]]

  --data DIR       the shared data folder (default ../shared/data)
  --out FILE       where to write the table (default model/clusters.tsv)
  --min-count N    words seen fewer times get no cluster (default 5)
  --contexts N     how many of the most frequent tokens are contexts (default 2000)
  --iterations N   k-means iterations per split (default 15)
  --brown C        Brown clusters instead (Liang's windowed algorithm with C active
                   clusters; src/model/brown.rs): the first 10 bits of each word's
                   bit string, zero padded. An experiment (12 s for C = 256, 100 s for 1,000)
  --brown-cut      with --brown: number the subtrees of a cut of the tree instead (16,
                   each split in up to 8, each in up to 8, heaviest first; brown.rs)
  --brown-paths FILE  with --brown: also write every token's whole bit string
                   (bits<TAB>token<TAB>count, by bits then frequency, as wcluster's paths)";

/// Where a table's text comes from, for its header.
const SOURCES: &str = "Learned from ../shared/data/unlabelled (Knesset titles CC BY-SA 4.0, \
Hebrew Wikipedia sentences
CC BY-SA 3.0, HeQ CC BY 4.0) and the train splits of NEMO (CC BY-NC-SA 4.0), BMC split 1 and
IAHLT Knesset (CC BY 4.0); no dev or test sentence.";

/// The unlabelled text files, in the order they are read.
const UNLABELLED: [&str; 3] = [
    "knesset-titles.txt",
    "hewiki-sentences.txt",
    "heq-contexts.txt",
];

/// Runs `tagit clusters` with the arguments after the command name.
pub fn run(args: &[String]) -> Result<(), String> {
    let mut data = PathBuf::from("../shared/data");
    let mut out = PathBuf::from("model/clusters.tsv");
    let mut s = Settings::default();
    let mut brown_clusters: Option<usize> = None;
    let mut brown_paths: Option<PathBuf> = None;
    let mut brown_cut = false;
    let mut args = Args::new(args, HELP);
    while let Some(flag) = args.next_flag() {
        match flag {
            "--data" => data = PathBuf::from(args.value()?),
            "--out" => out = PathBuf::from(args.value()?),
            "--min-count" => s.min_count = args.parse()?,
            "--contexts" => s.contexts = args.parse()?,
            "--iterations" => s.iterations = args.parse()?,
            "--brown" => brown_clusters = Some(args.parse()?),
            "--brown-paths" => brown_paths = Some(PathBuf::from(args.value()?)),
            "--brown-cut" => brown_cut = true,
            other => return args.help_or_unknown(other),
        }
    }
    let t0 = Instant::now();
    crate::args::data_folder(&data)?;
    // Every evaluation sentence (dev and test of every set), by its letters.
    let mut held_out: HashSet<String> = HashSet::new();
    let mut hold = |words: &[String]| held_out.insert(clusters::letters_key(&words.join(" ")));
    for set in EvalSet::ALL {
        for sentence in set.load(&data)? {
            hold(&sentence.words);
        }
    }
    for split in 1..=3 {
        for part in ["dev", "test"] {
            let f = data.join(format!("bmc/bmc_split.{part}.{split}.bmes"));
            for sentence in read_bmes(&f, LabelMap::BmcEval)? {
                hold(&sentence.words);
            }
        }
    }
    let knesset_dev = data.join("iahlt-knesset/he_iahltknesset-ne-ud-dev.jsonl");
    for sentence in tagit::corpus::read_iahlt_jsonl(&knesset_dev)? {
        hold(&sentence.words);
    }
    let mut corpus = Corpus::default();
    for name in UNLABELLED {
        let f = data.join("unlabelled").join(name);
        let text = std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?;
        for line in text.lines() {
            corpus.add_text(line, &held_out);
        }
    }
    // The training corpora's train splits (copies of held-out sentences dropped).
    let (train, _) = sets::training(
        &data,
        TrainSets {
            nemo_dev: false,
            bmc: true,
            knesset: true,
        },
    )?;
    for sentence in &train {
        corpus.add_tokens(&sentence.words);
    }
    eprintln!(
        "{} unlabelled lines dropped as copies of evaluation sentences",
        corpus.dropped
    );
    let mut progress = |m: &str| eprintln!("[{:6.1}s] {m}", t0.elapsed().as_secs_f64());
    let (table, about) = match brown_clusters {
        None => {
            let table = clusters::learn(&corpus, &s, &mut progress);
            let about = format!(
                "Word clusters for tagit's model (tagit clusters; src/model/clusters.rs): word, then a
{}-bit path in a tree of {:?} classes (its 4-, 7- and 10-bit prefixes are three granularities).
{SOURCES} Settings: min count {}, {} contexts,
{} iterations. {} words.",
                clusters::PATH_BITS,
                clusters::BRANCHING,
                s.min_count,
                s.contexts,
                s.iterations,
                table.len()
            );
            (table, about)
        }
        Some(c) => {
            let bs = brown::Settings {
                clusters: c,
                min_count: s.min_count,
            };
            let placed = brown::learn_bits(&corpus, &bs, &mut progress);
            if let Some(file) = &brown_paths {
                let mut sorted: Vec<&brown::Placed> = placed.iter().collect();
                sorted.sort_by(|a, b| a.bits.cmp(&b.bits)); // stable: frequency order within
                let text: String = sorted
                    .iter()
                    .map(|p| format!("{}\t{}\t{}\n", p.bits, p.form, p.count))
                    .collect();
                std::fs::write(file, text).map_err(|e| format!("{}: {e}", file.display()))?;
            }
            let table = brown::table(&placed, brown_cut);
            let encoding = if brown_cut {
                "the number of its subtree in a cut of the tree: 16 subtrees (the heaviest split
first), each split into up to 8, each of those into up to 8; path bits 4 + 3 + 3"
            } else {
                "the first 10 bits of its bit string in the tree, zero padded"
            };
            let about = format!(
                "Brown word clusters (tagit clusters --brown {c}{}; src/model/brown.rs): word, then a
{}-bit path: {encoding}.
Merge tree: Liang's windowed algorithm, {c} active clusters. Its 4-, 7- and 10-bit prefixes are
three granularities.
{SOURCES} Settings: min count {}. {} words.",
                if brown_cut { " --brown-cut" } else { "" },
                clusters::PATH_BITS,
                s.min_count,
                table.len()
            );
            (table, about)
        }
    };
    std::fs::write(&out, clusters::to_tsv(&table, &about))
        .map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!(
        "wrote {} ({} words) in {:.1}s",
        out.display(),
        table.len(),
        t0.elapsed().as_secs_f64()
    );
    Ok(())
}
