//! Everyone the plans name, once each (names matched as the escalation rule matches them): how many plans, when
//! you last tried something with them, a ladder strip of what was tried and how it went, and the latest outcome.
//! `Enter` shows their plans on the list.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::people_map::{self, MapPerson, MapWidget, Move};
use super::{Reply, State};
use crate::domain::history::StakeholderRecord;
use crate::domain::text::one_line;
use crate::domain::{History, Ladder};
use crate::tui::action::Action;
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::plan_list::{Rows, due_text};
use crate::tui::theme::Theme;
use crate::tui::widgets::chrome::Chrome;
use crate::tui::widgets::strip;
use crate::tui::widgets::wrap::{fit, truncate, wrap};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct StakeholdersView {
    pub selected: usize,
    /// The map (`m`) is showing rather than the table.
    pub map: bool,
    /// The person selected on the map, by person key (it follows them through reloads); the first when unset.
    pub map_key: Option<String>,
    /// The people on the map, in map order: worked out when the map opens and when the workbook is read again,
    /// not at every key and frame (two thousand people are many names to fold in a debug build).
    pub map_people: Vec<MapPerson>,
}

impl StakeholdersView {
    pub fn handle(&mut self, action: Action, count: usize) {
        let last = count.saturating_sub(1);
        self.selected = match action {
            Action::Down => (self.selected + 1).min(last),
            Action::Up => self.selected.saturating_sub(1),
            Action::Top => 0,
            Action::Bottom => last,
            _ => self.selected,
        };
    }

    pub fn clamp(&mut self, count: usize) {
        self.selected = self.selected.min(count.saturating_sub(1));
    }
}

pub struct StakeholdersScreen<'a> {
    pub view: &'a StakeholdersView,
    pub history: &'a History,
    pub ladder: &'a Ladder,
    pub theme: &'a Theme,
    pub keys: &'a Keymap,
    pub status: Option<&'a Line<'a>>,
    /// The list's rows, for each person's next due date (`Row::due`; a record's plans index them).
    pub rows: &'a Rows,
    pub today: jiff::civil::Date,
}

impl StakeholdersScreen<'_> {
    /// The soonest agenda date among a person's plans (overdue ones first, being earliest).
    fn next_due(&self, record: &StakeholderRecord) -> Option<jiff::civil::Date> {
        record
            .plans
            .iter()
            .filter_map(|&i| self.rows.get(i).filter(|r| r.plan() == Some(i))?.due())
            .min()
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

impl Widget for &StakeholdersScreen<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        if area.height < 4 {
            return;
        }
        let records = self.history.records();
        // The table is the plans' people; the map adds the register's people without a plan: each title says which
        // it counts, so the two numbers never seem to disagree.
        let title = format!(" overture · stakeholders ({} with plans)", records.len());
        let body = Chrome {
            title: &title,
            status: self.status,
            keys: self.keys,
            mode: Mode::Stakeholders,
            theme,
            gap: true,
        }
        .render(area, buf);
        let width = usize::from(body.width);
        if records.is_empty() {
            let lines: Vec<Line> = wrap(
                "No stakeholders yet: they appear once a plan names them.",
                width,
            )
            .into_iter()
            .map(|l| Line::styled(l, theme.muted))
            .collect();
            ratatui::widgets::Paragraph::new(lines).render(body, buf);
            return;
        }
        let n = self.ladder.len();
        let legend = wrap(
            &format!("Ladder 1-{n}, gentle to hard: {}", strip::LEGEND),
            width,
        );
        let legend_h = if body.height >= 8 { legend.len() } else { 0 };
        // name, plans, last contact, next due, ladder, outcome; the role where there is room, no dates where
        // there is not
        let (plans_w, outcome_w) = (5, 11);
        let contact_w = if width >= 60 { 12 } else { 0 };
        let due_w = if width >= 60 { 10 } else { 0 };
        let role_w = if width >= 100 { 24 } else { 0 };
        let gaps =
            4 + usize::from(role_w > 0) + usize::from(contact_w > 0) + usize::from(due_w > 0);
        let fixed = plans_w + contact_w + due_w + n + outcome_w + role_w + gaps;
        let name_w = width.saturating_sub(fixed).clamp(4, 30);
        let cell = |name: &str, role: &str, plans: &str, contact: &str| {
            let mut s = fit(name, name_w);
            if role_w > 0 {
                s.push(' ');
                s.push_str(&fit(role, role_w));
            }
            s.push_str(&format!(" {plans:>plans_w$} "));
            if contact_w > 0 {
                s.push_str(&fit(contact, contact_w));
                s.push(' ');
            }
            s
        };
        let due_cell = |due: &str| {
            if due_w > 0 {
                format!("{} ", fit(due, due_w))
            } else {
                String::new()
            }
        };
        let mut y = body.y;
        let mut header = cell("Name", "Role", "Plans", "Last contact");
        header.push_str(&due_cell("Next due"));
        let ladder_head: String = (1..=n)
            .map(|i| char::from_digit((i % 10) as u32, 10).unwrap_or(' '))
            .collect();
        header.push_str(&ladder_head);
        header.push_str(if width >= header.chars().count() + 15 {
            " Latest outcome"
        } else {
            " Outcome"
        });
        Line::styled(truncate(&header, width), theme.muted).render(at(body, y), buf);
        y = y.saturating_add(1);
        let list_h = usize::from(body.bottom().saturating_sub(y))
            .saturating_sub(legend_h + usize::from(legend_h > 0));
        let selected = self.view.selected.min(records.len().saturating_sub(1));
        let offset = (selected + 1).saturating_sub(list_h);
        for (i, r) in records.iter().enumerate().skip(offset).take(list_h) {
            let contact = r
                .last_contact
                .map_or_else(|| "—".to_string(), |d| d.to_string());
            let text = cell(
                &one_line(&r.name),
                &one_line(&r.role),
                &r.plans.len().to_string(),
                &contact,
            );
            let due = self.next_due(r);
            let due_style = if due.is_some_and(|d| d < self.today) {
                theme.warning
            } else {
                Style::new()
            };
            let mut spans = vec![
                Span::raw(text),
                Span::styled(due_cell(&due_text(due, self.today)), due_style),
            ];
            spans.extend(strip::compact(&strip::states(self.ladder, r, None), theme));
            spans.push(Span::raw(format!(
                " {}",
                r.last_outcome.map_or("—", |o| o.as_str())
            )));
            let mut line = Line::from(spans);
            if i == selected {
                line = line.patch_style(theme.selected);
            }
            let used = line.width();
            if used < width {
                let style = if i == selected {
                    theme.selected
                } else {
                    Style::new()
                };
                line.spans
                    .push(Span::styled(" ".repeat(width - used), style));
            }
            let ry = y.saturating_add(u16::try_from(i - offset).unwrap_or(0));
            crate::tui::event::clickable(at(body, ry), crate::tui::event::Target::Row(i));
            line.render(at(body, ry), buf);
        }
        if legend_h > 0 {
            let top = body
                .bottom()
                .saturating_sub(u16::try_from(legend_h).unwrap_or(0));
            for (i, l) in legend.into_iter().enumerate() {
                let ly = top.saturating_add(u16::try_from(i).unwrap_or(0));
                Line::styled(l, theme.muted).render(at(body, ly), buf);
            }
        }
    }
}

impl StakeholdersView {
    /// Works the map's people out again from the workbook.
    pub fn map_refresh(&mut self, state: &State) {
        self.map_people = people_map::people(state.history, &state.catalog.register.people);
    }

    /// Where the map's cursor is among its people.
    pub fn map_at(&self) -> usize {
        self.map_key
            .as_ref()
            .and_then(|k| self.map_people.iter().position(|p| p.key == *k))
            .unwrap_or(0)
    }

    pub fn handle_map(&mut self, action: Action) -> Reply {
        let (all, at) = (&self.map_people, self.map_at());
        let way = match action {
            Action::Up => Some(Move::Up),
            Action::Down => Some(Move::Down),
            Action::Left => Some(Move::Left),
            Action::Right => Some(Move::Right),
            _ => None,
        };
        if let Some(way) = way {
            let to = people_map::step(all, at, way);
            self.map_key = all.get(to).map(|p| p.key.clone());
            return Reply::Done;
        }
        match action {
            Action::Open => match all.get(at) {
                Some(p) => Reply::OpenPerson {
                    key: p.key.clone(),
                    name: p.name.clone(),
                },
                None => Reply::Done,
            },
            Action::ToggleMap => {
                self.map = false;
                Reply::Done
            }
            Action::Back => Reply::Back,
            _ => Reply::Pass,
        }
    }

    pub fn render_map(&self, state: &State, area: Rect, buf: &mut Buffer) {
        let theme = state.theme;
        if area.height < 4 || area.width < 4 {
            return;
        }
        let (all, at) = (&self.map_people, self.map_at());
        let title = map_title(all);
        let body = Chrome {
            title: &title,
            status: state.status,
            keys: state.keys,
            mode: Mode::StakeholdersMap,
            theme,
            gap: false,
        }
        .render(area, buf);
        if body.is_empty() {
            return;
        }
        let width = usize::from(body.width);
        if all.is_empty() {
            let lines: Vec<Line> = wrap(
                "Nobody yet: people appear once a plan names them or the register records them.",
                width,
            )
            .into_iter()
            .map(|l| Line::styled(l, theme.muted))
            .collect();
            ratatui::widgets::Paragraph::new(lines).render(body, buf);
            return;
        }
        let intro = if body.height >= 10 {
            people_map::judgement_line(width)
        } else {
            Vec::new()
        };
        for (i, l) in intro.iter().enumerate() {
            Line::styled(l.clone(), theme.muted).render(at_row(body, body.y + i as u16), buf);
        }
        let skip = u16::try_from(intro.len()).unwrap_or(0);
        let rest = Rect {
            y: body.y + skip,
            height: body.height.saturating_sub(skip),
            ..body
        };
        (&MapWidget {
            all,
            selected: at,
            history: state.history,
            theme,
        })
            .render(rest, buf);
    }
}

fn at_row(area: Rect, y: u16) -> Rect {
    at(area, y)
}

/// The map's title: everyone on it, and how many of them have plans (the table's count) when some have none.
fn map_title(all: &[MapPerson]) -> String {
    let with_plans = all.iter().filter(|p| p.plans > 0).count();
    if with_plans == all.len() {
        format!(" overture · stakeholders map ({with_plans} with plans)")
    } else {
        format!(
            " overture · stakeholders map ({} people, {with_plans} with plans)",
            all.len()
        )
    }
}
