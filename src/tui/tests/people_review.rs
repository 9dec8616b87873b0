//! The register in the workbook, as a careful new user tried it (review of issue 15): the map with several
//! people in a cell, "did you mean" for someone with another name on file, and the wizard filling in what the
//! register records about a person.

use ratatui::crossterm::event::KeyCode;

use super::people::{people_workbook, wizard_on_silent_allies, wizard_with_name};
use super::*;
use crate::domain::people::{Influence, Person, Stance};
use crate::store::people;
use crate::tui::keymap::Mode;

fn judged(name: &str, stance: Option<Stance>, influence: Option<Influence>) -> Person {
    let mut p = Person::named(name);
    p.stance = stance;
    p.influence = influence;
    p
}

/// Two people in one cell at 80 x 24 (review of issue 15): the grid has the room, so both are drawn; with a
/// cell of one line, the one shown says how many more there are.
#[test]
fn two_people_in_one_cell_are_both_on_the_map() {
    let (dir, _) = people_workbook();
    let data = DataDir::new(dir.path());
    let lee = judged("Dr Lee", Some(Stance::Sceptic), Some(Influence::High));
    people::save_new(&data, &lee).unwrap();
    let mut app = reopen(&dir);
    app.set_today(TODAY);
    for k in ['S', 'm'] {
        press(&mut app, KeyCode::Char(k));
    }
    let s = screen(&app, 80, 24);
    assert!(s.contains("Dr Lee") && s.contains("Dr Okaf"), "{s}");
    // 12 rows leave each band one line: the cell says one more is there.
    let s = screen(&app, 80, 12);
    assert!(s.contains("+1"), "{s}");
}

/// Review of issue 15: once Dr Okafor has another name on file ("Kemi"), "Okafor" still asks about them.
#[test]
fn did_you_mean_asks_about_someone_with_another_name_on_file() {
    let (dir, _) = app_with(&okafor_workbook());
    let mut okafor = Person::named("Dr Okafor");
    okafor.add_alias("Kemi");
    people::save_new(&DataDir::new(dir.path()), &okafor).unwrap();
    let mut app = reopen(&dir);
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Okafor");
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.mode(), Mode::WizardDidYouMean);
}

/// Someone recorded only in the register (role, direction, what they care about): the wizard fills those in
/// once their name is settled, as it does from earlier plans.
#[test]
fn the_wizard_fills_in_what_the_register_records() {
    let (dir, _) = app_with(&[]);
    let mut chen = Person::named("Ms Chen");
    chen.role = "Ward manager".into();
    chen.direction = Some(crate::domain::Direction::Up);
    chen.cares_about = vec!["staffing".into()];
    people::save_new(&DataDir::new(dir.path()), &chen).unwrap();
    let mut app = reopen(&dir);
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Ms Chen");
    key(&mut app, KeyCode::Tab);
    let w = app.wizard().unwrap();
    assert_eq!(w.fields.role.value(), "Ward manager");
    assert_eq!(w.choices.direction, Some(crate::domain::Direction::Up));
    assert_eq!(w.fields.cares.items(), ["staffing"]);
}

/// Every screen of the allies and "did you mean" at any size: nothing panics.
#[test]
fn allies_and_did_you_mean_at_any_size() {
    fn sweep(app: &App) {
        for w in [1, 2, 5, 20, 39, 40, 41, 60, 79, 80, 100, 160] {
            for h in [1, 2, 5, 11, 12, 13, 24, 60] {
                let _ = screen(app, w, h);
            }
        }
    }
    let (_dir, app) = wizard_with_name("Okafor");
    sweep(&app);
    let (_dir, mut app) = wizard_on_silent_allies();
    sweep(&app);
    while app.mode() != Mode::WizardAllies {
        press(&mut app, KeyCode::Tab);
    }
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char(' '));
    sweep(&app);
    ctrl(&mut app, 'n');
    type_text(&mut app, "An opening");
    sweep(&app);
    ctrl(&mut app, 'p');
    ctrl(&mut app, 'p');
    ctrl(&mut app, 'p');
    type_text(&mut app, "Start the list at eight");
    ctrl(&mut app, 's');
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Tab);
    sweep(&app);
    press(&mut app, KeyCode::Char('p'));
    sweep(&app);
}

/// "Name => why", as `overture people set --listens-to` takes it, means the same in the form as "Name: why".
#[test]
fn the_form_takes_listens_to_as_the_command_line_writes_it() {
    let (_dir, mut app) = people_workbook();
    for k in ['S', 'm', 'j', 'h'] {
        press(&mut app, KeyCode::Char(k));
    }
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('e'));
    for _ in 0..4 {
        key(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "Sister Mensah => trusts her");
    ctrl_key(&mut app, 's');
    let Some(crate::tui::app::Effect::WritePerson(write)) = app.take_effect() else {
        panic!("a person write is queued");
    };
    assert_eq!(write.now.name, "Mr Ode");
    let listens: Vec<(&str, &str)> = write
        .now
        .listens_to
        .iter()
        .map(|l| (l.name.as_str(), l.note.as_str()))
        .collect();
    assert_eq!(listens, [("Sister Mensah", "trusts her")]);
}

/// At 40 columns the "yes" of "did you mean" is longer than the box: it ends in "…", not cut off unseen.
#[test]
fn a_choice_too_long_for_the_dialog_ends_in_an_ellipsis() {
    let (_dir, app) = wizard_with_name("Okafor");
    let s = screen(&app, 40, 12);
    let yes = s
        .lines()
        .find(|l| l.contains("Yes: Dr Okafor"))
        .unwrap_or("");
    assert!(yes.contains('…'), "{s}");
}
