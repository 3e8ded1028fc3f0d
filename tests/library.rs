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

/// Issue 11: `lint_str` honours `[[overrides]]` as the command line does (it used the config's
/// own rules for every name).
#[test]
fn lint_str_honours_overrides_like_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let config_path = dir.path().join("wirelint.toml");
    std::fs::write(
        &config_path,
        "[[overrides]]\nfiles = [\"archive/**\"]\n[overrides.rules]\nmalformed-header = \"off\"\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("archive")).unwrap();
    std::fs::write(dir.path().join("archive/story.txt"), STORY).unwrap();
    let config = Config::load(&config_path).unwrap();
    let name = dir.path().join("archive/story.txt");
    let from_library: Vec<String> = lint_str(&name.display().to_string(), STORY, &config)
        .iter()
        .map(|d| d.rule.clone())
        .collect();
    let output = Command::new(env!("CARGO_BIN_EXE_wirelint"))
        .args(["--format", "jsonl"])
        .arg(&name)
        .output()
        .unwrap();
    let from_cli: Vec<String> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap())
        // The stream opens with its version record, which is no finding.
        .filter_map(|record| record["rule"].as_str().map(str::to_string))
        .collect();
    assert_eq!(from_library, from_cli);
    assert!(!from_library.iter().any(|rule| rule == "malformed-header"));
}

/// Issue 11: `fix_str` lints and fixes in memory, as `--fix` does on standard input.
#[test]
fn fix_str_fixes_like_the_cli() {
    let (fixed, remaining) = wirelint::fix_str("story.txt", STORY, &Config::default());
    let output = Command::new(env!("CARGO_BIN_EXE_wirelint"))
        .args(["--fix", "--stdin-filename", "story.txt", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            child.stdin.take().unwrap().write_all(STORY.as_bytes())?;
            child.wait_with_output()
        })
        .unwrap();
    assert_eq!(fixed, String::from_utf8(output.stdout).unwrap());
    assert!(fixed.starts_with("date 26/02/1987 403\n"), "{fixed}");
    assert_eq!(remaining.len(), 1, "the date is not fixable: {remaining:?}");
}
