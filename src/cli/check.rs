//! `overture check`: every problem in the workbook as `path:line:col: message`, for people and for editors.

use std::collections::HashMap;

use super::{Context, Failure, Output};
use crate::domain::text::one_line;
use crate::store::{LoadError, PlanFile, plan_check};

fn problem(e: &LoadError) -> String {
    format!("{}: {}", one_line(&e.location()), one_line(&e.message))
}

pub fn run(ctx: &Context, out: &mut Output) -> Result<(), Failure> {
    let workbook = ctx.workbook()?;
    let mut problems: Vec<String> = Vec::new();
    for b in &workbook.broken {
        problems.push(problem(b));
    }
    let mut ids: HashMap<String, Vec<&PlanFile>> = HashMap::new();
    for pf in &workbook.plans {
        problems.extend(
            plan_check::unknown_tactics(&ctx.ladder, &pf.path, &pf.text, &pf.plan)
                .iter()
                .map(problem),
        );
        ids.entry(pf.plan.id.to_lowercase()).or_default().push(pf);
        if let Some(note) = &pf.read_only {
            out.warn(format!(
                "{}: note: {note}; opened read-only",
                one_line(&pf.path.display().to_string())
            ));
        }
    }
    let mut dups: Vec<_> = ids.values().filter(|v| v.len() > 1).collect();
    dups.sort_by_key(|v| v[0].path.clone());
    for group in dups {
        for pf in &group[1..] {
            problems.push(problem(&plan_check::duplicate_id_error(
                &pf.path,
                &pf.text,
                &pf.plan.id,
                &group[0].path,
            )));
        }
    }
    for c in &workbook.conflicts {
        problems.push(format!(
            "{}: a conflict copy left by a sync tool; merge it into the plan by hand, then delete it",
            one_line(&c.display().to_string())
        ));
    }
    let total = workbook.plans.len() + workbook.broken.len();
    for p in &problems {
        out.line(p);
    }
    if problems.is_empty() {
        out.warn(format!(
            "{total} plan file{} checked, no problems.",
            if total == 1 { "" } else { "s" }
        ));
        Ok(())
    } else {
        out.warn(format!(
            "{total} plan file{} checked, {} problem{}.",
            if total == 1 { "" } else { "s" },
            problems.len(),
            if problems.len() == 1 { "" } else { "s" }
        ));
        out.exit = 1;
        Ok(())
    }
}
