//! Threads: influence is rarely one conversation. A follow-up names the plan it follows (`follows`), and the
//! plans linked that way, back to the first and on to the latest, are the thread of one conversation.
//!
//! A follow-up carries what was tried before as copies in its own `[[attempts]]` (so its file, and its printed
//! page, stand on their own), each marked with the plan it came from (`from`). A try is one try however many
//! plans carry it: [`counted_tries`] is the one rule every count uses (the stakeholder history, the reflection
//! stats, the escalation rule through the history, the printed page): a carried copy is skipped while the plan
//! it came from is in the workbook and still records the same try. Pure: it reads plans' facts, nothing else.

mod counted;

use std::cmp::Ordering;
use std::collections::HashMap;

use jiff::civil::Date;

use super::{Ladder, OutcomeResult, PlanFacts};
pub(crate) use counted::counted_tries;

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

/// Two ids in the order of their [`key`]s, without making them: equal exactly when the keys are.
fn cmp_ids(a: &str, b: &str) -> Ordering {
    let (a, b) = (a.trim().as_bytes(), b.trim().as_bytes());
    a.iter()
        .map(u8::to_ascii_lowercase)
        .cmp(b.iter().map(u8::to_ascii_lowercase))
}

/// The plans of a slice by id, matched as [`key`] matches them, without a lowercased copy of each id: their
/// positions sorted by id (4 bytes a plan), searched by halves. Where two plans give one id, the later in the slice
/// is found.
pub(crate) struct Ids<'a, P> {
    plans: &'a [P],
    sorted: Vec<u32>,
}

impl<'a, P: PlanFacts> Ids<'a, P> {
    pub(crate) fn new(plans: &'a [P]) -> Self {
        let mut sorted: Vec<u32> = Vec::with_capacity(plans.len());
        sorted.extend(
            (0..plans.len())
                .filter(|&i| !plans[i].id().trim().is_empty())
                .filter_map(|i| u32::try_from(i).ok()),
        );
        sorted.sort_unstable_by(|&a, &b| {
            cmp_ids(plans[a as usize].id(), plans[b as usize].id()).then(a.cmp(&b))
        });
        Ids { plans, sorted }
    }

    /// The position of the plan with this id, in any case and with spaces around.
    pub(crate) fn get(&self, id: &str) -> Option<usize> {
        if id.trim().is_empty() {
            return None;
        }
        let id_of = |i: u32| self.plans[i as usize].id();
        let end = self
            .sorted
            .partition_point(|&i| cmp_ids(id_of(i), id) != Ordering::Greater);
        let last = *self.sorted.get(end.checked_sub(1)?)?;
        (cmp_ids(id_of(last), id) == Ordering::Equal).then_some(last as usize)
    }
}

/// The thread of `plans[at]`: the plans it follows, back to the first (as far as they are in `plans`), the plan
/// itself, and every plan that follows it, directly or through another, in the order they were created. A plan
/// in no thread has a thread of one. Links that loop (a `follows` edited by hand to point back) end where a plan
/// would come round again.
pub fn thread<P: PlanFacts>(plans: &[P], at: usize) -> Vec<Link> {
    let Some(this) = plans.get(at) else {
        return Vec::new();
    };
    let ids = Ids::new(plans);
    let mut seen = vec![false; plans.len()];
    seen[at] = true;
    let mut links = vec![Link {
        index: at,
        place: Place::This,
    }];
    let mut up = this.follows();
    while let Some(i) = ids.get(up) {
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
    if !follows.is_empty() && Ids::new(plans).get(follows).is_none() {
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

#[cfg(test)]
mod same_as_before;
#[cfg(test)]
mod tests;
