//! `duplicate-sentence`: a sentence occurs twice in the article, in paragraphs that are not
//! themselves repeats of each other.

use crate::article::Article;
use crate::diagnostic::Finding;
use crate::hash::Map;
use crate::rule::{BuildRule, Rule};
use crate::similarity::check_threshold;
use serde::Deserialize;

/// At most this many paragraphs holding a sentence are remembered to tell whether a later copy
/// comes with its paragraph (a paragraph repeat, not this rule's).
const MAX_PARAGRAPHS_KEPT: usize = 8;

/// The rule's options (see its card).
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    min_words: usize,
    near_threshold: f64,
}

/// Reports a sentence of at least `min_words` words that an earlier paragraph already has.
pub struct DuplicateSentence {
    min_words: usize,
    near_threshold: f64,
}

impl BuildRule for DuplicateSentence {
    type Options = Options;

    fn build(options: Options) -> Result<Self, String> {
        if options.min_words == 0 {
            return Err("`min-words` must be at least 1".to_string());
        }
        Ok(DuplicateSentence {
            min_words: options.min_words,
            near_threshold: check_threshold("near-threshold", options.near_threshold)?,
        })
    }
}

/// The sentences seen so far with one text: the first, and the paragraphs holding a copy.
struct Seen {
    first: usize,
    paragraphs: Vec<usize>,
}

impl Rule for DuplicateSentence {
    fn check(&self, article: &Article<'_>) -> Vec<Finding> {
        let prepared = article.repetition();
        let repeat_paragraphs = |a: usize, b: usize| {
            prepared.same_text(a, b) || prepared.near_pair(a, b, self.near_threshold).is_some()
        };
        let mut seen: Map<&[u32], Seen> = Map::default();
        let mut findings = Vec::new();
        for (index, sentence) in article.sentences.iter().enumerate() {
            let words = prepared.words_in(sentence.paragraph, sentence.span);
            if words.len() < self.min_words {
                continue;
            }
            let paragraph = sentence.paragraph;
            let Some(earlier) = seen.get_mut(words) else {
                seen.insert(
                    words,
                    Seen {
                        first: index,
                        paragraphs: vec![paragraph],
                    },
                );
                continue;
            };
            let first = article.sentences[earlier.first];
            let with_its_paragraph = earlier
                .paragraphs
                .iter()
                .any(|&p| p == paragraph || repeat_paragraphs(p, paragraph));
            if !with_its_paragraph && first.paragraph != paragraph {
                findings.push(
                    Finding::new(
                        "sentence repeats one in an earlier paragraph",
                        sentence.span,
                        "repeated here",
                    )
                    .with_secondary(first.span, "first written here")
                    .with_help("delete one of the two, or say it differently"),
                );
            }
            if !earlier.paragraphs.contains(&paragraph)
                && earlier.paragraphs.len() < MAX_PARAGRAPHS_KEPT
            {
                earlier.paragraphs.push(paragraph);
            }
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Source;

    fn rule() -> DuplicateSentence {
        DuplicateSentence::build(Options {
            min_words: 8,
            near_threshold: 0.8,
        })
        .unwrap()
    }

    /// `(line of the repeat, line of the first, repeated text)` for each finding.
    fn check(body: &[&str]) -> Vec<(usize, usize, String)> {
        let text = format!("date 2026-01-01 1\nHeadline\n{}\n", body.join("\n"));
        let source = Source::new("t.txt", text);
        rule()
            .check(&Article::parse(&source))
            .into_iter()
            .map(|f| {
                (
                    source.position(f.primary.span.start).line,
                    source.position(f.secondary[0].span.start).line,
                    source.slice(f.primary.span).to_string(),
                )
            })
            .collect()
    }

    const SHARED: &str = "The company did not respond to several requests for comment on Monday.";

    #[test]
    fn a_sentence_in_two_different_paragraphs() {
        let a = format!("Norlam said its orders fell 8 percent in March. {SHARED}");
        let b = format!("{SHARED} Analysts expect a further fall in the second quarter.");
        assert_eq!(
            check(&[&a, "Shares fell.", &b]),
            [(5, 3, SHARED.to_string())]
        );
    }

    #[test]
    fn the_copy_may_differ_in_case_quotes_and_final_punctuation() {
        let a = format!("Norlam said its orders fell 8 percent in March. {SHARED}");
        let b = format!(
            "Analysts expect a further fall. {}",
            SHARED.to_uppercase().replace('.', "!")
        );
        assert_eq!(check(&[&a, &b]).len(), 1);
    }

    #[test]
    fn repeats_that_come_with_their_paragraph_are_left_to_the_paragraph_rules() {
        let a = format!("Norlam said its orders fell 8 percent in March. {SHARED}");
        let near = format!("Norlam said orders fell 8 percent in March. {SHARED}");
        assert!(check(&[&a, "Shares fell.", &a]).is_empty());
        assert!(check(&[&a, "Shares fell.", &near]).is_empty());
        let cut = format!("{SHARED} Analysts expect a further fall.");
        assert!(check(&[&cut, "Shares fell.", SHARED]).is_empty());
    }

    #[test]
    fn three_copies_point_at_the_first_and_a_repeated_paragraph_adds_nothing() {
        let a = format!("Norlam said its orders fell 8 percent in March. {SHARED}");
        let b = format!("{SHARED} Analysts expect a further fall in the second quarter.");
        let c = format!("Unions called a strike for Friday at all three plants. {SHARED}");
        let found = check(&[&a, &b, &c, &b]);
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|(_, first, _)| *first == 3));
        assert_eq!(found[1].0, 5);
    }

    #[test]
    fn short_sentences_and_repeats_inside_one_paragraph_do_not_fire() {
        assert!(check(&["Prices rose. Wages fell.", "Prices rose. Rents too."]).is_empty());
        assert!(check(&[&format!("{SHARED} {SHARED}"), "Shares fell."]).is_empty());
    }

    #[test]
    fn a_sentence_of_the_lead_counts_without_the_dateline() {
        let lead = format!("LONDON (Reuters) - {SHARED} Its shares fell 3 percent.");
        let later = format!("Trading resumed on Tuesday. {SHARED}");
        assert_eq!(check(&[&lead, &later]), [(4, 3, SHARED.to_string())]);
    }

    #[test]
    fn bad_options_are_refused() {
        let build = |min_words, near_threshold| {
            DuplicateSentence::build(Options {
                min_words,
                near_threshold,
            })
        };
        assert!(build(0, 0.8).is_err());
        assert!(build(8, 0.2).is_err());
    }
}
