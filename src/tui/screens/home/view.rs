//! Drawing the home screen from its state: the tabs, the due line, the table of plans, the narrowing line, the
//! passage that matched, the footer; or the welcome in an empty workbook.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::Home;
use crate::tui::action::Action;
use crate::tui::event::{Target, clickable};
use crate::tui::keymap::{Context, Keymap, Mode};
use crate::tui::plan_list::{self, Rows, Sort, Tab};
use crate::tui::theme::Theme;
use crate::tui::widgets::passage;
use crate::tui::widgets::wrap::{fit, truncate, wrap};
use unicode_width::UnicodeWidthStr;

/// What the home screen needs to draw.
pub struct HomeView<'a> {
    pub home: &'a Home,
    pub rows: &'a Rows,
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
        let key = self.key(
            Context::Home,
            crate::tui::action::Action::Show(crate::tui::screens::ScreenKind::Agenda),
        );
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
        self.keys.key(context, action)
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
            // Every row, as the "All" tab counts them: a file that cannot be read is in the list (marked broken),
            // so it is counted, and named here so the number is never a puzzle.
            let plans = self.rows.len();
            let unreadable = match self.rows.unreadable() {
                [] => String::new(),
                [one] => format!(" · 1 unreadable: {}", one.title()),
                many => format!(" · {} unreadable, marked broken", many.len()),
            };
            let copies = match self.conflicts {
                0 => String::new(),
                1 => " · 1 copy left by a sync tool, not loaded: `overture check` names it"
                    .to_string(),
                n => format!(
                    " · {n} copies left by a sync tool, not loaded: `overture check` names them"
                ),
            };
            format!(" overture · your plans ({plans}){unreadable}{copies}")
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
        let any_due = self.rows.any_due();
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
        let detail = selected.and_then(|r| r.broken());
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
                    "No plans under “{}”. {} shows the others.",
                    home.tab.label(),
                    self.key(Context::Home, Action::NextTab)
                )
            } else {
                format!(
                    "No plans match. {} clears the filter.",
                    self.key(Context::Home, Action::ClearFilter)
                )
            };
            if rows > 0 {
                Line::styled(truncate(&text, width), theme.muted).render(at(body, y), buf);
            }
            return;
        }
        if rows > 0 {
            let offset = (home.selected + 1).saturating_sub(rows);
            for (n, &i) in home.visible.iter().enumerate().skip(offset).take(rows) {
                let Some(row) = self.rows.get(i as usize) else {
                    continue;
                };
                let text = if row.broken().is_some() {
                    cols.cells("", "(unreadable)", row.title(), "", "broken", "")
                } else {
                    let who = if row.stakeholder().is_empty() {
                        "—"
                    } else {
                        row.stakeholder()
                    };
                    // A follow-up is marked where its title starts: the thread it belongs to is in its view.
                    let title = if row.follow_up() {
                        std::borrow::Cow::Owned(format!("↳ {}", row.title()))
                    } else {
                        std::borrow::Cow::Borrowed(row.title())
                    };
                    let due = plan_list::due_text(row.due(), self.today);
                    if due_first {
                        cols.cells(&due, who, &title, row.tactic(), row.state(), "")
                    } else {
                        cols.cells(&row.date(), who, &title, row.tactic(), row.state(), &due)
                    }
                };
                let mut style = if row.broken().is_some() {
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
