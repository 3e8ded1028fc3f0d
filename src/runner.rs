//! A lint run over many inputs: read, lint (and fix) each in parallel, print in path order.

use crate::baseline::{self, Baseline, Entry};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Level, READ_ERROR, WRITE_ERROR};
use crate::engine;
use crate::fix::{WriteError, write_atomic, write_checked};
use crate::formats::InputFormat;
use crate::report::{Ending, Format, Statistics, Stream, Style, Summary, sanitize};
use crate::rule::RuleCard;
use crate::source::{Source, SourceError, Stamp, read_bounded};
use crate::walk::{Input, WalkOptions, collect_inputs, is_within, real_roots};
use rayon::prelude::*;
use similar::TextDiff;
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Arc;

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
    /// Colour and width of the human output.
    pub style: Style,
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
    /// Print counts by rule instead of the findings.
    pub statistics: bool,
    /// Report only the findings this baseline does not record.
    pub baseline: Option<Arc<Baseline>>,
    /// Record every finding in a baseline written here (and report none of them).
    pub write_baseline: Option<PathBuf>,
    /// Append a Markdown table of counts here (`$GITHUB_STEP_SUMMARY` under `--format github`).
    pub step_summary: Option<PathBuf>,
    /// How directories are walked.
    pub walk: WalkOptions,
}

/// Where a run writes: the text that replaces a report on standard output (a fixed article,
/// a diff), the report, and wirelint's own errors.
pub struct Streams<'a> {
    /// Standard output.
    pub text: &'a mut dyn Write,
    /// Where the report goes: standard output, standard error when standard output carries
    /// text, or the file of `--output`.
    pub report: &'a mut dyn Write,
    /// Standard error.
    pub errors: &'a mut dyn Write,
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
    summary: Summary,
    statistics: Statistics,
    /// Files that could not be read or written (for SARIF's notifications).
    file_errors: Vec<Diagnostic>,
    /// The findings to record under `--write-baseline`.
    entries: Vec<Entry>,
    /// The diagnostics shown, for a format that does not stream (`html`).
    kept: Vec<Diagnostic>,
    readable: bool,
    write_failed: bool,
    changed: bool,
    /// What goes to `out` instead of the report: the fixed text of standard input under
    /// `--fix` (in its encoding), or the unified diff under `--diff`.
    text: Option<Vec<u8>>,
}

/// Lint `paths` with `config`, writing the report, text and errors to `streams`.
pub fn run(
    paths: &[PathBuf],
    config: &Config,
    options: &RunOptions,
    streams: &mut Streams<'_>,
) -> RunStatus {
    let (inputs, walk_errors) = collect_inputs(paths, config, options.walk);
    let roots = real_roots(paths);
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
            streams.errors,
            "error: no files to lint (directories are searched for files matching `include`: {})",
            sanitize(&globs)
        );
        return RunStatus::Failed;
    }
    let stdin = if jobs
        .iter()
        .any(|(_, job)| matches!(job, Job::Input(Input::Stdin, _)))
    {
        read_bounded(io::stdin().lock(), config.max_file_size).map_err(|e| e.to_string())
    } else {
        Ok(Vec::new())
    };

    let mut total = Outcome::default();
    let (mut readable, mut write_failed, mut changed) = (false, false, false);
    let mut stream = Stream::new(options.format);
    let style: Vec<&RuleCard> = config.style_rules().iter().map(|rule| &rule.card).collect();
    if !options.statistics {
        let _ = streams
            .report
            .write_all(options.format.render_start(&style).as_bytes());
    }
    for batch in jobs.chunks(BATCH) {
        let outcomes: Vec<Outcome> = batch
            .par_iter()
            .map(|(name, job)| {
                // A bug in a reader or a rule costs that file its report, never the run's.
                let run = || run_job(name, job, &stdin, config, options, &roots);
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(run))
                    .unwrap_or_else(|_| internal_error(options, name))
            })
            .collect();
        for mut outcome in outcomes {
            total.summary.merge(&outcome.summary);
            total.statistics.merge(&outcome.statistics);
            total.file_errors.append(&mut outcome.file_errors);
            total.entries.append(&mut outcome.entries);
            readable |= outcome.readable;
            write_failed |= outcome.write_failed;
            changed |= outcome.changed;
            if let Some(text) = &outcome.text {
                let _ = streams.text.write_all(text);
            }
            if options.format.streams() {
                let separator = stream.before(&outcome.output);
                let _ = streams.report.write_all(separator.as_bytes());
                let _ = streams.report.write_all(outcome.output.as_bytes());
            } else {
                total.output.push_str(&outcome.output);
                total.kept.append(&mut outcome.kept);
            }
        }
    }

    let status = if !readable || write_failed {
        RunStatus::Failed
    } else if options.fix == FixMode::Diff {
        // Something to change, or a file that could not be read, fails a `--diff` check.
        if changed || total.summary.errors > 0 {
            RunStatus::Found
        } else {
            RunStatus::Clean
        }
    } else if total.summary.errors > 0 || (options.deny_warnings && total.summary.warnings > 0) {
        RunStatus::Found
    } else {
        RunStatus::Clean
    };
    finish(options, &total, status, streams);
    status
}

/// The end of a run: the end of the report (or the statistics), the baseline and the step
/// summary when asked for. A baseline that cannot be written fails the run's report, not its
/// findings: the error is printed.
fn finish(options: &RunOptions, total: &Outcome, status: RunStatus, streams: &mut Streams<'_>) {
    let end = if options.statistics {
        total.statistics.render(options.format, &total.summary)
    } else if options.format == Format::Human && options.fix == FixMode::Diff {
        String::new()
    } else {
        options.format.render_end(&Ending {
            summary: &total.summary,
            file_errors: &total.file_errors,
            successful: status != RunStatus::Failed,
            quiet: options.quiet,
            fixing: options.fix == FixMode::Apply,
            kept: &total.kept,
            parts: &total.output,
        })
    };
    let _ = streams.report.write_all(end.as_bytes());
    let _ = streams.report.flush();
    let _ = streams.text.flush();
    if let Some(path) = &options.write_baseline {
        let count = total.entries.len();
        match baseline::write(path, total.entries.clone()) {
            Ok(()) => {
                let _ = writeln!(
                    streams.errors,
                    "wrote {count} finding{} to the baseline `{}`",
                    if count == 1 { "" } else { "s" },
                    sanitize(&path.display().to_string())
                );
            }
            Err(error) => {
                let _ = writeln!(streams.errors, "error: {}", sanitize(&error.to_string()));
            }
        }
    }
    if let Some(path) = &options.step_summary {
        let markdown = crate::report::step_summary(&total.statistics, &total.summary);
        let appended = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .and_then(|mut file| file.write_all(markdown.as_bytes()));
        if let Err(error) = appended {
            let _ = writeln!(
                streams.errors,
                "warning: could not write the step summary to `{}`: {error}",
                sanitize(&path.display().to_string())
            );
        }
    }
}

fn run_job(
    name: &str,
    job: &Job,
    stdin: &Result<Vec<u8>, String>,
    config: &Config,
    options: &RunOptions,
    roots: &[PathBuf],
) -> Outcome {
    let (input, named) = match job {
        Job::Unvisitable(diagnostic) => return report(options, None, vec![(**diagnostic).clone()]),
        Job::Input(input, named) => (input, *named),
    };
    let writes = options.fix == FixMode::Apply;
    let (source, stamp) = match read_input(name, input, stdin, config, writes) {
        Ok(read) => read,
        Err(error) => {
            let message = match input {
                Input::Stdin => error.for_stdin(),
                Input::File(_) => error.to_string(),
            };
            let diagnostic = Diagnostic::file_error(
                READ_ERROR,
                name,
                format!("could not read `{name}`: {message}"),
                error.position(),
            );
            return report(options, None, vec![diagnostic]);
        }
    };
    let format = match engine::choose_format(&source, config, options.input_format) {
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
            return report(options, Some((&source, format)), vec![diagnostic]);
        }
    };
    if options.fix == FixMode::Report {
        let mut outcome = report(options, Some((&source, format)), checked.diagnostics);
        outcome.readable = true;
        return outcome;
    }

    let original = checked.diagnostics.clone();
    // A fix that was not written: the findings of the original text stand, since it is what
    // stays, after the reason.
    let failed = |diagnostic: Diagnostic| {
        let diagnostics = [vec![diagnostic], original.clone()].concat();
        let mut failed = report(options, Some((&source, format)), diagnostics);
        failed.readable = true;
        failed.write_failed = true;
        failed
    };
    let (fixed, applied, diagnostics) = match engine::fix(&source, format, rules, checked) {
        Ok(done) => done,
        Err(refusal) => {
            let message = format!("could not fix `{name}`: {refusal}");
            let mut diagnostic = Diagnostic::file_error(WRITE_ERROR, name, message, None);
            diagnostic
                .notes
                .push("the file was left as it was; this is a bug in wirelint".to_string());
            return failed(diagnostic);
        }
    };
    if options.fix == FixMode::Diff {
        let diff = TextDiff::from_lines(source.text(), fixed.text())
            .unified_diff()
            .header(name, name)
            .to_string();
        return Outcome {
            text: Some(diff.into_bytes()),
            readable: true,
            changed: applied > 0,
            ..Outcome::default()
        };
    }
    let mut outcome = report(options, Some((&fixed, format)), diagnostics);
    outcome.readable = true;
    outcome.summary.fixed = applied;
    match input {
        Input::Stdin => match source.encode(fixed.text()) {
            Ok(bytes) => outcome.text = Some(bytes),
            Err(problem) => {
                // A fix the input's encoding cannot write: the input goes out as it came.
                let error = WriteError::Io(io::Error::other(problem));
                let mut failed = failed(write_error(name, &error));
                failed.text = source.encode(source.text()).ok();
                return failed;
            }
        },
        Input::File(path) if applied > 0 => {
            let written = source
                .encode(fixed.text())
                .map_err(|problem| WriteError::Io(io::Error::other(problem)));
            let written = written.and_then(|bytes| within_roots(path, roots).map(|()| bytes));
            let written = written.and_then(|bytes| match &stamp {
                Some(stamp) => write_checked(path, &bytes, stamp),
                None => write_atomic(path, &bytes),
            });
            if let Err(error) = written {
                return failed(write_error(name, &error));
            }
            outcome.changed = true;
        }
        Input::File(_) => {}
    }
    outcome
}

/// The report of a file whose linting stopped on a bug in wirelint (a panic, whose message the
/// panic hook has printed on standard error): a `read-error` that says so, the file untouched.
fn internal_error(options: &RunOptions, name: &str) -> Outcome {
    let mut diagnostic = Diagnostic::file_error(
        READ_ERROR,
        name,
        format!("could not lint `{name}`: wirelint stopped on an internal error"),
        None,
    );
    diagnostic.notes.push(
        "this is a bug in wirelint; the file was left as it was and the other files were linted"
            .to_string(),
    );
    diagnostic.help = Some("please report it with the file that caused it".to_string());
    let mut outcome = report(options, None, vec![diagnostic]);
    outcome.write_failed = true;
    outcome
}

/// Read one input: a file, with its stamp when it may be written (for the check before a fixed
/// file is written), or standard input, read once before the run.
fn read_input(
    name: &str,
    input: &Input,
    stdin: &Result<Vec<u8>, String>,
    config: &Config,
    writes: bool,
) -> Result<(Source, Option<Stamp>), SourceError> {
    let (max, encoding) = (config.max_file_size, config.encoding_for(name));
    match input {
        Input::File(path) if writes => {
            Source::read_stamped(path, max, encoding).map(|(source, stamp)| (source, Some(stamp)))
        }
        Input::File(path) => Source::read_as(path, max, encoding).map(|source| (source, None)),
        Input::Stdin => match stdin {
            Ok(bytes) => Source::decode(name, bytes.clone(), max, encoding).map(|s| (s, None)),
            Err(error) => Err(io::Error::other(error.clone()).into()),
        },
    }
}

/// A fixed file is written only when its real path is within the real paths given on the
/// command line: a symbolic link followed in a walk never leads `--fix` outside the tree.
fn within_roots(path: &std::path::Path, roots: &[PathBuf]) -> Result<(), WriteError> {
    if is_within(path, roots) {
        Ok(())
    } else {
        Err(WriteError::Outside)
    }
}

/// The `write-error` diagnostic for a fixed file that could not be written.
fn write_error(name: &str, error: &WriteError) -> Diagnostic {
    if let WriteError::ChangedDuringRename = error {
        let message = format!("`{name}` changed while its fixes were written");
        let mut diagnostic = Diagnostic::file_error(WRITE_ERROR, name, message, None);
        diagnostic.notes.push(error.to_string());
        return diagnostic;
    }
    let message = format!("could not write the fixes to `{name}`: {error}");
    let mut diagnostic = Diagnostic::file_error(WRITE_ERROR, name, message, None);
    diagnostic
        .notes
        .push("the file was left as it was".to_string());
    diagnostic
}

/// Count one file's diagnostics (those a baseline records set aside), record them for a new
/// baseline, and render those `--quiet` lets through (none under `--statistics`). `read` is the
/// file's text and the format it was read as, when it was read.
fn report(
    options: &RunOptions,
    read: Option<(&Source, InputFormat)>,
    diagnostics: Vec<Diagnostic>,
) -> Outcome {
    let (source, format) = read.unzip();
    let mut outcome = Outcome::default();
    let diagnostics = baseline_filter(options, source, diagnostics, &mut outcome);
    outcome.summary.files = 1;
    outcome.summary.add(&diagnostics);
    outcome.statistics.add(&diagnostics);
    outcome.file_errors = diagnostics
        .iter()
        .filter(|d| d.rule == READ_ERROR || d.rule == WRITE_ERROR)
        .cloned()
        .collect();
    if !options.statistics {
        let shown: Vec<Diagnostic> = diagnostics
            .into_iter()
            .filter(|d| !options.quiet || options.deny_warnings || d.level == Level::Error)
            .collect();
        outcome.output = options
            .format
            .render_file_styled(source, format, &shown, &options.style);
        if !options.format.streams() {
            outcome.kept = shown;
        }
    }
    outcome
}

/// Under `--write-baseline`, record every finding and keep none; under `--baseline`, keep
/// those it does not record. Either way, count the findings set aside.
fn baseline_filter(
    options: &RunOptions,
    source: Option<&Source>,
    diagnostics: Vec<Diagnostic>,
    outcome: &mut Outcome,
) -> Vec<Diagnostic> {
    if options.write_baseline.is_some() {
        outcome.entries = baseline::entries(source, &diagnostics);
        let recorded = outcome.entries.len();
        outcome.summary.baselined = recorded;
        let (kept, _): (Vec<Diagnostic>, Vec<Diagnostic>) = diagnostics
            .into_iter()
            .partition(|d| d.rule == READ_ERROR || d.rule == WRITE_ERROR);
        return kept;
    }
    match &options.baseline {
        Some(known) => {
            let (kept, hidden) = known.filter(source, diagnostics);
            outcome.summary.baselined = hidden;
            kept
        }
        None => diagnostics,
    }
}
