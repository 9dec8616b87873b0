//! The mouse and the user's keys, as state transitions: a frame is drawn (which records where things are),
//! then a click or a turn of the wheel goes in and the state is looked at.

use std::sync::Arc;

use ratatui::crossterm::event::KeyCode;

use super::*;
use crate::config::ui::KeyOverride;
use crate::tui::app::Screen;
use crate::tui::event::{AppEvent, Mouse, MouseKind};
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::screens::wizard::{Focus, Step};

const W: u16 = 80;
const H: u16 = 24;

/// Where `text` first shows on an 80 x 24 frame (drawn now, so the hit map is the frame's).
fn find(app: &App, text: &str) -> (u16, u16) {
    let shown = screen(app, W, H);
    for (y, line) in shown.lines().enumerate() {
        if let Some(byte) = line.find(text) {
            let x = line[..byte].chars().count();
            return (u16::try_from(x).unwrap(), u16::try_from(y).unwrap());
        }
    }
    panic!("{text:?} is not on screen:\n{shown}");
}

fn click_on(app: &mut App, text: &str) {
    let (column, row) = find(app, text);
    app.on_event(AppEvent::Mouse(Mouse {
        kind: MouseKind::Click,
        column,
        row,
    }));
}

fn click_at(app: &mut App, column: u16, row: u16) {
    let _ = screen(app, W, H);
    app.on_event(AppEvent::Mouse(Mouse {
        kind: MouseKind::Click,
        column,
        row,
    }));
}

fn wheel(app: &mut App, kind: MouseKind) {
    let _ = screen(app, W, H);
    app.on_event(AppEvent::Mouse(Mouse {
        kind,
        column: 10,
        row: 10,
    }));
}

fn selected(app: &App) -> usize {
    app.home().map(|h| h.selected).unwrap()
}

#[test]
fn a_click_selects_a_row_and_a_second_click_opens_it() {
    let (_dir, mut app) = app_with(&okafor_workbook());
    assert_eq!(selected(&app), 0);
    click_on(&mut app, "Dr Okafor");
    assert_eq!(
        selected(&app),
        1,
        "the first Okafor row, second in the list"
    );
    assert_eq!(app.mode(), Mode::Home, "one click only selects");
    click_on(&mut app, "Dr Okafor");
    assert_eq!(
        app.mode(),
        Mode::PlanView,
        "a click on the selected row opens it"
    );
    // the wheel scrolls the plan; nothing is selected or opened by it
    wheel(&mut app, MouseKind::WheelDown);
    assert_eq!(app.mode(), Mode::PlanView);
}

#[test]
fn the_wheel_moves_through_the_list_and_tabs_are_clickable() {
    let (_dir, mut app) = app_with(&okafor_workbook());
    wheel(&mut app, MouseKind::WheelDown);
    wheel(&mut app, MouseKind::WheelDown);
    assert_eq!(selected(&app), 2);
    wheel(&mut app, MouseKind::WheelUp);
    assert_eq!(selected(&app), 1);
    click_on(&mut app, "Done 1");
    assert_eq!(app.home().unwrap().tab, crate::tui::plan_list::Tab::ALL[3]);
    assert_eq!(app.home().unwrap().visible.len(), 1);
    // a click on nothing does nothing
    click_at(&mut app, 79, 12);
    assert_eq!(app.mode(), Mode::Home);
}

#[test]
fn dialogs_answer_their_buttons_and_nothing_beneath() {
    let (_dir, mut app) = app_with(&okafor_workbook());
    press(&mut app, KeyCode::Char('d'));
    assert_eq!(app.mode(), Mode::ConfirmDelete);
    // the list's title row is outside the box: nothing happens
    click_at(&mut app, 2, 0);
    assert_eq!(app.mode(), Mode::ConfirmDelete);
    click_on(&mut app, "Keep it");
    assert_eq!(app.mode(), Mode::Home, "the button pressed its key");
    assert_eq!(app.rows.len(), 3, "nothing deleted");
}

#[test]
fn the_wizard_steps_and_rungs_are_clickable() {
    let (_dir, mut app) = app_with(&okafor_workbook());
    press(&mut app, KeyCode::Char('n'));
    click_on(&mut app, "Tactic");
    let wizard = |app: &App| match app.screens.last() {
        Some(Screen::Wizard(w)) => (w.step, w.focus, w.steps.ladder),
        _ => panic!("not in the wizard"),
    };
    assert_eq!(wizard(&app).0, Step::Tactic);
    click_on(&mut app, "Authority");
    let (_, focus, cursor) = wizard(&app);
    assert_eq!((focus, cursor), (Focus::Ladder, 7));
    let plan = |app: &App| match app.screens.last() {
        Some(Screen::Wizard(w)) => w
            .choices
            .primary
            .as_ref()
            .map(|r| r.key().as_str().to_string())
            .unwrap_or_default(),
        _ => panic!("not in the wizard"),
    };
    // (the ladder's row, not the guidance panel's heading)
    click_on(&mut app, "1 Reason");
    assert_ne!(
        plan(&app),
        "reason",
        "the first click only moves the cursor"
    );
    assert_eq!(wizard(&app).2, 0, "{:?}", app.status);
    click_on(&mut app, "1 Reason");
    assert_eq!(plan(&app), "reason", "the second chooses it");
    click_on(&mut app, "Stakeholder");
    assert_eq!(wizard(&app).0, Step::Stakeholder);
}

#[test]
fn the_users_keys_drive_the_app_and_show_in_the_footer_and_help() {
    let (_dir, mut app) = app_with(&okafor_workbook());
    let over = |context: &str, action: &str, key: &str| KeyOverride {
        context: context.into(),
        context_at: (1, 1),
        action: action.into(),
        action_at: (2, 1),
        keys: vec![(key.into(), (2, 7))],
    };
    // `a` logs an attempt by default: that moves to `L` in the same file
    let (keys, problems) = Keymap::with_overrides(
        &[
            over("list", "new", "a"),
            over("plan-actions", "attempt", "L"),
        ],
        std::path::Path::new("c.toml"),
    );
    assert!(problems.is_empty(), "{problems:?}");
    app.keys = Arc::new(keys);
    assert!(
        screen(&app, W, H).contains("a new"),
        "the footer names the user's key"
    );
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.mode(), Mode::Home, "n is no longer new");
    press(&mut app, KeyCode::Char('?'));
    assert!(screen(&app, W, H).contains("a             start a new plan"));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('a'));
    assert!(app.wizard().is_some(), "a starts a new plan");
}

#[test]
fn a_click_in_the_stakeholders_list_selects_then_opens_their_plans() {
    let (_dir, mut app) = app_with(&okafor_workbook());
    press(&mut app, KeyCode::Char('S'));
    assert_eq!(app.mode(), Mode::Stakeholders);
    click_on(&mut app, "Sister Mensah");
    assert_eq!(app.mode(), Mode::Stakeholders, "one click selects");
    click_on(&mut app, "Sister Mensah");
    assert_eq!(app.mode(), Mode::Home);
    assert_eq!(app.home().unwrap().visible.len(), 1, "her plans only");
}

#[test]
fn esc_with_name_suggestions_open_closes_them_and_stays_in_the_plan() {
    let (_dir, mut app) = app_with(&okafor_workbook());
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Dr O");
    assert_eq!(app.mode(), Mode::WizardNameCompletion);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::WizardSingleLine, "the suggestions closed");
    assert!(app.wizard().is_some(), "still in the plan, nothing asked");
    type_text(&mut app, "k");
    assert_eq!(
        app.mode(),
        Mode::WizardNameCompletion,
        "typing opens them again"
    );
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert_eq!(
        app.mode(),
        Mode::WizardLeaveConfirm,
        "a second Esc asks to leave as before"
    );
}

#[test]
fn the_wheel_over_the_guidance_scrolls_it_and_over_the_ladder_moves_the_highlight() {
    let (_dir, mut app) = super::snapshots::wizard_at(3);
    // Short enough that the guidance is cut and has somewhere to scroll.
    let (w, h) = (100, 20);
    let shown = screen(&app, w, h);
    // The guidance sits beside the ladder from 90 columns; find a row of it.
    let (column, row) = shown
        .lines()
        .enumerate()
        .find_map(|(y, line)| {
            let byte = line.find("When it helps")?;
            Some((line[..byte].chars().count(), y))
        })
        .expect("the guidance is on screen");
    let roll = |app: &mut App, kind, column: usize, row: usize| {
        let _ = screen(app, w, h);
        app.on_event(AppEvent::Mouse(Mouse {
            kind,
            column: u16::try_from(column).unwrap(),
            row: u16::try_from(row).unwrap(),
        }));
    };
    let ladder_before = app.wizard().unwrap().steps.ladder;
    roll(&mut app, MouseKind::WheelDown, column, row);
    let wizard = app.wizard().unwrap();
    assert!(wizard.guidance_scroll > 0, "the guidance scrolled");
    assert_eq!(
        wizard.steps.ladder, ladder_before,
        "the ladder did not move"
    );
    roll(&mut app, MouseKind::WheelUp, column, row);
    assert_eq!(app.wizard().unwrap().guidance_scroll, 0);
    // Over the ladder, the wheel moves the highlight as before.
    roll(&mut app, MouseKind::WheelUp, 3, row);
    assert_ne!(app.wizard().unwrap().steps.ladder, ladder_before);
}
