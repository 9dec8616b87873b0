//! Merging a list of tables (`[[attempts]]`, `[[prep.objections]]`) item by item, in time linear in the list's
//! length: a plan at the loader's size limit holds about 62,000 attempts, and one more must save at once. The
//! items have no ids, so they are matched by what they hold, as the program reads it: an item is hashed whole,
//! and only the items that changed are written out and compared field by field.

use std::collections::{HashMap, VecDeque};
use std::hash::Hash;

use serde::Serialize;
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, TableLike};

use crate::domain::{Ally, Attempt, Objection};

use super::{merge_table, unplace_table};

/// Above this many items left over on both sides (changed or moved ones), they are paired in order instead of
/// each being compared with every other: no edit made through the program comes near it.
const CLOSE_MATCH_LIMIT: usize = 16;

/// An item of a list of tables.
pub(super) trait ListItem: Eq + Hash + Serialize {
    /// How many of the values `self` writes to the file `old` holds unchanged.
    fn agreement(&self, old: &Self) -> usize;
}

impl ListItem for Attempt {
    fn agreement(&self, old: &Self) -> usize {
        usize::from(self.tactic == old.tactic)
            + usize::from(self.on.is_some() && self.on == old.on)
            + usize::from(self.result.is_some() && self.result == old.result)
            + usize::from(!self.notes.is_empty() && self.notes == old.notes)
            + usize::from(!self.from.is_empty() && self.from == old.from)
    }
}

impl ListItem for Ally {
    fn agreement(&self, old: &Self) -> usize {
        usize::from(self.name == old.name)
            + usize::from(!self.ask.is_empty() && self.ask == old.ask)
    }
}

impl ListItem for Objection {
    fn agreement(&self, old: &Self) -> usize {
        usize::from(self.objection == old.objection) + usize::from(self.response == old.response)
    }
}

/// Writes the list `new` under `key` in `parent`. `was` is the list as the program read it from the file, item
/// for item with the file's tables (`None` when the file did not read as a plan). An item nobody changed keeps
/// its table as it is; an item changed in place keeps the table it agrees with most (ties to the nearest place),
/// so the user's own keys and comments stay with it, and what agrees with nothing takes an unmatched old table
/// in order. Matched by place alone, a removed or reordered item moved the user's keys onto its neighbour. The
/// tables are then written in the new order, in the places the old ones had in the file.
pub(super) fn merge_list<T: ListItem>(
    parent: &mut dyn TableLike,
    key: &str,
    path: &str,
    was: Option<&[T]>,
    new: &[T],
) -> Result<(), String> {
    if was == Some(new) {
        return Ok(());
    }
    if new.is_empty() {
        parent.remove(key);
        return Ok(());
    }
    let old = match parent.get_mut(key) {
        Some(Item::ArrayOfTables(old)) => old,
        // Written inline by hand (`attempts = [{ tactic = "deal" }]`): it stays inline.
        Some(item @ Item::Value(_)) => {
            let mut array = toml_edit::Array::new();
            for item in new {
                array.push(rendered(item)?.into_inline_table());
            }
            *item = Item::Value(array.into());
            return Ok(());
        }
        _ => {
            let mut list = ArrayOfTables::new();
            for item in new {
                list.push(rendered(item)?);
            }
            parent.insert(key, Item::ArrayOfTables(list));
            return Ok(());
        }
    };
    let was = was.filter(|w| w.len() == old.len());
    let pairs = pair(was, new, old.len());
    let mut places: Vec<Option<isize>> = old.iter().map(Table::position).collect();
    places.sort_unstable();
    let mut olds: Vec<Option<Table>> = std::mem::take(old).into_iter().map(Some).collect();
    let mut merged = ArrayOfTables::new();
    for (item, paired) in new.iter().zip(pairs) {
        let table = match paired.and_then(|i| Some((i, olds.get_mut(i)?.take()?))) {
            Some((i, table)) if was.and_then(|w| w.get(i)) == Some(item) => table,
            Some((i, mut table)) => {
                let fresh = rendered(item)?;
                let read = was.and_then(|w| w.get(i)).map(rendered).transpose()?;
                merge_table(
                    &mut table,
                    read.as_ref().map(|t| t as &dyn TableLike),
                    &fresh,
                    path,
                );
                table
            }
            None => rendered(item)?,
        };
        merged.push(table);
    }
    let mut places = places.into_iter();
    for table in merged.iter_mut() {
        if table.position().is_some() {
            table.set_position(places.next().flatten());
        }
    }
    *old = merged;
    Ok(())
}

/// One item as the program writes it: a table with a blank line before its header, and no place in the file
/// yet (it is written after the table before it).
fn rendered<T: Serialize>(item: &T) -> Result<Table, String> {
    let text = toml::to_string_pretty(item).map_err(|e| e.to_string())?;
    let doc: DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| e.to_string())?;
    let mut table = doc.as_table().clone();
    unplace_table(&mut table);
    table.set_implicit(false);
    table.decor_mut().set_prefix("\n");
    Ok(table)
}

#[cfg(test)]
thread_local! {
    /// Items compared so far, for the test that a save stays linear.
    static COMPARED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

fn count_comparison() {
    #[cfg(test)]
    COMPARED.set(COMPARED.get() + 1);
}

/// For each new item, the old one whose table it takes.
fn pair<T: ListItem>(was: Option<&[T]>, new: &[T], old_len: usize) -> Vec<Option<usize>> {
    let mut taken = vec![false; old_len];
    let mut pairs: Vec<Option<usize>> = vec![None; new.len()];
    if let Some(was) = was {
        // Unchanged items first, each taking the first old one that holds the same.
        let mut same: HashMap<&T, VecDeque<usize>> = HashMap::with_capacity(was.len());
        for (i, item) in was.iter().enumerate() {
            same.entry(item).or_default().push_back(i);
        }
        for (j, item) in new.iter().enumerate() {
            count_comparison();
            if let Some(i) = same.get_mut(item).and_then(VecDeque::pop_front) {
                taken[i] = true;
                pairs[j] = Some(i);
            }
        }
        let left_new: Vec<usize> = (0..new.len()).filter(|&j| pairs[j].is_none()).collect();
        let left_old: Vec<usize> = (0..old_len).filter(|&i| !taken[i]).collect();
        if left_new.len().min(left_old.len()) <= CLOSE_MATCH_LIMIT {
            for &j in &left_new {
                let best = left_old
                    .iter()
                    .filter(|&&i| !taken[i])
                    .filter_map(|&i| {
                        count_comparison();
                        Some((i, new.get(j)?.agreement(was.get(i)?)))
                    })
                    .filter(|&(_, agree)| agree > 0)
                    .max_by_key(|&(i, agree)| (agree, std::cmp::Reverse(i.abs_diff(j))))
                    .map(|(i, _)| i);
                if let Some(i) = best {
                    taken[i] = true;
                    pairs[j] = Some(i);
                }
            }
        }
    }
    let mut rest = (0..old_len).filter(|&i| !taken[i]);
    for slot in pairs.iter_mut().filter(|p| p.is_none()) {
        *slot = rest.next();
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::OutcomeResult;

    /// `n` attempts, many alike (the same rung, result and notes).
    fn attempts(n: usize) -> Vec<Attempt> {
        (0..n)
            .map(|i| Attempt {
                tactic: crate::domain::rung::test_rung(["reason", "coach", "deal"][i % 3]),
                on: None,
                result: Some([OutcomeResult::Resistance, OutcomeResult::Compliance][i % 2]),
                notes: format!("try {}", i % 1000),
                from: String::new(),
            })
            .collect()
    }

    /// How many items the matching compared to pair `new` with `old`.
    fn comparisons(old: &[Attempt], new: &[Attempt]) -> usize {
        COMPARED.set(0);
        let pairs = pair(Some(old), new, old.len());
        assert_eq!(pairs.len(), new.len());
        COMPARED.get()
    }

    /// Quadratic matching compared about n * n / 2 items here; tests/properties.rs saves at the size limit.
    #[test]
    fn matching_compares_each_item_a_few_times_at_most() {
        let n = 62_000;
        let old = attempts(n);
        let mut appended = old.clone();
        appended.push(Attempt::default());
        let mut edited = old.clone();
        edited[n / 2].notes = "changed".into();
        let mut removed = old.clone();
        removed.remove(0);
        let reversed: Vec<Attempt> = old.iter().rev().cloned().collect();
        let rewritten: Vec<Attempt> = old
            .iter()
            .map(|a| Attempt {
                notes: "all rewritten".into(),
                ..a.clone()
            })
            .collect();
        for (what, new) in [
            ("appended", &appended),
            ("edited", &edited),
            ("removed", &removed),
            ("reversed", &reversed),
            ("rewritten", &rewritten),
        ] {
            let compared = comparisons(&old, new);
            assert!(
                compared <= 2 * n,
                "{what}: {compared} comparisons for {n} items"
            );
        }
    }

    #[test]
    fn an_item_edited_in_place_keeps_its_table_and_alike_items_keep_their_order() {
        let was = attempts(6);
        let mut doc: DocumentMut = "".parse().unwrap();
        let mut list = ArrayOfTables::new();
        for (i, a) in was.iter().enumerate() {
            let mut t = rendered(a).unwrap();
            t["mine"] = toml_edit::value(i as i64);
            list.push(t);
        }
        doc.insert("attempts", Item::ArrayOfTables(list));
        let mut new = was.clone();
        new[3].notes = "edited".into();
        new.remove(1);
        merge_list(doc.as_table_mut(), "attempts", "attempts", Some(&was), &new).unwrap();
        let merged = doc["attempts"].as_array_of_tables().unwrap();
        let mine: Vec<i64> = merged
            .iter()
            .filter_map(|t| t.get("mine").and_then(Item::as_integer))
            .collect();
        assert_eq!(mine, [0, 2, 3, 4, 5]);
        assert_eq!(
            merged.get(2).and_then(|t| t["notes"].as_str()),
            Some("edited")
        );
    }
}
