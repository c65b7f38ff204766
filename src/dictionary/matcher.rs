//! The dictionary's automaton: a trie over folded tokens.
//!
//! A form (`שמעון פנחסי`) is cut by the same tokenizer as the text and stored as a path of
//! token hashes; each node may end a form. Matching at a text token tries the whole word and
//! then each legal prefix split (`ולפנחסי` → `פנחסי`), walks on token by token, and keeps the
//! longest form that ends there: one hash lookup for most tokens, whatever the dictionary's
//! size. Hyphens and maqafs are skipped on both sides, so `בית-שמש`, `בית־שמש` and
//! `בית שמש` are one form; Latin letters match in any case.
//!
//! Why not the `aho-corasick` crate: it matches characters, so every hit would still need
//! the word-boundary and attached-prefix checks done here, and it would add its automaton
//! code to the wasm; a trie of token hashes is a few dozen lines over the tokenizer the
//! model already runs.

use crate::fasthash::{FxHashMap, FxHasher};
use crate::text::{Document, TokenKind, prefix};
use std::hash::Hasher;

/// The most tokens a form may have.
pub const MAX_FORM_TOKENS: usize = 12;

/// No entry ends at a node.
const NONE: u32 = u32::MAX;

/// A trie of forms, each ending in an entry index.
#[derive(Default)]
pub struct Matcher {
    /// (node, token hash) → child node. Node 0 is the root.
    edges: FxHashMap<(u32, u64), u32>,
    /// Per node, the entry whose form ends there, or [`NONE`].
    ends: Vec<u32>,
}

/// One match: tokens `first..last + 1` of the document, the first read from byte `start`
/// of the original text (after an attached prefix), ending at byte `end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match {
    /// The entry matched.
    pub entry: u32,
    /// The first token's index.
    pub first: usize,
    /// The index one past the last token.
    pub past: usize,
    /// Byte offset of the match in the original text (after any attached prefix).
    pub start: usize,
    /// Byte offset one past the match.
    pub end: usize,
}

/// The tokens of `form` that take part in matching (hyphens dropped), folded; none when
/// the form has no letter or digit.
pub fn form_tokens(form: &str) -> Vec<String> {
    let doc = Document::new(form);
    if doc.tokens().iter().all(|t| t.kind == TokenKind::Punct) {
        return Vec::new();
    }
    (0..doc.len())
        .map(|i| doc.norm(i))
        .filter(|w| !is_hyphen(w))
        .map(str::to_owned)
        .collect()
}

/// A hyphen or maqaf token (the tokenizer folds the maqaf and Unicode hyphens to `-`).
fn is_hyphen(word: &str) -> bool {
    matches!(word, "-" | "–")
}

/// The hash a folded token is stored and looked up under (ASCII letters lowercased).
pub fn token_hash(word: &str) -> u64 {
    let mut h = FxHasher::default();
    for b in word.bytes() {
        h.write_u8(b.to_ascii_lowercase());
    }
    h.write_u8(0xff);
    h.finish()
}

impl Matcher {
    /// An empty matcher.
    pub fn new() -> Self {
        Matcher {
            edges: FxHashMap::default(),
            ends: vec![NONE],
        }
    }

    /// Stores `tokens` (from [`form_tokens`]) as a form of `entry`; returns the entry it
    /// replaces, if the same form was stored before.
    pub fn insert(&mut self, tokens: &[String], entry: u32) -> Option<u32> {
        let mut node = 0u32;
        for t in tokens {
            let next = self.ends.len() as u32;
            node = *self.edges.entry((node, token_hash(t))).or_insert(next);
            if node == next {
                self.ends.push(NONE);
            }
        }
        let old = std::mem::replace(&mut self.ends[node as usize], entry);
        (old != NONE).then_some(old)
    }

    /// Number of trie nodes (the root included).
    pub fn nodes(&self) -> usize {
        self.ends.len()
    }

    /// Every form ending a walk that starts at token `i`, shortest first, each given to
    /// `found` (which returns `false` to reject it; the walk goes on). Returns the longest
    /// accepted match, preferring the whole word to a peeled prefix on a tie.
    pub fn longest_at(
        &self,
        doc: &Document<'_>,
        i: usize,
        accept: &mut dyn FnMut(&Match) -> bool,
    ) -> Option<Match> {
        let word = doc.norm(i);
        if is_hyphen(word) {
            return None;
        }
        let mut best: Option<Match> = None;
        for p in std::iter::once(0).chain(prefix::splits(word)) {
            let Some(&node) = self.edges.get(&(0, token_hash(&word[p..]))) else {
                continue;
            };
            let start = doc.original_offset(i, p);
            self.walk(doc, node, i, start, &mut |m| {
                if best.is_none_or(|b| m.past > b.past) && accept(&m) {
                    best = Some(m);
                }
            });
        }
        best
    }

    /// Walks on from `node`, reached by token `first`, reporting every form that ends.
    fn walk(
        &self,
        doc: &Document<'_>,
        mut node: u32,
        first: usize,
        start: usize,
        found: &mut dyn FnMut(Match),
    ) {
        let mut j = first;
        let mut steps = 1;
        loop {
            let entry = self.ends[node as usize];
            if entry != NONE {
                found(Match {
                    entry,
                    first,
                    past: j + 1,
                    start,
                    end: doc.tokens()[j].end,
                });
            }
            // The next word, skipping hyphens.
            let mut k = j + 1;
            while k < doc.len() && is_hyphen(doc.norm(k)) {
                k += 1;
            }
            if k >= doc.len() || steps >= MAX_FORM_TOKENS {
                return;
            }
            match self.edges.get(&(node, token_hash(doc.norm(k)))) {
                Some(&next) => {
                    node = next;
                    j = k;
                    steps += 1;
                }
                None => return,
            }
        }
    }

    /// The leftmost-longest matches in `doc`, in order and non-overlapping: at each token
    /// the longest accepted form, then on after it.
    pub fn scan(&self, doc: &Document<'_>, accept: &mut dyn FnMut(&Match) -> bool) -> Vec<Match> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < doc.len() {
            match self.longest_at(doc, i, accept) {
                Some(m) => {
                    i = m.past;
                    out.push(m);
                }
                None => i += 1,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(forms: &[&str]) -> Matcher {
        let mut m = Matcher::new();
        for (k, f) in forms.iter().enumerate() {
            m.insert(&form_tokens(f), k as u32);
        }
        m
    }

    /// The matched texts and entries of `text`.
    fn found(forms: &[&str], text: &str) -> Vec<(String, u32)> {
        let m = matcher(forms);
        let doc = Document::new(text);
        m.scan(&doc, &mut |_| true)
            .iter()
            .map(|x| (text[x.start..x.end].to_string(), x.entry))
            .collect()
    }

    #[test]
    fn prefixes_stay_outside_and_the_longest_form_wins() {
        let forms = ["פנחסי", "שמעון פנחסי", "מועצה"];
        assert_eq!(
            found(&forms, "אמר ולפנחסי ושמעון פנחסי, והמועצה."),
            [
                ("פנחסי".into(), 0),
                ("שמעון פנחסי".into(), 1),
                ("מועצה".into(), 2)
            ]
        );
    }

    #[test]
    fn niqqud_geresh_kinds_hyphens_and_case_fold() {
        let forms = ["צ'רלי", "בית שמש", "NBA"];
        let text = "צ׳רלִי בבית־שמש ב-nba";
        assert_eq!(
            found(&forms, text),
            [
                ("צ׳רלִי".into(), 0),
                ("בית־שמש".into(), 1),
                ("nba".into(), 2)
            ]
        );
    }

    #[test]
    fn whole_words_only_and_a_rejected_form_leaves_the_shorter() {
        let forms = ["רון", "רון לוי"];
        assert!(found(&forms, "ברונו").is_empty());
        let m = matcher(&forms);
        let doc = Document::new("רון לוי");
        let got = m.longest_at(&doc, 0, &mut |x| x.entry == 0).unwrap();
        assert_eq!((got.entry, got.past), (0, 1));
    }

    #[test]
    fn a_form_stored_twice_replaces_the_first() {
        let mut m = Matcher::new();
        assert_eq!(m.insert(&form_tokens("רון"), 0), None);
        assert_eq!(m.insert(&form_tokens("רוֹן"), 1), Some(0));
    }
}
