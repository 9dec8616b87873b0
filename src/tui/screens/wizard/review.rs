//! Step 6, review: the whole plan as it will be saved, with its warnings, ready to save.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use super::{Ctx, Wizard};
use crate::domain::Status;
use crate::domain::escalation::warning_for;
use crate::tui::screens::plan_view::plan_lines;
use crate::tui::widgets::wrap::wrap;

impl Wizard {
    /// The lines of the review: what saving will do, the warnings, then the plan.
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
        lines.push(Line::styled(state, theme.heading));
        if let Some(e) = date_error {
            lines.push(Line::styled(format!("By when: {e}"), theme.error));
        }
        if let Some(w) = warning_for(ladder, &self.history, &plan) {
            for (i, l) in w
                .lines(ladder, &plan.stakeholder.name)
                .into_iter()
                .enumerate()
            {
                let style = if i == 0 {
                    theme.warning
                } else {
                    ratatui::style::Style::new()
                };
                let prefix = if i == 0 { "⚠ " } else { "  " };
                for (j, row) in wrap(&l, width.saturating_sub(2)).into_iter().enumerate() {
                    let p = if j == 0 { prefix } else { "  " };
                    lines.push(Line::styled(format!("{p}{row}"), style));
                }
            }
        }
        lines.push(Line::raw(""));
        lines.extend(plan_lines(&plan, ladder, theme, width));
        lines
    }

    pub(super) fn render_review(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let lines = self.review_lines(ctx, usize::from(area.width));
        let max_scroll = lines.len().saturating_sub(usize::from(area.height));
        let scroll = usize::from(self.review_scroll).min(max_scroll);
        let shown: Vec<Line> = lines.into_iter().skip(scroll).collect();
        Paragraph::new(shown).render(area, buf);
    }
}
