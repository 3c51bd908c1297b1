//! Query benchmarks through the library: top-10 with snippets, five facets and a yearly
//! histogram, over the UN General Debate corpus when `../shared` exists (else the example
//! archive); once on one segment (what `pundit index` leaves) and once on the segments of two
//! indexing threads left unmerged (facet counts merged across segments).
//!
//! `cargo bench --bench query`

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion};
use pundit::{Index, IngestOptions, Interval, SearchRequest};

/// An index of the corpus, merged into one segment after the run unless `merge` is false.
fn build(merge: bool) -> (tempfile::TempDir, Index, Vec<String>) {
    let tmp = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let un = root.join("../shared/corpora/un-general-debates");
    let (input, maps): (PathBuf, Vec<&str>) = if un.exists() {
        (un, vec!["site=country", "published=year", "body=text"])
    } else {
        (root.join("examples/archive"), vec![])
    };
    let index = Index::create(tmp.path().join("idx")).unwrap();
    let options = IngestOptions {
        maps: maps.iter().map(|m| m.parse().unwrap()).collect(),
        entities: false,
        threads: 2,
        single_segment_max_docs: if merge { u64::MAX } else { 0 },
        ..Default::default()
    };
    index
        .ingester(options)
        .unwrap()
        .index_paths(&[input], None)
        .unwrap();
    let queries_file = root.join("../shared/bench/peers/queries.tsv");
    let queries: Vec<String> = std::fs::read_to_string(queries_file)
        .map(|t| {
            t.lines()
                .filter(|l| !l.starts_with('#') && !l.starts_with("id\t"))
                .filter_map(|l| l.split('\t').nth(2).map(str::to_string))
                .collect()
        })
        .unwrap_or_else(|_| {
            vec![
                "ceasefire".into(),
                "\"peace plan\"".into(),
                "nato sanctions".into(),
            ]
        });
    (tmp, index, queries)
}

fn full_request(q: &str) -> SearchRequest {
    SearchRequest::new(q)
        .limit(10)
        .facet_size(10)
        .histogram(Interval::Year)
}

fn query(c: &mut Criterion) {
    let (_tmp, index, queries) = build(true);
    let (_tmp_unmerged, unmerged, _) = build(false);
    let segments = unmerged.stats(0).unwrap().segments;
    let mut group = c.benchmark_group("query");
    group.bench_function(
        format!("top10+snippets+5facets+yearly/{}-queries", queries.len()),
        |b| {
            b.iter(|| {
                for q in &queries {
                    std::hint::black_box(index.search(&full_request(q)).unwrap());
                }
            })
        },
    );
    group.bench_function(
        format!(
            "top10+snippets+5facets+yearly/{}-queries/{segments}-segments",
            queries.len()
        ),
        |b| {
            b.iter(|| {
                for q in &queries {
                    std::hint::black_box(unmerged.search(&full_request(q)).unwrap());
                }
            })
        },
    );
    group.bench_function("top10-only", |b| {
        b.iter(|| {
            for q in &queries {
                let request = SearchRequest::new(q.as_str())
                    .limit(10)
                    .facet_size(0)
                    .snippets(false);
                std::hint::black_box(index.search(&request).unwrap());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, query);
criterion_main!(benches);
