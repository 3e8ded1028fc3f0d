//! `number-conflict`: two counts of the same group of things that do not agree, with nothing
//! in the text saying how they relate (`450 detainees` ... `150 fighters`), and parts that do
//! not add up to their stated total (`three men and two women` ... `the four victims`).
//!
//! Linear in the article's size: the caps (`max-sentence-counts`, `max-counts`) are applied
//! before any count is looked at closely, every count looks at a bounded window of words, and
//! pairs are only formed inside a capped group.

use crate::article::Article;
use crate::counts::{Groups, Roles, agree, comparable, elliptic_sum, line, token_range, written};
use crate::diagnostic::Finding;
use crate::numbers::{NumberKind, NumberMention, Token, is_calendar_word, is_function_word};
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
    totals: Vec<String>,
    time_words: Vec<String>,
    occasion_words: Vec<String>,
    people: Vec<String>,
    window: usize,
    roles: Vec<Vec<String>>,
    similar: f64,
    rounding: f64,
    max_counts: usize,
    max_sentence_counts: usize,
}

/// Reports counts of the same group that disagree.
pub struct NumberConflict {
    groups: Groups,
    before: Vec<Vec<String>>,
    after: Vec<Vec<String>>,
    totals: HashSet<String>,
    time_words: Vec<Vec<String>>,
    occasion_words: HashSet<String>,
    people: HashSet<String>,
    window: usize,
    roles: Roles,
    similar: f64,
    rounding: f64,
    max_counts: usize,
    max_sentence_counts: usize,
}

impl BuildRule for NumberConflict {
    type Options = Options;

    fn build(options: Options) -> Result<Self, String> {
        if options.window == 0 {
            return Err("`window` must be at least 1".to_string());
        }
        if !(0.0..=1.0).contains(&options.similar) {
            return Err("`similar` must be between 0 and 1".to_string());
        }
        if !(0.0..1.0).contains(&options.rounding) {
            return Err("`rounding` must be at least 0 and below 1".to_string());
        }
        let lower = |list: &[String]| list.iter().map(|w| w.to_lowercase()).collect();
        Ok(NumberConflict {
            groups: Groups::new(&options.synonyms, &options.ignore_nouns)?,
            before: phrases(&options.relation_before, "relation-before")?,
            after: phrases(&options.relation_after, "relation-after")?,
            totals: phrases(&options.totals, "totals")?
                .into_iter()
                .map(|p| p.join(" "))
                .collect(),
            time_words: phrases(&options.time_words, "time-words")?,
            occasion_words: lower(&options.occasion_words),
            people: options
                .people
                .iter()
                .map(|w| crate::numbers::lemma(&w.to_lowercase()))
                .collect(),
            window: options.window,
            roles: Roles::new(&options.roles),
            similar: options.similar,
            rounding: options.rounding,
            max_counts: options.max_counts,
            max_sentence_counts: options.max_sentence_counts,
        })
    }
}

/// What the rule reads of a sentence that holds a count it compares, computed once.
struct SentenceFacts<'a> {
    tokens: &'a [Token],
    /// Years, dates and time phrases of the sentence, but the day a statement was made.
    anchors: BTreeSet<String>,
    /// Written in capitals (an old wire headline style): capitals say nothing about names.
    shouting: bool,
    /// Its words in lower case, figures left out, for telling restated sentences.
    words: HashSet<String>,
    /// Its other counts, by counted noun: what else the sentence reports.
    context: Vec<(String, usize)>,
}

/// A count in the body with what the rule needs to compare it.
struct Count<'a> {
    /// Index of the mention in the article's numbers.
    index: usize,
    mention: &'a NumberMention,
    sentence: usize,
    paragraph: usize,
    /// The relation words beside it (see `relation-before` and `relation-after`).
    relations: BTreeSet<String>,
    /// The content words next to it (role groups by their name).
    roles: BTreeSet<String>,
    /// The names near it in its sentence (its subject, place or owner).
    names: BTreeSet<String>,
    /// Ordinal or demonstrative occasion markers near it (`first study`, `that attack`).
    occasions: BTreeSet<String>,
    /// The total it makes with figures stated after it without a noun (`11 offices in Ohio and
    /// one in Columbus` is 12).
    sum: Option<f64>,
    /// For one of several counts of its group in its sentence: its place among them, and how
    /// many there are.
    rank: Option<Rank>,
}

/// A count's place among the counts of its group in its sentence, and how many there are.
type Rank = (usize, usize);

/// How many words before a figure are searched for names, and after its noun.
const NAMES_BEFORE: usize = 15;
const NAMES_AFTER: usize = 4;
/// How many words around a figure are searched for occasion markers.
const OCCASION_BEFORE: usize = 8;
const OCCASION_AFTER: usize = 5;
/// The most sums of parts and totals compared in one article.
const MAX_SUMS: usize = 20;

impl Rule for NumberConflict {
    fn check(&self, article: &Article<'_>) -> Vec<Finding> {
        let numbers = article.numbers();
        // Caps first: a sentence with many counts is a table or a list, and a group counted
        // very often is one too; neither is read further.
        let mut per_sentence: HashMap<usize, usize> = HashMap::new();
        for mention in numbers {
            if let Some(sentence) = mention.sentence {
                *per_sentence.entry(sentence).or_default() += 1;
            }
        }
        let readable = |s: usize| {
            per_sentence
                .get(&s)
                .is_some_and(|&n| n <= self.max_sentence_counts)
        };
        let mut candidates: Vec<(usize, String)> = Vec::new();
        for (index, mention) in numbers.iter().enumerate() {
            let Some(sentence) = mention.sentence else {
                continue;
            };
            if mention.vague || !readable(sentence) {
                continue;
            }
            if let Some(group) = self.groups.of(mention) {
                candidates.push((index, group));
            }
        }
        let mut size: HashMap<&str, usize> = HashMap::new();
        let mut in_sentence: HashMap<(usize, &str), usize> = HashMap::new();
        for (index, group) in &candidates {
            *size.entry(group).or_default() += 1;
            let sentence = numbers[*index].sentence.unwrap_or_default();
            *in_sentence.entry((sentence, group)).or_default() += 1;
        }
        // A sentence with two counts of a group contrasts or lists them on purpose: they are
        // compared only with the same sentence restated, figure by figure.
        let mut ranks: HashMap<(usize, &str), usize> = HashMap::new();
        let mut keep: Vec<(usize, String, Option<Rank>)> = Vec::new();
        for (index, group) in &candidates {
            let sentence = numbers[*index].sentence.unwrap_or_default();
            if size[group.as_str()] > self.max_counts {
                continue;
            }
            let of = in_sentence[&(sentence, group.as_str())];
            let rank = ranks.entry((sentence, group)).or_default();
            keep.push((*index, group.clone(), (of > 1).then_some((*rank, of))));
            *rank += 1;
        }

        let mut facts: HashMap<usize, SentenceFacts<'_>> = HashMap::new();
        let mut groups: Vec<(String, Vec<Count<'_>>)> = Vec::new();
        for (index, group, rank) in keep {
            let mention = &numbers[index];
            let sentence = mention.sentence.unwrap_or_default();
            let fact = facts
                .entry(sentence)
                .or_insert_with(|| self.sentence_facts(article, sentence));
            let capitalized = mention
                .noun
                .is_some_and(|noun| article.slice(noun).starts_with(char::is_uppercase));
            if capitalized && !fact.shouting {
                continue;
            }
            let count = self.count(article, fact, index, mention, rank);
            match groups.iter_mut().find(|(name, _)| *name == group) {
                Some((_, counts)) => counts.push(count),
                None => groups.push((group, vec![count])),
            }
        }
        let mut findings: Vec<Finding> = groups
            .iter()
            .filter_map(|(_, counts)| self.conflict(article, &facts, counts))
            .collect();
        findings.extend(self.sums(article, &per_sentence));
        findings
    }
}

impl NumberConflict {
    /// What the rule reads of sentence `index`, once.
    fn sentence_facts<'a>(&self, article: &'a Article<'_>, index: usize) -> SentenceFacts<'a> {
        let span = article.sentences[index].span;
        // A sentence that holds a count holds a number mention: its tokens are kept.
        let tokens = article.number_tokens(index).unwrap_or_default();
        let numbers = article.numbers();
        let from = numbers.partition_point(|m| m.sentence < Some(index));
        let to = numbers.partition_point(|m| m.sentence <= Some(index));
        let inside = |t: &Token| {
            numbers[from..to]
                .binary_search_by(|m| {
                    if m.span.end <= t.span.start {
                        std::cmp::Ordering::Less
                    } else if m.span.start >= t.span.end {
                        std::cmp::Ordering::Greater
                    } else {
                        std::cmp::Ordering::Equal
                    }
                })
                .is_ok()
        };
        SentenceFacts {
            anchors: self.anchors(tokens),
            shouting: !article.slice(span).chars().any(char::is_lowercase),
            words: tokens
                .iter()
                .filter(|t| t.word && !inside(t))
                .map(|t| t.lower.clone())
                .collect(),
            context: (from..to)
                .filter(|&i| numbers[i].kind == NumberKind::Count)
                .filter_map(|i| Some((numbers[i].lemma.clone()?, i)))
                .collect(),
            tokens,
        }
    }

    /// A count with what the words around it say.
    fn count<'a>(
        &self,
        article: &Article<'_>,
        fact: &SentenceFacts<'_>,
        index: usize,
        mention: &'a NumberMention,
        rank: Option<Rank>,
    ) -> Count<'a> {
        let tokens = fact.tokens;
        let (first, next) = token_range(tokens, mention);
        let sentence = mention.sentence.unwrap_or_default();
        Count {
            index,
            mention,
            sentence,
            paragraph: article.sentences[sentence].paragraph,
            relations: self.relations(tokens, mention, first, next),
            roles: self.roles.around(tokens, first, next, fact.shouting),
            names: if fact.shouting {
                BTreeSet::new()
            } else {
                names_near(tokens, first, next, article.inner_capitals())
            },
            occasions: self.occasions(tokens, first, next),
            sum: elliptic_sum(tokens, next, mention.value),
            rank,
        }
    }

    /// The relation words beside a figure: in the `window` words before it (or its
    /// qualifier), or right after it and its noun; `of` for a part of a figure before it
    /// (`64 of 155 rigs`).
    fn relations(
        &self,
        tokens: &[Token],
        mention: &NumberMention,
        first: usize,
        next: usize,
    ) -> BTreeSet<String> {
        let mut found = BTreeSet::new();
        let figure = tokens.partition_point(|t| t.span.start < mention.span.start);
        let is_number = |t: &Token| t.lower.starts_with(|c: char| c.is_ascii_digit());
        if figure >= 2 && tokens[figure - 1].lower == "of" && is_number(&tokens[figure - 2]) {
            found.insert("of".to_string());
        }
        collect_phrases(
            &tokens[first.saturating_sub(self.window)..first],
            &self.before,
            &mut found,
        );
        let figure_end = tokens.partition_point(|t| t.span.start < mention.span.end);
        let last = (next + 2).min(tokens.len()).max(figure_end);
        collect_phrases(&tokens[figure_end..last], &self.after, &mut found);
        found
    }

    /// Ordinal occasion markers near a figure, with the word they mark (`first study`).
    fn occasions(&self, tokens: &[Token], first: usize, next: usize) -> BTreeSet<String> {
        let before = first.saturating_sub(OCCASION_BEFORE)..first;
        let after = next..(next + OCCASION_AFTER).min(tokens.len());
        before
            .chain(after)
            .filter(|&k| self.occasion_words.contains(&tokens[k].lower))
            .filter_map(|k| {
                let marked = tokens.get(k + 1)?;
                let content = marked.word
                    && !is_function_word(&marked.lower)
                    && !marked.lower.starts_with(|c: char| c.is_ascii_digit());
                content.then(|| format!("{} {}", tokens[k].lower, marked.lower))
            })
            .collect()
    }

    /// The years, dates and time phrases of a sentence, but the day a statement was made.
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
            if attribution {
                continue;
            }
            for phrase in &self.time_words {
                if starts_with_phrase(&tokens[i..], phrase) {
                    anchors.insert(phrase.join(" "));
                }
            }
            // `Nov. 5`, `5 November`: a day of a month.
            if token.capitalized && is_calendar_word(&token.lower) {
                let dot = usize::from(tokens.get(i + 1).is_some_and(|t| t.lower == "."));
                let after = tokens.get(i + 1 + dot).filter(|t| is_day(t));
                let before = i
                    .checked_sub(1)
                    .and_then(|p| tokens.get(p))
                    .filter(|t| is_day(t));
                if let Some(day) = after.or(before) {
                    let month: String = token.lower.chars().take(3).collect();
                    anchors.insert(format!("{month} {}", day.lower));
                }
            }
        }
        anchors
    }

    /// Whether two counts of a group contradict each other. Counts in one paragraph are read
    /// together: a writer who puts two figures side by side knows they differ, so only counts
    /// in different paragraphs are compared. Names tell counts apart when each has one the
    /// other lacks (`in Lagos`, `in Abuja`).
    fn conflicting(
        &self,
        facts: &HashMap<usize, SentenceFacts<'_>>,
        numbers: &[NumberMention],
        a: &Count<'_>,
        b: &Count<'_>,
    ) -> bool {
        let (fa, fb) = (&facts[&a.sentence], &facts[&b.sentence]);
        let restated = similarity(&fa.words, &fb.words) >= self.similar;
        let sum_agrees = |x: &Count<'_>, y: &Count<'_>| {
            x.sum
                .is_some_and(|v| y.mention.low <= v && v <= y.mention.high)
        };
        a.paragraph != b.paragraph
            && (a.rank.is_none() && b.rank.is_none() || (restated && a.rank == b.rank))
            && comparable(a.mention, b.mention)
            && !agree(a.mention, b.mention, self.rounding)
            && !sum_agrees(a, b)
            && !sum_agrees(b, a)
            && fa.anchors == fb.anchors
            && self.relations_allow(a, b, restated)
            && (a.occasions.is_empty()
                || b.occasions.is_empty()
                || !a.occasions.is_disjoint(&b.occasions))
            && !self.different_occasions(numbers, fa, fb, a, b)
            && (restated
                || !a.roles.is_disjoint(&b.roles)
                || (a.roles.is_empty() && b.roles.is_empty() && !a.names.is_disjoint(&b.names)))
            && !(a.names.difference(&b.names).next().is_some()
                && b.names.difference(&a.names).next().is_some())
    }

    /// Whether the relation words beside two figures leave them comparable: none on either
    /// side; or the same words beside both, when the sentences are restatements of each other
    /// or the words say both are totals (`a total of 150` and `a total of 450`). A relation
    /// word beside one figure only relates the two.
    fn relations_allow(&self, a: &Count<'_>, b: &Count<'_>, restated: bool) -> bool {
        a.relations == b.relations
            && (a.relations.is_empty()
                || restated
                || a.relations.iter().any(|r| self.totals.contains(r)))
    }

    /// Whether the two sentences report different occasions: both also count another kind of
    /// thing, and those figures disagree too (`77 flights cancelled, affecting 5,000
    /// passengers` against `178 flights delayed, affecting 17,000 passengers`).
    fn different_occasions(
        &self,
        numbers: &[NumberMention],
        fa: &SentenceFacts<'_>,
        fb: &SentenceFacts<'_>,
        a: &Count<'_>,
        b: &Count<'_>,
    ) -> bool {
        let figures = |fact: &SentenceFacts<'_>, noun: &str, own: &Count<'_>| -> Vec<usize> {
            fact.context
                .iter()
                .filter(|(n, i)| n == noun && *i != own.index)
                .map(|(_, i)| *i)
                .collect()
        };
        fa.context
            .iter()
            .filter(|(_, i)| *i != a.index)
            .any(|(noun, _)| {
                if Some(noun) == a.mention.lemma.as_ref() {
                    return false;
                }
                let (ours, theirs) = (figures(fa, noun, a), figures(fb, noun, b));
                !theirs.is_empty()
                    && ours.iter().all(|&x| {
                        theirs
                            .iter()
                            .all(|&y| !agree(&numbers[x], &numbers[y], self.rounding))
                    })
            })
    }

    /// The one finding for a group's counts, if two of them conflict.
    fn conflict(
        &self,
        article: &Article<'_>,
        facts: &HashMap<usize, SentenceFacts<'_>>,
        counts: &[Count<'_>],
    ) -> Option<Finding> {
        let numbers = article.numbers();
        let conflicting = |a: &Count<'_>, b: &Count<'_>| self.conflicting(facts, numbers, a, b);
        // The first figure that contradicts an earlier one.
        let primary =
            (1..counts.len()).find(|&i| counts[..i].iter().any(|c| conflicting(c, &counts[i])))?;
        let main = &counts[primary];
        let other = counts[..primary].iter().find(|c| conflicting(c, main))?;
        // The other figure as the article first writes it, and where it restates it (`450
        // ISIS detainees` in the lede, `Around 450 members` in a quote).
        let restatements: Vec<&NumberMention> = numbers
            .iter()
            .filter(|m| {
                m.sentence.is_some()
                    && m.kind == NumberKind::Count
                    && !m.vague
                    && m.lemma.is_some()
                    && m.value == other.mention.value
                    && m.span.start < main.mention.span.start
            })
            .take(4)
            .collect();
        let first = restatements.first().copied().unwrap_or(other.mention);
        let at = |m: &NumberMention| line(article, m.span.start);
        let mut finding = Finding::new(
            format!(
                "conflicting counts: {} against {}",
                written(article, main.mention),
                written(article, first)
            ),
            main.mention.phrase(),
            format!(
                "does not agree with {} on line {}",
                written(article, first),
                at(first)
            ),
        );
        let mut labelled: Vec<&NumberMention> = Vec::new();
        for mention in restatements.iter().copied().chain(
            counts
                .iter()
                .filter(|c| c.index != main.index)
                .filter(|c| {
                    conflicting(c, main)
                        || (c.mention.span.start > main.mention.span.start
                            && counts.iter().any(|d| conflicting(d, c)))
                })
                .map(|c| c.mention),
        ) {
            let same = |l: &NumberMention| {
                l.low == mention.low && l.high == mention.high && l.lemma == mention.lemma
            };
            let repeated = same(main.mention) || labelled.iter().any(|l| same(l));
            if !repeated && !labelled.iter().any(|l| l.span == mention.span) {
                labelled.push(mention);
            }
        }
        labelled.sort_by_key(|m| m.span.start);
        for mention in &labelled {
            finding = finding.with_secondary(
                mention.phrase(),
                format!("{} here", written(article, mention)),
            );
        }
        let mut listed = labelled.clone();
        listed.push(main.mention);
        listed.sort_by_key(|m| m.span.start);
        let figures: Vec<String> = listed
            .iter()
            .map(|m| format!("{} (line {})", written(article, m), at(m)))
            .collect();
        let listed = match figures.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            _ => figures.join(""),
        };
        finding = finding
            .with_note(format!("{listed} count the same kind of thing"))
            .with_help(
                "say how the figures relate (`of whom`, `out of`, `a total of`, `so far`) or make them agree",
            );
        Some(finding)
    }

    /// Parts that do not add up to the total stated later: `three men and two women` ...
    /// `the four victims`. The parts are counts of people (`people`) joined by `and` or commas,
    /// the total a later count of people written with `the` or `all`, every figure exact.
    fn sums(&self, article: &Article<'_>, per_sentence: &HashMap<usize, usize>) -> Vec<Finding> {
        let numbers = article.numbers();
        let exact = |m: &NumberMention| {
            m.kind == NumberKind::Count
                && !m.vague
                && !m.range
                && m.qualifier.is_none()
                && m.sentence.is_some_and(|s| {
                    per_sentence
                        .get(&s)
                        .is_some_and(|&n| n <= self.max_sentence_counts)
                })
                && m.lemma.as_ref().is_some_and(|l| self.people.contains(l))
        };
        let joined = |a: &NumberMention, b: &NumberMention| {
            a.sentence == b.sentence
                && a.phrase().end <= b.span.start
                && matches!(
                    article
                        .slice(crate::span::Span::new(a.phrase().end, b.span.start))
                        .trim(),
                    "and" | "," | ", and"
                )
        };
        let mut runs: Vec<Vec<&NumberMention>> = Vec::new();
        let mut totals: Vec<&NumberMention> = Vec::new();
        let mut i = 0;
        while i < numbers.len() && runs.len() < MAX_SUMS && totals.len() < MAX_SUMS {
            let mut run = vec![&numbers[i]];
            while let Some(next) = numbers.get(i + run.len())
                && exact(run[0])
                && exact(next)
                && joined(run[run.len() - 1], next)
                && !run.iter().any(|m| m.lemma == next.lemma)
            {
                run.push(next);
            }
            if run.len() >= 2 {
                i += run.len();
                runs.push(run);
                continue;
            }
            let m = &numbers[i];
            if exact(m) && definite(article, m) {
                totals.push(m);
            }
            i += 1;
        }
        let mut findings = Vec::new();
        for run in &runs {
            let sum: f64 = run.iter().map(|m| m.value).sum();
            let Some(total) = totals
                .iter()
                .find(|t| t.sentence > run[0].sentence && !run.iter().any(|m| m.lemma == t.lemma))
            else {
                continue;
            };
            if total.value == sum {
                continue;
            }
            let parts = crate::span::Span::new(run[0].span.start, run[run.len() - 1].phrase().end);
            findings.push(
                Finding::new(
                    format!(
                        "{} add up to {sum}, not {}",
                        article.slice(parts),
                        written(article, total)
                    ),
                    total.phrase(),
                    format!(
                        "the parts on line {} add up to {sum}",
                        line(article, parts.start)
                    ),
                )
                .with_secondary(parts, format!("{sum} here"))
                .with_help("make the parts and the total agree, or say who else the total counts"),
            );
        }
        findings
    }
}

/// Whether a count is written with `the` or `all` right before it (`the four victims`).
fn definite(article: &Article<'_>, mention: &NumberMention) -> bool {
    let text = article.text();
    let from = crate::span::floor_char_boundary(text, mention.span.start.saturating_sub(8));
    let before = text[from..mention.span.start].trim_end().to_lowercase();
    ["the", "all"].iter().any(|w| {
        before
            .strip_suffix(w)
            .is_some_and(|rest| rest.is_empty() || rest.ends_with(char::is_whitespace))
    })
}

/// Whether a token is a day of a month (`5`, `26`).
fn is_day(token: &Token) -> bool {
    token.lower.len() <= 2 && token.lower.chars().all(|c| c.is_ascii_digit())
}

/// Every phrase of `phrases` that starts at some token of `tokens`, joined by spaces.
fn collect_phrases(tokens: &[Token], phrases: &[Vec<String>], found: &mut BTreeSet<String>) {
    for i in 0..tokens.len() {
        for phrase in phrases {
            if starts_with_phrase(&tokens[i..], phrase) {
                found.insert(phrase.join(" "));
            }
        }
    }
}

fn starts_with_phrase(tokens: &[Token], phrase: &[String]) -> bool {
    phrase.len() <= tokens.len() && phrase.iter().zip(tokens).all(|(w, t)| *w == t.lower)
}

/// The share of words two sentences have in common (Jaccard).
fn similarity(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let common = small.iter().filter(|w| large.contains(*w)).count();
    let union = a.len() + b.len() - common;
    if union == 0 {
        1.0
    } else {
        common as f64 / union as f64
    }
}

/// The capitalised words near a figure: up to `NAMES_BEFORE` words before it, and up to
/// `NAMES_AFTER` after its noun before any punctuation (`arrested in Lagos`); but function
/// words (`The`, `In`), days and months, and a generic source opening the sentence (see
/// [`is_source`]).
fn names_near(
    tokens: &[Token],
    first: usize,
    next: usize,
    inner: &HashSet<String>,
) -> BTreeSet<String> {
    let opening = tokens.iter().position(|t| t.word);
    let name = |i: usize| {
        let t = &tokens[i];
        t.word
            && t.capitalized
            && !is_function_word(&t.lower)
            && !is_calendar_word(&t.lower)
            && !(Some(i) == opening && is_source(tokens, i, inner))
    };
    let before = first.saturating_sub(NAMES_BEFORE)..first;
    let after = (next..(next + NAMES_AFTER).min(tokens.len())).take_while(|&k| tokens[k].word);
    before
        .chain(after)
        .filter(|&i| name(i))
        .map(|i| tokens[i].lower.clone())
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

    fn fires(paragraphs: &[&str]) {
        let found = check(paragraphs);
        assert_eq!(found.len(), 1, "{paragraphs:?}: {found:?}");
    }

    fn silent(paragraphs: &[&str]) {
        let found = check(paragraphs);
        assert!(found.is_empty(), "{paragraphs:?}: {found:?}");
    }

    const SEED: &[&str] = &[
        "(MENAFN) Iraq has taken in 450 ISIS detainees, including senior figures, transferred from Syria, the minister said on Sunday.",
        "\u{201c}The number of ISIS members transferred to Iraq is very limited out of around 7,000 currently in Syria,\u{201d} he said. \u{201c}Around 450 members have been brought to Iraq.\u{201d}",
        "Most are foreign nationals from over 40 countries.",
        "The operation began with 150 ISIS fighters moved from a detention center to a secure location in Iraq, with plans eventually to transfer up to 7,000 detainees to Iraqi-controlled facilities.",
        "The operation began with 150 ISIS fighters moved from a detention center to a secure location in Iraq, with plans eventually to transfer up to 7,000 detainees to Iraqi-controlled facilities.",
    ];

    #[test]
    fn the_seed_story_flags_150_against_the_ledes_450_once() {
        let found = check(SEED);
        assert_eq!(
            found,
            [(
                "150 ISIS fighters".to_string(),
                vec!["450 ISIS detainees".to_string(), "450 members".to_string()]
            )]
        );
    }

    #[test]
    fn the_diagnostic_names_the_figures_as_written_and_cites_lines() {
        let text = format!("date 2026-02-02 1\nHeadline\n{}\n", SEED.join("\n"));
        let source = Source::new("t.txt", text);
        let finding = &rule().check(&Article::parse(&source))[0];
        assert_eq!(
            finding.message,
            "conflicting counts: 150 fighters against 450 detainees"
        );
        assert_eq!(
            finding.primary.message,
            "does not agree with 450 detainees on line 3"
        );
        assert_eq!(finding.secondary[0].message, "450 detainees here");
        assert_eq!(finding.secondary[1].message, "450 members here");
        assert_eq!(
            finding.notes,
            [
                "450 detainees (line 3), 450 members (line 4) and 150 fighters (line 6) count the same kind of thing"
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
    fn a_group_counted_more_than_max_counts_times_is_a_list_and_not_compared() {
        let mut options = card_options();
        options.max_counts = 2;
        assert!(check_with(&NumberConflict::build(options).unwrap(), SEED).is_empty());
    }

    #[test]
    fn a_sentence_with_more_than_max_sentence_counts_counts_is_a_table() {
        let table = "Police held 12 protesters, 4 drivers, 7 students, 9 workers and 3 farmers.";
        let mut options = card_options();
        options.max_sentence_counts = 4;
        let rule = NumberConflict::build(options).unwrap();
        let paragraphs = [table, "Police held 30 protesters."];
        assert!(check_with(&rule, &paragraphs).is_empty());
        assert_eq!(check(&paragraphs).len(), 1);
    }

    #[test]
    fn conflicts_that_must_fire() {
        let found = check(&[
            "Police said 12 protesters were arrested.",
            "A spokesman said 30 protesters were arrested.",
        ]);
        assert_eq!(
            found,
            [(
                "30 protesters".to_string(),
                vec!["12 protesters".to_string()]
            )]
        );
        // Synonyms: prisoners and inmates count the same people.
        fires(&[
            "Guards moved 200 prisoners to the new jail.",
            "The 80 inmates moved there were all men.",
        ]);
        // Four-digit counts and possessives are counts.
        fires(&[
            "The quake killed 1414 people, officials said.",
            "Rescuers said the quake killed 1,200 people.",
        ]);
        fires(&[
            "NBC's 24,000 workers went on strike on Monday.",
            "NBC's 30,000 workers went on strike on Monday.",
        ]);
    }

    #[test]
    fn a_sentence_with_two_counts_of_a_group_is_compared_only_with_its_restatement() {
        let sold = "It sold 1,815 cars in February, down from 2,129 cars a year earlier.";
        let restated = "It sold 5,446 cars in February, down from 2,129 cars a year earlier.";
        fires(&[sold, "Talks went on.", restated]);
        silent(&[sold, "Talks went on.", sold]);
        silent(&[sold, "Talks went on.", "Dealers sold 900 cars in February."]);
    }

    #[test]
    fn relation_words_beside_one_figure_settle_it() {
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
            silent(&["Around 450 members have been brought to Iraq.", second]);
        }
    }

    #[test]
    fn the_same_relation_words_beside_both_figures_of_a_restated_sentence_say_nothing() {
        for (first, second) in [
            (
                "So far 450 fighters have been moved to Iraq, officials said.",
                "So far 1,351 fighters have been moved to Iraq, officials said.",
            ),
            (
                "Of the prisoners, 45 detainees were later freed by the court.",
                "Of the prisoners, 136 detainees were later freed by the court.",
            ),
            (
                "Another 150 fighters were moved to Iraq on Sunday.",
                "Another 451 fighters were moved to Iraq on Sunday.",
            ),
        ] {
            fires(&[first, "Talks went on.", second]);
        }
        // Two totals that differ conflict, restated or not.
        fires(&[
            "A total of 150 fighters were moved to Iraq.",
            "Officials said a total of 450 fighters had been sent to Iraq.",
        ]);
    }

    #[test]
    fn hints_do_not_settle_it() {
        fires(&[
            "Around 450 members have been brought to Iraq.",
            "The first transfer began with 150 fighters moved to Iraq.",
        ]);
    }

    #[test]
    fn the_same_open_qualifier_compares_the_stated_figures() {
        fires(&[
            "At least 57 people were killed in the blast, police said.",
            "Rescuers said at least 114 people were killed in the blast.",
        ]);
        silent(&[
            "At least 57 people were killed in the blast, police said.",
            "Rescuers said at least 60 people were killed in the blast.",
        ]);
    }

    #[test]
    fn rounding_slack_is_proportional() {
        fires(&[
            "About 100 residents were evacuated from the valley.",
            "Officials said 150 residents were evacuated from the valley.",
        ]);
        silent(&[
            "About 100 residents were evacuated from the valley.",
            "Officials said 115 residents were evacuated from the valley.",
        ]);
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
            (
                "Staff numbers at the plant rose from 300 to 450 workers.",
                "The plant had 300 workers employed in May.",
            ),
        ] {
            silent(&[first, second]);
        }
    }

    #[test]
    fn different_occasions_and_entities_are_not_compared() {
        for paragraphs in [
            // Ordinal occasion markers.
            &[
                "The first study enrolled 300 patients in Ohio.",
                "The second study enrolled 450 patients in Ohio.",
            ][..],
            // Dates and periods.
            &[
                "On Nov. 5, police arrested 12 protesters in the capital.",
                "On Nov. 12, police arrested 30 protesters in the capital.",
            ][..],
            &[
                "In the quarter, the firm hired 300 workers.",
                "In the nine months, the firm hired 900 workers.",
            ][..],
            // Places named after the count.
            &[
                "Police arrested 12 protesters in Lagos.",
                "Police arrested 30 protesters in Abuja.",
            ][..],
            // A part against its whole.
            &[
                "About 1,500 workers at one local walked out on Monday.",
                "All 6,000 workers walked out on Monday.",
            ][..],
        ] {
            silent(paragraphs);
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
            silent(paragraphs);
        }
    }

    #[test]
    fn parts_that_add_up_to_the_total_agree() {
        silent(&[
            "The bank employs staff at 11 offices in Ohio and one in Columbus.",
            "The bank employs staff at 12 offices.",
        ]);
        fires(&[
            "The bank employs staff at 11 offices in Ohio.",
            "The bank employs staff at 14 offices.",
        ]);
    }

    #[test]
    fn parts_that_do_not_add_up_to_the_stated_total_conflict() {
        let text = "date 2026-02-02 1\nHeadline\nGunmen killed three men and two women on Sunday.\nThe four victims were named on Monday.\n";
        let source = Source::new("t.txt", text);
        let found = rule().check(&Article::parse(&source));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].message,
            "three men and two women add up to 5, not four victims"
        );
        assert_eq!(source.slice(found[0].primary.span), "four victims");
        assert_eq!(
            source.slice(found[0].secondary[0].span),
            "three men and two women"
        );
        silent(&[
            "Gunmen killed three men and two women on Sunday.",
            "The five victims were named on Monday.",
        ]);
        silent(&[
            "Gunmen killed three men and two women on Sunday.",
            "Four victims were named on Monday.",
        ]);
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
        assert_eq!(
            found,
            [(
                "15,000 passengers".to_string(),
                vec!["4,000 passengers".to_string()]
            )]
        );
    }

    #[test]
    fn a_generic_source_opening_the_sentence_is_not_a_name() {
        let found = check(&[
            "Police in Lagos said 12 protesters were arrested.",
            "Officials said 30 protesters were arrested.",
        ]);
        assert_eq!(
            found,
            [(
                "30 protesters".to_string(),
                vec!["12 protesters".to_string()]
            )]
        );
        // `Abuja` is capitalised inside a sentence too: a name, another place than Lagos.
        silent(&[
            "Police in Lagos said 12 protesters were arrested.",
            "Abuja said 30 protesters were arrested.",
            "Protests also took place in Abuja.",
        ]);
    }

    #[test]
    fn counts_without_roles_are_compared_when_they_share_a_name() {
        let found = check(&[
            "Toshin Steel, with 1,700 workers, gave no forecast.",
            "Toshin Steel, with 900 workers, is based in Osaka.",
        ]);
        assert_eq!(
            found,
            [("900 workers".to_string(), vec!["1,700 workers".to_string()])]
        );
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
            silent(paragraphs);
        }
    }

    #[test]
    fn bad_options_are_refused() {
        let options = |synonyms: Vec<Vec<String>>| Options {
            synonyms,
            ..card_options()
        };
        assert!(NumberConflict::build(options(vec![Vec::new()])).is_err());
        let twice = vec![
            vec!["detainee".to_string(), "prisoner".to_string()],
            vec!["inmate".to_string(), "prisoners".to_string()],
        ];
        assert!(NumberConflict::build(options(twice)).is_err());
        let mut bad = card_options();
        bad.similar = 2.0;
        assert!(NumberConflict::build(bad).is_err());
    }
}
