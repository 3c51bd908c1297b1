//! Plain text and Markdown.

use pundit_model::{Document, Source};

use super::byline::clean_authors;
use super::dates::parse_date;
use super::SourceFile;

/// Longest first line taken as a title.
pub const MAX_TITLE_CHARS: usize = 200;

/// Extracts a plain-text (or Markdown) document.
///
/// - The first line is the title when it is at most [`MAX_TITLE_CHARS`] characters and more text
///   follows; a trailing " – Site" or " | Site" on it becomes the site. Otherwise the title comes
///   from the file name.
/// - A "By NAME" line among the first lines is the byline; a date written alone on one of the
///   first lines is the published date (provenance `byline`).
pub fn extract(file: &SourceFile, text: &str) -> Document {
    let mut doc = Document::new(&file.source_path);
    let lines: Vec<&str> = text.lines().collect();
    let mut first = 0;
    while first < lines.len() && lines[first].trim().is_empty() {
        first += 1;
    }
    let mut body_start = first;
    if let Some(line) = lines.get(first) {
        let candidate = line.trim().trim_start_matches('#').trim();
        let more_follows = lines[first + 1..].iter().any(|l| !l.trim().is_empty());
        if !candidate.is_empty() && candidate.chars().count() <= MAX_TITLE_CHARS && more_follows {
            let (title, site) = split_site_suffix(candidate);
            doc.title = Some(title.to_string());
            doc.set_provenance("title", Source::FirstLine);
            if let Some(site) = site {
                doc.site = Some(site.to_string());
                doc.set_provenance("site", Source::FirstLine);
            }
            body_start = first + 1;
        }
    }
    // Byline and dateline: short lines right after the title.
    let mut i = body_start;
    let mut seen = 0;
    while i < lines.len() && seen < 4 {
        let line = lines[i].trim();
        if line.is_empty() {
            i += 1;
            continue;
        }
        seen += 1;
        let lower = line.to_lowercase();
        if doc.authors.is_empty()
            && (lower.starts_with("by ") || lower.starts_with("by:"))
            && line.len() <= 120
        {
            doc.authors = clean_authors(
                line.trim_start_matches(|c: char| c.is_alphabetic())
                    .trim_start_matches(':'),
            );
            if !doc.authors.is_empty() {
                doc.set_provenance("authors", Source::Byline);
                if body_start <= i {
                    body_start = i + 1;
                }
                i += 1;
                continue;
            }
        }
        if doc.published.is_none() && line.len() <= 60 {
            let stated = line
                .trim_start_matches("Published")
                .trim_start_matches(':')
                .trim();
            if let Some(date) = parse_date(stated) {
                doc.published = Some(date);
                doc.set_provenance("published", Source::Byline);
                if body_start <= i {
                    body_start = i + 1;
                }
                i += 1;
                continue;
            }
        }
        break;
    }
    if doc.title.is_none() {
        doc.title = Some(title_from_stem(&file.stem()));
        doc.set_provenance("title", Source::Filename);
    }
    doc.body = paragraphs(&lines[body_start.min(lines.len())..]);
    doc
}

/// Splits "Headline – Site" or "Headline | Site" into the headline and the site.
pub fn split_site_suffix(line: &str) -> (&str, Option<&str>) {
    for sep in [" – ", " — ", " | "] {
        if let Some(i) = line.rfind(sep) {
            let (title, site) = (line[..i].trim(), line[i + sep.len()..].trim());
            let site_words = site.split_whitespace().count();
            if !title.is_empty()
                && !site.is_empty()
                && site_words <= 5
                && site.len() <= 60
                && site.len() < title.len()
            {
                return (title, Some(site));
            }
        }
    }
    (line, None)
}

/// A title made from a file stem: separators become spaces.
pub fn title_from_stem(stem: &str) -> String {
    stem.split(['_', '-', '.', ' '])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Joins lines into paragraphs separated by blank lines, trimming trailing white space.
pub fn paragraphs(lines: &[&str]) -> String {
    let mut out = String::new();
    let mut blank = false;
    for line in lines {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push_str("\n\n");
            blank = false;
        } else if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    }
    out
}
