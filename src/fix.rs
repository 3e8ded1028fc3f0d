//! Applying fixes to a text, and writing a fixed file without ever losing its text.

use crate::diagnostic::{Diagnostic, Edit, Fix};
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
    /// Creating, writing or renaming the temporary file failed.
    #[error("{}", crate::source::io_message(.0))]
    Io(#[from] io::Error),
}

/// Replace the contents of `path` with `contents` atomically: write a temporary file in the
/// same directory, give it the original's permissions, flush it to disk, then rename it over
/// the original. On any failure the temporary file is removed and the original is untouched.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), WriteError> {
    write_atomic_with(path, |file| file.write_all(contents))
}

/// [`write_atomic`] with the writing step given as a function (tests inject failures here).
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut fs::File) -> io::Result<()>,
) -> Result<(), WriteError> {
    let permissions = fs::metadata(path)?.permissions();
    if permissions.readonly() {
        return Err(WriteError::ReadOnly);
    }
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".wirelint-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    write(temp.as_file_mut())?;
    temp.as_file().sync_all()?;
    fs::set_permissions(temp.path(), permissions)?;
    temp.persist(path).map_err(|e| WriteError::Io(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Finding;
    use crate::diagnostic::Level;
    use crate::source::Source;
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
        let error = write_atomic_with(&path, |_| Err(full)).unwrap_err();
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
}
