//! The frame around every step: header, step bar, the focused field's hint (or the latest message) and the
//! keys that work right now; dialogs are drawn over it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::tactic::{DIGIT_RUNGS, digit_range};
use super::{Ctx, FieldId, Focus, Step, Wizard, warning};
use crate::domain::text::one_line;
use crate::tui::widgets::step_bar::StepBar;
use crate::tui::widgets::wrap::truncate;

impl Wizard {
    /// A short name for the header: who the plan is for.
    fn header_title(&self) -> String {
        let name = self.fields.name.value();
        let what = if self.file.is_some() {
            "Plan"
        } else {
            "New plan"
        };
        if name.is_empty() {
            what.to_string()
        } else {
            format!("{what} · {}", one_line(&name))
        }
    }

    /// The one-line hint for the focused control.
    fn hint(&self, ctx: &Ctx, body: Rect) -> String {
        match self.focus {
            Focus::Field(FieldId::By) => match self.fields.by_date() {
                Err(e) => e,
                Ok(_) => self.fields.by.hint.clone(),
            },
            Focus::Field(id) => self
                .fields
                .get(id)
                .map(|f| f.hint.clone())
                .unwrap_or_default(),
            Focus::Direction => match self.choices.direction {
                Some(d) => format!("Which way the influence runs: {}.", d.describe()),
                None => "Which way the influence runs: up, peer, down or outside.".into(),
            },
            Focus::Tried => "Space ticks what you tried with them; ←/→ sets how it went.".into(),
            Focus::Ladder if self.pending.is_some() => {
                "A warning, not a block: the choice stays yours.".into()
            }
            Focus::Ladder if self.guidance_full => {
                "↑↓ another rung's guidance, Shift-↑↓ scrolls, g or Esc: back to the ladder.".into()
            }
            Focus::Ladder => {
                let digits = digit_range(ctx.ladder);
                // The hint promises only what this screen can show: the guidance beside or under the ladder, or
                // behind g.
                let guidance = if self.guidance_shown(ctx.ladder, body) {
                    "↑↓ and Shift-↑↓ read the guidance"
                } else {
                    "g: the guidance"
                };
                // The guidance first: a narrow screen cuts the end of the line.
                if ctx.ladder.len() > DIGIT_RUNGS {
                    format!(
                        "{guidance}; {digits} or Enter on the highlighted rung picks the primary, b then the same the backup."
                    )
                } else {
                    format!(
                        "{guidance}; {digits} picks the primary tactic, b then {digits} the backup."
                    )
                }
            }
            Focus::Review => {
                "Enter saves, p previews the page, Ctrl-P goes back to change something.".into()
            }
        }
    }

    /// Draws the wizard; `status` is the app's latest message, shown in place of the hint.
    pub fn render(&self, ctx: &Ctx, status: Option<&Line>, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        if area.height < 4 {
            return;
        }
        let header = Rect { height: 1, ..area };
        let bar = Rect {
            y: area.y + 1,
            height: 1,
            ..area
        };
        let keys = Rect {
            y: area.bottom() - 1,
            height: 1,
            ..area
        };
        let hint = Rect {
            y: area.bottom() - 2,
            height: 1,
            ..area
        };
        let body = Rect {
            x: area.x.saturating_add(1),
            y: area.y + 3,
            width: area.width.saturating_sub(2),
            height: area.height.saturating_sub(6),
        }
        .intersection(area);

        let saved = if self.dirty && self.autosave_failed {
            "not autosaved"
        } else if self.dirty && area.width >= 60 {
            "unsaved changes"
        } else if self.dirty {
            "unsaved"
        } else if self.file.is_some() {
            "saved"
        } else {
            ""
        };
        let right = Span::styled(saved, theme.muted);
        let left_width = usize::from(area.width).saturating_sub(right.width() + 2);
        Line::from(vec![Span::styled(
            truncate(&format!(" overture · {}", self.header_title()), left_width),
            theme.title,
        )])
        .render(header, buf);
        let rw = u16::try_from(right.width()).unwrap_or(0);
        if rw < area.width {
            right.render(
                Rect {
                    x: area.right() - rw - 1,
                    width: rw,
                    ..header
                },
                buf,
            );
        }
        StepBar {
            steps: &Step::NAMES,
            current: self.step.index(),
            theme,
        }
        .render(
            Rect {
                x: area.x + 1,
                width: area.width.saturating_sub(1),
                ..bar
            },
            buf,
        );

        match self.step {
            Step::Stakeholder => self.render_stakeholder(ctx, body, buf),
            Step::Goal => self.render_goal(ctx, body, buf),
            Step::Tried => self.render_tried(ctx, body, buf),
            Step::Tactic => self.render_tactic(ctx, body, buf),
            Step::Prepare => self.render_prepare(ctx, body, buf),
            Step::Review => self.render_review(ctx, body, buf),
        }

        let hint_rect = Rect {
            x: area.x + 1,
            width: area.width.saturating_sub(2),
            ..hint
        };
        match status {
            Some(line) => line.clone().render(hint, buf),
            None => {
                let text = truncate(&self.hint(ctx, body), usize::from(hint_rect.width));
                Line::styled(text, theme.muted).render(hint_rect, buf);
            }
        }
        let key_rect = Rect {
            x: area.x + 1,
            width: area.width.saturating_sub(2),
            ..keys
        };
        // The footer's hints start with a space; the key row is already indented by one.
        let keys = ctx
            .keys
            .footer(self.mode(), usize::from(key_rect.width) + 1, 1)
            .concat();
        Line::styled(keys.trim_start().to_string(), theme.key).render(key_rect, buf);

        if self.pending.is_some() {
            self.render_warning(ctx, area, buf);
        }
        if self.leave_confirm {
            warning::render_leave_confirm(ctx, area, buf);
        }
    }
}
