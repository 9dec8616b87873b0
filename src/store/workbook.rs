//! All plans in a data folder, loaded together. One broken file never stops the others: it is kept aside with
//! its error, to be listed and reported.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::domain::filter::fold;
use crate::domain::text::one_line;
use crate::domain::{History, Ladder, Plan, names_match};

use super::{DataDir, LoadError, PlanFile, atomic, plan_file};

#[derive(Debug, Default)]
pub struct Workbook {
    pub plans: Vec<PlanFile>,
    pub broken: Vec<LoadError>,
    /// Copies left by sync tools (`*.sync-conflict-*`, `*.orig`, `*~`): reported, never loaded as plans.
    pub conflicts: Vec<PathBuf>,
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
pub enum Entry {
    Plan,
    Conflict,
    Ignored,
}

/// Sorts a directory entry by its name alone, so the same rules apply to every listing.
pub fn classify(name: &str) -> Entry {
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

/// Loads a plan found in `dir`, refusing a link that leads out of the folder (a plan should never be a way to
/// read or write somewhere else).
pub fn load_entry(dir: &Path, path: &Path, ladder: &Ladder) -> Result<PlanFile, LoadError> {
    let meta = fs::symlink_metadata(path).map_err(|e| LoadError {
        path: path.to_path_buf(),
        position: None,
        message: e.to_string(),
    })?;
    if meta.file_type().is_symlink() {
        let inside = match (fs::canonicalize(path), fs::canonicalize(dir)) {
            (Ok(target), Ok(dir)) => target.starts_with(dir),
            _ => false,
        };
        if !inside {
            return Err(LoadError {
                path: path.to_path_buf(),
                position: None,
                message: "a link to a file outside the plans folder; not followed".into(),
            });
        }
    }
    plan_file::load(path, ladder)
}

impl Workbook {
    /// Loads every plan in the data folder, its rungs resolved against the ladder in use. A missing folder is an
    /// empty workbook; an unreadable one is an error.
    pub fn load(data: &DataDir, ladder: &Ladder) -> io::Result<Workbook> {
        let dir = data.plans();
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Workbook::default()),
            Err(e) => return Err(e),
        };
        atomic::clean_stale_temps(&dir);
        let mut wb = Workbook::default();
        let mut paths = Vec::new();
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            match classify(&name) {
                Entry::Plan => paths.push(entry.path()),
                Entry::Conflict => wb.conflicts.push(entry.path()),
                Entry::Ignored => {}
            }
        }
        paths.sort();
        wb.conflicts.sort();
        for path in paths {
            match load_entry(&dir, &path, ladder) {
                Ok(pf) => wb.plans.push(pf),
                Err(e) => wb.broken.push(e),
            }
        }
        Ok(wb)
    }

    pub fn history(&self, ladder: &Ladder) -> History {
        History::from_plans(ladder, self.plans.iter().map(|p| &p.plan))
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
        let as_path = Path::new(q);
        let canonical = fs::canonicalize(as_path).ok();
        let exact = |pf: &&PlanFile| {
            pf.plan.id.eq_ignore_ascii_case(q)
                || pf.file_name() == q
                || pf.file_name().strip_suffix(".toml") == Some(q)
                || pf.path == as_path
                || (canonical.is_some() && fs::canonicalize(&pf.path).ok() == canonical)
        };
        let exact: Vec<&PlanFile> = self.plans.iter().filter(exact).collect();
        match exact.as_slice() {
            [one] => return Ok(one),
            // Two files with one id (a copy made with `cp`): which one is meant cannot be guessed.
            [_, _, ..] => {
                return Err(FindError::Ambiguous {
                    query: q.to_string(),
                    candidates: exact
                        .iter()
                        .map(|pf| format!("  {}", one_line(&pf.file_name())))
                        .collect(),
                });
            }
            [] => {}
        }
        // A broken file is named the same ways as a plan, so that `show` explains why it cannot be read rather
        // than claiming it does not exist.
        if let Some(broken) = self.broken.iter().find(|b| {
            let name = b.path.file_name().map(|n| n.to_string_lossy().into_owned());
            b.path == as_path
                || name.as_deref() == Some(q)
                || name.as_deref().and_then(|n| n.strip_suffix(".toml")) == Some(q)
                || (canonical.is_some() && fs::canonicalize(&b.path).ok() == canonical)
        }) {
            return Err(FindError::Broken(broken.clone()));
        }
        let lower = q.to_lowercase();
        let matches: Vec<&PlanFile> = self
            .plans
            .iter()
            .filter(|pf| {
                pf.plan.id.to_lowercase().starts_with(&lower) || pf.file_name().starts_with(q)
            })
            .collect();
        let matches = if matches.is_empty() {
            self.by_person_or_title(q)
        } else {
            matches
        };
        match matches.as_slice() {
            [] => Err(FindError::NotFound(q.to_string())),
            [one] => Ok(one),
            many => Err(FindError::Ambiguous {
                query: q.to_string(),
                candidates: candidates(many),
            }),
        }
    }

    /// People remember a plan by whom it was for, or by what it was about, rather than by its id: `print okafor`,
    /// `show rota swap`. The stakeholder's whole name comes first; failing that, plans whose name and title have
    /// a word starting with each word typed.
    fn by_person_or_title(&self, q: &str) -> Vec<&PlanFile> {
        let person: Vec<&PlanFile> = self
            .plans
            .iter()
            .filter(|pf| names_match(&pf.plan.stakeholder.name, q))
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

/// An ambiguous query's plans, newest first, each with what tells them apart: its id (to type next), when it
/// was made, for whom and about what.
fn candidates(many: &[&PlanFile]) -> Vec<String> {
    let mut many = many.to_vec();
    many.sort_by(|a, b| newest_first(a, b));
    let mut lines: Vec<String> = many
        .iter()
        .take(MAX_CANDIDATES)
        .map(|pf| {
            let who = one_line(pf.plan.stakeholder.name.trim());
            let title = one_line(&pf.plan.display_title());
            let date = crate::domain::dates::local_date(pf.plan.created);
            if who.is_empty() {
                format!("  {}  {date}  {title}", pf.plan.id)
            } else {
                format!("  {}  {date}  {who}: {title}", pf.plan.id)
            }
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
pub fn move_to_trash(data: &DataDir, path: &Path) -> io::Result<PathBuf> {
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
pub fn restore_from_trash(trashed: &Path, original: &Path) -> io::Result<()> {
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
