//! The first screen: the plans as a table (date, stakeholder, title, tactic, status or outcome) with status tabs,
//! a sort, a live filter and, from the stakeholders view, one person's plans; or, in an empty workbook, a word on
//! what overture is for. The rows themselves come from `tui::plan_list`.

use std::path::PathBuf;
use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::domain::filter::Filter;
use crate::domain::snippet::Snippet;
use crate::store::catalog::search::{Hits, SearchIndex};
use crate::tui::action::Action;
use crate::tui::event::{Target, clickable};
use crate::tui::keymap::{Context, Keymap, Mode};
use crate::tui::plan_list::{self, ListRow, Narrowing, Sort, Tab};
use crate::tui::theme::Theme;
use crate::tui::widgets::field::TextField;
use crate::tui::widgets::passage;
use crate::tui::widgets::wrap::{fit, truncate, wrap};
use unicode_width::UnicodeWidthStr;

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
    pub visible: Vec<usize>,
    /// How many rows match the filter under each tab.
    pub counts: [usize; 4],
    /// Every row in the order of `sort`, and the sort it was made for (`None`: the rows changed).
    order: Vec<usize>,
    order_sort: Option<Sort>,
    /// The rows the narrowing matches (in `order`, with scores), and the narrowing they were found for.
    matched: Vec<(usize, u32)>,
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
    pub fn new(rows: &[ListRow], search: Arc<SearchIndex>) -> Self {
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

    pub fn selected_row<'a>(&self, rows: &'a [ListRow]) -> Option<&'a ListRow> {
        self.visible.get(self.selected).and_then(|&i| rows.get(i))
    }

    pub fn selection(&self, rows: &[ListRow]) -> Selection {
        self.selected_row(rows)
            .map(|r| (r.id.clone(), r.path.clone()))
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
    pub fn refresh(&mut self, rows: &[ListRow], keep: Selection, fallback: usize) {
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
                let previous: Vec<usize> = self.matched.iter().map(|&(i, _)| i).collect();
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
                .then(|| self.visible.iter().position(|&i| rows[i].id == id))
                .flatten();
            by_id.or_else(|| self.visible.iter().position(|&i| rows[i].path == path))
        });
        self.selected = found.unwrap_or(fallback.min(self.visible.len().saturating_sub(1)));
    }

    /// What a passage would be found for now: the query and the selected plan's file (none without a query).
    /// The front end reads the plan when this differs from [`Home::passage_asked`] (see `PlanSummary::snippet`)
    /// and hands the answer to [`Home::set_passage`].
    pub fn passage_question(&self, rows: &[ListRow]) -> Option<(String, PathBuf)> {
        let query = self.filter.value();
        let row = self.selected_row(rows).filter(|r| r.plan.is_some())?;
        (!query.trim().is_empty()).then(|| (query, row.path.clone()))
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
    pub fn select_id(&mut self, rows: &[ListRow], id: &str) {
        if let Some(at) = self.visible.iter().position(|&i| rows[i].id == id) {
            self.selected = at;
        }
    }

    /// Reacts to the list's own actions; returns whether it did.
    pub fn handle(&mut self, action: Action, rows: &[ListRow]) -> bool {
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
    pub fn filter_key(&mut self, key: ratatui::crossterm::event::KeyEvent, rows: &[ListRow]) {
        if self.filter.input(key) {
            self.refresh(rows, None, 0);
        }
    }

    pub fn filter_paste(&mut self, text: &str, rows: &[ListRow]) {
        if self.filter.paste(text) {
            self.refresh(rows, None, 0);
        }
    }

    /// Shows only one stakeholder's plans (from the stakeholders view), every status.
    pub fn show_person(&mut self, rows: &[ListRow], key: String, name: String) {
        self.person = Some((key, name));
        self.filter.set_text("");
        self.filtering = false;
        self.tab = Tab::All;
        self.refresh(rows, None, 0);
    }
}

/// What the home screen needs to draw.
pub struct HomeView<'a> {
    pub home: &'a Home,
    pub rows: &'a [ListRow],
    pub theme: &'a Theme,
    pub keys: &'a Keymap,
    pub demo: bool,
    pub location: String,
    pub status: Option<&'a Line<'a>>,
    /// Copies a sync tool left beside the plans: not loaded, so the user must be told they are there.
    pub conflicts: usize,
    /// Agenda items overdue and due today (`domain::agenda::due_now`): a line at the top says so.
    pub due: (usize, usize),
    /// The day the Due column counts from.
    pub today: jiff::civil::Date,
}

const WELCOME: &str = "overture helps you prepare a difficult conversation: who you need to win over, what you want \
them to do, and how you will ask. The nine tactics run on a ladder from gentle (Reason, Inspire, Coach) to hard \
(Authority, Force), and overture warns you when you reach for the hard rungs before the gentle ones have been tried.";

/// The plan column's widest, so the tactic stays near the title on a wide terminal.
const TITLE_MAX: usize = 70;

/// Column widths for a table `width` columns wide; zero means the column is left out.
struct Columns {
    date: usize,
    who: usize,
    title: usize,
    tactic: usize,
    state: usize,
    /// When the plan's agenda item is due ("Fri 18 Dec"): from 100 columns, when any plan has something due.
    /// Narrower, the list sorted by due date shows it in the Date column's place instead (see `HomeView`).
    due: usize,
}

/// The Due column's width.
const DUE: usize = 10;

impl Columns {
    fn for_width(width: usize, any_due: bool) -> Columns {
        let (date, who, tactic, state) = if width >= 100 {
            (10, 18, 16, 11)
        } else if width >= 60 {
            (10, 16, 12, 10)
        } else {
            (0, 14, 0, 10)
        };
        let due = if any_due && width >= 100 { DUE } else { 0 };
        let gaps = [date, who, tactic, state, due]
            .iter()
            .filter(|w| **w > 0)
            .count();
        let title = width
            .saturating_sub(date + who + tactic + state + due + gaps)
            .clamp(1, TITLE_MAX);
        Columns {
            date,
            who,
            title,
            tactic,
            state,
            due,
        }
    }

    fn cells(
        &self,
        date: &str,
        who: &str,
        title: &str,
        tactic: &str,
        state: &str,
        due: &str,
    ) -> String {
        let mut out = String::new();
        for (text, w) in [
            (date, self.date),
            (who, self.who),
            (title, self.title),
            (tactic, self.tactic),
            (state, self.state),
            (due, self.due),
        ] {
            if w > 0 {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&fit(text, w));
            }
        }
        out
    }
}

fn at(area: Rect, y: u16) -> Rect {
    Rect {
        y,
        height: 1,
        ..area
    }
    .intersection(area)
}

impl HomeView<'_> {
    /// Marks each status tab clickable, where [`HomeView::tabs`] lays it out.
    fn tab_areas(&self, line: Rect) {
        let mut x = line.x;
        for tab in Tab::ALL {
            let text = format!(" {} {} ", tab.label(), self.home.counts[tab.index()]);
            let w = u16::try_from(text.width()).unwrap_or(u16::MAX);
            clickable(
                Rect {
                    x,
                    width: w,
                    ..line
                }
                .intersection(line),
                Target::Tab(tab.index()),
            );
            x = x.saturating_add(w).saturating_add(1);
        }
    }

    fn tabs(&self, width: usize) -> Line<'static> {
        let theme = self.theme;
        let mut spans = Vec::new();
        for tab in Tab::ALL {
            let text = format!(" {} {} ", tab.label(), self.home.counts[tab.index()]);
            let style = if tab == self.home.tab {
                theme.selected
            } else {
                theme.muted
            };
            spans.push(Span::styled(text, style));
            spans.push(Span::raw(" "));
        }
        let used: usize = spans.iter().map(Span::width).sum();
        let sort = if self.home.filter.value().is_empty() {
            format!("sort: {}", self.home.sort.label())
        } else {
            format!("sort: best match, then {}", self.home.sort.label())
        };
        if used + sort.len() + 2 <= width {
            spans.push(Span::raw(" ".repeat(width - used - sort.len())));
            spans.push(Span::styled(sort, theme.muted));
        }
        Line::from(spans)
    }

    /// "2 overdue, 1 due today: A shows the agenda", while anything is, so nobody has to remember to look.
    fn due_line(&self, width: usize) -> Option<Line<'static>> {
        let (overdue, today) = self.due;
        let text = match (overdue, today) {
            (0, 0) => return None,
            (o, 0) => format!("{o} overdue"),
            (0, t) => format!("{t} due today"),
            (o, t) => format!("{o} overdue, {t} due today"),
        };
        let key = self
            .keys
            .key_for(
                crate::tui::keymap::Context::Home,
                crate::tui::action::Action::Agenda,
            )
            .unwrap_or_else(|| "A".into());
        let style = if overdue > 0 {
            self.theme.warning
        } else {
            self.theme.heading
        };
        Some(Line::styled(
            truncate(&format!("{text}: {key} shows the agenda"), width),
            style,
        ))
    }

    fn narrowing_line(&self, width: usize) -> Option<Line<'static>> {
        let home = self.home;
        let theme = self.theme;
        let shown = format!("{} of {}", home.visible.len(), self.rows.len());
        if let Some((_, name)) = &home.person {
            let text = format!(
                "{name}'s plans ({shown}) · {} shows everyone's",
                self.key(Context::Home, Action::ClearFilter)
            );
            return Some(Line::styled(truncate(&text, width), theme.heading));
        }
        let query = crate::domain::text::one_line(&home.filter.text());
        if !home.filtering && query.trim().is_empty() {
            return None;
        }
        let mut spans = vec![Span::styled("/ ", theme.key), Span::raw(query.clone())];
        if home.filtering {
            spans.push(Span::styled(" ", theme.selected));
        }
        let hint = if home.filtering {
            format!(
                "  {shown} · {} keeps · {} clears",
                self.key(Context::Filter, Action::KeepFilter),
                self.key(Context::Filter, Action::ClearFilter)
            )
        } else {
            format!(
                "  {shown} · {} changes · {} clears",
                self.key(Context::Home, Action::Filter),
                self.key(Context::Home, Action::ClearFilter)
            )
        };
        spans.push(Span::styled(hint, theme.muted));
        let line = Line::from(spans);
        if line.width() > width {
            return Some(Line::raw(truncate(&format!("/ {query}"), width)));
        }
        Some(line)
    }

    /// The key for an action, as the user has bound it, for sentences that name one.
    fn key(&self, context: Context, action: Action) -> String {
        self.keys
            .key_for(context, action)
            .unwrap_or_else(|| "-".into())
    }

    fn footer(&self, width: usize, room: usize) -> Vec<Line<'static>> {
        let key = self.theme.key;
        if self.rows.is_empty() {
            let only = [Action::NewPlan, Action::Help, Action::Quit];
            return vec![Line::styled(
                self.keys.footer_only(Mode::Home, &only, width),
                key,
            )];
        }
        let mode = if self.home.filtering {
            Mode::HomeFilter
        } else {
            Mode::Home
        };
        self.keys
            .footer(mode, width, room.clamp(1, 2))
            .into_iter()
            .map(|l| Line::styled(l, key))
            .collect()
    }

    fn welcome(&self, body: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let width = usize::from(body.width);
        let mut lines = vec![
            Line::styled("Welcome to overture.", theme.heading),
            Line::raw(""),
        ];
        lines.extend(wrap(WELCOME, width).into_iter().map(Line::raw));
        lines.push(Line::raw(""));
        lines.push(Line::from(vec![
            Span::raw("Press "),
            Span::styled(self.key(Context::Home, Action::NewPlan), theme.key),
            Span::raw(" to start your first plan, "),
            Span::styled(self.key(Context::Home, Action::Help), theme.key),
            Span::raw(" for help, "),
            Span::styled(self.key(Context::Home, Action::Quit), theme.key),
            Span::raw(" to quit."),
        ]));
        lines.push(Line::raw(""));
        let saved = format!(
            "Plans are saved as TOML files you own, in {}",
            self.location
        );
        lines.extend(
            wrap(&saved, width)
                .into_iter()
                .map(|l| Line::styled(l, theme.muted)),
        );
        Paragraph::new(lines).render(body, buf);
    }
}

impl Widget for &HomeView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let home = self.home;
        if area.height < 3 {
            return;
        }
        let width = usize::from(area.width.saturating_sub(2));
        let title = if self.demo {
            " overture · demo workbook (examples in a temporary folder, removed on quit)"
                .to_string()
        } else {
            let plans = self.rows.iter().filter(|r| r.broken.is_none()).count();
            match self.conflicts {
                0 => format!(" overture · your plans ({plans})"),
                1 => format!(
                    " overture · your plans ({plans}) · 1 copy left by a sync tool, not loaded: `overture check` names it"
                ),
                n => format!(
                    " overture · your plans ({plans}) · {n} copies left by a sync tool, not loaded: `overture check` names them"
                ),
            }
        };
        Line::styled(truncate(&title, usize::from(area.width)), theme.title)
            .render(at(area, area.y), buf);

        // The footer: the status line, else one or two lines of keys (two only where there is room).
        let room = if area.height < 20 { 1 } else { 2 };
        let footer = match self.status {
            Some(line) => vec![line.clone()],
            None => self.footer(usize::from(area.width), room),
        };
        let footer_h = u16::try_from(footer.len()).unwrap_or(1);
        let footer_top = area.bottom().saturating_sub(footer_h);
        for (i, line) in footer.into_iter().enumerate() {
            let y = footer_top.saturating_add(u16::try_from(i).unwrap_or(0));
            line.render(at(area, y), buf);
        }
        let body = Rect {
            x: area.x.saturating_add(1),
            y: area.y.saturating_add(1),
            width: area.width.saturating_sub(2),
            height: footer_top.saturating_sub(area.y.saturating_add(1)),
        }
        .intersection(area);
        if self.rows.is_empty() {
            let body = Rect {
                y: body.y.saturating_add(1),
                height: body.height.saturating_sub(1),
                ..body
            };
            self.welcome(body, buf);
            return;
        }

        let mut y = body.y;
        self.tabs(width).render(at(body, y), buf);
        self.tab_areas(at(body, y));
        y = y.saturating_add(1);
        if let Some(line) = self.due_line(width) {
            line.render(at(body, y), buf);
            y = y.saturating_add(1);
        }
        if let Some(line) = self.narrowing_line(width) {
            line.render(at(body, y), buf);
            y = y.saturating_add(1);
        }
        let any_due = self.rows.iter().any(|r| r.due.is_some());
        // Between 60 and 100 columns there is no room for a Due column beside the rest: sorted by due date, the
        // list shows the due date where the creation date was, since that is the order it is in.
        let due_first = any_due && home.sort == Sort::Due && width < 100;
        let cols = Columns::for_width(width, any_due && !due_first);
        if y < body.bottom() {
            let first = if due_first { "Due" } else { "Date" };
            let header = cols.cells(first, "Stakeholder", "Plan", "Tactic", "Status", "Due");
            Line::styled(truncate(&header, width), theme.muted).render(at(body, y), buf);
            y = y.saturating_add(1);
        }
        let selected = home.selected_row(self.rows);
        // A broken file's error shows under the list while it is selected; where a query matched the selected
        // plan, when its row does not show it, takes one line there.
        let detail = selected.and_then(|r| r.broken.as_ref());
        let passage = home
            .passage
            .as_ref()
            .filter(|_| detail.is_none() && !home.visible.is_empty());
        let list_bottom = if detail.is_some() {
            body.bottom().saturating_sub(2)
        } else if passage.is_some() {
            body.bottom().saturating_sub(1)
        } else {
            body.bottom()
        };
        let rows = usize::from(list_bottom.saturating_sub(y));
        if home.visible.is_empty() {
            let text = if home.filter.value().is_empty() && home.person.is_none() {
                format!(
                    "No plans under “{}”. Tab shows the others.",
                    home.tab.label()
                )
            } else {
                "No plans match. Esc clears the filter.".to_string()
            };
            if rows > 0 {
                Line::styled(truncate(&text, width), theme.muted).render(at(body, y), buf);
            }
            return;
        }
        if rows > 0 {
            let offset = (home.selected + 1).saturating_sub(rows);
            for (n, &i) in home.visible.iter().enumerate().skip(offset).take(rows) {
                let Some(row) = self.rows.get(i) else {
                    continue;
                };
                let text = if row.broken.is_some() {
                    cols.cells("", "(unreadable)", &row.title, "", "broken", "")
                } else {
                    let who = if row.stakeholder.is_empty() {
                        "—"
                    } else {
                        &row.stakeholder
                    };
                    let due = plan_list::due_text(row.due, self.today);
                    if due_first {
                        cols.cells(&due, who, &row.title, &row.tactic, row.state, "")
                    } else {
                        cols.cells(&row.date, who, &row.title, &row.tactic, row.state, &due)
                    }
                };
                let mut style = if row.broken.is_some() {
                    theme.warning
                } else {
                    Style::new()
                };
                if n == home.selected {
                    style = style.patch(theme.selected);
                }
                let ry = y.saturating_add(u16::try_from(n - offset).unwrap_or(0));
                clickable(at(body, ry), Target::Row(n));
                Line::styled(fit(&text, width), style).render(at(body, ry), buf);
            }
        }
        if let Some(p) = passage {
            passage::line(p, width, theme).render(at(body, list_bottom), buf);
        }
        if let Some(error) = detail {
            let lines: Vec<Line> = wrap(&format!("Could not read {error}"), width)
                .into_iter()
                .take(2)
                .map(|l| Line::styled(l, theme.warning))
                .collect();
            Paragraph::new(lines).render(
                Rect {
                    y: list_bottom,
                    height: 2,
                    ..body
                }
                .intersection(body),
                buf,
            );
        }
    }
}
