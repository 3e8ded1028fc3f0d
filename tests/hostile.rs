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
    // Blank-only input is empty input.
    assert!(
        stdout.contains("only-space.txt:1:1: error[read-error]: could not read `only-space.txt`: the file is empty"),
        "{stdout}"
    );
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
    // By default a walk does not follow links: they are skipped, not errors.
    let (status, stdout) = lint_dir(dir.path());
    assert_eq!(status, Some(1));
    assert!(
        stdout.contains("d59/deep.txt:1:1: error[malformed-header]"),
        "{stdout}"
    );
    assert!(!stdout.contains("loop/back"), "{stdout}");
    assert!(!stdout.contains("dangling.txt"), "{stdout}");
    assert_witness_reported(&stdout);

    let output = wirelint(&["--follow-links", "--format", "short", "."], dir.path());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1));
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

/// Wait for `child` at most `seconds`, reading its output meanwhile; a run still going then is
/// killed and the test fails. The limit is generous: it guards against a hang or a quadratic
/// blow-up, it times nothing.
fn wait_at_most(mut child: std::process::Child, seconds: u64) -> Output {
    use std::io::Read;
    fn drain(stream: Option<impl Read + Send + 'static>) -> std::thread::JoinHandle<Vec<u8>> {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut stream) = stream {
                let _ = stream.read_to_end(&mut bytes);
            }
            bytes
        })
    }
    let (stdout, stderr) = (drain(child.stdout.take()), drain(child.stderr.take()));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("wirelint still ran after {seconds} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    Output {
        status,
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    }
}

/// Issue 10, finding 6: standard input is read only up to the limit; an endless pipe is
/// refused, not read until memory runs out.
#[test]
fn standard_input_stops_at_the_size_limit() {
    use std::io::Write;
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("wirelint.toml"), "max-file-size = 100000\n").unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_wirelint"))
        .args(["--format", "short", "-"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let line = [b'a'; 4096];
        // Endless, until wirelint stops reading (or 1 GB, so that the test itself ends).
        for _ in 0..250_000 {
            if stdin.write_all(&line).is_err() {
                return;
            }
        }
    });
    let output = wait_at_most(child, 120);
    let _ = writer.join();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(2), "{stdout}");
    assert!(
        stdout.contains("error[read-error]: could not read `<stdin>`: the input is over the limit of 100000 bytes"),
        "{stdout}"
    );
}

/// Issue 10, finding 6: the largest limit does not overflow (every file was "empty"), and a
/// 100 GB sparse file under it is refused alone, without allocating its size or aborting the
/// run.
#[cfg(unix)]
#[test]
fn the_largest_size_limit_does_not_overflow_and_a_huge_file_fails_alone() {
    let dir = with_witness(&[]);
    fs::write(
        dir.path().join("wirelint.toml"),
        "max-file-size = 18446744073709551615\n",
    )
    .unwrap();
    let sparse = fs::File::create(dir.path().join("sparse.txt")).unwrap();
    if sparse.set_len(100 << 30).is_err() {
        eprintln!("skipped: no sparse files here");
        return;
    }
    let (status, stdout) = lint_dir(dir.path());
    assert_eq!(status, Some(1), "{stdout}");
    assert_witness_reported(&stdout);
    assert!(
        stdout.contains("sparse.txt:1:1: error[read-error]: could not read `sparse.txt`: the file looks binary: a NUL byte at line 1, column 1"),
        "{stdout}"
    );
}

/// Issue 10, finding 1 (the suppression scanner): 160,000 suppression comments in a row took
/// minutes (each looked ahead over all the others); they must lint in linear time.
#[test]
fn many_suppression_comments_lint_in_linear_time() {
    let mut text = String::from("date 2026-03-04 1\nHeadline\n");
    for _ in 0..160_000 {
        text.push_str("<!-- wirelint-disable-next-line malformed-header -->\n");
    }
    text.push_str("Body.\n");
    let dir = with_witness(&[("suppressions.txt", text.as_bytes())]);
    let child = Command::new(env!("CARGO_BIN_EXE_wirelint"))
        .args(["--format", "short", "."])
        .current_dir(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let output = wait_at_most(child, 120);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_witness_reported(&stdout);
    assert_eq!(
        stdout.matches("suppressions.txt").count(),
        160_000,
        "one unused-suppression warning each"
    );
}

/// A config file `dir/wirelint.toml` that turns the header rule off.
fn plant_config(dir: &Path) {
    fs::create_dir_all(dir).unwrap();
    fs::write(
        dir.join("wirelint.toml"),
        "[rules]\nmalformed-header = \"off\"\n",
    )
    .unwrap();
}

/// Issue 10, finding 8: a config above the repository root (a checkout's parent) is never
/// taken; `--isolated` ignores the repository's own; `--verbose` names the one in use.
#[test]
fn config_discovery_stops_at_the_repository_root() {
    let dir = tempfile::tempdir().unwrap();
    plant_config(dir.path());
    let repo = dir.path().join("checkout");
    fs::create_dir_all(repo.join(".git")).unwrap();
    fs::create_dir_all(repo.join("articles")).unwrap();
    fs::write(
        repo.join("articles/story.txt"),
        " date 2026-03-04 2\nHeadline\nBody.\n",
    )
    .unwrap();

    let output = wirelint(&["--format", "short", "--verbose", "articles"], &repo);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("articles/story.txt:1:1: error[malformed-header]"),
        "the config above the repository was used: {stdout}"
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "wirelint: using the built-in defaults (no `wirelint.toml` found)\n"
    );

    plant_config(&repo);
    let output = wirelint(&["--format", "short", "--verbose", "articles"], &repo);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("wirelint: using config `")
            && stderr.contains("checkout/wirelint.toml`"),
        "{stderr}"
    );

    let output = wirelint(&["--format", "short", "--isolated", "articles"], &repo);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
}

/// Issue 10, finding 8: outside a repository, a config in a directory anyone may write to (as
/// `/tmp`) is never taken.
#[cfg(unix)]
#[test]
fn a_config_in_a_shared_writable_directory_is_not_taken() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("shared");
    plant_config(&shared);
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o1777)).unwrap();
    let own = shared.join("mine");
    fs::create_dir(&own).unwrap();
    fs::set_permissions(&own, fs::Permissions::from_mode(0o755)).unwrap();
    fs::write(
        own.join("story.txt"),
        " date 2026-03-04 2\nHeadline\nBody.\n",
    )
    .unwrap();
    let output = wirelint(&["--format", "short", "story.txt"], &own);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
}
