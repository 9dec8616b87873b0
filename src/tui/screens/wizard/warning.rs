//! The escalation warning and the leave-without-saving question: small dialogs over the wizard. The warning's
//! words come from `domain::escalation` alone, so the TUI, the command line and the printout say the same.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{Asking, Ctx, FieldId, Focus, Outcome, PendingPick, Wizard};
use crate::domain::Ladder;
use crate::domain::escalation::warning_for;
use crate::tui::action::Action;
use crate::tui::screens::dialog::dialog;

impl Wizard {
    pub(super) fn handle_warning(
        &mut self,
        action: Action,
        pick: PendingPick,
        ladder: &Ladder,
    ) -> Outcome {
        match action {
            Action::Confirm => {
                self.asking = Asking::Nothing;
                self.apply_pick(pick, ladder);
                self.set_focus(Focus::Field(FieldId::EscalationReason), ladder);
                Outcome::Message("Note why you are going ahead, then press Enter.".into())
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
            ("n", "Go back and choose again (the default)", true),
            ("y", "Go ahead, and note why", false),
        ];
        dialog(
            " Escalation warning ",
            &paragraphs,
            &choices,
            theme,
            area,
            buf,
        );
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
        ("n", "Stay in the wizard (n or Esc)", true),
        ("s", "Save, then leave", false),
        ("y", "Leave and drop the changes", false),
    ];
    dialog(
        " Leave this plan? ",
        &paragraphs,
        &choices,
        ctx.theme,
        area,
        buf,
    );
}
