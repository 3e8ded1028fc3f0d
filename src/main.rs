//! The `wirelint` command line.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use wirelint::baseline::Baseline;
use wirelint::config::{CONFIG_FILE_NAME, Config, ConfigError};
use wirelint::formats::InputFormat;
use wirelint::report::{DEFAULT_WIDTH, Format, Style, sanitize};
use wirelint::rule::RuleCard;
use wirelint::rules::docs_url;
use wirelint::runner::{FixMode, RunOptions, RunStatus, Streams, run};
use wirelint::walk::WalkOptions;

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
    /// Ignore every config file: the built-in defaults only
    #[arg(long, global = true, conflicts_with = "config")]
    isolated: bool,
    /// Say on standard error which config file is in use
    #[arg(short, long, global = true)]
    verbose: bool,
}

#[derive(Subcommand)]
enum Command {
    /// List the rules with their levels, whether they fix, and their summaries
    Rules {
        /// `text`, or `json` (an array of `{name, level, default_level, fixable, summary, url}`)
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
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
    /// Show the article model of files as JSON, one document a file (see
    /// `schemas/inspect.schema.json`)
    Inspect(InspectArgs),
}

#[derive(Args)]
struct InspectArgs {
    /// Files to inspect; `-` reads standard input
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,
    /// Output format (JSON only)
    #[arg(long, value_enum, default_value_t = InspectFormat::Json)]
    format: InspectFormat,
    /// Indent the JSON
    #[arg(long)]
    pretty: bool,
    /// Read every input as this format, whatever its name and content
    #[arg(long, value_name = "FORMAT", value_parser = parse_input_format)]
    input_format: Option<InputFormat>,
    /// The name standard input is shown under
    #[arg(long, value_name = "NAME", default_value = "<stdin>")]
    stdin_filename: String,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum InspectFormat {
    Json,
}

#[derive(Args)]
struct LintArgs {
    /// Files and directories to lint; `-` reads standard input (the default when it is piped
    /// or redirected from a file, else `.`)
    #[arg(value_name = "PATH")]
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
    /// Exit 0 even when something is found (2 still says wirelint could not do its job)
    #[arg(long)]
    exit_zero: bool,
    /// Write the report to FILE instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Print how many findings each rule made, instead of the findings
    #[arg(long)]
    statistics: bool,
    /// Report only the findings this baseline (written by `--write-baseline`) does not record
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record today's findings in FILE, a baseline for `--baseline`, and report none of them
    #[arg(long, value_name = "FILE", conflicts_with_all = ["baseline", "fix", "diff"])]
    write_baseline: Option<PathBuf>,
    /// Follow symbolic links inside directories (skipped by default)
    #[arg(long)]
    follow_links: bool,
    /// Do not read `.gitignore` and `.ignore` files
    #[arg(long)]
    no_ignore: bool,
    /// Skip files named on the command line that `exclude` matches (for pre-commit hooks)
    #[arg(long)]
    force_exclude: bool,
    /// Run only these rules (comma-separated; a rule that is off runs at its default level)
    #[arg(long, value_name = "RULE,...", value_delimiter = ',')]
    select: Option<Vec<String>>,
    /// Do not run these rules (comma-separated)
    #[arg(long, value_name = "RULE,...", value_delimiter = ',')]
    ignore: Vec<String>,
}

/// An `--input-format` value: one of the formats' names.
fn parse_input_format(name: &str) -> Result<InputFormat, String> {
    InputFormat::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = InputFormat::ALL.iter().map(|f| f.name()).collect();
        format!("expected one of {}", names.join(", "))
    })
}

/// How `wirelint rules` prints the list.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ListFormat {
    Text,
    Json,
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
    let mut cli = Cli::parse();
    if cli.lint.paths.is_empty() {
        let default = if stdin_is_piped() { "-" } else { "." };
        cli.lint.paths.push(PathBuf::from(default));
    }
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
    // The report goes to `--output`, else to standard error when standard output carries
    // text, else to standard output; it is coloured and as wide as a terminal only there.
    let terminal = match (&cli.lint.output, text_on_stdout) {
        (Some(_), _) => false,
        (None, true) => io::stderr().is_terminal(),
        (None, false) => io::stdout().is_terminal(),
    };
    let width = match (&cli.lint.output, text_on_stdout) {
        (None, true) if terminal => terminal_size::terminal_size_of(io::stderr()),
        (None, false) if terminal => terminal_size::terminal_size_of(io::stdout()),
        _ => None,
    }
    .map_or(DEFAULT_WIDTH, |(width, _)| usize::from(width.0));
    let style = Style {
        color: paints(terminal),
        width,
    };
    let error_color = paints(io::stderr().is_terminal());
    // `init` and `explain` need no config, so a broken one cannot stop them.
    let status = match cli.command {
        Some(Command::Explain { rule }) => {
            let start = first_path.as_deref().unwrap_or(Path::new("."));
            explain(
                &rule,
                || load_config(cli.config.as_deref(), start, cli.isolated, false),
                error_color,
            )
        }
        Some(Command::Init { force }) => init(force),
        Some(Command::Server) => server(cli.config),
        Some(Command::Inspect(args)) => {
            let start = args.paths.iter().find(|p| p.as_os_str() != "-");
            match load_config(
                cli.config.as_deref(),
                start.map_or(Path::new("."), |p| p),
                cli.isolated,
                cli.verbose,
            ) {
                Ok(config) => inspect(&args, &config),
                Err(error) => {
                    print_config_error(&error, error_color);
                    FAILED
                }
            }
        }
        Some(Command::Rules { .. }) | None => {
            let start = first_path.as_deref().unwrap_or(Path::new("."));
            let explicit = cli.config.as_deref();
            let loaded = load_config(explicit, start, cli.isolated, cli.verbose)
                .and_then(|config| select_rules(config, &cli.lint));
            match loaded {
                Ok(config) => match cli.command {
                    Some(Command::Rules { format }) => list_rules(&config, format),
                    _ => lint(&cli.lint, &config, style, text_on_stdout),
                },
                Err(error) => {
                    print_config_error(&error, error_color);
                    FAILED
                }
            }
        }
    };
    ExitCode::from(status)
}

/// The config given with `--config`, else the one discovered from `start` (none under
/// `--isolated`), else the built-in defaults; under `--verbose`, which one is named on stderr.
fn load_config(
    explicit: Option<&Path>,
    start: &Path,
    isolated: bool,
    verbose: bool,
) -> Result<Config, ConfigError> {
    let path = match explicit {
        Some(path) => Some(path.to_path_buf()),
        None if isolated => None,
        None => Config::discover(start),
    };
    if verbose {
        match &path {
            Some(path) => eprintln!("wirelint: using config `{}`", path.display()),
            None if isolated => eprintln!("wirelint: using the built-in defaults (--isolated)"),
            None => {
                eprintln!("wirelint: using the built-in defaults (no `{CONFIG_FILE_NAME}` found)")
            }
        }
    }
    match path {
        Some(path) => Config::load(&path),
        None => Ok(Config::default()),
    }
}

/// Whether standard input is a pipe or a file (`cmd | wirelint`, `wirelint < story.txt`), not
/// a terminal, `/dev/null` or closed, as in CI: only then is it read when no path is given.
fn stdin_is_piped() -> bool {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        use std::os::unix::fs::FileTypeExt;
        let Ok(fd) = io::stdin().as_fd().try_clone_to_owned() else {
            return false;
        };
        std::fs::File::from(fd)
            .metadata()
            .is_ok_and(|m| m.file_type().is_fifo() || m.file_type().is_file())
    }
    #[cfg(not(unix))]
    {
        !io::stdin().is_terminal()
    }
}

/// The config with only the rules `--select` names and none that `--ignore` names.
fn select_rules(mut config: Config, args: &LintArgs) -> Result<Config, ConfigError> {
    config.restrict(args.select.as_deref(), &args.ignore)?;
    Ok(config)
}

fn print_config_error(error: &ConfigError, color: bool) {
    match error.diagnostic() {
        Some((source, diagnostic)) => {
            eprint!(
                "{}",
                Format::Human.render_file(Some(source), &[diagnostic], color)
            );
        }
        None => eprintln!("error: {}", sanitize(&error.to_string())),
    }
}

fn lint(args: &LintArgs, config: &Config, style: Style, text_on_stdout: bool) -> u8 {
    let baseline = match args.baseline.as_deref().map(Baseline::load).transpose() {
        Ok(baseline) => baseline.map(Arc::new),
        Err(error) => {
            eprintln!("error: {}", sanitize(&error.to_string()));
            return FAILED;
        }
    };
    let step_summary = match args.format {
        Format::Github => std::env::var_os("GITHUB_STEP_SUMMARY")
            .filter(|path| !path.is_empty())
            .map(PathBuf::from),
        _ => None,
    };
    let options = RunOptions {
        format: args.format,
        style,
        quiet: args.quiet,
        deny_warnings: args.deny_warnings,
        fix: match (args.fix, args.diff) {
            (_, true) => FixMode::Diff,
            (true, false) => FixMode::Apply,
            (false, false) => FixMode::Report,
        },
        stdin_filename: args.stdin_filename.clone(),
        input_format: args.input_format,
        statistics: args.statistics,
        baseline,
        write_baseline: args.write_baseline.clone(),
        step_summary,
        walk: WalkOptions {
            follow_links: args.follow_links,
            no_ignore: args.no_ignore,
            force_exclude: args.force_exclude,
        },
    };
    let mut report: Box<dyn Write> = match &args.output {
        Some(path) => match std::fs::File::create(path) {
            Ok(file) => Box::new(io::BufWriter::new(file)),
            Err(error) => {
                let name = sanitize(&path.display().to_string()).into_owned();
                eprintln!("error: could not write the report to `{name}`: {error}");
                return FAILED;
            }
        },
        None if text_on_stdout => Box::new(io::stderr()),
        None => Box::new(io::stdout().lock()),
    };
    let mut streams = Streams {
        text: &mut io::stdout(),
        report: &mut *report,
        errors: &mut io::stderr(),
    };
    let status = run(&args.paths, config, &options, &mut streams);
    if let Err(error) = report.flush() {
        eprintln!("error: could not write the report: {error}");
        return FAILED;
    }
    match status {
        RunStatus::Clean => CLEAN,
        RunStatus::Found if args.exit_zero => CLEAN,
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

fn inspect(args: &InspectArgs, config: &Config) -> u8 {
    let InspectFormat::Json = args.format;
    let done = wirelint::inspect::run(
        &args.paths,
        &args.stdin_filename,
        config,
        args.input_format,
        args.pretty,
        &mut io::stdout().lock(),
        &mut io::stderr().lock(),
    );
    match done {
        Ok(true) => CLEAN,
        Ok(false) => FAILED,
        // The reader stopped reading (`| head`): what it wanted was written.
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => CLEAN,
        Err(error) => {
            eprintln!("error: could not write the output: {error}");
            FAILED
        }
    }
}

fn list_rules(config: &Config, format: ListFormat) -> u8 {
    let rules: Vec<(&str, _, Option<&RuleCard>)> = config
        .rules
        .all()
        .map(|(name, level)| (name, level, config.card(name)))
        .collect();
    if format == ListFormat::Json {
        let list: Vec<serde_json::Value> = rules
            .iter()
            .map(|(name, level, card)| {
                serde_json::json!({
                    "name": name,
                    "level": level.as_str(),
                    "default_level": card.map(|card| card.level.as_str()),
                    "fixable": card.is_some_and(|card| card.fixable),
                    "summary": card.map(|card| card.summary.as_str()),
                    "url": docs_url(name),
                })
            })
            .collect();
        println!("{}", serde_json::Value::Array(list));
        return CLEAN;
    }
    let width = rules
        .iter()
        .map(|(name, _, _)| name.len())
        .max()
        .unwrap_or(0);
    for (name, level, card) in rules {
        let fixable = if card.is_some_and(|card| card.fixable) {
            "fixable"
        } else {
            ""
        };
        let summary = card.map_or("", |card| card.summary.as_str());
        println!(
            "{name:width$}  {:7}  {fixable:7}  {summary}",
            level.as_str()
        );
    }
    CLEAN
}

/// What wirelint itself reports, besides the rules: name, summary and documentation.
const OWN_DIAGNOSTICS: [(&str, &str, &str); 3] = [
    (
        wirelint::diagnostic::READ_ERROR,
        "a file (or standard input) could not be read or decoded",
        "A file that is missing, unreadable, empty or blank, binary (a NUL byte), not UTF-8, or \
         over `max-file-size` is reported with its path and, where there is one, the place of the \
         first bad byte. The other files are still linted; the run exits 1, or 2 when no input \
         at all could be read. Fix the file, or leave it out with `exclude`.",
    ),
    (
        wirelint::diagnostic::WRITE_ERROR,
        "the fixes to a file could not be written",
        "Under `--fix`, a file whose fixed text could not be written is left exactly as it was: \
         it is read-only or not yours to replace, it has other hard links, it changed while it \
         was being fixed, its real path is outside the paths given on the command line, or the \
         disk is full. The findings of the unchanged file are shown, and the run exits 2.",
    ),
    (
        wirelint::suppress::UNUSED_SUPPRESSION,
        "a suppression comment that silences nothing",
        "A `<!-- wirelint-disable-next-line RULE -->` or `<!-- wirelint-disable RULE -->` \
         comment that silences no finding, or names a rule that does not exist, is reported so \
         that stale suppressions do not pile up. Remove the comment, or the names that silence \
         nothing.",
    ),
];

/// Explain a built-in rule (no config needed, so a broken one cannot stop it), else a house
/// style rule of the config.
fn explain(rule: &str, config: impl FnOnce() -> Result<Config, ConfigError>, color: bool) -> u8 {
    let print = |card: &RuleCard| {
        let languages = match card.languages.as_slice() {
            [] => String::new(),
            languages => format!(
                " Reads {}: not run on an article whose metadata names another language, or whose \
                 prose is reliably in another when the metadata names none.",
                languages
                    .iter()
                    .map(|l| format!("`{l}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        println!(
            "# {}\n\n{}\n\nDefault level: `{}`.{languages}\n\n{}",
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
    if let Some((name, summary, docs)) = OWN_DIAGNOSTICS.iter().find(|(name, ..)| *name == rule) {
        println!("# {name}\n\n{summary}\n\nReported by wirelint itself, not a rule.\n\n{docs}");
        return CLEAN;
    }
    match config() {
        Ok(config) => match config.card(rule) {
            Some(card) => print(card),
            None => {
                let help = suggest_name(rule, &config);
                eprintln!("error: unknown rule `{rule}`\n  = help: {help}");
                FAILED
            }
        },
        Err(error) => {
            print_config_error(&error, color);
            FAILED
        }
    }
}

/// A help line for an unknown name given to `explain`: the closest rule (built-in or house
/// style) or diagnostic of wirelint's own, or where to find them all.
fn suggest_name(rule: &str, config: &Config) -> String {
    let names = config
        .rules
        .all()
        .map(|(name, _)| name.to_string())
        .chain(OWN_DIAGNOSTICS.iter().map(|(name, ..)| name.to_string()));
    let closest = names
        .map(|name| (wirelint::text::edit_distance(rule, &name), name))
        .min()
        .filter(|(distance, _)| *distance <= 3);
    match closest {
        Some((_, name)) => format!("did you mean `{name}`?"),
        None => "`wirelint rules` lists the rules".to_string(),
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
