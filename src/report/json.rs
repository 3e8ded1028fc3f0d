//! `json` and `jsonl`: the diagnostics as serde serialises them (see the README for the schema).

use super::Summary;
use crate::diagnostic::Diagnostic;
use serde::Serialize;

pub(super) fn render_lines(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics {
        out.push_str(&to_json(diagnostic));
        out.push('\n');
    }
    out
}

pub(super) fn render_document(diagnostics: &[Diagnostic], summary: &Summary) -> String {
    #[derive(Serialize)]
    struct Document<'a> {
        diagnostics: &'a [Diagnostic],
        summary: &'a Summary,
    }
    let mut out = to_json(&Document {
        diagnostics,
        summary,
    });
    out.push('\n');
    out
}

fn to_json(value: &impl Serialize) -> String {
    // Our types serialise to plain maps of strings and numbers, which cannot fail.
    serde_json::to_string(value).unwrap_or_else(|e| panic!("diagnostics serialise to JSON: {e}"))
}
