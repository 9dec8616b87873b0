//! Keys in, state out, for threads (issue 13): a plan, its outcome, its follow-up, and every count that looks
//! back over them agreeing that a try is one try however many plans carry it; the thread in the plan view; the
//! list's mark; dates on "already tried".

use ratatui::crossterm::event::KeyCode;

use super::review::{plans_in, status};
use super::*;
use crate::export::layout::{Block, SectionKind};
use crate::tui::app::Screen;
use crate::tui::keymap::Mode;
use crate::tui::screens::wizard::{FieldId, Focus, Step};

/// The scenario through the keys: a plan for Dr Adeyemi with Reason and Deal already tried (both
/// resistance, Deal dated), Coach chosen; its outcome recorded (`o`); a follow-up (`f`) with Inspire (2).
fn scenario() -> (TempDir, App) {
    let (dir, mut app) = app_with(&[]);
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Dr Adeyemi");
    ctrl(&mut app, 'n');
    type_text(&mut app, "Adopt the sepsis pathway");
    ctrl(&mut app, 'n');
    assert_eq!(app.wizard().unwrap().step, Step::Tried);
    press(&mut app, KeyCode::Char(' ')); // Reason, tried
    for _ in 0..3 {
        press(&mut app, KeyCode::Right); // … resistance
    }
    for _ in 0..4 {
        press(&mut app, KeyCode::Up); // Deal
    }
    for _ in 0..3 {
        press(&mut app, KeyCode::Right); // ticked, … resistance
    }
    press(&mut app, KeyCode::Tab); // its date
    assert_eq!(app.wizard().unwrap().focus, Focus::Field(FieldId::TriedOn));
    type_text(&mut app, "2026-01-15");
    ctrl(&mut app, 'n');
    press(&mut app, KeyCode::Char('3')); // Coach
    ctrl(&mut app, 's');
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Home, "{}", status(&app));
    press(&mut app, KeyCode::Char('o'));
    press(&mut app, KeyCode::Char('2')); // compliance
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    assert!(
        status(&app).contains("Outcome recorded"),
        "{}",
        status(&app)
    );
    press(&mut app, KeyCode::Char('f'));
    for _ in 0..3 {
        ctrl(&mut app, 'n');
    }
    assert_eq!(app.wizard().unwrap().step, Step::Tactic);
    press(&mut app, KeyCode::Char('2')); // Inspire
    ctrl(&mut app, 's');
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Home, "{}", status(&app));
    assert_eq!(plans_in(&dir).len(), 2);
    (dir, app)
}

/// Moves the list's highlight to the plan with `id`.
fn select_id(app: &mut App, id: &str) {
    let row = app.rows.iter().position(|r| r.id() == id).unwrap();
    let at = app
        .home()
        .unwrap()
        .visible
        .iter()
        .position(|&i| i as usize == row)
        .unwrap();
    let now = app.home().unwrap().selected;
    let key = if at > now {
        KeyCode::Char('j')
    } else {
        KeyCode::Char('k')
    };
    for _ in 0..at.abs_diff(now) {
        press(app, key);
    }
    assert_eq!(
        app.home().unwrap().selected_row(&app.rows).unwrap().id(),
        id
    );
}

#[test]
fn a_follow_up_counts_each_try_once_on_every_screen() {
    let (dir, mut app) = scenario();
    let plans = plans_in(&dir);
    let first = &plans.iter().find(|(_, p)| p.follows.is_empty()).unwrap().1;
    let next = &plans.iter().find(|(_, p)| !p.follows.is_empty()).unwrap().1;
    assert_eq!(next.follows, first.id);
    assert_eq!(next.attempts.len(), 3, "{:?}", next.attempts);
    assert!(next.attempts.iter().all(|a| a.from == first.id));
    assert_eq!(
        first.attempts[1].on,
        Some(jiff::civil::date(2026, 1, 15)),
        "Deal's date, typed in Already tried"
    );

    // Reflection: Reason, Coach and Deal tried once each; one resistance each is no pattern.
    press(&mut app, KeyCode::Char('R'));
    let Some(Screen::Reflection(view)) = app.screens.last() else {
        panic!("reflection expected");
    };
    let tried: Vec<usize> = view.stats.rungs.iter().map(|r| r.tried).collect();
    assert_eq!(tried, [1, 0, 1, 0, 1, 0, 0, 0, 0]);
    let s = screen(&app, 100, 40);
    assert!(!s.contains("more often than not"), "{s}");
    press(&mut app, KeyCode::Esc);

    // Stakeholders: the same history, each try once.
    press(&mut app, KeyCode::Char('S'));
    assert_eq!(app.mode(), Mode::Stakeholders);
    let record = app.history.get("Dr Adeyemi").unwrap();
    let mut per_rung = [0; 9];
    for t in &record.tries {
        per_rung[t.rung()] += 1;
    }
    assert_eq!(per_rung, [1, 0, 1, 0, 1, 0, 0, 0, 0]);
    assert!(
        screen(&app, 80, 24).contains("x~·xx····") || screen(&app, 80, 24).contains("x·~·x····")
    );
    press(&mut app, KeyCode::Esc);

    // The follow-up's page prints its three tries and says nothing about more.
    select_id(&mut app, &next.id);
    press(&mut app, KeyCode::Char('p'));
    let Some(Screen::Preview(preview)) = app.screens.last() else {
        panic!("preview expected");
    };
    let tried = preview
        .shown
        .sections
        .iter()
        .find(|s| s.kind == SectionKind::Tried)
        .expect("already tried on the page");
    match &tried.items[0].block {
        Block::List { items, more, .. } => {
            assert_eq!(items.len(), 3, "{items:?}");
            assert_eq!(more, &None);
            assert!(
                items.iter().all(|i| !i.contains("earlier plan")),
                "{items:?}"
            );
            assert!(
                items.iter().any(|i| i.starts_with("15 Jan 2026 · 5 Deal")),
                "{items:?}"
            );
        }
        other => panic!("a list expected: {other:?}"),
    }
    press(&mut app, KeyCode::Esc);

    // The escalation rule: Force after the first plan names only the rungs never tried.
    select_id(&mut app, &first.id);
    press(&mut app, KeyCode::Char('f'));
    for _ in 0..3 {
        ctrl(&mut app, 'n');
    }
    press(&mut app, KeyCode::Char('9'));
    assert_eq!(app.mode(), Mode::WizardWarning);
    let s = screen(&app, 120, 40);
    assert!(
        s.contains("Force chosen before Inspire, Feel Good, Favour, Silent allies and"),
        "{s}"
    );
}

#[test]
fn the_plan_view_shows_the_thread_and_the_list_marks_the_follow_up() {
    let (_dir, mut app) = scenario();
    let s = screen(&app, 100, 30);
    assert_eq!(
        s.matches("↳ Follow-up: Adopt the sepsis pathway").count(),
        1,
        "{s}"
    );
    let follow_up = app
        .rows
        .iter()
        .find(|r| r.follow_up)
        .unwrap()
        .id()
        .to_string();
    // The first plan's view: it is marked, and the follow-up comes after it.
    let first = app
        .rows
        .iter()
        .find(|r| !r.follow_up)
        .unwrap()
        .id()
        .to_string();
    select_id(&mut app, &first);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::PlanView);
    let s = screen(&app, 100, 40);
    let thread: Vec<&str> = s
        .lines()
        .skip_while(|l| !l.contains("THREAD"))
        .skip(1)
        .take(2)
        .collect();
    assert!(
        thread[0].contains("▶ ")
            && thread[0].contains("talked: 3 Coach, compliance (this plan)  “Adopt"),
        "{s}"
    );
    assert!(thread[1].contains("planned: 2 Inspire, ready"), "{s}");
    assert!(!s.contains("earlier plan"), "{s}");
    press(&mut app, KeyCode::Esc);
    select_id(&mut app, &follow_up);
    press(&mut app, KeyCode::Enter);
    let s = screen(&app, 80, 24);
    assert!(s.contains("THREAD"), "{s}");
    assert!(s.contains("▶ ") && s.contains("(this plan)"), "{s}");
}

#[test]
fn the_tried_date_fields_hint_fits_80_columns() {
    let (_dir, mut app) = app_with(&[]);
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Sam");
    ctrl(&mut app, 'n');
    type_text(&mut app, "Swap the Friday shift");
    ctrl(&mut app, 'n');
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.mode(), Mode::WizardSingleLine);
    let s = screen(&app, 80, 24);
    assert!(s.contains("Tab: back to the ladder."), "cut short: {s}");
}

#[test]
fn a_date_for_an_earlier_try_is_shown_resolved_and_one_that_is_not_a_date_stops_the_save() {
    let (_dir, mut app) = app_with(&[]);
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Sam");
    ctrl(&mut app, 'n');
    type_text(&mut app, "Swap the Friday shift");
    ctrl(&mut app, 'n');
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.mode(), Mode::WizardSingleLine);
    type_text(&mut app, "2026-01-15");
    let s = screen(&app, 80, 24);
    assert!(s.contains("= Thursday 15 January (Reason)"), "{s}");
    let w = app.wizard().unwrap();
    assert!(w.choices.tried[0].ticked, "a date given is a try");
    // Back on the ladder, the row says the date; the next rung's field is empty.
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.mode(), Mode::WizardTried);
    assert!(screen(&app, 80, 24).contains("✓ tried, 2026-01-15"));
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.wizard().unwrap().fields.tried_on.text(), "");
    type_text(&mut app, "whenever");
    assert!(screen(&app, 80, 24).contains("not a date yet"));
    ctrl_key(&mut app, 's');
    assert!(
        status(&app).starts_with("Not saved: when 2 Inspire was tried")
            || status(&app).starts_with("Not saved: when Inspire was tried"),
        "{}",
        status(&app)
    );
    let w = app.wizard().unwrap();
    assert_eq!(w.step, Step::Tried);
    assert_eq!(w.focus, Focus::Field(FieldId::TriedOn));
    assert_eq!(w.steps.tried, 1);
}
