//! What has been tried with whom. A person is whoever the plans name, matched the same way everywhere (rule,
//! lists, stakeholder view): by [`normalize_name`], and through the register's aliases when there is one
//! ([`PersonKeys`], built by `domain::people::People::keys`).

use jiff::civil::Date;

use super::people::{PersonKeys, person_key};
use super::{Ladder, OutcomeResult, Plan, PlanFacts};

mod tries;
pub(crate) use tries::Tried;
pub use tries::Try;

/// The form of a name used for matching: [`person_key`] (case, spaces, punctuation such as a title's full stop,
/// and Unicode forms ignored). Kept under this name for the callers that match spellings without a register.
pub fn normalize_name(name: &str) -> String {
    person_key(name)
}

/// Words separated by single spaces, without leading or trailing space.
fn single_spaced(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The mark for one rung: see [`StakeholderRecord::marks`].
pub(crate) fn result_mark(result: Option<OutcomeResult>, tried: bool) -> char {
    match (result, tried) {
        (Some(OutcomeResult::Commitment), _) => '+',
        (Some(OutcomeResult::Compliance), _) => '~',
        (Some(OutcomeResult::Resistance), _) => 'x',
        (Some(OutcomeResult::Undecided), _) | (None, true) => '?',
        (None, false) => '·',
    }
}

/// What the marks mean.
pub(crate) const MARKS_LEGEND: &str =
    "+ commitment  ~ compliance  x resistance  ? tried, no result  · not tried";

pub fn names_match(a: &str, b: &str) -> bool {
    normalize_name(a) == normalize_name(b)
}

/// Everything the workbook knows about one stakeholder.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StakeholderRecord {
    /// The person's key ([`PersonKeys::key`]): equal keys are one person.
    pub key: String,
    /// The register's name for a recorded person; otherwise the name as most often written (the most recent spelling on a tie), so one careless entry does not rename
    /// a person everywhere.
    pub name: String,
    pub role: String,
    /// Indexes of their plans in the slice the history was built from, oldest first.
    pub plans: Vec<usize>,
    pub tries: Vec<Try>,
    pub last_contact: Option<Date>,
    /// The result of the conversation that happened last, by its date: a plan's outcome (undated, its plan's
    /// date) or a dated try recorded with a result.
    pub last_outcome: Option<OutcomeResult>,
}

impl StakeholderRecord {
    /// Which rungs were tried (index = rung), for the rule and the ladder strips.
    pub(crate) fn tried(&self, ladder_len: usize) -> Vec<bool> {
        let mut tried = vec![false; ladder_len];
        for t in &self.tries {
            if let Some(slot) = tried.get_mut(t.rung()) {
                *slot = true;
            }
        }
        tried
    }

    /// One mark per rung, gentlest first, for what happened the last time it was tried: `+` commitment,
    /// `~` compliance, `x` resistance, `?` tried without a result, `·` not tried. One definition for the command
    /// line and the workbook, which colours the same marks.
    pub(crate) fn marks(&self, ladder_len: usize) -> Vec<char> {
        self.latest_results(ladder_len)
            .into_iter()
            .zip(self.tried(ladder_len))
            .map(|(result, tried)| result_mark(result, tried))
            .collect()
    }

    /// The most recent result per rung (None where untried or no result recorded).
    pub(crate) fn latest_results(&self, ladder_len: usize) -> Vec<Option<OutcomeResult>> {
        let mut out = vec![None; ladder_len];
        let mut when: Vec<Option<Date>> = vec![None; ladder_len];
        for t in &self.tries {
            let (rung, on) = (t.rung(), t.on());
            if rung < ladder_len
                && t.result().is_some()
                && (out[rung].is_none() || on >= when[rung])
            {
                out[rung] = t.result();
                when[rung] = on;
            }
        }
        out
    }
}

/// The history of every stakeholder in a set of plans.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// Sorted by key, found by halves: no table of keys beside the records, each of which holds its key.
    records: Vec<StakeholderRecord>,
    keys: PersonKeys,
}

/// Every try a plan records, in order, given to `each`: its attempts with a rung this ladder knows, each with the
/// plan it says it came from (`from`, empty when it names none), then its primary tactic once an outcome with a
/// result is recorded (with `None`: it came from nowhere else). The one place a plan's tries are read from its
/// facts, for [`tries_in`] and the counts alike.
pub(crate) fn each_try<P: PlanFacts + ?Sized>(
    ladder: &Ladder,
    plan: &P,
    mut each: impl FnMut(Tried, Option<&str>),
) {
    for a in plan.attempts() {
        if let Some(tried) = ladder
            .index_of(a.tactic)
            .and_then(|rung| Tried::new(rung, a.on, a.result))
        {
            each(tried, Some(a.from));
        }
    }
    if let Some(outcome) = plan.outcome()
        && let Some(result) = outcome.result
        && let Some(rung) = ladder.index_of(plan.tactic().primary.as_ref())
        && let Some(tried) =
            Tried::new(rung, outcome.on.or(Some(plan.created_date())), Some(result))
    {
        each(tried, None);
    }
}

/// The rungs a single plan shows as tried: its attempts, and its primary once an outcome is recorded
/// ([`each_try`]).
pub(crate) fn tries_in<P: PlanFacts + ?Sized>(ladder: &Ladder, plan: &P) -> Vec<Try> {
    let mut tries = Vec::new();
    let planned = plan.created();
    each_try(ladder, plan, |t, _| tries.push(t.in_plan(planned)));
    tries
}

impl History {
    pub fn from_plans<'a>(ladder: &Ladder, plans: impl IntoIterator<Item = &'a Plan>) -> Self {
        Self::from_facts(ladder, plans)
    }

    /// The history from anything that carries a plan's facts: whole plans, or the compact summaries of a large
    /// workbook (so the stakeholder view never needs every plan in memory).
    pub fn from_facts<'a, P: PlanFacts + 'a>(
        ladder: &Ladder,
        plans: impl IntoIterator<Item = &'a P>,
    ) -> Self {
        Self::from_facts_in(ladder, plans, &PersonKeys::default())
    }

    /// [`History::from_facts`] with the register's aliases: a plan for "Adeyemi" counts for "Dr Adeyemi" once
    /// the two are merged.
    pub fn from_facts_in<'a, P: PlanFacts + 'a>(
        ladder: &Ladder,
        plans: impl IntoIterator<Item = &'a P>,
        keys: &PersonKeys,
    ) -> Self {
        let plans: Vec<&P> = plans.into_iter().collect();
        // A try is one try however many plans of a thread carry it (`domain::thread`). The counted tries number
        // each plan's person, so what is kept per person is kept in a list by that number, not under a key.
        let counted = super::thread::counted_tries(ladder, &plans, keys);
        let who = |i: usize| counted.people.ids[i] as usize;
        let persons = counted.people.keys.len();
        // Each person's plans and tries are known in number before they are gathered: lists of the exact size.
        let mut sizes = vec![(0usize, 0usize); persons];
        for i in 0..plans.len() {
            let (n_plans, n_tries) = &mut sizes[who(i)];
            *n_plans += 1;
            *n_tries += counted[i].len();
        }
        let mut records: Vec<StakeholderRecord> = sizes
            .into_iter()
            .map(|(n_plans, n_tries)| StakeholderRecord {
                plans: Vec::with_capacity(n_plans),
                tries: Vec::with_capacity(n_tries),
                ..StakeholderRecord::default()
            })
            .collect();
        // Each person's spellings, written with single spaces, and how often each is used.
        let mut spellings: Vec<Vec<(String, usize)>> = vec![Vec::new(); persons];
        let mut last_outcome_on: Vec<Option<Date>> = vec![None; persons];
        let mut order: Vec<u32> = Vec::with_capacity(plans.len());
        order.extend((0..plans.len()).filter_map(|i| u32::try_from(i).ok()));
        order.sort_unstable_by_key(|&i| (plans[i as usize].created(), i));
        for index in order {
            let index = index as usize;
            let plan = plans[index];
            let person = who(index);
            if counted.people.key(counted.people.ids[index]).is_empty() {
                continue;
            }
            let stakeholder = plan.stakeholder();
            let seen = &mut spellings[person];
            match seen
                .iter_mut()
                .find(|(s, _)| s.split_whitespace().eq(stakeholder.name.split_whitespace()))
            {
                Some((_, n)) => *n += 1,
                None => {
                    // Most people are written one way: room for one spelling, not the four a push makes.
                    seen.reserve_exact(1);
                    seen.push((single_spaced(&stakeholder.name), 1));
                }
            }
            let record = &mut records[person];
            let role = stakeholder.role.trim();
            if !role.is_empty() && record.role != role {
                record.role.clear();
                record.role.push_str(role);
            }
            record.plans.push(index);
            let tries = &counted[index];
            let contact = tries.iter().filter_map(|t| t.on()).max();
            record.last_contact = record.last_contact.max(contact);
            // Every talk with a result counts for "how it went last": a dated earlier try as much as this plan's
            // outcome, which wins a tie (it is written after the tries it follows).
            let dated = tries.iter().filter_map(|t| Some((t.on()?, t.result()?)));
            let outcome = plan.outcome_result().map(|result| {
                let on = plan
                    .outcome()
                    .and_then(|o| o.on)
                    .unwrap_or_else(|| plan.created_date());
                (on, result)
            });
            let latest = &mut last_outcome_on[person];
            for (on, result) in dated.chain(outcome) {
                if latest.is_none_or(|latest| on >= latest) {
                    record.last_outcome = Some(result);
                    *latest = Some(on);
                }
            }
            let planned = plan.created();
            record
                .tries
                .extend(tries.iter().map(|t| t.in_plan(planned)));
        }
        let person_keys = counted.into_people().keys;
        // Named and sorted where they are, not moved to a second list.
        for ((record, key), seen) in records.iter_mut().zip(person_keys).zip(spellings) {
            if key.is_empty() {
                continue;
            }
            if let Some(name) = keys.name(&key) {
                record.name = name.to_string();
            } else if let Some((name, _)) = seen.into_iter().max_by_key(|(_, n)| *n) {
                // max_by_key keeps the last of equal counts, which is the most recent spelling
                record.name = name;
            }
            record.key = key;
        }
        // The plans that name no one are no one's.
        records.retain(|r| !r.key.is_empty());
        records.sort_unstable_by(|a, b| a.key.cmp(&b.key));
        History {
            records,
            keys: keys.clone(),
        }
    }

    /// Fills each person's role from the register where no plan gives one: a role recorded with
    /// `overture people set --role` or on their page shows in the stakeholders table as a plan's would. A role a
    /// plan gives wins, as it is the newer word on what they do in this conversation.
    pub fn with_register_roles(mut self, people: &super::people::People) -> Self {
        for record in &mut self.records {
            if record.role.is_empty()
                && let Some(person) = people.first(&record.name)
            {
                record.role = person.role.trim().to_string();
            }
        }
        self
    }

    /// Everything known about the person a name means (any spelling or alias).
    pub fn get(&self, name: &str) -> Option<&StakeholderRecord> {
        self.by_key(&self.keys.key(name))
    }

    /// The record of a person by their key ([`StakeholderRecord::key`]).
    pub fn by_key(&self, key: &str) -> Option<&StakeholderRecord> {
        let at = self
            .records
            .binary_search_by(|r| r.key.as_str().cmp(key))
            .ok()?;
        self.records.get(at)
    }

    /// How names become people in this history: the register's aliases, or spelling alone.
    pub fn keys(&self) -> &PersonKeys {
        &self.keys
    }

    /// Every stakeholder, by name.
    pub fn records(&self) -> Vec<&StakeholderRecord> {
        let mut v: Vec<_> = self.records.iter().collect();
        v.sort_by(|a, b| {
            person_key(&a.name)
                .cmp(&person_key(&b.name))
                .then_with(|| a.key.cmp(&b.key))
        });
        v
    }

    /// Names starting with (or containing) what has been typed, for completion.
    pub(crate) fn complete(&self, prefix: &str) -> Vec<&str> {
        let p = person_key(prefix);
        let mut starts: Vec<&str> = Vec::new();
        let mut contains: Vec<&str> = Vec::new();
        for r in &self.records {
            let key = &r.key;
            if key.starts_with(&p) {
                starts.push(&r.name);
            } else if key.contains(&p) {
                contains.push(&r.name);
            }
        }
        starts.sort_unstable();
        contains.sort_unstable();
        starts.extend(contains);
        starts
    }

    /// Rungs tried with the plan's stakeholder, across the workbook and in the plan itself (which may be new and
    /// not yet part of the history).
    pub(crate) fn tried_for<P: PlanFacts + ?Sized>(&self, ladder: &Ladder, plan: &P) -> Vec<bool> {
        let mut tried = self
            .get(&plan.stakeholder().name)
            .map(|r| r.tried(ladder.len()))
            .unwrap_or_else(|| vec![false; ladder.len()]);
        for t in tries_in(ladder, plan) {
            tried[t.rung()] = true;
        }
        tried
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[allow(unused_imports)]
    use crate::domain::rung::{rung_text, test_rung};

    #[test]
    fn names_match_ignoring_case_and_spacing() {
        assert!(names_match("Dr  Patel", " dr patel "));
        assert!(names_match("Søren Ødegård", "SØREN ØDEGÅRD"));
        // Ö as one character, and as O followed by a combining diaeresis
        assert!(names_match("Dr \u{d6}zdemir", "dr O\u{308}zdemir"));
        assert!(!names_match("Dr Patel", "Dr Patil"));
        assert!(!names_match("DrPatel", "Dr Patel"));
    }

    #[test]
    fn a_follow_up_lists_its_predecessors_tries_once_and_the_latest_outcome_is_by_date() {
        use crate::domain::{Outcome, Plan};
        use jiff::Timestamp;
        use jiff::civil::date;
        let ladder = Ladder::embedded();
        let mut first = Plan::new(Timestamp::UNIX_EPOCH);
        first.stakeholder.name = "Dr Okafor".into();
        first.tactic.primary = test_rung("reason");
        first.outcome = Some(Outcome {
            on: Some(date(2026, 11, 20)),
            result: Some(OutcomeResult::Resistance),
            ..Default::default()
        });
        let today = date(2026, 11, 21);
        let mut next = first.follow_up("2026-11-21T09:00:00Z".parse().unwrap(), today);
        next.tactic.primary = test_rung("coach");
        let history = History::from_plans(&ladder, [&first, &next]);
        let record = history.get("dr okafor").unwrap();
        assert_eq!(record.tries.len(), 1, "{:?}", record.tries);
        let stats = crate::domain::stats::Stats::build(&ladder, [&first, &next]);
        assert_eq!((stats.rungs[0].tried, stats.rungs[0].resistance), (1, 1));

        // An older plan's outcome recorded later is the latest outcome.
        next.outcome = Some(Outcome {
            on: Some(date(2026, 11, 10)),
            result: Some(OutcomeResult::Commitment),
            ..Default::default()
        });
        let history = History::from_plans(&ladder, [&first, &next]);
        assert_eq!(
            history.get("Dr Okafor").unwrap().last_outcome,
            Some(OutcomeResult::Resistance)
        );
    }

    #[test]
    fn earlier_tries_with_a_result_say_how_it_went_last_until_a_later_outcome() {
        use crate::domain::{Attempt, Outcome, Plan};
        use jiff::Timestamp;
        use jiff::civil::date;
        let ladder = Ladder::embedded();
        let mut plan = Plan::new(Timestamp::UNIX_EPOCH);
        plan.stakeholder.name = "Dr Adeyemi".into();
        plan.tactic.primary = test_rung("inspire");
        for (rung, on) in [("reason", date(2026, 11, 2)), ("deal", date(2026, 11, 9))] {
            plan.attempts.push(Attempt {
                tactic: test_rung(rung),
                on: Some(on),
                result: Some(OutcomeResult::Resistance),
                ..Default::default()
            });
        }
        let last = |plan: &Plan| {
            History::from_plans(&ladder, [plan])
                .get("Dr Adeyemi")
                .unwrap()
                .last_outcome
        };
        // Nothing recorded on the plan itself yet: the tries are how it went.
        assert_eq!(last(&plan), Some(OutcomeResult::Resistance));
        plan.outcome = Some(Outcome {
            on: Some(date(2026, 11, 20)),
            result: Some(OutcomeResult::Commitment),
            ..Default::default()
        });
        assert_eq!(last(&plan), Some(OutcomeResult::Commitment));
    }
}
