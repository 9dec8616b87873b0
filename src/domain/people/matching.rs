//! "Did you mean": a typed name close to a known person but not equal to any of their spellings.

use std::cmp::Reverse;

use crate::domain::{History, OutcomeResult};

use super::{Lookup, People, edit_distance, person_key};

/// The most people a question offers: more is a list to read, not a question.
const MAX_CANDIDATES: usize = 3;

/// A known person a typed name may have meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Their name as the workbook shows it (the register's, else the plans' most common spelling).
    pub name: String,
    /// How many plans are about them.
    pub plans: usize,
    /// Their latest recorded result, if any.
    pub last: Option<OutcomeResult>,
}

impl Candidate {
    /// "Did you mean Dr Adeyemi (2 plans, last: resistance)?": enough to recognise the person by.
    pub fn question(&self) -> String {
        format!("Did you mean {}?", self.describe())
    }

    /// "Dr Adeyemi (2 plans, last: resistance)".
    pub fn describe(&self) -> String {
        let plans = match self.plans {
            0 => "no plans yet".to_string(),
            1 => "1 plan".to_string(),
            n => format!("{n} plans"),
        };
        let last = self
            .last
            .map(|r| format!(", last: {}", r.as_str()))
            .unwrap_or_default();
        format!("{} ({plans}{last})", self.name)
    }
}

/// The people `typed` may have meant, closest first (then the one with most plans), at most three. Empty when
/// `typed` already is someone (a spelling or alias of a known person), or is empty.
///
/// Close means: one name's words are all among the other's ("Adeyemi" and "Dr Adeyemi", where a shared word of
/// three letters or more is needed, so "Dr" alone is no one), or a few typing slips apart ("Dr Adeyemmi": one
/// edit in a short name, two in one of nine characters or more).
pub fn did_you_mean(typed: &str, people: &People, history: &History) -> Vec<Candidate> {
    let key = person_key(typed);
    if key.is_empty() || history.get(typed).is_some() || people.lookup(typed) != Lookup::None {
        return Vec::new();
    }
    let mut found: Vec<(usize, Candidate, String)> = Vec::new();
    for record in history.records() {
        let mut best = closeness(&key, &record.key);
        if let Some(p) = people.first(&record.name) {
            // The closest spelling wins; a spelling not close at all (`None`) must not hide a close one.
            for score in p
                .spellings()
                .filter_map(|s| closeness(&key, &person_key(s)))
            {
                best = Some(best.map_or(score, |b| b.min(score)));
            }
        }
        if let Some(score) = best {
            let candidate = Candidate {
                name: record.name.clone(),
                plans: record.plans.len(),
                last: record.last_outcome,
            };
            found.push((score, candidate, record.key.clone()));
        }
    }
    for p in people.persons() {
        let person = history.keys().key(&p.name);
        if history.by_key(&person).is_some() || found.iter().any(|(_, _, k)| *k == person) {
            continue;
        }
        if let Some(score) = p
            .spellings()
            .filter_map(|s| closeness(&key, &person_key(s)))
            .min()
        {
            let candidate = Candidate {
                name: p.name.clone(),
                plans: 0,
                last: None,
            };
            found.push((score, candidate, person));
        }
    }
    found.sort_by(|(a, ca, _), (b, cb, _)| {
        a.cmp(b)
            .then_with(|| Reverse(ca.plans).cmp(&Reverse(cb.plans)))
            .then_with(|| ca.name.cmp(&cb.name))
    });
    found
        .into_iter()
        .take(MAX_CANDIDATES)
        .map(|(_, c, _)| c)
        .collect()
}

/// How close two keys are (lower is closer), or `None` when not close at all.
fn closeness(typed: &str, known: &str) -> Option<usize> {
    if typed == known || known.is_empty() {
        return None;
    }
    if words_within(typed, known) || words_within(known, typed) {
        return Some(1);
    }
    let len = typed.chars().count().min(known.chars().count());
    let limit = match len {
        0..=4 => return None,
        5..=8 => 1,
        _ => 2,
    };
    match edit_distance(typed, known, limit) {
        d if d <= limit => Some(d),
        _ => None,
    }
}

/// Whether every word of `part` is a word of `whole`, sharing one of three letters or more.
fn words_within(part: &str, whole: &str) -> bool {
    let whole: Vec<&str> = whole.split(' ').collect();
    let part: Vec<&str> = part.split(' ').collect();
    part.iter().all(|w| whole.contains(w)) && part.iter().any(|w| w.chars().count() >= 3)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::people::Person;
    use crate::domain::rung::test_rung;
    use crate::domain::{Ladder, Outcome, Plan};
    use jiff::Timestamp;

    fn plan(name: &str, rung: &str, result: Option<OutcomeResult>) -> Plan {
        let mut p = Plan::new(Timestamp::UNIX_EPOCH);
        p.stakeholder.name = name.into();
        p.tactic.primary = test_rung(rung);
        p.outcome = result.map(|r| Outcome {
            result: Some(r),
            ..Default::default()
        });
        p
    }

    fn history(plans: &[Plan], people: &People) -> History {
        History::from_facts_in(&Ladder::embedded(), plans, &people.keys())
    }

    #[test]
    fn a_surname_or_a_slip_asks_about_the_known_person() {
        let plans = [
            plan("Dr Adeyemi", "reason", Some(OutcomeResult::Resistance)),
            plan("Dr Adeyemi", "deal", Some(OutcomeResult::Resistance)),
            plan("Mr Ode", "reason", None),
        ];
        let people = People::default();
        let h = history(&plans, &people);
        for typed in ["Adeyemi", "Dr Adeyemmi", "dr adeyem", "Dr Funmi Adeyemi"] {
            let c = did_you_mean(typed, &people, &h);
            assert_eq!(c.len(), 1, "{typed:?}: {c:?}");
            assert_eq!(
                c[0].question(),
                "Did you mean Dr Adeyemi (2 plans, last: resistance)?"
            );
        }
        // The same person in another spelling is no question; nor is a stranger, or a title alone.
        for typed in ["Dr. Adeyemi", "DR ADEYEMI", "Ms Chen", "Dr", "", "Ode"] {
            let c = did_you_mean(typed, &people, &h);
            if typed == "Ode" {
                // three letters, a whole word of "Mr Ode"
                assert_eq!(c[0].name, "Mr Ode");
            } else {
                assert!(c.is_empty(), "{typed:?}: {c:?}");
            }
        }
    }

    #[test]
    fn an_alias_is_someone_and_a_registered_person_without_plans_can_be_meant() {
        let mut a = Person::named("Dr Adeyemi");
        a.add_alias("Funmi");
        let people = People::new(vec![a, Person::named("Sister Mensah")]);
        let h = history(&[plan("Adeyemi", "reason", None)], &people);
        assert!(did_you_mean("funmi", &people, &h).is_empty());
        let c = did_you_mean("Mensah", &people, &h);
        assert_eq!(c[0].describe(), "Sister Mensah (no plans yet)");
        // A person with plans and another name ("Funmi", nothing like "Adeyemi") is still asked about.
        let mut a = Person::named("Dr Adeyemi");
        a.add_alias("Funmi");
        let people = People::new(vec![a]);
        let h = history(&[plan("Dr Adeyemi", "reason", None)], &people);
        let c = did_you_mean("Adeyemi", &people, &h);
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].name, "Dr Adeyemi");
    }

    #[test]
    fn closest_first_then_most_plans() {
        let plans = [
            plan("Dr Patel", "reason", None),
            plan("Dr Patil", "reason", None),
            plan("Dr Patil", "deal", None),
        ];
        let people = People::default();
        let h = history(&plans, &people);
        let c = did_you_mean("Dr Patol", &people, &h);
        let names: Vec<_> = c.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Dr Patil", "Dr Patel"]);
    }
}
