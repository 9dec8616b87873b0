//! The full-text index, `<data dir>/cache/search` beside the catalog's: every distinct folded word of every plan
//! (`domain::filter::terms`), sorted, each with the plans it occurs in. A query word is matched against the words
//! alone (a substring or a fuzzy match inside one word, exactly the filter's rule, so the answers are those of
//! reading every plan in full), and the plans of the words it matches are gathered from their posting lists.
//!
//! It is written with the catalog's index, by the same load, and checked the same way: each plan's file name and
//! stat are in it, a plan is trusted only when both indexes vouch for its stat, and a damaged or foreign file is
//! rebuilt. Only the word list stays in memory; the posting lists are read from the file when a query needs them.
//!
//! Format: a fixed header (magic, version, the ladder's fingerprint, the number of plans, the three sections'
//! lengths), the plans (file name and stat, in the catalog's order: a plan's position is its number), the words
//! (each with its list's encoding and length), the posting lists, and a checksum of all of it. A list is either
//! the plan numbers as LEB128 gaps or a bitmap of every plan, whichever is shorter.

use std::fmt;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::Mutex;

use super::index::{FileStamp, Sum};
use crate::domain::filter::{Filter, word_score};
use crate::store::read;

/// The search index's file name inside the data folder's `cache/`.
pub const SEARCH_FILE: &str = "search";
const MAGIC: &[u8; 8] = b"OVTRSRC\n";
/// Bump when the words a plan is filed under or the encoding change.
const VERSION: u32 = 2;
const HEADER: usize = 8 + 4 + 8 + 8 + 8 + 8 + 8;
/// A search index larger than this is not read (as for the catalog's index: far beyond a million plans).
const MAX_BYTES: u64 = 1 << 30;
const CAP: read::Cap = read::Cap {
    bytes: MAX_BYTES,
    what: "the search index",
};
/// The stat written for a plan that is read on every load anyway (a link, a name that is not UTF-8).
const NEVER: FileStamp = FileStamp {
    len: u64::MAX,
    mtime_ns: i64::MIN,
    ctime_ns: i64::MIN,
    ino: u64::MAX,
};

#[derive(Debug, Clone, Copy)]
struct Word {
    /// Where the word ends in `SearchIndex::words`.
    end: u32,
    /// Where its list starts in the posting lists, and its length in bytes.
    at: u64,
    len: u32,
    bitmap: bool,
}

/// Where the posting lists are: in the file (the usual case) or, when it could not be written, in memory.
enum Source {
    Memory(Vec<u8>),
    File(Mutex<File>),
}

/// The words of every plan and where their plans are listed. Plans are numbered by their position in the
/// catalog's `summaries`.
pub struct SearchIndex {
    plans: u32,
    words: String,
    dict: Vec<Word>,
    source: Source,
    /// Where the posting lists start in `source`.
    start: u64,
    /// The register's words, which count for the plans of the person they describe: see [`SearchIndex::search`].
    people: PeopleText,
    /// Plans the workbook saved since the index was made, with their words now (sorted, distinct), by their
    /// position in the catalog: these stand in for what the index holds of them, until the next load reads the
    /// files again ([`SearchIndex::replace`], [`SearchIndex::insert`]).
    replaced: Vec<(u32, Vec<Box<str>>)>,
    /// When the workbook added or removed plans since the index was made: each catalog plan's number here
    /// ([`ADDED`] for one the index does not hold). `None`: the catalog's plans are the index's, in its order.
    numbers: Option<Vec<u32>>,
}

/// In [`SearchIndex::numbers`], a plan added since the index was made (its words are in `replaced`).
const ADDED: u32 = u32::MAX;

impl Default for SearchIndex {
    fn default() -> Self {
        SearchIndex {
            plans: 0,
            words: String::new(),
            dict: Vec::new(),
            source: Source::Memory(Vec::new()),
            start: 0,
            people: PeopleText::default(),
            replaced: Vec::new(),
            numbers: None,
        }
    }
}

impl fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "SearchIndex({} plans, {} words)",
            self.plans,
            self.dict.len()
        )
    }
}

/// Which plans a query matched, and how well.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hits {
    /// By plan number: 0 for no match, else the score plus one.
    scores: Vec<u32>,
}

impl Hits {
    /// Plan `i`'s score (higher is better), when it matched.
    pub fn score(&self, i: usize) -> Option<u32> {
        self.scores.get(i).and_then(|s| s.checked_sub(1))
    }

    pub fn count(&self) -> usize {
        self.scores.iter().filter(|s| **s > 0).count()
    }
}

impl SearchIndex {
    /// How many plans it covers.
    pub fn plans(&self) -> usize {
        self.plans as usize
    }

    fn word(&self, i: usize) -> &str {
        let start = i.checked_sub(1).map_or(0, |p| self.dict[p].end as usize);
        self.words
            .get(start..self.dict[i].end as usize)
            .unwrap_or("")
    }

    /// The register's words, for the plans as numbered here: set once the register is read (see
    /// [`PeopleText`]).
    /// Plan `plan`'s words are now `words` (a plan the workbook just saved): a search reads these instead of what
    /// the index holds of it. The index on disk is not changed; the next load reads the file again, its stamp
    /// having changed.
    pub(crate) fn replace(&mut self, plan: u32, mut words: Vec<Box<str>>) {
        words.sort_unstable();
        words.dedup();
        match self.replaced.iter_mut().find(|(p, _)| *p == plan) {
            Some((_, held)) => *held = words,
            None => self.replaced.push((plan, words)),
        }
    }

    /// A plan the workbook just wrote as a new file, put at `at` among the catalog's plans (those from `at` on
    /// move down one), with its words: the index on disk is not changed, and the next load reads the file.
    pub(crate) fn insert(&mut self, at: u32, words: Vec<Box<str>>) {
        let numbers = self.numbers_mut();
        let at_most = u32::try_from(numbers.len()).unwrap_or(u32::MAX);
        let at = at.min(at_most);
        numbers.insert(at as usize, ADDED);
        for (p, _) in &mut self.replaced {
            if *p >= at {
                *p += 1;
            }
        }
        self.replace(at, words);
    }

    /// The catalog's plan at `at` is gone (the workbook moved its file to the trash): those after it move up one.
    pub(crate) fn remove(&mut self, at: u32) {
        let numbers = self.numbers_mut();
        if (at as usize) < numbers.len() {
            numbers.remove(at as usize);
        }
        self.replaced.retain(|(p, _)| *p != at);
        for (p, _) in &mut self.replaced {
            if *p > at {
                *p -= 1;
            }
        }
    }

    /// Each catalog plan's number here, made from the index's own order at the first plan added or removed.
    fn numbers_mut(&mut self) -> &mut Vec<u32> {
        let base = self.plans;
        self.numbers.get_or_insert_with(|| (0..base).collect())
    }

    /// How many of the catalog's plans a search scores: the index's, and those added or removed since.
    fn catalog_plans(&self) -> usize {
        self.numbers.as_ref().map_or(self.plans(), Vec::len)
    }

    pub(crate) fn set_people(&mut self, people: PeopleText) {
        self.people = people;
    }

    /// The plans matching every word of `filter`, each scored by the sum of its words' best matches. An empty
    /// query matches every plan. The cost is one pass over the word list per query word, plus the lists of the
    /// words that match: it does not grow with the plans beyond their matches.
    ///
    /// Each word may match in the plan's own words or in its stakeholder's in the register (their notes, role,
    /// what they care about, who they listen to, their name and aliases): "okafor rota" finds Dr Okafor's plans
    /// when only her page mentions the rota. That costs one pass over the register's words per query word.
    pub fn search(&self, filter: &Filter) -> io::Result<Hits> {
        let n = self.plans();
        let mut total = vec![1u32; self.catalog_plans()];
        let blocks = n.div_ceil(64);
        let mut list = Vec::new();
        for query_word in filter.words() {
            // One bitmap of plans per score: a word's best match in a plan is the highest score whose map has it.
            let mut levels: Vec<(u32, Vec<u64>)> = Vec::new();
            for i in 0..self.dict.len() {
                let Some(score) = word_score(query_word, self.word(i)) else {
                    continue;
                };
                let level = match levels.iter().position(|(s, _)| *s == score) {
                    Some(l) => l,
                    None => {
                        levels.push((score, vec![0u64; blocks]));
                        levels.len() - 1
                    }
                };
                self.read_list(i, &mut list)?;
                or_into(&mut levels[level].1, &list, self.dict[i].bitmap, n);
            }
            levels.sort_by_key(|l| std::cmp::Reverse(l.0));
            let mut seen = vec![0u64; blocks];
            let mut best = vec![0u32; n];
            for (score, map) in &levels {
                for (b, &bits) in map.iter().enumerate() {
                    let mut new = bits & !seen[b];
                    seen[b] |= bits;
                    while new != 0 {
                        let p = b * 64 + new.trailing_zeros() as usize;
                        new &= new - 1;
                        if let Some(slot) = best.get_mut(p) {
                            *slot = score + 1;
                        }
                    }
                }
            }
            // From the index's numbers to the catalog's positions, when plans were added or removed since.
            if let Some(numbers) = &self.numbers {
                best = numbers
                    .iter()
                    .map(|&k| match k {
                        ADDED => 0,
                        k => best.get(k as usize).copied().unwrap_or(0),
                    })
                    .collect();
            }
            for (plan, words) in &self.replaced {
                if let Some(slot) = best.get_mut(*plan as usize) {
                    *slot = words
                        .iter()
                        .filter_map(|w| word_score(query_word, w))
                        .max()
                        .map_or(0, |score| score + 1);
                }
            }
            self.people.raise(query_word, &mut best);
            for (t, b) in total.iter_mut().zip(&best) {
                *t = if *t == 0 || *b == 0 { 0 } else { *t + *b - 1 };
            }
        }
        Ok(Hits { scores: total })
    }

    /// Reads word `i`'s posting list into `out`.
    fn read_list(&self, i: usize, out: &mut Vec<u8>) -> io::Result<()> {
        let w = self.dict[i];
        out.clear();
        out.resize(w.len as usize, 0);
        let at = self.start + w.at;
        match &self.source {
            Source::Memory(bytes) => {
                let slice = usize::try_from(at)
                    .ok()
                    .and_then(|a| bytes.get(a..a + w.len as usize))
                    .ok_or_else(|| io::Error::other("the search index is damaged"))?;
                out.copy_from_slice(slice);
            }
            Source::File(file) => {
                let mut f = file
                    .lock()
                    .map_err(|_| io::Error::other("search index lock"))?;
                f.seek(SeekFrom::Start(at))?;
                f.read_exact(out)?;
            }
        }
        Ok(())
    }

    /// The plan numbers of word `i`, for tests and the merge.
    fn plans_of(&self, i: usize, buf: &mut Vec<u8>) -> io::Result<Vec<u32>> {
        self.read_list(i, buf)?;
        let mut out = Vec::new();
        for_each(buf, self.dict[i].bitmap, self.plans(), |p| out.push(p));
        Ok(out)
    }
}

/// Sets the bits of a posting list's plans in `map`.
fn or_into(map: &mut [u64], list: &[u8], bitmap: bool, n: usize) {
    if bitmap {
        for (block, chunk) in map.iter_mut().zip(list.chunks(8)) {
            let mut w = [0u8; 8];
            w[..chunk.len()].copy_from_slice(chunk);
            *block |= u64::from_le_bytes(w);
        }
    } else {
        for_each(list, false, n, |p| {
            if let Some(block) = map.get_mut(p as usize / 64) {
                *block |= 1 << (p % 64);
            }
        });
    }
}

/// Appends `v` to a posting list of gaps (LEB128: seven bits a byte, the high bit set on all but the last): the
/// one writer of the gaps [`for_each`] reads, for the index's lists and a load's words alike.
fn put_gap(out: &mut Vec<u8>, mut v: u32) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// Calls `f` with each plan number of a posting list, in order (numbers past `n` are dropped).
fn for_each(list: &[u8], bitmap: bool, n: usize, mut f: impl FnMut(u32)) {
    if bitmap {
        for (i, &byte) in list.iter().enumerate() {
            let mut bits = byte;
            while bits != 0 {
                let p = i * 8 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                if p < n {
                    f(p as u32);
                }
            }
        }
        return;
    }
    let mut at = 0;
    let mut previous: Option<u32> = None;
    while at < list.len() {
        let mut v: u32 = 0;
        let mut shift = 0;
        while let Some(&b) = list.get(at) {
            at += 1;
            v |= u32::from(b & 0x7f).checked_shl(shift).unwrap_or(0);
            shift += 7;
            if b & 0x80 == 0 {
                break;
            }
        }
        let p = previous.map_or(v, |q| q.saturating_add(v));
        if (p as usize) < n {
            f(p);
        }
        previous = Some(p);
    }
}

/// A search index as read back for a listing: `entries[i]` is listed file `i`'s number and a digest of its stat
/// in it ([`FileStamp::digest`]: the catalog's index compares the stat itself).
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub index: Option<SearchIndex>,
    /// Sixteen bytes a listed file ([`UNKNOWN`] for a file the index does not hold).
    entries: Vec<(u32, u64)>,
    /// Plans it has that the listing does not.
    pub gone: usize,
}

impl Found {
    /// Whether the index holds listed file `i` as it is now; its plan number if so.
    pub(crate) fn fresh(&self, i: usize, stamp: &FileStamp) -> Option<u32> {
        match self.entries.get(i) {
            Some(&(n, s)) if n != UNKNOWN && s == stamp.digest() => Some(n),
            _ => None,
        }
    }
}

/// The plan number of an entry the index does not hold (an index numbers fewer plans than this).
const UNKNOWN: u32 = u32::MAX;

/// Reads the search index for a listing (file names sorted as bytes; `None` for names that are not UTF-8).
/// Anything unreadable, damaged, or from another version or ladder is no index.
pub(crate) fn read(path: &Path, fingerprint: u64, names: &[Option<&str>]) -> Found {
    read_checked(path, fingerprint, names).unwrap_or_else(|| Found {
        index: None,
        // Each file is `None` all the same, without a slot for each.
        entries: Vec::new(),
        gone: 0,
    })
}

fn le_u64(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

fn le_u32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn read_checked(path: &Path, fingerprint: u64, names: &[Option<&str>]) -> Option<Found> {
    // Only ever a regular file, as every file overture reads (`store::read`).
    let (mut file, size) = read::open(path, CAP).ok()?;
    let mut head = [0u8; HEADER];
    file.read_exact(&mut head).ok()?;
    if &head[..8] != MAGIC || le_u32(&head, 8)? != VERSION || le_u64(&head, 12)? != fingerprint {
        return None;
    }
    let plans = u32::try_from(le_u64(&head, 20)?).ok()?;
    let names_len = usize::try_from(le_u64(&head, 28)?).ok()?;
    let dict_len = usize::try_from(le_u64(&head, 36)?).ok()?;
    let lists_len = le_u64(&head, 44)?;
    let expected = (HEADER as u64)
        .checked_add(names_len as u64)?
        .checked_add(dict_len as u64)?
        .checked_add(lists_len)?
        .checked_add(8)?;
    if expected != size {
        return None;
    }
    let mut sum = Sum::default();
    sum.feed(&head);
    // The names and stamps (about 90 bytes a plan) are walked as they are read, never held whole: at 50,000 plans
    // that section is 4.4 MB, which the load would otherwise hold beside the summaries.
    let walked = {
        let mut names_part = Fed {
            src: std::io::BufReader::with_capacity(1 << 16, (&mut file).take(names_len as u64)),
            sum: &mut sum,
        };
        let walked = walk_names(&mut names_part, plans, names);
        // Whatever the walk left unread is still checksummed, so a damaged file is refused all the same.
        std::io::copy(&mut names_part, &mut std::io::sink()).ok()?;
        walked
    };
    let mut body = vec![0u8; dict_len];
    file.read_exact(&mut body).ok()?;
    sum.feed(&body);
    let mut rest = lists_len;
    let mut chunk = vec![0u8; 1 << 16];
    while rest > 0 {
        let take = usize::try_from(rest.min(chunk.len() as u64)).ok()?;
        file.read_exact(&mut chunk[..take]).ok()?;
        sum.feed(&chunk[..take]);
        rest -= take as u64;
    }
    let mut tail = [0u8; 8];
    file.read_exact(&mut tail).ok()?;
    if sum.finish() != u64::from_le_bytes(tail) {
        return None;
    }
    let (entries, gone) = walked?;
    let (words, dict) = read_dict(&body, lists_len)?;
    drop(body);
    Some(Found {
        index: Some(SearchIndex {
            plans,
            words,
            dict,
            source: Source::File(Mutex::new(file)),
            start: (HEADER + names_len + dict_len) as u64,
            people: PeopleText::default(),
            replaced: Vec::new(),
            numbers: None,
        }),
        entries,
        gone,
    })
}

/// Lines the index's plans up with the listing, both sorted by name.
type Walked = (Vec<(u32, u64)>, usize);

/// A reader that feeds every byte it hands out to the file's checksum, in order.
struct Fed<'s, R> {
    src: R,
    sum: &'s mut Sum,
}

impl<R: Read> Read for Fed<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.src.read(buf)?;
        self.sum.feed(&buf[..n]);
        Ok(n)
    }
}

fn walk_names(src: &mut impl Read, plans: u32, names: &[Option<&str>]) -> Option<Walked> {
    let mut entries = vec![(UNKNOWN, 0); names.len()];
    let mut gone = 0;
    let mut listed = names
        .iter()
        .enumerate()
        .filter_map(|(i, n)| n.map(|n| (i, n)))
        .peekable();
    // This entry's name and the previous one's, in two buffers swapped each time (no allocation per entry).
    let (mut name_buf, mut previous) = (Vec::new(), Vec::new());
    let mut word = [0u8; 4];
    let mut stamp_bytes = [0u8; 32];
    for number in 0..plans {
        src.read_exact(&mut word).ok()?;
        let len = u32::from_le_bytes(word) as usize;
        // No name is longer than a file name can be; a longer one is damage, not a reason to allocate.
        if len > 4096 {
            return None;
        }
        name_buf.resize(len, 0);
        src.read_exact(&mut name_buf).ok()?;
        src.read_exact(&mut stamp_bytes).ok()?;
        let name = std::str::from_utf8(&name_buf).ok()?;
        let stamp = FileStamp {
            len: le_u64(&stamp_bytes, 0)?,
            mtime_ns: le_u64(&stamp_bytes, 8)? as i64,
            ctime_ns: le_u64(&stamp_bytes, 16)? as i64,
            ino: le_u64(&stamp_bytes, 24)?,
        };
        if stamp == NEVER {
            continue;
        }
        if number > 0 && !previous.is_empty() && previous.as_slice() >= name.as_bytes() {
            return None;
        }
        while listed.next_if(|&(_, n)| n < name).is_some() {}
        match listed.next_if(|&(_, n)| n == name) {
            Some((i, _)) => entries[i] = (number, stamp.digest()),
            None => gone += 1,
        }
        std::mem::swap(&mut previous, &mut name_buf);
    }
    // Nothing may follow the last entry in its section.
    (src.read(&mut word).ok()? == 0).then_some((entries, gone))
}

fn read_dict(bytes: &[u8], lists_len: u64) -> Option<(String, Vec<Word>)> {
    let count = usize::try_from(le_u64(bytes, 0)?).ok()?;
    let mut words = String::new();
    let mut dict = Vec::with_capacity(count.min(bytes.len() / 9));
    let mut at = 8;
    let mut offset: u64 = 0;
    let mut previous_end = 0;
    for _ in 0..count {
        let len = le_u32(bytes, at)? as usize;
        let word = std::str::from_utf8(bytes.get(at + 4..at + 4 + len)?).ok()?;
        at += 4 + len;
        let bitmap = match *bytes.get(at)? {
            0 => false,
            1 => true,
            _ => return None,
        };
        let list_len = le_u32(bytes, at + 1)?;
        at += 5;
        // Sorted and unique, as the merge that writes the next index needs.
        if !dict.is_empty() && words[previous_end..] >= *word {
            return None;
        }
        previous_end = words.len();
        words.push_str(word);
        dict.push(Word {
            end: u32::try_from(words.len()).ok()?,
            at: offset,
            len: list_len,
            bitmap,
        });
        offset += u64::from(list_len);
    }
    (at == bytes.len() && offset == lists_len).then_some((words, dict))
}

/// An index from the bytes [`Builder::finish`] made, kept in memory.
pub(crate) fn from_bytes(bytes: Vec<u8>) -> io::Result<SearchIndex> {
    let damaged = || io::Error::other("the new search index is damaged");
    let head = bytes.get(..HEADER).ok_or_else(damaged)?;
    let plans = le_u64(head, 20)
        .and_then(|p| u32::try_from(p).ok())
        .ok_or_else(damaged)?;
    let names_len = le_u64(head, 28).ok_or_else(damaged)? as usize;
    let dict_len = le_u64(head, 36).ok_or_else(damaged)? as usize;
    let lists_len = le_u64(head, 44).ok_or_else(damaged)?;
    let start = HEADER + names_len;
    let dict_bytes = bytes.get(start..start + dict_len).ok_or_else(damaged)?;
    let (words, dict) = read_dict(dict_bytes, lists_len).ok_or_else(damaged)?;
    Ok(SearchIndex {
        plans,
        words,
        dict,
        source: Source::Memory(bytes),
        start: (start + dict_len) as u64,
        people: PeopleText::default(),
        replaced: Vec::new(),
        numbers: None,
    })
}

impl SearchIndex {
    /// Reads the posting lists from the file just written rather than memory, when it is the one this index was
    /// made from (same length and checksum: another overture may have replaced it since).
    pub(crate) fn prefer_file(&mut self, path: &Path) {
        let Source::Memory(bytes) = &self.source else {
            return;
        };
        let Ok((mut file, len)) = read::open(path, CAP) else {
            return;
        };
        let same = len == bytes.len() as u64 && file.seek(SeekFrom::End(-8)).is_ok() && {
            let mut tail = [0u8; 8];
            file.read_exact(&mut tail).is_ok() && bytes.ends_with(&tail)
        };
        if same {
            self.source = Source::File(Mutex::new(file));
        }
    }
}

mod build;
mod people;
#[cfg(test)]
mod tests;
mod words;

#[cfg(test)]
use build::encode_list;
pub use build::{Builder, Origin};
pub use people::PeopleText;
pub use words::{NewWords, Spill, set_words_budget, words_budget};
