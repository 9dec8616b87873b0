//! A plan that changed on disk since it was opened (edited by hand, synced in) is never overwritten silently:
//! `PlanFile::save` refuses, and the user chooses here: reload the file as it is now (dropping this change),
//! save this version as a new plan, or overwrite. Also the question asked before a delete.

use jiff::Timestamp;

use super::effect::{Effect, Target, Why, Write};
use super::{App, Overlay, Screen, Tone};
use crate::domain::Plan;
use crate::domain::text::one_line;
use crate::store::{PlanFile, SaveError, draft, plan_file};
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::screens::record::{RecordForm, RecordKind};
use crate::tui::screens::wizard::Wizard;

#[derive(Debug, Clone)]
pub struct Conflict {
    /// The file as it was when opened.
    pub file: PlanFile,
    /// The user's version, not yet written.
    pub plan: Plan,
    /// Where the refused save came from, which decides what each choice does afterwards; an outcome or
    /// attempt keeps its form as typed, to go back to or to record again into the file as it is now.
    pub why: Why,
    /// What the file on disk is now, looked at when the save was refused: it decides the choices offered.
    pub disk: DiskNow,
}

/// The plan file as the refused save found it.
#[derive(Debug, Clone, PartialEq)]
pub enum DiskNow {
    /// Another version of the plan.
    Changed,
    /// Deleted or moved away.
    Gone,
    /// No longer a plan this version can write (broken by a hand edit, or from a newer overture): never
    /// overwritten, and there is nothing to reload.
    Unwritable(String),
}

impl DiskNow {
    fn look(path: &std::path::Path) -> Self {
        if !path.exists() {
            return DiskNow::Gone;
        }
        match plan_file::why_unwritable(path) {
            Some(reason) => DiskNow::Unwritable(reason),
            None => DiskNow::Changed,
        }
    }
}

impl Conflict {
    pub fn new(file: PlanFile, plan: Plan, why: Why) -> Self {
        let disk = DiskNow::look(&file.path);
        Conflict {
            file,
            plan,
            why,
            disk,
        }
    }

    pub fn has_form(&self) -> bool {
        matches!(self.why, Why::Record(_))
    }
}

impl App {
    /// What follows a plan write, successful or not: the one place a write's result is read.
    pub(super) fn written(&mut self, write: Write, result: Result<PlanFile, SaveError>) {
        let Write { plan, to, why, .. } = write;
        let e = match result {
            Ok(saved) => return self.plan_written(saved, &plan, &to, why),
            Err(e) => e,
        };
        match (to, why) {
            (Target::Update(file), why) if matches!(e, SaveError::ChangedOnDisk { .. }) => {
                self.overlay = Some(Overlay::Conflict(Box::new(Conflict::new(file, plan, why))));
            }
            (Target::Overwrite(file), why) => {
                self.say(
                    Tone::Error,
                    format!("Not saved: {}", one_line(&e.to_string())),
                );
                // The question stays, with the file looked at again: nothing typed is dropped.
                self.overlay = Some(Overlay::Conflict(Box::new(Conflict::new(file, plan, why))));
            }
            (Target::NewLike(_), Why::Copy) => self.say(
                Tone::Error,
                format!("Not copied: {}", one_line(&e.to_string())),
            ),
            (Target::NewLike(_), _) => self.say(
                Tone::Error,
                format!("Not saved: {}", one_line(&e.to_string())),
            ),
            // A write that fails puts the form back with the reason, so nothing typed is lost.
            (_, Why::Record(mut form)) => {
                let save = self.keys.key(Context::RecordForm, Action::Save);
                form.error = Some(super::wizard_flow::save_problem(&e, &save));
                self.overlay = Some(Overlay::Record(form));
            }
            (_, Why::Wizard { .. } | Why::Copy | Why::Change(_)) => {
                let save = self.keys.key(Context::Wizard, Action::Save);
                self.say(
                    Tone::Error,
                    format!("Not saved: {}", super::wizard_flow::save_problem(&e, &save)),
                );
            }
        }
    }

    /// After `plan` was written to `saved`: the list learns of it and the user is told.
    fn plan_written(&mut self, saved: PlanFile, plan: &Plan, to: &Target, why: Why) {
        let name = one_line(&saved.file_name());
        match why {
            Why::Copy => self.copied(&saved),
            Why::Change(said) => {
                self.after_save(&saved);
                self.say(Tone::Success, said);
            }
            Why::Wizard { leave } => {
                self.wizard_saved(saved, plan, leave);
                match to {
                    Target::NewLike(_) => self.say(
                        Tone::Success,
                        format!("Saved as a new plan: {name}. The changed file was left as it is."),
                    ),
                    Target::Overwrite(_) => {
                        self.say(Tone::Success, "Overwritten with your version.")
                    }
                    Target::New | Target::Update(_) => {}
                }
            }
            Why::Record(form) => {
                self.after_save(&saved);
                let text = match form.kind {
                    RecordKind::Outcome => format!(
                        "Outcome recorded: {}. f plans a follow-up.",
                        plan.state_label()
                    ),
                    RecordKind::Attempt => {
                        let a = plan.attempts.last();
                        format!(
                            "Attempt logged: {}, {}.",
                            a.map(|a| one_line(&self.ladder.label(a.tactic.as_ref())))
                                .unwrap_or_default(),
                            a.and_then(|a| a.result).map_or("no result", |r| r.as_str())
                        )
                    }
                };
                if matches!(to, Target::NewLike(_)) {
                    self.say(Tone::Success, format!("{text} Saved as a new plan: {name}"));
                } else {
                    self.say(Tone::Success, text);
                }
            }
        }
    }

    pub(super) fn handle_conflict(&mut self, action: Action) {
        let Some(Overlay::Conflict(conflict)) = self.overlay.take() else {
            return;
        };
        let changed = conflict.disk == DiskNow::Changed;
        // Enter takes the marked choice: adding an outcome or attempt to the file as it is now, else deciding later.
        let action = match action {
            Action::Confirm if conflict.has_form() && changed => Action::ApplyToCurrent,
            Action::Confirm => Action::Cancel,
            other => other,
        };
        // Only the choices the dialog shows for the file as it is now.
        let offered = match action {
            Action::Reload => changed,
            Action::ApplyToCurrent => changed && conflict.has_form(),
            Action::Overwrite => !matches!(conflict.disk, DiskNow::Unwritable(_)),
            Action::Cancel | Action::SaveCopy => true,
            _ => false,
        };
        if !offered {
            self.overlay = Some(Overlay::Conflict(conflict));
            return;
        }
        let Conflict {
            file, plan, why, ..
        } = *conflict;
        match action {
            Action::Cancel => {
                match why {
                    // Back to the form as typed: "decide later" must not throw the typing away.
                    Why::Record(form) => {
                        self.overlay = Some(Overlay::Record(form));
                        let save = self.keys.key(Context::RecordForm, Action::Save);
                        self.say(
                        Tone::Info,
                        format!("Nothing written yet; what you typed is still here ({save} asks again)."),
                    );
                    }
                    Why::Wizard { .. } | Why::Copy | Why::Change(_) => {
                        let save = self.keys.key(Context::Wizard, Action::Save);
                        self.say(
                            Tone::Info,
                            format!(
                                "Nothing written; your changes are still here ({save} asks again)."
                            ),
                        );
                    }
                }
            }
            Action::ApplyToCurrent => {
                if let Why::Record(form) = why {
                    self.record_into_current(file, plan, form);
                }
            }
            Action::Reload => self.reload_after_conflict(file, plan, why),
            Action::SaveCopy => {
                let now = Timestamp::now();
                let mut copy = plan;
                copy.id = Plan::new(now).id;
                copy.created = now;
                copy.updated = now;
                self.ask(Effect::Write(Box::new(Write {
                    plan: copy,
                    to: Target::NewLike(file),
                    why,
                    folder: None,
                })));
            }
            _ => self.ask(Effect::Write(Box::new(Write {
                plan,
                to: Target::Overwrite(file),
                why,
                folder: None,
            }))),
        }
    }

    /// Records what the form holds into the plan as it is on disk now: the other program's change and this one
    /// both stay. If the file changed yet again, the question comes back.
    fn record_into_current(&mut self, file: PlanFile, plan: Plan, mut form: Box<RecordForm>) {
        let fresh = match plan_file::load(&file.path, &self.ladder) {
            Ok(fresh) if fresh.read_only.is_none() => fresh,
            _ => {
                let copy = self.keys.key(Context::Conflict, Action::SaveCopy);
                self.say(
                    Tone::Error,
                    format!("The file is gone, unreadable or read-only now; {copy} saves your version as a new plan."),
                );
                self.overlay = Some(Overlay::Conflict(Box::new(Conflict::new(
                    file,
                    plan,
                    Why::Record(form),
                ))));
                return;
            }
        };
        form.file = fresh;
        match form.build(&self.ladder, Timestamp::now()) {
            Ok(plan) => self.write_record(form, plan),
            Err(e) => {
                form.error = Some(e);
                self.overlay = Some(Overlay::Record(form));
            }
        }
    }

    /// Asks for an outcome or attempt from `form` to be written; a refused write brings the form back.
    pub(super) fn write_record(&mut self, form: Box<RecordForm>, plan: Plan) {
        self.ask(Effect::Write(Box::new(Write {
            plan,
            to: Target::Update(form.file.clone()),
            why: Why::Record(form),
            folder: None,
        })));
    }

    fn reload_after_conflict(&mut self, file: PlanFile, plan: Plan, why: Why) {
        self.after_write(None);
        let fresh = match plan_file::load(&file.path, &self.ladder) {
            Ok(fresh) => fresh,
            Err(_) => {
                let copy = self.keys.key(Context::Conflict, Action::SaveCopy);
                self.say(
                    Tone::Error,
                    format!("The file is gone or unreadable now; {copy} saves your version as a new plan."),
                );
                self.overlay = Some(Overlay::Conflict(Box::new(Conflict::new(file, plan, why))));
                return;
            }
        };
        match why {
            Why::Wizard { .. } | Why::Copy => {
                let ladder = &self.ladder;
                let others = self.others(&fresh.plan.id);
                let mut dropped = None;
                if let Some(Screen::Wizard(w)) = self.screens.last_mut() {
                    let step = w.step;
                    dropped = Some(draft::path_for(&self.data, &w.base.id));
                    let keys = self.catalog.register.keys();
                    let mut wizard =
                        Wizard::new(fresh.plan.clone(), Some(fresh), others, ladder, &keys, None);
                    wizard.data_folder_existed = w.data_folder_existed;
                    wizard.go_to(step, ladder);
                    **w = wizard;
                }
                if let Some(path) = dropped {
                    self.ask(Effect::RemoveDraft(path));
                }
                self.say(
                    Tone::Info,
                    "Reloaded the file as it is on disk; the changes made here were dropped.",
                );
            }
            Why::Record(_) => self.say(
                Tone::Info,
                "Reloaded: the file had changed, so nothing was recorded. Record it again if it still applies.",
            ),
            Why::Change(_) => self.say(
                Tone::Info,
                "Reloaded: the file had changed, so nothing was changed. Try again if it still applies.",
            ),
        }
    }

    pub(super) fn handle_confirm_delete(&mut self, action: Action) {
        let Some(Overlay::ConfirmDelete(target)) = self.overlay.take() else {
            return;
        };
        match action {
            Action::Confirm => self.ask(Effect::Trash(target)),
            Action::Cancel => self.say(Tone::Info, "Kept."),
            _ => self.overlay = Some(Overlay::ConfirmDelete(target)),
        }
    }
}
