//! The properties the loaders must keep, in one place: the fuzz targets (fuzz/), the replay of inputs the fuzzer
//! once crashed on (tests/fuzz_regressions.rs) and the proptest properties all call these, so a fix proven by
//! one is proven by all. Each function panics when the property fails; any input at all is allowed.
#![allow(dead_code)]

use std::path::Path;

use overture::domain::ladder::MAX_RUNGS;
use overture::domain::{Attempt, Ladder, OutcomeResult, text_position};
use overture::store::{format, plan_file};

/// Any bytes given to the plan loader: Ok or a LoadError with a sane position, never a panic.
pub fn plan_parse(data: &[u8]) {
    let path = Path::new("fuzz.toml");
    match std::str::from_utf8(data) {
        Ok(text) => {
            if let Err(e) = plan_file::parse(path, text, &overture::domain::Ladder::embedded())
                && let Some((line, col)) = e.position
            {
                assert!(line >= 1 && col >= 1, "{e}");
                assert!(line <= text.split('\n').count(), "{e}");
            }
        }
        Err(e) => {
            let valid = String::from_utf8_lossy(&data[..e.valid_up_to()]).into_owned();
            let _ = text_position(&valid, valid.len());
        }
    }
}

/// Any text as a replacement ladder: refused, or a ladder the rest of the program can rely on.
pub fn ladder_from_toml(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(ladder) = Ladder::from_toml(text) {
        assert!((2..=MAX_RUNGS).contains(&ladder.len()));
        for (i, rung) in ladder.rungs().iter().enumerate() {
            assert_eq!(ladder.position(&rung.key), Some(i), "{:?}", rung.key);
            let _ = ladder.label(ladder.pick(i).as_ref());
        }
    }
}

/// A plan that parses survives a save: written back into its own text it reads back the same, and a changed
/// plan written into it reads back as the changed plan. This is the promise that a save never garbles a file.
pub fn render_update_roundtrip(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("fuzz.toml");
    let Ok(plan) = plan_file::parse(path, text, &overture::domain::Ladder::embedded()) else {
        return;
    };
    let same = format::render_update(text, &plan).expect("a file that parsed can be updated");
    let back = plan_file::parse(path, &same, &overture::domain::Ladder::embedded())
        .expect("an updated file parses");
    assert_eq!(back, plan, "unchanged plan:\n{text}\n---\n{same}");

    let mut changed = plan.clone();
    changed.goal.want = "a \"changed\" want\nwith two lines".into();
    changed.attempts.push(Attempt {
        tactic: overture::domain::Ladder::embedded().resolve_text("coach"),
        on: None,
        result: Some(OutcomeResult::Resistance),
        notes: "added by the fuzzer".into(),
        from: String::new(),
    });
    changed.outcome = None;
    let updated = format::render_update(text, &changed).expect("a file that parsed can be updated");
    let back = plan_file::parse(path, &updated, &overture::domain::Ladder::embedded())
        .expect("an updated file parses");
    assert_eq!(back, changed, "changed plan:\n{text}\n---\n{updated}");
}
