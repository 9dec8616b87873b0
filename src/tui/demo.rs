//! `overture --demo`: a throwaway workbook of realistic example plans in a temporary folder (never the user's),
//! so a newcomer can see every screen populated. The folder lives as long as the app and is removed on quit.

use jiff::{Span, Timestamp};
use tempfile::TempDir;

use crate::domain::{
    Attempt, Direction, Goal, Objection, Outcome, OutcomeResult, Plan, Prep, RungKey, RungRef,
    Stakeholder, Status, Tactic,
};
use crate::store::{DataDir, plan_file};

fn days_ago(now: Timestamp, days: i64) -> Timestamp {
    now.checked_sub(Span::new().hours(24 * days)).unwrap_or(now)
}

fn date_ago(now: Timestamp, days: i64) -> Option<jiff::civil::Date> {
    Some(
        days_ago(now, days)
            .to_zoned_datetime(jiff::tz::TimeZone::system())
            .date(),
    )
}

fn in_days(now: Timestamp, days: i64) -> Option<jiff::civil::Date> {
    date_ago(now, -days)
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// A rung by its key, as the demo's files will hold it: the app resolves it against its ladder when it loads them.
fn rung(key: &str) -> Option<RungRef> {
    RungKey::new(key).map(RungRef::Unknown)
}

fn attempt(
    tactic: &str,
    result: OutcomeResult,
    on: Option<jiff::civil::Date>,
    notes: &str,
) -> Attempt {
    Attempt {
        tactic: rung(tactic),
        on,
        result: Some(result),
        notes: notes.into(),
        from: String::new(),
    }
}

fn plan(now: Timestamp, age_days: i64) -> Plan {
    let mut p = Plan::new(days_ago(now, age_days));
    p.updated = p.created;
    p
}

/// The example plans, dated relative to `now` so the workbook looks current.
pub fn example_plans(now: Timestamp) -> Vec<Plan> {
    let mut plans = Vec::new();

    let mut p = plan(now, 40);
    p.status = Status::Done;
    p.stakeholder = Stakeholder {
        name: "Dr Okafor".into(),
        role: "Consultant anaesthetist".into(),
        direction: Some(Direction::Up),
        cares_about: strings(&["Patient safety", "Theatre lists that start on time"]),
    };
    p.goal = Goal {
        want: "Start the Tuesday elective list at 08:00 instead of 08:30".into(),
        why: "The list overruns most weeks and the last patient is often cancelled.".into(),
        minimum: "A four-week trial of the earlier start".into(),
        by: date_ago(now, 20),
    };
    p.tactic = Tactic {
        primary: rung("reason"),
        rationale: "He respects audit data more than anything else.".into(),
        ..Tactic::default()
    };
    p.prep = Prep {
        opening: "I pulled the theatre times for the last three months and wanted to show you before the meeting."
            .into(),
        points: strings(&[
            "How often the Tuesday list overran last quarter",
            "Which patients were cancelled, and why",
        ]),
        tactic_notes: "Theatre management system export; cancellation log from the day-surgery unit.".into(),
        ask: "Would you try an 08:00 start for four weeks?".into(),
        ..Prep::default()
    };
    p.outcome = Some(Outcome {
        on: date_ago(now, 33),
        result: Some(OutcomeResult::Resistance),
        notes: "Said his morning clinic makes 08:00 impossible. Did not look at the data.".into(),
        follow_up: date_ago(now, 10),
    });
    plans.push(p);

    let mut p = plan(now, 6);
    p.status = Status::Ready;
    p.stakeholder = Stakeholder {
        name: "Dr Okafor".into(),
        role: "Consultant anaesthetist".into(),
        direction: Some(Direction::Up),
        cares_about: strings(&["Patient safety", "Not being rushed"]),
    };
    p.goal = Goal {
        want: "Agree which part of the morning could move so the list can start earlier".into(),
        why: "Cancelled patients wait weeks for a new date.".into(),
        minimum: "A conversation with the clinic manager about his Tuesday clinic".into(),
        by: in_days(now, 14),
    };
    p.tactic = Tactic {
        primary: rung("coach"),
        backup: rung("feel-good"),
        rationale: "The facts alone did not move him; he may move if the answer is his own.".into(),
        ..Tactic::default()
    };
    p.prep = Prep {
        opening: "What would have to be true for Tuesday to start earlier without rushing you?".into(),
        tactic_notes: "What makes the 08:30 start necessary?\nIf you could change one thing about Tuesday mornings, what would it be?"
            .into(),
        objections: vec![Objection {
            objection: "My clinic cannot move.".into(),
            response: "Could part of it move, or could someone else cover the first half hour?".into(),
        }],
        ask: "Would you talk to the clinic manager with me this week?".into(),
        ..Prep::default()
    };
    plans.push(p);

    let mut p = plan(now, 3);
    p.status = Status::Ready;
    p.stakeholder = Stakeholder {
        name: "Tom Reilly".into(),
        role: "FY2 doctor".into(),
        direction: Some(Direction::Down),
        cares_about: strings(&["Getting signed off", "Going home on time"]),
    };
    p.goal = Goal {
        want: "Complete discharge summaries within 24 hours of discharge".into(),
        why: "GPs are phoning the ward because patients arrive without a summary.".into(),
        minimum: "No summary older than 48 hours by Friday".into(),
        by: in_days(now, 4),
    };
    p.attempts = vec![attempt(
        "reason",
        OutcomeResult::Compliance,
        date_ago(now, 12),
        "Caught up once, then fell behind again.",
    )];
    p.tactic = Tactic {
        primary: rung("force"),
        backup: rung("deal"),
        escalation_reason: "A patient was readmitted because the GP had no summary; this cannot wait for a slow approach."
            .into(),
        ..Tactic::default()
    };
    p.prep = Prep {
        opening: "Tom, I need to talk to you about the discharge summaries.".into(),
        tactic_notes: "If summaries are still outstanding on Friday I will raise it with his educational supervisor. I will follow through."
            .into(),
        ask: "Clear the backlog by Friday and do each summary on the day of discharge.".into(),
        fallback: "Raise it formally with his educational supervisor.".into(),
        ..Prep::default()
    };
    plans.push(p);

    let mut p = plan(now, 2);
    p.status = Status::Ready;
    p.stakeholder = Stakeholder {
        name: "Sister Mensah".into(),
        role: "Ward manager, Ward 7".into(),
        direction: Some(Direction::Peer),
        cares_about: strings(&["Her team's workload", "Safe handovers"]),
    };
    p.goal = Goal {
        want: "Trial the new electronic handover board on Ward 7 for one month".into(),
        why:
            "Two near misses this quarter came from handovers that missed a deteriorating patient."
                .into(),
        minimum: "A one-week trial on night shifts".into(),
        by: in_days(now, 21),
    };
    p.tactic = Tactic {
        primary: rung("inspire"),
        backup: rung("silent-allies"),
        rationale: "She cares deeply about her team and is proud of the ward.".into(),
        ..Tactic::default()
    };
    p.prep = Prep {
        opening: "Imagine a handover where nobody goes home worrying they forgot something.".into(),
        points: strings(&[
            "The board shows every patient's early warning score at a glance",
            "Surgical wards have used it since spring",
        ]),
        tactic_notes:
            "A night shift where the nurse in charge can see every sick patient on one screen."
                .into(),
        objections: vec![Objection {
            objection: "My staff do not have time to learn another system.".into(),
            response: "Training is twenty minutes on the ward, and I will cover it myself.".into(),
        }],
        ask: "Would you try it on Ward 7 for a month, starting on nights?".into(),
        fallback: "Ask to present it at the next ward managers' meeting.".into(),
    };
    plans.push(p);

    let mut p = plan(now, 1);
    p.status = Status::Draft;
    p.stakeholder = Stakeholder {
        name: "Priya Shah".into(),
        role: "Lead pharmacist".into(),
        direction: Some(Direction::Outside),
        cares_about: strings(&["Her pharmacists' time"]),
    };
    p.goal = Goal {
        want: "Release a pharmacist for the Friday ward round".into(),
        ..Goal::default()
    };
    p.tactic = Tactic {
        primary: rung("deal"),
        ..Tactic::default()
    };
    plans.push(p);

    let mut p = plan(now, 25);
    p.status = Status::Done;
    p.stakeholder = Stakeholder {
        name: "Dr Chen".into(),
        role: "Registrar".into(),
        direction: Some(Direction::Peer),
        cares_about: strings(&["Time with family over the holidays"]),
    };
    p.goal = Goal {
        want: "Swap on-call weekends in December".into(),
        ..Goal::default()
    };
    p.tactic = Tactic {
        primary: rung("favour"),
        ..Tactic::default()
    };
    p.prep = Prep {
        ask: "Could you take my on-call on the 14th? I will take yours on the 28th.".into(),
        ..Prep::default()
    };
    p.outcome = Some(Outcome {
        on: date_ago(now, 24),
        result: Some(OutcomeResult::Commitment),
        notes: "Agreed straight away.".into(),
        follow_up: None,
    });
    plans.push(p);
    plans
}

/// Writes the examples into a new temporary folder, returned with the data folder inside it.
pub fn create() -> anyhow::Result<(TempDir, DataDir)> {
    let dir = tempfile::Builder::new()
        .prefix("overture-demo-")
        .tempdir()?;
    let data = DataDir::new(dir.path());
    let plans = data.ensure_plans()?;
    for plan in example_plans(Timestamp::now()) {
        plan_file::save_new(&plans, &plan)?;
    }
    Ok((dir, data))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{History, Ladder, escalation::warning_for};
    use crate::store::Workbook;

    #[test]
    fn the_demo_workbook_loads_and_shows_the_warning() {
        let (dir, data) = create().unwrap();
        let ladder = Ladder::embedded();
        let wb = Workbook::load(&data, &ladder).unwrap();
        assert!(wb.broken.is_empty(), "{:?}", wb.broken);
        assert!(wb.plans.len() >= 5);
        let history: History = wb.history(&ladder);
        let warned = wb
            .plans
            .iter()
            .filter(|p| warning_for(&ladder, &history, &p.plan).is_some())
            .count();
        assert_eq!(warned, 1, "the Force plan is the one that warns");
        let okafor = history.get("dr okafor").unwrap();
        assert_eq!(okafor.plans.len(), 2);
        drop(dir);
        assert!(!data.root().exists());
    }
}
