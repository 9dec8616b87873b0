//! The `?` overlay: the keys of the screen underneath, generated from the keymap so it cannot drift.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::tui::action::Action;
use crate::tui::keymap::{self, Mode};
use crate::tui::theme::Theme;
use crate::tui::widgets::wrap::{fit, truncate};

#[derive(Debug, Clone, PartialEq)]
pub struct Help {
    /// The screen state the help is about.
    pub mode: Mode,
    pub scroll: u16,
}

impl Help {
    pub fn handle(&mut self, action: Action) {
        self.scroll = match action {
            Action::Down => self.scroll.saturating_add(1),
            Action::Up => self.scroll.saturating_sub(1),
            _ => self.scroll,
        };
    }

    pub fn lines(&self, theme: &Theme, width: usize) -> Vec<Line<'static>> {
        let key_w = 22.min(width / 2);
        let desc_w = width.saturating_sub(key_w + 1);
        let mut lines = Vec::new();
        let mut contexts: Vec<_> = self.mode.contexts().to_vec();
        // The screen's own keys first, "anywhere" last.
        contexts.rotate_left(1);
        for context in contexts {
            if !lines.is_empty() {
                lines.push(Line::raw(""));
            }
            lines.push(Line::styled(context.title().to_string(), theme.heading));
            for e in keymap::entries(context) {
                lines.push(Line::from(vec![
                    Span::styled(fit(&e.keys, key_w), theme.key),
                    Span::raw(" "),
                    Span::raw(truncate(e.description, desc_w)),
                ]));
            }
        }
        if self.mode.is_text() {
            lines.push(Line::raw(""));
            lines.push(Line::styled("In a text field", theme.heading));
            for (k, d) in keymap::TEXT_KEYS {
                lines.push(Line::from(vec![
                    Span::styled(fit(k, key_w), theme.key),
                    Span::raw(" "),
                    Span::raw(truncate(d, desc_w)),
                ]));
            }
        }
        lines
    }
}

impl Help {
    pub fn render(&self, theme: &Theme, area: Rect, buf: &mut Buffer) {
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
                " Esc, q or ? closes · ↑↓ scroll ",
                theme.muted,
            ));
        let inner = block.inner(rect);
        block.render(rect, buf);
        let inner = Rect {
            x: inner.x.saturating_add(1),
            width: inner.width.saturating_sub(2),
            ..inner
        };
        let lines = self.lines(theme, usize::from(inner.width));
        let max = lines.len().saturating_sub(usize::from(inner.height));
        let scroll = usize::from(self.scroll).min(max);
        Paragraph::new(lines.into_iter().skip(scroll).collect::<Vec<_>>()).render(inner, buf);
    }
}
