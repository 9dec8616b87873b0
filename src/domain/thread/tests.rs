use super::*;
use crate::domain::people::PersonKeys;
use crate::domain::rung::test_rung;
use crate::domain::stats::Stats;
use crate::domain::{Attempt, History, Outcome, Plan};
use jiff::Timestamp;
use jiff::civil::date;

fn at(day: i8) -> Timestamp {
    format!("2026-11-{day:02}T09:00:00Z").parse().unwrap()
}

fn tried(rung: &str, result: OutcomeResult) -> Attempt {
    Attempt {
        tactic: test_rung(rung),
        result: Some(result),
        ..Default::default()
    }
}

/// The scenario: Reason and Deal already tried (resistance, undated), Deal chosen and resisted, then a
/// follow-up with Inspire.
fn scenario() -> (Plan, Plan) {
    let mut first = Plan::new(at(1));
    first.stakeholder.name = "Dr Adeyemi".into();
    first.goal.want = "Adopt the pathway".into();
    first.tactic.primary = test_rung("deal");
    first.attempts = vec![
        tried("reason", OutcomeResult::Resistance),
        tried("deal", OutcomeResult::Resistance),
    ];
    first.outcome = Some(Outcome {
        on: Some(date(2026, 11, 3)),
        result: Some(OutcomeResult::Resistance),
        ..Default::default()
    });
    let mut next = first.follow_up(at(4), date(2026, 11, 4));
    next.tactic.primary = test_rung("inspire");
    (first, next)
}

fn tried_per_rung(ladder: &Ladder, plans: &[Plan]) -> Vec<usize> {
    let mut n = vec![0; ladder.len()];
    for t in counted_tries(ladder, plans, &PersonKeys::default()).all() {
        n[t.rung()] += 1;
    }
    n
}

#[test]
fn a_try_carried_by_a_follow_up_counts_once() {
    let ladder = Ladder::embedded();
    let (first, next) = scenario();
    assert_eq!(next.attempts.len(), 3);
    assert!(next.attempts.iter().all(|a| a.from == first.id));
    let plans = [first, next];
    let counts = tried_per_rung(&ladder, &plans);
    // Reason once; Deal twice: once already tried, once as the plan's own tactic with its outcome.
    assert_eq!((counts[0], counts[4]), (1, 2), "{counts:?}");
    let stats = Stats::build(&ladder, &plans);
    assert_eq!((stats.rungs[0].tried, stats.rungs[4].tried), (1, 2));
    let history = History::from_plans(&ladder, &plans);
    assert_eq!(history.get("dr adeyemi").unwrap().tries.len(), 3);
}

#[test]
fn a_three_plan_thread_counts_each_try_once() {
    let ladder = Ladder::embedded();
    let (first, mut second) = scenario();
    second.outcome = Some(Outcome {
        on: Some(date(2026, 11, 10)),
        result: Some(OutcomeResult::Compliance),
        ..Default::default()
    });
    let mut third = second.follow_up(at(12), date(2026, 11, 12));
    third.tactic.primary = test_rung("coach");
    assert_eq!(third.attempts.len(), 4);
    // The copies of copies still name the plan each try was first recorded in.
    assert_eq!(
        third.attempts.iter().filter(|a| a.from == first.id).count(),
        3
    );
    let counts = tried_per_rung(&ladder, &[first, second, third]);
    assert_eq!((counts[0], counts[1], counts[4]), (1, 1, 2), "{counts:?}");
}

#[test]
fn an_old_follow_up_without_from_is_matched_against_the_plan_it_follows() {
    let ladder = Ladder::embedded();
    let (first, mut next) = scenario();
    for a in &mut next.attempts {
        a.from.clear();
    }
    let counts = tried_per_rung(&ladder, &[first.clone(), next.clone()]);
    assert_eq!((counts[0], counts[4]), (1, 2), "{counts:?}");
    // Without the link, two undated tries in two plans may be two conversations: both count.
    next.follows.clear();
    let counts = tried_per_rung(&ladder, &[first, next]);
    assert_eq!(counts[0], 2);
}

#[test]
fn an_edited_copy_is_the_users_own_try_and_a_lost_origin_leaves_the_copy_counting() {
    let ladder = Ladder::embedded();
    let (first, mut next) = scenario();
    // Hand-edited: the Reason try was compliance after all.
    next.attempts[0].result = Some(OutcomeResult::Compliance);
    let counted = counted_tries(
        &ladder,
        &[first.clone(), next.clone()],
        &PersonKeys::default(),
    );
    assert_eq!(counted[1].len(), 1);
    assert_eq!(counted[1][0].result(), Some(OutcomeResult::Compliance));
    // A date given to a carried try that had none is that try's date: still one try.
    let (first_again, mut dated) = scenario();
    dated.attempts[0].on = Some(date(2026, 10, 30));
    let counted = counted_tries(
        &ladder,
        &[first_again.clone(), dated.clone()],
        &PersonKeys::default(),
    );
    assert!(counted[1].is_empty(), "{:?}", &counted[1]);
    // Another date than the earlier plan's is another try.
    dated.attempts[2].on = Some(date(2026, 11, 2));
    let counted = counted_tries(&ladder, &[first_again, dated], &PersonKeys::default());
    assert_eq!(counted[1].len(), 1);
    // The first plan deleted: the copies are all that records those tries, and they count.
    let counted = counted_tries(&ladder, std::slice::from_ref(&next), &PersonKeys::default());
    assert_eq!(counted[0].len(), 3);
    // A copy that names another person's plan is not that plan's try.
    let mut other = next.clone();
    other.stakeholder.name = "Ms Byrne".into();
    let counted = counted_tries(&ladder, &[first, other], &PersonKeys::default());
    assert_eq!(counted[1].len(), 3);
}

#[test]
fn two_identical_copies_need_two_originals() {
    let ladder = Ladder::embedded();
    let (mut first, _) = scenario();
    first
        .attempts
        .push(tried("reason", OutcomeResult::Resistance));
    let mut next = first.follow_up(at(4), date(2026, 11, 4));
    next.attempts.push(Attempt {
        from: first.id.clone(),
        ..tried("reason", OutcomeResult::Resistance)
    });
    let counted = counted_tries(&ladder, &[first, next], &PersonKeys::default());
    // Two Reason copies match the two Reason tries; the third copy has no original left and counts.
    assert_eq!(counted[1].len(), 1);
    assert_eq!(counted[1][0].rung(), 0);
}

#[test]
fn follows_that_loop_count_every_try_somewhere() {
    let ladder = Ladder::embedded();
    let (mut first, next) = scenario();
    first.follows = next.id.clone();
    let plans = [first, next];
    let counts = tried_per_rung(&ladder, &plans);
    assert_eq!((counts[0], counts[4]), (1, 2), "{counts:?}");
    assert_eq!(thread(&plans, 0).len(), 2);
}

#[test]
fn a_thread_runs_both_ways_in_date_order() {
    let ladder = Ladder::embedded();
    let (first, mut second) = scenario();
    second.outcome = Some(Outcome {
        on: Some(date(2026, 11, 10)),
        result: Some(OutcomeResult::Compliance),
        ..Default::default()
    });
    let third = second.follow_up(at(12), date(2026, 11, 12));
    let mut unrelated = Plan::new(at(2));
    unrelated.stakeholder.name = "Dr Adeyemi".into();
    // Out of order, as a folder may list them.
    let plans = [third.clone(), unrelated, first.clone(), second.clone()];
    let links = thread(&plans, 3);
    assert_eq!(
        links,
        [
            Link {
                index: 2,
                place: Place::Earlier
            },
            Link {
                index: 3,
                place: Place::This
            },
            Link {
                index: 0,
                place: Place::Later
            },
        ]
    );
    let steps = steps(&ladder, &plans, 2);
    assert_eq!(steps.len(), 3);
    assert_eq!(steps[0].place, Place::This);
    assert_eq!(steps[0].on, date(2026, 11, 3));
    assert!(steps[0].talked);
    assert_eq!(steps[0].result, Some(OutcomeResult::Resistance));
    assert_eq!(steps[1].rung, Some(1));
    assert_eq!(steps[2].id, third.id);
    assert!(!steps[2].talked);
    assert!(
        super::steps(&ladder, &plans, 1).is_empty(),
        "alone: no thread"
    );
}

#[test]
fn a_plan_following_one_no_longer_here_says_so() {
    let ladder = Ladder::embedded();
    let (first, next) = scenario();
    // The earlier plan was deleted: the follow-up is alone, but still says what it followed.
    let shown = lines(&ladder, std::slice::from_ref(&next), 0, |p: &Plan| {
        p.display_title()
    });
    assert_eq!(shown.len(), 2, "{shown:?}");
    assert!(
        shown[0].0.contains(&first.id) && shown[0].0.contains("no longer in the workbook"),
        "{shown:?}"
    );
    assert!(
        shown[1].1 && shown[1].0.contains("(this plan)"),
        "{shown:?}"
    );
    // With the earlier plan there, the thread is as before and says nothing about a missing plan.
    let both = lines(&ladder, &[first, next], 1, |p: &Plan| p.display_title());
    assert_eq!(both.len(), 2);
    assert!(
        both.iter().all(|(l, _)| !l.contains("no longer")),
        "{both:?}"
    );
    // A plan that follows nothing has no thread.
    let (alone, _) = scenario();
    assert!(lines(&ladder, &[alone], 0, |p: &Plan| p.display_title()).is_empty());
}

#[test]
fn plans_are_found_by_id_in_any_case_and_the_later_of_two_with_one_id() {
    let mut plans: Vec<Plan> = ["01ABC", " 01abd", "", "  ", "01XYZ", "01abc", "zz-9"]
        .iter()
        .map(|id| Plan {
            id: id.to_string(),
            ..Plan::new(at(1))
        })
        .collect();
    let ids = Ids::new(&plans);
    assert_eq!(ids.get("01abd"), Some(1));
    assert_eq!(ids.get("01ABD "), Some(1));
    assert_eq!(ids.get("01xyz"), Some(4));
    assert_eq!(ids.get("ZZ-9"), Some(6));
    // Two plans with one id (a file copied by hand): the later is found, as before.
    assert_eq!(ids.get("01Abc"), Some(5));
    // No id matches nothing; an id that only starts like one, or one the others start like, is another id.
    assert_eq!(ids.get(""), None);
    assert_eq!(ids.get("   "), None);
    assert_eq!(ids.get("01AB"), None);
    assert_eq!(ids.get("01ABCD"), None);
    assert_eq!(ids.get("01"), None);
    assert_eq!(ids.get("zz"), None);
    // Many ids, each found where it is, whatever the case it is asked in.
    plans = (0..300)
        .map(|i| Plan {
            id: format!("{:X}x{}", i * 7919 % 1000, i % 3),
            ..Plan::new(at(1))
        })
        .collect();
    let ids = Ids::new(&plans);
    for (i, p) in plans.iter().enumerate() {
        assert_eq!(ids.get(&p.id.to_ascii_lowercase()), Some(i), "{}", p.id);
    }
}
