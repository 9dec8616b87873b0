//! The catalog's index: each plan file's summary (or its error), keyed by file name and by what `stat` says
//! about the file (size, modification and change times in nanoseconds, inode), as git's index does. A file whose
//! stat differs is read again; one modified too close to the last scan to be sure of is read again too (git's
//! "racy" case). The index is a cache and never more: a missing, corrupt or old-version index is rebuilt, and it
//! lives in `<data dir>/cache/`, outside the synced `plans/` folder.
//!
//! The format is a small binary one of our own (little-endian integers, length-prefixed UTF-8), with a checksum
//! at the end. It reads about ten times faster than JSON would, which is most of a warm `overture list`.

use std::fs::Metadata;
use std::io::{Read, Seek};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use strum::VariantArray;

use self::codec::{Reader, Writer};
use super::summary::{AttemptSummary, Location, PlanSummary, PlanText, Stamps};
use crate::domain::{Direction, Ladder, OutcomeFacts, OutcomeResult, PlanFacts, Status};
use crate::store::{LoadError, read};

mod codec;

const MAGIC: &[u8; 8] = b"OVTRIDX\n";
/// Bump when the summary or its encoding changes; an index of another version is rebuilt.
const INDEX_VERSION: u32 = 10;
/// A file modified this close to the scan that indexed it may change again within the file system's timestamp
/// granularity without its stat changing, so it is not trusted (2 s covers FAT and most network shares).
const RACY_NS: i64 = 2_000_000_000;
/// An index larger than this is not read (a workbook of a million plans is still well under it).
const MAX_INDEX_BYTES: u64 = 1 << 30;
const INDEX_CAP: read::Cap = read::Cap {
    bytes: MAX_INDEX_BYTES,
    what: "the index",
};

/// What identifies one version of a file without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FileStamp {
    pub len: u64,
    pub mtime_ns: i64,
    pub ctime_ns: i64,
    pub ino: u64,
}

impl FileStamp {
    /// Eight bytes that differ when the stamps do (but for a chance of one in 2^64), for a second index that
    /// only confirms what the catalog's index already checked in full: 32 bytes a file less while a load runs.
    pub(crate) fn digest(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (self.len, self.mtime_ns, self.ctime_ns, self.ino).hash(&mut h);
        h.finish()
    }

    pub(crate) fn of(meta: &Metadata) -> FileStamp {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            FileStamp {
                len: meta.len(),
                mtime_ns: meta.mtime().saturating_mul(1_000_000_000) + meta.mtime_nsec(),
                ctime_ns: meta.ctime().saturating_mul(1_000_000_000) + meta.ctime_nsec(),
                ino: meta.ino(),
            }
        }
        #[cfg(not(unix))]
        {
            let mtime_ns = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
            FileStamp {
                len: meta.len(),
                mtime_ns,
                ctime_ns: 0,
                ino: 0,
            }
        }
    }
}

/// What the index remembers about one file. Nearly every entry is a plan, so boxing the larger variant would only
/// add an allocation per entry.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub(crate) enum Cached {
    Plan(PlanSummary),
    Broken {
        position: Option<(usize, usize)>,
        message: String,
    },
}

/// An index as read back, lined up with the listing it was read for: `entries[i]` is what the index remembers of
/// the listing's file `i`.
#[derive(Debug, Default)]
pub(crate) struct Index {
    scanned_at_ns: i64,
    /// The summaries of the listed files, in the listing's order: the catalog takes this vector over as it is
    /// when every one of them is still fresh (a warm load), so that fifty thousand summaries are never held
    /// twice, once here and once in the catalog.
    plans: Vec<PlanSummary>,
    /// Forty bytes a listed file: a load holds them beside what it makes.
    entries: Vec<Option<(FileStamp, Kept)>>,
    /// Where and why each broken file could not be read, by [`Kept::Broken`]'s position.
    broken: Vec<(Option<(usize, usize)>, String)>,
    /// Entries for files the listing no longer has: the index must be rewritten without them.
    pub gone: usize,
}

/// Where an entry's summary is, or why its file could not be read.
#[derive(Debug)]
pub(crate) enum Slot {
    /// A position in [`Index::plans`].
    Plan(usize),
    Broken(Box<(Option<(usize, usize)>, String)>),
}

/// A [`Slot`] as an entry keeps it: positions in [`Index::plans`] or [`Index::broken`].
#[derive(Debug, Clone, Copy)]
enum Kept {
    Plan(u32),
    Broken(u32),
}

impl Index {
    /// Whether entry `i` can stand in for the file: same stat, and not modified so close to the scan that a later
    /// change could have kept the same stat.
    pub(crate) fn fresh(&self, i: usize, stamp: &FileStamp) -> bool {
        self.entries
            .get(i)
            .and_then(Option::as_ref)
            .is_some_and(|e| trusted(stamp, &e.0, self.scanned_at_ns))
    }

    /// Whether the index holds anything of the listing's file `i`: when not, no stat can show it fresh.
    pub(crate) fn knows(&self, i: usize) -> bool {
        self.entries.get(i).is_some_and(Option::is_some)
    }

    /// Whether the index holds anything of any listed file (a first run's holds nothing).
    pub(crate) fn knows_any(&self) -> bool {
        self.entries.iter().any(Option::is_some)
    }

    /// Whether entry `i` is a file that could not be read (which has no words to search).
    pub(crate) fn broken(&self, i: usize) -> bool {
        matches!(self.entries.get(i), Some(Some((_, Kept::Broken(_)))))
    }

    /// Takes entry `i` out: its stamp and where its summary is ([`Index::plan_mut`]) or its error.
    pub(crate) fn take(&mut self, i: usize) -> Option<(FileStamp, Slot)> {
        let (stamp, kept) = self.entries.get_mut(i)?.take()?;
        Some((
            stamp,
            match kept {
                Kept::Plan(k) => Slot::Plan(k as usize),
                Kept::Broken(b) => Slot::Broken(Box::new(
                    self.broken
                        .get_mut(b as usize)
                        .map(std::mem::take)
                        .unwrap_or_default(),
                )),
            },
        ))
    }

    /// The summary at `k` of [`Slot::Plan`].
    pub(crate) fn plan_mut(&mut self, k: usize) -> Option<&mut PlanSummary> {
        self.plans.get_mut(k)
    }

    /// The summaries, in the listing's order, to become the catalog's.
    pub(crate) fn into_plans(self) -> Vec<PlanSummary> {
        self.plans
    }
}

/// The nanoseconds since the epoch now, on the same clock file times use.
pub(crate) fn now_ns() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

/// A fingerprint of what the summaries depend on besides the file: the ladder's keys, names and aliases (they
/// decide the tactic names in the search text).
pub(crate) fn ladder_fingerprint(ladder: &Ladder) -> u64 {
    let mut bytes = Vec::new();
    for r in ladder.rungs() {
        for s in std::iter::once(&r.key)
            .chain(std::iter::once(&r.name))
            .chain(&r.aliases)
        {
            bytes.extend_from_slice(s.as_bytes());
            bytes.push(0);
        }
        bytes.push(1);
    }
    checksum(&bytes)
}

/// A fast 64-bit hash to notice a damaged file (not a defence against tampering: the files are the truth).
fn checksum(bytes: &[u8]) -> u64 {
    let mut sum = Sum::default();
    sum.feed(bytes);
    sum.finish()
}

/// [`checksum`] fed in pieces, to check a file without holding it (the search index's posting lists).
#[derive(Default)]
pub(crate) struct Sum {
    h: u64,
    pending: Vec<u8>,
    total: u64,
}

impl Sum {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;

    pub(crate) fn feed(&mut self, mut bytes: &[u8]) {
        self.total += bytes.len() as u64;
        if !self.pending.is_empty() {
            let need = 8 - self.pending.len();
            let take = need.min(bytes.len());
            self.pending.extend_from_slice(&bytes[..take]);
            bytes = &bytes[take..];
            if self.pending.len() < 8 {
                return;
            }
            let w: [u8; 8] = self.pending[..8].try_into().unwrap_or([0; 8]);
            self.mix(u64::from_le_bytes(w));
            self.pending.clear();
        }
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.mix(u64::from_le_bytes(w));
        }
        self.pending.extend_from_slice(chunks.remainder());
    }

    fn mix(&mut self, w: u64) {
        self.h = (self.h ^ w).wrapping_mul(Self::K);
        self.h ^= self.h >> 29;
    }

    pub(crate) fn finish(mut self) -> u64 {
        let rest = std::mem::take(&mut self.pending);
        for b in rest {
            self.mix(u64::from(b));
        }
        self.mix(self.total);
        self.h
    }
}

/// Reads the index for a listing (file names sorted as bytes; `None` for names that are not UTF-8). Anything
/// unreadable, damaged or from another version or ladder is an empty index.
/// A pipe, a device or a file over [`MAX_INDEX_BYTES`] in the index's place is not read at all, and a file that
/// does not start as an index of this version is read no further than its first twelve bytes (a sparse file of
/// gigabytes costs nothing): the index is then rebuilt.
pub(crate) fn read(
    path: &Path,
    ladder: &Ladder,
    dir: &Arc<PathBuf>,
    names: &[Option<&str>],
) -> Index {
    open_bounded(path)
        .and_then(|(file, len)| decode(file, len, ladder, dir, names))
        // No index: no entries at all (each is `None` all the same), rather than one per listed file.
        .unwrap_or_else(|| empty(0))
}

/// The index file opened and its length, when it is a regular file of this version within the cap. It is then
/// decoded as it is read, a few kilobytes at a time: at fifty thousand plans the whole file is 18 MB, which the
/// load would otherwise hold beside every summary decoded from it.
fn open_bounded(path: &Path) -> Option<(std::fs::File, u64)> {
    let (mut file, len) = read::open(path, INDEX_CAP).ok()?;
    let mut head = [0u8; MAGIC.len() + 4];
    file.read_exact(&mut head).ok()?;
    let (magic, version) = head.split_at(MAGIC.len());
    if magic != MAGIC || version != INDEX_VERSION.to_le_bytes() {
        return None;
    }
    file.rewind().ok()?;
    Some((file, len))
}

fn empty(n: usize) -> Index {
    Index {
        scanned_at_ns: 0,
        plans: Vec::new(),
        entries: (0..n).map(|_| None).collect(),
        broken: Vec::new(),
        gone: 0,
    }
}

/// One row to write: a file name, its stamp and what it held.
#[derive(Clone)]
pub(crate) struct Row<'a> {
    pub name: &'a str,
    pub stamp: FileStamp,
    pub plan: Result<&'a PlanSummary, &'a LoadError>,
}

pub(crate) fn encode<'a>(
    rows: impl ExactSizeIterator<Item = Row<'a>>,
    scanned_at_ns: i64,
    fingerprint: u64,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 + rows.len() * 300);
    // Writing to memory cannot fail.
    let _ = encode_to(rows.len(), rows, scanned_at_ns, fingerprint, &mut out);
    out
}

/// Writes the index of `rows` to `out` as it is made, a piece at a time, so that it is never held whole: at
/// 50,000 plans it is 16 MB, which a first run held beside every summary. `rows` must give `count` rows.
pub(crate) fn encode_to<'a>(
    count: usize,
    rows: impl Iterator<Item = Row<'a>>,
    scanned_at_ns: i64,
    fingerprint: u64,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    const PIECE: usize = 1 << 16;
    let mut sum = Sum::default();
    let mut w = Writer(Vec::with_capacity(PIECE + 4096));
    let mut put = |w: &mut Writer| -> std::io::Result<()> {
        sum.feed(&w.0);
        out.write_all(&w.0)?;
        w.0.clear();
        Ok(())
    };
    w.0.extend_from_slice(MAGIC);
    w.u32(INDEX_VERSION);
    w.str(env!("CARGO_PKG_VERSION"));
    w.u64(fingerprint);
    w.i64(scanned_at_ns);
    w.u64(count as u64);
    for row in rows {
        w.str(row.name);
        w.u64(row.stamp.len);
        w.i64(row.stamp.mtime_ns);
        w.i64(row.stamp.ctime_ns);
        w.u64(row.stamp.ino);
        match row.plan {
            Ok(s) => {
                w.u8(0);
                write_summary(&mut w, s);
            }
            Err(e) => {
                w.u8(1);
                let (line, col) = e.position.unwrap_or((0, 0));
                w.u64(line as u64);
                w.u64(col as u64);
                w.str(&e.message);
            }
        }
        if w.0.len() >= PIECE {
            put(&mut w)?;
        }
    }
    put(&mut w)?;
    out.write_all(&sum.finish().to_le_bytes())
}

fn write_summary(w: &mut Writer, s: &PlanSummary) {
    w.str(s.text.id());
    w.u32(s.version());
    w.str(s.text.title());
    w.timestamp(s.created());
    w.timestamp(s.updated());
    w.u8(Status::VARIANTS
        .iter()
        .position(|x| *x == s.status)
        .unwrap_or(0) as u8);
    w.str(&s.stakeholder.name);
    w.str(&s.stakeholder.role);
    w.u8(tag(Direction::VARIANTS, s.stakeholder.direction));
    w.rung(s.tactic.primary.as_ref());
    w.rung(s.tactic.backup.as_ref());
    w.str(&s.tactic.escalation_reason);
    w.u64(s.attempts.len() as u64);
    for a in s.attempts() {
        w.rung(a.tactic);
        w.date(a.on);
        w.u8(tag(OutcomeResult::VARIANTS, a.result));
        w.str(a.from);
    }
    match s.outcome {
        None => w.u8(0),
        Some(o) => {
            w.u8(1);
            w.date(o.on);
            w.u8(tag(OutcomeResult::VARIANTS, o.result));
            w.date(o.follow_up);
        }
    }
    w.date(s.by);
    w.str(s.text.follows());
}

/// 0 for none, else 1 + the position in `all`.
fn tag<T: PartialEq>(all: &[T], v: Option<T>) -> u8 {
    v.and_then(|v| all.iter().position(|x| *x == v))
        .map_or(0, |i| i as u8 + 1)
}

fn untag<T: Copy>(all: &[T], t: u8) -> Option<Option<T>> {
    match t {
        0 => Some(None),
        t => all.get(usize::from(t) - 1).map(|v| Some(*v)),
    }
}

/// Reads an index file of `len` bytes from `src` and calls `each` with every entry in order (name, stamp, what it
/// held); returns the scan time. `None` when anything is damaged, foreign or out of order, or `each` says so: the
/// checksum is only known at the end, so a caller keeps nothing `each` was given unless this returns `Some`.
fn entries(
    src: impl Read,
    len: u64,
    ladder: &Ladder,
    dir: &Arc<PathBuf>,
    mut each: impl FnMut(&str, FileStamp, Cached) -> Option<()>,
) -> Option<i64> {
    let mut r = Reader::new(src, len.checked_sub(8)?);
    if r.take(MAGIC.len())? != MAGIC
        || r.u32()? != INDEX_VERSION
        || r.str_ref()? != env!("CARGO_PKG_VERSION")
        || r.u64()? != ladder_fingerprint(ladder)
    {
        return None;
    }
    let scanned_at_ns = r.i64()?;
    let count = r.u64()?;
    // The previous name, kept in one buffer rather than one allocation per entry.
    let mut previous = String::new();
    for n in 0..count {
        let name = r.str_ref()?;
        // Sorted and unique, or a walk in step with a listing would miss entries.
        if n > 0 && previous.as_str() >= name {
            return None;
        }
        previous.clear();
        previous.push_str(name);
        let stamp = FileStamp {
            len: r.u64()?,
            mtime_ns: r.i64()?,
            ctime_ns: r.i64()?,
            ino: r.u64()?,
        };
        let cached = match r.u8()? {
            // The path is the listing's, set when the entry is used.
            0 => Cached::Plan(read_summary(&mut r, ladder, dir, &previous)?),
            1 => {
                let line = usize::try_from(r.u64()?).ok()?;
                let col = usize::try_from(r.u64()?).ok()?;
                Cached::Broken {
                    position: (line > 0).then_some((line, col)),
                    message: r.str()?,
                }
            }
            _ => return None,
        };
        each(&previous, stamp, cached)?;
    }
    if !r.at_end() {
        return None;
    }
    let mut sum = [0u8; 8];
    r.src.read_exact(&mut sum).ok()?;
    // Nothing may follow the checksum (the file grew while it was read, or is not what it seems).
    if r.src.read(&mut [0u8; 1]).ok()? != 0 {
        return None;
    }
    (r.sum.finish() == u64::from_le_bytes(sum)).then_some(scanned_at_ns)
}

fn decode(
    src: impl Read,
    len: u64,
    ladder: &Ladder,
    dir: &Arc<PathBuf>,
    names: &[Option<&str>],
) -> Option<Index> {
    let mut index = empty(names.len());
    // Pages of the room not filled are never touched, so reserving for every listed file costs nothing.
    index.plans.reserve_exact(names.len());
    // The listing's UTF-8 names in order, walked in step with the index's (both sorted): one pass, no lookups.
    let mut listed = names
        .iter()
        .enumerate()
        .filter_map(|(i, n)| n.map(|n| (i, n)))
        .peekable();
    index.scanned_at_ns = entries(src, len, ladder, dir, |name, stamp, cached| {
        while listed.next_if(|&(_, n)| n < name).is_some() {}
        match listed.next_if(|&(_, n)| n == name) {
            Some((i, _)) => {
                // Fewer than four billion: each entry is one of the listing's names.
                let slot = match cached {
                    Cached::Plan(s) => {
                        index.plans.push(s);
                        Kept::Plan((index.plans.len() - 1) as u32)
                    }
                    Cached::Broken { position, message } => {
                        index.broken.push((position, message));
                        Kept::Broken((index.broken.len() - 1) as u32)
                    }
                };
                index.entries[i] = Some((stamp, slot));
            }
            None => index.gone += 1,
        }
        Some(())
    })?;
    Some(index)
}

/// One entry of a file read whole by [`read_all`].
pub(crate) struct Entry {
    pub name: String,
    pub stamp: FileStamp,
    pub cached: Cached,
}

/// Every entry of a small index file (the newest plans', `cache/newest`), without a listing to line it up with:
/// the entries in name order and the time of the scan that wrote them. `None` when missing or damaged.
pub(crate) fn read_all(
    path: &Path,
    ladder: &Ladder,
    dir: &Arc<PathBuf>,
) -> Option<(i64, Vec<Entry>)> {
    let (file, len) = open_bounded(path)?;
    let mut out = Vec::new();
    let scanned_at = entries(file, len, ladder, dir, |name, stamp, cached| {
        out.push(Entry {
            name: name.to_string(),
            stamp,
            cached,
        });
        Some(())
    })?;
    Some((scanned_at, out))
}

/// Whether a file with `stamp` can be trusted from an index written at `scanned_at_ns` (see [`Index::fresh`]).
pub(crate) fn trusted(stamp: &FileStamp, cached: &FileStamp, scanned_at_ns: i64) -> bool {
    stamp == cached && stamp.mtime_ns < scanned_at_ns.saturating_sub(RACY_NS)
}

/// A summary as the index holds it, its rungs resolved against `ladder` (which the fingerprint vouches for).
/// `file_name` is the file's, in the plans' folder `dir` (where the listing will find it).
fn read_summary(
    r: &mut Reader<impl Read>,
    ladder: &Ladder,
    dir: &Arc<PathBuf>,
    file_name: &str,
) -> Option<PlanSummary> {
    let id = r.str_ref()?.to_string();
    let version = r.u32()?;
    let title = r.str_ref()?.to_string();
    let created = r.timestamp()?;
    let updated = r.timestamp()?;
    let status = *Status::VARIANTS.get(usize::from(r.u8()?))?;
    // Name and role are read into two reused buffers: a stakeholder already held costs no allocation.
    let [mut name, mut role] = std::mem::take(&mut r.scratch);
    name.clear();
    name.push_str(r.str_ref()?);
    role.clear();
    role.push_str(r.str_ref()?);
    let direction = untag(Direction::VARIANTS, r.u8()?)?;
    let stakeholder = r.interner.stakeholder(&name, &role, direction);
    r.scratch = [name, role];
    // A tactic holds its rungs by value (a whole plan's does too); an attempt shares them.
    let primary = r.rung(ladder)?.map(Arc::unwrap_or_clone);
    let backup = r.rung(ladder)?.map(Arc::unwrap_or_clone);
    // Copied out of the reader's buffer so the interner can be borrowed; no allocation unless new.
    let mut buf = std::mem::take(&mut r.scratch[0]);
    buf.clear();
    buf.push_str(r.str_ref()?);
    let tactic = r.interner.tactic(primary, backup, &buf);
    r.scratch[0] = buf;
    let n = usize::try_from(r.u64()?).ok()?;
    let mut attempts = Vec::with_capacity(n.min(64));
    for _ in 0..n {
        let tactic = r.rung(ladder)?;
        attempts.push(AttemptSummary {
            tactic,
            on: r.date()?,
            result: untag(OutcomeResult::VARIANTS, r.u8()?)?,
            from: r.str_ref()?.into(),
        });
    }
    let outcome = match r.u8()? {
        0 => None,
        1 => Some(OutcomeFacts {
            on: r.date()?,
            result: untag(OutcomeResult::VARIANTS, r.u8()?)?,
            follow_up: r.date()?,
        }),
        _ => return None,
    };
    let by = r.date()?;
    let follows = r.str_ref()?;
    Some(PlanSummary {
        location: Location::In(Arc::clone(dir)),
        text: PlanText::with_name(&id, &title, follows, file_name),
        version: PlanSummary::short_version(version),
        stamps: Stamps::new(created, updated),
        status,
        stakeholder,
        tactic,
        attempts: attempts.into_boxed_slice(),
        outcome,
        by,
    })
}

#[cfg(test)]
mod tests;
