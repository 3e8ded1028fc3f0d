//! `wirelint.toml`: which files to lint, each rule's level and options. Errors point at the line
//! of the config file they are about.

use crate::diagnostic::{Finding, Level};
use crate::formats::InputFormat;
use crate::rule::{OptionError, Rule, RuleCard, RuleLevel};
use crate::rules::{BUILTIN, CARDS};
use crate::source::{DEFAULT_MAX_FILE_SIZE, Source, SourceError, TextEncoding};
use crate::span::Span;
use crate::style::{StyleError, StyleRule};
use crate::text::edit_distance;
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use serde::de::IntoDeserializer;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;
use thiserror::Error;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The files a directory walk lints when the config does not say: every format wirelint reads
/// (a walked `.xml` or `.json` file that is not a news item is skipped).
pub const DEFAULT_INCLUDE: &[&str] = &["*.txt", "*.md", "*.markdown", "*.xml", "*.json"];

/// The name of the config file wirelint looks for.
pub const CONFIG_FILE_NAME: &str = "wirelint.toml";

/// A loaded configuration: file selection, size limit, and the rules to run.
#[derive(Debug)]
pub struct Config {
    /// The file it was read from; `None` for the built-in defaults.
    pub path: Option<PathBuf>,
    /// Files found in directories are linted when they match one of these globs.
    pub include: Globs,
    /// Files and directories matching one of these globs are skipped.
    pub exclude: Globs,
    /// Files larger than this many bytes are refused.
    pub max_file_size: u64,
    /// The rules, with their levels and options.
    pub rules: RuleSet,
    /// Per-path settings, in the order written.
    overrides: Vec<Override>,
    /// The house style rules of the files `style` names, in path order.
    style: Vec<StyleRule>,
    /// The character encoding of the files (UTF-8 unless the config says otherwise).
    encoding: TextEncoding,
    /// The directory globs are relative to, made absolute once (see [`Config::relative_path`]).
    base: OnceLock<PathBuf>,
}

/// A list of glob patterns, compiled.
#[derive(Debug)]
pub struct Globs {
    patterns: Vec<String>,
    set: GlobSet,
}

impl Globs {
    fn new(patterns: Vec<String>) -> Result<Globs, (usize, globset::Error)> {
        let mut builder = GlobSetBuilder::new();
        for (i, pattern) in patterns.iter().enumerate() {
            builder.add(Glob::new(pattern).map_err(|e| (i, e))?);
        }
        let set = builder.build().map_err(|e| (0, e))?;
        Ok(Globs { patterns, set })
    }

    /// Whether `path` matches one of the globs.
    pub fn is_match(&self, path: &Path) -> bool {
        self.set.is_match(path)
    }

    /// The patterns as written.
    pub fn patterns(&self) -> &[String] {
        &self.patterns
    }
}

/// The rules of a configuration, in registry order, each with its level; those that are not
/// off are built with their options.
pub struct RuleSet {
    rules: Vec<ConfiguredRule>,
}

struct ConfiguredRule {
    name: String,
    level: RuleLevel,
    /// The card's level, for a rule that is off here and selected on the command line.
    default_level: RuleLevel,
    rule: Option<Box<dyn Rule>>,
}

/// A rule that runs: its name, level and checker.
pub struct ActiveRule<'a> {
    /// The rule's name.
    pub name: &'a str,
    /// The level of its diagnostics.
    pub level: Level,
    /// The checker.
    pub rule: &'a dyn Rule,
}

impl std::fmt::Debug for RuleSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map()
            .entries(self.all().map(|(name, level)| (name, level.as_str())))
            .finish()
    }
}

impl RuleSet {
    /// Every rule with its configured level, in registry order (the built-in rules, then the
    /// house style rules).
    pub fn all(&self) -> impl Iterator<Item = (&str, RuleLevel)> + '_ {
        self.rules.iter().map(|r| (r.name.as_str(), r.level))
    }

    /// Whether a rule of this name exists (at any level).
    pub fn contains(&self, name: &str) -> bool {
        self.rules.iter().any(|r| r.name == name)
    }

    /// Run only the rules `select` names, when given (a rule that is off runs at its card's
    /// level), and none that `ignore` names.
    fn restrict(&mut self, select: Option<&[String]>, ignore: &[String]) {
        for rule in &mut self.rules {
            let named = |names: &[String]| names.contains(&rule.name);
            if named(ignore) || select.is_some_and(|s| !named(s)) {
                rule.level = RuleLevel::Off;
            } else if select.is_some() && rule.level == RuleLevel::Off && rule.rule.is_some() {
                rule.level = rule.default_level;
            }
        }
    }

    /// The rules that run (those not `off`), in registry order.
    pub fn active(&self) -> impl Iterator<Item = ActiveRule<'_>> {
        self.rules.iter().filter_map(|r| {
            Some(ActiveRule {
                name: &r.name,
                level: r.level.level()?,
                rule: r.rule.as_deref()?,
            })
        })
    }
}

/// Why a configuration could not be loaded.
#[derive(Debug, Error)]
pub enum ConfigError {
    /// The config file could not be read.
    #[error("could not read config file `{}`: {error}", .path.display())]
    Read {
        /// The config file.
        path: PathBuf,
        /// What went wrong.
        error: SourceError,
    },
    /// A rule named on the command line (`--select`, `--ignore`) does not exist.
    #[error("unknown rule `{name}` in `{option}` ({help})")]
    UnknownRule {
        /// The name given.
        name: String,
        /// The option it was given to.
        option: &'static str,
        /// The closest known name, or where to find them.
        help: String,
    },
    /// A config built in code ([`ConfigBuilder`]) has a mistake: the message, without a place in
    /// a file that the caller never wrote.
    #[error("{message}")]
    Builder {
        /// What is wrong, and the help line when there is one.
        message: String,
    },
    /// The config file has a mistake, at a place in it.
    #[error("{}:{}:{}: {}", .file.name(), .file.position(.finding.primary.span.start).line, .file.position(.finding.primary.span.start).column, .finding.message)]
    Invalid {
        /// The config file's text.
        file: Box<Source>,
        /// What is wrong, and where.
        finding: Box<Finding>,
    },
}

/// The top-level keys of a config file, other than `rules`.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigFile {
    include: Option<Vec<Spanned<String>>>,
    exclude: Option<Vec<Spanned<String>>>,
    max_file_size: Option<u64>,
    style: Option<Vec<Spanned<String>>>,
    encoding: Option<TextEncoding>,
}

impl Default for Config {
    /// The built-in defaults: every rule at its card's level and options.
    fn default() -> Config {
        let source = Source::new("<defaults>", "");
        Config::parse(&source).unwrap_or_else(|e| panic!("the built-in defaults are invalid: {e}"))
    }
}

impl Config {
    /// A builder for a config in code (the library's counterpart of `wirelint.toml`).
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// Load the config file at `path`.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let source = Source::read(path, DEFAULT_MAX_FILE_SIZE).or_else(|error| match error {
            SourceError::Empty => Ok(Source::new(path.display().to_string(), "")),
            error => Err(ConfigError::Read {
                path: path.to_path_buf(),
                error,
            }),
        })?;
        let base = path.parent().unwrap_or(Path::new(""));
        let mut config = Config::parse_in(&source, base)?;
        config.path = Some(path.to_path_buf());
        Ok(config)
    }

    /// The nearest `wirelint.toml` in `start` (or its directory, if a file) or its ancestors,
    /// up to the root of the repository `start` is in (the first directory holding `.git`,
    /// `.hg` or `.jj`) and never above it. Outside a repository the search stops below the
    /// first directory that others may write to (such as `/tmp`), so that a file planted there
    /// is never taken.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        let start = std::path::absolute(start).ok()?;
        let dir = if start.is_dir() {
            start.as_path()
        } else {
            start.parent()?
        };
        for dir in dir.ancestors() {
            if shared_writable(dir) {
                return None;
            }
            let candidate = dir.join(CONFIG_FILE_NAME);
            if candidate.is_file() {
                return Some(candidate);
            }
            if is_repository_root(dir) {
                return None;
            }
        }
        None
    }

    /// Parse a config from its text (the source's name is used in errors); `style` globs are
    /// relative to the current directory.
    pub fn parse(source: &Source) -> Result<Config, ConfigError> {
        Config::parse_in(source, Path::new(""))
    }

    /// The house style rules the config's `style` globs load, in path order.
    pub fn style_rules(&self) -> &[StyleRule] {
        &self.style
    }

    /// The card of the rule called `name`: a built-in rule's, or a house style rule's.
    pub fn card(&self, name: &str) -> Option<&RuleCard> {
        CARDS
            .iter()
            .chain(self.style.iter().map(|rule| &rule.card))
            .find(|card| card.name == name)
    }

    /// Parse a config whose `style` globs are relative to `base` (empty: the current directory).
    fn parse_in(source: &Source, base: &Path) -> Result<Config, ConfigError> {
        let error = |span: Range<usize>, message: String, label: &str| {
            ConfigError::at(source, span, message, label, None)
        };
        let document = DeTable::parse(source.text()).map_err(|e| {
            let message = format!("invalid config: {}", e.message().trim_end());
            error(e.span().unwrap_or(0..0), message, "not valid TOML")
        })?;
        let document_span = document.span();
        let mut document = document.into_inner();
        let rules_table = document.remove("rules");
        let overrides_array = document.remove("overrides");
        let file: ConfigFile = deserialize_table(source, document_span, document)?;
        let include = globs(source, file.include, DEFAULT_INCLUDE)?;
        let exclude = globs(source, file.exclude, &[])?;
        let style = load_style(source, base, file.style.unwrap_or_default())?;
        let cards: Vec<&RuleCard> = CARDS
            .iter()
            .chain(style.iter().map(|rule| &rule.card))
            .collect();

        let mut settings: Vec<RuleSettings<'_>> = cards
            .iter()
            .map(|card| RuleSettings {
                level: card.level,
                span: 0..0,
                options: card.options.clone(),
            })
            .collect();
        if let Some(rules) = rules_table {
            apply_rules_table(source, &cards, &mut settings, rules)?;
        }

        let mut overrides = Vec::new();
        if let Some(array) = overrides_array {
            let span = array.span();
            let DeValue::Array(array) = array.into_inner() else {
                return Err(error(
                    span,
                    "`overrides` must be an array of tables".into(),
                    "expected `[[overrides]]`",
                ));
            };
            for entry in array {
                let span = entry.span();
                let DeValue::Table(mut table) = entry.into_inner() else {
                    return Err(error(
                        span,
                        "an override must be a table".into(),
                        "expected `[[overrides]]`",
                    ));
                };
                let rules_table = table.remove("rules");
                let head: OverrideHead = deserialize_table(source, span.clone(), table)?;
                if head.files.is_empty() {
                    return Err(error(
                        span,
                        "an override needs `files`".into(),
                        "this override applies to no file",
                    ));
                }
                let files = globs(source, Some(head.files), &[])?;
                let format = head
                    .format
                    .map(|name| {
                        InputFormat::from_name(name.get_ref()).ok_or_else(|| {
                            let names: Vec<&str> =
                                InputFormat::ALL.iter().map(|f| f.name()).collect();
                            error(
                                name.span(),
                                format!("unknown format `{}`", name.get_ref()),
                                &format!("expected one of {}", names.join(", ")),
                            )
                        })
                    })
                    .transpose()?;
                let mut override_settings = settings.clone();
                if let Some(rules) = rules_table {
                    apply_rules_table(source, &cards, &mut override_settings, rules)?;
                }
                overrides.push(Override {
                    files,
                    format,
                    encoding: head.encoding,
                    rules: build_rule_set(source, &style, override_settings)?,
                });
            }
        }

        Ok(Config {
            path: None,
            include,
            exclude,
            max_file_size: file.max_file_size.unwrap_or(DEFAULT_MAX_FILE_SIZE),
            rules: build_rule_set(source, &style, settings)?,
            overrides,
            style,
            encoding: file.encoding.unwrap_or_default(),
            base: OnceLock::new(),
        })
    }

    /// Run only the rules `select` names (when given) and none that `ignore` names, for every
    /// file (overrides included): the command line's `--select` and `--ignore`.
    pub fn restrict(
        &mut self,
        select: Option<&[String]>,
        ignore: &[String],
    ) -> Result<(), ConfigError> {
        let lists = [
            ("--select", select.unwrap_or_default()),
            ("--ignore", ignore),
        ];
        for (option, names) in lists {
            if let Some(name) = names.iter().find(|name| !self.rules.contains(name)) {
                let cards: Vec<&RuleCard> = CARDS
                    .iter()
                    .chain(self.style.iter().map(|rule| &rule.card))
                    .collect();
                return Err(ConfigError::UnknownRule {
                    name: name.clone(),
                    option,
                    help: suggest_rule(&cards, name),
                });
            }
        }
        self.rules.restrict(select, ignore);
        for o in &mut self.overrides {
            o.rules.restrict(select, ignore);
        }
        Ok(())
    }

    /// The rules for the file at `path` (as given on the command line, or the name of a text
    /// linted from memory): those of the last `[[overrides]]` whose `files` match it, else the
    /// config's own. Paths are matched relative to the config file's directory.
    pub fn rules_for(&self, path: &str) -> &RuleSet {
        self.last_override(path, |_| true)
            .map_or(&self.rules, |o| &o.rules)
    }

    /// The character encoding of the file at `path`: the last matching `[[overrides]]` entry's
    /// `encoding`, else the config's.
    pub fn encoding_for(&self, path: &str) -> TextEncoding {
        self.last_override(path, |o| o.encoding.is_some())
            .and_then(|o| o.encoding)
            .unwrap_or(self.encoding)
    }

    /// The format the last `[[overrides]]` that matches `path` and names a `format` gives it.
    pub fn format_for(&self, path: &str) -> Option<InputFormat> {
        self.last_override(path, |o| o.format.is_some())
            .and_then(|o| o.format)
    }

    /// The last `[[overrides]]` entry that matches `path` and `wanted`.
    fn last_override(&self, path: &str, wanted: impl Fn(&Override) -> bool) -> Option<&Override> {
        if self.overrides.is_empty() {
            return None;
        }
        let relative = self.relative_path(Path::new(path));
        self.overrides
            .iter()
            .rev()
            .find(|o| wanted(o) && o.files.is_match(&relative))
    }

    /// `path` as the config's globs see it: relative to the config file's directory (to the
    /// current directory for the built-in defaults), or as given when it is outside.
    pub fn relative_path(&self, path: &Path) -> PathBuf {
        let base = self
            .base
            .get_or_init(|| match self.path.as_deref().and_then(Path::parent) {
                Some(dir) => absolute(dir),
                None => absolute(Path::new(".")),
            });
        match absolute(path).strip_prefix(base) {
            Ok(inside) => inside.to_path_buf(),
            Err(_) => path.to_path_buf(),
        }
    }

    /// Whether `exclude` matches `path` or one of its directories (for `--force-exclude`).
    pub fn excludes(&self, path: &Path) -> bool {
        let relative = self.relative_path(path);
        relative
            .ancestors()
            .filter(|p| !p.as_os_str().is_empty())
            .any(|p| self.exclude.is_match(p))
    }
}

/// `path` made absolute, with `.` and `..` resolved by their names (no file system access but
/// reading the current directory, once a run).
pub fn absolute(path: &Path) -> PathBuf {
    static CURRENT: OnceLock<Option<PathBuf>> = OnceLock::new();
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        match CURRENT.get_or_init(|| std::env::current_dir().ok()) {
            Some(current) => current.join(path),
            None => path.to_path_buf(),
        }
    };
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Whether `dir` is the root of a Git, Mercurial or Jujutsu repository.
fn is_repository_root(dir: &Path) -> bool {
    [".git", ".hg", ".jj"]
        .iter()
        .any(|marker| dir.join(marker).symlink_metadata().is_ok())
}

/// Whether users other than its owner may create files in `dir` (as in `/tmp`).
fn shared_writable(dir: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        dir.metadata()
            .is_ok_and(|m| m.permissions().mode() & 0o002 != 0)
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        false
    }
}

/// Builds a [`Config`] in code, with the same checks as a config file:
///
/// ```
/// use wirelint::config::Config;
/// use wirelint::rule::RuleLevel;
///
/// let config = Config::builder()
///     .level("malformed-header", RuleLevel::Warn)
///     .option("malformed-header", "required", true)
///     .build()
///     .unwrap();
/// assert_eq!(config.rules.active().next().map(|rule| rule.name), Some("malformed-header"));
/// ```
#[derive(Default)]
pub struct ConfigBuilder {
    document: toml::Table,
}

impl ConfigBuilder {
    /// Set a top-level setting (`include`, `exclude`, `max-file-size`).
    pub fn setting(mut self, key: &str, value: impl Into<toml::Value>) -> ConfigBuilder {
        self.document.insert(key.to_string(), value.into());
        self
    }

    /// Set a rule's level.
    pub fn level(self, rule: &str, level: RuleLevel) -> ConfigBuilder {
        self.option(rule, "level", level.as_str())
    }

    /// Set one of a rule's options (names as in the rule's card, such as `required`).
    pub fn option(mut self, rule: &str, key: &str, value: impl Into<toml::Value>) -> ConfigBuilder {
        let rules = self
            .document
            .entry("rules")
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        if let toml::Value::Table(rules) = rules {
            let table = rules
                .entry(rule.to_string())
                .or_insert_with(|| toml::Value::Table(toml::Table::new()));
            if let toml::Value::Table(table) = table {
                table.insert(key.to_string(), value.into());
            }
        }
        self
    }

    /// The config, or what is wrong with it (an unknown rule or option, a bad value).
    pub fn build(self) -> Result<Config, ConfigError> {
        let text = toml::to_string(&self.document).unwrap_or_default();
        Config::parse(&Source::new("<config builder>", text)).map_err(|error| match error {
            ConfigError::Invalid { finding, .. } => ConfigError::Builder {
                message: match &finding.help {
                    Some(help) => format!("{} ({help})", finding.message),
                    None => finding.message.clone(),
                },
            },
            other => other,
        })
    }
}

/// One `[[overrides]]` entry: the files it applies to, the format and encoding they are read
/// in, and their rules.
#[derive(Debug)]
struct Override {
    files: Globs,
    format: Option<InputFormat>,
    encoding: Option<TextEncoding>,
    rules: RuleSet,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OverrideHead {
    files: Vec<Spanned<String>>,
    format: Option<Spanned<String>>,
    encoding: Option<TextEncoding>,
}

/// Deserialize a table of the config into `T`, pointing errors at the config's line.
fn deserialize_table<T: serde::de::DeserializeOwned>(
    source: &Source,
    span: Range<usize>,
    table: DeTable<'_>,
) -> Result<T, ConfigError> {
    T::deserialize(Spanned::new(span, table).into_deserializer()).map_err(|e| {
        let message = format!("invalid config: {}", e.message().trim_end());
        ConfigError::at(
            source,
            e.span().unwrap_or(0..0),
            message,
            "not accepted here",
            None,
        )
    })
}

/// Compile glob patterns (or `default` when there are none), pointing at a bad one.
fn globs(
    source: &Source,
    patterns: Option<Vec<Spanned<String>>>,
    default: &[&str],
) -> Result<Globs, ConfigError> {
    let patterns = patterns.unwrap_or_else(|| {
        default
            .iter()
            .map(|p| Spanned::new(0..0, p.to_string()))
            .collect()
    });
    let spans: Vec<Range<usize>> = patterns.iter().map(Spanned::span).collect();
    let patterns = patterns.into_iter().map(Spanned::into_inner).collect();
    Globs::new(patterns).map_err(|(i, e)| {
        let span = spans.get(i).cloned().unwrap_or(0..0);
        ConfigError::at(
            source,
            span,
            format!("invalid glob: {}", e.kind()),
            "not a valid glob",
            None,
        )
    })
}

/// Load the house style files that the `style` globs name (relative to `base`); a glob that is
/// invalid or matches nothing points at the config, a mistake in a style file at that file.
fn load_style(
    source: &Source,
    base: &Path,
    patterns: Vec<Spanned<String>>,
) -> Result<Vec<StyleRule>, ConfigError> {
    let spans: Vec<Range<usize>> = patterns.iter().map(Spanned::span).collect();
    let patterns: Vec<String> = patterns.into_iter().map(Spanned::into_inner).collect();
    crate::style::load(base, &patterns, |name| {
        CARDS.iter().any(|card| card.name == name)
    })
    .map_err(|error| match error {
        StyleError::Glob {
            index,
            message,
            label,
        } => ConfigError::at(
            source,
            spans.get(index).cloned().unwrap_or(0..0),
            message,
            &label,
            None,
        ),
        StyleError::Invalid { file, finding } => ConfigError::Invalid { file, finding },
    })
}

/// Apply a `[rules]` table of the config to the settings of each rule it names (`cards` and
/// `settings` in the same order).
fn apply_rules_table<'i>(
    source: &Source,
    cards: &[&RuleCard],
    settings: &mut [RuleSettings<'i>],
    rules: Spanned<DeValue<'i>>,
) -> Result<(), ConfigError> {
    let span = rules.span();
    let DeValue::Table(rules) = rules.into_inner() else {
        let message = "`rules` must be a table".to_string();
        return Err(ConfigError::at(
            source,
            span,
            message,
            "expected `[rules.NAME]` tables",
            None,
        ));
    };
    for (name, value) in rules {
        let Some(index) = cards.iter().position(|card| card.name == *name.get_ref()) else {
            let message = format!("unknown rule `{}`", name.get_ref());
            let help = suggest_rule(cards, name.get_ref());
            return Err(ConfigError::at(
                source,
                name.span(),
                message,
                "no rule has this name",
                Some(help),
            ));
        };
        settings[index].apply(source, name, value)?;
    }
    Ok(())
}

/// Build every rule that is not off with its settings: the built-in rules, then the house style
/// rules (whose settings follow those of the built-in rules).
fn build_rule_set(
    source: &Source,
    style: &[StyleRule],
    mut settings: Vec<RuleSettings<'_>>,
) -> Result<RuleSet, ConfigError> {
    let style_settings = settings.split_off(BUILTIN.len().min(settings.len()));
    let mut rules = Vec::with_capacity(BUILTIN.len() + style.len());
    for ((spec, card), settings) in BUILTIN.iter().zip(CARDS.iter()).zip(settings) {
        let rule = match settings.level {
            // Built all the same when its options are good, so that `--select` can turn it on.
            RuleLevel::Off => {
                let options = Spanned::new(0..0, DeValue::Table(settings.options));
                (spec.build)(options).ok()
            }
            _ => {
                let span = settings.span.clone();
                let options = Spanned::new(span.clone(), DeValue::Table(settings.options));
                Some((spec.build)(options).map_err(|e| match e {
                    OptionError::Invalid(e) => ConfigError::at(
                        source,
                        e.span().unwrap_or(span),
                        format!(
                            "invalid option for `{}`: {}",
                            card.name,
                            e.message().trim_end()
                        ),
                        "not accepted here",
                        None,
                    ),
                    OptionError::Refused(message) => ConfigError::at(
                        source,
                        span,
                        format!("invalid options for `{}`: {message}", card.name),
                        "in these options",
                        None,
                    ),
                })?)
            }
        };
        rules.push(ConfiguredRule {
            name: card.name.clone(),
            level: settings.level,
            default_level: card.level,
            rule,
        });
    }
    for (style, settings) in style.iter().zip(style_settings) {
        if let Some((key, _)) = settings.options.iter().next() {
            return Err(ConfigError::at(
                source,
                key.span(),
                format!("house style rule `{}` takes no options", style.card.name),
                "only `level` is accepted here",
                None,
            ));
        }
        // Built even when off, so that `--select` can turn it on.
        let rule: Option<Box<dyn Rule>> = Some(Box::new(style.check.clone()));
        rules.push(ConfiguredRule {
            name: style.card.name.clone(),
            level: settings.level,
            default_level: style.card.level,
            rule,
        });
    }
    Ok(RuleSet { rules })
}

/// One rule's level and options while a config is read: the card's, then the user's on top.
#[derive(Clone)]
struct RuleSettings<'i> {
    level: RuleLevel,
    /// The span of the rule's name in the config, where option errors point when they have
    /// no span of their own.
    span: Range<usize>,
    options: DeTable<'i>,
}

impl<'i> RuleSettings<'i> {
    /// Apply the config's `[rules.NAME]` entry: a level string, or a table of `level` and options.
    fn apply(
        &mut self,
        source: &Source,
        name: Spanned<toml::de::DeString<'i>>,
        value: Spanned<DeValue<'i>>,
    ) -> Result<(), ConfigError> {
        self.span = name.span();
        let value_span = value.span();
        match value.into_inner() {
            DeValue::String(level) => self.level = parse_level(source, value_span, &level)?,
            DeValue::Table(mut table) => {
                if let Some(level) = table.remove("level") {
                    let level_span = level.span();
                    let text = match level.into_inner() {
                        DeValue::String(text) => text.to_string(),
                        _ => String::new(),
                    };
                    self.level = parse_level(source, level_span, &text)?;
                }
                let mut extensions = Vec::new();
                for (key, value) in table {
                    if key.get_ref().starts_with("extend-") {
                        extensions.push((key, value));
                        continue;
                    }
                    let span = value.span();
                    // A table option (`metadata`) is merged one level deep: a user's
                    // `metadata.markdown` replaces the card's, the other formats stay.
                    let merged = match (self.options.get_mut(&key), value.get_ref()) {
                        (Some(existing), DeValue::Table(_)) => match existing.get_mut() {
                            DeValue::Table(existing) => Some(existing),
                            _ => None,
                        },
                        _ => None,
                    };
                    match (merged, value.into_inner()) {
                        (Some(existing), DeValue::Table(entries)) => existing.extend(entries),
                        (_, value) => {
                            self.options.insert(key, Spanned::new(span, value));
                        }
                    }
                }
                // After the plain options, so that `NAME` then `extend-NAME` adds to the new list.
                for (key, value) in extensions {
                    self.extend(source, name.get_ref(), key, value)?;
                }
            }
            _ => {
                let message = format!("rule `{}` needs a level or a table", name.get_ref());
                let label = "expected `\"off\"`, `\"warning\"`, `\"error\"` or a table";
                return Err(ConfigError::at(source, value_span, message, label, None));
            }
        }
        Ok(())
    }
}

impl<'i> RuleSettings<'i> {
    /// Apply `extend-NAME = [...]`: add the items to the list option `NAME` (the card's list, or
    /// the one the config set), rather than replace it.
    fn extend(
        &mut self,
        source: &Source,
        rule: &str,
        key: Spanned<toml::de::DeString<'i>>,
        value: Spanned<DeValue<'i>>,
    ) -> Result<(), ConfigError> {
        let base = key.get_ref().trim_start_matches("extend-");
        let list = self
            .options
            .iter_mut()
            .find(|(option, _)| option.get_ref() == base)
            .map(|(_, list)| list.get_mut());
        let (span, value) = (value.span(), value.into_inner());
        match (list, value) {
            (Some(DeValue::Array(list)), DeValue::Array(more)) => {
                for item in more {
                    list.push(item);
                }
                Ok(())
            }
            (Some(DeValue::Array(_)), _) => Err(ConfigError::at(
                source,
                span,
                format!("`{}` must be a list", key.get_ref()),
                "expected a list, such as `[\"a\", \"b\"]`",
                None,
            )),
            _ => Err(ConfigError::at(
                source,
                key.span(),
                format!("rule `{rule}` has no list option `{base}` to extend"),
                "no such list option",
                Some(format!("`wirelint explain {rule}` lists its options")),
            )),
        }
    }
}

fn parse_level(source: &Source, span: Range<usize>, text: &str) -> Result<RuleLevel, ConfigError> {
    RuleLevel::parse(text).ok_or_else(|| {
        ConfigError::at(
            source,
            span,
            "invalid rule level".to_string(),
            "expected `off`, `warning` or `error`",
            Some(
                "write `level = \"off\"`, `level = \"warning\"` or `level = \"error\"`".to_string(),
            ),
        )
    })
}

/// A help line for an unknown rule name: the closest known name, or where to find them all.
fn suggest_rule(cards: &[&RuleCard], name: &str) -> String {
    let closest = cards
        .iter()
        .map(|card| (edit_distance(name, &card.name), &card.name))
        .min();
    match closest {
        Some((distance, known)) if distance <= 3 => format!("did you mean `{known}`?"),
        _ => "`wirelint rules` lists the rules".to_string(),
    }
}

impl ConfigError {
    fn at(
        source: &Source,
        span: Range<usize>,
        message: String,
        label: &str,
        help: Option<String>,
    ) -> ConfigError {
        let mut finding = Finding::new(message, Span::new(span.start, span.end), label);
        finding.help = help;
        ConfigError::Invalid {
            file: Box::new(source.clone()),
            finding: Box::new(finding),
        }
    }

    /// The error as a diagnostic on the config file, when it has a place there.
    pub fn diagnostic(&self) -> Option<(&Source, crate::diagnostic::Diagnostic)> {
        match self {
            ConfigError::Read { .. }
            | ConfigError::UnknownRule { .. }
            | ConfigError::Builder { .. } => None,
            ConfigError::Invalid { file, finding } => Some((
                file,
                crate::diagnostic::Diagnostic::from_finding(
                    file,
                    "config",
                    Level::Error,
                    (**finding).clone(),
                ),
            )),
        }
    }
}

/// A short commented starter `wirelint.toml`: the file settings, and each rule with its level
/// and the names of its options, all commented out so that later improvements of the built-in
/// defaults and word lists still reach the desk that wrote it.
pub fn starter_config() -> String {
    let include: Vec<String> = DEFAULT_INCLUDE.iter().map(|g| format!("\"{g}\"")).collect();
    let mut out = format!(
        "# wirelint configuration. Everything commented out is the built-in default; uncomment\n\
         # what you change. `wirelint explain RULE` documents a rule and its options.\n\
         # A list option can be extended rather than replaced: `extend-verbs = [\"harrumphed\"]`\n\
         # adds to the built-in `verbs`.\n\
         \n\
         # Files linted when a directory is given, and files and directories skipped (globs,\n\
         # relative to this file's directory). `.gitignore` and `.ignore` are honoured too.\n\
         include = [{}]\n\
         exclude = []\n\
         # Files (and standard input) larger than this many bytes are refused.\n\
         # max-file-size = 10485760\n\
         # House style rule files (globs, relative to this file's directory).\n\
         # style = []\n\
         \n\
         # Each rule: \"off\", \"warning\" or \"error\", or a table of `level` and options.\n\
         [rules]\n",
        include.join(", ")
    );
    let width = CARDS.iter().map(|card| card.name.len()).max().unwrap_or(0);
    for card in CARDS.iter() {
        let level = format!("\"{}\"", card.level.as_str());
        out.push_str(&format!(
            "# {:width$} = {level:9}  # {}\n",
            card.name, card.summary
        ));
    }
    out.push_str("\n# Each rule's options (`wirelint explain RULE` says what they do):\n");
    for card in CARDS.iter() {
        let names: Vec<String> = card
            .options
            .iter()
            .map(|(name, _)| name.get_ref().to_string())
            .collect();
        if !names.is_empty() {
            out.push_str(&format!("# [rules.{}]  {}\n", card.name, names.join(", ")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, String> {
        Config::parse(&Source::new("wirelint.toml", text)).map_err(|e| e.to_string())
    }

    #[test]
    fn the_starter_config_is_valid_and_says_the_defaults() {
        let config = parse(&starter_config()).unwrap();
        let defaults = Config::default();
        assert_eq!(
            format!("{:?}", config.rules),
            format!("{:?}", defaults.rules)
        );
        assert_eq!(config.include.patterns(), defaults.include.patterns());
    }

    #[test]
    fn builder_checks_like_a_file() {
        let config = Config::builder()
            .level("malformed-header", RuleLevel::Off)
            .build()
            .unwrap();
        assert!(
            config
                .rules
                .active()
                .all(|rule| rule.name != "malformed-header")
        );
        let error = Config::builder()
            .option("malformed-header", "nope", 1)
            .build()
            .unwrap_err();
        assert!(
            error.to_string().contains("unknown field `nope`"),
            "{error}"
        );
        // Issue 11: no place in a TOML text the caller never wrote.
        assert!(!error.to_string().contains("<config builder>"), "{error}");
        let error = Config::builder()
            .level("malformed-headr", RuleLevel::Warn)
            .build()
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "unknown rule `malformed-headr` (did you mean `malformed-header`?)"
        );
        assert!(
            Config::builder()
                .level("no-such-rule", RuleLevel::Warn)
                .build()
                .is_err()
        );
    }

    #[test]
    fn empty_config_is_the_defaults() {
        let config = parse("").unwrap();
        assert!(config.include.is_match(Path::new("a/b.txt")));
        assert!(config.include.is_match(Path::new("a/b.md")));
        assert!(!config.include.is_match(Path::new("a/b.html")));
        assert_eq!(config.max_file_size, DEFAULT_MAX_FILE_SIZE);
    }

    #[test]
    fn rules_can_be_turned_off_by_table_or_string() {
        for text in [
            "[rules.malformed-header]\nlevel = \"off\"\n",
            "[rules]\nmalformed-header = \"off\"\n",
        ] {
            let config = parse(text).unwrap();
            assert!(
                config
                    .rules
                    .active()
                    .all(|rule| rule.name != "malformed-header"),
                "{text}"
            );
            assert_eq!(config.rules.active().count(), BUILTIN.len() - 1, "{text}");
        }
    }

    #[test]
    fn unknown_rule_points_at_its_line_and_suggests_a_name() {
        let error = parse("include = [\"*.txt\"]\n[rules.malformed-headr]\n").unwrap_err();
        assert_eq!(error, "wirelint.toml:2:8: unknown rule `malformed-headr`");
        let Err(ConfigError::Invalid { finding, .. }) =
            Config::parse(&Source::new("c", "[rules.malformed-headr]"))
        else {
            panic!("expected an invalid config");
        };
        assert_eq!(
            finding.help.as_deref(),
            Some("did you mean `malformed-header`?")
        );
    }

    #[test]
    fn unknown_top_level_key_points_at_its_line() {
        let error = parse("\nincludes = []\n").unwrap_err();
        assert!(
            error.starts_with("wirelint.toml:2:1: invalid config: unknown field `includes`"),
            "{error}"
        );
    }

    #[test]
    fn unknown_option_points_at_its_line() {
        let error =
            parse("[rules.malformed-header]\nlevel = \"warn\"\ntemplat = \"x\"\n").unwrap_err();
        assert!(
            error.starts_with(
                "wirelint.toml:3:1: invalid option for `malformed-header`: unknown field `templat`"
            ),
            "{error}"
        );
    }

    #[test]
    fn style_rules_load_relative_to_the_config_and_take_levels_only() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("style")).unwrap();
        let rule = "name = \"desk-kyiv\"\nsummary = \"s\"\nlevel = \"warn\"\nkind = \"substitution\"\nmessage = \"m\"\nswap = { Kiev = \"Kyiv\" }\n";
        std::fs::write(dir.path().join("style/kyiv.toml"), rule).unwrap();
        let path = dir.path().join(CONFIG_FILE_NAME);
        std::fs::write(
            &path,
            "style = [\"style/*.toml\"]\n[rules]\ndesk-kyiv = \"error\"\n",
        )
        .unwrap();
        let config = Config::load(&path).unwrap();
        assert_eq!(config.style_rules().len(), 1);
        assert!(
            config
                .rules
                .all()
                .any(|(name, level)| name == "desk-kyiv" && level == RuleLevel::Error)
        );
        assert_eq!(
            config.card("desk-kyiv").map(|c| c.summary.as_str()),
            Some("s")
        );
        std::fs::write(
            &path,
            "style = [\"style/*.toml\"]\n[rules.desk-kyiv]\nstrict = true\n",
        )
        .unwrap();
        let error = Config::load(&path).unwrap_err().to_string();
        assert!(
            error.ends_with(":3:1: house style rule `desk-kyiv` takes no options"),
            "{error}"
        );
        std::fs::write(
            &path,
            "style = [\"style/*.toml\"]\n[rules]\ndesk-kiev = \"off\"\n",
        )
        .unwrap();
        let Err(ConfigError::Invalid { finding, .. }) = Config::load(&path) else {
            panic!("expected an unknown rule");
        };
        assert_eq!(finding.help.as_deref(), Some("did you mean `desk-kyiv`?"));
    }

    #[test]
    fn bad_level_and_bad_glob_and_bad_toml_are_located() {
        let error = parse("[rules.malformed-header]\nlevel = \"warnings\"\n").unwrap_err();
        assert_eq!(error, "wirelint.toml:2:9: invalid rule level");
        // One vocabulary with the output: `warning`, and `warn` as an alias.
        for word in ["warning", "warn"] {
            let text = format!("[rules]\nmalformed-header = \"{word}\"\n");
            let config = Config::parse(&Source::new("wirelint.toml", text)).unwrap();
            let level = config
                .rules
                .all()
                .find(|(name, _)| *name == "malformed-header");
            assert_eq!(level, Some(("malformed-header", RuleLevel::Warning)));
        }
        let error = parse("exclude = [\"a/[b\"]\n").unwrap_err();
        assert!(
            error.starts_with("wirelint.toml:1:12: invalid glob"),
            "{error}"
        );
        let error = parse("include = [\n").unwrap_err();
        assert!(error.starts_with("wirelint.toml:"), "{error}");
    }
}
