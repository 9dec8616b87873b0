//! `overture list WORDS` reads the register too: a word written only on a person's page finds their plans (under
//! an alias too), with the passage that says whose page it is on.

use std::fs;

use crate::common::Env;

#[test]
fn list_words_finds_plans_by_their_stakeholders_notes() {
    let env = Env::new();
    for (who, goal) in [
        ("Dr Adeyemi", "Change the rota"),
        ("Funmi", "Swap the clinic days"),
        ("Sister Mensah", "Cover the night shift"),
    ] {
        env.new_plan(&["--stakeholder", who, "--goal", goal, "--tactic", "reason"]);
    }
    env.run(&["people", "merge", "Dr Adeyemi", "Funmi"]);
    let file = env.data.path().join("people/dr-adeyemi.toml");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(
        &file,
        format!("notes = \"Keeps a quokkaville spreadsheet of every swap.\"\n{text}"),
    )
    .unwrap();
    let out = env.run(&["list", "quokkaville"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "two plans, each with its passage: {out}");
    assert!(
        lines[0].contains("Funmi") || lines[2].contains("Funmi"),
        "{out}"
    );
    for passage in [lines[1], lines[3]] {
        assert!(
            passage
                .trim_start()
                .starts_with("Dr Adeyemi's notes: Keeps a [quokkaville] spreadsheet"),
            "{out}"
        );
    }
    assert!(!out.contains("Mensah"), "{out}");
    // Words split between the plan and the person; the person's name finds the plan written under the alias.
    let out = env.run(&["list", "quokkaville", "clinic"]);
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(out.contains("Swap the clinic days"), "{out}");
    let out = env.run(&["list", "adeyemi", "clinic"]);
    assert!(
        out.lines().next().is_some_and(|l| l.contains("Funmi")),
        "{out}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&env.run(&["list", "--json", "quokkaville"])).unwrap();
    let plans = json["plans"].as_array().unwrap();
    assert_eq!(plans.len(), 2);
    assert_eq!(plans[0]["matched"]["field"], "notes");
    assert_eq!(plans[0]["matched"]["person"], "Dr Adeyemi");
    // Nothing else is found by it.
    assert_eq!(env.run(&["list", "quokkaville", "night"]), "");
}
