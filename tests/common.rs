//! Helpers shared by the end-to-end tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use pundit::{Index, IngestOptions, IngestReport};

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The bundled example archive.
pub fn archive() -> PathBuf {
    root().join("examples/archive")
}

/// `../shared` beside the project root, or `None` (with a notice) when this clone has none.
pub fn shared(sub: &str) -> Option<PathBuf> {
    let dir = root().join("../shared").join(sub);
    if dir.exists() {
        Some(dir)
    } else {
        eprintln!(
            "notice: {} not found; skipping this test (it needs ../shared beside the project)",
            dir.display()
        );
        None
    }
}

/// The `pundit` binary built beside this test binary (`cargo build -p pundit-cli`), or
/// `$PUNDIT_BIN`.
pub fn pundit_bin() -> PathBuf {
    if let Some(bin) = std::env::var_os("PUNDIT_BIN") {
        return bin.into();
    }
    let exe = std::env::current_exe().expect("test binary path");
    let dir = exe.parent().and_then(Path::parent).expect("target dir");
    let bin = dir.join(format!("pundit{}", std::env::consts::EXE_SUFFIX));
    assert!(bin.is_file(), "{} is missing: run `cargo build -p pundit-cli` before the tests (the README's test command does)", bin.display());
    bin
}

/// Runs `pundit ARGS` with the index in `index`.
pub fn pundit(index: &Path, args: &[&str]) -> Output {
    Command::new(pundit_bin())
        .arg("--index")
        .arg(index)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("pundit runs")
}

/// Stdout of a successful run.
pub fn pundit_ok(index: &Path, args: &[&str]) -> String {
    let out = pundit(index, args);
    assert!(
        out.status.success(),
        "pundit {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Indexes `paths` through the library into a new index in `dir`.
pub fn index_with(dir: &Path, paths: &[PathBuf], options: IngestOptions) -> (Index, IngestReport) {
    let index = Index::open_or_create(dir).expect("index opens");
    let report = index
        .ingester(options)
        .expect("ingester")
        .index_paths(paths, None)
        .expect("indexing runs");
    (index, report)
}

/// Adds documents built in memory to `index` (without entities), committing them.
pub fn add_documents(index: &Index, docs: Vec<pundit::Document>) {
    index
        .ingester(no_entities())
        .expect("ingester")
        .add_documents(docs)
        .expect("documents are added");
}

/// Options without entity recognition (faster, for tests about other things).
pub fn no_entities() -> IngestOptions {
    IngestOptions {
        entities: false,
        threads: 2,
        ..Default::default()
    }
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// One row of `examples/archive-manifest.tsv`.
#[derive(Debug, Clone)]
pub struct ManifestRow {
    pub source_path: String,
    pub title: String,
    pub authors: Vec<String>,
    pub site: String,
    pub published: String,
    pub mentions: Vec<String>,
}

/// The archive's manifest: what each document is, written by hand beside the archive.
pub fn manifest() -> Vec<ManifestRow> {
    let text = std::fs::read_to_string(root().join("examples/archive-manifest.tsv")).unwrap();
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            let list = |s: &str| {
                s.split(';')
                    .filter(|x| !x.is_empty())
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            };
            ManifestRow {
                source_path: cols[0].to_string(),
                title: cols[2].to_string(),
                authors: list(cols[3]),
                site: cols[4].to_string(),
                published: cols[5].to_string(),
                mentions: list(cols.get(6).copied().unwrap_or("")),
            }
        })
        .collect()
}

/// Non-empty histogram buckets by key.
pub fn nonzero_buckets(histogram: &pundit::Histogram) -> std::collections::BTreeMap<String, u64> {
    histogram
        .buckets
        .iter()
        .filter(|b| b.count > 0)
        .map(|b| (b.key.clone(), b.count))
        .collect()
}

/// Ingest options for `../shared/corpora/polnear` with its metadata table (`dir` is the corpus).
pub fn polnear_options(dir: &Path) -> IngestOptions {
    let maps: Vec<pundit::FieldMap> = [
        "site=publisher",
        "published=publication_date",
        "authors=author",
        "title=title",
    ]
    .iter()
    .map(|m| m.parse().unwrap())
    .collect();
    IngestOptions {
        maps: maps.clone(),
        metadata: Some(pundit::SidecarSpec {
            path: dir.join("data/metadata.tsv"),
            key_column: "filename".into(),
            key_kind: pundit::KeyKind::Stem,
            maps,
        }),
        ..no_entities()
    }
}
