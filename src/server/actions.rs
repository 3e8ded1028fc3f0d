//! Code actions: each safe fix, "disable for this line" (the inline suppression comment of the
//! document's format), and "fix all" for the whole document.

use super::diagnostics::{Placing, to_lsp};
use super::document::Document;
use super::position::Encoding;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Edit, READ_ERROR, WRITE_ERROR};
use crate::engine;
use crate::fix::apply_edits;
use crate::formats::InputFormat;
use crate::source::Source;
use crate::span::{Span, floor_char_boundary};
use crate::suppress::UNUSED_SUPPRESSION;
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, DocumentChanges, OneOf,
    OptionalVersionedTextDocumentIdentifier, Range, TextDocumentEdit, TextEdit, WorkspaceEdit,
};
use std::collections::HashMap;

/// The kind of the action that applies every safe fix of a document.
pub const FIX_ALL: &str = "source.fixAll.wirelint";

/// The comment that silences `rule` on the line below it, in `format`'s syntax (the format
/// decides it, in `InputFormat::comment_syntax`); `None` for a format without comments (ninjs,
/// ANPA).
pub fn suppression_comment(format: InputFormat, rule: &str) -> Option<String> {
    let (open, close) = format.comment_syntax()?;
    Some(format!("{open}wirelint-disable-next-line {rule}{close}"))
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

/// The actions for the part `range` of `document` (linted at its current version with
/// `config`): a fix and a suppression for each diagnostic there, and "fix all" when the document
/// has a fix; only those of the kinds in `only`, when given. An edit after which the file would
/// no longer read as its format is not offered.
pub fn code_actions(
    document: &Document,
    config: &Config,
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
        if let Some(fix) = &diagnostic.fix
            && still_reads(document, config, &fix.edits)
        {
            actions.push(action(
                format!("{} ({})", fix.message, diagnostic.rule),
                quickfix.clone(),
                Some(lsp.clone()),
                edit(document, &fix.edits, options),
                true,
            ));
        }
        if let Some(insert) = suppression(document, diagnostic)
            && still_reads(document, config, std::slice::from_ref(&insert))
        {
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
    let fixable = document.diagnostics().iter().any(|d| d.fix.is_some());
    if wanted(&fix_all)
        && fixable
        && let Some(changed) = fix_everything(document, config)
    {
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
/// silences (wirelint's own diagnostics) and for formats without comments. Style rules are
/// silenced as built-in ones are.
fn suppression(document: &Document, diagnostic: &Diagnostic) -> Option<Edit> {
    if [READ_ERROR, WRITE_ERROR, UNUSED_SUPPRESSION].contains(&diagnostic.rule.as_str()) {
        return None;
    }
    let comment = suppression_comment(document.format()?, &diagnostic.rule)?;
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

/// Whether `document`'s text with `edits` still reads as its format (always, for plain text).
fn still_reads(document: &Document, config: &Config, edits: &[Edit]) -> bool {
    let Some(format) = document.format() else {
        return false;
    };
    if format == InputFormat::Plain {
        return true;
    }
    let mut edits = edits.to_vec();
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let Some(text) = apply_edits(document.text(), &edits) else {
        return false;
    };
    let name = document.name();
    let source = Source::new(name.as_str(), text);
    engine::check(&source, format, config.rules_for(&name)).is_ok()
}

/// The one edit that applies every safe fix of `document` as `--fix` does (pass after pass,
/// each checked to read again as the format); `None` when nothing would change.
fn fix_everything(document: &Document, config: &Config) -> Option<Edit> {
    let format = document.format()?;
    let name = document.name();
    let rules = config.rules_for(&name);
    let source = document.source();
    let checked = engine::check(&source, format, rules).ok()?;
    let (fixed, applied, _) = engine::fix(&source, format, rules, checked).ok()?;
    if applied == 0 {
        return None;
    }
    let bom = document.bom();
    let mut edit = changed_part(&document.text()[bom..], fixed.text());
    edit.span = edit.span.shift(bom);
    Some(edit)
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
    fn formats_without_comments_have_no_suppression() {
        assert_eq!(
            suppression_comment(InputFormat::Ninjs, "malformed-header"),
            None
        );
        assert_eq!(
            suppression_comment(InputFormat::Plain, "malformed-header").as_deref(),
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
