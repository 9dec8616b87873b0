//! The wizard's side of the app: starting a plan, resuming an autosaved one, saving (new file, or the same file
//! when editing, with the changed-on-disk choice when it moved underneath), autosave and the external editor.

use std::time::Instant;

use jiff::Timestamp;

use super::effect::{DraftWhy, Effect, Target, Why, Write};
use super::{App, Overlay, Screen, Tone};
use crate::domain::Plan;
use crate::domain::text::one_line;
use crate::store::draft::{self, Draft, FoundDraft};
use crate::store::plan_file::plain_write_problem;
use crate::store::{SaveError, plan_file};
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::screens::wizard::Others;
use crate::tui::screens::wizard::{FieldId, Focus, Step, Wizard};

/// How long a change may wait before it is autosaved.
pub const AUTOSAVE_AFTER: std::time::Duration = std::time::Duration::from_secs(2);

impl App {
    pub(super) fn offer_next_draft(&mut self) {
        if let Some(found) = self.drafts.pop() {
            self.overlay = Some(Overlay::Resume(Box::new(found)));
        }
    }

    pub(super) fn handle_resume(&mut self, action: Action) {
        let Some(Overlay::Resume(found)) = self.overlay.take() else {
            return;
        };
        match action {
            Action::Confirm => self.resume(*found),
            Action::DiscardDraft => {
                self.ask(Effect::RemoveDraft(found.path.clone()));
                self.say(Tone::Info, "The unsaved plan was discarded.");
                self.offer_next_draft();
            }
            Action::Cancel => {
                self.drafts.clear();
                self.say(Tone::Info, "Kept for later: it is offered again next time.");
            }
            _ => self.overlay = Some(Overlay::Resume(found)),
        }
    }

    /// The workbook's plans other than `id`: what the wizard's history and suggestions see.
    pub(super) fn others(&self, id: &str) -> Others {
        Others::new(std::sync::Arc::clone(&self.catalog.summaries), id)
    }

    /// A wizard on `plan` (the plan in `file`, when it has one), with the workbook's other plans and people.
    /// Its history of those plans is the workbook's own, shared, when the workbook holds no plan of that id (its
    /// other plans are then all of them); otherwise the wizard makes its own, and the workbook's is let go until
    /// the wizard closes ([`App::catch_up`]), as only the wizard is on screen meanwhile: holding both was 4 MB
    /// more at 50,000 plans.
    fn wizard_for(&mut self, plan: Plan, file: Option<crate::store::PlanFile>) -> Wizard {
        self.finish_loading();
        let others = self.others(&plan.id);
        let shared =
            if !self.history_stale && !self.catalog.summaries.iter().any(|s| s.id() == plan.id) {
                Some(std::sync::Arc::clone(&self.history))
            } else {
                self.history = std::sync::Arc::default();
                self.history_stale = true;
                None
            };
        let keys = self.catalog.register.keys();
        let mut wizard = Wizard::new(plan, file, others, &self.ladder, &keys, shared);
        wizard.people = self.catalog.register.people.clone();
        wizard.data_folder_existed = self.data.root().is_dir();
        wizard
    }

    pub(super) fn new_plan(&mut self) {
        let plan = Plan::new(Timestamp::now());
        self.open_wizard(plan, None);
    }

    /// Opens the wizard on `plan` (a new one, or the plan in `file` to edit).
    pub(super) fn open_wizard(&mut self, plan: Plan, file: Option<crate::store::PlanFile>) {
        let wizard = self.wizard_for(plan, file);
        self.screens.push(Screen::Wizard(Box::new(wizard)));
    }

    pub(super) fn resume(&mut self, found: FoundDraft) {
        let d = found.draft;
        let mut changed_meanwhile = false;
        let file = d
            .editing
            .as_deref()
            .and_then(|p| plan_file::load(p, &self.ladder).ok())
            .map(|mut pf| {
                // Saving compares the file with the text it was loaded from: the text the draft began with.
                if let Some(loaded) = d.loaded.as_ref().filter(|l| **l != pf.text) {
                    pf.text = loaded.clone();
                    changed_meanwhile = true;
                }
                pf
            });
        let mut wizard = self.wizard_for(d.plan, file);
        wizard.fields.by.set_text(&d.by_text);
        let step = Step::ALL.get(d.step).copied().unwrap_or(Step::Stakeholder);
        wizard.go_to(step, &self.ladder);
        wizard.dirty = true;
        self.drafts.clear();
        self.screens.truncate(1);
        self.screens.push(Screen::Wizard(Box::new(wizard)));
        if changed_meanwhile {
            let save = self.keys.key(Context::Wizard, Action::Save);
            self.say(
                Tone::Info,
                format!(
                    "Resumed. The plan has changed on disk since: {save} will ask what to keep."
                ),
            );
        } else {
            let save = self.keys.key(Context::Wizard, Action::Save);
            self.say(
                Tone::Info,
                format!("Resumed where you left off. {save} saves it as a plan."),
            );
        }
    }

    /// Leaves the wizard dropping what was not saved, and its autosaved draft.
    pub(super) fn discard_wizard(&mut self) {
        if let Some(w) = self.wizard() {
            let path = draft::path_for(&self.data, &w.base.id);
            self.ask(Effect::RemoveDraft(path));
        }
        self.leave_wizard();
        self.say(Tone::Info, "Left without saving.");
    }

    /// Hands the focused field's text to the external editor. The plan is on disk before the editor starts:
    /// whatever becomes of the editor, or of overture while it runs (a Ctrl-C there once killed both), nothing
    /// typed is lost. The draft is written first, as effects are performed in order.
    pub(super) fn edit_externally(&mut self, text: String) {
        if self.wizard_in_progress().is_some_and(|w| w.autosave_due) {
            self.autosave();
        }
        self.ask(Effect::Edit(text));
    }

    pub(super) fn leave_wizard(&mut self) {
        if matches!(self.screens.last(), Some(Screen::Wizard(_))) {
            self.screens.pop();
        }
        self.change_seen = None;
    }

    /// Asks for the wizard's plan to be saved: a new file the first time, the same file (keeping the user's
    /// edits) after; `leave` closes the wizard once the plan is safely written (also after a conflict).
    pub(super) fn save(&mut self, leave: bool) {
        let ladder = &self.ladder;
        let data = &self.data;
        let Some(Screen::Wizard(w)) = self.screens.last_mut() else {
            return;
        };
        let (mut plan, date_error) = w.plan(ladder, Timestamp::now());
        // A reason typed for an escalation the plan no longer chooses does not belong in the file.
        let cleared =
            crate::domain::escalation::clear_stale_reason(ladder, &mut plan.tactic).is_some();
        if let Some(e) = date_error {
            w.go_to(Step::Goal, ladder);
            w.set_focus(Focus::Field(FieldId::By), ladder);
            self.say(Tone::Error, format!("Not saved: by when: {e}"));
            return;
        }
        if let Some((rung, e)) = w.choices.tried_date_problem(self.today) {
            w.go_to(Step::Tried, ladder);
            w.steps.tried = rung;
            w.set_focus(Focus::Field(FieldId::TriedOn), ladder);
            let name = ladder.get(rung).map(|r| r.name.clone()).unwrap_or_default();
            self.say(
                Tone::Error,
                format!("Not saved: when {} was tried: {e}", one_line(&name)),
            );
            return;
        }
        let write = Write {
            plan,
            to: w.file.clone().map_or(Target::New, Target::Update),
            why: Why::Wizard { leave },
            folder: w.data_folder_existed.then(|| data.root().to_path_buf()),
        };
        if cleared {
            // The tactic step said it would be cleared (tactic::stale_reason_notice); the form agrees with the file.
            w.fields.reason.set_text("");
        }
        self.ask(Effect::Write(Box::new(write)));
    }

    /// After the wizard's plan was written to `file`: the draft goes, the list learns of it, and with `leave` the
    /// wizard closes, before the list takes the plan in, so that the wizard's history of the other plans is let
    /// go before the workbook's is made again (both at once were 4 MB more at 50,000 plans).
    pub(super) fn wizard_saved(&mut self, file: crate::store::PlanFile, plan: &Plan, leave: bool) {
        self.ask(Effect::RemoveDraft(draft::path_for(&self.data, &plan.id)));
        let name = file.file_name();
        let id = file.plan.id.clone();
        // Kept for the list, which takes in a plan it already holds alone (`after_save`); the wizard keeps `file`.
        let written = file.clone();
        let mut before = None;
        if let Some(Screen::Wizard(w)) = self.screens.last_mut() {
            if w.base.id != id {
                before = Some(draft::path_for(&self.data, &w.base.id));
            }
            w.saved(file);
        }
        if let Some(path) = before {
            self.ask(Effect::RemoveDraft(path));
        }
        self.change_seen = None;
        if leave {
            self.leave_wizard();
        }
        self.after_save(&written);
        self.say(
            Tone::Success,
            format!("Saved as {}: {}", plan.status.as_str(), one_line(&name)),
        );
    }

    /// Advances the clocks: a change is written to the drafts folder once it is [`AUTOSAVE_AFTER`] old, however
    /// much typing follows it; and the plans folder is read again when the watcher saw it change.
    pub fn tick(&mut self, now: Instant) {
        if self.watcher.as_ref().is_some_and(|w| w.take_change()) {
            self.files_changed();
        }
        let due = self.wizard_in_progress().is_some_and(|w| w.autosave_due);
        if !due {
            self.change_seen = None;
            return;
        }
        let seen = *self.change_seen.get_or_insert(now);
        if now.saturating_duration_since(seen) >= AUTOSAVE_AFTER {
            self.autosave();
        }
    }

    /// Asks for the wizard's work to be written to its draft file now.
    fn autosave(&mut self) {
        self.change_seen = None;
        if let Some(effect) = self.draft(DraftWhy::Autosave) {
            self.ask(effect);
        }
    }

    /// What came of writing a draft. A failed autosave is reported once, and the clock keeps trying quietly
    /// every couple of seconds (the wizard's header says "not autosaved" meanwhile), so a folder that comes
    /// back is written to without the user doing anything.
    pub(super) fn draft_written(&mut self, why: DraftWhy, result: Result<(), String>) {
        if why == DraftWhy::Quit {
            return self.quit_draft_written(result);
        }
        let quiet = self.status.is_none();
        let Some(w) = self.wizard_in_progress_mut() else {
            return;
        };
        match result {
            Ok(()) => {
                w.autosave_due = false;
                if std::mem::take(&mut w.autosave_failed) && quiet && why == DraftWhy::Autosave {
                    self.say(
                        Tone::Info,
                        "Autosaved again: the drafts folder can be written.",
                    );
                }
            }
            Err(problem) => {
                if why == DraftWhy::Autosave && !std::mem::replace(&mut w.autosave_failed, true) {
                    let save = self.keys.key(Context::Wizard, Action::Save);
                    self.say(
                        Tone::Error,
                        format!(
                            "Autosave failed: {problem}. Your typing is kept here; {save} saves it once that is fixed."
                        ),
                    );
                }
            }
        }
    }

    /// The wizard wherever it is among the screens (the print preview opens over it): the plan in progress
    /// that autosave and quitting must keep.
    fn wizard_in_progress(&self) -> Option<&Wizard> {
        self.screens.iter().rev().find_map(|s| match s {
            Screen::Wizard(w) => Some(&**w),
            _ => None,
        })
    }

    fn wizard_in_progress_mut(&mut self) -> Option<&mut Wizard> {
        self.screens.iter_mut().rev().find_map(|s| match s {
            Screen::Wizard(w) => Some(&mut **w),
            _ => None,
        })
    }

    /// The draft of the plan in the wizard, to be written for `why`.
    fn draft(&self, why: DraftWhy) -> Option<Effect> {
        let w = self.wizard_in_progress()?;
        let d = Draft {
            version: draft::DRAFT_VERSION,
            editing: w.file.as_ref().map(|f| f.path.clone()),
            loaded: w.file.as_ref().map(|f| f.text.clone()),
            step: w.step.index(),
            by_text: w.fields.by.text(),
            plan: w.plan(&self.ladder, Timestamp::now()).0,
        };
        Some(Effect::WriteDraft {
            draft: Box::new(d),
            why,
            folder: w
                .data_folder_existed
                .then(|| self.data.root().to_path_buf()),
        })
    }

    /// The draft to keep before the program ends (a signal, an error), if there is unsaved work: the run loop
    /// writes it and says what became of it.
    pub fn draft_before_exit(&mut self) -> Option<Effect> {
        if !self.wizard_in_progress().is_some_and(|w| w.dirty) {
            return None;
        }
        self.change_seen = None;
        self.draft(DraftWhy::Exit)
    }

    /// The user asked to quit. Unsaved work is kept as a draft first; work that cannot be kept is never dropped
    /// without a word (see [`App::quit_draft_written`]).
    pub(super) fn quit_asked(&mut self) {
        if self.wizard_in_progress().is_some_and(|w| w.dirty) {
            self.change_seen = None;
            if let Some(effect) = self.draft(DraftWhy::Quit) {
                return self.ask(effect);
            }
        }
        self.quit = true;
    }

    /// The draft asked for by a quit was written, or not: the first time it could not be, the app stays and
    /// says so; asking again quits.
    fn quit_draft_written(&mut self, result: Result<(), String>) {
        match result {
            Ok(()) => {
                if let Some(w) = self.wizard_in_progress_mut() {
                    w.autosave_due = false;
                }
                self.quit_kept_draft = true;
            }
            Err(problem) => {
                if let Some(w) = self.wizard_in_progress_mut()
                    && !std::mem::replace(&mut w.quit_refused, true)
                {
                    let save = self.keys.key(Context::Wizard, Action::Save);
                    let quit = self.keys.key(Context::Global, Action::Quit);
                    self.say(
                        Tone::Error,
                        format!(
                            "Not quitting: your plan could not be kept as a draft ({problem}). {save} saves it; {quit} again quits and loses it."
                        ),
                    );
                    return;
                }
            }
        }
        self.quit = true;
    }

    /// The external editor's result.
    pub(super) fn finish_edit(&mut self, result: Result<String, String>) {
        match result {
            Ok(text) => {
                let ladder = &self.ladder;
                if let Some(Screen::Wizard(w)) = self.screens.last_mut() {
                    w.replace_focused_text(&text, ladder);
                }
            }
            Err(e) => self.say(Tone::Error, e),
        }
    }
}

/// What became of a plan in progress as the program ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kept {
    /// There was no unsaved plan.
    Nothing,
    /// Written to the drafts folder; offered at the next start.
    Draft,
    /// Could not be written, for this reason.
    Failed(String),
}

/// Why a save failed, for a "Not saved: " line: what went wrong, that nothing typed is lost, and what to do.
/// `save` is the key that saves where the failure is shown, as the user has it.
pub(super) fn save_problem(e: &SaveError, save: &str) -> String {
    use std::io::ErrorKind;
    let SaveError::Io { source, .. } = e else {
        return one_line(&e.to_string());
    };
    let Some(problem) = plain_write_problem(source) else {
        return format!(
            "{}. Your typing is kept here; {save} tries again.",
            one_line(&e.to_string())
        );
    };
    let next = match source.kind() {
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "free some space",
        ErrorKind::NotFound => "put the folder back",
        ErrorKind::FileTooLarge => "shorten it",
        _ => "make the folder writable",
    };
    format!("{problem}. Your typing is kept here: {next}, then {save}.")
}
