//! Rendering diagnostics: one module per output format. Every format but `html` streams: a
//! start, one part a file as soon as the file is linted, and an end, so that memory stays
//! bounded by one batch of files whatever the size of the report. The HTML page opens with the
//! counts of the whole run, so it gets every file's part back at the end.

mod checkstyle;
mod github;
mod gitlab;
mod html;
mod human;
mod json;
mod junit;
pub mod sanitize;
mod sarif;
mod short;
mod statistics;
mod xml;

pub use github::step_summary;
pub use json::JSON_VERSION;
pub use sanitize::sanitize;
pub use statistics::Statistics;

use crate::diagnostic::{Diagnostic, Level};
use crate::formats::InputFormat;
use crate::rule::RuleCard;
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
    /// One JSON document: `{"version": 1, "diagnostics": [...], "summary": {...}}`.
    Json,
    /// JSON lines: `{"version": 1}`, then one diagnostic a line.
    Jsonl,
    /// SARIF 2.1.0, for code scanning tools.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=...::message`), for annotations.
    Github,
    /// One self-contained HTML page: each article with its findings marked in place.
    Html,
    /// GitLab Code Quality (a JSON array of issues), for merge request widgets.
    Gitlab,
    /// JUnit XML: a test suite a file, a failing test case a finding.
    Junit,
    /// Checkstyle XML: a `file` element a file, an `error` element a finding.
    Checkstyle,
}

/// How the text formats lay out their output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Style {
    /// Colour the human output.
    pub color: bool,
    /// Columns a line of human output may take: the terminal's width on a terminal,
    /// [`DEFAULT_WIDTH`] otherwise.
    pub width: usize,
}

/// The width of human output when it does not go to a terminal, so that it is the same on
/// every machine.
pub const DEFAULT_WIDTH: usize = 100;

impl Default for Style {
    fn default() -> Style {
        Style {
            color: false,
            width: DEFAULT_WIDTH,
        }
    }
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
    /// Diagnostics that carry a fix `--fix` would apply.
    pub fixable: usize,
    /// Findings not reported because the baseline records them.
    pub baselined: usize,
}

impl Summary {
    /// Count `diagnostics` into the summary.
    pub fn add(&mut self, diagnostics: &[Diagnostic]) {
        for diagnostic in diagnostics {
            match diagnostic.level {
                Level::Error => self.errors += 1,
                Level::Warning => self.warnings += 1,
            }
            self.fixable += usize::from(diagnostic.fix.is_some());
        }
    }

    /// Add another summary's counts to this one.
    pub fn merge(&mut self, other: &Summary) {
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.files += other.files;
        self.fixed += other.fixed;
        self.skipped += other.skipped;
        self.fixable += other.fixable;
        self.baselined += other.baselined;
    }

    /// `2 errors, 1 warning in 3 files`, or `no problems in 3 files`, after `fixed 2 problems; `
    /// when fixes were applied, before `; 2 files skipped (not news articles)` when some were,
    /// and before `(4 more in the baseline)` when the baseline hid some.
    pub fn line(&self) -> String {
        let mut counts = self.counts();
        match self.skipped {
            0 => {}
            1 => counts.push_str("; 1 file skipped (not a news article)"),
            skipped => counts.push_str(&format!("; {skipped} files skipped (not news articles)")),
        }
        let line = match self.fixed {
            0 => counts,
            1 => format!("fixed 1 problem; {counts}"),
            fixed => format!("fixed {fixed} problems; {counts}"),
        };
        match self.baselined {
            0 => line,
            known => format!("{line} ({known} more in the baseline)"),
        }
    }

    fn counts(&self) -> String {
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

/// `1 error`, `2 errors`.
fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// What the end of a report needs to know about the whole run.
#[derive(Clone, Copy, Debug)]
pub struct Ending<'a> {
    /// The counts.
    pub summary: &'a Summary,
    /// Files that could not be read or written (SARIF lists them as tool notifications).
    pub file_errors: &'a [Diagnostic],
    /// Whether wirelint did its job (SARIF's `executionSuccessful`).
    pub successful: bool,
    /// `--quiet`: no summary line.
    pub quiet: bool,
    /// Fixes were being applied (no `N fixable` line then).
    pub fixing: bool,
    /// For a format that does not stream: every diagnostic shown, in order.
    pub kept: &'a [Diagnostic],
    /// For a format that does not stream: what [`Format::render_file`] gave for each file.
    pub parts: &'a str,
}

/// Keeps track of what a streamed report has written, to separate the files' parts.
#[derive(Debug)]
pub struct Stream {
    format: Format,
    parts: usize,
}

impl Stream {
    /// A report in `format`, nothing written yet.
    pub fn new(format: Format) -> Stream {
        Stream { format, parts: 0 }
    }

    /// What goes before a file's part: the separator of a JSON array when a part came before.
    pub fn before(&mut self, part: &str) -> &'static str {
        if part.is_empty() {
            return "";
        }
        self.parts += 1;
        match self.format {
            Format::Json | Format::Sarif | Format::Gitlab if self.parts > 1 => ",\n",
            _ => "",
        }
    }
}

impl Format {
    /// Whether the format prints each file's part as soon as the file is linted; otherwise
    /// its parts come back to [`Format::render_end`] in [`Ending::parts`].
    pub fn streams(self) -> bool {
        self != Format::Html
    }

    /// What the report starts with, before the first file; `style` are the house style rules
    /// in use, which SARIF describes beside the built-in ones.
    pub fn render_start(self, style: &[&RuleCard]) -> String {
        match self {
            Format::Json => json::start(),
            Format::Jsonl => json::start_lines(),
            Format::Sarif => sarif::start(style),
            Format::Gitlab => gitlab::start(),
            Format::Junit => junit::start(),
            Format::Checkstyle => checkstyle::start(),
            Format::Human | Format::Short | Format::Github | Format::Html => String::new(),
        }
    }

    /// The output for one file's diagnostics, as `color` says for human output, at the
    /// default width. `source` is the file's text, when it could be read, for excerpts.
    pub fn render_file(
        self,
        source: Option<&Source>,
        diagnostics: &[Diagnostic],
        color: bool,
    ) -> String {
        let style = Style {
            color,
            ..Style::default()
        };
        self.render_file_styled(source, None, diagnostics, &style)
    }

    /// The output for one file's diagnostics, laid out as `style` says. `format` is the one
    /// the file was linted as, when known (the HTML report shows the article as that format
    /// reads it).
    pub fn render_file_styled(
        self,
        source: Option<&Source>,
        format: Option<InputFormat>,
        diagnostics: &[Diagnostic],
        style: &Style,
    ) -> String {
        match self {
            Format::Human => human::render(source, diagnostics, style),
            Format::Short => short::render(diagnostics),
            Format::Json => json::render_items(diagnostics),
            Format::Jsonl => json::render_lines(diagnostics),
            Format::Sarif => sarif::render_results(source, diagnostics),
            Format::Github => github::render(diagnostics),
            Format::Html => html::render_file(source, format, diagnostics),
            Format::Gitlab => gitlab::render(source, diagnostics),
            Format::Junit => junit::render(source, diagnostics),
            Format::Checkstyle => checkstyle::render(source, diagnostics),
        }
    }

    /// What the report ends with: the summary line, or the end of the document.
    pub fn render_end(self, ending: &Ending<'_>) -> String {
        let summary = ending.summary;
        match self {
            Format::Html => html::render_page(ending.kept, summary, ending.parts),
            Format::Human if ending.quiet => String::new(),
            Format::Human if summary.fixable > 0 && !ending.fixing => format!(
                "{}\n{} fixable with --fix\n",
                summary.line(),
                summary.fixable
            ),
            Format::Human => format!("{}\n", summary.line()),
            Format::Json => json::end(summary),
            Format::Sarif => sarif::end(ending),
            Format::Gitlab => gitlab::end(),
            Format::Junit => junit::end(),
            Format::Checkstyle => checkstyle::end(),
            Format::Short | Format::Jsonl | Format::Github => String::new(),
        }
    }
}

/// The name a format gives a file, for the formats that name clean files too.
fn file_name<'a>(source: Option<&'a Source>, diagnostics: &'a [Diagnostic]) -> Option<&'a str> {
    source
        .map(Source::name)
        .or_else(|| diagnostics.first().map(|d| d.path.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_lines() {
        let mut summary = Summary {
            files: 3,
            ..Summary::default()
        };
        assert_eq!(summary.line(), "no problems in 3 files");
        summary.errors = 1;
        summary.warnings = 2;
        summary.baselined = 4;
        assert_eq!(
            summary.line(),
            "1 error, 2 warnings in 3 files (4 more in the baseline)"
        );
        summary.fixable = 1;
        let ending = Ending {
            summary: &summary,
            file_errors: &[],
            successful: true,
            quiet: false,
            fixing: false,
            kept: &[],
            parts: "",
        };
        assert!(
            Format::Human
                .render_end(&ending)
                .ends_with("\n1 fixable with --fix\n")
        );
        let quiet = Ending {
            quiet: true,
            ..ending
        };
        assert_eq!(Format::Human.render_end(&quiet), "");
    }
}
