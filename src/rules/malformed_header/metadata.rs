//! The metadata half of `malformed-header`: the fields a format's metadata must have (front
//! matter, NITF `head`, NewsML-G2 item metadata, ninjs members), each with a type.

use crate::article::Article;
use crate::diagnostic::Finding;
use crate::span::Span;
use regex::Regex;
use serde::Deserialize;
use std::collections::BTreeMap;

/// One field of a metadata schema, as the card and the config write it.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FieldOptions {
    #[serde(rename = "type")]
    kind: FieldType,
    #[serde(default = "yes")]
    required: bool,
    #[serde(default)]
    values: Vec<String>,
    pattern: Option<String>,
}

fn yes() -> bool {
    true
}

/// What a field's value must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum FieldType {
    /// Any text that is not blank.
    Text,
    /// A calendar date, with or without a time: ISO 8601 (extended or basic form), RFC 3339,
    /// or Jekyll's `YYYY-MM-DD HH:MM:SS +HHMM`.
    Date,
    /// A date with a time, in the same forms.
    DateTime,
    /// Digits, with an optional sign.
    Integer,
    /// One of `values`.
    OneOf,
    /// Text that `pattern` (a regex) matches.
    Pattern,
}

impl FieldType {
    fn describe(self) -> &'static str {
        match self {
            FieldType::Text => "text",
            FieldType::Date => "a date",
            FieldType::DateTime => "a date and time",
            FieldType::Integer => "an integer",
            FieldType::OneOf => "one of the allowed values",
            FieldType::Pattern => "text of the required pattern",
        }
    }
}

/// A checked field of a schema.
#[derive(Debug)]
struct FieldRule {
    name: String,
    kind: FieldType,
    required: bool,
    values: Vec<String>,
    pattern: Option<Regex>,
}

/// The schemas of each format's metadata: format name to fields.
#[derive(Debug, Default)]
pub struct Schemas {
    formats: BTreeMap<String, Vec<FieldRule>>,
}

impl Schemas {
    /// The schemas of the `metadata` option, checked: a `one-of` needs `values`, a `pattern` a
    /// regex that compiles.
    pub fn new(
        options: BTreeMap<String, BTreeMap<String, FieldOptions>>,
    ) -> Result<Schemas, String> {
        let mut formats = BTreeMap::new();
        for (format, fields) in options {
            if crate::formats::InputFormat::from_name(&format).is_none() {
                return Err(format!("`metadata` names unknown format `{format}`"));
            }
            let mut rules = Vec::new();
            for (name, field) in fields {
                if field.kind == FieldType::OneOf && field.values.is_empty() {
                    return Err(format!(
                        "`metadata.{format}.{name}` is `one-of` but lists no `values`"
                    ));
                }
                let pattern = match (&field.pattern, field.kind) {
                    (Some(pattern), _) => Some(Regex::new(pattern).map_err(|e| {
                        format!("`metadata.{format}.{name}.pattern` is not a valid regex: {e}")
                    })?),
                    (None, FieldType::Pattern) => {
                        return Err(format!(
                            "`metadata.{format}.{name}` is `pattern` but has no `pattern`"
                        ));
                    }
                    (None, _) => None,
                };
                rules.push(FieldRule {
                    name: name.to_ascii_lowercase(),
                    kind: field.kind,
                    required: field.required,
                    values: field.values,
                    pattern,
                });
            }
            formats.insert(format, rules);
        }
        Ok(Schemas { formats })
    }

    /// What is wrong with the metadata of `article` against its format's schema. An article
    /// with no metadata at all is checked only when `required`.
    pub fn check(&self, article: &Article<'_>, required: bool, findings: &mut Vec<Finding>) {
        for error in &article.metadata_errors {
            findings.push(
                Finding::new(error.message.clone(), error.span, error.label.clone())
                    .with_help("fix the metadata so that it parses"),
            );
        }
        let Some(schema) = self.formats.get(article.format) else {
            return;
        };
        if article.metadata.is_empty() && (!required || !article.metadata_errors.is_empty()) {
            return;
        }
        let block = match (article.metadata.first(), article.metadata.last()) {
            (Some(first), Some(last)) => Span::new(first.span.start, last.span.end),
            _ => Span::new(0, 0),
        };
        for rule in schema {
            let Some(field) = article.metadata.iter().find(|f| f.name == rule.name) else {
                if rule.required {
                    findings.push(
                        Finding::new(
                            format!("metadata has no `{}`", rule.name),
                            block,
                            format!("expected a `{}` field here", rule.name),
                        )
                        .with_help(format!(
                            "add `{}` ({})",
                            rule.name,
                            rule.kind.describe()
                        )),
                    );
                }
                continue;
            };
            let value = article.slice(field.value).trim();
            if let Some(problem) = rule.problem(value) {
                let span = if field.value.is_empty() {
                    field.span
                } else {
                    field.value
                };
                findings.push(
                    Finding::new(
                        format!(
                            "metadata field `{}` is not {}",
                            rule.name,
                            rule.kind.describe()
                        ),
                        span,
                        problem,
                    )
                    .with_help(rule.help()),
                );
            }
        }
    }
}

impl FieldRule {
    /// What is wrong with `value`, as a label, or `None` when it fits.
    fn problem(&self, value: &str) -> Option<String> {
        if value.is_empty() {
            return Some("empty".to_string());
        }
        match self.kind {
            FieldType::Text => None,
            FieldType::Date => date_problem(value, false),
            FieldType::DateTime => date_problem(value, true),
            FieldType::Integer => {
                let digits = value.strip_prefix(['-', '+']).unwrap_or(value);
                (digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| format!("`{value}` is not a whole number"))
            }
            FieldType::OneOf => (!self.values.iter().any(|v| v == value))
                .then(|| format!("`{value}` is not an allowed value")),
            FieldType::Pattern => self
                .pattern
                .as_ref()
                .filter(|p| !p.is_match(value))
                .map(|p| format!("`{value}` does not match `{}`", p.as_str())),
        }
    }

    fn help(&self) -> String {
        match self.kind {
            FieldType::Text => format!("give `{}` a value", self.name),
            FieldType::Date => {
                "write a date such as `2026-02-02` or `2026-02-02T10:15:00Z`".to_string()
            }
            FieldType::DateTime => {
                "write a date and time such as `2026-02-02T10:15:00Z`".to_string()
            }
            FieldType::Integer => "write digits only".to_string(),
            FieldType::OneOf => format!("use one of {}", quoted_list(&self.values)),
            FieldType::Pattern => {
                format!("write a value that matches the pattern of `{}`", self.name)
            }
        }
    }
}

fn quoted_list(values: &[String]) -> String {
    values
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Why `value` is not a date (with a time, when `time` is required), or `None` when it is.
fn date_problem(value: &str, time: bool) -> Option<String> {
    match crate::dates::read(value) {
        Ok(written) if time && !written.time => Some(format!("`{value}` has no time")),
        Ok(_) => None,
        Err(problem) => Some(problem),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_every_form_wire_metadata_uses() {
        for value in [
            "2026-02-02",
            "20260202T101500+0000",
            "2026-02-02T10:15:00Z",
            "2026-02-02T10:15:00+01:00",
            "2026-02-02 10:15:00 +0100",
            "2026-02-02T10:15:00",
        ] {
            assert_eq!(date_problem(value, false), None, "{value}");
        }
        assert_eq!(
            date_problem("2026-02-02", true).as_deref(),
            Some("`2026-02-02` has no time")
        );
        assert!(
            date_problem("2026-02-30", false)
                .unwrap()
                .contains("does not exist")
        );
        assert_eq!(
            date_problem("Feb 2", false).as_deref(),
            Some("`Feb 2` is not a date")
        );
    }
}
