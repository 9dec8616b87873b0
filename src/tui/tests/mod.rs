//! Tests of the workbook without a terminal: keys in, state out (`transitions`), and screens drawn to a
//! `TestBackend` and compared with committed snapshots (`snapshots`).

mod agenda;
mod calendar;
mod due;
mod effects;
mod guidance;
mod keys_named;
mod ladders;
mod list_rows;
mod mouse;
mod people;
mod people_review;
mod people_search;
mod printing;
mod reload;
mod review;
mod review_edit;
mod review_screens;
mod review_snapshots;
mod snapshots;
mod startup;
mod telling_apart;
mod themes;
mod thread;
mod transitions;

#[allow(unused_imports)]
use crate::domain::rung::{rung_text, test_rung};
use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tempfile::TempDir;

use super::app::App;
use super::perform::settle_files;
use super::theme::Theme;
use crate::domain::{
    Attempt, Direction, Ladder, Outcome, OutcomeResult, Plan, Stakeholder, Status,
};
use crate::store::{DataDir, plan_file};

/// The day tests pretend it is, so printed pages and deadlines do not change with the calendar.
pub const TODAY: jiff::civil::Date = jiff::civil::date(2026, 1, 20);

/// An app on a fresh temporary data folder (kept alive by the returned guard).
pub fn app() -> (TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let app = reopen(&dir);
    (dir, app)
}

/// A new start of the app on the workbook in `dir`, as after quitting or a crash.
pub fn reopen(dir: &TempDir) -> App {
    App::new(
        DataDir::new(dir.path()),
        Ladder::embedded(),
        Theme::colour(),
    )
    .unwrap()
}

/// An app on a workbook holding `plans`.
pub fn app_with(plans: &[Plan]) -> (TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::new(dir.path());
    for p in plans {
        plan_file::save_new(&data.ensure_plans().unwrap(), p).unwrap();
    }
    let mut app = App::new(data, Ladder::embedded(), Theme::colour()).unwrap();
    app.set_today(TODAY);
    (dir, app)
}

/// A plan created at a fixed time (noon UTC, so the date is the same in nearly every time zone).
pub fn fixed_plan(day: i8) -> Plan {
    let ts: Timestamp = format!("2026-01-{day:02}T12:00:00Z").parse().unwrap();
    Plan::new(ts)
}

/// Two plans with Dr Okafor and one with Sister Mensah, with tries and outcomes, for history and completion.
pub fn okafor_workbook() -> Vec<Plan> {
    let mut first = fixed_plan(5);
    first.stakeholder = Stakeholder {
        name: "Dr Okafor".into(),
        role: "Consultant anaesthetist".into(),
        direction: Some(Direction::Up),
        cares_about: vec!["Patient safety".into()],
    };
    first.goal.want = "Start the Tuesday list at 08:00".into();
    first.tactic.primary = test_rung("reason");
    first.status = Status::Done;
    first.outcome = Some(Outcome {
        on: Some(jiff::civil::date(2026, 1, 9)),
        result: Some(OutcomeResult::Resistance),
        ..Outcome::default()
    });
    let mut second = fixed_plan(12);
    second.stakeholder.name = "Dr Okafor".into();
    second.goal.want = "Talk to the clinic manager".into();
    second.tactic.primary = test_rung("coach");
    second.attempts = vec![Attempt {
        tactic: test_rung("inspire"),
        result: Some(OutcomeResult::Undecided),
        on: Some(jiff::civil::date(2026, 1, 11)),
        notes: String::new(),
        from: String::new(),
    }];
    let mut third = fixed_plan(14);
    third.stakeholder.name = "Sister Mensah".into();
    third.goal.want = "Trial the handover board".into();
    third.tactic.primary = test_rung("inspire");
    vec![first, second, third]
}

/// An app on a data folder that does not exist and cannot be made (not even by root: it is under `/proc`), for
/// transitions that need no file: effects are looked at rather than performed, and any that a test performs
/// anyway fails instead of leaving files behind.
pub fn app_without_folder() -> App {
    let mut app = App::new(
        DataDir::new("/proc/overture-tests"),
        Ladder::embedded(),
        Theme::colour(),
    )
    .unwrap();
    app.set_today(TODAY);
    app
}

/// A key, with the file effects it asks for performed as the run loop would (see [`key`] for the pure one).
pub fn press(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
    settle_files(app);
}

/// A key and nothing else: its effects stay queued, to be looked at.
pub fn key(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

pub fn ctrl(app: &mut App, c: char) {
    app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    settle_files(app);
}

/// Ctrl and a key, effects left queued.
pub fn ctrl_key(app: &mut App, c: char) {
    app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

pub fn shift_tab(app: &mut App) {
    app.on_key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    settle_files(app);
}

/// Advances the clocks, performing what they ask for (autosave).
pub fn tick(app: &mut App, now: std::time::Instant) {
    app.tick(now);
    settle_files(app);
}

/// Types text key by key, as a person would.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

pub fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| app.render(f.area(), f.buffer_mut()))
        .unwrap();
    terminal
}

/// The screen as plain text, for assertions on what is shown.
pub fn screen(app: &App, width: u16, height: u16) -> String {
    let terminal = draw(app, width, height);
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..height {
        for x in 0..width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}
