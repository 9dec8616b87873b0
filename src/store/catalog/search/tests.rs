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
    (0..ix.plans())
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
