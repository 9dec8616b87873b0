//! Two writers, end to end: the workbook has a plan open in the wizard (`e`), the command line records into the
//! same plan meanwhile, and the workbook then saves. The save must not go through silently: the workbook asks
//! (reload, save as a copy, overwrite, or decide later), and each answer does what it says. Throughout, a
//! reader parses the plan file continuously: it is never a mix of the two writers, never half written.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::pty::{CTRL_S, Tui};
use overture::domain::Plan;
use overture::store::plan_file;

const HAND_EDIT: &str =
    "\n# my own notes, which every save must keep\n[my_notes]\nmood = \"tense\"\n";

/// Runs `overture COMMAND PLAN ARGS…` to success and returns the plan file as it left it.
fn cli(data: &Path, config: &Path, command: &str, plan: &Path, args: &[&str]) -> Vec<u8> {
    let mut cmd = crate::bounded::overture(data, config);
    cmd.arg(command).arg(plan).args(args);
    let run = crate::bounded::run(cmd);
    run.assert_clean();
    assert_eq!(run.code, Some(0), "{command} {args:?}: {}", run.stderr);
    fs::read(plan).unwrap()
}

fn load(path: &Path) -> Plan {
    plan_file::load(path, &overture::domain::Ladder::embedded())
        .unwrap()
        .plan
}

/// Parses the file over and over until stopped; returns how many reads it made.
fn watch_file(
    path: PathBuf,
    stop: Arc<AtomicBool>,
    reads: Arc<AtomicUsize>,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        while !stop.load(Ordering::Relaxed) {
            let text = fs::read_to_string(&path).expect("the plan is always there");
            plan_file::parse(&path, &text, &overture::domain::Ladder::embedded())
                .unwrap_or_else(|e| panic!("a mixed or partial file: {e}\n{text}"));
            assert!(
                text.contains("mood = \"tense\""),
                "the hand edit was lost:\n{text}"
            );
            reads.fetch_add(1, Ordering::Relaxed);
        }
    })
}

#[test]
fn the_workbook_and_the_command_line_saving_one_plan_ask_instead_of_overwriting() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let (d, c) = (data.path(), config.path());
    let path = crate::pty::seed_plan(d, "Dr Okafor", "Start the Tuesday list", "reason", 5);
    fs::write(&path, fs::read_to_string(&path).unwrap() + HAND_EDIT).unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let reads = Arc::new(AtomicUsize::new(0));
    let reader = watch_file(path.clone(), stop.clone(), reads.clone());

    let mut t = Tui::start(d, c, &[], &[("NO_COLOR", "1")], 30, 100);
    t.wait_for("your plans (1)");

    // 1. Decide later, then save as a copy.
    t.send("e");
    t.wait_for("Ctrl-S saves into the same file");
    t.type_text("-tui1");
    let by_cli = cli(
        d,
        c,
        "outcome",
        &path,
        &["--result", "resistance", "--notes", "from the command line"],
    );
    t.send(CTRL_S);
    // the dialog offers every choice (waiting for the whole frame, which may arrive in pieces)
    let choices = ["Reload", "new plan", "Overwrite", "Decide later"];
    t.wait_until("the changed-on-disk dialog", |s| {
        s.contains("Changed on disk") && choices.iter().all(|c| s.contains(c))
    });
    assert_eq!(
        fs::read(&path).unwrap(),
        by_cli,
        "written before the user chose"
    );
    t.escape();
    t.wait_for("Nothing written; your changes are still here");
    assert_eq!(fs::read(&path).unwrap(), by_cli);
    t.send(CTRL_S);
    t.wait_for("Changed on disk");
    t.send("c");
    t.wait_for("Saved as a new plan");
    assert_eq!(
        fs::read(&path).unwrap(),
        by_cli,
        "the changed file was left as it is"
    );
    let files = crate::pty::plan_files(d);
    assert_eq!(files.len(), 2, "{files:?}");
    let copy = files.iter().find(|f| **f != path).unwrap();
    let copy_plan = load(copy);
    assert_eq!(copy_plan.stakeholder.name, "Dr Okafor-tui1");
    assert_ne!(copy_plan.id, load(&path).id);
    assert!(
        copy_plan.outcome.is_none(),
        "the copy is the workbook's version"
    );
    t.escape();
    t.wait_for("your plans (2)");

    // 2. Overwrite: the workbook's version replaces the file, by the user's choice.
    t.send("G"); // the original is the older plan: last on the list
    t.send("e");
    t.wait_for("Ctrl-S saves into the same file");
    t.wait_for("Dr Okafor ");
    t.type_text("-tui2");
    let by_cli = cli(
        d,
        c,
        "attempt",
        &path,
        &["--tactic", "coach", "--result", "undecided"],
    );
    t.send(CTRL_S);
    t.wait_for("Changed on disk");
    assert_eq!(fs::read(&path).unwrap(), by_cli);
    t.send("o");
    t.wait_for("Overwritten with your version");
    let plan = load(&path);
    assert_eq!(plan.stakeholder.name, "Dr Okafor-tui2");
    assert!(
        plan.attempts.is_empty(),
        "overwriting drops the other writer's change"
    );
    assert_eq!(
        plan.outcome.unwrap().notes,
        "from the command line",
        "loaded before editing"
    );

    // 3. Reload: the file as it is on disk wins, the workbook's change is dropped.
    t.type_text("-tui3");
    let by_cli = cli(
        d,
        c,
        "attempt",
        &path,
        &["--tactic", "deal", "--result", "compliance"],
    );
    t.send(CTRL_S);
    t.wait_for("Changed on disk");
    t.send("r");
    t.wait_for("Reloaded the file as it is on disk");
    assert_eq!(fs::read(&path).unwrap(), by_cli);
    // the wizard now holds the file as it is, and a save goes straight through
    t.type_text("-tui4");
    t.send(CTRL_S);
    t.wait_for("Saved as");
    let plan = load(&path);
    assert_eq!(plan.stakeholder.name, "Dr Okafor-tui2-tui4");
    assert_eq!(plan.attempts.len(), 1, "the command line's attempt is kept");
    t.escape();
    t.wait_for("your plans (2)");
    t.send("q");
    t.assert_restored();

    stop.store(true, Ordering::Relaxed);
    reader.join().expect("the file was never mixed");
    assert!(reads.load(Ordering::Relaxed) > 10, "the reader hardly read");
}
