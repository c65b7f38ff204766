//! Viterbi decoding over BIOES tags, and max-marginal margins for confidences.
//!
//! Scores are integers (quantised weights at inference, raw perceptron counts in
//! training). Illegal transitions are never taken: [`Transitions`] stores them as `None`
//! and the search skips them, so the result is always a well-formed mention sequence.

use super::tags::{self, NUM_TAGS};

/// Legal transitions with their weights, and start/end weights.
#[derive(Clone, Debug)]
pub struct Transitions {
    /// For each target tag, the legal source tags and the weight of coming from each.
    pub into: Vec<Vec<(u8, i32)>>,
    /// Start weight per tag (`None` if a sentence may not start with it).
    pub start: Vec<Option<i32>>,
    /// End weight per tag (`None` if a sentence may not end with it).
    pub end: Vec<Option<i32>>,
}

impl Transitions {
    /// Builds the legal-transition table from dense weights (`trans[from * T + to]`).
    pub fn new(
        trans: impl Fn(usize, usize) -> i32,
        start: impl Fn(usize) -> i32,
        end: impl Fn(usize) -> i32,
    ) -> Self {
        let into = (0..NUM_TAGS)
            .map(|to| {
                (0..NUM_TAGS)
                    .filter(|&from| tags::allowed(from as u8, to as u8))
                    .map(|from| (from as u8, trans(from, to)))
                    .collect()
            })
            .collect();
        Transitions {
            into,
            start: (0..NUM_TAGS)
                .map(|t| tags::allowed_start(t as u8).then(|| start(t)))
                .collect(),
            end: (0..NUM_TAGS)
                .map(|t| tags::allowed_end(t as u8).then(|| end(t)))
                .collect(),
        }
    }
}

const NEG: i64 = i64::MIN / 4;

/// Reusable decoding buffers.
#[derive(Default, Debug)]
pub struct Decoder {
    alpha: Vec<i64>,
    beta: Vec<i64>,
    back: Vec<u8>,
}

impl Decoder {
    /// Finds the best legal tag sequence for emission scores `emit` (`n × NUM_TAGS`).
    pub fn viterbi(&mut self, emit: &[i32], tr: &Transitions, out: &mut Vec<u8>) {
        let n = emit.len() / NUM_TAGS;
        out.clear();
        if n == 0 {
            return;
        }
        self.alpha.clear();
        self.alpha.resize(n * NUM_TAGS, NEG);
        self.back.clear();
        self.back.resize(n * NUM_TAGS, 0);
        for ((a, s), e) in self.alpha.iter_mut().zip(&tr.start).zip(emit) {
            if let Some(s) = s {
                *a = (s + e) as i64;
            }
        }
        for i in 1..n {
            let (prev, cur) = self.alpha.split_at_mut(i * NUM_TAGS);
            let prev = &prev[(i - 1) * NUM_TAGS..];
            for t in 0..NUM_TAGS {
                let mut best = NEG;
                let mut arg = 0u8;
                for &(f, w) in &tr.into[t] {
                    let v = prev[f as usize] + w as i64;
                    if v > best {
                        best = v;
                        arg = f;
                    }
                }
                cur[t] = best + emit[i * NUM_TAGS + t] as i64;
                self.back[i * NUM_TAGS + t] = arg;
            }
        }
        let last = &self.alpha[(n - 1) * NUM_TAGS..];
        let mut best = NEG;
        let mut arg = 0u8;
        for (t, (&a, e)) in last.iter().zip(&tr.end).enumerate() {
            if let Some(e) = e {
                let v = a + *e as i64;
                if v > best {
                    best = v;
                    arg = t as u8;
                }
            }
        }
        out.resize(n, 0);
        out[n - 1] = arg;
        for i in (1..n).rev() {
            out[i - 1] = self.back[i * NUM_TAGS + out[i] as usize];
        }
    }

    /// For each token, how far the best path's score is above the best path that tags the
    /// token differently (call after [`Decoder::viterbi`] with the same inputs and result).
    pub fn margins(&mut self, emit: &[i32], tr: &Transitions, best: &[u8], out: &mut Vec<i64>) {
        let n = best.len();
        out.clear();
        if n == 0 {
            return;
        }
        // Max-product forward scores are in self.alpha; compute backward scores.
        self.beta.clear();
        self.beta.resize(n * NUM_TAGS, NEG);
        for t in 0..NUM_TAGS {
            if let Some(e) = tr.end[t] {
                self.beta[(n - 1) * NUM_TAGS + t] = e as i64;
            }
        }
        for i in (0..n - 1).rev() {
            for to in 0..NUM_TAGS {
                let b = self.beta[(i + 1) * NUM_TAGS + to];
                if b == NEG {
                    continue;
                }
                let v = b + emit[(i + 1) * NUM_TAGS + to] as i64;
                for &(f, w) in &tr.into[to] {
                    let cand = v + w as i64;
                    let slot = &mut self.beta[i * NUM_TAGS + f as usize];
                    if cand > *slot {
                        *slot = cand;
                    }
                }
            }
        }
        for (i, &b) in best.iter().enumerate() {
            let score = |t: usize| {
                let a = self.alpha[i * NUM_TAGS + t];
                let be = self.beta[i * NUM_TAGS + t];
                if a <= NEG / 2 || be <= NEG / 2 {
                    NEG
                } else {
                    a + be
                }
            };
            let top = score(b as usize);
            let other = (0..NUM_TAGS)
                .filter(|&t| t != b as usize)
                .map(score)
                .max()
                .unwrap_or(NEG);
            out.push(if other <= NEG / 2 {
                i64::MAX / 4
            } else {
                (top - other).max(0)
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::tags::{Part, tag};

    #[test]
    fn illegal_paths_are_never_taken() {
        let tr = Transitions::new(|_, _| 0, |_| 0, |_| 0);
        // Emissions love I-PER everywhere, which alone is illegal.
        let n = 3;
        let mut emit = vec![0; n * NUM_TAGS];
        for i in 0..n {
            emit[i * NUM_TAGS + tag(Part::I, 0) as usize] = 10;
        }
        let mut d = Decoder::default();
        let mut out = Vec::new();
        d.viterbi(&emit, &tr, &mut out);
        assert_eq!(out, [tag(Part::B, 0), tag(Part::I, 0), tag(Part::E, 0)]);
        let mut m = Vec::new();
        d.margins(&emit, &tr, &out, &mut m);
        assert_eq!(m.len(), 3);
        assert!(m.iter().all(|&x| x >= 0));
    }
}
