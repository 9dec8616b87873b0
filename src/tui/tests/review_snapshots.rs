//! The review screens drawn at 80 x 24 and 48 x 16 and compared with committed snapshots: the table with a
//! filter, the plan view's ladder and timeline, stakeholders, reflection, the outcome and attempt forms, the
//! delete and changed-on-disk questions, and the print preview. Fixtures have fixed dates and today is pinned.

#[allow(unused_imports)]
use crate::domain::rung::{rung_text, test_rung};
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;

use super::review::review_workbook;
use super::*;

const SIZES: [(u16, u16); 2] = [(80, 24), (48, 16)];

fn snap(name: &str, app: &App) {
    for (w, h) in SIZES {
        let terminal = draw(app, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), terminal.backend());
    }
}

/// The review workbook with an attempt and an outcome on the Tuesday-list plan, for a full plan view.
fn workbook() -> Vec<Plan> {
    let mut plans = review_workbook();
    plans[0].attempts.push(Attempt {
        tactic: test_rung("coach"),
        on: Some(jiff::civil::date(2026, 1, 7)),
        result: Some(OutcomeResult::Compliance),
        notes: "He agreed to look at the cancellation figures".into(),
        from: String::new(),
    });
    if let Some(o) = &mut plans[0].outcome {
        o.notes = "Refused: the anaesthetic rota is full".into();
        o.follow_up = Some(jiff::civil::date(2026, 2, 2));
    }
    plans
}

#[test]
fn list_filtered_and_by_person() {
    let (_dir, mut app) = app_with(&workbook());
    snap("review_list", &app);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "okafor");
    snap("review_list_filtering", &app);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('4'));
    snap("review_list_done_tab", &app);
}

#[test]
fn plan_view_with_ladder_and_timeline() {
    let (_dir, mut app) = app_with(&workbook());
    press(&mut app, KeyCode::Char('G'));
    press(&mut app, KeyCode::Enter);
    for _ in 0..12 {
        press(&mut app, KeyCode::Char('j'));
    }
    snap("review_plan_view_scrolled", &app);
}

#[test]
fn stakeholders_and_reflection() {
    let (_dir, mut app) = app_with(&workbook());
    press(&mut app, KeyCode::Char('S'));
    snap("review_stakeholders", &app);
    press(&mut app, KeyCode::Char('R'));
    snap("review_reflection", &app);
}

#[test]
fn outcome_and_attempt_forms() {
    let (_dir, mut app) = app_with(&workbook());
    press(&mut app, KeyCode::Char('o'));
    snap("review_outcome_form", &app);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('a'));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('3'));
    snap("review_attempt_form", &app);
}

#[test]
fn delete_and_changed_on_disk_questions() {
    let (dir, mut app) = app_with(&workbook());
    press(&mut app, KeyCode::Char('d'));
    snap("review_delete", &app);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('o'));
    press(&mut app, KeyCode::Char('1'));
    let path = app
        .rows
        .get(app.home().unwrap().visible[0] as usize)
        .unwrap()
        .path();
    std::fs::write(
        &path,
        std::fs::read_to_string(&path).unwrap() + "\n# synced\n",
    )
    .unwrap();
    press(&mut app, KeyCode::Enter);
    snap("review_conflict", &app);
    drop(dir);
}

#[test]
fn print_preview() {
    let (_dir, mut app) = app_with(&workbook());
    press(&mut app, KeyCode::Char('G'));
    press(&mut app, KeyCode::Char('p'));
    snap("review_preview", &app);
    press(&mut app, KeyCode::Char('m'));
    snap("review_preview_save", &app);
}

/// Every review screen is sane from just big enough to huge, and draws no colour under NO_COLOR.
#[test]
fn review_screens_at_any_size_and_without_colour() {
    let keys: &[&[KeyCode]] = &[
        &[],
        &[KeyCode::Char('/'), KeyCode::Char('o')],
        &[KeyCode::Char('G'), KeyCode::Enter],
        &[KeyCode::Char('S')],
        &[KeyCode::Char('R')],
        &[KeyCode::Char('o')],
        &[KeyCode::Char('a')],
        &[KeyCode::Char('d')],
        &[KeyCode::Char('p')],
        &[KeyCode::Char('p'), KeyCode::Char('s')],
    ];
    for seq in keys {
        let (_dir, mut app) = app_with(&workbook());
        for k in *seq {
            press(&mut app, *k);
        }
        for (w, h) in [(40, 12), (41, 13), (100, 30), (300, 100), (1, 1), (39, 50)] {
            let _ = screen(&app, w, h);
        }
        app.theme = Theme::no_colour();
        for (w, h) in [(80, 24), (200, 60)] {
            let terminal = draw(&app, w, h);
            for cell in terminal.backend().buffer().content() {
                assert!(
                    matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset),
                    "coloured cell after {seq:?}:\n{}",
                    screen(&app, w, h)
                );
            }
        }
    }
}
