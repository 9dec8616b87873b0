//! The list's filter reads the register too: a word written only on a person's page finds their plans, under
//! any spelling of their name, with the passage that explains it.

#[allow(unused_imports)]
use crate::domain::rung::{rung_text, test_rung};
use ratatui::crossterm::event::KeyCode;

use super::review::titles;
use super::*;
use crate::domain::people::Person;
use crate::store::people;

/// Dr Okafor's page says what she thinks of the rota; one plan names her by an alias ("Chidi"), another by a
/// spelling ("dr. okafor"); Sister Mensah's plan mentions nothing of it.
fn workbook() -> (TempDir, App) {
    let mut plans = Vec::new();
    for (day, who, goal) in [
        (5, "Dr Okafor", "Start the Tuesday list at 08:00"),
        (6, "Chidi", "Move the audit meeting"),
        (7, "dr. okafor", "Share the theatre slots"),
        (8, "Sister Mensah", "Cover the night shift"),
    ] {
        let mut p = fixed_plan(day);
        p.stakeholder.name = who.into();
        p.goal.want = goal.into();
        p.tactic.primary = test_rung("reason");
        plans.push(p);
    }
    let (dir, _) = app_with(&plans);
    let mut okafor = Person::named("Dr Okafor");
    okafor.add_alias("Chidi");
    okafor.notes = "Resents the quokka rota since the summer; ask about her research days.".into();
    people::save_new(&DataDir::new(dir.path()), &okafor).unwrap();
    let mut app = reopen(&dir);
    app.set_today(TODAY);
    (dir, app)
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn a_word_only_in_a_persons_notes_finds_their_plans_under_every_spelling() {
    let (_dir, mut app) = workbook();
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "quokka");
    assert_eq!(
        sorted(titles(&app)),
        [
            "Move the audit meeting",
            "Share the theatre slots",
            "Start the Tuesday list at 08:00"
        ]
    );
    // The passage says whose page the word is on.
    let passage = app.home().unwrap().passage.clone().expect("a passage");
    assert_eq!(passage.label(), "Dr Okafor's notes");
    assert!(passage.marked("[", "]").contains("[quokka]"), "{passage:?}");
    let s = screen(&app, 100, 24);
    assert!(s.contains("matched in Dr Okafor's notes:"), "{s}");
    // Fuzzy and folded as everywhere; each word may match the plan or the person.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "QKKA audit");
    assert_eq!(titles(&app), ["Move the audit meeting"]);
    // The name a plan does not use finds it through the register (the plan says "Chidi").
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "okafor audit");
    assert_eq!(titles(&app), ["Move the audit meeting"]);
    // A word on nobody's page still finds nothing, and the plans' own words still work.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "quokka night");
    assert!(titles(&app).is_empty());
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "night");
    assert_eq!(titles(&app), ["Cover the night shift"]);
}
