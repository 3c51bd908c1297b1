//! Pundit's ingest pipeline: walk → read and decode → extract → entities → write.
//!
//! [`Ingester`] turns files and folders (or in-memory [`Document`]s) into documents of a
//! [`PunditIndex`], incrementally: a file whose size and content hash match what the index
//! recorded is not extracted again. Problems with single inputs are reported as [`Problem`]s and
//! never stop the run; documents already in the index are never lost.
//!
//! ```no_run
//! use pundit_ingest::{IngestOptions, Ingester};
//! use pundit_schema::PunditIndex;
//!
//! let index = PunditIndex::open_or_create("pundit-index")?;
//! let mut ingester = Ingester::new(index, IngestOptions::default())?;
//! let report = ingester.index_paths(&["archive".into()], None)?;
//! println!("{} documents added", report.docs_added);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod decode;
mod error;
pub mod extract;
pub mod format;
mod options;
mod pipeline;
pub mod read;
pub mod sidecar;
mod state;
mod to_index;
mod walk;

pub use error::{IngestError, Problem, Severity};
pub use extract::{ExtractOptions, Extracted, SourceFile};
pub use options::{FieldMap, IngestOptions, MapField};
pub use pipeline::{
    extract_paths, extract_paths_each, fill_entities, IngestReport, Ingester, Progress,
};
pub use pundit_model::Document;
pub use pundit_schema::PunditIndex;
pub use sidecar::{KeyKind, Sidecar, SidecarSpec};
pub use to_index::tantivy_document;
pub use walk::{discover, Discovered};
