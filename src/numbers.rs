//! Number mentions: the figures of an article (`450`, `7,000`, `twenty-five`, `1.5 million`,
//! `$3bn`, `27 pct`, `hundreds`), each with its span, value or range, kind, qualifier and the
//! noun it counts. Years, dates, times, ages, ordinals, phone numbers, ticker codes, model
//! numbers and addresses are not mentions. The word lists are data, in `rules/data/numbers.toml`.

use crate::span::Span;
use crate::text::{phrases, word_set};
use regex::Regex;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// What a figure measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberKind {
    /// A number of things: `450 detainees`, `hundreds of people`.
    Count,
    /// An amount of money: `$3bn`, `6 mln dlrs`, `£600m`.
    Money,
    /// A percentage: `76%`, `27 pct`, `5 percent`.
    Percent,
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
    /// The figure as written, with its currency, scale and percent words (`$3bn`,
    /// `6 mln dlrs`, `1.5 million`, `27 pct`, `Hundreds`), without its qualifier.
    pub span: Span,
    /// The value as written (the low end for a written range such as `400 to 500`).
    pub value: f64,
    /// The lowest value the figure allows, after its qualifier and rounding.
    pub low: f64,
    /// The highest value the figure allows (infinite for `more than 40`, `thousands`).
    pub high: f64,
    /// What the figure measures.
    pub kind: NumberKind,
    /// Whether it is a vague amount (`dozens`, `hundreds`) rather than a figure.
    pub vague: bool,
    /// The qualifier before it, if any.
    pub qualifier: Option<Qualifier>,
    /// The counted noun (`detainees` in `450 ISIS detainees`), for counts.
    pub noun: Option<Span>,
    /// The counted noun's singular, lower case (`detainee`).
    pub lemma: Option<String>,
    /// The lower-case words between the figure and its noun (`isis`).
    pub modifiers: Vec<String>,
    /// Whether it counts a part of a group named after it (`300 of the workers`).
    pub partitive: bool,
    /// Index of its sentence in the article, or `None` in the headline.
    pub sentence: Option<usize>,
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
    let is_word = |c: char| c.is_alphanumeric() || matches!(c, '$' | '£' | '€' | '¥' | '%');
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
            lower: word.to_lowercase(),
            word: is_word(c),
            capitalized: c.is_uppercase(),
        });
        i = j;
    }
    tokens
}

/// The number mentions of `span` (a sentence or the headline) in `text`, in order, with
/// `sentence` unset. In a headline, capitalised words say nothing about names.
pub fn find_numbers(text: &str, span: Span, headline: bool) -> Vec<NumberMention> {
    let lexicon = &*LEXICON;
    let tokens = tokenize(text, span);
    let scanner = Scanner {
        lexicon,
        tokens: &tokens,
        headline,
    };
    let mut mentions = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match scanner.mention_at(i) {
            Some((mention, end)) => {
                mentions.push(mention);
                i = end;
            }
            None => i += 1,
        }
    }
    mentions
}

/// The singular of a lower-case plural noun (`countries` -> `country`, `people` -> `person`).
pub fn lemma(plural: &str) -> String {
    if let Some(singular) = LEXICON.irregular.get(plural) {
        return singular.clone();
    }
    if plural.len() > 4
        && let Some(stem) = plural.strip_suffix("ies")
    {
        return format!("{stem}y");
    }
    for ending in ["sses", "ches", "shes", "xes", "zzes"] {
        if plural.ends_with(ending) {
            return plural[..plural.len() - 2].to_string();
        }
    }
    plural.strip_suffix('s').unwrap_or(plural).to_string()
}

/// Whether `word` (lower case) is a function word: one that ends the search for a counted noun
/// (`of`, `the`, `have`, `were`).
pub fn is_function_word(word: &str) -> bool {
    LEXICON.stop.contains(word)
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
    money: MoneyData,
    percent: PercentData,
    vague: Vec<VagueData>,
    qualifiers: QualifierData,
    nouns: NounData,
    non_counts: NonCountData,
}

#[derive(Deserialize)]
struct MoneyData {
    signs: Vec<String>,
    words: Vec<String>,
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
    before: Vec<String>,
    after: Vec<String>,
    streets: Vec<String>,
}

/// A phrase as lower-case words.
type Phrase = Vec<String>;

/// The word lists, compiled for lookup.
struct Lexicon {
    spelled: HashMap<String, f64>,
    scales: HashMap<String, f64>,
    suffixes: HashMap<String, f64>,
    number: Regex,
    money_words: HashSet<String>,
    percent: Vec<Phrase>,
    vague: Vec<(Phrase, f64, f64)>,
    qualifiers: Vec<(Phrase, QualifierKind)>,
    tolerance: f64,
    irregular: HashMap<String, String>,
    not_plural: HashSet<String>,
    stop: HashSet<String>,
    months: HashSet<String>,
    before: HashSet<String>,
    after: HashSet<String>,
    streets: HashSet<String>,
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
    let mut spelled = HashMap::new();
    for (i, word) in data.units.iter().enumerate() {
        spelled.insert(word.clone(), (i + 2) as f64);
    }
    for (i, word) in data.tens.iter().enumerate() {
        spelled.insert(word.clone(), ((i + 2) * 10) as f64);
    }
    let signs: Vec<String> = data
        .money
        .signs
        .iter()
        .map(|s| regex::escape(&s.to_lowercase()))
        .collect();
    let number = Regex::new(&format!(
        r"^(?P<sign>{})?(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<suffix>%|[a-z]+)?$",
        signs.join("|")
    ))
    .unwrap_or_else(|e| panic!("money signs in rules/data/numbers.toml: {e}"));
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
    Lexicon {
        spelled,
        scales: data.scales,
        suffixes: data.suffixes,
        number,
        money_words: word_set(&data.money.words),
        percent: lexicon_phrases(&data.percent.words),
        vague,
        qualifiers,
        tolerance: data.qualifiers.tolerance,
        irregular: data.nouns.irregular,
        not_plural: word_set(&data.nouns.not_plural),
        stop: word_set(&data.nouns.stop),
        months: word_set(&data.non_counts.months),
        before: word_set(&data.non_counts.before),
        after: word_set(&data.non_counts.after),
        streets: word_set(&data.non_counts.streets),
    }
});

/// A bare figure: its value, its rounding unit, and how it was written.
struct Figure {
    value: f64,
    /// Half of this either side is within rounding (`7,000` -> 1,000; `450` -> 0).
    unit: f64,
    money: bool,
    percent: bool,
    /// Written with digits only, no separators, sign or suffix (`1987`).
    plain_digits: bool,
    /// Written in digits (not `three`, `a dozen`).
    digits: bool,
}

struct Scanner<'a> {
    lexicon: &'a Lexicon,
    tokens: &'a [Token],
    headline: bool,
}

impl Scanner<'_> {
    fn lower(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.lower.as_str())
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

    /// A figure in digits or words at token `i` (no scale words).
    fn figure(&self, i: usize) -> Option<Figure> {
        let token = self.tokens.get(i)?;
        if !token.word {
            return None;
        }
        let lower = token.lower.as_str();
        if let Some(&value) = self.lexicon.spelled.get(lower) {
            return Some(Figure {
                value,
                unit: 0.0,
                money: false,
                percent: false,
                plain_digits: false,
                digits: false,
            });
        }
        if let Some((tens, unit)) = lower.split_once('-')
            && let (Some(&t), Some(&u)) = (
                self.lexicon.spelled.get(tens),
                self.lexicon.spelled.get(unit),
            )
            && t >= 20.0
            && u < 10.0
        {
            return Some(Figure {
                value: t + u,
                unit: 0.0,
                money: false,
                percent: false,
                plain_digits: false,
                digits: false,
            });
        }
        let found = self.lexicon.number.captures(lower)?;
        let digits = found.name("num")?.as_str();
        let mut value: f64 = digits.replace(',', "").parse().ok()?;
        let money = found.name("sign").is_some();
        let mut unit = rounding_unit(digits);
        let mut percent = false;
        match found.name("suffix").map(|m| m.as_str()) {
            None => {}
            Some("%") => percent = true,
            Some(suffix) => {
                let scale = *self.lexicon.suffixes.get(suffix)?;
                if scale < 1e9 && !money {
                    return None;
                }
                value *= scale;
                unit = decimal_unit(digits) * scale;
            }
        }
        Some(Figure {
            value,
            unit,
            money,
            percent,
            plain_digits: !digits.contains(',') && digits == lower,
            digits: true,
        })
    }

    /// The mention starting at token `i`, and the index of the token after it.
    fn mention_at(&self, i: usize) -> Option<(NumberMention, usize)> {
        if let Some(found) = self.vague_at(i) {
            return Some(found);
        }
        let start = self.tokens.get(i)?;
        let mut end = i + 1;
        let (mut figure, mut high) = if start.lower == "a" && self.lower(i + 1) == "dozen" {
            end = i + 2;
            (
                Figure {
                    value: 12.0,
                    unit: 0.0,
                    money: false,
                    percent: false,
                    plain_digits: false,
                    digits: false,
                },
                None,
            )
        } else if let Some(figure) = self.figure(i) {
            (figure, None)
        } else {
            let (low, high) = self.hyphen_range(i)?;
            (low, Some(high))
        };
        if self.is_non_count(i, &figure) {
            return None;
        }
        // A written range: `400 to 500`, `between 400 and 500`.
        let joiner = self.lower(end);
        if high.is_none()
            && (matches!(joiner, "to" | "or")
                || (joiner == "and" && self.lower(i.wrapping_sub(1)) == "between"))
            && let Some(second) = self.figure(end + 1)
            && second.value > figure.value
            && !second.plain_digits_year()
        {
            end += 2;
            high = Some(second);
        }
        let mut scale = 1.0;
        while let Some(&factor) = self.lexicon.scales.get(self.lower(end)) {
            scale *= factor;
            end += 1;
        }
        if scale > 1.0 {
            if figure.digits {
                figure.unit = figure.unit.max(decimal_unit_of(figure.value) * scale);
            }
            figure.value *= scale;
            if let Some(high) = high.as_mut() {
                high.value *= scale;
            }
        }
        let mut kind = if figure.money {
            NumberKind::Money
        } else if figure.percent {
            NumberKind::Percent
        } else {
            NumberKind::Count
        };
        if kind == NumberKind::Count {
            if let Some(words) = self.percent_words(end) {
                kind = NumberKind::Percent;
                end += words;
            } else if let Some(words) = self.money_words(end) {
                kind = NumberKind::Money;
                end += words;
            }
        }
        if kind == NumberKind::Count
            && figure.plain_digits
            && high.is_none()
            && scale == 1.0
            && (1000.0..=2100.0).contains(&figure.value)
        {
            return None; // a year
        }
        let qualifier = self.qualifier_before(i);
        let tolerance = self.lexicon.tolerance;
        let value = figure.value;
        let half = figure.unit / 2.0;
        let (mut low, mut top) = match &high {
            Some(high) => (value, high.value),
            None => (value - half, value + half),
        };
        match qualifier.map(|q| q.kind) {
            None => {}
            Some(QualifierKind::Approximate) => {
                low = low.min(value * (1.0 - tolerance));
                top = top.max(value * (1.0 + tolerance));
            }
            Some(QualifierKind::Nearly) => low = value * (1.0 - tolerance),
            Some(QualifierKind::AtLeast) => top = f64::INFINITY,
            Some(QualifierKind::AtMost) => low = 0.0,
        }
        let span = Span::new(start.span.start, self.tokens[end - 1].span.end);
        let mut mention = NumberMention {
            span,
            value,
            low,
            high: top,
            kind,
            vague: false,
            qualifier,
            noun: None,
            lemma: None,
            modifiers: Vec::new(),
            partitive: false,
            sentence: None,
        };
        if kind == NumberKind::Count {
            self.attach_noun(&mut mention, i, end);
        }
        Some((mention, end))
    }

    /// A vague amount at `i` (`hundreds`, `tens of thousands`).
    fn vague_at(&self, i: usize) -> Option<(NumberMention, usize)> {
        let (phrase, low, high) = self
            .lexicon
            .vague
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

    /// A range in one token: `400-500`.
    fn hyphen_range(&self, i: usize) -> Option<(Figure, Figure)> {
        let token = self.tokens.get(i)?;
        let (a, b) = token.lower.split_once('-')?;
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
            value,
            unit: 0.0,
            money: false,
            percent: false,
            plain_digits: false,
            digits: false,
        };
        Some((figure(low), figure(high)))
    }

    /// Whether the figure at `i` is a date, time, age, reference number, phone number, ticker,
    /// model number or address rather than an amount.
    fn is_non_count(&self, i: usize, figure: &Figure) -> bool {
        let lexicon = self.lexicon;
        let whole = figure.value.fract() == 0.0;
        let next = self.lower(i + 1);
        let before = self.before(i);
        let previous = i.checked_sub(1).and_then(|p| self.tokens.get(p));
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
        if !self.headline {
            // `Boeing 747`, `Route 66`, `Windows 95`: a name with a number.
            if let Some(previous) = previous
                && previous.word
                && previous.capitalized
                && i >= 2
                && self.tokens[..i - 1].iter().any(|t| t.word)
                && !lexicon.qualifier_word(&previous.lower)
            {
                return true;
            }
            // `10 Downing Street`.
            let street = (i + 1..i + 4).any(|k| {
                self.tokens
                    .get(k)
                    .is_some_and(|t| t.capitalized && lexicon.streets.contains(&t.lower))
            });
            if street && self.tokens.get(i + 1).is_some_and(|t| t.capitalized) {
                return true;
            }
        }
        false
    }

    /// The qualifier that ends right before token `i`.
    fn qualifier_before(&self, i: usize) -> Option<Qualifier> {
        self.lexicon.qualifiers.iter().find_map(|(phrase, kind)| {
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
    /// earlier in the sentence.
    fn attach_noun(&self, mention: &mut NumberMention, start: usize, after: usize) {
        let mut at = after;
        if self.lower(at) == "of"
            && matches!(
                self.lower(at + 1),
                "the" | "its" | "their" | "these" | "those" | "our"
            )
        {
            at += 2;
            mention.partitive = true;
        }
        let found = self.noun_from(at).or_else(|| {
            let number = (0..start)
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

impl Figure {
    /// Whether it is written like a year (`1987`).
    fn plain_digits_year(&self) -> bool {
        self.plain_digits && (1000.0..=2100.0).contains(&self.value)
    }
}

impl Lexicon {
    fn qualifier_word(&self, word: &str) -> bool {
        self.qualifiers
            .iter()
            .any(|(phrase, _)| phrase.last().is_some_and(|w| w == word))
            || self.months.contains(word)
    }
}

/// The rounding unit of an integer written with two or more trailing zeros (`7,000` -> 1,000;
/// `450` -> 0: written exactly).
fn rounding_unit(digits: &str) -> f64 {
    if digits.contains('.') {
        return 0.0;
    }
    let plain: String = digits.chars().filter(char::is_ascii_digit).collect();
    let zeros = plain.len() - plain.trim_end_matches('0').len();
    if zeros >= 2 && zeros < plain.len() {
        10f64.powi(zeros as i32)
    } else {
        0.0
    }
}

/// The unit of the last decimal written (`1.5` -> 0.1; `6` -> 1).
fn decimal_unit(digits: &str) -> f64 {
    match digits.split_once('.') {
        Some((_, decimals)) => 10f64.powi(-(decimals.len() as i32)),
        None => 1.0,
    }
}

/// The unit of the last decimal of a value as a scaled figure shows it (`1.5` -> 0.1).
fn decimal_unit_of(value: f64) -> f64 {
    let mut unit = 1.0;
    while (value / unit).fract().abs() > 1e-9 && unit > 1e-6 {
        unit /= 10.0;
    }
    unit
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
        // Round figures allow rounding: 7,000 is 6,500 to 7,500.
        let (_, low, high, _, _) = one("There are 7,000 prisoners.");
        assert_eq!((low, high), (6500.0, 7500.0));
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
            ("£600m", 6e8 - 5e5, NumberKind::Money)
        );
        assert_eq!(
            one("Sales were 2.1 billion U.S. dlrs.").3,
            NumberKind::Money
        );
        // Metres are not millions.
        assert!(find("He won the 600m race.").is_empty());
    }

    #[test]
    fn percentages() {
        for text in [
            "Turnout was 76%.",
            "Sales rose 27 pct.",
            "Rates rose 5 percent.",
            "Prices fell 3 per cent.",
            "Yields rose 0.5 percentage points.",
        ] {
            assert_eq!(one(text).3, NumberKind::Percent, "{text}");
        }
    }

    #[test]
    fn vague_amounts_are_ranges() {
        let (figure, low, high, kind, lemma) = one("Hundreds of ISIS Detainees arrive");
        assert_eq!(
            (figure.as_str(), low, high, kind, lemma.as_deref()),
            (
                "Hundreds",
                200.0,
                999.0,
                NumberKind::Count,
                Some("detainee")
            )
        );
        let (_, low, high, _, _) = one("Dozens of people were hurt.");
        assert_eq!((low, high), (24.0, 99.0));
        let (_, low, high, _, _) = one("Thousands of people marched.");
        assert_eq!((low, high), (2000.0, f64::INFINITY));
        let (figure, low, _, _, _) = one("Tens of thousands of people marched.");
        assert_eq!((figure.as_str(), low), ("Tens of thousands", 20000.0));
        assert_eq!(one("It cost thousands of dollars.").3, NumberKind::Money);
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
        assert_eq!(lemma("countries"), "country");
        assert_eq!(lemma("people"), "person");
        assert_eq!(lemma("churches"), "church");
        assert_eq!(lemma("detainees"), "detainee");
        assert_eq!(lemma("prizes"), "prize");
        assert!(!is_plural_noun("isis"));
        assert!(!is_plural_noun("was"));
        assert!(is_plural_noun("fighters"));
    }
}
