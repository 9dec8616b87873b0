//! `overture edit`: the plan file in the user's editor, saved only when it still reads as a plan, and never over
//! a change made meanwhile. The editor here is a small shell script doing what a person would do in vim.
#![cfg(unix)]

use crate::common;

use crate::pty;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use common::{Env, read};
use predicates::prelude::*;

/// A one-line shell script used as `$VISUAL`; `$1` is the file to edit.
fn editor(dir: &Path, name: &str, body: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o700)).unwrap();
    path
}

fn okafor(env: &Env) -> PathBuf {
    env.new_plan(&[
        "--stakeholder",
        "Dr Okafor",
        "--goal",
        "Adopt the sepsis pathway",
        "--tactic",
        "reason",
    ])
}

/// The copies `edit` kept aside in the drafts folder.
fn kept(env: &Env) -> Vec<PathBuf> {
    match fs::read_dir(env.data.path().join("drafts")) {
        Ok(rd) => rd
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.to_string_lossy().contains(".edit-"))
            .collect(),
        Err(_) => Vec::new(),
    }
}

#[test]
fn an_edit_that_parses_is_saved_byte_for_byte_and_warns_when_it_escalates() {
    let env = Env::new();
    let path = okafor(&env);
    let tools = tempfile::tempdir().unwrap();
    let vim = editor(
        tools.path(),
        "ed.sh",
        r#"sed -i 's/primary = "reason"/primary = "force"/; 1i # checked with the ward manager' "$1""#,
    );
    env.cmd()
        .args(["edit", "okafor"])
        .env("VISUAL", &vim)
        .assert()
        .success()
        .stdout(predicate::str::contains("Saved"))
        .stderr(predicate::str::contains(
            "Force chosen before Reason, Inspire, Coach",
        ));
    let text = read(&path);
    assert!(
        text.starts_with("# checked with the ward manager\n"),
        "{text}"
    );
    assert!(text.contains("primary = \"force\""), "{text}");
    assert!(kept(&env).is_empty(), "the copy is removed once saved");
    assert!(env.run(&["show", "okafor"]).contains("9 Force"));

    // Editing an already-escalating plan again (a typo) does not repeat the warning.
    let typo = editor(tools.path(), "typo.sh", r#"sed -i 's/sepsis/Sepsis/' "$1""#);
    env.cmd()
        .args(["edit", "okafor"])
        .env("VISUAL", &typo)
        .assert()
        .success()
        .stderr(predicate::str::contains("Force chosen").not());
}

#[test]
fn an_edit_that_does_not_parse_changes_nothing_and_keeps_what_was_typed() {
    let env = Env::new();
    let path = okafor(&env);
    let before = read(&path);
    let tools = tempfile::tempdir().unwrap();
    let broken = editor(
        tools.path(),
        "ed.sh",
        r#"echo 'notes = "an unfinished thought' >> "$1""#,
    );
    let out = env
        .cmd()
        .args(["edit", "okafor"])
        .env("VISUAL", &broken)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(read(&path), before, "the plan is untouched");
    let copies = kept(&env);
    assert_eq!(copies.len(), 1, "{err}");
    let copy = copies[0].display().to_string();
    // Placed in the kept copy, where the typing is, with a line and column.
    let at = format!("{copy}:{}:", before.lines().count() + 1);
    assert!(err.contains(&at), "{err}");
    assert!(err.contains(&format!("kept in {copy}")), "{err}");
    assert!(read(&copies[0]).contains("an unfinished thought"));
    assert_eq!(err.lines().count(), 2, "{err}");
    // A kept copy never shows up as a plan or a draft.
    assert_eq!(env.plan_files(), [path]);
}

#[test]
fn a_plan_changed_meanwhile_is_not_overwritten() {
    let env = Env::new();
    let path = okafor(&env);
    let tools = tempfile::tempdir().unwrap();
    // While the editor is open, another program records an outcome in the plan.
    let script = format!(
        "cat >> '{}' <<'EOF'\n\n[outcome]\nresult = \"commitment\"\nEOF\nsed -i 's/sepsis/SEPSIS/' \"$1\"",
        path.display()
    );
    let racing = editor(tools.path(), "ed.sh", &script);
    env.cmd()
        .args(["edit", "okafor"])
        .env("VISUAL", &racing)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "changed on disk while you were editing",
        ));
    let text = read(&path);
    assert!(
        text.contains("commitment") && !text.contains("SEPSIS"),
        "{text}"
    );
    assert_eq!(kept(&env).len(), 1);
    assert!(read(&kept(&env)[0]).contains("SEPSIS"));
}

#[test]
fn no_change_a_failed_editor_and_no_editor_leave_the_plan_alone() {
    let env = Env::new();
    let path = okafor(&env);
    let before = read(&path);
    env.cmd()
        .args(["edit", "okafor"])
        .env("VISUAL", "true")
        .assert()
        .success()
        .stdout(predicate::str::contains("No changes"));
    env.cmd()
        .args(["edit", "okafor"])
        .env("VISUAL", "false")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nothing was changed"));
    env.cmd()
        .args(["edit", "okafor"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("Set $VISUAL or $EDITOR"));
    env.cmd()
        .args(["edit", "nobody"])
        .env("VISUAL", "true")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no plan matches"));
    assert_eq!(read(&path), before);
    assert!(kept(&env).is_empty());
}

#[test]
fn a_broken_file_can_be_mended_by_name() {
    let env = Env::new();
    let path = okafor(&env);
    let good = read(&path);
    fs::write(&path, good.replace("[tactic]", "[tactic")).unwrap();
    let name = path.file_name().unwrap().to_str().unwrap().to_string();
    env.cmd().args(["show", &name]).assert().code(1);
    let tools = tempfile::tempdir().unwrap();
    let mend = editor(
        tools.path(),
        "ed.sh",
        r#"sed -i 's/^\[tactic$/[tactic]/' "$1""#,
    );
    env.cmd()
        .args(["edit", &name])
        .env("VISUAL", &mend)
        .assert()
        .success();
    assert_eq!(read(&path), good);
    env.run(&["check"]);
}

#[test]
fn at_a_terminal_text_that_does_not_parse_can_be_edited_again() {
    let env = Env::new();
    let path = okafor(&env);
    let tools = tempfile::tempdir().unwrap();
    // First opening: a half-typed line. Second: the user finishes it.
    let flag = tools.path().join("once");
    let script = format!(
        "if [ -e '{flag}' ]; then sed -i 's/\"half$/\"half done\"/' \"$1\"; else touch '{flag}'; echo 'notes = \"half' >> \"$1\"; fi",
        flag = flag.display()
    );
    let vim = editor(tools.path(), "ed.sh", &script);
    let vim = vim.to_str().unwrap();
    let mut t = pty::Tui::start(
        env.data.path(),
        env.config.path(),
        &["edit", "okafor"],
        &[("VISUAL", vim)],
        24,
        100,
    );
    t.wait_for("Edit it again? [Y/n]");
    t.send(pty::ENTER);
    t.wait_for("Saved");
    t.wait_for("EXIT=0");
    assert!(read(&path).contains("notes = \"half done\""));
    assert!(kept(&env).is_empty());
}

/// Break 7 of issue 11 (and issue 13): `edit` saved what the loader or `check` then refused. A plan grown past
/// the size limit, a tactic the ladder does not know and an id another plan has are each refused like text that
/// does not parse: the plan unchanged, what was typed kept, the problem placed at `file:line:col`. Afterwards
/// `check` finds nothing.
#[test]
fn an_edit_the_loader_or_check_would_refuse_is_not_saved() {
    let env = Env::new();
    let path = okafor(&env);
    let other = env.new_plan(&[
        "--stakeholder",
        "Dr Adeyemi",
        "--goal",
        "Cover the rota",
        "--tactic",
        "reason",
    ]);
    let other_id = read(&other)
        .lines()
        .find_map(|l| l.strip_prefix("id = ").map(str::to_string))
        .unwrap();
    let before = read(&path);
    let tools = tempfile::tempdir().unwrap();
    let huge = editor(
        tools.path(),
        "huge.sh",
        r#"head -c 5000000 /dev/zero | tr '\0' x | sed 's/^/# /' >> "$1""#,
    );
    let bribery = editor(
        tools.path(),
        "bribery.sh",
        r#"sed -i 's/primary = "reason"/primary = "bribery"/' "$1""#,
    );
    let same_id = editor(
        tools.path(),
        "same_id.sh",
        &format!(r#"sed -i 's/^id = .*/id = {other_id}/' "$1""#),
    );
    for (script, says) in [
        (&huge, "larger than a plan can be"),
        (&bribery, "unknown tactic \"bribery\" in tactic.primary"),
        (&same_id, "is also used by"),
    ] {
        let out = env
            .cmd()
            .args(["edit", "okafor"])
            .env("VISUAL", script)
            .assert()
            .code(1)
            .get_output()
            .clone();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{err}");
        assert!(err.contains("nothing was changed"), "{err}");
        assert_eq!(read(&path), before, "{says}: the plan was changed");
    }
    assert_eq!(kept(&env).len(), 3, "each edit's text is kept");
    env.cmd().arg("check").assert().success();
}
