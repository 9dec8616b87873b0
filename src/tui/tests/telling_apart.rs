//! Telling plans apart (issue 13, item 7): the wizard's title field and a follow-up's default title, the list's
//! title counting what its tabs count, reflection leaving drafts out unless asked, and the review step drawing
//! the plan sheet.

use std::sync::Arc;

use ratatui::crossterm::event::KeyCode;

use super::review::{plans_in, review_workbook, select, selected_title, status, titles};
use super::*;
use crate::tui::app::Screen;
use crate::tui::keymap::{KeyOverride, Keymap, Mode};
use crate::tui::screens::wizard::{FieldId, Focus, Step};

#[test]
fn the_wizard_asks_for_a_title_and_the_list_shows_it() {
    let (dir, mut app) = app_with(&okafor_workbook());
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Dr Chen");
    press(&mut app, KeyCode::PageDown);
    type_text(&mut app, "Swap on-call weekends");
    for _ in 0..4 {
        press(&mut app, KeyCode::Tab);
    }
    let w = app.wizard().unwrap();
    assert_eq!(w.step, Step::Goal);
    assert_eq!(
        w.focus,
        Focus::Field(FieldId::Title),
        "last on the goal step"
    );
    assert!(screen(&app, 80, 24).contains("Title"));
    type_text(&mut app, "Weekend swap");
    for _ in 0..4 {
        press(&mut app, KeyCode::PageDown);
    }
    assert!(
        screen(&app, 80, 24).contains("Weekend swap"),
        "the review heads the sheet with it"
    );
    ctrl(&mut app, 's');
    press(&mut app, KeyCode::Esc);
    assert!(titles(&app).contains(&"Weekend swap".to_string()));
    let saved = plans_in(&dir)
        .into_iter()
        .find(|(_, p)| p.stakeholder.name == "Dr Chen")
        .unwrap()
        .1;
    assert_eq!(saved.title, "Weekend swap");
    assert_eq!(saved.goal.want, "Swap on-call weekends");

    // Left empty, the goal stands in and nothing is written for it.
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Dr Abara");
    press(&mut app, KeyCode::PageDown);
    type_text(&mut app, "Cover Friday clinic");
    ctrl(&mut app, 's');
    press(&mut app, KeyCode::Esc);
    assert!(titles(&app).contains(&"Cover Friday clinic".to_string()));
    let abara = plans_in(&dir)
        .into_iter()
        .find(|(_, p)| p.stakeholder.name == "Dr Abara")
        .unwrap()
        .1;
    assert_eq!(abara.title, "");
}

#[test]
fn a_follow_ups_title_says_what_it_follows_and_can_be_changed() {
    let (dir, mut app) = app_with(&review_workbook());
    select(&mut app, "Start the Tuesday list at 08:00");
    press(&mut app, KeyCode::Char('f'));
    let w = app.wizard().unwrap();
    assert_eq!(
        w.fields.title.text(),
        "Follow-up: Start the Tuesday list at 08:00"
    );
    ctrl(&mut app, 's');
    press(&mut app, KeyCode::Esc);
    assert!(
        titles(&app).contains(&"Follow-up: Start the Tuesday list at 08:00".to_string()),
        "{:?}",
        titles(&app)
    );
    // A follow-up of the follow-up does not stack the words.
    select(&mut app, "Follow-up: Start the Tuesday list at 08:00");
    press(&mut app, KeyCode::Char('f'));
    assert_eq!(
        app.wizard().unwrap().fields.title.text(),
        "Follow-up: Start the Tuesday list at 08:00"
    );
    press(&mut app, KeyCode::PageDown);
    for _ in 0..4 {
        press(&mut app, KeyCode::Tab);
    }
    assert_eq!(app.wizard().unwrap().focus, Focus::Field(FieldId::Title));
    for _ in 0..60 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "Third try: Tuesday list");
    ctrl(&mut app, 's');
    assert!(
        plans_in(&dir)
            .iter()
            .any(|(_, p)| p.title == "Third try: Tuesday list")
    );
}

#[test]
fn the_list_title_counts_what_the_all_tab_counts_and_names_a_broken_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::new(dir.path());
    let plans = data.ensure_plans().unwrap();
    for p in okafor_workbook() {
        plan_file::save_new(&plans, &p).unwrap();
    }
    std::fs::write(plans.join("broken.toml"), "version = \n").unwrap();
    let app = App::new(data, Ladder::embedded(), Theme::colour()).unwrap();
    let s = screen(&app, 100, 24);
    assert!(
        s.contains("your plans (4) · 1 unreadable: broken.toml"),
        "{s}"
    );
    assert!(s.contains(" All 4 "), "{s}");
}

#[test]
fn reflection_leaves_drafts_out_unless_asked_and_says_so() {
    let mut plans = review_workbook();
    let drafts = plans.iter().filter(|p| p.status == Status::Draft).count();
    assert!(drafts > 0, "the workbook has a draft");
    let mut extra = fixed_plan(17);
    extra.stakeholder.name = "Dr Chen".into();
    extra.tactic.primary = test_rung("deal");
    extra.status = Status::Draft;
    plans.push(extra);
    let total = plans.len();
    let drafts = drafts + 1;
    let (_dir, mut app) = app_with(&plans);
    press(&mut app, KeyCode::Char('R'));
    let view = |app: &App| match app.screens.last() {
        Some(Screen::Reflection(v)) => (v.stats.plans, v.drafts),
        _ => panic!("reflection expected"),
    };
    assert_eq!(view(&app), (total - drafts, false));
    let s = screen(&app, 80, 24);
    assert!(
        s.contains(&format!(
            "{drafts} drafts left out (not tried yet): D counts them"
        )),
        "{s}"
    );
    press(&mut app, KeyCode::Char('D'));
    assert_eq!(view(&app), (total, true));
    assert!(
        screen(&app, 80, 24).contains(&format!("{drafts} drafts counted too: D leaves them out"))
    );

    // The key is the user's.
    let (keys, problems) = Keymap::with_overrides(
        &[KeyOverride {
            context: "reflection".into(),
            context_at: (1, 1),
            action: "drafts".into(),
            action_at: (2, 1),
            keys: vec![("i".into(), (2, 9))],
        }],
        std::path::Path::new("c.toml"),
    );
    assert!(problems.is_empty(), "{problems:?}");
    app.keys = Arc::new(keys);
    press(&mut app, KeyCode::Char('i'));
    assert_eq!(view(&app), (total - drafts, false));
    assert!(screen(&app, 80, 24).contains("i counts them"));
    assert_eq!(app.mode(), Mode::Reflection);
}

#[test]
fn the_review_draws_the_plan_sheet_with_the_plan_views_labels() {
    let (_dir, mut app) = app_with(&review_workbook());
    select(&mut app, "Swap on-call weekends");
    press(&mut app, KeyCode::Char('e'));
    for _ in 0..5 {
        press(&mut app, KeyCode::PageDown);
    }
    assert_eq!(app.mode(), Mode::WizardReview);
    let review = screen(&app, 80, 40);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::PlanView);
    let view = screen(&app, 80, 40);
    for label in [
        "STAKEHOLDER",
        "Name",
        "GOAL",
        "You want them",
        "TACTIC",
        "Primary",
    ] {
        assert!(review.contains(label), "{label} in the review: {review}");
        assert!(view.contains(label), "{label} in the plan view: {view}");
    }
    assert!(!review.contains("As it will print"), "{review}");
    assert_eq!(selected_title(&app), "Swap on-call weekends");
    assert!(status(&app).is_empty() || !status(&app).contains("error"));
}
