//! Readers for the training and evaluation corpora, and the mapping of their label sets
//! onto the product's.
//!
//! Every reader yields [`Sentence`]s: folded token forms (as [`crate::text::Document::norm`]
//! would give them) and whole-token mentions, each with, where the corpus says so, how many
//! bytes of its first token are attached prefixes outside the mention.
//!
//! Label mapping (see also `model/README.md`):
//!
//! | corpus | source label | product label |
//! |---|---|---|
//! | NEMO | PER ORG GPE LOC FAC EVE WOA DUC ANG | same |
//! | IAHLT (Knesset, wiki) | PER ORG GPE LOC FAC EVE WOA DUC ANG | same |
//! | IAHLT | MISC TTL TIMEX | dropped (not entities of the product set; dates are the date engine's) |
//! | BMC, training | PER ORG | same |
//! | BMC, training | LOC | GPE (BMC's LOC is mostly countries and cities) |
//! | BMC, evaluation | PER ORG LOC | PER ORG LOC (predicted GPE and LOC count as LOC) |
//! | BMC | DATE TIME MONEY PERCENT | dropped |

use crate::span::Label;
use crate::text::normalize::fold_str;
use crate::text::{Document, prefix};
use std::fs;
use std::path::Path;

pub mod conllu;
#[cfg(not(target_arch = "wasm32"))]
pub mod sets;

/// One mention over whole tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Product label.
    pub label: Label,
    /// Bytes of the first (folded) token that are attached prefixes outside the mention,
    /// when the corpus annotates it.
    pub prefix: Option<usize>,
}

/// One sentence: folded tokens and mentions.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    /// Folded token forms.
    pub words: Vec<String>,
    /// Mentions, sorted, non-overlapping.
    pub mentions: Vec<Mention>,
}

/// How a corpus's label names become product labels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelMap {
    /// NEMO and IAHLT: the nine entity labels as they are; anything else dropped.
    Nemo,
    /// BMC for training: LOC becomes GPE; dates and numbers dropped.
    BmcTrain,
    /// BMC for evaluation: PER ORG LOC kept as they are.
    BmcEval,
}

impl LabelMap {
    /// The product label for corpus label `name`, or `None` to drop the mention.
    pub fn map(self, name: &str) -> Option<Label> {
        let l: Label = name.parse().ok()?;
        if l.is_temporal() {
            return None;
        }
        match self {
            LabelMap::Nemo => Some(l),
            LabelMap::BmcTrain => match l {
                Label::PER | Label::ORG => Some(l),
                Label::LOC => Some(Label::GPE),
                _ => None,
            },
            LabelMap::BmcEval => matches!(l, Label::PER | Label::ORG | Label::LOC).then_some(l),
        }
    }
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Splits a column file into sentences of `(token, label)` lines.
fn columns(text: &str) -> Vec<Vec<(&str, &str)>> {
    let mut out = Vec::new();
    let mut cur = Vec::new();
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let mut parts = line.rsplitn(2, [' ', '\t']);
        let label = parts.next().unwrap_or("O");
        let token = parts.next().unwrap_or("").trim();
        cur.push((token, label));
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Mentions from BIOSE labels (lenient: a `B` or `I` run without its `E` still closes).
pub fn mentions_from_biose<'a>(
    labels: impl Iterator<Item = &'a str>,
    map: LabelMap,
) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    let mut n = 0;
    for (i, lab) in labels.enumerate() {
        n = i + 1;
        let (part, name) = lab.split_once('-').unwrap_or((lab, ""));
        let close = |open: &mut Option<(usize, &str)>, end: usize, out: &mut Vec<Mention>| {
            if let Some((s, nm)) = open.take()
                && let Some(label) = map.map(nm)
            {
                out.push(Mention {
                    start: s,
                    end,
                    label,
                    prefix: None,
                });
            }
        };
        match part {
            "S" | "U" => {
                close(&mut open, i, &mut out);
                open = Some((i, name));
                close(&mut open, i + 1, &mut out);
            }
            "B" => {
                close(&mut open, i, &mut out);
                open = Some((i, name));
            }
            "I" => {
                if open.is_none_or(|(_, nm)| nm != name) {
                    close(&mut open, i, &mut out);
                    open = Some((i, name));
                }
            }
            "E" | "L" => {
                if open.is_none_or(|(_, nm)| nm != name) {
                    close(&mut open, i, &mut out);
                    open = Some((i, name));
                }
                close(&mut open, i + 1, &mut out);
            }
            _ => close(&mut open, i, &mut out),
        }
    }
    if let Some((s, nm)) = open
        && let Some(label) = map.map(nm)
    {
        out.push(Mention {
            start: s,
            end: n,
            label,
            prefix: None,
        });
    }
    out
}

/// Reads a token-level `.bmes` / `.biose` file (`TOKEN LABEL` lines).
pub fn read_bmes(path: &Path, map: LabelMap) -> Result<Vec<Sentence>, String> {
    let text = read(path)?;
    Ok(columns(&text)
        .into_iter()
        .map(|rows| Sentence {
            words: rows.iter().map(|r| fold_str(r.0)).collect(),
            mentions: mentions_from_biose(rows.iter().map(|r| r.1), map),
        })
        .collect())
}

/// Reads NEMO `token-single` with gold prefix lengths from `token-multi` and `morph`.
///
/// For a mention's first token, the `token-multi` labels tell how many morphemes precede
/// the entity (`בשפרעם O^S-GPE`: one) and `morph` spells them (`ב`). A definite article that
/// the spelling swallowed (`למשטרה` = ל+ה+משטרה) is matched without its ה. Sentences whose
/// files disagree keep their mentions without prefix information.
pub fn read_nemo(dir: &Path, split: &str) -> Result<Vec<Sentence>, String> {
    let mut single = read_bmes(
        &dir.join(format!("token-single_gold_{split}.bmes")),
        LabelMap::Nemo,
    )?;
    let multi_text = read(&dir.join(format!("token-multi_gold_{split}.bmes")))?;
    let morph_text = read(&dir.join(format!("morph_gold_{split}.bmes")))?;
    let multi = columns(&multi_text);
    let morph = columns(&morph_text);
    if multi.len() != single.len() || morph.len() != single.len() {
        return Ok(single);
    }
    for ((s, mrows), prow) in single.iter_mut().zip(&multi).zip(&morph) {
        if mrows.len() != s.words.len() {
            continue;
        }
        let total: usize = mrows.iter().map(|r| r.1.split('^').count()).sum();
        if total != prow.len() {
            continue;
        }
        let mut first_morph = Vec::with_capacity(mrows.len());
        let mut k = 0;
        for r in mrows {
            first_morph.push(k);
            k += r.1.split('^').count();
        }
        for m in &mut s.mentions {
            let word = &s.words[m.start];
            let outside = mrows[m.start]
                .1
                .split('^')
                .take_while(|l| *l == "O")
                .count();
            let pieces: String = prow[first_morph[m.start]..first_morph[m.start] + outside]
                .iter()
                .map(|r| fold_str(r.0))
                .collect();
            m.prefix = prefix_from_morphemes(word, &pieces);
        }
    }
    Ok(single)
}

/// The byte length of the prefix spelled by morphemes `pieces` at the start of `word`.
fn prefix_from_morphemes(word: &str, pieces: &str) -> Option<usize> {
    if pieces.is_empty() {
        return Some(0);
    }
    if word.starts_with(pieces) && pieces.len() < word.len() {
        return Some(pieces.len());
    }
    let hidden = pieces.strip_suffix('ה')?;
    (!hidden.is_empty() && word.starts_with(hidden)).then_some(hidden.len())
}

/// Reads IAHLT Knesset `.jsonl` (raw text, code-point spans), tokenised with the product's
/// own tokenizer so that training sees what inference sees. Nested mentions keep the
/// outermost mapped one.
#[cfg(not(target_arch = "wasm32"))]
pub fn read_iahlt_jsonl(path: &Path) -> Result<Vec<Sentence>, String> {
    let text = read(path)?;
    let mut out = Vec::new();
    for (ln, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line)
            .map_err(|e| format!("{}:{}: {e}", path.display(), ln + 1))?;
        let raw = v["text"].as_str().unwrap_or("");
        let cp_to_byte: Vec<usize> = raw
            .char_indices()
            .map(|(b, _)| b)
            .chain([raw.len()])
            .collect();
        let mut spans = Vec::new();
        for l in v["label"].as_array().into_iter().flatten() {
            let (Some(a), Some(b), Some(name)) = (l[0].as_u64(), l[1].as_u64(), l[2].as_str())
            else {
                continue;
            };
            let (Some(&a), Some(&b)) = (cp_to_byte.get(a as usize), cp_to_byte.get(b as usize))
            else {
                continue;
            };
            if let Some(label) = LabelMap::Nemo.map(name) {
                spans.push((a, b, label));
            }
        }
        out.push(sentence_from_byte_spans(raw, spans));
    }
    Ok(out)
}

/// Tokenises `raw` with [`Document`] and turns byte spans into token mentions, with the
/// prefix length where a span starts inside its first token after a legal prefix.
pub fn sentence_from_byte_spans(raw: &str, mut spans: Vec<(usize, usize, Label)>) -> Sentence {
    let doc = Document::new(raw);
    let toks = doc.tokens();
    let words: Vec<String> = (0..doc.len()).map(|i| doc.norm(i).to_string()).collect();
    // Outermost first: by start, then longest.
    spans.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut mentions: Vec<Mention> = Vec::new();
    for (a, b, label) in spans {
        let Some(first) = toks.iter().position(|t| t.end > a) else {
            continue;
        };
        let Some(last) = toks.iter().rposition(|t| t.start < b) else {
            continue;
        };
        if last < first || mentions.last().is_some_and(|m| m.end > first) {
            continue;
        }
        let t = &toks[first];
        let prefix = if a <= t.start {
            Some(0)
        } else {
            let surface = &raw[t.start..a];
            let p = fold_str(surface);
            let w = &words[first];
            (w.starts_with(&p) && prefix::splits(w).any(|l| l == p.len())).then_some(p.len())
        };
        mentions.push(Mention {
            start: first,
            end: last + 1,
            label,
            prefix,
        });
    }
    Sentence { words, mentions }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn biose_is_read_leniently() {
        let labels = [
            "O", "B-PER", "E-PER", "S-GPE", "B-ORG", "I-ORG", "O", "I-LOC", "E-LOC", "S-DATE",
        ];
        let m = mentions_from_biose(labels.iter().copied(), LabelMap::Nemo);
        let got: Vec<(usize, usize, Label)> = m.iter().map(|m| (m.start, m.end, m.label)).collect();
        assert_eq!(
            got,
            [
                (1, 3, Label::PER),
                (3, 4, Label::GPE),
                (4, 6, Label::ORG),
                (7, 9, Label::LOC)
            ]
        );
    }

    #[test]
    fn bmc_mapping() {
        let cases = [
            (LabelMap::BmcTrain, "LOC", Some(Label::GPE)),
            (LabelMap::BmcTrain, "MONEY", None),
            (LabelMap::BmcEval, "LOC", Some(Label::LOC)),
            (LabelMap::Nemo, "TTL", None),
            (LabelMap::Nemo, "TIMEX", None),
            (LabelMap::Nemo, "DUC", Some(Label::DUC)),
        ];
        for (map, name, want) in cases {
            assert_eq!(map.map(name), want, "{map:?} {name}");
        }
    }

    #[test]
    fn prefixes_from_morphemes() {
        let cases = [
            ("בשפרעם", "ב", Some(2)),
            ("למשטרה", "", Some(0)),
            ("לממשלה", "לה", Some(2)),
            ("ולטרבלינקה", "ול", Some(4)),
            ("אבג", "ת", None),
        ];
        for (w, p, want) in cases {
            assert_eq!(prefix_from_morphemes(w, p), want, "{w}");
        }
    }

    #[test]
    fn byte_spans_become_token_mentions() {
        let raw = "אמר לימור לבנת בירושלים.";
        let a = raw.find("לימור").unwrap();
        let b = raw.find(" ב").unwrap();
        let j = raw.find("ירושלים").unwrap();
        let s = sentence_from_byte_spans(
            raw,
            vec![(a, b, Label::PER), (j, j + "ירושלים".len(), Label::GPE)],
        );
        assert_eq!(
            s.mentions[0],
            Mention {
                start: 1,
                end: 3,
                label: Label::PER,
                prefix: Some(0)
            }
        );
        assert_eq!(
            s.mentions[1],
            Mention {
                start: 3,
                end: 4,
                label: Label::GPE,
                prefix: Some(2)
            }
        );
    }
}
