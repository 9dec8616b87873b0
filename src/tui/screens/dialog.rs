//! Small centred dialogs: a few paragraphs and the keys that answer them, the safe choice highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use ratatui::crossterm::event::KeyEvent;

use crate::tui::event::{Target, clickable};
use crate::tui::keymap::{Keys, parse_key};
use crate::tui::theme::Theme;
use crate::tui::widgets::wrap::wrap;

/// A centred box with paragraphs and a list of key choices, the default one highlighted.
pub fn dialog(
    title: &str,
    paragraphs: &[(String, Style)],
    choices: &[(&str, &str, bool)],
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    if area.width < 4 || area.height < 3 {
        return;
    }
    let width = area.width.min(72);
    let inner_w = usize::from(width.saturating_sub(4)).max(1);
    let room = usize::from(area.height.saturating_sub(2));
    let mut choice_lines: Vec<Line> = Vec::new();
    for (key, text, default) in choices {
        let marker = if *default { "▶ " } else { "  " };
        let style = if *default {
            theme.selected
        } else {
            Style::new()
        };
        choice_lines.push(Line::from(vec![
            Span::raw(marker),
            Span::styled(format!(" {key} "), theme.key.patch(style)),
            Span::styled(format!(" {text}"), style),
        ]));
    }
    let wrapped: Vec<Vec<Line>> = paragraphs
        .iter()
        .map(|(text, style)| {
            wrap(text, inner_w)
                .into_iter()
                .map(|l| Line::styled(l, *style))
                .collect()
        })
        .collect();
    let text_rows: usize = wrapped.iter().map(Vec::len).sum();
    // Blank lines only where there is room: the choices must always show.
    let spaced = text_rows + wrapped.len() + choice_lines.len() <= room;
    let text_room = room.saturating_sub(choice_lines.len() + usize::from(spaced));
    let mut lines: Vec<Line> = Vec::new();
    for (i, paragraph) in wrapped.into_iter().enumerate() {
        if i > 0 && spaced {
            lines.push(Line::raw(""));
        }
        lines.extend(paragraph);
    }
    if lines.len() > text_room {
        lines.truncate(text_room);
        if let Some(last) = lines.last_mut() {
            last.spans.push(Span::raw("…"));
        }
    }
    if spaced {
        lines.push(Line::raw(""));
    }
    let first_choice = lines.len();
    lines.extend(choice_lines);
    let height = u16::try_from(lines.len() + 2)
        .unwrap_or(u16::MAX)
        .min(area.height);
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
    .intersection(area);
    // The whole band behind the box is cleared, so no half-words peek out at its sides.
    Clear.render(
        Rect {
            x: area.x,
            width: area.width,
            ..rect
        },
        buf,
    );
    let block = Block::bordered().title(Span::styled(title.to_string(), theme.warning));
    let inner = block.inner(rect);
    block.render(rect, buf);
    let text_area = Rect {
        x: inner.x.saturating_add(1),
        width: inner.width.saturating_sub(2),
        ..inner
    };
    // The box takes every click; a choice's row is its button (a click presses its key).
    clickable(rect, Target::Inert);
    for (i, (key, _, _)) in choices.iter().enumerate() {
        let Ok(Keys::Key(code, mods)) = parse_key(key) else {
            continue;
        };
        let y = u16::try_from(first_choice + i).unwrap_or(u16::MAX);
        let row = Rect {
            y: text_area.y.saturating_add(y),
            height: 1,
            ..text_area
        }
        .intersection(text_area);
        clickable(row, Target::Key(KeyEvent::new(code, mods)));
    }
    Paragraph::new(lines).render(text_area, buf);
}
