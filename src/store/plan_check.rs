//! What a plan's text must pass, in one place: the loader's checks (the size limit, TOML, the plan's shape:
//! [`plan_file::check_text`]) and what `overture check` reports besides (tactics the ladder does not know, an id
//! another plan already has). `overture edit` saves nothing that fails any of them, so a hand edit can never
//! leave a file the loader or `check` then refuses.

use std::path::Path;

use crate::domain::text::one_line;
use crate::domain::{Ladder, Plan, RungRef, text_position};

use super::plan_file::{self, LoadError, PlanFile};

/// The plan in `text`, when it passes every check; else the first problem, placed in the file.
pub(crate) fn plan_text<'a>(
    ladder: &Ladder,
    path: &Path,
    text: &str,
    others: impl IntoIterator<Item = &'a PlanFile>,
) -> Result<Plan, LoadError> {
    let plan = plan_file::check_text(path, text, ladder)?;
    if let Some(problem) = unknown_tactics(ladder, path, text, &plan)
        .into_iter()
        .next()
    {
        return Err(problem);
    }
    if let Some(problem) = duplicate_id(path, text, &plan, others) {
        return Err(problem);
    }
    Ok(plan)
}

/// Where a value sits in a file, for problems found after parsing.
fn value_position(text: &str, keys: &[&str]) -> Option<(usize, usize)> {
    let doc = toml_edit::Document::parse(text.to_string()).ok()?;
    let mut item = doc.as_item();
    for key in keys {
        item = match key.parse::<usize>() {
            Ok(i) => item.get(i)?,
            Err(_) => item.get(key)?,
        };
    }
    item.span().map(|s| text_position(text, s.start))
}

/// Tactic keys in a plan that the ladder does not know, each placed where it is written.
pub(crate) fn unknown_tactics(
    ladder: &Ladder,
    path: &Path,
    text: &str,
    plan: &Plan,
) -> Vec<LoadError> {
    let mut found = Vec::new();
    let mut check = |rung: &Option<RungRef>, keys: Vec<String>| {
        if let Some(RungRef::Unknown(key)) = rung {
            let value = key.as_str();
            let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
            found.push(LoadError::new(
                path,
                value_position(text, &refs),
                format!(
                    "unknown tactic \"{}\" in {}; valid tactics: {}",
                    one_line(value),
                    keys.join("."),
                    ladder.keys().join(", ")
                ),
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

/// The problem with a plan whose id another plan file (not `path`) already has: which file wins a look-up by
/// id would depend on the order the folder is read in.
pub(crate) fn duplicate_id<'a>(
    path: &Path,
    text: &str,
    plan: &Plan,
    others: impl IntoIterator<Item = &'a PlanFile>,
) -> Option<LoadError> {
    let id = plan.id.to_lowercase();
    let other = others
        .into_iter()
        .find(|pf| pf.path != path && pf.plan.id.to_lowercase() == id)?;
    Some(duplicate_id_error(path, text, &plan.id, &other.path))
}

/// "id is also used by": one wording for `check` and `edit`.
pub(crate) fn duplicate_id_error(path: &Path, text: &str, id: &str, other: &Path) -> LoadError {
    LoadError::new(
        path,
        Some(value_position(text, &["id"]).unwrap_or((1, 1))),
        format!(
            "id \"{}\" is also used by {}; give one of them a new id",
            one_line(id),
            one_line(&other.display().to_string())
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan_with(primary: &str) -> String {
        let mut plan = Plan::new("2026-01-02T12:00:00Z".parse().unwrap());
        plan.stakeholder.name = "Dr B".into();
        plan.tactic.primary = crate::domain::rung::RungKey::new(primary).map(RungRef::Unknown);
        crate::store::format::render_new(&plan).unwrap()
    }

    #[test]
    fn an_unknown_tactic_is_refused_where_it_is_written() {
        let ladder = Ladder::embedded();
        let path = Path::new("p.toml");
        assert!(plan_text(&ladder, path, &plan_with("reason"), []).is_ok());
        let err = plan_text(&ladder, path, &plan_with("bribery"), []).unwrap_err();
        assert!(
            err.message
                .contains("unknown tactic \"bribery\" in tactic.primary")
        );
        let (line, _) = err.position.unwrap();
        let text = plan_with("bribery");
        assert!(text.lines().nth(line - 1).unwrap().contains("bribery"));
    }

    #[test]
    fn text_over_the_size_limit_is_refused_as_the_loader_refuses_it() {
        let ladder = Ladder::embedded();
        let mut text = plan_with("reason");
        text.push_str(&format!(
            "# {}\n",
            "x".repeat(plan_file::MAX_PLAN_BYTES as usize)
        ));
        let err = plan_text(&ladder, Path::new("p.toml"), &text, []).unwrap_err();
        assert!(err.message.contains("larger than a plan can be"), "{err}");
    }
}
