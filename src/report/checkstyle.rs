//! `checkstyle`: Checkstyle's XML report, which many CI servers and review tools read: a
//! `file` element a file linted, an `error` element a finding.

use super::file_name;
use super::xml::{DECLARATION, escape};
use crate::diagnostic::Diagnostic;
use crate::source::Source;
use std::fmt::Write;

pub(super) fn start() -> String {
    format!("{DECLARATION}<checkstyle version=\"4.3\">\n")
}

pub(super) fn render(source: Option<&Source>, diagnostics: &[Diagnostic]) -> String {
    let Some(name) = file_name(source, diagnostics) else {
        return String::new();
    };
    let mut out = format!("<file name=\"{}\">\n", escape(name));
    for d in diagnostics {
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str(&format!(" (help: {help})"));
        }
        let _ = writeln!(
            out,
            "<error line=\"{}\" column=\"{}\" severity=\"{}\" message=\"{}\" source=\"wirelint.{}\"/>",
            d.line,
            d.column,
            d.level,
            escape(&message),
            escape(&d.rule)
        );
    }
    out.push_str("</file>\n");
    out
}

pub(super) fn end() -> String {
    "</checkstyle>\n".to_string()
}
