//! The catalog and its index: whatever happens to the files, a load shows what is on disk now, and the index
//! only ever saves work.

use crate::common;
use crate::workbook;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use overture::domain::stats::Stats;
use overture::domain::{Ladder, PlanFacts, Status, escalation};
use overture::store::catalog::{Catalog, INDEX_FILE};
use overture::store::{DataDir, Workbook};

/// Plans enough to take the multi-threaded path, few enough to keep the test fast.
const PLANS: usize = 120;

fn workbook(plans: usize) -> (tempfile::TempDir, DataDir) {
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::new(dir.path());
    workbook::generate(&data, plans, 7, false).unwrap();
    (dir, data)
}

fn load(data: &DataDir) -> Catalog {
    Catalog::load(data, &Ladder::embedded()).unwrap()
}

fn plan_paths(data: &DataDir) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(data.plans())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v
}

fn set_mtime(path: &Path, t: SystemTime) {
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(t)
        .unwrap();
}

fn an_hour_ago() -> SystemTime {
    SystemTime::now() - Duration::from_secs(3600)
}

/// Rewrites a file's bytes in place (same inode) with one substitution of equal length.
fn edit_same_size(path: &Path, from: &str, to: &str) {
    assert_eq!(from.len(), to.len());
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn status_of(c: &Catalog, path: &Path) -> Status {
    c.summaries
        .iter()
        .find(|s| s.path() == path)
        .unwrap()
        .status
}

#[test]
fn warm_load_reads_nothing_and_agrees_with_the_full_workbook() {
    let (_dir, data) = workbook(PLANS);
    let ladder = Ladder::embedded();
    let cold = load(&data);
    assert_eq!(cold.parsed, PLANS);
    assert!(data.cache().join(INDEX_FILE).is_file());
    let warm = load(&data);
    assert_eq!(warm.parsed, 0, "a second load should come from the index");
    assert_eq!(warm.summaries, cold.summaries);

    let full = Workbook::load(&data, &overture::domain::Ladder::embedded()).unwrap();
    let ids = |v: Vec<&str>| v.join(",");
    assert_eq!(
        ids(warm.newest_first().iter().map(|s| s.id()).collect()),
        ids(full
            .newest_first()
            .iter()
            .map(|p| p.plan.id.as_str())
            .collect())
    );
    let (h1, h2) = (warm.history(&ladder), full.history(&ladder));
    assert_eq!(h1.records(), h2.records());
    assert_eq!(warm.stats(&ladder), Stats::build(&ladder, full.plan_refs()));
    for (s, pf) in warm.summaries.iter().zip(&full.plans) {
        assert_eq!(s.path(), pf.path);
        assert_eq!(s.title(), pf.plan.display_title());
        assert_eq!(s.state_label(), pf.plan.state_label());
        assert_eq!(s.created_date(), pf.plan.created_date());
        assert_eq!(
            escalation::warning_for(&ladder, &h1, s),
            escalation::warning_for(&ladder, &h2, &pf.plan)
        );
    }
    // Filtering runs over the search index, never the files.
    let name = warm.summaries[3].stakeholder().name.clone();
    let hits = warm.filter_indexes(&name).unwrap();
    assert!(
        hits.iter()
            .any(|&i| warm.summaries[i].stakeholder().name == name)
    );
    assert!(hits.len() < warm.summaries.len());
}

#[test]
fn an_edit_of_the_same_size_is_noticed_whatever_the_mtime() {
    let (_dir, data) = workbook(PLANS);
    let paths = plan_paths(&data);
    let target = paths
        .iter()
        .find(|p| {
            fs::read_to_string(p)
                .unwrap()
                .contains("status = \"ready\"")
        })
        .unwrap()
        .clone();
    load(&data);

    // Same size, new mtime.
    edit_same_size(&target, "status = \"ready\"", "status = \"draft\"");
    set_mtime(&target, an_hour_ago());
    let c = load(&data);
    assert_eq!(c.parsed, 1);
    assert_eq!(status_of(&c, &target), Status::Draft);

    // Same size and the very same mtime put back (as `touch -r` or a sync tool would): the change time and the
    // inode still tell.
    let before = fs::metadata(&target).unwrap().modified().unwrap();
    edit_same_size(&target, "status = \"draft\"", "status = \"ready\"");
    set_mtime(&target, before);
    assert_eq!(fs::metadata(&target).unwrap().modified().unwrap(), before);
    let c = load(&data);
    assert_eq!(c.parsed, 1);
    assert_eq!(status_of(&c, &target), Status::Ready);
    assert_eq!(load(&data).parsed, 0);
}

#[test]
fn a_different_size_an_added_and_a_removed_file_are_noticed() {
    let (_dir, data) = workbook(PLANS);
    let paths = plan_paths(&data);
    load(&data);

    let text = fs::read_to_string(&paths[0]).unwrap();
    fs::write(
        &paths[0],
        text.replacen("\nrole = \"", "\nrole = \"Acting ", 1),
    )
    .unwrap();
    set_mtime(&paths[0], an_hour_ago());
    fs::copy(&paths[1], data.plans().join("2030-01-01-copy.toml")).unwrap();
    let copy_text = fs::read_to_string(data.plans().join("2030-01-01-copy.toml")).unwrap();
    let old_id = copy_text.lines().find(|l| l.starts_with("id = ")).unwrap();
    fs::write(
        data.plans().join("2030-01-01-copy.toml"),
        copy_text.replacen(old_id, "id = \"01ADDEDADDEDADDEDADDEDADDE\"", 1),
    )
    .unwrap();
    fs::remove_file(&paths[2]).unwrap();

    let c = load(&data);
    assert_eq!(c.parsed, 2, "the edited and the added file");
    assert_eq!(c.summaries.len(), PLANS);
    let edited = c.summaries.iter().find(|s| s.path() == paths[0]).unwrap();
    assert!(edited.stakeholder().role.starts_with("Acting "));
    assert!(
        c.summaries
            .iter()
            .any(|s| s.id() == "01ADDEDADDEDADDEDADDEDADDE")
    );
    assert!(c.summaries.iter().all(|s| s.path() != paths[2]));
    // The index was rewritten without the removed file, and with the new one.
    let again = load(&data);
    assert!(
        again.parsed <= 1,
        "only a just-written file may be read again"
    );
    assert_eq!(again.summaries, c.summaries);

    // A removal alone rewrites the index without the file.
    let index = data.cache().join(INDEX_FILE);
    let size = fs::metadata(&index).unwrap().len();
    fs::remove_file(&paths[3]).unwrap();
    let c = load(&data);
    assert_eq!(c.summaries.len(), PLANS - 1);
    assert!(fs::metadata(&index).unwrap().len() < size);
}

#[test]
fn a_damaged_or_foreign_index_is_rebuilt_silently() {
    let (_dir, data) = workbook(PLANS);
    let reference = load(&data).summaries;
    let index = data.cache().join(INDEX_FILE);
    let good = fs::read(&index).unwrap();

    let mut flipped = good.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x20;
    let damaged: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"not an index".to_vec(),
        good[..good.len() / 3].to_vec(),
        flipped,
        good.iter().map(|b| b.wrapping_add(1)).collect(),
    ];
    for bytes in damaged {
        fs::write(&index, &bytes).unwrap();
        let c = load(&data);
        assert_eq!(c.parsed, PLANS);
        assert_eq!(c.summaries, reference);
        assert_eq!(load(&data).parsed, 0, "rebuilt");
    }
    // A folder where the index should be: still a complete listing.
    fs::remove_file(&index).unwrap();
    fs::create_dir(&index).unwrap();
    assert_eq!(load(&data).summaries, reference);
}

#[test]
fn broken_files_are_reported_with_their_place_from_the_index_too() {
    let (_dir, data) = workbook(20);
    let bad = data.plans().join("2026-01-01-bad.toml");
    fs::write(
        &bad,
        "version = 1\nid = \"x\"\ncreated = 2026-01-01T00:00:00Z\nupdated = oops\n",
    )
    .unwrap();
    set_mtime(&bad, an_hour_ago());
    let full = Workbook::load(&data, &overture::domain::Ladder::embedded()).unwrap();
    let first = load(&data);
    let second = load(&data);
    assert_eq!(second.parsed, 0);
    for c in [&first, &second] {
        assert_eq!(c.summaries.len(), 20);
        assert_eq!(c.broken, full.broken);
        assert_eq!(c.broken.len(), 1);
        assert!(
            c.broken[0].location().ends_with("2026-01-01-bad.toml:4:11"),
            "{}",
            c.broken[0]
        );
    }
    // Fixing the file is noticed.
    fs::write(
        &bad,
        "version = 1\nid = \"x\"\ncreated = 2026-01-01T00:00:00Z\nupdated = 2026-01-01T00:00:00Z\n",
    )
    .unwrap();
    let fixed = load(&data);
    assert!(fixed.broken.is_empty());
    assert_eq!(fixed.summaries.len(), 21);
}

/// A first run opens the files the listing calls regular without a look first, and takes each one's stat as it is
/// opened: whatever else sits in the folder under a plan's name is still never opened and is reported as before,
/// and the second load reads nothing but the link (which is followed every time).
#[cfg(unix)]
#[test]
fn a_first_run_without_a_look_per_file_reports_and_remembers_what_a_look_did() {
    let (_dir, data) = workbook(PLANS);
    let plans = data.plans();
    fs::create_dir(plans.join("2026-01-02-a-folder.toml")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(plans.join("2026-01-03-a-pipe.toml"))
        .status();
    assert!(made.is_ok_and(|s| s.success()));
    let target = plan_paths(&data)[5].clone();
    std::os::unix::fs::symlink(target.file_name().unwrap(), plans.join("zz-alias.toml")).unwrap();
    let bad = plans.join("2026-01-01-bad.toml");
    fs::write(&bad, "version = 1\nid = \"x\"\nupdated = oops\n").unwrap();
    // Stats an hour old, which the index trusts at once (`touch` sets a pipe's without opening it).
    let touched = std::process::Command::new("touch")
        .args(["-d", "1 hour ago"])
        .args(["2026-01-01-bad.toml", "2026-01-02-a-folder.toml"])
        .arg("2026-01-03-a-pipe.toml")
        .current_dir(&plans)
        .status();
    assert!(touched.is_ok_and(|s| s.success()));
    let full = Workbook::load(&data, &Ladder::embedded()).unwrap();
    let first = load(&data);
    assert_eq!(first.parsed, PLANS + 4);
    let second = load(&data);
    assert_eq!(second.parsed, 1, "only the link is read again");
    for c in [&first, &second] {
        assert_eq!(c.summaries.len(), PLANS);
        assert_eq!(c.broken, full.broken);
        let said: Vec<String> = c.broken.iter().map(|b| b.to_string()).collect();
        assert_eq!(said.len(), 3, "{said:?}");
        assert!(said[0].contains("2026-01-01-bad.toml:3:"), "{said:?}");
        assert!(said[1].contains("a folder, not a regular file"), "{said:?}");
        assert!(
            said[2].contains("a named pipe, not a regular file"),
            "{said:?}"
        );
    }
}

#[test]
fn conflict_copies_are_reported_not_loaded_and_the_index_stays_out_of_plans() {
    let (_dir, data) = workbook(10);
    let one = plan_paths(&data)[0].clone();
    let stem = one.file_stem().unwrap().to_string_lossy().into_owned();
    let copies = [
        format!("{stem}.sync-conflict-20260101-120000-ABCDEFG.toml"),
        format!("{stem}.toml.orig"),
        format!("{stem}.toml~"),
    ];
    for c in &copies {
        fs::copy(&one, data.plans().join(c)).unwrap();
    }
    let c = load(&data);
    assert_eq!(c.summaries.len(), 10);
    assert_eq!(c.conflicts.len(), 3);
    assert_eq!(
        c.conflicts,
        Workbook::load(&data, &overture::domain::Ladder::embedded())
            .unwrap()
            .conflicts
    );
    // Nothing of the cache is in plans/, and git and backup tools are told to skip the cache.
    assert_eq!(plan_paths(&data).len(), 13);
    assert!(data.cache().join(".gitignore").is_file());
    assert!(data.cache().join("CACHEDIR.TAG").is_file());
    // A mark lost (a crash before the disk had it, a tidy-up) is made again by the next load that writes.
    fs::remove_file(data.cache().join(".gitignore")).unwrap();
    fs::write(
        data.plans().join("2026-02-02-new.toml"),
        fs::read(&one).unwrap(),
    )
    .unwrap();
    load(&data);
    assert_eq!(
        fs::read_to_string(data.cache().join(".gitignore")).unwrap(),
        "# overture's cache\n*\n"
    );
}

#[cfg(unix)]
#[test]
fn a_cache_folder_that_is_a_link_is_never_written_through() {
    let (_dir, data) = workbook(5);
    let elsewhere = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), data.cache()).unwrap();
    assert_eq!(load(&data).summaries.len(), 5);
    assert_eq!(fs::read_dir(elsewhere.path()).unwrap().count(), 0);
}

#[test]
fn a_file_written_just_now_is_never_trusted_from_the_index() {
    let (_dir, data) = workbook(5);
    for p in plan_paths(&data) {
        let text = fs::read_to_string(&p).unwrap();
        fs::write(&p, text).unwrap();
    }
    assert_eq!(load(&data).parsed, 5);
    // Within the file system's timestamp granularity a same-size rewrite could keep its stat: read them again.
    assert_eq!(load(&data).parsed, 5);
}

#[test]
fn newest_first_then_the_rest_in_the_background() {
    let (_dir, data) = workbook(40);
    let ladder = Ladder::embedded();
    let newest = Catalog::load_newest(&data, &ladder, 8).unwrap();
    let all = Catalog::load_in_background(data.clone(), ladder.clone())
        .recv()
        .unwrap()
        .unwrap();
    assert_eq!(newest.summaries.len(), 8);
    assert_eq!(newest.summaries[..], all.summaries[32..]);
    assert_eq!(all.summaries.len(), 40);
}

#[test]
fn saving_one_plan_touches_no_other_plan_file() {
    let env = common::Env::new();
    let data = DataDir::new(env.data.path());
    workbook::generate(&data, 30, 3, false).unwrap();
    // Plan files only: the save's own lock file (`.overture.lock`) may appear beside them.
    let snapshot = || -> Vec<(PathBuf, Vec<u8>, SystemTime)> {
        plan_paths(&data)
            .into_iter()
            .filter(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                name.ends_with(".toml") && !name.starts_with('.')
            })
            .map(|p| {
                let bytes = fs::read(&p).unwrap();
                let mtime = fs::metadata(&p).unwrap().modified().unwrap();
                (p, bytes, mtime)
            })
            .collect()
    };
    env.run(&["list"]);
    let before = snapshot();
    let target = &before[10].0;
    env.run(&[
        "attempt",
        target.to_str().unwrap(),
        "--tactic",
        "coach",
        "--result",
        "commitment",
    ]);
    env.run(&["list", "--json"]);
    let after = snapshot();
    assert_eq!(before.len(), after.len(), "no plan file added or removed");
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(b.0, a.0);
        if &b.0 == target {
            assert_ne!(b.1, a.1, "the saved plan changed");
        } else {
            assert_eq!(b.1, a.1, "{} changed", b.0.display());
            assert_eq!(b.2, a.2, "{} was touched", b.0.display());
        }
    }
    assert!(common::read(target).contains("tactic = \"coach\""));
}

#[test]
fn the_first_screen_comes_from_the_index_without_listing_and_is_checked_file_by_file() {
    let (_dir, data) = workbook(40);
    let ladder = Ladder::embedded();
    let all = load(&data);
    let paths = plan_paths(&data);
    // From the index's newest part: nothing read.
    let newest = Catalog::load_newest(&data, &ladder, 8).unwrap();
    assert_eq!(newest.parsed, 0);
    assert_eq!(newest.summaries[..], all.summaries[32..]);
    // One of them edited, one removed, one added since: the edit is read, the removed one left out, the added
    // one waits for the whole catalog.
    let text = fs::read_to_string(&paths[39]).unwrap();
    fs::write(
        &paths[39],
        text.replacen("want = \"", "want = \"Edited ", 1),
    )
    .unwrap();
    fs::remove_file(&paths[38]).unwrap();
    let added = paths[39].with_file_name("9999-12-31-later.toml");
    fs::copy(&paths[0], &added).unwrap();
    let newest = Catalog::load_newest(&data, &ladder, 8).unwrap();
    assert_eq!(newest.parsed, 1, "the edited file is read again");
    let names: Vec<PathBuf> = newest.summaries.iter().map(|s| s.path()).collect();
    assert_eq!(
        names,
        paths[32..38]
            .iter()
            .chain([&paths[39]])
            .map(|p| p.as_path())
            .collect::<Vec<_>>()
    );
    let whole = load(&data);
    assert_eq!(whole.summaries.len(), 40);
    assert_eq!(whole.summaries.last().unwrap().path(), added);
    assert_eq!(newest.summaries.last(), whole.summaries.get(38));
}

/// A link in the plans folder to a plan in it is that plan under a second name (issue 11, break 8): the catalog
/// (the workbook's list) and the workbook (the commands that edit) list it once, under the file it leads to, so
/// that whatever the workbook saves, trashes or restores is the file itself and the link stays a link.
#[cfg(unix)]
#[test]
fn a_link_to_a_plan_in_the_folder_is_listed_once_under_its_file() {
    let (_dir, data) = workbook(3);
    let target = plan_paths(&data)[1].clone();
    let alias = data.plans().join("zz-alias.toml");
    std::os::unix::fs::symlink(target.file_name().unwrap(), &alias).unwrap();
    for catalog in [
        load(&data),
        load(&data),
        Catalog::load_newest(&data, &Ladder::embedded(), 10).unwrap(),
    ] {
        assert_eq!(catalog.summaries.len(), 3);
        assert!(catalog.broken.is_empty(), "{:?}", catalog.broken);
        assert!(catalog.summaries.iter().any(|s| s.path() == target));
        assert!(!catalog.summaries.iter().any(|s| s.path() == alias));
    }
    let wb = Workbook::load(&data, &Ladder::embedded()).unwrap();
    assert_eq!(wb.plans.len(), 3);
    assert_eq!(wb.find("zz-alias").unwrap().path, target);
    assert_eq!(wb.find(alias.to_str().unwrap()).unwrap().path, target);
}
