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
