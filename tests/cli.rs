//! Golden CLI tests: each `tests/cmd/NAME.toml` runs `wirelint` (in `NAME.in/` when there is
//! one) and compares its output with `NAME.stdout` and `NAME.stderr`.
//! `TRYCMD=overwrite cargo test --test cli` rewrites them after a deliberate change.

use std::path::Path;

#[test]
fn cli() {
    trycmd::TestCases::new()
        .case("tests/cmd/*.toml")
        .case("tests/cmd/*.trycmd");
}

/// trycmd checks only the outputs that have a file; a case without them would assert nothing.
#[test]
fn every_case_has_its_expected_output() {
    let cases = std::fs::read_dir("tests/cmd").expect("tests/cmd exists");
    for entry in cases.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|ext| ext == "toml") {
            for output in ["stdout", "stderr"] {
                let expected = path.with_extension(output);
                assert!(
                    Path::new(&expected).is_file(),
                    "{} has no {}",
                    path.display(),
                    expected.display()
                );
            }
        }
    }
}
