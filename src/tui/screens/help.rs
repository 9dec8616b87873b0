//! The `?` overlay: the keys of the screen underneath, generated from the keymap so it cannot drift.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::tui::action::Action;
use crate::tui::keymap::{self, Keymap, Mode};
use crate::tui::theme::Theme;
use unicode_width::UnicodeWidthStr;

use crate::tui::widgets::scroll::Scroll;
use crate::tui::widgets::wrap::{fit, wrap};

#[derive(Debug, Clone, PartialEq)]
pub struct Help {
    /// The screen state the help is about.
    pub mode: Mode,
    pub scroll: Scroll,
    /// The mouse is captured: help says what it does and how to select text anyway.
    pub mouse: bool,
    /// The message showing when help was asked for, in full: the lines above the footer show four at most.
    pub message: Option<String>,
}

impl Help {
    pub fn handle(&mut self, action: Action) {
        if matches!(action, Action::Down | Action::Up) {
            self.scroll.handle(action);
        }
    }

    pub fn lines(&self, keys: &Keymap, theme: &Theme, width: usize) -> Vec<Line<'static>> {
        let mut contexts: Vec<_> = self.mode.contexts().to_vec();
        // The screen's own keys first, "anywhere" last.
        contexts.rotate_left(1);
        let mut groups: Vec<(&str, Vec<(String, String)>)> = contexts
            .iter()
            .map(|c| {
                let rows = keys
                    .entries(*c)
                    .into_iter()
                    .map(|e| (e.keys, e.description.to_string()))
                    .collect();
                (c.title(), rows)
            })
            .collect();
        if self.mode.is_text() {
            let rows = keymap::TEXT_KEYS
                .iter()
                .map(|(k, d)| (k.to_string(), d.to_string()))
                .collect();
            groups.push(("In a text field", rows));
        }
        if self.mouse {
            let rows = keymap::MOUSE_KEYS
                .iter()
                .map(|(k, d)| (k.to_string(), d.to_string()))
                .collect();
            groups.push(("The mouse", rows));
        }
        let widest = groups
            .iter()
            .flat_map(|(_, rows)| rows.iter().map(|(k, _)| k.width()))
            .max()
            .unwrap_or(0);
        let key_w = widest.min(width / 2);
        let desc_w = width.saturating_sub(key_w + 1).max(1);
        let mut lines = Vec::new();
        if let Some(message) = self.message.as_deref().filter(|m| !m.trim().is_empty()) {
            lines.push(Line::styled("The last message", theme.heading));
            for part in wrap(&crate::domain::text::one_line(message), width.max(1)) {
                lines.push(Line::raw(part));
            }
        }
        for (title, rows) in groups {
            if !lines.is_empty() {
                lines.push(Line::raw(""));
            }
            lines.push(Line::styled(title.to_string(), theme.heading));
            for (keys, description) in rows {
                for (i, part) in wrap(&description, desc_w).into_iter().enumerate() {
                    let k = if i == 0 {
                        fit(&keys, key_w)
                    } else {
                        " ".repeat(key_w)
                    };
                    lines.push(Line::from(vec![
                        Span::styled(k, theme.key),
                        Span::raw(" "),
                        Span::raw(part),
                    ]));
                }
            }
        }
        lines
    }
}

impl Help {
    pub fn render(&self, keys: &Keymap, theme: &Theme, area: Rect, buf: &mut Buffer) {
        if area.width < 10 || area.height < 4 {
            return;
        }
        let width = area.width.saturating_sub(4).min(76);
        let rect = Rect {
            x: area.x + (area.width - width) / 2,
            y: area.y + 1,
            width,
            height: area.height.saturating_sub(2),
        }
        .intersection(area);
        Clear.render(rect, buf);
        let block = Block::bordered()
            .title(Span::styled(" Keys ", theme.title))
            .title_bottom(Span::styled(
                format!(
                    "{} ",
                    keys.footer(Mode::Help, usize::from(width.saturating_sub(4)), 1)
                        .concat()
                ),
                theme.muted,
            ));
        let inner = block.inner(rect);
        block.render(rect, buf);
        let inner = Rect {
            x: inner.x.saturating_add(1),
            width: inner.width.saturating_sub(2),
            ..inner
        };
        let lines = self.lines(keys, theme, usize::from(inner.width));
        let scroll = self.scroll.first_line(lines.len(), inner.height);
        Paragraph::new(lines.into_iter().skip(scroll).collect::<Vec<_>>()).render(inner, buf);
    }
}
