//! The ingest run: discover, read, compare with the index, extract, recognize, write, commit.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use pundit_entities::{EntitySets, NullRecognizer, Recognizer, StandardRecognizer};
use pundit_model::{Document, Entities};
use pundit_schema::{IndexMeta, PunditIndex, PunditSchema, PIPELINE_VERSION};
use rayon::prelude::*;
use serde::Serialize;
use tantivy::schema::Field;
use tantivy::{IndexWriter, TantivyDocument, Term};
use xxhash_rust::xxh3::xxh3_128;

use crate::extract::{self, ExtractOptions, SourceFile};
use crate::format::{format_from_name, Format};
use crate::sidecar::Sidecar;
use crate::state::{indexed_files, FileState};
use crate::{discover, read, tantivy_document, IngestError, IngestOptions, Problem, Severity};

/// What an ingest run did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct IngestReport {
    /// Input files found.
    pub files_seen: u64,
    /// Documents from files not in the index before.
    pub docs_added: u64,
    /// Documents from files that changed (their old documents were replaced).
    pub docs_updated: u64,
    /// Documents of files that had not changed (not extracted again).
    pub docs_unchanged: u64,
    /// Documents removed (`--prune`, or fewer records in a changed file).
    pub docs_removed: u64,
    /// Input files and records skipped, and warnings, each with its path and cause.
    pub problems: Vec<Problem>,
    /// Bytes read (after decompression).
    pub bytes: u64,
    /// Wall-clock seconds.
    pub seconds: f64,
}

impl IngestReport {
    /// Inputs (files or records) skipped.
    pub fn skipped(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Skipped)
            .count()
    }

    /// Warnings.
    pub fn warnings(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Warning)
            .count()
    }

    /// Megabytes (10^6 bytes) read per second.
    pub fn mb_per_second(&self) -> f64 {
        if self.seconds > 0.0 {
            self.bytes as f64 / 1e6 / self.seconds
        } else {
            0.0
        }
    }

    /// True when nothing changed in the index.
    pub fn is_noop(&self) -> bool {
        self.docs_added == 0 && self.docs_updated == 0 && self.docs_removed == 0
    }
}

/// Progress of a run, for progress bars.
#[derive(Debug, Clone, Copy)]
pub enum Progress {
    /// Discovery finished: this many files, this many bytes on disk.
    Found {
        /// Files to process.
        files: u64,
        /// Their size on disk.
        bytes: u64,
    },
    /// One more file processed; `bytes` is its size on disk.
    FileDone {
        /// Size on disk.
        bytes: u64,
    },
    /// A commit is being written.
    Committing,
}

/// Callback receiving [`Progress`] events, from any worker thread.
pub type ProgressFn<'a> = &'a (dyn Fn(Progress) + Sync);

/// An input file as read before extraction.
enum Input {
    /// Read whole.
    Whole(Vec<u8>),
    /// Scanned as a stream, to be read again the same way.
    Stream(read::Scan),
}

enum Outcome {
    Unchanged { docs: u64 },
    Indexed { docs: u64, replaced: Option<u64> },
    Skipped,
}

/// Indexes files and documents into a [`PunditIndex`].
pub struct Ingester {
    index: PunditIndex,
    options: IngestOptions,
    recognizer: Arc<dyn Recognizer>,
}

impl std::fmt::Debug for Ingester {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ingester")
            .field("index", &self.index)
            .field("options", &self.options)
            .finish()
    }
}

impl Ingester {
    /// An ingester with the standard entity recognizer (or none when `options.entities` is
    /// false).
    pub fn new(index: PunditIndex, options: IngestOptions) -> Result<Self, IngestError> {
        let recognizer: Arc<dyn Recognizer> = if options.entities {
            Arc::new(StandardRecognizer::load().map_err(IngestError::Entities)?)
        } else {
            Arc::new(NullRecognizer)
        };
        Ok(Ingester {
            index,
            options,
            recognizer,
        })
    }

    /// Replaces the entity recognizer.
    pub fn with_recognizer(mut self, recognizer: Arc<dyn Recognizer>) -> Self {
        self.recognizer = recognizer;
        self
    }

    /// The index written to.
    pub fn index(&self) -> &PunditIndex {
        &self.index
    }

    fn meta(&self) -> IndexMeta {
        let mut meta = self.index.meta().clone();
        meta.pipeline_version = PIPELINE_VERSION;
        meta.ingest_options = self.options.fingerprint();
        meta
    }

    fn writer(&self) -> Result<IndexWriter, IngestError> {
        let threads = self.options.writer_threads();
        Ok(self.index.writer(threads, self.options.heap_bytes)?)
    }

    /// Indexes the files and folders in `paths`, incrementally.
    pub fn index_paths(
        &mut self,
        paths: &[PathBuf],
        progress: Option<ProgressFn<'_>>,
    ) -> Result<IngestReport, IngestError> {
        let started = Instant::now();
        let progress = |event| {
            if let Some(f) = progress {
                f(event)
            }
        };
        let mut report = IngestReport::default();
        let found = discover_inputs(paths, &self.options)?;
        report.problems.extend(found.problems);
        report.files_seen = found.files.len() as u64;
        let sizes = file_sizes(&found.files);
        progress(Progress::Found {
            files: found.files.len() as u64,
            bytes: sizes.iter().sum(),
        });

        let sidecar = load_sidecar(&self.options)?;
        let extract_options = ExtractOptions {
            maps: self.options.maps.clone(),
            max_file_bytes: self.options.max_file_bytes,
            sidecar: sidecar.clone(),
        };
        let mut writer = self.writer()?;
        let reader = self
            .index
            .index()
            .reader()
            .map_err(|source| self.tantivy(source))?;
        let searcher = reader.searcher();
        let fields = *self.index.schema().fields();
        let existing = indexed_files(&searcher, &fields, self.index.schema().schema())
            .map_err(|source| self.tantivy(source))?;
        // A live searcher pins the files of its segments: let go so merges can clean up.
        drop(searcher);
        drop(reader);
        let mut current = self.meta();
        let previous = self.index.meta().clone();
        // What the index's documents fill is known only if it was recorded from the start.
        let filled_before = if existing.is_empty() {
            Some(Vec::new())
        } else {
            previous.filled_fields.clone()
        };
        // Other options or another pipeline make every file's documents come out differently.
        let reextract = previous.pipeline_version != current.pipeline_version
            || previous.ingest_options != current.ingest_options;

        let pool = thread_pool(&self.options)?;
        let counters = Counters::new(self.index.schema());
        let problems = Mutex::new(Vec::new());
        // Each batch is committed on its own.
        for range in batches(&sizes, self.options.batch_bytes) {
            let (start, end) = (range.start, range.end);
            let batch = &found.files[range];
            pool.install(|| {
                batch
                    .par_iter()
                    .zip(&sizes[start..end])
                    .for_each(|(file, &size)| {
                        let outcome = self.process_file(
                            file,
                            &existing,
                            reextract,
                            &extract_options,
                            &writer,
                            &fields,
                            &counters,
                            &problems,
                        );
                        match outcome {
                            Outcome::Unchanged { docs } => {
                                counters.unchanged.fetch_add(docs, Ordering::Relaxed);
                            }
                            Outcome::Indexed {
                                docs,
                                replaced: None,
                            } => {
                                counters.added.fetch_add(docs, Ordering::Relaxed);
                            }
                            Outcome::Indexed {
                                docs,
                                replaced: Some(old),
                            } => {
                                counters.updated.fetch_add(docs, Ordering::Relaxed);
                                counters
                                    .removed
                                    .fetch_add(old.saturating_sub(docs), Ordering::Relaxed);
                            }
                            Outcome::Skipped => {}
                        }
                        progress(Progress::FileDone { bytes: size });
                    });
            });
            if counters.changed() {
                progress(Progress::Committing);
                current.filled_fields = counters.filled.merged(filled_before.as_deref());
                self.index.commit(&mut writer, &current)?;
            }
        }

        if self.options.prune {
            let seen: HashSet<String> = found
                .files
                .iter()
                .map(|f| f.abs_path.to_string_lossy().into_owned())
                .collect();
            for (key, state) in &existing {
                if !seen.contains(key) && !std::path::Path::new(key).exists() {
                    writer.delete_term(Term::from_field_text(fields.source_key, key));
                    counters.removed.fetch_add(state.docs, Ordering::Relaxed);
                }
            }
        }
        current.filled_fields = counters.filled.merged(filled_before.as_deref());
        if counters.changed() || previous != current {
            progress(Progress::Committing);
            self.index.commit(&mut writer, &current)?;
            if self.merge_small_index(&mut writer)? {
                // A commit after the merge lets tantivy delete the merged segments' files.
                self.index.commit(&mut writer, &current)?;
            }
        }
        writer
            .wait_merging_threads()
            .map_err(|source| self.tantivy(source))?;

        report
            .problems
            .extend(unmatched_rows(sidecar.as_deref(), &self.options));
        report
            .problems
            .extend(problems.into_inner().unwrap_or_default());
        report.docs_added = counters.added.into_inner();
        report.docs_updated = counters.updated.into_inner();
        report.docs_unchanged = counters.unchanged.into_inner();
        report.docs_removed = counters.removed.into_inner();
        report.bytes = counters.bytes.into_inner();
        report.seconds = started.elapsed().as_secs_f64();
        Ok(report)
    }

    #[allow(clippy::too_many_arguments)]
    fn process_file(
        &self,
        file: &SourceFile,
        existing: &HashMap<String, FileState>,
        reextract: bool,
        options: &ExtractOptions,
        writer: &IndexWriter,
        fields: &pundit_schema::Fields,
        counters: &Counters,
        problems: &Mutex<Vec<Problem>>,
    ) -> Outcome {
        let report = |p: Problem| problems.lock().expect("problem list").push(p);
        // A JSON Lines file (a whole corpus, often) is read twice as a stream, never whole:
        // once for its signature, once to extract it, piece by piece, while indexing goes on.
        // Text in another encoding is read whole and decoded once: UTF-16 cannot be cut at
        // line-break bytes, and one charset guess for the whole file beats one per piece.
        let streamed = format_from_name(&file.abs_path) == Some(Format::Jsonl);
        let input = if streamed {
            read::scan_input(&file.abs_path, options.max_file_bytes).and_then(|scan| {
                if !scan.utf8 {
                    read::read_input(&file.abs_path, options.max_file_bytes).map(Input::Whole)
                } else {
                    Ok(Input::Stream(scan))
                }
            })
        } else {
            read::read_input(&file.abs_path, options.max_file_bytes).map(Input::Whole)
        };
        let input = match input {
            Ok(input) => input,
            Err(cause) => {
                report(Problem::skipped(&file.source_path, cause));
                return Outcome::Skipped;
            }
        };
        let (len, digest) = match &input {
            Input::Whole(bytes) => (bytes.len() as u64, xxh3_128(bytes)),
            Input::Stream(scan) => (scan.len, scan.digest),
        };
        counters.bytes.fetch_add(len, Ordering::Relaxed);
        let key = file.abs_path.to_string_lossy().into_owned();
        let sig = format!("{len}:{digest:032x}");
        let before = existing.get(&key);
        if let Some(state) = before {
            if state.sig == sig && !reextract {
                return Outcome::Unchanged { docs: state.docs };
            }
        }
        // The file's old documents are deleted just before its first new one is added: if it
        // turns out unreadable, nothing already indexed is lost.
        let delete_old = std::sync::Once::new();
        let added = AtomicU64::new(0);
        let index_one = |mut doc: Document| {
            if before.is_some() {
                delete_old.call_once(|| {
                    writer.delete_term(Term::from_field_text(fields.source_key, &key));
                });
            }
            self.recognize(&mut doc);
            let indexed = tantivy_document(&mut doc, fields, &key, &sig);
            counters.filled.note(&indexed);
            match writer.add_document(indexed) {
                Ok(_) => {
                    added.fetch_add(1, Ordering::Relaxed);
                }
                Err(e) => report(Problem::skipped(
                    &doc.source_path,
                    format!("cannot be indexed: {e}"),
                )),
            }
        };
        let extracted = match input {
            Input::Whole(bytes) => extract::extract_each(file, &bytes, options, &index_one),
            Input::Stream(scan) => match extract::unreadable(scan.blank, &scan.head) {
                Some(cause) => Err(Problem::skipped(&file.source_path, cause)),
                None => read::open_input(&file.abs_path, options.max_file_bytes)
                    .map_err(|cause| Problem::skipped(&file.source_path, cause))
                    .and_then(|reader| extract::extract_jsonl(file, reader, options, &index_one)),
            },
        };
        match extracted {
            Ok(file_problems) => file_problems.into_iter().for_each(report),
            Err(problem) => {
                report(problem);
                return Outcome::Skipped;
            }
        }
        let docs = added.into_inner();
        Outcome::Indexed {
            docs,
            replaced: before.map(|s| s.docs),
        }
    }

    /// Merges the index into one segment after a run that changed it, when asked
    /// ([`IngestOptions::single_segment_max_docs`], 0 by default). Facet counts over several
    /// segments are exact too, but must name more values of each segment to be sure of the top
    /// ones; within one segment only the top ones are named.
    fn merge_small_index(&self, writer: &mut IndexWriter) -> Result<bool, IngestError> {
        let index = self.index.index();
        let metas = index
            .searchable_segment_metas()
            .map_err(|source| self.tantivy(source))?;
        let docs: u64 = metas.iter().map(|m| u64::from(m.num_docs())).sum();
        if metas.len() > 1 && docs <= self.options.single_segment_max_docs {
            let ids: Vec<_> = metas.iter().map(|m| m.id()).collect();
            writer
                .merge(&ids)
                .wait()
                .map_err(|source| self.tantivy(source))?;
            return Ok(true);
        }
        Ok(false)
    }

    fn recognize(&self, doc: &mut Document) {
        fill_entities(&*self.recognizer, doc);
    }

    /// Indexes documents built in memory. A document without an id gets one from its
    /// `source_path` and `record`; a document whose id is already in the index replaces it.
    pub fn add_documents(&mut self, docs: Vec<Document>) -> Result<IngestReport, IngestError> {
        let started = Instant::now();
        let mut writer = self.writer()?;
        let fields = *self.index.schema().fields();
        let mut report = IngestReport::default();
        let filled = FilledFields::new(self.index.schema());
        for mut doc in docs {
            let key = format!("memory:{}", doc.source_path);
            if doc.id.is_empty() {
                doc.id = extract::document_id(std::path::Path::new(&key), doc.record);
            }
            if doc.word_count == 0 || doc.content_hash.is_empty() {
                extract::finalize_text(&mut doc);
            }
            self.recognize(&mut doc);
            writer.delete_term(Term::from_field_text(fields.id, &doc.id));
            let sig = format!("{}:{}", doc.body.len(), doc.content_hash);
            let indexed = tantivy_document(&mut doc, &fields, &key, &sig);
            filled.note(&indexed);
            writer
                .add_document(indexed)
                .map_err(|source| self.tantivy(source))?;
            report.docs_added += 1;
            report.bytes += doc.body.len() as u64;
        }
        let mut meta = self.index.meta().clone();
        meta.filled_fields = filled.merged(meta.filled_fields.as_deref());
        self.index.commit(&mut writer, &meta)?;
        writer
            .wait_merging_threads()
            .map_err(|source| self.tantivy(source))?;
        report.seconds = started.elapsed().as_secs_f64();
        Ok(report)
    }

    fn tantivy(&self, source: tantivy::TantivyError) -> IngestError {
        IngestError::Tantivy {
            dir: self.index.dir().to_path_buf(),
            source,
        }
    }
}

/// Fills a document's entities from its title, body and embedded posts, recognized together
/// (so a surname in the body resolves to a full name in the title). Entities the input already
/// carries (a JSON export of Pundit documents) are kept.
pub fn fill_entities(recognizer: &dyn Recognizer, doc: &mut Document) {
    if !doc.entities.is_empty() {
        return;
    }
    let mut parts: Vec<&str> = Vec::with_capacity(2 + doc.posts.len());
    parts.push(doc.title.as_deref().unwrap_or(""));
    parts.push(&doc.body);
    parts.extend(doc.posts.iter().map(|p| p.text.as_str()));
    let sets = EntitySets::from_mentions(recognizer.recognize_parts(&parts).iter().flatten());
    doc.entities = Entities {
        persons: sets.persons,
        orgs: sets.orgs,
        places: sets.places,
    };
}

/// The extraction worker pool.
fn thread_pool(options: &IngestOptions) -> Result<rayon::ThreadPool, IngestError> {
    let threads = options.effective_threads();
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("pundit-extract-{i}"))
        .build()
        .map_err(|e| IngestError::Threads {
            threads,
            cause: e.to_string(),
        })
}

/// The sidecar table of `--metadata`, loaded once per run.
fn load_sidecar(options: &IngestOptions) -> Result<Option<Arc<Sidecar>>, IngestError> {
    options
        .metadata
        .as_ref()
        .map(|spec| Sidecar::load(spec.clone()).map(Arc::new))
        .transpose()
}

/// A warning naming the sidecar rows that matched no file, if any.
fn unmatched_rows(sidecar: Option<&Sidecar>, options: &IngestOptions) -> Option<Problem> {
    let unmatched = sidecar?.unmatched();
    if unmatched.is_empty() {
        return None;
    }
    let table = options
        .metadata
        .as_ref()?
        .path
        .to_string_lossy()
        .into_owned();
    let shown: Vec<&str> = unmatched.iter().take(5).map(String::as_str).collect();
    Some(Problem::warning(
        table,
        format!(
            "{} rows match no file (e.g. {})",
            unmatched.len(),
            shown.join(", ")
        ),
    ))
}

#[derive(Default)]
struct Counters {
    added: AtomicU64,
    updated: AtomicU64,
    unchanged: AtomicU64,
    removed: AtomicU64,
    bytes: AtomicU64,
    filled: FilledFields,
}

impl Counters {
    fn new(schema: &PunditSchema) -> Self {
        Counters {
            filled: FilledFields::new(schema),
            ..Counters::default()
        }
    }

    fn changed(&self) -> bool {
        self.added.load(Ordering::Relaxed)
            + self.updated.load(Ordering::Relaxed)
            + self.removed.load(Ordering::Relaxed)
            > 0
    }
}

/// The default search fields the documents of a run fill (see [`IndexMeta::filled_fields`]).
#[derive(Default)]
struct FilledFields {
    fields: Vec<(String, Field)>,
    filled: Vec<AtomicBool>,
}

impl FilledFields {
    fn new(schema: &PunditSchema) -> Self {
        let fields: Vec<(String, Field)> = schema
            .spec()
            .search
            .default_fields
            .iter()
            .filter_map(|name| Some((name.clone(), schema.field(name).ok()?)))
            .collect();
        let filled = fields.iter().map(|_| AtomicBool::new(false)).collect();
        FilledFields { fields, filled }
    }

    /// Notes the default fields `doc` fills.
    fn note(&self, doc: &TantivyDocument) {
        for ((_, field), filled) in self.fields.iter().zip(&self.filled) {
            if !filled.load(Ordering::Relaxed) && doc.get_first(*field).is_some() {
                filled.store(true, Ordering::Relaxed);
            }
        }
    }

    /// The fields of `before` and those filled since, in schema order; unknown (`None`) stays
    /// unknown.
    fn merged(&self, before: Option<&[String]>) -> Option<Vec<String>> {
        let before = before?;
        Some(
            self.fields
                .iter()
                .zip(&self.filled)
                .filter(|((name, _), filled)| {
                    filled.load(Ordering::Relaxed) || before.contains(name)
                })
                .map(|((name, _), _)| name.clone())
                .collect(),
        )
    }
}

/// Runs the pipeline without an index (`pundit extract`): every document of `paths`, with
/// entities when `recognizer` is given, and the problems met. Documents come in input order.
/// Holds every document in memory: [`extract_paths_each`] hands them over batch by batch.
pub fn extract_paths(
    paths: &[PathBuf],
    options: &IngestOptions,
    recognizer: Option<&dyn Recognizer>,
) -> Result<(Vec<Document>, Vec<Problem>), IngestError> {
    let mut docs = Vec::new();
    let problems = extract_paths_each(paths, options, recognizer, |doc| {
        docs.push(doc);
        Ok(())
    })?;
    Ok((docs, problems))
}

/// Like [`extract_paths`], but hands each document to `emit`, in input order, as soon as its
/// batch of files (about 16 MB on disk) is extracted: memory holds one batch, not the
/// archive. Returns the problems met; an error from `emit` (a closed output)
/// stops the run.
pub fn extract_paths_each(
    paths: &[PathBuf],
    options: &IngestOptions,
    recognizer: Option<&dyn Recognizer>,
    emit: impl FnMut(Document) -> std::io::Result<()>,
) -> Result<Vec<Problem>, IngestError> {
    extract_in_batches(paths, options, recognizer, EXTRACT_BATCH_BYTES, emit)
}

/// [`extract_paths_each`] with batches of about `batch_bytes` on disk.
fn extract_in_batches(
    paths: &[PathBuf],
    options: &IngestOptions,
    recognizer: Option<&dyn Recognizer>,
    batch_bytes: u64,
    mut emit: impl FnMut(Document) -> std::io::Result<()>,
) -> Result<Vec<Problem>, IngestError> {
    let found = discover_inputs(paths, options)?;
    let sidecar = load_sidecar(options)?;
    let extract_options = ExtractOptions {
        maps: options.maps.clone(),
        max_file_bytes: options.max_file_bytes,
        sidecar: sidecar.clone(),
    };
    let pool = thread_pool(options)?;
    let sizes = file_sizes(&found.files);
    let mut problems = found.problems;
    for range in batches(&sizes, batch_bytes) {
        let results: Vec<Result<extract::Extracted, Problem>> = pool.install(|| {
            found.files[range]
                .par_iter()
                .map(|file| extract::extract_path(file, &extract_options))
                .collect()
        });
        let mut docs = Vec::new();
        for result in results {
            match result {
                Ok(extracted) => {
                    docs.extend(extracted.docs);
                    problems.extend(extracted.problems);
                }
                Err(problem) => problems.push(problem),
            }
        }
        if let Some(recognizer) = recognizer {
            pool.install(|| {
                docs.par_iter_mut()
                    .for_each(|doc| fill_entities(recognizer, doc))
            });
        }
        for doc in docs {
            emit(doc).map_err(IngestError::Output)?;
        }
    }
    problems.extend(unmatched_rows(sidecar.as_deref(), options));
    Ok(problems)
}

/// Input extracted at a time by [`extract_paths_each`], on disk: compressed files hold several
/// times as much text, and the documents of a batch are all in memory until they are printed.
const EXTRACT_BATCH_BYTES: u64 = 16 << 20;

/// The size on disk of each file (0 when it cannot be read: reading it will say why).
fn file_sizes(files: &[SourceFile]) -> Vec<u64> {
    files
        .iter()
        .map(|f| std::fs::metadata(&f.abs_path).map(|m| m.len()).unwrap_or(0))
        .collect()
}

/// Consecutive runs of files of about `limit` bytes each (at least one file each).
fn batches(sizes: &[u64], limit: u64) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < sizes.len() {
        let mut end = start;
        let mut bytes = 0;
        while end < sizes.len() && (end == start || bytes < limit) {
            bytes += sizes[end];
            end += 1;
        }
        out.push(start..end);
        start = end;
    }
    out
}

/// The input files, without the sidecar table itself when it sits in a folder being indexed.
fn discover_inputs(
    paths: &[PathBuf],
    options: &IngestOptions,
) -> Result<crate::Discovered, IngestError> {
    let mut found = discover(paths, &options.excludes)?;
    if let Some(table) = options
        .metadata
        .as_ref()
        .and_then(|m| std::path::absolute(&m.path).ok())
    {
        found.files.retain(|f| f.abs_path != table);
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_hold_about_the_limit_and_at_least_one_file() {
        assert_eq!(batches(&[5, 5, 20, 1, 1], 10), vec![0..2, 2..3, 3..5]);
        assert_eq!(batches(&[50], 10), vec![0..1]);
        assert!(batches(&[], 10).is_empty());
    }

    /// Documents come out in input order whether a run takes one batch or one per file, and
    /// a failing output stops the run with its error.
    #[test]
    fn extraction_in_batches_keeps_input_order() {
        let dir = tempfile::tempdir().unwrap();
        for k in 0..7 {
            let text = format!("Column {k}\n\nA column about the budget, number {k}.\n");
            std::fs::write(dir.path().join(format!("column-{k}.txt")), text).unwrap();
        }
        let options = IngestOptions {
            entities: false,
            ..IngestOptions::default()
        };
        let paths = [dir.path().to_path_buf()];
        let titles = |batch_bytes| {
            let mut titles = Vec::new();
            extract_in_batches(&paths, &options, None, batch_bytes, |doc| {
                titles.push(doc.title.unwrap_or_default());
                Ok(())
            })
            .unwrap();
            titles
        };
        let expected: Vec<String> = (0..7).map(|k| format!("Column {k}")).collect();
        assert_eq!(titles(u64::MAX), expected);
        assert_eq!(titles(1), expected);

        let mut emitted = 0;
        let stopped = extract_in_batches(&paths, &options, None, 1, |_| {
            emitted += 1;
            Err(std::io::Error::from(std::io::ErrorKind::BrokenPipe))
        });
        assert!(matches!(stopped, Err(IngestError::Output(_))));
        assert_eq!(emitted, 1);
    }
}
