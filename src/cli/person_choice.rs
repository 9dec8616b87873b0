//! Changing the register from the command line (shared by `overture people` and `overture new`), and the "did you
//! mean" that `overture new` asks before a new spelling becomes a new person.

use std::io::IsTerminal;

use super::{Context, Failure, Output};
use crate::domain::History;
use crate::domain::people::{Lookup, People, Person, did_you_mean, person_key};
use crate::domain::text::one_line;
use crate::store::people::{ChangeError, Register};

/// The register, read for a change: a broken file stops the change (it might be the person being changed, and
/// a second file for them would split them in two), and the problem is reported in place.
pub(crate) fn register_for_change(ctx: &Context) -> Result<Register, Failure> {
    let register = Register::load(&ctx.data).map_err(|e| {
        Failure::failed(format!(
            "could not read {}: {e}",
            one_line(&ctx.data.people().display().to_string())
        ))
    })?;
    if let Some(problem) = register.broken.first() {
        return Err(Failure::failed(format!(
            "{}\nnothing was changed; fix the file (or move it away) and try again",
            one_line(&problem.to_string())
        )));
    }
    Ok(register)
}

/// "Dr Adeyemi matches several people: ..." for a spelling two people in the register give.
pub(crate) fn several(name: &str, people: &People, found: &[usize]) -> Failure {
    let mut lines = vec![format!(
        "{:?} matches {} people in the register; nothing was changed:",
        one_line(name),
        found.len()
    )];
    for &i in found {
        if let Some(p) = people.persons().get(i) {
            lines.push(format!("  {}", one_line(&p.name)));
        }
    }
    lines.push("remove the alias from one of them (in people/), or use the full name".into());
    Failure::failed(lines.join("\n"))
}

/// Applies `change` to the person `name` means and saves it ([`Register::change`]): their file when they have
/// one, else a new file for them, named as the plans most often name them. Returns the person as saved.
pub(crate) fn change_person(
    ctx: &Context,
    register: &Register,
    history: &History,
    name: &str,
    change: impl FnOnce(&mut Person),
) -> Result<Person, Failure> {
    let shown = history
        .get(name)
        .map_or_else(|| name.trim().to_string(), |r| r.name.clone());
    match register.change(&ctx.data, name, &shown, change) {
        Ok(saved) => Ok(saved.person),
        Err(ChangeError::Several { name, names }) => {
            let mut lines = vec![format!(
                "{:?} matches {} people in the register; nothing was changed:",
                one_line(&name),
                names.len()
            )];
            lines.extend(names.iter().map(|n| format!("  {}", one_line(n))));
            lines.push(
                "remove the alias from one of them (in people/), or use the full name".into(),
            );
            Err(Failure::failed(lines.join("\n")))
        }
        Err(ChangeError::Broken(problem)) => Err(Failure::failed(format!(
            "{}\nnothing was changed; fix the file (or move it away) and try again",
            one_line(&problem.to_string())
        ))),
        Err(ChangeError::Save(e)) => Err(super::save_failure(e)),
    }
}

/// Refuses when someone other than `target` already answers to `spelling` (in the register, by name or alias,
/// or in the plans): making `spelling` another name for `target` would join two people without saying so, and
/// two files claiming one alias is a problem `overture check` reports. `overture people merge` joins them.
pub(crate) fn not_someone_else(
    people: &People,
    history: &History,
    target: &str,
    spelling: &str,
) -> Result<(), Failure> {
    if history.keys().same(target, spelling)
        || people.get(target).is_some_and(|p| p.is_called(spelling))
        || !is_known(people, history, spelling)
    {
        return Ok(());
    }
    let other = people
        .first(spelling)
        .map(|p| p.name.clone())
        .or_else(|| history.get(spelling).map(|r| r.name.clone()))
        .unwrap_or_else(|| spelling.trim().to_string());
    let mut message = if person_key(&other) == person_key(spelling) {
        format!(
            "{} is someone else in your plans or the register; nothing was changed",
            one_line(&other)
        )
    } else {
        format!(
            "{:?} is another name for {}; nothing was changed",
            one_line(spelling.trim()),
            one_line(&other)
        )
    };
    if is_known(people, history, target) {
        message.push_str(&format!(
            "\nto make them one person: overture people merge {:?} {:?}",
            one_line(target.trim()),
            one_line(spelling.trim())
        ));
    }
    Err(Failure::failed(message))
}

/// Whether anyone (in the register or the plans) answers to `name`.
pub(crate) fn is_known(people: &People, history: &History, name: &str) -> bool {
    people.lookup(name) != Lookup::None || history.get(name).is_some()
}

/// Before `overture new` saves a plan for `typed`: when the name is close to a known person but not theirs, the
/// user decides. `--person NAME` means that person (the typed spelling becomes their alias), `--new-person`
/// keeps it a new person; without either, a terminal is asked, and anything else gets the question on stderr
/// and a usage error. Returns whether the register changed (the history must then be read again).
pub(crate) fn settle_stakeholder(
    ctx: &Context,
    people: &People,
    history: &History,
    typed: &str,
    person: Option<&str>,
    new_person: bool,
    out: &mut Output,
) -> Result<bool, Failure> {
    if let Some(known) = person {
        if !is_known(people, history, known) {
            return Err(Failure::usage(format!(
                "--person {:?}: nobody by that name in your plans or the register; use --new-person for someone new",
                one_line(known)
            )));
        }
        if let Lookup::Several(found) = people.lookup(known) {
            return Err(several(known, people, &found));
        }
        if history.keys().same(known, typed)
            || people.get(known).is_some_and(|p| p.is_called(typed))
        {
            return Ok(false);
        }
        not_someone_else(people, history, known, typed)?;
        let register = register_for_change(ctx)?;
        let saved = change_person(ctx, &register, history, known, |p| {
            p.add_alias(typed);
        })?;
        out.warn(format!(
            "{} is now another name for {} (in {})",
            one_line(typed.trim()),
            one_line(&saved.name),
            one_line(&ctx.data.people().display().to_string())
        ));
        return Ok(true);
    }
    if new_person {
        return Ok(false);
    }
    let candidates = did_you_mean(typed, people, history);
    if candidates.is_empty() {
        return Ok(false);
    }
    if std::io::stdin().is_terminal() && std::io::stderr().is_terminal() {
        for c in &candidates {
            if super::ask(&one_line(&c.question()), true) {
                let name = c.name.clone();
                return settle_stakeholder(ctx, people, history, typed, Some(&name), false, out);
            }
        }
        return Ok(false);
    }
    let mut lines = Vec::new();
    for c in &candidates {
        lines.push(one_line(&c.question()));
    }
    let first = candidates
        .first()
        .map(|c| one_line(&c.name))
        .unwrap_or_default();
    lines.push(format!(
        "nothing was saved: give --person {first:?} to mean them (\"{}\" becomes another name for them), or \
         --new-person for someone new",
        one_line(typed.trim())
    ));
    Err(Failure::usage(lines.join("\n")))
}
