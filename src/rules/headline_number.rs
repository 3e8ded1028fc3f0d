//! `headline-number`: a figure or vague amount in the headline that the body contradicts
//! (`Hundreds of detainees` over a body that says 45).
//!
//! Linear in the article's size: a headline with more than `max-headline-figures` figures is
//! not read, the body's counts are grouped once, and each headline figure looks at its group.

use crate::article::Article;
use crate::counts::{Groups, Roles, agree, comparable, elliptic_sum, token_range, written};
use crate::diagnostic::Finding;
use crate::numbers::{NumberKind, NumberMention, tokenize};
use crate::rule::{BuildRule, Rule};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

/// The rule's options (see its card).
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    synonyms: Vec<Vec<String>>,
    ignore_nouns: Vec<String>,
    roles: Vec<Vec<String>>,
    rounding: f64,
    max_headline_figures: usize,
}

/// Compares the headline's counts with the body's counts of the same group.
pub struct HeadlineNumber {
    groups: Groups,
    roles: Roles,
    rounding: f64,
    max_headline_figures: usize,
}

impl BuildRule for HeadlineNumber {
    type Options = Options;

    fn build(options: Options) -> Result<Self, String> {
        Ok(HeadlineNumber {
            groups: Groups::new(&options.synonyms, &options.ignore_nouns)?,
            roles: Roles::new(&options.roles),
            rounding: options.rounding,
            max_headline_figures: options.max_headline_figures,
        })
    }
}

/// The most body figures a finding labels.
const MAX_LABELS: usize = 5;

impl Rule for HeadlineNumber {
    fn check(&self, article: &Article<'_>) -> Vec<Finding> {
        let numbers = article.numbers();
        let split = numbers.partition_point(|m| m.sentence.is_none());
        let (headline, body) = numbers.split_at(split);
        if headline.is_empty() || headline.len() > self.max_headline_figures {
            return Vec::new();
        }
        let mut by_group: HashMap<String, Vec<&NumberMention>> = HashMap::new();
        let mut values: HashSet<(u64, bool)> = HashSet::new();
        for mention in body {
            if !mention.vague {
                values.insert((mention.value.to_bits(), mention.kind == NumberKind::Count));
            }
            if let Some(group) = self.groups.of(mention) {
                by_group.entry(group).or_default().push(mention);
            }
        }
        let mut findings = Vec::new();
        for figure in headline {
            // The headline's figure anywhere in the body (`lay off 2,850 staff` over `cut
            // 2,850 jobs`) agrees.
            let repeated = !figure.vague
                && values.contains(&(figure.value.to_bits(), figure.kind == NumberKind::Count));
            if repeated {
                continue;
            }
            let same: Vec<&NumberMention> = match self.groups.of(figure) {
                Some(group) => by_group
                    .get(&group)
                    .into_iter()
                    .flatten()
                    .copied()
                    .filter(|m| comparable(figure, m))
                    .collect(),
                None => self.counts_of_the_event(article, figure, body),
            };
            // A part (`three of the plants`) says nothing against the headline.
            let mut same: Vec<&NumberMention> = same.into_iter().filter(|m| !m.partitive).collect();
            if same.is_empty() {
                continue;
            }
            let sums_agree = same.iter().any(|m| {
                let Some(sentence) = m.sentence else {
                    return false;
                };
                let Some(tokens) = article.number_tokens(sentence) else {
                    return false;
                };
                let (_, next) = token_range(tokens, m);
                elliptic_sum(tokens, next, m.value)
                    .is_some_and(|v| figure.low <= v && v <= figure.high)
            });
            if sums_agree || same.iter().any(|m| agree(figure, m, self.rounding)) {
                continue;
            }
            same.dedup_by(|a, b| a.low == b.low && a.high == b.high);
            same.truncate(MAX_LABELS);
            findings.push(self.finding(article, figure, &same));
        }
        findings
    }
}

impl HeadlineNumber {
    /// For a vague amount with no noun (`Dozens killed`), the body's counts whose words say the
    /// same thing happened to them (the role of the headline's next word: `killed`).
    fn counts_of_the_event<'a>(
        &self,
        article: &Article<'_>,
        figure: &NumberMention,
        body: &'a [NumberMention],
    ) -> Vec<&'a NumberMention> {
        if !figure.vague || figure.noun.is_some() || figure.kind != NumberKind::Count {
            return Vec::new();
        }
        let Some(headline) = article.headline else {
            return Vec::new();
        };
        let words = tokenize(article.text(), headline);
        let next = words.partition_point(|t| t.span.start < figure.span.end);
        let Some(role) = words
            .get(next)
            .and_then(|t| self.roles.of(&t.lower))
            .map(str::to_string)
        else {
            return Vec::new();
        };
        body.iter()
            .filter(|m| m.kind == NumberKind::Count && !m.vague)
            .filter(|m| m.lemma.as_deref().is_some_and(|l| self.groups_allow(l)))
            .filter(|m| {
                let Some(sentence) = m.sentence else {
                    return false;
                };
                let Some(tokens) = article.number_tokens(sentence) else {
                    return false;
                };
                let (first, next) = token_range(tokens, m);
                self.roles
                    .around(tokens, first, next, false)
                    .contains(&role)
            })
            .collect()
    }

    /// Whether a counted noun is one the rules compare (not a unit of time or measure).
    fn groups_allow(&self, lemma: &str) -> bool {
        !self.groups.ignores(lemma)
    }

    /// The finding for a headline figure the body's figures `same` contradict.
    fn finding(
        &self,
        article: &Article<'_>,
        figure: &NumberMention,
        same: &[&NumberMention],
    ) -> Finding {
        let body_figures: Vec<String> = same.iter().map(|m| written(article, m)).collect();
        let what = if figure.vague { "amount" } else { "figure" };
        let mut finding = Finding::new(
            format!(
                "headline {what} `{}` does not match the body",
                article.slice(figure.phrase())
            ),
            figure.phrase(),
            format!("the body says {}", body_figures.join(", ")),
        );
        for m in same {
            finding = finding.with_secondary(m.phrase(), format!("{} here", article.slice(m.span)));
        }
        if figure.vague {
            finding = finding.with_note(format!(
                "`{}` means {} to {}",
                article.slice(figure.span),
                figure.low,
                if figure.high.is_finite() {
                    figure.high.to_string()
                } else {
                    "any larger number".to_string()
                }
            ));
        }
        finding.with_help("make the headline agree with the body")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Source;

    fn options(card: &str) -> toml::Value {
        let card: toml::Table = toml::from_str(card).unwrap();
        card["options"].clone()
    }

    fn rule() -> HeadlineNumber {
        let options = options(include_str!("../../rules/headline-number.toml"));
        HeadlineNumber::build(options.try_into().unwrap()).unwrap()
    }

    #[test]
    fn the_word_lists_match_number_conflict() {
        let ours = options(include_str!("../../rules/headline-number.toml"));
        let theirs = options(include_str!("../../rules/number-conflict.toml"));
        for list in ["synonyms", "ignore-nouns", "roles", "rounding"] {
            assert_eq!(ours[list], theirs[list], "{list}");
        }
    }

    fn check(text: &str) -> Vec<(String, String, Vec<String>)> {
        let source = Source::new("t.txt", text);
        let article = Article::parse(&source);
        rule()
            .check(&article)
            .into_iter()
            .map(|f| {
                (
                    f.message,
                    source.slice(f.primary.span).to_string(),
                    f.secondary
                        .iter()
                        .map(|l| source.slice(l.span).to_string())
                        .collect(),
                )
            })
            .collect()
    }

    #[test]
    fn a_vague_headline_the_body_contradicts() {
        let found = check(
            "date 2026-02-02 1\nHundreds of Detainees Moved\nOfficials moved 45 detainees on Sunday.\n",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].0,
            "headline amount `Hundreds of Detainees` does not match the body"
        );
        assert_eq!(found[0].1, "Hundreds of Detainees");
        assert_eq!(found[0].2, ["45 detainees"]);
        let found = check(
            "date 2026-02-02 1\nDozens of Detainees Moved\nIraq has taken in 450 ISIS detainees.\n",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1, "Dozens of Detainees");
    }

    #[test]
    fn agreeing_and_unrelated_headline_figures_are_silent() {
        for text in [
            "date 2026-02-02 1\nHundreds of ISIS Detainees Arrive\nIraq has taken in 450 ISIS detainees.\n",
            "date 2026-02-02 1\nTWO HUNDRED PEOPLE RESCUED\nAbout 200 people were rescued.\n",
            "date 2026-02-02 1\n450 Prisoners Moved\nIraq has taken in 450 ISIS detainees.\n",
            "date 2026-02-02 1\nHundreds of Detainees Moved\nThe ministry has 40 officials.\n",
            "date 2026-02-02 1\nU.S. CREDIT ROSE 1.2 BILLION DLRS\nCredit rose 900 mln dlrs.\n",
            "date 2026-02-02 1\nFIRM TO IDLE FOUR PLANTS\nIt will idle its plants. Three of the plants close.\n",
            "date 2026-02-02 1\nBank to lay off 2,850 staff\nIt will cut 2,850 jobs.\n\nIt has 9,000 staff.\n",
            "date 2026-02-02 1\nTRADER SELLS TWO CARGOES\nIt sold two 12,000 tonne cargoes.\n",
            // A sum: 11 and one make 12.
            "date 2026-02-02 1\nBANK TO CLOSE 12 OFFICES\nIt will close 11 offices in Ohio and one in Columbus.\n",
            // Modifiers may be a subset: `food stores` and `retail food stores`.
            "date 2026-02-02 1\nGROCER TO SELL EIGHT FOOD STORES\nIt will sell eight of its nine retail food stores. It has 75 stores.\n",
            // A vague amount with no noun agrees with the count of its event.
            "date 2026-02-02 1\nDozens killed in market blast\nAt least 45 people were killed and 120 were hurt.\n",
        ] {
            assert!(check(text).is_empty(), "{text}: {:?}", check(text));
        }
    }

    #[test]
    fn a_vague_amount_with_no_noun_is_compared_with_the_count_of_its_event() {
        let found = check(
            "date 2026-02-02 1\nDozens killed in market blast\nFive people were killed and 120 were hurt.\n",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].1, "Dozens");
        assert_eq!(found[0].2, ["Five people"]);
    }

    #[test]
    fn synonyms_count_as_one_group() {
        let found =
            check("date 2026-02-02 1\n450 Prisoners Moved\nIraq has taken in 150 detainees.\n");
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].0,
            "headline figure `450 Prisoners` does not match the body"
        );
    }

    #[test]
    fn a_headline_with_many_figures_is_not_read() {
        let many = (1..=20)
            .map(|i| format!("{i} Detainees"))
            .collect::<Vec<_>>()
            .join(" ");
        let text = format!("date 2026-02-02 1\n{many}\nOfficials moved 45 detainees.\n");
        assert!(check(&text).is_empty());
    }
}
