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
