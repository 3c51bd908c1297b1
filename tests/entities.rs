//! Named entities: accuracy floors measured with the reference scorer, and entity filters and
//! facets end to end.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use pundit::{IngestOptions, Interval, SearchRequest};

use crate::common::*;
use crate::extraction::scorer;

fn figures(report: &serde_json::Value) -> (f64, f64, f64, usize) {
    let f1 = report["mentions"]["ALL"]["f1"].as_f64().unwrap();
    let recall = report["entities"]["recall"].as_f64().unwrap();
    let precision = report["entities"]["precision"].as_f64().unwrap();
    let splits = match &report["entities"]["splits"] {
        serde_json::Value::Array(list) => list.len(),
        other => other.as_u64().unwrap_or(0) as usize,
    };
    (f1, recall, precision, splits)
}

#[test]
fn sample_entities_floors() {
    let Some(report) = scorer("sample-entities") else {
        return;
    };
    let (f1, recall, precision, splits) = figures(&report);
    assert!(
        recall >= 0.90 && precision >= 0.90,
        "entity recall {recall}, precision {precision}"
    );
    assert_eq!(splits, 0, "{}", report["entities"]["splits"]);
    assert!(f1 >= 0.85, "mention F1 {f1}");
}

#[test]
fn political_dev_floors() {
    let Some(report) = scorer("political-dev") else {
        return;
    };
    let (f1, recall, _, splits) = figures(&report);
    assert!(f1 >= 0.85, "mention F1 {f1}");
    assert!(recall >= 0.95, "entity recall {recall}");
    assert!(
        splits <= 5,
        "{splits} splits: {}",
        report["entities"]["splits"]
    );
}

#[test]
fn conll_dev_floor() {
    let Some(report) = scorer("conll-dev") else {
        return;
    };
    let (f1, ..) = figures(&report);
    assert!(f1 >= 0.68, "mention F1 {f1}");
}

fn ids(results: &pundit::SearchResults) -> BTreeSet<String> {
    results.hits.iter().map(|h| h.id.clone()).collect()
}

#[test]
fn entity_filters_and_facets_on_the_archive() {
    let Some(samples) = shared("samples") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let paths: Vec<PathBuf> = vec![archive(), samples.join("redstate-putin-peace-deal.txt")];
    let (index, _) = index_with(
        &tmp.path().join("idx"),
        &paths,
        IngestOptions {
            threads: 2,
            ..Default::default()
        },
    );
    let search = |request: SearchRequest| index.search(&request.limit(100)).unwrap();
    let poutine = search(SearchRequest::new("*").entity("Poutine"));
    let putin = search(SearchRequest::new("*").entity("Vladimir Putin"));
    assert!(putin.total >= 9, "{}", putin.total);
    assert_eq!(ids(&poutine), ids(&putin));
    assert_eq!(
        ids(&search(SearchRequest::new("*").entity("person:putin"))),
        ids(&putin)
    );

    // The sample counts once, under the canonical name.
    let sample_only = search(SearchRequest::new("Kyrgyzstan CSTO").facet_size(50));
    assert_eq!(sample_only.total, 1);
    let persons: BTreeMap<String, u64> = sample_only
        .facets
        .persons
        .iter()
        .map(|c| (c.value.clone(), c.count))
        .collect();
    assert_eq!(persons.get("Vladimir Putin"), Some(&1), "{persons:?}");
    assert!(
        !persons
            .keys()
            .any(|k| k != "Vladimir Putin" && (k.contains("Putin") || k.contains("Poutine"))),
        "{persons:?}"
    );

    // Witkoff documents by month.
    let witkoff = search(
        SearchRequest::new("*")
            .entity("Steve Witkoff")
            .histogram(Interval::Month),
    );
    let mut expected: BTreeMap<String, u64> = BTreeMap::new();
    for row in manifest()
        .iter()
        .filter(|r| r.mentions.iter().any(|m| m == "Witkoff"))
    {
        *expected.entry(row.published[..7].to_string()).or_default() += 1;
    }
    *expected.entry("2025-11".to_string()).or_default() += 1; // the sample, inferred 2025-11-27
    let histogram = witkoff.histogram.unwrap();
    let got = nonzero_buckets(&histogram);
    assert_eq!(got, expected);
}

#[test]
fn polnear_clinton_and_top_persons() {
    let Some(dir) = shared("corpora/polnear") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let options = IngestOptions {
        entities: true,
        ..polnear_options(&dir)
    };
    let (index, report) = index_with(&tmp.path().join("idx"), &[dir.join("data")], options);
    assert_eq!(report.docs_added, 1012);
    let all = index
        .search(&SearchRequest::new("*").facet_size(5))
        .unwrap();
    let top: Vec<&str> = all
        .facets
        .persons
        .iter()
        .map(|c| c.value.as_str())
        .collect();
    assert_eq!(
        &top[..2],
        &["Donald Trump", "Hillary Clinton"],
        "{:?}",
        all.facets.persons
    );

    let clinton = index
        .search(
            &SearchRequest::new("debate")
                .entity("Hillary Clinton")
                .limit(1000),
        )
        .unwrap();
    assert!(clinton.total > 0);
    // Some of them name her only as "Clinton" (with support in the document), never in full.
    let only_surname = clinton.hits.iter().filter(|hit| {
        let doc = index.document(&hit.id).unwrap().unwrap();
        let text = format!("{} {}", doc.title.unwrap_or_default(), doc.body);
        text.contains("Clinton") && !text.contains("Hillary")
    });
    assert!(only_surname.count() > 0);
}
