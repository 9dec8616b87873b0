//! What is due: the one place that decides which conversations, follow-ups and "how did it go?" questions are
//! waiting, and in what order. The command line (`overture agenda`) and the workbook draw from it. Pure: today
//! is passed in.
//!
//! A plan gives at most one item, the first that applies:
//! - dropped plans give none;
//! - a recorded outcome with a `follow_up` date gives a `follow-up`, unless a later plan already follows this one
//!   (that plan's own date is then what is due);
//! - no outcome yet and a goal `by` date: a `talk` on that date, or, once the date has passed, `record-outcome`
//!   ("how did it go?"), since the talk is either done and unrecorded or late.

use std::collections::HashSet;

use jiff::civil::Date;
use serde::Serialize;

use super::{Plan, Status};

/// What an agenda item asks for. The names are part of `overture agenda --json`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, strum::IntoStaticStr,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum Kind {
    /// The conversation itself, by the goal's date.
    Talk,
    /// Checking in again, on the outcome's `follow_up` date.
    FollowUp,
    /// The talk's date has passed and nothing is recorded: how did it go?
    RecordOutcome,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The item in words, for lists: "talk", "follow up", "how did it go?".
    pub fn label(self) -> &'static str {
        match self {
            Kind::Talk => "talk",
            Kind::FollowUp => "follow up",
            Kind::RecordOutcome => "how did it go?",
        }
    }
}

/// Which group an item is shown in, in this order.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, strum::IntoStaticStr,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum When {
    Overdue,
    Today,
    /// After today, up to and including Sunday.
    ThisWeek,
    Later,
}

impl When {
    pub fn of(date: Date, today: Date) -> When {
        if date < today {
            When::Overdue
        } else if date == today {
            When::Today
        } else if date <= end_of_week(today) {
            When::ThisWeek
        } else {
            When::Later
        }
    }

    /// The group's heading.
    pub fn heading(self) -> &'static str {
        match self {
            When::Overdue => "Overdue",
            When::Today => "Today",
            When::ThisWeek => "This week",
            When::Later => "Later",
        }
    }
}

/// The Sunday ending `today`'s week (today itself on a Sunday).
fn end_of_week(today: Date) -> Date {
    let ahead = 7 - i64::from(today.weekday().to_monday_one_offset());
    today
        .checked_add(jiff::Span::new().days(ahead))
        .unwrap_or(today)
}

/// One thing due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub kind: Kind,
    pub date: Date,
    pub when: When,
    /// The plan's id.
    pub plan: String,
    pub stakeholder: String,
    pub title: String,
}

impl Item {
    pub fn overdue(&self) -> bool {
        self.when == When::Overdue
    }

    /// "Dr Okafor: Pilot the sepsis pathway", on one line, as lists show an item; "Dr Okafor" alone for a plan
    /// with neither title nor goal, whose title ("Talk with Dr Okafor", `Plan::display_title`) only says the name
    /// again.
    pub fn about(&self) -> String {
        let who = super::text::one_line(&self.stakeholder);
        let title = super::text::one_line(&self.title);
        if who.is_empty() {
            title
        } else if title == format!("Talk with {who}") {
            who
        } else {
            format!("{who}: {title}")
        }
    }
}

/// What the agenda reads of a plan: a whole [`Plan`] or the summary a large workbook keeps
/// (`store::catalog::PlanSummary::agenda_source`).
#[derive(Debug, Clone)]
pub struct Source<'a> {
    pub id: &'a str,
    pub status: Status,
    pub stakeholder: &'a str,
    pub title: std::borrow::Cow<'a, str>,
    pub by: Option<Date>,
    pub outcome: Option<super::OutcomeFacts>,
    pub follows: &'a str,
}

impl<'a> From<&'a Plan> for Source<'a> {
    fn from(plan: &'a Plan) -> Self {
        Source {
            id: &plan.id,
            status: plan.status,
            stakeholder: &plan.stakeholder.name,
            title: std::borrow::Cow::Owned(plan.display_title()),
            by: plan.goal.by,
            outcome: plan.outcome.as_ref().map(super::OutcomeFacts::from),
            follows: &plan.follows,
        }
    }
}

/// The date a plan's agenda item is due, if it has one: the same rule as [`item_for`], which today changes only
/// the kind of (a talk becomes "how did it go?" once its date passes), never the date.
pub fn due_date(plan: &Source, followed: &HashSet<&str>) -> Option<Date> {
    item_for(plan, followed, Date::MIN).map(|i| i.date)
}

/// The item a plan gives, if any (see the module's rule).
pub fn item_for(plan: &Source, followed: &HashSet<&str>, today: Date) -> Option<Item> {
    if plan.status == Status::Dropped {
        return None;
    }
    let (kind, date) = match plan.outcome {
        Some(o) if o.result.is_some() || o.on.is_some() => {
            if followed.contains(plan.id) {
                return None;
            }
            (Kind::FollowUp, o.follow_up?)
        }
        _ => {
            let by = plan.by?;
            if by < today {
                (Kind::RecordOutcome, by)
            } else {
                (Kind::Talk, by)
            }
        }
    };
    Some(Item {
        kind,
        date,
        when: When::of(date, today),
        plan: plan.id.to_string(),
        stakeholder: plan.stakeholder.trim().to_string(),
        title: plan.title.to_string(),
    })
}

/// Everything due up to `until` (inclusive; `None` for no limit), and everything overdue whatever `until` says:
/// overdue first, then today, this week, later; by date within a group, then by person and title.
pub fn agenda<'a>(
    plans: impl IntoIterator<Item = Source<'a>>,
    today: Date,
    until: Option<Date>,
) -> Vec<Item> {
    let plans: Vec<Source> = plans.into_iter().collect();
    let followed: HashSet<&str> = plans
        .iter()
        .map(|p| p.follows)
        .filter(|f| !f.is_empty())
        .collect();
    let mut items: Vec<Item> = plans
        .iter()
        .filter_map(|p| item_for(p, &followed, today))
        .filter(|i| i.overdue() || until.is_none_or(|u| i.date <= u))
        .collect();
    items.sort_by(|a, b| {
        (a.when, a.date, &a.stakeholder, &a.title, a.kind).cmp(&(
            b.when,
            b.date,
            &b.stakeholder,
            &b.title,
            b.kind,
        ))
    });
    items
}

/// How many items are overdue and how many due today, for the line at the top of the plans list: the same
/// rule as [`agenda`], without sorting or copying anything, and without collecting the follow-up links unless
/// a follow-up could be due (so a large workbook with nothing due costs one pass).
pub fn due_now<'a>(
    plans: impl IntoIterator<Item = Source<'a>> + Clone,
    today: Date,
) -> (usize, usize) {
    let follow_up_due = plans.clone().into_iter().any(|p| {
        p.status != Status::Dropped
            && p.outcome
                .and_then(|o| o.follow_up)
                .is_some_and(|d| d <= today)
    });
    let followed: HashSet<&str> = if follow_up_due {
        plans
            .clone()
            .into_iter()
            .map(|p| p.follows)
            .filter(|f| !f.is_empty())
            .collect()
    } else {
        HashSet::new()
    };
    plans
        .into_iter()
        .filter_map(|p| item_for(&p, &followed, today))
        .fold((0, 0), |(o, t), i| match i.when {
            When::Overdue => (o + 1, t),
            When::Today => (o, t + 1),
            _ => (o, t),
        })
}

/// Moves an item to a new date ("snooze"): a talk or a "how did it go?" moves the goal's `by`, a follow-up the
/// outcome's `follow_up`. The plan is changed only when it has the date the item came from.
pub fn snooze(plan: &mut Plan, kind: Kind, to: Date, now: jiff::Timestamp) {
    match kind {
        Kind::Talk | Kind::RecordOutcome => plan.goal.by = Some(to),
        Kind::FollowUp => match &mut plan.outcome {
            Some(o) => o.follow_up = Some(to),
            None => return,
        },
    }
    plan.updated = now;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::OutcomeResult;
    use jiff::civil::date;

    /// Wednesday 9 December 2026.
    const TODAY: Date = date(2026, 12, 9);

    fn plan(name: &str, by: Option<Date>) -> Plan {
        let mut p = Plan::new(jiff::Timestamp::UNIX_EPOCH);
        p.stakeholder.name = name.into();
        p.goal.want = format!("goal with {name}");
        p.goal.by = by;
        p
    }

    fn outcome(p: &mut Plan, follow_up: Option<Date>) {
        p.outcome = Some(crate::domain::Outcome {
            on: Some(date(2026, 12, 1)),
            result: Some(OutcomeResult::Compliance),
            notes: String::new(),
            follow_up,
        });
    }

    #[test]
    fn an_item_is_about_whom_and_what_never_the_name_twice() {
        let mut p = plan("Dr Okafor", Some(TODAY));
        let about = |p: &Plan| {
            item_for(&Source::from(p), &HashSet::new(), TODAY)
                .unwrap()
                .about()
        };
        assert_eq!(about(&p), "Dr Okafor: goal with Dr Okafor");
        p.title = "Sepsis".into();
        assert_eq!(about(&p), "Dr Okafor: Sepsis");
        p.title.clear();
        p.goal.want.clear();
        assert_eq!(about(&p), "Dr Okafor");
        p.stakeholder.name.clear();
        assert_eq!(about(&p), "Untitled plan");
    }

    #[test]
    fn talks_follow_ups_and_unrecorded_talks_in_order() {
        let later = plan("Later", Some(date(2027, 1, 20)));
        let today = plan("Today", Some(TODAY));
        let sunday = plan("Sunday", Some(date(2026, 12, 13)));
        let monday = plan("Monday", Some(date(2026, 12, 14)));
        let passed = plan("Passed", Some(date(2026, 12, 2)));
        let mut follow = plan("Follow", Some(date(2026, 11, 1)));
        outcome(&mut follow, Some(date(2026, 12, 8)));
        let no_date = plan("Nobody", None);
        let mut dropped = plan("Dropped", Some(date(2026, 12, 1)));
        dropped.status = Status::Dropped;
        let plans = [
            &later, &today, &sunday, &monday, &passed, &follow, &no_date, &dropped,
        ];
        let items = agenda(plans.map(Source::from), TODAY, None);
        let got: Vec<(&str, Kind, When)> = items
            .iter()
            .map(|i| (i.stakeholder.as_str(), i.kind, i.when))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Passed", Kind::RecordOutcome, When::Overdue),
                ("Follow", Kind::FollowUp, When::Overdue),
                ("Today", Kind::Talk, When::Today),
                ("Sunday", Kind::Talk, When::ThisWeek),
                ("Monday", Kind::Talk, When::Later),
                ("Later", Kind::Talk, When::Later),
            ]
        );
        // A horizon leaves out what is further, never what is overdue.
        let near = agenda(plans.map(Source::from), TODAY, Some(date(2026, 12, 13)));
        assert_eq!(near.len(), 4);
        assert!(near.iter().all(|i| i.date <= date(2026, 12, 13)));
    }

    #[test]
    fn a_follow_up_already_planned_is_not_due_again() {
        let mut first = plan("Ann", Some(date(2026, 11, 1)));
        outcome(&mut first, Some(date(2026, 12, 18)));
        let mut next = plan("Ann", Some(date(2026, 12, 18)));
        next.follows = first.id.clone();
        let items = agenda([&first, &next].map(Source::from), TODAY, None);
        assert_eq!(items.len(), 1);
        assert_eq!((items[0].kind, &items[0].plan), (Kind::Talk, &next.id));
    }

    #[test]
    fn an_outcome_without_a_follow_up_closes_the_item() {
        let mut p = plan("Ann", Some(date(2026, 12, 1)));
        outcome(&mut p, None);
        assert!(agenda([Source::from(&p)], TODAY, None).is_empty());
    }

    #[test]
    fn snoozing_moves_the_date_the_item_came_from() {
        let mut p = plan("Ann", Some(date(2026, 12, 1)));
        snooze(
            &mut p,
            Kind::RecordOutcome,
            date(2026, 12, 20),
            jiff::Timestamp::UNIX_EPOCH,
        );
        assert_eq!(p.goal.by, Some(date(2026, 12, 20)));
        outcome(&mut p, Some(date(2026, 12, 5)));
        snooze(
            &mut p,
            Kind::FollowUp,
            date(2026, 12, 30),
            jiff::Timestamp::UNIX_EPOCH,
        );
        assert_eq!(p.outcome.unwrap().follow_up, Some(date(2026, 12, 30)));
    }

    #[test]
    fn the_week_ends_on_sunday() {
        assert_eq!(end_of_week(TODAY), date(2026, 12, 13));
        assert_eq!(end_of_week(date(2026, 12, 13)), date(2026, 12, 13));
        assert_eq!(end_of_week(date(2026, 12, 14)), date(2026, 12, 20));
    }

    #[test]
    fn due_now_counts_what_the_agenda_shows_overdue_and_today() {
        let passed = plan("Passed", Some(date(2026, 12, 2)));
        let today = plan("Today", Some(TODAY));
        let later = plan("Later", Some(date(2026, 12, 20)));
        let mut follow = plan("Follow", None);
        outcome(&mut follow, Some(TODAY));
        let mut next = plan("Follow", Some(date(2026, 12, 20)));
        assert_eq!(
            due_now([&passed, &today, &later, &follow].map(Source::from), TODAY),
            (1, 2)
        );
        next.follows = follow.id.clone();
        assert_eq!(
            due_now(
                [&passed, &today, &later, &follow, &next].map(Source::from),
                TODAY
            ),
            (1, 1),
            "a follow-up already planned is not due"
        );
        assert_eq!(due_now([&later].map(Source::from), TODAY), (0, 0));
    }
}
