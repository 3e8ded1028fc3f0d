//! The library API gives the same diagnostics, serialised to the same JSON, as the CLI.

use std::io::Write;
use std::process::{Command, Stdio};
use wirelint::{Config, lint_str};

const STORY: &str = " date 26/02/1987 403\nTalks Resume\nTalks resumed on Monday.\n";

#[test]
fn lint_str_serialises_to_the_cli_jsonl() {
    let diagnostics = lint_str("story.txt", STORY, &Config::default());
    assert_eq!(diagnostics.len(), 2);
    let from_library: Vec<String> = diagnostics
        .iter()
        .map(|d| serde_json::to_string(d).unwrap())
        .collect();

    let mut child = Command::new(env!("CARGO_BIN_EXE_wirelint"))
        .args(["--format", "jsonl", "--stdin-filename", "story.txt", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(STORY.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let mut lines = stdout.lines();
    // The first record names the version of the JSON contract.
    assert_eq!(lines.next(), Some("{\"version\":1}"));
    let from_cli: Vec<String> = lines.map(str::to_string).collect();
    assert_eq!(from_library, from_cli);
}
