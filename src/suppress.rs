//! Inline suppressions: `<!-- wirelint-disable-next-line RULE[, RULE] -->` silences those rules
//! (all rules when none is named) on the next line of text; `<!-- wirelint-disable RULE -->`
//! silences them in the whole file. A suppression that silences nothing is reported.

use crate::article::is_comment_line;
use crate::diagnostic::{Diagnostic, Finding, Level};
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
    /// Rules (or, for "all", `"*"`) that silenced something.
    used: Vec<String>,
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
    let mut kept: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|d| {
            let silencer = suppressions.iter_mut().find(|s| {
                s.line.is_none_or(|line| line == d.line)
                    && (s.rules.is_empty() || s.rules.contains(&d.rule))
            });
            match silencer {
                Some(s) => {
                    let name = if s.rules.is_empty() {
                        "*".to_string()
                    } else {
                        d.rule.clone()
                    };
                    s.used.push(name);
                    false
                }
                None => true,
            }
        })
        .collect();
    for s in &suppressions {
        let unused: Vec<&String> = s
            .rules
            .iter()
            .filter(|rule| !s.used.contains(rule))
            .collect();
        let finding = if s.rules.is_empty() && s.used.is_empty() {
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
        let target = lines[number + 1..]
            .iter()
            .position(|l| {
                let l = l.slice(text);
                !l.trim().is_empty() && !is_comment_line(l)
            })
            .map(|offset| number + 1 + offset + 1);
        let start = line.start + (content.len() - content.trim_start().len());
        found.push(Suppression {
            span: Span::new(start, start + content.trim().len()),
            line: if whole_file {
                None
            } else {
                Some(target.unwrap_or(0))
            },
            rules: rest
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|r| !r.is_empty())
                .map(str::to_string)
                .collect(),
            used: Vec::new(),
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
