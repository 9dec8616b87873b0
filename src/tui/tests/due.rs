//! What is due, where the plans are listed: the list's Due column (wide terminals, or sorted by due date) and
//! each person's next due date on the stakeholders screen.

use ratatui::crossterm::event::KeyCode;

use super::*;
use crate::tui::plan_list::Sort;

/// TODAY is Tuesday 20 January 2026: Dr Okafor's talk has passed unrecorded, Sister Mensah's is today, Dr
/// Chen's on Friday and Mr Patel's next year; Ms Ode has nothing due.
fn due_workbook() -> Vec<Plan> {
    let mut plans = Vec::new();
    for (day, name, want, by) in [
        (
            2,
            "Dr Okafor",
            "Start the Tuesday list at 08:00",
            Some((2026, 1, 15)),
        ),
        (
            3,
            "Sister Mensah",
            "Trial the handover board",
            Some((2026, 1, 20)),
        ),
        (4, "Dr Chen", "Swap on-call weekends", Some((2026, 1, 23))),
        (5, "Mr Patel", "Fund a second scanner", Some((2027, 2, 10))),
        (6, "Ms Ode", "Agree the rota", None),
    ] {
        let mut p = fixed_plan(day);
        p.stakeholder.name = name.into();
        p.goal.want = want.into();
        p.goal.by = by.map(|(y, m, d)| jiff::civil::date(y, m, d));
        p.tactic.primary = test_rung("reason");
        p.status = Status::Ready;
        plans.push(p);
    }
    plans
}

#[test]
fn the_due_column_shows_on_wide_terminals_and_in_the_date_column_when_sorted_by_due() {
    let (_dir, mut app) = app_with(&due_workbook());
    let wide = draw(&app, 120, 40).backend().to_string();
    for due in ["overdue", "today", "Fri 23 Jan", "2027-02-10"] {
        assert!(wide.contains(due), "{due}:\n{wide}");
    }
    insta::assert_snapshot!("due_list_120x40", draw(&app, 120, 40).backend());
    // At 80 columns there is no room for it beside the rest: the creation date stays.
    let narrow = draw(&app, 80, 24).backend().to_string();
    assert!(!narrow.contains("Due"), "{narrow}");
    while app.home().unwrap().sort != Sort::Due {
        press(&mut app, KeyCode::Char('s'));
    }
    // Sorted by due date, the due date takes the Date column's place.
    insta::assert_snapshot!("due_list_sorted_80x24", draw(&app, 80, 24).backend());
    let sorted = draw(&app, 80, 24).backend().to_string();
    assert!(sorted.contains(" Due "), "{sorted}");
    assert!(!sorted.contains("2026-01-02"), "{sorted}");
    // Too narrow for either date: left out, the rest as before.
    let tiny = draw(&app, 48, 16).backend().to_string();
    let rows: Vec<&str> = tiny
        .lines()
        .filter(|l| !l.contains("shows the agenda"))
        .collect();
    assert!(
        rows.iter()
            .all(|l| !l.contains("overdue") && !l.contains("Due")),
        "{tiny}"
    );
}

#[test]
fn a_workbook_with_nothing_due_has_no_due_column() {
    let mut plans = due_workbook();
    for p in &mut plans {
        p.goal.by = None;
    }
    let (_dir, app) = app_with(&plans);
    let wide = draw(&app, 120, 40).backend().to_string();
    assert!(!wide.contains("Due"), "{wide}");
}

#[test]
fn the_stakeholders_screen_shows_each_persons_next_due_date() {
    let (_dir, mut app) = app_with(&due_workbook());
    press(&mut app, KeyCode::Char('S'));
    let screen = draw(&app, 80, 24).backend().to_string();
    assert!(screen.contains("Next due"), "{screen}");
    let row = |name: &str| {
        screen
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name}:\n{screen}"))
            .to_string()
    };
    assert!(row("Dr Okafor").contains("overdue"));
    assert!(row("Sister Mensah").contains("today"));
    assert!(row("Dr Chen").contains("Fri 23 Jan"));
    assert!(row("Mr Patel").contains("2027-02-10"));
    assert!(
        !row("Ms Ode").contains("20"),
        "nothing due: {}",
        row("Ms Ode")
    );
    insta::assert_snapshot!("due_stakeholders_80x24", draw(&app, 80, 24).backend());
    insta::assert_snapshot!("due_stakeholders_48x16", draw(&app, 48, 16).backend());
}
