//! The `wirelint` command line.

use clap::{Args, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use wirelint::config::{CONFIG_FILE_NAME, Config, ConfigError};
use wirelint::diagnostic::{Diagnostic, Level};
use wirelint::engine::lint_source;
use wirelint::report::{Format, Summary};
use wirelint::rules::CARDS;
use wirelint::source::Source;
use wirelint::walk::{Input, collect_inputs};

/// A consistency linter for news wire reports.
#[derive(Parser)]
#[command(name = "wirelint", version, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    lint: LintArgs,
    /// Use this config file instead of the nearest `wirelint.toml`
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// List the rules with their levels and summaries
    Rules,
    /// Show a rule's documentation
    Explain {
        /// The rule's name, such as `malformed-header`
        rule: String,
    },
    /// Write a commented starter `wirelint.toml` in the current directory
    Init {
        /// Overwrite an existing `wirelint.toml`
        #[arg(long)]
        force: bool,
    },
}

#[derive(Args)]
struct LintArgs {
    /// Files and directories to lint; `-` reads standard input
    #[arg(value_name = "PATH", default_value = ".")]
    paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// When to colour the output (`auto`: only when standard output is a terminal)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Fail the run (exit 1) on warnings too
    #[arg(long)]
    deny_warnings: bool,
    /// Print only error-level diagnostics (and warnings under `--deny-warnings`), no summary
    #[arg(short, long)]
    quiet: bool,
    /// The name standard input is shown under
    #[arg(long, value_name = "NAME", default_value = "<stdin>")]
    stdin_filename: String,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Exit status: no error-level finding.
const CLEAN: u8 = 0;
/// Exit status: at least one error-level finding (or warning under `--deny-warnings`).
const FOUND: u8 = 1;
/// Exit status: wirelint could not do its job.
const FAILED: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let first_path = cli
        .lint
        .paths
        .iter()
        .find(|p| p.as_os_str() != "-")
        .cloned();
    let config = match load_config(
        cli.config.as_deref(),
        first_path.as_deref().unwrap_or(Path::new(".")),
    ) {
        Ok(config) => config,
        Err(error) => {
            print_config_error(&error);
            return ExitCode::from(FAILED);
        }
    };
    let status = match cli.command {
        Some(Command::Rules) => list_rules(&config),
        Some(Command::Explain { rule }) => explain(&rule),
        Some(Command::Init { force }) => init(force),
        None => lint(&cli.lint, &config),
    };
    ExitCode::from(status)
}

fn load_config(explicit: Option<&Path>, start: &Path) -> Result<Config, ConfigError> {
    match explicit
        .map(Path::to_path_buf)
        .or_else(|| Config::discover(start))
    {
        Some(path) => Config::load(&path),
        None => Ok(Config::default()),
    }
}

fn print_config_error(error: &ConfigError) {
    match error.diagnostic() {
        Some((source, diagnostic)) => {
            let color = io::stderr().is_terminal();
            eprint!(
                "{}",
                Format::Human.render_file(Some(source), &[diagnostic], color)
            );
        }
        None => eprintln!("error: {error}"),
    }
}

/// What linting one input gave: its printed output and, for formats that print at the end,
/// its diagnostics.
struct Outcome {
    path: String,
    output: String,
    kept: Vec<Diagnostic>,
    summary: Summary,
    readable: bool,
}

fn lint(args: &LintArgs, config: &Config) -> u8 {
    let (inputs, walk_errors) = collect_inputs(&args.paths, config);
    let stdin = if inputs.contains(&Input::Stdin) {
        let mut bytes = Vec::new();
        match io::stdin().read_to_end(&mut bytes) {
            Ok(_) => Ok(bytes),
            Err(error) => Err(error.to_string()),
        }
    } else {
        Ok(Vec::new())
    };
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let shown = |diagnostic: &Diagnostic| {
        !args.quiet || diagnostic.level == Level::Error || args.deny_warnings
    };
    let finish = |path: String, source: Option<&Source>, diagnostics: Vec<Diagnostic>| {
        let diagnostics: Vec<Diagnostic> = diagnostics.into_iter().filter(|d| shown(d)).collect();
        let mut summary = Summary {
            files: 1,
            ..Summary::default()
        };
        summary.add(&diagnostics);
        let output = args.format.render_file(source, &diagnostics, color);
        let kept = if args.format.streams() {
            Vec::new()
        } else {
            diagnostics
        };
        Outcome {
            path,
            output,
            kept,
            summary,
            readable: source.is_some(),
        }
    };

    let mut outcomes: Vec<Outcome> = inputs
        .par_iter()
        .map(|input| {
            let read = match input {
                Input::File(path) => Source::read(path, config.max_file_size)
                    .map_err(|e| (path.display().to_string(), e)),
                Input::Stdin => match &stdin {
                    Ok(bytes) => Source::from_bytes(
                        args.stdin_filename.as_str(),
                        bytes.clone(),
                        config.max_file_size,
                    )
                    .map_err(|e| (args.stdin_filename.clone(), e)),
                    Err(error) => Err((
                        args.stdin_filename.clone(),
                        io::Error::other(error.clone()).into(),
                    )),
                },
            };
            match read {
                Ok(source) => {
                    let diagnostics = lint_source(&source, &config.rules);
                    finish(source.name().to_string(), Some(&source), diagnostics)
                }
                Err((path, error)) => {
                    let diagnostic = Diagnostic::read_error(
                        &path,
                        format!("could not read `{path}`: {error}"),
                        error.position(),
                    );
                    finish(path, None, vec![diagnostic])
                }
            }
        })
        .collect();
    outcomes.extend(walk_errors.into_iter().map(|error| {
        let path = error.path.clone();
        let mut outcome = finish(path, None, vec![error]);
        outcome.summary.files = 0;
        outcome
    }));
    outcomes.sort_by(|a, b| a.path.cmp(&b.path));

    let mut summary = Summary::default();
    let mut kept = Vec::new();
    let mut stdout = io::stdout().lock();
    for outcome in &mut outcomes {
        summary.errors += outcome.summary.errors;
        summary.warnings += outcome.summary.warnings;
        summary.files += outcome.summary.files;
        kept.append(&mut outcome.kept);
        let _ = stdout.write_all(outcome.output.as_bytes());
    }
    if !args.quiet || args.format == Format::Json {
        let _ = stdout.write_all(args.format.render_end(&kept, &summary).as_bytes());
    }
    let _ = stdout.flush();

    if !outcomes.iter().any(|o| o.readable) {
        if outcomes.is_empty() {
            eprintln!(
                "error: no files to lint (directories are searched for files matching `include`: {})",
                config.include.patterns().join(", ")
            );
        }
        return FAILED;
    }
    if summary.errors > 0 || (args.deny_warnings && summary.warnings > 0) {
        FOUND
    } else {
        CLEAN
    }
}

fn list_rules(config: &Config) -> u8 {
    let width = CARDS.iter().map(|card| card.name.len()).max().unwrap_or(0);
    for ((name, level), card) in config.rules.all().zip(CARDS.iter()) {
        println!("{name:width$}  {:5}  {}", level.as_str(), card.summary);
    }
    CLEAN
}

fn explain(rule: &str) -> u8 {
    match wirelint::rules::find(rule) {
        Some((_, card)) => {
            println!(
                "# {}\n\n{}\n\nDefault level: `{}`.\n\n{}",
                card.name,
                card.summary,
                card.level.as_str(),
                card.docs.trim_end()
            );
            CLEAN
        }
        None => {
            eprintln!("error: unknown rule `{rule}`\n  = help: `wirelint rules` lists the rules");
            FAILED
        }
    }
}

fn init(force: bool) -> u8 {
    let path = Path::new(CONFIG_FILE_NAME);
    if path.exists() && !force {
        eprintln!(
            "error: `{CONFIG_FILE_NAME}` already exists\n  = help: pass `--force` to overwrite it"
        );
        return FAILED;
    }
    match std::fs::write(path, wirelint::config::starter_config()) {
        Ok(()) => {
            println!("wrote {CONFIG_FILE_NAME}");
            CLEAN
        }
        Err(error) => {
            eprintln!("error: could not write `{CONFIG_FILE_NAME}`: {error}");
            FAILED
        }
    }
}
