//! Attribution: who the words of a paragraph are credited to.
//!
//! An article is read once ([`Lexicon::read`]): the text with the words inside quotations
//! blanked out (so that a speech verb inside a quotation credits nobody), each paragraph as
//! tokens, each sentence's credits (a speech verb of the card, in any of its forms, tied to a
//! speaker), and whether the paragraph opens with a transcript label (`TRUMP:`). Around a single
//! quotation, the shapes of attribution are read from the tokens next to its marks:
//!
//! - a frame after it: a speaker and a verb (`"...," Smith fumed`), or a verb and a speaker
//!   (`"...," read the statement`), whatever the verb unless it is plainly not one of saying,
//!   writing, thinking or showing (`not-saying`);
//! - a frame before it: a speaker and a verb (`Smith fumed, "..."`), or a sentence that opens
//!   with them (`Trump also embraced it -- "..."`);
//! - a dash credit (`"..." — Smith`) or a bracketed source tag (`"..." [Politico]`).

use crate::article::Article;
use crate::hash::Set;
use crate::inflect::VerbForms;
use crate::span::Span;
use crate::text::lowercase;
use std::ops::Range;

/// The word lists attribution is read with (from the rule's card).
pub struct Lexicon {
    /// Speech verbs, in all their forms.
    pub verbs: VerbForms,
    /// Fixed phrases that stand for a speech verb (`according to`, `in a statement`), as
    /// lower-case words.
    pub cues: Vec<Vec<String>>,
    /// Verbs that are plainly not verbs of saying (`is`, `won`, `ended`).
    pub not_saying: Set<String>,
    /// Words that name a speaker without a capital (`spokesman`, `they`).
    pub speakers: Set<String>,
    /// Personal pronouns (`he`, `she`).
    pub pronouns: Set<String>,
    /// Words after which a noun is a speaker (`the`, `a`, `his`).
    pub determiners: Set<String>,
    /// Words after which a form of a verb is a noun or an adjective (`the claims`, `an
    /// estimated`).
    pub noun_markers: Set<String>,
    /// Capitalised words that are not names (`The`, `But`).
    pub function_words: Set<String>,
    /// Words after which a verb is passive (`was said`).
    pub passive_markers: Set<String>,
    /// Adverbs that may stand between a speaker and a verb (`also`, `later`), besides `-ly`
    /// words.
    pub adverbs: Set<String>,
    /// Dashes that introduce a credit (`—`, `--`).
    pub credit_dashes: Vec<String>,
}

/// A speaker found for a verb: its first word, and whether it is only a pronoun.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Speaker {
    /// A name, a title or a noun phrase, starting at this span.
    Named(Span),
    /// A personal pronoun only (`he`, `she`).
    Pronoun(Span),
}

/// A word or a punctuation mark of the masked text.
#[derive(Clone, Debug)]
pub struct Token {
    /// Where it is in the source.
    pub span: Span,
    /// Its text in lower case.
    pub lower: String,
    /// It is a word (letters or digits), not a punctuation mark.
    pub word: bool,
    /// It starts with a capital letter.
    pub capitalised: bool,
    /// It is written in capitals only (`TRUMP`), with at least one letter.
    pub upper: bool,
}

impl AsRef<str> for Token {
    fn as_ref(&self) -> &str {
        &self.lower
    }
}

/// A paragraph read for attribution.
#[derive(Debug, Default)]
pub struct ParagraphReading {
    /// Its tokens, quotations blanked out (their marks stay, as tokens).
    pub tokens: Vec<Token>,
    /// The token range of each of its sentences, in order.
    pub sentences: Vec<Range<usize>>,
    /// The speakers that its sentences credit with a speech verb or cue.
    pub credits: Vec<Speaker>,
    /// It opens with a transcript label: a name in capitals and a colon (`TRUMP:`).
    pub label: bool,
}

/// An article read for attribution.
#[derive(Debug, Default)]
pub struct Reading {
    /// The text with the content of every closed top-level quotation blanked out (same byte
    /// offsets).
    pub masked: String,
    /// Each paragraph, in order.
    pub paragraphs: Vec<ParagraphReading>,
    /// The headline names a speaker: with a speech verb, or as a label before a colon
    /// (`Cecile Richards: 'We will not back down'`).
    pub headline_speaker: bool,
}

impl Reading {
    /// The index of the first token of paragraph `p` that starts at or after `offset`.
    pub fn token_at(&self, p: usize, offset: usize) -> usize {
        self.paragraphs[p]
            .tokens
            .partition_point(|t| t.span.start < offset)
    }
}

/// The words (letters, digits, inner hyphens, periods and apostrophes) and punctuation marks of
/// `text`, shifted by `offset`.
pub fn tokenize(text: &str, offset: usize) -> Vec<Token> {
    let mut found = Vec::new();
    let mut word_start: Option<usize> = None;
    let push = |start: usize, end: usize, found: &mut Vec<Token>| {
        let text = &text[start..end];
        let word = text.starts_with(char::is_alphanumeric);
        found.push(Token {
            span: Span::new(start + offset, end + offset),
            lower: lowercase(text),
            word,
            capitalised: text.starts_with(char::is_uppercase),
            upper: word
                && text.chars().any(char::is_alphabetic)
                && !text.chars().any(char::is_lowercase),
        });
    };
    for (i, c) in text.char_indices() {
        let in_word = c.is_alphanumeric()
            || (word_start.is_some() && matches!(c, '-' | '\'' | '’' | '.'))
                && text[i + c.len_utf8()..].starts_with(char::is_alphanumeric);
        if in_word {
            word_start.get_or_insert(i);
            continue;
        }
        if let Some(start) = word_start.take() {
            push(start, i, &mut found);
        }
        if !c.is_whitespace() {
            push(i, i + c.len_utf8(), &mut found);
        }
    }
    if let Some(start) = word_start {
        push(start, text.len(), &mut found);
    }
    found
}

/// Whether a token ends the search for a speaker: a clause break. (The words of quotations are
/// blanked out, so the search reads past a quotation as past a single word: `Kerpen needled
/// the "reporter," saying`.)
fn is_boundary(token: &Token) -> bool {
    matches!(token.lower.as_str(), ";" | ":")
}

/// Whether a token ends a sentence or a clause, so that a frame stops there.
fn is_stop(token: &Token) -> bool {
    matches!(
        token.lower.as_str(),
        "." | "!" | "?" | ";" | ":" | "\"" | "“" | "”" | "‘" | "’" | "'" | "`"
    )
}

/// Whether a word is a possessive (`Trump's`, `Smith’s`).
fn is_possessive(token: &Token) -> bool {
    token.lower.ends_with("'s") || token.lower.ends_with("’s")
}

impl Lexicon {
    /// Read `article`: mask its quotations, tokenise its paragraphs, find each sentence's
    /// credits and each paragraph's transcript label.
    pub fn read(&self, article: &Article<'_>) -> Reading {
        let mut bytes = article.text().as_bytes().to_vec();
        for quotation in article.quotes().top_level().filter(|q| !q.is_unclosed()) {
            bytes[quotation.content.range()].fill(b' ');
        }
        // Blanking whole quotations keeps every remaining character intact.
        let masked = String::from_utf8(bytes).unwrap_or_default();
        let paragraphs = article
            .paragraphs
            .iter()
            .map(|paragraph| {
                let tokens = tokenize(paragraph.span.slice(&masked), paragraph.span.start);
                let sentences: Vec<Range<usize>> = article.sentences[paragraph.sentences.clone()]
                    .iter()
                    .map(|s| {
                        let start = tokens.partition_point(|t| t.span.start < s.span.start);
                        let end = tokens.partition_point(|t| t.span.start < s.span.end);
                        start..end.max(start)
                    })
                    .collect();
                let credits = sentences
                    .iter()
                    .flat_map(|range| self.credits(&tokens[range.clone()], false))
                    .collect();
                let label = transcript_label(&tokens);
                ParagraphReading {
                    tokens,
                    sentences,
                    credits,
                    label,
                }
            })
            .collect();
        let headline_speaker = article.headline.is_some_and(|headline| {
            let tokens = tokenize(article.slice(headline), headline.start);
            name_label(&tokens) || !self.credits(&tokens, true).is_empty()
        });
        Reading {
            masked,
            paragraphs,
            headline_speaker,
        }
    }

    /// The length of the speech verb or cue phrase at token `i`, if one is there. A form after
    /// a noun marker is a noun or an adjective (`the claims`, `an estimated 5 pct`), and so is
    /// a form that may be a noun after a possessive (`Trump's tweets`).
    fn verb_at(&self, tokens: &[Token], i: usize) -> Option<usize> {
        let rest = tokens.get(i..)?;
        if let Some(cue) = self
            .cues
            .iter()
            .find(|cue| cue.len() <= rest.len() && cue.iter().zip(rest).all(|(w, t)| *w == t.lower))
        {
            return Some(cue.len());
        }
        let (len, base) = self.verbs.match_at(rest)?;
        // After a possessive only a form that may be a noun is one (`Trump's tweets`, but
        // `Moody's said`).
        let word = &rest[0].lower;
        let may_be_noun = base.split_whitespace().next() == Some(word.as_str())
            || (word.ends_with('s') && !word.ends_with("ss"));
        let after_marker = i.checked_sub(1).is_some_and(|j| {
            self.is_noun_marker(tokens, j) || (may_be_noun && is_possessive(&tokens[j]))
        });
        (!after_marker).then_some(len)
    }

    /// Whether the token at `j` is a noun marker: one of `noun_markers`, in lower case or
    /// opening its sentence (a capitalised `From` inside a sentence is a name).
    fn is_noun_marker(&self, tokens: &[Token], j: usize) -> bool {
        self.noun_markers.contains(&tokens[j].lower) && (j == 0 || !tokens[j].capitalised)
    }

    /// The speakers credited in a sentence: each speech verb or cue with the speaker nearest
    /// it (the subject right before it, else up to ten words before, else up to five after).
    /// A capitalised word inside a sentence is part of a name (`State Department`), unless
    /// the sentence is in `title_case` (a headline).
    pub fn credits(&self, tokens: &[Token], title_case: bool) -> Vec<Speaker> {
        let mut found = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let in_name = i > 0 && tokens[i].capitalised && !title_case;
            let Some(len) = self.verb_at(tokens, i).filter(|_| !in_name) else {
                i += 1;
                continue;
            };
            if i > 0 && self.passive_markers.contains(&tokens[i - 1].lower) {
                i += len;
                continue;
            }
            // The word right before a verb is its subject (`azpurua said`, `May wrote`), unless
            // it is a function word in lower case (`also said`).
            let subject = i
                .checked_sub(1)
                .filter(|&j| {
                    tokens[j].word
                        && (tokens[j].capitalised
                            || !self.function_words.contains(&tokens[j].lower))
                })
                .map(|j| self.speaker_word(&tokens[j]));
            let backward = (0..i).rev().take(10);
            let forward = (i + len..tokens.len()).take(5);
            let speaker = subject
                .or_else(|| self.speaker_in(tokens, backward))
                .or_else(|| self.speaker_in(tokens, forward));
            found.extend(speaker);
            i += len;
        }
        found
    }

    /// A word as a speaker: a pronoun, or a name or noun.
    fn speaker_word(&self, token: &Token) -> Speaker {
        if self.pronouns.contains(&token.lower) {
            Speaker::Pronoun(token.span)
        } else {
            Speaker::Named(token.span)
        }
    }

    /// The nearest speaker among the tokens at `indices`, stopping at a boundary.
    fn speaker_in(
        &self,
        tokens: &[Token],
        indices: impl Iterator<Item = usize>,
    ) -> Option<Speaker> {
        for i in indices {
            let token = &tokens[i];
            if is_boundary(token) {
                return None;
            }
            if !token.word {
                continue;
            }
            let word = &token.lower;
            if self.pronouns.contains(word) {
                return Some(Speaker::Pronoun(token.span));
            }
            let after_determiner = i > 0 && self.determiners.contains(&tokens[i - 1].lower);
            if self.speakers.contains(word)
                || after_determiner && !self.function_words.contains(word)
                || token.capitalised && !self.function_words.contains(word)
            {
                return Some(Speaker::Named(token.span));
            }
        }
        None
    }

    /// Whether the token at `i` may be the verb of an attribution frame: a speech verb or cue,
    /// or a word in lower case that reads as a past (`fumed`) or, when `present` allows, a
    /// third person (`fumes`), and is not plainly a verb of something other than saying. Its
    /// length in tokens.
    fn frame_verb(&self, tokens: &[Token], i: usize, present: bool) -> Option<usize> {
        let token = tokens.get(i)?;
        if !token.word || token.capitalised || self.not_saying.contains(&token.lower) {
            return None;
        }
        if let Some(len) = self.verb_at(tokens, i) {
            return Some(len);
        }
        let word = &token.lower;
        let after_marker = i
            .checked_sub(1)
            .is_some_and(|j| self.is_noun_marker(tokens, j) || is_possessive(&tokens[j]));
        if self.function_words.contains(word) || word.len() < 4 || after_marker {
            return None;
        }
        let past = word.ends_with("ed");
        let third =
            present && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us");
        (past || third).then_some(1)
    }

    /// Skip an adverb at `i` (`also`, `later`, `angrily`).
    fn skip_adverb(&self, tokens: &[Token], i: usize) -> usize {
        match tokens.get(i) {
            Some(t) if t.word && (self.adverbs.contains(&t.lower) || t.lower.ends_with("ly")) => {
                i + 1
            }
            _ => i,
        }
    }

    /// Skip an aside at `i`: a bracketed one (`(D-Calif.)`) or one between commas (`, the
    /// party's nominee,`), of at most twelve tokens with no stop in it.
    fn skip_aside(tokens: &[Token], i: usize) -> usize {
        let close = match tokens.get(i).map(|t| t.lower.as_str()) {
            Some("(") => ")",
            Some("[") => "]",
            Some(",") => ",",
            _ => return i,
        };
        for (j, token) in tokens.iter().enumerate().skip(i + 1).take(12) {
            if token.lower == close {
                return j + 1;
            }
            if is_stop(token) {
                return i;
            }
        }
        i
    }

    /// Skip back over an aside that ends right before `end`: one between brackets, commas or
    /// dashes, of at most twelve tokens with no stop in it.
    fn skip_aside_back(tokens: &[Token], end: usize) -> usize {
        let Some(last) = end.checked_sub(1).map(|j| tokens[j].lower.as_str()) else {
            return end;
        };
        let open = match last {
            ")" => "(",
            "]" => "[",
            "," | "-" | "–" | "—" => last,
            _ => return end,
        };
        for j in (end.saturating_sub(14)..end - 1).rev() {
            if tokens[j].lower == open {
                return j;
            }
            if is_stop(&tokens[j]) {
                return end;
            }
        }
        end
    }

    /// The ends (exclusive) a speaker starting at `i` may have, longest last: a pronoun or a
    /// word of `speakers`; a name (capitalised words, initials and titles with their
    /// periods); a determiner or a possessive and up to four more words.
    fn speaker_ends(&self, tokens: &[Token], i: usize) -> (Vec<usize>, Option<Speaker>) {
        let Some(first) = tokens.get(i).filter(|t| t.word) else {
            return (Vec::new(), None);
        };
        if self.pronouns.contains(&first.lower) || self.speakers.contains(&first.lower) {
            return (vec![i + 1], Some(self.speaker_word(first)));
        }
        let named = Some(Speaker::Named(first.span));
        let noun = |t: &Token| t.word && !self.function_words.contains(&t.lower);
        if self.determiners.contains(&first.lower) || is_possessive(first) {
            let ends: Vec<usize> = (i + 1..tokens.len())
                .take(4)
                .take_while(|&j| noun(&tokens[j]))
                .map(|j| j + 1)
                .collect();
            let ends = if is_possessive(first) {
                std::iter::once(i + 1).chain(ends).collect()
            } else {
                ends
            };
            return (ends, named);
        }
        if !first.capitalised || self.function_words.contains(&first.lower) {
            return (Vec::new(), None);
        }
        let mut ends = vec![i + 1];
        let mut j = i + 1;
        while j < tokens.len() && j < i + 8 {
            let token = &tokens[j];
            let abbreviation = token.lower == "."
                && tokens[j - 1].capitalised
                && tokens[j - 1].lower.chars().count() <= 4;
            if token.word && (token.capitalised || is_possessive(&tokens[j - 1]) && noun(token))
                || abbreviation
            {
                j += 1;
                ends.push(j);
            } else {
                break;
            }
        }
        (ends, named)
    }

    /// A speaker and a verb starting at `i`, with an aside or an adverb between them
    /// (`Smith fumed`, `the senator, a Democrat, answered`, `he later wrote`).
    /// A third person read from its `-s` (`fumes`) counts only when `present` allows: not at
    /// the start of a sentence, where it is as likely a plural noun (`the party's main
    /// problems are`).
    fn speaker_then_verb(&self, tokens: &[Token], i: usize, present: bool) -> Option<Speaker> {
        let (ends, speaker) = self.speaker_ends(tokens, i);
        ends.into_iter().rev().find_map(|end| {
            let at = self.skip_adverb(tokens, Self::skip_aside(tokens, end));
            self.frame_verb(tokens, at, present).and(speaker)
        })
    }

    /// The speaker of a frame right after a quotation whose closing mark is followed by the
    /// token at `i`: `"...," Smith fumed`, `"...," read the statement`, `"..." Trump on
    /// Twitter`.
    pub fn after_frame(&self, tokens: &[Token], i: usize) -> Option<Speaker> {
        let i = if tokens.get(i).is_some_and(|t| t.lower == ",") {
            i + 1
        } else {
            i
        };
        if let Some(speaker) = self.speaker_then_verb(tokens, i, true) {
            return Some(speaker);
        }
        let len = self.frame_verb(tokens, i, false)?;
        let (ends, speaker) = self.speaker_ends(tokens, i + len);
        (!ends.is_empty()).then_some(speaker).flatten()
    }

    /// The speaker of a sentence that opens with a speaker and a verb before a quotation that
    /// opens at token `open`: `Trump also embraced the idea -- "I think ..."`. The sentence
    /// starts at token `start`.
    pub fn subject_frame(&self, tokens: &[Token], start: usize, open: usize) -> Option<Speaker> {
        let before = tokens.get(..open)?;
        // The subject is among the sentence's first tokens (a bounded look, so that a
        // sentence of bare quote marks is read in linear time).
        let first = (start..open).take(12).find(|&i| before[i].word)?;
        self.speaker_then_verb(before, first, false)
    }

    /// The speaker of a frame right before a quotation whose opening mark follows the tokens
    /// before `k`: `Smith fumed, "..."`, `the crowd chanted "..."`.
    pub fn before_frame(&self, tokens: &[Token], k: usize) -> Option<Speaker> {
        let mut k = k;
        if k > 0 && matches!(tokens[k - 1].lower.as_str(), "," | ":") {
            k -= 1;
        }
        // The verb is the last word before the quotation (one or two words for a phrase); the
        // speaker, possibly with an adverb, comes right before it.
        (1..=3).filter(|&len| len <= k).find_map(|len| {
            let verb = k - len;
            (self.frame_verb(tokens, verb, true) == Some(len))
                .then(|| self.speaker_before(tokens, verb))
                .flatten()
        })
    }

    /// A speaker ending right before the token at `end` (an adverb or an aside may come
    /// between: `the band - whose album sold best - thanked`).
    fn speaker_before(&self, tokens: &[Token], end: usize) -> Option<Speaker> {
        let end = match end.checked_sub(1).map(|j| &tokens[j]) {
            Some(t) if t.word && (self.adverbs.contains(&t.lower) || t.lower.ends_with("ly")) => {
                end - 1
            }
            _ => end,
        };
        let end = Self::skip_aside_back(tokens, end);
        (end.saturating_sub(6)..end).find_map(|start| {
            let (ends, speaker) = self.speaker_ends(tokens, start);
            ends.contains(&end).then_some(speaker).flatten()
        })
    }

    /// The speaker of a dash credit right after a quotation, at token `i`: `"..." — Smith`,
    /// `"..." -- @handle`.
    pub fn dash_credit(&self, tokens: &[Token], i: usize) -> Option<Speaker> {
        let dash = self.credit_dashes.iter().find_map(|dash| {
            let marks: Vec<char> = dash.chars().collect();
            let fits = marks.len() <= tokens.len().saturating_sub(i)
                && marks
                    .iter()
                    .zip(&tokens[i..])
                    .all(|(m, t)| t.lower.chars().eq(std::iter::once(*m)));
            fits.then_some(marks.len())
        })?;
        let at = i + dash;
        let token = tokens.get(at)?;
        if token.lower == "@" {
            return tokens
                .get(at + 1)
                .filter(|t| t.word)
                .map(|t| Speaker::Named(t.span));
        }
        let (ends, speaker) = self.speaker_ends(tokens, at);
        (!ends.is_empty() && token.capitalised)
            .then_some(speaker)
            .flatten()
    }

    /// Whether a bracketed source tag follows a quotation at token `i`: `"..." [Politico]`,
    /// `"..." (CNN)`: capitalised words only, at most five.
    pub fn source_tag(tokens: &[Token], i: usize) -> bool {
        let close = match tokens.get(i).map(|t| t.lower.as_str()) {
            Some("[") => "]",
            Some("(") => ")",
            _ => return false,
        };
        let words: Vec<&Token> = tokens[i + 1..]
            .iter()
            .take(6)
            .take_while(|t| t.lower != close)
            .collect();
        let closed = tokens
            .get(i + 1 + words.len())
            .is_some_and(|t| t.lower == close);
        closed
            && !words.is_empty()
            && words.len() <= 5
            && words
                .iter()
                .all(|t| t.word && t.capitalised || t.lower == ".")
    }

    /// Whether the paragraph whose tokens are `tokens` is a credit line: a dash and a name,
    /// at most a dozen words (`— Bernie Sanders`, after a block quotation).
    pub fn credit_line(&self, tokens: &[Token]) -> bool {
        tokens.iter().filter(|t| t.word).count() <= 12 && self.dash_credit(tokens, 0).is_some()
    }
}

/// Whether a headline opens with a name and a colon: up to four capitalised words (`Cecile
/// Richards:`, `TRUMP:`).
fn name_label(tokens: &[Token]) -> bool {
    let Some(colon) = tokens.iter().take(8).position(|t| t.lower == ":") else {
        return false;
    };
    let words = &tokens[..colon];
    (1..=4).contains(&words.len()) && words.iter().all(|t| t.word && t.capitalised)
}

/// Whether a paragraph opens with a transcript label: up to four words in capitals (titles
/// with their periods) and a colon (`TRUMP:`, `MR. SANDERS:`, `Q:`).
fn transcript_label(tokens: &[Token]) -> bool {
    let Some(colon) = tokens.iter().take(8).position(|t| t.lower == ":") else {
        return false;
    };
    let words = &tokens[..colon];
    !words.is_empty()
        && words.iter().filter(|t| t.word).count() <= 4
        && words.iter().all(|t| t.word && t.upper || t.lower == ".")
        && words.first().is_some_and(|t| t.word)
}
