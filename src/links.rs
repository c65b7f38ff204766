//! Links for the names of tagit's knowledge list: the canonical name and the Hebrew
//! Wikipedia article of every entity the list gives a title for.
//!
//! `model/links-he.tsv` is derived from `model/knowledge-he.tsv` (its rows with a
//! `wikipedia` title; a test keeps the two in step) and compiled on first use into a
//! [`Dictionary`] whose entries are only used to *link*: a span the model or the lists
//! found, whose text is exactly one of an entity's forms with the entity's label, gets that
//! entity ([`Dictionary::link`]); nothing is added or removed. 1,629 entities, about
//! 22 KB of the gzipped wasm.

use crate::dictionary::{Dictionary, Entry};
use std::sync::OnceLock;

/// The derived table: `label \t name \t variants (|-separated) \t wikipedia title`.
pub const TABLE: &str = include_str!("../model/links-he.tsv");

/// The knowledge list's links, compiled once per process.
pub fn builtin() -> &'static Dictionary {
    static LINKS: OnceLock<Dictionary> = OnceLock::new();
    LINKS.get_or_init(|| {
        // The table is ours and tested; should it ever fail to compile, nothing is linked.
        Dictionary::compile(entries(TABLE)).unwrap_or_else(|_| {
            Dictionary::compile(Vec::new()).expect("an empty dictionary compiles")
        })
    })
}

/// The dictionary entries of a links table.
pub fn entries(table: &str) -> Vec<Entry> {
    table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("label\t"))
        .filter_map(|line| {
            let mut f = line.split('\t').map(str::trim);
            let (label, name, variants, title) = (f.next()?, f.next()?, f.next()?, f.next()?);
            Some(Entry {
                text: Some(name.to_string()),
                variants: variants
                    .split('|')
                    .filter(|v| !v.trim().is_empty())
                    .map(str::to_string)
                    .collect(),
                label: Some(label.to_string()),
                link: Some(wikipedia_url(title)),
                ..Entry::default()
            })
        })
        .collect()
}

/// The address of Hebrew Wikipedia's article `title` (spaces as underscores, the rest
/// percent-encoded as the site writes its links).
pub fn wikipedia_url(title: &str) -> String {
    let mut url = String::from("https://he.wikipedia.org/wiki/");
    for b in title.trim().bytes() {
        match b {
            b' ' => url.push('_'),
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'.'
            | b'_'
            | b'~'
            | b'('
            | b')'
            | b','
            | b'\'' => url.push(b as char),
            _ => url.push_str(&format!("%{b:02X}")),
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wikipedia_urls() {
        assert_eq!(
            wikipedia_url("בנימין נתניהו"),
            "https://he.wikipedia.org/wiki/%D7%91%D7%A0%D7%99%D7%9E%D7%99%D7%9F_%D7%A0%D7%AA%D7%A0%D7%99%D7%94%D7%95"
        );
        assert_eq!(
            wikipedia_url("Apple (חברה)").split("/wiki/").nth(1),
            Some("Apple_(%D7%97%D7%91%D7%A8%D7%94)")
        );
    }

    #[test]
    fn the_table_compiles_whole() {
        let n = entries(TABLE).len();
        assert!(n > 1500, "{n}");
        assert!(Dictionary::compile(entries(TABLE)).is_ok());
    }
}
