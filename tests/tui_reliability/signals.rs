//! Signals and the programs the workbook starts: a Ctrl-C typed while `$EDITOR` runs is the editor's (the plan
//! is on disk before the editor starts, and the workbook carries on); a SIGTERM while the editor runs is passed on
//! to it and the workbook ends with the plan kept; SIGTSTP gives the terminal back and suspends, `fg`
//! (SIGCONT) takes it again; a stop overture did not choose (SIGSTOP), during which the shell changed the
//! terminal's modes, is repaired on SIGCONT. SIGINT, SIGTERM, SIGHUP and SIGQUIT themselves are in `tui_e2e`.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::pty::{CTRL_C, TAB, TIMEOUT, Tui};

/// The drafts (not the editor's hidden files) and their text.
fn drafts(data: &Path) -> Vec<String> {
    std::fs::read_dir(data.join("drafts"))
        .map(|d| {
            d.flatten()
                .filter(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    name.ends_with(".toml") && !name.starts_with('.')
                })
                .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                .collect()
        })
        .unwrap_or_default()
}

/// The state letter of a process in /proc (`T` when stopped), or None once it is gone.
fn state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name is in parentheses and may hold spaces: the state follows the last ')'.
    stat.rsplit_once(')')?.1.trim_start().chars().next()
}

fn wait_state(pid: u32, wanted: char) {
    let start = Instant::now();
    while state(pid) != Some(wanted) {
        assert!(
            start.elapsed() < TIMEOUT,
            "process {pid} never reached state {wanted} (it is {:?})",
            state(pid)
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn kill(signal: &str, target: &str) {
    let status = std::process::Command::new("kill")
        .arg(format!("-{signal}"))
        .arg("--")
        .arg(target)
        .status()
        .expect("kill runs");
    assert!(status.success(), "kill -{signal} {target}");
}

/// An "editor" that waits for a line typed at the terminal, as `ed`, `code --wait` or a script would, in cooked
/// mode, so that Ctrl-C reaches it (and overture) as SIGINT.
const READING_EDITOR: &str =
    r#"sh -c 'printf "editor ready> "; IFS= read -r line; printf "%s" "$line" > "$1"' editor"#;

/// Opens the wizard and types a name.
fn name_in_the_wizard(t: &mut Tui) {
    t.wait_for("Welcome to overture");
    t.send("n");
    t.wait_for("Who do you need to win over?");
    t.type_text("Dr Ferreira");
}

/// Opens the wizard, types a name and a role, and hands the role to the editor.
fn in_the_editor(t: &mut Tui) {
    name_in_the_wizard(t);
    t.send(TAB);
    t.type_text("Head of surgery");
    t.send("\x05");
    t.wait_for("editor ready>");
}

/// Break 2 of issue 11: Ctrl-C while the editor runs killed the workbook with it, and the plan (typed less than
/// two seconds before, so not autosaved yet) was lost. The editor gets the Ctrl-C; the workbook survives it.
#[test]
fn ctrl_c_in_the_editor_is_the_editors_and_the_plan_is_on_disk_before_it_starts() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let mut t = Tui::spawn(
        false,
        data.path(),
        config.path(),
        &[],
        &[("VISUAL", READING_EDITOR)],
        24,
        80,
    );
    in_the_editor(&mut t);
    // Before the editor has read anything, the plan as typed is a draft already.
    let kept = drafts(data.path());
    assert_eq!(kept.len(), 1, "the plan was not written before the editor");
    assert!(
        kept[0].contains("Dr Ferreira") && kept[0].contains("Head of surgery"),
        "{}",
        kept[0]
    );
    // The terminal is in cooked mode: Ctrl-C is SIGINT for the foreground group, the editor and overture.
    t.send(CTRL_C);
    let screen = t.wait_for("exited with");
    assert!(
        screen.contains("Dr Ferreira") && screen.contains("Head of surgery"),
        "the wizard is back with what was typed:\n{screen}"
    );
    assert!(t.child.try_wait().unwrap().is_none(), "overture died");
    // And it still works: the field takes keys, and Ctrl-C (a key again) quits and keeps the draft.
    t.type_text(", acting");
    t.send(CTRL_C);
    let status = wait_exit(&mut t);
    assert!(status.success(), "{status:?}");
    let kept = drafts(data.path());
    assert!(kept[0].contains("Head of surgery, acting"), "{}", kept[0]);
}

fn wait_exit(t: &mut Tui) -> portable_pty::ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = t.child.try_wait().unwrap() {
            return status;
        }
        assert!(start.elapsed() < TIMEOUT, "overture did not exit");
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// SIGTERM while the editor runs: overture passes it on to the editor rather than wait on an editor nobody
/// uses any more, keeps the plan, gives the terminal back, and exits as a SIGTERM would end it (143).
#[test]
fn sigterm_while_the_editor_runs_ends_both_and_keeps_the_plan() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let mut t = Tui::start(
        data.path(),
        config.path(),
        &[],
        &[("VISUAL", READING_EDITOR)],
        24,
        80,
    );
    in_the_editor(&mut t);
    let pid = crate::pty::overture_pid(data.path()).expect("overture is running");
    kill("TERM", &pid.to_string());
    let screen = t.assert_restored_with(143);
    assert!(
        screen.contains("stopped by SIGTERM") && screen.contains("kept as a draft"),
        "{screen}"
    );
    let kept = drafts(data.path());
    assert_eq!(kept.len(), 1);
    assert!(kept[0].contains("Head of surgery"), "{}", kept[0]);
}

/// SIGTSTP (in the workbook Ctrl-Z is a key, undo; SIGTSTP comes from `kill -TSTP` or a Ctrl-Z typed while the
/// terminal is cooked): the draft is written, the terminal given back (normal screen, cursor shown) and the
/// process stopped; SIGCONT, as the shell's `fg` sends, takes the terminal again and draws the whole screen.
/// Twice, so that the second suspension finds everything as the first left it.
#[test]
fn sigtstp_suspends_with_the_terminal_given_back_and_fg_takes_it_again() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let mut t = Tui::start(data.path(), config.path(), &[], &[], 24, 80);
    name_in_the_wizard(&mut t);
    let overture = crate::pty::overture_pid(data.path()).expect("overture is running");
    let overture = u32::try_from(overture).unwrap();
    // The shell that started overture leads the process group, which is stopped as a whole.
    let group = t.pid().expect("the shell's pid");
    for (round, how) in ["first", "second"].into_iter().enumerate() {
        kill("TSTP", &overture.to_string());
        wait_state(overture, 'T');
        {
            let parser = t.parser.lock().unwrap();
            let s = parser.screen();
            assert!(
                !s.alternate_screen(),
                "{how}: still on the alternate screen"
            );
            assert!(!s.hide_cursor(), "{how}: cursor left hidden");
        }
        let kept = drafts(data.path());
        assert_eq!(kept.len(), 1, "{how}: no draft before stopping");
        assert!(kept[0].contains("Dr Ferreira"), "{how}: {}", kept[0]);
        kill("CONT", &format!("-{group}"));
        t.wait_until("the wizard drawn again", |s| {
            s.contains("Who do you need to win over?") && s.contains("Dr Ferreira")
        });
        assert!(t.parser.lock().unwrap().screen().alternate_screen());
        // Raw mode is back: a key arrives without Enter.
        t.send("s");
        t.wait_for(&format!("Dr Ferreira{}", "s".repeat(round + 1)));
    }
    t.send(CTRL_C);
    t.assert_restored_with(0);
}

/// SIGSTOP cannot be caught. While overture is stopped the shell may reset the terminal (as `stty sane` does
/// here); on SIGCONT overture sets raw mode again, or keys would wait for Enter.
#[test]
fn sigcont_after_sigstop_takes_the_terminal_again() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let mut t = Tui::start(data.path(), config.path(), &[], &[], 24, 80);
    name_in_the_wizard(&mut t);
    let overture = crate::pty::overture_pid(data.path()).expect("overture is running");
    let overture = u32::try_from(overture).unwrap();
    kill("STOP", &overture.to_string());
    wait_state(overture, 'T');
    let tty = t.master.tty_name().expect("the terminal's name");
    let status = std::process::Command::new("stty")
        .arg("-F")
        .arg(&tty)
        .arg("sane")
        .status()
        .expect("stty runs");
    assert!(status.success());
    let before = t.output().len();
    kill("CONT", &overture.to_string());
    // The whole screen is drawn again.
    let start = Instant::now();
    while t.output().len() == before {
        assert!(start.elapsed() < TIMEOUT, "nothing drawn after SIGCONT");
        std::thread::sleep(Duration::from_millis(5));
    }
    // In raw mode the key and Ctrl-C reach overture as keys (in cooked mode, Ctrl-C would be SIGINT: exit 130).
    t.send("s");
    t.send(CTRL_C);
    t.assert_restored_with(0);
    let kept = drafts(data.path());
    assert!(kept[0].contains("Dr Ferreiras"), "{}", kept[0]);
}

/// `overture edit` hands the whole plan to the editor: a Ctrl-C typed there is the editor's too. Before, it
/// killed overture with the editor and left the private copy behind in `drafts/`, with no word about it.
#[test]
fn ctrl_c_in_the_editor_of_overture_edit_is_the_editors() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let plan = crate::pty::seed_plan(data.path(), "Dr Ferreira", "A trial", "reason", 3);
    let before = std::fs::read_to_string(&plan).unwrap();
    let mut t = Tui::spawn(
        false,
        data.path(),
        config.path(),
        &["edit", "Dr Ferreira"],
        &[("VISUAL", READING_EDITOR)],
        24,
        80,
    );
    t.wait_for("editor ready>");
    t.send(CTRL_C);
    let status = wait_exit(&mut t);
    assert_eq!(status.exit_code(), 1, "{status:?}");
    let screen = t.wait_for("nothing was changed");
    assert!(screen.contains("exited with"), "{screen}");
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), before);
    let left: Vec<_> = std::fs::read_dir(data.path().join("drafts"))
        .unwrap()
        .flatten()
        .collect();
    assert!(
        left.is_empty(),
        "the private copy was left behind: {left:?}"
    );
}

/// An editor that is killed (SIGKILL, a crash) hands the terminal back in whatever state it was: the workbook
/// takes it again, says the field is unchanged, and goes on; the plan was a draft before the editor started.
#[test]
fn an_editor_that_is_killed_leaves_the_workbook_working() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let killed = r#"sh -c 'printf "\033[?1049l\033[?25h"; kill -KILL $$' editor"#;
    let mut t = Tui::start(
        data.path(),
        config.path(),
        &[],
        &[("VISUAL", killed)],
        24,
        80,
    );
    name_in_the_wizard(&mut t);
    t.send("\x05");
    t.wait_for("the field is unchanged");
    assert!(t.parser.lock().unwrap().screen().alternate_screen());
    t.send("s");
    t.wait_for("Dr Ferreiras");
    t.send(CTRL_C);
    t.assert_restored_with(0);
    assert!(drafts(data.path())[0].contains("Dr Ferreiras"));
}

/// `overture edit` sent SIGTERM while the editor runs: the signal is passed on to the editor, nothing is saved,
/// what the editor had written is kept, and the command exits as SIGTERM would end it (143). Before, overture
/// died at once and left the editor running without it.
#[test]
fn sigterm_while_overture_edit_runs_the_editor_ends_both_and_saves_nothing() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let plan = crate::pty::seed_plan(data.path(), "Dr Ferreira", "A trial", "reason", 3);
    let before = std::fs::read_to_string(&plan).unwrap();
    // Writes a change, then waits at the terminal.
    let editor = r##"sh -c 'echo "# half done" >> "$1"; printf "editor ready> "; IFS= read -r line' editor"##;
    let t = Tui::start(
        data.path(),
        config.path(),
        &["edit", "Dr Ferreira"],
        &[("VISUAL", editor)],
        24,
        80,
    );
    t.wait_for("editor ready>");
    let pid = crate::pty::overture_pid(data.path()).expect("overture edit is running");
    kill("TERM", &pid.to_string());
    let screen = t.assert_restored_with(143);
    assert!(screen.contains("stopped by SIGTERM"), "{screen}");
    assert!(screen.contains("kept in"), "{screen}");
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), before);
}

/// A terminal named as the output (`-o /dev/tty`, or `/dev/stdout` at a shell) gets a text page, as `>` would
/// give it, but never a PDF's binary, which the terminal would try to obey.
#[test]
fn a_pdf_is_never_written_to_a_terminal() {
    let data = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    crate::pty::seed_plan(data.path(), "Dr Ferreira", "A trial", "reason", 3);
    for (format, code, shows) in [("pdf", 2, "not for the terminal"), ("text", 0, "A trial")] {
        let mut t = Tui::start(
            data.path(),
            config.path(),
            &["print", "Dr Ferreira", "-f", format, "-o", "/dev/tty"],
            &[],
            24,
            80,
        );
        let screen = t.assert_restored_with(code);
        let written = String::from_utf8_lossy(&t.output()).into_owned();
        assert!(written.contains(shows), "{format}: {screen}");
        assert!(!t.output().windows(4).any(|w| w == b"%PDF"), "{format}");
        t.wait_exit();
    }
}
