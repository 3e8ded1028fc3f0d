//! `--statistics`: how many findings each rule made, instead of the findings themselves.

use super::{Format, JSON_VERSION, Summary};
use crate::diagnostic::{Diagnostic, Level};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Findings counted by rule and level.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Statistics {
    counts: BTreeMap<(String, Level), Count>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Count {
    findings: usize,
    fixable: usize,
}

/// One rule's line of the statistics.
#[derive(Serialize)]
pub(super) struct Row<'a> {
    pub(super) rule: &'a str,
    pub(super) level: Level,
    pub(super) count: usize,
    pub(super) fixable: usize,
}

impl Statistics {
    /// Count `diagnostics` in.
    pub fn add(&mut self, diagnostics: &[Diagnostic]) {
        for diagnostic in diagnostics {
            let count = self
                .counts
                .entry((diagnostic.rule.clone(), diagnostic.level))
                .or_default();
            count.findings += 1;
            count.fixable += usize::from(diagnostic.fix.is_some());
        }
    }

    /// Add another run's counts.
    pub fn merge(&mut self, other: &Statistics) {
        for (key, count) in &other.counts {
            let mine = self.counts.entry(key.clone()).or_default();
            mine.findings += count.findings;
            mine.fixable += count.fixable;
        }
    }

    /// The rules with findings, most findings first (then by name).
    pub(super) fn rows(&self) -> Vec<Row<'_>> {
        let mut rows: Vec<Row<'_>> = self
            .counts
            .iter()
            .map(|((rule, level), count)| Row {
                rule,
                level: *level,
                count: count.findings,
                fixable: count.fixable,
            })
            .collect();
        rows.sort_by(|a, b| b.count.cmp(&a.count).then(a.rule.cmp(b.rule)));
        rows
    }

    /// The statistics as `format` prints them: a JSON document for the JSON formats, a table
    /// and the summary line otherwise.
    pub fn render(&self, format: Format, summary: &Summary) -> String {
        let rows = self.rows();
        if matches!(format, Format::Json | Format::Jsonl) {
            #[derive(Serialize)]
            struct Document<'a> {
                version: u32,
                statistics: &'a [Row<'a>],
                summary: &'a Summary,
            }
            let document = Document {
                version: JSON_VERSION,
                statistics: &rows,
                summary,
            };
            // Plain strings and numbers: serialising cannot fail.
            let mut out = serde_json::to_string(&document)
                .unwrap_or_else(|e| panic!("statistics serialise to JSON: {e}"));
            out.push('\n');
            return out;
        }
        let width = rows
            .iter()
            .map(|row| row.rule.len())
            .max()
            .unwrap_or(0)
            .max("rule".len());
        let mut out = String::new();
        if !rows.is_empty() {
            let _ = writeln!(out, "count  {:width$}  level    fixable", "rule");
            for row in &rows {
                let _ = writeln!(
                    out,
                    "{:>5}  {:width$}  {:7}  {:>7}",
                    row.count,
                    super::sanitize(row.rule),
                    row.level.to_string(),
                    row.fixable
                );
            }
        }
        let _ = writeln!(out, "{}", summary.line());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn counts_by_rule_most_first() {
        let text = " date 26/02/1987 403\nHeadline\nBoth sides have traded accusations since the ceasefire collapsed.\nBoth sides have traded accusations since the ceasefire collapsed.\n";
        let diagnostics = crate::lint_str("a.txt", text, &Config::default());
        let mut statistics = Statistics::default();
        statistics.add(&diagnostics);
        let mut twice = statistics.clone();
        twice.merge(&statistics);
        let mut summary = Summary {
            files: 1,
            ..Summary::default()
        };
        summary.add(&diagnostics);
        let table = twice.render(Format::Human, &summary);
        assert_eq!(
            table.lines().collect::<Vec<_>>()[..3],
            [
                "count  rule                 level    fixable",
                "    4  malformed-header     error          2",
                "    2  duplicate-paragraph  error          2",
            ],
            "{table}"
        );
        let json: serde_json::Value =
            serde_json::from_str(&statistics.render(Format::Json, &summary)).unwrap();
        assert_eq!(json["statistics"][0]["rule"], "malformed-header");
        assert_eq!(json["statistics"][0]["count"], 2);
        assert_eq!(json["version"], JSON_VERSION);
    }
}
