//! The `tagit annotate --jsonl` contract, which outside evaluation depends on.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use std::io::Write;
use std::process::Output;

mod common;

use common::spawn_annotate;

fn annotate(args: &[&str], input: &str) -> Output {
    let mut child = spawn_annotate(args);
    // A run that fails on its arguments (a bad --dictionary) may exit before reading its
    // input: the pipe closing then is not the test's failure.
    let written = child.stdin.take().unwrap().write_all(input.as_bytes());
    if let Err(e) = written {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
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
        // The stable fields, then the entity's where a list names the mention.
        assert_eq!(keys[..5], ["start", "end", "label", "text", "value"]);
        assert!(keys.len() == 5 || keys[5..] == ["canonical", "link", "entityId"]);
    }
    let putin = entities
        .iter()
        .find(|e| e["text"] == "ולדימיר פוטין")
        .unwrap();
    assert_eq!(
        putin["link"],
        "https://he.wikipedia.org/wiki/%D7%95%D7%9C%D7%93%D7%99%D7%9E%D7%99%D7%A8_%D7%A4%D7%95%D7%98%D7%99%D7%9F"
    );
}

#[test]
fn a_dictionary_adds_relabels_and_suppresses_and_a_bad_one_is_refused() {
    let dir = std::env::temp_dir().join(format!("tagit-cli-dict-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("good.json");
    std::fs::write(
        &good,
        r#"{"entries": [
            {"text": "שמעון פנחסי", "variants": ["פנחסי"], "label": "PER", "id": "c-17",
             "link": "https://example.com/writers/pinchasi"},
            {"label": "DATE", "ignore": true}
        ]}"#,
    )
    .unwrap();
    let text = "הכתב שמעון פנחסי דיווח מירושלים ב-7 באוקטובר. ולפנחסי יש טור.";
    let input = serde_json::json!({"id": 1, "text": text}).to_string();
    let out = annotate(&["--jsonl", "--dictionary", good.to_str().unwrap()], &input);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = lines(&out);
    let entities = got[0]["entities"].as_array().unwrap();
    let found: Vec<(&str, &str)> = entities
        .iter()
        .map(|e| (e["text"].as_str().unwrap(), e["label"].as_str().unwrap()))
        .collect();
    assert!(found.contains(&("שמעון פנחסי", "PER")), "{found:?}");
    assert!(
        found.contains(&("פנחסי", "PER")),
        "prefix outside: {found:?}"
    );
    assert!(found.iter().all(|(_, l)| *l != "DATE"), "{found:?}");
    let p = entities.iter().find(|e| e["text"] == "פנחסי").unwrap();
    assert_eq!(
        (p["canonical"].as_str(), p["entityId"].as_str()),
        (Some("שמעון פנחסי"), Some("c-17"))
    );

    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"[{"text": "רון", "label": "PERSON"}]"#).unwrap();
    let out = annotate(&["--jsonl", "--dictionary", bad.to_str().unwrap()], &input);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("entry 1 (\"רון\"): unknown label \"PERSON\""),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
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

#[test]
fn threads_keep_the_order_and_the_output() {
    let mut lines: Vec<String> = (0..300)
        .map(|i| {
            serde_json::json!({"id": i, "text": format!("ביום שלישי, {} במרץ 2024, נפגש ולדימיר פוטין עם סשה טרופנוב.", i % 28 + 1)})
                .to_string()
        })
        .collect();
    lines.insert(150, "not json".into());
    lines.insert(200, String::new());
    let input = lines.join("\n");
    let one = annotate(&["--jsonl", "--threads", "1"], &input);
    let two = annotate(&["--jsonl", "--threads", "2"], &input);
    let four = annotate(&["--jsonl", "--threads", "4"], &input);
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(one.stdout, four.stdout);
    assert_eq!(
        one.stderr, two.stderr,
        "the same error, with the same line number"
    );
    let got = self::lines(&one);
    assert_eq!(got.len(), 301, "every line but the blank one is answered");
    assert_eq!(
        got[150]["error"]
            .as_str()
            .map(|e| e.starts_with("not valid JSON")),
        Some(true)
    );
    let ids: Vec<i64> = got.iter().filter_map(|v| v["id"].as_i64()).collect();
    assert_eq!(ids, (0..300).collect::<Vec<_>>(), "input order");
    assert!(String::from_utf8_lossy(&one.stderr).contains("line 151:"));
    let zero = annotate(&["--jsonl", "--threads", "0"], &input);
    assert!(!zero.status.success());
}
