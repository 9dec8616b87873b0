//! The hostile corpus as a data folder: the committed files of tests/fixtures/hostile/ plus what git cannot hold,
//! made at test time. Shared by the command-line and the workbook's hostile tests.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use crate::bounded::{self, overture, run};

pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")
}

pub struct Hostile {
    pub data: tempfile::TempDir,
    pub config: tempfile::TempDir,
    pub outside: tempfile::TempDir,
}

impl Hostile {
    /// Empty temporary folders, with `plans/` made.
    pub fn empty() -> Hostile {
        let h = Hostile {
            data: tempfile::tempdir().unwrap(),
            config: tempfile::tempdir().unwrap(),
            outside: tempfile::tempdir().unwrap(),
        };
        fs::create_dir_all(h.plans()).unwrap();
        h
    }

    pub fn plans(&self) -> PathBuf {
        self.data.path().join("plans")
    }

    pub fn cmd(&self, args: &[&str]) -> bounded::Run {
        let mut cmd = overture(self.data.path(), self.config.path());
        cmd.args(args);
        run(cmd)
    }
}

pub const VALID: &str = "version = 1\nid = \"01HOSTILEMADEATTESTTIME0000\"\ncreated = 2026-11-01T09:00:00Z\n\
                     updated = 2026-11-01T09:00:00Z\n[stakeholder]\nname = \"Made at test time\"\n";

/// The committed corpus plus the entries git cannot hold portably: links (out of the folder, to a device, to
/// nothing, in a loop, to another plan), a folder named like a plan, a named pipe (reading it would block
/// forever), file names holding escape sequences and line breaks.
pub fn hostile_workbook() -> Hostile {
    let h = Hostile::empty();
    let plans = h.plans();
    for entry in fs::read_dir(corpus()).unwrap().flatten() {
        fs::copy(entry.path(), plans.join(entry.file_name())).unwrap();
    }
    let secret = h.outside.path().join("secret.toml");
    fs::write(&secret, VALID.replace("TESTTIME", "OUTSIDE00")).unwrap();
    std::os::unix::fs::symlink(&secret, plans.join("link-outside-the-data-dir.toml")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", plans.join("link-to-etc-passwd.toml")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", plans.join("link-to-dev-zero.toml")).unwrap();
    std::os::unix::fs::symlink(plans.join("gone.toml"), plans.join("link-dangling.toml")).unwrap();
    std::os::unix::fs::symlink("link-loop-b.toml", plans.join("link-loop-a.toml")).unwrap();
    std::os::unix::fs::symlink("link-loop-a.toml", plans.join("link-loop-b.toml")).unwrap();
    // a second name for a plan: listed once, under the file it leads to
    std::os::unix::fs::symlink("ok-full-plan.toml", plans.join("link-inside.toml")).unwrap();
    fs::create_dir(plans.join("folder-named-like-a-plan.toml")).unwrap();
    fs::write(
        plans.join("folder-named-like-a-plan.toml/inner.toml"),
        VALID,
    )
    .unwrap();
    let fifo = std::process::Command::new("mkfifo")
        .arg(plans.join("named-pipe.toml"))
        .status();
    assert!(fifo.is_ok_and(|s| s.success()), "mkfifo");
    fs::write(
        plans.join("ok-name-\u{1b}]0;pwned\u{7}-\u{1b}[2J.toml"),
        VALID.replace("TESTTIME", "ESCNAME00"),
    )
    .unwrap();
    fs::write(
        plans.join("ok-name-with\nline-break.toml"),
        VALID.replace("TESTTIME", "NEWLINE00"),
    )
    .unwrap();
    fs::write(
        plans.join("broken-name-\u{1b}[31m.toml"),
        "version = \u{1b}",
    )
    .unwrap();
    // a failed save quotes the file's path: only the filter on stderr stands between it and the terminal
    fs::write(
        plans.join("newer-name-\u{1b}]0;pwned\u{7}.toml"),
        VALID
            .replace("version = 1", "version = 7")
            .replace("TESTTIME", "NEWERESC0"),
    )
    .unwrap();
    h
}

/// What is too big to commit: a 10 MB string (refused unread), a 1 MB one (read), nesting far past any parser's
/// comfort, thousands of attempts, a 256 KiB key. Names say what is expected, as in the corpus.
pub fn huge_files() -> Vec<(&'static str, String)> {
    let head = |id: &str| {
        format!(
            "version = 1\nid = \"{id}\"\ncreated = 2026-11-01T09:00:00Z\nupdated = 2026-11-01T09:00:00Z\n"
        )
    };
    vec![
        (
            "broken-10mb-string.toml",
            head("BIG10") + &format!("title = \"{}\"\n", "x".repeat(10 << 20)),
        ),
        (
            "ok-1mb-string.toml",
            head("BIG1") + &format!("title = \"{}\"\n", "é".repeat(500_000)),
        ),
        (
            "broken-deep-arrays.toml",
            head("DEEP1") + &format!("[my]\nx = {}{}\n", "[".repeat(100_000), "]".repeat(100_000)),
        ),
        (
            "broken-deep-inline-tables.toml",
            head("DEEP2")
                + &format!(
                    "[my]\nx = {}1{}\n",
                    "{a=".repeat(50_000),
                    "}".repeat(50_000)
                ),
        ),
        (
            "broken-deep-table-names.toml",
            head("DEEP3") + &format!("[{}]\nx = 1\n", vec!["a"; 5_000].join(".")),
        ),
        (
            "ok-nested-user-table.toml",
            head("DEEP4") + &format!("[{}]\nx = 1\n", vec!["a"; 40].join(".")),
        ),
        (
            "ok-2000-attempts.toml",
            head("MANY") + &"[[attempts]]\ntactic = \"reason\"\nnotes = \"n\"\n".repeat(2_000),
        ),
        (
            "ok-long-key.toml",
            head("LONGKEY") + &format!("[my]\n{} = 1\n", "k".repeat(256 << 10)),
        ),
    ]
}
