//! The extract stage: one input file's bytes in, normalized [`Document`]s out.
//!
//! [`extract_file`] decodes and dispatches by [`Format`]; each format module fills what its
//! input states, with provenance; [`finalize`] then adds what every document gets the same way
//! (id, language, word count, content hash, a date from the file name).

pub mod byline;
pub mod dates;
pub mod html;
pub mod json;
pub mod mail;
pub mod text;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use pundit_model::{Document, Source};
use xxhash_rust::xxh3::xxh3_128;

use crate::decode;
use crate::format::{self, Format};
use crate::read;
use crate::sidecar::Sidecar;
use crate::{FieldMap, Problem};

/// An input file as the pipeline sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Absolute path (symlinks not resolved): the file's identity in the index.
    pub abs_path: PathBuf,
    /// For a folder argument, the path below it with `/` separators; for a file argument, the
    /// argument as given.
    pub source_path: String,
}

impl SourceFile {
    /// The file name without compression and format extensions ("2016-03-11_speech").
    pub fn stem(&self) -> String {
        let name = Path::new(&self.source_path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        match name.rsplit_once('.') {
            Some((stem, ext))
                if !stem.is_empty()
                    && ext.len() <= 8
                    && !ext.chars().all(|c| c.is_ascii_digit()) =>
            {
                stem.to_string()
            }
            _ => name.to_string(),
        }
    }
}

/// Options that shape extracted documents.
#[derive(Debug, Clone, Default)]
pub struct ExtractOptions {
    /// `--map FIELD=SOURCE`: JSON keys (and sidecar columns) feeding model fields.
    pub maps: Vec<FieldMap>,
    /// Largest input after decompression.
    pub max_file_bytes: u64,
    /// A sidecar metadata table joined to files.
    pub sidecar: Option<Arc<Sidecar>>,
}

/// What extracting one file gave.
#[derive(Debug, Default)]
pub struct Extracted {
    /// The documents (one per file, or one per JSON record).
    pub docs: Vec<Document>,
    /// Records skipped and warnings.
    pub problems: Vec<Problem>,
}

/// Reads and extracts one file. `Err` when the whole file is skipped (unreadable, binary,
/// empty, malformed JSON …), with the cause.
pub fn extract_path(file: &SourceFile, options: &ExtractOptions) -> Result<Extracted, Problem> {
    let bytes = read::read_input(&file.abs_path, options.max_file_bytes)
        .map_err(|cause| Problem::skipped(&file.source_path, cause))?;
    extract_bytes(file, &bytes, options)
}

/// Extracts one file's (decompressed) bytes: every document, in input order.
pub fn extract_bytes(
    file: &SourceFile,
    bytes: &[u8],
    options: &ExtractOptions,
) -> Result<Extracted, Problem> {
    let docs = std::sync::Mutex::new(Vec::new());
    let problems = extract_each(file, bytes, options, &|doc| {
        docs.lock().expect("document list").push(doc)
    })?;
    let mut docs = docs.into_inner().expect("document list");
    docs.sort_by_key(|d| d.record);
    Ok(Extracted { docs, problems })
}

/// Extracts one file's (decompressed) bytes, handing each finished document to `sink` as soon
/// as it is ready — from several threads at once for a large JSON Lines file, so that indexing
/// overlaps extraction. Returns the records skipped and warnings; `Err` when the whole file is
/// skipped, in which case `sink` was never called.
pub fn extract_each(
    file: &SourceFile,
    bytes: &[u8],
    options: &ExtractOptions,
    sink: &(dyn Fn(Document) + Sync),
) -> Result<Vec<Problem>, Problem> {
    let skip = |cause: &str| Problem::skipped(&file.source_path, cause);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(skip("empty file"));
    }
    if let Some(kind) = read::binary_kind(bytes) {
        return Err(skip(&format!("binary file ({kind})")));
    }
    let named = format::format_from_name(Path::new(&file.source_path));
    let (format, decoded) = match named {
        Some(Format::Html) => (Format::Html, decode::decode_html(bytes)),
        Some(format) => (format, decode::decode(bytes, None)),
        None => {
            let decoded = decode::decode(bytes, None);
            let format = format::sniff(&decoded.text);
            let decoded = if format == Format::Html {
                decode::decode_html(bytes)
            } else {
                decoded
            };
            (format, decoded)
        }
    };
    let mut problems = Vec::new();
    if let Some(warning) = &decoded.warning {
        problems.push(Problem::warning(&file.source_path, warning));
    }
    let deliver = |mut doc: Document| {
        if let Some(sidecar) = &options.sidecar {
            sidecar.apply(file, &mut doc);
        }
        finalize(file, &mut doc);
        sink(doc)
    };
    let text = decoded.text;
    match format {
        Format::Html => deliver(html::extract(file, &text)),
        Format::Text => deliver(text::extract(file, &text)),
        Format::Mail => deliver(mail::extract(file, bytes, &text)),
        Format::Json => {
            let (docs, skipped) = json::extract(file, &text, &options.maps)?;
            if docs.is_empty() {
                return Err(skip("no JSON records"));
            }
            problems.extend(skipped);
            docs.into_iter().for_each(deliver);
        }
        Format::Jsonl => {
            problems.extend(json::extract_lines(file, &text, &options.maps, &deliver)?)
        }
    }
    Ok(problems)
}

/// Fills what every document gets the same way: id, a date from the URL or file name when none
/// is stated, language, word count and content hash.
pub fn finalize(file: &SourceFile, doc: &mut Document) {
    doc.source_path = file.source_path.clone();
    doc.id = document_id(&file.abs_path, doc.record);
    if doc.published.is_none() {
        if let Some(date) = doc.url.as_deref().and_then(dates::date_in_path) {
            doc.published = Some(date);
            doc.set_provenance("published", Source::Url);
        } else if let Some(date) = dates::date_in_path(&file.stem()) {
            doc.published = Some(date);
            doc.set_provenance("published", Source::Filename);
        }
    }
    if doc.published.is_some() {
        doc.published_inferred = None;
    }
    finalize_text(doc);
}

/// Language, word count and content hash of a document's text.
pub fn finalize_text(doc: &mut Document) {
    let (words, normalized) = normalize_words(&doc.body);
    let digest = xxh3_128(&normalized);
    doc.word_count = words;
    doc.content_hash = format!("{digest:032x}");
    if doc.language.is_none() {
        if let Some(lang) = detect_language(&doc.body) {
            doc.language = Some(lang);
            doc.set_provenance("language", Source::Detector);
        }
    }
}

/// The number of words of `text` and its words lowercased and joined by single spaces, as
/// UTF-8: what the content hash is computed from. The same as lowercasing each word of
/// `split_whitespace` (five times as fast: this runs once per document and was its costliest
/// step). Runs of ASCII are handled byte by byte; other characters one at a time.
fn normalize_words(text: &str) -> (u64, Vec<u8>) {
    let bytes = text.as_bytes();
    let mut normalized = Vec::with_capacity(bytes.len() + 16);
    let mut words = 0u64;
    let mut space_before = false;
    let mut start_word = |normalized: &mut Vec<u8>, space_before: &mut bool| {
        if *space_before || words == 0 {
            if words > 0 {
                normalized.push(b' ');
            }
            words += 1;
            *space_before = false;
        }
    };
    let mut at = 0;
    while at < bytes.len() {
        let ascii_end = bytes[at..]
            .iter()
            .position(|&b| !b.is_ascii())
            .map_or(bytes.len(), |p| at + p);
        for &byte in &bytes[at..ascii_end] {
            if byte.is_ascii_whitespace() || byte == 0x0b {
                space_before = true;
            } else {
                start_word(&mut normalized, &mut space_before);
                normalized.push(byte.to_ascii_lowercase());
            }
        }
        at = ascii_end;
        // `at` is a character boundary: the byte before it, if any, is ASCII.
        if let Some(c) = text[at..].chars().next() {
            at += c.len_utf8();
            if c.is_whitespace() {
                space_before = true;
            } else {
                start_word(&mut normalized, &mut space_before);
                let mut buffer = [0u8; 4];
                for lower in c.to_lowercase() {
                    normalized.extend_from_slice(lower.encode_utf8(&mut buffer).as_bytes());
                }
            }
        }
    }
    (words, normalized)
}

/// The stable id of the document at `record` of the file at `abs_path`.
pub fn document_id(abs_path: &Path, record: Option<u64>) -> String {
    let mut key = abs_path.to_string_lossy().into_owned().into_bytes();
    key.push(0);
    key.extend_from_slice(record.unwrap_or(0).to_string().as_bytes());
    format!("{:016x}", (xxh3_128(&key) >> 64) as u64)
}

/// ISO 639-1 code of the text's language, when the detector is confident.
pub fn detect_language(text: &str) -> Option<String> {
    // whatlang's cost grows with the sample up to a few hundred characters (about 55 µs for
    // 200, 95 µs for 600), and 200 characters decide as well as 5,000 on almost every text;
    // those that 200 leave undecided get a second look at 600 (measured on the UN speeches and
    // the trafilatura evaluation pages: no confident answer differs).
    let info = [200, 600].into_iter().find_map(|limit| {
        if limit > 200 && text.len() <= 200 {
            return None; // the first look saw it all
        }
        let mut end = text.len().min(limit);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let sample = &text[..end];
        if sample.split_whitespace().count() < 5 {
            return None;
        }
        whatlang::detect(sample).filter(|info| info.is_reliable() || info.confidence() >= 0.5)
    })?;
    let code = match info.lang() {
        whatlang::Lang::Eng => "en",
        whatlang::Lang::Deu => "de",
        whatlang::Lang::Fra => "fr",
        whatlang::Lang::Spa => "es",
        whatlang::Lang::Ita => "it",
        whatlang::Lang::Por => "pt",
        whatlang::Lang::Nld => "nl",
        whatlang::Lang::Rus => "ru",
        whatlang::Lang::Ukr => "uk",
        whatlang::Lang::Pol => "pl",
        whatlang::Lang::Tur => "tr",
        whatlang::Lang::Ara => "ar",
        whatlang::Lang::Heb => "he",
        whatlang::Lang::Cmn => "zh",
        whatlang::Lang::Jpn => "ja",
        whatlang::Lang::Kor => "ko",
        whatlang::Lang::Swe => "sv",
        whatlang::Lang::Dan => "da",
        whatlang::Lang::Fin => "fi",
        whatlang::Lang::Ces => "cs",
        whatlang::Lang::Ell => "el",
        whatlang::Lang::Hun => "hu",
        whatlang::Lang::Ron => "ro",
        whatlang::Lang::Ind => "id",
        whatlang::Lang::Vie => "vi",
        whatlang::Lang::Hin => "hi",
        whatlang::Lang::Pes => "fa",
        other => return Some(other.code().to_string()),
    };
    Some(code.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finalized(body: &str) -> Document {
        let mut doc = Document {
            body: body.to_string(),
            ..Document::default()
        };
        finalize_text(&mut doc);
        doc
    }

    #[test]
    fn normalized_words_are_the_lowercased_split_whitespace_words() {
        for text in [
            "",
            "   ",
            "One",
            " Le Président\u{a0} parle\n\nof\u{b}the \u{2003}NATIONS — İstanbul ΣΟΦΊΑ ",
            "tab\tand\r\nnewline\u{85}next\u{3000}ideographic",
        ] {
            let expected: Vec<String> = text
                .split_whitespace()
                .map(|w| w.chars().flat_map(char::to_lowercase).collect())
                .collect();
            let (words, normalized) = normalize_words(text);
            assert_eq!(words, expected.len() as u64, "{text:?}");
            assert_eq!(normalized, expected.join(" ").as_bytes(), "{text:?}");
        }
    }

    #[test]
    fn content_hash_ignores_case_and_spacing_but_not_words() {
        let a = finalized("Le Président\u{a0} parle\n\nof\u{b}the \u{2003}Nations");
        let b = finalized("le président parle of the nations ");
        let c = finalized("le président parle of the nation");
        assert_eq!(a.word_count, 6);
        assert_eq!(a.content_hash, b.content_hash);
        assert_ne!(a.content_hash, c.content_hash);
        assert_eq!(a.content_hash.len(), 32);
    }

    #[test]
    fn language_is_detected_from_the_body() {
        let doc = finalized(
            "The Secretary-General told the assembly that the nations of the world must \
             act together on climate change before it is too late for all of us.",
        );
        assert_eq!(doc.language.as_deref(), Some("en"));
        assert_eq!(finalized("two words").language, None);
    }
}
