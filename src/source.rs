//! A file's name and its text, decoded from bytes with the checks a scraper's output needs.

use crate::span::{LineIndex, Position, Span};
use std::fs;
use std::io::{self, Read};
use std::path::Path;
use std::time::SystemTime;
use thiserror::Error;

/// The default limit on the size of one input file: 10 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// A decoded input: its display name and its text (a leading BOM dropped, line breaks kept).
#[derive(Clone, Debug)]
pub struct Source {
    name: String,
    text: String,
    bom: bool,
    encoding: TextEncoding,
    lines: LineIndex,
}

/// The character encoding of a file: UTF-8, or a legacy one that wire feeds (ANPA, IPTC 7901)
/// are still sent in, decoded and encoded with encoding_rs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize)]
pub enum TextEncoding {
    /// UTF-8 (the default).
    #[default]
    #[serde(rename = "utf-8")]
    Utf8,
    /// Windows-1252 (`windows-1252`).
    #[serde(rename = "windows-1252")]
    Windows1252,
    /// ISO 8859-1 (`latin-1`), read as its superset Windows-1252, as the WHATWG Encoding
    /// Standard reads the label.
    #[serde(rename = "latin-1")]
    Latin1,
}

impl TextEncoding {
    /// The encoding's name as the config writes it.
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "utf-8",
            TextEncoding::Windows1252 => "windows-1252",
            TextEncoding::Latin1 => "latin-1",
        }
    }
}

/// What a file was when it was read: its size, modification time and a hash of its bytes. A
/// fixed file is written only while the file on disk still matches its stamp.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    hash: u64,
}

impl Stamp {
    fn new(metadata: &fs::Metadata, bytes: &[u8]) -> Stamp {
        Stamp {
            len: bytes.len() as u64,
            modified: metadata.modified().ok(),
            hash: content_hash(bytes),
        }
    }

    /// The file at `path`, open, when it still has this stamp's size, modification time and
    /// content; `None` when it has changed. Its size and time are read again after the content,
    /// so that a line added while the content was read is seen.
    pub fn check(&self, path: &Path) -> io::Result<Option<fs::File>> {
        let file = fs::File::open(path)?;
        if !self.describes(&file)? {
            return Ok(None);
        }
        let bytes = read_bounded(&file, self.len)?;
        let same = bytes.len() as u64 == self.len
            && content_hash(&bytes) == self.hash
            && self.describes(&file)?;
        Ok(same.then_some(file))
    }

    /// Whether the open `file` still has this stamp's size and modification time.
    pub fn describes(&self, file: &fs::File) -> io::Result<bool> {
        let metadata = file.metadata()?;
        Ok(metadata.len() == self.len && metadata.modified().ok() == self.modified)
    }
}

fn content_hash(bytes: &[u8]) -> u64 {
    use std::hash::{DefaultHasher, Hasher};
    let mut hasher = DefaultHasher::new();
    hasher.write(bytes);
    hasher.finish()
}

/// Why a file could not become a [`Source`].
#[derive(Debug, Error)]
pub enum SourceError {
    /// The file could not be opened or read.
    #[error("{}", io_message(.0))]
    Io(#[from] io::Error),
    /// The file has no text: no bytes at all, or only a byte order mark and white space.
    #[error("the file is empty")]
    Empty,
    /// The file is larger than the configured limit.
    #[error("{}", too_large(*.size, *.limit))]
    TooLarge {
        /// Size of the file in bytes, when it is known before reading (not for a pipe).
        size: Option<u64>,
        /// The configured limit in bytes.
        limit: u64,
    },
    /// The file holds a NUL byte, so it is most likely not text.
    #[error("the file looks binary: a NUL byte at line {}, column {}", .at.line, .at.column)]
    Binary {
        /// Where the first NUL byte is.
        at: Position,
    },
    /// The file is not valid UTF-8.
    #[error("the file is not valid UTF-8: invalid byte 0x{byte:02X} at line {}, column {}", .at.line, .at.column)]
    NotUtf8 {
        /// The first invalid byte.
        byte: u8,
        /// Where it is.
        at: Position,
    },
}

impl SourceError {
    /// The message, for standard input: "the input is empty", not "the file is empty".
    pub fn for_stdin(&self) -> String {
        self.to_string().replacen("the file ", "the input ", 1)
    }

    /// Where in the file the problem is, when it is at one byte.
    pub fn position(&self) -> Option<Position> {
        match self {
            SourceError::Binary { at } | SourceError::NotUtf8 { at, .. } => Some(*at),
            _ => None,
        }
    }
}

impl Source {
    /// A source from text already in memory (a BOM is dropped).
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Source {
        let mut text = text.into();
        let bom = text.starts_with('\u{feff}');
        if bom {
            text.drain(..3);
        }
        let lines = LineIndex::new(&text);
        Source {
            name: name.into(),
            text,
            bom,
            encoding: TextEncoding::Utf8,
            lines,
        }
    }

    /// Decode `bytes` in `encoding`, refusing empty, binary and oversized input. A legacy
    /// encoding decodes every byte; offsets are then those of the decoded text.
    pub fn decode(
        name: impl Into<String>,
        bytes: Vec<u8>,
        max_size: u64,
        encoding: TextEncoding,
    ) -> Result<Source, SourceError> {
        if encoding == TextEncoding::Utf8 {
            return Source::from_bytes(name, bytes, max_size);
        }
        if bytes.len() as u64 > max_size {
            return Err(SourceError::TooLarge {
                size: None,
                limit: max_size,
            });
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(SourceError::Empty);
        }
        if let Some(nul) = bytes.iter().position(|&b| b == 0) {
            return Err(SourceError::Binary {
                at: byte_position(&bytes, nul),
            });
        }
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
        let mut source = Source::new(name, text.into_owned());
        source.encoding = encoding;
        Ok(source)
    }

    /// The bytes that write `text` as this source's file: in its encoding, with its byte order
    /// mark if it had one; or why `text` cannot be written in that encoding.
    pub fn encode(&self, text: &str) -> Result<Vec<u8>, String> {
        match self.encoding {
            TextEncoding::Utf8 => {
                let mut bytes = Vec::with_capacity(text.len() + 3);
                if self.bom {
                    bytes.extend_from_slice(b"\xEF\xBB\xBF");
                }
                bytes.extend_from_slice(text.as_bytes());
                Ok(bytes)
            }
            legacy => {
                let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
                if unmappable {
                    let c = text
                        .chars()
                        .find(|c| encoding_rs::WINDOWS_1252.encode(&c.to_string()).2)
                        .unwrap_or('?');
                    return Err(format!("`{c}` cannot be written in {}", legacy.name()));
                }
                Ok(bytes.into_owned())
            }
        }
    }

    /// The encoding the source was decoded from.
    pub fn encoding(&self) -> TextEncoding {
        self.encoding
    }

    /// A source with the same name, byte order mark and encoding as this one, holding `text`
    /// (a fixed version of it).
    pub fn with_text(&self, text: String) -> Source {
        let mut source = Source::new(self.name.clone(), text);
        source.bom = self.bom;
        source.encoding = self.encoding;
        source
    }

    /// Decode `bytes` as UTF-8, refusing empty, binary and oversized input.
    pub fn from_bytes(
        name: impl Into<String>,
        bytes: Vec<u8>,
        max_size: u64,
    ) -> Result<Source, SourceError> {
        if bytes.len() as u64 > max_size {
            // Bounded reads stop one byte past the limit, so the true size is not known.
            return Err(SourceError::TooLarge {
                size: None,
                limit: max_size,
            });
        }
        let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        let body = &bytes[bom..];
        if body.iter().all(u8::is_ascii_whitespace) {
            return Err(SourceError::Empty);
        }
        if let Some(nul) = body.iter().position(|&b| b == 0) {
            return Err(SourceError::Binary {
                at: byte_position(body, nul),
            });
        }
        match String::from_utf8(bytes) {
            Ok(text) => Ok(Source::new(name, text)),
            Err(error) => {
                let valid = error.utf8_error().valid_up_to();
                let bytes = error.as_bytes();
                // Positions count from after the BOM, as they do for the NUL check.
                Err(SourceError::NotUtf8 {
                    byte: bytes[valid],
                    at: byte_position(&bytes[bom..], valid - bom),
                })
            }
        }
    }

    /// Read and decode the file at `path`, refusing it before reading when it is over `max_size`.
    pub fn read(path: &Path, max_size: u64) -> Result<Source, SourceError> {
        Source::read_as(path, max_size, TextEncoding::Utf8)
    }

    /// [`Source::read`] of a file in `encoding`.
    pub fn read_as(
        path: &Path,
        max_size: u64,
        encoding: TextEncoding,
    ) -> Result<Source, SourceError> {
        let (bytes, _) = read_file(path, max_size)?;
        Source::decode(path.display().to_string(), bytes, max_size, encoding)
    }

    /// [`Source::read`], with the file's [`Stamp`] as it was read, for a later check that the
    /// file has not changed since (its bytes are hashed: only for a file that may be written).
    pub fn read_stamped(
        path: &Path,
        max_size: u64,
        encoding: TextEncoding,
    ) -> Result<(Source, Stamp), SourceError> {
        let (bytes, metadata) = read_file(path, max_size)?;
        let stamp = Stamp::new(&metadata, &bytes);
        let source = Source::decode(path.display().to_string(), bytes, max_size, encoding)?;
        Ok((source, stamp))
    }

    /// The name shown in diagnostics (a path, or the name given to stdin).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The decoded text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether the input began with a byte order mark (dropped from the text, restored on write).
    pub fn has_bom(&self) -> bool {
        self.bom
    }

    /// The line index of the text.
    pub fn lines(&self) -> &LineIndex {
        &self.lines
    }

    /// The 1-based line and column of byte `offset`.
    pub fn position(&self, offset: usize) -> Position {
        self.lines.position(&self.text, offset)
    }

    /// The text a span covers.
    pub fn slice(&self, span: Span) -> &str {
        span.slice(&self.text)
    }
}

/// An I/O error's message in the house style: `no such file or directory (os error 2)`.
pub fn io_message(error: &io::Error) -> String {
    let message = error.to_string();
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => message,
    }
}

/// The bytes of the file at `path` and its metadata as it was opened, refused before reading
/// when it is over `max_size`.
fn read_file(path: &Path, max_size: u64) -> Result<(Vec<u8>, fs::Metadata), SourceError> {
    let file = fs::File::open(path)?;
    let metadata = file.metadata()?;
    let size = metadata.len();
    if size > max_size {
        return Err(SourceError::TooLarge {
            size: Some(size),
            limit: max_size,
        });
    }
    Ok((read_bounded(file, max_size)?, metadata))
}

/// The size of one read from a file or pipe.
const CHUNK: usize = 64 * 1024;

/// Everything `reader` gives (a file, standard input), up to one byte past `max_size` (so that
/// input over the limit is
/// seen to be over it, and an endless pipe is not read to its end). Memory grows with what is
/// read, never with a size the file claims, and running out of it is an error for this input alone. Reading stops early at a NUL byte, which
/// makes the input binary whatever follows (a sparse file of zeros is refused at once).
pub fn read_bounded(reader: impl Read, max_size: u64) -> io::Result<Vec<u8>> {
    let mut reader = reader.take(max_size.saturating_add(1));
    let mut bytes = Vec::new();
    loop {
        bytes.try_reserve(CHUNK).map_err(|_| {
            io::Error::new(io::ErrorKind::OutOfMemory, "not enough memory to read it")
        })?;
        // `read_to_end` reads into the reserved room without zeroing it first.
        let from = bytes.len();
        match (&mut reader).take(CHUNK as u64).read_to_end(&mut bytes) {
            Ok(0) => return Ok(bytes),
            Ok(_) => {}
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        }
        if bytes[from..].contains(&0) {
            return Ok(bytes);
        }
    }
}

fn too_large(size: Option<u64>, limit: u64) -> String {
    match size {
        Some(size) => format!("the file is {size} bytes, over the limit of {limit} bytes"),
        None => format!("the input is over the limit of {limit} bytes"),
    }
}

/// Line and column (in bytes, since the bytes may not decode) of byte `offset` of raw input.
fn byte_position(bytes: &[u8], offset: usize) -> Position {
    let before = &bytes[..offset];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    Position {
        line: before.iter().filter(|&&b| b == b'\n').count() + 1,
        column,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> Result<Source, SourceError> {
        Source::from_bytes("t.txt", bytes.to_vec(), DEFAULT_MAX_FILE_SIZE)
    }

    #[test]
    fn drops_a_bom_and_keeps_crlf() {
        let source = decode(b"\xEF\xBB\xBFline one\r\nline two").unwrap();
        assert_eq!(source.text(), "line one\r\nline two");
    }

    #[test]
    fn refuses_empty_input_even_with_a_bom() {
        assert!(matches!(decode(b""), Err(SourceError::Empty)));
        assert!(matches!(decode(b"\xEF\xBB\xBF"), Err(SourceError::Empty)));
    }

    #[test]
    fn refuses_nul_bytes_with_their_position() {
        let error = decode(b"ok\nab\0c").unwrap_err();
        assert_eq!(
            error.to_string(),
            "the file looks binary: a NUL byte at line 2, column 3"
        );
    }

    #[test]
    fn refuses_invalid_utf8_with_the_byte_and_its_position() {
        let error = decode(b"headline\nprice \xA3300").unwrap_err();
        assert_eq!(
            error.to_string(),
            "the file is not valid UTF-8: invalid byte 0xA3 at line 2, column 7"
        );
    }

    #[test]
    fn positions_count_from_after_the_bom() {
        let error = decode(b"\xEF\xBB\xBFab\xA3").unwrap_err();
        assert_eq!(error.position(), Some(Position { line: 1, column: 3 }));
    }

    #[test]
    fn refuses_input_over_the_limit() {
        let error = Source::from_bytes("t", vec![b'a'; 11], 10).unwrap_err();
        assert!(matches!(
            error,
            SourceError::TooLarge {
                size: None,
                limit: 10
            }
        ));
    }

    #[test]
    fn an_endless_reader_is_read_one_byte_past_the_limit() {
        assert_eq!(read_bounded(io::repeat(b'a'), 1000).unwrap().len(), 1001);
        let error = Source::from_bytes("-", vec![b'a'; 1001], 1000).unwrap_err();
        assert_eq!(
            error.to_string(),
            "the input is over the limit of 1000 bytes"
        );
    }

    #[test]
    fn the_largest_limit_does_not_overflow() {
        assert_eq!(read_bounded(&b"abc"[..], u64::MAX).unwrap(), b"abc");
    }

    #[test]
    fn a_nul_byte_stops_the_read() {
        assert_eq!(read_bounded(io::repeat(0), u64::MAX).unwrap().len(), CHUNK);
    }

    #[test]
    fn a_stamp_sees_a_change_of_content_of_the_same_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.txt");
        fs::write(&path, "one line\n").unwrap();
        let (_, stamp) = Source::read_stamped(&path, 100, TextEncoding::Utf8).unwrap();
        assert!(stamp.check(&path).unwrap().is_some());
        let modified = fs::metadata(&path).unwrap().modified().unwrap();
        fs::write(&path, "one lime\n").unwrap();
        // Same size and, on a coarse clock, the same time: the content tells.
        fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(modified)
            .unwrap();
        assert!(stamp.check(&path).unwrap().is_none());
    }

    #[test]
    fn legacy_encodings_decode_every_byte_and_write_back_the_same() {
        let bytes = b"Fares rise to \xA312 \x93today\x94.\n".to_vec();
        let source = Source::decode(
            "t",
            bytes.clone(),
            DEFAULT_MAX_FILE_SIZE,
            TextEncoding::Windows1252,
        )
        .unwrap();
        assert_eq!(source.text(), "Fares rise to £12 “today”.\n");
        assert_eq!(source.encode(source.text()).unwrap(), bytes);
        assert_eq!(
            source.encode("a ✓").unwrap_err(),
            "`✓` cannot be written in windows-1252"
        );
        assert!(matches!(
            Source::decode("t", b"a\0b".to_vec(), 10, TextEncoding::Latin1),
            Err(SourceError::Binary { .. })
        ));
    }
}
