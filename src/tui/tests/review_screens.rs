//! Keys in, state out, for how the review screens behave at the edges: scrolling back from the end, a screen
//! too small to show anything, a message too long for its line, the filter reaching a plan's notes, sync
//! conflict copies, and the reflection on a short screen.

use ratatui::crossterm::event::KeyCode;

use super::review::{plan_titled, plans_in, review_workbook, titles};
use super::*;
use crate::tui::keymap::Mode;

#[test]
fn up_after_end_scrolls_back_at_once() {
    let (_dir, mut app) = app_with(&okafor_workbook());
    press(&mut app, KeyCode::Enter);
    let top = screen(&app, 80, 12);
    press(&mut app, KeyCode::End);
    let bottom = screen(&app, 80, 12);
    assert_ne!(top, bottom, "the plan is longer than the screen");
    press(&mut app, KeyCode::Up);
    let one_up = screen(&app, 80, 12);
    assert_ne!(one_up, bottom, "Up after End moved nothing");
    press(&mut app, KeyCode::Down);
    assert_eq!(screen(&app, 80, 12), bottom);
    // Past the end, Down is not counted: one Up still moves.
    for _ in 0..5 {
        press(&mut app, KeyCode::Down);
        let _ = screen(&app, 80, 12);
    }
    press(&mut app, KeyCode::Up);
    assert_eq!(screen(&app, 80, 12), one_up);
}

#[test]
fn keys_pressed_blind_on_a_too_small_screen_do_nothing_but_quit() {
    let (dir, mut app) = app_with(&review_workbook());
    let before = plans_in(&dir).len();
    assert!(screen(&app, 20, 5).contains("too small"));
    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Char('y'));
    press(&mut app, KeyCode::Char('n'));
    app.paste("pasted");
    assert_eq!(plans_in(&dir).len(), before, "nothing deleted");
    assert_eq!(app.mode(), Mode::Home);
    // Back at a usable size, keys work again; q still quits at any size.
    let _ = screen(&app, 80, 24);
    press(&mut app, KeyCode::Char('n'));
    assert_ne!(app.mode(), Mode::Home);
    press(&mut app, KeyCode::Esc);
    let _ = screen(&app, 20, 5);
    press(&mut app, KeyCode::Char('q'));
    assert!(app.quit);
}

#[test]
fn a_long_message_is_shown_whole_above_the_footer() {
    let (_dir, mut app) = app_with(&review_workbook());
    app.status = Some(crate::tui::app::Status {
        tone: crate::tui::app::Tone::Error,
        text: "This file could not be read: /a/rather/long/path/to/a/plans/folder/2026-11-27-a-plan.toml:7:16: \
               invalid basic string. Fix it in a text editor (d moves it to the trash)."
            .into(),
    });
    let s = screen(&app, 80, 24);
    assert!(s.contains("(d moves it to the trash)."), "{s}");
}

#[test]
fn the_filter_finds_words_in_what_came_of_a_plan() {
    let mut app = App::demo(Ladder::embedded(), Theme::colour()).unwrap();
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "impossible");
    assert_eq!(titles(&app).len(), 1, "{:?}", titles(&app));
}

#[test]
fn a_word_deep_in_a_plans_notes_is_found_and_shown_where_it_matched() {
    let mut plans = review_workbook();
    plans[0].goal.why = format!(
        "{} In the end it was the rota quokkaville.",
        "Long story. ".repeat(120)
    );
    let (_dir, mut app) = app_with(&plans);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "quokkavil");
    assert_eq!(titles(&app).len(), 1, "{:?}", titles(&app));
    let s = screen(&app, 120, 24);
    assert!(
        s.contains("matched in why: …was the rota quokkaville."),
        "{s}"
    );
    // A match the row shows needs no passage; nor does an empty query.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "chen");
    assert!(!screen(&app, 120, 24).contains("matched in"));
}

#[test]
fn copies_left_by_a_sync_tool_are_mentioned_on_the_list() {
    let (dir, app) = app_with(&review_workbook());
    drop(app);
    let plans = DataDir::new(dir.path()).plans();
    let (path, _) = plan_titled(&dir, "Swap on-call weekends");
    let copy = plans.join("2026-01-16-dr-chen.sync-conflict-20261127-101010-ABCDEFG.toml");
    std::fs::copy(&path, &copy).unwrap();
    let mut app = super::reopen(&dir);
    press(&mut app, KeyCode::Char('r'));
    let s = screen(&app, 140, 24);
    assert!(s.contains("1 copy left by a sync tool, not loaded"), "{s}");
    assert_eq!(plans_in(&dir).len(), 4, "not loaded as a plan");
}

#[test]
fn the_highlighted_rung_stays_in_view_on_a_short_reflection() {
    let (_dir, mut app) = app_with(&review_workbook());
    press(&mut app, KeyCode::Char('R'));
    let s = screen(&app, 40, 12);
    assert!(s.contains("▸1 Reason"), "{s}");
    for _ in 0..8 {
        press(&mut app, KeyCode::Char('k'));
    }
    let s = screen(&app, 40, 12);
    assert!(s.contains("▸9 Force"), "{s}");
}

#[test]
fn dates_that_make_no_sense_are_caught_or_pointed_out() {
    let (dir, mut app) = app_with(&review_workbook());
    // A conversation after today (2026-01-20) has not happened: refused on its field, the form kept; the
    // follow-up, planned, may be ahead.
    press(&mut app, KeyCode::Char('o'));
    press(&mut app, KeyCode::Tab);
    for _ in 0.."2026-01-20".len() {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "2026-03-10");
    let s = screen(&app, 100, 30);
    assert!(s.contains("after today"), "said while typing: {s}");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "2026-03-20");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::RecordText);
    let s = screen(&app, 100, 30);
    assert!(
        s.contains("Not saved: on: 2026-03-10 is after today"),
        "{s}"
    );
    assert!(s.contains("▶ On"), "the focus is on the day: {s}");
    // A follow-up before the conversation is refused, the form kept.
    for _ in 0.."2026-03-10".len() {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "2026-01-10");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    for _ in 0.."2026-03-20".len() {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "2026-01-05");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::RecordText);
    assert!(
        screen(&app, 100, 30).contains("is before the conversation"),
        "{}",
        screen(&app, 100, 30)
    );
    assert!(
        plans_in(&dir)
            .iter()
            .all(|(_, p)| p.outcome.is_none() || p.goal.want != "Swap on-call weekends")
    );
    press(&mut app, KeyCode::Esc);
    // A "by" date that has passed is allowed, with a word.
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Dr Okafor");
    ctrl(&mut app, 'n');
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "2020-01-01");
    assert!(screen(&app, 100, 30).contains("which has passed"));
}
