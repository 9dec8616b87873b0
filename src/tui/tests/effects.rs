//! Transitions with effects, without a folder on disk: a key asks for a write, the test answers with what the
//! run loop would have found (written, refused, failed), and the state that follows is checked.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::KeyCode;

use super::*;
use crate::store::{PlanFile, SaveError};
use crate::tui::app::{Done, DraftWhy, Effect, Overlay, Target, Why, Write};
use crate::tui::keymap::Mode;

/// The wizard open on a new plan for `name`, typed key by key.
fn wizard_for(name: &str) -> App {
    let mut app = app_without_folder();
    key(&mut app, KeyCode::Char('n'));
    for c in name.chars() {
        key(&mut app, KeyCode::Char(c));
    }
    assert!(!app.has_effects(), "typing writes nothing");
    app
}

fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

fn take_write(app: &mut App) -> Box<Write> {
    match app.take_effect() {
        Some(Effect::Write(write)) => write,
        other => panic!("a write expected, got {other:?}"),
    }
}

/// The file a plan was written to, as the store would hand it back.
fn file_for(write: &Write) -> PlanFile {
    PlanFile {
        path: PathBuf::from("/proc/overture-tests/plans/2026-01-20-dr-chen.toml"),
        plan: write.plan.clone(),
        text: String::new(),
        read_only: None,
    }
}

#[test]
fn ctrl_s_asks_for_a_new_file_and_the_result_decides_what_follows() {
    let mut app = wizard_for("Dr Chen");
    ctrl_key(&mut app, 's');
    let write = take_write(&mut app);
    assert!(matches!(write.to, Target::New));
    assert!(matches!(write.why, Why::Wizard { leave: false }));
    assert_eq!(write.plan.stakeholder.name, "Dr Chen");
    assert!(!app.has_effects());

    // The disk was full: the typing stays, the user is told what to do.
    let full = std::io::Error::from(std::io::ErrorKind::StorageFull);
    app.on_done(Done::Written {
        write: write.clone(),
        result: Box::new(Err(SaveError::Io {
            path: PathBuf::from("/x"),
            source: full,
        })),
    });
    assert!(status(&app).starts_with("Not saved: "), "{}", status(&app));
    assert!(status(&app).contains("free some space"), "{}", status(&app));
    assert!(app.wizard().is_some_and(|w| w.dirty));

    // Written: the wizard knows its file, and the draft it autosaved goes.
    let file = file_for(&write);
    app.on_done(Done::Written {
        write,
        result: Box::new(Ok(file)),
    });
    assert!(
        status(&app).starts_with("Saved as draft"),
        "{}",
        status(&app)
    );
    assert!(app.wizard().is_some_and(|w| !w.dirty && w.file.is_some()));
    assert!(matches!(app.take_effect(), Some(Effect::RemoveDraft(_))));
}

#[test]
fn a_save_refused_because_the_file_changed_asks_what_to_keep() {
    let mut app = wizard_for("Dr Chen");
    ctrl_key(&mut app, 's');
    let first = take_write(&mut app);
    let file = file_for(&first);
    app.on_done(Done::Written {
        write: first,
        result: Box::new(Ok(file)),
    });
    while app.take_effect().is_some() {}
    key(&mut app, KeyCode::Char('!'));
    ctrl_key(&mut app, 's');
    let write = take_write(&mut app);
    assert!(matches!(write.to, Target::Update(_)), "the same file");
    app.on_done(Done::Written {
        write,
        result: Box::new(Err(SaveError::ChangedOnDisk {
            path: PathBuf::from("/x"),
        })),
    });
    assert_eq!(app.mode(), Mode::Conflict);
    // Overwrite: asked for, not done.
    key(&mut app, KeyCode::Char('o'));
    let write = take_write(&mut app);
    assert!(matches!(write.to, Target::Overwrite(_)));
    assert!(app.overlay.is_none());
}

#[test]
fn autosave_is_asked_for_once_a_change_is_two_seconds_old_and_a_failure_is_said_once() {
    let mut app = wizard_for("Dr Okafor");
    let t0 = Instant::now();
    app.tick(t0);
    app.tick(t0 + Duration::from_secs(1));
    assert!(!app.has_effects(), "not yet");
    app.tick(t0 + Duration::from_secs(2));
    let Some(Effect::WriteDraft { draft, why, .. }) = app.take_effect() else {
        panic!("a draft expected");
    };
    assert_eq!(why, DraftWhy::Autosave);
    assert_eq!(draft.plan.stakeholder.name, "Dr Okafor");

    let failed = || Done::DraftWritten {
        why: DraftWhy::Autosave,
        result: Err("the disk is full".into()),
    };
    app.on_done(failed());
    assert!(status(&app).starts_with("Autosave failed: the disk is full"));
    app.status = None;
    app.on_done(failed());
    assert_eq!(status(&app), "", "said once");
    app.on_done(Done::DraftWritten {
        why: DraftWhy::Autosave,
        result: Ok(()),
    });
    assert_eq!(
        status(&app),
        "Autosaved again: the drafts folder can be written."
    );
    assert!(app.wizard().is_some_and(|w| !w.autosave_due));
}

#[test]
fn quitting_keeps_the_plan_as_a_draft_first_and_asks_once_when_it_cannot() {
    let mut app = wizard_for("Dr Okafor");
    ctrl_key(&mut app, 'c');
    assert!(!app.quit, "not before the draft is kept");
    let Some(Effect::WriteDraft { why, .. }) = app.take_effect() else {
        panic!("a draft expected");
    };
    assert_eq!(why, DraftWhy::Quit);
    let refused = || Done::DraftWritten {
        why: DraftWhy::Quit,
        result: Err("the disk is full".into()),
    };
    app.on_done(refused());
    assert!(!app.quit);
    assert!(status(&app).starts_with("Not quitting"), "{}", status(&app));
    ctrl_key(&mut app, 'c');
    assert!(app.take_effect().is_some());
    app.on_done(refused());
    assert!(app.quit, "asked again: quits");
    assert!(!app.quit_kept_draft);

    let mut kept = wizard_for("Dr Mensah");
    ctrl_key(&mut kept, 'c');
    assert!(kept.take_effect().is_some());
    kept.on_done(Done::DraftWritten {
        why: DraftWhy::Quit,
        result: Ok(()),
    });
    assert!(kept.quit && kept.quit_kept_draft);
}

#[test]
fn leaving_without_saving_drops_the_draft_and_a_resumed_draft_can_be_discarded() {
    let mut app = wizard_for("Dr Okafor");
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::WizardLeaveConfirm);
    key(&mut app, KeyCode::Char('y'));
    assert_eq!(app.mode(), Mode::Home);
    assert!(
        matches!(app.take_effect(), Some(Effect::RemoveDraft(p)) if p.starts_with("/proc/overture-tests/drafts"))
    );
    assert!(matches!(app.overlay, None | Some(Overlay::Help(_))));
}
