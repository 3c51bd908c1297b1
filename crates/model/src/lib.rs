//! The Pundit data model: the normalized [`Document`] every ingest path produces, and the
//! [`SearchResults`] every query returns.
//!
//! These are plain serde structs with no tantivy types, so that other tools can read and write
//! them as JSON. The JSON field names are part of Pundit's interface: later versions may fill more
//! fields, but never rename them.
//!
//! ```
//! use pundit_model::{Document, PartialDate};
//!
//! let mut doc = Document::new("columns/peace.txt");
//! doc.title = Some("The long road to a ceasefire".into());
//! doc.published = Some("2025-03".parse::<PartialDate>().unwrap());
//! let json = serde_json::to_string(&doc).unwrap();
//! let back: Document = serde_json::from_str(&json).unwrap();
//! assert_eq!(back.published.unwrap().to_string(), "2025-03");
//! ```

mod date;
mod document;
mod results;

pub use date::{DateError, DatePrecision, PartialDate};
pub use document::{Cited, Document, Entities, Post, Provenance, Source};
pub use results::{
    FacetCount, Facets, Highlight, Histogram, HistogramBucket, Hit, Interval, SearchResults,
    Snippet, SortOrder,
};
