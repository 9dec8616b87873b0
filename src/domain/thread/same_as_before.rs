//! The counted tries, the history and the stats give what they gave before they were made to keep little per
//! plan: the earlier code, kept here as it was (a list of tries per plan, a key per plan, a lowercased copy of
//! every id), run beside the current code over many generated workbooks with threads, carried and edited copies,
//! ids in other cases, duplicate ids, names in other spellings and aliases.

use std::collections::{BTreeMap, HashMap, HashSet};

use jiff::Timestamp;
use jiff::civil::{Date, date};

use super::counted_tries;
use crate::domain::history::{StakeholderRecord, Try, tries_in};
use crate::domain::people::{People, Person, PersonKeys};
use crate::domain::rung::test_rung;
use crate::domain::stats::{RungUse, Stats};
use crate::domain::{
    Attempt, Direction, History, Ladder, Outcome, OutcomeResult, Plan, PlanFacts, RungRef,
};

fn key(id: &str) -> String {
    id.trim().to_ascii_lowercase()
}

type TryKey = (usize, Option<Date>, Option<OutcomeResult>);

fn try_key(t: &Try) -> TryKey {
    (t.rung(), t.on(), t.result())
}

/// `counted_tries` as it was.
fn counted_before<P: PlanFacts>(ladder: &Ladder, plans: &[P], keys: &PersonKeys) -> Vec<Vec<Try>> {
    let ids: HashMap<String, usize> = plans
        .iter()
        .enumerate()
        .map(|(i, p)| (key(p.id()), i))
        .filter(|(k, _)| !k.is_empty())
        .collect();
    let people: Vec<String> = plans
        .iter()
        .map(|p| keys.key(&p.stakeholder().name))
        .collect();
    let order = |i: usize| (plans[i].created(), plans[i].id());
    let all: Vec<Vec<Try>> = plans.iter().map(|p| tries_in(ladder, p)).collect();
    let mut counted: Vec<Vec<Try>> = Vec::with_capacity(plans.len());
    for (i, plan) in plans.iter().enumerate() {
        let mut attempts = plan.attempts();
        let origins: Vec<Option<usize>> = all[i]
            .iter()
            .map(|t| {
                let attempt = attempts
                    .by_ref()
                    .find(|a| ladder.index_of(a.tactic) == Some(t.rung()))?;
                let id = if attempt.from.trim().is_empty() {
                    plan.follows()
                } else {
                    attempt.from
                };
                ids.get(&key(id))
                    .copied()
                    .filter(|&o| o != i && order(o) < order(i) && people[o] == people[i])
            })
            .collect();
        let mut pools: HashMap<usize, Vec<(TryKey, usize)>> = HashMap::new();
        let mut copy = vec![false; all[i].len()];
        for loose in [false, true] {
            for (n, t) in all[i].iter().enumerate() {
                let Some(o) = origins[n].filter(|_| !copy[n]) else {
                    continue;
                };
                let pool = pools.entry(o).or_insert_with(|| {
                    let mut m: Vec<(TryKey, usize)> = Vec::new();
                    for t in &all[o] {
                        match m.iter_mut().find(|(k, _)| *k == try_key(t)) {
                            Some((_, count)) => *count += 1,
                            None => m.push((try_key(t), 1)),
                        }
                    }
                    m
                });
                let want = try_key(t);
                let found = pool.iter_mut().find(|(k, count)| {
                    *count > 0
                        && if loose {
                            k.0 == want.0 && k.2 == want.2 && (k.1.is_none() || want.1.is_none())
                        } else {
                            *k == want
                        }
                });
                if let Some((_, count)) = found {
                    *count -= 1;
                    copy[n] = true;
                }
            }
        }
        let kept: Vec<Try> = all[i]
            .iter()
            .zip(&copy)
            .filter(|(_, copy)| !**copy)
            .map(|(t, _)| *t)
            .collect();
        counted.push(kept);
    }
    let mut by_age: Vec<usize> = (0..plans.len()).collect();
    by_age.sort_by(|&a, &b| order(a).cmp(&order(b)));
    let mut person_ids: HashMap<&str, usize> = HashMap::new();
    let mut seen = HashSet::new();
    for i in by_age {
        if people[i].is_empty() {
            continue;
        }
        let next = person_ids.len();
        let who = *person_ids.entry(people[i].as_str()).or_insert(next);
        counted[i].retain(|t| t.on().is_none() || seen.insert((who, try_key(t))));
    }
    counted
}

fn single_spaced(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `History::from_facts_in`'s records as they were.
fn history_before(
    ladder: &Ladder,
    plans: &[Plan],
    keys: &PersonKeys,
) -> HashMap<String, StakeholderRecord> {
    let mut records: HashMap<String, StakeholderRecord> = HashMap::new();
    let mut spellings: HashMap<String, Vec<(String, usize)>> = HashMap::new();
    let mut last_outcome_on: HashMap<String, Date> = HashMap::new();
    let mut counted = counted_before(ladder, plans, keys);
    let mut order: Vec<usize> = (0..plans.len()).collect();
    order.sort_by_key(|&i| plans[i].created());
    for index in order {
        let plan = &plans[index];
        let stakeholder = plan.stakeholder();
        let key = keys.key(&stakeholder.name);
        if key.is_empty() {
            continue;
        }
        let spelling = single_spaced(&stakeholder.name);
        let seen = spellings.entry(key.clone()).or_default();
        match seen.iter_mut().find(|(s, _)| *s == spelling) {
            Some((_, n)) => *n += 1,
            None => seen.push((spelling, 1)),
        }
        let record = records.entry(key.clone()).or_default();
        if !stakeholder.role.trim().is_empty() {
            record.role = stakeholder.role.trim().to_string();
        }
        record.plans.push(index);
        let tries = std::mem::take(&mut counted[index]);
        let contact = tries.iter().filter_map(|t| t.on()).max();
        record.last_contact = record.last_contact.max(contact);
        let dated = tries.iter().filter_map(|t| Some((t.on()?, t.result()?)));
        let outcome = plan.outcome_result().map(|result| {
            let on = plan
                .outcome()
                .and_then(|o| o.on)
                .unwrap_or_else(|| plan.created_date());
            (on, result)
        });
        for (on, result) in dated.chain(outcome) {
            let latest = last_outcome_on.entry(key.clone()).or_insert(on);
            if on >= *latest {
                record.last_outcome = Some(result);
                *latest = on;
            }
        }
        record.tries.extend(tries);
    }
    for (key, record) in records.iter_mut() {
        record.key = key.clone();
        if let Some(name) = keys.name(key) {
            record.name = name.to_string();
        } else if let Some(seen) = spellings.get(key)
            && let Some((name, _)) = seen.iter().max_by_key(|(_, n)| *n)
        {
            record.name = name.clone();
        }
    }
    records
}

/// `Stats::from_facts_in` as it was.
fn stats_before(ladder: &Ladder, plans: &[Plan], keys: &PersonKeys) -> Stats {
    let n = ladder.len();
    let mut stats = Stats {
        plans: 0,
        rungs: vec![RungUse::default(); n],
        by_direction: BTreeMap::new(),
    };
    for (plan, tries) in plans.iter().zip(counted_before(ladder, plans, keys)) {
        stats.plans += 1;
        let mut per_plan = vec![RungUse::default(); n];
        if let Some(i) = ladder.index_of(plan.tactic.primary.as_ref()) {
            per_plan[i].primary += 1;
        }
        if let Some(i) = ladder.index_of(plan.tactic.backup.as_ref()) {
            per_plan[i].backup += 1;
        }
        for t in tries {
            per_plan[t.rung()].tried += 1;
            match t.result() {
                Some(OutcomeResult::Commitment) => per_plan[t.rung()].commitment += 1,
                Some(OutcomeResult::Compliance) => per_plan[t.rung()].compliance += 1,
                Some(OutcomeResult::Resistance) => per_plan[t.rung()].resistance += 1,
                Some(OutcomeResult::Undecided) => per_plan[t.rung()].undecided += 1,
                None => {}
            }
        }
        for u in &mut per_plan {
            u.uses = u.primary.max(u.tried);
        }
        let mut targets = vec![&mut stats.rungs];
        if let Some(d) = plan.stakeholder.direction {
            targets.push(
                stats
                    .by_direction
                    .entry(d)
                    .or_insert_with(|| vec![RungUse::default(); n]),
            );
        }
        for target in targets {
            for (total, add) in target.iter_mut().zip(&per_plan) {
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
    }
    stats
}

/// A small deterministic generator, so that a failure is the same on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// An id as a hand may have typed it: in another case, with spaces around.
fn retyped(rng: &mut Rng, id: &str) -> String {
    match rng.below(4) {
        0 => id.to_ascii_lowercase(),
        1 => format!("  {id} "),
        2 => id.to_ascii_uppercase(),
        _ => id.to_string(),
    }
}

/// A workbook of `n` plans, with threads, copies carried (some edited, some dated, some from another person's
/// plan), ids shared or empty, plans made at the same moment, names in several spellings.
fn workbook(rng: &mut Rng, n: usize) -> Vec<Plan> {
    let names = [
        "Dr Adeyemi",
        "dr.  adeyemi",
        "Adeyemi",
        "Ms Chen",
        "MS CHEN",
        "",
        "?",
        "Mr Ode",
        "Søren Ødegård",
    ];
    let rungs: Vec<Option<RungRef>> = ["reason", "inspire", "coach", "deal", "force", "nosuch"]
        .into_iter()
        .map(test_rung)
        .collect();
    let results = [
        None,
        Some(OutcomeResult::Commitment),
        Some(OutcomeResult::Compliance),
        Some(OutcomeResult::Resistance),
        Some(OutcomeResult::Undecided),
    ];
    let days = [None, Some(date(2026, 11, 2)), Some(date(2026, 11, 9))];
    let directions = [None, Some(Direction::Up), Some(Direction::Down)];
    let mut plans: Vec<Plan> = Vec::with_capacity(n);
    for i in 0..n {
        let day = 1 + rng.below(12) as i8;
        let created: Timestamp = format!("2026-10-{day:02}T09:00:00Z").parse().unwrap();
        let mut plan = Plan::new(created);
        plan.id = match rng.below(10) {
            0 if i > 0 => {
                let other = plans[rng.below(i)].id.clone();
                retyped(rng, &other)
            }
            1 => " ".into(),
            _ => format!("P{i:03}"),
        };
        plan.stakeholder.name = rng.pick(&names).to_string();
        plan.stakeholder.role = rng.pick(&["", "Head of ward", " Lead "]).to_string();
        plan.stakeholder.direction = *rng.pick(&directions);
        plan.tactic.primary = rng.pick(&rungs).clone();
        plan.tactic.backup = rng.chance(40).then(|| rng.pick(&rungs).clone()).flatten();
        let earlier = (i > 0 && rng.chance(50)).then(|| rng.below(i));
        if let Some(e) = earlier {
            plan.follows = retyped(rng, &plans[e].id);
            if rng.chance(20) {
                plan.stakeholder.name = plans[e].stakeholder.name.clone();
            }
            for a in plans[e].attempts.clone() {
                if rng.chance(70) {
                    let mut copy = a;
                    if copy.from.trim().is_empty() || rng.chance(30) {
                        copy.from = if rng.chance(20) {
                            String::new()
                        } else {
                            retyped(rng, &plans[e].id)
                        };
                    }
                    if rng.chance(15) {
                        copy.on = *rng.pick(&days);
                    }
                    if rng.chance(10) {
                        copy.result = *rng.pick(&results);
                    }
                    plan.attempts.push(copy);
                }
            }
        }
        for _ in 0..rng.below(3) {
            plan.attempts.push(Attempt {
                tactic: rng.chance(90).then(|| rng.pick(&rungs).clone()).flatten(),
                on: *rng.pick(&days),
                result: *rng.pick(&results),
                from: if i > 0 && rng.chance(15) {
                    let other = rng.below(i);
                    retyped(rng, &plans[other].id)
                } else {
                    String::new()
                },
                ..Default::default()
            });
        }
        if rng.chance(60) {
            plan.outcome = Some(Outcome {
                on: *rng.pick(&days),
                result: *rng.pick(&results),
                ..Default::default()
            });
        }
        plans.push(plan);
    }
    plans
}

fn register() -> PersonKeys {
    let mut a = Person::named("Dr Adeyemi");
    a.add_alias("Adeyemi");
    People::new(vec![a, Person::named("Ms Chen")]).keys()
}

#[test]
fn the_counts_are_what_they_were_over_many_generated_workbooks() {
    let ladder = Ladder::embedded();
    let mut rng = Rng(7);
    let mut copies_seen = 0;
    for round in 0..300 {
        let plans = workbook(&mut rng, 1 + round % 40);
        for keys in [PersonKeys::default(), register()] {
            let before = counted_before(&ladder, &plans, &keys);
            let now = counted_tries(&ladder, &plans, &keys);
            for (i, (was, p)) in before.iter().zip(&plans).enumerate() {
                let is: Vec<TryKey> = now[i]
                    .iter()
                    .map(|t| try_key(&t.in_plan(p.created)))
                    .collect();
                let was: Vec<TryKey> = was.iter().map(try_key).collect();
                assert_eq!(is, was, "round {round}, plan {i}");
                copies_seen += tries_in(&ladder, p).len() - was.len();
            }
            let mut was = history_before(&ladder, &plans, &keys);
            let history = History::from_facts_in(&ladder, &plans, &keys);
            let is = history.records();
            assert_eq!(is.len(), was.len(), "round {round}");
            for record in is {
                assert_eq!(
                    Some(record),
                    was.remove(&record.key).as_ref(),
                    "round {round}"
                );
            }
            assert_eq!(
                Stats::from_facts_in(&ladder, &plans, &keys),
                stats_before(&ladder, &plans, &keys),
                "round {round}"
            );
        }
    }
    // The workbooks did hold copies for the rule to skip, not only plans alone.
    assert!(copies_seen > 500, "{copies_seen}");
}
