//! `gitlab`: GitLab Code Quality, a JSON array of issues that a merge request shows in its
//! widget and its diff: `description`, `check_name`, `fingerprint`, `severity` and
//! `location` (path and lines).

use super::json::array_items;
use crate::baseline::{fingerprints, located};
use crate::diagnostic::{Diagnostic, Level};
use crate::source::Source;
use serde_json::json;

pub(super) fn start() -> String {
    "[\n".to_string()
}

pub(super) fn render(source: Option<&Source>, diagnostics: &[Diagnostic]) -> String {
    let prints = fingerprints(source, diagnostics);
    array_items(diagnostics.iter().zip(prints).map(|(d, print)| {
        let path = d.path.strip_prefix("./").unwrap_or(&d.path);
        let end_line = d.labels.first().map_or(d.line, |l| l.end_line);
        let issue = json!({
            "type": "issue",
            "description": d.message,
            "check_name": d.rule,
            "fingerprint": located(path, &print),
            "severity": match d.level {
                Level::Error => "major",
                Level::Warning => "minor",
            },
            "categories": ["Style"],
            "location": { "path": path, "lines": { "begin": d.line, "end": end_line } },
        });
        issue
    }))
}

pub(super) fn end() -> String {
    "\n]\n".to_string()
}
