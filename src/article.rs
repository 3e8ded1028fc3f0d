//! The parsed article: header line, headline, dateline, paragraphs and sentences, each with its
//! span, and the plain wire format parser that builds it.

use crate::language;
use crate::numbers::{NumberMention, Token, find_numbers, is_function_word, numbers_in, tokenize};
use crate::quotes::{self, Quotes};
use crate::sentence::split_sentences;
use crate::similarity::Prepared;
use crate::source::Source;
use crate::span::Span;
use regex::Regex;
use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

/// A parsed article. The parser is tolerant: every text parses, and content problems are left
/// for the rules to report.
#[derive(Debug)]
pub struct Article<'s> {
    source: &'s Source,
    /// The first line, when it looks like a header line (`date 2026-02-02 403`), white space
    /// included.
    pub header: Option<Span>,
    /// The format the article was read from (`plain`, `markdown`, `nitf`, ...): a name to key
    /// per-format settings by, never a reason for a rule to read text differently.
    pub format: &'static str,
    /// The article's metadata fields (`date`, `id`, ...), in the order the file gives them.
    pub metadata: Vec<Field>,
    /// Problems with the metadata found while reading it.
    pub metadata_errors: Vec<MetadataError>,
    /// The headline: the first non-blank line after the header.
    pub headline: Option<Span>,
    /// The dateline or source credit that opens the first paragraph.
    pub dateline: Option<Dateline>,
    /// The body paragraphs, in order.
    pub paragraphs: Vec<Paragraph>,
    /// The sentences of all paragraphs, in order.
    pub sentences: Vec<Sentence>,
    /// The quotations of all paragraphs, and stray closing marks.
    quotes: OnceLock<Quotes>,
    numbers: OnceLock<Numbers>,
    repetition: OnceLock<Prepared>,
    inner_capitals: OnceLock<HashSet<String>>,
    detected_language: OnceLock<Option<&'static str>>,
}

/// The figures of an article, and the tokens of the sentences that hold one.
#[derive(Debug)]
struct Numbers {
    /// The number mentions of the headline and the sentences, in order.
    mentions: Vec<NumberMention>,
    /// By sentence: its tokens when it holds a mention (the others are not kept, so that a
    /// long article's tokens do not all stay in memory).
    tokens: Vec<Option<Vec<Token>>>,
}

/// A metadata field: its name and the span of its value. In a plain wire file these come from
/// the header line (`date` is its ISO date, `id` its number); in other formats from the front
/// matter, the NITF `head`, the NewsML-G2 item metadata or the ninjs members.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// The field's name as the format writes it, in lower case (`date`, `date.issue`, `uri`).
    pub name: String,
    /// What the field means for the article, whatever its name.
    pub role: Option<FieldRole>,
    /// The whole field (its name and value, where the view shows both).
    pub span: Span,
    /// The value's text.
    pub value: Span,
}

/// What a metadata field means, whatever a format calls it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldRole {
    /// The article's own date (`date`, NITF `date.issue`, ninjs `versioncreated`).
    Date,
    /// The article's title (front matter `title`, NITF `title`).
    Title,
    /// The article's identifier (`id`, NITF `doc-id`, ninjs `uri`).
    Id,
    /// The language it is written in (`en`, `de-CH`: ninjs `language`, front matter `lang`,
    /// XML `xml:lang`).
    Language,
}

/// A problem with the metadata found while reading the file (front matter that does not parse).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MetadataError {
    /// Where it is.
    pub span: Span,
    /// What is wrong.
    pub message: String,
    /// What the label there says.
    pub label: String,
}

/// An article's parts as a format reader finds them, in offsets of the text it built.
#[derive(Clone, Debug, Default)]
pub struct Parts {
    /// The format's name (`markdown`, `nitf`, ...).
    pub format: &'static str,
    /// The metadata fields.
    pub metadata: Vec<Field>,
    /// Problems with the metadata.
    pub metadata_errors: Vec<MetadataError>,
    /// The headline.
    pub headline: Option<Span>,
    /// The paragraphs, in order.
    pub paragraphs: Vec<Span>,
}

/// A body paragraph: one line, or a block of hard-wrapped lines between blank lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// The paragraph's text, without the white space around it (line breaks inside are kept).
    pub span: Span,
    /// 0-based indices of the source lines it is made of.
    pub lines: Range<usize>,
    /// Indices of its sentences in [`Article::sentences`].
    pub sentences: Range<usize>,
}

/// A sentence of a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// The sentence's text, from its first word to its final punctuation.
    pub span: Span,
    /// Index of its paragraph in [`Article::paragraphs`].
    pub paragraph: usize,
}

/// The dateline or source credit at the start of the first paragraph: `WASHINGTON (AP) —`,
/// `LONDON, March 3 -`, `(MENAFN)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dateline {
    /// The whole dateline, with its dash but not the space after it.
    pub span: Span,
    /// The place and date part (`LONDON, March 3`), if any.
    pub place: Option<Span>,
    /// The credit in brackets, without them (`AP`, `MENAFN`), if any.
    pub credit: Option<Span>,
}

/// A date-like token: `2026-02-02`, `26/02/1987`, `26-FEB-1987`, `26.02.87`.
static DATE_LIKE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\d{1,2}[-/. ]?[A-Za-z]{3,9}[-/. ]?\d{2,4})$")
        .expect("valid regex")
});

/// A dateline: an optional place in capitals with an optional `, Month D` date, then an optional
/// credit in brackets, then a dash (`—`, `–`, `--`, `-` or `_`); or a credit alone in brackets.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?x)
        (?:
          (?P<place>\p{Lu}[\p{Lu}\p{M}.'’\ -]*\p{Lu}\.?(?:,\ \p{Lu}[\p{L}.]*(?:\ \p{Lu}[\p{L}.]*)?)?(?:,\ \p{Lu}\p{Ll}+\.?\ \d{1,2})?)
          (?:\ *\((?P<credit1>[^()\n]{1,40})\))?
          \ *(?:—|–|--|-|_)
        |
          \((?P<credit2>[^()\n]{1,40})\)
        )",
    )
    .expect("valid regex")
});

impl<'s> Article<'s> {
    /// Parse `source` as a plain wire file: an optional header line, a headline, then paragraphs
    /// one a line, or blank-line-separated blocks whose wrapped lines are joined.
    pub fn parse(source: &'s Source) -> Article<'s> {
        let text = source.text();
        let index = source.lines();
        let lines = index.line_spans(text);
        let is_blank = |i: usize| lines[i].slice(text).trim().is_empty();
        let is_comment = |i: usize| is_comment_line(lines[i].slice(text));

        let mut next = (0..lines.len())
            .find(|&i| !is_comment(i) && !is_blank(i))
            .unwrap_or(lines.len());
        let header = lines
            .get(next)
            .filter(|line| looks_like_header(line.slice(text)))
            .copied();
        next += usize::from(header.is_some());
        while next < lines.len() && (is_blank(next) || is_comment(next)) {
            next += 1;
        }
        let headline = lines
            .get(next)
            .filter(|line| looks_like_headline(line.slice(text)));
        let headline = headline.map(|line| trimmed(text, *line));
        if headline.is_some() {
            next += 1;
        }

        let body = next..lines.len();
        let is_text = |i: usize| !is_blank(i) && !is_comment(i);
        let first_text = body.clone().find(|&i| is_text(i));
        let last_text = body.clone().rev().find(|&i| is_text(i));
        let blocks = match (first_text, last_text) {
            (Some(first), Some(last)) => (first..last).any(is_blank),
            _ => false,
        };
        let mut paragraphs = Vec::new();
        let mut line = body.start;
        while line < body.end {
            if !is_text(line) {
                line += 1;
                continue;
            }
            let first = line;
            line += 1;
            if blocks {
                while line < body.end && is_text(line) {
                    line += 1;
                }
            }
            let span = trimmed(text, Span::new(lines[first].start, lines[line - 1].end));
            paragraphs.push(Paragraph {
                span,
                lines: first..line,
                sentences: 0..0,
            });
        }

        let metadata = header.map_or_else(Vec::new, |line| header_fields(text, line));
        Article::assemble(
            source,
            "plain",
            header,
            metadata,
            Vec::new(),
            headline,
            paragraphs,
        )
    }

    /// The article a format reader found in `view` (see [`crate::formats`]).
    pub fn from_parts(view: &'s Source, parts: &Parts) -> Article<'s> {
        let lines = view.lines();
        let paragraphs = parts
            .paragraphs
            .iter()
            .map(|&span| Paragraph {
                span,
                lines: lines.line_of(span.start)..lines.line_of(span.end) + 1,
                sentences: 0..0,
            })
            .collect();
        Article::assemble(
            view,
            parts.format,
            None,
            parts.metadata.clone(),
            parts.metadata_errors.clone(),
            parts.headline,
            paragraphs,
        )
    }

    /// The article from its parts: the dateline and sentences found, analyses left for first use.
    fn assemble(
        source: &'s Source,
        format: &'static str,
        header: Option<Span>,
        metadata: Vec<Field>,
        metadata_errors: Vec<MetadataError>,
        headline: Option<Span>,
        mut paragraphs: Vec<Paragraph>,
    ) -> Article<'s> {
        let text = source.text();
        let dateline = paragraphs.first().and_then(|p| find_dateline(text, p.span));
        let mut sentences = Vec::new();
        for (number, paragraph) in paragraphs.iter_mut().enumerate() {
            let mut span = paragraph.span;
            if let Some(dateline) = dateline.filter(|_| number == 0) {
                span.start = dateline.span.end;
            }
            let first = sentences.len();
            sentences.extend(
                split_sentences(span.slice(text), span.start)
                    .into_iter()
                    .map(|span| Sentence {
                        span,
                        paragraph: number,
                    }),
            );
            paragraph.sentences = first..sentences.len();
        }

        Article {
            source,
            header,
            format,
            metadata,
            metadata_errors,
            headline,
            dateline,
            paragraphs,
            sentences,
            quotes: OnceLock::new(),
            numbers: OnceLock::new(),
            repetition: OnceLock::new(),
            inner_capitals: OnceLock::new(),
            detected_language: OnceLock::new(),
        }
    }

    /// The quotations of all paragraphs, and stray closing marks (computed on first use, then
    /// shared by every rule).
    pub fn quotes(&self) -> &Quotes {
        self.quotes
            .get_or_init(|| quotes::scan(self.text(), &self.paragraph_spans()))
    }

    /// The figures of the headline and the sentences, in order (see [`crate::numbers`]);
    /// computed on first use, then shared.
    pub fn numbers(&self) -> &[NumberMention] {
        &self.numbered().mentions
    }

    /// The words and punctuation marks of sentence `index` as the number rules read them (see
    /// [`crate::numbers::tokenize`]), when it holds a number mention: kept from finding the
    /// numbers, so that the rules that compare them need not tokenise it again.
    pub fn number_tokens(&self, index: usize) -> Option<&[Token]> {
        self.numbered().tokens.get(index)?.as_deref()
    }

    /// The tokens of sentence `index`: kept ones when it holds a number, else made afresh.
    pub fn tokens_of(&self, index: usize) -> Cow<'_, [Token]> {
        match self.number_tokens(index) {
            Some(tokens) => Cow::Borrowed(tokens),
            None => Cow::Owned(tokenize(self.text(), self.sentences[index].span)),
        }
    }

    fn numbered(&self) -> &Numbers {
        self.numbers.get_or_init(|| {
            let text = self.text();
            let mut mentions = self
                .headline
                .map_or_else(Vec::new, |span| find_numbers(text, span, true));
            let mut tokens = Vec::with_capacity(self.sentences.len());
            for (index, sentence) in self.sentences.iter().enumerate() {
                let words = tokenize(text, sentence.span);
                let found = numbers_in(text, &words, false);
                tokens.push((!found.is_empty()).then_some(words));
                mentions.extend(found.into_iter().map(|mention| NumberMention {
                    sentence: Some(index),
                    ..mention
                }));
            }
            Numbers { mentions, tokens }
        })
    }

    /// The words (in lower case) that some sentence of the body capitalises after its first
    /// word, outside quotations, function words left out: names, as against words capitalised
    /// only because they open a sentence or a quotation. Computed on first use, then shared.
    pub fn inner_capitals(&self) -> &HashSet<String> {
        self.inner_capitals.get_or_init(|| {
            // Top-level quotations do not overlap and come in order: the one that could hold a
            // word is the last to open before it.
            let quoted: Vec<Span> = self.quotes().top_level().map(|q| q.content).collect();
            let inside_quote = |span: Span| {
                let before = quoted.partition_point(|q| q.start <= span.start);
                before
                    .checked_sub(1)
                    .is_some_and(|i| span.end <= quoted[i].end)
            };
            let mut inner = HashSet::new();
            for index in 0..self.sentences.len() {
                let tokens = self.tokens_of(index);
                let words = tokens.iter().filter(|t| t.word).skip(1);
                inner.extend(
                    words
                        .filter(|t| {
                            t.capitalized && !is_function_word(&t.lower) && !inside_quote(t.span)
                        })
                        .map(|t| t.lower.clone()),
                );
            }
            inner
        })
    }

    /// The paragraphs normalised and tokenised for comparison (see [`crate::similarity`]);
    /// computed on first use, then shared by the repetition rules.
    pub fn repetition(&self) -> &Prepared {
        self.repetition.get_or_init(|| {
            let dateline_end = self.dateline.map(|dateline| dateline.span.end);
            Prepared::new(self.text(), &self.paragraph_spans(), dateline_end)
        })
    }

    /// The value of the first metadata field called `name`.
    pub fn field(&self, name: &str) -> Option<Span> {
        self.metadata
            .iter()
            .find(|field| field.name == name)
            .map(|field| field.value)
    }

    /// The value of the first metadata field with role `role` (the article's own date, say).
    pub fn field_with_role(&self, role: FieldRole) -> Option<Span> {
        self.metadata
            .iter()
            .find(|field| field.role == Some(role))
            .map(|field| field.value)
    }

    /// The language the article's metadata says it is written in, if it says.
    pub fn language(&self) -> Option<&'s str> {
        self.field_with_role(FieldRole::Language)
            .map(|span| self.slice(span).trim())
            .filter(|language| !language.is_empty())
    }

    /// The language the article's prose is written in (ISO 639-1), when it tells reliably
    /// (see [`crate::language`]); detected on first use.
    pub fn detected_language(&self) -> Option<&'static str> {
        *self
            .detected_language
            .get_or_init(|| language::detect(self.paragraphs.iter().map(|p| self.slice(p.span))))
    }

    /// The spans of the paragraphs, in order.
    pub fn paragraph_spans(&self) -> Vec<Span> {
        self.paragraphs.iter().map(|p| p.span).collect()
    }

    /// The source the article was parsed from.
    pub fn source(&self) -> &'s Source {
        self.source
    }

    /// The whole text of the source.
    pub fn text(&self) -> &'s str {
        self.source.text()
    }

    /// The text a span covers.
    pub fn slice(&self, span: Span) -> &'s str {
        span.slice(self.source.text())
    }
}

/// Whether a first line looks like a header line, or an attempt at one: a few fields, one of
/// them date-like, or a lower-case keyword followed only by fields with digits in them.
pub fn looks_like_header(line: &str) -> bool {
    let fields: Vec<&str> = line.split_whitespace().collect();
    if fields.is_empty() || fields.len() > 6 {
        return false;
    }
    let dated = fields.iter().any(|field| DATE_LIKE.is_match(field));
    let keyword_then_numbers = fields.len() >= 2
        && fields[0].chars().all(|c| c.is_ascii_lowercase())
        && fields[1..]
            .iter()
            .all(|f| f.chars().any(|c| c.is_ascii_digit()));
    dated || keyword_then_numbers
}

/// The fields of a plain header line: its first ISO date (`YYYY-MM-DD`) as `date`, its first
/// all-digit field after that as `id`.
fn header_fields(text: &str, line: Span) -> Vec<Field> {
    let mut fields = Vec::new();
    let mut offset = line.start;
    for word in line.slice(text).split(' ') {
        let span = Span::new(offset, offset + word.len());
        offset = span.end + 1;
        let word = word.trim();
        let has = |name: &str| fields.iter().any(|f: &Field| f.name == name);
        let iso_date = word.len() == 10
            && word.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            });
        let (name, role) = if iso_date && !has("date") {
            ("date", FieldRole::Date)
        } else if has("date")
            && !has("id")
            && !word.is_empty()
            && word.bytes().all(|b| b.is_ascii_digit())
        {
            ("id", FieldRole::Id)
        } else {
            continue;
        };
        let start = span.start + (span.len() - span.slice(text).trim_start().len());
        let value = Span::new(start, start + word.len());
        fields.push(Field {
            name: name.to_string(),
            role: Some(role),
            span: value,
            value,
        });
    }
    fields
}

/// Whether a line is an HTML comment and nothing else (`<!-- wirelint-disable-next-line -->`):
/// such lines are not part of the article's text.
pub fn is_comment_line(line: &str) -> bool {
    let line = line.trim();
    line.starts_with("<!--") && line.ends_with("-->") && line.len() >= 7
}

/// Whether a line reads as a headline rather than a paragraph of body text.
fn looks_like_headline(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty() && (line.split_whitespace().count() <= 30 || !line.ends_with(['.', '"', '”']))
}

/// `span` without the white space at its ends.
fn trimmed(text: &str, span: Span) -> Span {
    let inner = span.slice(text);
    let start = span.start + (inner.len() - inner.trim_start().len());
    Span::new(start, start + inner.trim().len())
}

/// The dateline or credit at the start of `paragraph`, when something follows it.
fn find_dateline(text: &str, paragraph: Span) -> Option<Dateline> {
    let body = paragraph.slice(text);
    let found = DATELINE.captures(body)?;
    let whole = found.get(0)?;
    let rest = &body[whole.end()..];
    if !rest.starts_with(char::is_whitespace) || rest.trim().is_empty() {
        return None;
    }
    let shift = |m: regex::Match<'_>| Span::new(m.start(), m.end()).shift(paragraph.start);
    Some(Dateline {
        span: shift(whole),
        place: found.name("place").map(shift),
        credit: found.name("credit1").or(found.name("credit2")).map(shift),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Source, Vec<String>) {
        let source = Source::new("t.txt", text);
        let paragraphs = Article::parse(&source)
            .paragraphs
            .iter()
            .map(|p| source.slice(p.span).to_string())
            .collect();
        (source, paragraphs)
    }

    #[test]
    fn wire_file_has_header_headline_and_one_paragraph_a_line() {
        let text = " date 2026-02-02 403\nTalks Resume\n(MENAFN) Talks resumed. Both sides said so.\nA second paragraph.\n";
        let source = Source::new("t.txt", text);
        let article = Article::parse(&source);
        assert_eq!(
            article.slice(article.header.unwrap()),
            " date 2026-02-02 403"
        );
        assert_eq!(article.slice(article.headline.unwrap()), "Talks Resume");
        assert_eq!(article.slice(article.field("date").unwrap()), "2026-02-02");
        assert_eq!(article.slice(article.field("id").unwrap()), "403");
        assert_eq!(article.paragraphs.len(), 2);
        let dateline = article.dateline.unwrap();
        assert_eq!(article.slice(dateline.span), "(MENAFN)");
        assert_eq!(article.slice(dateline.credit.unwrap()), "MENAFN");
        let sentences: Vec<&str> = article
            .sentences
            .iter()
            .map(|s| article.slice(s.span))
            .collect();
        assert_eq!(
            sentences,
            [
                "Talks resumed.",
                "Both sides said so.",
                "A second paragraph."
            ]
        );
    }

    #[test]
    fn blank_line_blocks_are_joined_into_paragraphs() {
        let (_, paragraphs) = parse("Headline here\n\nFirst line\nwrapped on.\n\nSecond block.\n");
        assert_eq!(paragraphs, ["First line\nwrapped on.", "Second block."]);
    }

    #[test]
    fn crlf_line_breaks_are_not_part_of_paragraphs() {
        let (_, paragraphs) = parse("date 2026-01-01 1\r\nHeadline\r\nOne.\r\nTwo.\r\n");
        assert_eq!(paragraphs, ["One.", "Two."]);
    }

    #[test]
    fn headline_first_files_have_no_header() {
        let source = Source::new("t.txt", "Ad sales boost profit\n\nProfits rose.\n");
        let article = Article::parse(&source);
        assert_eq!(article.header, None);
        assert_eq!(
            article.slice(article.headline.unwrap()),
            "Ad sales boost profit"
        );
    }

    #[test]
    fn header_attempts_are_recognised() {
        for line in [
            "date 2026-02-02 403",
            "dat 2026-02-02 403",
            "2026-02-02 403",
            " date 26/02/1987 7",
            "date 403",
            "date 26-FEB-1987 5",
        ] {
            assert!(looks_like_header(line), "{line}");
        }
        for line in [
            "Iraq Receives Hundreds of ISIS Detainees",
            "U.S. CREDIT ROSE 1.2 BILLION DLRS",
            "Profits rose 5%",
        ] {
            assert!(!looks_like_header(line), "{line}");
        }
    }

    #[test]
    fn datelines_are_found_in_their_usual_forms() {
        for (paragraph, expected) in [
            ("WASHINGTON (AP) — The talks began.", "WASHINGTON (AP) —"),
            ("LONDON, March 3 - Shares fell.", "LONDON, March 3 -"),
            ("NEW YORK, March 3 - Shares fell.", "NEW YORK, March 3 -"),
            (
                "BEIJING, April 1 (AFP) - Trade rose.",
                "BEIJING, April 1 (AFP) -",
            ),
            ("(MENAFN - Gulf Times) Oil rose.", "(MENAFN - Gulf Times)"),
        ] {
            let source = Source::new("t", format!("Headline\n{paragraph}\n"));
            let article = Article::parse(&source);
            assert_eq!(
                article.dateline.map(|d| article.slice(d.span)),
                Some(expected),
                "{paragraph}"
            );
        }
        let source = Source::new("t", "Headline\nThe talks began - slowly.\n");
        assert_eq!(Article::parse(&source).dateline, None);
    }

    #[test]
    fn comment_lines_are_not_text() {
        let text = "<!-- note -->\ndate 2026-01-01 1\nHeadline\n<!-- wirelint-disable-next-line x -->\nOne.\nTwo.\n";
        let source = Source::new("t", text);
        let article = Article::parse(&source);
        assert_eq!(article.slice(article.header.unwrap()), "date 2026-01-01 1");
        let paragraphs: Vec<&str> = article
            .paragraphs
            .iter()
            .map(|p| article.slice(p.span))
            .collect();
        assert_eq!(paragraphs, ["One.", "Two."]);
    }

    #[test]
    fn a_file_of_blank_lines_has_no_paragraphs() {
        let (_, paragraphs) = parse("\n \n\t\n");
        assert!(paragraphs.is_empty());
    }
}
