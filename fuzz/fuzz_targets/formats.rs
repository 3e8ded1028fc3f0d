//! Fuzz every format reader: the first byte picks the format, the rest is the file. Reading
//! never panics; every label and fix lands inside the file on character boundaries; fixing in
//! memory is never refused (a refusal means a fix mapped badly) and its result reads again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use wirelint::config::Config;
use wirelint::engine;
use wirelint::formats::InputFormat;
use wirelint::rule::RuleLevel;
use wirelint::rules::CARDS;
use wirelint::source::Source;

static CONFIG: LazyLock<Config> = LazyLock::new(|| {
    let builder = CARDS.iter().fold(Config::builder(), |builder, card| builder.level(&card.name, RuleLevel::Warn));
    builder.build().expect("every rule can be switched on")
});

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let format = InputFormat::ALL[pick as usize % InputFormat::ALL.len()];
    let Ok(source) = Source::from_bytes("fuzz", rest.to_vec(), 1 << 20) else {
        return;
    };
    let Ok(checked) = engine::check(&source, format, &CONFIG.rules) else {
        return;
    };
    let text = source.text();
    for d in &checked.diagnostics {
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
    match engine::fix(&source, format, &CONFIG.rules, checked) {
        Ok((fixed, _, _)) => assert!(engine::check(&fixed, format, &CONFIG.rules).is_ok()),
        Err(refusal) => panic!("fixing was refused: {refusal}"),
    }
});
