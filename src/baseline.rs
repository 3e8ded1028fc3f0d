//! A baseline: the findings a desk has accepted for now, so that a run reports only new ones.
//!
//! Each finding is recorded by its file, its rule and a fingerprint of the text it flags (the
//! text of its labels, white space collapsed), not by its line: a finding keeps its
//! fingerprint when lines are added or removed above it, and loses it when its text changes.
//! Two findings with the same fingerprint in one file are counted, so a baseline that records
//! one lets the second through. Files that could not be read or written are never baselined.

use crate::diagnostic::{Diagnostic, READ_ERROR, WRITE_ERROR};
use crate::source::Source;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use thiserror::Error;

/// The version of the baseline file format.
const BASELINE_VERSION: u32 = 1;

/// One recorded finding.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    /// The file, as wirelint names it (without a leading `./`).
    pub path: String,
    /// The rule's name.
    pub rule: String,
    /// The fingerprint of the flagged text, 16 hex digits.
    pub fingerprint: String,
    /// The finding's message, for the reader of the file (not compared).
    #[serde(default)]
    pub message: String,
}

#[derive(Serialize, Deserialize)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

/// A loaded baseline: for each file, how many times each (rule, fingerprint) was recorded.
#[derive(Debug, Default)]
pub struct Baseline {
    files: HashMap<String, HashMap<(String, String), usize>>,
}

/// Why a baseline could not be read or written.
#[derive(Debug, Error)]
pub enum BaselineError {
    /// The file could not be read or written.
    #[error("could not {verb} the baseline `{}`: {error}", .path.display())]
    Io {
        /// `read` or `write`.
        verb: &'static str,
        /// The baseline file.
        path: PathBuf,
        /// What went wrong.
        error: std::io::Error,
    },
    /// The file is not a baseline wirelint wrote.
    #[error("`{}` is not a wirelint baseline: {error}", .path.display())]
    Invalid {
        /// The baseline file.
        path: PathBuf,
        /// What is wrong with it.
        error: String,
    },
}

impl Baseline {
    /// Read the baseline at `path`.
    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        let text = std::fs::read_to_string(path).map_err(|error| BaselineError::Io {
            verb: "read",
            path: path.to_path_buf(),
            error,
        })?;
        let invalid = |error: String| BaselineError::Invalid {
            path: path.to_path_buf(),
            error,
        };
        let file: BaselineFile = serde_json::from_str(&text).map_err(|e| invalid(e.to_string()))?;
        if file.version != BASELINE_VERSION {
            return Err(invalid(format!(
                "version {} (this wirelint reads version {BASELINE_VERSION})",
                file.version
            )));
        }
        let mut baseline = Baseline::default();
        for entry in file.findings {
            *baseline
                .files
                .entry(normal_path(&entry.path))
                .or_default()
                .entry((entry.rule, entry.fingerprint))
                .or_default() += 1;
        }
        Ok(baseline)
    }

    /// The findings of one file that the baseline does not record, and how many it did.
    pub fn filter(
        &self,
        source: Option<&Source>,
        diagnostics: Vec<Diagnostic>,
    ) -> (Vec<Diagnostic>, usize) {
        let Some(recorded) = diagnostics
            .first()
            .and_then(|d| self.files.get(&normal_path(&d.path)))
        else {
            return (diagnostics, 0);
        };
        let mut left = recorded.clone();
        let mut known = 0;
        let kept = diagnostics
            .into_iter()
            .filter(|d| {
                if !is_baselined(d) {
                    return true;
                }
                let key = (d.rule.clone(), hex(fingerprint(source, d)));
                match left.get_mut(&key) {
                    Some(count) if *count > 0 => {
                        *count -= 1;
                        known += 1;
                        false
                    }
                    _ => true,
                }
            })
            .collect();
        (kept, known)
    }
}

/// The entries recording `diagnostics` of one file (files that could not be read or written
/// are left out).
pub fn entries(source: Option<&Source>, diagnostics: &[Diagnostic]) -> Vec<Entry> {
    diagnostics
        .iter()
        .filter(|d| is_baselined(d))
        .map(|d| Entry {
            path: normal_path(&d.path),
            rule: d.rule.clone(),
            fingerprint: hex(fingerprint(source, d)),
            message: d.message.clone(),
        })
        .collect()
}

/// Write a baseline of `entries` to `path`, sorted, one finding a line.
pub fn write(path: &Path, mut entries: Vec<Entry>) -> Result<(), BaselineError> {
    entries.sort();
    let mut text = format!("{{\"version\":{BASELINE_VERSION},\"findings\":[\n");
    let lines: Vec<String> = entries
        .iter()
        .map(|entry| serde_json::to_string(entry).unwrap_or_default())
        .collect();
    text.push_str(&lines.join(",\n"));
    text.push_str("\n]}\n");
    std::fs::write(path, text).map_err(|error| BaselineError::Io {
        verb: "write",
        path: path.to_path_buf(),
        error,
    })
}

/// Whether a finding can be baselined: not a file wirelint could not read or write.
fn is_baselined(d: &Diagnostic) -> bool {
    d.rule != READ_ERROR && d.rule != WRITE_ERROR
}

/// A path as the baseline keys it: components joined with `/`, without `.`.
fn normal_path(path: &str) -> String {
    Path::new(path)
        .components()
        .filter(|c| *c != Component::CurDir)
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The fingerprint of a finding: its rule and the text of its labels (white space collapsed),
/// or its message when it has no labelled text. Stable across runs, machines and line shifts.
pub fn fingerprint(source: Option<&Source>, d: &Diagnostic) -> u64 {
    let mut hash = Fnv::default();
    hash.write(d.rule.as_bytes());
    let mut texts = 0;
    if let Some(source) = source {
        for label in &d.labels {
            let Some(text) = source.text().get(label.span.range()) else {
                continue;
            };
            hash.write(&[0]);
            for word in text.split_whitespace() {
                hash.write(word.as_bytes());
                hash.write(b" ");
                texts += 1;
            }
        }
    }
    if texts == 0 {
        hash.write(&[1]);
        hash.write(d.message.as_bytes());
    }
    hash.0
}

/// The fingerprints of one file's findings for SARIF's `partialFingerprints`: the fingerprint
/// and, after a colon, how many findings of the file had the same one before it.
pub fn fingerprints<'a>(
    source: Option<&Source>,
    diagnostics: impl IntoIterator<Item = &'a Diagnostic>,
) -> Vec<String> {
    let mut seen: HashMap<u64, usize> = HashMap::new();
    diagnostics
        .into_iter()
        .map(|d| {
            let print = fingerprint(source, d);
            let ordinal = seen.entry(print).or_default();
            let out = format!("{}:{ordinal}", hex(print));
            *ordinal += 1;
            out
        })
        .collect()
}

/// A finding's identity in a whole report (GitLab's `fingerprint`): the hash of its path and
/// of its fingerprint in the file (as [`fingerprints`] gives it).
pub fn located(path: &str, print: &str) -> String {
    let mut hash = Fnv::default();
    hash.write(normal_path(path).as_bytes());
    hash.write(&[0]);
    hash.write(print.as_bytes());
    hex(hash.0)
}

fn hex(print: u64) -> String {
    format!("{print:016x}")
}

/// 64-bit FNV-1a: small, and the same on every machine and Rust version (the standard
/// library's hasher promises neither).
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    const STORY: &str = " date 2026-02-02 403\nHeadline\nBoth sides have traded accusations since the ceasefire collapsed.\nBoth sides have traded accusations since the ceasefire collapsed.\n";

    fn lint(text: &str) -> (Source, Vec<Diagnostic>) {
        let source = Source::new("./desk/story.txt", text);
        let diagnostics = crate::engine::lint_source(&source, &Config::default().rules);
        (source, diagnostics)
    }

    #[test]
    fn fingerprints_survive_line_shifts_and_change_with_the_text() {
        let (before, found) = lint(STORY);
        let shifted = STORY.replace("Headline\n", "Headline\nA new first paragraph.\n");
        let (after, moved) = lint(&shifted);
        assert_eq!(found.len(), moved.len());
        assert_ne!(found[1].line, moved[1].line);
        for (a, b) in found.iter().zip(&moved) {
            assert_eq!(fingerprint(Some(&before), a), fingerprint(Some(&after), b));
        }
        let edited = STORY.replace("collapsed.\n", "broke down.\n");
        let (edited_source, edited) = lint(&edited);
        assert_ne!(
            fingerprint(Some(&before), &found[1]),
            fingerprint(Some(&edited_source), &edited[1])
        );
        // The value is fixed: baselines stay valid from one build to the next.
        assert_eq!(Fnv::default().0, 0xcbf2_9ce4_8422_2325);
        let mut fnv = Fnv::default();
        fnv.write(b"a");
        assert_eq!(fnv.0, 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn a_baseline_hides_what_it_records_and_counts_repeats() {
        let (source, found) = lint(STORY);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("baseline.json");
        write(&path, entries(Some(&source), &found[..1])).unwrap();
        let baseline = Baseline::load(&path).unwrap();
        let (kept, known) = baseline.filter(Some(&source), found.clone());
        assert_eq!((kept.len(), known), (found.len() - 1, 1));
        assert_eq!(kept[0], found[1]);
        // The same file named without `./` is the same file.
        let renamed = Source::new("desk/story.txt", STORY);
        let found = crate::engine::lint_source(&renamed, &Config::default().rules);
        assert_eq!(baseline.filter(Some(&renamed), found).1, 1);
        std::fs::write(&path, "{\"version\": 9, \"findings\": []}").unwrap();
        let error = Baseline::load(&path).unwrap_err().to_string();
        assert!(error.contains("version 9"), "{error}");
    }
}
