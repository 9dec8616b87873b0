//! The `--json` outputs say "absent" one way: a value that may be missing (a rung, a date, a plan's id, a
//! judgement, a file) is null, never the empty string; only free text the user writes (a title, a role, a note)
//! is a string that may be empty (docs/JSON.md).

use std::fs;

use super::common::{Env, read};

/// Fields that hold free text, where an empty string is what the user wrote (or did not).
const FREE_TEXT: &[&str] = &["title", "role", "note", "text", "description"];

/// Every `"field": ""` in `value` outside free text, with the path that leads to it.
fn empty_strings(value: &serde_json::Value, path: &str, found: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                if v.as_str() == Some("") && !FREE_TEXT.contains(&k.as_str()) {
                    found.push(format!("{path}.{k}"));
                }
                empty_strings(v, &format!("{path}.{k}"), found);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                empty_strings(v, &format!("{path}[{i}]"), found);
            }
        }
        _ => {}
    }
}

fn json(env: &Env, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&env.run(args)).unwrap()
}

#[test]
fn an_absent_value_is_null_in_every_json_output() {
    let env = Env::new();
    // A plan with both tactics, one with no backup, one with no tactic yet, and a follow-up.
    let both = env.new_plan(&[
        "--stakeholder",
        "Dr Okafor",
        "--goal",
        "Adopt the sepsis pathway",
        "--tactic",
        "reason",
        "--backup",
        "deal",
        "--by",
        "+3d",
    ]);
    env.new_plan(&[
        "--stakeholder",
        "Sister Mensah",
        "--goal",
        "Swap the rota",
        "--tactic",
        "coach",
    ]);
    let bare = env.new_plan(&[
        "--stakeholder",
        "Mr Bello",
        "--goal",
        "Fund the scanner",
        "--tactic",
        "inspire",
    ]);
    let text = read(&bare).replace("primary = \"inspire\"", "primary = \"\"");
    assert!(text.contains("primary = \"\""), "{text}");
    fs::write(&bare, text).unwrap();
    let both_s = both.to_str().unwrap();
    env.run(&["outcome", both_s, "--result", "resistance", "--on", "-1d"]);
    env.run(&["follow-up", both_s, "--tactic", "coach"]);
    env.run(&["people", "add", "Ms Lin"]);

    let list = json(&env, &["list", "--json"]);
    let plans = list["plans"].as_array().unwrap();
    let by_who = |who: &str| -> Vec<&serde_json::Value> {
        plans.iter().filter(|p| p["stakeholder"] == who).collect()
    };
    let mensah = by_who("Sister Mensah")[0];
    assert_eq!(mensah["tactic"], "coach", "{mensah}");
    assert!(mensah["backup"].is_null(), "no backup is null: {mensah}");
    assert!(mensah["follows"].is_null(), "{mensah}");
    let bello = by_who("Mr Bello")[0];
    assert!(
        bello["tactic"].is_null() && bello["rung"].is_null(),
        "{bello}"
    );
    let okafor = by_who("Dr Okafor");
    assert!(okafor.iter().any(|p| p["backup"] == "deal"), "{okafor:?}");
    assert_eq!(
        okafor.iter().filter(|p| p["follows"].is_string()).count(),
        1
    );

    let mut found = Vec::new();
    for args in [
        &["list", "--json"][..],
        &["people", "--json"],
        &["people", "show", "Ms Lin", "--json"],
        &["stakeholders", "--json"],
        &["stats", "--json"],
        &["agenda", "--json", "--days", "30"],
    ] {
        empty_strings(&json(&env, args), &args.join(" "), &mut found);
    }
    assert!(
        found.is_empty(),
        "empty strings for absent values: {found:?}"
    );
}
