//! Candidate allies for the coalition rung (Silent allies): people the stakeholder listens to, best first by how
//! your own latest conversation with each went.

use std::collections::HashSet;

use jiff::Timestamp;

use crate::domain::{Ally, History, Ladder, OutcomeResult, Plan, PlanFacts};

use super::{People, Stance};

/// Someone who might put in a word with the stakeholder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllySuggestion {
    /// Their name as the register (or the plans) show it.
    pub name: String,
    /// Why the stakeholder listens to them, as the user wrote it.
    pub note: String,
    /// Their stance as recorded, if it is.
    pub stance: Option<Stance>,
    /// The result of your latest conversation with them, if any.
    pub last: Option<OutcomeResult>,
    /// How many plans you have with them.
    pub plans: usize,
}

/// The people `stakeholder` listens to (from the register), best first: your latest result with them
/// (commitment, compliance, undecided, no talk yet, resistance), then their stance (champion first), then the
/// order the user listed them in. A blocker is never suggested, nor the stakeholder themself. Empty when the
/// stakeholder is not in the register or listens to nobody recorded.
pub fn suggest_allies(
    stakeholder: &str,
    people: &People,
    history: &History,
) -> Vec<AllySuggestion> {
    let keys = history.keys();
    let Some(person) = people.first(stakeholder) else {
        return Vec::new();
    };
    let own = keys.key(&person.name);
    let mut seen = HashSet::new();
    let mut out: Vec<(usize, AllySuggestion)> = Vec::new();
    for (order, entry) in person.listens_to.iter().enumerate() {
        let key = keys.key(&entry.name);
        if key.is_empty() || key == own || !seen.insert(key.clone()) {
            continue;
        }
        let registered = people.first(&entry.name);
        let stance = registered.and_then(|p| p.stance);
        if stance == Some(Stance::Blocker) {
            continue;
        }
        let record = history.by_key(&key);
        let name = registered
            .map(|p| p.name.trim().to_string())
            .or_else(|| record.map(|r| r.name.clone()))
            .unwrap_or_else(|| entry.name.trim().to_string());
        out.push((
            order,
            AllySuggestion {
                name,
                note: entry.note.clone(),
                stance,
                last: record.and_then(|r| r.last_outcome),
                plans: record.map_or(0, |r| r.plans.len()),
            },
        ));
    }
    out.sort_by_key(|(order, s)| (result_rank(s.last), stance_rank(s.stance), *order));
    out.into_iter().map(|(_, s)| s).collect()
}

/// [`suggest_allies`] for a plan, when it chooses the ladder's coalition rung (as its primary or its backup): what
/// the wizard's tactic step lists. Empty for any other tactic, or a ladder without a coalition rung. People the
/// plan already names as allies are left out.
pub fn allies_for_plan<P: PlanFacts + ?Sized>(
    ladder: &Ladder,
    plan: &P,
    allies: &[Ally],
    people: &People,
    history: &History,
) -> Vec<AllySuggestion> {
    let Some(coalition) = ladder.coalition() else {
        return Vec::new();
    };
    let t = plan.tactic();
    let chosen = [t.primary.as_ref(), t.backup.as_ref()]
        .into_iter()
        .any(|r| ladder.index_of(r) == Some(coalition));
    if !chosen {
        return Vec::new();
    }
    let keys = history.keys();
    suggest_allies(&plan.stakeholder().name, people, history)
        .into_iter()
        .filter(|s| !allies.iter().any(|a| keys.same(&a.name, &s.name)))
        .collect()
}

/// A new plan for one ally of `plan`: a conversation asking them to put in a word. The goal says with whom and
/// about what, the ask is what the ally will be asked to say, and `follows` links it to `plan`, so the thread
/// shows where it came from.
pub fn plan_for_ally(plan: &Plan, ally: &Ally, now: Timestamp) -> Plan {
    let mut next = Plan::new(now);
    next.follows = plan.id.clone();
    next.stakeholder.name = ally.name.trim().to_string();
    let who = plan.stakeholder.name.trim();
    let about = plan.goal.want.trim();
    next.goal.want = match (who.is_empty(), about.is_empty()) {
        (false, false) => format!("Put in a word with {who} about {about}"),
        (false, true) => format!("Put in a word with {who}"),
        (true, false) => format!("Put in a word about {about}"),
        (true, true) => "Put in a word".to_string(),
    };
    next.goal.by = plan.goal.by;
    next.prep.ask = ally.ask.trim().to_string();
    next
}

fn result_rank(last: Option<OutcomeResult>) -> u8 {
    match last {
        Some(OutcomeResult::Commitment) => 0,
        Some(OutcomeResult::Compliance) => 1,
        Some(OutcomeResult::Undecided) => 2,
        None => 3,
        Some(OutcomeResult::Resistance) => 4,
    }
}

fn stance_rank(stance: Option<Stance>) -> u8 {
    match stance {
        Some(Stance::Champion) => 0,
        Some(Stance::Supporter) => 1,
        Some(Stance::Neutral) | None => 2,
        Some(Stance::Sceptic) => 3,
        Some(Stance::Blocker) => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::people::Person;
    use crate::domain::rung::test_rung;
    use crate::domain::{Ladder, Outcome, Plan};
    use jiff::Timestamp;

    fn talk(name: &str, result: OutcomeResult) -> Plan {
        let mut p = Plan::new(Timestamp::UNIX_EPOCH);
        p.stakeholder.name = name.into();
        p.tactic.primary = test_rung("reason");
        p.outcome = Some(Outcome {
            result: Some(result),
            ..Default::default()
        });
        p
    }

    fn with_stance(name: &str, stance: Stance) -> Person {
        let mut p = Person::named(name);
        p.stance = Some(stance);
        p
    }

    #[test]
    fn a_plan_gets_suggestions_only_for_the_coalition_rung_and_not_for_allies_it_has() {
        let mut boss = Person::named("Dr Adeyemi");
        boss.add_listens_to("Sister Mensah", "");
        boss.add_listens_to("Mr Ode", "");
        let people = People::new(vec![boss]);
        let ladder = Ladder::embedded();
        let h = History::from_facts_in(&ladder, &Vec::<Plan>::new(), &people.keys());
        let mut plan = Plan::new(Timestamp::UNIX_EPOCH);
        plan.stakeholder.name = "Dr. Adeyemi".into();
        plan.tactic.primary = test_rung("reason");
        assert!(allies_for_plan(&ladder, &plan, &[], &people, &h).is_empty());
        plan.tactic.backup = test_rung("silent-allies");
        plan.resolve_rungs(&ladder);
        let have = [Ally {
            name: "mr ode".into(),
            ask: String::new(),
        }];
        let s = allies_for_plan(&ladder, &plan, &have, &people, &h);
        let names: Vec<_> = s.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Sister Mensah"]);
    }

    #[test]
    fn an_ally_becomes_a_plan_that_follows_this_one() {
        let mut plan = Plan::new(Timestamp::UNIX_EPOCH);
        plan.stakeholder.name = "Dr Adeyemi".into();
        plan.goal.want = "the new rota".into();
        let ally = Ally {
            name: " Sister Mensah ".into(),
            ask: "say it worked on her ward".into(),
        };
        let next = plan_for_ally(&plan, &ally, Timestamp::UNIX_EPOCH);
        assert_eq!(next.follows, plan.id);
        assert_eq!(next.stakeholder.name, "Sister Mensah");
        assert_eq!(
            next.goal.want,
            "Put in a word with Dr Adeyemi about the new rota"
        );
        assert_eq!(next.prep.ask, "say it worked on her ward");
        assert_ne!(next.id, plan.id);
    }

    #[test]
    fn allies_come_best_first_and_a_blocker_never() {
        let mut boss = Person::named("Dr Adeyemi");
        for (name, note) in [
            ("Mr Ode", "old friend"),
            ("Sister Mensah", ""),
            ("Ms Chen", ""),
            ("Prof Blok", "chairs the board"),
            ("Dr Adeyemi", "themself"),
            ("mr. ode", "twice"),
            ("Nurse Kim", ""),
            ("Mr Quiet", ""),
        ] {
            boss.listens_to.push(crate::domain::people::ListensTo {
                name: name.into(),
                note: note.into(),
            });
        }
        let people = People::new(vec![
            boss,
            with_stance("Prof Blok", Stance::Blocker),
            with_stance("Mr Quiet", Stance::Champion),
        ]);
        let plans = [
            talk("Mr Ode", OutcomeResult::Resistance),
            talk("Sister Mensah", OutcomeResult::Compliance),
            talk("Ms Chen", OutcomeResult::Commitment),
            talk("Prof Blok", OutcomeResult::Commitment),
        ];
        let h = History::from_facts_in(&Ladder::embedded(), &plans, &people.keys());
        let s = suggest_allies("dr. adeyemi", &people, &h);
        let names: Vec<_> = s.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Ms Chen",
                "Sister Mensah",
                "Mr Quiet",
                "Nurse Kim",
                "Mr Ode"
            ]
        );
        assert_eq!(s[4].note, "old friend");
        assert_eq!(s[0].plans, 1);
        assert!(suggest_allies("Nobody", &people, &h).is_empty());
    }
}
