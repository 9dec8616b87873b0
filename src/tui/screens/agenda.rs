//! The agenda screen (`A`): what is due, from `domain::agenda` (the same items as `overture agenda`), overdue
//! first. From a row: Enter opens the plan, `o` records the outcome, `f` plans the follow-up (the app's plan
//! keys, acting on the selected item's plan), `z` snoozes it to a date typed as people type dates. Added by the
//! recipe in docs/ARCHITECTURE.md.

use jiff::civil::Date;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{Reply, State, View};
use crate::domain::agenda::{self, Item};
use crate::domain::dates::{describe, parse_date_phrase};
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::widgets::chrome::Chrome;
use crate::tui::widgets::field::TextField;

#[derive(Debug, Clone)]
pub struct AgendaView {
    pub items: Vec<Item>,
    pub selected: usize,
    /// The date being typed after `z`, while it is.
    pub snooze: Option<TextField>,
}

/// Everything due, no horizon: the screen scrolls, and "later" is worth seeing.
fn items(state: &State) -> Vec<Item> {
    agenda::agenda(
        state.catalog.summaries.iter().map(|s| s.agenda_source()),
        state.today,
        None,
    )
}

impl AgendaView {
    pub fn new(state: &State) -> Self {
        AgendaView {
            items: items(state),
            selected: 0,
            snooze: None,
        }
    }

    pub fn selected_item(&self) -> Option<&Item> {
        self.items.get(self.selected)
    }

    fn snooze_hint(&self, today: Date) -> String {
        let Some(field) = &self.snooze else {
            return String::new();
        };
        match parse_date_phrase(&field.value(), today) {
            _ if field.value().is_empty() => {
                "tomorrow, fri, next monday, in 2 weeks, +3d, 18 dec".into()
            }
            Ok(d) => format!("= {}", describe(d, today)),
            Err(_) => "not a date yet: tomorrow, fri, in 2 weeks, +3d, 18 dec".into(),
        }
    }
}

impl View for AgendaView {
    fn mode(&self) -> Mode {
        if self.snooze.is_some() {
            Mode::AgendaSnooze
        } else {
            Mode::Agenda
        }
    }

    fn handle(&mut self, action: Action, state: &State) -> Reply {
        if let Some(field) = &self.snooze {
            return match action {
                Action::Confirm => match parse_date_phrase(&field.value(), state.today) {
                    // Snoozing puts something off: a day already gone would make it overdue at once (and a
                    // follow-up could land before the talk it follows, which the outcome form refuses).
                    Ok(to) if to < state.today => Reply::Warn(
                        "A snooze puts it off: choose today or a later day (tomorrow, fri, +3d)."
                            .into(),
                    ),
                    Ok(to) => {
                        self.snooze = None;
                        match self.selected_item() {
                            Some(item) => Reply::Snooze {
                                plan: item.plan.clone(),
                                kind: item.kind,
                                to,
                            },
                            None => Reply::Done,
                        }
                    }
                    Err(e) => Reply::Warn(e),
                },
                Action::Cancel => {
                    self.snooze = None;
                    Reply::Say("Not snoozed.".into())
                }
                _ => Reply::Done,
            };
        }
        let n = self.items.len();
        match action {
            Action::Down => {
                self.selected = (self.selected + 1).min(n.saturating_sub(1));
                Reply::Done
            }
            Action::Up => {
                self.selected = self.selected.saturating_sub(1);
                Reply::Done
            }
            Action::Back => Reply::Back,
            Action::Snooze if n > 0 => {
                let mut field = TextField::new("Snooze to", "The new date.", false);
                field.set_focused(true);
                self.snooze = Some(field);
                Reply::Done
            }
            Action::Open | Action::RecordOutcome | Action::FollowUp | Action::Snooze if n == 0 => {
                Reply::Say("Nothing is due.".into())
            }
            _ => Reply::Pass,
        }
    }

    fn input(&mut self, key: KeyEvent, _state: &State) -> Reply {
        if let Some(field) = &mut self.snooze {
            field.input(key);
        }
        Reply::Done
    }

    fn paste(&mut self, text: &str, _state: &State) {
        if let Some(field) = &mut self.snooze {
            field.paste(text);
        }
    }

    fn refresh(&mut self, state: &State) {
        let was = self.selected_item().map(|i| (i.plan.clone(), i.kind));
        self.items = items(state);
        // The same item, or failing that the same plan's: a "how did it go?" snoozed to a later day comes back
        // as a talk, and the selection follows it there as it follows any other snoozed item.
        self.selected = was
            .and_then(|(plan, kind)| {
                (self.items.iter())
                    .position(|i| i.plan == plan && i.kind == kind)
                    .or_else(|| self.items.iter().position(|i| i.plan == plan))
            })
            .unwrap_or(self.selected)
            .min(self.items.len().saturating_sub(1));
    }

    fn render(&self, state: &State, area: Rect, buf: &mut Buffer) {
        let body = Chrome {
            title: " overture · agenda",
            status: state.status,
            keys: state.keys,
            mode: self.mode(),
            theme: state.theme,
            gap: true,
        }
        .render(area, buf);
        let theme = state.theme;
        let mut lines: Vec<Line> = Vec::new();
        let mut selected_line = 0;
        if self.items.is_empty() {
            lines.push(Line::styled(
                "Nothing is due. A plan's \"by when\" date and an outcome's follow-up date bring it here.",
                theme.muted,
            ));
        }
        let mut group = None;
        for (i, item) in self.items.iter().enumerate() {
            if group != Some(item.when) {
                if group.is_some() {
                    lines.push(Line::raw(""));
                }
                let style = if item.overdue() {
                    theme.warning
                } else {
                    theme.heading
                };
                lines.push(Line::styled(item.when.heading(), style));
                group = Some(item.when);
            }
            let text = format!(
                " {:<10} {:<14} {}",
                item.date.strftime("%a %-d %b").to_string(),
                item.kind.label(),
                item.about()
            );
            if i == self.selected {
                selected_line = lines.len();
                lines.push(Line::from(Span::styled(format!("›{text}"), theme.selected)));
            } else {
                lines.push(Line::raw(format!(" {text}")));
            }
        }
        let mut list_area = body;
        if let Some(field) = &self.snooze {
            list_area.height = body.height.saturating_sub(2);
            let at = Rect {
                y: body.y + list_area.height,
                height: body.height.min(2),
                ..body
            };
            Paragraph::new(vec![
                Line::from(vec![
                    Span::styled("Snooze to: ", theme.focus),
                    Span::raw(field.value()),
                    Span::styled("▏", theme.focus),
                ]),
                Line::styled(self.snooze_hint(state.today), theme.muted),
            ])
            .render(at, buf);
        }
        // Keep the selected row in view.
        let height = usize::from(list_area.height).max(1);
        let top = selected_line.saturating_sub(height - 1);
        Paragraph::new(lines)
            .scroll((u16::try_from(top).unwrap_or(0), 0))
            .render(list_area, buf);
    }
}
