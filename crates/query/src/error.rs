use pundit_schema::SchemaError;

/// Errors of a search.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    /// The query text is not valid query syntax.
    #[error("query syntax error at character {position}: {message}\n  {query}\n  {caret:>width$}", caret = "^", width = position + 1)]
    Syntax {
        /// The query.
        query: String,
        /// 0-based character position of the error.
        position: usize,
        /// What is wrong.
        message: String,
    },
    /// The query names a field that cannot be searched.
    #[error("query {query:?}: {message}")]
    Field {
        /// The query.
        query: String,
        /// What is wrong.
        message: String,
    },
    /// A filter value is not valid (e.g. a date).
    #[error("{option} {value:?}: {message}")]
    BadFilter {
        /// The option (`--since`).
        option: &'static str,
        /// The value given.
        value: String,
        /// What is wrong.
        message: String,
    },
    /// The index could not be opened.
    #[error(transparent)]
    Index(#[from] SchemaError),
    /// tantivy failed.
    #[error("search failed: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}
