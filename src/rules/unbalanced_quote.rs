//! `unbalanced-quote`: a quote mark that opens and never closes, or closes and never opened.

use crate::article::Article;
use crate::diagnostic::Finding;
use crate::quotes::Quotation;
use crate::rule::{BuildRule, Rule};
use crate::span::Span;
use serde::Deserialize;

/// The rule's options (see its card).
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    unopened: bool,
}

/// Reports opening marks without a closing mark and closing marks without an opening one.
pub struct UnbalancedQuote {
    unopened: bool,
}

impl BuildRule for UnbalancedQuote {
    type Options = Options;

    fn build(options: Options) -> Result<Self, String> {
        Ok(UnbalancedQuote {
            unopened: options.unopened,
        })
    }
}

impl Rule for UnbalancedQuote {
    fn check(&self, article: &Article<'_>) -> Vec<Finding> {
        let mut findings = Vec::new();
        let top_level: Vec<&Quotation> = article.quotes().top_level().collect();
        for (index, quotation) in top_level.iter().enumerate() {
            if !quotation.is_unclosed() {
                continue;
            }
            let content = article.slice(quotation.content);
            let paragraph_end = article.paragraphs[quotation.paragraph].span.end;
            // The quotation is cut short by a new one, or runs to the end of its paragraph.
            let cut_by = top_level
                .get(index + 1)
                .filter(|next| next.paragraph == quotation.paragraph)
                .filter(|next| next.span.start < paragraph_end);
            let (end, label, note) = match cut_by {
                Some(next) => (
                    next.opening_mark(),
                    "another quotation opens here while this one is still open",
                    "a quotation must close before the next one opens, unless that one is \
                     nested in it and closes first",
                ),
                None => (
                    content
                        .split_whitespace()
                        .next_back()
                        .map_or(quotation.content, |word| {
                            let start = quotation.content.start + content.len() - word.len();
                            Span::new(start, quotation.content.end)
                        }),
                    "the paragraph ends with it open",
                    "a quote left open at the end of a paragraph must go on in the next, which \
                     then opens with a quote mark",
                ),
            };
            findings.push(
                Finding::new(
                    "quotation is never closed",
                    quotation.opening_mark(),
                    "this quote mark opens a quotation",
                )
                .with_secondary(end, label)
                .with_note(note)
                .with_help("add the closing quote mark where the quotation ends"),
            );
        }
        if self.unopened {
            for &mark in &article.quotes().stray_closers {
                findings.push(
                    Finding::new(
                        "closing quote mark with no opening mark",
                        mark,
                        "nothing was opened before this mark",
                    )
                    .with_help(
                        "add the opening quote mark where the quotation starts, or remove this one",
                    ),
                );
            }
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Source;

    fn check(body: &str) -> Vec<(String, String)> {
        let rule = UnbalancedQuote::build(Options { unopened: true }).unwrap();
        let source = Source::new("t.txt", format!("date 2026-02-02 1\nHeadline\n{body}\n"));
        rule.check(&Article::parse(&source))
            .into_iter()
            .map(|f| (f.message, source.slice(f.primary.span).to_string()))
            .collect()
    }

    #[test]
    fn balanced_quotes_are_silent() {
        assert!(check("“We won,” he said. \"We won again,\" she said.").is_empty());
        assert!(check("“We won,\" he said, mixing marks. \"Again,” she said.").is_empty());
        assert!(check("Iraq’s envoy, 5'10\", likes ’90s rock 'n' roll.").is_empty());
    }

    #[test]
    fn a_running_quote_is_not_unclosed() {
        assert!(check("“We stay,” he said. “We have work.\n“We will finish it.”").is_empty());
    }

    #[test]
    fn an_opening_mark_never_closed() {
        assert_eq!(
            check("He said “we will stay.\nThe talks ended."),
            [("quotation is never closed".into(), "“".into())]
        );
    }

    #[test]
    fn the_secondary_label_says_where_the_quotation_was_left_open() {
        let rule = UnbalancedQuote::build(Options { unopened: true }).unwrap();
        let labels = |body: &str| {
            let source = Source::new("t.txt", format!("Headline\n{body}\n"));
            rule.check(&Article::parse(&source))
                .into_iter()
                .flat_map(|f| f.secondary)
                .map(|l| (source.slice(l.span).to_string(), l.message))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            labels("He said “we will stay and fight.\nThe talks ended."),
            [(
                "fight.".to_string(),
                "the paragraph ends with it open".to_string()
            )]
        );
        assert_eq!(
            labels("He called it \"a mess and said \"we are done\" today."),
            [(
                "\"".to_string(),
                "another quotation opens here while this one is still open".to_string()
            )]
        );
    }

    #[test]
    fn nested_double_quotes_and_markup_are_balanced() {
        assert!(check("\"He called it \"a joke,\" and I agree,\" she said.").is_empty());
        assert!(check("“They told us “wait” again,” he said.").is_empty());
        assert!(check("He said,”we will stay,” and left.").is_empty());
        assert!(check("A banker said\"we will stay\" on Monday.").is_empty());
        assert!(
            check(
                "<blockquote class=\"twitter-tweet\"><p lang=\"en\">Vote today.</p></blockquote>"
            )
            .is_empty()
        );
    }

    #[test]
    fn a_closing_mark_never_opened() {
        assert_eq!(
            check("He said we will stay,” and left."),
            [("closing quote mark with no opening mark".into(), "”".into())]
        );
        let rule = UnbalancedQuote::build(Options { unopened: false }).unwrap();
        let source = Source::new("t", "Headline\nHe said we will stay,” and left.\n");
        assert!(rule.check(&Article::parse(&source)).is_empty());
    }
}
