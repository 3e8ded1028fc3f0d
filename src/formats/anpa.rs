//! ANPA-1312 and IPTC 7901 wire text: a message framed by control characters (`SOH` header
//! `STX` text `ETX`, then `EOT`), whose framing is often lost on the way (a feed saved as text).
//! No parser for this framing exists on crates.io: it is read here by its control characters
//! and its line conventions, and nothing inside a line is interpreted.
//!
//! - The header is the text between `SOH` and `STX`; without them, the opening lines before the
//!   first blank line or `^` line (`Z6715-----`, `r z BC-Heat-Hawks 02-20 0500`, or IPTC 7901's
//!   `eca0124 3 i 93 dpa 1888`): the `header` field.
//! - AP's notes lines open with `^` and end with `<` or `=`: the first is the keyword (`slug`),
//!   the next the headline; `Eds:`, `AP Photo` lines are notes and `By ...=` the byline.
//! - IPTC 7901 puts keywords and the headline in a first block whose last line ends in ` =`.
//! - In the text, a line indented by a tab or spaces opens a paragraph (AP), else blank lines
//!   separate paragraphs (IPTC 7901); a closing `AP-WF-02-20-16 0337GMT` line is not text, nor
//!   a `^` section head, nor the rows of agate (scores, schedules) under a head ending in `=`.

use super::map::Escape;
use super::{Assembler, Built, FormatError};
use crate::span::Span;

const SOH: char = '\u{1}';
const STX: char = '\u{2}';
const ETX: char = '\u{3}';

/// Read an ANPA or IPTC 7901 message (the first one, when a file holds several).
pub fn read(text: &str) -> Result<Built, FormatError> {
    let soh = text.find(SOH);
    let stx = text.find(STX);
    let (header, body) = match (soh, stx) {
        (Some(h), Some(b)) if h < b => (Some(Span::new(h + 1, b)), b + 1),
        (_, Some(b)) => (None, b + 1),
        (Some(h), None) => {
            return Err(FormatError::at(
                "the message has a header (SOH) but no text (STX)",
                Some(h),
            ));
        }
        (None, None) => (None, 0),
    };
    let end = text[body..].find(ETX).map_or(text.len(), |i| body + i);
    let lines = lines(text, Span::new(body, end));
    let mut out = Assembler::new();
    let mut next = 0;
    let header = header.or_else(|| {
        // Without framing, the header is the opening lines before a blank line or a `^` line.
        let count = lines
            .iter()
            .take_while(|l| {
                let line = l.slice(text);
                !line.trim().is_empty() && !line.starts_with('^') && looks_like_header(line)
            })
            .count();
        next = count;
        (count > 0).then(|| Span::new(lines[0].start, lines[count - 1].end))
    });
    if let Some(header) = header.map(|h| trim(text, h)).filter(|h| !h.is_empty()) {
        field(&mut out, text, "header", header);
    }

    // AP's `^` lines: keyword, headline, notes, byline.
    let mut headline = None;
    while let Some(&line) = lines.get(next) {
        let Some(content) = line.slice(text).strip_prefix('^') else {
            if line.slice(text).trim().is_empty() && headline.is_none() {
                next += 1;
                continue;
            }
            break;
        };
        let span = trim(text, Span::new(line.start + 1, line.end));
        let span = strip_terminator(text, span);
        let content = content.trim();
        if content.starts_with("BC-") || content.starts_with('*') || content.contains("BC-") {
            field(&mut out, text, "slug", span);
        } else if content.starts_with("By ") {
            field(&mut out, text, "byline", span);
        } else if content.starts_with("Eds:") || content.starts_with("AP Photo") {
            field(&mut out, text, "note", span);
        } else if headline.is_none() && !span.is_empty() {
            headline = Some(span);
        }
        next += 1;
    }

    // The text: indented lines open paragraphs, else blank-line blocks.
    let rest = &lines[next..];
    let indents = rest.iter().any(|l| starts_indented(l.slice(text)));
    let mut paragraphs: Vec<Vec<Span>> = Vec::new();
    let mut previous_blank = true;
    // Under an agate section head (`^Monday's Games=`), the lines are table rows, not prose,
    // up to the next blank line.
    let mut in_table = false;
    for &line in rest {
        let content = line.slice(text);
        if content.trim().is_empty() {
            previous_blank = true;
            in_table = false;
            continue;
        }
        if let Some(head) = content.strip_prefix('^') {
            in_table = head.trim_end().ends_with('=');
            previous_blank = true;
            continue;
        }
        if in_table {
            continue;
        }
        if is_trailer(content.trim()) {
            field(&mut out, text, "trailer", trim(text, line));
            continue;
        }
        let opens = if indents {
            starts_indented(content)
        } else {
            previous_blank
        };
        match paragraphs.last_mut() {
            Some(last) if !opens => last.push(line),
            _ => paragraphs.push(vec![line]),
        }
        previous_blank = false;
    }
    // IPTC 7901: a first block whose last line ends in ` =` holds keywords and the headline.
    if headline.is_none()
        && let Some(first) = paragraphs.first()
        && let Some(last) = first
            .last()
            .filter(|l| l.slice(text).trim_end().ends_with('='))
    {
        for &keyword in &first[..first.len() - 1] {
            field(&mut out, text, "keyword", trim(text, keyword));
        }
        headline = Some(strip_terminator(text, trim(text, *last)));
        paragraphs.remove(0);
    }
    if let Some(span) = headline {
        let unit = out.begin(span.start);
        out.view.verbatim(span.slice(text), span, Escape::None);
        out.headline(unit);
    }
    for lines in &paragraphs {
        let unit = out.begin(lines[0].start);
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                out.view.separator("\n", line.start);
            }
            let line = trim(text, *line);
            out.view.verbatim(line.slice(text), line, Escape::None);
        }
        let last = lines[lines.len() - 1];
        let removal_end = text[last.end..end]
            .find('\n')
            .map_or(last.end, |i| last.end + i + 1);
        let removal = Span::new(line_start(text, lines[0].start), removal_end);
        out.paragraph(unit, Some(removal));
    }
    Ok(out.finish(end))
}

/// A metadata field whose value is the file's text at `span`.
fn field(out: &mut Assembler, text: &str, name: &str, span: Span) {
    let begun = out.begin_field(text, name, None);
    out.view.verbatim(span.slice(text), span, Escape::None);
    out.field(name, None, begun);
}

/// Whether an opening line reads as a header: a few fields, one of them with digits, none
/// ending a sentence (`r z BC-Heat-Hawks 1stLd 02-20 0500`, `eca0124 3 i 93 dpa 1888`).
fn looks_like_header(line: &str) -> bool {
    let fields: Vec<&str> = line.split_whitespace().collect();
    !fields.is_empty()
        && fields.len() <= 10
        && fields.iter().any(|f| f.bytes().any(|b| b.is_ascii_digit()))
        && !line.trim_end().ends_with(['.', '"', '=', '<'])
}

/// A service line closing an AP story: `AP-WF-02-20-16 0337GMT`.
fn is_trailer(line: &str) -> bool {
    let line = line.trim_end_matches('<');
    line.starts_with("AP-") && line.ends_with("GMT") && line.len() < 40
}

/// The lines of `span`, without line breaks and without control characters at their ends.
fn lines(text: &str, span: Span) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = span.start;
    for line in span.slice(text).split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        spans.push(Span::new(start, start + content.len()));
        start += line.len();
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

/// `span` without AP's line terminators (`<`, `=`) and the space before them.
fn strip_terminator(text: &str, span: Span) -> Span {
    let inner = span.slice(text).trim_end_matches(['<', '=']).trim_end();
    Span::new(span.start, span.start + inner.len())
}

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::super::InputFormat;

    fn parts(text: &str) -> (Option<String>, Vec<(String, String)>, Vec<String>) {
        super::super::parts_of("t.anpa", text, InputFormat::Anpa)
    }

    #[test]
    fn framed_message_with_header_headline_and_indented_paragraphs() {
        let text = "\u{1}a0123 r i BC-Talks 02-02 0120\r\n\u{2}^BC-Talks-Geneva,120<\r\n^Talks resume in Geneva<\r\n\tGENEVA (Wire) _ Talks\r\nresumed on Monday.\r\n\tThey said so.\r\n\u{3}\u{4}";
        let (headline, fields, paragraphs) = parts(text);
        assert_eq!(headline.as_deref(), Some("Talks resume in Geneva"));
        assert_eq!(
            fields,
            [
                ("header".into(), "a0123 r i BC-Talks 02-02 0120".into()),
                ("slug".into(), "BC-Talks-Geneva,120".into())
            ]
        );
        assert_eq!(
            paragraphs,
            ["GENEVA (Wire) _ Talks\nresumed on Monday.", "They said so."]
        );
    }

    #[test]
    fn unframed_ap_story_with_notes_byline_and_trailer() {
        let text = "Q1234-----\nr a BC-Ferry-Storm 03-02 0210\n^BC-Ferry-Storm,210<\n^Ferry sailings resume after storm<\n^Eds: With photos.<\n^By ANN REED=\n^I   PORT ELLIS (Wire) _ Ferries sailed again.\n\tThe operator said so.\n\t   AP-WF-03-02-26 1200GMT<\n".replace("^I", "\t");
        let (headline, fields, paragraphs) = parts(&text);
        assert_eq!(
            headline.as_deref(),
            Some("Ferry sailings resume after storm")
        );
        let names: Vec<&str> = fields.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["header", "slug", "note", "byline", "trailer"]);
        assert_eq!(
            paragraphs,
            [
                "PORT ELLIS (Wire) _ Ferries sailed again.",
                "The operator said so."
            ]
        );
    }

    #[test]
    fn agate_rows_under_a_section_head_are_not_text() {
        let text = "r s BC-BBA--Scores 05-10 0300\n^BC-BBA--Scores,300<\n^Scores<\n\t   The scores of Monday.\n^Monday's Games=\n\t   Cleveland 15, Cincinnati 6, in a game that went long\n\t   Arizona 12, N.Y. Yankees 2, in a game that went long\n\n\t   Next story text.\n";
        let (headline, _, paragraphs) = parts(text);
        assert_eq!(headline.as_deref(), Some("Scores"));
        assert_eq!(paragraphs, ["The scores of Monday.", "Next story text."]);
    }

    #[test]
    fn iptc_7901_keywords_and_headline_block() {
        let text = "abc0001 3 i 93  wire 0180\n\nFerry/storm/\nURGENT\nFerry sailings resume =\n\nPORT ELLIS (Wire) - Ferries sailed\nagain on Monday.\n\nThe operator said so.\n";
        let (headline, fields, paragraphs) = parts(text);
        assert_eq!(headline.as_deref(), Some("Ferry sailings resume"));
        assert_eq!(
            fields,
            [
                ("header".into(), "abc0001 3 i 93  wire 0180".into()),
                ("keyword".into(), "Ferry/storm/".into()),
                ("keyword".into(), "URGENT".into())
            ]
        );
        assert_eq!(
            paragraphs,
            [
                "PORT ELLIS (Wire) - Ferries sailed\nagain on Monday.",
                "The operator said so."
            ]
        );
    }
}
