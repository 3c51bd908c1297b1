//! Sidecar metadata tables (`--metadata FILE --key COLUMN`).

use std::path::PathBuf;

use pundit_model::Document;
use serde::Serialize;

use crate::extract::SourceFile;
use crate::{FieldMap, IngestError};

/// How a table's key column names files.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum KeyKind {
    /// The file name with its extension (`article-17.txt`).
    #[default]
    Name,
    /// The file name without extensions (`article-17`).
    Stem,
    /// The path below the folder given (`2016/article-17.txt`).
    Path,
}

/// Where a sidecar table is and how to join it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SidecarSpec {
    /// The TSV or CSV file.
    pub path: PathBuf,
    /// The column naming files.
    pub key_column: String,
    /// How it names them.
    pub key_kind: KeyKind,
    /// `--map FIELD=COLUMN`.
    pub maps: Vec<FieldMap>,
}

impl SidecarSpec {
    /// What the index records about this table.
    pub fn fingerprint(&self) -> serde_json::Value {
        serde_json::json!({
            "path": self.path,
            "key": self.key_column,
            "key_kind": self.key_kind,
        })
    }
}

/// A loaded sidecar table.
#[derive(Debug)]
pub struct Sidecar {
    spec: SidecarSpec,
}

impl Sidecar {
    /// Loads the table.
    pub fn load(spec: SidecarSpec) -> Result<Self, IngestError> {
        Err(IngestError::Sidecar {
            path: spec.path.clone(),
            cause: "sidecar tables are not supported yet".into(),
        })
    }

    /// Applies the row describing `file`, if any, to `doc`.
    pub fn apply(&self, _file: &SourceFile, _doc: &mut Document) {
        let _ = &self.spec;
    }

    /// Keys of rows that matched no file (reported after a run).
    pub fn unmatched(&self) -> Vec<String> {
        Vec::new()
    }
}
