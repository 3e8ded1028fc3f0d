//! Article formats: how a file becomes an [`Article`]. Each format reads its file with a real
//! parser and yields the article's parts (metadata fields, headline, paragraphs) as a *view*
//! text with a [`SourceMap`] back to the file's bytes, so that every label and fix of every rule
//! lands on the exact bytes of the original file. Rules see only the `Article`.
//!
//! | format | read by | chosen for |
//! | --- | --- | --- |
//! | `plain` | ours (lines) | `.txt`, and anything else that is text |
//! | `markdown` | pulldown-cmark, YAML/TOML front matter | `.md`, `.markdown`, a file opening with `---` or `+++` |
//! | `nitf` | roxmltree | `.xml` or any file whose root element is `<nitf>` |
//! | `newsml` | roxmltree | a NewsML-G2 `<newsItem>` (or `<newsMessage>` holding one) |
//! | `ninjs` | jsonc-parser (strict JSON), html5gum for `body_html` | `.json` objects with ninjs members |
//! | `anpa` | ours (control-character framing) | `.anpa`, `.ipt`, or a file opening with SOH |

mod anpa;
mod html;
mod map;
mod markdown;
mod metadata;
mod newsml;
mod ninjs;
mod nitf;
mod xml;

pub use map::{Escape, SourceMap, ViewBuilder};

use crate::article::{Article, Field, FieldRole, MetadataError, Parts};
use crate::source::Source;
use crate::span::Span;
use serde::Deserialize;
use std::fmt;
use std::path::Path;
use thiserror::Error;

/// An article format wirelint reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// Plain wire text: a header line, a headline, paragraphs.
    Plain,
    /// Markdown (CommonMark) with optional YAML (`---`) or TOML (`+++`) front matter.
    Markdown,
    /// NITF 3.x XML.
    Nitf,
    /// NewsML-G2 news items with inline NITF or XHTML content.
    Newsml,
    /// IPTC ninjs 1.x to 3.x JSON.
    Ninjs,
    /// ANPA-1312 / IPTC 7901 wire text framed by control characters.
    Anpa,
}

impl InputFormat {
    /// Every format, in the order the docs list them.
    pub const ALL: [InputFormat; 6] = [
        InputFormat::Plain,
        InputFormat::Markdown,
        InputFormat::Nitf,
        InputFormat::Newsml,
        InputFormat::Ninjs,
        InputFormat::Anpa,
    ];

    /// The format called `name` (as [`InputFormat::name`] writes it).
    pub fn from_name(name: &str) -> Option<InputFormat> {
        InputFormat::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The format's name as the config and `--input-format` write it.
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Plain => "plain",
            InputFormat::Markdown => "markdown",
            InputFormat::Nitf => "nitf",
            InputFormat::Newsml => "newsml",
            InputFormat::Ninjs => "ninjs",
            InputFormat::Anpa => "anpa",
        }
    }

    /// The format's name as people write it, for messages.
    pub fn title(self) -> &'static str {
        match self {
            InputFormat::Plain => "plain text",
            InputFormat::Markdown => "Markdown",
            InputFormat::Nitf => "NITF",
            InputFormat::Newsml => "NewsML-G2",
            InputFormat::Ninjs => "ninjs",
            InputFormat::Anpa => "ANPA/IPTC 7901",
        }
    }

    /// How an inline suppression comment is written in this format, if it has comments:
    /// the text before and after the directive.
    pub fn comment_syntax(self) -> Option<(&'static str, &'static str)> {
        match self {
            InputFormat::Plain
            | InputFormat::Markdown
            | InputFormat::Nitf
            | InputFormat::Newsml => Some(("<!-- ", " -->")),
            InputFormat::Ninjs | InputFormat::Anpa => None,
        }
    }
}

impl fmt::Display for InputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What a file is, as far as wirelint can tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detected {
    /// An article in this format.
    Article(InputFormat),
    /// Not a news article (a JSON or XML file of another kind); the reason says what it is.
    NotAnArticle(&'static str),
}

/// The format of the file called `name` with text `text`: by extension, then by content.
pub fn detect(name: &str, text: &str) -> Detected {
    let extension = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let head = text.trim_start_matches('\u{feff}').trim_start();
    match extension.as_deref() {
        Some("md" | "markdown" | "mdown" | "mkd") => Detected::Article(InputFormat::Markdown),
        Some("json") => detect_json(text),
        Some("xml" | "nitf" | "newsml") => detect_xml(text),
        Some("anpa" | "ipt" | "7901") => Detected::Article(InputFormat::Anpa),
        Some("txt" | "text") if !head.starts_with('\u{1}') => Detected::Article(InputFormat::Plain),
        _ if head.starts_with('\u{1}') => Detected::Article(InputFormat::Anpa),
        _ if head.starts_with('<') && xml::root_name(text).is_some() => detect_xml(text),
        _ if head.starts_with('{') => detect_json(text),
        _ if text.starts_with("---\n")
            || text.starts_with("---\r\n")
            || text.starts_with("+++") =>
        {
            Detected::Article(InputFormat::Markdown)
        }
        _ => Detected::Article(InputFormat::Plain),
    }
}

fn detect_xml(text: &str) -> Detected {
    match xml::root_name(text) {
        Some("nitf") => Detected::Article(InputFormat::Nitf),
        Some("newsItem" | "newsMessage") => Detected::Article(InputFormat::Newsml),
        Some(_) => {
            Detected::NotAnArticle("an XML file that is neither NITF nor a NewsML-G2 news item")
        }
        None => Detected::NotAnArticle("an XML file whose root element could not be read"),
    }
}

fn detect_json(text: &str) -> Detected {
    if ninjs::looks_like_ninjs(text) {
        Detected::Article(InputFormat::Ninjs)
    } else {
        Detected::NotAnArticle("a JSON file without the members of a ninjs news item")
    }
}

/// Why a file could not be read as its format.
#[derive(Debug, Error)]
#[error("{message}")]
pub struct FormatError {
    /// What the parser said, in the house style.
    pub message: String,
    /// The byte offset where the parser stopped, when it says.
    pub offset: Option<usize>,
}

impl FormatError {
    /// An error at `offset` of the file.
    pub fn at(message: impl Into<String>, offset: Option<usize>) -> FormatError {
        FormatError {
            message: message.into(),
            offset,
        }
    }
}

/// A file read as its format: the view the rules read, its map back to the file, and the
/// article's parts in view offsets.
#[derive(Debug)]
pub struct Document {
    /// The format the file was read as.
    pub format: InputFormat,
    /// The article's text as the rules read it; `None` when it is the file itself (plain).
    view: Option<Source>,
    /// From view offsets to file offsets.
    pub map: SourceMap,
    parts: Option<Parts>,
}

impl Document {
    /// The view: the text the rules read, given the file it came from.
    pub fn view<'a>(&'a self, file: &'a Source) -> &'a Source {
        self.view.as_ref().unwrap_or(file)
    }

    /// Whether the view is the file itself, so that spans need no mapping.
    pub fn is_identity(&self) -> bool {
        self.view.is_none()
    }

    /// The article, given the file the document was read from.
    pub fn article<'a>(&'a self, file: &'a Source) -> Article<'a> {
        let view = self.view(file);
        match &self.parts {
            Some(parts) => Article::from_parts(view, parts),
            None => Article::parse(view),
        }
    }
}

/// Read `source` as an article in `format`.
pub fn read(source: &Source, format: InputFormat) -> Result<Document, FormatError> {
    let built = match format {
        InputFormat::Plain => {
            return Ok(Document {
                format,
                view: None,
                map: SourceMap::identity(source.text().len()),
                parts: None,
            });
        }
        InputFormat::Markdown => markdown::read(source.text())?,
        InputFormat::Nitf => nitf::read(source.text())?,
        InputFormat::Newsml => newsml::read(source.text())?,
        InputFormat::Ninjs => ninjs::read(source.text())?,
        InputFormat::Anpa => anpa::read(source.text())?,
    };
    let (text, map) = built.view.finish();
    Ok(Document {
        format,
        view: Some(Source::new(source.name(), text)),
        map,
        parts: Some(Parts {
            format: format.name(),
            ..built.parts
        }),
    })
}

/// What a format reader builds: the view with its map, and the parts in view offsets.
struct Built {
    view: ViewBuilder,
    parts: Parts,
}

/// Collects an article's parts into a view: metadata lines (`key: value`) first, then the
/// headline, then the paragraphs, each unit followed by a blank line.
struct Assembler {
    view: ViewBuilder,
    parts: Parts,
}

/// A unit of text being written into the view: where its separator and its text start.
#[derive(Clone, Copy)]
struct Unit {
    before: usize,
    start: usize,
}

impl Assembler {
    fn new() -> Assembler {
        Assembler {
            view: ViewBuilder::new(),
            parts: Parts::default(),
        }
    }

    /// Start a unit of text (a field, a headline, a paragraph) at file offset `at`.
    fn begin(&mut self, at: usize) -> Unit {
        let before = self.view.len();
        if before > 0 {
            self.view.separator("\n\n", at);
        }
        Unit {
            before,
            start: self.view.len(),
        }
    }

    /// Close `unit`: its span without the white space at its ends, or `None` (and the unit
    /// taken back out of the view) when it holds no text.
    fn close(&mut self, unit: Unit) -> Option<Span> {
        let text = &self.view.text()[unit.start..];
        let end = unit.start + text.trim_end().len();
        let start = unit.start + (text.len() - text.trim_start().len());
        if start >= end {
            self.view.truncate(unit.before);
            return None;
        }
        self.view.truncate(end);
        Some(Span::new(start, end))
    }

    /// Close `unit` as the headline.
    fn headline(&mut self, unit: Unit) {
        if let Some(span) = self.close(unit) {
            self.parts.headline = Some(span);
        }
    }

    /// Close `unit` as a paragraph, deleted from the file by removing `removal`.
    fn paragraph(&mut self, unit: Unit, removal: Option<Span>) {
        if let Some(span) = self.close(unit) {
            self.view.block(span.start, removal);
            self.parts.paragraphs.push(span);
        }
    }

    /// Start a metadata field called `name`, whose key the file writes at `key` (`None` when
    /// the name is not written as such, an attribute path say). Its value follows.
    fn begin_field(&mut self, file: &str, name: &str, key: Option<Span>) -> (Unit, usize) {
        let at = key.map_or(self.view.len(), |k| k.start);
        let unit = self.begin(at);
        match key {
            Some(key) => self.view.piece(file, key, name, Escape::Metadata),
            None => self.view.separator(name, at),
        }
        self.view.separator(": ", key.map_or(at, |k| k.end));
        let value = self.view.len();
        (unit, value)
    }

    /// Close a field begun with [`Assembler::begin_field`], with what it means for the article.
    fn field(&mut self, name: &str, role: Option<FieldRole>, (unit, value): (Unit, usize)) {
        let end = self.view.len();
        self.parts.metadata.push(Field {
            name: name.to_ascii_lowercase(),
            role,
            span: Span::new(unit.start, end),
            value: Span::new(value, end),
        });
        if role == Some(FieldRole::Title) && self.parts.headline.is_none() && end > value {
            self.parts.headline = Some(Span::new(value, end));
        }
    }

    /// A problem with the metadata at file span `at`, which the view shows as `shown`.
    fn metadata_error(&mut self, file: &str, at: Span, message: String, label: &str) {
        let unit = self.begin(at.start);
        let shown = at.slice(file);
        self.view.piece(file, at, shown, Escape::None);
        let span = Span::new(unit.start, self.view.len());
        self.parts.metadata_errors.push(MetadataError {
            span,
            message,
            label: label.to_string(),
        });
    }

    /// The view and parts, the view ending in a line break at file offset `end`.
    fn finish(mut self, end: usize) -> Built {
        if !self.view.is_empty() {
            self.view.separator("\n", end);
        }
        Built {
            view: self.view,
            parts: self.parts,
        }
    }
}

/// The paragraphs of plain text: blank-line-separated blocks when it has blank lines, else one
/// paragraph a line; each without the white space at its ends.
fn split_paragraphs(text: &str) -> Vec<Span> {
    let blocks = text.trim().lines().any(|line| line.trim().is_empty());
    let mut spans = Vec::new();
    let mut push = |from: usize, to: usize| {
        let piece = &text[from..to];
        let lead = piece.len() - piece.trim_start().len();
        let inner = piece.trim();
        if !inner.is_empty() {
            spans.push(Span::new(from + lead, from + lead + inner.len()));
        }
    };
    let mut start = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let end = offset + line.len();
        if !blocks {
            push(offset, end);
        } else if line.trim().is_empty() {
            push(start, offset);
            start = end;
        }
        offset = end;
    }
    if blocks {
        push(start, text.len());
    }
    spans
}

/// What the format readers' tests look at: an article's headline, metadata and paragraphs as
/// the texts the rules read.
#[cfg(test)]
pub(crate) fn parts_of(
    name: &str,
    text: &str,
    format: InputFormat,
) -> (Option<String>, Vec<(String, String)>, Vec<String>) {
    let source = Source::new(name, text);
    let document = read(&source, format).expect("the test file reads");
    let article = document.article(&source);
    let view = document.view(&source);
    (
        article.headline.map(|h| view.slice(h).to_string()),
        article
            .metadata
            .iter()
            .map(|f| (f.name.clone(), view.slice(f.value).to_string()))
            .collect(),
        article
            .paragraphs
            .iter()
            .map(|p| view.slice(p.span).to_string())
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(text: &str) -> Vec<&str> {
        split_paragraphs(text)
            .iter()
            .map(|s| s.slice(text))
            .collect()
    }

    #[test]
    fn plain_text_splits_on_lines_or_blank_line_blocks() {
        assert_eq!(paragraphs("One.\nTwo.\n"), ["One.", "Two."]);
        assert_eq!(
            paragraphs("One\nwrapped.\n\n Two.\n"),
            ["One\nwrapped.", "Two."]
        );
    }

    #[test]
    fn formats_are_chosen_by_extension_then_content() {
        assert_eq!(
            detect("a.md", "x"),
            Detected::Article(InputFormat::Markdown)
        );
        assert_eq!(
            detect("a.txt", "date 2026-01-01 1\nH\nB.\n"),
            Detected::Article(InputFormat::Plain)
        );
        assert_eq!(
            detect("a", "<?xml version=\"1.0\"?><nitf/>"),
            Detected::Article(InputFormat::Nitf)
        );
        assert_eq!(
            detect("a.xml", "<newsItem/>"),
            Detected::Article(InputFormat::Newsml)
        );
        assert!(matches!(
            detect("pom.xml", "<project/>"),
            Detected::NotAnArticle(_)
        ));
        assert_eq!(
            detect("story", "<!-- note -->\ndate 2026-01-01 1\n"),
            Detected::Article(InputFormat::Plain)
        );
        assert!(matches!(
            detect("package.json", "{\"name\": \"x\"}"),
            Detected::NotAnArticle(_)
        ));
        assert_eq!(
            detect("a.json", "{\"uri\": \"x\", \"headline\": \"H\"}"),
            Detected::Article(InputFormat::Ninjs)
        );
        assert_eq!(
            detect("post", "---\ntitle: x\n---\n"),
            Detected::Article(InputFormat::Markdown)
        );
        assert_eq!(
            detect("feed", "\u{1}a\u{2}b\u{3}"),
            Detected::Article(InputFormat::Anpa)
        );
    }
}
