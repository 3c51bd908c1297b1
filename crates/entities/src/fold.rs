//! Case and accent folding, shared by the tables, the matcher, `resolve` and the tagger.
//!
//! `fold` lower-cases, removes diacritics and transliterates other scripts to ASCII (through
//! `deunicode`), and unifies apostrophes and dashes, so "Zelenskyy", "ZELENSKYY" and
//! "Zélenskyy" fold alike.

/// Appends the folded form of `c` to `out`.
#[inline]
pub fn fold_char_into(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{2032}' | '`' | '\u{00B4}' => out.push('\''),
        '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
        '\u{201C}' | '\u{201D}' | '\u{00AB}' | '\u{00BB}' => out.push('"'),
        _ if is_mark(c) => {}
        _ => match deunicode::deunicode_char(c) {
            Some(s) if !s.is_empty() && s.chars().all(|d| d.is_ascii_alphanumeric()) => {
                for d in s.chars() {
                    out.push(d.to_ascii_lowercase());
                }
            }
            _ => {
                for l in c.to_lowercase() {
                    out.push(l);
                }
            }
        },
    }
}

/// The folded form of `s`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char_into(c, &mut out);
    }
    out
}

/// A combining mark (accents written as separate code points).
#[inline]
pub fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// A character that belongs inside a word token.
#[inline]
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

/// An apostrophe of any kind.
#[inline]
pub fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' | '\u{00B4}'
    )
}

/// Normalizes a surface form into a stable canonical key for an entity no table knows: white
/// space collapsed, curly apostrophes made straight.
pub fn surface_key(s: &str) -> String {
    let collapsed: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed.replace(['\u{2019}', '\u{2018}'], "'")
}

/// [`surface_key`] of a name written in an ALL-CAPS line: title case unless it is short enough
/// to be an acronym ("SENATE" → "Senate", "NATO" stays).
pub fn headline_key(s: &str) -> String {
    let key = surface_key(s);
    if key.chars().filter(|c| c.is_alphabetic()).count() > 4 {
        title_case(&key)
    } else {
        key
    }
}

/// "NEW YORK" → "New York" (each word: first letter upper, the rest lower).
pub fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut at_start = true;
    for c in s.chars() {
        if c.is_alphanumeric() {
            if at_start {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
            at_start = false;
        } else {
            out.push(c);
            at_start = !is_apostrophe(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_scripts() {
        assert_eq!(fold("Zélensky’s"), "zelensky's");
        assert_eq!(fold("CHIȘINĂU"), "chisinau");
        assert_eq!(fold("Orbán"), "orban");
        assert_eq!(fold("Путин"), "putin");
        assert_eq!(fold("Mar–a–Lago"), "mar-a-lago");
    }

    #[test]
    fn surface_keys() {
        assert_eq!(headline_key("SENATE"), "Senate");
        assert_eq!(headline_key("NATO"), "NATO");
        assert_eq!(surface_key("RAINN"), "RAINN");
        assert_eq!(surface_key("Daniel   Okafor"), "Daniel Okafor");
        assert_eq!(title_case("O'BRIEN"), "O'brien");
    }
}
