//! `age-conflict`: one person given two ages (`Smith, 45,` ... `the 47-year-old Smith`).

use crate::article::Article;
use crate::diagnostic::Finding;
use crate::numbers::{Token, is_calendar_word, is_function_word};
use crate::rule::{BuildRule, Rule};
use crate::span::Span;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

/// The rule's options (see its card).
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    max_gap: usize,
    titles: Vec<String>,
}

/// Reports a person whose age the article gives twice, differently.
pub struct AgeConflict {
    max_gap: usize,
    titles: HashSet<String>,
}

impl BuildRule for AgeConflict {
    type Options = Options;

    fn build(options: Options) -> Result<Self, String> {
        Ok(AgeConflict {
            max_gap: options.max_gap,
            titles: options.titles.iter().map(|t| t.to_lowercase()).collect(),
        })
    }
}

/// An age given to a named person.
struct Age {
    /// The age as written (`45`, `47-year-old`).
    span: Span,
    value: u32,
    /// The person's name as written, titles left out (`John Smith`).
    name: String,
    /// The last word of the name, in lower case: what later mentions use.
    surname: String,
}

impl Rule for AgeConflict {
    fn check(&self, article: &Article<'_>) -> Vec<Finding> {
        let mut ages = Vec::new();
        for index in 0..article.sentences.len() {
            self.find_ages(article, &article.tokens_of(index), &mut ages);
        }
        let mut by_surname: HashMap<&str, Vec<&Age>> = HashMap::new();
        for age in &ages {
            by_surname.entry(&age.surname).or_default().push(age);
        }
        let mut findings = Vec::new();
        for age in &ages {
            let Some(same) = by_surname.remove(age.surname.as_str()) else {
                continue;
            };
            // Two people of one surname (`John Smith, 45, and his son Tom Smith, 20`).
            let full: HashSet<&str> = same
                .iter()
                .filter(|a| a.name.contains(' '))
                .map(|a| a.name.as_str())
                .collect();
            if full.len() > 1 {
                continue;
            }
            let first = same[0];
            let Some(other) = same.iter().find(|a| a.value != first.value) else {
                continue;
            };
            findings.push(
                Finding::new(
                    format!(
                        "two ages for {}: {} and {}",
                        other.name, first.value, other.value
                    ),
                    other.span,
                    format!("{} here", other.value),
                )
                .with_secondary(first.span, format!("{} here", first.value))
                .with_help("check the age and give the same one in both places"),
            );
        }
        findings
    }
}

impl AgeConflict {
    /// The ages of named people in one sentence's tokens: `Smith, 45,`, `Smith (45)`,
    /// `Smith, aged 45`, `Smith, a 45-year-old teacher`, `the 47-year-old John Smith`.
    fn find_ages(&self, article: &Article<'_>, tokens: &[Token], ages: &mut Vec<Age>) {
        for (i, token) in tokens.iter().enumerate() {
            if let Some(value) = years_old(&token.lower) {
                // `Smith, a 47-year-old teacher`: the name before.
                let before = i
                    .checked_sub(1)
                    .filter(|&k| matches!(tokens[k].lower.as_str(), "a" | "an"))
                    .and_then(|k| k.checked_sub(1))
                    .filter(|&k| tokens[k].lower == ",")
                    .and_then(|comma| self.name_before(article, tokens, comma));
                if let Some((name, surname)) =
                    before.or_else(|| self.name_after(article, tokens, i))
                {
                    ages.push(Age {
                        span: token.span,
                        value,
                        name,
                        surname,
                    });
                }
                continue;
            }
            let Some(value) = plain_age(&token.lower) else {
                continue;
            };
            let previous = |k: usize| i.checked_sub(k).map(|p| tokens[p].lower.as_str());
            let next = tokens.get(i + 1).map(|t| t.lower.as_str());
            // `Smith, 45,` / `Smith, 45.`, `Smith (45)`, `Smith, aged 45`.
            let comma = match (previous(1), previous(2), next) {
                (Some(","), _, Some("," | "." | ";" | ")")) => i.checked_sub(1),
                (Some("("), _, Some(")")) => i.checked_sub(1),
                (Some("aged" | "age"), Some(","), _) => i.checked_sub(2),
                _ => None,
            };
            // In a record of fields (`Yelich, Milwaukee, 31;` in a list of leaders) the words
            // before the figure are a field after another, not a person's name.
            let record = |c: usize| {
                let mut start = c;
                while start > 0 && self.is_name_word(&tokens[start - 1]) {
                    start -= 1;
                }
                start > 0 && tokens[start - 1].lower == ","
            };
            let comma = comma.filter(|&c| !record(c));
            if let Some((name, surname)) = comma.and_then(|c| self.name_before(article, tokens, c))
            {
                ages.push(Age {
                    span: token.span,
                    value,
                    name,
                    surname,
                });
            }
        }
    }

    /// The capitalised name that ends right before token `end` (a comma or bracket), titles
    /// and function words left out: (the name as written, its surname in lower case).
    fn name_before(
        &self,
        article: &Article<'_>,
        tokens: &[Token],
        end: usize,
    ) -> Option<(String, String)> {
        let mut start = end;
        while start > 0 && self.is_name_word(&tokens[start - 1]) && end - start < 4 {
            start -= 1;
        }
        self.name(article, &tokens[start..end])
    }

    /// The capitalised name after the age at `at`, past at most `max-gap` lower-case words
    /// (`the 47-year-old former minister John Smith`).
    fn name_after(
        &self,
        article: &Article<'_>,
        tokens: &[Token],
        at: usize,
    ) -> Option<(String, String)> {
        let mut start = at + 1;
        while start < tokens.len()
            && start - at <= self.max_gap
            && tokens[start].word
            && !tokens[start].capitalized
            && !is_function_word(&tokens[start].lower)
        {
            start += 1;
        }
        let mut end = start;
        while end < tokens.len() && self.is_name_word(&tokens[end]) && end - start < 4 {
            end += 1;
        }
        self.name(article, &tokens[start..end])
    }

    /// A run of name words without its titles, if a name is left.
    fn name(&self, article: &Article<'_>, run: &[Token]) -> Option<(String, String)> {
        let words: Vec<&Token> = run
            .iter()
            .skip_while(|t| self.titles.contains(&t.lower))
            .collect();
        let last = words.last()?;
        let name = words
            .iter()
            .map(|t| article.slice(t.span))
            .collect::<Vec<_>>()
            .join(" ");
        let surname = last
            .lower
            .trim_end_matches("'s")
            .trim_end_matches("’s")
            .to_string();
        Some((name, surname))
    }

    /// Whether a token can be part of a person's name: a capitalised word that is not a
    /// function word, a day or a month.
    fn is_name_word(&self, token: &Token) -> bool {
        token.word
            && token.capitalized
            && !is_function_word(&token.lower)
            && !is_calendar_word(&token.lower)
            && !token.lower.starts_with(|c: char| c.is_ascii_digit())
    }
}

/// The age of a `47-year-old` token.
fn years_old(word: &str) -> Option<u32> {
    let (digits, rest) = word.split_once('-')?;
    if !matches!(rest, "year-old" | "years-old" | "yr-old") {
        return None;
    }
    plain_age(digits)
}

/// A whole number from 1 to 120 written in digits.
fn plain_age(word: &str) -> Option<u32> {
    if word.is_empty() || word.len() > 3 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    word.parse().ok().filter(|&age| (1..=120).contains(&age))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Source;

    fn rule() -> AgeConflict {
        let card: toml::Table =
            toml::from_str(include_str!("../../rules/age-conflict.toml")).unwrap();
        AgeConflict::build(card["options"].clone().try_into().unwrap()).unwrap()
    }

    /// The findings on a story with these paragraphs: (message, primary, secondary).
    fn check(paragraphs: &[&str]) -> Vec<(String, String, String)> {
        let text = format!("date 2026-02-02 1\nHeadline\n{}\n", paragraphs.join("\n"));
        let source = Source::new("t.txt", text);
        rule()
            .check(&Article::parse(&source))
            .into_iter()
            .map(|f| {
                (
                    f.message,
                    source.slice(f.primary.span).to_string(),
                    source.slice(f.secondary[0].span).to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn one_person_given_two_ages() {
        assert_eq!(
            check(&[
                "John Smith, 45, was arrested on Monday.",
                "The 47-year-old Smith denied the charges.",
            ]),
            [(
                "two ages for Smith: 45 and 47".to_string(),
                "47-year-old".to_string(),
                "45".to_string()
            )]
        );
        for paragraphs in [
            &[
                "Mayor Jane Doe (52) opened the bridge.",
                "Doe, 53, said it was overdue.",
            ][..],
            &[
                "Jane Doe, aged 52, opened the bridge.",
                "Doe, a 53-year-old lawyer, spoke.",
            ][..],
            &[
                "Jane Doe, 52, opened the bridge.",
                "The 53-year-old former mayor Jane Doe spoke.",
            ][..],
        ] {
            assert_eq!(check(paragraphs).len(), 1, "{paragraphs:?}");
        }
    }

    #[test]
    fn records_of_a_statistics_list_are_not_ages() {
        assert!(
            check(&[
                "Leaders: Yelich, Milwaukee, 31; Alonso, New York, 28; Bell, Pittsburgh, 25.",
                "Runs: Bell, Pittsburgh, 77; Alonso, New York, 64; Yelich, Milwaukee, 67.",
            ])
            .is_empty()
        );
    }

    #[test]
    fn the_same_age_and_different_people_are_silent() {
        for paragraphs in [
            &[
                "John Smith, 45, was arrested on Monday.",
                "The 45-year-old Smith denied the charges.",
            ][..],
            // Two people of one surname.
            &[
                "John Smith, 45, and his son Tom Smith, 20, were held.",
                "Tom Smith, 20, was later freed.",
            ][..],
            // Different surnames, and a man with no name.
            &[
                "John Smith, 45, was arrested.",
                "Jane Doe, 47, was not.",
                "The man, 52, was released.",
            ][..],
            // Not ages: a date, a list of figures.
            &["On Tuesday, 12, people said so.", "It scored 3, 4, 5."][..],
        ] {
            let found = check(paragraphs);
            assert!(found.is_empty(), "{paragraphs:?}: {found:?}");
        }
    }
}
