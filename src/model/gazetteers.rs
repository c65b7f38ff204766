//! Typed name lists as evidence for the model: every list of `../shared/data/gazetteers`
//! and tagit's own knowledge list (`model/knowledge-he.tsv`), compiled into the phrase
//! table the model's lexicon already holds (see [`super::phrases`]).
//!
//! Each name is tokenised and folded as the annotator tokenises text (so CLDR's ׳ ״ and
//! GeoNames' niqqud match text written with ' " or without niqqud), and stored under the hash
//! of its tokens with a bit per label in its list's group ([`Group`]); matching strips
//! attached prefixes from the first token. A match becomes `B/I/E/S × label × group`
//! features, alone and with the frequency bucket of the token (a town called by a common
//! noun is weighed as a common noun), never a decision. Lists whose names are also
//! ordinary words are kept out where their source says so: the localities HebSafeHarbor
//! marks as ambiguous.

use super::phrases::Group;
use super::tags;
use crate::span::Label;
use crate::text::Document;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// A name list: where it is, and how its lines give (name, label) pairs.
struct List {
    file: &'static str,
    /// Rows to skip at the top (a header).
    header: bool,
    /// Column of the name (tab-separated).
    column: usize,
    /// The label of a row (given its columns), or `None` to skip it.
    label: fn(&[&str]) -> Option<Label>,
}

/// The imported lists, in the order they are read.
fn lists() -> Vec<List> {
    vec![
        List {
            file: "geonames-cities-he.tsv",
            header: true,
            column: 0,
            label: |_| Some(Label::GPE),
        },
        List {
            file: "geonames-places-he.tsv",
            header: true,
            column: 0,
            // Countries, provinces and towns govern; other features are places.
            label: |c| match c.get(1) {
                Some(code) if ["PCL", "ADM", "PPL"].iter().any(|p| code.starts_with(p)) => {
                    Some(Label::GPE)
                }
                Some(_) => Some(Label::LOC),
                None => None,
            },
        },
        List {
            file: "cldr-he/territories.tsv",
            header: true,
            column: 1,
            // Numeric codes are world regions and continents.
            label: |c| match c.first() {
                Some(code) if code.chars().all(|ch| ch.is_ascii_digit()) => Some(Label::LOC),
                Some(_) => Some(Label::GPE),
                None => None,
            },
        },
        List {
            file: "cldr-he/exemplar_cities.tsv",
            header: true,
            column: 1,
            label: |_| Some(Label::GPE),
        },
        List {
            file: "cldr-he/languages.tsv",
            header: true,
            column: 1,
            label: |_| Some(Label::ANG),
        },
        List {
            file: "hebsafeharbor/above-threshold-cities-list.txt",
            header: false,
            column: 0,
            label: |_| Some(Label::GPE),
        },
        List {
            file: "hebsafeharbor/below-threshold-cities-list.txt",
            header: false,
            column: 0,
            label: |_| Some(Label::GPE),
        },
        List {
            file: "hebsafeharbor/country-dict.tsv",
            header: true,
            column: 0,
            label: |_| Some(Label::GPE),
        },
        List {
            file: "hebsafeharbor/hospitals.txt",
            header: false,
            column: 0,
            label: |_| Some(Label::ORG),
        },
        List {
            file: "knesset/persons_mk.tsv",
            header: true,
            column: 2,
            label: |_| Some(Label::PER),
        },
        List {
            file: "knesset/factions.tsv",
            header: true,
            column: 0,
            label: |_| Some(Label::ORG),
        },
        List {
            file: "knesset/gov_ministries.tsv",
            header: true,
            column: 0,
            // Portfolios (בלי תיק, המשנה לראש הממשלה) are not organisations.
            label: |c| {
                c.first()
                    .filter(|n| n.starts_with("משרד") || n.starts_with("המשרד"))
                    .map(|_| Label::ORG)
            },
        },
        List {
            file: "knesset/committees.tsv",
            header: true,
            column: 0,
            // Committee names that read like a name, not a discussion title.
            label: |c| {
                c.first()
                    .filter(|n| n.starts_with("ועדת") || n.starts_with("הוועדה"))
                    .filter(|n| n.split(' ').count() <= 6)
                    .map(|_| Label::ORG)
            },
        },
    ]
}

/// The localities that are also ordinary words (HebSafeHarbor's own lists of them).
const AMBIGUOUS: [&str; 2] = [
    "hebsafeharbor/ambigous-above-threshold-cities-list.txt",
    "hebsafeharbor/ambigous-below-threshold-cities-list.txt",
];

/// The folded tokens of a name, as the annotator would see them in text.
pub fn name_tokens(name: &str) -> Vec<String> {
    let doc = Document::new(name);
    (0..doc.len()).map(|i| doc.norm(i).to_string()).collect()
}

/// Adds `tokens` as a phrase of `label` in `group` to `table`.
pub fn add(
    seed: u32,
    table: &mut HashMap<u32, u32>,
    tokens: &[String],
    label: Label,
    group: Group,
) {
    let (Some(l), Some((first, rest))) = (tags::label_index(label), tokens.split_first()) else {
        return;
    };
    if tokens.len() <= super::phrases::MAX_PHRASE {
        let rest = rest.iter().map(String::as_str);
        super::phrases::insert(seed, table, first, rest, group.bit(l));
    }
}

/// The imported lists as (folded tokens, label) pairs, without duplicates, in a fixed order.
pub fn imported(data: &Path) -> Result<Vec<(Vec<String>, Label)>, String> {
    let dir = data.join("gazetteers");
    let read = |f: &str| {
        let p = dir.join(f);
        std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))
    };
    let mut ambiguous: HashSet<Vec<String>> = HashSet::new();
    for f in AMBIGUOUS {
        for line in read(f)?.lines() {
            ambiguous.insert(name_tokens(line.trim()));
        }
    }
    let mut seen: HashSet<(Vec<String>, Label)> = HashSet::new();
    let mut out = Vec::new();
    for list in lists() {
        let text = read(list.file)?;
        for line in text.lines().skip(usize::from(list.header)) {
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            let (Some(name), Some(label)) = (cols.get(list.column), (list.label)(&cols)) else {
                continue;
            };
            let tokens = name_tokens(name);
            if tokens.is_empty() || ambiguous.contains(&tokens) {
                continue;
            }
            if seen.insert((tokens.clone(), label)) {
                out.push((tokens, label));
            }
        }
    }
    Ok(out)
}

/// One entity of the knowledge list (`model/knowledge-he.tsv`): its label, canonical name
/// and the other forms news writes it in. (The list also gives a Hebrew Wikipedia title, a
/// source and the forms that are common words, which the model does not read.)
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KnowledgeEntry<'a> {
    /// The entity's label.
    pub label: Label,
    /// Its canonical name.
    pub name: &'a str,
    /// Other forms (spellings, short forms, abbreviations).
    pub variants: Vec<&'a str>,
}

/// The entities of a knowledge list: lines `label \t name \t variants \t …`, variants
/// separated by `|`; `#` lines, the header and lines with an unknown label are skipped.
pub fn knowledge_entries(text: &str) -> impl Iterator<Item = KnowledgeEntry<'_>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("label\t"))
        .filter_map(|line| {
            let mut f = line.split('\t').map(str::trim);
            let label: Label = f.next()?.parse().ok()?;
            let name = f.next().filter(|n| !n.is_empty())?;
            let variants = f
                .next()
                .unwrap_or("")
                .split('|')
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .collect();
            Some(KnowledgeEntry {
                label,
                name,
                variants,
            })
        })
}

/// Every form of every entity of a knowledge list, as folded tokens, with its label.
pub fn knowledge_names(text: &str) -> Vec<(Vec<String>, Label)> {
    knowledge_entries(text)
        .flat_map(|e| {
            std::iter::once(e.name)
                .chain(e.variants)
                .map(move |form| (name_tokens(form), e.label))
        })
        .filter(|(tokens, _)| !tokens.is_empty())
        .collect()
}

/// The phrase table of the imported lists of the data folder `data` (none if `None`) and
/// of the knowledge list `knowledge` (its TSV text), each in its own group.
pub fn table(
    seed: u32,
    data: Option<&Path>,
    knowledge: Option<&str>,
) -> Result<HashMap<u32, u32>, String> {
    let mut t = HashMap::new();
    for (tokens, label) in data.map(imported).transpose()?.unwrap_or_default() {
        add(seed, &mut t, &tokens, label, Group::Imported);
    }
    if let Some(text) = knowledge {
        for (tokens, label) in knowledge_names(text) {
            add(seed, &mut t, &tokens, label, Group::Knowledge);
        }
    }
    Ok(t)
}
