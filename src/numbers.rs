//! Number mentions: the figures of an article (`450`, `7,000`, `twenty-five`, `1.5 million`,
//! `$3bn`, `27 pct`, `-1.6%`, `256GB`, `a third of`, `hundreds`, `from 2,415 to 2,315`), each with
//! its span, value or range, kind, qualifier and the noun it counts. Years, dates, times, ages,
//! ordinals, phone numbers, ticker codes, model numbers, index levels and addresses are not
//! mentions. The word lists are data, in `rules/data/numbers.toml`; plural nouns are turned into
//! their singular by the `pluralizer` crate, after the data file's exceptions.

use crate::hash::{Map, Set};
use crate::span::Span;
use crate::text::{lowercase, phrases, word_set};
use serde::Deserialize;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::LazyLock;

/// What a figure measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberKind {
    /// A number of things: `450 detainees`, `hundreds of people`.
    Count,
    /// An amount of money: `$3bn`, `6 mln dlrs`, `£600m`, `US $58.24`.
    Money,
    /// A percentage: `76%`, `27 pct`, `5 percent`.
    Percent,
    /// A quantity in a unit of measure: `256GB`, `640bhp`, `5 km`.
    Measure,
    /// A share of a whole: `a third of`, `two-thirds of`, `one in four`.
    Fraction,
}

impl NumberKind {
    /// The kind's name in lower case (`count`, `money`), as `wirelint inspect` writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            NumberKind::Count => "count",
            NumberKind::Money => "money",
            NumberKind::Percent => "percent",
            NumberKind::Measure => "measure",
            NumberKind::Fraction => "fraction",
        }
    }
}

/// How a qualifier widens a figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QualifierKind {
    /// `around`, `about`: within the tolerance either side.
    Approximate,
    /// `nearly`, `almost`: a little below, up to the figure.
    Nearly,
    /// `more than`, `at least`, `over`: the figure or above.
    AtLeast,
    /// `up to`, `fewer than`, `under`: the figure or below.
    AtMost,
}

impl QualifierKind {
    /// The kind's name in kebab case (`at-least`), as `wirelint inspect` writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            QualifierKind::Approximate => "approximate",
            QualifierKind::Nearly => "nearly",
            QualifierKind::AtLeast => "at-least",
            QualifierKind::AtMost => "at-most",
        }
    }
}

/// A word or phrase before a figure that widens it into a range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Qualifier {
    /// The qualifier as written.
    pub span: Span,
    /// How it widens the figure.
    pub kind: QualifierKind,
}

/// One figure in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct NumberMention {
    /// The figure as written, with its sign, currency, scale, unit and percent words (`$3bn`,
    /// `6 mln dlrs`, `1.5 million`, `27 pct`, `-1.6%`, `Hundreds`, `400 to 500`), without its
    /// qualifier.
    pub span: Span,
    /// The value as written: the low end of a written range (`400 to 500`), the figure reached
    /// by a change (`2,315` in `from 2,415 to 2,315`), the share of a fraction (`0.25`), the
    /// lowest value of a vague amount.
    pub value: f64,
    /// The lowest value the figure allows, after its qualifier and rounding.
    pub low: f64,
    /// The highest value the figure allows (infinite for `more than 40`, `thousands`).
    pub high: f64,
    /// What the figure measures.
    pub kind: NumberKind,
    /// Whether it is a vague amount (`dozens`, `hundreds`) rather than a figure.
    pub vague: bool,
    /// Whether it is a written range (`400 to 500`, `400-500`, `between 400 and 500`).
    pub range: bool,
    /// For a change (`rose from 2,415 to 2,315`), the figure it changed from.
    pub previous: Option<f64>,
    /// The qualifier before it, if any.
    pub qualifier: Option<Qualifier>,
    /// The counted noun (`detainees` in `450 ISIS detainees`) or the unit of a measure (`GB`).
    pub noun: Option<Span>,
    /// The counted noun's singular, lower case (`detainee`), or the unit in lower case (`gb`).
    pub lemma: Option<String>,
    /// The lower-case words between the figure and its noun (`isis`).
    pub modifiers: Vec<String>,
    /// Whether it counts a part of a group named after it (`300 of the workers`).
    pub partitive: bool,
    /// Index of its sentence in the article, or `None` in the headline.
    pub sentence: Option<usize>,
}

impl NumberMention {
    /// The figure and its counted noun as one span (`Hundreds of Residents`, `150 ISIS
    /// fighters`), or the figure alone when the noun is elsewhere.
    pub fn phrase(&self) -> Span {
        match self.noun {
            Some(noun) if noun.start >= self.span.end && noun.start - self.span.end < 60 => {
                Span::new(self.span.start, noun.end)
            }
            _ => self.span,
        }
    }
}

/// A word or punctuation mark of a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Where it is in the source.
    pub span: Span,
    /// Its text in lower case.
    pub lower: String,
    /// Whether it is a word (letters or digits) rather than a punctuation mark.
    pub word: bool,
    /// Whether it starts with an upper-case letter.
    pub capitalized: bool,
}

/// The words and punctuation marks of `span` in `text`. Words keep their inner joiners
/// (`7,000`, `U.S`, `twenty-five`, `Iraq's`) and glued currency and percent signs (`$3bn`,
/// `76%`).
pub fn tokenize(text: &str, span: Span) -> Vec<Token> {
    let part = span.slice(text);
    let is_word = |c: char| {
        c.is_alphanumeric() || matches!(c, '$' | '£' | '€' | '¥' | '₹' | '%' | '½' | '¼' | '¾')
    };
    let is_joiner = |c: char| matches!(c, '.' | ',' | '-' | '\'' | '’' | '/' | ':' | '&');
    let chars: Vec<(usize, char)> = part.char_indices().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        if is_word(c) {
            while j < chars.len() {
                let next = chars[j].1;
                let joined = is_joiner(next) && chars.get(j + 1).is_some_and(|&(_, n)| is_word(n));
                if is_word(next) {
                    j += 1;
                } else if joined {
                    j += 2;
                } else {
                    break;
                }
            }
        }
        let end = chars.get(j).map_or(part.len(), |&(offset, _)| offset);
        let word = &part[start..end];
        tokens.push(Token {
            span: Span::new(start, end).shift(span.start),
            lower: lowercase(word),
            word: is_word(c),
            capitalized: c.is_uppercase(),
        });
        i = j;
    }
    tokens
}

/// The number mentions of `span` (a sentence or the headline) in `text`, in order, with
/// `sentence` unset. In a headline, capitalised words say nothing about names. Linear in the
/// length of the span.
pub fn find_numbers(text: &str, span: Span, headline: bool) -> Vec<NumberMention> {
    numbers_in(text, &tokenize(text, span), headline)
}

/// The number mentions among `tokens` (those [`tokenize`] gave for a sentence or the headline
/// of `text`), as [`find_numbers`] finds them.
pub fn numbers_in(text: &str, tokens: &[Token], headline: bool) -> Vec<NumberMention> {
    let lexicon = &*LEXICON;
    let scanner = Scanner {
        lexicon,
        tokens,
        text,
        headline,
        first_word: tokens.iter().position(|t| t.word),
    };
    let mut mentions = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match scanner.mention_at(i) {
            Some((mention, end)) => {
                mentions.push(mention);
                i = end.max(i + 1);
            }
            None => i += 1,
        }
    }
    mentions
}

/// The singular of a lower-case plural noun (`countries` -> `country`, `people` -> `person`,
/// `children` -> `child`, `police` -> `police`): the data file's exceptions, then the
/// `pluralizer` crate's rules.
pub fn lemma(plural: &str) -> String {
    if let Some(singular) = LEXICON.irregular.get(plural) {
        return singular.clone();
    }
    LEMMAS.with(|lemmas| {
        if let Some(singular) = lemmas.borrow().get(plural) {
            return singular.clone();
        }
        let singular = pluralizer::pluralize(plural, 1, false);
        let mut lemmas = lemmas.borrow_mut();
        if lemmas.len() >= MAX_CACHED_LEMMAS {
            lemmas.clear();
        }
        lemmas.insert(plural.to_string(), singular.clone());
        singular
    })
}

/// How many singulars a thread keeps (a few megabytes at most).
const MAX_CACHED_LEMMAS: usize = 50_000;

thread_local! {
    /// The singulars this thread has found: the crate tries its rules one regex at a time, and
    /// wire copy counts the same nouns again and again.
    static LEMMAS: RefCell<Map<String, String>> = RefCell::default();
}

/// The value of a whole number written as one word: digits (`7`), or a spelled number from
/// the data file, `one` included (`one`, `twelve`, `twenty`).
pub fn number_word(word: &str) -> Option<f64> {
    if word == "one" {
        return Some(1.0);
    }
    if !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit()) {
        return word.parse().ok();
    }
    LEXICON.spelled.get(word).copied()
}

/// Whether `word` (lower case) is a function word: one that ends the search for a counted noun
/// (`of`, `the`, `have`, `were`).
pub fn is_function_word(word: &str) -> bool {
    LEXICON.stop.contains(word)
}

/// Whether `word` (lower case) is a month or weekday name or abbreviation.
pub fn is_calendar_word(word: &str) -> bool {
    LEXICON.months.contains(word) || LEXICON.weekdays.contains(word)
}

/// Whether `word` (lower case) reads as a plural noun.
pub fn is_plural_noun(word: &str) -> bool {
    let lexicon = &*LEXICON;
    if lexicon.irregular.contains_key(word) {
        return true;
    }
    word.len() >= 4
        && word.ends_with('s')
        && word.chars().all(|c| c.is_alphabetic() || c == '-')
        && !["ss", "is", "us"].iter().any(|e| word.ends_with(e))
        && !lexicon.not_plural.contains(word)
        && !lexicon.scales.contains_key(word)
        && !lexicon.money_words.contains(word)
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Data {
    units: Vec<String>,
    tens: Vec<String>,
    scales: HashMap<String, f64>,
    suffixes: HashMap<String, f64>,
    measures: MeasureData,
    money: MoneyData,
    percent: PercentData,
    fractions: HashMap<String, f64>,
    vague: Vec<VagueData>,
    qualifiers: QualifierData,
    changes: ChangeData,
    nouns: NounData,
    non_counts: NonCountData,
}

#[derive(Deserialize)]
struct MeasureData {
    glued: Vec<String>,
    spaced: Vec<String>,
}

#[derive(Deserialize)]
struct MoneyData {
    signs: Vec<String>,
    words: Vec<String>,
    codes: Vec<String>,
    prefixes: Vec<String>,
}

#[derive(Deserialize)]
struct PercentData {
    words: Vec<String>,
}

#[derive(Deserialize)]
struct VagueData {
    phrase: String,
    low: f64,
    high: f64,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct QualifierData {
    approximate: Vec<String>,
    nearly: Vec<String>,
    at_least: Vec<String>,
    at_most: Vec<String>,
    tolerance: f64,
    rounding: f64,
}

#[derive(Deserialize)]
struct ChangeData {
    verbs: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct NounData {
    irregular: HashMap<String, String>,
    not_plural: Vec<String>,
    stop: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct NonCountData {
    months: Vec<String>,
    weekdays: Vec<String>,
    before: Vec<String>,
    after: Vec<String>,
    streets: Vec<String>,
    year_before: Vec<String>,
    indexes: Vec<String>,
}

/// A phrase as lower-case words.
type Phrase = Vec<String>;

/// The word lists, compiled for lookup.
struct Lexicon {
    spelled: Map<String, f64>,
    scales: Map<String, f64>,
    suffixes: Map<String, f64>,
    glued_units: Set<String>,
    spaced_units: Set<String>,
    /// Currency signs glued before digits, lower case, longest first.
    signs: Vec<String>,
    money_words: Set<String>,
    codes: Set<String>,
    prefixes: Set<String>,
    percent: Vec<Phrase>,
    fractions: Map<String, f64>,
    /// Qualifier phrases by their last word, longest first.
    qualifiers: Map<String, Vec<(Phrase, QualifierKind)>>,
    /// Vague amounts by their first word, longest first.
    vague_by_first: Map<String, Vec<(Phrase, f64, f64)>>,
    tolerance: f64,
    rounding: f64,
    change_verbs: Set<String>,
    irregular: Map<String, String>,
    not_plural: Set<String>,
    stop: Set<String>,
    months: Set<String>,
    weekdays: Set<String>,
    before: Set<String>,
    after: Set<String>,
    streets: Set<String>,
    year_before: Set<String>,
    indexes: Set<String>,
}

/// Phrases of the embedded word lists (an empty one is a bug in the data file).
fn lexicon_phrases(list: &[String]) -> Vec<Vec<String>> {
    phrases(list, "rules/data/numbers.toml").unwrap_or_else(|e| panic!("{e}"))
}

/// The word lists, parsed once. The file ships inside the binary and a unit test parses it, so
/// a failure here is a bug in wirelint, not bad input.
static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let data: Data = toml::from_str(include_str!("../rules/data/numbers.toml"))
        .unwrap_or_else(|e| panic!("rules/data/numbers.toml does not parse: {e}"));
    let mut spelled = Map::default();
    for (i, word) in data.units.iter().enumerate() {
        spelled.insert(word.clone(), (i + 2) as f64);
    }
    for (i, word) in data.tens.iter().enumerate() {
        spelled.insert(word.clone(), ((i + 2) * 10) as f64);
    }
    let mut signs: Vec<String> = data.money.signs.iter().map(|s| s.to_lowercase()).collect();
    signs.sort_by_key(|s| std::cmp::Reverse(s.len()));
    let mut qualifiers = Vec::new();
    for (list, kind) in [
        (&data.qualifiers.approximate, QualifierKind::Approximate),
        (&data.qualifiers.nearly, QualifierKind::Nearly),
        (&data.qualifiers.at_least, QualifierKind::AtLeast),
        (&data.qualifiers.at_most, QualifierKind::AtMost),
    ] {
        qualifiers.extend(lexicon_phrases(list).into_iter().map(|p| (p, kind)));
    }
    qualifiers.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
    let mut by_last: Map<String, Vec<(Phrase, QualifierKind)>> = Map::default();
    for (phrase, kind) in qualifiers {
        if let Some(last) = phrase.last() {
            by_last
                .entry(last.clone())
                .or_default()
                .push((phrase, kind));
        }
    }
    let mut vague: Vec<(Phrase, f64, f64)> = data
        .vague
        .iter()
        .map(|v| {
            (
                lexicon_phrases(std::slice::from_ref(&v.phrase)).concat(),
                v.low,
                v.high,
            )
        })
        .collect();
    vague.sort_by_key(|(p, _, _)| std::cmp::Reverse(p.len()));
    let mut vague_by_first: Map<String, Vec<(Phrase, f64, f64)>> = Map::default();
    for entry in vague {
        if let Some(first) = entry.0.first() {
            vague_by_first.entry(first.clone()).or_default().push(entry);
        }
    }
    Lexicon {
        spelled,
        scales: data.scales.into_iter().collect(),
        suffixes: data.suffixes.into_iter().collect(),
        glued_units: word_set(&data.measures.glued),
        spaced_units: word_set(&data.measures.spaced),
        signs,
        money_words: word_set(&data.money.words),
        codes: word_set(&data.money.codes),
        prefixes: word_set(&data.money.prefixes),
        percent: lexicon_phrases(&data.percent.words),
        fractions: data.fractions.into_iter().collect(),
        qualifiers: by_last,
        vague_by_first,
        tolerance: data.qualifiers.tolerance,
        rounding: data.qualifiers.rounding,
        change_verbs: word_set(&data.changes.verbs),
        irregular: data.nouns.irregular.into_iter().collect(),
        not_plural: word_set(&data.nouns.not_plural),
        stop: word_set(&data.nouns.stop),
        months: word_set(&data.non_counts.months),
        weekdays: word_set(&data.non_counts.weekdays),
        before: word_set(&data.non_counts.before),
        after: word_set(&data.non_counts.after),
        streets: word_set(&data.non_counts.streets),
        year_before: word_set(&data.non_counts.year_before),
        indexes: word_set(&data.non_counts.indexes),
    }
});

/// A bare figure: its value, how it may be rounded, and how it was written.
#[derive(Clone, Copy)]
struct Figure {
    value: f64,
    /// Written round (`7,000`, `1.5 million`): it may be off by the rounding share.
    round: bool,
    money: bool,
    percent: bool,
    /// Written with digits only, no separators, sign or suffix (`1987`).
    plain_digits: bool,
    /// Written in digits (not `three`, `a dozen`).
    digits: bool,
    /// A unit of measure glued to the digits (`256GB`): the byte length of the unit.
    unit: Option<usize>,
}

impl Figure {
    /// A figure written in words.
    fn spelled(value: f64) -> Figure {
        Figure {
            value,
            round: false,
            money: false,
            percent: false,
            plain_digits: false,
            digits: false,
            unit: None,
        }
    }

    /// Whether it is written like a year (`1987`).
    fn plain_digits_year(&self) -> bool {
        self.plain_digits && (1000.0..=2100.0).contains(&self.value)
    }
}

struct Scanner<'a> {
    lexicon: &'a Lexicon,
    tokens: &'a [Token],
    text: &'a str,
    headline: bool,
    /// Index of the first word of the span.
    first_word: Option<usize>,
}

/// How far back a `the number of X` is looked for (in tokens), so that finding a noun stays
/// linear in the sentence's length.
const NUMBER_OF_REACH: usize = 20;

/// How far back an index name makes a bare figure an index level (in tokens).
const INDEX_REACH: usize = 8;

impl Scanner<'_> {
    fn lower(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.lower.as_str())
    }

    /// The token's text as written.
    fn raw(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.span.slice(self.text))
    }

    /// Whether the words from `i` on are `phrase`.
    fn matches(&self, i: usize, phrase: &[String]) -> bool {
        phrase
            .iter()
            .enumerate()
            .all(|(k, word)| self.tokens.get(i + k).is_some_and(|t| &t.lower == word))
    }

    /// The previous token, skipping one full stop (`No. 5`, `Feb. 26`).
    fn before(&self, i: usize) -> Option<&Token> {
        let previous = self.tokens.get(i.checked_sub(1)?)?;
        if previous.lower == "." {
            return self.tokens.get(i.checked_sub(2)?);
        }
        Some(previous)
    }

    /// A spelled number at `i`, `one` included (for fractions: `one in four`).
    fn spelled(&self, i: usize) -> Option<f64> {
        match self.lower(i) {
            "one" | "a" | "an" => Some(1.0),
            word => self.lexicon.spelled.get(word).copied(),
        }
    }

    /// A figure in digits or words at token `i` (no scale words).
    fn figure(&self, i: usize) -> Option<Figure> {
        let token = self.tokens.get(i)?;
        if !token.word {
            return None;
        }
        let lower = token.lower.as_str();
        if let Some(&value) = self.lexicon.spelled.get(lower) {
            return Some(Figure::spelled(value));
        }
        if let Some((tens, unit)) = lower.split_once('-')
            && let (Some(&t), Some(&u)) = (
                self.lexicon.spelled.get(tens),
                self.lexicon.spelled.get(unit),
            )
            && t >= 20.0
            && u < 10.0
        {
            return Some(Figure::spelled(t + u));
        }
        let (money, digits, suffix) = split_figure(&self.lexicon.signs, lower)?;
        let mut value: f64 = digits.replace(',', "").parse().ok()?;
        let mut round = is_round(digits);
        let mut percent = false;
        let mut unit = None;
        match suffix {
            None => {}
            Some("%") => percent = true,
            // A glued `m` is millions after a currency sign, else metres.
            Some(suffix)
                if self.lexicon.suffixes.contains_key(suffix) && (money || suffix != "m") =>
            {
                value *= self.lexicon.suffixes[suffix];
                round = true;
            }
            Some(suffix) if self.lexicon.glued_units.contains(suffix) && !money => {
                unit = Some(suffix.len());
            }
            // Ordinals (`2nd`), decades (`1990s`), times (`9pm`).
            Some(_) => return None,
        }
        Some(Figure {
            value,
            round,
            money,
            percent,
            plain_digits: !digits.contains(',') && digits == lower,
            digits: true,
            unit,
        })
    }

    /// A sign glued before the figure at `i` (`-1.6%`, `+2`): the sign's index and whether it
    /// makes the figure negative.
    fn sign_before(&self, i: usize) -> Option<(usize, bool)> {
        let sign = self.tokens.get(i.checked_sub(1)?)?;
        if !matches!(sign.lower.as_str(), "-" | "−" | "+")
            || sign.span.end != self.tokens[i].span.start
        {
            return None;
        }
        // A hyphen glued to a word before it joins, it does not sign (`A-5`).
        let glued_before = i
            .checked_sub(2)
            .and_then(|p| self.tokens.get(p))
            .is_some_and(|p| p.span.end == sign.span.start);
        (!glued_before).then_some((i - 1, sign.lower != "+"))
    }

    /// The mention starting at token `i`, and the index of the token after it.
    fn mention_at(&self, i: usize) -> Option<(NumberMention, usize)> {
        if let Some(found) = self.vague_at(i) {
            return Some(found);
        }
        if let Some(found) = self.fraction_at(i) {
            return Some(found);
        }
        let mut end = i + 1;
        let (mut figure, mut high) = if self.lower(i) == "a" && self.lower(i + 1) == "dozen" {
            end = i + 2;
            (Figure::spelled(12.0), None)
        } else if let Some(figure) = self.figure(i) {
            (figure, None)
        } else {
            let (low, high) = self.hyphen_range(i)?;
            (low, Some(high))
        };
        let mut first = i;
        if figure.digits
            && let Some((sign, negative)) = self.sign_before(i)
        {
            first = sign;
            if negative {
                figure.value = -figure.value;
            }
        }
        if let Some(code) = self.currency_code_before(first, &figure) {
            first = code;
            figure.money = true;
        }
        if self.is_non_count(first, i, &figure) {
            return None;
        }
        let mut scale = self.scale_at(&mut end);
        figure.value *= scale;
        if let Some(high) = high.as_mut() {
            high.value *= scale;
        }
        // A written range (`400 to 500`, `between 400 and 500`) or a change (`from 2,415 to
        // 2,315`).
        let mut previous = None;
        let joiner = self.lower(end);
        let between = first > 0 && self.lower(first - 1) == "between";
        let from = first > 0 && self.lower(first - 1) == "from";
        if high.is_none()
            && figure.unit.is_none()
            && (matches!(joiner, "to" | "or") || (joiner == "and" && between))
        {
            let (at, negative) = match self.sign_before(end + 2) {
                Some((sign, negative)) if sign == end + 1 => (end + 2, negative),
                _ => (end + 1, false),
            };
            if let Some(mut second) = self.figure(at).filter(|s| s.unit.is_none()) {
                let mut second_end = at + 1;
                let second_scale = self.scale_at(&mut second_end);
                second.value *= second_scale;
                if negative {
                    second.value = -second.value;
                }
                if scale == 1.0 && second_scale > 1.0 {
                    figure.value *= second_scale;
                    scale = second_scale;
                }
                let year_like = figure.plain_digits_year() && second.plain_digits_year();
                let change = from
                    && joiner == "to"
                    && (second.value < figure.value || self.changes_before(first - 1));
                if year_like {
                    return None;
                }
                if change {
                    previous = Some(figure.value);
                    figure = Figure {
                        money: figure.money || second.money,
                        percent: figure.percent || second.percent,
                        ..second
                    };
                    end = second_end;
                } else if second.value > figure.value {
                    figure.money |= second.money;
                    figure.percent |= second.percent;
                    high = Some(second);
                    end = second_end;
                }
            }
        }
        let mut kind = if figure.money {
            NumberKind::Money
        } else if figure.percent {
            NumberKind::Percent
        } else if figure.unit.is_some() {
            NumberKind::Measure
        } else {
            NumberKind::Count
        };
        let mut noun = None;
        if kind == NumberKind::Count {
            if let Some(words) = self.percent_words(end) {
                kind = NumberKind::Percent;
                end += words;
            } else if let Some(words) = self.money_words(end) {
                kind = NumberKind::Money;
                end += words;
            } else if self.lexicon.spaced_units.contains(self.lower(end)) {
                kind = NumberKind::Measure;
                noun = Some(end);
                end += 1;
            }
        }
        let qualifier = self.qualifier_before(first);
        if kind == NumberKind::Count
            && figure.plain_digits
            && high.is_none()
            && previous.is_none()
            && scale == 1.0
            && (1000.0..=2100.0).contains(&figure.value)
            && !self.is_year_count(first, end, &figure, qualifier.is_some())
        {
            return None; // a year
        }
        let (low, top) = self.bounds(&figure, high.as_ref(), qualifier);
        let last = self.tokens[end - 1].span.end;
        let mut mention = NumberMention {
            span: Span::new(self.tokens[first].span.start, last),
            value: figure.value,
            low,
            high: top,
            kind,
            vague: false,
            range: high.is_some(),
            previous,
            qualifier,
            noun: None,
            lemma: None,
            modifiers: Vec::new(),
            partitive: false,
            sentence: None,
        };
        if let Some(length) = figure.unit {
            mention.noun = Some(Span::new(last - length, last));
            mention.lemma = Some(
                self.tokens[end - 1].lower[self.tokens[end - 1].lower.len() - length..].to_string(),
            );
        } else if let Some(unit) = noun {
            mention.noun = Some(self.tokens[unit].span);
            mention.lemma = Some(self.lower(unit).to_string());
        } else if kind == NumberKind::Count {
            self.attach_noun(&mut mention, first, end);
        }
        Some((mention, end))
    }

    /// The product of the scale words from `end` on (`million`, `hundred thousand`), moving
    /// `end` past them.
    fn scale_at(&self, end: &mut usize) -> f64 {
        let mut scale = 1.0;
        while let Some(&factor) = self.lexicon.scales.get(self.lower(*end)) {
            scale *= factor;
            *end += 1;
        }
        scale
    }

    /// The lowest and highest values a figure allows: a written range as written; a figure
    /// written round within the rounding share; widened by its qualifier.
    fn bounds(
        &self,
        figure: &Figure,
        high: Option<&Figure>,
        qualifier: Option<Qualifier>,
    ) -> (f64, f64) {
        let value = figure.value;
        let tolerance = self.lexicon.tolerance;
        let slack = if figure.round {
            value.abs() * self.lexicon.rounding
        } else {
            0.0
        };
        let (mut low, mut top) = match high {
            Some(high) => (value, high.value),
            None => (value - slack, value + slack),
        };
        let (below, above) = (
            value - value.abs() * tolerance,
            value + value.abs() * tolerance,
        );
        match qualifier.map(|q| q.kind) {
            None => {}
            Some(QualifierKind::Approximate) => {
                low = low.min(below);
                top = top.max(above);
            }
            Some(QualifierKind::Nearly) => low = low.min(below),
            Some(QualifierKind::AtLeast) => top = f64::INFINITY,
            Some(QualifierKind::AtMost) => low = low.min(0.0),
        }
        (low, top)
    }

    /// Whether a change verb stands in the three words before `i` (`rose from`, `cut its
    /// forecast from`).
    fn changes_before(&self, i: usize) -> bool {
        (i.saturating_sub(3)..i).any(|k| self.lexicon.change_verbs.contains(self.lower(k)))
    }

    /// A currency code before the figure at `first` (`USD 5 million`, `US $58.24`): its index.
    fn currency_code_before(&self, first: usize, figure: &Figure) -> Option<usize> {
        let at = first.checked_sub(1)?;
        let token = self.tokens.get(at)?;
        let raw = self.raw(at);
        let capitals = token.word && raw.chars().all(|c| c.is_ascii_uppercase());
        // `Rs 500`, `Dh 20`: codes of mixed case, never opening a sentence.
        let mixed = token.capitalized && at > 0 && raw.len() <= 3;
        if figure.money && capitals && self.lexicon.prefixes.contains(&token.lower) {
            return Some(at);
        }
        let code = self.lexicon.codes.contains(&token.lower) && (capitals || mixed);
        (code && !figure.money && !figure.percent && figure.unit.is_none()).then_some(at)
    }

    /// Whether a plain four-digit figure (`1414`) counts things rather than names a year: a
    /// plural noun follows at once (or after one word), no word before it that takes a year
    /// (`in`, `since`, `the`), and it is not a likely year (1900 to 2030) unless written round
    /// or qualified (`2000 people`, `about 1950 workers`).
    fn is_year_count(&self, first: usize, end: usize, figure: &Figure, qualified: bool) -> bool {
        let noun = (end..end + 2).find(|&k| is_plural_noun(self.lower(k)));
        let noun_next = noun.is_some_and(|k| k == end || self.tokens[end].word);
        let year_word = first.checked_sub(1).is_some_and(|p| {
            self.lexicon.year_before.contains(self.lower(p))
                || self.lexicon.months.contains(self.lower(p))
        });
        let likely_year =
            (1900.0..=2030.0).contains(&figure.value) && !is_round(&figure.value.to_string());
        noun_next && !year_word && (!likely_year || qualified)
    }

    /// A fraction at `i`: `half of`, `a third of`, `two-thirds of`, `one in four`, `one of
    /// four`, `½`.
    fn fraction_at(&self, i: usize) -> Option<(NumberMention, usize)> {
        let fractions = &self.lexicon.fractions;
        let lower = self.lower(i);
        let (value, end) = if let Some(v) = match lower {
            "½" => Some(0.5),
            "¼" => Some(0.25),
            "¾" => Some(0.75),
            _ => None,
        } {
            (v, i + 1)
        } else if lower == "half" && self.lower(i + 1) == "of" {
            (0.5, i + 1)
        } else if let Some((top, bottom)) = lower.split_once('-')
            && let (Some(&den), Some(num)) = (fractions.get(bottom), self.spelled_word(top))
            && self.lower(i + 1) == "of"
        {
            (num / den, i + 1)
        } else if self.lower(i + 2) == "of"
            && let (Some(num), Some(&den)) = (self.spelled(i), fractions.get(self.lower(i + 1)))
            && (num > 1.0) == self.lower(i + 1).ends_with('s')
        {
            (num / den, i + 2)
        } else {
            return self.ratio_at(i);
        };
        let mut mention = self.plain_mention(i, end, value, NumberKind::Fraction);
        self.attach_noun(&mut mention, i, end);
        Some((mention, end))
    }

    /// A spelled number in a hyphenated fraction (`two` in `two-thirds`), `one` included.
    fn spelled_word(&self, word: &str) -> Option<f64> {
        match word {
            "one" | "a" => Some(1.0),
            _ => self.lexicon.spelled.get(word).copied(),
        }
    }

    /// A ratio at `i`: `one in four`, `three out of 10`, `one in every five`, `one of four`.
    fn ratio_at(&self, i: usize) -> Option<(NumberMention, usize)> {
        if !matches!(self.lower(i + 1), "in" | "out" | "of") {
            return None;
        }
        let numerator = match self.lower(i) {
            "one" => 1.0,
            word if word.chars().all(|c| c.is_ascii_digit()) && word.len() <= 2 => {
                word.parse().ok()?
            }
            word => *self.lexicon.spelled.get(word)?,
        };
        let mut at = i + 1;
        match self.lower(at) {
            "in" => at += 1,
            "out" if self.lower(at + 1) == "of" => at += 2,
            "of" if self.lower(i) == "one" => at += 1,
            _ => return None,
        }
        if self.lower(at) == "every" {
            at += 1;
        }
        let whole = self.figure(at)?;
        // `the only one of 182 stations` counts the stations.
        let limit = if self.lower(i + 1) == "of" {
            12.0
        } else {
            1000.0
        };
        if whole.unit.is_some()
            || whole.money
            || whole.percent
            || whole.value <= numerator
            || whole.value > limit
        {
            return None;
        }
        let end = at + 1;
        let mut mention = self.plain_mention(i, end, numerator / whole.value, NumberKind::Fraction);
        self.attach_noun(&mut mention, i, end);
        Some((mention, end))
    }

    /// A mention of tokens `i..end` with an exact value, before its noun is found.
    fn plain_mention(&self, i: usize, end: usize, value: f64, kind: NumberKind) -> NumberMention {
        let qualifier = self.qualifier_before(i);
        let (low, high) = self.bounds(&Figure::spelled(value), None, qualifier);
        NumberMention {
            span: Span::new(self.tokens[i].span.start, self.tokens[end - 1].span.end),
            value,
            low,
            high,
            kind,
            vague: false,
            range: false,
            previous: None,
            qualifier,
            noun: None,
            lemma: None,
            modifiers: Vec::new(),
            partitive: false,
            sentence: None,
        }
    }

    /// A vague amount at `i` (`hundreds`, `tens of thousands`).
    fn vague_at(&self, i: usize) -> Option<(NumberMention, usize)> {
        let (phrase, low, high) = self
            .lexicon
            .vague_by_first
            .get(self.lower(i))?
            .iter()
            .find(|(phrase, _, _)| self.matches(i, phrase))?;
        let end = i + phrase.len();
        // `thousands of dollars` is money, `hundreds of pounds` too.
        let kind = match self.money_words(end + 1) {
            Some(_) if self.lower(end) == "of" => NumberKind::Money,
            _ => NumberKind::Count,
        };
        let mut mention = NumberMention {
            span: Span::new(self.tokens[i].span.start, self.tokens[end - 1].span.end),
            value: *low,
            low: *low,
            high: *high,
            kind,
            vague: true,
            range: false,
            previous: None,
            qualifier: None,
            noun: None,
            lemma: None,
            modifiers: Vec::new(),
            partitive: false,
            sentence: None,
        };
        if kind == NumberKind::Count {
            let noun_start = if self.lower(end) == "of" {
                end + 1
            } else {
                end
            };
            self.attach_noun(&mut mention, i, noun_start);
        }
        Some((mention, end))
    }

    /// A range in one token: `400-500`, `20-30%`.
    fn hyphen_range(&self, i: usize) -> Option<(Figure, Figure)> {
        let token = self.tokens.get(i)?;
        let (a, b) = token.lower.split_once('-')?;
        let (b, percent) = match b.strip_suffix('%') {
            Some(b) => (b, true),
            None => (b, false),
        };
        let parse = |s: &str| -> Option<f64> {
            if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit() || c == ',') {
                return None;
            }
            s.replace(',', "").parse().ok()
        };
        let (low, high) = (parse(a)?, parse(b)?);
        let phone = a.len() == 3 && b.len() == 4;
        if phone || low < 10.0 || high <= low || high > low * 10.0 || low >= 1000.0 {
            return None;
        }
        let figure = |value| Figure {
            percent,
            digits: true,
            ..Figure::spelled(value)
        };
        Some((figure(low), figure(high)))
    }

    /// Whether the figure at `i` (written from `first`, its sign or currency code) is a date,
    /// time, age, reference number, phone number, ticker, model number, index level or address
    /// rather than an amount.
    fn is_non_count(&self, first: usize, i: usize, figure: &Figure) -> bool {
        let lexicon = self.lexicon;
        let whole = figure.value.fract() == 0.0;
        let next = self.lower(i + 1);
        let before = self.before(first);
        let previous = first.checked_sub(1).and_then(|p| self.tokens.get(p));
        if let Some(before) = before {
            if lexicon.before.contains(&before.lower) {
                return true;
            }
            if lexicon.months.contains(&before.lower) && whole && figure.value <= 31.0 {
                return true;
            }
        }
        if lexicon.months.contains(next) && whole && figure.value <= 31.0 {
            return true;
        }
        if lexicon.after.contains(next)
            || (matches!(next, "years" | "year") && matches!(self.lower(i + 2), "old" | "of"))
        {
            return true;
        }
        // Glued to another figure (`+44 20 7946`), in a ticker (`<0700>`), after an apostrophe
        // (`'87`).
        let is_digits = |t: &Token| t.lower.chars().all(|c| c.is_ascii_digit());
        if previous.is_some_and(|p| is_digits(p) || matches!(p.lower.as_str(), "<" | "'" | "’"))
            || self.tokens.get(i + 1).is_some_and(is_digits)
            || next == ">"
        {
            return true;
        }
        // `Smith, 45, said`: an age.
        if whole && figure.value <= 120.0 && previous.is_some_and(|p| p.lower == ",") && next == ","
        {
            return true;
        }
        !self.headline
            && (self.is_model_name(first, i, figure)
                || self.is_street(i)
                || self.is_index_level(first, i, figure))
    }

    /// `Boeing 747`, `Route 66`, `iPhone 11`, `787 Dreamliner`: a name with a number. Not after
    /// a function word (`With 275`), a day or month (`Sunday 5.5%`) or a possessive (`NBC's
    /// 24,000 workers`), and never a figure with separators, decimals, a sign or a percent.
    fn is_model_name(&self, first: usize, i: usize, figure: &Figure) -> bool {
        if !figure.plain_digits || first != i {
            return false;
        }
        let lexicon = self.lexicon;
        let name_like = |k: usize| {
            let token = &self.tokens[k];
            token.word
                && !lexicon.stop.contains(&token.lower)
                && !is_calendar_word(&token.lower)
                && !lexicon.qualifier_word(&token.lower)
                && !is_plural_noun(&token.lower)
        };
        if let Some(p) = i.checked_sub(1) {
            let raw = self.raw(p);
            let inner_capital = self.tokens[p].word
                && raw.chars().skip(1).any(char::is_uppercase)
                && raw.chars().any(char::is_lowercase);
            let possessive = ["'s", "’s", "s'", "s’"]
                .iter()
                .any(|e| self.tokens[p].lower.ends_with(e));
            let opens_sentence = self.first_word.is_none_or(|w| w >= p);
            if (inner_capital || (self.tokens[p].capitalized && !opens_sentence))
                && !possessive
                && name_like(p)
            {
                return true;
            }
        }
        // `787 Dreamliner`: a capitalised word after it, with no plural noun soon after that.
        let next = i + 1;
        next < self.tokens.len()
            && self.tokens[next].capitalized
            && name_like(next)
            && !self.lexicon.spaced_units.contains(self.lower(next))
            && !(next + 1..next + 3).any(|k| is_plural_noun(self.lower(k)))
    }

    /// `10 Downing Street`.
    fn is_street(&self, i: usize) -> bool {
        let street = (i + 1..i + 4).any(|k| {
            self.tokens
                .get(k)
                .is_some_and(|t| t.capitalized && self.lexicon.streets.contains(&t.lower))
        });
        street && self.tokens.get(i + 1).is_some_and(|t| t.capitalized)
    }

    /// `the Nikkei closed at 21,345.6`: a bare figure after `at`, `to` or `of`, with an index
    /// name shortly before it and no noun after it.
    fn is_index_level(&self, first: usize, i: usize, figure: &Figure) -> bool {
        if figure.money || figure.percent || figure.unit.is_some() || figure.value < 100.0 {
            return false;
        }
        let after_preposition = first
            .checked_sub(1)
            .is_some_and(|p| matches!(self.lower(p), "at" | "to" | "of" | "from"));
        after_preposition
            && (first.saturating_sub(INDEX_REACH)..first)
                .any(|k| self.lexicon.indexes.contains(self.lower(k)))
            && self.noun_from(i + 1).is_none()
    }

    /// The qualifier that ends right before token `i`.
    fn qualifier_before(&self, i: usize) -> Option<Qualifier> {
        let last = self.lower(i.checked_sub(1)?);
        let phrases = self.lexicon.qualifiers.get(last)?;
        phrases.iter().find_map(|(phrase, kind)| {
            let start = i.checked_sub(phrase.len())?;
            self.matches(start, phrase).then(|| Qualifier {
                span: Span::new(self.tokens[start].span.start, self.tokens[i - 1].span.end),
                kind: *kind,
            })
        })
    }

    /// How many words of a percent phrase start at `i`.
    fn percent_words(&self, i: usize) -> Option<usize> {
        self.lexicon
            .percent
            .iter()
            .find(|p| self.matches(i, p))
            .map(Vec::len)
    }

    /// How many words up to a money word starting at `i` (`dlrs`, `U.S. dlrs`).
    fn money_words(&self, i: usize) -> Option<usize> {
        let money = |k: usize| self.lexicon.money_words.contains(self.lower(k));
        if money(i) {
            return Some(1);
        }
        if !self.tokens.get(i).is_some_and(|t| t.capitalized && t.word) {
            return None;
        }
        let dot = usize::from(self.lower(i + 1) == ".");
        money(i + 1 + dot).then_some(2 + dot)
    }

    /// Finds the counted noun after the figure (tokens from `after`), or in a `the number of X`
    /// shortly before it in the sentence.
    fn attach_noun(&self, mention: &mut NumberMention, start: usize, after: usize) {
        let mut at = after;
        if self.lower(at) == "of" {
            if matches!(
                self.lower(at + 1),
                "the" | "its" | "their" | "these" | "those" | "our" | "his" | "her"
            ) {
                at += 2;
                mention.partitive = true;
            } else if mention.kind == NumberKind::Fraction {
                at += 1;
            }
        }
        let found = self.noun_from(at).or_else(|| {
            let number = (start.saturating_sub(NUMBER_OF_REACH)..start)
                .rev()
                .find(|&k| self.lower(k) == "number" && self.lower(k + 1) == "of")?;
            self.noun_from(number + 2)
        });
        if let Some((index, modifiers)) = found {
            let token = &self.tokens[index];
            mention.noun = Some(token.span);
            mention.lemma = Some(lemma(&token.lower));
            mention.modifiers = modifiers;
        }
    }

    /// The first plural noun within four words from `i`, with the words skipped before it;
    /// modifiers may be joined by `and`/`or` (`77 short and medium-distance flights`).
    fn noun_from(&self, i: usize) -> Option<(usize, Vec<String>)> {
        let mut modifiers = Vec::new();
        for k in i..i + 4 {
            let token = self.tokens.get(k)?;
            let lower = token.lower.as_str();
            if matches!(lower, "and" | "or") && !modifiers.is_empty() {
                continue;
            }
            if !token.word
                || self.lexicon.stop.contains(lower)
                || lower.starts_with(|c: char| c.is_ascii_digit())
            {
                return None;
            }
            if is_plural_noun(lower) {
                return Some((k, modifiers));
            }
            modifiers.push(lower.to_string());
        }
        None
    }
}

impl Lexicon {
    fn qualifier_word(&self, word: &str) -> bool {
        self.qualifiers.contains_key(word) || self.months.contains(word)
    }
}

/// A word split into its currency sign (whether it has one), its digits (`1,234.5`: groups of
/// three after a comma, decimals after a point) and what is glued after them (`%`, `bn`,
/// `gb`), or `None` when it is not written so.
fn split_figure<'w>(signs: &[String], word: &'w str) -> Option<(bool, &'w str, Option<&'w str>)> {
    let sign = signs.iter().find(|s| word.starts_with(s.as_str()));
    let rest = &word[sign.map_or(0, |s| s.len())..];
    let bytes = rest.as_bytes();
    let digit = |k: usize| bytes.get(k).is_some_and(u8::is_ascii_digit);
    let mut end = 0;
    while digit(end) {
        end += 1;
    }
    if end == 0 {
        return None;
    }
    if end <= 3 {
        while bytes.get(end) == Some(&b',') && (1..=3).all(|k| digit(end + k)) && !digit(end + 4) {
            end += 4;
        }
    }
    if bytes.get(end) == Some(&b'.') && digit(end + 1) {
        end += 1;
        while digit(end) {
            end += 1;
        }
    }
    let suffix = &rest[end..];
    let suffix = match suffix {
        "" => None,
        "%" => Some(suffix),
        _ if suffix.bytes().all(|b| b.is_ascii_lowercase()) => Some(suffix),
        _ => return None,
    };
    Some((sign.is_some(), &rest[..end], suffix))
}

/// Whether digits are written round: an integer with two or more trailing zeros (`7,000`,
/// `100`; not `450`).
fn is_round(digits: &str) -> bool {
    if digits.contains('.') {
        return false;
    }
    let plain: String = digits.chars().filter(char::is_ascii_digit).collect();
    let zeros = plain.len() - plain.trim_end_matches('0').len();
    zeros >= 2 && zeros < plain.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The mentions of `text` as (figure, low, high, kind, noun lemma).
    fn find(text: &str) -> Vec<(String, f64, f64, NumberKind, Option<String>)> {
        find_numbers(text, Span::new(0, text.len()), false)
            .into_iter()
            .map(|m| {
                (
                    m.span.slice(text).to_string(),
                    m.low,
                    m.high,
                    m.kind,
                    m.lemma,
                )
            })
            .collect()
    }

    fn one(text: &str) -> (String, f64, f64, NumberKind, Option<String>) {
        let found = find(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().unwrap()
    }

    fn mention(text: &str) -> NumberMention {
        let found = find_numbers(text, Span::new(0, text.len()), false);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().unwrap()
    }

    fn noun(text: &str) -> Option<String> {
        one(text).4
    }

    #[test]
    fn the_word_lists_parse() {
        assert!(LEXICON.spelled.len() > 20);
        assert!(!LEXICON.qualifiers.is_empty());
    }

    #[test]
    fn digits_with_separators_and_decimals() {
        let (figure, low, high, kind, lemma) = one("Iraq has taken in 450 ISIS detainees.");
        assert_eq!(
            (figure.as_str(), low, high, kind, lemma.as_deref()),
            ("450", 450.0, 450.0, NumberKind::Count, Some("detainee"))
        );
        assert_eq!(one("He saw 1,234 people.").1, 1234.0);
        assert_eq!(one("It weighs 1.5 tonnes.").1, 1.5);
        // Round figures allow rounding, in proportion: 7,000 is 6,300 to 7,700.
        let (_, low, high, _, _) = one("There are 7,000 prisoners.");
        assert_eq!((low, high), (6300.0, 7700.0));
    }

    #[test]
    fn spelled_numbers() {
        assert_eq!(one("Police arrested three men.").1, 3.0);
        assert_eq!(one("Twenty-five people died.").1, 25.0);
        assert_eq!(one("Two hundred people marched.").1, 200.0);
        assert_eq!(one("They found a dozen bodies.").1, 12.0);
        assert!(find("One of them left, and no one stayed.").is_empty());
    }

    #[test]
    fn scaled_figures() {
        let (figure, value, _, kind, _) = one("About 1.5 million people voted.");
        assert_eq!((figure.as_str(), kind), ("1.5 million", NumberKind::Count));
        assert!(value <= 1.5e6 * 0.8 + 1.0);
        let (figure, low, high, kind, _) = one("It lost 6 mln dlrs.");
        assert_eq!((figure.as_str(), kind), ("6 mln dlrs", NumberKind::Money));
        assert!(low <= 6e6 && high >= 6e6);
        let (figure, _, _, kind, _) = one("The deal is worth $3bn.");
        assert_eq!((figure.as_str(), kind), ("$3bn", NumberKind::Money));
        let (figure, low, _, kind, _) = one("Profits hit £600m last year.");
        assert_eq!(
            (figure.as_str(), low, kind),
            ("£600m", 5.4e8, NumberKind::Money)
        );
        assert_eq!(
            one("Sales were 2.1 billion U.S. dlrs.").3,
            NumberKind::Money
        );
        assert_eq!(one("It has 25k subscribers.").1, 25_000.0 * 0.9);
    }

    #[test]
    fn glued_and_spaced_units_are_measures() {
        for (text, figure, unit) in [
            ("The phone has 256GB of storage.", "256GB", "gb"),
            ("The engine makes 640bhp.", "640bhp", "bhp"),
            ("He won the 600m race.", "600m", "m"),
            ("The road is 5 km long.", "5 km", "km"),
            (
                "With 275 pound-feet of torque it pulls.",
                "275 pound-feet",
                "pound-feet",
            ),
        ] {
            let m = mention(text);
            assert_eq!(
                (m.span.slice(text), m.kind, m.lemma.as_deref()),
                (figure, NumberKind::Measure, Some(unit)),
                "{text}"
            );
        }
        assert_eq!(mention("The engine makes 640bhp.").value, 640.0);
    }

    #[test]
    fn signs_are_kept() {
        let m = mention("The DAX -1.6% and the CAC fell.");
        assert_eq!((m.value, m.kind), (-1.6, NumberKind::Percent));
        assert_eq!(m.span, Span::new(8, 13));
        assert_eq!(mention("Growth was +2.5%.").value, 2.5);
        // A hyphen inside a word joins, it does not sign.
        assert!(find("It flew an A-10 jet.").iter().all(|m| m.1 >= 0.0));
    }

    #[test]
    fn currencies_before_the_figure() {
        let text = "Shares closed at US $58.24 on Monday.";
        let m = mention(text);
        assert_eq!(
            (m.span.slice(text), m.kind),
            ("US $58.24", NumberKind::Money)
        );
        let text = "The fund raised USD 5 million.";
        let m = mention(text);
        assert_eq!(
            (m.span.slice(text), m.kind, m.value),
            ("USD 5 million", NumberKind::Money, 5e6)
        );
        assert_eq!(mention("The fine was 500 dirhams.").kind, NumberKind::Money);
        assert_eq!(mention("It costs Rs 500 a month.").kind, NumberKind::Money);
        // `us` the pronoun is no currency.
        assert_eq!(
            mention("They told us 12 people died.").kind,
            NumberKind::Count
        );
    }

    #[test]
    fn fractions() {
        for (text, value) in [
            ("A third of the workers struck.", 1.0 / 3.0),
            ("Two-thirds of voters agreed.", 2.0 / 3.0),
            ("Half of the staff left.", 0.5),
            ("Three quarters of the homes flooded.", 0.75),
            ("One in four adults smokes.", 0.25),
            ("One of four suspects was held.", 0.25),
            ("Three out of 10 families moved.", 0.3),
            ("It rose ½ point.", 0.5),
        ] {
            let m = mention(text);
            assert_eq!(m.kind, NumberKind::Fraction, "{text}");
            assert!((m.value - value).abs() < 1e-9, "{text}: {}", m.value);
        }
        assert_eq!(
            mention("A third of the workers struck.").lemma.as_deref(),
            Some("worker")
        );
        assert_eq!(
            mention("It was the only one of 182 stations to refuse.").kind,
            NumberKind::Count
        );
        // Ordinals are not fractions.
        assert!(find("He won a third term and a second half.").is_empty());
    }

    #[test]
    fn written_ranges_and_changes_are_one_mention() {
        let text = "Rents fell from $2,415 to $2,315 a month.";
        let m = mention(text);
        assert_eq!(m.span.slice(text), "$2,415 to $2,315");
        assert_eq!(
            (m.value, m.previous, m.range),
            (2315.0, Some(2415.0), false)
        );
        let text = "Output rose from 400 to 500 tonnes.";
        let m = mention(text);
        assert_eq!((m.value, m.previous), (500.0, Some(400.0)));
        let text = "Crowds of from 400 to 500 people gathered.";
        let m = mention(text);
        assert_eq!(
            (m.low, m.high, m.range, m.previous),
            (400.0, 500.0, true, None)
        );
        let m = mention("Between 1.5 and 2 million people voted.");
        assert_eq!((m.low, m.high, m.range), (1.5e6, 2e6, true));
        let m = mention("Yields rose 20-30% in the year.");
        assert_eq!((m.low, m.high, m.kind), (20.0, 30.0, NumberKind::Percent));
        assert!(find("It ran from 1986 to 1987.").is_empty());
    }

    #[test]
    fn four_digit_counts_and_years() {
        assert_eq!(one("The quake killed 1414 people.").1, 1414.0);
        assert_eq!(noun("It has 1000 customers.").as_deref(), Some("customer"));
        assert_eq!(
            one("Some 2000 people marched.").4.as_deref(),
            Some("person")
        );
        for text in [
            "1987 profits rose.",
            "In 1987 elections were held.",
            "The 1999 accords held.",
            "Since 1990 prices have doubled.",
        ] {
            assert!(find(text).is_empty(), "{text}: {:?}", find(text));
        }
    }

    #[test]
    fn possessives_and_function_words_do_not_make_model_names() {
        assert_eq!(
            noun("NBC's 24,000 workers struck.").as_deref(),
            Some("worker")
        );
        assert_eq!(one("With 275 staff it is small.").1, 275.0);
        assert_eq!(
            one("Markets rose on Sunday 5.5% higher.").3,
            NumberKind::Percent
        );
    }

    #[test]
    fn vague_amounts_are_ranges() {
        let (figure, low, high, kind, lemma) = one("Hundreds of ISIS Detainees arrive");
        assert_eq!(
            (figure.as_str(), low, high, kind, lemma.as_deref()),
            (
                "Hundreds",
                100.0,
                1000.0,
                NumberKind::Count,
                Some("detainee")
            )
        );
        let (_, low, high, _, _) = one("Dozens of people were hurt.");
        assert_eq!((low, high), (24.0, 100.0));
        let (_, low, high, _, _) = one("Thousands of people marched.");
        assert_eq!((low, high), (1000.0, f64::INFINITY));
        let (figure, low, _, _, _) = one("Tens of thousands of people marched.");
        assert_eq!((figure.as_str(), low), ("Tens of thousands", 10000.0));
        assert_eq!(one("It cost thousands of dollars.").3, NumberKind::Money);
        assert_eq!(
            mention("Hundreds of Residents fled").phrase(),
            Span::new(0, 21)
        );
    }

    #[test]
    fn qualifiers_widen_the_figure() {
        let range = |text: &str| {
            let (_, low, high, _, _) = one(text);
            (low, high)
        };
        assert_eq!(range("around 450 members"), (360.0, 540.0));
        assert_eq!(range("about 450 members"), (360.0, 540.0));
        assert_eq!(range("nearly 450 members"), (360.0, 450.0));
        assert_eq!(range("more than 450 members"), (450.0, f64::INFINITY));
        assert_eq!(range("over 40 countries"), (40.0, f64::INFINITY));
        assert_eq!(range("at least 450 members"), (450.0, f64::INFINITY));
        assert_eq!(range("up to 450 members"), (0.0, 450.0));
        assert_eq!(range("fewer than 450 members"), (0.0, 450.0));
        assert_eq!(range("between 400 and 500 members"), (400.0, 500.0));
        assert_eq!(range("400 to 500 members"), (400.0, 500.0));
        assert_eq!(range("two or three members"), (2.0, 3.0));
        assert_eq!(range("400-500 members"), (400.0, 500.0));
        // `about 100` is 80 to 120: it does not stretch to 150.
        assert_eq!(range("about 100 members"), (80.0, 120.0));
        let mention = &find_numbers("some 450 members", Span::new(0, 16), false)[0];
        assert_eq!(
            mention.qualifier.map(|q| (q.span, q.kind)),
            Some((Span::new(0, 4), QualifierKind::Approximate))
        );
    }

    #[test]
    fn counted_nouns() {
        assert_eq!(
            noun("Iraq has taken in 450 ISIS detainees.").as_deref(),
            Some("detainee")
        );
        assert_eq!(noun("from over 40 countries.").as_deref(), Some("country"));
        assert_eq!(
            noun("The operation began with 150 ISIS fighters moved.").as_deref(),
            Some("fighter")
        );
        assert_eq!(
            noun("The number of ISIS members transferred is limited out of around 7,000 currently in Syria.")
                .as_deref(),
            Some("member")
        );
        assert_eq!(
            noun("Some 300 of the workers struck.").as_deref(),
            Some("worker")
        );
        assert_eq!(noun("Twelve people were hurt.").as_deref(), Some("person"));
        assert_eq!(
            noun("It cancelled 77 short and medium-distance flights.").as_deref(),
            Some("flight")
        );
        assert_eq!(noun("A total of 450 were sent.").as_deref(), None);
        let mention = &find_numbers("450 ISIS detainees", Span::new(0, 18), false)[0];
        assert_eq!(mention.modifiers, ["isis"]);
        assert_eq!(mention.noun, Some(Span::new(9, 18)));
    }

    #[test]
    fn non_counts_are_not_mentions() {
        for text in [
            "It happened in 1987 and again in 2016.",
            "It was signed on March 3 and on 26 February.",
            "It was signed on Feb. 26.",
            "The meeting starts at 10:30 or at 9 a.m. or 0800 GMT.",
            "The man, 45, was held.",
            "A 30-year-old man was 45 years old.",
            "He was aged 45.",
            "She finished 2nd and 21st.",
            "Call 555-1234 or +44 20 7946 0958.",
            "Shares of <0700> rose.",
            "The Boeing 747 and the Airbus A320 flew on Route 66.",
            "He lives at 10 Downing Street.",
            "It was No. 5 on the list, page 12.",
            "He won 6-4 in the 1990s.",
            "Sales of the iPhone 11 rose.",
            "The 787 Dreamliner flew.",
            "The Nikkei index closed at 21,345.6 on Friday.",
        ] {
            assert!(find(text).is_empty(), "{text}: {:?}", find(text));
        }
    }

    #[test]
    fn headline_figures_are_found_in_capitals() {
        let text = "U.S. CREDIT ROSE 1.2 BILLION DLRS";
        let found = find_numbers(text, Span::new(0, text.len()), true);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, NumberKind::Money);
        assert_eq!(found[0].value, 1.2e9);
    }

    #[test]
    fn lemmas() {
        for (plural, singular) in [
            ("countries", "country"),
            ("people", "person"),
            ("churches", "church"),
            ("detainees", "detainee"),
            ("prizes", "prize"),
            ("children", "child"),
            ("police", "police"),
            ("media", "media"),
            ("series", "series"),
            ("news", "news"),
            ("women", "woman"),
            ("wolves", "wolf"),
            ("buses", "bus"),
            ("casualties", "casualty"),
            ("analyses", "analysis"),
        ] {
            assert_eq!(lemma(plural), singular, "{plural}");
        }
        assert!(!is_plural_noun("isis"));
        assert!(!is_plural_noun("was"));
        assert!(is_plural_noun("fighters"));
    }

    /// A small extraction test set of sentences we wrote, one or more for each class of the
    /// extraction misses measured on news text: glued units and scales, written ranges and
    /// changes, signs, fractions, four-digit counts, currency codes, model names and index
    /// levels. Each sentence with every mention it must give: (text, value, kind).
    /// A mention a sentence must give: its text, value and kind.
    type Expected = (&'static str, f64, NumberKind);

    const EXTRACTION_SET: &[(&str, &[Expected])] = &[
        // Units and scales glued to the digits.
        (
            "The phone ships with 256GB of storage.",
            &[("256GB", 256.0, NumberKind::Measure)],
        ),
        (
            "Its V8 makes 640bhp at full tilt.",
            &[("640bhp", 640.0, NumberKind::Measure)],
        ),
        (
            "The race covers 10km of city streets.",
            &[("10km", 10.0, NumberKind::Measure)],
        ),
        (
            "The channel has 25k subscribers.",
            &[("25k", 25_000.0, NumberKind::Count)],
        ),
        (
            "The club paid £45m for the striker.",
            &[("£45m", 45e6, NumberKind::Money)],
        ),
        (
            "The battery holds 75 kWh of charge.",
            &[("75 kWh", 75.0, NumberKind::Measure)],
        ),
        // Written ranges and changes, one mention each.
        (
            "Rents fell from $2,415 to $2,315 a month.",
            &[("$2,415 to $2,315", 2315.0, NumberKind::Money)],
        ),
        (
            "Sales rose from 1.2 million to 1.5 million units.",
            &[("1.2 million to 1.5 million", 1.5e6, NumberKind::Count)],
        ),
        (
            "Between 400 and 500 people gathered.",
            &[("400 and 500", 400.0, NumberKind::Count)],
        ),
        (
            "The fare is 20-30% higher at peak times.",
            &[("20-30%", 20.0, NumberKind::Percent)],
        ),
        (
            "Two or three ships were hit.",
            &[("Two or three", 2.0, NumberKind::Count)],
        ),
        // Signs.
        (
            "The DAX -1.6% and the FTSE +0.4% closed the week.",
            &[
                ("-1.6%", -1.6, NumberKind::Percent),
                ("+0.4%", 0.4, NumberKind::Percent),
            ],
        ),
        (
            "Temperatures fell to -12 degrees overnight.",
            &[("-12", -12.0, NumberKind::Count)],
        ),
        // Fractions.
        (
            "A third of the workers joined the strike.",
            &[("A third", 1.0 / 3.0, NumberKind::Fraction)],
        ),
        (
            "Two-thirds of voters backed the plan.",
            &[("Two-thirds", 2.0 / 3.0, NumberKind::Fraction)],
        ),
        (
            "One in four adults now works from home.",
            &[("One in four", 0.25, NumberKind::Fraction)],
        ),
        (
            "One of four suspects was released.",
            &[("One of four", 0.25, NumberKind::Fraction)],
        ),
        (
            "Half of the flights were cancelled.",
            &[("Half", 0.5, NumberKind::Fraction)],
        ),
        // Four-digit counts and years.
        (
            "The earthquake killed 1414 people.",
            &[("1414", 1414.0, NumberKind::Count)],
        ),
        (
            "The utility has 1000 customers in the town.",
            &[("1000", 1000.0, NumberKind::Count)],
        ),
        ("Output in 1987 was a record.", &[]),
        ("The 2016 results were restated.", &[]),
        // Currency codes and signs.
        (
            "Shares closed at US $58.24 on Monday.",
            &[("US $58.24", 58.24, NumberKind::Money)],
        ),
        (
            "The deal is worth USD 3 billion.",
            &[("USD 3 billion", 3e9, NumberKind::Money)],
        ),
        (
            "The fine was 500 dirhams.",
            &[("500 dirhams", 500.0, NumberKind::Money)],
        ),
        (
            "Tickets cost Rs 250 each.",
            &[("Rs 250", 250.0, NumberKind::Money)],
        ),
        (
            "The firm lost 6 mln dlrs in the quarter.",
            &[("6 mln dlrs", 6e6, NumberKind::Money)],
        ),
        // Model names are not mentions; a figure after a capitalised function word, a day or
        // a possessive is.
        ("Apple sold more iPhone 11 handsets than expected.", &[]),
        ("The airline flies the 787 Dreamliner on the route.", &[]),
        (
            "With 275 pound-feet of torque, it tows well.",
            &[("275 pound-feet", 275.0, NumberKind::Measure)],
        ),
        (
            "Shares rose on Sunday 5.5% in late trade.",
            &[("5.5%", 5.5, NumberKind::Percent)],
        ),
        (
            "NBC's 24,000 workers went on strike.",
            &[("24,000", 24_000.0, NumberKind::Count)],
        ),
        // Index levels are not amounts.
        ("The Nikkei closed at 21,345.6 on Friday.", &[]),
        // Vague amounts.
        (
            "Hundreds of people fled the fire.",
            &[("Hundreds", 100.0, NumberKind::Count)],
        ),
        (
            "Tens of thousands of fans attended.",
            &[("Tens of thousands", 10_000.0, NumberKind::Count)],
        ),
    ];

    #[test]
    fn the_extraction_set() {
        let mut wrong = Vec::new();
        for (sentence, expected) in EXTRACTION_SET {
            let found: Vec<(String, f64, NumberKind)> =
                find_numbers(sentence, Span::new(0, sentence.len()), false)
                    .into_iter()
                    .map(|m| (m.span.slice(sentence).to_string(), m.value, m.kind))
                    .collect();
            let expected: Vec<(String, f64, NumberKind)> = expected
                .iter()
                .map(|(t, v, k)| (t.to_string(), *v, *k))
                .collect();
            let same = found.len() == expected.len()
                && found
                    .iter()
                    .zip(&expected)
                    .all(|(f, e)| f.0 == e.0 && (f.1 - e.1).abs() < 1e-9 && f.2 == e.2);
            if !same {
                wrong.push(format!(
                    "{sentence}\n  found    {found:?}\n  expected {expected:?}"
                ));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }
}
