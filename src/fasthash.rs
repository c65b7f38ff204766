//! A fast hasher for the per-document maps keyed by words (the FxHash of rustc and Firefox).
//!
//! The standard `HashMap` hashes with SipHash, which resists hash-flooding by an attacker
//! choosing keys; for the word tables built while annotating one document that protection
//! costs more than the lookups themselves (SipHash was ~2% of annotating a megabyte, and
//! every token looks its word up several times). Worst case, a page crafted to collide
//! makes its own annotation slower; it cannot change any result, because these maps are
//! only ever looked up, never iterated in hash order.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with [`FxHasher`].
pub(crate) type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// A `HashSet` with [`FxHasher`].
pub(crate) type FxHashSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

/// Multiply-rotate hashing of 8 bytes at a time.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

/// An odd constant with well-spread bits (the one rustc-hash 2 uses).
const K: u64 = 0xf135_7aea_2e62_a9c5;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0 ^ word).wrapping_mul(K);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([
                c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7],
            ]));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            // The length keeps "ab" and "ab\0" apart.
            self.add(u64::from_le_bytes(buf) ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        // The product's high bits are its best mixed; the table indexes by the low ones.
        self.0.rotate_left(26)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{BuildHasher, BuildHasherDefault};

    #[test]
    fn words_hash_apart_and_maps_work() {
        let b = BuildHasherDefault::<FxHasher>::default();
        let words = ["", "a", "ab", "ab\0", "פוטין", "לפוטין", "ולדימיר פוטין"];
        let hashes: Vec<u64> = words.iter().map(|w| b.hash_one(w)).collect();
        for i in 0..hashes.len() {
            for j in i + 1..hashes.len() {
                assert_ne!(hashes[i], hashes[j], "{:?} {:?}", words[i], words[j]);
            }
        }
        let mut m: FxHashMap<&str, usize> = FxHashMap::default();
        for (i, w) in words.iter().enumerate() {
            m.insert(w, i);
        }
        assert_eq!(m.get("פוטין"), Some(&4));
        assert_eq!(m.len(), words.len());
    }
}
