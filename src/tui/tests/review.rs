//! Keys in, state out, for looking back: the list's sort, tabs and filter; recording an outcome or an attempt;
//! follow-up, copy, delete and undo; editing with the changed-on-disk choice; stakeholders, reflection, reload
//! and the print preview.

#[allow(unused_imports)]
use crate::domain::rung::{rung_text, test_rung};
use std::path::PathBuf;

use ratatui::crossterm::event::KeyCode;

use super::*;
use crate::domain::Status;
use crate::store::Workbook;
use crate::tui::app::Screen;
use crate::tui::keymap::Mode;
use crate::tui::plan_list::{Sort, Tab};

/// The Okafor workbook plus a ready plan with Dr Chen, a peer.
pub fn review_workbook() -> Vec<Plan> {
    let mut plans = okafor_workbook();
    let mut chen = fixed_plan(16);
    chen.stakeholder.name = "Dr Chen".into();
    chen.stakeholder.direction = Some(Direction::Peer);
    chen.goal.want = "Swap on-call weekends".into();
    chen.tactic.primary = test_rung("deal");
    chen.status = Status::Ready;
    plans.push(chen);
    plans
}

pub(super) fn titles(app: &App) -> Vec<String> {
    let home = app.home().unwrap();
    home.visible
        .iter()
        .map(|&i| app.rows.get(i as usize).unwrap().title().to_string())
        .collect()
}

pub(super) fn selected_title(app: &App) -> String {
    app.home()
        .unwrap()
        .selected_row(&app.rows)
        .map(|r| r.title().to_string())
        .unwrap_or_default()
}

pub(super) fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

pub(super) fn plans_in(dir: &TempDir) -> Vec<(PathBuf, Plan)> {
    Workbook::load(&DataDir::new(dir.path()), &Ladder::embedded())
        .unwrap()
        .plans
        .into_iter()
        .map(|p| (p.path, p.plan))
        .collect()
}

pub(super) fn plan_titled(dir: &TempDir, want: &str) -> (PathBuf, Plan) {
    plans_in(dir)
        .into_iter()
        .find(|(_, p)| p.goal.want == want)
        .expect("the plan is on disk")
}

/// Moves the list's selection to the plan whose title is `title`.
pub(super) fn select(app: &mut App, title: &str) {
    press(app, KeyCode::Char('g'));
    for _ in 0..app.rows.len() {
        if selected_title(app) == title {
            return;
        }
        press(app, KeyCode::Char('j'));
    }
    panic!("{title} is not on the list: {:?}", titles(app));
}

#[test]
fn sort_cycles_and_is_shown() {
    let (_dir, mut app) = app_with(&review_workbook());
    assert_eq!(
        titles(&app),
        [
            "Swap on-call weekends",
            "Trial the handover board",
            "Talk to the clinic manager",
            "Start the Tuesday list at 08:00"
        ],
        "newest first"
    );
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.home().unwrap().sort, Sort::Stakeholder);
    assert!(screen(&app, 80, 24).contains("sort: stakeholder"));
    assert_eq!(titles(&app)[0], "Swap on-call weekends", "Dr Chen first");
    assert_eq!(
        titles(&app)[3],
        "Trial the handover board",
        "Sister Mensah last"
    );
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.home().unwrap().sort, Sort::Status);
    assert_eq!(
        titles(&app)[3],
        "Start the Tuesday list at 08:00",
        "done last"
    );
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.home().unwrap().sort, Sort::Tactic);
    assert_eq!(
        titles(&app)[0],
        "Start the Tuesday list at 08:00",
        "Reason first"
    );
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.home().unwrap().sort, Sort::Due);
    assert!(screen(&app, 80, 24).contains("sort: due date, soonest first"));
    press(&mut app, KeyCode::Char('s'));
    assert_eq!(app.home().unwrap().sort, Sort::Date);
}

#[test]
fn tabs_show_all_drafts_ready_done() {
    let (_dir, mut app) = app_with(&review_workbook());
    assert_eq!(app.home().unwrap().counts, [4, 2, 1, 1]);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.home().unwrap().tab, Tab::Drafts);
    assert_eq!(titles(&app).len(), 2);
    press(&mut app, KeyCode::Char('4'));
    assert_eq!(titles(&app), ["Start the Tuesday list at 08:00"]);
    press(&mut app, KeyCode::Char('3'));
    assert_eq!(titles(&app), ["Swap on-call weekends"]);
    shift_tab(&mut app);
    assert_eq!(app.home().unwrap().tab, Tab::Drafts);
    press(&mut app, KeyCode::Char('1'));
    assert_eq!(titles(&app).len(), 4);
}

#[test]
fn filter_is_live_enter_keeps_it_and_esc_clears_it() {
    let (_dir, mut app) = app_with(&review_workbook());
    press(&mut app, KeyCode::Char('/'));
    assert_eq!(app.mode(), Mode::HomeFilter);
    type_text(&mut app, "okafor");
    assert_eq!(titles(&app).len(), 2, "{:?}", titles(&app));
    assert!(titles(&app).iter().all(|t| t != "Swap on-call weekends"));
    type_text(&mut app, " tuesday");
    assert_eq!(titles(&app), ["Start the Tuesday list at 08:00"]);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Home, "Enter keeps the filter");
    assert_eq!(titles(&app).len(), 1);
    assert!(screen(&app, 80, 24).contains("/ okafor tuesday"));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::PlanView, "and opens the match");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert_eq!(titles(&app).len(), 4, "Esc on the list clears it");
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "zzzz");
    assert!(titles(&app).is_empty());
    assert!(screen(&app, 80, 24).contains("No plans match"));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Home);
    assert_eq!(app.home().unwrap().filter.text(), "");
    assert_eq!(titles(&app).len(), 4);
    // letters that are keys on the list are text in the filter
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "q");
    assert!(!app.quit);
}

#[test]
fn recording_an_outcome_closes_the_plan() {
    let (dir, mut app) = app_with(&review_workbook());
    select(&mut app, "Talk to the clinic manager");
    press(&mut app, KeyCode::Char('o'));
    assert_eq!(app.mode(), Mode::RecordChoice);
    press(&mut app, KeyCode::Char('3')); // resistance
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.mode(), Mode::RecordText);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Wants the audit first");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "2026-02-01");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Home);
    assert!(
        status(&app).contains("Outcome recorded: resistance"),
        "{}",
        status(&app)
    );
    let (_, plan) = plan_titled(&dir, "Talk to the clinic manager");
    let o = plan.outcome.expect("an outcome");
    assert_eq!(o.result, Some(OutcomeResult::Resistance));
    assert_eq!(o.on, Some(TODAY));
    assert_eq!(o.notes, "Wants the audit first");
    assert_eq!(o.follow_up, Some(jiff::civil::date(2026, 2, 1)));
    assert_eq!(plan.status, Status::Done);
    assert_eq!(
        selected_title(&app),
        "Talk to the clinic manager",
        "still selected"
    );
}

#[test]
fn a_date_that_is_not_one_is_refused_and_esc_records_nothing() {
    let (dir, mut app) = app_with(&review_workbook());
    press(&mut app, KeyCode::Char('o'));
    press(&mut app, KeyCode::Tab);
    for _ in 0..10 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "soon");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::RecordText, "still in the form");
    assert!(screen(&app, 80, 24).contains("Not saved: on:"));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Home);
    assert_eq!(status(&app), "Nothing recorded.");
    assert!(
        plans_in(&dir)
            .iter()
            .all(|(_, p)| p.goal.want != "Swap on-call weekends" || p.outcome.is_none())
    );
}

#[test]
fn logging_an_attempt_from_the_plan_view() {
    let (dir, mut app) = app_with(&review_workbook());
    select(&mut app, "Trial the handover board");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('a'));
    assert_eq!(app.mode(), Mode::RecordChoice);
    press(&mut app, KeyCode::Char('5')); // Deal
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('2')); // compliance
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Offered a shift");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::PlanView);
    assert!(
        status(&app).contains("Attempt logged: 5 Deal, compliance"),
        "{}",
        status(&app)
    );
    let (_, plan) = plan_titled(&dir, "Trial the handover board");
    let a = plan.attempts.last().unwrap();
    assert_eq!(
        (rung_text(&a.tactic), a.result),
        ("deal", Some(OutcomeResult::Compliance))
    );
    assert_eq!(a.notes, "Offered a shift");
    // the open view shows it at once
    let s = screen(&app, 80, 60);
    assert!(s.contains("● 5 Deal: compliance"), "{s}");
}

#[test]
fn follow_up_carries_the_try_and_saves_a_new_plan() {
    let (dir, mut app) = app_with(&review_workbook());
    select(&mut app, "Start the Tuesday list at 08:00");
    press(&mut app, KeyCode::Char('f'));
    let w = app.wizard().expect("the wizard opens");
    assert!(w.file.is_none(), "a new plan");
    assert!(w.dirty);
    assert_eq!(w.fields.name.text(), "Dr Okafor");
    ctrl(&mut app, 's');
    let (_, earlier) = plan_titled(&dir, "Start the Tuesday list at 08:00");
    let plans = plans_in(&dir);
    assert_eq!(plans.len(), 5);
    let (_, next) = plans
        .iter()
        .find(|(_, p)| p.follows == earlier.id)
        .expect("the follow-up");
    assert_eq!(next.goal.want, earlier.goal.want);
    assert!(
        next.attempts.iter().any(
            |a| rung_text(&a.tactic) == "reason" && a.result == Some(OutcomeResult::Resistance)
        )
    );
}

#[test]
fn copy_makes_a_new_draft_and_selects_it() {
    let (dir, app) = app_with(&review_workbook());
    drop(app);
    // The user's own table comes along with the copy, as with `cp`.
    let (path, _) = plan_titled(&dir, "Swap on-call weekends");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}\n[my_notes]\ntext = \"private\"\n")).unwrap();
    let mut app = super::reopen(&dir);
    select(&mut app, "Swap on-call weekends");
    press(&mut app, KeyCode::Char('c'));
    assert!(
        status(&app).starts_with("Copied as a new draft"),
        "{}",
        status(&app)
    );
    let copies: Vec<_> = plans_in(&dir)
        .into_iter()
        .filter(|(_, p)| p.goal.want == "Swap on-call weekends")
        .collect();
    assert_eq!(copies.len(), 2);
    assert!(copies.iter().any(|(_, p)| p.status == Status::Draft));
    for (file, _) in &copies {
        let text = std::fs::read_to_string(file).unwrap();
        assert!(text.contains("[my_notes]\ntext = \"private\""), "{text}");
    }
    let selected = app.home().unwrap().selected_row(&app.rows).unwrap();
    assert_eq!(selected.status(), Status::Draft, "the copy is selected");
}

#[test]
fn delete_asks_moves_to_the_trash_and_undo_brings_it_back() {
    let (dir, mut app) = app_with(&review_workbook());
    select(&mut app, "Trial the handover board");
    let (path, plan) = plan_titled(&dir, "Trial the handover board");
    press(&mut app, KeyCode::Char('d'));
    assert_eq!(app.mode(), Mode::ConfirmDelete);
    press(&mut app, KeyCode::Enter);
    assert_eq!(status(&app), "Kept.");
    assert!(path.exists());
    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Char('y'));
    assert!(!path.exists());
    let trash = DataDir::new(dir.path()).trash();
    assert_eq!(std::fs::read_dir(&trash).unwrap().count(), 1);
    assert_eq!(titles(&app).len(), 3);
    assert!(
        status(&app).contains("u brings it back"),
        "{}",
        status(&app)
    );
    press(&mut app, KeyCode::Char('u'));
    assert!(path.exists());
    assert!(status(&app).starts_with("Restored"), "{}", status(&app));
    assert_eq!(titles(&app).len(), 4);
    assert_eq!(selected_title(&app), "Trial the handover board");
    assert_eq!(plan_titled(&dir, "Trial the handover board").1, plan);
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(status(&app), "Nothing to undo.");
}

#[test]
fn deleting_from_the_plan_view_returns_to_the_list() {
    let (dir, mut app) = app_with(&review_workbook());
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(app.mode(), Mode::Home);
    assert_eq!(plans_in(&dir).len(), 3);
}

#[test]
fn stakeholders_list_everyone_once_and_enter_shows_their_plans() {
    let (_dir, mut app) = app_with(&review_workbook());
    press(&mut app, KeyCode::Char('S'));
    assert_eq!(app.mode(), Mode::Stakeholders);
    let s = screen(&app, 80, 24);
    assert!(s.contains("stakeholders (3 with plans)"), "{s}");
    assert_eq!(s.matches("Dr Okafor").count(), 1, "{s}");
    press(&mut app, KeyCode::Char('j')); // Dr Okafor (after Dr Chen)
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Home);
    assert_eq!(titles(&app).len(), 2);
    assert!(screen(&app, 80, 24).contains("Dr Okafor's plans"));
    press(&mut app, KeyCode::Esc);
    assert_eq!(titles(&app).len(), 4);
    press(&mut app, KeyCode::Char('S'));
    press(&mut app, KeyCode::Char('R'));
    assert_eq!(app.mode(), Mode::Reflection, "R from the stakeholders");
    assert_eq!(app.screens.len(), 2, "replaces it rather than stacking");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Home);
}

#[test]
fn reflection_counts_and_cycles_directions() {
    let (_dir, mut app) = app_with(&review_workbook());
    press(&mut app, KeyCode::Char('R'));
    let view = match app.screens.last() {
        Some(Screen::Reflection(v)) => v.clone(),
        _ => panic!("reflection expected"),
    };
    assert_eq!(view.stats.plans, 2, "the two drafts left out");
    assert_eq!(view.directions.len(), 2, "up and peer");
    let s = screen(&app, 80, 24);
    assert!(s.contains("never used"), "{s}");
    assert!(s.contains("not your figures"), "{s}");
    press(&mut app, KeyCode::Char('d'));
    let s = screen(&app, 80, 24);
    assert!(s.contains("across 1 plan, influencing up"), "{s}");
    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Char('d'));
    assert!(screen(&app, 80, 24).contains("across 2 plans"));
    press(&mut app, KeyCode::Char('k'));
    assert!(screen(&app, 80, 24).contains("inspirational appeal"));
}

#[test]
fn reload_picks_up_files_and_keeps_the_selection() {
    let (dir, mut app) = app_with(&review_workbook());
    select(&mut app, "Talk to the clinic manager");
    let mut extra = fixed_plan(18);
    extra.stakeholder.name = "Priya Shah".into();
    extra.goal.want = "Release a pharmacist".into();
    plan_file::save_new(&DataDir::new(dir.path()).plans(), &extra).unwrap();
    app.files_changed();
    assert_eq!(titles(&app).len(), 5);
    assert_eq!(selected_title(&app), "Talk to the clinic manager");
    assert!(status(&app).contains("changed on disk"));
    let (path, _) = plan_titled(&dir, "Release a pharmacist");
    std::fs::remove_file(path).unwrap();
    press(&mut app, KeyCode::Char('r'));
    assert_eq!(titles(&app).len(), 4);
    assert_eq!(selected_title(&app), "Talk to the clinic manager");
}

#[test]
fn a_broken_file_can_be_trashed_and_restored() {
    let (dir, mut app) = app_with(&review_workbook());
    let broken = DataDir::new(dir.path()).plans().join("zz-broken.toml");
    std::fs::write(&broken, "version = \n").unwrap();
    press(&mut app, KeyCode::Char('r'));
    press(&mut app, KeyCode::Char('G'));
    assert!(screen(&app, 80, 24).contains("Could not read zz-broken.toml:1:"));
    press(&mut app, KeyCode::Char('o'));
    assert!(
        status(&app).contains("could not be read"),
        "{}",
        status(&app)
    );
    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Char('y'));
    assert!(!broken.exists());
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(std::fs::read_to_string(&broken).unwrap(), "version = \n");
    assert_eq!(selected_title(&app), "zz-broken.toml");
}

/// The preview's "Save as" follows the rules `print -o` does (store::output): a plan file is never replaced by
/// its page, even after "Enter again replaces it", and nothing new is written into the plans folder.
#[test]
fn x_drops_a_plan_and_x_again_reopens_it() {
    let (dir, mut app) = app_with(&review_workbook());
    select(&mut app, "Trial the handover board");
    let (_, before) = plan_titled(&dir, "Trial the handover board");
    assert_ne!(before.status, Status::Dropped);
    press(&mut app, KeyCode::Char('x'));
    // Why, in a line: Esc keeps the plan as it is; Enter drops it, with no reason when none was typed.
    assert_eq!(app.mode(), crate::tui::keymap::Mode::DropReason);
    press(&mut app, KeyCode::Esc);
    assert!(status(&app).starts_with("Not dropped"), "{}", status(&app));
    assert_eq!(plan_titled(&dir, "Trial the handover board").1, before);
    press(&mut app, KeyCode::Char('x'));
    press(&mut app, KeyCode::Enter);
    assert!(status(&app).starts_with("Dropped: "), "{}", status(&app));
    let (_, dropped) = plan_titled(&dir, "Trial the handover board");
    assert_eq!(dropped.status, Status::Dropped);
    assert_eq!(dropped.dropped_reason, "");
    assert_eq!(
        selected_title(&app),
        "Trial the handover board",
        "still selected"
    );
    // From the plan view too, and back to what it was.
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('x'));
    assert!(status(&app).starts_with("Reopened: "), "{}", status(&app));
    let (_, reopened) = plan_titled(&dir, "Trial the handover board");
    assert_eq!(
        reopened.status,
        crate::domain::changes::status_after(
            before.outcome.as_ref().and_then(|o| o.result),
            before.is_complete()
        )
    );
    // A reason typed is kept, as `overture drop --reason` keeps it; reopening clears it.
    press(&mut app, KeyCode::Char('x'));
    insta::assert_snapshot!("drop_reason_80x24", draw(&app, 80, 24).backend());
    type_text(&mut app, "Budget frozen; maybe in spring");
    insta::assert_snapshot!("drop_reason_typed_48x16", draw(&app, 48, 16).backend());
    press(&mut app, KeyCode::Enter);
    let (_, dropped) = plan_titled(&dir, "Trial the handover board");
    assert_eq!(dropped.status, Status::Dropped);
    assert_eq!(dropped.dropped_reason, "Budget frozen; maybe in spring");
    press(&mut app, KeyCode::Char('x'));
    assert_eq!(
        plan_titled(&dir, "Trial the handover board")
            .1
            .dropped_reason,
        ""
    );
}
