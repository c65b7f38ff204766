//! A site dictionary: what a publisher knows that no model does.
//!
//! Its own columnists, the local council, the sponsor whose name is also a common word, the
//! recurring false alarm. A dictionary is a JSON list of entries (the format is documented
//! in `docs/dictionary.md`, with a JSON Schema in `docs/dictionary.schema.json`):
//!
//! - `{"text": "שמעון פנחסי", "variants": ["פנחסי"], "label": "PER", "canonical": …,
//!   "link": "https://…", "id": …}` adds a name, or relabels what the model found there;
//! - `{"text": "…", "ignore": true}` suppresses a string: what tagit found inside it is
//!   dropped (with a `label`, only what has that label), a longer name around it stays
//!   (ignoring `אביב` keeps `תל אביב`); `{"label": "DATE", "ignore": true}` suppresses a
//!   whole label;
//! - `"context": ["כדורגל", …]` makes an entry count only within [`CONTEXT_WINDOW`] words
//!   of one of those words.
//!
//! [`Dictionary::compile`] checks every entry (a clear error names the first bad one) and
//! builds one automaton for all forms ([`matcher`]); [`Dictionary::apply`] is the layer the
//! annotator runs last, so entries win over the model, the lists and the dates.

mod json;
pub mod matcher;

use crate::span::{Entity, Label, LabelSet, Span};
use crate::text::{Document, prefix};
use matcher::{Match, Matcher, form_tokens, token_hash};
use std::fmt;
use std::sync::Arc;

/// The largest dictionary accepted, in bytes of JSON.
pub const MAX_BYTES: usize = 16 << 20;
/// The most entries a dictionary may have.
pub const MAX_ENTRIES: usize = 200_000;
/// The longest form (text or variant), in characters.
pub const MAX_FORM_CHARS: usize = 200;
/// The most variants (or context words) one entry may have.
pub const MAX_VARIANTS: usize = 100;
/// How many words either side of a match its context words are looked for in.
pub const CONTEXT_WINDOW: usize = 20;
/// Confidence of a span a dictionary entry adds: the publisher's word.
pub const DICTIONARY_CONFIDENCE: f32 = 1.0;

/// One entry as written in the JSON (`json.rs` reads it).
#[derive(Clone, Debug, Default)]
pub struct Entry {
    /// The name as the site writes it.
    pub text: Option<String>,
    /// Other spellings of the same name.
    pub variants: Vec<String>,
    /// The label the name gets (or, with `ignore`, the label suppressed).
    pub label: Option<String>,
    /// The name to show for every form (default: `text`).
    pub canonical: Option<String>,
    /// An http(s) page about the entity.
    pub link: Option<String>,
    /// The publisher's own identifier, passed through.
    pub id: Option<String>,
    /// Suppress instead of adding.
    pub ignore: bool,
    /// Words near which alone the entry counts.
    pub context: Vec<String>,
}

/// The error for JSON that is neither form of a dictionary.
const NOT_A_DICTIONARY: &str =
    "not a dictionary: expected a JSON object {\"entries\": [...]} or an array of entries";

/// Why a dictionary was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error(pub String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "dictionary: {}", self.0)
    }
}

impl std::error::Error for Error {}

/// What one compiled entry does where it matches.
#[derive(Debug)]
enum Action {
    /// Marks the match with this label (and entity).
    Add(Label, Arc<Entity>),
    /// Removes what lies within the match (only spans of this label, if given).
    Ignore(Option<Label>),
}

#[derive(Debug)]
struct Compiled {
    action: Action,
    /// Hashes of the context words; empty: counts everywhere.
    context: Vec<u64>,
}

/// A compiled dictionary. Compile once, share (it is `Send + Sync`), apply to any number
/// of texts.
pub struct Dictionary {
    matcher: Matcher,
    entries: Vec<Compiled>,
    /// Labels suppressed wherever tagit found them.
    ignored: LabelSet,
    warnings: Vec<String>,
}

impl fmt::Debug for Dictionary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Dictionary({} entries)", self.entries.len())
    }
}

impl Dictionary {
    /// Parses and compiles a dictionary from its JSON text.
    pub fn from_json(json: &str) -> Result<Dictionary, Error> {
        if json.len() > MAX_BYTES {
            return Err(Error(format!(
                "{} bytes is over the limit of {MAX_BYTES} bytes (16 MiB)",
                json.len()
            )));
        }
        Dictionary::compile(json::parse(json)?)
    }

    /// Checks and compiles `entries`. The first bad entry is an error naming it; a form
    /// given twice is not (the later entry wins) but is listed in [`Dictionary::warnings`].
    pub fn compile(entries: Vec<Entry>) -> Result<Dictionary, Error> {
        if entries.len() > MAX_ENTRIES {
            return Err(Error(format!(
                "{} entries is over the limit of {MAX_ENTRIES}",
                entries.len()
            )));
        }
        let mut dict = Dictionary {
            matcher: Matcher::new(),
            entries: Vec::with_capacity(entries.len()),
            ignored: LabelSet::EMPTY,
            warnings: Vec::new(),
        };
        let mut duplicates = Vec::new();
        for (n, e) in entries.into_iter().enumerate() {
            let Some(compiled) = check(n, &e)? else {
                // A whole label suppressed: nothing to match.
                if let Some(l) = &e.label {
                    dict.ignored = dict.ignored.with(parse_label(n, &e, l)?);
                }
                continue;
            };
            let index = dict.entries.len() as u32;
            dict.entries.push(compiled);
            for form in e.text.iter().chain(&e.variants) {
                let tokens = form_tokens(form);
                if tokens.is_empty() {
                    return Err(entry_error(
                        n,
                        &e,
                        &format!("{form:?} has no word to match"),
                    ));
                }
                if tokens.len() > matcher::MAX_FORM_TOKENS {
                    return Err(entry_error(
                        n,
                        &e,
                        &format!("{form:?} has over {} words", matcher::MAX_FORM_TOKENS),
                    ));
                }
                if dict.matcher.insert(&tokens, index).is_some() && duplicates.len() < 1000 {
                    duplicates.push(form.clone());
                }
            }
        }
        if !duplicates.is_empty() {
            let shown: Vec<&str> = duplicates.iter().take(5).map(String::as_str).collect();
            dict.warnings.push(format!(
                "{} form(s) given more than once, the later entry wins: {}{}",
                duplicates.len(),
                shown.join(", "),
                if duplicates.len() > 5 { ", …" } else { "" }
            ));
        }
        Ok(dict)
    }

    /// The number of entries (suppressed labels included).
    pub fn len(&self) -> usize {
        self.entries.len()
            + Label::ALL
                .iter()
                .filter(|&&l| self.ignored.contains(l))
                .count()
    }

    /// True when the dictionary has no entry.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// What was accepted but looks like a mistake (forms given twice), a line each.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The dictionary layer: over `spans` (what the model, the lists and the date engine
    /// found in `doc`, sorted and non-overlapping), suppresses the ignored labels and what
    /// lies within an ignored string, and puts each added name in place of whatever
    /// overlapped it. Leaves the spans sorted and non-overlapping.
    pub fn apply(&self, doc: &Document<'_>, spans: &mut Vec<Span>) {
        spans.retain(|s| !self.ignored.contains(s.label));
        if self.entries.is_empty() {
            return;
        }
        let matches = self.matcher.scan(doc, &mut |m| self.in_context(doc, m));
        if matches.is_empty() {
            return;
        }
        // An added name removes what overlaps it; an ignored string what lies within it
        // (with a label: only that label).
        let mut added = Vec::new();
        let mut next = 0; // the first match that can still overlap a span
        spans.retain(|s| {
            while next < matches.len() && matches[next].end <= s.start {
                next += 1;
            }
            let mut k = next;
            while k < matches.len() && matches[k].start < s.end {
                let m = &matches[k];
                let within = m.start <= s.start && s.end <= m.end;
                match &self.entries[m.entry as usize].action {
                    Action::Add(..) => return false,
                    Action::Ignore(Some(l)) if *l != s.label => {}
                    Action::Ignore(_) if within => return false,
                    Action::Ignore(_) => {}
                }
                k += 1;
            }
            true
        });
        for m in &matches {
            if let Action::Add(label, entity) = &self.entries[m.entry as usize].action {
                added.push(Span {
                    start: m.start,
                    end: m.end,
                    label: *label,
                    text: String::new(),
                    value: None,
                    confidence: DICTIONARY_CONFIDENCE,
                    entity: Some(entity.clone()),
                });
            }
        }
        if !added.is_empty() {
            spans.extend(added);
            spans.sort_by_key(|s| s.start);
        }
    }

    /// Gives each span of `spans` that has no entity yet the entity of the entry whose form
    /// it is exactly, with the same label (the built-in knowledge list's links, see
    /// [`crate::links`]); a span a site entry named without a link keeps that entry's name
    /// and id and gets the link. Adds and removes nothing.
    pub fn link(&self, doc: &Document<'_>, spans: &mut [Span]) {
        let tokens = doc.tokens();
        let unlinked = |s: &Span| s.entity.as_ref().is_none_or(|e| e.link.is_none());
        for s in spans.iter_mut().filter(|s| unlinked(s)) {
            // The token the span starts in (after an attached prefix, or at its start).
            let i = tokens.partition_point(|t| t.end <= s.start);
            if i >= tokens.len() {
                continue;
            }
            let found = self
                .matcher
                .longest_at(doc, i, &mut |m| m.start == s.start && m.end <= s.end);
            if let Some(m) = found.filter(|m| m.end == s.end)
                && let Action::Add(label, entity) = &self.entries[m.entry as usize].action
                && *label == s.label
            {
                s.entity = Some(match s.entity.take() {
                    None => entity.clone(),
                    Some(own) => Arc::new(Entity {
                        link: entity.link.clone(),
                        ..(*own).clone()
                    }),
                });
            }
        }
    }

    /// True when the entry of `m` has no context words or one is within
    /// [`CONTEXT_WINDOW`] words of the match (whole, or after an attached prefix).
    fn in_context(&self, doc: &Document<'_>, m: &Match) -> bool {
        let context = &self.entries[m.entry as usize].context;
        if context.is_empty() {
            return true;
        }
        let from = m.first.saturating_sub(CONTEXT_WINDOW);
        let to = (m.past + CONTEXT_WINDOW).min(doc.len());
        (from..to)
            .filter(|k| !(m.first..m.past).contains(k))
            .any(|k| {
                let w = doc.norm(k);
                std::iter::once(0)
                    .chain(prefix::splits(w))
                    .any(|p| context.contains(&token_hash(&w[p..])))
            })
    }
}

/// A dictionary of `n` made-up names, for the benchmarks (`benches/dictionary.rs`,
/// `tests/web_budget.rs`; `tests/e2e/dictionary-bench.mjs` makes the same in JS): two words
/// each, a third of them with a variant, a fifth with a link, a tenth with an id.
#[doc(hidden)]
pub fn synthetic(n: usize) -> String {
    const LETTERS: [char; 22] = [
        'א', 'ב', 'ג', 'ד', 'ה', 'ו', 'ז', 'ח', 'ט', 'י', 'כ', 'ל', 'מ', 'נ', 'ס', 'ע', 'פ', 'צ',
        'ק', 'ר', 'ש', 'ת',
    ];
    let word = |i: usize, len: usize| -> String {
        (0..len)
            .map(|k| LETTERS[(i * 7 + k * 13 + (i >> k)) % LETTERS.len()])
            .collect()
    };
    let labels = ["PER", "ORG", "GPE", "LOC"];
    let entries: Vec<String> = (0..n)
        .map(|i| {
            let mut e = format!(
                r#"{{"text":"{} {}","label":"{}""#,
                word(i, 5),
                word(i + 1, 4),
                labels[i % 4]
            );
            if i % 3 == 0 {
                e += &format!(r#","variants":["{}"]"#, word(i, 6));
            }
            if i % 5 == 0 {
                e += &format!(r#","link":"https://example.com/e/{i}""#);
            }
            if i % 10 == 0 {
                e += &format!(r#","id":"e{i}""#);
            }
            e + "}"
        })
        .collect();
    format!(r#"{{"entries":[{}]}}"#, entries.join(","))
}

/// Checks entry `n`; `None` for an entry that suppresses a whole label.
fn check(n: usize, e: &Entry) -> Result<Option<Compiled>, Error> {
    if e.text.as_deref().is_some_and(|t| t.trim().is_empty()) {
        return Err(entry_error(n, e, "\"text\" is empty"));
    }
    let text = e.text.as_deref().map(str::trim);
    let label = match &e.label {
        Some(l) => Some(parse_label(n, e, l)?),
        None => None,
    };
    if text.is_none() {
        if e.ignore && label.is_some() {
            let only_label = e.variants.is_empty()
                && e.canonical.is_none()
                && e.link.is_none()
                && e.id.is_none()
                && e.context.is_empty();
            if !only_label {
                return Err(entry_error(
                    n,
                    e,
                    "an entry suppressing a whole label has only \"label\" and \"ignore\"",
                ));
            }
            return Ok(None);
        }
        return Err(entry_error(
            n,
            e,
            "no \"text\" (every entry names a string, except {\"label\": …, \"ignore\": true})",
        ));
    }
    if e.variants.len() > MAX_VARIANTS || e.context.len() > MAX_VARIANTS {
        return Err(entry_error(
            n,
            e,
            &format!("over {MAX_VARIANTS} variants or context words"),
        ));
    }
    for form in e.text.iter().chain(&e.variants) {
        if form.chars().count() > MAX_FORM_CHARS {
            return Err(entry_error(
                n,
                e,
                &format!("a form is over {MAX_FORM_CHARS} characters"),
            ));
        }
    }
    if let Some(link) = &e.link {
        check_link(link).map_err(|why| entry_error(n, e, why))?;
    }
    let mut context = Vec::new();
    for word in &e.context {
        match form_tokens(word).as_slice() {
            [one] => context.push(token_hash(one)),
            _ => {
                return Err(entry_error(
                    n,
                    e,
                    &format!("context word {word:?} is not one word"),
                ));
            }
        }
    }
    let action = if e.ignore {
        Action::Ignore(label)
    } else {
        let Some(label) = label else {
            return Err(entry_error(
                n,
                e,
                "no \"label\" (one of PER ORG GPE LOC FAC EVE WOA DUC ANG DATE TIME, or \"ignore\": true)",
            ));
        };
        let canonical = e
            .canonical
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty());
        Action::Add(
            label,
            Arc::new(Entity {
                canonical: canonical.or(text).unwrap_or_default().to_string(),
                link: e.link.clone(),
                id: e.id.clone(),
            }),
        )
    };
    Ok(Some(Compiled { action, context }))
}

fn parse_label(n: usize, e: &Entry, name: &str) -> Result<Label, Error> {
    name.parse::<Label>()
        .map_err(|err| entry_error(n, e, &err.to_string()))
}

/// An error about entry `n` (counted from 1, as a person reads the file), quoting its text.
fn entry_error(n: usize, e: &Entry, why: &str) -> Error {
    match e.text.as_deref().filter(|t| !t.trim().is_empty()) {
        Some(t) => Error(format!("entry {} ({t:?}): {why}", n + 1)),
        None => Error(format!("entry {}: {why}", n + 1)),
    }
}

/// An absolute http(s) URL with a host and no whitespace: what a reader's click can open.
fn check_link(link: &str) -> Result<(), &'static str> {
    let lower = link.get(..8).unwrap_or(link).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &link[8..]
    } else if lower.starts_with("http://") {
        &link[7..]
    } else {
        return Err("\"link\" must be an http:// or https:// URL");
    };
    if rest.is_empty()
        || rest.starts_with('/')
        || link.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err("\"link\" must be an http(s) URL with a host and no spaces");
    }
    Ok(())
}

#[cfg(test)]
mod tests;
