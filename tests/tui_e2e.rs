//! End-to-end tests of the workbook: the real binary in a pseudo-terminal, keys typed as a person would, the
//! screen read back through a terminal emulator (vt100). They check what no unit test can: the terminal is set
//! up and restored, keys arrive through a real tty, and the saved file holds what was typed.
#![cfg(unix)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const TIMEOUT: Duration = Duration::from_secs(15);

const TAB: &str = "\t";
const ENTER: &str = "\r";
const ESC: &str = "\x1b";
const RIGHT: &str = "\x1b[C";
const CTRL_N: &str = "\x0e";
const CTRL_S: &str = "\x13";

struct Tui {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
}

fn size(rows: u16, cols: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

impl Tui {
    /// Starts `overture` in a shell that reports its exit code and the terminal's settings afterwards, so a test
    /// can check the terminal was left as it was found.
    fn start(
        data: &Path,
        config: &Path,
        extra: &[&str],
        env: &[(&str, &str)],
        rows: u16,
        cols: u16,
    ) -> Tui {
        Self::spawn(true, data, config, extra, env, rows, cols)
    }

    /// Starts `overture` itself as the child, for tests that kill it.
    fn start_bare(data: &Path, config: &Path) -> Tui {
        Self::spawn(false, data, config, &[], &[], 24, 80)
    }

    fn spawn(
        in_shell: bool,
        data: &Path,
        config: &Path,
        extra: &[&str],
        env: &[(&str, &str)],
        rows: u16,
        cols: u16,
    ) -> Tui {
        let pty = native_pty_system()
            .openpty(size(rows, cols))
            .expect("a pseudo-terminal");
        let mut cmd = if in_shell {
            let mut cmd = CommandBuilder::new("sh");
            cmd.arg("-c");
            cmd.arg(r#""$0" "$@"; echo "EXIT=$?"; stty -a; echo "END""#);
            cmd.arg(env!("CARGO_BIN_EXE_overture"));
            cmd
        } else {
            CommandBuilder::new(env!("CARGO_BIN_EXE_overture"))
        };
        cmd.arg("--data-dir");
        cmd.arg(data);
        for a in extra {
            cmd.arg(a);
        }
        cmd.env("OVERTURE_CONFIG_DIR", config);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("VISUAL");
        cmd.env_remove("EDITOR");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("OVERTURE_DATA_DIR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).expect("overture starts");
        drop(pty.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            rows.try_into().unwrap(),
            cols.try_into().unwrap(),
            0,
        )));
        let mut reader = pty.master.try_clone_reader().unwrap();
        let sink = Arc::clone(&parser);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
            }
        });
        let writer = pty.master.take_writer().unwrap();
        Tui {
            parser,
            writer,
            child,
            master: pty.master,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Types text and waits until it shows, so that the next key is not read as part of an escape sequence.
    fn type_text(&mut self, text: &str) {
        self.send(text);
        let tail: String = text
            .chars()
            .rev()
            .take(12)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        self.wait_for(&tail);
    }

    /// Polls the screen until `text` appears; fails with the screen when it does not.
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            if start.elapsed() > TIMEOUT {
                panic!("waited for {text:?}; the screen shows:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn resize(&mut self, rows: u16, cols: u16) {
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(rows.try_into().unwrap(), cols.try_into().unwrap());
        self.master.resize(size(rows, cols)).unwrap();
    }

    /// The terminal state a user's shell would see once overture has exited.
    fn assert_restored(&self) {
        let screen = self.wait_for("END");
        let parser = self.parser.lock().unwrap();
        let s = parser.screen();
        assert!(!s.alternate_screen(), "still on the alternate screen");
        assert!(!s.bracketed_paste(), "bracketed paste left on");
        assert!(!s.hide_cursor(), "cursor left hidden");
        let words: Vec<&str> = screen.split_whitespace().collect();
        assert!(words.contains(&"EXIT=0"), "{screen}");
        for mode in ["icanon", "echo", "isig"] {
            assert!(
                words.contains(&mode),
                "raw mode left on ({mode} missing):\n{screen}"
            );
        }
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

fn plan_files(data: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(data.join("plans"))
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    v.sort();
    v
}

#[test]
fn a_plan_typed_through_the_wizard_meets_the_warning_and_is_saved_whole() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let mut t = Tui::start(data.path(), config.path(), &[], &[], 24, 80);
    t.wait_for("Welcome to overture");
    t.send("n");
    t.wait_for("Who do you need to win over?");
    t.type_text("Dr Okafor");
    t.send(TAB);
    t.type_text("Consultant anaesthetist");
    t.send(TAB);
    t.send(RIGHT);
    t.wait_for("up: someone senior to you");
    t.send(TAB);
    t.type_text("Patient safety");
    t.send(ENTER);
    t.type_text("Theatre lists that start on time");
    t.send(CTRL_N);
    t.wait_for("What do you want them to do?");
    t.type_text("Start the Tuesday list at 08:00");
    t.send(TAB);
    t.type_text("The last patient is often cancelled");
    t.send(TAB);
    t.type_text("A four-week trial");
    t.send(TAB);
    t.type_text("2026-12-01");
    t.send(CTRL_N);
    t.wait_for("What have you already tried with Dr Okafor?");
    t.send(CTRL_N);
    t.wait_for("Choose a tactic for Dr Okafor");
    t.send("9");
    let warning = t.wait_for("Escalation warning");
    assert!(
        warning.contains("Force chosen before Reason, Inspire"),
        "{warning}"
    );
    t.send("y");
    t.wait_for("Note why you are going ahead");
    t.type_text("Patients are being cancelled every week");
    t.send(ENTER);
    t.wait_for("Reason noted");
    t.send(CTRL_N);
    t.wait_for("Prepare the conversation");
    t.type_text("Can I show you the cancellations?");
    t.send(TAB);
    t.type_text("Eleven cancellations");
    t.send(TAB);
    t.type_text("A formal complaint to the director");
    t.send(TAB);
    t.type_text("My clinic cannot move");
    t.send(TAB);
    t.type_text("Someone can cover it");
    t.send(TAB);
    t.send(TAB);
    t.send(TAB);
    t.type_text("Start at 08:00 from next week");
    t.send(TAB);
    t.type_text("Ask the clinical director");
    t.send(CTRL_N);
    let review = t.wait_for("Saving makes this plan ready");
    assert!(
        review.contains("⚠ Force chosen before Reason, Inspire"),
        "{review}"
    );
    t.send(CTRL_S);
    t.wait_for("Saved as ready");
    t.send(ESC);
    t.wait_for("your plans (1)");
    t.send("q");
    t.assert_restored();

    let files = plan_files(data.path());
    assert_eq!(files.len(), 1, "{files:?}");
    let text = std::fs::read_to_string(&files[0]).unwrap();
    let plan: overture::domain::Plan = toml::from_str(&text).unwrap();
    assert_eq!(plan.status, overture::domain::Status::Ready);
    assert_eq!(plan.stakeholder.name, "Dr Okafor");
    assert_eq!(plan.stakeholder.role, "Consultant anaesthetist");
    assert_eq!(
        plan.stakeholder.direction,
        Some(overture::domain::Direction::Up)
    );
    assert_eq!(
        plan.stakeholder.cares_about,
        ["Patient safety", "Theatre lists that start on time"]
    );
    assert_eq!(plan.goal.want, "Start the Tuesday list at 08:00");
    assert_eq!(plan.goal.why, "The last patient is often cancelled");
    assert_eq!(plan.goal.minimum, "A four-week trial");
    assert_eq!(plan.goal.by, Some(jiff::civil::date(2026, 12, 1)));
    assert_eq!(plan.tactic.primary, "force");
    assert_eq!(
        plan.tactic.escalation_reason,
        "Patients are being cancelled every week"
    );
    assert_eq!(plan.prep.opening, "Can I show you the cancellations?");
    assert_eq!(plan.prep.points, ["Eleven cancellations"]);
    assert_eq!(plan.prep.tactic_notes, "A formal complaint to the director");
    assert_eq!(plan.prep.objections.len(), 1);
    assert_eq!(plan.prep.objections[0].objection, "My clinic cannot move");
    assert_eq!(plan.prep.objections[0].response, "Someone can cover it");
    assert_eq!(plan.prep.ask, "Start at 08:00 from next week");
    assert_eq!(plan.prep.fallback, "Ask the clinical director");
    assert!(
        !data.path().join("drafts").exists()
            || std::fs::read_dir(data.path().join("drafts"))
                .unwrap()
                .count()
                == 0
    );
}

#[test]
fn a_killed_session_is_offered_for_resume() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    {
        let mut t = Tui::start_bare(data.path(), config.path());
        t.wait_for("Welcome to overture");
        t.send("n");
        t.wait_for("Who do you need to win over?");
        t.type_text("Sister Mensah");
        let drafts = data.path().join("drafts");
        let start = Instant::now();
        let written = |dir: &Path| {
            std::fs::read_dir(dir).map_or(0, |d| {
                d.flatten()
                    .filter(|e| e.path().extension().is_some_and(|x| x == "toml"))
                    .count()
            })
        };
        while written(&drafts) == 0 {
            assert!(start.elapsed() < TIMEOUT, "no autosave");
            std::thread::sleep(Duration::from_millis(50));
        }
        t.child.kill().unwrap();
        let _ = t.child.wait();
    }
    let mut t = Tui::start(data.path(), config.path(), &[], &[], 24, 80);
    t.wait_for("Unsaved plan found");
    t.send("y");
    t.wait_for("Sister Mensah");
    t.send(CTRL_S);
    t.wait_for("Saved as draft");
    t.send(ESC);
    t.wait_for("your plans (1)");
    t.send("q");
    t.assert_restored();
    let text = std::fs::read_to_string(&plan_files(data.path())[0]).unwrap();
    assert!(text.contains("name = \"Sister Mensah\""), "{text}");
}

#[test]
fn tiny_terminals_get_a_notice_and_resizing_redraws() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let mut t = Tui::start(data.path(), config.path(), &[], &[], 5, 20);
    t.wait_for("too small");
    t.resize(24, 80);
    t.wait_for("Welcome to overture");
    t.resize(1, 1);
    t.resize(30, 100);
    t.wait_for("Welcome to overture");
    t.send("q");
    t.assert_restored();
}

#[test]
fn no_color_draws_without_colour_and_the_demo_is_throwaway() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let mut t = Tui::start(
        data.path(),
        config.path(),
        &["--demo"],
        &[("NO_COLOR", "1")],
        24,
        80,
    );
    t.wait_for("demo workbook");
    t.send("n");
    t.wait_for("Who do you need to win over?");
    t.type_text("Tom R");
    t.send(ENTER);
    t.wait_for("FY2 doctor");
    t.send(CTRL_N);
    t.send(CTRL_N);
    t.send(CTRL_N);
    t.wait_for("Choose a tactic for Tom Reilly");
    {
        let parser = t.parser.lock().unwrap();
        let screen = parser.screen();
        let (rows, cols) = screen.size();
        for r in 0..u16::from(rows) {
            for c in 0..u16::from(cols) {
                let cell = screen.cell(r, c).unwrap();
                assert_eq!(cell.fgcolor(), vt100::Color::Default, "colour at {r},{c}");
                assert_eq!(cell.bgcolor(), vt100::Color::Default, "colour at {r},{c}");
            }
        }
    }
    t.send("\x03"); // Ctrl-C quits from anywhere
    t.assert_restored();
    assert!(
        plan_files(data.path()).is_empty(),
        "the demo never touches the data folder"
    );
}

/// Saves a plan straight into the data folder, as if written earlier.
fn seed_plan(data: &Path, name: &str, want: &str, tactic: &str, day: i8) -> PathBuf {
    use overture::domain::{Plan, Status};
    let created: jiff::Timestamp = format!("2026-01-{day:02}T12:00:00Z").parse().unwrap();
    let mut plan = Plan::new(created);
    plan.stakeholder.name = name.into();
    plan.goal.want = want.into();
    plan.tactic.primary = tactic.into();
    plan.status = Status::Ready;
    let dir = overture::store::DataDir::new(data).ensure_plans().unwrap();
    overture::store::plan_file::save_new(&dir, &plan)
        .unwrap()
        .path
}

#[test]
fn review_filter_open_record_an_outcome_delete_and_undo() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    seed_plan(
        data.path(),
        "Sister Mensah",
        "Trial the handover board",
        "inspire",
        3,
    );
    let target = seed_plan(
        data.path(),
        "Dr Okafor",
        "Start the Tuesday list",
        "reason",
        5,
    );
    seed_plan(
        data.path(),
        "Tom Reilly",
        "Finish discharge summaries",
        "coach",
        7,
    );
    let mut t = Tui::start(data.path(), config.path(), &[], &[], 30, 100);
    t.wait_for("your plans (3)");
    t.send("/");
    t.wait_for("Enter keeps");
    t.type_text("okafor tuesday");
    t.wait_for("1 of 3");
    t.send(ENTER);
    t.wait_for("/ changes");
    t.send(ENTER);
    t.wait_for("LADDER");
    t.send("o");
    t.wait_for("Record the outcome");
    t.send(RIGHT);
    t.send(RIGHT);
    t.wait_for("‹ resistance ›");
    t.send(TAB);
    t.send(TAB);
    t.type_text("Wants the audit first");
    t.send(ENTER);
    t.wait_for("Outcome recorded: resistance");
    t.wait_for("◆ Outcome (1 Reason): resistance");
    let plan: overture::domain::Plan =
        toml::from_str(&std::fs::read_to_string(&target).unwrap()).unwrap();
    assert_eq!(plan.status, overture::domain::Status::Done);
    assert_eq!(plan.outcome.unwrap().notes, "Wants the audit first");

    t.send("d");
    t.wait_for("Delete this plan?");
    t.send("y");
    t.wait_for("u brings it back");
    assert!(!target.exists(), "moved out of plans/");
    let trash = data.path().join("trash");
    assert_eq!(std::fs::read_dir(&trash).unwrap().count(), 1);
    t.wait_for("your plans (2)");
    t.send(ESC);
    // the filter is cleared once Esc has arrived on its own (a key right behind it would read as Alt-key)
    t.wait_for("All 2 ");
    t.send("u");
    t.wait_for("Restored");
    t.wait_for("your plans (3)");
    assert!(target.exists(), "back where it was");
    assert_eq!(std::fs::read_dir(&trash).unwrap().count(), 0);
    let text = std::fs::read_to_string(&target).unwrap();
    assert!(text.contains("Wants the audit first"), "{text}");
    t.send("q");
    t.assert_restored();
}

/// The pid of the overture process started for `data`, found through /proc (the test started it in a shell).
#[cfg(target_os = "linux")]
fn overture_pid(data: &Path) -> Option<i32> {
    let needle = data.to_string_lossy().into_owned();
    std::fs::read_dir("/proc").ok()?.flatten().find_map(|e| {
        let pid: i32 = e.file_name().to_str()?.parse().ok()?;
        let cmdline = std::fs::read(e.path().join("cmdline")).ok()?;
        let args: Vec<String> = cmdline
            .split(|b| *b == 0)
            .map(|a| String::from_utf8_lossy(a).into_owned())
            .collect();
        let is_overture = args.first().is_some_and(|a| a.ends_with("/overture"));
        (is_overture && args.contains(&needle)).then_some(pid)
    })
}

#[cfg(target_os = "linux")]
#[test]
fn sigterm_and_sighup_restore_the_terminal_and_keep_the_draft() {
    for signal in ["TERM", "HUP"] {
        let data = tempfile::tempdir().unwrap();
        let config = tempfile::tempdir().unwrap();
        let mut t = Tui::start(data.path(), config.path(), &[], &[], 24, 80);
        t.wait_for("Welcome to overture");
        t.send("n");
        t.wait_for("Who do you need to win over?");
        t.type_text("Dr Ferreira");
        t.wait_for("Dr Ferreira");
        let pid = overture_pid(data.path()).expect("overture is running");
        let status = std::process::Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(pid.to_string())
            .status();
        assert!(status.unwrap().success());
        let screen = t.wait_for("END");
        {
            let parser = t.parser.lock().unwrap();
            let s = parser.screen();
            assert!(
                !s.alternate_screen(),
                "SIG{signal}: still on the alternate screen"
            );
            assert!(!s.hide_cursor(), "SIG{signal}: cursor left hidden");
        }
        let words: Vec<&str> = screen.split_whitespace().collect();
        assert!(words.contains(&"EXIT=1"), "SIG{signal}:\n{screen}");
        assert!(
            words.contains(&"icanon") && words.contains(&"echo"),
            "SIG{signal}: raw mode left on:\n{screen}"
        );
        assert!(screen.contains("kept as a draft"), "SIG{signal}:\n{screen}");
        let drafts: Vec<_> = std::fs::read_dir(data.path().join("drafts"))
            .unwrap()
            .flatten()
            .collect();
        assert_eq!(
            drafts.len(),
            1,
            "SIG{signal}: the typing is kept at once, not only after the autosave delay"
        );
        assert!(
            std::fs::read_to_string(drafts[0].path())
                .unwrap()
                .contains("Dr Ferreira")
        );
    }
}
