//! Rendering diagnostics: one module per output format.

mod github;
mod html;
mod human;
mod json;
mod sarif;
mod short;

use crate::diagnostic::{Diagnostic, Level};
use crate::source::Source;
use clap::ValueEnum;
use serde::Serialize;

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style diagnostics with the source excerpt, and a summary line.
    Human,
    /// One line a diagnostic: `path:line:col: level[rule]: message`.
    Short,
    /// One JSON document: `{"diagnostics": [...], "summary": {...}}`.
    Json,
    /// One JSON object a line, one line a diagnostic.
    Jsonl,
    /// SARIF 2.1.0, for code scanning tools.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=...::message`), for annotations.
    Github,
    /// One self-contained HTML page: each article with its findings marked in place.
    Html,
}

/// The counts printed at the end of a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Error-level diagnostics.
    pub errors: usize,
    /// Warning-level diagnostics.
    pub warnings: usize,
    /// Files linted (or attempted).
    pub files: usize,
    /// Fixes applied (with `--fix`).
    pub fixed: usize,
    /// Files met in a directory that are not news articles (JSON or XML of another kind).
    pub skipped: usize,
}

impl Summary {
    /// Count `diagnostics` into the summary.
    pub fn add(&mut self, diagnostics: &[Diagnostic]) {
        for diagnostic in diagnostics {
            match diagnostic.level {
                Level::Error => self.errors += 1,
                Level::Warning => self.warnings += 1,
            }
        }
    }

    /// Add another summary's counts to this one.
    pub fn merge(&mut self, other: &Summary) {
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.files += other.files;
        self.fixed += other.fixed;
        self.skipped += other.skipped;
    }

    /// `2 errors, 1 warning in 3 files`, or `no problems in 3 files`, after `fixed 2 problems; `
    /// when fixes were applied, and before `; 2 files skipped (not news articles)` when some
    /// were.
    pub fn line(&self) -> String {
        let mut counts = self.counts();
        match self.skipped {
            0 => {}
            1 => counts.push_str("; 1 file skipped (not a news article)"),
            skipped => counts.push_str(&format!("; {skipped} files skipped (not news articles)")),
        }
        match self.fixed {
            0 => counts,
            1 => format!("fixed 1 problem; {counts}"),
            fixed => format!("fixed {fixed} problems; {counts}"),
        }
    }

    fn counts(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let files = plural(self.files, "file");
        match (self.errors, self.warnings) {
            (0, 0) => format!("no problems in {files}"),
            (errors, 0) => format!("{} in {files}", plural(errors, "error")),
            (0, warnings) => format!("{} in {files}", plural(warnings, "warning")),
            (errors, warnings) => format!(
                "{}, {} in {files}",
                plural(errors, "error"),
                plural(warnings, "warning")
            ),
        }
    }
}

impl Format {
    /// Whether the format prints each file's diagnostics as soon as they are known; otherwise
    /// it prints everything at the end.
    pub fn streams(self) -> bool {
        !matches!(self, Format::Json | Format::Sarif | Format::Html)
    }

    /// The output for one file's diagnostics. A format that does not stream gets it back at the
    /// end, in [`Format::render_end`]'s `parts`.
    /// `source` is the file's text, when it could be read, for excerpts.
    pub fn render_file(
        self,
        source: Option<&Source>,
        diagnostics: &[Diagnostic],
        color: bool,
    ) -> String {
        match self {
            Format::Human => human::render(source, diagnostics, color),
            Format::Short => short::render(diagnostics),
            Format::Jsonl => json::render_lines(diagnostics),
            Format::Github => github::render(diagnostics),
            Format::Html => html::render_file(source, diagnostics),
            Format::Json | Format::Sarif => String::new(),
        }
    }

    /// The output at the end of the run: the summary line, or the whole document; `parts` is
    /// what [`Format::render_file`] gave for each file, in order, for a format that does not
    /// stream.
    pub fn render_end(self, diagnostics: &[Diagnostic], summary: &Summary, parts: &str) -> String {
        match self {
            Format::Html => html::render_page(diagnostics, summary, parts),
            Format::Human => format!("{}\n", summary.line()),
            Format::Json => json::render_document(diagnostics, summary),
            Format::Sarif => sarif::render(diagnostics),
            Format::Short | Format::Jsonl | Format::Github => String::new(),
        }
    }
}
