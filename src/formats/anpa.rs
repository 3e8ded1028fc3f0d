//! ANPA-1312 and IPTC 7901 wire text: a message framed by control characters, `SOH` header
//! `STX` text `ETX` (then `EOT`). The header line is the metadata (`header`, and the
//! `MM-DD` date and word count where it has them); in the text, a line indented by a tab or
//! spaces (or after a blank line) opens a paragraph, and a first short line before the first
//! paragraph is the headline. No parser exists for this framing on crates.io: it is read here,
//! by its control characters, and nothing inside a line is interpreted.

use super::map::Escape;
use super::{Assembler, Built, FormatError};
use crate::span::Span;

const SOH: char = '\u{1}';
const STX: char = '\u{2}';
const ETX: char = '\u{3}';

/// Read an ANPA or IPTC 7901 message (the first one, when a file holds several).
pub fn read(text: &str) -> Result<Built, FormatError> {
    let header_start = text.find(SOH).map(|i| i + 1);
    let body_start = text.find(STX).map(|i| i + 1);
    let (header, body) = match (header_start, body_start) {
        (Some(h), Some(b)) if h < b => (Some(Span::new(h, b - 1)), b),
        (_, Some(b)) => (None, b),
        (Some(h), None) => {
            return Err(FormatError::at(
                "the message has a header (SOH) but no text (STX)",
                Some(h - 1),
            ));
        }
        (None, None) => (None, 0),
    };
    let body_end = text[body..].find(ETX).map_or(text.len(), |i| body + i);
    let mut out = Assembler::new();
    if let Some(header) = header {
        let line = trim(text, header);
        if !line.is_empty() {
            let begun = out.begin_field(text, "header", None);
            out.view.verbatim(line.slice(text), line, Escape::None);
            out.field("header", None, begun);
        }
    }
    let lines = lines(text, Span::new(body, body_end));
    let mut paragraphs: Vec<Vec<Span>> = Vec::new();
    let indents = lines.iter().skip(1).any(|l| starts_indented(l.slice(text)));
    let mut previous_blank = true;
    for line in lines {
        let content = line.slice(text);
        if content.trim().is_empty() {
            previous_blank = true;
            continue;
        }
        let opens = previous_blank || !indents || starts_indented(content);
        if opens || paragraphs.is_empty() {
            paragraphs.push(vec![line]);
        } else if let Some(last) = paragraphs.last_mut() {
            last.push(line);
        }
        previous_blank = false;
    }
    // A first one-line paragraph without closing punctuation, before others, is the headline.
    let headline = paragraphs.len() > 1
        && paragraphs[0].len() == 1
        && !paragraphs[0][0]
            .slice(text)
            .trim_end()
            .ends_with(['.', '"', '”', ':']);
    for (index, lines) in paragraphs.iter().enumerate() {
        let first = lines[0];
        let unit = out.begin(first.start);
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                out.view.separator("\n", line.start);
            }
            let line = trim(text, *line);
            out.view.verbatim(line.slice(text), line, Escape::None);
        }
        if index == 0 && headline {
            out.headline(unit);
        } else {
            let last = lines[lines.len() - 1];
            let end = text[last.end..body_end]
                .find('\n')
                .map_or(last.end, |i| last.end + i + 1);
            out.paragraph(unit, Some(Span::new(line_start(text, first.start), end)));
        }
    }
    Ok(out.finish(body_end))
}

/// The lines of `span`, without line breaks and without control characters at their ends.
fn lines(text: &str, span: Span) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = span.start;
    for line in span.slice(text).split_inclusive('\n') {
        let end = start + line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        spans.push(Span::new(start, start + content.len()));
        start = end;
    }
    spans
}

/// Whether a line opens a paragraph by its indent (a tab, or two spaces or more).
fn starts_indented(line: &str) -> bool {
    line.starts_with('\t') || line.starts_with("  ")
}

/// `span` without white space and control characters at its ends.
fn trim(text: &str, span: Span) -> Span {
    let is_edge = |c: char| c.is_whitespace() || c.is_control();
    let inner = span.slice(text);
    let start = span.start + (inner.len() - inner.trim_start_matches(is_edge).len());
    let end = span.start + inner.trim_end_matches(is_edge).len();
    Span::new(start, end.max(start))
}

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::super::{InputFormat, read as read_format};
    use crate::source::Source;

    #[test]
    fn header_headline_and_indented_paragraphs() {
        let text = "\u{1}a0123 r i BC-Talks 02-02 0120\r\n\u{2}Talks resume in Geneva\r\n\tGENEVA (Wire) - Talks\r\nresumed on Monday.\r\n\tThey said so.\r\n\u{3}\u{4}";
        let source = Source::new("t.anpa", text);
        let document = read_format(&source, InputFormat::Anpa).unwrap();
        let article = document.article(&source);
        let view = document.view(&source);
        assert_eq!(
            view.slice(article.headline.unwrap()),
            "Talks resume in Geneva"
        );
        assert_eq!(
            view.slice(article.field("header").unwrap()),
            "a0123 r i BC-Talks 02-02 0120"
        );
        let paragraphs: Vec<&str> = article
            .paragraphs
            .iter()
            .map(|p| view.slice(p.span))
            .collect();
        assert_eq!(
            paragraphs,
            ["GENEVA (Wire) - Talks\nresumed on Monday.", "They said so."]
        );
    }
}
