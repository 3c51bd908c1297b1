//! RFC 822 mail and news messages.
//!
//! Headers are parsed here (folded lines, RFC 2047 encoded words, 8-bit bytes decoded by
//! detection); a MIME body (multipart, base64, quoted-printable) goes through `mail-parser`, a
//! plain one is decoded with its declared charset, else by detection. The author's own text is
//! the body; quoted lines ("> ", and "|", ":" or "}" when an attribution introduces them), their
//! attribution lines ("In article <…>, X writes:") and the signature go to `quoted`.

use pundit_model::{Document, Source};

use super::dates::parse_date;
use super::text::paragraphs;
use super::SourceFile;
use crate::decode;

/// Headers that mark a message.
const KNOWN_HEADERS: &[&str] = &[
    "from",
    "subject",
    "newsgroups",
    "date",
    "message-id",
    "path",
    "to",
    "received",
    "return-path",
    "organization",
    "lines",
    "reply-to",
    "nntp-posting-host",
    "references",
    "in-reply-to",
    "mime-version",
    "content-type",
    "x-newsreader",
    "x-mailer",
    "sender",
];

/// Longest signature after a "-- " separator, in lines.
const MAX_SIG_LINES: usize = 30;

/// True when `text` starts with RFC 822 headers: `Name: value` lines (an mbox `From ` line and
/// folded continuation lines allowed, also before the first header, where a header was cut),
/// at least two of them, and at least two mail or news headers among them.
pub fn looks_like_mail(text: &str) -> bool {
    let text = text.trim_start_matches('\u{feff}');
    let mut headers = 0;
    let mut known = 0;
    for (i, line) in text.lines().take(80).enumerate() {
        if line.trim().is_empty() {
            break;
        }
        if i == 0 && line.starts_with("From ") {
            continue;
        }
        if line.starts_with([' ', '\t']) && i < 40 {
            continue; // folded header (or the tail of a removed one)
        }
        let Some((name, _)) = line.split_once(':') else {
            return false;
        };
        // RFC 822 field names: printable ASCII but the colon and space.
        if name.is_empty() || name.len() > 76 || !name.bytes().all(|b| b.is_ascii_graphic()) {
            return false;
        }
        headers += 1;
        if KNOWN_HEADERS.contains(&name.to_ascii_lowercase().as_str()) {
            known += 1;
        }
    }
    headers >= 2 && known >= 2
}

/// A message's headers, unfolded and decoded, in order.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Headers(pub Vec<(String, String)>);

impl Headers {
    /// The first value of header `name` (case-insensitive).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Splits raw message bytes into the header block and the body (after the first empty line).
pub fn split_message(bytes: &[u8]) -> (&[u8], &[u8]) {
    let mut i = 0;
    while i < bytes.len() {
        let end = bytes[i..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |p| i + p);
        let line = &bytes[i..end];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(|b| *b == b' ' || *b == b'\t') {
            return (&bytes[..i], &bytes[(end + 1).min(bytes.len())..]);
        }
        i = end + 1;
    }
    (bytes, &[])
}

/// Parses a header block: unfolds continuation lines (a continuation before the first header,
/// the tail of a removed header, is dropped), decodes 8-bit bytes and encoded words.
pub fn parse_headers(block: &[u8]) -> Headers {
    let text = decode::decode(block, None).text;
    let mut headers: Vec<(String, String)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if i == 0 && line.starts_with("From ") {
            continue;
        }
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
            continue;
        }
        if let Some((name, value)) = line.split_once(':') {
            if !name.is_empty() && name.bytes().all(|b| b.is_ascii_graphic()) {
                headers.push((name.to_string(), value.trim().to_string()));
            }
        }
    }
    for (_, value) in &mut headers {
        *value = decode_encoded_words(value);
    }
    Headers(headers)
}

/// Decodes RFC 2047 encoded words (`=?charset?B?…?=`, `=?charset?Q?…?=`); white space between
/// two encoded words is dropped.
///
/// ```
/// use pundit_ingest::extract::mail::decode_encoded_words;
/// assert_eq!(decode_encoded_words("=?ISO-8859-1?Q?Andr=E9?= Roe"), "André Roe");
/// assert_eq!(decode_encoded_words("=?utf-8?B?Q2Fmw6k=?="), "Café");
/// ```
pub fn decode_encoded_words(value: &str) -> String {
    if !value.contains("=?") {
        return value.to_string();
    }
    let mut out = String::new();
    let mut rest = value;
    let mut pending_space = String::new();
    let mut last_was_word = false;
    while let Some(start) = rest.find("=?") {
        let decoded = parse_encoded_word(&rest[start..]);
        match decoded {
            Some((text, len)) => {
                let between = &rest[..start];
                if !(last_was_word && between.trim().is_empty()) {
                    out.push_str(&pending_space);
                    out.push_str(between);
                }
                pending_space.clear();
                out.push_str(&text);
                rest = &rest[start + len..];
                last_was_word = true;
            }
            None => {
                out.push_str(&rest[..start + 2]);
                rest = &rest[start + 2..];
                last_was_word = false;
            }
        }
    }
    out.push_str(rest);
    out
}

/// One encoded word at the start of `s`: its text and its length in bytes.
fn parse_encoded_word(s: &str) -> Option<(String, usize)> {
    let inner = s.strip_prefix("=?")?;
    let q1 = inner.find('?')?;
    let charset = inner[..q1].split('*').next()?;
    let after = &inner[q1 + 1..];
    let q2 = after.find('?')?;
    let encoding = &after[..q2];
    let data_and_rest = &after[q2 + 1..];
    let end = data_and_rest.find("?=")?;
    let data = &data_and_rest[..end];
    if data.contains(' ') {
        return None;
    }
    let bytes = match encoding {
        "B" | "b" => base64_decode(data)?,
        "Q" | "q" => quoted_printable_decode(&data.replace('_', " ")),
        _ => return None,
    };
    let text = decode::decode(&bytes, Some(charset)).text.into_owned();
    let len = 2 + q1 + 1 + q2 + 1 + end + 2;
    Some((text, len))
}

fn base64_decode(data: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut acc = 0u32;
    let mut bits = 0;
    for c in data.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            b' ' | b'\t' | b'\r' | b'\n' => continue,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

fn quoted_printable_decode(data: &str) -> Vec<u8> {
    let b = data.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'=' && i + 2 < b.len() + 1 {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (
                b.get(i + 1).and_then(|&c| hex(c)),
                b.get(i + 2).and_then(|&c| hex(c)),
            ) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    out
}

/// The author of a `From` value: the display name of `Name <addr>`, `"Name" <addr>` or
/// `addr (Name)`, else the address.
///
/// ```
/// use pundit_ingest::extract::mail::from_author;
/// assert_eq!(from_author("jmd@cube.example.com (Jim De Arras)").as_deref(), Some("Jim De Arras"));
/// assert_eq!(from_author("\"Roe, Jane\" <jane@example.org>").as_deref(), Some("Roe, Jane"));
/// assert_eq!(from_author("R1328@vmcms.example.edu").as_deref(), Some("R1328@vmcms.example.edu"));
/// ```
pub fn from_author(value: &str) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let tidy = |s: &str| -> String {
        let s = s
            .trim()
            .trim_matches(|c: char| c == '"' || c == '\'' || c.is_whitespace());
        s.replace("\\\"", "\"")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let angle = value.find('<');
    let paren = value.find('(');
    // addr (Name): a comment before any angle bracket (what follows may be a folded-in tail).
    let address_before =
        |p: usize| value[..p].split_whitespace().count() == 1 && value[..p].contains(['@', '!']);
    if let Some(open) = paren.filter(|&p| angle.is_none_or(|a| p < a && address_before(p))) {
        let close = value[open..].find(')').map_or(value.len(), |i| open + i);
        let name = tidy(&value[open + 1..close]);
        let address = tidy(&value[..open]);
        let name = if name.is_empty() { address } else { name };
        return (!name.is_empty()).then_some(name);
    }
    // Name <addr>, "Name" <addr>, <addr>
    if let Some(open) = angle {
        let close = value[open..].find('>').map(|i| open + i);
        let address = tidy(&value[open + 1..close.unwrap_or(value.len())]);
        let name = tidy(&value[..open]);
        let name = if name.is_empty() { address } else { name };
        return (!name.is_empty()).then_some(name);
    }
    let address = tidy(value.split(',').next().unwrap_or(value));
    (!address.is_empty()).then_some(address)
}

/// Removes C0 and C1 control characters (tab and newline kept) and U+FFFD.
pub fn clean_text(text: &str) -> String {
    text.chars()
        .filter(|&c| c == '\t' || c == '\n' || !(c.is_control() || c == '\u{fffd}'))
        .collect()
}

fn clean_line(text: &str) -> String {
    clean_text(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The value of parameter `name` in a `Content-Type` header.
fn content_type_param(content_type: &str, name: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case(name)
            .then(|| v.trim().trim_matches('"').to_string())
    })
}

/// The message's body as text.
fn body_text(bytes: &[u8], headers: &Headers, body: &[u8]) -> String {
    let content_type = headers
        .get("Content-Type")
        .unwrap_or("")
        .to_ascii_lowercase();
    let transfer = headers
        .get("Content-Transfer-Encoding")
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if content_type.starts_with("multipart/")
        || transfer == "base64"
        || transfer == "quoted-printable"
    {
        if let Some(text) = mail_parser::MessageParser::default()
            .parse(bytes)
            .and_then(|m| m.body_text(0).map(|b| b.into_owned()))
        {
            if !text.contains('\u{fffd}') {
                return text;
            }
        }
    }
    let charset = content_type_param(&content_type, "charset");
    decode::decode(body, charset.as_deref()).text.into_owned()
}

/// Extracts a mail or news message: title from Subject, author from From, date from Date, site
/// from Newsgroups; quotes and signature into `quoted`.
pub fn extract(file: &SourceFile, bytes: &[u8], _text: &str) -> Document {
    let mut doc = Document::new(&file.source_path);
    let (head, body) = split_message(bytes);
    let headers = parse_headers(head);
    if let Some(subject) = headers
        .get("Subject")
        .map(clean_line)
        .filter(|s| !s.is_empty())
    {
        doc.title = Some(subject);
        doc.set_provenance("title", Source::Headers);
    }
    let from = headers
        .get("From")
        .or_else(|| headers.get("Sender"))
        .or_else(|| headers.get("Reply-To"));
    if let Some(author) = from
        .and_then(from_author)
        .map(|a| clean_line(&a))
        .filter(|a| !a.is_empty())
    {
        doc.authors = vec![author];
        doc.set_provenance("authors", Source::Headers);
    }
    if let Some(date) = headers.get("Date").and_then(parse_date) {
        doc.published = Some(date);
        doc.set_provenance("published", Source::Headers);
    }
    if let Some(groups) = headers.get("Newsgroups") {
        let groups: Vec<&str> = groups
            .split(',')
            .map(str::trim)
            .filter(|g| !g.is_empty())
            .collect();
        if !groups.is_empty() {
            doc.site = Some(clean_line(&groups.join(",")));
            doc.set_provenance("site", Source::Headers);
        }
    }
    let text = clean_text(
        &body_text(bytes, &headers, body)
            .replace("\r\n", "\n")
            .replace('\r', "\n"),
    );
    let split = split_quoted(&text, doc.authors.first().map(String::as_str));
    doc.body = split.own;
    doc.quoted = split.quoted;
    doc
}

/// A message body split into the author's own text and the rest.
#[derive(Debug, Default, PartialEq)]
pub struct SplitBody {
    /// The author's own text, paragraphs separated by blank lines.
    pub own: String,
    /// Quoted text (prefixes removed), attribution lines and the signature.
    pub quoted: String,
}

fn is_attribution(line: &str) -> bool {
    let l = line.trim().to_ascii_lowercase();
    l.len() <= 200
        && [
            "writes:",
            "wrote:",
            "says:",
            "said:",
            "writes",
            "wrote",
            "writes...",
            "wrote...",
        ]
        .iter()
        .any(|e| l.ends_with(e))
}

/// The quote marker of a line ('>' always; others when enabled), and the line without it.
fn strip_quote<'a>(line: &'a str, markers: &[char]) -> Option<&'a str> {
    let t = line.strip_prefix(' ').unwrap_or(line);
    let first = t.chars().next()?;
    if first == '>' || markers.contains(&first) {
        let rest = t.trim_start_matches(|c: char| c == '>' || c == ' ' || markers.contains(&c));
        // "|  text" quoting needs a space or nothing after the marker (not "||" art or ":-)")
        if first != '>' {
            let after = t[first.len_utf8()..].chars().next();
            if !after.is_none_or(|c| c == ' ' || c == '\t' || c == first || c == '>') {
                return None;
            }
        }
        return Some(rest.trim_end());
    }
    None
}

/// A line of one repeated character ("-----", "=====", "_____") used to open a signature.
fn is_rule(line: &str) -> bool {
    let t = line.trim();
    t.chars().count() >= 4
        && t.chars()
            .next()
            .is_some_and(|c| "-_=*~+#".contains(c) && t.chars().all(|d| d == c || d == ' '))
}

fn looks_like_contact(line: &str) -> bool {
    let l = line.to_ascii_lowercase();
    let digits = l.chars().filter(char::is_ascii_digit).count();
    l.contains('@')
        || l.contains("://")
        || l.contains("www.")
        || digits >= 7
        || l.trim_start().starts_with('|')
        || l.trim_end().ends_with('|')
}

/// Splits a message body into the author's own text and what is quoted or signature.
pub fn split_quoted(body: &str, author: Option<&str>) -> SplitBody {
    let lines: Vec<&str> = body.lines().map(|l| l.trim_end()).collect();
    let n = lines.len();
    // Quote markers other than '>': used when an attribution line introduces them.
    let mut markers: Vec<char> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if is_attribution(line) || line.trim_start().starts_with("In article <") {
            if let Some(next) = lines[i + 1..].iter().find(|l| !l.trim().is_empty()) {
                let t = next.strip_prefix(' ').unwrap_or(next);
                if let Some(c) = t
                    .chars()
                    .next()
                    .filter(|c| matches!(c, '|' | ':' | '}' | ']'))
                {
                    if !markers.contains(&c) {
                        markers.push(c);
                    }
                }
            }
        }
    }
    let mut quoted_flag = vec![false; n];
    for (i, line) in lines.iter().enumerate() {
        if strip_quote(line, &markers).is_some() {
            quoted_flag[i] = true;
        }
    }
    // Attribution lines: "In article <…>" (and its wrapped second line), "X writes:" before a
    // quote.
    let next_is_quote = |i: usize| {
        lines[i + 1..]
            .iter()
            .position(|l| !l.trim().is_empty())
            .is_none_or(|p| quoted_flag[i + 1 + p])
    };
    let mut attribution = vec![false; n];
    for i in 0..n {
        let t = lines[i].trim_start();
        if t.starts_with("In article <") || t.starts_with("In <") && is_attribution(t) {
            attribution[i] = true;
            if !is_attribution(t) && i + 1 < n && is_attribution(lines[i + 1]) {
                attribution[i + 1] = true;
            }
        } else if is_attribution(t) && next_is_quote(i) {
            attribution[i] = true;
        }
    }
    // The signature: after the last "-- " line, else a trailing block.
    let mut sig_start = n;
    if let Some(i) = lines.iter().rposition(|l| *l == "--" || *l == "-- ") {
        if n - i - 1 <= MAX_SIG_LINES {
            sig_start = i;
        }
    }
    // Without a separator, or with nothing after it: a trailing signature block.
    let not_own: Vec<bool> = quoted_flag
        .iter()
        .zip(&attribution)
        .map(|(q, a)| *q || *a)
        .collect();
    if lines[sig_start.min(n)..]
        .iter()
        .skip(1)
        .all(|l| l.trim().is_empty())
    {
        let before = trailing_signature(&lines[..sig_start], &not_own[..sig_start], author);
        sig_start = sig_start.min(before);
    }
    let mut own: Vec<&str> = Vec::new();
    let mut quoted: Vec<String> = Vec::new();
    for i in 0..n {
        if i >= sig_start {
            if !(i == sig_start && (lines[i] == "--" || lines[i] == "-- ")) {
                quoted.push(lines[i].to_string());
            }
        } else if attribution[i] {
            quoted.push(lines[i].trim().to_string());
        } else if quoted_flag[i] {
            quoted.push(strip_quote(lines[i], &markers).unwrap_or("").to_string());
            // keep paragraph structure of own text around quotes
            if own.last().is_some_and(|l| !l.trim().is_empty()) {
                own.push("");
            }
        } else if is_rule(lines[i]) {
            // A separator line carries no text: a paragraph break.
            own.push("");
        } else {
            own.push(lines[i]);
        }
    }
    let quoted_refs: Vec<&str> = quoted.iter().map(String::as_str).collect();
    SplitBody {
        own: paragraphs(&own),
        quoted: paragraphs(&quoted_refs),
    }
}

/// Start of a trailing signature written without a "-- " separator: a rule line near the end,
/// a short last block of contact details, or a sign-off with the author's name.
fn trailing_signature(lines: &[&str], quoted: &[bool], author: Option<&str>) -> usize {
    let n = lines.len();
    let mut end = n;
    while end > 0 && lines[end - 1].trim().is_empty() {
        end -= 1;
    }
    if end == 0 || quoted[end - 1] {
        return n;
    }
    let has_own_before = |i: usize| {
        lines[..i]
            .iter()
            .zip(quoted)
            .any(|(l, q)| !q && !l.trim().is_empty() && !is_rule(l))
    };
    // A rule line in the last 15 lines, with own text before it.
    let from = end.saturating_sub(15);
    if let Some(r) = (from..end).rev().find(|&i| is_rule(lines[i]) && !quoted[i]) {
        let after: Vec<&str> = lines[r + 1..end]
            .iter()
            .copied()
            .filter(|l| !l.trim().is_empty())
            .collect();
        let sig_like = after.iter().any(|l| looks_like_contact(l))
            || after.iter().all(|l| l.trim().chars().count() <= 50);
        if (r + 1..end).all(|i| !quoted[i])
            && has_own_before(r)
            && !after.is_empty()
            && after.len() <= 8
            && sig_like
        {
            return r;
        }
    }
    // The last block.
    let mut start = end;
    while start > 0 && !lines[start - 1].trim().is_empty() && !quoted[start - 1] {
        start -= 1;
    }
    let block = &lines[start..end];
    if !has_own_before(start) || block.len() > 8 {
        return n;
    }
    let contacts = block.iter().filter(|l| looks_like_contact(l)).count();
    let short = block.iter().all(|l| l.trim().chars().count() <= 80);
    if short && contacts >= 1 && (contacts * 2 >= block.len() || block.len() <= 4) {
        return start;
    }
    // A sign-off: one or two short lines naming the author.
    if block.len() <= 2 && block.iter().all(|l| l.trim().chars().count() <= 40) {
        if let Some(author) = author {
            let first = block[0].to_lowercase();
            let named = author
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() >= 3)
                .any(|w| {
                    first
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|x| x == w.to_lowercase())
                });
            if named {
                return start;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str) -> SourceFile {
        SourceFile {
            abs_path: std::path::PathBuf::from("/x").join(name),
            source_path: name.to_string(),
        }
    }

    #[test]
    fn from_forms() {
        assert_eq!(
            from_author("Jane Roe <jane@example.org>").as_deref(),
            Some("Jane Roe")
        );
        assert_eq!(
            from_author("<jane@example.org>").as_deref(),
            Some("jane@example.org")
        );
        assert_eq!(
            from_author("jane@example.org (Jane Q. Roe)").as_deref(),
            Some("Jane Q. Roe")
        );
        assert_eq!(
            from_author("jane@example.org ()").as_deref(),
            Some("jane@example.org")
        );
        assert_eq!(
            from_author("jane@example.org").as_deref(),
            Some("jane@example.org")
        );
        assert_eq!(
            from_author("k@example.edu (Keith Roe) <930401.1@host.example> <11@x.example>")
                .as_deref(),
            Some("Keith Roe")
        );
        assert_eq!(
            from_author("Jane (the Hat) Roe <jane@example.org>").as_deref(),
            Some("Jane (the Hat) Roe")
        );
        assert_eq!(
            from_author("=?ISO-8859-1?Q?Jos=E9_Roe?= <j@example.org>").map(|_| ()),
            Some(())
        );
        assert_eq!(
            decode_encoded_words("=?ISO-8859-1?Q?Jos=E9_Roe?= <j@example.org>"),
            "José Roe <j@example.org>"
        );
        assert_eq!(decode_encoded_words("=?UTF-8?Q?a?= =?UTF-8?Q?b?="), "ab");
    }

    #[test]
    fn sniffing_with_folded_and_odd_first_headers() {
        assert!(looks_like_mail(
            " tail!of!a!path\nSubject: Re: taxes\nFrom: a@b.example (A B)\nLines: 2\n\nBody"
        ));
        assert!(looks_like_mail(
            "Organization: X\nSubject: Hi\nFrom: a@b.example\n\nBody"
        ));
        assert!(!looks_like_mail("Note: this is text\nmore text here\n"));
        assert!(!looks_like_mail("Title: A story\nSummary: none\n\nBody"));
    }

    #[test]
    fn folded_headers_and_latin1() {
        let raw = b" leftover!path!host\nSubject: Re: The long\n\tsubject line\nFrom: jroe@example.edu (Jane\n Roe)\nLines: 3\n\nI say caf\xe9 \xff.\n";
        let doc = extract(&file("51160"), raw, "");
        assert_eq!(doc.title.as_deref(), Some("Re: The long subject line"));
        assert_eq!(doc.authors, vec!["Jane Roe"]);
        assert_eq!(doc.published, None);
        assert_eq!(doc.site, None);
        assert!(doc.body.starts_with("I say caf"), "{}", doc.body);
        assert!(!doc.body.contains('\u{fffd}'));
        assert!(!doc
            .body
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t'));
    }

    #[test]
    fn mime_charset_and_headers() {
        let raw = b"From: \"Roe, Jane\" <jane@example.org>\nSubject: =?iso-8859-1?q?Caf=E9?=\nDate: Tue, 1 Nov 2016 10:20:30 +0100\nNewsgroups: talk.politics.misc,alt.politics\nContent-Type: text/plain; charset=iso-8859-1\n\nUn caf\xe9.\r\n";
        let doc = extract(&file("1"), raw, "");
        assert_eq!(doc.title.as_deref(), Some("Café"));
        assert_eq!(doc.authors, vec!["Roe, Jane"]);
        assert_eq!(
            doc.published.unwrap().to_string(),
            "2016-11-01T10:20:30+01:00"
        );
        assert_eq!(doc.site.as_deref(), Some("talk.politics.misc,alt.politics"));
        assert_eq!(doc.body, "Un café.");
    }

    #[test]
    fn quotes_and_signatures() {
        let body = "In article <1993Apr1.1@host.example>\njoe@host.example (Joe Public) writes:\n>Guns are bad.\n> > Are not.\n\nI disagree with that.\nStrongly.\n\n| Quoted in bars?\n\nMore of mine.\n-- \nJane Roe | jane@example.org\n";
        let split = split_quoted(body, Some("Jane Roe"));
        assert_eq!(
            split.own,
            "I disagree with that.\nStrongly.\n\n| Quoted in bars?\n\nMore of mine."
        );
        assert!(split.quoted.contains("Guns are bad."));
        assert!(split.quoted.contains("Are not."));
        assert!(split.quoted.contains("Joe Public) writes:"));
        assert!(split.quoted.contains("jane@example.org"));

        let body = "Brian (b@example.com) wrote:\n: Prove it.\n: Please.\n\nHere is my proof.\n\nJim Burrill\n";
        let split = split_quoted(body, Some("Jim Burrill"));
        assert_eq!(split.own, "Here is my proof.");
        assert!(split.quoted.contains("Prove it."));
        assert!(split.quoted.contains("Jim Burrill"));

        let body = "a@b.example (A B) writes:\n> Quoted.\n----------\nMy reply runs over a line that is long enough not to be a signature.\nSecond.\n";
        assert_eq!(
            split_quoted(body, None).own,
            "My reply runs over a line that is long enough not to be a signature.\nSecond."
        );
        let body = "Point made.\n\n-andy\n--\n";
        assert_eq!(split_quoted(body, Some("Andy Roe")).own, "Point made.");
        let body = "My own point stands.\n\n----------------------------\nJ. Roe, Dept. of Politics\nroe@univ.example  555-123-4567\n";
        let split = split_quoted(body, None);
        assert_eq!(split.own, "My own point stands.");
        assert!(split.quoted.contains("Dept. of Politics"));
        // Nothing taken when the message is all own text.
        let split = split_quoted("Just one paragraph of text.\n", None);
        assert_eq!(split.own, "Just one paragraph of text.");
        assert_eq!(split.quoted, "");
    }
}
