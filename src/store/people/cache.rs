//! A cache of the register (`<data dir>/cache/people`), so that a command over a workbook with thousands of people
//! looks at each person's file (one `stat`) instead of opening, reading and parsing it. Like the plans' index
//! (`store::catalog::index`) it is a cache and never more: an entry is used only when the file's size, times and
//! inode are what they were, and the file was not modified in the two seconds before the cache was written (a
//! second change within the same clock tick would look the same). Anything else, a missing or damaged cache
//! included, is read from the file again.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::PersonFile;
use crate::domain::people::Person;
use crate::store::catalog::index::{FileStamp, now_ns, trusted};
use crate::store::{DataDir, atomic, read};

/// The cache's name in `cache/`.
pub(crate) const PEOPLE_CACHE: &str = "people";

/// Changed whenever what is cached changes shape: an older cache is then read as none.
const VERSION: u32 = 1;

/// Far above any register (ten thousand people are a few megabytes).
const CACHE_CAP: read::Cap = read::Cap {
    bytes: 256 << 20,
    what: "the people cache",
};

#[derive(Serialize, Deserialize)]
struct CacheFile {
    version: u32,
    /// When the files were looked at: an entry modified within two seconds before it is not trusted.
    scanned_at_ns: i64,
    entries: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    /// The file's name in `people/` (only UTF-8 names are cached).
    file: String,
    len: u64,
    mtime_ns: i64,
    ctime_ns: i64,
    ino: u64,
    text: String,
    person: Person,
}

impl Entry {
    fn stamp(&self) -> FileStamp {
        FileStamp {
            len: self.len,
            mtime_ns: self.mtime_ns,
            ctime_ns: self.ctime_ns,
            ino: self.ino,
        }
    }
}

/// What the last load saw, by file name.
pub(super) struct Cache {
    scanned_at_ns: i64,
    entries: HashMap<String, Entry>,
    /// Whether what is on disk differs from what the next [`Cache::write`] would write.
    changed: bool,
    fresh: Vec<Entry>,
    now_ns: i64,
}

impl Cache {
    /// The cache on disk, or an empty one.
    pub(super) fn read(data: &DataDir) -> Cache {
        let path = data.cache().join(PEOPLE_CACHE);
        let found: Option<CacheFile> = read::bytes(&path, CACHE_CAP)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .filter(|c: &CacheFile| c.version == VERSION);
        let (scanned_at_ns, entries) = match found {
            Some(c) => (
                c.scanned_at_ns,
                c.entries.into_iter().map(|e| (e.file.clone(), e)).collect(),
            ),
            None => (0, HashMap::new()),
        };
        Cache {
            scanned_at_ns,
            changed: false,
            entries,
            fresh: Vec::new(),
            now_ns: now_ns(),
        }
    }

    /// The person in `path` as cached, when the file is still what was cached (`meta` is its own, not a link's).
    pub(super) fn take(&mut self, path: &Path, meta: &std::fs::Metadata) -> Option<PersonFile> {
        let name = path.file_name()?.to_str()?;
        let stamp = FileStamp::of(meta);
        let entry = self.entries.remove(name)?;
        if !trusted(&stamp, &entry.stamp(), self.scanned_at_ns) {
            self.changed = true;
            return None;
        }
        let file = PersonFile {
            path: path.to_path_buf(),
            person: entry.person.clone(),
            text: entry.text.clone(),
        };
        self.fresh.push(entry);
        Some(file)
    }

    /// A file read now: cached for next time unless it was modified too recently to tell a later change apart.
    pub(super) fn put(&mut self, file: &PersonFile, meta: &std::fs::Metadata) {
        self.changed = true;
        let Some(name) = file.path.file_name().and_then(|n| n.to_str()) else {
            return;
        };
        let stamp = FileStamp::of(meta);
        if stamp.mtime_ns >= self.now_ns.saturating_sub(2_000_000_000) {
            return;
        }
        self.fresh.push(Entry {
            file: name.to_string(),
            len: stamp.len,
            mtime_ns: stamp.mtime_ns,
            ctime_ns: stamp.ctime_ns,
            ino: stamp.ino,
            text: file.text.clone(),
            person: file.person.clone(),
        });
    }

    /// Writes what this load saw, when it differs from the cache read (a file added, changed or gone). Failing to
    /// write is no problem: the next load reads the files again.
    pub(super) fn write(mut self, data: &DataDir) {
        self.changed |= !self.entries.is_empty();
        if !self.changed {
            return;
        }
        let cache = CacheFile {
            version: VERSION,
            scanned_at_ns: self.now_ns,
            entries: std::mem::take(&mut self.fresh),
        };
        let Ok(bytes) = serde_json::to_vec(&cache) else {
            return;
        };
        // As the plans' caches are written: never through a link, in a folder marked as a cache, without waiting
        // for the disk (a crash costs a re-read of the register, never a person).
        let dir = data.cache();
        if crate::store::catalog::prepare_cache(&dir).unwrap_or(false) {
            let _ = atomic::replace_cache(&dir.join(PEOPLE_CACHE), &bytes);
        }
    }
}
