//! Query benchmarks through the library: top-10 with snippets, five facets and a yearly
//! histogram, over the UN General Debate corpus when `../shared` exists (else the example
//! archive).
//!
//! `cargo bench --bench query`

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion};
use pundit::{Index, IngestOptions, Interval, SearchRequest};

fn build() -> (tempfile::TempDir, Index, Vec<String>) {
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

fn query(c: &mut Criterion) {
    let (_tmp, index, queries) = build();
    let mut group = c.benchmark_group("query");
    group.bench_function(
        format!("top10+snippets+5facets+yearly/{}-queries", queries.len()),
        |b| {
            b.iter(|| {
                for q in &queries {
                    let request = SearchRequest::new(q.as_str())
                        .limit(10)
                        .facet_size(10)
                        .histogram(Interval::Year);
                    std::hint::black_box(index.search(&request).unwrap());
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
