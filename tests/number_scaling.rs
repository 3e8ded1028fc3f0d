//! The number rules stay linear on an article with very many counts (issue 10, first finding:
//! 80,000 counts in one sentence, a table pasted without full stops, used to take all memory).
//! A bounded-time regression test with a generous limit; the figures themselves are measured by
//! `scripts/measure_numbers.py --scaling`, not here.

use std::fmt::Write as _;
use std::process::Command;
use std::time::{Duration, Instant};

const NOUNS: &[&str] = &[
    "detainees",
    "fighters",
    "members",
    "people",
    "workers",
    "soldiers",
    "refugees",
    "prisoners",
    "residents",
    "children",
    "police",
    "stores",
    "offices",
    "jobs",
];

/// `n` counts with varied figures and nouns, one after another with no full stop.
fn counts(n: usize, seed: usize) -> String {
    let mut text = String::new();
    for i in 0..n {
        let figure = 2 + (i * 7919 + seed) % 997;
        let _ = write!(text, "{figure} {} ", NOUNS[(i + seed) % NOUNS.len()]);
    }
    text
}

fn wirelint(args: &[&str], dir: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_wirelint"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("wirelint runs")
}

#[test]
fn eighty_thousand_counts_finish_in_bounded_time() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    // Only the number rules, so that the limit measures them.
    let listing = wirelint(&["rules"], dir.path());
    let mut config = String::from("[rules]\n");
    for line in String::from_utf8_lossy(&listing.stdout).lines() {
        if let Some(name) = line.split_whitespace().next()
            && !matches!(name, "number-conflict" | "headline-number" | "age-conflict")
        {
            let _ = writeln!(config, "{name} = \"off\"");
        }
    }
    std::fs::write(dir.path().join("wirelint.toml"), config).expect("config written");
    let cases = [
        (
            "one-sentence.txt",
            format!("date 2026-02-02 1\nHeadline\n{}\n", counts(80_000, 0)),
        ),
        (
            "headline-and-body.txt",
            format!(
                "date 2026-02-02 1\n{}\n{}\n",
                counts(16_000, 1),
                counts(16_000, 2)
            ),
        ),
    ];
    for (name, text) in cases {
        std::fs::write(dir.path().join(name), text).expect("article written");
        let start = Instant::now();
        let output = wirelint(&["--format", "json", name], dir.path());
        let elapsed = start.elapsed();
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "{name}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(
            elapsed < Duration::from_secs(10),
            "{name} took {elapsed:?}: the number rules are no longer linear"
        );
    }
}
