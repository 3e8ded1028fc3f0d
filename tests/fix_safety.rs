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

fn run(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wirelint"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("wirelint runs")
}

const FIXED: &str =
    "date 2026-03-04 1194\nCouncil Approves Budget\nThe council approved the budget.\n";

/// Issue 10, finding 3: the link stays a link, and the file it points to is fixed.
#[cfg(unix)]
#[test]
fn fix_writes_through_a_symlink_to_its_target() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("real")).unwrap();
    fs::write(dir.path().join("real/story.txt"), STORY).unwrap();
    std::os::unix::fs::symlink("real/story.txt", dir.path().join("link.txt")).unwrap();

    let output = run(&["--fix", "--format", "short", "link.txt"], dir.path());
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let link = fs::symlink_metadata(dir.path().join("link.txt")).unwrap();
    assert!(link.file_type().is_symlink(), "the link was replaced");
    assert_eq!(
        fs::read_to_string(dir.path().join("real/story.txt")).unwrap(),
        FIXED
    );
    let names: Vec<_> = fs::read_dir(dir.path().join("real"))
        .unwrap()
        .flatten()
        .collect();
    assert_eq!(
        names.len(),
        1,
        "a temporary file was left beside the target"
    );
}

/// Issue 10, finding 3: a file with other names is refused, not split from them.
#[cfg(unix)]
#[test]
fn fix_refuses_a_file_with_hard_links_and_keeps_them() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.txt");
    fs::write(&path, STORY).unwrap();
    fs::hard_link(&path, dir.path().join("other-name.txt")).unwrap();

    let output = run(&["--fix", "--format", "short", "story.txt"], dir.path());
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("error[write-error]: could not write the fixes to `story.txt`: the file has 2 hard links, and writing a new file would split them"),
        "{stdout}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), STORY);
    let other = dir.path().join("other-name.txt");
    assert_eq!(
        fs::metadata(&path).unwrap().ino(),
        fs::metadata(&other).unwrap().ino()
    );
}

/// Issue 10, finding 2: a symbolic link in a tree never leads `--fix` outside it. By default
/// the walk does not follow it; with `--follow-links` the file is linted but not written.
#[cfg(unix)]
#[test]
fn fix_never_writes_outside_the_tree_through_a_symlink() {
    let dir = tempfile::tempdir().unwrap();
    let outside = dir.path().join("outside");
    fs::create_dir(&outside).unwrap();
    fs::write(outside.join("system.txt"), STORY).unwrap();
    let tree = dir.path().join("articles");
    fs::create_dir(&tree).unwrap();
    fs::write(tree.join("own.txt"), STORY).unwrap();
    std::os::unix::fs::symlink(&outside, tree.join("x")).unwrap();

    let output = run(&["--fix", "--format", "short", "articles"], dir.path());
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(fs::read_to_string(tree.join("own.txt")).unwrap(), FIXED);
    assert_eq!(
        fs::read_to_string(outside.join("system.txt")).unwrap(),
        STORY
    );
    let diff = run(&["--diff", "articles"], dir.path());
    assert!(String::from_utf8_lossy(&diff.stdout).is_empty(), "{diff:?}");

    let output = run(
        &["--fix", "--follow-links", "--format", "short", "articles"],
        dir.path(),
    );
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("articles/x/system.txt:1:1: error[write-error]: could not write the fixes to `articles/x/system.txt`: its real path is outside the paths given on the command line"),
        "{stdout}"
    );
    assert_eq!(
        fs::read_to_string(outside.join("system.txt")).unwrap(),
        STORY
    );
}

/// Issue 10, finding 4: lines appended while `--fix` runs are never lost in silence: the fix
/// is refused ("changed while fixing", exit 2) and every line is kept, or it landed first and
/// the lines were appended to the fixed file.
#[test]
fn lines_appended_while_fixing_are_not_lost() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.txt");
    let mut text = String::from(" date 2026-03-04 1194\nCouncil Approves Budget\n");
    for i in 0..5_000 {
        text.push_str(&format!(
            "Paragraph {i} says the council met on a Tuesday.\n"
        ));
    }
    for trial in 0..3 {
        fs::write(&path, &text).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_wirelint"))
            .args(["--fix", "--format", "short"])
            .arg(&path)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Append until the run ends (and a little after, to reach the rename).
        let mut appended = Vec::new();
        let mut after = 0;
        while after < 20 && appended.len() < 20_000 {
            if child.try_wait().unwrap().is_some() {
                after += 1;
            }
            let mut file = fs::OpenOptions::new().append(true).open(&path).unwrap();
            let added = format!("Added line {trial}-{}.\n", appended.len());
            file.write_all(added.as_bytes()).unwrap();
            appended.push(added);
            std::thread::sleep(std::time::Duration::from_micros(100));
        }
        let output = child.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let now = fs::read_to_string(&path).unwrap();
        let kept: std::collections::HashSet<&str> = now.split_inclusive('\n').collect();
        let lost = appended
            .iter()
            .filter(|line| !kept.contains(line.as_str()))
            .count();
        if lost > 0 {
            assert!(
                stdout.contains("changed while its fixes were written"),
                "{lost} appended lines lost in silence (exit {:?}): {stdout}",
                output.status.code()
            );
        }
        if output.status.code() == Some(2) {
            assert!(stdout.contains("changed while"), "{stdout}");
        }
    }
}

/// Issue 10, finding 5: as root, fixing another user's set-user-ID file keeps its owner and
/// mode; a user who cannot keep the owner leaves no set-ID bit. Needs root (CI runs as root).
#[cfg(unix)]
#[test]
fn fix_keeps_owner_group_and_mode_and_never_hands_over_a_set_id_bit() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.txt");
    fs::write(&path, STORY).unwrap();
    if std::os::unix::fs::chown(&path, Some(65534), Some(65534)).is_err() {
        eprintln!("skipped: not root");
        return;
    }
    fs::set_permissions(&path, fs::Permissions::from_mode(0o4754)).unwrap();
    let output = fix(&path);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let metadata = fs::metadata(&path).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), FIXED);
    assert_eq!((metadata.uid(), metadata.gid()), (65534, 65534));
    assert_eq!(metadata.mode() & 0o7777, 0o4754);

    // `nobody` may write a root-owned set-ID file in a directory open to all, but cannot keep
    // its owner: the fixed file is nobody's, without the set-ID bits.
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o777)).unwrap();
    fs::write(&path, STORY).unwrap();
    std::os::unix::fs::chown(&path, Some(0), Some(0)).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o6777)).unwrap();
    let output = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(env!("CARGO_BIN_EXE_wirelint"))
        .args(["--fix", "--format", "short"])
        .arg(&path)
        .output();
    let Some(output) = output.ok().filter(|o| o.status.code() != Some(127)) else {
        eprintln!("skipped: cannot run as nobody here");
        return;
    };
    if String::from_utf8_lossy(&output.stderr).contains("Permission denied") {
        eprintln!("skipped: nobody cannot reach the binary here");
        return;
    }
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let metadata = fs::metadata(&path).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), FIXED);
    assert_eq!(metadata.uid(), 65534);
    assert_eq!(metadata.mode() & 0o7777, 0o0777, "a set-ID bit was left");
}

/// Issue 10, finding 5: killing `--fix` at any moment leaves every file whole, and no temporary
/// file stays: the new text is an unnamed file until the instant before its rename, and one
/// left by a kill in that instant is removed by the next run.
#[cfg(unix)]
#[test]
fn a_killed_fix_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let fix_all = || {
        Command::new(env!("CARGO_BIN_EXE_wirelint"))
            .args(["--fix", "--format", "short", "."])
            .current_dir(dir.path())
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    for round in 0..12u64 {
        for i in 0..400 {
            fs::write(dir.path().join(format!("f{i:03}.txt")), STORY).unwrap();
        }
        let mut child = fix_all();
        std::thread::sleep(std::time::Duration::from_millis(5 + round * 7));
        let _ = child.kill();
        let _ = child.wait();
        for entry in fs::read_dir(dir.path()).unwrap().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.starts_with(".wirelint-") {
                let text = fs::read_to_string(entry.path()).unwrap();
                assert!(text == STORY || text == FIXED, "{name}: {text:?}");
            }
        }
    }
    fix_all().wait().unwrap();
    let left: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".wirelint-"))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}
