//! `overture agenda`: what is due, from `domain::agenda`, as text or JSON.

use serde::Serialize;

use super::{Context, Failure, Output};
use crate::domain::agenda::{self, Item, When};
use crate::domain::text::one_line;
use crate::domain::{dates, short_id};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// How many days ahead to look; everything overdue is shown whatever the number
    #[arg(long, value_name = "N", default_value_t = 14)]
    days: u16,
    /// Print JSON instead of text (the schema is in docs/JSON.md)
    #[arg(long)]
    json: bool,
    /// Exit with status 1 when something is overdue (for scripts and shell prompts); 0 otherwise
    #[arg(long)]
    fail_if_overdue: bool,
}

/// One item as scripts see it. Field names are part of the contract, like the file format (docs/JSON.md).
#[derive(Debug, Serialize)]
struct ItemJson<'a> {
    kind: &'static str,
    date: String,
    overdue: bool,
    when: &'static str,
    plan: &'a str,
    stakeholder: &'a str,
    title: &'a str,
    path: String,
}

pub fn run(ctx: &Context, args: Args, out: &mut Output) -> Result<(), Failure> {
    let workbook = ctx.catalog()?;
    let today = dates::today();
    let until = today
        .checked_add(jiff::Span::new().days(i64::from(args.days)))
        .ok();
    let items = agenda::agenda(
        workbook.summaries.iter().map(|s| s.agenda_source()),
        today,
        until,
    );
    let path_of = |item: &Item| {
        workbook
            .summaries
            .iter()
            .find(|s| s.id() == item.plan)
            .map(|s| s.path().display().to_string())
            .unwrap_or_default()
    };
    if args.json {
        let json: Vec<ItemJson> = items
            .iter()
            .map(|i| ItemJson {
                kind: i.kind.as_str(),
                date: i.date.to_string(),
                overdue: i.overdue(),
                when: i.when.into(),
                plan: &i.plan,
                stakeholder: &i.stakeholder,
                title: &i.title,
                path: path_of(i),
            })
            .collect();
        out.line(super::json(&json)?);
    } else if items.is_empty() {
        let ahead = match args.days {
            0 => "today".to_string(),
            1 => "today or tomorrow".to_string(),
            n => format!("in the next {n} days"),
        };
        out.line(format!("Nothing due {ahead}, and nothing overdue."));
    } else {
        // The short ids `overture list` shows: unique across the workbook.
        let ids: Vec<&str> = workbook.summaries.iter().map(|s| s.id()).collect();
        let short: std::collections::HashMap<&str, &str> =
            ids.iter().copied().zip(short_id::all(&ids)).collect();
        let mut group = None;
        for i in &items {
            if group != Some(i.when) {
                if group.is_some() {
                    out.line("");
                }
                out.line(i.when.heading());
                group = Some(i.when);
            }
            out.line(format!(
                "  {:<10}  {:<14}  {}  [{}]",
                i.date.strftime("%a %-d %b").to_string(),
                i.kind.label(),
                i.about(),
                one_line(short.get(i.plan.as_str()).copied().unwrap_or(&i.plan))
            ));
        }
    }
    if args.fail_if_overdue && items.iter().any(|i| i.when == When::Overdue) {
        out.exit = 1;
    }
    Ok(())
}
