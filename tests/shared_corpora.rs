//! The shared corpora: State of the Union speeches and the Mozilla Readability pages.

use std::collections::BTreeMap;
use std::path::PathBuf;

use pundit::{IngestOptions, Interval, SearchRequest};

use crate::common::*;

#[test]
fn sotu_txt_and_json_twins() {
    let Some(sotu) = shared("corpora/sotu/data") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let maps = ["authors=name", "published=year", "body=text"]
        .iter()
        .map(|m| m.parse().unwrap())
        .collect();
    let (index, report) = index_with(
        &tmp.path().join("idx"),
        std::slice::from_ref(&sotu),
        IngestOptions {
            maps,
            ..no_entities()
        },
    );
    assert_eq!(report.docs_added, 466, "{:?}", report.problems);
    let all = index
        .search(
            &SearchRequest::new("*")
                .limit(466)
                .facet_size(50)
                .histogram(Interval::Year),
        )
        .unwrap();
    assert_eq!(all.total, 466);
    for hit in &all.hits {
        let title = hit.title.as_deref().unwrap_or("");
        assert!(
            !title.is_empty() && title.chars().count() <= 200,
            "{}: title of {} chars",
            hit.source_path,
            title.chars().count()
        );
    }
    // Expected from the JSON files themselves: presidents and speeches per year.
    let mut years: BTreeMap<String, u64> = BTreeMap::new();
    let mut presidents = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(&sotu).unwrap() {
        let path: PathBuf = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let value: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            *years.entry(value["year"].to_string()).or_default() += 1;
            presidents.insert(value["name"].as_str().unwrap().to_string());
        }
    }
    assert_eq!(presidents.len(), 43);
    let facet: std::collections::BTreeSet<String> =
        all.facets.authors.iter().map(|c| c.value.clone()).collect();
    assert_eq!(facet, presidents);
    let histogram = all.histogram.unwrap();
    let buckets = nonzero_buckets(&histogram);
    assert_eq!(buckets, years);
    assert_eq!(years.values().sum::<u64>(), 233);
}

#[test]
fn mozilla_pages_index_and_titles_match() {
    let Some(pages) = shared("extraction/mozilla-readability/test/test-pages") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let (index, report) = index_with(
        &tmp.path().join("idx"),
        std::slice::from_ref(&pages),
        no_entities(),
    );
    let sources = report.docs_added;
    assert!(sources >= 130, "{report:?}");
    let mut checked = 0;
    let mut equal = 0;
    let results = index
        .search(&SearchRequest::new("*").limit(10_000).snippets(false))
        .unwrap();
    let titles: BTreeMap<String, String> = results
        .hits
        .iter()
        .map(|h| (h.source_path.clone(), h.title.clone().unwrap_or_default()))
        .collect();
    for entry in std::fs::read_dir(&pages).unwrap() {
        let dir = entry.unwrap().path();
        let Ok(meta) = std::fs::read_to_string(dir.join("expected-metadata.json")) else {
            continue;
        };
        let meta: serde_json::Value = serde_json::from_str(&meta).unwrap();
        let expected = meta["title"]
            .as_str()
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if expected.is_empty() {
            continue;
        }
        checked += 1;
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let got = titles
            .get(&format!("{name}/source.html.gz"))
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "));
        if got.as_deref() == Some(expected.as_str()) {
            equal += 1;
        }
    }
    assert_eq!(checked, 127);
    let share = equal as f64 / checked as f64;
    eprintln!("mozilla titles equal: {equal}/{checked} = {share:.3}");
    assert!(share >= 0.80, "titles equal for {share:.3} of pages");
}
