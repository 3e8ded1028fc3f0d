//! An open document: its text as the editor has it, kept in step with the editor's changes, and
//! the diagnostics of its last lint.

use super::position::{Encoding, LineMap};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::engine::lint_as;
use crate::formats::{self, Detected, InputFormat};
use crate::source::Source;
use lsp_types::{TextDocumentContentChangeEvent, Uri};
use std::path::PathBuf;
use std::time::Instant;

/// A document the editor has open.
#[derive(Debug)]
pub struct Document {
    /// The editor's name for it.
    pub uri: Uri,
    /// Its path, for a `file:` URI.
    pub path: Option<PathBuf>,
    /// The editor's version number of the text.
    pub version: i32,
    text: String,
    lines: LineMap,
    /// The diagnostics of the text as it was last linted, in the coordinates of the text.
    diagnostics: Vec<Diagnostic>,
    /// The format it was last linted as; `None` when it is no article (a JSON file of another
    /// kind), which gets no diagnostics.
    format: Option<InputFormat>,
    /// Whether the text changed since it was last linted.
    stale: bool,
    /// When a changed text is to be linted (the changes are debounced).
    pub due: Option<Instant>,
}

impl Document {
    /// A document opened with `text`; not linted yet.
    pub fn new(uri: Uri, path: Option<PathBuf>, version: i32, text: String) -> Document {
        Document {
            uri,
            path,
            version,
            lines: LineMap::new(&text),
            text,
            diagnostics: Vec::new(),
            format: None,
            stale: true,
            due: None,
        }
    }

    /// The name the engine lints it under: its path (so that the format, the config's
    /// overrides and the messages go by it), else its URI.
    pub fn name(&self) -> String {
        match &self.path {
            Some(path) => path.display().to_string(),
            None => self.uri.as_str().to_string(),
        }
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The line map of the text.
    pub fn lines(&self) -> &LineMap {
        &self.lines
    }

    /// Whether the text changed since it was last linted.
    pub fn is_stale(&self) -> bool {
        self.stale
    }

    /// Apply the editor's changes, in order: a change with a range replaces those bytes, one
    /// without replaces the whole text.
    pub fn apply(
        &mut self,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: Encoding,
    ) {
        for change in changes {
            match change.range {
                Some(range) => {
                    let span = self.lines.span(&self.text, range, encoding);
                    self.text.replace_range(span.range(), &change.text);
                }
                None => self.text = change.text,
            }
            self.lines = LineMap::new(&self.text);
        }
        self.version = version;
        self.stale = true;
    }

    /// Lint the text with `config`, as the command line lints a file of this name: in the format
    /// the config's overrides give it, else the one its name and content tell, with the rules
    /// its overrides give it. A document that is no article gets no diagnostics (an editor opens
    /// any JSON file, not only ninjs).
    pub fn lint(&mut self, config: &Config) {
        let name = self.name();
        let source = self.source();
        self.format =
            config
                .format_for(&name)
                .or_else(|| match formats::detect(&name, source.text()) {
                    Detected::Article(format) => Some(format),
                    Detected::NotAnArticle(_) => None,
                });
        let mut diagnostics = match self.format {
            Some(format) => lint_as(&source, format, config.rules_for(&name)),
            None => Vec::new(),
        };
        let bom = self.bom();
        if bom > 0 {
            diagnostics.iter_mut().for_each(|d| shift(d, bom));
        }
        self.diagnostics = diagnostics;
        self.stale = false;
        self.due = None;
    }

    /// The text as the engine reads it, under the document's name (a byte order mark dropped).
    pub fn source(&self) -> Source {
        Source::new(self.name(), self.text.as_str())
    }

    /// The length of the byte order mark the text opens with (0 if none): the engine drops it,
    /// so its offsets are that many bytes short of the text's.
    pub fn bom(&self) -> usize {
        if self.text.starts_with('\u{feff}') {
            '\u{feff}'.len_utf8()
        } else {
            0
        }
    }

    /// The format of the last lint (`None`: not an article).
    pub fn format(&self) -> Option<InputFormat> {
        self.format
    }

    /// The diagnostics of the last lint.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }
}

/// Move every span of `diagnostic` `by` bytes to the right.
fn shift(diagnostic: &mut Diagnostic, by: usize) {
    diagnostic.span = diagnostic.span.shift(by);
    for label in &mut diagnostic.labels {
        label.span = label.span.shift(by);
    }
    if let Some(fix) = &mut diagnostic.fix {
        for edit in &mut fix.edits {
            edit.span = edit.span.shift(by);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};
    use std::str::FromStr;

    fn change(range: Option<Range>, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range,
            range_length: None,
            text: text.to_string(),
        }
    }

    fn document(text: &str) -> Document {
        let uri = Uri::from_str("untitled:story").unwrap();
        Document::new(uri, None, 1, text.to_string())
    }

    #[test]
    fn incremental_changes_apply_in_order_in_utf16_units() {
        let mut doc = document("“Yes,” she said.\nsecond line\n");
        let after_quote = Range::new(Position::new(0, 5), Position::new(0, 6));
        let line_two = Range::new(Position::new(1, 0), Position::new(1, 6));
        doc.apply(
            2,
            vec![
                change(Some(after_quote), "”!"),
                change(Some(line_two), "2nd"),
            ],
            Encoding::Utf16,
        );
        assert_eq!(doc.text(), "“Yes,”! she said.\n2nd line\n");
        assert_eq!(doc.version, 2);
        doc.apply(3, vec![change(None, "new")], Encoding::Utf16);
        assert_eq!(doc.text(), "new");
    }

    #[test]
    fn spans_after_a_byte_order_mark_point_into_the_text() {
        let mut doc = document("\u{feff} date 2026-02-02 403\nHeadline\nBody.\n");
        doc.lint(&Config::default());
        let first = &doc.diagnostics()[0];
        assert_eq!(first.rule, "malformed-header");
        assert_eq!(first.span.slice(doc.text()), " ");
        let fix = first.fix.as_ref().unwrap();
        assert_eq!(fix.edits[0].span.slice(doc.text()), " ");
    }
}
