use std::path::PathBuf;

/// Errors about the schema file or an index on disk.
#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    /// The schema file is not valid TOML or does not have the expected shape.
    #[error("schema file {file}: {cause}")]
    Parse {
        /// The schema file.
        file: String,
        /// What is wrong.
        cause: String,
    },
    /// A field Pundit needs is missing from the schema.
    #[error("schema: field {field:?} is missing")]
    MissingField {
        /// The field's name.
        field: String,
    },
    /// A field has the wrong type or options.
    #[error("schema: {field}: {cause}")]
    Invalid {
        /// The field (or tokenizer).
        field: String,
        /// What is wrong.
        cause: String,
    },
    /// No index at that location.
    #[error("no Pundit index at {}: run `pundit index --index {} PATH...` first", dir.display(), dir.display())]
    NoIndex {
        /// The index folder.
        dir: PathBuf,
    },
    /// The folder exists and holds something that is not a Pundit index.
    #[error("{} is not a Pundit index (it is not empty and has no index files)", dir.display())]
    NotAnIndex {
        /// The folder.
        dir: PathBuf,
    },
    /// The index was built with another schema version.
    #[error("index {} was built with schema {found_name} version {found}, but this pundit uses schema {expected_name} version {expected}: re-index (delete the folder and run `pundit index` again)", dir.display())]
    VersionMismatch {
        /// The index folder.
        dir: PathBuf,
        /// Schema name recorded in the index.
        found_name: String,
        /// Version recorded in the index.
        found: u32,
        /// Schema name of this build.
        expected_name: String,
        /// Version of this build.
        expected: u32,
    },
    /// Another process is writing to the index.
    #[error("index {} is locked: another `pundit index` is writing to it; wait for it to finish", dir.display())]
    Locked {
        /// The index folder.
        dir: PathBuf,
    },
    /// An I/O error on the index folder.
    #[error("index {}: {source}", dir.display())]
    Io {
        /// The index folder.
        dir: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// An error from tantivy.
    #[error("index {}: {source}", dir.display())]
    Tantivy {
        /// The index folder.
        dir: PathBuf,
        /// The cause.
        source: tantivy::TantivyError,
    },
}
