use std::fmt;
use std::path::PathBuf;

use pundit_schema::SchemaError;

/// Errors that stop a whole ingest run. Problems with single inputs are [`Problem`]s instead:
/// they are reported and the run goes on.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The index could not be opened, locked or committed.
    #[error(transparent)]
    Index(#[from] SchemaError),
    /// A tantivy operation failed.
    #[error("index {}: {source}", dir.display())]
    Tantivy {
        /// The index folder.
        dir: PathBuf,
        /// The cause.
        source: tantivy::TantivyError,
    },
    /// A sidecar metadata table could not be used.
    #[error("metadata table {}: {cause}", path.display())]
    Sidecar {
        /// The table.
        path: PathBuf,
        /// What is wrong.
        cause: String,
    },
    /// A `--map FIELD=SOURCE` option is malformed.
    #[error("--map {spec:?}: {cause}")]
    BadMap {
        /// The option as given.
        spec: String,
        /// What is wrong.
        cause: String,
    },
    /// An `--exclude` pattern is not a valid glob.
    #[error("--exclude {pattern:?}: {cause}")]
    BadExclude {
        /// The pattern.
        pattern: String,
        /// What is wrong.
        cause: String,
    },
    /// The entity recognizer's compiled tables or model could not be loaded.
    #[error("entity recognizer: {0}")]
    Entities(#[from] pundit_entities::EntitiesError),
    /// Writing an extracted document failed (`pundit extract`'s output was closed).
    #[error("cannot write the extracted documents")]
    Output(#[source] std::io::Error),
    /// The worker thread pool could not start.
    #[error("cannot start {threads} worker threads: {cause}")]
    Threads {
        /// Threads requested.
        threads: usize,
        /// The cause.
        cause: String,
    },
}

/// Whether a problem cost the input or only a warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The input (file or record) was skipped.
    Skipped,
    /// The input was indexed, but something about it deserves attention.
    Warning,
}

/// A problem with one input: a file, a JSON record or a sidecar row. Always names the input and
/// the cause.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// The file (as given or below the folder given), with `:LINE` for a record.
    pub path: String,
    /// Skipped or warning.
    pub severity: Severity,
    /// What is wrong, in a few words.
    pub cause: String,
}

impl Problem {
    /// An input that was skipped.
    pub fn skipped(path: impl Into<String>, cause: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            severity: Severity::Skipped,
            cause: cause.into(),
        }
    }

    /// An input that was indexed with a warning.
    pub fn warning(path: impl Into<String>, cause: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            severity: Severity::Warning,
            cause: cause.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.severity {
            Severity::Skipped => "skipped",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {what}: {}", self.path, self.cause)
    }
}
