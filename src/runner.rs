//! A lint run over many inputs: read, lint (and fix) each in parallel, print in path order.

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Level, READ_ERROR, WRITE_ERROR};
use crate::engine;
use crate::fix::write_atomic;
use crate::formats::{self, Detected, InputFormat};
use crate::report::{Format, Summary};
use crate::source::Source;
use crate::walk::{Input, collect_inputs};
use rayon::prelude::*;
use similar::TextDiff;
use std::io::{self, Read, Write};
use std::path::PathBuf;

/// What to do with the fixes the rules offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixMode {
    /// Report only.
    Report,
    /// Apply the safe fixes, write the files, report what remains.
    Apply,
    /// Print a unified diff of what `Apply` would change; write nothing.
    Diff,
}

/// How a run prints and what it does.
#[derive(Clone, Debug)]
pub struct RunOptions {
    /// Output format.
    pub format: Format,
    /// Colour the human output.
    pub color: bool,
    /// Print only error-level diagnostics (and warnings under `deny_warnings`), no summary.
    pub quiet: bool,
    /// Warnings fail the run.
    pub deny_warnings: bool,
    /// Report, apply or diff fixes.
    pub fix: FixMode,
    /// The name standard input is shown under.
    pub stdin_filename: String,
    /// Read every input as this format, whatever its name and content.
    pub input_format: Option<InputFormat>,
}

/// How a run ended, for the exit status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunStatus {
    /// Nothing at error level (or, with `--diff`, nothing to change and every file read).
    Clean,
    /// Something at error level (or a warning under `--deny-warnings`; under `--diff`, a change
    /// or a file that could not be read).
    Found,
    /// wirelint could not do its job: no input could be read, or a fixed file could not be written.
    Failed,
}

/// Files linted in parallel at a time; their output is printed before the next batch starts,
/// so memory stays bounded on any tree.
const BATCH: usize = 256;

/// One job: an input to read (and whether it was named on the command line rather than found
/// in a directory), or a path that could not even be visited.
enum Job {
    Input(Input, bool),
    Unvisitable(Box<Diagnostic>),
}

/// What one job gave.
#[derive(Default)]
struct Outcome {
    output: String,
    kept: Vec<Diagnostic>,
    summary: Summary,
    readable: bool,
    write_failed: bool,
    changed: bool,
    /// What goes to `out` instead of the report: the fixed text of standard input under
    /// `--fix`, or the unified diff under `--diff`.
    text: Option<String>,
}

/// Lint `paths` with `config`, writing the report to `out`; when `out` carries text instead
/// (the fixed text of standard input under `--fix`, the diff under `--diff`), the report goes to
/// `err`.
pub fn run(
    paths: &[PathBuf],
    config: &Config,
    options: &RunOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> RunStatus {
    let (inputs, walk_errors) = collect_inputs(paths, config);
    let mut jobs: Vec<(String, Job)> = inputs
        .into_iter()
        .map(|input| {
            let name = match &input {
                Input::File(path) => path.display().to_string(),
                Input::Stdin => options.stdin_filename.clone(),
            };
            let named = match &input {
                Input::File(path) => paths.contains(path),
                Input::Stdin => true,
            };
            (name, Job::Input(input, named))
        })
        .chain(
            walk_errors
                .into_iter()
                .map(|d| (d.path.clone(), Job::Unvisitable(Box::new(d)))),
        )
        .collect();
    jobs.sort_by(|a, b| a.0.cmp(&b.0));
    if jobs.is_empty() {
        let globs = config.include.patterns().join(", ");
        let _ = writeln!(
            err,
            "error: no files to lint (directories are searched for files matching `include`: {globs})"
        );
        return RunStatus::Failed;
    }
    let stdin = if jobs
        .iter()
        .any(|(_, job)| matches!(job, Job::Input(Input::Stdin, _)))
    {
        let mut bytes = Vec::new();
        io::stdin()
            .read_to_end(&mut bytes)
            .map(|_| bytes)
            .map_err(|e| e.to_string())
    } else {
        Ok(Vec::new())
    };

    let mut summary = Summary::default();
    let mut kept = Vec::new();
    // Each file's output, for a format that prints everything at the end.
    let mut parts = String::new();
    let (mut readable, mut write_failed, mut changed) = (false, false, false);
    let fixing_stdin = options.fix == FixMode::Apply
        && jobs
            .iter()
            .any(|(_, job)| matches!(job, Job::Input(Input::Stdin, _)));
    // When `out` carries text (a fixed article, a diff), every report goes to `err`.
    let reports_to_err = fixing_stdin || options.fix == FixMode::Diff;
    for batch in jobs.chunks(BATCH) {
        let outcomes: Vec<Outcome> = batch
            .par_iter()
            .map(|(name, job)| run_job(name, job, &stdin, config, options))
            .collect();
        for mut outcome in outcomes {
            summary.merge(&outcome.summary);
            kept.append(&mut outcome.kept);
            readable |= outcome.readable;
            write_failed |= outcome.write_failed;
            changed |= outcome.changed;
            if let Some(text) = &outcome.text {
                let _ = out.write_all(text.as_bytes());
            }
            if options.format.streams() {
                let report: &mut dyn Write = if reports_to_err { err } else { out };
                let _ = report.write_all(outcome.output.as_bytes());
            } else {
                parts.push_str(&outcome.output);
            }
        }
    }
    if options.fix != FixMode::Diff && (!options.quiet || !options.format.streams()) {
        let end = options.format.render_end(&kept, &summary, &parts);
        let target: &mut dyn Write = if fixing_stdin { err } else { out };
        let _ = target.write_all(end.as_bytes());
    }
    let _ = out.flush();

    if !readable || write_failed {
        RunStatus::Failed
    } else if options.fix == FixMode::Diff {
        // Something to change, or a file that could not be read, fails a `--diff` check.
        if changed || summary.errors > 0 {
            RunStatus::Found
        } else {
            RunStatus::Clean
        }
    } else if summary.errors > 0 || (options.deny_warnings && summary.warnings > 0) {
        RunStatus::Found
    } else {
        RunStatus::Clean
    }
}

fn run_job(
    name: &str,
    job: &Job,
    stdin: &Result<Vec<u8>, String>,
    config: &Config,
    options: &RunOptions,
) -> Outcome {
    let (input, named) = match job {
        Job::Unvisitable(diagnostic) => return report(options, None, vec![(**diagnostic).clone()]),
        Job::Input(input, named) => (input, *named),
    };
    let read = match input {
        Input::File(path) => Source::read(path, config.max_file_size),
        Input::Stdin => match stdin {
            Ok(bytes) => Source::from_bytes(name, bytes.clone(), config.max_file_size),
            Err(error) => Err(io::Error::other(error.clone()).into()),
        },
    };
    let source = match read {
        Ok(source) => source,
        Err(error) => {
            let diagnostic = Diagnostic::file_error(
                READ_ERROR,
                name,
                format!("could not read `{name}`: {error}"),
                error.position(),
            );
            return report(options, None, vec![diagnostic]);
        }
    };
    let format = match chosen_format(name, &source, config, options) {
        Ok(format) => format,
        Err(what) if named => {
            return report(options, None, vec![engine::not_an_article(name, what)]);
        }
        Err(_) => {
            let mut outcome = Outcome::default();
            outcome.summary.skipped = 1;
            outcome.readable = true;
            return outcome;
        }
    };
    let rules = config.rules_for(name);
    let checked = match engine::check(&source, format, rules) {
        Ok(checked) => checked,
        Err(error) => {
            let diagnostic = engine::format_error(&source, format, &error);
            return report(options, Some(&source), vec![diagnostic]);
        }
    };
    if options.fix == FixMode::Report {
        let mut outcome = report(options, Some(&source), checked.diagnostics);
        outcome.readable = true;
        return outcome;
    }

    let original = checked.diagnostics.clone();
    let (fixed, applied, diagnostics) = match engine::fix(&source, format, rules, checked) {
        Ok(done) => done,
        Err(refusal) => {
            let message = format!("could not fix `{name}`: {refusal}");
            let mut diagnostic = Diagnostic::file_error(WRITE_ERROR, name, message, None);
            diagnostic
                .notes
                .push("the file was left as it was; this is a bug in wirelint".to_string());
            let mut failed = report(
                options,
                Some(&source),
                [vec![diagnostic], original].concat(),
            );
            failed.readable = true;
            failed.write_failed = true;
            return failed;
        }
    };
    if options.fix == FixMode::Diff {
        let diff = TextDiff::from_lines(source.text(), fixed.text())
            .unified_diff()
            .header(name, name)
            .to_string();
        return Outcome {
            text: Some(diff),
            readable: true,
            changed: applied > 0,
            ..Outcome::default()
        };
    }
    let mut outcome = report(options, Some(&fixed), diagnostics);
    outcome.readable = true;
    outcome.summary.fixed = applied;
    match input {
        Input::Stdin => {
            let bom = if source.has_bom() { "\u{feff}" } else { "" };
            outcome.text = Some(format!("{bom}{}", fixed.text()));
        }
        Input::File(path) if applied > 0 => {
            let mut bytes = Vec::with_capacity(fixed.text().len() + 3);
            if source.has_bom() {
                bytes.extend_from_slice(b"\xEF\xBB\xBF");
            }
            bytes.extend_from_slice(fixed.text().as_bytes());
            if let Err(error) = write_atomic(path, &bytes) {
                let message = format!("could not write the fixes to `{name}`: {error}");
                let mut diagnostic = Diagnostic::file_error(WRITE_ERROR, name, message, None);
                diagnostic
                    .notes
                    .push("the file was left as it was".to_string());
                // Report the findings of the original text, since it is what stays on disk.
                let mut failed = report(
                    options,
                    Some(&source),
                    [vec![diagnostic], original].concat(),
                );
                failed.readable = true;
                failed.write_failed = true;
                return failed;
            }
            outcome.changed = true;
        }
        Input::File(_) => {}
    }
    outcome
}

/// The format `source` is read as: `--input-format`, else the config's choice for its path, else
/// what its name and content say; or, for a file that is not an article, what it is.
fn chosen_format(
    name: &str,
    source: &Source,
    config: &Config,
    options: &RunOptions,
) -> Result<InputFormat, &'static str> {
    if let Some(format) = options.input_format.or_else(|| config.format_for(name)) {
        return Ok(format);
    }
    match formats::detect(name, source.text()) {
        Detected::Article(format) => Ok(format),
        Detected::NotAnArticle(what) => Err(what),
    }
}

/// Render one file's diagnostics, filtered by `--quiet`, and count them.
fn report(options: &RunOptions, source: Option<&Source>, diagnostics: Vec<Diagnostic>) -> Outcome {
    let shown: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|d| !options.quiet || options.deny_warnings || d.level == Level::Error)
        .collect();
    let mut summary = Summary {
        files: 1,
        ..Summary::default()
    };
    summary.add(&shown);
    let output = options.format.render_file(source, &shown, options.color);
    let kept = if options.format.streams() {
        Vec::new()
    } else {
        shown
    };
    Outcome {
        output,
        kept,
        summary,
        ..Outcome::default()
    }
}
