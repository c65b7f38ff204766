//! Native check of the web layer's source: the DOM is someone else's house.
//!
//! No HTML parsing of page text (`innerHTML`, `outerHTML`, `insertAdjacentHTML`,
//! `document.write`), and never `normalize()`, which would merge the page's own adjacent
//! text nodes. A grep is crude, but it guards the rule cheaply against future edits.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::Path;

#[test]
fn web_layer_uses_dom_methods_only() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/web");
    let forbidden = [
        "inner_html",
        "outer_html",
        "insert_adjacent_html",
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "normalize(",
        ".write(",
        "Function::new",
        "eval(",
    ];
    let mut checked = 0;
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") {
            let src = fs::read_to_string(&path).unwrap();
            for (n, line) in src.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                for f in forbidden {
                    assert!(!code.contains(f), "{}:{}: uses {f}", path.display(), n + 1);
                }
            }
            checked += 1;
        }
    }
    assert!(checked >= 5, "found the web sources");
}

/// The same rules for the embed and the widget (`www/`, JavaScript): no HTML is ever parsed
/// from strings (reading `innerHTML` to serialise a clone for the clipboard is fine; assigning
/// it is not), the page's text nodes are never merged, nothing is evaluated from strings.
#[test]
fn embed_and_widget_use_dom_methods_only() {
    let www = Path::new(env!("CARGO_MANIFEST_DIR")).join("www");
    let mut files = Vec::new();
    let mut dirs = vec![www.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                // Test fixture pages may do anything a hostile page does.
                if path.file_name().is_some_and(|n| n != "test") {
                    dirs.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "js" || e == "mjs") {
                files.push(path);
            }
        }
    }
    let assigned = |code: &str, prop: &str| {
        code.match_indices(prop).any(|(i, _)| {
            let rest = code[i + prop.len()..].trim_start();
            rest.starts_with('=') && !rest.starts_with("==") || rest.starts_with("+=")
        })
    };
    for path in &files {
        let src = fs::read_to_string(path).unwrap();
        for (n, line) in src.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            let at = format!("{}:{}", path.display(), n + 1);
            assert!(!assigned(code, "innerHTML"), "{at}: assigns innerHTML");
            assert!(!assigned(code, "outerHTML"), "{at}: assigns outerHTML");
            for f in [
                "insertAdjacentHTML",
                "document.write",
                ".normalize()",
                "eval(",
                "new Function",
            ] {
                assert!(!code.contains(f), "{at}: uses {f}");
            }
        }
    }
    assert!(
        files.len() >= 10,
        "found the embed and widget sources: {files:?}"
    );
}
