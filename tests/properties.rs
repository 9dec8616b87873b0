//! Properties of the plan format over generated input: the loader never panics, a new file reads back as the
//! plan that was written, and a save keeps what the user added. These run in CI; the fuzz targets (fuzz/) check
//! the same properties for longer, outside it.

#[path = "support/loader_checks.rs"]
mod loader_checks;

use std::path::Path;
use strum::VariantArray;

use jiff::{Timestamp, civil::Date};
use proptest::prelude::*;

use overture::domain::{
    Attempt, Direction, Goal, Objection, Outcome, OutcomeResult, Plan, Prep, Stakeholder, Status,
    Tactic,
};
use overture::store::{format, plan_file};

/// Any text at all: control characters, quotes, backslashes, line breaks, right-to-left, emoji.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<String>(),
        1 => "[\"'\\\\\n\r\t\u{0}\u{1b}\u{7f}\u{9b}\u{202e}a-z #=\\[\\]{}]{0,12}",
        1 => Just(String::new()),
    ]
}

/// A rung field as the loader makes it from any text: resolved against the shipped ladder, or kept unknown.
fn rung(text: &str) -> Option<overture::domain::RungRef> {
    static LADDER: std::sync::LazyLock<overture::domain::Ladder> =
        std::sync::LazyLock::new(overture::domain::Ladder::embedded);
    LADDER.resolve_text(text)
}

fn list() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(text(), 0..3)
}

fn date() -> impl Strategy<Value = Option<Date>> {
    prop::option::of(
        (1i16..=9999, 1i8..=12, 1i8..=28).prop_map(|(y, m, d)| jiff::civil::date(y, m, d)),
    )
}

fn result() -> impl Strategy<Value = Option<OutcomeResult>> {
    prop::option::of(prop::sample::select(vec![
        OutcomeResult::Commitment,
        OutcomeResult::Compliance,
        OutcomeResult::Resistance,
        OutcomeResult::Undecided,
    ]))
}

fn timestamp() -> impl Strategy<Value = Timestamp> {
    // whole seconds, as files hold them; 1970 to 2100
    (0i64..4_102_444_800).prop_map(|s| Timestamp::from_second(s).unwrap())
}

fn plan() -> impl Strategy<Value = Plan> {
    let people = (
        text(),
        text(),
        prop::option::of(prop::sample::select(Direction::VARIANTS.to_vec())),
        list(),
        text(),
        text(),
        text(),
        date(),
    );
    let tactic = (text(), text(), text(), text());
    let prep = (
        text(),
        list(),
        text(),
        prop::collection::vec((text(), text()), 0..2),
        text(),
        text(),
    );
    let history = (
        prop::collection::vec((text(), date(), result(), text()), 0..3),
        prop::option::of((date(), result(), text(), date())),
    );
    let top = (
        1u32..=1,
        "[0-9A-Z]{1,26}",
        text(),
        timestamp(),
        timestamp(),
        prop::sample::select(Status::VARIANTS.to_vec()),
        text(),
    );
    (top, people, tactic, prep, history).prop_map(
        |(
            (version, id, title, created, updated, status, follows),
            (name, role, direction, cares_about, want, why, minimum, by),
            (primary, backup, rationale, escalation_reason),
            (opening, points, tactic_notes, objections, ask, fallback),
            (attempts, outcome),
        )| {
            let outcome = outcome
                .map(|(on, result, notes, follow_up)| Outcome {
                    on,
                    result,
                    notes,
                    follow_up,
                })
                // an outcome with nothing in it is read back as no outcome
                .filter(|o| *o != Outcome::default());
            // Any text, as a title may be: the reversed title saves a slot in the tuples above.
            let dropped_reason = title.chars().rev().collect();
            Plan {
                version,
                id,
                title,
                created,
                updated,
                status,
                dropped_reason,
                follows,
                stakeholder: Stakeholder {
                    name,
                    role,
                    direction,
                    cares_about,
                },
                goal: Goal {
                    want,
                    why,
                    minimum,
                    by,
                },
                tactic: Tactic {
                    primary: rung(&primary),
                    backup: rung(&backup),
                    rationale,
                    escalation_reason,
                },
                prep: Prep {
                    opening,
                    points,
                    tactic_notes,
                    objections: objections
                        .into_iter()
                        .map(|(objection, response)| Objection {
                            objection,
                            response,
                        })
                        .collect(),
                    ask,
                    fallback,
                },
                attempts: attempts
                    .into_iter()
                    .map(|(tactic, on, result, notes)| Attempt {
                        tactic: rung(&tactic),
                        on,
                        result,
                        notes,
                    })
                    .collect(),
                outcome,
            }
        },
    )
}

/// Text that looks like a plan file with parts cut, repeated or replaced, to reach deeper than random bytes.
fn plan_like() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "version = 1\n",
        "version = 2\n",
        "id = \"01A\"\n",
        "id = \"\"\n",
        "created = 2026-11-01T09:00:00Z\n",
        "updated = 2026-11-01\n",
        "status = \"done\"\n",
        "[stakeholder]\n",
        "name = \"\\u001b[2J\"\n",
        "[goal]\n",
        "by = \"2026-02-30\"\n",
        "[[attempts]]\n",
        "tactic = \"reason\"\n",
        "[outcome]\n",
        "mine = 1\n",
        "[my_notes]\n",
        "# comment\n",
        "x = [[1], {a = 2}]\n",
        "\u{feff}",
        "\r\n",
        "\"",
        "[",
    ]);
    prop::collection::vec(pieces, 0..16).prop_map(|v| v.concat())
}

/// 256 cases by default; `PROPTEST_CASES=N` for a longer run.
fn config() -> ProptestConfig {
    let mut config = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = 256;
    }
    config
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn parse_never_panics_on_any_text(s in any::<String>()) {
        loader_checks::plan_parse(s.as_bytes());
        loader_checks::render_update_roundtrip(s.as_bytes());
    }

    #[test]
    fn parse_never_panics_on_plan_like_text(s in plan_like()) {
        loader_checks::plan_parse(s.as_bytes());
        loader_checks::render_update_roundtrip(s.as_bytes());
    }

    #[test]
    fn a_new_file_reads_back_as_the_plan_written(plan in plan()) {
        let text = format::render_new(&plan).unwrap();
        let back = plan_file::parse(Path::new("p.toml"), &text, &overture::domain::Ladder::embedded())
            .unwrap_or_else(|e| panic!("{e}\n{text}"));
        prop_assert_eq!(back, plan);
        loader_checks::render_update_roundtrip(text.as_bytes());
    }

    #[test]
    fn a_save_keeps_the_users_own_table_and_comment(
        first in plan(),
        second in plan(),
        table in "[a-z_]{1,8}",
        key in any::<String>(),
        value in any::<String>(),
        comment in "[^\u{0}-\u{1f}\u{7f}]{0,30}",
    ) {
        // the user's table and comment, written the way an editor would (toml_edit quotes any key)
        let mut doc: toml_edit::DocumentMut = format::render_new(&first).unwrap().parse().unwrap();
        let name = format!("my_{table}");
        let mut mine = toml_edit::Table::new();
        mine.insert(&key, toml_edit::value(value.clone()));
        mine.decor_mut().set_prefix(format!("\n# {comment}\n"));
        doc.insert(&name, toml_edit::Item::Table(mine));
        let original = doc.to_string();
        let saved = format::render_update(&original, &second).unwrap();
        let back = plan_file::parse(Path::new("p.toml"), &saved, &overture::domain::Ladder::embedded())
            .unwrap_or_else(|e| panic!("{e}\n{saved}"));
        prop_assert_eq!(back, second);
        let reread: toml_edit::DocumentMut = saved.parse().unwrap();
        prop_assert_eq!(reread[&name][&key].as_str(), Some(value.as_str()));
        let comment_line = format!("# {comment}");
        prop_assert!(saved.contains(&comment_line), "comment lost:\n{}", saved);
    }
}
