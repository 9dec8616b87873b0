//! Where the app's effects happen: the one place the workbook writes files. The app's transitions queue
//! [`Effect`]s; [`settle`] performs those that need only the file system and feeds each result back as a
//! [`Done`], until none is left. The effects that need the terminal or the printer (`Edit`, `Print`) are handed
//! to the caller: the run loop performs them, a test answers them.

use std::io;
use std::path::Path;

use crate::export;
use crate::store::draft::{self, Draft};
use crate::store::plan_file::{self, plain_write_problem};
use crate::store::workbook::{move_to_trash, restore_from_trash};
use crate::store::{DataDir, PlanFile, SaveError};

use super::app::{App, Done, Effect, Kept, PersonWrite, Target, Write};
use crate::domain::text::one_line;

/// Performs the app's file effects until none is left, giving every other effect to `outside`; an effect
/// `outside` gives back stays queued for later, in order.
pub fn settle(app: &mut App, mut outside: impl FnMut(&App, Effect) -> Result<Done, Effect>) {
    let mut declined = Vec::new();
    while let Some(effect) = app.take_effect() {
        match on_files(effect, &app.data, &app.export).or_else(|effect| outside(app, effect)) {
            Ok(done) => app.on_done(done),
            Err(effect) => declined.push(effect),
        }
    }
    for effect in declined.into_iter().rev() {
        app.put_back(effect);
    }
}

/// Performs only the file effects; `Edit` and `Print` wait in the queue (tests answer them by hand).
pub fn settle_files(app: &mut App) {
    settle(app, |_, effect| Err(effect));
}

/// Keeps the plan in progress as a draft before the program ends on a signal or an error, and says what became
/// of it.
pub fn before_exit(app: &mut App) -> Kept {
    let Some(effect) = app.draft_before_exit() else {
        return Kept::Nothing;
    };
    let done = on_files(effect, &app.data, &app.export).unwrap_or(Done::Nothing);
    let kept = match &done {
        Done::DraftWritten { result: Ok(()), .. } => Kept::Draft,
        Done::DraftWritten {
            result: Err(problem),
            ..
        } => Kept::Failed(problem.clone()),
        _ => Kept::Nothing,
    };
    app.on_done(done);
    kept
}

/// Performs `effect` if it needs only the file system; gives it back otherwise.
pub fn on_files(effect: Effect, data: &DataDir, options: &export::Options) -> Result<Done, Effect> {
    Ok(match effect {
        Effect::Write(write) => {
            let result = Box::new(write_plan(&write, data));
            Done::Written { write, result }
        }
        Effect::Trash(target) => {
            let result = move_to_trash(data, &target.path).map_err(|e| e.to_string());
            Done::Trashed { target, result }
        }
        Effect::Restore(trashed) => {
            let result =
                restore_from_trash(&trashed.trashed, &trashed.original).map_err(|e| e.to_string());
            Done::Restored { trashed, result }
        }
        Effect::WriteDraft { draft, why, folder } => {
            let result = write_draft(data, &draft, folder.as_deref());
            Done::DraftWritten { why, result }
        }
        Effect::RemoveDraft(path) => {
            // A draft that is already gone is fine.
            let _ = std::fs::remove_file(path);
            Done::Nothing
        }
        Effect::Export { page, path, format } => {
            let shown = std::path::absolute(&path).unwrap_or_else(|_| path.clone());
            // The preview asked before naming an existing file (see `screens::preview`); the rest of the rules
            // for a file the user names (no plan replaced, links followed) are `store::output`'s.
            let replace = crate::store::output::Replace::Yes;
            let result = crate::store::output::refuse_terminal(&path)
                .map_err(export::ExportError::from)
                .and_then(|()| export::save(&page, format, options, &path, data, replace));
            Done::Exported {
                shown,
                format,
                result,
            }
        }
        Effect::WritePerson(write) => {
            let result = write_person(&write, data);
            Done::PersonWritten { write, result }
        }
        Effect::Calendar { path, ladder } => {
            Done::Calendar(export::calendar::rewrite_file(data, &ladder, &path).map(|_| ()))
        }
        other @ (Effect::Edit(_) | Effect::Print(_)) => return Err(other),
    })
}

fn write_plan(write: &Write, data: &DataDir) -> Result<PlanFile, SaveError> {
    if let Some(folder) = folder_gone(write.folder.as_deref()) {
        return Err(SaveError::Io {
            path: folder.to_path_buf(),
            source: io::Error::new(io::ErrorKind::NotFound, FOLDER_GONE),
        });
    }
    match &write.to {
        Target::New => plan_file::save_new(&data.plans(), &write.plan),
        Target::NewLike(like) => plan_file::save_new_like(&data.plans(), &write.plan, like),
        Target::Update(file) => file.save(&write.plan),
        Target::Overwrite(file) => file.overwrite(&write.plan),
    }
}

/// Writes a person's file in the register: over their file when the register has them (refused when that file
/// no longer says what the change began from, or a file in `people/` cannot be read: it might be theirs), else a
/// new file. The person as saved, or the problem in plain words.
fn write_person(
    write: &PersonWrite,
    data: &DataDir,
) -> Result<crate::domain::people::Person, String> {
    use crate::domain::people::Lookup;
    use crate::store::people::{self, Register};
    let register = Register::load(data).map_err(|e| {
        format!(
            "could not read {}: {e}",
            one_line(&data.people().display().to_string())
        )
    })?;
    if let Some(problem) = register.broken.first() {
        return Err(format!(
            "{}; nothing was changed: fix that file (or move it away) and try again",
            one_line(&problem.to_string())
        ));
    }
    let register_people = &register.people;
    // An alias is added to the person as their file says now (another change made meanwhile is kept), as the
    // command line's `new --person` does.
    if let super::app::PersonWhy::Alias { typed } = &write.why {
        let name = write.was.as_ref().map_or(&write.now.name, |p| &p.name);
        return register
            .change(data, name, &write.now.name, |p| {
                p.add_alias(typed);
            })
            .map(|f| f.person)
            .map_err(|e| match e {
                people::ChangeError::Save(e) => save_problem(&e),
                other => one_line(&other.to_string()),
            });
    }
    let saved = match &write.was {
        Some(was) => {
            let file = match register_people.lookup(&was.name) {
                Lookup::One(i) => register.file(i),
                Lookup::Several(_) => {
                    return Err(format!(
                        "{} matches several people in the register; nothing was changed",
                        one_line(&was.name)
                    ));
                }
                Lookup::None => None,
            };
            let Some(file) = file.filter(|f| f.person == *was) else {
                return Err(format!(
                    "{}'s file changed on disk since it was read; nothing was changed (r reads it again)",
                    one_line(&was.name)
                ));
            };
            file.save(&write.now)
        }
        None => {
            if register_people.lookup(&write.now.name) != Lookup::None {
                return Err(format!(
                    "{} was added to the register meanwhile; nothing was changed (r reads it again)",
                    one_line(&write.now.name)
                ));
            }
            people::save_new(data, &write.now)
        }
    };
    saved.map(|f| f.person).map_err(|e| save_problem(&e))
}

/// A failed save in plain words: the disk's problem where it is a common one, else the error in one line.
fn save_problem(e: &SaveError) -> String {
    match e {
        SaveError::Io { source, .. } => {
            plain_write_problem(source).map_or_else(|| one_line(&e.to_string()), str::to_string)
        }
        _ => one_line(&e.to_string()),
    }
}

/// Writes a draft; the problem in plain words when that fails.
fn write_draft(data: &DataDir, d: &Draft, folder: Option<&Path>) -> Result<(), String> {
    if folder_gone(folder).is_some() {
        return Err(FOLDER_GONE.into());
    }
    draft::write(data, d).map(|_| ()).map_err(|e| {
        plain_write_problem(&e).map_or_else(|| one_line(&e.to_string()), str::to_string)
    })
}

const FOLDER_GONE: &str = "the data folder no longer exists";

/// The data folder, if it existed when the work began and is gone now (deleted, moved, or its drive
/// unmounted): nothing recreates it behind the user's back.
fn folder_gone(folder: Option<&Path>) -> Option<&Path> {
    folder.filter(|f| !f.is_dir())
}
