//! A file's name and its text, decoded from bytes with the checks a scraper's output needs.

use crate::span::{LineIndex, Position, Span};
use std::fs;
use std::io::{self, Read};
use std::path::Path;
use thiserror::Error;

/// The default limit on the size of one input file: 10 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// A decoded input: its display name and its text (a leading BOM dropped, line breaks kept).
#[derive(Clone, Debug)]
pub struct Source {
    name: String,
    text: String,
    bom: bool,
    lines: LineIndex,
}

/// Why a file could not become a [`Source`].
#[derive(Debug, Error)]
pub enum SourceError {
    /// The file could not be opened or read.
    #[error("{}", io_message(.0))]
    Io(#[from] io::Error),
    /// The file has no bytes at all (or only a byte order mark).
    #[error("the file is empty")]
    Empty,
    /// The file is larger than the configured limit.
    #[error("the file is {size} bytes, over the limit of {limit} bytes")]
    TooLarge {
        /// Size of the file in bytes.
        size: u64,
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
            lines,
        }
    }

    /// Decode `bytes` as UTF-8, refusing empty, binary and oversized input.
    pub fn from_bytes(
        name: impl Into<String>,
        bytes: Vec<u8>,
        max_size: u64,
    ) -> Result<Source, SourceError> {
        if bytes.len() as u64 > max_size {
            return Err(SourceError::TooLarge {
                size: bytes.len() as u64,
                limit: max_size,
            });
        }
        let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        let body = &bytes[bom..];
        if body.is_empty() {
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
        let file = fs::File::open(path)?;
        let size = file.metadata()?.len();
        if size > max_size {
            return Err(SourceError::TooLarge {
                size,
                limit: max_size,
            });
        }
        let mut bytes = Vec::with_capacity(size as usize);
        // Read one byte past the limit, so that a file that grew since `metadata` is still refused.
        file.take(max_size + 1).read_to_end(&mut bytes)?;
        Source::from_bytes(path.display().to_string(), bytes, max_size)
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
                size: 11,
                limit: 10
            }
        ));
    }
}
