//! Ingest benchmarks: the whole pipeline into a fresh index, and the extract stage alone on
//! HTML pages held in memory.
//!
//! `cargo bench --bench ingest` (the shared corpora are used when `../shared` exists).

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use pundit::{Index, IngestOptions};
use pundit_ingest::extract::{extract_bytes, ExtractOptions, SourceFile};

fn shared(sub: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(sub);
    dir.exists().then_some(dir)
}

fn dir_bytes(dir: &Path) -> u64 {
    walk(dir)
        .iter()
        .map(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0))
        .sum()
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn ingest(c: &mut Criterion) {
    let mut group = c.benchmark_group("ingest");
    group.sample_size(10);
    let archive = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/archive");
    let mut inputs = vec![("archive", dir_bytes(&archive), archive, Vec::new())];
    if let Some(sotu) = shared("corpora/sotu/data") {
        inputs.push(("sotu", dir_bytes(&sotu), sotu, Vec::new()));
    }
    // One JSON Lines file: the streaming path that a corpus export takes.
    if let Some(un) = shared("corpora/un-general-debates/session-79-2024.jsonl.gz") {
        let bytes = pundit_ingest::read::read_input(&un, 1 << 30).unwrap().len() as u64;
        let maps = ["site=country", "published=year", "body=text"]
            .map(|m| m.parse().unwrap())
            .to_vec();
        inputs.push(("un-2024-jsonl-gz", bytes, un, maps));
    }
    for (name, bytes, path, maps) in inputs {
        group.throughput(Throughput::Bytes(bytes));
        for threads in [1, 2] {
            for entities in [false, true] {
                let id = BenchmarkId::new(format!("{name}/entities={entities}"), threads);
                group.bench_with_input(id, &path, |b, path| {
                    b.iter_with_setup(
                        || tempfile::tempdir().unwrap(),
                        |tmp| {
                            let index = Index::create(tmp.path().join("idx")).unwrap();
                            let options = IngestOptions {
                                threads,
                                entities,
                                maps: maps.clone(),
                                ..Default::default()
                            };
                            index
                                .ingester(options)
                                .unwrap()
                                .index_paths(std::slice::from_ref(path), None)
                                .unwrap()
                        },
                    )
                });
            }
        }
    }
    group.finish();
}

/// Extraction throughput: single thread, HTML already decompressed in memory (aeb + mozilla).
fn extraction(c: &mut Criterion) {
    let mut pages: Vec<(SourceFile, Vec<u8>)> = Vec::new();
    for set in [
        "extraction/scrapinghub-aeb",
        "extraction/mozilla-readability",
    ] {
        let Some(dir) = shared(set) else { continue };
        for path in walk(&dir) {
            let name = path.to_string_lossy().into_owned();
            if !(name.ends_with(".html.gz") || name.ends_with(".html"))
                || name.ends_with("expected.html")
            {
                continue;
            }
            let bytes = pundit_ingest::read::read_input(&path, 1 << 30).unwrap();
            let source_path = path
                .strip_prefix(&dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            pages.push((
                SourceFile {
                    abs_path: path.clone(),
                    source_path,
                },
                bytes,
            ));
        }
    }
    if pages.is_empty() {
        eprintln!("notice: ../shared not found; extraction benchmark skipped");
        return;
    }
    let bytes: u64 = pages.iter().map(|(_, b)| b.len() as u64).sum();
    let options = ExtractOptions {
        max_file_bytes: 1 << 30,
        ..Default::default()
    };
    let mut group = c.benchmark_group("extract");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function(format!("html/{}-pages", pages.len()), |b| {
        b.iter(|| {
            for (file, html) in &pages {
                std::hint::black_box(extract_bytes(file, html, &options).ok());
            }
        })
    });
    group.finish();
}

/// Entity recognizer throughput: single thread, start-up excluded.
fn entities(c: &mut Criterion) {
    use pundit::Recognizer;
    let Some(un) = shared("corpora/un-general-debates/session-79-2024.jsonl.gz") else {
        return;
    };
    let bytes = pundit_ingest::read::read_input(&un, 1 << 30).unwrap();
    let texts: Vec<String> = String::from_utf8(bytes)
        .unwrap()
        .lines()
        .take(40)
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect();
    let recognizer = pundit::StandardRecognizer::load().unwrap();
    let mut group = c.benchmark_group("entities");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(
        texts.iter().map(|t| t.len() as u64).sum(),
    ));
    group.bench_function("un-2024-40-speeches", |b| {
        b.iter(|| {
            for text in &texts {
                std::hint::black_box(recognizer.recognize(text));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, ingest, extraction, entities);
criterion_main!(benches);
