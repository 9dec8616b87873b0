//! The two passes of a load over the folder's files, each on up to four threads: a look at every file (its stat,
//! and whether both indexes vouch for it), then reading those they do not vouch for, handed to the load in the
//! listing's order as they come, so that a first run's plans are summarised and indexed while the next ones are
//! parsed, and no plan's words are held beyond their turn.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread::Scope;

use super::index::{FileStamp, Index};
use super::summary::PlanSummary;
use super::{search, utf8_name};
use crate::domain::Ladder;
use crate::domain::filter::terms;
use crate::store::LoadError;
use crate::store::plan_file;
use crate::store::workbook::load_entry;

/// A plan read now: its summary and its words for the search index.
pub(super) type Parsed = Result<(PlanSummary, String), LoadError>;

/// What the look at one file found.
pub(super) struct Look {
    /// Its stat, when the indexes may hold it (not a link, a UTF-8 name).
    pub stamp: Option<FileStamp>,
    /// Whether it must be read: the indexes do not both vouch for it.
    pub read: bool,
    /// Whether the look found a regular file (not a link), so that reading it need not look again.
    pub regular: bool,
}

/// How many threads read and parse: the cores, up to four.
fn threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4)
}

/// Below this many files one thread does it all.
const FEW: usize = 64;
/// How many files a thread takes at a time.
const BLOCK: usize = 32;

/// Stats every file in `found` and tells which the indexes vouch for (see [`Index::fresh`]).
pub(super) fn look(found: &[PathBuf], index: &Index, words: &search::Found) -> Vec<Look> {
    let one = |i: usize| -> Look {
        let f = &found[i];
        let Ok(meta) = fs::symlink_metadata(f) else {
            return Look {
                stamp: None,
                read: true,
                regular: false,
            };
        };
        // Links are followed (and checked) every time; they are rare and their target's stat is not this one.
        let stamp = (!meta.file_type().is_symlink() && utf8_name(f).is_some())
            .then(|| FileStamp::of(&meta));
        let read = !stamp.as_ref().is_some_and(|stamp| {
            index.fresh(i, stamp) && (index.broken(i) || words.fresh(i, stamp).is_some())
        });
        Look {
            stamp,
            read,
            regular: meta.file_type().is_file(),
        }
    };
    let threads = threads();
    if threads == 1 || found.len() < FEW {
        return (0..found.len()).map(one).collect();
    }
    let next = AtomicUsize::new(0);
    let parts: Vec<Vec<(usize, Look)>> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let start = next.fetch_add(BLOCK, Ordering::Relaxed);
                        if start >= found.len() {
                            break;
                        }
                        for i in start..(start + BLOCK).min(found.len()) {
                            done.push((i, one(i)));
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
    let mut out: Vec<Option<Look>> = Vec::with_capacity(found.len());
    out.resize_with(found.len(), || None);
    for (i, l) in parts.into_iter().flatten() {
        out[i] = Some(l);
    }
    // A worker that panicked left holes: fill them here, where a panic is the caller's to see.
    out.into_iter()
        .enumerate()
        .map(|(i, l)| l.unwrap_or_else(|| one(i)))
        .collect()
}

/// Reads one file fully and summarises it, with its words. `regular`: the caller's look found a regular file.
pub(super) fn parse(ladder: &Ladder, dir: &Path, path: &Path, regular: bool) -> Parsed {
    let loaded = match regular.then(|| plan_file::load_looked(path, ladder)).flatten() {
        Some(loaded) => loaded,
        None => load_entry(dir, path, ladder),
    };
    loaded.map(|pf| {
        (
            PlanSummary::from_plan(&pf.path, &pf.plan),
            terms(ladder, &pf.plan),
        )
    })
}

/// The files to read (each with its position in the listing and whether the look found a regular file).
pub(super) type ToRead = Vec<(usize, PathBuf, bool)>;

/// Reads the files of a [`ToRead`] on worker threads and hands each over when the load asks for it, in order.
pub(super) struct Reader<'a> {
    ladder: &'a Ladder,
    dir: &'a Path,
    files: &'a ToRead,
    /// The next of `files` the load will ask for.
    next: usize,
    /// Results that came before their turn, by position in `files`.
    early: HashMap<usize, Parsed>,
    /// `None` when everything is read on the calling thread (few files, one core).
    results: Option<mpsc::Receiver<(usize, Parsed)>>,
}

impl<'a> Reader<'a> {
    /// Starts the workers in `scope`; they end when every file is read.
    pub(super) fn start<'scope>(
        scope: &'scope Scope<'scope, '_>,
        ladder: &'a Ladder,
        dir: &'a Path,
        files: &'a ToRead,
    ) -> Reader<'a>
    where
        'a: 'scope,
    {
        let threads = threads();
        let results = (threads > 1 && files.len() >= FEW).then(|| {
            let (tx, rx) = mpsc::channel();
            let next = std::sync::Arc::new(AtomicUsize::new(0));
            for _ in 0..threads {
                let tx = tx.clone();
                let next = next.clone();
                scope.spawn(move || {
                    loop {
                        let start = next.fetch_add(BLOCK, Ordering::Relaxed);
                        if start >= files.len() {
                            break;
                        }
                        for k in start..(start + BLOCK).min(files.len()) {
                            let (_, path, regular) = &files[k];
                            // The load stopped listening (it failed): nothing more is wanted.
                            if tx.send((k, parse(ladder, dir, path, *regular))).is_err() {
                                return;
                            }
                        }
                    }
                });
            }
            rx
        });
        Reader {
            ladder,
            dir,
            files,
            next: 0,
            early: HashMap::new(),
            results,
        }
    }

    /// The result for the file at listing position `i` (at `path`; `regular` as its look found), which must be
    /// the next of the files to read: otherwise it is read here.
    pub(super) fn take(&mut self, i: usize, path: &Path, regular: bool) -> Parsed {
        let k = self.next;
        if self.files.get(k).is_none_or(|f| f.0 != i) {
            return parse(self.ladder, self.dir, path, regular);
        }
        self.next += 1;
        if let Some(rx) = &self.results {
            loop {
                if let Some(done) = self.early.remove(&k) {
                    return done;
                }
                match rx.recv() {
                    Ok((j, done)) if j == k => return done,
                    Ok((j, done)) => {
                        self.early.insert(j, done);
                    }
                    // Every worker has ended (one panicked before reading this one): read it here.
                    Err(_) => break,
                }
            }
        }
        parse(self.ladder, self.dir, path, regular)
    }
}
