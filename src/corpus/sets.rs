//! The named data sets: which files make the training data and each evaluation set.

use super::{LabelMap, Sentence, conllu, read_bmes, read_iahlt_jsonl, read_nemo};
use std::collections::HashSet;
use std::path::Path;

/// Which corpora go into training.
#[derive(Clone, Copy, Debug)]
pub struct TrainSets {
    /// Add NEMO dev (the final fit, after settings were chosen on dev); without it, copies
    /// of NEMO dev and BMC split-1 dev sentences are dropped from every corpus, so both can
    /// be scored.
    pub nemo_dev: bool,
    /// Add BMC split-1 train.
    pub bmc: bool,
    /// Add IAHLT Knesset train.
    pub knesset: bool,
}

/// Loads the training sentences, and how many were dropped as copies of held-out ones.
///
/// The corpora overlap: BMC and NEMO both sample Haaretz news, and about 40% of BMC
/// split-1 test also appears in NEMO train/dev, while BMC split-1 train holds 60% of NEMO
/// dev. So every training sentence whose tokens equal a BMC split-1 test sentence (always)
/// or a NEMO dev or BMC split-1 dev sentence (when dev is held out: both are the selection
/// sets) is dropped. NEMO test shares no sentence with any training set.
pub fn training(data: &Path, sets: TrainSets) -> Result<(Vec<Sentence>, usize), String> {
    let mut held_out: HashSet<Vec<String>> = HashSet::new();
    for s in read_bmes(&data.join("bmc/bmc_split.test.1.bmes"), LabelMap::BmcEval)? {
        held_out.insert(s.words);
    }
    if !sets.nemo_dev {
        for s in read_nemo(&data.join("nemo/spmrl"), "dev")? {
            held_out.insert(s.words);
        }
        for s in read_bmes(&data.join("bmc/bmc_split.dev.1.bmes"), LabelMap::BmcEval)? {
            held_out.insert(s.words);
        }
    }
    let all = training_all(data, sets)?;
    let before = all.len();
    let kept: Vec<Sentence> = all
        .into_iter()
        .filter(|s| !held_out.contains(&s.words))
        .collect();
    let dropped = before - kept.len();
    Ok((kept, dropped))
}

fn training_all(data: &Path, sets: TrainSets) -> Result<Vec<Sentence>, String> {
    let nemo = data.join("nemo/spmrl");
    let mut out = read_nemo(&nemo, "train")?;
    if sets.nemo_dev {
        out.extend(read_nemo(&nemo, "dev")?);
    }
    if sets.bmc {
        out.extend(read_bmes(
            &data.join("bmc/bmc_split.train.1.bmes"),
            LabelMap::BmcTrain,
        )?);
    }
    if sets.knesset {
        out.extend(read_iahlt_jsonl(
            &data.join("iahlt-knesset/he_iahltknesset-ne-ud-train.jsonl"),
        )?);
    }
    Ok(out)
}

/// An evaluation set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EvalSet {
    /// NEMO spmrl dev, token level (for choosing settings).
    NemoDev,
    /// NEMO spmrl test, token level.
    NemoTest,
    /// BMC split-1 test, PER ORG LOC.
    BmcTest,
    /// BMC split-1 dev, PER ORG LOC (for choosing settings).
    BmcDev,
    /// IAHLT Knesset test.
    KnessetTest,
    /// IAHLT wiki dev and test together.
    Wiki,
}

impl EvalSet {
    /// Every evaluation set (dev and test).
    pub const ALL: [EvalSet; 6] = [
        EvalSet::NemoDev,
        EvalSet::NemoTest,
        EvalSet::BmcDev,
        EvalSet::BmcTest,
        EvalSet::KnessetTest,
        EvalSet::Wiki,
    ];

    /// A short name for tables and JSON.
    pub fn name(self) -> &'static str {
        match self {
            EvalSet::NemoDev => "nemo-dev",
            EvalSet::NemoTest => "nemo-test",
            EvalSet::BmcTest => "bmc1-test",
            EvalSet::BmcDev => "bmc1-dev",
            EvalSet::KnessetTest => "knesset-test",
            EvalSet::Wiki => "wiki-devtest",
        }
    }

    /// Loads the set's sentences.
    pub fn load(self, data: &Path) -> Result<Vec<Sentence>, String> {
        match self {
            EvalSet::NemoDev => read_nemo(&data.join("nemo/spmrl"), "dev"),
            EvalSet::NemoTest => read_nemo(&data.join("nemo/spmrl"), "test"),
            EvalSet::BmcTest => {
                read_bmes(&data.join("bmc/bmc_split.test.1.bmes"), LabelMap::BmcEval)
            }
            EvalSet::BmcDev => read_bmes(&data.join("bmc/bmc_split.dev.1.bmes"), LabelMap::BmcEval),
            EvalSet::KnessetTest => {
                read_iahlt_jsonl(&data.join("iahlt-knesset/he_iahltknesset-ne-ud-test.jsonl"))
            }
            EvalSet::Wiki => {
                let mut s =
                    conllu::read_conllu(&data.join("iahlt-wiki/he_iahltwiki-ud-dev.conllu"))?;
                s.extend(conllu::read_conllu(
                    &data.join("iahlt-wiki/he_iahltwiki-ud-test.conllu"),
                )?);
                Ok(s)
            }
        }
    }
}
