//! Applying fixes to a text, and writing a fixed file without ever losing its text.

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::source::Stamp;
use std::fs;
use std::io::{self, Write};
use std::path::Path;
use thiserror::Error;

/// Apply the fixes of `diagnostics` to `text`: fixes are taken in order of position, and a fix
/// that overlaps one already taken is left for a later pass. Returns the new text and the
/// fixes applied.
pub fn apply_fixes<'d>(text: &str, diagnostics: &'d [Diagnostic]) -> (String, Vec<&'d Fix>) {
    let mut fixes: Vec<&Fix> = diagnostics.iter().filter_map(|d| d.fix.as_ref()).collect();
    fixes.sort_by_key(|fix| (fix.extent().start, fix.extent().end));
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut applied = Vec::new();
    for fix in fixes {
        let extent = fix.extent();
        let valid = extent.end <= text.len()
            && fix
                .edits
                .windows(2)
                .all(|pair| pair[0].span.end <= pair[1].span.start)
            && fix
                .edits
                .iter()
                .all(|e| text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
        if !valid || extent.start < copied {
            continue;
        }
        for edit in &fix.edits {
            out.push_str(&text[copied..edit.span.start]);
            out.push_str(&edit.replacement);
            copied = edit.span.end;
        }
        applied.push(fix);
    }
    out.push_str(&text[copied..]);
    (out, applied)
}

/// Apply `edits` (in ascending order, not overlapping) to `text`: the new text, or `None` when
/// an edit is out of order or off a character boundary.
pub fn apply_edits(text: &str, edits: &[Edit]) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for edit in edits {
        let span = edit.span;
        if span.start < copied
            || span.end > text.len()
            || !text.is_char_boundary(span.start)
            || !text.is_char_boundary(span.end)
        {
            return None;
        }
        out.push_str(&text[copied..span.start]);
        out.push_str(&edit.replacement);
        copied = span.end;
    }
    out.push_str(&text[copied..]);
    Some(out)
}

/// Why a fixed file could not be written. The original is intact in every case.
#[derive(Debug, Error)]
pub enum WriteError {
    /// The file is marked read-only.
    #[error("the file is read-only")]
    ReadOnly,
    /// The file has other names (hard links), which a new file would leave with the old text.
    #[error("the file has {0} hard links, and writing a new file would split them")]
    HardLinks(u64),
    /// The file's real path is outside the paths given on the command line (it was reached
    /// through a symbolic link).
    #[error("its real path is outside the paths given on the command line")]
    Outside,
    /// The file on disk is no longer what was read and fixed.
    #[error("the file changed while fixing")]
    Changed,
    /// The file was written to in the instant between the last check and the rename: the
    /// fixed text is in place, and what was written in that instant is lost.
    #[error("the fixed text replaced it, and what was written to it in that instant is lost")]
    ChangedDuringRename,
    /// Creating, writing or renaming the temporary file failed.
    #[error("{}", crate::source::io_message(.0))]
    Io(#[from] io::Error),
}

/// Replace the contents of `path` with `contents` atomically. A symbolic link is written
/// through: the file it points to is replaced, the link stays. The new file is written beside
/// the one it replaces (on Linux as an unnamed `O_TMPFILE`, so that a kill leaves nothing
/// behind), given its owner, group and mode, flushed to disk, then renamed over it. A file with
/// other hard links is refused rather than split from them. On any failure the original is
/// untouched and no temporary file is left.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), WriteError> {
    write_atomic_with(path, None, &|file| file.write_all(contents))
}

/// [`write_atomic`], refused with [`WriteError::Changed`] when the file is no longer what
/// `stamp` says it was when it was read (its size, modification time or content differ). The
/// check is made just before the rename, so that lines added to the file while it was being
/// fixed are never lost.
pub fn write_checked(path: &Path, contents: &[u8], stamp: &Stamp) -> Result<(), WriteError> {
    write_atomic_with(path, Some(stamp), &|file| file.write_all(contents))
}

/// [`write_checked`] with the writing step given as a function (tests inject failures here).
pub fn write_atomic_with(
    path: &Path,
    stamp: Option<&Stamp>,
    write: &dyn Fn(&mut fs::File) -> io::Result<()>,
) -> Result<(), WriteError> {
    let target = fs::canonicalize(path)?;
    let metadata = fs::metadata(&target)?;
    if metadata.permissions().readonly() {
        return Err(WriteError::ReadOnly);
    }
    let links = hard_links(&metadata);
    if links > 1 {
        return Err(WriteError::HardLinks(links));
    }
    // Someone else's file that we could not write in place is not ours to replace.
    drop(fs::OpenOptions::new().write(true).open(&target)?);
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut temp = Temp::create(dir)?;
    write(temp.file())?;
    keep_owner_and_mode(temp.file(), &metadata)?;
    temp.file().sync_all()?;
    let checked = match stamp {
        Some(stamp) => match stamp.check(&target)? {
            Some(file) => Some((stamp, file)),
            None => return Err(WriteError::Changed),
        },
        None => None,
    };
    temp.replace(dir, &target)?;
    // A write that landed in the instant between the check and the rename went to the
    // replaced file: never lost in silence.
    if let Some((stamp, replaced)) = checked
        && !stamp.describes(&replaced)?
    {
        return Err(WriteError::ChangedDuringRename);
    }
    Ok(())
}

/// How many names the file has (1 where the platform does not say).
fn hard_links(metadata: &fs::Metadata) -> u64 {
    #[cfg(unix)]
    {
        std::os::unix::fs::MetadataExt::nlink(metadata)
    }
    #[cfg(not(unix))]
    {
        let _ = metadata;
        1
    }
}

/// Give `file` the owner, group and mode of the original. Where the owner (or the group)
/// cannot be kept, as when the file belongs to another user, the set-user-ID (or
/// set-group-ID) bit is dropped: a privilege is never handed to the one who ran the fix.
fn keep_owner_and_mode(file: &fs::File, original: &fs::Metadata) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt, fchown};
        let (uid, gid) = (original.uid(), original.gid());
        let owner_kept = fchown(file, Some(uid), Some(gid)).is_ok();
        let group_kept = owner_kept || fchown(file, None, Some(gid)).is_ok();
        let mut mode = original.mode() & 0o7777;
        if !owner_kept {
            mode &= !0o6000;
        }
        if !group_kept {
            mode &= !0o2000;
        }
        // After the chown, which clears the set-ID bits.
        file.set_permissions(fs::Permissions::from_mode(mode))
    }
    #[cfg(not(unix))]
    {
        file.set_permissions(original.permissions())
    }
}

/// The new contents while they are written: an unnamed file (Linux `O_TMPFILE`) given a name
/// only to be renamed over the original, else a named temporary file removed on failure.
enum Temp {
    #[cfg(target_os = "linux")]
    Unnamed(fs::File),
    Named(tempfile::NamedTempFile),
}

impl Temp {
    fn create(dir: &Path) -> io::Result<Temp> {
        #[cfg(target_os = "linux")]
        {
            use rustix::fs::{Mode, OFlags, openat};
            remove_stale_temps(dir);
            let flags = OFlags::TMPFILE | OFlags::WRONLY | OFlags::CLOEXEC;
            // File systems without O_TMPFILE fall back to a named temporary file.
            if let Ok(fd) = openat(rustix::fs::CWD, dir, flags, Mode::from_raw_mode(0o600)) {
                return Ok(Temp::Unnamed(fs::File::from(fd)));
            }
        }
        Ok(Temp::Named(named_temp(dir)?))
    }

    fn file(&mut self) -> &mut fs::File {
        match self {
            #[cfg(target_os = "linux")]
            Temp::Unnamed(file) => file,
            Temp::Named(temp) => temp.as_file_mut(),
        }
    }

    /// Rename the new contents over `target`, which is in `dir`.
    fn replace(self, dir: &Path, target: &Path) -> io::Result<()> {
        match self {
            #[cfg(target_os = "linux")]
            Temp::Unnamed(file) => {
                use rustix::fs::{AtFlags, CWD, linkat};
                // A name for the unnamed file, for the instant between link and rename.
                let fd = format!("/proc/self/fd/{}", std::os::fd::AsRawFd::as_raw_fd(&file));
                let mut attempt = 0;
                let path = loop {
                    let path = dir.join(temp_name(attempt));
                    match linkat(CWD, fd.as_str(), CWD, &path, AtFlags::SYMLINK_FOLLOW) {
                        Ok(()) => break path,
                        Err(rustix::io::Errno::EXIST) if attempt < 100 => attempt += 1,
                        Err(error) => return Err(error.into()),
                    }
                };
                fs::rename(&path, target).inspect_err(|_| {
                    let _ = fs::remove_file(&path);
                })
            }
            Temp::Named(temp) => temp.persist(target).map(drop).map_err(|e| e.error),
        }
    }
}

/// Remove the temporary files that runs killed between the link and the rename left in `dir`
/// (named `.wirelint-PID-N-NANOS-ATTEMPT.tmp` by [`temp_name`], their process gone), once per
/// directory and run. The unnamed file makes that instant short, but a kill can still land in
/// it.
#[cfg(target_os = "linux")]
fn remove_stale_temps(dir: &Path) {
    use std::collections::HashSet;
    use std::sync::{Mutex, OnceLock};
    static CLEANED: OnceLock<Mutex<HashSet<std::path::PathBuf>>> = OnceLock::new();
    let first = CLEANED
        .get_or_init(Mutex::default)
        .lock()
        .is_ok_and(|mut cleaned| cleaned.insert(dir.to_path_buf()));
    if !first {
        return;
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(fields) = name
            .to_str()
            .and_then(|n| n.strip_prefix(".wirelint-")?.strip_suffix(".tmp"))
        else {
            continue;
        };
        let fields: Vec<&str> = fields.split('-').collect();
        let ours = fields.len() == 4
            && fields
                .iter()
                .all(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
        let dead = fields[0] != std::process::id().to_string()
            && !Path::new("/proc").join(fields[0]).exists();
        if ours && dead {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// A name for a temporary file that no other run of this process or another picks.
#[cfg(target_os = "linux")]
fn temp_name(attempt: u32) -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!(
        ".wirelint-{}-{count}-{nanos}-{attempt}.tmp",
        std::process::id()
    )
}

fn named_temp(dir: &Path) -> io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new()
        .prefix(".wirelint-")
        .suffix(".tmp")
        .tempfile_in(dir)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Finding;
    use crate::Source;
    use crate::diagnostic::Level;
    use crate::span::Span;

    fn with_fix(source: &Source, fix: Fix) -> Diagnostic {
        let finding = Finding::new("m", fix.extent(), "l").with_fix(fix);
        Diagnostic::from_finding(source, "r", Level::Error, finding)
    }

    #[test]
    fn applies_non_overlapping_fixes_and_defers_overlapping_ones() {
        let source = Source::new("t", "  abc  def");
        let diagnostics = [
            with_fix(&source, Fix::delete("a", Span::new(0, 2))),
            with_fix(&source, Fix::replace("b", Span::new(1, 3), "X")),
            with_fix(&source, Fix::replace("c", Span::new(5, 7), " ")),
        ];
        let (text, applied) = apply_fixes(source.text(), &diagnostics);
        assert_eq!((text.as_str(), applied.len()), ("abc def", 2));
    }

    #[test]
    fn a_failed_write_leaves_the_original_intact_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("story.txt");
        fs::write(&path, "original").unwrap();
        let full = io::Error::new(io::ErrorKind::StorageFull, "no space left on device");
        let error = write_atomic_with(&path, None, &|_| {
            Err(io::Error::new(full.kind(), full.to_string()))
        })
        .unwrap_err();
        assert_eq!(error.to_string(), "no space left on device");
        assert_eq!(fs::read_to_string(&path).unwrap(), "original");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_read_only_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("story.txt");
        fs::write(&path, "original").unwrap();
        let mut permissions = fs::metadata(&path).unwrap().permissions();
        permissions.set_readonly(true);
        fs::set_permissions(&path, permissions).unwrap();
        assert!(matches!(
            write_atomic(&path, b"new"),
            Err(WriteError::ReadOnly)
        ));
        assert_eq!(fs::read_to_string(&path).unwrap(), "original");
    }

    #[cfg(unix)]
    #[test]
    fn a_successful_write_keeps_the_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("story.txt");
        fs::write(&path, "original").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("story.txt");
        fs::write(&path, "original\n").unwrap();
        let (_, stamp) =
            Source::read_stamped(&path, 100, crate::source::TextEncoding::Utf8).unwrap();
        fs::write(&path, "original\nand a line added meanwhile\n").unwrap();
        assert!(matches!(
            write_checked(&path, b"fixed\n", &stamp),
            Err(WriteError::Changed)
        ));
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "original\nand a line added meanwhile\n"
        );
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_temporary_file_of_a_dead_run_is_removed_and_others_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("story.txt");
        fs::write(&path, "original").unwrap();
        let dead = dir.path().join(".wirelint-4294967295-0-0-0.tmp");
        let alive = dir
            .path()
            .join(format!(".wirelint-{}-9-9-9.tmp", std::process::id()));
        let other = dir.path().join(".wirelint-notes.tmp");
        for file in [&dead, &alive, &other] {
            fs::write(file, "x").unwrap();
        }
        write_atomic(&path, b"new").unwrap();
        assert!(!dead.exists());
        assert!(alive.exists() && other.exists());
    }
}
