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
use strum::VariantArray;

use jiff::Timestamp;
use jiff::civil::Date;

use super::summary::PlanSummary;
use crate::domain::{
    Attempt, Direction, Ladder, Outcome, OutcomeResult, RungKey, RungRef, Stakeholder, Status,
    Tactic,
};
use crate::store::{LoadError, read};

const MAGIC: &[u8; 8] = b"OVTRIDX\n";
/// Bump when the summary or its encoding changes; an index of another version is rebuilt.
const INDEX_VERSION: u32 = 9;
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
    /// Boxed: a slot costs eight bytes until filled, and a summary moved out into the catalog frees its box
    /// (unboxed, fifty thousand slots held 20 MB beside the catalog's own copy until the load ended).
    entries: Vec<Option<Box<(FileStamp, Cached)>>>,
    /// Entries for files the listing no longer has: the index must be rewritten without them.
    pub gone: usize,
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

    /// Whether entry `i` is a file that could not be read (which has no words to search).
    pub(crate) fn broken(&self, i: usize) -> bool {
        matches!(self.entries.get(i), Some(Some(e)) if matches!(e.1, Cached::Broken { .. }))
    }

    /// Takes entry `i` out, to move its summary into the catalog.
    pub(crate) fn take(&mut self, i: usize) -> Option<(FileStamp, Cached)> {
        self.entries.get_mut(i)?.take().map(|e| *e)
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
pub(crate) fn read(path: &Path, fingerprint: u64, names: &[Option<&str>]) -> Index {
    read_bounded(path)
        .and_then(|bytes| decode(&bytes, fingerprint, names))
        .unwrap_or_else(|| empty(names.len()))
}

fn read_bounded(path: &Path) -> Option<Vec<u8>> {
    let (mut file, len) = read::open(path, INDEX_CAP).ok()?;
    let mut head = [0u8; MAGIC.len() + 4];
    file.read_exact(&mut head).ok()?;
    let (magic, version) = head.split_at(MAGIC.len());
    if magic != MAGIC || version != INDEX_VERSION.to_le_bytes() {
        return None;
    }
    file.rewind().ok()?;
    read::rest(file, len, INDEX_CAP).ok()
}

fn empty(n: usize) -> Index {
    Index {
        scanned_at_ns: 0,
        entries: (0..n).map(|_| None).collect(),
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
    let mut w = Writer(Vec::with_capacity(64 + rows.len() * 600));
    w.0.extend_from_slice(MAGIC);
    w.u32(INDEX_VERSION);
    w.str(env!("CARGO_PKG_VERSION"));
    w.u64(fingerprint);
    w.i64(scanned_at_ns);
    w.u64(rows.len() as u64);
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
    }
    let sum = checksum(&w.0);
    w.u64(sum);
    w.0
}

fn write_summary(w: &mut Writer, s: &PlanSummary) {
    w.str(&s.id);
    w.u32(s.version);
    w.str(&s.title);
    w.timestamp(s.created);
    w.timestamp(s.updated);
    w.u8(Status::VARIANTS
        .iter()
        .position(|x| *x == s.status)
        .unwrap_or(0) as u8);
    w.str(&s.stakeholder.name);
    w.str(&s.stakeholder.role);
    w.u8(tag(Direction::VARIANTS, s.stakeholder.direction));
    w.u64(s.stakeholder.cares_about.len() as u64);
    for c in &s.stakeholder.cares_about {
        w.str(c);
    }
    w.rung(s.tactic.primary.as_ref());
    w.rung(s.tactic.backup.as_ref());
    w.str(&s.tactic.escalation_reason);
    w.u64(s.attempts.len() as u64);
    for a in &s.attempts {
        w.rung(a.tactic.as_ref());
        w.date(a.on);
        w.u8(tag(OutcomeResult::VARIANTS, a.result));
        w.str(&a.from);
    }
    match &s.outcome {
        None => w.u8(0),
        Some(o) => {
            w.u8(1);
            w.date(o.on);
            w.u8(tag(OutcomeResult::VARIANTS, o.result));
            w.date(o.follow_up);
        }
    }
    w.date(s.by);
    w.str(&s.follows);
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

struct Writer(Vec<u8>);

impl Writer {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn i64(&mut self, v: i64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn str(&mut self, s: &str) {
        self.u32(u32::try_from(s.len()).unwrap_or(u32::MAX));
        self.0.extend_from_slice(s.as_bytes());
    }
    /// A rung as its key, the empty text for none: the same bytes a plain text field had, so an index written
    /// before rungs were typed still reads. The catalog resolves the keys against its ladder.
    fn rung(&mut self, rung: Option<&RungRef>) {
        self.str(RungRef::text(rung));
    }
    fn timestamp(&mut self, t: Timestamp) {
        self.i64(t.as_second());
        self.u32(t.subsec_nanosecond() as u32);
    }
    fn date(&mut self, d: Option<Date>) {
        match d {
            None => self.u8(0),
            Some(d) => {
                self.u8(1);
                self.0.extend_from_slice(&d.year().to_le_bytes());
                self.0.push(d.month() as u8);
                self.0.push(d.day() as u8);
            }
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let out = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(out)
    }
    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Some(a)
    }
    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.array()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.array()?))
    }
    fn i64(&mut self) -> Option<i64> {
        Some(i64::from_le_bytes(self.array()?))
    }
    fn str(&mut self) -> Option<String> {
        self.str_ref().map(str::to_string)
    }
    fn str_ref(&mut self) -> Option<&'a str> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.take(n)?).ok()
    }
    fn rung(&mut self) -> Option<Option<RungRef>> {
        Some(RungKey::new(self.str()?).map(RungRef::Unknown))
    }
    fn timestamp(&mut self) -> Option<Timestamp> {
        let s = self.i64()?;
        let ns = self.u32()?;
        Timestamp::new(s, i32::try_from(ns).ok()?).ok()
    }
    fn date(&mut self) -> Option<Option<Date>> {
        match self.u8()? {
            0 => Some(None),
            1 => {
                let y = i16::from_le_bytes(self.array()?);
                let m = self.u8()? as i8;
                let d = self.u8()? as i8;
                Date::new(y, m, d).ok().map(Some)
            }
            _ => None,
        }
    }
}

/// Checks an index file's bytes and calls `each` with every entry in order (name, stamp, what it held); returns
/// the scan time. `None` when anything is damaged, foreign or out of order, or `each` says so.
fn entries<'a>(
    bytes: &'a [u8],
    fingerprint: u64,
    mut each: impl FnMut(&'a str, FileStamp, Cached) -> Option<()>,
) -> Option<i64> {
    let (body, sum) = bytes.split_at_checked(bytes.len().checked_sub(8)?)?;
    let mut s = [0u8; 8];
    s.copy_from_slice(sum);
    if checksum(body) != u64::from_le_bytes(s) {
        return None;
    }
    let mut r = Reader { bytes: body, at: 0 };
    if r.take(MAGIC.len())? != MAGIC
        || r.u32()? != INDEX_VERSION
        || r.str_ref()? != env!("CARGO_PKG_VERSION")
        || r.u64()? != fingerprint
    {
        return None;
    }
    let scanned_at_ns = r.i64()?;
    let count = r.u64()?;
    let mut previous: Option<&str> = None;
    for _ in 0..count {
        let name = r.str_ref()?;
        // Sorted and unique, or a walk in step with a listing would miss entries.
        if previous.is_some_and(|p| p >= name) {
            return None;
        }
        previous = Some(name);
        let stamp = FileStamp {
            len: r.u64()?,
            mtime_ns: r.i64()?,
            ctime_ns: r.i64()?,
            ino: r.u64()?,
        };
        let cached = match r.u8()? {
            // The path is the listing's, set when the entry is used.
            0 => Cached::Plan(read_summary(&mut r, PathBuf::new())?),
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
        each(name, stamp, cached)?;
    }
    (r.at == body.len()).then_some(scanned_at_ns)
}

fn decode(bytes: &[u8], fingerprint: u64, names: &[Option<&str>]) -> Option<Index> {
    let mut index = empty(names.len());
    // The listing's UTF-8 names in order, walked in step with the index's (both sorted): one pass, no lookups.
    let mut listed = names
        .iter()
        .enumerate()
        .filter_map(|(i, n)| n.map(|n| (i, n)))
        .peekable();
    index.scanned_at_ns = entries(bytes, fingerprint, |name, stamp, cached| {
        while listed.next_if(|&(_, n)| n < name).is_some() {}
        match listed.next_if(|&(_, n)| n == name) {
            Some((i, _)) => index.entries[i] = Some(Box::new((stamp, cached))),
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
pub(crate) fn read_all(path: &Path, fingerprint: u64) -> Option<(i64, Vec<Entry>)> {
    let bytes = read_bounded(path)?;
    let mut out = Vec::new();
    let scanned_at = entries(&bytes, fingerprint, |name, stamp, cached| {
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

fn read_summary(r: &mut Reader, path: PathBuf) -> Option<PlanSummary> {
    let id = r.str()?;
    let version = r.u32()?;
    let title = r.str()?;
    let created = r.timestamp()?;
    let updated = r.timestamp()?;
    let status = *Status::VARIANTS.get(usize::from(r.u8()?))?;
    let name = r.str()?;
    let role = r.str()?;
    let direction = untag(Direction::VARIANTS, r.u8()?)?;
    let n = usize::try_from(r.u64()?).ok()?;
    let mut cares_about = Vec::with_capacity(n.min(16));
    for _ in 0..n {
        cares_about.push(r.str()?);
    }
    let stakeholder = Stakeholder {
        name,
        role,
        direction,
        cares_about,
    };
    let tactic = Tactic {
        primary: r.rung()?,
        backup: r.rung()?,
        rationale: String::new(),
        escalation_reason: r.str()?,
    };
    let n = usize::try_from(r.u64()?).ok()?;
    let mut attempts = Vec::with_capacity(n.min(64));
    for _ in 0..n {
        attempts.push(Attempt {
            tactic: r.rung()?,
            on: r.date()?,
            result: untag(OutcomeResult::VARIANTS, r.u8()?)?,
            notes: String::new(),
            from: r.str()?,
        });
    }
    let outcome = match r.u8()? {
        0 => None,
        1 => Some(Outcome {
            on: r.date()?,
            result: untag(OutcomeResult::VARIANTS, r.u8()?)?,
            notes: String::new(),
            follow_up: r.date()?,
        }),
        _ => return None,
    };
    let by = r.date()?;
    let follows = r.str()?;
    Some(PlanSummary {
        path,
        id,
        version,
        title,
        created,
        updated,
        status,
        stakeholder,
        tactic,
        attempts,
        outcome,
        by,
        follows,
    })
}
