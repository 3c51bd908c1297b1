//! Small helpers: a fast non-cryptographic hash (FxHash) for hash maps and feature hashing.

use std::hash::{BuildHasherDefault, Hasher};

/// FxHash (the rustc hasher): fast for short keys; not DoS-resistant, which is fine here.
#[derive(Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.hash = (self.hash.rotate_left(5) ^ w).wrapping_mul(SEED);
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
            self.add(u64::from_le_bytes(buf) ^ ((rest.len() as u64) << 56));
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
        self.hash
    }
}

/// `HashMap` with FxHash.
pub type FxMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// A 4,096-bit filter on a word's length and first and last bytes: says "surely not" for
/// most words that were never added, without hashing them.
#[derive(Clone)]
pub struct WordFilter(Box<[u64; 64]>);

impl Default for WordFilter {
    fn default() -> Self {
        WordFilter(Box::new([0; 64]))
    }
}

impl std::fmt::Debug for WordFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let bits: u32 = self.0.iter().map(|w| w.count_ones()).sum();
        write!(f, "WordFilter({bits} bits set)")
    }
}

impl WordFilter {
    #[inline]
    fn bit(w: &[u8]) -> usize {
        match w {
            [] => 0,
            [first, .., last] | [first @ last] => {
                ((*first as usize).wrapping_mul(67)
                    ^ (*last as usize).wrapping_mul(1031)
                    ^ w.len().wrapping_mul(13))
                    & 4095
            }
        }
    }

    /// Adds `w`.
    pub fn insert(&mut self, w: &str) {
        let bit = Self::bit(w.as_bytes());
        self.0[bit / 64] |= 1 << (bit % 64);
    }

    /// `w` may have been added (false: it surely was not).
    #[inline]
    pub fn may_contain(&self, w: &str) -> bool {
        let bit = Self::bit(w.as_bytes());
        self.0[bit / 64] & (1 << (bit % 64)) != 0
    }
}

/// A fixed list of words with a hash set built on first use.
///
/// Most look-ups are of words not in the list (every token of a text is checked against some
/// lists): a [`WordFilter`] rejects them before any hashing.
pub struct WordList {
    words: &'static [&'static str],
    set: std::sync::OnceLock<(WordFilter, FxMap<&'static str, ()>)>,
}

impl WordList {
    /// A list of (folded) words.
    pub const fn new(words: &'static [&'static str]) -> WordList {
        WordList {
            words,
            set: std::sync::OnceLock::new(),
        }
    }

    /// `w` is in the list.
    #[inline]
    pub fn contains(&self, w: &str) -> bool {
        if w.len() > 32 {
            return false;
        }
        let (filter, set) = self.set.get_or_init(|| {
            let mut filter = WordFilter::default();
            for word in self.words {
                filter.insert(word);
            }
            (filter, self.words.iter().map(|w| (*w, ())).collect())
        });
        filter.may_contain(w) && set.contains_key(w)
    }
}

/// 64-bit hash of a string with a small namespace tag (used for feature and word keys).
#[inline]
pub fn hash_str(tag: u64, s: &str) -> u64 {
    hash_bytes(tag, s.as_bytes())
}

/// [`hash_str`] of bytes.
#[inline]
pub fn hash_bytes(tag: u64, s: &[u8]) -> u64 {
    let mut h = FxHasher {
        hash: tag.wrapping_mul(0x9E37_79B9_7F4A_7C15),
    };
    h.write(s);
    // Final avalanche so that the low bits are well mixed (used for table indexing).
    let mut x = h.hash ^ (s.len() as u64);
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

/// Combines two hashes.
#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    let mut x = a ^ b.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(17);
    x ^= x >> 31;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^ (x >> 29)
}

/// Levenshtein distance between two strings (by chars), stopping early above `max`.
pub fn edit_distance(a: &str, b: &str, max: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return max + 1;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            row_min = row_min.min(cur[j]);
        }
        if row_min > max {
            return max + 1;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("puting", "putin", 2), 1);
        assert_eq!(edit_distance("zelenskyy", "zelensky", 2), 1);
        assert_eq!(edit_distance("abc", "xyzabc", 2), 3);
        assert_ne!(hash_str(1, "a"), hash_str(2, "a"));
    }

    #[test]
    fn word_lists_find_exactly_their_words() {
        static LIST: WordList = WordList::new(&["of", "the", "al", "", "von", "bin"]);
        for w in ["of", "the", "al", "", "von", "bin"] {
            assert!(LIST.contains(w), "{w}");
        }
        for w in ["o", "off", "he", "tHe", "vin", "bon", "democracy"] {
            assert!(!LIST.contains(w), "{w}");
        }
    }
}
