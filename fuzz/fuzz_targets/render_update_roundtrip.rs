//! Fuzz target: the property lives in tests/support/loader_checks.rs, shared with the regression tests.
#![no_main]

#[path = "../../tests/support/loader_checks.rs"]
mod loader_checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| loader_checks::render_update_roundtrip(data));
