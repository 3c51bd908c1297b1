//! JSON objects, arrays of objects, and JSON Lines.
//!
//! Default field names (the first present wins; `--map FIELD=KEY` overrides, `KEY` may be a
//! dotted path such as `meta.author`):
//!
//! | field | keys |
//! |---|---|
//! | title | `title`, `headline`, `subject` |
//! | authors | `authors`, `author`, `byline`, `creator` |
//! | published | `published`, `date`, `published_at`, `datePublished`, `pubdate`, `year` |
//! | modified | `modified`, `updated`, `dateModified` |
//! | url | `url`, `link`, `canonical_url` |
//! | site | `site`, `source`, `publisher`, `site_name` |
//! | body | `body`, `text`, `content`, `articleBody` |
//! | description | `description`, `summary`, `abstract` |
//! | language | `language`, `lang` |
//!
//! A record may also carry Pundit's own `entities`, `posts`, `cited` and `links`, so the output
//! of `pundit extract` can be indexed again.

use rayon::prelude::*;
use serde_json::Value;

use pundit_model::{Cited, Document, Entities, PartialDate, Post, Source};

use super::byline::{clean_authors, clean_name};
use super::dates::parse_date;
use super::SourceFile;
use crate::{FieldMap, MapField, Problem};

/// Extracts the records of a JSON file: one object or an array of objects. (JSON Lines go
/// through [`super::extract_jsonl`], piece by piece, and [`extract_lines`].)
pub fn extract(
    file: &SourceFile,
    text: &str,
    maps: &[FieldMap],
) -> Result<(Vec<Document>, Vec<Problem>), Problem> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        Problem::skipped(
            &file.source_path,
            format!(
                "malformed JSON at line {}, column {}: {e}",
                e.line(),
                e.column()
            ),
        )
    })?;
    Ok(match value {
        Value::Array(items) => {
            let mut docs = Vec::new();
            let mut problems = Vec::new();
            for (i, item) in items.into_iter().enumerate() {
                let record = i as u64 + 1;
                match item {
                    Value::Object(_) => docs.push(from_value(file, item, Some(record), maps)),
                    _ => problems.push(Problem::skipped(
                        format!("{}#{record}", file.source_path),
                        "array item is not a JSON object",
                    )),
                }
            }
            (docs, problems)
        }
        Value::Object(_) => (vec![from_value(file, value, None, maps)], Vec::new()),
        _ => {
            return Err(Problem::skipped(
                &file.source_path,
                "JSON is neither an object nor an array of objects",
            ))
        }
    })
}

/// Extracts the records of a piece of JSON Lines text whose first line is line `first_line` of
/// its file, handing each document to `sink` as it is ready (several threads at once for a big
/// piece). Returns the number of records handed on and the lines skipped.
pub fn extract_lines(
    file: &SourceFile,
    text: &str,
    first_line: u64,
    maps: &[FieldMap],
    sink: &(dyn Fn(Document) + Sync),
) -> (u64, Vec<Problem>) {
    let numbered: Vec<(u64, &str)> = text
        .split('\n')
        .zip(first_line..)
        .filter(|(line, _)| !line.trim().is_empty())
        .map(|(line, number)| (number, line))
        .collect();
    let problems = std::sync::Mutex::new(Vec::new());
    let records = std::sync::atomic::AtomicU64::new(0);
    let handle = |&(record, line): &(u64, &str)| {
        let at = || format!("{}:{record}", file.source_path);
        let problem = match serde_json::from_str::<Value>(line) {
            Ok(value @ Value::Object(_)) => {
                sink(from_value(file, value, Some(record), maps));
                records.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                return;
            }
            Ok(_) => Problem::skipped(at(), "line is not a JSON object"),
            Err(e) => Problem::skipped(
                at(),
                format!("malformed JSON line (column {}: {e})", e.column()),
            ),
        };
        problems.lock().expect("problems").push(problem);
    };
    if numbered.len() > 64 {
        numbered.par_iter().with_min_len(16).for_each(handle);
    } else {
        numbered.iter().for_each(handle);
    }
    let problems = problems.into_inner().expect("problems");
    (records.into_inner(), problems)
}

/// Takes the string feeding `field` out of `value` (leaving an empty string), when it is one.
fn take_string(value: &mut Value, field: MapField, maps: &[FieldMap]) -> Option<String> {
    let path: String = match maps.iter().find(|m| m.field == field) {
        Some(map) => map.source.clone(),
        None => field
            .default_keys()
            .iter()
            .find(|key| lookup(value, key).is_some())?
            .to_string(),
    };
    let mut current = value;
    for key in path.split('.') {
        current = current.get_mut(key)?;
    }
    match current {
        Value::String(s) => Some(std::mem::take(s)),
        _ => None,
    }
}

/// `text` without leading and trailing white space, in its own buffer: most bodies of a corpus
/// end with a line break, and a trimmed copy of each was a copy of the whole corpus.
fn trim_in_place(mut text: String) -> String {
    let end = text.trim_end().len();
    text.truncate(end);
    let start = text.len() - text.trim_start().len();
    text.drain(..start);
    text
}

fn lookup<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    let mut current = value;
    for key in path.split('.') {
        current = current.get(key)?;
    }
    (!current.is_null()).then_some(current)
}

/// The value feeding `field`: the mapped key, else the first default key present.
fn source<'v>(value: &'v Value, field: MapField, maps: &[FieldMap]) -> Option<&'v Value> {
    if let Some(map) = maps.iter().find(|m| m.field == field) {
        return lookup(value, &map.source);
    }
    field
        .default_keys()
        .iter()
        .find_map(|key| lookup(value, key))
}

fn as_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(as_text).collect();
            (!parts.is_empty()).then(|| parts.join("\n\n"))
        }
        Value::Object(map) => map.get("name").and_then(as_text),
        _ => None,
    }
}

/// A date from a JSON value: text, a year number (1790), or a Unix timestamp in seconds or
/// milliseconds.
pub fn as_date(value: &Value) -> Option<PartialDate> {
    match value {
        Value::String(s) => parse_date(s),
        Value::Number(n) => {
            let n = n.as_i64()?;
            match n {
                1000..=2100 => Some(PartialDate::Year(n as i32)),
                100_000_000..=99_999_999_999 => time::OffsetDateTime::from_unix_timestamp(n)
                    .ok()
                    .map(PartialDate::DateTime),
                100_000_000_000.. => time::OffsetDateTime::from_unix_timestamp(n / 1000)
                    .ok()
                    .map(PartialDate::DateTime),
                _ => None,
            }
        }
        _ => None,
    }
}

fn authors_of(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => clean_authors(s),
        Value::Array(items) => {
            let mut out: Vec<String> = Vec::new();
            for name in items
                .iter()
                .filter_map(as_text)
                .filter_map(|n| clean_name(&n))
            {
                if !out.contains(&name) {
                    out.push(name);
                }
            }
            out
        }
        Value::Object(_) => as_text(value)
            .and_then(|n| clean_name(&n))
            .into_iter()
            .collect(),
        _ => Vec::new(),
    }
}

fn from_value(
    file: &SourceFile,
    mut value: Value,
    record: Option<u64>,
    maps: &[FieldMap],
) -> Document {
    let mut doc = Document::new(&file.source_path);
    doc.record = record;
    // The body is the bulk of a record: move it out of the parsed value instead of copying it.
    let body = take_string(&mut value, MapField::Body, maps);
    let value = &value;
    let text = |field: MapField| source(value, field, maps).and_then(as_text);
    if let Some(title) = text(MapField::Title) {
        doc.title = Some(title);
        doc.set_provenance("title", Source::Json);
    } else {
        let stem = super::text::title_from_stem(&file.stem());
        doc.title = Some(match record {
            Some(n) => format!("{stem} #{n}"),
            None => stem,
        });
        doc.set_provenance("title", Source::Filename);
    }
    if let Some(authors) = source(value, MapField::Authors, maps)
        .map(authors_of)
        .filter(|a| !a.is_empty())
    {
        doc.authors = authors;
        doc.set_provenance("authors", Source::Json);
    }
    if let Some(date) = source(value, MapField::Published, maps).and_then(as_date) {
        doc.published = Some(date);
        doc.set_provenance("published", Source::Json);
    }
    if let Some(date) = source(value, MapField::Modified, maps).and_then(as_date) {
        doc.modified = Some(date);
        doc.set_provenance("modified", Source::Json);
    }
    for (field, slot, name) in [
        (MapField::Url, &mut doc.url, "url"),
        (MapField::Site, &mut doc.site, "site"),
        (MapField::Description, &mut doc.description, "description"),
        (MapField::Language, &mut doc.language, "language"),
    ] {
        if let Some(v) = text(field) {
            *slot = Some(v);
            doc.provenance.insert(name.to_string(), Source::Json);
        }
    }
    doc.body = match body {
        Some(text) => trim_in_place(text),
        None => text(MapField::Body).unwrap_or_default(),
    };
    if let Some(entities) = value
        .get("entities")
        .and_then(|e| serde_json::from_value::<Entities>(e.clone()).ok())
    {
        doc.entities = entities;
    }
    if let Some(posts) = value
        .get("posts")
        .and_then(|p| serde_json::from_value::<Vec<Post>>(p.clone()).ok())
    {
        doc.posts = posts;
    }
    if let Some(cited) = value
        .get("cited")
        .and_then(|c| serde_json::from_value::<Vec<Cited>>(c.clone()).ok())
    {
        doc.cited = cited;
    }
    if let Some(links) = value
        .get("links")
        .and_then(|l| serde_json::from_value::<Vec<String>>(l.clone()).ok())
    {
        doc.links = links;
    }
    if let Some(inferred) = value.get("published_inferred").and_then(as_date) {
        doc.published_inferred = Some(inferred);
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_are_trimmed_in_their_own_buffer() {
        for (text, trimmed) in [
            ("  Mr. President,\n", "Mr. President,"),
            ("Mr. President,\n\n", "Mr. President,"),
            ("\u{a0}Thank you.", "Thank you."),
            ("as is", "as is"),
            (" \n ", ""),
        ] {
            assert_eq!(trim_in_place(text.to_string()), trimmed);
        }
    }
}
