//! `tagit dictionary`: check a site dictionary, or write one from readers' corrections.
//!
//! The widget's "not X?" action dispatches `tagit:feedback` on the page and sends nothing
//! anywhere; a publisher who collects those events (one JSON object a line: `{text, label,
//! suggestedLabel, context, url}`) turns them into dictionary entries here: a mention
//! readers say is not an entity becomes `{"text", "label", "ignore": true}` (it stays
//! suppressed only under the label it was wrongly given), one they relabel becomes
//! `{"text", "label": suggested}`. Only corrections at least `--min-count` readers agree
//! on are kept, so one reader cannot rewrite a site's names; the output is for an editor to
//! review before it goes live.

use crate::args::Args;
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::{self, BufRead};
use tagit::text::normalize::fold_str;
use tagit::{Dictionary, Label};

const HELP: &str = "usage: tagit dictionary --check FILE
       tagit dictionary --from-feedback FILE|- [--min-count N]

--check FILE           compile a dictionary (docs/dictionary.md) and report its entries,
                       or the first error
--from-feedback FILE   read tagit:feedback details (JSON, one a line; - for stdin) and print
                       the dictionary entries they ask for, corrections at least N readers
                       agree on (default 2), as a dictionary to review and merge";

/// One `tagit:feedback` event's detail.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Feedback {
    text: String,
    label: String,
    #[serde(default)]
    suggested_label: Option<String>,
}

/// Runs `tagit dictionary`.
pub fn run(args: &[String]) -> Result<(), String> {
    let mut check: Option<String> = None;
    let mut feedback: Option<String> = None;
    let mut min_count = 2usize;
    let mut args = Args::new(args, HELP);
    while let Some(flag) = args.next_flag() {
        match flag {
            "--check" => check = Some(args.value()?.to_string()),
            "--from-feedback" => feedback = Some(args.value()?.to_string()),
            "--min-count" => min_count = args.parse()?,
            other => return args.help_or_unknown(other),
        }
    }
    match (check, feedback) {
        (Some(path), None) => {
            let d = crate::annotate::load_dictionary(path.as_ref())?;
            println!("{path}: {} entries, ok", d.len());
            Ok(())
        }
        (None, Some(path)) => {
            let lines: Box<dyn BufRead> = if path == "-" {
                Box::new(io::stdin().lock())
            } else {
                Box::new(io::BufReader::new(
                    std::fs::File::open(&path).map_err(|e| format!("{path}: {e}"))?,
                ))
            };
            let out = from_feedback(lines, min_count)?;
            println!(
                "{}",
                serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?
            );
            Ok(())
        }
        _ => Err(format!("give one of --check or --from-feedback\n\n{HELP}")),
    }
}

/// The dictionary the corrections in `lines` ask for (see the module docs). A line that is
/// not a feedback event is an error naming it: a log mixed up with something else should
/// not silently become entries.
fn from_feedback(lines: impl BufRead, min_count: usize) -> Result<Value, String> {
    // (folded text, label) → (a surface form, votes per suggestion; None = not an entity)
    type Votes = (String, BTreeMap<Option<Label>, usize>);
    let mut votes: BTreeMap<(String, Label), Votes> = BTreeMap::new();
    for (n, line) in lines.lines().enumerate() {
        let line = line.map_err(|e| format!("reading line {}: {e}", n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let f: Feedback = serde_json::from_str(&line)
            .map_err(|e| format!("line {}: not a tagit:feedback detail: {e}", n + 1))?;
        let label: Label = f
            .label
            .parse()
            .map_err(|e| format!("line {}: {e}", n + 1))?;
        let suggested = match f.suggested_label.as_deref() {
            None | Some("") => None,
            Some(s) => Some(
                s.parse::<Label>()
                    .map_err(|e| format!("line {}: {e}", n + 1))?,
            ),
        };
        let text = f.text.trim();
        if text.is_empty() || suggested == Some(label) {
            continue;
        }
        let entry = votes
            .entry((fold_str(text), label))
            .or_insert_with(|| (text.to_string(), BTreeMap::new()));
        *entry.1.entry(suggested).or_default() += 1;
    }
    let mut entries = Vec::new();
    for ((_, label), (text, by)) in votes {
        // The suggestion most readers made (ties: not an entity, then label order).
        let Some((&suggested, &count)) = by.iter().max_by_key(|&(s, c)| (*c, s.is_none())) else {
            continue;
        };
        if count < min_count {
            continue;
        }
        entries.push(match suggested {
            None => json!({"text": text, "label": label.as_str(), "ignore": true}),
            Some(l) => json!({"text": text, "label": l.as_str()}),
        });
    }
    let out = json!({ "entries": entries });
    // What we print must be a dictionary tagit accepts.
    Dictionary::from_json(&out.to_string()).map_err(|e| e.to_string())?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agreed_corrections_become_entries() {
        let log = r#"{"text":"פסגה","label":"ORG","suggestedLabel":null,"context":"…","url":"https://x"}
{"text":"פסגה","label":"ORG","suggestedLabel":null}
{"text":"אפל","label":"PER","suggestedLabel":"ORG"}
{"text":"אפל","label":"PER","suggestedLabel":"ORG"}
{"text":"אפל","label":"PER","suggestedLabel":null}
{"text":"רון","label":"PER","suggestedLabel":"ORG"}
"#;
        let out = from_feedback(log.as_bytes(), 2).unwrap();
        assert_eq!(
            out,
            json!({"entries": [
                {"text": "אפל", "label": "ORG"},
                {"text": "פסגה", "label": "ORG", "ignore": true}
            ]})
        );
        assert!(
            from_feedback("not json\n".as_bytes(), 1)
                .unwrap_err()
                .contains("line 1")
        );
    }
}
