//! Phrase gazetteer: the mentions of the training data, matched as token sequences.
//!
//! `תנועת המושבים`, `שירות התעסוקה`, `המערב התיכון` are made of common words; only having
//! seen the whole phrase as a name gives them away. Every training mention (its first
//! token without the attached prefix) is stored under a hash of its tokens in the model's
//! lexicon table, with a bit per label; every proper beginning of a phrase is stored with
//! [`CONTINUES`], so matching stops after one lookup for most tokens.
//!
//! A match marks its tokens with position bits (`B I E S` × label × [`Group`]) that become
//! features. The same table holds the name lists of [`super::gazetteers`], each list group
//! with its own label bits. In training, the phrases of a sentence's own fold are left out
//! (a jackknife), or the model would learn that a match is always right; the name lists do
//! not come from the training labels and are seen whole.

use super::hash::FeatureHash;
use super::tags::{self, Part};
use crate::corpus::Sentence;
use crate::text::prefix;
use std::collections::HashMap;

/// The longest phrase matched, in tokens.
pub const MAX_PHRASE: usize = 8;
/// Value bit: a longer phrase starts with these tokens.
pub const CONTINUES: u32 = 1 << 31;

/// Where a phrase comes from: each group has its own label bits in a stored value and its
/// own position bits in the marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// A mention of the training data.
    Training = 0,
    /// A name of the imported lists (GeoNames, CLDR, HebSafeHarbor, the Knesset's).
    Imported = 1,
    /// A name of tagit's knowledge list (`model/knowledge-he.tsv`).
    Knowledge = 2,
}

/// Number of groups.
pub const GROUPS: usize = 3;

impl Group {
    /// The groups whose phrases do not come from the training labels.
    pub const LISTS: [Group; 2] = [Group::Imported, Group::Knowledge];

    /// The value bit of label index `l` in this group.
    pub fn bit(self, l: usize) -> u32 {
        1 << (self.shift() + l)
    }

    /// All label bits of this group in a stored value.
    pub fn mask(self) -> u32 {
        ((1 << tags::ENTITY_LABELS.len()) - 1) << self.shift()
    }

    /// The label bits of this group in stored value `v`, bit `l` for label index `l`.
    fn labels(self, v: u32) -> u32 {
        (v & self.mask()) >> self.shift()
    }

    fn shift(self) -> usize {
        self as usize * tags::ENTITY_LABELS.len()
    }
}

/// Position bits per group in a mark: `B I E S` × label.
pub const GROUP_MARK_BITS: usize = 4 * tags::ENTITY_LABELS.len();

const T_PHRASE: u8 = 41;

/// Starts the key of a phrase whose first token (after its prefix) is `first`.
fn start(seed: u32, first: &str) -> FeatureHash {
    FeatureHash::new(seed, T_PHRASE).str(first)
}

/// Adds the phrase `first rest…` (`first` read after its attached prefix) to `table` with
/// value bit `bit`: every proper beginning of it gets [`CONTINUES`].
pub fn insert<'a>(
    seed: u32,
    table: &mut HashMap<u32, u32>,
    first: &str,
    rest: impl IntoIterator<Item = &'a str>,
    bit: u32,
) {
    let mut h = start(seed, first);
    for w in rest {
        *table.entry(h.finish()).or_default() |= CONTINUES;
        h = h.str(w);
    }
    *table.entry(h.finish()).or_default() |= bit;
}

/// Adds the phrases of `sentences` to `table` (key → label bits | [`CONTINUES`]).
pub fn collect(seed: u32, sentences: &[Sentence], table: &mut HashMap<u32, u32>) {
    for s in sentences {
        for m in &s.mentions {
            let Some(l) = tags::label_index(m.label) else {
                continue;
            };
            if m.end - m.start > MAX_PHRASE {
                continue;
            }
            let w = &s.words[m.start];
            let first = &w[m.prefix.unwrap_or(0).min(w.len())..];
            let rest = s.words[m.start + 1..m.end].iter().map(String::as_str);
            insert(seed, table, first, rest, Group::Training.bit(l));
        }
    }
}

/// Marks, per token of `words`, the phrase matches covering it: bit
/// `GROUP_MARK_BITS·g + 4l + part` for group `g`, label `l` and part `B=0 I=1 E=2 S=3`.
/// `lookup` returns the stored value of a key (0 if none).
pub fn mark(seed: u32, lookup: impl Fn(u32) -> u32, words: &[&str], out: &mut Vec<u128>) {
    mark_where(seed, lookup, words, |_| true, out);
}

/// True when `word` (after some attached prefix, or none) is the first token of a stored
/// phrase or of a proper beginning of one: the only tokens at which [`mark`] can find a match.
pub fn may_start(seed: u32, lookup: impl Fn(u32) -> u32, word: &str) -> bool {
    std::iter::once(0)
        .chain(prefix::splits(word))
        .any(|p| lookup(start(seed, &word[p..]).finish()) != 0)
}

/// [`mark`], trying matches only at the tokens `i` where `candidate(i)`; the runtime passes
/// the tokens whose word [`may_start`] a phrase (known per distinct word), which skips the
/// lookups at all the others and finds the same matches.
pub fn mark_where(
    seed: u32,
    lookup: impl Fn(u32) -> u32,
    words: &[&str],
    candidate: impl Fn(usize) -> bool,
    out: &mut Vec<u128>,
) {
    out.clear();
    out.resize(words.len(), 0);
    for i in 0..words.len() {
        if !candidate(i) {
            continue;
        }
        let w = words[i];
        for p in std::iter::once(0).chain(prefix::splits(w)) {
            let mut h = start(seed, &w[p..]);
            let mut j = i + 1;
            loop {
                let v = lookup(h.finish());
                let labels = v & !CONTINUES;
                if labels != 0 {
                    let n = tags::ENTITY_LABELS.len();
                    for gl in 0..GROUPS * n {
                        if labels & (1 << gl) == 0 {
                            continue;
                        }
                        let (g, l) = (gl / n, gl % n);
                        let bit =
                            |part: Part| 1u128 << (GROUP_MARK_BITS * g + 4 * l + part_index(part));
                        if j - i == 1 {
                            out[i] |= bit(Part::S);
                        } else {
                            out[i] |= bit(Part::B);
                            for o in &mut out[i + 1..j - 1] {
                                *o |= bit(Part::I);
                            }
                            out[j - 1] |= bit(Part::E);
                        }
                    }
                }
                if v & CONTINUES == 0 || j >= words.len() || j - i >= MAX_PHRASE {
                    break;
                }
                h = h.str(words[j]);
                j += 1;
            }
        }
    }
}

/// The longest phrase of `group` starting at each token of `words`, left to right, without
/// overlaps: `(first token, one past the last, attached-prefix bytes of the first, label
/// index)`. Only phrases of at least `min_tokens` tokens with exactly one label in the group.
pub fn longest_matches(
    seed: u32,
    lookup: impl Fn(u32) -> u32,
    words: &[&str],
    group: Group,
    min_tokens: usize,
) -> Vec<(usize, usize, usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let best = std::iter::once(0)
            .chain(prefix::splits(words[i]))
            .filter_map(|p| {
                let (n, l) = list_entry_at(seed, &lookup, &words[i..], p, MAX_PHRASE, group)?;
                (n >= min_tokens).then_some((n, p, l))
            })
            .reduce(|best, m| if m.0 > best.0 { m } else { best });
        match best {
            Some((n, p, l)) => {
                out.push((i, i + n, p, l));
                i += n;
            }
            None => i += 1,
        }
    }
    out
}

/// The entry of name-list `group` that `words` begin with, the first word read after
/// `prefix` bytes: `(tokens, label index)` of the longest one with one label, within `max`
/// tokens.
pub fn list_entry_at(
    seed: u32,
    lookup: impl Fn(u32) -> u32,
    words: &[&str],
    prefix: usize,
    max: usize,
    group: Group,
) -> Option<(usize, usize)> {
    let first = words.first()?;
    let mut h = start(seed, first.get(prefix..)?);
    let mut best = None;
    for j in 1..=max.min(words.len()).min(MAX_PHRASE) {
        if j > 1 {
            h = h.str(words[j - 1]);
        }
        let v = lookup(h.finish());
        let labels = group.labels(v);
        if labels.count_ones() == 1 {
            best = Some((j, labels.trailing_zeros() as usize));
        }
        if v & CONTINUES == 0 {
            break;
        }
    }
    best
}

fn part_index(p: Part) -> usize {
    match p {
        Part::B => 0,
        Part::I => 1,
        Part::E => 2,
        Part::S | Part::O => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Mention;
    use crate::span::Label;

    #[test]
    fn phrases_match_after_prefixes() {
        let s = Sentence {
            words: vec![
                "ל".into(),
                "תנועת".into(),
                "המושבים".into(),
                "בירושלים".into(),
            ],
            mentions: vec![
                Mention {
                    start: 1,
                    end: 3,
                    label: Label::ORG,
                    prefix: Some(0),
                },
                Mention {
                    start: 3,
                    end: 4,
                    label: Label::GPE,
                    prefix: Some(2),
                },
            ],
        };
        let mut table = HashMap::new();
        collect(7, &[s], &mut table);
        let mut out = Vec::new();
        mark(
            7,
            |k| table.get(&k).copied().unwrap_or(0),
            &["ולתנועת", "המושבים", "מירושלים", "סתם"],
            &mut out,
        );
        let org = 1;
        let gpe = 2;
        assert_eq!(out[0], 1 << (4 * org));
        assert_eq!(out[1], 1 << (4 * org + 2));
        assert_eq!(out[2], 1 << (4 * gpe + 3));
        assert_eq!(out[3], 0);
    }
}
