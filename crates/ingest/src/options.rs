use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::read::DEFAULT_MAX_FILE_BYTES;
use crate::sidecar::SidecarSpec;
use crate::IngestError;

/// A document field that `--map FIELD=SOURCE` can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MapField {
    /// `title`
    Title,
    /// `authors` (also accepted: `author`)
    Authors,
    /// `published` (also accepted: `date`)
    Published,
    /// `modified`
    Modified,
    /// `url`
    Url,
    /// `site`
    Site,
    /// `body` (also accepted: `text`)
    Body,
    /// `description`
    Description,
    /// `language`
    Language,
}

impl MapField {
    /// Every mappable field.
    pub const ALL: [MapField; 9] = [
        MapField::Title,
        MapField::Authors,
        MapField::Published,
        MapField::Modified,
        MapField::Url,
        MapField::Site,
        MapField::Body,
        MapField::Description,
        MapField::Language,
    ];

    /// The model field name.
    pub fn name(self) -> &'static str {
        match self {
            MapField::Title => "title",
            MapField::Authors => "authors",
            MapField::Published => "published",
            MapField::Modified => "modified",
            MapField::Url => "url",
            MapField::Site => "site",
            MapField::Body => "body",
            MapField::Description => "description",
            MapField::Language => "language",
        }
    }

    /// JSON keys read for this field when no `--map` names one, first present wins.
    pub fn default_keys(self) -> &'static [&'static str] {
        match self {
            MapField::Title => &["title", "headline", "subject"],
            MapField::Authors => &["authors", "author", "byline", "creator"],
            MapField::Published => &[
                "published",
                "date",
                "published_at",
                "datePublished",
                "pubdate",
                "year",
            ],
            MapField::Modified => &["modified", "updated", "dateModified"],
            MapField::Url => &["url", "link", "canonical_url"],
            MapField::Site => &["site", "source", "publisher", "site_name"],
            MapField::Body => &["body", "text", "content", "articleBody"],
            MapField::Description => &["description", "summary", "abstract"],
            MapField::Language => &["language", "lang"],
        }
    }
}

impl FromStr for MapField {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim().to_ascii_lowercase();
        let alias = match s.as_str() {
            "author" => "authors",
            "date" => "published",
            "text" => "body",
            other => other,
        };
        MapField::ALL
            .into_iter()
            .find(|f| f.name() == alias)
            .ok_or_else(|| {
                let names: Vec<&str> = MapField::ALL.iter().map(|f| f.name()).collect();
                format!("unknown field {s:?} (fields: {})", names.join(", "))
            })
    }
}

/// `--map FIELD=SOURCE`: fill a document field from a JSON key (dotted paths allowed) or a
/// sidecar column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldMap {
    /// The document field.
    pub field: MapField,
    /// The JSON key or column name.
    pub source: String,
}

impl FromStr for FieldMap {
    type Err = IngestError;

    /// Parses `FIELD=SOURCE`.
    ///
    /// ```
    /// use pundit_ingest::{FieldMap, MapField};
    /// let map: FieldMap = "authors=name".parse().unwrap();
    /// assert_eq!((map.field, map.source.as_str()), (MapField::Authors, "name"));
    /// assert!("nonsense".parse::<FieldMap>().is_err());
    /// ```
    fn from_str(spec: &str) -> Result<Self, Self::Err> {
        let bad = |cause: String| IngestError::BadMap {
            spec: spec.to_string(),
            cause,
        };
        let (field, source) = spec
            .split_once('=')
            .ok_or_else(|| bad("expected FIELD=SOURCE".into()))?;
        let field = field.parse::<MapField>().map_err(bad)?;
        let source = source.trim();
        if source.is_empty() {
            return Err(bad("SOURCE is empty".into()));
        }
        Ok(FieldMap {
            field,
            source: source.to_string(),
        })
    }
}

impl fmt::Display for FieldMap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={}", self.field.name(), self.source)
    }
}

/// Options of an ingest run.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// `--map FIELD=SOURCE` (repeatable).
    pub maps: Vec<FieldMap>,
    /// `--exclude GLOB` (repeatable), matched against the path below the folder given and
    /// against the file name.
    pub excludes: Vec<String>,
    /// Worker and indexing threads; 0 means one per core.
    pub threads: usize,
    /// Remove documents whose source file no longer exists.
    pub prune: bool,
    /// Run the entity recognizer.
    pub entities: bool,
    /// Memory budget of the index writer, in bytes, for all its threads together.
    pub heap_bytes: usize,
    /// Largest input file after decompression; larger ones are skipped.
    pub max_file_bytes: u64,
    /// Commit after about this many input bytes (never per document).
    pub batch_bytes: u64,
    /// After a run that changed it, an index of at most this many documents is merged into one
    /// segment (`pundit index --merge`: unlimited). Default 0, never: the merge rewrites the
    /// whole index, so every incremental run would cost as much as indexing the archive anew,
    /// and the first run about a fifth more. Tantivy's merge policy keeps the number of
    /// segments in check, and facet counts are exact over any number; one segment only makes
    /// a facet query about a fifth cheaper.
    pub single_segment_max_docs: u64,
    /// A sidecar metadata table (`--metadata`).
    pub metadata: Option<SidecarSpec>,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            maps: Vec::new(),
            excludes: Vec::new(),
            threads: 0,
            prune: false,
            entities: true,
            heap_bytes: 512 << 20,
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            batch_bytes: 256 << 20,
            single_segment_max_docs: 0,
            metadata: None,
        }
    }
}

impl IngestOptions {
    /// Number of threads to use.
    pub fn effective_threads(&self) -> usize {
        if self.threads > 0 {
            self.threads
        } else {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1)
        }
    }

    /// Threads of the index writer (at most 8). Recognizing entities costs about three times
    /// what indexing a document does, so with entities on a quarter of the threads index (one
    /// up to four cores): one writer thread keeps up with the extraction workers, and it
    /// leaves one segment where more threads would leave several to merge at the end.
    pub fn writer_threads(&self) -> usize {
        let threads = self.effective_threads();
        let writers = if self.entities {
            threads.div_ceil(4)
        } else {
            threads
        };
        writers.clamp(1, 8)
    }

    /// The options that shape documents, as recorded in the index: when they change, unchanged
    /// files are extracted again.
    pub fn fingerprint(&self) -> serde_json::Value {
        serde_json::json!({
            "maps": self.maps.iter().map(ToString::to_string).collect::<Vec<_>>(),
            "metadata": self.metadata.as_ref().map(SidecarSpec::fingerprint),
            "entities": self.entities,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writer_threads_follow_the_cost_of_extraction() {
        let with = |threads, entities| IngestOptions {
            threads,
            entities,
            ..IngestOptions::default()
        };
        assert_eq!(with(2, true).writer_threads(), 1);
        assert_eq!(with(5, true).writer_threads(), 2);
        assert_eq!(with(64, true).writer_threads(), 8);
        assert_eq!(with(2, false).writer_threads(), 2);
        assert_eq!(with(16, false).writer_threads(), 8);
    }
}
