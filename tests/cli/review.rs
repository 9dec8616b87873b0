//! Looking back from the command line: the list, recording attempts and outcomes, check, stakeholders and stats.

use std::fs;

use predicates::prelude::*;

use super::common::{Env, read};
use super::{OKAFOR, with};

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
    // A follow-up before the conversation is a slip: refused, nothing written.
    env.cmd()
        .args([
            "outcome",
            name,
            "--result",
            "commitment",
            "--on",
            "2026-11-20",
            "--follow-up",
            "2026-11-01",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is before the conversation"));
    assert_eq!(read(&path), text);
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

#[test]
fn drop_keeps_the_reason_and_reopen_takes_it_back() {
    let env = Env::new();
    let path = env.new_plan(&[
        "--stakeholder",
        "Ann",
        "--goal",
        "Swap on-call weekends",
        "--tactic",
        "reason",
        "--by",
        "in 2 weeks",
    ]);
    let text = read(&path);
    let by = overture::domain::dates::today()
        .checked_add(jiff::Span::new().weeks(2))
        .unwrap();
    assert!(text.contains(&format!("by = {by}")), "{text}");
    env.cmd()
        .args(["drop", "Ann", "--reason", "She moved to another trust"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Dropped:"));
    let text = read(&path);
    assert!(text.contains("status = \"dropped\""), "{text}");
    assert!(
        text.contains("dropped_reason = \"She moved to another trust\""),
        "{text}"
    );
    env.cmd().args(["drop", "Ann"]).assert().code(1);
    env.cmd()
        .args(["reopen", "Ann"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Reopened:"));
    let text = read(&path);
    assert!(text.contains("status = \"ready\""), "{text}");
    assert!(!text.contains("dropped_reason"), "{text}");
    env.cmd()
        .args(["reopen", "Ann"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is not dropped"));
    // Undecided keeps the plan open even after a clear answer.
    env.run(&["outcome", "Ann", "--result", "resistance"]);
    assert!(read(&path).contains("status = \"done\""));
    env.run(&["outcome", "Ann", "--result", "undecided"]);
    assert!(read(&path).contains("status = \"ready\""));
}

#[test]
fn a_date_that_is_not_one_lists_the_forms_people_type() {
    let env = Env::new();
    env.cmd()
        .args([
            "new",
            "--stakeholder",
            "Ann",
            "--goal",
            "x",
            "--by",
            "soonish",
        ])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("18 dec, dec 18")
                .and(predicate::str::contains("end of month")),
        );
}

#[test]
fn an_empty_agenda_says_so_in_words() {
    let env = Env::new();
    assert_eq!(
        env.run(&["agenda"]).trim(),
        "Nothing due in the next 14 days, and nothing overdue."
    );
    assert_eq!(
        env.run(&["agenda", "--days", "0"]).trim(),
        "Nothing due today, and nothing overdue."
    );
    assert_eq!(
        env.run(&["agenda", "--days", "1"]).trim(),
        "Nothing due today or tomorrow, and nothing overdue."
    );
}

#[test]
fn agenda_lists_overdue_today_and_later_and_list_json_carries_the_dates() {
    let env = Env::new();
    let plan = |name: &str, by: &str| {
        env.new_plan(&[
            "--stakeholder",
            name,
            "--goal",
            &format!("goal with {name}"),
            "--tactic",
            "reason",
            "--by",
            by,
        ])
    };
    plan("Passed", "-3d");
    plan("Today", "today");
    plan("Soon", "+5d");
    plan("Far", "+40d");
    plan("Followed", "-20d");
    env.run(&[
        "outcome",
        "Followed",
        "--result",
        "compliance",
        "--on",
        "-10d",
        "--follow-up",
        "tomorrow",
    ]);
    let dropped = plan("Dropped", "-1d");
    env.run(&["drop", dropped.to_str().unwrap()]);
    let today = overture::domain::dates::today();
    let day = |n: i64| {
        today
            .checked_add(jiff::Span::new().days(n))
            .unwrap()
            .to_string()
    };

    let json: serde_json::Value =
        serde_json::from_str(&env.run(&["agenda", "--json"])).expect("JSON");
    let got: Vec<(String, String, String, bool)> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["stakeholder"].as_str().unwrap().to_string(),
                i["kind"].as_str().unwrap().to_string(),
                i["date"].as_str().unwrap().to_string(),
                i["overdue"].as_bool().unwrap(),
            )
        })
        .collect();
    let want = |n: &str, k: &str, d: String, o: bool| (n.to_string(), k.to_string(), d, o);
    assert_eq!(
        got,
        vec![
            want("Passed", "record-outcome", day(-3), true),
            want("Today", "talk", day(0), false),
            want("Followed", "follow-up", day(1), false),
            want("Soon", "talk", day(5), false),
        ]
    );
    assert!(json[0]["plan"].as_str().unwrap().len() > 10);
    assert!(json[0]["title"].as_str().unwrap().contains("Passed"));
    let far = env.run(&["agenda", "--days", "60"]);
    assert!(
        far.contains("Far") && far.contains("Overdue") && far.contains("how did it go?"),
        "{far}"
    );
    // Exit 0 whatever is due; 1 with --fail-if-overdue when something is overdue.
    env.cmd().args(["agenda"]).assert().success();
    env.cmd()
        .args(["agenda", "--fail-if-overdue"])
        .assert()
        .code(1);
    env.run(&["drop", "Passed"]);
    env.cmd()
        .args(["agenda", "--fail-if-overdue"])
        .assert()
        .success();

    // list --json: the due item, the goal's date, the outcome as an object.
    let list: serde_json::Value = serde_json::from_str(&env.run(&["list", "--json"])).unwrap();
    let followed = list["plans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["stakeholder"] == "Followed")
        .unwrap();
    assert_eq!(followed["by"], day(-20).as_str());
    assert_eq!(followed["outcome"]["result"], "compliance");
    assert_eq!(followed["outcome"]["on"], day(-10).as_str());
    assert_eq!(followed["outcome"]["follow_up"], day(1).as_str());
    assert_eq!(followed["due"]["kind"], "follow-up");
    assert_eq!(followed["due"]["overdue"], false);
}
