use super::*;
#[allow(unused_imports)]
use crate::domain::rung::{rung_text, test_rung};

#[test]
fn a_plan_survives_the_form_unchanged() {
    let ladder = Ladder::embedded();
    let mut p = Plan::new(Timestamp::UNIX_EPOCH);
    p.title = "kept".into();
    p.stakeholder.name = "Dr Okafor".into();
    p.stakeholder.direction = Some(Direction::Up);
    p.stakeholder.cares_about = vec!["safety".into(), "time".into()];
    p.goal.want = "sign".into();
    p.goal.by = Some(jiff::civil::date(2026, 12, 1));
    p.tactic.primary = test_rung("force");
    p.tactic.escalation_reason = "because".into();
    p.prep.objections = vec![Objection {
        objection: "no time".into(),
        response: "ten minutes".into(),
    }];
    p.attempts = vec![
        Attempt {
            tactic: test_rung("Reason"),
            result: Some(OutcomeResult::Resistance),
            notes: "kept".into(),
            on: Some(jiff::civil::date(2026, 1, 2)),
            from: String::new(),
        },
        Attempt {
            tactic: test_rung("bribe"),
            ..Default::default()
        },
    ];
    p.status = Status::Ready;
    let (f, c) = load(&p, &ladder);
    assert_eq!(f.objections.len(), 2, "a spare empty pair");
    let (back, err) = build(&p, &f, &c, &ladder, Timestamp::UNIX_EPOCH);
    assert_eq!(err, None);
    assert_eq!(back, p);
}

#[test]
fn a_rung_tried_twice_shows_and_edits_its_latest_try() {
    let ladder = Ladder::embedded();
    let mut p = Plan::new(Timestamp::UNIX_EPOCH);
    p.attempts = vec![
        Attempt {
            tactic: test_rung("coach"),
            on: Some(jiff::civil::date(2026, 11, 20)),
            result: None,
            notes: "earlier".into(),
            from: String::new(),
        },
        Attempt {
            tactic: test_rung("coach"),
            on: Some(jiff::civil::date(2026, 11, 22)),
            result: Some(OutcomeResult::Resistance),
            notes: "later".into(),
            from: String::new(),
        },
    ];
    let (f, mut c) = load(&p, &ladder);
    let row = &c.tried[2];
    assert_eq!(row.result, Some(OutcomeResult::Resistance));
    assert_eq!(
        row.original.as_ref().map(|a| a.notes.as_str()),
        Some("later")
    );
    c.tried[2].result = Some(OutcomeResult::Commitment);
    let (back, _) = build(&p, &f, &c, &ladder, Timestamp::UNIX_EPOCH);
    let find = |notes: &str| back.attempts.iter().find(|a| a.notes == notes).cloned();
    assert_eq!(
        find("later").and_then(|a| a.result),
        Some(OutcomeResult::Commitment)
    );
    assert_eq!(
        find("earlier").and_then(|a| a.result),
        None,
        "the earlier try untouched"
    );
}

#[test]
fn objections_past_the_forms_rows_are_kept() {
    let ladder = Ladder::embedded();
    let mut p = Plan::new(Timestamp::UNIX_EPOCH);
    p.stakeholder.name = "Dr Okafor".into();
    p.prep.objections = (1..=11)
        .map(|i| Objection {
            objection: format!("objection {i}"),
            response: format!("answer {i}"),
        })
        .collect();
    let (mut f, c) = load(&p, &ladder);
    assert_eq!(f.objections.len(), MAX_OBJECTIONS);
    f.objections[0].1.set_text("a better answer");
    let (back, _) = build(&p, &f, &c, &ladder, Timestamp::UNIX_EPOCH);
    assert_eq!(back.prep.objections.len(), 11, "none dropped");
    assert_eq!(back.prep.objections[0].response, "a better answer");
    assert_eq!(back.prep.objections[10].objection, "objection 11");
}

#[test]
fn incomplete_plans_are_drafts_and_bad_dates_are_reported() {
    let ladder = Ladder::embedded();
    let p = Plan::new(Timestamp::UNIX_EPOCH);
    let (mut f, c) = load(&p, &ladder);
    f.by.set_text("soonish");
    let (back, err) = build(&p, &f, &c, &ladder, Timestamp::UNIX_EPOCH);
    assert_eq!(back.status, Status::Draft);
    assert!(err.unwrap().contains("18 dec, dec 18"));
}

#[test]
fn a_tried_rungs_date_is_kept_until_edited_and_any_date_phrase_sets_it() {
    let ladder = Ladder::embedded();
    let mut p = Plan::new(Timestamp::UNIX_EPOCH);
    p.attempts = vec![Attempt {
        tactic: test_rung("reason"),
        on: Some(jiff::civil::date(2026, 1, 2)),
        from: "01EARLIER".into(),
        ..Default::default()
    }];
    let (f, mut c) = load(&p, &ladder);
    assert_eq!(c.tried[0].on_text, "2026-01-02");
    let (same, _) = build(&p, &f, &c, &ladder, Timestamp::UNIX_EPOCH);
    assert_eq!(same, p, "nothing edited, nothing changed");
    c.tried[0].on_text = "2026-01-05".into();
    let (moved, _) = build(&p, &f, &c, &ladder, Timestamp::UNIX_EPOCH);
    assert_eq!(moved.attempts[0].on, Some(jiff::civil::date(2026, 1, 5)));
    assert_eq!(
        moved.attempts[0].from, "01EARLIER",
        "where it came from is kept"
    );
    c.tried[0].on_text = "  ".into();
    assert_eq!(c.tried[0].on(), (None, None));
    c.tried[0].on_text = "someday".into();
    let (kept, problem) = c.tried[0].on();
    assert_eq!(
        kept,
        Some(jiff::civil::date(2026, 1, 2)),
        "the loaded date meanwhile"
    );
    assert!(problem.is_some_and(|e| e.contains("18 dec")));
    let today = jiff::civil::date(2026, 12, 9);
    assert_eq!(c.tried_date_problem(today).map(|(i, _)| i), Some(0));
    // A try has happened: a day after today is refused, today is not; a later date the file held is its own.
    c.tried[0].on_text = "2026-12-10".into();
    let (_, e) = c.tried_date_problem(today).unwrap();
    assert!(e.starts_with("2026-12-10 is after today"), "{e}");
    c.tried[0].on_text = "2026-12-09".into();
    assert_eq!(c.tried_date_problem(today), None);
    c.tried[0].on_text = "2026-01-02".into();
    assert_eq!(c.tried_date_problem(jiff::civil::date(2025, 6, 1)), None);
}
