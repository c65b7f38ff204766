//! `tagit annotate --html`: a page annotated at publish time (docs/publish-time.md).
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::Output;

mod common;

use common::spawn_annotate;

const ARTICLE: &str = include_str!("fixtures/html/article.html");

fn annotate(args: &[&str], input: &[u8]) -> Output {
    let mut child = spawn_annotate(args);
    let written = child.stdin.take().unwrap().write_all(input);
    if let Err(e) = written {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    child.wait_with_output().unwrap()
}

/// The annotated page, checking the run succeeded.
fn page(args: &[&str], input: &str) -> String {
    let out = annotate(args, input.as_bytes());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The failed run's stderr.
fn failure(args: &[&str], input: &[u8]) -> String {
    let out = annotate(args, input);
    assert!(!out.status.success(), "expected a failure");
    assert!(out.stdout.is_empty(), "nothing written on failure");
    String::from_utf8(out.stderr).unwrap()
}

#[path = "common/strip_marks.rs"]
mod strip_marks;
use strip_marks::strip;

/// Each mark's id, label and text (its source, as written), in document order.
fn marks(out: &str) -> Vec<(String, String, String)> {
    out.split("<mark class=\"tagit ")
        .skip(1)
        .map(|rest| {
            let attr = |name: &str| {
                let from = rest.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
                rest[from..from + rest[from..].find('"').unwrap()].to_string()
            };
            let text = &rest[rest.find('>').unwrap() + 1..rest.find("</mark>").unwrap()];
            (
                attr("data-tagit-id"),
                attr("data-tagit-label"),
                text.to_string(),
            )
        })
        .collect()
}

#[test]
fn a_page_round_trips_byte_for_byte_but_for_the_marks() {
    let out = page(&["--html", "--dct", "2025-10-08"], ARTICLE);
    assert_eq!(strip(&out), ARTICLE);
    // The default root is the article body; the digest goes on its start tag.
    assert!(
        out.contains(
            "<div itemprop=\"articleBody\" data-section='world' data-tagit-ahead=\"sha256-"
        )
    );
    let found = marks(&out);
    let has = |label: &str, text: &str| found.iter().any(|(_, l, t)| l == label && t == text);
    // A name split across <b> and <a>: one id, its pieces in three nodes.
    assert_eq!(found[0], ("ahead-1".into(), "PER".into(), "סשה".into()));
    assert_eq!(found[2], ("ahead-1".into(), "PER".into(), "טרופנוב".into()));
    // A reference inside a name stays as written, inside the mark.
    assert!(has("PER", "ולדימיר&nbsp;פוטין"), "{found:?}");
    assert!(has("ORG", "AT&amp;T"), "{found:?}");
    assert!(has("DATE", "יום שלישי, 7 באוקטובר 2025"), "{found:?}");
    // Nothing in the head, scripts, template, code, opt-outs, editors, noscript or footer.
    for skipped in [
        "<title>",
        "<script>",
        "<template",
        "<code>",
        "data-tagit-skip>",
        "contenteditable",
        "<noscript>",
        "<footer>",
    ] {
        let at = out.find(skipped).unwrap();
        let end = at + out[at..].find("</").unwrap();
        assert!(!out[at..end].contains("<mark"), "{skipped}");
    }
    // The same page, the same bytes.
    assert_eq!(page(&["--html", "--dct", "2025-10-08"], ARTICLE), out);
}

/// The marks are what the plain CLI finds in the runs' text joined by newlines, as
/// `annotateElement` sees the article.
#[test]
fn the_marks_are_the_spans_of_the_joined_runs() {
    let paragraphs: Vec<&str> = include_str!("fixtures/demo-article.txt")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    let mut html = String::from("<!doctype html><article>\n");
    for p in &paragraphs {
        html.push_str(&format!("<p>{p}</p>\n"));
    }
    html.push_str("</article>\n");
    let out = page(&["--html", "--dct", "2024-06-01"], &html);
    assert_eq!(strip(&out), html);
    let text: String = paragraphs.iter().map(|p| format!("{p}\n")).collect();
    let plain = page(&["--dct", "2024-06-01"], &text);
    let want: Vec<(String, String)> = plain
        .lines()
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f[2].to_string(), f[3].to_string())
        })
        .collect();
    let got: Vec<(String, String)> = marks(&out)
        .into_iter()
        .map(|(_, label, text)| (label, text))
        .collect();
    assert!(want.len() > 50, "the demo has many entities");
    assert_eq!(got, want);
}

#[test]
fn target_picks_the_root() {
    let out = page(&["--html", "--target", "main article h1"], ARTICLE);
    assert!(out.contains("<h1 data-tagit-ahead=\"sha256-"), "{out}");
    let found = marks(&out);
    assert!(!found.is_empty());
    let h1 = &out[out.find("<h1").unwrap()..out.find("</h1>").unwrap()];
    assert_eq!(h1.matches("<mark ").count(), found.len());
    assert_eq!(strip(&out), ARTICLE);
}

#[test]
fn errors_are_clear_and_write_nothing() {
    let nothing = failure(&["--html", "--target", "aside"], ARTICLE.as_bytes());
    assert!(
        nothing.contains("--target 'aside' matches no element"),
        "{nothing}"
    );
    let bad = failure(&["--html", "--target", "p:hover"], ARTICLE.as_bytes());
    assert!(
        bad.contains("--target \"p:hover\" is not a selector tagit can use: "),
        "{bad}"
    );
    let once = page(&["--html"], ARTICLE);
    let twice = failure(&["--html"], once.as_bytes());
    assert!(twice.contains("annotated ahead already"), "{twice}");
    let latin1 = failure(&["--html"], b"<body><p>caf\xe9</p></body>");
    assert!(latin1.contains("not UTF-8"), "{latin1}");
    let both = failure(&["--html", "--jsonl"], b"");
    assert!(both.contains("do not go together"), "{both}");
    let alone = failure(&["--target", "p"], b"");
    assert!(alone.contains("--target needs --html"), "{alone}");
}
