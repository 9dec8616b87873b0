//! Every screen drawn to a `TestBackend` at 80 x 24 and at a small size (48 x 16), compared with the committed
//! snapshots in `snapshots/`. Fixture plans have fixed dates and no temporary paths are shown, so the
//! snapshots do not depend on the machine or the day. To update after a deliberate change:
//! `INSTA_UPDATE=always cargo test`, then review the diff.

use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;

use super::*;
use crate::tui::app::{MIN_HEIGHT, MIN_WIDTH};

const SIZES: [(u16, u16); 2] = [(80, 24), (48, 16)];

fn snap(name: &str, app: &App) {
    for (w, h) in SIZES {
        let terminal = draw(app, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), terminal.backend());
    }
}

/// A wizard for Dr Okafor (known from the workbook), filled in up to `step` (0-based).
pub(super) fn wizard_at(step: usize) -> (TempDir, App) {
    let (dir, mut app) = app_with(&okafor_workbook());
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Dr O");
    press(&mut app, KeyCode::Enter); // accept the suggestion; role and direction fill in
    if step == 0 {
        return (dir, app);
    }
    ctrl(&mut app, 'n');
    type_text(
        &mut app,
        "Start the Tuesday list at 08:00 for a four-week trial",
    );
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "The last patient on the list is often cancelled.");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "A conversation with the clinic manager");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "2026-12-01");
    if step == 1 {
        return (dir, app);
    }
    ctrl(&mut app, 'n');
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right); // Coach: resistance
    if step == 2 {
        return (dir, app);
    }
    ctrl(&mut app, 'n');
    press(&mut app, KeyCode::Char('4'));
    if step == 3 {
        return (dir, app);
    }
    ctrl(&mut app, 'n');
    type_text(
        &mut app,
        "You found us a side room last week and it made a real difference.",
    );
    press(&mut app, KeyCode::Tab);
    type_text(
        &mut app,
        "Cancellations hurt patients\nA trial, not a permanent change",
    );
    press(&mut app, KeyCode::Tab);
    type_text(
        &mut app,
        "How he stayed late for the emergency list on Friday.",
    );
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "My clinic cannot move.");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Could someone cover its first half hour?");
    if step == 4 {
        return (dir, app);
    }
    ctrl(&mut app, 'n');
    (dir, app)
}

#[test]
fn home_empty() {
    let app = App::new(
        DataDir::new("/nonexistent/overture-snapshot"),
        Ladder::embedded(),
        Theme::colour(),
    )
    .unwrap();
    snap("home_empty", &app);
}

#[test]
fn home_list_plan_view_and_help() {
    let (_dir, mut app) = app_with(&okafor_workbook());
    snap("home_list", &app);
    press(&mut app, KeyCode::Char('G'));
    press(&mut app, KeyCode::Enter);
    snap("plan_view", &app);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('?'));
    snap("help_home", &app);
}

#[test]
fn wizard_steps() {
    for (step, name) in [
        "stakeholder",
        "goal",
        "tried",
        "tactic",
        "prepare",
        "review",
    ]
    .iter()
    .enumerate()
    {
        let (_dir, app) = wizard_at(step);
        snap(&format!("wizard_{step}_{name}"), &app);
    }
}

#[test]
fn wizard_name_suggestions() {
    let (_dir, mut app) = app_with(&okafor_workbook());
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "dr");
    snap("wizard_suggestions", &app);
}

#[test]
fn wizard_escalation_warning_and_reason() {
    let (_dir, mut app) = wizard_at(3);
    press(&mut app, KeyCode::Char('9'));
    snap("wizard_warning", &app);
    press(&mut app, KeyCode::Char('y'));
    type_text(&mut app, "He has refused twice and patients are waiting");
    snap("wizard_reason", &app);
    ctrl(&mut app, 'n');
    ctrl(&mut app, 'n');
    snap("wizard_review_warned", &app);
}

#[test]
fn wizard_leave_confirm_and_research_note() {
    let (_dir, mut app) = wizard_at(3);
    press(&mut app, KeyCode::Char('r'));
    snap("wizard_research", &app);
    press(&mut app, KeyCode::Esc);
    snap("wizard_leave", &app);
}

#[test]
fn wide_and_unusual_text_in_fields() {
    let mut app = app_without_folder();
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "张伟 café 😀 Zoë");
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Left);
    snap("wizard_wide_text", &app);
}

#[test]
fn too_small_at_any_size() {
    let (_dir, app) = wizard_at(3);
    let terminal = draw(&app, 20, 5);
    insta::assert_snapshot!("too_small_20x5", terminal.backend());
    // At 30 columns the size stays on one line (it once read "40 x" and "12" on the next).
    let s = screen(&app, 30, 8);
    assert!(
        s.contains(&format!("{MIN_WIDTH}x{MIN_HEIGHT}")),
        "30x8: {s}"
    );
    for (w, h) in [
        (1, 1),
        (2, 1),
        (1, 30),
        (200, 1),
        (MIN_WIDTH - 1, 40),
        (300, MIN_HEIGHT - 1),
    ] {
        let s = screen(&app, w, h);
        assert!(s.starts_with('t'), "{w}x{h}: {s}");
    }
    // and just big enough draws every step
    for step in 0..6 {
        let (_dir, app) = wizard_at(step);
        let s = screen(&app, MIN_WIDTH, MIN_HEIGHT);
        assert!(!s.contains("too small"), "{s}");
    }
}

#[test]
fn huge_terminals_draw_every_screen() {
    for step in 0..6 {
        let (_dir, app) = wizard_at(step);
        let s = screen(&app, 300, 100);
        assert!(s.contains("Stakeholder"));
    }
    let (_dir, app) = wizard_at(3);
    let s = screen(&app, 200, 60);
    // everything about the highlighted rung fits: guidance and research together
    assert!(
        s.contains("When it backfires") && s.contains("Research: ingratiation"),
        "{s}"
    );
}

/// Under NO_COLOR nothing on any screen has a colour: emphasis is bold, dim, underline and reverse only.
#[test]
fn no_colour_means_no_colour_anywhere() {
    let mut apps = Vec::new();
    for step in 0..6 {
        apps.push(wizard_at(step));
    }
    let (dir, mut warned) = wizard_at(3);
    press(&mut warned, KeyCode::Char('9'));
    apps.push((dir, warned));
    let (dir, mut home) = app_with(&okafor_workbook());
    press(&mut home, KeyCode::Enter);
    apps.push((dir, home));
    for (_dir, mut app) in apps {
        app.theme = Theme::no_colour();
        for (w, h) in [(80, 24), (200, 60)] {
            let terminal = draw(&app, w, h);
            let buffer = terminal.backend().buffer();
            for cell in buffer.content() {
                assert!(
                    matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset),
                    "coloured cell {:?} in\n{}",
                    cell,
                    screen(&app, w, h)
                );
            }
        }
    }
}
