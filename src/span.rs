//! Byte spans into a source text, and the line index that turns them into lines and columns.

use serde::Serialize;
use std::ops::Range;

/// A byte range `start..end` into a [`Source`](crate::source::Source) text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// The span `start..end`.
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no byte.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The span as a range, for slicing.
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// The part of `text` the span covers.
    pub fn slice(self, text: &str) -> &str {
        &text[self.range()]
    }

    /// The span moved `offset` bytes to the right.
    pub fn shift(self, offset: usize) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }
}

/// A 1-based line and column (the column counts characters, not bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in Unicode scalar values.
    pub column: usize,
}

/// Where each line of a text starts, to turn byte offsets into lines and columns.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// For a text that is not all ASCII, checkpoints every [`CHECKPOINT`] bytes or so: a byte
    /// offset (on a character boundary) and the characters before it. A column is then counted
    /// from the checkpoint before it, never from the start of a long line, so placing many
    /// labels on one long line stays linear.
    checkpoints: Option<Vec<(usize, usize)>>,
}

/// How far apart the character-count checkpoints of a non-ASCII text are, in bytes.
const CHECKPOINT: usize = 1024;

impl LineIndex {
    /// Index the lines of `text` (a line ends after `\n`; `\r\n` stays part of the line break).
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let checkpoints = (!text.is_ascii()).then(|| {
            let mut checkpoints = vec![(0, 0)];
            let (mut at, mut chars) = (0, 0);
            while at + CHECKPOINT < text.len() {
                let next = floor_char_boundary(text, at + CHECKPOINT).max(at + 1);
                let next = ceil_char_boundary(text, next);
                chars += text[at..next].chars().count();
                checkpoints.push((next, chars));
                at = next;
            }
            checkpoints
        });
        LineIndex {
            starts,
            checkpoints,
        }
    }

    /// The number of characters of `text` before byte `offset` (a character boundary).
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        match &self.checkpoints {
            None => offset,
            Some(checkpoints) => {
                let index = checkpoints.partition_point(|&(at, _)| at <= offset) - 1;
                let (at, chars) = checkpoints[index];
                chars + text[at..offset].chars().count()
            }
        }
    }

    /// Number of lines (a text ending in a line break has an empty last line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 0-based index of the line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset) - 1
    }

    /// The bytes of 0-based line `line`, without its line break (`\n` or `\r\n`).
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let start = self.starts[line];
        let mut end = self
            .starts
            .get(line + 1)
            .map_or(text.len(), |&next| next - 1);
        if end > start && text.as_bytes()[end - 1] == b'\r' && end < text.len() {
            end -= 1;
        }
        Span::new(start, end.max(start))
    }

    /// The bytes of every line of `text`, without their line breaks.
    pub fn line_spans(&self, text: &str) -> Vec<Span> {
        (0..self.line_count())
            .map(|line| self.line_span(text, line))
            .collect()
    }

    /// The 1-based line and column of byte `offset` in `text`.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let line = self.line_of(offset);
        let start = self.starts[line];
        let offset = floor_char_boundary(text, offset).max(start);
        let column = self.chars_before(text, offset) - self.chars_before(text, start) + 1;
        Position {
            line: line + 1,
            column,
        }
    }
}

impl LineIndex {
    /// The byte offset of 1-based `line` and `column` (in characters) of `text`, clamped to
    /// the line's end and the text's end: the inverse of [`LineIndex::position`].
    pub fn offset_of(&self, text: &str, line: usize, column: usize) -> usize {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return text.len();
        };
        let span = self.line_span(text, line.saturating_sub(1));
        span.slice(text)
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(span.end, |(i, _)| start + i)
    }
}

/// The smallest char boundary of `text` at or after `offset`.
fn ceil_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

/// The largest char boundary of `text` at or before `offset`.
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let text = "ab\r\n“q” x\nlast";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 3);
        assert_eq!(index.position(text, 0), Position { line: 1, column: 1 });
        let x = text.find('x').unwrap();
        assert_eq!(index.position(text, x), Position { line: 2, column: 5 });
        assert_eq!(index.line_span(text, 0).slice(text), "ab");
        assert_eq!(index.line_span(text, 1).slice(text), "“q” x");
        assert_eq!(index.line_span(text, 2).slice(text), "last");
        let lines: Vec<&str> = index
            .line_spans(text)
            .iter()
            .map(|s| s.slice(text))
            .collect();
        assert_eq!(lines, ["ab", "“q” x", "last"]);
        assert_eq!(index.offset_of(text, 2, 5), x);
        assert_eq!(index.offset_of(text, 9, 1), text.len());
    }

    #[test]
    fn columns_on_a_long_line_with_wide_characters_count_characters() {
        let line = "“é”—ab ".repeat(3_000);
        let text = format!("first\n{line}end");
        let index = LineIndex::new(&text);
        let end = text.find("end").unwrap();
        let expected = line.chars().count() + 1;
        assert_eq!(
            index.position(&text, end),
            Position {
                line: 2,
                column: expected
            }
        );
        for offset in (0..text.len())
            .filter(|&o| text.is_char_boundary(o))
            .step_by(997)
        {
            let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let column = text[start..offset].chars().count() + 1;
            assert_eq!(index.position(&text, offset).column, column, "{offset}");
        }
    }

    #[test]
    fn offset_at_end_of_text_is_on_last_line() {
        let text = "a\nb\n";
        let index = LineIndex::new(text);
        assert_eq!(
            index.position(text, text.len()),
            Position { line: 3, column: 1 }
        );
    }
}
