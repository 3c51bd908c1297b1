//! The bundled example archive, end to end through the library and the binary.

use std::collections::BTreeMap;
use std::path::PathBuf;

use pundit::{Interval, SearchRequest, SearchResults, SortOrder};

use crate::common::*;

fn counts<'a>(values: impl Iterator<Item = &'a str>) -> BTreeMap<String, u64> {
    let mut map = BTreeMap::new();
    for v in values {
        *map.entry(v.to_string()).or_insert(0) += 1;
    }
    map
}

fn facet_map(facet: &[pundit::FacetCount]) -> BTreeMap<String, u64> {
    facet.iter().map(|c| (c.value.clone(), c.count)).collect()
}

#[test]
fn library_facets_histogram_filters_and_sorting() {
    let tmp = tempfile::tempdir().unwrap();
    let (index, report) = index_with(&tmp.path().join("idx"), &[archive()], no_entities());
    let manifest = manifest();
    assert_eq!(manifest.len(), 34);
    assert_eq!(report.docs_added, 34, "{:?}", report.problems);
    assert_eq!(report.skipped(), 0, "{:?}", report.problems);

    let all = index
        .search(
            &SearchRequest::new("*")
                .facet_size(50)
                .histogram(Interval::Month),
        )
        .unwrap();
    assert_eq!(all.total, 34);
    // Facets count documents over the whole matching set, labelled as written.
    let authors = counts(
        manifest
            .iter()
            .flat_map(|r| r.authors.iter().map(String::as_str)),
    );
    assert_eq!(facet_map(&all.facets.authors), authors);
    assert_eq!(authors["Margaret Ellison"], 6);
    let sites = counts(manifest.iter().map(|r| r.site.as_str()));
    assert_eq!(facet_map(&all.facets.sites), sites);
    assert_eq!(sites["The Bridgewater Brief"], 8);
    // Monthly buckets: every month of the manifest, empty months in between at zero.
    let months = counts(manifest.iter().map(|r| &r.published[..7]));
    let histogram = all.histogram.as_ref().unwrap();
    let buckets = nonzero_buckets(histogram);
    assert_eq!(buckets, months);
    assert_eq!(histogram.undated, 0);
    assert_eq!(histogram.buckets.first().unwrap().key, "2024-01");
    assert_eq!(histogram.buckets.last().unwrap().key, "2025-11");

    // Every document's title and first date as the manifest has them.
    let everything = index
        .search(&SearchRequest::new("*").limit(50).snippets(false))
        .unwrap();
    for row in &manifest {
        let hit = everything
            .hits
            .iter()
            .find(|h| match h.record {
                Some(n) => row.source_path == format!("{}#{n}", h.source_path),
                None => row.source_path == h.source_path,
            })
            .unwrap_or_else(|| panic!("{} not indexed", row.source_path));
        assert_eq!(
            hit.title.as_deref(),
            Some(row.title.as_str()),
            "{}",
            row.source_path
        );
        assert_eq!(
            hit.published.unwrap().to_string()[..10],
            row.published,
            "{}",
            row.source_path
        );
    }

    // Filters narrow, case- and accent-insensitively.
    let by = |request: SearchRequest| index.search(&request.limit(50)).unwrap();
    assert_eq!(
        by(SearchRequest::new("*").author("MARGARET ELLISON")).total,
        6
    );
    assert_eq!(
        by(SearchRequest::new("*").author("tomas herrera")).total,
        authors["Tomás Herrera"]
    );
    assert_eq!(
        by(SearchRequest::new("*").site("northern review")).total,
        sites["Northern Review"]
    );
    let until = by(SearchRequest::new("*").until("2024-11").unwrap());
    let expected = manifest
        .iter()
        .filter(|r| r.published.as_str() <= "2024-11-30")
        .count() as u64;
    assert_eq!(
        until.total, expected,
        "--until 2024-11 includes the whole of November"
    );
    assert!(until
        .hits
        .iter()
        .any(|h| h.published.unwrap().to_string().starts_with("2024-11-29")));
    let since = by(SearchRequest::new("*").since("2025-11").unwrap());
    assert_eq!(
        since.total,
        manifest
            .iter()
            .filter(|r| r.published.as_str() >= "2025-11")
            .count() as u64
    );
    let narrowed = by(SearchRequest::new("*")
        .author("Margaret Ellison")
        .since("2025")
        .unwrap());
    assert!(
        narrowed.total < 6
            && narrowed
                .hits
                .iter()
                .all(|h| h.authors.contains(&"Margaret Ellison".to_string()))
    );

    // Sorting by date.
    let newest = by(SearchRequest::new("*").sort(SortOrder::Newest));
    let dates: Vec<_> = newest
        .hits
        .iter()
        .map(|h| h.published.unwrap().start_utc())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    let oldest = by(SearchRequest::new("*").sort(SortOrder::Oldest));
    assert_eq!(
        oldest.hits.first().unwrap().published.unwrap().to_string()[..10],
        *"2024-01-17"
    );

    // Snippets contain the matched term.
    let tariffs = by(SearchRequest::new("tariffs"));
    let expected = manifest
        .iter()
        .filter(|r| r.mentions.iter().any(|m| m == "tariffs"))
        .count() as u64;
    assert_eq!(tariffs.total, expected);
    for hit in &tariffs.hits {
        let marked: Vec<String> = hit
            .snippet
            .highlights
            .iter()
            .map(|h| hit.snippet.text[h.start..h.end].to_lowercase())
            .collect();
        assert!(
            marked.iter().any(|m| m.starts_with("tariff")),
            "{}: {:?}",
            hit.source_path,
            hit.snippet
        );
    }
}

#[test]
fn binary_index_search_json_and_text() {
    let tmp = tempfile::tempdir().unwrap();
    let idx = tmp.path().join("idx");
    let archive = archive();
    let out = pundit(&idx, &["index", "--no-entities", archive.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("34 documents added"), "{stderr}");

    // JSON output parses back into the library's types.
    let json = pundit_ok(
        &idx,
        &[
            "search", "*", "--format", "json", "--by", "year", "--until", "2024-11", "--limit",
            "50",
        ],
    );
    let results: SearchResults = serde_json::from_str(&json).unwrap();
    let manifest = manifest();
    assert_eq!(
        results.total,
        manifest
            .iter()
            .filter(|r| r.published.as_str() <= "2024-11-30")
            .count() as u64
    );
    let years = results.histogram.unwrap();
    assert_eq!(years.buckets.len(), 1);
    assert_eq!(years.buckets[0].key, "2024");

    // Text output: the bar chart and facet columns.
    let text = pundit_ok(
        &idx,
        &["search", "ceasefire", "--by", "month", "--sort", "newest"],
    );
    assert!(text.contains("matching documents"), "{text}");
    assert!(text.contains("authors") && text.contains("█"), "{text}");

    // CSV and JSONL.
    let csv = pundit_ok(&idx, &["search", "NATO", "--format", "csv"]);
    assert!(csv.starts_with("rank,score,id,published,title"));
    let jsonl = pundit_ok(
        &idx,
        &["search", "NATO", "--format", "jsonl", "--limit", "3"],
    );
    for line in jsonl.lines() {
        let hit: pundit::Hit = serde_json::from_str(line).unwrap();
        let shown = pundit_ok(&idx, &["show", &hit.id]);
        let doc: pundit::Document = serde_json::from_str(&shown).unwrap();
        assert_eq!(doc.id, hit.id);
        assert!(doc.body.contains("NATO"));
    }

    // A syntax error says where; a missing index says what to do.
    let bad = pundit(&idx, &["search", "\"unclosed phrase"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("syntax error at character"));
    let missing = pundit(&tmp.path().join("nowhere"), &["search", "x"]);
    assert!(String::from_utf8_lossy(&missing.stderr).contains("run `pundit index"));
}

#[test]
fn sample_column_leads_the_witkoff_documents() {
    let Some(samples) = shared("samples") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let idx = tmp.path().join("idx");
    let sample = samples.join("redstate-putin-peace-deal.txt");
    let paths: Vec<PathBuf> = vec![archive(), sample.clone()];
    let (index, report) = index_with(&idx, &paths, no_entities());
    assert_eq!(report.docs_added, 35, "{:?}", report.problems);
    let results = index
        .search(&SearchRequest::new("Witkoff").limit(20))
        .unwrap();
    let first = &results.hits[0];
    assert!(
        first.source_path.ends_with("redstate-putin-peace-deal.txt"),
        "first hit: {first:?}"
    );
    assert_eq!(
        first.title.as_deref(),
        Some("Putin Throws Cold Water on Any Talk of a Quick Peace Deal")
    );
    assert_eq!(first.site.as_deref(), Some("RedState"));
    let witkoff_docs = manifest()
        .iter()
        .filter(|r| r.mentions.iter().any(|m| m == "Witkoff"))
        .count() as u64;
    assert_eq!(results.total, witkoff_docs + 1);
    // The binary agrees.
    drop(index);
    let json = pundit_ok(&idx, &["search", "Witkoff", "--format", "json"]);
    let results: SearchResults = serde_json::from_str(&json).unwrap();
    assert!(results.hits[0]
        .source_path
        .ends_with("redstate-putin-peace-deal.txt"));
}

#[test]
fn stats_text_and_json() {
    let tmp = tempfile::tempdir().unwrap();
    let idx = tmp.path().join("idx");
    let archive = archive();
    assert!(
        pundit(&idx, &["index", "--no-entities", archive.to_str().unwrap()])
            .status
            .success()
    );
    let json = pundit_ok(&idx, &["stats", "--format", "json", "--facet-size", "3"]);
    let stats: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(stats["documents"], 34);
    assert_eq!(stats["earliest"], "2024-01-17");
    assert_eq!(stats["latest"], "2025-11-21");
    assert_eq!(stats["undated"], 0);
    assert_eq!(stats["schema_version"], 1);
    assert_eq!(
        stats["facets"]["sites"][0]["value"],
        "The Bridgewater Brief"
    );
    assert_eq!(stats["facets"]["sites"][0]["count"], 8);
    assert_eq!(stats["facets"]["authors"].as_array().unwrap().len(), 3);
    let text = pundit_ok(&idx, &["stats"]);
    assert!(text.contains("documents    34"), "{text}");
}

/// Each run leaves its segments to tantivy's merge policy (a forced merge would rewrite the
/// whole index on every incremental run); asked to (`pundit index --merge`), a run merges the
/// index into one segment.
#[test]
fn runs_merge_into_one_segment_only_when_asked() {
    let tmp = tempfile::tempdir().unwrap();
    let index = pundit::Index::create(tmp.path().join("idx")).unwrap();
    for run in 0..4usize {
        let dir = tmp.path().join(format!("run{run}"));
        std::fs::create_dir(&dir).unwrap();
        for k in 0..3 {
            let text = format!("Column {run}-{k}\n\nA column about the budget, run {run}.\n");
            std::fs::write(dir.join(format!("column-{k}.txt")), text).unwrap();
        }
        let options = pundit::IngestOptions {
            threads: 1,
            single_segment_max_docs: if run == 3 { u64::MAX } else { 0 },
            ..no_entities()
        };
        index
            .ingester(options)
            .unwrap()
            .index_paths(&[dir], None)
            .unwrap();
        let segments = index.stats(1).unwrap().segments;
        let expected = if run == 3 { 1 } else { run + 1 };
        assert_eq!(segments as usize, expected, "after run {run}");
    }
    let results = index.search(&SearchRequest::new("budget")).unwrap();
    assert_eq!(results.total, 12);
}

/// The default search fields some document filled, as the index records them.
fn filled_fields(index_dir: &std::path::Path) -> Option<Vec<String>> {
    let meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(index_dir.join("meta.json")).unwrap()).unwrap();
    let payload: serde_json::Value =
        serde_json::from_str(meta["payload"].as_str().unwrap()).unwrap();
    serde_json::from_value(payload["filled_fields"].clone()).unwrap()
}

/// A query leaves out the default fields no document has filled (opening a field without
/// terms costs tantivy more than a small query), and searches one as soon as a document fills
/// it, also through an index handle that searched before.
#[test]
fn default_fields_are_searched_once_filled() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("idx");
    let index = pundit::Index::create(&dir).unwrap();
    assert_eq!(filled_fields(&dir), Some(vec![]));
    let mut column = pundit::Document::new("column.txt");
    column.title = Some("Budget talks".into());
    column.body = "A column about the budget.".into();
    add_documents(&index, vec![column]);
    assert_eq!(
        filled_fields(&dir),
        Some(vec!["title".to_string(), "body".to_string()])
    );
    assert_eq!(
        index.search(&SearchRequest::new("budget")).unwrap().total,
        1
    );
    assert_eq!(
        index.search(&SearchRequest::new("zucchini")).unwrap().total,
        0
    );

    let mut thread = pundit::Document::new("thread.txt");
    thread.body = "Replies below.".into();
    thread.posts = vec![pundit::Post {
        name: "A Reader".into(),
        text: "Zucchini diplomacy, again.".into(),
        ..Default::default()
    }];
    add_documents(&index, vec![thread]);
    assert_eq!(
        filled_fields(&dir),
        Some(vec!["title".into(), "body".into(), "posts".into()])
    );
    assert_eq!(
        index.search(&SearchRequest::new("zucchini")).unwrap().total,
        1
    );
}

/// Facet counts stay exact on an index of several segments, where each segment alone would cut
/// the true top value from its short list.
#[test]
fn facets_are_exact_across_segments() {
    let tmp = tempfile::tempdir().unwrap();
    let index = pundit::Index::create(tmp.path().join("idx")).unwrap();
    for segment in 0..3 {
        let mut docs = Vec::new();
        let mut add = |author: String, n: usize| {
            let mut doc = pundit::Document::new(format!("seg{segment}/{author}-{n}.txt"));
            doc.authors = vec![author];
            doc.body = "a column about the budget".into();
            docs.push(doc);
        };
        add("Common Author".into(), 0);
        for other in 0..11 {
            for n in 0..2 {
                add(format!("Writer {segment}-{other}"), n);
            }
        }
        // Each call commits a segment of its own.
        add_documents(&index, docs);
    }
    let stats = index.stats(1).unwrap();
    assert!(stats.segments >= 3, "{} segments", stats.segments);
    let results = index
        .search(&SearchRequest::new("budget").facet_size(1))
        .unwrap();
    assert_eq!(results.total, 3 * 23);
    assert_eq!(
        results.facets.authors,
        vec![pundit::FacetCount {
            value: "Common Author".into(),
            count: 3
        }]
    );
}

/// A document counts once per facet value however often it holds it, and each value is shown
/// in its most common spelling; ties go to the value that sorts first.
#[test]
fn facets_count_documents_once_and_label_with_the_common_spelling() {
    let tmp = tempfile::tempdir().unwrap();
    let index = pundit::Index::create(tmp.path().join("idx")).unwrap();
    let doc = |n: usize, authors: &[&str], persons: &[&str]| {
        let mut doc = pundit::Document::new(format!("doc-{n}.txt"));
        doc.authors = authors.iter().map(|a| a.to_string()).collect();
        doc.entities.persons = persons.iter().map(|p| p.to_string()).collect();
        doc.body = "a column about the budget".into();
        doc
    };
    add_documents(
        &index,
        vec![
            doc(
                1,
                &["Jane Roe", "Jane Roe"],
                &["Steve Witkoff", "Steve Witkoff"],
            ),
            doc(2, &["JANE ROE"], &["Steve Witkoff"]),
            doc(3, &["Jane Roe"], &["Volodymyr Zelensky"]),
            doc(4, &["John Doe"], &["Volodymyr Zelensky"]),
        ],
    );
    let results = index
        .search(&SearchRequest::new("budget").facet_size(5))
        .unwrap();
    let counts = |facet: &[pundit::FacetCount]| -> Vec<(String, u64)> {
        facet.iter().map(|f| (f.value.clone(), f.count)).collect()
    };
    assert_eq!(
        counts(&results.facets.authors),
        [("Jane Roe".to_string(), 3), ("John Doe".to_string(), 1)]
    );
    assert_eq!(
        counts(&results.facets.persons),
        [
            ("Steve Witkoff".to_string(), 2),
            ("Volodymyr Zelensky".to_string(), 2)
        ]
    );
}

/// Facet counts over several segments are the exact top lists, as on one segment, also where
/// the index's top value is in no segment's first offer (the merge must look further) and where
/// a segment offered a value another did not (its count there must be looked up).
#[test]
fn facets_over_several_segments_are_exact() {
    let tmp = tempfile::tempdir().unwrap();
    let index = pundit::Index::create(tmp.path().join("idx")).unwrap();
    let names: Vec<String> = (0..1000).map(|n| format!("Person {n:03}")).collect();
    let mut seed = 7u64;
    let mut next = move |below: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize % below
    };
    let mut expected: BTreeMap<String, u64> = BTreeMap::new();
    let mut n = 0;
    // Three batches: tantivy's merge policy would merge the eight segments of four.
    for batch in 0..3 {
        let mut docs = Vec::new();
        for k in 0..300 {
            n += 1;
            let mut doc = pundit::Document::new(format!("batch-{batch}/doc-{n}.txt"));
            // Hundreds of values per segment, skewed towards low numbers and shifted by batch:
            // each segment has leaders of its own, and the index's top values are ranked lower
            // in some segment than any segment offers at first.
            let mut persons: Vec<String> = (0..4)
                .map(|_| {
                    let skewed = next(1000).min(next(1000)).min(next(1000));
                    names[(skewed + batch * 7) % 1000].clone()
                })
                .collect();
            // Forty values only this segment has, six documents each, lead every segment; a
            // value with five documents in each leads the index but no segment.
            if k < 240 {
                persons.push(format!("Local {batch}-{:02}", k / 6));
            }
            if k < 5 {
                persons.push("Spread Person".to_string());
            }
            persons.sort();
            persons.dedup();
            let matches = k < 240 || n % 3 != 0;
            doc.body = if matches {
                "a column about the budget".into()
            } else {
                "a column about the weather".into()
            };
            if matches {
                for person in &persons {
                    *expected.entry(person.clone()).or_default() += 1;
                }
            }
            doc.entities.persons = persons;
            docs.push(doc);
        }
        let options = pundit::IngestOptions {
            single_segment_max_docs: 0,
            ..no_entities()
        };
        index
            .ingester(options)
            .unwrap()
            .add_documents(docs)
            .unwrap();
    }
    let segments = index.stats(1).unwrap().segments;
    assert!(segments >= 3, "{segments} segments");
    let mut ranked: Vec<(String, u64)> = expected.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    for size in [1, 3, 10, 100] {
        let results = index
            .search(&SearchRequest::new("budget").facet_size(size))
            .unwrap();
        let got: Vec<(String, u64)> = results
            .facets
            .persons
            .iter()
            .map(|f| (f.value.clone(), f.count))
            .collect();
        let want: Vec<(String, u64)> = ranked.iter().take(size).cloned().collect();
        assert_eq!(got, want, "facet size {size}");
    }
}

/// A name with an apostrophe is searched as typed (tantivy's grammar alone reads the apostrophe
/// as the start of a quoted phrase), and a single-quoted phrase still works; a query error
/// points at the character as typed.
#[test]
fn apostrophes_in_names_and_single_quoted_phrases() {
    let tmp = tempfile::tempdir().unwrap();
    let index = pundit::Index::create(tmp.path().join("idx")).unwrap();
    let doc = |name: &str, body: &str| {
        let mut doc = pundit::Document::new(name.to_string());
        doc.body = body.into();
        doc
    };
    add_documents(
        &index,
        vec![
            doc("a.txt", "Conan O'Brien spoke about Côte d'Ivoire."),
            doc(
                "b.txt",
                "Brien and O were elsewhere; the security council met.",
            ),
        ],
    );
    let paths = |query: &str| -> Vec<String> {
        let results = index.search(&SearchRequest::new(query)).unwrap();
        results.hits.iter().map(|h| h.source_path.clone()).collect()
    };
    assert_eq!(paths("O'Brien"), ["a.txt"]);
    assert_eq!(paths("côte d'ivoire"), ["a.txt"]);
    assert_eq!(paths("'security council'"), ["b.txt"]);
    let error = index
        .search(&SearchRequest::new("O'Brien \"unclosed"))
        .unwrap_err()
        .to_string();
    assert!(error.contains("at character 17"), "{error}");
}

/// One index handle serves searches from several threads; the first searches open its reader
/// concurrently and all see the same documents.
#[test]
fn an_index_is_searched_from_several_threads() {
    let tmp = tempfile::tempdir().unwrap();
    let index = pundit::Index::create(tmp.path().join("idx")).unwrap();
    let mut doc = pundit::Document::new("a.txt".to_string());
    doc.body = "the ceasefire held".into();
    add_documents(&index, vec![doc]);
    let index = std::sync::Arc::new(pundit::Index::open(tmp.path().join("idx")).unwrap());
    let totals: Vec<u64> = (0..4)
        .map(|_| {
            let index = index.clone();
            std::thread::spawn(move || {
                index
                    .search(&SearchRequest::new("ceasefire"))
                    .unwrap()
                    .total
            })
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|thread| thread.join().unwrap())
        .collect();
    assert_eq!(totals, [1, 1, 1, 1]);
}
