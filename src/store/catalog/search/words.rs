//! The words of the plans a load reads, gathered as each plan is read, in bounded memory: a gatherer that holds
//! more than its budget writes its words out, sorted, as a run in a scratch file in the cache folder, and starts
//! again empty. The runs are merged word by word as the index is written ([`NewWords::into_sorted`]): a first run
//! over 50,000 plans held about 30 MB of words in memory until the index was written, and now holds a few.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{for_each, put_gap};
use crate::domain::filter::WordHash;
use crate::store::atomic::TempFile;

/// How many bytes of words (roughly) a gatherer holds before writing a run: each worker holds up to this, and
/// the merge reads every run through a 32 KB buffer, so the runs (one per 2 MB gathered) cost less than one
/// gatherer's budget up to several hundred thousand plans.
const BUDGET: usize = 2 << 20;

static WORDS_BUDGET: AtomicUsize = AtomicUsize::new(BUDGET);

/// The budget a load's gatherers get ([`BUDGET`] unless a test set another).
pub fn words_budget() -> usize {
    WORDS_BUDGET.load(Ordering::Relaxed)
}

/// Sets the budget of the loads that start after: a test makes it small, so that a workbook of a few hundred
/// plans is gathered in many runs.
#[doc(hidden)]
pub fn set_words_budget(bytes: usize) {
    WORDS_BUDGET.store(bytes, Ordering::Relaxed);
}

/// Where a gatherer's runs go (the cache folder, made when the first run is written), and when.
#[derive(Clone, Debug)]
pub struct Spill {
    dir: PathBuf,
    budget: usize,
}

impl Spill {
    pub fn new(dir: PathBuf, budget: usize) -> Spill {
        Spill { dir, budget }
    }
}

/// Roughly what a new word costs in the map beyond its letters: its slot (48 bytes, with the table's slack), the
/// word's allocation and its first list's.
const ENTRY: usize = 128;

/// The words of plans read now: for each word, the numbers of the plans it occurs in, as LEB128 gaps (a byte or
/// two a plan, where a list of every plan's words took a kilobyte or more each). Plans must be given in
/// increasing numbers.
#[derive(Default)]
pub struct NewWords {
    words: HashMap<Box<str>, Postings, WordHash>,
    /// Roughly the bytes `words` holds.
    held: usize,
    /// The highest plan number given.
    top: Option<u32>,
    /// `None`: everything stays in memory (no cache folder, or writing a run failed).
    spill: Option<Spill>,
    /// The runs written, each with its number of words.
    runs: Vec<(TempFile, usize)>,
    /// The new numbers of the runs' plans ([`NewWords::renumber`]), applied as they are merged.
    runs_to: Option<Vec<u32>>,
}

/// One word's plans: the last one's number and the gaps.
pub(super) struct Postings {
    last: u32,
    gaps: Vec<u8>,
}

impl Postings {
    fn new(number: u32) -> Postings {
        let mut gaps = Vec::with_capacity(4);
        put_gap(&mut gaps, number);
        Postings { last: number, gaps }
    }

    fn push(&mut self, number: u32) {
        if number > self.last {
            put_gap(&mut self.gaps, number - self.last);
            self.last = number;
        }
    }

    fn plans(&self, out: &mut Vec<u32>) {
        decode(&self.gaps, |p| out.push(p));
    }

    /// The postings of sorted numbers; `None` for none.
    fn from_sorted(plans: &[u32]) -> Option<Postings> {
        let (&first, rest) = plans.split_first()?;
        let mut list = Postings::new(first);
        rest.iter().for_each(|&p| list.push(p));
        Some(list)
    }

    /// The first plan of the list.
    fn first(&self) -> u32 {
        let mut v = 0u32;
        for (shift, &b) in (0..).step_by(7).zip(&self.gaps) {
            v |= u32::from(b & 0x7f).checked_shl(shift).unwrap_or(0);
            if b & 0x80 == 0 {
                break;
            }
        }
        v
    }
}

/// Calls `each` with the plan numbers of a list of gaps (the first gap is from 0: the plan's number itself).
fn decode(gaps: &[u8], each: impl FnMut(u32)) {
    for_each(gaps, false, usize::MAX, each);
}

impl NewWords {
    /// A gatherer that writes runs as `spill` says (`None`: keeps everything in memory).
    pub(crate) fn spilling(spill: Option<Spill>) -> NewWords {
        NewWords {
            spill,
            ..NewWords::default()
        }
    }

    /// Plan `number`'s words, separated by spaces.
    pub(crate) fn add(&mut self, number: u32, words: &str) {
        for w in words.split(' ').filter(|w| !w.is_empty()) {
            self.word(number, w);
        }
    }

    /// One word of plan `number` (a word given twice for a plan counts once).
    pub(crate) fn word(&mut self, number: u32, w: &str) {
        self.top = self.top.max(Some(number));
        match self.words.get_mut(w) {
            Some(list) => {
                list.push(number);
                self.held += 2;
            }
            None => {
                self.words.insert(w.into(), Postings::new(number));
                self.held += w.len() + ENTRY;
            }
        }
    }

    /// Writes the words held as a run when they pass the budget. To be called between plans, so that a plan's
    /// words are in one run. A run that cannot be written keeps the words in memory, and every later one too.
    pub(crate) fn settle(&mut self) {
        if self.spill.as_ref().is_some_and(|s| self.held > s.budget) && self.write_run().is_err() {
            self.spill = None;
        }
    }

    fn write_run(&mut self) -> io::Result<()> {
        let Some(spill) = &self.spill else {
            return Ok(());
        };
        if !super::super::prepare_cache(&spill.dir)? {
            return Err(io::Error::other("the cache folder is a link"));
        }
        let mut run = TempFile::scratch(&spill.dir)?;
        let mut sorted: Vec<(&str, &Postings)> =
            self.words.iter().map(|(w, p)| (&**w, p)).collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut out = BufWriter::with_capacity(1 << 16, run.file());
        for (w, list) in &sorted {
            out.write_all(&len32(w.len())?.to_le_bytes())?;
            out.write_all(w.as_bytes())?;
            out.write_all(&len32(list.gaps.len())?.to_le_bytes())?;
            out.write_all(&list.gaps)?;
        }
        out.flush()?;
        drop(out);
        // Only once the run is whole are the words let go.
        self.runs.push((run, sorted.len()));
        self.words.clear();
        self.held = 0;
        Ok(())
    }

    /// Adds the words of `other`, gathered for other plans (or the same ones: a plan counts once).
    pub(crate) fn merge(&mut self, mut other: NewWords) {
        self.runs.append(&mut other.runs);
        self.top = self.top.max(other.top);
        self.held += other.held;
        if self.words.is_empty() {
            std::mem::swap(&mut self.words, &mut other.words);
            self.settle();
            return;
        }
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for (w, list) in other.words {
            match self.words.get_mut(&w) {
                None => {
                    self.words.insert(w, list);
                }
                // Each worker's plans come in increasing numbers, but one's may fall between the other's.
                Some(mine) if list.first() > mine.last => {
                    b.clear();
                    list.plans(&mut b);
                    b.iter().for_each(|&p| mine.push(p));
                }
                Some(mine) => {
                    a.clear();
                    b.clear();
                    mine.plans(&mut a);
                    list.plans(&mut b);
                    a.extend_from_slice(&b);
                    a.sort_unstable();
                    a.dedup();
                    *mine = Postings::from_sorted(&a).unwrap_or_else(|| Postings::new(0));
                }
            }
        }
        self.settle();
    }

    /// Numbers the plans again: plan `p` becomes `to[p]`, and is dropped when that is `u32::MAX` or beyond `to`.
    /// `to` must keep the order of the plans it keeps.
    pub(crate) fn renumber(&mut self, to: &[u32]) {
        // A first run without broken files or links numbers every plan as the listing does.
        if to.iter().enumerate().all(|(p, &n)| n as usize == p)
            && self.top.is_none_or(|t| (t as usize) < to.len())
        {
            return;
        }
        if !self.runs.is_empty() {
            self.runs_to = Some(match self.runs_to.take() {
                None => to.to_vec(),
                Some(before) => before
                    .iter()
                    .map(|&p| to.get(p as usize).copied().unwrap_or(u32::MAX))
                    .collect(),
            });
        }
        let mut plans = Vec::new();
        self.words.retain(|_, list| {
            plans.clear();
            list.plans(&mut plans);
            plans.retain_mut(|p| {
                *p = to.get(*p as usize).copied().unwrap_or(u32::MAX);
                *p != u32::MAX
            });
            match Postings::from_sorted(&plans) {
                Some(again) => {
                    *list = again;
                    true
                }
                None => false,
            }
        });
        self.top = self
            .top
            .and(to.iter().rev().find(|&&n| n != u32::MAX).copied());
    }

    /// How many runs were written (for tests).
    #[cfg(test)]
    pub(crate) fn runs(&self) -> usize {
        self.runs.len()
    }

    /// Every word, in order, with its plans: the words held merged with the runs'.
    pub(super) fn into_sorted(self) -> io::Result<Sorted> {
        let mut held: Vec<(Box<str>, Postings)> = self.words.into_iter().collect();
        held.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut sorted = Sorted {
            sources: Vec::with_capacity(self.runs.len() + 1),
            heap: BinaryHeap::with_capacity(self.runs.len() + 1),
            to: self.runs_to,
        };
        sorted.sources.push(Source::Memory(held.into_iter()));
        for (mut run, words) in self.runs {
            run.file().seek(SeekFrom::Start(0))?;
            sorted.sources.push(Source::Run {
                file: BufReader::with_capacity(1 << 15, run),
                left: words,
            });
        }
        for source in 0..sorted.sources.len() {
            sorted.advance(Head {
                word: Vec::new(),
                gaps: Vec::new(),
                source,
            })?;
        }
        Ok(sorted)
    }
}

fn len32(n: usize) -> io::Result<u32> {
    u32::try_from(n).map_err(|_| io::Error::other("a word too long for a run"))
}

/// The words of a [`NewWords`] in order, its runs merged.
pub(super) struct Sorted {
    sources: Vec<Source>,
    /// Each source's next word, the least first.
    heap: BinaryHeap<Reverse<Head>>,
    /// The runs' renumbering (the words held in memory are renumbered already).
    to: Option<Vec<u32>>,
}

enum Source {
    Memory(std::vec::IntoIter<(Box<str>, Postings)>),
    Run {
        file: BufReader<TempFile>,
        left: usize,
    },
}

/// A source's next word and its gaps.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Head {
    word: Vec<u8>,
    gaps: Vec<u8>,
    source: usize,
}

/// No word or list in a run is longer than this; a longer length is damage.
const LONGEST: usize = 1 << 30;

fn read_u32(file: &mut impl Read) -> io::Result<usize> {
    let mut b = [0u8; 4];
    file.read_exact(&mut b)?;
    let n = u32::from_le_bytes(b) as usize;
    if n > LONGEST {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "a damaged run of words",
        ));
    }
    Ok(n)
}

impl Sorted {
    /// Reads the next word of `head`'s source into it, and queues it if there is one.
    fn advance(&mut self, mut head: Head) -> io::Result<()> {
        head.word.clear();
        head.gaps.clear();
        match self.sources.get_mut(head.source) {
            Some(Source::Memory(words)) => match words.next() {
                Some((w, list)) => {
                    head.word.extend_from_slice(w.as_bytes());
                    head.gaps.extend_from_slice(&list.gaps);
                }
                None => return Ok(()),
            },
            Some(Source::Run { file, left }) if *left > 0 => {
                *left -= 1;
                let n = read_u32(file)?;
                head.word.resize(n, 0);
                file.read_exact(&mut head.word)?;
                let n = read_u32(file)?;
                head.gaps.resize(n, 0);
                file.read_exact(&mut head.gaps)?;
            }
            _ => return Ok(()),
        }
        self.heap.push(Reverse(head));
        Ok(())
    }

    /// The next word into `word` and its plans, sorted and renumbered, into `plans`; false after the last.
    pub(super) fn next(&mut self, word: &mut Vec<u8>, plans: &mut Vec<u32>) -> io::Result<bool> {
        loop {
            plans.clear();
            let Some(Reverse(first)) = self.heap.pop() else {
                return Ok(false);
            };
            word.clear();
            word.extend_from_slice(&first.word);
            let mut in_order = true;
            let mut next = Some(first);
            while let Some(head) = next {
                let before = plans.len();
                match (&self.to, head.source) {
                    // Source 0 is the words held in memory, renumbered already.
                    (Some(to), 1..) => decode(&head.gaps, |p| {
                        let p = to.get(p as usize).copied().unwrap_or(u32::MAX);
                        if p != u32::MAX {
                            plans.push(p);
                        }
                    }),
                    _ => decode(&head.gaps, |p| plans.push(p)),
                }
                // Runs of different workers interleave their plans.
                in_order &= before == 0 || plans.get(before).is_none_or(|&p| p > plans[before - 1]);
                self.advance(head)?;
                next = match self.heap.peek() {
                    Some(Reverse(h)) if h.word == *word => self.heap.pop().map(|Reverse(h)| h),
                    _ => None,
                };
            }
            if !in_order {
                plans.sort_unstable();
                plans.dedup();
            }
            if !plans.is_empty() {
                return Ok(true);
            }
        }
    }
}

impl Read for TempFile {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.file().read(buf)
    }
}
