//! `malformed-header`: the header line (`date YYYY-MM-DD ID`) of a plain file, or the metadata
//! of another format (front matter, NITF `head`, ninjs members), does not follow its schema.

mod metadata;

use crate::article::Article;
use crate::diagnostic::{Finding, Fix};
use crate::rule::{BuildRule, Rule};
use crate::span::Span;
use crate::text::{edit_distance, words};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The rule's options (see its card).
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    template: String,
    required: bool,
    metadata: BTreeMap<String, BTreeMap<String, metadata::FieldOptions>>,
}

/// Checks the header line against a template of keywords and typed fields.
pub struct MalformedHeader {
    template: String,
    parts: Vec<Part>,
    required: bool,
    schemas: metadata::Schemas,
}

/// One field of the header template.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Part {
    /// A word that must appear as written.
    Keyword(String),
    /// An ISO date that exists.
    Date,
    /// Digits.
    Id,
    /// Any one field.
    Word,
}

impl Part {
    fn describe(&self) -> String {
        match self {
            Part::Keyword(word) => format!("the keyword `{word}`"),
            Part::Date => "a date".to_string(),
            Part::Id => "an id".to_string(),
            Part::Word => "a field".to_string(),
        }
    }

    /// Whether `field` is plausibly meant as this part (right or wrong), so it is not missing.
    fn could_be(&self, field: &str) -> bool {
        match self {
            Part::Keyword(word) => is_near_keyword(field, word),
            Part::Date => {
                parse_any_date(field).is_some()
                    || field.chars().filter(char::is_ascii_digit).count() >= 6
            }
            Part::Id => field.chars().all(|c| c.is_ascii_digit()),
            Part::Word => true,
        }
    }
}

impl BuildRule for MalformedHeader {
    type Options = Options;

    fn build(options: Options) -> Result<Self, String> {
        let parts: Vec<Part> = options
            .template
            .split(' ')
            .map(|field| match field {
                "{date}" => Ok(Part::Date),
                "{id}" => Ok(Part::Id),
                "{word}" => Ok(Part::Word),
                "" => Err("`template` has two spaces in a row, or a space at an end".to_string()),
                _ if field.starts_with('{') => Err(format!(
                    "unknown field `{field}` in `template`: use `{{date}}`, `{{id}}` or `{{word}}`"
                )),
                _ => Ok(Part::Keyword(field.to_string())),
            })
            .collect::<Result<_, _>>()?;
        Ok(MalformedHeader {
            template: options.template,
            parts,
            required: options.required,
            schemas: metadata::Schemas::new(options.metadata)?,
        })
    }
}

impl Rule for MalformedHeader {
    fn check(&self, article: &Article<'_>) -> Vec<Finding> {
        if article.format != "plain" {
            let mut findings = Vec::new();
            self.schemas.check(article, self.required, &mut findings);
            return findings;
        }
        let Some(line) = article.header else {
            return self.missing_header(article);
        };
        let text = article.slice(line);
        let mut findings = Vec::new();

        let content = text.trim();
        let leading = text.len() - text.trim_start().len();
        if leading > 0 {
            let span = Span::new(line.start, line.start + leading);
            findings.push(
                Finding::new(
                    "header line starts with white space",
                    span,
                    "white space before the header",
                )
                .with_help("remove it")
                .with_fix(Fix::delete(
                    "remove the white space before the header",
                    span,
                )),
            );
        }
        let trailing = text.len() - text.trim_end().len();
        if trailing > 0 && !content.is_empty() {
            let span = Span::new(line.end - trailing, line.end);
            findings.push(
                Finding::new(
                    "header line ends with white space",
                    span,
                    "white space after the header",
                )
                .with_help("remove it")
                .with_fix(Fix::delete("remove the white space after the header", span)),
            );
        }

        let fields: Vec<(Span, &str)> = words(text, line.start)
            .map(|(start, word)| (Span::new(start, start + word.len()), word))
            .collect();
        for pair in fields.windows(2) {
            let gap = Span::new(pair[0].0.end, pair[1].0.start);
            if article.slice(gap) != " " {
                findings.push(
                    Finding::new(
                        "header fields are not separated by a single space",
                        gap,
                        "expected one space here",
                    )
                    .with_fix(Fix::replace(
                        "separate the fields with one space",
                        gap,
                        " ",
                    )),
                );
            }
        }

        self.check_fields(article, &fields, &mut findings);
        findings
    }
}

impl MalformedHeader {
    fn missing_header(&self, article: &Article<'_>) -> Vec<Finding> {
        if !self.required {
            return Vec::new();
        }
        let first_line = article.source().lines().line_span(article.text(), 0);
        vec![
            Finding::new(
                "article has no header line",
                first_line,
                format!("expected `{}` before this line", self.template),
            )
            .with_help(format!("add a header line of the form `{}`", self.template)),
        ]
    }

    /// Align the fields with the template's parts and report each mismatch.
    fn check_fields(
        &self,
        article: &Article<'_>,
        fields: &[(Span, &str)],
        findings: &mut Vec<Finding>,
    ) {
        let mut next = 0;
        for (index, part) in self.parts.iter().enumerate() {
            let Some(&(span, field)) = fields.get(next) else {
                let (span, label) = match fields.last() {
                    Some(&(last, _)) => (last, format!("expected {} after this", part.describe())),
                    None => (
                        article.header.unwrap_or_default(),
                        format!("expected {}", part.describe()),
                    ),
                };
                findings.push(
                    Finding::new(
                        format!("header line is missing {}", part.describe()),
                        span,
                        label,
                    )
                    .with_help(format!("the header reads `{}`", self.template)),
                );
                return;
            };
            let later_part_fits = self.parts[index + 1..]
                .first()
                .is_some_and(|later| later.could_be(field));
            if !part.could_be(field) && later_part_fits {
                findings.push(
                    Finding::new(
                        format!("header line is missing {}", part.describe()),
                        span,
                        format!("expected {} before this", part.describe()),
                    )
                    .with_help(format!("the header reads `{}`", self.template)),
                );
                continue;
            }
            if let Some(finding) = check_field(part, span, field) {
                findings.push(finding);
            }
            next += 1;
        }
        if let Some(&(first, _)) = fields.get(next) {
            let last = fields.last().map_or(first, |&(span, _)| span);
            findings.push(
                Finding::new(
                    "header line has extra fields",
                    Span::new(first.start, last.end),
                    "unexpected text after the last field",
                )
                .with_help(format!(
                    "the header reads `{}`: remove the rest",
                    self.template
                )),
            );
        }
    }
}

/// The finding for one field that does not fit its part, if any.
fn check_field(part: &Part, span: Span, field: &str) -> Option<Finding> {
    match part {
        Part::Keyword(word) if field != word => {
            let message = if is_near_keyword(field, word) {
                format!("misspelled header keyword `{field}`")
            } else {
                format!("header line does not start with the keyword `{word}`")
            };
            Some(
                Finding::new(message, span, format!("expected `{word}`"))
                    .with_help(format!("write `{word}`")),
            )
        }
        Part::Date => check_date(span, field),
        Part::Id if !field.chars().all(|c| c.is_ascii_digit()) => Some(
            Finding::new(
                format!("header id `{field}` is not a number"),
                span,
                "expected digits only",
            )
            .with_help("the id is the story's number, such as `403`"),
        ),
        _ => None,
    }
}

fn check_date(span: Span, field: &str) -> Option<Finding> {
    let iso = field.len() == 10
        && field.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if iso {
        let number = |range: std::ops::Range<usize>| field[range].parse::<u32>().unwrap_or(0);
        let date = (number(0..4), number(5..7), number(8..10));
        return date_problem(date).map(|problem| {
            Finding::new("header date does not exist", span, problem)
                .with_help("check the date against the story")
        });
    }
    let mut finding = Finding::new(
        "header date is not in ISO form",
        span,
        "expected YYYY-MM-DD",
    );
    finding = match parse_any_date(field) {
        Some(Reading::One(date)) => match date_problem(date) {
            None => finding.with_help(format!("write `{}`", iso_form(date))),
            Some(problem) => finding
                .with_note(format!("read as {}, but {problem}", iso_form(date)))
                .with_help("write the date as YYYY-MM-DD"),
        },
        Some(Reading::Ambiguous(a, b)) => finding
            .with_note(format!(
                "`{field}` could be {} or {}",
                iso_form(a),
                iso_form(b)
            ))
            .with_help("write the date as YYYY-MM-DD"),
        None => finding.with_help("write the date as YYYY-MM-DD, such as `2026-02-02`"),
    };
    Some(finding)
}

type Date = (u32, u32, u32);

/// How a non-ISO date field reads.
enum Reading {
    One(Date),
    Ambiguous(Date, Date),
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The number of a month written as its name or an abbreviation of three letters or more.
fn month_number(word: &str) -> Option<u32> {
    let word = word.to_ascii_lowercase();
    let found = MONTHS
        .iter()
        .position(|name| word.len() >= 3 && name.to_ascii_lowercase().starts_with(&word));
    found.map(|index| index as u32 + 1)
}

/// Read a date in a common non-ISO form: `26/02/1987`, `02/26/1987`, `1987/02/26`, `1987-2-6`,
/// `26-FEB-1987`, `26.02.1987`. Two-digit years are not read: their century is a guess.
fn parse_any_date(field: &str) -> Option<Reading> {
    let parts: Vec<&str> = field.split(['/', '-', '.']).collect();
    let [a, b, c] = parts[..] else { return None };
    let number = |s: &str| {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    if let (Some(day), Some(month), Some(year)) = (number(a), month_number(b), number(c)) {
        return (c.len() == 4).then_some(Reading::One((year, month, day)));
    }
    let (a_n, b_n, c_n) = (number(a)?, number(b)?, number(c)?);
    if a.len() == 4 {
        return Some(Reading::One((a_n, b_n, c_n)));
    }
    if c.len() != 4 {
        return None;
    }
    let day_first = (c_n, b_n, a_n);
    let month_first = (c_n, a_n, b_n);
    Some(match (a_n > 12, b_n > 12) {
        _ if a_n == b_n => Reading::One(day_first),
        (true, false) => Reading::One(day_first),
        (false, true) => Reading::One(month_first),
        _ => Reading::Ambiguous(day_first, month_first),
    })
}

fn iso_form((year, month, day): Date) -> String {
    format!("{year:04}-{month:02}-{day:02}")
}

/// Why a date does not exist, or `None` when it does.
fn date_problem((year, month, day): Date) -> Option<String> {
    if !(1..=12).contains(&month) {
        return Some(format!("there is no month {month}"));
    }
    let year = i16::try_from(year).ok()?;
    let first = jiff::civil::Date::new(year, month as i8, 1).ok()?;
    let days = first.days_in_month() as u32;
    let name = MONTHS[month as usize - 1];
    (day == 0 || day > days).then(|| format!("{name} {year} has {days} days, not {day}"))
}

/// Whether `field` is a slip of `keyword`: another case, or one or two letters off.
fn is_near_keyword(field: &str, keyword: &str) -> bool {
    field.chars().all(char::is_alphabetic)
        && (field.eq_ignore_ascii_case(keyword)
            || edit_distance(&field.to_lowercase(), &keyword.to_lowercase())
                <= keyword.chars().count().min(6) / 3)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Source;

    fn rule(template: &str, required: bool) -> MalformedHeader {
        MalformedHeader::build(Options {
            template: template.to_string(),
            required,
            metadata: BTreeMap::new(),
        })
        .unwrap()
    }

    /// The findings on `first_line` (followed by a headline and a paragraph), as
    /// `(message, labelled text)`.
    fn check(first_line: &str) -> Vec<(String, String)> {
        check_with(&rule("date {date} {id}", false), first_line)
    }

    fn check_with(rule: &MalformedHeader, first_line: &str) -> Vec<(String, String)> {
        let source = Source::new("t.txt", format!("{first_line}\nHeadline\nBody text.\n"));
        let article = Article::parse(&source);
        rule.check(&article)
            .into_iter()
            .map(|f| (f.message, source.slice(f.primary.span).to_string()))
            .collect()
    }

    fn messages(first_line: &str) -> Vec<String> {
        check(first_line)
            .into_iter()
            .map(|(message, _)| message)
            .collect()
    }

    #[test]
    fn a_well_formed_header_is_silent() {
        assert!(check("date 2026-02-02 403").is_empty());
        assert!(check("date 2024-02-29 1").is_empty());
    }

    #[test]
    fn leading_and_trailing_white_space_are_flagged_and_fixable() {
        assert_eq!(
            check(" date 2026-02-02 403"),
            [("header line starts with white space".into(), " ".into())]
        );
        assert_eq!(
            check("date 2026-02-02 403 \t"),
            [("header line ends with white space".into(), " \t".into())]
        );
        let source = Source::new("t", " date 2026-02-02 403\nHeadline\nBody.\n");
        let finding = &rule("date {date} {id}", false).check(&Article::parse(&source))[0];
        assert_eq!(
            finding.fix,
            Some(Fix::delete(
                "remove the white space before the header",
                Span::new(0, 1)
            ))
        );
    }

    #[test]
    fn double_spaces_and_tabs_between_fields_are_flagged() {
        assert_eq!(
            check("date  2026-02-02\t403"),
            [
                (
                    "header fields are not separated by a single space".into(),
                    "  ".into()
                ),
                (
                    "header fields are not separated by a single space".into(),
                    "\t".into()
                ),
            ]
        );
    }

    #[test]
    fn misspelled_and_missing_keywords() {
        assert_eq!(
            check("dat 2026-02-02 403"),
            [("misspelled header keyword `dat`".into(), "dat".into())]
        );
        assert_eq!(
            check("Date 2026-02-02 403"),
            [("misspelled header keyword `Date`".into(), "Date".into())]
        );
        assert_eq!(
            check("2026-02-02 403"),
            [(
                "header line is missing the keyword `date`".into(),
                "2026-02-02".into()
            )]
        );
        assert_eq!(
            messages("story 2026-02-02 403"),
            ["header line does not start with the keyword `date`"]
        );
    }

    #[test]
    fn non_iso_dates_get_the_iso_form_when_unambiguous() {
        let source = Source::new("t", "date 26/02/1987 403\nHeadline\nBody.\n");
        let findings = rule("date {date} {id}", false).check(&Article::parse(&source));
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].message, "header date is not in ISO form");
        assert_eq!(findings[0].help.as_deref(), Some("write `1987-02-26`"));
        for (field, help) in [
            ("26-FEB-1987", "write `1987-02-26`"),
            ("02/26/1987", "write `1987-02-26`"),
            ("1987/2/6", "write `1987-02-06`"),
            ("03/04/1987", "write the date as YYYY-MM-DD"),
        ] {
            let source = Source::new("t", format!("date {field} 403\nHeadline\nBody.\n"));
            let findings = rule("date {date} {id}", false).check(&Article::parse(&source));
            assert_eq!(findings[0].help.as_deref(), Some(help), "{field}");
        }
    }

    #[test]
    fn dates_that_do_not_exist() {
        assert_eq!(
            check("date 1987-02-30 403"),
            [("header date does not exist".into(), "1987-02-30".into())]
        );
        assert_eq!(
            messages("date 1987-13-01 403"),
            ["header date does not exist"]
        );
        assert_eq!(
            messages("date 1900-02-29 403"),
            ["header date does not exist"]
        );
        assert!(check("date 2000-02-29 403").is_empty());
    }

    #[test]
    fn missing_non_numeric_and_extra_fields() {
        assert_eq!(
            check("date 2026-02-02"),
            [("header line is missing an id".into(), "2026-02-02".into())]
        );
        assert_eq!(
            check("date 403"),
            [("header line is missing a date".into(), "403".into())]
        );
        assert_eq!(
            check("date 2026-02-02 4O3"),
            [("header id `4O3` is not a number".into(), "4O3".into())]
        );
        assert_eq!(
            check("date 2026-02-02 403 extra 7"),
            [("header line has extra fields".into(), "extra 7".into())]
        );
    }

    #[test]
    fn files_without_a_header_are_fine_unless_required() {
        assert!(check("Iraq Receives Hundreds of Detainees").is_empty());
        let required = rule("date {date} {id}", true);
        assert_eq!(
            check_with(&required, "Iraq Receives Hundreds of Detainees"),
            [(
                "article has no header line".into(),
                "Iraq Receives Hundreds of Detainees".into()
            )]
        );
    }

    /// The findings of the default rule on `text` read as `format`, as `(message, label)`.
    fn metadata_findings(name: &str, text: &str) -> Vec<(String, String)> {
        let config = crate::config::Config::default();
        crate::lint_str(name, text, &config)
            .into_iter()
            .filter(|d| d.rule == "malformed-header")
            .map(|d| {
                (
                    d.message,
                    d.labels
                        .first()
                        .map(|l| l.message.clone())
                        .unwrap_or_default(),
                )
            })
            .collect()
    }

    #[test]
    fn front_matter_needs_a_title_and_a_real_date() {
        assert!(
            metadata_findings("a.md", "---\ntitle: Talks\ndate: 2026-02-02\n---\nBody.\n")
                .is_empty()
        );
        assert_eq!(
            metadata_findings("a.md", "---\ntitle: \"\"\ndate: 2026-02-30\n---\nBody.\n"),
            [
                ("metadata field `title` is not text".to_string(), "empty".to_string()),
                (
                    "metadata field `date` is not a date".to_string(),
                    "`2026-02-30` does not exist: parameter 'day' for `2026-02` is invalid, must be in range `1..=28`".to_string()
                ),
            ]
        );
        assert_eq!(
            metadata_findings("a.md", "---\ntitle: Talks\n---\nBody.\n"),
            [(
                "metadata has no `date`".to_string(),
                "expected a `date` field here".to_string()
            )]
        );
        // No front matter at all: not checked unless `required`.
        assert!(metadata_findings("a.md", "# Talks\n\nBody.\n").is_empty());
    }

    #[test]
    fn front_matter_that_does_not_parse_is_reported_where_the_parser_stopped() {
        let found = crate::lint_str(
            "a.md",
            "---\ntitle: [Talks\ndate: 2026\n---\nBody.\n",
            &crate::config::Config::default(),
        );
        let finding = found.iter().find(|d| d.rule == "malformed-header").unwrap();
        assert!(
            finding
                .message
                .starts_with("front matter is not valid YAML"),
            "{}",
            finding.message
        );
        assert!(finding.line >= 2);
    }

    #[test]
    fn ninjs_members_are_checked_when_present() {
        assert!(
            metadata_findings(
                "a.json",
                r#"{"uri": "urn:1", "headline": "H", "body_text": "B."}"#
            )
            .is_empty()
        );
        assert_eq!(
            metadata_findings(
                "a.json",
                r#"{"uri": "urn:1", "headline": "H", "pubstatus": "live", "urgency": 12}"#
            ),
            [
                (
                    "metadata field `pubstatus` is not one of the allowed values".to_string(),
                    "`live` is not an allowed value".to_string()
                ),
                (
                    "metadata field `urgency` is not text of the required pattern".to_string(),
                    "`12` does not match `^[1-9]$`".to_string()
                ),
            ]
        );
    }

    #[test]
    fn custom_templates() {
        let custom = rule("story {id} {date}", false);
        assert!(check_with(&custom, "story 403 2026-02-02").is_empty());
        assert_eq!(check_with(&custom, "story 403 2026-02-31").len(), 1);
        assert!(
            MalformedHeader::build(Options {
                template: "date {when}".into(),
                required: false,
                metadata: BTreeMap::new(),
            })
            .is_err()
        );
        assert!(
            MalformedHeader::build(Options {
                template: "date  {id}".into(),
                required: false,
                metadata: BTreeMap::new(),
            })
            .is_err()
        );
    }
}
