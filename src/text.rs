//! Small text helpers shared by rules.

use crate::hash::Set;

/// `text` in lower case; ASCII text (most words of wire copy) by the faster path.
pub fn lowercase(text: &str) -> String {
    if text.is_ascii() {
        text.to_ascii_lowercase()
    } else {
        text.to_lowercase()
    }
}

/// Levenshtein distance between two short strings, counted in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let next = (row[j + 1] + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != cb));
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// The words of `text` (runs of non-white-space) with their byte offsets, shifted by `offset`.
pub fn words(text: &str, offset: usize) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace().map(move |word| {
        (
            word.as_ptr() as usize - text.as_ptr() as usize + offset,
            word,
        )
    })
}

/// How often, in words: `once`, `twice`, `3 times`.
pub fn times(count: usize) -> String {
    match count {
        1 => "once".to_string(),
        2 => "twice".to_string(),
        n => format!("{n} times"),
    }
}

/// Words of a word list (a card's or a data file's) as a set, in lower case.
pub fn word_set(words: &[String]) -> Set<String> {
    words.iter().map(|w| w.to_lowercase()).collect()
}

/// Phrases of a word list as lists of lower-case words, longest first so that the longest match
/// wins; an empty phrase is refused, naming the `option` it is in.
pub fn phrases(list: &[String], option: &str) -> Result<Vec<Vec<String>>, String> {
    let mut phrases = list
        .iter()
        .map(|phrase| {
            let words: Vec<String> = phrase.split_whitespace().map(str::to_lowercase).collect();
            if words.is_empty() {
                Err(format!("`{option}` has an empty entry"))
            } else {
                Ok(words)
            }
        })
        .collect::<Result<Vec<_>, String>>()?;
    phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
    Ok(phrases)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levenshtein_distance() {
        assert_eq!(edit_distance("dat", "date"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("été", "ete"), 2);
    }

    #[test]
    fn phrases_are_lower_case_longest_first_and_never_empty() {
        let list = ["said".to_string(), "According to".to_string()];
        assert_eq!(
            phrases(&list, "verbs").unwrap(),
            [vec!["according", "to"], vec!["said"]]
        );
        assert_eq!(
            phrases(&[" ".to_string()], "verbs").unwrap_err(),
            "`verbs` has an empty entry"
        );
    }

    #[test]
    fn times_reads_as_english() {
        assert_eq!(times(1), "once");
        assert_eq!(times(2), "twice");
        assert_eq!(times(5), "5 times");
    }

    #[test]
    fn words_carry_their_offsets() {
        let found: Vec<(usize, &str)> = words(" ab  c\td", 10).collect();
        assert_eq!(found, [(11, "ab"), (15, "c"), (17, "d")]);
    }
}
