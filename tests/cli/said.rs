//! `overture new` writing what will be said, and the escalation reason belonging to the escalation.

use std::fs;

use super::common::{Env, read};
use super::{OKAFOR, with};

#[test]
fn new_writes_the_opening_points_objections_ask_and_fallback() {
    let env = Env::new();
    let path = env.new_plan(&with(
        OKAFOR,
        &[
            "--tactic",
            "reason",
            "--opening",
            "I have the audit numbers",
            "--point",
            "Nine of twelve weekends",
            "--point",
            "  ",
            "--point",
            "No extra locums",
            "--objection",
            "We tried that => That change added a night shift",
            "--objection",
            "No money",
            "--ask",
            "Will you sign it today?",
            "--fallback",
            "A four-week pilot",
        ],
    ));
    let file = read(&path);
    for want in [
        "opening = \"I have the audit numbers\"",
        "\"Nine of twelve weekends\"",
        "\"No extra locums\"",
        "objection = \"We tried that\"",
        "response = \"That change added a night shift\"",
        "objection = \"No money\"",
        "ask = \"Will you sign it today?\"",
        "fallback = \"A four-week pilot\"",
    ] {
        assert!(file.contains(want), "{want:?} not in\n{file}");
    }
    assert_eq!(file.matches("[[prep.objections]]").count(), 2, "{file}");
    let page = env.run(&["print", "Okafor"]);
    for want in [
        "I have the audit numbers",
        "→ That change added a night shift",
        "A four-week pilot",
    ] {
        assert!(page.contains(want), "{want:?} not in\n{page}");
    }
    // An objection needs its words; the answer may come later.
    let out = env
        .cmd()
        .args(with(
            OKAFOR,
            &["new", "--tactic", "reason", "--objection", " => an answer"],
        ))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_reason_without_an_escalation_is_a_usage_error() {
    let env = Env::new();
    let mut args = vec!["new"];
    args.extend(with(
        OKAFOR,
        &[
            "--tactic", "reason", "--backup", "deal", "--reason", "urgent",
        ],
    ));
    let out = env.cmd().args(&args).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--reason") && err.contains("escalation"),
        "{err}"
    );
    assert!(
        env.plan_files().is_empty(),
        "nothing is saved on a usage error"
    );
    // An escalation backup is an escalation.
    env.new_plan(&with(
        OKAFOR,
        &[
            "--tactic",
            "reason",
            "--backup",
            "authority",
            "--reason",
            "urgent",
        ],
    ));
}

#[test]
fn the_warning_names_each_rung_once_and_points_to_the_reason() {
    let env = Env::new();
    let mut args = vec!["new"];
    args.extend(with(
        OKAFOR,
        &[
            "--tactic",
            "force",
            "--backup",
            "authority",
            "--tried",
            "reason",
            "--tried",
            "deal",
        ],
    ));
    let out = env.cmd().args(&args).output().unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "warning: Force, with Authority as the backup, chosen before Inspire, Coach, Feel Good, Favour and \
             Silent allies were tried with Dr Okafor."
        ),
        "{err}"
    );
    assert!(
        err.contains("--reason") && err.contains("overture edit"),
        "{err}"
    );
    assert!(!err.contains("escalation_reason"), "{err}");
}

#[test]
fn a_reason_left_behind_is_never_shown() {
    let env = Env::new();
    let path = env.new_plan(&with(OKAFOR, &["--tactic", "force", "--reason", "urgent"]));
    let shown = env.run(&["show", "Okafor"]);
    assert!(
        shown.contains("Why escalate") && shown.contains("urgent"),
        "{shown}"
    );
    // The file is edited by hand to a gentle tactic, leaving the reason behind.
    let text = read(&path).replace("primary = \"force\"", "primary = \"reason\"");
    fs::write(&path, text).unwrap();
    let shown = env.run(&["show", "Okafor"]);
    assert!(
        !shown.contains("Why escalate") && !shown.contains("urgent"),
        "{shown}"
    );
    for format in ["text", "markdown"] {
        let page = env.run(&["print", "Okafor", "--format", format]);
        assert!(
            !page.contains("urgent") && !page.contains("Reason given"),
            "{page}"
        );
    }
}
