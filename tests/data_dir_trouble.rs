//! When the data folder itself is the problem: full, read-only, missing, deleted underneath, not a folder.
//! Each command says so in one or two plain lines and exits 1; nothing already saved is lost or changed, and no
//! temporary file is left behind.
//!
//! A full disk is a real one where this machine allows it (a 256 KiB tmpfs, mounted by root); the same write
//! failure is also injected everywhere through the operating system's file-size limit (`ulimit -f`), which
//! makes a write fail part-way without any test-only code in overture.
#![cfg(unix)]

use crate::bounded;
use crate::mount;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use bounded::{Run, overture, run, snapshot};
use mount::Mount;
use overture::store::atomic::{LOCK_NAME, TEMP_PREFIX};

struct Folder {
    data: PathBuf,
    config: tempfile::TempDir,
}

impl Folder {
    fn cmd(&self, args: &[&str]) -> Run {
        let mut cmd = overture(&self.data, self.config.path());
        cmd.args(args);
        run(cmd)
    }

    fn plans(&self) -> PathBuf {
        self.data.join("plans")
    }

    fn new_plan(&self, who: &str) -> PathBuf {
        let r = self.cmd(&[
            "new",
            "--stakeholder",
            who,
            "--goal",
            "Agree",
            "--tactic",
            "reason",
        ]);
        assert_eq!(r.code, Some(0), "{}", r.stderr);
        PathBuf::from(r.stdout.trim())
    }

    fn temps(&self) -> Vec<String> {
        fs::read_dir(self.plans())
            .map(|rd| {
                rd.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n.starts_with(TEMP_PREFIX))
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// Every saved file is byte for byte what it was. The empty lock file a save creates is not a saved file.
fn assert_unchanged(before: &[(PathBuf, Vec<u8>)], dir: &Path) {
    let files = |v: Vec<(PathBuf, Vec<u8>)>| -> Vec<(PathBuf, Vec<u8>)> {
        v.into_iter()
            .filter(|(p, _)| !p.ends_with(LOCK_NAME))
            .collect()
    };
    assert!(
        files(before.to_vec()) == files(snapshot(dir)),
        "a saved file changed"
    );
}

/// Record into an existing plan and save a new one: both must fail cleanly, with `expect` in the message.
fn writes_fail_cleanly(f: &Folder, plan: &Path, expect: &[&str]) {
    let before = snapshot(&f.data);
    let name = plan.file_name().unwrap().to_str().unwrap();
    for args in [
        &[
            "attempt",
            name,
            "--tactic",
            "coach",
            "--result",
            "resistance",
            "--notes",
            &"n".repeat(4096),
        ][..],
        &["outcome", name, "--result", "commitment"],
        &[
            "new",
            "--stakeholder",
            "B",
            "--goal",
            &"g".repeat(4096),
            "--tactic",
            "deal",
        ],
    ] {
        let r = f.cmd(args);
        r.assert_short_failure();
        assert!(
            expect.iter().any(|e| r.stderr.contains(e)),
            "{:?}: expected one of {expect:?} in:\n{}",
            args[0],
            r.stderr
        );
        assert!(r.stderr.contains("nothing was written"), "{}", r.stderr);
        assert_unchanged(&before, &f.data);
        assert_eq!(
            f.temps(),
            Vec::<String>::new(),
            "temporary files left behind"
        );
    }
    // reading still works, and shows what was saved
    for args in [&["list"][..], &["check"], &["show", name]] {
        let r = f.cmd(args);
        r.assert_clean();
        assert_eq!(r.code, Some(0), "{args:?}: {}", r.stderr);
    }
}

#[test]
fn a_full_disk_fails_the_save_and_keeps_what_was_saved() {
    let Some(mount) = Mount::tmpfs("256k") else {
        eprintln!(
            "SKIPPED: cannot mount a tmpfs here; the file-size-limit test covers the failed write"
        );
        return;
    };
    let f = Folder {
        data: mount.0.path().join("overture"),
        config: tempfile::tempdir().unwrap(),
    };
    let plan = f.new_plan("Dr Okafor");
    // fill the disk to the last byte
    let filler = mount.0.path().join("filler");
    let mut file = fs::File::create(&filler).unwrap();
    let chunk = vec![0u8; 4096];
    while std::io::Write::write_all(&mut file, &chunk).is_ok() {}
    while std::io::Write::write_all(&mut file, &[0]).is_ok() {}
    drop(file);
    writes_fail_cleanly(&f, &plan, &["the disk is full"]);
    // space again: the same command now works
    fs::remove_file(&filler).unwrap();
    let r = f.cmd(&[
        "attempt",
        plan.to_str().unwrap(),
        "--tactic",
        "coach",
        "--result",
        "resistance",
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
}

#[test]
fn a_write_that_fails_part_way_keeps_the_old_file_and_no_temp() {
    let f = Folder {
        data: tempfile::tempdir().unwrap().keep(),
        config: tempfile::tempdir().unwrap(),
    };
    let plan = f.new_plan("Dr Okafor");
    let before = snapshot(&f.data);
    // Any file written beyond 2 KiB fails with EFBIG; ignoring SIGXFSZ (kept across exec) turns the signal
    // into that error.
    let name = plan.file_name().unwrap().to_str().unwrap();
    let script = format!(
        "ulimit -f 4; trap '' XFSZ; exec \"$0\" attempt {name} --tactic coach --result resistance --notes \"$1\""
    );
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_overture"))
        .arg("x".repeat(8192))
        .env("OVERTURE_DATA_DIR", &f.data)
        .env("OVERTURE_CONFIG_DIR", f.config.path());
    let r = run(cmd);
    r.assert_short_failure();
    assert!(
        r.stderr.contains("larger than this system allows")
            && r.stderr.contains("nothing was written"),
        "{}",
        r.stderr
    );
    assert_unchanged(&before, &f.data);
    assert!(f.temps().is_empty(), "{:?}", f.temps());
    let _ = fs::remove_dir_all(&f.data);
}

#[test]
fn a_read_only_data_folder_fails_saves_and_still_reads() {
    use std::os::unix::fs::PermissionsExt;
    let mount = Mount::tmpfs("1m");
    let root = bounded::running_as_root();
    let kept;
    let data = match &mount {
        Some(m) => m.0.path().join("overture"),
        None if !root => {
            kept = tempfile::tempdir().unwrap();
            kept.path().join("overture")
        }
        None => {
            eprintln!(
                "SKIPPED: root ignores permissions and no tmpfs can be mounted read-only here"
            );
            return;
        }
    };
    let f = Folder {
        data,
        config: tempfile::tempdir().unwrap(),
    };
    let plan = f.new_plan("Dr Okafor");
    match &mount {
        Some(m) => assert!(m.remount_read_only(), "remount read-only"),
        None => fs::set_permissions(f.plans(), fs::Permissions::from_mode(0o500)).unwrap(),
    }
    writes_fail_cleanly(&f, &plan, &["read-only", "permission denied"]);
    if mount.is_none() {
        fs::set_permissions(f.plans(), fs::Permissions::from_mode(0o700)).unwrap();
    }
}

#[test]
fn a_missing_data_folder_is_an_empty_workbook_until_the_first_save() {
    let parent = tempfile::tempdir().unwrap();
    let f = Folder {
        data: parent.path().join("not/yet/there"),
        config: tempfile::tempdir().unwrap(),
    };
    let list = f.cmd(&["list"]);
    list.assert_clean();
    assert_eq!(list.code, Some(0));
    assert!(list.stderr.contains("No plans yet"), "{}", list.stderr);
    assert!(
        list.stderr.contains("does not exist yet"),
        "{}",
        list.stderr
    );
    f.cmd(&["check"]).assert_clean();
    let show = f.cmd(&["show", "anything"]);
    show.assert_short_failure();
    assert!(!f.data.exists(), "reading created the folder");
    let plan = f.new_plan("Dr Okafor");
    assert!(plan.starts_with(f.plans()));
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        fs::metadata(f.plans()).unwrap().permissions().mode() & 0o777,
        0o700
    );
}

#[test]
fn a_data_folder_that_is_a_file_is_reported() {
    let parent = tempfile::tempdir().unwrap();
    let file = parent.path().join("overture");
    fs::write(&file, "I am a file").unwrap();
    let f = Folder {
        data: file.clone(),
        config: tempfile::tempdir().unwrap(),
    };
    for args in [
        &["list"][..],
        &["check"],
        &[
            "new",
            "--stakeholder",
            "A",
            "--goal",
            "g",
            "--tactic",
            "reason",
        ],
    ] {
        let r = f.cmd(args);
        r.assert_short_failure();
        assert!(r.stderr.contains("not a folder"), "{args:?}: {}", r.stderr);
    }
    assert_eq!(fs::read_to_string(&file).unwrap(), "I am a file");
}

/// The folder disappears between loading a plan and saving it (a sync tool, an unmounted drive, a user in
/// another window): the save is refused, and nothing is recreated in its place.
#[test]
fn a_data_folder_deleted_underneath_refuses_the_save_and_recreates_nothing() {
    let parent = tempfile::tempdir().unwrap();
    let f = Folder {
        data: parent.path().join("overture"),
        config: tempfile::tempdir().unwrap(),
    };
    let plan = f.new_plan("Dr Okafor");
    let loaded =
        overture::store::plan_file::load(&plan, &overture::domain::Ladder::embedded()).unwrap();
    fs::remove_dir_all(&f.data).unwrap();
    let mut edited = loaded.plan.clone();
    edited.goal.want = "changed".into();
    let err = loaded.save(&edited).unwrap_err();
    assert!(
        err.to_string().contains("the folder no longer exists"),
        "{err}"
    );
    assert!(!f.data.exists());
    // and from the command line, a plan that is gone is simply not found
    let r = f.cmd(&[
        "attempt",
        plan.to_str().unwrap(),
        "--tactic",
        "coach",
        "--result",
        "undecided",
    ]);
    r.assert_short_failure();
    assert!(!f.data.exists(), "the command recreated the folder");
}
