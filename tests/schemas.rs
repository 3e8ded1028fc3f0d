//! The machine formats keep their contracts: SARIF validates against the official SARIF 2.1.0
//! schema (vendored in `tests/sarif/`), `json` and `jsonl` against `schemas/wirelint.schema.json`,
//! the XML formats parse as XML, and GitLab's issues carry the fields GitLab needs.

use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn wirelint(dir: &Path, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_wirelint"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    String::from_utf8(output.stdout).unwrap()
}

fn validator(path: &str) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

fn assert_valid(validator: &jsonschema::Validator, instance: &Value) {
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{instance}");
}

/// A scratch tree: articles with findings (fixable ones too), a clean one, an unreadable one,
/// and a name with a space, a backslash and a control character in it.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write(
        "bad header.txt",
        " date 04/03/2026 1188\nTalks Resume\nBoth sides have traded accusations since the ceasefire collapsed.\nBoth sides have traded accusations since the ceasefire collapsed.\n",
    );
    write(
        "quotes.txt",
        "date 2026-02-02 403\nStrike Talks\nThe strike has cost the port about 3 million euros a day. \u{201c}Nobody is going back to work until the cranes are repaired.\u{201d}\nCosta said the union \u{201c}would not sign anything this week.\n",
    );
    write(
        "clean.txt",
        "date 2026-02-02 403\nHeadline\nThe talks resumed on Monday.\n",
    );
    write("empty.txt", "");
    if cfg!(unix) {
        write(
            "back\\slash\u{1b}.txt",
            "date 2026-02-02 403\nHeadline\nSaid it.\u{201d}\n",
        );
    }
    dir
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let schema = validator("tests/sarif/sarif-schema-2.1.0.json");
    let dir = tree();
    let log: Value =
        serde_json::from_str(&wirelint(dir.path(), &["--format", "sarif", "."])).unwrap();
    assert_valid(&schema, &log);
    let run = &log["runs"][0];
    assert!(
        run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
            .as_str()
            .unwrap()
            .starts_with("file:///")
    );
    let driver = &run["tool"]["driver"];
    assert!(
        driver["informationUri"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
    let header = driver["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|rule| rule["id"] == "malformed-header")
        .unwrap();
    assert!(
        header["helpUri"]
            .as_str()
            .unwrap()
            .ends_with("/rules/malformed-header.toml")
    );
    let results = run["results"].as_array().unwrap();
    let uris: Vec<&str> = results
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(uris.contains(&"bad%20header.txt"), "{uris:?}");
    assert!(uris.iter().all(|uri| !uri.starts_with("./")), "{uris:?}");
    if cfg!(unix) {
        assert!(uris.contains(&"back%5Cslash%1B.txt"), "{uris:?}");
    }
    assert!(results.iter().any(|r| r["fixes"].is_array()));
    assert!(
        results
            .iter()
            .all(|r| r["partialFingerprints"]["wirelint/v1"].is_string())
    );
    // The empty file is a tool notification, not a result.
    let invocation = &run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], true);
    let notifications = invocation["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notifications.len(), 1, "{notifications:?}");
    assert_eq!(notifications[0]["descriptor"]["id"], "read-error");
    assert!(results.iter().all(|r| r["ruleId"] != "read-error"));
    // The schema refuses what is not SARIF: a line 0, a relative `helpUri`.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        serde_json::json!(0);
    assert!(!schema.is_valid(&broken));
    let mut broken = log.clone();
    broken["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"] = serde_json::json!("rules/x.toml");
    assert!(!schema.is_valid(&broken));

    // Absolute paths are file URIs.
    let absolute = dir.path().join("quotes.txt");
    let log: Value = serde_json::from_str(&wirelint(
        dir.path(),
        &["--format", "sarif", absolute.to_str().unwrap()],
    ))
    .unwrap();
    assert_valid(&schema, &log);
    let uri = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert!(
        uri["uri"].as_str().unwrap().starts_with("file:///"),
        "{uri}"
    );
    assert!(uri.get("uriBaseId").is_none(), "{uri}");

    // Nothing readable: the run did not succeed.
    let log: Value =
        serde_json::from_str(&wirelint(dir.path(), &["--format", "sarif", "empty.txt"])).unwrap();
    assert_valid(&schema, &log);
    assert_eq!(
        log["runs"][0]["invocations"][0]["executionSuccessful"],
        false
    );
}

#[test]
fn sarif_fingerprints_survive_lines_moving() {
    let dir = tree();
    let prints = |dir: &Path| -> Vec<String> {
        let log: Value =
            serde_json::from_str(&wirelint(dir, &["--format", "sarif", "bad header.txt"])).unwrap();
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["partialFingerprints"]["wirelint/v1"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    let before = prints(dir.path());
    let path = dir.path().join("bad header.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("Talks Resume\n", "Talks Resume\nA paragraph added above.\n"),
    )
    .unwrap();
    let after = prints(dir.path());
    assert_eq!(before.len(), 3, "{before:?}");
    assert_eq!(before, after);
}

#[test]
fn json_and_jsonl_follow_their_schema() {
    let schema = validator("schemas/wirelint.schema.json");
    let dir = tree();
    let document: Value =
        serde_json::from_str(&wirelint(dir.path(), &["--format", "json", "."])).unwrap();
    assert_valid(&schema, &document);
    assert_eq!(document["version"], 1);
    assert!(document["diagnostics"].as_array().unwrap().len() >= 4);
    let lines = wirelint(dir.path(), &["--format", "jsonl", "."]);
    let records: Vec<Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records[0], serde_json::json!({"version": 1}));
    for record in &records {
        assert_valid(&schema, record);
    }
    for format in ["json", "jsonl"] {
        let statistics: Value = serde_json::from_str(&wirelint(
            dir.path(),
            &["--statistics", "--format", format, "."],
        ))
        .unwrap();
        assert_valid(&schema, &statistics);
    }
    // The schema refuses what is not the contract.
    let mut broken = document.clone();
    broken["version"] = serde_json::json!(2);
    assert!(!schema.is_valid(&broken));
}

#[test]
fn quiet_does_not_change_the_counts() {
    let dir = tree();
    let summary = |args: &[&str]| -> Value {
        let document: Value = serde_json::from_str(&wirelint(dir.path(), args)).unwrap();
        document["summary"].clone()
    };
    let loud = summary(&["--format", "json", "."]);
    let quiet = summary(&["--format", "json", "--quiet", "."]);
    assert!(loud["warnings"].as_u64().unwrap() > 0 && loud["errors"].as_u64().unwrap() > 0);
    assert_eq!(loud, quiet);
}

#[test]
fn xml_formats_are_well_formed_xml() {
    let dir = tree();
    for format in ["junit", "checkstyle"] {
        let text = wirelint(dir.path(), &["--format", format, "."]);
        let document =
            roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{format}: {e}\n{text}"));
        let root = document.root_element();
        let (file, finding) = match format {
            "junit" => ("testsuite", "failure"),
            _ => ("file", "error"),
        };
        assert_eq!(
            root.children().filter(|n| n.has_tag_name(file)).count(),
            5,
            "{text}"
        );
        assert!(
            root.descendants()
                .filter(|n| n.has_tag_name(finding))
                .count()
                >= 4,
            "{text}"
        );
    }
}

#[test]
fn gitlab_issues_carry_what_gitlab_needs() {
    let dir = tree();
    let issues: Value =
        serde_json::from_str(&wirelint(dir.path(), &["--format", "gitlab", "."])).unwrap();
    let issues = issues.as_array().unwrap();
    assert!(issues.len() >= 4);
    let mut prints: Vec<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    for issue in issues {
        assert!(issue["description"].is_string() && issue["check_name"].is_string());
        assert!(
            ["info", "minor", "major", "critical", "blocker"]
                .contains(&issue["severity"].as_str().unwrap())
        );
        assert!(issue["location"]["path"].is_string());
        assert!(issue["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
    }
    let count = prints.len();
    prints.sort_unstable();
    prints.dedup();
    assert_eq!(prints.len(), count, "fingerprints are unique");
}

#[test]
fn sarif_describes_house_style_rules_too() {
    let schema = validator("tests/sarif/sarif-schema-2.1.0.json");
    let dir = Path::new("tests/cmd/house-style");
    let log: Value =
        serde_json::from_str(&wirelint(dir, &["--format", "sarif", "main.txt"])).unwrap();
    assert_valid(&schema, &log);
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let style = rules
        .iter()
        .find(|r| r["id"] == "desk-kyiv")
        .expect("a descriptor");
    assert!(style["shortDescription"]["text"].as_str().is_some());
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["ruleId"] == "desk-kyiv"));
    // Built-in rules keep an index into the descriptors.
    for result in results {
        if let Some(index) = result["ruleIndex"].as_u64() {
            assert_eq!(rules[index as usize]["id"], result["ruleId"]);
        }
    }
}
