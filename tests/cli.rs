//! The command line through the real binary, in temporary data folders.

mod common;

use std::fs;

use common::{Env, read};
use predicates::prelude::*;

const OKAFOR: &[&str] = &[
    "--stakeholder",
    "Dr Okafor",
    "--goal",
    "Adopt the sepsis pathway",
];

fn with<'a>(base: &[&'a str], more: &[&'a str]) -> Vec<&'a str> {
    base.iter().chain(more).copied().collect()
}

#[test]
fn help_and_version() {
    let env = Env::new();
    env.cmd()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("ladder"));
    env.cmd()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::contains("overture"));
    env.cmd().arg("--bogus").assert().code(2);
    env.cmd()
        .arg("new")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--stakeholder"));
    env.cmd()
        .args([
            "new",
            "--stakeholder",
            "X",
            "--goal",
            "Y",
            "--tactic",
            "reason",
            "--backup",
            "1",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--backup is the same tactic"));
    // --demo promises to leave your plans alone: with a command it would act on them, so it is refused.
    env.cmd()
        .args([
            "--demo",
            "new",
            "--stakeholder",
            "X",
            "--goal",
            "Y",
            "--tactic",
            "reason",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot be combined with a command",
        ));
    assert!(env.plan_files().is_empty());
}

#[test]
fn ladder_lists_nine_rungs_and_details_one() {
    let env = Env::new();
    let out = env.run(&["ladder"]);
    for name in [
        "Reason",
        "Inspire",
        "Coach",
        "Feel Good",
        "Deal",
        "Favour",
        "Silent allies",
        "Authority",
        "Force",
    ] {
        assert!(out.contains(name), "{name} missing:\n{out}");
    }
    assert!(out.find("Reason").unwrap() < out.find("Force").unwrap());
    let force = env.run(&["ladder", "FORCE"]);
    assert!(
        force.contains("When it backfires") && force.contains("Source:"),
        "{force}"
    );
    assert_eq!(
        env.run(&["ladder", "favor"]).lines().next(),
        Some("6. Favour")
    );
    env.cmd()
        .args(["ladder", "charm"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "reason, inspire, coach, feel-good, deal, favour, silent-allies, authority, force",
        ));
}

#[test]
fn new_saves_a_private_file_and_prints_its_path() {
    let env = Env::new();
    let path = env.new_plan(&with(
        OKAFOR,
        &[
            "--tactic",
            "reason",
            "--role",
            "Consultant",
            "--direction",
            "up",
            "--cares-about",
            "patient flow",
            "--why",
            "Sepsis deaths",
            "--minimum",
            "A trial",
            "--by",
            "2026-12-01",
            "--backup",
            "Feel_Good",
            "--title",
            "Sepsis pathway",
        ],
    ));
    assert!(path.starts_with(env.plans()), "{path:?}");
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    assert!(name.ends_with("-dr-okafor-sepsis-pathway.toml"), "{name}");
    let text = read(&path);
    for want in [
        "version = 1",
        "status = \"ready\"",
        "name = \"Dr Okafor\"",
        "direction = \"up\"",
        "cares_about = [",
        "want = \"Adopt the sepsis pathway\"",
        "minimum = \"A trial\"",
        "by = 2026-12-01",
        "primary = \"reason\"",
        "backup = \"feel-good\"",
        "title = \"Sepsis pathway\"",
    ] {
        assert!(text.contains(want), "{want} missing:\n{text}");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(
            fs::metadata(env.plans()).unwrap().permissions().mode() & 0o777,
            0o700
        );
    }
}

#[test]
fn new_rejects_bad_values_as_usage_errors() {
    let env = Env::new();
    let mut args = vec!["new"];
    args.extend(with(OKAFOR, &["--tactic", "bribe"]));
    env.cmd()
        .args(&args)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("valid tactics: reason"));
    let mut args = vec!["new"];
    args.extend(with(
        OKAFOR,
        &["--tactic", "reason", "--direction", "sideways"],
    ));
    env.cmd().args(&args).assert().code(2);
    let mut args = vec!["new"];
    args.extend(with(OKAFOR, &["--tactic", "reason", "--by", "soon"]));
    env.cmd().args(&args).assert().code(2);
    let mut args = vec!["new"];
    args.extend(with(
        OKAFOR,
        &["--tactic", "reason", "--tried", "coach=won"],
    ));
    env.cmd()
        .args(&args)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("commitment"));
    assert!(
        env.plan_files().is_empty(),
        "nothing is saved on a usage error"
    );
}

#[test]
fn escalating_early_warns_but_saves() {
    let env = Env::new();
    let mut args = vec!["new"];
    args.extend(with(
        OKAFOR,
        &["--tactic", "force", "--tried", "reason=resistance"],
    ));
    let out = env.cmd().args(&args).output().unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Force chosen before Inspire, Coach, Feel Good, Deal, Favour, Silent allies and Authority were tried with Dr Okafor."),
        "{err}"
    );
    assert!(err.contains("compliance"), "{err}");
    assert_eq!(env.plan_files().len(), 1);
    // the next plan for the same person (spelt differently) sees the earlier attempts
    let mut args = vec![
        "new",
        "--stakeholder",
        "  DR   okafor ",
        "--goal",
        "x",
        "--tactic",
        "authority",
    ];
    for t in [
        "inspire",
        "coach",
        "feel-good",
        "deal",
        "favour",
        "silent-allies",
    ] {
        args.extend(["--tried", t]);
    }
    let out = env.cmd().args(&args).output().unwrap();
    assert!(out.status.success());
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("warning"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // someone else: warned again
    let out = env
        .cmd()
        .args([
            "new",
            "--stakeholder",
            "Ms Berg",
            "--goal",
            "x",
            "--tactic",
            "authority",
        ])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("warning: Authority chosen before Reason")
    );
}

#[test]
fn hostile_names_stay_inside_the_plans_folder() {
    let env = Env::new();
    let long = "x".repeat(500);
    for name in [
        "../../x",
        "/",
        "/etc/passwd",
        "a\tb",
        long.as_str(),
        "..",
        "张伟",
        "CON",
    ] {
        let path = env.new_plan(&[
            "--stakeholder",
            name,
            "--goal",
            "g",
            "--tactic",
            "reason",
            "--title",
            name,
        ]);
        assert_eq!(path.parent().unwrap(), env.plans(), "{name:?} -> {path:?}");
        assert!(path.file_name().unwrap().len() < 80);
    }
    assert_eq!(env.plan_files().len(), 8);
    assert_eq!(
        fs::read_dir(env.data.path()).unwrap().count(),
        1,
        "only plans/ in the data folder"
    );
}

#[test]
fn list_is_newest_first_filters_and_reports_broken_files_last() {
    let env = Env::new();
    env.new_plan(&[
        "--stakeholder",
        "Ann",
        "--goal",
        "first",
        "--tactic",
        "reason",
    ]);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    env.new_plan(&[
        "--stakeholder",
        "Bob",
        "--goal",
        "second",
        "--tactic",
        "deal",
    ]);
    fs::write(env.plans().join("zz-broken.toml"), "version = ").unwrap();
    let out = env.run(&["list"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(
        lines[0].contains("Bob") && lines[0].contains("5 Deal") && lines[0].contains("ready"),
        "{out}"
    );
    assert!(
        lines[1].contains("Ann") && lines[1].contains("1 Reason"),
        "{out}"
    );
    assert!(
        lines[2].starts_with("broken") && lines[2].contains("zz-broken.toml:1:"),
        "{out}"
    );
    let only_ann = env.run(&["list", "--stakeholder", " ANN "]);
    assert!(
        only_ann.contains("first") && !only_ann.contains("second"),
        "{only_ann}"
    );
    assert!(
        env.run(&["list", "--status", "draft"])
            .lines()
            .all(|l| l.starts_with("broken"))
    );
    // Words filter as the workbook's `/` does: every word, case ignored, fuzzy inside one word.
    for (words, want) in [
        (&["SECOND"][..], "Bob"),
        (&["bob", "deal"][..], "Bob"),
        (&["frst"][..], "Ann"),
    ] {
        let found = env.run(&[&["list"][..], words].concat());
        let plans: Vec<&str> = found.lines().filter(|l| !l.starts_with("broken")).collect();
        assert!(
            plans.len() == 1 && plans[0].contains(want),
            "{words:?}: {found}"
        );
    }
    assert!(
        env.run(&["list", "ann", "second"])
            .lines()
            .all(|l| l.starts_with("broken"))
    );
    let json: serde_json::Value =
        serde_json::from_str(&env.run(&["list", "--json", "bob"])).unwrap();
    assert_eq!(json["plans"].as_array().unwrap().len(), 1);
    let json: serde_json::Value = serde_json::from_str(&env.run(&["list", "--json"])).unwrap();
    assert_eq!(json["plans"].as_array().unwrap().len(), 2);
    assert_eq!(json["plans"][0]["stakeholder"], "Bob");
    assert_eq!(json["plans"][0]["rung"], 5);
    assert_eq!(json["broken"][0]["line"], 1);
    env.cmd()
        .args(["list", "--status", "maybe"])
        .assert()
        .code(2);
}

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

#[test]
fn text_from_files_never_reaches_the_terminal_raw() {
    let env = Env::new();
    let path = env.new_plan(&[
        "--stakeholder",
        "Eve\u{1b}[2J",
        "--goal",
        "ring\u{7}",
        "--tactic",
        "reason",
    ]);
    for args in [vec!["list"], vec!["show", path.to_str().unwrap()]] {
        let out = env.run(&args);
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{7}'),
            "{args:?}: {out:?}"
        );
        assert!(out.contains("\\u{1b}"), "{out}");
    }
}

#[test]
fn attempts_and_outcomes_are_recorded_in_the_same_file_keeping_hand_edits() {
    let env = Env::new();
    let path = env.new_plan(&with(OKAFOR, &["--tactic", "reason"]));
    let edited = read(&path).replace("[goal]\n", "# about the goal: be patient\n[goal]\n")
        + "\n[my_notes]\nmood = \"tense\" # my own table\n";
    fs::write(&path, &edited).unwrap();
    let name = path.file_name().unwrap().to_str().unwrap();
    env.run(&[
        "attempt",
        name,
        "--tactic",
        "coach",
        "--result",
        "resistance",
        "--notes",
        "busy",
        "--on",
        "2026-11-20",
    ]);
    env.run(&[
        "outcome",
        name,
        "--result",
        "commitment",
        "--notes",
        "Agreed",
        "--follow-up",
        "2026-12-10",
    ]);
    assert_eq!(
        env.plan_files(),
        vec![path.clone()],
        "no new file, no rename"
    );
    let text = read(&path);
    for want in [
        "# about the goal: be patient",
        "[my_notes]",
        "mood = \"tense\" # my own table",
        "[[attempts]]",
        "tactic = \"coach\"",
        "on = 2026-11-20",
        "result = \"resistance\"",
        "[outcome]",
        "result = \"commitment\"",
        "follow_up = 2026-12-10",
        "status = \"done\"",
    ] {
        assert!(text.contains(want), "{want} missing:\n{text}");
    }
    let shown = env.run(&["show", name]);
    assert!(
        shown.contains("commitment") && shown.contains("3 Coach: resistance"),
        "{shown}"
    );
    env.cmd()
        .args(["outcome", name, "--result", "victory"])
        .assert()
        .code(2);
    // A second outcome changes the first: what it does not give (the notes, the follow-up) stays, and it says so.
    env.cmd()
        .args(["outcome", name, "--result", "compliance"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "The outcome recorded before (commitment) is replaced by compliance",
        ));
    let text = read(&path);
    for want in [
        "result = \"compliance\"",
        "notes = \"Agreed\"",
        "follow_up = 2026-12-10",
    ] {
        assert!(text.contains(want), "{want} missing:\n{text}");
    }
}

#[test]
fn check_reports_each_invalid_fixture_precisely_and_changes_nothing() {
    let env = Env::new();
    fs::create_dir_all(env.plans()).unwrap();
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid");
    let mut expected = Vec::new();
    for entry in fs::read_dir(&fixtures).unwrap().flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "toml") {
            fs::copy(&path, env.plans().join(path.file_name().unwrap())).unwrap();
            let want = read(&path.with_extension("expected"));
            expected.push(format!("{}/{}", env.plans().display(), want.trim()));
        }
    }
    assert!(expected.len() >= 10);
    let snapshot = |files: Vec<std::path::PathBuf>| -> Vec<(std::path::PathBuf, Vec<u8>)> {
        files
            .into_iter()
            .map(|p| (p.clone(), fs::read(&p).unwrap()))
            .collect()
    };
    let before = snapshot(env.plan_files());
    let out = env.cmd().arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    for want in &expected {
        assert!(
            stdout.lines().any(|l| l == want),
            "missing line {want}\n{stdout}"
        );
    }
    // the other commands keep working around them
    let new = env.new_plan(&with(OKAFOR, &["--tactic", "reason"]));
    assert!(env.run(&["list"]).contains("Adopt the sepsis pathway"));
    env.cmd().arg("check").assert().code(1);
    let after = snapshot(env.plan_files().into_iter().filter(|p| *p != new).collect());
    assert!(before == after, "broken files are never rewritten");
}

#[test]
fn check_passes_on_a_clean_workbook_and_flags_unknown_rungs_and_duplicates() {
    let env = Env::new();
    env.cmd().arg("check").assert().success();
    let path = env.new_plan(&with(OKAFOR, &["--tactic", "reason"]));
    env.cmd()
        .arg("check")
        .assert()
        .success()
        .stderr(predicate::str::contains("no problems"));
    fs::write(
        &path,
        read(&path).replace("primary = \"reason\"", "primary = \"bribe\""),
    )
    .unwrap();
    fs::copy(&path, env.plans().join("copy.toml")).unwrap();
    fs::write(env.plans().join("copy.toml.orig"), "x").unwrap();
    let out = env.cmd().arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = read(&path)
        .lines()
        .position(|l| l.starts_with("primary ="))
        .unwrap()
        + 1;
    assert!(
        stdout.contains(&format!(
            ":{line}:11: unknown tactic \"bribe\" in tactic.primary"
        )),
        "{stdout}"
    );
    assert!(stdout.contains("is also used by"), "{stdout}");
    assert!(
        stdout.contains("copy.toml.orig: a conflict copy"),
        "{stdout}"
    );
}

#[test]
fn completions_and_man_page() {
    let env = Env::new();
    env.cmd()
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("overture"));
    env.cmd().args(["completions", "tcsh"]).assert().code(2);
    env.cmd()
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH overture"));
}

#[test]
fn config_file_warns_on_unknown_keys_and_errors_on_wrong_values() {
    let env = Env::new();
    let other = tempfile::tempdir().unwrap();
    fs::write(
        env.config.path().join("config.toml"),
        format!("data_dir = {:?}\ncolour = \"blue\"\n", other.path()),
    )
    .unwrap();
    let out = env
        .cmd()
        .env_remove("OVERTURE_DATA_DIR")
        .args(["new", "--stakeholder", "A", "--goal", "g", "--tactic", "1"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown key \"colour\""));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with(other.path().to_str().unwrap()));
    // --data-dir wins over the config file
    assert!(
        env.run(&["new", "--stakeholder", "A", "--goal", "g", "--tactic", "1"])
            .starts_with(env.data.path().to_str().unwrap())
    );
    fs::write(env.config.path().join("config.toml"), "\ndata_dir = 3\n").unwrap();
    env.cmd()
        .arg("list")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("config.toml:2:12: "));
}

#[test]
fn a_replacement_ladder_is_used_and_checked() {
    let env = Env::new();
    let ladder = "version = 1\n[[rung]]\nkey = \"ask\"\nname = \"Ask\"\nsummary = \"Ask nicely\"\n\
                  [[rung]]\nkey = \"insist\"\nname = \"Insist\"\nsummary = \"Insist\"\nescalation = true\n";
    fs::write(env.config.path().join("ladder.toml"), ladder).unwrap();
    let out = env.run(&["ladder"]);
    assert!(
        out.contains("Ask nicely") && !out.contains("Reason"),
        "{out}"
    );
    let mut cmd = env.cmd();
    let res = cmd
        .args([
            "new",
            "--stakeholder",
            "A",
            "--goal",
            "g",
            "--tactic",
            "insist",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&res.stderr).contains("Insist chosen before Ask was tried"));
    fs::write(
        env.config.path().join("ladder.toml"),
        "version = 1\nrung = 5\n",
    )
    .unwrap();
    env.cmd()
        .arg("ladder")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("ladder.toml:2:8:"));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let env = Env::new();
    for i in 0..30 {
        env.new_plan(&[
            "--stakeholder",
            &format!("P{i}"),
            "--goal",
            "g",
            "--tactic",
            "reason",
        ]);
    }
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "{:?} list | head -1",
            assert_cmd::cargo::cargo_bin("overture")
        ))
        .env("OVERTURE_DATA_DIR", env.data.path())
        .env("OVERTURE_CONFIG_DIR", env.config.path())
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

#[test]
fn stakeholders_and_stats_look_back_over_the_workbook() {
    let env = Env::new();
    env.cmd()
        .arg("stakeholders")
        .assert()
        .success()
        .stderr(predicate::str::contains("No stakeholders yet"));
    env.cmd()
        .arg("stats")
        .assert()
        .success()
        .stderr(predicate::str::contains("nothing to reflect on"));
    let first = env.new_plan(&[
        "--stakeholder",
        "Dr Okafor",
        "--role",
        "Consultant",
        "--direction",
        "up",
        "--goal",
        "g",
        "--tactic",
        "reason",
        "--tried",
        "inspire=resistance",
    ]);
    env.run(&[
        "outcome",
        first.to_str().unwrap(),
        "--result",
        "commitment",
        "--on",
        "2026-11-20",
    ]);
    env.new_plan(&[
        "--stakeholder",
        "dr  OKAFOR",
        "--goal",
        "g2",
        "--tactic",
        "deal",
        "--direction",
        "up",
    ]);
    env.new_plan(&[
        "--stakeholder",
        "Ms Berg",
        "--goal",
        "g3",
        "--tactic",
        "favour",
        "--direction",
        "peer",
    ]);
    let out = env.run(&["stakeholders"]);
    let okafor = out
        .lines()
        .find(|l| l.to_lowercase().starts_with("dr okafor"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        okafor.contains("Consultant") && okafor.contains(" 2 ") && okafor.contains("2026-11-20"),
        "{okafor}"
    );
    assert!(
        okafor.contains("+x·······") && okafor.ends_with("commitment"),
        "{okafor}"
    );
    assert_eq!(
        out.to_lowercase().matches("okafor").count(),
        1,
        "names matched as the rule does:\n{out}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&env.run(&["stakeholders", "--json"])).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 2);
    assert_eq!(json[0]["plans"], 2);
    assert_eq!(json[0]["rungs"][1]["latest_result"], "resistance");
    let list = env.run(&["list", "--stakeholder", "DR OKAFOR"]);
    assert_eq!(list.lines().count(), 2, "{list}");

    let stats = env.run(&["stats"]);
    assert!(stats.contains("Your tactics across 3 plans"), "{stats}");
    assert!(
        stats.contains("Never used so far: Coach, Feel Good, Silent allies, Authority and Force."),
        "{stats}"
    );
    assert!(
        stats.contains("Influencing up") && stats.contains("Influencing peer"),
        "{stats}"
    );
    assert!(stats.contains("general tendencies, not rules"), "{stats}");
    assert!(
        stats
            .lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 80),
        "{stats}"
    );
    let json: serde_json::Value = serde_json::from_str(&env.run(&["stats", "--json"])).unwrap();
    assert_eq!(json["plans"], 3);
    assert_eq!(json["rungs"][0]["key"], "reason");
    assert_eq!(json["rungs"][0]["commitment"], 1);
    assert_eq!(json["rungs"][1]["resistance"], 1);
    assert_eq!(json["never_used"][0], "coach");
}
