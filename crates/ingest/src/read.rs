//! Reading input files: gzip streams with an inflation limit, binary detection.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use flate2::read::MultiGzDecoder;

/// Default limit on the bytes of one input file after decompression (1 GiB). A gzip file that
/// inflates past it is skipped; it is read as a stream and never held whole beyond the limit.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 1 << 30;

/// Reads a file, decompressing `.gz`, refusing anything larger than `max_bytes`.
pub fn read_input(path: &Path, max_bytes: u64) -> Result<Vec<u8>, String> {
    let file = File::open(path).map_err(|e| io_cause(&e))?;
    let len = file.metadata().map_err(|e| io_cause(&e))?.len();
    let capacity = if is_gzip_name(path) {
        len.saturating_mul(4)
    } else {
        len
    };
    let mut out = Vec::with_capacity(capacity.min(max_bytes) as usize);
    open_file(file, path, max_bytes)?
        .read_to_end(&mut out)
        .map_err(|e| read_cause(path, &e))?;
    check_limit(path, out.len() as u64, max_bytes)?;
    Ok(out)
}

/// Opens a file as a stream of its (decompressed) bytes, at most `max_bytes + 1` of them.
pub fn open_input(path: &Path, max_bytes: u64) -> Result<Box<dyn Read + Send>, String> {
    let file = File::open(path).map_err(|e| io_cause(&e))?;
    open_file(file, path, max_bytes)
}

fn open_file(file: File, path: &Path, max_bytes: u64) -> Result<Box<dyn Read + Send>, String> {
    if is_gzip_name(path) {
        let decoder = MultiGzDecoder::new(BufReader::new(file));
        Ok(Box::new(decoder.take(max_bytes + 1)))
    } else {
        let len = file.metadata().map_err(|e| io_cause(&e))?.len();
        check_limit(path, len, max_bytes)?;
        Ok(Box::new(file.take(max_bytes + 1)))
    }
}

fn check_limit(path: &Path, len: u64, max_bytes: u64) -> Result<(), String> {
    if len <= max_bytes {
        Ok(())
    } else if is_gzip_name(path) {
        Err(format!(
            "gzip data inflates past the limit of {max_bytes} bytes"
        ))
    } else {
        Err(format!(
            "file is larger than the limit of {max_bytes} bytes ({len} bytes)"
        ))
    }
}

fn read_cause(path: &Path, err: &std::io::Error) -> String {
    if is_gzip_name(path) {
        format!("corrupt gzip data ({err})")
    } else {
        io_cause(err)
    }
}

/// The first bytes of an input kept by [`scan_input`]: enough for [`binary_kind`].
pub const HEAD_BYTES: usize = 8192;

/// What one streaming pass over an input tells before it is extracted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scan {
    /// Bytes after decompression.
    pub len: u64,
    /// XXH3-128 of those bytes: the same as `xxh3_128` of the whole input.
    pub digest: u128,
    /// The first [`HEAD_BYTES`] bytes.
    pub head: Vec<u8>,
    /// Whether every byte is ASCII white space.
    pub blank: bool,
    /// Whether the bytes are valid UTF-8.
    pub utf8: bool,
}

/// Reads a file as a stream, in a buffer of fixed size, for its length, hash and first bytes:
/// a large file is never held whole. Fails as [`read_input`] does.
pub fn scan_input(path: &Path, max_bytes: u64) -> Result<Scan, String> {
    let mut reader = open_input(path, max_bytes)?;
    let mut hasher = xxhash_rust::xxh3::Xxh3Default::new();
    let mut buffer = vec![0u8; 1 << 20];
    let mut scan = Scan {
        len: 0,
        digest: 0,
        head: Vec::new(),
        blank: true,
        utf8: true,
    };
    // The first bytes of a character cut by the end of the buffer.
    let mut cut: Vec<u8> = Vec::new();
    loop {
        let read = match reader.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => read,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(read_cause(path, &e)),
        };
        let bytes = &buffer[..read];
        hasher.update(bytes);
        scan.len += read as u64;
        if scan.head.len() < HEAD_BYTES {
            let take = (HEAD_BYTES - scan.head.len()).min(read);
            scan.head.extend_from_slice(&bytes[..take]);
        }
        scan.blank = scan.blank && bytes.iter().all(u8::is_ascii_whitespace);
        if scan.utf8 {
            let checked: std::borrow::Cow<[u8]> = if cut.is_empty() {
                bytes.into()
            } else {
                let mut joined = std::mem::take(&mut cut);
                joined.extend_from_slice(bytes);
                joined.into()
            };
            match std::str::from_utf8(&checked) {
                Ok(_) => {}
                // Only a character cut by the end of the buffer: checked with the next one.
                Err(e) if e.error_len().is_none() => cut = checked[e.valid_up_to()..].to_vec(),
                Err(_) => scan.utf8 = false,
            }
        }
    }
    scan.utf8 = scan.utf8 && cut.is_empty();
    check_limit(path, scan.len, max_bytes)?;
    scan.digest = hasher.digest128();
    Ok(scan)
}

/// Cuts a stream into chunks of about `size` bytes that end after a line break (the last one
/// may not), so that no line is split. Each item is the number of the chunk's first line
/// (counted from 1) and its bytes; a read error ends the stream.
#[derive(Debug)]
pub struct LineChunks<R> {
    reader: R,
    size: usize,
    carry: Vec<u8>,
    next_line: u64,
    done: bool,
}

impl<R: Read> LineChunks<R> {
    /// Chunks of about `size` bytes of `reader`.
    pub fn new(reader: R, size: usize) -> Self {
        LineChunks {
            reader,
            size: size.max(1),
            carry: Vec::new(),
            next_line: 1,
            done: false,
        }
    }
}

impl<R: Read> Iterator for LineChunks<R> {
    type Item = std::io::Result<(u64, Vec<u8>)>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let mut chunk = std::mem::take(&mut self.carry);
        loop {
            let before = chunk.len();
            let want = self.size.saturating_sub(before).max(self.size / 4).max(1) as u64;
            if let Err(e) = (&mut self.reader).take(want).read_to_end(&mut chunk) {
                self.done = true;
                return Some(Err(e));
            }
            if chunk.len() == before {
                self.done = true;
                break;
            }
            // The carried part holds no line break: only the new bytes need a look. A line
            // longer than a chunk makes the chunk longer.
            if let Some(last) = chunk[before..].iter().rposition(|&b| b == b'\n') {
                self.carry = chunk.split_off(before + last + 1);
                break;
            }
        }
        if chunk.is_empty() {
            return None;
        }
        let first_line = self.next_line;
        self.next_line += chunk.iter().filter(|&&b| b == b'\n').count() as u64;
        Some(Ok((first_line, chunk)))
    }
}

/// A short description of an I/O error ("permission denied", "not found").
pub fn io_cause(err: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match err.kind() {
        NotFound => "not found (broken link or removed)".into(),
        PermissionDenied => "permission denied".into(),
        IsADirectory => "is a directory".into(),
        _ => {
            if err.raw_os_error() == Some(21) {
                "is a directory".into()
            } else {
                format!("cannot read: {err}")
            }
        }
    }
}

/// True for `*.gz` names.
pub fn is_gzip_name(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

/// Names the binary format of `bytes` when they are not text: a known magic number, or mostly
/// NUL and control bytes at the start. `None` for text.
pub fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF-", "PDF document"),
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"\xff\xd8\xff", "JPEG image"),
        (b"GIF87a", "GIF image"),
        (b"GIF89a", "GIF image"),
        (b"PK\x03\x04", "ZIP archive (or Office document)"),
        (b"\x1f\x8b", "gzip data without a .gz name"),
        (b"\x7fELF", "ELF executable"),
        (b"BZh", "bzip2 data"),
        (b"\xfd7zXZ\x00", "xz data"),
        (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
        (b"\x28\xb5\x2f\xfd", "zstd data"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
            "OLE document (old Office format)",
        ),
        (b"SQLite format 3\x00", "SQLite database"),
        (b"RIFF", "RIFF media (WAV/AVI/WebP)"),
        (b"OggS", "Ogg media"),
        (b"ID3", "MP3 audio"),
        (b"\x00\x00\x01\x00", "icon image"),
        (b"wOFF", "web font"),
        (b"MZ", "Windows executable"),
    ];
    if let Some((_, kind)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        // "MZ" and "BZh" are short: only trust them when the rest also looks binary.
        if !matches!(*kind, "Windows executable" | "bzip2 data") || mostly_control(bytes) {
            return Some(kind);
        }
    }
    // UTF-16 text has many NULs but a BOM; it is text.
    if bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff") {
        return None;
    }
    mostly_control(bytes).then_some("binary data (mostly NUL and control bytes)")
}

fn mostly_control(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.is_empty() {
        return false;
    }
    let control = head
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)))
        .count();
    control * 10 > head.len() // more than 10 %
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_binary_but_not_text_with_stray_nuls() {
        assert_eq!(binary_kind(b"%PDF-1.7 ..."), Some("PDF document"));
        assert!(binary_kind(&[0u8; 100]).is_some());
        let mut text = b"A long enough line of ordinary text about the Senate.".repeat(20);
        text[100] = 0;
        assert_eq!(binary_kind(&text), None);
        assert_eq!(binary_kind("Mr. Zelensky spoke".as_bytes()), None);
    }

    #[test]
    fn line_chunks_never_split_a_line_and_number_lines() {
        let text = "one\ntwo two\n\na line longer than the chunk size\nlast";
        for size in [1, 6, 20, 1000] {
            let chunks: Vec<(u64, String)> = LineChunks::new(text.as_bytes(), size)
                .map(|c| c.map(|(n, b)| (n, String::from_utf8(b).unwrap())).unwrap())
                .collect();
            assert_eq!(
                chunks.iter().map(|c| c.1.as_str()).collect::<String>(),
                text
            );
            let mut line = 1;
            for (i, (first_line, chunk)) in chunks.iter().enumerate() {
                assert_eq!(*first_line, line, "size {size}");
                assert!(chunk.ends_with('\n') || i == chunks.len() - 1, "{chunk:?}");
                line += chunk.matches('\n').count() as u64;
            }
            if size == 6 {
                assert!(chunks
                    .iter()
                    .any(|c| c.1 == "a line longer than the chunk size\n"));
            }
        }
    }

    #[test]
    fn scan_hashes_like_the_one_shot_hash() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.jsonl");
        let text = "{\"title\": \"x\"}\n".repeat(100_000);
        std::fs::write(&path, &text).unwrap();
        let scan = scan_input(&path, 1 << 30).unwrap();
        assert_eq!(scan.len, text.len() as u64);
        assert_eq!(scan.digest, xxhash_rust::xxh3::xxh3_128(text.as_bytes()));
        assert_eq!(scan.head, text.as_bytes()[..HEAD_BYTES]);
        assert!(!scan.blank);
        assert!(scan.utf8);
        assert!(scan_input(&path, 1000).unwrap_err().contains("limit"));
        // A character cut by the scan's buffer is still valid; a stray Latin-1 byte is not.
        let mut text = "a".repeat((1 << 20) - 1);
        text.push_str("é and more");
        std::fs::write(&path, &text).unwrap();
        assert!(scan_input(&path, 1 << 30).unwrap().utf8);
        std::fs::write(&path, b"caf\xe9\n").unwrap();
        assert!(!scan_input(&path, 1 << 30).unwrap().utf8);
    }
}
