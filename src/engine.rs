//! Linting one source: read it as its format, run the configured rules on the article, place
//! their findings back in the file, apply the inline suppressions.

use crate::config::{Config, RuleSet};
use crate::diagnostic::{Diagnostic, Edit, Finding, Fix, READ_ERROR};
use crate::fix::{apply_edits, apply_fixes};
use crate::formats::{self, Detected, Document, FormatError, InputFormat};
use crate::source::Source;
use crate::suppress::apply_suppressions;
use std::collections::HashMap;

/// What linting a source gave: the diagnostics in print order, and for each fix they carry (in
/// file offsets) the fix as the rule wrote it (in offsets of the article's view), so that a
/// fixed file can be checked against what the rules asked for.
#[derive(Debug)]
pub struct Checked {
    /// The file read as its format.
    pub document: Document,
    /// The diagnostics, in print order.
    pub diagnostics: Vec<Diagnostic>,
    /// Each file-offset fix with the view-offset fix it came from.
    pub view_fixes: HashMap<Fix, Fix>,
}

/// Every diagnostic `config` reports on `source`: read as the format the config gives its name
/// (else the one its name and content tell), with the rules for its name (the last
/// `[[overrides]]` entry that matches it, else the config's own), in print order. The command
/// line and [`crate::lint_str`] choose the format and the rules the same way.
pub fn lint_with_config(source: &Source, config: &Config) -> Vec<Diagnostic> {
    let rules = config.rules_for(source.name());
    match choose_format(source, config, None) {
        Ok(format) => lint_as(source, format, rules),
        Err(what) => vec![not_an_article(source.name(), what)],
    }
}

/// The format `source` is read as: `forced` (`--input-format`), else the config's choice for
/// its name, else what its name and content say; or, for a file that is not an article, what
/// it is.
pub fn choose_format(
    source: &Source,
    config: &Config,
    forced: Option<InputFormat>,
) -> Result<InputFormat, &'static str> {
    if let Some(format) = forced.or_else(|| config.format_for(source.name())) {
        return Ok(format);
    }
    match formats::detect(source.name(), source.text()) {
        Detected::Article(format) => Ok(format),
        Detected::NotAnArticle(what) => Err(what),
    }
}

/// Every diagnostic the active rules of `rules` report on `source`, its format told by its name
/// and content; a file that is not an article, or does not parse as its format, gets one
/// `read-error`.
pub fn lint_source(source: &Source, rules: &RuleSet) -> Vec<Diagnostic> {
    match formats::detect(source.name(), source.text()) {
        Detected::Article(format) => lint_as(source, format, rules),
        Detected::NotAnArticle(what) => vec![not_an_article(source.name(), what)],
    }
}

/// Every diagnostic the active rules of `rules` report on `source` read as `format`.
pub fn lint_as(source: &Source, format: InputFormat, rules: &RuleSet) -> Vec<Diagnostic> {
    match check(source, format, rules) {
        Ok(checked) => checked.diagnostics,
        Err(error) => vec![format_error(source, format, &error)],
    }
}

/// Lint `source` as `format`, keeping what a fix needs to be checked.
pub fn check(
    source: &Source,
    format: InputFormat,
    rules: &RuleSet,
) -> Result<Checked, FormatError> {
    let document = formats::read(source, format)?;
    let article = document.article(source);
    let mut view_fixes = HashMap::new();
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let named_language = article.language();
    for active in rules.active() {
        // A rule that reads only some languages does not run on an article in another: the one
        // its metadata names, else the one its prose is in, detected only when the rule finds
        // something (detection costs more than most rules).
        let card = crate::rules::find(active.name).map(|(_, card)| card);
        let reads = |language: &str| card.is_none_or(|card| card.reads(language));
        if named_language.is_some_and(|language| !reads(language)) {
            continue;
        }
        let findings = active.rule.check(&article);
        let in_language_it_reads = || {
            named_language.is_some()
                || card.is_none_or(|card| card.languages.is_empty())
                || article.detected_language().is_none_or(reads)
        };
        if findings.is_empty() || !in_language_it_reads() {
            continue;
        }
        for finding in findings {
            let finding = if document.is_identity() {
                finding
            } else {
                to_file(&document, finding, &mut view_fixes)
            };
            diagnostics.push(Diagnostic::from_finding(
                source,
                active.name,
                active.level,
                finding,
            ));
        }
    }
    drop(article);
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let diagnostics = apply_suppressions(source, diagnostics, |name| rules.contains(name));
    Ok(Checked {
        document,
        diagnostics,
        view_fixes,
    })
}

/// Fix `source` (read as `format`, linted into `checked`) in memory: apply fixes pass after pass
/// (a fix deferred for overlapping another is taken next pass) until none applies, and give the
/// fixed source, the number of fixes applied and what remains. Each pass is checked before it
/// is kept: the fixed file must read again as its format, and (for
/// formats other than plain text) its article must be exactly the old one with the rules'
/// edits; otherwise the fixing stops with why.
pub fn fix(
    source: &Source,
    format: InputFormat,
    rules: &RuleSet,
    mut checked: Checked,
) -> Result<(Source, usize, Vec<Diagnostic>), String> {
    const MAX_PASSES: usize = 10;
    let mut current = source.clone();
    let mut total = 0;
    for _ in 0..MAX_PASSES {
        let (text, applied) = apply_fixes(current.text(), &checked.diagnostics);
        if applied.is_empty() {
            break;
        }
        let expected = expected_view(&current, &checked, &applied)?;
        total += applied.len();
        let next = source.with_text(text);
        let next_checked = check(&next, format, rules).map_err(|error| {
            format!(
                "the fixed text would no longer read as {}: {error}",
                format.title()
            )
        })?;
        if let Some(expected) = expected
            && next_checked.document.view(&next).text() != expected
        {
            return Err(format!(
                "a fix would change more of the {} file than the rules asked",
                format.title()
            ));
        }
        current = next;
        checked = next_checked;
    }
    Ok((current, total, checked.diagnostics))
}

/// The article text that fixing should give: the view of `current` with the view edits of the
/// `applied` fixes; `None` for plain text, whose view is the file itself.
fn expected_view(
    current: &Source,
    checked: &Checked,
    applied: &[&Fix],
) -> Result<Option<String>, String> {
    if checked.document.is_identity() {
        return Ok(None);
    }
    let mut edits: Vec<Edit> = applied
        .iter()
        .filter_map(|fix| checked.view_fixes.get(*fix))
        .flat_map(|fix| fix.edits.iter().cloned())
        .collect();
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let view = checked.document.view(current).text();
    apply_edits(view, &edits)
        .map(Some)
        .ok_or_else(|| "two fixes overlap in the article".to_string())
}

/// A finding on the article's view, placed in the file: every label mapped through the source
/// map, the fix mapped when it has a clean image there and dropped when it has not.
fn to_file(
    document: &Document,
    mut finding: Finding,
    view_fixes: &mut HashMap<Fix, Fix>,
) -> Finding {
    let map = &document.map;
    for label in std::iter::once(&mut finding.primary).chain(finding.secondary.iter_mut()) {
        label.span = map.to_source(label.span);
    }
    if let Some(view_fix) = finding.fix.take() {
        finding.fix = map.fix_to_source(&view_fix);
        if let Some(fix) = &finding.fix {
            view_fixes.insert(fix.clone(), view_fix);
        }
    }
    finding
}

/// The `read-error` of a file that is not a news article.
pub fn not_an_article(name: &str, what: &str) -> Diagnostic {
    let mut diagnostic = Diagnostic::file_error(
        READ_ERROR,
        name,
        format!("could not read `{name}` as an article: it is {what}"),
        None,
    );
    diagnostic.help = Some(
        "name its format with `--input-format` or a `format` override if it is an article"
            .to_string(),
    );
    diagnostic
}

/// The `read-error` of a file that does not parse as its format, placed where the parser stopped.
pub fn format_error(source: &Source, format: InputFormat, error: &FormatError) -> Diagnostic {
    let name = source.name();
    Diagnostic::file_error(
        READ_ERROR,
        name,
        format!(
            "could not read `{name}` as {}: {}",
            format.title(),
            error.message
        ),
        error.offset.map(|offset| source.position(offset)),
    )
}

#[cfg(test)]
mod tests {
    use crate::config::Config;

    /// The rules that fire on a ninjs article in `language` whose body spells a name two ways.
    fn rules_on(language: &str) -> Vec<String> {
        let text = format!(
            r#"{{"uri": "urn:1", "language": "{language}", "headline": "Talks", "body_text": "Leader Muammar Gaddafi arrived on Monday. Officials said Gaddafi would stay a week.\n\nThe visit was arranged by Qaddafi aides."}}"#
        );
        crate::lint_str("a.json", &text, &Config::default())
            .into_iter()
            .map(|d| d.rule)
            .collect()
    }

    #[test]
    fn rules_that_read_english_skip_articles_in_other_languages() {
        assert_eq!(rules_on("en-GB"), ["name-spelling"]);
        assert!(rules_on("de").is_empty());
    }

    /// An article that names no language is read in the one its prose is in: a quotation in
    /// Spanish prose is not judged by the English attribution rule, nor in English prose
    /// skipped; the repetition rules read both.
    #[test]
    fn rules_that_read_english_skip_prose_detected_in_another_language() {
        let rules = |paragraph: &str| -> Vec<String> {
            let text = format!("Titular\n\n{paragraph}\n\n{paragraph}\n");
            crate::lint_str("a.txt", &text, &Config::default())
                .into_iter()
                .map(|d| d.rule)
                .collect()
        };
        let spanish = "La misión de la fiesta tomó forma durante este encuentro, que contó con la participación de unos cincuenta editores y periodistas de grandes medios, miembros de la comunidad de datos abiertos y de los grupos cívicos de la ciudad. \u{201c}Ahora necesitamos resolver los grandes temas de la profesión y de la sociedad entera\u{201d}. Los talleres se abarcaron durante toda la semana en la capital.";
        assert_eq!(rules(spanish), ["duplicate-paragraph"]);
        let english = "The mission of the party took shape during this meeting, which drew some fifty editors and reporters from large newspapers, members of the open data community and of the civic groups of the city. \u{201c}Now we need to solve the big questions of the profession and of society as a whole\u{201d}. The workshops ran throughout the week in the capital.";
        assert_eq!(
            rules(english),
            [
                "unattributed-quote",
                "duplicate-paragraph",
                "unattributed-quote"
            ]
        );
    }
}
