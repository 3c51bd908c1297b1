//! English stemming that remembers the words it has stemmed.
//!
//! The Snowball stemmer is the costliest step of indexing English text (about a quarter of the
//! CPU of an ingest run), yet the words of a corpus follow Zipf's law: a few thousand distinct
//! words make up most tokens. [`MemoStemmer`] gives exactly the tokens of tantivy's `Stemmer`
//! (it calls the same Snowball algorithm on a miss) and answers repeats from a bounded map.

use std::hash::Hasher;

use rustc_hash::FxHasher;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Longest word (in bytes) the memo holds; longer words are rarer and stemmed every time.
const MEMO_WORD: usize = 15;
/// Slots of the memo: 32,768 × 32 bytes = 1 MB. Measured on the UN speeches: 8,192 slots
/// missed too often, more than 32,768 gained nothing; a hash map of every word seen was slower
/// than stemming itself.
const MEMO_SLOTS: usize = 1 << 15;
/// Tokens an analyzer stems before it sets up a memo: an indexing thread gets one within its
/// first documents, while a query or a snippet (a fresh analyzer each) never pays for one.
const MEMO_AFTER_TOKENS: u32 = 20_000;

/// An ASCII word of at most [`MEMO_WORD`] bytes, zero-padded, its length in the last byte: two
/// of them compare in one vector instruction.
type Key = [u8; MEMO_WORD + 1];

/// One remembered word and its stem, stored inline so a look-up touches one cache line.
#[derive(Clone, Copy)]
struct Slot {
    word: Key,
    stem: Key,
}

const EMPTY: Slot = Slot {
    word: [0; MEMO_WORD + 1],
    stem: [0; MEMO_WORD + 1],
};

/// The memo key of a word, if the memo can hold it.
fn key(word: &[u8]) -> Option<Key> {
    if word.len() > MEMO_WORD || !word.is_ascii() {
        return None;
    }
    let mut key = [0u8; MEMO_WORD + 1];
    key[..word.len()].copy_from_slice(word);
    key[MEMO_WORD] = word.len() as u8;
    Some(key)
}

/// The English Snowball stemmer as a token filter, with a memo of stemmed words.
///
/// Tokens are expected to be lowercased beforehand, as for tantivy's `Stemmer`.
///
/// ```
/// use pundit_schema::MemoStemmer;
/// use tantivy::tokenizer::{LowerCaser, SimpleTokenizer, TextAnalyzer, TokenStream};
///
/// let mut analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
///     .filter(LowerCaser)
///     .filter(MemoStemmer::english())
///     .build();
/// let mut stream = analyzer.token_stream("Nations united, nations divided");
/// let mut words = Vec::new();
/// while stream.advance() {
///     words.push(stream.token().text.clone());
/// }
/// assert_eq!(words, ["nation", "unit", "nation", "divid"]);
/// ```
#[derive(Clone, Copy)]
pub struct MemoStemmer {
    algorithm: frostem::Algorithm,
    initials: Option<Initials>,
}

impl MemoStemmer {
    /// The English (Porter 2) stemmer.
    pub fn english() -> Self {
        MemoStemmer {
            algorithm: frostem::Algorithm::English,
            initials: None,
        }
    }

    /// The same stemmer, stemming only tokens whose first byte is one of `initials` and
    /// passing the others on as they are. Snowball never changes a word's first letter, so a
    /// token left unstemmed could not have stemmed to a word starting with another: enough to
    /// find given stems in a text (highlighting) at a fraction of the cost.
    ///
    /// ```
    /// use pundit_schema::MemoStemmer;
    /// use tantivy::tokenizer::{SimpleTokenizer, TextAnalyzer, TokenStream};
    ///
    /// let stemmer = MemoStemmer::english().only_initials("n".bytes());
    /// let mut analyzer = TextAnalyzer::builder(SimpleTokenizer::default()).filter(stemmer).build();
    /// let mut stream = analyzer.token_stream("nations united");
    /// let mut words = Vec::new();
    /// while stream.advance() {
    ///     words.push(stream.token().text.clone());
    /// }
    /// assert_eq!(words, ["nation", "united"]);
    /// ```
    pub fn only_initials(mut self, initials: impl IntoIterator<Item = u8>) -> Self {
        let mut set = Initials([0; 4]);
        for byte in initials {
            set.0[usize::from(byte / 64)] |= 1 << (byte % 64);
        }
        self.initials = Some(set);
        self
    }
}

/// A set of bytes.
#[derive(Clone, Copy)]
struct Initials([u64; 4]);

impl Initials {
    fn contains(&self, byte: u8) -> bool {
        self.0[usize::from(byte / 64)] & (1 << (byte % 64)) != 0
    }
}

impl TokenFilter for MemoStemmer {
    type Tokenizer<T: Tokenizer> = MemoStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> MemoStemmerFilter<T> {
        MemoStemmerFilter {
            stemmer: frostem::Stemmer::new(self.algorithm),
            initials: self.initials,
            memo: Memo::default(),
            inner: tokenizer,
        }
    }
}

/// The tokenizer [`MemoStemmer`] wraps around another. Each clone has a memo of its own (so
/// indexing threads never share one), set up once it has stemmed 20,000 tokens.
#[derive(Clone)]
pub struct MemoStemmerFilter<T> {
    stemmer: frostem::Stemmer,
    initials: Option<Initials>,
    memo: Memo,
    inner: T,
}

/// The remembered words of one analyzer, once it has stemmed enough tokens to want them.
#[derive(Clone, Default)]
struct Memo {
    /// Direct-mapped by word hash: a new word evicts whatever shared its slot. Empty until
    /// [`MEMO_AFTER_TOKENS`] tokens have been stemmed.
    slots: Vec<Slot>,
    tokens_before: u32,
}

impl<T: Tokenizer> Tokenizer for MemoStemmerFilter<T> {
    type TokenStream<'a> = MemoStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        MemoStemmerStream {
            tail: self.inner.token_stream(text),
            stemmer: self.stemmer,
            initials: self.initials,
            memo: &mut self.memo,
            buffer: String::new(),
        }
    }
}

/// The token stream of [`MemoStemmerFilter`].
pub struct MemoStemmerStream<'a, T> {
    tail: T,
    stemmer: frostem::Stemmer,
    initials: Option<Initials>,
    memo: &'a mut Memo,
    buffer: String,
}

impl<T: TokenStream> TokenStream for MemoStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(initials) = &self.initials {
            if !token
                .text
                .bytes()
                .next()
                .is_some_and(|b| initials.contains(b))
            {
                return true;
            }
        }
        // Snowball's English algorithm leaves words of one or two letters as they are: a
        // quarter of English tokens ("of", "to", "in", "a") need neither the memo nor the
        // stemmer.
        if token.text.len() <= 2 && token.text.is_ascii() {
            return true;
        }
        let memo_key = if self.memo.slots.is_empty() {
            self.memo.tokens_before += 1;
            if self.memo.tokens_before >= MEMO_AFTER_TOKENS {
                self.memo.slots = vec![EMPTY; MEMO_SLOTS];
            }
            None
        } else {
            key(token.text.as_bytes())
        };
        let memo_entry = memo_key.map(|key| {
            let mut hasher = FxHasher::default();
            hasher.write(&key);
            (key, hasher.finish() as usize & (MEMO_SLOTS - 1))
        });
        if let Some((key, slot)) = memo_entry {
            let cached = &self.memo.slots[slot];
            if cached.word == key {
                // Most frequent words ("the", "of") are their own stems: nothing to copy.
                if cached.stem != key {
                    let stem = &cached.stem[..usize::from(cached.stem[MEMO_WORD])];
                    token.text.clear();
                    token
                        .text
                        .push_str(std::str::from_utf8(stem).expect("memo stems are ASCII"));
                }
                return true;
            }
        }
        let stem = self.stemmer.stem(&token.text);
        if let Some((word, slot)) = memo_entry {
            if let Some(stem) = key(stem.as_bytes()) {
                self.memo.slots[slot] = Slot { word, stem };
            }
        }
        if stem != token.text.as_str() {
            self.buffer.clear();
            self.buffer.push_str(&stem);
            std::mem::swap(&mut token.text, &mut self.buffer);
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{Language, LowerCaser, SimpleTokenizer, Stemmer, TextAnalyzer};

    #[test]
    fn memo_keys_hold_the_word_zero_padded_with_its_length_last() {
        let word = b"internationally";
        for n in 0..=MEMO_WORD {
            let mut expected = [0u8; MEMO_WORD + 1];
            expected[..n].copy_from_slice(&word[..n]);
            expected[MEMO_WORD] = n as u8;
            assert_eq!(key(&word[..n]), Some(expected), "{n}");
        }
        assert_eq!(key(b"internationalism"), None);
        assert_eq!(key("café".as_bytes()), None);
    }

    /// The premise of passing short words through: Snowball leaves every ASCII word of one or
    /// two bytes as it is.
    #[test]
    fn snowball_leaves_words_of_two_ascii_bytes_alone() {
        let stemmer = frostem::Stemmer::new(frostem::Algorithm::English);
        for a in 0x20u8..0x7f {
            let one = (a as char).to_string();
            assert_eq!(stemmer.stem(&one), one.as_str());
            for b in 0x20u8..0x7f {
                let two: String = [a as char, b as char].iter().collect();
                assert_eq!(stemmer.stem(&two), two.as_str());
            }
        }
    }

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    /// tantivy's stemmer and the memoizing one, each after a lower caser.
    fn analyzers() -> (TextAnalyzer, TextAnalyzer) {
        let plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(Stemmer::new(Language::English))
            .build();
        let memo = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(MemoStemmer::english())
            .build();
        (plain, memo)
    }

    #[test]
    fn same_tokens_as_tantivy_stemmer_on_first_sight_and_on_repeats() {
        let text = "The generalizations of the Secretary-General's speeches: nations, \
                    nationalities, relational relations; running runners ran. Señor ÉTATS \
                    généraux — 2024 sessions, sessions and SESSIONS again "
            .repeat(1_000);
        let (mut plain, mut memo) = analyzers();
        let expected = tokens(&mut plain, &text);
        assert_eq!(tokens(&mut memo, &text), expected);
        // More than MEMO_AFTER_TOKENS were seen: the second pass is answered from the memo.
        assert_eq!(tokens(&mut memo, &text), expected);
        assert_eq!(tokens(&mut memo, "Relations"), ["relat"]);
    }

    #[test]
    fn long_texts_use_the_memo_and_colliding_words_evict_each_other() {
        let (mut plain, mut memo) = analyzers();
        // More distinct words than slots, some longer than a slot holds, each seen twice.
        let text: String = (0..MEMO_SLOTS + 500)
            .map(|i| format!("rel{i}ational nat{i}ies run{i}ning internationalizations{i} "))
            .collect::<String>()
            .repeat(2);
        assert_eq!(tokens(&mut memo, &text), tokens(&mut plain, &text));
    }

    #[test]
    fn restricted_to_initials_stems_those_words_alike_and_leaves_the_rest() {
        let text = "Dying nations, running relations; happy yearly skies and nationalities";
        let (mut plain, _) = analyzers();
        let mut restricted = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(MemoStemmer::english().only_initials(*b"dnry"))
            .build();
        let lowered = text.to_lowercase();
        let words: Vec<&str> = lowered
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let stemmed = tokens(&mut plain, text);
        let got = tokens(&mut restricted, text);
        assert_eq!(got.len(), words.len());
        for ((word, stem), token) in words.iter().zip(&stemmed).zip(&got) {
            if b"dnry".contains(&word.as_bytes()[0]) {
                assert_eq!(token, stem);
            } else {
                assert_eq!(token, word);
            }
            // Snowball keeps the first letter: a word left alone could not have matched.
            assert_eq!(stem.as_bytes()[0], word.as_bytes()[0]);
        }
    }
}
