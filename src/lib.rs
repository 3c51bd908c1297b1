//! # Pundit
//!
//! Full-text search for archives of political commentary: columns, news pages, newsletters,
//! JSON exports and mail/newsgroup folders become a [tantivy] index with trustworthy metadata
//! and named entities, searched with BM25, filters, facets, histograms and snippets.
//!
//! This crate is the small typed API for applications: [`Index`] to create or open an index,
//! [`Ingester`] to add files or in-memory [`Document`]s, and [`SearchRequest`] →
//! [`SearchResults`] to query it. The `pundit` command-line tool is built on the same API.
//!
//! ```
//! use pundit::{Document, Index, IngestOptions, Interval, PartialDate, SearchRequest};
//!
//! let dir = tempfile::tempdir()?;
//! let index = Index::create(dir.path())?;
//!
//! let mut doc = Document::new("notes/envoy.txt");
//! doc.title = Some("The envoy goes to Moscow".into());
//! doc.authors = vec!["Margaret Ellison".into()];
//! doc.site = Some("The Capitol Ledger".into());
//! doc.published = Some("2025-03-14".parse::<PartialDate>()?);
//! doc.body = "Steve Witkoff flew to Moscow to meet Vladimir Putin.".into();
//! index.ingester(IngestOptions { entities: false, ..Default::default() })?.add_documents(vec![doc])?;
//!
//! let results = index.search(&SearchRequest::new("moscow").author("margaret ellison").histogram(Interval::Month))?;
//! assert_eq!(results.total, 1);
//! assert_eq!(results.facets.sites[0].value, "The Capitol Ledger");
//! assert_eq!(results.histogram.unwrap().buckets[0].key, "2025-03");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::path::Path;

pub use pundit_entities::{EntityType, Mention, NullRecognizer, Recognizer, StandardRecognizer};
pub use pundit_ingest::{
    FieldMap, IngestError, IngestOptions, IngestReport, Ingester, KeyKind, MapField, Problem,
    Severity, SidecarSpec,
};
pub use pundit_model::{
    Cited, DatePrecision, Document, Entities, FacetCount, Facets, Highlight, Histogram,
    HistogramBucket, Hit, Interval, PartialDate, Post, SearchResults, Snippet, SortOrder, Source,
};
pub use pundit_query::{IndexStats, QueryError, SearchRequest};
pub use pundit_schema::{SchemaError, SchemaSpec, BUILTIN_SCHEMA};
/// The tantivy version Pundit is built on, for applications that need lower-level access.
pub use tantivy;

/// Any error of the Pundit library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Opening or creating an index.
    #[error(transparent)]
    Index(#[from] SchemaError),
    /// Indexing.
    #[error(transparent)]
    Ingest(#[from] IngestError),
    /// Searching.
    #[error(transparent)]
    Query(#[from] QueryError),
}

/// A Pundit index on disk.
pub struct Index {
    inner: pundit_schema::PunditIndex,
    /// Opened by the first read, which then sees the latest commit without a reload (a
    /// one-search process, as `pundit search` is, opens the index's segments once).
    searcher: std::sync::OnceLock<pundit_query::Searcher>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("dir", &self.inner.dir())
            .finish()
    }
}

impl Index {
    /// Creates an empty index in `dir` (created if missing; an existing folder must be empty).
    pub fn create(dir: impl AsRef<Path>) -> Result<Index, Error> {
        Self::wrap(pundit_schema::PunditIndex::create(dir)?)
    }

    /// Opens the index in `dir`. Fails with a clear message when there is none, or when it was
    /// built with another schema version.
    pub fn open(dir: impl AsRef<Path>) -> Result<Index, Error> {
        Self::wrap(pundit_schema::PunditIndex::open(dir)?)
    }

    /// Opens the index in `dir`, creating it if there is none.
    pub fn open_or_create(dir: impl AsRef<Path>) -> Result<Index, Error> {
        Self::wrap(pundit_schema::PunditIndex::open_or_create(dir)?)
    }

    fn wrap(inner: pundit_schema::PunditIndex) -> Result<Index, Error> {
        Ok(Index {
            inner,
            searcher: std::sync::OnceLock::new(),
        })
    }

    /// The index folder.
    pub fn dir(&self) -> &Path {
        self.inner.dir()
    }

    /// An [`Ingester`] writing to this index. Only one can write at a time (across processes
    /// too); a second gets [`SchemaError::Locked`].
    pub fn ingester(&self, options: IngestOptions) -> Result<Ingester, Error> {
        // Re-open so the ingester sees the metadata of the latest commit.
        let index = pundit_schema::PunditIndex::open(self.inner.dir())?;
        Ok(Ingester::new(index, options)?)
    }

    /// Runs a search on the latest commit.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults, Error> {
        Ok(self.latest()?.search(request)?)
    }

    /// The stored document with this id.
    pub fn document(&self, id: &str) -> Result<Option<Document>, Error> {
        Ok(self.latest()?.document(id)?)
    }

    /// Statistics of the index, with the top `facet_size` values of each facet.
    pub fn stats(&self, facet_size: usize) -> Result<IndexStats, Error> {
        Ok(self.latest()?.stats(facet_size)?)
    }

    /// The searcher, seeing the latest commit.
    fn latest(&self) -> Result<&pundit_query::Searcher, Error> {
        if let Some(searcher) = self.searcher.get() {
            searcher.reload()?;
            return Ok(searcher);
        }
        let searcher = pundit_query::Searcher::new(self.inner.clone())?;
        // Another thread may have opened one meanwhile: as new as this one, and kept.
        Ok(self.searcher.get_or_init(|| searcher))
    }
}
