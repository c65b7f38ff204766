//! Helpers shared by the native integration tests (each file in `tests/` is its own crate,
//! so they include this module with `mod common;`).

use std::process::{Child, Command, Stdio};

/// `tagit annotate <args>`, the binary cargo built for these tests, with its three streams
/// piped.
pub fn spawn_annotate(args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_tagit"))
        .arg("annotate")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("tagit runs")
}
