//! Extraction quality on the shared sets, measured with the reference scorer
//! (`../shared/tools/pundit_eval.py`) running the `pundit` binary, and checked directly on the
//! newsgroup and PolNeAR corpora.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use pundit::{Document, IngestOptions};

use crate::common::*;

/// Runs the reference scorer on `set` against the `pundit` binary; its `--json` report.
pub fn scorer(set: &str) -> Option<serde_json::Value> {
    let script = shared("tools/pundit_eval.py")?;
    let tmp = tempfile::tempdir().unwrap();
    let report = tmp.path().join("report.json");
    let out = Command::new("python3")
        .arg(&script)
        .arg(set)
        .arg("--pundit")
        .arg(pundit_bin())
        .arg("--json")
        .arg(&report)
        .current_dir(root())
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "scorer failed on {set}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!("{}", String::from_utf8_lossy(&out.stdout));
    Some(serde_json::from_str(&std::fs::read_to_string(report).unwrap()).unwrap())
}

fn extract(paths: &[PathBuf], options: &IngestOptions) -> Vec<Document> {
    let (docs, problems) = pundit_ingest::extract_paths(paths, options, None).unwrap();
    assert!(
        problems
            .iter()
            .all(|p| p.severity != pundit::Severity::Skipped),
        "{problems:?}"
    );
    docs
}

#[test]
fn sample_passes_all_checks() {
    let Some(report) = scorer("sample") else {
        return;
    };
    assert_eq!(report["n"], 38);
    let failed: Vec<&serde_json::Value> = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["passed"] != true && c["pass"] != true && c["ok"] != true)
        .collect();
    assert_eq!(report["passed"], 38, "failed checks: {failed:?}");
}

/// The whole normalized document of the sample. Its text is not ours to copy (the sample's
/// license is unclear), so long texts appear as their length and hash; everything else as is.
#[test]
fn sample_document_snapshot() {
    let Some(samples) = shared("samples") else {
        return;
    };
    let docs = extract(
        &[samples.join("redstate-putin-peace-deal.txt")],
        &no_entities(),
    );
    let mut value = serde_json::to_value(&docs[0]).unwrap();
    let digest = |v: &mut serde_json::Value| {
        if let Some(s) = v.as_str() {
            *v = format!(
                "<{} chars, xxh3 {:016x}>",
                s.chars().count(),
                xxhash_rust::xxh3::xxh3_64(s.as_bytes())
            )
            .into();
        }
    };
    value["id"] = "<id>".into();
    value["source_path"] = "<path>".into();
    digest(&mut value["body"]);
    for post in value["posts"].as_array_mut().unwrap() {
        digest(&mut post["text"]);
    }
    insta::assert_json_snapshot!("sample_document", value);
}

fn header(raw: &[u8], name: &str) -> Option<String> {
    let text = String::from_utf8_lossy(raw);
    let mut value: Option<String> = None;
    for line in text.lines() {
        if line.is_empty() {
            break;
        }
        if let Some(v) = value.as_mut() {
            if line.starts_with([' ', '\t']) {
                v.push(' ');
                v.push_str(line.trim());
                continue;
            }
            break;
        }
        if let Some((n, v)) = line.split_once(':') {
            if n.eq_ignore_ascii_case(name) {
                value = Some(v.trim().to_string());
            }
        }
    }
    value
}

#[test]
fn newsgroup_messages() {
    let Some(dir) = shared("corpora/newsgroups-mini") else {
        return;
    };
    let index_tsv = std::fs::read_to_string(dir.join("index.tsv")).unwrap();
    let docs = extract(std::slice::from_ref(&dir), &no_entities());
    let by_path: BTreeMap<&str, &Document> =
        docs.iter().map(|d| (d.source_path.as_str(), d)).collect();
    let mut checked = 0;
    let mut not_utf8 = 0;
    let clean = |s: &str| {
        !s.chars()
            .any(|c| c == '\u{fffd}' || (c.is_control() && c != '\n' && c != '\t'))
    };
    for row in index_tsv.lines().skip(1) {
        let cols: Vec<&str> = row.split('\t').collect();
        let (file, valid_utf8) = (cols[0], cols[5] == "true");
        let doc = by_path
            .get(file)
            .unwrap_or_else(|| panic!("{file} not extracted"));
        let raw = std::fs::read(dir.join(file)).unwrap();
        let subject = header(&raw, "Subject").unwrap_or_default();
        let title = doc.title.as_deref().unwrap_or("");
        if valid_utf8 && clean(&subject) {
            assert_eq!(
                title.split_whitespace().collect::<Vec<_>>(),
                subject.split_whitespace().collect::<Vec<_>>(),
                "{file}"
            );
        }
        let from = header(&raw, "From").unwrap_or_default();
        if from.chars().any(char::is_alphanumeric) {
            assert!(
                !doc.authors.is_empty() && !doc.authors[0].trim().is_empty(),
                "{file}: no author from {from:?}"
            );
        }
        assert!(
            doc.published.is_none(),
            "{file}: a date without a Date header"
        );
        if !valid_utf8 {
            not_utf8 += 1;
            for text in [
                title,
                doc.authors.first().map(String::as_str).unwrap_or(""),
                &doc.body,
            ] {
                assert!(
                    clean(text),
                    "{file}: U+FFFD or control characters in {text:?}"
                );
            }
        }
        assert!(
            !doc.body.lines().any(|l| l.starts_with('>')),
            "{file}: quoted lines in the body"
        );
        checked += 1;
    }
    assert_eq!(checked, 2000);
    assert_eq!(not_utf8, 10);
}

#[test]
fn polnear_sidecar_metadata() {
    let Some(dir) = shared("corpora/polnear") else {
        return;
    };
    let options = polnear_options(&dir);
    let (docs, _) = pundit_ingest::extract_paths(&[dir.join("data")], &options, None).unwrap();
    // The table itself is not a document.
    let articles: Vec<&Document> = docs.iter().collect();
    assert_eq!(articles.len(), 1012);
    let mut sites: BTreeMap<String, u64> = BTreeMap::new();
    let mut with_author = 0;
    for doc in &articles {
        assert_eq!(
            doc.provenance.get("site"),
            Some(&pundit::Source::Sidecar),
            "{}",
            doc.source_path
        );
        assert_eq!(
            doc.provenance.get("title"),
            Some(&pundit::Source::Sidecar),
            "{}",
            doc.source_path
        );
        assert_eq!(
            doc.provenance.get("published"),
            Some(&pundit::Source::Sidecar),
            "{}",
            doc.source_path
        );
        *sites.entry(doc.site.clone().unwrap()).or_default() += 1;
        with_author += usize::from(!doc.authors.is_empty());
    }
    assert_eq!(sites.len(), 7);
    assert_eq!(sites["breitbart"], 148);
    assert!(
        sites
            .iter()
            .filter(|(s, _)| *s != "breitbart")
            .all(|(_, n)| *n == 144),
        "{sites:?}"
    );
    assert!(with_author >= 819, "{with_author} articles with an author");
    let two = articles
        .iter()
        .find(|d| d.authors.iter().any(|a| a == "AMY CHOZICK"))
        .expect("the Chozick article");
    assert_eq!(
        two.authors,
        vec![
            "AMY CHOZICK".to_string(),
            "JULIE HIRSCHFELD DAVIS".to_string()
        ]
    );
}

#[test]
fn aeb_body_f1_floor() {
    let Some(report) = scorer("aeb") else { return };
    let f1 = report["body"]["f1"].as_f64().unwrap();
    assert!(f1 >= 0.970, "aeb body F1 {f1}");
}

#[test]
fn mozilla_title_and_date_floors() {
    let Some(report) = scorer("mozilla") else {
        return;
    };
    let title = report["title"]["accuracy"].as_f64().unwrap();
    let published = report["published"]["accuracy"].as_f64().unwrap();
    assert_eq!(report["title"]["n"], 127);
    assert!(title >= 0.85, "mozilla title {title}");
    assert!(published >= 0.94, "mozilla published day {published}");
}

/// The trafilatura evaluation pages: the floors for title, author set, published day,
/// `with` snippets kept and `without` snippets dropped.
#[test]
fn trafilatura_dev_title_author_date_and_boilerplate_floors() {
    let Some(report) = scorer("trafilatura-dev") else {
        return;
    };
    let title = report["title"]["accuracy"].as_f64().unwrap();
    let authors = report["authors"]["accuracy"].as_f64().unwrap();
    let published = report["published"]["accuracy"].as_f64().unwrap();
    let dropped = report["snippets"]["dropped"].as_f64().unwrap();
    let kept = report["snippets"]["kept"].as_f64().unwrap();
    assert!(title >= 0.70, "title {title}");
    assert!(authors >= 0.60, "author set {authors}");
    assert!(published >= 0.92, "published day {published}");
    assert!(dropped >= 0.92, "without-snippets dropped {dropped}");
    assert!(kept >= 0.96, "with-snippets kept {kept}");
}
