//! The index read back as it was written, in chunks, and refused when damaged.

use super::codec::CHUNK;
use super::*;
use crate::domain::{Attempt, Plan, rung::test_rung};
use jiff::Timestamp;

/// An index larger than one read ([`CHUNK`]) decodes whole, and any damaged byte makes it unreadable.
#[test]
fn an_index_is_decoded_in_chunks_and_checked_whole() {
    let mut plan = Plan::new(Timestamp::UNIX_EPOCH);
    plan.stakeholder.name = "Dr Okafor".into();
    plan.goal.want = "w".repeat(400);
    plan.tactic.primary = test_rung("coach");
    plan.attempts.push(Attempt {
        tactic: test_rung("reason"),
        from: "01PREVIOUS".into(),
        ..Default::default()
    });
    plan.follows = "01PREVIOUS".into();
    let ladder = Ladder::embedded();
    plan.resolve_rungs(&ladder);
    let fingerprint = ladder_fingerprint(&ladder);
    let dir: Arc<std::path::PathBuf> = Arc::new(std::path::PathBuf::from("/p"));
    let summary = PlanSummary::from_plan(Path::new("/p/a.toml"), &plan);
    let names: Vec<String> = (0..400).map(|i| format!("{i:05}.toml")).collect();
    let stamp = FileStamp {
        len: 1,
        mtime_ns: 2,
        ctime_ns: 3,
        ino: 4,
    };
    let rows = names.iter().map(|name| Row {
        name,
        stamp,
        plan: Ok(&summary),
    });
    let bytes = encode(rows, 99, fingerprint);
    assert!(bytes.len() > 2 * CHUNK);
    let listed: Vec<Option<&str>> = names.iter().map(|n| Some(n.as_str())).collect();
    let index = decode(&bytes[..], bytes.len() as u64, &ladder, &dir, &listed).unwrap();
    assert_eq!(index.scanned_at_ns, 99);
    assert_eq!(index.plans.len(), 400);
    // Read back as written (but the path, which the listing gives), rungs resolved, one stakeholder and one
    // tactic shared by all.
    assert!(index.plans.iter().all(|p| {
        let mut p = p.clone();
        p.set_path(&dir, &summary.path());
        (
            p.id(),
            p.title(),
            p.follows(),
            p.stakeholder(),
            p.tactic(),
            p.attempts.clone(),
            p.outcome,
            p.created(),
        ) == (
            summary.id(),
            summary.title(),
            summary.follows(),
            summary.stakeholder(),
            summary.tactic(),
            summary.attempts.clone(),
            summary.outcome,
            summary.created(),
        )
    }));
    let first = &index.plans[0];
    assert!(
        index
            .plans
            .iter()
            .all(|p| Arc::ptr_eq(&p.stakeholder, &first.stakeholder)
                && Arc::ptr_eq(&p.tactic, &first.tactic))
    );
    assert!(matches!(
        first.tactic.primary,
        Some(crate::domain::RungRef::Known { .. })
    ));
    assert!((0..400).all(|i| index.entries[i].as_ref().is_some_and(|e| e.0 == stamp)));
    for at in [0, CHUNK - 1, CHUNK, bytes.len() / 2, bytes.len() - 1] {
        let mut bad = bytes.clone();
        bad[at] ^= 1;
        assert!(
            decode(&bad[..], bad.len() as u64, &ladder, &dir, &listed).is_none(),
            "{at}"
        );
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(decode(&longer[..], bytes.len() as u64, &ladder, &dir, &listed).is_none());
    assert!(
        decode(
            &bytes[..bytes.len() - 1],
            bytes.len() as u64,
            &ladder,
            &dir,
            &listed
        )
        .is_none()
    );
}

/// A load holds one entry for every listed file beside the summaries it makes.
#[test]
fn an_entry_takes_forty_bytes() {
    assert_eq!(std::mem::size_of::<Option<(FileStamp, Kept)>>(), 40);
}
