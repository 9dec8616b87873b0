//! The tactic step's guidance: readable whole at every size (beside the ladder, under it, or behind `g`), with
//! the caution never the part that is hidden, and a hint that promises only what the screen shows.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::snapshots::wizard_at;
use super::*;
use crate::domain::Rung;
use crate::store::Workbook;
use crate::tui::screens::wizard::tactic::STALE_REASON;

const SIZES: [(u16, u16); 5] = [(60, 18), (80, 24), (100, 30), (120, 40), (200, 60)];

fn shift(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::SHIFT));
}

/// The tactic step with Force (the rung with a caution) highlighted.
fn on_force() -> (TempDir, App) {
    let (dir, mut app) = wizard_at(3);
    for _ in 0..5 {
        press(&mut app, KeyCode::Up);
    }
    assert_eq!(app.wizard().unwrap().steps.ladder, 8);
    (dir, app)
}

#[test]
fn the_tactic_step_at_five_sizes() {
    let (_dir, app) = on_force();
    for (w, h) in SIZES {
        let terminal = draw(&app, w, h);
        insta::assert_snapshot!(format!("tactic_guidance_{w}x{h}"), terminal.backend());
    }
}

/// Every word a rung's guidance holds, to find on the screens that show it.
fn words(rung: &Rung) -> Vec<String> {
    let g = &rung.guidance;
    [
        &rung.caution,
        &g.helps,
        &g.backfires,
        &g.opener,
        &rung.research_note,
        &rung.source,
    ]
    .iter()
    .flat_map(|t| t.split_whitespace())
    .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
    .filter(|w| w.len() > 2)
    .collect()
}

#[test]
fn at_80x24_g_shows_every_rungs_whole_guidance_by_scrolling_with_the_caution_first() {
    let (_dir, mut app) = wizard_at(3);
    let ladder = Ladder::embedded();
    press(&mut app, KeyCode::Down); // the hint shows once the last message is read
    // Nothing beside the ladder at 80 columns: the hint says how to see it, and promises nothing else.
    let first = screen(&app, 80, 24);
    assert!(first.contains("g: the guidance"), "{first}");
    for _ in 0..ladder.len() {
        press(&mut app, KeyCode::Down);
    }
    for i in 0..ladder.len() {
        let rung = &ladder.rungs()[i];
        press(&mut app, KeyCode::Char('g'));
        let mut seen = screen(&app, 80, 24);
        if !rung.caution.trim().is_empty() {
            assert!(
                seen.contains("Caution"),
                "{}: caution hidden\n{seen}",
                rung.name
            );
        }
        let mut guard = 0;
        while screen(&app, 80, 24).contains("more below") && guard < 60 {
            shift(&mut app, KeyCode::Down);
            seen.push_str(&screen(&app, 80, 24));
            guard += 1;
        }
        for w in words(rung) {
            assert!(
                seen.contains(&w),
                "{}: {w:?} never shown\n{seen}",
                rung.name
            );
        }
        press(&mut app, KeyCode::Esc);
        assert!(
            app.wizard().is_some_and(|w| !w.guidance_full),
            "Esc closes the guidance"
        );
        press(&mut app, KeyCode::Up);
    }
}

#[test]
fn beside_the_ladder_the_caution_shows_first_and_the_rest_scrolls() {
    let (_dir, mut app) = on_force();
    let s = screen(&app, 100, 30);
    assert!(
        s.contains("Caution") && s.contains("Shift-↓/Shift-↑ read the guidance"),
        "{s}"
    );
    let s = screen(&app, 100, 22);
    assert!(s.contains("Caution") && s.contains("more below"), "{s}");
    let before = s;
    shift(&mut app, KeyCode::Down);
    let after = screen(&app, 100, 22);
    assert_ne!(before, after, "Shift-↓ scrolls the guidance");
    assert_eq!(
        app.wizard().unwrap().steps.ladder,
        8,
        "and leaves the highlight"
    );
    shift(&mut app, KeyCode::Up);
    assert_eq!(screen(&app, 100, 22), before);
    // Scrolling stops at the end as drawn: one Shift-↑ from there moves at once.
    for _ in 0..40 {
        shift(&mut app, KeyCode::Down);
        let _ = screen(&app, 100, 22);
    }
    let end = screen(&app, 100, 22);
    assert!(!end.contains("more below"), "{end}");
    shift(&mut app, KeyCode::Up);
    assert_ne!(screen(&app, 100, 22), end, "Shift-↑ scrolls back at once");
    // Moving to another rung starts its guidance at the top.
    shift(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    assert_eq!(app.wizard().unwrap().guidance_scroll, 0);
}

#[test]
fn a_reason_for_an_escalation_no_longer_chosen_is_announced_then_cleared_on_save() {
    let (dir, mut app) = wizard_at(3);
    press(&mut app, KeyCode::Char('9'));
    press(&mut app, KeyCode::Char('y'));
    type_text(&mut app, "Patients are waiting");
    press(&mut app, KeyCode::Enter);
    assert!(!screen(&app, 100, 30).contains(STALE_REASON));
    press(&mut app, KeyCode::Char('1'));
    let s = screen(&app, 120, 40);
    assert!(s.contains(STALE_REASON), "{s}");
    ctrl(&mut app, 's');
    let plans = Workbook::load(&DataDir::new(dir.path()), &Ladder::embedded())
        .unwrap()
        .plans;
    let saved = plans
        .iter()
        .find(|p| p.plan.goal.want.starts_with("Start the Tuesday"))
        .expect("saved");
    assert_eq!(saved.plan.tactic.escalation_reason, "");
    assert!(app.wizard().unwrap().fields.reason.is_empty());
}

#[test]
fn the_preview_shows_the_pocket_card_and_saves_it_as_a_card() {
    use super::review::{review_workbook, status};
    use crate::tui::app::{Done, Effect};
    let (dir, mut app) = app_with(&review_workbook());
    press(&mut app, KeyCode::Char('p'));
    let page = screen(&app, 80, 24);
    press(&mut app, KeyCode::Char('c'));
    let card = screen(&app, 80, 24);
    assert_ne!(page, card);
    assert!(
        card.contains("TO SAY") && !card.contains("APPROACH"),
        "{card}"
    );
    assert!(
        card.contains("Nothing to say yet"),
        "this plan has no prep: {card}"
    );
    assert!(status(&app).contains("pocket card"), "{}", status(&app));
    press(&mut app, KeyCode::Char('s'));
    let out = dir.path().join("card.pdf");
    let offered = match app.screens.last() {
        Some(crate::tui::app::Screen::Preview(p)) => p.prompt.as_ref().unwrap().path.text(),
        _ => String::new(),
    };
    for _ in 0..offered.chars().count() {
        press(&mut app, KeyCode::Backspace);
    }
    app.paste(&out.display().to_string());
    key(&mut app, KeyCode::Enter);
    match app.take_effect() {
        Some(Effect::Export { format, .. }) => assert_eq!(format, crate::export::Format::Card),
        other => panic!("{other:?}"),
    }
    // Letters no font has: the status says which, and what to do here (the config's font, not a flag).
    app.on_done(Done::Exported {
        shown: out.clone(),
        format: crate::export::Format::Card,
        result: Ok(crate::export::Missing(vec!['张'])),
    });
    let said = status(&app);
    assert!(
        said.contains('张') && said.contains("fonts-noto-cjk") && said.contains("font = "),
        "{said}"
    );
    assert!(!said.contains("--font"), "{said}");
    press(&mut app, KeyCode::Char('c'));
    let body = |s: &str| s.lines().take(22).collect::<Vec<_>>().join("\n");
    assert_eq!(
        body(&screen(&app, 80, 24)),
        body(&page),
        "c again: the full page"
    );
}
