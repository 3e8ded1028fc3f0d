//! HTML (or NITF) held inside another format (a ninjs `body_html`, a NITF body in ninjs
//! `bodies`), tokenized by html5gum: the text of its `p` and `li` elements (and of loose text
//! between blocks) as paragraphs, outside the head, headings, figures, tables, code, scripts,
//! styles and NITF's `body.head`, `media` and notes.

use super::Assembler;
use super::map::{Escape, Escaped};
use crate::span::Span;
use html5gum::{DefaultEmitter, Token, Tokenizer};

/// Elements that end a paragraph and open the next.
const BLOCKS: &[&[u8]] = &[
    b"p",
    b"li",
    b"div",
    b"blockquote",
    b"section",
    b"article",
    b"ul",
    b"ol",
    b"dl",
    b"dd",
    b"dt",
    b"header",
    b"footer",
    b"aside",
    b"main",
    b"body",
    b"html",
];

/// Elements whose content is not prose (HTML's, and NITF's when a body holds NITF).
const SKIPPED: &[&[u8]] = &[
    b"head",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"figure",
    b"figcaption",
    b"table",
    b"pre",
    b"code",
    b"script",
    b"style",
    b"iframe",
    b"object",
    b"noscript",
    b"template",
    b"svg",
    b"body.head",
    b"hedline",
    b"byline",
    b"dateline",
    b"distributor",
    b"media",
    b"note",
    b"body.end",
    b"tagline",
];

/// The paragraphs of the HTML in `html` (decoded text whose parts map to the file), written
/// with `escape`; paragraphs are removable as whole elements when `removable`.
pub fn paragraphs(out: &mut Assembler, html: &Escaped, escape: Escape, removable: bool) {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    let text = html.text.as_str();
    let mut skipping: Option<(Vec<u8>, usize)> = None;
    // The open paragraph: its unit, and the start of its element's start tag when it has one.
    let mut open: Option<(super::Unit, Option<usize>)> = None;
    for token in Tokenizer::new_with_emitter(text, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = tag.name.to_ascii_lowercase();
                if let Some((skipped, depth)) = &mut skipping {
                    if *skipped == name && !tag.self_closing {
                        *depth += 1;
                    }
                    continue;
                }
                if SKIPPED.contains(&name.as_slice()) {
                    close(out, html, &mut open, None, removable);
                    if !tag.self_closing {
                        skipping = Some((name, 1));
                    }
                } else if name == b"br" {
                    if open.is_some() {
                        out.view.separator(
                            "\n",
                            html.raw(Span::new(tag.span.start, tag.span.start)).start,
                        );
                    }
                } else if BLOCKS.contains(&name.as_slice()) {
                    close(out, html, &mut open, None, removable);
                    if matches!(name.as_slice(), b"p" | b"li") {
                        let at = html.raw(Span::new(tag.span.start, tag.span.end)).start;
                        open = Some((out.begin(at), Some(tag.span.start)));
                    }
                }
            }
            Token::EndTag(tag) => {
                let name = tag.name.to_ascii_lowercase();
                if let Some((skipped, depth)) = &mut skipping {
                    if *skipped == name {
                        *depth -= 1;
                        if *depth == 0 {
                            skipping = None;
                        }
                    }
                    continue;
                }
                if BLOCKS.contains(&name.as_slice()) {
                    close(out, html, &mut open, Some(tag.span.end), removable);
                }
            }
            Token::String(string) if skipping.is_none() => {
                let span = Span::new(string.span.start, string.span.end);
                let Ok(value) = std::str::from_utf8(&string.value) else {
                    continue;
                };
                if open.is_none() {
                    if value.trim().is_empty() {
                        continue;
                    }
                    open = Some((out.begin(html.raw(span).start), None));
                }
                if span.slice(text) == value {
                    html.write(&mut out.view, span, escape);
                } else {
                    out.view.decoded(value, html.raw(span), escape);
                }
            }
            _ => {}
        }
    }
    close(out, html, &mut open, None, removable);
}

/// Close the open paragraph; when its element's end tag ends at `end`, the paragraph is removed
/// from the file by deleting the element.
fn close(
    out: &mut Assembler,
    html: &Escaped,
    open: &mut Option<(super::Unit, Option<usize>)>,
    end: Option<usize>,
    removable: bool,
) {
    if let Some((unit, start)) = open.take() {
        let removal = match (start, end) {
            (Some(start), Some(end)) if removable => Some(html.raw(Span::new(start, end))),
            _ => None,
        };
        out.paragraph(unit, removal);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(file: &str) -> Vec<String> {
        let mut html = Escaped::new();
        html.push(file, Span::new(0, file.len()), file);
        let mut out = Assembler::new();
        paragraphs(&mut out, &html, Escape::Xml, true);
        let built = out.finish(file.len());
        built
            .parts
            .paragraphs
            .iter()
            .map(|p| built.view.text()[p.range()].to_string())
            .collect()
    }

    #[test]
    fn paragraphs_and_items_with_entities_decoded() {
        assert_eq!(
            read(
                "<p>One &amp; <b>two</b>.</p><h2>Sub</h2><ul><li>Item</li></ul><p class=\"x\">\"Three\"</p>"
            ),
            ["One & two.", "Item", "\"Three\""]
        );
    }

    #[test]
    fn a_nitf_body_gives_its_body_content_paragraphs() {
        assert_eq!(
            read(
                "<nitf><head><title>T</title></head><body><body.head><hedline><hl1>H</hl1></hedline><byline>By X</byline></body.head><body.content><block><p>One.</p><p>Two.</p></block></body.content></body></nitf>"
            ),
            ["One.", "Two."]
        );
    }

    #[test]
    fn scripts_figures_and_tables_are_not_text() {
        assert_eq!(
            read(
                "<p>Before.</p><script>var q = \"x\";</script><figure><figcaption>Cap</figcaption></figure><table><tr><td>1</td></tr></table>After."
            ),
            ["Before.", "After."]
        );
    }
}
