//! `overture ladder`: the tactics, gentle to hard, or one rung's full guidance.

use super::{Context, Failure, Output, wrap};
use crate::domain::Rung;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Show this rung in full (a key, name or number)
    rung: Option<String>,
}

fn detail(n: usize, rung: &Rung, out: &mut Output) {
    out.line(format!(
        "{n}. {}{}",
        rung.name,
        if rung.escalation {
            "  (escalation)"
        } else {
            ""
        }
    ));
    out.line(format!("   {}", rung.summary));
    let sections = [
        ("When it helps", &rung.guidance.helps),
        ("When it backfires", &rung.guidance.backfires),
        ("An opening line", &rung.guidance.opener),
        ("Prepare", &rung.guidance.prepare),
        ("Caution", &rung.caution),
    ];
    for (title, body) in sections {
        if body.trim().is_empty() {
            continue;
        }
        out.line(String::new());
        out.line(format!("   {title}"));
        for l in wrap(body, 5, 80) {
            out.line(l);
        }
    }
    if !rung.research_note.is_empty() {
        out.line(String::new());
        out.line(format!(
            "   Research ({}, closest researched tactic; a tendency, not a rule)",
            rung.research_name
        ));
        for l in wrap(&rung.research_note, 5, 80) {
            out.line(l);
        }
        for l in wrap(&format!("Source: {}", rung.source), 5, 80) {
            out.line(l);
        }
    }
}

pub fn run(ctx: &Context, args: Args, out: &mut Output) -> Result<(), Failure> {
    if let Some(input) = args.rung {
        let rung = ctx.rung(&input)?;
        if let Some(known) = ctx.ladder.rung(&rung) {
            detail(rung.index().map_or(1, |i| i + 1), known, out);
        }
        return Ok(());
    }
    out.line("The ladder, gentle to hard. Try the gentler rungs before the hard ones.");
    out.line(String::new());
    let key_width = ctx
        .ladder
        .rungs()
        .iter()
        .map(|r| r.key.len())
        .max()
        .unwrap_or(0);
    // Columns as wide as this ladder needs: a ladder of ten or more rungs, or with longer names than the
    // built-in one (Yukl's "Inspirational appeal"), still lines up.
    let rungs = ctx.ladder.rungs();
    let number_width = rungs.len().to_string().len();
    let name_width = super::review::name_width(&ctx.ladder);
    for (i, r) in rungs.iter().enumerate() {
        let mark = if r.escalation { "!" } else { " " };
        out.line(format!(
            "{mark}{:>number_width$}  {:<key_width$}  {} {}",
            i + 1,
            r.key,
            super::list::cell(&r.name, name_width),
            r.summary
        ));
    }
    out.line(String::new());
    out.line("! escalation: choosing it before the gentler rungs were tried brings a warning.");
    out.line("More on one rung: overture ladder KEY");
    Ok(())
}
