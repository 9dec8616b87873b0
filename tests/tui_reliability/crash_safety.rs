//! The workbook's autosave under SIGKILL: the real binary in a pseudo-terminal, a plan being typed, killed at
//! random moments around the draft being written (on Ctrl-C and on SIGTERM the draft is written at once), over
//! and over on the same data folder. Every time, the draft file is a whole old or new draft that parses, the
//! next start offers it and it holds what was typed before the kill, a draft never shows up as a plan, and
//! temporary files left by a kill are cleared by a later start.
//!
//! A failure prints the seed; rerun with OVERTURE_TUI_CRASH_SEED=<seed> to replay the same delays, and set
//! OVERTURE_TUI_CRASH_ROUNDS for a longer run.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::pty::{CTRL_C, CTRL_S, Tui};
use overture::store::atomic::TEMP_PREFIX;
use overture::store::draft::Draft;

/// What is in the drafts folder: the drafts (parsed: a draft that does not parse fails the test) and how many
/// temporary files.
fn survey(data: &Path) -> (Vec<(PathBuf, Draft)>, usize) {
    let mut drafts = Vec::new();
    let mut temps = 0;
    let Ok(entries) = fs::read_dir(data.join("drafts")) else {
        return (drafts, 0);
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(TEMP_PREFIX) {
            temps += 1;
            continue;
        }
        assert!(
            name.ends_with(".toml"),
            "unexpected file in drafts/: {name}"
        );
        let bytes = fs::read(entry.path()).unwrap();
        let text =
            String::from_utf8(bytes).unwrap_or_else(|_| panic!("{name}: not UTF-8 after a kill"));
        let draft: Draft = toml::from_str(&text)
            .unwrap_or_else(|e| panic!("{name} does not parse after a kill: {e}\n{text}"));
        drafts.push((entry.path(), draft));
    }
    (drafts, temps)
}

/// No draft ever shows up in the plans folder.
fn assert_no_plans(data: &Path) {
    let plans = crate::pty::plan_files(data);
    assert!(plans.is_empty(), "a plan appeared: {plans:?}");
}

/// Starts the workbook and brings the wizard up on the plan being typed: the draft is offered when there is
/// one (and resumed), else a new plan is started.
fn open_wizard(data: &Path, config: &Path, expect_draft: Option<&str>) -> Tui {
    let mut t = Tui::start_bare(data, config);
    match expect_draft {
        Some(name) => {
            t.wait_until("the draft to be offered", |s| {
                s.contains("Unsaved plan found") || s.contains("Welcome to overture")
            });
            // the list and the dialog come in one frame, which may arrive in pieces
            let screen = t.settle();
            assert!(
                screen.contains("Unsaved plan found"),
                "the draft holding {name:?} was not offered:\n{screen}"
            );
            t.send("y");
            t.wait_for("Resumed where you left off");
            let tail: String = name
                .chars()
                .skip(name.chars().count().saturating_sub(10))
                .collect();
            t.wait_for(&tail);
        }
        None => {
            t.wait_for("Welcome to overture");
            t.send("n");
        }
    }
    t.wait_for("Who do you need to win over?");
    t
}

/// How the round asks the app to end, so that it writes the draft at once.
#[derive(Clone, Copy)]
enum Ending {
    CtrlC,
    Sigterm,
}

fn end(t: &mut Tui, how: Ending) {
    match how {
        Ending::CtrlC => t.send(CTRL_C),
        Ending::Sigterm => t.signal("TERM"),
    }
}

/// How long the app takes from being asked to end to having exited, writing the draft on the way.
fn typical_ending(data: &Path, config: &Path, how: Ending) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..3 {
        let mut t = open_wizard(data, config, None);
        t.type_text("calibrating");
        let start = Instant::now();
        end(&mut t, how);
        t.wait_exit();
        total += start.elapsed();
        let _ = fs::remove_dir_all(data.join("drafts"));
    }
    total / 3
}

#[test]
fn sigkill_while_the_draft_is_written_leaves_the_old_or_new_draft_and_resume_offers_it() {
    let mut rng = crate::rng::Rng::from_env("OVERTURE_TUI_CRASH_SEED");
    let rounds: usize = std::env::var("OVERTURE_TUI_CRASH_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100);
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let (data, config) = (data.path(), config.path());
    let spans = [
        typical_ending(data, config, Ending::CtrlC),
        typical_ending(data, config, Ending::Sigterm),
    ];

    // A draft with some weight (a long "why"), so that writing it takes long enough to be caught in the middle.
    let why = "Because the list overruns and the last patient is cancelled. "
        .repeat(300)
        .trim_end()
        .to_string();
    let mut plan = overture::domain::Plan::new(jiff::Timestamp::now());
    plan.goal.why = why.clone();
    let first = Draft {
        version: overture::store::draft::DRAFT_VERSION,
        editing: None,
        loaded: None,
        step: 0,
        by_text: String::new(),
        plan,
    };
    overture::store::draft::write(&overture::store::DataDir::new(data), &first).unwrap();

    let mut name = String::new();
    let (mut landed, mut before_write, mut max_temps) = (0, 0, 0);
    for round in 0..rounds {
        let mut t = open_wizard(data, config, Some(name.as_str()));
        let token = format!("<{round}>");
        t.type_text(&token);
        let how = if rng.below(4) == 0 {
            Ending::Sigterm
        } else {
            Ending::CtrlC
        };
        let span = spans[how as usize].as_micros() as u64 * 13 / 10;
        end(&mut t, how);
        std::thread::sleep(Duration::from_micros(rng.below(span.max(1_000))));
        t.sigkill();
        drop(t);

        let (drafts, temps) = survey(data);
        max_temps = max_temps.max(temps);
        assert!(drafts.len() <= 1, "round {round}: {} drafts", drafts.len());
        assert_no_plans(data);
        let Some((_, draft)) = drafts.first() else {
            panic!("round {round}: the draft is gone");
        };
        assert!(
            draft.plan.goal.why == why,
            "round {round}: the draft lost its text"
        );
        let now = draft.plan.stakeholder.name.clone();
        if now == name {
            before_write += 1;
        } else {
            assert_eq!(
                now,
                format!("{name}{token}"),
                "round {round}: the draft is neither the old one nor the new one"
            );
            landed += 1;
            name = now;
        }
    }
    eprintln!(
        "{rounds} rounds: {landed} drafts landed, {before_write} kills before the write, at most {max_temps} \
         temporary files at once; typical endings {spans:?}"
    );
    assert!(
        landed >= rounds / 10 && before_write >= rounds / 10,
        "kills landed too much on one side of the write ({landed} after, {before_write} before): the test \
         proves little"
    );

    // Temporary files left by kills are cleared once stale, by the next start.
    let old = std::time::SystemTime::now() - Duration::from_secs(120);
    for entry in fs::read_dir(data.join("drafts")).unwrap().flatten() {
        if entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
            let f = fs::File::options().write(true).open(entry.path()).unwrap();
            f.set_modified(old).unwrap();
        }
    }
    let mut t = open_wizard(data, config, Some(&name));
    let (_, temps) = survey(data);
    assert_eq!(
        temps, 0,
        "stale temporary files in drafts/ were not cleared"
    );

    // and what survived is saved whole as a plan
    t.send(CTRL_S);
    t.wait_for("Saved as draft");
    t.send(CTRL_C);
    t.wait_exit();
    let plans = crate::pty::plan_files(data);
    assert_eq!(plans.len(), 1, "{plans:?}");
    let plan = overture::store::plan_file::load(&plans[0], &overture::domain::Ladder::embedded())
        .unwrap()
        .plan;
    assert_eq!(plan.stakeholder.name, name);
    let (drafts, _) = survey(data);
    assert!(
        drafts.is_empty(),
        "the draft stays after the plan was saved"
    );
}
