//! Turning the paths on the command line into the list of inputs to lint.

use crate::config::Config;
use crate::diagnostic::{Diagnostic, READ_ERROR};
use crate::source::io_message;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// One input to lint.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    /// A file on disk.
    File(PathBuf),
    /// Standard input (`-` on the command line).
    Stdin,
}

/// The inputs `paths` name, sorted and without repeats, and a read error for each path or
/// directory entry that could not be visited (a missing path, a symlink loop, a directory
/// without read permission).
///
/// A file named on the command line is linted whatever its extension. In a directory, files
/// are linted when they match the config's `include` globs and not its `exclude` globs;
/// hidden entries (`.git`) are skipped.
pub fn collect_inputs(paths: &[PathBuf], config: &Config) -> (Vec<Input>, Vec<Diagnostic>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if path.is_dir() {
            walk_directory(path, config, &mut inputs, &mut errors);
        } else if path.exists() {
            inputs.push(Input::File(path.clone()));
        } else {
            let message = match path.symlink_metadata() {
                Ok(_) => "broken symbolic link".to_string(),
                Err(error) => io_message(&error),
            };
            errors.push(read_error(path, message));
        }
    }
    inputs.sort();
    inputs.dedup();
    (inputs, errors)
}

fn walk_directory(
    root: &Path,
    config: &Config,
    inputs: &mut Vec<Input>,
    errors: &mut Vec<Diagnostic>,
) {
    let relative = |path: &Path| path.strip_prefix(root).unwrap_or(path).to_path_buf();
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            let hidden = entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.');
            !hidden && !config.exclude.is_match(&relative(entry.path()))
        });
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                if config.include.is_match(&relative(entry.path())) {
                    inputs.push(Input::File(shown_path(root, entry.path())));
                }
            }
            Ok(_) => {}
            Err(error) => {
                let path = shown_path(root, error.path().unwrap_or(root));
                let message = match (error.loop_ancestor(), error.io_error()) {
                    (Some(ancestor), _) => {
                        format!("symbolic link loop back to `{}`", ancestor.display())
                    }
                    (None, Some(io)) => io_message(io),
                    (None, None) => error.to_string(),
                };
                errors.push(read_error(&path, message));
            }
        }
    }
}

/// The path as it is shown: `wirelint .` shows `story.txt`, not `./story.txt`.
fn shown_path(root: &Path, path: &Path) -> PathBuf {
    match path.strip_prefix(".") {
        Ok(inside) if root == Path::new(".") && !inside.as_os_str().is_empty() => {
            inside.to_path_buf()
        }
        _ => path.to_path_buf(),
    }
}

fn read_error(path: &Path, message: String) -> Diagnostic {
    Diagnostic::file_error(
        READ_ERROR,
        &path.display().to_string(),
        format!("could not read `{}`: {message}", path.display()),
        None,
    )
}
