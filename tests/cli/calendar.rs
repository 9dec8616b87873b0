//! `overture calendar` and the config's `calendar_file`, through the real binary: the file is read back by an
//! independent parser (the `ical` crate) and checked against RFC 5545's line rules.

use std::fs;

use crate::common::Env;
use predicates::prelude::*;

/// RFC 5545 3.1: CRLF line ends, at most 75 octets a line, folded lines going on with a space.
fn check_lines(text: &str) {
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "{text}");
    assert!(text.ends_with("END:VCALENDAR\r\n"), "{text}");
    for line in text[..text.len() - 2].split("\r\n") {
        assert!(!line.contains(['\r', '\n']), "a bare CR or LF: {line:?}");
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
}

/// The events' UIDs and summaries as the `ical` crate reads them.
fn events(text: &str) -> Vec<(String, String)> {
    check_lines(text);
    let calendar = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()))
        .next()
        .expect("a calendar")
        .expect("it parses");
    calendar
        .events
        .iter()
        .map(|e| {
            let get = |name: &str| {
                e.properties
                    .iter()
                    .find(|p| p.name == name)
                    .and_then(|p| p.value.clone())
                    .unwrap_or_default()
            };
            (get("UID"), get("SUMMARY"))
        })
        .collect()
}

fn workbook() -> Env {
    let env = Env::new();
    for (who, goal, by) in [
        ("Dr Okafor", "Pilot the sepsis pathway", "2020-03-02"),
        ("Ann Lee", "Swap the rota, for good; please", "today"),
        ("Bob", "Share the audit", "2099-01-20"),
    ] {
        env.new_plan(&[
            "--stakeholder",
            who,
            "--goal",
            goal,
            "--tactic",
            "reason",
            "--by",
            by,
            "--opening",
            "SECRET opening",
        ]);
    }
    env
}

#[test]
fn the_calendar_has_one_entry_per_item_and_is_the_same_each_time() {
    let env = workbook();
    let first = env.run(&["calendar"]);
    let got = events(&first);
    assert_eq!(got.len(), 3, "{first}");
    assert!(
        got.iter()
            .any(|(_, s)| s == r"Talk to Ann Lee: Swap the rota\, for good\; please"),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|(_, s)| s == "Record how it went with Dr Okafor: Pilot the sepsis pathway"),
        "{got:?}"
    );
    assert!(!first.contains("SECRET"), "notes stay on the machine");
    // Exported again, nothing changed: the same bytes, so re-importing changes nothing.
    assert_eq!(env.run(&["calendar"]), first);
    // --days leaves out what is further, never what is overdue.
    let near = events(&env.run(&["calendar", "--days", "30"]));
    assert_eq!(near.len(), 2);
    let details = env.run(&["calendar", "--details"]);
    assert_eq!(events(&details).len(), 3);
    assert!(details.contains("SECRET opening"));
    let uids = |v: Vec<(String, String)>| v.into_iter().map(|e| e.0).collect::<Vec<_>>();
    assert_eq!(uids(events(&details)), uids(got));
}

#[test]
fn output_to_a_file_is_private_and_replaces_only_a_calendar() {
    let env = workbook();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("overture.ics");
    let out = env.run(&["calendar", "-o", file.to_str().unwrap()]);
    assert_eq!(out.trim(), file.display().to_string());
    let text = fs::read_to_string(&file).unwrap();
    assert_eq!(events(&text).len(), 3);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // Writing it again is how it is kept current: no question asked.
    env.run(&["calendar", "-o", file.to_str().unwrap()]);
    assert_eq!(fs::read_to_string(&file).unwrap(), text);
    // Anything else is not replaced without --force.
    let other = dir.path().join("notes.txt");
    fs::write(&other, "mine").unwrap();
    env.cmd()
        .args(["calendar", "-o", other.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not a calendar"));
    assert_eq!(fs::read_to_string(&other).unwrap(), "mine");
    env.run(&["calendar", "--force", "-o", other.to_str().unwrap()]);
    assert!(
        fs::read_to_string(&other)
            .unwrap()
            .starts_with("BEGIN:VCALENDAR")
    );
    // `-` is stdout.
    assert_eq!(env.run(&["calendar", "-o", "-"]), text);
    // A folder that is not there is named as such (it never "no longer" existed).
    let missing = dir.path().join("no-such-folder/overture.ics");
    env.cmd()
        .args(["calendar", "-o", missing.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("there is no such folder"))
        .stderr(predicate::str::contains("no longer").not());
}

#[test]
fn the_calendar_file_follows_every_save_and_a_failure_does_not_block_it() {
    let env = Env::new();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("agenda.ics");
    fs::write(
        env.config.path().join("config.toml"),
        format!("calendar_file = {:?}\n", file.display().to_string()),
    )
    .unwrap();
    env.new_plan(&[
        "--stakeholder",
        "Dr Okafor",
        "--goal",
        "Pilot the pathway",
        "--tactic",
        "reason",
        "--by",
        "2099-01-20",
    ]);
    let got = events(&fs::read_to_string(&file).unwrap());
    assert_eq!(got.len(), 1);
    assert!(got[0].1.starts_with("Talk to Dr Okafor"), "{got:?}");
    env.run(&[
        "outcome",
        "okafor",
        "--result",
        "compliance",
        "--notes",
        "CANDID",
        "--follow-up",
        "2099-02-01",
    ]);
    let text = fs::read_to_string(&file).unwrap();
    let got = events(&text);
    assert_eq!(got.len(), 1);
    assert!(got[0].1.starts_with("Follow up with Dr Okafor"), "{got:?}");
    assert!(!text.contains("CANDID"));
    env.run(&["drop", "okafor"]);
    assert!(events(&fs::read_to_string(&file).unwrap()).is_empty());
    // A folder that is not there: the save goes through, and the calendar's failure is said.
    fs::write(
        env.config.path().join("config.toml"),
        "calendar_file = \"/nonexistent-folder/agenda.ics\"\n",
    )
    .unwrap();
    env.cmd()
        .args(["reopen", "okafor"])
        .assert()
        .success()
        .stderr(predicate::str::contains("calendar file was not updated"));
}
