//! Search results.

use serde::{Deserialize, Serialize};

use crate::PartialDate;

/// Order of hits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SortOrder {
    /// BM25 score, best first.
    #[default]
    Relevance,
    /// Effective date, newest first; undated documents last.
    Newest,
    /// Effective date, oldest first; undated documents last.
    Oldest,
}

/// Calendar bucket size of a date histogram (UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    /// Calendar days.
    Day,
    /// ISO weeks, starting on Monday.
    Week,
    /// Calendar months.
    Month,
    /// Calendar years.
    Year,
}

/// What a search returns.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// The query as given.
    pub query: String,
    /// Number of matching documents (after filters).
    pub total: u64,
    /// The requested page of hits.
    pub hits: Vec<Hit>,
    /// Facet counts over the whole matching set.
    pub facets: Facets,
    /// Date histogram over the whole matching set, when requested.
    pub histogram: Option<Histogram>,
}

/// One matching document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// BM25 score (0 when sorted by date without a query).
    pub score: f32,
    /// Document id (see `pundit show`).
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// Authors.
    pub authors: Vec<String>,
    /// The effective date (`published`, else `published_inferred`).
    pub published: Option<PartialDate>,
    /// Site name.
    pub site: Option<String>,
    /// Canonical URL, when known.
    pub url: Option<String>,
    /// Path of the source file.
    pub source_path: String,
    /// Record number within a JSON/JSONL file.
    pub record: Option<u64>,
    /// A passage of the body with the matched terms marked.
    pub snippet: Snippet,
}

/// A passage with highlighted ranges.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snippet {
    /// The passage.
    pub text: String,
    /// Matched ranges as `[start, end)` byte offsets into `text` (UTF-8).
    pub highlights: Vec<Highlight>,
}

/// A highlighted range: byte offsets `[start, end)` into the snippet text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Highlight {
    /// Start byte offset.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
}

/// Document counts for one facet value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCount {
    /// The value, in its most common spelling among the matching documents.
    pub value: String,
    /// Number of matching documents carrying it.
    pub count: u64,
}

/// Top values of each facet over the matching documents, most common first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Facets {
    /// Authors.
    pub authors: Vec<FacetCount>,
    /// Sites.
    pub sites: Vec<FacetCount>,
    /// People mentioned.
    pub persons: Vec<FacetCount>,
    /// Organizations mentioned.
    pub orgs: Vec<FacetCount>,
    /// Places mentioned.
    pub places: Vec<FacetCount>,
    /// Languages.
    pub languages: Vec<FacetCount>,
}

/// A date histogram in calendar buckets (UTC).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Histogram {
    /// Bucket size.
    pub interval: Interval,
    /// Non-empty buckets in date order.
    pub buckets: Vec<HistogramBucket>,
    /// Documents whose date is known only to the year, when the interval is finer than a year.
    pub year_only: u64,
    /// Documents whose date is known only to the month, when the interval is finer than a month.
    pub month_only: u64,
    /// Matching documents with no date at all.
    pub undated: u64,
}

/// One histogram bucket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistogramBucket {
    /// Label: `2025`, `2025-11`, `2025-W48` or `2025-11-27`.
    pub key: String,
    /// First day of the bucket.
    pub start: PartialDate,
    /// Matching documents in the bucket.
    pub count: u64,
}
