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
    array_items(diagnostics)
}

/// `items` serialised one a line and separated by commas, as items of a JSON array, written
/// straight into one buffer (a report of 80,000 results is not copied again to join them).
pub(super) fn array_items<T: Serialize>(items: impl IntoIterator<Item = T>) -> String {
    joined(items, b",\n")
}

/// `items` serialised and separated by `separator`, into one buffer.
fn joined<T: Serialize>(items: impl IntoIterator<Item = T>, separator: &[u8]) -> String {
    let mut out = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(separator);
        }
        serde_json::to_writer(&mut out, &item)
            .unwrap_or_else(|e| panic!("diagnostics serialise to JSON: {e}"));
    }
    // serde_json writes UTF-8.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
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
    let mut out = joined(diagnostics, b"\n");
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

pub(super) fn to_json(value: &impl Serialize) -> String {
    // Our types serialise to plain maps of strings and numbers, which cannot fail.
    serde_json::to_string(value).unwrap_or_else(|e| panic!("diagnostics serialise to JSON: {e}"))
}
