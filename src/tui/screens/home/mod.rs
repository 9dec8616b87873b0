//! The first screen: the plans as a table (date, stakeholder, title, tactic, status or outcome) with status tabs,
//! a sort, a live filter and, from the stakeholders view, one person's plans; or, in an empty workbook, a word on
//! what overture is for. The rows themselves come from `tui::plan_list`.

use std::path::PathBuf;
use std::sync::Arc;

use crate::domain::filter::Filter;
use crate::domain::snippet::Snippet;
use crate::store::catalog::search::{Hits, SearchIndex};
use crate::tui::action::Action;
use crate::tui::plan_list::{self, Narrowing, Row, Rows, Sort, Tab};
use crate::tui::widgets::field::TextField;

mod view;

pub use view::HomeView;

#[derive(Debug, Clone)]
pub struct Home {
    /// Position in `visible`.
    pub selected: usize,
    pub sort: Sort,
    pub tab: Tab,
    pub filter: TextField,
    /// The filter has the keyboard.
    pub filtering: bool,
    /// One stakeholder's plans only: their matching key and their name as shown.
    pub person: Option<(String, String)>,
    /// Indexes into the app's rows, in display order.
    pub visible: Vec<u32>,
    /// How many rows match the filter under each tab.
    pub counts: [usize; 4],
    /// Every row in the order of `sort`, and the sort it was made for (`None`: the rows changed).
    order: Vec<u32>,
    order_sort: Option<Sort>,
    /// The rows the narrowing matches (in `order`, with scores), and the narrowing they were found for.
    matched: Vec<(u32, u32)>,
    matched_for: Option<Narrowing>,
    /// The catalog's words, which a query is looked up in, and its answer for the last query.
    search: Arc<SearchIndex>,
    hits: Option<(String, Hits)>,
    /// Where the query matched the selected plan, when its row does not show it, and the query and file it was
    /// found for (see [`Home::passage_wanted`]).
    pub passage: Option<Snippet>,
    passage_for: Option<(String, PathBuf)>,
}

impl Default for Home {
    fn default() -> Self {
        Home {
            selected: 0,
            sort: Sort::default(),
            tab: Tab::default(),
            filter: TextField::new("Filter", "", false),
            filtering: false,
            person: None,
            visible: Vec::new(),
            counts: [0; 4],
            order: Vec::new(),
            order_sort: None,
            matched: Vec::new(),
            matched_for: None,
            search: Arc::default(),
            hits: None,
            passage: None,
            passage_for: None,
        }
    }
}

/// Which plan is selected, so it can be found again after the rows change: by id, else by file.
pub type Selection = Option<(String, PathBuf)>;

impl Home {
    /// A list of `rows`, everything shown, the newest plan selected; `search` is the catalog's search index the
    /// rows were built from.
    pub fn new(rows: &Rows, search: Arc<SearchIndex>) -> Self {
        let mut home = Home {
            search,
            ..Home::default()
        };
        home.refresh(rows, None, 0);
        home
    }

    /// The search index's answer for `query`, looked up once per query. A read error matches nothing: the
    /// catalog's next load rebuilds a damaged index.
    fn hits(&mut self, query: &str) -> Option<&Hits> {
        let filter = Filter::new(query);
        if filter.is_empty() {
            return None;
        }
        if self.hits.as_ref().is_none_or(|(q, _)| q != query) {
            let hits = self.search.search(&filter).unwrap_or_default();
            self.hits = Some((query.to_string(), hits));
        }
        self.hits.as_ref().map(|(_, h)| h)
    }

    pub fn selected_row<'a>(&self, rows: &'a Rows) -> Option<Row<'a>> {
        self.visible
            .get(self.selected)
            .and_then(|&i| rows.get(i as usize))
    }

    pub fn selection(&self, rows: &Rows) -> Selection {
        self.selected_row(rows)
            .map(|r| (r.id().to_string(), r.path()))
    }

    fn narrowing(&self) -> Narrowing {
        Narrowing {
            query: self.filter.value(),
            person: self.person.as_ref().map(|(key, _)| key.clone()),
        }
    }

    /// Works out the visible rows again, keeping `keep` selected when it is still shown, else moving to
    /// `fallback` (clamped).
    /// Sorting happens only when the sort or the rows changed, matching only when the narrowing changed (and
    /// over the previous hits alone while a query grows), so a keystroke or a tab costs at most one match per
    /// row and drawing costs nothing per row that is not on screen.
    pub fn refresh(&mut self, rows: &Rows, keep: Selection, fallback: usize) {
        if self.order_sort != Some(self.sort) {
            self.order = plan_list::order(rows, self.sort);
            self.order_sort = Some(self.sort);
            self.matched_for = None;
        }
        let narrowing = self.narrowing();
        match self.matched_for.take() {
            Some(old) if old == narrowing => {}
            Some(old)
                if old.person == narrowing.person && narrowing.query.starts_with(&old.query) =>
            {
                let previous: Vec<u32> = self.matched.iter().map(|&(i, _)| i).collect();
                let hits = self.hits(&narrowing.query).cloned();
                self.matched = plan_list::matches(rows, previous, &narrowing, hits.as_ref());
            }
            _ => {
                let hits = self.hits(&narrowing.query).cloned();
                let order = self.order.iter().copied();
                self.matched = plan_list::matches(rows, order, &narrowing, hits.as_ref());
            }
        }
        self.matched_for = Some(narrowing);
        let (visible, counts) = plan_list::shown(rows, &self.matched, self.tab);
        self.visible = visible;
        self.counts = counts;
        let found = keep.and_then(|(id, path)| {
            let by_id = (!id.is_empty())
                .then(|| {
                    self.visible
                        .iter()
                        .position(|&i| rows.get(i as usize).is_some_and(|r| r.id() == id))
                })
                .flatten();
            by_id.or_else(|| {
                self.visible
                    .iter()
                    .position(|&i| rows.get(i as usize).is_some_and(|r| r.is_at(&path)))
            })
        });
        self.selected = found.unwrap_or(fallback.min(self.visible.len().saturating_sub(1)));
    }

    /// What a passage would be found for now: the query and the selected plan's file (none without a query).
    /// The front end reads the plan when this differs from [`Home::passage_asked`] (see `PlanSummary::snippet`)
    /// and hands the answer to [`Home::set_passage`].
    pub fn passage_question(&self, rows: &Rows) -> Option<(String, PathBuf)> {
        let query = self.filter.value();
        let row = self.selected_row(rows).filter(|r| r.plan().is_some())?;
        (!query.trim().is_empty()).then(|| (query, row.path()))
    }

    pub fn passage_asked(&self) -> Option<&(String, PathBuf)> {
        self.passage_for.as_ref()
    }

    /// The passage found for [`Home::passage_question`]'s question, or `None` with no question.
    pub fn set_passage(&mut self, asked: Option<(String, PathBuf)>, passage: Option<Snippet>) {
        self.passage_for = asked;
        self.passage = passage;
    }

    /// The rows were built again (a reload) from a catalog with this search index: the next refresh sorts and
    /// matches them afresh.
    pub fn rows_changed(&mut self, search: Arc<SearchIndex>) {
        self.order_sort = None;
        self.matched_for = None;
        self.search = search;
        self.hits = None;
    }

    /// Selects the plan with this id (after a save, a copy, an undo), if it is shown.
    pub fn select_id(&mut self, rows: &Rows, id: &str) {
        if let Some(at) = self
            .visible
            .iter()
            .position(|&i| rows.get(i as usize).is_some_and(|r| r.id() == id))
        {
            self.selected = at;
        }
    }

    /// Reacts to the list's own actions; returns whether it did.
    pub fn handle(&mut self, action: Action, rows: &Rows) -> bool {
        let last = self.visible.len().saturating_sub(1);
        let keep = self.selection(rows);
        match action {
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = last,
            Action::Filter => self.filtering = true,
            Action::KeepFilter => self.filtering = false,
            Action::ClearFilter => {
                self.filtering = false;
                self.filter.set_text("");
                self.person = None;
                self.refresh(rows, keep, 0);
            }
            Action::Sort => {
                self.sort = self.sort.next();
                self.refresh(rows, keep, 0);
            }
            Action::NextTab | Action::PrevTab => {
                self.tab = self.tab.step(action == Action::NextTab);
                self.refresh(rows, keep, 0);
            }
            Action::ShowTab(i) => {
                self.tab = Tab::ALL.get(i).copied().unwrap_or_default();
                self.refresh(rows, keep, 0);
            }
            _ => return false,
        }
        true
    }

    /// A key typed into the filter: the list follows as it changes, the best match selected.
    pub fn filter_key(&mut self, key: ratatui::crossterm::event::KeyEvent, rows: &Rows) {
        if self.filter.input(key) {
            self.refresh(rows, None, 0);
        }
    }

    pub fn filter_paste(&mut self, text: &str, rows: &Rows) {
        if self.filter.paste(text) {
            self.refresh(rows, None, 0);
        }
    }

    /// Shows only one stakeholder's plans (from the stakeholders view), every status.
    pub fn show_person(&mut self, rows: &Rows, key: String, name: String) {
        self.person = Some((key, name));
        self.filter.set_text("");
        self.filtering = false;
        self.tab = Tab::All;
        self.refresh(rows, None, 0);
    }
}
