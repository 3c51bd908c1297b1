//! RFC 822 mail and news messages.

use pundit_model::{Document, Source};

use super::SourceFile;

/// True when `text` starts with RFC 822 headers: a `Name: value` line (or an mbox `From ` line)
/// followed by more header lines, at least one of them a mail or news header.
pub fn looks_like_mail(text: &str) -> bool {
    let mut headers = 0;
    let mut known = 0;
    for (i, line) in text.lines().take(60).enumerate() {
        if line.is_empty() {
            break;
        }
        if i == 0 && line.starts_with("From ") {
            continue;
        }
        if line.starts_with([' ', '\t']) && headers > 0 {
            continue; // folded header
        }
        let Some((name, _)) = line.split_once(':') else {
            return false;
        };
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            return false;
        }
        headers += 1;
        let name = name.to_ascii_lowercase();
        if matches!(
            name.as_str(),
            "from"
                | "subject"
                | "newsgroups"
                | "date"
                | "message-id"
                | "path"
                | "to"
                | "received"
                | "return-path"
        ) {
            known += 1;
        }
    }
    headers >= 2 && known >= 2
}

/// Extracts a mail or news message: title from Subject, author from From, date from Date, site
/// from Newsgroups.
pub fn extract(file: &SourceFile, bytes: &[u8], _text: &str) -> Document {
    let mut doc = Document::new(&file.source_path);
    let Some(message) = mail_parser::MessageParser::default().parse(bytes) else {
        doc.body = String::from_utf8_lossy(bytes).into_owned();
        return doc;
    };
    if let Some(subject) = message.subject() {
        doc.title = Some(subject.trim().to_string());
        doc.set_provenance("title", Source::Headers);
    }
    if let Some(from) = message.from().and_then(|a| a.first()) {
        let name = from
            .name()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .or(from.address());
        if let Some(name) = name {
            doc.authors = vec![name.to_string()];
            doc.set_provenance("authors", Source::Headers);
        }
    }
    if let Some(date) = message.date() {
        if let Some(d) = super::dates::parse_date(&date.to_rfc3339()) {
            doc.published = Some(d);
            doc.set_provenance("published", Source::Headers);
        }
    }
    if let Some(groups) = message.header_raw("Newsgroups") {
        doc.site = Some(groups.trim().to_string());
        doc.set_provenance("site", Source::Headers);
    }
    doc.body = message
        .body_text(0)
        .map(|b| b.into_owned())
        .unwrap_or_default();
    doc
}
