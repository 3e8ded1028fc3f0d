//! Fuzz the decoder, the parser, every rule (all switched on), the fixer and the human
//! renderer, checking the invariants every diagnostic must keep.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use wirelint::config::Config;
use wirelint::engine::lint_source;
use wirelint::fix::apply_fixes;
use wirelint::report::Format;
use wirelint::rule::RuleLevel;
use wirelint::rules::CARDS;
use wirelint::source::Source;

static CONFIG: LazyLock<Config> = LazyLock::new(|| {
    let builder = CARDS.iter().fold(Config::builder(), |builder, card| builder.level(&card.name, RuleLevel::Warn));
    builder.build().expect("every rule can be switched on")
});

fuzz_target!(|data: &[u8]| {
    let Ok(source) = Source::from_bytes("fuzz.txt", data.to_vec(), 1 << 20) else {
        return;
    };
    let diagnostics = lint_source(&source, &CONFIG.rules);
    let text = source.text();
    for d in &diagnostics {
        assert!(d.line >= 1 && d.column >= 1, "{d:?}");
        for label in &d.labels {
            assert!(label.span.start <= label.span.end && label.span.end <= text.len(), "{d:?}");
            assert!(text.is_char_boundary(label.span.start) && text.is_char_boundary(label.span.end), "{d:?}");
        }
        if let Some(fix) = &d.fix {
            for edit in &fix.edits {
                assert!(edit.span.end <= text.len() && text.is_char_boundary(edit.span.start) && text.is_char_boundary(edit.span.end));
            }
        }
    }
    let _ = Format::Human.render_file(Some(&source), &diagnostics, false);
    let (fixed, _) = apply_fixes(text, &diagnostics);
    let fixed = Source::new("fuzz.txt", fixed);
    let _ = lint_source(&fixed, &CONFIG.rules);
});
