//! The feature hash: FNV-1a over bytes, finished with a Murmur3 avalanche.
//!
//! Features are never built as strings: a [`FeatureHash`] is fed the template id and the
//! pieces of text (slices of the folded token, never copied) one after another, and the
//! final `u32` is the feature's key in the model. The avalanche step spreads FNV's weak
//! high bits so the model's directory can index by the top bits of the key.

const FNV_OFFSET: u32 = 0x811c_9dc5;
const FNV_PRIME: u32 = 0x0100_0193;

/// An incremental feature hash.
#[derive(Clone, Copy, Debug)]
pub struct FeatureHash(u32);

impl FeatureHash {
    /// Starts a hash for feature template `template` under the model's `seed`.
    #[inline]
    pub fn new(seed: u32, template: u8) -> Self {
        FeatureHash(FNV_OFFSET ^ seed).byte(template)
    }

    /// Feeds one byte.
    #[inline]
    pub fn byte(self, b: u8) -> Self {
        FeatureHash((self.0 ^ b as u32).wrapping_mul(FNV_PRIME))
    }

    /// Feeds a piece of text, followed by a separator so that `("ab","c")` and `("a","bc")`
    /// hash differently.
    #[inline]
    pub fn str(self, s: &str) -> Self {
        let mut h = self.0;
        for &b in s.as_bytes() {
            h = (h ^ b as u32).wrapping_mul(FNV_PRIME);
        }
        FeatureHash(h).byte(0xff)
    }

    /// The finished key.
    #[inline]
    pub fn finish(self) -> u32 {
        let mut h = self.0;
        h ^= h >> 16;
        h = h.wrapping_mul(0x85eb_ca6b);
        h ^= h >> 13;
        h = h.wrapping_mul(0xc2b2_ae35);
        h ^= h >> 16;
        h
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_are_separated_and_seed_matters() {
        let a = FeatureHash::new(1, 2).str("ab").str("c").finish();
        let b = FeatureHash::new(1, 2).str("a").str("bc").finish();
        let c = FeatureHash::new(9, 2).str("ab").str("c").finish();
        assert_ne!(a, b);
        assert_ne!(a, c);
        assert_eq!(a, FeatureHash::new(1, 2).str("ab").str("c").finish());
    }
}
