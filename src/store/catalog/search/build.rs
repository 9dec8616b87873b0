//! Writing a search index: the old index's lists renumbered and merged with the words of the plans read since,
//! one word at a time.

use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::Mutex;

use super::words::NewWords;
use super::{
    CAP, HEADER, MAGIC, NEVER, PeopleText, SearchIndex, Source, VERSION, put_gap, read_dict,
};
use crate::store::atomic::{self, TempFile};
use crate::store::catalog::index::{FileStamp, Sum};
use crate::store::read;

/// Encodes sorted plan numbers as the shorter of gaps and a bitmap; returns whether it is a bitmap.
pub(super) fn encode_list(plans: &[u32], n: usize, out: &mut Vec<u8>) -> bool {
    let start = out.len();
    let mut previous: Option<u32> = None;
    for &p in plans {
        put_gap(out, previous.map_or(p, |q| p - q));
        previous = Some(p);
    }
    let bitmap_len = n.div_ceil(8);
    if out.len() - start <= bitmap_len {
        return false;
    }
    out.truncate(start);
    out.resize(start + bitmap_len, 0);
    for &p in plans {
        out[start + p as usize / 8] |= 1 << (p % 8);
    }
    true
}

/// Where each plan of a new index comes from.
pub enum Origin<'a> {
    /// Unchanged: its number in the old index.
    Old(u32),
    /// Read now: its words (`domain::filter::terms`).
    New(&'a str),
    /// Read now, its words already given to the [`NewWords`] the builder was made with.
    Given,
}

/// Writes a new index from the old one and the plans read since, in the catalog's order, one plan at a time, so
/// that only the new plans' words are held (as short gap lists) rather than every plan's text.
pub struct Builder<'a> {
    old: Option<&'a SearchIndex>,
    /// The old plan numbers' new numbers (`u32::MAX`: gone or read again).
    remap: Vec<u32>,
    fresh: NewWords,
    pub(super) names: Names,
    /// One plan's entry of `names`, made here before it is put there (kept, so that no plan allocates one).
    entry: Vec<u8>,
    plans: u32,
}

/// The plans' section (each plan's file name and stat, about 90 bytes a plan) as the plans are given: in memory,
/// or in a scratch file when the index will be written to one ([`Builder::spill_names`]), so that a load does not
/// hold it (4.4 MB at 50,000 plans) while the words are merged.
pub(super) enum Names {
    Memory(Vec<u8>),
    Scratch {
        /// Keeps the scratch file (unlinked on Unix, removed on drop elsewhere) for as long as it is needed.
        temp: TempFile,
        out: BufWriter<std::fs::File>,
        len: u64,
        /// The first write that failed: the index is then not written ([`Builder::write`] returns it).
        failed: Option<io::Error>,
    },
}

impl Names {
    fn put(&mut self, bytes: &[u8]) {
        match self {
            Names::Memory(v) => v.extend_from_slice(bytes),
            Names::Scratch {
                out, len, failed, ..
            } => {
                if failed.is_none() {
                    match out.write_all(bytes) {
                        Ok(()) => *len += bytes.len() as u64,
                        Err(e) => *failed = Some(e),
                    }
                }
            }
        }
    }

    fn len(&self) -> u64 {
        match self {
            Names::Memory(v) => v.len() as u64,
            Names::Scratch { len, .. } => *len,
        }
    }

    /// Feeds the section to `sum` and `to`, from memory or read back from its scratch file.
    fn copy(self, sum: &mut Sum, to: &mut impl Write) -> io::Result<()> {
        match self {
            Names::Memory(v) => {
                sum.feed(&v);
                to.write_all(&v)
            }
            Names::Scratch {
                mut temp,
                out,
                len,
                failed,
            } => {
                if let Some(e) = failed {
                    return Err(e);
                }
                out.into_inner().map_err(|e| e.into_error())?;
                let file = temp.file();
                file.seek(SeekFrom::Start(0))?;
                let mut chunk = vec![0u8; CHUNK];
                let mut rest = len;
                while rest > 0 {
                    let take = usize::try_from(rest.min(CHUNK as u64)).unwrap_or(CHUNK);
                    file.read_exact(&mut chunk[..take])?;
                    sum.feed(&chunk[..take]);
                    to.write_all(&chunk[..take])?;
                    rest -= take as u64;
                }
                Ok(())
            }
        }
    }

    /// The section in memory, read back from its scratch file if it is there.
    fn into_bytes(self) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        self.copy(&mut Sum::default(), &mut out)?;
        Ok(out)
    }
}

impl<'a> Builder<'a> {
    pub fn new(old: Option<&'a SearchIndex>) -> Self {
        Builder {
            old,
            remap: vec![u32::MAX; old.map_or(0, SearchIndex::plans)],
            fresh: NewWords::default(),
            names: Names::Memory(Vec::new()),
            entry: Vec::new(),
            plans: 0,
        }
    }

    /// Writes the plans' section to a scratch file in `dir` as the plans are given, rather than holding it: for
    /// a builder whose index [`Builder::write`] will write. Before any plan is given; on an error it stays in
    /// memory.
    pub(crate) fn spill_names(&mut self, dir: &Path) {
        if self.plans > 0 {
            return;
        }
        let Ok(mut temp) = TempFile::scratch(dir) else {
            return;
        };
        if let Ok(file) = temp.file().try_clone() {
            self.names = Names::Scratch {
                temp,
                out: BufWriter::with_capacity(CHUNK, file),
                len: 0,
                failed: None,
            };
        }
    }

    /// The next plan: its file name, its stat when it can be trusted next time, and where its words come from.
    pub(crate) fn plan(&mut self, name: &str, stamp: Option<FileStamp>, origin: Origin) {
        let number = self.plans;
        self.plans += 1;
        let mut entry = std::mem::take(&mut self.entry);
        entry.clear();
        put_str(&mut entry, name);
        let s = stamp.unwrap_or(NEVER);
        for v in [s.len, s.mtime_ns as u64, s.ctime_ns as u64, s.ino] {
            entry.extend_from_slice(&v.to_le_bytes());
        }
        self.names.put(&entry);
        self.entry = entry;
        match origin {
            Origin::Old(old) => {
                if let Some(slot) = self.remap.get_mut(old as usize) {
                    *slot = number;
                }
            }
            Origin::New(words) => self.fresh.add(number, words),
            Origin::Given => {}
        }
    }

    /// Takes the words of plans read now, gathered beforehand under the numbers these plans will have here (the
    /// catalog's positions): each such plan then comes with [`Origin::Given`].
    pub(crate) fn with_words(mut self, words: NewWords) -> Self {
        self.fresh = words;
        self
    }

    /// The new index's bytes, in memory: the old words' lists renumbered, merged with the new plans' words.
    pub(crate) fn finish(self, fingerprint: u64) -> io::Result<Vec<u8>> {
        let mut lists = Vec::new();
        let body = self.body(&mut lists)?;
        let header = body.header(fingerprint);
        let names = body.names.into_bytes()?;
        let mut out = Vec::with_capacity(HEADER + names.len() + body.dict.len() + lists.len() + 8);
        out.extend_from_slice(&header);
        out.extend_from_slice(&names);
        out.extend_from_slice(&body.dict);
        out.extend_from_slice(&lists);
        let mut sum = Sum::default();
        sum.feed(&out);
        out.extend_from_slice(&sum.finish().to_le_bytes());
        Ok(out)
    }

    /// Writes the new index to `path` (atomically, private to the user) as [`Builder::finish`] would make it, and
    /// returns it reading its lists from there. The lists go to a scratch file beside it as they are made (the
    /// words come before them in the file, and are only known at the end), so that neither is held whole. On an
    /// error nothing is left behind and `path` is as it was.
    pub(crate) fn write(self, fingerprint: u64, path: &Path) -> io::Result<SearchIndex> {
        let dir = atomic::parent(path);
        let mut scratch = TempFile::scratch(dir)?;
        let mut body = {
            let mut lists = BufWriter::with_capacity(CHUNK, scratch.file());
            let body = self.body(&mut lists)?;
            lists.flush()?;
            body
        };
        let header = body.header(fingerprint);
        let names_len = body.names.len();
        let names = std::mem::replace(&mut body.names, Names::Memory(Vec::new()));
        scratch.file().seek(SeekFrom::Start(0))?;
        let mut out = TempFile::create(dir)?;
        let mut sum = Sum::default();
        let sum_tail = {
            let mut file = BufWriter::with_capacity(CHUNK, out.file());
            sum.feed(&header);
            file.write_all(&header)?;
            names.copy(&mut sum, &mut file)?;
            sum.feed(&body.dict);
            file.write_all(&body.dict)?;
            let mut chunk = vec![0u8; CHUNK];
            let mut rest = body.lists;
            while rest > 0 {
                let take = usize::try_from(rest.min(CHUNK as u64)).unwrap_or(CHUNK);
                scratch.file().read_exact(&mut chunk[..take])?;
                sum.feed(&chunk[..take]);
                file.write_all(&chunk[..take])?;
                rest -= take as u64;
            }
            let tail = sum.finish().to_le_bytes();
            file.write_all(&tail)?;
            file.flush()?;
            tail
        };
        drop(scratch);
        let written = out.persist(path)?;
        // Read through a handle open only to read, as an index read back is: one open to write would keep the
        // folder's file system from being made read-only while overture runs. Should another overture have
        // replaced the file already, this one's own handle still reads what it wrote.
        let file = match read::open(path, CAP) {
            Ok((again, len)) if len == written.metadata()?.len() && same_tail(&again, sum_tail) => {
                again
            }
            _ => written,
        };
        let damaged = || {
            io::Error::new(
                io::ErrorKind::InvalidData,
                "the new search index is damaged",
            )
        };
        let (words, dict) = read_dict(&body.dict, body.lists).ok_or_else(damaged)?;
        Ok(SearchIndex {
            plans: body.plans,
            words,
            dict,
            source: Source::File(Mutex::new(file)),
            start: HEADER as u64 + names_len + body.dict.len() as u64,
            people: PeopleText::default(),
            replaced: Vec::new(),
            numbers: None,
        })
    }

    /// The index's plans and words, its lists written to `lists`: the old words' lists renumbered, merged with
    /// the new plans' words, one word at a time.
    fn body(self, lists: &mut impl Write) -> io::Result<Body> {
        let n = self.plans as usize;
        let mut fresh = self.fresh.into_sorted()?;
        let (mut fresh_word, mut fresh_plans) = (Vec::new(), Vec::new());
        let mut has_fresh = fresh.next(&mut fresh_word, &mut fresh_plans)?;
        let old_words = self.old.map_or(0, |o| o.dict.len());
        // The number of words goes first; it is known at the end.
        let mut dict = vec![0u8; 8];
        let mut list = Vec::new();
        let mut lists_len: u64 = 0;
        let mut count: u64 = 0;
        let mut buf = Vec::new();
        let mut i = 0;
        loop {
            let old_word = self
                .old
                .filter(|_| i < old_words)
                .map(|o| o.word(i).as_bytes());
            let new_word = has_fresh.then_some(fresh_word.as_slice());
            let (word, take_old, take_new) = match (old_word, new_word) {
                (Some(a), Some(b)) => (a.min(b), a <= b, b <= a),
                (Some(a), None) => (a, true, false),
                (None, Some(b)) => (b, false, true),
                (None, None) => break,
            };
            let mut plans: Vec<u32> = Vec::new();
            if let (true, Some(old)) = (take_old, self.old) {
                plans = old
                    .plans_of(i, &mut buf)?
                    .into_iter()
                    .filter_map(|p| self.remap.get(p as usize).copied())
                    .filter(|&p| p != u32::MAX)
                    .collect();
            }
            if take_new {
                if plans.is_empty() {
                    std::mem::swap(&mut plans, &mut fresh_plans);
                } else {
                    plans.extend_from_slice(&fresh_plans);
                    plans.sort_unstable();
                }
            }
            if !plans.is_empty() {
                list.clear();
                let bitmap = encode_list(&plans, n, &mut list);
                lists.write_all(&list)?;
                lists_len += list.len() as u64;
                put_bytes(&mut dict, word);
                dict.push(u8::from(bitmap));
                dict.extend_from_slice(&len32(list.len()).to_le_bytes());
                count += 1;
            }
            i += usize::from(take_old);
            if take_new {
                if fresh_plans.capacity() == 0 {
                    fresh_plans = plans;
                }
                has_fresh = fresh.next(&mut fresh_word, &mut fresh_plans)?;
            }
        }
        dict[..8].copy_from_slice(&count.to_le_bytes());
        Ok(Body {
            plans: self.plans,
            names: self.names,
            dict,
            lists: lists_len,
        })
    }
}

/// Whether `file` ends with `tail` (its checksum).
fn same_tail(mut file: &std::fs::File, tail: [u8; 8]) -> bool {
    let mut end = [0u8; 8];
    file.seek(SeekFrom::End(-8)).is_ok() && file.read_exact(&mut end).is_ok() && end == tail
}

/// A new index but its lists: the plans' section, the words' (their number first), and the lists' length.
struct Body {
    plans: u32,
    names: Names,
    dict: Vec<u8>,
    lists: u64,
}

impl Body {
    fn header(&self, fingerprint: u64) -> [u8; HEADER] {
        let mut out = [0u8; HEADER];
        let fields = [
            fingerprint,
            u64::from(self.plans),
            self.names.len(),
            self.dict.len() as u64,
            self.lists,
        ];
        out[..8].copy_from_slice(MAGIC);
        out[8..12].copy_from_slice(&VERSION.to_le_bytes());
        for (k, v) in fields.iter().enumerate() {
            out[12 + 8 * k..20 + 8 * k].copy_from_slice(&v.to_le_bytes());
        }
        out
    }
}

/// How much is read or written at a time.
const CHUNK: usize = 1 << 16;

fn len32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn put_bytes(out: &mut Vec<u8>, s: &[u8]) {
    out.extend_from_slice(&len32(s.len()).to_le_bytes());
    out.extend_from_slice(s);
}

pub(super) fn put_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&u32::try_from(s.len()).unwrap_or(u32::MAX).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}
