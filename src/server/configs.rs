//! The configs of the open documents: found from each document's path as the command line finds
//! it, reloaded when the file changes, and kept at the last good version while it is broken.

use crate::config::{Config, ConfigError};
use crate::diagnostic::Diagnostic;
use crate::source::Source;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::SystemTime;

/// A change in what is wrong with a config file, for the server to publish on that file.
#[derive(Debug)]
pub struct ConfigReport {
    /// The config file.
    pub path: PathBuf,
    /// Its text (when it could be read) and the error on it; `None` once it loads again.
    pub problem: Option<(Source, Diagnostic)>,
}

/// What identifies a version of a file on disk without reading it.
type Stamp = (Option<SystemTime>, u64);

/// A config file's state.
struct Loaded {
    /// The stamp of the version last read.
    stamp: Stamp,
    /// The last version that loaded (the defaults if none has yet).
    config: Rc<Config>,
    /// Whether the version last read is broken.
    broken: bool,
}

/// The config files seen so far, by path.
pub struct Configs {
    /// `--config FILE`: used for every document instead of the nearest `wirelint.toml`.
    explicit: Option<PathBuf>,
    loaded: HashMap<PathBuf, Loaded>,
    defaults: Rc<Config>,
    reports: Vec<ConfigReport>,
}

impl Configs {
    /// An empty cache; `explicit` is the `--config` file, if one was given.
    pub fn new(explicit: Option<PathBuf>) -> Configs {
        Configs {
            explicit,
            loaded: HashMap::new(),
            defaults: Rc::new(Config::default()),
            reports: Vec::new(),
        }
    }

    /// The config for a document at `path` (or, for a document with no path, for the directory
    /// `fallback`): the nearest `wirelint.toml` as `Config::discover` finds it, read again when
    /// it has changed on disk; the built-in defaults when there is none.
    pub fn for_document(&mut self, path: Option<&Path>, fallback: Option<&Path>) -> Rc<Config> {
        let found = match &self.explicit {
            Some(explicit) => Some(explicit.clone()),
            None => path.or(fallback).and_then(Config::discover),
        };
        match found {
            Some(file) => self.load(&file),
            None => Rc::clone(&self.defaults),
        }
    }

    /// Forget what was read of `path`, so the next look-up reads it again (for a change the
    /// file's stamp may not show).
    pub fn invalidate(&mut self, path: &Path) {
        if let Some(loaded) = self.loaded.get_mut(path) {
            loaded.stamp = (None, u64::MAX);
        }
    }

    /// The changes of config problems since the last call.
    pub fn take_reports(&mut self) -> Vec<ConfigReport> {
        std::mem::take(&mut self.reports)
    }

    fn load(&mut self, file: &Path) -> Rc<Config> {
        let stamp = stamp(file);
        if let Some(loaded) = self.loaded.get(file)
            && loaded.stamp == stamp
        {
            return Rc::clone(&loaded.config);
        }
        let result = Config::load(file);
        let previous = self.loaded.remove(file);
        let was_broken = previous.as_ref().is_some_and(|p| p.broken);
        let last_good = previous.map_or_else(|| Rc::clone(&self.defaults), |p| p.config);
        let loaded = match result {
            Ok(config) => {
                if was_broken {
                    self.reports.push(ConfigReport {
                        path: file.to_path_buf(),
                        problem: None,
                    });
                }
                Loaded {
                    stamp,
                    config: Rc::new(config),
                    broken: false,
                }
            }
            Err(error) => {
                self.reports.push(ConfigReport {
                    path: file.to_path_buf(),
                    problem: Some(problem(file, &error)),
                });
                Loaded {
                    stamp,
                    config: last_good,
                    broken: true,
                }
            }
        };
        let config = Rc::clone(&loaded.config);
        self.loaded.insert(file.to_path_buf(), loaded);
        config
    }
}

/// The error as a diagnostic on the config file (at its start when it has no place there, as
/// when the file cannot be read).
fn problem(file: &Path, error: &ConfigError) -> (Source, Diagnostic) {
    match error.diagnostic() {
        Some((source, diagnostic)) => (source.clone(), diagnostic),
        None => {
            let name = file.display().to_string();
            let diagnostic = Diagnostic::file_error("config", &name, error.to_string(), None);
            (Source::new(name, ""), diagnostic)
        }
    }
}

fn stamp(file: &Path) -> Stamp {
    match fs::metadata(file) {
        Ok(meta) => (meta.modified().ok(), meta.len()),
        Err(_) => (None, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::CONFIG_FILE_NAME;

    #[test]
    fn a_broken_config_keeps_the_last_good_one_and_is_reported_until_fixed() {
        let dir = tempfile::tempdir().unwrap();
        let config_path = dir.path().join(CONFIG_FILE_NAME);
        let article = dir.path().join("story.txt");
        fs::write(&config_path, "[rules]\nmalformed-header = \"off\"\n").unwrap();
        let mut configs = Configs::new(None);
        let header_level = |config: &Config| {
            config
                .rules
                .all()
                .find(|(name, _)| *name == "malformed-header")
                .map(|(_, level)| level.as_str())
        };
        let first = configs.for_document(Some(&article), None);
        assert_eq!(header_level(&first), Some("off"));
        assert!(configs.take_reports().is_empty());

        fs::write(&config_path, "[rules]\nmalformed-header = \"loud\"\n").unwrap();
        configs.invalidate(&config_path);
        let during = configs.for_document(Some(&article), None);
        assert_eq!(header_level(&during), Some("off"));
        let reports = configs.take_reports();
        assert_eq!(reports.len(), 1);
        let (source, diagnostic) = reports[0].problem.as_ref().unwrap();
        assert_eq!(source.slice(diagnostic.span), "\"loud\"");

        fs::write(&config_path, "").unwrap();
        configs.invalidate(&config_path);
        let after = configs.for_document(Some(&article), None);
        assert_eq!(header_level(&after), Some("error"));
        let reports = configs.take_reports();
        assert_eq!(reports.len(), 1);
        assert!(reports[0].problem.is_none());
    }
}
