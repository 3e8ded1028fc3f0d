//! `short`: `path:line:col: level[rule]: message`, one line a diagnostic.

use crate::diagnostic::Diagnostic;
use std::fmt::Write;

pub(super) fn render(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let _ = writeln!(
            out,
            "{}:{}:{}: {}[{}]: {}",
            d.path, d.line, d.column, d.level, d.rule, d.message
        );
    }
    out
}
