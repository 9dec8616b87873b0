//! Threads: influence is rarely one conversation. A follow-up names the plan it follows (`follows`), and the
//! plans linked that way, back to the first and on to the latest, are the thread of one conversation.
//!
//! A follow-up carries what was tried before as copies in its own `[[attempts]]` (so its file, and its printed
//! page, stand on their own), each marked with the plan it came from (`from`). A try is one try however many
//! plans carry it: [`counted_tries`] is the one rule every count uses (the stakeholder history, the reflection
//! stats, the escalation rule through the history, the printed page): a carried copy is skipped while the plan
//! it came from is in the workbook and still records the same try. Pure: it reads plans' facts, nothing else.

use std::collections::HashMap;

use jiff::civil::Date;

use super::history::{Try, tries_in};
use super::people::PersonKeys;
use super::{Ladder, OutcomeResult, PlanFacts};

/// Where a plan stands in another's thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A plan it follows, directly or not.
    Earlier,
    /// The plan itself.
    This,
    /// A plan that follows it, directly or not.
    Later,
}

/// One plan of a thread: its position in the slice the thread was found in, and where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    pub index: usize,
    pub place: Place,
}

/// Ids are matched as `check` matches them, ignoring case: a hand-typed `follows` in lower case still links.
fn key(id: &str) -> String {
    id.trim().to_ascii_lowercase()
}

/// The position of each id in `plans`.
fn positions<P: PlanFacts>(plans: &[P]) -> HashMap<String, usize> {
    plans
        .iter()
        .enumerate()
        .map(|(i, p)| (key(p.id()), i))
        .filter(|(k, _)| !k.is_empty())
        .collect()
}

/// The thread of `plans[at]`: the plans it follows, back to the first (as far as they are in `plans`), the plan
/// itself, and every plan that follows it, directly or through another, in the order they were created. A plan
/// in no thread has a thread of one. Links that loop (a `follows` edited by hand to point back) end where a plan
/// would come round again.
pub fn thread<P: PlanFacts>(plans: &[P], at: usize) -> Vec<Link> {
    let Some(this) = plans.get(at) else {
        return Vec::new();
    };
    let ids = positions(plans);
    let mut seen = vec![false; plans.len()];
    seen[at] = true;
    let mut links = vec![Link {
        index: at,
        place: Place::This,
    }];
    let mut up = this.follows();
    while let Some(&i) = ids.get(&key(up)) {
        if std::mem::replace(&mut seen[i], true) {
            break;
        }
        links.push(Link {
            index: i,
            place: Place::Earlier,
        });
        up = plans[i].follows();
    }
    let mut children: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, p) in plans.iter().enumerate() {
        if !p.follows().trim().is_empty() {
            children.entry(key(p.follows())).or_default().push(i);
        }
    }
    let mut next = vec![at];
    while let Some(parent) = next.pop() {
        for &child in children.get(&key(plans[parent].id())).into_iter().flatten() {
            if !std::mem::replace(&mut seen[child], true) {
                links.push(Link {
                    index: child,
                    place: Place::Later,
                });
                next.push(child);
            }
        }
    }
    links.sort_by(|a, b| {
        let (pa, pb) = (&plans[a.index], &plans[b.index]);
        (pa.created(), pa.id()).cmp(&(pb.created(), pb.id()))
    });
    links
}

/// What a thread shows of one plan: when, which rung, how it went.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The plan's position in the slice the thread was found in.
    pub index: usize,
    pub place: Place,
    pub id: String,
    /// When the conversation took place, else when the plan was made.
    pub on: Date,
    /// Whether `on` is the conversation's date (an outcome recorded with a date), not the plan's.
    pub talked: bool,
    pub rung: Option<usize>,
    pub result: Option<OutcomeResult>,
    /// Status, or the outcome's result once recorded: what a list shows in one word.
    pub state: &'static str,
}

/// The thread of `plans[at]` as steps to show, oldest first; empty when the plan is in no thread (alone).
pub fn steps<P: PlanFacts>(ladder: &Ladder, plans: &[P], at: usize) -> Vec<Step> {
    let links = thread(plans, at);
    if links.len() < 2 {
        return Vec::new();
    }
    links
        .into_iter()
        .map(|l| Step {
            place: l.place,
            ..steps_alone(ladder, &plans[l.index], l.index)
        })
        .collect()
}

impl Step {
    /// The step in words, as `overture show` and the plan view write it: "2026-11-03  talked: 5 Deal,
    /// resistance" or "2026-12-04  planned: 2 Inspire, ready". The title and the mark for the plan itself are
    /// the caller's.
    pub fn describe(&self, ladder: &Ladder) -> String {
        let tactic = match self.rung.and_then(|i| ladder.pick(i)) {
            Some(r) => ladder.label(Some(&r)),
            None => "no tactic yet".to_string(),
        };
        let when = if self.talked { "talked" } else { "planned" };
        format!("{}  {when}: {tactic}, {}", self.on, self.state)
    }
}

/// The thread of `plans[at]` in words, oldest first: each plan's [`Step::describe`] and its title, `plans[at]`
/// itself said to be "(this plan)", and whether it is. Empty when the plan is in no thread. `title` gives a plan's title to show.
pub fn lines<P: PlanFacts>(
    ladder: &Ladder,
    plans: &[P],
    at: usize,
    title: impl Fn(&P) -> String,
) -> Vec<(String, bool)> {
    let mut lines: Vec<(String, bool)> = steps(ladder, plans, at)
        .into_iter()
        .map(|step| {
            let title = super::text::one_line(&title(&plans[step.index]));
            let this = step.place == Place::This;
            let mark = if this { " (this plan)" } else { "" };
            (format!("{}{mark}  “{title}”", step.describe(ladder)), this)
        })
        .collect();
    // A plan that follows one no longer here (deleted, or its file moved away) says so, first, rather than
    // showing no thread at all as if it never followed anything.
    let Some(this) = plans.get(at) else {
        return lines;
    };
    let follows = this.follows().trim();
    if !follows.is_empty() && !positions(plans).contains_key(&key(follows)) {
        if lines.is_empty() {
            let step = &steps_alone(ladder, this, at);
            let title = super::text::one_line(&title(this));
            lines.push((
                format!("{} (this plan)  “{title}”", step.describe(ladder)),
                true,
            ));
        }
        let id = super::text::one_line(follows);
        lines.insert(
            0,
            (
                format!("follows {id}, a plan no longer in the workbook (deleted or moved)"),
                false,
            ),
        );
    }
    lines
}

/// One plan as a step of its thread (marked as the plan itself; [`steps`] sets its place).
fn steps_alone<P: PlanFacts>(ladder: &Ladder, p: &P, at: usize) -> Step {
    let talked = p.outcome().and_then(|o| o.on);
    Step {
        index: at,
        place: Place::This,
        id: p.id().to_string(),
        on: talked.unwrap_or_else(|| p.created_date()),
        talked: talked.is_some(),
        rung: ladder.index_of(p.tactic().primary.as_ref()),
        result: p.outcome_result(),
        state: p.state_label(),
    }
}

/// What one try is, for matching a copy with the try it was copied from.
type TryKey = (usize, Option<Date>, Option<OutcomeResult>);

fn try_key(t: &Try) -> TryKey {
    (t.rung, t.on, t.result)
}

/// The tries that count, per plan, in the order of `plans`: the one rule for every count of tries (history,
/// stats, the rule, the page).
///
/// A plan's tries are its `[[attempts]]` and its primary tactic once an outcome is recorded
/// ([`tries_in`]). An attempt is a carried copy, and does not count, when all of these hold:
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
) -> Vec<Vec<Try>> {
    let ids = positions(plans);
    let people: Vec<String> = plans
        .iter()
        .map(|p| keys.key(&p.stakeholder().name))
        .collect();
    let order = |i: usize| (plans[i].created(), plans[i].id());
    // Every plan's tries, worked out once: a plan may be the origin of many copies.
    let all: Vec<Vec<Try>> = plans.iter().map(|p| tries_in(ladder, p)).collect();
    let mut counted: Vec<Vec<Try>> = Vec::with_capacity(plans.len());
    for (i, plan) in plans.iter().enumerate() {
        // Where each of this plan's tries says it came from, if anywhere.
        let mut attempts = plan.attempts();
        let origins: Vec<Option<usize>> = all[i]
            .iter()
            .map(|t| {
                // `tries_in` lists the attempts with a known rung, in order, then the outcome's try.
                let attempt = attempts
                    .by_ref()
                    .find(|a| ladder.index_of(a.tactic) == Some(t.rung))?;
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
        // What each origin still records, as a multiset this plan's copies use up: the same try first, then
        // one that differs only by a date one side lacks (a date given to a carried try in "Already tried").
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
            .map(|(t, _)| t.clone())
            .collect();
        counted.push(kept);
    }
    // The same dated try with the same person, in plans outside one thread: counted in the earliest plan.
    let mut by_age: Vec<usize> = (0..plans.len()).collect();
    by_age.sort_by(|&a, &b| order(a).cmp(&order(b)));
    let mut person_ids: HashMap<&str, usize> = HashMap::new();
    let mut seen = std::collections::HashSet::new();
    for i in by_age {
        if people[i].is_empty() {
            continue;
        }
        let next = person_ids.len();
        let who = *person_ids.entry(people[i].as_str()).or_insert(next);
        counted[i].retain(|t| t.on.is_none() || seen.insert((who, try_key(t))));
    }
    counted
}

#[cfg(test)]
mod tests;
