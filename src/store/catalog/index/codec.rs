//! The index's encoding: little-endian integers, length-prefixed UTF-8, written into a buffer and read back from
//! a file a chunk at a time (see [`Reader`]).

use std::io::Read;
use std::sync::Arc;

use jiff::Timestamp;
use jiff::civil::Date;

use super::Sum;
use crate::domain::{Ladder, RungRef};

pub(super) struct Writer(pub(super) Vec<u8>);

impl Writer {
    pub(super) fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    pub(super) fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub(super) fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub(super) fn i64(&mut self, v: i64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub(super) fn str(&mut self, s: &str) {
        self.u32(u32::try_from(s.len()).unwrap_or(u32::MAX));
        self.0.extend_from_slice(s.as_bytes());
    }
    /// A rung as its key, the empty text for none: the same bytes a plain text field had, so an index written
    /// before rungs were typed still reads. The catalog resolves the keys against its ladder.
    pub(super) fn rung(&mut self, rung: Option<&RungRef>) {
        self.str(RungRef::text(rung));
    }
    pub(super) fn timestamp(&mut self, t: Timestamp) {
        self.i64(t.as_second());
        self.u32(t.subsec_nanosecond() as u32);
    }
    pub(super) fn date(&mut self, d: Option<Date>) {
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

/// Reads an index's body from `src` a chunk at a time, feeding the checksum with every byte on the way, so that a
/// file is checked and decoded in one pass without being held whole.
pub(super) struct Reader<R> {
    pub(super) src: R,
    buf: Vec<u8>,
    at: usize,
    /// Body bytes not yet read from `src`.
    left: u64,
    pub(super) sum: Sum,
    /// The rungs, stakeholders and tactics read so far, each shared by every summary naming it.
    pub(super) interner: crate::store::catalog::summary::Interner,
    /// A buffer for a text read before the next one (the reader lends one text at a time).
    pub(super) scratch: [String; 2],
}

/// How much a [`Reader`] reads at a time.
pub(super) const CHUNK: usize = 64 * 1024;

impl<R: Read> Reader<R> {
    pub(super) fn new(src: R, body_len: u64) -> Self {
        Reader {
            src,
            buf: Vec::new(),
            at: 0,
            left: body_len,
            sum: Sum::default(),
            interner: Default::default(),
            scratch: Default::default(),
        }
    }

    /// The next `n` bytes of the body; `None` past its end or when the file cannot be read.
    pub(super) fn take(&mut self, n: usize) -> Option<&[u8]> {
        if self.buf.len() - self.at < n {
            self.buf.drain(..self.at);
            self.at = 0;
            let want = (n - self.buf.len()).max(CHUNK);
            let want = usize::try_from(self.left).map_or(want, |left| want.min(left));
            if self.buf.len() + want < n {
                return None;
            }
            let start = self.buf.len();
            self.buf.resize(start + want, 0);
            self.src.read_exact(&mut self.buf[start..]).ok()?;
            self.sum.feed(&self.buf[start..]);
            self.left -= want as u64;
        }
        let out = self.buf.get(self.at..self.at + n)?;
        self.at += n;
        Some(out)
    }

    /// Whether every byte of the body was read (and nothing is left in the buffer).
    pub(super) fn at_end(&self) -> bool {
        self.left == 0 && self.at == self.buf.len()
    }

    pub(super) fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Some(a)
    }
    pub(super) fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    pub(super) fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.array()?))
    }
    pub(super) fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.array()?))
    }
    pub(super) fn i64(&mut self) -> Option<i64> {
        Some(i64::from_le_bytes(self.array()?))
    }
    pub(super) fn str(&mut self) -> Option<String> {
        self.str_ref().map(str::to_string)
    }
    pub(super) fn str_ref(&mut self) -> Option<&str> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.take(n)?).ok()
    }
    /// A rung resolved against `ladder`, which the index's fingerprint vouches is the one it was written with:
    /// each distinct key is resolved once and shared by every summary naming it.
    pub(super) fn rung(&mut self, ladder: &Ladder) -> Option<Option<Arc<RungRef>>> {
        let n = self.u32()? as usize;
        self.take(n)?;
        let text = std::str::from_utf8(self.buf.get(self.at - n..self.at)?).ok()?;
        Some(self.interner.rung_named(ladder, text))
    }
    pub(super) fn timestamp(&mut self) -> Option<Timestamp> {
        let s = self.i64()?;
        let ns = self.u32()?;
        Timestamp::new(s, i32::try_from(ns).ok()?).ok()
    }
    pub(super) fn date(&mut self) -> Option<Option<Date>> {
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
