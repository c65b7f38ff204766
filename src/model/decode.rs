//! Viterbi decoding over BIOES tags, and max-marginal margins for confidences.
//!
//! Scores are integers (quantised weights at inference, raw perceptron counts in
//! training). Illegal transitions are never taken: [`Transitions`] knows only the legal
//! ones, so the result is always a well-formed mention sequence.
//!
//! Decoding is a fifth of the annotator's time, so the search runs in `i32` lanes the
//! compiler vectorises (baseline x86-64 has no 64-bit vector compare): each position's
//! scores are stored relative to the previous position's best, which keeps them within a
//! few tokens' worth of score however long the sentence, and ties break exactly as in the
//! plain `i64` search. Scores too large for that (emissions or weights beyond
//! [`FAST_LIMIT`], which no trained model comes near) take the plain search instead; a test
//! checks that both give the same tags and margins.

use super::tags::{self, NUM_TAGS};

/// Legal transitions with their weights, and start/end weights.
///
/// The legal transitions are stored by **groups** of target tags that may follow the same
/// source tags: in BIOES, `O`, every `B-x` and every `S-x` may follow exactly `O`, every
/// `E-y` and every `S-y` (19 × 19), and `I-x`, `E-x` only `B-x`, `I-x` (2 × 2 per label).
/// Scoring a group source by source over a dense row of its targets is ~400 additions
/// per token with no table of illegal pairs to skip.
#[derive(Clone, Debug)]
pub struct Transitions {
    groups: Vec<Group>,
    /// Per tag: its group and its index among the group's targets.
    group_of: [(u8, u8); NUM_TAGS],
    /// Dense weights `[from * NUM_TAGS + to]` for the plain search.
    dense: Vec<i32>,
    /// Start weight per tag (`None` if a sentence may not start with it).
    pub start: Vec<Option<i32>>,
    /// End weight per tag (`None` if a sentence may not end with it).
    pub end: Vec<Option<i32>>,
    /// Every weight is within [`FAST_LIMIT`].
    small: bool,
}

/// Lanes per chunk of a group's targets.
const LANES: usize = 4;
/// A chunk of per-target values.
type Lanes = [i32; LANES];

/// Target tags sharing one set of legal source tags.
#[derive(Clone, Debug)]
struct Group {
    /// The legal source tags, ascending (the order ties are broken in).
    sources: Vec<u8>,
    /// The target tags.
    targets: Vec<u8>,
    /// Chunks of [`LANES`] targets (the last one padded).
    target_chunks: usize,
    /// Chunks of [`LANES`] sources (the last one padded).
    source_chunks: usize,
    /// `forward[s * target_chunks + c][l]`: the weight of `sources[s] → targets[c * LANES + l]`.
    forward: Vec<Lanes>,
    /// `backward[k * source_chunks + c][l]`: the weight of `sources[c * LANES + l] → targets[k]`.
    backward: Vec<Lanes>,
    /// The largest weight of the group's transitions minus the smallest: a source more
    /// than this below the group's best source can win no target (and a target this far
    /// below the best target no source), so the search skips it. Exact, ties included:
    /// such a candidate is strictly below the best one for every target (source). A
    /// tighter bound per pair of sources prunes more but costs more than it saves.
    spread: i32,
    /// Two sources and two targets: decoded by [`Group::forward_pair`] and
    /// [`Group::backward_pair`].
    pair: bool,
}

impl Group {
    /// Forward step into the group's targets: `cur[t] = emit[t] + max over sources f of
    /// (prev[f] − m + weight(f → t))`. `C` is the number of target chunks, a constant so the
    /// running maxima stay in registers.
    #[inline]
    fn forward<const C: usize>(&self, prev: &[i32], m: i32, emit: &[i32], cur: &mut [i32]) {
        let mut best = [[NEG32; LANES]; C];
        let (rows, _) = self.forward.as_chunks::<C>();
        // Most positions have few plausible tags: skip the sources that cannot win.
        let top = self.sources.iter().map(|&f| prev[f as usize]).max();
        // No overflow: the fast search runs only with weights within FAST_LIMIT.
        let floor = top.unwrap_or(NEG32) - self.spread;
        for (&f, w) in self.sources.iter().zip(rows) {
            if prev[f as usize] < floor {
                continue;
            }
            let p = prev[f as usize] - m;
            for c in 0..C {
                max_into(&mut best[c], p, &w[c]);
            }
        }
        for (&t, &b) in self.targets.iter().zip(best.as_flattened()) {
            cur[t as usize] = b + emit[t as usize];
        }
    }

    /// [`Group::forward`] for a group of two sources and two targets (`I-x`, `E-x` after
    /// `B-x`, `I-x`: nine of the ten groups), in plain scalar code: the chunked loop's
    /// bookkeeping costs more than these four candidates. Same values: the maximum of
    /// [`NEG32`] and every candidate.
    #[inline]
    fn forward_pair(&self, prev: &[i32], m: i32, emit: &[i32], cur: &mut [i32]) {
        let [a, b] = [0, 1].map(|s| prev[self.sources[s] as usize] - m);
        let [wa, wb] = [self.forward[0], self.forward[1]];
        for k in 0..2 {
            let t = self.targets[k] as usize;
            cur[t] = NEG32.max(a + wa[k]).max(b + wb[k]) + emit[t];
        }
    }

    /// [`Group::backward`] for a group of two sources and two targets, as
    /// [`Group::forward_pair`].
    #[inline]
    fn backward_pair(&self, next: &[i32; NUM_TAGS], cur: &mut [i32]) {
        let [x, y] = [0, 1].map(|k| next[self.targets[k] as usize]);
        let [wx, wy] = [self.backward[0], self.backward[1]];
        for s in 0..2 {
            let mut top = NEG32;
            if x != NEG32 {
                top = top.max(x + wx[s]);
            }
            if y != NEG32 {
                top = top.max(y + wy[s]);
            }
            let slot = &mut cur[self.sources[s] as usize];
            *slot = (*slot).max(top);
        }
    }

    /// Backward step into the group's sources: `cur[f] = max(cur[f], max over targets t
    /// with next[t] ≠ NEG32 of (next[t] + weight(f → t)))`. `C` is the number of source
    /// chunks.
    #[inline]
    fn backward<const C: usize>(&self, next: &[i32; NUM_TAGS], cur: &mut [i32]) {
        let mut top = [[NEG32; LANES]; C];
        let (rows, _) = self.backward.as_chunks::<C>();
        // As in `forward`: skip the targets no source can prefer.
        let best = self.targets.iter().map(|&t| next[t as usize]).max();
        let floor = best.unwrap_or(NEG32) - self.spread;
        for (&t, w) in self.targets.iter().zip(rows) {
            let v = next[t as usize];
            if v == NEG32 || v < floor {
                continue;
            }
            for c in 0..C {
                max_into(&mut top[c], v, &w[c]);
            }
        }
        for (&f, &b) in self.sources.iter().zip(top.as_flattened()) {
            let slot = &mut cur[f as usize];
            *slot = (*slot).max(b);
        }
    }
}

/// The weights `weight(row, column)` of `rows × columns`, each row in chunks of [`LANES`]
/// columns (the last one padded with zeros, never read).
fn chunked(rows: usize, columns: usize, weight: impl Fn(usize, usize) -> i32) -> Vec<Lanes> {
    let chunks = columns.div_ceil(LANES);
    let mut out = vec![[0; LANES]; rows * chunks];
    for r in 0..rows {
        for c in 0..columns {
            out[r * chunks + c / LANES][c % LANES] = weight(r, c);
        }
    }
    out
}

/// Lane-wise `best = max(best, p + w)`: one source's candidates for a chunk of targets (or
/// one target's for a chunk of sources). Whole arrays, so the compiler keeps them in vector
/// registers.
#[inline(always)]
fn max_into(best: &mut Lanes, p: i32, w: &Lanes) {
    for l in 0..LANES {
        let v = p + w[l];
        best[l] = if v > best[l] { v } else { best[l] };
    }
}

/// The largest magnitude of emission, transition, start or end score decoded in `i32`:
/// positions' scores relative to their best then stay within ±16 × this, far from
/// [`NEG`].
pub const FAST_LIMIT: i32 = 1 << 22;

/// Minus infinity of the plain search.
const NEG: i64 = i64::MIN / 4;
/// Minus infinity of the fast search.
const NEG32: i32 = i32::MIN / 4;

impl Transitions {
    /// Builds the legal-transition table from dense weights (`trans[from * T + to]`).
    pub fn new(
        trans: impl Fn(usize, usize) -> i32,
        start: impl Fn(usize) -> i32,
        end: impl Fn(usize) -> i32,
    ) -> Self {
        let mut groups: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
        for to in 0..NUM_TAGS as u8 {
            let sources: Vec<u8> = (0..NUM_TAGS as u8)
                .filter(|&from| tags::allowed(from, to))
                .collect();
            match groups.iter_mut().find(|g| g.0 == sources) {
                Some(g) => g.1.push(to),
                None => groups.push((sources, vec![to])),
            }
        }
        let mut group_of = [(0u8, 0u8); NUM_TAGS];
        let groups: Vec<Group> = groups
            .into_iter()
            .enumerate()
            .map(|(gi, (sources, targets))| {
                for (k, &t) in targets.iter().enumerate() {
                    group_of[t as usize] = (gi as u8, k as u8);
                }
                let w = |s: usize, k: usize| trans(sources[s] as usize, targets[k] as usize);
                let all = (0..sources.len())
                    .flat_map(|s| (0..targets.len()).map(move |k| (s, k)))
                    .map(|(s, k)| w(s, k) as i64);
                let (lo, hi) = all.fold((i64::MAX, i64::MIN), |(lo, hi), x| (lo.min(x), hi.max(x)));
                Group {
                    pair: sources.len() == 2 && targets.len() == 2,
                    // Clamped: a table of out-of-range weights takes the plain search anyway.
                    spread: (hi - lo).min(i32::MAX as i64) as i32,
                    target_chunks: targets.len().div_ceil(LANES),
                    source_chunks: sources.len().div_ceil(LANES),
                    forward: chunked(sources.len(), targets.len(), w),
                    backward: chunked(targets.len(), sources.len(), |k, s| w(s, k)),
                    sources,
                    targets,
                }
            })
            .collect();
        let dense: Vec<i32> = (0..NUM_TAGS * NUM_TAGS)
            .map(|k| trans(k / NUM_TAGS, k % NUM_TAGS))
            .collect();
        let start: Vec<Option<i32>> = (0..NUM_TAGS)
            .map(|t| tags::allowed_start(t as u8).then(|| start(t)))
            .collect();
        let end: Vec<Option<i32>> = (0..NUM_TAGS)
            .map(|t| tags::allowed_end(t as u8).then(|| end(t)))
            .collect();
        let within = |w: i32| w.unsigned_abs() <= FAST_LIMIT as u32;
        let small = dense.iter().all(|&w| within(w))
            && start.iter().chain(&end).flatten().all(|&w| within(w));
        Transitions {
            groups,
            group_of,
            dense,
            start,
            end,
            small,
        }
    }
}

/// Reusable decoding buffers.
#[derive(Default, Debug)]
pub struct Decoder {
    /// Forward scores of the fast search, each position relative to the previous one's best.
    alpha: Vec<i32>,
    beta: Vec<i32>,
    back: Vec<u8>,
    /// The last [`Decoder::viterbi`] took the plain search (scores out of the fast range).
    wide: bool,
    alpha_wide: Vec<i64>,
    beta_wide: Vec<i64>,
}

/// The best value of a row of scores (all of them reachable or [`NEG32`]).
#[inline]
fn row_max(row: &[i32]) -> i32 {
    row.iter().copied().max().unwrap_or(0)
}

impl Decoder {
    /// Finds the best legal tag sequence for emission scores `emit` (`n × NUM_TAGS`).
    ///
    /// Among equal scores the lowest-numbered source tag wins (sources are tried in
    /// ascending order and only a strictly better score replaces the best so far).
    pub fn viterbi(&mut self, emit: &[i32], tr: &Transitions, out: &mut Vec<u8>) {
        // A fold rather than `all`: no early exit, so it vectorises.
        let large = emit.iter().fold(false, |large, e| {
            large | (e.unsigned_abs() > FAST_LIMIT as u32)
        });
        self.wide = large || !tr.small;
        if self.wide {
            return self.viterbi_wide(emit, tr, out);
        }
        let n = emit.len() / NUM_TAGS;
        out.clear();
        if n == 0 {
            return;
        }
        self.alpha.clear();
        self.alpha.resize(n * NUM_TAGS, NEG32);
        for ((a, s), e) in self.alpha.iter_mut().zip(&tr.start).zip(emit) {
            if let Some(s) = s {
                *a = s + e;
            }
        }
        // Forward pass: best scores only. Which source gave the best is recovered for the
        // one tag per position the backtrace visits, rather than tracked for all 37.
        for i in 1..n {
            let (prev, cur) = self.alpha.split_at_mut(i * NUM_TAGS);
            let prev = &prev[(i - 1) * NUM_TAGS..];
            let cur = &mut cur[..NUM_TAGS];
            // Only differences between tags of one position matter: rebase on the best.
            let m = row_max(prev);
            let emit = &emit[i * NUM_TAGS..(i + 1) * NUM_TAGS];
            for g in &tr.groups {
                if g.pair {
                    g.forward_pair(prev, m, emit, cur);
                    continue;
                }
                match g.target_chunks {
                    5 => g.forward::<5>(prev, m, emit, cur),
                    // BIOES has only the 19 × 19 group and the 2 × 2 pairs.
                    c => unreachable!("a group of {c} chunks"),
                }
            }
        }
        let last = &self.alpha[(n - 1) * NUM_TAGS..];
        let mut best = NEG32;
        let mut arg = 0u8;
        for (t, (&a, e)) in last.iter().zip(&tr.end).enumerate() {
            if let Some(e) = e {
                let v = a + *e;
                if v > best {
                    best = v;
                    arg = t as u8;
                }
            }
        }
        out.resize(n, 0);
        out[n - 1] = arg;
        for i in (1..n).rev() {
            // The source of the best score into tag `out[i]`: the first strict maximum in
            // ascending source order, as the plain search records it.
            let (gi, k) = tr.group_of[out[i] as usize];
            let g = &tr.groups[gi as usize];
            let (k, c, l) = (k as usize, k as usize / LANES, k as usize % LANES);
            let prev = &self.alpha[(i - 1) * NUM_TAGS..i * NUM_TAGS];
            let (mut best, mut arg) = (i32::MIN, 0u8);
            for (s, &f) in g.sources.iter().enumerate() {
                let v = prev[f as usize] + g.forward[s * g.target_chunks + c][l];
                if v > best {
                    (best, arg) = (v, f);
                }
            }
            debug_assert!(k < g.targets.len());
            out[i - 1] = arg;
        }
    }

    /// Follows the back pointers from tag `last` at the last of `n` positions.
    fn backtrack(&self, n: usize, last: u8, out: &mut Vec<u8>) {
        out.resize(n, 0);
        out[n - 1] = last;
        for i in (1..n).rev() {
            out[i - 1] = self.back[i * NUM_TAGS + out[i] as usize];
        }
    }

    /// For each token, how far the best path's score is above the best path that tags the
    /// token differently (call after [`Decoder::viterbi`] with the same inputs and result).
    pub fn margins(&mut self, emit: &[i32], tr: &Transitions, best: &[u8], out: &mut Vec<i64>) {
        self.margins_after(emit, tr, best, 0, out);
    }

    /// [`Decoder::margins`] for the tokens from `from` on only; earlier tokens get 0 (on the
    /// fast path; the `i64` fallback for out-of-range scores computes them all).
    ///
    /// The backward scores of a position need only the positions after it, so a sentence
    /// whose first mention starts at `from` (the annotator reads margins of mention tokens
    /// only) skips the backward steps before it: about a third of the margins' time on
    /// news text. The margins from `from` on are exactly those of [`Decoder::margins`].
    pub fn margins_after(
        &mut self,
        emit: &[i32],
        tr: &Transitions,
        best: &[u8],
        from: usize,
        out: &mut Vec<i64>,
    ) {
        if self.wide {
            return self.margins_wide(emit, tr, best, out);
        }
        let n = best.len();
        out.clear();
        if n == 0 {
            return;
        }
        let from = from.min(n - 1);
        // Backward scores, each position rebased like the forward ones.
        self.beta.clear();
        self.beta.resize(n * NUM_TAGS, NEG32);
        for (b, e) in self.beta[(n - 1) * NUM_TAGS..].iter_mut().zip(&tr.end) {
            if let Some(e) = e {
                *b = *e;
            }
        }
        let mut next = [0; NUM_TAGS];
        for i in (from..n - 1).rev() {
            let (cur, after) = self.beta.split_at_mut((i + 1) * NUM_TAGS);
            let cur = &mut cur[i * NUM_TAGS..];
            let emit = &emit[(i + 1) * NUM_TAGS..(i + 2) * NUM_TAGS];
            // The score of going on from each tag at i + 1; an unreachable one stays NEG32
            // and is never gone to.
            for ((v, &b), &e) in next.iter_mut().zip(&after[..NUM_TAGS]).zip(emit) {
                *v = if b == NEG32 { NEG32 } else { b + e };
            }
            let m = row_max(&next);
            for v in &mut next {
                if *v != NEG32 {
                    *v -= m;
                }
            }
            for g in &tr.groups {
                if g.pair {
                    g.backward_pair(&next, cur);
                    continue;
                }
                match g.source_chunks {
                    5 => g.backward::<5>(&next, cur),
                    c => unreachable!("a group of {c} chunks"),
                }
            }
        }
        let (alpha, beta) = (&self.alpha, &self.beta);
        out.resize(from, 0);
        margins_from(from..n, best, out, |k| {
            let (a, b) = (alpha[k], beta[k]);
            if a <= NEG32 / 2 || b <= NEG32 / 2 {
                NEG
            } else {
                a as i64 + b as i64
            }
        });
    }

    /// The plain search in `i64`, for scores beyond [`FAST_LIMIT`]: every target's legal
    /// sources in ascending order, the first strict maximum wins.
    fn viterbi_wide(&mut self, emit: &[i32], tr: &Transitions, out: &mut Vec<u8>) {
        let n = emit.len() / NUM_TAGS;
        out.clear();
        if n == 0 {
            return;
        }
        let alpha = &mut self.alpha_wide;
        alpha.clear();
        alpha.resize(n * NUM_TAGS, NEG);
        self.back.clear();
        self.back.resize(n * NUM_TAGS, 0);
        for t in 0..NUM_TAGS {
            if let Some(s) = tr.start[t] {
                alpha[t] = s as i64 + emit[t] as i64;
            }
        }
        for i in 1..n {
            for t in 0..NUM_TAGS {
                let (mut best, mut arg) = (NEG, 0u8);
                for f in (0..NUM_TAGS).filter(|&f| tags::allowed(f as u8, t as u8)) {
                    let v = alpha[(i - 1) * NUM_TAGS + f] + tr.dense[f * NUM_TAGS + t] as i64;
                    if v > best {
                        (best, arg) = (v, f as u8);
                    }
                }
                alpha[i * NUM_TAGS + t] = best + emit[i * NUM_TAGS + t] as i64;
                self.back[i * NUM_TAGS + t] = arg;
            }
        }
        let (mut best, mut arg) = (NEG, 0u8);
        for t in 0..NUM_TAGS {
            if let Some(e) = tr.end[t] {
                let v = alpha[(n - 1) * NUM_TAGS + t] + e as i64;
                if v > best {
                    (best, arg) = (v, t as u8);
                }
            }
        }
        self.backtrack(n, arg, out);
    }

    /// The margins of the plain search (after [`Decoder::viterbi_wide`]).
    fn margins_wide(&mut self, emit: &[i32], tr: &Transitions, best: &[u8], out: &mut Vec<i64>) {
        let n = best.len();
        out.clear();
        if n == 0 {
            return;
        }
        let beta = &mut self.beta_wide;
        beta.clear();
        beta.resize(n * NUM_TAGS, NEG);
        for t in 0..NUM_TAGS {
            if let Some(e) = tr.end[t] {
                beta[(n - 1) * NUM_TAGS + t] = e as i64;
            }
        }
        for i in (0..n - 1).rev() {
            for to in 0..NUM_TAGS {
                let b = beta[(i + 1) * NUM_TAGS + to];
                if b == NEG {
                    continue;
                }
                let v = b + emit[(i + 1) * NUM_TAGS + to] as i64;
                for f in (0..NUM_TAGS).filter(|&f| tags::allowed(f as u8, to as u8)) {
                    let slot = &mut beta[i * NUM_TAGS + f];
                    *slot = (*slot).max(v + tr.dense[f * NUM_TAGS + to] as i64);
                }
            }
        }
        let (alpha, beta) = (&self.alpha_wide, &self.beta_wide);
        margins_from(0..n, best, out, |k| {
            let (a, b) = (alpha[k], beta[k]);
            if a <= NEG / 2 || b <= NEG / 2 {
                NEG
            } else {
                a + b
            }
        });
    }
}

/// Per token of `positions`, the best path's score minus the best score of a path tagging it otherwise,
/// from `score(position * NUM_TAGS + tag)` (the max-marginal, [`NEG`] when unreachable).
fn margins_from(
    positions: std::ops::Range<usize>,
    best: &[u8],
    out: &mut Vec<i64>,
    score: impl Fn(usize) -> i64,
) {
    for i in positions {
        let b = best[i];
        let top = score(i * NUM_TAGS + b as usize);
        let other = (0..NUM_TAGS)
            .filter(|&t| t != b as usize)
            .map(|t| score(i * NUM_TAGS + t))
            .max()
            .unwrap_or(NEG);
        out.push(if other <= NEG / 2 {
            i64::MAX / 4
        } else {
            (top - other).max(0)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::tags::{Part, tag};

    #[test]
    fn agrees_with_the_plain_search() {
        // Small score ranges make ties common, so tie-breaking is checked too.
        let mut rng = crate::xorshift::XorShift(0x9e37_79b9_7f4a_7c15u64);
        let mut next = |n: u64| (rng.next() % n) as i32;
        let mut d = Decoder::default();
        let (mut got, mut margins) = (Vec::new(), Vec::new());
        for round in 0..300 {
            let range: i32 = [3, 50, 100_000][round % 3];
            let w: Vec<i32> = (0..NUM_TAGS * NUM_TAGS)
                .map(|_| next(range as u64) - range / 2)
                .collect();
            let trans = |a: usize, b: usize| w[a * NUM_TAGS + b];
            let tr = Transitions::new(trans, |t| w[t] % 7, |t| w[t + 1] % 5);
            let n = 1 + next(30) as usize;
            let emit: Vec<i32> = (0..n * NUM_TAGS)
                .map(|_| next(range as u64) - range / 2)
                .collect();
            d.viterbi(&emit, &tr, &mut got);
            d.margins(&emit, &tr, &got, &mut margins);
            assert!(!d.wide, "round {round}: scores in range take the fast path");
            let (want, want_margins) = plain(&emit, &tr);
            assert_eq!(got, want, "round {round}");
            assert_eq!(margins, want_margins, "round {round}");
            // Margins from a later token on: the same values there, zeros before.
            let from = next(n as u64) as usize;
            let mut tail = Vec::new();
            d.margins_after(&emit, &tr, &got, from, &mut tail);
            assert_eq!(tail.len(), n, "round {round}");
            assert!(tail[..from].iter().all(|&m| m == 0), "round {round}");
            assert_eq!(tail[from..], want_margins[from..], "round {round}");
        }
    }

    /// Runs the plain search (the fallback) on its own.
    fn plain(emit: &[i32], tr: &Transitions) -> (Vec<u8>, Vec<i64>) {
        let mut d = Decoder::default();
        let (mut path, mut margins) = (Vec::new(), Vec::new());
        d.viterbi_wide(emit, tr, &mut path);
        d.margins_wide(emit, tr, &path, &mut margins);
        (path, margins)
    }

    #[test]
    fn long_sentences_and_huge_scores() {
        // Rebasing keeps long sentences in i32; scores beyond the fast path's range fall
        // back to the plain search with the same answer.
        let trans = |a: usize, b: usize| ((a * 7 + b * 3) % 11) as i32 - 5;
        let tr = Transitions::new(trans, |t| t as i32, |t| -(t as i32));
        let mut d = Decoder::default();
        let (mut got, mut margins) = (Vec::new(), Vec::new());
        for (scale, wide) in [(1_000_000, false), (1_000_000_000, true)] {
            let n = 2000;
            let emit: Vec<i32> = (0..n * NUM_TAGS)
                .map(|k| ((k * 2_654_435_761) % 1000) as i32 * (scale / 1000) - scale / 2)
                .collect();
            d.viterbi(&emit, &tr, &mut got);
            d.margins(&emit, &tr, &got, &mut margins);
            assert_eq!(d.wide, wide);
            assert_eq!(
                (got.clone(), margins.clone()),
                plain(&emit, &tr),
                "scale {scale}"
            );
        }
    }

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
