//! `overture attempt`, `overture outcome`, `overture drop` and `overture reopen`: what happened, written into
//! the plan's own file.

use jiff::{Timestamp, civil::Date};

use super::{Context, Failure, Output, parse_date, parse_result, show::find};
use crate::domain::{Attempt, Outcome, OutcomeResult, Plan, Status, dates, text::one_line};
use crate::store::{SaveError, plan_file};

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
    /// When it happened, today or earlier (2026-12-18, 18 dec, yesterday, fri, -3d, ...) [default: today]
    #[arg(long, value_name = "DATE", value_parser = parse_date, allow_hyphen_values = true)]
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
    /// When the conversation took place, today or earlier (2026-12-18, 18 dec, yesterday, -3d, ...) [default:
    /// today]
    #[arg(long, value_name = "DATE", value_parser = parse_date, allow_hyphen_values = true)]
    on: Option<Date>,
    /// When to check in again (2026-12-18, 18 dec, fri, next friday, in 2 weeks, +3d, end of month)
    #[arg(long = "follow-up", value_name = "DATE", value_parser = parse_date, allow_hyphen_values = true)]
    follow_up: Option<Date>,
}

/// How many times a change is tried when another program (often another `overture attempt`) saved the plan
/// between this command's read and its write.
const TRIES: u32 = 8;

/// Applies `change` to the plan `query` names and saves it. When the file changed on disk meanwhile, the change
/// is made again on the file as it is now and saved again, a few times with a short random pause (so that
/// writers who collided do not collide again in step), as long as `overlaps` says the other change did not touch
/// what this one changes: an attempt is an append and never overlaps, so none is lost and none is refused for
/// nothing. Whatever else changed is kept, as any save keeps it.
fn update(
    ctx: &Context,
    query: &str,
    out: &mut Output,
    said: &str,
    overlaps: impl Fn(&Plan, &Plan) -> bool,
    mut change: impl FnMut(&mut Plan) -> Result<(), Failure>,
) -> Result<(), Failure> {
    let workbook = ctx.workbook()?;
    let mut pf = find(&workbook, query)?.clone();
    let first = pf.plan.clone();
    let mut tries = 1;
    loop {
        let mut plan = pf.plan.clone();
        change(&mut plan)?;
        match pf.save(&plan) {
            Ok(saved) => {
                out.line(format!(
                    "{said} {}",
                    one_line(&saved.path.display().to_string())
                ));
                return Ok(());
            }
            Err(e @ SaveError::ChangedOnDisk { .. }) if tries < TRIES => {
                pause_before_try(tries);
                tries += 1;
                match plan_file::load(&pf.path, &ctx.ladder) {
                    Ok(now) if now.plan.id == first.id && !overlaps(&first, &now.plan) => pf = now,
                    _ => return Err(super::save_failure(e)),
                }
            }
            Err(e) => return Err(super::save_failure(e)),
        }
    }
}

/// A random pause of up to a few milliseconds, doubling with each try (8 ms, 16 ms, ... about a second in all).
fn pause_before_try(n: u32) {
    use std::hash::BuildHasher;
    let random = std::collections::hash_map::RandomState::new().hash_one(n);
    let ms = 1 + random % (4u64 << n.min(10));
    std::thread::sleep(std::time::Duration::from_millis(ms));
}

/// `--on` as given, refused (a usage error, nothing recorded) when it is after today: see
/// [`crate::domain::changes::happened_problem`].
fn happened(on: Option<Date>) -> Result<Option<Date>, Failure> {
    match on.and_then(|on| crate::domain::changes::happened_problem(on, dates::today())) {
        Some(problem) => Err(Failure::usage(format!(
            "--on: {problem}\nnothing was recorded"
        ))),
        None => Ok(on),
    }
}

pub fn attempt(ctx: &Context, args: AttemptArgs, out: &mut Output) -> Result<(), Failure> {
    let on = happened(args.on)?;
    let attempt = Attempt {
        tactic: Some(ctx.rung(&args.tactic)?),
        on: Some(on.unwrap_or_else(dates::today)),
        result: Some(args.result),
        notes: args.notes.unwrap_or_default().trim().to_string(),
        from: String::new(),
    };
    update(
        ctx,
        &args.plan,
        out,
        "Recorded in",
        |_, _| false,
        |plan| {
            plan.record_attempt(attempt.clone(), Timestamp::now());
            Ok(())
        },
    )
}

pub fn outcome(ctx: &Context, args: OutcomeArgs, out: &mut Output) -> Result<(), Failure> {
    happened(args.on)?;
    let mut earlier = None;
    // Recorded again over someone else's save only when theirs left the outcome (and the status it sets) alone.
    let overlaps =
        |first: &Plan, now: &Plan| first.outcome != now.outcome || first.status != now.status;
    update(ctx, &args.plan, out, "Recorded in", overlaps, |plan| {
        // An outcome recorded before is changed, not replaced: what this command does not set (notes written in
        // the workbook, a follow-up date) stays as it was.
        let before = plan.outcome.clone().unwrap_or_default();
        earlier = plan.outcome.as_ref().and_then(|o| o.result);
        let notes = args.notes.as_deref().map(|n| n.trim().to_string());
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

#[derive(Debug, clap::Args)]
pub struct DropArgs {
    /// The plan: an id, a unique start of an id, a file name or a path; or the stakeholder's name, or words of its
    /// title
    plan: String,
    /// Why, in your words: kept in the file as `dropped_reason`
    #[arg(long, value_name = "TEXT")]
    reason: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ReopenArgs {
    /// The plan: an id, a unique start of an id, a file name or a path; or the stakeholder's name, or words of its
    /// title
    plan: String,
}

/// Only when someone else's save left the status alone is the change made again on their version.
fn status_overlaps(first: &Plan, now: &Plan) -> bool {
    first.status != now.status || first.dropped_reason != now.dropped_reason
}

pub fn drop(ctx: &Context, args: DropArgs, out: &mut Output) -> Result<(), Failure> {
    let reason = args.reason.unwrap_or_default();
    update(ctx, &args.plan, out, "Dropped:", status_overlaps, |plan| {
        if plan.status == Status::Dropped && reason.trim().is_empty() {
            return Err(Failure::failed(format!(
                "{} is already dropped; overture reopen takes it back",
                one_line(&plan.display_title())
            )));
        }
        plan.mark_dropped(&reason, Timestamp::now());
        Ok(())
    })
}

pub fn reopen(ctx: &Context, args: ReopenArgs, out: &mut Output) -> Result<(), Failure> {
    update(ctx, &args.plan, out, "Reopened:", status_overlaps, |plan| {
        if plan.status != Status::Dropped {
            return Err(Failure::failed(format!(
                "{} is not dropped (it is {}); nothing to reopen",
                one_line(&plan.display_title()),
                plan.status.as_str()
            )));
        }
        plan.reopen(Timestamp::now());
        Ok(())
    })
}
