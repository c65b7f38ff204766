//! Brown clustering (an experiment, trainer only): the word classes of a class bigram model
//! merged greedily to keep as much average mutual information as possible, as in Brown et
//! al. 1992, with the windowed approximation of Liang 2005 ("Semi-supervised learning for
//! natural language", the `brown-cluster`/`wcluster` tool).
//!
//! The algorithm: words are ranked by decreasing frequency. The `C` most frequent start as
//! one cluster each; then every further word is added as a cluster of its own, and of the
//! `C + 1` active clusters the pair whose merge loses the least mutual information
//!
//! ```text
//! I = Σ_{c,c'} p(c,c') · ln(p(c,c') / (p(c) · p(c')))
//! ```
//!
//! is merged, leaving `C` again. When every word is in, the remaining `C` clusters are
//! merged the same way into one binary tree. A word's bit string is the path from the root
//! of that last tree to its cluster (`0` for the older of the two merged clusters, `1` for
//! the younger); merges made while words were still being added are not part of any path,
//! so all words of one cluster share their bit string (as in `wcluster`'s `paths` file).
//!
//! The bookkeeping is the usual one (Brown et al.'s, as `wcluster` does it): the bigram
//! probabilities `p(c,c')` of the active clusters, every pair's contribution `q(c,c')` to
//! `I`, and the loss `L(c,c')` of merging each active pair, all updated after each addition
//! and merge in O(C²) time (O(V·C²) in all). Shortcuts keep the logarithms down without
//! changing the result beyond rounding (the tests check every table against a computation
//! from scratch after every step; on the real corpus the table is the same as without
//! them), because a new word, mostly rare, has bigrams with few clusters: when it arrives
//! only the loss of pairs that include one of those changes; its loss with each cluster
//! `x` is x's own contributions shifted, plus a log per cluster near the word; when a merge
//! joins `s` and `t`, a pair `v, w` that has bigrams with only one of them in a direction
//! changes by a closed form; and the loss of the union with each `x` follows from the
//! denser part's loss with `x` and the sparser part's few bigrams. So 256 clusters take
//! about 12 s on the tagger's 2.8 M tokens, 1,000 about 100 s.
//!
//! What is counted: every token seen at least `min_count` times takes part (punctuation and
//! numbers too, as `wcluster` clusters every token); a bigram is two such tokens next to each
//! other in one sentence or line (a rarer token or a sentence edge breaks it). p(c) is the
//! cluster's share of all tokens, p(c,c') its bigrams' (the normalisers do not change which
//! merge is best). Only words (Hebrew or foreign letters) go into the table, the same words
//! as the k-means clusters of [`super::clusters`].
//!
//! The table's 10-bit path of a word is the first 10 bits of its bit string, a shorter
//! string padded with zeros. Bit strings are leaves of a binary tree, so no leaf is a proper
//! prefix of another: padding never makes two leaves of 10 bits or fewer equal, at any of the
//! 4-, 7- and 10-bit prefix granularities; only leaves deeper than 10 bits that share their
//! first 10 fall together (as prefixes of Brown paths do in Ratinov & Roth's features).
//! Brown trees are lopsided, though (on the tagger's corpus, the median leaf of 256 clusters
//! is 11 bits deep, and the first 10 bits tell only 146 classes apart, 11 at 4 bits), so
//! [`cut_paths`] offers another numbering: the subtrees of a cut of the tree, 16, then up to
//! 8 in each, then up to 8 in each of those.
//!
//! Deterministic: the ranking breaks frequency ties by form, every loop runs in slot order,
//! and the best merge is the first minimum in slot order, so a run reproduces its table
//! byte for byte on one machine. One thread.

use super::clusters::{BOUNDARY, Corpus, PATH_BITS};

/// Settings of [`learn`].
#[derive(Clone, Debug)]
pub struct Settings {
    /// How many clusters are active while words are added (`C`).
    pub clusters: usize,
    /// Tokens seen fewer times take no part (and words get no cluster).
    pub min_count: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            clusters: 256,
            min_count: 5,
        }
    }
}

/// Bigram counts of a vocabulary ranked by decreasing frequency (rank = word index).
struct Counts {
    /// Occurrences of each word.
    freq: Vec<u32>,
    /// All tokens of the text (the normaliser of probabilities).
    total: f64,
    /// Word `a`'s bigrams with words of rank ≤ `a` are `links[start[a]..start[a + 1]]`.
    start: Vec<usize>,
    /// One per bigram occurrence: the other word's rank `<< 1`, `| 1` if it stands on the
    /// right. A bigram is kept with the later-ranked of its two words (once for `a a`).
    links: Vec<u32>,
}

impl Counts {
    /// Counts from a stream of ranks, `u32::MAX` for a sentence edge or a word left out.
    fn new(ranks: &[u32], freq: Vec<u32>, total: f64) -> Counts {
        let n = freq.len();
        let mut len = vec![0usize; n + 1];
        let later = |x: u32, y: u32| x.max(y) as usize;
        for w in ranks.windows(2) {
            if w[0] != u32::MAX && w[1] != u32::MAX {
                len[later(w[0], w[1]) + 1] += 1;
            }
        }
        for a in 0..n {
            len[a + 1] += len[a];
        }
        let start = len.clone();
        let mut fill = len;
        let mut links = vec![0u32; start[n]];
        for w in ranks.windows(2) {
            let (x, y) = (w[0], w[1]);
            if x == u32::MAX || y == u32::MAX {
                continue;
            }
            // Kept with the later word: y on x's right, or x on y's left.
            let (a, link) = if y <= x { (x, y << 1 | 1) } else { (y, x << 1) };
            links[fill[a as usize]] = link;
            fill[a as usize] += 1;
        }
        Counts {
            freq,
            total,
            start,
            links,
        }
    }

    fn words(&self) -> usize {
        self.freq.len()
    }
}

/// The result of [`cluster`]: each word's cluster and each cluster's bit string.
#[derive(Clone, Debug, PartialEq)]
struct Clustering {
    /// Per word rank: its cluster (an index in `paths`).
    cluster: Vec<u32>,
    /// Per cluster: its path from the root of the final tree, `0`s and `1`s.
    paths: Vec<String>,
    /// Mutual information (nats) of the `C` clusters when every word was in.
    info: f64,
}

/// `p · ln(p / (a · b))`, the contribution of a bigram probability `p` between clusters of
/// probabilities `a` and `b` to the mutual information (0 when `p` is 0).
#[inline]
fn q(p: f64, a: f64, b: f64) -> f64 {
    if p > 0.0 { p * (p / (a * b)).ln() } else { 0.0 }
}

const NONE: u32 = u32::MAX;

/// The state of the clustering: active clusters sit in `n = C + 2` slots (one more for the
/// word being added, one for the cluster a merge makes before its parts leave).
struct Brown<'a> {
    counts: &'a Counts,
    n: usize,
    /// Active slots, ascending.
    live: Vec<usize>,
    active: Vec<bool>,
    /// p(c) per slot.
    p1: Vec<f64>,
    /// p(c, c') at `x * n + y`: cluster `x` followed by cluster `y`.
    p2: Vec<f64>,
    /// The transpose of `p2` (`p2t[y * n + x] = p2[x * n + y]`), for row-wise reading.
    p2t: Vec<f64>,
    /// Symmetric: `q(x, y) + q(y, x)` for `x ≠ y`, `q(x, x)` on the diagonal; `I` is the sum
    /// over `x ≤ y`.
    qs: Vec<f64>,
    /// Loss of merging `x` and `y` at `x * n + y` for slots `x < y`.
    loss: Vec<f64>,
    /// The node (word rank, or `words + k` for the k-th merge) in each slot.
    slot_node: Vec<u32>,
    /// The slot of each node while it is active.
    node_slot: Vec<u32>,
    /// Union-find over nodes: a merged node's parent is the merge.
    parent: Vec<u32>,
    /// The two nodes of each merge (older first).
    children: Vec<(u32, u32)>,
    /// Per slot: the sum of its bigram probabilities with active slots, both ways (its
    /// own bigrams twice).
    tot: Vec<f64>,
    /// Mutual information of the active clusters.
    info: f64,
    /// Merges whose new losses came from the denser part's (rather than from scratch).
    shortcuts: usize,
    /// Scratch: bigram counts of a new word with each slot, right and left.
    right: Vec<u32>,
    left: Vec<u32>,
    near: Vec<bool>,
}

impl<'a> Brown<'a> {
    fn new(counts: &'a Counts, c: usize) -> Self {
        let n = c + 2;
        let nodes = 2 * counts.words();
        Brown {
            counts,
            n,
            live: Vec::with_capacity(n),
            active: vec![false; n],
            p1: vec![0.0; n],
            p2: vec![0.0; n * n],
            p2t: vec![0.0; n * n],
            qs: vec![0.0; n * n],
            loss: vec![0.0; n * n],
            slot_node: vec![NONE; n],
            node_slot: vec![NONE; nodes],
            parent: (0..nodes as u32).collect(),
            children: Vec::new(),
            tot: vec![0.0; n],
            info: 0.0,
            shortcuts: 0,
            right: vec![0; n],
            left: vec![0; n],
            near: vec![false; n],
        }
    }

    fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let up = self.parent[self.parent[x as usize] as usize];
            self.parent[x as usize] = up;
            x = up;
        }
        x
    }

    fn set_p2(&mut self, x: usize, y: usize, p: f64) {
        self.p2[x * self.n + y] = p;
        self.p2t[y * self.n + x] = p;
    }

    /// Sets `qs` of slots `x` and `y` from `p2` and `p1`; returns it.
    fn set_qs(&mut self, x: usize, y: usize) -> f64 {
        let n = self.n;
        let v = if x == y {
            q(self.p2[x * n + x], self.p1[x], self.p1[x])
        } else {
            q(self.p2[x * n + y], self.p1[x], self.p1[y])
                + q(self.p2[y * n + x], self.p1[y], self.p1[x])
        };
        self.qs[x * n + y] = v;
        self.qs[y * n + x] = v;
        v
    }

    fn free_slot(&self) -> usize {
        (0..self.n).find(|&s| !self.active[s]).expect("a free slot")
    }

    fn activate(&mut self, s: usize, on: bool) {
        self.active[s] = on;
        self.live = (0..self.n).filter(|&x| self.active[x]).collect();
    }

    /// The loss of merging active slots `s` and `t`, from scratch: O(C).
    fn compute_loss(&self, s: usize, t: usize) -> f64 {
        let n = self.n;
        let (qs_s, qs_t) = (&self.qs[s * n..s * n + n], &self.qs[t * n..t * n + n]);
        let (out_s, out_t) = (&self.p2[s * n..s * n + n], &self.p2[t * n..t * n + n]);
        let (in_s, in_t) = (&self.p2t[s * n..s * n + n], &self.p2t[t * n..t * n + n]);
        // What s and t contribute now...
        let mut l = -qs_s[t];
        for &w in &self.live {
            l += qs_s[w] + qs_t[w];
        }
        // ...less what their union would.
        let p = self.p1[s] + self.p1[t];
        for &u in &self.live {
            if u != s && u != t {
                l -= q(out_s[u] + out_t[u], p, self.p1[u]) + q(in_s[u] + in_t[u], p, self.p1[u]);
            }
        }
        l - q(out_s[s] + out_s[t] + out_t[s] + out_t[t], p, p)
    }

    fn loss_at(&self, x: usize, y: usize) -> usize {
        x.min(y) * self.n + x.max(y)
    }

    /// Adds word `a` as a cluster of its own.
    fn add(&mut self, a: u32) {
        let n = self.n;
        let s = self.free_slot();
        self.slot_node[s] = a;
        self.node_slot[a as usize] = s as u32;
        self.p1[s] = f64::from(self.counts.freq[a as usize]) / self.counts.total;
        for x in 0..n {
            self.set_p2(s, x, 0.0);
            self.set_p2(x, s, 0.0);
            self.qs[s * n + x] = 0.0;
            self.qs[x * n + s] = 0.0;
        }
        let counts = self.counts;
        for &link in &counts.links[counts.start[a as usize]..counts.start[a as usize + 1]] {
            let b = link >> 1;
            let y = if b == a {
                s
            } else {
                let root = self.find(b);
                self.node_slot[root as usize] as usize
            };
            if link & 1 == 1 {
                self.right[y] += 1;
            } else {
                self.left[y] += 1;
            }
        }
        self.activate(s, true);
        let live = self.live.clone();
        // The clusters s has bigrams with (s itself aside): few for a rare word.
        let mut near = Vec::new();
        for &y in &live {
            if self.right[y] > 0 {
                self.set_p2(s, y, f64::from(self.right[y]) / counts.total);
            }
            if self.left[y] > 0 {
                self.set_p2(y, s, f64::from(self.left[y]) / counts.total);
            }
            self.near[y] = y != s && (self.right[y] > 0 || self.left[y] > 0);
            if self.near[y] {
                near.push(y);
            }
            self.right[y] = 0;
            self.left[y] = 0;
        }
        let mut own = 0.0; // Σ_y qs(s, y): what s contributes to I
        let mut total = 0.0;
        for &y in &live {
            own += self.set_qs(s, y);
            total += self.p2[s * n + y] + self.p2[y * n + s];
        }
        self.info += own;
        self.tot[s] = total;
        for &x in &near {
            self.tot[x] += self.p2[x * n + s] + self.p2[s * n + x];
        }
        // Merging any other pair v, w now also loses their bigrams with s, and gains those
        // of their union; that is nothing unless v or w has bigrams with s.
        let ps = self.p1[s];
        for (i, &v) in live.iter().enumerate() {
            if v == s {
                continue;
            }
            let others: &[usize] = if self.near[v] { &live[i + 1..] } else { &near };
            for &w in others {
                if w <= v || w == s {
                    continue;
                }
                let p = self.p1[v] + self.p1[w];
                let gain = q(self.p2[v * n + s] + self.p2[w * n + s], p, ps)
                    + q(self.p2[s * n + v] + self.p2[s * n + w], p, ps);
                self.loss[v * n + w] += self.qs[v * n + s] + self.qs[w * n + s] - gain;
            }
        }
        for &y in &near {
            self.near[y] = false;
        }
        // The loss of merging s with each x. Where s has no bigram with y, the union's
        // term with y is x's own term, shifted by ln(p(x) / p(x ∪ s)) per unit of bigram
        // probability; so the sum over y needs x's contributions and bigram total, and a
        // log only for the clusters near s:
        //   L(s, x) = Σ_y qs(s, y) + q(x, x) − ln(p(x) / p) · T'(x) − corrections − q(sx, sx)
        // (T'(x): x's bigrams with clusters other than s and x).
        for &x in &live {
            if x == s {
                continue;
            }
            let px = self.p1[x];
            let p = ps + px;
            let shift = (px / p).ln();
            let (out_s, in_s) = (&self.p2[s * n..s * n + n], &self.p2t[s * n..s * n + n]);
            let (out_x, in_x) = (&self.p2[x * n..x * n + n], &self.p2t[x * n..x * n + n]);
            let others = self.tot[x] - out_x[x] - in_x[x] - out_x[s] - in_x[s];
            let mut fix = 0.0;
            for &y in &near {
                if y == x {
                    continue;
                }
                let py = self.p1[y];
                for (a, b) in [(out_x[y], out_s[y]), (in_x[y], in_s[y])] {
                    if b > 0.0 {
                        fix += q(a + b, p, py) - q(a, px, py) - a * shift;
                    }
                }
            }
            let pp = out_s[s] + out_s[x] + out_x[s] + out_x[x];
            let at = self.loss_at(s, x);
            self.loss[at] = own + self.qs[x * n + x] - shift * others - fix - q(pp, p, p);
        }
    }

    /// The active pair whose merge loses least (the first in slot order on a tie).
    fn best(&self) -> (usize, usize) {
        let n = self.n;
        let mut best = (f64::INFINITY, 0, 0);
        for (i, &s) in self.live.iter().enumerate() {
            for &t in &self.live[i + 1..] {
                let l = self.loss[s * n + t];
                if l < best.0 {
                    best = (l, s, t);
                }
            }
        }
        (best.1, best.2)
    }

    /// Merges the clusters in slots `s < t` into a new one.
    fn merge(&mut self, s: usize, t: usize) {
        let n = self.n;
        let u = self.free_slot();
        self.info -= self.loss[s * n + t];
        let (a, b) = (self.slot_node[s], self.slot_node[t]);
        let node = (self.counts.words() + self.children.len()) as u32;
        self.children.push((a.min(b), a.max(b)));
        self.parent[a as usize] = node;
        self.parent[b as usize] = node;
        self.slot_node[u] = node;
        self.node_slot[node as usize] = u as u32;
        let (ps, pt) = (self.p1[s], self.p1[t]);
        let pu = ps + pt;
        self.p1[u] = pu;
        let rest: Vec<usize> = self
            .live
            .iter()
            .copied()
            .filter(|&x| x != s && x != t)
            .collect();
        for &x in &rest {
            self.set_p2(u, x, self.p2[s * n + x] + self.p2[t * n + x]);
            self.set_p2(x, u, self.p2[x * n + s] + self.p2[x * n + t]);
        }
        let pp = self.p2[s * n + s] + self.p2[s * n + t] + self.p2[t * n + s] + self.p2[t * n + t];
        self.set_p2(u, u, pp);
        let mut own_u = self.set_qs(u, u);
        let mut total_u = 2.0 * pp;
        for &x in &rest {
            own_u += self.set_qs(u, x);
            total_u += self.p2[u * n + x] + self.p2[x * n + u];
        }
        self.tot[u] = total_u;
        // Every other pair v, w: its bigrams with s and t are now bigrams with u.
        let d: Vec<f64> = (0..n)
            .map(|v| {
                if self.active[v] && v != s && v != t {
                    self.qs[u * n + v] - self.qs[s * n + v] - self.qs[t * n + v]
                } else {
                    0.0
                }
            })
            .collect();
        let (ln_s, ln_t) = ((ps / pu).ln(), (pt / pu).ln());
        // What the union of v and w gains by u in place of s and t, one direction: the
        // bigram probabilities `x` with s and `y` with t, `p` the union's probability.
        let change = |x: f64, y: f64, p: f64| -> f64 {
            if x == 0.0 {
                y * ln_t // q(y, p, pu) - q(y, p, pt), no log; 0 when y is 0 too
            } else if y == 0.0 {
                x * ln_s
            } else {
                q(x + y, p, pu) - q(x, p, ps) - q(y, p, pt)
            }
        };
        let (out_s, out_t) = (&self.p2[s * n..s * n + n], &self.p2[t * n..t * n + n]);
        let (in_s, in_t) = (&self.p2t[s * n..s * n + n], &self.p2t[t * n..t * n + n]);
        for (i, &v) in rest.iter().enumerate() {
            let row = &mut self.loss[v * n..v * n + n];
            for &w in &rest[i + 1..] {
                let p = self.p1[v] + self.p1[w];
                let gain = change(out_s[v] + out_s[w], out_t[v] + out_t[w], p)
                    + change(in_s[v] + in_s[w], in_t[v] + in_t[w], p);
                row[w] += d[v] + d[w] - gain;
            }
        }
        // The loss of merging u with each x: from that of the denser part ("base") with
        // x, when the other part ("extra") has bigrams with few clusters.
        let near_of = |z: usize| -> Vec<usize> {
            let (out_z, in_z) = (&self.p2[z * n..z * n + n], &self.p2t[z * n..z * n + n]);
            self.live
                .iter()
                .copied()
                .filter(|&y| y != z && (out_z[y] > 0.0 || in_z[y] > 0.0))
                .collect()
        };
        let (near_s, near_t) = (near_of(s), near_of(t));
        let (base, extra, near) = if near_s.len() <= near_t.len() {
            (t, s, near_s)
        } else {
            (s, t, near_t)
        };
        let own_base: f64 = self.live.iter().map(|&w| self.qs[base * n + w]).sum();
        self.active[s] = false;
        self.active[t] = false;
        self.activate(u, true);
        if 2 * near.len() >= rest.len() {
            for &x in &rest {
                let at = self.loss_at(u, x);
                self.loss[at] = self.compute_loss(u, x);
            }
            return;
        }
        self.shortcuts += 1;
        // L(u, x) = L(base, x) + (Σ_y qs(u, y) − Σ_y qs(base, y)) + d(x) − qs(u, x)
        //           + qs(base, x) − (how much the union with x gains over base's union);
        // the last, as in `add`, needs a log only for the clusters near extra.
        let (out_b, in_b) = (
            &self.p2[base * n..base * n + n],
            &self.p2t[base * n..base * n + n],
        );
        let (out_e, in_e) = (
            &self.p2[extra * n..extra * n + n],
            &self.p2t[extra * n..extra * n + n],
        );
        let (out_u, in_u) = (&self.p2[u * n..u * n + n], &self.p2t[u * n..u * n + n]);
        let (pb, pe) = (self.p1[base], self.p1[extra]);
        for &x in &rest {
            let (out_x, in_x) = (&self.p2[x * n..x * n + n], &self.p2t[x * n..x * n + n]);
            let px = self.p1[x];
            let (p_bx, p_ux) = (pb + px, pu + px);
            let shift = (p_bx / p_ux).ln();
            // The bigrams of base and x with clusters other than s, t and x.
            let others = self.tot[base]
                - out_b[extra]
                - in_b[extra]
                - out_b[base]
                - in_b[base]
                - out_b[x]
                - in_b[x]
                + self.tot[x]
                - out_x[extra]
                - in_x[extra]
                - out_x[base]
                - in_x[base]
                - out_x[x]
                - in_x[x];
            let mut fix = 0.0;
            for &y in &near {
                if y == base || y == x {
                    continue;
                }
                let py = self.p1[y];
                let dirs = [
                    (out_b[y] + out_x[y], out_e[y]),
                    (in_b[y] + in_x[y], in_e[y]),
                ];
                for (a, b) in dirs {
                    if b > 0.0 {
                        fix += q(a + b, p_ux, py) - q(a, p_bx, py) - a * shift;
                    }
                }
            }
            let with_extra =
                q(out_b[extra] + out_x[extra], p_bx, pe) + q(in_b[extra] + in_x[extra], p_bx, pe);
            let pp_bx = out_b[base] + out_b[x] + out_x[base] + out_x[x];
            let pp_ux = out_u[u] + out_u[x] + in_u[x] + out_x[x];
            let gain =
                shift * others + fix - with_extra + q(pp_ux, p_ux, p_ux) - q(pp_bx, p_bx, p_bx);
            let old = self.loss[self.loss_at(base, x)];
            let at = self.loss_at(u, x);
            self.loss[at] =
                old + (own_u - own_base) + d[x] - self.qs[u * n + x] + self.qs[base * n + x] - gain;
        }
    }
}

/// Brown-clusters the words of `counts` with `c` active clusters.
fn cluster(counts: &Counts, c: usize, progress: &mut dyn FnMut(&str)) -> Clustering {
    let words = counts.words();
    let c = c.max(1);
    let mut b = Brown::new(counts, c);
    for a in 0..words {
        b.add(a as u32);
        if b.live.len() > c {
            let (s, t) = b.best();
            b.merge(s, t);
        }
        if (a + 1) % 5000 == 0 {
            progress(&format!(
                "{} of {words} words in, mutual information {:.4} nats",
                a + 1,
                b.info
            ));
        }
    }
    let info = b.info;
    progress(&format!(
        "all words in; {} of {} merges used the sparse update",
        b.shortcuts,
        b.children.len()
    ));
    let mut of_word: Vec<u32> = (0..words as u32).map(|a| b.find(a)).collect();
    let first_top = (words + b.children.len()) as u32;
    while b.live.len() > 1 {
        let (s, t) = b.best();
        b.merge(s, t);
    }
    // Paths through the top tree (the merges after the last word), depth first.
    let mut leaf_index = vec![NONE; 2 * words];
    let mut paths = Vec::new();
    if let Some(&root) = b.live.first() {
        let mut stack = vec![(b.slot_node[root], String::new())];
        while let Some((node, path)) = stack.pop() {
            if node >= first_top {
                let (zero, one) = b.children[node as usize - words];
                stack.push((one, path.clone() + "1"));
                stack.push((zero, path + "0"));
            } else {
                leaf_index[node as usize] = paths.len() as u32;
                paths.push(path);
            }
        }
    }
    for w in of_word.iter_mut() {
        *w = leaf_index[*w as usize];
    }
    Clustering {
        cluster: of_word,
        paths,
        info,
    }
}

/// The table's path of a bit string: its first [`PATH_BITS`] bits, zero padded.
pub fn table_path(bits: &str) -> u16 {
    let mut p = 0u16;
    for i in 0..PATH_BITS as usize {
        p = p << 1 | u16::from(bits.as_bytes().get(i) == Some(&b'1'));
    }
    p
}

/// The tokens of `stream` seen at least `min_count` times, by decreasing frequency then by
/// form (so a token's rank is its index here), and their bigram counts.
fn prepare(forms: &[String], stream: &[u32], min_count: u32) -> (Vec<u32>, Counts) {
    let mut counts = vec![0u32; forms.len()];
    let mut total = 0u64;
    for &t in stream {
        if t != BOUNDARY {
            counts[t as usize] += 1;
            total += 1;
        }
    }
    let mut vocab: Vec<u32> = (0..forms.len() as u32)
        .filter(|&i| counts[i as usize] >= min_count)
        .collect();
    vocab.sort_by(|&a, &b| {
        counts[b as usize]
            .cmp(&counts[a as usize])
            .then_with(|| forms[a as usize].cmp(&forms[b as usize]))
    });
    let mut rank = vec![u32::MAX; forms.len()];
    for (r, &id) in vocab.iter().enumerate() {
        rank[id as usize] = r as u32;
    }
    let ranks: Vec<u32> = stream
        .iter()
        .map(|&t| {
            if t == BOUNDARY {
                u32::MAX
            } else {
                rank[t as usize]
            }
        })
        .collect();
    let freq = vocab.iter().map(|&id| counts[id as usize]).collect();
    (vocab, Counts::new(&ranks, freq, total as f64))
}

/// The table paths of a binary tree's leaves (bit strings, none a prefix of another, each
/// with a weight) when the tree is cut rather than its paths truncated: the top level is
/// the root's subtrees after splitting the heaviest one (of those not a leaf) in two until
/// there are 16, numbered left to right; each of those is split the same way into up to 8,
/// and each of those into up to 8 ([`super::clusters::BRANCHING`]). A leaf's path is its
/// three numbers; every class at every granularity is a subtree of the tree. Ties go to the
/// leftmost subtree.
pub fn cut_paths(leaves: &[(&str, usize)]) -> Vec<u16> {
    use super::clusters::{BRANCHING, LEVEL_BITS};
    let weight = |node: &str| -> usize {
        leaves
            .iter()
            .filter(|(b, _)| b.starts_with(node))
            .map(|&(_, w)| w)
            .sum()
    };
    let is_leaf = |node: &str| leaves.iter().any(|&(b, _)| b == node);
    let split = |node: String, k: usize| -> Vec<String> {
        let mut parts = vec![node];
        while parts.len() < k {
            let Some(i) = (0..parts.len())
                .filter(|&i| !is_leaf(&parts[i]))
                .max_by(|&i, &j| weight(&parts[i]).cmp(&weight(&parts[j])).then(j.cmp(&i)))
            else {
                break;
            };
            let node = parts.remove(i);
            parts.insert(i, node.clone() + "1");
            parts.insert(i, node + "0");
        }
        parts
    };
    let mut paths = vec![0u16; leaves.len()];
    let mut level: Vec<(String, u16)> = vec![(String::new(), 0)];
    for (&k, &bits) in BRANCHING.iter().zip(&LEVEL_BITS) {
        let mut next = Vec::new();
        for (node, path) in level {
            for (i, part) in split(node, k).into_iter().enumerate() {
                next.push((part, path << bits | i as u16));
            }
        }
        level = next;
    }
    for (node, path) in &level {
        for (i, &(b, _)) in leaves.iter().enumerate() {
            if b.starts_with(node.as_str()) {
                paths[i] = *path;
            }
        }
    }
    paths
}

/// A token's place in the Brown tree.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    /// Its folded form.
    pub form: String,
    /// How often it occurs.
    pub count: u32,
    /// Its cluster's path from the root of the tree, `0`s and `1`s.
    pub bits: String,
    /// Whether it is a word (Hebrew or foreign letters), to go into the table.
    pub word: bool,
    /// Its table path by [`cut_paths`] (the words of the table as weights).
    pub cut: u16,
}

/// Brown-clusters `corpus`: every token seen at least `s.min_count` times, by decreasing
/// frequency then by form, with its bit string.
pub fn learn_bits(corpus: &Corpus, s: &Settings, progress: &mut dyn FnMut(&str)) -> Vec<Placed> {
    let forms = corpus.forms();
    let (vocab, bigrams) = prepare(forms, corpus.stream(), s.min_count);
    progress(&format!(
        "{} tokens, {} forms, {} seen {} times or more ({} bigrams); {} clusters",
        bigrams.total,
        forms.len(),
        vocab.len(),
        s.min_count,
        bigrams.links.len(),
        s.clusters
    ));
    let result = cluster(&bigrams, s.clusters, progress);
    // How the bit strings fit the table.
    let mut depths: Vec<usize> = result.paths.iter().map(String::len).collect();
    depths.sort_unstable();
    let mut short: Vec<u16> = result.paths.iter().map(|p| table_path(p)).collect();
    short.sort_unstable();
    short.dedup();
    if !depths.is_empty() {
        progress(&format!(
            "{} clusters, mutual information {:.4} nats; depth min {} median {} max {}; {} deeper than {PATH_BITS} bits; {} distinct {PATH_BITS}-bit paths",
            result.paths.len(),
            result.info,
            depths[0],
            depths[depths.len() / 2],
            depths[depths.len() - 1],
            depths.iter().filter(|&&d| d > PATH_BITS as usize).count(),
            short.len()
        ));
    }
    let mut words_in = vec![0usize; result.paths.len()];
    for (r, &id) in vocab.iter().enumerate() {
        if corpus.is_wordlike(id) {
            words_in[result.cluster[r] as usize] += 1;
        }
    }
    let leaves: Vec<(&str, usize)> = result
        .paths
        .iter()
        .zip(&words_in)
        .map(|(p, &w)| (p.as_str(), w))
        .collect();
    let cut = cut_paths(&leaves);
    vocab
        .iter()
        .enumerate()
        .map(|(r, &id)| Placed {
            form: forms[id as usize].clone(),
            count: bigrams.freq[r],
            bits: result.paths[result.cluster[r] as usize].clone(),
            word: corpus.is_wordlike(id),
            cut: cut[result.cluster[r] as usize],
        })
        .collect()
}

/// The clusters table of [`learn_bits`]' result: the words with their [`table_path`] (or,
/// with `cut`, their [`cut_paths`] path), sorted by word, in [`super::clusters::to_tsv`]'s
/// terms.
pub fn table(placed: &[Placed], cut: bool) -> Vec<(String, u16)> {
    let mut table: Vec<(String, u16)> = placed
        .iter()
        .filter(|p| p.word)
        .map(|p| {
            let path = if cut { p.cut } else { table_path(&p.bits) };
            (p.form.clone(), path)
        })
        .collect();
    table.sort_by(|a, b| a.0.cmp(&b.0));
    table
}

/// Brown-clusters `corpus`: the path of every word (a token with letters) seen at least
/// `s.min_count` times, sorted by word ([`table`] of [`learn_bits`]).
pub fn learn(corpus: &Corpus, s: &Settings, progress: &mut dyn FnMut(&str)) -> Vec<(String, u16)> {
    table(&learn_bits(corpus, s, progress), false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xorshift::XorShift;

    fn corpus(sentences: &[String]) -> Corpus {
        let mut c = Corpus::default();
        for line in sentences {
            let words: Vec<String> = line.split(' ').map(str::to_string).collect();
            c.add_tokens(&words);
        }
        c
    }

    impl Brown<'_> {
        /// Checks every incremental table against a computation from scratch: the bigram
        /// probabilities of the active clusters from the words added so far, their
        /// contributions, the mutual information and every pair's loss.
        fn check(&mut self, added: usize) {
            let n = self.n;
            let slot: Vec<usize> = (0..added as u32)
                .map(|a| {
                    let root = self.find(a);
                    self.node_slot[root as usize] as usize
                })
                .collect();
            let mut p2 = vec![0f64; n * n];
            for a in 0..added {
                let sa = slot[a];
                let c = self.counts;
                for &link in &c.links[c.start[a]..c.start[a + 1]] {
                    let sb = slot[(link >> 1) as usize];
                    let at = if link & 1 == 1 {
                        sa * n + sb
                    } else {
                        sb * n + sa
                    };
                    p2[at] += 1.0 / c.total;
                }
            }
            let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()));
            for &x in &self.live {
                let t: f64 = self
                    .live
                    .iter()
                    .map(|&y| p2[x * n + y] + p2[y * n + x])
                    .sum();
                assert!(close(t, self.tot[x]), "tot[{x}]");
            }
            let mut info = 0.0;
            for &x in &self.live {
                let p: f64 = (0..added)
                    .filter(|&a| slot[a] == x)
                    .map(|a| f64::from(self.counts.freq[a]) / self.counts.total)
                    .sum();
                assert!(close(p, self.p1[x]), "p1[{x}]");
                for &y in &self.live {
                    assert!(close(p2[x * n + y], self.p2[x * n + y]), "p2[{x},{y}]");
                    assert_eq!(self.p2[x * n + y], self.p2t[y * n + x]);
                    let qxy = q(self.p2[x * n + y], self.p1[x], self.p1[y]);
                    info += qxy;
                    let want = if x == y {
                        qxy
                    } else {
                        qxy + q(self.p2[y * n + x], self.p1[y], self.p1[x])
                    };
                    assert!(close(want, self.qs[x * n + y]), "qs[{x},{y}]");
                }
            }
            assert!(close(info, self.info), "info {info} {}", self.info);
            for (i, &x) in self.live.iter().enumerate() {
                for &y in &self.live[i + 1..] {
                    // The loss by its definition: the information now, less after merging.
                    let before = self.info;
                    let mut after = 0.0;
                    let merged = |z: usize| if z == y { x } else { z };
                    let mut p1 = self.p1.clone();
                    p1[x] += p1[y];
                    let mut m = vec![0f64; n * n];
                    for &a in &self.live {
                        for &b in &self.live {
                            m[merged(a) * n + merged(b)] += self.p2[a * n + b];
                        }
                    }
                    for &a in &self.live {
                        for &b in &self.live {
                            if a != y && b != y {
                                after += q(m[a * n + b], p1[a], p1[b]);
                            }
                        }
                    }
                    let l = self.loss[x * n + y];
                    assert!(
                        (l - (before - after)).abs() < 1e-9,
                        "loss[{x},{y}] {l} vs {}",
                        before - after
                    );
                }
            }
        }
    }

    /// Sentences from a made-up class bigram model: `classes` classes of `size` words.
    fn generated(sentences: usize, classes: usize, size: usize, seed: u64) -> Vec<String> {
        let mut rng = XorShift(seed | 1);
        let mut out = Vec::new();
        for _ in 0..sentences {
            let mut class = (rng.next() % classes as u64) as usize;
            let mut words = Vec::new();
            for _ in 0..6 {
                // Each class is mostly followed by the next one.
                let w = (rng.next() % size as u64) as usize;
                words.push(format!("w{class}x{w}"));
                class = if rng.next().is_multiple_of(4) {
                    (rng.next() % classes as u64) as usize
                } else {
                    (class + 1) % classes
                };
            }
            out.push(words.join(" "));
        }
        out
    }

    /// Runs the whole clustering, checking every table after every step.
    fn checked_run(counts: &Counts, clusters: usize) -> usize {
        let mut b = Brown::new(counts, clusters);
        for a in 0..counts.words() {
            b.add(a as u32);
            b.check(a + 1);
            if b.live.len() > clusters {
                let (s, t) = b.best();
                b.merge(s, t);
                b.check(a + 1);
            }
        }
        while b.live.len() > 1 {
            let (s, t) = b.best();
            b.merge(s, t);
            b.check(counts.words());
        }
        // One cluster left: its only term, bigrams over tokens (the normalisers differ).
        let bigrams = counts.links.len() as f64 / counts.total;
        assert!(
            (b.info - bigrams * bigrams.ln()).abs() < 1e-12,
            "{}",
            b.info
        );
        b.shortcuts
    }

    #[test]
    fn incremental_tables_equal_a_computation_from_scratch() {
        // Few words, dense: losses mostly from scratch.
        let c = corpus(&generated(300, 4, 6, 11));
        let (_, counts) = prepare(c.forms(), c.stream(), 2);
        checked_run(&counts, 5);
        // Many rare words: most merges take the sparse update.
        let mut lines = generated(400, 6, 40, 3);
        lines.extend(generated(40, 6, 400, 9));
        let c = corpus(&lines);
        let (_, counts) = prepare(c.forms(), c.stream(), 1);
        let sparse = checked_run(&counts, 12);
        assert!(
            sparse > counts.words() / 2,
            "{sparse} of {}",
            counts.words()
        );
    }

    #[test]
    fn words_of_a_class_share_a_subtree() {
        // Four classes of six words; each class mostly followed by the next.
        let c = corpus(&generated(2000, 4, 6, 5));
        let (vocab, counts) = prepare(c.forms(), c.stream(), 1);
        let result = cluster(&counts, 4, &mut |_| {});
        let path_of = |form: String| {
            let r = vocab
                .iter()
                .position(|&id| c.forms()[id as usize] == form)
                .unwrap();
            result.paths[result.cluster[r] as usize].clone()
        };
        for class in 0..4 {
            let mine: Vec<String> = (0..6).map(|w| path_of(format!("w{class}x{w}"))).collect();
            // The words of one class share one path: the four leaves are the four classes.
            assert!(mine.iter().all(|p| *p == mine[0]), "{class}: {mine:?}");
            for other in (0..4).filter(|&o| o != class) {
                assert_ne!(path_of(format!("w{other}x0")), mine[0]);
            }
        }
        let mut leaves = result.paths.clone();
        leaves.sort();
        assert_eq!(leaves.len(), 4);
        // No leaf is a prefix of another.
        for (i, a) in leaves.iter().enumerate() {
            for b in &leaves[i + 1..] {
                assert!(!b.starts_with(a.as_str()), "{a} {b}");
            }
        }
    }

    #[test]
    fn words_in_disjoint_contexts_fall_in_different_subtrees() {
        // Animals and towns, never in each other's sentences; more words than clusters.
        let animals = ["cat", "dog", "cow", "hen", "fox", "owl", "pig", "ram"];
        let towns = [
            "rome", "oslo", "lima", "kiev", "bern", "riga", "nice", "york",
        ];
        let mut lines = Vec::new();
        for round in 0..12 {
            for (i, (a, t)) in animals.iter().zip(&towns).enumerate() {
                let verb = ["runs", "eats", "sleeps"][(i + round) % 3];
                lines.push(format!("the {a} {verb} ."));
                lines.push(format!("we flew to {t} on sunday ."));
                lines.push(format!("a {a} {verb} in {} .", towns[(i + round) % 8]));
            }
        }
        let c = corpus(&lines);
        let s = Settings {
            clusters: 6,
            min_count: 5,
        };
        let table = learn(&c, &s, &mut |_| {});
        let path = |w: &str| table.iter().find(|(f, _)| f == w).unwrap().1;
        let bits = |p: u16| format!("{p:010b}");
        // The longest prefix all animals share is no town's prefix, and the other way round.
        let common = |ws: &[&str]| {
            let all: Vec<String> = ws.iter().map(|w| bits(path(w))).collect();
            let mut len = 0;
            while len < 10
                && all
                    .iter()
                    .all(|b| b.as_bytes()[len] == all[0].as_bytes()[len])
            {
                len += 1;
            }
            all[0][..len].to_string()
        };
        let (a, t) = (common(&animals), common(&towns));
        for w in towns {
            assert!(!bits(path(w)).starts_with(&a), "{w} under the animals' {a}");
        }
        for w in animals {
            assert!(!bits(path(w)).starts_with(&t), "{w} under the towns' {t}");
        }
        // Only words (not ".") are in the table, sorted; and the same on a second run.
        assert!(table.iter().all(|(w, _)| w != "."));
        assert!(table.windows(2).all(|p| p[0].0 < p[1].0));
        assert_eq!(table, learn(&c, &s, &mut |_| {}));
    }

    #[test]
    fn more_clusters_than_words_still_make_one_tree() {
        let c = corpus(&["a b c".to_string(), "a b d".to_string()]);
        let (_, counts) = prepare(c.forms(), c.stream(), 1);
        let r = cluster(&counts, 10, &mut |_| {});
        assert_eq!(r.paths.len(), 4);
        let mut p = r.paths.clone();
        p.sort();
        p.dedup();
        assert_eq!(p.len(), 4);
    }

    #[test]
    fn cutting_the_tree_numbers_its_subtrees() {
        // A comb: each level peels one leaf off; the truncated paths of the four deepest
        // leaves all fall together, the cut keeps the heavy subtrees apart.
        let comb: Vec<String> = (0..14)
            .map(|d| "1".repeat(d) + "0")
            .chain(["1".repeat(14)])
            .collect();
        let leaves: Vec<(&str, usize)> = comb.iter().map(|b| (b.as_str(), 10)).collect();
        let cut = cut_paths(&leaves);
        let mut distinct = cut.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), 15);
        // Fifteen leaves fit the 16 top classes, one each.
        let mut tops: Vec<u16> = cut.iter().map(|&p| p >> 6).collect();
        tops.dedup();
        assert_eq!(tops.len(), 15);
        // Siblings in order: the leftmost leaf ("0") is class 0 at the top.
        assert_eq!(cut[0] >> 6, 0);
        // Two leaves: top classes 0 and 1, nothing below.
        assert_eq!(cut_paths(&[("0", 5), ("1", 1)]), vec![0, 1 << 6]);
        // The heavier subtree is split first.
        let p = cut_paths(&[("00", 1), ("01", 1), ("10", 9), ("110", 9), ("111", 9)]);
        let tops: Vec<u16> = p.iter().map(|&x| x >> 6).collect();
        assert_eq!(tops, vec![0, 1, 2, 3, 4]);
    }

    #[test]
    fn bit_strings_become_ten_bit_paths() {
        assert_eq!(table_path(""), 0);
        assert_eq!(table_path("101"), 0b10_1000_0000);
        assert_eq!(table_path("1111111111"), 1023);
        assert_eq!(table_path("011111111101"), 0b01_1111_1111);
    }
}
