//! `overture follow-up`: the next conversation with the same person about the same goal, as `f` plans it in the
//! workbook: the same domain change (`Plan::follow_up`), so what was tried, and how it went, is carried into
//! "already tried", marked as carried so it is counted once (`domain::thread`).

use jiff::{Timestamp, civil::Date};

use super::{Context, Failure, Output, parse_date, show::find};
use crate::domain::dates;
use crate::domain::escalation::chooses_escalation;
use crate::domain::text::one_line;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The plan to follow up: an id, a unique start of an id, a file name or a path; or the stakeholder's name,
    /// or words of its title
    plan: String,
    /// The tactic for the next conversation: a rung key, name or number (see `overture ladder`) [default: none
    /// yet, a draft]
    #[arg(long, value_name = "KEY")]
    tactic: Option<String>,
    /// A second tactic to fall back on
    #[arg(long, value_name = "KEY")]
    backup: Option<String>,
    /// When you need it by (2026-12-18, 18 dec, fri, next friday, in 2 weeks, +3d, end of month) [default: the
    /// earlier plan's, unless it has passed]
    #[arg(long, value_name = "DATE", value_parser = parse_date, allow_hyphen_values = true)]
    by: Option<Date>,
    /// What you want them to do now [default: the earlier plan's goal]
    #[arg(long, value_name = "TEXT")]
    goal: Option<String>,
    /// Why you are escalating although gentler tactics are untried (only with an escalation tactic)
    #[arg(long, value_name = "TEXT")]
    reason: Option<String>,
}

pub fn run(ctx: &Context, args: Args, out: &mut Output) -> Result<(), Failure> {
    let workbook = ctx.workbook()?;
    let earlier = find(&workbook, &args.plan)?;
    let mut plan = earlier.plan.follow_up(Timestamp::now(), dates::today());
    if let Some(goal) = &args.goal {
        if goal.trim().is_empty() {
            return Err(Failure::usage(
                "--goal must not be empty; leave it out to keep the earlier plan's goal",
            ));
        }
        plan.goal.want = goal.trim().to_string();
    }
    if let Some(by) = args.by {
        plan.goal.by = Some(by);
    }
    let primary = match args.tactic.as_deref().filter(|t| !t.trim().is_empty()) {
        Some(t) => Some(ctx.rung(t)?),
        None => None,
    };
    if let Some(backup) = args.backup.as_deref().filter(|b| !b.trim().is_empty()) {
        let backup = ctx.rung(backup)?;
        // A fallback that is the plan itself is no fallback (the workbook and `new` refuse it too).
        if primary.as_ref() == Some(&backup) {
            return Err(Failure::usage(format!(
                "--backup is the same tactic as --tactic ({}); choose another, or leave --backup out",
                ctx.ladder.label(Some(&backup))
            )));
        }
        plan.tactic.backup = Some(backup);
    }
    plan.tactic.primary = primary;
    plan.tactic.escalation_reason = args.reason.unwrap_or_default().trim().to_string();
    if !plan.tactic.escalation_reason.is_empty() && !chooses_escalation(&ctx.ladder, &plan.tactic) {
        return Err(Failure::usage(
            "--reason is for escalating, and neither --tactic nor --backup is an escalation tactic; leave --reason out",
        ));
    }
    plan.settle_status();

    let history = workbook.history(&ctx.ladder);
    let saved = super::save_new_plan(ctx, &plan)?;
    super::warn_if_escalating(ctx, &history, &plan, &saved.path, out);
    if plan.tactic.primary.is_none() {
        out.warn(format!(
            "The follow-up is a draft until it has a tactic: `overture edit {}`, or open it in the workbook.",
            one_line(&plan.id)
        ));
    }
    out.line(saved.path.display().to_string());
    Ok(())
}
