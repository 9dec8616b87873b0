//! The register in the workbook (issue 15): the stakeholders map and its keys, a person's page and its edit
//! form saved through an effect, drawn at 80 x 24 and 120 x 40 (and sane at any size, without colour under
//! NO_COLOR).

#[allow(unused_imports)]
use crate::domain::rung::{rung_text, test_rung};
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;

use super::*;
use crate::domain::people::{Influence, Person, Stance};
use crate::store::people;
use crate::tui::app::{Effect, Screen};
use crate::tui::keymap::Mode;

fn judged(name: &str, stance: Option<Stance>, influence: Option<Influence>) -> Person {
    let mut p = Person::named(name);
    p.stance = stance;
    p.influence = influence;
    p
}

/// The Okafor workbook with a register: Dr Okafor (a sceptic of high influence, listening to Sister Mensah
/// and Mr Ode), Sister Mensah (a supporter), Mr Ode (a champion, no plans yet), Prof Blok (not judged), and a
/// plan for "Dr. Okafor" that is the same person.
pub fn people_workbook() -> (TempDir, App) {
    let mut plans = okafor_workbook();
    let mut fourth = fixed_plan(16);
    fourth.stakeholder.name = "Dr. Okafor".into();
    fourth.goal.want = "Agree the new list order".into();
    fourth.goal.by = Some(jiff::civil::date(2026, 1, 18));
    fourth.tactic.primary = test_rung("deal");
    fourth.status = Status::Ready;
    plans.push(fourth);
    let (dir, _) = app_with(&plans);
    let data = DataDir::new(dir.path());
    let mut okafor = judged("Dr Okafor", Some(Stance::Sceptic), Some(Influence::High));
    okafor.role = "Consultant anaesthetist".into();
    okafor.add_listens_to("Sister Mensah", "trusts her on theatre rotas");
    okafor.add_listens_to("Mr Ode", "");
    okafor.add_listens_to("Prof Blok", "");
    for p in [
        okafor,
        judged(
            "Sister Mensah",
            Some(Stance::Supporter),
            Some(Influence::Medium),
        ),
        judged("Mr Ode", Some(Stance::Champion), Some(Influence::Medium)),
        judged("Prof Blok", Some(Stance::Blocker), None),
    ] {
        people::save_new(&data, &p).unwrap();
    }
    let mut app = reopen(&dir);
    app.set_today(TODAY);
    (dir, app)
}

fn snap(name: &str, app: &App) {
    for (w, h) in [(80, 24), (120, 40)] {
        let terminal = draw(app, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), terminal.backend());
    }
}

fn map_key(app: &App) -> Option<String> {
    match app.screens.last() {
        Some(Screen::Stakeholders(v)) => v.map_key.clone(),
        _ => None,
    }
}

#[test]
fn m_shows_the_map_and_the_arrows_walk_it() {
    let (_dir, mut app) = people_workbook();
    press(&mut app, KeyCode::Char('S'));
    press(&mut app, KeyCode::Char('m'));
    assert_eq!(app.mode(), Mode::StakeholdersMap);
    let s = screen(&app, 120, 40);
    assert!(s.contains("your own judgement"), "{s}");
    // Dr Okafor and Dr. Okafor are one person: four people in all, two of them (Mr Ode and Prof Blok) in the
    // register without a plan, so the table, which lists the plans' people, counts two; each title says which.
    assert!(
        s.contains("stakeholders map (4 people, 2 with plans)"),
        "{s}"
    );
    press(&mut app, KeyCode::Char('m'));
    assert!(screen(&app, 120, 40).contains("stakeholders (2 with plans)"));
    press(&mut app, KeyCode::Char('m'));
    // The first is Dr Okafor (high influence), who listens to Sister Mensah.
    assert!(s.contains("Dr Okafor listens to"), "{s}");
    assert!(s.contains("trusts her on"), "{s}");
    // Down to the nearest column of the next band: Sister Mensah (supporter) is nearer sceptic than Mr Ode.
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(map_key(&app).as_deref(), Some("sister mensah"));
    press(&mut app, KeyCode::Char('h'));
    assert_eq!(map_key(&app).as_deref(), Some("mr ode"));
    press(&mut app, KeyCode::Char('h'));
    assert_eq!(map_key(&app).as_deref(), Some("mr ode"));
    press(&mut app, KeyCode::Char('l'));
    assert_eq!(map_key(&app).as_deref(), Some("sister mensah"));
    press(&mut app, KeyCode::Char('k'));
    assert_eq!(map_key(&app).as_deref(), Some("dr okafor"));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    assert_eq!(map_key(&app).as_deref(), Some("prof blok"));
    // m again: the table.
    press(&mut app, KeyCode::Char('m'));
    assert_eq!(app.mode(), Mode::Stakeholders);
}

#[test]
fn enter_on_the_map_opens_the_person_page() {
    let (_dir, mut app) = people_workbook();
    for k in ['S', 'm'] {
        press(&mut app, KeyCode::Char(k));
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::Person);
    let s = screen(&app, 120, 40);
    for want in [
        "overture · Dr Okafor",
        "Stance: sceptic",
        "Influence: high",
        "Sister Mensah: trusts her on theatre rotas",
        "your own judgement",
        "Start the Tuesday list",
        "Agree the new list order",
        "Overdue",
    ] {
        assert!(s.contains(want), "{want:?} in\n{s}");
    }
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::StakeholdersMap);
}

#[test]
fn e_edits_the_register_and_saving_is_an_effect() {
    let (dir, mut app) = people_workbook();
    for k in ['S', 'm'] {
        press(&mut app, KeyCode::Char(k));
    }
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('e'));
    assert_eq!(app.mode(), Mode::PersonFormChoice);
    // Stance: sceptic -> blocker; influence stays high.
    key(&mut app, KeyCode::Right);
    ctrl_key(&mut app, 's');
    let Some(Effect::WritePerson(write)) = app.take_effect() else {
        panic!("a person write is queued");
    };
    assert_eq!(write.now.stance, Some(Stance::Blocker));
    assert_eq!(
        write.was.as_ref().map(|p| p.stance),
        Some(Some(Stance::Sceptic))
    );
    // Performed: the file says blocker, keeps the rest, and the page leaves the form.
    app.put_back(Effect::WritePerson(write));
    settle_files(&mut app);
    assert_eq!(app.mode(), Mode::Person);
    let text = std::fs::read_to_string(dir.path().join("people/dr-okafor.toml")).unwrap();
    assert!(text.contains("stance = \"blocker\""), "{text}");
    assert!(text.contains("trusts her on theatre rotas"), "{text}");
    assert!(screen(&app, 120, 40).contains("Stance: blocker"));
}

/// A person's save reads the register again and leaves the plans as they were read: at 50,000 plans a load of
/// every plan took most of a second after each change to a person.
#[test]
fn a_person_saved_reads_the_register_again_but_not_the_plans() {
    let (_dir, mut app) = people_workbook();
    let plans_before = app.catalog.summaries.clone();
    for k in ['S', 'm'] {
        press(&mut app, KeyCode::Char(k));
    }
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('e'));
    key(&mut app, KeyCode::Right);
    ctrl_key(&mut app, 's');
    let Some(Effect::WritePerson(write)) = app.take_effect() else {
        panic!("a person write is queued");
    };
    app.put_back(Effect::WritePerson(write));
    settle_files(&mut app);
    assert!(
        std::sync::Arc::ptr_eq(&plans_before, &app.catalog.summaries),
        "the plans were not read again"
    );
    let okafor = app.catalog.register.people.first("Dr Okafor");
    assert_eq!(okafor.map(|p| p.stance), Some(Some(Stance::Blocker)));
    // What is made from the register is made again: Dr. Okafor's plan is still Dr Okafor's.
    assert!(screen(&app, 120, 40).contains("Stance: blocker"));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Home);
    assert_eq!(app.rows.len(), 4);
}

/// After a save the page shows its top, where what the form edited is, not the offset it was scrolled to.
#[test]
fn a_saved_person_page_shows_its_top() {
    let (_dir, mut app) = people_workbook();
    for k in ['S', 'm'] {
        press(&mut app, KeyCode::Char(k));
    }
    press(&mut app, KeyCode::Enter);
    assert!(screen(&app, 60, 12).contains("In your register"));
    for _ in 0..6 {
        press(&mut app, KeyCode::Char('j'));
    }
    assert!(!screen(&app, 60, 12).contains("In your register"));
    press(&mut app, KeyCode::Char('e'));
    key(&mut app, KeyCode::Right);
    ctrl(&mut app, 's');
    assert_eq!(app.mode(), Mode::Person);
    let s = screen(&app, 60, 12);
    assert!(
        s.contains("In your register") && s.contains("Stance: blocker"),
        "{s}"
    );
}

#[test]
fn a_refused_save_keeps_the_form_and_says_why() {
    let (dir, mut app) = people_workbook();
    for k in ['S', 'm'] {
        press(&mut app, KeyCode::Char(k));
    }
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('e'));
    key(&mut app, KeyCode::Right);
    // Someone edits the file meanwhile.
    let path = dir.path().join("people/dr-okafor.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("sceptic", "neutral")).unwrap();
    ctrl(&mut app, 's');
    assert_eq!(app.mode(), Mode::PersonFormChoice);
    let s = screen(&app, 120, 40);
    assert!(s.contains("changed on disk"), "{s}");
    assert!(std::fs::read_to_string(&path).unwrap().contains("neutral"));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Person);
}

#[test]
fn a_person_known_from_plans_only_gets_a_file_when_edited() {
    let (dir, mut app) = app_with(&okafor_workbook());
    for k in ['S', 'm'] {
        press(&mut app, KeyCode::Char(k));
    }
    press(&mut app, KeyCode::Enter);
    assert!(screen(&app, 80, 24).contains("Not in the register yet"));
    press(&mut app, KeyCode::Char('e'));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Left);
    ctrl(&mut app, 's');
    let text = std::fs::read_to_string(dir.path().join("people/dr-okafor.toml")).unwrap();
    assert!(text.contains("influence = \"high\""), "{text}");
    assert!(text.contains("name = \"Dr Okafor\""), "{text}");
}

#[test]
fn map_and_person_page_snapshots() {
    let (_dir, mut app) = people_workbook();
    for k in ['S', 'm'] {
        press(&mut app, KeyCode::Char(k));
    }
    snap("people_map", &app);
    press(&mut app, KeyCode::Enter);
    snap("person_page", &app);
    press(&mut app, KeyCode::Char('e'));
    snap("person_form", &app);
}

#[test]
fn map_and_page_at_any_size_and_without_colour() {
    let seqs: &[&[KeyCode]] = &[
        &[KeyCode::Char('S'), KeyCode::Char('m')],
        &[KeyCode::Char('S'), KeyCode::Char('m'), KeyCode::Enter],
        &[
            KeyCode::Char('S'),
            KeyCode::Char('m'),
            KeyCode::Enter,
            KeyCode::Char('e'),
        ],
    ];
    for seq in seqs {
        let (_dir, mut app) = people_workbook();
        for k in *seq {
            press(&mut app, *k);
        }
        for w in [1, 2, 5, 20, 39, 40, 41, 60, 79, 99, 100, 160, 300] {
            for h in [1, 2, 5, 11, 12, 13, 24, 60] {
                let _ = screen(&app, w, h);
            }
        }
        app.theme = Theme::no_colour();
        for (w, h) in [(80, 24), (120, 40)] {
            let terminal = draw(&app, w, h);
            for cell in terminal.backend().buffer().content() {
                assert!(
                    matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset),
                    "coloured cell after {seq:?}:\n{}",
                    screen(&app, w, h)
                );
            }
        }
    }
}

#[test]
fn an_empty_workbook_has_an_empty_map() {
    let (_dir, mut app) = app();
    for k in ['S', 'm'] {
        press(&mut app, KeyCode::Char(k));
    }
    assert!(screen(&app, 80, 24).contains("Nobody yet"));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::StakeholdersMap);
}

/// The wizard on the people workbook with `name` typed and Tab pressed.
pub(super) fn wizard_with_name(name: &str) -> (TempDir, App) {
    let (dir, mut app) = people_workbook();
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, name);
    key(&mut app, KeyCode::Tab);
    (dir, app)
}

#[test]
fn did_you_mean_asks_and_yes_records_the_alias_through_an_effect() {
    let (dir, mut app) = wizard_with_name("Okafor");
    assert_eq!(app.mode(), Mode::WizardDidYouMean);
    let s = screen(&app, 80, 24);
    assert!(s.contains("Did you mean Dr Okafor (3 plans"), "{s}");
    key(&mut app, KeyCode::Char('y'));
    let Some(Effect::WritePerson(write)) = app.take_effect() else {
        panic!("the alias is written through an effect");
    };
    assert_eq!(write.now.aliases, ["Okafor"]);
    assert_eq!(
        write.was.as_ref().map(|p| p.name.as_str()),
        Some("Dr Okafor")
    );
    // The wizard counts them as one already: the role came from Dr Okafor's plans, and what was tried shows.
    let w = app.wizard().unwrap();
    assert_eq!(w.fields.role.value(), "Consultant anaesthetist");
    assert!(w.history.get("Okafor").is_some());
    app.put_back(Effect::WritePerson(write));
    settle_files(&mut app);
    let text = std::fs::read_to_string(dir.path().join("people/dr-okafor.toml")).unwrap();
    assert!(text.contains("\"Okafor\""), "{text}");
    assert!(text.contains("trusts her on theatre rotas"), "{text}");
    // Leaving the name again asks nothing more.
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::Tab);
    assert_ne!(app.mode(), Mode::WizardDidYouMean);
}

#[test]
fn did_you_mean_no_keeps_the_name_and_esc_goes_back_to_it() {
    let (_dir, mut app) = wizard_with_name("Dr Okafr");
    assert_eq!(app.mode(), Mode::WizardDidYouMean);
    key(&mut app, KeyCode::Esc);
    assert_eq!(
        app.wizard().map(|w| w.focus),
        Some(crate::tui::screens::wizard::Focus::Field(
            crate::tui::screens::wizard::FieldId::Name
        ))
    );
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.mode(), Mode::WizardDidYouMean);
    key(&mut app, KeyCode::Char('n'));
    assert!(app.take_effect().is_none());
    assert_eq!(app.wizard().unwrap().fields.name.value(), "Dr Okafr");
    assert_ne!(app.mode(), Mode::WizardDidYouMean);
    // A name nobody is close to asks nothing.
    let (_dir, app) = wizard_with_name("Ms Chen");
    assert_ne!(app.mode(), Mode::WizardDidYouMean);
}

#[test]
fn did_you_mean_snapshot() {
    let (_dir, app) = wizard_with_name("Okafor");
    let terminal = draw(&app, 80, 24);
    insta::assert_snapshot!("did_you_mean_80x24", terminal.backend());
}

/// The wizard for Dr Okafor with Silent allies (rung 7) chosen as the primary tactic.
pub(super) fn wizard_on_silent_allies() -> (TempDir, App) {
    let (dir, mut app) = people_workbook();
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Dr Okafor");
    press(&mut app, KeyCode::Tab);
    // Goal, then Already tried, then Tactic.
    for _ in 0..3 {
        ctrl(&mut app, 'n');
    }
    press(&mut app, KeyCode::Char('7'));
    // The escalation warning may ask first: go ahead.
    if app.mode() == Mode::WizardWarning {
        press(&mut app, KeyCode::Char('y'));
        press(&mut app, KeyCode::Enter);
    }
    (dir, app)
}

#[test]
fn allies_are_suggested_picked_asked_and_saved() {
    let (dir, mut app) = wizard_on_silent_allies();
    let w = app.wizard().unwrap();
    assert!(w.coalition_chosen(&app.ladder));
    let names: Vec<String> = w.ally_choices().into_iter().map(|s| s.name).collect();
    // Neither has a result yet, so the champion comes first; Prof Blok is a blocker and never suggested.
    assert_eq!(names, ["Mr Ode", "Sister Mensah"]);
    let s = screen(&app, 100, 30);
    assert!(s.contains("[ ] Sister Mensah"), "{s}");
    assert!(!s.contains("Prof Blok"), "{s}");
    // Tab from the ladder reaches the allies; Space chooses Mr Ode, j then Space Sister Mensah, k then Space
    // drops Mr Ode again.
    while app.mode() != Mode::WizardAllies {
        press(&mut app, KeyCode::Tab);
    }
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Char('k'));
    press(&mut app, KeyCode::Char(' '));
    let chosen: Vec<String> = app
        .wizard()
        .unwrap()
        .fields
        .allies
        .iter()
        .map(|(n, _)| n.clone())
        .collect();
    assert_eq!(chosen, ["Sister Mensah"]);
    assert!(screen(&app, 100, 30).contains("[x] Sister Mensah"));
    // The Prepare step asks what she will be asked to say.
    ctrl(&mut app, 'n');
    let s = screen(&app, 100, 40);
    assert!(s.contains("what will you ask each to say"), "{s}");
    while app.wizard().map(|w| w.focus)
        != Some(crate::tui::screens::wizard::Focus::Field(
            crate::tui::screens::wizard::FieldId::AllyAsk(0),
        ))
    {
        press(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "That the rota has room on Tuesdays");
    ctrl(&mut app, 's');
    let saved = app.wizard().and_then(|w| w.file.clone()).expect("saved");
    assert_eq!(saved.plan.allies.len(), 1);
    assert_eq!(saved.plan.allies[0].name, "Sister Mensah");
    assert_eq!(
        saved.plan.allies[0].ask,
        "That the rota has room on Tuesdays"
    );
    let text = std::fs::read_to_string(&saved.path).unwrap();
    assert!(text.contains("[[allies]]"), "{text}");
    assert!(dir.path().join("plans").is_dir());
}

#[test]
fn a_in_the_plan_view_makes_a_plan_for_the_ally() {
    let (_dir, mut app) = wizard_on_silent_allies();
    while app.mode() != Mode::WizardAllies {
        press(&mut app, KeyCode::Tab);
    }
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char(' '));
    // Back to the goal (tactic, already tried, goal).
    ctrl(&mut app, 'p');
    ctrl(&mut app, 'p');
    type_text(&mut app, "Start the list at eight");
    ctrl(&mut app, 's');
    let id = app
        .wizard()
        .and_then(|w| w.file.as_ref())
        .unwrap()
        .plan
        .id
        .clone();
    press(&mut app, KeyCode::Esc);
    // Open it from the list (the newest plan is selected after the save).
    while app
        .home()
        .and_then(|h| h.selected_row(&app.rows))
        .map(|r| r.id().to_string())
        != Some(id.clone())
    {
        press(&mut app, KeyCode::Char('j'));
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode(), Mode::PlanView);
    let s = screen(&app, 100, 40);
    assert!(s.contains("Sister Mensah"), "{s}");
    // Tab: the second ally, Sister Mensah; A: a plan for her.
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('A'));
    let w = app.wizard().expect("the wizard opens");
    assert_eq!(w.fields.name.value(), "Sister Mensah");
    assert_eq!(
        w.fields.want.value(),
        "Put in a word with Dr Okafor about Start the list at eight"
    );
    assert_eq!(w.base.follows, id);
    assert!(w.dirty);
}

#[test]
fn allies_snapshots() {
    let (_dir, mut app) = wizard_on_silent_allies();
    while app.mode() != Mode::WizardAllies {
        press(&mut app, KeyCode::Tab);
    }
    press(&mut app, KeyCode::Char(' '));
    snap("wizard_allies", &app);
    ctrl(&mut app, 'n');
    while app.wizard().map(|w| w.focus)
        != Some(crate::tui::screens::wizard::Focus::Field(
            crate::tui::screens::wizard::FieldId::AllyAsk(0),
        ))
    {
        press(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "That Tuesdays have room");
    snap("wizard_ally_ask", &app);
}

#[test]
fn a_click_selects_a_person_on_the_map_and_a_second_opens_their_page() {
    use crate::tui::event::{AppEvent, Mouse, MouseKind};
    let (_dir, mut app) = people_workbook();
    for k in ['S', 'm'] {
        press(&mut app, KeyCode::Char(k));
    }
    let shown = screen(&app, 80, 24);
    let (column, row) = shown
        .lines()
        .enumerate()
        .find_map(|(y, line)| {
            line.find("Mr Ode")
                .map(|b| (line[..b].chars().count() as u16, y as u16))
        })
        .unwrap();
    let click = |app: &mut App| {
        let _ = screen(app, 80, 24);
        app.on_event(AppEvent::Mouse(Mouse {
            kind: MouseKind::Click,
            column,
            row,
        }));
    };
    click(&mut app);
    assert_eq!(map_key(&app).as_deref(), Some("mr ode"));
    click(&mut app);
    assert_eq!(app.mode(), Mode::Person);
    assert!(screen(&app, 80, 24).contains("overture · Mr Ode"));
}

#[test]
fn help_on_the_map_and_the_form_says_the_judgement_is_yours() {
    let (_dir, mut app) = people_workbook();
    for k in ['S', 'm', '?'] {
        press(&mut app, KeyCode::Char(k));
    }
    let s = screen(&app, 120, 40);
    assert!(s.contains("your own judgement"), "{s}");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('e'));
    press(&mut app, KeyCode::F(1));
    let s = screen(&app, 120, 40);
    assert!(s.contains("your judgement"), "{s}");
}

#[test]
fn saving_straight_from_the_name_asks_did_you_mean_first() {
    let (_dir, mut app) = people_workbook();
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Okafor");
    ctrl_key(&mut app, 's');
    assert_eq!(app.mode(), Mode::WizardDidYouMean);
    assert!(
        app.take_effect().is_none(),
        "nothing is saved before the answer"
    );
    key(&mut app, KeyCode::Char('n'));
    ctrl_key(&mut app, 's');
    assert!(matches!(app.take_effect(), Some(Effect::Write(_))));
}

#[test]
fn the_alias_is_added_to_the_file_as_it_is_now() {
    let (dir, mut app) = wizard_with_name("Okafor");
    key(&mut app, KeyCode::Char('y'));
    let effect = app.take_effect().expect("the alias write");
    // Someone changes the person meanwhile: both changes stay.
    let path = dir.path().join("people/dr-okafor.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("sceptic", "neutral")).unwrap();
    app.put_back(effect);
    settle_files(&mut app);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("\"Okafor\""), "{text}");
    assert!(text.contains("stance = \"neutral\""), "{text}");
    assert!(screen(&app, 100, 30).contains("Okafor is now another name for Dr Okafor"));
}
