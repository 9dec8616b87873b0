//! Shared set-up for tests that run the real binary: a private data folder and config folder per test, so no
//! test ever reads or writes the user's own workbook.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub struct Env {
    pub data: tempfile::TempDir,
    pub config: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Self {
        Env {
            data: tempfile::tempdir().unwrap(),
            config: tempfile::tempdir().unwrap(),
        }
    }

    pub fn plans(&self) -> PathBuf {
        self.data.path().join("plans")
    }

    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("overture").unwrap();
        cmd.env("OVERTURE_DATA_DIR", self.data.path())
            .env("OVERTURE_CONFIG_DIR", self.config.path())
            .env_remove("VISUAL")
            .env_remove("EDITOR")
            .env("NO_COLOR", "1");
        cmd
    }

    /// Runs `overture` with args and returns stdout, failing the test on a non-zero exit.
    pub fn run(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "overture {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Saves a plan with `overture new` and returns its path.
    pub fn new_plan(&self, args: &[&str]) -> PathBuf {
        let mut all = vec!["new"];
        all.extend_from_slice(args);
        PathBuf::from(self.run(&all).trim())
    }

    /// Everything in the plans folder (stray temporary files included, so tests catch them) except the empty
    /// lock file that saves take (docs/RELIABILITY.md).
    pub fn plan_files(&self) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = match std::fs::read_dir(self.plans()) {
            Ok(rd) => rd
                .flatten()
                .map(|e| e.path())
                .filter(|p| !p.ends_with(overture::store::atomic::LOCK_NAME))
                .collect(),
            Err(_) => Vec::new(),
        };
        v.sort();
        v
    }
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}
