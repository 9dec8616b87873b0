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
mod tests {
    use super::*;
    #[allow(unused_imports)]
    use crate::domain::rung::{rung_text, test_rung};
    use crate::domain::{Attempt, Direction, Objection, Outcome, OutcomeResult};
    use jiff::Timestamp;

    /// A plan file's text read as a loader reads it, rungs resolved.
    fn read(text: &str) -> Plan {
        let mut plan: Plan = toml::from_str(text).unwrap();
        plan.resolve_rungs(&crate::domain::Ladder::embedded());
        plan
    }

    fn full_plan() -> Plan {
        let mut p = Plan::new("2026-11-26T09:00:00Z".parse::<Timestamp>().unwrap());
        p.title = "t".into();
        p.follows = "x".into();
        p.dropped_reason = "x".into();
        p.stakeholder.name = "n".into();
        p.stakeholder.role = "r".into();
        p.stakeholder.direction = Some(Direction::Up);
        p.stakeholder.cares_about = vec!["c".into()];
        p.goal.want = "w".into();
        p.goal.why = "y".into();
        p.goal.minimum = "m".into();
        p.goal.by = Some(jiff::civil::date(2026, 12, 1));
        p.tactic.primary = test_rung("force");
        p.tactic.backup = test_rung("reason");
        p.tactic.rationale = "r".into();
        p.tactic.escalation_reason = "e".into();
        p.prep.opening = "o".into();
        p.prep.points = vec!["p".into()];
        p.prep.tactic_notes = "t".into();
        p.prep.objections = vec![Objection {
            objection: "o".into(),
            response: "r".into(),
        }];
        p.prep.ask = "a".into();
        p.prep.fallback = "f".into();
        p.allies = vec![crate::domain::Ally {
            name: "Sister Mensah".into(),
            ask: "say the rota worked on her ward".into(),
        }];
        p.attempts = vec![Attempt {
            tactic: test_rung("reason"),
            on: Some(jiff::civil::date(2026, 11, 1)),
            result: Some(OutcomeResult::Resistance),
            notes: "n".into(),
            from: "01JDQ4ZZZZZZZZZZZZZZZZZZZZ".into(),
        }];
        p.outcome = Some(Outcome {
            on: Some(jiff::civil::date(2026, 11, 2)),
            result: Some(OutcomeResult::Commitment),
            notes: "n".into(),
            follow_up: Some(jiff::civil::date(2026, 11, 9)),
        });
        p
    }

    fn keys_of(t: &dyn TableLike) -> Vec<String> {
        let mut v: Vec<String> = t.iter().map(|(k, _)| k.to_string()).collect();
        v.sort();
        v
    }

    fn sorted(keys: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = keys.iter().map(|s| s.to_string()).collect();
        v.sort();
        v
    }

    #[test]
    fn known_keys_match_the_plan_type() {
        let doc: DocumentMut = render_new(&full_plan()).unwrap().parse().unwrap();
        assert_eq!(keys_of(doc.as_table()), sorted(known_keys("")));
        for table in ["stakeholder", "goal", "tactic", "prep", "outcome"] {
            let t = doc[table].as_table_like().unwrap();
            assert_eq!(keys_of(t), sorted(known_keys(table)), "{table}");
        }
        let attempt = doc["attempts"]
            .as_array_of_tables()
            .unwrap()
            .get(0)
            .unwrap();
        assert_eq!(keys_of(attempt), sorted(known_keys("attempts")));
        let objection = doc["prep"]["objections"]
            .as_array_of_tables()
            .unwrap()
            .get(0)
            .unwrap();
        assert_eq!(keys_of(objection), sorted(known_keys("prep.objections")));
        let ally = doc["allies"].as_array_of_tables().unwrap().get(0).unwrap();
        assert_eq!(keys_of(ally), sorted(known_keys("allies")));
    }

    #[test]
    fn allies_keep_their_comments_and_the_users_keys_through_a_save() {
        let plan = full_plan();
        let text = render_new(&plan).unwrap().replace(
            "name = \"Sister Mensah\"",
            "name = \"Sister Mensah\" # ward 7\nmine = true",
        );
        let mut changed = read(&text);
        changed.allies[0].ask = "tell her about ward 7".into();
        changed.allies.push(crate::domain::Ally {
            name: "Mr Ode".into(),
            ask: String::new(),
        });
        let out = render_update(&text, &changed).unwrap();
        assert!(
            out.contains("name = \"Sister Mensah\" # ward 7\nmine = true"),
            "{out}"
        );
        assert!(out.contains("ask = \"tell her about ward 7\""), "{out}");
        assert!(out.contains("name = \"Mr Ode\""), "{out}");
        assert_eq!(read(&out), changed);
        // Taking the allies away leaves no table behind.
        changed.allies.clear();
        let out = render_update(&out, &changed).unwrap();
        assert!(!out.contains("[[allies]]"), "{out}");
    }

    #[test]
    fn new_files_use_native_dates_and_read_back() {
        let plan = full_plan();
        let text = render_new(&plan).unwrap();
        assert!(text.contains("by = 2026-12-01\n"), "{text}");
        assert!(text.contains("[[attempts]]"));
        let back = read(&text);
        assert_eq!(back, plan);
    }

    #[test]
    fn edits_keep_comments_unknown_keys_and_order() {
        let plan = full_plan();
        let original = render_new(&plan).unwrap().replace(
            "[goal]\n",
            "# my own comment about the goal\n[goal]\nmood = \"tense\" # how I feel\n",
        ) + "\n[my_notes]\ntext = \"private\"\n";
        let original = original.replace("want = \"w\"", "want = \"w\" # keep this comment");
        let mut edited = plan.clone();
        edited.goal.want = "new want".into();
        edited.outcome = None;
        edited.attempts.push(Attempt {
            tactic: test_rung("coach"),
            ..Default::default()
        });
        let out = render_update(&original, &edited).unwrap();
        assert!(out.contains("# my own comment about the goal"), "{out}");
        assert!(out.contains("mood = \"tense\" # how I feel"), "{out}");
        assert!(
            out.contains("want = \"new want\" # keep this comment"),
            "{out}"
        );
        assert!(out.contains("[my_notes]\ntext = \"private\""), "{out}");
        assert!(!out.contains("[outcome]"), "{out}");
        let back = read(&out);
        assert_eq!(back, edited);
        // unchanged plan: the file is byte for byte the same
        assert_eq!(render_update(&original, &plan).unwrap(), original);
    }

    #[test]
    fn each_attempt_keeps_its_own_keys_when_the_list_is_reordered_or_shortened() {
        let mut plan = full_plan();
        plan.attempts = vec![
            Attempt {
                tactic: test_rung("deal"),
                ..Default::default()
            },
            Attempt {
                tactic: test_rung("reason"),
                ..Default::default()
            },
        ];
        let original = render_new(&plan).unwrap().replacen(
            "[[attempts]]\ntactic = \"deal\"\n",
            "# the deal we struck\n[[attempts]]\ntactic = \"deal\"\nwhere = \"ward round\"\n",
            1,
        );
        assert!(original.contains("where = "), "{original}");
        let mut reordered = plan.clone();
        reordered.attempts.reverse();
        let out = render_update(&original, &reordered).unwrap();
        let deal = out.find("tactic = \"deal\"").unwrap();
        let reason = out.find("tactic = \"reason\"").unwrap();
        let mine = out.find("where = \"ward round\"").unwrap();
        let comment = out.find("# the deal we struck").unwrap();
        assert!(reason < comment && comment < deal && deal < mine, "{out}");
        let back = read(&out);
        assert_eq!(back.attempts, reordered.attempts);

        let mut shortened = plan.clone();
        shortened.attempts.remove(0);
        let out = render_update(&original, &shortened).unwrap();
        assert!(
            !out.contains("ward round") && !out.contains("deal"),
            "{out}"
        );
        assert!(out.contains("tactic = \"reason\""), "{out}");

        // An item rewritten in place keeps its table (and the user's keys) by position.
        let mut rewritten = plan.clone();
        rewritten.attempts[0].tactic = test_rung("favour");
        let out = render_update(&original, &rewritten).unwrap();
        let favour = out.find("tactic = \"favour\"").unwrap();
        assert!(favour < out.find("where = ").unwrap(), "{out}");
        assert!(
            out.find("where = ").unwrap() < out.find("tactic = \"reason\"").unwrap(),
            "{out}"
        );
    }

    #[test]
    fn a_file_written_with_crlf_keeps_its_line_endings() {
        for name in ["ok-crlf.toml", "ok-crlf-multiline-string.toml"] {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/hostile")
                .join(name);
            let original = std::fs::read_to_string(&path).unwrap();
            let plan = crate::store::plan_file::parse(
                &path,
                &original,
                &crate::domain::Ladder::embedded(),
            )
            .unwrap();
            if name == "ok-crlf.toml" {
                assert_eq!(render_update(&original, &plan).unwrap(), original);
            }
            let mut edited = plan.clone();
            edited.goal.want = "a new want".into();
            edited.goal.why = "two lines\nof reasons".into();
            let out = render_update(&original, &edited).unwrap();
            // Every line ends with CRLF, but inside the multi-line value the line breaks are the value's own.
            let outside = out.replace("\"\"\"\ntwo lines\nof reasons\"\"\"", "");
            assert!(
                !outside.replace("\r\n", "").contains('\n'),
                "{name}: a bare LF in\n{out:?}"
            );
            let back =
                crate::store::plan_file::parse(&path, &out, &crate::domain::Ladder::embedded())
                    .unwrap();
            assert_eq!(back, edited, "{name}");
        }
    }

    #[test]
    fn untouched_fields_keep_their_spelling() {
        let original = "version = 1\nid = \"a\"\ncreated = 2026-01-01T09:00:00Z\nupdated = 2026-01-01T09:00:00Z\n\n\
                        [goal]\nwant = 'literal'\nby = \"2026-12-01\"\nwhy = \"\"\"\nline\ttab  \n\"\"\"\n\n\
                        [[attempts]]\ntactic = \"deal\"\non = \"2026-11-01\"\n";
        let mut plan: Plan = toml::from_str(original).unwrap();
        plan.goal.minimum = "less".into();
        plan.record_attempt(
            Attempt {
                tactic: crate::domain::rung::test_rung("coach"),
                ..Default::default()
            },
            "2026-02-01T10:00:00Z".parse().unwrap(),
        );
        let out = render_update(original, &plan).unwrap();
        for kept in [
            "created = 2026-01-01T09:00:00Z\n",
            "want = 'literal'\n",
            "by = \"2026-12-01\"\n",
            "why = \"\"\"\nline\ttab  \n\"\"\"\n",
            "on = \"2026-11-01\"\n",
        ] {
            assert!(out.contains(kept), "{kept:?} changed:\n{out}");
        }
        let ladder = crate::domain::Ladder::embedded();
        let mut back: Plan = toml::from_str(&out).unwrap();
        back.resolve_rungs(&ladder);
        plan.resolve_rungs(&ladder);
        assert_eq!(back, plan);
    }

    #[test]
    fn removed_table_keeps_the_users_own_keys() {
        let plan = full_plan();
        let original = render_new(&plan)
            .unwrap()
            .replace("[outcome]\n", "[outcome]\nmine = 1\n");
        let mut edited = plan.clone();
        edited.outcome = None;
        let out = render_update(&original, &edited).unwrap();
        let doc: DocumentMut = out.parse().unwrap();
        assert_eq!(keys_of(doc["outcome"].as_table_like().unwrap()), ["mine"]);
    }

    #[test]
    fn inline_tables_written_by_hand_are_edited_in_place() {
        let original = "version = 1\nid = \"a\"\ncreated = 2026-01-01T00:00:00Z\nupdated = 2026-01-01T00:00:00Z\n\
                        stakeholder = { name = \"Ann\", pet = \"cat\" }\n";
        let mut plan: Plan = toml::from_str(original).unwrap();
        plan.stakeholder.role = "Matron".into();
        let out = render_update(original, &plan).unwrap();
        assert!(out.contains("pet = \"cat\""), "{out}");
        let back = read(&out);
        assert_eq!(back.stakeholder.role, "Matron");
    }
}
