//! The list's rows as built from the catalog: each accessor gives what the summary it came from says, so the
//! compact row (thin shared texts, the date and state worked out when drawn) shows what the plan file holds.

use super::{app_with, okafor_workbook};
use crate::domain::PlanFacts;
use crate::domain::text::one_line;
use crate::tui::plan_list::Row;

#[test]
fn rows_say_what_their_summaries_say() {
    let mut plans = okafor_workbook();
    plans[1].title = "Two\nlines".into();
    plans[2].follows = plans[1].id.clone();
    let (dir, mut app) = app_with(&plans);
    std::fs::write(
        dir.path().join("plans").join("junk.toml"),
        "this is = = not toml",
    )
    .unwrap();
    app.reload();
    let keys = app.catalog.register.keys();
    assert_eq!(app.rows.len(), 4);
    for (i, s) in app.catalog.summaries.iter().enumerate() {
        let row = app.rows.get(i).unwrap();
        assert_eq!(row.plan(), Some(i));
        assert_eq!(row.id(), s.id());
        assert_eq!(row.title(), one_line(s.title()));
        assert_eq!(row.date(), s.created_date().to_string());
        assert_eq!(row.stakeholder(), one_line(s.stakeholder().name.trim()));
        assert_eq!(row.stakeholder_key(), keys.key(&s.stakeholder().name));
        let primary = s.tactic().primary.as_ref();
        assert_eq!(row.rung(), app.ladder.index_of(primary));
        assert!(row.rung().is_some());
        assert_eq!(row.tactic(), one_line(&app.ladder.label(primary)));
        assert_eq!(row.state(), s.state_label());
        assert_eq!(row.broken(), None);
        assert_eq!(row.follow_up(), !s.follows().is_empty());
        assert_eq!(row.path(), s.path());
        assert!(row.is_at(&s.path()));
    }
    let states: Vec<&str> = app.rows.iter().map(|r| r.state()).collect();
    assert!(states.contains(&"resistance"), "{states:?}");
    assert!(app.rows.iter().any(|r| r.title() == "Two lines"));
    assert!(app.rows.iter().any(|r| r.follow_up()));
    // The same person's rows share one name, whichever plan it came from.
    let okafor: Vec<Row> = app
        .rows
        .iter()
        .filter(|r| r.stakeholder() == "Dr Okafor")
        .collect();
    assert_eq!(okafor.len(), 2);
    assert!(std::ptr::eq(
        okafor[0].stakeholder(),
        okafor[1].stakeholder()
    ));

    let broken = app.rows.get(3).unwrap();
    assert_eq!(broken.plan(), None);
    assert_eq!(broken.title(), "junk.toml");
    assert!(
        broken.broken().is_some_and(|b| b.starts_with("junk.toml:")),
        "{:?}",
        broken.broken()
    );
    assert_eq!(broken.state(), "broken");
    assert_eq!(
        (broken.date(), broken.stakeholder(), broken.tactic()),
        (String::new(), "", "")
    );
    assert_eq!(broken.rung(), None);
}

/// A row per plan: at 50,000 plans every byte here is 50 kB. Besides its summary (shared with the catalog, read
/// for the id, title, file and creation time), a plan's row keeps 24 bytes: its place among the newest (4), the
/// positions of its stakeholder and tactic in tables held once (8), the due date (6) and a byte each of rung
/// (two), status, result and flags.
#[test]
fn a_row_stays_small() {
    let bytes = crate::tui::plan_list::plan_row_bytes();
    assert!(bytes <= 24, "{bytes}");
}
