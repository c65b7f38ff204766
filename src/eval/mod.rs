//! NEMO's evaluation: per sentence, the multiset of (mention string, category) predicted
//! against the gold multiset, exact match; precision, recall and F1 micro-averaged over
//! the corpus, overall and per category (as `ne_evaluate_mentions.py` computes them).
//! Token-level scores use whole-token mention strings, which is what [`Sentence`] holds.

pub mod dates;

use crate::corpus::{Mention, Sentence};
use crate::span::Label;
use std::collections::{HashMap, HashSet};

/// Mention strings of the training data: a gold mention whose string is here is *seen*,
/// any other *unseen* ([`Scores::seen`]).
pub type Known = HashSet<String>;

/// The mention strings (token level) of `sentences`.
pub fn known_mentions(sentences: &[Sentence]) -> Known {
    let mut k = Known::new();
    for s in sentences {
        for m in &s.mentions {
            k.insert(s.words[m.start..m.end].join(" "));
        }
    }
    k
}

/// True-positive, predicted and gold counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Matched mentions.
    pub tp: usize,
    /// Predicted mentions.
    pub pred: usize,
    /// Gold mentions.
    pub gold: usize,
}

impl Counts {
    /// Precision in percent.
    pub fn precision(&self) -> f64 {
        pct(self.tp, self.pred)
    }
    /// Recall in percent.
    pub fn recall(&self) -> f64 {
        pct(self.tp, self.gold)
    }
    /// F1 in percent.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

/// Scores accumulated over a corpus.
#[derive(Clone, Debug, Default)]
pub struct Scores {
    /// All categories together.
    pub overall: Counts,
    /// Per category.
    pub per_label: Vec<(Label, Counts)>,
    /// Correct mentions whose gold prefix length is known, and how many of them the
    /// predicted prefix length matched (morpheme-level boundary accuracy).
    pub prefix_known: usize,
    /// See `prefix_known`.
    pub prefix_right: usize,
    /// Recall on gold mentions whose string occurs as a mention in the training data
    /// (`tp` and `gold` only), when scored with a [`Known`] set.
    pub seen: Counts,
    /// Recall on the other gold mentions: names the model never saw labelled, where
    /// knowledge (clusters, lists) should show.
    pub unseen: Counts,
}

impl Scores {
    fn label(&mut self, l: Label) -> &mut Counts {
        if let Some(i) = self.per_label.iter().position(|e| e.0 == l) {
            return &mut self.per_label[i].1;
        }
        self.per_label.push((l, Counts::default()));
        self.per_label.sort_by_key(|e| e.0);
        let i = self.per_label.iter().position(|e| e.0 == l).unwrap_or(0);
        &mut self.per_label[i].1
    }

    /// The counts a mention string `text` goes to: [`Scores::seen`] if `known` holds it,
    /// [`Scores::unseen`] if not, none without `known`.
    fn seen_or_unseen(&mut self, known: Option<&Known>, text: &str) -> Option<&mut Counts> {
        let seen = known?.contains(text);
        Some(if seen {
            &mut self.seen
        } else {
            &mut self.unseen
        })
    }

    /// Adds one sentence's gold and predicted mentions over `words`; `known` (if any)
    /// sorts gold mentions into seen and unseen.
    pub fn add(
        &mut self,
        words: &[String],
        gold: &[Mention],
        pred: &[Mention],
        known: Option<&Known>,
    ) {
        let key = |m: &Mention| (words[m.start..m.end].join(" "), m.label);
        let mut bag: HashMap<(String, Label), usize> = HashMap::new();
        for g in gold {
            let k = key(g);
            if let Some(c) = self.seen_or_unseen(known, &k.0) {
                c.gold += 1;
            }
            *bag.entry(k).or_default() += 1;
            self.overall.gold += 1;
            self.label(g.label).gold += 1;
        }
        for p in pred {
            self.overall.pred += 1;
            self.label(p.label).pred += 1;
            let k = key(p);
            if let Some(c) = bag.get_mut(&k)
                && *c > 0
            {
                *c -= 1;
                self.overall.tp += 1;
                self.label(p.label).tp += 1;
                if let Some(c) = self.seen_or_unseen(known, &k.0) {
                    c.tp += 1;
                }
            }
        }
        for p in pred {
            if let Some(g) = gold
                .iter()
                .find(|g| g.start == p.start && g.end == p.end && g.label == p.label)
                && let (Some(gp), Some(pp)) = (g.prefix, p.prefix)
            {
                self.prefix_known += 1;
                self.prefix_right += usize::from(gp == pp);
            }
        }
    }

    /// Scores a corpus cut into runs of `doc` sentences, given a predictor of the mentions
    /// of each sentence of a run.
    pub fn documents(
        sentences: &[Sentence],
        doc: usize,
        known: Option<&Known>,
        mut predict: impl FnMut(&[Sentence]) -> Vec<Vec<Mention>>,
    ) -> Scores {
        let mut s = Scores::default();
        for chunk in sentences.chunks(doc.max(1)) {
            let pred = predict(chunk);
            for (sent, p) in chunk.iter().zip(&pred) {
                s.add(&sent.words, &sent.mentions, p, known);
            }
        }
        s
    }

    /// Scores a whole corpus given a predictor of mentions for a sentence.
    pub fn corpus(
        sentences: &[Sentence],
        mut predict: impl FnMut(&Sentence) -> Vec<Mention>,
    ) -> Scores {
        let mut s = Scores::default();
        for sent in sentences {
            let pred = predict(sent);
            s.add(&sent.words, &sent.mentions, &pred, None);
        }
        s
    }
}

/// Scores `model` on one evaluation set: documents of
/// [`crate::model::doc::DOC_SENTENCES`] sentences, BMC predictions projected onto its
/// PER/ORG/LOC (our GPE and LOC are its LOC; other labels are not scored).
#[cfg(not(target_arch = "wasm32"))]
pub fn score_set(
    model: &crate::model::EntityModel,
    set: crate::corpus::sets::EvalSet,
    data: &std::path::Path,
    known: Option<&Known>,
) -> Result<Scores, String> {
    let sentences = set.load(data)?;
    let mut scratch = crate::model::Scratch::default();
    Ok(Scores::documents(
        &sentences,
        crate::model::doc::DOC_SENTENCES,
        known,
        |sents| {
            let words: Vec<Vec<&str>> = sents
                .iter()
                .map(|s| s.words.iter().map(String::as_str).collect())
                .collect();
            let mut m = model.mentions(&words, &mut scratch);
            project(set, &mut m);
            m
        },
    ))
}

/// Projects predictions onto what `set` annotates: BMC has PER/ORG/LOC only (our GPE and
/// LOC are its LOC; other labels are not scored).
#[cfg(not(target_arch = "wasm32"))]
fn project(set: crate::corpus::sets::EvalSet, mentions: &mut [Vec<Mention>]) {
    use crate::corpus::sets::EvalSet;
    if !matches!(set, EvalSet::BmcTest | EvalSet::BmcDev) {
        return;
    }
    for ms in mentions {
        ms.retain_mut(|x| match x.label {
            Label::PER | Label::ORG => true,
            Label::GPE | Label::LOC => {
                x.label = Label::LOC;
                true
            }
            _ => false,
        });
    }
}

/// Scores the whole product path, [`crate::Annotator`] (the model and everything layered
/// on it), rather than the bare model: each document of
/// [`crate::model::doc::DOC_SENTENCES`] sentences becomes one text (words joined by spaces,
/// sentences by newlines), and each entity span is mapped back to the corpus tokens it
/// covers, its offset into the first token being the attached prefix.
#[cfg(not(target_arch = "wasm32"))]
pub fn score_annotator(
    annotator: &crate::Annotator,
    set: crate::corpus::sets::EvalSet,
    data: &std::path::Path,
    known: Option<&Known>,
) -> Result<Scores, String> {
    let sentences = set.load(data)?;
    // All labels: dates take part in overlap resolution exactly as in the product (a date
    // that wins over a name costs that name here), and are then left out of the score.
    let options = crate::Options::default();
    Ok(Scores::documents(
        &sentences,
        crate::model::doc::DOC_SENTENCES,
        known,
        |sents| {
            // (sentence, word, byte range) of every word in the document text.
            let mut text = String::new();
            let mut words: Vec<(usize, usize, std::ops::Range<usize>)> = Vec::new();
            for (si, s) in sents.iter().enumerate() {
                for (wi, w) in s.words.iter().enumerate() {
                    if wi > 0 {
                        text.push(' ');
                    }
                    words.push((si, wi, text.len()..text.len() + w.len()));
                    text.push_str(w);
                }
                text.push('\n');
            }
            let mut out: Vec<Vec<Mention>> = vec![Vec::new(); sents.len()];
            let spans = annotator.annotate(&text, &options);
            for span in spans.into_iter().filter(|s| !s.label.is_temporal()) {
                let covered: Vec<&(usize, usize, std::ops::Range<usize>)> = words
                    .iter()
                    .filter(|(_, _, r)| r.start < span.end && span.start < r.end)
                    .collect();
                let (Some(first), Some(last)) = (covered.first(), covered.last()) else {
                    continue;
                };
                if first.0 != last.0 {
                    continue; // a span across a sentence break matches no gold mention
                }
                out[first.0].push(Mention {
                    start: first.1,
                    end: last.1 + 1,
                    label: span.label,
                    prefix: Some(span.start.saturating_sub(first.2.start)),
                });
            }
            project(set, &mut out);
            out
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(start: usize, end: usize, label: Label) -> Mention {
        Mention {
            start,
            end,
            label,
            prefix: None,
        }
    }

    #[test]
    fn multiset_matching_ignores_position() {
        let words: Vec<String> = ["כהן", "פגש", "את", "כהן"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let mut s = Scores::default();
        // Gold: כהן/PER twice. Predicted: the first as PER, the second as ORG.
        let known: Known = ["כהן".to_string()].into_iter().collect();
        s.add(
            &words,
            &[m(0, 1, Label::PER), m(3, 4, Label::PER)],
            &[m(3, 4, Label::PER), m(0, 1, Label::ORG)],
            Some(&known),
        );
        assert_eq!((s.seen.tp, s.seen.gold, s.unseen.gold), (1, 2, 0));
        assert_eq!(
            s.overall,
            Counts {
                tp: 1,
                pred: 2,
                gold: 2
            }
        );
        assert!((s.overall.f1() - 50.0).abs() < 1e-9);
    }
}
