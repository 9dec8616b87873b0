//! `overture people`: the register of people. Everyone the plans name or the register holds, one person under
//! every spelling; `show` one of them, `add` someone no plan names yet, `set` what you judge about them, `merge`
//! two spellings into one person.

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::list::cell;
use super::person_choice::{
    change_person, is_known, not_someone_else, register_for_change, several,
};
use super::{Context, Failure, Output};
use crate::domain::history::StakeholderRecord;
use crate::domain::people::{Influence, Lookup, People, Person, Stance, person_key};
use crate::domain::text::one_line;
use crate::domain::{History, OutcomeResult};

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    command: Option<Sub>,
    /// Print JSON instead of text
    #[arg(long)]
    json: bool,
}

#[derive(Debug, clap::Subcommand)]
enum Sub {
    /// One person: what the register holds, their plans and how it went
    Show {
        /// A name or alias, in any spelling
        name: String,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Record what you judge about someone your plans or the register know (a plan's stakeholder without a file
    /// in people/ gets one); a name nobody answers to is refused, as a typo would be: use `add` for someone new
    Set(SetArgs),
    /// Add someone no plan names yet to the register (people/), with what you judge about them (the same options
    /// as `set`); refused when someone already answers to the name
    Add(SetArgs),
    /// Make B another name for A: plans for B count for A from now on (plans are not rewritten)
    Merge {
        /// The person to keep
        a: String,
        /// The other spelling, or person, to fold into A
        b: String,
    },
}

#[derive(Debug, clap::Args)]
struct SetArgs {
    /// A name or alias, in any spelling
    name: String,
    /// champion, supporter, neutral, sceptic or blocker: your judgement of where they stand
    #[arg(long, value_name = "S")]
    stance: Option<String>,
    /// low, medium or high: your judgement of how much they can change the outcome
    #[arg(long, value_name = "L")]
    influence: Option<String>,
    /// Someone they listen to: NAME, or "NAME => why" (repeat for more)
    #[arg(long = "listens-to", value_name = "NAME")]
    listens_to: Vec<String>,
    /// Another spelling of their name (repeat for more)
    #[arg(long = "alias", value_name = "A")]
    aliases: Vec<String>,
    /// Their role
    #[arg(long, value_name = "TEXT")]
    role: Option<String>,
}

pub fn run(ctx: &Context, args: Args, out: &mut Output) -> Result<(), Failure> {
    match args.command {
        None => list(ctx, args.json, out),
        Some(Sub::Show { name, json }) => show(ctx, &name, json, out),
        Some(Sub::Set(set_args)) => set(ctx, set_args, false, out),
        Some(Sub::Add(set_args)) => set(ctx, set_args, true, out),
        Some(Sub::Merge { a, b }) => merge(ctx, &a, &b, out),
    }
}

/// One person as `people --json` and `people show --json` give them.
#[derive(Serialize)]
struct PersonJson<'a> {
    name: String,
    aliases: &'a [String],
    role: String,
    stance: Option<&'static str>,
    influence: Option<&'static str>,
    plans: usize,
    last_contact: Option<String>,
    last_result: Option<&'static str>,
    listens_to: Vec<ListensJson<'a>>,
    /// The register file, when the person has one.
    file: Option<String>,
}

#[derive(Serialize)]
struct ListensJson<'a> {
    name: &'a str,
    note: &'a str,
}

/// A row: the register's person (if any) and the plans' record (if any). At least one is there.
struct Row<'a> {
    person: Option<&'a Person>,
    file: Option<&'a std::path::Path>,
    record: Option<&'a StakeholderRecord>,
}

const EMPTY: &[String] = &[];

impl Row<'_> {
    fn name(&self) -> String {
        self.person
            .map(|p| p.name.trim().to_string())
            .or_else(|| self.record.map(|r| r.name.clone()))
            .unwrap_or_default()
    }

    fn json(&self) -> PersonJson<'_> {
        PersonJson {
            name: self.name(),
            aliases: self.person.map_or(EMPTY, |p| &p.aliases),
            role: self
                .person
                .map(|p| p.role.trim().to_string())
                .filter(|r| !r.is_empty())
                .or_else(|| self.record.map(|r| r.role.clone()))
                .unwrap_or_default(),
            stance: self.person.and_then(|p| p.stance).map(Stance::as_str),
            influence: self.person.and_then(|p| p.influence).map(Influence::as_str),
            plans: self.record.map_or(0, |r| r.plans.len()),
            last_contact: self
                .record
                .and_then(|r| r.last_contact)
                .map(|d| d.to_string()),
            last_result: self
                .record
                .and_then(|r| r.last_outcome)
                .map(OutcomeResult::as_str),
            listens_to: self.person.map_or_else(Vec::new, |p| {
                p.listens_to
                    .iter()
                    .map(|l| ListensJson {
                        name: &l.name,
                        note: &l.note,
                    })
                    .collect()
            }),
            file: self.file.map(|f| f.display().to_string()),
        }
    }
}

/// Everyone: the plans' people (one row per person, whatever the spellings) and the register's people who have
/// no plan yet, by name.
fn rows<'a>(register: &'a crate::store::people::Register, history: &'a History) -> Vec<Row<'a>> {
    // Each register file by its person's key, once: the first file of a key is the person counts go to.
    let mut files: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, f) in register.files.iter().enumerate() {
        files.entry(history.keys().key(&f.person.name)).or_insert(i);
    }
    let mut rows: Vec<Row> = history
        .records()
        .into_iter()
        .map(|r| {
            let found = files.get(&r.key).map(|&i| &register.files[i]);
            Row {
                person: found.map(|f| &f.person),
                file: found.map(|f| f.path.as_path()),
                record: Some(r),
            }
        })
        .collect();
    for (key, &i) in &files {
        if history.by_key(key).is_none() {
            let f = &register.files[i];
            rows.push(Row {
                person: Some(&f.person),
                file: Some(&f.path),
                record: None,
            });
        }
    }
    rows.sort_by_cached_key(|r| person_key(&r.name()));
    rows
}

fn report_broken(register: &crate::store::people::Register, out: &mut Output) {
    for problem in &register.broken {
        out.warn(format!("warning: {}", one_line(&problem.to_string())));
    }
}

/// The register (read once, with the catalog) and the history through it.
fn load(ctx: &Context) -> Result<(crate::store::people::Register, History), Failure> {
    let mut catalog = ctx.catalog()?;
    let history = catalog.history(&ctx.ladder);
    Ok((std::mem::take(&mut catalog.register), history))
}

fn list(ctx: &Context, json: bool, out: &mut Output) -> Result<(), Failure> {
    let (register, history) = load(ctx)?;
    report_broken(&register, out);
    let rows = rows(&register, &history);
    if json {
        let list: Vec<PersonJson> = rows.iter().map(Row::json).collect();
        out.line(super::json(&list)?);
        return Ok(());
    }
    if rows.is_empty() {
        out.warn("No people yet: they appear once a plan names them, or with `overture people add NAME`.");
        return Ok(());
    }
    let name_w = rows
        .iter()
        .map(|r| one_line(&r.name()).width())
        .max()
        .unwrap_or(4)
        .clamp(4, 28);
    out.line(format!(
        "{}  stance     influence  plans  last contact  last result",
        cell("name", name_w)
    ));
    for r in &rows {
        let j = r.json();
        out.line(
            format!(
                "{}  {:<9}  {:<9}  {:>5}  {:<12}  {}",
                cell(&one_line(&j.name), name_w),
                j.stance.unwrap_or("-"),
                j.influence.unwrap_or("-"),
                j.plans,
                j.last_contact.as_deref().unwrap_or("-"),
                j.last_result.unwrap_or("-"),
            )
            .trim_end(),
        );
    }
    out.line(String::new());
    out.line("stance and influence are your own judgement, recorded with `overture people set`.");
    Ok(())
}

/// The one person `name` means, or the failure to report: nobody (exit 1), or several (exit 1, listed).
fn find<'a>(
    rows: &'a [Row<'a>],
    people: &People,
    history: &History,
    name: &str,
) -> Result<&'a Row<'a>, Failure> {
    if let Lookup::Several(found) = people.lookup(name) {
        return Err(several(name, people, &found));
    }
    let key = history.keys().key(name);
    rows.iter()
        .find(|r| {
            r.record.is_some_and(|rec| rec.key == key)
                || r.person.is_some_and(|p| p.is_called(name))
        })
        .ok_or_else(|| {
            let hint = crate::domain::people::did_you_mean(name, people, history)
                .first()
                .map(|c| format!("\n{}", one_line(&c.question())))
                .unwrap_or_default();
            Failure::failed(format!(
                "nobody called {:?} in your plans or the register{hint}",
                one_line(name)
            ))
        })
}

fn show(ctx: &Context, name: &str, json: bool, out: &mut Output) -> Result<(), Failure> {
    let (register, history) = load(ctx)?;
    report_broken(&register, out);
    let people = &register.people;
    let rows = rows(&register, &history);
    let row = find(&rows, people, &history, name)?;
    let j = row.json();
    if json {
        out.line(super::json(&j)?);
        return Ok(());
    }
    out.line(one_line(&j.name));
    let field = |label: &str, value: &str| format!("  {label:<12} {}", one_line(value));
    if !j.aliases.is_empty() {
        out.line(field("also", &j.aliases.join(", ")));
    }
    if !j.role.is_empty() {
        out.line(field("role", &j.role));
    }
    if let Some(p) = row.person {
        if let Some(d) = p.direction {
            out.line(field("direction", d.as_str()));
        }
        if !p.cares_about.is_empty() {
            out.line(field("cares about", &p.cares_about.join("; ")));
        }
    }
    out.line(field("stance", j.stance.unwrap_or("-")));
    out.line(field("influence", j.influence.unwrap_or("-")));
    out.line(field("plans", &j.plans.to_string()));
    out.line(field(
        "last contact",
        j.last_contact.as_deref().unwrap_or("-"),
    ));
    out.line(field("last result", j.last_result.unwrap_or("-")));
    if let Some(r) = row.record {
        out.line(field("ladder", &super::review::strip(&ctx.ladder, r)));
    }
    for l in &j.listens_to {
        let note = if l.note.is_empty() {
            String::new()
        } else {
            format!(" ({})", l.note)
        };
        out.line(field("listens to", &format!("{}{note}", l.name)));
    }
    if let Some(p) = row.person
        && !p.notes.trim().is_empty()
    {
        out.line("  notes");
        for line in p.notes.trim().lines() {
            out.line(format!("    {}", one_line(line)));
        }
    }
    if let Some(f) = &j.file {
        out.line(field("file", f));
    }
    if row.record.is_some() {
        out.line(String::new());
        out.line(format!(
            "ladder: one mark per rung, gentlest first: {}",
            crate::domain::history::MARKS_LEGEND
        ));
    }
    Ok(())
}

fn parse_stance(s: &str) -> Result<Stance, Failure> {
    s.trim().parse().map_err(|_| {
        Failure::usage(format!(
            "--stance {:?}: unknown stance; use {}",
            one_line(s),
            Stance::names().join(", ")
        ))
    })
}

fn parse_influence(s: &str) -> Result<Influence, Failure> {
    s.trim().parse().map_err(|_| {
        Failure::usage(format!(
            "--influence {:?}: unknown level; use {}",
            one_line(s),
            Influence::names().join(", ")
        ))
    })
}

/// `people set` (`adding` false) changes someone known, and `people add` (`adding` true) makes someone new: a
/// name nobody answers to given to `set` is most likely a typo, and a file made for it would be a second,
/// phantom person (so it is refused with the names it is close to); a known name given to `add` would be a
/// second file for one person.
fn set(ctx: &Context, args: SetArgs, adding: bool, out: &mut Output) -> Result<(), Failure> {
    if person_key(&args.name).is_empty() {
        return Err(Failure::usage(
            "the name must have at least one letter or digit",
        ));
    }
    let stance = args.stance.as_deref().map(parse_stance).transpose()?;
    let influence = args.influence.as_deref().map(parse_influence).transpose()?;
    let listens: Vec<(String, String)> = args
        .listens_to
        .iter()
        .map(|l| match l.split_once("=>") {
            Some((n, note)) => (n.trim().to_string(), note.trim().to_string()),
            None => (l.trim().to_string(), String::new()),
        })
        .collect();
    if listens.iter().any(|(n, _)| person_key(n).is_empty()) {
        return Err(Failure::usage("--listens-to needs a name"));
    }
    let register = register_for_change(ctx)?;
    let (_, history) = load(ctx)?;
    let known = is_known(&register.people, &history, &args.name);
    if adding && known {
        return Err(Failure::failed(format!(
            "{:?} is already in your plans or the register; nothing was changed\nto change what you recorded: overture people set {:?} ...",
            one_line(args.name.trim()),
            one_line(args.name.trim())
        )));
    }
    if !adding && !known {
        let close: String =
            crate::domain::people::did_you_mean(&args.name, &register.people, &history)
                .iter()
                .map(|c| format!("\n{}", one_line(&c.question())))
                .collect();
        return Err(Failure::failed(format!(
            "nobody called {:?} in your plans or the register; nothing was changed{close}\nto add someone new: overture people add {:?} ...",
            one_line(args.name.trim()),
            one_line(args.name.trim())
        )));
    }
    for alias in &args.aliases {
        not_someone_else(&register.people, &history, &args.name, alias)?;
    }
    // Who listens to whom is about other people: the person under any of their names is not one of them.
    for (name, _) in &listens {
        if history.keys().same(&args.name, name)
            || register
                .people
                .get(&args.name)
                .is_some_and(|p| p.is_called(name))
        {
            return Err(Failure::usage(format!(
                "--listens-to {:?} is {} themselves; name someone else",
                one_line(name),
                one_line(args.name.trim())
            )));
        }
    }
    let saved = change_person(ctx, &register, &history, &args.name, |p| {
        if let Some(s) = stance {
            p.stance = Some(s);
        }
        if let Some(i) = influence {
            p.influence = Some(i);
        }
        if let Some(role) = &args.role {
            p.role = role.trim().to_string();
        }
        for (name, note) in &listens {
            p.add_listens_to(name, note);
        }
        for alias in &args.aliases {
            p.add_alias(alias);
        }
    })?;
    let done = if adding { "added" } else { "saved" };
    out.line(format!("{done} {}", one_line(&saved.name)));
    Ok(())
}

fn merge(ctx: &Context, a: &str, b: &str, out: &mut Output) -> Result<(), Failure> {
    let register = register_for_change(ctx)?;
    let (_, history) = load(ctx)?;
    let people = &register.people;
    for name in [a, b] {
        if person_key(name).is_empty() {
            return Err(Failure::usage(
                "both names must have at least one letter or digit",
            ));
        }
        if let Lookup::Several(found) = people.lookup(name) {
            return Err(several(name, people, &found));
        }
    }
    if !is_known(people, &history, a) {
        return Err(Failure::failed(format!(
            "nobody called {:?} in your plans or the register; nothing was changed",
            one_line(a)
        )));
    }
    // A B nobody answers to is most likely a typo; merging it would keep the typo as a name for A.
    if !is_known(people, &history, b) {
        return Err(Failure::failed(format!(
            "nobody called {:?} in your plans or the register; nothing was changed\nto give {} another name: overture people set {:?} --alias {:?}",
            one_line(b),
            one_line(a.trim()),
            one_line(a.trim()),
            one_line(b.trim())
        )));
    }
    if history.keys().same(a, b) {
        out.warn(format!(
            "{} and {} are already one person",
            one_line(a),
            one_line(b)
        ));
        return Ok(());
    }
    // B may have a file of its own: what it holds moves to A (A's own answers win), then B's file goes.
    let b_file = match people.lookup(b) {
        Lookup::One(i) => register.file(i),
        _ => None,
    };
    let b_person = b_file.map(|f| f.person.clone());
    let b_shown = b_person
        .as_ref()
        .map(|p| p.name.clone())
        .or_else(|| history.get(b).map(|r| r.name.clone()))
        .unwrap_or_else(|| b.trim().to_string());
    let saved = change_person(ctx, &register, &history, a, |p| {
        p.add_alias(&b_shown);
        p.add_alias(b);
        if let Some(other) = &b_person {
            for alias in &other.aliases {
                p.add_alias(alias);
            }
            fold_into(p, other);
        }
    })?;
    if let Some(f) = b_file {
        f.remove().map_err(super::save_failure)?;
    }
    out.line(format!(
        "{} is now another name for {}",
        one_line(&b_shown),
        one_line(&saved.name)
    ));
    Ok(())
}

/// What B's file held that A's does not: A's own answers are kept, B's fill the gaps.
fn fold_into(a: &mut Person, b: &Person) {
    if a.role.trim().is_empty() {
        a.role = b.role.clone();
    }
    if a.direction.is_none() {
        a.direction = b.direction;
    }
    if a.stance.is_none() {
        a.stance = b.stance;
    }
    if a.influence.is_none() {
        a.influence = b.influence;
    }
    for c in &b.cares_about {
        if !a.cares_about.contains(c) {
            a.cares_about.push(c.clone());
        }
    }
    for l in &b.listens_to {
        if !a.is_called(&l.name) {
            a.add_listens_to(&l.name, &l.note);
        }
    }
    if !b.notes.trim().is_empty() {
        if !a.notes.trim().is_empty() {
            a.notes.push_str("\n\n");
        }
        a.notes.push_str(b.notes.trim());
    }
}
