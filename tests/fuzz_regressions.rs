//! Every input a fuzzer once failed on, replayed through the same property it broke. Files live in
//! tests/fixtures/fuzz-regressions/, named `<target>-<what it found>.toml`, where target is the fuzz target
//! (`plan-parse`, `ladder`, `render-update`). Add each new crash here before fixing it.

use crate::loader_checks;

use std::fs;
use std::path::Path;

#[test]
fn every_saved_fuzz_crash_now_passes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz-regressions");
    let mut count = 0;
    for entry in fs::read_dir(&dir).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let data = fs::read(entry.path()).unwrap();
        let check: fn(&[u8]) = if name.starts_with("render-update-") {
            loader_checks::render_update_roundtrip
        } else if name.starts_with("ladder-") {
            loader_checks::ladder_from_toml
        } else if name.starts_with("plan-parse-") {
            loader_checks::plan_parse
        } else {
            panic!("{name}: name it after its fuzz target");
        };
        // Every input goes through all the properties that accept it, not only the one it broke.
        check(&data);
        loader_checks::plan_parse(&data);
        loader_checks::render_update_roundtrip(&data);
        count += 1;
    }
    assert!(
        count >= 1,
        "no regression inputs found in {}",
        dir.display()
    );
}
