//! Every plan in the data folder as a compact summary, fast at any size. A warm load reads one index file and
//! stats each plan; only files whose stat changed (or that are new) are read and parsed, on worker threads. The
//! files stay the truth: a changed, added or removed file is always noticed, and a damaged index is rebuilt.
//!
//! Use [`Catalog`] for lists, filters, the stakeholder history and the stats; load the whole plan
//! ([`super::plan_file::load`]) when one is opened or edited. [`super::Workbook`] still loads everything in full,
//! for small workbooks and the commands that edit.

mod index;
mod summary;

use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use self::index::{FileStamp, Index};
pub use self::summary::{PlanSummary, SEARCH_TEXT_CAP, filter_indexes, filter_within};
use super::workbook::{Entry, classify, load_entry};
use super::{DataDir, LoadError, atomic};
use crate::domain::plan::resolve_rungs;
use crate::domain::stats::Stats;
use crate::domain::{History, Ladder};

/// The index file's name inside the data folder's `cache/`.
pub const INDEX_FILE: &str = "index";

/// Summaries of every plan, broken files with their errors, and sync tools' conflict copies.
#[derive(Debug, Default)]
pub struct Catalog {
    /// By file name, which is by creation date for files overture named.
    pub summaries: Vec<PlanSummary>,
    pub broken: Vec<LoadError>,
    /// Copies left by sync tools (`*.sync-conflict-*`, `*.orig`, `*~`): reported, never loaded as plans.
    pub conflicts: Vec<PathBuf>,
    /// How many files were read and parsed by this load (the rest came from the index): for tests and benches.
    pub parsed: usize,
}

/// A plan file's name as UTF-8, when it is: only such names are kept in the index.
fn utf8_name(path: &Path) -> Option<&str> {
    path.file_name()?.to_str()
}

/// What one file gave: its stamp when it can be cached, and its summary or error; `None` when the index had it.
/// Boxed, so that a warm load's ten thousand `None`s cost eight bytes each.
type Outcome = Option<Box<(Option<FileStamp>, Result<PlanSummary, LoadError>)>>;

/// The plan files and conflict copies in `dir`, each sorted by name. `None` when the folder does not exist.
fn list(dir: &Path) -> io::Result<Option<(Vec<PathBuf>, Vec<PathBuf>)>> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut plans: Vec<OsString> = Vec::new();
    let mut conflicts = Vec::new();
    let mut temps = false;
    for entry in entries {
        let os_name = entry?.file_name();
        let name = os_name.to_string_lossy();
        match classify(&name) {
            Entry::Plan => plans.push(os_name),
            Entry::Conflict => conflicts.push(dir.join(&os_name)),
            Entry::Ignored => temps |= name.starts_with(atomic::TEMP_PREFIX),
        }
    }
    if temps {
        atomic::clean_stale_temps(dir);
    }
    // Names in one folder sort as their paths do, and far faster.
    plans.sort_unstable();
    conflicts.sort();
    let found = plans.into_iter().map(|name| dir.join(name)).collect();
    Ok(Some((found, conflicts)))
}

/// Reads one file fully and summarises it.
fn parse(ladder: &Ladder, dir: &Path, path: &Path) -> Result<PlanSummary, LoadError> {
    load_entry(dir, path, ladder).map(|pf| PlanSummary::from_plan(ladder, &pf.path, &pf.plan))
}

/// Stats `found` and parses what the index cannot vouch for, on up to four threads.
fn resolve(ladder: &Ladder, dir: &Path, found: &[PathBuf], index: &Index) -> Vec<Outcome> {
    let one = |(i, f): (usize, &PathBuf)| -> Outcome {
        let meta = match fs::symlink_metadata(f) {
            Ok(meta) => meta,
            Err(_) => return Some(Box::new((None, parse(ladder, dir, f)))),
        };
        // Links are followed (and checked) every time; they are rare and their target's stat is not this one.
        let stamp = (!meta.file_type().is_symlink() && utf8_name(f).is_some())
            .then(|| FileStamp::of(&meta));
        if let Some(stamp) = &stamp
            && index.fresh(i, stamp)
        {
            return None;
        }
        Some(Box::new((stamp, parse(ladder, dir, f))))
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4);
    if threads == 1 || found.len() < 64 {
        return found.iter().enumerate().map(one).collect();
    }
    const BLOCK: usize = 32;
    let next = AtomicUsize::new(0);
    let mut out: Vec<Outcome> = Vec::with_capacity(found.len());
    out.resize_with(found.len(), || None);
    let parts: Vec<Vec<(usize, Outcome)>> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let start = next.fetch_add(BLOCK, Ordering::Relaxed);
                        if start >= found.len() {
                            break;
                        }
                        for item in found.iter().enumerate().skip(start).take(BLOCK) {
                            done.push((item.0, one(item)));
                        }
                    }
                    done
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or_default())
            .collect()
    });
    let mut filled = vec![false; found.len()];
    for (i, o) in parts.into_iter().flatten() {
        out[i] = o;
        filled[i] = true;
    }
    // A worker that panicked left holes: fill them here, where a panic is the caller's to see.
    for i in 0..found.len() {
        if !filled[i] {
            out[i] = one((i, &found[i]));
        }
    }
    out
}

impl Catalog {
    /// Loads every plan's summary, through the index in `<data dir>/cache/index`, and refreshes the index when
    /// anything changed. A missing plans folder is an empty catalog; an unreadable one is an error. The ladder
    /// decides the tactic names the search text holds.
    pub fn load(data: &DataDir, ladder: &Ladder) -> io::Result<Catalog> {
        let dir = data.plans();
        let scanned_at = index::now_ns();
        let Some((found, conflicts)) = list(&dir)? else {
            return Ok(Catalog::default());
        };
        let fingerprint = index::ladder_fingerprint(ladder);
        let index_path = data.cache().join(INDEX_FILE);
        let names: Vec<Option<&str>> = found.iter().map(|f| utf8_name(f)).collect();
        let mut old = index::read(&index_path, fingerprint, &names);
        drop(names);
        let outcomes = resolve(ladder, &dir, &found, &old);
        let mut changed = old.gone > 0;

        let mut catalog = Catalog {
            summaries: Vec::with_capacity(found.len()),
            conflicts,
            ..Catalog::default()
        };
        let mut rows: Vec<(Result<usize, usize>, FileStamp)> = Vec::with_capacity(found.len());
        let mut links = false;
        for (i, (path, outcome)) in found.into_iter().zip(outcomes).enumerate() {
            let (stamp, result) = match outcome {
                Some(boxed) => {
                    let (stamp, result) = *boxed;
                    catalog.parsed += 1;
                    // Only a link is loaded under another path than its own (the file it leads to).
                    links |= result.as_ref().map_or_else(|e| &e.path, |s| &s.path) != &path;
                    changed |= stamp.is_some();
                    (stamp, result)
                }
                None => {
                    match old.take(i) {
                        Some((stamp, index::Cached::Plan(mut s))) => {
                            s.path = path;
                            // The index holds keys as written; the fingerprint vouches it was made with
                            // this ladder, so every key resolves as it did then.
                            resolve_rungs(ladder, &mut s.tactic, &mut s.attempts);
                            (Some(stamp), Ok(s))
                        }
                        Some((stamp, index::Cached::Broken { position, message })) => (
                            Some(stamp),
                            Err(LoadError {
                                path,
                                position,
                                message,
                            }),
                        ),
                        // Unreachable (fresh entries exist), but a re-read is always a safe answer.
                        None => {
                            catalog.parsed += 1;
                            (None, parse(ladder, &dir, &path))
                        }
                    }
                }
            };
            let slot = match result {
                Ok(s) => {
                    catalog.summaries.push(s);
                    Ok(catalog.summaries.len() - 1)
                }
                Err(e) => {
                    catalog.broken.push(e);
                    Err(catalog.broken.len() - 1)
                }
            };
            if let Some(stamp) = stamp {
                rows.push((slot, stamp));
            }
        }
        drop(old);
        if changed {
            let named: Vec<index::Row> = rows
                .iter()
                .filter_map(|&(slot, stamp)| {
                    let (path, plan) = match slot {
                        Ok(i) => (&catalog.summaries[i].path, Ok(&catalog.summaries[i])),
                        Err(i) => (&catalog.broken[i].path, Err(&catalog.broken[i])),
                    };
                    let name = path.file_name()?.to_str()?;
                    Some(index::Row { name, stamp, plan })
                })
                .collect();
            let bytes = index::encode(named.into_iter(), scanned_at, fingerprint);
            // A read-only or full disk only costs speed next time: the listing itself is complete.
            let _ = write_index(data, &bytes);
        }
        if links {
            catalog.once_per_file();
        }
        Ok(catalog)
    }

    /// The newest `n` plans by file name (names start with the creation date), read directly without the index:
    /// what a screen can show at once, in a few milliseconds, while [`Catalog::load_in_background`] does the
    /// rest. Broken files among them are reported; conflict copies are all listed.
    pub fn load_newest(data: &DataDir, ladder: &Ladder, n: usize) -> io::Result<Catalog> {
        let dir = data.plans();
        let Some((mut found, conflicts)) = list(&dir)? else {
            return Ok(Catalog::default());
        };
        found.reverse();
        found.truncate(n);
        found.reverse();
        let mut catalog = Catalog {
            conflicts,
            ..Catalog::default()
        };
        for f in &found {
            catalog.parsed += 1;
            match parse(ladder, &dir, f) {
                Ok(s) => catalog.summaries.push(s),
                Err(e) => catalog.broken.push(e),
            }
        }
        catalog.once_per_file();
        Ok(catalog)
    }

    /// Runs [`Catalog::load`] on its own thread, so a user interface never waits for a large workbook. The
    /// receiver gets exactly one message.
    pub fn load_in_background(
        data: DataDir,
        ladder: Ladder,
    ) -> mpsc::Receiver<io::Result<Catalog>> {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(Catalog::load(&data, &ladder));
        });
        rx
    }

    /// A link in the folder to a file in it is loaded under that file's path (see [`load_entry`]): the plan is
    /// listed once, as [`super::Workbook`] lists it.
    fn once_per_file(&mut self) {
        let mut seen = std::collections::HashSet::new();
        self.summaries.retain(|s| seen.insert(s.path.clone()));
        self.broken.retain(|e| seen.insert(e.path.clone()));
    }

    /// Plans, newest first (by creation, then file name for a stable order), as [`super::Workbook`] lists them.
    pub fn newest_first(&self) -> Vec<&PlanSummary> {
        let mut v: Vec<&PlanSummary> = self.summaries.iter().collect();
        v.sort_by(|a, b| b.created.cmp(&a.created).then_with(|| b.path.cmp(&a.path)));
        v
    }

    pub fn history(&self, ladder: &Ladder) -> History {
        History::from_facts(ladder, &self.summaries)
    }

    pub fn stats(&self, ladder: &Ladder) -> Stats {
        Stats::from_facts(ladder, &self.summaries)
    }
}

/// Writes the index atomically, creating `cache/` privately with markers that keep backup tools and git out of it.
/// A `cache` that is a link is left alone: in a synced folder it could have come from someone else and lead
/// anywhere, and the index is only ever a saving.
fn write_index(data: &DataDir, bytes: &[u8]) -> io::Result<()> {
    let cache = data.cache();
    if fs::symlink_metadata(&cache).is_ok_and(|m| m.file_type().is_symlink()) {
        return Ok(());
    }
    if !cache.is_dir() {
        atomic::create_private_dir(&cache)?;
        let _ = atomic::create_atomic(
            &cache.join("CACHEDIR.TAG"),
            b"Signature: 8a477f597d28d172789f06886806bc55\n\
              # This folder holds overture's cache. It is rebuilt from the plans when missing.\n",
        );
        let _ = atomic::create_atomic(&cache.join(".gitignore"), b"# overture's cache\n*\n");
    }
    atomic::write_atomic(&cache.join(INDEX_FILE), bytes)
}
