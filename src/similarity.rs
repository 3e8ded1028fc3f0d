//! Repeated text inside one article: the normalisation, word tokens and similarity measure
//! shared by `duplicate-paragraph`, `near-duplicate-paragraph` and `duplicate-sentence`.
//!
//! Two paragraphs are **exact** repeats when they are equal after [`normalise`] (white space,
//! curly against straight quotes, dashes, case). They are **near** repeats when their word
//! tokens ([`tokens`]: lower case, quotes normalised, punctuation at the ends of words dropped)
//! are close by one of two measures:
//!
//! - *edit likeness*: `1 - d / max(n, m)`, where `d` is the word-level Damerau-Levenshtein
//!   distance (optimal string alignment: a word dropped, added or changed, or two neighbouring
//!   words swapped, is one edit) and `n`, `m` the two word counts;
//! - *cut likeness*, for a paragraph cut off before its end: the shorter paragraph against the
//!   longer one cut after any of its words, `1 - d / m` with `m` the shorter word count, when the
//!   shorter keeps at least half of the longer's words.
//!
//! The work is bounded: exact repeats are found through a hash map, near repeats through an
//! inverted index of each paragraph's rarest words (prefix filtering), with a cap on the
//! candidates read and compared, and the distance is computed in a band of the allowed width.

use crate::hash::Map;
use crate::span::Span;
use std::borrow::Cow;

/// Paragraphs longer than this many words (a whole file on one line, say) are only compared
/// exactly: comparing them word by word would cost too much.
pub const MAX_NEAR_WORDS: usize = 2000;

/// A paragraph of this many words reads as running text even without a final period (Reuters
/// notes, BBC paragraphs cut by the scraper); table rows are shorter.
pub const LONG_TEXT_WORDS: usize = 15;

/// At most this many entries of one word's posting list are read when looking for candidates.
const MAX_POSTINGS_READ: usize = 64;

/// At most this many earlier paragraphs are compared word by word with one paragraph.
const MAX_CANDIDATES: usize = 32;

/// The text as a reader sees it: white space runs as one space, curly quotes and apostrophes
/// as straight ones, en and em dashes and `--` as a spaced hyphen, ellipses as three periods,
/// invisible characters dropped, lower case; trimmed.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut pending_space = false;
    let push = |out: &mut String, piece: &str, pending_space: &mut bool| {
        if *pending_space && !out.is_empty() {
            out.push(' ');
        }
        *pending_space = false;
        out.push_str(piece);
    };
    while let Some(c) = chars.next() {
        let mapped: &str = match c {
            c if c.is_whitespace() => {
                pending_space = true;
                continue;
            }
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => continue,
            '“' | '”' | '„' | '‟' | '″' => "\"",
            '‘' | '’' | '‚' | '‛' | '′' => "'",
            '`' | '\'' if chars.peek() == Some(&c) => {
                chars.next();
                "\""
            }
            '…' => "...",
            '–' | '—' | '―' | '‒' | '−' => {
                pending_space = true;
                push(&mut out, "-", &mut pending_space);
                pending_space = true;
                continue;
            }
            '-' if chars.peek() == Some(&'-') => {
                while chars.peek() == Some(&'-') {
                    chars.next();
                }
                pending_space = true;
                push(&mut out, "-", &mut pending_space);
                pending_space = true;
                continue;
            }
            c => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                if c.is_ascii() {
                    out.push(c.to_ascii_lowercase());
                } else {
                    out.extend(c.to_lowercase());
                }
                continue;
            }
        };
        push(&mut out, mapped, &mut pending_space);
    }
    out
}

/// The word tokens of `text` with the byte offset of each (shifted by `offset`): split at white
/// space and dashes, lower case, curly apostrophes as straight ones, punctuation and quote marks
/// at either end dropped; tokens left empty are skipped.
pub fn tokens(text: &str, offset: usize) -> Vec<(usize, Cow<'_, str>)> {
    let is_break = |c: char| c.is_whitespace() || matches!(c, '–' | '—' | '―' | '‒' | '−');
    let mut found = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (start, is_break(c)) {
            (None, false) => start = Some(i),
            (Some(from), true) => {
                start = None;
                let word = &text[from..i];
                let trimmed = word.trim_start_matches(|c: char| !c.is_alphanumeric());
                let lead = word.len() - trimmed.len();
                let trimmed = trimmed.trim_end_matches(|c: char| !c.is_alphanumeric());
                if trimmed.is_empty() {
                    continue;
                }
                let plain = trimmed
                    .chars()
                    .all(|c| !c.is_uppercase() && !matches!(c, '’' | '‘' | '′'));
                let token = if plain {
                    Cow::Borrowed(trimmed)
                } else {
                    let mut token = String::with_capacity(trimmed.len());
                    for c in trimmed.chars() {
                        match c {
                            '’' | '‘' | '′' => token.push('\''),
                            c => token.extend(c.to_lowercase()),
                        }
                    }
                    Cow::Owned(token)
                };
                found.push((offset + from + lead, token));
            }
            _ => {}
        }
    }
    found
}

/// The word-level optimal string alignment distance (Damerau-Levenshtein where an adjacent swap
/// is one edit) between `a` and `b`, when it is at most `max`; computed in a band of width
/// `max`, so in `O(len * max)`.
pub fn bounded_distance<T: PartialEq>(a: &[T], b: &[T], max: usize) -> Option<usize> {
    last_row(a, b, max)
        .map(|row| row[b.len()])
        .filter(|&d| d <= max)
}

/// The distance between `short` and the best prefix of `long` that leaves at least one word of
/// `long` out, when it is at most `max`: `(distance, prefix length)`, the shortest prefix first
/// among equals.
pub fn bounded_prefix_distance<T: PartialEq>(
    short: &[T],
    long: &[T],
    max: usize,
) -> Option<(usize, usize)> {
    if long.is_empty() {
        return None;
    }
    let end = long.len().min(short.len() + max);
    let row = last_row(short, &long[..end], max)?;
    (short.len().saturating_sub(max).max(1)..=end.min(long.len() - 1))
        .map(|cut| (row[cut], cut))
        .filter(|&(d, _)| d <= max)
        .min()
}

/// The last row of the optimal string alignment table of `a` against `b`, computed in a band
/// of width `max` (cells outside it, and cells above `max`, hold `max + 1`); `None` when every
/// cell of some row exceeds `max`.
fn last_row<T: PartialEq>(a: &[T], b: &[T], max: usize) -> Option<Vec<usize>> {
    let (n, m) = (a.len(), b.len());
    if n.abs_diff(m) > max {
        return None;
    }
    let inf = max + 1;
    let mut before: Vec<usize> = vec![inf; m + 1];
    let mut previous: Vec<usize> = (0..=m).map(|j| j.min(inf)).collect();
    let mut current: Vec<usize> = vec![inf; m + 1];
    for i in 1..=n {
        let low = i.saturating_sub(max).max(1);
        let high = (i + max).min(m);
        current[low - 1] = if low == 1 { i.min(inf) } else { inf };
        let mut best = current[low - 1];
        for j in low..=high {
            let mut value = (previous[j - 1] + usize::from(a[i - 1] != b[j - 1]))
                .min(previous[j] + 1)
                .min(current[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                value = value.min(before[j - 2] + 1);
            }
            current[j] = value.min(inf);
            best = best.min(current[j]);
        }
        if high < m {
            current[high + 1] = inf;
        }
        if best > max {
            return None;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    // Cells of the last row outside its band may hold stale values.
    let low = n.saturating_sub(max);
    let high = (n + max).min(m);
    for (j, cell) in previous.iter_mut().enumerate() {
        if j < low || j > high {
            *cell = inf;
        }
    }
    Some(previous)
}

/// How a paragraph nearly repeats another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Likeness {
    /// The whole paragraphs are `distance` word edits apart; the longer has `words` words.
    Edits {
        /// Word edits between the two.
        distance: usize,
        /// Word count of the longer one.
        words: usize,
    },
    /// The shorter paragraph is the longer one with its end cut off (and `distance` word edits
    /// in what is kept).
    Cut {
        /// Word edits between the shorter and the part of the longer that it keeps.
        distance: usize,
        /// Word count of the shorter one.
        kept: usize,
        /// Words of the longer one that the shorter does not have.
        dropped: usize,
        /// Whether the later paragraph is the shorter one.
        later_is_shorter: bool,
    },
}

impl Likeness {
    /// The word edits between the two (in the part they share, for a cut).
    pub fn distance(self) -> usize {
        match self {
            Likeness::Edits { distance, .. } | Likeness::Cut { distance, .. } => distance,
        }
    }

    /// The likeness as a share of 1 (`1 - edits / words`).
    pub fn share(self) -> f64 {
        let (distance, words) = match self {
            Likeness::Edits { distance, words } => (distance, words),
            Likeness::Cut { distance, kept, .. } => (distance, kept),
        };
        1.0 - distance as f64 / words.max(1) as f64
    }

    /// The likeness in whole percent, rounded down (so that any edit shows below 100%).
    pub fn percent(self) -> u32 {
        (self.share() * 100.0 + 1e-9).floor() as u32
    }
}

/// The largest number of edits in `words` words that keeps the likeness at `threshold`.
fn allowed_edits(words: usize, threshold: f64) -> usize {
    ((1.0 - threshold) * words as f64 + 1e-9).floor() as usize
}

/// A paragraph's word tokens, as interned ids.
#[derive(Clone, Debug, Default)]
pub struct Words {
    /// Interned token ids, in order.
    pub ids: Vec<u32>,
    /// The byte offset in the source of each token.
    pub starts: Vec<usize>,
}

impl Words {
    /// Number of words.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether there are no words.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// The edit likeness of two paragraphs, when it reaches `threshold`.
fn edit_likeness(a: &Words, b: &Words, threshold: f64) -> Option<Likeness> {
    let words = a.len().max(b.len());
    let distance = bounded_distance(&a.ids, &b.ids, allowed_edits(words, threshold))?;
    (words > 0).then_some(Likeness::Edits { distance, words })
}

/// The cut likeness of two paragraphs (in article order), when it reaches `threshold`: the
/// shorter one, keeping at least half of the longer one's words, against the best prefix of the
/// longer one.
fn cut_likeness(earlier: &Words, later: &Words, threshold: f64) -> Option<Likeness> {
    let later_is_shorter = later.len() < earlier.len();
    let (short, long) = if later_is_shorter {
        (later, earlier)
    } else {
        (earlier, later)
    };
    let kept = short.len();
    if kept == 0 || kept == long.len() || kept * 2 < long.len() {
        return None;
    }
    let (distance, cut) =
        bounded_prefix_distance(&short.ids, &long.ids, allowed_edits(kept, threshold))?;
    Some(Likeness::Cut {
        distance,
        kept,
        dropped: long.len() - cut,
        later_is_shorter,
    })
}

/// The paragraphs of an article prepared for comparison: normalised keys and word tokens.
#[derive(Debug)]
pub struct Prepared {
    /// Per paragraph, its normalised text; the first paragraph also without its dateline.
    keys: Vec<Vec<String>>,
    /// Per paragraph, its words (the first paragraph's without its dateline).
    pub words: Vec<Words>,
    /// Per paragraph, whether it reads as running text (see [`reads_as_text`]), and whether it
    /// is a list item.
    shape: Vec<(bool, bool)>,
    /// Per interned token, whether it is a figure (has a digit).
    figures: Vec<bool>,
}

impl Prepared {
    /// Normalise and tokenise the paragraphs of `text` at `paragraphs`; the first paragraph
    /// is also compared without the dateline that ends at `dateline_end`, if any.
    pub fn new(text: &str, paragraphs: &[Span], dateline_end: Option<usize>) -> Prepared {
        let mut interned: Map<Cow<'_, str>, u32> = Map::default();
        let mut keys = Vec::with_capacity(paragraphs.len());
        let mut words = Vec::with_capacity(paragraphs.len());
        let mut shape = Vec::with_capacity(paragraphs.len());
        for (index, &paragraph) in paragraphs.iter().enumerate() {
            let mut span = paragraph;
            let mut own_keys = vec![normalise(span.slice(text))];
            if let Some(end) = dateline_end.filter(|_| index == 0) {
                span = Span::new(end, span.end);
                own_keys.push(normalise(span.slice(text)));
            }
            let (starts, ids) = tokens(span.slice(text), span.start)
                .into_iter()
                .map(|(start, token)| {
                    let next = interned.len() as u32;
                    (start, *interned.entry(token).or_insert(next))
                })
                .unzip();
            let paragraph = span.slice(text);
            shape.push((reads_as_text(paragraph), is_list_item(paragraph)));
            keys.push(own_keys);
            words.push(Words { ids, starts });
        }
        let mut figures = vec![false; interned.len()];
        for (token, id) in interned {
            figures[id as usize] = token.chars().any(|c| c.is_ascii_digit());
        }
        Prepared {
            keys,
            words,
            shape,
            figures,
        }
    }

    /// The interned word ids of paragraph `paragraph` that start inside `span` (a sentence).
    pub fn words_in(&self, paragraph: usize, span: Span) -> &[u32] {
        let words = &self.words[paragraph];
        let from = words.starts.partition_point(|&start| start < span.start);
        let to = words.starts.partition_point(|&start| start < span.end);
        &words.ids[from..to]
    }

    /// Whether paragraph `later` nearly repeats `earlier` at `threshold`, and how: by edit or by
    /// cut likeness (the cut when it needs fewer edits). Besides the likeness, the pair must look like copies of one text: neither is a list item, at least
    /// one reads as running text (table rows and list lead-ins differ in a word by design), and
    /// the edits change at most one figure (two parallel reports, `Exports fell to 5.04
    /// billion ...` and `Imports fell to 7.68 billion ...`, differ in their figures).
    pub fn near_pair(&self, earlier: usize, later: usize, threshold: f64) -> Option<Likeness> {
        let (text_a, list_a) = self.shape[earlier];
        let (text_b, list_b) = self.shape[later];
        if list_a || list_b || !(text_a || text_b) {
            return None;
        }
        let (a, b) = (&self.words[earlier], &self.words[later]);
        let few_figures_changed = |found: &Likeness| {
            let (a, b) = match *found {
                Likeness::Edits { .. } => (&a.ids[..], &b.ids[..]),
                Likeness::Cut { dropped, .. } if a.len() > b.len() => {
                    (&a.ids[..a.len() - dropped], &b.ids[..])
                }
                Likeness::Cut { dropped, .. } => (&a.ids[..], &b.ids[..b.len() - dropped]),
            };
            self.changed_figures(a, b) <= 1
        };
        let edits = edit_likeness(a, b, threshold).filter(few_figures_changed);
        let cut = cut_likeness(a, b, threshold).filter(few_figures_changed);
        match (edits, cut) {
            (Some(edits), Some(cut)) if cut.distance() < edits.distance() => Some(cut),
            (edits, cut) => edits.or(cut),
        }
    }

    /// How many figures one side has that the other lacks (the larger of the two counts).
    fn changed_figures(&self, a: &[u32], b: &[u32]) -> usize {
        let mut balance: Map<u32, isize> = Map::default();
        for &id in a.iter().filter(|&&id| self.figures[id as usize]) {
            *balance.entry(id).or_insert(0) += 1;
        }
        for &id in b.iter().filter(|&&id| self.figures[id as usize]) {
            *balance.entry(id).or_insert(0) -= 1;
        }
        let only_a: isize = balance.values().filter(|&&n| n > 0).sum();
        let only_b: isize = balance.values().filter(|&&n| n < 0).map(|n| -n).sum();
        only_a.max(only_b).unsigned_abs()
    }

    /// Whether paragraphs `a` and `b` are equal once normalised.
    pub fn same_text(&self, a: usize, b: usize) -> bool {
        self.keys[a].iter().any(|key| self.keys[b].contains(key))
    }

    /// For each paragraph, the first earlier paragraph it repeats exactly (after [`normalise`]).
    pub fn exact_repeats(&self) -> Vec<Option<usize>> {
        let mut first: Map<&str, usize> = Map::default();
        let mut repeats = Vec::with_capacity(self.keys.len());
        for (index, keys) in self.keys.iter().enumerate() {
            let earlier = keys.iter().find_map(|key| first.get(key.as_str()).copied());
            if earlier.is_none() {
                for key in keys {
                    first.entry(key.as_str()).or_insert(index);
                }
            }
            repeats.push(earlier);
        }
        repeats
    }

    /// For each paragraph of at least `min_words` words that is not an exact repeat, the first
    /// earlier paragraph it nearly repeats at `threshold`, and how alike they are. Paragraphs
    /// that repeat another exactly are never compared.
    pub fn near_repeats(&self, threshold: f64, min_words: usize) -> Vec<Option<(usize, Likeness)>> {
        let exact = self.exact_repeats();
        let count = self.words.len();
        let eligible: Vec<bool> = (0..count)
            .map(|i| {
                let words = self.words[i].len();
                exact[i].is_none() && words >= min_words.max(1) && words <= MAX_NEAR_WORDS
            })
            .collect();

        // How many eligible paragraphs each word occurs in: rare words first in each prefix.
        let mut frequency = vec![0u32; self.figures.len()];
        let mut distinct: Vec<Vec<u32>> = Vec::with_capacity(count);
        for (index, words) in self.words.iter().enumerate() {
            let mut ids = if eligible[index] {
                words.ids.clone()
            } else {
                Vec::new()
            };
            ids.sort_unstable();
            ids.dedup();
            for &id in &ids {
                frequency[id as usize] += 1;
            }
            distinct.push(ids);
        }

        let mut postings: Vec<Vec<usize>> = vec![Vec::new(); self.figures.len()];
        let mut hits = vec![0u32; count];
        let mut repeats = vec![None; count];
        for index in 0..count {
            if !eligible[index] {
                continue;
            }
            let words = &self.words[index];
            let mut touched = Vec::new();
            for &id in &distinct[index] {
                for &earlier in postings[id as usize].iter().take(MAX_POSTINGS_READ) {
                    if hits[earlier] == 0 {
                        touched.push(earlier);
                    }
                    hits[earlier] += 1;
                }
            }
            // The candidates sharing the most indexed words, compared in article order.
            let mut candidates: Vec<usize> = touched
                .iter()
                .copied()
                .filter(|&earlier| could_match(&self.words[earlier], words, threshold))
                .collect();
            if candidates.len() > MAX_CANDIDATES {
                candidates.select_nth_unstable_by_key(MAX_CANDIDATES, |&earlier| {
                    (std::cmp::Reverse(hits[earlier]), earlier)
                });
                candidates.truncate(MAX_CANDIDATES);
            }
            candidates.retain(|&earlier| {
                share_enough(
                    &distinct[earlier],
                    &distinct[index],
                    self.words[earlier].len().max(words.len()),
                    threshold,
                )
            });
            candidates.sort_unstable();
            for earlier in touched {
                hits[earlier] = 0;
            }
            repeats[index] = candidates.into_iter().find_map(|earlier| {
                self.near_pair(earlier, index, threshold)
                    .map(|like| (earlier, like))
            });

            // Index this paragraph under its rarest words. A paragraph that repeats it with
            // at most `allowed` edits keeps all but `allowed` of its words, so it shares one of
            // the `allowed + 1` rarest. One that keeps only its opening sentences (at least half
            // of it) keeps all but `allowed` of its first `(threshold - 0.5) * words` words.
            let rank = |id: &u32| (frequency[*id as usize], *id);
            let length = words.len() as f64;
            let allowed = ((1.0 - threshold) / threshold * length + 1e-9).floor() as usize;
            let mut indexed = distinct[index].clone();
            indexed.sort_unstable_by_key(rank);
            indexed.truncate(allowed + 1);
            let opening = ((threshold - 0.5) * length + 1e-9).floor() as usize;
            let mut head = if opening == 0 {
                words.ids.clone()
            } else {
                words.ids[..opening.min(words.len())].to_vec()
            };
            head.sort_unstable_by_key(rank);
            head.dedup();
            let head_allowed = allowed_edits(words.len(), threshold);
            indexed.extend(head.into_iter().take(head_allowed + 1));
            indexed.sort_unstable();
            indexed.dedup();
            for id in indexed {
                postings[id as usize].push(index);
            }
        }
        repeats
    }
}

/// Whether `text` reads as running text rather than a table row or a list lead-in: it ends with
/// `.`, `!`, `?` or `…` (perhaps followed by closing quote marks or brackets), or it has at least
/// [`LONG_TEXT_WORDS`] words and does not end with a colon.
pub fn reads_as_text(text: &str) -> bool {
    let text = text.trim_end();
    text.trim_end_matches(['"', '\'', '”', '’', ')', ']'])
        .ends_with(['.', '!', '?', '…'])
        || (text.split_whitespace().count() >= LONG_TEXT_WORDS && !text.ends_with(':'))
}

/// Whether `text` starts with a list marker: a dash, bullet or asterisk and a space.
fn is_list_item(text: &str) -> bool {
    let mut chars = text.trim_start().chars();
    matches!(chars.next(), Some('-' | '–' | '—' | '*' | '•' | '·'))
        && chars.next().is_some_and(char::is_whitespace)
}

/// Whether two paragraphs with these sorted distinct words share enough of them to be near
/// repeats (`words` is the longer one's word count): each edit removes at most one distinct
/// word, so at most the allowed number of edits of the smaller set are missing from the other.
fn share_enough(a: &[u32], b: &[u32], words: usize, threshold: f64) -> bool {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared + allowed_edits(words, threshold) >= a.len().min(b.len())
}

/// Whether paragraphs of these lengths could be near repeats at `threshold` at all.
fn could_match(a: &Words, b: &Words, threshold: f64) -> bool {
    let (short, long) = (a.len().min(b.len()), a.len().max(b.len()));
    long - short <= allowed_edits(long, threshold) || short * 2 >= long
}

/// Checks a likeness threshold from a card or config: a share between 0.5 and 1.
pub fn check_threshold(name: &str, threshold: f64) -> Result<f64, String> {
    if (0.5..1.0).contains(&threshold) {
        Ok(threshold)
    } else {
        Err(format!(
            "`{name}` must be at least 0.5 and below 1 (a share of the words), not {threshold}"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` prepared with one paragraph a line; the first paragraph's dateline ends at
    /// `dateline_end`.
    fn prepare(text: &str, dateline_end: Option<usize>) -> Prepared {
        let lines: Vec<Span> = crate::span::LineIndex::new(text)
            .line_spans(text)
            .into_iter()
            .filter(|line| !line.is_empty())
            .collect();
        Prepared::new(text, &lines, dateline_end)
    }

    /// How the second of two paragraphs (one a line) repeats the first, at 0.8.
    fn like(a: &str, b: &str) -> Option<Likeness> {
        prepare(&format!("{a}\n{b}\n"), None).near_pair(0, 1, 0.8)
    }

    #[test]
    fn normalising_ignores_what_a_reader_does_not_see() {
        assert_eq!(
            normalise("  “It’s   done,” he said — twice…\t"),
            normalise("\"IT'S done,\" he said -- twice...")
        );
        assert_eq!(normalise("a\u{00A0}b\u{200B}c"), "a bc");
        assert_eq!(normalise("``Yes,'' she said"), "\"yes,\" she said");
        assert_ne!(normalise("He said."), normalise("He said!"));
    }

    #[test]
    fn tokens_drop_punctuation_at_word_ends_only() {
        let found: Vec<String> = tokens("“Iraq’s U.S.-backed plan,” he said—1,000 -- no.", 0)
            .into_iter()
            .map(|(_, t)| t)
            .map(String::from)
            .collect();
        assert_eq!(
            found,
            ["iraq's", "u.s.-backed", "plan", "he", "said", "1,000", "no"]
        );
        let offsets: Vec<usize> = tokens(" ab \"cd", 5)
            .into_iter()
            .map(|(at, _)| at)
            .collect();
        assert_eq!(offsets, [6, 10]);
    }

    #[test]
    fn distance_counts_a_swap_as_one_edit_and_stops_at_the_bound() {
        let a = [1, 2, 3, 4, 5];
        assert_eq!(bounded_distance(&a, &[1, 3, 2, 4, 5], 2), Some(1));
        assert_eq!(bounded_distance(&a, &[1, 2, 4, 5], 2), Some(1));
        assert_eq!(bounded_distance(&a, &[1, 2, 9, 4, 5], 2), Some(1));
        assert_eq!(bounded_distance(&a, &[9, 8, 7, 4, 5], 2), None);
        assert_eq!(bounded_distance(&a, &[9, 8, 7, 4, 5], 3), Some(3));
        assert_eq!(bounded_distance(&a, &[1], 2), None);
        assert_eq!(bounded_distance::<u32>(&[], &[], 0), Some(0));
        // The band must not cut off the best path.
        let long: Vec<u32> = (0..40).collect();
        let mut edited = long.clone();
        edited.remove(3);
        edited.insert(30, 99);
        assert_eq!(bounded_distance(&long, &edited, 2), Some(2));
    }

    #[test]
    fn prefix_distance_finds_the_best_cut() {
        let long: Vec<u32> = (0..20).collect();
        assert_eq!(
            bounded_prefix_distance(&long[..12], &long, 2),
            Some((0, 12))
        );
        let mut short = long[..12].to_vec();
        short[5] = 99;
        assert_eq!(bounded_prefix_distance(&short, &long, 2), Some((1, 12)));
        assert_eq!(bounded_prefix_distance(&[7u32, 8, 9], &long, 1), None);
        // The whole of `long` is not a prefix that leaves something out.
        assert_eq!(bounded_prefix_distance(&long, &long, 2), Some((1, 19)));
    }

    #[test]
    fn a_copy_cut_in_mid_sentence_is_a_near_repeat() {
        let cut = "The central bank raised its main interest rate by half a point on Tuesday \
                   to curb inflation";
        assert!(matches!(
            like(BASE, cut),
            Some(Likeness::Cut {
                distance: 0,
                kept: 17,
                dropped: 8,
                ..
            })
        ));
    }

    const BASE: &str = "The central bank raised its main interest rate by half a point on \
                        Tuesday to curb inflation, which reached its highest level in a decade.";

    #[test]
    fn each_kind_of_small_edit_is_a_near_repeat() {
        let edits = [
            BASE.replace("main ", ""),
            BASE.replace("Tuesday", "Tuesday morning"),
            BASE.replace("curb", "fight"),
            BASE.replace("interest rate", "rate interest"),
            BASE.replace(", which", " which").replace('.', "!"),
        ];
        for edited in &edits {
            let found = like(BASE, edited);
            assert!(
                matches!(found, Some(Likeness::Edits { distance, .. }) if distance <= 1),
                "{edited}: {found:?}"
            );
        }
        assert_eq!(like(BASE, &edits[3]).map(Likeness::percent), Some(96));
        assert_eq!(
            like(BASE, &edits[4]),
            Some(Likeness::Edits {
                distance: 0,
                words: 25
            })
        );
    }

    #[test]
    fn a_sentence_cut_off_the_end_is_a_near_repeat_either_way() {
        let full = format!("{BASE} Economists had expected a smaller rise of a quarter point.");
        assert_eq!(
            like(&full, BASE),
            Some(Likeness::Cut {
                distance: 0,
                kept: 25,
                dropped: 10,
                later_is_shorter: true
            })
        );
        assert!(matches!(
            like(BASE, &full),
            Some(Likeness::Cut {
                later_is_shorter: false,
                ..
            })
        ));
        // Less than half of the longer one kept: not a near repeat of the paragraph.
        let longer = format!(
            "{full} Markets had priced in the move weeks before the meeting. Bond yields \
             barely moved in early trade."
        );
        assert_eq!(like(&longer, BASE), None);
    }

    #[test]
    fn a_shared_quote_in_different_paragraphs_is_not_a_near_repeat() {
        let quote = "“We will not lower our guard until prices are back under control, whatever \
                     it costs the economy in the short run,”";
        let a = format!("{quote} Governor Ana Ruiz told reporters in the capital on Tuesday.");
        let b = format!(
            "Asked about the criticism from unions, she repeated: {quote} and left the room."
        );
        assert_eq!(like(&a, &b), None);
        let c = format!("{quote} a spokesman for the finance ministry said later.");
        assert_eq!(like(&a, &c), None);
    }

    #[test]
    fn two_different_paragraphs_are_not_alike() {
        assert_eq!(
            like(
                BASE,
                "Shares in London fell sharply after the announcement, led by banks and \
                 property companies."
            ),
            None
        );
    }

    fn prepared(body: &str) -> Prepared {
        prepare(body, None)
    }

    #[test]
    fn exact_repeats_point_at_the_first_copy() {
        let p = prepared("One two three.\nFour five.\n“One  TWO three.”\nOne two three.\n");
        assert_eq!(p.exact_repeats(), [None, None, None, Some(0)]);
        let p = prepared("A b c d.\nA b c d.\na B c D.\n");
        assert_eq!(p.exact_repeats(), [None, Some(0), Some(0)]);
    }

    #[test]
    fn the_lead_repeated_without_its_dateline_is_an_exact_repeat() {
        let body = "LONDON (Reuters) - Prices rose sharply.\nOther.\nPrices rose sharply.\n";
        let p = prepare(body, Some("LONDON (Reuters) -".len()));
        assert_eq!(p.exact_repeats(), [None, None, Some(0)]);
    }

    #[test]
    fn near_repeats_skip_exact_ones_and_short_paragraphs() {
        let edited = BASE.replace("curb", "fight");
        let body = format!("{BASE}\n{BASE}\n{edited}\nShort line here.\nShort line there.\n");
        let p = prepared(&body);
        let found: Vec<Option<usize>> = p
            .near_repeats(0.8, 8)
            .into_iter()
            .map(|r| r.map(|(first, _)| first))
            .collect();
        assert_eq!(found, [None, None, Some(0), None, None]);
    }

    #[test]
    fn near_repeats_point_at_the_first_of_several_copies() {
        let a = BASE.replace("curb", "fight");
        let b = BASE.replace("curb", "tame");
        let body = format!("{BASE}\nSomething else entirely, said the minister.\n{a}\n{b}\n");
        let found: Vec<Option<usize>> = prepared(&body)
            .near_repeats(0.8, 8)
            .into_iter()
            .map(|r| r.map(|(first, _)| first))
            .collect();
        assert_eq!(found, [None, None, Some(0), Some(0)]);
    }
}
