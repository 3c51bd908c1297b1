//! Which extractor reads a file: by extension, else by sniffing the content.

use std::path::Path;

/// Input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// HTML or XHTML page.
    Html,
    /// Plain text or Markdown.
    Text,
    /// A JSON object or an array of objects.
    Json,
    /// JSON Lines: one object per line.
    Jsonl,
    /// An RFC 822 mail or news message.
    Mail,
}

/// The format named by the file's extension (ignoring a trailing `.gz`), if any.
pub fn format_from_name(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let ext = name.rsplit_once('.')?.1;
    Some(match ext {
        "html" | "htm" | "xhtml" | "shtml" => Format::Html,
        "txt" | "text" | "md" | "markdown" => Format::Text,
        "json" => Format::Json,
        "jsonl" | "ndjson" => Format::Jsonl,
        "eml" | "mbox" => Format::Mail,
        _ => return None,
    })
}

/// True when the name has an extension Pundit does not read (e.g. `.css`, `.png`): such files
/// are still sniffed, since mail and news archives often use numbers as names.
pub fn has_extension(path: &Path) -> bool {
    path.file_name()
        .map(|n| n.to_string_lossy().trim_start_matches('.').contains('.'))
        .unwrap_or(false)
}

/// Guesses the format of text with no telling extension: HTML if it starts like HTML, mail if
/// it starts with RFC 822 headers, else plain text.
pub fn sniff(text: &str) -> Format {
    let head: String = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(512)
        .collect();
    let lower = head.to_ascii_lowercase();
    if lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || lower.starts_with("<?xml") && lower.contains("<html")
        || lower.starts_with("<head")
        || lower.starts_with("<!--") && lower.contains("<html")
    {
        return Format::Html;
    }
    if crate::extract::mail::looks_like_mail(text) {
        return Format::Mail;
    }
    Format::Text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_sniffing() {
        assert_eq!(
            format_from_name(Path::new("a/b.HTML.gz")),
            Some(Format::Html)
        );
        assert_eq!(format_from_name(Path::new("x.ndjson")), Some(Format::Jsonl));
        assert_eq!(format_from_name(Path::new("53321")), None);
        assert_eq!(sniff("<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(sniff("Just some words."), Format::Text);
        assert_eq!(
            sniff("From: jane@example.org (Jane Roe)\nSubject: Re: taxes\nNewsgroups: talk.politics.misc\n\nBody"),
            Format::Mail
        );
    }
}
