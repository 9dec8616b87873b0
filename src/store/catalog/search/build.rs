//! Writing a search index: the old index's lists renumbered and merged with the words of the plans read since,
//! one word at a time.

use std::collections::HashMap;
use std::io;

use super::{HEADER, MAGIC, NEVER, SearchIndex, VERSION};
use crate::domain::filter::WordHash;
use crate::store::catalog::index::{FileStamp, Sum};

/// Encodes sorted plan numbers as the shorter of gaps and a bitmap; returns whether it is a bitmap.
pub(super) fn encode_list(plans: &[u32], n: usize, out: &mut Vec<u8>) -> bool {
    let start = out.len();
    let mut previous: Option<u32> = None;
    for &p in plans {
        let mut v = previous.map_or(p, |q| p - q);
        previous = Some(p);
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                out.push(b);
                break;
            }
            out.push(b | 0x80);
        }
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

/// The words of plans read now, gathered as each plan is read so that no plan's words are held beyond its own
/// reading: for each word, the numbers of the plans it occurs in, as LEB128 gaps (a byte or two a plan, where a
/// list of every plan's words took a kilobyte or more each). Plans must be given in increasing numbers.
#[derive(Default)]
pub struct NewWords {
    words: HashMap<Box<str>, Postings, WordHash>,
}

/// One word's plans: the last one's number and the gaps.
struct Postings {
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
        let mut at = 0u32;
        let mut v = 0u32;
        let mut shift = 0;
        for &b in &self.gaps {
            v |= u32::from(b & 0x7f).checked_shl(shift).unwrap_or(0);
            shift += 7;
            if b & 0x80 == 0 {
                // The first gap is from 0: the plan's number itself.
                at = at.saturating_add(v);
                out.push(at);
                v = 0;
                shift = 0;
            }
        }
    }
}

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

impl NewWords {
    /// Plan `number`'s words, separated by spaces.
    pub(crate) fn add(&mut self, number: u32, words: &str) {
        for w in words.split(' ').filter(|w| !w.is_empty()) {
            self.word(number, w);
        }
    }

    /// One word of plan `number` (a word given twice for a plan counts once).
    pub(crate) fn word(&mut self, number: u32, w: &str) {
        match self.words.get_mut(w) {
            Some(list) => list.push(number),
            None => {
                self.words.insert(w.into(), Postings::new(number));
            }
        }
    }

    /// Adds the words of `other`, gathered for other plans (or the same ones: a plan counts once).
    pub(crate) fn merge(&mut self, other: NewWords) {
        if self.words.is_empty() {
            *self = other;
            return;
        }
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for (w, list) in other.words {
            match self.words.get_mut(&w) {
                None => {
                    self.words.insert(w, list);
                }
                // Each worker's plans come in increasing numbers, but one's may fall between the other's.
                Some(mine)
                    if list
                        .gaps
                        .first()
                        .is_some_and(|_| list_first(&list) > mine.last) =>
                {
                    b.clear();
                    list.plans(&mut b);
                    b.iter().for_each(|&p| mine.push(p));
                }
                Some(mine) => {
                    a.clear();
                    b.clear();
                    mine.plans(&mut a);
                    list.plans(&mut b);
                    let mut both = Vec::with_capacity(a.len() + b.len());
                    let (mut i, mut j) = (0, 0);
                    while i < a.len() || j < b.len() {
                        if j == b.len() || (i < a.len() && a[i] <= b[j]) {
                            both.push(a[i]);
                            i += 1;
                        } else {
                            both.push(b[j]);
                            j += 1;
                        }
                    }
                    *mine = Postings::from_sorted(&both).unwrap_or_else(|| Postings::new(0));
                }
            }
        }
    }

    /// Numbers the plans again: plan `p` becomes `to[p]`, and is dropped when that is `u32::MAX` or beyond `to`.
    /// `to` must keep the order of the plans it keeps.
    pub(crate) fn renumber(&mut self, to: &[u32]) {
        // A first run without broken files or links numbers every plan as the listing does.
        if to.iter().enumerate().all(|(p, &n)| n as usize == p)
            && self.words.values().all(|l| (l.last as usize) < to.len())
        {
            return;
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
    }
}

/// The first plan of a list.
fn list_first(list: &Postings) -> u32 {
    let mut v = 0u32;
    for (shift, &b) in (0..).step_by(7).zip(&list.gaps) {
        v |= u32::from(b & 0x7f).checked_shl(shift).unwrap_or(0);
        if b & 0x80 == 0 {
            break;
        }
    }
    v
}

impl Postings {
    /// The postings of sorted numbers; `None` for none.
    fn from_sorted(plans: &[u32]) -> Option<Postings> {
        let (&first, rest) = plans.split_first()?;
        let mut list = Postings::new(first);
        rest.iter().for_each(|&p| list.push(p));
        Some(list)
    }
}

/// Writes a new index from the old one and the plans read since, in the catalog's order, one plan at a time, so
/// that only the new plans' words are held (as short gap lists) rather than every plan's text.
pub struct Builder<'a> {
    old: Option<&'a SearchIndex>,
    /// The old plan numbers' new numbers (`u32::MAX`: gone or read again).
    remap: Vec<u32>,
    fresh: NewWords,
    names: Vec<u8>,
    plans: u32,
}

impl<'a> Builder<'a> {
    pub fn new(old: Option<&'a SearchIndex>) -> Self {
        Builder {
            old,
            remap: vec![u32::MAX; old.map_or(0, SearchIndex::plans)],
            fresh: NewWords::default(),
            names: Vec::new(),
            plans: 0,
        }
    }

    /// The next plan: its file name, its stat when it can be trusted next time, and where its words come from.
    pub(crate) fn plan(&mut self, name: &str, stamp: Option<FileStamp>, origin: Origin) {
        let number = self.plans;
        self.plans += 1;
        put_str(&mut self.names, name);
        let s = stamp.unwrap_or(NEVER);
        for v in [s.len, s.mtime_ns as u64, s.ctime_ns as u64, s.ino] {
            self.names.extend_from_slice(&v.to_le_bytes());
        }
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

    /// The new index's bytes: the old words' lists renumbered, merged with the new plans' words.
    pub(crate) fn finish(self, fingerprint: u64) -> io::Result<Vec<u8>> {
        let n = self.plans as usize;
        let mut fresh: Vec<(Box<str>, Postings)> = self.fresh.words.into_iter().collect();
        fresh.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut new = Vec::new();
        let old_words = self.old.map_or(0, |o| o.dict.len());
        let mut dict = Vec::new();
        let mut lists = Vec::new();
        let mut count: u64 = 0;
        let mut buf = Vec::new();
        let (mut i, mut j) = (0, 0);
        while i < old_words || j < fresh.len() {
            let old_word = self.old.filter(|_| i < old_words).map(|o| o.word(i));
            let new_word = fresh.get(j).map(|f| &*f.0);
            let (word, take_old, take_new) = match (old_word, new_word) {
                (Some(a), Some(b)) if a == b => (a, true, true),
                (Some(a), Some(b)) if a < b => (a, true, false),
                (Some(a), None) => (a, true, false),
                (_, Some(b)) => (b, false, true),
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
                new.clear();
                fresh[j].1.plans(&mut new);
                if plans.is_empty() {
                    std::mem::swap(&mut plans, &mut new);
                } else {
                    plans.extend_from_slice(&new);
                    plans.sort_unstable();
                }
            }
            if !plans.is_empty() {
                let at = lists.len();
                let bitmap = encode_list(&plans, n, &mut lists);
                put_str(&mut dict, word);
                dict.push(u8::from(bitmap));
                dict.extend_from_slice(&((lists.len() - at) as u32).to_le_bytes());
                count += 1;
            }
            i += usize::from(take_old);
            j += usize::from(take_new);
        }
        let mut out = Vec::with_capacity(HEADER + self.names.len() + dict.len() + lists.len() + 16);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&fingerprint.to_le_bytes());
        out.extend_from_slice(&u64::from(self.plans).to_le_bytes());
        out.extend_from_slice(&(self.names.len() as u64).to_le_bytes());
        out.extend_from_slice(&(dict.len() as u64 + 8).to_le_bytes());
        out.extend_from_slice(&(lists.len() as u64).to_le_bytes());
        out.extend_from_slice(&self.names);
        out.extend_from_slice(&count.to_le_bytes());
        out.extend_from_slice(&dict);
        out.extend_from_slice(&lists);
        let mut sum = Sum::default();
        sum.feed(&out);
        out.extend_from_slice(&sum.finish().to_le_bytes());
        Ok(out)
    }
}

pub(super) fn put_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&u32::try_from(s.len()).unwrap_or(u32::MAX).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}
