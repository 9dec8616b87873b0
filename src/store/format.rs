//! The plan file format on disk. New files are written from the plan's fields; existing files are edited in
//! place, so that comments, key order and keys this program does not know (a user's own `[my_notes]`, a field
//! from a newer version) all survive a save.

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, TableLike, Value};

use crate::domain::Plan;

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
        "attempts" => &["tactic", "on", "result", "notes"],
        "outcome" => &["on", "result", "notes", "follow_up"],
        _ => &[],
    }
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

/// The text of an existing file with the plan's fields written into it, everything else left as it was.
pub fn render_update(original: &str, plan: &Plan) -> Result<String, String> {
    // A byte-order mark is kept as it was but not handed to the editor, which accepts only one: a file that
    // starts with two (an editor that added its own) loads, so it must save too.
    let (bom, body) = match original.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", original),
    };
    let mut doc: DocumentMut = body
        .parse()
        .map_err(|e: toml_edit::TomlError| e.to_string())?;
    let fresh: DocumentMut = toml::to_string_pretty(plan)
        .map_err(|e| e.to_string())?
        .parse()
        .map_err(|e: toml_edit::TomlError| e.to_string())?;
    merge_table(doc.as_table_mut(), fresh.as_table(), "");
    let text = doc.to_string();
    // The editor writes LF; a file written with CRLF (Windows, some sync setups) keeps its line endings, so a
    // save does not show up as a change to every line.
    let text = if body.contains("\r\n") {
        crlf_between_lines(&text)
    } else {
        text
    };
    Ok(format!("{bom}{text}"))
}

/// Ends every line with CRLF, except the line breaks inside multi-line strings: those are part of a value, and
/// a carriage return added there would change what the user wrote.
fn crlf_between_lines(text: &str) -> String {
    #[derive(PartialEq)]
    enum In {
        Code,
        Comment,
        Basic,
        Literal,
        MultiBasic,
        MultiLiteral,
    }
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut state = In::Code;
    let mut chars = text.chars().peekable();
    let rest_starts = |chars: &std::iter::Peekable<std::str::Chars>, s: &str| {
        chars.clone().take(s.chars().count()).eq(s.chars())
    };
    while let Some(c) = chars.next() {
        match (&state, c) {
            (In::Code | In::Comment, '\n') => {
                if !out.ends_with('\r') {
                    out.push('\r');
                }
                out.push('\n');
                state = In::Code;
                continue;
            }
            (In::Code, '#') => state = In::Comment,
            (In::Code, '"') if rest_starts(&chars, "\"\"") => {
                out.push_str("\"\"\"");
                chars.nth(1);
                state = In::MultiBasic;
                continue;
            }
            (In::Code, '\'') if rest_starts(&chars, "''") => {
                out.push_str("'''");
                chars.nth(1);
                state = In::MultiLiteral;
                continue;
            }
            (In::Code, '"') => state = In::Basic,
            (In::Code, '\'') => state = In::Literal,
            (In::Basic | In::MultiBasic, '\\') => {
                out.push(c);
                if let Some(next) = chars.next() {
                    out.push(next);
                }
                continue;
            }
            (In::Basic, '"') | (In::Literal, '\'') => state = In::Code,
            (In::MultiBasic, '"') if rest_starts(&chars, "\"\"") => {
                out.push_str("\"\"\"");
                chars.nth(1);
                // A closing delimiter may carry up to two quotes of the value before it: """a"""""
                while chars.peek() == Some(&'"') {
                    out.push('"');
                    chars.next();
                }
                state = In::Code;
                continue;
            }
            (In::MultiLiteral, '\'') if rest_starts(&chars, "''") => {
                out.push_str("'''");
                chars.nth(1);
                while chars.peek() == Some(&'\'') {
                    out.push('\'');
                    chars.next();
                }
                state = In::Code;
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    out
}

fn merge_table(old: &mut dyn TableLike, new: &dyn TableLike, path: &str) {
    for &key in known_keys(path) {
        let child = if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        };
        match (old.get_mut(key), new.get(key)) {
            (Some(_), None) => {
                remove_known(old, key, &child);
            }
            (None, Some(item)) => {
                old.insert(key, unplaced(item));
            }
            (Some(o), Some(n)) => merge_item(o, n, &child),
            (None, None) => {}
        }
    }
}

/// Removes a field the plan no longer has, but keeps a table that still holds keys of the user's own.
fn remove_known(table: &mut dyn TableLike, key: &str, path: &str) {
    let keep = match table.get_mut(key).and_then(Item::as_table_like_mut) {
        Some(inner) => {
            for &k in known_keys(path) {
                inner.remove(k);
            }
            !inner.is_empty()
        }
        None => false,
    };
    if !keep {
        table.remove(key);
    }
}

fn merge_item(old: &mut Item, new: &Item, path: &str) {
    if let (Some(o), Some(n)) = (old.as_table_like_mut(), new.as_table_like()) {
        merge_table(o, n, path);
        return;
    }
    if let (Item::ArrayOfTables(o), Item::ArrayOfTables(n)) = (&mut *old, new) {
        merge_tables(o, n, path);
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

/// Merges a list of tables (`[[attempts]]`, `[[prep.objections]]`) item by item. The items have no ids, so each
/// new one is matched with the old table it agrees with on the most values (ties to the nearest place); an item
/// that agrees with none (its text rewritten) takes an unmatched old table in order. Matched by place alone, a
/// removed or reordered item moved the user's own keys and comments onto its neighbour. The tables are then
/// written in the new order, in the places the old ones had in the file.
fn merge_tables(old: &mut ArrayOfTables, new: &ArrayOfTables, path: &str) {
    let mut unused: Vec<Option<Table>> = old.iter().cloned().map(Some).collect();
    let mut places: Vec<Option<isize>> = old.iter().map(Table::position).collect();
    places.sort_unstable();
    let mut chosen: Vec<Option<Table>> = Vec::with_capacity(new.len());
    for (i, new_table) in new.iter().enumerate() {
        let best = unused
            .iter()
            .enumerate()
            .filter_map(|(j, t)| t.as_ref().map(|t| (j, agreement(t, new_table))))
            .filter(|&(_, agree)| agree > 0)
            .max_by_key(|&(j, agree)| (agree, std::cmp::Reverse(j.abs_diff(i))))
            .map(|(j, _)| j);
        chosen.push(best.and_then(|j| unused.get_mut(j).and_then(Option::take)));
    }
    let mut leftovers = unused.into_iter().flatten();
    let mut merged = ArrayOfTables::new();
    for (slot, new_table) in chosen.into_iter().zip(new.iter()) {
        let table = match slot.or_else(|| leftovers.next()) {
            Some(mut t) => {
                merge_table(&mut t, new_table, path);
                t
            }
            None => {
                let mut t = new_table.clone();
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

/// How many of `new`'s values `old` holds unchanged.
fn agreement(old: &Table, new: &Table) -> usize {
    new.iter()
        .filter(
            |(k, v)| match (old.get(k).and_then(Item::as_value), v.as_value()) {
                (Some(a), Some(b)) => same_value(a, b),
                _ => false,
            },
        )
        .count()
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
        p.attempts = vec![Attempt {
            tactic: test_rung("reason"),
            on: Some(jiff::civil::date(2026, 11, 1)),
            result: Some(OutcomeResult::Resistance),
            notes: "n".into(),
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
    fn line_breaks_in_strings_are_left_alone() {
        let text = "a = \"x\"\nb = \"\"\"\none\ntwo\"\"\"\nc = '''\nthree\nfour'''\nd = \"\\\"\\\"\\\"\" # \"\"\"\ne = 1\n";
        let out = crlf_between_lines(text);
        assert_eq!(
            out,
            "a = \"x\"\r\nb = \"\"\"\none\ntwo\"\"\"\r\nc = '''\nthree\nfour'''\r\nd = \"\\\"\\\"\\\"\" # \"\"\"\r\ne = 1\r\n"
        );
        let parsed: toml::Table = toml::from_str(&out).unwrap();
        assert_eq!(parsed["b"].as_str(), Some("one\ntwo"));
        assert_eq!(parsed["c"].as_str(), Some("three\nfour"));
        assert_eq!(parsed["d"].as_str(), Some("\"\"\""));
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
