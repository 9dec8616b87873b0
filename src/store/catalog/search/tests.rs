use super::*;

fn index(plans: &[&str]) -> SearchIndex {
    let mut b = Builder::new(None);
    for (i, words) in plans.iter().enumerate() {
        b.plan(&format!("{i:03}.toml"), None, Origin::New(words));
    }
    from_bytes(b.finish(7).unwrap()).unwrap()
}

fn found(ix: &SearchIndex, q: &str) -> Vec<usize> {
    let hits = ix.search(&Filter::new(q)).unwrap();
    (0..hits.scores.len())
        .filter(|&i| hits.score(i).is_some())
        .collect()
}

#[test]
fn words_are_matched_as_the_filter_matches_them() {
    let ix = index(&["dr okafor sepsis", "ann rota", "okonkwo ward sepsis", ""]);
    assert_eq!(found(&ix, "okfr"), [0]);
    assert_eq!(found(&ix, "sepsis"), [0, 2]);
    assert_eq!(found(&ix, "sepsis ward"), [2]);
    assert_eq!(found(&ix, "ok"), [0, 2]);
    assert_eq!(found(&ix, ""), [0, 1, 2, 3]);
    assert!(found(&ix, "zebra").is_empty());
    let hits = ix.search(&Filter::new("okafor")).unwrap();
    assert!(hits.score(0) > Filter::new("okfr").score("okafor").map(|s| s - 1));
}

#[test]
fn lists_take_the_shorter_encoding_and_read_back_alike() {
    for n in [1usize, 7, 8, 9, 64, 65, 300] {
        for plans in [
            vec![0u32],
            (0..n as u32).collect(),
            (0..n as u32).step_by(3).collect(),
        ] {
            let plans: Vec<u32> = plans.into_iter().filter(|&p| (p as usize) < n).collect();
            let mut out = Vec::new();
            let bitmap = encode_list(&plans, n, &mut out);
            let mut back = Vec::new();
            for_each(&out, bitmap, n, |p| back.push(p));
            assert_eq!(back, plans, "n {n} bitmap {bitmap}");
            let mut map = vec![0u64; n.div_ceil(64)];
            or_into(&mut map, &out, bitmap, n);
            let ones: u32 = map.iter().map(|b| b.count_ones()).sum();
            assert_eq!(ones as usize, plans.len());
        }
    }
}

#[test]
fn a_merge_renumbers_old_plans_and_adds_new_ones() {
    let old = index(&["alpha beta", "beta gamma", "gamma delta"]);
    let mut b = Builder::new(Some(&old));
    // Plan 0 removed, plan 1 kept, a new plan, plan 2 kept.
    b.plan("001.toml", None, Origin::Old(1));
    b.plan("001b.toml", None, Origin::New("delta epsilon"));
    b.plan("002.toml", None, Origin::Old(2));
    let ix = from_bytes(b.finish(7).unwrap()).unwrap();
    assert_eq!(ix.plans(), 3);
    assert!(found(&ix, "alpha").is_empty());
    assert_eq!(found(&ix, "beta"), [0]);
    assert_eq!(found(&ix, "delta"), [1, 2]);
    assert_eq!(found(&ix, "gamma"), [0, 2]);
    assert_eq!(found(&ix, "epsilon"), [1]);
}

#[test]
fn a_checksum_fed_in_pieces_is_the_whole_one() {
    let bytes: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 251) as u8).collect();
    let mut whole = Sum::default();
    whole.feed(&bytes);
    let mut pieces = Sum::default();
    for chunk in bytes.chunks(13) {
        pieces.feed(chunk);
    }
    assert_eq!(whole.finish(), pieces.finish());
}

/// The register's words count for their person's plans (found by any spelling): each query word in the plan or
/// in its stakeholder's page, never lost from what the plans alone match.
#[test]
fn a_persons_words_count_for_their_plans() {
    use crate::domain::people::{People, Person};
    let mut ix = index(&[
        "dr okafor sepsis",
        "chidi audit",
        "ann rota",
        "okonkwo ward",
    ]);
    let alone: Vec<Vec<usize>> = ["okafor", "rota", "ward", "zebra"]
        .iter()
        .map(|q| found(&ix, q))
        .collect();
    let mut okafor = Person::named("Dr Okafor");
    okafor.add_alias("Chidi");
    okafor.notes = "Resents the quokka rota".into();
    let people = People::new(vec![okafor, Person::named("Nobody")]);
    let names = ["Dr. Okafor", "chidi", "Ann", "Okonkwo"];
    ix.set_people(PeopleText::new(&people, names.into_iter()));
    assert_eq!(found(&ix, "quokka"), [0, 1]);
    assert_eq!(found(&ix, "qkka audit"), [1]);
    assert_eq!(
        found(&ix, "okafor audit"),
        [1],
        "her name finds the alias's plan"
    );
    assert!(found(&ix, "quokka ward").is_empty());
    for (q, before) in ["okafor", "rota", "ward", "zebra"].iter().zip(alone) {
        let now = found(&ix, q);
        assert!(
            before.iter().all(|p| now.contains(p)),
            "{q}: {before:?} {now:?}"
        );
    }
    assert_eq!(found(&ix, "rota"), [0, 1, 2]);
}

/// Words gathered by two workers under listing positions, merged and renumbered (a broken file and a link
/// dropped), make the very index of giving each plan's words in turn.
#[test]
fn gathered_words_merged_and_renumbered_make_the_same_index() {
    let plans = [
        "alpha beta",
        "beta gamma",
        "gamma delta",
        "delta",
        "alpha omega 张伟",
    ];
    let direct = {
        let mut b = Builder::new(None);
        for (i, words) in plans.iter().enumerate() {
            b.plan(&format!("{i:03}.toml"), None, Origin::New(words));
        }
        b.finish(7).unwrap()
    };
    // Listing positions: 0 broken, 1..=3 the first three plans, 4 a link (dropped), 5 and 6 the last two. Worker
    // one read positions 1, 2 and 5 (words given twice count once), worker two 3, 4 and 6.
    let (mut one, mut two) = (NewWords::default(), NewWords::default());
    one.add(1, plans[0]);
    one.add(2, plans[1]);
    one.word(2, "beta");
    one.add(5, plans[3]);
    two.add(3, plans[2]);
    two.add(4, "link words");
    two.add(6, plans[4]);
    one.merge(two);
    one.renumber(&[u32::MAX, 0, 1, 2, u32::MAX, 3, 4]);
    let mut b = Builder::new(None).with_words(one);
    for i in 0..plans.len() {
        b.plan(&format!("{i:03}.toml"), None, Origin::Given);
    }
    assert_eq!(b.finish(7).unwrap(), direct);
}

/// The words' hash spreads words that differ in one letter, or only in length.
#[test]
fn the_word_hash_tells_near_words_apart() {
    use std::hash::BuildHasher;
    let h = crate::domain::filter::WordHash;
    let words = [
        "a",
        "b",
        "ab",
        "ba",
        "abcdefgh",
        "abcdefgi",
        "abcdefgh\0",
        "",
        "okafor",
        "okafo",
    ];
    let hashes: std::collections::HashSet<u64> = words.iter().map(|w| h.hash_one(w)).collect();
    assert_eq!(hashes.len(), words.len());
}

/// Plans' words for the runs' tests: some shared by every plan, some by a few, some by one.
fn many_plans() -> Vec<String> {
    (0..200)
        .map(|i| {
            let rare = if i % 5 == 0 { "rare" } else { "张伟" };
            format!("common w{} x{} {rare} only{i}", i % 7, i % 13)
        })
        .collect()
}

/// The words of `many_plans` gathered by two gatherers taking blocks of three plans in turn, under listing
/// positions one higher (position 0 a broken file), then renumbered.
fn gathered(plans: &[String], spill: Option<Spill>) -> NewWords {
    let (mut one, mut two) = (NewWords::spilling(spill.clone()), NewWords::spilling(spill));
    for (i, words) in plans.iter().enumerate() {
        let g = if (i / 3) % 2 == 0 { &mut one } else { &mut two };
        g.add(i as u32 + 1, words);
        g.settle();
    }
    one.merge(two);
    let mut to = vec![u32::MAX];
    to.extend(0..plans.len() as u32);
    one.renumber(&to);
    one
}

fn given(plans: usize, words: NewWords) -> Builder<'static> {
    let mut b = Builder::new(None).with_words(words);
    for i in 0..plans {
        b.plan(&format!("{i:03}.toml"), None, Origin::Given);
    }
    b
}

fn temps_in(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(crate::store::atomic::TEMP_PREFIX))
        .collect()
}

/// Words gathered in many runs (a budget of one byte: a run after every plan), by gatherers whose plans
/// interleave, and renumbered, make the very index of giving each plan's words in turn, whether kept in memory
/// or written to a file; and the runs are gone after.
#[test]
fn words_in_many_runs_make_the_same_index() {
    let plans = many_plans();
    let direct = {
        let mut b = Builder::new(None);
        for (i, words) in plans.iter().enumerate() {
            b.plan(&format!("{i:03}.toml"), None, Origin::New(words));
        }
        b.finish(7).unwrap()
    };
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let words = gathered(&plans, Some(Spill::new(cache.clone(), 1)));
    assert!(words.runs() >= 100, "{} runs", words.runs());
    assert_eq!(given(plans.len(), words).finish(7).unwrap(), direct);
    assert_eq!(
        given(plans.len(), gathered(&plans, None))
            .finish(7)
            .unwrap(),
        direct
    );

    let path = cache.join(SEARCH_FILE);
    let words = gathered(&plans, Some(Spill::new(cache.clone(), 1)));
    let written = given(plans.len(), words).write(7, &path).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), direct);
    // The plans' section spilled to a scratch file as the plans are given writes the same bytes.
    let words = gathered(&plans, Some(Spill::new(cache.clone(), 1)));
    let mut spilled = Builder::new(None).with_words(words);
    spilled.spill_names(&cache);
    assert!(matches!(spilled.names, super::build::Names::Scratch { .. }));
    for i in 0..plans.len() {
        spilled.plan(&format!("{i:03}.toml"), None, Origin::Given);
    }
    let from_scratch = spilled.write(7, &path).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), direct);
    assert_eq!(found(&from_scratch, "common"), found(&written, "common"));
    let kept = from_bytes(direct).unwrap();
    for q in ["common", "w3", "rare", "张", "only17", "ony", ""] {
        assert_eq!(found(&written, q), found(&kept, q), "{q}");
    }
    assert!(temps_in(&cache).is_empty());
}

/// A write that fails at its last step (the index's place is taken by a folder) leaves that place as it was and
/// no temporary file; so does one whose folder cannot be written at all.
#[test]
fn a_failed_write_leaves_nothing_behind() {
    let plans = many_plans();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(SEARCH_FILE);
    std::fs::create_dir(&path).unwrap();
    std::fs::write(path.join("keep"), b"x").unwrap();
    let words = gathered(&plans, Some(Spill::new(dir.path().to_path_buf(), 1)));
    assert!(words.runs() > 1);
    assert!(given(plans.len(), words).write(7, &path).is_err());
    assert!(path.join("keep").is_file());
    assert!(temps_in(dir.path()).is_empty());

    let gone = dir.path().join("gone");
    let words = gathered(&plans, None);
    assert!(
        given(plans.len(), words)
            .write(7, &gone.join(SEARCH_FILE))
            .is_err()
    );
    assert!(!gone.exists());
}

#[test]
fn a_plan_saved_since_is_searched_by_its_words_now() {
    let mut ix = index(&["dr okafor sepsis", "ann rota", "okonkwo ward sepsis"]);
    ix.replace(
        0,
        vec![
            "dr".into(),
            "okafor".into(),
            "zebrafish".into(),
            "okafor".into(),
        ],
    );
    assert!(found(&ix, "sepsis") == [2], "the words replaced are gone");
    assert_eq!(found(&ix, "zebrafish"), [0]);
    assert_eq!(found(&ix, "okafor zebra"), [0]);
    assert_eq!(found(&ix, "ok"), [0, 2]);
    // Saved again: the last words stand.
    ix.replace(0, vec!["rota".into()]);
    assert_eq!(found(&ix, "rota"), [0, 1]);
    assert!(found(&ix, "zebrafish").is_empty());
    assert_eq!(found(&ix, ""), [0, 1, 2]);
}

/// Plans added and removed by the workbook since the index was made are found where the catalog now holds them,
/// with the plans after them moved down or up, and a plan saved since keeps its own words through both.
#[test]
fn plans_added_and_removed_since_are_searched_where_the_catalog_holds_them() {
    let words = |w: &[&str]| -> Vec<Box<str>> { w.iter().map(|&w| w.into()).collect() };
    let mut ix = index(&["dr okafor sepsis", "ann rota", "okonkwo ward sepsis"]);
    ix.replace(2, words(&["okonkwo", "zebrafish"]));
    // A new plan before the second: 0 okafor, 1 new, 2 ann, 3 okonkwo (saved since).
    ix.insert(1, words(&["new", "quokka", "sepsis"]));
    assert_eq!(found(&ix, "sepsis"), [0, 1]);
    assert_eq!(found(&ix, "quokka"), [1]);
    assert_eq!(found(&ix, "rota"), [2]);
    assert_eq!(found(&ix, "zebrafish"), [3]);
    assert_eq!(found(&ix, ""), [0, 1, 2, 3]);
    // Another at the end, then the first plan gone: 0 new, 1 ann, 2 okonkwo, 3 last.
    ix.insert(4, words(&["last", "sepsis"]));
    ix.remove(0);
    assert_eq!(found(&ix, "sepsis"), [0, 3]);
    assert!(found(&ix, "okafor").is_empty());
    assert_eq!(found(&ix, "zebrafish"), [2]);
    // The new plan saved again, then gone: its words go with it.
    ix.replace(0, words(&["rota"]));
    assert_eq!(found(&ix, "rota"), [0, 1]);
    ix.remove(0);
    assert_eq!(found(&ix, "rota"), [0]);
    assert_eq!(found(&ix, "sepsis"), [2]);
    assert_eq!(found(&ix, ""), [0, 1, 2]);
}
