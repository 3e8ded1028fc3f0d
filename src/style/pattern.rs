//! The patterns of a house style rule: words and phrases matched on word boundaries, or regular
//! expressions, compiled into one linear-time matcher (the `regex` crate never backtracks, so no
//! pattern can hang a run).

use crate::span::Span;
use regex::{Regex, RegexBuilder};

/// The patterns of one rule, compiled into one regular expression.
#[derive(Clone, Debug)]
pub struct Patterns {
    regex: Regex,
    /// For each capture group of `regex`, the pattern it is the whole of, if any.
    group_pattern: Vec<Option<usize>>,
}

/// One match: where it is and which pattern (by its index in the list) matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match {
    /// The matched text.
    pub span: Span,
    /// The index of the pattern in the list the matcher was built from.
    pub pattern: usize,
}

/// Why a pattern was refused: its index in the list and what is wrong.
#[derive(Debug, PartialEq, Eq)]
pub struct PatternError {
    /// The pattern's index in the list.
    pub index: usize,
    /// What is wrong with it.
    pub message: String,
}

/// Compiled patterns are capped at this size, far above any word list a desk writes.
const SIZE_LIMIT: usize = 1 << 24;

impl Patterns {
    /// Compile `patterns`. Unless `regex`, each is a word or phrase: its words match on word
    /// boundaries, with any white space between them; with `regex`, each is a regular
    /// expression. Where several match at one place, literal patterns prefer the longest, regular
    /// expressions the first listed.
    pub fn new(
        patterns: &[String],
        regex: bool,
        ignore_case: bool,
    ) -> Result<Patterns, PatternError> {
        let mut pieces = Vec::with_capacity(patterns.len());
        for (index, pattern) in patterns.iter().enumerate() {
            let error = |message: String| PatternError { index, message };
            let piece = if regex {
                compile(pattern, ignore_case)
                    .map_err(|e| error(format!("invalid regular expression: {}", reason(&e))))?;
                pattern.clone()
            } else {
                let words: Vec<String> = pattern.split_whitespace().map(regex::escape).collect();
                if words.is_empty() {
                    return Err(error("empty pattern".to_string()));
                }
                format!(r"\b{{start-half}}{}\b{{end-half}}", words.join(r"\s+"))
            };
            pieces.push((index, piece));
        }
        if !regex {
            pieces.sort_by_key(|(index, _)| std::cmp::Reverse(patterns[*index].len()));
        }
        let alternation: Vec<String> = pieces
            .iter()
            .map(|(index, piece)| format!("(?P<wirelint_{index}>{piece})"))
            .collect();
        let whole = compile(&alternation.join("|"), ignore_case).map_err(|e| PatternError {
            index: 0,
            message: format!("the patterns together are too large: {}", reason(&e)),
        })?;
        let group_pattern = whole
            .capture_names()
            .map(|name| {
                name.and_then(|n| n.strip_prefix("wirelint_"))
                    .and_then(|n| n.parse().ok())
            })
            .collect();
        Ok(Patterns {
            regex: whole,
            group_pattern,
        })
    }

    /// The non-empty matches in `span` of `text`, in order.
    pub fn find(&self, text: &str, span: Span) -> Vec<Match> {
        let part = span.slice(text);
        let mut found = Vec::new();
        for captures in self.regex.captures_iter(part) {
            let Some(whole) = captures.get(0).filter(|m| !m.is_empty()) else {
                continue;
            };
            let pattern = self
                .group_pattern
                .iter()
                .enumerate()
                .find_map(|(group, pattern)| pattern.filter(|_| captures.get(group).is_some()));
            if let Some(pattern) = pattern {
                found.push(Match {
                    span: Span::new(whole.start(), whole.end()).shift(span.start),
                    pattern,
                });
            }
        }
        found
    }
}

/// The last line of a regex error (`unclosed group`), without the excerpt the crate draws.
fn reason(error: &regex::Error) -> String {
    let text = error.to_string();
    let last = text.lines().last().unwrap_or_default().trim();
    last.strip_prefix("error: ").unwrap_or(last).to_string()
}

fn compile(pattern: &str, ignore_case: bool) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern)
        .case_insensitive(ignore_case)
        .size_limit(SIZE_LIMIT)
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(
        patterns: &[&str],
        regex: bool,
        ignore_case: bool,
        text: &str,
    ) -> Vec<(String, usize)> {
        let patterns: Vec<String> = patterns.iter().map(|p| p.to_string()).collect();
        let matcher = Patterns::new(&patterns, regex, ignore_case).unwrap();
        matcher
            .find(text, Span::new(0, text.len()))
            .into_iter()
            .map(|m| (m.span.slice(text).to_string(), m.pattern))
            .collect()
    }

    #[test]
    fn words_match_on_word_boundaries_only() {
        assert_eq!(
            found(
                &["per cent"],
                false,
                true,
                "Up 5 per\ncent; super centre; Per Cent."
            ),
            [("per\ncent".to_string(), 0), ("Per Cent".to_string(), 0)]
        );
        assert_eq!(
            found(&["Kiev"], false, false, "Kievan kiev Kiev's"),
            [("Kiev".to_string(), 0)]
        );
        assert_eq!(
            found(&["U.S."], false, true, "the U.S. and U.S.A."),
            [("U.S.".to_string(), 0)]
        );
    }

    #[test]
    fn the_longest_phrase_wins_and_reports_its_index() {
        assert_eq!(
            found(&["per", "per cent"], false, true, "5 per cent, per head"),
            [("per cent".to_string(), 1), ("per".to_string(), 0)]
        );
    }

    #[test]
    fn regular_expressions_keep_their_own_groups() {
        assert_eq!(
            found(
                &[r"(\d+)\s?mln", r"\bdlrs?\b"],
                true,
                false,
                "5 mln dlrs, 7mln"
            ),
            [
                ("5 mln".to_string(), 0),
                ("dlrs".to_string(), 1),
                ("7mln".to_string(), 0)
            ]
        );
    }

    #[test]
    fn empty_matches_are_skipped_and_bad_patterns_refused() {
        assert!(found(&["x*"], true, false, "abc").is_empty());
        let error = Patterns::new(&["ok".into(), "(".into()], true, false).unwrap_err();
        assert_eq!(error.index, 1);
        assert!(error.message.starts_with("invalid regular expression"));
        let error = Patterns::new(&["ok".into(), "  ".into()], false, false).unwrap_err();
        assert_eq!(
            error,
            PatternError {
                index: 1,
                message: "empty pattern".into()
            }
        );
    }
}
