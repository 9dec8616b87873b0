//! Properties of the plan format over generated input: the loader never panics, a new file reads back as the
//! plan that was written, and a save keeps what the user added. These run in CI; the fuzz targets (fuzz/) check
//! the same properties for longer, outside it.

use crate::loader_checks;
use crate::workbook;

use std::path::Path;
use strum::VariantArray;

use jiff::{Timestamp, civil::Date};
use proptest::prelude::*;

use overture::domain::Ladder;
use overture::domain::{
    Attempt, Direction, Goal, Objection, Outcome, OutcomeResult, Plan, Prep, Stakeholder, Status,
    Tactic,
};
use overture::store::{PlanFile, format, plan_file};
use overture::tui::screens::wizard::Wizard;

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
    plan_with(text)
}

/// Plans whose text fields (and list items) are drawn from `text`.
fn plan_with<S: Strategy<Value = String> + 'static>(
    text: fn() -> S,
) -> impl Strategy<Value = Plan> {
    let list = move || prop::collection::vec(text(), 0..3);
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
        prop::collection::vec((text(), text()), 0..2),
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
            (attempts, outcome, allies),
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
                allies: allies
                    .into_iter()
                    .map(|(name, ask)| overture::domain::Ally { name, ask })
                    .collect(),
                attempts: attempts
                    .into_iter()
                    .map(|(tactic, on, result, notes)| Attempt {
                        tactic: rung(&tactic),
                        on,
                        result,
                        notes,
                        from: String::new(),
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

/// Text a person may keep in a field, which the program must not tidy unless asked: line breaks, a final one,
/// tabs, carriage returns, padding, empty list items.
fn odd_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => text(),
        1 => prop::sample::select(vec![
            "alpha\nbeta",
            "",
            "  padded  ",
            "tab\there",
            "ends with a line break\n",
            "cr\r\nlf",
            "lone\rcr",
            "\n",
            " ",
        ])
        .prop_map(str::to_string),
    ]
}

/// How a value may be spelled in a file: the ways TOML allows, all read as the same value.
#[derive(Debug, Clone, Copy)]
struct Spelling(u8);

impl Spelling {
    fn string(self, s: &str) -> String {
        let plain = |c: char| !c.is_control() || c == '\t';
        match self.0 % 5 {
            1 if s.chars().all(plain) && !s.contains('\'') => format!("'{s}'"),
            2 if s.chars().all(|c| plain(c) || c == '\n')
                && !s.contains("''")
                && !s.ends_with('\'') =>
            {
                format!("'''\n{s}'''")
            }
            3 => {
                // Multi-line basic: line breaks and tabs as they are, everything else that must be escaped escaped.
                let mut out = String::from("\"\"\"\n");
                for c in s.chars() {
                    match c {
                        '\n' | '\t' => out.push(c),
                        '\\' => out.push_str("\\\\"),
                        '"' => out.push_str("\\\""),
                        c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
                        c => out.push(c),
                    }
                }
                out.push_str("\"\"\"");
                out
            }
            _ => toml_edit::Value::from(s).to_string().trim().to_string(),
        }
    }

    fn date(self, d: Date) -> String {
        if self.0.is_multiple_of(2) {
            d.to_string()
        } else {
            format!("\"{d}\"")
        }
    }

    fn timestamp(self, t: Timestamp) -> String {
        let utc = t.to_zoned_datetime(jiff::tz::TimeZone::UTC);
        match self.0 % 4 {
            0 => utc.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
            1 => utc.strftime("%Y-%m-%dT%H:%M:%S+00:00").to_string(),
            2 => t
                .to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(5)))
                .strftime("%Y-%m-%d %H:%M:%S%:z")
                .to_string(),
            _ => format!("\"{}\"", utc.strftime("%Y-%m-%dT%H:%M:%SZ")),
        }
    }
}

/// A plan file written by hand: each value spelled one of the ways TOML allows, empty fields sometimes written
/// out, CRLF or LF line endings. It reads as `plan`.
fn hand_written(plan: &Plan, spellings: &[u8], crlf: bool) -> String {
    let mut spelling = spellings.iter().cycle().copied().map(Spelling);
    let mut next = move || spelling.next().unwrap_or(Spelling(0));
    let mut lines: Vec<String> = Vec::new();
    let text = |lines: &mut Vec<String>, key: &str, v: &str, always: bool, sp: Spelling| {
        if always || !v.is_empty() || sp.0.is_multiple_of(3) {
            lines.push(format!("{key} = {}", sp.string(v)));
        }
    };
    lines.push(format!("version = {}", plan.version));
    text(&mut lines, "id", &plan.id, true, next());
    text(&mut lines, "title", &plan.title, false, next());
    lines.push(format!("created = {}", next().timestamp(plan.created)));
    lines.push(format!("updated = {}", next().timestamp(plan.updated)));
    lines.push(format!("status = \"{}\"", plan.status.as_str()));
    text(
        &mut lines,
        "dropped_reason",
        &plan.dropped_reason,
        false,
        next(),
    );
    text(&mut lines, "follows", &plan.follows, false, next());
    let list = |items: &[String], next: &mut dyn FnMut() -> Spelling| {
        let items: Vec<String> = items.iter().map(|i| next().string(i)).collect();
        format!("[{}]", items.join(", "))
    };
    let s = &plan.stakeholder;
    lines.push("[stakeholder]".into());
    text(&mut lines, "name", &s.name, false, next());
    text(&mut lines, "role", &s.role, false, next());
    if let Some(d) = s.direction {
        lines.push(format!("direction = \"{}\"", d.as_str()));
    }
    if !s.cares_about.is_empty() {
        lines.push(format!("cares_about = {}", list(&s.cares_about, &mut next)));
    }
    let g = &plan.goal;
    lines.push("[goal]".into());
    text(&mut lines, "want", &g.want, false, next());
    text(&mut lines, "why", &g.why, false, next());
    text(&mut lines, "minimum", &g.minimum, false, next());
    if let Some(by) = g.by {
        lines.push(format!("by = {}", next().date(by)));
    }
    let t = &plan.tactic;
    lines.push("[tactic]".into());
    let rung = |r: &Option<overture::domain::RungRef>| {
        overture::domain::RungRef::text(r.as_ref()).to_string()
    };
    text(&mut lines, "primary", &rung(&t.primary), false, next());
    text(&mut lines, "backup", &rung(&t.backup), false, next());
    text(&mut lines, "rationale", &t.rationale, false, next());
    text(
        &mut lines,
        "escalation_reason",
        &t.escalation_reason,
        false,
        next(),
    );
    let p = &plan.prep;
    lines.push("[prep]".into());
    text(&mut lines, "opening", &p.opening, false, next());
    if !p.points.is_empty() {
        lines.push(format!("points = {}", list(&p.points, &mut next)));
    }
    text(&mut lines, "tactic_notes", &p.tactic_notes, false, next());
    text(&mut lines, "ask", &p.ask, false, next());
    text(&mut lines, "fallback", &p.fallback, false, next());
    for o in &p.objections {
        lines.push("[[prep.objections]]".into());
        text(&mut lines, "objection", &o.objection, true, next());
        text(&mut lines, "response", &o.response, false, next());
    }
    for a in &plan.allies {
        lines.push("[[allies]]".into());
        text(&mut lines, "name", &a.name, true, next());
        text(&mut lines, "ask", &a.ask, false, next());
    }
    for a in &plan.attempts {
        lines.push("[[attempts]]".into());
        text(&mut lines, "tactic", &rung(&a.tactic), true, next());
        if let Some(on) = a.on {
            lines.push(format!("on = {}", next().date(on)));
        }
        if let Some(r) = a.result {
            lines.push(format!("result = \"{}\"", r.as_str()));
        }
        text(&mut lines, "notes", &a.notes, false, next());
    }
    if let Some(o) = &plan.outcome {
        lines.push("[outcome]".into());
        if let Some(on) = o.on {
            lines.push(format!("on = {}", next().date(on)));
        }
        if let Some(r) = o.result {
            lines.push(format!("result = \"{}\"", r.as_str()));
        }
        text(&mut lines, "notes", &o.notes, false, next());
        if let Some(f) = o.follow_up {
            lines.push(format!("follow_up = {}", next().date(f)));
        }
    }
    let end = if crlf { "\r\n" } else { "\n" };
    lines.iter().map(|l| format!("{l}{end}")).collect()
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

    #[test]
    fn a_plan_opened_in_the_wizard_and_saved_unchanged_keeps_its_bytes(
        plan in plan_with(odd_text),
        spellings in prop::collection::vec(any::<u8>(), 1..40),
        crlf in any::<bool>(),
    ) {
        let text = hand_written(&plan, &spellings, crlf);
        let path = Path::new("p.toml");
        let loaded = plan_file::parse(path, &text, &Ladder::embedded()).unwrap_or_else(|e| panic!("{e}\n{text}"));
        prop_assert_eq!(&loaded, &plan, "the file reads as the plan:\n{}", text);
        // The writer alone: the plan as loaded goes back byte for byte.
        prop_assert_eq!(format::render_update(&text, &loaded).unwrap(), text.clone());
        // Through the wizard: opened, saved with nothing typed.
        let ladder = Ladder::embedded();
        let file = PlanFile { path: path.into(), plan: loaded.clone(), text: text.clone(), read_only: None };
        let wizard = Wizard::new(loaded, Some(file), Default::default(), &ladder, &Default::default(), None);
        let (built, date_error) = wizard.plan(&ladder, Timestamp::now());
        prop_assert_eq!(date_error, None);
        let saved = format::render_update(&text, &built).unwrap();
        prop_assert_eq!(saved, text);
    }
}

/// A save's cost grows with the plan's length, never with its square: at the loader's size limit (about 62,000
/// attempts) each save here is one pass over the file. Quadratic matching took hours for this in a debug build,
/// so this test would never finish; the matching's own test counts its comparisons (src/store/format/lists.rs).
#[test]
fn saves_at_the_size_limit_touch_only_what_changed() {
    let path = Path::new("big.toml");
    let text = workbook::plan_with_attempts(62_000, 7);
    assert!(
        text.len() as u64 <= plan_file::MAX_PLAN_BYTES,
        "{} bytes",
        text.len()
    );
    let plan = plan_file::parse(path, &text, &Ladder::embedded()).unwrap();
    let first = text.find("[[attempts]]").unwrap();
    let now = Timestamp::from_second(1_800_000_000).unwrap();

    // One more attempt: the file as it was, with the attempt added at the end.
    let mut more = plan.clone();
    more.record_attempt(
        Attempt {
            tactic: rung("coach"),
            on: Some(jiff::civil::date(2026, 12, 4)),
            result: Some(OutcomeResult::Compliance),
            notes: "one more".into(),
            from: String::new(),
        },
        now,
    );
    let out = format::render_update(&text, &more).unwrap();
    assert_eq!(
        plan_file::parse(path, &out, &Ladder::embedded()).unwrap(),
        more
    );
    let (head, tail) = out.split_at(out.find("[[attempts]]").unwrap());
    assert_eq!(
        &tail[..text.len() - first],
        &text[first..],
        "the old attempts untouched"
    );
    assert!(tail[text.len() - first..].contains("notes = \"one more\""));
    assert_eq!(head.lines().count(), text[..first].lines().count());

    // One edited in the middle and the first removed: the rest of the file as it was.
    let mut edited = plan.clone();
    edited.attempts[31_000].notes = "changed in the middle".into();
    edited.attempts.remove(0);
    edited.updated = now;
    let out = format::render_update(&text, &edited).unwrap();
    assert_eq!(
        plan_file::parse(path, &out, &Ladder::embedded()).unwrap(),
        edited
    );
    let old_lines: std::collections::HashSet<&str> = text.lines().collect();
    let new_lines: Vec<&str> = out.lines().filter(|l| !old_lines.contains(l)).collect();
    assert!(new_lines.len() <= 3, "{new_lines:?}");
}
