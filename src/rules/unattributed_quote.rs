//! `unattributed-quote`: a quotation that no one is credited with.

use crate::article::Article;
use crate::diagnostic::Finding;
use crate::quotes::Quotation;
use crate::rule::{BuildRule, Rule};
use crate::span::Span;
use crate::text::{phrases, word_set};
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
    carry_over: bool,
    partial_quote_subject: bool,
    subject_lead_in: bool,
    time_words: Vec<String>,
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
    carry_over: bool,
    partial_quote_subject: bool,
    subject_lead_in: bool,
    /// Words that make `by ...` a time, not an agent.
    time_words: HashSet<String>,
}

impl BuildRule for UnattributedQuote {
    type Options = Options;

    fn build(options: Options) -> Result<Self, String> {
        Ok(UnattributedQuote {
            verbs: phrases(&options.verbs, "verbs")?,
            speakers: word_set(&options.speakers),
            pronouns: word_set(&options.pronouns),
            determiners: word_set(&options.determiners),
            function_words: word_set(&options.function_words),
            passive_markers: word_set(&options.passive_markers),
            title_cues: phrases(&options.title_cues, "title-cues")?,
            max_short_words: options.max_short_words,
            title_case_titles: options.title_case_titles,
            max_title_words: options.max_title_words,
            pronoun_before_name: options.pronoun_before_name,
            carry_over: options.carry_over,
            partial_quote_subject: options.partial_quote_subject,
            subject_lead_in: options.subject_lead_in,
            time_words: word_set(&options.time_words),
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

/// Whether a token ends the search for a speaker. (A period inside a sentence ends an
/// abbreviation, and brackets hold asides such as a party and state.)
fn is_boundary(token: &Token<'_>) -> bool {
    matches!(token.text, ";" | ":" | "\"" | "“" | "”")
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
            // The word right before a speech verb is its subject (`azpurua said`, `May wrote`),
            // unless it is a function word in lower case (`also said`).
            let subject = i
                .checked_sub(1)
                .filter(|&j| {
                    tokens[j].is_word()
                        && (tokens[j].is_capitalised() || !self.function_words.contains(&lower[j]))
                })
                .map(|j| match self.pronouns.contains(&lower[j]) {
                    true => Speaker::Pronoun(tokens[j].span()),
                    false => Speaker::Named,
                });
            let speaker = subject
                .or_else(|| self.speaker_in(tokens, &lower, backward))
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
            && !content.trim_end().ends_with(['.', ','])
            && words
                .first()
                .is_some_and(|w| w.starts_with(char::is_uppercase))
            && words.iter().all(|w| {
                w.starts_with(|c: char| c.is_uppercase() || !c.is_alphabetic())
                    || self.function_words.contains(&w.to_lowercase())
            })
    }

    /// Whether a partial quotation (opening inside its sentence, on a lower-case word) sits in
    /// a sentence whose subject is a speaker: a name, a title or a pronoun among its first words.
    fn has_subject(&self, article: &Article<'_>, quotation: &Quotation, masked: &str) -> bool {
        let content = article.slice(quotation.content);
        if !content.starts_with(char::is_lowercase) {
            return false;
        }
        let paragraph = &article.paragraphs[quotation.paragraph];
        let Some(sentence) = article.sentences[paragraph.sentences.clone()]
            .iter()
            .find(|s| s.span.start <= quotation.span.start && quotation.span.start < s.span.end)
        else {
            return false;
        };
        let before = &masked[sentence.span.start..quotation.span.start];
        let words = tokens(before, sentence.span.start);
        words.iter().filter(|t| t.is_word()).take(4).any(|t| {
            let word = t.text.to_lowercase();
            self.pronouns.contains(&word)
                || self.speakers.contains(&word)
                || t.is_capitalised() && !self.function_words.contains(&word)
        })
    }

    /// Whether the quotation opens its sentence right after a sentence of the same paragraph
    /// whose subject is a speaker: as its first word a name (a word the article capitalises
    /// inside a sentence too) or a pronoun (`Kerr applauded the move. "It was ..."`).
    fn after_subject_lead_in(
        &self,
        article: &Article<'_>,
        quotation: &Quotation,
        masked: &str,
    ) -> bool {
        let paragraph = &article.paragraphs[quotation.paragraph];
        let sentences = &article.sentences[paragraph.sentences.clone()];
        let Some(index) = sentences
            .iter()
            .position(|s| s.span.start == quotation.span.start)
        else {
            return false;
        };
        let Some(previous) = index.checked_sub(1).map(|i| sentences[i]) else {
            return false;
        };
        let words = tokens(previous.span.slice(masked), previous.span.start);
        words.iter().find(|t| t.is_word()).is_some_and(|first| {
            let lower = first.text.to_lowercase();
            self.pronouns.contains(&lower) || article.inner_capitals().contains(&lower)
        })
    }

    /// Whether the quotation is followed by its agent, as in a passive: `deemed "not in the
    /// interests of the company" by the board`, `"...", by Smith`.
    fn by_agent(&self, article: &Article<'_>, quotation: &Quotation, masked: &str) -> bool {
        let paragraph = article.paragraphs[quotation.paragraph].span;
        let after = &masked[quotation.span.end..paragraph.end];
        let words: Vec<String> = tokens(after, quotation.span.end)
            .into_iter()
            .filter(|t| t.is_word())
            .take(3)
            .map(|t| t.text.to_string())
            .collect();
        let is_time = |word: &str| self.time_words.contains(&word.to_lowercase());
        match words.as_slice() {
            // `by Friday`, `by the end of the month`, `by the way` are not agents.
            [by, agent, next @ ..] if by == "by" && !is_time(agent) => {
                let determiner = self.determiners.contains(&agent.to_lowercase());
                (agent.starts_with(char::is_uppercase) && !determiner)
                    || (determiner && next.first().is_some_and(|noun| !is_time(noun)))
            }
            _ => false,
        }
    }

    /// Whether the quotation follows a speaker heading: a line that opens with a dash and a few
    /// words naming someone, then the quotation (`- Bolton boss Sam Allardyce "I am ..."`).
    fn after_heading(article: &Article<'_>, quotation: &Quotation, masked: &str) -> bool {
        let paragraph = article.paragraphs[quotation.paragraph].span;
        let before = &masked[paragraph.start..quotation.span.start];
        let before = before[before.rfind('\n').map_or(0, |i| i + 1)..].trim();
        let Some(heading) = ["- ", "– ", "— "]
            .iter()
            .find_map(|dash| before.strip_prefix(dash))
        else {
            return false;
        };
        let words: Vec<&str> = heading.split_whitespace().collect();
        // A name: a capitalised word after the first, or a first word the article capitalises
        // inside a sentence too (`- Bolton boss Sam Allardyce`, not `- The mood is grim`).
        let named = words
            .iter()
            .skip(1)
            .any(|w| w.starts_with(char::is_uppercase))
            || words
                .first()
                .is_some_and(|w| article.inner_capitals().contains(&w.to_lowercase()));
        (1..=8).contains(&words.len()) && named
    }

    /// Whether the quotation follows a colon lead-in: in its paragraph, or at the end of the
    /// previous paragraph when the quotation opens its paragraph.
    fn after_colon(article: &Article<'_>, quotation: &Quotation, masked: &str) -> bool {
        let paragraph = article.paragraphs[quotation.paragraph].span;
        let before = masked[paragraph.start..quotation.span.start].trim_end();
        if before.ends_with(':') {
            return true;
        }
        opens_paragraph(article, quotation, masked)
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
    for quotation in article.quotes().top_level().filter(|q| !q.is_unclosed()) {
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
        let quotations: Vec<&Quotation> = article.quotes().top_level().collect();
        if quotations.is_empty() {
            return Vec::new();
        }
        let masked = masked_text(article);
        let per_sentence: Vec<Vec<Speaker>> = article
            .sentences
            .iter()
            .map(|s| self.attributions(&tokens(s.span.slice(&masked), s.span.start)))
            .collect();

        // Whether each paragraph ends with a speaker that a quotation opening the next one
        // continues: an attribution in its last sentence, or an attributed quotation there.
        let mut hands_over: Vec<bool> = article
            .paragraphs
            .iter()
            .map(|p| {
                p.sentences
                    .clone()
                    .next_back()
                    .is_some_and(|last| !per_sentence[last].is_empty())
            })
            .collect();
        let mut findings = Vec::new();
        // The end of the last quotation seen, and whether it was attributed.
        let mut previous: Option<(usize, bool)> = None;
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
                previous = None;
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
            let last = chain[chain.len() - 1];
            let carried = self.carry_over
                && opens_paragraph(article, first, &masked)
                && first.paragraph > 0
                && hands_over[first.paragraph - 1];
            let follows = self.carry_over
                && previous.is_some_and(|(end, attributed)| {
                    attributed && masked[end..first.span.start].trim().is_empty()
                });
            let partial = self.partial_quote_subject && self.has_subject(article, first, &masked);
            let lead_in =
                self.subject_lead_in && self.after_subject_lead_in(article, first, &masked);
            let agent = lead_in
                || self.by_agent(article, last, &masked)
                || Self::after_heading(article, first, &masked);
            let attributed =
                !speakers.is_empty() || colon || carried || follows || partial || agent;
            previous = Some((last.span.end, attributed));
            let paragraph = &article.paragraphs[last.paragraph];
            let ends_paragraph = paragraph
                .sentences
                .clone()
                .next_back()
                .is_some_and(|s| article.sentences[s].span.start < last.span.end);
            if ends_paragraph {
                hands_over[last.paragraph] = attributed;
            }
            if !attributed {
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
            if !self.pronoun_before_name || colon || speakers.is_empty() {
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

/// Whether the quotation opens its paragraph.
fn opens_paragraph(article: &Article<'_>, quotation: &Quotation, masked: &str) -> bool {
    let paragraph = article.paragraphs[quotation.paragraph].span;
    masked[paragraph.start..quotation.span.start]
        .trim()
        .is_empty()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::CARDS;
    use crate::source::Source;
    use serde::de::IntoDeserializer;

    /// The card's default options.
    fn options() -> Options {
        let card = CARDS
            .iter()
            .find(|c| c.name == "unattributed-quote")
            .unwrap();
        let table = toml::Spanned::new(0..0, card.options.clone());
        Options::deserialize(table.into_deserializer()).unwrap()
    }

    /// The rule with its card's default options.
    fn rule() -> UnattributedQuote {
        UnattributedQuote::build(options()).unwrap()
    }

    /// The messages and flagged text of the findings on a body (one paragraph a line).
    fn check(body: &str) -> Vec<(String, String)> {
        let source = Source::new("t.txt", format!("date 2026-02-02 1\nHeadline\n{body}\n"));
        rule()
            .check(&Article::parse(&source))
            .into_iter()
            .map(|f| (f.message, source.slice(f.primary.span).to_string()))
            .collect()
    }

    const LEAD: &str = "Port workers led by Ann Lee walked out on Sunday.";

    fn silent(body: &str) {
        let findings = check(&format!("{LEAD}\n{body}"));
        assert!(findings.is_empty(), "{body}: {findings:?}");
    }

    fn flagged(body: &str) -> Vec<String> {
        check(&format!("{LEAD}\n{body}"))
            .into_iter()
            .map(|(_, text)| text)
            .collect()
    }

    #[test]
    fn the_seed_article_forms_are_attributed() {
        // The attribution forms of the shared seed article, written afresh.
        let source = Source::new(
            "seed.txt",
            "date 2026-02-02 1\nHead\n(MENAFN) Iraq took 450 detainees, minister Hisham al-Alawi said.\n\
             “Few were moved out of the camps so far,” Alawi said. “Most remain. They differ.”\n\
             He added that some are Iraqi. “We sought their return over the past period,” he said.\n\
             “For years, Iraq has urged their countries to take them back,” he noted.\n",
        );
        assert!(rule().check(&Article::parse(&source)).is_empty());
    }

    #[test]
    fn attribution_after_the_quote() {
        silent("“We will not go back until the port is safe,” Lee said.");
        silent("\"We will not go back until the port is safe,\" said Lee, who leads the union.");
        silent("“We will not go back until the port is safe,” the union said in a statement.");
    }

    #[test]
    fn attribution_before_the_quote() {
        silent(
            "Lee told reporters the strike would go on. “We will not go back until it is safe.”",
        );
        silent("Lee said “we will not go back until the port is safe” and left.");
    }

    #[test]
    fn attribution_split_around_the_quote() {
        silent("“We will not go back,” she said, “until the port is safe for every one of us.”");
    }

    #[test]
    fn colon_introduction() {
        silent("Lee added: “We will not go back until the port is safe for us.”");
        silent("In a letter to members, Lee wrote:\n“We will not go back until the port is safe.”");
    }

    #[test]
    fn a_passive_with_its_agent_is_attributed() {
        silent("The offer was deemed “not in the best interests of the company” by the board.");
        silent("The plan was called “a reckless gamble for the whole port” by Lee on Monday.");
        assert_eq!(
            flagged("The offer was “not in the best interests of the company” by any measure."),
            ["“not in the best interests of the company”"]
        );
        for time in ["by Friday.", "by the end of the month.", "by the way."] {
            let body = format!(
                "The plan is simple. “We will finish the work before the season starts” {time}"
            );
            assert_eq!(flagged(&body).len(), 1, "{body}");
        }
    }

    #[test]
    fn a_speaker_heading_attributes_its_quotation() {
        silent("- Union leader Ann Lee “We will not go back until the port is safe for all.”");
        assert_eq!(
            flagged("- “We will not go back until the port is safe for all of us.”"),
            ["“We will not go back until the port is safe for all of us.”"]
        );
        assert_eq!(
            flagged("- The mood is grim “It was the hardest week any of us has had.”").len(),
            1
        );
    }

    #[test]
    fn a_subject_lead_in_attributes_only_when_switched_on() {
        let body =
            "Lee praised the crews. “It was the hardest week any of us has had at the port.”";
        assert_eq!(flagged(body).len(), 1);
        let mut options = options();
        options.subject_lead_in = true;
        let rule = UnattributedQuote::build(options).unwrap();
        let source = Source::new(
            "t.txt",
            format!("date 2026-02-02 1\nHeadline\n{LEAD}\n{body}\n"),
        );
        assert!(rule.check(&Article::parse(&source)).is_empty());
        let unnamed =
            "The crews worked on. “It was the hardest week any of us has had at the port.”";
        let source = Source::new(
            "t.txt",
            format!("date 2026-02-02 1\nHeadline\n{LEAD}\n{unnamed}\n"),
        );
        assert_eq!(rule.check(&Article::parse(&source)).len(), 1);
    }

    #[test]
    fn according_to() {
        silent("“The port will stay shut for a week at least,” according to a union memo.");
    }

    #[test]
    fn running_quote_continues_its_attribution() {
        silent(
            "“We will stay out,” Lee said. “We have work to do.\n“The port will wait for us.\n“Then we go back.”",
        );
        assert_eq!(
            flagged("“We have work to do.\n“The port will wait for us.”"),
            ["“We have work to do."]
        );
    }

    #[test]
    fn a_quote_paragraph_after_an_attributed_one_keeps_its_speaker() {
        silent(
            "“We will stay out,” Lee said.\n“The port will wait for us, and so will the ships.”",
        );
    }

    #[test]
    fn short_phrases_and_titles_need_no_speaker() {
        silent("The deal was called “a historic step for the port” by some.");
        silent("The strike was dubbed “the long walk out of the docks” in the press.");
        silent("He is known as “the man who shut the port for good” locally.");
        silent("The talks were “very tough” for everyone.");
        silent("The union released a song, “Stand Up For The Port Workers”, on Monday.");
    }

    #[test]
    fn quotations_with_no_speaker_are_flagged() {
        assert_eq!(
            flagged("The strike began at dawn. “We will not go back until the port is safe.”"),
            ["“We will not go back until the port is safe.”"]
        );
        assert_eq!(
            flagged("The main worry was that “the port will close for good this year”."),
            ["“the port will close for good this year”"]
        );
        assert_eq!(
            flagged("The strike began. “The port will close for good,” it was said."),
            ["“The port will close for good,”"]
        );
    }

    #[test]
    fn a_partial_quote_in_a_sentence_about_its_speaker() {
        silent("Lee also promised “a long and hard fight for every job” on Monday.");
    }

    #[test]
    fn speech_verbs_inside_quotations_do_not_attribute() {
        assert_eq!(
            flagged("The strike began. “They said we would be paid by now, and we were not.”"),
            ["“They said we would be paid by now, and we were not.”"]
        );
    }

    #[test]
    fn mixed_curly_and_straight_marks_and_apostrophes() {
        silent("“It’s the port’s last chance,\" Lee said. \"We’re in the ’90s again,” she added.");
        assert_eq!(
            flagged("The strike began. \"It's the workers' port and it's rock 'n' roll now.\""),
            ["\"It's the workers' port and it's rock 'n' roll now.\""]
        );
    }

    #[test]
    fn a_pronoun_before_anyone_is_named() {
        let findings = check("“We will not go back until the port is safe,” he said.");
        assert_eq!(
            findings,
            [(
                "quotation is credited to `he` before anyone is named".to_string(),
                "“We will not go back until the port is safe,”".to_string()
            )]
        );
        silent("“We will not go back until the port is safe,” he said.");
    }
}
