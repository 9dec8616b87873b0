//! Full-text search: the search index answers exactly what reading every plan in full would, finds a word written
//! only at the end of a long plan's notes, and stays right whatever happens to the files and to the index.

use crate::common;
use crate::workbook;

use std::collections::BTreeSet;
use std::fs;
use std::path::PathBuf;

use jiff::Timestamp;
use overture::domain::filter::{Filter, search_text};
use overture::domain::{Attempt, Ladder, Plan};
use overture::store::catalog::search::SEARCH_FILE;
use overture::store::catalog::{Catalog, INDEX_FILE};
use overture::store::{DataDir, Workbook, plan_file};

/// The queries of `domain::filter`'s tests and the benchmarks, and some that only the notes hold.
const QUERIES: &[&str] = &[
    "okafor",
    "OKFR",
    "sepsis okafor",
    "silent",
    "audit",
    "berg",
    "okafor zebra",
    "force",
    "soren",
    "ØDE",
    "dgrd",
    "zzzz",
    "afor",
    "dr okafor",
    "deal",
    "张伟",
    "sepsis ward",
    "frc",
    "rota",
    "regulator",
    "fortnight",
    "agency shift",
    "ok s",
    "o",
    "",
];

fn workbook(plans: usize) -> (tempfile::TempDir, DataDir) {
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::new(dir.path());
    workbook::generate(&data, plans, 11, false).unwrap();
    (dir, data)
}

fn load(data: &DataDir) -> Catalog {
    Catalog::load(data, &Ladder::embedded()).unwrap()
}

/// The paths of the plans `query` matches, by matching every plan's whole text.
fn by_reading_everything(texts: &[(PathBuf, String)], query: &str) -> BTreeSet<PathBuf> {
    let mut filter = Filter::new(query);
    texts
        .iter()
        .filter(|(_, text)| filter.score(text).is_some())
        .map(|(path, _)| path.clone())
        .collect()
}

fn by_index(c: &Catalog, query: &str) -> BTreeSet<PathBuf> {
    c.filter_indexes(query)
        .unwrap()
        .into_iter()
        .map(|i| c.summaries[i].path().to_path_buf())
        .collect()
}

fn assert_same_answers(data: &DataDir, c: &Catalog) {
    let ladder = Ladder::embedded();
    let texts: Vec<(PathBuf, String)> = Workbook::load(data, &ladder)
        .unwrap()
        .plans
        .iter()
        .map(|pf| (pf.path.clone(), search_text(&ladder, &pf.plan)))
        .collect();
    for q in QUERIES {
        assert_eq!(
            by_index(c, q),
            by_reading_everything(&texts, q),
            "query {q:?}"
        );
    }
}

/// Dates a file back, so that a load trusts the indexes for it (one written just now is always read again).
fn age(path: &std::path::Path) {
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(an_hour_ago)
        .unwrap();
}

/// A plan whose long notes end with a word written nowhere else.
fn deep_plan(word: &str) -> Plan {
    let mut p = Plan::new(Timestamp::now());
    p.stakeholder.name = "Dr Okafor".into();
    p.goal.want = "Agree the weekend rota".into();
    p.attempts.push(Attempt {
        // Every word different, so that no cut at the start of the text could keep the last.
        notes: format!(
            "{} and at the very end: {word}.",
            (0..400)
                .map(|i| format!("point{i}"))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        ..Default::default()
    });
    p
}

#[test]
fn the_index_answers_what_reading_every_plan_in_full_would() {
    let (_dir, data) = workbook(150);
    let cold = load(&data);
    assert_eq!(cold.parsed, 150);
    assert_same_answers(&data, &cold);
    let warm = load(&data);
    assert_eq!(warm.parsed, 0, "both indexes vouch for every file");
    assert_same_answers(&data, &warm);
    // Deep words: in the notes, far past the start of the text a list used to keep.
    assert!(!by_index(&warm, "fortnight").is_empty());
}

#[test]
fn a_word_only_at_the_end_of_long_notes_is_found() {
    let (_dir, data) = workbook(60);
    load(&data);
    let pf = plan_file::save_new(&data.plans(), &deep_plan("quokkaville")).unwrap();
    let c = load(&data);
    assert_eq!(c.parsed, 1, "only the new file is read");
    let hits = c.filter_indexes("quokkaville").unwrap();
    assert_eq!(hits.len(), 1);
    let found = &c.summaries[hits[0]];
    assert_eq!(found.path(), pf.path);
    // Fuzzy and accent-folded, as the filter always was.
    assert_eq!(c.filter_indexes("QUOKKAVLLE").unwrap(), hits);
    let s = found
        .snippet(&Ladder::embedded(), &Filter::new("quokkaville"), 60, None)
        .unwrap();
    assert_eq!(s.field, "attempt");
    assert!(
        s.marked("[", "]").ends_with("very end: [quokkaville.]"),
        "{s:?}"
    );
    // A match the row shows needs no passage.
    assert!(
        found
            .snippet(&Ladder::embedded(), &Filter::new("okafor"), 60, None)
            .is_none()
    );
}

#[test]
fn edits_additions_and_removals_reach_the_index() {
    let (_dir, data) = workbook(80);
    load(&data);
    let first = load(&data);
    let paths: Vec<PathBuf> = first
        .summaries
        .iter()
        .map(|s| s.path().to_path_buf())
        .collect();
    // A word added to one plan's notes (a different size), a plan removed, a plan added.
    let text = fs::read_to_string(&paths[10]).unwrap();
    let mut plan = plan_file::load(&paths[10], &Ladder::embedded())
        .unwrap()
        .plan;
    plan.goal.why = format!("{} Bring the wombat data.", plan.goal.why);
    let rendered = overture::store::format::render_update(&text, &plan).unwrap();
    fs::write(&paths[10], rendered).unwrap();
    age(&paths[10]);
    fs::remove_file(&paths[20]).unwrap();
    age(
        &plan_file::save_new(&data.plans(), &deep_plan("narwhalish"))
            .unwrap()
            .path,
    );
    let c = load(&data);
    assert_eq!(c.parsed, 2);
    assert_eq!(by_index(&c, "wombat"), BTreeSet::from([paths[10].clone()]));
    assert_eq!(by_index(&c, "narwhalish").len(), 1);
    assert!(!by_index(&c, "").contains(&paths[20]));
    assert_same_answers(&data, &c);
    // And from the file the load wrote.
    let again = load(&data);
    assert_eq!(again.parsed, 0);
    assert_same_answers(&data, &again);
}

#[test]
fn a_damaged_or_missing_search_index_is_rebuilt() {
    let (_dir, data) = workbook(70);
    load(&data);
    let path = data.cache().join(SEARCH_FILE);
    let good = fs::read(&path).unwrap();
    let mut flipped = good.clone();
    let last = flipped.len() - 20;
    flipped[last] ^= 0x01;
    // A byte changed early, among the plans' names and stamps (read as they are walked, not held whole).
    let mut early = good.clone();
    early[64] ^= 0x01;
    for bytes in [Vec::new(), good[..good.len() / 2].to_vec(), flipped, early] {
        fs::write(&path, &bytes).unwrap();
        let c = load(&data);
        assert_eq!(c.parsed, 70, "every plan read again for its words");
        assert_same_answers(&data, &c);
        assert_eq!(load(&data).parsed, 0, "rebuilt");
    }
    // The catalog's index alone cannot stand in for the words.
    fs::remove_file(&path).unwrap();
    assert!(data.cache().join(INDEX_FILE).exists());
    let c = load(&data);
    assert_eq!(c.parsed, 70);
    assert_same_answers(&data, &c);
}

#[test]
fn list_words_finds_and_shows_a_word_deep_in_the_notes() {
    let env = common::Env::new();
    env.new_plan(&[
        "--stakeholder",
        "Ann Berg",
        "--goal",
        "Cover the rota",
        "--tactic",
        "reason",
    ]);
    let deep = plan_file::save_new(&env.plans(), &deep_plan("quokkaville")).unwrap();
    let out = env.run(&["list", "quokkaville"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].contains("Dr Okafor") && lines[0].contains("Agree the weekend rota"));
    assert!(lines[1].trim_start().starts_with("attempt: "), "{out}");
    assert!(lines[1].contains("[quokkaville.]"), "{out}");
    // A match in the columns gets no passage.
    let out = env.run(&["list", "berg"]);
    assert_eq!(out.lines().count(), 1, "{out}");
    let json: serde_json::Value =
        serde_json::from_str(&env.run(&["list", "--json", "quokkaville"])).unwrap();
    let plans = json["plans"].as_array().unwrap();
    assert_eq!(plans.len(), 1);
    assert_eq!(plans[0]["path"], deep.path.display().to_string());
    assert_eq!(plans[0]["matched"]["field"], "attempt");
    let text = plans[0]["matched"]["text"].as_str().unwrap();
    let mark = plans[0]["matched"]["marks"][0].as_array().unwrap();
    let (a, b) = (
        mark[0].as_u64().unwrap() as usize,
        mark[1].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[a..b], "quokkaville.");
    let all: serde_json::Value = serde_json::from_str(&env.run(&["list", "--json"])).unwrap();
    assert!(all["plans"][0].get("matched").is_none());
}
