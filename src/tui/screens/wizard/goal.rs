//! Step 2, the goal: an observable request, why it matters, the least you would accept, by when, and the
//! plan's title for the list (optional).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::{Ctx, FieldId, Focus, Wizard};
use crate::tui::widgets::form::{self, Row};

impl Wizard {
    pub(super) fn render_goal(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let field = |id: FieldId| Row::Field {
            field: self.fields.get(id).unwrap_or(&self.fields.want),
            focused: self.focus == Focus::Field(id),
        };
        let mut rows = vec![
            Row::Note("What do you want them to do?".into(), theme.heading),
            Row::Gap,
            field(FieldId::Want),
            field(FieldId::Why),
            field(FieldId::Minimum),
            field(FieldId::By),
        ];
        match self.fields.by_date() {
            // Allowed (a plan written up afterwards), but worth a word: a slip of the year is easy to make.
            Ok(Some(date)) if date < ctx.today => {
                rows.push(Row::Indented(Line::styled(
                    format!(
                        "= {}, which has passed",
                        crate::domain::dates::describe(date, ctx.today)
                    ),
                    theme.warning,
                )));
            }
            Ok(Some(date)) => {
                rows.push(Row::Indented(Line::styled(
                    format!("= {}", crate::domain::dates::describe(date, ctx.today)),
                    theme.muted,
                )));
            }
            Err(_) => rows.push(Row::Indented(Line::styled(
                "not a date yet: try 18 dec, fri, in 2 weeks, +3d",
                theme.warning,
            ))),
            _ => {}
        }
        rows.push(field(FieldId::Title));
        form::render(&rows, area, buf, theme);
    }
}
