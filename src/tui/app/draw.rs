//! Drawing the app: the screen on top of the stack, then a long status message, then an overlay. It reads the
//! state only (`&self`), as every screen's `render` does.

use super::*;
use unicode_width::UnicodeWidthStr;

impl App {
    fn status_style(&self, tone: Tone) -> Style {
        match tone {
            Tone::Info => Style::new(),
            Tone::Success => self.theme.ok,
            Tone::Error => self.theme.error,
        }
    }

    fn status_line(&self) -> Option<Line<'static>> {
        self.status
            .as_ref()
            .map(|s| Line::styled(format!(" {}", one_line(&s.text)), self.status_style(s.tone)))
    }

    /// A message too long for the footer line takes as many lines above it as it needs (up to four, a quarter of
    /// a small screen): cut at the edge, it lost its second half, which is usually what to do next. Longer still
    /// (several problems in the config file), its last line ends saying which key shows it all: help, which
    /// opens with the message in full.
    fn render_long_status(&self, area: Rect, buf: &mut Buffer) {
        let Some(s) = &self.status else { return };
        let width = usize::from(area.width.saturating_sub(1)).max(1);
        let mut lines = wrap(&one_line(&s.text), width);
        if lines.len() < 2 {
            return;
        }
        let most = usize::from(area.height / 4).clamp(1, 4);
        if lines.len() > most {
            lines.truncate(most);
            let more = format!(
                "{} shows it all",
                self.keys
                    .key(super::super::keymap::Context::Global, Action::Help)
            );
            if let Some(last) = lines.last_mut() {
                let room = width.saturating_sub(more.width() + 2);
                let kept = truncate(last, room);
                *last = format!("{}… {more}", kept.trim_end_matches('…').trim_end());
            }
        }
        let n = u16::try_from(lines.len()).unwrap_or(4).min(area.height);
        let rect = Rect {
            y: area.bottom().saturating_sub(n),
            height: n,
            ..area
        };
        Clear.render(rect, buf);
        let style = self.status_style(s.tone);
        for (row, line) in (rect.y..rect.bottom()).zip(lines) {
            Line::styled(format!(" {line}"), style).render(
                Rect {
                    y: row,
                    height: 1,
                    ..rect
                },
                buf,
            );
        }
    }

    /// Draws the whole screen. Reads the state only.
    pub fn render(&self, area: Rect, buf: &mut Buffer) {
        self.hits.record(|| self.draw(area, buf));
    }

    fn draw(&self, area: Rect, buf: &mut Buffer) {
        self.too_small
            .set(area.width < MIN_WIDTH || area.height < MIN_HEIGHT);
        if self.too_small.get() {
            // The size is one word, so a narrow window never wraps it into "40 x" and "12".
            Paragraph::new(format!(
                "too small: needs at least {MIN_WIDTH}x{MIN_HEIGHT}"
            ))
            .wrap(Wrap { trim: true })
            .render(area, buf);
            return;
        }
        let status = self.status_line();
        let state = state!(self, status.as_ref());
        if let Some(screen) = self.screens.last() {
            screen.view().render(&state, area, buf);
        }
        self.render_long_status(area, buf);
        if let Some(overlay) = &self.overlay {
            overlay.view().render(&state, area, buf);
        }
    }
}
