//! Which counts count the same thing: the synonym groups and ignored nouns of the number rules,
//! and how two counts compare. Shared by `number-conflict` and `headline-number`.

use crate::article::Article;
use crate::numbers::{NumberKind, NumberMention, lemma};
use crate::span::Span;
use std::collections::{HashMap, HashSet};

/// Which counted nouns count the same thing: synonym groups and nouns never compared. Shared
/// with `headline-number`.
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

    /// The group a count belongs to, or `None` when it is not a count of things the rules
    /// compare (money, percentages, units of measure, no noun).
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

/// Whether two counts of one group may count the same things: their modifiers do not tell
/// them apart (`12 Iraqi soldiers` and `5 U.S. soldiers` are different groups).
pub fn comparable(a: &NumberMention, b: &NumberMention) -> bool {
    a.modifiers.is_empty() || b.modifiers.is_empty() || a.modifiers == b.modifiers
}

/// Whether the ranges of two figures overlap.
pub fn agree(a: &NumberMention, b: &NumberMention) -> bool {
    a.low <= b.high && b.low <= a.high
}

/// A word in singular lower case.
fn normal(word: &str) -> String {
    let lower = word.trim().to_lowercase();
    lemma(&lower)
}

/// A figure with its noun as written: `150 fighters`, `Hundreds of Detainees`.
pub fn written(article: &Article<'_>, mention: &NumberMention) -> String {
    let figure = article.slice(mention.span);
    match mention.noun {
        Some(noun) if noun.start > mention.span.end && mention.vague => article
            .slice(Span::new(mention.span.start, noun.end))
            .to_string(),
        Some(noun) => format!("{figure} {}", article.slice(noun)),
        None => figure.to_string(),
    }
}
