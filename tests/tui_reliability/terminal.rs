//! The terminal comes back when the workbook fails: an error out of the event loop and a panic, each after the
//! app turned on everything it could (raw mode, the alternate screen, bracketed paste, a hidden cursor, and mouse
//! reporting), leave the shell in cooked mode on the normal screen with every mode off, a readable message, and
//! the plan in progress kept as a draft.
//!
//! The failure is made on purpose with `OVERTURE_DEBUG_FAIL` and F12 (src/tui/debug_fail.rs), a switch that
//! exists only in debug builds. The other ways out (quitting, SIGTERM, SIGHUP) are real and tested in tui_e2e.

use crate::pty::{CTRL_C, Tui};

const F12: &str = "\x1b[24~";

#[test]
fn an_error_or_a_panic_gives_the_terminal_back_and_keeps_the_plan() {
    for (how, code, says) in [
        (
            "error",
            1,
            "overture: the workbook stopped: failing on purpose",
        ),
        ("panic", 101, "panicked"),
    ] {
        let data = tempfile::tempdir().unwrap();
        let config = tempfile::tempdir().unwrap();
        let mut t = Tui::start(
            data.path(),
            config.path(),
            &[],
            &[("OVERTURE_DEBUG_FAIL", how)],
            24,
            80,
        );
        t.wait_for("Welcome to overture");
        t.send("n");
        t.wait_for("Who do you need to win over?");
        t.type_text("Dr Ferreira");
        t.send(F12);
        let screen = t.assert_restored_with(code);
        let out = String::from_utf8_lossy(&t.output()).into_owned();
        assert!(
            out.contains("\x1b[?1000h"),
            "{how}: mouse reporting was never turned on, so its restoring proves nothing"
        );
        assert!(screen.contains(says), "{how}:\n{screen}");
        assert!(
            screen.contains("the plan in progress is kept as a draft"),
            "{how}:\n{screen}"
        );
        let drafts: Vec<_> = std::fs::read_dir(data.path().join("drafts"))
            .unwrap()
            .flatten()
            .collect();
        assert_eq!(drafts.len(), 1, "{how}");
        let text = std::fs::read_to_string(drafts[0].path()).unwrap();
        assert!(text.contains("Dr Ferreira"), "{how}: {text}");
    }
}

/// A terminal that goes away (its window closed, an SSH connection dropped) ends the app like SIGHUP: the plan in
/// progress is kept as a draft and the process exits. Before, the event reader spun on the dead terminal for ever
/// (crossterm issue #793), so the loop never saw the signal, nothing was kept, and the process burned a core.
#[test]
fn a_terminal_that_goes_away_ends_the_app_and_keeps_the_plan() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let mut t = Tui::start_bare(data.path(), config.path());
    t.wait_for("Welcome to overture");
    t.send("n");
    t.wait_for("Who do you need to win over?");
    t.type_text("Dr Ferreira");
    t.hang_up("s", "Dr Ferreiras");
    t.wait_exit();
    let drafts: Vec<_> = std::fs::read_dir(data.path().join("drafts"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".toml"))
        .collect();
    assert_eq!(drafts.len(), 1);
    let text = std::fs::read_to_string(drafts[0].path()).unwrap();
    assert!(text.contains("Dr Ferreiras"), "{text}");
}

/// Without the switch, F12 is an ordinary key that does nothing.
#[test]
fn without_the_switch_f12_does_nothing() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let mut t = Tui::start(data.path(), config.path(), &[], &[], 24, 80);
    t.wait_for("Welcome to overture");
    t.send(F12);
    t.send("n");
    t.wait_for("Who do you need to win over?");
    t.type_text("Dr Ferreira");
    t.wait_for("Dr Ferreira");
    t.send(CTRL_C);
    // Quitting from the keyboard says, on the normal screen, that the plan in progress was kept.
    let screen = t.assert_restored_with(0);
    assert!(
        screen.contains("kept as a draft and offered at the next start"),
        "{screen}"
    );
}
