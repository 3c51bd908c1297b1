//! The normalized document.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::PartialDate;

/// One normalized document: what every input format is turned into, what the index stores and
/// what `pundit show` and `pundit extract` print.
///
/// Unknown values are `null` (or empty lists); they are never guessed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Document {
    /// Stable identifier: a hash of the source file's absolute path and the record number.
    pub id: String,
    /// Canonical URL of the page, when known.
    pub url: Option<String>,
    /// For a folder given to `index`/`extract`, the file's path below that folder with `/`
    /// separators; for a file given directly, the argument as given.
    pub source_path: String,
    /// For JSON arrays and JSON Lines: the 1-based record number within the file.
    pub record: Option<u64>,
    /// Publication or site name ("RedState"), or a newsgroup.
    pub site: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// Author names as the byline gives them, cleaned.
    pub authors: Vec<String>,
    /// A date the document or its metadata states.
    pub published: Option<PartialDate>,
    /// A date inferred from the content, filled only when nothing states one.
    pub published_inferred: Option<PartialDate>,
    /// Last modification date, when stated.
    pub modified: Option<PartialDate>,
    /// Summary or standfirst.
    pub description: Option<String>,
    /// ISO 639-1 code of the body's language, from a detector.
    pub language: Option<String>,
    /// The main text, paragraphs separated by blank lines, without boilerplate.
    pub body: String,
    /// Whitespace-separated words in `body`.
    pub word_count: u64,
    /// Named entities under their canonical names.
    pub entities: Entities,
    /// Social-media posts embedded in the document.
    pub posts: Vec<Post>,
    /// Outgoing links of the main content.
    pub links: Vec<String>,
    /// Articles the document cites by title.
    pub cited: Vec<Cited>,
    /// Text quoted from others (mail and newsgroup quotes); searchable, not part of `body`.
    pub quoted: String,
    /// Where each metadata field came from.
    pub provenance: BTreeMap<String, Source>,
    /// Hash of the normalized body text (hex), for duplicate detection.
    pub content_hash: String,
}

impl Document {
    /// An empty document for `source_path`.
    pub fn new(source_path: impl Into<String>) -> Self {
        Document {
            source_path: source_path.into(),
            ..Default::default()
        }
    }

    /// The date used by filters, sorting and histograms: `published`, else `published_inferred`.
    pub fn effective_date(&self) -> Option<PartialDate> {
        self.published.or(self.published_inferred)
    }

    /// Records where `field` came from.
    pub fn set_provenance(&mut self, field: &str, source: Source) {
        self.provenance.insert(field.to_string(), source);
    }
}

/// Named entities of a document, each list holding canonical names without repeats.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Entities {
    /// People.
    pub persons: Vec<String>,
    /// Organizations.
    pub orgs: Vec<String>,
    /// Places.
    pub places: Vec<String>,
}

impl Entities {
    /// True when no entity of any type is known.
    pub fn is_empty(&self) -> bool {
        self.persons.is_empty() && self.orgs.is_empty() && self.places.is_empty()
    }
}

/// A social-media post embedded in a document (a quoted tweet, say).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Post {
    /// Display name of the poster.
    pub name: String,
    /// Handle without the `@`.
    pub handle: String,
    /// Date of the post.
    pub date: Option<PartialDate>,
    /// Text of the post.
    pub text: String,
    /// Link in the post (e.g. `pic.twitter.com/…`), if any.
    pub link: Option<String>,
}

/// An article the document cites by title.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Cited {
    /// The cited headline.
    pub title: String,
    /// The site it appeared on.
    pub site: Option<String>,
}

/// Where a metadata value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// schema.org JSON-LD.
    JsonLd,
    /// OpenGraph and `article:*` properties.
    Opengraph,
    /// `<meta name=…>` tags (author, date, dc.*, parsely-*, sailthru.*).
    Meta,
    /// schema.org microdata (`itemprop`).
    Microdata,
    /// Page markup: `<title>`, `<h1>`, `<time>`, `<html lang>`.
    Html,
    /// A byline or dateline in the text.
    Byline,
    /// The URL path.
    Url,
    /// The file name.
    Filename,
    /// Mail or news headers.
    Headers,
    /// A sidecar metadata table.
    Sidecar,
    /// A field of a JSON record.
    Json,
    /// The first line of a text file.
    FirstLine,
    /// Inferred from the content (e.g. the newest embedded post).
    Inferred,
    /// A statistical detector (language).
    Detector,
}

/// Where a model field came from, as stored in [`Document::provenance`].
pub type Provenance = BTreeMap<String, Source>;
