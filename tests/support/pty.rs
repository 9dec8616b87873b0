//! The real binary in a pseudo-terminal, read back through a terminal emulator (vt100): what end-to-end tests of
//! the workbook type and see. Every byte the app writes is kept too, for checks that no escape sequence from a
//! file ever reaches the terminal.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// Far more than any screen needs to appear in a debug build on a slow machine; only a hang reaches it.
pub const TIMEOUT: Duration = Duration::from_secs(15);

pub const TAB: &str = "\t";
pub const ENTER: &str = "\r";
pub const ESC: &str = "\x1b";
pub const RIGHT: &str = "\x1b[C";
pub const DOWN: &str = "\x1b[B";
pub const CTRL_C: &str = "\x03";
pub const CTRL_N: &str = "\x0e";
pub const CTRL_S: &str = "\x13";

pub struct Tui {
    pub parser: Arc<Mutex<vt100::Parser>>,
    /// Everything the app wrote to the terminal, in order.
    pub raw: Arc<Mutex<Vec<u8>>>,
    pub writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    pub master: Box<dyn MasterPty + Send>,
    reader: Option<std::thread::JoinHandle<()>>,
    /// Tells the reading thread to let go of its copy of the terminal once the screen shows this text.
    stop_reading: Arc<Mutex<Option<String>>>,
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
    pub fn start(
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
    pub fn start_bare(data: &Path, config: &Path) -> Tui {
        Self::spawn(false, data, config, &[], &[], 24, 80)
    }

    pub fn spawn(
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
        cmd.env_remove("RUST_BACKTRACE");
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
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pty.master.try_clone_reader().unwrap();
        let (sink, raw_sink) = (Arc::clone(&parser), Arc::clone(&raw));
        let stop_reading: Arc<Mutex<Option<String>>> = Arc::new(Mutex::new(None));
        let stop = Arc::clone(&stop_reading);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                raw_sink.lock().unwrap().extend_from_slice(&buf[..n]);
                let mut parser = sink.lock().unwrap();
                parser.process(&buf[..n]);
                if let Some(shown) = stop.lock().unwrap().as_deref()
                    && parser.screen().contents().contains(shown)
                {
                    break;
                }
            }
        });
        let writer = pty.master.take_writer().unwrap();
        Tui {
            parser,
            raw,
            writer,
            child,
            master: pty.master,
            reader: Some(reader),
            stop_reading,
        }
    }

    /// Closes the terminal under the app, as closing its window or losing an SSH connection does: every copy of
    /// the pseudo-terminal's master side is closed, so the app's side hangs up. First `keys` are typed and the
    /// terminal is read until the screen shows `shown`, so that the reading thread lets go of its copy and the
    /// keys have reached the app. (portable-pty's writer sends a line feed and Ctrl-D as it closes, so the app
    /// reads those two keys last.)
    pub fn hang_up(&mut self, keys: &str, shown: &str) {
        *self.stop_reading.lock().unwrap() = Some(shown.to_string());
        self.send(keys);
        let start = Instant::now();
        while self.reader.as_ref().is_some_and(|r| !r.is_finished()) {
            assert!(
                start.elapsed() < TIMEOUT,
                "the screen never showed {shown:?}"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
        let _ = self.reader.take().map(|r| r.join());
        // A fresh, unused terminal takes the places of the writer and the master, which are dropped: closed.
        drop(std::mem::replace(
            &mut self.writer,
            Box::new(std::io::sink()),
        ));
        let spare = native_pty_system()
            .openpty(size(2, 2))
            .expect("a pseudo-terminal");
        drop(std::mem::replace(&mut self.master, spare.master));
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Types text and waits until it shows, so that the next key is not read as part of an escape sequence.
    pub fn type_text(&mut self, text: &str) {
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
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), |s| s.contains(text))
    }

    /// Polls the screen until `ready` holds; fails with the screen when it does not.
    pub fn wait_until(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return screen;
            }
            if start.elapsed() > TIMEOUT {
                panic!("waited for {what}; the screen shows:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    /// Waits until the screen stops changing (a frame can arrive in pieces) and returns it.
    pub fn settle(&self) -> String {
        let start = Instant::now();
        let mut last = self.screen();
        loop {
            std::thread::sleep(Duration::from_millis(15));
            let now = self.screen();
            if now == last || start.elapsed() > TIMEOUT {
                return now;
            }
            last = now;
        }
    }

    /// Sends Esc on its own and waits for the screen to change, so that the next key is not read as Alt-key.
    pub fn escape(&mut self) {
        let before = self.screen();
        self.send(ESC);
        self.wait_until("the screen to change after Esc", |s| s != before);
    }

    pub fn resize(&mut self, rows: u16, cols: u16) {
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(rows.try_into().unwrap(), cols.try_into().unwrap());
        self.master.resize(size(rows, cols)).unwrap();
    }

    /// The pid of the overture process (for a bare start; in a shell, the shell's).
    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// Kills the process with SIGKILL, which nothing can catch (portable-pty's own `kill` sends SIGHUP first,
    /// which overture handles as a normal way out), and reaps it.
    pub fn sigkill(&mut self) {
        self.signal("KILL");
        let _ = self.child.wait();
    }

    /// Sends a signal (`TERM`, `HUP`, `KILL`…) to the process started by [`Tui::start_bare`].
    pub fn signal(&self, name: &str) {
        let pid = self.child.process_id().expect("a pid");
        let status = std::process::Command::new("kill")
            .arg(format!("-{name}"))
            .arg(pid.to_string())
            .status()
            .expect("kill runs");
        assert!(status.success(), "kill -{name} {pid}");
    }

    /// Waits for the child to exit, and for everything it wrote to be read.
    pub fn wait_exit(&mut self) {
        let start = Instant::now();
        while let Ok(None) = self.child.try_wait() {
            assert!(start.elapsed() < TIMEOUT, "overture did not exit");
            std::thread::sleep(Duration::from_millis(5));
        }
        while self.reader.as_ref().is_some_and(|r| !r.is_finished()) {
            if start.elapsed() > TIMEOUT {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Everything the app wrote so far.
    pub fn output(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// The terminal state a user's shell would see once overture has exited with `code`: the normal screen,
    /// cooked mode, a visible cursor, no bracketed paste, no mouse reporting.
    pub fn assert_restored_with(&self, code: i32) -> String {
        let screen = self.wait_for("END");
        let parser = self.parser.lock().unwrap();
        let s = parser.screen();
        assert!(!s.alternate_screen(), "still on the alternate screen");
        assert!(!s.bracketed_paste(), "bracketed paste left on");
        assert!(!s.hide_cursor(), "cursor left hidden");
        assert_eq!(
            s.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse reporting left on"
        );
        let words: Vec<&str> = screen.split_whitespace().collect();
        assert!(words.contains(&format!("EXIT={code}").as_str()), "{screen}");
        for mode in ["icanon", "echo", "isig"] {
            assert!(
                words.contains(&mode),
                "raw mode left on ({mode} missing):\n{screen}"
            );
        }
        screen
    }

    pub fn assert_restored(&self) {
        self.assert_restored_with(0);
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        let _ = self.reader.take();
    }
}

/// The plan files in a data folder, sorted.
pub fn plan_files(data: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(data.join("plans"))
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Saves a plan straight into the data folder, as if written earlier.
pub fn seed_plan(data: &Path, name: &str, want: &str, tactic: &str, day: i8) -> PathBuf {
    use overture::domain::{Plan, Status};
    let created: jiff::Timestamp = format!("2026-01-{day:02}T12:00:00Z").parse().unwrap();
    let mut plan = Plan::new(created);
    plan.stakeholder.name = name.into();
    plan.goal.want = want.into();
    plan.tactic.primary = overture::domain::Ladder::embedded().resolve_text(tactic);
    plan.status = Status::Ready;
    let dir = overture::store::DataDir::new(data).ensure_plans().unwrap();
    overture::store::plan_file::save_new(&dir, &plan)
        .unwrap()
        .path
}

/// The pid of the overture process started for `data`, found through /proc (a test may start it in a shell).
#[cfg(target_os = "linux")]
pub fn overture_pid(data: &Path) -> Option<i32> {
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
