//! Casing statistics of common words, counted on unlabeled English text (the UN General Debate
//! corpus and the training sets' text; see `train/README.md`): how often a word is written in
//! lower case versus capitalized in the middle of a sentence. Used to truecase ALL-CAPS and Title
//! Case lines, to reject headline words that are only common words ("US" in "TAUGHT US
//! ABOUT"), and as tagger features.

use crate::util::{hash_str, FxMap};

/// Casing counts of one folded word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordStats {
    /// Mid-sentence occurrences in lower case.
    pub lower: u32,
    /// Mid-sentence occurrences capitalized (title case or all caps).
    pub cap: u32,
}

/// Word → casing counts.
#[derive(Debug, Default)]
pub struct Lexicon {
    map: FxMap<u64, WordStats>,
}

const TAG: u64 = 0x1e;

impl Lexicon {
    /// Parses `word<TAB>lower<TAB>cap` lines (`#` comments allowed).
    pub fn parse(text: &str) -> Lexicon {
        let mut map = FxMap::default();
        for line in text.lines() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let mut f = line.split('\t');
            let (Some(w), Some(l), Some(c)) = (f.next(), f.next(), f.next()) else {
                continue;
            };
            let (Ok(lower), Ok(cap)) = (l.parse(), c.parse()) else {
                continue;
            };
            map.insert(hash_str(TAG, w), WordStats { lower, cap });
        }
        Lexicon { map }
    }

    /// Adds counts (used when building the lexicon).
    pub fn add(&mut self, folded: &str, lower: u32, cap: u32) {
        let e = self.map.entry(hash_str(TAG, folded)).or_default();
        e.lower += lower;
        e.cap += cap;
    }

    /// Counts of a folded word.
    #[inline]
    pub fn get(&self, folded: &str) -> WordStats {
        self.map
            .get(&hash_str(TAG, folded))
            .copied()
            .unwrap_or_default()
    }

    /// A common lower-case word: seen at least 3 times mid-sentence and mostly in lower case.
    #[inline]
    pub fn is_common(&self, folded: &str) -> bool {
        let s = self.get(folded);
        s.lower >= 3 && s.lower >= 2 * s.cap
    }

    /// A word that is mostly capitalized when seen (a name word), with enough evidence.
    #[inline]
    pub fn is_name_word(&self, folded: &str) -> bool {
        let s = self.get(folded);
        s.cap >= 3 && s.cap >= 4 * s.lower
    }

    /// A coarse class of the word's capitalization ratio: 0 unseen, 1 always lower, … 5 always
    /// capitalized.
    #[inline]
    pub fn cap_class(&self, folded: &str) -> u8 {
        let s = self.get(folded);
        let n = s.lower + s.cap;
        if n < 2 {
            return 0;
        }
        let r = s.cap as f32 / n as f32;
        if r < 0.05 {
            1
        } else if r < 0.3 {
            2
        } else if r < 0.7 {
            3
        } else if r < 0.95 {
            4
        } else {
            5
        }
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// No words.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}
