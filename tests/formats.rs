//! Article formats end to end: the example articles in every format are linted with labels on
//! the right line and column of the original file, `--fix` leaves each file parsing as its
//! format with exactly the repeated paragraph gone, and a file with nothing to fix is not
//! touched.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const EXAMPLES: &str = "examples/formats";

fn wirelint() -> Command {
    Command::new(env!("CARGO_BIN_EXE_wirelint"))
}

/// The example files, copied into a fresh directory.
fn copy_examples() -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut files = Vec::new();
    for entry in fs::read_dir(EXAMPLES).expect("examples/formats").flatten() {
        let target = dir.path().join(entry.file_name());
        fs::copy(entry.path(), &target).expect("copy");
        files.push(target);
    }
    files.sort();
    (dir, files)
}

/// Whether `text` parses as the format its name says, by a parser other than wirelint's.
fn parses(path: &Path, text: &str) -> bool {
    let name = path.to_string_lossy();
    if name.ends_with(".json") {
        serde_json::from_str::<serde_json::Value>(text).is_ok()
    } else if name.ends_with(".xml") {
        roxmltree::Document::parse(text).is_ok()
    } else {
        // Markdown always parses; its front matter must stay valid YAML.
        let front = text
            .strip_prefix("---\n")
            .and_then(|rest| rest.split_once("\n---\n"))
            .map(|(front, _)| front);
        front.is_some_and(|front| {
            saphyr_parser::Parser::new_from_str(front).all(|event| event.is_ok())
        })
    }
}

#[test]
fn diagnostics_point_into_the_original_file() {
    let output = wirelint()
        .args(["--format", "json", EXAMPLES])
        .output()
        .expect("runs");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics");
    let repeats: Vec<&serde_json::Value> = diagnostics
        .iter()
        .filter(|d| d["rule"] == "duplicate-paragraph")
        .collect();
    assert_eq!(repeats.len(), 4, "one repeated paragraph in each example");
    for diagnostic in repeats {
        let path = diagnostic["path"].as_str().expect("path");
        let text = fs::read_to_string(path).expect("readable");
        for label in diagnostic["labels"].as_array().expect("labels") {
            let start = label["span"]["start"].as_u64().expect("start") as usize;
            let end = label["span"]["end"].as_u64().expect("end") as usize;
            let labelled = &text[start..end];
            // The label covers the paragraph's words as the file writes them, not markup.
            assert!(
                !labelled.starts_with('<') && !labelled.ends_with('>'),
                "{path}: {labelled}"
            );
            let line = text[..start].matches('\n').count() + 1;
            assert_eq!(label["line"].as_u64(), Some(line as u64), "{path}");
            let column = text[..start]
                .rsplit('\n')
                .next()
                .map_or(0, |l| l.chars().count())
                + 1;
            assert_eq!(label["column"].as_u64(), Some(column as u64), "{path}");
        }
    }
}

#[test]
fn fixing_every_format_keeps_it_parsing_and_only_removes_the_repeat() {
    let (dir, files) = copy_examples();
    let before: Vec<String> = files
        .iter()
        .map(|f| fs::read_to_string(f).expect("read"))
        .collect();
    let status = wirelint()
        .args(["--fix", "--format", "short"])
        .arg(dir.path())
        .output()
        .expect("runs")
        .status;
    assert_eq!(status.code(), Some(1), "errors other than repeats remain");
    for (path, before) in files.iter().zip(&before) {
        let after = fs::read_to_string(path).expect("read");
        assert!(
            parses(path, &after),
            "{} no longer parses:\n{after}",
            path.display()
        );
        assert!(
            after.len() < before.len(),
            "{}: nothing removed",
            path.display()
        );
        // Only deletions, and only of what the file repeats: every removed line or run of
        // characters is still present in the fixed file.
        let diff = similar::TextDiff::from_chars(before.as_str(), after.as_str());
        for change in diff.iter_all_changes() {
            assert_ne!(
                change.tag(),
                similar::ChangeTag::Insert,
                "{}: the fix inserted text",
                path.display()
            );
        }
        let removed: String = diff
            .iter_all_changes()
            .filter(|c| c.tag() == similar::ChangeTag::Delete)
            .map(|c| c.value())
            .collect();
        let words: String = removed
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 3)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(!words.is_empty(), "{}", path.display());
        for word in words.split(' ') {
            assert!(
                after.contains(word),
                "{}: `{word}` was lost",
                path.display()
            );
        }
    }
    // A second run finds nothing more to fix.
    let again = wirelint()
        .args(["--diff"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert!(
        again.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&again.stdout)
    );
}

#[test]
fn a_file_with_nothing_to_fix_is_left_byte_for_byte() {
    let (dir, files) = copy_examples();
    let status = wirelint()
        .args(["--fix", "--format", "short"])
        .arg(dir.path())
        .output()
        .expect("runs")
        .status;
    assert!(status.code().is_some());
    let fixed: Vec<(PathBuf, Vec<u8>, std::time::SystemTime)> = files
        .iter()
        .map(|f| {
            let meta = fs::metadata(f).expect("meta");
            (
                f.clone(),
                fs::read(f).expect("read"),
                meta.modified().expect("mtime"),
            )
        })
        .collect();
    let second = wirelint()
        .args(["--fix", "--format", "short"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert!(!String::from_utf8_lossy(&second.stdout).contains("fixed"));
    for (path, bytes, modified) in fixed {
        assert_eq!(fs::read(&path).expect("read"), bytes, "{}", path.display());
        let now = fs::metadata(&path)
            .expect("meta")
            .modified()
            .expect("mtime");
        assert_eq!(now, modified, "{} was rewritten", path.display());
    }
}

#[test]
fn a_json_file_that_is_not_a_news_item_is_skipped_in_a_walk_and_refused_by_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("package.json"), "{\"name\": \"site\"}\n").expect("write");
    fs::write(
        dir.path().join("story.md"),
        "---\ntitle: Talks\ndate: 2026-02-02\n---\nTalks resumed, officials said.\n",
    )
    .expect("write");
    let walked = wirelint().arg(dir.path()).output().expect("runs");
    assert_eq!(walked.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&walked.stdout);
    assert!(
        stdout.contains("no problems in 1 file; 1 file skipped (not a news article)"),
        "{stdout}"
    );
    let named = wirelint()
        .arg(dir.path().join("package.json"))
        .output()
        .expect("runs");
    // The only input could not be read as an article: wirelint could not do its job.
    assert_eq!(named.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&named.stdout);
    assert!(
        stdout
            .contains("as an article: it is a JSON file without the members of a ninjs news item"),
        "{stdout}"
    );
}

#[test]
fn a_file_that_does_not_parse_is_an_error_at_the_place() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("broken.nitf.xml");
    fs::write(&path, "<nitf>\n  <body>\n    <p>open\n  </body>\n</nitf>\n").expect("write");
    let output = wirelint()
        .args(["--format", "short"])
        .arg(&path)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("broken.nitf.xml:4:"), "{stdout}");
    assert!(
        stdout.contains("could not read") && stdout.contains("as NITF: not well-formed XML"),
        "{stdout}"
    );
}

#[test]
fn a_legacy_feed_is_read_and_fixed_in_its_own_encoding() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Windows-1252: the pound sign is the byte A3, the right quote mark 94.
    let mut feed = b"\x01a0123 r f BC-Fares 03-02 0120\r\n\x02^Ferry fares rise<\r\n".to_vec();
    feed.extend_from_slice(
        b"\tPORT ELLIS (Wire) _ Fares rise to \xA312 on Monday, the ferry operator said.\r\n",
    );
    feed.extend_from_slice(
        b"\tThe operator said fuel costs had doubled since last spring, it said.\r\n",
    );
    feed.extend_from_slice(
        b"\tThe operator said fuel costs had doubled since last spring, it said.\r\n\x03\x04",
    );
    let path = dir.path().join("fares.anpa");
    fs::write(&path, &feed).expect("write");
    // Read as UTF-8, it is refused by name.
    let refused = wirelint().arg(&path).output().expect("runs");
    assert!(String::from_utf8_lossy(&refused.stdout).contains("not valid UTF-8"));
    fs::write(
        dir.path().join("wirelint.toml"),
        "encoding = \"windows-1252\"\n",
    )
    .expect("config");
    let fixed = wirelint()
        .args(["--fix", "--format", "short"])
        .arg(&path)
        .current_dir(dir.path())
        .output()
        .expect("runs");
    assert_eq!(
        fixed.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&fixed.stdout)
    );
    let after = fs::read(&path).expect("read");
    let mut expected = feed.clone();
    let repeat = b"\tThe operator said fuel costs had doubled since last spring, it said.\r\n";
    let at = expected
        .windows(repeat.len())
        .rposition(|w| w == repeat)
        .expect("the repeat");
    expected.drain(at..at + repeat.len());
    assert_eq!(
        after, expected,
        "the fix keeps every other byte, the pound sign's A3 too"
    );
}
