//! A fixed-seed xorshift generator: the training shuffle and the randomised tests need
//! reproducible sequences, not good randomness, and no dependency.

/// Marsaglia's xorshift64 (13, 7, 17). The seed must not be 0.
pub(crate) struct XorShift(pub(crate) u64);

impl XorShift {
    /// The next value of the sequence.
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}
