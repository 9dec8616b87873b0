//! The register's words beside the plans' (see [`crate::domain::people::search`]): each recorded person's folded
//! words and the plans (by number) whose stakeholder is them under any spelling. Kept in memory only: the
//! register is small (2,000 people at most in the targets) and is read on every full load anyway, so a query
//! matches its words directly rather than through a file.

use std::collections::HashMap;

use crate::domain::filter::word_score;
use crate::domain::people::People;
use crate::domain::people::search::person_terms;

/// Each person's words and their plans.
#[derive(Debug, Default)]
pub struct PeopleText {
    /// By person (position in the register): their folded words, space-separated, and their plans' numbers.
    persons: Vec<(String, Vec<u32>)>,
}

impl PeopleText {
    /// `stakeholders` are the plans' stakeholder names, by plan number. A name finds its person as every count
    /// does (`People::first`: any spelling or alias, the first person when two claim it); each distinct name is
    /// looked up once.
    pub fn new<'a>(people: &People, stakeholders: impl Iterator<Item = &'a str>) -> PeopleText {
        if people.is_empty() {
            return PeopleText::default();
        }
        let mut persons: Vec<(String, Vec<u32>)> = people
            .persons()
            .iter()
            .map(|p| (person_terms(p), Vec::new()))
            .collect();
        let mut seen: HashMap<&str, Option<usize>> = HashMap::new();
        for (n, name) in (0u32..).zip(stakeholders) {
            let who = *seen
                .entry(name)
                .or_insert_with(|| match people.lookup(name) {
                    crate::domain::people::Lookup::None => None,
                    crate::domain::people::Lookup::One(i) => Some(i),
                    crate::domain::people::Lookup::Several(v) => v.first().copied(),
                });
            if let Some(list) = who.and_then(|i| persons.get_mut(i)) {
                list.1.push(n);
            }
        }
        // People without plans can never raise a plan's score.
        persons.retain(|(_, plans)| !plans.is_empty());
        PeopleText { persons }
    }

    /// Whether it holds anyone with plans.
    pub fn is_empty(&self) -> bool {
        self.persons.is_empty()
    }

    /// Raises `best` (by plan number: 0 for no match, else the score plus one) to the score of a folded query
    /// word in each plan's stakeholder's words, where that is higher.
    pub(super) fn raise(&self, word: &str, best: &mut [u32]) {
        for (terms, plans) in &self.persons {
            let Some(score) = word_score(word, terms) else {
                continue;
            };
            for &p in plans {
                if let Some(slot) = best.get_mut(p as usize) {
                    *slot = (*slot).max(score + 1);
                }
            }
        }
    }
}
