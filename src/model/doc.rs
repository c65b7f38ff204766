//! Document evidence: how the other occurrences of a word in the same document were
//! tagged.
//!
//! A name is usually written in full once and then repeated (`הארקין`, `לטוקי`); the
//! repetitions lack the context that gave the first one away. The model therefore runs
//! twice over a document: the first pass tags every sentence on its own, a [`DocMemory`]
//! records each word's tags, and the second pass sees, per token, which labels *other*
//! occurrences of the word (or of its prefix-stripped stems) received. In training the
//! memory is filled from the gold tags, the same code otherwise.

use super::tags::{self, Part};
use crate::fasthash::FxHashMap;
use crate::text::prefix;

/// Corpora come as sentence lists without document boundaries; training and corpus
/// evaluation treat each run of this many consecutive sentences as one document.
pub const DOC_SENTENCES: usize = 20;

/// Bit of "another occurrence started a mention (after its prefix)".
pub const FIRST: u16 = 1 << 10;

/// Per-word tag counts over a document.
///
/// Keys are owned, so a memory can outlive the text it was filled from: a web page's
/// article is read a paragraph at a time ([`crate::article`]). Only words that were tagged
/// are recorded, so that is an allocation per distinct entity word, not per token.
#[derive(Default, Debug)]
pub struct DocMemory {
    counts: FxHashMap<Box<str>, [u16; 11]>,
}

/// What one token contributes: the key it is recorded under and the slot counted.
fn contribution(word: &str, tag: u8, prefix_len: usize) -> [(&str, usize); 2] {
    match tags::split(tag) {
        // Only positive evidence is recorded: "this word was O elsewhere" mostly records
        // the first pass's misses, and in training (gold memory) it is almost always
        // right, so the model would learn to copy the first pass's mistakes (−0.9 F1 on
        // dev, and bare `פוטין` after `ולדימיר פוטין` was lost on the demo article).
        (Part::O, _) => [("", 0), ("", 0)],
        (part, l) => {
            let key = if matches!(part, Part::B | Part::S) {
                &word[prefix_len.min(word.len())..]
            } else {
                word
            };
            let second = if matches!(part, Part::B | Part::S) {
                (key, 10)
            } else {
                ("", 0)
            };
            [(key, l), second]
        }
    }
}

impl DocMemory {
    /// Forgets everything (keeps the allocation).
    pub fn clear(&mut self) {
        self.counts.clear();
    }

    /// Records a tagged sentence; `prefixes[i]` is the prefix length of token `i` when it
    /// starts a mention.
    pub fn add(&mut self, words: &[&str], tags: &[u8], prefixes: &[usize]) {
        for (i, (&w, &t)) in words.iter().zip(tags).enumerate() {
            for (key, slot) in contribution(w, t, prefixes.get(i).copied().unwrap_or(0)) {
                if key.is_empty() {
                    continue;
                }
                let c = match self.counts.get_mut(key) {
                    Some(c) => c,
                    None => self.counts.entry(key.into()).or_default(),
                };
                c[slot] = c[slot].saturating_add(1);
            }
        }
    }

    /// Per token, the labels other occurrences received (bit `l` for label index `l`,
    /// [`FIRST`]), not counting the token's own tag.
    pub fn bits(&self, words: &[&str], tags: &[u8], prefixes: &[usize], out: &mut Vec<u16>) {
        out.clear();
        for (i, &w) in words.iter().enumerate() {
            let own = contribution(w, tags[i], prefixes.get(i).copied().unwrap_or(0));
            let mut bits = 0u16;
            let mut look = |key: &str| {
                if let Some(c) = self.counts.get(key) {
                    for (slot, &n) in c.iter().enumerate() {
                        let mine =
                            own.iter().filter(|(k, s)| *k == key && *s == slot).count() as u16;
                        if n > mine {
                            bits |= 1 << slot;
                        }
                    }
                }
            };
            look(w);
            for p in prefix::splits(w) {
                look(&w[p..]);
            }
            out.push(bits);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::tags::{O, tag};

    #[test]
    fn own_occurrence_does_not_count() {
        let s1 = ["אמר", "טום", "הארקין"];
        let t1 = [O, tag(Part::B, 0), tag(Part::E, 0)];
        let s2 = ["הארקין", "אמר"];
        let t2 = [O, O];
        let mut m = DocMemory::default();
        m.add(&s1, &t1, &[0, 0, 0]);
        m.add(&s2, &t2, &[0, 0]);
        let mut bits = Vec::new();
        m.bits(&s2, &t2, &[0, 0], &mut bits);
        assert_eq!(bits[0] & 1, 1, "PER elsewhere");
        assert_eq!(bits[1], 0, "O elsewhere is not recorded");
        m.bits(&s1, &t1, &[0, 0, 0], &mut bits);
        assert_eq!(bits[2] & 1, 0, "its own PER tag is not evidence");
    }

    #[test]
    fn stems_match_prefixed_forms() {
        let mut m = DocMemory::default();
        m.add(&["בהאג"], &[tag(Part::S, 2)], &[2]);
        let mut bits = Vec::new();
        m.bits(&["להאג"], &[O], &[0], &mut bits);
        assert_eq!(bits[0] & (1 << 2), 1 << 2);
    }
}
