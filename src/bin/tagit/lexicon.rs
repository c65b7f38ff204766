//! `tagit lexicon`: derives `model/lexicon.tsv`, the lexicon recogniser's data, from the
//! NEMO training split and the Israeli name lists in `../shared/data`.
//!
//! What it writes (one entry a line, tab-separated `kind label phrase`, sorted so the file
//! is reproducible byte for byte):
//! - `M` mentions: every entity of NEMO `spmrl` train, with attached prefixes removed as
//!   NEMO's `token-multi` gold says, kept when the phrase is an entity more often than not;
//! - `F` / `L` first and last names: the most frequent names of each population group,
//!   minus words that NEMO train mostly uses as ordinary words;
//! - `C` common words: words seen at least three times outside entities in NEMO train,
//!   used to tell an unknown surname from an everyday word.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use tagit::text::{Document, prefix};

const FIRST_NAMES_PER_LIST: usize = 1500;
const LAST_NAMES_PER_LIST: usize = 3000;
const COMMON_MIN_COUNT: u32 = 3;

/// Runs `tagit lexicon [--data DIR] [--out FILE]`.
pub fn run(args: &[String]) -> Result<(), String> {
    let mut data = PathBuf::from("../shared/data");
    let mut out = PathBuf::from("model/lexicon.tsv");
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--data" => data = it.next().ok_or("--data needs a directory")?.into(),
            "--out" => out = it.next().ok_or("--out needs a file")?.into(),
            "-h" | "--help" => {
                println!("usage: tagit lexicon [--data ../shared/data] [--out model/lexicon.tsv]");
                return Ok(());
            }
            other => return Err(format!("unknown option {other:?}")),
        }
    }
    let nemo = data.join("nemo/spmrl/token-multi_gold_train.bmes");
    let text = fs::read_to_string(&nemo).map_err(|e| format!("{}: {e}", nemo.display()))?;
    let stats = count_nemo(&text);

    let mut lines: Vec<String> = Vec::new();
    for (phrase, (label, n)) in &stats.mentions {
        let as_word = stats.outside.get(phrase).copied().unwrap_or(0);
        if *n > as_word {
            lines.push(format!("M\t{label}\t{phrase}"));
        }
    }
    let ordinary = |w: &str| {
        let outside = stats.outside.get(w).copied().unwrap_or(0);
        let inside = stats.mentions.get(w).map_or(0, |m| m.1);
        outside >= COMMON_MIN_COUNT && outside > inside
    };
    for (kind, pattern, per_list) in [
        ("F", ".first.tsv", FIRST_NAMES_PER_LIST),
        ("L", ".last.tsv", LAST_NAMES_PER_LIST),
    ] {
        for name in read_names(&data.join("names"), pattern, per_list)? {
            if !ordinary(&name) {
                lines.push(format!("{kind}\t-\t{name}"));
            }
        }
    }
    for (w, n) in &stats.outside {
        if *n >= COMMON_MIN_COUNT && w.chars().count() >= 2 {
            lines.push(format!("C\t-\t{w}"));
        }
    }
    lines.sort();
    lines.dedup();
    let header = "# tagit lexicon: derived by `tagit lexicon` from NEMO spmrl train (CC BY-NC-SA 4.0)\n\
                  # and the hebrew-names 0.0.1 lists (MIT). kind label phrase; see src/lexicon.rs.\n";
    let body = lines.join("\n");
    fs::write(&out, format!("{header}{body}\n")).map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!("wrote {} entries to {}", lines.len(), out.display());
    Ok(())
}

#[derive(Default)]
struct NemoStats {
    /// Folded mention phrase → (label, times seen as that entity).
    mentions: BTreeMap<String, (String, u32)>,
    /// Folded word (or prefix-stripped stem) → times seen outside any entity.
    outside: BTreeMap<String, u32>,
}

/// Reads NEMO `token-multi` lines (`TOKEN LABEL^LABEL…`) and collects mention phrases and
/// ordinary-word counts.
fn count_nemo(text: &str) -> NemoStats {
    let mut stats = NemoStats::default();
    let mut current: Option<(String, Vec<String>)> = None;
    let mut by_label: HashMap<String, HashMap<String, u32>> = HashMap::new();
    for line in text.lines() {
        let Some((token, labels)) = line.split_once(' ') else {
            current = None;
            continue;
        };
        let morphs: Vec<&str> = labels.split('^').collect();
        let outside = morphs.iter().take_while(|m| **m == "O").count();
        if outside == morphs.len() {
            current = None;
            let folded = fold_phrase(token);
            *stats.outside.entry(folded.clone()).or_default() += 1;
            continue;
        }
        let label = morphs[outside].get(2..).unwrap_or("").to_string();
        let starts = morphs[outside].starts_with('B') || morphs[outside].starts_with('S');
        let piece = if starts {
            strip_prefix(token, outside)
        } else {
            token.to_string()
        };
        if starts {
            current = Some((label.clone(), vec![piece]));
        } else if let Some((_, pieces)) = current.as_mut() {
            pieces.push(piece);
        }
        let ends = morphs
            .iter()
            .any(|m| m.starts_with('E') || m.starts_with('S'));
        if ends && let Some((label, pieces)) = current.take() {
            let phrase = fold_phrase(&pieces.join(" "));
            *by_label
                .entry(phrase)
                .or_default()
                .entry(label)
                .or_default() += 1;
        }
    }
    for (phrase, labels) in by_label {
        let total = labels.values().sum();
        let mut best: Vec<(&String, &u32)> = labels.iter().collect();
        best.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        stats.mentions.insert(phrase, (best[0].0.clone(), total));
    }
    stats
}

/// Removes `morphemes` prefix morphemes from the start of `token`. A morpheme count can
/// exceed the written letters (ל+ה+משטרה is written למשטרה), so take the longest legal
/// prefix with at most that many letters.
fn strip_prefix(token: &str, morphemes: usize) -> String {
    if morphemes == 0 {
        return token.to_string();
    }
    let cut = prefix::splits(token)
        .filter(|&len| token[..len].chars().count() <= morphemes)
        .max()
        .unwrap_or(0);
    token[cut..].to_string()
}

/// The lookup key of a phrase: its tokens' folded forms joined by single spaces — the same
/// key the recogniser builds from a document.
pub fn fold_phrase(phrase: &str) -> String {
    let doc = Document::new(phrase);
    (0..doc.len())
        .map(|i| doc.norm(i))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The `per_list` most frequent names of every list whose file name ends with `suffix`.
fn read_names(dir: &Path, suffix: &str, per_list: usize) -> Result<Vec<String>, String> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .collect();
    files.sort();
    let mut names = Vec::new();
    for f in files {
        let text = fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?;
        names.extend(
            text.lines()
                .filter_map(|l| l.split('\t').next())
                .filter(|n| n.chars().count() >= 2 && !n.contains(' '))
                .take(per_list)
                .map(fold_phrase),
        );
    }
    Ok(names)
}
