//! Turning the paths on the command line into the list of inputs to lint.

use crate::config::{Config, absolute};
use crate::diagnostic::{Diagnostic, READ_ERROR};
use crate::hash::Map;
use crate::source::io_message;
use ignore::gitignore::{Gitignore, GitignoreBuilder};
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

/// How directories are walked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WalkOptions {
    /// Follow symbolic links inside directories (they are skipped otherwise). Links named on
    /// the command line are always followed.
    pub follow_links: bool,
    /// Do not read `.gitignore` and `.ignore` files.
    pub no_ignore: bool,
    /// Skip files named on the command line that `exclude` matches, as if they were found in a
    /// walk (for hooks that pass file names).
    pub force_exclude: bool,
}

/// The inputs `paths` name, sorted and without repeats, and a read error for each path or
/// directory entry that could not be visited (a missing path, a symlink loop, a directory
/// without read permission).
///
/// A file named on the command line is linted whatever its extension (and unless `exclude`
/// matches it under `force_exclude`). In a directory, files are linted when they match the
/// config's `include` globs and not its `exclude` globs (both relative to the config file's
/// directory); hidden entries (`.git`), entries that `.gitignore` and `.ignore` files leave out
/// (unless `no_ignore`), and symbolic links (unless `follow_links`) are skipped.
pub fn collect_inputs(
    paths: &[PathBuf],
    config: &Config,
    options: WalkOptions,
) -> (Vec<Input>, Vec<Diagnostic>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if path.is_dir() {
            walk_directory(path, config, options, &mut inputs, &mut errors);
        } else if path.exists() {
            if !(options.force_exclude && config.excludes(path)) {
                inputs.push(Input::File(path.clone()));
            }
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
    options: WalkOptions,
    inputs: &mut Vec<Input>,
    errors: &mut Vec<Diagnostic>,
) {
    let mut ignored = IgnoreFiles::new(root, !options.no_ignore);
    let walker = WalkDir::new(root)
        .follow_links(options.follow_links)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            // The directory named on the command line is walked, whatever its name.
            if entry.depth() == 0 {
                return !(options.force_exclude && config.excludes(entry.path()));
            }
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            let is_dir = entry.file_type().is_dir();
            !hidden
                && !config.exclude.is_match(&config.relative_path(entry.path()))
                && !ignored.ignores(entry.path(), is_dir)
        });
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                if config.include.is_match(&config.relative_path(entry.path())) {
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

/// The `.gitignore` and `.ignore` files that apply in a walk: those of each directory walked,
/// and of its parents up to the repository root, each read once.
struct IgnoreFiles {
    enabled: bool,
    /// Each directory's matchers (`.ignore` first, it takes precedence), by absolute path.
    matchers: Map<PathBuf, Vec<Gitignore>>,
    /// The directory above which no ignore file is read: the repository root, else the root
    /// of the walk.
    top: PathBuf,
}

impl IgnoreFiles {
    fn new(root: &Path, enabled: bool) -> IgnoreFiles {
        let root = absolute(root);
        let top = root
            .ancestors()
            .find(|dir| [".git", ".hg", ".jj"].iter().any(|m| dir.join(m).exists()))
            .unwrap_or(&root)
            .to_path_buf();
        IgnoreFiles {
            enabled,
            matchers: Map::default(),
            top,
        }
    }

    /// Whether an ignore file leaves out `path`: the deepest one that says anything decides.
    fn ignores(&mut self, path: &Path, is_dir: bool) -> bool {
        if !self.enabled {
            return false;
        }
        let path = absolute(path);
        for dir in path.ancestors().skip(1) {
            if !dir.starts_with(&self.top) {
                break;
            }
            let matchers = self
                .matchers
                .entry(dir.to_path_buf())
                .or_insert_with(|| read_ignore_files(dir));
            for matcher in matchers.iter() {
                match matcher.matched(&path, is_dir) {
                    ignore::Match::Ignore(_) => return true,
                    ignore::Match::Whitelist(_) => return false,
                    ignore::Match::None => {}
                }
            }
        }
        false
    }
}

/// The matchers of `dir`'s `.ignore` and `.gitignore` files (a file that cannot be read or has
/// a bad line is taken for what it has that is good, as git does).
fn read_ignore_files(dir: &Path) -> Vec<Gitignore> {
    [".ignore", ".gitignore"]
        .iter()
        .map(|name| dir.join(name))
        .filter(|file| file.is_file())
        .filter_map(|file| {
            let mut builder = GitignoreBuilder::new(dir);
            let _ = builder.add(file);
            builder.build().ok()
        })
        .collect()
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

/// The real paths of what the command line names (standard input aside): a fixed file is
/// written only when its own real path is one of them or inside one, so that a symbolic link in
/// a tree never leads `--fix` outside it.
pub fn real_roots(paths: &[PathBuf]) -> Vec<PathBuf> {
    paths
        .iter()
        .filter(|path| path.as_os_str() != "-")
        .filter_map(|path| path.canonicalize().ok())
        .collect()
}

/// Whether the real path of `path` is one of `roots` or inside one.
pub fn is_within(path: &Path, roots: &[PathBuf]) -> bool {
    path.canonicalize()
        .is_ok_and(|real| roots.iter().any(|root| real.starts_with(root)))
}

fn read_error(path: &Path, message: String) -> Diagnostic {
    Diagnostic::file_error(
        READ_ERROR,
        &path.display().to_string(),
        format!("could not read `{}`: {message}", path.display()),
        None,
    )
}
