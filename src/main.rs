//! The `wirelint` command line.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use wirelint::config::{CONFIG_FILE_NAME, Config, ConfigError};
use wirelint::formats::InputFormat;
use wirelint::report::Format;
use wirelint::rule::RuleCard;
use wirelint::runner::{FixMode, RunOptions, RunStatus, run};

/// A consistency linter for news wire reports.
#[derive(Parser)]
#[command(name = "wirelint", version)]
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
    /// Run the language server on standard input and output, for editors
    Server,
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
    /// Apply the safe fixes to the files (to standard output for `-`), then report what remains
    #[arg(long, conflicts_with = "diff")]
    fix: bool,
    /// Print a unified diff of what `--fix` would change, and change nothing
    #[arg(long)]
    diff: bool,
    /// Print only error-level diagnostics (and warnings under `--deny-warnings`), no summary
    #[arg(short, long)]
    quiet: bool,
    /// The name standard input is shown under
    #[arg(long, value_name = "NAME", default_value = "<stdin>")]
    stdin_filename: String,
    /// Read every input as this format, whatever its name and content
    #[arg(long, value_name = "FORMAT", value_parser = parse_input_format)]
    input_format: Option<InputFormat>,
}

/// An `--input-format` value: one of the formats' names.
fn parse_input_format(name: &str) -> Result<InputFormat, String> {
    InputFormat::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = InputFormat::ALL.iter().map(|f| f.name()).collect();
        format!("expected one of {}", names.join(", "))
    })
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Exit status: no error-level finding (with `--diff`: nothing to change, every file read).
const CLEAN: u8 = 0;
/// Exit status: at least one error-level finding (or warning under `--deny-warnings`; with
/// `--diff`: something to change, or a file that could not be read).
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
    // Under `auto`, colour follows the stream the report goes to: standard error for config
    // errors, and for the report when standard output carries a fixed article or a diff.
    let paints = |terminal: bool| match cli.lint.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && std::env::var_os("NO_COLOR").is_none(),
    };
    let text_on_stdout =
        cli.lint.diff || (cli.lint.fix && cli.lint.paths.iter().any(|p| p.as_os_str() == "-"));
    let color = paints(if text_on_stdout {
        io::stderr().is_terminal()
    } else {
        io::stdout().is_terminal()
    });
    let error_color = paints(io::stderr().is_terminal());
    // `init` and `explain` need no config, so a broken one cannot stop them.
    let status = match cli.command {
        Some(Command::Explain { rule }) => {
            let start = first_path.as_deref().unwrap_or(Path::new("."));
            explain(
                &rule,
                || load_config(cli.config.as_deref(), start),
                error_color,
            )
        }
        Some(Command::Init { force }) => init(force),
        Some(Command::Server) => server(cli.config),
        Some(Command::Rules) | None => {
            let start = first_path.as_deref().unwrap_or(Path::new("."));
            match load_config(cli.config.as_deref(), start) {
                Ok(config) if cli.command.is_some() => list_rules(&config),
                Ok(config) => lint(&cli.lint, &config, color),
                Err(error) => {
                    print_config_error(&error, error_color);
                    FAILED
                }
            }
        }
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

fn print_config_error(error: &ConfigError, color: bool) {
    match error.diagnostic() {
        Some((source, diagnostic)) => {
            eprint!(
                "{}",
                Format::Human.render_file(Some(source), &[diagnostic], color)
            );
        }
        None => eprintln!("error: {error}"),
    }
}

fn lint(args: &LintArgs, config: &Config, color: bool) -> u8 {
    let options = RunOptions {
        format: args.format,
        color,
        quiet: args.quiet,
        deny_warnings: args.deny_warnings,
        fix: match (args.fix, args.diff) {
            (_, true) => FixMode::Diff,
            (true, false) => FixMode::Apply,
            (false, false) => FixMode::Report,
        },
        stdin_filename: args.stdin_filename.clone(),
        input_format: args.input_format,
    };
    let status = run(
        &args.paths,
        config,
        &options,
        &mut io::stdout().lock(),
        &mut io::stderr().lock(),
    );
    match status {
        RunStatus::Clean => CLEAN,
        RunStatus::Found => FOUND,
        RunStatus::Failed => FAILED,
    }
}

fn server(config: Option<PathBuf>) -> u8 {
    match wirelint::server::run_stdio(config) {
        Ok(()) => CLEAN,
        // The protocol's exit code for an `exit` that came without `shutdown`.
        Err(wirelint::server::ServerError::NoShutdown) => FOUND,
        Err(error) => {
            eprintln!("error: {error}");
            FAILED
        }
    }
}

fn list_rules(config: &Config) -> u8 {
    let width = config
        .rules
        .all()
        .map(|(name, _)| name.len())
        .max()
        .unwrap_or(0);
    for (name, level) in config.rules.all() {
        let summary = config.card(name).map_or("", |card| card.summary.as_str());
        println!("{name:width$}  {:5}  {summary}", level.as_str());
    }
    CLEAN
}

/// Explain a built-in rule (no config needed, so a broken one cannot stop it), else a house
/// style rule of the config.
fn explain(rule: &str, config: impl FnOnce() -> Result<Config, ConfigError>, color: bool) -> u8 {
    let print = |card: &RuleCard| {
        println!(
            "# {}\n\n{}\n\nDefault level: `{}`.\n\n{}",
            card.name,
            card.summary,
            card.level.as_str(),
            card.docs.trim_end()
        );
        CLEAN
    };
    if let Some((_, card)) = wirelint::rules::find(rule) {
        return print(card);
    }
    match config() {
        Ok(config) => match config.card(rule) {
            Some(card) => print(card),
            None => {
                eprintln!(
                    "error: unknown rule `{rule}`\n  = help: `wirelint rules` lists the rules"
                );
                FAILED
            }
        },
        Err(error) => {
            print_config_error(&error, color);
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
