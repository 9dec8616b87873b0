//! A real file system for a test: a small tmpfs that can be filled to the last byte or remounted read-only.
//! Mounting needs root (as CI runs); without it, `Mount::tmpfs` says no and the caller skips or falls back.
#![allow(dead_code)]

use std::process::Command;

/// A tmpfs mounted for one test and unmounted when dropped, or None where mounting is not allowed.
pub struct Mount(pub tempfile::TempDir);

impl Mount {
    pub fn tmpfs(size: &str) -> Option<Mount> {
        let dir = tempfile::tempdir().ok()?;
        let ok = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0700"),
                "tmpfs",
            ])
            .arg(dir.path())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then_some(Mount(dir))
    }

    pub fn remount_read_only(&self) -> bool {
        Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(self.0.path())
            .status()
            .is_ok_and(|s| s.success())
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.0.path()).status();
    }
}

impl Mount {
    pub fn path(&self) -> &std::path::Path {
        self.0.path()
    }

    pub fn remount_read_write(&self) -> bool {
        Command::new("mount")
            .args(["-o", "remount,rw"])
            .arg(self.0.path())
            .status()
            .is_ok_and(|s| s.success())
    }

    /// Fills the disk to the last byte with a file that [`Mount::unfill`] removes.
    pub fn fill(&self) {
        let mut file = std::fs::File::create(self.0.path().join("filler")).unwrap();
        let chunk = vec![0u8; 4096];
        while std::io::Write::write_all(&mut file, &chunk).is_ok() {}
        while std::io::Write::write_all(&mut file, &[0]).is_ok() {}
    }

    pub fn unfill(&self) {
        std::fs::remove_file(self.0.path().join("filler")).unwrap();
    }
}
