//! `overture keys`: the keymap in effect, with the config file's `[keys]`, as text and as JSON; and the
//! config's mistakes reported with their line and column.

use std::fs;

use crate::common::Env;

#[test]
fn keys_lists_the_defaults_and_the_users_changes() {
    let env = Env::new();
    let text = env.run(&["keys"]);
    assert!(text.contains("[keys.list]  Plans list"), "{text}");
    assert!(text.contains("new"), "{text}");
    assert!(text.contains("j / ↓"), "several keys on one row: {text}");
    fs::write(
        env.config.path().join("config.toml"),
        "[keys.list]\nnew = [\"N\", \"ctrl-n\"]\nfly = \"f\"\n[keys.nowhere]\nx = \"y\"\n",
    )
    .unwrap();
    let out = env.cmd().arg("keys").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("new "))
        .unwrap();
    assert!(
        line.contains("N / Ctrl-N") && line.contains("(yours)"),
        "{line}"
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("config.toml:3:1: unknown action \"fly\" in [keys.list]"),
        "{stderr}"
    );
    assert!(
        stderr.contains("config.toml:4:7: unknown key context [keys.nowhere]"),
        "{stderr}"
    );

    let json = env.run(&["keys", "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    let new = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["context"] == "list" && r["action"] == "new")
        .unwrap();
    assert_eq!(new["keys"], serde_json::json!(["N", "Ctrl-N"]));
    assert_eq!(new["changed"], true);
}

#[test]
fn the_man_page_has_files_environment_and_exit_status() {
    let env = Env::new();
    let page = env.run(&["man"]);
    for section in [
        ".SH FILES",
        ".SH ENVIRONMENT",
        ".SH EXIT STATUS",
        ".SH COMMANDS",
    ] {
        assert!(page.contains(section), "{section} missing");
    }
    assert!(!page.contains("overture\\-new(1)"));
    // Each exit code says what gives it, the agenda's for scripts included.
    assert!(page.contains("\\-\\-fail\\-if\\-overdue\\fR found something overdue"));
}

#[test]
fn keys_names_the_colour_mistakes_the_workbook_would() {
    let env = Env::new();
    fs::write(
        env.config.path().join("config.toml"),
        "[colors]\naccent = \"chartreuse\"\nbogus = \"red\"\n",
    )
    .unwrap();
    let out = env.cmd().arg("keys").output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("config.toml:2:10: \"chartreuse\" is not a colour"),
        "{stderr}"
    );
    assert!(
        stderr.contains("config.toml:3:1: unknown colour role \"bogus\""),
        "{stderr}"
    );
}

#[test]
fn a_bad_theme_or_colour_is_reported_and_the_commands_still_run() {
    let env = Env::new();
    fs::write(
        env.config.path().join("config.toml"),
        "theme = \"neon\"\nmouse = 1\n",
    )
    .unwrap();
    let out = env.cmd().arg("list").output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("config.toml:1:9: theme \"neon\""),
        "{stderr}"
    );
    assert!(
        stderr.contains("config.toml:2:9: mouse must be true or false"),
        "{stderr}"
    );
}
