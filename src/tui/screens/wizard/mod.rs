//! The planning wizard: one step a screen, from stakeholder to a saved plan. This module holds the state and
//! the navigation shared by every step; each step's own keys and drawing live in the file named after it.
//! Nothing here touches the disk: saving, autosaving and the external editor are asked for through
//! [`Outcome`] and done by the app.

pub mod allies;
mod did_you_mean;
pub mod fields;
mod frame;
mod goal;
mod guidance;
mod others;
mod prepare;
mod review;
mod stakeholder;
pub(crate) mod tactic;
mod tried;
mod warning;

use jiff::Timestamp;
use ratatui::crossterm::event::KeyEvent;

use crate::domain::escalation::{EscalationWarning, warning_for};
use crate::domain::{History, Ladder, Plan};
use crate::store::PlanFile;
use crate::tui::action::Action;
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::theme::Theme;
use crate::tui::widgets::scroll::Scroll;

pub use fields::{Choices, FieldId, Fields};
pub use others::Others;

/// What the steps need to draw and decide, lent by the app.
pub struct Ctx<'a> {
    pub ladder: &'a Ladder,
    pub theme: &'a Theme,
    pub keys: &'a crate::tui::keymap::Keymap,
    /// The day the printed page is dated (and deadlines counted from).
    pub today: jiff::civil::Date,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Stakeholder,
    Goal,
    Tried,
    Tactic,
    Prepare,
    Review,
}

impl Step {
    pub const ALL: [Step; 6] = [
        Step::Stakeholder,
        Step::Goal,
        Step::Tried,
        Step::Tactic,
        Step::Prepare,
        Step::Review,
    ];
    pub const NAMES: [&'static str; 6] = [
        "Stakeholder",
        "Goal",
        "Already tried",
        "Tactic",
        "Prepare",
        "Review",
    ];

    pub fn index(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    pub fn name(self) -> &'static str {
        Step::NAMES[self.index()]
    }
}

/// What has the keyboard: a text field, or one of the non-text controls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Field(FieldId),
    Direction,
    Tried,
    Ladder,
    /// The candidate allies, when the coalition rung is the primary tactic.
    Allies,
    Review,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Primary,
    Backup,
}

/// A pick that the escalation warning is asking about; it takes effect only if the user goes ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PendingPick {
    pub role: Role,
    pub rung: usize,
}

/// What the wizard is asking, if anything: one question at a time, each with its own keys (see
/// [`Wizard::mode`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Asking {
    #[default]
    Nothing,
    /// `b` was pressed on the tactic step: the next digit picks the backup tactic.
    Backup,
    /// The escalation warning about this pick, which takes effect only if the user goes ahead.
    Warning(PendingPick),
    /// Leave with unsaved changes?
    Leave,
    /// The name is close to someone known: did you mean them? (The candidates are in [`Steps::did_you_mean`].)
    DidYouMean,
}

/// The state that belongs to one step: where its cursor is and what it shows.
#[derive(Debug, Clone, Default)]
pub struct Steps {
    /// Stakeholder: the highlighted name suggestion.
    pub suggestion: usize,
    /// Stakeholder: Esc closed the name suggestions; they come back when the name changes or the focus returns.
    pub suggestions_closed: bool,
    /// Already tried: the highlighted rung.
    pub tried: usize,
    /// Tactic: the highlighted rung.
    pub ladder: usize,
    /// Tactic: the research note is open.
    pub show_research: bool,
    /// Review: how far the page is scrolled.
    pub review: Scroll,
    /// Stakeholder: the people the name may mean, while "did you mean" asks, and the one highlighted.
    pub did_you_mean: Vec<crate::domain::people::Candidate>,
    pub did_you_mean_at: usize,
    /// Tactic: the highlighted candidate ally.
    pub ally: usize,
    /// The name (as a person key) "did you mean" was answered for: not asked again until the name changes.
    pub name_settled: String,
}

/// What the wizard asks the app to do after a key.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    None,
    Save,
    SaveAndLeave,
    /// Leave; nothing unsaved.
    Leave,
    /// Leave and drop the unsaved changes (and their autosaved draft).
    Discard,
    /// Open this text in the user's editor; the result goes back into the focused field.
    Edit(String),
    Help,
    /// Show the plan as it will print.
    Preview,
    Message(String),
    Warn(String),
    /// "Did you mean": the typed name is another name for a known person; the app writes it to the register.
    RecordAlias {
        was: Option<Box<crate::domain::people::Person>>,
        now: Box<crate::domain::people::Person>,
        typed: String,
    },
}

#[derive(Debug, Clone)]
pub struct Wizard {
    pub step: Step,
    pub focus: Focus,
    /// The plan as it was loaded or created: everything the form does not show is kept from here.
    pub base: Plan,
    /// The file once the plan has been saved, so later saves update it in place.
    pub file: Option<PlanFile>,
    pub fields: Fields,
    pub choices: Choices,
    /// The workbook's other plans and the history built from them: what "already tried", the suggestions and
    /// the escalation rule see. This plan's own attempts are added by the rule itself.
    pub others: Others,
    pub history: std::sync::Arc<History>,
    /// The register of people (what "did you mean" and the candidate allies look in); set by the app.
    pub people: crate::domain::people::People,
    /// Each step's own cursor and view, kept while the user moves between steps.
    pub steps: Steps,
    /// The question on screen, if any.
    pub asking: Asking,
    /// Lines of the highlighted rung's guidance scrolled past; back to the top when the highlight moves.
    pub guidance_scroll: usize,
    /// The guidance fills the step (`g`), for terminals too narrow to show it beside the ladder.
    pub guidance_full: bool,
    /// How far the guidance could scroll when it was last drawn (it depends on the panel's size), so that
    /// scrolling stops at its end, as the app's `too_small` records what the last frame found.
    pub guidance_most: std::cell::Cell<Option<usize>>,
    /// Changed since the last save.
    pub dirty: bool,
    /// Changed since the last autosave.
    pub autosave_due: bool,
    /// The last autosave could not be written (reported once; retried quietly until it works again).
    pub autosave_failed: bool,
    /// Quitting was refused once because the draft could not be written: the next quit goes ahead.
    pub quit_refused: bool,
    /// The data folder existed when the wizard opened. If it vanishes (deleted, or a drive unmounted), saves and
    /// autosaves must not make a new one in its place; the typing stays here until it is back.
    pub data_folder_existed: bool,
}

impl Wizard {
    /// A wizard for `plan` (new, resumed or opened), with the other plans of the workbook for history. `shared`:
    /// the workbook's history when it is already that of exactly these other plans (a plan the workbook does not
    /// hold yet), so that the wizard need not build a second one (4 MB at 50,000 plans).
    pub fn new(
        mut plan: Plan,
        file: Option<PlanFile>,
        others: Others,
        ladder: &Ladder,
        keys: &crate::domain::people::PersonKeys,
        shared: Option<std::sync::Arc<History>>,
    ) -> Self {
        // A plan from a file is resolved already; one from a draft was read by serde alone.
        plan.resolve_rungs(ladder);
        let (fields, choices) = fields::load(&plan, ladder);
        let history = shared.unwrap_or_else(|| {
            std::sync::Arc::new(History::from_facts_in(ladder, others.iter(), keys))
        });
        let mut w = Wizard {
            step: Step::Stakeholder,
            focus: Focus::Field(FieldId::Name),
            base: plan,
            file,
            fields,
            choices,
            others,
            history,
            people: crate::domain::people::People::default(),
            steps: Steps::default(),
            asking: Asking::Nothing,
            guidance_scroll: 0,
            guidance_full: false,
            guidance_most: std::cell::Cell::new(None),
            dirty: false,
            autosave_due: false,
            autosave_failed: false,
            quit_refused: false,
            data_folder_existed: false,
        };
        // The name a plan comes with was settled when it was typed: only a changed name is asked about.
        w.steps.name_settled = crate::domain::people::person_key(&w.fields.name.value());
        w.sync_tactic_prompts(ladder);
        w.set_focus(Focus::Field(FieldId::Name), ladder);
        w
    }

    /// The plan as the form stands, and the problem with "by when" if it is not a date.
    pub fn plan(&self, ladder: &Ladder, now: Timestamp) -> (Plan, Option<String>) {
        fields::build(&self.base, &self.fields, &self.choices, ladder, now)
    }

    /// The escalation rule applied to the plan as it stands.
    pub fn warning(&self, ladder: &Ladder) -> Option<EscalationWarning> {
        let (plan, _) = self.plan(ladder, self.base.updated);
        warning_for(ladder, &self.history, &plan)
    }

    /// Which rungs count as tried with this stakeholder, across the workbook and this plan's checklist.
    pub fn tried(&self, ladder: &Ladder) -> Vec<bool> {
        let (plan, _) = self.plan(ladder, self.base.updated);
        self.history.tried_for(ladder, &plan)
    }

    pub fn mode(&self) -> Mode {
        match self.asking {
            Asking::Leave => return Mode::WizardLeaveConfirm,
            Asking::DidYouMean => return Mode::WizardDidYouMean,
            Asking::Warning(_) => return Mode::WizardWarning,
            Asking::Backup => return Mode::WizardBackupPending,
            Asking::Nothing => {}
        }
        match self.focus {
            Focus::Field(FieldId::Name) if !self.suggestions().is_empty() => {
                Mode::WizardNameCompletion
            }
            Focus::Field(id) => match self.fields.get(id) {
                Some(f) if !f.multiline => Mode::WizardSingleLine,
                _ => Mode::WizardText,
            },
            Focus::Direction => Mode::WizardDirection,
            Focus::Tried => Mode::WizardTried,
            Focus::Ladder => Mode::WizardLadder,
            Focus::Allies => Mode::WizardAllies,
            Focus::Review => Mode::WizardReview,
        }
    }

    /// The focusable things of the current step, in Tab order.
    pub fn focus_order(&self, ladder: &Ladder) -> Vec<Focus> {
        use FieldId as F;
        let fields = |ids: &[FieldId]| ids.iter().map(|&id| Focus::Field(id)).collect::<Vec<_>>();
        match self.step {
            Step::Stakeholder => vec![
                Focus::Field(F::Name),
                Focus::Field(F::Role),
                Focus::Direction,
                Focus::Field(F::CaresAbout),
            ],
            Step::Goal => fields(&[F::Want, F::Why, F::Minimum, F::By, F::Title]),
            Step::Tried => vec![Focus::Tried, Focus::Field(F::TriedOn)],
            Step::Tactic => {
                let mut v = vec![Focus::Ladder];
                if self.coalition_chosen(ladder) {
                    v.push(Focus::Allies);
                }
                v.push(Focus::Field(F::Rationale));
                if self.reason_visible(ladder) {
                    v.push(Focus::Field(F::EscalationReason));
                }
                v
            }
            Step::Prepare => {
                let mut v = fields(&[F::Opening, F::Points, F::TacticNotes]);
                for i in 0..self.fields.objections.len() {
                    v.push(Focus::Field(F::Objection(i)));
                    v.push(Focus::Field(F::Response(i)));
                }
                v.extend(fields(&[F::Ask, F::Fallback]));
                if self.coalition_chosen(ladder) {
                    for i in 0..self.fields.allies.len() {
                        v.push(Focus::Field(F::AllyAsk(i)));
                    }
                }
                v
            }
            Step::Review => vec![Focus::Review],
        }
    }

    /// Moves the focus, showing the cursor only in the focused field.
    pub fn set_focus(&mut self, focus: Focus, ladder: &Ladder) {
        if self.focus == Focus::Field(FieldId::Name) && focus != self.focus {
            self.settle_name(ladder);
            self.ask_did_you_mean();
            // the suggestions go with the focus; coming back starts again from the first
            self.steps.suggestion = 0;
            self.steps.suggestions_closed = false;
        }
        self.focus = focus;
        self.sync_tried_on();
        for f in self.fields.all_mut() {
            f.set_focused(false);
        }
        if let Focus::Field(id) = focus
            && let Some(f) = self.fields.get_mut(id)
        {
            f.set_focused(true);
        }
    }

    pub fn go_to(&mut self, step: Step, ladder: &Ladder) {
        self.step = step;
        if self.asking == Asking::Backup {
            self.asking = Asking::Nothing;
        }
        self.guidance_full = false;
        self.guidance_scroll = 0;
        if step == Step::Tactic {
            self.steps.ladder = self.initial_ladder_cursor(ladder);
        }
        if step == Step::Prepare {
            self.sync_tactic_prompts(ladder);
        }
        let first = self.focus_order(ladder)[0];
        self.set_focus(first, ladder);
    }

    fn move_focus(&mut self, forward: bool, ladder: &Ladder) -> Outcome {
        let order = self.focus_order(ladder);
        let at = order.iter().position(|f| *f == self.focus);
        let n = order.len();
        let next = match at {
            Some(i) if forward => order[(i + 1) % n],
            Some(i) => order[(i + n - 1) % n],
            None => order[0],
        };
        let mut outcome = Outcome::None;
        if self.focus == Focus::Field(FieldId::EscalationReason) && !self.fields.reason.is_empty() {
            outcome = Outcome::Message("Reason noted: it is saved with the plan.".into());
        }
        self.set_focus(next, ladder);
        outcome
    }

    fn changed(&mut self) {
        self.dirty = true;
        self.autosave_due = true;
    }

    /// Reacts to an action from the keymap (`keys` for the sentences that name a key).
    pub fn handle(&mut self, action: Action, ladder: &Ladder, keys: &Keymap) -> Outcome {
        use crate::tui::keymap::Context as C;
        self.quit_refused = false;
        match self.asking {
            Asking::Leave => return self.handle_leave_confirm(action),
            Asking::Warning(pick) => return self.handle_warning(action, pick, ladder, keys),
            Asking::DidYouMean => return self.handle_did_you_mean(action, ladder),
            Asking::Backup | Asking::Nothing => {}
        }
        match action {
            Action::NextField => self.move_focus(true, ladder),
            Action::PrevField => self.move_focus(false, ladder),
            Action::NextStep => match Step::ALL.get(self.step.index() + 1) {
                Some(&s) => {
                    self.go_to(s, ladder);
                    Outcome::None
                }
                None => Outcome::Message(format!(
                    "This is the last step: {} saves the plan.",
                    keys.key(C::Wizard, Action::Save)
                )),
            },
            Action::PrevStep => match self.step.index().checked_sub(1) {
                Some(i) => {
                    self.go_to(Step::ALL[i], ladder);
                    Outcome::None
                }
                None => Outcome::Message("This is the first step.".into()),
            },
            Action::Save => self.save_unless_asking(),
            // Esc closes the full-screen guidance before it means leaving the wizard.
            Action::Leave if self.guidance_full => {
                self.guidance_full = false;
                Outcome::None
            }
            Action::Leave => {
                if self.dirty {
                    self.asking = Asking::Leave;
                    Outcome::None
                } else {
                    Outcome::Leave
                }
            }
            Action::ExternalEditor => match self.focus {
                Focus::Field(id) => {
                    Outcome::Edit(self.fields.get(id).map(|f| f.text()).unwrap_or_default())
                }
                _ => Outcome::Message(format!(
                    "{} edits a text field: move to one with {}.",
                    keys.key(C::Wizard, Action::ExternalEditor),
                    keys.key(C::Wizard, Action::NextField)
                )),
            },
            Action::Help => Outcome::Help,
            Action::Preview => Outcome::Preview,
            Action::ToggleAlly => self.toggle_ally(),
            Action::CloseSuggestions => {
                self.steps.suggestions_closed = true;
                Outcome::None
            }
            Action::NextSuggestion | Action::PrevSuggestion | Action::AcceptSuggestion => {
                self.handle_suggestion(action, ladder)
            }
            Action::NextChoice | Action::PrevChoice => {
                self.cycle_direction(action == Action::NextChoice);
                Outcome::None
            }
            Action::ToggleTried | Action::NextResult | Action::PrevResult => {
                self.handle_tried(action, ladder, keys)
            }
            Action::Up | Action::Down | Action::Top | Action::Bottom => {
                self.handle_move(action, ladder);
                Outcome::None
            }
            Action::PickPrimary(_)
            | Action::PickHighlighted
            | Action::StartBackup
            | Action::PickBackup(_)
            | Action::PickBackupHighlighted
            | Action::ClearBackup
            | Action::CancelBackup
            | Action::ToggleResearch
            | Action::GuidanceDown
            | Action::GuidanceUp
            | Action::ToggleGuidance => self.handle_tactic(action, ladder, keys),
            _ => Outcome::None,
        }
    }

    fn handle_move(&mut self, action: Action, ladder: &Ladder) {
        let last = ladder.len().saturating_sub(1);
        let step = |v: usize| match action {
            Action::Up => (v + 1).min(last),
            Action::Down => v.saturating_sub(1),
            Action::Top => last,
            _ => 0,
        };
        match self.focus {
            Focus::Tried => {
                self.steps.tried = step(self.steps.tried);
                self.sync_tried_on();
            }
            Focus::Ladder => {
                let cursor = step(self.steps.ladder);
                if cursor != self.steps.ladder {
                    self.guidance_scroll = 0;
                }
                self.steps.ladder = cursor;
            }
            Focus::Review => self.steps.review.handle(action),
            Focus::Allies => self.move_ally(action),
            _ => {}
        }
    }

    /// A key no binding claimed: typed into the focused text field, or it ends a pending `b`.
    pub fn unbound_key(&mut self, key: KeyEvent, ladder: &Ladder) -> Outcome {
        self.quit_refused = false;
        match self.asking {
            Asking::Backup => {
                self.asking = Asking::Nothing;
                return Outcome::Message("No backup chosen.".into());
            }
            Asking::Leave | Asking::Warning(_) | Asking::DidYouMean => return Outcome::None,
            Asking::Nothing => {}
        }
        if let Focus::Field(id) = self.focus
            && let Some(field) = self.fields.get_mut(id)
            && field.input(key)
        {
            self.text_changed(id, ladder);
        }
        Outcome::None
    }

    /// Pasted text goes into the focused text field, as text.
    pub fn paste(&mut self, text: &str, ladder: &Ladder) {
        self.quit_refused = false;
        if matches!(
            self.asking,
            Asking::Leave | Asking::Warning(_) | Asking::DidYouMean
        ) {
            return;
        }
        if let Focus::Field(id) = self.focus
            && let Some(field) = self.fields.get_mut(id)
            && field.paste(text)
        {
            self.text_changed(id, ladder);
        }
    }

    /// Replaces the focused field's text (after the external editor).
    pub fn replace_focused_text(&mut self, text: &str, ladder: &Ladder) {
        if let Focus::Field(id) = self.focus
            && let Some(field) = self.fields.get_mut(id)
            && field.text() != text
        {
            field.set_text(text);
            self.text_changed(id, ladder);
        }
    }

    fn text_changed(&mut self, id: FieldId, _ladder: &Ladder) {
        self.changed();
        match id {
            FieldId::Name => {
                self.steps.suggestion = 0;
                self.steps.suggestions_closed = false;
            }
            FieldId::Objection(_) | FieldId::Response(_) => self.fields.tidy_objections(),
            FieldId::TriedOn => {
                let text = self.fields.tried_on.text();
                if let Some(row) = self.choices.tried.get_mut(self.steps.tried) {
                    // A date given is a try: the rung is ticked with it.
                    row.ticked |= !text.trim().is_empty();
                    row.on_text = text;
                }
            }
            _ => {}
        }
    }

    /// The date field of "Already tried" shows the highlighted rung's date.
    fn sync_tried_on(&mut self) {
        let text = self
            .choices
            .tried
            .get(self.steps.tried)
            .map(|row| row.on_text.clone())
            .unwrap_or_default();
        if self.fields.tried_on.text() != text {
            self.fields.tried_on.set_text(&text);
        }
    }

    /// Called after a successful save.
    pub fn saved(&mut self, file: PlanFile) {
        self.base = file.plan.clone();
        self.file = Some(file);
        self.dirty = false;
        self.autosave_due = false;
    }
}
