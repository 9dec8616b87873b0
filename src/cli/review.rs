//! `overture stakeholders` and `overture stats`: looking back over the workbook.

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::list::cell;
use super::{Context, Failure, Output, wrap};
use crate::domain::history::StakeholderRecord;
use crate::domain::stats::RungUse;
use crate::domain::{Ladder, OutcomeResult, text::one_line};

#[derive(Debug, clap::Args)]
pub struct JsonArgs {
    /// Print JSON instead of text
    #[arg(long)]
    json: bool,
}

/// One character per rung: what happened the last time it was tried with this person.
pub fn strip(ladder: &Ladder, record: &StakeholderRecord) -> String {
    record.marks(ladder.len()).into_iter().collect()
}

#[derive(Serialize)]
struct StakeholderJson {
    name: String,
    role: String,
    plans: usize,
    last_contact: Option<String>,
    last_outcome: Option<&'static str>,
    rungs: Vec<RungJson>,
}

#[derive(Serialize)]
struct RungJson {
    key: String,
    tried: bool,
    /// How many times, each try once however many plans of a thread carry it (`domain::thread`).
    tries: usize,
    latest_result: Option<&'static str>,
}

pub fn stakeholders(ctx: &Context, args: JsonArgs, out: &mut Output) -> Result<(), Failure> {
    let workbook = ctx.catalog()?;
    let history = workbook.history(&ctx.ladder);
    let records = history.records();
    if args.json {
        let list: Vec<StakeholderJson> = records
            .iter()
            .map(|r| StakeholderJson {
                name: r.name.clone(),
                role: r.role.clone(),
                plans: r.plans.len(),
                last_contact: r.last_contact.map(|d| d.to_string()),
                last_outcome: r.last_outcome.map(OutcomeResult::as_str),
                rungs: ctx
                    .ladder
                    .rungs()
                    .iter()
                    .zip(r.tried(ctx.ladder.len()))
                    .zip(r.latest_results(ctx.ladder.len()))
                    .enumerate()
                    .map(|(i, ((rung, tried), result))| RungJson {
                        key: rung.key.clone(),
                        tried,
                        tries: r.tries.iter().filter(|t| t.rung() == i).count(),
                        latest_result: result.map(OutcomeResult::as_str),
                    })
                    .collect(),
            })
            .collect();
        out.line(super::json(&list)?);
        return Ok(());
    }
    if records.is_empty() {
        out.warn("No stakeholders yet: they appear once a plan names them.");
        return Ok(());
    }
    let name_w = records
        .iter()
        .map(|r| one_line(&r.name).width())
        .max()
        .unwrap_or(4)
        .clamp(4, 28);
    let role_w = records
        .iter()
        .map(|r| one_line(&r.role).width())
        .max()
        .unwrap_or(4)
        .clamp(4, 24);
    // One mark per rung: as wide as the ladder, and no narrower than the heading.
    let strip_w = ctx.ladder.len().max(9);
    out.line(format!(
        "{}  {}  plans  last contact  {}  last outcome",
        cell("name", name_w),
        cell("role", role_w),
        cell("ladder", strip_w)
    ));
    for r in &records {
        out.line(
            format!(
                "{}  {}  {:>5}  {:<12}  {}  {}",
                cell(&one_line(&r.name), name_w),
                cell(&one_line(&r.role), role_w),
                r.plans.len(),
                r.last_contact
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "-".into()),
                cell(&strip(&ctx.ladder, r), strip_w),
                r.last_outcome.map_or("-", OutcomeResult::as_str)
            )
            .trim_end(),
        );
    }
    out.line(String::new());
    out.line(format!(
        "ladder: one mark per rung, gentlest first: {}",
        crate::domain::history::MARKS_LEGEND
    ));
    Ok(())
}

#[derive(Serialize)]
struct StatsJson<'a> {
    plans: usize,
    rungs: Vec<RungStatsJson<'a>>,
    by_direction: Vec<DirectionJson<'a>>,
    never_used: Vec<&'a str>,
    insights: Vec<String>,
}

#[derive(Serialize)]
struct RungStatsJson<'a> {
    key: &'a str,
    #[serde(flatten)]
    uses: &'a RungUse,
}

#[derive(Serialize)]
struct DirectionJson<'a> {
    direction: &'static str,
    rungs: Vec<RungStatsJson<'a>>,
}

fn rows<'a>(ladder: &'a Ladder, uses: &'a [RungUse]) -> Vec<RungStatsJson<'a>> {
    ladder
        .rungs()
        .iter()
        .zip(uses)
        .map(|(r, u)| RungStatsJson {
            key: &r.key,
            uses: u,
        })
        .collect()
}

fn bar(n: usize, max: usize, width: usize) -> String {
    if max == 0 || n == 0 {
        return String::new();
    }
    "#".repeat((n * width).div_ceil(max).max(1))
}

/// The width of the rung-name column: the built-in ladder's 14, or wider for a ladder with longer names (cut
/// at 24, with an ellipsis, so the figures stay on the line).
pub(super) fn name_width(ladder: &Ladder) -> usize {
    use unicode_width::UnicodeWidthStr;
    let widest = ladder.rungs().iter().map(|r| r.name.width()).max();
    widest.unwrap_or(0).clamp(14, 24)
}

fn rung_rows(ladder: &Ladder, uses: &[RungUse], out: &mut Output) {
    let max = uses.iter().map(RungUse::uses).max().unwrap_or(0);
    let w = name_width(ladder);
    out.line(format!(
        "   {} {:>6} {:>6}  {:>10} {:>10} {:>10}",
        super::list::cell("rung", w),
        "chosen",
        "tried",
        "commitment",
        "compliance",
        "resistance"
    ));
    for (i, (rung, u)) in ladder.rungs().iter().zip(uses).enumerate() {
        out.line(
            format!(
                "{:>2} {} {:>6} {:>6}  {:>10} {:>10} {:>10}  {}",
                i + 1,
                super::list::cell(&rung.name, w),
                u.primary,
                u.tried,
                u.commitment,
                u.compliance,
                u.resistance,
                bar(u.uses(), max, 12)
            )
            .trim_end(),
        );
    }
}

pub fn stats(ctx: &Context, args: JsonArgs, out: &mut Output) -> Result<(), Failure> {
    let stats = ctx.catalog()?.stats(&ctx.ladder);
    let ladder = &ctx.ladder;
    if args.json {
        let json = StatsJson {
            plans: stats.plans,
            rungs: rows(ladder, &stats.rungs),
            by_direction: stats
                .by_direction
                .iter()
                .map(|(d, uses)| DirectionJson {
                    direction: d.as_str(),
                    rungs: rows(ladder, uses),
                })
                .collect(),
            never_used: stats
                .never_used()
                .iter()
                .filter_map(|&i| ladder.get(i))
                .map(|r| r.key.as_str())
                .collect(),
            insights: stats.insights(ladder),
        };
        out.line(super::json(&json)?);
        return Ok(());
    }
    if stats.plans == 0 {
        out.warn("No plans yet, so nothing to reflect on.");
        return Ok(());
    }
    out.line(format!(
        "Your tactics across {} plan{}",
        stats.plans,
        if stats.plans == 1 { "" } else { "s" }
    ));
    out.line(String::new());
    rung_rows(ladder, &stats.rungs, out);
    for line in stats.insights(ladder) {
        out.line(String::new());
        out.line(line);
    }
    for (d, uses) in &stats.by_direction {
        out.line(String::new());
        out.line(format!("Influencing {}", d.describe()));
        rung_rows(ladder, uses, out);
    }
    out.line(String::new());
    for l in wrap(
        "What the research tends to find. These are general tendencies, not rules, and matching each rung to a \
         researched tactic is our reading:",
        0,
        80,
    ) {
        out.line(l);
    }
    for r in ladder.rungs() {
        if !r.research_note.is_empty() {
            out.line(String::new());
            out.line(format!("  {} ({})", r.name, r.research_name));
            for l in wrap(
                &format!(
                    "{} Source: {}.",
                    r.research_note,
                    r.source.trim_end_matches('.')
                ),
                4,
                80,
            ) {
                out.line(l);
            }
        }
    }
    Ok(())
}
