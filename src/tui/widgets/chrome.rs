//! The frame a full screen is drawn in: a title line, a blank line, the body (one column in from each side)
//! and a footer line at the bottom that shows the latest message, or else the screen's keys. One layout for
//! every screen that uses it, so they line up.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::Line;
use ratatui::widgets::Widget;

use crate::tui::keymap::{Keymap, Mode};
use crate::tui::theme::Theme;
use crate::tui::widgets::wrap::truncate;

/// A screen's title, footer and the room left for its body.
pub struct Chrome<'a> {
    pub title: &'a str,
    /// The latest message: shown in place of the keys while there is one.
    pub status: Option<&'a Line<'a>>,
    /// The keys in effect and the screen's mode: the footer is the keymap's hints for it.
    pub keys: &'a Keymap,
    pub mode: Mode,
    pub theme: &'a Theme,
    /// A blank line between the title and the body (screens that need every row go without).
    pub gap: bool,
}

impl Chrome<'_> {
    /// Draws the title and the footer and returns the body's area (empty when `area` is too small for one).
    pub fn render(&self, area: Rect, buf: &mut Buffer) -> Rect {
        let [title, _, body, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(u16::from(self.gap)),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area);
        Line::styled(
            truncate(self.title, usize::from(title.width)),
            self.theme.title,
        )
        .render(title, buf);
        match self.status {
            Some(line) => line.clone().render(footer, buf),
            None => Line::styled(
                self.keys
                    .footer(self.mode, usize::from(footer.width), 1)
                    .concat(),
                self.theme.key,
            )
            .render(footer, buf),
        }
        body.inner(Margin::new(1, 0))
    }
}
