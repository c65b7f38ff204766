//! `tagit train`: trains the entity model from `../shared/data` and writes the model file.
//!
//! The default run is the final fit that produced the committed `model/tagit-ner.bin`
//! (NEMO train+dev, BMC split-1 train, IAHLT Knesset train). `--dev` leaves NEMO dev and
//! BMC split-1 dev out and scores them, for choosing settings.

use crate::args::Args;
use std::path::PathBuf;
use std::time::Instant;
use tagit::corpus::sets::{self, EvalSet, TrainSets};
use tagit::model::EntityModel;
use tagit::model::train::{self, Config};

const HELP: &str =
    "usage: tagit train [--data DIR] [--out FILE] [--epochs N] [--dev] [--no-bmc] [--no-knesset]

  --data DIR     the shared data folder (default ../shared/data)
  --out FILE     where to write the model (default model/tagit-ner.bin)
  --epochs N     perceptron passes (default 12)
  --dev          train without NEMO dev and BMC split-1 dev, and report their scores
                 (settings search)
  --no-bmc       leave BMC split-1 train out
  --no-knesset   leave IAHLT Knesset train out
  --min-zipf Z   lowest word frequency kept in the lexicon (default 3.0)
  --bias B       perceptron units added to every non-O tag when decoding (default 2)
  --min-feature-count N  drop token features seen fewer times (default 4)
  --shuffle-seed S  seed of the sentence order (default 1592598566; made odd, so
                    2k and 2k+1 give the same order)
  --fragment-every N  every Nth training sentence loses its final punctuation (default 3; 0 off)
  --folds K      jackknife folds for the document memory (default 0: gold tags)
  --no-dist-class  no distributional classes (which of a word's inflected and prefixed
                 forms the frequency list holds) in the lexicon, nor their features
  --min-weight W       prune quantised weights below W (default 1)
  --quantile Q         weight quantile (per mille) mapped to 127 (default 999)
  --min-name-count N   names with fewer bearers stay out of the name lists (default 20)
  --name-word-gap Z    a word whose log10 bearers as a name are more than Z below its Zipf
                       frequency loses that name bit (default off; 2 was tried)
  --clusters FILE       word clusters to use (default model/clusters.tsv, made by
                       `tagit clusters`)
  --no-clusters        no word clusters in the lexicon, nor their features
  --no-gazetteers      leave the imported name lists (gazetteers/) out of the phrase table
  --knowledge FILE     the knowledge list (default model/knowledge-he.tsv)
  --no-knowledge       no knowledge list";

/// Runs `tagit train` with the arguments after the command name.
pub fn run(args: &[String]) -> Result<(), String> {
    let mut data = PathBuf::from("../shared/data");
    let mut out = PathBuf::from("model/tagit-ner.bin");
    let mut cfg = Config::default();
    let mut sets = TrainSets {
        nemo_dev: true,
        bmc: true,
        knesset: true,
    };
    let mut args = Args::new(args, HELP);
    while let Some(flag) = args.next_flag() {
        match flag {
            "--data" => data = PathBuf::from(args.value()?),
            "--out" => out = PathBuf::from(args.value()?),
            "--epochs" => cfg.epochs = args.parse()?,
            "--min-zipf" => cfg.min_zipf = args.parse()?,
            "--min-weight" => cfg.min_weight = args.parse()?,
            "--quantile" => cfg.quantile = args.parse()?,
            "--min-name-count" => cfg.min_name_count = args.parse()?,
            "--name-word-gap" => cfg.name_word_gap = Some(args.parse()?),
            "--clusters" => cfg.clusters = Some(PathBuf::from(args.value()?)),
            "--no-clusters" => cfg.clusters = None,
            "--no-gazetteers" => cfg.gazetteers = false,
            "--knowledge" => cfg.knowledge = Some(PathBuf::from(args.value()?)),
            "--no-knowledge" => cfg.knowledge = None,
            "--bias" => cfg.entity_bias = args.parse()?,
            "--min-feature-count" => cfg.min_feature_count = args.parse()?,
            "--shuffle-seed" => cfg.shuffle_seed = args.parse()?,
            "--fragment-every" => cfg.fragment_every = args.parse()?,
            "--folds" => cfg.folds = args.parse()?,
            "--no-dist-class" => cfg.dist_class = false,
            "--dev" => sets.nemo_dev = false,
            "--no-bmc" => sets.bmc = false,
            "--no-knesset" => sets.knesset = false,
            other => return args.help_or_unknown(other),
        }
    }
    let t0 = Instant::now();
    crate::args::data_folder(&data)?;
    let (sentences, dropped) = sets::training(&data, sets)?;
    eprintln!(
        "training on {} sentences ({dropped} dropped as copies of held-out sentences)",
        sentences.len()
    );
    let lexicon = train::build_lexicon(&data, &sentences, &cfg)?;
    let bytes = train::train(&sentences, lexicon, &cfg, &mut |m| {
        eprintln!("[{:6.1}s] {m}", t0.elapsed().as_secs_f64())
    });
    std::fs::write(&out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!(
        "wrote {} ({} bytes) in {:.1}s",
        out.display(),
        bytes.len(),
        t0.elapsed().as_secs_f64()
    );
    if !sets.nemo_dev {
        let model = EntityModel::from_bytes(Box::leak(bytes.into_boxed_slice()))
            .map_err(|e| e.to_string())?;
        let known = tagit::eval::known_mentions(&sentences);
        for set in [EvalSet::NemoDev, EvalSet::BmcDev] {
            let s = tagit::eval::score_set(&model, set, &data, Some(&known))?;
            println!(
                "{} token-level: P {:.2} R {:.2} F1 {:.2}; prefix accuracy {}/{}",
                set.name(),
                s.overall.precision(),
                s.overall.recall(),
                s.overall.f1(),
                s.prefix_right,
                s.prefix_known
            );
            for (l, c) in &s.per_label {
                println!("  {l:4} F1 {:6.2}  (gold {})", c.f1(), c.gold);
            }
            println!(
                "{} recall: seen {:.2} ({}/{}), unseen {:.2} ({}/{})",
                set.name(),
                s.seen.recall(),
                s.seen.tp,
                s.seen.gold,
                s.unseen.recall(),
                s.unseen.tp,
                s.unseen.gold
            );
        }
    }
    Ok(())
}
