//! The workbook when the data folder is the problem: a full disk, a read-only folder, the folder deleted while
//! the app runs. Each save that cannot be written says what went wrong and what to do; everything typed stays
//! in the app (the wizard, the record form); autosave reports its failure once, not on every tick, and catches
//! up by itself once the folder is back; quitting with a plan that cannot be kept asks first; and nothing that
//! was already saved changes. Once the problem is gone, the next Ctrl-S saves.
//!
//! A full and a read-only disk are real ones (a small tmpfs, mounted by root as CI runs); where mounting is not
//! allowed those tests print SKIPPED.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use overture::store::atomic::{LOCK_NAME, TEMP_PREFIX};
use overture::tui::app::App;
use ratatui::crossterm::event::KeyCode;

use super::workbook::{ctrl, open, press, screen, status, type_text, wizard_name};
use crate::bounded::snapshot;
use crate::mount::Mount;

/// Lets the autosave clock run for `seconds` (longer than the autosave delay), ticking every half second.
fn let_time_pass(app: &mut App, clock: &mut Instant, seconds: u64) {
    for _ in 0..seconds * 2 {
        *clock += Duration::from_millis(500);
        app.tick(*clock);
        overture::tui::perform::settle_files(app);
    }
}

/// Saved files are byte for byte what they were (the lock file a save creates is not a saved file), and no
/// temporary file is left anywhere.
fn assert_kept(before: &[(std::path::PathBuf, Vec<u8>)], data: &Path) {
    let files = |v: Vec<(std::path::PathBuf, Vec<u8>)>| -> Vec<_> {
        v.into_iter()
            .filter(|(p, _)| !p.ends_with(LOCK_NAME) && !p.starts_with(data.join("drafts")))
            .collect()
    };
    assert!(
        files(before.to_vec()) == files(snapshot(data)),
        "a saved file changed"
    );
    for (path, _) in snapshot(data) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            !name.starts_with(TEMP_PREFIX),
            "temporary file left: {path:?}"
        );
    }
}

fn seed(data: &Path) -> std::path::PathBuf {
    let mut plan = overture::domain::Plan::new(jiff::Timestamp::now());
    plan.stakeholder.name = "Dr Okafor".into();
    plan.goal.want = "Start the Tuesday list".into();
    plan.tactic.primary = overture::domain::Ladder::embedded().resolve_text("reason");
    let dir = overture::store::DataDir::new(data).ensure_plans().unwrap();
    overture::store::plan_file::save_new(&dir, &plan)
        .unwrap()
        .path
}

#[test]
fn a_full_disk_keeps_the_typing_reports_autosave_once_and_saves_once_there_is_room() {
    let Some(mount) = Mount::tmpfs("256k") else {
        eprintln!("SKIPPED: cannot mount a tmpfs here");
        return;
    };
    let data = mount.path().join("overture");
    seed(&data);
    let mut app = open(&data);
    let mut clock = Instant::now();
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Dr Mensah");
    mount.fill();
    let before = snapshot(&data);

    let_time_pass(&mut app, &mut clock, 3);
    let said = status(&app);
    assert!(
        said.starts_with("Autosave failed: the disk is full. Your typing is kept here"),
        "{said}"
    );
    assert!(screen(&app, 80, 24).contains("not autosaved"));
    // more typing, more ticks: the failure is not reported again
    type_text(&mut app, " (ward 4)");
    let_time_pass(&mut app, &mut clock, 10);
    assert_eq!(status(&app), "", "autosave failure reported again");

    ctrl(&mut app, 's');
    assert_eq!(
        status(&app),
        "Not saved: the disk is full. Your typing is kept here: free some space, then Ctrl-S."
    );
    assert_eq!(wizard_name(&app), "Dr Mensah (ward 4)");
    // quitting would lose the plan: asked once
    ctrl(&mut app, 'c');
    assert!(!app.quit, "quit with a plan that could not be kept");
    assert!(status(&app).starts_with("Not quitting"), "{}", status(&app));
    assert_kept(&before, &data);

    // room again: autosave catches up by itself, and Ctrl-S saves
    mount.unfill();
    let_time_pass(&mut app, &mut clock, 3);
    assert_eq!(
        overture::store::draft::list(&overture::store::DataDir::new(&data))
            .0
            .len(),
        1
    );
    assert!(!screen(&app, 80, 24).contains("not autosaved"));
    ctrl(&mut app, 's');
    assert!(
        status(&app).starts_with("Saved as draft"),
        "{}",
        status(&app)
    );
    assert_eq!(crate::pty::plan_files(&data).len(), 2);
}

#[test]
fn a_read_only_folder_keeps_the_record_form_and_the_wizard_then_saves_when_writable() {
    let Some(mount) = Mount::tmpfs("1m") else {
        eprintln!("SKIPPED: cannot mount a tmpfs here");
        return;
    };
    let data = mount.path().join("overture");
    let plan = seed(&data);
    let mut app = open(&data);
    assert!(mount.remount_read_only(), "remount read-only");
    let before = snapshot(&data);

    // an outcome typed into the form stays in the form
    press(&mut app, KeyCode::Char('o'));
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Wants the audit first");
    press(&mut app, KeyCode::Enter);
    let shown = screen(&app, 100, 30);
    assert!(
        shown.contains("Not saved: the disk is mounted read-only. Your typing is kept"),
        "{shown}"
    );
    assert!(shown.contains("Wants the audit first"), "{shown}");
    press(&mut app, KeyCode::Esc);

    // the wizard, editing the plan
    press(&mut app, KeyCode::Char('e'));
    type_text(&mut app, " (edited)");
    ctrl(&mut app, 's');
    assert_eq!(
        status(&app),
        "Not saved: the disk is mounted read-only. Your typing is kept here: make the folder writable, then \
         Ctrl-S."
    );
    assert_eq!(wizard_name(&app), "Dr Okafor (edited)");
    assert_kept(&before, &data);

    assert!(mount.remount_read_write(), "remount read-write");
    ctrl(&mut app, 's');
    assert!(status(&app).starts_with("Saved as"), "{}", status(&app));
    let saved = overture::store::plan_file::load(&plan, &overture::domain::Ladder::embedded())
        .unwrap()
        .plan;
    assert_eq!(saved.stakeholder.name, "Dr Okafor (edited)");
}

/// The folder may be gone for good, or only for a while (a drive unmounted, a sync tool moving it): nothing is
/// made in its place (a new folder on an unmounted drive's mount point would hide the real one), the typing stays
/// in the app, and once the folder is back the draft is written and the save goes through.
#[test]
fn a_data_folder_deleted_while_the_app_runs_loses_nothing_and_recreates_nothing() {
    let parent = tempfile::tempdir().unwrap();
    let data = parent.path().join("overture");
    let plan = seed(&data);
    let saved_text = fs::read(&plan).unwrap();
    let mut app = open(&data);
    let mut clock = Instant::now();
    press(&mut app, KeyCode::Char('e'));
    type_text(&mut app, " (edited)");
    let aside = parent.path().join("moved-away");
    fs::rename(&data, &aside).unwrap();

    ctrl(&mut app, 's');
    assert_eq!(
        status(&app),
        "Not saved: the folder no longer exists. Your typing is kept here: put the folder back, then Ctrl-S."
    );
    let_time_pass(&mut app, &mut clock, 3);
    assert!(
        status(&app).starts_with("Autosave failed: the data folder no longer exists"),
        "{}",
        status(&app)
    );
    ctrl(&mut app, 'c');
    assert!(!app.quit, "quit with a plan that could not be kept");
    assert_eq!(wizard_name(&app), "Dr Okafor (edited)");
    assert!(
        !data.exists(),
        "a new data folder was made in place of the old"
    );

    // the folder is back, as it was: the draft is written by itself, and offered at the next start
    fs::rename(&aside, &data).unwrap();
    assert_eq!(fs::read(&plan).unwrap(), saved_text);
    let_time_pass(&mut app, &mut clock, 3);
    assert!(!screen(&app, 80, 24).contains("not autosaved"));
    let next = open(&data);
    assert!(
        screen(&next, 100, 30).contains("Unsaved plan found"),
        "the draft is not offered"
    );
    ctrl(&mut app, 's');
    assert!(status(&app).starts_with("Saved as"), "{}", status(&app));
    assert_eq!(
        overture::store::plan_file::load(&plan, &overture::domain::Ladder::embedded())
            .unwrap()
            .plan
            .stakeholder
            .name,
        "Dr Okafor (edited)"
    );
}
