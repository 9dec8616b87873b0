//! Merging a list of tables (`[[attempts]]`, `[[prep.objections]]`) item by item, in time linear in the list's
//! length: a plan at the loader's size limit holds about 62,000 attempts, and one more must save at once. The
//! items have no ids, so they are matched by what they hold.

use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasher, Hash, Hasher, RandomState};

use toml_edit::{ArrayOfTables, Item, Table, TableLike, Value};

use super::{known_keys, merge_table, same_item, same_value, unplace_table};

/// Above this many items left over on both sides (changed or moved ones), they are paired in order instead of
/// each being compared with every other: no edit made through the program comes near it.
const CLOSE_MATCH_LIMIT: usize = 16;

/// Merges `new` into `old`. `was` is the list as this program read it from the file (the loaded plan, rendered),
/// item for item with `old`; without it the file's own tables are compared. An item nobody changed keeps its
/// table as it is; an item changed in place keeps the table it agrees with most (ties to the nearest place), and
/// what agrees with nothing (its text rewritten) takes an unmatched old table in order. Matched by place alone, a
/// removed or reordered item moved the user's own keys and comments onto its neighbour. The tables are then
/// written in the new order, in the places the old ones had in the file.
pub(super) fn merge_tables(
    old: &mut ArrayOfTables,
    was: Option<&ArrayOfTables>,
    new: &ArrayOfTables,
    path: &str,
) {
    let was = was.filter(|w| w.len() == old.len());
    let news: Vec<&Table> = new.iter().collect();
    let pairs = {
        let views: Vec<&Table> = match was {
            Some(w) => w.iter().collect(),
            None => old.iter().collect(),
        };
        pair(&views, &news, known_keys(path))
    };
    let mut places: Vec<Option<isize>> = old.iter().map(Table::position).collect();
    places.sort_unstable();
    let mut olds: Vec<Option<Table>> = std::mem::take(old).into_iter().map(Some).collect();
    let mut merged = ArrayOfTables::new();
    for (new_table, paired) in news.iter().zip(pairs) {
        let table = match paired.and_then(|i| Some((i, olds.get_mut(i)?.take()?))) {
            Some((i, mut t)) => {
                let view = was.and_then(|w| w.get(i)).map(|t| t as &dyn TableLike);
                merge_table(&mut t, view, *new_table, path);
                t
            }
            None => {
                let mut t = (*new_table).clone();
                unplace_table(&mut t);
                t
            }
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
}

/// For each new item, the old one it takes the table of.
fn pair(olds: &[&Table], news: &[&Table], keys: &[&str]) -> Vec<Option<usize>> {
    let hasher = RandomState::new();
    let mut same_content: HashMap<u64, VecDeque<usize>> = HashMap::with_capacity(olds.len());
    for (i, t) in olds.iter().enumerate() {
        same_content
            .entry(content_hash(&hasher, t, keys))
            .or_default()
            .push_back(i);
    }
    let mut taken = vec![false; olds.len()];
    let mut pairs: Vec<Option<usize>> = vec![None; news.len()];
    // Unchanged items first, each taking the first of the old ones that hold the same.
    for (j, n) in news.iter().enumerate() {
        let Some(queue) = same_content.get_mut(&content_hash(&hasher, n, keys)) else {
            continue;
        };
        // Equal hashes of unequal tables are so rare that looking past the first candidate costs nothing.
        if let Some(k) = queue.iter().position(|&i| same_keys(olds[i], n, keys))
            && let Some(i) = queue.remove(k)
        {
            taken[i] = true;
            pairs[j] = Some(i);
        }
    }
    let left_new: Vec<usize> = (0..news.len()).filter(|&j| pairs[j].is_none()).collect();
    let left_old: Vec<usize> = (0..olds.len()).filter(|&i| !taken[i]).collect();
    if left_new.len().min(left_old.len()) <= CLOSE_MATCH_LIMIT {
        for &j in &left_new {
            let best = left_old
                .iter()
                .filter(|&&i| !taken[i])
                .map(|&i| (i, agreement(olds[i], news[j])))
                .filter(|&(_, agree)| agree > 0)
                .max_by_key(|&(i, agree)| (agree, std::cmp::Reverse(i.abs_diff(j))))
                .map(|(i, _)| i);
            if let Some(i) = best {
                taken[i] = true;
                pairs[j] = Some(i);
            }
        }
    }
    let mut rest = left_old.into_iter().filter(|&i| !taken[i]);
    for j in left_new {
        if pairs[j].is_none() {
            pairs[j] = rest.next();
        }
    }
    pairs
}

#[cfg(test)]
thread_local! {
    /// Tables compared so far, for the test that a save stays linear.
    static COMPARED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

fn count_comparison() {
    #[cfg(test)]
    COMPARED.set(COMPARED.get() + 1);
}

/// Whether two tables hold the same values under `keys` (the program's own keys: the user's are theirs).
fn same_keys(a: &Table, b: &Table, keys: &[&str]) -> bool {
    count_comparison();
    keys.iter().all(|k| same_item(a.get(k), b.get(k)))
}

/// How many of `new`'s values `old` holds unchanged.
fn agreement(old: &Table, new: &Table) -> usize {
    count_comparison();
    new.iter()
        .filter(
            |(k, v)| match (old.get(k).and_then(Item::as_value), v.as_value()) {
                (Some(a), Some(b)) => same_value(a, b),
                _ => false,
            },
        )
        .count()
}

/// A hash that agrees with [`same_keys`]: tables it calls the same hash the same.
fn content_hash(hasher: &RandomState, table: &Table, keys: &[&str]) -> u64 {
    let mut h = hasher.build_hasher();
    for key in keys {
        match table.get(key) {
            None => 0u8.hash(&mut h),
            Some(Item::Value(v)) => {
                1u8.hash(&mut h);
                hash_value(v, &mut h);
            }
            // Tables inside an item are rare and compared in full when they are.
            Some(_) => 2u8.hash(&mut h),
        }
    }
    h.finish()
}

/// Hashes a value by what it is, not how it is spelled, as [`same_value`] compares it.
fn hash_value(v: &Value, h: &mut impl Hasher) {
    match v {
        Value::String(s) => (0u8, s.value()).hash(h),
        Value::Integer(i) => (1u8, i.value()).hash(h),
        // 0.0 and -0.0 are equal values; NaN equals nothing, so any hash will do for it.
        Value::Float(f) => (
            2u8,
            if *f.value() == 0.0 {
                0
            } else {
                f.value().to_bits()
            },
        )
            .hash(h),
        Value::Boolean(b) => (3u8, b.value()).hash(h),
        Value::Datetime(d) => (4u8, d.value().to_string()).hash(h),
        Value::Array(a) => {
            (5u8, a.len()).hash(h);
            a.iter().for_each(|v| hash_value(v, h));
        }
        // Compared as a map, in any order: its size is enough for a hash.
        Value::InlineTable(t) => (6u8, t.len()).hash(h),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use toml_edit::value;

    /// `n` attempts as the program writes them, with many alike (the same rung, day and notes).
    fn attempts(n: usize) -> ArrayOfTables {
        let mut list = ArrayOfTables::new();
        for i in 0..n {
            let mut t = Table::new();
            t["tactic"] = value(["reason", "coach", "deal"][i % 3]);
            t["result"] = value(["resistance", "compliance"][i % 2]);
            t["notes"] = value(format!("try {}", i % 1000));
            list.push(t);
        }
        list
    }

    /// How many tables the matching compared to merge `new` into `old`.
    fn comparisons(old: &ArrayOfTables, new: &ArrayOfTables) -> usize {
        COMPARED.set(0);
        let mut merged = old.clone();
        merge_tables(&mut merged, Some(old), new, "attempts");
        assert_eq!(merged.len(), new.len());
        COMPARED.get()
    }

    /// Quadratic matching compared about n * n / 2 tables here; tests/properties.rs saves at the size limit.
    #[test]
    fn matching_compares_each_item_a_few_times_at_most() {
        let n = 10_000;
        let old = attempts(n);
        let mut appended = old.clone();
        appended.push(attempts(1).get(0).cloned().unwrap_or_default());
        let mut edited = old.clone();
        if let Some(t) = edited.get_mut(n / 2) {
            t["notes"] = value("changed");
        }
        let mut removed = old.clone();
        removed.remove(0);
        let mut reversed = ArrayOfTables::new();
        for i in (0..n).rev() {
            reversed.push(old.get(i).cloned().unwrap_or_default());
        }
        let mut rewritten = old.clone();
        for t in rewritten.iter_mut() {
            t["notes"] = value("all rewritten");
            t["tactic"] = value("force");
        }
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
        let mut old = attempts(6);
        for (i, t) in old.iter_mut().enumerate() {
            t["mine"] = value(i as i64);
        }
        let mut new = attempts(6);
        if let Some(t) = new.get_mut(3) {
            t["notes"] = value("edited");
        }
        new.remove(1);
        let mut merged = old.clone();
        merge_tables(&mut merged, Some(&attempts(6)), &new, "attempts");
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
