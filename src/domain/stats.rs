//! Reflection: which rungs a user leans on, which they never use, and how each went. The user's own figures are
//! counted here; the research tendencies shown beside them come from the ladder's notes, labelled as such.

use std::collections::BTreeMap;

use super::{Direction, Ladder, OutcomeResult, Plan, PlanFacts};

/// How one rung has been used.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct RungUse {
    /// Plans that chose it as the primary tactic.
    pub primary: usize,
    /// Plans that kept it as the backup.
    pub backup: usize,
    /// Times it was recorded as tried (attempts, and primaries with an outcome).
    pub tried: usize,
    /// Times it came up at all. A plan that chose it and recorded how it went counts once, not as a choice and
    /// again as a try: the user did one thing.
    pub uses: usize,
    pub commitment: usize,
    pub compliance: usize,
    pub resistance: usize,
    pub undecided: usize,
}

impl RungUse {
    /// How often the rung came up at all: chosen or tried.
    pub(crate) fn uses(&self) -> usize {
        self.uses
    }

    pub(crate) fn results(&self) -> usize {
        self.commitment + self.compliance + self.resistance + self.undecided
    }

    fn count(&mut self, result: Option<OutcomeResult>) {
        self.tried += 1;
        match result {
            Some(OutcomeResult::Commitment) => self.commitment += 1,
            Some(OutcomeResult::Compliance) => self.compliance += 1,
            Some(OutcomeResult::Resistance) => self.resistance += 1,
            Some(OutcomeResult::Undecided) => self.undecided += 1,
            None => {}
        }
    }
}

/// Adds one plan's counts to a total, rung by rung.
fn add(total: &mut [RungUse], plan: &[RungUse]) {
    for (total, add) in total.iter_mut().zip(plan) {
        total.primary += add.primary;
        total.backup += add.backup;
        total.tried += add.tried;
        total.uses += add.uses;
        total.commitment += add.commitment;
        total.compliance += add.compliance;
        total.resistance += add.resistance;
        total.undecided += add.undecided;
    }
}

/// Counts per rung, overall and by direction.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Stats {
    pub plans: usize,
    pub rungs: Vec<RungUse>,
    /// Only directions that occur in the plans.
    pub by_direction: BTreeMap<Direction, Vec<RungUse>>,
}

impl Stats {
    pub fn build<'a>(ladder: &Ladder, plans: impl IntoIterator<Item = &'a Plan>) -> Self {
        Self::from_facts(ladder, plans)
    }

    /// The stats from anything that carries a plan's facts: whole plans, or a large workbook's summaries.
    pub(crate) fn from_facts<'a, P: PlanFacts + 'a>(
        ladder: &Ladder,
        plans: impl IntoIterator<Item = &'a P>,
    ) -> Self {
        Self::from_facts_in(ladder, plans, &super::people::PersonKeys::default())
    }

    /// [`Stats::from_facts`] with the register's aliases: a try carried into a follow-up written under another
    /// spelling of the person is still matched with its original, and counted once.
    pub(crate) fn from_facts_in<'a, P: PlanFacts + 'a>(
        ladder: &Ladder,
        plans: impl IntoIterator<Item = &'a P>,
        keys: &super::people::PersonKeys,
    ) -> Self {
        let n = ladder.len();
        let mut stats = Stats {
            plans: 0,
            rungs: vec![RungUse::default(); n],
            by_direction: BTreeMap::new(),
        };
        // A try is one try however many plans of a thread carry it (`domain::thread`).
        let plans: Vec<&P> = plans.into_iter().collect();
        let counted = super::thread::counted_tries(ladder, &plans, keys);
        let mut per_plan = vec![RungUse::default(); n];
        for (i, plan) in plans.iter().enumerate() {
            stats.plans += 1;
            per_plan.fill(RungUse::default());
            if let Some(i) = ladder.index_of(plan.tactic().primary.as_ref()) {
                per_plan[i].primary += 1;
            }
            if let Some(i) = ladder.index_of(plan.tactic().backup.as_ref()) {
                per_plan[i].backup += 1;
            }
            for t in &counted[i] {
                per_plan[t.rung()].count(t.result());
            }
            for u in &mut per_plan {
                u.uses = u.primary.max(u.tried);
            }
            add(&mut stats.rungs, &per_plan);
            if let Some(d) = plan.stakeholder().direction {
                let by_direction = stats
                    .by_direction
                    .entry(d)
                    .or_insert_with(|| vec![RungUse::default(); n]);
                add(by_direction, &per_plan);
            }
        }
        stats
    }

    /// Rungs never chosen or tried: the ones the user could try more often.
    pub(crate) fn never_used(&self) -> Vec<usize> {
        self.rungs
            .iter()
            .enumerate()
            .filter(|(_, r)| r.uses() == 0)
            .map(|(i, _)| i)
            .collect()
    }

    /// The rungs used most, when one or two stand out.
    pub(crate) fn most_used(&self) -> Vec<usize> {
        let max = self.rungs.iter().map(RungUse::uses).max().unwrap_or(0);
        if max == 0 {
            return Vec::new();
        }
        self.rungs
            .iter()
            .enumerate()
            .filter(|(_, r)| r.uses() == max)
            .map(|(i, _)| i)
            .collect()
    }

    /// Short observations in plain words, from the user's own figures only.
    pub(crate) fn insights(&self, ladder: &Ladder) -> Vec<String> {
        let mut out = Vec::new();
        if self.plans == 0 {
            return out;
        }
        let names = |idx: &[usize]| ladder.names_for_sentence(idx);
        let most = self.most_used();
        if !most.is_empty() && most.len() <= 2 {
            out.push(format!("You lean most on {}.", names(&most)));
        }
        let never = self.never_used();
        if !never.is_empty() {
            out.push(format!("Never used so far: {}.", names(&never)));
        }
        let total: usize = self.rungs.iter().map(RungUse::uses).sum();
        let hard: usize = self
            .rungs
            .iter()
            .zip(ladder.rungs())
            .filter(|(_, r)| r.escalation)
            .map(|(u, _)| u.uses())
            .sum();
        if total > 0 && hard * 4 > total {
            let share = match (hard, total) {
                (1, 1) => {
                    "The one tactic you have chosen or tried is an escalation rung".to_string()
                }
                (h, t) if h == t => {
                    format!("All {t} tactics you chose or tried are escalation rungs")
                }
                (h, t) => format!("{h} of the {t} tactics you chose or tried are escalation rungs"),
            };
            out.push(format!(
                "{share}; the research finds hard tactics tend to bring resistance more often than commitment \
                 (Falbe & Yukl, 1992)."
            ));
        }
        let resisted: Vec<usize> = self
            .rungs
            .iter()
            .enumerate()
            .filter(|(_, r)| r.results() >= 2 && r.resistance * 2 > r.results())
            .map(|(i, _)| i)
            .collect();
        if !resisted.is_empty() {
            out.push(format!(
                "{} met resistance more often than not.",
                names(&resisted)
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[allow(unused_imports)]
    use crate::domain::rung::{rung_text, test_rung};
    use crate::domain::{Attempt, Outcome};
    use jiff::Timestamp;

    fn plan(
        primary: &str,
        dir: Option<Direction>,
        attempts: &[(&str, Option<OutcomeResult>)],
    ) -> Plan {
        let mut p = Plan::new(Timestamp::UNIX_EPOCH);
        p.stakeholder.name = "A".into();
        p.stakeholder.direction = dir;
        p.tactic.primary = test_rung(primary);
        p.attempts = attempts
            .iter()
            .map(|(t, r)| Attempt {
                tactic: test_rung(t),
                result: *r,
                ..Default::default()
            })
            .collect();
        p
    }

    #[test]
    fn counts_primaries_attempts_and_results() {
        let ladder = Ladder::embedded();
        let mut done = plan(
            "force",
            Some(Direction::Down),
            &[("reason", Some(OutcomeResult::Resistance))],
        );
        done.outcome = Some(Outcome {
            result: Some(OutcomeResult::Compliance),
            ..Default::default()
        });
        let plans = [
            done,
            plan(
                "reason",
                Some(Direction::Up),
                &[("reason", Some(OutcomeResult::Resistance))],
            ),
            plan("deal", None, &[("bribe", None)]),
        ];
        let s = Stats::build(&ladder, &plans);
        assert_eq!(s.plans, 3);
        let reason = &s.rungs[0];
        assert_eq!((reason.primary, reason.tried, reason.resistance), (1, 2, 2));
        let force = &s.rungs[8];
        assert_eq!((force.primary, force.tried, force.compliance), (1, 1, 1));
        // Chosen and then tried in the same plan is one use; tried in another plan is another.
        assert_eq!((reason.uses(), force.uses(), s.rungs[4].uses()), (2, 1, 1));
        assert_eq!(s.rungs[4].primary, 1);
        assert_eq!(s.by_direction.len(), 2);
        assert_eq!(s.by_direction[&Direction::Down][8].primary, 1);
        assert_eq!(s.by_direction[&Direction::Up][0].tried, 1);
        assert_eq!(s.never_used(), vec![1, 2, 3, 5, 6, 7]);
        assert_eq!(s.most_used(), vec![0]);
        let insights = s.insights(&ladder).join("\n");
        assert!(insights.contains("You lean most on Reason."), "{insights}");
        assert!(
            insights.contains("Never used so far: Inspire, Coach"),
            "{insights}"
        );
        assert!(
            insights.contains("Reason met resistance more often than not."),
            "{insights}"
        );
        // One hard use in four is not a habit worth a warning.
        assert!(!insights.contains("escalation rung"), "{insights}");
    }

    #[test]
    fn leaning_on_hard_rungs_is_named_in_plain_numbers() {
        let ladder = Ladder::embedded();
        let mut one = plan("force", None, &[]);
        one.outcome = Some(Outcome {
            result: Some(OutcomeResult::Resistance),
            ..Default::default()
        });
        let insights = |plans: &[Plan]| Stats::build(&ladder, plans).insights(&ladder).join("\n");
        let text = insights(std::slice::from_ref(&one));
        assert!(
            text.contains("The one tactic you have chosen or tried is an escalation rung;"),
            "{text}"
        );
        let two = [one.clone(), plan("authority", None, &[])];
        assert!(insights(&two).contains("All 2 tactics you chose or tried are escalation rungs;"));
        let three = [one, plan("authority", None, &[]), plan("reason", None, &[])];
        assert!(
            insights(&three)
                .contains("2 of the 3 tactics you chose or tried are escalation rungs;")
        );
    }

    #[test]
    fn empty_workbook_has_no_insights() {
        let ladder = Ladder::embedded();
        let s = Stats::build(&ladder, &[]);
        assert!(s.insights(&ladder).is_empty());
        assert_eq!(s.never_used().len(), 9);
    }
}
