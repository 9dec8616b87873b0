//! Step 6, review: the plan exactly as it will print (the export module's one-page layout, warnings
//! included), under a line saying what saving will make of it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{Ctx, Wizard};
use crate::domain::Status;
use crate::domain::escalation::warning_for;
use crate::export::Page;
use crate::export::text::render_styled;
use crate::tui::widgets::wrap::wrap;

impl Wizard {
    /// The lines of the review: what saving will do, then the printed page.
    pub fn review_lines(&self, ctx: &Ctx, width: usize) -> Vec<Line<'static>> {
        let theme = ctx.theme;
        let ladder = ctx.ladder;
        let (plan, date_error) = self.plan(ladder, self.base.updated);
        let mut lines = Vec::new();
        let missing = plan.missing();
        let state = if plan.status == Status::Ready {
            "Saving makes this plan ready to use.".to_string()
        } else if missing.is_empty() {
            format!("Saving keeps this plan as {}.", plan.status.as_str())
        } else {
            format!(
                "Saving keeps this plan as a draft: still missing {}.",
                missing.join(", ")
            )
        };
        lines.extend(
            wrap(&state, width)
                .into_iter()
                .map(|l| Line::styled(l, theme.heading)),
        );
        if let Some(e) = date_error {
            lines.push(Line::styled(format!("By when: {e}"), theme.error));
        }
        // The warning is on the page too, further down; its headline goes first so it is never missed.
        if let Some(w) = warning_for(ladder, &self.history, &plan) {
            let headline = format!("⚠ {}", w.headline(ladder, &plan.stakeholder.name));
            lines.extend(
                wrap(&headline, width)
                    .into_iter()
                    .map(|l| Line::styled(l, theme.warning)),
            );
        }
        lines.push(Line::styled("As it will print:", theme.muted));
        let page = Page::build(ladder, &self.history, &plan, ctx.today);
        for styled in render_styled(&page, width) {
            let spans: Vec<Span> = styled
                .into_iter()
                .map(|s| Span::styled(s.text, theme.page(s.style)))
                .collect();
            lines.push(Line::from(spans));
        }
        lines
    }

    pub(super) fn render_review(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let lines = self.review_lines(ctx, usize::from(area.width));
        let scroll = self.steps.review.first_line(lines.len(), area.height);
        let shown: Vec<Line> = lines.into_iter().skip(scroll).collect();
        Paragraph::new(shown).render(area, buf);
    }
}
