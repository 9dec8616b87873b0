//! `overture new`: a whole plan from flags, for scripts and for people who prefer the shell.

use jiff::{Timestamp, civil::Date};

use super::{Context, Failure, Output, parse_date, parse_direction};
use crate::domain::escalation::chooses_escalation;
use crate::domain::{Attempt, Direction, Objection, OutcomeResult, Plan, Status, dates};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Who you need to influence
    #[arg(long, value_name = "NAME")]
    stakeholder: String,
    /// The known person --stakeholder means, when overture asks "did you mean": the spelling typed becomes
    /// another name for them in the register
    #[arg(long, value_name = "NAME", conflicts_with = "new_person")]
    person: Option<String>,
    /// --stakeholder is someone new, although the name is close to a known person's
    #[arg(long)]
    new_person: bool,
    /// What you want them to do
    #[arg(long, value_name = "TEXT")]
    goal: String,
    /// The tactic: a rung key, name or number (see `overture ladder`)
    #[arg(long, value_name = "KEY")]
    tactic: String,
    /// A second tactic to fall back on
    #[arg(long, value_name = "KEY")]
    backup: Option<String>,
    /// Their role, e.g. "Consultant anaesthetist"
    #[arg(long, value_name = "TEXT")]
    role: Option<String>,
    /// up, peer, down or outside
    #[arg(long, value_name = "D", value_parser = parse_direction)]
    direction: Option<Direction>,
    /// Something they care about (repeat for more)
    #[arg(long = "cares-about", value_name = "TEXT")]
    cares_about: Vec<String>,
    /// A title for the plan [default: the goal]
    #[arg(long, value_name = "TEXT")]
    title: Option<String>,
    /// Why the goal matters
    #[arg(long, value_name = "TEXT")]
    why: Option<String>,
    /// The least you would accept
    #[arg(long, value_name = "TEXT")]
    minimum: Option<String>,
    /// When you need it by (2026-12-18, 18 dec, fri, next friday, in 2 weeks, +3d, end of month)
    #[arg(long, value_name = "DATE", value_parser = parse_date, allow_hyphen_values = true)]
    by: Option<Date>,
    /// A tactic already tried, with its result and date if known: KEY, KEY=RESULT, KEY@DATE or KEY=RESULT@DATE,
    /// e.g. reason=resistance@-2w or "deal@3 dec" (repeat for more)
    #[arg(long, value_name = "KEY[=RESULT][@DATE]", allow_hyphen_values = true)]
    tried: Vec<String>,
    /// Why you are escalating although gentler tactics are untried (only with an escalation tactic)
    #[arg(long, value_name = "TEXT")]
    reason: Option<String>,
    /// The first thing you will say
    #[arg(long, value_name = "TEXT")]
    opening: Option<String>,
    /// A key point to make (repeat for more)
    #[arg(long, value_name = "TEXT")]
    point: Vec<String>,
    /// An objection and your answer: "what they may say => your answer" (repeat for more)
    #[arg(long, value_name = "TEXT")]
    objection: Vec<String>,
    /// The one question you will ask
    #[arg(long, value_name = "TEXT")]
    ask: Option<String>,
    /// What you will do if the answer is no
    #[arg(long, value_name = "TEXT")]
    fallback: Option<String>,
}

/// "what they may say => your answer": the answer may be left out, the objection may not.
fn parse_objection(input: &str) -> Result<Objection, Failure> {
    let (objection, response) = match input.split_once("=>") {
        Some((o, r)) => (o.trim(), r.trim()),
        None => (input.trim(), ""),
    };
    if objection.is_empty() {
        return Err(Failure::usage(format!(
            "--objection {input:?}: write what they may say, then => and your answer"
        )));
    }
    Ok(Objection {
        objection: objection.to_string(),
        response: response.to_string(),
    })
}

/// `KEY[=RESULT][@DATE]`: a try as `--tried` takes it. The date is any date phrase (`3 dec`, `yesterday`,
/// `-2w`), resolved against `today`; a try is in the past, so a date after today is refused.
fn parse_tried(ctx: &Context, input: &str, today: Date) -> Result<Attempt, Failure> {
    let (input, on) = match input.split_once('@') {
        Some((rest, when)) => {
            let on = dates::parse_date_phrase(when, today)
                .map_err(|e| Failure::usage(format!("--tried {input:?}: {e}")))?;
            if let Some(problem) = crate::domain::changes::happened_problem(on, today) {
                return Err(Failure::usage(format!("--tried {input:?}: {problem}")));
            }
            (rest, Some(on))
        }
        None => (input, None),
    };
    let (key, result) = match input.split_once('=') {
        Some((k, r)) => (k, Some(r)),
        None => (input, None),
    };
    let result = match result {
        Some(r) => Some(r.trim().parse::<OutcomeResult>().map_err(|_| {
            Failure::usage(format!(
                "--tried {input:?}: unknown result {r:?}; use commitment, compliance, resistance or undecided"
            ))
        })?),
        None => None,
    };
    Ok(Attempt {
        tactic: Some(ctx.rung(key)?),
        on,
        result,
        notes: String::new(),
        from: String::new(),
    })
}

/// A repeated flag's values, trimmed, the blank ones left out.
fn entries(values: Vec<String>) -> Vec<String> {
    values
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

fn opt(s: Option<String>) -> String {
    s.map(|s| s.trim().to_string()).unwrap_or_default()
}

pub fn run(ctx: &Context, args: Args, out: &mut Output) -> Result<(), Failure> {
    if args.stakeholder.trim().is_empty() {
        return Err(Failure::usage("--stakeholder must not be empty"));
    }
    if args.goal.trim().is_empty() {
        return Err(Failure::usage("--goal must not be empty"));
    }
    let mut plan = Plan::new(Timestamp::now());
    plan.title = opt(args.title);
    plan.stakeholder.name = args.stakeholder.trim().to_string();
    plan.stakeholder.role = opt(args.role);
    plan.stakeholder.direction = args.direction;
    plan.stakeholder.cares_about = entries(args.cares_about);
    plan.goal.want = args.goal.trim().to_string();
    plan.goal.why = opt(args.why);
    plan.goal.minimum = opt(args.minimum);
    plan.goal.by = args.by;
    let primary = ctx.rung(&args.tactic)?;
    if let Some(backup) = args.backup.filter(|b| !b.trim().is_empty()) {
        let backup = ctx.rung(&backup)?;
        // A fallback that is the plan itself is no fallback (the workbook refuses it too).
        if backup == primary {
            return Err(Failure::usage(format!(
                "--backup is the same tactic as --tactic ({}); choose another, or leave --backup out",
                ctx.ladder.label(Some(&primary))
            )));
        }
        plan.tactic.backup = Some(backup);
    }
    plan.tactic.primary = Some(primary);
    plan.tactic.escalation_reason = opt(args.reason);
    if !plan.tactic.escalation_reason.is_empty() && !chooses_escalation(&ctx.ladder, &plan.tactic) {
        return Err(Failure::usage(format!(
            "--reason is for escalating, and neither {} nor the backup is an escalation tactic; leave --reason out",
            ctx.ladder.label(plan.tactic.primary.as_ref())
        )));
    }
    plan.prep.opening = opt(args.opening);
    plan.prep.points = entries(args.point);
    plan.prep.objections = args
        .objection
        .iter()
        .map(|o| parse_objection(o))
        .collect::<Result<_, _>>()?;
    plan.prep.ask = opt(args.ask);
    plan.prep.fallback = opt(args.fallback);
    plan.attempts = args
        .tried
        .iter()
        .map(|t| parse_tried(ctx, t, dates::today()))
        .collect::<Result<_, _>>()?;
    plan.status = Status::Draft;
    plan.settle_status();

    let workbook = ctx.workbook()?;
    let mut history = workbook.history(&ctx.ladder);
    let changed = super::person_choice::settle_stakeholder(
        ctx,
        &workbook.register.people,
        &history,
        &plan.stakeholder.name,
        args.person.as_deref(),
        args.new_person,
        out,
    )?;
    if changed {
        // The typed spelling is now an alias: the rule counts what was tried under every name.
        let register = crate::store::people::read_register(&ctx.data);
        history = crate::domain::History::from_facts_in(
            &ctx.ladder,
            workbook.plan_refs(),
            &register.keys(),
        );
    }
    let saved = super::save_new_plan(ctx, &plan)?;
    super::warn_if_escalating(ctx, &history, &plan, &saved.path, out);
    out.line(saved.path.display().to_string());
    Ok(())
}
