//! NewsML-G2 news items (read by roxmltree): the item's `guid` and `version`, `itemMeta`
//! (`versionCreated`, `firstCreated`, `pubStatus`, `itemClass`, `provider`) and `contentMeta`
//! give the metadata, `contentMeta/headline` the headline, and the content the paragraphs:
//! inline NITF, inline XHTML (`p` and `li` elements) or inline plain text.

use super::xml::{self, attribute, element_field, find};
use super::{Assembler, Built, Escape, FormatError, split_paragraphs};
use crate::article::FieldRole;
use roxmltree::Node;

/// Read a NewsML-G2 file: a `newsItem`, or the first text `newsItem` of a `newsMessage`.
pub fn read(text: &str) -> Result<Built, FormatError> {
    let document = xml::parse(text)?;
    let root = document.root_element();
    let item = if root.tag_name().name() == "newsItem" {
        Some(root)
    } else {
        root.descendants()
            .filter(|n| n.is_element() && n.tag_name().name() == "newsItem")
            .find(|n| find(*n, "inlineXML").is_some() || find(*n, "inlineData").is_some())
    };
    let Some(item) = item else {
        return Err(FormatError::at(
            "no `newsItem` with inline content in this NewsML-G2 file",
            Some(root.range().start),
        ));
    };
    let mut out = Assembler::new();
    for (name, role) in [
        ("guid", Some(FieldRole::Id)),
        ("version", None),
        ("standard", None),
        ("standardversion", None),
    ] {
        if let Some(value) = attribute(item, name) {
            xml::field(&mut out, text, name, role, value);
        }
    }
    let language = find(item, "contentMeta")
        .and_then(|meta| find(meta, "language"))
        .and_then(|language| attribute(language, "tag"))
        .or_else(|| xml::language(item));
    if let Some(value) = language {
        xml::field(&mut out, text, "language", Some(FieldRole::Language), value);
    }
    if let Some(meta) = find(item, "itemMeta") {
        for name in ["itemClass", "provider", "pubStatus"] {
            if let Some(value) = find(meta, name)
                .and_then(|node| attribute(node, "qcode").or_else(|| attribute(node, "literal")))
            {
                xml::field(&mut out, text, name, None, value);
            }
        }
        for (name, role) in [
            ("versionCreated", Some(FieldRole::Date)),
            ("firstCreated", None),
        ] {
            if let Some(node) = find(meta, name) {
                element_field(&mut out, text, name, role, node);
            }
        }
    }
    if let Some(headline) = find(item, "contentMeta").and_then(|m| find(m, "headline")) {
        xml::headline(&mut out, text, headline);
    }
    if let Some(content) = find(item, "contentSet") {
        read_content(&mut out, text, content);
    }
    Ok(out.finish(text.len()))
}

/// The paragraphs of the first inline content of `content_set`.
fn read_content(out: &mut Assembler, file: &str, content_set: Node<'_, '_>) {
    if let Some(inline) = find(content_set, "inlineXML") {
        match inline.children().find(Node::is_element) {
            Some(nitf) if nitf.tag_name().name() == "nitf" => {
                super::nitf::read_nitf(out, file, nitf);
            }
            Some(html) => {
                let body = find(html, "body").unwrap_or(html);
                xml::paragraphs(out, file, body);
            }
            None => {}
        }
    } else if let Some(data) = find(content_set, "inlineData") {
        for child in data.children().filter(Node::is_text) {
            let text = xml::text_node(file, child);
            for piece in split_paragraphs(&text.text) {
                let unit = out.begin(text.raw(piece).start);
                text.write(&mut out.view, piece, Escape::Xml);
                out.paragraph(unit, None);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{InputFormat, read as read_format};
    use crate::source::Source;

    #[test]
    fn item_metadata_headline_and_xhtml_paragraphs() {
        let text = r#"<?xml version="1.0"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:x:1" version="2" standard="NewsML-G2" standardversion="2.29">
  <itemMeta><itemClass qcode="ninat:text"/><versionCreated>2026-02-02T10:00:00Z</versionCreated></itemMeta>
  <contentMeta><headline>Talks resume</headline></contentMeta>
  <contentSet><inlineXML contenttype="application/xhtml+xml">
    <html xmlns="http://www.w3.org/1999/xhtml"><body><p>First.</p><p>Second &amp; last.</p></body></html>
  </inlineXML></contentSet>
</newsItem>"#;
        let source = Source::new("t.xml", text);
        let document = read_format(&source, InputFormat::Newsml).unwrap();
        let article = document.article(&source);
        let view = document.view(&source);
        assert_eq!(view.slice(article.headline.unwrap()), "Talks resume");
        let paragraphs: Vec<&str> = article
            .paragraphs
            .iter()
            .map(|p| view.slice(p.span))
            .collect();
        assert_eq!(paragraphs, ["First.", "Second & last."]);
        let date = article
            .field_with_role(crate::article::FieldRole::Date)
            .unwrap();
        assert_eq!(view.slice(date), "2026-02-02T10:00:00Z");
        assert_eq!(view.slice(article.field("guid").unwrap()), "urn:x:1");
    }
}
