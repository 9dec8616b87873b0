//! Noticing plans that change under the app (edited by hand, synced in from another machine): a background
//! thread looks at the plans folder (and the register of people beside it) every couple of seconds and raises a flag when any file's name, size or
//! modification time differs. Only the folder listing is read, never the files, so it stays cheap; the app
//! reloads on its next tick. `r` reloads by hand as well.

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, SystemTime};

/// How often the folder is looked at.
pub(crate) const EVERY: Duration = Duration::from_secs(2);

/// What the folder looked like: each entry's name, size and modification time, sorted.
pub(crate) type Fingerprint = Vec<(OsString, u64, Option<SystemTime>)>;

/// The plans folder's fingerprint now (empty when it does not exist).
pub fn fingerprint(dir: &Path) -> Fingerprint {
    let mut out: Fingerprint = fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| {
                    let meta = e.metadata().ok();
                    (
                        e.file_name(),
                        meta.as_ref().map_or(0, |m| m.len()),
                        meta.and_then(|m| m.modified().ok()),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
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
                        last = now;
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

    #[test]
    fn fingerprints_change_with_names_sizes_and_times() {
        let dir = tempfile::tempdir().unwrap();
        let empty = fingerprint(dir.path());
        assert!(empty.is_empty());
        assert!(fingerprint(&dir.path().join("missing")).is_empty());
        fs::write(dir.path().join("a.toml"), "x").unwrap();
        let one = fingerprint(dir.path());
        assert_eq!(one.len(), 1);
        fs::write(dir.path().join("a.toml"), "xy").unwrap();
        assert_ne!(fingerprint(dir.path()), one);
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
