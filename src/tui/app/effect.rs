//! Side effects as values. A transition never writes a file, starts a program or talks to the printer: it
//! queues an [`Effect`], and the run loop (`tui::perform`) carries it out and hands the result back as a
//! [`Done`] through [`App::on_done`]. What happens next (the list reloads, the wizard closes, a dialog asks)
//! is decided here, from the result, so a test can drive a save or a failed save without a folder on disk.

use std::path::PathBuf;

use crate::domain::Plan;
use crate::export::{ExportError, Format, Page, Printed};
use crate::store::draft::Draft;
use crate::store::{PlanFile, SaveError};
use crate::tui::screens::record::RecordForm;

use super::{App, DeleteTarget, Trashed};

/// Something the run loop must do outside the pure state: it needs the file system, the terminal or the
/// printer. Each one comes back as exactly one [`Done`].
#[derive(Debug, Clone)]
pub enum Effect {
    /// Write a plan (see [`Write`]).
    Write(Box<Write>),
    /// Move a plan file to the trash folder.
    Trash(Box<DeleteTarget>),
    /// Put a trashed plan back where it was.
    Restore(Box<Trashed>),
    /// Keep the plan in progress in the drafts folder.
    WriteDraft {
        draft: Box<Draft>,
        why: DraftWhy,
        /// The data folder, when it existed as the wizard opened: if it is gone now, nothing recreates it
        /// behind the user's back (it may be an unmounted drive).
        folder: Option<PathBuf>,
    },
    /// Drop a draft whose plan was saved or abandoned; a draft already gone is fine, so nothing comes back
    /// but [`Done::Nothing`].
    RemoveDraft(PathBuf),
    /// Hand this text to `$EDITOR`; the edited text comes back.
    Edit(String),
    /// Send this page to the printer.
    Print(Box<Page>),
    /// Write a person's file in the register (`people/`).
    WritePerson(Box<super::PersonWrite>),
    /// Rewrite the config's `calendar_file` from the plans on disk (`export::calendar::rewrite_file`), after a
    /// save, a delete or a restore changed them.
    Calendar {
        path: PathBuf,
        ladder: Box<crate::domain::Ladder>,
    },
    /// Save this page to a file as text, Markdown or PDF.
    Export {
        page: Box<Page>,
        path: PathBuf,
        format: Format,
    },
}

/// A plan to write, where, and what for: the result is read against `why`.
#[derive(Debug, Clone)]
pub struct Write {
    pub plan: Plan,
    pub to: Target,
    pub why: Why,
    /// As in [`Effect::WriteDraft`]: the data folder that must still be there.
    pub folder: Option<PathBuf>,
}

/// Where a plan is written.
#[derive(Debug, Clone)]
pub enum Target {
    /// A new file in the plans folder.
    New,
    /// A new file in the plans folder, next to (and named like) this one.
    NewLike(PlanFile),
    /// Over the file it was loaded from, unless that changed on disk since ([`SaveError::ChangedOnDisk`]).
    Update(PlanFile),
    /// Over the file even though it changed on disk: the user chose so.
    Overwrite(PlanFile),
}

/// What a plan is written for, which decides what follows a success or a failure.
#[derive(Debug, Clone)]
pub enum Why {
    /// The wizard's plan; `leave` when the wizard closes once it is written.
    Wizard { leave: bool },
    /// An outcome or an attempt from this form, which comes back with the reason if the write fails.
    Record(Box<RecordForm>),
    /// A copy of a plan as a new draft (`c` on the list).
    Copy,
    /// A small change made by one key (`x` drops or reopens, `z` on the agenda snoozes), with what to say once
    /// it is written.
    Change(String),
}

/// Why a draft is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftWhy {
    /// The autosave clock ran out.
    Autosave,
    /// The user asked to quit.
    Quit,
    /// The program is ending (a signal, an error): whatever comes back, it ends.
    Exit,
}

/// What came of an [`Effect`], fed back to [`App::on_done`].
// A written plan comes back whole (a `PlanFile` is large); a `Done` lives for one call, one at a time.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Done {
    /// Nothing to report.
    Nothing,
    Written {
        write: Box<Write>,
        result: Box<Result<PlanFile, SaveError>>,
    },
    Trashed {
        target: Box<DeleteTarget>,
        /// Where the file went, or why it could not.
        result: Result<PathBuf, String>,
    },
    Restored {
        trashed: Box<Trashed>,
        result: Result<(), String>,
    },
    /// The problem in plain words when the draft could not be written.
    DraftWritten {
        why: DraftWhy,
        result: Result<(), String>,
    },
    /// The calendar file was rewritten (or already said the same), or why not, in one line.
    Calendar(Result<(), String>),
    Edited(Result<String, String>),
    /// A person's file written (the person as saved), or why not, in plain words.
    PersonWritten {
        write: Box<super::PersonWrite>,
        result: Result<crate::domain::people::Person, String>,
    },
    Printed(Result<Printed, ExportError>),
    Exported {
        /// The file as the user should read its name (made absolute).
        shown: PathBuf,
        format: Format,
        result: Result<crate::export::Missing, ExportError>,
    },
}

impl App {
    /// Queues an effect for the run loop.
    pub(super) fn ask(&mut self, effect: Effect) {
        self.effects.push_back(effect);
    }

    /// The next effect to perform, oldest first.
    pub fn take_effect(&mut self) -> Option<Effect> {
        self.effects.pop_front()
    }

    /// Whether effects wait to be performed.
    pub fn has_effects(&self) -> bool {
        !self.effects.is_empty()
    }

    /// Puts an effect back at the head of the queue (the caller could not perform it yet).
    pub fn put_back(&mut self, effect: Effect) {
        self.effects.push_front(effect);
    }

    /// The result of an effect: the one way the outside world comes back into the state.
    pub fn on_done(&mut self, done: Done) {
        // What changed the plans on disk: the calendar file follows them, once the app has taken the result in.
        let changed = matches!(
            &done,
            Done::Written { result, .. } if result.is_ok()
        ) || matches!(
            &done,
            Done::Trashed { result: Ok(_), .. } | Done::Restored { result: Ok(()), .. }
        );
        match done {
            Done::Nothing => {}
            Done::Written { write, result } => self.written(*write, *result),
            Done::Trashed { target, result } => self.trashed(*target, result),
            Done::Restored { trashed, result } => self.restored(*trashed, result),
            Done::DraftWritten { why, result } => self.draft_written(why, result),
            Done::Edited(result) => self.finish_edit(result),
            Done::PersonWritten { write, result } => self.person_written(*write, result),
            Done::Printed(result) => self.finish_print(result),
            Done::Exported {
                shown,
                format,
                result,
            } => self.exported(&shown, format, result),
            Done::Calendar(result) => self.calendar_written(result),
        }
        self.catch_up();
        if changed && let Some(path) = self.calendar_file.clone() {
            self.ask(Effect::Calendar {
                path,
                ladder: Box::new(self.ladder.clone()),
            });
        }
    }

    /// A calendar file that could not be written is said after what the save said (the save itself stands).
    fn calendar_written(&mut self, result: Result<(), String>) {
        let Err(problem) = result else {
            return;
        };
        let before = self
            .status
            .take()
            .map(|s| format!("{} ", s.text))
            .unwrap_or_default();
        self.status = Some(super::Status {
            text: format!("{before}The calendar file was not updated: {problem}"),
            tone: super::Tone::Error,
        });
    }
}
