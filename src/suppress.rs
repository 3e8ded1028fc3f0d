//! Inline suppressions: `<!-- wirelint-disable-next-line RULE[, RULE] -->` silences those rules
//! (all rules when none is named) on the next line of text; `<!-- wirelint-disable RULE -->`
//! silences them in the whole file. A suppression that silences nothing is reported.

use crate::article::is_comment_line;
use crate::diagnostic::{Diagnostic, Finding, Level};
use crate::hash::{Map, Set};
use crate::source::Source;
use crate::span::Span;

/// The rule name of the warning about a suppression that suppresses nothing.
pub const UNUSED_SUPPRESSION: &str = "unused-suppression";

/// One suppression comment.
struct Suppression {
    /// The comment's span.
    span: Span,
    /// The 1-based line it silences; `None` for the whole file.
    line: Option<usize>,
    /// The rules it names (empty: all).
    rules: Vec<String>,
    /// Whether it silenced something when it names no rule.
    used_all: bool,
    /// The rules it names that silenced something.
    used: Set<String>,
}

/// Which suppression silences a diagnostic: the first, in the order written, of those that
/// apply to its line (or the whole file) and name its rule (or no rule). Built once, so that
/// each diagnostic is looked up in constant time however many suppressions there are.
#[derive(Default)]
struct Silencers {
    /// Keyed by line (`None` for the whole file).
    by_line: Map<Option<usize>, FirstSilencers>,
}

/// The suppressions of one line (or of the whole file): the first of all rules, and the first
/// naming each rule.
type FirstSilencers = (Option<usize>, Map<String, usize>);

impl Silencers {
    fn new(suppressions: &[Suppression]) -> Silencers {
        let mut silencers = Silencers::default();
        for (index, s) in suppressions.iter().enumerate() {
            let (all, named) = silencers.by_line.entry(s.line).or_default();
            if s.rules.is_empty() {
                all.get_or_insert(index);
            }
            for rule in &s.rules {
                named.entry(rule.clone()).or_insert(index);
            }
        }
        silencers
    }

    fn find(&self, diagnostic: &Diagnostic) -> Option<usize> {
        let at = |line: Option<usize>| {
            let (all, named) = self.by_line.get(&line)?;
            [*all, named.get(&diagnostic.rule).copied()]
                .into_iter()
                .flatten()
                .min()
        };
        [at(Some(diagnostic.line)), at(None)]
            .into_iter()
            .flatten()
            .min()
    }
}

/// Remove the diagnostics that suppression comments in `source` silence, and add a warning for
/// each suppression (or each rule named in one) that silenced nothing.
pub fn apply_suppressions(
    source: &Source,
    diagnostics: Vec<Diagnostic>,
    known_rule: impl Fn(&str) -> bool,
) -> Vec<Diagnostic> {
    let mut suppressions = find_suppressions(source);
    if suppressions.is_empty() {
        return diagnostics;
    }
    let silencers = Silencers::new(&suppressions);
    let mut kept: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|d| match silencers.find(d) {
            Some(index) => {
                let s = &mut suppressions[index];
                if s.rules.is_empty() {
                    s.used_all = true;
                } else {
                    s.used.insert(d.rule.clone());
                }
                false
            }
            None => true,
        })
        .collect();
    for s in &suppressions {
        let unused: Vec<&String> = s
            .rules
            .iter()
            .filter(|rule| !s.used.contains(*rule))
            .collect();
        let finding = if s.rules.is_empty() && !s.used_all {
            Some(Finding::new(
                "suppression silences nothing",
                s.span,
                "no finding here to silence",
            ))
        } else if let Some(unknown) = unused.iter().find(|rule| !known_rule(rule)) {
            Some(Finding::new(
                format!("suppression names unknown rule `{unknown}`"),
                s.span,
                "no rule has this name",
            ))
        } else if !unused.is_empty() {
            let names: Vec<String> = unused.iter().map(|r| format!("`{r}`")).collect();
            let message = format!("suppression of {} silences nothing", names.join(", "));
            Some(Finding::new(
                message,
                s.span,
                "no such finding here to silence",
            ))
        } else {
            None
        };
        if let Some(finding) = finding {
            let finding =
                finding.with_help("remove the suppression, or the rule names that silence nothing");
            kept.push(Diagnostic::from_finding(
                source,
                UNUSED_SUPPRESSION,
                Level::Warning,
                finding,
            ));
        }
    }
    kept.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    kept
}

fn find_suppressions(source: &Source) -> Vec<Suppression> {
    let text = source.text();
    let index = source.lines();
    let lines = index.line_spans(text);
    // For each line, the 1-based number of the next line of text after it: one pass from the
    // end, so that a run of many comment lines costs no more than one.
    let mut next_text = vec![None; lines.len()];
    let mut following = None;
    for (number, line) in lines.iter().enumerate().rev() {
        next_text[number] = following;
        let content = line.slice(text);
        if !content.trim().is_empty() && !is_comment_line(content) {
            following = Some(number + 1);
        }
    }
    let mut found = Vec::new();
    for (number, line) in lines.iter().enumerate() {
        let content = line.slice(text);
        if !is_comment_line(content) {
            continue;
        }
        let inner = content
            .trim()
            .trim_start_matches("<!--")
            .trim_end_matches("-->")
            .trim();
        let (whole_file, rest) =
            if let Some(rest) = inner.strip_prefix("wirelint-disable-next-line") {
                (false, rest)
            } else if let Some(rest) = inner.strip_prefix("wirelint-disable") {
                (true, rest)
            } else {
                continue;
            };
        if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
            continue;
        }
        let start = line.start + (content.len() - content.trim_start().len());
        let mut named = Set::default();
        let rules: Vec<String> = rest
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|rule| !rule.is_empty() && named.insert(*rule))
            .map(str::to_string)
            .collect();
        found.push(Suppression {
            span: Span::new(start, start + content.trim().len()),
            line: if whole_file {
                None
            } else {
                Some(next_text[number].unwrap_or(0))
            },
            rules,
            used_all: false,
            used: Set::default(),
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::lint_str;

    fn lint(text: &str) -> Vec<(String, usize)> {
        lint_str("t.txt", text, &Config::default())
            .into_iter()
            .map(|d| (d.rule, d.line))
            .collect()
    }

    #[test]
    fn next_line_suppression_silences_the_named_rule_on_the_next_text_line() {
        let text = "<!-- wirelint-disable-next-line malformed-header -->\n\n date 2026-02-02 403\nHeadline\nBody.\n";
        assert_eq!(lint(text), []);
    }

    #[test]
    fn suppression_without_rules_silences_all_and_whole_file_form_works() {
        assert_eq!(
            lint("<!-- wirelint-disable-next-line -->\n date 2026-02-02 403\nHeadline\nBody.\n"),
            []
        );
        assert_eq!(
            lint(
                " date 2026-02-02 403\nHeadline\n<!-- wirelint-disable malformed-header -->\nBody.\n"
            ),
            []
        );
    }

    #[test]
    fn suppressions_that_silence_nothing_are_reported() {
        let text = "date 2026-02-02 403\nHeadline\n<!-- wirelint-disable-next-line malformed-header -->\nBody.\n";
        assert_eq!(lint(text), [(UNUSED_SUPPRESSION.to_string(), 3)]);
        let text = "<!-- wirelint-disable-next-line malformed-headr -->\n date 2026-02-02 403\nHeadline\nBody.\n";
        let found = lint_str("t", text, &Config::default());
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[0].message,
            "suppression names unknown rule `malformed-headr`"
        );
        assert_eq!(found[1].rule, "malformed-header");
    }

    #[test]
    fn rule_names_may_be_separated_by_commas_tabs_or_spaces() {
        let text = "<!-- wirelint-disable-next-line\tmalformed-header,  unbalanced-quote -->\n date 2026-02-02 403\nHeadline\nHe said \"yes.\n";
        assert_eq!(
            lint(text),
            [
                (UNUSED_SUPPRESSION.to_string(), 1),
                ("unbalanced-quote".to_string(), 4)
            ]
        );
    }

    #[test]
    fn other_comments_are_ignored() {
        assert_eq!(
            lint("<!-- wirelint-disabled -->\ndate 2026-02-02 403\nHeadline\nBody.\n"),
            []
        );
    }
}
