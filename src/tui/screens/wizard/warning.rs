//! The escalation warning and the leave-without-saving question: small dialogs over the wizard. The warning's
//! words come from `domain::escalation` alone, so the TUI, the command line and the printout say the same.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{Asking, Ctx, FieldId, Focus, Outcome, PendingPick, Wizard};
use crate::domain::Ladder;
use crate::domain::escalation::warning_for;
use crate::tui::action::Action;
use crate::tui::keymap::{Context, Keymap, Mode};
use crate::tui::screens::dialog::Dialog;

impl Wizard {
    pub(super) fn handle_leave_confirm(&mut self, action: Action) -> Outcome {
        match action {
            Action::Confirm => {
                self.asking = Asking::Nothing;
                Outcome::Discard
            }
            Action::SaveAndLeave => {
                self.asking = Asking::Nothing;
                Outcome::SaveAndLeave
            }
            Action::Cancel => {
                self.asking = Asking::Nothing;
                Outcome::None
            }
            _ => Outcome::None,
        }
    }

    pub(super) fn handle_warning(
        &mut self,
        action: Action,
        pick: PendingPick,
        ladder: &Ladder,
        keys: &Keymap,
    ) -> Outcome {
        match action {
            Action::Confirm => {
                self.asking = Asking::Nothing;
                self.apply_pick(pick, ladder);
                self.set_focus(Focus::Field(FieldId::EscalationReason), ladder);
                Outcome::Message(format!(
                    "Note why you are going ahead, then press {}.",
                    keys.key(Context::SingleLine, Action::NextField)
                ))
            }
            Action::Cancel => {
                self.asking = Asking::Nothing;
                Outcome::Message(
                    "Nothing changed. The untried rungs are marked on the ladder.".into(),
                )
            }
            Action::Help => Outcome::Help,
            _ => Outcome::None,
        }
    }

    pub(super) fn render_warning(
        &self,
        pick: PendingPick,
        ctx: &Ctx,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let ladder = ctx.ladder;
        let plan = self.candidate(pick, ladder);
        let Some(warning) = warning_for(ladder, &self.history, &plan) else {
            return;
        };
        let theme = ctx.theme;
        let lines = warning.lines(ladder, &plan.stakeholder.name);
        let mut paragraphs: Vec<(String, Style)> = Vec::new();
        for (i, l) in lines.into_iter().enumerate() {
            let style = if i == 0 { theme.warning } else { Style::new() };
            paragraphs.push((l, style));
        }
        let choices = [
            (Action::Cancel, "Go back and choose again", true),
            (Action::Confirm, "Go ahead, and note why", false),
        ];
        Dialog {
            title: " Escalation warning ",
            paragraphs: &paragraphs,
            choices: &choices,
            mode: Mode::WizardWarning,
        }
        .render(ctx.keys, theme, area, buf);
    }
}

/// The question asked before unsaved changes are dropped.
pub fn render_leave_confirm(ctx: &Ctx, area: Rect, buf: &mut Buffer) {
    let paragraphs = [(
        "This plan has changes that are not saved. Leaving drops them, and their autosaved copy."
            .to_string(),
        Style::new(),
    )];
    let choices = [
        (Action::Cancel, "Stay in the wizard", true),
        (Action::SaveAndLeave, "Save, then leave", false),
        (Action::Confirm, "Leave and drop the changes", false),
    ];
    Dialog {
        title: " Leave this plan? ",
        paragraphs: &paragraphs,
        choices: &choices,
        mode: Mode::WizardLeaveConfirm,
    }
    .render(ctx.keys, ctx.theme, area, buf);
}
