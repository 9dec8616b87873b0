//! `overture attempt` and `overture outcome`: what happened, written into the plan's own file.

use jiff::{Timestamp, civil::Date};

use super::{Context, Failure, Output, parse_date, parse_result, show::find};
use crate::domain::{Attempt, Outcome, OutcomeResult, Plan, dates, text::one_line};

#[derive(Debug, clap::Args)]
pub struct AttemptArgs {
    /// The plan: an id, a unique start of an id, a file name or a path; or the stakeholder's name, or words of its
    /// title
    plan: String,
    /// The tactic you tried (a rung key, name or number)
    #[arg(long, value_name = "KEY")]
    tactic: String,
    /// commitment, compliance, resistance or undecided
    #[arg(long, value_name = "R", value_parser = parse_result)]
    result: OutcomeResult,
    /// What happened, in your words
    #[arg(long, value_name = "TEXT")]
    notes: Option<String>,
    /// When (YYYY-MM-DD, today, yesterday) [default: today]
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    on: Option<Date>,
}

#[derive(Debug, clap::Args)]
pub struct OutcomeArgs {
    /// The plan: an id, a unique start of an id, a file name or a path; or the stakeholder's name, or words of its
    /// title
    plan: String,
    /// commitment, compliance, resistance or undecided
    #[arg(long, value_name = "R", value_parser = parse_result)]
    result: OutcomeResult,
    /// What happened, in your words
    #[arg(long, value_name = "TEXT")]
    notes: Option<String>,
    /// When the conversation took place [default: today]
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    on: Option<Date>,
    /// When to check in again
    #[arg(long = "follow-up", value_name = "DATE", value_parser = parse_date)]
    follow_up: Option<Date>,
}

fn update(
    ctx: &Context,
    query: &str,
    out: &mut Output,
    change: impl FnOnce(&mut Plan) -> Result<(), Failure>,
) -> Result<(), Failure> {
    let workbook = ctx.workbook()?;
    let pf = find(&workbook, query)?;
    let mut plan = pf.plan.clone();
    change(&mut plan)?;
    let saved = pf.save(&plan).map_err(super::save_failure)?;
    out.line(format!(
        "Recorded in {}",
        one_line(&saved.path.display().to_string())
    ));
    Ok(())
}

pub fn attempt(ctx: &Context, args: AttemptArgs, out: &mut Output) -> Result<(), Failure> {
    let tactic = Some(ctx.rung(&args.tactic)?);
    update(ctx, &args.plan, out, |plan| {
        plan.record_attempt(
            Attempt {
                tactic,
                on: Some(args.on.unwrap_or_else(dates::today)),
                result: Some(args.result),
                notes: args.notes.unwrap_or_default().trim().to_string(),
            },
            Timestamp::now(),
        );
        Ok(())
    })
}

pub fn outcome(ctx: &Context, args: OutcomeArgs, out: &mut Output) -> Result<(), Failure> {
    let mut earlier = None;
    update(ctx, &args.plan, out, |plan| {
        // An outcome recorded before is changed, not replaced: what this command does not set (notes written in
        // the workbook, a follow-up date) stays as it was.
        let before = plan.outcome.clone().unwrap_or_default();
        earlier = plan.outcome.as_ref().and_then(|o| o.result);
        let notes = args.notes.map(|n| n.trim().to_string());
        let on = args.on.or(before.on).or_else(|| Some(dates::today()));
        let follow_up = args.follow_up.or(before.follow_up);
        if let Some(problem) = crate::domain::changes::follow_up_problem(on, follow_up) {
            return Err(Failure::usage(format!(
                "{problem}\nnothing was recorded; give --follow-up a later date"
            )));
        }
        plan.record_outcome(
            Outcome {
                on,
                result: Some(args.result),
                notes: notes.unwrap_or(before.notes),
                follow_up,
            },
            Timestamp::now(),
        );
        Ok(())
    })?;
    if let Some(result) = earlier {
        out.warn(format!(
            "The outcome recorded before ({}) is replaced by {}; notes and dates not given here are kept.",
            result.as_str(),
            args.result.as_str()
        ));
    }
    Ok(())
}
