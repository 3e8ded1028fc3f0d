//! The source map of a structured file: the article's text (the *view* the rules read) is built
//! from pieces of the file, and every byte of the view maps back to the bytes it came from.
//!
//! A piece is *verbatim* (the view holds the file's bytes as they are, so any offset inside maps
//! one to one), *decoded* (an entity, an escape or a line break the format rewrites: the view
//! holds the decoded text and the whole piece maps to the whole source run) or a *separator*
//! (view text of our own between paragraphs, with no bytes in the file). Labels map through
//! any piece; an edit maps only when it stays inside verbatim pieces that lie side by side in
//! the file, or when it deletes whole paragraphs (then each paragraph's *removal* range, which
//! the format chose so that the file stays well formed, is deleted instead).

use crate::diagnostic::{Edit, Fix};
use crate::span::Span;

/// How a replacement must be written into the bytes a piece came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Escape {
    /// Plain text: written as it is.
    None,
    /// Markdown text: only replacements without Markdown punctuation are written.
    Markdown,
    /// XML character data: `&`, `<` and `>` escaped.
    Xml,
    /// The inside of a JSON string.
    Json,
    /// HTML character data inside a JSON string.
    JsonHtml,
    /// A front matter value: only plain words and spaces are written.
    Metadata,
    /// Text that must not be edited alone (a body the file also holds in another form).
    ReadOnly,
}

impl Escape {
    /// `text` written for this context, or `None` when it cannot be written safely.
    pub fn apply(self, text: &str) -> Option<String> {
        match self {
            Escape::None => Some(text.to_string()),
            Escape::Markdown => (!text.contains([
                '\\', '*', '_', '[', ']', '<', '>', '#', '!', '|', '{', '}', '~', '`', '&', '\n',
            ]))
            .then(|| text.to_string()),
            Escape::Xml => Some(escape_xml(text)),
            Escape::Json => Some(escape_json(text)),
            Escape::JsonHtml => Some(escape_json(&escape_xml(text))),
            Escape::Metadata => text
                .chars()
                .all(|c| c.is_alphanumeric() || c == ' ' || c == '-' || c == '.' || c == ',')
                .then(|| text.to_string()),
            Escape::ReadOnly => None,
        }
    }
}

fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn escape_json(text: &str) -> String {
    let quoted = serde_json::Value::String(text.to_string()).to_string();
    quoted[1..quoted.len() - 1].to_string()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Verbatim,
    Decoded,
    Separator,
}

#[derive(Clone, Copy, Debug)]
struct Piece {
    view: Span,
    source: Span,
    kind: Kind,
    escape: Escape,
}

/// A paragraph of the view and the file bytes that delete it cleanly.
#[derive(Clone, Copy, Debug)]
struct Block {
    view: Span,
    removal: Option<Span>,
}

/// Maps spans and edits of an article's view back to the file.
#[derive(Clone, Debug, Default)]
pub struct SourceMap {
    pieces: Vec<Piece>,
    blocks: Vec<Block>,
}

/// Builds a view and its source map, piece by piece.
#[derive(Debug, Default)]
pub struct ViewBuilder {
    text: String,
    map: SourceMap,
}

impl ViewBuilder {
    /// An empty view.
    pub fn new() -> ViewBuilder {
        ViewBuilder::default()
    }

    /// The view's length so far: the offset the next piece starts at.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// Whether nothing has been added yet.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The view text so far.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Append `text`, which is the bytes of the file at `source` as they are.
    pub fn verbatim(&mut self, text: &str, source: Span, escape: Escape) {
        debug_assert_eq!(text.len(), source.len());
        self.push(text, source, Kind::Verbatim, escape);
    }

    /// Append `text`, which the file writes as the bytes at `source` (an entity, an escape).
    pub fn decoded(&mut self, text: &str, source: Span, escape: Escape) {
        self.push(text, source, Kind::Decoded, escape);
    }

    /// Append `text`, which the file writes at `source`: verbatim when the file's bytes there
    /// are `text` itself, else decoded.
    pub fn piece(&mut self, file: &str, source: Span, text: &str, escape: Escape) {
        if file.get(source.range()) == Some(text) {
            self.verbatim(text, source, escape);
        } else {
            self.decoded(text, source, escape);
        }
    }

    /// Append view text of our own that stands for nothing in the file, placed at file offset
    /// `at` (a paragraph separator, a space for a line break).
    pub fn separator(&mut self, text: &str, at: usize) {
        self.push(text, Span::new(at, at), Kind::Separator, Escape::None);
    }

    /// Mark the view from `start` to here as one paragraph, deleted from the file by removing
    /// `removal` (none when it cannot be removed on its own).
    pub fn block(&mut self, start: usize, removal: Option<Span>) {
        self.map.blocks.push(Block {
            view: Span::new(start, self.text.len()),
            removal,
        });
    }

    /// Cut the view back to `len` bytes (white space a paragraph ended with).
    pub fn truncate(&mut self, len: usize) {
        while let Some(last) = self.map.pieces.last_mut() {
            if last.view.start >= len {
                self.map.pieces.pop();
            } else {
                if last.view.end > len {
                    let cut = last.view.end - len;
                    last.view.end = len;
                    if last.kind == Kind::Verbatim {
                        last.source.end -= cut;
                    }
                }
                break;
            }
        }
        self.text.truncate(len);
    }

    fn push(&mut self, text: &str, source: Span, kind: Kind, escape: Escape) {
        if text.is_empty() {
            return;
        }
        let start = self.text.len();
        self.text.push_str(text);
        self.map.pieces.push(Piece {
            view: Span::new(start, self.text.len()),
            source,
            kind,
            escape,
        });
    }

    /// The finished view text and its map.
    pub fn finish(self) -> (String, SourceMap) {
        (self.text, self.map)
    }
}

impl SourceMap {
    /// The map of a view that is the file itself.
    pub fn identity(len: usize) -> SourceMap {
        let span = Span::new(0, len);
        SourceMap {
            pieces: vec![Piece {
                view: span,
                source: span,
                kind: Kind::Verbatim,
                escape: Escape::None,
            }],
            blocks: Vec::new(),
        }
    }

    /// The index of the piece holding view byte `offset`.
    fn piece_at(&self, offset: usize) -> Option<usize> {
        let index = self.pieces.partition_point(|p| p.view.end <= offset);
        (index < self.pieces.len()).then_some(index)
    }

    /// File offset of view offset `offset` taken as the start of a span: a separator stands
    /// for nothing, so a span starting on one starts where the next real piece does.
    fn start_of(&self, offset: usize) -> usize {
        let Some(index) = self.piece_at(offset) else {
            return self.pieces.last().map_or(0, |p| p.source.end);
        };
        let piece = self.pieces[index];
        match piece.kind {
            Kind::Verbatim => piece.source.start + (offset - piece.view.start),
            Kind::Decoded => piece.source.start,
            Kind::Separator => self.pieces[index..]
                .iter()
                .find(|p| p.kind != Kind::Separator)
                .map_or(piece.source.start, |p| p.source.start),
        }
    }

    /// File offset of view offset `offset` taken as the end of a span: a span ending on a
    /// separator ends where the real piece before it does.
    fn end_of(&self, offset: usize) -> usize {
        let Some(last) = offset.checked_sub(1) else {
            return self.pieces.first().map_or(0, |p| p.source.start);
        };
        let Some(index) = self.piece_at(last) else {
            return self.pieces.last().map_or(0, |p| p.source.end);
        };
        let piece = self.pieces[index];
        match piece.kind {
            Kind::Verbatim => piece.source.start + (offset - piece.view.start),
            Kind::Decoded => piece.source.end,
            Kind::Separator => self.pieces[..=index]
                .iter()
                .rev()
                .find(|p| p.kind != Kind::Separator)
                .map_or(piece.source.end, |p| p.source.end),
        }
    }

    /// The bytes of the file that view span `span` shows. A span over pieces that the file
    /// holds in another order (a headline written after the body) is cut to its first piece.
    pub fn to_source(&self, span: Span) -> Span {
        let start = self.start_of(span.start);
        if span.is_empty() {
            return Span::new(start, start);
        }
        let end = self.end_of(span.end);
        if end >= start {
            Span::new(start, end)
        } else {
            let first = self
                .piece_at(span.start)
                .map_or(start, |i| self.pieces[i].source.end);
            Span::new(start, first.max(start))
        }
    }

    /// The view offset of file offset `offset`, when a verbatim piece holds it.
    pub fn to_view(&self, offset: usize) -> Option<usize> {
        self.pieces
            .iter()
            .find(|p| {
                p.kind != Kind::Separator && p.source.start <= offset && offset < p.source.end
            })
            .map(|p| match p.kind {
                Kind::Verbatim => p.view.start + (offset - p.source.start),
                _ => p.view.start,
            })
    }

    /// `fix` (in view offsets) as edits of the file, or `None` when one of its edits has no
    /// clean image there.
    pub fn fix_to_source(&self, fix: &Fix) -> Option<Fix> {
        let mut edits = Vec::new();
        for edit in &fix.edits {
            edits.extend(self.edit_to_source(edit)?);
        }
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        if edits
            .windows(2)
            .any(|pair| pair[0].span.end > pair[1].span.start)
        {
            return None;
        }
        Some(Fix {
            message: fix.message.clone(),
            edits,
        })
    }

    fn edit_to_source(&self, edit: &Edit) -> Option<Vec<Edit>> {
        if edit.replacement.is_empty()
            && let Some(removals) = self.block_removals(edit.span)
        {
            return Some(removals);
        }
        let span = edit.span;
        let first = if span.is_empty() {
            // An insertion belongs to the verbatim piece it is inside of, or that it ends.
            self.piece_at(span.start)
                .filter(|&i| self.pieces[i].view.start < span.start)
                .or_else(|| span.start.checked_sub(1).and_then(|o| self.piece_at(o)))?
        } else {
            self.piece_at(span.start)?
        };
        let last = if span.is_empty() {
            first
        } else {
            self.piece_at(span.end - 1)?
        };
        let pieces = &self.pieces[first..=last];
        let escape = pieces[0].escape;
        let clean = pieces
            .iter()
            .all(|p| p.kind == Kind::Verbatim && p.escape == escape)
            && pieces
                .windows(2)
                .all(|pair| pair[0].source.end == pair[1].source.start);
        if !clean {
            return None;
        }
        let offset = |piece: &Piece, at: usize| piece.source.start + (at - piece.view.start);
        let start = offset(&pieces[0], span.start);
        let end = offset(&pieces[pieces.len() - 1], span.end);
        Some(vec![Edit {
            span: Span::new(start, end),
            replacement: escape.apply(&edit.replacement)?,
        }])
    }

    /// A deletion of whole paragraphs and the separators between them, as the removal of those
    /// paragraphs from the file.
    fn block_removals(&self, span: Span) -> Option<Vec<Edit>> {
        let touched: Vec<&Block> = self
            .blocks
            .iter()
            .filter(|b| b.view.start < span.end && span.start < b.view.end)
            .collect();
        if touched.is_empty()
            || touched
                .iter()
                .any(|b| b.view.start < span.start || b.view.end > span.end)
        {
            return None;
        }
        // Everything else the deletion covers must be separators.
        let covered = |offset: usize| {
            touched
                .iter()
                .any(|b| b.view.start <= offset && offset < b.view.end)
        };
        let first = self.piece_at(span.start)?;
        for piece in &self.pieces[first..] {
            if piece.view.start >= span.end {
                break;
            }
            if piece.kind != Kind::Separator && !covered(piece.view.start) {
                return None;
            }
        }
        touched
            .iter()
            .map(|b| {
                b.removal.map(|span| Edit {
                    span,
                    replacement: String::new(),
                })
            })
            .collect()
    }
}

/// A string the file writes with escapes or entities: its decoded text, and where each part of
/// it stands in the file.
#[derive(Clone, Debug, Default)]
pub struct Escaped {
    /// The decoded text.
    pub text: String,
    parts: Vec<Part>,
}

/// A run of an [`Escaped`] string: its decoded text and the file bytes it was read from.
#[derive(Clone, Copy, Debug)]
struct Part {
    text: Span,
    raw: Span,
    verbatim: bool,
}

impl Escaped {
    /// An empty string.
    pub fn new() -> Escaped {
        Escaped::default()
    }

    /// Append `text`, which the file writes at `raw`: verbatim when the bytes there are
    /// `text` itself.
    pub fn push(&mut self, file: &str, raw: Span, text: &str) {
        if text.is_empty() && raw.is_empty() {
            return;
        }
        let start = self.text.len();
        self.text.push_str(text);
        self.parts.push(Part {
            text: Span::new(start, self.text.len()),
            raw,
            verbatim: file.get(raw.range()) == Some(text),
        });
    }

    /// The whole string as one decoded run of `raw`: for text whose parts could not be told
    /// apart.
    pub fn whole(text: &str, raw: Span) -> Escaped {
        Escaped {
            text: text.to_string(),
            parts: vec![Part {
                text: Span::new(0, text.len()),
                raw,
                verbatim: false,
            }],
        }
    }

    /// Append the part `range` of the decoded text to `view`, verbatim where the file writes
    /// it as it is.
    pub fn write(&self, view: &mut ViewBuilder, range: Span, escape: Escape) {
        let from = self.parts.partition_point(|p| p.text.end <= range.start);
        for part in &self.parts[from..] {
            if part.text.start >= range.end {
                break;
            }
            let start = part.text.start.max(range.start);
            let end = part.text.end.min(range.end);
            let text = &self.text[start..end];
            if part.verbatim {
                let raw = Span::new(
                    part.raw.start + (start - part.text.start),
                    part.raw.start + (end - part.text.start),
                );
                view.verbatim(text, raw, escape);
            } else {
                view.decoded(text, part.raw, escape);
            }
        }
    }

    /// The file bytes that the part `range` of the decoded text was read from.
    pub fn raw(&self, range: Span) -> Span {
        let from = self.parts.partition_point(|p| p.text.end <= range.start);
        let to = self.parts.partition_point(|p| p.text.start < range.end);
        let (Some(first), Some(last)) = (
            self.parts.get(from),
            to.checked_sub(1).and_then(|i| self.parts.get(i)),
        ) else {
            let at = self.parts.last().map_or(0, |p| p.raw.end);
            return Span::new(at, at);
        };
        let start = if first.verbatim {
            first.raw.start + (range.start.max(first.text.start) - first.text.start)
        } else {
            first.raw.start
        };
        let end = if last.verbatim {
            last.raw.start + (range.end.min(last.text.end) - last.text.start)
        } else {
            last.raw.end
        };
        Span::new(start, end.max(start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `<p>A &amp; B</p><p>C</p>` as a view `A & B\n\nC`.
    fn xmlish() -> (String, SourceMap) {
        let file = "<p>A &amp; B</p><p>C</p>";
        let mut view = ViewBuilder::new();
        view.verbatim("A ", Span::new(3, 5), Escape::Xml);
        view.decoded("&", Span::new(5, 10), Escape::Xml);
        view.verbatim(" B", Span::new(10, 12), Escape::Xml);
        view.block(0, Some(Span::new(0, 16)));
        view.separator("\n\n", 16);
        let start = view.len();
        view.verbatim("C", Span::new(19, 20), Escape::Xml);
        view.block(start, Some(Span::new(16, 24)));
        assert_eq!(&file[3..5], "A ");
        view.finish()
    }

    #[test]
    fn spans_map_through_verbatim_and_decoded_pieces() {
        let (view, map) = xmlish();
        assert_eq!(view, "A & B\n\nC");
        assert_eq!(map.to_source(Span::new(0, 1)), Span::new(3, 4));
        assert_eq!(map.to_source(Span::new(2, 3)), Span::new(5, 10));
        assert_eq!(map.to_source(Span::new(0, 5)), Span::new(3, 12));
        // A span starting on a separator starts at the next paragraph.
        assert_eq!(map.to_source(Span::new(5, 8)), Span::new(19, 20));
    }

    #[test]
    fn edits_inside_verbatim_text_are_escaped_and_others_dropped() {
        let (_, map) = xmlish();
        let fix = Fix::replace("r", Span::new(4, 5), "<b>");
        let mapped = map.fix_to_source(&fix).unwrap();
        assert_eq!(mapped.edits[0].span, Span::new(11, 12));
        assert_eq!(mapped.edits[0].replacement, "&lt;b&gt;");
        // Over the entity: no clean image.
        assert!(
            map.fix_to_source(&Fix::delete("d", Span::new(1, 4)))
                .is_none()
        );
    }

    #[test]
    fn deleting_a_whole_paragraph_removes_its_element() {
        let (_, map) = xmlish();
        let fix = map
            .fix_to_source(&Fix::delete("d", Span::new(5, 8)))
            .unwrap();
        assert_eq!(fix.edits[0].span, Span::new(16, 24));
        // Part of a paragraph is not a block removal, and over the separator it has no image.
        assert!(
            map.fix_to_source(&Fix::delete("d", Span::new(4, 8)))
                .is_none()
        );
    }

    #[test]
    fn json_and_markdown_replacements_are_written_safely() {
        assert_eq!(
            Escape::Json.apply("a \"b\"").as_deref(),
            Some("a \\\"b\\\"")
        );
        assert_eq!(
            Escape::Markdown.apply("two words").as_deref(),
            Some("two words")
        );
        assert_eq!(Escape::Markdown.apply("*bold*"), None);
        assert_eq!(Escape::JsonHtml.apply("a<b").as_deref(), Some("a&lt;b"));
    }
}
