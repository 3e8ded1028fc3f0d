//! `json` and `jsonl`: the diagnostics as serde serialises them, versioned (the schema is
//! `schemas/wirelint-json.schema.json`; the README describes each field).

use super::Summary;
use crate::diagnostic::Diagnostic;
use serde::Serialize;

/// The version of the JSON contract: it changes when a field is removed or changes meaning
/// (new fields may appear without a change).
pub const JSON_VERSION: u32 = 1;

/// `json`: the document up to its first diagnostic.
pub(super) fn start() -> String {
    format!("{{\"version\":{JSON_VERSION},\"diagnostics\":[\n")
}

/// `json`: one file's diagnostics, items of the `diagnostics` array.
pub(super) fn render_items(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(to_json)
        .collect::<Vec<_>>()
        .join(",\n")
}

/// `json`: the end of the document, with the summary.
pub(super) fn end(summary: &Summary) -> String {
    format!("\n],\"summary\":{}}}\n", to_json(summary))
}

/// `jsonl`: the first record, which names the version.
pub(super) fn start_lines() -> String {
    format!("{{\"version\":{JSON_VERSION}}}\n")
}

/// `jsonl`: one diagnostic a line.
pub(super) fn render_lines(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics {
        out.push_str(&to_json(diagnostic));
        out.push('\n');
    }
    out
}

pub(super) fn to_json(value: &impl Serialize) -> String {
    // Our types serialise to plain maps of strings and numbers, which cannot fail.
    serde_json::to_string(value).unwrap_or_else(|e| panic!("diagnostics serialise to JSON: {e}"))
}
