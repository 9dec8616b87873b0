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
        let plan =
            crate::store::plan_file::parse(&path, &original, &crate::domain::Ladder::embedded())
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
        let back = crate::store::plan_file::parse(&path, &out, &crate::domain::Ladder::embedded())
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
