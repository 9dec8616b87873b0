//! The two passes of a load over the folder's files, each on up to four threads: a look at every file (its stat,
//! and whether both indexes vouch for it), then reading those they do not vouch for, handed to the load in the
//! listing's order as they come, so that a first run's plans are summarised and indexed while the next ones are
//! parsed, and no plan's words are held beyond their turn. A file the index knows nothing of, which the listing
//! says is a regular file, is not looked at: its stat is taken as it is opened (a first run makes one system call
//! fewer per file).

use std::collections::HashMap;

use std::fs;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread::{Scope, ScopedJoinHandle};

use super::index::{FileStamp, Index};
use super::names::Names;
use super::search::{self, NewWords};
use super::summary::PlanSummary;
use super::utf8_name;
use crate::domain::Ladder;
use crate::domain::filter::{each_term, terms};
use crate::store::LoadError;
use crate::store::plan_file::{self, PlanFile};
use crate::store::workbook::load_entry;

/// A plan read now: its summary and its words for the search index.
pub(super) type Parsed = Result<(PlanSummary, String), LoadError>;

/// A file the indexes do not vouch for, to be read. Sixteen bytes: a first run holds one for every file while
/// it reads them all (at 50,000 files, 40 bytes each were 1.9 MB of the first run's peak).
pub(super) struct ToReadFile {
    /// Its position in the listing (its path is joined when it is read: a path kept for each of 50,000 files to
    /// read was 3.7 MB).
    i: u32,
    /// Whether the look (or the listing) found a regular file (not a link), so that reading it need not look.
    pub regular: bool,
    /// Whether its stat is taken as it is opened ([`Reader::take`]): no look was made.
    at_open: bool,
    /// The look's stat, when the indexes may hold the file (not a link, a UTF-8 name). Boxed: only a file that
    /// changed since the indexes were written has one, and a first run none.
    looked: Option<Box<FileStamp>>,
}

impl ToReadFile {
    /// Its position in the listing.
    pub(super) fn at(&self) -> usize {
        self.i as usize
    }

    /// The stamp the indexes keep of it, given the stat taken as it was opened (`None`: none is kept).
    pub(super) fn kept(&self, opened: Option<FileStamp>) -> Option<FileStamp> {
        match &self.looked {
            Some(stamp) => Some(**stamp),
            None => opened.filter(|_| self.at_open),
        }
    }
}

/// How many threads read and parse: the cores, up to four. Asked once: on Linux the answer reads three files of
/// the control groups.
pub(crate) fn threads() -> usize {
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *THREADS.get_or_init(|| {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 4)
    })
}

/// Below this many files one thread does it all.
const FEW: usize = 64;
/// How many files a thread takes at a time.
const BLOCK: usize = 32;

/// Stats every file in `found` and lists those the indexes do not both vouch for (see [`Index::fresh`]), in
/// the listing's order. A warm load's list is empty: nothing is kept for the files the indexes vouch for.
pub(super) fn look(dir: &Path, found: &Names, index: &Index, words: &search::Found) -> ToRead {
    let one = |i: usize| -> Option<ToReadFile> {
        // Nothing to check a stat against: the file is read, and its stat taken as it is opened (where an open
        // can refuse a link; elsewhere every file is looked at first, as `read::text_looked` is not used).
        if cfg!(unix) && found.regular(i) && !index.knows(i) {
            return Some(ToReadFile {
                i: number(i),
                regular: true,
                at_open: found[i].to_str().is_some(),
                looked: None,
            });
        }
        let f = &dir.join(&found[i]);
        let Ok(meta) = fs::symlink_metadata(f) else {
            return Some(ToReadFile {
                i: number(i),
                regular: false,
                at_open: false,
                looked: None,
            });
        };
        // Links are followed (and checked) every time; they are rare and their target's stat is not this one.
        let stamp = (!meta.file_type().is_symlink() && utf8_name(f).is_some())
            .then(|| FileStamp::of(&meta));
        let fresh = stamp.as_ref().is_some_and(|stamp| {
            index.fresh(i, stamp) && (index.broken(i) || words.fresh(i, stamp).is_some())
        });
        (!fresh).then(|| ToReadFile {
            i: number(i),
            regular: meta.file_type().is_file(),
            at_open: false,
            looked: stamp.map(Box::new),
        })
    };
    let threads = threads();
    // With no index, the look makes no system call but for the rare file the listing could not vouch for.
    if threads == 1 || found.len() < FEW || !index.knows_any() {
        return (0..found.len()).filter_map(one).collect();
    }
    let next = AtomicUsize::new(0);
    let parts: Option<Vec<ToRead>> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut found_here = Vec::new();
                    loop {
                        let start = next.fetch_add(BLOCK, Ordering::Relaxed);
                        if start >= found.len() {
                            break;
                        }
                        found_here
                            .extend((start..(start + BLOCK).min(found.len())).filter_map(one));
                    }
                    found_here
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().ok()).collect()
    });
    match parts {
        Some(parts) => {
            let mut all: ToRead = parts.into_iter().flatten().collect();
            all.sort_unstable_by_key(|f| f.i);
            all
        }
        // A worker panicked: look again here, where a panic is the caller's to see.
        None => (0..found.len()).filter_map(one).collect(),
    }
}

/// Reads one file fully and summarises it, with its words. `regular`: the caller's look found a regular file.
pub(super) fn parse(ladder: &Ladder, dir: &Path, path: &Path, regular: bool) -> Parsed {
    load(ladder, dir, path, regular).0.map(|pf| {
        (
            PlanSummary::from_plan(&pf.path, &pf.plan),
            terms(ladder, &pf.plan),
        )
    })
}

/// The plan at `path`, with the stat of the file opened when it was opened as a regular file (not a link).
fn load(
    ladder: &Ladder,
    dir: &Path,
    path: &Path,
    regular: bool,
) -> (Result<PlanFile, LoadError>, Option<FileStamp>) {
    match regular
        .then(|| plan_file::load_looked(path, ladder))
        .flatten()
    {
        Some((loaded, meta)) => (loaded, meta.as_ref().map(FileStamp::of)),
        None => (load_entry(dir, path, ladder), None),
    }
}

/// A file read: its summary or why not, and its stat as it was opened ([`load`]).
pub(super) type Summarised = (Result<PlanSummary, LoadError>, Option<FileStamp>);

/// Reads one file and summarises it, its words given to `words` under `number`.
fn summarise(
    ladder: &Ladder,
    dir: &Path,
    path: &Path,
    regular: bool,
    number: u32,
    words: &mut NewWords,
) -> Summarised {
    let (loaded, opened) = load(ladder, dir, path, regular);
    let summary = loaded.map(|pf| {
        each_term(ladder, &pf.plan, |w| words.word(number, w));
        PlanSummary::from_plan(&pf.path, &pf.plan)
    });
    (summary, opened)
}

/// A listing position as a plan number for [`NewWords`] (no folder holds four billion files).
pub(super) fn number(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// The files to read, in the listing's order.
pub(super) type ToRead = Vec<ToReadFile>;

/// One file's summary or error, by its place in a [`ToRead`].
type Done = (usize, Summarised);

/// Reads the files of a [`ToRead`] on worker threads and hands each over when the load asks for it, in order.
/// Their words are gathered by each worker under the files' positions in the listing, and given back together
/// at the end ([`Reader::finish`]).
pub(super) struct Reader<'a, 'scope> {
    ladder: &'a Ladder,
    dir: &'a Path,
    found: &'a Names,
    files: &'a ToRead,
    /// The next of `files` the load will ask for.
    next: usize,
    /// Results that came before their turn, by position in `files`.
    early: HashMap<usize, Summarised>,
    /// `None` when everything is read on the calling thread (few files, one core).
    results: Option<mpsc::Receiver<Vec<Done>>>,
    workers: Vec<ScopedJoinHandle<'scope, NewWords>>,
    /// The words of the files read on this thread.
    mine: NewWords,
}

impl<'a, 'scope> Reader<'a, 'scope> {
    /// Starts the workers in `scope`; they end when every file is read.
    pub(super) fn start(
        scope: &'scope Scope<'scope, '_>,
        ladder: &'a Ladder,
        dir: &'a Path,
        found: &'a Names,
        files: &'a ToRead,
        spill: Option<&search::Spill>,
    ) -> Reader<'a, 'scope>
    where
        'a: 'scope,
    {
        let threads = threads();
        let mut workers = Vec::new();
        let results = (threads > 1 && files.len() >= FEW).then(|| {
            // A few blocks a worker ahead of the load at most: what they hold waits in memory otherwise, and the
            // load keeps up but for moments.
            let (tx, rx) = mpsc::sync_channel(threads * 2);
            let next = std::sync::Arc::new(AtomicUsize::new(0));
            for _ in 0..threads {
                let tx = tx.clone();
                let next = next.clone();
                let spill = spill.cloned();
                workers.push(scope.spawn(move || {
                    let mut words = NewWords::spilling(spill);
                    loop {
                        let start = next.fetch_add(BLOCK, Ordering::Relaxed);
                        if start >= files.len() {
                            break;
                        }
                        let block: Vec<Done> = (start..(start + BLOCK).min(files.len()))
                            .map(|k| {
                                let f = &files[k];
                                let n = f.i;
                                let path = dir.join(&found[f.at()]);
                                let done = summarise(ladder, dir, &path, f.regular, n, &mut words);
                                words.settle();
                                (k, done)
                            })
                            .collect();
                        // The load stopped listening (it failed): nothing more is wanted.
                        if tx.send(block).is_err() {
                            break;
                        }
                    }
                    words
                }));
            }
            rx
        });
        Reader {
            ladder,
            dir,
            found,
            files,
            next: 0,
            early: HashMap::new(),
            results,
            workers,
            mine: NewWords::spilling(spill.cloned()),
        }
    }

    /// The summary or error for the file at listing position `i` (at `path`; `regular` as its look found), which
    /// must be the next of the files to read: otherwise it is read here. With it, the file's stat as it was
    /// opened, when it was opened as a regular file.
    pub(super) fn take(&mut self, i: usize, path: &Path, regular: bool) -> Summarised {
        let k = self.next;
        // A file the workers were given: wait for it. Any other (or one a worker never read) is read here.
        if self.files.get(k).is_some_and(|f| f.at() == i) {
            self.next += 1;
            if let Some(rx) = &self.results {
                loop {
                    if let Some(done) = self.early.remove(&k) {
                        return done;
                    }
                    match rx.recv() {
                        Ok(block) => {
                            self.early.extend(block);
                        }
                        // Every worker has ended (one panicked before reading this one): read it here.
                        Err(_) => break,
                    }
                }
            }
        }
        let done = summarise(
            self.ladder,
            self.dir,
            path,
            regular,
            number(i),
            &mut self.mine,
        );
        self.mine.settle();
        done
    }

    /// The words of every file read, under their positions in the listing. Waits for the workers.
    pub(super) fn finish(mut self) -> NewWords {
        // A worker waiting to hand over a block nobody will ask for (the channel is bounded) gives up instead.
        drop(self.results.take());
        let mut words = std::mem::take(&mut self.mine);
        let mut lost = false;
        for w in self.workers {
            match w.join() {
                Ok(theirs) => words.merge(theirs),
                Err(_) => lost = true,
            }
        }
        if lost {
            // A worker panicked, and the words it gathered went with it: gather every file's again here.
            let mut again = NewWords::default();
            for f in self.files {
                let _ = summarise(
                    self.ladder,
                    self.dir,
                    &self.dir.join(&self.found[f.at()]),
                    f.regular,
                    f.i,
                    &mut again,
                );
            }
            again.merge(words);
            return again;
        }
        words
    }
}

#[cfg(test)]
mod tests {
    /// A first run holds one for every file of the folder while it reads them all.
    #[test]
    fn a_file_to_read_takes_sixteen_bytes() {
        assert_eq!(std::mem::size_of::<super::ToReadFile>(), 16);
    }
}
