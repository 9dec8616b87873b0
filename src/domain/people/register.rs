//! The register in memory: every recorded person, found by any of their spellings.

use std::collections::HashMap;

use super::{Person, person_key};

/// The people recorded in `people/`, in the order they were read (by file name), with an index from every
/// spelling key to the people who answer to it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct People {
    persons: Vec<Person>,
    index: HashMap<String, Vec<usize>>,
}

/// What a name finds in the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// Nobody recorded answers to it (they may still be named by plans).
    None,
    /// One person: their position in [`People::persons`].
    One(usize),
    /// Several people give this spelling (one's name, another's alias): the commands list them and change
    /// nothing; counts go to the first.
    Several(Vec<usize>),
}

impl People {
    pub fn new(persons: Vec<Person>) -> People {
        let mut index: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in persons.iter().enumerate() {
            for spelling in p.spellings() {
                let key = person_key(spelling);
                if key.is_empty() {
                    continue;
                }
                let found = index.entry(key).or_default();
                if !found.contains(&i) {
                    found.push(i);
                }
            }
        }
        People { persons, index }
    }

    pub fn persons(&self) -> &[Person] {
        &self.persons
    }

    pub fn is_empty(&self) -> bool {
        self.persons.is_empty()
    }

    pub fn len(&self) -> usize {
        self.persons.len()
    }

    /// Who a name (or alias, in any spelling [`person_key`] folds) is.
    pub fn lookup(&self, name: &str) -> Lookup {
        match self.index.get(&person_key(name)).map(Vec::as_slice) {
            None | Some([]) => Lookup::None,
            Some([one]) => Lookup::One(*one),
            Some(several) => Lookup::Several(several.to_vec()),
        }
    }

    /// The one person a name finds; `None` when nobody, or several, answer to it.
    pub fn get(&self, name: &str) -> Option<&Person> {
        match self.lookup(name) {
            Lookup::One(i) => self.persons.get(i),
            _ => None,
        }
    }

    /// The first person a name finds, when one or several answer to it: what counts use.
    pub fn first(&self, name: &str) -> Option<&Person> {
        self.index
            .get(&person_key(name))
            .and_then(|v| v.first())
            .and_then(|&i| self.persons.get(i))
    }

    /// The person key of every spelling the register knows: what the history and stats resolve names with.
    pub fn keys(&self) -> PersonKeys {
        let mut map = HashMap::new();
        let mut names = HashMap::new();
        for p in &self.persons {
            let key = person_key(&p.name);
            if !key.is_empty() {
                names
                    .entry(key)
                    .or_insert_with(|| p.name.trim().to_string());
            }
        }
        for (spelling, found) in &self.index {
            if let Some(p) = found.first().and_then(|&i| self.persons.get(i)) {
                let key = person_key(&p.name);
                if !key.is_empty() && key != *spelling {
                    map.insert(spelling.clone(), key);
                }
            }
        }
        PersonKeys { map, names }
    }
}

/// From a name to the one key of the person it means: the spelling key ([`person_key`]), then, where the register
/// makes that spelling an alias, the key of the person's own name. The default resolves by spelling alone, which
/// is how a workbook without a register behaves. Cheap to clone: it holds only the register's aliases.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PersonKeys {
    map: HashMap<String, String>,
    /// The register's name for each recorded person, by key: lists show it rather than the plans' spellings.
    names: HashMap<String, String>,
}

impl PersonKeys {
    /// The person a name means, as a key: equal keys are one person in every count.
    pub fn key(&self, name: &str) -> String {
        let key = person_key(name);
        match self.map.get(&key) {
            Some(person) => person.clone(),
            None => key,
        }
    }

    /// [`PersonKeys::key`] of a name already reduced to its spelling key.
    pub fn resolve_key(&self, spelling_key: String) -> String {
        match self.map.get(&spelling_key) {
            Some(person) => person.clone(),
            None => spelling_key,
        }
    }

    /// Whether the two names mean one person.
    pub fn same(&self, a: &str, b: &str) -> bool {
        let a = self.key(a);
        !a.is_empty() && a == self.key(b)
    }

    /// The register's name for a person key, when the person is recorded.
    pub fn name(&self, key: &str) -> Option<&str> {
        self.names.get(key).map(String::as_str)
    }

    /// Whether the register adds anything to spelling keys.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty() && self.names.is_empty()
    }

    /// The person each name means, as a small number: the counts over a whole workbook compare people once per
    /// plan, and a number per plan costs far less than a key per plan. Equal numbers are equal keys
    /// ([`PersonKeys::key`]); each distinct key is kept once, in [`PersonIds::keys`].
    pub(crate) fn intern<'a>(&self, names: impl IntoIterator<Item = &'a str>) -> PersonIds {
        let names = names.into_iter();
        let mut found: HashMap<String, u32> = HashMap::new();
        let mut ids = Vec::with_capacity(names.size_hint().0);
        for name in names {
            let key = self.key(name);
            let next = u32::try_from(found.len()).unwrap_or(u32::MAX);
            let id = match found.get(key.as_str()) {
                Some(&id) => id,
                None => *found.entry(key).or_insert(next),
            };
            ids.push(id);
        }
        let mut keys = vec![String::new(); found.len()];
        for (key, id) in found {
            if let Some(slot) = keys.get_mut(id as usize) {
                *slot = key;
            }
        }
        PersonIds { ids, keys }
    }
}

/// The people of a list of names, numbered: see [`PersonKeys::intern`].
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct PersonIds {
    /// The person of each name, in the order the names were given.
    pub ids: Vec<u32>,
    /// The key of each person, by number (the empty key too, for a name with no letters).
    pub keys: Vec<String>,
}

impl PersonIds {
    /// The key of the person numbered `id` (empty for an unknown number).
    pub(crate) fn key(&self, id: u32) -> &str {
        self.keys.get(id as usize).map_or("", String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn register() -> People {
        let mut a = Person::named("Dr Adeyemi");
        a.add_alias("Funmi");
        let mut b = Person::named("Sister Mensah");
        b.add_alias("Funmi");
        People::new(vec![a, b, Person::named("Mr Ode")])
    }

    #[test]
    fn a_name_or_alias_finds_the_person_in_any_spelling() {
        let people = register();
        assert_eq!(people.lookup("dr. adeyemi"), Lookup::One(0));
        assert_eq!(people.lookup("MR  ODE"), Lookup::One(2));
        assert_eq!(people.lookup("Adeyemi"), Lookup::None);
        assert_eq!(people.lookup("funmi"), Lookup::Several(vec![0, 1]));
        assert!(people.get("funmi").is_none());
        assert_eq!(
            people.first("funmi").map(|p| p.name.as_str()),
            Some("Dr Adeyemi")
        );
    }

    #[test]
    fn person_keys_send_an_alias_to_its_person_and_leave_others_alone() {
        let mut a = Person::named("Dr Adeyemi");
        a.add_alias("Adeyemi");
        let keys = People::new(vec![a]).keys();
        assert_eq!(keys.key("adeyemi."), "dr adeyemi");
        assert_eq!(keys.key("Dr. Adeyemi"), "dr adeyemi");
        assert_eq!(keys.key("Ms Chen"), "ms chen");
        assert!(keys.same("Adeyemi", "DR ADEYEMI"));
        assert!(!keys.same("", ""));
        assert!(PersonKeys::default().is_empty());
        assert_eq!(PersonKeys::default().key("Dr. X"), "dr x");
    }

    #[test]
    fn interned_people_are_one_number_per_person_in_any_spelling_or_alias() {
        let mut a = Person::named("Dr Adeyemi");
        a.add_alias("Adeyemi");
        let keys = People::new(vec![a]).keys();
        let names = [
            "Dr. Adeyemi",
            "Ms Chen",
            "adeyemi",
            "",
            "MS  CHEN",
            "DR ADEYEMI",
            "?",
            "Mr Ode",
        ];
        let people = keys.intern(names);
        assert_eq!(people.ids, [0, 1, 0, 2, 1, 0, 2, 3]);
        assert_eq!(people.keys, ["dr adeyemi", "ms chen", "", "mr ode"]);
        assert_eq!(people.key(1), "ms chen");
        assert_eq!(people.key(9), "");
        // Without the register, the alias is a person of its own.
        let plain = PersonKeys::default().intern(names);
        assert_eq!(plain.ids, [0, 1, 2, 3, 1, 0, 3, 4]);
        assert_eq!(plain.key(2), "adeyemi");
    }
}
