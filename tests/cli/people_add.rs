//! `people set` changes someone known and `people add` makes someone new: a typo given to `set` must not become
//! a phantom person in the register, and `add` must not make a second file for someone known.

use predicates::prelude::*;

use crate::common::Env;

fn register_files(env: &Env) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(env.data.path().join("people"))
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".toml"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn set_refuses_a_name_nobody_answers_to_and_add_makes_them() {
    let env = Env::new();
    env.new_plan(&[
        "--stakeholder",
        "Dr Adeyemi",
        "--goal",
        "Rota change",
        "--tactic",
        "reason",
    ]);
    // A typo of a stakeholder: refused, with whom it is close to and how to add someone new; no file.
    env.cmd()
        .args(["people", "set", "Dr Adeyemmi", "--stance", "sceptic"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "nobody called \"Dr Adeyemmi\" in your plans or the register; nothing was changed",
        ))
        .stderr(predicate::str::contains(
            "Did you mean Dr Adeyemi (1 plan)?",
        ))
        .stderr(predicate::str::contains(
            "overture people add \"Dr Adeyemmi\"",
        ));
    // Someone nobody is close to: refused the same way, without a guess.
    env.cmd()
        .args(["people", "set", "Ms Lin", "--stance", "neutral"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("Did you mean").not())
        .stderr(predicate::str::contains("overture people add \"Ms Lin\""));
    assert!(
        register_files(&env).is_empty(),
        "{:?}",
        register_files(&env)
    );
    assert!(!env.run(&["people"]).contains("Ms Lin"));

    // `add` makes them; then `set` changes them.
    let out = env.run(&["people", "add", "Ms Lin", "--role", "Finance"]);
    assert_eq!(out.trim(), "added Ms Lin");
    assert_eq!(register_files(&env), ["ms-lin.toml"]);
    env.run(&["people", "set", "ms lin", "--stance", "supporter"]);
    let shown = env.run(&["people", "show", "Ms Lin"]);
    assert!(
        shown.contains("Finance") && shown.contains("supporter"),
        "{shown}"
    );

    // A stakeholder the plans name has no file yet: `set` makes it (they are someone, not a typo).
    env.run(&["people", "set", "Dr Adeyemi", "--stance", "sceptic"]);
    assert_eq!(register_files(&env), ["dr-adeyemi.toml", "ms-lin.toml"]);

    // `add` refuses a name someone already answers to, in any spelling.
    for known in ["Dr Adeyemi", "dr. adeyemi", "MS LIN"] {
        env.cmd()
            .args(["people", "add", known])
            .assert()
            .code(1)
            .stderr(predicate::str::contains(
                "is already in your plans or the register; nothing was changed",
            ))
            .stderr(predicate::str::contains("overture people set"));
    }
    assert_eq!(register_files(&env), ["dr-adeyemi.toml", "ms-lin.toml"]);
}
