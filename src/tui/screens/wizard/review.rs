//! Step 6, review: the plan sheet (`domain::sheet`), drawn as the plan view draws a saved plan, under a line
//! saying what saving will make of it. One rendering of a plan for the workbook and `overture show`, with the
//! same labels; the printed page, which has its own one-page layout, is a key away (print preview).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use super::{Ctx, Wizard};
use crate::domain::Status;
use crate::domain::escalation::warning_for;
use crate::domain::history::tries_in;
use crate::domain::text::one_line;
use crate::tui::screens::plan_view::plan_lines;
use crate::tui::widgets::strip;
use crate::tui::widgets::wrap::wrap;

impl Wizard {
    /// The lines of the review: what saving will do, the warning's headline, then the plan sheet with the
    /// stakeholder's ladder (what the workbook and this plan have tried).
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
        if let Some(w) = warning_for(ladder, &self.history, &plan) {
            for (i, l) in w
                .lines(ladder, &plan.stakeholder.name)
                .into_iter()
                .enumerate()
            {
                // The headline marked, as it was when only it showed here: it must not be missed.
                let (text, style) = if i == 0 {
                    (format!("⚠ {l}"), theme.warning)
                } else {
                    (l, ratatui::style::Style::new())
                };
                lines.extend(
                    wrap(&text, width)
                        .into_iter()
                        .map(|r| Line::styled(r, style)),
                );
            }
        }
        lines.push(Line::raw(""));
        // The plan view's title line: the title the list will show.
        lines.extend(
            wrap(&one_line(&plan.display_title()), width)
                .into_iter()
                .map(|l| Line::styled(l, theme.title)),
        );
        let mut record = self
            .history
            .get(&plan.stakeholder.name)
            .cloned()
            .unwrap_or_default();
        record.tries.extend(tries_in(ladder, &plan));
        let states = strip::states(ladder, &record, Some(&plan));
        lines.push(Line::raw(""));
        lines.extend(plan_lines(&plan, ladder, theme, width, &states));
        lines
    }

    pub(super) fn render_review(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let lines = self.review_lines(ctx, usize::from(area.width));
        let scroll = self.steps.review.first_line(lines.len(), area.height);
        let shown: Vec<Line> = lines.into_iter().skip(scroll).collect();
        Paragraph::new(shown).render(area, buf);
    }
}
