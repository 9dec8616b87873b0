//! Every plan in the data folder as a compact summary, fast at any size. A warm load reads one index file and
//! stats each plan; only files whose stat changed (or that are new) are read and parsed, on worker threads. The
//! files stay the truth: a changed, added or removed file is always noticed, and a damaged index is rebuilt.
//!
//! Use [`Catalog`] for lists, filters, the stakeholder history and the stats; load the whole plan
//! ([`super::plan_file::load`]) when one is opened or edited. [`super::Workbook`] still loads everything in full,
//! for small workbooks and the commands that edit.

mod assemble;
mod cache_files;
mod edits;
pub(crate) mod index;
mod names;
mod resolve;
pub(crate) use cache_files::prepare_cache;
use cache_files::{write_cache, write_cache_as_made};
pub(crate) use resolve::threads;
pub mod search;
mod summary;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};

use self::assemble::{Fresh, Source, assemble};
use self::index::{FileStamp, Index};
use self::names::Names;
use self::resolve::parse;
use self::search::{Builder, Hits, NewWords, Origin, SEARCH_FILE, SearchIndex};
pub use self::summary::{Location, PlanSummary, PlanText};
use super::people::Register;
use super::workbook::{Entry, classify};
use super::{DataDir, LoadError, atomic};
use crate::domain::filter::Filter;
use crate::domain::stats::Stats;
use crate::domain::{History, Ladder};

/// The index file's name inside the data folder's `cache/`.
pub const INDEX_FILE: &str = "index";
/// The newest plans' part of the index, on its own, so that a first screen needs neither the folder's listing
/// nor the whole index (see [`Catalog::load_newest`]).
pub(crate) const NEWEST_FILE: &str = "newest";
/// How many of the newest files `NEWEST_FILE` keeps: more than any screen shows.
const NEWEST_KEPT: usize = 256;

/// Summaries of every plan, broken files with their errors, and sync tools' conflict copies.
#[derive(Debug, Default)]
pub struct Catalog {
    /// By file name, which is by creation date for files overture named. Shared, so a screen that keeps them
    /// (the wizard) holds no copy; changed only while loading, when nothing else holds them.
    pub summaries: Arc<Vec<PlanSummary>>,
    pub broken: Vec<LoadError>,
    /// Copies left by sync tools (`*.sync-conflict-*`, `*.orig`, `*~`): reported, never loaded as plans.
    pub conflicts: Vec<PathBuf>,
    /// How many files were read and parsed by this load (the rest came from the index): for tests and benches.
    pub parsed: usize,
    /// Every word of every plan in `summaries` (by position), for the filter: see [`Catalog::search`].
    pub search: Arc<SearchIndex>,
    /// The register of people (`people/`): how a plan's stakeholder name becomes a person in every count
    /// (`register.people`), their files, and the files that could not be read (reported, never written over).
    /// Empty without the folder, which is how a workbook without one behaves as before.
    pub register: Register,
}

/// A plan file's name as UTF-8, when it is: only such names are kept in the index.
fn utf8_name(path: &Path) -> Option<&str> {
    path.file_name()?.to_str()
}

/// The plan files' names and the conflict copies' paths in `dir`, each sorted. `None` when the folder does not exist.
fn list(dir: &Path) -> io::Result<Option<(Names, Vec<PathBuf>)>> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut plans = Names::default();
    let mut conflicts = Vec::new();
    let mut temps = false;
    for entry in entries {
        let entry = entry?;
        let os_name = entry.file_name();
        let name = os_name.to_string_lossy();
        match classify(&name) {
            // The listing says what each entry is on most systems, without a stat (a file system that does not
            // is asked, here, only for plans' names).
            Entry::Plan => plans.push(&os_name, entry.file_type().is_ok_and(|t| t.is_file()))?,
            Entry::Conflict => conflicts.push(dir.join(&os_name)),
            Entry::Ignored => temps |= name.starts_with(atomic::TEMP_PREFIX),
        }
    }
    if temps {
        atomic::clean_stale_temps(dir);
    }
    // Names in one folder sort as their paths do, and far faster.
    plans.sort();
    conflicts.sort();
    Ok(Some((plans, conflicts)))
}

impl Catalog {
    /// Loads every plan's summary, through the index in `<data dir>/cache/index`, and the search index beside it,
    /// and refreshes both when anything changed. A missing plans folder is an empty catalog; an unreadable one is
    /// an error. The ladder decides the tactic names a plan's words include.
    pub fn load(data: &DataDir, ladder: &Ladder) -> io::Result<Catalog> {
        let mut catalog = match Catalog::load_with(data, ladder, true) {
            // The old search index could not be read while merging: read every plan again instead.
            Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                Catalog::load_with(data, ladder, false)
            }
            other => other,
        }?;
        catalog.read_people(data);
        Ok(catalog)
    }

    /// Reads the register of people beside the plans (see [`crate::store::people`]).
    fn read_people(&mut self, data: &DataDir) {
        self.register = crate::store::people::read_register(data);
        self.share_people();
    }

    /// Gives the search index the register's words, for the plans by their positions in `summaries` (see
    /// [`search::PeopleText`]): after a load reads the register, and after the workbook's own writes move a plan
    /// or change its person. An index not shared yet takes them in place; were it shared, a search would only
    /// miss what the register adds.
    fn share_people(&mut self) {
        let people = search::PeopleText::new(
            &self.register.people,
            self.summaries.iter().map(|s| s.stakeholder.name.as_str()),
        );
        if let Some(index) = Arc::get_mut(&mut self.search) {
            index.set_people(people);
        }
    }

    fn load_with(data: &DataDir, ladder: &Ladder, trust_cache: bool) -> io::Result<Catalog> {
        let dir = data.plans();
        // One copy of the folder's path for every summary (see `summary::Location`).
        let shared_dir: Arc<PathBuf> = Arc::new(dir.clone());
        let scanned_at = index::now_ns();
        let Some((found, conflicts)) = list(&dir)? else {
            return Ok(Catalog::default());
        };
        let fingerprint = index::ladder_fingerprint(ladder);
        let index_path = data.cache().join(INDEX_FILE);
        let search_path = data.cache().join(SEARCH_FILE);
        let names: Vec<Option<&str>> = found.iter().map(|f| f.to_str()).collect();
        let (mut old, mut words) = if trust_cache {
            (
                index::read(&index_path, ladder, &shared_dir, &names),
                search::read(&search_path, fingerprint, &names),
            )
        } else {
            (Index::default(), search::Found::default())
        };
        drop(names);
        let to_read = resolve::look(&dir, &found, &old, &words);
        let mut changed = old.gone > 0 || words.gone > 0 || words.index.is_none();
        // The words index can be used as it is when it holds exactly these plans, in this order.
        let same_words = words.gone == 0;
        // Each plan's number in the old search index (`None`: read now, its words gathered under its position in
        // the listing, which `renumber` turns into its position in the catalog). Its stamp is in `rows`.
        // A warm load with nothing to read (the everyday case) keeps neither: the indexes stay as they are, and
        // the plans' numbers are counted instead (see `lean`).
        let lean = !changed && same_words && to_read.is_empty();
        let mut origins: Vec<Option<u32>> = Vec::with_capacity(if lean { 0 } else { found.len() });
        // In a lean load, how many plans there are and whether each kept its number in the search index.
        let (mut counted, mut in_order) = (0u32, true);
        let mut renumber: Vec<u32> = Vec::new();
        let mut extra_words = NewWords::default();
        // A first run's words go to runs in the cache folder as they pass a budget (see `search::Spill`); a load
        // again after a failure keeps them in memory, as it keeps the new index.
        let spill = trust_cache.then(|| search::Spill::new(data.cache(), search::words_budget()));

        let mut catalog = Catalog {
            conflicts,
            ..Catalog::default()
        };
        // Each summary's source, in the catalog's order: the old index's (by position), or one read now (in
        // `read_now`). When these are exactly the old index's summaries in order, its vector becomes the
        // catalog's as it is (see `Index::plans`).
        let mut sources: Vec<Source> = Vec::with_capacity(found.len());
        let mut read_now: Vec<PlanSummary> = Vec::with_capacity(to_read.len());
        // Each summary read now shares its folder, stakeholder, tactic and rungs with those before as it arrives,
        // so that a first run never holds a copy of each for every plan (10 MB at 50,000 plans).
        let mut interner = summary::Interner::in_folder(&shared_dir);
        // Each file's place (a summary's or a broken file's) with its stamp: 40 bytes a file.
        let mut rows: Vec<(Result<u32, u32>, FileStamp)> =
            Vec::with_capacity(if lean { 0 } else { found.len() });
        let mut links = false;
        let n_found = found.len();
        let mut new_words = std::thread::scope(|scope| {
            // The files the indexes do not vouch for are read on worker threads meanwhile, each taken in turn.
            let mut reader =
                resolve::Reader::start(scope, ladder, &dir, &found, &to_read, spill.as_ref());
            // The words of a plan read here (a fallback) go with the readers', under its listing position.
            let mut here = |i: usize, parsed: resolve::Parsed| {
                parsed.map(|(s, words)| {
                    extra_words.add(resolve::number(i), &words);
                    (Fresh::New(s), None)
                })
            };
            let mut next_read = to_read.iter().peekable();
            for (i, name) in found.iter().enumerate() {
                let path = dir.join(name);
                let look = next_read.next_if(|f| f.at() == i);
                let (stamp, result) = if let Some(look) = look {
                    let (result, opened) = reader.take(i, &path, look.regular);
                    catalog.parsed += 1;
                    // Only a link is loaded under another path than its own (the file it leads to).
                    links |= result
                        .as_ref()
                        .map_or_else(|e| e.path != path, |s| !s.is_at(&path));
                    let stamp = look.kept(opened);
                    changed |= stamp.is_some();
                    (stamp, result.map(|s| (Fresh::New(s), None)))
                } else {
                    match old.take(i) {
                        Some((stamp, index::Slot::Plan(k))) => {
                            match (old.plan_mut(k), words.fresh(i, &stamp)) {
                                (Some(s), Some(n)) => {
                                    // The index's rungs were resolved as it was read: its fingerprint vouches
                                    // it was made with this ladder.
                                    s.set_path(&shared_dir, &path);
                                    (Some(stamp), Ok((Fresh::Old(k), Some(n))))
                                }
                                // Unreachable (both indexes vouched), but a re-read is always a safe answer.
                                _ => {
                                    catalog.parsed += 1;
                                    (None, here(i, parse(ladder, &dir, &path, false)))
                                }
                            }
                        }
                        Some((stamp, index::Slot::Broken(b))) => {
                            let (position, message) = *b;
                            (Some(stamp), Err(LoadError::new(&path, position, message)))
                        }
                        None => {
                            catalog.parsed += 1;
                            (None, here(i, parse(ladder, &dir, &path, false)))
                        }
                    }
                };
                let slot = match result {
                    Ok((s, origin)) => {
                        sources.push(match s {
                            Fresh::Old(k) => Source::Old(resolve::number(k)),
                            Fresh::New(mut s) => {
                                interner.share(&mut s);
                                read_now.push(s);
                                Source::New(resolve::number(read_now.len() - 1))
                            }
                        });
                        let number = sources.len() - 1;
                        if origin.is_none() {
                            renumber.resize(n_found, u32::MAX);
                            renumber[i] = resolve::number(number);
                        }
                        if lean {
                            in_order &= origin == Some(counted);
                            counted += 1;
                        } else {
                            origins.push(origin);
                        }
                        Ok(resolve::number(number))
                    }
                    Err(e) => {
                        catalog.broken.push(e);
                        Err(resolve::number(catalog.broken.len() - 1))
                    }
                };
                if let (Some(stamp), false) = (stamp, lean) {
                    rows.push((slot, stamp));
                }
            }
            let mut words = reader.finish();
            words.merge(extra_words);
            words
        });
        // The listing and the files to read are done with: not held while the indexes are written.
        drop(found);
        drop(to_read);
        catalog.summaries = Arc::new(assemble(old.into_plans(), read_now, &sources, &shared_dir));
        drop(sources);
        // A lean load whose plans are not exactly the search index's, in its order (the two indexes disagree:
        // neither vouched-for nor damaged, but not one scan either) kept too little to rebuild them, so it starts
        // again as a first run would. Both indexes are checked whole before, so this is not expected to happen.
        let lean_and_whole = words
            .index
            .as_ref()
            .is_some_and(|w| w.plans() == counted as usize);
        if lean && (changed || !in_order || links || !lean_and_whole) {
            return Catalog::load_with(data, ladder, false);
        }
        if changed {
            // Each row with its name and what it holds, made as the index is written rather than kept in a list.
            let named = |&(slot, stamp): &(Result<u32, u32>, FileStamp)| {
                let (name, plan) = match slot {
                    Ok(i) => {
                        let s = catalog.summaries.get(i as usize)?;
                        (s.file_name()?, Ok(s))
                    }
                    Err(i) => {
                        let b = catalog.broken.get(i as usize)?;
                        (b.path.file_name()?.to_str()?, Err(b))
                    }
                };
                Some(index::Row { name, stamp, plan })
            };
            let count = rows.iter().filter_map(named).count();
            let start = count.saturating_sub(NEWEST_KEPT);
            let newest_rows: Vec<index::Row> = rows.iter().filter_map(named).skip(start).collect();
            let newest = index::encode(newest_rows.into_iter(), scanned_at, fingerprint);
            // A read-only or full disk only costs speed next time: the listing itself is complete.
            let _ = write_cache_as_made(data, INDEX_FILE, |out| {
                index::encode_to(
                    count,
                    rows.iter().filter_map(named),
                    scanned_at,
                    fingerprint,
                    out,
                )
            });
            let _ = write_cache(data, NEWEST_FILE, &newest);
        }
        // Each summary's number now, by its number in `rows` (`None`: the same).
        let mut now: Option<Vec<u32>> = None;
        if links {
            // A plan listed twice keeps its first place: the later ones' numbers move up.
            let keep = catalog.once_per_file(&mut origins);
            let mut moved = Vec::with_capacity(keep.len());
            let mut n = 0u32;
            for k in keep {
                moved.push(if k { n } else { u32::MAX });
                n += u32::from(k);
            }
            for r in &mut renumber {
                *r = moved.get(*r as usize).copied().unwrap_or(u32::MAX);
            }
            now = Some(moved);
        }
        new_words.renumber(&renumber);
        drop(renumber);
        // The search index numbers the plans as `summaries` holds them now.
        let same_words = lean
            || same_words
                && words
                    .index
                    .as_ref()
                    .is_some_and(|w| w.plans() == origins.len())
                && (0..).zip(&origins).all(|(n, o)| *o == Some(n));
        catalog.search = Arc::new(if same_words {
            words.index.take().unwrap_or_default()
        } else {
            let to_file =
                changed && spill.is_some() && prepare_cache(&data.cache()).unwrap_or(false);
            let mut builder = Builder::new(words.index.as_ref()).with_words(new_words);
            // Past a megabyte or so of names (90 bytes a plan); below, a scratch file costs more than it saves.
            if to_file && catalog.summaries.len() > 10_000 {
                builder.spill_names(&data.cache());
            }
            // The stamps of the summaries, in order (one kept in `rows` rather than beside each origin too).
            let mut stamps = rows
                .iter()
                .filter_map(|&(slot, stamp)| {
                    let k = slot.ok()? as usize;
                    let k = match &now {
                        Some(now) => now.get(k).copied().filter(|&n| n != u32::MAX)? as usize,
                        None => k,
                    };
                    Some((k, stamp))
                })
                .peekable();
            for (n, (s, origin)) in catalog.summaries.iter().zip(&origins).enumerate() {
                while stamps.next_if(|&(k, _)| k < n).is_some() {}
                let stamp = stamps.next_if(|&(k, _)| k == n).map(|(_, stamp)| stamp);
                let origin = match origin {
                    Some(n) => Origin::Old(*n),
                    None => Origin::Given,
                };
                builder.plan(s.file_name().unwrap_or(""), stamp, origin);
            }
            drop(stamps);
            drop(rows);
            drop(origins);
            // Written as it is made (never held whole), and read from the file; should that fail, the load
            // starts again without the indexes and holds this one in memory (`Catalog::load`).
            if to_file {
                let index = builder
                    .write(fingerprint, &search_path)
                    .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
                catalog.search = Arc::new(index);
                return Ok(catalog);
            }
            let bytes = builder
                .finish(fingerprint)
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
            drop(words);
            // As for the index: the search index in memory is complete either way.
            let written = changed && write_cache(data, SEARCH_FILE, &bytes).is_ok();
            let mut index = search::from_bytes(bytes)?;
            if written {
                index.prefer_file(&search_path);
            }
            index
        });
        Ok(catalog)
    }

    /// The newest `n` plans by file name (names start with the creation date): what a screen can show at once,
    /// in a few milliseconds whatever the size of the workbook, while [`Catalog::load_in_background`] does the
    /// rest and corrects it. They come from the index's newest part (`cache/newest`), each file stat'ed and read
    /// again if it changed, and a file that is gone left out; a plan added since the last load, and conflict
    /// copies, show when the whole catalog arrives. Without that part, the folder is listed and the newest files
    /// read. Its search index is empty when it came from the index: a front end waits for the whole catalog
    /// before filtering.
    ///
    /// The register of people is not read here (it is empty in this catalog): the first frame lists plans, and
    /// reading two thousand people's files would delay it; the whole catalog brings the register.
    pub fn load_newest(data: &DataDir, ladder: &Ladder, n: usize) -> io::Result<Catalog> {
        if let Some(catalog) = Catalog::newest_from_index(data, ladder, n) {
            return Ok(catalog);
        }
        let dir = data.plans();
        let Some((found, conflicts)) = list(&dir)? else {
            return Ok(Catalog::default());
        };
        let found: Vec<PathBuf> = found
            .iter()
            .skip(found.len().saturating_sub(n))
            .map(|name| dir.join(name))
            .collect();
        let mut catalog = Catalog {
            conflicts,
            ..Catalog::default()
        };
        let mut origins: Vec<(Option<FileStamp>, Result<u32, String>)> = Vec::new();
        for f in &found {
            catalog.parsed += 1;
            match parse(ladder, &dir, f, false) {
                Ok((s, words)) => {
                    Arc::make_mut(&mut catalog.summaries).push(s);
                    origins.push((None, Err(words)));
                }
                Err(e) => catalog.broken.push(e),
            }
        }
        catalog.once_per_file(&mut origins);
        let mut builder = Builder::new(None);
        for (_, origin) in &origins {
            if let Err(words) = origin {
                builder.plan("", None, Origin::New(words));
            }
        }
        catalog.search = Arc::new(search::from_bytes(builder.finish(0)?)?);
        Ok(catalog)
    }

    fn newest_from_index(data: &DataDir, ladder: &Ladder, n: usize) -> Option<Catalog> {
        let dir = data.plans();
        let shared_dir: Arc<PathBuf> = Arc::new(dir.clone());
        let (scanned_at, entries) =
            index::read_all(&data.cache().join(NEWEST_FILE), ladder, &shared_dir)?;
        let start = entries.len().saturating_sub(n);
        let mut catalog = Catalog::default();
        for e in entries.into_iter().skip(start) {
            let path = dir.join(&e.name);
            let fresh = match fs::symlink_metadata(&path) {
                Ok(meta) => {
                    !meta.file_type().is_symlink()
                        && index::trusted(&FileStamp::of(&meta), &e.stamp, scanned_at)
                }
                Err(err) if err.kind() == io::ErrorKind::NotFound => continue,
                Err(_) => false,
            };
            let result = match (fresh, e.cached) {
                (true, index::Cached::Plan(mut s)) => {
                    s.set_path(&shared_dir, &path);
                    Ok(s)
                }
                (true, index::Cached::Broken { position, message }) => {
                    Err(LoadError::new(&path, position, message))
                }
                (false, _) => {
                    catalog.parsed += 1;
                    parse(ladder, &dir, &path, false).map(|(s, _)| s)
                }
            };
            match result {
                Ok(s) => Arc::make_mut(&mut catalog.summaries).push(s),
                Err(e) => catalog.broken.push(e),
            }
        }
        catalog.once_per_file::<()>(&mut Vec::new());
        Some(catalog)
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
    /// listed once, as [`super::Workbook`] lists it. `beside` holds one item per summary (or none), kept in step.
    /// Returns which summaries (by their positions before) were kept.
    fn once_per_file<T>(&mut self, beside: &mut Vec<T>) -> Vec<bool> {
        let mut seen = std::collections::HashSet::new();
        let keep: Vec<bool> = self
            .summaries
            .iter()
            .map(|s| seen.insert(s.path()))
            .collect();
        let mut flags = keep.iter();
        Arc::make_mut(&mut self.summaries).retain(|_| *flags.next().unwrap_or(&true));
        if beside.len() == keep.len() {
            let mut flags = keep.iter();
            beside.retain(|_| *flags.next().unwrap_or(&true));
        }
        self.broken.retain(|e| seen.insert(e.path.clone()));
        keep
    }

    /// Plans, newest first (by creation, then file name for a stable order), as [`super::Workbook`] lists them.
    pub fn newest_first(&self) -> Vec<&PlanSummary> {
        self.newest_first_positions()
            .into_iter()
            .map(|i| &self.summaries[i])
            .collect()
    }

    /// [`Catalog::newest_first`] as positions in `summaries`, which the search index numbers plans by.
    pub(crate) fn newest_first_positions(&self) -> Vec<usize> {
        let s = &self.summaries;
        let mut v: Vec<usize> = (0..s.len()).collect();
        v.sort_by(|&a, &b| {
            (s[b].created().cmp(&s[a].created())).then_with(|| s[b].path_cmp(&s[a]))
        });
        v
    }

    pub fn history(&self, ladder: &Ladder) -> History {
        History::from_facts_in(ladder, self.summaries.iter(), &self.register.keys())
            .with_register_roles(&self.register.people)
    }

    pub fn stats(&self, ladder: &Ladder) -> Stats {
        Stats::from_facts_in(ladder, self.summaries.iter(), &self.register.keys())
    }

    /// Which plans (positions in `summaries`) match every word of `query` anywhere in their text, and how well.
    pub fn search(&self, query: &str) -> io::Result<Hits> {
        self.search.search(&Filter::new(query))
    }

    /// The positions of the plans `query` matches, best match first (ties keep the catalog's order); an empty
    /// query matches every plan.
    pub fn filter_indexes(&self, query: &str) -> io::Result<Vec<usize>> {
        let hits = self.search(query)?;
        let mut found: Vec<(u32, usize)> = (0..self.summaries.len())
            .filter_map(|i| hits.score(i).map(|s| (s, i)))
            .collect();
        found.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        Ok(found.into_iter().map(|(_, i)| i).collect())
    }
}
