//! Step 3, already tried: the ladder as a checklist. Earlier plans with this person show what the workbook
//! already knows; what is ticked here is saved with this plan as `[[attempts]]`, each with how it went.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::{Ctx, FieldId, Focus, Outcome, Wizard};
use crate::domain::text::one_line;
use crate::domain::{Ladder, OutcomeResult};
use crate::tui::action::Action;
use crate::tui::widgets::form::{self, Row};
use crate::tui::widgets::ladder::{LadderWidget, RungRow};

/// The results in the order ←/→ steps through them; `None` is "not noted".
const RESULTS: [Option<OutcomeResult>; 5] = [
    None,
    Some(OutcomeResult::Commitment),
    Some(OutcomeResult::Compliance),
    Some(OutcomeResult::Resistance),
    Some(OutcomeResult::Undecided),
];

impl Wizard {
    pub(super) fn handle_tried(
        &mut self,
        action: Action,
        ladder: &Ladder,
        keys: &crate::tui::keymap::Keymap,
    ) -> Outcome {
        let i = self.steps.tried.min(ladder.len().saturating_sub(1));
        let Some(row) = self.choices.tried.get_mut(i) else {
            return Outcome::None;
        };
        match action {
            Action::ToggleTried => {
                row.ticked = !row.ticked;
                // What the row held that the checklist does not show goes with it: say so, while it can be undone.
                if !row.ticked
                    && let Some(a) = row
                        .original
                        .as_ref()
                        .filter(|a| a.on.is_some() || !a.notes.trim().is_empty())
                {
                    let when = a.on.map(|d| format!(" of {d}")).unwrap_or_default();
                    let notes = if a.notes.trim().is_empty() {
                        ""
                    } else {
                        " and its notes"
                    };
                    self.changed();
                    let back = keys.key(crate::tui::keymap::Context::Tried, Action::ToggleTried);
                    return Outcome::Message(format!(
                        "Unticked: the try{when}{notes} will be removed when you save. {back} ticks it back."
                    ));
                }
            }
            Action::NextResult | Action::PrevResult => {
                let at = RESULTS.iter().position(|r| *r == row.result).unwrap_or(0);
                let n = RESULTS.len();
                let next = if action == Action::NextResult {
                    (at + 1) % n
                } else {
                    (at + n - 1) % n
                };
                row.result = RESULTS[next];
                row.ticked = true;
            }
            _ => return Outcome::None,
        }
        self.changed();
        Outcome::None
    }

    pub(super) fn render_tried(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let name = self.fields.name.value();
        let who = if name.is_empty() {
            "this person".to_string()
        } else {
            one_line(&name)
        };
        let record = self.history.get(&name);
        let earlier_tried = record
            .map(|r| r.tried(ctx.ladder.len()))
            .unwrap_or_default();
        let earlier_results = record
            .map(|r| r.latest_results(ctx.ladder.len()))
            .unwrap_or_default();
        let rows: Vec<RungRow> = self
            .choices
            .tried
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let mine = if row.ticked {
                    let mut mine = format!("✓ {}", row.result.map_or("tried", |r| r.as_str()));
                    if let Some(on) = row.on().0 {
                        mine.push_str(&format!(", {on}"));
                    }
                    if row
                        .original
                        .as_ref()
                        .is_some_and(|a| !a.notes.trim().is_empty())
                    {
                        mine.push_str(", notes");
                    }
                    mine
                } else {
                    String::new()
                };
                let earlier = if earlier_tried.get(i).copied().unwrap_or(false) {
                    let r = earlier_results.get(i).copied().flatten();
                    format!("earlier: {}", r.map_or("tried", |r| r.as_str()))
                } else {
                    String::new()
                };
                let status = match (mine.is_empty(), earlier.is_empty()) {
                    (false, false) => format!("{mine} · {earlier}"),
                    (false, true) => mine,
                    (true, false) => earlier,
                    (true, true) => String::new(),
                };
                RungRow {
                    mark: if row.ticked {
                        "[x]".into()
                    } else {
                        "[ ]".into()
                    },
                    status,
                    status_style: if row.ticked { theme.tried } else { theme.muted },
                    chosen: false,
                }
            })
            .collect();
        let intro = [
            Row::Note(format!("What have you already tried with {who}?"), theme.heading),
            Row::Note(
                "Tick each rung you have tried and note how it went. Tries recorded in earlier plans are shown too; they already count."
                    .into(),
                theme.muted,
            ),
        ];
        // Measured at the width the form draws it (no wider than `form::MAX_WIDTH`), or a wide terminal loses
        // its last line.
        let intro_h = intro_height(&intro, area.width.min(form::MAX_WIDTH));
        form::render(
            &intro,
            Rect {
                height: intro_h.min(area.height),
                ..area
            },
            buf,
            theme,
        );
        // The highlighted rung's date, under the ladder: the field, and the date it resolves to.
        let when = self.tried_on_rows(ctx);
        let when_h = form::height(&when, area.width);
        let ladder_area = Rect {
            y: area.y.saturating_add(intro_h + 1),
            // As tall as the ladder, so the date row sits right under it, room allowing.
            height: area
                .height
                .saturating_sub(intro_h + 1 + when_h + 1)
                .min(u16::try_from(ctx.ladder.len()).unwrap_or(u16::MAX)),
            ..area
        }
        .intersection(area);
        form::render(
            &when,
            Rect {
                y: ladder_area.bottom().saturating_add(1),
                height: when_h,
                ..area
            }
            .intersection(area),
            buf,
            theme,
        );
        LadderWidget {
            ladder: ctx.ladder,
            rows: &rows,
            cursor: self.steps.tried,
            focused: true,
            theme,
        }
        .render(ladder_area, buf);
    }
}

impl Wizard {
    /// The date row of the highlighted rung: which rung, the field, and the date it resolves to (or why not).
    fn tried_on_rows(&self, ctx: &Ctx) -> Vec<Row<'_>> {
        let theme = ctx.theme;
        let i = self.steps.tried.min(ctx.ladder.len().saturating_sub(1));
        let name = ctx
            .ladder
            .get(i)
            .map(|r| one_line(&r.name))
            .unwrap_or_default();
        let focused = self.focus == Focus::Field(FieldId::TriedOn);
        let mut rows = vec![Row::Field {
            field: &self.fields.tried_on,
            focused,
        }];
        let row = self.choices.tried.get(i);
        let said = match row.map(|r| (r.on_text.trim().is_empty(), r.on())) {
            Some((false, (_, Some(_)))) => Some(Line::styled(
                "not a date yet: try 3 dec, yesterday, -2w",
                theme.warning,
            )),
            Some((false, (Some(d), None))) if d > ctx.today => Some(Line::styled(
                format!(
                    "= {}: after today",
                    crate::domain::dates::describe(d, ctx.today)
                ),
                theme.warning,
            )),
            Some((false, (Some(d), None))) => Some(Line::styled(
                format!(
                    "= {} ({name})",
                    crate::domain::dates::describe(d, ctx.today)
                ),
                theme.muted,
            )),
            _ if focused => Some(Line::styled(format!("when {name} was tried"), theme.muted)),
            _ => None,
        };
        rows.extend(said.map(Row::Indented));
        rows
    }
}

pub(super) fn intro_height(rows: &[Row<'_>], width: u16) -> u16 {
    rows.iter()
        .map(|r| match r {
            Row::Note(text, _) => {
                u16::try_from(crate::tui::widgets::wrap::wrap(text, usize::from(width)).len())
                    .unwrap_or(1)
            }
            _ => 1,
        })
        .sum()
}
