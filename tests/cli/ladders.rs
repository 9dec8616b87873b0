//! The command line with a replacement ladder of 2, 11 (Yukl's tactics, `assets/ladders/yukl-11.toml`) or 12
//! rungs in the config folder: new, list, show, stats and print (text and one-page PDF).

use std::fs;

use super::common::Env;

const TWO: &str = include_str!("../fixtures/ladders/two.toml");
const YUKL: &str = include_str!("../../assets/ladders/yukl-11.toml");
const TWELVE: &str = include_str!("../fixtures/ladders/twelve.toml");

fn env_with(ladder: &str) -> Env {
    let env = Env::new();
    fs::write(env.config.path().join("ladder.toml"), ladder).unwrap();
    env
}

/// `overture new`, returning the saved path and what it said on stderr (the escalation warning).
fn new(env: &Env, args: &[&str]) -> (String, String) {
    let out = env.cmd().arg("new").args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).unwrap().trim().to_string(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The PDF's page count and its text.
fn pdf(env: &Env, plan: &str) -> (usize, String) {
    let out = env
        .cmd()
        .args(["print", plan, "-f", "pdf"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = lopdf::Document::load_mem(&out.stdout).unwrap();
    let pages = doc.get_pages().len();
    (pages, doc.extract_text(&[1]).unwrap())
}

/// Stats count every rung; `who`'s page, as text, fits a printed page and names `label`; as PDF it is one page,
/// whose text is returned.
fn stats_and_page(env: &Env, who: &str, rungs: usize, label: &str) -> String {
    let json: serde_json::Value = serde_json::from_str(&env.run(&["stats", "--json"])).unwrap();
    assert_eq!(
        json["rungs"].as_array().map(Vec::len),
        Some(rungs),
        "{json}"
    );
    let text = env.run(&["print", who]);
    assert!(text.contains(label), "{text}");
    assert!(text.lines().count() <= 60, "{text}");
    let (pages, pdf_text) = pdf(env, who);
    assert_eq!(pages, 1);
    pdf_text
}

#[test]
fn a_twelve_rung_ladder_from_new_to_the_printed_page() {
    let env = env_with(TWELVE);
    let ladder = env.run(&["ladder"]);
    assert!(
        ladder.contains("12") && ladder.contains("Escalate"),
        "{ladder}"
    );
    // Rung 12 by number, rung 11 by name: both past the digits the workbook's keys reach.
    let (_, warned) = new(
        &env,
        &[
            "--stakeholder",
            "Dr Nwosu",
            "--goal",
            "Sign the rota",
            "--tactic",
            "12",
            "--backup",
            "insist",
            "--tried",
            "listen=resistance",
        ],
    );
    assert!(
        warned.contains("Escalate, with Insist as the backup, chosen before Explain"),
        "{warned}"
    );
    new(
        &env,
        &[
            "--stakeholder",
            "Sam",
            "--goal",
            "Swap Friday",
            "--tactic",
            "9",
        ],
    );

    let list = env.run(&["list"]);
    assert!(
        list.contains("12 Escalate") && list.contains("9 Rally"),
        "{list}"
    );
    let json: serde_json::Value = serde_json::from_str(&env.run(&["list", "--json"])).unwrap();
    let rungs: Vec<i64> = json["plans"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["rung"].as_i64())
        .collect();
    assert!(rungs.contains(&12) && rungs.contains(&9), "{json}");

    let show = env.run(&["show", "Dr Nwosu"]);
    assert!(
        show.contains("12 Escalate") && show.contains("11 Insist"),
        "{show}"
    );
    assert!(
        show.contains("[>] Escalate") && show.contains("[x] Listen"),
        "{show}"
    );

    let stats = env.run(&["stats"]);
    assert!(
        stats.contains("Escalate") && stats.contains("Cite rules"),
        "{stats}"
    );
    let people = env.run(&["stakeholders"]);
    assert!(
        people.contains("x···········  -"),
        "a mark for each of 12 rungs:\n{people}"
    );
    let pdf_text = stats_and_page(&env, "Dr Nwosu", 12, "12 Escalate");
    assert!(
        pdf_text.contains("Escalate") && pdf_text.contains("Cite rules"),
        "{pdf_text}"
    );
}

#[test]
fn a_two_rung_ladder_from_new_to_the_printed_page() {
    let env = env_with(TWO);
    let (_, warned) = new(
        &env,
        &[
            "--stakeholder",
            "Sam",
            "--goal",
            "Swap Friday",
            "--tactic",
            "2",
        ],
    );
    assert!(warned.contains("Insist chosen before Ask"), "{warned}");
    new(
        &env,
        &[
            "--stakeholder",
            "Jo",
            "--goal",
            "Cover Monday",
            "--tactic",
            "ask",
            "--backup",
            "insist",
        ],
    );
    env.cmd()
        .args(["new", "--stakeholder", "X", "--goal", "g", "--tactic", "3"])
        .assert()
        .code(2);
    let list = env.run(&["list"]);
    assert!(
        list.contains("2 Insist") && list.contains("1 Ask"),
        "{list}"
    );
    let show = env.run(&["show", "Jo"]);
    assert!(
        show.contains("1 Ask") && show.contains("2 Insist"),
        "{show}"
    );
    let pdf_text = stats_and_page(&env, "Sam", 2, "2 Insist");
    assert!(pdf_text.contains("Insist"), "{pdf_text}");
}

#[test]
fn the_yukl_example_ladder_on_the_command_line() {
    let env = env_with(YUKL);
    let ladder = env.run(&["ladder"]);
    assert!(
        ladder.contains("Rational persuasion") && ladder.contains("Pressure"),
        "{ladder}"
    );
    let detail = env.run(&["ladder", "legitimating"]);
    assert!(
        detail.contains("Falbe & Yukl (1992)"),
        "sources are named:\n{detail}"
    );
    // The old ladder's words find their nearest tactic.
    let (_, warned) = new(
        &env,
        &[
            "--stakeholder",
            "Ana",
            "--goal",
            "Approve the budget",
            "--tactic",
            "force",
        ],
    );
    assert!(warned.contains("Pressure chosen before"), "{warned}");
    let show = env.run(&["show", "Ana"]);
    assert!(show.contains("11 Pressure"), "{show}");
    let (pages, _) = pdf(&env, "Ana");
    assert_eq!(pages, 1);
}

#[test]
fn a_plan_naming_a_rung_the_ladder_lacks_keeps_it_and_reports_it() {
    let env = Env::new();
    let (path, _) = new(
        &env,
        &[
            "--stakeholder",
            "Sam",
            "--goal",
            "Swap",
            "--tactic",
            "force",
        ],
    );
    let before = fs::read_to_string(&path).unwrap();
    fs::write(env.config.path().join("ladder.toml"), TWO).unwrap();
    let show = env.run(&["show", "Sam"]);
    assert!(show.contains("? force"), "{show}");
    let out = env.cmd().arg("check").output().unwrap();
    let said =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("unknown tactic \"force\""), "{said}");
    // Recording against it writes the file again: the unknown key is kept as it was.
    env.run(&[
        "attempt",
        "Sam",
        "--tactic",
        "ask",
        "--result",
        "resistance",
    ]);
    let after = fs::read_to_string(&path).unwrap();
    assert!(after.contains("primary = \"force\""), "{after}");
    assert!(after.starts_with(before.lines().next().unwrap()), "{after}");
}

/// `overture ladder` and `overture stats` line up with a ladder of more than nine rungs and names longer than the
/// built-in ones ("Inspirational appeal"): the columns after the name start at one place on every row.
#[test]
fn ladder_and_stats_columns_line_up_with_the_yukl_ladder() {
    let env = env_with(YUKL);
    new(
        &env,
        &[
            "--stakeholder",
            "Dr Okafor",
            "--goal",
            "g",
            "--tactic",
            "exchange",
        ],
    );
    let ladder = env.run(&["ladder"]);
    let starts: Vec<usize> = ladder
        .lines()
        .filter(|l| l.contains("  rational-persuasion") || l.contains("  pressure"))
        .map(|l| {
            let chars: Vec<char> = l.chars().collect();
            // The summary starts after the name's column: the first letter after a run of two spaces or more
            // following the name.
            l.find("Make the case")
                .or_else(|| l.find("Demand"))
                .map(|b| l[..b].chars().count())
                .unwrap_or(chars.len())
        })
        .collect();
    assert_eq!(starts.len(), 2, "{ladder}");
    assert_eq!(starts[0], starts[1], "{ladder}");
    let key_at: Vec<usize> = ladder
        .lines()
        .filter_map(|l| {
            l.find("rational-persuasion")
                .or_else(|| l.find("pressure  "))
        })
        .collect();
    assert_eq!(key_at.len(), 2, "{ladder}");
    assert_eq!(
        key_at[0], key_at[1],
        "the numbers 1 and 11 take one width: {ladder}"
    );

    let stats = env.run(&["stats"]);
    // Rows 3 (Inspirational appeal) and 4 (Consultation), both unused: the same length when the columns align.
    let row = |n: &str| {
        stats
            .lines()
            .find(|l| l.starts_with(n))
            .map(|l| l.chars().count())
    };
    assert!(row(" 3 Inspirational appeal").is_some(), "{stats}");
    assert_eq!(
        row(" 3 Inspirational appeal"),
        row(" 4 Consultation"),
        "{stats}"
    );
}
