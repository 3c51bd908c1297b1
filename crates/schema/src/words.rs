//! The word tokenizer of the English text fields: tantivy's `SimpleTokenizer`, `RemoveLongFilter`,
//! `LowerCaser` and `AsciiFoldingFilter` in one pass.
//!
//! Chained, those four touch every token four times (a copy of the word, a length check, an
//! ASCII check and a lowercase pass, another ASCII check) and decode the text one `char` at a
//! time. Most words of most texts are ASCII: here an ASCII word is found with a byte table and
//! copied lowercased in one go. A word with other characters goes through tantivy's own lower
//! caser and folding, so the tokens are always the chain's, positions and offsets included.

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, TextAnalyzer, Token, TokenStream, Tokenizer,
};

/// Splits text into words as tantivy's `SimpleTokenizer` does (runs of alphanumeric
/// characters), drops words of `limit` bytes or more, lowercases and folds the rest to ASCII.
///
/// ```
/// use pundit_schema::WordTokenizer;
/// use tantivy::tokenizer::{TextAnalyzer, TokenStream};
///
/// let mut analyzer = TextAnalyzer::from(WordTokenizer::new(40));
/// let mut stream = analyzer.token_stream("Erdoğan's ALLIES, 2025");
/// let mut words = Vec::new();
/// while stream.advance() {
///     words.push(stream.token().text.clone());
/// }
/// assert_eq!(words, ["erdogan", "s", "allies", "2025"]);
/// ```
#[derive(Clone)]
pub struct WordTokenizer {
    limit: usize,
    token: Token,
    /// Lowercases and folds one word that is not ASCII.
    other: TextAnalyzer,
}

impl WordTokenizer {
    /// Words of `limit` bytes or more are dropped (they still take a position).
    pub fn new(limit: usize) -> Self {
        WordTokenizer {
            limit,
            token: Token::default(),
            other: TextAnalyzer::builder(RawTokenizer::default())
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .build(),
        }
    }
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        self.token.reset();
        WordStream {
            text,
            at: 0,
            limit: self.limit,
            token: &mut self.token,
            other: &mut self.other,
        }
    }
}

/// The token stream of [`WordTokenizer`].
pub struct WordStream<'a> {
    text: &'a str,
    /// Byte offset where the search for the next word starts.
    at: usize,
    limit: usize,
    token: &'a mut Token,
    other: &'a mut TextAnalyzer,
}

/// ASCII letters and digits: the ASCII characters `char::is_alphanumeric` accepts.
const ASCII_ALNUM: [bool; 128] = {
    let mut table = [false; 128];
    let mut byte = 0;
    while byte < 128 {
        table[byte] = (byte as u8).is_ascii_alphanumeric();
        byte += 1;
    }
    table
};

impl WordStream<'_> {
    /// The next word's byte range, and whether it is all ASCII.
    fn next_word(&mut self) -> Option<(usize, usize, bool)> {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut at = self.at;
        // Whether the character at `at` is alphanumeric, and its length in bytes.
        let alphanumeric_at = |at: usize| {
            let byte = bytes[at];
            if byte.is_ascii() {
                return (ASCII_ALNUM[usize::from(byte)], 1);
            }
            let c = text[at..].chars().next().expect("a character starts here");
            (c.is_alphanumeric(), c.len_utf8())
        };
        loop {
            if at >= bytes.len() {
                self.at = at;
                return None;
            }
            let (alphanumeric, width) = alphanumeric_at(at);
            if alphanumeric {
                break;
            }
            at += width;
        }
        let start = at;
        let mut ascii = true;
        while at < bytes.len() {
            let byte = bytes[at];
            if byte.is_ascii() {
                if !ASCII_ALNUM[usize::from(byte)] {
                    break;
                }
                at += 1;
                continue;
            }
            let (alphanumeric, width) = alphanumeric_at(at);
            if !alphanumeric {
                break;
            }
            ascii = false;
            at += width;
        }
        self.at = at;
        Some((start, at, ascii))
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            // Every word takes a position, a dropped long one too (as in the chain, where the
            // tokenizer numbers words before the filter sees them).
            self.token.position = self.token.position.wrapping_add(1);
            let Some((from, to, ascii)) = self.next_word() else {
                return false;
            };
            if to - from >= self.limit {
                continue;
            }
            let word = &self.text[from..to];
            self.token.offset_from = from;
            self.token.offset_to = to;
            self.token.text.clear();
            if ascii {
                self.token.text.push_str(word);
                self.token.text.make_ascii_lowercase();
            } else {
                let mut stream = self.other.token_stream(word);
                if stream.advance() {
                    self.token.text.push_str(&stream.token().text);
                }
            }
            return true;
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{RemoveLongFilter, SimpleTokenizer};

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    fn chain(limit: usize) -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(limit))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .build()
    }

    #[test]
    fn same_tokens_as_the_chain_on_mixed_text() {
        let text = "Le Président ERDOĞAN a dit: «Ça suffit!» — İstanbul, ΣΟΦΊΑ, 東京 2025, \
                    x² ½ naïve-café supercalifragilisticexpialidociousnessandmore Straße 🙂ok";
        for limit in [4, 40] {
            let mut ours = TextAnalyzer::from(WordTokenizer::new(limit));
            assert_eq!(tokens(&mut ours, text), tokens(&mut chain(limit), text));
        }
    }

    proptest::proptest! {
        #[test]
        fn same_tokens_as_the_chain_on_any_text(
            text in "([a-zA-Z0-9 .,'\\-\\n\\tÀ-ÿİıŁßΣσς東京\\u{300}\\u{1F642}²½]{0,15}){0,10}"
        ) {
            for limit in [3, 40] {
                let mut ours = TextAnalyzer::from(WordTokenizer::new(limit));
                proptest::prop_assert_eq!(tokens(&mut ours, &text), tokens(&mut chain(limit), &text));
            }
        }
    }
}
