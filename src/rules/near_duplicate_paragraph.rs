//! `near-duplicate-paragraph`: a paragraph repeats an earlier one with small edits.

use crate::article::Article;
use crate::diagnostic::Finding;
use crate::rule::{BuildRule, Rule};
use crate::similarity::{Likeness, check_threshold};
use serde::Deserialize;

/// The rule's options (see its card).
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    threshold: f64,
    min_words: usize,
}

/// Reports paragraphs that are a few word edits away from an earlier one, or the earlier one
/// with its last sentences cut off (or added).
pub struct NearDuplicateParagraph {
    threshold: f64,
    min_words: usize,
}

impl BuildRule for NearDuplicateParagraph {
    type Options = Options;

    fn build(options: Options) -> Result<Self, String> {
        Ok(NearDuplicateParagraph {
            threshold: check_threshold("threshold", options.threshold)?,
            min_words: options.min_words,
        })
    }
}

impl Rule for NearDuplicateParagraph {
    fn check(&self, article: &Article<'_>) -> Vec<Finding> {
        let prepared = article.repetition();
        let repeats = prepared.near_repeats(self.threshold, self.min_words);
        repeats
            .into_iter()
            .enumerate()
            .filter_map(|(index, found)| {
                let (first, likeness) = found?;
                Some(
                    Finding::new(
                        "paragraph nearly repeats an earlier one",
                        article.paragraphs[index].span,
                        "repeated here",
                    )
                    .with_secondary(article.paragraphs[first].span, "first written here")
                    .with_note(describe(likeness))
                    .with_help("keep one version: delete this paragraph, or merge what is new in it into the first"),
                )
            })
            .collect()
    }
}

/// The note that says how alike the two paragraphs are.
fn describe(likeness: Likeness) -> String {
    let percent = likeness.percent();
    let plural = |count: usize, word: &str| {
        if count == 1 {
            format!("1 {word}")
        } else {
            format!("{count} {word}s")
        }
    };
    match likeness {
        Likeness::Edits { distance: 0, .. } => {
            "the two have the same words; only their punctuation differs".to_string()
        }
        Likeness::Edits { distance, words } => format!(
            "the two are {percent}% alike: {} in {words} (a word changed, dropped, added, or two swapped)",
            plural(distance, "word edit"),
        ),
        Likeness::Cut {
            distance,
            kept,
            dropped,
            later_is_shorter,
        } => {
            let how = if later_is_shorter {
                format!(
                    "this is the first one without its last {}",
                    plural(dropped, "word")
                )
            } else {
                format!(
                    "this is the first one with {} added at the end",
                    plural(dropped, "word")
                )
            };
            if distance == 0 {
                format!("{how}; the {kept} words they share are the same")
            } else {
                format!(
                    "{how}; the {kept} words they share are {percent}% alike ({})",
                    plural(distance, "word edit")
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Source;

    fn rule() -> NearDuplicateParagraph {
        NearDuplicateParagraph::build(Options {
            threshold: 0.8,
            min_words: 8,
        })
        .unwrap()
    }

    /// `(line of the repeat, line of the first, note)` for each finding.
    fn check(body: &[&str]) -> Vec<(usize, usize, String)> {
        let source = Source::new(
            "t.txt",
            format!("date 2026-01-01 1\nHeadline\n{}\n", body.join("\n")),
        );
        rule()
            .check(&Article::parse(&source))
            .into_iter()
            .map(|f| {
                assert_eq!(f.primary.message, "repeated here");
                assert_eq!(f.secondary[0].message, "first written here");
                assert!(f.fix.is_none());
                (
                    source.position(f.primary.span.start).line,
                    source.position(f.secondary[0].span.start).line,
                    f.notes.join(""),
                )
            })
            .collect()
    }

    const LEAD: &str = "The central bank raised its main interest rate by half a point on \
                        Tuesday to curb inflation, which reached its highest level in a decade.";
    const OTHER: &str = "Shares in London fell after the announcement, led by banks and builders.";

    #[test]
    fn a_dropped_word() {
        let found = check(&[LEAD, OTHER, &LEAD.replace("main ", "")]);
        assert_eq!(
            found,
            [(
                5,
                3,
                "the two are 96% alike: 1 word edit in 25 (a word changed, dropped, added, or two swapped)"
                    .to_string()
            )]
        );
    }

    #[test]
    fn an_added_word() {
        assert_eq!(
            check(&[
                LEAD,
                OTHER,
                &LEAD.replace("on Tuesday", "on Tuesday morning")
            ])
            .len(),
            1
        );
    }

    #[test]
    fn a_changed_word() {
        assert_eq!(
            check(&[LEAD, OTHER, &LEAD.replace("half", "a quarter of")]).len(),
            1
        );
        assert_eq!(
            check(&[LEAD, OTHER, &LEAD.replace("curb", "fight")]).len(),
            1
        );
    }

    #[test]
    fn two_words_swapped() {
        let found = check(&[LEAD, &LEAD.replace("main interest", "interest main")]);
        assert_eq!(found.len(), 1);
        assert!(found[0].2.contains("1 word edit in 25"), "{}", found[0].2);
    }

    #[test]
    fn punctuation_changed() {
        let found = check(&[
            LEAD,
            OTHER,
            &LEAD.replace(", which", " which").replace('.', ";"),
        ]);
        assert_eq!(
            found,
            [(
                5,
                3,
                "the two have the same words; only their punctuation differs".to_string()
            )]
        );
    }

    #[test]
    fn a_sentence_cut_off_the_end() {
        let full = format!("{LEAD} Economists had expected a smaller rise of a quarter point.");
        assert_eq!(
            check(&[&full, OTHER, LEAD]),
            [(
                5,
                3,
                "this is the first one without its last 10 words; the 25 words they share are the same"
                    .to_string()
            )]
        );
        let found = check(&[LEAD, OTHER, &full]);
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .2
                .starts_with("this is the first one with 10 words added at the end")
        );
    }

    #[test]
    fn exact_repeats_are_left_to_duplicate_paragraph() {
        assert!(check(&[LEAD, OTHER, LEAD]).is_empty());
        assert!(check(&[LEAD, OTHER, &LEAD.to_uppercase()]).is_empty());
    }

    #[test]
    fn short_paragraphs_do_not_fire() {
        assert!(check(&["Reuter", OTHER, "Reuters"]).is_empty());
        assert!(check(&["“We will see,” he said.", OTHER, "“We shall see,” he said."]).is_empty());
        assert!(
            check(&[
                "Net profit 12.5 mln vs 10.1 mln",
                "Net profit 13.5 mln vs 10.1 mln"
            ])
            .is_empty()
        );
    }

    #[test]
    fn paragraphs_sharing_a_long_quote_or_boilerplate_do_not_fire() {
        let quote = "“We will not lower our guard until prices are back under control, whatever \
                     it costs the economy in the short run,”";
        let a = format!("{quote} Governor Ana Ruiz told reporters in the capital on Tuesday.");
        let b = format!(
            "Asked about the criticism from unions at a later briefing, she repeated: {quote} and left."
        );
        assert!(check(&[&a, OTHER, &b]).is_empty());
        let boiler = "The company, which employs about 4,000 people in 12 countries, did not \
                      respond to a request for comment.";
        let c = format!("Rival supplier Norlam said its orders fell 8 percent. {boiler}");
        let d = format!(
            "A spokesman for the regulator said an inquiry had been opened into both firms. {boiler}"
        );
        assert!(check(&[&c, OTHER, &d]).is_empty());
    }

    #[test]
    fn table_rows_list_items_and_parallel_reports_do_not_fire() {
        assert!(
            check(&[
                "Oper shr profit six cts vs loss two cts",
                "Oper shr profit 12 cts vs loss two cts"
            ])
            .is_empty()
        );
        assert!(
            check(&[
                "Key futures volumes as recorded by the exchange were:",
                OTHER,
                "Key options volumes as recorded by the exchange were:"
            ])
            .is_empty()
        );
        assert!(check(&[
            "- Ann Lee, Daily Post: Film - The Harbour; director - Sam Okafor; actor - Jo Brand.",
            "- Tom Hill, Film Weekly: Film - The Harbour; director - Sam Okafor; actor - Jo Brand."
        ])
        .is_empty());
        assert!(check(&[
            "Exports fell to 5.04 billion crowns in February from 5.34 billion in January, the office said.",
            "Imports fell to 7.68 billion crowns in February from 8.19 billion in January, the office said."
        ])
        .is_empty());
    }

    #[test]
    fn one_changed_figure_in_a_copy_is_still_a_near_repeat() {
        let changed = LEAD.replace("half a point", "0.75 points");
        assert_eq!(check(&[LEAD, OTHER, &changed]).len(), 1);
    }

    #[test]
    fn thresholds_outside_the_range_are_refused() {
        for threshold in [0.3, 1.0, 1.5, f64::NAN] {
            assert!(
                NearDuplicateParagraph::build(Options {
                    threshold,
                    min_words: 8
                })
                .is_err()
            );
        }
    }
}
