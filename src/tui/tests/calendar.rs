//! The config's `calendar_file` in the workbook: every change to the plans (a save, a delete, a restore) queues
//! its rewrite as an effect, performed in `tui::perform`; a failure is said beside the save, which stands.

use std::path::PathBuf;

use ratatui::crossterm::event::KeyCode;

use super::*;
use crate::store::PlanFile;
use crate::tui::app::{Done, Effect};

fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

#[test]
fn a_save_queues_the_calendar_and_its_failure_is_said_after_the_save() {
    let mut app = app_without_folder();
    app.calendar_file = Some(PathBuf::from("/somewhere/agenda.ics"));
    key(&mut app, KeyCode::Char('n'));
    type_text_pure(&mut app, "Dr Chen");
    ctrl_key(&mut app, 's');
    let Some(Effect::Write(write)) = app.take_effect() else {
        panic!("a write")
    };
    assert!(!app.has_effects(), "nothing else before the save is done");
    let file = PlanFile {
        path: PathBuf::from("/proc/overture-tests/plans/2026-01-20-dr-chen.toml"),
        plan: write.plan.clone(),
        text: String::new(),
        read_only: None,
    };
    app.on_done(Done::Written {
        write,
        result: Box::new(Ok(file)),
    });
    let mut calendar = None;
    while let Some(effect) = app.take_effect() {
        if let Effect::Calendar { path, .. } = effect {
            calendar = Some(path);
        }
    }
    assert_eq!(calendar, Some(PathBuf::from("/somewhere/agenda.ics")));
    let saved = status(&app);
    assert!(saved.starts_with("Saved"), "{saved}");
    app.on_done(Done::Calendar(Err("disk full".into())));
    let said = status(&app);
    assert!(said.starts_with(&saved), "the save is still said: {said}");
    assert!(
        said.ends_with("The calendar file was not updated: disk full"),
        "{said}"
    );
    // Written, nothing more to say.
    app.on_done(Done::Calendar(Ok(())));
    assert_eq!(status(&app), said);
}

#[test]
fn without_a_calendar_file_nothing_is_queued() {
    let mut app = app_without_folder();
    key(&mut app, KeyCode::Char('n'));
    type_text_pure(&mut app, "Dr Chen");
    ctrl_key(&mut app, 's');
    let Some(Effect::Write(write)) = app.take_effect() else {
        panic!("a write")
    };
    let file = PlanFile {
        path: PathBuf::from("/proc/overture-tests/plans/x.toml"),
        plan: write.plan.clone(),
        text: String::new(),
        read_only: None,
    };
    app.on_done(Done::Written {
        write,
        result: Box::new(Ok(file)),
    });
    while let Some(effect) = app.take_effect() {
        assert!(!matches!(effect, Effect::Calendar { .. }), "{effect:?}");
    }
}

#[test]
fn the_calendar_file_follows_a_snooze_and_a_delete() {
    let mut plan = fixed_plan(2);
    plan.stakeholder.name = "Dr Okafor".into();
    plan.goal.want = "Start the list at 08:00".into();
    plan.goal.by = Some(jiff::civil::date(2099, 1, 15));
    plan.tactic.primary = test_rung("reason");
    let (_dir, mut app) = app_with(&[plan]);
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("agenda.ics");
    app.calendar_file = Some(path.clone());
    key(&mut app, KeyCode::Char('A'));
    key(&mut app, KeyCode::Char('z'));
    type_text(&mut app, "2099-02-01");
    press(&mut app, KeyCode::Enter);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("DTSTART;VALUE=DATE:20990201\r\n"), "{text}");
    assert!(text.contains("SUMMARY:Talk to Dr Okafor: Start the list at 08:00\r\n"));
    // Deleted from the list: the entry goes.
    key(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Char('y'));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains("BEGIN:VEVENT"), "{text}");
}

/// Types without performing effects (the wizard's autosave clock does not run here).
fn type_text_pure(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}
