//! The plans list as data: one row per plan file (broken files included), and which rows show, in what order,
//! for a sort, a status tab, a filter and a stakeholder. Rows are built in [`rows`] and nowhere else, so the
//! list can later be fed from compact summaries instead of whole plans by changing that one function.

use std::cmp::Ordering;
use std::num::NonZeroU32;
use std::ops::Deref;
use std::path::PathBuf;
use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::Date;

use crate::domain::filter::{Filter, fold};
use crate::domain::text::one_line;
use crate::domain::{Ladder, OutcomeResult, PlanFacts, Status};
use crate::store::catalog::search::Hits;
use crate::store::catalog::{Catalog, Location, PlanText};

/// One line of the list: everything the table shows, sorts and filters by, and how to find the file again.
/// There is one per plan, so it is kept small (56 bytes besides `location` and `text`): what can be worked out
/// again when a row is drawn (the date's text, the state's label) is, and what many rows share is held once
/// behind a thin pointer.
#[derive(Debug, Clone, PartialEq)]
pub struct ListRow {
    /// Where the file is, shared with the catalog's summary as is `text` (which holds the file's name): a row
    /// holds no copy of what the summary already holds.
    pub location: Location,
    /// The id (empty for a file that could not be read) and the title on one line (the file's name for a file
    /// that could not be read).
    pub text: PlanText,
    /// When the plan was created; the epoch for a file that could not be read (those sort by being broken first,
    /// so it never decides their order). The date the list shows is worked out from it when the row is drawn.
    created: Timestamp,
    /// The stakeholder's name and key, held once for all the rows that show them ([`Shared`]): at 50,000 plans
    /// that is a few thousand names instead of 100,000 strings.
    who: Shared<Who>,
    /// "3 Coach", or empty when no tactic is chosen yet; shared like `who`.
    tactic: Shared<String>,
    /// The primary tactic's position on the ladder (ladders have at most `MAX_RUNGS` rungs).
    rung: Option<u8>,
    pub status: Status,
    /// The outcome's result once recorded, which the state shows instead of the status.
    result: Option<OutcomeResult>,
    /// One more than the plan's position in the catalog (`None` for a broken file): see [`ListRow::plan`].
    plan: Option<NonZeroU32>,
    /// Why the file could not be read (`path:line:col: message`); see [`ListRow::broken`].
    broken: Option<Shared<String>>,
    /// When its agenda item is due (`domain::agenda::due_date`), for the sort by due date.
    pub due: Option<Date>,
    /// It follows up another plan (`follows`): the list marks its title (↳).
    pub follow_up: bool,
}

/// The stakeholder's name as the list shows it and as the history matches it.
#[derive(Debug, PartialEq, Eq, Hash)]
struct Who {
    name: String,
    key: String,
}

/// A value many rows share, behind one thin pointer (8 bytes, where an `Arc<str>` takes 16).
#[derive(Debug, PartialEq, Eq, Hash)]
struct Shared<T>(Arc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Arc::clone(&self.0))
    }
}

impl<T> std::borrow::Borrow<T> for Shared<T> {
    fn borrow(&self) -> &T {
        &self.0
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
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

    /// The creation date as the user's calendar has it ("2026-01-05"), or empty for a file that could not be read.
    pub fn date(&self) -> String {
        if self.broken.is_some() {
            return String::new();
        }
        crate::domain::dates::local_date(self.created).to_string()
    }

    /// The stakeholder's name on one line, or empty.
    pub fn stakeholder(&self) -> &str {
        &self.who.name
    }

    /// The stakeholder's name as the history matches it.
    pub fn stakeholder_key(&self) -> &str {
        &self.who.key
    }

    /// "3 Coach", or empty when no tactic is chosen yet.
    pub fn tactic(&self) -> &str {
        &self.tactic
    }

    /// The primary tactic's position on the ladder.
    pub fn rung(&self) -> Option<usize> {
        self.rung.map(usize::from)
    }

    /// The status, or the outcome's result once recorded; "broken" for a file that could not be read.
    pub fn state(&self) -> &'static str {
        if self.broken.is_some() {
            return "broken";
        }
        self.result
            .map_or(self.status.as_str(), OutcomeResult::as_str)
    }

    /// The plan's position in the catalog, which the search index numbers plans by; `None` for a broken file.
    pub fn plan(&self) -> Option<usize> {
        self.plan.map(|p| p.get() as usize - 1)
    }

    /// Why the file could not be read (`path:line:col: message`), or `None` when it could.
    pub fn broken(&self) -> Option<&str> {
        self.broken.as_deref().map(String::as_str)
    }

    /// Marks the row as a file that could not be read, for why.
    pub fn set_broken(&mut self, why: String) {
        self.broken = Some(Shared(Arc::new(why)));
    }
}

/// The rows of a workbook's catalog: plans first (in the catalog's order), then the files that could not be read.
/// Built from the compact summaries, so ten thousand plans cost a few megabytes and no long text.
pub fn rows(catalog: &Catalog, ladder: &Ladder) -> Vec<ListRow> {
    let mut people = Interner::default();
    let mut tactics = Interner::default();
    let keys = catalog.register.keys();
    let followed: std::collections::HashSet<&str> = catalog
        .summaries
        .iter()
        .map(|s| s.follows())
        .filter(|f| !f.is_empty())
        .collect();
    let mut out: Vec<ListRow> = Vec::with_capacity(catalog.summaries.len() + catalog.broken.len());
    out.extend(catalog.summaries.iter().enumerate().map(|(i, p)| {
        let rung = ladder
            .index_of(p.tactic().primary.as_ref())
            .and_then(|r| u8::try_from(r).ok());
        let title = one_line(p.title());
        ListRow {
            location: p.location().clone(),
            text: if title == p.title() {
                p.text().clone()
            } else {
                PlanText::with_name(p.id(), &title, "", p.text().name())
            },
            created: p.created(),
            who: people.get(Who {
                name: one_line(p.stakeholder().name.trim()),
                key: keys.key(&p.stakeholder().name),
            }),
            rung,
            tactic: tactics.get(one_line(&ladder.label(p.tactic().primary.as_ref()))),
            status: p.status,
            result: p.outcome_result(),
            // Catalogs past four billion plans cannot be loaded; such a row would be matched by its title.
            plan: u32::try_from(i + 1).ok().and_then(NonZeroU32::new),
            broken: None,
            due: crate::domain::agenda::due_date(&p.agenda_source(), &followed),
            follow_up: !p.follows().trim().is_empty(),
        }
    }));
    for e in &catalog.broken {
        let name = e
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut row = ListRow {
            location: Location::At(Arc::new(e.path.clone())),
            text: PlanText::new("", &one_line(&name), ""),
            created: Timestamp::UNIX_EPOCH,
            who: people.get(Who {
                name: String::new(),
                key: String::new(),
            }),
            rung: None,
            tactic: tactics.get(String::new()),
            status: Status::Draft,
            result: None,
            broken: None,
            plan: None,
            due: None,
            follow_up: false,
        };
        row.set_broken(one_line(&format!(
            "{name}{}: {}",
            e.position
                .map(|(l, c)| format!(":{l}:{c}"))
                .unwrap_or_default(),
            e.message
        )));
        out.push(row);
    }
    out
}

/// A digest of everything the rows show and sort by, so a reload can tell whether the list changed without
/// keeping the old rows beside the new ones (see `App::reload`).
pub fn digest(rows: &[ListRow]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    rows.len().hash(&mut h);
    for r in rows {
        (
            r.id(),
            r.title(),
            r.path(),
            r.created,
            r.stakeholder(),
            r.stakeholder_key(),
        )
            .hash(&mut h);
        (
            r.tactic(),
            r.rung,
            r.status,
            r.result,
            r.plan,
            r.broken(),
            r.due,
            r.follow_up,
        )
            .hash(&mut h);
    }
    h.finish()
}

/// Values many rows share, each held once.
struct Interner<T>(std::collections::HashSet<Shared<T>>);

impl<T> Default for Interner<T> {
    fn default() -> Self {
        Interner(std::collections::HashSet::new())
    }
}

impl<T: Eq + std::hash::Hash> Interner<T> {
    fn get(&mut self, value: T) -> Shared<T> {
        if let Some(held) = self.0.get(&value) {
            return held.clone();
        }
        let value = Shared(Arc::new(value));
        self.0.insert(value.clone());
        value
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
            .who
            .key
            .is_empty()
            .cmp(&b.who.key.is_empty())
            .then_with(|| a.who.key.cmp(&b.who.key)),
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
/// Row indexes are `u32` here and in what the list keeps from them (the matches, the visible rows): half the
/// size of `usize`, with one of each per plan. A catalog holds fewer than four billion plans (see `ListRow::plan`).
pub fn order(rows: &[ListRow], sort: Sort) -> Vec<u32> {
    let n = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    let mut order: Vec<u32> = (0..n).collect();
    order.sort_by(|&a, &b| compare(&rows[a as usize], &rows[b as usize], sort));
    order
}

/// The rows among `candidates` that a narrowing matches, in the candidates' order, with their scores: plans by
/// `hits` (the search index's answer for the query; every plan when `None`), broken files by name. The only work
/// a filter keystroke does per row; `candidates` can be the previous keystroke's matches while the query grows.
pub fn matches(
    rows: &[ListRow],
    candidates: impl IntoIterator<Item = u32>,
    narrowing: &Narrowing,
    hits: Option<&Hits>,
) -> Vec<(u32, u32)> {
    let filter = Filter::new(&narrowing.query);
    candidates
        .into_iter()
        .filter_map(|i| {
            let row = rows.get(i as usize)?;
            if let Some(person) = &narrowing.person
                && row.who.key != *person
            {
                return None;
            }
            let score = match (row.plan(), hits) {
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
pub fn shown(rows: &[ListRow], matches: &[(u32, u32)], tab: Tab) -> (Vec<u32>, [usize; 4]) {
    let mut counts = [0; 4];
    let mut shown: Vec<(u32, u32)> = Vec::new();
    for &(i, score) in matches {
        let Some(row) = rows.get(i as usize) else {
            continue;
        };
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
) -> (Vec<u32>, [usize; 4]) {
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
            location: Location::At(Arc::new(std::path::PathBuf::from(format!("{day}.toml")))),
            // Rows without a plan are matched by their title (as a broken file is, by its name).
            text: PlanText::new(&p.id, &format!("{name} plan {day}"), ""),
            created: ts,
            who: Shared(Arc::new(Who {
                name: name.into(),
                key: crate::domain::normalize_name(name),
            })),
            rung: rung.and_then(|r| u8::try_from(r).ok()),
            tactic: Shared(Arc::new(String::new())),
            status,
            result: None,
            plan: None,
            due: None,
            broken: None,
            follow_up: false,
        }
    }

    #[test]
    fn sorts_tabs_and_narrows() {
        let mut broken = row("", 1, Status::Draft, None);
        broken.set_broken("x.toml:1:1: bad".into());
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
