//! Keys in, state out, for changing saved plans in the wizard: the same file and id, the changed-on-disk choice
//! (reload, save as a copy, overwrite, decide later), and plans from a newer version left read-only.

#[allow(unused_imports)]
use crate::domain::rung::{rung_text, test_rung};
use std::path::{Path, PathBuf};

use ratatui::crossterm::event::KeyCode;

use super::review::{plan_titled, plans_in, review_workbook, select, status};
use super::*;
use crate::tui::keymap::Mode;

#[test]
fn editing_saves_into_the_same_file_with_the_same_id() {
    let (dir, mut app) = app_with(&review_workbook());
    select(&mut app, "Swap on-call weekends");
    let (path, before) = plan_titled(&dir, "Swap on-call weekends");
    press(&mut app, KeyCode::Char('e'));
    let w = app.wizard().expect("the wizard");
    assert_eq!(w.file.as_ref().unwrap().path, path);
    assert_eq!(w.fields.want.text(), "Swap on-call weekends");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Registrar");
    ctrl(&mut app, 's');
    let plans = plans_in(&dir);
    assert_eq!(plans.len(), 4, "no new file");
    let (p2, after) = plan_titled(&dir, "Swap on-call weekends");
    assert_eq!(p2, path);
    assert_eq!(after.id, before.id);
    assert_eq!(after.stakeholder.role, "Registrar");
    assert!(after.updated > before.updated, "updated refreshed");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Home);
}

/// Opens the editor on Dr Chen's plan, types a role, and changes the file on disk behind it.
fn edit_then_change_on_disk(app: &mut App, dir: &TempDir) -> PathBuf {
    select(app, "Swap on-call weekends");
    press(app, KeyCode::Char('e'));
    press(app, KeyCode::Tab);
    type_text(app, "Mine");
    let (path, _) = plan_titled(dir, "Swap on-call weekends");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("Dr Chen", "Dr Chen-Li")).unwrap();
    ctrl(app, 's');
    assert_eq!(app.mode(), Mode::Conflict);
    path
}

fn role_on_disk(path: &Path) -> String {
    plan_file::load(path, &crate::domain::Ladder::embedded())
        .unwrap()
        .plan
        .stakeholder
        .role
}

#[test]
fn a_plan_changed_on_disk_is_never_overwritten_silently() {
    let (dir, mut app) = app_with(&review_workbook());
    let path = edit_then_change_on_disk(&mut app, &dir);
    assert!(screen(&app, 80, 24).contains("Changed on disk"));
    // Esc: nothing written, the edits stay
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::WizardSingleLine);
    assert_eq!(role_on_disk(&path), "");
    assert_eq!(app.wizard().unwrap().fields.role.text(), "Mine");
    // r: the wizard shows the file as it is now
    ctrl(&mut app, 's');
    press(&mut app, KeyCode::Char('r'));
    let w = app.wizard().unwrap();
    assert_eq!(w.fields.name.text(), "Dr Chen-Li");
    assert_eq!(w.fields.role.text(), "");
    assert!(!w.dirty);
    assert_eq!(plans_in(&dir).len(), 4);
}

#[test]
fn changed_on_disk_save_as_copy_or_overwrite() {
    let (dir, mut app) = app_with(&review_workbook());
    let path = edit_then_change_on_disk(&mut app, &dir);
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(plans_in(&dir).len(), 5, "a new file");
    assert_eq!(role_on_disk(&path), "", "the changed file left alone");
    assert!(
        status(&app).contains("Saved as a new plan"),
        "{}",
        status(&app)
    );
    let copy = app.wizard().unwrap().file.clone().unwrap();
    assert_ne!(copy.path, path, "the wizard now edits the copy");
    assert_eq!(copy.plan.stakeholder.role, "Mine");
    press(&mut app, KeyCode::Esc);

    let (dir, mut app) = app_with(&review_workbook());
    let path = edit_then_change_on_disk(&mut app, &dir);
    press(&mut app, KeyCode::Char('o'));
    assert_eq!(role_on_disk(&path), "Mine");
    assert_eq!(plans_in(&dir).len(), 4);
    assert!(!app.wizard().unwrap().dirty);
}

#[test]
fn recording_into_a_changed_file_asks_too() {
    let (dir, mut app) = app_with(&review_workbook());
    press(&mut app, KeyCode::Char('o'));
    press(&mut app, KeyCode::Char('1'));
    let (path, _) = plan_titled(&dir, "Swap on-call weekends");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}\n# a note by hand\n")).unwrap();
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Conflict);
    press(&mut app, KeyCode::Char('r'));
    assert!(
        status(&app).contains("nothing was recorded"),
        "{}",
        status(&app)
    );
    let (_, plan) = plan_titled(&dir, "Swap on-call weekends");
    assert!(plan.outcome.is_none());
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("# a note by hand")
    );
}

#[test]
fn an_outcome_refused_for_a_changed_file_is_kept_and_can_be_added_to_the_file_as_it_is_now() {
    let (dir, mut app) = app_with(&review_workbook());
    press(&mut app, KeyCode::Char('o'));
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "He wants the numbers first");
    // Meanwhile the command line logs an attempt in the same plan.
    let (path, _) = plan_titled(&dir, "Swap on-call weekends");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        format!("{text}\n[[attempts]]\ntactic = \"reason\"\nresult = \"undecided\"\n"),
    )
    .unwrap();
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Conflict);
    assert!(screen(&app, 80, 24).contains("keeping both changes"));
    // Esc, "decide later": the form comes back as typed.
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::RecordText);
    assert!(screen(&app, 80, 24).contains("He wants the numbers first"));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Conflict);
    // a: both the attempt from the command line and this outcome end up in the file.
    press(&mut app, KeyCode::Char('a'));
    assert!(app.overlay.is_none(), "{}", status(&app));
    let (_, plan) = plan_titled(&dir, "Swap on-call weekends");
    assert_eq!(
        plan.outcome.map(|o| o.notes).as_deref(),
        Some("He wants the numbers first")
    );
    assert!(
        plan.attempts
            .iter()
            .any(|a| rung_text(&a.tactic) == "reason")
    );
}

#[test]
fn a_plan_from_a_newer_version_is_read_only() {
    let (dir, mut app) = app_with(&review_workbook());
    let (path, _) = plan_titled(&dir, "Swap on-call weekends");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("version = 1", "version = 99", 1)).unwrap();
    press(&mut app, KeyCode::Char('r'));
    select(&mut app, "Swap on-call weekends");
    for key in ['e', 'o', 'a'] {
        press(&mut app, KeyCode::Char(key));
        assert_eq!(app.mode(), Mode::Home, "{key}");
        assert!(status(&app).starts_with("Read-only"), "{}", status(&app));
    }
    press(&mut app, KeyCode::Enter);
    assert!(screen(&app, 80, 24).contains("Read-only: written by a newer overture"));
}

/// Edits Dr Chen's plan, types a role, and quits keeping a draft; returns the plan's path.
fn edit_and_keep_a_draft(dir: &TempDir) -> PathBuf {
    let mut app = reopen(dir);
    select(&mut app, "Swap on-call weekends");
    press(&mut app, KeyCode::Char('e'));
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Mine");
    assert!(matches!(
        crate::tui::perform::before_exit(&mut app),
        crate::tui::app::Kept::Draft
    ));
    plan_titled(dir, "Swap on-call weekends").0
}

#[test]
fn a_resumed_draft_does_not_overwrite_a_change_made_while_it_waited() {
    let (dir, app) = app_with(&review_workbook());
    drop(app);
    let path = edit_and_keep_a_draft(&dir);
    // Meanwhile the command line (or a sync) changes the plan.
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("Dr Chen", "Dr Chen-Li")).unwrap();

    let mut later = reopen(&dir);
    assert_eq!(later.mode(), Mode::Resume);
    press(&mut later, KeyCode::Char('y'));
    assert!(
        status(&later).contains("changed on disk"),
        "{}",
        status(&later)
    );
    assert_eq!(later.wizard().unwrap().fields.role.text(), "Mine");
    ctrl(&mut later, 's');
    assert_eq!(later.mode(), Mode::Conflict, "asked, not overwritten");
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("Dr Chen-Li")
    );
    assert_eq!(role_on_disk(&path), "");
}

#[test]
fn editing_a_plan_whose_draft_was_kept_carries_on_from_the_draft() {
    let (dir, app) = app_with(&review_workbook());
    drop(app);
    let path = edit_and_keep_a_draft(&dir);
    let mut later = reopen(&dir);
    press(&mut later, KeyCode::Esc); // keep it for later
    assert_eq!(later.mode(), Mode::Home);
    select(&mut later, "Swap on-call weekends");
    press(&mut later, KeyCode::Char('e'));
    assert_eq!(
        later.wizard().unwrap().fields.role.text(),
        "Mine",
        "the kept draft, not the file afresh (whose autosave would replace it)"
    );
    ctrl(&mut later, 's');
    assert_eq!(role_on_disk(&path), "Mine");
}

#[test]
fn unticking_a_try_with_a_date_and_notes_says_what_will_go() {
    let mut plan = fixed_plan(3);
    plan.stakeholder.name = "Sister Mensah".into();
    plan.goal.want = "Trial the handover board".into();
    plan.attempts = vec![crate::domain::Attempt {
        tactic: test_rung("reason"),
        on: Some(jiff::civil::date(2026, 11, 20)),
        result: Some(crate::domain::OutcomeResult::Undecided),
        notes: "Asked what she would change".into(),
        from: String::new(),
    }];
    let (_dir, mut app) = app_with(&[plan]);
    press(&mut app, KeyCode::Char('e'));
    ctrl(&mut app, 'n');
    ctrl(&mut app, 'n');
    assert_eq!(app.mode(), Mode::WizardTried);
    assert!(screen(&app, 80, 24).contains("undecided, 2026-11-20, notes"));
    press(&mut app, KeyCode::Char(' '));
    assert!(
        status(&app).contains("the try of 2026-11-20 and its notes will be removed"),
        "{}",
        status(&app)
    );
    press(&mut app, KeyCode::Char(' '));
    assert!(
        screen(&app, 80, 24).contains("undecided, 2026-11-20, notes"),
        "ticked back"
    );
}

#[test]
fn a_file_broken_or_deleted_meanwhile_is_described_and_a_broken_one_never_overwritten() {
    // Broken by a half-done hand edit: no overwrite, no reload; the edits stay and can go to a new plan.
    let (dir, mut app) = app_with(&review_workbook());
    select(&mut app, "Swap on-call weekends");
    press(&mut app, KeyCode::Char('e'));
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Mine");
    let (path, _) = plan_titled(&dir, "Swap on-call weekends");
    let broken = std::fs::read_to_string(&path)
        .unwrap()
        .replace("[goal]", "[goal");
    std::fs::write(&path, &broken).unwrap();
    ctrl(&mut app, 's');
    assert_eq!(app.mode(), Mode::Conflict);
    let s = screen(&app, 100, 30);
    assert!(s.contains("no longer reads as a plan"), "{s}");
    assert!(!s.contains("Overwrite") && !s.contains("Reload"), "{s}");
    press(&mut app, KeyCode::Char('o'));
    assert_eq!(app.mode(), Mode::Conflict, "o is not offered");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
    press(&mut app, KeyCode::Char('c'));
    assert!(
        status(&app).contains("Saved as a new plan"),
        "{}",
        status(&app)
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        broken,
        "never overwritten"
    );

    // Deleted meanwhile: said so, and o writes it back.
    let (dir, mut app) = app_with(&review_workbook());
    select(&mut app, "Swap on-call weekends");
    press(&mut app, KeyCode::Char('e'));
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Mine");
    let (path, _) = plan_titled(&dir, "Swap on-call weekends");
    std::fs::remove_file(&path).unwrap();
    ctrl(&mut app, 's');
    assert_eq!(app.mode(), Mode::Conflict);
    assert!(screen(&app, 100, 30).contains("was deleted or moved"));
    press(&mut app, KeyCode::Char('o'));
    assert_eq!(role_on_disk(&path), "Mine");
}
