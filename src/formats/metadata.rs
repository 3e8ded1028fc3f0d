//! Front matter: the YAML (`---`) or TOML (`+++`) block at the top of a Markdown file, read into
//! top-level fields with the file offsets of their keys and values.

use super::FormatError;
use crate::span::Span;
use saphyr_parser::{Event, Parser, ScalarStyle};
use toml::de::{DeTable, DeValue};

/// A top-level field of the front matter.
#[derive(Debug)]
pub struct FrontField {
    /// The key as written.
    pub name: String,
    /// Where the key is in the file.
    pub key: Span,
    /// The value.
    pub value: FrontValue,
}

/// A field's value.
#[derive(Debug)]
pub enum FrontValue {
    /// A scalar: its text as the parser reads it, where it is, and where its characters stand
    /// as they are (without quotes), when they do.
    Scalar {
        /// The value's text.
        text: String,
        /// The whole value in the file, quotes included.
        raw: Span,
        /// The value's characters in the file when they are written as they are.
        literal: Option<Span>,
    },
    /// A list, a table or an alias: not a field the rules read.
    Other,
}

/// The top-level fields of YAML front matter `content`, found at file offset `offset`.
pub fn yaml(content: &str, offset: usize) -> Result<Vec<FrontField>, FormatError> {
    // The parser counts characters; the map turns its counts into byte offsets.
    let bytes: Vec<usize> = content
        .char_indices()
        .map(|(i, _)| i)
        .chain([content.len()])
        .collect();
    let at = |chars: usize| offset + bytes.get(chars).copied().unwrap_or(content.len());
    let mut parser = Parser::new_from_str(content);
    let mut fields = Vec::new();
    let mut depth = 0usize;
    let mut key: Option<(String, Span)> = None;
    while let Some(event) = parser.next_event() {
        let (event, span) = event.map_err(|e| {
            let message = format!("front matter is not valid YAML: {}", e.info());
            FormatError::at(message, Some(at(e.marker().index())))
        })?;
        let raw = Span::new(at(span.start.index()), at(span.end.index()));
        match event {
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                if depth == 1
                    && let Some((name, key)) = key.take()
                {
                    fields.push(FrontField {
                        name,
                        key,
                        value: FrontValue::Other,
                    });
                }
                depth += 1;
            }
            Event::MappingEnd | Event::SequenceEnd => depth = depth.saturating_sub(1),
            Event::Scalar(text, style, ..) if depth == 1 => match key.take() {
                None => key = Some((text.into_owned(), raw)),
                Some((name, key)) => {
                    let literal = literal_span(content, offset, raw, &text, style);
                    fields.push(FrontField {
                        name,
                        key,
                        value: FrontValue::Scalar {
                            text: text.into_owned(),
                            raw,
                            literal,
                        },
                    });
                }
            },
            Event::Alias(_) if depth == 1 => {
                if let Some((name, key)) = key.take() {
                    fields.push(FrontField {
                        name,
                        key,
                        value: FrontValue::Other,
                    });
                }
            }
            _ => {}
        }
    }
    Ok(fields)
}

/// Where a YAML scalar's characters stand as they are: a plain scalar is its own text; a quoted
/// one is, between its quotes, when it has no escapes.
fn literal_span(
    content: &str,
    offset: usize,
    raw: Span,
    text: &str,
    style: ScalarStyle,
) -> Option<Span> {
    let written = content.get(raw.start - offset..raw.end - offset)?;
    match style {
        ScalarStyle::Plain if written == text => Some(raw),
        ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted
            if written.len() >= 2 && &written[1..written.len() - 1] == text =>
        {
            Some(Span::new(raw.start + 1, raw.end - 1))
        }
        _ => None,
    }
}

/// The top-level fields of TOML front matter `content`, found at file offset `offset`.
pub fn toml(content: &str, offset: usize) -> Result<Vec<FrontField>, FormatError> {
    let table = DeTable::parse(content).map_err(|e| {
        let message = format!("front matter is not valid TOML: {}", e.message().trim_end());
        FormatError::at(message, e.span().map(|s| offset + s.start))
    })?;
    let mut fields = Vec::new();
    for (key, value) in table.into_inner() {
        let key_span = key.span();
        let raw_span = value.span();
        let raw = Span::new(offset + raw_span.start, offset + raw_span.end);
        let written = &content[raw_span.clone()];
        let value = match value.into_inner() {
            DeValue::String(text) => {
                let inner = written
                    .strip_prefix('"')
                    .or_else(|| written.strip_prefix('\''))
                    .map(|w| &w[..w.len().saturating_sub(1)]);
                let literal =
                    (inner == Some(text.as_ref())).then(|| Span::new(raw.start + 1, raw.end - 1));
                FrontValue::Scalar {
                    text: text.into_owned(),
                    raw,
                    literal,
                }
            }
            DeValue::Integer(_)
            | DeValue::Float(_)
            | DeValue::Boolean(_)
            | DeValue::Datetime(_) => FrontValue::Scalar {
                text: written.to_string(),
                raw,
                literal: Some(raw),
            },
            DeValue::Array(_) | DeValue::Table(_) => FrontValue::Other,
        };
        fields.push(FrontField {
            name: key.into_inner().into_owned(),
            key: Span::new(offset + key_span.start, offset + key_span.end),
            value,
        });
    }
    fields.sort_by_key(|f| f.key.start);
    Ok(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalars(fields: &[FrontField], file: &str) -> Vec<(String, String, Option<String>)> {
        fields
            .iter()
            .filter_map(|f| match &f.value {
                FrontValue::Scalar { text, literal, .. } => Some((
                    f.name.clone(),
                    text.clone(),
                    literal.map(|s| s.slice(file).to_string()),
                )),
                FrontValue::Other => None,
            })
            .collect()
    }

    #[test]
    fn yaml_fields_keep_their_file_offsets() {
        let file =
            "---\ntitle: \"Talks resume\"\ndate: 2026-02-02\ntags: [a, b]\nnote: 'it''s'\n---\n";
        let fields = yaml(&file[4..file.len() - 4], 4).unwrap();
        assert_eq!(
            scalars(&fields, file),
            [
                (
                    "title".into(),
                    "Talks resume".into(),
                    Some("Talks resume".into())
                ),
                (
                    "date".into(),
                    "2026-02-02".into(),
                    Some("2026-02-02".into())
                ),
                ("note".into(), "it's".into(), None),
            ]
        );
        assert_eq!(fields[0].key.slice(file), "title");
        assert!(matches!(fields[2].value, FrontValue::Other));
    }

    #[test]
    fn yaml_errors_point_at_the_file_offset() {
        let file = "---\ntitle: [unclosed\n---\n";
        let error = yaml(&file[4..file.len() - 4], 4).unwrap_err();
        assert!(error.message.starts_with("front matter is not valid YAML"));
        assert!(error.offset.unwrap() >= 4);
    }

    #[test]
    fn toml_fields_keep_their_file_offsets() {
        let file = "+++\ntitle = \"Talks resume\"\ndate = 2026-02-02T10:00:00Z\n+++\n";
        let fields = toml(&file[4..file.len() - 4], 4).unwrap();
        assert_eq!(
            scalars(&fields, file),
            [
                (
                    "title".into(),
                    "Talks resume".into(),
                    Some("Talks resume".into())
                ),
                (
                    "date".into(),
                    "2026-02-02T10:00:00Z".into(),
                    Some("2026-02-02T10:00:00Z".into())
                ),
            ]
        );
    }
}
