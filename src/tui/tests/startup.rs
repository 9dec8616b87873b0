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
    let mut names: Vec<&str> = app.rows.iter().map(|r| r.stakeholder()).collect();
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

/// Several problems in the config file make a message longer than the lines above the footer: its last line
/// says which key shows it all, at 80 x 24 and at the smallest size, and help opens with it in full.
#[test]
fn a_long_config_message_fits_and_help_shows_it_all() {
    let problems: Vec<String> = (1..=6)
        .map(|n| {
            format!(
                "/home/someone/.config/overture/config.toml:{n}:9: [colors] colour{n} must be a colour name in \
                 quotes, such as \"cyan\" or \"#3366cc\"; ignored"
            )
        })
        .collect();
    for (w, h, lines) in [(80, 24, 4), (40, 12, 3)] {
        let (_dir, mut app) = super::app_with(&[fixed_plan(1)]);
        app.warn_at_start(&problems.join("; "));
        let s = super::screen(&app, w, h);
        let rows: Vec<&str> = s.lines().collect();
        let bottom = &rows[rows.len() - lines..];
        assert!(bottom[0].contains("/home/someone"), "{w}x{h}:\n{s}");
        let last = bottom[lines - 1].trim_end();
        assert!(last.ends_with("… F1 shows it all"), "{w}x{h}:\n{s}");
        assert!(
            rows[..rows.len() - lines]
                .iter()
                .all(|r| !r.contains("/home/someone")),
            "no more than {lines} lines: {w}x{h}:\n{s}"
        );
        press(&mut app, KeyCode::F(1));
        let s = super::screen(&app, 100, 40);
        assert!(s.contains("The last message"), "{s}");
        assert!(s.contains("config.toml:6:9"), "the last problem too:\n{s}");
    }
}
