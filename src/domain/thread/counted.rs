//! [`counted_tries`]: which tries count, over a whole workbook. It runs for every list and the stats, over every
//! plan, so it keeps little per plan: one flat list of compact tries with where each plan's begin, each plan's
//! person as a number, its position by id as a number.

use std::collections::HashSet;
use std::ops::Index;

use super::Ids;
use crate::domain::history::{Tried, each_try};
use crate::domain::people::{PersonIds, PersonKeys};
use crate::domain::{Ladder, PlanFacts};

/// The tries that count, for every plan of a slice ([`counted_tries`]); `counted[i]` is plan `i`'s.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Counted {
    tries: Vec<Tried>,
    /// Where each plan's tries begin in `tries`, and one more: where the last plan's end.
    starts: Vec<u32>,
    /// Each plan's person, as a number: the history gathers by it rather than keying every plan again.
    pub(crate) people: PersonIds,
}

impl Counted {
    /// Every counted try, plan after plan.
    #[cfg(test)]
    pub(crate) fn all(&self) -> &[Tried] {
        &self.tries
    }

    /// The people alone, the tries let go.
    pub(crate) fn into_people(self) -> PersonIds {
        self.people
    }
}

impl Index<usize> for Counted {
    type Output = [Tried];

    fn index(&self, plan: usize) -> &[Tried] {
        &self.tries[self.starts[plan] as usize..self.starts[plan + 1] as usize]
    }
}

/// A position as stored: a workbook holds far fewer than `u32::MAX` plans or tries (each takes many bytes).
fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The tries that count, per plan, in the order of `plans`: the one rule for every count of tries (history,
/// stats, the rule, the page).
///
/// A plan's tries are its `[[attempts]]` and its primary tactic once an outcome is recorded
/// ([`crate::domain::history::tries_in`]). An attempt is a carried copy, and does not count, when all of these
/// hold:
/// - it names the plan it came from: `from`, or, in a file written before `from` existed, the plan it
///   `follows`;
/// - that plan is in `plans`, was made before this one, and is for the same person;
/// - that plan still records the same try: the same rung and result, and the same date, or a date only one of
///   the two gives (a date added to a carried try is that try's date); each copy uses up one.
///
/// So a copy edited by hand to say something else (another result, another date) no longer matches and counts
/// as the user's own try, and a copy whose plan was deleted counts in its place: nothing the user wrote is lost
/// from the counts.
/// Beyond threads, the same dated try with the same person in two plans (a copied plan) is one conversation and
/// counts once; undated tries outside a thread are never merged, as two of them may well be two conversations.
/// People are matched by `keys` (the register's aliases; the default matches names as everywhere else).
pub(crate) fn counted_tries<P: PlanFacts>(
    ladder: &Ladder,
    plans: &[P],
    keys: &PersonKeys,
) -> Counted {
    let people = keys.intern(plans.iter().map(|p| p.stakeholder().name.as_str()));
    let ids = Ids::new(plans);
    let order = |i: usize| (plans[i].created(), plans[i].id());
    // Every plan's tries, read twice: first counted, with the few that name an earlier plan of the same person as
    // the one they came from (a follow-up's) noted as (plan, try, plan it came from); then gathered into a list of
    // the exact size (grown by doubling, it held up to twice the room at the history's peak).
    let mut starts: Vec<u32> = Vec::with_capacity(plans.len() + 1);
    let mut carried: Vec<(u32, u32, u32)> = Vec::new();
    let mut count = 0usize;
    for (i, plan) in plans.iter().enumerate() {
        starts.push(small(count));
        each_try(ladder, plan, |_, from| {
            let origin = from
                .and_then(|from| {
                    ids.get(if from.trim().is_empty() {
                        plan.follows()
                    } else {
                        from
                    })
                })
                .filter(|&o| o != i && order(o) < order(i) && people.ids[o] == people.ids[i]);
            if let Some(o) = origin {
                carried.push((small(i), small(count), small(o)));
            }
            count += 1;
        });
    }
    starts.push(small(count));
    let mut tries: Vec<Tried> = Vec::with_capacity(count);
    for plan in plans {
        each_try(ladder, plan, |t, _| tries.push(t));
    }
    let span = |plan: u32| starts[plan as usize] as usize..starts[plan as usize + 1] as usize;
    let mut counts = vec![true; tries.len()];

    // What each origin still records, as a multiset a plan's copies use up: the same try first, then one that
    // differs only by a date one side lacks (a date given to a carried try in "Already tried"). Kept as
    // (origin, try, how many) in the order the origin records them, for one plan at a time.
    let mut pools: Vec<(u32, Tried, u32)> = Vec::new();
    for copies in carried.chunk_by(|a, b| a.0 == b.0) {
        pools.clear();
        for loose in [false, true] {
            for &(_, n, o) in copies {
                if !counts[n as usize] {
                    continue;
                }
                if !pools.iter().any(|p| p.0 == o) {
                    for t in &tries[span(o)] {
                        match pools.iter_mut().find(|p| p.0 == o && p.1 == *t) {
                            Some(p) => p.2 += 1,
                            None => pools.push((o, *t, 1)),
                        }
                    }
                }
                let want = tries[n as usize];
                let found = pools.iter_mut().find(|(origin, k, count)| {
                    *origin == o
                        && *count > 0
                        && if loose {
                            k.rung() == want.rung()
                                && k.result() == want.result()
                                && (k.on().is_none() || want.on().is_none())
                        } else {
                            *k == want
                        }
                });
                if let Some((_, _, count)) = found {
                    *count -= 1;
                    counts[n as usize] = false;
                }
            }
        }
    }

    // The same dated try with the same person, in plans outside one thread: counted in the earliest plan. The
    // plans person by person, oldest first; what each person's plans have said so far is forgotten at the next.
    let mut by_person: Vec<u32> = Vec::with_capacity(plans.len());
    by_person.extend(
        (0..plans.len())
            .filter(|&i| !people.key(people.ids[i]).is_empty())
            .map(small),
    );
    by_person.sort_unstable_by(|&a, &b| {
        let (a, b) = (a as usize, b as usize);
        (people.ids[a], order(a), a).cmp(&(people.ids[b], order(b), b))
    });
    let mut seen: HashSet<Tried> = HashSet::new();
    for same in by_person.chunk_by(|&a, &b| people.ids[a as usize] == people.ids[b as usize]) {
        seen.clear();
        for &i in same {
            for n in span(i) {
                if counts[n] && tries[n].on().is_some() && !seen.insert(tries[n]) {
                    counts[n] = false;
                }
            }
        }
    }
    drop(seen);
    drop(by_person);

    // The tries that count, moved down over the ones that do not.
    let mut kept = 0;
    for plan in 0..plans.len() {
        let (from, to) = (starts[plan] as usize, starts[plan + 1] as usize);
        starts[plan] = small(kept);
        for n in from..to {
            if counts[n] {
                tries[kept] = tries[n];
                kept += 1;
            }
        }
    }
    starts[plans.len()] = small(kept);
    tries.truncate(kept);
    // What it holds is kept while the history is gathered, the room the copies took is not.
    tries.shrink_to_fit();
    Counted {
        tries,
        starts,
        people,
    }
}
