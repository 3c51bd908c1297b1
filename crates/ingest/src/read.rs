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
    if is_gzip_name(path) {
        let mut out = Vec::with_capacity((len.saturating_mul(4)).min(max_bytes) as usize);
        let decoder = MultiGzDecoder::new(BufReader::new(file));
        decoder
            .take(max_bytes + 1)
            .read_to_end(&mut out)
            .map_err(|e| format!("corrupt gzip data ({e})"))?;
        if out.len() as u64 > max_bytes {
            return Err(format!(
                "gzip data inflates past the limit of {max_bytes} bytes"
            ));
        }
        Ok(out)
    } else {
        if len > max_bytes {
            return Err(format!(
                "file is larger than the limit of {max_bytes} bytes ({len} bytes)"
            ));
        }
        let mut out = Vec::with_capacity(len as usize);
        BufReader::new(file)
            .read_to_end(&mut out)
            .map_err(|e| io_cause(&e))?;
        Ok(out)
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
}
