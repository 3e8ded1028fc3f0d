//! Which counts count the same thing, and how two counts compare: the synonym groups, ignored
//! nouns and role words of the number rules, the words around a count, and the sums a
//! sentence states (`11 offices in Ohio and one in Columbus`). Shared by `number-conflict` and
//! `headline-number`.

use crate::article::Article;
use crate::numbers::{
    NumberKind, NumberMention, QualifierKind, Token, is_function_word, lemma, number_word,
};
use crate::span::Span;
use std::collections::{BTreeSet, HashMap, HashSet};

/// Which counted nouns count the same thing: synonym groups and nouns never compared.
pub struct Groups {
    key: HashMap<String, String>,
    ignore: HashSet<String>,
}

impl Groups {
    /// Groups from the cards' `synonyms` and `ignore-nouns` (singulars or plurals, any case).
    pub fn new(synonyms: &[Vec<String>], ignore: &[String]) -> Result<Groups, String> {
        let mut key = HashMap::new();
        for group in synonyms {
            let Some(first) = group.first() else {
                return Err("`synonyms` has an empty group".to_string());
            };
            let name = normal(first);
            for word in group {
                if let Some(other) = key.insert(normal(word), name.clone())
                    && other != name
                {
                    return Err(format!("`{word}` is in two `synonyms` groups"));
                }
            }
        }
        Ok(Groups {
            key,
            ignore: ignore.iter().map(|w| normal(w)).collect(),
        })
    }

    /// Whether a counted noun (singular, lower case) is one the rules never compare.
    pub fn ignores(&self, lemma: &str) -> bool {
        self.ignore.contains(lemma)
    }

    /// The group a count belongs to, or `None` when it is not a count of things the rules
    /// compare (money, percentages, measures, fractions, no noun).
    pub fn of(&self, mention: &NumberMention) -> Option<String> {
        if mention.kind != NumberKind::Count {
            return None;
        }
        let lemma = mention.lemma.as_deref()?;
        // `12,000 tonne cargoes`: a unit among the modifiers makes it a measure.
        if self.ignore.contains(lemma) || mention.modifiers.iter().any(|m| self.ignore.contains(m))
        {
            return None;
        }
        Some(
            self.key
                .get(lemma)
                .cloned()
                .unwrap_or_else(|| lemma.to_string()),
        )
    }
}

/// What happens to the counted things (`brought`, `moved` and `transferred` are one role):
/// the cards' `roles`, each group named by its first word.
pub struct Roles {
    name: HashMap<String, String>,
}

impl Roles {
    /// Roles from a card's `roles` groups.
    pub fn new(groups: &[Vec<String>]) -> Roles {
        Roles {
            name: groups
                .iter()
                .flat_map(|group| {
                    let name = group.first().cloned().unwrap_or_default().to_lowercase();
                    group.iter().map(move |w| (w.to_lowercase(), name.clone()))
                })
                .collect(),
        }
    }

    /// The role group of a word, if it is in one.
    pub fn of(&self, word: &str) -> Option<&str> {
        self.name.get(word).map(String::as_str)
    }

    /// The content words within three words before the figure (from `first`, its first
    /// token) and three after its noun (from `next`, the token after it), up to punctuation,
    /// with words of a role group replaced by the group's name. Names (capitalised words) are
    /// context, not roles, unless the sentence is in capitals.
    pub fn around(
        &self,
        tokens: &[Token],
        first: usize,
        next: usize,
        shouting: bool,
    ) -> BTreeSet<String> {
        let before = tokens[first.saturating_sub(3)..first]
            .iter()
            .rev()
            .take_while(|t| t.word);
        let after = tokens[next.min(tokens.len())..]
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
            .map(|t| self.of(&t.lower).unwrap_or(&t.lower).to_string())
            .collect()
    }
}

/// Where a mention sits in its sentence's tokens: the first token of its qualifier or figure,
/// and the token after its figure and noun.
pub fn token_range(tokens: &[Token], mention: &NumberMention) -> (usize, usize) {
    let start = mention
        .qualifier
        .map_or(mention.span.start, |q| q.span.start);
    let end = mention
        .noun
        .map_or(mention.span.end, |noun| noun.end.max(mention.span.end));
    let first = tokens.partition_point(|t| t.span.start < start);
    let next = tokens.partition_point(|t| t.span.start < end);
    (first, next)
}

/// The figures stated after a count in its clause without a noun of their own, which add to
/// it: `11 offices in Ohio and one in Columbus` is 12 offices (`next` is the token after the
/// count's noun). `None` when there are none.
pub fn elliptic_sum(tokens: &[Token], next: usize, value: f64) -> Option<f64> {
    let mut total = value;
    let mut found = false;
    let mut k = next;
    let end = (next + 16).min(tokens.len());
    while k < end {
        let lower = tokens[k].lower.as_str();
        if matches!(lower, "." | ";" | ":" | "(" | ")") {
            break;
        }
        let joined = matches!(lower, "and" | ",");
        if joined
            && let Some(part) = tokens.get(k + 1).and_then(|t| number_word(&t.lower))
            && tokens.get(k + 2).is_none_or(|t| {
                !t.word || matches!(t.lower.as_str(), "in" | "at" | "on" | "for" | "from")
            })
        {
            total += part;
            found = true;
            k += 2;
            continue;
        }
        // Another count with its own noun ends the list.
        if lower.starts_with(|c: char| c.is_ascii_digit()) {
            break;
        }
        k += 1;
    }
    found.then_some(total)
}

/// Whether two counts of one group may count the same things: their modifiers do not tell
/// them apart, one's being among the other's (`food stores` and `retail food stores`; not
/// `12 Iraqi soldiers` and `5 U.S. soldiers`).
pub fn comparable(a: &NumberMention, b: &NumberMention) -> bool {
    let (small, large) = if a.modifiers.len() <= b.modifiers.len() {
        (a, b)
    } else {
        (b, a)
    };
    small.modifiers.iter().all(|m| large.modifiers.contains(m))
}

/// Whether two figures can both be right: their ranges overlap, or one is the figure the other
/// changed from, or both have the same open qualifier (`at least 57`, `at least 114`) and the
/// stated figures are within the rounding share (`rounding`) of each other.
pub fn agree(a: &NumberMention, b: &NumberMention, rounding: f64) -> bool {
    let open = |m: &NumberMention| {
        m.qualifier
            .map(|q| q.kind)
            .filter(|k| matches!(k, QualifierKind::AtLeast | QualifierKind::AtMost))
    };
    if let (Some(x), Some(y)) = (open(a), open(b))
        && x == y
        && !a.range
        && !b.range
    {
        return (a.value - b.value).abs() <= rounding * a.value.abs().max(b.value.abs());
    }
    let within = |m: &NumberMention, v: f64| m.low <= v && v <= m.high;
    (a.low <= b.high && b.low <= a.high)
        || a.previous.is_some_and(|v| within(b, v))
        || b.previous.is_some_and(|v| within(a, v))
}

/// A word in singular lower case.
fn normal(word: &str) -> String {
    let lower = word.trim().to_lowercase();
    lemma(&lower)
}

/// A figure with its noun as written: `150 fighters`, `Hundreds of Detainees`, `Around 450
/// members` without its qualifier.
pub fn written(article: &Article<'_>, mention: &NumberMention) -> String {
    let figure = article.slice(mention.span);
    match mention.noun {
        Some(noun) if noun.start > mention.span.end && mention.vague => article
            .slice(Span::new(mention.span.start, noun.end))
            .to_string(),
        Some(noun) if noun.start >= mention.span.end => {
            format!("{figure} {}", article.slice(noun))
        }
        _ => figure.to_string(),
    }
}

/// The 1-based line of a byte offset, for notes that cite lines.
pub fn line(article: &Article<'_>, offset: usize) -> usize {
    article.source().lines().line_of(offset) + 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::numbers::{find_numbers, tokenize};

    fn mentions(text: &str) -> Vec<NumberMention> {
        find_numbers(text, Span::new(0, text.len()), false)
    }

    #[test]
    fn modifiers_may_be_a_subset() {
        let a = &mentions("It sold eight food stores.")[0];
        let b = &mentions("It has nine retail food stores.")[0];
        let c = &mentions("It has nine Ohio stores.")[0];
        assert!(comparable(a, b));
        assert!(!comparable(a, c));
    }

    #[test]
    fn the_same_open_qualifier_compares_the_stated_figures() {
        let a = &mentions("At least 57 people died.")[0];
        let b = &mentions("At least 114 people died.")[0];
        let c = &mentions("At least 60 people died.")[0];
        assert!(!agree(a, b, 0.1));
        assert!(agree(a, c, 0.1));
        let d = &mentions("Up to 100 people died.")[0];
        assert!(agree(a, d, 0.1), "open the other way, the ranges overlap");
    }

    #[test]
    fn a_change_agrees_with_where_it_started() {
        let a = &mentions("Staff rose from 300 to 450 workers.")[0];
        let b = &mentions("It had 300 workers.")[0];
        assert!(agree(a, b, 0.1));
    }

    #[test]
    fn sums_of_elliptic_parts() {
        let text = "It has 11 offices in Ohio and one in Columbus.";
        let tokens = tokenize(text, Span::new(0, text.len()));
        let m = &mentions(text)[0];
        let (_, next) = token_range(&tokens, m);
        assert_eq!(elliptic_sum(&tokens, next, m.value), Some(12.0));
        let text = "It has 11 offices in Ohio and 30 staff.";
        let tokens = tokenize(text, Span::new(0, text.len()));
        let m = &mentions(text)[0];
        let (_, next) = token_range(&tokens, m);
        assert_eq!(elliptic_sum(&tokens, next, m.value), None);
    }
}
