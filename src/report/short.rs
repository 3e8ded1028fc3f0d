//! `short`: `path:line:col: level[rule]: message`, one line a diagnostic (`[*]` before the
//! message of one `--fix` can fix); names and messages are escaped, so that a line break or
//! an escape sequence in them can neither split a line nor reach the terminal.

use super::human::FIXABLE;
use super::sanitize::sanitize;
use crate::diagnostic::Diagnostic;
use std::fmt::Write;

pub(super) fn render(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let marker = if d.fix.is_some() { FIXABLE } else { "" };
        let _ = writeln!(
            out,
            "{}:{}:{}: {}[{}]: {marker}{}{}",
            sanitize(&d.path),
            d.line,
            d.column,
            d.level,
            sanitize(&d.rule),
            if marker.is_empty() { "" } else { " " },
            sanitize(&d.message)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::READ_ERROR;

    #[test]
    fn one_line_a_finding_whatever_the_name() {
        let name = "a\nfake.txt:1:1: error[x]: \u{1b}[2Jb.txt";
        let d = Diagnostic::file_error(READ_ERROR, name, format!("could not read `{name}`"), None);
        let out = render(&[d]);
        assert_eq!(out.lines().count(), 1, "{out}");
        assert!(!out.contains('\u{1b}'), "{out:?}");
        assert!(
            out.starts_with("a\\nfake.txt:1:1: error[x]: \\u{1b}[2Jb.txt:1:1: error[read-error]")
        );
    }
}
