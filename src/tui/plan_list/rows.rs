//! The list's rows, built from the catalog's summaries and read through them: a plan's row keeps only what its
//! summary does not say (24 bytes), and the id, title, file and creation time are read from the summary, which
//! the rows share with the catalog. Files that could not be read (few) keep rows of their own.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::civil::Date;

use crate::domain::people::PersonKeys;
use crate::domain::text::one_line;
use crate::domain::{Ladder, OutcomeResult, PlanFacts, Status};
use crate::store::LoadError;
use crate::store::catalog::{Catalog, PlanSummary};

/// What a plan's row holds besides its summary: what the list sorts, filters and counts by, worked out once per
/// load. There is one per plan, so it is kept to 24 bytes (at 50,000 plans every byte here is 50 kB); what many
/// rows share (the stakeholder's name, the tactic's label) is held once in [`Rows`] and named by its position.
#[derive(Debug, Clone, Copy)]
pub(super) struct PlanRow {
    /// The plan's place in the newest-first order (creation time, then path): every sort's last tie-break,
    /// compared as one number instead of two timestamps and two paths.
    pub(super) newest: u32,
    /// Position in [`Rows::people`].
    pub(super) who: u32,
    /// Position in [`Rows::tactics`].
    pub(super) tactic: u32,
    /// When its agenda item is due (`domain::agenda::due_date`), for the sort by due date.
    pub(super) due: Option<Date>,
    /// The primary tactic's position on the ladder (ladders have at most `MAX_RUNGS` rungs).
    pub(super) rung: Option<u8>,
    pub(super) status: Status,
    /// The outcome's result once recorded, which the state shows instead of the status.
    result: Option<OutcomeResult>,
    /// It follows up another plan (`follows`): the list marks its title (↳).
    follow_up: bool,
    /// Its title has line breaks: the title on one line is in [`Rows::titles`].
    multi_line: bool,
}

/// The stakeholder's name as the list shows it and as the history matches it, held once for every row naming it.
#[derive(Debug, Clone)]
pub(super) struct Who {
    name: Box<str>,
    pub(super) key: Box<str>,
    /// Place in the order of keys (named people first), equal for equal keys: the sort by stakeholder compares
    /// these instead of the keys.
    pub(super) rank: u32,
}

/// A file that could not be read: its row, and what the list says of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Unreadable {
    path: PathBuf,
    /// The file's name on one line.
    title: String,
    /// Why (`path:line:col: message`), on one line.
    why: String,
}

impl Unreadable {
    pub fn new(path: PathBuf, title: &str, why: &str) -> Self {
        Unreadable {
            path,
            title: one_line(title),
            why: one_line(why),
        }
    }

    fn of(e: &LoadError) -> Self {
        let name = e
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let at = e
            .position
            .map(|(l, c)| format!(":{l}:{c}"))
            .unwrap_or_default();
        Unreadable::new(e.path.clone(), &name, &format!("{name}{at}: {}", e.message))
    }

    pub fn path(&self) -> PathBuf {
        self.path.clone()
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    /// Why the file could not be read (`path:line:col: message`).
    pub fn broken(&self) -> Option<&str> {
        Some(&self.why)
    }
}

/// The rows of a workbook's catalog: plans first (in the catalog's order, so a plan's row is at its position
/// there), then the files that could not be read, newest first as the list orders them (by path, since they
/// have no creation time).
#[derive(Debug, Clone, Default)]
pub struct Rows {
    /// The catalog's summaries, shared.
    summaries: Arc<Vec<PlanSummary>>,
    pub(super) plans: Vec<PlanRow>,
    unreadable: Vec<Unreadable>,
    pub(super) people: Vec<Who>,
    tactics: Vec<Box<str>>,
    /// The titles that have line breaks, on one line, by plan position (sorted): rare, so kept apart.
    titles: Vec<(u32, Box<str>)>,
    /// Whether any plan has something due: the list shows a Due column then, on every frame.
    any_due: bool,
}

/// One row, read through its summary or its unreadable file.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a>(Kind<'a>);

#[derive(Debug, Clone, Copy)]
enum Kind<'a> {
    Plan {
        rows: &'a Rows,
        plan: u32,
        row: &'a PlanRow,
        summary: &'a PlanSummary,
    },
    Unreadable(&'a Unreadable),
}

impl<'a> Row<'a> {
    /// The file's path (built on each call: rows are many, paths wanted for one at a time).
    pub fn path(&self) -> PathBuf {
        match self.0 {
            Kind::Plan { summary, .. } => summary.path(),
            Kind::Unreadable(u) => u.path(),
        }
    }

    /// Whether the row is the file at `path`, without building its path.
    pub fn is_at(&self, path: &Path) -> bool {
        match self.0 {
            Kind::Plan { summary, .. } => summary.is_at(path),
            Kind::Unreadable(u) => u.path == path,
        }
    }

    /// Empty for a file that could not be read.
    pub fn id(&self) -> &'a str {
        match self.0 {
            Kind::Plan { summary, .. } => summary.id(),
            Kind::Unreadable(_) => "",
        }
    }

    /// The title on one line, or the file's name for a file that could not be read.
    pub fn title(&self) -> &'a str {
        match self.0 {
            Kind::Plan {
                rows,
                plan,
                row,
                summary,
            } => {
                if row.multi_line
                    && let Ok(at) = rows.titles.binary_search_by_key(&plan, |(p, _)| *p)
                    && let Some((_, title)) = rows.titles.get(at)
                {
                    return title;
                }
                summary.title()
            }
            Kind::Unreadable(u) => &u.title,
        }
    }

    pub fn file_name(&self) -> String {
        self.path()
            .file_name()
            .map(|n| one_line(&n.to_string_lossy()))
            .unwrap_or_default()
    }

    /// The creation date as the user's calendar has it ("2026-01-05"), or empty for a file that could not be read.
    pub fn date(&self) -> String {
        match self.0 {
            Kind::Plan { summary, .. } => {
                crate::domain::dates::local_date(summary.created()).to_string()
            }
            Kind::Unreadable(_) => String::new(),
        }
    }

    fn who(&self) -> Option<&'a Who> {
        match self.0 {
            Kind::Plan { rows, row, .. } => rows.people.get(row.who as usize),
            Kind::Unreadable(_) => None,
        }
    }

    /// The stakeholder's name on one line, or empty.
    pub fn stakeholder(&self) -> &'a str {
        self.who().map_or("", |w| &w.name)
    }

    /// The stakeholder's name as the history matches it.
    pub fn stakeholder_key(&self) -> &'a str {
        self.who().map_or("", |w| &w.key)
    }

    /// "3 Coach", or empty when no tactic is chosen yet.
    pub fn tactic(&self) -> &'a str {
        match self.0 {
            Kind::Plan { rows, row, .. } => rows.tactics.get(row.tactic as usize).map_or("", |t| t),
            Kind::Unreadable(_) => "",
        }
    }

    /// The primary tactic's position on the ladder.
    pub fn rung(&self) -> Option<usize> {
        match self.0 {
            Kind::Plan { row, .. } => row.rung.map(usize::from),
            Kind::Unreadable(_) => None,
        }
    }

    /// The plan's status (a file that could not be read counts as a draft, though no tab but All shows it).
    pub fn status(&self) -> Status {
        match self.0 {
            Kind::Plan { row, .. } => row.status,
            Kind::Unreadable(_) => Status::Draft,
        }
    }

    /// The status, or the outcome's result once recorded; "broken" for a file that could not be read.
    pub fn state(&self) -> &'static str {
        match self.0 {
            Kind::Plan { row, .. } => row
                .result
                .map_or(row.status.as_str(), OutcomeResult::as_str),
            Kind::Unreadable(_) => "broken",
        }
    }

    /// When the plan was created; `None` for a file that could not be read.
    fn created(&self) -> Option<jiff::Timestamp> {
        match self.0 {
            Kind::Plan { summary, .. } => Some(summary.created()),
            Kind::Unreadable(_) => None,
        }
    }

    /// When its agenda item is due.
    pub fn due(&self) -> Option<Date> {
        match self.0 {
            Kind::Plan { row, .. } => row.due,
            Kind::Unreadable(_) => None,
        }
    }

    /// It follows up another plan: the list marks its title (↳).
    pub fn follow_up(&self) -> bool {
        match self.0 {
            Kind::Plan { row, .. } => row.follow_up,
            Kind::Unreadable(_) => false,
        }
    }

    /// The plan's position in the catalog, which the search index numbers plans by; `None` for a broken file.
    pub fn plan(&self) -> Option<usize> {
        match self.0 {
            Kind::Plan { plan, .. } => Some(plan as usize),
            Kind::Unreadable(_) => None,
        }
    }

    /// Why the file could not be read (`path:line:col: message`), or `None` when it could.
    pub fn broken(&self) -> Option<&'a str> {
        match self.0 {
            Kind::Plan { .. } => None,
            Kind::Unreadable(u) => u.broken(),
        }
    }

    /// The row as a file that could not be read, for why (a plan that failed to load when opened).
    pub fn unreadable(&self, why: &str) -> Unreadable {
        Unreadable::new(self.path(), self.title(), why)
    }
}

impl Rows {
    /// A digest of everything the rows show and sort by, so a reload can tell whether the list changed without
    /// keeping the old rows (and the catalog they read through) beside the new ones (see `App::reload`).
    pub fn digest(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.len().hash(&mut h);
        for r in self.iter() {
            (
                r.id(),
                r.title(),
                r.path(),
                r.stakeholder(),
                r.stakeholder_key(),
            )
                .hash(&mut h);
            (
                r.tactic(),
                r.rung(),
                r.status(),
                r.state(),
                r.plan(),
                r.broken(),
            )
                .hash(&mut h);
            (r.due(), r.follow_up(), r.created()).hash(&mut h);
        }
        h.finish()
    }

    /// The rows of `catalog`'s plans and of the files it could not read.
    pub fn new(catalog: &Catalog, ladder: &Ladder) -> Rows {
        Rows::build(
            Arc::clone(&catalog.summaries),
            &catalog.broken,
            &catalog.register.keys(),
            ladder,
        )
    }

    fn build(
        summaries: Arc<Vec<PlanSummary>>,
        broken: &[LoadError],
        keys: &PersonKeys,
        ladder: &Ladder,
    ) -> Rows {
        let s = &summaries;
        let followed: std::collections::HashSet<&str> = s
            .iter()
            .map(|s| s.follows())
            .filter(|f| !f.is_empty())
            .collect();
        // Catalogs past four billion plans cannot be loaded; positions are u32 here and in the list.
        let n = s.len().min(u32::MAX as usize);
        let mut newest: Vec<u32> = (0..n as u32).collect();
        newest.sort_by(|&a, &b| {
            let (a, b) = (&s[a as usize], &s[b as usize]);
            b.created().cmp(&a.created()).then_with(|| b.path_cmp(a))
        });
        let mut place = vec![0u32; n];
        for (k, &i) in newest.iter().enumerate() {
            place[i as usize] = k as u32;
        }
        drop(newest);

        let mut people = People::default();
        let mut tactics: HashMap<String, u32> = HashMap::new();
        let mut titles = Vec::new();
        let mut plans = Vec::with_capacity(n);
        for (i, p) in s.iter().take(n).enumerate() {
            let label = one_line(&ladder.label(p.tactic().primary.as_ref()));
            let next = tactics.len() as u32;
            let tactic = *tactics.entry(label).or_insert(next);
            let title = one_line(p.title());
            let multi_line = title != p.title();
            if multi_line {
                titles.push((i as u32, title.into_boxed_str()));
            }
            plans.push(PlanRow {
                newest: place[i],
                who: people.get(&p.stakeholder().name, keys),
                tactic,
                due: crate::domain::agenda::due_date(&p.agenda_source(), &followed),
                rung: ladder
                    .index_of(p.tactic().primary.as_ref())
                    .and_then(|r| u8::try_from(r).ok()),
                status: p.status,
                result: p.outcome_result(),
                follow_up: !p.follows().trim().is_empty(),
                multi_line,
            });
        }
        let mut tactics: Vec<(String, u32)> = tactics.into_iter().collect();
        tactics.sort_by_key(|&(_, i)| i);
        let mut unreadable: Vec<Unreadable> = broken.iter().map(Unreadable::of).collect();
        unreadable.sort_by(|a, b| b.path.cmp(&a.path));
        let any_due = plans.iter().any(|p| p.due.is_some());
        Rows {
            summaries,
            plans,
            unreadable,
            people: people.ranked(),
            tactics: tactics
                .into_iter()
                .map(|(t, _)| t.into_boxed_str())
                .collect(),
            titles,
            any_due,
        }
    }

    pub fn len(&self) -> usize {
        self.plans.len() + self.unreadable.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, i: usize) -> Option<Row<'_>> {
        match (self.plans.get(i), self.summaries.get(i)) {
            (Some(row), Some(summary)) => Some(Row(Kind::Plan {
                rows: self,
                plan: i as u32,
                row,
                summary,
            })),
            _ => i
                .checked_sub(self.plans.len())
                .and_then(|u| self.unreadable.get(u))
                .map(|u| Row(Kind::Unreadable(u))),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = Row<'_>> {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// The files that could not be read.
    pub fn unreadable(&self) -> &[Unreadable] {
        &self.unreadable
    }

    /// Whether any plan has something due.
    pub fn any_due(&self) -> bool {
        self.any_due
    }
}

/// Hands out one position per stakeholder as the list shows them, looking each name a summary holds up once.
#[derive(Default)]
struct People {
    /// By the name as the summary spells it.
    by_name: HashMap<String, u32>,
    /// By the name as shown and the key: names spelled apart that show the same share one.
    by_shown: HashMap<(Box<str>, Box<str>), u32>,
    people: Vec<Who>,
}

impl People {
    fn get(&mut self, name: &str, keys: &PersonKeys) -> u32 {
        if let Some(&i) = self.by_name.get(name) {
            return i;
        }
        let shown: (Box<str>, Box<str>) = (one_line(name.trim()).into(), keys.key(name).into());
        let i = match self.by_shown.get(&shown) {
            Some(&i) => i,
            None => {
                let i = self.people.len() as u32;
                self.people.push(Who {
                    name: shown.0.clone(),
                    key: shown.1.clone(),
                    rank: 0,
                });
                self.by_shown.insert(shown, i);
                i
            }
        };
        self.by_name.insert(name.to_string(), i);
        i
    }

    /// The people with their ranks in the order of keys: named people first, then by key.
    fn ranked(mut self) -> Vec<Who> {
        let mut order: Vec<usize> = (0..self.people.len()).collect();
        let key = |i: usize| {
            let k = &self.people[i].key;
            (k.is_empty(), k.clone())
        };
        order.sort_by_cached_key(|&i| key(i));
        let mut rank = 0;
        for (n, &i) in order.iter().enumerate() {
            if n > 0 && self.people[order[n - 1]].key != self.people[i].key {
                rank += 1;
            }
            self.people[i].rank = rank;
        }
        self.people
    }
}
