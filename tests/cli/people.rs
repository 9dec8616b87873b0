//! One person under every spelling, from the command line: the acceptance scenario of issue 15 (no false
//! escalation warning for "Dr. Adeyemi", one row in `stakeholders`, "did you mean" for "Adeyemi", and a merge
//! that every count follows), and `overture people` itself.

use std::fs;

use predicates::prelude::*;

use crate::common::{Env, read};

/// Two plans for "Dr Adeyemi": Reason and Deal met resistance.
fn adeyemi() -> Env {
    let env = Env::new();
    for (goal, tactic) in [("Rota change", "reason"), ("Rota swap", "deal")] {
        let path = env.new_plan(&[
            "--stakeholder",
            "Dr Adeyemi",
            "--goal",
            goal,
            "--tactic",
            tactic,
        ]);
        env.run(&[
            "outcome",
            path.to_str().unwrap(),
            "--result",
            "resistance",
            "--on",
            "2026-11-20",
        ]);
    }
    env
}

fn stakeholder_rows(env: &Env) -> Vec<String> {
    env.run(&["stakeholders"])
        .lines()
        .skip(1)
        .take_while(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn another_spelling_is_the_same_person_in_the_rule_and_the_lists() {
    let env = adeyemi();
    let out = env
        .cmd()
        .args([
            "new",
            "--stakeholder",
            "Dr. Adeyemi",
            "--goal",
            "Rota, again",
            "--tactic",
            "force",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let warning = String::from_utf8_lossy(&out.stderr);
    assert!(warning.contains("Force chosen before"), "{warning}");
    assert!(
        !warning.contains("Reason") && !warning.contains("Deal"),
        "Reason and Deal were tried: {warning}"
    );
    let rows = stakeholder_rows(&env);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].starts_with("Dr Adeyemi"), "{rows:?}");
    let people = env.run(&["people", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&people).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["plans"], 3);
    // A plan for the person is found under every spelling.
    let listed = env.run(&["list", "--stakeholder", "DR ADEYEMI."]);
    assert_eq!(
        listed.lines().filter(|l| l.contains("Rota")).count(),
        3,
        "{listed}"
    );
}

#[test]
fn a_close_name_asks_did_you_mean_and_saves_nothing_until_told() {
    let env = adeyemi();
    let before = env.plan_files();
    let args = [
        "new",
        "--stakeholder",
        "Adeyemi",
        "--goal",
        "Rota",
        "--tactic",
        "force",
    ];
    env.cmd()
        .args(args)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "Did you mean Dr Adeyemi (2 plans, last: resistance)?",
        ))
        .stderr(predicate::str::contains("--person"))
        .stderr(predicate::str::contains("--new-person"));
    assert_eq!(env.plan_files(), before);
    // A slip of the keyboard too.
    env.cmd()
        .args([
            "new",
            "--stakeholder",
            "Dr Adeyemmi",
            "--goal",
            "g",
            "--tactic",
            "reason",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("Did you mean Dr Adeyemi"));

    // --new-person: someone else, with their own (empty) history.
    let out = env.cmd().args(args).arg("--new-person").output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("before Reason"));
    assert_eq!(stakeholder_rows(&env).len(), 2);
    assert!(!env.data.path().join("people").exists());
}

#[test]
fn choosing_the_known_person_records_the_alias_and_counts_them_once() {
    let env = adeyemi();
    let out = env
        .cmd()
        .args([
            "new",
            "--stakeholder",
            "Adeyemi",
            "--goal",
            "Rota",
            "--tactic",
            "force",
            "--person",
            "dr adeyemi",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("Adeyemi is now another name for Dr Adeyemi"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("Reason") && !stderr.contains("Deal"),
        "{stderr}"
    );
    let file = env.data.path().join("people/dr-adeyemi.toml");
    let text = read(&file);
    assert!(text.contains("name = \"Dr Adeyemi\""), "{text}");
    assert!(text.contains("aliases = [\"Adeyemi\"]"), "{text}");
    assert_eq!(stakeholder_rows(&env).len(), 1);
    // Now "Adeyemi" is someone: no question.
    env.run(&[
        "new",
        "--stakeholder",
        "Adeyemi",
        "--goal",
        "g",
        "--tactic",
        "reason",
    ]);
    env.cmd()
        .args([
            "new",
            "--stakeholder",
            "Nobody",
            "--goal",
            "g",
            "--tactic",
            "reason",
            "--person",
            "Ghost",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nobody by that name"));
}

#[test]
fn after_a_merge_every_count_treats_them_as_one() {
    let env = adeyemi();
    env.run(&[
        "new",
        "--stakeholder",
        "Adeyemi",
        "--goal",
        "Rota",
        "--tactic",
        "inspire",
        "--tried",
        "inspire=compliance",
        "--new-person",
    ]);
    assert_eq!(stakeholder_rows(&env).len(), 2);
    let out = env.run(&["people", "merge", "Dr Adeyemi", "Adeyemi"]);
    assert!(
        out.contains("Adeyemi is now another name for Dr Adeyemi"),
        "{out}"
    );
    let rows = stakeholder_rows(&env);
    assert_eq!(rows.len(), 1, "{rows:?}");
    // Reason, Inspire and Deal all tried with the one person.
    let out = env
        .cmd()
        .args([
            "new",
            "--stakeholder",
            "Adeyemi",
            "--goal",
            "g",
            "--tactic",
            "force",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Force chosen before"), "{stderr}");
    for tried in ["Reason", "Inspire", "Deal"] {
        assert!(!stderr.contains(tried), "{tried} was tried: {stderr}");
    }
    let stats: serde_json::Value = serde_json::from_str(&env.run(&["stats", "--json"])).unwrap();
    assert_eq!(stats["plans"], 4);
    // A second name nobody answers to is a typo, not a person: refused, nothing changed.
    let text = read(&env.data.path().join("people/dr-adeyemi.toml"));
    env.cmd()
        .args(["people", "merge", "Dr Adeyemi", "Dr Adeyemmmi"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "nobody called \"Dr Adeyemmmi\" in your plans or the register; nothing was changed",
        ))
        .stderr(predicate::str::contains(
            "people set \"Dr Adeyemi\" --alias",
        ));
    assert_eq!(read(&env.data.path().join("people/dr-adeyemi.toml")), text);
    // Merging again says so and changes nothing.
    let text = read(&env.data.path().join("people/dr-adeyemi.toml"));
    env.cmd()
        .args(["people", "merge", "Dr Adeyemi", "adeyemi"])
        .assert()
        .success()
        .stderr(predicate::str::contains("already one person"));
    assert_eq!(read(&env.data.path().join("people/dr-adeyemi.toml")), text);
}

#[test]
fn people_set_show_and_the_usual_treatment_of_bad_input() {
    let env = adeyemi();
    env.run(&[
        "people",
        "set",
        "dr. adeyemi",
        "--stance",
        "Sceptic",
        "--influence",
        "high",
        "--listens-to",
        "Sister Mensah => trusts her on rotas",
        "--alias",
        "Funmi",
    ]);
    let shown: serde_json::Value =
        serde_json::from_str(&env.run(&["people", "show", "funmi", "--json"])).unwrap();
    assert_eq!(shown["name"], "Dr Adeyemi");
    assert_eq!(shown["stance"], "sceptic");
    assert_eq!(shown["influence"], "high");
    assert_eq!(shown["plans"], 2);
    assert_eq!(shown["last_result"], "resistance");
    assert_eq!(shown["listens_to"][0]["name"], "Sister Mensah");
    assert_eq!(shown["listens_to"][0]["note"], "trusts her on rotas");
    let text = env.run(&["people", "show", "Dr Adeyemi"]);
    assert!(
        text.contains("sceptic") && text.contains("listens to"),
        "{text}"
    );

    // Someone without plans, made by `add`, is listed too.
    env.run(&["people", "add", "Sister Mensah", "--stance", "champion"]);
    let list = env.run(&["people"]);
    assert!(
        list.contains("Sister Mensah") && list.contains("champion"),
        "{list}"
    );

    env.cmd()
        .args(["people", "set", "Dr Adeyemi", "--stance", "friend"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "champion, supporter, neutral, sceptic, blocker",
        ));
    env.cmd()
        .args(["people", "set", "Dr Adeyemi", "--influence", "huge"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("low, medium, high"));

    // Nobody listens to themselves, under any of their names.
    for me in ["Dr Adeyemi", "dr.  adeyemi", "Funmi"] {
        env.cmd()
            .args(["people", "set", "Dr Adeyemi", "--listens-to", me])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("themselves"));
    }

    // A spelling someone else answers to is not taken as an alias: that would join two people unasked (and
    // `check` would then report the spelling two files claim).
    let mensah = env.data.path().join("people/sister-mensah.toml");
    let before = read(&mensah);
    env.cmd()
        .args(["people", "set", "Sister Mensah", "--alias", "Funmi"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "\"Funmi\" is another name for Dr Adeyemi; nothing was changed",
        ))
        .stderr(predicate::str::contains(
            "overture people merge \"Sister Mensah\" \"Funmi\"",
        ));
    assert_eq!(read(&mensah), before);
    env.cmd().arg("check").assert().success();

    // One spelling, two people (two files edited by hand or synced in): listed, nothing changed.
    fs::write(&mensah, format!("{before}aliases = [\"Funmi\"]\n")).unwrap();
    let files: Vec<String> = ["dr-adeyemi", "sister-mensah"]
        .iter()
        .map(|n| read(&env.data.path().join(format!("people/{n}.toml"))))
        .collect();
    env.cmd()
        .args(["people", "set", "Funmi", "--stance", "blocker"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("matches 2 people"))
        .stderr(predicate::str::contains("Dr Adeyemi"))
        .stderr(predicate::str::contains("Sister Mensah"));
    for (n, before) in ["dr-adeyemi", "sister-mensah"].iter().zip(&files) {
        assert_eq!(
            &read(&env.data.path().join(format!("people/{n}.toml"))),
            before
        );
    }
    env.cmd()
        .args(["people", "show", "Nobody"])
        .assert()
        .code(1);
}

#[test]
fn person_never_makes_someone_else_an_alias() {
    let env = adeyemi();
    env.new_plan(&[
        "--stakeholder",
        "Tom Reilly",
        "--goal",
        "Finish the summaries",
        "--tactic",
        "coach",
    ]);
    // "Tom Reilly" is a person of their own: --person would join them to Dr Adeyemi without a word.
    env.cmd()
        .args([
            "new",
            "--stakeholder",
            "Tom Reilly",
            "--goal",
            "Cover the list",
            "--tactic",
            "deal",
            "--person",
            "Dr Adeyemi",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "Tom Reilly is someone else in your plans or the register; nothing was changed",
        ));
    assert!(!env.data.path().join("people").exists());
    assert_eq!(stakeholder_rows(&env).len(), 2);
}

#[test]
fn a_broken_register_file_is_reported_and_stops_changes_but_not_the_lists() {
    let env = adeyemi();
    let dir = env.data.path().join("people");
    fs::create_dir_all(&dir).unwrap();
    let broken = dir.join("x.toml");
    let text = "name = \"\\u001b[2JEvil\"\nstance = 3\n";
    fs::write(&broken, text).unwrap();
    let out = env.cmd().args(["people"]).output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("x.toml:2:10"), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    assert_eq!(stakeholder_rows(&env).len(), 1);
    env.cmd()
        .args(["people", "set", "Dr Adeyemi", "--stance", "neutral"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nothing was changed"));
    assert_eq!(read(&broken), text);
    assert!(!dir.join("dr-adeyemi.toml").exists());
}

#[test]
fn a_name_with_control_characters_is_never_printed_raw() {
    let env = Env::new();
    env.run(&[
        "people",
        "add",
        "Evil\u{1b}[2J\u{7}Name\u{202e}",
        "--stance",
        "neutral",
    ]);
    for args in [
        &["people"][..],
        &["people", "--json"],
        &["people", "show", "evil[2jname"],
    ] {
        let out = env.cmd().args(args).output().unwrap();
        let all = [out.stdout, out.stderr].concat();
        let text = String::from_utf8_lossy(&all);
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\u{202e}'),
            "{args:?}: {text:?}"
        );
    }
}

#[test]
fn check_reports_a_broken_person_and_a_spelling_two_people_claim() {
    let env = adeyemi();
    env.run(&["people", "set", "Dr Adeyemi", "--alias", "Funmi"]);
    // `people set` refuses a spelling someone else has; a file edited by hand (or synced in) may still claim it.
    let dir = env.data.path().join("people");
    fs::write(
        dir.join("sister-mensah.toml"),
        "name = \"Sister Mensah\"\naliases = [\"Funmi\"]\n",
    )
    .unwrap();
    fs::write(dir.join("zz.toml"), "name = 1\n").unwrap();
    env.cmd()
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("zz.toml:1:8"))
        .stdout(predicate::str::contains("\"Funmi\" is also Dr Adeyemi's"));
}

#[test]
fn allies_written_in_a_plan_are_shown_printed_and_kept_through_a_save() {
    let env = Env::new();
    let path = env.new_plan(&[
        "--stakeholder",
        "Dr Adeyemi",
        "--goal",
        "Pilot the new rota",
        "--tactic",
        "silent-allies",
    ]);
    let mut text = read(&path);
    text.push_str(
        "\n[[allies]]\nname = \"Sister Mensah\" # ward 7\nask = \"say the rota worked on her ward\"\nmine = 1\n",
    );
    fs::write(&path, &text).unwrap();
    let shown = env.run(&["show", "adeyemi"]);
    assert!(shown.contains("Allies"), "{shown}");
    assert!(
        shown.contains("Sister Mensah: say the rota worked on her ward"),
        "{shown}"
    );
    let page = env.run(&["print", "adeyemi", "--format", "text"]);
    assert!(
        page.contains("Sister Mensah: say the rota worked on her ward"),
        "{page}"
    );
    // A save through the command line keeps the ally, its comment and the user's key.
    env.run(&[
        "attempt",
        "adeyemi",
        "--tactic",
        "reason",
        "--result",
        "compliance",
    ]);
    let after = read(&path);
    assert!(
        after.contains("name = \"Sister Mensah\" # ward 7"),
        "{after}"
    );
    assert!(after.contains("mine = 1"), "{after}");
}

/// A role recorded in the register shows where the plans give none; a plan's own role still wins.
#[test]
fn the_registers_role_shows_in_stakeholders_where_no_plan_gives_one() {
    let env = adeyemi();
    env.run(&[
        "people",
        "set",
        "Dr Adeyemi",
        "--role",
        "Consultant anaesthetist",
    ]);
    let json: serde_json::Value =
        serde_json::from_str(&env.run(&["stakeholders", "--json"])).unwrap();
    assert_eq!(json[0]["role"], "Consultant anaesthetist", "{json}");
    env.new_plan(&[
        "--stakeholder",
        "Dr Adeyemi",
        "--role",
        "Clinical lead",
        "--goal",
        "Rota, third try",
        "--tactic",
        "inspire",
    ]);
    let json: serde_json::Value =
        serde_json::from_str(&env.run(&["stakeholders", "--json"])).unwrap();
    assert_eq!(json[0]["role"], "Clinical lead", "{json}");
}
