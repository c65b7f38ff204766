//! CI floors: the embedded model may not score more than 0.5 F1 points below the scores
//! committed with it in `model/scores.json` (written by `tagit eval`).
//!
//! Needs the corpora in `../shared/data`; without them the test says so and passes.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;
use tagit::corpus::sets::EvalSet;
use tagit::model::EntityModel;

const TOLERANCE: f64 = 0.5;

#[test]
fn headline_scores_hold() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let data = root.join("../shared/data");
    if !data.join("nemo/spmrl").exists() {
        eprintln!("SKIPPED model floors: {} not found", data.display());
        return;
    }
    let committed: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("model/scores.json")).expect("model/scores.json"),
    )
    .expect("valid JSON");
    let model = EntityModel::try_builtin().expect("embedded model parses");
    let mut failures = Vec::new();
    for set in [
        EvalSet::NemoTest,
        EvalSet::BmcTest,
        EvalSet::KnessetTest,
        EvalSet::Wiki,
    ] {
        let floor = committed[set.name()]["overall"]["f1"]
            .as_f64()
            .expect("committed overall F1")
            - TOLERANCE;
        let got = tagit::eval::score_set(model, set, &data, None)
            .expect("data readable")
            .overall
            .f1();
        eprintln!("{:14} F1 {got:6.2} (floor {floor:6.2})", set.name());
        if got < floor {
            failures.push(format!("{}: F1 {got:.2} < floor {floor:.2}", set.name()));
        }
    }
    assert!(failures.is_empty(), "{failures:?}");
}
