//! End-to-end tests of the workbook: the real binary in a pseudo-terminal, keys typed as a person would, the
//! screen read back through a terminal emulator (vt100). They check what no unit test can: the terminal is set
//! up and restored, keys arrive through a real tty, and the saved file holds what was typed.
#![cfg(unix)]

use crate::pty;

use std::path::Path;
use std::time::{Duration, Instant};

use pty::{CTRL_N, CTRL_S, ENTER, ESC, RIGHT, TAB, TIMEOUT, Tui, plan_files, seed_plan};

#[test]
fn a_plan_typed_through_the_wizard_meets_the_warning_and_is_saved_whole() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let mut t = Tui::start(data.path(), config.path(), &[], &[], 24, 80);
    t.wait_for("Welcome to overture");
    t.send("n");
    t.wait_for("Who do you need to win over?");
    t.type_text("Dr Okafor");
    t.send(TAB);
    t.type_text("Consultant anaesthetist");
    t.send(TAB);
    t.send(RIGHT);
    t.wait_for("up: someone senior to you");
    t.send(TAB);
    t.type_text("Patient safety");
    t.send(ENTER);
    t.type_text("Theatre lists that start on time");
    t.send(CTRL_N);
    t.wait_for("What do you want them to do?");
    t.type_text("Start the Tuesday list at 08:00");
    t.send(TAB);
    t.type_text("The last patient is often cancelled");
    t.send(TAB);
    t.type_text("A four-week trial");
    t.send(TAB);
    t.type_text("2026-12-01");
    t.send(CTRL_N);
    t.wait_for("What have you already tried with Dr Okafor?");
    t.send(CTRL_N);
    t.wait_for("Choose a tactic for Dr Okafor");
    t.send("9");
    let warning = t.wait_for("Escalation warning");
    assert!(
        warning.contains("Force chosen before Reason, Inspire"),
        "{warning}"
    );
    t.send("y");
    t.wait_for("Note why you are going ahead");
    t.type_text("Patients are being cancelled every week");
    t.send(ENTER);
    t.wait_for("Reason noted");
    t.send(CTRL_N);
    t.wait_for("Prepare the conversation");
    t.type_text("Can I show you the cancellations?");
    t.send(TAB);
    t.type_text("Eleven cancellations");
    t.send(TAB);
    t.type_text("A formal complaint to the director");
    t.send(TAB);
    t.type_text("My clinic cannot move");
    t.send(TAB);
    t.type_text("Someone can cover it");
    t.send(TAB);
    t.send(TAB);
    t.send(TAB);
    t.type_text("Start at 08:00 from next week");
    t.send(TAB);
    t.type_text("Ask the clinical director");
    t.send(CTRL_N);
    let review = t.wait_for("Saving makes this plan ready");
    assert!(
        review.contains("⚠ Force chosen before Reason, Inspire"),
        "{review}"
    );
    t.send(CTRL_S);
    t.wait_for("Saved as ready");
    t.send(ESC);
    t.wait_for("your plans (1)");
    t.send("q");
    t.assert_restored();

    let files = plan_files(data.path());
    assert_eq!(files.len(), 1, "{files:?}");
    let text = std::fs::read_to_string(&files[0]).unwrap();
    let plan: overture::domain::Plan = toml::from_str(&text).unwrap();
    assert_eq!(plan.status, overture::domain::Status::Ready);
    assert_eq!(plan.stakeholder.name, "Dr Okafor");
    assert_eq!(plan.stakeholder.role, "Consultant anaesthetist");
    assert_eq!(
        plan.stakeholder.direction,
        Some(overture::domain::Direction::Up)
    );
    assert_eq!(
        plan.stakeholder.cares_about,
        ["Patient safety", "Theatre lists that start on time"]
    );
    assert_eq!(plan.goal.want, "Start the Tuesday list at 08:00");
    assert_eq!(plan.goal.why, "The last patient is often cancelled");
    assert_eq!(plan.goal.minimum, "A four-week trial");
    assert_eq!(plan.goal.by, Some(jiff::civil::date(2026, 12, 1)));
    assert_eq!(
        overture::domain::RungRef::text(plan.tactic.primary.as_ref()),
        "force"
    );
    assert_eq!(
        plan.tactic.escalation_reason,
        "Patients are being cancelled every week"
    );
    assert_eq!(plan.prep.opening, "Can I show you the cancellations?");
    assert_eq!(plan.prep.points, ["Eleven cancellations"]);
    assert_eq!(plan.prep.tactic_notes, "A formal complaint to the director");
    assert_eq!(plan.prep.objections.len(), 1);
    assert_eq!(plan.prep.objections[0].objection, "My clinic cannot move");
    assert_eq!(plan.prep.objections[0].response, "Someone can cover it");
    assert_eq!(plan.prep.ask, "Start at 08:00 from next week");
    assert_eq!(plan.prep.fallback, "Ask the clinical director");
    assert!(
        !data.path().join("drafts").exists()
            || std::fs::read_dir(data.path().join("drafts"))
                .unwrap()
                .count()
                == 0
    );
}

#[test]
fn a_killed_session_is_offered_for_resume() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    {
        let mut t = Tui::start_bare(data.path(), config.path());
        t.wait_for("Welcome to overture");
        t.send("n");
        t.wait_for("Who do you need to win over?");
        t.type_text("Sister Mensah");
        let drafts = data.path().join("drafts");
        let start = Instant::now();
        let written = |dir: &Path| {
            std::fs::read_dir(dir).map_or(0, |d| {
                d.flatten()
                    .filter(|e| e.path().extension().is_some_and(|x| x == "toml"))
                    .count()
            })
        };
        while written(&drafts) == 0 {
            assert!(start.elapsed() < TIMEOUT, "no autosave");
            std::thread::sleep(Duration::from_millis(50));
        }
        t.sigkill();
    }
    let mut t = Tui::start(data.path(), config.path(), &[], &[], 24, 80);
    t.wait_for("Unsaved plan found");
    t.send("y");
    t.wait_for("Sister Mensah");
    t.send(CTRL_S);
    t.wait_for("Saved as draft");
    t.send(ESC);
    t.wait_for("your plans (1)");
    t.send("q");
    t.assert_restored();
    let text = std::fs::read_to_string(&plan_files(data.path())[0]).unwrap();
    assert!(text.contains("name = \"Sister Mensah\""), "{text}");
}

#[test]
fn tiny_terminals_get_a_notice_and_resizing_redraws() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let mut t = Tui::start(data.path(), config.path(), &[], &[], 5, 20);
    t.wait_for("too small");
    t.resize(24, 80);
    t.wait_for("Welcome to overture");
    t.resize(1, 1);
    t.resize(30, 100);
    t.wait_for("Welcome to overture");
    t.send("q");
    t.assert_restored();
}

#[test]
fn no_color_draws_without_colour_and_the_demo_is_throwaway() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let mut t = Tui::start(
        data.path(),
        config.path(),
        &["--demo"],
        &[("NO_COLOR", "1")],
        24,
        80,
    );
    t.wait_for("demo workbook");
    t.send("n");
    t.wait_for("Who do you need to win over?");
    t.type_text("Tom R");
    t.send(ENTER);
    t.wait_for("FY2 doctor");
    t.send(CTRL_N);
    t.send(CTRL_N);
    t.send(CTRL_N);
    t.wait_for("Choose a tactic for Tom Reilly");
    {
        let parser = t.parser.lock().unwrap();
        let screen = parser.screen();
        let (rows, cols) = screen.size();
        for r in 0..u16::from(rows) {
            for c in 0..u16::from(cols) {
                let cell = screen.cell(r, c).unwrap();
                assert_eq!(cell.fgcolor(), vt100::Color::Default, "colour at {r},{c}");
                assert_eq!(cell.bgcolor(), vt100::Color::Default, "colour at {r},{c}");
            }
        }
    }
    t.send("\x03"); // Ctrl-C quits from anywhere
    t.assert_restored();
    assert!(
        plan_files(data.path()).is_empty(),
        "the demo never touches the data folder"
    );
}

#[test]
fn review_filter_open_record_an_outcome_delete_and_undo() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    seed_plan(
        data.path(),
        "Sister Mensah",
        "Trial the handover board",
        "inspire",
        3,
    );
    let target = seed_plan(
        data.path(),
        "Dr Okafor",
        "Start the Tuesday list",
        "reason",
        5,
    );
    seed_plan(
        data.path(),
        "Tom Reilly",
        "Finish discharge summaries",
        "coach",
        7,
    );
    let mut t = Tui::start(data.path(), config.path(), &[], &[], 30, 100);
    t.wait_for("your plans (3)");
    t.send("/");
    t.wait_for("Enter keeps");
    t.type_text("okafor tuesday");
    t.wait_for("1 of 3");
    t.send(ENTER);
    t.wait_for("/ changes");
    t.send(ENTER);
    t.wait_for("LADDER");
    t.send("o");
    t.wait_for("Record the outcome");
    // No result is assumed: 3 picks resistance.
    t.wait_for("(not chosen yet)");
    t.send("3");
    t.wait_for("‹ resistance ›");
    t.send(TAB);
    t.send(TAB);
    t.type_text("Wants the audit first");
    t.send(ENTER);
    t.wait_for("Outcome recorded: resistance");
    t.wait_for("◆ Outcome (1 Reason): resistance");
    let plan: overture::domain::Plan =
        toml::from_str(&std::fs::read_to_string(&target).unwrap()).unwrap();
    assert_eq!(plan.status, overture::domain::Status::Done);
    assert_eq!(plan.outcome.unwrap().notes, "Wants the audit first");

    t.send("d");
    t.wait_for("Delete this plan?");
    t.send("y");
    t.wait_for("u brings it back");
    assert!(!target.exists(), "moved out of plans/");
    let trash = data.path().join("trash");
    assert_eq!(std::fs::read_dir(&trash).unwrap().count(), 1);
    t.wait_for("your plans (2)");
    t.send(ESC);
    // the filter is cleared once Esc has arrived on its own (a key right behind it would read as Alt-key)
    t.wait_for("All 2 ");
    t.send("u");
    t.wait_for("Restored");
    t.wait_for("your plans (3)");
    assert!(target.exists(), "back where it was");
    assert_eq!(std::fs::read_dir(&trash).unwrap().count(), 0);
    let text = std::fs::read_to_string(&target).unwrap();
    assert!(text.contains("Wants the audit first"), "{text}");
    t.send("q");
    t.assert_restored();
}

#[cfg(target_os = "linux")]
#[test]
fn every_ending_signal_restores_the_terminal_and_keeps_the_draft() {
    // SIGINT from another program (`kill -INT`; Ctrl-C typed in the workbook is a key) was not caught: the
    // terminal stayed raw on the alternate screen and the typing since the last autosave was lost. The exit code
    // is the one a shell gives a process that signal kills.
    for (signal, code) in [("TERM", 143), ("HUP", 129), ("INT", 130), ("QUIT", 131)] {
        let data = tempfile::tempdir().unwrap();
        let config = tempfile::tempdir().unwrap();
        let mut t = Tui::start(data.path(), config.path(), &[], &[], 24, 80);
        t.wait_for("Welcome to overture");
        t.send("n");
        t.wait_for("Who do you need to win over?");
        t.type_text("Dr Ferreira");
        t.wait_for("Dr Ferreira");
        let pid = pty::overture_pid(data.path()).expect("overture is running");
        let status = std::process::Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(pid.to_string())
            .status();
        assert!(status.unwrap().success());
        let screen = t.wait_for("END");
        {
            let parser = t.parser.lock().unwrap();
            let s = parser.screen();
            assert!(
                !s.alternate_screen(),
                "SIG{signal}: still on the alternate screen"
            );
            assert!(!s.hide_cursor(), "SIG{signal}: cursor left hidden");
        }
        let words: Vec<&str> = screen.split_whitespace().collect();
        assert!(
            words.contains(&format!("EXIT={code}").as_str()),
            "SIG{signal}:\n{screen}"
        );
        assert!(
            screen.contains(&format!("stopped by SIG{signal}")),
            "SIG{signal}:\n{screen}"
        );
        assert!(
            words.contains(&"icanon") && words.contains(&"echo"),
            "SIG{signal}: raw mode left on:\n{screen}"
        );
        assert!(screen.contains("kept as a draft"), "SIG{signal}:\n{screen}");
        let drafts: Vec<_> = std::fs::read_dir(data.path().join("drafts"))
            .unwrap()
            .flatten()
            .collect();
        assert_eq!(
            drafts.len(),
            1,
            "SIG{signal}: the typing is kept at once, not only after the autosave delay"
        );
        assert!(
            std::fs::read_to_string(drafts[0].path())
                .unwrap()
                .contains("Dr Ferreira")
        );
    }
}

/// Ctrl-E hands the field to `$VISUAL`, which gets every key typed while it runs (the app's event reader stands
/// aside), and its text comes back into the field.
#[test]
fn the_editor_gets_every_key_and_its_text_comes_back() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    // An "editor" that reads three lines from the terminal into the file it is given: three chances for a reader
    // that did not stand aside to take a line.
    let editor = r#"sh -c 'printf "editor ready> "; IFS= read -r a; IFS= read -r b; IFS= read -r c; printf "%s %s %s" "$a" "$b" "$c" > "$1"' editor"#;
    let mut t = Tui::start(
        data.path(),
        config.path(),
        &[],
        &[("VISUAL", editor)],
        24,
        80,
    );
    t.wait_for("Welcome to overture");
    t.send("n");
    t.wait_for("Who do you need to win over?");
    t.send("\x05");
    t.wait_for("editor ready>");
    for line in ["Dr", "Ferreira,", "typed in the editor"] {
        for c in line.chars() {
            t.send(&c.to_string());
            std::thread::sleep(Duration::from_millis(2));
        }
        t.send(ENTER);
        std::thread::sleep(Duration::from_millis(20));
    }
    let typed = "Dr Ferreira, typed in the editor";
    let screen = t.wait_for("Who do you need to win over?");
    assert!(screen.contains(typed), "{screen}");
    // The whole screen is drawn again, not only what changed since before the editor.
    assert!(
        screen.contains("1 Stakeholder") && screen.contains("F1"),
        "{screen}"
    );
    let out = String::from_utf8_lossy(&t.output()).into_owned();
    assert!(
        !out.contains("\x1b[6n"),
        "the app asked the terminal for its cursor position"
    );
    t.send("\x03");
    t.assert_restored_with(0);
}

/// Where `text` first shows on the screen, as a 1-based column and row for a mouse report.
fn cell_of(screen: &str, text: &str) -> (usize, usize) {
    for (y, line) in screen.lines().enumerate() {
        if let Some(byte) = line.find(text) {
            return (line[..byte].chars().count() + 1, y + 1);
        }
    }
    panic!("{text:?} is not on screen:\n{screen}");
}

#[test]
fn a_click_selects_a_row_a_second_opens_it_and_mouse_reporting_is_undone() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    seed_plan(
        data.path(),
        "Sister Mensah",
        "Trial the handover board",
        "inspire",
        3,
    );
    seed_plan(
        data.path(),
        "Dr Okafor",
        "Start the Tuesday list",
        "reason",
        5,
    );
    let mut t = Tui::start(data.path(), config.path(), &[], &[], 24, 80);
    let screen = t.wait_for("your plans (2)");
    assert_ne!(
        t.parser.lock().unwrap().screen().mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "the mouse is captured by default"
    );
    let (x, y) = cell_of(&screen, "Sister Mensah");
    // SGR reports (what terminals send once the app asks for mouse reporting): press, then release
    let click = format!("\x1b[<0;{x};{y}M\x1b[<0;{x};{y}m");
    t.send(&click);
    t.settle();
    assert!(!t.screen().contains("LADDER"), "one click only selects");
    t.send(&click);
    t.wait_for("Trial the handover board");
    t.wait_for("LADDER");
    t.send("q");
    t.wait_for("your plans (2)");
    t.send("q");
    t.assert_restored();
}

#[test]
fn the_config_rebinds_keys_turns_the_mouse_off_and_reports_mistakes() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    std::fs::write(
        config.path().join("config.toml"),
        "mouse = false\n[keys.list]\nnew = \"a\"\nquit = \"z\"\n[keys.plan-actions]\nattempt = \"L\"\nsort = \"y\"\n",
    )
    .unwrap();
    let mut t = Tui::start(data.path(), config.path(), &[], &[], 24, 100);
    t.wait_for("Welcome to overture");
    // the status line can come in a later piece of the frame than the welcome text
    let screen = t.settle();
    assert!(
        screen.contains("config.toml:7:1: unknown action \"sort\""),
        "{screen}"
    );
    assert_eq!(
        t.parser.lock().unwrap().screen().mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "mouse = false leaves the mouse to the terminal"
    );
    assert!(
        screen.contains("Press a to start your first plan"),
        "{screen}"
    );
    t.send("n");
    t.settle();
    assert!(
        !t.screen().contains("Who do you need to win over?"),
        "n is not new any more"
    );
    t.send("a");
    t.wait_for("Who do you need to win over?");
    t.escape();
    t.wait_for("Welcome to overture");
    t.send("z");
    t.assert_restored();
}

/// A twelve-rung ladder in the config folder, through a real terminal: rung 11 has no digit, so it is picked by
/// moving the highlight up (k) and pressing Enter; the warning names the gentler rungs; the file holds its key.
#[test]
fn a_twelve_rung_ladder_picks_rung_eleven_with_the_highlight_and_enter() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    std::fs::write(
        config.path().join("ladder.toml"),
        include_str!("fixtures/ladders/twelve.toml"),
    )
    .unwrap();
    let mut t = Tui::start(data.path(), config.path(), &[], &[], 30, 100);
    t.wait_for("Welcome to overture");
    t.send("n");
    t.wait_for("Who do you need to win over?");
    t.type_text("Dr Nwosu");
    t.send(CTRL_N);
    t.wait_for("What do you want them to do?");
    t.type_text("Sign the weekend rota");
    t.send(CTRL_N);
    t.wait_for("What have you already tried with Dr Nwosu?");
    t.wait_for("12 Escalate");
    t.send(CTRL_N);
    t.wait_for("Choose a tactic for Dr Nwosu");
    // The hint says how to reach the rungs past nine (waited for: a frame may arrive in pieces).
    t.wait_for("Enter on the highlighted rung");
    // The highlight starts on rung 1: ten rungs up is rung 11.
    for _ in 0..10 {
        t.send("k");
    }
    t.wait_for("▸  11 Insist");
    t.send(ENTER);
    let warning = t.wait_for("Escalation warning");
    assert!(warning.contains("Insist chosen before Listen"), "{warning}");
    t.send("y");
    t.wait_for("Note why you are going ahead");
    t.type_text("Rota deadline");
    t.send(ENTER);
    t.wait_for("Reason noted");
    t.send(CTRL_S);
    t.wait_for("Saved as ready");
    t.send(ESC);
    t.wait_for("your plans (1)");
    t.send("q");
    t.assert_restored();
    let files = plan_files(data.path());
    let text = std::fs::read_to_string(&files[0]).unwrap();
    assert!(text.contains("primary = \"insist\""), "{text}");
}

#[test]
fn the_agenda_says_what_is_overdue_and_snoozes_it() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let today = overture::domain::dates::today();
    let mut plan = overture::domain::Plan::new(jiff::Timestamp::now());
    plan.stakeholder.name = "Dr Okafor".into();
    plan.goal.want = "Start the Tuesday list".into();
    plan.goal.by = today.checked_sub(jiff::Span::new().days(2)).ok();
    plan.tactic.primary = overture::domain::Ladder::embedded().resolve_text("reason");
    plan.status = overture::domain::Status::Ready;
    let dir = overture::store::DataDir::new(data.path())
        .ensure_plans()
        .unwrap();
    let path = overture::store::plan_file::save_new(&dir, &plan)
        .unwrap()
        .path;
    let mut t = Tui::start(data.path(), config.path(), &[], &[], 24, 80);
    t.wait_for("1 overdue: A shows the agenda");
    t.send("A");
    t.wait_for("how did it go?");
    t.wait_for("Overdue");
    t.send("z");
    t.wait_for("Snooze to:");
    t.type_text("in 2 weeks");
    let to = today.checked_add(jiff::Span::new().weeks(2)).unwrap();
    t.wait_for(&format!(
        "= {}",
        overture::domain::dates::describe(to, today)
    ));
    t.send(ENTER);
    t.wait_for("Snoozed to");
    t.wait_for("Later");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(&format!("by = {to}")), "{text}");
    t.send(ESC);
    t.wait_for("your plans (1)");
    t.send("q");
    t.assert_restored();
}
