//! `wirelint inspect`: every document it writes, for articles of every format, is valid
//! against `schemas/inspect.schema.json`, and says what the rules read.

use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn inspect(args: &[&str]) -> (Option<i32>, Vec<Value>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_wirelint"))
        .arg("inspect")
        .args(args)
        .output()
        .expect("wirelint runs");
    let documents = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is one JSON document"))
        .collect();
    (
        output.status.code(),
        documents,
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string("schemas/inspect.schema.json").expect("the schema is there"),
    )
    .expect("the schema is JSON");
    jsonschema::draft202012::new(&schema).expect("the schema is a valid 2020-12 schema")
}

#[test]
fn every_document_matches_the_schema() {
    let mut paths: Vec<String> = Vec::new();
    for dir in [
        "examples",
        "examples/formats",
        "tests/cmd/number-conflict.in",
    ] {
        for entry in std::fs::read_dir(dir)
            .expect("the folder is there")
            .flatten()
        {
            let path = entry.path();
            if path.is_file() && path.extension().is_some_and(|e| e != "rs") {
                paths.push(path.display().to_string());
            }
        }
    }
    paths.sort();
    let args: Vec<&str> = paths.iter().map(String::as_str).collect();
    let (status, documents, stderr) = inspect(&args);
    assert_eq!(status, Some(0), "{stderr}");
    assert_eq!(documents.len(), paths.len());
    let validator = validator();
    let mut formats = std::collections::BTreeSet::new();
    for document in &documents {
        let errors: Vec<String> = validator
            .iter_errors(document)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", document["path"]);
        formats.insert(document["format"].as_str().unwrap_or_default().to_string());
    }
    assert!(
        formats.len() >= 4,
        "examples of several formats: {formats:?}"
    );
}

#[test]
fn the_schema_refuses_what_it_does_not_describe() {
    let validator = validator();
    let (_, documents, _) = inspect(&["examples/flood-number-conflict.txt"]);
    let mut document = documents[0].clone();
    assert!(validator.is_valid(&document));
    document["numbers"][0]["kind"] = Value::from("weight");
    assert!(!validator.is_valid(&document));
    let mut document = documents[0].clone();
    document["surprise"] = Value::from(1);
    assert!(!validator.is_valid(&document));
}

#[test]
fn the_model_shows_what_the_number_rules_read() {
    let output = Command::new(env!("CARGO_BIN_EXE_wirelint"))
        .args(["inspect", "--pretty", "examples/flood-number-conflict.txt"])
        .output()
        .expect("wirelint runs");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("\n  \"numbers\": ["), "{text}");
    let document: Value = serde_json::from_str(&text).expect("one JSON document");
    let figures: Vec<(&str, &str, Option<&str>)> = document["numbers"]
        .as_array()
        .expect("numbers")
        .iter()
        .map(|n| {
            (
                n["text"].as_str().unwrap_or_default(),
                n["kind"].as_str().unwrap_or_default(),
                n["lemma"].as_str(),
            )
        })
        .collect();
    assert!(
        figures.contains(&("320", "count", Some("resident"))),
        "{figures:?}"
    );
    assert!(figures.contains(&("85", "count", Some("resident"))));
    let headline = &document["numbers"][0];
    assert_eq!(headline["text"], "Hundreds");
    assert_eq!(headline["value"], Value::Null);
    assert_eq!(headline["sentence"], Value::Null);
}

#[test]
fn a_file_that_cannot_be_read_is_an_error_and_the_others_are_inspected() {
    let missing = Path::new("tests/cmd/no-such-article.txt");
    assert!(!missing.exists());
    let (status, documents, stderr) =
        inspect(&["tests/cmd/no-such-article.txt", "examples/flood-clean.txt"]);
    assert_eq!(status, Some(2));
    assert_eq!(documents.len(), 1);
    assert!(
        stderr.contains("error: could not inspect `tests/cmd/no-such-article.txt`"),
        "{stderr}"
    );
}
