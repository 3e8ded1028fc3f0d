//! What the XML formats (NITF, NewsML-G2) share: parsing with roxmltree, and the text of an
//! element as view pieces that map back to the file, entities and CDATA accounted for.

use super::map::{Escape, Escaped, ViewBuilder};
use super::{Assembler, FormatError};
use crate::article::FieldRole;
use crate::span::{LineIndex, Span};
use roxmltree::{Document, Node, ParsingOptions};

/// The name of the root element, read from the start of the file without parsing it: enough to
/// choose a format (`nitf`, `newsItem`, `newsMessage`).
pub fn root_name(text: &str) -> Option<&str> {
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("<?") {
            rest = &after[after.find("?>")? + 2..];
        } else if let Some(after) = rest.strip_prefix("<!--") {
            rest = &after[after.find("-->")? + 3..];
        } else if rest.starts_with("<!") {
            // A DOCTYPE, possibly with an internal subset in brackets.
            let close = match (rest.find('['), rest.find('>')) {
                (Some(open), Some(gt)) if open < gt => rest[open..].find("]>")? + open + 2,
                (_, Some(gt)) => gt + 1,
                _ => return None,
            };
            rest = &rest[close..];
        } else {
            let name = rest.strip_prefix('<')?;
            let end = name.find(|c: char| c.is_whitespace() || c == '>' || c == '/')?;
            let name = &name[..end];
            // A namespace prefix (`n:newsItem`) is not part of the name.
            return Some(name.rsplit(':').next().unwrap_or(name));
        }
    }
}

/// Parse `text` as XML (internal DTD subsets allowed, as NITF files often carry a DOCTYPE).
pub fn parse(text: &str) -> Result<Document<'_>, FormatError> {
    let options = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(text, options).map_err(|error| {
        let position = error.pos();
        let offset =
            LineIndex::new(text).offset_of(text, position.row as usize, position.col as usize);
        FormatError::at(format!("not well-formed XML: {error}"), Some(offset))
    })
}

/// The first descendant element of `node` called `name` (any namespace).
pub fn find<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.descendants()
        .find(|n| n.is_element() && n.tag_name().name() == name)
}

/// The decoded text of text node `node`, with where each run stands in the file: plain runs are
/// verbatim, an entity or character reference maps to the whole reference, CDATA to its
/// content, a CR LF to the `\n` the parser reads. When the runs do not add up to the parser's
/// own text, the whole node is one decoded run. The parser merges text and CDATA next to each
/// other into one node whose range is its first run's, so the node's bytes are taken up to the
/// next node (or the parent's end tag).
pub fn text_node(file: &str, node: Node<'_, '_>) -> Escaped {
    let start = node.range().start;
    let end = match node.next_sibling() {
        Some(next) => next.range().start,
        None => node
            .parent()
            .and_then(|parent| file[..parent.range().end].rfind("</"))
            .filter(|&end| end >= node.range().end)
            .unwrap_or(node.range().end),
    };
    let range = start..end;
    let raw = &file[range.clone()];
    let decoded = node.text().unwrap_or_default();
    let whole = Span::new(range.start, range.end);
    if raw == decoded {
        let mut escaped = Escaped::new();
        escaped.push(file, whole, decoded);
        return escaped;
    }
    let mut escaped = Escaped::new();
    let mut i = 0;
    while i < raw.len() {
        let rest = &raw[i..];
        let at = range.start + i;
        if let Some(after) = rest.strip_prefix("<![CDATA[") {
            let Some(end) = after.find("]]>") else { break };
            escaped.push(file, Span::new(at + 9, at + 9 + end), &after[..end]);
            i += 9 + end + 3;
        } else if rest.starts_with('&') {
            let Some(end) = rest.find(';') else { break };
            let Some(text) = reference(&rest[1..end]) else {
                break;
            };
            escaped.push(file, Span::new(at, at + end + 1), &text);
            i += end + 1;
        } else if rest.starts_with('\r') {
            let len = if rest.starts_with("\r\n") { 2 } else { 1 };
            escaped.push(file, Span::new(at, at + len), "\n");
            i += len;
        } else {
            let len = rest.find(['&', '\r', '<']).unwrap_or(rest.len()).max(1);
            let len = (1..=len)
                .rev()
                .find(|&l| rest.is_char_boundary(l))
                .unwrap_or(len);
            escaped.push(file, Span::new(at, at + len), &rest[..len]);
            i += len;
        }
    }
    if i < raw.len() || escaped.text != decoded {
        return Escaped::whole(decoded, whole);
    }
    escaped
}

/// The text of an entity or character reference (`amp`, `#38`, `#x26`), for the entities XML
/// predefines.
fn reference(name: &str) -> Option<String> {
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some(c.to_string())
}

/// Append the text of element `node` to `view`: its text and that of its descendants, a line
/// break for `<br/>`, nothing from elements called one of `skip`.
pub fn write_text(view: &mut ViewBuilder, file: &str, node: Node<'_, '_>, skip: &[&str]) {
    for child in node.children() {
        if child.is_text() {
            let text = text_node(file, child);
            text.write(view, Span::new(0, text.text.len()), Escape::Xml);
        } else if child.is_element() {
            let name = child.tag_name().name();
            if name == "br" {
                view.separator("\n", child.range().start);
            } else if !skip.contains(&name) {
                write_text(view, file, child, skip);
            }
        }
    }
}

/// The bytes that delete element `node` cleanly: the element, and its line when nothing else
/// stands on it.
pub fn removal(file: &str, node: Node<'_, '_>) -> Span {
    let range = node.range();
    let line_start = file[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = file[range.end..]
        .find('\n')
        .map_or(file.len(), |i| range.end + i + 1);
    let alone = file[line_start..range.start].trim().is_empty()
        && file[range.end..line_end].trim().is_empty();
    if alone {
        Span::new(line_start, line_end)
    } else {
        Span::new(range.start, range.end)
    }
}

/// The language `node` is written in: its own `xml:lang`, or its nearest ancestor's.
pub fn language<'a>(node: Node<'a, '_>) -> Option<(&'a str, Span)> {
    node.ancestors()
        .filter(Node::is_element)
        .find_map(|n| attribute(n, "lang"))
}

/// The value of attribute `name` of `node`, with its span in the file.
pub fn attribute<'a>(node: Node<'a, '_>, name: &str) -> Option<(&'a str, Span)> {
    let attribute = node.attributes().find(|a| a.name() == name)?;
    let range = attribute.range_value();
    Some((attribute.value(), Span::new(range.start, range.end)))
}

/// Elements whose content is not the article's prose.
const NOT_PROSE: &[&str] = &[
    "media",
    "table",
    "note",
    "script",
    "style",
    "object",
    "figure",
    "figcaption",
    "img",
    "iframe",
    "pre",
    "code",
    "fn",
    "hl2",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
];

/// The paragraphs under `container`: every `p` and `li` element (and `bq`/`blockquote` text in
/// them), outside media, tables, notes and code, each its own paragraph.
pub fn paragraphs(out: &mut Assembler, file: &str, container: Node<'_, '_>) {
    for child in container.children().filter(Node::is_element) {
        let name = child.tag_name().name();
        if NOT_PROSE.contains(&name) {
            continue;
        }
        let holds_blocks = child.children().any(|c| {
            c.is_element()
                && matches!(
                    c.tag_name().name(),
                    "p" | "li" | "ul" | "ol" | "block" | "div"
                )
        });
        if matches!(name, "p" | "li") && !holds_blocks {
            let unit = out.begin(child.range().start);
            write_text(&mut out.view, file, child, NOT_PROSE);
            out.paragraph(unit, Some(removal(file, child)));
        } else {
            paragraphs(out, file, child);
        }
    }
}

/// A metadata field from element text or an attribute value, as the file writes it.
pub fn field(
    out: &mut Assembler,
    file: &str,
    name: &str,
    role: Option<FieldRole>,
    value: (&str, Span),
) {
    let begun = out.begin_field(file, name, None);
    out.view.piece(file, value.1, value.0, Escape::Metadata);
    out.field(name, role, begun);
}

/// The text of element `node` as a metadata field.
pub fn element_field(
    out: &mut Assembler,
    file: &str,
    name: &str,
    role: Option<FieldRole>,
    node: Node<'_, '_>,
) {
    let begun = out.begin_field(file, name, None);
    write_text(&mut out.view, file, node, &[]);
    out.field(name, role, begun);
}

/// The text of element `node` as the headline.
pub fn headline(out: &mut Assembler, file: &str, node: Node<'_, '_>) {
    let unit = out.begin(node.range().start);
    write_text(&mut out.view, file, node, NOT_PROSE);
    out.headline(unit);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_names_are_read_past_declarations_and_doctypes() {
        assert_eq!(
            root_name("<?xml version=\"1.0\"?>\n<!-- c -->\n<nitf>"),
            Some("nitf")
        );
        assert_eq!(
            root_name("<!DOCTYPE nitf [ <!ENTITY x \"y\"> ]>\n<nitf version=\"3.6\">"),
            Some("nitf")
        );
        assert_eq!(root_name("<n:newsItem xmlns:n=\"x\">"), Some("newsItem"));
        assert_eq!(root_name("no xml"), None);
    }

    #[test]
    fn entities_cdata_and_crlf_map_to_their_bytes() {
        let file = "<p>A &amp; B<![CDATA[ <c> ]]>\r\nD&#233;</p>";
        let document = parse(file).unwrap();
        let p = document.root_element();
        let text = text_node(file, p.first_child().unwrap());
        assert_eq!(text.text, "A & B <c> \nDé");
        let amp = text.text.find('&').unwrap();
        assert_eq!(text.raw(Span::new(amp, amp + 1)).slice(file), "&amp;");
        let c = text.text.find("<c>").unwrap();
        assert_eq!(text.raw(Span::new(c, c + 3)).slice(file), "<c>");
    }

    #[test]
    fn parse_errors_point_at_the_place() {
        let error = parse("<nitf>\n<p>open</nitf>").unwrap_err();
        assert!(error.message.starts_with("not well-formed XML"));
        assert!(error.offset.is_some());
    }
}
