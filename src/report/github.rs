//! `github`: GitHub Actions workflow commands, which annotate the pull request's files.

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
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let _ = writeln!(
            out,
            "::{command} file={},line={},col={},endLine={end_line},endColumn={end_column},title={}::{}",
            escape_property(&d.path),
            d.line,
            d.column,
            escape_property(&format!("wirelint {}", d.rule)),
            escape_data(&message),
        );
    }
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

    #[test]
    fn escapes_data_and_properties() {
        assert_eq!(escape_data("50% off\nnow"), "50%25 off%0Anow");
        assert_eq!(escape_property("a:b,c.txt"), "a%3Ab%2Cc.txt");
    }
}
