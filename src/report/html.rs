//! `html`: one self-contained page for an editor. A table of counts per file and rule at the
//! top, then each file as it reads (header line, headline, paragraphs) with every label marked
//! in place and each finding's message beside its paragraph; secondary labels link to their
//! finding. No script, no network; every piece of text is escaped, since articles are
//! untrusted input.

use super::Summary;
use crate::diagnostic::{Diagnostic, Level};
use crate::formats::{self, Detected, InputFormat, SourceMap};
use crate::source::Source;
use crate::span::{Span, floor_char_boundary};
use std::collections::BTreeMap;
use std::fmt::Write;

/// The page's style: responsive (findings beside the text on a wide screen, below it on a
/// phone), light and dark.
const STYLE: &str = r#"
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2328; --muted: #656d76; --line: #d0d7de;
  --card: #f6f8fa; --err: #cf222e; --err-bg: #ffebe9; --warn: #9a6700; --warn-bg: #fff8c5;
  --rel: #0969da; --rel-bg: #ddf4ff; }
@media (prefers-color-scheme: dark) { :root { --bg: #0d1117; --fg: #e6edf3; --muted: #8d96a0;
  --line: #30363d; --card: #161b22; --err: #ff7b72; --err-bg: #4b1113; --warn: #d29922;
  --warn-bg: #3b2e05; --rel: #58a6ff; --rel-bg: #0c2d4f; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 75rem; padding: 1rem; background: var(--bg); color: var(--fg);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
h1 { font-size: 1.5rem; margin: .25rem 0; }
.total { color: var(--muted); margin: 0 0 1rem; }
.table-wrap { overflow-x: auto; margin-bottom: 1rem; }
table { border-collapse: collapse; font-size: .875rem; }
th, td { padding: .3rem .6rem; border-bottom: 1px solid var(--line); text-align: right;
  white-space: nowrap; }
th[scope=row], thead th:first-child, tfoot th { text-align: left; }
thead th { font-weight: 600; font-size: .75rem; vertical-align: bottom; white-space: normal;
  max-width: 7rem; }
th[scope=row] { position: sticky; left: 0; background: var(--bg); }
@media (max-width: 40rem) { th[scope=row] { white-space: normal; overflow-wrap: anywhere;
  min-width: 9rem; } }
tfoot th, tfoot td { font-weight: 700; border-bottom: none; }
td.error { color: var(--err); font-weight: 600; }
td.warning { color: var(--warn); font-weight: 600; }
a { color: var(--rel); }
section.file { border-top: 2px solid var(--line); margin-top: 1.5rem; padding-top: .5rem; }
main { display: flex; flex-direction: column; }
section.clean { order: 1; }
.file-head { display: flex; flex-wrap: wrap; align-items: baseline; column-gap: .5rem;
  margin-bottom: .5rem; }
.file-head h2, section.clean summary h2 { font: 600 1rem ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  margin: .5rem 0; overflow-wrap: anywhere; }
.counts { font: 400 .875rem system-ui, sans-serif; color: var(--muted); }
section.clean summary .counts { margin-left: .5rem; }
.article { font-family: Georgia, "Times New Roman", serif; font-size: 1.0625rem; }
.block { margin: 0 0 .9rem; }
@media (min-width: 50rem) { .block.flagged { display: grid; gap: 1.5rem; align-items: start;
  grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); } }
.text { margin: 0; overflow-wrap: anywhere; }
.header-line, .other { font: .875rem ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  color: var(--muted); white-space: pre-wrap; }
.headline { font-size: 1.375rem; line-height: 1.3; font-weight: 700; }
mark { color: inherit; background: var(--err-bg); border-bottom: 2px solid var(--err); }
mark.warning { background: var(--warn-bg); border-bottom-color: var(--warn); }
mark.related { background: var(--rel-bg); border-bottom: 2px dashed var(--rel); }
.insert { color: var(--err); font-weight: 700; }
.insert.warning { color: var(--warn); }
a.tag, span.tag { font: 700 .6875rem/1 system-ui, sans-serif; vertical-align: super; text-decoration: none;
  padding: .1em .35em; margin: 0 .2em 0 .1em; border-radius: 1em; color: var(--bg);
  background: var(--err); }
.tag.warning { background: var(--warn); }
a.tag.related { background: none; color: var(--rel); border: 1px solid var(--rel); }
.findings { margin-top: .4rem; }
.finding { font: .875rem/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; background: var(--card); border-left: 4px solid var(--err);
  border-radius: 4px; padding: .45rem .7rem; margin: 0 0 .5rem; scroll-margin-top: 1rem; }
.finding.warning { border-left-color: var(--warn); }
.finding:target { outline: 2px solid var(--rel); }
.finding p, .finding ul { margin: .15rem 0; }
.finding ul { padding-left: 1.1rem; }
.finding .head { display: flex; flex-wrap: wrap; gap: .2rem .5rem; align-items: baseline; }
.level { font-weight: 700; text-transform: uppercase; font-size: .75rem; letter-spacing: .04em; }
.finding.error .level { color: var(--err); }
.finding.warning .level { color: var(--warn); }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .92em; }
.rule { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.where { color: var(--muted); }
.message { font-weight: 600; }
.help, .fix, .note { color: var(--muted); }
.help strong, .fix strong, .note strong { color: var(--fg); font-weight: 600; }
[id] { scroll-margin-top: 1rem; }
section.clean summary { cursor: pointer; }
section.clean summary h2 { display: inline; margin: 0; }
section.clean { padding: .25rem 0; margin-top: .5rem; border-top-width: 1px; }
"#;

/// The page around the files' sections: `sections` is the output of [`render_file`] for each
/// file, in order; `diagnostics` are all of them, for the table.
pub(super) fn render_page(diagnostics: &[Diagnostic], summary: &Summary, sections: &str) -> String {
    let mut out = String::with_capacity(sections.len() + STYLE.len() + 4096);
    out.push_str(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>wirelint report</title>\n<style>",
    );
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<header>\n<h1>wirelint report</h1>\n");
    let _ = writeln!(out, "<p class=\"total\">{}</p>", escape(&summary.line()));
    render_table(&mut out, diagnostics);
    out.push_str("</header>\n<main>\n");
    out.push_str(sections);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// The table of counts: a row per file with findings, a column per rule that fired.
fn render_table(out: &mut String, diagnostics: &[Diagnostic]) {
    let mut rules: BTreeMap<&str, Level> = BTreeMap::new();
    let mut files: Vec<(&str, BTreeMap<&str, usize>)> = Vec::new();
    for d in diagnostics {
        let level = rules.entry(&d.rule).or_insert(d.level);
        *level = (*level).max(d.level);
        if files.last().is_none_or(|(path, _)| *path != d.path) {
            files.push((&d.path, BTreeMap::new()));
        }
        if let Some((_, counts)) = files.last_mut() {
            *counts.entry(&d.rule).or_default() += 1;
        }
    }
    if files.is_empty() {
        return;
    }
    out.push_str("<div class=\"table-wrap\">\n<table class=\"counts-table\">\n<thead><tr><th scope=\"col\">file</th>");
    for rule in rules.keys() {
        let _ = write!(out, "<th scope=\"col\">{}</th>", escape(rule));
    }
    out.push_str("<th scope=\"col\">total</th></tr></thead>\n<tbody>\n");
    let cell = |out: &mut String, count: usize, level: Level| {
        if count == 0 {
            out.push_str("<td></td>");
        } else {
            let _ = write!(out, "<td class=\"{level}\">{count}</td>");
        }
    };
    for (path, counts) in &files {
        let _ = write!(
            out,
            "<tr><th scope=\"row\"><a href=\"#{}\">{}</a></th>",
            file_id(path),
            escape(path)
        );
        for (rule, level) in &rules {
            cell(out, counts.get(rule).copied().unwrap_or(0), *level);
        }
        let _ = writeln!(out, "<td>{}</td></tr>", counts.values().sum::<usize>());
    }
    out.push_str("</tbody>\n<tfoot><tr><th scope=\"row\">all files</th>");
    for (rule, level) in &rules {
        let total = files
            .iter()
            .map(|(_, counts)| counts.get(rule).copied().unwrap_or(0))
            .sum();
        cell(out, total, *level);
    }
    let _ = writeln!(
        out,
        "<td>{}</td></tr></tfoot>\n</table>\n</div>",
        diagnostics.len()
    );
}

/// What a part of the article is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Header,
    Headline,
    Paragraph,
    /// A line outside the article's text that a label is on (a suppression comment).
    Other,
}

/// A part of the article shown as one block: a span of the file (for plain text, whole lines),
/// or of the article's view when the format has one (the text decoded from its markup).
struct Block {
    kind: Kind,
    span: Span,
    /// Whether `span` is in the view's offsets rather than the file's.
    in_view: bool,
    /// Where it starts in the file, for the order of the blocks.
    at: usize,
}

impl Block {
    /// The span of `mark` in this block's offsets, when the mark has a part in it.
    fn holds(&self, mark: &Mark<'_>) -> Option<Span> {
        let span = if self.in_view { mark.view? } else { mark.span };
        touches(self.span, span).then_some(span)
    }
}

/// A label of a finding, numbered for the page.
struct Mark<'a> {
    /// 1-based number of its finding in the file.
    finding: usize,
    /// Index of the label in its diagnostic (0: the primary).
    index: usize,
    span: Span,
    /// The span in the article's view, for a format whose view is not the file itself.
    view: Option<Span>,
    message: &'a str,
    level: Level,
    primary: bool,
}

/// One file's section: its heading, the findings that have no place in the text, then the
/// article with the labels marked and each finding beside the block of its primary label.
/// `format` is the one the file was linted as, when the run knows it (else the file's name and
/// content tell it).
pub(super) fn render_file(
    source: Option<&Source>,
    format: Option<InputFormat>,
    diagnostics: &[Diagnostic],
) -> String {
    let name = source.map_or_else(
        || diagnostics.first().map_or("", |d| d.path.as_str()),
        Source::name,
    );
    let id = file_id(name);
    let mut out = String::new();
    let clean = diagnostics.is_empty() && source.is_some();
    let heading = format!(
        "<h2>{}</h2><span class=\"counts\">{}</span>",
        escape(name),
        counts(diagnostics)
    );
    if clean {
        // A clean file is one line, its article folded away, after the files with findings.
        let _ = write!(
            out,
            "<section class=\"file clean\" id=\"{id}\">\n<details>\n<summary>{heading}</summary>\n"
        );
    } else {
        let _ = writeln!(
            out,
            "<section class=\"file\" id=\"{id}\">\n<div class=\"file-head\">{heading}</div>"
        );
    }
    let document = source.and_then(|source| read_article(source, format));
    // The article's own text, for a format that has markup around it.
    let view = source
        .zip(document.as_ref())
        .filter(|(_, d)| !d.is_identity())
        .map(|(source, d)| (d, d.view(source).text()));
    let marks: Vec<Mark<'_>> = diagnostics
        .iter()
        .enumerate()
        .flat_map(|(n, d)| {
            d.labels.iter().enumerate().map(move |(index, label)| Mark {
                finding: n + 1,
                index,
                span: label.span,
                view: view.and_then(|(d, text)| to_view(&d.map, text, label.span)),
                message: &label.message,
                level: d.level,
                primary: label.primary,
            })
        })
        .collect();
    let blocks = source.map_or_else(Vec::new, |source| blocks(source, document.as_ref(), &marks));
    // Each finding goes beside the block of its primary label, or above the article.
    let home: Vec<Option<usize>> = (0..diagnostics.len())
        .map(|n| {
            let primary = marks.iter().find(|m| m.finding == n + 1 && m.primary)?;
            blocks.iter().position(|b| b.holds(primary).is_some())
        })
        .collect();
    let unplaced: Vec<usize> = (0..diagnostics.len())
        .filter(|&n| home[n].is_none())
        .collect();
    if !unplaced.is_empty() {
        out.push_str("<div class=\"findings file-findings\">\n");
        for &n in &unplaced {
            render_finding(&mut out, &id, n + 1, &diagnostics[n], &blocks, &marks);
        }
        out.push_str("</div>\n");
    }
    if let Some(source) = source {
        let view_text = view.map_or("", |(_, text)| text);
        out.push_str("<div class=\"article\">\n");
        for (b, block) in blocks.iter().enumerate() {
            let here: Vec<usize> = (0..diagnostics.len())
                .filter(|&n| home[n] == Some(b))
                .collect();
            let flagged = if here.is_empty() { "" } else { " flagged" };
            let _ = writeln!(out, "<div class=\"block{flagged}\">");
            let text = if block.in_view {
                view_text
            } else {
                source.text()
            };
            render_block(&mut out, &id, text, block, &marks);
            if !here.is_empty() {
                out.push_str("<div class=\"findings\">\n");
                for &n in &here {
                    render_finding(&mut out, &id, n + 1, &diagnostics[n], &blocks, &marks);
                }
                out.push_str("</div>\n");
            }
            out.push_str("</div>\n");
        }
        out.push_str("</div>\n");
    }
    if clean {
        out.push_str("</details>\n");
    }
    out.push_str("</section>\n");
    out
}

/// `2 errors, 1 warning`, or `no findings`.
fn counts(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics
        .iter()
        .filter(|d| d.level == Level::Error)
        .count();
    let warnings = diagnostics.len() - errors;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (errors, warnings) {
        (0, 0) => "no findings".to_string(),
        (e, 0) => plural(e, "error"),
        (0, w) => plural(w, "warning"),
        (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
    }
}

/// The file read as `format`, or else as the format its name and content tell, when it reads
/// as one.
fn read_article(source: &Source, format: Option<InputFormat>) -> Option<formats::Document> {
    let format = match format {
        Some(format) => format,
        None => match formats::detect(source.name(), source.text()) {
            Detected::Article(format) => format,
            Detected::NotAnArticle(_) => return None,
        },
    };
    formats::read(source, format).ok()
}

/// File span `span` in the view's offsets, when the view holds its bytes (a span ending inside
/// a decoded escape ends after what the escape stands for).
fn to_view(map: &SourceMap, view: &str, span: Span) -> Option<Span> {
    let start = map.to_view(span.start)?;
    if span.is_empty() {
        return Some(Span::new(start, start));
    }
    let mut end = (map.to_view(span.end - 1)? + 1).min(view.len());
    while !view.is_char_boundary(end) {
        end += 1;
    }
    Some(Span::new(start, end.max(start)))
}

/// The parts of the article in file order, and the lines of the file that hold a label no part
/// shows (metadata, a suppression comment). For plain text the parts are whole lines of the
/// file, so that a label on a line's edge shows; for other formats they are the article's text
/// as the view decodes it from the markup. A file that does not read as its format shows only
/// the lines its labels are on.
fn blocks(source: &Source, document: Option<&formats::Document>, marks: &[Mark<'_>]) -> Vec<Block> {
    let text = source.text();
    let index = source.lines();
    let whole_lines = |span: Span| {
        let first = index.line_span(text, index.line_of(span.start));
        let last = index.line_span(text, index.line_of(span.end));
        Span::new(first.start, last.end.max(first.start))
    };
    let mut blocks: Vec<Block> = Vec::new();
    if let Some(document) = document {
        let article = document.article(source);
        let identity = document.is_identity();
        blocks.extend(
            article
                .header
                .map(|span| (Kind::Header, span))
                .into_iter()
                .chain(article.headline.map(|span| (Kind::Headline, span)))
                .chain(article.paragraphs.iter().map(|p| (Kind::Paragraph, p.span)))
                .filter(|(_, span)| !span.is_empty())
                .map(|(kind, span)| {
                    if identity {
                        let span = whole_lines(span);
                        Block {
                            kind,
                            span,
                            in_view: false,
                            at: span.start,
                        }
                    } else {
                        let at = document.map.to_source(span).start;
                        Block {
                            kind,
                            span,
                            in_view: true,
                            at,
                        }
                    }
                }),
        );
    }
    for line in index.line_spans(text) {
        let covered = blocks.iter().any(|b| !b.in_view && touches(b.span, line));
        let needed = marks
            .iter()
            .any(|m| touches(line, m.span) && !blocks.iter().any(|b| b.holds(m).is_some()));
        if !covered && needed {
            blocks.push(Block {
                kind: Kind::Other,
                span: line,
                in_view: false,
                at: line.start,
            });
        }
    }
    blocks.sort_by_key(|b| b.at);
    blocks
}

/// Whether `label` has a part in `block` (an empty label: whether it is inside or at an edge).
fn touches(block: Span, label: Span) -> bool {
    if label.is_empty() || block.is_empty() {
        block.start <= label.start && label.start <= block.end
    } else {
        label.start < block.end && block.start < label.end
    }
}

/// One block's text, cut at every label boundary: each piece under a label is a `<mark>`, an
/// empty label is a caret, and each label's number follows its last piece.
fn render_block(out: &mut String, id: &str, text: &str, block: &Block, marks: &[Mark<'_>]) {
    let (open, close) = match block.kind {
        Kind::Header => ("<p class=\"text header-line\">", "</p>"),
        Kind::Headline => ("<h3 class=\"text headline\">", "</h3>"),
        Kind::Paragraph => ("<p class=\"text\">", "</p>"),
        Kind::Other => ("<p class=\"text other\">", "</p>"),
    };
    out.push_str(open);
    let clamp =
        |offset: usize| floor_char_boundary(text, offset.clamp(block.span.start, block.span.end));
    // Each mark here with its span in the block's offsets.
    let here: Vec<(&Mark<'_>, Span)> = marks
        .iter()
        .filter_map(|m| Some((m, block.holds(m)?)))
        .collect();
    let mut cuts: Vec<usize> = vec![clamp(block.span.start), clamp(block.span.end)];
    for (_, span) in &here {
        cuts.push(clamp(span.start));
        cuts.push(clamp(span.end));
    }
    cuts.sort_unstable();
    cuts.dedup();
    for (i, &at) in cuts.iter().enumerate() {
        // Anchors of the labels that start here, then carets of the empty ones.
        for &(mark, span) in here.iter().filter(|(_, span)| span.start == at) {
            let _ = write!(
                out,
                "<span id=\"{}\"></span>",
                label_id(id, mark.finding, mark.index)
            );
            if span.is_empty() {
                let class = mark_class(&[mark]);
                let _ = write!(
                    out,
                    "<span class=\"insert {class}\" title=\"{}\">‸</span>",
                    escape(&title(&[mark]))
                );
                render_tag(out, id, mark);
            }
        }
        let Some(&next) = cuts.get(i + 1) else {
            break;
        };
        let piece = escape(&text[at..next]);
        let over: Vec<&Mark<'_>> = here
            .iter()
            .filter(|(_, span)| span.start <= at && next <= span.end && !span.is_empty())
            .map(|&(mark, _)| mark)
            .collect();
        if over.is_empty() {
            out.push_str(&piece);
        } else {
            let _ = write!(
                out,
                "<mark class=\"{}\" title=\"{}\">{piece}</mark>",
                mark_class(&over),
                escape(&title(&over))
            );
        }
        for &(mark, _) in here
            .iter()
            .filter(|(_, span)| !span.is_empty() && span.end == next)
        {
            render_tag(out, id, mark);
        }
    }
    out.push_str(close);
    out.push('\n');
}

/// The class of a piece under `marks`: the most serious primary label's level, else `related`.
fn mark_class(marks: &[&Mark<'_>]) -> &'static str {
    match marks.iter().filter(|m| m.primary).map(|m| m.level).max() {
        Some(Level::Error) => "error",
        Some(Level::Warning) => "warning",
        None => "related",
    }
}

/// The tooltip of a piece: its labels' messages, with their findings' numbers.
fn title(marks: &[&Mark<'_>]) -> String {
    marks
        .iter()
        .map(|m| format!("{}: {}", m.finding, m.message))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The number after a label, linking to its finding.
fn render_tag(out: &mut String, id: &str, mark: &Mark<'_>) {
    let class = if mark.primary {
        mark_class(&[mark])
    } else {
        "related"
    };
    let _ = write!(
        out,
        "<a class=\"tag {class}\" href=\"#{}\" title=\"{}\">{}</a>",
        finding_id(id, mark.finding),
        escape(mark.message),
        mark.finding
    );
}

/// A finding's card: level, rule, place, message, labels (the secondary ones linked to where
/// they are), notes, help and fix.
fn render_finding(
    out: &mut String,
    id: &str,
    n: usize,
    d: &Diagnostic,
    blocks: &[Block],
    marks: &[Mark<'_>],
) {
    // Whether label `index` of this finding is on the page, to link to it.
    let shown = |index: usize| {
        marks
            .iter()
            .filter(|m| m.finding == n && m.index == index)
            .any(|m| blocks.iter().any(|b| b.holds(m).is_some()))
    };
    // The number links to the primary label, when the text around it is on the page.
    let number = match d.labels.iter().position(|l| l.primary) {
        Some(index) if shown(index) => format!(
            "<a class=\"tag {}\" href=\"#{}\">{n}</a>",
            d.level,
            label_id(id, n, index)
        ),
        _ => format!("<span class=\"tag {}\">{n}</span>", d.level),
    };
    let _ = write!(
        out,
        "<div class=\"finding {level}\" id=\"{}\">\n<p class=\"head\">{number}\
         <span class=\"level\">{level}</span><code class=\"rule\">{}</code>\
         <span class=\"where\">line {}, column {}</span></p>\n<p class=\"message\">{}</p>\n",
        finding_id(id, n),
        escape(&d.rule),
        d.line,
        d.column,
        prose(&d.message),
        level = d.level,
    );
    let mut labels = String::new();
    for (index, label) in d.labels.iter().enumerate() {
        let place = format!("line {}", label.line);
        let place = if shown(index) {
            format!("<a href=\"#{}\">{place}</a>", label_id(id, n, index))
        } else {
            place
        };
        if label.primary {
            let _ = writeln!(labels, "<li>{place}: {}</li>", prose(&label.message));
        } else {
            let _ = writeln!(
                labels,
                "<li class=\"related\">{place}: {}</li>",
                prose(&label.message)
            );
        }
    }
    if !labels.is_empty() {
        let _ = write!(out, "<ul>\n{labels}</ul>\n");
    }
    for note in &d.notes {
        let _ = writeln!(
            out,
            "<p class=\"note\"><strong>note:</strong> {}</p>",
            prose(note)
        );
    }
    if let Some(help) = &d.help {
        let _ = writeln!(
            out,
            "<p class=\"help\"><strong>help:</strong> {}</p>",
            prose(help)
        );
    }
    if let Some(fix) = &d.fix {
        let _ = writeln!(
            out,
            "<p class=\"fix\"><strong>fix:</strong> {} (<code>wirelint --fix</code>)</p>",
            prose(&fix.message)
        );
    }
    out.push_str("</div>\n");
}

/// A page-wide id for a file: `file-` and its path with every byte outside `[A-Za-z0-9.-]`
/// written as `_XX` (so that two paths never share an id).
fn file_id(path: &str) -> String {
    let mut id = String::from("file-");
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || byte == b'.' || byte == b'-' {
            id.push(char::from(byte));
        } else {
            let _ = write!(id, "_{byte:02X}");
        }
    }
    id
}

fn finding_id(file: &str, n: usize) -> String {
    format!("{file}-f{n}")
}

fn label_id(file: &str, n: usize, index: usize) -> String {
    format!("{file}-f{n}-l{index}")
}

/// A message escaped, with each pair of backticks (`` `date` ``) made a `<code>` element.
fn prose(text: &str) -> String {
    let escaped = escape(text);
    if escaped.matches('`').count() < 2 {
        return escaped;
    }
    let mut out = String::with_capacity(escaped.len() + 16);
    let mut pieces = escaped.split('`').peekable();
    let mut in_code = false;
    while let Some(piece) = pieces.next() {
        out.push_str(piece);
        if pieces.peek().is_none() {
            break;
        }
        // An opening backtick with no closing one after it stays a backtick.
        let closes_later = !in_code && pieces.clone().count() < 2;
        out.push_str(match (in_code, closes_later) {
            (true, _) => "</code>",
            (false, true) => "`",
            (false, false) => "<code>",
        });
        in_code = !in_code && !closes_later;
    }
    out
}

/// `text` with `&`, `<`, `>`, `"` and `'` escaped, for element content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<script>alert(\"x&y's\")</script>"),
            "&lt;script&gt;alert(&quot;x&amp;y&#39;s&quot;)&lt;/script&gt;"
        );
    }

    #[test]
    fn backtick_pairs_become_code_and_a_lone_backtick_stays() {
        assert_eq!(
            prose("write `date` not `<dat>`"),
            "write <code>date</code> not <code>&lt;dat&gt;</code>"
        );
        assert_eq!(prose("a ` b `c` d"), "a <code> b </code>c` d");
        assert_eq!(prose("one ` only"), "one ` only");
    }

    #[test]
    fn file_ids_are_distinct_for_distinct_paths() {
        assert_eq!(file_id("desk/a b.txt"), "file-desk_2Fa_20b.txt");
        assert_ne!(file_id("a_b"), file_id("a b"));
    }

    #[test]
    fn empty_labels_touch_the_edges_of_a_block() {
        let block = Span::new(5, 10);
        assert!(touches(block, Span::new(10, 10)));
        assert!(!touches(block, Span::new(11, 11)));
        assert!(touches(block, Span::new(9, 12)));
        assert!(!touches(block, Span::new(10, 12)));
    }
}
