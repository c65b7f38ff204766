//! `strip`: a page annotated by `tagit annotate --html` without what annotating added, for
//! the byte-for-byte checks of both the CLI's unit tests (`src/bin/tagit/html/tests.rs`) and
//! its integration tests (`tests/cli_html.rs`), which include this file by path.

/// `out` without the marks tagit wrote (start and end tags) and the root's digest attribute
/// (an implied body keeps its `<body>`).
pub fn strip(out: &str) -> String {
    let mut s = out.to_string();
    while let Some(at) = s.find("<mark class=\"tagit ") {
        let open_end = at + s[at..].find('>').unwrap() + 1;
        let close = open_end + s[open_end..].find("</mark>").unwrap();
        s.replace_range(close..close + "</mark>".len(), "");
        s.replace_range(at..open_end, "");
    }
    let attr = " data-tagit-ahead=\"sha256-";
    if let Some(at) = s.find(attr) {
        s.replace_range(at..at + attr.len() + 64 + 1, "");
    }
    s
}
