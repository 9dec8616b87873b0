//! The workbook with ladders of other lengths, keys in and state out: the shortest (2 rungs), Yukl's eleven
//! tactics (`assets/ladders/yukl-11.toml`) and the longest (12). Digits pick rungs 1 to 9; rungs 10 to 12 are
//! picked by highlighting them and pressing Enter or Space, for the primary and after `b` for the backup.

use ratatui::crossterm::event::KeyCode;

use super::*;
use crate::domain::RungRef;
use crate::domain::ladder::MAX_RUNGS;
use crate::store::Workbook;
use crate::tui::keymap::Mode;
use crate::tui::screens::wizard::{Step, Wizard};

pub const TWO: &str = include_str!("../../../tests/fixtures/ladders/two.toml");
pub const YUKL: &str = include_str!("../../../assets/ladders/yukl-11.toml");
pub const TWELVE: &str = include_str!("../../../tests/fixtures/ladders/twelve.toml");

/// An app on an empty temporary workbook using `ladder`.
pub fn app_on(ladder: &str) -> (TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let ladder = Ladder::from_toml(ladder).unwrap();
    let mut app = App::new(DataDir::new(dir.path()), ladder, Theme::colour()).unwrap();
    app.set_today(TODAY);
    (dir, app)
}

fn wizard(app: &App) -> &Wizard {
    app.wizard().expect("the wizard is open")
}

fn key_of(rung: &Option<RungRef>) -> &str {
    RungRef::text(rung.as_ref())
}

fn saved(dir: &TempDir, ladder: &Ladder) -> Vec<Plan> {
    Workbook::load(&DataDir::new(dir.path()), ladder)
        .unwrap()
        .plans
        .into_iter()
        .map(|p| p.plan)
        .collect()
}

/// Who, what, and the gentlest rung ticked as tried (with resistance): the wizard left on the tactic step.
fn up_to_the_tactic(app: &mut App) {
    press(app, KeyCode::Char('n'));
    type_text(app, "Dr Nwosu");
    ctrl(app, 'n');
    type_text(app, "Sign the weekend rota");
    ctrl(app, 'n');
    assert_eq!(wizard(app).step, Step::Tried);
    press(app, KeyCode::Char(' ')); // the gentlest rung, tried
    for _ in 0..3 {
        press(app, KeyCode::Right); // commitment, compliance, resistance
    }
    ctrl(app, 'n');
    assert_eq!(wizard(app).step, Step::Tactic);
    assert_eq!(app.mode(), Mode::WizardLadder);
}

/// Moves the ladder's highlight to the rung numbered `n` (1-based).
fn highlight(app: &mut App, n: usize) {
    assert_eq!(app.mode(), Mode::WizardLadder, "the ladder has the focus");
    for _ in 0..MAX_RUNGS {
        let at = wizard(app).steps.ladder + 1;
        match at.cmp(&n) {
            std::cmp::Ordering::Less => press(app, KeyCode::Up),
            std::cmp::Ordering::Greater => press(app, KeyCode::Down),
            std::cmp::Ordering::Equal => return,
        }
    }
    assert_eq!(
        wizard(app).steps.ladder + 1,
        n,
        "the highlight did not reach rung {n}"
    );
}

#[test]
fn a_twelve_rung_ladder_end_to_end_rungs_past_nine_by_highlight_and_enter() {
    let (dir, mut app) = app_on(TWELVE);
    let ladder = app.ladder.clone();
    up_to_the_tactic(&mut app);
    let s = screen(&app, 100, 30);
    assert!(s.contains("12 Escalate") && s.contains(" 1 Listen"), "{s}");
    assert!(
        s.contains("Enter"),
        "the hint says how to reach rungs 10-12:\n{s}"
    );

    // A digit picks rung 9, which is not an escalation rung.
    press(&mut app, KeyCode::Char('9'));
    assert_eq!(key_of(&wizard(&app).choices.primary), "rally");
    // Rung 11 has no digit: highlight it, then Enter. It is an escalation rung picked early: the warning.
    highlight(&mut app, 11);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::WizardWarning);
    let s = screen(&app, 100, 30);
    assert!(s.contains("Insist chosen before Explain"), "{s}");
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(key_of(&wizard(&app).choices.primary), "insist");
    type_text(&mut app, "The rota closes on Friday");
    press(&mut app, KeyCode::Enter);
    // Rung 12 as the backup: highlight, b, then Space; it warns too.
    highlight(&mut app, 12);
    press(&mut app, KeyCode::Char('b'));
    assert_eq!(app.mode(), Mode::WizardBackupPending);
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(app.mode(), Mode::WizardWarning);
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(key_of(&wizard(&app).choices.backup), "escalate");
    press(&mut app, KeyCode::Enter); // the reason written before still stands
    // Space picks the highlighted rung as primary too.
    highlight(&mut app, 10);
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(app.mode(), Mode::WizardWarning);
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(
        key_of(&wizard(&app).choices.primary),
        "insist",
        "going back changes nothing"
    );

    ctrl(&mut app, 'n');
    ctrl(&mut app, 'n');
    assert_eq!(wizard(&app).step, Step::Review);
    let s = screen(&app, 100, 40);
    assert!(s.contains("11 Insist") && s.contains("12 Escalate"), "{s}");
    ctrl(&mut app, 's');
    let plans = saved(&dir, &ladder);
    assert_eq!(plans.len(), 1);
    let p = &plans[0];
    assert_eq!(key_of(&p.tactic.primary), "insist");
    assert_eq!(p.tactic.primary.as_ref().and_then(RungRef::index), Some(10));
    assert_eq!(key_of(&p.tactic.backup), "escalate");
    assert_eq!(p.tactic.escalation_reason, "The rota closes on Friday");
    assert_eq!(key_of(&p.attempts[0].tactic), "listen");

    // The list, the plan and reflection all know rungs past nine.
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Home);
    let s = screen(&app, 100, 30);
    assert!(s.contains("11 Insist"), "{s}");
    press(&mut app, KeyCode::Enter);
    let s = screen(&app, 100, 60);
    assert!(s.contains("11 Insist") && s.contains("12 Escalate"), "{s}");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('R'));
    assert_eq!(app.mode(), Mode::Reflection);
    let s = screen(&app, 100, 40);
    for rung in ladder.rungs() {
        assert!(s.contains(&rung.name), "{} missing:\n{s}", rung.name);
    }
}

#[test]
fn a_two_rung_ladder_end_to_end() {
    let (dir, mut app) = app_on(TWO);
    let ladder = app.ladder.clone();
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Sam");
    ctrl(&mut app, 'n');
    type_text(&mut app, "Swap the Friday shift");
    ctrl(&mut app, 'n');
    ctrl(&mut app, 'n');
    assert_eq!(wizard(&app).step, Step::Tactic);
    let s = screen(&app, 80, 24);
    assert!(s.contains("1-2"), "the digits this ladder has:\n{s}");
    press(&mut app, KeyCode::Char('3'));
    assert_eq!(key_of(&wizard(&app).choices.primary), "", "no third rung");
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(
        app.mode(),
        Mode::WizardWarning,
        "Insist before Ask was tried"
    );
    let s = screen(&app, 80, 24);
    assert!(s.contains("Insist chosen before Ask"), "{s}");
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('b'));
    press(&mut app, KeyCode::Char('2'));
    // Insist as the backup of Ask: the primary counts as tried, so no warning.
    assert_eq!(app.mode(), Mode::WizardLadder);
    assert_eq!(key_of(&wizard(&app).choices.backup), "insist");
    ctrl(&mut app, 's');
    let p = &saved(&dir, &ladder)[0];
    assert_eq!(
        (key_of(&p.tactic.primary), key_of(&p.tactic.backup)),
        ("ask", "insist")
    );
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('R'));
    let s = screen(&app, 80, 24);
    assert!(s.contains("Ask") && s.contains("Insist"), "{s}");
}

#[test]
fn the_yukl_ladder_in_the_wizard() {
    let (_dir, mut app) = app_on(YUKL);
    up_to_the_tactic(&mut app);
    let s = screen(&app, 100, 30);
    assert!(
        s.contains("11 Pressure") && s.contains("Inspirational"),
        "{s}"
    );
    highlight(&mut app, 10);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::WizardWarning);
    let s = screen(&app, 100, 30);
    assert!(s.contains("Legitimating chosen before Apprising"), "{s}");
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Char('4'));
    assert_eq!(key_of(&wizard(&app).choices.primary), "consultation");
}

/// The tactic step and reflection drawn with each ladder, at the usual and the smallest supported size.
#[test]
fn snapshots_of_the_tactic_step_and_reflection_with_two_eleven_and_twelve_rungs() {
    for (name, text) in [("two", TWO), ("yukl11", YUKL), ("twelve", TWELVE)] {
        let (_dir, mut app) = app_on(text);
        up_to_the_tactic(&mut app);
        press(&mut app, KeyCode::Char('2'));
        for (w, h) in [(80, 24), (48, 16)] {
            let terminal = draw(&app, w, h);
            insta::assert_snapshot!(format!("ladder_{name}_tactic_{w}x{h}"), terminal.backend());
        }
        ctrl(&mut app, 's');
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Char('R'));
        assert_eq!(app.mode(), Mode::Reflection);
        let terminal = draw(&app, 80, 24);
        insta::assert_snapshot!(
            format!("ladder_{name}_reflection_80x24"),
            terminal.backend()
        );
    }
}
