//! Small text helpers shared by rules.

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
    fn words_carry_their_offsets() {
        let found: Vec<(usize, &str)> = words(" ab  c\td", 10).collect();
        assert_eq!(found, [(11, "ab"), (15, "c"), (17, "d")]);
    }
}
