//! Step 1, the stakeholder: who they are, with the names already in the workbook suggested as you type and a
//! known person's history shown at a glance.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use strum::VariantArray;

use super::{Ctx, FieldId, Focus, Outcome, Wizard};
use crate::domain::history::StakeholderRecord;
use crate::domain::text::one_line;
use crate::domain::{Direction, Ladder};
use crate::tui::action::Action;
use crate::tui::widgets::form::{self, Row};
use crate::tui::widgets::wrap::{fit, truncate};

const MAX_SUGGESTIONS: usize = 5;

/// How many of a person's newest plans are read for what they care about when their name is chosen.
const CARES_FROM_PLANS: usize = 8;

impl Wizard {
    /// Known names that start with (or contain) what has been typed, while the name field has the focus.
    pub fn suggestions(&self) -> Vec<String> {
        if self.focus != Focus::Field(FieldId::Name) || self.steps.suggestions_closed {
            return Vec::new();
        }
        let typed = self.fields.name.value();
        if typed.is_empty() {
            return Vec::new();
        }
        self.history
            .complete(&typed)
            .into_iter()
            .filter(|n| !self.history.keys().same(n, &typed))
            .take(MAX_SUGGESTIONS)
            .map(str::to_string)
            .collect()
    }

    pub(super) fn handle_suggestion(&mut self, action: Action, ladder: &Ladder) -> Outcome {
        let suggestions = self.suggestions();
        let n = suggestions.len();
        if n == 0 {
            return Outcome::None;
        }
        match action {
            Action::NextSuggestion => self.steps.suggestion = (self.steps.suggestion + 1) % n,
            Action::PrevSuggestion => self.steps.suggestion = (self.steps.suggestion + n - 1) % n,
            _ => {
                let name = suggestions[self.steps.suggestion.min(n - 1)].clone();
                self.fields.name.set_text(&name);
                self.changed();
                return self.move_focus(true, ladder);
            }
        }
        Outcome::None
    }

    /// When the name is someone known, fills role, direction and what they care about from their latest plan,
    /// where the form is still empty.
    pub(super) fn settle_name(&mut self, ladder: &Ladder) {
        let name = self.fields.name.value();
        if name.is_empty() {
            return;
        }
        // Newest first, each field from the latest plan that has it.
        // Their plans as the history found them (under any spelling or alias), rather than every plan's name
        // compared again here.
        let mut plans: Vec<&crate::store::catalog::PlanSummary> = match self.history.get(&name) {
            Some(record) => {
                let all: Vec<_> = self.others.iter().collect();
                record
                    .plans
                    .iter()
                    .filter_map(|&i| all.get(i).copied())
                    .collect()
            }
            None => Vec::new(),
        };
        plans.sort_by_key(|p| std::cmp::Reverse(p.created()));
        let theirs: Vec<&crate::domain::Stakeholder> =
            plans.iter().map(|p| p.stakeholder()).collect();
        // What the register says fills what no plan has: someone recorded with `people set` or on their page.
        let person = self.people.first(&name).cloned();
        let mut filled = false;
        if self.fields.role.is_empty()
            && let Some(role) = theirs
                .iter()
                .map(|s| s.role.trim())
                .chain(person.as_ref().map(|p| p.role.trim()))
                .find(|r| !r.is_empty())
        {
            self.fields.role.set_text(role);
            filled = true;
        }
        if self.choices.direction.is_none()
            && let Some(d) = theirs
                .iter()
                .find_map(|s| s.direction)
                .or(person.as_ref().and_then(|p| p.direction))
        {
            self.choices.direction = Some(d);
            filled = true;
        }
        // What they care about is free text a summary does not keep: read from their newest plans' files (a few
        // at most: a name settles once, and a person's newest plans are where it was last written down).
        if self.fields.cares.is_empty()
            && let Some(cares) = plans
                .iter()
                .take(CARES_FROM_PLANS)
                .filter_map(|p| crate::store::plan_file::load(&p.path(), ladder).ok())
                .map(|pf| pf.plan.stakeholder.cares_about)
                .chain(person.map(|p| p.cares_about))
                .find(|c| !c.is_empty())
        {
            self.fields.cares.set_items(&cares);
            filled = true;
        }
        if filled {
            self.changed();
        }
    }

    pub(super) fn cycle_direction(&mut self, forward: bool) {
        let options: Vec<Option<Direction>> = std::iter::once(None)
            .chain(Direction::VARIANTS.iter().copied().map(Some))
            .collect();
        let at = options
            .iter()
            .position(|d| *d == self.choices.direction)
            .unwrap_or(0);
        let n = options.len();
        let next = if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        };
        self.choices.direction = options[next];
        self.changed();
    }

    /// The record to show beside the form: the highlighted suggestion, else the name as typed.
    fn shown_record(&self) -> Option<&StakeholderRecord> {
        let suggestions = self.suggestions();
        match suggestions.get(
            self.steps
                .suggestion
                .min(suggestions.len().saturating_sub(1)),
        ) {
            Some(name) => self.history.get(name),
            None => self.history.get(&self.fields.name.value()),
        }
    }

    pub(super) fn render_stakeholder(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let focused = |id| self.focus == Focus::Field(id);
        let mut rows = vec![
            Row::Note("Who do you need to win over?".into(), theme.heading),
            Row::Gap,
            Row::Field {
                field: &self.fields.name,
                focused: focused(FieldId::Name),
            },
        ];
        let suggestions = self.suggestions();
        if !suggestions.is_empty() {
            let mut spans = vec![Span::styled("known: ", theme.muted)];
            for (i, s) in suggestions.iter().enumerate() {
                if i > 0 {
                    spans.push(Span::raw("  "));
                }
                let style = if i == self.steps.suggestion {
                    theme.selected
                } else {
                    Style::new()
                };
                spans.push(Span::styled(one_line(s), style));
            }
            rows.push(Row::Indented(Line::from(spans)));
        }
        rows.push(Row::Field {
            field: &self.fields.role,
            focused: focused(FieldId::Role),
        });
        rows.push(Row::Choice {
            label: "Direction",
            value: self
                .choices
                .direction
                .map_or("not set".to_string(), |d| d.describe().to_string()),
            focused: self.focus == Focus::Direction,
        });
        rows.push(Row::Field {
            field: &self.fields.cares,
            focused: focused(FieldId::CaresAbout),
        });

        let record = self.shown_record();
        let (form_area, panel) = match record {
            Some(_) if area.width >= 90 => {
                let panel_w = 38;
                let form_w = (area.width - panel_w - 2).min(form::MAX_WIDTH);
                (
                    Rect {
                        width: form_w,
                        ..area
                    },
                    Rect {
                        x: area.x + form_w + 2,
                        width: panel_w,
                        ..area
                    },
                )
            }
            Some(_) => {
                let panel_h = (ctx.ladder.len() as u16 + 3).min(area.height / 2);
                (
                    Rect {
                        height: area.height - panel_h,
                        ..area
                    },
                    Rect {
                        y: area.bottom() - panel_h,
                        height: panel_h,
                        ..area
                    },
                )
            }
            None => (area, Rect::default()),
        };
        form::render(&rows, form_area, buf, theme);
        if let Some(record) = record {
            render_record(record, ctx, panel, buf);
        }
    }
}

/// A stakeholder's history at a glance: plans, rungs tried and how each went, the last outcome.
pub fn record_lines(record: &StakeholderRecord, ctx: &Ctx, width: usize) -> Vec<Line<'static>> {
    let theme = ctx.theme;
    let n = record.plans.len();
    let mut lines = vec![Line::styled(
        truncate(
            &format!(
                "{} · {n} earlier plan{}",
                one_line(&record.name),
                if n == 1 { "" } else { "s" }
            ),
            width,
        ),
        theme.heading,
    )];
    if !record.role.is_empty() {
        lines.push(Line::raw(truncate(&one_line(&record.role), width)));
    }
    let tried = record.tried(ctx.ladder.len());
    let results = record.latest_results(ctx.ladder.len());
    if tried.iter().any(|t| *t) {
        lines.push(Line::styled("Tried with them:", theme.muted));
        for (i, rung) in ctx.ladder.rungs().iter().enumerate() {
            if tried[i] {
                let result = results[i].map_or("no result noted", |r| r.as_str());
                lines.push(Line::raw(truncate(
                    &format!("  {} {} {result}", i + 1, fit(&one_line(&rung.name), 14)),
                    width,
                )));
            }
        }
    } else {
        lines.push(Line::styled(
            "Nothing on the ladder tried yet.",
            theme.muted,
        ));
    }
    let last = record.last_outcome.map_or("none recorded", |r| r.as_str());
    lines.push(Line::raw(truncate(&format!("Last outcome: {last}"), width)));
    lines
}

fn render_record(record: &StakeholderRecord, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let lines = record_lines(record, ctx, usize::from(area.width));
    Paragraph::new(lines).render(area, buf);
}
