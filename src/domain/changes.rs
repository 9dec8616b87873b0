//! Changes to a plan that every front end makes the same way: recording what happened, planning a follow-up,
//! copying. The CLI and the TUI both call these, so a plan edited either way ends up in the same state.

use jiff::{Timestamp, civil::Date};

use super::{Attempt, Outcome, OutcomeResult, Plan, Status};

/// Why a follow-up date cannot go with a conversation on `on`, if it cannot: checking in before the talk took
/// place is a slip (of the month, usually), and the reminder would be wrong. One rule for the form and the CLI.
pub(crate) fn follow_up_problem(on: Option<Date>, follow_up: Option<Date>) -> Option<String> {
    match (on, follow_up) {
        (Some(on), Some(f)) if f < on => Some(format!(
            "the follow-up, {f}, is before the conversation ({on}); choose a later day"
        )),
        _ => None,
    }
}

/// Why `on` cannot be the day a conversation or a try took place, if it cannot: what is recorded has happened,
/// so it is today or earlier, and a later day is a slip (the month or the year) that would date the record in the
/// future and set the agenda by it. One rule for the forms and the CLI. The dates that are planned (a goal's
/// "by", a follow-up) are ahead by nature and are never checked with it.
pub(crate) fn happened_problem(on: Date, today: Date) -> Option<String> {
    (on > today).then(|| {
        format!(
            "{on} is after today ({today}); what happened is dated today or earlier (yesterday, -3d, 3 dec)"
        )
    })
}

/// The one rule for what a recorded result does to a plan's status (docs/FORMAT.md, "status"): a clear answer
/// (commitment, compliance, resistance) closes the plan as `done`; "undecided", or no result, keeps it open, as
/// `ready` when it says who, what and how, else `draft`, whatever it was before. Dropping is the user's own
/// decision ([`Plan::mark_dropped`]), never a result's.
pub fn status_after(result: Option<OutcomeResult>, complete: bool) -> Status {
    match result {
        Some(OutcomeResult::Commitment | OutcomeResult::Compliance | OutcomeResult::Resistance) => {
            Status::Done
        }
        Some(OutcomeResult::Undecided) | None if complete => Status::Ready,
        Some(OutcomeResult::Undecided) | None => Status::Draft,
    }
}

impl Plan {
    /// Records how the conversation went; the status follows [`status_after`]. Recording an outcome on a dropped
    /// plan is working on it again, so it reopens too (and its drop reason goes).
    pub(crate) fn record_outcome(&mut self, outcome: Outcome, now: Timestamp) {
        self.status = status_after(outcome.result, self.is_complete());
        self.dropped_reason.clear();
        self.outcome = Some(outcome);
        self.updated = now;
    }

    /// Marks the plan dropped: the conversation will not happen or no longer matters. The reason, when given,
    /// is kept in the file (`dropped_reason`) for whoever looks back.
    pub fn mark_dropped(&mut self, reason: &str, now: Timestamp) {
        self.status = Status::Dropped;
        self.dropped_reason = reason.trim().to_string();
        self.updated = now;
    }

    /// Undoes [`Plan::mark_dropped`]: the status is what the outcome recorded says ([`status_after`]), and the
    /// drop reason goes, since it no longer describes the plan.
    pub fn reopen(&mut self, now: Timestamp) {
        self.status = status_after(
            self.outcome.as_ref().and_then(|o| o.result),
            self.is_complete(),
        );
        self.dropped_reason.clear();
        self.updated = now;
    }

    /// Logs something tried with the stakeholder.
    pub fn record_attempt(&mut self, attempt: Attempt, now: Timestamp) {
        self.attempts.push(attempt);
        self.updated = now;
    }

    /// A new plan for the next conversation with the same person about the same goal. What this plan tried, and
    /// how it went, becomes "already tried" there, so the ladder and the escalation rule see it.
    pub(crate) fn follow_up(&self, now: Timestamp, today: Date) -> Plan {
        let mut next = Plan::new(now);
        next.follows = self.id.clone();
        next.title = format!(
            "Follow-up: {}",
            self.display_title().trim_start_matches("Follow-up: ")
        );
        next.stakeholder = self.stakeholder.clone();
        next.goal = self.goal.clone();
        next.goal.by = self.goal.by.filter(|by| *by >= today);
        next.attempts = self.carried_attempts();
        if self.tactic.primary.is_some() {
            let outcome = self.outcome.as_ref();
            let already = next.attempts.iter().any(|a| {
                a.tactic == self.tactic.primary
                    && a.on.is_some()
                    && a.on == outcome.and_then(|o| o.on)
            });
            if !already {
                next.attempts.push(Attempt {
                    tactic: self.tactic.primary.clone(),
                    on: outcome.and_then(|o| o.on).or(Some(self.created_date())),
                    result: outcome.and_then(|o| o.result),
                    notes: outcome.map(|o| o.notes.clone()).unwrap_or_default(),
                    from: self.id.clone(),
                });
            }
        }
        next.status = Status::Draft;
        next
    }

    /// This plan's attempts as another plan carries them: copies, each naming the plan it was first recorded in
    /// (`from`), so that a try is counted once however many plans carry it (`domain::thread`).
    fn carried_attempts(&self) -> Vec<Attempt> {
        self.attempts
            .iter()
            .map(|a| Attempt {
                from: if a.from.trim().is_empty() {
                    self.id.clone()
                } else {
                    a.from.clone()
                },
                ..a.clone()
            })
            .collect()
    }

    /// A copy to start from: everything the user wrote, under a new id, as a draft with no outcome. Its tries
    /// are carried copies (`from`), counted once with the plan's.
    pub(crate) fn copy_as_draft(&self, now: Timestamp) -> Plan {
        let mut copy = self.clone();
        copy.attempts = self.carried_attempts();
        let fresh = Plan::new(now);
        copy.id = fresh.id;
        copy.created = now;
        copy.updated = now;
        copy.status = Status::Draft;
        copy.outcome = None;
        copy.follows = String::new();
        copy.version = fresh.version;
        copy
    }

    /// The status a plan should have after editing: complete plans are ready, incomplete ones drafts; plans
    /// already closed keep their status.
    pub(crate) fn settle_status(&mut self) {
        if matches!(self.status, Status::Draft | Status::Ready) {
            self.status = if self.is_complete() {
                Status::Ready
            } else {
                Status::Draft
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[allow(unused_imports)]
    use crate::domain::rung::{rung_text, test_rung};
    use jiff::civil::date;

    #[test]
    fn what_happened_is_today_or_earlier() {
        let today = date(2026, 12, 9);
        assert_eq!(happened_problem(today, today), None);
        assert_eq!(happened_problem(date(2025, 12, 9), today), None);
        let problem = happened_problem(date(2026, 12, 10), today).unwrap();
        assert!(
            problem.starts_with("2026-12-10 is after today"),
            "{problem}"
        );
    }

    fn base() -> Plan {
        let mut p = Plan::new("2026-11-01T09:00:00Z".parse().unwrap());
        p.stakeholder.name = "Dr Okafor".into();
        p.goal.want = "Adopt the pathway".into();
        p.goal.by = Some(date(2026, 11, 20));
        p.tactic.primary = test_rung("reason");
        p.attempts.push(Attempt {
            tactic: test_rung("inspire"),
            ..Default::default()
        });
        p
    }

    #[test]
    fn outcome_closes_the_plan_unless_undecided() {
        let mut p = base();
        let now: Timestamp = "2026-11-05T09:00:00Z".parse().unwrap();
        p.record_outcome(
            Outcome {
                result: Some(OutcomeResult::Undecided),
                ..Default::default()
            },
            now,
        );
        assert_eq!(p.status, Status::Ready);
        assert_eq!(p.updated, now);
        p.record_outcome(
            Outcome {
                result: Some(OutcomeResult::Resistance),
                ..Default::default()
            },
            now,
        );
        assert_eq!(p.status, Status::Done);
    }

    #[test]
    fn follow_up_carries_tactic_and_result_into_already_tried() {
        let mut p = base();
        p.outcome = Some(Outcome {
            on: Some(date(2026, 11, 3)),
            result: Some(OutcomeResult::Resistance),
            notes: "Too busy".into(),
            follow_up: None,
        });
        let next = p.follow_up("2026-11-10T09:00:00Z".parse().unwrap(), date(2026, 11, 10));
        assert_ne!(next.id, p.id);
        assert_eq!(next.follows, p.id);
        assert_eq!(next.stakeholder, p.stakeholder);
        assert_eq!(next.goal.want, p.goal.want);
        assert_eq!(next.goal.by, Some(date(2026, 11, 20)));
        assert_eq!(rung_text(&next.tactic.primary), "");
        assert_eq!(next.attempts.len(), 2);
        let carried = &next.attempts[1];
        assert_eq!(rung_text(&carried.tactic), "reason");
        assert_eq!(carried.result, Some(OutcomeResult::Resistance));
        assert_eq!(carried.on, Some(date(2026, 11, 3)));
        assert_eq!(next.status, Status::Draft);
        assert!(next.outcome.is_none());
        // a deadline already passed is not carried
        assert_eq!(
            p.follow_up(Timestamp::UNIX_EPOCH, date(2026, 12, 1))
                .goal
                .by,
            None
        );
    }

    #[test]
    fn copy_is_a_fresh_draft() {
        let mut p = base();
        p.status = Status::Done;
        p.outcome = Some(Outcome::default());
        let c = p.copy_as_draft("2026-12-01T09:00:00Z".parse().unwrap());
        assert_ne!(c.id, p.id);
        assert_eq!(c.status, Status::Draft);
        assert!(c.outcome.is_none());
        assert_eq!(c.goal, p.goal);
        assert_eq!(c.attempts.len(), p.attempts.len());
        assert_eq!(c.attempts[0].tactic, p.attempts[0].tactic);
        assert_eq!(c.attempts[0].from, p.id, "a carried copy, counted once");
    }

    #[test]
    fn settle_status_follows_completeness() {
        let mut p = base();
        p.settle_status();
        assert_eq!(p.status, Status::Ready);
        p.tactic.primary = None;
        p.settle_status();
        assert_eq!(p.status, Status::Draft);
        p.status = Status::Dropped;
        p.settle_status();
        assert_eq!(p.status, Status::Dropped);
    }

    #[test]
    fn each_result_sets_the_status_by_one_rule() {
        use OutcomeResult as R;
        for (result, want) in [
            (Some(R::Commitment), Status::Done),
            (Some(R::Compliance), Status::Done),
            (Some(R::Resistance), Status::Done),
            (Some(R::Undecided), Status::Ready),
            (None, Status::Ready),
        ] {
            for before in [Status::Draft, Status::Ready, Status::Done, Status::Dropped] {
                let mut p = base();
                p.status = before;
                p.record_outcome(
                    Outcome {
                        result,
                        ..Default::default()
                    },
                    Timestamp::UNIX_EPOCH,
                );
                assert_eq!(p.status, want, "{result:?} after {before:?}");
            }
        }
        assert_eq!(status_after(Some(R::Undecided), false), Status::Draft);
    }

    #[test]
    fn undecided_after_resistance_reopens_the_plan() {
        let mut p = base();
        let at = |r| Outcome {
            result: Some(r),
            ..Default::default()
        };
        p.record_outcome(at(OutcomeResult::Resistance), Timestamp::UNIX_EPOCH);
        assert_eq!(p.status, Status::Done);
        p.record_outcome(at(OutcomeResult::Undecided), Timestamp::UNIX_EPOCH);
        assert_eq!(p.status, Status::Ready);
    }

    #[test]
    fn dropping_keeps_the_reason_and_reopening_restores_the_status() {
        let mut p = base();
        p.record_outcome(
            Outcome {
                result: Some(OutcomeResult::Compliance),
                ..Default::default()
            },
            Timestamp::UNIX_EPOCH,
        );
        p.mark_dropped("  moved to another trust ", Timestamp::UNIX_EPOCH);
        assert_eq!(p.status, Status::Dropped);
        assert_eq!(p.dropped_reason, "moved to another trust");
        p.reopen(Timestamp::UNIX_EPOCH);
        assert_eq!(p.status, Status::Done, "the outcome recorded still counts");
        assert!(p.dropped_reason.is_empty());
        let mut fresh = base();
        fresh.mark_dropped("", Timestamp::UNIX_EPOCH);
        fresh.reopen(Timestamp::UNIX_EPOCH);
        assert_eq!(fresh.status, Status::Ready);
    }
}
