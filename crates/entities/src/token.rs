//! Tokenization: words, numbers and single punctuation characters with byte offsets, their
//! folded forms, sentence starts, and the casing mode of each line (normal, ALL-CAPS, Title Case).

use crate::fold::{fold_char_into, is_apostrophe, is_word_char};
use crate::util::WordList;

/// Token flags.
pub mod flag {
    /// First letter upper case, some lower-case letter after it ("Putin", "McCain").
    pub const TITLE: u16 = 1;
    /// Every letter upper case, at least one letter ("NATO", "A").
    pub const UPPER: u16 = 1 << 1;
    /// First letter lower case.
    pub const LOWER: u16 = 1 << 2;
    /// Contains a digit.
    pub const DIGIT: u16 = 1 << 3;
    /// White space before the token (or start of text).
    pub const SPACE_BEFORE: u16 = 1 << 4;
    /// A line break between the previous token and this one (or start of text).
    pub const LINE_START: u16 = 1 << 5;
    /// First word of a sentence.
    pub const SENT_START: u16 = 1 << 6;
    /// Part of a URL, @handle, #hashtag or e-mail address: never inside a name.
    pub const NOSPAN: u16 = 1 << 7;
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// Letters (possibly with digits).
    Word,
    /// ASCII digits only.
    Num,
    /// One other character.
    Punct,
}

/// Casing of a line: names are recognized differently in ALL-CAPS and Title Case lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineMode {
    /// Ordinary mixed-case text.
    Normal,
    /// (Nearly) every word upper case: a headline, dateline or shouted text.
    AllCaps,
    /// (Nearly) every longer word capitalized: a headline or title.
    TitleCase,
}

/// One token.
#[derive(Debug, Clone, Copy)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset past the last byte.
    pub end: usize,
    /// Kind.
    pub kind: TokKind,
    /// Flags (see [`flag`]).
    pub flags: u16,
    /// Range of the folded form in [`Doc::folded`].
    pub fold_start: u32,
    /// End of the folded form.
    pub fold_end: u32,
    /// Index of the token's line in [`Doc::lines`].
    pub line: u32,
}

impl Token {
    /// Has all of `f`.
    #[inline]
    pub fn has(&self, f: u16) -> bool {
        self.flags & f == f
    }
    /// A word or number.
    #[inline]
    pub fn is_wordlike(&self) -> bool {
        self.kind != TokKind::Punct
    }
    /// Starts with an upper-case letter (title or all-caps word).
    #[inline]
    pub fn is_cap(&self) -> bool {
        self.kind == TokKind::Word && self.flags & (flag::TITLE | flag::UPPER) != 0
    }
}

/// A line of tokens.
#[derive(Debug, Clone, Copy)]
pub struct Line {
    /// First token index.
    pub first: usize,
    /// One past the last token index.
    pub end: usize,
    /// Casing mode.
    pub mode: LineMode,
}

/// A tokenized text.
#[derive(Debug)]
pub struct Doc<'a> {
    /// The text.
    pub text: &'a str,
    /// Tokens in order.
    pub tokens: Vec<Token>,
    /// Folded forms of all tokens, each framed by `TOKEN_START` and `TOKEN_END`: the
    /// frames of consecutive tokens are what alias patterns are looked up by, written once
    /// here rather than copied for every scan.
    pub folded: String,
    /// Lines that hold at least one token.
    pub lines: Vec<Line>,
}

/// Marks the start of a token in [`Doc::folded`] (alias patterns are framed alike).
pub const TOKEN_START: char = '\u{2}';
/// Marks the end of a token in [`Doc::folded`].
pub const TOKEN_END: char = '\u{3}';

/// Abbreviations after which a period does not end a sentence.
static ABBREVIATIONS: WordList = WordList::new(&[
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "st", "jr", "sr", "vs", "v",
    "no", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "prof", "rev",
    "sgt", "capt", "cmdr", "adm", "maj", "hon", "pres", "atty", "supt", "corp", "inc", "co", "ltd",
    "dept", "univ", "mt", "ft", "fig", "al", "etc", "approx",
]);

impl<'a> Doc<'a> {
    /// Tokenizes `text`.
    pub fn new(text: &'a str) -> Doc<'a> {
        let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 5 + 1);
        let mut folded = String::with_capacity(text.len() + 16);
        let bytes = text.as_bytes();
        let mut line = 0u32;
        let mut space_before = true;
        let mut line_start = true;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            // Fast ASCII paths.
            if b == b'\n' {
                line += 1;
                line_start = true;
                space_before = true;
                i += 1;
                continue;
            }
            if b == b' ' || b == b'\t' || b == b'\r' {
                space_before = true;
                i += 1;
                continue;
            }
            let c = text[i..].chars().next().unwrap_or(' ');
            let clen = c.len_utf8();
            if c.is_whitespace() {
                if c == '\u{2028}' || c == '\u{2029}' || c == '\u{85}' {
                    line += 1;
                    line_start = true;
                }
                space_before = true;
                i += clen;
                continue;
            }
            let start = i;
            // The frame alias patterns are matched against (see `Doc::folded`).
            folded.push(TOKEN_START);
            let fold_start = folded.len() as u32;
            let mut flags = 0u16;
            let kind;
            if is_word_char(c) {
                let mut j = i;
                let mut first = true;
                let mut n_upper = 0u32;
                let mut n_lower = 0u32;
                let mut all_digit = true;
                while j < bytes.len() {
                    let b = bytes[j];
                    // ASCII, most of every text, is read without decoding a `char`.
                    let (digit, upper, lower, len) = if b.is_ascii() {
                        if !b.is_ascii_alphanumeric() {
                            break;
                        }
                        folded.push(char::from(b.to_ascii_lowercase()));
                        (
                            b.is_ascii_digit(),
                            b.is_ascii_uppercase(),
                            b.is_ascii_lowercase(),
                            1,
                        )
                    } else {
                        let ch = text[j..].chars().next().unwrap_or(' ');
                        if !is_word_char(ch) {
                            break;
                        }
                        fold_char_into(ch, &mut folded);
                        (
                            ch.is_numeric(),
                            ch.is_uppercase(),
                            ch.is_lowercase(),
                            ch.len_utf8(),
                        )
                    };
                    if digit {
                        flags |= flag::DIGIT;
                    } else {
                        all_digit = false;
                    }
                    if upper {
                        if first {
                            flags |= flag::TITLE;
                        }
                        n_upper += 1;
                    } else if lower {
                        if first {
                            flags |= flag::LOWER;
                        }
                        n_lower += 1;
                    }
                    first = false;
                    j += len;
                }
                if n_upper > 0 && n_lower == 0 {
                    flags = (flags & !flag::TITLE) | flag::UPPER;
                } else if flags & flag::TITLE != 0 && n_lower == 0 {
                    flags &= !flag::TITLE;
                }
                kind = if all_digit && text[i..j].bytes().all(|b| b.is_ascii_digit()) {
                    TokKind::Num
                } else {
                    TokKind::Word
                };
                i = j;
            } else {
                fold_char_into(c, &mut folded);
                kind = TokKind::Punct;
                i += clen;
            }
            if space_before {
                flags |= flag::SPACE_BEFORE;
            }
            if line_start {
                flags |= flag::LINE_START;
            }
            tokens.push(Token {
                start,
                end: i,
                kind,
                flags,
                fold_start,
                fold_end: folded.len() as u32,
                line,
            });
            folded.push(TOKEN_END);
            space_before = false;
            line_start = false;
        }
        let mut doc = Doc {
            text,
            tokens,
            folded,
            lines: Vec::new(),
        };
        doc.mark_nospan();
        doc.mark_lines();
        doc.mark_sentences();
        doc
    }

    /// The folded form of token `i`.
    #[inline]
    pub fn fold_of(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        &self.folded[t.fold_start as usize..t.fold_end as usize]
    }

    /// Where token `i`'s folded form and its frame lie in [`Doc::folded`]: the bytes alias
    /// patterns are matched against.
    #[inline]
    pub fn framed(&self, i: usize) -> std::ops::Range<usize> {
        let t = &self.tokens[i];
        t.fold_start as usize - TOKEN_START.len_utf8()..t.fold_end as usize + TOKEN_END.len_utf8()
    }

    /// The text of token `i`.
    #[inline]
    pub fn text_of(&self, i: usize) -> &'a str {
        let t = &self.tokens[i];
        &self.text[t.start..t.end]
    }

    /// The text of tokens `a..b`.
    pub fn span_text(&self, a: usize, b: usize) -> &'a str {
        &self.text[self.tokens[a].start..self.tokens[b - 1].end]
    }

    /// The first character of token `i`.
    #[inline]
    pub fn first_char(&self, i: usize) -> char {
        self.text[self.tokens[i].start..]
            .chars()
            .next()
            .unwrap_or(' ')
    }

    /// Token `i` is the single punctuation character `c`.
    #[inline]
    pub fn is_punct(&self, i: usize, c: char) -> bool {
        let t = &self.tokens[i];
        t.kind == TokKind::Punct && self.first_char(i) == c
    }

    /// No white space between tokens `i - 1` and `i`.
    #[inline]
    pub fn glued(&self, i: usize) -> bool {
        !self.tokens[i].has(flag::SPACE_BEFORE)
    }

    /// Line mode of token `i`.
    #[inline]
    pub fn mode(&self, i: usize) -> LineMode {
        self.line_of(i).mode
    }

    /// The line holding token `i`.
    #[inline]
    pub fn line_of(&self, i: usize) -> &Line {
        &self.lines[self.tokens[i].line as usize]
    }

    fn mark_nospan(&mut self) {
        // White-space separated chunks that are URLs, handles, hashtags or e-mail addresses.
        let n = self.tokens.len();
        let mut a = 0;
        while a < n {
            let mut b = a + 1;
            while b < n && !self.tokens[b].has(flag::SPACE_BEFORE) {
                b += 1;
            }
            let chunk = &self.text[self.tokens[a].start..self.tokens[b - 1].end];
            let url = b - a > 2
                && chunk.bytes().any(|c| c == b'.' || c == b':')
                && (chunk.contains("://")
                    || chunk.starts_with("www.")
                    || chunk.contains(".com")
                    || chunk.contains(".org")
                    || chunk.contains(".net")
                    || chunk.contains(".gov")
                    || chunk.contains(".ly/")
                    || chunk.contains(".co/"));
            if url {
                for t in &mut self.tokens[a..b] {
                    t.flags |= flag::NOSPAN;
                }
            } else {
                // @handle / #tag / e-mail: the word tokens glued after '@' or '#', and before '@'.
                let mut k = a;
                while k < b {
                    if self.tokens[k].kind == TokKind::Punct
                        && matches!(self.first_char(k), '@' | '#' | '＠')
                    {
                        let mut m = k + 1;
                        while m < b
                            && (self.tokens[m].kind != TokKind::Punct || self.first_char(m) == '_')
                        {
                            self.tokens[m].flags |= flag::NOSPAN;
                            m += 1;
                        }
                        if k > a
                            && self.first_char(k) == '@'
                            && self.glued(k)
                            && self.tokens[k - 1].kind == TokKind::Word
                        {
                            for t in &mut self.tokens[a..k] {
                                t.flags |= flag::NOSPAN;
                            }
                        }
                        k = m.max(k + 1);
                    } else {
                        k += 1;
                    }
                }
            }
            a = b;
        }
    }

    fn mark_lines(&mut self) {
        let n = self.tokens.len();
        let mut a = 0;
        while a < n {
            let l = self.tokens[a].line;
            let mut b = a + 1;
            while b < n && self.tokens[b].line == l {
                b += 1;
            }
            let mode = self.line_mode(a, b);
            // From here on a token's `line` is the index of its line in `lines`.
            let idx = self.lines.len() as u32;
            for t in &mut self.tokens[a..b] {
                t.line = idx;
            }
            self.lines.push(Line {
                first: a,
                end: b,
                mode,
            });
            a = b;
        }
    }

    fn line_mode(&self, a: usize, b: usize) -> LineMode {
        let mut upper = 0; // words of 2+ letters all upper case
        let mut lower = 0; // words with a lower-case letter
        let mut long = 0; // words of 4+ chars after the first word
        let mut long_cap = 0;
        let mut first_word = true;
        for i in a..b {
            let t = &self.tokens[i];
            if t.kind != TokKind::Word || t.has(flag::NOSPAN) {
                continue;
            }
            let len = t.end - t.start;
            if t.has(flag::UPPER) {
                if len >= 2 {
                    upper += 1;
                }
            } else if t.flags & (flag::TITLE | flag::LOWER) != 0 {
                lower += 1;
            }
            if !first_word
                && self.text[t.start..t.end].chars().nth(3).is_some()
                && t.flags & flag::DIGIT == 0
            {
                long += 1;
                if t.is_cap() {
                    long_cap += 1;
                }
            }
            first_word = false;
        }
        if upper >= 1 && upper * 5 >= (upper + lower) * 4 && (upper >= 2 || lower == 0) {
            LineMode::AllCaps
        } else if long >= 3 && long_cap * 10 >= long * 7 {
            LineMode::TitleCase
        } else {
            LineMode::Normal
        }
    }

    fn mark_sentences(&mut self) {
        let n = self.tokens.len();
        let mut expect_start = true;
        for i in 0..n {
            let t = self.tokens[i];
            if t.has(flag::LINE_START) {
                expect_start = true;
            }
            if t.kind == TokKind::Punct {
                let c = self.first_char(i);
                match c {
                    '.' | '!' | '?' | '…' if (c != '.' || !self.is_abbreviation(i)) => {
                        expect_start = true;
                    }
                    // Opening quotes and brackets keep the expectation; others end it only if
                    // a word follows, handled below.
                    _ => {}
                }
                continue;
            }
            if expect_start {
                self.tokens[i].flags |= flag::SENT_START;
                expect_start = false;
            }
        }
    }

    /// The period at `i` follows an abbreviation or an initial ("Mr.", "Sen.", "J.", "U.S.").
    fn is_abbreviation(&self, i: usize) -> bool {
        if i == 0 || !self.glued(i) || self.tokens[i - 1].kind != TokKind::Word {
            return false;
        }
        let prev = self.fold_of(i - 1);
        let prev_text = self.text_of(i - 1);
        if prev_text.chars().count() == 1 && prev_text.chars().all(|c| c.is_uppercase()) {
            return true;
        }
        // "U.S." style: a period two tokens back too.
        if i >= 2 && self.is_punct(i - 2, '.') && self.glued(i - 1) && prev.len() <= 2 {
            return true;
        }
        ABBREVIATIONS.contains(prev)
            && (i + 1 >= self.tokens.len() || !self.tokens[i + 1].has(flag::LINE_START))
            && self.tokens[i - 1].flags & flag::LOWER == 0
    }
}

/// Case flags ([`flag::TITLE`], [`flag::UPPER`], [`flag::LOWER`], [`flag::DIGIT`]) of a word,
/// exactly as [`Doc::new`] sets them.
pub fn word_flags(word: &str) -> u16 {
    let mut flags = 0u16;
    let (mut n_upper, mut n_lower) = (0u32, 0u32);
    for (k, ch) in word.chars().enumerate() {
        if ch.is_ascii_digit() || ch.is_numeric() {
            flags |= flag::DIGIT;
        }
        if ch.is_uppercase() {
            if k == 0 {
                flags |= flag::TITLE;
            }
            n_upper += 1;
        } else if ch.is_lowercase() {
            if k == 0 {
                flags |= flag::LOWER;
            }
            n_lower += 1;
        }
    }
    if n_upper > 0 && n_lower == 0 {
        flags = (flags & !flag::TITLE) | flag::UPPER;
    } else if flags & flag::TITLE != 0 && n_lower == 0 {
        flags &= !flag::TITLE;
    }
    flags
}

/// The tokens of a short string (an alias) as [`Doc::new`] splits them, without line, sentence
/// or URL analysis: calls `f(raw token, is a word)`.
pub fn lite_tokens(s: &str, mut f: impl FnMut(&str, bool)) {
    let mut i = 0;
    while i < s.len() {
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        if is_word_char(c) {
            let mut j = i;
            for ch in s[i..].chars() {
                if !is_word_char(ch) {
                    break;
                }
                j += ch.len_utf8();
            }
            f(&s[i..j], true);
            i = j;
        } else {
            f(&s[i..i + c.len_utf8()], false);
            i += c.len_utf8();
        }
    }
}

/// Token `i` is followed by an apostrophe-s or a bare apostrophe (possessive).
pub fn possessive_after(doc: &Doc, i: usize) -> bool {
    let n = doc.tokens.len();
    if i + 1 < n
        && doc.glued(i + 1)
        && doc.tokens[i + 1].kind == TokKind::Punct
        && is_apostrophe(doc.first_char(i + 1))
    {
        return true;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_offsets() {
        let d = Doc::new("President Trump’s plan, U.S. envoy — Zélensky.\nNEW YORK 1996");
        let words: Vec<&str> = (0..d.tokens.len()).map(|i| d.text_of(i)).collect();
        assert_eq!(words[..5], ["President", "Trump", "’", "s", "plan"]);
        assert!(words.contains(&"Zélensky"));
        assert_eq!(d.lines.len(), 2);
        assert_eq!(d.lines[1].mode, LineMode::AllCaps);
        assert_eq!(d.lines[0].mode, LineMode::Normal);
        let z = words.iter().position(|w| *w == "Zélensky").unwrap();
        assert_eq!(d.fold_of(z), "zelensky");
        assert!(d.tokens[0].has(flag::SENT_START));
        assert!(!d.tokens[1].has(flag::SENT_START));
    }

    #[test]
    fn handles_and_urls_are_nospan() {
        let d = Doc::new("– NEXT (@nexta_tv) see pic.twitter.com/cfVX and x@y.org");
        for i in 0..d.tokens.len() {
            let w = d.text_of(i);
            if w == "nexta" || w == "tv" || w == "cfVX" {
                assert!(d.tokens[i].has(flag::NOSPAN), "{w}");
            }
            if w == "NEXT" {
                assert!(!d.tokens[i].has(flag::NOSPAN));
            }
        }
    }

    #[test]
    fn title_case_line() {
        let d = Doc::new("Putin Throws Cold Water on Any Talk of a Quick Peace Deal – RedState");
        assert_eq!(d.lines[0].mode, LineMode::TitleCase);
    }
}
