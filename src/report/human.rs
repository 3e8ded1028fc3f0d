//! `human`: rustc-style diagnostics rendered by codespan-reporting, with long lines cut to a
//! window around their labels so that a 1,000-character paragraph stays readable at 100
//! columns, while `file:line:col` stays exact.

use crate::diagnostic::{Diagnostic, Level};
use crate::source::Source;
use crate::span::floor_char_boundary;
use codespan_reporting::diagnostic::{Diagnostic as Report, Label as ReportLabel, Severity};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::{self, Config};
use std::io::Write;
use std::ops::Range;
use termcolor::{Buffer, Color, ColorSpec, WriteColor};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Characters of a line shown around a label, at most.
const WINDOW: usize = 84;
/// Characters shown before the first label of a window.
const LEAD: usize = 16;
const ELLIPSIS: &str = "…";
/// Columns a rendered line may take: an underline is shortened so that its message still fits.
const WIDTH: usize = 100;

pub(super) fn render(source: Option<&Source>, diagnostics: &[Diagnostic], color: bool) -> String {
    let mut buffer = if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    let config = Config::default();
    for diagnostic in diagnostics {
        match source.filter(|_| !diagnostic.labels.is_empty()) {
            Some(source) => {
                let excerpt = Excerpt::new(source, diagnostic);
                let report = excerpt.report(diagnostic);
                if term::emit_to_write_style(&mut buffer, &config, &excerpt, &report).is_err() {
                    render_plain(&mut buffer, diagnostic);
                }
            }
            None => render_plain(&mut buffer, diagnostic),
        }
    }
    String::from_utf8_lossy(buffer.as_slice()).into_owned()
}

/// A diagnostic without labels (a file that could not be read): header and location only.
fn render_plain(buffer: &mut Buffer, diagnostic: &Diagnostic) {
    let color = match diagnostic.level {
        Level::Error => Color::Red,
        Level::Warning => Color::Yellow,
    };
    let _ = buffer.set_color(ColorSpec::new().set_fg(Some(color)).set_bold(true));
    let _ = write!(buffer, "{}[{}]", diagnostic.level, diagnostic.rule);
    let _ = buffer.set_color(ColorSpec::new().set_bold(true));
    let _ = write!(buffer, ": {}", diagnostic.message);
    let _ = buffer.reset();
    let _ = writeln!(buffer);
    let _ = writeln!(
        buffer,
        "  ┌─ {}:{}:{}",
        diagnostic.path, diagnostic.line, diagnostic.column
    );
    for note in &diagnostic.notes {
        let _ = writeln!(buffer, "  = note: {note}");
    }
    if let Some(help) = &diagnostic.help {
        let _ = writeln!(buffer, "  = help: {help}");
    }
    let _ = writeln!(buffer);
}

/// The lines a diagnostic's labels sit on, each cut to a window around its labels: a small
/// text of its own that codespan renders, with the real line and column numbers.
struct Excerpt<'a> {
    name: &'a str,
    text: String,
    lines: Vec<ExcerptLine>,
    /// For each label of the diagnostic, its range in `text`.
    labels: Vec<Range<usize>>,
}

struct ExcerptLine {
    /// The range of the line in the excerpt's text.
    range: Range<usize>,
    /// Its 1-based line number in the source.
    number: usize,
    /// The 1-based column in the source of the first character after the leading ellipsis.
    column: usize,
    /// Bytes of the leading ellipsis (0 when the window starts at the start of the line).
    lead: usize,
}

impl<'a> Excerpt<'a> {
    fn new(source: &'a Source, diagnostic: &Diagnostic) -> Excerpt<'a> {
        let text = source.text();
        let index = source.lines();
        // Each label is shown on its first line only, and windows are grouped by line.
        let mut spans: Vec<(usize, usize, usize, usize)> = diagnostic
            .labels
            .iter()
            .enumerate()
            .map(|(i, label)| {
                let line = index.line_of(label.span.start);
                let line_span = index.line_span(text, line);
                let start = label.span.start.min(line_span.end);
                (line, start, label.span.end.min(line_span.end).max(start), i)
            })
            .collect();
        spans.sort();

        let mut excerpt = Excerpt {
            name: source.name(),
            text: String::new(),
            lines: Vec::new(),
            labels: vec![0..0; diagnostic.labels.len()],
        };
        let mut i = 0;
        while i < spans.len() {
            let (line, first_start, _, _) = spans[i];
            let line_span = index.line_span(text, line);
            let line_text = line_span.slice(text);
            let (window_start, window_end) = if line_text.chars().count() <= WINDOW {
                (line_span.start, line_span.end)
            } else {
                let start = back_chars(text, first_start, LEAD).max(line_span.start);
                (start, forward_chars(text, start, WINDOW).min(line_span.end))
            };
            let lead = if window_start > line_span.start {
                ELLIPSIS.len()
            } else {
                0
            };
            let line_start = excerpt.text.len();
            if lead > 0 {
                excerpt.text.push_str(ELLIPSIS);
            }
            excerpt.text.push_str(&text[window_start..window_end]);
            if window_end < line_span.end {
                excerpt.text.push_str(ELLIPSIS);
            }
            let shift = |offset: usize| {
                line_start + lead + offset.clamp(window_start, window_end) - window_start
            };
            while i < spans.len()
                && spans[i].0 == line
                && spans[i].1 < window_end.max(first_start + 1)
            {
                let (_, start, end, label) = spans[i];
                excerpt.labels[label] = shift(start)..shift(end);
                i += 1;
            }
            excerpt.lines.push(ExcerptLine {
                range: line_start..excerpt.text.len(),
                number: line + 1,
                column: source.position(window_start).column,
                lead,
            });
            excerpt.text.push('\n');
        }
        excerpt.fit_underlines(diagnostic);
        excerpt
    }

    /// Shorten underlines whose message would run past [`WIDTH`] columns (display columns: a
    /// tab is as wide as codespan draws it, wide characters count twice): the underline still
    /// starts on the first byte of the span (the exact span is in the machine formats).
    fn fit_underlines(&mut self, diagnostic: &Diagnostic) {
        let widest_number = self.lines.iter().map(|l| l.number).max().unwrap_or(1);
        let gutter = widest_number.to_string().len() + 3;
        let tab = Config::default().tab_width;
        let width = |c: char| {
            if c == '\t' {
                tab
            } else {
                c.width().unwrap_or(0)
            }
        };
        for (range, label) in self.labels.iter_mut().zip(&diagnostic.labels) {
            let line_start = self.text[..range.start].rfind('\n').map_or(0, |i| i + 1);
            let column: usize = self.text[line_start..range.start].chars().map(width).sum();
            let message = label.message.width();
            let room = WIDTH.saturating_sub(gutter + column + 1 + message).max(1);
            let mut used = 0;
            for (offset, c) in self.text[range.clone()].char_indices() {
                used += width(c).max(1);
                if used > room && offset > 0 {
                    range.end = range.start + offset;
                    break;
                }
            }
        }
    }

    fn report(&self, diagnostic: &Diagnostic) -> Report<()> {
        let severity = match diagnostic.level {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
        };
        let labels = diagnostic
            .labels
            .iter()
            .zip(&self.labels)
            .map(|(label, range)| {
                let made = if label.primary {
                    ReportLabel::primary((), range.clone())
                } else {
                    ReportLabel::secondary((), range.clone())
                };
                made.with_message(&label.message)
            })
            .collect();
        let mut notes: Vec<String> = diagnostic
            .notes
            .iter()
            .map(|note| format!("note: {note}"))
            .collect();
        notes.extend(diagnostic.help.iter().map(|help| format!("help: {help}")));
        Report::new(severity)
            .with_code(&diagnostic.rule)
            .with_message(&diagnostic.message)
            .with_labels(labels)
            .with_notes(notes)
    }

    /// Excerpt line `index`, or the error codespan expects for a line that does not exist.
    fn line(&self, index: usize) -> Result<&ExcerptLine, FilesError> {
        self.lines.get(index).ok_or(FilesError::LineTooLarge {
            given: index,
            max: self.lines.len(),
        })
    }

    fn line_at(&self, byte: usize) -> usize {
        self.lines
            .partition_point(|line| line.range.end < byte)
            .min(self.lines.len().saturating_sub(1))
    }
}

/// The offset `count` characters before `offset`.
fn back_chars(text: &str, offset: usize, count: usize) -> usize {
    text[..offset]
        .char_indices()
        .rev()
        .nth(count.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

/// The offset `count` characters after `offset`.
fn forward_chars(text: &str, offset: usize, count: usize) -> usize {
    text[offset..]
        .char_indices()
        .nth(count)
        .map_or(text.len(), |(i, _)| offset + i)
}

impl<'a> Files<'a> for Excerpt<'_> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(&self.text)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, FilesError> {
        Ok(self.line_at(byte_index))
    }

    fn line_number(&'a self, (): (), line_index: usize) -> Result<usize, FilesError> {
        let line = self.line(line_index)?;
        Ok(line.number)
    }

    fn column_number(
        &'a self,
        (): (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, FilesError> {
        let line = self.line(line_index)?;
        let from = line.range.start + line.lead;
        let to = floor_char_boundary(&self.text, byte_index.max(from));
        Ok(line.column + self.text[from..to].chars().count())
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, FilesError> {
        let line = self.line(line_index)?;
        Ok(line.range.start..line.range.end + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Finding, Level};

    fn render_one(text: &str, finding: Finding) -> String {
        let source = Source::new("story.txt", text);
        let diagnostic = Diagnostic::from_finding(&source, "some-rule", Level::Warning, finding);
        render(Some(&source), &[diagnostic], false)
    }

    #[test]
    fn long_lines_are_cut_to_a_window_with_exact_location() {
        let line = format!("{}TARGET{}", "word ".repeat(100), " tail".repeat(100));
        let text = format!("Headline\n{line}\n");
        let start = text.find("TARGET").unwrap();
        let out = render_one(
            &text,
            Finding::new(
                "something is wrong",
                crate::span::Span::new(start, start + 6),
                "here",
            ),
        );
        assert!(out.contains("story.txt:2:501"), "{out}");
        assert!(out.lines().all(|l| l.chars().count() <= 100), "{out}");
        assert!(
            out.contains("… word word word TARGET tail") && out.contains("tail t…"),
            "{out}"
        );
        assert!(out.contains("^^^^^^ here"), "{out}");
    }

    #[test]
    fn long_underlines_are_shortened_so_their_message_fits() {
        let line = "word ".repeat(200);
        let text = format!("Headline\n{line}\n");
        let start = text.find("word").unwrap();
        let finding = Finding::new(
            "repeated",
            crate::span::Span::new(start, text.len() - 1),
            "a rather long label message here",
        );
        let out = render_one(&text, finding);
        assert!(out.lines().all(|l| l.chars().count() <= WIDTH), "{out}");
        assert!(out.contains("^ a rather long label message here"), "{out}");
        // Wide characters and tabs count as the columns they take.
        let line = format!("\t\t{}", "漢字 ".repeat(60));
        let text = format!("Headline\n{line}\n");
        let start = text.find('漢').unwrap();
        let finding = Finding::new(
            "repeated",
            crate::span::Span::new(start, text.len() - 1),
            "a rather long label message here",
        );
        let out = render_one(&text, finding);
        let columns = |l: &str| {
            l.chars()
                .map(|c| if c == '\t' { 4 } else { c.width().unwrap_or(0) })
                .sum::<usize>()
        };
        let underline = out
            .lines()
            .find(|l| l.contains("a rather long label message here"))
            .unwrap();
        assert!(columns(underline) <= WIDTH, "{out}");
    }

    #[test]
    fn labels_on_different_lines_show_each_line_with_its_number() {
        let text = "Headline\nFirst paragraph.\nSecond paragraph.\n";
        let first = text.find("First").unwrap();
        let second = text.find("Second").unwrap();
        let finding = Finding::new(
            "repeated",
            crate::span::Span::new(second, second + 6),
            "repeated here",
        )
        .with_secondary(crate::span::Span::new(first, first + 5), "first here")
        .with_help("delete one");
        let out = render_one(text, finding);
        assert!(out.contains("warning[some-rule]: repeated"), "{out}");
        assert!(out.contains("story.txt:3:1"), "{out}");
        assert!(out.contains("2 │ First paragraph."), "{out}");
        assert!(out.contains("3 │ Second paragraph."), "{out}");
        assert!(out.contains("= help: delete one"), "{out}");
    }
}
