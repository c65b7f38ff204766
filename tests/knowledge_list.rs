//! The curated knowledge list (`model/knowledge-he.tsv`) is well-formed data: every line
//! parses (none is dropped silently), labels are ours, each entity appears once, each line
//! says where it came from, and the list is as large as issue 11 asks. (Native only: the
//! list is read by the trainer, which the wasm build leaves out.)
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashSet;
use tagit::model::gazetteers::knowledge_entries;

const LIST: &str = include_str!("../model/knowledge-he.tsv");

fn data_lines() -> impl Iterator<Item = &'static str> {
    LIST.lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("label\t"))
}

#[test]
fn every_line_parses_into_an_entity() {
    let lines = data_lines().count();
    let entities = knowledge_entries(LIST).count();
    assert_eq!(
        lines, entities,
        "lines that do not parse are dropped silently"
    );
    assert!(entities >= 5000, "{entities} entities");
}

#[test]
fn lines_have_six_columns_a_source_and_no_duplicate() {
    let mut seen = HashSet::new();
    for line in data_lines() {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 6, "{line}");
        assert!(f[4].starts_with("tagit-curated/"), "source: {line}");
        assert!(seen.insert((f[0], f[1])), "duplicate: {line}");
        for form in std::iter::once(f[1]).chain(f[2].split('|').filter(|v| !v.is_empty())) {
            assert_eq!(form.trim(), form, "stray space: {line}");
            assert!(!form.is_empty(), "empty form: {line}");
        }
        // A title is a page name, never a URL or a list.
        assert!(!f[3].contains("http") && !f[3].contains('|'), "{line}");
    }
}

#[test]
fn the_header_states_the_licence_and_how_it_was_made() {
    let header: String = LIST.lines().take_while(|l| l.starts_with('#')).collect();
    assert!(header.contains("MIT"), "{header}");
    assert!(
        header.contains("never taken from any corpus or test split"),
        "{header}"
    );
}

/// `model/links-he.tsv` is the knowledge list's rows with a Wikipedia title, in order (see
/// `src/links.rs`). `TAGIT_BLESS=1` rewrites it after the list is edited.
#[test]
fn links_table_is_derived_from_the_knowledge_list() {
    let root = env!("CARGO_MANIFEST_DIR");
    let list = std::fs::read_to_string(format!("{root}/model/knowledge-he.tsv")).unwrap();
    let mut want = String::from(
        "# Derived from model/knowledge-he.tsv (MIT, tagit-curated): the rows with a Hebrew\n\
         # Wikipedia title, for linking names to their article (src/links.rs). Do not edit: run\n\
         # TAGIT_BLESS=1 cargo test --release links_table to rewrite it after editing the list.\n\
         label\tname\tvariants\twikipedia\n",
    );
    for line in list
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("label\t"))
    {
        let f: Vec<&str> = line.split('\t').map(str::trim).collect();
        if f.len() >= 4 && !f[3].is_empty() {
            want.push_str(&f[..4].join("\t"));
            want.push('\n');
        }
    }
    let path = format!("{root}/model/links-he.tsv");
    if std::env::var_os("TAGIT_BLESS").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    assert!(
        std::fs::read_to_string(&path).unwrap() == want,
        "model/links-he.tsv is out of date: run TAGIT_BLESS=1 cargo test --release links_table"
    );
}
