//! `overture check`: every problem in the workbook as `path:line:col: message`, for people and for editors.

use std::collections::HashMap;

use super::{Context, Failure, Output};
use crate::domain::text::one_line;
use crate::store::{LoadError, PlanFile, plan_check};

fn problem(e: &LoadError) -> String {
    format!("{}: {}", one_line(&e.location()), one_line(&e.message))
}

/// The register's problems: files that do not read, sync tools' copies, and a spelling two people claim (one's
/// name, another's alias), which the commands refuse to guess between.
fn people_problems(register: &crate::store::people::Register) -> Vec<String> {
    let mut out: Vec<String> = register.broken.iter().map(problem).collect();
    for c in &register.conflicts {
        out.push(format!(
            "{}: a conflict copy left by a sync tool; merge it into the person's file by hand, then delete it",
            one_line(&c.display().to_string())
        ));
    }
    let people = &register.people;
    for (i, file) in register.files.iter().enumerate() {
        for spelling in file.person.spellings() {
            if let crate::domain::people::Lookup::Several(found) = people.lookup(spelling)
                && found.first() != Some(&i)
                && let Some(first) = found.first().and_then(|&f| register.files.get(f))
            {
                out.push(format!(
                    "{}: {:?} is also {}'s, in {}; remove it from one of them",
                    one_line(&file.path.display().to_string()),
                    one_line(spelling),
                    one_line(&first.person.name),
                    one_line(&first.path.display().to_string())
                ));
            }
        }
    }
    out
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
    problems.extend(people_problems(&workbook.register));
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
