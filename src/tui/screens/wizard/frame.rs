//! The frame around every step: header, step bar, the focused field's hint (or the latest message) and the
//! keys that work right now; dialogs are drawn over it.

use crate::tui::action::Action as A;
use crate::tui::keymap::Context as C;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::tactic::{DIGIT_RUNGS, digit_range};
use super::{Asking, Ctx, FieldId, Focus, Step, Wizard, warning};
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
        // Keys are named as the user has them (the config's `[keys]`), not as typed here.
        let key = |context, action| ctx.keys.key(context, action);
        match self.focus {
            Focus::Field(FieldId::By) => match self.fields.by_date() {
                Err(e) => e,
                Ok(_) => self.fields.by.hint.clone(),
            },
            Focus::Field(FieldId::EscalationReason) => format!(
                "{} {} confirms.",
                self.fields.reason.hint,
                key(C::SingleLine, A::NextField)
            ),
            Focus::Field(FieldId::TriedOn) => match self
                .choices
                .tried
                .get(self.steps.tried)
                .and_then(|r| r.on().1)
            {
                Some(e) => e,
                None => self.fields.tried_on.hint.clone(),
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
            Focus::Tried => format!(
                "{} ticks what you tried with them; {}/{} sets how it went; {}: when.",
                key(C::Tried, A::ToggleTried),
                key(C::Tried, A::PrevResult),
                key(C::Tried, A::NextResult),
                key(C::Wizard, A::NextField)
            ),
            Focus::Allies => format!(
                "{} chooses them as an ally; Prepare asks what each will say.",
                key(C::Allies, A::ToggleAlly)
            ),
            Focus::Ladder if matches!(self.asking, Asking::Warning(_)) => {
                "A warning, not a block: the choice stays yours.".into()
            }
            Focus::Ladder if self.guidance_full => format!(
                "{}/{} another rung's guidance, {}/{} scrolls, {} or {}: back to the ladder.",
                key(C::Ladder, A::Down),
                key(C::Ladder, A::Up),
                key(C::Ladder, A::GuidanceDown),
                key(C::Ladder, A::GuidanceUp),
                key(C::Ladder, A::ToggleGuidance),
                key(C::WizardLeave, A::Leave)
            ),
            Focus::Ladder => {
                let digits = digit_range(ctx.ladder);
                let backup = key(C::Ladder, A::StartBackup);
                // The hint promises only what this screen can show: the guidance beside or under the ladder, or
                // behind its key; the guidance first, as a narrow screen cuts the end of the line.
                let guidance = if self.guidance_shown(ctx.ladder, body) {
                    format!(
                        "{}/{} and {}/{} read the guidance",
                        key(C::Ladder, A::Down),
                        key(C::Ladder, A::Up),
                        key(C::Ladder, A::GuidanceDown),
                        key(C::Ladder, A::GuidanceUp)
                    )
                } else {
                    format!("{}: the guidance", key(C::Ladder, A::ToggleGuidance))
                };
                if ctx.ladder.len() > DIGIT_RUNGS {
                    format!(
                        "{guidance}; {digits} or {} on the highlighted rung picks the primary, {backup} then the same the backup.",
                        key(C::Ladder, A::PickHighlighted)
                    )
                } else {
                    format!(
                        "{guidance}; {digits} picks the primary tactic, {backup} then {digits} the backup."
                    )
                }
            }
            Focus::Review => format!(
                "{} saves, {} previews the page, {} goes back to change something.",
                key(C::Review, A::Save),
                key(C::Review, A::Preview),
                key(C::Wizard, A::PrevStep)
            ),
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
            .footer_digits(
                self.mode(),
                usize::from(key_rect.width) + 1,
                1,
                ctx.ladder.len(),
            )
            .concat();
        Line::styled(keys.trim_start().to_string(), theme.key).render(key_rect, buf);

        match self.asking {
            Asking::Warning(pick) => self.render_warning(pick, ctx, area, buf),
            Asking::Leave => warning::render_leave_confirm(ctx, area, buf),
            Asking::DidYouMean => self.render_did_you_mean(ctx, area, buf),
            Asking::Backup | Asking::Nothing => {}
        }
    }
}
