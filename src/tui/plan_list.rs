//! The plans list as data: one row per plan file (broken files included), and which rows show, in what order,
//! for a sort, a status tab, a filter and a stakeholder. Rows are built in [`rows`] and nowhere else, so the
//! list can later be fed from compact summaries instead of whole plans by changing that one function.

use std::cmp::Ordering;
use std::path::PathBuf;
use std::sync::Arc;

use jiff::Timestamp;

use crate::domain::filter::{Filter, fold};
use crate::domain::text::one_line;
use crate::domain::{Ladder, PlanFacts, Status};
use crate::store::catalog::search::Hits;
use crate::store::catalog::{Catalog, Location, PlanText};

/// One line of the list: everything the table shows, sorts and filters by, and how to find the file again.
#[derive(Debug, Clone, PartialEq)]
pub struct ListRow {
    /// Where the file is, shared with the catalog's summary as is `text` (which holds the file's name): a row
    /// holds no copy of what the summary already holds.
    pub location: Location,
    /// The id (empty for a file that could not be read) and the title on one line (the file's name for a file
    /// that could not be read).
    pub text: PlanText,
    pub created: Option<Timestamp>,
    /// The creation date as the user's calendar has it, or empty. This and the other texts many rows share (the
    /// name, its key, the tactic) are held once for all the rows that show them ([`Shared`]): at 50,000 plans
    /// that is a few thousand names and dates instead of 200,000 strings.
    pub date: Arc<str>,
    pub stakeholder: Arc<str>,
    /// The stakeholder's name as the history matches it.
    pub stakeholder_key: Arc<str>,
    /// The primary tactic's position on the ladder.
    pub rung: Option<usize>,
    /// "3 Coach", or empty when no tactic is chosen yet.
    pub tactic: Arc<str>,
    pub status: Status,
    /// The status, or the outcome's result once recorded.
    pub state: &'static str,
    /// The plan's position in the catalog, which the search index numbers plans by; `None` for a broken file.
    pub plan: Option<usize>,
    /// Why the file could not be read (`path:line:col: message`).
    pub broken: Option<String>,
    /// When its agenda item is due (`domain::agenda::due_date`), for the sort by due date.
    pub due: Option<jiff::civil::Date>,
    /// It follows up another plan (`follows`): the list marks its title (↳).
    pub follow_up: bool,
}

impl ListRow {
    /// The file's path (built on each call: rows are many, paths wanted for one at a time).
    pub fn path(&self) -> PathBuf {
        self.location.path(&self.text)
    }

    /// Empty for a file that could not be read.
    pub fn id(&self) -> &str {
        self.text.id()
    }

    /// The title on one line, or the file's name for a file that could not be read.
    pub fn title(&self) -> &str {
        self.text.title()
    }

    pub fn file_name(&self) -> String {
        self.path()
            .file_name()
            .map(|n| one_line(&n.to_string_lossy()))
            .unwrap_or_default()
    }
}

/// The rows of a workbook's catalog: plans first (in the catalog's order), then the files that could not be read.
/// Built from the compact summaries, so ten thousand plans cost a few megabytes and no long text.
pub fn rows(catalog: &Catalog, ladder: &Ladder) -> Vec<ListRow> {
    let mut shared = Shared::default();
    let keys = catalog.register.keys();
    let followed: std::collections::HashSet<&str> = catalog
        .summaries
        .iter()
        .map(|s| s.follows())
        .filter(|f| !f.is_empty())
        .collect();
    let mut out: Vec<ListRow> = catalog
        .summaries
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let rung = ladder.index_of(p.tactic().primary.as_ref());
            let title = one_line(p.title());
            ListRow {
                location: p.location().clone(),
                text: if title == p.title() {
                    p.text().clone()
                } else {
                    PlanText::with_name(p.id(), &title, "", p.text().name())
                },
                created: Some(p.created),
                date: shared.get(p.created_date().to_string()),
                stakeholder: shared.get(one_line(p.stakeholder().name.trim())),
                stakeholder_key: shared.get(keys.key(&p.stakeholder().name)),
                rung,
                tactic: shared.get(one_line(&ladder.label(p.tactic().primary.as_ref()))),
                status: p.status,
                state: p.state_label(),
                plan: Some(i),
                broken: None,
                due: crate::domain::agenda::due_date(&p.agenda_source(), &followed),
                follow_up: !p.follows().trim().is_empty(),
            }
        })
        .collect();
    for e in &catalog.broken {
        let name = e
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        out.push(ListRow {
            location: Location::At(Arc::from(e.path.as_path())),
            text: PlanText::new("", &one_line(&name), ""),
            created: None,
            date: shared.get(String::new()),
            stakeholder: shared.get(String::new()),
            stakeholder_key: shared.get(String::new()),
            rung: None,
            tactic: shared.get(String::new()),
            status: Status::Draft,
            state: "broken",
            broken: Some(one_line(&format!(
                "{name}{}: {}",
                e.position
                    .map(|(l, c)| format!(":{l}:{c}"))
                    .unwrap_or_default(),
                e.message
            ))),
            plan: None,
            due: None,
            follow_up: false,
        });
    }
    out
}

/// Texts many rows share, each held once.
#[derive(Default)]
struct Shared(std::collections::HashSet<Arc<str>>);

impl Shared {
    fn get(&mut self, text: String) -> Arc<str> {
        if let Some(t) = self.0.get(text.as_str()) {
            return t.clone();
        }
        let t: Arc<str> = text.into();
        self.0.insert(t.clone());
        t
    }
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

    pub fn admits(self, row: &ListRow) -> bool {
        if row.broken.is_some() {
            return self == Tab::All;
        }
        match self {
            Tab::All => true,
            Tab::Drafts => row.status == Status::Draft,
            Tab::Ready => row.status == Status::Ready,
            Tab::Done => matches!(row.status, Status::Done | Status::Dropped),
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

fn compare(a: &ListRow, b: &ListRow, sort: Sort) -> Ordering {
    // Broken files go last whatever the order, so they never hide the plans.
    let broken = a.broken.is_some().cmp(&b.broken.is_some());
    let newest = b
        .created
        .cmp(&a.created)
        .then_with(|| b.location.cmp_paths(&b.text, &a.location, &a.text));
    let by = match sort {
        Sort::Date => Ordering::Equal,
        Sort::Stakeholder => a
            .stakeholder_key
            .is_empty()
            .cmp(&b.stakeholder_key.is_empty())
            .then_with(|| a.stakeholder_key.cmp(&b.stakeholder_key)),
        Sort::Status => status_rank(a.status).cmp(&status_rank(b.status)),
        Sort::Tactic => match (a.rung, b.rung) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        },
        Sort::Due => match (a.due, b.due) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        },
    };
    broken.then(by).then(newest)
}

/// Every row in the order of `sort`. Worked out when the rows or the sort change, never on a keystroke or a frame.
pub fn order(rows: &[ListRow], sort: Sort) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&a, &b| compare(&rows[a], &rows[b], sort));
    order
}

/// The rows among `candidates` that a narrowing matches, in the candidates' order, with their scores: plans by
/// `hits` (the search index's answer for the query; every plan when `None`), broken files by name. The only work
/// a filter keystroke does per row; `candidates` can be the previous keystroke's matches while the query grows.
pub fn matches(
    rows: &[ListRow],
    candidates: impl IntoIterator<Item = usize>,
    narrowing: &Narrowing,
    hits: Option<&Hits>,
) -> Vec<(usize, u32)> {
    let filter = Filter::new(&narrowing.query);
    candidates
        .into_iter()
        .filter_map(|i| {
            let row = rows.get(i)?;
            if let Some(person) = &narrowing.person
                && *row.stakeholder_key != **person
            {
                return None;
            }
            let score = match (row.plan, hits) {
                (Some(plan), Some(hits)) => hits.score(plan),
                (Some(_), None) => Some(0),
                // A broken file is matched by its name, folded (`domain::filter::fold`); plans are matched through
                // the catalog's search index instead, by every word they hold.
                (None, _) => filter.score_folded(&fold(row.title())),
            };
            score.map(|score| (i, score))
        })
        .collect()
}

/// Which of the matches show under a tab, best first (a stable sort, so the sort order breaks ties), and how many
/// match each tab.
pub fn shown(rows: &[ListRow], matches: &[(usize, u32)], tab: Tab) -> (Vec<usize>, [usize; 4]) {
    let mut counts = [0; 4];
    let mut shown: Vec<(usize, u32)> = Vec::new();
    for &(i, score) in matches {
        let Some(row) = rows.get(i) else { continue };
        for t in Tab::ALL {
            if t.admits(row) {
                counts[t.index()] += 1;
            }
        }
        if tab.admits(row) {
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
    rows: &[ListRow],
    sort: Sort,
    tab: Tab,
    narrowing: &Narrowing,
    hits: Option<&Hits>,
) -> (Vec<usize>, [usize; 4]) {
    let order = order(rows, sort);
    shown(rows, &matches(rows, order, narrowing, hits), tab)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Plan;

    fn row(name: &str, day: i8, status: Status, rung: Option<usize>) -> ListRow {
        let ts: Timestamp = format!("2026-01-{day:02}T12:00:00Z").parse().unwrap();
        let mut p = Plan::new(ts);
        p.stakeholder.name = name.into();
        ListRow {
            location: Location::At(Arc::from(std::path::Path::new(&format!("{day}.toml")))),
            // Rows without a plan are matched by their title (as a broken file is, by its name).
            text: PlanText::new(&p.id, &format!("{name} plan {day}"), ""),
            created: Some(ts),
            date: "".into(),
            stakeholder: name.into(),
            stakeholder_key: crate::domain::normalize_name(name).into(),
            rung,
            tactic: "".into(),
            status,
            state: status.as_str(),
            plan: None,
            due: None,
            broken: None,
            follow_up: false,
        }
    }

    #[test]
    fn sorts_tabs_and_narrows() {
        let mut broken = row("", 1, Status::Draft, None);
        broken.broken = Some("x.toml:1:1: bad".into());
        let rows = vec![
            row("Zoe", 3, Status::Ready, Some(4)),
            broken,
            row("Dr Okafor", 5, Status::Done, Some(0)),
            row("dr okafor", 2, Status::Draft, None),
        ];
        let all = Narrowing::default();
        let (v, counts) = visible(&rows, Sort::Date, Tab::All, &all, None);
        assert_eq!(v, [2, 0, 3, 1], "newest first, broken last");
        assert_eq!(counts, [4, 1, 1, 1]);
        assert_eq!(
            visible(&rows, Sort::Stakeholder, Tab::All, &all, None).0,
            [2, 3, 0, 1]
        );
        assert_eq!(
            visible(&rows, Sort::Status, Tab::All, &all, None).0,
            [3, 0, 2, 1]
        );
        assert_eq!(
            visible(&rows, Sort::Tactic, Tab::All, &all, None).0,
            [2, 0, 3, 1]
        );
        assert_eq!(visible(&rows, Sort::Date, Tab::Done, &all, None).0, [2]);
        let okafor = Narrowing {
            query: String::new(),
            person: Some(crate::domain::normalize_name("DR OKAFOR")),
        };
        assert_eq!(
            visible(&rows, Sort::Date, Tab::All, &okafor, None).0,
            [2, 3]
        );
        let query = Narrowing {
            query: "okf 5".into(),
            person: None,
        };
        let (v, counts) = visible(&rows, Sort::Date, Tab::All, &query, None);
        assert_eq!(v, [2]);
        assert_eq!(counts, [1, 0, 0, 1]);
    }

    #[test]
    fn tabs_cycle_both_ways() {
        assert_eq!(Tab::All.step(false), Tab::Done);
        assert_eq!(Tab::Done.step(true), Tab::All);
        assert_eq!(Sort::Tactic.next(), Sort::Due);
        assert_eq!(Sort::Due.next(), Sort::Date);
    }
}
