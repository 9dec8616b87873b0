//! Every file overture reads besides plans (config, ladder, index, a broken plan opened for editing) and every
//! link in the plans folder, made hostile (issue 11, breaks 5 and 8): a named pipe that would block forever, a
//! link to `/dev/zero` that never ends, a sparse file of gigabytes, a link loop, a link to another plan. Each
//! command finishes in bounded time, names the file and what is wrong with it in a line, and keeps working with
//! the defaults; a write through a link writes the file it leads to and leaves the link a link.
#![cfg(unix)]

use crate::bounded;
use crate::hostile_corpus;

use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

use hostile_corpus::Hostile;
use overture::store::plan_file;

fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo").arg(path).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo {}", path.display());
}

/// A file of `len` bytes that takes no room on disk and reads as zeros.
fn sparse(path: &Path, len: u64) {
    fs::File::create(path).unwrap().set_len(len).unwrap();
}

/// What can stand where a file is expected: `(what, make)`.
type Maker = fn(&Path);
const HOSTILE: &[(&str, Maker)] = &[
    ("a named pipe", |p| mkfifo(p)),
    ("a link to /dev/zero", |p| symlink("/dev/zero", p).unwrap()),
    ("a 5 GB sparse file", |p| sparse(p, 5 << 30)),
];

fn new_plan(h: &Hostile, who: &str) -> PathBuf {
    let r = h.cmd(&[
        "new",
        "--stakeholder",
        who,
        "--goal",
        "Agree to the rota",
        "--tactic",
        "reason",
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    PathBuf::from(r.stdout.trim())
}

#[test]
fn a_hostile_config_or_ladder_is_reported_and_the_defaults_are_used() {
    for file in ["config.toml", "ladder.toml"] {
        for (what, make) in HOSTILE {
            let h = Hostile::empty();
            new_plan(&h, "Dr Okafor");
            let path = h.config.path().join(file);
            make(&path);
            let list = h.cmd(&["list"]);
            list.assert_clean();
            assert_eq!(list.code, Some(0), "{file} as {what}: {}", list.stderr);
            assert!(list.stdout.contains("Dr Okafor"), "{file} as {what}");
            let said = list.stderr.lines().next().unwrap_or_default();
            assert!(
                said.starts_with(&format!("{}: ", path.display()))
                    && (said.contains("not a regular file") || said.contains("larger than"))
                    && said.contains("using the"),
                "{file} as {what}: {}",
                list.stderr
            );
        }
    }
}

#[test]
fn a_hostile_index_is_rebuilt() {
    for (what, make) in HOSTILE {
        let h = Hostile::empty();
        new_plan(&h, "Dr Okafor");
        let cache = h.data.path().join("cache");
        fs::create_dir_all(&cache).unwrap();
        let index = cache.join("index");
        let _ = fs::remove_file(&index);
        make(&index);
        let list = h.cmd(&["list"]);
        list.assert_clean();
        assert_eq!(list.code, Some(0), "index as {what}: {}", list.stderr);
        assert!(list.stdout.contains("Dr Okafor"), "index as {what}");
        let meta = fs::symlink_metadata(&index).unwrap();
        assert!(
            meta.is_file() && meta.len() < 1 << 20,
            "index as {what} was not rebuilt"
        );
        assert!(h.cmd(&["list"]).stdout.contains("Dr Okafor"));
    }
}

#[test]
fn a_pipe_or_a_huge_file_in_plans_is_not_read_to_be_edited() {
    let h = Hostile::empty();
    mkfifo(&h.plans().join("pipe.toml"));
    sparse(&h.plans().join("huge.toml"), 5 << 30);
    for (name, said) in [
        ("pipe.toml", "a named pipe, not a regular file"),
        ("huge.toml", "larger than a plan can be"),
    ] {
        let mut cmd = bounded::overture(h.data.path(), h.config.path());
        cmd.env("EDITOR", "true").args(["edit", name]);
        let edit = bounded::run(cmd);
        edit.assert_short_failure();
        assert!(edit.stderr.contains(said), "{name}: {}", edit.stderr);
    }
}

#[test]
fn a_link_to_another_plan_is_written_through_and_stays_a_link() {
    let h = Hostile::empty();
    let real = new_plan(&h, "Dr Good");
    let alias = h.plans().join("alias.toml");
    symlink(real.file_name().unwrap(), &alias).unwrap();
    let name = alias.to_str().unwrap();
    for args in [
        &[
            "attempt",
            "alias.toml",
            "--tactic",
            "deal",
            "--result",
            "undecided",
        ][..],
        &[
            "attempt",
            "alias",
            "--tactic",
            "coach",
            "--result",
            "resistance",
        ],
        &["outcome", name, "--result", "compliance"],
    ] {
        let r = h.cmd(args);
        assert_eq!(r.code, Some(0), "{args:?}: {}", r.stderr);
        assert!(
            r.stdout.contains(real.to_str().unwrap()),
            "{args:?} names the file written: {}",
            r.stdout
        );
    }
    // `overture edit` through the link edits the file too
    let mut edit = bounded::overture(h.data.path(), h.config.path());
    edit.env(
        "EDITOR",
        r##"sh -c 'echo "# edited through the link" >> "$0"'"##,
    )
    .args(["edit", "alias.toml"]);
    let edit = bounded::run(edit);
    assert_eq!(edit.code, Some(0), "{}", edit.stderr);
    assert!(
        fs::read_to_string(&real)
            .unwrap()
            .contains("# edited through the link")
    );
    assert!(
        fs::symlink_metadata(&alias)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link was replaced by a copy"
    );
    assert_eq!(fs::read_link(&alias).unwrap(), real.file_name().unwrap());
    let plan = plan_file::load(&real, &overture::domain::Ladder::embedded())
        .unwrap()
        .plan;
    assert_eq!(plan.attempts.len(), 2);
    assert!(plan.outcome.is_some());
    let check = h.cmd(&["check"]);
    assert_eq!(check.code, Some(0), "{}{}", check.stdout, check.stderr);
    assert!(
        check.stderr.contains("1 plan file checked"),
        "{}",
        check.stderr
    );
    assert_eq!(h.cmd(&["list"]).stdout.lines().count(), 1);
}

#[test]
fn link_loops_and_dangling_links_are_called_what_they_are() {
    let h = Hostile::empty();
    let plans = h.plans();
    symlink("loop-b.toml", plans.join("loop-a.toml")).unwrap();
    symlink("loop-a.toml", plans.join("loop-b.toml")).unwrap();
    symlink("gone.toml", plans.join("dangling.toml")).unwrap();
    let outside = h.outside.path().join("secret.toml");
    fs::write(&outside, hostile_corpus::VALID).unwrap();
    symlink(&outside, plans.join("outside.toml")).unwrap();
    let check = h.cmd(&["check"]);
    check.assert_clean();
    let line = |name: &str| {
        check
            .stdout
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        line("loop-a.toml").ends_with(": a link loop; not followed"),
        "{}",
        check.stdout
    );
    assert!(
        line("dangling.toml").ends_with(": a link to a file that does not exist; not followed"),
        "{}",
        check.stdout
    );
    assert!(
        line("outside.toml").ends_with(": a link to a file outside the plans folder; not followed"),
        "{}",
        check.stdout
    );
    let show = h.cmd(&["show", "loop-a.toml"]);
    show.assert_short_failure();
    assert!(show.stderr.contains("a link loop"), "{}", show.stderr);
}

#[test]
fn a_huge_value_is_quoted_back_once_and_cut_to_a_line() {
    let h = Hostile::empty();
    new_plan(&h, "Dr Okafor");
    let huge = "x".repeat(200_000);
    fs::write(
        h.config.path().join("config.toml"),
        format!("paper = \"{huge}\"\n"),
    )
    .unwrap();
    let list = h.cmd(&["list"]);
    list.assert_clean();
    assert_eq!(list.code, Some(0));
    let said = list.stderr.lines().next().unwrap_or_default();
    assert!(said.len() < 300, "{} bytes: {said:.300}", said.len());
    assert_eq!(said.matches("x…").count(), 1, "quoted once: {said}");
    // the same for a plan's value, in `check`
    fs::write(
        h.plans().join("huge-status.toml"),
        hostile_corpus::VALID.replace(
            "[stakeholder]",
            &format!("status = \"{huge}\"\n[stakeholder]"),
        ),
    )
    .unwrap();
    let check = h.cmd(&["check"]);
    let line = check
        .stdout
        .lines()
        .find(|l| l.contains("huge-status"))
        .unwrap_or_default();
    assert!(line.contains("unknown variant"), "{line:.400}");
    assert!(line.len() < 400, "{} bytes: {line:.400}", line.len());
    assert_eq!(line.matches("x…").count(), 1, "quoted once: {line}");
}

#[test]
fn a_config_that_names_the_data_folder_is_never_replaced_by_the_defaults_silently() {
    let h = Hostile::empty();
    fs::write(
        h.config.path().join("config.toml"),
        "data_dir = \"plans\"\n",
    )
    .unwrap();
    let mut cmd = bounded::overture(h.data.path(), h.config.path());
    cmd.env_remove("OVERTURE_DATA_DIR").args(["list"]);
    let list = bounded::run(cmd);
    list.assert_short_failure();
    assert!(
        list.stderr
            .contains("config.toml:1:1: data_dir must be a full path")
            && list.stderr.contains("--data-dir"),
        "{}",
        list.stderr
    );
    // given a folder, the command goes ahead with the defaults and says why
    let list = h.cmd(&["list"]);
    assert_eq!(list.code, Some(0), "{}", list.stderr);
    assert!(
        list.stderr.contains("using the default settings"),
        "{}",
        list.stderr
    );
}
