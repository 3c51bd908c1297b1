//! Plain text and Markdown.
//!
//! Submodules: [`posts`] (embedded social posts), [`cited`] (same-site references by title),
//! [`promo`] (the site's trailing self-promotion).

pub mod cited;
pub mod posts;
pub mod promo;

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
/// - Embedded social posts (closed by "– NAME (@handle) DATE") become `posts` and leave the
///   body; the newest post date is `published_inferred` (provenance `inferred`).
/// - A trailing self-promotion paragraph of the site is dropped.
/// - References "see TITLE – SITE" to the document's own site become `cited`.
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
            // A Markdown setext underline ("=====").
            if let Some(next) = lines.get(first + 1).map(|l| l.trim()) {
                if next.len() >= 3
                    && (next.bytes().all(|b| b == b'=') || next.bytes().all(|b| b == b'-'))
                {
                    body_start = first + 2;
                }
            }
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
    let body_lines = &lines[body_start.min(lines.len())..];
    let (found_posts, in_post) = posts::take_posts(body_lines);
    let kept: Vec<&str> = body_lines
        .iter()
        .zip(&in_post)
        .filter(|(_, &used)| !used)
        .map(|(l, _)| *l)
        .collect();
    let end = promo::trailing_promo_cut(&kept, doc.site.as_deref());
    doc.body = paragraphs(&kept[..end]);
    if let Some(site) = doc.site.clone() {
        doc.cited = cited::find_cited(&doc.body, &site);
    }
    if doc.published.is_none() {
        if let Some(date) = posts::newest_date(&found_posts) {
            doc.published_inferred = Some(date);
            doc.set_provenance("published_inferred", Source::Inferred);
        }
    }
    doc.posts = found_posts;
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
