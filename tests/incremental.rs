//! Re-running on the same archive: unchanged files are skipped, changed ones replaced, deleted
//! ones pruned.

use pundit::{IngestOptions, SearchRequest};

use crate::common::*;

#[test]
fn second_run_changes_nothing_then_updates_and_prunes() {
    let tmp = tempfile::tempdir().unwrap();
    let copy = tmp.path().join("archive");
    copy_dir(&archive(), &copy);
    let idx = tmp.path().join("idx");
    let (_, first) = index_with(&idx, std::slice::from_ref(&copy), no_entities());
    assert_eq!(first.docs_added, 34);

    let (_, second) = index_with(&idx, std::slice::from_ref(&copy), no_entities());
    assert!(second.is_noop(), "{second:?}");
    assert_eq!(
        (
            second.docs_added,
            second.docs_updated,
            second.docs_unchanged
        ),
        (0, 0, 34)
    );

    // A modified file replaces its document (same id), nothing else is touched.
    let edited = copy.join("text/istanbul-talks.txt");
    let text = std::fs::read_to_string(&edited).unwrap();
    std::fs::write(
        &edited,
        format!("{text}\n\nA postscript about zanzibarian diplomacy.\n"),
    )
    .unwrap();
    let (index, third) = index_with(&idx, std::slice::from_ref(&copy), no_entities());
    assert_eq!(
        (third.docs_added, third.docs_updated, third.docs_unchanged),
        (0, 1, 33),
        "{third:?}"
    );
    let hits = index.search(&SearchRequest::new("zanzibarian")).unwrap();
    assert_eq!(hits.total, 1);
    assert_eq!(index.search(&SearchRequest::new("*")).unwrap().total, 34);

    // --prune removes the documents of a deleted file (all records of a JSONL file).
    std::fs::remove_file(copy.join("feeds/newsletter-2025.jsonl")).unwrap();
    let (index, fourth) = index_with(
        &idx,
        std::slice::from_ref(&copy),
        IngestOptions {
            prune: true,
            ..no_entities()
        },
    );
    assert_eq!(fourth.docs_removed, 7, "{fourth:?}");
    assert_eq!(index.search(&SearchRequest::new("*")).unwrap().total, 27);

    // Changed options re-extract unchanged files instead of reporting them unchanged.
    let (_, fifth) = index_with(
        &idx,
        std::slice::from_ref(&copy),
        IngestOptions {
            maps: vec!["site=publisher".parse().unwrap()],
            ..no_entities()
        },
    );
    assert_eq!(fifth.docs_unchanged, 0);
    assert_eq!(fifth.docs_updated, 27);
}

#[test]
fn binary_second_run_says_nothing_changed() {
    let tmp = tempfile::tempdir().unwrap();
    let idx = tmp.path().join("idx");
    let archive = archive();
    let args = ["index", "--no-entities", archive.to_str().unwrap()];
    assert!(pundit(&idx, &args).status.success());
    let again = pundit(&idx, &args);
    assert_eq!(again.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(
        stderr.contains("0 documents added, 0 updated, 34 unchanged"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing changed"), "{stderr}");
}
