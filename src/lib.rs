//! wirelint: a consistency linter for news wire reports.
//!
//! The flow is `paths -> files -> Source -> Article -> rules -> Diagnostics -> output`; each
//! stage is a module of its own. To lint a text from Rust:
//!
//! ```
//! use wirelint::{Config, lint_str};
//!
//! let config = Config::default();
//! let diagnostics = lint_str("story.txt", " date 2026-02-02 403\nHeadline\nBody.\n", &config);
//! assert_eq!(diagnostics[0].rule, "malformed-header");
//! ```

#![warn(missing_docs)]

pub mod article;
pub mod attribution;
pub mod baseline;
pub mod config;
pub mod counts;
pub mod dates;
pub mod diagnostic;
pub mod engine;
pub mod fix;
pub mod formats;
pub mod hash;
pub mod inflect;
pub mod inspect;
pub mod language;
pub mod numbers;
pub mod quotes;
#[cfg(feature = "cli")]
pub mod report;
pub mod rule;
pub mod rules;
#[cfg(feature = "cli")]
pub mod runner;
pub mod sentence;
#[cfg(feature = "cli")]
pub mod server;
pub mod similarity;
pub mod source;
pub mod span;
pub mod style;
pub mod suppress;
pub mod text;
#[cfg(feature = "cli")]
pub mod walk;

pub use config::Config;
pub use diagnostic::{Diagnostic, Finding, Level};
pub use source::Source;

/// Lint `text` as the file `name` with `config`, as the command line lints a file of that name:
/// the format and the rules the config gives the name (its `[[overrides]]`), the diagnostics in
/// print order.
pub fn lint_str(name: &str, text: &str, config: &Config) -> Vec<Diagnostic> {
    engine::lint_with_config(&Source::new(name, text), config)
}

/// Lint `text` as the file `name` and apply the safe fixes, as `--fix` does, in memory: the
/// fixed text (with its byte order mark, if it had one) and the diagnostics that remain. Text
/// that is no article, does not parse as its format, or whose fixes could not be checked is
/// given back unchanged with its diagnostics.
///
/// ```
/// use wirelint::{Config, fix_str};
///
/// let (fixed, remaining) = fix_str("story.txt", " date 2026-02-02 403\nHeadline\nBody.\n", &Config::default());
/// assert_eq!(fixed, "date 2026-02-02 403\nHeadline\nBody.\n");
/// assert!(remaining.is_empty());
/// ```
pub fn fix_str(name: &str, text: &str, config: &Config) -> (String, Vec<Diagnostic>) {
    let source = Source::new(name, text);
    let rules = config.rules_for(name);
    let fixed = engine::choose_format(&source, config, None)
        .ok()
        .and_then(|format| {
            let checked = engine::check(&source, format, rules).ok()?;
            engine::fix(&source, format, rules, checked).ok()
        });
    match fixed {
        Some((fixed, _, remaining)) => {
            let bom = if source.has_bom() { "\u{feff}" } else { "" };
            (format!("{bom}{}", fixed.text()), remaining)
        }
        None => (text.to_string(), engine::lint_with_config(&source, config)),
    }
}
