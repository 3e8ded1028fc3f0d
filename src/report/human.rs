//! `human`: rustc-style diagnostics rendered by codespan-reporting. A long line is cut to the
//! stretches around its labels so that a 1,000-character paragraph fits the report's width,
//! while `file:line:col` stays exact; every underline covers all of its label that is shown; a
//! label message that would run past the width goes on a line of its own, as rustc puts it;
//! control characters in the text and the names are shown escaped.

use super::Style;
use super::sanitize::{is_unsafe, push_char, sanitize};
use crate::diagnostic::{Diagnostic, Level};
use crate::source::Source;
use codespan_reporting::diagnostic::{
    Diagnostic as Report, Label as ReportLabel, LabelStyle, Severity,
};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::{self, Config};
use std::io::Write;
use std::ops::Range;
use termcolor::{Buffer, Color, ColorSpec, WriteColor};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Columns of context shown before the first label of a cut line.
const LEAD: usize = 16;
/// Labels of one line this many columns apart or closer are shown in one stretch.
const JOIN: usize = 12;
/// The narrowest text area a line is cut to, however narrow the terminal.
const MIN_TEXT: usize = 40;
/// What stands for the text left out of a cut line.
const ELLIPSIS: &str = "…";
/// The marker of a finding that `--fix` can fix, before its message.
pub(super) const FIXABLE: &str = "[*]";

pub(super) fn render(source: Option<&Source>, diagnostics: &[Diagnostic], style: &Style) -> String {
    let mut buffer = if style.color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    let config = Config::default();
    for diagnostic in diagnostics {
        match source.filter(|_| !diagnostic.labels.is_empty()) {
            Some(source) => {
                let excerpt = Excerpt::new(source, diagnostic, style.width);
                let report = excerpt.report(diagnostic, style.width);
                if term::emit_to_write_style(&mut buffer, &config, &excerpt, &report).is_err() {
                    render_plain(&mut buffer, diagnostic);
                }
            }
            None => render_plain(&mut buffer, diagnostic),
        }
    }
    String::from_utf8(buffer.into_inner())
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The headline of a diagnostic: its message, after the fixable marker when it has a fix.
fn headline(diagnostic: &Diagnostic) -> String {
    let message = sanitize(&diagnostic.message);
    match diagnostic.fix {
        Some(_) => format!("{FIXABLE} {message}"),
        None => message.into_owned(),
    }
}

/// A diagnostic without labels (a file that could not be read): its header, which names the
/// file, and its notes; no empty source frame.
fn render_plain(buffer: &mut Buffer, diagnostic: &Diagnostic) {
    let color = match diagnostic.level {
        Level::Error => Color::Red,
        Level::Warning => Color::Yellow,
    };
    let _ = buffer.set_color(ColorSpec::new().set_fg(Some(color)).set_bold(true));
    let _ = write!(
        buffer,
        "{}[{}]",
        diagnostic.level,
        sanitize(&diagnostic.rule)
    );
    let _ = buffer.set_color(ColorSpec::new().set_bold(true));
    let _ = write!(buffer, ": {}", headline(diagnostic));
    let _ = buffer.reset();
    let _ = writeln!(buffer);
    for note in &diagnostic.notes {
        let _ = writeln!(buffer, "  = note: {}", sanitize(note));
    }
    if let Some(help) = &diagnostic.help {
        let _ = writeln!(buffer, "  = help: {}", sanitize(help));
    }
    let _ = writeln!(buffer);
}

/// The lines a diagnostic's labels sit on, each cut to the stretches around its labels and
/// escaped: a small text of its own that codespan renders, one row a stretch group, with the
/// real line numbers (two rows of one long line both carry its number) and columns.
struct Excerpt<'a> {
    source: &'a Source,
    name: String,
    text: String,
    rows: Vec<Row>,
    /// For each label of the diagnostic, its range in `text`.
    labels: Vec<Range<usize>>,
    /// For each label, the columns its message takes.
    messages: Vec<usize>,
}

/// One row of the excerpt: part of one source line.
struct Row {
    /// The row's range in the excerpt's text, without its line break.
    range: Range<usize>,
    /// The 1-based number of its line in the source.
    number: usize,
    /// What each part of the row shows, in order.
    pieces: Vec<Piece>,
}

/// A part of a row: source bytes shown as they are, one character shown escaped, or an
/// ellipsis for text left out (its source range is empty, where the shown text resumes).
struct Piece {
    text: Range<usize>,
    source: Range<usize>,
    verbatim: bool,
}

/// A label on its line: source byte range and its index in the diagnostic.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Placed {
    line: usize,
    start: usize,
    end: usize,
    label: usize,
}

/// Labels of one line shown in one stretch, cut to the room a row has.
struct Cluster {
    start: usize,
    /// Where the shown stretch ends (a long label is cut here).
    end: usize,
    labels: Vec<Placed>,
}

/// Columns a character takes in the excerpt: its escape, or its display width.
fn shown_width(c: char) -> usize {
    if is_unsafe(c) {
        c.escape_debug().len()
    } else {
        c.width().unwrap_or(0)
    }
}

/// Columns `text` takes in the excerpt, counted up to a little past `cap`.
fn width_capped(text: &str, cap: usize) -> usize {
    let mut total = 0;
    for c in text.chars() {
        total += shown_width(c);
        if total > cap {
            break;
        }
    }
    total
}

/// The offset after as many characters from `from` (not past `limit`) as fit in `columns`.
fn advance(text: &str, from: usize, limit: usize, columns: usize) -> usize {
    let mut used = 0;
    for (offset, c) in text[from..limit].char_indices() {
        used += shown_width(c);
        if used > columns {
            return from + offset;
        }
    }
    limit
}

/// The offset before as many characters before `from` (not before `limit`) as fit in `columns`.
fn retreat(text: &str, from: usize, limit: usize, columns: usize) -> usize {
    let mut used = 0;
    let mut at = from;
    for (offset, c) in text[limit..from].char_indices().rev() {
        used += shown_width(c);
        if used > columns {
            break;
        }
        at = limit + offset;
    }
    at
}

/// The columns of a row of `segments` before source offset `at` (ellipses included).
fn columns_before(text: &str, segments: &[Range<usize>], at: usize, line_start: usize) -> usize {
    let mut columns = 0;
    for (i, segment) in segments.iter().enumerate() {
        if i > 0 || segment.start > line_start {
            columns += 1;
        }
        if at <= segment.end {
            return columns
                + width_capped(&text[segment.start..at.max(segment.start)], usize::MAX - 1);
        }
        columns += width_capped(&text[segment.clone()], usize::MAX - 1);
    }
    columns
}

impl<'a> Excerpt<'a> {
    fn new(source: &'a Source, diagnostic: &Diagnostic, width: usize) -> Excerpt<'a> {
        let text = source.text();
        let index = source.lines();
        // Each label is shown on its first line only.
        let mut placed: Vec<Placed> = diagnostic
            .labels
            .iter()
            .enumerate()
            .map(|(label, l)| {
                let line = index.line_of(l.span.start);
                let line_span = index.line_span(text, line);
                let start = l.span.start.min(line_span.end);
                let end = l.span.end.min(line_span.end).max(start);
                Placed {
                    line,
                    start,
                    end,
                    label,
                }
            })
            .collect();
        placed.sort();
        let digits = placed
            .iter()
            .map(|p| p.line + 1)
            .max()
            .unwrap_or(1)
            .to_string()
            .len();
        // `12 │ text`: the gutter takes the digits and three columns.
        let room = width.saturating_sub(digits + 3).max(MIN_TEXT);
        let mut excerpt = Excerpt {
            source,
            name: sanitize(source.name()).into_owned(),
            text: String::new(),
            rows: Vec::new(),
            labels: vec![0..0; diagnostic.labels.len()],
            messages: diagnostic
                .labels
                .iter()
                .map(|label| sanitize(&label.message).width())
                .collect(),
        };
        for group in placed.chunk_by(|a, b| a.line == b.line) {
            excerpt.add_line(group, room);
        }
        excerpt
    }

    /// Rows for one line's labels: the whole line when it fits in `room` columns with every
    /// label's message (which starts at its label, at the latest), else the stretches around
    /// its labels, as many to a row as fit.
    fn add_line(&mut self, placed: &[Placed], room: usize) {
        let text = self.source.text();
        let line = self.source.lines().line_span(text, placed[0].line);
        let messages_fit = placed.iter().all(|p| {
            width_capped(&text[line.start..p.start], room) + self.messages[p.label] <= room
        });
        if messages_fit && width_capped(line.slice(text), room) <= room {
            self.push_row(&[line.range()], placed);
            return;
        }
        // Two columns go to the ellipses at the ends of a row.
        let inner = room - 2;
        let mut clusters: Vec<Cluster> = Vec::new();
        for p in placed {
            if let Some(cluster) = clusters.last_mut() {
                let limit = advance(text, cluster.start, line.end, inner);
                let near = p.start <= cluster.end
                    || width_capped(&text[cluster.end..p.start], JOIN) <= JOIN;
                if near && (p.start < limit || limit == line.end) {
                    cluster.end = cluster.end.max(p.end.min(limit));
                    cluster.labels.push(*p);
                    continue;
                }
            }
            clusters.push(Cluster {
                start: p.start,
                end: p.end.min(advance(text, p.start, line.end, inner)),
                labels: vec![*p],
            });
        }
        let width = |c: &Cluster| width_capped(&text[c.start..c.end], inner).max(1);
        let mut row: Vec<&Cluster> = Vec::new();
        let mut used = 0;
        for cluster in &clusters {
            let needed = width(cluster) + usize::from(!row.is_empty());
            if !row.is_empty() && used + needed > inner {
                self.push_cut_row(&row, line.range(), room);
                row.clear();
                used = 0;
            }
            used += width(cluster) + usize::from(!row.is_empty());
            row.push(cluster);
        }
        self.push_cut_row(&row, line.range(), room);
    }

    /// A row of clusters from one line, `room` columns wide at most (ellipses included), with
    /// as much of the text around them as fits: the text between two stretches when it fits
    /// whole, up to LEAD columns before each, a fair share after each, and what is left before
    /// the first. A label's message must fit after its underline, or hanging under its start.
    fn push_cut_row(&mut self, clusters: &[&Cluster], line: Range<usize>, room: usize) {
        let text = self.source.text();
        let placed: Vec<Placed> = clusters
            .iter()
            .flat_map(|c| c.labels.iter().copied())
            .collect();
        let messages: Vec<usize> = placed.iter().map(|p| self.messages[p.label]).collect();
        let fits = |segments: &[Range<usize>]| {
            let trailing = segments.last().is_some_and(|last| last.end < line.end);
            let total =
                columns_before(text, segments, line.end, line.start) + usize::from(trailing);
            total <= room
                && placed.iter().zip(&messages).all(|(p, message)| {
                    columns_before(text, segments, p.start, line.start) + message <= room
                })
        };
        // The most columns up to `most` that `tried(columns)` still fits with.
        let grow = |most: usize, tried: &dyn Fn(usize) -> Vec<Range<usize>>| {
            let (mut low, mut high) = (0, most);
            while low < high {
                let middle = (low + high).div_ceil(2);
                if fits(&tried(middle)) {
                    low = middle;
                } else {
                    high = middle - 1;
                }
            }
            tried(low)
        };
        let mut segments: Vec<Range<usize>> = clusters.iter().map(|c| c.start..c.end).collect();
        let mut i = 1;
        while i < segments.len() {
            let mut joined = segments.clone();
            joined[i - 1].end = joined[i].end;
            joined.remove(i);
            if fits(&joined) {
                segments = joined;
            } else {
                i += 1;
            }
        }
        for i in 0..segments.len() {
            let floor = if i == 0 {
                line.start
            } else {
                segments[i - 1].end
            };
            segments = grow(LEAD, &|columns| {
                let mut tried = segments.clone();
                tried[i].start = retreat(text, tried[i].start, floor, columns);
                tried
            });
        }
        let n = segments.len();
        for i in 0..n {
            let ceiling = segments.get(i + 1).map_or(line.end, |next| next.start);
            let used = columns_before(text, &segments, line.end, line.start);
            let share = room.saturating_sub(used + 2) / (n - i);
            segments = grow(share, &|columns| {
                let mut tried = segments.clone();
                tried[i].end = advance(text, tried[i].end, ceiling, columns);
                tried
            });
        }
        segments = grow(room, &|columns| {
            let mut tried = segments.clone();
            tried[0].start = retreat(text, tried[0].start, line.start, columns);
            tried
        });
        // Context cut inside a word is cut back to the word's edge.
        for segment in &mut segments {
            let first = placed
                .iter()
                .map(|p| p.start)
                .filter(|at| segment.contains(at))
                .min()
                .unwrap_or(segment.start);
            let last = placed
                .iter()
                .map(|p| p.end)
                .filter(|at| (segment.start..=segment.end).contains(at))
                .max()
                .unwrap_or(segment.end);
            let inside = |at: usize| {
                !text[..at].ends_with(char::is_whitespace)
                    && !text[at..].starts_with(char::is_whitespace)
            };
            if segment.start > line.start
                && inside(segment.start)
                && let Some(space) = text[segment.start..first].find(char::is_whitespace)
            {
                segment.start += space + 1;
            }
            if segment.end < line.end
                && inside(segment.end)
                && let Some(space) = text[last..segment.end].rfind(char::is_whitespace)
            {
                segment.end = last + space;
            }
        }
        // Stretches that meet become one.
        segments.dedup_by(|next, previous| {
            let meets = next.start <= previous.end;
            if meets {
                previous.end = previous.end.max(next.end);
            }
            meets
        });
        self.push_row(&segments, &placed);
    }

    /// Add a row showing `segments` of one line (in order), with ellipses for what is left
    /// out, and place `placed` labels in it.
    fn push_row(&mut self, segments: &[Range<usize>], placed: &[Placed]) {
        let text = self.source.text();
        let line = self.source.lines().line_span(text, placed[0].line);
        let start = self.text.len();
        let mut pieces = Vec::new();
        let ellipsis = |excerpt: &mut String, pieces: &mut Vec<Piece>, at: usize| {
            let from = excerpt.len();
            excerpt.push_str(ELLIPSIS);
            pieces.push(Piece {
                text: from..excerpt.len(),
                source: at..at,
                verbatim: false,
            });
        };
        for (i, segment) in segments.iter().enumerate() {
            if i > 0 || segment.start > line.start {
                ellipsis(&mut self.text, &mut pieces, segment.start);
            }
            let mut run = segment.start;
            for (offset, c) in text[segment.clone()].char_indices() {
                let at = segment.start + offset;
                if is_unsafe(c) {
                    self.push_verbatim(&mut pieces, run..at);
                    let from = self.text.len();
                    push_char(&mut self.text, c);
                    pieces.push(Piece {
                        text: from..self.text.len(),
                        source: at..at + c.len_utf8(),
                        verbatim: false,
                    });
                    run = at + c.len_utf8();
                }
            }
            self.push_verbatim(&mut pieces, run..segment.end);
        }
        if let Some(last) = segments.last().filter(|last| last.end < line.end) {
            ellipsis(&mut self.text, &mut pieces, last.end);
        }
        let row = Row {
            range: start..self.text.len(),
            number: placed[0].line + 1,
            pieces,
        };
        for p in placed {
            self.labels[p.label] = row.place(p.start)..row.place(p.end);
        }
        self.rows.push(row);
        self.text.push('\n');
    }

    fn push_verbatim(&mut self, pieces: &mut Vec<Piece>, source: Range<usize>) {
        if source.is_empty() {
            return;
        }
        let from = self.text.len();
        self.text.push_str(&self.source.text()[source.clone()]);
        pieces.push(Piece {
            text: from..self.text.len(),
            source,
            verbatim: true,
        });
    }

    fn report(&self, diagnostic: &Diagnostic, width: usize) -> Report<()> {
        let severity = match diagnostic.level {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
        };
        let digits = self
            .rows
            .iter()
            .map(|row| row.number)
            .max()
            .unwrap_or(1)
            .to_string()
            .len();
        let mut labels = Vec::new();
        for (label, range) in diagnostic.labels.iter().zip(&self.labels) {
            let style = if label.primary {
                LabelStyle::Primary
            } else {
                LabelStyle::Secondary
            };
            let message = sanitize(&label.message).into_owned();
            let row_start = self.rows[self.line_at(range.start)].range.start;
            let columns = |to: usize| self.text[row_start..to].width();
            let end = columns(range.end).max(columns(range.start) + 1);
            // `12 │ ` + the underline + a space + the message: too wide, and the message goes
            // on its own line under the underline (codespan hangs a message whose label
            // overlaps another, so a twin label without a message does it).
            let hangs = !message.is_empty() && digits + 3 + end + 1 + message.width() > width;
            labels.push(ReportLabel::new(style, (), range.clone()).with_message(message));
            if hangs {
                labels.push(ReportLabel::new(style, (), range.clone()));
            }
        }
        let mut notes: Vec<String> = diagnostic
            .notes
            .iter()
            .map(|note| format!("note: {}", sanitize(note)))
            .collect();
        notes.extend(
            diagnostic
                .help
                .iter()
                .map(|help| format!("help: {}", sanitize(help))),
        );
        Report::new(severity)
            .with_code(sanitize(&diagnostic.rule))
            .with_message(headline(diagnostic))
            .with_labels(labels)
            .with_notes(notes)
    }

    /// Excerpt row `index`, or the error codespan expects for a line that does not exist.
    fn row(&self, index: usize) -> Result<&Row, FilesError> {
        self.rows.get(index).ok_or(FilesError::LineTooLarge {
            given: index,
            max: self.rows.len(),
        })
    }

    fn line_at(&self, byte: usize) -> usize {
        self.rows
            .partition_point(|row| row.range.end < byte)
            .min(self.rows.len().saturating_sub(1))
    }
}

impl Row {
    /// The offset in the excerpt's text where source offset `at` is shown: in a verbatim
    /// piece, the same byte; in an escape, its start; in text left out, where the row resumes
    /// (its end, when `at` is past all that is shown).
    fn place(&self, at: usize) -> usize {
        for piece in &self.pieces {
            if piece.source.contains(&at) {
                return if piece.verbatim {
                    piece.text.start + (at - piece.source.start)
                } else {
                    piece.text.start
                };
            }
            if piece.source.start >= at {
                return piece.text.start;
            }
        }
        self.range.end
    }

    /// The source offset shown at excerpt offset `byte` (the inverse of [`Row::place`]).
    fn source_at(&self, byte: usize) -> usize {
        for piece in &self.pieces {
            if piece.text.contains(&byte) || piece.text.start >= byte {
                return if piece.verbatim {
                    piece.source.start + byte.saturating_sub(piece.text.start)
                } else {
                    piece.source.start
                };
            }
        }
        self.pieces.last().map_or(0, |piece| piece.source.end)
    }
}

impl<'a> Files<'a> for Excerpt<'_> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(&self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(&self.text)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, FilesError> {
        Ok(self.line_at(byte_index))
    }

    fn line_number(&'a self, (): (), line_index: usize) -> Result<usize, FilesError> {
        Ok(self.row(line_index)?.number)
    }

    fn column_number(
        &'a self,
        (): (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, FilesError> {
        let row = self.row(line_index)?;
        Ok(self.source.position(row.source_at(byte_index)).column)
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, FilesError> {
        let row = self.row(line_index)?;
        Ok(row.range.start..row.range.end + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Finding, Level};
    use crate::span::Span;

    fn render_one(text: &str, finding: Finding) -> String {
        render_named("story.txt", text, finding)
    }

    fn render_named(name: &str, text: &str, finding: Finding) -> String {
        let source = Source::new(name, text);
        let diagnostic = Diagnostic::from_finding(&source, "some-rule", Level::Warning, finding);
        render(Some(&source), &[diagnostic], &Style::default())
    }

    fn columns(line: &str) -> usize {
        line.width()
    }

    #[test]
    fn long_lines_are_cut_to_a_window_with_exact_location() {
        let line = format!("{}TARGET{}", "word ".repeat(100), " tail".repeat(100));
        let text = format!("Headline\n{line}\n");
        let start = text.find("TARGET").unwrap();
        let finding = Finding::new("something is wrong", Span::new(start, start + 6), "here");
        let out = render_one(&text, finding);
        assert!(out.contains("story.txt:2:501"), "{out}");
        assert!(out.lines().all(|l| columns(l) <= 100), "{out}");
        assert!(
            out.contains("…word word word TARGET tail") && out.contains("tail …"),
            "{out}"
        );
        assert!(out.contains("^^^^^^ here"), "{out}");
    }

    #[test]
    fn the_whole_shown_span_is_underlined_and_a_long_message_hangs_below() {
        // `room.` at the end of a 100-column line, with a message too long to follow it.
        let line = format!("{} left the room.", "word ".repeat(17));
        let text = format!("Headline\n{line}\n");
        let start = text.find("room.").unwrap();
        let finding = Finding::new(
            "never closed",
            Span::new(start, start + 5),
            "no mark by here",
        );
        let out = render_one(&text, finding);
        assert!(
            out.contains("^^^^^\n"),
            "the whole of `room.` is underlined:\n{out}"
        );
        let hanging = out
            .lines()
            .find(|l| l.ends_with("no mark by here"))
            .unwrap();
        assert!(!hanging.contains('^'), "the message hangs:\n{out}");
        assert!(out.lines().all(|l| columns(l) <= 100), "{out}");
        // A paragraph-long label is underlined to the end of what is shown.
        let line = "word ".repeat(200);
        let text = format!("Headline\n{line}\n");
        let start = text.find("word").unwrap();
        let finding = Finding::new(
            "repeated",
            Span::new(start, text.len() - 1),
            "a rather long label message here",
        );
        let out = render_one(&text, finding);
        assert!(out.lines().all(|l| columns(l) <= 100), "{out}");
        let underline = out.lines().find(|l| l.contains('^')).unwrap();
        let shown = out.lines().find(|l| l.starts_with("2 │")).unwrap();
        assert_eq!(columns(underline), columns(shown), "{out}");
        assert!(out.contains("a rather long label message here"), "{out}");
    }

    #[test]
    fn twin_paragraphs_get_twin_underlines() {
        let paragraph = "The central bank raised its main interest rate by half a point on Tuesday to curb inflation that has run above its target for a year.";
        let text = format!("Headline\n{paragraph}\nOther.\n{paragraph}\n");
        let first = text.find(paragraph).unwrap();
        let second = text.rfind(paragraph).unwrap();
        let finding = Finding::new(
            "repeated",
            Span::new(second, second + paragraph.len()),
            "repeated here",
        )
        .with_secondary(
            Span::new(first, first + paragraph.len()),
            "first written here",
        );
        let out = render_one(&text, finding);
        let carets = out.lines().find(|l| l.contains('^')).unwrap();
        let dashes = out.lines().find(|l| l.contains("---")).unwrap();
        assert_eq!(
            carets.matches('^').count(),
            dashes.matches('-').count(),
            "{out}"
        );
    }

    #[test]
    fn two_stretches_of_one_line_carry_its_number() {
        // Far apart, two short labels share one row, the text between them left out.
        let line = format!("Open “{} and the end.", "word ".repeat(80));
        let text = format!("Headline\n{line}\n");
        let open = text.find('“').unwrap();
        let end = text.find("end.").unwrap();
        let finding = Finding::new("never closed", Span::new(open, open + 3), "opens here")
            .with_secondary(Span::new(end, end + 4), "still open here");
        let out = render_one(&text, finding);
        let rows: Vec<&str> = out.lines().filter(|l| l.starts_with("2 │")).collect();
        assert_eq!(rows.len(), 1, "{out}");
        assert!(rows[0].contains("Open “word") && rows[0].contains("word  and the end."));
        assert!(rows[0].contains("word…word"), "{out}");
        assert!(out.contains("story.txt:2:6"), "{out}");
        // Two long labels need a row each, and both rows carry the line's number.
        let line = format!(
            "{}{}{}",
            "alpha ".repeat(15),
            "word ".repeat(80),
            "omega ".repeat(15)
        );
        let text = format!("Headline\n{line}\n");
        let first = text.find("alpha").unwrap();
        let last = text.find("omega").unwrap();
        let finding = Finding::new("repeated", Span::new(last, last + 89), "again here")
            .with_secondary(Span::new(first, first + 89), "first here");
        let out = render_one(&text, finding);
        let rows: Vec<&str> = out.lines().filter(|l| l.starts_with("2 │")).collect();
        assert_eq!(rows.len(), 2, "{out}");
        assert!(
            rows[0].contains("alpha") && rows[1].contains("omega"),
            "{out}"
        );
        assert!(out.lines().all(|l| columns(l) <= 100), "{out}");
    }

    #[test]
    fn rows_and_messages_fit_the_width_asked_for() {
        let line =
            "Costa said the union \u{201c}would not sign anything this week and left the room.";
        let text = format!("Headline\n{line}\n");
        let open = text.find('\u{201c}').unwrap();
        let room = text.find("room.").unwrap();
        let finding = Finding::new(
            "never closed",
            Span::new(open, open + 3),
            "this quote mark opens a quotation",
        )
        .with_secondary(Span::new(room, room + 5), "no closing mark by here");
        let source = Source::new("story.txt", text.as_str());
        let diagnostic = Diagnostic::from_finding(&source, "some-rule", Level::Error, finding);
        for width in [50, 70, 100] {
            let style = Style {
                color: false,
                width,
            };
            let out = render(Some(&source), std::slice::from_ref(&diagnostic), &style);
            assert!(out.lines().all(|l| columns(l) <= width), "{width}:\n{out}");
            assert!(out.contains("room."), "{out}");
        }
    }

    #[test]
    fn control_characters_are_escaped_and_columns_stay_exact() {
        let text = "Headline\nA \u{1b}[2J\u{1b}[Hcleared screen and a TARGET here\n";
        let start = text.find("TARGET").unwrap();
        let finding = Finding::new("bad \u{1b}[31m", Span::new(start, start + 6), "x\u{7}");
        let out = render_named("evil\u{1b}]0;name\u{7}.txt", text, finding);
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
        assert!(out.contains("A \\u{1b}[2J\\u{1b}[Hcleared"), "{out}");
        assert!(out.contains("evil\\u{1b}]0;name\\u{7}.txt:2:31"), "{out}");
        assert!(out.contains("bad \\u{1b}[31m"), "{out}");
        let shown = out.lines().find(|l| l.starts_with("2 │")).unwrap();
        let underline = out.lines().find(|l| l.contains('^')).unwrap();
        assert_eq!(
            shown.find("TARGET"),
            underline.find('^'),
            "the underline sits under the label:\n{out}"
        );
        // Tabs are shown as `\t`, so underlines do not depend on tab stops.
        let text = "date\t2026-02-02 403\nHeadline\n";
        let finding = Finding::new("tab", Span::new(4, 5), "a tab");
        let out = render_one(text, finding);
        assert!(out.contains("1 │ date\\t2026"), "{out}");
        assert!(out.contains("  │     ^^ a tab"), "{out}");
    }

    #[test]
    fn wide_characters_count_as_the_columns_they_take() {
        let line = format!("漢字 {}", "漢字 ".repeat(60));
        let text = format!("Headline\n{line}\n");
        let start = text.rfind('漢').unwrap();
        let finding = Finding::new("wide", Span::new(start, start + 3), "this one");
        let out = render_one(&text, finding);
        assert!(out.lines().all(|l| columns(l) <= 100), "{out}");
        let shown = out.lines().find(|l| l.starts_with("2 │")).unwrap();
        let underline = out.lines().find(|l| l.contains('^')).unwrap();
        let column_of = |l: &str, i: usize| columns(&l[..i]);
        assert_eq!(
            column_of(shown, shown.rfind('漢').unwrap()),
            column_of(underline, underline.find('^').unwrap()),
            "{out}"
        );
    }

    #[test]
    fn labels_on_different_lines_show_each_line_with_its_number() {
        let text = "Headline\nFirst paragraph.\nSecond paragraph.\n";
        let first = text.find("First").unwrap();
        let second = text.find("Second").unwrap();
        let finding = Finding::new("repeated", Span::new(second, second + 6), "repeated here")
            .with_secondary(Span::new(first, first + 5), "first here")
            .with_help("delete one");
        let out = render_one(text, finding);
        assert!(out.contains("warning[some-rule]: repeated"), "{out}");
        assert!(out.contains("story.txt:3:1"), "{out}");
        assert!(out.contains("2 │ First paragraph."), "{out}");
        assert!(out.contains("3 │ Second paragraph."), "{out}");
        assert!(out.contains("= help: delete one"), "{out}");
    }

    #[test]
    fn a_file_error_prints_no_empty_frame() {
        let diagnostic = Diagnostic::file_error(
            crate::diagnostic::READ_ERROR,
            "a\u{1b}.txt",
            "could not read `a\u{1b}.txt`: the file is empty".into(),
            None,
        );
        let out = render(None, &[diagnostic], &Style::default());
        assert_eq!(
            out,
            "error[read-error]: could not read `a\\u{1b}.txt`: the file is empty\n\n"
        );
    }
}
