//! The first screen: the saved plans, newest first, or (in an empty workbook) a word on what overture is for.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::domain::Ladder;
use crate::domain::text::one_line;
use crate::store::{PlanFile, Workbook};
use crate::tui::action::Action;
use crate::tui::theme::Theme;
use crate::tui::widgets::wrap::{fit, truncate, wrap};

#[derive(Debug, Clone, Default)]
pub struct Home {
    pub selected: usize,
}

/// What the home screen needs to draw.
pub struct HomeView<'a> {
    pub home: &'a Home,
    pub workbook: &'a Workbook,
    pub ladder: &'a Ladder,
    pub theme: &'a Theme,
    pub demo: bool,
    pub location: String,
    pub status: Option<&'a Line<'a>>,
}

impl Home {
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

const WELCOME: &str = "overture helps you prepare a difficult conversation: who you need to win over, what you want \
them to do, and how you will ask. The nine tactics run on a ladder from gentle (Reason, Inspire, Coach) to hard \
(Authority, Force), and overture warns you when you reach for the hard rungs before the gentle ones have been tried.";

/// The plan column's widest, so the tactic stays near the title on a wide terminal.
const TITLE_MAX: usize = 70;

fn plan_row(pf: &PlanFile, ladder: &Ladder, width: usize) -> String {
    let p = &pf.plan;
    let date = p.created_date().to_string();
    let name = one_line(p.stakeholder.name.trim());
    let title = one_line(&p.display_title());
    let tactic = if p.tactic.primary.trim().is_empty() {
        String::new()
    } else {
        ladder.label(&p.tactic.primary)
    };
    let fixed = 10 + 1 + 10 + 1 + 18 + 1;
    if width >= 90 {
        let title_w = width.saturating_sub(fixed + 1 + 15).min(TITLE_MAX);
        format!(
            "{} {} {} {} {}",
            fit(&date, 10),
            fit(p.state_label(), 10),
            fit(&name, 18),
            fit(&title, title_w),
            fit(&tactic, 15)
        )
    } else if width >= 60 {
        format!(
            "{} {} {} {}",
            fit(&date, 10),
            fit(p.state_label(), 10),
            fit(&name, 18),
            truncate(&title, width.saturating_sub(fixed))
        )
    } else {
        truncate(&format!("{} · {}", name, title), width)
    }
}

impl Widget for &HomeView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        if area.height < 3 {
            return;
        }
        let plans = self.workbook.newest_first();
        let width = usize::from(area.width.saturating_sub(2));
        let title = if self.demo {
            " overture · demo workbook (examples in a temporary folder, removed on quit)"
                .to_string()
        } else {
            format!(" overture · your plans ({})", plans.len())
        };
        Line::styled(truncate(&title, usize::from(area.width)), theme.title)
            .render(Rect { height: 1, ..area }, buf);
        let body = Rect {
            x: area.x.saturating_add(1),
            y: area.y + 2,
            width: area.width.saturating_sub(2),
            height: area.height.saturating_sub(3),
        }
        .intersection(area);
        let footer = Rect {
            y: area.bottom() - 1,
            height: 1,
            ..area
        };
        match self.status {
            Some(line) => line.clone().render(footer, buf),
            None => {
                let keys = if plans.is_empty() {
                    " n new plan · ? help · q quit"
                } else {
                    " n new plan · Enter open · j/k move · ? help · q quit"
                };
                Line::styled(truncate(keys, usize::from(area.width)), theme.key)
                    .render(footer, buf);
            }
        }

        let mut notes: Vec<Line> = Vec::new();
        if !self.workbook.broken.is_empty() {
            let n = self.workbook.broken.len();
            notes.push(Line::styled(
                truncate(
                    &format!(
                        "{n} file{} could not be read (left untouched):",
                        if n == 1 { "" } else { "s" }
                    ),
                    width,
                ),
                theme.warning,
            ));
            for e in self.workbook.broken.iter().take(3) {
                notes.push(Line::raw(truncate(
                    &format!("  {}", one_line(&e.to_string())),
                    width,
                )));
            }
        }

        if plans.is_empty() {
            let mut lines = vec![
                Line::styled("Welcome to overture.", theme.heading),
                Line::raw(""),
            ];
            lines.extend(wrap(WELCOME, width).into_iter().map(Line::raw));
            lines.push(Line::raw(""));
            lines.push(Line::from(vec![
                Span::raw("Press "),
                Span::styled("n", theme.key),
                Span::raw(" to start your first plan, "),
                Span::styled("?", theme.key),
                Span::raw(" for help, "),
                Span::styled("q", theme.key),
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
            lines.extend(notes);
            Paragraph::new(lines).render(body, buf);
            return;
        }

        let mut y = body.y;
        for note in notes {
            if y < body.bottom() {
                note.render(
                    Rect {
                        y,
                        height: 1,
                        ..body
                    },
                    buf,
                );
                y += 1;
            }
        }
        if y < body.bottom() {
            let header = if width >= 60 {
                let mut h = format!(
                    "{} {} {} ",
                    fit("Created", 10),
                    fit("State", 10),
                    fit("Stakeholder", 18)
                );
                if width >= 90 {
                    let title_w = width
                        .saturating_sub(10 + 1 + 10 + 1 + 18 + 1 + 1 + 15)
                        .min(TITLE_MAX);
                    h.push_str(&format!("{} {}", fit("Plan", title_w), "Tactic"));
                } else {
                    h.push_str("Plan");
                }
                h
            } else {
                "Stakeholder · plan".to_string()
            };
            Line::styled(truncate(&header, width), theme.muted).render(
                Rect {
                    y,
                    height: 1,
                    ..body
                },
                buf,
            );
            y += 1;
        }
        let list = Rect {
            y,
            height: body.bottom().saturating_sub(y),
            ..body
        };
        let rows = usize::from(list.height);
        if rows == 0 {
            return;
        }
        let selected = self.home.selected.min(plans.len().saturating_sub(1));
        let offset = (selected + 1).saturating_sub(rows);
        for (i, pf) in plans.iter().enumerate().skip(offset).take(rows) {
            let text = plan_row(pf, self.ladder, width);
            let style = if i == selected {
                theme.selected
            } else {
                Style::new()
            };
            let ry = list.y + u16::try_from(i - offset).unwrap_or(0);
            Line::styled(fit(&text, width), style).render(
                Rect {
                    y: ry,
                    height: 1,
                    ..list
                },
                buf,
            );
        }
    }
}
