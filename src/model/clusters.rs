//! Word clusters learned from unlabelled Hebrew: which words are used alike.
//!
//! A model trained on ~8k labelled sentences has never seen most names, and the words
//! around an unseen name are what gives it away. Clusters carry that knowledge from 2.1 M
//! words of raw text: a word's class says "used like ראש העיר / like משרד / like a
//! surname", and an unseen name that fell into the same class as seen ones gets their
//! weights (Ratinov & Roth 2009 used Brown clusters so, at several granularities).
//!
//! How: every word seen at least `min_count` times gets a vector of its contexts — which
//! of the `contexts` most frequent tokens stand one and two places to its left and right —
//! weighted by positive pointwise mutual information (context counts smoothed by ^0.75,
//! as in Levy, Goldberg and Dagan 2015) and scaled to unit length. Spherical k-means then
//! splits the words into 16 groups, each group into 8, and each of those into 8: a
//! 10-bit path whose 4-, 7- and 10-bit prefixes are three granularities (16, 128, 1,024
//! classes), like the bit prefixes of a Brown tree. (Brown clustering proper,
//! Liang's algorithm, is in [`super::brown`]: 6–50 times slower, and no better on the
//! tagger's dev scores, docs/model-design.md.)
//!
//! Deterministic: the vocabulary is sorted, co-occurrences are counted by sorting, and
//! k-means++ seeds come from a fixed xorshift sequence, so `tagit clusters` reproduces
//! `model/clusters.tsv` byte for byte on one machine. The text never includes a test or dev
//! sentence: training corpora contribute their train splits only, and unlabelled lines
//! that equal an evaluation sentence (letters compared) are dropped first.

use crate::text::Document;
use crate::text::tokenize::TokenKind;
use crate::xorshift::XorShift;
use std::collections::{HashMap, HashSet};

/// Levels of the cluster tree: how many children each node splits into.
pub const BRANCHING: [usize; 3] = [16, 8, 8];
/// Bits of each level in a path (log2 of [`BRANCHING`]).
pub const LEVEL_BITS: [u32; 3] = [4, 3, 3];
/// Bits of a full path.
pub const PATH_BITS: u32 = super::features::CLUSTER_PATH_BITS;

/// Settings of [`learn`].
#[derive(Clone, Debug)]
pub struct Settings {
    /// Words seen fewer times get no cluster.
    pub min_count: u32,
    /// How many of the most frequent tokens serve as contexts.
    pub contexts: usize,
    /// k-means iterations per split.
    pub iterations: usize,
    /// Seed of the k-means++ choices.
    pub seed: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            min_count: 5,
            contexts: 2000,
            iterations: 15,
            seed: 0x636c_7573_7465_7273,
        }
    }
}

/// The key under which a sentence is compared with evaluation sentences: its letters and
/// digits only, folded, so tokenisation and punctuation differences do not hide a copy.
pub fn letters_key(text: &str) -> String {
    crate::text::normalize::fold_str(text)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// A corpus being collected: token sequences (folded forms), each a sentence or a line.
#[derive(Default)]
pub struct Corpus {
    ids: HashMap<String, u32>,
    words: Vec<String>,
    /// Token ids, sentences separated by `u32::MAX`.
    stream: Vec<u32>,
    /// Per token id: whether it is a word (Hebrew or foreign letters) to be clustered.
    wordlike: Vec<bool>,
    /// Lines dropped as copies of held-out sentences.
    pub dropped: usize,
}

/// The separator of sentences in a [`Corpus`]'s token stream.
pub(crate) const BOUNDARY: u32 = u32::MAX;

impl Corpus {
    /// The distinct token forms, by token id.
    pub(crate) fn forms(&self) -> &[String] {
        &self.words
    }

    /// The token ids in text order, sentences separated by [`BOUNDARY`].
    pub(crate) fn stream(&self) -> &[u32] {
        &self.stream
    }

    /// Whether token id `id` is a word (Hebrew or foreign letters), to be clustered.
    pub(crate) fn is_wordlike(&self, id: u32) -> bool {
        self.wordlike[id as usize]
    }

    fn id(&mut self, w: &str, wordlike: bool) -> u32 {
        if let Some(&id) = self.ids.get(w) {
            return id;
        }
        let id = self.words.len() as u32;
        self.ids.insert(w.to_string(), id);
        self.words.push(w.to_string());
        self.wordlike.push(wordlike);
        id
    }

    /// Adds a line of raw text (tokenised as the annotator tokenises), unless its letters
    /// equal those of a `held_out` sentence.
    pub fn add_text(&mut self, line: &str, held_out: &HashSet<String>) {
        if held_out.contains(&letters_key(line)) {
            self.dropped += 1;
            return;
        }
        let doc = Document::new(line);
        for (i, t) in doc.tokens().iter().enumerate() {
            let wordlike = matches!(t.kind, TokenKind::Hebrew | TokenKind::Foreign);
            let id = self.id(doc.norm(i), wordlike);
            self.stream.push(id);
        }
        self.stream.push(BOUNDARY);
    }

    /// Adds a sentence already cut into folded tokens (a training corpus).
    pub fn add_tokens(&mut self, words: &[String]) {
        for w in words {
            let wordlike = w.chars().any(|c| c.is_alphabetic());
            let id = self.id(w, wordlike);
            self.stream.push(id);
        }
        self.stream.push(BOUNDARY);
    }

    /// Number of tokens collected.
    pub fn tokens(&self) -> usize {
        self.stream.len()
    }
}

/// Learns the cluster path of every word seen at least `s.min_count` times in `corpus`.
/// Returns `(word, path)` sorted by word; `progress` hears what is going on.
pub fn learn(corpus: &Corpus, s: &Settings, progress: &mut dyn FnMut(&str)) -> Vec<(String, u16)> {
    let (vocab, rows, dims) = context_vectors(corpus, s, progress);
    let paths = tree(&rows, dims, s, progress);
    vocab
        .iter()
        .zip(paths)
        .map(|(&id, p)| (corpus.words[id as usize].clone(), p))
        .collect()
}

/// The words to cluster (token ids, in form order) and their PPMI context vectors (sparse
/// rows of `(dimension, weight)`, unit length), with the number of dimensions.
type Vectors = (Vec<u32>, Vec<Vec<(u32, f32)>>, usize);

/// Each word's contexts (which of the `s.contexts` most frequent tokens stand one and two
/// places to its left and right), weighted by positive PMI.
fn context_vectors(corpus: &Corpus, s: &Settings, progress: &mut dyn FnMut(&str)) -> Vectors {
    let n_ids = corpus.words.len();
    let mut counts = vec![0u32; n_ids];
    for &t in &corpus.stream {
        if t != BOUNDARY {
            counts[t as usize] += 1;
        }
    }
    // Contexts: the most frequent tokens (ties by form), plus "another token" and the edge.
    let mut by_freq: Vec<u32> = (0..n_ids as u32).collect();
    by_freq.sort_by(|&a, &b| {
        counts[b as usize]
            .cmp(&counts[a as usize])
            .then_with(|| corpus.words[a as usize].cmp(&corpus.words[b as usize]))
    });
    let mut context_of = vec![s.contexts as u32; n_ids]; // default: "another token"
    for (rank, &id) in by_freq.iter().take(s.contexts).enumerate() {
        context_of[id as usize] = rank as u32;
    }
    let per_side = s.contexts as u32 + 2; // + another, + edge
    let edge = s.contexts as u32 + 1;
    // The words to cluster, in form order (determinism); their row numbers.
    let mut vocab: Vec<u32> = (0..n_ids as u32)
        .filter(|&i| corpus.wordlike[i as usize] && counts[i as usize] >= s.min_count)
        .collect();
    vocab.sort_by(|&a, &b| corpus.words[a as usize].cmp(&corpus.words[b as usize]));
    let mut row_of = vec![u32::MAX; n_ids];
    for (r, &id) in vocab.iter().enumerate() {
        row_of[id as usize] = r as u32;
    }
    progress(&format!(
        "{} tokens, {} forms, {} words seen {} times or more",
        corpus.tokens(),
        n_ids,
        vocab.len(),
        s.min_count
    ));
    // Co-occurrences as (row << 32 | dim), counted by sorting.
    let mut pairs: Vec<u64> = Vec::with_capacity(corpus.stream.len() * 4);
    for (i, &t) in corpus.stream.iter().enumerate() {
        if t == BOUNDARY || row_of[t as usize] == u32::MAX {
            continue;
        }
        let row = u64::from(row_of[t as usize]);
        for (slot, d) in [-2, -1, 1, 2].into_iter().enumerate() {
            // Past a sentence edge, the context is the edge.
            let ctx = token_near(&corpus.stream, i, d).map_or(edge, |n| context_of[n as usize]);
            let dim = slot as u32 * per_side + ctx;
            pairs.push(row << 32 | u64::from(dim));
        }
    }
    pairs.sort_unstable();
    let dims = 4 * per_side as usize;
    // Rows of (dim, count), and the marginals.
    let mut rows: Vec<Vec<(u32, f32)>> = vec![Vec::new(); vocab.len()];
    let mut dim_total = vec![0f64; dims];
    let mut total = 0f64;
    let mut k = 0;
    while k < pairs.len() {
        let p = pairs[k];
        let mut c = 0u32;
        while k < pairs.len() && pairs[k] == p {
            c += 1;
            k += 1;
        }
        let (row, dim) = ((p >> 32) as usize, (p & 0xffff_ffff) as u32);
        rows[row].push((dim, c as f32));
        dim_total[dim as usize] += f64::from(c);
        total += f64::from(c);
    }
    // PPMI with context smoothing (counts^0.75), rows scaled to unit length.
    let smoothed: Vec<f64> = dim_total.iter().map(|&c| c.powf(0.75)).collect();
    let smoothed_total: f64 = smoothed.iter().sum();
    for row in rows.iter_mut() {
        let row_total: f64 = row.iter().map(|&(_, c)| f64::from(c)).sum();
        let mut out = Vec::with_capacity(row.len());
        for &(dim, c) in row.iter() {
            let p_wc = f64::from(c) / total;
            let p_w = row_total / total;
            let p_c = smoothed[dim as usize] / smoothed_total;
            let pmi = (p_wc / (p_w * p_c)).ln();
            if pmi > 0.0 {
                out.push((dim, pmi as f32));
            }
        }
        let norm = out.iter().map(|&(_, v)| v * v).sum::<f32>().sqrt();
        if norm > 0.0 {
            for e in out.iter_mut() {
                e.1 /= norm;
            }
        }
        *row = out;
    }
    (vocab, rows, dims)
}

/// The path of each row in a tree of [`BRANCHING`] classes: k-means splits all rows, then
/// each group, level by level.
fn tree(
    rows: &[Vec<(u32, f32)>],
    dims: usize,
    s: &Settings,
    progress: &mut dyn FnMut(&str),
) -> Vec<u16> {
    let mut rng = XorShift(s.seed | 1);
    let mut path = vec![0u16; rows.len()];
    let mut groups: Vec<Vec<usize>> = vec![(0..rows.len()).collect()];
    for (level, &k) in BRANCHING.iter().enumerate() {
        let mut next = Vec::with_capacity(groups.len() * k);
        for g in &groups {
            let assign = kmeans(rows, g, k, dims, s.iterations, &mut rng);
            let mut parts: Vec<Vec<usize>> = vec![Vec::new(); k];
            for (&member, &c) in g.iter().zip(&assign) {
                path[member] = path[member] << LEVEL_BITS[level] | c as u16;
                parts[c].push(member);
            }
            next.extend(parts);
        }
        groups = next;
        progress(&format!("level {}: {} classes", level + 1, groups.len()));
    }
    path
}

/// The token `d` places from position `i` of `stream`, unless a sentence edge lies between.
fn token_near(stream: &[u32], i: usize, d: isize) -> Option<u32> {
    let mut k = i;
    for _ in 0..d.unsigned_abs() {
        k = k.checked_add_signed(d.signum())?;
        stream.get(k).filter(|&&t| t != BOUNDARY)?;
    }
    Some(stream[k])
}

/// Spherical k-means of the `members` rows into `k` groups; returns each member's group.
/// Seeds by k-means++ (distance 1 − cosine); an emptied group takes the member farthest
/// from its centroid.
fn kmeans(
    rows: &[Vec<(u32, f32)>],
    members: &[usize],
    k: usize,
    dims: usize,
    iterations: usize,
    rng: &mut XorShift,
) -> Vec<usize> {
    let n = members.len();
    if n <= k {
        return (0..n).collect();
    }
    let dot =
        |row: &[(u32, f32)], c: &[f32]| row.iter().map(|&(d, v)| v * c[d as usize]).sum::<f32>();
    let mut centroids = vec![vec![0f32; dims]; k];
    let set = |c: &mut Vec<f32>, row: &[(u32, f32)]| {
        c.iter_mut().for_each(|x| *x = 0.0);
        for &(d, v) in row {
            c[d as usize] = v;
        }
    };
    // k-means++: each next seed drawn with probability ∝ its distance to the nearest seed.
    let first = (rng.next() % n as u64) as usize;
    set(&mut centroids[0], &rows[members[first]]);
    let mut nearest = vec![f32::MAX; n];
    for c in 1..k {
        let mut sum = 0f64;
        for (i, &m) in members.iter().enumerate() {
            let d = (1.0 - dot(&rows[m], &centroids[c - 1])).max(0.0);
            nearest[i] = nearest[i].min(d);
            sum += f64::from(nearest[i]);
        }
        let mut target = (rng.next() as f64 / u64::MAX as f64) * sum;
        let mut pick = n - 1;
        for (i, &d) in nearest.iter().enumerate() {
            target -= f64::from(d);
            if target <= 0.0 {
                pick = i;
                break;
            }
        }
        set(&mut centroids[c], &rows[members[pick]]);
    }
    let mut assign = vec![0usize; n];
    let mut sims = vec![0f32; n];
    for _ in 0..iterations {
        let mut changed = false;
        for (i, &m) in members.iter().enumerate() {
            let mut best = (0, f32::MIN);
            for (c, centroid) in centroids.iter().enumerate() {
                let s = dot(&rows[m], centroid);
                if s > best.1 {
                    best = (c, s);
                }
            }
            if assign[i] != best.0 {
                changed = true;
            }
            assign[i] = best.0;
            sims[i] = best.1;
        }
        // New centroids: the normalised sums of their members.
        let mut sizes = vec![0usize; k];
        for c in centroids.iter_mut() {
            c.iter_mut().for_each(|x| *x = 0.0);
        }
        for (i, &m) in members.iter().enumerate() {
            sizes[assign[i]] += 1;
            for &(d, v) in &rows[m] {
                centroids[assign[i]][d as usize] += v;
            }
        }
        for c in 0..k {
            if sizes[c] == 0 {
                // The member least like its own centroid starts this group again.
                let far = (0..n)
                    .filter(|&i| sizes[assign[i]] > 1)
                    .min_by(|&a, &b| sims[a].total_cmp(&sims[b]).then(a.cmp(&b)));
                if let Some(i) = far {
                    sizes[assign[i]] -= 1;
                    assign[i] = c;
                    sizes[c] = 1;
                    set(&mut centroids[c], &rows[members[i]]);
                    changed = true;
                }
            }
            let norm = centroids[c].iter().map(|x| x * x).sum::<f32>().sqrt();
            if norm > 0.0 {
                centroids[c].iter_mut().for_each(|x| *x /= norm);
            }
        }
        if !changed {
            break;
        }
    }
    assign
}

/// The clusters table as committed: a header, then `word<TAB>path` lines sorted by word.
pub fn to_tsv(clusters: &[(String, u16)], about: &str) -> String {
    let mut out = String::new();
    for line in about.lines() {
        out.push_str("# ");
        out.push_str(line);
        out.push('\n');
    }
    for (w, p) in clusters {
        out.push_str(w);
        out.push('\t');
        out.push_str(&p.to_string());
        out.push('\n');
    }
    out
}

/// Reads a clusters table (`to_tsv`'s format).
pub fn from_tsv(text: &str) -> Result<Vec<(String, u16)>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let (w, p) = line
            .split_once('\t')
            .ok_or_else(|| format!("line {}: expected word<TAB>path", n + 1))?;
        let p: u16 = p
            .parse()
            .map_err(|_| format!("line {}: bad path {p:?}", n + 1))?;
        if u32::from(p) >= 1 << PATH_BITS {
            return Err(format!(
                "line {}: path {p} has more than {PATH_BITS} bits",
                n + 1
            ));
        }
        out.push((w.to_string(), p));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_used_alike_share_a_cluster() {
        // Forty made-up towns and forty made-up people, each in its own kind of sentence.
        let letters: Vec<char> = "אבגדהוזחטיכלמנסעפצקרשת".chars().collect();
        let word =
            |k: usize, tail: char| format!("{}{}{tail}", letters[k % 22], letters[k / 22 % 22]);
        let mut c = Corpus::default();
        let none = HashSet::new();
        for round in 0..6 {
            for k in 0..40 {
                let town = word(k, 'ה');
                let person = word(k, 'י');
                let verb = ["נסע", "הגיע", "עבר"][(k + round) % 3];
                c.add_text(&format!("הוא {verb} אתמול אל {town} עם המשפחה"), &none);
                c.add_text(&format!("אמרה {person} כי היא מרוצה מאוד"), &none);
            }
        }
        let s = Settings {
            min_count: 5,
            contexts: 50,
            iterations: 10,
            seed: 7,
        };
        let table: HashMap<String, u16> = learn(&c, &s, &mut |_| {}).into_iter().collect();
        let top = |w: &str| table[w] >> (PATH_BITS - LEVEL_BITS[0]);
        let majority = |tail: char| {
            let mut counts = [0usize; 16];
            for k in 0..40 {
                counts[top(&word(k, tail)) as usize] += 1;
            }
            let best = (0..16).max_by_key(|&i| counts[i]).unwrap();
            (best, counts[best])
        };
        let (towns, n_towns) = majority('ה');
        let (people, n_people) = majority('י');
        assert!(n_towns >= 30 && n_people >= 30, "{n_towns} {n_people}");
        assert_ne!(towns, people);
        // Byte for byte the same on a second run.
        let again: HashMap<String, u16> = learn(&c, &s, &mut |_| {}).into_iter().collect();
        assert_eq!(table, again);
    }

    #[test]
    fn copies_of_held_out_sentences_are_dropped() {
        let held: HashSet<String> = [letters_key("שלום, עולם!")].into_iter().collect();
        let mut c = Corpus::default();
        c.add_text("שלום עולם", &held);
        c.add_text("שלום לכם", &held);
        assert_eq!(c.dropped, 1);
        assert_eq!(c.tokens(), 3);
    }

    #[test]
    fn the_table_round_trips() {
        let t = vec![("אבג".to_string(), 5u16), ("דהו".to_string(), 1023)];
        assert_eq!(from_tsv(&to_tsv(&t, "about\nmore")).unwrap(), t);
        assert!(from_tsv("א\t1024\n").is_err());
    }
}
