//! An editorial pipeline embedding wirelint: lint a draft before it is published, without a
//! subprocess. Run it with `cargo run --example pipeline` (a built-in draft) or
//! `cargo run --example pipeline -- story.txt`.
//!
//! It prints the findings as JSON lines (the same objects as `wirelint --format jsonl`) and
//! exits 1 when one of them is an error, so the pipeline can hold the story.

use std::process::ExitCode;
use wirelint::config::Config;
use wirelint::rule::RuleLevel;
use wirelint::{Level, lint_str};

const DRAFT: &str = " date 2026-03-04 1200
Harbour Bridge Reopens After Repairs
SYDNEY, March 4 (Wire) - The harbour bridge reopened to traffic on Wednesday after three weeks of repairs, the state roads authority said.
";

fn main() -> ExitCode {
    let (name, text) = match std::env::args().nth(1) {
        Some(path) => match std::fs::read_to_string(&path) {
            Ok(text) => (path, text),
            Err(error) => {
                eprintln!("error: could not read `{path}`: {error}");
                return ExitCode::from(2);
            }
        },
        None => ("draft.txt".to_string(), DRAFT.to_string()),
    };
    // This desk requires a header line on every story.
    let config = match Config::builder()
        .level("malformed-header", RuleLevel::Error)
        .option("malformed-header", "required", true)
        .build()
    {
        Ok(config) => config,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    let diagnostics = lint_str(&name, &text, &config);
    for diagnostic in &diagnostics {
        match serde_json::to_string(diagnostic) {
            Ok(json) => println!("{json}"),
            Err(error) => eprintln!("error: {error}"),
        }
    }
    if diagnostics.iter().any(|d| d.level == Level::Error) {
        eprintln!(
            "held: {} finding(s) to fix before publication",
            diagnostics.len()
        );
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
