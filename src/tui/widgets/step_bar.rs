//! Where the user is in the wizard: every step by name, the current one highlighted; on a narrow terminal the
//! other steps shrink to their numbers.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::tui::theme::Theme;

pub struct StepBar<'a> {
    pub steps: &'a [&'a str],
    pub current: usize,
    pub theme: &'a Theme,
}

impl StepBar<'_> {
    fn line(&self, compact: bool) -> Line<'static> {
        let mut spans = Vec::new();
        for (i, name) in self.steps.iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled(
                    if compact { " " } else { " › " },
                    self.theme.muted,
                ));
            }
            let text = if compact && i != self.current {
                format!("{}", i + 1)
            } else {
                format!("{} {name}", i + 1)
            };
            let style = if i == self.current {
                self.theme.selected.patch(self.theme.heading)
            } else {
                Style::new()
            };
            spans.push(Span::styled(
                if i == self.current {
                    format!(" {text} ")
                } else {
                    text
                },
                style,
            ));
        }
        Line::from(spans)
    }
}

impl Widget for &StepBar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let full = self.line(false);
        let line = if full.width() <= usize::from(area.width) {
            full
        } else {
            self.line(true)
        };
        // Each step's number and name (the separators come between them) is a click target.
        let mut x = area.x;
        let mut step = 0;
        for span in &line.spans {
            let w = u16::try_from(span.width()).unwrap_or(u16::MAX);
            if span
                .content
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit())
            {
                let target = crate::tui::event::Target::Step(step);
                crate::tui::event::clickable(
                    Rect {
                        x,
                        width: w,
                        height: 1,
                        ..area
                    }
                    .intersection(area),
                    target,
                );
                step += 1;
            }
            x = x.saturating_add(w);
        }
        line.render(area, buf);
    }
}
