//! `overture check`: every problem in the workbook as `path:line:col: message`, for people and for editors.

use std::collections::HashMap;

use super::{Context, Failure, Output};
use crate::domain::{Ladder, RungRef, text::one_line, text_position};
use crate::store::PlanFile;

/// Where a value sits in a file, for problems found after parsing (unknown rungs).
fn value_position(text: &str, path: &[&str]) -> Option<(usize, usize)> {
    let doc = toml_edit::Document::parse(text.to_string()).ok()?;
    let mut item = doc.as_item();
    for key in path {
        item = match key.parse::<usize>() {
            Ok(i) => item.get(i)?,
            Err(_) => item.get(key)?,
        };
    }
    item.span().map(|s| text_position(text, s.start))
}

/// Tactic keys in a plan that the ladder does not know, with where they are.
fn unknown_rungs(ladder: &Ladder, pf: &PlanFile) -> Vec<String> {
    let plan = &pf.plan;
    let mut found = Vec::new();
    let mut check = |rung: &Option<RungRef>, path: Vec<String>| {
        if let Some(RungRef::Unknown(key)) = rung {
            let value = key.as_str();
            let refs: Vec<&str> = path.iter().map(String::as_str).collect();
            let at = value_position(&pf.text, &refs)
                .map(|(l, c)| format!(":{l}:{c}"))
                .unwrap_or_default();
            found.push(format!(
                "{}{at}: unknown tactic \"{}\" in {}; valid tactics: {}",
                one_line(&pf.path.display().to_string()),
                one_line(value),
                path.join("."),
                ladder.keys().join(", ")
            ));
        }
    };
    check(
        &plan.tactic.primary,
        vec!["tactic".into(), "primary".into()],
    );
    check(&plan.tactic.backup, vec!["tactic".into(), "backup".into()]);
    for (i, a) in plan.attempts.iter().enumerate() {
        check(
            &a.tactic,
            vec!["attempts".into(), i.to_string(), "tactic".into()],
        );
    }
    found
}

pub fn run(ctx: &Context, out: &mut Output) -> Result<(), Failure> {
    let workbook = ctx.workbook()?;
    let mut problems: Vec<String> = Vec::new();
    for b in &workbook.broken {
        problems.push(format!(
            "{}: {}",
            one_line(&b.location()),
            one_line(&b.message)
        ));
    }
    let mut ids: HashMap<String, Vec<&PlanFile>> = HashMap::new();
    for pf in &workbook.plans {
        problems.extend(unknown_rungs(&ctx.ladder, pf));
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
            problems.push(format!(
                "{}:{}: id \"{}\" is also used by {}; give one of them a new id",
                one_line(&pf.path.display().to_string()),
                value_position(&pf.text, &["id"])
                    .map(|(l, c)| format!("{l}:{c}"))
                    .unwrap_or_else(|| "1:1".into()),
                one_line(&pf.plan.id),
                one_line(&group[0].path.display().to_string())
            ));
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
