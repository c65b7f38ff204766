//! `tagit`: the command-line face of the annotator.
//!
//! ```text
//! tagit annotate [--jsonl] [--dct YYYY-MM-DD]   annotate stdin
//! tagit clusters [...]                          learn the word clusters (model/clusters.tsv)
//! tagit dictionary [...]                        check a site dictionary, or make one from feedback
//! tagit train [...]                             train the model (see `tagit train --help`)
//! tagit eval [...]                              score the model on the test sets
//! ```

// The CLI is native only; `wasm-pack test` builds every target for wasm32, so there the
// binary is an empty stub.
#![cfg_attr(target_arch = "wasm32", allow(dead_code, unused_imports))]

#[cfg(not(target_arch = "wasm32"))]
mod annotate;
#[cfg(not(target_arch = "wasm32"))]
mod args;
#[cfg(not(target_arch = "wasm32"))]
mod clusters;
#[cfg(not(target_arch = "wasm32"))]
mod dictionary;
#[cfg(not(target_arch = "wasm32"))]
mod eval;
#[cfg(not(target_arch = "wasm32"))]
mod html;
#[cfg(not(target_arch = "wasm32"))]
mod ordered;
#[cfg(not(target_arch = "wasm32"))]
mod train;

use std::process::ExitCode;

#[cfg(target_arch = "wasm32")]
fn main() {}

const USAGE: &str = "usage: tagit <command> [options]

commands:
  annotate   find entities and dates in text read from stdin
  clusters   learn the word clusters from ../shared/data (model/clusters.tsv)
  dictionary check a site dictionary, or write one from readers' corrections
  train      train the model from ../shared/data
  eval       score the model on the held-out test sets

run `tagit <command> --help` for a command's options";

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (command, rest) = match args.split_first() {
        Some((c, rest)) => (c.as_str(), rest),
        None => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let result = match command {
        "annotate" => annotate::run(rest),
        "clusters" => clusters::run(rest),
        "dictionary" => dictionary::run(rest),
        "train" => train::run(rest),
        "eval" => eval::run(rest),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command {other:?}\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("tagit {command}: {message}");
            ExitCode::FAILURE
        }
    }
}
