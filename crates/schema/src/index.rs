use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::directory::error::LockError;
use tantivy::{Index, IndexWriter, TantivyError};

use crate::{PunditSchema, SchemaError};

/// Version of the extraction pipeline. Bumping it makes the next `pundit index` re-extract files
/// that have not changed, because their documents would now come out differently.
pub const PIPELINE_VERSION: u32 = 1;

/// How often, and how long apart, a busy writer lock is tried again before giving up.
const LOCK_RETRIES: u32 = 20;
const LOCK_RETRY_PAUSE: std::time::Duration = std::time::Duration::from_millis(50);

/// What Pundit records in every commit of an index (tantivy's commit payload), so that it is
/// atomic with the documents it describes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexMeta {
    /// Schema name.
    pub schema_name: String,
    /// Schema version.
    pub schema_version: u32,
    /// Extraction pipeline version.
    pub pipeline_version: u32,
    /// The ingest options that shape documents (`--map`, `--metadata`, entity switch …).
    #[serde(default)]
    pub ingest_options: serde_json::Value,
    /// The default search fields (`[search] default_fields`) some indexed document has filled,
    /// kept once filled. A query leaves the others out: tantivy builds an empty term
    /// dictionary whenever a query opens a field a segment has no terms for, which costs a
    /// one-word search about a third of a millisecond more. `None`, an index from before this
    /// was recorded: every default field is searched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filled_fields: Option<Vec<String>>,
}

/// Pundit's metadata in the commit payload of the `meta.json` in `dir`, if it has any.
fn read_commit_meta(dir: &Path) -> Option<IndexMeta> {
    let bytes = std::fs::read(dir.join("meta.json")).ok()?;
    let payload = serde_json::from_slice::<CommitPayload>(&bytes)
        .ok()?
        .payload?;
    serde_json::from_str(&payload).ok()
}

/// The part of tantivy's `meta.json` Pundit reads itself.
#[derive(Deserialize)]
struct CommitPayload {
    #[serde(default)]
    payload: Option<String>,
}

/// An open Pundit index: the tantivy index, its schema and the metadata of its last commit.
#[derive(Clone)]
pub struct PunditIndex {
    dir: PathBuf,
    index: Index,
    schema: PunditSchema,
    meta: IndexMeta,
}

impl std::fmt::Debug for PunditIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PunditIndex")
            .field("dir", &self.dir)
            .field("meta", &self.meta)
            .finish()
    }
}

impl PunditIndex {
    /// Opens the index in `dir`, checking that it was built with this schema version.
    pub fn open(dir: impl AsRef<Path>) -> Result<Self, SchemaError> {
        let dir = dir.as_ref().to_path_buf();
        if !dir.join("meta.json").is_file() {
            return Err(if is_non_empty_dir(&dir) {
                SchemaError::NotAnIndex { dir }
            } else {
                SchemaError::NoIndex { dir }
            });
        }
        let schema = PunditSchema::builtin()?;
        // The commit payload is read before tantivy opens the index (which parses the whole of
        // `meta.json`, schema included, again): an index of another version fails early, and a
        // search process parses that file one time less.
        let open =
            |dir: &Path| Index::open_in_dir(dir).map_err(|source| tantivy_error(dir, source));
        let Some(meta) = read_commit_meta(&dir) else {
            // tantivy's error, if it has one, says more about a damaged `meta.json`.
            open(&dir)?;
            return Err(SchemaError::NotAnIndex { dir });
        };
        let spec = schema.spec();
        if meta.schema_name != spec.name || meta.schema_version != spec.version {
            return Err(SchemaError::VersionMismatch {
                dir,
                found_name: meta.schema_name,
                found: meta.schema_version,
                expected_name: spec.name.clone(),
                expected: spec.version,
            });
        }
        let index = open(&dir)?;
        schema.register_tokenizers(index.tokenizers())?;
        Ok(PunditIndex {
            dir,
            index,
            schema,
            meta,
        })
    }

    /// Creates a new, empty index in `dir` (created if missing; an existing folder must be
    /// empty) and records the schema version in a first commit.
    pub fn create(dir: impl AsRef<Path>) -> Result<Self, SchemaError> {
        let dir = dir.as_ref().to_path_buf();
        if is_non_empty_dir(&dir) {
            return Err(SchemaError::NotAnIndex { dir });
        }
        std::fs::create_dir_all(&dir).map_err(|source| SchemaError::Io {
            dir: dir.clone(),
            source,
        })?;
        let schema = PunditSchema::builtin()?;
        let index = Index::create_in_dir(&dir, schema.schema().clone())
            .map_err(|source| tantivy_error(&dir, source))?;
        schema.register_tokenizers(index.tokenizers())?;
        let meta = IndexMeta {
            schema_name: schema.spec().name.clone(),
            schema_version: schema.spec().version,
            pipeline_version: PIPELINE_VERSION,
            ingest_options: serde_json::Value::Null,
            filled_fields: Some(Vec::new()),
        };
        let mut this = PunditIndex {
            dir,
            index,
            schema,
            meta,
        };
        let mut writer = this.writer(1, 15_000_000)?;
        let meta = this.meta.clone();
        this.commit(&mut writer, &meta)?;
        // Join the writer's threads now, so that its lock is surely released when this returns.
        writer
            .wait_merging_threads()
            .map_err(|source| tantivy_error(&this.dir, source))?;
        Ok(this)
    }

    /// Opens the index in `dir`, creating it when there is none.
    pub fn open_or_create(dir: impl AsRef<Path>) -> Result<Self, SchemaError> {
        match Self::open(dir.as_ref()) {
            Err(SchemaError::NoIndex { .. }) => Self::create(dir),
            other => other,
        }
    }

    /// The index folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The tantivy index.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// The schema.
    pub fn schema(&self) -> &PunditSchema {
        &self.schema
    }

    /// Metadata of the index's last commit, read now: a writer may have committed since this
    /// handle was opened ([`PunditIndex::meta`] is the commit it opened). The handle's own if
    /// the file cannot be read.
    pub fn read_meta(&self) -> IndexMeta {
        read_commit_meta(&self.dir).unwrap_or_else(|| self.meta.clone())
    }

    /// Metadata of the last commit seen by this handle.
    pub fn meta(&self) -> &IndexMeta {
        &self.meta
    }

    /// A writer with `threads` indexing threads and `heap_bytes` of memory in total. Fails with
    /// [`SchemaError::Locked`] when another writer holds the index.
    pub fn writer(&self, threads: usize, heap_bytes: usize) -> Result<IndexWriter, SchemaError> {
        let threads = threads.max(1);
        // tantivy needs at least 15 MB per thread.
        let heap = heap_bytes.max(threads * 15_000_000);
        // The lock is an flock on a file: a writer that just closed can hold it a moment longer
        // (a child process forked at that instant shares the descriptor until it execs). Retry
        // briefly before telling the user another writer is at work.
        let mut attempts = 0;
        loop {
            match self.index.writer_with_num_threads(threads, heap) {
                Ok(writer) => return Ok(writer),
                Err(TantivyError::LockFailure(LockError::LockBusy, _))
                    if attempts < LOCK_RETRIES =>
                {
                    attempts += 1;
                    std::thread::sleep(LOCK_RETRY_PAUSE);
                }
                Err(TantivyError::LockFailure(LockError::LockBusy, _)) => {
                    return Err(SchemaError::Locked {
                        dir: self.dir.clone(),
                    })
                }
                Err(source) => return Err(tantivy_error(&self.dir, source)),
            }
        }
    }

    /// Commits `writer`, recording `meta` atomically with the documents.
    pub fn commit(
        &mut self,
        writer: &mut IndexWriter,
        meta: &IndexMeta,
    ) -> Result<(), SchemaError> {
        let payload = serde_json::to_string(meta).expect("index metadata serializes");
        let mut prepared = writer
            .prepare_commit()
            .map_err(|source| tantivy_error(&self.dir, source))?;
        prepared.set_payload(&payload);
        prepared
            .commit()
            .map_err(|source| tantivy_error(&self.dir, source))?;
        self.meta = meta.clone();
        Ok(())
    }
}

fn is_non_empty_dir(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .map(|mut entries| entries.next().is_some())
        .unwrap_or(false)
}

fn tantivy_error(dir: &Path, source: TantivyError) -> SchemaError {
    SchemaError::Tantivy {
        dir: dir.to_path_buf(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_then_open_and_reject_other_versions() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("idx");
        assert!(matches!(
            PunditIndex::open(&dir),
            Err(SchemaError::NoIndex { .. })
        ));
        let mut index = PunditIndex::create(&dir).unwrap();
        assert!(PunditIndex::open(&dir).is_ok());

        let mut writer = index.writer(1, 20_000_000).unwrap();
        // A second writer is refused with a clear error.
        let err = index
            .writer(1, 20_000_000)
            .err()
            .expect("second writer must fail");
        assert!(matches!(err, SchemaError::Locked { .. }), "{err}");
        let mut meta = index.meta().clone();
        meta.schema_version = 999;
        index.commit(&mut writer, &meta).unwrap();
        drop(writer);
        let err = PunditIndex::open(&dir).unwrap_err().to_string();
        assert!(
            err.contains("version 999") && err.contains("version 1") && err.contains("re-index"),
            "{err}"
        );
    }
}
