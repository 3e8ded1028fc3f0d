//! Style files: finding them from the config's globs, reading them, and turning each into a
//! [`StyleRule`]. A mistake in a style file is an error that points at its line.

use super::pattern::Patterns;
use super::template::{Field, Template};
use super::{Kind, Scope, StyleCheck, StyleRule};
use crate::diagnostic::Finding;
use crate::rule::{RuleCard, RuleLevel};
use crate::source::{DEFAULT_MAX_FILE_SIZE, Source};
use crate::span::Span;
use globset::Glob;
use serde::Deserialize;
use serde::de::IntoDeserializer;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};
use thiserror::Error;
use toml::Spanned;
use toml::de::DeTable;
use walkdir::WalkDir;

/// Why the style files could not be loaded.
#[derive(Debug, Error)]
pub enum StyleError {
    /// A glob of the config is invalid, matches no file, or names a file that cannot be read:
    /// the message is about the glob at `span` in the config.
    #[error("{message}")]
    Glob {
        /// The index of the glob in the config's `style` list.
        index: usize,
        /// What is wrong.
        message: String,
        /// The label under the glob.
        label: String,
    },
    /// A style file has a mistake, at a place in it.
    #[error("{}:{}:{}: {}", .file.name(), .file.position(.finding.primary.span.start).line, .file.position(.finding.primary.span.start).column, .finding.message)]
    Invalid {
        /// The style file's text.
        file: Box<Source>,
        /// What is wrong, and where.
        finding: Box<Finding>,
    },
}

/// The house style rules of the files that `patterns` (globs, relative to `base`; an empty
/// `base` is the current directory) match, in path order. `taken` says whether a name is already used (by a built-in rule).
pub fn load(
    base: &Path,
    patterns: &[String],
    taken: impl Fn(&str) -> bool,
) -> Result<Vec<StyleRule>, StyleError> {
    let mut paths: Vec<PathBuf> = Vec::new();
    for (index, pattern) in patterns.iter().enumerate() {
        let found = expand(base, pattern).map_err(|message| StyleError::Glob {
            index,
            message,
            label: "not a valid glob".to_string(),
        })?;
        if found.is_empty() {
            return Err(StyleError::Glob {
                index,
                message: format!("no style file matches `{pattern}`"),
                label: match base.to_string_lossy() {
                    dir if dir.is_empty() => "nothing matches in the current directory".to_string(),
                    dir => format!("nothing matches in `{dir}`"),
                },
            });
        }
        paths.extend(found);
    }
    paths.sort();
    paths.dedup();
    let mut rules: Vec<StyleRule> = Vec::new();
    for path in paths {
        let source = Source::read(&path, DEFAULT_MAX_FILE_SIZE).map_err(|error| {
            let index = patterns
                .iter()
                .position(|p| matches(base, p, &path))
                .unwrap_or(0);
            StyleError::Glob {
                index,
                message: format!("could not read style file `{}`: {error}", path.display()),
                label: "this glob names it".to_string(),
            }
        })?;
        let rule = parse(&source)?;
        let name = rule.card.name.as_str();
        if taken(name) || rules.iter().any(|r| r.card.name == name) {
            let span = name_span(&source);
            return Err(invalid(
                &source,
                span,
                format!("rule name `{name}` is already taken"),
                "another rule has this name",
            ));
        }
        rules.push(rule);
    }
    Ok(rules)
}

/// The files under `base` that `pattern` matches. The walk starts at the pattern's literal
/// directory prefix, so `style/*.toml` reads only `style/`.
fn expand(base: &Path, pattern: &str) -> Result<Vec<PathBuf>, String> {
    let glob = Glob::new(pattern)
        .map_err(|e| format!("invalid glob: {}", e.kind()))?
        .compile_matcher();
    let literal: PathBuf = Path::new(pattern)
        .components()
        .take_while(|c| {
            matches!(c, Component::Normal(part) if !part.to_string_lossy().contains(['*', '?', '[', '{']))
                || matches!(c, Component::CurDir | Component::ParentDir)
        })
        .collect();
    let root = base.join(&literal);
    if root.is_file() {
        return Ok(vec![root]);
    }
    // An empty base is the current directory; its files are named without `./`.
    let walk_root = if root.as_os_str().is_empty() {
        Path::new(".")
    } else {
        root.as_path()
    };
    let mut found = Vec::new();
    for entry in WalkDir::new(walk_root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        let path = if root.as_os_str().is_empty() {
            entry.path().strip_prefix(".").unwrap_or(entry.path())
        } else {
            entry.path()
        };
        let relative = path.strip_prefix(base).unwrap_or(path);
        if entry.file_type().is_file() && glob.is_match(relative) {
            found.push(path.to_path_buf());
        }
    }
    Ok(found)
}

fn matches(base: &Path, pattern: &str, path: &Path) -> bool {
    let relative = path.strip_prefix(base).unwrap_or(path);
    Glob::new(pattern).is_ok_and(|g| g.compile_matcher().is_match(relative))
}

/// A style file as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct StyleFile {
    name: Spanned<String>,
    summary: String,
    level: RuleLevel,
    kind: Spanned<KindName>,
    message: Spanned<String>,
    label: Option<Spanned<String>>,
    help: Option<Spanned<String>>,
    docs: Option<String>,
    ignore_case: Option<bool>,
    regex: Option<bool>,
    swap: Option<Spanned<BTreeMap<Spanned<String>, String>>>,
    tokens: Option<Spanned<Vec<Spanned<String>>>>,
    either: Option<Spanned<Vec<Vec<Spanned<String>>>>>,
    max: Option<Spanned<usize>>,
    scope: Option<Spanned<Scope>>,
}

#[derive(Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum KindName {
    Substitution,
    Existence,
    Consistency,
    Occurrence,
}

impl KindName {
    fn as_str(self) -> &'static str {
        match self {
            KindName::Substitution => "substitution",
            KindName::Existence => "existence",
            KindName::Consistency => "consistency",
            KindName::Occurrence => "occurrence",
        }
    }

    /// The template fields this kind fills in.
    fn fields(self) -> &'static [Field] {
        match self {
            KindName::Substitution => &[Field::Match, Field::Expected],
            KindName::Existence => &[Field::Match],
            KindName::Consistency => &[Field::Match, Field::Other, Field::Count],
            KindName::Occurrence => &[Field::Match, Field::Count, Field::Max, Field::Scope],
        }
    }

    /// The primary label when the file gives none.
    fn default_label(self) -> &'static str {
        match self {
            KindName::Substitution => "not house style",
            KindName::Existence => "house style flags this",
            KindName::Consistency => "then `{match}` here",
            KindName::Occurrence => "more than {max} in this {scope}",
        }
    }

    /// The key that holds this kind's patterns.
    fn key(self) -> &'static str {
        match self {
            KindName::Substitution => "swap",
            KindName::Existence | KindName::Occurrence => "tokens",
            KindName::Consistency => "either",
        }
    }
}

/// Parse one style file into a rule.
fn parse(source: &Source) -> Result<StyleRule, StyleError> {
    let text = source.text();
    let table = DeTable::parse(text).map_err(|e| {
        let message = format!("invalid style file: {}", e.message().trim_end());
        invalid(source, e.span().unwrap_or(0..0), message, "not valid TOML")
    })?;
    let file =
        StyleFile::deserialize(Spanned::new(0..text.len(), table.into_inner()).into_deserializer())
            .map_err(|e| {
                let message = format!("invalid style file: {}", e.message().trim_end());
                invalid(
                    source,
                    e.span().unwrap_or(0..0),
                    message,
                    "not accepted here",
                )
            })?;
    let name = file.name.get_ref();
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(invalid(
            source,
            file.name.span(),
            format!("rule name `{name}` is not kebab-case"),
            "expected lower-case letters, digits and hyphens",
        ));
    }
    let kind_name = *file.kind.get_ref();
    let kind_span = file.kind.span();
    // Keys that belong to other kinds are mistakes, not silently ignored.
    let stray: [(&str, Option<Range<usize>>, bool); 5] = [
        (
            "swap",
            file.swap.as_ref().map(Spanned::span),
            kind_name == KindName::Substitution,
        ),
        (
            "tokens",
            file.tokens.as_ref().map(Spanned::span),
            matches!(kind_name, KindName::Existence | KindName::Occurrence),
        ),
        (
            "either",
            file.either.as_ref().map(Spanned::span),
            kind_name == KindName::Consistency,
        ),
        (
            "max",
            file.max.as_ref().map(Spanned::span),
            kind_name == KindName::Occurrence,
        ),
        (
            "scope",
            file.scope.as_ref().map(Spanned::span),
            kind_name == KindName::Occurrence,
        ),
    ];
    for (key, span, fits) in stray {
        if let Some(span) = span.filter(|_| !fits) {
            return Err(invalid(
                source,
                span,
                format!("`{key}` does not apply to a `{}` rule", kind_name.as_str()),
                "not used by this kind",
            ));
        }
    }
    let template = |spanned: &Spanned<String>| {
        Template::parse(spanned.get_ref(), kind_name.fields()).map_err(|message| {
            invalid(
                source,
                spanned.span(),
                format!("invalid template: {message}"),
                "in this template",
            )
        })
    };
    let message = template(&file.message)?;
    let label = match &file.label {
        Some(label) => template(label)?,
        None => Template::parse(kind_name.default_label(), kind_name.fields())
            .map_err(|m| invalid(source, kind_span.clone(), m, "in the default label"))?,
    };
    let help = file.help.as_ref().map(template).transpose()?;

    let missing = || {
        invalid(
            source,
            kind_span.clone(),
            format!(
                "a `{}` rule needs `{}`",
                kind_name.as_str(),
                kind_name.key()
            ),
            "no patterns for this kind",
        )
    };
    let mut patterns: Vec<Spanned<String>> = Vec::new();
    let kind = match kind_name {
        KindName::Substitution => {
            let swap = file.swap.ok_or_else(missing)?;
            let mut replacements = Vec::new();
            for (pattern, replacement) in swap.into_inner() {
                patterns.push(pattern);
                replacements.push(replacement);
            }
            Kind::Substitution { replacements }
        }
        KindName::Existence => {
            patterns = file.tokens.ok_or_else(missing)?.into_inner();
            Kind::Existence
        }
        KindName::Occurrence => {
            patterns = file.tokens.ok_or_else(missing)?.into_inner();
            let max = file.max.ok_or_else(|| {
                invalid(
                    source,
                    kind_span.clone(),
                    "an `occurrence` rule needs `max`".into(),
                    "no limit for this kind",
                )
            })?;
            Kind::Occurrence {
                max: max.into_inner(),
                scope: file.scope.map_or(Scope::Paragraph, Spanned::into_inner),
            }
        }
        KindName::Consistency => {
            let either = file.either.ok_or_else(missing)?;
            let either_span = either.span();
            let mut set_of = Vec::new();
            for (set, alternatives) in either.into_inner().into_iter().enumerate() {
                if alternatives.len() < 2 {
                    let span = alternatives
                        .first()
                        .map_or(either_span.clone(), Spanned::span);
                    return Err(invalid(
                        source,
                        span,
                        "a set of alternatives needs two or more".into(),
                        "alone in its set",
                    ));
                }
                set_of.extend(std::iter::repeat_n(set, alternatives.len()));
                patterns.extend(alternatives);
            }
            Kind::Consistency { set_of }
        }
    };
    if patterns.is_empty() {
        return Err(missing());
    }
    let texts: Vec<String> = patterns.iter().map(|p| p.get_ref().clone()).collect();
    let ignore_case = file.ignore_case.unwrap_or(true);
    let regex = file.regex.unwrap_or(false);
    let compiled = Patterns::new(&texts, regex, ignore_case).map_err(|e| {
        let span = patterns.get(e.index).map_or(0..0, Spanned::span);
        invalid(
            source,
            span,
            format!("invalid pattern: {}", e.message),
            "in this pattern",
        )
    })?;
    let docs = describe(
        source.name(),
        kind_name,
        file.docs.as_deref(),
        &texts,
        &kind,
    );
    Ok(StyleRule {
        card: RuleCard {
            name: file.name.into_inner(),
            summary: file.summary,
            level: file.level,
            docs,
            // Substitutions carry a fix that writes the expected text.
            fixable: kind_name == KindName::Substitution,
            languages: Vec::new(),
            options: DeTable::default(),
        },
        check: StyleCheck {
            kind,
            patterns: compiled,
            ignore_case,
            message,
            label,
            help,
        },
    })
}

/// The documentation `wirelint explain` prints for a style rule: where it comes from, the
/// file's own docs, and its patterns.
fn describe(
    path: &str,
    kind: KindName,
    docs: Option<&str>,
    texts: &[String],
    compiled: &Kind,
) -> String {
    let mut out = format!(
        "House style rule from `{path}` (kind `{}`).\n",
        kind.as_str()
    );
    if let Some(docs) = docs {
        out.push('\n');
        out.push_str(docs.trim());
        out.push('\n');
    }
    out.push_str("\n## Patterns\n\n");
    for (index, text) in texts.iter().enumerate() {
        match compiled {
            Kind::Substitution { replacements } => {
                out.push_str(&format!("- `{text}` -> `{}`\n", replacements[index]));
            }
            Kind::Consistency { set_of } if index > 0 && set_of[index] == set_of[index - 1] => {
                out.push_str(&format!(" / `{text}`"));
            }
            Kind::Consistency { .. } => {
                if index > 0 {
                    out.push('\n');
                }
                out.push_str(&format!("- `{text}`"));
            }
            _ => out.push_str(&format!("- `{text}`\n")),
        }
    }
    if let Kind::Consistency { .. } = compiled {
        out.push('\n');
    }
    if let Kind::Occurrence { max, scope } = compiled {
        out.push_str(&format!("\nAt most {max} a {}.\n", scope.as_str()));
    }
    out
}

/// The span of the `name` value of a style file, for errors about the name.
fn name_span(source: &Source) -> Range<usize> {
    DeTable::parse(source.text())
        .ok()
        .and_then(|table| table.into_inner().get("name").map(Spanned::span))
        .unwrap_or(0..0)
}

fn invalid(source: &Source, span: Range<usize>, message: String, label: &str) -> StyleError {
    StyleError::Invalid {
        file: Box::new(source.clone()),
        finding: Box::new(Finding::new(
            message,
            Span::new(span.start, span.end),
            label,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> String {
        match parse(&Source::new("style.toml", text)) {
            Ok(_) => panic!("expected an error for:\n{text}"),
            Err(e) => e.to_string(),
        }
    }

    const HEAD: &str = "name = \"r\"\nsummary = \"s\"\nlevel = \"warn\"\n";

    #[test]
    fn every_kind_parses() {
        for body in [
            "kind = \"substitution\"\nmessage = \"write `{expected}`\"\n[swap]\n\"per cent\" = \"percent\"\n",
            "kind = \"existence\"\nmessage = \"avoid `{match}`\"\ntokens = [\"very\"]\n",
            "kind = \"consistency\"\nmessage = \"`{match}` and `{other}`\"\neither = [[\"Kyiv\", \"Kiev\"]]\n",
            "kind = \"occurrence\"\nmessage = \"{count} uses\"\ntokens = [\"said\"]\nmax = 2\nscope = \"sentence\"\n",
        ] {
            let rule = parse(&Source::new("s.toml", format!("{HEAD}{body}"))).unwrap();
            assert_eq!(rule.card.name, "r");
            assert!(rule.card.docs.contains("## Patterns"), "{}", rule.card.docs);
        }
    }

    #[test]
    fn mistakes_point_at_their_line() {
        assert_eq!(
            error(&format!(
                "{HEAD}kind = \"existance\"\nmessage = \"m\"\ntokens = [\"x\"]\n"
            )),
            "style.toml:4:8: invalid style file: unknown variant `existance`, expected one of `substitution`, `existence`, `consistency`, `occurrence`"
        );
        assert_eq!(
            error(&format!(
                "{HEAD}kind = \"existence\"\nmessage = \"m\"\ntokens = [\"ok\", \"(\"]\nregex = true\n"
            )),
            "style.toml:6:17: invalid pattern: invalid regular expression: unclosed group"
        );
        assert_eq!(
            error(&format!(
                "{HEAD}kind = \"existence\"\nmessage = \"use {{expected}}\"\ntokens = [\"x\"]\n"
            )),
            "style.toml:5:11: invalid template: unknown field `{expected}`: this kind of rule has `{match}`"
        );
        assert_eq!(
            error(&format!(
                "{HEAD}kind = \"existence\"\nmessage = \"m\"\ntokens = [\"x\"]\nmax = 3\n"
            )),
            "style.toml:7:7: `max` does not apply to a `existence` rule"
        );
        assert_eq!(
            error(&format!(
                "{HEAD}kind = \"consistency\"\nmessage = \"m\"\neither = [[\"x\"]]\n"
            )),
            "style.toml:6:12: a set of alternatives needs two or more"
        );
        assert_eq!(
            error(&format!(
                "{HEAD}kind = \"occurrence\"\nmessage = \"m\"\ntokens = [\"x\"]\n"
            )),
            "style.toml:4:8: an `occurrence` rule needs `max`"
        );
        assert_eq!(
            error(&format!(
                "{HEAD}kind = \"existence\"\nmessage = \"m\"\ntoken = [\"x\"]\n"
            )),
            "style.toml:6:1: invalid style file: unknown field `token`, expected one of `name`, `summary`, `level`, `kind`, `message`, `label`, `help`, `docs`, `ignore-case`, `regex`, `swap`, `tokens`, `either`, `max`, `scope`"
        );
        assert!(error("name = \"Bad Name\"\nsummary = \"s\"\nlevel = \"warn\"\nkind = \"existence\"\nmessage = \"m\"\ntokens = [\"x\"]\n").starts_with("style.toml:1:8: rule name `Bad Name` is not kebab-case"));
    }

    #[test]
    fn globs_are_relative_to_the_base_and_must_match() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("style")).unwrap();
        let rule = format!("{HEAD}kind = \"existence\"\nmessage = \"m\"\ntokens = [\"x\"]\n");
        std::fs::write(dir.path().join("style/a.toml"), &rule).unwrap();
        std::fs::write(dir.path().join("style/notes.txt"), "not a rule").unwrap();
        let rules = load(dir.path(), &["style/*.toml".to_string()], |_| false).unwrap();
        assert_eq!(rules.len(), 1);
        let error = load(dir.path(), &["other/*.toml".to_string()], |_| false).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("no style file matches `other/*.toml`"),
            "{error}"
        );
        let error = load(dir.path(), &["style/*.toml".to_string()], |name| {
            name == "r"
        })
        .unwrap_err();
        assert!(
            error
                .to_string()
                .contains(":1:8: rule name `r` is already taken"),
            "{error}"
        );
    }
}
