//! Running the real binary under attack: every run is killed if it outlives a generous bound (a hang is a
//! failure, never a stuck CI job), and its output is checked for the things a user must never see.
#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Far above what any command needs in a debug build on a slow machine; only a hang reaches it.
pub const LIMIT: Duration = Duration::from_secs(20);

pub struct Run {
    pub what: String,
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    raw_out: Vec<u8>,
    raw_err: Vec<u8>,
}

/// `overture` with private data and config folders, and nothing from the user's environment that matters.
pub fn overture(data: &Path, config: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_overture"));
    cmd.env("OVERTURE_DATA_DIR", data)
        .env("OVERTURE_CONFIG_DIR", config)
        .env_remove("VISUAL")
        .env_remove("EDITOR")
        .env_remove("RUST_BACKTRACE")
        .env("NO_COLOR", "1");
    cmd
}

/// Runs `cmd` to the end or kills it at [`LIMIT`] and fails the test.
pub fn run(mut cmd: Command) -> Run {
    let what = format!("{:?}", cmd.get_args().collect::<Vec<_>>());
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn overture");
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let out_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let err_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("overture {what} did not finish within {LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let raw_out = out_reader.join().expect("stdout reader");
    let raw_err = err_reader.join().expect("stderr reader");
    Run {
        what,
        code: status.code(),
        stdout: String::from_utf8_lossy(&raw_out).into_owned(),
        stderr: String::from_utf8_lossy(&raw_err).into_owned(),
        raw_out,
        raw_err,
    }
}

/// The first control character (other than newline and tab) in `bytes`, C1 controls included: any of them
/// could be part of an escape sequence that drives the terminal.
pub fn control_char(bytes: &[u8]) -> Option<char> {
    String::from_utf8_lossy(bytes)
        .chars()
        .find(|&c| c.is_control() && c != '\n' && c != '\t')
}

impl Run {
    /// Exit 0 or 1, no panic, no raw control characters on either stream.
    pub fn assert_clean(&self) -> &Self {
        assert!(
            matches!(self.code, Some(0 | 1)),
            "{}: exit {:?}\n{}",
            self.what,
            self.code,
            self.stderr
        );
        for word in ["panicked", "RUST_BACKTRACE", "stack backtrace"] {
            assert!(
                !self.stderr.contains(word),
                "{}: {word}\n{}",
                self.what,
                self.stderr
            );
        }
        for (name, bytes) in [("stdout", &self.raw_out), ("stderr", &self.raw_err)] {
            if let Some(c) = control_char(bytes) {
                let text = String::from_utf8_lossy(bytes);
                let at = text.find(c).unwrap_or(0);
                let start = text.floor_char_boundary(at.saturating_sub(300));
                let end = text.ceil_char_boundary((at + 300).min(text.len()));
                panic!(
                    "{}: raw control character {c:?} on {name}, near:\n{}",
                    self.what,
                    text[start..end].escape_debug()
                );
            }
        }
        self
    }

    /// Failures are one or two lines (plus the overture: prefix), never a wall of text.
    pub fn assert_short_failure(&self) -> &Self {
        self.assert_clean();
        assert_eq!(self.code, Some(1), "{}: {}", self.what, self.stderr);
        let lines = self.stderr.lines().count();
        assert!(
            (1..=2).contains(&lines),
            "{}: {lines} lines:\n{}",
            self.what,
            self.stderr
        );
        self
    }
}

/// Every file under `dir` (links not followed) with its bytes, or its link target, to prove nothing changed.
/// `dir/cache/` is left out: it holds overture's index of plan summaries, derived from the plans and refreshed by
/// reading commands whenever a plan file changed (see src/store/catalog).
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(meta) = std::fs::symlink_metadata(&path) else {
                continue;
            };
            if meta.is_dir() {
                if d == dir && entry.file_name() == "cache" {
                    continue;
                }
                stack.push(path);
            } else if meta.file_type().is_symlink() {
                let target = std::fs::read_link(&path).unwrap_or_default();
                out.push((path, target.into_os_string().into_encoded_bytes()));
            } else if meta.is_file() {
                // An unreadable file (as a non-root user) is compared by size and mode instead.
                let bytes = std::fs::read(&path).unwrap_or_else(|_| {
                    use std::os::unix::fs::MetadataExt;
                    format!("unreadable {} {:o}", meta.len(), meta.mode()).into_bytes()
                });
                out.push((path, bytes));
            } else {
                out.push((path, b"special".to_vec()));
            }
        }
    }
    out.sort();
    out
}

/// Whether the tests run with root's powers (CI does): permissions then do not stop reads or writes.
pub fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    let probe = tempfile::NamedTempFile::new().expect("temp file");
    probe.as_file().metadata().expect("metadata").uid() == 0
}
