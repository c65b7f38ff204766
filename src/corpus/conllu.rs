//! IAHLT wiki `.conllu`: surface tokens and the nested `Entity=` bracket annotation.
//!
//! Entities sit on syntactic words (`ב` and `גרמניה` of `בגרמניה`), written in the MISC
//! column as `Entity=(GPE` … `GPE)` or `(PER)`, possibly several per word. A mention covers
//! the surface tokens holding its first and last word; nested mentions keep the outermost.

use super::{LabelMap, Mention, Sentence};
use crate::text::normalize::fold_str;
use std::path::Path;

/// Reads a UD `.conllu` file with IAHLT entity brackets.
pub fn read_conllu(path: &Path) -> Result<Vec<Sentence>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    let mut words: Vec<String> = Vec::new();
    // (surface token index, MISC) per syntactic word.
    let mut misc: Vec<(usize, String)> = Vec::new();
    let mut range_end = 0usize;
    let flush =
        |words: &mut Vec<String>, misc: &mut Vec<(usize, String)>, out: &mut Vec<Sentence>| {
            if words.is_empty() {
                return;
            }
            let mut mentions: Vec<Mention> = Vec::new();
            let mut stack: Vec<(String, usize)> = Vec::new();
            for (tok, m) in misc.iter() {
                let Some(ent) = m.split('|').find_map(|f| f.strip_prefix("Entity=")) else {
                    continue;
                };
                // Values like "(ORG(GPE)" or "GPE)ORG)": walk the brackets in order.
                let mut rest = ent;
                while !rest.is_empty() {
                    if let Some(r) = rest.strip_prefix('(') {
                        let j = r.find(['(', ')']).unwrap_or(r.len());
                        let name = &r[..j];
                        if r[j..].starts_with(')') {
                            if let Some(label) = LabelMap::Nemo.map(name) {
                                mentions.push(Mention {
                                    start: *tok,
                                    end: tok + 1,
                                    label,
                                    prefix: None,
                                });
                            }
                            rest = &r[j + 1..];
                        } else {
                            stack.push((name.to_string(), *tok));
                            rest = &r[j..];
                        }
                    } else {
                        let j = rest.find(')').unwrap_or(rest.len());
                        let name = &rest[..j];
                        if let Some(pos) = stack.iter().rposition(|(n, _)| n == name) {
                            let (n, start) = stack.remove(pos);
                            if let Some(label) = LabelMap::Nemo.map(&n) {
                                mentions.push(Mention {
                                    start,
                                    end: tok + 1,
                                    label,
                                    prefix: None,
                                });
                            }
                        }
                        rest = &rest[(j + 1).min(rest.len())..];
                    }
                }
            }
            mentions.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
            let mut kept: Vec<Mention> = Vec::new();
            for m in mentions {
                if kept.last().is_none_or(|k| k.end <= m.start) {
                    kept.push(m);
                }
            }
            out.push(Sentence {
                words: std::mem::take(words),
                mentions: kept,
            });
            misc.clear();
        };
    for line in text.lines() {
        if line.trim().is_empty() {
            flush(&mut words, &mut misc, &mut out);
            range_end = 0;
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 10 {
            continue;
        }
        let id = cols[0];
        if id.contains('.') {
            continue;
        }
        if let Some((a, b)) = id.split_once('-') {
            let (Ok(_), Ok(b)) = (a.parse::<usize>(), b.parse::<usize>()) else {
                continue;
            };
            words.push(fold_str(cols[1]));
            range_end = b;
            continue;
        }
        let Ok(n) = id.parse::<usize>() else {
            continue;
        };
        if n > range_end {
            words.push(fold_str(cols[1]));
        }
        misc.push((words.len() - 1, cols[9].to_string()));
    }
    flush(&mut words, &mut misc, &mut out);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_and_multiword_tokens() {
        let text = "# text = x\n\
1\tצה\"ל\t_\t_\t_\t_\t_\t_\t_\tEntity=(ORG)\n\
2-3\tבגרמניה\t_\t_\t_\t_\t_\t_\t_\t_\n\
2\tב\t_\t_\t_\t_\t_\t_\t_\tEntity=(GPE\n\
3\tגרמניה\t_\t_\t_\t_\t_\t_\t_\tEntity=GPE)\n\
4\tמלחמת\t_\t_\t_\t_\t_\t_\t_\tEntity=(EVE\n\
5\tהעולם\t_\t_\t_\t_\t_\t_\t_\t_\n\
6\tשנייה\t_\t_\t_\t_\t_\t_\t_\tEntity=EVE)\n\n";
        let dir = std::env::temp_dir().join(format!("tagit-conllu-{}", std::process::id()));
        std::fs::write(&dir, text).unwrap();
        let s = read_conllu(&dir).unwrap();
        std::fs::remove_file(&dir).ok();
        assert_eq!(s[0].words, ["צה\"ל", "בגרמניה", "מלחמת", "העולם", "שנייה"]);
        let got: Vec<(usize, usize, &str)> = s[0]
            .mentions
            .iter()
            .map(|m| (m.start, m.end, m.label.as_str()))
            .collect();
        assert_eq!(got, [(0, 1, "ORG"), (1, 2, "GPE"), (2, 5, "EVE")]);
    }
}
