//! The extract stage: one input file's bytes in, normalized [`Document`]s out.
//!
//! [`extract_each`] decodes and dispatches by [`Format`]; each format module fills what its
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
    let blank = bytes.iter().all(u8::is_ascii_whitespace);
    if let Some(cause) = unreadable(blank, bytes) {
        return Err(Problem::skipped(&file.source_path, cause));
    }
    let named = format::format_from_name(Path::new(&file.source_path));
    let (format, decoded) = match named {
        Some(Format::Jsonl) if std::str::from_utf8(bytes).is_ok() => {
            return extract_jsonl(file, bytes, options, sink)
        }
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
    let deliver = |doc| deliver(file, options, sink, doc);
    let text = decoded.text;
    match format {
        Format::Html => deliver(html::extract(file, &text)),
        Format::Text => deliver(text::extract(file, &text)),
        Format::Mail => deliver(mail::extract(file, bytes, &text)),
        Format::Json => {
            let (docs, skipped) = json::extract(file, &text, &options.maps)?;
            if docs.is_empty() {
                return Err(Problem::skipped(&file.source_path, "no JSON records"));
            }
            problems.extend(skipped);
            docs.into_iter().for_each(deliver);
        }
        Format::Jsonl => problems.extend(extract_jsonl(file, text.as_bytes(), options, sink)?),
    }
    Ok(problems)
}

/// Why a file is skipped before extraction, judged from whether it is all white space and from
/// its first [`read::HEAD_BYTES`] bytes: empty, or binary.
pub fn unreadable(blank: bool, head: &[u8]) -> Option<String> {
    if blank {
        return Some("empty file".into());
    }
    read::binary_kind(head).map(|kind| format!("binary file ({kind})"))
}

/// Size of the pieces a JSON Lines file is read and decoded in: large enough to keep every
/// thread busy with whole records, small enough that a file of any size streams through a
/// little memory.
const JSONL_CHUNK_BYTES: usize = 4 << 20;

/// Extracts a JSON Lines file read as a stream, piece by piece, from several threads at once,
/// handing each document to `sink` as soon as it is ready: indexing overlaps reading and
/// extraction, and the file is never held whole. Returns the lines skipped and warnings; `Err`,
/// with `sink` never called, when no line is a valid record or the stream cannot be read to
/// its end before any record.
pub fn extract_jsonl(
    file: &SourceFile,
    reader: impl std::io::Read + Send,
    options: &ExtractOptions,
    sink: &(dyn Fn(Document) + Sync),
) -> Result<Vec<Problem>, Problem> {
    use rayon::iter::{ParallelBridge, ParallelIterator};
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::Mutex;

    let deliver = |doc| deliver(file, options, sink, doc);
    let records = AtomicU64::new(0);
    let problems = Mutex::new(Vec::new());
    let decode_warning = Mutex::new(None);
    let read_error = Mutex::new(None);
    read::LineChunks::new(reader, JSONL_CHUNK_BYTES)
        .par_bridge()
        .for_each(|chunk| match chunk {
            Ok((first_line, bytes)) => {
                let decoded = decode::decode(&bytes, None);
                if let Some(warning) = decoded.warning {
                    // Said once per file, not once per piece.
                    decode_warning
                        .lock()
                        .expect("warning")
                        .get_or_insert(warning);
                }
                let (read, skipped) =
                    json::extract_lines(file, &decoded.text, first_line, &options.maps, &deliver);
                records.fetch_add(read, Ordering::Relaxed);
                problems.lock().expect("problems").extend(skipped);
            }
            Err(e) => *read_error.lock().expect("read error") = Some(e),
        });
    let records = records.into_inner();
    let mut problems = problems.into_inner().expect("problems");
    let read_error = read_error.into_inner().expect("read error");
    let skip = |cause: String| Err(Problem::skipped(&file.source_path, cause));
    match read_error {
        Some(e) if records == 0 => return skip(read::io_cause(&e)),
        Some(e) => problems.push(Problem::skipped(
            &file.source_path,
            format!(
                "stopped reading after {records} records: {}",
                read::io_cause(&e)
            ),
        )),
        None if records == 0 && !problems.is_empty() => {
            return skip(format!("no valid JSON line ({} malformed)", problems.len()))
        }
        None => {}
    }
    problems.sort_by(|a, b| a.path.cmp(&b.path));
    if let Some(warning) = decode_warning.into_inner().expect("warning") {
        problems.insert(0, Problem::warning(&file.source_path, warning));
    }
    Ok(problems)
}

/// Applies the sidecar row and [`finalize`] to a document, then hands it to `sink`.
fn deliver(
    file: &SourceFile,
    options: &ExtractOptions,
    sink: &(dyn Fn(Document) + Sync),
    mut doc: Document,
) {
    if let Some(sidecar) = &options.sidecar {
        sidecar.apply(file, &mut doc);
    }
    finalize(file, &mut doc);
    sink(doc)
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
/// `split_whitespace`, several times as fast (this runs once per document): ASCII is handled
/// without a branch per byte (each byte is written, and kept unless it continues a run of white
/// space: the ends of words are too irregular to predict), other characters one at a time.
fn normalize_words(text: &str) -> (u64, Vec<u8>) {
    let bytes = text.as_bytes();
    // ASCII output never outgrows the input: each space written replaces white space read.
    let mut normalized = vec![0u8; bytes.len() + 8];
    let mut len = 0;
    let mut words = 0u64;
    // Whether the last character read was white space; the text starts as if after some.
    let mut after_space = true;
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        if byte.is_ascii() {
            let space = ASCII_SPACE[usize::from(byte)];
            normalized[len] = if space {
                b' '
            } else {
                byte.to_ascii_lowercase()
            };
            len += usize::from(!(space && after_space));
            words += u64::from(after_space && !space);
            after_space = space;
            at += 1;
            continue;
        }
        let c = text[at..].chars().next().expect("a character starts here");
        at += c.len_utf8();
        if c.is_whitespace() {
            if !after_space {
                normalized[len] = b' ';
                len += 1;
            }
            after_space = true;
            continue;
        }
        words += u64::from(after_space);
        after_space = false;
        for lower in c.to_lowercase() {
            // A lowercase form can be longer than its capital ('İ' → "i̇").
            if normalized.len() < len + 4 {
                normalized.resize(len + 8 + (bytes.len() - at), 0);
            }
            len += lower.encode_utf8(&mut normalized[len..]).len();
        }
    }
    if after_space && len > 0 {
        len -= 1; // the space written for trailing white space
    }
    normalized.truncate(len);
    (words, normalized)
}

/// ASCII bytes that `char::is_whitespace` calls white space (tab to carriage return, space).
const ASCII_SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0x09;
    while byte <= 0x0d {
        table[byte] = true;
        byte += 1;
    }
    table[0x20] = true;
    table
};

/// The stable id of the document at `record` of the file at `abs_path`.
pub fn document_id(abs_path: &Path, record: Option<u64>) -> String {
    let mut key = abs_path.to_string_lossy().into_owned().into_bytes();
    key.push(0);
    key.extend_from_slice(record.unwrap_or(0).to_string().as_bytes());
    format!("{:016x}", (xxh3_128(&key) >> 64) as u64)
}

/// Words frequent in any English prose that are not words of the other languages the detector
/// tells apart ("of" is Dutch, "in", "is", "to", "a", "on", "we" are words of several).
const ENGLISH_FUNCTION_WORDS: [&str; 16] = [
    "the", "and", "that", "with", "this", "from", "which", "have", "been", "were", "would",
    "their", "they", "there", "what", "will",
];

/// Whether a sample is English prose beyond doubt: at least 25 words, one in twelve of them an
/// English function word (running English has about one in six). whatlang compares a text's
/// trigrams with those of every language of its script (about 55 µs a call, 8% of an ingest
/// run's CPU); this answers most English documents in a fraction of a microsecond. On 13,000
/// documents of the shared corpora and evaluation pages, every sample it calls English whatlang
/// also calls English.
fn plainly_english(sample: &str) -> bool {
    let (mut words, mut marks) = (0usize, 0usize);
    for word in sample.split(|c: char| !c.is_alphabetic()) {
        if word.is_empty() {
            continue;
        }
        words += 1;
        if word.len() <= 5
            && ENGLISH_FUNCTION_WORDS
                .iter()
                .any(|mark| mark.eq_ignore_ascii_case(word))
        {
            marks += 1;
        }
    }
    words >= 25 && marks >= 2 && marks * 12 >= words
}

/// ISO 639-1 code of the text's language, when the detector is confident.
pub fn detect_language(text: &str) -> Option<String> {
    // whatlang's cost grows with the sample up to a few hundred characters (about 55 µs for
    // 200, 95 µs for 600), and 200 characters decide as well as 5,000 on almost every text;
    // those that 200 leave undecided get a second look at 600 (measured on the UN speeches and
    // the trafilatura evaluation pages: no confident answer differs).
    let sample = |limit: usize| {
        let mut end = text.len().min(limit);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        &text[..end]
    };
    if plainly_english(sample(200)) {
        return Some("en".to_string());
    }
    let info = [200, 600].into_iter().find_map(|limit| {
        if limit > 200 && text.len() <= 200 {
            return None; // the first look saw it all
        }
        let sample = sample(limit);
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

    #[test]
    fn plain_english_is_told_without_the_detector_and_other_languages_are_not() {
        let english = "The committee said on Tuesday that it would review the budget, which \
            has been delayed for months, and that its members were ready to meet with the \
            minister from the coalition this week.";
        assert!(plainly_english(english));
        assert_eq!(detect_language(english).as_deref(), Some("en"));
        for (text, code) in [
            (
                "Die Regierung hat am Dienstag erklärt, dass sie den Haushalt prüfen werde, der \
                 seit Monaten verzögert ist, und dass die Mitglieder bereit seien, den Minister \
                 der Koalition in dieser Woche zu treffen.",
                "de",
            ),
            (
                "De commissie zei dinsdag dat zij de begroting zal herzien, die al maanden is \
                 vertraagd, of dat de leden bereid zijn om deze week de minister van de \
                 coalitie te ontmoeten in Den Haag.",
                "nl",
            ),
        ] {
            assert!(!plainly_english(text), "{code}");
            assert_eq!(detect_language(text).as_deref(), Some(code));
        }
        // Too short to be sure: left to the detector.
        assert!(!plainly_english("What about their kids? And the rest?"));
    }

    #[test]
    fn a_json_lines_file_larger_than_a_chunk_streams_every_record_with_its_line_number() {
        let file = SourceFile {
            abs_path: PathBuf::from("/archive/big.jsonl"),
            source_path: "big.jsonl".into(),
        };
        let records = 3 * JSONL_CHUNK_BYTES / 1000;
        let mut input = String::new();
        for n in 1..=records {
            let body = format!("Speech number {n} on the Senate floor. ").repeat(20);
            input.push_str(&format!("{{\"title\": \"t{n}\", \"body\": \"{body}\"}}\n"));
            if n == records / 2 {
                input.push_str("{not json\n\n");
            }
        }
        let seen = std::sync::Mutex::new(Vec::new());
        let problems = extract_jsonl(
            &file,
            input.as_bytes(),
            &ExtractOptions::default(),
            &|doc| {
                let title = doc.title.clone().unwrap_or_default();
                seen.lock().unwrap().push((doc.record, title));
            },
        )
        .unwrap();
        let mut seen = seen.into_inner().unwrap();
        seen.sort();
        assert_eq!(seen.len(), records);
        // Line numbers: the bad line and the blank line after it shift the rest by two.
        let shift = |n: usize| if n > records / 2 { 2 } else { 0 };
        for (i, (record, title)) in seen.iter().enumerate() {
            let n = i + 1;
            assert_eq!(*record, Some((n + shift(n)) as u64));
            assert_eq!(title, &format!("t{n}"));
        }
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].path, format!("big.jsonl:{}", records / 2 + 1));
        let all_bad = extract_jsonl(
            &file,
            &b"{oops\n[1]\n"[..],
            &ExtractOptions::default(),
            &|_| panic!("nothing is delivered from a file with no valid line"),
        );
        assert!(all_bad
            .unwrap_err()
            .cause
            .contains("no valid JSON line (2 malformed)"));
    }

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
            // Each 'İ' lowercases to three bytes: the output outgrows the input.
            "İİİİİİİİİİİİ İİ x",
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

    proptest::proptest! {
        #[test]
        fn normalized_words_match_the_plain_definition_on_any_text(
            text in "([a-zA-Z\\t\\n\\x0b\\x0c\\r \\x1f\\u{85}\\u{a0}\\u{2003}\\u{3000}İΣÉé\\u{1F600}.,-]{0,12}){0,12}"
        ) {
            let expected: Vec<String> = text
                .split_whitespace()
                .map(|w| w.chars().flat_map(char::to_lowercase).collect())
                .collect();
            let (words, normalized) = normalize_words(&text);
            proptest::prop_assert_eq!(words, expected.len() as u64);
            proptest::prop_assert_eq!(normalized, expected.join(" ").into_bytes());
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
