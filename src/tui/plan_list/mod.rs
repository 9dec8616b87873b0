//! The plans list as data: one row per plan file (broken files included), and which rows show, in what order,
//! for a sort, a status tab, a filter and a stakeholder. Rows are built in [`Rows::new`] and read through the
//! catalog's summaries (`rows`).

use crate::domain::Ladder;
use crate::domain::Status;
use crate::domain::filter::{Filter, fold};
use crate::store::catalog::Catalog;
use crate::store::catalog::search::Hits;

mod rows;

pub use rows::{Row, Rows, Unreadable};

/// What a plan's row holds besides its summary, for the test that keeps it small.
#[cfg(test)]
pub(crate) fn plan_row_bytes() -> usize {
    size_of::<rows::PlanRow>()
}

/// The rows of a workbook's catalog: plans first (in the catalog's order), then the files that could not be read.
pub fn rows(catalog: &Catalog, ladder: &Ladder) -> Rows {
    Rows::new(catalog, ladder)
}

/// A due date in ten columns, as the list and the stakeholders screen show it: "overdue", "today", else the
/// day ("Fri 18 Dec"), or the date in full when it is not this year's ("2027-01-20").
pub fn due_text(due: Option<jiff::civil::Date>, today: jiff::civil::Date) -> String {
    match due {
        None => String::new(),
        Some(due) if due < today => "overdue".into(),
        Some(due) if due == today => "today".into(),
        Some(due) if due.year() != today.year() => due.to_string(),
        Some(due) => due.strftime("%a %-d %b").to_string(),
    }
}

/// The orders `s` cycles through.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// Newest first.
    #[default]
    Date,
    Stakeholder,
    Status,
    /// Ladder order, gentlest first.
    Tactic,
    /// What is due soonest first (the agenda's date: a talk's "by", a follow-up); nothing due last.
    Due,
}

impl Sort {
    pub fn next(self) -> Sort {
        match self {
            Sort::Date => Sort::Stakeholder,
            Sort::Stakeholder => Sort::Status,
            Sort::Status => Sort::Tactic,
            Sort::Tactic => Sort::Due,
            Sort::Due => Sort::Date,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Sort::Date => "date, newest first",
            Sort::Stakeholder => "stakeholder",
            Sort::Status => "status",
            Sort::Tactic => "tactic",
            Sort::Due => "due date, soonest first",
        }
    }
}

/// The status tabs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Tab {
    #[default]
    All,
    Drafts,
    Ready,
    /// Done or dropped: the plans whose conversation is over.
    Done,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::All, Tab::Drafts, Tab::Ready, Tab::Done];

    pub fn label(self) -> &'static str {
        match self {
            Tab::All => "All",
            Tab::Drafts => "Drafts",
            Tab::Ready => "Ready",
            Tab::Done => "Done",
        }
    }

    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    pub fn step(self, forward: bool) -> Tab {
        let n = Tab::ALL.len();
        let i = self.index();
        Tab::ALL[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }]
    }

    /// For a plan of this status, or a broken file (`None`), which only All shows.
    fn admits_state(self, status: Option<Status>) -> bool {
        match (self, status) {
            (Tab::All, _) => true,
            (_, None) => false,
            (Tab::Drafts, Some(s)) => s == Status::Draft,
            (Tab::Ready, Some(s)) => s == Status::Ready,
            (Tab::Done, Some(s)) => matches!(s, Status::Done | Status::Dropped),
        }
    }
}

/// What narrows the list besides the tab.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Narrowing {
    pub query: String,
    /// A stakeholder's matching key (`StakeholderRecord::key`: the register's aliases resolved), from the stakeholders view.
    pub person: Option<String>,
}

fn status_rank(s: Status) -> u8 {
    match s {
        Status::Draft => 0,
        Status::Ready => 1,
        Status::Done => 2,
        Status::Dropped => 3,
    }
}

/// A plan's place in `sort`: what it sorts by in the high half, its place among the newest first in the low (every
/// sort's last tie-break), so that one number compares as the whole order does.
fn sort_key(rows: &Rows, plan: &rows::PlanRow, sort: Sort) -> u64 {
    let by: u32 = match sort {
        Sort::Date => 0,
        // Named people first, by their matching key (equal keys rank alike).
        Sort::Stakeholder => rows
            .people
            .get(plan.who as usize)
            .map_or(u32::MAX, |w| w.rank),
        Sort::Status => u32::from(status_rank(plan.status)),
        // Plans with a tactic on the ladder first, gentlest first.
        Sort::Tactic => plan.rung.map_or(u32::MAX, u32::from),
        // Soonest first, nothing due last.
        Sort::Due => plan.due.map_or(u32::MAX, date_key),
    };
    (u64::from(by) << 32) | u64::from(plan.newest)
}

/// A date as a number in the dates' order.
fn date_key(d: jiff::civil::Date) -> u32 {
    let year = u32::try_from(i32::from(d.year()) + 10_000).unwrap_or(0);
    (year << 9) | (u32::from(d.month().unsigned_abs()) << 5) | u32::from(d.day().unsigned_abs())
}

/// Every row in the order of `sort`. Worked out when the rows or the sort change, never on a keystroke or a frame.
/// Row indexes are `u32` here and in what the list keeps from them (the matches, the visible rows): half the
/// size of `usize`, with one of each per plan. A catalog holds fewer than four billion plans (see `Row::plan`).
/// Broken files go last whatever the order, so they never hide the plans; they are in their own order already.
pub fn order(rows: &Rows, sort: Sort) -> Vec<u32> {
    let n = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    let plans = u32::try_from(rows.plans.len()).unwrap_or(u32::MAX).min(n);
    let mut order: Vec<u32> = (0..plans).collect();
    order.sort_unstable_by_key(|&i| {
        rows.plans
            .get(i as usize)
            .map_or(u64::MAX, |p| sort_key(rows, p, sort))
    });
    order.extend(plans..n);
    order
}

/// The rows among `candidates` that a narrowing matches, in the candidates' order, with their scores: plans by
/// `hits` (the search index's answer for the query; every plan when `None`), broken files by name. The only work
/// a filter keystroke does per row; `candidates` can be the previous keystroke's matches while the query grows.
pub fn matches(
    rows: &Rows,
    candidates: impl IntoIterator<Item = u32>,
    narrowing: &Narrowing,
    hits: Option<&Hits>,
) -> Vec<(u32, u32)> {
    let filter = Filter::new(&narrowing.query);
    candidates
        .into_iter()
        .filter_map(|i| {
            // A plan's row is at its position in the catalog, which the search index numbers plans by.
            let plan = rows.plans.get(i as usize);
            if let Some(person) = &narrowing.person {
                let who = plan.and_then(|p| rows.people.get(p.who as usize));
                if who.map_or("", |w| &w.key) != person.as_str() {
                    return None;
                }
            }
            let score = match (plan, hits) {
                (Some(_), Some(hits)) => hits.score(i as usize),
                (Some(_), None) => Some(0),
                // A broken file is matched by its name, folded (`domain::filter::fold`); plans are matched through
                // the catalog's search index instead, by every word they hold.
                (None, _) => filter.score_folded(&fold(rows.get(i as usize)?.title())),
            };
            score.map(|score| (i, score))
        })
        .collect()
}

/// Which of the matches show under a tab, best first (a stable sort, so the sort order breaks ties), and how many
/// match each tab.
pub fn shown(rows: &Rows, matches: &[(u32, u32)], tab: Tab) -> (Vec<u32>, [usize; 4]) {
    let mut counts = [0; 4];
    let mut shown: Vec<(u32, u32)> = Vec::new();
    for &(i, score) in matches {
        // A plan's status, or `None` for a broken file.
        let status = match rows.plans.get(i as usize) {
            Some(p) => Some(p.status),
            None if (i as usize) < rows.len() => None,
            None => continue,
        };
        for (count, t) in counts.iter_mut().zip(Tab::ALL) {
            if t.admits_state(status) {
                *count += 1;
            }
        }
        if tab.admits_state(status) {
            shown.push((i, score));
        }
    }
    if shown.iter().any(|&(_, s)| s != 0) {
        shown.sort_by_key(|&(_, s)| std::cmp::Reverse(s));
    }
    (shown.into_iter().map(|(i, _)| i).collect(), counts)
}

/// Which rows show under a tab and narrowing, in order (indexes into `rows`), and how many match each tab.
/// While a filter is typed the best matches come first, the sort breaking ties. The list itself keeps the
/// steps apart (see `screens::home`) so that each is redone only when what it depends on changes; this is the
/// whole pipeline at once, for the tests.
#[cfg(test)]
pub fn visible(
    rows: &Rows,
    sort: Sort,
    tab: Tab,
    narrowing: &Narrowing,
    hits: Option<&Hits>,
) -> (Vec<u32>, [usize; 4]) {
    let order = order(rows, sort);
    shown(rows, &matches(rows, order, narrowing, hits), tab)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Plan;
    use crate::store::DataDir;
    use jiff::Timestamp;

    fn plan(name: &str, day: i8, status: Status, rung: Option<usize>) -> Plan {
        let ts: Timestamp = format!("2026-01-{day:02}T12:00:00Z").parse().unwrap();
        let mut p = Plan::new(ts);
        p.stakeholder.name = name.into();
        p.title = format!("{name} plan {day}");
        p.status = status;
        let ladder = Ladder::embedded();
        p.tactic.primary = rung.and_then(|r| crate::domain::rung::test_rung(ladder.keys()[r]));
        p
    }

    /// The titles of the rows at `visible`, for comparing orders whatever the catalog's own order.
    fn titles(rows: &Rows, visible: &[u32]) -> Vec<String> {
        visible
            .iter()
            .map(|&i| rows.get(i as usize).unwrap().title().to_string())
            .collect()
    }

    #[test]
    fn sorts_tabs_and_narrows() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let plans = data.ensure_plans().unwrap();
        for p in [
            plan("Zoe", 3, Status::Ready, Some(4)),
            plan("Dr Okafor", 5, Status::Done, Some(0)),
            plan("dr okafor", 2, Status::Draft, None),
        ] {
            crate::store::plan_file::save_new(&plans, &p).unwrap();
        }
        std::fs::write(plans.join("x.toml"), "this is = = not toml").unwrap();
        let ladder = Ladder::embedded();
        let catalog = Catalog::load(&data, &ladder).unwrap();
        let rows = Rows::new(&catalog, &ladder);
        assert_eq!(rows.len(), 4);
        let [zoe, okafor, lower, broken] = [
            "Zoe plan 3",
            "Dr Okafor plan 5",
            "dr okafor plan 2",
            "x.toml",
        ];
        let all = Narrowing::default();
        let (v, counts) = visible(&rows, Sort::Date, Tab::All, &all, None);
        assert_eq!(
            titles(&rows, &v),
            [okafor, zoe, lower, broken],
            "newest first, broken last"
        );
        assert_eq!(counts, [4, 1, 1, 1]);
        let sorted = |sort| titles(&rows, &visible(&rows, sort, Tab::All, &all, None).0);
        assert_eq!(sorted(Sort::Stakeholder), [okafor, lower, zoe, broken]);
        assert_eq!(sorted(Sort::Status), [lower, zoe, okafor, broken]);
        assert_eq!(sorted(Sort::Tactic), [okafor, zoe, lower, broken]);
        assert_eq!(sorted(Sort::Due), [okafor, zoe, lower, broken]);
        let done = visible(&rows, Sort::Date, Tab::Done, &all, None).0;
        assert_eq!(titles(&rows, &done), [okafor]);
        let okafors = Narrowing {
            query: String::new(),
            person: Some(crate::domain::normalize_name("DR OKAFOR")),
        };
        let v = visible(&rows, Sort::Date, Tab::All, &okafors, None).0;
        assert_eq!(titles(&rows, &v), [okafor, lower]);
        let query = |q: &str| Narrowing {
            query: q.into(),
            person: None,
        };
        let hits = catalog.search("zoe").unwrap();
        let (v, counts) = visible(&rows, Sort::Date, Tab::All, &query("zoe"), Some(&hits));
        assert_eq!(titles(&rows, &v), [zoe]);
        assert_eq!(counts, [1, 0, 1, 0]);
        // A broken file is matched by its name.
        let hits = catalog.search("x.tom").unwrap();
        let (v, counts) = visible(&rows, Sort::Date, Tab::All, &query("x.tom"), Some(&hits));
        assert_eq!(titles(&rows, &v), [broken]);
        assert_eq!(counts, [1, 0, 0, 0]);
    }

    #[test]
    fn tabs_cycle_both_ways() {
        assert_eq!(Tab::All.step(false), Tab::Done);
        assert_eq!(Tab::Done.step(true), Tab::All);
        assert_eq!(Sort::Tactic.next(), Sort::Due);
        assert_eq!(Sort::Due.next(), Sort::Date);
    }
}
