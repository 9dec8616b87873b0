//! A form: labels in a left column, fields beside them, notes across. It scrolls so that the focused row is
//! always in view, which lets a step hold more fields than a small terminal has rows.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::field::TextField;
use super::wrap::{truncate, wrap};
use crate::tui::theme::Theme;

/// What a form asks of its screen after a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    None,
    Save,
    Cancel,
}

/// A form whose focus moves through its fields in order, some typed into ([`TextField`]) and some chosen from a
/// short list. Each form says which field a focus is; moving the focus, typing and pasting are written once, here,
/// so that every form moves and types alike.
pub trait Focused {
    type Focus: Copy + PartialEq + 'static;

    /// The fields in the order Tab visits them.
    fn order(&self) -> &'static [Self::Focus];

    fn focus(&self) -> Self::Focus;

    /// Records the focus; [`Focused::focus_on`] also tells the fields.
    fn store_focus(&mut self, focus: Self::Focus);

    /// The text field `focus` is, or `None` for a choice.
    fn text_field(&mut self, focus: Self::Focus) -> Option<&mut TextField>;

    /// Moves the focus to `focus`: its text field shows the cursor, the others not.
    fn focus_on(&mut self, focus: Self::Focus) {
        self.store_focus(focus);
        for &f in self.order() {
            if let Some(t) = self.text_field(f) {
                t.set_focused(f == focus);
            }
        }
    }

    /// The next field (Tab) or the one before (Shift-Tab), round from the last to the first.
    fn step_focus(&mut self, forward: bool) {
        let order = self.order();
        let n = order.len();
        if n == 0 {
            return;
        }
        let at = order.iter().position(|f| *f == self.focus()).unwrap_or(0);
        self.focus_on(
            order[if forward {
                (at + 1) % n
            } else {
                (at + n - 1) % n
            }],
        );
    }

    /// A key no binding claimed: typed into the focused field, if it is one.
    fn input(&mut self, key: ratatui::crossterm::event::KeyEvent) {
        if let Some(t) = self.text_field(self.focus()) {
            t.input(key);
        }
    }

    fn paste(&mut self, text: &str) {
        if let Some(t) = self.text_field(self.focus()) {
            t.paste(text);
        }
    }
}

/// One row (or block of rows) of a form.
pub enum Row<'a> {
    Field {
        field: &'a TextField,
        focused: bool,
    },
    /// A value chosen from a short list, shown as `‹ value ›`.
    Choice {
        label: &'a str,
        value: String,
        focused: bool,
    },
    /// Text across the whole width (a question, an explanation), wrapped.
    Note(String, Style),
    /// One styled line under the fields' column (suggestions, a parsed value).
    Indented(Line<'a>),
    Gap,
}

const MAX_FIELD_ROWS: u16 = 6;

/// The widest a form gets.
pub const MAX_WIDTH: u16 = 110;

fn label_width(area: Rect) -> u16 {
    match area.width {
        0..=39 => 11,
        40..=69 => 15,
        _ => 19,
    }
}

impl Row<'_> {
    fn focused(&self) -> bool {
        match self {
            Row::Field { focused, .. } | Row::Choice { focused, .. } => *focused,
            _ => false,
        }
    }

    fn height(&self, width: u16, field_width: u16) -> u16 {
        match self {
            Row::Field { field, focused } => field.height(field_width, *focused, MAX_FIELD_ROWS),
            Row::Choice { .. } => 1,
            Row::Note(text, _) => {
                u16::try_from(wrap(text, usize::from(width)).len()).unwrap_or(u16::MAX)
            }
            Row::Indented(_) | Row::Gap => 1,
        }
    }
}

fn render_label(label: &str, focused: bool, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let width = usize::from(area.width.saturating_sub(1));
    let (marker, style) = if focused {
        ("▶ ", theme.focus)
    } else {
        ("  ", Style::new())
    };
    let text = truncate(label, width.saturating_sub(2));
    Line::from(vec![Span::styled(marker, style), Span::styled(text, style)]).render(area, buf);
}

fn render_gutter(focused: bool, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let (glyph, style) = if focused {
        ("┃", theme.focus)
    } else {
        ("│", theme.muted)
    };
    for y in area.top()..area.bottom() {
        buf.set_string(area.x, y, glyph, style);
    }
}

/// How many rows the focused row takes in a form `width` wide (0 when none has the focus): what a screen must
/// leave for the form so that the field being typed in is never off the screen.
pub fn focused_height(rows: &[Row<'_>], width: u16) -> u16 {
    let width = width.min(MAX_WIDTH);
    let label_w = label_width(Rect::new(0, 0, width, 1)).min(width);
    let field_w = width.saturating_sub(label_w).saturating_sub(2).max(1);
    rows.iter()
        .find(|r| r.focused())
        .map_or(0, |r| r.height(width, field_w))
}

/// How many rows the whole form takes `width` wide: what is left below it is free for other content.
pub fn height(rows: &[Row<'_>], width: u16) -> u16 {
    let width = width.min(MAX_WIDTH);
    let label_w = label_width(Rect::new(0, 0, width, 1)).min(width);
    let field_w = width.saturating_sub(label_w).saturating_sub(2).max(1);
    rows.iter()
        .map(|r| r.height(width, field_w))
        .fold(0, u16::saturating_add)
}

/// Draws the rows into `area`, scrolled so that the focused row is visible.
pub fn render(rows: &[Row<'_>], area: Rect, buf: &mut Buffer, theme: &Theme) {
    if area.is_empty() {
        return;
    }
    // Very long lines are hard to read: on a wide terminal the form keeps a comfortable width.
    let area = Rect {
        width: area.width.min(MAX_WIDTH),
        ..area
    };
    let label_w = label_width(area).min(area.width);
    let field_w = area.width.saturating_sub(label_w).saturating_sub(2).max(1);
    let heights: Vec<u16> = rows.iter().map(|r| r.height(area.width, field_w)).collect();
    let mut offset: u16 = 0;
    let mut top: u16 = 0;
    for (row, &h) in rows.iter().zip(&heights) {
        if row.focused() {
            let bottom = top.saturating_add(h);
            if bottom > area.height {
                offset = bottom.saturating_sub(area.height).min(top);
            }
            break;
        }
        top = top.saturating_add(h);
    }
    let mut y: u16 = 0;
    for (row, &h) in rows.iter().zip(&heights) {
        let row_top = y;
        y = y.saturating_add(h);
        if y <= offset {
            continue;
        }
        let visible_top = row_top.max(offset) - offset;
        if visible_top >= area.height {
            break;
        }
        let skipped = offset.saturating_sub(row_top);
        let rect = Rect {
            x: area.x,
            y: area.y.saturating_add(visible_top),
            width: area.width,
            height: h.saturating_sub(skipped),
        }
        .intersection(area);
        if rect.is_empty() {
            continue;
        }
        render_row(row, rect, skipped, label_w, buf, theme);
    }
}

fn render_row(
    row: &Row<'_>,
    rect: Rect,
    skipped: u16,
    label_w: u16,
    buf: &mut Buffer,
    theme: &Theme,
) {
    let label_rect = Rect {
        width: label_w,
        height: 1,
        ..rect
    };
    let value_rect = Rect {
        x: rect.x.saturating_add(label_w),
        width: rect.width.saturating_sub(label_w),
        ..rect
    };
    match row {
        Row::Field { field, focused } => {
            if skipped == 0 {
                render_label(field.label, *focused, label_rect, buf, theme);
            }
            render_gutter(*focused, value_rect, buf, theme);
            let text_rect = Rect {
                x: value_rect.x.saturating_add(2),
                width: value_rect.width.saturating_sub(2),
                ..value_rect
            };
            if !text_rect.is_empty() {
                if *focused || field.textarea.is_empty() {
                    field.textarea.render(text_rect, buf);
                } else {
                    field.render_at_rest(text_rect, buf);
                }
            }
        }
        Row::Choice {
            label,
            value,
            focused,
        } => {
            render_label(label, *focused, label_rect, buf, theme);
            render_gutter(*focused, value_rect, buf, theme);
            let style = if *focused { theme.focus } else { Style::new() };
            let text = format!("‹ {value} ›");
            let width = usize::from(value_rect.width.saturating_sub(2));
            buf.set_string(
                value_rect.x.saturating_add(2),
                value_rect.y,
                truncate(&text, width),
                style,
            );
        }
        Row::Note(text, style) => {
            let lines: Vec<Line> = wrap(text, usize::from(rect.width))
                .into_iter()
                .skip(usize::from(skipped))
                .map(|l| Line::styled(l, *style))
                .collect();
            Paragraph::new(lines).render(rect, buf);
        }
        Row::Indented(line) => {
            let rect = Rect {
                x: value_rect.x.saturating_add(2),
                width: value_rect.width.saturating_sub(2),
                ..value_rect
            };
            line.clone().render(rect, buf);
        }
        Row::Gap => {}
    }
}
