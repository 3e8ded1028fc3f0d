//! English verb inflection: every written form of a verb from its base form.
//!
//! A rule card lists verbs by their base form (`say`, `point out`); [`VerbForms`] generates
//! the third person (`says`), the past and past participle (`noted`), and the present
//! participle (`noting`) by the regular spelling rules of English, with the irregular pasts
//! given by the card (`say said`, `write wrote written`):
//!
//! - third person: `-es` after a sibilant or `o` (`pushes`, `goes`), `-ies` for a consonant and
//!   `y` (`replies`), `-s` otherwise;
//! - past: `-d` after `e` (`noted`), `-ied` for a consonant and `y` (`replied`), a doubled final
//!   consonant after a single stressed vowel (`quipped`; in a word of one syllable, or one the
//!   card lists as stressed on its last syllable: `admitted`), `-ed` otherwise. A final `l`
//!   after a single vowel gives both spellings (British `labelled`, American `labeled`);
//! - present participle: `-ying` for `ie` (`lying`), a silent `e` dropped (`noting`, but
//!   `agreeing`), the same doubling as the past, `-ing` otherwise.
//!
//! A phrasal verb inflects its first word (`points out`, `went on`).

use crate::hash::Map;

/// The forms of a list of verbs, each mapped to the verb's base form.
#[derive(Clone, Debug, Default)]
pub struct VerbForms {
    /// By the first word of a form: the words that follow it (a particle, or none) and the
    /// base form, longest first.
    forms: Map<String, Vec<(Vec<String>, String)>>,
}

/// How the past of a verb is written: by the regular rules, or as the card gives it.
pub struct Irregulars<'a> {
    /// Irregular pasts by base form: `say` -> `[said]`, `write` -> `[wrote, written]`.
    pasts: Map<&'a str, Vec<&'a str>>,
    /// Verbs of more than one syllable stressed on the last (`admit`, `refer`): they double
    /// their final consonant.
    stressed_last: Vec<&'a str>,
}

impl<'a> Irregulars<'a> {
    /// The irregular verbs, each an entry `base past [participle ...]` (`write wrote written`),
    /// and the verbs stressed on their last syllable. An entry with fewer than two words is
    /// refused, naming `option`.
    pub fn new(
        entries: &'a [String],
        stressed_last: &'a [String],
        option: &str,
    ) -> Result<Irregulars<'a>, String> {
        let mut pasts = Map::default();
        for entry in entries {
            let mut words = entry.split_whitespace();
            let (Some(base), Some(past)) = (words.next(), words.next()) else {
                return Err(format!(
                    "`{option}` entry `{entry}` needs a base form and a past"
                ));
            };
            pasts.insert(base, std::iter::once(past).chain(words).collect());
        }
        Ok(Irregulars {
            pasts,
            stressed_last: stressed_last.iter().map(String::as_str).collect(),
        })
    }
}

impl VerbForms {
    /// Every form of every verb of `verbs` (base forms, a phrasal verb's particle after its
    /// verb), with the irregular pasts of `irregulars`. An empty entry is refused, naming
    /// `option`.
    pub fn new(
        verbs: &[String],
        irregulars: &Irregulars<'_>,
        option: &str,
    ) -> Result<VerbForms, String> {
        let mut found = VerbForms::default();
        for verb in verbs {
            let words: Vec<String> = verb.split_whitespace().map(str::to_lowercase).collect();
            let Some((head, particle)) = words.split_first() else {
                return Err(format!("`{option}` has an empty entry"));
            };
            for form in inflections(head, irregulars) {
                let entries = found.forms.entry(form).or_default();
                if !entries.iter().any(|(rest, _)| rest == particle) {
                    entries.push((particle.to_vec(), words.join(" ")));
                    entries.sort_by_key(|(rest, _)| std::cmp::Reverse(rest.len()));
                }
            }
        }
        Ok(found)
    }

    /// The longest form that starts `words` (lower-case words): its length in words and its
    /// base form.
    pub fn match_at<S: AsRef<str>>(&self, words: &[S]) -> Option<(usize, &str)> {
        let (first, rest) = words.split_first()?;
        self.forms
            .get(first.as_ref())?
            .iter()
            .find_map(|(particle, base)| {
                let matches = particle.len() <= rest.len()
                    && particle.iter().zip(rest).all(|(p, w)| p == w.as_ref());
                matches.then_some((particle.len() + 1, base.as_str()))
            })
    }

    /// Whether `word` (lower case) is a one-word form of one of the verbs.
    pub fn contains(&self, word: &str) -> bool {
        self.forms
            .get(word)
            .is_some_and(|entries| entries.iter().any(|(rest, _)| rest.is_empty()))
    }
}

/// The forms of the verb `base`: itself, its third person, its pasts and its present
/// participle.
pub fn inflections(base: &str, irregulars: &Irregulars<'_>) -> Vec<String> {
    let mut forms = vec![base.to_string(), third_person(base)];
    match irregulars.pasts.get(base) {
        Some(pasts) => forms.extend(pasts.iter().map(|p| p.to_string())),
        None => forms.extend(pasts(base, irregulars)),
    }
    forms.extend(present_participles(base, irregulars));
    forms.dedup();
    forms
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// The third person singular present: `says`, `pushes`, `goes`, `replies`.
fn third_person(base: &str) -> String {
    if let Some(stem) = consonant_y(base) {
        return format!("{stem}ies");
    }
    let sibilant = ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|end| base.ends_with(end));
    let o = base.ends_with('o') && !base.ends_with("oo");
    if sibilant || o {
        format!("{base}es")
    } else {
        format!("{base}s")
    }
}

/// The stem before a final `y` that follows a consonant (`repl` of `reply`).
fn consonant_y(base: &str) -> Option<&str> {
    let stem = base.strip_suffix('y')?;
    stem.chars()
        .next_back()
        .filter(|&c| !is_vowel(c) && c != 'y')
        .map(|_| stem)
}

/// How many syllables a word has, by its groups of vowels (a final silent `e` left out).
fn syllables(word: &str) -> usize {
    let word = word.strip_suffix('e').unwrap_or(word);
    let mut count = 0;
    let mut in_vowels = false;
    let mut previous = None;
    for c in word.chars() {
        // `u` after `q` is a consonant sound (`quip`).
        let vowel = (is_vowel(c) && !(c == 'u' && previous == Some('q')))
            || (c == 'y' && previous.is_some_and(|p| !is_vowel(p)));
        if vowel && !in_vowels {
            count += 1;
        }
        in_vowels = vowel;
        previous = Some(c);
    }
    count.max(1)
}

/// Whether `base` ends in a single vowel and a single consonant (not `w`, `x` or `y`), as in
/// `quip`, `admit`, `label`.
fn ends_cvc(base: &str) -> bool {
    let chars: Vec<char> = base.chars().rev().take(3).collect();
    match chars.as_slice() {
        [last, vowel, before, ..] => {
            !is_vowel(*last)
                && !matches!(last, 'w' | 'x' | 'y')
                && is_vowel(*vowel)
                && (!is_vowel(*before)
                    || (*before == 'u' && base.ends_with(&format!("qu{vowel}{last}"))))
        }
        [last, vowel] => !is_vowel(*last) && is_vowel(*vowel) && !matches!(last, 'w' | 'x' | 'y'),
        _ => false,
    }
}

/// The stems a regular suffix (`-ed`, `-ing`) goes on after a consonant is doubled or not:
/// one stem, or both spellings for a final `l` in a word of more than one syllable.
fn doubled_stems(base: &str, irregulars: &Irregulars<'_>) -> Vec<String> {
    let Some(last) = base.chars().next_back() else {
        return Vec::new();
    };
    let doubled = format!("{base}{last}");
    if !ends_cvc(base) {
        return vec![base.to_string()];
    }
    if syllables(base) == 1 || irregulars.stressed_last.contains(&base) {
        vec![doubled]
    } else if last == 'l' {
        vec![doubled, base.to_string()]
    } else {
        vec![base.to_string()]
    }
}

/// The regular pasts: `noted`, `replied`, `quipped`, `labelled` and `labeled`.
fn pasts(base: &str, irregulars: &Irregulars<'_>) -> Vec<String> {
    if base.ends_with('e') {
        return vec![format!("{base}d")];
    }
    if let Some(stem) = consonant_y(base) {
        return vec![format!("{stem}ied")];
    }
    doubled_stems(base, irregulars)
        .into_iter()
        .map(|stem| format!("{stem}ed"))
        .collect()
}

/// The present participles: `saying`, `lying`, `noting`, `agreeing`, `quipping`.
fn present_participles(base: &str, irregulars: &Irregulars<'_>) -> Vec<String> {
    if let Some(stem) = base.strip_suffix("ie") {
        return vec![format!("{stem}ying")];
    }
    if let Some(stem) = base.strip_suffix('e') {
        if !stem.ends_with(['e', 'o', 'y']) && !stem.is_empty() {
            return vec![format!("{stem}ing")];
        }
        return vec![format!("{base}ing")];
    }
    doubled_stems(base, irregulars)
        .into_iter()
        .map(|stem| format!("{stem}ing"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(base: &str) -> Vec<String> {
        let entries = ["say said".to_string(), "write wrote written".to_string()];
        let stressed = ["admit".to_string()];
        let irregulars = Irregulars::new(&entries, &stressed, "irregular-verbs").unwrap();
        inflections(base, &irregulars)
    }

    #[test]
    fn regular_verbs() {
        assert_eq!(forms("state"), ["state", "states", "stated", "stating"]);
        assert_eq!(forms("claim"), ["claim", "claims", "claimed", "claiming"]);
        assert_eq!(forms("push"), ["push", "pushes", "pushed", "pushing"]);
        assert_eq!(forms("echo"), ["echo", "echoes", "echoed", "echoing"]);
        assert_eq!(forms("reply"), ["reply", "replies", "replied", "replying"]);
        assert_eq!(forms("agree"), ["agree", "agrees", "agreed", "agreeing"]);
        assert_eq!(forms("lie"), ["lie", "lies", "lied", "lying"]);
        assert_eq!(forms("argue"), ["argue", "argues", "argued", "arguing"]);
    }

    #[test]
    fn doubled_consonants() {
        assert_eq!(forms("quip"), ["quip", "quips", "quipped", "quipping"]);
        assert_eq!(forms("admit"), ["admit", "admits", "admitted", "admitting"]);
        assert_eq!(forms("visit"), ["visit", "visits", "visited", "visiting"]);
        assert_eq!(forms("show"), ["show", "shows", "showed", "showing"]);
        assert_eq!(forms("fix"), ["fix", "fixes", "fixed", "fixing"]);
        assert_eq!(forms("shout"), ["shout", "shouts", "shouted", "shouting"]);
        assert_eq!(
            forms("label"),
            [
                "label",
                "labels",
                "labelled",
                "labeled",
                "labelling",
                "labeling"
            ]
        );
    }

    #[test]
    fn irregular_pasts_come_from_the_card() {
        assert_eq!(forms("say"), ["say", "says", "said", "saying"]);
        assert_eq!(
            forms("write"),
            ["write", "writes", "wrote", "written", "writing"]
        );
    }

    #[test]
    fn syllables_are_counted_by_vowel_groups() {
        assert_eq!(syllables("quip"), 1);
        assert_eq!(syllables("note"), 1);
        assert_eq!(syllables("admit"), 2);
        assert_eq!(syllables("reply"), 2);
        assert_eq!(syllables("continue"), 3);
    }

    #[test]
    fn phrasal_verbs_inflect_their_first_word() {
        let entries = ["go went gone".to_string()];
        let irregulars = Irregulars::new(&entries, &[], "irregular-verbs").unwrap();
        let verbs = [
            "point out".to_string(),
            "go on".to_string(),
            "say".to_string(),
        ];
        let forms = VerbForms::new(&verbs, &irregulars, "verbs").unwrap();
        assert_eq!(
            forms.match_at(&["points", "out", "that"]),
            Some((2, "point out"))
        );
        assert_eq!(forms.match_at(&["went", "on"]), Some((2, "go on")));
        assert_eq!(forms.match_at(&["says"]), Some((1, "say")));
        assert_eq!(forms.match_at(&["went"]), None);
        assert!(forms.contains("saying"));
        assert!(VerbForms::new(&[" ".to_string()], &irregulars, "verbs").is_err());
        assert!(Irregulars::new(&["go".to_string()], &[], "irregular-verbs").is_err());
    }
}
