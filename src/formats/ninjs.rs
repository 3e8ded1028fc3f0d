//! IPTC ninjs 1.x to 3.x (strict JSON, read by jsonc-parser with every extension off): the
//! top-level members are the metadata (`uri`, `versioncreated`/`versionCreated`, `pubstatus`,
//! ...), `headline` or the first of `headlines` the headline, and `body_text` (else
//! `body_html`, else the first of `bodies`) the paragraphs. JSON escapes map back to the exact
//! bytes of the string that holds them.

use super::html;
use super::map::{Escape, Escaped};
use super::{Assembler, Built, FormatError, split_paragraphs};
use crate::article::FieldRole;
use crate::span::Span;
use jsonc_parser::ast::{Object, ObjectPropName, StringLit, Value};
use jsonc_parser::{CollectOptions, ParseOptions, parse_to_ast};

/// Member names of ninjs objects (1.x names, and the camelCase of 3.x).
const NINJS_MEMBERS: &[&str] = &[
    "uri",
    "headline",
    "headlines",
    "body_text",
    "body_html",
    "bodies",
    "versioncreated",
    "versionCreated",
    "firstcreated",
    "firstCreated",
    "pubstatus",
    "pubStatus",
    "urgency",
    "renditions",
    "associations",
];

/// Whether `text` is a ninjs object: a JSON object whose own members (not those of nested
/// objects, as in a JSON Schema) include at least two ninjs names, one of them the `uri`, a
/// headline or a body.
pub fn looks_like_ninjs(text: &str) -> bool {
    if !text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{')
    {
        return false;
    }
    let Ok(parsed) = parse_to_ast(text, &CollectOptions::default(), &strict()) else {
        // Broken JSON that names ninjs members is a ninjs file to report, not to skip.
        return NINJS_MEMBERS
            .iter()
            .filter(|name| text.contains(&format!("\"{name}\"")))
            .count()
            >= 2;
    };
    let Some(Value::Object(root)) = parsed.value else {
        return false;
    };
    let names: Vec<String> = root
        .properties
        .iter()
        .map(|p| property_name(&p.name))
        .collect();
    let known = names
        .iter()
        .filter(|n| NINJS_MEMBERS.contains(&n.as_str()))
        .count();
    known >= 2
        && names.iter().any(|n| {
            matches!(
                n.as_str(),
                "uri" | "headline" | "headlines" | "body_text" | "body_html" | "bodies"
            )
        })
}

/// Strict JSON: no comments, no trailing commas, no JSON5.
fn strict() -> ParseOptions {
    ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    }
}

/// Read a ninjs file.
pub fn read(text: &str) -> Result<Built, FormatError> {
    let parsed = parse_to_ast(text, &CollectOptions::default(), &strict()).map_err(|error| {
        let message = format!(
            "not valid JSON: {}",
            lowercase_first(&error.kind().to_string())
        );
        FormatError::at(message, Some(error.range().start))
    })?;
    let Some(Value::Object(root)) = parsed.value else {
        return Err(FormatError::at(
            "a ninjs file holds one JSON object",
            Some(0),
        ));
    };
    let mut out = Assembler::new();
    for property in &root.properties {
        let name = property_name(&property.name);
        if name.starts_with("body") || name.starts_with("description") {
            continue;
        }
        let role = match name.as_str() {
            "uri" => Some(FieldRole::Id),
            "versioncreated" | "versionCreated" => Some(FieldRole::Date),
            "headline" => Some(FieldRole::Title),
            "language" => Some(FieldRole::Language),
            _ => None,
        };
        let (value, raw) = match &property.value {
            Value::StringLit(string) => {
                let escaped = string_text(text, string);
                let begun = out.begin_field(text, &name, None);
                escaped.write(
                    &mut out.view,
                    Span::new(0, escaped.text.len()),
                    Escape::Json,
                );
                out.field(&name, role, begun);
                continue;
            }
            Value::NumberLit(number) => (number.value.to_string(), number.range),
            Value::BooleanLit(boolean) => (boolean.value.to_string(), boolean.range),
            _ => continue,
        };
        let raw = Span::new(raw.start, raw.end);
        let begun = out.begin_field(text, &name, None);
        out.view.piece(text, raw, &value, Escape::ReadOnly);
        out.field(&name, role, begun);
    }
    if out.parts.headline.is_none()
        && let Some(headline) = first_value(&root, "headlines")
    {
        let escaped = string_text(text, headline);
        let unit = out.begin(headline.range.start);
        escaped.write(
            &mut out.view,
            Span::new(0, escaped.text.len()),
            Escape::Json,
        );
        out.headline(unit);
    }
    body(&mut out, text, &root);
    Ok(out.finish(text.len()))
}

/// The body: `body_text` as plain paragraphs (read-only when `body_html` holds the same body),
/// else `body_html`, else the first text or HTML member of `bodies`.
fn body(out: &mut Assembler, file: &str, root: &Object<'_>) {
    let string = |name: &str| {
        root.properties
            .iter()
            .find_map(|p| match (&p.value, property_name(&p.name) == name) {
                (Value::StringLit(s), true) => Some(s),
                _ => None,
            })
    };
    let html_too = string("body_html").is_some();
    if let Some(body_text) = string("body_text") {
        let escape = if html_too {
            Escape::ReadOnly
        } else {
            Escape::Json
        };
        plain_paragraphs(out, &string_text(file, body_text), escape);
    } else if let Some(body_html) = string("body_html") {
        html::paragraphs(out, &string_text(file, body_html), Escape::JsonHtml, true);
    } else if let Some(Value::Array(bodies)) = root
        .properties
        .iter()
        .find(|p| property_name(&p.name) == "bodies")
        .map(|p| &p.value)
    {
        for body in &bodies.elements {
            let Value::Object(body) = body else { continue };
            let content_type = member_string(body, "contenttype")
                .or_else(|| member_string(body, "contentType"))
                .map(|s| s.value.to_string())
                .unwrap_or_default();
            let Some(value) = member_string(body, "value") else {
                continue;
            };
            let escaped = string_text(file, value);
            if content_type.contains("html")
                || content_type.contains("xml")
                || escaped.text.trim_start().starts_with('<')
            {
                html::paragraphs(out, &escaped, Escape::JsonHtml, true);
            } else {
                plain_paragraphs(out, &escaped, Escape::Json);
            }
            break;
        }
    }
}

/// Plain-text paragraphs of a JSON string; each removable with the line breaks after it (the
/// last with those before it), inside the string.
fn plain_paragraphs(out: &mut Assembler, text: &Escaped, escape: Escape) {
    let spans = split_paragraphs(&text.text);
    for (index, &span) in spans.iter().enumerate() {
        let removal = (escape == Escape::Json).then(|| {
            let cut = match (spans.get(index + 1), index.checked_sub(1)) {
                (Some(next), _) => Span::new(span.start, next.start),
                (None, Some(previous)) => Span::new(spans[previous].end, span.end),
                (None, None) => span,
            };
            text.raw(cut)
        });
        let unit = out.begin(text.raw(span).start);
        text.write(&mut out.view, span, escape);
        out.paragraph(unit, removal);
    }
}

/// The `value` of the first element of array member `name` (the `main` one if marked).
fn first_value<'a>(root: &'a Object<'a>, name: &str) -> Option<&'a StringLit<'a>> {
    let Value::Array(array) = &root
        .properties
        .iter()
        .find(|p| property_name(&p.name) == name)?
        .value
    else {
        return None;
    };
    let objects: Vec<&Object<'_>> = array
        .elements
        .iter()
        .filter_map(|e| match e {
            Value::Object(o) => Some(o),
            _ => None,
        })
        .collect();
    let main = objects
        .iter()
        .find(|o| member_string(o, "role").is_some_and(|r| r.value == "main"))
        .or(objects.first())?;
    member_string(main, "value")
}

fn member_string<'a>(object: &'a Object<'a>, name: &str) -> Option<&'a StringLit<'a>> {
    object.properties.iter().find_map(|p| match &p.value {
        Value::StringLit(s) if property_name(&p.name) == name => Some(s),
        _ => None,
    })
}

fn property_name(name: &ObjectPropName<'_>) -> String {
    match name {
        ObjectPropName::String(s) => s.value.to_string(),
        ObjectPropName::Word(w) => w.value.to_string(),
    }
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The decoded text of a JSON string literal, each escape mapped to its bytes; when the runs do
/// not add up to the parser's own text, the whole string is one decoded run.
fn string_text(file: &str, string: &StringLit<'_>) -> Escaped {
    let inner = Span::new(string.range.start + 1, string.range.end.saturating_sub(1));
    let raw = inner.slice(file);
    let mut escaped = Escaped::new();
    let mut i = 0;
    while i < raw.len() {
        let at = inner.start + i;
        let rest = &raw[i..];
        if let Some(after) = rest.strip_prefix('\\') {
            let (text, len) = match after.as_bytes().first() {
                Some(b'u') => match unicode_escape(after) {
                    Some(found) => found,
                    None => break,
                },
                Some(&c) => {
                    let decoded = match c {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        _ => break,
                    };
                    (decoded.to_string(), 1)
                }
                None => break,
            };
            escaped.push(file, Span::new(at, at + 1 + len), &text);
            i += 1 + len;
        } else {
            let len = rest.find('\\').unwrap_or(rest.len());
            escaped.push(file, Span::new(at, at + len), &rest[..len]);
            i += len;
        }
    }
    if i < raw.len() || escaped.text != string.value {
        return Escaped::whole(&string.value, inner);
    }
    escaped
}

/// A `\uXXXX` escape (with its low surrogate, if it is a high one) after the backslash: the
/// character and the bytes it takes.
fn unicode_escape(after: &str) -> Option<(String, usize)> {
    let code = u32::from_str_radix(after.get(1..5)?, 16).ok()?;
    if (0xD800..0xDC00).contains(&code) {
        let low = after.get(5..11)?.strip_prefix("\\u")?;
        let low = u32::from_str_radix(low, 16).ok()?;
        let c = char::from_u32(0x10000 + ((code - 0xD800) << 10) + (low.checked_sub(0xDC00)?))?;
        return Some((c.to_string(), 11));
    }
    Some((char::from_u32(code)?.to_string(), 5))
}

#[cfg(test)]
mod tests {
    use super::super::{InputFormat, read as read_format};
    use crate::source::Source;

    const NINJS: &str = r#"{
  "uri": "urn:x:1",
  "versioncreated": "2026-02-02T10:00:00Z",
  "urgency": 3,
  "headline": "Talks \"resume\"",
  "body_text": "GENEVA \u2014 Talks resumed.\n\nThey said \"progress\" was made.\n\nThey said \"progress\" was made."
}"#;

    #[test]
    fn members_headline_and_body_paragraphs() {
        let source = Source::new("t.json", NINJS);
        let document = read_format(&source, InputFormat::Ninjs).unwrap();
        let article = document.article(&source);
        let view = document.view(&source);
        assert_eq!(view.slice(article.headline.unwrap()), "Talks \"resume\"");
        let paragraphs: Vec<&str> = article
            .paragraphs
            .iter()
            .map(|p| view.slice(p.span))
            .collect();
        assert_eq!(
            paragraphs,
            [
                "GENEVA — Talks resumed.",
                "They said \"progress\" was made.",
                "They said \"progress\" was made."
            ]
        );
        let quote = view.text().find("\"progress").unwrap();
        let span = crate::span::Span::new(quote, quote + 1);
        assert_eq!(document.map.to_source(span).slice(NINJS), "\\\"");
    }

    #[test]
    fn a_repeated_paragraph_is_removed_inside_the_string() {
        let source = Source::new("t.json", NINJS);
        let document = read_format(&source, InputFormat::Ninjs).unwrap();
        let article = document.article(&source);
        let last = article.paragraphs[2].span;
        let fix = crate::diagnostic::Fix::delete(
            "d",
            crate::span::Span::new(article.paragraphs[1].span.end, last.end),
        );
        let mapped = document.map.fix_to_source(&fix).unwrap();
        let fixed = crate::fix::apply_edits(NINJS, &mapped.edits).unwrap();
        let value: serde_json::Value = serde_json::from_str(&fixed).unwrap();
        assert_eq!(
            value["body_text"],
            "GENEVA \u{2014} Talks resumed.\n\nThey said \"progress\" was made."
        );
    }

    #[test]
    fn json_errors_point_at_the_place() {
        let source = Source::new("t.json", "{\"uri\": \"x\",, \"headline\": 1}");
        let error = read_format(&source, InputFormat::Ninjs).unwrap_err();
        assert!(error.message.starts_with("not valid JSON"));
        assert!(error.offset.is_some());
    }
}
