//! `github`: GitHub Actions workflow commands, which annotate the pull request's files. The
//! annotation text holds the message, the notes and the help; names and text are escaped.

use super::Summary;
use super::human::FIXABLE;
use super::sanitize::sanitize;
use super::statistics::Statistics;
use crate::diagnostic::{Diagnostic, Level};
use std::fmt::Write;

pub(super) fn render(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let command = match d.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        let (end_line, end_column) = d
            .labels
            .first()
            .map_or((d.line, d.column), |l| (l.end_line, l.end_column));
        let mut message = sanitize(&d.message).into_owned();
        for note in &d.notes {
            message.push_str("\nnote: ");
            message.push_str(&sanitize(note));
        }
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(&sanitize(help));
        }
        if let Some(fix) = &d.fix {
            message.push_str(&format!(
                "\n{FIXABLE} fixable with --fix: {}",
                sanitize(&fix.message)
            ));
        }
        let _ = writeln!(
            out,
            "::{command} file={},line={},col={},endLine={end_line},endColumn={end_column},title={}::{}",
            escape_property(&sanitize(&d.path)),
            d.line,
            d.column,
            escape_property(&format!("wirelint {}", sanitize(&d.rule))),
            escape_data(&message),
        );
    }
    out
}

/// The Markdown a run appends to `$GITHUB_STEP_SUMMARY`: the summary line and a table of
/// counts by rule (GitHub shows only the first annotations of a step; this shows them all).
pub fn step_summary(statistics: &Statistics, summary: &Summary) -> String {
    let mut out = format!("### wirelint\n\n{}\n", summary.line());
    let rows = statistics.rows();
    if !rows.is_empty() {
        out.push_str("\n| rule | level | findings | fixable |\n| --- | --- | ---: | ---: |\n");
        for row in rows {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} |",
                sanitize(row.rule).replace('|', "\\|").replace('`', "'"),
                row.level,
                row.count,
                row.fixable
            );
        }
    }
    out.push('\n');
    out
}

/// Escape a command's message as the runner expects.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a command's property value, which may not hold `:` or `,` either.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn escapes_data_and_properties() {
        assert_eq!(escape_data("50% off\nnow"), "50%25 off%0Anow");
        assert_eq!(escape_property("a:b,c.txt"), "a%3Ab%2Cc.txt");
    }

    #[test]
    fn annotations_keep_notes_and_escape_what_the_article_holds() {
        let text = " date 04/03/2026 1188\nHeadline\u{1b}[2J\nBody.\n";
        let name = "a\n::error file=x::fake\u{1b}[31m.txt";
        let diagnostics = crate::lint_str(name, text, &Config::default());
        let out = render(&diagnostics);
        assert!(!out.contains('\u{1b}'), "{out:?}");
        assert!(
            out.lines()
                .all(|l| l.starts_with("::error file=a\\n%3A%3Aerror")),
            "{out}"
        );
        assert!(out.contains("%0Anote: `04/03/2026` could be"), "{out}");
        assert!(
            out.contains("%0A[*] fixable with --fix: remove the white space"),
            "{out}"
        );
    }
}
