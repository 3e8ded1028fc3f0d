//! The built-in rules. Each lives in its own module here, with its card (defaults, word lists,
//! docs) in `rules/NAME.toml` at the top of the repository.
//!
//! To add a rule: write `rules/NAME.toml`, write `src/rules/NAME.rs` with a type that implements
//! [`BuildRule`](crate::rule::BuildRule), and add one line to [`BUILTIN`].

use crate::rule::{RuleCard, RuleSpec, build_rule, parse_cards};
use std::sync::LazyLock;

mod age_conflict;
mod duplicate_paragraph;
mod duplicate_sentence;
mod headline_number;
mod malformed_header;
mod name_spelling;
mod near_duplicate_paragraph;
mod number_conflict;
mod unattributed_quote;
mod unbalanced_quote;
mod weekday_date;

/// Every built-in rule, in the order they run and are listed.
pub static BUILTIN: &[RuleSpec] = &[
    RuleSpec {
        card: include_str!("../../rules/malformed-header.toml"),
        build: build_rule::<malformed_header::MalformedHeader>,
    },
    RuleSpec {
        card: include_str!("../../rules/duplicate-paragraph.toml"),
        build: build_rule::<duplicate_paragraph::DuplicateParagraph>,
    },
    RuleSpec {
        card: include_str!("../../rules/near-duplicate-paragraph.toml"),
        build: build_rule::<near_duplicate_paragraph::NearDuplicateParagraph>,
    },
    RuleSpec {
        card: include_str!("../../rules/duplicate-sentence.toml"),
        build: build_rule::<duplicate_sentence::DuplicateSentence>,
    },
    RuleSpec {
        card: include_str!("../../rules/number-conflict.toml"),
        build: build_rule::<number_conflict::NumberConflict>,
    },
    RuleSpec {
        card: include_str!("../../rules/headline-number.toml"),
        build: build_rule::<headline_number::HeadlineNumber>,
    },
    RuleSpec {
        card: include_str!("../../rules/age-conflict.toml"),
        build: build_rule::<age_conflict::AgeConflict>,
    },
    RuleSpec {
        card: include_str!("../../rules/unbalanced-quote.toml"),
        build: build_rule::<unbalanced_quote::UnbalancedQuote>,
    },
    RuleSpec {
        card: include_str!("../../rules/unattributed-quote.toml"),
        build: build_rule::<unattributed_quote::UnattributedQuote>,
    },
    RuleSpec {
        card: include_str!("../../rules/weekday-date.toml"),
        build: build_rule::<weekday_date::WeekdayDate>,
    },
    RuleSpec {
        card: include_str!("../../rules/name-spelling.toml"),
        build: build_rule::<name_spelling::NameSpelling>,
    },
];

/// The cards of [`BUILTIN`], parsed once, in the same order.
pub static CARDS: LazyLock<Vec<RuleCard>> = LazyLock::new(|| parse_cards(BUILTIN));

/// The index and card of the built-in rule called `name`.
pub fn find(name: &str) -> Option<(usize, &'static RuleCard)> {
    CARDS.iter().enumerate().find(|(_, card)| card.name == name)
}

/// The address of the documentation of built-in rule `rule` (its card in the repository), for
/// SARIF's `helpUri`, the language server's `codeDescription` and the README's rule table.
pub fn docs_url(rule: &str) -> Option<String> {
    find(rule).map(|(_, card)| format!("{RULE_DOCS}{}.toml", card.name))
}

/// Where the rule cards are published: the repository named in `Cargo.toml`.
const RULE_DOCS: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/rules/");

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn every_card_parses_and_its_defaults_build() {
        assert_eq!(CARDS.len(), BUILTIN.len());
        let config = Config::default();
        assert_eq!(config.rules.all().count(), BUILTIN.len());
        for card in CARDS.iter() {
            assert!(
                !card.summary.ends_with('.'),
                "{}: summary ends with a period",
                card.name
            );
            assert!(
                card.docs.contains("## Example"),
                "{}: docs have no example",
                card.name
            );
            assert!(
                card.docs.contains("## Options"),
                "{}: docs list no options",
                card.name
            );
        }
    }

    /// The `## Example` of each card holds the input (first text block) and the rule's exact
    /// output on it (second text block), so the docs cannot drift from the code.
    #[cfg(feature = "cli")]
    #[test]
    fn every_card_example_shows_the_rules_real_output() {
        use crate::report::Format;
        use crate::rule::RuleLevel;
        for card in CARDS.iter() {
            let example = card.docs.split("## Example").nth(1).unwrap_or_default();
            let blocks: Vec<&str> = example
                .split("```text\n")
                .skip(1)
                .map(|b| b.split("```").next().unwrap_or_default())
                .collect();
            assert!(
                blocks.len() >= 2,
                "{}: the example needs an input and an output block",
                card.name
            );
            let config = CARDS
                .iter()
                .fold(Config::builder(), |builder, other| {
                    let level = if other.name == card.name {
                        RuleLevel::Warn
                    } else {
                        RuleLevel::Off
                    };
                    builder.level(&other.name, level)
                })
                .build()
                .unwrap();
            let source = crate::source::Source::new("story.txt", blocks[0]);
            let mut diagnostics = crate::engine::lint_source(&source, &config.rules);
            for diagnostic in &mut diagnostics {
                diagnostic.level = card.level.level().unwrap_or(diagnostic.level);
            }
            let output = Format::Human.render_file(Some(&source), &diagnostics, false);
            let trim = |text: &str| {
                text.lines()
                    .map(str::trim_end)
                    .collect::<Vec<_>>()
                    .join("\n")
                    .trim()
                    .to_string()
            };
            assert_eq!(
                trim(&output),
                trim(blocks[1]),
                "{}: the card's example output is not what the rule prints",
                card.name
            );
        }
    }

    #[test]
    fn rule_names_are_unique_kebab_case() {
        let mut names: Vec<&str> = CARDS.iter().map(|c| c.name.as_str()).collect();
        assert!(
            names
                .iter()
                .all(|n| n.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
        );
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), CARDS.len());
    }

    #[test]
    fn docs_urls_are_absolute_and_name_the_card() {
        let url = docs_url("malformed-header").unwrap();
        assert!(url.starts_with("https://"), "{url}");
        assert!(url.ends_with("/rules/malformed-header.toml"), "{url}");
        assert_eq!(docs_url("read-error"), None);
    }

    #[test]
    fn rules_that_fix_say_so_on_their_card() {
        let config = Config::default();
        for entry in std::fs::read_dir("examples").unwrap().flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "txt") {
                let text = std::fs::read_to_string(&path).unwrap();
                for d in crate::lint_str("x.txt", &text, &config) {
                    let card = find(&d.rule).map(|(_, card)| card);
                    if d.fix.is_some() {
                        assert!(card.is_some_and(|c| c.fixable), "{} fixes", d.rule);
                    }
                }
            }
        }
        assert!(CARDS.iter().any(|card| card.fixable));
        assert!(CARDS.iter().any(|card| !card.fixable));
    }
}
