//! Noticing plans that change under the app (edited by hand, synced in from another machine): a background
//! thread looks at the plans folder (and the register of people beside it) every couple of seconds and raises a flag when any file's name, size or
//! modification time differs. Only the folder listing is read, never the files, so it stays cheap; the app
//! reloads on its next tick. `r` reloads by hand as well.

use std::collections::hash_map::DefaultHasher;
use std::ffi::OsStr;
use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, SystemTime};

/// How often the folder is looked at.
pub(crate) const EVERY: Duration = Duration::from_secs(2);

/// What the folder looked like, summed up in 24 bytes however many files it holds (a list of every entry took
/// megabytes at 50,000 plans, twice over while a poll compared two): how many entries there are, and two
/// order-independent digests of each entry's name, size and modification time (a wrapping sum of one hash and
/// an exclusive or of another, independent one). Any change to a name, a size or a time changes an entry's
/// hashes, so it goes unseen only if both digests collide at once.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Fingerprint {
    entries: u64,
    sum: u64,
    xor: u64,
}

impl Fingerprint {
    fn add(&mut self, name: &OsStr, len: u64, modified: Option<SystemTime>) {
        let hash = |seed: u64| {
            // `DefaultHasher::new` has fixed keys: the same entry hashes alike on every poll.
            let mut h = DefaultHasher::new();
            seed.hash(&mut h);
            name.as_encoded_bytes().hash(&mut h);
            len.hash(&mut h);
            modified.hash(&mut h);
            h.finish()
        };
        self.entries += 1;
        self.sum = self.sum.wrapping_add(hash(0x9e37_79b9_7f4a_7c15));
        self.xor ^= hash(0xc2b2_ae3d_27d4_eb4f);
    }

    /// How many entries the folder held (files and folders alike).
    pub fn entries(&self) -> u64 {
        self.entries
    }
}

/// The plans folder's fingerprint now (that of an empty folder when it does not exist). Nothing is kept per
/// entry: each is folded into the digests as it is read.
pub fn fingerprint(dir: &Path) -> Fingerprint {
    let mut out = Fingerprint::default();
    if let Ok(entries) = fs::read_dir(dir) {
        for e in entries.flatten() {
            let meta = e.metadata().ok();
            out.add(
                &e.file_name(),
                meta.as_ref().map_or(0, |m| m.len()),
                meta.and_then(|m| m.modified().ok()),
            );
        }
    }
    out
}

#[derive(Debug, Default)]
struct Shared {
    changed: AtomicBool,
    /// Set by the app after its own writes: take a new baseline without reporting a change.
    rebase: AtomicBool,
    stop: AtomicBool,
}

/// The watching thread's handle; dropping it stops the thread.
#[derive(Debug)]
pub struct Watcher {
    shared: Arc<Shared>,
}

impl Watcher {
    /// Watches several folders as one: the plans and the register of people (`people/`), whose changes alter
    /// every count as much as a plan's.
    pub(crate) fn spawn_folders(dirs: Vec<PathBuf>, every: Duration) -> Watcher {
        let fingerprint = |dirs: &[PathBuf]| -> Vec<Fingerprint> {
            dirs.iter().map(|d| fingerprint(d)).collect()
        };
        let shared = Arc::new(Shared::default());
        let theirs = Arc::clone(&shared);
        let spawned = thread::Builder::new()
            .name("overture-watch".into())
            .spawn(move || {
                let mut last = fingerprint(&dirs);
                loop {
                    thread::sleep(every);
                    if theirs.stop.load(Ordering::Relaxed) {
                        return;
                    }
                    let now = fingerprint(&dirs);
                    if theirs.rebase.swap(false, Ordering::SeqCst) {
                        // The app's own write may have landed while `now` was being taken (at 50,000 plans a
                        // look takes a tenth of a second): the baseline is taken again, after it, or the next
                        // look would report that write as someone else's and reload everything.
                        last = fingerprint(&dirs);
                        continue;
                    }
                    if now != last {
                        last = now;
                        theirs.changed.store(true, Ordering::SeqCst);
                    }
                }
            });
        // Without a thread the app still reloads on `r`; nothing else depends on it.
        drop(spawned);
        Watcher { shared }
    }

    /// Whether the folder changed since the last call.
    pub(crate) fn take_change(&self) -> bool {
        self.shared.changed.swap(false, Ordering::SeqCst)
    }

    /// The app wrote to the folder itself and has already reloaded: that is not news.
    pub(crate) fn rebase(&self) {
        self.shared.changed.store(false, Ordering::SeqCst);
        self.shared.rebase.store(true, Ordering::SeqCst);
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(path: &Path, secs: u64) {
        let f = fs::File::options().write(true).open(path).unwrap();
        f.set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(secs))
            .unwrap();
    }

    #[test]
    fn fingerprints_change_with_names_sizes_and_times() {
        let dir = tempfile::tempdir().unwrap();
        let empty = fingerprint(dir.path());
        assert_eq!(empty.entries(), 0);
        assert_eq!(fingerprint(&dir.path().join("missing")), empty);
        let a = dir.path().join("a.toml");
        fs::write(&a, "x").unwrap();
        at(&a, 1_000);
        let one = fingerprint(dir.path());
        assert_eq!(one.entries(), 1);
        assert_ne!(one, empty);
        assert_eq!(
            fingerprint(dir.path()),
            one,
            "the same listing, the same print"
        );
        fs::write(&a, "xy").unwrap();
        at(&a, 1_000);
        assert_ne!(fingerprint(dir.path()), one, "a new size");
        fs::write(&a, "x").unwrap();
        at(&a, 1_000);
        assert_eq!(fingerprint(dir.path()), one, "back as it was");
        at(&a, 1_001);
        assert_ne!(fingerprint(dir.path()), one, "a new time");
    }

    #[test]
    fn a_rename_is_a_change() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.toml");
        fs::write(&a, "x").unwrap();
        at(&a, 1_000);
        let before = fingerprint(dir.path());
        let b = dir.path().join("b.toml");
        fs::rename(&a, &b).unwrap();
        at(&b, 1_000);
        let after = fingerprint(dir.path());
        assert_eq!(after.entries(), before.entries());
        assert_ne!(after, before);
    }

    #[test]
    fn two_files_swapping_sizes_is_a_change() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.toml"), dir.path().join("b.toml"));
        let write = |x: &str, y: &str| {
            fs::write(&a, x).unwrap();
            fs::write(&b, y).unwrap();
            at(&a, 1_000);
            at(&b, 1_000);
            fingerprint(dir.path())
        };
        let before = write("x", "yy");
        let swapped = write("xx", "y");
        // The same names, the same times, the same sizes between them: only which file has which size differs.
        assert_eq!(swapped.entries(), before.entries());
        assert_ne!(swapped, before);
        assert_eq!(write("x", "yy"), before);
    }

    #[test]
    fn the_thread_raises_the_flag() {
        let dir = tempfile::tempdir().unwrap();
        let w = Watcher::spawn_folders(vec![dir.path().to_path_buf()], Duration::from_millis(10));
        std::thread::sleep(Duration::from_millis(30));
        assert!(!w.take_change());
        fs::write(dir.path().join("a.toml"), "x").unwrap();
        let start = std::time::Instant::now();
        while !w.take_change() {
            assert!(start.elapsed() < Duration::from_secs(5), "no change seen");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}
