//! Threads from the command line: `overture follow-up`, the thread `show` prints, the list's mark, and counts
//! that are right across a thread (issue 13's scenario: a try is one try however many plans carry it).

use std::fs;
use std::path::Path;

use predicates::prelude::*;

use super::common::{Env, read};

/// The scenario: Dr Adeyemi, Reason and Deal already tried (resistance), Coach chosen and its outcome
/// recorded, then a follow-up with Inspire. Returns the first plan's file and the follow-up's.
fn scenario(env: &Env) -> (std::path::PathBuf, std::path::PathBuf) {
    let first = env.new_plan(&[
        "--stakeholder",
        "Dr Adeyemi",
        "--goal",
        "Adopt the sepsis pathway",
        "--tactic",
        "coach",
        "--tried",
        "reason=resistance",
        "--tried",
        "deal=resistance",
    ]);
    let first_s = first.to_str().unwrap();
    env.run(&["outcome", first_s, "--result", "compliance", "--on", "-1d"]);
    let out = env.run(&["follow-up", first_s, "--tactic", "inspire"]);
    let next = std::path::PathBuf::from(out.trim());
    assert!(next.exists(), "{out}");
    (first, next)
}

fn json(env: &Env, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&env.run(args)).unwrap()
}

/// A count per rung key.
type PerRung = Vec<(String, u64)>;

/// `tried` per rung key in `overture stats --json`, and `tries` in `overture stakeholders --json`.
fn counts(env: &Env) -> (PerRung, PerRung) {
    let pick = |v: &serde_json::Value, field: &str| -> Vec<(String, u64)> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["key"].as_str().unwrap().to_string(),
                    r[field].as_u64().unwrap(),
                )
            })
            .filter(|(_, n)| *n > 0)
            .collect()
    };
    let stats = json(env, &["stats", "--json"]);
    let people = json(env, &["stakeholders", "--json"]);
    assert_eq!(people.as_array().unwrap().len(), 1, "{people}");
    (
        pick(&stats["rungs"], "tried"),
        pick(&people[0]["rungs"], "tries"),
    )
}

fn pairs(list: &[(&str, u64)]) -> Vec<(String, u64)> {
    list.iter().map(|(k, n)| (k.to_string(), *n)).collect()
}

#[test]
fn a_follow_up_counts_each_try_once_everywhere() {
    let env = Env::new();
    let (first, next) = scenario(&env);
    let text = read(&next);
    let id = |path: &Path| {
        read(path)
            .lines()
            .find_map(|l| {
                l.strip_prefix("id = \"")
                    .map(|r| r.trim_end_matches('"').to_string())
            })
            .unwrap()
    };
    let first_id = id(&first);
    assert!(
        text.contains(&format!("follows = \"{first_id}\"")),
        "{text}"
    );
    assert_eq!(
        text.matches(&format!("from = \"{first_id}\"")).count(),
        3,
        "the three tries carried, each marked: {text}"
    );
    let want = pairs(&[("reason", 1), ("coach", 1), ("deal", 1)]);
    let (stats, people) = counts(&env);
    assert_eq!(stats, want);
    assert_eq!(people, want);
    let stats_text = env.run(&["stats"]);
    assert!(
        !stats_text.contains("more often than not"),
        "one resistance per rung is no pattern: {stats_text}"
    );

    // The follow-up's page prints the three tries and says nothing about more.
    let page = env.run(&["print", next.to_str().unwrap()]);
    let tried: Vec<&str> = page
        .lines()
        .skip_while(|l| !l.starts_with("ALREADY TRIED"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .collect();
    assert_eq!(tried.len(), 3, "{page}");
    assert!(!page.contains("more tr"), "{page}");
    assert!(
        !page.contains("earlier plan"),
        "every try is this page's own copy: {page}"
    );
    // The first plan's page lists its own tries, none "from an earlier plan".
    let page = env.run(&["print", first.to_str().unwrap()]);
    assert!(
        !page.contains("earlier plan") && !page.contains("later plan"),
        "{page}"
    );

    // The escalation rule sees Reason, Coach and Deal tried, once each, and names only the others.
    env.cmd()
        .args(["follow-up", first.to_str().unwrap(), "--tactic", "force"])
        .assert()
        .success()
        .stderr(
            predicate::str::contains(
                "Force chosen before Inspire, Feel Good, Favour, Silent allies and Authority were tried with Dr Adeyemi.",
            ),
        );
}

#[test]
fn show_prints_the_thread_and_list_marks_the_follow_up() {
    let env = Env::new();
    let (first, next) = scenario(&env);
    let shown = env.run(&["show", next.to_str().unwrap()]);
    let thread: Vec<&str> = shown
        .lines()
        .skip_while(|l| *l != "Thread")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect();
    assert_eq!(thread.len(), 2, "{shown}");
    assert!(
        thread[0].starts_with("  ") && thread[0].contains("talked: 3 Coach, compliance"),
        "{shown}"
    );
    assert!(
        thread[1].starts_with("> ")
            && thread[1].contains("planned: 2 Inspire, ready (this plan)  “Follow-up: Adopt"),
        "{shown}"
    );
    assert!(
        shown.contains("1 Reason: resistance (carried from an earlier plan)"),
        "{shown}"
    );
    // From the first plan, the follow-up is later in its thread.
    let shown = env.run(&["show", first.to_str().unwrap()]);
    assert!(shown.contains("> ") && shown.contains("  20"), "{shown}");
    assert!(!shown.contains("carried"), "{shown}");
    let list = env.run(&["list"]);
    assert_eq!(list.matches('↳').count(), 1, "{list}");
    let plans = json(&env, &["list", "--json"]);
    // A plan that follows none says null, as every absent value in the JSON does (docs/JSON.md).
    let follows: Vec<Option<&str>> = plans["plans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            assert!(p["follows"].is_null() || p["follows"].is_string(), "{p}");
            p["follows"].as_str()
        })
        .collect();
    assert_eq!(follows.iter().flatten().count(), 1);
    assert!(
        follows.iter().flatten().all(|f| !f.is_empty()),
        "{follows:?}"
    );
}

#[test]
fn an_old_follow_up_without_from_still_counts_once_and_an_edited_copy_is_the_users() {
    let env = Env::new();
    let (_, next) = scenario(&env);
    let text: String = read(&next)
        .lines()
        .filter(|l| !l.starts_with("from = "))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(&next, &text).unwrap();
    let want = pairs(&[("reason", 1), ("coach", 1), ("deal", 1)]);
    assert_eq!(counts(&env).0, want, "matched against the plan it follows");
    // Edited by hand: the Reason try was compliance. Nothing the user wrote is dropped: it counts on its own.
    let edited = text.replacen(
        "tactic = \"reason\"\nresult = \"resistance\"",
        "tactic = \"reason\"\nresult = \"compliance\"",
        1,
    );
    assert_ne!(edited, text);
    fs::write(&next, edited).unwrap();
    let want = pairs(&[("reason", 2), ("coach", 1), ("deal", 1)]);
    assert_eq!(counts(&env).0, want);
}

#[test]
fn follow_up_takes_the_workbooks_flags_and_exit_codes() {
    let env = Env::new();
    let (first, _) = scenario(&env);
    let first = first.to_str().unwrap();
    let out = env.run(&[
        "follow-up",
        first,
        "--tactic",
        "deal",
        "--backup",
        "favour",
        "--by",
        "2099-01-15",
        "--goal",
        "Start the pathway on ward 4",
    ]);
    let text = read(Path::new(out.trim()));
    assert!(
        text.contains("primary = \"deal\"") && text.contains("backup = \"favour\""),
        "{text}"
    );
    assert!(text.contains("by = 2099-01-15"), "{text}");
    assert!(
        text.contains("want = \"Start the pathway on ward 4\""),
        "{text}"
    );
    assert!(text.contains("status = \"ready\""), "{text}");
    // Without a tactic it is a draft, said so.
    env.cmd()
        .args(["follow-up", first])
        .assert()
        .success()
        .stderr(predicate::str::contains("draft until it has a tactic"));
    let before = env.plan_files().len();
    env.cmd()
        .args(["follow-up", first, "--tactic", "bogus"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown tactic"));
    env.cmd()
        .args(["follow-up", first, "--tactic", "deal", "--backup", "5"])
        .assert()
        .code(2);
    env.cmd()
        .args(["follow-up", first, "--by", "someday"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("18 dec"));
    env.cmd()
        .args(["follow-up", "nobody at all"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no plan matches"));
    assert_eq!(
        env.plan_files().len(),
        before,
        "nothing written by a refusal"
    );
}

#[test]
fn new_takes_dates_for_earlier_tries() {
    let env = Env::new();
    let path = env.new_plan(&[
        "--stakeholder",
        "Sam Lee",
        "--goal",
        "Swap clinics",
        "--tactic",
        "favour",
        "--tried",
        "reason=resistance@2026-01-20",
        "--tried",
        "deal@-3d",
    ]);
    let text = read(&path);
    assert!(text.contains("on = 2026-01-20"), "{text}");
    assert_eq!(text.matches("\non = ").count(), 2, "{text}");
    let page = env.run(&["print", path.to_str().unwrap()]);
    assert!(!page.contains("undated"), "{page}");
    env.cmd()
        .args([
            "new",
            "--stakeholder",
            "A",
            "--goal",
            "B",
            "--tactic",
            "reason",
            "--tried",
            "deal@in 3 days",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("after today"));
    env.cmd()
        .args([
            "new",
            "--stakeholder",
            "A",
            "--goal",
            "B",
            "--tactic",
            "reason",
            "--tried",
            "deal=resistance@whenever",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("18 dec"));
}
