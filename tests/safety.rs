//! Index safety: schema versions, one writer at a time, surviving SIGKILL.

use pundit::tantivy;
use pundit::{Index, SearchRequest};

use crate::common::*;

fn small_archive(dir: &std::path::Path, files: usize) {
    std::fs::create_dir_all(dir).unwrap();
    for i in 0..files {
        let body = format!(
            "Column {i} – The Test Gazette\n\nBy Writer {}\n\n{}\n",
            i % 7,
            "The parliament argued about the budget and the war. ".repeat(40)
        );
        std::fs::write(dir.join(format!("col-{i:05}.txt")), body).unwrap();
    }
}

#[test]
fn other_schema_version_is_refused_with_one_clear_line() {
    let tmp = tempfile::tempdir().unwrap();
    let idx = tmp.path().join("idx");
    Index::create(&idx).unwrap();
    {
        let raw = tantivy::Index::open_in_dir(&idx).unwrap();
        let mut writer: tantivy::IndexWriter = raw.writer(15_000_000).unwrap();
        let mut commit = writer.prepare_commit().unwrap();
        commit.set_payload(
            r#"{"schema_name":"commentary","schema_version":999,"pipeline_version":1}"#,
        );
        commit.commit().unwrap();
    }
    let err = Index::open(&idx).unwrap_err().to_string();
    assert!(
        err.contains("version 999") && err.contains("version 1") && err.contains("re-index"),
        "{err}"
    );
    let out = pundit(&idx, &["search", "anything"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("version 999"), "{stderr}");
}

#[test]
fn second_writer_gets_the_lock_error() {
    let tmp = tempfile::tempdir().unwrap();
    let idx = tmp.path().join("idx");
    let docs = tmp.path().join("docs");
    small_archive(&docs, 3);
    Index::create(&idx).unwrap();
    let raw = tantivy::Index::open_in_dir(&idx).unwrap();
    let writer: tantivy::IndexWriter = raw.writer(15_000_000).unwrap();
    let out = pundit(&idx, &["index", "--no-entities", docs.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("is locked"), "{stderr}");
    drop(writer);
    // Searching while another process holds the writer works, on the last commit.
    assert!(
        pundit(&idx, &["index", "--no-entities", docs.to_str().unwrap()])
            .status
            .success()
    );
}

#[test]
fn killed_run_leaves_an_index_that_opens_and_a_rerun_completes() {
    let tmp = tempfile::tempdir().unwrap();
    let idx = tmp.path().join("idx");
    let docs = tmp.path().join("docs");
    small_archive(&docs, 1500);
    let mut child = std::process::Command::new(pundit_bin())
        .args([
            "--index",
            idx.to_str().unwrap(),
            "index",
            "--no-entities",
            "--quiet",
            docs.to_str().unwrap(),
        ])
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(400));
    let _ = child.kill(); // SIGKILL on Unix
    let _ = child.wait();
    if idx.join("meta.json").exists() {
        let index = Index::open(&idx).expect("a killed run leaves an index that opens");
        let total = index.search(&SearchRequest::new("*")).unwrap().total;
        assert!(total <= 1500);
    }
    let out = pundit(
        &idx,
        &["index", "--no-entities", "--quiet", docs.to_str().unwrap()],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let index = Index::open(&idx).unwrap();
    assert_eq!(index.search(&SearchRequest::new("*")).unwrap().total, 1500);
    assert_eq!(
        index
            .search(&SearchRequest::new("*").author("writer 3"))
            .unwrap()
            .total,
        214
    );
}
