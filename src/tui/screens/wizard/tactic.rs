//! Step 4, the tactic: the ladder with each rung marked tried or untried, the highlighted rung's guidance
//! beside it, and the primary and backup picks. Picking an escalation rung too early opens the warning (see
//! `warning.rs`); the rule itself is `domain::escalation`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::guidance::{GuidanceView, guidance_lines, render_guidance};
use super::{Asking, Ctx, FieldId, Focus, Outcome, PendingPick, Role, Wizard};
use crate::domain::escalation::warning_for;
use crate::domain::text::one_line;
use crate::domain::{Ladder, Plan, RungRef};
use crate::tui::action::Action;
use crate::tui::keymap::Keymap;
use crate::tui::widgets::form::{self, Row};
use crate::tui::widgets::ladder::{LadderWidget, RungRow};
use crate::tui::widgets::wrap::truncate;

/// Rungs the digit keys reach: 1 to 9. A longer ladder's rungs 10 to 12 are picked by highlighting them and
/// pressing Enter (or Space).
pub const DIGIT_RUNGS: usize = 9;

/// The digits that pick a rung on this ladder, for hints: "1-9", or "1-4" on a four-rung ladder.
pub fn digit_range(ladder: &Ladder) -> String {
    format!("1-{}", ladder.len().clamp(1, DIGIT_RUNGS))
}

/// The guidance column's widest, for lines that stay easy to read.
const GUIDANCE_WIDTH: u16 = 72;

impl Wizard {
    /// Where the ladder's highlight starts: on the primary, else on the gentlest untried rung.
    pub(super) fn initial_ladder_cursor(&self, ladder: &Ladder) -> usize {
        if let Some(i) = ladder.index_of(self.choices.primary.as_ref()) {
            return i;
        }
        self.tried(ladder).iter().position(|t| !t).unwrap_or(0)
    }

    /// The reason field shows while the plan escalates early, or once something is written in it.
    pub(super) fn reason_visible(&self, ladder: &Ladder) -> bool {
        !self.fields.reason.is_empty() || self.warning(ladder).is_some()
    }

    /// The Prepare step's prompts follow the primary tactic (its question and guidance are drawn there; the
    /// opening line's placeholder is the rung's example opener).
    pub(super) fn sync_tactic_prompts(&mut self, ladder: &Ladder) {
        let placeholder = (self.choices.primary.as_ref())
            .and_then(|r| ladder.rung(r))
            .map(|rung| format!("e.g. {}", one_line(&rung.guidance.opener)))
            .unwrap_or_default();
        self.fields.opening.set_placeholder(&placeholder);
    }

    /// The plan as it would be with `pick` applied.
    pub(super) fn candidate(&self, pick: PendingPick, ladder: &Ladder) -> Plan {
        let mut choices = self.choices.clone();
        let key = ladder.pick(pick.rung);
        match pick.role {
            Role::Primary => choices.primary = key,
            Role::Backup => choices.backup = key,
        }
        super::fields::build(
            &self.base,
            &self.fields,
            &choices,
            ladder,
            self.base.updated,
        )
        .0
    }

    pub(super) fn apply_pick(&mut self, pick: PendingPick, ladder: &Ladder) {
        let key = ladder.pick(pick.rung);
        match pick.role {
            Role::Primary => {
                self.choices.primary = key;
                if ladder.index_of(self.choices.backup.as_ref()) == Some(pick.rung) {
                    self.choices.backup = None;
                }
            }
            Role::Backup => self.choices.backup = key,
        }
        self.changed();
        self.sync_tactic_prompts(ladder);
    }

    fn pick(&mut self, role: Role, rung: usize, ladder: &Ladder) -> Outcome {
        let Some(r) = ladder.get(rung) else {
            return Outcome::Warn(format!("The ladder has {} rungs.", ladder.len()));
        };
        let name = r.name.clone();
        if self.steps.ladder != rung {
            self.guidance_scroll = 0;
        }
        self.steps.ladder = rung;
        if role == Role::Backup && ladder.index_of(self.choices.primary.as_ref()) == Some(rung) {
            return Outcome::Warn(format!("{name} is already the primary tactic."));
        }
        let pick = PendingPick { role, rung };
        if r.escalation
            && warning_for(ladder, &self.history, &self.candidate(pick, ladder)).is_some()
        {
            self.asking = Asking::Warning(pick);
            return Outcome::None;
        }
        self.apply_pick(pick, ladder);
        Outcome::Message(match role {
            Role::Primary => format!("Primary tactic: {name}."),
            Role::Backup => format!("Backup tactic: {name}."),
        })
    }

    pub(super) fn handle_tactic(
        &mut self,
        action: Action,
        ladder: &Ladder,
        keys: &Keymap,
    ) -> Outcome {
        use crate::tui::keymap::Context as C;
        match action {
            Action::PickPrimary(i) => self.pick(Role::Primary, i, ladder),
            Action::PickHighlighted => self.pick(Role::Primary, self.steps.ladder, ladder),
            Action::StartBackup => {
                self.asking = Asking::Backup;
                let digits = digit_range(ladder);
                let none = keys.key(C::BackupPending, Action::ClearBackup);
                let cancel = keys.key(C::BackupPending, Action::CancelBackup);
                Outcome::Message(if ladder.len() > DIGIT_RUNGS {
                    let highlighted = keys.key(C::BackupPending, Action::PickBackupHighlighted);
                    format!(
                        "Backup tactic: press {digits} or {highlighted} for the highlighted rung, {none} for none, {cancel} to cancel."
                    )
                } else {
                    format!("Backup tactic: press {digits}, {none} for none, {cancel} to cancel.")
                })
            }
            Action::PickBackup(i) => {
                self.asking = Asking::Nothing;
                self.pick(Role::Backup, i, ladder)
            }
            Action::PickBackupHighlighted => {
                self.asking = Asking::Nothing;
                self.pick(Role::Backup, self.steps.ladder, ladder)
            }
            Action::ClearBackup => {
                self.asking = Asking::Nothing;
                if self.choices.backup.is_some() {
                    self.choices.backup = None;
                    self.changed();
                }
                Outcome::Message("No backup tactic.".into())
            }
            Action::CancelBackup => {
                self.asking = Asking::Nothing;
                Outcome::None
            }
            Action::ToggleResearch => {
                self.steps.show_research = !self.steps.show_research;
                self.guidance_scroll = 0;
                Outcome::None
            }
            Action::GuidanceDown => {
                // Never past the end as last drawn; before any drawing, past the length at the narrowest panel.
                let most = self.guidance_most.get().unwrap_or_else(|| {
                    ladder.get(self.steps.ladder).map_or(0, |rung| {
                        let view = (self.steps.show_research, NARROWEST);
                        guidance_lines(rung, self.steps.ladder, view.0, view.1, None).len()
                    })
                });
                self.guidance_scroll = (self.guidance_scroll + 1).min(most);
                Outcome::None
            }
            Action::GuidanceUp => {
                self.guidance_scroll = self.guidance_scroll.saturating_sub(1);
                Outcome::None
            }
            Action::ToggleGuidance => {
                self.guidance_full = !self.guidance_full;
                Outcome::None
            }
            _ => Outcome::None,
        }
    }

    fn ladder_rows(&self, ctx: &Ctx) -> Vec<RungRow> {
        let ladder = ctx.ladder;
        let tried = self.tried(ladder);
        let record = self.history.get(&self.fields.name.value());
        let earlier = record
            .map(|r| r.latest_results(ladder.len()))
            .unwrap_or_default();
        let primary = ladder.index_of(self.choices.primary.as_ref());
        let backup = ladder.index_of(self.choices.backup.as_ref());
        (0..ladder.len())
            .map(|i| {
                let mine = self
                    .choices
                    .tried
                    .get(i)
                    .filter(|r| r.ticked)
                    .and_then(|r| r.result);
                let result = mine.or(earlier.get(i).copied().flatten());
                let status = match (tried.get(i).copied().unwrap_or(false), result) {
                    (true, Some(r)) => format!("✓ {}", r.as_str()),
                    (true, None) => "✓ tried".to_string(),
                    (false, _) => "untried".to_string(),
                };
                let mark = if primary == Some(i) {
                    "P"
                } else if backup == Some(i) {
                    "B"
                } else {
                    " "
                };
                RungRow {
                    mark: mark.into(),
                    status,
                    status_style: if tried.get(i).copied().unwrap_or(false) {
                        ctx.theme.tried
                    } else {
                        ctx.theme.muted
                    },
                    chosen: mark != " ",
                }
            })
            .collect()
    }

    /// Whether the guidance has a panel of its own at this width: beside the ladder from [`SIDE_BY_SIDE`]
    /// columns, else under it when the height leaves room, else only behind `g`.
    pub(super) fn guidance_beside(width: u16) -> bool {
        width >= SIDE_BY_SIDE
    }

    pub(super) fn render_tactic(&self, ctx: &Ctx, area: Rect, buf: &mut Buffer) {
        let theme = ctx.theme;
        let ladder = ctx.ladder;
        if self.guidance_full {
            if let Some(rung) = ladder.get(self.steps.ladder) {
                let width = area.width.min(GUIDANCE_WIDTH + 8);
                let panel = Rect { width, ..area };
                let most = render_guidance(
                    rung,
                    self.steps.ladder,
                    self.guidance_view(),
                    theme,
                    panel,
                    buf,
                );
                self.guidance_most.set(Some(most));
            }
            return;
        }
        let side_by_side = Self::guidance_beside(area.width);
        let left_width = if area.width >= 120 { 48 } else { 40 };
        let left = if side_by_side {
            Rect {
                width: left_width,
                ..area
            }
        } else {
            area
        };
        let name = self.fields.name.value();
        let heading = if name.is_empty() {
            "Choose a tactic".to_string()
        } else {
            format!("Choose a tactic for {}", one_line(&name))
        };
        let form_rows = self.form_and_allies(ladder, theme);
        let warning = self.warning(ladder);
        let stale = self.stale_reason(ladder);
        let layout = self.left_layout(ladder, left, &form_rows);
        let headings = layout.headings;
        let mut y = left.y;
        let line = |text: Line, buf: &mut Buffer, y: &mut u16| {
            if *y < left.bottom() {
                text.render(
                    Rect {
                        y: *y,
                        height: 1,
                        ..left
                    },
                    buf,
                );
            }
            *y = y.saturating_add(1);
        };
        if headings {
            line(
                Line::styled(truncate(&heading, usize::from(left.width)), theme.heading),
                buf,
                &mut y,
            );
            line(
                Line::styled(
                    truncate(
                        "gentle at the bottom, hard at the top",
                        usize::from(left.width),
                    ),
                    theme.muted,
                ),
                buf,
                &mut y,
            );
        }
        let rows = self.ladder_rows(ctx);
        let ladder_h = layout.ladder_h;
        LadderWidget {
            ladder,
            rows: &rows,
            cursor: self.steps.ladder,
            focused: self.focus == Focus::Ladder,
            theme,
        }
        .render(
            Rect {
                y,
                height: ladder_h,
                ..left
            }
            .intersection(left),
            buf,
        );
        y = y.saturating_add(ladder_h);

        let label = |rung: Option<&RungRef>| match rung {
            Some(_) => ladder.label(rung),
            None => "none".to_string(),
        };
        let picks = Line::from(vec![
            Span::styled("Primary: ", theme.muted),
            Span::styled(label(self.choices.primary.as_ref()), theme.heading),
            Span::styled("  Backup: ", theme.muted),
            Span::raw(label(self.choices.backup.as_ref())),
        ]);
        line(picks, buf, &mut y);
        if let Some(w) = warning {
            line(
                Line::styled(
                    truncate(
                        &format!("⚠ {}", w.headline(ladder, &name)),
                        usize::from(left.width),
                    ),
                    theme.warning,
                ),
                buf,
                &mut y,
            );
        } else if stale {
            line(
                Line::styled(
                    truncate(STALE_REASON, usize::from(left.width)),
                    theme.warning,
                ),
                buf,
                &mut y,
            );
        }
        let form_area = Rect {
            y,
            height: left.bottom().saturating_sub(y),
            ..left
        }
        .intersection(left);
        form::render(&form_rows, form_area, buf, theme);

        let Some(rung) = ladder.get(self.steps.ladder) else {
            return;
        };
        if side_by_side {
            let right = Rect {
                x: area.x + left_width + 2,
                width: area
                    .width
                    .saturating_sub(left_width + 2)
                    .min(GUIDANCE_WIDTH),
                ..area
            };
            let most = render_guidance(
                rung,
                self.steps.ladder,
                self.guidance_view(),
                theme,
                right,
                buf,
            );
            self.guidance_most.set(Some(most));
        } else if let Some(under) = layout.under {
            let most = render_guidance(
                rung,
                self.steps.ladder,
                self.guidance_view(),
                theme,
                under,
                buf,
            );
            self.guidance_most.set(Some(most));
        }
    }

    fn form_rows(&self, ladder: &Ladder) -> Vec<Row<'_>> {
        let mut rows = vec![Row::Field {
            field: &self.fields.rationale,
            focused: self.focus == Focus::Field(FieldId::Rationale),
        }];
        if self.reason_visible(ladder) {
            rows.push(Row::Field {
                field: &self.fields.reason,
                focused: self.focus == Focus::Field(FieldId::EscalationReason),
            });
        }
        rows
    }

    /// The fields under the ladder and, for the coalition rung, the allies to choose from.
    fn form_and_allies(&self, ladder: &Ladder, theme: &crate::tui::theme::Theme) -> Vec<Row<'_>> {
        let mut rows = self.ally_rows(ladder, theme);
        rows.extend(self.form_rows(ladder));
        rows
    }

    /// Where things go in the ladder's column: whether the headings fit, the ladder's rows, and the room left
    /// under the form for the guidance (when the guidance is not beside the ladder and enough is left).
    fn left_layout(&self, ladder: &Ladder, left: Rect, form_rows: &[Row<'_>]) -> LeftLayout {
        let below_picks = u16::from(self.warning(ladder).is_some() || self.stale_reason(ladder));
        // On a short screen the field being typed in keeps its rows: the headings go first, then ladder rows
        // (the ladder keeps its cursor in view).
        let room = left
            .height
            .saturating_sub(form::focused_height(form_rows, left.width))
            .saturating_sub(1 + below_picks);
        let rungs = u16::try_from(ladder.len()).unwrap_or(9);
        let headings = room >= rungs.saturating_add(2);
        let heading_rows = if headings { 2 } else { 0 };
        let ladder_h = rungs
            .min(room.saturating_sub(heading_rows))
            .min(left.height.saturating_sub(heading_rows));
        let used = heading_rows + ladder_h + 1 + below_picks + form::height(form_rows, left.width);
        let free = left.height.saturating_sub(used.saturating_add(1));
        let under = (free > MIN_UNDER).then(|| {
            Rect {
                y: left.y.saturating_add(used).saturating_add(1),
                height: free,
                ..left
            }
            .intersection(left)
        });
        LeftLayout {
            headings,
            ladder_h,
            under,
        }
    }

    /// Whether the guidance can be read on this screen without `g`: beside the ladder, or under it.
    pub(super) fn guidance_shown(&self, ladder: &Ladder, area: Rect) -> bool {
        self.guidance_full
            || Self::guidance_beside(area.width)
            || self
                .left_layout(ladder, area, &self.form_rows(ladder))
                .under
                .is_some()
    }

    fn guidance_view(&self) -> GuidanceView {
        GuidanceView {
            research_first: self.steps.show_research,
            scroll: self.guidance_scroll,
        }
    }

    /// A reason typed for an escalation the plan no longer chooses: it will be cleared on save.
    pub(super) fn stale_reason(&self, ladder: &Ladder) -> bool {
        if self.fields.reason.is_empty() {
            return false;
        }
        let (plan, _) = super::fields::build(
            &self.base,
            &self.fields,
            &self.choices,
            ladder,
            self.base.updated,
        );
        !crate::domain::escalation::chooses_escalation(ladder, &plan.tactic)
    }
}

struct LeftLayout {
    headings: bool,
    ladder_h: u16,
    under: Option<Rect>,
}

/// What the tactic step says about a reason left behind by an escalation the plan no longer chooses.
pub const STALE_REASON: &str = "No escalation: reason cleared on save.";

/// Columns from which the guidance sits beside the ladder; below, it goes under the ladder or behind `g`.
pub const SIDE_BY_SIDE: u16 = 90;
/// The fewest rows worth giving the guidance under the ladder.
const MIN_UNDER: u16 = 5;
/// The narrowest the guidance is ever drawn, for bounding its scroll.
const NARROWEST: usize = 30;
