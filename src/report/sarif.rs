//! `sarif`: SARIF 2.1.0, one run, streamed: the tool and its rules first, the results of each
//! file as it is linted, and the invocation (with the files that could not be read as tool
//! notifications) at the end. Relative paths are relative to `%SRCROOT%`, the directory
//! wirelint ran in; absolute paths are `file://` URIs.

use super::Ending;
use super::json::{array_items, to_json};
use crate::baseline::fingerprints;
use crate::diagnostic::{Diagnostic, Fix, Label, Level, READ_ERROR, WRITE_ERROR};
use crate::rule::RuleCard;
use crate::rules::{CARDS, docs_url};
use crate::source::Source;
use crate::suppress::UNUSED_SUPPRESSION;
use serde_json::{Value, json};
use std::path::{Component, Path};

/// The base every relative artifact URI is resolved against.
const SRCROOT: &str = "%SRCROOT%";

/// The key of wirelint's fingerprint in `partialFingerprints`.
const FINGERPRINT_KEY: &str = "wirelint/v1";

/// Problems of wirelint's own that are results (after the rules in `tool.driver.rules`).
const OWN_RULES: [(&str, &str); 1] =
    [(UNUSED_SUPPRESSION, "an inline suppression silences nothing")];

/// Problems of wirelint's own that are tool notifications, not results.
const NOTIFICATIONS: [(&str, &str); 2] = [
    (READ_ERROR, "a file could not be read or decoded"),
    (WRITE_ERROR, "a fixed file could not be written"),
];

/// Everything before the first result: the tool with its rules, wirelint's own first, then the
/// built-in ones (so that their `ruleIndex` is known without the config), then the house style
/// rules in use (`style`), which results name by `ruleId` alone.
pub(super) fn start(style: &[&RuleCard]) -> String {
    let mut rules: Vec<Value> = OWN_RULES
        .iter()
        .map(|(id, summary)| descriptor(id, summary, "warning"))
        .collect();
    rules.extend(CARDS.iter().chain(style.iter().copied()).map(|card| {
        let mut rule = json!({
            "id": card.name,
            "shortDescription": { "text": card.summary },
            "fullDescription": { "text": card.summary },
            "help": { "text": card.docs, "markdown": card.docs },
            "defaultConfiguration": { "level": match card.level.level() {
                Some(level) => level_name(level),
                None => "none",
            } },
        });
        if let Some(url) = docs_url(&card.name) {
            rule["helpUri"] = json!(url);
        }
        rule
    }));
    let notifications: Vec<Value> = NOTIFICATIONS
        .iter()
        .map(|(id, summary)| descriptor(id, summary, "error"))
        .collect();
    let driver = json!({
        "name": "wirelint",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "informationUri": env!("CARGO_PKG_REPOSITORY"),
        "rules": rules,
        "notifications": notifications,
    });
    let mut bases = serde_json::Map::new();
    if let Some(root) = std::env::current_dir().ok().and_then(|dir| file_uri(&dir)) {
        bases.insert(SRCROOT.into(), json!({ "uri": format!("{root}/") }));
    }
    format!(
        "{{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{{\n\"tool\":{{\"driver\":{}}},\n\"originalUriBaseIds\":{},\n\"columnKind\":\"unicodeCodePoints\",\n\"results\":[\n",
        to_json(&driver),
        to_json(&bases),
    )
}

/// A reporting descriptor for one of wirelint's own problems.
fn descriptor(id: &str, summary: &str, level: &str) -> Value {
    json!({
        "id": id,
        "shortDescription": { "text": summary },
        "defaultConfiguration": { "level": level },
    })
}

/// One file's results, items of the `results` array. Files that could not be read give no
/// result (they are notifications at the end).
pub(super) fn render_results(source: Option<&Source>, diagnostics: &[Diagnostic]) -> String {
    let results: Vec<&Diagnostic> = diagnostics.iter().filter(|d| !is_notification(d)).collect();
    let prints = fingerprints(source, results.iter().copied());
    array_items(
        results
            .iter()
            .zip(prints)
            .map(|(d, print)| result(d, &print)),
    )
}

fn is_notification(d: &Diagnostic) -> bool {
    NOTIFICATIONS.iter().any(|(id, _)| d.rule == *id)
}

fn level_name(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
    }
}

fn result(d: &Diagnostic, fingerprint: &str) -> Value {
    let mut text = d.message.clone();
    for note in &d.notes {
        text.push_str(&format!("\nnote: {note}"));
    }
    if let Some(help) = &d.help {
        text.push_str(&format!("\nhelp: {help}"));
    }
    let primary = d.labels.iter().find(|l| l.primary);
    let mut result = json!({
        "ruleId": d.rule,
        "level": level_name(d.level),
        "message": { "text": text },
        "locations": [location(&d.path, primary, d)],
        "partialFingerprints": { FINGERPRINT_KEY: fingerprint },
    });
    let index = OWN_RULES
        .iter()
        .map(|(id, _)| *id)
        .chain(CARDS.iter().map(|card| card.name.as_str()))
        .position(|known| known == d.rule);
    if let Some(index) = index {
        result["ruleIndex"] = json!(index);
    }
    let related: Vec<Value> = d
        .labels
        .iter()
        .filter(|l| !l.primary)
        .enumerate()
        .map(|(id, label)| {
            let mut related = location(&d.path, Some(label), d);
            related["id"] = json!(id);
            related["message"] = json!({ "text": label.message });
            related
        })
        .collect();
    if !related.is_empty() {
        result["relatedLocations"] = json!(related);
    }
    if let Some(fix) = &d.fix {
        result["fixes"] = json!([sarif_fix(&d.path, fix)]);
    }
    result
}

/// A fix as SARIF writes it: byte regions deleted and text inserted.
fn sarif_fix(path: &str, fix: &Fix) -> Value {
    let replacements: Vec<Value> = fix
        .edits
        .iter()
        .map(|edit| {
            json!({
                "deletedRegion": { "byteOffset": edit.span.start, "byteLength": edit.span.len() },
                "insertedContent": { "text": edit.replacement },
            })
        })
        .collect();
    json!({
        "description": { "text": fix.message },
        "artifactChanges": [{ "artifactLocation": artifact(path), "replacements": replacements }],
    })
}

/// The end of the log: the invocation, with a notification for each file error.
pub(super) fn end(ending: &Ending<'_>) -> String {
    let notifications: Vec<Value> = ending
        .file_errors
        .iter()
        .map(|d| {
            let index = NOTIFICATIONS.iter().position(|(id, _)| d.rule == *id);
            let mut text = d.message.clone();
            for note in &d.notes {
                text.push_str(&format!("\nnote: {note}"));
            }
            let mut notification = json!({
                "level": level_name(d.level),
                "message": { "text": text },
                "locations": [location(&d.path, None, d)],
                "descriptor": { "id": d.rule },
            });
            if let Some(index) = index {
                notification["descriptor"]["index"] = json!(index);
            }
            notification
        })
        .collect();
    let invocation = json!({
        "executionSuccessful": ending.successful,
        "toolExecutionNotifications": notifications,
    });
    format!("\n],\n\"invocations\":[{}]\n}}]}}\n", to_json(&invocation))
}

/// A SARIF location: the file and, for a label, its region (1-based lines and columns).
fn location(path: &str, label: Option<&Label>, d: &Diagnostic) -> Value {
    let region = match label {
        Some(l) => json!({
            "startLine": l.line, "startColumn": l.column, "endLine": l.end_line, "endColumn": l.end_column,
            "byteOffset": l.span.start, "byteLength": l.span.len(),
        }),
        None => json!({ "startLine": d.line, "startColumn": d.column }),
    };
    json!({ "physicalLocation": { "artifactLocation": artifact(path), "region": region } })
}

/// The artifact location of a path: a `file://` URI when it is absolute (or climbs out of the
/// directory wirelint ran in), else a relative URI against `%SRCROOT%`, without `./`.
fn artifact(path: &str) -> Value {
    let as_path = Path::new(path);
    let climbs = as_path.components().any(|c| c == Component::ParentDir);
    if as_path.is_absolute() || climbs {
        let absolute = std::path::absolute(as_path)
            .ok()
            .map(|p| normalise(&p))
            .and_then(|p| file_uri(&p));
        if let Some(uri) = absolute {
            return json!({ "uri": uri });
        }
    }
    let relative: Vec<String> = as_path
        .components()
        .filter(|c| *c != Component::CurDir)
        .map(|c| encode(&c.as_os_str().to_string_lossy(), false))
        .collect();
    json!({ "uri": relative.join("/"), "uriBaseId": SRCROOT })
}

/// `path` with `.` and `..` resolved by name (the file may not exist).
fn normalise(path: &Path) -> std::path::PathBuf {
    let mut out = std::path::PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// The `file://` URI of an absolute path (`None` for a relative one).
fn file_uri(path: &Path) -> Option<String> {
    if !path.is_absolute() {
        return None;
    }
    let mut uri = String::from("file://");
    for component in path.components() {
        match component {
            Component::Prefix(prefix) => {
                // A Windows drive: `file:///C:`.
                uri.push('/');
                uri.push_str(&encode(&prefix.as_os_str().to_string_lossy(), true));
            }
            Component::RootDir => {}
            other => {
                uri.push('/');
                uri.push_str(&encode(&other.as_os_str().to_string_lossy(), true));
            }
        }
    }
    if uri == "file://" {
        uri.push('/');
    }
    Some(uri)
}

/// One path segment percent-encoded for a URI: a backslash, which is a character of a file
/// name on Unix, stays one (`%5C`); `:` is kept only in an absolute URI's path.
fn encode(segment: &str, colon: bool) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(byte as char)
            }
            b':' if colon => out.push(':'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_are_relative_to_srcroot_without_dot_slash() {
        assert_eq!(
            artifact("./desk/a story.txt"),
            json!({"uri": "desk/a%20story.txt", "uriBaseId": SRCROOT})
        );
        assert_eq!(
            artifact("<stdin>"),
            json!({"uri": "%3Cstdin%3E", "uriBaseId": SRCROOT})
        );
    }

    #[cfg(unix)]
    #[test]
    fn absolute_paths_are_file_uris_and_a_backslash_stays_one() {
        assert_eq!(
            artifact("/tmp/desk/a b.txt"),
            json!({"uri": "file:///tmp/desk/a%20b.txt"})
        );
        assert_eq!(
            artifact("/tmp/back\\slash.txt"),
            json!({"uri": "file:///tmp/back%5Cslash.txt"})
        );
        assert_eq!(
            artifact("back\\slash.txt"),
            json!({"uri": "back%5Cslash.txt", "uriBaseId": SRCROOT})
        );
        let climbing = artifact("../x.txt");
        assert!(
            climbing["uri"].as_str().unwrap().starts_with("file:///"),
            "{climbing}"
        );
        assert!(
            !climbing["uri"].as_str().unwrap().contains(".."),
            "{climbing}"
        );
    }
}
