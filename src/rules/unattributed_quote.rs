//! `unattributed-quote`: a quotation that no one is credited with.

use crate::article::Article;
use crate::attribution::{Lexicon, Reading, Speaker, Token};
use crate::diagnostic::Finding;
use crate::hash::Set;
use crate::inflect::{Irregulars, VerbForms};
use crate::quotes::Quotation;
use crate::rule::{BuildRule, Rule};
use crate::span::Span;
use crate::text::{phrases, word_set};
use serde::Deserialize;
use std::sync::OnceLock;

/// The rule's options (see its card).
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    verbs: Vec<String>,
    irregular_verbs: Vec<String>,
    stressed_verbs: Vec<String>,
    cues: Vec<String>,
    not_saying: Vec<String>,
    speakers: Vec<String>,
    pronouns: Vec<String>,
    determiners: Vec<String>,
    noun_markers: Vec<String>,
    function_words: Vec<String>,
    passive_markers: Vec<String>,
    adverbs: Vec<String>,
    credit_dashes: Vec<String>,
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

/// Reports quotations with no speaker: no attribution in their paragraph or frame, no colon
/// lead-in, credit or label, and no attributed quotation or paragraph they continue.
pub struct UnattributedQuote {
    lexicon: Lexicon,
    title_cues: Vec<Vec<String>>,
    max_short_words: usize,
    title_case_titles: bool,
    max_title_words: usize,
    pronoun_before_name: bool,
    carry_over: bool,
    partial_quote_subject: bool,
    subject_lead_in: bool,
    /// Words that make `by ...` a time, not an agent.
    time_words: Set<String>,
}

impl BuildRule for UnattributedQuote {
    type Options = Options;

    fn build(options: Options) -> Result<Self, String> {
        let irregulars = Irregulars::new(
            &options.irregular_verbs,
            &options.stressed_verbs,
            "irregular-verbs",
        )?;
        if options.credit_dashes.iter().any(|d| d.trim().is_empty()) {
            return Err("`credit-dashes` has an empty entry".to_string());
        }
        Ok(UnattributedQuote {
            lexicon: Lexicon {
                verbs: VerbForms::new(&options.verbs, &irregulars, "verbs")?,
                cues: phrases(&options.cues, "cues")?,
                not_saying: word_set(&options.not_saying),
                speakers: word_set(&options.speakers),
                pronouns: word_set(&options.pronouns),
                determiners: word_set(&options.determiners),
                noun_markers: word_set(&options.noun_markers),
                function_words: word_set(&options.function_words),
                passive_markers: word_set(&options.passive_markers),
                adverbs: word_set(&options.adverbs),
                credit_dashes: options.credit_dashes,
            },
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

/// How many tokens next to a quotation the rule looks at for a word (so that a paragraph of
/// bare quote marks is read in linear time).
const WINDOW: usize = 12;

/// Who a quotation is credited to, as far as pronouns go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Credit {
    /// No speaker was found (it may still be attributed by a lead-in or what it continues).
    None,
    /// Only personal pronouns; the first of them.
    Pronoun(Span),
    /// A name, a title or a noun phrase.
    Named,
}

impl Credit {
    /// The credit of both.
    fn and(self, other: Credit) -> Credit {
        match (self, other) {
            (Credit::Named, _) | (_, Credit::Named) => Credit::Named,
            (Credit::Pronoun(a), Credit::Pronoun(b)) => Credit::Pronoun(a.min(b)),
            (Credit::Pronoun(a), Credit::None) | (Credit::None, Credit::Pronoun(a)) => {
                Credit::Pronoun(a)
            }
            (Credit::None, Credit::None) => Credit::None,
        }
    }

    fn of(speaker: Speaker) -> Credit {
        match speaker {
            Speaker::Named(_) => Credit::Named,
            Speaker::Pronoun(span) => Credit::Pronoun(span),
        }
    }

    fn of_all(speakers: &[Speaker]) -> Credit {
        speakers
            .iter()
            .fold(Credit::None, |credit, s| credit.and(Credit::of(*s)))
    }
}

/// The article read for this rule: the attribution reading and what the rule derives from it
/// once.
struct Context<'a, 'r> {
    article: &'a Article<'a>,
    rule: &'r UnattributedQuote,
    reading: Reading,
    /// The credit of each paragraph's own sentences.
    credits: Vec<Credit>,
    /// Whether each paragraph is a dash credit line.
    credit_lines: Vec<bool>,
    /// Index of the last word token of each paragraph.
    last_word: Vec<Option<usize>>,
    /// The words some sentence capitalises after its first word (names), computed on first use.
    inner_capitals: OnceLock<Set<String>>,
    /// Where the first name-like word is, and the first capitalised name (on first use).
    first_names: OnceLock<(Option<usize>, Option<Span>)>,
}

/// Where a quotation's marks are among its paragraph's tokens.
#[derive(Clone, Copy)]
struct Marks {
    paragraph: usize,
    /// Index of the opening mark's first token.
    open: usize,
    /// Index of the first token after the quotation.
    after: usize,
}

impl<'a, 'r> Context<'a, 'r> {
    fn new(article: &'a Article<'a>, rule: &'r UnattributedQuote) -> Context<'a, 'r> {
        let reading = rule.lexicon.read(article);
        let credits = reading
            .paragraphs
            .iter()
            .map(|p| Credit::of_all(&p.credits))
            .collect();
        let credit_lines = reading
            .paragraphs
            .iter()
            .map(|p| rule.lexicon.credit_line(&p.tokens))
            .collect();
        let last_word = reading
            .paragraphs
            .iter()
            .map(|p| p.tokens.iter().rposition(|t| t.word))
            .collect();
        Context {
            article,
            rule,
            reading,
            credits,
            credit_lines,
            last_word,
            inner_capitals: OnceLock::new(),
            first_names: OnceLock::new(),
        }
    }

    fn tokens(&self, paragraph: usize) -> &[Token] {
        &self.reading.paragraphs[paragraph].tokens
    }

    fn marks(&self, quotation: &Quotation) -> Marks {
        let paragraph = quotation.paragraph;
        Marks {
            paragraph,
            open: self.reading.token_at(paragraph, quotation.span.start),
            after: self.reading.token_at(paragraph, quotation.span.end),
        }
    }

    /// The words some sentence capitalises after its first word, outside quotations and
    /// function words left out: names, as against words capitalised because they open a
    /// sentence or a quotation.
    fn inner_capitals(&self) -> &Set<String> {
        self.inner_capitals.get_or_init(|| {
            let mut inner = Set::default();
            for paragraph in &self.reading.paragraphs {
                for range in &paragraph.sentences {
                    let words = paragraph.tokens[range.clone()].iter().filter(|t| t.word);
                    inner.extend(
                        words
                            .skip(1)
                            .filter(|t| {
                                t.capitalised
                                    && !self.rule.lexicon.function_words.contains(&t.lower)
                            })
                            .map(|t| t.lower.clone()),
                    );
                }
            }
            inner
        })
    }

    /// Whether the quotation opens its paragraph (nothing but white space before it).
    fn opens_paragraph(&self, marks: Marks) -> bool {
        marks.open == 0
    }

    /// Whether nothing but punctuation follows the quotation in its paragraph.
    fn ends_paragraph(&self, marks: Marks) -> bool {
        self.last_word[marks.paragraph].is_none_or(|last| last < marks.after)
    }

    /// The index of the sentence (in its paragraph's reading) holding token `index`.
    fn sentence_of(&self, paragraph: usize, index: usize) -> Option<usize> {
        let sentences = &self.reading.paragraphs[paragraph].sentences;
        let at = sentences.partition_point(|range| range.end <= index);
        sentences
            .get(at)
            .filter(|range| range.start <= index)
            .map(|_| at)
    }

    /// How a quotation is credited by its own frame: a speaker and a verb right after it or
    /// right before it, a dash credit, a source tag, a transcript label on its paragraph.
    fn frame(&self, quotation: &Quotation, marks: Marks) -> Option<Credit> {
        let lexicon = &self.rule.lexicon;
        let tokens = self.tokens(marks.paragraph);
        let after = quotation
            .closed
            .then(|| {
                lexicon
                    .after_frame(tokens, marks.after)
                    .or_else(|| lexicon.dash_credit(tokens, marks.after))
            })
            .flatten()
            .map(Credit::of);
        let subject = self
            .sentence_of(marks.paragraph, marks.open)
            .map(|i| self.reading.paragraphs[marks.paragraph].sentences[i].start)
            .and_then(|start| lexicon.subject_frame(tokens, start, marks.open));
        let before = lexicon
            .before_frame(tokens, marks.open)
            .or(subject)
            .map(Credit::of);
        let tagged = (quotation.closed && Lexicon::source_tag(tokens, marks.after))
            || self.reading.paragraphs[marks.paragraph].label;
        match (after, before) {
            (Some(a), Some(b)) => Some(a.and(b)),
            (Some(credit), None) | (None, Some(credit)) => Some(credit),
            (None, None) => tagged.then_some(Credit::Named),
        }
    }

    /// Whether a credit line (`— Bernie Sanders`) follows the quotation: it ends its
    /// paragraph, and the next paragraph is the credit.
    fn credit_line_after(&self, marks: Marks) -> bool {
        self.ends_paragraph(marks)
            && self
                .credit_lines
                .get(marks.paragraph + 1)
                .copied()
                .unwrap_or(false)
    }

    /// Whether the quotation follows a colon lead-in: in its paragraph, or at the end of the
    /// previous paragraph when the quotation opens its paragraph.
    fn after_colon(&self, marks: Marks) -> bool {
        let tokens = self.tokens(marks.paragraph);
        if marks.open > 0 && tokens[marks.open - 1].lower == ":" {
            return true;
        }
        self.opens_paragraph(marks)
            && marks.paragraph > 0
            && self
                .tokens(marks.paragraph - 1)
                .last()
                .is_some_and(|t| t.lower == ":")
    }

    /// Whether the quotation is followed by its agent, as in a passive: `deemed "not in the
    /// interests of the company" by the board`, `"...", by Smith`.
    fn by_agent(&self, marks: Marks) -> bool {
        let words: Vec<&Token> = self.tokens(marks.paragraph)[marks.after..]
            .iter()
            .take(WINDOW)
            .filter(|t| t.word)
            .take(3)
            .collect();
        let rule = self.rule;
        let is_time = |t: &Token| rule.time_words.contains(&t.lower);
        match words.as_slice() {
            // `by Friday`, `by the end of the month`, `by the way` are not agents.
            [by, agent, next @ ..] if by.lower == "by" && !is_time(agent) => {
                let determiner = rule.lexicon.determiners.contains(&agent.lower);
                (agent.capitalised && !determiner)
                    || (determiner && next.first().is_some_and(|noun| !is_time(noun)))
            }
            _ => false,
        }
    }

    /// Whether the quotation follows a speaker heading: a line that opens with a dash and a few
    /// words naming someone, then the quotation (`- Bolton boss Sam Allardyce "I am ..."`).
    fn after_heading(&self, marks: Marks) -> bool {
        let tokens = self.tokens(marks.paragraph);
        let text = self.article.text();
        let Some(dash) = (marks.open.saturating_sub(10)..marks.open)
            .rev()
            .find(|&i| {
                let line_start = text[..tokens[i].span.start]
                    .trim_end_matches([' ', '\t'])
                    .chars()
                    .next_back()
                    .is_none_or(|c| c == '\n')
                    || i == 0;
                matches!(tokens[i].lower.as_str(), "-" | "–" | "—") && line_start
            })
        else {
            return false;
        };
        let words = &tokens[dash + 1..marks.open];
        if words.is_empty() || words.len() > 8 || words.iter().any(|t| !t.word) {
            return false;
        }
        // A name: a capitalised word after the first, or a first word the article capitalises
        // inside a sentence too (`- Bolton boss Sam Allardyce`, not `- The mood is grim`).
        words.iter().skip(1).any(|t| t.capitalised)
            || self.inner_capitals().contains(&words[0].lower)
    }

    /// Whether a partial quotation (opening inside its sentence, on a lower-case word) sits in
    /// a sentence whose subject is a speaker: a name, a title or a pronoun among its first words.
    fn has_subject(&self, quotation: &Quotation, marks: Marks) -> bool {
        let content = self.article.slice(quotation.content);
        if !content.starts_with(char::is_lowercase) {
            return false;
        }
        let Some(sentence) = self.sentence_of(marks.paragraph, marks.open) else {
            return false;
        };
        let range = &self.reading.paragraphs[marks.paragraph].sentences[sentence];
        let lexicon = &self.rule.lexicon;
        self.tokens(marks.paragraph)[range.start..marks.open]
            .iter()
            .take(WINDOW)
            .filter(|t| t.word)
            .take(4)
            .any(|t| {
                lexicon.pronouns.contains(&t.lower)
                    || lexicon.speakers.contains(&t.lower)
                    || t.capitalised && !lexicon.function_words.contains(&t.lower)
            })
    }

    /// Whether the quotation opens its sentence right after a sentence of the same paragraph
    /// whose subject is a speaker: as its first word a name (a word the article capitalises
    /// inside a sentence too) or a pronoun (`Kerr applauded the move. "It was ..."`).
    fn after_subject_lead_in(&self, marks: Marks) -> bool {
        let Some(sentence) = self.sentence_of(marks.paragraph, marks.open) else {
            return false;
        };
        let sentences = &self.reading.paragraphs[marks.paragraph].sentences;
        if sentences[sentence].start != marks.open || sentence == 0 {
            return false;
        }
        let previous = sentences[sentence - 1].clone();
        self.tokens(marks.paragraph)[previous]
            .iter()
            .take(WINDOW)
            .find(|t| t.word)
            .is_some_and(|first| {
                self.rule.lexicon.pronouns.contains(&first.lower)
                    || self.inner_capitals().contains(&first.lower)
            })
    }

    /// Where the first name-like word of the body is: a capitalised word that is not the
    /// first of its sentence, or one followed by another capitalised word, or a word of
    /// `speakers`, outside quotations. With it, the first capitalised name.
    fn first_names(&self) -> (Option<usize>, Option<Span>) {
        *self.first_names.get_or_init(|| self.find_first_names())
    }

    fn find_first_names(&self) -> (Option<usize>, Option<Span>) {
        let lexicon = &self.rule.lexicon;
        let mut first = None;
        for paragraph in &self.reading.paragraphs {
            for range in &paragraph.sentences {
                let tokens = &paragraph.tokens[range.clone()];
                let words: Vec<usize> = (0..tokens.len()).filter(|&i| tokens[i].word).collect();
                for (n, &i) in words.iter().enumerate() {
                    let word = &tokens[i];
                    let named = word.capitalised
                        && !lexicon.function_words.contains(&word.lower)
                        && !lexicon.pronouns.contains(&word.lower)
                        && (n > 0 || words.get(1).is_some_and(|&next| tokens[next].capitalised));
                    if named {
                        // The whole name: the capitalised words that follow it.
                        let last = tokens[i..]
                            .iter()
                            .take_while(|t| t.word && t.capitalised)
                            .last()
                            .map_or(word.span.end, |t| t.span.end);
                        let name = Span::new(word.span.start, last);
                        return (Some(first.unwrap_or(word.span.start)), Some(name));
                    }
                    if first.is_none() && lexicon.speakers.contains(&word.lower) {
                        first = Some(word.span.start);
                    }
                }
            }
        }
        (first, None)
    }
}

impl UnattributedQuote {
    /// Whether the quotation needs no speaker: a short phrase, a name or a title.
    fn is_exempt(&self, context: &Context<'_, '_>, quotation: &Quotation, marks: Marks) -> bool {
        let content = context.article.slice(quotation.content);
        let words: Vec<&str> = content.split_whitespace().collect();
        if words.len() <= self.max_short_words {
            return true;
        }
        // The cue stands right before the mark: `the panel, "..."` names no title.
        let before: Vec<&str> = context.tokens(marks.paragraph)[..marks.open]
            .iter()
            .rev()
            .take_while(|t| t.word)
            .take(3)
            .map(|t| t.lower.as_str())
            .collect();
        let cued = self.title_cues.iter().any(|cue| {
            cue.len() <= before.len() && cue.iter().rev().zip(&before).all(|(a, b)| a == b)
        });
        if cued {
            return true;
        }
        // A title keeps its Title Case and may end in `?` or `!` (`"How Soon Is Now?"`); a
        // comma or period inside the closing mark is the sentence's (`"Bathroom Bill,"`).
        let title = content
            .trim_end()
            .trim_end_matches(['.', ',', ';', ':'])
            .trim_end();
        let title_words: Vec<&str> = title.split_whitespace().collect();
        let counted = title_words
            .iter()
            .filter(|w| w.contains(char::is_alphanumeric))
            .count();
        self.title_case_titles
            && counted <= self.max_title_words
            && !title.ends_with('.')
            && title_words
                .first()
                .is_some_and(|w| w.starts_with(char::is_uppercase))
            && title_words.iter().all(|w| {
                w.starts_with(|c: char| c.is_uppercase() || !c.is_alphabetic())
                    || self.lexicon.function_words.contains(&w.to_lowercase())
            })
    }

    /// How a chain of quotation parts (one quote, or one running over paragraphs) is credited,
    /// and whether it is attributed at all.
    fn attribute(
        &self,
        context: &Context<'_, '_>,
        chain: &[&Quotation],
        handed_over: bool,
        follows: bool,
    ) -> Attribution {
        let mut credit = Credit::None;
        let mut lead_in = false;
        for quotation in chain {
            let marks = context.marks(quotation);
            credit = credit.and(context.credits[quotation.paragraph]);
            if let Some(frame) = context.frame(quotation, marks) {
                credit = credit.and(frame);
            }
            lead_in |= context.after_colon(marks)
                || context.by_agent(marks)
                || context.after_heading(marks)
                || context.credit_line_after(marks);
        }
        let first = chain[0];
        let first_marks = context.marks(first);
        let carried =
            self.carry_over && ((context.opens_paragraph(first_marks) && handed_over) || follows);
        let partial = self.partial_quote_subject && context.has_subject(first, first_marks);
        let subject = self.subject_lead_in && context.after_subject_lead_in(first_marks);
        Attribution {
            credit,
            attributed: credit != Credit::None || lead_in || carried || partial || subject,
            lead_in,
        }
    }

    /// The finding for a quotation credited only to a pronoun before anyone is named.
    fn pronoun_finding(
        context: &Context<'_, '_>,
        quotation: &Quotation,
        pronoun: Span,
    ) -> Option<Finding> {
        let (first, name) = context.first_names();
        if first.is_some_and(|named| named <= pronoun.start) {
            return None;
        }
        let article = context.article;
        let mut finding = Finding::new(
            format!(
                "quotation is credited to `{}` before anyone is named",
                article.slice(pronoun)
            ),
            quotation.span,
            "the speaker of these words is not named",
        )
        .with_secondary(pronoun, "refers to no one named so far");
        if let Some(name) = name {
            finding = finding.with_secondary(
                name,
                format!("the story names `{}` only here", article.slice(name)),
            );
        }
        Some(
            finding
                .with_note("a pronoun credits a speaker only once the story has named them")
                .with_help("name who said it where the quotation is, such as `, Smith said`"),
        )
    }
}

/// How a quotation is attributed.
struct Attribution {
    /// Who its paragraph and frame credit it to.
    credit: Credit,
    /// Whether it is attributed at all.
    attributed: bool,
    /// It follows a lead-in (a colon, a heading, an agent, a credit line), which names the
    /// speaker on its own.
    lead_in: bool,
}

impl Rule for UnattributedQuote {
    fn check(&self, article: &Article<'_>) -> Vec<Finding> {
        let quotations: Vec<&Quotation> = article.quotes().top_level().collect();
        if quotations.is_empty() {
            return Vec::new();
        }
        let context = Context::new(article, self);
        // Whether each paragraph hands a speaker on to a quotation that opens the next one:
        // it names a speaker with a verb, has a transcript label, or an attributed quotation.
        // (The headline does so for the first paragraph when it names a speaker.)
        let mut hands_over: Vec<bool> = context
            .credits
            .iter()
            .zip(&context.reading.paragraphs)
            .map(|(credit, p)| *credit != Credit::None || p.label)
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
            let last = chain[chain.len() - 1];
            let handed_over = match first.paragraph.checked_sub(1) {
                Some(previous) => hands_over[previous],
                None => context.reading.headline_speaker,
            };
            // A quotation right after an attributed one (only space between) follows it; one
            // that opens before the previous closes (nested marks read as two) does not.
            let follows = previous.is_some_and(|(end, attributed)| {
                attributed
                    && context
                        .reading
                        .masked
                        .get(end..first.span.start)
                        .is_some_and(|between| between.trim().is_empty())
            });
            let attribution = self.attribute(&context, chain, handed_over, follows);
            previous = Some((last.span.end, attribution.attributed));
            if attribution.attributed {
                for quotation in chain {
                    hands_over[quotation.paragraph] = true;
                }
            }
            if chain.len() == 1 && self.is_exempt(&context, first, context.marks(first)) {
                continue;
            }
            if !attribution.attributed {
                findings.push(
                    Finding::new(
                        "quotation has no speaker",
                        first.span,
                        "no one is credited with these words",
                    )
                    .with_note(
                        "a quotation needs a speaker and a verb in its paragraph, a colon \
                         lead-in or a credit, or an attributed quotation or paragraph it continues",
                    )
                    .with_help("name who said it, such as `, Smith said`"),
                );
                continue;
            }
            if let (true, false, Credit::Pronoun(pronoun)) = (
                self.pronoun_before_name,
                attribution.lead_in,
                attribution.credit,
            ) {
                findings.extend(Self::pronoun_finding(&context, first, pronoun));
            }
        }
        findings
    }
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
            "Lee watched the crews. “It was the hardest week any of us has had at the port.”";
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

    const SAFE: &str = "We will not go back until the port is safe";

    #[test]
    fn any_verb_of_saying_in_the_frame_of_the_quotation() {
        silent(&format!("“{SAFE},” Lee fumed."));
        silent(&format!("“{SAFE},” the union leader answered on Monday."));
        silent(&format!("“{SAFE},” Lee, who leads the union, shouted."));
        silent(&format!("“{SAFE},” shouted Lee."));
        silent(&format!("Lee shouted, “{SAFE}.”"));
        silent(&format!("The crowd chanted “{SAFE}” all night."));
        silent(&format!("“{SAFE},” as Lee put it."));
    }

    #[test]
    fn every_form_of_a_listed_verb() {
        silent(&format!("“{SAFE},” Lee states in the letter."));
        silent(&format!("“{SAFE},” Lee notes."));
        silent(&format!("Lee claims that “{SAFE}” for anyone."));
        silent(&format!("Lee continues: “{SAFE}.”"));
        silent(&format!(
            "Lee was at the gate, asserting that “{SAFE} for anyone.”"
        ));
        silent(&format!(
            "Lee spent the day tweeting that “{SAFE} for anyone.”"
        ));
    }

    #[test]
    fn a_verb_that_is_plainly_not_of_saying_does_not_attribute() {
        assert_eq!(
            flagged(&format!("The strike ended, “and {SAFE} for all of us.”")).len(),
            1
        );
        // A form that may be a noun, after a determiner, is a noun.
        assert_eq!(
            flagged("The claims “that the port is unsafe for every worker” are false.").len(),
            1
        );
    }

    #[test]
    fn the_speaker_may_stand_anywhere_in_the_paragraph() {
        silent(&format!(
            "Lee said the strike would go on. The crews cheered. Nobody moved. “{SAFE}.”"
        ));
    }

    #[test]
    fn the_speaker_may_stand_in_the_previous_paragraph() {
        silent(&format!(
            "Lee said the strike would go on. The crews cheered.\n“{SAFE}.”"
        ));
        // Only for a quotation that opens its paragraph.
        assert_eq!(
            flagged(&format!(
                "Lee said the strike would go on.\nThe crews cheered. “{SAFE}.”"
            ))
            .len(),
            1
        );
    }

    #[test]
    fn dash_credits_and_credit_lines() {
        silent(&format!("“{SAFE}.” — Ann Lee"));
        silent(&format!("“{SAFE}.” ― Lee, union chief"));
        silent(&format!("“{SAFE}.” -- @portunion"));
        silent(&format!("“{SAFE}.”\n– Ann Lee, union chief"));
        assert_eq!(
            flagged(&format!("“{SAFE}.” — and then the crews went home.")).len(),
            1
        );
    }

    #[test]
    fn source_tags_and_transcript_labels() {
        silent(&format!("“{SAFE}.” [Port Daily]"));
        silent(&format!("“{SAFE}.” (Harbour News)"));
        silent(&format!(
            "LEE: We stay out. It is “{SAFE} for anyone, and we know it.”"
        ));
        silent(&format!("MS. LEE: “{SAFE}.”"));
        assert_eq!(flagged(&format!("“{SAFE}.” (see below)")).len(), 1);
    }

    #[test]
    fn the_statement_read_and_social_media_cues() {
        silent(&format!("“{SAFE},” read the statement."));
        silent(&format!("“{SAFE},” the statement read."));
        silent(&format!("“{SAFE},” Lee on Twitter."));
        silent(&format!("Lee in a tweet: “{SAFE}.”"));
        silent(&format!("The union posted on Facebook: “{SAFE}.”"));
    }

    #[test]
    fn titles_with_punctuation_inside_the_closing_mark() {
        silent("Critics call it the “Safe Ports For Every Worker Act,” which passed.");
        silent("The union sang “Stand Up For The Port Workers.”");
    }

    #[test]
    fn titles_after_a_kind_of_work_and_long_titles_in_title_case() {
        silent("View the story “Data for journalists at the port of the city” on the site.");
        silent("Her new book “Why the docks shut down and what the city lost” is out.");
        silent(
            "He will discuss “Turning a Nugget of Info about Your Visitors into a Bar of Gold,” sharing data.",
        );
        // A kind of work followed by a comma introduces words, not a title.
        assert_eq!(
            flagged(
                "The crews went home after the talk, “we will be back on the docks next week”."
            ),
            ["“we will be back on the docks next week”"]
        );
        // Title Case past `max-title-words` words is a quotation in capitals, not a title.
        let long =
            "“We Will Not Go Back To Work Until Every One Of Us Has A Contract And The Port Pays”";
        assert_eq!(flagged(&format!("The crews went home. {long}.")), [long]);
    }

    #[test]
    fn a_short_quotation_passes_its_speaker_on() {
        silent(&format!("“No,” Lee said. “Never.”\n“{SAFE}.”"));
    }

    #[test]
    fn cases_that_must_fire() {
        // A quotation opening its own paragraph, with no speaker in it or before it.
        assert_eq!(
            flagged(&format!("The crews went home.\n“{SAFE}.”")),
            [format!("“{SAFE}.”")]
        );
        // A pronoun before anyone is named; the finding names whom the story names later.
        let source = Source::new(
            "t.txt",
            format!("date 2026-02-02 1\nHeadline\n“{SAFE},” she said.\nAnn Lee leads the union.\n"),
        );
        let findings = rule().check(&Article::parse(&source));
        assert_eq!(findings.len(), 1);
        let labels: Vec<(&str, &str)> = findings[0]
            .secondary
            .iter()
            .map(|l| (source.slice(l.span), l.message.as_str()))
            .collect();
        assert_eq!(
            labels,
            [
                ("she", "refers to no one named so far"),
                ("Ann Lee", "the story names `Ann Lee` only here")
            ]
        );
    }

    #[test]
    fn a_headline_that_names_the_speaker_hands_over_to_the_first_paragraph() {
        let check = |headline: &str| {
            let source = Source::new(
                "t.txt",
                format!("date 2026-02-02 1\n{headline}\n“{SAFE}.”\nThe crews went home.\n"),
            );
            rule().check(&Article::parse(&source)).len()
        };
        assert_eq!(check("Ann Lee: ‘The Port Is Not Safe’"), 0);
        assert_eq!(check("Union Chief Says Port Is Unsafe"), 0);
        assert_eq!(check("Port Strike Enters Second Week"), 1);
    }

    #[test]
    fn a_possessive_name_before_a_past_is_a_speaker() {
        silent(&format!("“{SAFE},” Moody's said in a release."));
        assert_eq!(
            flagged("The union's claims “that the port is unsafe for every worker” are false.")
                .len(),
            1
        );
    }

    #[test]
    fn the_speaker_search_reads_past_a_short_quotation() {
        silent(&format!("Lee mocked the “experts,” saying, “{SAFE}!”"));
        silent(&format!("But she wanted to know, “Why is it that {SAFE}?”"));
    }

    #[test]
    fn a_capitalised_verb_form_inside_a_sentence_is_a_name() {
        assert_eq!(
            flagged(&format!(
                "The State Department named a new envoy.\n“{SAFE}.”"
            ))
            .len(),
            1
        );
    }

    #[test]
    fn a_sentence_that_opens_with_its_speaker_and_a_verb() {
        silent(&format!("Lee also embraced the idea -- “{SAFE}.”"));
        silent(&format!("She then turned to the crews and, “{SAFE}.”"));
        assert_eq!(
            flagged(&format!("The strike ended, and then: no. “{SAFE}.”")).len(),
            1
        );
    }

    /// Nested marks read as two quotations, the second opening before the first closes, once
    /// made the attribution chain slice its text backwards (a panic on a BBC story).
    #[test]
    fn quotations_opening_inside_an_open_one_do_not_break_the_chain() {
        let text = "Striker cleared\n\nThe coach said: \"No-one is putting the blame on him. \"It is just something that happens on the day.\" He added: \"I have done it before and I hope they did not blame me. \"Of course he will learn. I have been sent off twice and it is just one of those things. The manager said: \"He is an option but we need a second striker. \"I have to decide who starts.\" The club added: \"It does not look broken. \"He will not be ready for three weeks.\"\n";
        let found: Vec<String> = crate::lint_str("t.txt", text, &crate::config::Config::default())
            .into_iter()
            .map(|d| d.rule)
            .collect();
        assert_eq!(found, ["unbalanced-quote"]);
    }
}
