//! Two adjacent names that the tagger got wrong as a pair, mended with the knowledge list.
//!
//! A tagger sees an organisation followed by its chief (`גוגל סונדאר פיצ'אי`, `חמאס מוסא אבו
//! מרזוק`) as a run of rare words and may tag it one name, or cut it at the wrong word. Three
//! rules over a sentence's decoded mentions `(start, end, label index)`:
//!
//! 1. a mention that begins with a whole knowledge-list name of another label is split
//!    there, when the rest is a list name of the mention's own label, or is a person of two
//!    words or more (or starting with a first name) after an organisation. A one-word head
//!    that is also a first name (ישראל, שרון) is left alone: it may be the person's own;
//! 2. an organisation that is a list name plus a first name, right before a person, gives
//!    the first name back to the person (`חמאס מוסא` + `אבו מרזוק`);
//! 3. a lone first name right before a person joins that person (`מוסא` + `אבו מרזוק`).
//!
//! All three are neutral on dev (joining *every* two adjacent persons cost 0.1 on both dev
//! sets; using the imported lists too, whose towns are called ישראל or שרון, cost 2 on NEMO
//! dev).

use super::features::{FIRST_NAME, Lexicon};
use super::format::ModelFile;
use super::phrases::{self, Group};
use super::tags::ENTITY_LABELS;
use crate::span::Label;

/// A decoded mention: `(first token, one past the last, label index)`.
pub(crate) type Mention = (usize, usize, usize);

/// One sentence as the rules read it: folded `words`, and the attached-prefix bytes of each.
pub(crate) struct Sentence<'a> {
    pub file: &'a ModelFile<'a>,
    pub words: &'a [&'a str],
    pub prefixes: &'a [usize],
}

impl Sentence<'_> {
    /// Applies the three rules (see the module docs) to `mentions`, in order.
    pub fn mend(&self, mentions: &mut Vec<Mention>) {
        let mut out = Vec::with_capacity(mentions.len() + 1);
        for &m in mentions.iter() {
            match self.split(m) {
                Some((k, head)) => out.extend([(m.0, m.0 + k, head), (m.0 + k, m.1, m.2)]),
                None => out.push(m),
            }
        }
        for i in 1..out.len() {
            if let Some((org, person)) = self.give_back_first_name(out[i - 1], out[i]) {
                (out[i - 1], out[i]) = (org, person);
            }
        }
        mentions.clear();
        for m in out {
            match mentions.last_mut() {
                Some(last) if last.1 == m.0 && last.2 == m.2 && self.lone_first_name(*last) => {
                    last.1 = m.1;
                }
                _ => mentions.push(m),
            }
        }
    }

    /// Rule 1: where to split mention `m`, and the label of its head.
    fn split(&self, (s, e, l): Mention) -> Option<(usize, usize)> {
        if e - s < 2 {
            return None;
        }
        let (k, head) = self.list_name_at(s, e - s - 1, self.prefixes[s])?;
        if head == l || (k == 1 && self.first_name(s, self.prefixes[s])) {
            return None;
        }
        let rest = &self.words[s + k..e];
        let rest_is_own = self
            .list_name_at(s + k, rest.len(), 0)
            .is_some_and(|(n, rl)| n == rest.len() && rl == l);
        let person_after_org = self.is(l, Label::PER)
            && self.is(head, Label::ORG)
            && (rest.len() >= 2 || self.first_name(s + k, 0));
        (rest_is_own || person_after_org).then_some((k, head))
    }

    /// Rule 2: `org` and `person` mended, if `org` took the first name of `person`.
    fn give_back_first_name(&self, org: Mention, person: Mention) -> Option<(Mention, Mention)> {
        let ((s, e, l), (ps, pe, pl)) = (org, person);
        if ps != e || !self.is(l, Label::ORG) || !self.is(pl, Label::PER) || e - s < 2 {
            return None;
        }
        let (k, hl) = self.list_name_at(s, e - s - 1, self.prefixes[s])?;
        (hl == l && self.first_name(s + k, 0)).then_some(((s, s + k, l), (s + k, pe, pl)))
    }

    /// Rule 3: whether `m` is a person of one word, a first name.
    fn lone_first_name(&self, (s, e, l): Mention) -> bool {
        e - s == 1 && self.is(l, Label::PER) && self.first_name(s, self.prefixes[s])
    }

    /// The longest knowledge-list name starting at token `i` (read after `prefix` bytes),
    /// within `max` tokens: `(tokens, label index)`.
    fn list_name_at(&self, i: usize, max: usize, prefix: usize) -> Option<(usize, usize)> {
        let f = self.file;
        let lookup = |k| f.lexicon(k);
        phrases::list_entry_at(
            f.seed,
            lookup,
            &self.words[i..],
            prefix,
            max,
            Group::Knowledge,
        )
    }

    /// Whether token `i`, read after `prefix` bytes, is a common first name.
    fn first_name(&self, i: usize, prefix: usize) -> bool {
        let w = self.words[i];
        w.get(prefix..)
            .is_some_and(|stem| self.file.info(stem) & FIRST_NAME != 0)
    }

    fn is(&self, l: usize, label: Label) -> bool {
        ENTITY_LABELS[l] == label
    }
}
