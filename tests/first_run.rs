//! The first run without indexes reads the plans on worker threads and gathers their words into the search
//! index as each is read (`store::catalog::resolve`): what it writes and gives must be exactly what a load that
//! merges old indexes with the files read since writes and gives, links, broken files and all.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::workbook;
use overture::domain::Ladder;
use overture::store::DataDir;
use overture::store::catalog::search::{self, SEARCH_FILE};
use overture::store::catalog::{Catalog, INDEX_FILE};

fn load(data: &DataDir) -> Catalog {
    Catalog::load(data, &Ladder::embedded()).unwrap()
}

fn plan_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    v.sort();
    v
}

/// Files an hour old, so that no load distrusts them as written just now.
fn age(dir: &Path) {
    let then = SystemTime::now() - Duration::from_secs(3600);
    for p in plan_files(dir) {
        if !fs::symlink_metadata(&p).unwrap().file_type().is_symlink() {
            let f = fs::File::options().write(true).open(&p).unwrap();
            f.set_modified(then).unwrap();
        }
    }
}

/// What a catalog holds, to compare two loads (the summaries, the errors, every word's plans).
fn described(c: &Catalog) -> String {
    let mut out = format!("{:#?}\n{:#?}\n", c.summaries, c.broken);
    for q in [
        "okafor",
        "fortnight",
        "sepsis ward",
        "o",
        "rota",
        "张伟",
        "zzzz",
        "ode",
    ] {
        let hits = c.search(q).unwrap();
        let found: Vec<(usize, u32)> = (0..c.summaries.len())
            .filter_map(|i| hits.score(i).map(|s| (i, s)))
            .collect();
        out.push_str(&format!("{q}: {found:?}\n"));
    }
    out
}

/// 300 generated plans (more than the few files one thread reads alone, so that the workers read them), a broken
/// file, and on Unix a link before its target and, with `late_link`, one after it; every file aged past the
/// index's racy window. The plan files as generated.
fn awkward_workbook(data: &DataDir, late_link: bool) -> Vec<PathBuf> {
    workbook::generate(data, 300, 5, false).unwrap();
    let plans = data.plans();
    let files = plan_files(&plans);
    fs::write(
        plans.join("2000-broken.toml"),
        "version = 1\nid = \"x\"\n[[[\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        let link = |target: &Path, name: &str| {
            std::os::unix::fs::symlink(target.file_name().unwrap(), plans.join(name)).unwrap()
        };
        link(&files[200], "0000-early-link.toml");
        if late_link {
            link(&files[5], "zzzz-late-link.toml");
        }
    }
    #[cfg(not(unix))]
    let _ = late_link;
    age(&plans);
    files
}

#[test]
fn a_first_run_gives_and_writes_what_a_merge_does() {
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::new(dir.path());
    let plans = data.plans();
    let files = awkward_workbook(&data, true);

    // A merge: half the plans indexed first, the rest read since and merged in.
    let away = dir.path().join("away");
    fs::create_dir(&away).unwrap();
    for p in files.iter().skip(1).step_by(2) {
        fs::rename(p, away.join(p.file_name().unwrap())).unwrap();
    }
    let half = load(&data);
    assert!(half.parsed > 64);
    for p in plan_files(&away) {
        fs::rename(&p, plans.join(p.file_name().unwrap())).unwrap();
    }
    let merged = load(&data);
    assert!(
        merged.parsed < 160,
        "the plans brought back are read (and the links), not the rest"
    );
    let merged_search = fs::read(data.cache().join(SEARCH_FILE)).unwrap();
    let merged_text = described(&merged);

    // A first run over the same files.
    fs::remove_dir_all(data.cache()).unwrap();
    let first = load(&data);
    assert_eq!(first.parsed, 303);
    assert_eq!(
        first.summaries.len(),
        300,
        "each link listed once, under its file"
    );
    assert_eq!(first.broken.len(), 1);
    assert_eq!(first.broken[0].position, Some((3, 3)));
    assert_eq!(described(&first), merged_text);
    assert_eq!(
        fs::read(data.cache().join(SEARCH_FILE)).unwrap(),
        merged_search,
        "the search index is byte for byte the same"
    );

    // And a warm run after it reads nothing but the links, and agrees.
    let warm = load(&data);
    assert!(data.cache().join(INDEX_FILE).is_file());
    assert!(warm.parsed < 10);
    assert_eq!(described(&warm), merged_text);
}

fn temps_in(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(overture::store::atomic::TEMP_PREFIX))
        .collect()
}

/// A first run whose words pass the gatherers' budget many times over (written in runs to the cache folder,
/// merged as the search index is written) writes and gives what one holding them in memory does, links, broken
/// files and all, and leaves no run behind.
#[test]
fn a_first_run_in_many_runs_is_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::new(dir.path());
    awkward_workbook(&data, false);
    let whole = load(&data);
    let whole_search = fs::read(data.cache().join(SEARCH_FILE)).unwrap();

    fs::remove_dir_all(data.cache()).unwrap();
    let before = search::words_budget();
    search::set_words_budget(2048);
    let runs = load(&data);
    search::set_words_budget(before);
    assert_eq!(described(&runs), described(&whole));
    assert_eq!(
        fs::read(data.cache().join(SEARCH_FILE)).unwrap(),
        whole_search
    );
    assert!(temps_in(&data.cache()).is_empty());
    assert!(data.cache().join("CACHEDIR.TAG").is_file());
}

/// A first run that cannot put its search index in place (a folder is there) still lists and searches every
/// plan, and leaves no temporary file.
#[test]
fn a_first_run_that_cannot_write_its_search_index_still_searches() {
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::new(dir.path());
    workbook::generate(&data, 100, 5, false).unwrap();
    fs::create_dir_all(data.cache().join(SEARCH_FILE).join("taken")).unwrap();
    let c = load(&data);
    assert_eq!(c.summaries.len(), 100);
    assert!(c.search("o").unwrap().count() > 0);
    assert!(temps_in(&data.cache()).is_empty());
    assert!(data.cache().join(SEARCH_FILE).join("taken").is_dir());
}
