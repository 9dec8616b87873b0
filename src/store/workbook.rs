//! All plans in a data folder, loaded together. One broken file never stops the others: it is kept aside with
//! its error, to be listed and reported.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::domain::filter::fold;
use crate::domain::text::one_line;
use crate::domain::{History, Ladder, Plan, RungRef};

use super::{DataDir, LoadError, PlanFile, atomic, plan_file, read};

#[derive(Debug, Default)]
pub struct Workbook {
    pub plans: Vec<PlanFile>,
    pub broken: Vec<LoadError>,
    /// Copies left by sync tools (`*.sync-conflict-*`, `*.orig`, `*~`): reported, never loaded as plans.
    pub conflicts: Vec<PathBuf>,
    /// Links in the folder to files inside it, with the file each leads to: the plan is listed once, under its
    /// file, and the link's name still finds it.
    pub links: Vec<(PathBuf, PathBuf)>,
    /// The register of people (`people/`): how a stakeholder's name becomes a person. Empty without the folder.
    pub register: super::people::Register,
    /// The ladder the plans were resolved against (set by [`Workbook::load`]): what names their tactics where a
    /// plan is listed, as `list` names them.
    pub ladder: Option<Ladder>,
}

/// What `Workbook::find` could not resolve.
#[derive(Debug, thiserror::Error)]
pub enum FindError {
    #[error("no plan matches {0:?}")]
    NotFound(String),
    #[error("{query:?} matches {} plans:\n{}", candidates.len(), candidates.join("\n"))]
    Ambiguous {
        query: String,
        candidates: Vec<String>,
    },
    #[error("{0}")]
    Broken(LoadError),
}

/// Kinds of entry in the plans folder.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Entry {
    Plan,
    Conflict,
    Ignored,
}

/// Sorts a directory entry by its name alone, so the same rules apply to every listing.
pub(crate) fn classify(name: &str) -> Entry {
    if name.starts_with('.') {
        return Entry::Ignored;
    }
    let lower = name.to_lowercase();
    if lower.contains(".sync-conflict-")
        || lower.contains("conflicted copy")
        || lower.ends_with(".orig")
        || lower.ends_with('~')
    {
        return Entry::Conflict;
    }
    if lower.ends_with(".toml") {
        Entry::Plan
    } else {
        Entry::Ignored
    }
}

/// A folder of TOML files (plans, people) listed by [`classify`]'s rules: the files to read and the sync tools'
/// conflict copies, each sorted by name, with temporary files a crash left behind cleared first. `None` when
/// the folder does not exist yet, which is an empty workbook or register, not an error.
pub(crate) fn list_toml_folder(dir: &Path) -> io::Result<Option<(Vec<PathBuf>, Vec<PathBuf>)>> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    atomic::clean_stale_temps(dir);
    let (mut files, mut conflicts) = (Vec::new(), Vec::new());
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        match classify(&name) {
            Entry::Plan => files.push(entry.path()),
            Entry::Conflict => conflicts.push(entry.path()),
            Entry::Ignored => {}
        }
    }
    files.sort();
    conflicts.sort();
    Ok(Some((files, conflicts)))
}

/// Loads a plan found in `dir`, its rungs resolved against the ladder in use. A link is followed only to a file
/// inside the folder, and the plan is then loaded under the path of that file: a save writes the file itself,
/// never a copy in the link's place (issue 11, break 8). A plan is never a way to read or write somewhere else.
pub(crate) fn load_entry(dir: &Path, path: &Path, ladder: &Ladder) -> Result<PlanFile, LoadError> {
    let meta = fs::symlink_metadata(path)
        .map_err(|e| LoadError::new(path, None, read::ReadError::from_io(e).to_string()))?;
    if meta.file_type().is_symlink() {
        return plan_file::load(&link_target(dir, path)?, ladder);
    }
    plan_file::load(path, ladder)
}

/// Where the link `path` in `dir` leads, written from `dir` as the folder's own files are, when that is inside
/// the folder; otherwise why it is not followed.
fn link_target(dir: &Path, path: &Path) -> Result<PathBuf, LoadError> {
    let refuse = |message: String| LoadError::new(path, None, message);
    let target = fs::canonicalize(path).map_err(|e| {
        refuse(match read::ReadError::from_io(e) {
            read::ReadError::Missing => "a link to a file that does not exist; not followed".into(),
            read::ReadError::LinkLoop => "a link loop; not followed".into(),
            other => format!("a link that cannot be followed ({other}); not followed"),
        })
    })?;
    let folder = fs::canonicalize(dir).ok();
    match folder.as_deref().and_then(|d| target.strip_prefix(d).ok()) {
        Some(rest) if !rest.as_os_str().is_empty() => Ok(dir.join(rest)),
        _ => Err(refuse(
            "a link to a file outside the plans folder; not followed".into(),
        )),
    }
}

/// Whether `q` names the file at `path` as a person would: its name with or without `.toml`, or its path (as
/// typed, or resolved to the same file: `canonical` is `q` resolved).
fn names_file(path: &Path, q: &str, canonical: Option<&Path>) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy());
    path == Path::new(q)
        || name.as_deref() == Some(q)
        || name.as_deref().and_then(|n| n.strip_suffix(".toml")) == Some(q)
        || canonical.is_some_and(|c| fs::canonicalize(path).ok().as_deref() == Some(c))
}

impl Workbook {
    /// Loads every plan in the data folder, its rungs resolved against the ladder in use. A missing folder is an
    /// empty workbook; an unreadable one is an error.
    pub fn load(data: &DataDir, ladder: &Ladder) -> io::Result<Workbook> {
        let mut wb = Workbook::load_plans(data, ladder)?;
        wb.register = super::people::read_register(data);
        wb.ladder = Some(ladder.clone());
        Ok(wb)
    }

    fn load_plans(data: &DataDir, ladder: &Ladder) -> io::Result<Workbook> {
        let dir = data.plans();
        let Some((paths, conflicts)) = list_toml_folder(&dir)? else {
            return Ok(Workbook::default());
        };
        let mut wb = Workbook {
            conflicts,
            ..Workbook::default()
        };
        let mut seen = std::collections::HashSet::new();
        for path in paths {
            let loaded = load_entry(&dir, &path, ladder);
            let file = match &loaded {
                Ok(pf) => &pf.path,
                Err(e) => &e.path,
            };
            if *file != path {
                wb.links.push((path, file.clone()));
            }
            // A link and the file it leads to are one plan, listed (and counted, and checked) once.
            if !seen.insert(file.clone()) {
                continue;
            }
            match loaded {
                Ok(pf) => wb.plans.push(pf),
                Err(e) => wb.broken.push(e),
            }
        }
        Ok(wb)
    }

    pub fn history(&self, ladder: &Ladder) -> History {
        History::from_facts_in(
            ladder,
            self.plans.iter().map(|p| &p.plan),
            &self.register.keys(),
        )
        .with_register_roles(&self.register.people)
    }

    /// Plans, newest first (by creation, then file name for a stable order).
    pub fn newest_first(&self) -> Vec<&PlanFile> {
        let mut v: Vec<&PlanFile> = self.plans.iter().collect();
        v.sort_by(|a, b| newest_first(a, b));
        v
    }

    pub fn plan_refs(&self) -> impl Iterator<Item = &Plan> {
        self.plans.iter().map(|p| &p.plan)
    }

    /// Resolves what a user typed to name a plan: an id, a unique id prefix, a file name (with or without
    /// `.toml`) or a path; failing those, the stakeholder's name or words of the plan's title.
    pub fn find(&self, query: &str) -> Result<&PlanFile, FindError> {
        let q = query.trim();
        if q.is_empty() {
            return Err(FindError::NotFound(query.to_string()));
        }
        let canonical = fs::canonicalize(q).ok();
        let canonical = canonical.as_deref();
        let named = |file: &Path| {
            names_file(file, q, canonical)
                || self
                    .links
                    .iter()
                    .any(|(link, to)| to == file && names_file(link, q, canonical))
        };
        // An id wins over a name only when what was typed could be one: a plan whose id was edited to read "Dr B"
        // must not capture `attempt "Dr B"`, meant for the plan for Dr B (issue 11).
        let id_like = looks_like_id(q);
        let exact: Vec<&PlanFile> = self
            .plans
            .iter()
            .filter(|pf| (id_like && pf.plan.id.eq_ignore_ascii_case(q)) || named(&pf.path))
            .collect();
        if let Some(found) = one_file(q, &exact)? {
            return Ok(found);
        }
        // A broken file is named the same ways as a plan, so that `show` explains why it cannot be read rather
        // than claiming it does not exist.
        if let Some(broken) = self.broken.iter().find(|b| named(&b.path)) {
            return Err(FindError::Broken(broken.clone()));
        }
        let lower = q.to_lowercase();
        let id_starts = |pf: &&PlanFile| pf.plan.id.to_lowercase().starts_with(&lower);
        let mut matches: Vec<&PlanFile> = self
            .plans
            .iter()
            .filter(|pf| (id_like && id_starts(pf)) || pf.file_name().starts_with(q))
            .collect();
        if matches.is_empty() {
            matches = self.by_person_or_title(q);
        }
        // Last, ids that do not look like ids (written by hand) and starts of ids too short to be sure of.
        if matches.is_empty() {
            let same: Vec<&PlanFile> = self
                .plans
                .iter()
                .filter(|pf| pf.plan.id.eq_ignore_ascii_case(q))
                .collect();
            if let Some(found) = one_file(q, &same)? {
                return Ok(found);
            }
            matches = self.plans.iter().filter(id_starts).collect();
        }
        match matches.as_slice() {
            [] => Err(FindError::NotFound(q.to_string())),
            [one] => Ok(one),
            many => Err(FindError::Ambiguous {
                query: q.to_string(),
                candidates: candidates(many, &self.plans, self.ladder.as_ref()),
            }),
        }
    }

    /// People remember a plan by whom it was for, or by what it was about, rather than by its id: `print okafor`,
    /// `show rota swap`. The stakeholder's whole name comes first; failing that, plans whose name and title have
    /// a word starting with each word typed.
    fn by_person_or_title(&self, q: &str) -> Vec<&PlanFile> {
        // Through the register, so an alias finds the person's plans under every spelling.
        let keys = self.register.keys();
        let person: Vec<&PlanFile> = self
            .plans
            .iter()
            .filter(|pf| keys.same(&pf.plan.stakeholder.name, q))
            .collect();
        if !person.is_empty() {
            return person;
        }
        let wanted = fold(q);
        let wanted: Vec<&str> = words(&wanted).collect();
        self.plans
            .iter()
            .filter(|pf| {
                let text = fold(&format!(
                    "{} {}",
                    pf.plan.stakeholder.name,
                    pf.plan.display_title()
                ));
                let have: Vec<&str> = words(&text).collect();
                wanted.iter().all(|w| have.iter().any(|h| h.starts_with(w)))
            })
            .collect()
    }
}

/// The one plan named exactly, if one is; several (files with one id: a copy made with `cp`) cannot be told apart
/// by what was typed, so they are listed by file name.
fn one_file<'a>(q: &str, exact: &[&'a PlanFile]) -> Result<Option<&'a PlanFile>, FindError> {
    match exact {
        [] => Ok(None),
        [one] => Ok(Some(one)),
        many => Err(FindError::Ambiguous {
            query: q.to_string(),
            candidates: many
                .iter()
                .map(|pf| format!("  {}", one_line(&pf.file_name())))
                .collect(),
        }),
    }
}

/// Whether `q` could be a plan's id as overture makes them: a ULID (26 characters of Crockford's base 32, the
/// first 0 to 7) or a start of one at least 6 characters long. Names seldom pass: they have no digit first.
pub(crate) fn looks_like_id(q: &str) -> bool {
    let crockford = |c: char| {
        c.is_ascii_digit()
            || (c.is_ascii_alphabetic() && !matches!(c.to_ascii_uppercase(), 'I' | 'L' | 'O' | 'U'))
    };
    (6..=26).contains(&q.len())
        && q.starts_with(|c: char| ('0'..='7').contains(&c))
        && q.chars().all(crockford)
}

/// Plans by creation, newest first, then file name for a stable order: how plans are listed and offered.
fn newest_first(a: &PlanFile, b: &PlanFile) -> std::cmp::Ordering {
    b.plan
        .created
        .cmp(&a.plan.created)
        .then_with(|| b.path.cmp(&a.path))
}

/// Words as a person would type the start of them: "scan" finds "scanner", but "ann" does not find "Joanne".
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// How many of an ambiguous query's plans are listed; the rest are counted.
const MAX_CANDIDATES: usize = 12;

/// An ambiguous query's plans, newest first, each with what tells them apart: its short id (to type next, unique
/// across `all`, as `overture list` shows it), when it was made, its status (or result), its tactic (named as
/// `list` names it, "3 Silent allies", not by its key), for whom and about what.
fn candidates(many: &[&PlanFile], all: &[PlanFile], ladder: Option<&Ladder>) -> Vec<String> {
    let mut many = many.to_vec();
    many.sort_by(|a, b| newest_first(a, b));
    let ids: Vec<&str> = all.iter().map(|pf| pf.plan.id.as_str()).collect();
    let short: std::collections::HashMap<&str, &str> = ids
        .iter()
        .copied()
        .zip(crate::domain::short_id::all(&ids))
        .collect();
    let shown: Vec<(String, String, String)> = many
        .iter()
        .take(MAX_CANDIDATES)
        .map(|pf| {
            let id = short
                .get(pf.plan.id.as_str())
                .copied()
                .unwrap_or(&pf.plan.id);
            let rung = pf.plan.tactic.primary.as_ref();
            let tactic = match ladder {
                Some(ladder) => ladder.label(rung),
                None => one_line(RungRef::text(rung)),
            };
            (
                one_line(id),
                pf.plan.state_label().to_string(),
                if tactic.is_empty() {
                    "-".into()
                } else {
                    tactic
                },
            )
        })
        .collect();
    let width = |f: fn(&(String, String, String)) -> &String| {
        shown
            .iter()
            .map(|r| f(r).chars().count())
            .max()
            .unwrap_or(0)
    };
    let (w_id, w_status, w_tactic) = (width(|r| &r.0), width(|r| &r.1), width(|r| &r.2));
    let mut lines: Vec<String> = many
        .iter()
        .zip(&shown)
        .map(|(pf, (id, status, tactic))| {
            let who = one_line(pf.plan.stakeholder.name.trim());
            let title = one_line(&pf.plan.display_title());
            let date = crate::domain::dates::local_date(pf.plan.created);
            let about = if who.is_empty() {
                title
            } else {
                format!("{who}: {title}")
            };
            format!("  {id:<w_id$}  {date}  {status:<w_status$}  {tactic:<w_tactic$}  {about}")
        })
        .collect();
    if many.len() > MAX_CANDIDATES {
        lines.push(format!(
            "  …and {} more; add words to narrow it down",
            many.len() - MAX_CANDIDATES
        ));
    }
    lines
}

/// Moves a plan file into the trash folder (never deleting it), returning where it went, so it can be restored.
pub(crate) fn move_to_trash(data: &DataDir, path: &Path) -> io::Result<PathBuf> {
    let trash = data.trash();
    atomic::create_private_dir(&trash)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "plan.toml".into());
    for n in 1..10_000 {
        let target = if n == 1 {
            trash.join(&name)
        } else {
            trash.join(format!("{n}-{name}"))
        };
        match move_without_replacing(path, &target) {
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
            Ok(()) => return Ok(target),
        }
    }
    Err(io::Error::other(
        "the trash folder is full of files with this name",
    ))
}

/// Puts a trashed plan back where it was, refusing to replace a file that has since taken its name.
pub(crate) fn restore_from_trash(trashed: &Path, original: &Path) -> io::Result<()> {
    move_without_replacing(trashed, original).map_err(|e| match e.kind() {
        io::ErrorKind::AlreadyExists => io::Error::new(
            io::ErrorKind::AlreadyExists,
            "a file with that name exists again",
        ),
        _ => e,
    })
}

/// Moves a file to a name that must be free. A rename would silently replace a file another program created
/// there in the meantime; a hard link fails instead. Where links are not supported (some shared drives), the
/// check and the rename are as close together as they can be.
fn move_without_replacing(from: &Path, to: &Path) -> io::Result<()> {
    match fs::hard_link(from, to) {
        Ok(()) => fs::remove_file(from),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        Err(_) if to.exists() => Err(io::Error::from(io::ErrorKind::AlreadyExists)),
        Err(_) => fs::rename(from, to),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_look_like_ulids_and_names_do_not() {
        let id = ulid::Ulid::generate().to_string();
        assert!(looks_like_id(&id));
        assert!(looks_like_id(&id[..6]));
        assert!(looks_like_id(&id[..10].to_lowercase()));
        for not in [
            &id[..5],
            "Dr B",
            "bennett",
            "okafor",
            "2026-11-01",
            "01HOSTILE",
        ] {
            assert!(!looks_like_id(not), "{not}");
        }
    }

    #[test]
    fn classifies_sync_leftovers() {
        assert_eq!(classify("2026-01-01-a.toml"), Entry::Plan);
        assert_eq!(
            classify("2026-01-01-a.sync-conflict-20260101-120000-ABC.toml"),
            Entry::Conflict
        );
        assert_eq!(classify("2026-01-01-a.toml.orig"), Entry::Conflict);
        assert_eq!(classify("2026-01-01-a.toml~"), Entry::Conflict);
        assert_eq!(classify(".overture-tmp-1-2-3"), Entry::Ignored);
        assert_eq!(classify("notes.txt"), Entry::Ignored);
    }
}
