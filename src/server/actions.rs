//! Code actions: each safe fix, "disable for this line" (the inline suppression comment of the
//! document's format), and "fix all" for the whole document.

use super::diagnostics::{Placing, to_lsp};
use super::document::Document;
use super::position::Encoding;
use crate::diagnostic::{Diagnostic, Edit};
use crate::fix::apply_fixes;
use crate::span::{Span, floor_char_boundary};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, DocumentChanges, OneOf,
    OptionalVersionedTextDocumentIdentifier, Range, TextDocumentEdit, TextEdit, WorkspaceEdit,
};
use std::collections::HashMap;
use std::path::Path;

/// The kind of the action that applies every safe fix of a document.
pub const FIX_ALL: &str = "source.fixAll.wirelint";

/// The comment that silences `rule` on the line below it, in the syntax of the format of the
/// document `name`; `None` for a format with no comments (JSON). One function, so that each
/// format's syntax is decided here.
pub fn suppression_comment(name: &str, rule: &str) -> Option<String> {
    let extension = Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match extension.as_deref() {
        Some("json") => None,
        _ => Some(format!("<!-- wirelint-disable-next-line {rule} -->")),
    }
}

/// What the client accepts, for building actions.
#[derive(Clone, Copy, Debug)]
pub struct ActionOptions {
    /// The negotiated position encoding.
    pub encoding: Encoding,
    /// Whether the client applies versioned document edits (`documentChanges`), so that an
    /// action computed on an old text is refused rather than misapplied.
    pub versioned: bool,
}

/// The actions for the part `range` of `document` (linted at its current version): a fix and a
/// suppression for each diagnostic there, and "fix all" when the document has a fix; only those
/// of the kinds in `only`, when given.
pub fn code_actions(
    document: &Document,
    range: Range,
    only: Option<&[CodeActionKind]>,
    options: ActionOptions,
) -> Vec<CodeActionOrCommand> {
    let wanted = |kind: &CodeActionKind| {
        only.is_none_or(|only| {
            only.iter().any(|o| {
                kind.as_str() == o.as_str()
                    || kind.as_str().starts_with(&format!("{}.", o.as_str()))
            })
        })
    };
    let text = document.text();
    let at = Placing {
        uri: &document.uri,
        text,
        lines: document.lines(),
        encoding: options.encoding,
    };
    let mut actions = Vec::new();
    let quickfix = CodeActionKind::QUICKFIX;
    for diagnostic in document.diagnostics() {
        let lsp = to_lsp(diagnostic, &at);
        if lsp.range.start > range.end || range.start > lsp.range.end || !wanted(&quickfix) {
            continue;
        }
        if let Some(fix) = &diagnostic.fix {
            actions.push(action(
                format!("{} ({})", fix.message, diagnostic.rule),
                quickfix.clone(),
                Some(lsp.clone()),
                edit(document, &fix.edits, options),
                true,
            ));
        }
        if let Some(insert) = suppression(document, diagnostic) {
            actions.push(action(
                format!("disable {} for this line", diagnostic.rule),
                quickfix.clone(),
                Some(lsp),
                edit(document, &[insert], options),
                false,
            ));
        }
    }
    let fix_all = CodeActionKind::from(FIX_ALL);
    if wanted(&fix_all) && document.diagnostics().iter().any(|d| d.fix.is_some()) {
        let (fixed, _) = apply_fixes(text, document.diagnostics());
        let changed = changed_part(text, &fixed);
        actions.push(action(
            "fix all safe wirelint problems".to_string(),
            fix_all,
            None,
            edit(document, &[changed], options),
            false,
        ));
    }
    actions
}

fn action(
    title: String,
    kind: CodeActionKind,
    diagnostic: Option<lsp_types::Diagnostic>,
    edit: WorkspaceEdit,
    preferred: bool,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(kind),
        diagnostics: diagnostic.map(|d| vec![d]),
        edit: Some(edit),
        is_preferred: preferred.then_some(true),
        ..CodeAction::default()
    })
}

/// The insertion of the suppression comment on a line of its own above the line of the
/// diagnostic's primary label, with the text's own line break; `None` for what no comment
/// silences (wirelint's own diagnostics) and for formats without comments.
fn suppression(document: &Document, diagnostic: &Diagnostic) -> Option<Edit> {
    crate::rules::find(&diagnostic.rule)?;
    let comment = suppression_comment(&document.name(), &diagnostic.rule)?;
    let text = document.text();
    let start = text[..floor_char_boundary(text, diagnostic.span.start)]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map(|i| start + i);
    let line_break = match line_end {
        Some(end) if text[..end].ends_with('\r') => "\r\n",
        _ => "\n",
    };
    Some(Edit {
        span: Span::new(start, start),
        replacement: format!("{comment}{line_break}"),
    })
}

/// One edit that turns `old` into `new`: the part between their common prefix and suffix.
fn changed_part(old: &str, new: &str) -> Edit {
    let prefix = old
        .char_indices()
        .zip(new.chars())
        .find(|((_, a), b)| a != b)
        .map_or(old.len().min(new.len()), |((i, _), _)| i);
    let suffix = old[prefix..]
        .chars()
        .rev()
        .zip(new[prefix..].chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum::<usize>();
    Edit {
        span: Span::new(prefix, old.len() - suffix),
        replacement: new[prefix..new.len() - suffix].to_string(),
    }
}

/// A workspace edit of `document` made of `edits` (byte spans into its text).
fn edit(document: &Document, edits: &[Edit], options: ActionOptions) -> WorkspaceEdit {
    let text_edits: Vec<TextEdit> = edits
        .iter()
        .map(|e| TextEdit {
            range: document
                .lines()
                .range(document.text(), e.span, options.encoding),
            new_text: e.replacement.clone(),
        })
        .collect();
    if options.versioned {
        WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: document.uri.clone(),
                    version: Some(document.version),
                },
                edits: text_edits.into_iter().map(OneOf::Left).collect(),
            }])),
            ..WorkspaceEdit::default()
        }
    } else {
        WorkspaceEdit {
            changes: Some(HashMap::from([(document.uri.clone(), text_edits)])),
            ..WorkspaceEdit::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_has_no_comment_and_other_formats_use_html_comments() {
        assert_eq!(
            suppression_comment("/desk/story.JSON", "malformed-header"),
            None
        );
        assert_eq!(
            suppression_comment("/desk/story.txt", "malformed-header").as_deref(),
            Some("<!-- wirelint-disable-next-line malformed-header -->")
        );
    }

    #[test]
    fn the_changed_part_is_between_the_common_prefix_and_suffix() {
        let edit = changed_part(" date 1\nsame\nsame\nend", "date 1\nsame\nend");
        assert_eq!(edit.span, Span::new(0, 12));
        assert_eq!(edit.replacement, "date 1");
        let edit = changed_part("abc", "abc");
        assert_eq!(
            (edit.span, edit.replacement.as_str()),
            (Span::new(3, 3), "")
        );
        let edit = changed_part("a“b", "a”b");
        assert_eq!(
            (edit.span, edit.replacement.as_str()),
            (Span::new(1, 4), "”")
        );
    }
}
