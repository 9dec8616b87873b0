//! Starting on a large workbook: the newest plans first, the rest after the first frame.

use std::time::{Duration, Instant};

use super::{fixed_plan, press};
use crate::domain::Ladder;
use crate::store::{DataDir, plan_file};
use crate::tui::app::App;
use crate::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;

fn workbook(n: i8) -> (tempfile::TempDir, DataDir) {
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::new(dir.path());
    for day in 1..=n {
        let mut p = fixed_plan(day);
        p.stakeholder.name = format!("Person {day}");
        p.goal.want = "Agree the rota".into();
        plan_file::save_new(&data.ensure_plans().unwrap(), &p).unwrap();
    }
    (dir, data)
}

fn started(data: &DataDir) -> App {
    App::start(data.clone(), Ladder::embedded(), Theme::colour(), 2).unwrap()
}

#[test]
fn the_whole_workbook_loads_only_after_the_first_frame() {
    let (_dir, data) = workbook(5);
    let mut app = started(&data);
    assert_eq!(app.rows.len(), 2, "the newest two fill the first screen");
    let mut names: Vec<&str> = app.rows.iter().map(|r| &*r.stakeholder).collect();
    names.sort_unstable();
    assert_eq!(names, ["Person 4", "Person 5"]);
    assert!(app.loading() && app.watcher.is_none());
    // Nothing competes with the first frame: the load has not started, however long the app waits.
    std::thread::sleep(Duration::from_millis(100));
    assert!(!app.take_loaded() && app.loading());

    app.after_first_frame();
    assert!(app.watcher.is_some());
    let deadline = Instant::now() + Duration::from_secs(20);
    while !app.take_loaded() {
        assert!(
            Instant::now() < deadline,
            "the background load never arrived"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(!app.loading());
    assert_eq!(app.rows.len(), 5);
    // Called again (every frame could): nothing restarts.
    app.after_first_frame();
    assert!(!app.loading());
}

#[test]
fn a_new_plan_before_the_first_frame_still_sees_every_plan() {
    let (_dir, data) = workbook(5);
    let mut app = started(&data);
    // The escalation rule needs the whole history, so the wizard loads what the first frame left out.
    press(&mut app, KeyCode::Char('n'));
    assert!(app.wizard().is_some());
    assert!(!app.loading());
    assert_eq!(app.catalog.summaries.len(), 5);
}
