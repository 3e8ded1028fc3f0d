//! House style as data: rules a desk writes in TOML files, without Rust, and points the config
//! at (`style = ["style/*.toml"]`). Each file is one rule with a name, a summary, a level, a
//! message template and one of four kinds:
//!
//! - `substitution`: write X instead of Y (with a safe fix);
//! - `existence`: flag these words or patterns;
//! - `consistency`: either spelling, never both in one article (`per cent`/`percent`);
//! - `occurrence`: at most N of something a paragraph (or sentence, or article).
//!
//! Style rules run on the headline and the body, are listed by `wirelint rules`, explained by
//! `wirelint explain`, and take levels, overrides and suppressions as built-in rules do.

mod file;
mod pattern;
mod template;

pub use file::{StyleError, load};
pub use pattern::{Match, PatternError, Patterns};
pub use template::{Field, Template, Values};

use crate::article::Article;
use crate::diagnostic::{Finding, Fix};
use crate::rule::{Rule, RuleCard};
use crate::span::Span;
use crate::text::times;

/// A house style rule: its card (name, summary, level, docs) and its checker.
#[derive(Debug)]
pub struct StyleRule {
    /// Name, summary, default level and docs, as the style file gives them.
    pub card: RuleCard,
    /// The checker.
    pub check: StyleCheck,
}

/// What a style rule checks, compiled.
#[derive(Clone, Debug)]
pub struct StyleCheck {
    kind: Kind,
    patterns: Patterns,
    ignore_case: bool,
    message: Template,
    label: Template,
    help: Option<Template>,
}

/// The four kinds of style rule, with what each needs beyond its patterns.
#[derive(Clone, Debug)]
pub enum Kind {
    /// Each pattern has a replacement.
    Substitution {
        /// The replacement of each pattern, by index.
        replacements: Vec<String>,
    },
    /// Every match is a finding.
    Existence,
    /// Patterns form sets of alternatives; two of one set in an article is a finding.
    Consistency {
        /// The set of each pattern, by index.
        set_of: Vec<usize>,
    },
    /// More than `max` matches in one scope is a finding.
    Occurrence {
        /// The most matches allowed in one scope.
        max: usize,
        /// What the matches are counted in.
        scope: Scope,
    },
}

/// What an occurrence rule counts its matches in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Each sentence.
    Sentence,
    /// Each paragraph (the headline is one).
    Paragraph,
    /// The whole article.
    Article,
}

impl Scope {
    fn as_str(self) -> &'static str {
        match self {
            Scope::Sentence => "sentence",
            Scope::Paragraph => "paragraph",
            Scope::Article => "article",
        }
    }
}

impl Rule for StyleCheck {
    fn check(&self, article: &Article<'_>) -> Vec<Finding> {
        let text = article.text();
        let units: Vec<Span> = match &self.kind {
            Kind::Occurrence {
                scope: Scope::Sentence,
                ..
            } => article
                .headline
                .into_iter()
                .chain(article.sentences.iter().map(|s| s.span))
                .collect(),
            _ => article
                .headline
                .into_iter()
                .chain(article.paragraphs.iter().map(|p| p.span))
                .collect(),
        };
        let matches: Vec<Vec<Match>> = units
            .iter()
            .map(|&unit| self.patterns.find(text, unit))
            .collect();
        match &self.kind {
            Kind::Substitution { replacements } => matches
                .iter()
                .flatten()
                .filter_map(|m| self.substitute(article, m, &replacements[m.pattern]))
                .collect(),
            Kind::Existence => matches
                .iter()
                .flatten()
                .map(|m| {
                    let values = Values {
                        found: article.slice(m.span),
                        ..Values::default()
                    };
                    self.finding(m.span, &values)
                })
                .collect(),
            Kind::Consistency { set_of } => {
                let all: Vec<Match> = matches.into_iter().flatten().collect();
                self.consistency(article, &all, set_of)
            }
            Kind::Occurrence { max, scope } => {
                let groups: Vec<Vec<Match>> = match scope {
                    Scope::Article => vec![matches.into_iter().flatten().collect()],
                    _ => matches,
                };
                groups
                    .iter()
                    .filter(|group| group.len() > *max)
                    .map(|group| {
                        let over = group[*max];
                        let values = Values {
                            found: article.slice(over.span),
                            count: group.len(),
                            max: *max,
                            scope: scope.as_str(),
                            ..Values::default()
                        };
                        group[..*max]
                            .iter()
                            .fold(self.finding(over.span, &values), |finding, m| {
                                finding.with_secondary(m.span, "counted here")
                            })
                    })
                    .collect()
            }
        }
    }
}

impl StyleCheck {
    /// A finding at `span` with the rule's message, label and help filled with `values`.
    fn finding(&self, span: Span, values: &Values<'_>) -> Finding {
        let finding = Finding::new(self.message.render(values), span, self.label.render(values));
        match &self.help {
            Some(help) => finding.with_help(help.render(values)),
            None => finding,
        }
    }

    fn substitute(&self, article: &Article<'_>, m: &Match, replacement: &str) -> Option<Finding> {
        let found = article.slice(m.span);
        let expected = if self.ignore_case {
            match_case(found, replacement)
        } else {
            replacement.to_string()
        };
        if found == expected {
            return None;
        }
        let values = Values {
            found,
            expected: &expected,
            ..Values::default()
        };
        let mut finding = self.finding(m.span, &values);
        if finding.help.is_none() {
            finding.help = Some(format!("write `{expected}`"));
        }
        let fix = Fix::replace(format!("write `{expected}`"), m.span, expected.clone());
        Some(finding.with_fix(fix))
    }

    fn consistency(&self, article: &Article<'_>, all: &[Match], set_of: &[usize]) -> Vec<Finding> {
        let sets = set_of.iter().max().map_or(0, |&max| max + 1);
        let mut findings = Vec::new();
        for set in 0..sets {
            // The patterns of this set in order of first use, each with its first match and count.
            let mut used: Vec<(usize, Span, usize)> = Vec::new();
            for m in all.iter().filter(|m| set_of[m.pattern] == set) {
                match used
                    .iter_mut()
                    .find(|(pattern, _, _)| *pattern == m.pattern)
                {
                    Some((_, _, count)) => *count += 1,
                    None => used.push((m.pattern, m.span, 1)),
                }
            }
            let [
                (_, first_span, first_count),
                (_, second_span, second_count),
                ..,
            ] = used[..]
            else {
                continue;
            };
            let first = article.slice(first_span);
            let second = article.slice(second_span);
            let values = Values {
                found: second,
                other: first,
                count: second_count,
                ..Values::default()
            };
            let mut finding = self.finding(second_span, &values).with_secondary(
                first_span,
                format!("`{first}` first, {}", times(first_count)),
            );
            for &(_, span, count) in &used[2..] {
                let spelling = article.slice(span);
                finding = finding
                    .with_secondary(span, format!("`{spelling}` too, {} in all", times(count)));
            }
            if finding.help.is_none() {
                finding.help = Some("pick one and use it throughout".to_string());
            }
            findings.push(finding);
        }
        findings
    }
}

/// `replacement` in the case of `found`: all capitals when `found` is (and has two letters or
/// more), a capital first letter when `found` has one; else as written.
fn match_case(found: &str, replacement: &str) -> String {
    let letters: Vec<char> = found.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
        return replacement.to_uppercase();
    }
    let mut chars = replacement.chars();
    match (found.chars().next(), chars.next()) {
        (Some(f), Some(r)) if f.is_uppercase() && r.is_lowercase() => {
            r.to_uppercase().chain(chars).collect()
        }
        _ => replacement.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replacements_follow_the_case_of_the_match() {
        assert_eq!(match_case("per cent", "percent"), "percent");
        assert_eq!(match_case("Per cent", "percent"), "Percent");
        assert_eq!(match_case("PER CENT", "percent"), "PERCENT");
        assert_eq!(match_case("kiev", "Kyiv"), "Kyiv");
    }
}
