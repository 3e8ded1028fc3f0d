//! Positions as the Language Server Protocol counts them (a 0-based line and a 0-based offset in
//! the negotiated encoding's code units), to and from the byte offsets diagnostics carry.

use crate::span::{Span, floor_char_boundary};
use lsp_types::{Position, PositionEncodingKind, Range};

/// The unit `Position::character` counts in, agreed with the client at `initialize`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// Bytes of UTF-8: what wirelint's spans count, so no conversion.
    Utf8,
    /// UTF-16 code units: the protocol's default, which every client understands.
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it, else UTF-16 (which a server must support).
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        if offered.is_some_and(|kinds| kinds.contains(&PositionEncodingKind::UTF8)) {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        }
    }

    /// The encoding's name in the protocol.
    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    /// How many code units `c` takes.
    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }
}

/// Where each line of a text starts, with the line breaks of the protocol: `\n`, `\r\n` and a
/// lone `\r`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineMap {
    starts: Vec<usize>,
}

impl LineMap {
    /// Index the lines of `text`.
    pub fn new(text: &str) -> LineMap {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, &byte) in bytes.iter().enumerate() {
            let lone_cr = byte == b'\r' && bytes.get(i + 1) != Some(&b'\n');
            if byte == b'\n' || lone_cr {
                starts.push(i + 1);
            }
        }
        LineMap { starts }
    }

    /// The protocol position of byte `offset` of `text` (an offset inside a character counts
    /// as that character's start).
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let offset = floor_char_boundary(text, offset);
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let start = self.starts[line];
        let character = match encoding {
            Encoding::Utf8 => offset - start,
            Encoding::Utf16 => text[start..offset].chars().map(char::len_utf16).sum(),
        };
        Position::new(to_u32(line), to_u32(character))
    }

    /// The byte offset of `position` in `text`. As the protocol asks, a character past the end
    /// of its line means the end of the line, and a line past the end of the text means its end;
    /// a position inside a UTF-16 surrogate pair means the character's start.
    pub fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return text.len();
        };
        let end = self.content_end(text, position.line as usize);
        let wanted = position.character as usize;
        let mut units = 0;
        for (i, c) in text[start..end].char_indices() {
            units += encoding.width(c);
            if units > wanted {
                return start + i;
            }
        }
        end
    }

    /// The protocol range of `span` in `text`.
    pub fn range(&self, text: &str, span: Span, encoding: Encoding) -> Range {
        Range::new(
            self.position(text, span.start, encoding),
            self.position(text, span.end, encoding),
        )
    }

    /// The bytes of `text` that `range` covers (a reversed range is read forwards).
    pub fn span(&self, text: &str, range: Range, encoding: Encoding) -> Span {
        let a = self.offset(text, range.start, encoding);
        let b = self.offset(text, range.end, encoding);
        Span::new(a.min(b), a.max(b))
    }

    /// The end of the content of 0-based line `line`, before its line break.
    fn content_end(&self, text: &str, line: usize) -> usize {
        let Some(&next) = self.starts.get(line + 1) else {
            return text.len();
        };
        if text[..next].ends_with("\r\n") {
            next - 2
        } else {
            next - 1
        }
    }
}

/// A count as the protocol's `u32`, saturating (a text over 4 GiB is refused long before).
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiation_prefers_utf8_and_falls_back_to_utf16() {
        let offered = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&offered)), Encoding::Utf8);
        let offered = [PositionEncodingKind::UTF32, PositionEncodingKind::UTF16];
        assert_eq!(Encoding::negotiate(Some(&offered)), Encoding::Utf16);
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
    }

    #[test]
    fn non_ascii_before_a_span_counts_in_the_negotiated_units() {
        // `“` is 3 bytes and 1 UTF-16 unit; `𝄞` is 4 bytes and 2 UTF-16 units.
        let text = "head\n“É𝄞” said Ana\n";
        let map = LineMap::new(text);
        let ana = text.find("Ana").unwrap();
        assert_eq!(
            map.position(text, ana, Encoding::Utf8),
            Position::new(1, 18)
        );
        assert_eq!(
            map.position(text, ana, Encoding::Utf16),
            Position::new(1, 11)
        );
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            let position = map.position(text, ana, encoding);
            assert_eq!(map.offset(text, position, encoding), ana);
        }
    }

    #[test]
    fn every_line_break_of_the_protocol_starts_a_line() {
        let text = "a\r\nb\rc\nd";
        let map = LineMap::new(text);
        let d = text.find('d').unwrap();
        assert_eq!(map.position(text, d, Encoding::Utf16), Position::new(3, 0));
        let c = text.find('c').unwrap();
        assert_eq!(map.position(text, c, Encoding::Utf16), Position::new(2, 0));
        // The end of line 0 is before `\r\n`, whatever the character asked for.
        assert_eq!(map.offset(text, Position::new(0, 99), Encoding::Utf16), 1);
    }

    #[test]
    fn positions_past_the_end_clamp() {
        let text = "ab\ncd";
        let map = LineMap::new(text);
        assert_eq!(map.offset(text, Position::new(9, 0), Encoding::Utf8), 5);
        assert_eq!(map.offset(text, Position::new(1, 9), Encoding::Utf8), 5);
        assert_eq!(map.position(text, 99, Encoding::Utf8), Position::new(1, 2));
    }

    #[test]
    fn a_position_inside_a_surrogate_pair_is_the_character_start() {
        let text = "𝄞x";
        let map = LineMap::new(text);
        assert_eq!(map.offset(text, Position::new(0, 1), Encoding::Utf16), 0);
        assert_eq!(map.offset(text, Position::new(0, 2), Encoding::Utf16), 4);
    }

    #[test]
    fn reversed_ranges_are_read_forwards() {
        let text = "abcdef";
        let map = LineMap::new(text);
        let range = Range::new(Position::new(0, 4), Position::new(0, 1));
        assert_eq!(map.span(text, range, Encoding::Utf8), Span::new(1, 4));
    }
}
