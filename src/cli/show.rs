//! `overture show`: one plan, in full, readable in a terminal.

use super::{Context, Failure, Output};
use crate::domain::sheet::{self, Entry, Sheet};
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

/// The label column's width: the plan view's, so the two line up the same way.
const LABEL: usize = 18;

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
        out.push(format!("  {label:<LABEL$}{first}"));
    }
    for rest in lines {
        out.push(format!("  {:<LABEL$}{rest}", ""));
    }
}

/// The plan as lines of text: the plan sheet the workbook's plan view shows, with the escalation warning first,
/// then its thread (the plans it follows and that follow it, `domain::thread::lines`; `>` marks this one), the
/// ladder as text under the tactic, and what was already tried.
pub fn render(
    ladder: &Ladder,
    history: &History,
    plan: &Plan,
    thread: &[(String, bool)],
) -> Vec<String> {
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
    if !thread.is_empty() {
        out.push(String::new());
        out.push("Thread".into());
        for (line, this) in thread {
            out.push(format!("{}{line}", if *this { "> " } else { "  " }));
        }
    }
    let tried_done = Sheet::new(plan, ladder)
        .sections
        .into_iter()
        .fold(false, |done, section| {
            let outcome = [sheet::OUTCOME, sheet::DROPPED].contains(&section.heading);
            if outcome && !done {
                attempts(&mut out, ladder, plan);
            }
            out.push(String::new());
            out.push(section.heading.to_string());
            for entry in &section.entries {
                match entry {
                    Entry::Field { label, value } => field(&mut out, label, value),
                    Entry::List { label, items } => {
                        for (i, item) in items.iter().enumerate() {
                            field(
                                &mut out,
                                if i == 0 { label } else { "" },
                                &format!("- {item}"),
                            );
                        }
                    }
                    Entry::Answer { question, text } => {
                        out.push(format!("  {question}"));
                        field(&mut out, "", text);
                    }
                    Entry::Objection {
                        objection,
                        response,
                    } => {
                        field(&mut out, "Objection", objection);
                        field(&mut out, "Response", response);
                    }
                }
            }
            if section.heading == sheet::TACTIC {
                field(&mut out, "Ladder", &ladder_text(ladder, history, plan));
            }
            done || outcome
        });
    if !tried_done {
        attempts(&mut out, ladder, plan);
    }
    out
}

/// The ladder on one line: `[>]` the primary tactic, `[x]` a rung already tried with this stakeholder.
fn ladder_text(ladder: &Ladder, history: &History, plan: &Plan) -> String {
    let tried = history.tried_for(ladder, plan);
    let primary = ladder.index_of(plan.tactic.primary.as_ref());
    ladder
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
        .collect::<Vec<_>>()
        .join("  ")
}

/// What this plan already tried, in the order it was recorded.
fn attempts(out: &mut Vec<String>, ladder: &Ladder, plan: &Plan) {
    if plan.attempts.is_empty() {
        return;
    }
    out.push(String::new());
    out.push("Already tried".into());
    for a in &plan.attempts {
        let when = a.on.map(|d| format!("{d}  ")).unwrap_or_default();
        let result = a.result.map_or("no result recorded", |r| r.as_str());
        // A copy carried by a follow-up is said to be one: it is counted with the plan it came from.
        let carried = if a.from.trim().is_empty() || a.from == plan.id {
            ""
        } else {
            " (carried from an earlier plan)"
        };
        out.push(format!(
            "  {when}{}: {result}{carried}",
            ladder.label(a.tactic.as_ref())
        ));
        if !a.notes.trim().is_empty() {
            out.push(format!("      {}", one_line(&a.notes)));
        }
    }
}

pub fn run(ctx: &Context, args: Args, out: &mut Output) -> Result<(), Failure> {
    let workbook = ctx.workbook()?;
    let pf = find(&workbook, &args.plan)?;
    let history = workbook.history(&ctx.ladder);
    let plans: Vec<&Plan> = workbook.plans.iter().map(|p| &p.plan).collect();
    let thread = match workbook.plans.iter().position(|p| p.path == pf.path) {
        Some(at) => crate::domain::thread::lines(&ctx.ladder, &plans, at, |p| p.display_title()),
        None => Vec::new(),
    };
    for line in render(&ctx.ladder, &history, &pf.plan, &thread) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Objection, Outcome, OutcomeResult};

    /// `overture show` and the workbook's plan view name things alike: every section and label of the plan
    /// sheet is in the printed lines.
    #[test]
    fn show_prints_the_plan_sheet_with_its_labels() {
        let ladder = Ladder::embedded();
        let mut plan = Plan::new(jiff::Timestamp::UNIX_EPOCH);
        plan.stakeholder.name = "Dr Okafor".into();
        plan.stakeholder.cares_about = vec!["Patient safety".into()];
        plan.goal.want = "Start at 08:00".into();
        plan.goal.minimum = "A trial".into();
        plan.tactic.primary = ladder.resolve_text("reason");
        plan.prep.tactic_notes = "The audit numbers".into();
        plan.prep.objections = vec![Objection {
            objection: "No staff".into(),
            response: "The rota covers it".into(),
        }];
        plan.prep.fallback = "Ask the director".into();
        plan.outcome = Some(Outcome {
            result: Some(OutcomeResult::Commitment),
            ..Outcome::default()
        });
        let history = History::from_facts(&ladder, &Vec::<Plan>::new());
        let lines = render(&ladder, &history, &plan, &[]);
        let sheet = Sheet::new(&plan, &ladder);
        assert_eq!(sheet.sections.len(), 5);
        for section in &sheet.sections {
            assert!(
                lines.iter().any(|l| l == section.heading),
                "{}",
                section.heading
            );
            for entry in &section.entries {
                let label = match entry {
                    Entry::Field { label, .. } | Entry::List { label, .. } => label.to_string(),
                    Entry::Answer { question, .. } => question.clone(),
                    Entry::Objection { .. } => "Objection".into(),
                };
                assert!(
                    lines.iter().any(|l| l.trim_start().starts_with(&label)),
                    "{label} missing from:\n{}",
                    lines.join("\n")
                );
            }
        }
        assert!(lines.contains(&"  Least you'd take  A trial".to_string()));
    }
}
