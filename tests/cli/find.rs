//! Naming a plan on the command line: by id, file, path, the stakeholder's name or words of its title.

use std::fs;

use predicates::prelude::*;

use super::common::{Env, read};
use super::{OKAFOR, with};

#[test]
fn show_finds_plans_by_id_prefix_name_and_path() {
    let env = Env::new();
    let path = env.new_plan(&with(OKAFOR, &["--tactic", "coach"]));
    let json: serde_json::Value = serde_json::from_str(&env.run(&["list", "--json"])).unwrap();
    let id = json["plans"][0]["id"].as_str().unwrap().to_string();
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    for query in [
        id.as_str(),
        &id[..8],
        &id.to_lowercase(),
        name.as_str(),
        name.trim_end_matches(".toml"),
        path.to_str().unwrap(),
    ] {
        let out = env.run(&["show", query]);
        assert!(
            out.contains("Adopt the sepsis pathway") && out.contains("3 Coach"),
            "{query}: {out}"
        );
    }
    env.cmd()
        .args(["show", "nothing-like-this"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no plan matches"));
    env.new_plan(&with(OKAFOR, &["--tactic", "deal"]));
    // both ids start with the same time prefix
    env.cmd()
        .args(["show", "0"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("matches 2 plans"));
}

#[test]
fn plans_are_found_by_the_stakeholder_or_words_of_the_title() {
    let env = Env::new();
    env.new_plan(&with(OKAFOR, &["--tactic", "coach"]));
    for who in ["Dr Ann Lee", "Joanne Smith"] {
        env.new_plan(&[
            "--stakeholder",
            who,
            "--goal",
            "Swap the Friday rota",
            "--tactic",
            "reason",
        ]);
    }
    // The whole name, in any case and spacing; and the start of a word, never the middle ("ann" is not Joanne).
    for query in [
        "dr  OKAFOR",
        "okafor",
        "sepsis",
        "ann",
        "joanne",
        "ann friday",
    ] {
        let out = env.run(&["show", query]);
        let expected = match query {
            "ann" | "ann friday" => "Dr Ann Lee",
            "joanne" => "Joanne Smith",
            _ => "Dr Okafor",
        };
        assert!(out.contains(expected), "{query}: {out}");
    }
    assert!(
        env.run(&["print", "okafor"])
            .contains("Adopt the sepsis pathway")
    );
    env.cmd()
        .args([
            "attempt",
            "ann lee",
            "--tactic",
            "reason",
            "--result",
            "undecided",
        ])
        .assert()
        .success();
    assert!(env.run(&["show", "ann"]).contains("Reason: undecided"));

    // Several plans: each listed newest first with its id, date and person, and nothing is changed.
    env.new_plan(&with(
        OKAFOR,
        &["--tactic", "deal", "--title", "Second try"],
    ));
    let out = env
        .cmd()
        .args([
            "attempt",
            "okafor",
            "--tactic",
            "deal",
            "--result",
            "compliance",
        ])
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8_lossy(&out);
    let second = err.find("Dr Okafor: Second try").expect(&err);
    let first = err.find("Dr Okafor: Adopt the sepsis pathway").expect(&err);
    assert!(
        second < first && err.contains("name one by its id"),
        "{err}"
    );
    assert!(!env.run(&["show", "second try"]).contains("compliance"));
    env.cmd()
        .args(["show", "friday rota okafor"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no plan matches"));

    // Two files with one id (a copy made by hand): neither is picked silently.
    let copy = env.plans().join("copied-by-hand.toml");
    fs::copy(path_of(&env, "ann"), &copy).unwrap();
    let id = env.run(&["list", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&id).unwrap();
    let ann = json["plans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["stakeholder"] == "Dr Ann Lee")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    env.cmd()
        .args(["show", &ann])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("copied-by-hand.toml"))
        .stderr(predicate::str::contains(
            "name one by its id or its file name",
        ));
    assert!(env.run(&["show", "copied-by-hand"]).contains("Dr Ann Lee"));
}

/// The file of the one plan `query` names.
fn path_of(env: &Env, query: &str) -> std::path::PathBuf {
    let out = env.run(&["show", query]);
    let line = out.lines().find_map(|l| l.strip_prefix("file: ")).unwrap();
    std::path::PathBuf::from(line)
}

/// A plan whose id was edited to read like a name ("Dr B") does not capture `attempt "Dr B"`, meant for the
/// plan for Dr B (issue 11): an id wins over a name only when what was typed could be an id. A hand-made id
/// still finds its plan when nothing else is named so.
#[test]
fn an_id_wins_over_a_name_only_when_it_looks_like_an_id() {
    let env = Env::new();
    let good = env.new_plan(&[
        "--stakeholder",
        "Dr Good",
        "--goal",
        "Agree",
        "--tactic",
        "reason",
    ]);
    let b = env.new_plan(&[
        "--stakeholder",
        "Dr B",
        "--goal",
        "Swap",
        "--tactic",
        "coach",
    ]);
    let text = read(&good);
    let id_line = text.lines().find(|l| l.starts_with("id = ")).unwrap();
    fs::write(&good, text.replace(id_line, "id = \"Dr B\"")).unwrap();
    let before = read(&good);
    env.run(&[
        "attempt",
        "Dr B",
        "--tactic",
        "deal",
        "--result",
        "undecided",
    ]);
    assert_eq!(
        read(&good),
        before,
        "the plan with the id \"Dr B\" was written"
    );
    assert!(read(&b).contains("tactic = \"deal\""));
    // the plan for Dr B by the start of its id (6 characters are enough); the hand-made id where no name fits
    let b_text = read(&b);
    let b_id = b_text
        .lines()
        .find_map(|l| l.strip_prefix("id = \""))
        .and_then(|l| l.strip_suffix('"'))
        .unwrap();
    assert!(env.run(&["show", &b_id[..6]]).contains("Swap"));
    fs::write(&good, before.replace("id = \"Dr B\"", "id = \"handmade\"")).unwrap();
    assert!(env.run(&["show", "handmade"]).contains("Agree"));
}

/// Plans made within the same few minutes share the start of their ids: `list` shows each plan's shortest
/// unique start (six characters at least), which `show` takes back; the "several plans match" list tells the
/// plans apart by id, date, status and tactic (named as `list` names it, "7 Silent allies", not by its key).
#[test]
fn list_shows_short_unique_ids_that_show_accepts() {
    let env = Env::new();
    let first = env.new_plan(&with(OKAFOR, &["--tactic", "coach"]));
    env.new_plan(&with(OKAFOR, &["--tactic", "silent-allies"]));
    env.run(&["drop", "--reason", "moved on", first.to_str().unwrap()]);
    let json: serde_json::Value = serde_json::from_str(&env.run(&["list", "--json"])).unwrap();
    let ids: Vec<String> = json["plans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_string())
        .collect();
    let list = env.run(&["list"]);
    let shown: Vec<&str> = list
        .lines()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(shown.len(), 2, "{list}");
    for (short, id) in shown.iter().zip(&ids) {
        assert!(short.len() >= 6, "{list}");
        assert!(id.starts_with(short), "{short} {id}");
        assert!(
            !ids.iter().any(|o| o != id && o.starts_with(short)),
            "{list}"
        );
        let out = env.run(&["show", short]);
        assert!(out.contains(id.as_str()), "{short}: {out}");
    }
    let err = env
        .cmd()
        .args(["show", "okafor"])
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(err).unwrap();
    assert!(err.contains("\"okafor\" matches 2 plans"), "{err}");
    let rows: Vec<&str> = err.lines().filter(|l| l.starts_with("  ")).collect();
    assert_eq!(rows.len(), 2, "{err}");
    for row in &rows {
        let words: Vec<&str> = row.split_whitespace().collect();
        let (i, _) = shown
            .iter()
            .enumerate()
            .find(|(_, s)| **s == words[0])
            .expect("a short id from the list");
        let (status, tactic) = if json["plans"][i]["status"] == "dropped" {
            ("dropped", "3 Coach")
        } else {
            ("ready", "7 Silent allies")
        };
        assert!(words[1].starts_with("20"), "a date: {err}");
        assert_eq!(words[2], status, "{err}");
        assert!(
            row.split_once(status)
                .is_some_and(|(_, rest)| rest.trim_start().starts_with(tactic)),
            "the tactic's label, not its key: {err}"
        );
        assert!(
            row.ends_with("Dr Okafor: Adopt the sepsis pathway"),
            "{err}"
        );
    }
}
