//! What the stakeholder history, the reflection stats and the escalation rule read from a plan. A whole [`Plan`]
//! has it, and so does the compact summary a large workbook keeps per file (`store::catalog::PlanSummary`), so
//! the same rules run over either without loading every plan in full.

use jiff::{Timestamp, civil::Date};

use super::{Attempt, Outcome, OutcomeResult, Plan, RungRef, Stakeholder, Status, Tactic, dates};

/// The parts of a plan the review rules need. Implementors may leave free-text fields the rules never read
/// (notes, rationale) empty. Attempts and the outcome are handed out as small values rather than references to
/// [`Attempt`] and [`Outcome`], so a summary need not keep those types (and their empty notes) for every plan.
pub trait PlanFacts {
    /// The plan's id, which a follow-up's `follows` and a carried try's `from` name (`domain::thread`).
    fn id(&self) -> &str;
    /// The id of the plan this one follows up, or empty.
    fn follows(&self) -> &str;
    fn created(&self) -> Timestamp;
    fn status(&self) -> Status;
    fn stakeholder(&self) -> &Stakeholder;
    fn tactic(&self) -> &Tactic;
    /// The attempts, in the plan's order.
    fn attempts(&self) -> impl Iterator<Item = AttemptFacts<'_>>;
    fn outcome(&self) -> Option<OutcomeFacts>;

    /// The date a person thinks of the plan by: when it was created, in their time zone.
    fn created_date(&self) -> Date {
        dates::local_date(self.created())
    }

    /// The recorded result, when the conversation has happened.
    fn outcome_result(&self) -> Option<OutcomeResult> {
        self.outcome().and_then(|o| o.result)
    }

    /// Status, or the outcome's result once one is recorded: what a list shows in one word.
    fn state_label(&self) -> &'static str {
        self.outcome_result()
            .map_or(self.status().as_str(), OutcomeResult::as_str)
    }
}

/// What the rules read of one attempt: everything but its notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttemptFacts<'a> {
    pub tactic: Option<&'a RungRef>,
    pub on: Option<Date>,
    pub result: Option<OutcomeResult>,
    /// The id of the plan this try was carried from, or empty (`domain::thread`).
    pub from: &'a str,
}

impl<'a> From<&'a Attempt> for AttemptFacts<'a> {
    fn from(a: &'a Attempt) -> Self {
        AttemptFacts {
            tactic: a.tactic.as_ref(),
            on: a.on,
            result: a.result,
            from: &a.from,
        }
    }
}

/// What the rules and the agenda read of an outcome: everything but its notes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutcomeFacts {
    pub on: Option<Date>,
    pub result: Option<OutcomeResult>,
    pub follow_up: Option<Date>,
}

impl From<&Outcome> for OutcomeFacts {
    fn from(o: &Outcome) -> Self {
        OutcomeFacts {
            on: o.on,
            result: o.result,
            follow_up: o.follow_up,
        }
    }
}

impl PlanFacts for Plan {
    fn id(&self) -> &str {
        &self.id
    }
    fn follows(&self) -> &str {
        &self.follows
    }
    fn created(&self) -> Timestamp {
        self.created
    }
    fn status(&self) -> Status {
        self.status
    }
    fn stakeholder(&self) -> &Stakeholder {
        &self.stakeholder
    }
    fn tactic(&self) -> &Tactic {
        &self.tactic
    }
    fn attempts(&self) -> impl Iterator<Item = AttemptFacts<'_>> {
        self.attempts.iter().map(AttemptFacts::from)
    }
    fn outcome(&self) -> Option<OutcomeFacts> {
        self.outcome.as_ref().map(OutcomeFacts::from)
    }
}

/// So that generic callers may pass `&&Plan` (an iterator's item) as readily as `&Plan`.
impl<T: PlanFacts + ?Sized> PlanFacts for &T {
    fn id(&self) -> &str {
        (**self).id()
    }
    fn follows(&self) -> &str {
        (**self).follows()
    }
    fn created(&self) -> Timestamp {
        (**self).created()
    }
    fn status(&self) -> Status {
        (**self).status()
    }
    fn stakeholder(&self) -> &Stakeholder {
        (**self).stakeholder()
    }
    fn tactic(&self) -> &Tactic {
        (**self).tactic()
    }
    fn attempts(&self) -> impl Iterator<Item = AttemptFacts<'_>> {
        (**self).attempts()
    }
    fn outcome(&self) -> Option<OutcomeFacts> {
        (**self).outcome()
    }
}
