//! Markdown (CommonMark, read by pulldown-cmark) with YAML or TOML front matter. The front
//! matter's fields are the metadata and its `title` the headline (else a first `#` heading);
//! paragraphs and list items are the body. Code, HTML, link and image targets, images, tables
//! and shortcodes (`{{< ... >}}`, `{{% ... %}}`, `{% ... %}`) are not text.

use super::metadata::{self, FrontField, FrontValue};
use super::{Assembler, Built, Escape, FormatError, Unit};
use crate::article::FieldRole;
use crate::span::Span;
use pulldown_cmark::{Event, HeadingLevel, MetadataBlockKind, Options, Parser, Tag, TagEnd};
use regex::Regex;
use std::sync::LazyLock;

/// Hugo and Jekyll shortcodes and template tags.
static SHORTCODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?s)\{\{[<%].*?[%>]\}\}|\{%.*?%\}|\{\{.*?\}\}").expect("valid regex")
});

/// What the unit being written is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Headline,
    Paragraph(Option<Span>),
}

/// Read a Markdown file.
pub fn read(text: &str) -> Result<Built, FormatError> {
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let shortcodes: Vec<Span> = SHORTCODE
        .find_iter(text)
        .map(|m| Span::new(m.start(), m.end()))
        .collect();
    let mut out = Assembler::new();
    let mut front: Option<MetadataBlockKind> = None;
    let mut skip = 0usize;
    let mut containers = 0usize;
    let mut open: Option<(Unit, Role)> = None;
    let mut body_started = false;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        let range = Span::new(range.start, range.end);
        match event {
            Event::Start(Tag::MetadataBlock(kind)) => front = Some(kind),
            Event::End(TagEnd::MetadataBlock(_)) => front = None,
            Event::Text(content) if front.is_some() => {
                front_matter(&mut out, text, &content, range, front)?;
            }
            Event::Start(tag) if skip > 0 && opens_container(&tag) => skip += 1,
            Event::End(tag) if skip > 0 && closes_container(tag) => skip -= 1,
            Event::Start(_) | Event::End(_) if skip > 0 => {}
            Event::Start(Tag::Heading { level, .. }) => {
                close(&mut out, &mut open);
                if level == HeadingLevel::H1 && !body_started && out.parts.headline.is_none() {
                    open = Some((out.begin(range.start), Role::Headline));
                } else {
                    skip = 1;
                }
                body_started = true;
            }
            Event::Start(Tag::Paragraph | Tag::Item) => {
                close(&mut out, &mut open);
                body_started = true;
                let removal = (containers == 0).then(|| removal(text, range)).flatten();
                open = Some((out.begin(range.start), Role::Paragraph(removal)));
            }
            Event::Start(Tag::List(_) | Tag::BlockQuote(_)) => {
                close(&mut out, &mut open);
                containers += 1;
            }
            Event::End(TagEnd::List(_) | TagEnd::BlockQuote(_)) => {
                close(&mut out, &mut open);
                containers = containers.saturating_sub(1);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => {
                close(&mut out, &mut open);
            }
            Event::Start(tag) if opens_container(&tag) => {
                if matches!(tag, Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::Table(_)) {
                    close(&mut out, &mut open);
                    body_started = true;
                }
                skip = 1;
            }
            Event::Text(content) if open.is_some() && skip == 0 => {
                text_piece(&mut out, text, &content, range, &shortcodes);
            }
            Event::SoftBreak | Event::HardBreak if open.is_some() && skip == 0 => {
                out.view.piece(text, range, "\n", Escape::Markdown);
            }
            _ => {}
        }
    }
    close(&mut out, &mut open);
    Ok(out.finish(text.len()))
}

/// Tags whose content is not text: everything inside them is skipped.
fn opens_container(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::Image { .. }
            | Tag::Table(_)
            | Tag::FootnoteDefinition(_)
            | Tag::Heading { .. }
            | Tag::MetadataBlock(_)
    )
}

fn closes_container(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::Image
            | TagEnd::Table
            | TagEnd::FootnoteDefinition
            | TagEnd::Heading(_)
            | TagEnd::MetadataBlock(_)
    )
}

fn close(out: &mut Assembler, open: &mut Option<(Unit, Role)>) {
    match open.take() {
        Some((unit, Role::Headline)) => out.headline(unit),
        Some((unit, Role::Paragraph(removal))) => out.paragraph(unit, removal),
        None => {}
    }
}

/// A text event's words, without the shortcodes in it.
fn text_piece(out: &mut Assembler, file: &str, content: &str, range: Span, shortcodes: &[Span]) {
    let inside: Vec<Span> = shortcodes
        .iter()
        .filter(|s| s.start < range.end && range.start < s.end)
        .copied()
        .collect();
    if inside.is_empty() {
        out.view.piece(file, range, content, Escape::Markdown);
        return;
    }
    if range.slice(file) != content {
        return;
    }
    let mut from = range.start;
    for shortcode in inside {
        if shortcode.start > from {
            let span = Span::new(from, shortcode.start);
            out.view.verbatim(span.slice(file), span, Escape::Markdown);
        }
        from = from.max(shortcode.end);
    }
    if from < range.end {
        let span = Span::new(from, range.end);
        out.view.verbatim(span.slice(file), span, Escape::Markdown);
    }
}

/// The bytes that delete a top-level paragraph: its lines and the blank lines after them, when
/// nothing else stands on its first line. Lines end as CommonMark's do: `\n`, `\r\n` or a lone
/// `\r`.
fn removal(text: &str, range: Span) -> Option<Span> {
    let line_start = text[..range.start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    if !text[line_start..range.start].trim().is_empty() {
        return None;
    }
    let content_end = range.start + text[range.start..range.end].trim_end().len();
    let mut end = line_end(text, content_end);
    while end < text.len() {
        let next = line_end(text, end);
        if !text[end..next].trim().is_empty() {
            break;
        }
        end = next;
    }
    Some(Span::new(line_start, end))
}

/// The offset just past the line ending after `offset` (or the text's end).
fn line_end(text: &str, offset: usize) -> usize {
    match text[offset..].find(['\n', '\r']) {
        Some(i) if text[offset + i..].starts_with("\r\n") => offset + i + 2,
        Some(i) => offset + i + 1,
        None => text.len(),
    }
}

/// The front matter's fields into the view; `title` becomes the headline. A front matter that
/// does not parse is a metadata error at the place the parser stopped.
fn front_matter(
    out: &mut Assembler,
    file: &str,
    content: &str,
    range: Span,
    kind: Option<MetadataBlockKind>,
) -> Result<(), FormatError> {
    let parsed = match kind {
        Some(MetadataBlockKind::PlusesStyle) => metadata::toml(content, range.start),
        _ => metadata::yaml(content, range.start),
    };
    let mut fields = match parsed {
        Ok(fields) => fields,
        Err(error) => {
            let at = error.offset.unwrap_or(range.start).min(file.len());
            let end = file[at..]
                .chars()
                .next()
                .filter(|c| *c != '\n')
                .map_or(at, |c| at + c.len_utf8());
            out.metadata_error(
                file,
                Span::new(at, end),
                error.message,
                "the parser stopped here",
            );
            return Ok(());
        }
    };
    fields.sort_by_key(|f| f.key.start);
    for FrontField { name, key, value } in fields {
        let FrontValue::Scalar { text, raw, literal } = value else {
            continue;
        };
        let field = out.begin_field(file, &name, Some(key));
        match literal {
            Some(span) => out.view.verbatim(span.slice(file), span, Escape::Metadata),
            None => out.view.decoded(&text, raw, Escape::Metadata),
        }
        let role = match name.to_ascii_lowercase().as_str() {
            "title" => Some(FieldRole::Title),
            "date" => Some(FieldRole::Date),
            "id" => Some(FieldRole::Id),
            "lang" | "language" => Some(FieldRole::Language),
            _ => None,
        };
        out.field(&name, role, field);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::{InputFormat, read as read_format};
    use crate::source::Source;

    fn parts(text: &str) -> (Option<String>, Vec<(String, String)>, Vec<String>) {
        super::super::parts_of("t.md", text, InputFormat::Markdown)
    }

    #[test]
    fn front_matter_is_metadata_and_its_title_the_headline() {
        let text = "---\ntitle: Talks resume\ndate: 2026-02-02\n---\n\n# Not the headline\n\nFirst *para*graph.\n\nSecond one.\n";
        let (headline, fields, paragraphs) = parts(text);
        assert_eq!(headline.as_deref(), Some("Talks resume"));
        assert_eq!(
            fields,
            [
                ("title".to_string(), "Talks resume".to_string()),
                ("date".to_string(), "2026-02-02".to_string())
            ]
        );
        assert_eq!(paragraphs, ["First paragraph.", "Second one."]);
    }

    #[test]
    fn code_html_links_images_and_shortcodes_are_not_text() {
        let text = "# Headline\n\nSee [the \"report\"](http://x.org \"a title\") and `\"code\"` here.\n\n```\n\"fenced\"\n```\n\n<div class=\"x\">html</div>\n\n![\"alt\"](img.png \"t\") {{< figure src=\"a.png\" >}} Words.\n";
        let (headline, _, paragraphs) = parts(text);
        assert_eq!(headline.as_deref(), Some("Headline"));
        assert_eq!(paragraphs, ["See the \"report\" and  here.", "Words."]);
    }

    #[test]
    fn list_items_are_paragraphs() {
        let (_, _, paragraphs) = parts("Intro.\n\n- one item\n- two item\n\n> quoted words\n");
        assert_eq!(
            paragraphs,
            ["Intro.", "one item", "two item", "quoted words"]
        );
    }

    #[test]
    fn labels_map_back_into_the_markdown() {
        let text = "---\ntitle: T\n---\nA **bold** word &amp; more.\n";
        let source = Source::new("t.md", text);
        let document = read_format(&source, InputFormat::Markdown).unwrap();
        let view = document.view(&source);
        let at = view.text().find("bold").unwrap();
        let span = crate::span::Span::new(at, at + 4);
        assert_eq!(document.map.to_source(span).slice(text), "bold");
        let amp = view.text().find('&').unwrap();
        let span = crate::span::Span::new(amp, amp + 1);
        assert_eq!(document.map.to_source(span).slice(text), "&amp;");
    }

    #[test]
    fn paragraphs_ending_in_lone_carriage_returns_are_removed_whole() {
        let text = "First para.\r\rSecond para.\r\rSecond para.\r";
        let source = Source::new("t.md", text);
        let document = read_format(&source, InputFormat::Markdown).unwrap();
        let article = document.article(&source);
        assert_eq!(article.paragraphs.len(), 3);
        let span = crate::span::Span::new(
            article.paragraphs[1].span.start,
            article.paragraphs[2].span.start,
        );
        let fix = document
            .map
            .fix_to_source(&crate::diagnostic::Fix::delete("d", span))
            .unwrap();
        assert_eq!(fix.edits[0].span.slice(text), "Second para.\r\r");
    }

    #[test]
    fn broken_front_matter_is_a_metadata_error() {
        let source = Source::new("t.md", "---\ntitle: [x\n---\nBody.\n");
        let document = read_format(&source, InputFormat::Markdown).unwrap();
        let article = document.article(&source);
        assert_eq!(article.metadata_errors.len(), 1);
        assert!(
            article.metadata_errors[0]
                .message
                .contains("not valid YAML")
        );
    }
}
