//! wirelint's diagnostics as the protocol's: the primary label's range, the rule as the code
//! with a link to its documentation, secondary labels as related information.

use super::position::{Encoding, LineMap};
use crate::diagnostic::{Diagnostic, Level};
use crate::suppress::UNUSED_SUPPRESSION;
use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag, Location,
    NumberOrString, Uri,
};
use std::str::FromStr;

/// The `source` of every diagnostic the server publishes.
pub const SOURCE: &str = "wirelint";

/// The address of the documentation of `rule`, for a built-in rule: the one SARIF's `helpUri`
/// and the README give ([`crate::rules::docs_url`]).
pub fn rule_docs_url(rule: &str) -> Option<String> {
    crate::rules::docs_url(rule)
}

/// The text a diagnostic is drawn on, to place its labels.
pub struct Placing<'a> {
    /// The document's URI.
    pub uri: &'a Uri,
    /// The document's text.
    pub text: &'a str,
    /// The line map of `text`.
    pub lines: &'a LineMap,
    /// The negotiated position encoding.
    pub encoding: Encoding,
}

/// `diagnostic` in the protocol's terms: the message followed by the primary label, the notes
/// and the help, one a line.
pub fn to_lsp(diagnostic: &Diagnostic, at: &Placing<'_>) -> lsp_types::Diagnostic {
    let range = |span| at.lines.range(at.text, span, at.encoding);
    let mut message = diagnostic.message.clone();
    let primary = diagnostic.labels.iter().find(|label| label.primary);
    if let Some(label) = primary.filter(|label| !label.message.is_empty()) {
        message.push('\n');
        message.push_str(&label.message);
    }
    for note in &diagnostic.notes {
        message.push_str("\nnote: ");
        message.push_str(note);
    }
    if let Some(help) = &diagnostic.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<DiagnosticRelatedInformation> = diagnostic
        .labels
        .iter()
        .filter(|label| !label.primary)
        .map(|label| DiagnosticRelatedInformation {
            location: Location::new(at.uri.clone(), range(label.span)),
            message: label.message.clone(),
        })
        .collect();
    lsp_types::Diagnostic {
        range: range(diagnostic.span),
        severity: Some(match diagnostic.level {
            Level::Error => DiagnosticSeverity::ERROR,
            Level::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(diagnostic.rule.clone())),
        code_description: rule_docs_url(&diagnostic.rule)
            .and_then(|url| Uri::from_str(&url).ok())
            .map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        // An editor greys out what is unnecessary: a suppression that silences nothing.
        tags: (diagnostic.rule == UNUSED_SUPPRESSION).then(|| vec![DiagnosticTag::UNNECESSARY]),
        data: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::lint_str;

    #[test]
    fn rules_link_to_their_cards_and_secondary_labels_become_related_information() {
        let text = "date 2026-02-02 403\nHeadline\nThe council met on Monday to approve the new budget for the coming year.\nThe council met on Monday to approve the new budget for the coming year.\n";
        let diagnostics = lint_str("story.txt", text, &Config::default());
        let duplicate = diagnostics
            .iter()
            .find(|d| d.rule == "duplicate-paragraph")
            .unwrap();
        let uri = Uri::from_str("file:///desk/story.txt").unwrap();
        let lines = LineMap::new(text);
        let at = Placing {
            uri: &uri,
            text,
            lines: &lines,
            encoding: Encoding::Utf16,
        };
        let lsp = to_lsp(duplicate, &at);
        assert_eq!(lsp.range.start, lsp_types::Position::new(3, 0));
        assert_eq!(lsp.severity, Some(DiagnosticSeverity::ERROR));
        assert_eq!(
            lsp.code_description.unwrap().href.as_str(),
            "https://github.com/wirelint/wirelint/blob/main/rules/duplicate-paragraph.toml"
        );
        let related = lsp.related_information.unwrap();
        assert_eq!(
            related[0].location.range.start,
            lsp_types::Position::new(2, 0)
        );
        assert!(lsp.message.starts_with(&duplicate.message));
        assert!(lsp.message.contains("\nhelp: "));
    }

    #[test]
    fn only_built_in_rules_have_docs() {
        assert!(rule_docs_url("malformed-header").is_some());
        assert_eq!(rule_docs_url(UNUSED_SUPPRESSION), None);
    }
}
