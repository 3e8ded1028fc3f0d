//! Linting one source: parse it, run the configured rules, place their findings, apply the
//! inline suppressions.

use crate::article::Article;
use crate::config::RuleSet;
use crate::diagnostic::Diagnostic;
use crate::source::Source;
use crate::suppress::apply_suppressions;

/// Every diagnostic the active rules of `rules` report on `source`, in print order.
pub fn lint_source(source: &Source, rules: &RuleSet) -> Vec<Diagnostic> {
    let article = Article::parse(source);
    let mut diagnostics: Vec<Diagnostic> = rules
        .active()
        .flat_map(|active| {
            active.rule.check(&article).into_iter().map(move |finding| {
                Diagnostic::from_finding(source, active.name, active.level, finding)
            })
        })
        .collect();
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    apply_suppressions(source, diagnostics, |name| {
        crate::rules::find(name).is_some()
    })
}
