//! The plan file format on disk. New files are written from the plan's fields; existing files are edited in
//! place, so that comments, key order and keys this program does not know (a user's own `[my_notes]`, a field
//! from a newer version) all survive a save.

mod line_endings;
mod lists;

use toml_edit::{DocumentMut, Item, Table, TableLike, Value};

use crate::domain::{Plan, Prep, RungRef};

/// The keys this program writes, per table. Anything else in a file belongs to the user and is never removed.
/// A test checks this list against the fields of [`Plan`].
fn known_keys(path: &str) -> &'static [&'static str] {
    match path {
        "" => &[
            "version",
            "id",
            "title",
            "created",
            "updated",
            "status",
            "dropped_reason",
            "follows",
            "stakeholder",
            "goal",
            "tactic",
            "prep",
            "allies",
            "attempts",
            "outcome",
        ],
        "stakeholder" => &["name", "role", "direction", "cares_about"],
        "goal" => &["want", "why", "minimum", "by"],
        "tactic" => &["primary", "backup", "rationale", "escalation_reason"],
        "prep" => &[
            "opening",
            "points",
            "tactic_notes",
            "objections",
            "ask",
            "fallback",
        ],
        "prep.objections" => &["objection", "response"],
        "allies" => &["name", "ask"],
        "attempts" => &["tactic", "on", "result", "notes", "from"],
        "outcome" => &["on", "result", "notes", "follow_up"],
        _ => &[],
    }
}

/// The lists of tables, merged item by item apart from the rest ([`lists`]).
fn is_list(path: &str) -> bool {
    matches!(path, "attempts" | "prep.objections" | "allies")
}

/// The text of a new plan file.
pub fn render_new(plan: &Plan) -> Result<String, toml::ser::Error> {
    let mut body = toml::to_string_pretty(plan)?;
    if !body.ends_with('\n') {
        body.push('\n');
    }
    Ok(format!(
        "# An overture plan. You may edit this file by hand: keep the keys, add your own below.\n\
         # The format is described in docs/FORMAT.md.\n{body}"
    ))
}

/// The text of an existing file with the plan's fields written into it, everything else left as it was. A field
/// whose value is the same in the file and in `plan` is not touched at all: it keeps its bytes (quotes, escapes,
/// spacing, a `Z` or a date in quotes), however this program would have written it.
pub fn render_update(original: &str, plan: &Plan) -> Result<String, String> {
    // A byte-order mark is kept as it was but not handed to the editor, which accepts only one: a file that
    // starts with two (an editor that added its own) loads, so it must save too.
    let (bom, body) = match original.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", original),
    };
    let plan = &as_written(plan);
    // The plan the file holds now, as this program reads it: what a field is compared with.
    let loaded: Option<Plan> = toml::from_str(body).ok();
    if loaded.as_ref() == Some(plan) {
        return Ok(original.to_string());
    }
    let mut doc: DocumentMut = body
        .parse()
        .map_err(|e: toml_edit::TomlError| e.to_string())?;
    merge_lists(&mut doc, loaded.as_ref(), plan)?;
    // The rest of the loaded plan in this program's own spelling, so that "the same value" means the same to
    // the program (a date in quotes and the same date unquoted; `Z` and `+00:00`).
    let fresh = rendered(&without_lists(plan))?;
    let was = loaded
        .as_ref()
        .map(|p| rendered(&without_lists(p)))
        .transpose()?;
    let was_root = was.as_ref().map(|d| d.as_table() as &dyn TableLike);
    merge_table(doc.as_table_mut(), was_root, fresh.as_table(), "");
    let text = doc.to_string();
    let text = if line_endings::uses_crlf(body) {
        line_endings::crlf_between_lines(&text)
    } else {
        text
    };
    Ok(format!("{bom}{text}"))
}

/// Merges `[[attempts]]` and `[[prep.objections]]`; `loaded` is the plan the file holds, when it reads as one.
fn merge_lists(doc: &mut DocumentMut, loaded: Option<&Plan>, plan: &Plan) -> Result<(), String> {
    let root = doc.as_table_mut();
    lists::merge_list(
        root,
        "attempts",
        "attempts",
        loaded.map(|p| &p.attempts[..]),
        &plan.attempts,
    )?;
    lists::merge_list(
        root,
        "allies",
        "allies",
        loaded.map(|p| &p.allies[..]),
        &plan.allies,
    )?;
    let was = loaded.map(|p| &p.prep.objections[..]);
    if was == Some(&plan.prep.objections[..]) {
        return Ok(());
    }
    if !root.contains_key("prep") && !plan.prep.objections.is_empty() {
        let mut prep = Table::new();
        prep.set_implicit(true);
        root.insert("prep", Item::Table(prep));
    }
    match root.get_mut("prep").and_then(Item::as_table_like_mut) {
        Some(prep) => lists::merge_list(
            prep,
            "objections",
            "prep.objections",
            was,
            &plan.prep.objections,
        ),
        None => Ok(()),
    }
}

/// The plan as its file holds it: each rung by its key alone, as `toml::from_str` reads it back (a loader then
/// resolves the keys against the ladder in use, which the file does not record).
fn as_written(plan: &Plan) -> Plan {
    let mut p = plan.clone();
    let unresolve = |rung: &mut Option<RungRef>| {
        if let Some(r) = rung {
            *r = RungRef::Unknown(r.key().clone());
        }
    };
    unresolve(&mut p.tactic.primary);
    unresolve(&mut p.tactic.backup);
    for a in &mut p.attempts {
        unresolve(&mut a.tactic);
    }
    p
}

/// The plan without its lists of tables, which are merged on their own.
fn without_lists(p: &Plan) -> Plan {
    Plan {
        version: p.version,
        id: p.id.clone(),
        title: p.title.clone(),
        created: p.created,
        updated: p.updated,
        status: p.status,
        dropped_reason: p.dropped_reason.clone(),
        follows: p.follows.clone(),
        stakeholder: p.stakeholder.clone(),
        goal: p.goal.clone(),
        tactic: p.tactic.clone(),
        prep: Prep {
            opening: p.prep.opening.clone(),
            points: p.prep.points.clone(),
            tactic_notes: p.prep.tactic_notes.clone(),
            objections: Vec::new(),
            ask: p.prep.ask.clone(),
            fallback: p.prep.fallback.clone(),
        },
        allies: Vec::new(),
        attempts: Vec::new(),
        outcome: p.outcome.clone(),
    }
}

/// A plan as this program writes it, parsed for merging.
fn rendered(plan: &Plan) -> Result<DocumentMut, String> {
    toml::to_string_pretty(plan)
        .map_err(|e| e.to_string())?
        .parse()
        .map_err(|e: toml_edit::TomlError| e.to_string())
}

/// Writes `new`'s known keys into `old`. `was` is the same table as the program read it from the file, when the
/// file read as a plan: a key whose value it holds unchanged in `new` is left alone.
fn merge_table(
    old: &mut dyn TableLike,
    was: Option<&dyn TableLike>,
    new: &dyn TableLike,
    path: &str,
) {
    for &key in known_keys(path) {
        let was_item = was.map(|w| w.get(key));
        if was_item.is_some_and(|w| same_item(w, new.get(key))) {
            continue;
        }
        let child = child_path(path, key);
        if is_list(&child) {
            continue;
        }
        match (old.get_mut(key), new.get(key)) {
            (Some(_), None) => {
                remove_known(old, key, &child);
            }
            (None, Some(item)) => {
                old.insert(key, unplaced(item));
            }
            (Some(o), Some(n)) => merge_item(o, was_item.flatten(), n, &child),
            (None, None) => {}
        }
    }
}

fn child_path(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// Removes a field the plan no longer has, but keeps a table that still holds keys of the user's own (or a list
/// of tables, merged on its own).
fn remove_known(table: &mut dyn TableLike, key: &str, path: &str) {
    let keep = match table.get_mut(key).and_then(Item::as_table_like_mut) {
        Some(inner) => {
            for &k in known_keys(path) {
                if !is_list(&child_path(path, k)) {
                    inner.remove(k);
                }
            }
            !inner.is_empty()
        }
        None => false,
    };
    if !keep {
        table.remove(key);
    }
}

fn merge_item(old: &mut Item, was: Option<&Item>, new: &Item, path: &str) {
    if let (Some(o), Some(n)) = (old.as_table_like_mut(), new.as_table_like()) {
        merge_table(o, was.and_then(Item::as_table_like), n, path);
        return;
    }
    match (old.as_value_mut(), new.as_value()) {
        (Some(o), Some(n)) if same_value(o, n) => {}
        (Some(o), Some(n)) => {
            let decor = o.decor().clone();
            *o = n.clone();
            *o.decor_mut() = decor;
        }
        _ => *old = unplaced(new),
    }
}

/// A copy of an item from the freshly rendered plan, without the places its tables had in that document. Kept,
/// they would be sorted among the user's file by the wrong document's positions: a new `[[attempts]]` could land
/// before the old ones and change their order. Without a place, a table is written after the one before it.
fn unplaced(item: &Item) -> Item {
    let mut item = item.clone();
    match &mut item {
        Item::Table(t) => unplace_table(t),
        Item::ArrayOfTables(a) => a.iter_mut().for_each(unplace_table),
        _ => {}
    }
    item
}

fn unplace_table(table: &mut toml_edit::Table) {
    table.set_position(None);
    for (_, child) in table.iter_mut() {
        match child {
            Item::Table(t) => unplace_table(t),
            Item::ArrayOfTables(a) => a.iter_mut().for_each(unplace_table),
            _ => {}
        }
    }
}

/// Equality of items as the program reads them: values by [`same_value`], tables key by key; both absent is
/// equal too.
fn same_item(a: Option<&Item>, b: Option<&Item>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(Item::None), None) | (None, Some(Item::None)) => true,
        (Some(Item::Value(x)), Some(Item::Value(y))) => same_value(x, y),
        (Some(x), Some(y)) => match (x.as_table_like(), y.as_table_like()) {
            (Some(p), Some(q)) => same_table(p, q),
            _ => false,
        },
        _ => false,
    }
}

fn same_table(a: &dyn TableLike, b: &dyn TableLike) -> bool {
    a.len() == b.len() && a.iter().all(|(k, v)| same_item(Some(v), b.get(k)))
}

/// Equality of values, ignoring how they are spelled (quotes, spacing, comments inside arrays).
fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(x), Value::String(y)) => x.value() == y.value(),
        (Value::Integer(x), Value::Integer(y)) => x.value() == y.value(),
        (Value::Float(x), Value::Float(y)) => x.value() == y.value(),
        (Value::Boolean(x), Value::Boolean(y)) => x.value() == y.value(),
        (Value::Datetime(x), Value::Datetime(y)) => x.value() == y.value(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| same_value(p, q))
        }
        (Value::InlineTable(x), Value::InlineTable(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_value(v, w)))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests;
