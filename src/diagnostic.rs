//! What rules report ([`Finding`], spans only) and what wirelint prints ([`Diagnostic`], located).

use crate::source::Source;
use crate::span::{Position, Span};
use serde::{Deserialize, Serialize};
use std::fmt;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Worth a look; fails the run only with `--deny-warnings`.
    Warning,
    /// Must be fixed; fails the run.
    Error,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Warning => "warning",
            Level::Error => "error",
        })
    }
}

/// One replacement of the bytes of `span` by `replacement`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Edit {
    /// The bytes replaced.
    pub span: Span,
    /// What replaces them.
    pub replacement: String,
}

/// A safe, automatic correction: edits applied together, or not at all.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Fix {
    /// What the fix does, in a few words (`remove the leading white space`).
    pub message: String,
    /// The edits, in ascending order and not overlapping.
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A fix that deletes the bytes of `span`.
    pub fn delete(message: impl Into<String>, span: Span) -> Fix {
        Fix::replace(message, span, "")
    }

    /// A fix that replaces the bytes of `span` with `replacement`.
    pub fn replace(message: impl Into<String>, span: Span, replacement: impl Into<String>) -> Fix {
        Fix {
            message: message.into(),
            edits: vec![Edit {
                span,
                replacement: replacement.into(),
            }],
        }
    }

    /// The smallest span covering every edit.
    pub fn extent(&self) -> Span {
        let start = self.edits.iter().map(|e| e.span.start).min().unwrap_or(0);
        let end = self.edits.iter().map(|e| e.span.end).max().unwrap_or(0);
        Span::new(start, end)
    }
}

/// A span with the message shown under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpanLabel {
    /// The bytes the label points at.
    pub span: Span,
    /// What the label says there.
    pub message: String,
}

/// What a rule reports: a message, spans with labels, and what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The headline of the finding: lowercase, no trailing period.
    pub message: String,
    /// The label on what is wrong.
    pub primary: SpanLabel,
    /// Labels on related spans.
    pub secondary: Vec<SpanLabel>,
    /// Extra facts (`= note: ...`).
    pub notes: Vec<String>,
    /// What to do (`= help: ...`).
    pub help: Option<String>,
    /// A safe automatic correction, if there is one.
    pub fix: Option<Fix>,
}

impl Finding {
    /// A finding with `message`, whose primary label says `label` at `span`.
    pub fn new(message: impl Into<String>, span: Span, label: impl Into<String>) -> Finding {
        Finding {
            message: message.into(),
            primary: SpanLabel {
                span,
                message: label.into(),
            },
            secondary: Vec::new(),
            notes: Vec::new(),
            help: None,
            fix: None,
        }
    }

    /// Adds a secondary label.
    pub fn with_secondary(mut self, span: Span, label: impl Into<String>) -> Finding {
        self.secondary.push(SpanLabel {
            span,
            message: label.into(),
        });
        self
    }

    /// Adds a note.
    pub fn with_note(mut self, note: impl Into<String>) -> Finding {
        self.notes.push(note.into());
        self
    }

    /// Sets the help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Finding {
        self.help = Some(help.into());
        self
    }

    /// Sets the fix.
    pub fn with_fix(mut self, fix: Fix) -> Finding {
        self.fix = Some(fix);
        self
    }
}

/// A label placed in the file: span, 1-based start and end positions, message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Label {
    /// 1-based line of the first byte.
    pub line: usize,
    /// 1-based column (in characters) of the first byte.
    pub column: usize,
    /// 1-based line of the end of the span.
    pub end_line: usize,
    /// 1-based column (in characters) just past the span.
    pub end_column: usize,
    /// Byte offsets into the file.
    pub span: Span,
    /// What the label says.
    pub message: String,
    /// Whether this is the label on what is wrong (one per diagnostic).
    pub primary: bool,
}

/// A finding placed in its file, named by its rule and given its level: what wirelint prints.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The file, as given on the command line (or the stdin name).
    pub path: String,
    /// The rule's name (`malformed-header`), or `read-error` for a file that could not be read.
    pub rule: String,
    /// `error` or `warning`.
    pub level: Level,
    /// The headline of the finding.
    pub message: String,
    /// 1-based line of the primary label.
    pub line: usize,
    /// 1-based column of the primary label.
    pub column: usize,
    /// Byte span of the primary label.
    pub span: Span,
    /// The primary label first, then the secondary ones.
    pub labels: Vec<Label>,
    /// Extra facts.
    pub notes: Vec<String>,
    /// What to do.
    pub help: Option<String>,
    /// A safe automatic correction.
    pub fix: Option<Fix>,
}

/// The rule name of diagnostics about files that could not be read.
pub const READ_ERROR: &str = "read-error";

/// The rule name of diagnostics about fixed files that could not be written.
pub const WRITE_ERROR: &str = "write-error";

impl Diagnostic {
    /// Place a rule's finding in `source`.
    pub fn from_finding(source: &Source, rule: &str, level: Level, finding: Finding) -> Diagnostic {
        let place = |label: SpanLabel, primary: bool| {
            let start = source.position(label.span.start);
            let end = source.position(label.span.end);
            Label {
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                span: label.span,
                message: label.message,
                primary,
            }
        };
        let span = finding.primary.span;
        let mut labels = vec![place(finding.primary, true)];
        labels.extend(
            finding
                .secondary
                .into_iter()
                .map(|label| place(label, false)),
        );
        Diagnostic {
            path: source.name().to_string(),
            rule: rule.to_string(),
            level,
            message: finding.message,
            line: labels[0].line,
            column: labels[0].column,
            span,
            labels,
            notes: finding.notes,
            help: finding.help,
            fix: finding.fix,
        }
    }

    /// An error about a whole file (`read-error`, `write-error`): no labels; placed at the
    /// offending byte when there is one, else at line 1.
    pub fn file_error(rule: &str, path: &str, message: String, at: Option<Position>) -> Diagnostic {
        let at = at.unwrap_or(Position { line: 1, column: 1 });
        Diagnostic {
            path: path.to_string(),
            rule: rule.to_string(),
            level: Level::Error,
            message,
            line: at.line,
            column: at.column,
            span: Span::default(),
            labels: Vec::new(),
            notes: Vec::new(),
            help: None,
            fix: None,
        }
    }

    /// The order wirelint prints diagnostics in: by path, position, rule, message.
    pub fn sort_key(&self) -> (&str, usize, usize, usize, &str, &str) {
        (
            &self.path,
            self.line,
            self.column,
            self.span.end,
            &self.rule,
            &self.message,
        )
    }
}
