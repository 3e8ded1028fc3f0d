//! Linting one source: read it as its format, run the configured rules on the article, place
//! their findings back in the file, apply the inline suppressions.

use crate::config::RuleSet;
use crate::diagnostic::{Diagnostic, Finding, Fix, READ_ERROR};
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
    for active in rules.active() {
        for finding in active.rule.check(&article) {
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
    let diagnostics = apply_suppressions(source, diagnostics, |name| {
        crate::rules::find(name).is_some()
    });
    Ok(Checked {
        document,
        diagnostics,
        view_fixes,
    })
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
