//! People, not strings: the register of the people plans are about (`<data dir>/people/*.toml`, read by
//! `store::people`), and the one way a typed name becomes a person.
//!
//! A plan names its stakeholder as text (`stakeholder.name`), and keeps doing so: the register only adds what the
//! user chose to record (other spellings, stance, influence, who listens to whom). Every count that is "per
//! person" (the escalation rule, the history, the stakeholders list, the reflection, the agenda) goes through a
//! [`PersonKeys`] so that "Dr. Adeyemi", "dr adeyemi" and a merged alias "Adeyemi" are one person. Without a
//! register, [`PersonKeys::default`] is the name's spelling key alone: the workbook behaves as it did before.

mod allies;
mod matching;
mod name;
mod register;
pub(crate) mod search;

use serde::{Deserialize, Serialize};

use super::Direction;

pub use allies::{AllySuggestion, allies_for_plan, plan_for_ally, suggest_allies};
pub use matching::{Candidate, did_you_mean};
pub use name::{edit_distance, person_key};
pub(crate) use register::PersonIds;
pub use register::{Lookup, People, PersonKeys};

file_word! {
    /// Where the stakeholder stands on what you are trying to do. The user's judgement, never computed: the map and
    /// the help say so.
    pub enum Stance {
        Champion,
        Supporter,
        Neutral,
        Sceptic,
        Blocker,
    }
}

impl Stance {
    /// What each stance means, so that people judge by the same words.
    pub fn describe(self) -> &'static str {
        match self {
            Stance::Champion => "pushes for it without being asked",
            Stance::Supporter => "in favour, if asked",
            Stance::Neutral => "no view yet, or no stake",
            Stance::Sceptic => "doubtful, can be won over",
            Stance::Blocker => "against it and able to stop it",
        }
    }
}

file_word! {
    /// How much the stakeholder can change the outcome of what you are trying to do. The user's judgement.
    pub enum Influence {
        Low,
        Medium,
        High,
    }
}

/// Someone a person listens to: a name (resolved through the register like any other) and why, in the user's
/// words. The candidates for Silent allies come from here.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListensTo {
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// One person in the register: one file in `people/`. Field names are the file format (docs/FORMAT.md) and the
/// JSON of `overture people show --json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Person {
    /// The name shown everywhere for this person.
    #[serde(default)]
    pub name: String,
    /// Other spellings that mean this person ("Adeyemi", "Funmi Adeyemi"): plans that use them count here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cares_about: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stance: Option<Stance>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub influence: Option<Influence>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub listens_to: Vec<ListensTo>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

impl Person {
    /// A person known only by name, as `people set` creates one.
    pub fn named(name: &str) -> Person {
        Person {
            name: name.trim().to_string(),
            ..Person::default()
        }
    }

    /// The name and every alias: the spellings that resolve to this person.
    pub fn spellings(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }

    /// Whether `name` is one of this person's spellings (by [`person_key`]).
    pub fn is_called(&self, name: &str) -> bool {
        let key = person_key(name);
        !key.is_empty() && self.spellings().any(|s| person_key(s) == key)
    }

    /// Adds a spelling as an alias unless the person already answers to it. Returns whether it was added.
    pub fn add_alias(&mut self, alias: &str) -> bool {
        let alias = alias.trim();
        if person_key(alias).is_empty() || self.is_called(alias) {
            return false;
        }
        self.aliases.push(alias.to_string());
        true
    }

    /// Adds (or updates the note of) someone this person listens to. Returns whether anything changed.
    pub fn add_listens_to(&mut self, name: &str, note: &str) -> bool {
        let name = name.trim();
        let key = person_key(name);
        if key.is_empty() {
            return false;
        }
        if let Some(entry) = self
            .listens_to
            .iter_mut()
            .find(|l| person_key(&l.name) == key)
        {
            if note.trim().is_empty() || entry.note == note.trim() {
                return false;
            }
            entry.note = note.trim().to_string();
            return true;
        }
        self.listens_to.push(ListensTo {
            name: name.to_string(),
            note: note.trim().to_string(),
        });
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stances_and_influence_parse_in_any_case_and_list_their_names() {
        assert_eq!("Blocker".parse::<Stance>(), Ok(Stance::Blocker));
        assert_eq!("HIGH".parse::<Influence>(), Ok(Influence::High));
        assert!("friend".parse::<Stance>().is_err());
        assert_eq!(
            Stance::names(),
            ["champion", "supporter", "neutral", "sceptic", "blocker"]
        );
        assert_eq!(Influence::names(), ["low", "medium", "high"]);
    }

    #[test]
    fn an_alias_is_added_once_and_never_repeats_the_name() {
        let mut p = Person::named(" Dr Adeyemi ");
        assert_eq!(p.name, "Dr Adeyemi");
        assert!(!p.add_alias("Dr. Adeyemi"));
        assert!(p.add_alias("Adeyemi"));
        assert!(!p.add_alias("adeyemi"));
        assert!(!p.add_alias("  "));
        assert_eq!(p.aliases, ["Adeyemi"]);
        assert!(p.is_called("ADEYEMI"));
    }

    #[test]
    fn listens_to_is_kept_once_per_person_and_its_note_updated() {
        let mut p = Person::named("Dr Adeyemi");
        assert!(p.add_listens_to("Sister Mensah", ""));
        assert!(!p.add_listens_to("sister mensah", ""));
        assert!(p.add_listens_to("Sister  Mensah", "trusts her on rotas"));
        assert_eq!(p.listens_to.len(), 1);
        assert_eq!(p.listens_to[0].note, "trusts her on rotas");
    }
}
