//! The agenda screen (`A`): what it shows, at two sizes, and its keys: Enter, o, f, z (snooze asks for a date).

use ratatui::crossterm::event::KeyCode;

use super::review::{plan_titled, status, titles};
use super::*;
use crate::domain::agenda::Kind;
use crate::tui::app::Screen;
use crate::tui::keymap::Mode;
use crate::tui::screens::agenda::AgendaView;

fn agenda(app: &App) -> &AgendaView {
    match app.screens.last() {
        Some(Screen::Agenda(a)) => a,
        _ => panic!("the agenda is open"),
    }
}

/// TODAY is Tuesday 20 January 2026: a talk that has passed, one today, one on Friday, one later, and a
/// follow-up due yesterday.
fn due_workbook() -> Vec<Plan> {
    let d = |day| Some(jiff::civil::date(2026, 1, day));
    let mut plans = Vec::new();
    for (name, want, by) in [
        ("Dr Okafor", "Start the Tuesday list at 08:00", d(15)),
        ("Sister Mensah", "Trial the handover board", d(20)),
        ("Dr Chen", "Swap on-call weekends", d(23)),
        (
            "Mr Patel",
            "Fund a second scanner",
            Some(jiff::civil::date(2026, 2, 10)),
        ),
    ] {
        let mut p = fixed_plan(2);
        p.stakeholder.name = name.into();
        p.goal.want = want.into();
        p.goal.by = by;
        p.tactic.primary = crate::domain::rung::test_rung("reason");
        p.status = Status::Ready;
        plans.push(p);
    }
    let mut done = fixed_plan(3);
    done.stakeholder.name = "Ms Ode".into();
    done.goal.want = "Agree the rota".into();
    done.outcome = Some(Outcome {
        on: d(10),
        result: Some(OutcomeResult::Compliance),
        notes: String::new(),
        follow_up: d(19),
    });
    done.status = Status::Done;
    plans.push(done);
    plans
}

#[test]
fn the_agenda_shows_what_is_due_overdue_first() {
    let (_dir, mut app) = app_with(&due_workbook());
    // The plans list says so at the top, so nobody has to remember to look.
    let list = draw(&app, 80, 24).backend().to_string();
    assert!(
        list.contains("2 overdue, 1 due today: A shows the agenda"),
        "{list}"
    );
    key(&mut app, KeyCode::Char('A'));
    assert_eq!(app.mode(), Mode::Agenda);
    let kinds: Vec<(String, Kind)> = agenda(&app)
        .items
        .iter()
        .map(|i| (i.stakeholder.clone(), i.kind))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("Dr Okafor".into(), Kind::RecordOutcome),
            ("Ms Ode".into(), Kind::FollowUp),
            ("Sister Mensah".into(), Kind::Talk),
            ("Dr Chen".into(), Kind::Talk),
            ("Mr Patel".into(), Kind::Talk),
        ]
    );
    for (w, h) in [(80, 24), (48, 16)] {
        insta::assert_snapshot!(format!("agenda_{w}x{h}"), draw(&app, w, h).backend());
    }
}

#[test]
fn z_snoozes_to_a_typed_date_and_enter_o_f_act_on_the_items_plan() {
    let (dir, mut app) = app_with(&due_workbook());
    key(&mut app, KeyCode::Char('A'));
    key(&mut app, KeyCode::Char('z'));
    assert_eq!(app.mode(), Mode::AgendaSnooze);
    type_text(&mut app, "soonish");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::AgendaSnooze, "asked again");
    assert!(status(&app).contains("18 dec"), "{}", status(&app));
    for _ in 0..7 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "in 3 weeks");
    assert!(
        draw(&app, 80, 24)
            .backend()
            .to_string()
            .contains("= Tuesday 10 February")
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Agenda);
    assert!(
        status(&app).starts_with("Snoozed to Tuesday 10 February"),
        "{}",
        status(&app)
    );
    let (_, plan) = plan_titled(&dir, "Start the Tuesday list at 08:00");
    assert_eq!(plan.goal.by, Some(jiff::civil::date(2026, 2, 10)));
    // The item moved down, and the selection with it; the follow-up is first now, and z moves its own date.
    assert_eq!(agenda(&app).items[0].kind, Kind::FollowUp);
    for _ in 0..agenda(&app).items.len() {
        key(&mut app, KeyCode::Char('k'));
    }
    key(&mut app, KeyCode::Char('z'));
    type_text(&mut app, "fri");
    press(&mut app, KeyCode::Enter);
    let (_, plan) = plan_titled(&dir, "Agree the rota");
    assert_eq!(
        plan.outcome.unwrap().follow_up,
        Some(jiff::civil::date(2026, 1, 23))
    );
    // Esc leaves a snooze without changing anything.
    key(&mut app, KeyCode::Char('z'));
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Agenda);
    // Enter opens the selected item's plan; o and f act on it.
    let first = agenda(&app).selected_item().unwrap().title.clone();
    assert_eq!(first, "Agree the rota", "the snoozed item stays selected");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::PlanView);
    match app.screens.last() {
        Some(Screen::Plan(view)) => assert_eq!(view.file.plan.display_title(), first),
        _ => panic!("the plan view"),
    }
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Agenda);
    key(&mut app, KeyCode::Char('o'));
    assert_eq!(app.mode(), Mode::RecordChoice, "o records the outcome");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('f'));
    assert!(app.wizard().is_some(), "f plans the follow-up");
}

#[test]
fn a_snoozed_how_did_it_go_stays_selected_as_the_talk_it_becomes() {
    let (_dir, mut app) = app_with(&due_workbook());
    key(&mut app, KeyCode::Char('A'));
    assert_eq!(agenda(&app).items[0].kind, Kind::RecordOutcome);
    key(&mut app, KeyCode::Char('z'));
    type_text(&mut app, "in 3 weeks");
    press(&mut app, KeyCode::Enter);
    let selected = agenda(&app).selected_item().unwrap();
    assert_eq!(
        (selected.stakeholder.as_str(), selected.kind),
        ("Dr Okafor", Kind::Talk)
    );
}

#[test]
fn a_snooze_to_a_day_gone_is_refused_and_the_date_stays() {
    let (dir, mut app) = app_with(&due_workbook());
    key(&mut app, KeyCode::Char('A'));
    // Ms Ode's follow-up (due yesterday, after a talk on the 10th) is second.
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(agenda(&app).selected_item().unwrap().kind, Kind::FollowUp);
    key(&mut app, KeyCode::Char('z'));
    type_text(&mut app, "2026-01-05");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::AgendaSnooze, "asked again");
    assert!(status(&app).contains("puts it off"), "{}", status(&app));
    let (_, plan) = plan_titled(&dir, "Agree the rota");
    assert_eq!(
        plan.outcome.unwrap().follow_up,
        Some(jiff::civil::date(2026, 1, 19))
    );
}

#[test]
fn a_follow_up_is_never_snoozed_before_the_talk_it_follows() {
    let mut plans = due_workbook();
    let ode = plans
        .iter_mut()
        .find(|p| p.stakeholder.name == "Ms Ode")
        .unwrap();
    if let Some(o) = &mut ode.outcome {
        // Recorded ahead of time, as the command line allows.
        o.on = Some(jiff::civil::date(2026, 1, 25));
        o.follow_up = Some(jiff::civil::date(2026, 1, 27));
    }
    let (dir, mut app) = app_with(&plans);
    key(&mut app, KeyCode::Char('A'));
    while agenda(&app).selected_item().unwrap().kind != Kind::FollowUp {
        key(&mut app, KeyCode::Char('j'));
    }
    key(&mut app, KeyCode::Char('z'));
    type_text(&mut app, "2026-01-22");
    press(&mut app, KeyCode::Enter);
    assert!(
        status(&app).contains("is before the conversation"),
        "{}",
        status(&app)
    );
    let (_, plan) = plan_titled(&dir, "Agree the rota");
    assert_eq!(
        plan.outcome.unwrap().follow_up,
        Some(jiff::civil::date(2026, 1, 27))
    );
}

#[test]
fn question_mark_opens_the_agendas_help() {
    let (_dir, mut app) = app_with(&due_workbook());
    key(&mut app, KeyCode::Char('A'));
    key(&mut app, KeyCode::Char('?'));
    assert_eq!(app.mode(), Mode::Help);
}

#[test]
fn the_list_sorts_by_due_date_soonest_first() {
    let (_dir, mut app) = app_with(&due_workbook());
    for _ in 0..4 {
        press(&mut app, KeyCode::Char('s'));
    }
    assert_eq!(app.home().unwrap().sort, crate::tui::plan_list::Sort::Due);
    assert_eq!(
        titles(&app),
        vec![
            "Start the Tuesday list at 08:00",
            "Agree the rota",
            "Trial the handover board",
            "Swap on-call weekends",
            "Fund a second scanner",
        ]
    );
}
