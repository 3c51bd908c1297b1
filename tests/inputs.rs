//! Bad input never stops a run: each bad file or record is reported once, with its path and
//! cause, and every good document is indexed.

use pundit::{SearchRequest, Severity};

use crate::common::*;

#[test]
fn bad_files_are_reported_once_and_good_ones_indexed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("mixed");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("good.txt"), "A Good Column – The Ledger\n\nBy Jane Roe\n\nThe senate debated the quetzalcoatl budget at length.\n").unwrap();
    // Latin-1: "Café" and "déjà" with single bytes, not UTF-8.
    std::fs::write(dir.join("latin1.txt"), b"Le caf\xe9 politique\n\nLes d\xe9put\xe9s ont d\xe9j\xe0 vot\xe9 la r\xe9forme des retraites.\n").unwrap();
    std::fs::write(
        dir.join("photo.txt"),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
    )
    .unwrap();
    std::fs::write(dir.join("empty.html"), b"").unwrap();
    std::fs::write(
        dir.join("feed.jsonl"),
        "{\"title\": \"First\", \"body\": \"alpha xylophone story\"}\n{\"title\": broken\n{\"title\": \"Third\", \"body\": \"gamma xylophone story\"}\n",
    )
    .unwrap();
    std::fs::write(dir.join(".hidden.txt"), "never indexed").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("..", dir.join("sub/loop")).unwrap();

    let (index, report) = index_with(
        &tmp.path().join("idx"),
        std::slice::from_ref(&dir),
        no_entities(),
    );
    let skipped: Vec<_> = report
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Skipped)
        .collect();
    let about = |name: &str| skipped.iter().filter(|p| p.path.contains(name)).count();
    assert_eq!(about("photo.txt"), 1, "{skipped:?}");
    assert_eq!(about("empty.html"), 1, "{skipped:?}");
    assert_eq!(about("feed.jsonl:2"), 1, "{skipped:?}");
    assert!(skipped.iter().any(|p| p.cause.contains("binary")));
    assert!(skipped.iter().any(|p| p.cause.contains("empty")));
    assert!(skipped.iter().any(|p| p.cause.contains("malformed JSON")));
    #[cfg(unix)]
    assert_eq!(about("loop"), 1, "{skipped:?}");
    // Latin-1 is decoded and indexed, with one warning.
    let warnings: Vec<_> = report
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Warning)
        .collect();
    assert_eq!(
        warnings
            .iter()
            .filter(|p| p.path.contains("latin1.txt"))
            .count(),
        1,
        "{warnings:?}"
    );

    assert_eq!(report.docs_added, 4, "{report:?}");
    assert_eq!(
        index
            .search(&SearchRequest::new("quetzalcoatl"))
            .unwrap()
            .total,
        1
    );
    assert_eq!(
        index
            .search(&SearchRequest::new("xylophone"))
            .unwrap()
            .total,
        2
    );
    let french = index.search(&SearchRequest::new("députés")).unwrap();
    assert_eq!(french.total, 1);
    assert_eq!(french.hits[0].title.as_deref(), Some("Le café politique"));
    assert_eq!(
        index.search(&SearchRequest::new("never")).unwrap().total,
        0,
        "hidden files are skipped"
    );
}

#[test]
fn json_lines_in_any_encoding_index_every_record() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("exports");
    std::fs::create_dir_all(&dir).unwrap();
    let records = "{\"title\": \"Première\", \"body\": \"la zanzibar réforme\"}\n\
                   {\"title\": \"Second\", \"body\": \"the zanzibar senate\"}\n";
    // UTF-16 (as Windows PowerShell writes) cannot be cut at line-break bytes.
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend(records.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(dir.join("utf16.jsonl"), utf16).unwrap();
    // Latin-1: decoded, reported once.
    let latin1: Vec<u8> = records
        .replace("Second", "Troisième")
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap())
        .collect();
    std::fs::write(dir.join("latin1.jsonl"), latin1).unwrap();

    let (index, report) = index_with(
        &tmp.path().join("idx"),
        std::slice::from_ref(&dir),
        no_entities(),
    );
    assert_eq!(report.docs_added, 4, "{report:?}");
    assert_eq!(report.skipped(), 0, "{report:?}");
    assert_eq!(report.warnings(), 1, "{report:?}");
    let results = index
        .search(&SearchRequest::new("zanzibar").limit(10))
        .unwrap();
    let mut titles: Vec<_> = results
        .hits
        .iter()
        .filter_map(|h| h.title.clone())
        .collect();
    titles.sort();
    assert_eq!(titles, ["Première", "Première", "Second", "Troisième"]);
}

#[test]
fn exit_codes() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.txt"), "Title\n\nSome text about the budget.\n").unwrap();
    let idx = tmp.path().join("idx");
    assert_eq!(
        pundit(&idx, &["index", "--no-entities", dir.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    std::fs::write(dir.join("b.txt"), "").unwrap();
    let out = pundit(&idx, &["index", "--no-entities", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("b.txt: skipped: empty file"));
    let empty = tmp.path().join("nothing");
    std::fs::create_dir_all(&empty).unwrap();
    assert_eq!(
        pundit(
            &tmp.path().join("idx2"),
            &["index", empty.to_str().unwrap()]
        )
        .status
        .code(),
        Some(2)
    );
    assert_eq!(
        pundit(&idx, &["search", "--sort", "sideways", "x"])
            .status
            .code(),
        Some(2)
    );
}
