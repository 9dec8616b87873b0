//! `overture edit`: a plan file in the user's own editor, checked before it is saved, as `visudo` and
//! `crontab -e` do. The plan is copied to a private file, the editor runs on the copy, and the copy replaces the
//! plan only when it parses and the plan was not changed meanwhile by something else. Whatever the user typed is
//! never thrown away: text that does not parse can be edited again, or is kept aside and its place named.

use std::io::IsTerminal;
use std::path::PathBuf;

use super::{Context, Failure, Output};
use crate::domain::text::one_line;
use crate::domain::{History, escalation};
use crate::editor::Handoff;
use crate::store::plan_check;
use crate::store::plan_file::{self, LoadError};
use crate::store::workbook::FindError;
use crate::store::{SaveError, read};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The plan: an id, a unique start of an id, a file name or a path; or the stakeholder's name, or words of its
    /// title. A file that cannot be read as a plan can be named too, to mend it.
    plan: String,
}

/// The plan file to edit: a plan, or a broken file the user wants to mend.
struct Target {
    path: PathBuf,
    text: String,
    /// The plan as it was, when the file could be read as one.
    before: Option<crate::domain::Plan>,
}

fn target(workbook: &crate::store::Workbook, query: &str) -> Result<Target, Failure> {
    match workbook.find(query) {
        Ok(pf) => {
            if let Some(note) = &pf.read_only {
                return Err(Failure::failed(format!(
                    "{} is read-only here: {note}\nnothing was changed; edit it with the newer overture",
                    pf.path.display()
                )));
            }
            Ok(Target {
                path: pf.path.clone(),
                text: pf.text.clone(),
                before: Some(pf.plan.clone()),
            })
        }
        Err(FindError::Broken(err)) => {
            // The file did not load: it may be a pipe or huge, and is read only within a plan's cap.
            let text = read::bytes(&err.path, plan_file::PLAN_CAP).map_err(|e| {
                Failure::failed(format!(
                    "could not read {}: {e}\nnothing was changed",
                    err.path.display()
                ))
            })?;
            let text = String::from_utf8(text).map_err(|_| {
                Failure::failed(format!(
                    "{} is not UTF-8 text; an editor could not show it faithfully\nnothing was changed",
                    err.path.display()
                ))
            })?;
            Ok(Target {
                path: err.path,
                text,
                before: None,
            })
        }
        Err(e) => Err(super::show::find_failure(workbook, query, e)),
    }
}

/// Runs the editor on the copy; an editor that exits with an error means "leave it". A Ctrl-C typed in the
/// editor is the editor's (see `crate::external`): an editor it ends is one that exited with an error.
fn run_editor(handoff: &Handoff) -> Result<(), Failure> {
    // A SIGTERM or SIGHUP meanwhile is passed on to the editor (see `crate::external`).
    let ran = handoff.run(&crate::external::ended_by);
    let program = handoff.program();
    if let Some(signal) = crate::external::ended_by() {
        let name = signal_hook::low_level::signal_name(signal).unwrap_or("a signal");
        return Err(Failure {
            code: u8::try_from(128 + signal).unwrap_or(1),
            message: format!("stopped by {name} while {program} ran\nnothing was changed"),
        });
    }
    match ran {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => Err(Failure::failed(format!(
            "{program} exited with {s}\nnothing was changed"
        ))),
        Err(e) => Err(Failure::failed(format!(
            "could not start {program}: {e}\nset $VISUAL or $EDITOR to an editor that is installed"
        ))),
    }
}

/// Whether there is a person at a terminal to ask; without one, text that does not parse is kept aside.
fn interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// Asks whether to edit text that does not parse again.
fn again() -> bool {
    super::ask("Edit it again?", true)
}

fn problem(err: &LoadError) -> String {
    format!("{}: {}", one_line(&err.location()), one_line(&err.message))
}

pub fn run(ctx: &Context, args: Args, out: &mut Output) -> Result<(), Failure> {
    let workbook = ctx.workbook()?;
    let target = target(&workbook, &args.plan)?;
    // The copy's name ends in .toml for the editor (see `Handoff` for where it lives).
    let file = Handoff::new(&ctx.data, &target.text, ".toml").map_err(Failure::failed)?;

    let (edited, plan) = loop {
        if let Err(failure) = run_editor(&file) {
            // An editor ended by Ctrl-C or a crash may have saved some of what was typed: that is kept.
            let typed = file.read().is_ok_and(|t| t != target.text);
            if typed {
                return Err(Failure {
                    code: failure.code,
                    message: format!(
                        "{}; what the editor left is kept in {}",
                        failure.message,
                        file.keep()
                    ),
                });
            }
            return Err(failure);
        }
        let edited = file
            .read()
            .map_err(|e| Failure::failed(format!("could not read the edited copy: {e}")))?;
        if edited == target.text {
            out.line(format!("No changes: {}", target.path.display()));
            return Ok(());
        }
        // Problems are placed in the copy, which is the file the editor opens again or the one kept. Every check
        // the loader and `overture check` make applies, so what is saved always loads and checks clean.
        let others = workbook.plans.iter().filter(|pf| pf.path != target.path);
        match plan_check::plan_text(&ctx.ladder, file.path(), &edited, others) {
            Ok(plan) => break (edited, plan),
            Err(err) if interactive() => {
                eprintln!(
                    "overture: {}",
                    crate::domain::text::printable(&problem(&err), false)
                );
                if !again() {
                    return Err(Failure::failed(format!(
                        "nothing was changed; what you typed is kept in {}",
                        file.keep()
                    )));
                }
            }
            Err(err) => {
                let kept = file.keep();
                return Err(Failure::failed(format!(
                    "{}\nnothing was changed in {}; what you typed is kept in {kept}",
                    problem(&err),
                    target.path.display(),
                )));
            }
        }
    };

    if let Err(e) = plan_file::replace_text(&target.path, &target.text, &edited) {
        let kept = file.keep();
        return Err(match e {
            SaveError::ChangedOnDisk { path } => Failure::failed(format!(
                "{} changed on disk while you were editing (another program saved it); nothing was written\n\
                 what you typed is kept in {kept}: copy what you need into the plan as it is now",
                path.display()
            )),
            other => {
                let failure = super::save_failure(other);
                Failure::failed(format!(
                    "{}\nwhat you typed is kept in {kept}",
                    failure.message
                ))
            }
        });
    }
    // The warning is for an edit that escalates; one that fixes a typo in a plan already warned about stays quiet.
    let others = workbook
        .plans
        .iter()
        .filter(|pf| pf.path != target.path)
        .map(|pf| &pf.plan);
    let history = History::from_facts_in(&ctx.ladder, others, &workbook.register.keys());
    let warned_before = target
        .before
        .as_ref()
        .is_some_and(|before| escalation::warning_for(&ctx.ladder, &history, before).is_some());
    if !warned_before {
        super::warn_if_escalating(ctx, &history, &plan, &target.path, out);
    }
    out.line(format!("Saved {}", target.path.display()));
    Ok(())
}
