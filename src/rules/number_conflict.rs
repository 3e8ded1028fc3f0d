//! `number-conflict`: two counts of the same group of things that do not agree, with nothing
//! in the text saying how they relate (`450 detainees` ... `150 fighters`).

use crate::article::Article;
use crate::counts::{Groups, agree, comparable, written};
use crate::diagnostic::Finding;
use crate::numbers::{NumberMention, Token, is_function_word, tokenize};
use crate::rule::{BuildRule, Rule};
use crate::text::phrases;
use serde::Deserialize;
use std::collections::{BTreeSet, HashMap, HashSet};

/// The rule's options (see its card).
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    synonyms: Vec<Vec<String>>,
    ignore_nouns: Vec<String>,
    relation_before: Vec<String>,
    relation_after: Vec<String>,
    time_words: Vec<String>,
    window: usize,
    roles: Vec<Vec<String>>,
    max_counts: usize,
}

/// Reports counts of the same group that disagree.
pub struct NumberConflict {
    groups: Groups,
    before: Vec<Vec<String>>,
    after: Vec<Vec<String>>,
    time_words: Vec<Vec<String>>,
    window: usize,
    roles: HashMap<String, String>,
    max_counts: usize,
}

impl BuildRule for NumberConflict {
    type Options = Options;

    fn build(options: Options) -> Result<Self, String> {
        if options.window == 0 {
            return Err("`window` must be at least 1".to_string());
        }
        Ok(NumberConflict {
            groups: Groups::new(&options.synonyms, &options.ignore_nouns)?,
            before: phrases(&options.relation_before, "relation-before")?,
            after: phrases(&options.relation_after, "relation-after")?,
            time_words: phrases(&options.time_words, "time-words")?,
            window: options.window,
            max_counts: options.max_counts,
            roles: options
                .roles
                .iter()
                .flat_map(|group| {
                    let name = group.first().cloned().unwrap_or_default().to_lowercase();
                    group.iter().map(move |w| (w.to_lowercase(), name.clone()))
                })
                .collect(),
        })
    }
}

/// A count in the body with what the rule needs to compare it.
struct Count<'a> {
    mention: &'a NumberMention,
    group: String,
    /// Years, months and time phrases of its sentence.
    anchors: BTreeSet<String>,
    /// Index of its paragraph.
    paragraph: usize,
    /// The content words next to it (role groups by their name).
    roles: BTreeSet<String>,
    /// The names before it in its sentence (its subject, place or owner).
    names: BTreeSet<String>,
    /// The other counts of its sentence, by counted noun: what else the sentence reports.
    context: Vec<(&'a str, &'a NumberMention)>,
}

impl Rule for NumberConflict {
    fn check(&self, article: &Article<'_>) -> Vec<Finding> {
        let text = article.text();
        let mut sentence_tokens: HashMap<usize, Vec<Token>> = HashMap::new();
        let mut groups: Vec<(String, Vec<Count<'_>>)> = Vec::new();
        let mut per_sentence: HashMap<usize, Vec<&NumberMention>> = HashMap::new();
        for mention in article.numbers() {
            if let (Some(sentence), Some(_)) = (mention.sentence, &mention.lemma) {
                per_sentence.entry(sentence).or_default().push(mention);
            }
        }
        for mention in article.numbers() {
            let Some(sentence) = mention.sentence else {
                continue;
            };
            if mention.vague {
                continue;
            }
            let Some(group) = self.groups.of(mention) else {
                continue;
            };
            let tokens = sentence_tokens
                .entry(sentence)
                .or_insert_with(|| tokenize(text, article.sentences[sentence].span));
            let capitalized = mention
                .noun
                .is_some_and(|noun| article.slice(noun).starts_with(char::is_uppercase));
            let shouting = !article
                .slice(article.sentences[sentence].span)
                .chars()
                .any(char::is_lowercase);
            if (capitalized && !shouting) || self.is_related(tokens, mention) {
                continue;
            }
            let count = Count {
                mention,
                group: group.clone(),
                anchors: self.anchors(tokens),
                paragraph: article.sentences[sentence].paragraph,
                roles: self.roles(tokens, mention, shouting),
                names: if shouting {
                    BTreeSet::new()
                } else {
                    names_before(tokens, mention, article.inner_capitals())
                },
                context: per_sentence
                    .get(&sentence)
                    .into_iter()
                    .flatten()
                    .filter(|other| other.lemma != mention.lemma)
                    .filter_map(|other| Some((other.lemma.as_deref()?, *other)))
                    .collect(),
            };
            match groups.iter_mut().find(|(name, _)| *name == group) {
                Some((_, counts)) => counts.push(count),
                None => groups.push((group, vec![count])),
            }
        }
        groups
            .iter_mut()
            // A group counted more often than this is a list or a table, not figures to square.
            .filter(|(_, counts)| counts.len() <= self.max_counts)
            .filter_map(|(_, counts)| {
                // A sentence with two counts of a group contrasts or lists them on purpose.
                let mut per_sentence: HashMap<Option<usize>, usize> = HashMap::new();
                for count in counts.iter() {
                    *per_sentence.entry(count.mention.sentence).or_default() += 1;
                }
                counts.retain(|c| per_sentence.get(&c.mention.sentence) == Some(&1));
                conflict(article, counts)
            })
            .collect()
    }
}

impl NumberConflict {
    /// Whether words next to the figure say how it relates to others: a relation word in the
    /// `window` words before it, or right after it and its noun.
    fn is_related(&self, tokens: &[Token], mention: &NumberMention) -> bool {
        let start = mention
            .qualifier
            .map_or(mention.span.start, |q| q.span.start);
        let Some(first) = tokens.iter().position(|t| t.span.start >= start) else {
            return false;
        };
        // `64 of 155 rigs`: a part of a whole.
        let is_number = |t: &Token| t.lower.starts_with(|c: char| c.is_ascii_digit());
        if first >= 2 && tokens[first - 1].lower == "of" && is_number(&tokens[first - 2]) {
            return true;
        }
        let from = first.saturating_sub(self.window);
        let before = &tokens[from..first];
        let end = mention
            .noun
            .map_or(mention.span.end, |noun| noun.end.max(mention.span.end));
        let next = tokens
            .iter()
            .position(|t| t.span.start >= mention.span.end)
            .unwrap_or(tokens.len());
        let last = tokens
            .iter()
            .position(|t| t.span.start >= end)
            .unwrap_or(tokens.len());
        let after = &tokens[next..(last + 2).min(tokens.len())];
        contains_phrase(before, &self.before) || contains_phrase(after, &self.after)
    }

    /// The content words within three words before the figure and three after its noun, up
    /// to punctuation, with words of a `roles` group replaced by the group's name.
    /// Names (capitalised words) are context, not roles, unless the sentence is in capitals.
    fn roles(&self, tokens: &[Token], mention: &NumberMention, shouting: bool) -> BTreeSet<String> {
        let start = mention
            .qualifier
            .map_or(mention.span.start, |q| q.span.start);
        let end = mention
            .noun
            .map_or(mention.span.end, |noun| noun.end.max(mention.span.end));
        let first = tokens
            .iter()
            .position(|t| t.span.start >= start)
            .unwrap_or(tokens.len());
        let next = tokens
            .iter()
            .position(|t| t.span.start >= end)
            .unwrap_or(tokens.len());
        let before = tokens[first.saturating_sub(3)..first]
            .iter()
            .rev()
            .take_while(|t| t.word);
        let after = tokens[next..]
            .iter()
            .take(3)
            .take_while(|t| t.word && t.lower != "of");
        before
            .chain(after)
            .filter(|t| {
                !is_function_word(&t.lower)
                    && !t.lower.starts_with(|c: char| c.is_ascii_digit())
                    && (!t.capitalized || shouting)
            })
            .map(|t| self.roles.get(&t.lower).unwrap_or(&t.lower).clone())
            .collect()
    }

    /// The years and time phrases of a sentence, but the day a statement was made.
    fn anchors(&self, tokens: &[Token]) -> BTreeSet<String> {
        let mut anchors = BTreeSet::new();
        for (i, token) in tokens.iter().enumerate() {
            let year = token.lower.len() == 4
                && token.lower.chars().all(|c| c.is_ascii_digit())
                && (token.lower.starts_with("19") || token.lower.starts_with("20"));
            if year {
                anchors.insert(token.lower.clone());
            }
            // `the minister said on Sunday` dates the statement, not the figure.
            let attribution = tokens[i.saturating_sub(2)..i]
                .iter()
                .any(|t| matches!(t.lower.as_str(), "said" | "says" | "told" | "announced"));
            for phrase in &self.time_words {
                if !attribution && starts_with_phrase(&tokens[i..], phrase) {
                    anchors.insert(phrase.join(" "));
                }
            }
        }
        anchors
    }
}

fn starts_with_phrase(tokens: &[Token], phrase: &[String]) -> bool {
    phrase.len() <= tokens.len() && phrase.iter().zip(tokens).all(|(w, t)| *w == t.lower)
}

fn contains_phrase(tokens: &[Token], phrases: &[Vec<String>]) -> bool {
    (0..tokens.len()).any(|i| {
        phrases
            .iter()
            .any(|phrase| starts_with_phrase(&tokens[i..], phrase))
    })
}

/// The capitalised words before a figure in its sentence, but function words (`The`, `In`)
/// and a generic source opening the sentence (see [`is_source`]).
fn names_before(
    tokens: &[Token],
    mention: &NumberMention,
    inner: &HashSet<String>,
) -> BTreeSet<String> {
    let start = mention
        .qualifier
        .map_or(mention.span.start, |q| q.span.start);
    let first = tokens.iter().position(|t| t.word);
    tokens
        .iter()
        .enumerate()
        .filter(|&(i, t)| {
            t.word
                && t.span.start < start
                && t.capitalized
                && !is_function_word(&t.lower)
                && !(Some(i) == first && is_source(tokens, i, inner))
        })
        .map(|(_, t)| t.lower.clone())
        .collect()
}

/// Whether the word at `i` is a generic source: `Officials said`, `Police told`, capitalised
/// only because it opens the sentence (`inner` holds the words the article capitalises
/// inside a sentence: those are names).
fn is_source(tokens: &[Token], i: usize, inner: &HashSet<String>) -> bool {
    let speaks = tokens.get(i + 1).is_some_and(|t| {
        matches!(
            t.lower.as_str(),
            "said" | "says" | "say" | "told" | "estimated" | "estimate" | "reported"
        )
    });
    speaks && !inner.contains(&tokens[i].lower)
}

/// Whether two counts of a group contradict each other.
/// Counts in one paragraph are read together: a writer who puts two figures side by side
/// knows they differ, so only counts in different paragraphs are compared. Two counts with no
/// role word at all (`Toshin Steel, with 1,700 workers`) are compared when they share a name.
fn conflicting(a: &Count<'_>, b: &Count<'_>) -> bool {
    a.paragraph != b.paragraph
        && !different_occasions(a, b)
        && !agree(a.mention, b.mention)
        && comparable(a.mention, b.mention)
        && a.anchors == b.anchors
        && (!a.roles.is_disjoint(&b.roles)
            || (a.roles.is_empty() && b.roles.is_empty() && !a.names.is_disjoint(&b.names)))
        && (a.names.is_empty() || b.names.is_empty() || !a.names.is_disjoint(&b.names))
}

/// Whether the two sentences report different occasions: both also count another kind of
/// thing, and those figures disagree too (`77 flights cancelled, affecting 5,000 passengers`
/// against `178 flights delayed, affecting 17,000 passengers`).
fn different_occasions(a: &Count<'_>, b: &Count<'_>) -> bool {
    fn figures<'a>(count: &Count<'a>, noun: &str) -> Vec<&'a NumberMention> {
        count
            .context
            .iter()
            .filter(|(n, _)| *n == noun)
            .map(|(_, m)| *m)
            .collect()
    }
    a.context.iter().any(|(noun, _)| {
        let (ours, theirs) = (figures(a, noun), figures(b, noun));
        !theirs.is_empty() && ours.iter().all(|x| theirs.iter().all(|y| !agree(x, y)))
    })
}

/// The one finding for a group's counts, if two of them conflict.
fn conflict(article: &Article<'_>, counts: &[Count<'_>]) -> Option<Finding> {
    // The first figure that contradicts an earlier one.
    let primary =
        (1..counts.len()).find(|&i| counts[..i].iter().any(|c| conflicting(c, &counts[i])))?;
    let main = &counts[primary];
    let same_figure = |a: &Count<'_>, b: &Count<'_>| {
        a.mention.low == b.mention.low && a.mention.high == b.mention.high
    };
    let others: Vec<usize> = (0..counts.len())
        .filter(|&i| {
            i != primary
                && !counts[..i].iter().any(|c| same_figure(c, &counts[i]))
                && (conflicting(&counts[i], main)
                    || (i > primary && counts.iter().any(|c| conflicting(c, &counts[i]))))
        })
        .collect();
    let earlier: Vec<String> = counts[..primary]
        .iter()
        .filter(|c| conflicting(c, main))
        .map(|c| written(article, c.mention))
        .collect::<BTreeSet<String>>()
        .into_iter()
        .collect();
    let mut finding = Finding::new(
        format!("conflicting counts of {}", plural_group(&main.group)),
        main.mention.span,
        format!("does not agree with {}", earlier.join(", ")),
    );
    for &i in &others {
        let figure = article.slice(counts[i].mention.span);
        finding = finding.with_secondary(counts[i].mention.span, format!("{figure} here"));
    }
    let mut listed: Vec<usize> = others.clone();
    listed.push(primary);
    listed.sort_unstable();
    let figures: Vec<String> = listed
        .iter()
        .map(|&i| {
            let count = &counts[i];
            let paragraph = count
                .mention
                .sentence
                .map_or(0, |s| article.sentences[s].paragraph + 1);
            format!(
                "{} (paragraph {paragraph})",
                written(article, count.mention)
            )
        })
        .collect();
    finding = finding
        .with_note(format!(
            "these figures count the same kind of thing: {}",
            figures.join("; ")
        ))
        .with_help(
            "say how the figures relate (`of whom`, `out of`, `a total of`, `so far`) or make them agree",
        );
    Some(finding)
}

/// A group name for a message: `members`, `people`.
fn plural_group(group: &str) -> String {
    match group {
        "person" => "people".to_string(),
        _ if group.ends_with('y') && !group.ends_with("ay") && !group.ends_with("ey") => {
            format!("{}ies", &group[..group.len() - 1])
        }
        _ if group.ends_with('s') || group.ends_with("ch") || group.ends_with("sh") => {
            format!("{group}es")
        }
        _ => format!("{group}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Source;

    fn card_options() -> Options {
        let card: toml::Table =
            toml::from_str(include_str!("../../rules/number-conflict.toml")).unwrap();
        card["options"].clone().try_into().unwrap()
    }

    fn rule() -> NumberConflict {
        NumberConflict::build(card_options()).unwrap()
    }

    /// The findings on a story with these paragraphs: (primary text, secondary texts).
    fn check(paragraphs: &[&str]) -> Vec<(String, Vec<String>)> {
        check_with(&rule(), paragraphs)
    }

    fn check_with(rule: &NumberConflict, paragraphs: &[&str]) -> Vec<(String, Vec<String>)> {
        let text = format!("date 2026-02-02 1\nHeadline\n{}\n", paragraphs.join("\n"));
        let source = Source::new("t.txt", text);
        let article = Article::parse(&source);
        rule.check(&article)
            .into_iter()
            .map(|f| {
                (
                    source.slice(f.primary.span).to_string(),
                    f.secondary
                        .iter()
                        .map(|l| source.slice(l.span).to_string())
                        .collect(),
                )
            })
            .collect()
    }

    const SEED: &[&str] = &[
        "(MENAFN) Iraq has taken in 450 ISIS detainees, including senior figures, transferred from Syria, the minister said on Sunday.",
        "\u{201c}The number of ISIS members transferred to Iraq is very limited out of around 7,000 currently in Syria,\u{201d} he said. \u{201c}Around 450 members have been brought to Iraq.\u{201d}",
        "Most are foreign nationals from over 40 countries.",
        "The operation began with 150 ISIS fighters moved from a detention center to a secure location in Iraq, with plans eventually to transfer up to 7,000 detainees to Iraqi-controlled facilities.",
        "The operation began with 150 ISIS fighters moved from a detention center to a secure location in Iraq, with plans eventually to transfer up to 7,000 detainees to Iraqi-controlled facilities.",
    ];

    #[test]
    fn the_seed_story_flags_150_against_450_once() {
        let found = check(SEED);
        assert_eq!(found, [("150".to_string(), vec!["450".to_string()])]);
    }

    #[test]
    fn a_group_counted_more_than_max_counts_times_is_a_list_and_not_compared() {
        let mut options = card_options();
        options.max_counts = 2;
        assert!(check_with(&NumberConflict::build(options).unwrap(), SEED).is_empty());
    }

    #[test]
    fn the_diagnostic_lists_the_figures_and_says_what_to_do() {
        let text = format!("date 2026-02-02 1\nHeadline\n{}\n", SEED.join("\n"));
        let source = Source::new("t.txt", text);
        let finding = &rule().check(&Article::parse(&source))[0];
        assert_eq!(finding.message, "conflicting counts of members");
        assert_eq!(finding.primary.message, "does not agree with 450 members");
        assert_eq!(finding.secondary[0].message, "450 here");
        assert_eq!(
            finding.notes,
            [
                "these figures count the same kind of thing: 450 members (paragraph 2); 150 fighters (paragraph 4)"
            ]
        );
        assert!(
            finding
                .help
                .as_deref()
                .unwrap()
                .starts_with("say how the figures relate")
        );
    }

    #[test]
    fn conflicts_that_must_fire() {
        let found = check(&[
            "Police said 12 protesters were arrested.",
            "A spokesman said 30 protesters were arrested.",
        ]);
        assert_eq!(found, [("30".to_string(), vec!["12".to_string()])]);
        // Synonyms: prisoners and inmates count the same people.
        assert_eq!(
            check(&[
                "Guards moved 200 prisoners to the new jail.",
                "The 80 inmates moved there were all men.",
            ])
            .len(),
            1
        );
    }

    #[test]
    fn relation_words_settle_it() {
        for second in [
            "Of them, 150 fighters were moved to Iraq.",
            "Another 150 fighters were moved to Iraq.",
            "So far 150 fighters have been moved to Iraq.",
            "Out of 150 fighters moved to Iraq, most were Iraqi.",
            "150 fighters were moved to Iraq so far.",
            "A total of 150 fighters were moved to Iraq.",
            "In 2019, 150 fighters were moved to Iraq.",
            "Last year 150 fighters were moved to Iraq.",
            "Officials plan to move 150 fighters to Iraq.",
            "150 more fighters were moved to Iraq.",
        ] {
            let found = check(&["Around 450 members have been brought to Iraq.", second]);
            assert!(found.is_empty(), "{second}: {found:?}");
        }
    }

    #[test]
    fn hints_do_not_settle_it() {
        let found = check(&[
            "Around 450 members have been brought to Iraq.",
            "The first transfer began with 150 fighters moved to Iraq.",
        ]);
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn overlapping_and_approximate_figures_agree() {
        for (first, second) in [
            (
                "Around 450 members have been brought to Iraq.",
                "Some 500 members were moved to Iraq.",
            ),
            (
                "More than 400 members have been brought to Iraq.",
                "In all 520 members were moved.",
            ),
            (
                "Nearly 7,000 detainees were moved to Iraq.",
                "About 6,800 detainees were moved to Iraq.",
            ),
            (
                "Iraq has taken in 450 detainees.",
                "Iraq has taken in 450 detainees.",
            ),
            (
                "Up to 7,000 detainees were moved to Iraq.",
                "So far 450 detainees were moved to Iraq.",
            ),
        ] {
            let found = check(&[first, second]);
            assert!(found.is_empty(), "{first} / {second}: {found:?}");
        }
    }

    #[test]
    fn different_groups_roles_names_and_paragraph_mates_are_not_compared() {
        for paragraphs in [
            // Different nouns.
            &[
                "Iraq has taken in 450 detainees.",
                "Iraq has taken in 40 countries.",
            ][..],
            // Different roles: rescued and carried.
            &[
                "About 200 people were rescued.",
                "The ferry was carrying 540 people.",
            ][..],
            // Different subjects.
            &[
                "Wales have made two changes.",
                "Coach Bernard Laporte has made four changes.",
            ][..],
            // Different modifiers.
            &[
                "Officials moved 12 Iraqi detainees.",
                "Officials moved 30 Syrian detainees.",
            ][..],
            // One paragraph: set side by side on purpose.
            &["Officials moved 12 detainees on Monday and, a day later, moved 30 detainees."][..],
            // Money, percentages and measures are not counts compared.
            &[
                "Sales rose 5 pct to 30 mln dlrs.",
                "Sales rose 9 pct to 50 mln dlrs.",
            ][..],
            &["It shipped 500 tonnes.", "It shipped 900 tonnes."][..],
        ] {
            let found = check(paragraphs);
            assert!(found.is_empty(), "{paragraphs:?}: {found:?}");
        }
    }

    #[test]
    fn sentences_whose_other_counts_disagree_report_different_occasions() {
        let cancelled = "The airline cancelled 60 short and medium-haul flights, affecting about 4,000 passengers.";
        let delayed =
            "Another 150 flights were delayed by an hour, affecting almost 15,000 passengers.";
        assert!(check(&[cancelled, "Talks went on.", delayed]).is_empty());
        assert!(
            check(&[delayed, "Talks went on.", cancelled]).is_empty(),
            "the order matters not"
        );
        // A shared figure of the other kind (15,000 on both sides) says it is one occasion.
        let both = "It cancelled 60 flights, affecting 4,000 passengers here and 15,000 passengers across the country.";
        let one = "It cancelled 60 flights, affecting 15,000 passengers.";
        assert_eq!(
            check(&[one, "Talks went on.", both]),
            check(&[both, "Talks went on.", one])
        );
        // The same other count on both sides says nothing about the occasion.
        let found = check(&[
            "The airline cancelled 60 flights, affecting 4,000 passengers.",
            "Talks went on.",
            "The airline cancelled 60 flights, affecting 15,000 passengers.",
        ]);
        assert_eq!(found, [("15,000".to_string(), vec!["4,000".to_string()])]);
    }

    #[test]
    fn a_generic_source_opening_the_sentence_is_not_a_name() {
        let found = check(&[
            "Police in Lagos said 12 protesters were arrested.",
            "Officials said 30 protesters were arrested.",
        ]);
        assert_eq!(found, [("30".to_string(), vec!["12".to_string()])]);
        // `Abuja` is capitalised inside a sentence too: a name, another place than Lagos.
        let found = check(&[
            "Police in Lagos said 12 protesters were arrested.",
            "Abuja said 30 protesters were arrested.",
            "Protests also took place in Abuja.",
        ]);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn counts_without_roles_are_compared_when_they_share_a_name() {
        let found = check(&[
            "Toshin Steel, with 1,700 workers, gave no forecast.",
            "Toshin Steel, with 900 workers, is based in Osaka.",
        ]);
        assert_eq!(found, [("900".to_string(), vec!["1,700".to_string()])]);
        for paragraphs in [
            // No shared name: a part of a whole, or another group.
            &[
                "Nearly two million people across Asia could be hit.",
                "A quarter of a million Sri Lankans and 23,500 people in the Maldives are also hit.",
            ][..],
            // A role on one side only.
            &[
                "Toshin Steel, with 1,700 workers, gave no forecast.",
                "Toshin Steel employs 900 workers in Osaka.",
            ][..],
        ] {
            let found = check(paragraphs);
            assert!(found.is_empty(), "{paragraphs:?}: {found:?}");
        }
    }

    #[test]
    fn bad_options_are_refused() {
        let options = |synonyms: Vec<Vec<String>>| Options {
            synonyms,
            ignore_nouns: Vec::new(),
            relation_before: Vec::new(),
            relation_after: Vec::new(),
            time_words: Vec::new(),
            window: 6,
            roles: Vec::new(),
            max_counts: 40,
        };
        assert!(NumberConflict::build(options(vec![Vec::new()])).is_err());
        let twice = vec![
            vec!["detainee".to_string(), "prisoner".to_string()],
            vec!["inmate".to_string(), "prisoners".to_string()],
        ];
        assert!(NumberConflict::build(options(twice)).is_err());
    }
}
