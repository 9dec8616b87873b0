//! The command line through the real binary, in temporary data folders. Finding plans is in `find`, looking
//! back over them (list, record, check, stakeholders, stats) in `review`; what will be said and the escalation
//! reason in `said`.

use crate::common;
mod calendar;
mod find;
mod happened;
mod json;
mod keys;
mod ladders;
mod people;
mod people_add;
mod people_hostile;
mod people_search;
mod review;
mod said;
mod thread;

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
    // A config that cannot be used: the defaults, with the problem said; but where it may name the data folder
    // and no folder is given, the command stops rather than use another workbook.
    fs::write(env.config.path().join("config.toml"), "\ndata_dir = 3\n").unwrap();
    env.cmd()
        .arg("list")
        .assert()
        .success()
        .stderr(predicate::str::contains("config.toml:2:12: "))
        .stderr(predicate::str::contains("using the default settings"));
    env.cmd()
        .env_remove("OVERTURE_DATA_DIR")
        .arg("list")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("config.toml:2:12: "));
    fs::write(env.config.path().join("config.toml"), "paper = 3\n").unwrap();
    env.cmd()
        .env_remove("OVERTURE_DATA_DIR")
        .arg("ladder")
        .assert()
        .success()
        .stderr(predicate::str::contains("config.toml:1:9: "));
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
    // one that cannot be used is reported, and the built-in ladder used meanwhile
    env.cmd()
        .arg("ladder")
        .assert()
        .success()
        .stdout(predicate::str::contains("Reason"))
        .stderr(predicate::str::contains("ladder.toml:2:8:"))
        .stderr(predicate::str::contains("using the built-in ladder"));
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
