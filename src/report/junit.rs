//! `junit`: JUnit XML, which CI servers show as test results: a test suite a file linted, a
//! failing test case a finding (an erroring one for a file that could not be read), and one
//! passing test case for a clean file.

use super::file_name;
use super::xml::{DECLARATION, escape};
use crate::diagnostic::{Diagnostic, READ_ERROR, WRITE_ERROR};
use crate::source::Source;
use std::fmt::Write;

pub(super) fn start() -> String {
    format!("{DECLARATION}<testsuites name=\"wirelint\">\n")
}

pub(super) fn render(source: Option<&Source>, diagnostics: &[Diagnostic]) -> String {
    let Some(name) = file_name(source, diagnostics) else {
        return String::new();
    };
    let name = escape(name);
    let errors = diagnostics
        .iter()
        .filter(|d| d.rule == READ_ERROR || d.rule == WRITE_ERROR)
        .count();
    let failures = diagnostics.len() - errors;
    let mut out = format!(
        "<testsuite name=\"{name}\" tests=\"{}\" failures=\"{failures}\" errors=\"{errors}\">\n",
        diagnostics.len().max(1)
    );
    if diagnostics.is_empty() {
        let _ = writeln!(out, "<testcase name=\"wirelint\" classname=\"{name}\"/>");
    }
    for d in diagnostics {
        let element = if d.rule == READ_ERROR || d.rule == WRITE_ERROR {
            "error"
        } else {
            "failure"
        };
        let mut body = vec![format!(
            "{}:{}:{}: {}[{}]: {}",
            d.path, d.line, d.column, d.level, d.rule, d.message
        )];
        body.extend(
            d.labels
                .iter()
                .map(|l| format!("{}:{}: {}", l.line, l.column, l.message)),
        );
        body.extend(d.notes.iter().map(|note| format!("note: {note}")));
        body.extend(d.help.iter().map(|help| format!("help: {help}")));
        let body: Vec<String> = body.iter().map(|line| escape(line)).collect();
        let _ = writeln!(
            out,
            "<testcase name=\"{} at {}:{}\" classname=\"{name}\" file=\"{name}\" line=\"{}\">\n<{element} message=\"{}\" type=\"{}\">{}</{element}>\n</testcase>",
            escape(&d.rule),
            d.line,
            d.column,
            d.line,
            escape(&d.message),
            escape(&d.rule),
            body.join("\n"),
        );
    }
    out.push_str("</testsuite>\n");
    out
}

pub(super) fn end() -> String {
    "</testsuites>\n".to_string()
}
