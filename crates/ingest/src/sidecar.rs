//! Sidecar metadata tables (`--metadata FILE --key COLUMN`).
//!
//! A TSV or CSV table whose rows describe files of the archive: the key column names a file (by
//! name, stem or path), `--map FIELD=COLUMN` says which columns fill which fields. Sidecar
//! values override what plain-text heuristics found (first line, file name, byline, inference)
//! but not what a page or record states itself (JSON-LD, meta tags, microdata, mail headers,
//! JSON fields). `None`, `NA`, `null`, `N/A` and empty cells are unknown. Values are used as
//! given, except authors (split and cleaned like a byline) and dates (parsed).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use pundit_model::{Document, Source};
use serde::Serialize;

use crate::extract::byline::clean_authors;
use crate::extract::dates::parse_date;
use crate::extract::SourceFile;
use crate::{FieldMap, IngestError, MapField};

/// How a table's key column names files.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum KeyKind {
    /// The file name with its extension (`article-17.txt`).
    #[default]
    Name,
    /// The file name without extensions (`article-17`).
    Stem,
    /// The path below the folder given (`2016/article-17.txt`).
    Path,
}

impl std::str::FromStr for KeyKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "name" => Ok(KeyKind::Name),
            "stem" => Ok(KeyKind::Stem),
            "path" => Ok(KeyKind::Path),
            other => Err(format!("unknown key kind {other:?} (name, stem, path)")),
        }
    }
}

/// Where a sidecar table is and how to join it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SidecarSpec {
    /// The TSV or CSV file.
    pub path: PathBuf,
    /// The column naming files.
    pub key_column: String,
    /// How it names them.
    pub key_kind: KeyKind,
    /// `--map FIELD=COLUMN`.
    pub maps: Vec<FieldMap>,
}

impl SidecarSpec {
    /// What the index records about this table.
    pub fn fingerprint(&self) -> serde_json::Value {
        serde_json::json!({
            "path": self.path,
            "key": self.key_column,
            "key_kind": self.key_kind,
            "maps": self.maps.iter().map(ToString::to_string).collect::<Vec<_>>(),
        })
    }
}

/// A loaded sidecar table.
#[derive(Debug)]
pub struct Sidecar {
    spec: SidecarSpec,
    /// Column index of each mapped field.
    columns: Vec<(MapField, usize)>,
    /// The rows (cells as given, trimmed).
    rows: Vec<Vec<String>>,
    /// The key of each row.
    keys: Vec<String>,
    /// Row index by key (the first row of a key wins).
    by_key: HashMap<String, usize>,
    /// Whether each row matched a file (set from many threads).
    matched: Vec<AtomicBool>,
}

/// Cells that mean "unknown".
pub fn is_unknown(cell: &str) -> bool {
    let c = cell.trim();
    c.is_empty()
        || ["none", "na", "n/a", "null", "nan", "nil", "-"]
            .iter()
            .any(|u| c.eq_ignore_ascii_case(u))
}

/// Sources a sidecar does not override: what the document states itself.
fn is_stated(source: Source) -> bool {
    matches!(
        source,
        Source::JsonLd
            | Source::Opengraph
            | Source::Meta
            | Source::Microdata
            | Source::Headers
            | Source::Json
    )
}

impl Sidecar {
    /// Loads the table: the delimiter comes from the extension (`.tsv`/`.tab` tab, `.csv`
    /// comma, else whichever the header line uses), the first line names the columns.
    pub fn load(spec: SidecarSpec) -> Result<Self, IngestError> {
        let fail = |cause: String| IngestError::Sidecar {
            path: spec.path.clone(),
            cause,
        };
        let bytes = std::fs::read(&spec.path).map_err(|e| fail(e.to_string()))?;
        let text = crate::decode::decode(&bytes, None).text;
        let delimiter = delimiter_for(&spec.path, &text);
        let mut records = parse_table(&text, delimiter).into_iter();
        let header = records
            .next()
            .ok_or_else(|| fail("the table is empty".into()))?;
        let header: Vec<String> = header
            .iter()
            .map(|h| h.trim().trim_start_matches('\u{feff}').to_string())
            .collect();
        let column = |name: &str| -> Result<usize, IngestError> {
            header
                .iter()
                .position(|h| h == name)
                .or_else(|| header.iter().position(|h| h.eq_ignore_ascii_case(name)))
                .ok_or_else(|| {
                    fail(format!(
                        "no column {name:?} (columns: {})",
                        header.join(", ")
                    ))
                })
        };
        let key_index = column(&spec.key_column)?;
        let mut columns = Vec::new();
        for map in &spec.maps {
            columns.push((map.field, column(&map.source)?));
        }
        let mut rows = Vec::new();
        let mut keys = Vec::new();
        let mut by_key = HashMap::new();
        for record in records {
            if record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let key = normalize_key(
                record.get(key_index).map(String::as_str).unwrap_or(""),
                spec.key_kind,
            );
            if key.is_empty() {
                continue;
            }
            by_key.entry(key.clone()).or_insert(rows.len());
            keys.push(key);
            rows.push(record.into_iter().map(|c| c.trim().to_string()).collect());
        }
        let matched = rows.iter().map(|_| AtomicBool::new(false)).collect();
        Ok(Sidecar {
            spec,
            columns,
            rows,
            keys,
            by_key,
            matched,
        })
    }

    /// Number of rows (the header not counted).
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The row describing `file`, if any.
    fn row_for(&self, file: &SourceFile) -> Option<usize> {
        let path = file.source_path.replace('\\', "/");
        match self.spec.key_kind {
            KeyKind::Name => {
                let name = path.rsplit('/').next().unwrap_or(&path);
                self.by_key.get(name).copied()
            }
            KeyKind::Stem => self.by_key.get(&file.stem()).copied(),
            KeyKind::Path => {
                let path = path.trim_start_matches("./");
                // The path below the folder given; for a file given directly, its trailing parts.
                std::iter::once(path)
                    .chain(path.match_indices('/').map(|(i, _)| &path[i + 1..]))
                    .find_map(|p| self.by_key.get(p).copied())
            }
        }
    }

    /// Applies the row describing `file`, if any, to `doc`.
    pub fn apply(&self, file: &SourceFile, doc: &mut Document) {
        let Some(row) = self.row_for(file) else {
            return;
        };
        self.matched[row].store(true, Ordering::Relaxed);
        let cells = &self.rows[row];
        for &(field, column) in &self.columns {
            let Some(cell) = cells
                .get(column)
                .map(String::as_str)
                .filter(|c| !is_unknown(c))
            else {
                continue;
            };
            let name = field.name();
            if doc.provenance.get(name).copied().is_some_and(is_stated) {
                continue;
            }
            let set = match field {
                MapField::Title => {
                    doc.title = Some(cell.to_string());
                    true
                }
                MapField::Site => {
                    doc.site = Some(cell.to_string());
                    true
                }
                MapField::Url => {
                    doc.url = Some(cell.to_string());
                    true
                }
                MapField::Description => {
                    doc.description = Some(cell.to_string());
                    true
                }
                MapField::Language => {
                    doc.language = Some(cell.to_ascii_lowercase());
                    true
                }
                MapField::Body => {
                    doc.body = cell.to_string();
                    true
                }
                MapField::Authors => {
                    let authors = sidecar_authors(cell);
                    let set = !authors.is_empty();
                    if set {
                        doc.authors = authors;
                    }
                    set
                }
                MapField::Published => match parse_date(cell) {
                    Some(date) => {
                        doc.published = Some(date);
                        doc.published_inferred = None;
                        true
                    }
                    None => false,
                },
                MapField::Modified => match parse_date(cell) {
                    Some(date) => {
                        doc.modified = Some(date);
                        true
                    }
                    None => false,
                },
            };
            if set {
                doc.set_provenance(name, Source::Sidecar);
            }
        }
    }

    /// Keys of rows that matched no file (reported after a run).
    pub fn unmatched(&self) -> Vec<String> {
        self.keys
            .iter()
            .zip(&self.matched)
            .filter(|(_, m)| !m.load(Ordering::Relaxed))
            .map(|(k, _)| k.clone())
            .collect()
    }
}

/// Authors from a byline cell: what follows the byline's first sentence is dropped ("By JANE
/// ROE. Email: …", "By JANE ROE. Follow her on Twitter"), a "by" glued to the name is cut
/// ("byJane Roe"), then the byline cleaner splits and cleans. When the cleaner keeps nothing,
/// the cell is used as written if it holds letters.
pub fn sidecar_authors(cell: &str) -> Vec<String> {
    let mut text = cell.trim();
    for prefix in ["by", "By", "BY"] {
        if let Some(rest) = text.strip_prefix(prefix) {
            if rest.starts_with(char::is_uppercase) {
                text = rest;
            }
        }
    }
    let mut end = text.len();
    for (i, _) in text.match_indices(". ") {
        let word = text[..i]
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let initial = word.chars().count() <= 2
            || [
                "Jr", "Sr", "Dr", "Mr", "Mrs", "Ms", "St", "Rev", "Gen", "Sen", "Rep", "Gov",
            ]
            .contains(&word);
        if !initial {
            end = i;
            break;
        }
    }
    let authors = clean_authors(&text[..end]);
    if !authors.is_empty() {
        return authors;
    }
    let whole = clean_authors(cell);
    if !whole.is_empty() {
        return whole;
    }
    let tidy = cell.split_whitespace().collect::<Vec<_>>().join(" ");
    let tidy = tidy.trim_matches(|c: char| !c.is_alphanumeric());
    if tidy.chars().any(char::is_alphabetic) {
        vec![tidy.to_string()]
    } else {
        Vec::new()
    }
}

fn normalize_key(cell: &str, kind: KeyKind) -> String {
    let key = cell.trim();
    match kind {
        KeyKind::Path => key.replace('\\', "/").trim_start_matches("./").to_string(),
        _ => key.to_string(),
    }
}

/// The delimiter of a table: from the extension, else from its header line.
fn delimiter_for(path: &Path, text: &str) -> char {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    if name.ends_with(".tsv") || name.ends_with(".tab") {
        return '\t';
    }
    if name.ends_with(".csv") {
        return ',';
    }
    let header = text.lines().next().unwrap_or("");
    [
        ('\t', header.matches('\t').count()),
        (',', header.matches(',').count()),
        (';', header.matches(';').count()),
    ]
    .into_iter()
    .max_by_key(|(_, n)| *n)
    .filter(|(_, n)| *n > 0)
    .map_or(',', |(d, _)| d)
}

/// Parses delimited text into records. Double quotes group a field (with `""` for a quote and
/// line breaks allowed inside) when the field starts with one; elsewhere a quote is literal, so
/// tab-separated tables without quoting keep their quotes.
pub fn parse_table(text: &str, delimiter: char) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut at_field_start = true;
    let mut in_quotes = false;
    let mut any = false;
    while let Some(c) = chars.next() {
        any = true;
        if in_quotes {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    chars.next();
                } else {
                    in_quotes = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if at_field_start && closes_cleanly(chars.clone(), delimiter) => {
                in_quotes = true;
                at_field_start = false;
            }
            c if c == delimiter => {
                record.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                at_field_start = true;
                any = false;
            }
            c => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    if any || !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records
}

/// True when a quote opening a field has a closing quote followed by the delimiter, a line end
/// or the end of the text (else the quote is part of an unquoted field: `"Trump" wins`).
fn closes_cleanly(mut rest: impl Iterator<Item = char>, delimiter: char) -> bool {
    while let Some(c) = rest.next() {
        if c == '"' {
            match rest.next() {
                Some('"') => continue,
                None => return true,
                Some(n) => return n == delimiter || n == '\n' || n == '\r',
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str) -> SourceFile {
        SourceFile {
            abs_path: PathBuf::from("/archive").join(path),
            source_path: path.to_string(),
        }
    }

    fn spec(path: &Path, kind: KeyKind, maps: &[&str]) -> SidecarSpec {
        SidecarSpec {
            path: path.to_path_buf(),
            key_column: "file".into(),
            key_kind: kind,
            maps: maps.iter().map(|m| m.parse().unwrap()).collect(),
        }
    }

    #[test]
    fn parses_quoting() {
        let t = parse_table(
            "a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n\"Trump\" wins,2,\n",
            ',',
        );
        assert_eq!(t[0], vec!["a", "b", "c"]);
        assert_eq!(t[1], vec!["x, y", "say \"hi\"", "two\nlines"]);
        assert_eq!(t[2], vec!["\"Trump\" wins", "2", ""]);
        assert_eq!(t.len(), 3);
        let t = parse_table("k\tv\n1\t\"quoted\" title\n", '\t');
        assert_eq!(t[1], vec!["1", "\"quoted\" title"]);
    }

    #[test]
    fn joins_rows_and_reports_unmatched() {
        let dir = tempfile::tempdir().unwrap();
        let table = dir.path().join("meta.tsv");
        std::fs::write(
            &table,
            "file\tpub\tdate\tauthor\ttitle\n\
a-story\tledger\t2016-03-11\tAMY ROE and JOHN DOE\tThe Real Title\n\
b-story\tNA\tNone\tNone\t\n\
c-story\tledger\tnull\t\tOrphan\n",
        )
        .unwrap();
        let sidecar = Sidecar::load(spec(
            &table,
            KeyKind::Stem,
            &[
                "site=pub",
                "published=date",
                "authors=author",
                "title=title",
            ],
        ))
        .unwrap();
        assert_eq!(sidecar.len(), 3);

        let mut doc = Document::new("2016/a-story.txt");
        doc.title = Some("First line".into());
        doc.set_provenance("title", Source::FirstLine);
        sidecar.apply(&file("2016/a-story.txt"), &mut doc);
        assert_eq!(doc.title.as_deref(), Some("The Real Title"));
        assert_eq!(doc.site.as_deref(), Some("ledger"));
        assert_eq!(doc.published.unwrap().to_string(), "2016-03-11");
        assert_eq!(doc.authors, vec!["AMY ROE", "JOHN DOE"]);
        assert_eq!(doc.provenance.get("title"), Some(&Source::Sidecar));
        assert_eq!(doc.provenance.get("authors"), Some(&Source::Sidecar));

        // Unknown cells leave what was found.
        let mut doc = Document::new("b-story.txt");
        doc.title = Some("From the text".into());
        doc.set_provenance("title", Source::FirstLine);
        sidecar.apply(&file("b-story.txt"), &mut doc);
        assert_eq!(doc.title.as_deref(), Some("From the text"));
        assert_eq!(doc.site, None);
        assert_eq!(doc.published, None);
        assert!(doc.authors.is_empty());

        // Stated metadata wins over the table.
        let mut doc = Document::new("a-story.html");
        doc.title = Some("JSON-LD headline".into());
        doc.set_provenance("title", Source::JsonLd);
        sidecar.apply(&file("x/a-story.html"), &mut doc);
        assert_eq!(doc.title.as_deref(), Some("JSON-LD headline"));

        assert_eq!(sidecar.unmatched(), vec!["c-story"]);
    }

    #[test]
    fn key_kinds_and_errors() {
        let dir = tempfile::tempdir().unwrap();
        let table = dir.path().join("meta.csv");
        std::fs::write(&table, "file,title\n2016/a.txt,\"A, titled\"\nb.txt,B\n").unwrap();
        let by_path = Sidecar::load(spec(&table, KeyKind::Path, &["title=title"])).unwrap();
        let mut doc = Document::new("2016/a.txt");
        by_path.apply(&file("2016/a.txt"), &mut doc);
        assert_eq!(doc.title.as_deref(), Some("A, titled"));
        let by_name = Sidecar::load(spec(&table, KeyKind::Name, &["title=title"])).unwrap();
        let mut doc = Document::new("sub/b.txt");
        by_name.apply(&file("sub/b.txt"), &mut doc);
        assert_eq!(doc.title.as_deref(), Some("B"));
        assert_eq!(by_name.unmatched(), vec!["2016/a.txt"]);
        let err = Sidecar::load(spec(&table, KeyKind::Name, &["title=headline"])).unwrap_err();
        assert!(err.to_string().contains("headline"), "{err}");
        assert!(Sidecar::load(spec(&dir.path().join("missing.tsv"), KeyKind::Name, &[])).is_err());
    }

    #[test]
    fn extract_paths_joins_the_table() {
        let dir = tempfile::tempdir().unwrap();
        let docs_dir = dir.path().join("docs");
        std::fs::create_dir(&docs_dir).unwrap();
        std::fs::write(
            docs_dir.join("one.txt"),
            "A first line that is a title.\n\nBody text of the first file.\n",
        )
        .unwrap();
        std::fs::write(
            docs_dir.join("two.txt"),
            "Another title\n\nBy Someone Else\n\nBody text.\n",
        )
        .unwrap();
        let table = dir.path().join("meta.csv");
        std::fs::write(&table, "file,site,date,author\none.txt,ledger,2016-03-11,\"ROE, JANE\"\ntwo.txt,N/A,None,AMY ROE and JOHN DOE\ngone.txt,x,2016,\n").unwrap();
        let options = crate::IngestOptions {
            entities: false,
            threads: 2,
            metadata: Some(SidecarSpec {
                path: table,
                key_column: "file".into(),
                key_kind: KeyKind::Name,
                maps: ["site=site", "published=date", "authors=author"]
                    .iter()
                    .map(|m| m.parse().unwrap())
                    .collect(),
            }),
            ..Default::default()
        };
        let (docs, problems) = crate::extract_paths(&[docs_dir], &options, None).unwrap();
        let one = docs.iter().find(|d| d.source_path == "one.txt").unwrap();
        assert_eq!(one.site.as_deref(), Some("ledger"));
        assert_eq!(one.published.unwrap().to_string(), "2016-03-11");
        assert_eq!(one.provenance.get("published"), Some(&Source::Sidecar));
        let two = docs.iter().find(|d| d.source_path == "two.txt").unwrap();
        assert_eq!(two.site, None);
        assert_eq!(two.authors, vec!["AMY ROE", "JOHN DOE"]);
        assert!(
            problems
                .iter()
                .any(|p| p.to_string().contains("1 rows match no file")),
            "{problems:?}"
        );
    }

    #[test]
    fn author_cells() {
        assert_eq!(
            sidecar_authors("By JANE ROE. Email: jroe@example.com,Twitter: @jroe"),
            vec!["JANE ROE"]
        );
        assert_eq!(sidecar_authors("byJane Q. Roe"), vec!["Jane Q. Roe"]);
        assert_eq!(
            sidecar_authors("Heidi M. Example, USA TODAY"),
            clean_authors("Heidi M. Example, USA TODAY")
        );
        assert_eq!(sidecar_authors(", ,"), Vec::<String>::new());
    }

    #[test]
    fn unknown_cells() {
        for cell in ["", " ", "None", "NA", "null", "N/A", "n/a", "NULL"] {
            assert!(is_unknown(cell), "{cell:?}");
        }
        assert!(!is_unknown("AP"));
    }
}
