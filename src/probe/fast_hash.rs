//! A fast hash for the scheduler's maps (rustc's FxHash): their keys are service names and
//! probes this process made, hashed once or more per check, where SipHash cost a tenth of a
//! 10,000-service verify. No key comes from the network, so no keyed hash is needed.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with [`FxHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0_u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, value: u8) {
        self.add(u64::from(value));
    }

    fn write_u16(&mut self, value: u16) {
        self.add(u64::from(value));
    }

    fn write_u32(&mut self, value: u32) {
        self.add(u64::from(value));
    }

    fn write_u64(&mut self, value: u64) {
        self.add(value);
    }

    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }

    /// The product's low bits depend only on the input's low bits, and the table picks a
    /// bucket by the low bits: rotating brings the well-mixed high bits down (as rustc-hash 2
    /// does), or names sharing a prefix ("s1…") would share buckets.
    fn finish(&self) -> u64 {
        self.hash.rotate_left(26)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_keys_hash_alike_and_near_keys_apart() {
        let hash = |text: &str| {
            let mut hasher = FxHasher::default();
            hasher.write(text.as_bytes());
            hasher.finish()
        };
        assert_eq!(hash("s1"), hash("s1"));
        assert_ne!(hash("s1"), hash("s2"));
        let buckets: std::collections::HashSet<u64> =
            (0..1000).map(|i| hash(&format!("s{i}")) & 0xfff).collect();
        assert!(
            buckets.len() > 800,
            "names with one prefix spread over the low bits"
        );
        let map: FastMap<&str, usize> = [("a", 1), ("b", 2)].into_iter().collect();
        assert_eq!(map.get("b"), Some(&2));
    }
}
