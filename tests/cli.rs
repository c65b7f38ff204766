//! The `tagit annotate --jsonl` contract, which outside evaluation depends on.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use std::io::Write;
use std::process::Output;

mod common;

use common::spawn_annotate;

fn annotate(args: &[&str], input: &str) -> Output {
    let mut child = spawn_annotate(args);
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("every output line is JSON"))
        .collect()
}

/// Slices `text` by code points, as Python and the contract do.
fn cp_slice(text: &str, start: u64, end: u64) -> String {
    text.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

#[test]
fn offsets_are_code_points_and_text_matches_the_slice() {
    let text = "👋🏽 שָׁלוֹם, סשה טרופנוב 🇮🇱 ולדימיר פוטין";
    let input = serde_json::json!({"id": "x", "text": text}).to_string();
    let out = annotate(&["--jsonl"], &input);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = lines(&out);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["id"], "x");
    let entities = got[0]["entities"].as_array().unwrap();
    assert!(!entities.is_empty(), "the names are found");
    for e in entities {
        let (s, t) = (e["start"].as_u64().unwrap(), e["end"].as_u64().unwrap());
        assert_eq!(cp_slice(text, s, t), e["text"].as_str().unwrap());
        let keys: Vec<&String> = e.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["start", "end", "label", "text", "value"]);
    }
}

#[test]
fn malformed_lines_are_reported_and_the_rest_processed_in_order() {
    let input = [
        r#"{"id": "1", "text": "סשה טרופנוב"}"#,
        r#"{"id": "2", "text": 7}"#,
        "this is not json",
        "",
        r#"{"id": "4", "text": "שלום", "dct": "2023-02-30"}"#,
        r#"{"id": 5, "text": "", "dct": "2023-10-07"}"#,
    ]
    .join("\n");
    let out = annotate(&["--jsonl"], &input);
    assert!(
        !out.status.success(),
        "failed lines make the exit status non-zero"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    for n in ["line 2:", "line 3:", "line 5:"] {
        assert!(stderr.contains(n), "stderr names {n}: {stderr}");
    }
    let got = lines(&out);
    let ids: Vec<&Value> = got.iter().map(|l| &l["id"]).collect();
    assert_eq!(
        ids,
        [
            &Value::from("1"),
            &Value::from("2"),
            &Value::Null,
            &Value::from("4"),
            &Value::from(5)
        ]
    );
    assert!(got[0]["entities"].is_array() && got[4]["entities"].as_array().unwrap().is_empty());
    assert!(
        got[1]["error"].is_string() && got[2]["error"].is_string() && got[3]["error"].is_string()
    );
}

#[test]
fn bad_options_fail_clearly() {
    let out = annotate(&["--labels", "PER,NOPE"], "");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("NOPE"));
}

/// `tagit eval` and `tagit train` with a wrong `--data`: one line saying so, nothing on
/// stdout (no half-printed table), a failing status.
#[test]
fn a_wrong_data_folder_fails_before_any_output() {
    for command in ["eval", "train"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_tagit"))
            .args([command, "--data", "/nonexistent/data"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{command}");
        assert!(out.stdout.is_empty(), "{command}: {:?}", out.stdout);
        assert!(
            stderr.contains("not the shared data folder"),
            "{command}: {stderr}"
        );
    }
}

#[test]
fn plain_mode_prints_tab_separated_spans() {
    let out = annotate(&["--labels", "PER"], "אמרה ספיר כהן");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "5\t13\tPER\tספיר כהן\t\n"
    );
}

/// `tagit annotate < archive | head`: a reader that goes away ends the run quietly and
/// successfully, as Unix filters do, instead of reporting a broken pipe.
#[test]
fn a_reader_closing_the_pipe_is_not_an_error() {
    let line = r#"{"id": 1, "text": "ולדימיר פוטין ביקר במוסקבה ב-7 באוקטובר 2024."}"#;
    let input = format!("{line}\n").repeat(20_000);
    let mut child = spawn_annotate(&["--jsonl"]);
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let mut first = [0u8; 64];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
