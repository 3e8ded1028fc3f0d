//! NITF 3.x (read by roxmltree): the `head` gives the metadata (`title`, `doc-id`, the
//! `date.issue` and other dates), `hedline/hl1` the headline, the `p` elements of
//! `body.content` the paragraphs.

use super::xml::{self, attribute, element_field, find};
use super::{Assembler, Built, FormatError};
use crate::article::FieldRole;
use roxmltree::Node;

/// Read a NITF file.
pub fn read(text: &str) -> Result<Built, FormatError> {
    let document = xml::parse(text)?;
    let root = document.root_element();
    if root.tag_name().name() != "nitf" {
        return Err(FormatError::at(
            format!(
                "the root element is `{}`, not `nitf`",
                root.tag_name().name()
            ),
            Some(root.range().start),
        ));
    }
    let mut out = Assembler::new();
    read_nitf(&mut out, text, root);
    Ok(out.finish(text.len()))
}

/// The metadata, headline and paragraphs of a `<nitf>` element (also used for NITF inside a
/// NewsML-G2 item).
pub fn read_nitf(out: &mut Assembler, file: &str, nitf: Node<'_, '_>) {
    let body = find(nitf, "body");
    if let Some(value) = body.and_then(xml::language).or_else(|| xml::language(nitf)) {
        xml::field(out, file, "language", Some(FieldRole::Language), value);
    }
    if let Some(head) = find(nitf, "head") {
        if let Some(title) = find(head, "title") {
            element_field(out, file, "title", Some(FieldRole::Title), title);
        }
        if let Some(value) = find(head, "doc-id").and_then(|n| attribute(n, "id-string")) {
            xml::field(out, file, "doc-id", Some(FieldRole::Id), value);
        }
        for (name, role) in [
            ("date.issue", Some(FieldRole::Date)),
            ("date.release", None),
            ("date.expire", None),
        ] {
            if let Some(value) = find(head, name).and_then(|n| attribute(n, "norm")) {
                xml::field(out, file, name, role, value);
            }
        }
    }
    // The headline is `hl1`: it replaces the `title` as the headline when there is one.
    if let Some(hl1) = find(nitf, "hl1") {
        out.parts.headline = None;
        xml::headline(out, file, hl1);
    }
    if let Some(content) = find(nitf, "body.content") {
        xml::paragraphs(out, file, content);
    }
}

#[cfg(test)]
mod tests {
    use super::super::{InputFormat, read as read_format};
    use crate::source::Source;

    const NITF: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<nitf version="-//IPTC//DTD NITF 3.6//EN">
  <head>
    <title>Talks &amp; trade</title>
    <docdata>
      <doc-id id-string="ab-123"/>
      <date.issue norm="20260202T101500+0000"/>
    </docdata>
  </head>
  <body>
    <body.head><hedline><hl1>Talks resume in Geneva</hl1></hedline></body.head>
    <body.content>
      <p>GENEVA (Wire) — Talks resumed on <em>Monday</em>, officials said.</p>
      <media media-type="image"><media-caption>"Not text"</media-caption></media>
      <p>They said "progress &amp; hope" was made.</p>
    </body.content>
  </body>
</nitf>
"#;

    #[test]
    fn head_hedline_and_paragraphs() {
        let source = Source::new("t.xml", NITF);
        let document = read_format(&source, InputFormat::Nitf).unwrap();
        let article = document.article(&source);
        let view = document.view(&source);
        assert_eq!(
            view.slice(article.headline.unwrap()),
            "Talks resume in Geneva"
        );
        let fields: Vec<(&str, &str)> = article
            .metadata
            .iter()
            .map(|f| (f.name.as_str(), view.slice(f.value)))
            .collect();
        assert_eq!(
            fields,
            [
                ("title", "Talks & trade"),
                ("doc-id", "ab-123"),
                ("date.issue", "20260202T101500+0000")
            ]
        );
        let paragraphs: Vec<&str> = article
            .paragraphs
            .iter()
            .map(|p| view.slice(p.span))
            .collect();
        assert_eq!(
            paragraphs,
            [
                "GENEVA (Wire) — Talks resumed on Monday, officials said.",
                "They said \"progress & hope\" was made."
            ]
        );
        let date = article
            .field_with_role(crate::article::FieldRole::Date)
            .unwrap();
        assert_eq!(
            document.map.to_source(date).slice(NITF),
            "20260202T101500+0000"
        );
    }

    #[test]
    fn a_paragraph_deletion_removes_its_element_line() {
        let source = Source::new("t.xml", NITF);
        let document = read_format(&source, InputFormat::Nitf).unwrap();
        let article = document.article(&source);
        let second = article.paragraphs[1].span;
        let fix = crate::diagnostic::Fix::delete(
            "d",
            crate::span::Span::new(article.paragraphs[0].span.end, second.end),
        );
        let mapped = document.map.fix_to_source(&fix).unwrap();
        let removed = mapped.edits[0].span.slice(NITF);
        assert_eq!(
            removed,
            "      <p>They said \"progress &amp; hope\" was made.</p>\n"
        );
    }
}
