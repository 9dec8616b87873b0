//! What happened is dated today or earlier: `attempt --on`, `outcome --on` and `--tried KEY=RESULT@DATE` refuse a
//! later day as a usage error (exit 2) and record nothing; the dates that are planned (`--by`, `--follow-up`)
//! are ahead by nature and stay accepted.

use predicates::prelude::*;

use super::common::{Env, read};

#[test]
fn a_day_after_today_is_refused_for_what_happened_and_kept_for_what_is_planned() {
    let env = Env::new();
    let path = env.new_plan(&[
        "--stakeholder",
        "Dr Okafor",
        "--goal",
        "Adopt the sepsis pathway",
        "--tactic",
        "reason",
        "--by",
        "+5d",
    ]);
    let p = path.to_str().unwrap();
    let before = read(&path);
    for args in [
        &[
            "attempt",
            p,
            "--tactic",
            "reason",
            "--result",
            "resistance",
            "--on",
            "+1d",
        ][..],
        &["outcome", p, "--result", "commitment", "--on", "+2d"],
        &[
            "outcome",
            p,
            "--result",
            "commitment",
            "--on",
            "tomorrow",
            "--follow-up",
            "+9d",
        ],
    ] {
        env.cmd()
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("is after today"))
            .stderr(predicate::str::contains("nothing was recorded"));
        assert_eq!(read(&path), before, "{args:?} changed the plan");
    }
    env.cmd()
        .args([
            "new",
            "--stakeholder",
            "Dr Okafor",
            "--goal",
            "Again",
            "--tactic",
            "coach",
            "--tried",
            "reason=resistance@+1d",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is after today"));
    assert_eq!(env.plan_files().len(), 1);

    // Today and earlier are taken; so is a follow-up ahead.
    env.run(&[
        "attempt",
        p,
        "--tactic",
        "reason",
        "--result",
        "resistance",
        "--on",
        "today",
    ]);
    env.run(&[
        "outcome",
        p,
        "--result",
        "compliance",
        "--on",
        "-1d",
        "--follow-up",
        "+14d",
    ]);
    let text = read(&path);
    assert!(text.contains("follow_up = "), "{text}");
}
