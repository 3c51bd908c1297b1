//! Pundit's query side: parse → filter → collect → facets and histogram → snippets → results.
//!
//! ```no_run
//! use pundit_query::{SearchRequest, Searcher};
//! use pundit_model::Interval;
//! use pundit_schema::PunditIndex;
//!
//! let searcher = Searcher::new(PunditIndex::open("pundit-index")?)?;
//! let results = searcher.search(
//!     &SearchRequest::new("Witkoff Zelensky").since("2025")?.histogram(Interval::Month).limit(5),
//! )?;
//! for hit in &results.hits {
//!     println!("{:.2} {}", hit.score, hit.title.as_deref().unwrap_or("(untitled)"));
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod error;
mod facets;
mod histogram;
mod request;
mod searcher;
mod snippets;

pub use error::QueryError;
pub use request::SearchRequest;
pub use searcher::{IndexStats, Searcher};
