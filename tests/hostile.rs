//! Hostile input: whatever a scraper hands over, wirelint gives a clear message or correct
//! output, never panics, and still lints the other files.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn wirelint(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wirelint"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("wirelint runs")
}

/// Run on `dir` with `--format short` and check that nothing panicked; returns status and stdout.
fn lint_dir(dir: &Path) -> (Option<i32>, String) {
    let output = wirelint(&["--format", "short", "."], dir);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "wirelint panicked: {stderr}");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

const GOOD: &str = "date 2026-03-04 1\nHeadline\nA clean paragraph.\n";

/// Each hostile file sits beside a file with a known defect, which must still be reported.
fn with_witness(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("witness.txt"),
        " date 2026-03-04 2\nHeadline\nBody.\n",
    )
    .unwrap();
    for (name, bytes) in files {
        fs::write(dir.path().join(name), bytes).unwrap();
    }
    dir
}

fn assert_witness_reported(stdout: &str) {
    assert!(
        stdout.contains("witness.txt:1:1: error[malformed-header]"),
        "the other file was not linted:\n{stdout}"
    );
}

#[test]
fn undecodable_and_empty_files_get_a_clear_error_each() {
    let dir = with_witness(&[
        ("empty.txt", b""),
        ("nul.txt", b"date 2026-03-04 3\nHead\0line\n"),
        (
            "latin1.txt",
            b"date 2026-03-04 4\nHeadline\nCosts \xa3300.\n",
        ),
    ]);
    let (status, stdout) = lint_dir(dir.path());
    assert_eq!(status, Some(1));
    assert!(
        stdout.contains(
            "empty.txt:1:1: error[read-error]: could not read `empty.txt`: the file is empty"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "nul.txt:2:5: error[read-error]: could not read `nul.txt`: the file looks binary"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("latin1.txt:3:7: error[read-error]: could not read `latin1.txt`: the file is not valid UTF-8: invalid byte 0xA3"), "{stdout}");
    assert_witness_reported(&stdout);
}

#[test]
fn degenerate_articles_lint_cleanly() {
    let dir = with_witness(&[
        ("only-header.txt", b"date 2026-03-04 5\n"),
        ("only-space.txt", b"   \n\t\n  \n"),
        ("bom.txt", b"\xEF\xBB\xBFdate 2026-03-04 6\nHeadline\nBody text.\n"),
        ("mixed-eol.txt", b"date 2026-03-04 7\r\nHeadline\nOne paragraph.\r\nAnother paragraph.\n"),
        ("rtl.txt", "date 2026-03-04 8\nعنوان الخبر\nقال المتحدث إن المحادثات ستستمر. Cafe\u{301} «entre guillemets».\n".as_bytes()),
        ("emoji.txt", "date 2026-03-04 9\nHeadline\n“We are 🎉 thrilled 👍🏽,” said coach Maria Lopez.\n".as_bytes()),
        ("quotes-everywhere.txt", b"date 2026-03-04 10\nHeadline\n\"\"\" \xe2\x80\x9c \xe2\x80\x9d \xe2\x80\x9c ' ' \" \xe2\x80\x98\n\xe2\x80\x9d\"\xe2\x80\x9c\"\n"),
    ]);
    let (status, stdout) = lint_dir(dir.path());
    assert_eq!(status, Some(1));
    assert_witness_reported(&stdout);
    for clean in [
        "only-header.txt",
        "bom.txt",
        "mixed-eol.txt",
        "rtl.txt",
        "emoji.txt",
    ] {
        assert!(
            !stdout.contains(&format!("{clean}:")),
            "{clean} should be clean:\n{stdout}"
        );
    }
    assert!(!stdout.contains("only-space.txt"), "{stdout}");
}

#[test]
fn a_ten_megabyte_line_and_fifty_thousand_paragraphs_are_linted() {
    let mut line = String::from("date 2026-03-04 11\nHeadline\n");
    while line.len() < 10_000_000 {
        line.push_str("The council met again on Tuesday and voted 7 to 2 for the plan. ");
    }
    line.push('\n');
    let mut paragraphs = String::from("date 2026-03-04 12\nHeadline\n");
    for i in 0..50_000 {
        paragraphs.push_str(&format!(
            "Paragraph {i} reports that {} people attended the meeting on day {i}.\n",
            i % 97 + 3
        ));
    }
    let dir = with_witness(&[
        ("long-line.txt", line.as_bytes()),
        ("many.txt", paragraphs.as_bytes()),
    ]);
    let (status, stdout) = lint_dir(dir.path());
    assert!(matches!(status, Some(0 | 1)), "{status:?}");
    assert_witness_reported(&stdout);
    assert!(!stdout.contains("read-error"), "{stdout}");
}

#[test]
fn files_over_the_size_limit_are_refused_by_name() {
    let dir = with_witness(&[("big.txt", &vec![b'a'; 10 * 1024 * 1024 + 1])]);
    let (status, stdout) = lint_dir(dir.path());
    assert_eq!(status, Some(1));
    assert!(stdout.contains("big.txt:1:1: error[read-error]: could not read `big.txt`: the file is 10485761 bytes, over the limit of 10485760 bytes"), "{stdout}");
    assert_witness_reported(&stdout);
}

#[cfg(unix)]
#[test]
fn deep_trees_symlink_loops_and_dangling_links_are_reported_not_fatal() {
    let dir = with_witness(&[]);
    let mut deep = dir.path().to_path_buf();
    for level in 0..60 {
        deep.push(format!("d{level}"));
    }
    fs::create_dir_all(&deep).unwrap();
    fs::write(
        deep.join("deep.txt"),
        " date 2026-03-04 13\nHeadline\nBody.\n",
    )
    .unwrap();
    fs::create_dir(dir.path().join("loop")).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("loop/back")).unwrap();
    std::os::unix::fs::symlink("nowhere.txt", dir.path().join("dangling.txt")).unwrap();
    let (status, stdout) = lint_dir(dir.path());
    assert_eq!(status, Some(1));
    assert!(
        stdout.contains("d59/deep.txt:1:1: error[malformed-header]"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "loop/back:1:1: error[read-error]: could not read `loop/back`: symbolic link loop"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("dangling.txt:1:1: error[read-error]"),
        "{stdout}"
    );
    assert_witness_reported(&stdout);
}

/// A directory without read permission. Root reads it anyway, so under root the run drops to
/// `nobody` with setpriv.
#[cfg(unix)]
#[test]
fn a_directory_without_read_permission_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = with_witness(&[]);
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    fs::set_permissions(
        dir.path().join("witness.txt"),
        fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    let locked = dir.path().join("locked");
    fs::create_dir(&locked).unwrap();
    fs::write(locked.join("inside.txt"), GOOD).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();

    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    let binary = env!("CARGO_BIN_EXE_wirelint");
    let output = if is_root {
        Command::new("setpriv")
            .args([
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                binary,
                "--format",
                "short",
                ".",
            ])
            .current_dir(dir.path())
            .output()
    } else {
        Command::new(binary)
            .args(["--format", "short", "."])
            .current_dir(dir.path())
            .output()
    };
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
    let Ok(output) = output else {
        eprintln!("skipped: cannot run as an unprivileged user here");
        return;
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    if is_root && stdout.is_empty() && !output.status.success() {
        // `nobody` cannot reach the binary or the temporary directory on this machine.
        eprintln!("skipped: {}", String::from_utf8_lossy(&output.stderr));
        return;
    }
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout
            .contains("locked:1:1: error[read-error]: could not read `locked`: permission denied"),
        "{stdout}"
    );
    assert_witness_reported(&stdout);
}

#[test]
fn a_file_deleted_during_the_run_is_an_error_or_linted_never_a_crash() {
    let dir = with_witness(&[]);
    for i in 0..3000 {
        fs::write(dir.path().join(format!("f{i:04}.txt")), GOOD).unwrap();
    }
    let child = Command::new(env!("CARGO_BIN_EXE_wirelint"))
        .args(["--format", "short", "."])
        .current_dir(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    for i in (0..3000).rev().step_by(7) {
        let _ = fs::remove_file(dir.path().join(format!("f{i:04}.txt")));
    }
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!String::from_utf8_lossy(&output.stderr).contains("panicked"));
    assert_eq!(output.status.code(), Some(1));
    assert_witness_reported(&stdout);
    for line in stdout.lines().filter(|l| !l.starts_with("witness.txt")) {
        assert!(
            line.contains("error[read-error]: could not read") && line.contains("no such file"),
            "{line}"
        );
    }
}
