//! Scoring temporal expressions on a held-out table (`tests/fixtures/dates-heldout.tsv`):
//! what `tagit eval --dates` prints.
//!
//! Each line: phenomenon, document date (`-` for none), text, and every expression a reader
//! would mark, `LABEL:span=>value` joined by ` | ` (`-` for none); named events as
//! `EVE:span`. The text goes through the whole [`Annotator`] (the path the page and the CLI
//! use), and its DATE and TIME spans are scored against the gold ones:
//!
//! - **overlap F1**: a predicted and a gold span match when they share a character (one to
//!   one, in text order), whatever DATE or TIME says;
//! - **exact F1**: the same, with identical boundaries;
//! - **value accuracy**: of the gold spans matched by overlap, how many have exactly the gold
//!   value (the TIMEX3 string);
//! - **EVE recall**: of the gold named events, how many the annotator marks EVE, exactly.
//!
//! Every figure is given overall and per phenomenon.

use crate::annotator::{Annotator, Options};
use crate::dates::CivilDate;
use crate::span::Label;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// One gold expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Gold {
    /// DATE, TIME or EVE.
    pub label: Label,
    /// Byte range in the text.
    pub start: usize,
    /// Byte offset one past the end.
    pub end: usize,
    /// The TIMEX3 value (none for EVE).
    pub value: Option<String>,
}

/// One line of the table.
#[derive(Clone, Debug)]
pub struct Case {
    /// What the line is about (`anchor`, `tense`, `lookalike`, …).
    pub phenomenon: String,
    /// The article's date.
    pub dct: Option<CivilDate>,
    /// The text.
    pub text: String,
    /// What a reader would mark.
    pub gold: Vec<Gold>,
}

/// Reads a table; an error names the line.
pub fn parse(table: &str) -> Result<Vec<Case>, String> {
    let mut cases = Vec::new();
    for (n, line) in table.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let at = |why: String| format!("line {}: {why}", n + 1);
        let f: Vec<&str> = line.split('\t').collect();
        let [phenomenon, dct, text, expected] = f[..] else {
            return Err(at(format!(
                "expected 4 tab-separated fields, got {}",
                f.len()
            )));
        };
        let dct = match dct {
            "-" => None,
            d => Some(d.parse::<CivilDate>().map_err(|e| at(e.to_string()))?),
        };
        let mut gold = Vec::new();
        let mut from = 0;
        if expected != "-" {
            for item in expected.split(" | ") {
                let (head, value) = match item.split_once("=>") {
                    Some((h, v)) => (h, Some(v.to_string())),
                    None => (item, None),
                };
                let (label, span) = head
                    .split_once(':')
                    .ok_or_else(|| at(format!("{item:?} is not LABEL:span=>value")))?;
                let label: Label = label.parse().map_err(|e| at(format!("{e}")))?;
                let start = text[from..].find(span).map(|i| from + i).ok_or_else(|| {
                    at(format!(
                        "{span:?} is not in the text (after the previous span)"
                    ))
                })?;
                from = start + span.len();
                gold.push(Gold {
                    label,
                    start,
                    end: from,
                    value,
                });
            }
        }
        cases.push(Case {
            phenomenon: phenomenon.to_string(),
            dct,
            text: text.to_string(),
            gold,
        });
    }
    Ok(cases)
}

/// The counts behind the figures of one phenomenon (or of all).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Lines.
    pub lines: usize,
    /// Gold DATE/TIME spans.
    pub gold: usize,
    /// Predicted DATE/TIME spans.
    pub pred: usize,
    /// Pairs matched by overlap.
    pub overlap: usize,
    /// Pairs with identical boundaries.
    pub exact: usize,
    /// Overlap pairs with the gold value.
    pub value: usize,
    /// Gold named events.
    pub events: usize,
    /// Gold named events marked EVE exactly.
    pub events_found: usize,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.lines += o.lines;
        self.gold += o.gold;
        self.pred += o.pred;
        self.overlap += o.overlap;
        self.exact += o.exact;
        self.value += o.value;
        self.events += o.events;
        self.events_found += o.events_found;
    }

    /// Overlap F1 (0..1).
    pub fn overlap_f1(&self) -> f64 {
        f1(self.overlap, self.pred, self.gold)
    }

    /// Exact-span F1 (0..1).
    pub fn exact_f1(&self) -> f64 {
        f1(self.exact, self.pred, self.gold)
    }

    /// Value accuracy over the overlap-matched gold spans (0..1; 1 when none).
    pub fn value_accuracy(&self) -> f64 {
        ratio(self.value, self.overlap)
    }
}

fn f1(tp: usize, pred: usize, gold: usize) -> f64 {
    if pred + gold == 0 {
        1.0
    } else {
        2.0 * tp as f64 / (pred + gold) as f64
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// A mismatch worth reading: the line, and what was expected and found.
#[derive(Clone, Debug)]
pub struct Miss {
    /// The phenomenon.
    pub phenomenon: String,
    /// The text.
    pub text: String,
    /// Gold, as `span=>value`.
    pub want: String,
    /// Found, as `span=>value`.
    pub got: String,
}

/// The scores of a table: per phenomenon, overall, and the lines that went wrong.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Per phenomenon, in name order.
    pub by_phenomenon: BTreeMap<String, Tally>,
    /// All lines.
    pub all: Tally,
    /// Lines with a missed, extra or wrongly valued expression.
    pub misses: Vec<Miss>,
}

/// Scores `annotator` on `cases`.
pub fn score(annotator: &Annotator, cases: &[Case]) -> Report {
    let mut report = Report::default();
    for case in cases {
        let options = Options {
            document_date: case.dct,
            ..Options::default()
        };
        let spans = annotator.annotate(&case.text, &options);
        let pred: Vec<&crate::span::Span> =
            spans.iter().filter(|s| s.label.is_temporal()).collect();
        let gold: Vec<&Gold> = case.gold.iter().filter(|g| g.label.is_temporal()).collect();
        let mut t = Tally {
            lines: 1,
            gold: gold.len(),
            pred: pred.len(),
            ..Tally::default()
        };
        // One to one, in text order: each gold span takes the first unused prediction
        // that overlaps it.
        let mut used = vec![false; pred.len()];
        let mut wrong = false;
        for g in &gold {
            let hit = (0..pred.len())
                .find(|&k| !used[k] && pred[k].start < g.end && g.start < pred[k].end);
            match hit {
                Some(k) => {
                    used[k] = true;
                    t.overlap += 1;
                    if pred[k].start == g.start && pred[k].end == g.end {
                        t.exact += 1;
                    }
                    if pred[k].value == g.value {
                        t.value += 1;
                    } else {
                        wrong = true;
                    }
                }
                None => wrong = true,
            }
        }
        wrong |= used.iter().any(|u| !u);
        for g in case.gold.iter().filter(|g| g.label == Label::EVE) {
            t.events += 1;
            let found = spans
                .iter()
                .any(|s| s.label == Label::EVE && s.start == g.start && s.end == g.end);
            if found {
                t.events_found += 1;
            } else {
                wrong = true;
            }
        }
        if wrong {
            let show = |start: usize, end: usize, label: Label, value: Option<&str>| {
                format!(
                    "{label}:{}=>{}",
                    &case.text[start..end],
                    value.unwrap_or("")
                )
            };
            report.misses.push(Miss {
                phenomenon: case.phenomenon.clone(),
                text: case.text.clone(),
                want: case
                    .gold
                    .iter()
                    .map(|g| show(g.start, g.end, g.label, g.value.as_deref()))
                    .collect::<Vec<_>>()
                    .join(" | "),
                got: spans
                    .iter()
                    .filter(|s| s.label.is_temporal() || s.label == Label::EVE)
                    .map(|s| show(s.start, s.end, s.label, s.value.as_deref()))
                    .collect::<Vec<_>>()
                    .join(" | "),
            });
        }
        report
            .by_phenomenon
            .entry(case.phenomenon.clone())
            .or_default()
            .add(&t);
        report.all.add(&t);
    }
    report
}

impl Report {
    /// The figures as a Markdown table, one row per phenomenon and one for all.
    pub fn table(&self) -> String {
        let mut out = String::from(
            "| phenomenon | lines | gold | found | overlap F1 | exact F1 | value accuracy | EVE found |\n\
             |---|---|---|---|---|---|---|---|\n",
        );
        let row = |out: &mut String, name: &str, t: &Tally| {
            let events = if t.events == 0 {
                "–".to_string()
            } else {
                format!("{}/{}", t.events_found, t.events)
            };
            let _ = writeln!(
                out,
                "| {name} | {} | {} | {} | {:.3} | {:.3} | {:.3} ({}/{}) | {events} |",
                t.lines,
                t.gold,
                t.pred,
                t.overlap_f1(),
                t.exact_f1(),
                t.value_accuracy(),
                t.value,
                t.overlap
            );
        };
        for (name, t) in &self.by_phenomenon {
            row(&mut out, name, t);
        }
        row(&mut out, "**all**", &self.all);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_parse_and_score() {
        let table = "# comment\n\
            plain\t2024-06-04\tאתמול נפגשו השניים.\tDATE:אתמול=>2024-06-03\n\
            none\t-\tאין כאן תאריך.\t-\n\
            event-name\t-\tבמלחמת ששת הימים נכבשה העיר.\tEVE:מלחמת ששת הימים\n";
        let cases = parse(table).unwrap();
        assert_eq!(cases.len(), 3);
        assert_eq!(cases[0].gold[0].value.as_deref(), Some("2024-06-03"));
        assert_eq!(
            &cases[0].text[cases[0].gold[0].start..cases[0].gold[0].end],
            "אתמול"
        );
        assert_eq!(cases[2].gold[0].label, Label::EVE);
        let report = score(&Annotator::default(), &cases[..2]);
        assert_eq!(report.all.gold, 1);
        assert_eq!(report.all.value, 1, "{:?}", report.misses);
        assert!(report.table().contains("| **all** | 2 |"));
        assert!(
            parse("plain\t-\tטקסט\tDATE:לא קיים=>2024")
                .unwrap_err()
                .contains("line 1")
        );
    }
}
