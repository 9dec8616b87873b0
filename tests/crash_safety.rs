//! Killing overture with SIGKILL at random moments while it saves, hundreds of times: every plan file is always
//! its old version or its new one, never a mix or a stub; a temporary file never shows up as a plan and never
//! piles up. A second test watches the system calls of a save to check the order that makes this true across
//! a power cut too (flush the file, rename, flush the folder), which no kill can show.
//!
//! A failure prints the seed; rerun with OVERTURE_CRASH_SEED=<seed> to replay the same delays.
#![cfg(unix)]

use crate::bounded;
use crate::rng;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use overture::domain::Plan;
use overture::store::atomic::{LOCK_NAME, TEMP_PREFIX};
use overture::store::plan_file;

struct Bench {
    data: tempfile::TempDir,
    config: tempfile::TempDir,
}

impl Bench {
    fn plans(&self) -> PathBuf {
        self.data.path().join("plans")
    }

    fn cmd(&self, args: &[&str]) -> std::process::Command {
        let mut cmd = bounded::overture(self.data.path(), self.config.path());
        cmd.args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        cmd
    }

    /// Plans on disk, by name; panics on anything in the folder that is neither a plan, a temporary file nor
    /// the lock, and returns how many temporary files there are.
    fn survey(&self) -> (Vec<(PathBuf, Vec<u8>)>, usize) {
        let mut plans = Vec::new();
        let mut temps = 0;
        for entry in fs::read_dir(self.plans()).unwrap().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(TEMP_PREFIX) {
                temps += 1;
            } else if name == LOCK_NAME {
            } else {
                assert!(name.ends_with(".toml"), "unexpected file {name}");
                plans.push((entry.path(), fs::read(entry.path()).unwrap()));
            }
        }
        plans.sort();
        (plans, temps)
    }
}

fn parse(path: &Path, bytes: &[u8]) -> Plan {
    let text = std::str::from_utf8(bytes)
        .unwrap_or_else(|_| panic!("{}: not UTF-8 after a kill", path.display()));
    plan_file::parse(path, text, &overture::domain::Ladder::embedded())
        .unwrap_or_else(|e| panic!("after a kill: {e}\n{text}"))
}

/// The time an uninterrupted `attempt` takes here, so kills can be spread over the whole of a run.
fn typical_run(bench: &Bench, plan: &str) -> Duration {
    let start = Instant::now();
    for _ in 0..3 {
        let status = bench
            .cmd(&[
                "attempt",
                plan,
                "--tactic",
                "reason",
                "--result",
                "undecided",
            ])
            .status()
            .unwrap();
        assert!(status.success());
    }
    start.elapsed() / 3
}

#[test]
fn sigkill_at_random_moments_never_leaves_a_mixed_or_partial_plan() {
    let mut rng = rng::Rng::from_env("OVERTURE_CRASH_SEED");
    let bench = Bench {
        data: tempfile::tempdir().unwrap(),
        config: tempfile::tempdir().unwrap(),
    };
    // A plan with some weight (long notes, a hand-written comment and table), so a save takes long enough to
    // be caught in the middle.
    let out = bench
        .cmd(&[
            "new",
            "--stakeholder",
            "Dr Okafor",
            "--goal",
            &"Agree to the new rota. ".repeat(500),
            "--tactic",
            "reason",
        ])
        .stdout(Stdio::piped())
        .output()
        .unwrap();
    assert!(out.status.success());
    let target = PathBuf::from(String::from_utf8(out.stdout).unwrap().trim());
    let hand_edit = "\n# my own notes, which every save must keep\n[my_notes]\nmood = \"tense\"\n";
    fs::write(&target, fs::read_to_string(&target).unwrap() + hand_edit).unwrap();
    let name = target.file_name().unwrap().to_str().unwrap().to_string();
    let typical = typical_run(&bench, &name);
    let span = (typical.as_micros() as u64 * 13 / 10).max(2_000);

    let rounds = 300;
    let (mut killed, mut finished, mut changed, mut max_temps) = (0, 0, 0, 0);
    let mut notes = Vec::new();
    for round in 0..rounds {
        let (before, _) = bench.survey();
        let old = before.iter().find(|(p, _)| *p == target).unwrap().1.clone();
        let old_plan = parse(&target, &old);
        let note = format!("round {round}");
        let kind = rng.below(10);
        let mut child = match kind {
            0 => bench.cmd(&[
                "new",
                "--stakeholder",
                "Ms Berg",
                "--goal",
                &note,
                "--tactic",
                "coach",
            ]),
            1 => bench.cmd(&["outcome", &name, "--result", "undecided", "--notes", &note]),
            _ => bench.cmd(&[
                "attempt",
                &name,
                "--tactic",
                "coach",
                "--result",
                "resistance",
                "--notes",
                &note,
            ]),
        }
        .spawn()
        .unwrap();
        std::thread::sleep(Duration::from_micros(rng.below(span)));
        let _ = child.kill(); // SIGKILL
        let status = child.wait().unwrap();
        if status.code().is_some() {
            finished += 1;
        } else {
            killed += 1;
        }

        let (after, temps) = bench.survey();
        max_temps = max_temps.max(temps);
        for (path, bytes) in &after {
            parse(path, bytes); // every plan file parses, whatever moment the kill came
        }
        let new = &after
            .iter()
            .find(|(p, _)| *p == target)
            .expect("plan gone")
            .1;
        if *new != old {
            // the new version: exactly this round's change on top of the old one, nothing lost
            changed += 1;
            let plan = parse(&target, new);
            let text = String::from_utf8_lossy(new);
            assert!(text.contains(hand_edit.trim()), "hand edit lost:\n{text}");
            let mut expected = old_plan.clone();
            match kind {
                1 => expected.outcome = plan.outcome.clone(),
                _ => expected
                    .attempts
                    .push(plan.attempts.last().unwrap().clone()),
            }
            expected.updated = plan.updated;
            assert_eq!(
                plan, expected,
                "round {round}: not the old plan plus one change"
            );
            if kind == 1 {
                assert_eq!(plan.outcome.as_ref().unwrap().notes, note);
            } else {
                assert_eq!(plan.attempts.last().unwrap().notes, note);
                notes.push(note);
            }
        }
        let grown = after.len().saturating_sub(before.len());
        assert!(grown <= 1, "round {round}: {grown} new files");
    }
    eprintln!(
        "{rounds} rounds: {killed} killed mid-run, {finished} finished first, {changed} saves landed, \
         at most {max_temps} temporary files left at once (typical run {typical:?})"
    );
    assert!(
        killed >= rounds / 4,
        "too few kills landed ({killed}); the test proves little"
    );
    assert!(
        changed >= 10,
        "too few saves landed ({changed}); the test proves little"
    );
    let final_plan = parse(&target, &fs::read(&target).unwrap());
    for note in &notes {
        assert!(
            final_plan.attempts.iter().any(|a| &a.notes == note),
            "{note}: a save that landed was later lost"
        );
    }

    // Temporary files never show as plans, and once stale (a minute old) the next run removes them.
    let listing = bounded::run({
        let mut c = bounded::overture(bench.data.path(), bench.config.path());
        c.args(["list", "--json"]);
        c
    });
    listing.assert_clean();
    assert!(!listing.stdout.contains(TEMP_PREFIX), "{}", listing.stdout);
    let (_, temps) = bench.survey();
    let old = std::time::SystemTime::now() - Duration::from_secs(120);
    for entry in fs::read_dir(bench.plans()).unwrap().flatten() {
        if entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
            let f = fs::File::options().write(true).open(entry.path()).unwrap();
            f.set_modified(old).unwrap();
        }
    }
    let check = bounded::run({
        let mut c = bounded::overture(bench.data.path(), bench.config.path());
        c.arg("check");
        c
    });
    check.assert_clean();
    assert_eq!(check.code, Some(0), "{}{}", check.stdout, check.stderr);
    let (_, left) = bench.survey();
    assert_eq!(left, 0, "{temps} stale temporary files were not cleaned up");
}

/// A save's system calls, in order. Killing a process cannot show that data reached the disk before a power
/// cut; the order of calls can: the temporary file is flushed before it is renamed over the plan, and the folder
/// is flushed after, so the rename itself is durable. Skipped (with a note) where strace is missing or ptrace is
/// not allowed.
#[test]
fn a_save_flushes_the_file_before_the_rename_and_the_folder_after() {
    let bench = Bench {
        data: tempfile::tempdir().unwrap(),
        config: tempfile::tempdir().unwrap(),
    };
    let works = std::process::Command::new("strace")
        .args(["-f", "-o", "/dev/null", "true"])
        .status()
        .is_ok_and(|s| s.success());
    if !works {
        eprintln!(
            "SKIPPED: strace is missing or not allowed here; the flush order is then unchecked"
        );
        return;
    }
    let trace = |args: &[&str]| -> Vec<String> {
        let log = bench.data.path().join("trace.log");
        let mut cmd = std::process::Command::new("strace");
        cmd.args([
            "-f",
            "-qq",
            "-e",
            "trace=openat,fsync,fdatasync,rename,renameat,renameat2,link,linkat",
        ])
        .arg("-o")
        .arg(&log)
        .arg(env!("CARGO_BIN_EXE_overture"))
        .args(args)
        .env("OVERTURE_DATA_DIR", bench.data.path())
        .env("OVERTURE_CONFIG_DIR", bench.config.path())
        .stdout(Stdio::piped());
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let calls = fs::read_to_string(&log).unwrap();
        fs::remove_file(&log).unwrap();
        calls
            .lines()
            .map(|l| {
                l.split_once(' ')
                    .map_or(l, |(_, rest)| rest)
                    .trim()
                    .to_string()
            })
            .collect()
    };
    let position = |calls: &[String], what: &dyn Fn(&str) -> bool, after: usize, label: &str| {
        calls[after..]
            .iter()
            .position(|c| what(c))
            .map(|i| i + after)
            .unwrap_or_else(|| panic!("no {label} after call {after}:\n{}", calls.join("\n")))
    };
    let fd_of = |call: &str| call.rsplit("= ").next().unwrap().trim().to_string();
    let plans = bench.plans().display().to_string();

    for (args, replace) in [
        (
            vec![
                "new",
                "--stakeholder",
                "A",
                "--goal",
                "g",
                "--tactic",
                "reason",
            ],
            "link",
        ),
        (
            vec![
                "attempt",
                "A",
                "--tactic",
                "coach",
                "--result",
                "resistance",
            ],
            "rename",
        ),
    ] {
        let args: Vec<&str> = if args[0] == "attempt" {
            let name = fs::read_dir(bench.plans())
                .unwrap()
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .find(|n| n.ends_with(".toml"))
                .unwrap();
            let mut a = args.clone();
            a[1] = Box::leak(name.into_boxed_str());
            a
        } else {
            args
        };
        let calls = trace(&args);
        let open_tmp = position(
            &calls,
            &|c| c.starts_with("openat(") && c.contains(TEMP_PREFIX) && c.contains("O_CREAT"),
            0,
            "temp file",
        );
        let tmp_fd = fd_of(&calls[open_tmp]);
        let flush = position(
            &calls,
            &|c| {
                c.starts_with(&format!("fsync({tmp_fd})"))
                    || c.starts_with(&format!("fdatasync({tmp_fd})"))
            },
            open_tmp,
            "flush of the temp file",
        );
        let put = position(
            &calls,
            &|c| c.starts_with(replace) && c.contains(TEMP_PREFIX),
            open_tmp,
            replace,
        );
        assert!(
            flush < put,
            "{args:?}: the temp file is flushed only after it replaces the plan"
        );
        let open_dir = position(
            &calls,
            &|c| c.starts_with("openat(") && c.contains(&format!("\"{plans}\"")),
            put,
            "open of the folder",
        );
        let dir_fd = fd_of(&calls[open_dir]);
        position(
            &calls,
            &|c| c.starts_with(&format!("fsync({dir_fd})")),
            open_dir,
            "flush of the folder",
        );
    }
}
