//! `wirelint inspect`: the article model as JSON, what the rules read of a file. The file is
//! read the way linting reads it (its format told by `--input-format`, the config or its name
//! and content); texts are the article's (entities decoded, markup left out), positions and
//! spans are the file's. The document's shape is `schemas/inspect.schema.json`.

use crate::article::Article;
use crate::config::Config;
use crate::formats::{self, Document, FormatError, InputFormat};
use crate::numbers::NumberMention;
use crate::source::{Source, io_message};
use crate::span::Span;
use serde::Serialize;
use std::io::{self, Read, Write};
use std::path::PathBuf;

/// The version of the document's shape; it changes when a field changes meaning or goes.
pub const VERSION: u32 = 1;

/// The article model of one file.
#[derive(Debug, Serialize)]
pub struct Inspected {
    /// The shape's version ([`VERSION`]).
    pub version: u32,
    /// The file as given.
    pub path: String,
    /// The format the file was read as (`plain`, `markdown`, `nitf`, ...).
    pub format: String,
    /// The metadata fields, in the order the file gives them.
    pub metadata: Vec<FieldModel>,
    /// The language the rules take the article to be in, and where they took it from.
    pub language: Option<Language>,
    /// The headline.
    pub headline: Option<Text>,
    /// The dateline or source credit that opens the first paragraph.
    pub dateline: Option<Text>,
    /// The body paragraphs, with their sentences.
    pub paragraphs: Vec<ParagraphModel>,
    /// The quotations, top-level and nested, in order.
    pub quotations: Vec<QuotationModel>,
    /// The number mentions of the headline and the body, in order.
    pub numbers: Vec<NumberModel>,
}

/// The language an article is read in.
#[derive(Debug, Serialize)]
pub struct Language {
    /// The language tag (`en-GB`) or ISO 639-1 code (`es`).
    pub tag: String,
    /// `metadata` when the file names it, `prose` when it was detected from the text.
    pub from: &'static str,
}

/// A piece of the article's text and where it is in the file.
#[derive(Debug, Serialize)]
pub struct Text {
    /// The text as the rules read it.
    pub text: String,
    /// 1-based line of its first byte in the file.
    pub line: usize,
    /// 1-based column (in characters) of its first byte.
    pub column: usize,
    /// Byte offsets in the file.
    pub span: Span,
}

/// A metadata field.
#[derive(Debug, Serialize)]
pub struct FieldModel {
    /// The field's name in lower case (`date`, `id`, `title`).
    pub name: String,
    /// Its value.
    #[serde(flatten)]
    pub value: Text,
}

/// A body paragraph.
#[derive(Debug, Serialize)]
pub struct ParagraphModel {
    /// The paragraph.
    #[serde(flatten)]
    pub text: Text,
    /// Its sentences.
    pub sentences: Vec<Text>,
}

/// A quotation.
#[derive(Debug, Serialize)]
pub struct QuotationModel {
    /// The quotation with its marks.
    #[serde(flatten)]
    pub text: Text,
    /// The quoted words, between the marks.
    pub content: String,
    /// Index of its paragraph in `paragraphs`.
    pub paragraph: usize,
    /// Whether it is a single-quoted quotation nested in a double-quoted one.
    pub nested: bool,
    /// Whether it has its closing mark.
    pub closed: bool,
    /// Whether it continues the quotation before it.
    pub continued: bool,
    /// Whether it runs on into the next paragraph (no closing mark, by the wire convention).
    pub runs_on: bool,
}

/// A number mention (see [`crate::numbers`]).
#[derive(Debug, Serialize)]
pub struct NumberModel {
    /// The figure as written, with its sign, currency, scale, unit and percent words.
    #[serde(flatten)]
    pub text: Text,
    /// The stated figure; `null` for a vague amount (`dozens`).
    pub value: Option<f64>,
    /// The lowest value it stands for, qualifier and rounding applied.
    pub low: f64,
    /// The highest value it stands for; `null` when it has no upper bound (`more than 40`).
    pub high: Option<f64>,
    /// Whether it is a written range (`400 to 500`).
    pub range: bool,
    /// For a change (`from 2,415 to 2,315`), the figure it changed from.
    pub previous: Option<f64>,
    /// Whether it is a vague amount (`dozens`, `hundreds`).
    pub vague: bool,
    /// `count`, `money`, `percent`, `measure` or `fraction`.
    pub kind: &'static str,
    /// The qualifier before it (`about`, `more than`).
    pub qualifier: Option<QualifierModel>,
    /// The counted noun or the unit, as written.
    pub noun: Option<String>,
    /// The counted noun's singular in lower case, or the unit in lower case.
    pub lemma: Option<String>,
    /// The words between the figure and its noun, in lower case.
    pub modifiers: Vec<String>,
    /// Whether it counts a part of a group named after it (`300 of the workers`).
    pub partitive: bool,
    /// Index of its sentence among all the article's sentences; `null` in the headline.
    pub sentence: Option<usize>,
}

/// A qualifier and how it widens the figure.
#[derive(Debug, Serialize)]
pub struct QualifierModel {
    /// The qualifier as written.
    pub text: String,
    /// `approximate`, `nearly`, `at-least` or `at-most`.
    pub kind: &'static str,
}

/// The format `source` is read as when linting: `chosen`, else its name and content.
pub fn format_of(source: &Source, chosen: Option<InputFormat>) -> Result<InputFormat, String> {
    if let Some(format) = chosen {
        return Ok(format);
    }
    match formats::detect(source.name(), source.text()) {
        formats::Detected::Article(format) => Ok(format),
        formats::Detected::NotAnArticle(what) => Err(format!("it is {what}")),
    }
}

/// The article model of `source` read as `format`.
pub fn inspect(source: &Source, format: InputFormat) -> Result<Inspected, FormatError> {
    let document = formats::read(source, format)?;
    let article = document.article(source);
    let place = Place {
        file: source,
        document: &document,
        article: &article,
    };
    let quotes = article.quotes();
    Ok(Inspected {
        version: VERSION,
        path: source.name().to_string(),
        format: article.format.to_string(),
        metadata: article
            .metadata
            .iter()
            .map(|field| FieldModel {
                name: field.name.clone(),
                value: place.text(field.value),
            })
            .collect(),
        language: match article.language() {
            Some(tag) => Some(Language {
                tag: tag.to_string(),
                from: "metadata",
            }),
            None => article.detected_language().map(|code| Language {
                tag: code.to_string(),
                from: "prose",
            }),
        },
        headline: article.headline.map(|span| place.text(span)),
        dateline: article.dateline.map(|d| place.text(d.span)),
        paragraphs: article
            .paragraphs
            .iter()
            .map(|p| ParagraphModel {
                text: place.text(p.span),
                sentences: article.sentences[p.sentences.clone()]
                    .iter()
                    .map(|s| place.text(s.span))
                    .collect(),
            })
            .collect(),
        quotations: quotes
            .quotations
            .iter()
            .map(|q| QuotationModel {
                text: place.text(q.span),
                content: article.slice(q.content).to_string(),
                paragraph: q.paragraph,
                nested: q.depth > 0,
                closed: q.closed,
                continued: q.continued,
                runs_on: q.runs_on,
            })
            .collect(),
        numbers: article.numbers().iter().map(|m| place.number(m)).collect(),
    })
}

/// Inspect each of `paths` (`-` is standard input, shown as `stdin_name`) and write one JSON
/// document a file to `out`: one line each, or indented with `pretty`. A file that cannot be
/// read or is not an article gets an error on `err`, and the others are still inspected.
/// Returns whether every file was inspected.
pub fn run(
    paths: &[PathBuf],
    stdin_name: &str,
    config: &Config,
    input_format: Option<InputFormat>,
    pretty: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<bool> {
    let mut all = true;
    for path in paths {
        let source = if path.as_os_str() == "-" {
            let mut bytes = Vec::new();
            io::stdin()
                .take(config.max_file_size.saturating_add(1))
                .read_to_end(&mut bytes)
                .map_err(|e| io_message(&e))
                .and_then(|_| {
                    Source::from_bytes(stdin_name, bytes, config.max_file_size)
                        .map_err(|e| e.to_string())
                })
        } else {
            Source::read(path, config.max_file_size).map_err(|e| e.to_string())
        };
        let name = if path.as_os_str() == "-" {
            stdin_name.to_string()
        } else {
            path.display().to_string()
        };
        let inspected = source.and_then(|source| {
            let chosen = input_format.or_else(|| config.format_for(&name));
            let format = format_of(&source, chosen)?;
            inspect(&source, format)
                .map_err(|e| format!("it does not read as {}: {e}", format.title()))
        });
        match inspected {
            Ok(model) => {
                let json = if pretty {
                    serde_json::to_string_pretty(&model)
                } else {
                    serde_json::to_string(&model)
                };
                writeln!(out, "{}", json.map_err(io::Error::other)?)?;
            }
            Err(message) => {
                all = false;
                writeln!(err, "error: could not inspect `{name}`: {message}")?;
            }
        }
    }
    Ok(all)
}

/// Where the article's spans are in the file.
struct Place<'a> {
    file: &'a Source,
    document: &'a Document,
    article: &'a Article<'a>,
}

impl Place<'_> {
    /// The text of an article span, placed in the file.
    fn text(&self, span: Span) -> Text {
        let in_file = if self.document.is_identity() {
            span
        } else {
            self.document.map.to_source(span)
        };
        let position = self.file.position(in_file.start);
        Text {
            text: self.article.slice(span).to_string(),
            line: position.line,
            column: position.column,
            span: in_file,
        }
    }

    fn number(&self, m: &NumberMention) -> NumberModel {
        NumberModel {
            text: self.text(m.span),
            value: (!m.vague).then_some(m.value),
            low: m.low,
            high: m.high.is_finite().then_some(m.high),
            range: m.range,
            previous: m.previous,
            vague: m.vague,
            kind: m.kind.as_str(),
            qualifier: m.qualifier.map(|q| QualifierModel {
                text: self.article.slice(q.span).to_string(),
                kind: q.kind.as_str(),
            }),
            noun: m.noun.map(|n| self.article.slice(n).to_string()),
            lemma: m.lemma.clone(),
            modifiers: m.modifiers.clone(),
            partitive: m.partitive,
            sentence: m.sentence,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_model_of_a_plain_article() {
        let source = Source::new(
            "t.txt",
            "date 2026-02-02 7\nHundreds Flee Floods\n\"We left,\" one said. About 450 residents fled, more than 40 villages emptied.\n",
        );
        let model = inspect(&source, InputFormat::Plain).unwrap();
        assert_eq!(model.format, "plain");
        assert_eq!(model.metadata[0].name, "date");
        assert_eq!(model.metadata[0].value.text, "2026-02-02");
        assert_eq!(model.headline.as_ref().unwrap().line, 2);
        assert_eq!(model.paragraphs[0].sentences.len(), 2);
        let quote = &model.quotations[0];
        assert_eq!(
            (quote.content.as_str(), quote.text.line, quote.text.column),
            ("We left,", 3, 1)
        );
        let figures: Vec<(&str, Option<f64>, f64, Option<f64>)> = model
            .numbers
            .iter()
            .map(|n| (n.text.text.as_str(), n.value, n.low, n.high))
            .collect();
        assert_eq!(
            figures,
            [
                ("Hundreds", None, 100.0, Some(1000.0)),
                ("450", Some(450.0), 360.0, Some(540.0)),
                ("40", Some(40.0), 40.0, None),
            ]
        );
        let residents = &model.numbers[1];
        assert_eq!(residents.qualifier.as_ref().unwrap().kind, "approximate");
        assert_eq!(residents.lemma.as_deref(), Some("resident"));
        assert_eq!((residents.text.line, residents.text.column), (3, 28));
    }

    #[test]
    fn positions_are_the_files_in_other_formats() {
        let text = "---\ntitle: Floods\n---\n\n# Floods\n\nAbout **450** residents fled.\n";
        let source = Source::new("t.md", text);
        let model = inspect(&source, format_of(&source, None).unwrap()).unwrap();
        assert_eq!(model.format, "markdown");
        let figure = &model.numbers[0];
        assert_eq!(figure.text.text, "450");
        assert_eq!(source.slice(figure.text.span), "450");
        assert_eq!(figure.text.line, 7);
    }
}
