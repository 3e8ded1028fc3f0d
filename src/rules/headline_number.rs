//! `headline-number`: a figure or vague amount in the headline that the body contradicts
//! (`Hundreds of detainees` over a body that says 45).

use crate::article::Article;
use crate::counts::{Groups, agree, comparable, written};
use crate::diagnostic::Finding;
use crate::numbers::NumberMention;
use crate::rule::{BuildRule, Rule};
use serde::Deserialize;

/// The rule's options (see its card).
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    synonyms: Vec<Vec<String>>,
    ignore_nouns: Vec<String>,
}

/// Compares the headline's counts with the body's counts of the same group.
pub struct HeadlineNumber {
    groups: Groups,
}

impl BuildRule for HeadlineNumber {
    type Options = Options;

    fn build(options: Options) -> Result<Self, String> {
        Ok(HeadlineNumber {
            groups: Groups::new(&options.synonyms, &options.ignore_nouns)?,
        })
    }
}

impl Rule for HeadlineNumber {
    fn check(&self, article: &Article<'_>) -> Vec<Finding> {
        let (headline, body): (Vec<&NumberMention>, Vec<&NumberMention>) =
            article.numbers().iter().partition(|m| m.sentence.is_none());
        let mut findings = Vec::new();
        for figure in headline {
            let Some(group) = self.groups.of(figure) else {
                continue;
            };
            let mut same: Vec<&NumberMention> = body
                .iter()
                .copied()
                .filter(|m| self.groups.of(m).as_ref() == Some(&group) && comparable(figure, m))
                .collect();
            // The headline's figure anywhere in the body (`lay off 2,850 staff` over `cut
            // 2,850 jobs`) agrees; a part (`three of the plants`) says nothing against it.
            let repeated = body
                .iter()
                .any(|m| m.kind == figure.kind && !m.vague && m.value == figure.value);
            same.retain(|m| !m.partitive);
            if repeated || same.is_empty() || same.iter().any(|m| agree(figure, m)) {
                continue;
            }
            same.dedup_by(|a, b| a.low == b.low && a.high == b.high);
            let written = |m: &NumberMention| written(article, m);
            let body_figures: Vec<String> = same.iter().map(|m| written(m)).collect();
            let mut finding = Finding::new(
                format!(
                    "headline figure `{}` does not match the body",
                    written(figure)
                ),
                figure.span,
                format!("the body says {}", body_figures.join(", ")),
            );
            for m in &same {
                finding = finding.with_secondary(m.span, format!("{} here", article.slice(m.span)));
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
            findings.push(finding.with_help("make the headline agree with the body"));
        }
        findings
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
        assert_eq!(ours["synonyms"], theirs["synonyms"]);
        assert_eq!(ours["ignore-nouns"], theirs["ignore-nouns"]);
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
        assert_eq!(found[0].1, "Hundreds");
        assert_eq!(found[0].2, ["45"]);
        let found = check(
            "date 2026-02-02 1\nDozens of Detainees Moved\nIraq has taken in 450 ISIS detainees.\n",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1, "Dozens");
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
        ] {
            assert!(check(text).is_empty(), "{text}");
        }
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
}
