//! The catalog's summaries put together from the old index's and those read now, in the listing's order, with
//! no summary held twice.

use std::path::PathBuf;
use std::sync::Arc;

use super::{PlanSummary, summary};

/// A summary found by a load: still in the old index's vector (at this position), or read now. Lives only for
/// one step of the load's loop, so its size does not matter.
#[allow(clippy::large_enum_variant)]
pub(super) enum Fresh {
    Old(usize),
    New(PlanSummary),
}

/// Where the catalog's summary at one position comes from: the old index's vector or the ones read now (by
/// position in either; eight bytes, as a load keeps one for every plan).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Source {
    Old(u32),
    New(u32),
}

/// The catalog's summaries from the old index's (`old`, in the listing's order) and those read now, in the order
/// `sources` gives. A warm load, which takes every old summary in order, keeps `old` as it is, and a first run,
/// which reads every one now, keeps `read_now`: the summaries are not moved, and never held twice.
pub(super) fn assemble(
    old: Vec<PlanSummary>,
    read_now: Vec<PlanSummary>,
    sources: &[Source],
    dir: &Arc<PathBuf>,
) -> Vec<PlanSummary> {
    // Whether `sources` are exactly `all` of one vector's summaries, in order.
    let whole = |all: usize, each: fn(u32) -> Source| {
        sources.len() == all && (0..).zip(sources).all(|(i, s)| *s == each(i))
    };
    if read_now.is_empty() && whole(old.len(), Source::Old) {
        return old;
    }
    // A first run reads every plan now, in order: that vector becomes the catalog's, and is not held twice
    // (its summaries were shared as they were read).
    if old.is_empty() && whole(read_now.len(), Source::New) {
        return read_now;
    }
    let (old, read_now) = match edit_in_place(old, read_now, sources, dir) {
        Ok(edited) => return edited,
        Err(both) => both,
    };
    let mut old: Vec<Option<PlanSummary>> = old.into_iter().map(Some).collect();
    let mut read_now: Vec<Option<PlanSummary>> = read_now.into_iter().map(Some).collect();
    // Summaries made from files just read hold their own stakeholder and tactic: share them with the rest.
    let mut interner = summary::Interner::in_folder(dir);
    sources
        .iter()
        .filter_map(|s| match *s {
            Source::Old(k) => old.get_mut(k as usize).and_then(Option::take),
            Source::New(k) => read_now.get_mut(k as usize).and_then(Option::take),
        })
        .map(|mut s| {
            interner.share(&mut s);
            s
        })
        .collect()
}

/// How many summaries read now [`edit_in_place`] puts into the old vector one by one; past that, a new vector
/// is built (each insertion moves the summaries after it).
const IN_PLACE_MAX: usize = 16;

/// The catalog's summaries made by editing the old index's vector where it stands, when a few plans were read now
/// beside it (a save, a new plan, a delete, the everyday changes): removing the ones gone and putting in the new
/// ones, so that the summaries are never held twice (6 MB at 50,000 plans). `Err` gives both vectors back when
/// the change is too big for that, or the old summaries are not taken in their order.
#[allow(clippy::type_complexity)]
fn edit_in_place(
    mut old: Vec<PlanSummary>,
    read_now: Vec<PlanSummary>,
    sources: &[Source],
    dir: &Arc<PathBuf>,
) -> Result<Vec<PlanSummary>, (Vec<PlanSummary>, Vec<PlanSummary>)> {
    let mut kept = vec![false; old.len()];
    let mut last: Option<usize> = None;
    for s in sources {
        if let Source::Old(k) = *s {
            let k = k as usize;
            if last.is_some_and(|l| k <= l) || k >= old.len() {
                return Err((old, read_now));
            }
            kept[k] = true;
            last = Some(k);
        }
    }
    if read_now.len() > IN_PLACE_MAX {
        return Err((old, read_now));
    }
    let mut k = 0;
    old.retain(|_| {
        k += 1;
        kept[k - 1]
    });
    drop(kept);
    let mut read_now: Vec<Option<PlanSummary>> = read_now.into_iter().map(Some).collect();
    for (at, s) in sources.iter().enumerate() {
        if let Source::New(j) = *s
            && let Some(summary) = read_now.get_mut(j as usize).and_then(Option::take)
        {
            old.insert(at.min(old.len()), summary);
        }
    }
    // Summaries made from files just read hold their own stakeholder and tactic: share them with the rest.
    let mut interner = summary::Interner::in_folder(dir);
    old.iter_mut().for_each(|s| interner.share(s));
    Ok(old)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use jiff::Timestamp;

    use super::*;
    use crate::domain::Plan;

    fn summary(name: &str) -> PlanSummary {
        let mut p = Plan::new(Timestamp::UNIX_EPOCH);
        p.id = name.to_string();
        p.stakeholder.name = format!("Dr {}", name.len() % 3);
        PlanSummary::from_plan(&Path::new("/p").join(name), &p)
    }

    fn ids(v: &[PlanSummary]) -> Vec<&str> {
        v.iter().map(PlanSummary::id).collect()
    }

    /// Old plans a..f; some kept, some replaced or added by plans read now, some gone.
    fn case(sources: &[Source], read_now: &[&str]) -> Vec<String> {
        let dir = Arc::new(PathBuf::from("/p"));
        let old: Vec<PlanSummary> = ["a", "b", "c", "d", "e", "f"].map(summary).into();
        let now: Vec<PlanSummary> = read_now.iter().map(|n| summary(n)).collect();
        let edited = edit_in_place(old.clone(), now.clone(), sources, &dir)
            .unwrap_or_else(|_| panic!("edited in place: {sources:?}"));
        // The general path (a vector built anew) says the same.
        let mut general: Vec<Option<PlanSummary>> = old.into_iter().map(Some).collect();
        let mut now: Vec<Option<PlanSummary>> = now.into_iter().map(Some).collect();
        let built: Vec<PlanSummary> = sources
            .iter()
            .filter_map(|s| match *s {
                Source::Old(k) => general[k as usize].take(),
                Source::New(k) => now[k as usize].take(),
            })
            .collect();
        assert_eq!(ids(&edited), ids(&built));
        assert!(
            edited
                .iter()
                .all(|s| matches!(s.location(), summary::Location::In(d) if Arc::ptr_eq(d, &dir)))
        );
        ids(&edited).into_iter().map(str::to_string).collect()
    }

    #[test]
    fn a_few_plans_read_now_are_put_in_place() {
        use Source::{New, Old};
        // A save: c read again.
        assert_eq!(
            case(&[Old(0), Old(1), New(0), Old(3), Old(4), Old(5)], &["c2"]),
            ["a", "b", "c2", "d", "e", "f"]
        );
        // A new plan between b and c, and another at the end.
        assert_eq!(
            case(
                &[
                    Old(0),
                    Old(1),
                    New(0),
                    Old(2),
                    Old(3),
                    Old(4),
                    Old(5),
                    New(1)
                ],
                &["b2", "g"]
            ),
            ["a", "b", "b2", "c", "d", "e", "f", "g"]
        );
        // A delete (d gone) and a new first plan.
        assert_eq!(
            case(&[New(0), Old(0), Old(1), Old(2), Old(4), Old(5)], &["0"]),
            ["0", "a", "b", "c", "e", "f"]
        );
        // Everything gone but one, read now.
        assert_eq!(case(&[New(0)], &["z"]), ["z"]);
    }

    #[test]
    fn old_plans_out_of_order_or_many_read_now_build_a_new_vector() {
        let dir = Arc::new(PathBuf::from("/p"));
        let old = || -> Vec<PlanSummary> { ["a", "b"].map(summary).into() };
        let swapped = [Source::Old(1), Source::Old(0)];
        assert!(edit_in_place(old(), Vec::new(), &swapped, &dir).is_err());
        let many: Vec<PlanSummary> = (0..=IN_PLACE_MAX)
            .map(|i| summary(&i.to_string()))
            .collect();
        let sources: Vec<Source> = (0..many.len() as u32).map(Source::New).collect();
        assert!(edit_in_place(old(), many, &sources, &dir).is_err());
        let assembled = assemble(old(), Vec::new(), &swapped, &dir);
        assert_eq!(ids(&assembled), ["b", "a"]);
    }

    #[test]
    fn a_source_takes_eight_bytes() {
        assert_eq!(std::mem::size_of::<Source>(), 8);
    }
}
