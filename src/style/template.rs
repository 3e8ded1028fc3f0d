//! Message templates of house style rules: text with `{match}`, `{expected}`, `{other}`,
//! `{count}`, `{max}` and `{scope}` filled in per finding (`{{` and `}}` are literal braces).

/// A value a template can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// The matched text.
    Match,
    /// The replacement of a substitution.
    Expected,
    /// The spelling used first, in a consistency rule.
    Other,
    /// How many times, in a consistency or occurrence rule.
    Count,
    /// The limit of an occurrence rule.
    Max,
    /// The scope of an occurrence rule (`paragraph`, `sentence`, `article`).
    Scope,
}

impl Field {
    fn parse(name: &str) -> Option<Field> {
        Some(match name {
            "match" => Field::Match,
            "expected" => Field::Expected,
            "other" => Field::Other,
            "count" => Field::Count,
            "max" => Field::Max,
            "scope" => Field::Scope,
            _ => return None,
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Piece {
    Text(String),
    Field(Field),
}

/// A parsed template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template(Vec<Piece>);

/// The values a template is filled with.
#[derive(Clone, Copy, Debug, Default)]
pub struct Values<'a> {
    /// `{match}`.
    pub found: &'a str,
    /// `{expected}`.
    pub expected: &'a str,
    /// `{other}`.
    pub other: &'a str,
    /// `{count}`.
    pub count: usize,
    /// `{max}`.
    pub max: usize,
    /// `{scope}`.
    pub scope: &'a str,
}

impl Template {
    /// Parse `text`, allowing only the fields in `allowed`; an error names the first field that
    /// is unknown or not allowed, or an unclosed brace.
    pub fn parse(text: &str, allowed: &[Field]) -> Result<Template, String> {
        let mut pieces = Vec::new();
        let mut literal = String::new();
        let mut rest = text;
        while let Some(at) = rest.find(['{', '}']) {
            literal.push_str(&rest[..at]);
            let tail = &rest[at..];
            if tail.starts_with("{{") || tail.starts_with("}}") {
                literal.push_str(&tail[..1]);
                rest = &tail[2..];
                continue;
            }
            if tail.starts_with('}') {
                return Err("`}` with no `{` (write `}}` for a brace)".to_string());
            }
            let Some(close) = tail.find('}') else {
                return Err("`{` is never closed (write `{{` for a brace)".to_string());
            };
            let name = &tail[1..close];
            let field = Field::parse(name)
                .filter(|field| allowed.contains(field))
                .ok_or_else(|| {
                    let names: Vec<String> = allowed
                        .iter()
                        .map(|f| format!("`{{{}}}`", field_name(*f)))
                        .collect();
                    format!(
                        "unknown field `{{{name}}}`: this kind of rule has {}",
                        names.join(", ")
                    )
                })?;
            if !literal.is_empty() {
                pieces.push(Piece::Text(std::mem::take(&mut literal)));
            }
            pieces.push(Piece::Field(field));
            rest = &tail[close + 1..];
        }
        literal.push_str(rest);
        if !literal.is_empty() {
            pieces.push(Piece::Text(literal));
        }
        Ok(Template(pieces))
    }

    /// The template with `values` filled in.
    pub fn render(&self, values: &Values<'_>) -> String {
        let mut out = String::new();
        for piece in &self.0 {
            match piece {
                Piece::Text(text) => out.push_str(text),
                Piece::Field(field) => match field {
                    Field::Match => out.push_str(values.found),
                    Field::Expected => out.push_str(values.expected),
                    Field::Other => out.push_str(values.other),
                    Field::Count => out.push_str(&values.count.to_string()),
                    Field::Max => out.push_str(&values.max.to_string()),
                    Field::Scope => out.push_str(values.scope),
                },
            }
        }
        out
    }
}

fn field_name(field: Field) -> &'static str {
    match field {
        Field::Match => "match",
        Field::Expected => "expected",
        Field::Other => "other",
        Field::Count => "count",
        Field::Max => "max",
        Field::Scope => "scope",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_filled_and_braces_escaped() {
        let template = Template::parse(
            "write `{expected}`, not `{match}` {{sic}}",
            &[Field::Match, Field::Expected],
        )
        .unwrap();
        let values = Values {
            found: "per cent",
            expected: "percent",
            ..Values::default()
        };
        assert_eq!(
            template.render(&values),
            "write `percent`, not `per cent` {sic}"
        );
    }

    #[test]
    fn unknown_and_unclosed_fields_are_refused() {
        assert_eq!(
            Template::parse("{expected}", &[Field::Match]).unwrap_err(),
            "unknown field `{expected}`: this kind of rule has `{match}`"
        );
        assert!(Template::parse("a {match", &[Field::Match]).is_err());
        assert!(Template::parse("a } b", &[Field::Match]).is_err());
    }
}
