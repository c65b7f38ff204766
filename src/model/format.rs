//! The model file: a versioned little-endian binary read in place.
//!
//! ```text
//! magic "TAGITNER" | version u32 | seed u32 | tags u32 | cols u32 | labels u32, then 4 bytes each
//! scale f32                                  score units per perceptron unit, for confidences
//! entity_bias i32                            added to every non-O tag's score (recall knob)
//! codebook 256×i32                           score of each i8 weight code (log-spaced)
//! lexicon:  n u32 | dir_bits u32 | dir (2^bits+1) u32 | fingerprints n×u16 | info n×u32
//! weights:  n u32 | m u32 | dir_bits u32 | dir (2^bits+1) u32 | len u32 | records (len bytes)
//!           record = fingerprint u16 | count u8 | count × (column u8, weight code i8)
//! transitions tags×tags i32 | start tags×i32 | end tags×i32
//! checksum u32                               FNV-1a of every byte before it
//! ```
//!
//! Keys are sorted 32-bit hashes; the directory maps the top `dir_bits` bits of a key to
//! the range of keys sharing them, so a lookup is one index and a short scan. Only the 16
//! bits after the directory bits are stored (a fingerprint): with about four keys per
//! slot, an absent key is mistaken for a present one about once in 16,000 lookups, a
//! collision rate of the same order as the feature hashing itself, for a third less file. Weight records keep a
//! key next to its weights, so a hit costs one or two cache lines. Nothing is copied out of
//! the file: [`ModelFile`] holds sub-slices of the bytes it was given and decodes integers
//! on access, so the model embedded with `include_bytes!` costs no heap.

use std::fmt;

/// The file's magic bytes.
pub const MAGIC: &[u8; 8] = b"TAGITNER";
/// The format version this code reads and writes.
pub const VERSION: u32 = 3;

/// Why a model file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError(pub &'static str);

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid model file: {}", self.0)
    }
}

impl std::error::Error for FormatError {}

/// A sorted key table with a top-bits directory (see the module docs).
#[derive(Clone, Copy, Debug)]
pub struct KeyTable<'a> {
    bits: u32,
    dir: &'a [u8],
    keys: &'a [u8],
}

/// The directory slot of `key` with `bits` directory bits.
#[inline]
fn slot_of(key: u32, bits: u32) -> usize {
    if bits == 0 {
        0
    } else {
        (key >> (32 - bits)) as usize
    }
}

/// The 16 bits of `key` after its `bits` directory bits.
#[inline]
pub fn fingerprint(key: u32, bits: u32) -> u16 {
    (key.checked_shl(bits).unwrap_or(0) >> 16) as u16
}

#[inline]
fn u16_at(bytes: &[u8], i: usize) -> u16 {
    u16::from_le_bytes([bytes[i * 2], bytes[i * 2 + 1]])
}

#[inline]
fn u32_at(bytes: &[u8], i: usize) -> u32 {
    let b = &bytes[i * 4..i * 4 + 4];
    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
}

impl<'a> KeyTable<'a> {
    /// Number of keys.
    pub fn len(&self) -> usize {
        self.keys.len() / 2
    }

    /// True when the table is empty.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The index of `key`, if present.
    #[inline]
    pub fn find(&self, key: u32) -> Option<usize> {
        let slot = slot_of(key, self.bits);
        let fp = fingerprint(key, self.bits);
        let mut lo = u32_at(self.dir, slot) as usize;
        let hi = u32_at(self.dir, slot + 1) as usize;
        while lo < hi {
            let k = u16_at(self.keys, lo);
            if k == fp {
                return Some(lo);
            }
            if k > fp {
                return None;
            }
            lo += 1;
        }
        None
    }
}

/// Directory bits for `n` sorted keys: about four keys per slot.
pub fn dir_bits(n: usize) -> u32 {
    let mut bits = 0;
    while bits < 22 && (n >> (bits + 2)) > 0 {
        bits += 1;
    }
    bits
}

/// A parsed model file borrowing the bytes it was read from.
#[derive(Clone, Copy, Debug)]
pub struct ModelFile<'a> {
    /// The feature-hash seed.
    pub seed: u32,
    /// Number of BIOES tags.
    pub tags: usize,
    /// Number of weight columns (tags plus the prefix scorer).
    pub cols: usize,
    /// Score units per unit of perceptron score (for confidences).
    pub scale: f32,
    /// Score added to every tag but `O` (tuned on dev to trade precision for recall).
    pub entity_bias: i32,
    codebook: [i32; 256],
    lex: KeyTable<'a>,
    lex_info: &'a [u8],
    rows: usize,
    entries: usize,
    wbits: u32,
    wdir: &'a [u8],
    records: &'a [u8],
    trans: &'a [u8],
    start: &'a [u8],
    end: &'a [u8],
    labels: &'a [u8],
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], FormatError> {
        let end = self.pos.checked_add(n).ok_or(FormatError(what))?;
        let s = self.bytes.get(self.pos..end).ok_or(FormatError(what))?;
        self.pos = end;
        Ok(s)
    }

    fn u32(&mut self, what: &'static str) -> Result<u32, FormatError> {
        Ok(u32_at(self.take(4, what)?, 0))
    }

    fn array(
        &mut self,
        n: usize,
        width: usize,
        what: &'static str,
    ) -> Result<&'a [u8], FormatError> {
        self.take(n.checked_mul(width).ok_or(FormatError(what))?, what)
    }

    fn key_table(&mut self, what: &'static str) -> Result<(KeyTable<'a>, usize), FormatError> {
        let n = self.u32(what)? as usize;
        let bits = self.u32(what)?;
        if bits > 24 {
            return Err(FormatError("directory too large"));
        }
        let dir = self.array((1usize << bits) + 1, 4, what)?;
        let keys = self.array(n, 2, what)?;
        let slots = 1usize << bits;
        let mut prev = 0;
        for s in 0..=slots {
            let v = u32_at(dir, s) as usize;
            if v < prev || v > n {
                return Err(FormatError("directory out of range"));
            }
            if s < slots {
                let end = (u32_at(dir, s + 1) as usize).min(n);
                if (v + 1..end).any(|i| u16_at(keys, i - 1) >= u16_at(keys, i)) {
                    return Err(FormatError("keys not sorted"));
                }
            }
            prev = v;
        }
        if u32_at(dir, slots) as usize != n {
            return Err(FormatError("directory does not cover the keys"));
        }
        Ok((KeyTable { bits, dir, keys }, n))
    }
}

/// Validates the weight records once at load, so lookups can index without surprises:
/// every record inside the buffer, keys strictly increasing, columns in range, and the
/// directory pointing at record boundaries.
fn check_records(
    rec: &[u8],
    dir: &[u8],
    slots: usize,
    cols: usize,
    rows: usize,
    entries: usize,
) -> Result<(), FormatError> {
    let bad = FormatError("weight records malformed");
    let (mut n, mut m) = (0usize, 0usize);
    if u32_at(dir, 0) != 0 || u32_at(dir, slots) as usize != rec.len() {
        return Err(FormatError("directory does not match the records"));
    }
    for slot in 0..slots {
        let mut pos = u32_at(dir, slot) as usize;
        let end = u32_at(dir, slot + 1) as usize;
        if end < pos || end > rec.len() {
            return Err(FormatError("directory does not match the records"));
        }
        let mut prev: Option<u16> = None;
        while pos < end {
            if pos + 3 > end {
                return Err(bad);
            }
            let fp = u16::from_le_bytes([rec[pos], rec[pos + 1]]);
            let count = rec[pos + 2] as usize;
            let stop = pos + 3 + 2 * count;
            if stop > end || prev.is_some_and(|p| p >= fp) {
                return Err(bad);
            }
            if rec[pos + 3..stop]
                .chunks_exact(2)
                .any(|e| e[0] as usize >= cols)
            {
                return Err(FormatError("weight column out of range"));
            }
            prev = Some(fp);
            n += 1;
            m += count;
            pos = stop;
        }
    }
    if n != rows || m != entries {
        return Err(FormatError("weight counts do not match"));
    }
    Ok(())
}

/// FNV-1a over `bytes`: the file checksum.
pub fn checksum(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h = (h ^ b as u32).wrapping_mul(0x0100_0193);
    }
    h
}

impl<'a> ModelFile<'a> {
    /// Reads a model file, checking magic, version, lengths and checksum.
    pub fn parse(bytes: &'a [u8]) -> Result<Self, FormatError> {
        if bytes.len() < 12 || &bytes[..8] != MAGIC {
            return Err(FormatError("not a tagit model (bad magic)"));
        }
        let body = &bytes[..bytes.len() - 4];
        let stored = u32_at(&bytes[bytes.len() - 4..], 0);
        if checksum(body) != stored {
            return Err(FormatError("checksum mismatch (truncated or corrupted)"));
        }
        let mut r = Reader {
            bytes: body,
            pos: 8,
        };
        if r.u32("header")? != VERSION {
            return Err(FormatError("unsupported format version"));
        }
        let seed = r.u32("header")?;
        let tags = r.u32("header")? as usize;
        let cols = r.u32("header")? as usize;
        if tags != super::tags::NUM_TAGS || cols != tags + 1 {
            return Err(FormatError("tag set does not match this build"));
        }
        let nlabels = r.u32("labels")? as usize;
        let labels = r.array(nlabels, 4, "labels")?;
        if nlabels != super::tags::ENTITY_LABELS.len() {
            return Err(FormatError("label set does not match this build"));
        }
        for (i, l) in super::tags::ENTITY_LABELS.iter().enumerate() {
            let name = &labels[i * 4..i * 4 + 4];
            let want = l.as_str().as_bytes();
            if &name[..want.len()] != want {
                return Err(FormatError("label set does not match this build"));
            }
        }
        let scale = f32::from_bits(r.u32("header")?);
        let entity_bias = r.u32("header")? as i32;
        let cb = r.array(256, 4, "codebook")?;
        let mut codebook = [0i32; 256];
        for (i, c) in codebook.iter_mut().enumerate() {
            *c = u32_at(cb, i) as i32;
        }
        let (lex, nlex) = r.key_table("lexicon")?;
        let lex_info = r.array(nlex, 4, "lexicon")?;
        let rows = r.u32("weights")? as usize;
        let entries = r.u32("weights")? as usize;
        let wbits = r.u32("weights")?;
        if wbits > 24 {
            return Err(FormatError("directory too large"));
        }
        let slots = 1usize << wbits;
        let wdir = r.array(slots + 1, 4, "weights")?;
        let len = r.u32("weights")? as usize;
        let records = r.array(len, 1, "weights")?;
        check_records(records, wdir, slots, cols, rows, entries)?;
        let trans = r.array(tags * tags, 4, "transitions")?;
        let start = r.array(tags, 4, "transitions")?;
        let end = r.array(tags, 4, "transitions")?;
        if r.pos != body.len() {
            return Err(FormatError("trailing bytes"));
        }
        Ok(ModelFile {
            seed,
            tags,
            cols,
            scale,
            entity_bias,
            codebook,
            lex,
            lex_info,
            rows,
            entries,
            wbits,
            wdir,
            records,
            trans,
            start,
            end,
            labels,
        })
    }

    /// Lexicon facts stored for `key` (see [`super::features::lexicon_key`]).
    #[inline]
    pub fn lexicon(&self, key: u32) -> u32 {
        self.lex.find(key).map_or(0, |i| u32_at(self.lex_info, i))
    }

    /// The weight entries (column, code pairs) of feature `key`, if it has any.
    #[inline]
    fn row(&self, key: u32) -> Option<&'a [u8]> {
        let slot = slot_of(key, self.wbits);
        let fp = fingerprint(key, self.wbits);
        let mut pos = u32_at(self.wdir, slot) as usize;
        let end = u32_at(self.wdir, slot + 1) as usize;
        let rec = self.records;
        while pos < end {
            let k = u16::from_le_bytes([rec[pos], rec[pos + 1]]);
            let n = rec[pos + 2] as usize;
            if k == fp {
                return Some(&rec[pos + 3..pos + 3 + 2 * n]);
            }
            if k > fp {
                return None;
            }
            pos += 3 + 2 * n;
        }
        None
    }

    /// Adds the weights of feature `key` to `scores` (one slot per column).
    #[inline]
    pub fn add_weights(&self, key: u32, scores: &mut [i32]) {
        if let Some(row) = self.row(key) {
            for e in row.chunks_exact(2) {
                scores[e[0] as usize] += self.codebook[e[1] as usize];
            }
        }
    }

    /// The weight of feature `key` in column `col` alone.
    #[inline]
    pub fn weight(&self, key: u32, col: usize) -> i32 {
        self.row(key)
            .and_then(|row| row.chunks_exact(2).find(|e| e[0] as usize == col))
            .map_or(0, |e| self.codebook[e[1] as usize])
    }

    /// Transition weight from tag `a` to tag `b`.
    #[inline]
    pub fn transition(&self, a: usize, b: usize) -> i32 {
        u32_at(self.trans, a * self.tags + b) as i32
    }

    /// Weight of starting a sentence with `tag`.
    pub fn start_weight(&self, tag: usize) -> i32 {
        u32_at(self.start, tag) as i32
    }

    /// Weight of ending a sentence with `tag`.
    pub fn end_weight(&self, tag: usize) -> i32 {
        u32_at(self.end, tag) as i32
    }

    /// Number of feature rows and of stored weights, and lexicon entries.
    pub fn sizes(&self) -> (usize, usize, usize) {
        (self.rows, self.entries, self.lex.len())
    }

    /// The label names stored in the file.
    pub fn label_names(&self) -> impl Iterator<Item = &'a str> + 'a {
        let labels = self.labels;
        labels
            .chunks(4)
            .map(|c| std::str::from_utf8(c).unwrap_or("?").trim_end_matches('\0'))
    }
}

/// Everything needed to write a model file.
pub struct ModelParts {
    /// Feature-hash seed.
    pub seed: u32,
    /// Score units per perceptron unit.
    pub scale: f32,
    /// Score added to every non-O tag.
    pub entity_bias: i32,
    /// Score of each weight code, indexed by the code's byte (`code as u8`).
    pub codebook: [i32; 256],
    /// Lexicon `(key, info)`, any order.
    pub lexicon: Vec<(u32, u32)>,
    /// Feature rows `(key, [(column, weight)])`, any order; empty rows are dropped.
    pub rows: Vec<(u32, Vec<(u8, i8)>)>,
    /// Transition weights, `tags × tags`, row = from.
    pub trans: Vec<i32>,
    /// Start weights per tag.
    pub start: Vec<i32>,
    /// End weights per tag.
    pub end: Vec<i32>,
}

fn push_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// Writes a key table of sorted `keys` (unique per slot and fingerprint) with `bits`
/// directory bits.
fn push_key_table(out: &mut Vec<u8>, keys: &[u32], bits: u32) {
    push_u32(out, keys.len() as u32);
    push_u32(out, bits);
    let slots = 1usize << bits;
    let mut k = 0;
    for s in 0..=slots {
        while k < keys.len() && slot_of(keys[k], bits) < s {
            k += 1;
        }
        push_u32(
            out,
            if s == slots {
                keys.len() as u32
            } else {
                k as u32
            },
        );
    }
    for &key in keys {
        out.extend_from_slice(&fingerprint(key, bits).to_le_bytes());
    }
}

impl ModelParts {
    /// Serialises the parts (sorting keys, dropping duplicates and empty rows).
    pub fn to_bytes(mut self) -> Vec<u8> {
        let tags = super::tags::NUM_TAGS;
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        push_u32(&mut out, VERSION);
        push_u32(&mut out, self.seed);
        push_u32(&mut out, tags as u32);
        push_u32(&mut out, tags as u32 + 1);
        push_u32(&mut out, super::tags::ENTITY_LABELS.len() as u32);
        for l in super::tags::ENTITY_LABELS {
            let mut name = [0u8; 4];
            name[..l.as_str().len()].copy_from_slice(l.as_str().as_bytes());
            out.extend_from_slice(&name);
        }
        push_u32(&mut out, self.scale.to_bits());
        push_u32(&mut out, self.entity_bias as u32);
        for c in self.codebook {
            push_u32(&mut out, c as u32);
        }
        // Keys sharing slot and fingerprint are indistinguishable: keep the first (by
        // full key, so deterministically).
        self.lexicon.sort_unstable();
        let lbits = dir_bits(self.lexicon.len());
        self.lexicon
            .dedup_by_key(|e| (slot_of(e.0, lbits), fingerprint(e.0, lbits)));
        let keys: Vec<u32> = self.lexicon.iter().map(|e| e.0).collect();
        push_key_table(&mut out, &keys, lbits);
        for &(_, info) in &self.lexicon {
            out.extend_from_slice(&info.to_le_bytes());
        }
        self.rows.retain(|r| !r.1.is_empty());
        self.rows.sort_unstable_by_key(|r| r.0);
        let bits = dir_bits(self.rows.len());
        self.rows
            .dedup_by_key(|r| (slot_of(r.0, bits), fingerprint(r.0, bits)));
        let slots = 1usize << bits;
        let mut records = Vec::new();
        let mut dir = Vec::with_capacity(slots + 1);
        let mut entries = 0;
        for (key, row) in &self.rows {
            let top = slot_of(*key, bits);
            while dir.len() <= top {
                dir.push(records.len() as u32);
            }
            let row = &row[..row.len().min(255)];
            records.extend_from_slice(&fingerprint(*key, bits).to_le_bytes());
            records.push(row.len() as u8);
            for &(c, w) in row {
                records.push(c);
                records.push(w as u8);
            }
            entries += row.len();
        }
        while dir.len() <= slots {
            dir.push(records.len() as u32);
        }
        push_u32(&mut out, self.rows.len() as u32);
        push_u32(&mut out, entries as u32);
        push_u32(&mut out, bits);
        for d in dir {
            push_u32(&mut out, d);
        }
        push_u32(&mut out, records.len() as u32);
        out.extend_from_slice(&records);
        for v in self.trans.iter().chain(&self.start).chain(&self.end) {
            out.extend_from_slice(&v.to_le_bytes());
        }
        let sum = checksum(&out);
        push_u32(&mut out, sum);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::tags::NUM_TAGS;

    fn tiny() -> Vec<u8> {
        ModelParts {
            seed: 42,
            scale: 10.0,
            entity_bias: 0,
            codebook: std::array::from_fn(|i| i as u8 as i8 as i32),
            lexicon: (0..50u32)
                .map(|i| (i.wrapping_mul(0x9e37_79b9), i))
                .collect(),
            rows: vec![
                (0x7000_0000, vec![(0, 3), (5, -2)]),
                (0x3000_0000, vec![(1, 1)]),
                (0x9000_0000, vec![]),
            ],
            trans: vec![1; NUM_TAGS * NUM_TAGS],
            start: vec![2; NUM_TAGS],
            end: vec![-3; NUM_TAGS],
        }
        .to_bytes()
    }

    #[test]
    fn round_trip() {
        let bytes = tiny();
        let m = ModelFile::parse(&bytes).unwrap();
        assert_eq!(m.seed, 42);
        let mut s = vec![0; m.cols];
        m.add_weights(0x7000_0000, &mut s);
        assert_eq!((s[0], s[5]), (3, -2));
        assert_eq!(m.weight(0x3000_0000, 1), 1);
        assert_eq!(m.weight(0x9000_0000, 1), 0, "empty rows are dropped");
        for i in 0..50u32 {
            assert_eq!(m.lexicon(i.wrapping_mul(0x9e37_79b9)), i);
        }
        assert_eq!(m.lexicon(0x0000_3039), 0);
        assert_eq!(
            (m.transition(0, 1), m.start_weight(2), m.end_weight(3)),
            (1, 2, -3)
        );
        assert_eq!(m.label_names().next(), Some("PER"));
    }

    #[test]
    fn fingerprints_are_the_bits_after_the_directory() {
        let cases = [
            (0xABCD_1234u32, 0u32, 0xABCDu16),
            (0xABCD_1234, 4, 0xBCD1),
            (0xABCD_1234, 16, 0x1234),
            (0xFFFF_FFFF, 20, 0xFFF0),
        ];
        for (key, bits, want) in cases {
            assert_eq!(fingerprint(key, bits), want, "{key:x} {bits}");
        }
    }

    #[test]
    fn corruption_is_an_error_not_a_panic() {
        let bytes = tiny();
        let cases: Vec<(&str, Vec<u8>)> = vec![
            ("empty", vec![]),
            ("truncated", bytes[..bytes.len() / 2].to_vec()),
            ("bad magic", [b"XXXXXXXX", &bytes[8..]].concat()),
            ("flipped byte", {
                let mut b = bytes.clone();
                b[40] ^= 1;
                b
            }),
        ];
        for (name, b) in cases {
            assert!(ModelFile::parse(&b).is_err(), "{name}");
        }
    }
}
