//! Reading the folder again (after a save, `r`, the watcher): the old catalog is let go before the new one is
//! read, so the list must come back whole, tell a change from none, keep its selection, and survive a load that
//! fails.

use super::{app_with, okafor_workbook};

fn selected_id(app: &crate::tui::app::App) -> Option<String> {
    app.home()
        .and_then(|h| h.selection(&app.rows))
        .map(|(id, _)| id)
}

#[test]
fn a_reload_tells_a_change_from_none_and_keeps_the_selection() {
    let (dir, mut app) = app_with(&okafor_workbook());
    let n = app.rows.len();
    assert!(n >= 3);
    if let Some(crate::tui::app::Screen::Home(home)) = app.screens.first_mut() {
        home.selected = 1;
    }
    let chosen = selected_id(&app);
    assert!(chosen.is_some());
    assert!(!app.reload(), "nothing changed on disk");
    assert_eq!(app.rows.len(), n);
    assert_eq!(selected_id(&app), chosen);
    // A title changed by hand is a change to the list.
    let plans = dir.path().join("plans");
    let path = std::fs::read_dir(&plans)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| std::fs::read_to_string(p).unwrap().contains("title = "))
        .unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text.replacen("title = \"", "title = \"Renamed ", 1);
    std::fs::write(&path, edited).unwrap();
    assert!(app.reload(), "a title changed");
    assert!(app.rows.iter().any(|r| r.title().starts_with("Renamed")));
    assert_eq!(selected_id(&app), chosen);
}

#[test]
fn a_reload_that_fails_says_why_and_the_next_one_brings_the_plans_back() {
    let (dir, mut app) = app_with(&okafor_workbook());
    let n = app.rows.len();
    let plans = dir.path().join("plans");
    let aside = dir.path().join("plans-aside");
    std::fs::rename(&plans, &aside).unwrap();
    // A file where the folder was: listing it fails (even for root, unlike a folder without permissions).
    std::fs::write(&plans, "not a folder").unwrap();
    app.reload();
    let said = app
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(said.contains("Could not reload the plans"), "{said}");
    assert_eq!(app.rows.len(), 0);
    assert_eq!(app.catalog.summaries.len(), 0);
    std::fs::remove_file(&plans).unwrap();
    std::fs::rename(&aside, &plans).unwrap();
    assert!(app.reload());
    assert_eq!(app.rows.len(), n);
    assert_eq!(app.catalog.summaries.len(), n);
}

/// A save over a plan the list holds (a drop with its reason) takes that plan in where it stands: the list shows
/// it, a search finds the words just written and no longer the ones replaced, and the indexes on disk are not
/// rewritten (the folder is not read again); the next whole load finds the same.
#[test]
fn a_save_takes_in_one_plan_without_reading_the_folder() {
    use super::{press, type_text};
    use ratatui::crossterm::event::KeyCode;
    let (dir, mut app) = app_with(&okafor_workbook());
    let index = dir.path().join("cache").join("index");
    let before = std::fs::read(&index).unwrap();
    let chosen = selected_id(&app).unwrap();
    press(&mut app, KeyCode::Char('x'));
    type_text(&mut app, "zebrafish");
    press(&mut app, KeyCode::Enter);
    let said = app
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(said.starts_with("Dropped"), "{said}");
    assert_eq!(
        std::fs::read(&index).unwrap(),
        before,
        "the index was not rewritten"
    );
    assert_eq!(selected_id(&app).as_deref(), Some(chosen.as_str()));
    let at = |app: &crate::tui::app::App| {
        app.catalog
            .summaries
            .iter()
            .position(|s| s.id() == chosen)
            .unwrap()
    };
    assert_eq!(
        app.catalog.summaries[at(&app)].status,
        crate::domain::Status::Dropped
    );
    let hits = app.catalog.search("zebrafish").unwrap();
    assert!(
        hits.score(at(&app)).is_some(),
        "the words just written are found"
    );
    assert_eq!(hits.count(), 1);
    // The whole load reads the file again (its stamp changed) and finds the same.
    app.reload();
    let hits = app.catalog.search("zebrafish").unwrap();
    assert!(hits.score(at(&app)).is_some());
    assert_eq!(hits.count(), 1);
}

/// The ids of the catalog's plans in order, and of those a search for `q` finds.
fn plans_and_hits(app: &crate::tui::app::App, q: &str) -> (Vec<String>, Vec<String>) {
    let ids: Vec<String> = app
        .catalog
        .summaries
        .iter()
        .map(|s| s.id().to_string())
        .collect();
    let hits = app.catalog.search(q).unwrap();
    let found = (0..ids.len())
        .filter(|&i| hits.score(i).is_some())
        .map(|i| ids[i].clone())
        .collect();
    (ids, found)
}

/// A copy, a delete and its undo are each taken in where the catalog stands, without reading the folder: the
/// list and a search show each at once, the indexes on disk are not rewritten, and a whole load afterwards finds
/// the same plans in the same order, and the same matches.
#[test]
fn a_copy_a_delete_and_an_undo_are_taken_in_without_reading_the_folder() {
    use super::press;
    use ratatui::crossterm::event::KeyCode;
    let (dir, mut app) = app_with(&okafor_workbook());
    let index = dir.path().join("cache").join("index");
    let before = std::fs::read(&index).unwrap();
    let n = app.rows.len();
    let chosen = selected_id(&app).unwrap();
    let word = app
        .catalog
        .summaries
        .iter()
        .find(|s| s.id() == chosen)
        .map(|s| {
            s.stakeholder()
                .name
                .split_whitespace()
                .last()
                .unwrap_or("")
                .to_lowercase()
        })
        .unwrap();
    let (_, matched) = plans_and_hits(&app, &word);
    // Each step, then a whole load: the same plans, order and matches.
    let same_after_a_load = |app: &mut crate::tui::app::App| {
        let in_place = plans_and_hits(app, &word);
        let rows = app.rows.len();
        app.reload();
        assert_eq!(plans_and_hits(app, &word), in_place);
        assert_eq!(app.rows.len(), rows);
        in_place
    };

    press(&mut app, KeyCode::Char('c'));
    assert_eq!(std::fs::read(&index).unwrap(), before, "not read again");
    assert_eq!(app.rows.len(), n + 1);
    let copy = selected_id(&app).unwrap();
    assert_ne!(copy, chosen, "the copy is selected");
    let (ids, found) = same_after_a_load(&mut app);
    assert!(ids.contains(&copy));
    assert_eq!(found.len(), matched.len() + 1, "the copy's words are found");
    assert!(found.contains(&copy));

    let before = std::fs::read(&index).unwrap();
    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(std::fs::read(&index).unwrap(), before, "not read again");
    assert_eq!(app.rows.len(), n);
    let (ids, found) = plans_and_hits(&app, &word);
    assert!(!ids.contains(&copy) && !found.contains(&copy));
    assert_eq!(found, matched);
    press(&mut app, KeyCode::Char('u'));
    assert_eq!(std::fs::read(&index).unwrap(), before, "not read again");
    assert_eq!(app.rows.len(), n + 1);
    assert_eq!(selected_id(&app).as_deref(), Some(copy.as_str()));
    let (_, found) = same_after_a_load(&mut app);
    assert!(found.contains(&copy));
}

/// A new plan saved from the wizard is taken in alone too: the list and a search show it, the indexes on disk
/// are not rewritten, and a whole load afterwards agrees.
#[test]
fn a_new_plan_is_taken_in_without_reading_the_folder() {
    use super::{ctrl_key, key, press, type_text};
    use crate::tui::perform::settle_files;
    use ratatui::crossterm::event::KeyCode;
    let (dir, mut app) = app_with(&okafor_workbook());
    let index = dir.path().join("cache").join("index");
    let before = std::fs::read(&index).unwrap();
    let n = app.rows.len();
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Dr Quokkasson");
    let summaries = std::sync::Arc::as_ptr(&app.catalog.summaries);
    ctrl_key(&mut app, 's');
    settle_files(&mut app);
    // The wizard, still open, shares the changed summaries: they were changed in place, not copied (at 50,000
    // plans a copy was 10 MB more).
    assert_eq!(std::sync::Arc::as_ptr(&app.catalog.summaries), summaries);
    let wizard = app.wizard().unwrap();
    assert!(wizard.others.shares(&app.catalog.summaries));
    assert_eq!(wizard.others.iter().count(), n);
    key(&mut app, KeyCode::Esc);
    assert_eq!(std::fs::read(&index).unwrap(), before, "not read again");
    assert_eq!(app.rows.len(), n + 1);
    let (ids, found) = plans_and_hits(&app, "quokkasson");
    assert_eq!(found.len(), 1);
    app.reload();
    assert_eq!(plans_and_hits(&app, "quokkasson"), (ids, found));
    assert_eq!(app.rows.len(), n + 1);
}

/// A wizard on a new plan shares the workbook's history, the history of exactly its other plans, instead of
/// building a second one (4 MB at 50,000 plans); on a plan the workbook holds it builds its own, without that
/// plan, and the workbook's waits until the wizard closes.
#[test]
fn a_new_plan_s_wizard_shares_the_workbook_s_history() {
    use super::{key, press};
    use ratatui::crossterm::event::KeyCode;
    let (_dir, mut app) = app_with(&okafor_workbook());
    press(&mut app, KeyCode::Char('n'));
    let wizard = app.wizard().unwrap();
    assert!(std::sync::Arc::ptr_eq(&wizard.history, &app.history));
    key(&mut app, KeyCode::Esc);
    assert!(app.wizard().is_none());
    let plans =
        |h: &crate::domain::History| -> usize { h.records().iter().map(|r| r.plans.len()).sum() };
    let all = plans(&app.history);
    press(&mut app, KeyCode::Char('e'));
    let wizard = app.wizard().unwrap();
    assert_eq!(plans(&wizard.history) + 1, all);
    // Only the wizard is on screen: the workbook's history is let go until it closes, then made again.
    assert!(app.history.records().is_empty());
    key(&mut app, KeyCode::Esc);
    assert!(app.wizard().is_none());
    assert_eq!(plans(&app.history), all);
}

/// A save with the wizard staying open leaves the workbook's history to be made again when the wizard closes
/// (the wizard has its own, and both at once were 4 MB more at 50,000 plans); once it closes, the history
/// counts the plan just saved.
#[test]
fn the_workbook_s_history_is_made_again_once_the_wizard_closes() {
    use super::{ctrl_key, key, press, type_text};
    use crate::tui::perform::settle_files;
    use ratatui::crossterm::event::KeyCode;
    let plans =
        |h: &crate::domain::History| -> usize { h.records().iter().map(|r| r.plans.len()).sum() };
    let (_dir, mut app) = app_with(&okafor_workbook());
    let before = plans(&app.history);
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Dr Quokkasson");
    ctrl_key(&mut app, 's');
    settle_files(&mut app);
    assert!(app.wizard().is_some());
    assert!(
        app.history.records().is_empty(),
        "made once the wizard closes"
    );
    assert_eq!(plans(&app.wizard().unwrap().history), before);
    key(&mut app, KeyCode::Esc);
    assert!(app.wizard().is_none());
    assert_eq!(plans(&app.history), before + 1);
    assert!(app.history.get("Dr Quokkasson").is_some());
}

/// A reload with the wizard open (the watcher saw a change, `r` from another screen) takes the summaries back
/// from the wizard and shares the new ones with it, so that the old are not held beside the new.
#[test]
fn a_reload_with_the_wizard_open_shares_the_new_summaries_with_it() {
    use super::press;
    use ratatui::crossterm::event::KeyCode;
    let (_dir, mut app) = app_with(&okafor_workbook());
    press(&mut app, KeyCode::Char('n'));
    let old = app.catalog.summaries.clone();
    app.reload();
    let wizard = app.wizard().unwrap();
    assert!(wizard.others.shares(&app.catalog.summaries));
    assert!(!std::sync::Arc::ptr_eq(&old, &app.catalog.summaries));
    assert_eq!(wizard.others.iter().count(), app.catalog.summaries.len());
}
