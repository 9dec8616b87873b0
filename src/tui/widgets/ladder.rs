//! The ladder drawn as a ladder: the hardest rung at the top, the gentlest at the bottom, each with a bar that
//! grows and (in colour) warms as the rungs get harder, so the rise reads with or without colour. The tactic
//! step and the already-tried checklist both draw it, each with its own marks and status column.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::wrap::{fit, truncate};
use crate::domain::Ladder;
use crate::domain::text::one_line;
use crate::tui::theme::Theme;

/// What one rung shows besides its number, name and bar.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RungRow {
    /// A short mark before the number: a checkbox, or P / B for primary and backup.
    pub mark: String,
    pub status: String,
    pub status_style: Style,
    /// The rung is chosen (primary or backup): its mark and name take the theme's `chosen` style.
    pub chosen: bool,
}

pub struct LadderWidget<'a> {
    pub ladder: &'a Ladder,
    pub rows: &'a [RungRow],
    pub cursor: usize,
    /// Whether the ladder has the keyboard focus (the cursor row is then drawn reversed).
    pub focused: bool,
    pub theme: &'a Theme,
}

/// The name column: wide enough for the longest name, between these bounds (a ladder of research names such as
/// "Inspirational appeal" needs more than the shipped one's "Silent allies").
const NAME_WIDTH: std::ops::RangeInclusive<usize> = 14..=20;

/// Room kept for the status after each rung before long names take it.
const STATUS_WIDTH: usize = 12;

/// The width of the name column for this ladder.
pub fn name_width(ladder: &Ladder) -> usize {
    let longest = ladder
        .rungs()
        .iter()
        .map(|r| unicode_width::UnicodeWidthStr::width(one_line(&r.name).as_str()))
        .max()
        .unwrap_or(0);
    longest.clamp(*NAME_WIDTH.start(), *NAME_WIDTH.end())
}

/// A bar `index + 1` ninths (or whatever the ladder's length is) of `width`, drawn in eighths of a cell so that
/// every rung is visibly longer than the one below it.
fn bar(index: usize, len: usize, width: usize) -> String {
    const PARTS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    let eighths = ((index + 1) * width * 8 / len.max(1)).max(1);
    let mut s = "█".repeat(eighths / 8);
    s.push_str(PARTS[eighths % 8]);
    s
}

impl Widget for &LadderWidget<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let len = self.ladder.len();
        if area.is_empty() || len == 0 {
            return;
        }
        let height = usize::from(area.height);
        // Top row shows the hardest rung; keep the cursor in view when the ladder does not fit.
        let from_top = len - 1 - self.cursor.min(len - 1);
        let first = if len <= height {
            0
        } else {
            from_top.saturating_sub(height / 2).min(len - height)
        };
        let mark_width = self
            .rows
            .iter()
            .map(|r| r.mark.chars().count())
            .max()
            .unwrap_or(0);
        let bar_width = len.min(usize::from(area.width) / 6);
        // Rung numbers line up once the ladder reaches 10.
        let number_width = len.to_string().len();
        // Long names give way to the status column (about "✓ resistance") on a narrow screen, down to the
        // shipped ladder's width.
        let fixed = 1 + mark_width + 1 + number_width + 1 + 1 + bar_width + 1;
        let name_width = name_width(self.ladder)
            .min(usize::from(area.width).saturating_sub(fixed + STATUS_WIDTH))
            .max(*NAME_WIDTH.start());
        for (line_no, from_top) in (first..len).take(height).enumerate() {
            let index = len - 1 - from_top;
            let Some(rung) = self.ladder.get(index) else {
                continue;
            };
            let row = self.rows.get(index).cloned().unwrap_or_default();
            let is_cursor = index == self.cursor;
            let pointer = if is_cursor { "▸" } else { " " };
            let bar = format!("{:<bar_width$}", bar(index, len, bar_width));
            let mut name_style = Style::new();
            if rung.escalation {
                name_style = name_style.add_modifier(Modifier::BOLD);
            }
            let mark_style = if row.chosen {
                name_style = name_style.patch(self.theme.chosen);
                self.theme.chosen
            } else {
                Style::new()
            };
            let mut spans = vec![
                Span::raw(pointer),
                Span::styled(format!("{:<mark_width$}", row.mark), mark_style),
                Span::raw(" "),
                Span::styled(format!("{:>number_width$} ", index + 1), name_style),
                Span::styled(fit(&one_line(&rung.name), name_width), name_style),
                Span::raw(" "),
                Span::styled(bar, self.theme.rung(index, len, rung.escalation)),
                Span::raw(" "),
            ];
            let used: usize = spans.iter().map(|s| s.width()).sum();
            let rest = usize::from(area.width).saturating_sub(used);
            spans.push(Span::styled(truncate(&row.status, rest), row.status_style));
            let mut line = Line::from(spans);
            if is_cursor && self.focused {
                line = line.patch_style(self.theme.selected);
            }
            let y = area
                .y
                .saturating_add(u16::try_from(line_no).unwrap_or(u16::MAX));
            let row_area = Rect {
                y,
                height: 1,
                ..area
            }
            .intersection(area);
            crate::tui::event::clickable(row_area, crate::tui::event::Target::Rung(index));
            line.render(row_area, buf);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn every_rung_is_longer_than_the_one_below() {
        for width in [2, 4, 6, 9] {
            let bars: Vec<String> = (0..9).map(|i| bar(i, 9, width)).collect();
            for pair in bars.windows(2) {
                assert!(pair[0] != pair[1], "{width}: {bars:?}");
            }
            assert!(bars.iter().all(|b| b.width() <= width), "{bars:?}");
        }
    }
}
