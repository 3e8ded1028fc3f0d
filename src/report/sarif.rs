//! `sarif`: SARIF 2.1.0, one run, the rules with their docs, results with regions.

use crate::diagnostic::{Diagnostic, Label, Level, READ_ERROR, WRITE_ERROR};
use crate::rules::CARDS;
use crate::suppress::UNUSED_SUPPRESSION;
use serde_json::{Value, json};

/// Rules that are not in the registry but can appear in results.
const BUILT_IN_PROBLEMS: [(&str, &str); 3] = [
    (READ_ERROR, "a file could not be read or decoded"),
    (WRITE_ERROR, "a fixed file could not be written"),
    (UNUSED_SUPPRESSION, "an inline suppression silences nothing"),
];

pub(super) fn render(diagnostics: &[Diagnostic]) -> String {
    let mut rules: Vec<Value> = CARDS
        .iter()
        .map(|card| {
            json!({
                "id": card.name,
                "shortDescription": { "text": card.summary },
                "fullDescription": { "text": card.summary },
                "help": { "text": card.docs, "markdown": card.docs },
                "defaultConfiguration": { "level": match card.level.level() {
                    Some(Level::Error) => "error",
                    Some(Level::Warning) => "warning",
                    None => "none",
                } },
            })
        })
        .collect();
    rules.extend(BUILT_IN_PROBLEMS.iter().map(|(id, summary)| {
        json!({
            "id": id,
            "shortDescription": { "text": summary },
            "defaultConfiguration": { "level": "error" },
        })
    }));
    let rule_index = |id: &str| {
        CARDS
            .iter()
            .map(|card| card.name.as_str())
            .chain(BUILT_IN_PROBLEMS.iter().map(|(id, _)| *id))
            .position(|known| known == id)
    };
    let results: Vec<Value> = diagnostics
        .iter()
        .map(|d| {
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
                "level": d.level.to_string(),
                "message": { "text": text },
                "locations": [location(&d.path, primary, d)],
            });
            if let Some(index) = rule_index(&d.rule) {
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
            result
        })
        .collect();
    let document = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "wirelint",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            } },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut out =
        serde_json::to_string_pretty(&document).unwrap_or_else(|e| panic!("SARIF serialises: {e}"));
    out.push('\n');
    out
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
    json!({ "physicalLocation": { "artifactLocation": { "uri": uri(path) }, "region": region } })
}

/// A relative URI reference for a path: forward slashes, unsafe bytes percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.replace('\\', "/").bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::lint_str;

    /// Check a SARIF 2.1.0 log against the properties the standard requires of what we emit.
    fn validate(log: &Value) -> Result<(), String> {
        let need = |value: &Value, key: &str| -> Result<Value, String> {
            value
                .get(key)
                .cloned()
                .ok_or_else(|| format!("missing `{key}` in {value}"))
        };
        if need(log, "version")? != "2.1.0" {
            return Err("version is not 2.1.0".into());
        }
        let runs = need(log, "runs")?;
        let runs = runs.as_array().ok_or("runs is not an array")?;
        for run in runs {
            let driver = need(&need(run, "tool")?, "driver")?;
            need(&driver, "name")?
                .as_str()
                .ok_or("driver name is not a string")?;
            let rules = need(&driver, "rules")?;
            let rule_ids: Vec<&str> = rules
                .as_array()
                .ok_or("rules")?
                .iter()
                .filter_map(|r| r["id"].as_str())
                .collect();
            for result in need(run, "results")?
                .as_array()
                .ok_or("results is not an array")?
            {
                need(&need(result, "message")?, "text")?
                    .as_str()
                    .ok_or("message text")?;
                let id = need(result, "ruleId")?;
                let index = need(result, "ruleIndex")?.as_u64().ok_or("ruleIndex")? as usize;
                if rule_ids.get(index).copied() != id.as_str() {
                    return Err(format!("ruleIndex {index} does not name {id}"));
                }
                if !["error", "warning", "note", "none"]
                    .contains(&need(result, "level")?.as_str().unwrap_or(""))
                {
                    return Err("bad level".into());
                }
                let locations = need(result, "locations")?;
                let related = result.get("relatedLocations").cloned().unwrap_or(json!([]));
                for location in locations
                    .as_array()
                    .ok_or("locations")?
                    .iter()
                    .chain(related.as_array().ok_or("related")?)
                {
                    let physical = need(location, "physicalLocation")?;
                    need(&need(&physical, "artifactLocation")?, "uri")?
                        .as_str()
                        .ok_or("uri")?;
                    let region = need(&physical, "region")?;
                    for key in ["startLine", "startColumn"] {
                        if need(&region, key)?.as_u64().unwrap_or(0) < 1 {
                            return Err(format!("{key} is not a positive integer"));
                        }
                    }
                }
            }
        }
        Ok(())
    }

    #[test]
    fn output_has_the_required_sarif_structure() {
        let mut diagnostics = lint_str(
            "desk/a story.txt",
            " date 26/02/1987 403\nHeadline\nBody.\n",
            &Config::default(),
        );
        diagnostics.push(Diagnostic::file_error(
            READ_ERROR,
            "bad.txt",
            "could not read `bad.txt`".into(),
            None,
        ));
        let log: Value = serde_json::from_str(&render(&diagnostics)).unwrap();
        validate(&log).unwrap();
        let results = log["runs"][0]["results"].as_array().unwrap();
        assert_eq!(results.len(), 3);
        let location = &results[0]["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], "desk/a%20story.txt");
        assert_eq!(location["region"]["startLine"], 1);
        assert_eq!(results[2]["ruleId"], READ_ERROR);
    }

    #[test]
    fn the_validator_rejects_what_is_not_sarif() {
        assert!(validate(&json!({"version": "2.1.0"})).is_err());
        assert!(validate(&json!({"version": "2.0.0", "runs": []})).is_err());
        let bad_index = json!({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "w", "rules": [{"id": "a"}]}},
            "results": [{"ruleId": "b", "ruleIndex": 0, "level": "error", "message": {"text": "m"}, "locations": []}]}]});
        assert!(validate(&bad_index).is_err());
    }
}
