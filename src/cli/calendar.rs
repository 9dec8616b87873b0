//! `overture calendar`: the agenda as an iCalendar file (`export::calendar`), for any calendar app.

use std::path::{Path, PathBuf};

use super::{Context, Failure, Output};
use crate::domain::dates;
use crate::domain::text::{one_line, printable};
use crate::export::calendar;
use crate::store::output::{self, Destination, OutputError};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write the calendar to FILE instead of stdout (`-` is stdout); a calendar file written before is replaced
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Only items up to N days ahead (everything overdue is always in) [default: every item, however far]
    #[arg(long, value_name = "N")]
    days: Option<u16>,
    /// Put each plan's notes, preparation, tactics and outcome in its entries; without it an entry says only
    /// whom to talk to and about what, as notes should not leave the machine by accident
    #[arg(long)]
    details: bool,
    /// Replace the --output file even if it is not a calendar, without asking
    #[arg(long)]
    force: bool,
}

fn output_failure(e: OutputError) -> Failure {
    let message = match &e {
        OutputError::Exists(path) => format!(
            "{} already exists and is not a calendar\nnothing was written; add --force to replace it, or name another file",
            path.display()
        ),
        other => other.to_string(),
    };
    Failure::failed(printable(&message, true))
}

/// Whether the file at `path` is a calendar (an earlier export, most likely): replaced without asking, since
/// writing the same file again is how a calendar is kept current.
fn is_calendar(path: &Path) -> bool {
    const HEAD: crate::store::read::Cap = crate::store::read::Cap {
        bytes: 64 * 1024 * 1024,
        what: "a calendar file",
    };
    crate::store::read::text(path, HEAD).is_ok_and(|t| t.starts_with("BEGIN:VCALENDAR"))
}

pub fn run(ctx: &Context, args: Args, out: &mut Output) -> Result<(), Failure> {
    let today = dates::today();
    let text = if args.details {
        calendar::from_workbook(&ctx.workbook()?, &ctx.ladder, today, args.days)
    } else {
        calendar::from_catalog(&ctx.catalog()?, today, args.days)
    };
    let Some(path) = args.output.filter(|p| p.as_os_str() != "-") else {
        out.stdout.push_str(&text);
        return Ok(());
    };
    let destination = output::destination(&ctx.data, &path).map_err(output_failure)?;
    // A calendar there already is an earlier export: replaced without asking.
    let replace = super::print::may_replace(&destination, |t| args.force || is_calendar(t))?;
    output::write(&ctx.data, &path, text.as_bytes(), replace).map_err(output_failure)?;
    // A device or FIFO (`-o /dev/stdout`) got the calendar itself; its name would only follow it.
    if !matches!(destination, Destination::Stream(_)) {
        out.line(one_line(&path.display().to_string()));
    }
    Ok(())
}

/// Rewrites the config's `calendar_file` after a command saved a plan. A failure is said on stderr and changes
/// neither the exit code nor the saved plan: the save is what the command was for.
pub(super) fn after_save(ctx: &Context, out: &mut Output) {
    let Some(path) = &ctx.config.calendar_file else {
        return;
    };
    if let Err(e) = calendar::rewrite_file(&ctx.data, &ctx.ladder, path) {
        out.warn(format!("overture: the calendar file was not updated: {e}"));
    }
}
