//! The article our users sent (`../shared/seed-article.txt`, beside the repository in CI): every
//! rule's expected verdict on it, and `--fix` on a copy of it.

use std::path::Path;
use std::process::Command;

const SEED: &str = "../shared/seed-article.txt";

/// The seed's text, or `None` (with a note) where `../shared` is not beside the checkout.
fn seed() -> Option<String> {
    match std::fs::read_to_string(SEED) {
        Ok(text) => Some(text),
        Err(_) => {
            eprintln!("skipped: {SEED} is not here");
            None
        }
    }
}

fn jsonl(path: &Path) -> Vec<serde_json::Value> {
    let output = Command::new(env!("CARGO_BIN_EXE_wirelint"))
        .args(["--format", "jsonl"])
        .arg(path)
        .output()
        .unwrap();
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .skip(1) // the first record names the version of the JSON contract
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

/// `(rule, line, primary text, [secondary lines])` of each diagnostic.
fn summary(text: &str, diagnostics: &[serde_json::Value]) -> Vec<(String, u64, String, Vec<u64>)> {
    diagnostics
        .iter()
        .map(|d| {
            let span = &d["span"];
            let (start, end) = (
                span["start"].as_u64().unwrap() as usize,
                span["end"].as_u64().unwrap() as usize,
            );
            let primary = text[start..end].chars().take(20).collect();
            let secondary = d["labels"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|l| l["primary"] == false)
                .map(|l| l["line"].as_u64().unwrap())
                .collect();
            (
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                primary,
                secondary,
            )
        })
        .collect()
}

#[test]
fn the_seed_gets_exactly_the_expected_findings() {
    let Some(text) = seed() else { return };
    let found = summary(&text, &jsonl(Path::new(SEED)));
    assert_eq!(
        found,
        [
            ("malformed-header".to_string(), 1, " ".to_string(), vec![]),
            (
                "number-conflict".to_string(),
                9,
                "150 ISIS fighters".to_string(),
                vec![3, 4]
            ),
            (
                "duplicate-paragraph".to_string(),
                10,
                "Last month, U.S. Cen".to_string(),
                vec![9]
            ),
        ]
    );
}

#[test]
fn fix_on_the_seed_trims_the_header_and_deletes_line_ten_only() {
    let Some(text) = seed() else { return };
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("seed.txt");
    std::fs::write(&copy, &text).unwrap();
    let fix = || {
        Command::new(env!("CARGO_BIN_EXE_wirelint"))
            .args(["--fix", "--format", "short"])
            .arg(&copy)
            .output()
            .unwrap()
    };

    let first = fix();
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut expected: String = lines[..9].concat();
    expected.remove(0);
    expected.push_str(&lines[10..].concat());
    assert_eq!(std::fs::read_to_string(&copy).unwrap(), expected);
    assert_eq!(
        first.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&first.stdout)
    );

    fix();
    assert_eq!(
        std::fs::read_to_string(&copy).unwrap(),
        expected,
        "a second --fix changed the file"
    );
}
