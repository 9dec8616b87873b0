//! Step 5, prepare: the opening line, key points, the chosen tactic's own question (from the ladder's
//! `prepare_prompt`, saved as `prep.tactic_notes`), the objections you expect with your answers, and the ask.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{Ctx, FieldId, Focus, Wizard};
use crate::domain::text::one_line;
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::widgets::form::{self, Row};

impl Wizard {
    pub(super) fn render_prepare(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let focused = |id| self.focus == Focus::Field(id);
        let rung = (self.choices.primary.as_ref()).and_then(|r| ctx.ladder.rung(r));
        let heading = match rung {
            Some(r) => format!("Prepare the conversation · tactic: {}", one_line(&r.name)),
            None => "Prepare the conversation".to_string(),
        };
        let question = match rung {
            Some(r) if !r.prepare_prompt.trim().is_empty() => one_line(&r.prepare_prompt),
            Some(r) => format!("What will you bring to {}?", one_line(&r.name)),
            None => format!(
                "Choose a tactic on the previous step ({}) to get its own question here.",
                ctx.keys.key(Context::Wizard, Action::PrevStep)
            ),
        };
        let mut rows = vec![
            Row::Note(heading, theme.heading),
            Row::Field {
                field: &self.fields.opening,
                focused: focused(FieldId::Opening),
            },
            Row::Field {
                field: &self.fields.points,
                focused: focused(FieldId::Points),
            },
            Row::Note(question, theme.heading),
        ];
        if let Some(r) = rung
            && !r.guidance.prepare.trim().is_empty()
        {
            rows.push(Row::Note(one_line(&r.guidance.prepare), theme.muted));
        }
        rows.extend([
            Row::Field {
                field: &self.fields.notes,
                focused: focused(FieldId::TacticNotes),
            },
            Row::Note(
                "Objections you expect, and your answers:".into(),
                theme.muted,
            ),
        ]);
        for (i, (objection, response)) in self.fields.objections.iter().enumerate() {
            rows.push(Row::Field {
                field: objection,
                focused: focused(FieldId::Objection(i)),
            });
            rows.push(Row::Field {
                field: response,
                focused: focused(FieldId::Response(i)),
            });
        }
        rows.push(Row::Field {
            field: &self.fields.ask,
            focused: focused(FieldId::Ask),
        });
        rows.push(Row::Field {
            field: &self.fields.fallback,
            focused: focused(FieldId::Fallback),
        });
        if self.coalition_chosen(ctx.ladder) && !self.fields.allies.is_empty() {
            rows.push(Row::Note(
                "Your allies: what will you ask each to say?".into(),
                theme.heading,
            ));
            for (i, (name, ask)) in self.fields.allies.iter().enumerate() {
                rows.push(Row::Note(one_line(name), theme.muted));
                rows.push(Row::Field {
                    field: ask,
                    focused: focused(FieldId::AllyAsk(i)),
                });
            }
        }
        form::render(&rows, area, buf, theme);
    }
}
