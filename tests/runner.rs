//! Every integration test in one binary, as jj's `cli/tests/runner.rs` does: the tests link the library once
//! instead of once per file, so the suite builds in a fraction of the time, and they all run side by side in one
//! process. A file in `tests/` is a module here; `Cargo.toml` sets `autotests = false`, so a file left out of
//! this list would silently never run: [`every_test_file_is_listed`] catches that.
//!
//! Shared helpers live at the top: `common` (the command line in a temporary data folder), the files under
//! `support/` and the workbook generator the benchmarks use.

use std::path::Path;

// Shared support, used by the modules below as `crate::<name>`.
#[path = "support/bounded.rs"]
mod bounded;
mod common;
#[path = "support/hostile_corpus.rs"]
mod hostile_corpus;
#[path = "support/loader_checks.rs"]
mod loader_checks;
#[path = "support/mount.rs"]
mod mount;
#[path = "support/pty.rs"]
mod pty;
#[path = "support/rng.rs"]
mod rng;
#[path = "../examples/gen/workbook.rs"]
mod workbook;

// The tests, one module per file or folder in `tests/`.
mod catalog;
mod cli;
mod cli_edit;
mod cli_print;
mod crash_safety;
mod data_dir_trouble;
mod first_run;
mod fuzz_regressions;
mod hostile;
mod hostile_paths;
mod properties;
mod search;
mod tui_e2e;
mod tui_people;
mod tui_properties;
mod tui_reliability;
mod two_writers;

/// Every `.rs` file and test folder directly in `tests/` is declared above: with `autotests = false` cargo would
/// not build one that is missing, and its tests would pass by never running.
#[test]
fn every_test_file_is_listed() {
    let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let runner = std::fs::read_to_string(tests.join("runner.rs")).unwrap();
    let shared = ["common", "support", "fixtures", "runner", "snapshots"];
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&tests).unwrap() {
        let path = entry.unwrap().path();
        let name = match path.file_stem().and_then(|s| s.to_str()) {
            Some(name) => name.to_string(),
            None => continue,
        };
        // A folder is a module too (`<name>/mod.rs`), or a second test binary that would never be built.
        let is_module = path.is_dir() || path.extension().is_some_and(|e| e == "rs");
        if is_module
            && !shared.contains(&name.as_str())
            && !runner.contains(&format!("\nmod {name};"))
        {
            missing.push(name);
        }
    }
    assert!(
        missing.is_empty(),
        "tests/runner.rs does not declare {missing:?}: add `mod <name>;` there"
    );
}
