//! `--fix` never loses text: on a read-only file or a full disk it reports an error, exits 2
//! and leaves the original byte for byte.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output};

const STORY: &str =
    " date 2026-03-04 1194\nCouncil Approves Budget\nThe council approved the budget.\n";

fn fix(path: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wirelint"))
        .args(["--fix", "--format", "short"])
        .arg(path)
        .output()
        .expect("wirelint runs")
}

#[test]
fn fix_on_a_read_only_file_reports_and_keeps_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.txt");
    fs::write(&path, STORY).unwrap();
    let mut permissions = fs::metadata(&path).unwrap().permissions();
    permissions.set_readonly(true);
    fs::set_permissions(&path, permissions).unwrap();

    let output = fix(&path);
    assert_eq!(output.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("error[write-error]: could not write the fixes to"),
        "{stdout}"
    );
    assert!(stdout.contains("the file is read-only"), "{stdout}");
    assert!(
        stdout.contains("error[malformed-header]"),
        "the findings on the unchanged file are shown: {stdout}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), STORY);
}

/// Mounts a tiny tmpfs and fills it, so that the temporary file cannot be written. Needs root
/// (CI runs as root); elsewhere the injected-failure unit test in `src/fix.rs` covers the path.
#[test]
fn fix_on_a_full_disk_reports_and_keeps_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(dir.path())
        .output()
        .is_ok_and(|o| o.status.success());
    if !mounted {
        eprintln!("skipped: cannot mount a tmpfs here (not root)");
        return;
    }
    let path = dir.path().join("story.txt");
    fs::write(&path, STORY).unwrap();
    let mut filler = fs::File::create(dir.path().join("filler")).unwrap();
    while filler.write_all(&[b'x'; 4096]).is_ok() {}
    let _ = filler.sync_all();

    let output = fix(&path);
    let text = fs::read_to_string(&path).unwrap();
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    let _ = Command::new("umount").arg(dir.path()).status();

    assert_eq!(output.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("error[write-error]"), "{stdout}");
    assert_eq!(text, STORY);
    assert_eq!(
        leftovers.len(),
        2,
        "a temporary file was left behind: {leftovers:?}"
    );
}
