//! The wizard's side of the app: starting a plan, resuming an autosaved one, saving (new file, or the same file
//! when editing, with the changed-on-disk choice when it moved underneath), autosave and the external editor.

use std::time::Instant;

use jiff::Timestamp;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::conflict::{Conflict, ConflictOrigin};
use super::{App, Effect, Overlay, Screen, Tone};
use crate::domain::Plan;
use crate::domain::text::one_line;
use crate::store::catalog::PlanSummary;
use crate::store::plan_file::plain_write_problem;
use crate::store::{SaveError, plan_file};
use crate::tui::action::Action;
use crate::tui::draft::{self, AUTOSAVE_AFTER, FoundDraft};
use crate::tui::screens::wizard::{FieldId, Focus, Outcome, Step, Wizard};
use crate::tui::theme::Theme;

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
                let _ = std::fs::remove_file(&found.path);
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
    pub(super) fn others(&self, id: &str) -> Vec<PlanSummary> {
        self.catalog
            .summaries
            .iter()
            .filter(|p| p.id != id)
            .cloned()
            .collect()
    }

    pub(super) fn new_plan(&mut self) {
        let plan = Plan::new(Timestamp::now());
        self.open_wizard(plan, None);
    }

    /// Opens the wizard on `plan` (a new one, or the plan in `file` to edit).
    pub(super) fn open_wizard(&mut self, plan: Plan, file: Option<crate::store::PlanFile>) {
        self.finish_loading();
        let others = self.others(&plan.id);
        let mut wizard = Wizard::new(plan, file, others, &self.ladder);
        wizard.data_folder_existed = self.data.root().is_dir();
        self.screens.push(Screen::Wizard(Box::new(wizard)));
    }

    pub(super) fn resume(&mut self, found: FoundDraft) {
        let d = found.draft;
        let mut changed_meanwhile = false;
        let file = d
            .editing
            .as_deref()
            .and_then(|p| plan_file::load(p).ok())
            .map(|mut pf| {
                // Saving compares the file with the text it was loaded from: the text the draft began with.
                if let Some(loaded) = d.loaded.as_ref().filter(|l| **l != pf.text) {
                    pf.text = loaded.clone();
                    changed_meanwhile = true;
                }
                pf
            });
        self.finish_loading();
        let others = self.others(&d.plan.id);
        let mut wizard = Wizard::new(d.plan, file, others, &self.ladder);
        wizard.fields.by.set_text(&d.by_text);
        let step = Step::ALL.get(d.step).copied().unwrap_or(Step::Stakeholder);
        wizard.go_to(step, &self.ladder);
        wizard.dirty = true;
        wizard.data_folder_existed = self.data.root().is_dir();
        self.drafts.clear();
        self.screens.truncate(1);
        self.screens.push(Screen::Wizard(Box::new(wizard)));
        if changed_meanwhile {
            self.say(
                Tone::Info,
                "Resumed. The plan has changed on disk since: Ctrl-S will ask what to keep.",
            );
        } else {
            self.say(
                Tone::Info,
                "Resumed where you left off. Ctrl-S saves it as a plan.",
            );
        }
    }

    pub(super) fn apply(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::None => {}
            Outcome::Save => {
                self.save();
            }
            Outcome::SaveAndLeave => {
                if self.save_then(true) {
                    self.leave_wizard();
                }
            }
            Outcome::Leave => self.leave_wizard(),
            Outcome::Discard => {
                if let Some(w) = self.wizard() {
                    draft::remove(&self.data, &w.base.id);
                }
                self.leave_wizard();
                self.say(Tone::Info, "Left without saving.");
            }
            Outcome::Edit(text) => self.effect = Some(Effect::Edit(text)),
            Outcome::Help => self.open_help(),
            Outcome::Preview => self.preview_wizard(),
            Outcome::Message(m) => self.say(Tone::Info, m),
            Outcome::Warn(m) => self.say(Tone::Error, m),
        }
    }

    pub(super) fn leave_wizard(&mut self) {
        if matches!(self.screens.last(), Some(Screen::Wizard(_))) {
            self.screens.pop();
        }
        self.change_seen = None;
    }

    /// Saves the wizard's plan: a new file the first time, the same file (keeping the user's edits) after.
    pub fn save(&mut self) -> bool {
        self.save_then(false)
    }

    /// Saves; `leave` says the wizard should close once the plan is safely written (also after a conflict).
    fn save_then(&mut self, leave: bool) -> bool {
        let ladder = &self.ladder;
        let data = &self.data;
        let Some(Screen::Wizard(w)) = self.screens.last_mut() else {
            return false;
        };
        let (mut plan, date_error) = w.plan(ladder, Timestamp::now());
        // A reason typed for an escalation the plan no longer chooses does not belong in the file.
        let cleared =
            crate::domain::escalation::clear_stale_reason(ladder, &mut plan.tactic).is_some();
        if let Some(e) = date_error {
            w.go_to(Step::Goal, ladder);
            w.set_focus(Focus::Field(FieldId::By), ladder);
            self.say(Tone::Error, format!("Not saved: by when: {e}"));
            return false;
        }
        let result = if w.data_folder_existed && !data.root().is_dir() {
            Err(SaveError::Io {
                path: data.root().to_path_buf(),
                source: folder_gone(),
            })
        } else {
            match &w.file {
                Some(file) => file.save(&plan),
                None => plan_file::save_new(&data.plans(), &plan),
            }
        };
        match result {
            Ok(file) => {
                if cleared {
                    w.fields.reason.set_text("");
                }
                self.wizard_saved(file, &plan);
                if cleared {
                    if let Some(status) = self.status.as_mut() {
                        status.text.push_str(
                            " · the reason for escalating was cleared: the plan no longer escalates",
                        );
                    }
                }
                true
            }
            Err(SaveError::ChangedOnDisk { .. }) => {
                if let Some(file) = w.file.clone() {
                    self.overlay = Some(Overlay::Conflict(Box::new(Conflict::new(
                        file,
                        plan,
                        ConflictOrigin::Wizard { leave },
                    ))));
                }
                false
            }
            Err(e) => {
                self.say(Tone::Error, format!("Not saved: {}", save_problem(&e)));
                false
            }
        }
    }

    /// After the wizard's plan was written to `file`: the draft goes, the list learns of it.
    pub(super) fn wizard_saved(&mut self, file: crate::store::PlanFile, plan: &Plan) {
        draft::remove(&self.data, &plan.id);
        let name = file.file_name();
        let id = file.plan.id.clone();
        if let Some(Screen::Wizard(w)) = self.screens.last_mut() {
            if w.base.id != id {
                draft::remove(&self.data, &w.base.id);
            }
            w.saved(file);
        }
        self.change_seen = None;
        self.after_write(Some(&id));
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

    /// Writes the wizard's work to its draft file now. A failure is reported once, and the clock keeps trying
    /// quietly every couple of seconds (the wizard's header says "not autosaved" meanwhile), so a folder that
    /// comes back is written to without the user doing anything.
    pub fn autosave(&mut self) {
        self.change_seen = None;
        let result = self.write_draft();
        let Some(w) = self.wizard_in_progress_mut() else {
            return;
        };
        match result {
            Ok(()) => {
                w.autosave_due = false;
                if std::mem::take(&mut w.autosave_failed) && self.status.is_none() {
                    self.say(
                        Tone::Info,
                        "Autosaved again: the drafts folder can be written.",
                    );
                }
            }
            Err(problem) => {
                if !std::mem::replace(&mut w.autosave_failed, true) {
                    self.say(
                        Tone::Error,
                        format!(
                            "Autosave failed: {problem}. Your typing is kept here; Ctrl-S saves it once that is fixed."
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

    /// Writes the draft of the plan in the wizard; the problem in plain words when that fails.
    fn write_draft(&self) -> Result<(), String> {
        let Some(w) = self.wizard_in_progress() else {
            return Ok(());
        };
        if w.data_folder_existed && !self.data.root().is_dir() {
            return Err("the data folder no longer exists".into());
        }
        let d = draft::Draft {
            version: draft::DRAFT_VERSION,
            editing: w.file.as_ref().map(|f| f.path.clone()),
            loaded: w.file.as_ref().map(|f| f.text.clone()),
            step: w.step.index(),
            by_text: w.fields.by.text(),
            plan: w.plan(&self.ladder, Timestamp::now()).0,
        };
        draft::write(&self.data, &d).map(|_| ()).map_err(|e| {
            plain_write_problem(&e).map_or_else(|| one_line(&e.to_string()), str::to_string)
        })
    }

    /// Keeps unsaved work as a draft before the program ends, and says what became of it.
    pub fn before_quit(&mut self) -> Kept {
        if !self.wizard_in_progress().is_some_and(|w| w.dirty) {
            return Kept::Nothing;
        }
        self.change_seen = None;
        match self.write_draft() {
            Ok(()) => {
                if let Some(w) = self.wizard_in_progress_mut() {
                    w.autosave_due = false;
                }
                Kept::Draft
            }
            Err(problem) => Kept::Failed(problem),
        }
    }

    /// The user asked to quit. Unsaved work that cannot be kept as a draft is never dropped without a word: the
    /// first time, the app stays and says so; asking again quits.
    pub(super) fn quit_asked(&mut self) {
        let kept = self.before_quit();
        self.quit_kept_draft = matches!(kept, Kept::Draft);
        if let Kept::Failed(problem) = kept
            && let Some(w) = self.wizard_in_progress_mut()
            && !std::mem::replace(&mut w.quit_refused, true)
        {
            self.say(
                Tone::Error,
                format!(
                    "Not quitting: your plan could not be kept as a draft ({problem}). Ctrl-S saves it; Ctrl-C again quits and loses it."
                ),
            );
            return;
        }
        self.quit = true;
    }

    /// The external editor's result.
    pub fn finish_edit(&mut self, result: Result<String, String>) {
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

/// The data folder vanished under the app (deleted, moved, or its drive unmounted).
fn folder_gone() -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::NotFound,
        "the data folder no longer exists",
    )
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
pub(super) fn save_problem(e: &SaveError) -> String {
    use std::io::ErrorKind;
    let SaveError::Io { source, .. } = e else {
        return one_line(&e.to_string());
    };
    let Some(problem) = plain_write_problem(source) else {
        return format!(
            "{}. Your typing is kept here; Ctrl-S tries again.",
            one_line(&e.to_string())
        );
    };
    let next = match source.kind() {
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "free some space",
        ErrorKind::NotFound => "put the folder back",
        ErrorKind::FileTooLarge => "shorten it",
        _ => "make the folder writable",
    };
    format!("{problem}. Your typing is kept here: {next}, then Ctrl-S.")
}

pub(super) fn render_resume(found: &FoundDraft, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let plan = &found.draft.plan;
    let when = found
        .modified
        .and_then(|t| Timestamp::try_from(t).ok())
        .map(|t| {
            t.to_zoned_datetime(jiff::tz::TimeZone::system())
                .strftime("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_else(|| "earlier".into());
    let who = if plan.stakeholder.name.trim().is_empty() {
        String::new()
    } else {
        format!(" for {}", one_line(plan.stakeholder.name.trim()))
    };
    let text = format!(
        "A plan you were writing{who} was not saved: “{}”, autosaved {when}.",
        one_line(&plan.display_title())
    );
    let paragraphs = [(text, Style::new())];
    let choices = [
        ("y", "Resume it (y or Enter)", true),
        ("n", "Not now: keep it for next time", false),
        ("d", "Discard it", false),
    ];
    crate::tui::screens::dialog::dialog(
        " Unsaved plan found ",
        &paragraphs,
        &choices,
        theme,
        area,
        buf,
    );
}
