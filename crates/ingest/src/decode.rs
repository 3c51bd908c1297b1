//! Turning bytes into text: BOM, declared charset, else UTF-8, else detection. Never assumes
//! UTF-8 blindly.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8};

/// Decoded text and how it was decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<'a> {
    /// The text, without NUL and other C0/C1 control characters (tab, newline and carriage
    /// return are kept). It borrows the input when that is already clean UTF-8: a large file
    /// is not copied.
    pub text: Cow<'a, str>,
    /// The encoding used.
    pub encoding: &'static str,
    /// A warning for the report when the bytes were not valid UTF-8 (or the declared charset).
    pub warning: Option<String>,
}

/// Decodes `bytes` honouring a BOM, then `declared` (a charset label from markup or headers),
/// then UTF-8 when valid, else the encoding chardetng guesses.
///
/// ```
/// use pundit_ingest::decode::decode;
/// let latin1 = b"Caf\xe9 politique";
/// let decoded = decode(latin1, None);
/// assert_eq!(decoded.text, "Café politique");
/// assert!(decoded.warning.is_some());
/// ```
pub fn decode<'a>(bytes: &'a [u8], declared: Option<&str>) -> Decoded<'a> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return finish(text, encoding, had_errors);
    }
    let declared = declared
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        // A page that declares UTF-16 but is read as bytes is ASCII-compatible in practice.
        .map(|e| {
            if e.is_single_byte() || e == UTF_8 || e.output_encoding() == e {
                e.output_encoding()
            } else {
                UTF_8
            }
        });
    if let Ok(text) = std::str::from_utf8(bytes) {
        if declared.is_none() || declared == Some(UTF_8) || text.is_ascii() {
            return finish(Cow::Borrowed(text), UTF_8, false);
        }
    }
    // Declared UTF-8 with a few broken sequences (a multi-byte character cut by a truncation)
    // is still UTF-8, as a browser reads it; only when the errors outnumber the valid
    // multi-byte characters is the declaration wrong (Latin-1 labelled UTF-8), and detection
    // decides.
    if declared == Some(UTF_8) && mostly_utf8(bytes) {
        return finish(String::from_utf8_lossy(bytes), UTF_8, true);
    }
    if let Some(encoding) = declared.filter(|&e| e != UTF_8) {
        let (text, _, had_errors) = encoding.decode(bytes);
        if !had_errors {
            return finish(text, encoding, false);
        }
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Allow);
    let (text, _, had_errors) = encoding.decode(bytes);
    let mut decoded = finish(text, encoding, had_errors);
    if encoding == UTF_8 || decoded.warning.is_none() {
        decoded.warning = Some(format!("not valid UTF-8; decoded as {}", encoding.name()));
    }
    decoded
}

/// Decodes an HTML page: BOM, then `<meta charset>` / `http-equiv` in the first 4 KB, then the
/// same fallbacks as [`decode`].
pub fn decode_html(bytes: &[u8]) -> Decoded<'_> {
    decode(bytes, sniff_meta_charset(bytes).as_deref())
}

/// The charset an HTML page declares in its first 4 KB, if any.
pub fn sniff_meta_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"charset") {
        let mut i = from + pos + b"charset".len();
        from = i;
        while i < lower.len() && lower[i].is_ascii_whitespace() {
            i += 1;
        }
        if lower.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < lower.len()
            && (lower[i].is_ascii_whitespace() || lower[i] == b'"' || lower[i] == b'\'')
        {
            i += 1;
        }
        let start = i;
        while i < lower.len()
            && (lower[i].is_ascii_alphanumeric() || matches!(lower[i], b'-' | b'_' | b':' | b'.'))
        {
            i += 1;
        }
        if i > start {
            return Some(String::from_utf8_lossy(&lower[start..i]).into_owned());
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Whether invalid UTF-8 sequences are rare next to valid multi-byte characters (at most one
/// for every ten).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut invalid, mut multibyte) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    invalid * 10 <= multibyte
}

fn finish<'a>(text: Cow<'a, str>, encoding: &'static Encoding, had_errors: bool) -> Decoded<'a> {
    let text = strip_controls(text);
    let warning =
        had_errors.then(|| format!("invalid {} byte sequences replaced", encoding.name()));
    Decoded {
        text,
        encoding: encoding.name(),
        warning,
    }
}

/// Removes NUL and other control characters except tab, newline, carriage return and form feed.
/// Text with none is returned as it came (borrowed text stays borrowed).
pub fn strip_controls(text: Cow<'_, str>) -> Cow<'_, str> {
    let Some(first) = controls(text.as_bytes()).next() else {
        return text;
    };
    // The clean runs between controls are copied whole.
    let mut kept = String::with_capacity(text.len());
    let mut run_start = 0;
    for (at, len) in std::iter::once(first).chain(controls(text.as_bytes()).skip(1)) {
        kept.push_str(&text[run_start..at]);
        run_start = at + len;
    }
    kept.push_str(&text[run_start..]);
    Cow::Owned(kept)
}

/// The control characters of UTF-8 `bytes` to strip, as (offset, length in bytes).
fn controls(bytes: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    // Works on bytes: C0 controls and DEL are single bytes in UTF-8, and C1 controls
    // (U+0080..=U+009F) are 0xC2 followed by 0x80..=0x9F; no other sequence contains those.
    let control_len = |i: usize| -> usize {
        match bytes[i] {
            b'\t' | b'\n' | b'\r' | 0x0c => 0,
            0x00..=0x1f | 0x7f => 1,
            0xc2 if matches!(bytes.get(i + 1), Some(0x80..=0x9f)) => 2,
            _ => 0,
        }
    };
    // Candidates are found 32 bytes at a time with a branch-free test the compiler vectorizes;
    // most chunks of most texts have none. A C1 control never straddles two chunks' matches:
    // its second byte is not a candidate.
    let candidate = |b: u8| (b < 0x20) | (b == 0x7f) | (b == 0xc2);
    bytes
        .chunks(32)
        .enumerate()
        .filter(move |(_, chunk)| chunk.iter().fold(false, |any, &b| any | candidate(b)))
        .flat_map(move |(n, chunk)| {
            (n * 32..n * 32 + chunk.len()).filter_map(move |i| match control_len(i) {
                0 => None,
                len => Some((i, len)),
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_c0_c1_controls_and_del_but_keeps_layout_and_letters() {
        let text = "a\u{0}b\tc\nd\r\u{c}e\u{1b}f\u{7f}g\u{85}h\u{9f}i\u{a0}j é€😀";
        assert_eq!(
            strip_controls(text.into()),
            "ab\tc\nd\r\u{c}efghi\u{a0}j é€😀"
        );
        let long = format!("{}\n\u{1}{}\u{9f}", "x".repeat(100), "é".repeat(40));
        assert_eq!(
            strip_controls(long.into()),
            format!("{}\n{}", "x".repeat(100), "é".repeat(40))
        );
        assert_eq!(strip_controls("\u{0}\u{0}\u{85}".into()), "");
        let clean = "nothing to remove — ünïcödé";
        assert!(matches!(strip_controls(clean.into()), Cow::Borrowed(c) if c == clean));
    }

    #[test]
    fn declared_utf8_with_a_cut_character_stays_utf8() {
        let mut bytes = "Zażółć gęślą jaźń. Zażółć gęślą jaźń, papieros"
            .as_bytes()
            .to_vec();
        bytes.extend_from_slice(b"\xc3...");
        let decoded = decode(&bytes, Some("utf-8"));
        assert!(
            decoded.text.starts_with("Zażółć gęślą jaźń"),
            "{}",
            decoded.text
        );
        assert_eq!(decoded.encoding, "UTF-8");
        // Latin-1 labelled UTF-8: every non-ASCII byte is broken, so detection decides.
        let decoded = decode(b"Caf\xe9 cr\xe8me br\xfbl\xe9e", Some("utf-8"));
        assert_eq!(decoded.text, "Café crème brûlée");
    }

    #[test]
    fn honours_bom_and_meta_charset() {
        let utf16 = b"\xff\xfeH\x00i\x00";
        assert_eq!(decode(utf16, None).text, "Hi");
        let page =
            b"<html><head><meta charset=\"windows-1252\"></head><body>\x93Quoted\x94</body></html>";
        let d = decode_html(page);
        assert!(d.text.contains("\u{201c}Quoted\u{201d}"), "{}", d.text);
        assert_eq!(
            sniff_meta_charset(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">"
            )
            .as_deref(),
            Some("iso-8859-1")
        );
    }

    #[test]
    fn drops_nul_bytes() {
        assert_eq!(decode(b"a\x00b", None).text, "ab");
    }
}
