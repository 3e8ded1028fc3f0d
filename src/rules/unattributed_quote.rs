//! `unattributed-quote`: a quotation that no one is credited with.

use crate::article::Article;
use crate::diagnostic::Finding;
use crate::quotes::Quotation;
use crate::rule::{BuildRule, Rule};
use crate::span::Span;
use serde::Deserialize;
use std::collections::HashSet;

/// The rule's options (see its card).
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    verbs: Vec<String>,
    speakers: Vec<String>,
    pronouns: Vec<String>,
    determiners: Vec<String>,
    function_words: Vec<String>,
    passive_markers: Vec<String>,
    title_cues: Vec<String>,
    max_short_words: usize,
    title_case_titles: bool,
    max_title_words: usize,
    pronoun_before_name: bool,
}

/// Reports quotations with no speech verb and speaker near them, no colon lead-in, and no
/// attributed quotation they continue.
pub struct UnattributedQuote {
    /// Speech verbs and cue phrases, each as lower-case words.
    verbs: Vec<Vec<String>>,
    speakers: HashSet<String>,
    pronouns: HashSet<String>,
    determiners: HashSet<String>,
    function_words: HashSet<String>,
    passive_markers: HashSet<String>,
    title_cues: Vec<Vec<String>>,
    max_short_words: usize,
    title_case_titles: bool,
    max_title_words: usize,
    pronoun_before_name: bool,
}

/// Lower-case word sets from a list.
fn set(words: Vec<String>) -> HashSet<String> {
    words.into_iter().map(|w| w.to_lowercase()).collect()
}

/// Phrases as lists of lower-case words; an empty phrase is refused.
fn phrases(list: Vec<String>, option: &str) -> Result<Vec<Vec<String>>, String> {
    list.into_iter()
        .map(|phrase| {
            let words: Vec<String> = phrase.split_whitespace().map(str::to_lowercase).collect();
            if words.is_empty() {
                Err(format!("`{option}` has an empty entry"))
            } else {
                Ok(words)
            }
        })
        .collect()
}

impl BuildRule for UnattributedQuote {
    type Options = Options;

    fn build(options: Options) -> Result<Self, String> {
        Ok(UnattributedQuote {
            verbs: phrases(options.verbs, "verbs")?,
            speakers: set(options.speakers),
            pronouns: set(options.pronouns),
            determiners: set(options.determiners),
            function_words: set(options.function_words),
            passive_markers: set(options.passive_markers),
            title_cues: phrases(options.title_cues, "title-cues")?,
            max_short_words: options.max_short_words,
            title_case_titles: options.title_case_titles,
            max_title_words: options.max_title_words,
            pronoun_before_name: options.pronoun_before_name,
        })
    }
}

/// A word or a punctuation mark of a sentence, with its offset in the source.
#[derive(Clone, Copy)]
struct Token<'a> {
    start: usize,
    text: &'a str,
}

impl Token<'_> {
    fn is_word(&self) -> bool {
        self.text.starts_with(char::is_alphanumeric)
    }

    fn is_capitalised(&self) -> bool {
        self.text.starts_with(char::is_uppercase)
    }

    fn span(&self) -> Span {
        Span::new(self.start, self.start + self.text.len())
    }
}

/// The words (letters, digits, inner hyphens and apostrophes) and punctuation marks of `text`.
fn tokens(text: &str, offset: usize) -> Vec<Token<'_>> {
    let mut found = Vec::new();
    let mut word_start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let in_word = c.is_alphanumeric()
            || (word_start.is_some() && matches!(c, '-' | '\'' | '’' | '.'))
                && text[i + c.len_utf8()..].starts_with(char::is_alphanumeric);
        if in_word {
            word_start.get_or_insert(i);
            continue;
        }
        if let Some(start) = word_start.take() {
            found.push(Token {
                start: start + offset,
                text: &text[start..i],
            });
        }
        if !c.is_whitespace() {
            found.push(Token {
                start: i + offset,
                text: &text[i..i + c.len_utf8()],
            });
        }
    }
    if let Some(start) = word_start {
        found.push(Token {
            start: start + offset,
            text: &text[start..],
        });
    }
    found
}

/// How a speaker is named.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Speaker {
    /// A name, a title or a noun phrase.
    Named,
    /// A personal pronoun only (`he`, `she`).
    Pronoun(Span),
}

/// Whether a token ends the search for a speaker.
fn is_boundary(token: &Token<'_>) -> bool {
    matches!(
        token.text,
        ";" | "." | "?" | "!" | ":" | "\"" | "“" | "”" | "(" | ")"
    )
}

impl UnattributedQuote {
    /// The speakers of the speech verbs of a (masked) sentence.
    fn attributions(&self, tokens: &[Token<'_>]) -> Vec<Speaker> {
        let mut found = Vec::new();
        let lower: Vec<String> = tokens.iter().map(|t| t.text.to_lowercase()).collect();
        for i in 0..tokens.len() {
            let Some(verb) = self.verbs.iter().find(|verb| {
                lower
                    .get(i..i + verb.len())
                    .is_some_and(|words| words == verb.as_slice())
            }) else {
                continue;
            };
            if i > 0 && self.passive_markers.contains(&lower[i - 1]) {
                continue;
            }
            let backward = (0..i).rev().take(10);
            let forward = (i + verb.len()..tokens.len()).take(5);
            let speaker = self
                .speaker_in(tokens, &lower, backward)
                .or_else(|| self.speaker_in(tokens, &lower, forward));
            found.extend(speaker);
        }
        found
    }

    /// The nearest speaker among the tokens at `indices`, stopping at a boundary.
    fn speaker_in(
        &self,
        tokens: &[Token<'_>],
        lower: &[String],
        indices: impl Iterator<Item = usize>,
    ) -> Option<Speaker> {
        for i in indices {
            let token = &tokens[i];
            if is_boundary(token) {
                return None;
            }
            if !token.is_word() {
                continue;
            }
            let word = &lower[i];
            if self.pronouns.contains(word) {
                return Some(Speaker::Pronoun(token.span()));
            }
            let after_determiner = i > 0 && self.determiners.contains(&lower[i - 1]);
            if self.speakers.contains(word)
                || after_determiner && !self.function_words.contains(word)
                || token.is_capitalised() && !self.function_words.contains(word)
            {
                return Some(Speaker::Named);
            }
        }
        None
    }

    /// Whether the quotation needs no speaker: a short phrase, or a title.
    fn is_exempt(&self, article: &Article<'_>, quotation: &Quotation, masked: &str) -> bool {
        let content = article.slice(quotation.content);
        let words: Vec<&str> = content.split_whitespace().collect();
        if words.len() <= self.max_short_words {
            return true;
        }
        let paragraph = article.paragraphs[quotation.paragraph].span;
        let before = &masked[paragraph.start..quotation.span.start];
        let before: Vec<String> = before
            .split_whitespace()
            .rev()
            .take(3)
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .collect();
        let cued = self.title_cues.iter().any(|cue| {
            cue.len() <= before.len() && cue.iter().rev().zip(&before).all(|(a, b)| a == b)
        });
        if cued {
            return true;
        }
        self.title_case_titles
            && words.len() <= self.max_title_words
            && !content.trim_end().ends_with(['.', ',', '!', '?'])
            && words.first().is_some_and(|w| w.starts_with(char::is_uppercase))
            && words.iter().all(|w| {
                w.starts_with(|c: char| c.is_uppercase() || !c.is_alphabetic())
                    || self.function_words.contains(&w.to_lowercase())
            })
    }

    /// Whether the quotation follows a colon lead-in: in its paragraph, or at the end of the
    /// previous paragraph when the quotation opens its paragraph.
    fn after_colon(article: &Article<'_>, quotation: &Quotation, masked: &str) -> bool {
        let paragraph = article.paragraphs[quotation.paragraph].span;
        let before = masked[paragraph.start..quotation.span.start].trim_end();
        if before.ends_with(':') {
            return true;
        }
        before.is_empty()
            && quotation.paragraph > 0
            && article
                .slice(article.paragraphs[quotation.paragraph - 1].span)
                .trim_end()
                .ends_with(':')
    }
}

/// The text with the content of every top-level quotation blanked out (same byte offsets).
/// An unclosed quotation is left as is: where its words end is unknown.
fn masked_text(article: &Article<'_>) -> String {
    let mut bytes = article.text().as_bytes().to_vec();
    for quotation in article.quotes.top_level().filter(|q| !q.is_unclosed()) {
        bytes[quotation.content.range()].fill(b' ');
    }
    // Blanking whole quotations keeps every remaining character intact.
    String::from_utf8(bytes).unwrap_or_default()
}

/// Where the first name-like word of the body is: a capitalised word that is not the first of
/// its sentence, or one followed by another capitalised word, outside quotations.
fn first_name(article: &Article<'_>, masked: &str, rule: &UnattributedQuote) -> Option<usize> {
    for sentence in &article.sentences {
        let words = tokens(sentence.span.slice(masked), sentence.span.start);
        let words: Vec<&Token<'_>> = words.iter().filter(|t| t.is_word()).collect();
        for (i, word) in words.iter().enumerate() {
            let lower = word.text.to_lowercase();
            let named = word.is_capitalised()
                && !rule.function_words.contains(&lower)
                && !rule.pronouns.contains(&lower)
                && (i > 0 || words.get(1).is_some_and(|next| next.is_capitalised()));
            if named || rule.speakers.contains(&lower) {
                return Some(word.start);
            }
        }
    }
    None
}

impl Rule for UnattributedQuote {
    fn check(&self, article: &Article<'_>) -> Vec<Finding> {
        let quotations: Vec<&Quotation> = article.quotes.top_level().collect();
        if quotations.is_empty() {
            return Vec::new();
        }
        let masked = masked_text(article);
        let per_sentence: Vec<Vec<Speaker>> = article
            .sentences
            .iter()
            .map(|s| self.attributions(&tokens(s.span.slice(&masked), s.span.start)))
            .collect();

        let mut findings = Vec::new();
        let mut chain_start = 0;
        while chain_start < quotations.len() {
            let mut chain_end = chain_start + 1;
            while chain_end < quotations.len()
                && quotations[chain_end - 1].runs_on
                && quotations[chain_end].continued
            {
                chain_end += 1;
            }
            let chain = &quotations[chain_start..chain_end];
            chain_start = chain_end;
            let first = chain[0];
            if chain.len() == 1 && self.is_exempt(article, first, &masked) {
                continue;
            }
            let mut speakers = Vec::new();
            let mut colon = false;
            for quotation in chain {
                colon |= Self::after_colon(article, quotation, &masked);
                for index in context(article, quotation) {
                    speakers.extend(&per_sentence[index]);
                }
            }
            if speakers.is_empty() && !colon {
                findings.push(
                    Finding::new(
                        "quotation has no speaker",
                        first.span,
                        "no one is credited with these words",
                    )
                    .with_note(
                        "a quotation needs a speech verb and a speaker in its paragraph, a \
                         colon lead-in, or an attributed quotation it continues",
                    )
                    .with_help("name who said it, such as `, Smith said`"),
                );
                continue;
            }
            if !self.pronoun_before_name || colon {
                continue;
            }
            let pronouns: Vec<Span> = speakers
                .iter()
                .map(|s| match s {
                    Speaker::Pronoun(span) => Some(*span),
                    Speaker::Named => None,
                })
                .collect::<Option<_>>()
                .unwrap_or_default();
            let Some(&pronoun) = pronouns.first() else {
                continue;
            };
            if first_name(article, &masked, self).is_none_or(|named| named > pronoun.start) {
                findings.push(
                    Finding::new(
                        format!(
                            "quotation is credited to `{}` before anyone is named",
                            article.slice(pronoun)
                        ),
                        first.span,
                        "the speaker of these words is not named",
                    )
                    .with_secondary(pronoun, "refers to no one named so far")
                    .with_note("a pronoun credits a speaker only once the story has named them")
                    .with_help("name who said it, such as `, Smith said`"),
                );
            }
        }
        findings
    }
}

/// The sentences a quotation's attribution may sit in: the sentences it overlaps, and one on
/// each side in the same paragraph.
fn context(article: &Article<'_>, quotation: &Quotation) -> std::ops::Range<usize> {
    let paragraph = &article.paragraphs[quotation.paragraph];
    let range = paragraph.sentences.clone();
    let sentences = &article.sentences[range.clone()];
    let first = sentences
        .iter()
        .position(|s| s.span.end > quotation.span.start)
        .unwrap_or(sentences.len());
    let last = sentences
        .iter()
        .rposition(|s| s.span.start < quotation.span.end)
        .unwrap_or(first);
    let start = range.start + first.saturating_sub(1);
    let end = (range.start + last + 2).min(range.end);
    start..end.max(start)
}
