//! What the stakeholder history, the reflection stats and the escalation rule read from a plan. A whole [`Plan`]
//! has it, and so does the compact summary a large workbook keeps per file (`store::catalog::PlanSummary`), so
//! the same rules run over either without loading every plan in full.

use jiff::{Timestamp, civil::Date};

use super::{Attempt, Outcome, OutcomeResult, Plan, Stakeholder, Status, Tactic, dates};

/// The parts of a plan the review rules need. Implementors may leave free-text fields the rules never read
/// (notes, rationale, cares_about) empty.
pub trait PlanFacts {
    /// The plan's id, which a follow-up's `follows` and a carried try's `from` name (`domain::thread`).
    fn id(&self) -> &str;
    /// The id of the plan this one follows up, or empty.
    fn follows(&self) -> &str;
    fn created(&self) -> Timestamp;
    fn status(&self) -> Status;
    fn stakeholder(&self) -> &Stakeholder;
    fn tactic(&self) -> &Tactic;
    fn attempts(&self) -> &[Attempt];
    fn outcome(&self) -> Option<&Outcome>;

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

/// Implements [`PlanFacts`] for a type that keeps the facts in fields of the same names and types as [`Plan`]'s:
/// a plan and its summary, so that the two cannot drift apart.
macro_rules! plan_facts_from_fields {
    ($t:ty) => {
        impl $crate::domain::PlanFacts for $t {
            fn id(&self) -> &str {
                &self.id
            }
            fn follows(&self) -> &str {
                &self.follows
            }
            fn created(&self) -> ::jiff::Timestamp {
                self.created
            }
            fn status(&self) -> $crate::domain::Status {
                self.status
            }
            fn stakeholder(&self) -> &$crate::domain::Stakeholder {
                &self.stakeholder
            }
            fn tactic(&self) -> &$crate::domain::Tactic {
                &self.tactic
            }
            fn attempts(&self) -> &[$crate::domain::Attempt] {
                &self.attempts
            }
            fn outcome(&self) -> Option<&$crate::domain::Outcome> {
                self.outcome.as_ref()
            }
        }
    };
}
pub(crate) use plan_facts_from_fields;

plan_facts_from_fields!(Plan);

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
    fn attempts(&self) -> &[Attempt] {
        (**self).attempts()
    }
    fn outcome(&self) -> Option<&Outcome> {
        (**self).outcome()
    }
}
