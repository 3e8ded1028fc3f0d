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
pub mod inflect;
pub mod inspect;
pub mod numbers;
pub mod quotes;
pub mod report;
pub mod rule;
pub mod rules;
pub mod runner;
pub mod sentence;
pub mod server;
pub mod similarity;
pub mod source;
pub mod span;
pub mod style;
pub mod suppress;
pub mod text;
pub mod walk;

pub use config::Config;
pub use diagnostic::{Diagnostic, Finding, Level};
pub use source::Source;

/// Lint `text` as the file `name` with `config`'s rules: the diagnostics in print order.
pub fn lint_str(name: &str, text: &str, config: &Config) -> Vec<Diagnostic> {
    engine::lint_source(&Source::new(name, text), &config.rules)
}
