//! `duplicate-paragraph`: a paragraph repeats an earlier one word for word.

use crate::article::Article;
use crate::diagnostic::{Finding, Fix};
use crate::rule::{BuildRule, Rule};

use crate::span::Span;
use serde::Deserialize;

/// The rule's options (see its card).
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    min_words: usize,
}

/// Reports paragraphs equal to an earlier one once white space, quote marks, dashes and case
/// are normalised, with a fix that deletes the repeat.
pub struct DuplicateParagraph {
    min_words: usize,
}

impl BuildRule for DuplicateParagraph {
    type Options = Options;

    fn build(options: Options) -> Result<Self, String> {
        if options.min_words == 0 {
            return Err("`min-words` must be at least 1".to_string());
        }
        Ok(DuplicateParagraph {
            min_words: options.min_words,
        })
    }
}

impl Rule for DuplicateParagraph {
    fn check(&self, article: &Article<'_>) -> Vec<Finding> {
        let prepared = article.repetition();
        let repeats: Vec<Option<usize>> = prepared
            .exact_repeats()
            .into_iter()
            .enumerate()
            .map(|(index, first)| first.filter(|_| prepared.words[index].len() >= self.min_words))
            .collect();
        // The repeats at the end of the article, from `trailing` on, each take the gap before
        // them; the others take the gap after them, so the deletions never overlap.
        let trailing = repeats
            .iter()
            .rposition(Option::is_none)
            .map_or(0, |kept| kept + 1);
        let mut findings = Vec::new();
        for (index, first) in repeats.iter().enumerate() {
            let Some(first) = *first else { continue };
            let later = article.paragraphs[index].span;
            let earlier = article.paragraphs[first].span;
            let mut finding =
                Finding::new("paragraph repeats an earlier one", later, "repeated here")
                    .with_secondary(earlier, "first written here");
            if article.slice(later) != article.slice(earlier) {
                finding = finding
                    .with_note("the two differ only in white space, quote marks, dashes or case");
            }
            findings.push(finding.with_help("delete the repeated paragraph").with_fix(
                Fix::delete(
                    "delete the repeated paragraph",
                    deletion(article, index, index >= trailing),
                ),
            ));
        }
        findings
    }
}

/// The bytes to delete to remove paragraph `index` with its line break. A paragraph followed by
/// others that stay loses its lines and the blank lines after it. One at the end of the article
/// (`at_end`: only deleted repeats follow it) loses the blank lines before it and its own lines
/// with their line break; when the file does not end in a line break, the line break before it
/// instead. Comment lines (`<!-- ... -->`) around it always stay.
fn deletion(article: &Article<'_>, index: usize, at_end: bool) -> Span {
    let text = article.text();
    let lines = article.source().lines();
    let line_start = |line: usize| lines.line_span(text, line).start;
    let content_end = |line: usize| lines.line_span(text, line).end;
    let is_blank = |line: usize| lines.line_span(text, line).slice(text).trim().is_empty();
    let paragraphs = &article.paragraphs;
    let paragraph = &paragraphs[index];
    if let Some(next) = paragraphs.get(index + 1).filter(|_| !at_end) {
        let mut end = paragraph.lines.end;
        while end < next.lines.start && is_blank(end) {
            end += 1;
        }
        return Span::new(line_start(paragraph.lines.start), line_start(end));
    }
    let floor = index.checked_sub(1).map_or(0, |i| paragraphs[i].lines.end);
    let mut start = paragraph.lines.start;
    while start > floor && is_blank(start - 1) {
        start -= 1;
    }
    let ends_in_break = paragraphs
        .last()
        .is_some_and(|last| last.lines.end < lines.line_count());
    if ends_in_break {
        Span::new(line_start(start), line_start(paragraph.lines.end))
    } else {
        let before = start.checked_sub(1).map_or(0, content_end);
        Span::new(before, content_end(paragraph.lines.end - 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Source;

    fn rule(min_words: usize) -> DuplicateParagraph {
        DuplicateParagraph::build(Options { min_words }).unwrap()
    }

    fn check(text: &str) -> (Source, Vec<Finding>) {
        let source = Source::new("t.txt", text);
        let findings = rule(8).check(&Article::parse(&source));
        (source, findings)
    }

    /// The text with every finding's fix applied.
    fn fixed(text: &str) -> String {
        let (_, findings) = check(text);
        let mut spans: Vec<Span> = findings
            .iter()
            .map(|f| f.fix.as_ref().unwrap().extent())
            .collect();
        spans.sort();
        for pair in spans.windows(2) {
            assert!(pair[0].end <= pair[1].start, "fixes overlap: {spans:?}");
        }
        let mut out = text.to_string();
        for span in spans.iter().rev() {
            out.replace_range(span.range(), "");
        }
        out
    }

    const P1: &str = "The minister said the talks would resume next week in Geneva.";
    const P2: &str = "Both sides have traded accusations since the ceasefire collapsed.";
    const P3: &str = "Officials declined to say who would lead the new delegation there.";

    #[test]
    fn the_fix_keeps_comment_lines_around_the_repeat() {
        let text = "date 2026-02-02 1\nHeadline\nThe council approved the budget for next year on Tuesday.\nThe council approved the budget for next year on Tuesday.\n<!-- wirelint-disable-next-line number-conflict -->\nMayor Ann Lee said 12 projects would start soon.\n";
        let (source, findings) = check(text);
        let fix = findings[0].fix.as_ref().unwrap();
        let span = fix.edits[0].span;
        assert_eq!(
            source.slice(span),
            "The council approved the budget for next year on Tuesday.\n"
        );
        assert!(span.start > text.find("Tuesday.").unwrap());
    }

    #[test]
    fn a_repeated_last_line_is_reported_and_its_fix_deletes_exactly_that_line() {
        // Shaped like the seed article: header, headline, paragraphs, the last one twice.
        let text = format!(" date 2026-02-02 403\nHeadline Here\n{P1}\n{P2}\n{P3}\n{P3}\n");
        let (source, findings) = check(&text);
        assert_eq!(findings.len(), 1);
        let finding = &findings[0];
        assert_eq!(finding.message, "paragraph repeats an earlier one");
        assert_eq!(source.position(finding.primary.span.start).line, 6);
        assert_eq!(finding.primary.message, "repeated here");
        assert_eq!(source.position(finding.secondary[0].span.start).line, 5);
        assert_eq!(finding.secondary[0].message, "first written here");
        assert!(finding.notes.is_empty());
        let line_six = text.match_indices('\n').nth(4).unwrap().0 + 1;
        let fix = finding.fix.as_ref().unwrap();
        assert_eq!(fix.extent(), Span::new(line_six, text.len()));
        assert_eq!(
            fixed(&text),
            format!(" date 2026-02-02 403\nHeadline Here\n{P1}\n{P2}\n{P3}\n")
        );
    }

    #[test]
    fn a_repeat_in_the_middle_goes_with_its_line_break() {
        let text = format!("Headline\n{P1}\n{P2}\n{P1}\n{P3}\n");
        assert_eq!(fixed(&text), format!("Headline\n{P1}\n{P2}\n{P3}\n"));
    }

    #[test]
    fn crlf_files_lose_the_line_and_its_crlf() {
        let text = format!("date 2026-01-01 1\r\nHeadline\r\n{P1}\r\n{P2}\r\n{P2}\r\n{P3}\r\n");
        assert_eq!(
            fixed(&text),
            format!("date 2026-01-01 1\r\nHeadline\r\n{P1}\r\n{P2}\r\n{P3}\r\n")
        );
        let text = format!("Headline\r\n{P1}\r\n{P2}\r\n{P2}\r\n");
        assert_eq!(fixed(&text), format!("Headline\r\n{P1}\r\n{P2}\r\n"));
    }

    #[test]
    fn a_last_line_without_a_line_break_takes_the_one_before() {
        let text = format!("Headline\n{P1}\n{P2}\n{P1}");
        assert_eq!(fixed(&text), format!("Headline\n{P1}\n{P2}"));
        let text = format!("Headline\r\n{P1}\r\n{P1}");
        assert_eq!(fixed(&text), format!("Headline\r\n{P1}"));
    }

    #[test]
    fn blank_line_blocks_lose_the_block_and_one_separating_gap() {
        let wrapped = P2.replacen(" since", "\nsince", 1);
        let text = format!("Headline\n\n{P1}\n\n{wrapped}\n\n{P3}\n\n{wrapped}\n\n{P1}\n");
        let (_, findings) = check(&text);
        assert_eq!(findings.len(), 2);
        assert_eq!(
            fixed(&text),
            format!("Headline\n\n{P1}\n\n{wrapped}\n\n{P3}\n")
        );
        let text = format!("Headline\n\n{P1}\n\n{P2}\n\n{P1}\n\n{P3}\n");
        assert_eq!(fixed(&text), format!("Headline\n\n{P1}\n\n{P2}\n\n{P3}\n"));
    }

    #[test]
    fn three_copies_give_two_findings_pointing_at_the_first() {
        let text = format!("Headline\n{P1}\n{P2}\n{P1}\n{P1}\n");
        let (source, findings) = check(&text);
        assert_eq!(findings.len(), 2);
        for finding in &findings {
            assert_eq!(source.position(finding.secondary[0].span.start).line, 2);
        }
        assert_eq!(fixed(&text), format!("Headline\n{P1}\n{P2}\n"));
        let text = format!("Headline\n\n{P1}\n\n{P2}\n\n{P1}\n\n{P1}\n");
        assert_eq!(fixed(&text), format!("Headline\n\n{P1}\n\n{P2}\n"));
    }

    #[test]
    fn repeats_differing_in_what_a_reader_does_not_see_are_exact() {
        let curly = "“The talks will resume next week in Geneva,” the minister said — again.";
        let straight =
            "\"The talks  will resume next week in GENEVA,\" the minister said -- again.";
        let (_, findings) = check(&format!("Headline\n{curly}\n{P1}\n{straight}\n"));
        assert_eq!(findings.len(), 1);
        assert_eq!(
            findings[0].notes,
            ["the two differ only in white space, quote marks, dashes or case"]
        );
    }

    #[test]
    fn short_repeats_and_different_punctuation_are_not_exact() {
        let (_, findings) =
            check("Headline\nAvg shrs 5.2 mln vs 5.1 mln\nQtr\nAvg shrs 5.2 mln vs 5.1 mln\n");
        assert!(findings.is_empty());
        let (_, findings) = check(&format!("Headline\n{P1}\n{}\n", P1.replace('.', "!")));
        assert!(findings.is_empty());
    }

    #[test]
    fn zero_min_words_is_refused() {
        assert!(DuplicateParagraph::build(Options { min_words: 0 }).is_err());
    }
}
