//! The [`Rule`] trait, the rule card (a rule's data in `rules/`), and how a rule is built from
//! its card's defaults and the user's options.

use crate::article::Article;
use crate::diagnostic::{Finding, Level};
use serde::Deserialize;
use serde::de::{DeserializeOwned, IntoDeserializer};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// A checker over one article. Rules are stateless and built once per run, with their options
/// (word lists, compiled patterns) inside.
pub trait Rule: Send + Sync {
    /// Everything this rule finds wrong in `article`.
    fn check(&self, article: &Article<'_>) -> Vec<Finding>;
}

/// A rule that can be built from the options of its card and the user's config.
pub trait BuildRule: Rule + Sized + 'static {
    /// The rule's typed options (the `[options]` of its card, overridden by the config).
    type Options: DeserializeOwned;

    /// The rule, with `options` checked and compiled; an error says what is wrong with them.
    fn build(options: Self::Options) -> Result<Self, String>;
}

/// A level as the config and the cards write it: `off`, `warning` (or `warn`) or `error`, the
/// words the output uses too.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    /// The rule does not run.
    Off,
    /// The rule reports warnings.
    #[serde(alias = "warn")]
    Warning,
    /// The rule reports errors.
    Error,
}

#[allow(non_upper_case_globals)]
impl RuleLevel {
    /// The same as [`RuleLevel::Warning`], under the config's older word.
    pub const Warn: RuleLevel = RuleLevel::Warning;
}

impl RuleLevel {
    /// The level a config or a card writes as `text`: `off`, `warning` (or `warn`), `error`.
    pub fn parse(text: &str) -> Option<RuleLevel> {
        match text {
            "off" => Some(RuleLevel::Off),
            "warning" | "warn" => Some(RuleLevel::Warning),
            "error" => Some(RuleLevel::Error),
            _ => None,
        }
    }

    /// The level of the rule's diagnostics, or `None` when the rule is off.
    pub fn level(self) -> Option<Level> {
        match self {
            RuleLevel::Off => None,
            RuleLevel::Warning => Some(Level::Warning),
            RuleLevel::Error => Some(Level::Error),
        }
    }

    /// The word the config uses for this level.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleLevel::Off => "off",
            RuleLevel::Warning => "warning",
            RuleLevel::Error => "error",
        }
    }
}

/// A rule's card, from `rules/NAME.toml`: its name, summary, default level, docs and default
/// options.
#[derive(Debug)]
pub struct RuleCard {
    /// Kebab-case name that says what the rule flags.
    pub name: String,
    /// One line: what the rule flags.
    pub summary: String,
    /// The level the rule runs at unless the config says otherwise.
    pub level: RuleLevel,
    /// The rule's documentation (Markdown): what it flags, why, an example, its options.
    pub docs: String,
    /// Whether some of its findings carry a safe fix that `--fix` applies.
    pub fixable: bool,
    /// The languages the rule reads (`en`), or none for a rule that reads any language. It is
    /// not run on an article whose metadata names another language.
    pub languages: Vec<String>,
    /// The default options, with the card's own source spans.
    pub options: DeTable<'static>,
}

/// A function that builds a rule from its merged options.
pub type BuildFn = fn(Spanned<DeValue<'_>>) -> Result<Box<dyn Rule>, OptionError>;

/// A built-in rule: its card's text and how to build it.
pub struct RuleSpec {
    /// The card's TOML, embedded from `rules/`.
    pub card: &'static str,
    /// Builds the rule from its merged options.
    pub build: BuildFn,
}

/// Why a rule's options were refused.
#[derive(Debug)]
pub enum OptionError {
    /// An option has an unknown name or the wrong type (with the span in the config, if known).
    Invalid(toml::de::Error),
    /// The options are well-typed but the rule refused them (a bad pattern, say).
    Refused(String),
}

/// Builds rule `R` from a table of options: the [`BuildFn`] of a [`RuleSpec`].
pub fn build_rule<R: BuildRule>(
    options: Spanned<DeValue<'_>>,
) -> Result<Box<dyn Rule>, OptionError> {
    let options =
        R::Options::deserialize(options.into_deserializer()).map_err(OptionError::Invalid)?;
    let rule = R::build(options).map_err(OptionError::Refused)?;
    Ok(Box::new(rule))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CardHead {
    name: String,
    summary: String,
    level: RuleLevel,
    docs: String,
    #[serde(default)]
    fixable: bool,
    #[serde(default)]
    languages: Vec<String>,
}

impl RuleCard {
    /// Parse an embedded card. Cards ship with the binary and are checked by the test suite, so
    /// a broken one is a bug in wirelint, not in the user's input.
    fn parse(text: &'static str) -> RuleCard {
        let mut table = DeTable::parse(text)
            .unwrap_or_else(|e| panic!("built-in rule card does not parse: {e}\n{text}"))
            .into_inner();
        let options = match table.remove("options").map(Spanned::into_inner) {
            Some(DeValue::Table(options)) => options,
            Some(_) => panic!("built-in rule card has an `options` that is not a table:\n{text}"),
            None => DeTable::default(),
        };
        let span = 0..text.len();
        let head = CardHead::deserialize(Spanned::new(span, table).into_deserializer())
            .unwrap_or_else(|e| panic!("built-in rule card is malformed: {e}\n{text}"));
        RuleCard {
            name: head.name,
            summary: head.summary,
            level: head.level,
            docs: head.docs,
            fixable: head.fixable,
            languages: head.languages,
            options,
        }
    }

    /// Whether the rule reads articles in `language` (a tag such as `en-GB`: its primary
    /// subtag is compared).
    pub fn reads(&self, language: &str) -> bool {
        let primary = language.split(['-', '_']).next().unwrap_or(language);
        self.languages.is_empty()
            || self
                .languages
                .iter()
                .any(|known| known.eq_ignore_ascii_case(primary))
    }
}

/// The cards of `specs`, parsed once.
pub fn parse_cards(specs: &[RuleSpec]) -> Vec<RuleCard> {
    specs
        .iter()
        .map(|spec| RuleCard::parse(spec.card))
        .collect()
}
