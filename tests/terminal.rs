//! Nothing an article or a file name holds reaches the terminal raw (issue 10, item 7): escape
//! sequences and other control characters are shown escaped (`\u{1b}`) in every text format,
//! with and without colour, and a line break in a file name cannot split a `short` line.

use std::path::Path;
use std::process::Command;

/// An article that tries to clear the screen and print a fake summary, in a file whose name
/// tries the same and holds a line break.
const ARTICLE: &str = " date 2026-02-02 403\nHeadline\u{1b}[2J\u{1b}[H0 errors\u{7}\nCosta said \u{1b}]0;title\u{7}the union \u{201c}would not sign\u{9b}31m anything.\n";

#[cfg(unix)]
const NAME: &str = "story\u{1b}[2J\nfake.txt:1:1: note[x]: all clear.txt";
#[cfg(not(unix))]
const NAME: &str = "story.txt";

fn run(dir: &Path, args: &[&str]) -> (String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_wirelint"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(NAME), ARTICLE).unwrap();
    dir
}

/// No control character but line breaks (and, with colour, the SGR sequences wirelint writes
/// itself: ESC `[` digits and `;` ending in `m`).
fn assert_inert(out: &str, color: bool) {
    let mut chars = out.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c == '\n' {
            continue;
        }
        if color && c == '\u{1b}' {
            let rest = &out[at + 1..];
            let sgr = rest.strip_prefix('[').and_then(|r| {
                let end = r.find(|c: char| !c.is_ascii_digit() && c != ';')?;
                (r.as_bytes()[end] == b'm').then_some(end + 2)
            });
            if let Some(len) = sgr {
                for _ in 0..len {
                    chars.next();
                }
                continue;
            }
        }
        assert!(
            !(c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
            "raw {c:?} at byte {at} in:\n{out}"
        );
    }
}

#[test]
fn human_output_shows_control_characters_escaped() {
    let dir = scratch();
    for color in ["never", "always"] {
        let (out, err) = run(dir.path(), &["--color", color, "--format", "human", "."]);
        assert_inert(&out, color == "always");
        assert_inert(&err, color == "always");
        assert!(out.contains("\\u{1b}[2J"), "{out}");
        assert!(
            out.contains("Costa said \\u{1b}]0;title\\u{7}the union"),
            "{out}"
        );
        if cfg!(unix) {
            assert!(
                out.contains("story\\u{1b}[2J\\nfake.txt:1:1: note[x]: all clear.txt:"),
                "{out}"
            );
        }
    }
}

#[test]
fn short_output_is_one_line_a_finding_whatever_the_name() {
    let dir = scratch();
    let (out, _) = run(dir.path(), &["--format", "short", "."]);
    assert_inert(&out, false);
    let (jsonl, _) = run(dir.path(), &["--format", "jsonl", "."]);
    let findings = jsonl.lines().count() - 1;
    assert!(findings >= 2, "{jsonl}");
    assert_eq!(out.lines().count(), findings, "{out}");
    let prefix = if cfg!(unix) {
        "story\\u{1b}[2J\\nfake.txt:1:1: note[x]: all clear.txt:"
    } else {
        "story.txt:"
    };
    assert!(out.lines().all(|line| line.starts_with(prefix)), "{out}");
}

#[test]
fn github_annotations_show_control_characters_escaped() {
    let dir = scratch();
    let (out, _) = run(dir.path(), &["--format", "github", "."]);
    assert_inert(&out, false);
    assert!(out.lines().all(|line| line.starts_with("::")), "{out}");
}

#[test]
fn config_errors_show_control_characters_escaped() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("wirelint.toml"),
        "[rules]\n\"bad\u{1b}[2Jrule\" = \"off\"\n",
    )
    .unwrap();
    let (out, err) = run(dir.path(), &["--color", "never", "."]);
    assert_inert(&out, false);
    assert_inert(&err, false);
    assert!(err.contains("bad\\u{1b}[2Jrule"), "{err}");
}
