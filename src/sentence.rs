//! Splitting a paragraph into sentences, with the abbreviations of wire copy in mind.

use crate::span::Span;

/// Words that end in a period without ending a sentence (compared without the period, any case).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "inc", "corp", "co", "ltd", "plc", "gen",
    "gov", "sen", "rep", "lt", "col", "sgt", "capt", "maj", "adm", "rev", "no", "nos", "vs", "v",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s",
    "u.k", "u.n", "e.g", "i.e", "approx", "dept", "fig", "mt",
];

/// The sentences of `text`, as spans shifted by `offset` (the position of `text` in its source).
///
/// A sentence ends at `.`, `!`, `?` or `…`, followed by any closing quotes or brackets, white
/// space, and an upper-case letter, a digit or an opening quote or bracket. A period after a
/// known abbreviation or a single capital initial does not end a sentence.
pub fn split_sentences(text: &str, offset: usize) -> Vec<Span> {
    let mut sentences = Vec::new();
    let mut start = skip_space(text, 0);
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, next)) = chars.peek() {
            if matches!(next, '.' | '!' | '?' | '"' | '\'' | '”' | '’' | ')' | ']') {
                end = j + next.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        let next_start = skip_space(text, end);
        if next_start == end || next_start >= text.len() {
            continue;
        }
        let opens_sentence = text[next_start..]
            .chars()
            .next()
            .is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || "\"'“‘(".contains(n));
        if opens_sentence && !(c == '.' && ends_with_abbreviation(&text[start..i])) {
            sentences.push(Span::new(start + offset, end + offset));
            start = next_start;
        }
    }
    let end = text.trim_end().len();
    if start < end {
        sentences.push(Span::new(start + offset, end + offset));
    }
    sentences
}

fn skip_space(text: &str, from: usize) -> usize {
    text[from..]
        .find(|c: char| !c.is_whitespace())
        .map_or(text.len(), |i| from + i)
}

/// Whether `before` (the text before a period) ends in an abbreviation or an initial.
fn ends_with_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    let mut letters = word.chars();
    if let (Some(first), None) = (letters.next(), letters.next()) {
        return first.is_uppercase();
    }
    ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split_sentences(text, 0)
            .into_iter()
            .map(|s| s.slice(text))
            .collect()
    }

    #[test]
    fn splits_at_terminal_punctuation_before_a_capital() {
        assert_eq!(
            sentences("It rained. Then it stopped! Did it? Yes."),
            ["It rained.", "Then it stopped!", "Did it?", "Yes."]
        );
    }

    #[test]
    fn keeps_closing_quotes_with_their_sentence() {
        assert_eq!(
            sentences("“We won,” he said. “They lost.” The end."),
            ["“We won,” he said.", "“They lost.”", "The end."]
        );
    }

    #[test]
    fn does_not_split_after_abbreviations_initials_or_decimals() {
        assert_eq!(
            sentences("Mr. Smith met Dr. Jones and J. Doe at 1.5 Main St. Talks ended."),
            ["Mr. Smith met Dr. Jones and J. Doe at 1.5 Main St. Talks ended."]
        );
        assert_eq!(
            sentences("Prices rose 4.5 pct. Sales fell."),
            ["Prices rose 4.5 pct.", "Sales fell."]
        );
    }

    #[test]
    fn does_not_split_before_a_lowercase_word() {
        assert_eq!(sentences("He said no. and left"), ["He said no. and left"]);
    }

    #[test]
    fn shifts_spans_by_the_offset() {
        let spans = split_sentences("A b. C d.", 10);
        assert_eq!(spans, [Span::new(10, 14), Span::new(15, 19)]);
    }
}
