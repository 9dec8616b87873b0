//! `overture show`: one plan, in full, readable in a terminal.

use super::{Context, Failure, Output};
use crate::domain::{History, Ladder, Plan, escalation, text::one_line, text::printable};
use crate::store::PlanFile;
use crate::store::workbook::FindError;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// An id, a unique start of an id, a file name or a path; or the stakeholder's name, or words of the title
    plan: String,
}

/// Finds a plan or fails with a message that helps: the candidates when ambiguous, the error when broken.
pub(super) fn find<'a>(
    workbook: &'a crate::store::Workbook,
    query: &str,
) -> Result<&'a PlanFile, Failure> {
    workbook
        .find(query)
        .map_err(|e| find_failure(workbook, query, e))
}

/// Why `query` names no plan that can be used, said so that it helps.
pub(super) fn find_failure(
    workbook: &crate::store::Workbook,
    query: &str,
    e: FindError,
) -> Failure {
    match e {
        FindError::Broken(err) => Failure::failed(format!(
            "{}: {}\nthe file was not changed; fix it by hand, then try again",
            one_line(&err.location()),
            one_line(&err.message)
        )),
        FindError::NotFound(_) if let Some(copy) = conflict_named(workbook, query) => {
            Failure::failed(format!(
                "{} is a copy left by a sync tool, not loaded as a plan\nmerge it into the plan by hand, then delete it",
                one_line(&copy.display().to_string())
            ))
        }
        FindError::Ambiguous { .. } => Failure::failed(format!(
            "{}\nname one by its id or its file name",
            printable(&e.to_string(), true)
        )),
        other => Failure::failed(printable(&other.to_string(), true)),
    }
}

/// A sync tool's conflict copy that the user named as if it were a plan.
fn conflict_named<'a>(
    workbook: &'a crate::store::Workbook,
    query: &str,
) -> Option<&'a std::path::PathBuf> {
    let q = query.trim();
    let canonical = std::fs::canonicalize(q).ok();
    workbook.conflicts.iter().find(|c| {
        c.as_os_str() == q
            || c.file_name().is_some_and(|n| n.to_string_lossy() == q)
            || (canonical.is_some() && std::fs::canonicalize(c).ok() == canonical)
    })
}

fn field(out: &mut Vec<String>, label: &str, value: &str) {
    let value = value.trim();
    if value.is_empty() {
        return;
    }
    let mut lines = printable(value, true)
        .lines()
        .map(str::to_string)
        .collect::<Vec<_>>()
        .into_iter();
    if let Some(first) = lines.next() {
        out.push(format!("  {label:<14}{first}"));
    }
    for rest in lines {
        out.push(format!("  {:<14}{rest}", ""));
    }
}

/// The plan as lines of text: the same sections as the wizard's review.
pub fn render(ladder: &Ladder, history: &History, plan: &Plan) -> Vec<String> {
    let mut out = Vec::new();
    out.push(one_line(&plan.display_title()));
    out.push(format!(
        "{} · {} · id {}",
        plan.created_date(),
        plan.state_label(),
        one_line(&plan.id)
    ));
    if let Some(w) = escalation::warning_for(ladder, history, plan) {
        out.push(String::new());
        out.push("! Escalation warning".into());
        for line in w.lines(ladder, &plan.stakeholder.name) {
            out.push(format!("  {line}"));
        }
    }
    let s = &plan.stakeholder;
    out.push(String::new());
    out.push("Stakeholder".into());
    field(&mut out, "name", &s.name);
    field(&mut out, "role", &s.role);
    if let Some(d) = s.direction {
        field(&mut out, "direction", d.describe());
    }
    field(&mut out, "cares about", &s.cares_about.join("; "));
    let g = &plan.goal;
    out.push(String::new());
    out.push("Goal".into());
    field(&mut out, "want", &g.want);
    field(&mut out, "why", &g.why);
    field(&mut out, "at least", &g.minimum);
    field(
        &mut out,
        "by",
        &g.by.map(|d| d.to_string()).unwrap_or_default(),
    );
    let t = &plan.tactic;
    out.push(String::new());
    out.push("Tactic".into());
    field(&mut out, "primary", &ladder.label(t.primary.as_ref()));
    field(&mut out, "backup", &ladder.label(t.backup.as_ref()));
    field(&mut out, "rationale", &t.rationale);
    field(
        &mut out,
        "why escalate",
        crate::domain::escalation::reason_to_show(ladder, t),
    );
    let tried = history.tried_for(ladder, plan);
    let primary = ladder.index_of(t.primary.as_ref());
    let strip: Vec<String> = ladder
        .rungs()
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mark = if primary == Some(i) {
                ">"
            } else if tried[i] {
                "x"
            } else {
                " "
            };
            format!("[{mark}] {}", r.name)
        })
        .collect();
    field(&mut out, "ladder", &strip.join("  "));
    let p = &plan.prep;
    if p != &Default::default() {
        out.push(String::new());
        out.push("Preparation".into());
        field(&mut out, "opening", &p.opening);
        for (i, point) in p.points.iter().enumerate() {
            field(
                &mut out,
                if i == 0 { "points" } else { "" },
                &format!("- {point}"),
            );
        }
        if let Some(rung) = t.primary.as_ref().and_then(|r| ladder.rung(r))
            && !p.tactic_notes.trim().is_empty()
        {
            out.push(format!("  {}", one_line(&rung.prepare_prompt)));
        }
        field(&mut out, "", &p.tactic_notes);
        for o in &p.objections {
            field(&mut out, "objection", &o.objection);
            field(&mut out, "response", &o.response);
        }
        field(&mut out, "ask", &p.ask);
        field(&mut out, "if no", &p.fallback);
    }
    if !plan.attempts.is_empty() {
        out.push(String::new());
        out.push("Already tried".into());
        for a in &plan.attempts {
            let when = a.on.map(|d| format!("{d}  ")).unwrap_or_default();
            let result = a.result.map_or("no result recorded", |r| r.as_str());
            out.push(format!(
                "  {when}{}: {result}",
                ladder.label(a.tactic.as_ref())
            ));
            if !a.notes.trim().is_empty() {
                out.push(format!("      {}", one_line(&a.notes)));
            }
        }
    }
    if let Some(o) = &plan.outcome {
        out.push(String::new());
        out.push("Outcome".into());
        field(&mut out, "result", o.result.map_or("", |r| r.as_str()));
        field(
            &mut out,
            "on",
            &o.on.map(|d| d.to_string()).unwrap_or_default(),
        );
        field(&mut out, "notes", &o.notes);
        field(
            &mut out,
            "follow up",
            &o.follow_up.map(|d| d.to_string()).unwrap_or_default(),
        );
    }
    out
}

pub fn run(ctx: &Context, args: Args, out: &mut Output) -> Result<(), Failure> {
    let workbook = ctx.workbook()?;
    let pf = find(&workbook, &args.plan)?;
    let history = workbook.history(&ctx.ladder);
    for line in render(&ctx.ladder, &history, &pf.plan) {
        out.line(line);
    }
    out.line(String::new());
    out.line(format!(
        "file: {}",
        one_line(&pf.path.display().to_string())
    ));
    if let Some(note) = &pf.read_only {
        out.line(format!("read-only: {note}"));
    }
    Ok(())
}
