//! Fuzz the decoder, the parser, every rule (all switched on), the suppressions, the fixer and
//! the human renderer, checking the invariants every diagnostic must keep.
//!
//! An input whose first byte is odd is raw bytes after it. An input whose first byte is even is
//! a program for a generator of large structured articles: each pair of bytes after it appends
//! one piece (a count, a quote mark, an attribution, a suppression comment, a headline figure,
//! a repeated paragraph, ...) a number of times, so that a small input grows into an article of
//! up to 1 MB with many figures, quotes and suppressions. Run it with a larger `-max_len`
//! (see the README).
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

/// The largest article the generator writes, and the decoder's limit.
const MAX_SIZE: usize = 1 << 20;

static CONFIG: LazyLock<Config> = LazyLock::new(|| {
    let builder = CARDS.iter().fold(Config::builder(), |builder, card| builder.level(&card.name, RuleLevel::Warn));
    builder.build().expect("every rule can be switched on")
});

/// The pieces structured articles are made of.
const PIECES: &[&str] = &[
    "date 2026-03-04 1194\n", " dat 04/03/2026 12\n", "Hundreds Of 45 Detainees Freed\n",
    "Two Killed, 300 Injured\n", "450 detainees ", "12 fighters ", "3,000 people ", "$3bn ",
    "£600m ", "two ", "hundreds of ", "45 per cent ", "1.5 million ", "at least 40 soldiers ",
    "a dozen ", "\"", "\u{201c}", "\u{201d}", "\u{2018}", "\u{2019}", "'", "\u{ab}", "\u{bb}",
    " he said", ", said Maria Lopez", "According to officials, ", " the minister told reporters",
    ". ", "? ", "\n", "\r\n", "\n\n", "The council ", "approved ", "the budget ", "killed ",
    "injured ", "up from ", "of whom ", "including ", "<!-- wirelint-disable-next-line -->\n",
    "<!-- wirelint-disable number-conflict -->\n",
    "<!-- wirelint-disable-next-line unbalanced-quote, malformed-header -->\n",
    "<!-- wirelint-disable-next-line no-such-rule -->\n", "<!-- a comment -->\n",
    "The river rose again overnight and the council said the barriers would hold.\n",
    "The river rose again overnight and the council said the barrier would hold.\n",
    "\u{e9}", "e\u{301}", "\u{200b}", "\t", "\u{1f389}", "\u{feff}", " ", "-", "\u{2014}",
];

/// The article a structured input describes.
fn generate(program: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for pair in program.chunks(2) {
        let piece = PIECES[usize::from(pair[0]) % PIECES.len()].as_bytes();
        let times = pair.get(1).map_or(1, |&n| usize::from(n) * usize::from(n) + 1);
        for _ in 0..times {
            if out.len() + piece.len() > MAX_SIZE {
                return out;
            }
            out.extend_from_slice(piece);
        }
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let bytes = match data.split_first() {
        Some((mode, rest)) if mode % 2 == 0 => generate(rest),
        Some((_, rest)) => rest.to_vec(),
        None => return,
    };
    let Ok(source) = Source::from_bytes("fuzz.txt", bytes, MAX_SIZE as u64) else {
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
