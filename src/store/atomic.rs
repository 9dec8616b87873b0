//! Writes that cannot leave a half-written file behind: a temporary file in the same folder, flushed to disk,
//! then renamed over the target (rename is atomic within one file system), then the folder flushed so the rename
//! itself survives a power cut. Files are private to the user (0600), folders too (0700).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Temporary files start with this, so a listing of plans can skip them and a later start can clear them.
pub const TEMP_PREFIX: &str = ".overture-tmp-";

/// Creates a folder (and its parents) readable only by the user.
pub(crate) fn create_private_dir(path: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(path)
}

fn open_private_new(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

fn temp_path(dir: &Path) -> PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    dir.join(format!("{TEMP_PREFIX}{}-{nanos}-{n}", std::process::id()))
}

/// Writes `bytes` into a new temporary file in `dir`, flushed to disk unless `durable` is false, and returns its
/// path.
fn write_temp(dir: &Path, bytes: &[u8], durable: bool) -> io::Result<PathBuf> {
    let tmp = temp_path(dir);
    let result = (|| {
        let mut file = open_private_new(&tmp)?;
        file.write_all(bytes)?;
        if durable { file.sync_all() } else { Ok(()) }
    })();
    match result {
        Ok(()) => Ok(tmp),
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            Err(e)
        }
    }
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()?;
    }
    let _ = dir;
    Ok(())
}

/// The folder `path` is in ("." for a bare file name): where its temporary file goes and whose lock a save takes.
pub(crate) fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Replaces `path` with `bytes` atomically: readers see the old file or the new one, never a mix.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = parent(path);
    let tmp = write_temp(dir, bytes, true)?;
    if let Err(e) = fs::rename(&tmp, path) {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    sync_dir_after_rename(dir)
}

/// Replaces `path` with `bytes` atomically as [`write_atomic`] does, but without waiting for the disk: for the
/// caches only (`cache/index`, `cache/newest`, `cache/search`), which are checksummed, checked against the files
/// on every load and rebuilt when damaged or missing, so a crash can cost a rebuild and never a plan. The six
/// flushes the three caches took were a third of a first `overture list` at 1,000 plans.
pub(crate) fn replace_cache(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = write_temp(parent(path), bytes, false)?;
    if let Err(e) = fs::rename(&tmp, path) {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(())
}

/// Flushes a folder after a rename. Some file systems (FUSE and network mounts) cannot flush a folder at all and
/// say so with EINVAL: the new file is in place by then, and reporting a failed save would make the caller think
/// it was not written and later refuse its own file as changed on disk.
fn sync_dir_after_rename(dir: &Path) -> io::Result<()> {
    match sync_dir(dir) {
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::InvalidInput | io::ErrorKind::Unsupported
            ) =>
        {
            Ok(())
        }
        other => other,
    }
}

/// Creates a file that must not exist yet, atomically and without ever replacing another file. Returns
/// `AlreadyExists` when the name is taken, so the caller can pick another.
pub(crate) fn create_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = parent(path);
    let tmp = write_temp(dir, bytes, true)?;
    // A hard link fails when the target exists, which a rename would silently replace.
    let linked = fs::hard_link(&tmp, path);
    let _ = fs::remove_file(&tmp);
    linked?;
    sync_dir_after_rename(dir)
}

/// A private temporary file in a folder, for a file written in pieces (the search index): removed when dropped
/// unless [`TempFile::persist`] renamed it into place, so an error or a panic part-way leaves nothing behind.
pub(crate) struct TempFile {
    file: File,
    /// `None` once renamed into place, or for a scratch file already unlinked.
    path: Option<PathBuf>,
}

impl TempFile {
    /// A new temporary file in `dir`, open to write and read.
    pub(crate) fn create(dir: &Path) -> io::Result<TempFile> {
        let path = temp_path(dir);
        let mut options = OpenOptions::new();
        options.read(true).write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let file = options.open(&path)?;
        Ok(TempFile {
            file,
            path: Some(path),
        })
    }

    /// A scratch file in `dir` that is never renamed into place. On Unix its name is removed at once, so that not
    /// even a killed process leaves it behind; elsewhere it goes when dropped.
    pub(crate) fn scratch(dir: &Path) -> io::Result<TempFile> {
        let mut temp = TempFile::create(dir)?;
        #[cfg(unix)]
        if let Some(path) = temp.path.take() {
            fs::remove_file(path)?;
        }
        Ok(temp)
    }

    pub(crate) fn file(&mut self) -> &mut File {
        &mut self.file
    }

    /// Renames the file over `path` (atomically, without waiting for the disk, as [`replace_cache`]), and returns
    /// it still open.
    pub(crate) fn persist(mut self, path: &Path) -> io::Result<File> {
        if let Some(tmp) = &self.path {
            fs::rename(tmp, path)?;
            self.path = None;
        }
        let file = self.file.try_clone()?;
        Ok(file)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if let Some(path) = self.path.take() {
            let _ = fs::remove_file(path);
        }
    }
}

/// The lock file overture keeps in each folder it saves into where a folder itself cannot be locked (not on
/// Unix), and that earlier versions kept everywhere: it holds nothing, and listings ignore it. On Unix the
/// advisory lock (flock) is taken on the folder itself, so no file of ours sits in a folder the user syncs. The
/// lock makes "compare with the disk, then rename" one step among overture processes; the kernel releases it when
/// the holder exits, even when killed, so a crash never leaves the folder locked.
pub const LOCK_NAME: &str = ".overture.lock";

/// How long a save waits for another overture process to finish its own save in the same folder. A save holds
/// the lock for milliseconds; waiting longer than this means the other process is stuck, and the user is told.
pub(crate) const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// Held while a save compares and renames; dropping it (closing the file) releases the lock.
#[derive(Debug)]
pub(crate) struct FolderLock {
    _file: Option<File>,
}

/// Takes the folder's save lock, waiting up to `wait` for another process to release it. On a file system that
/// cannot lock (some network and FUSE mounts) the save goes ahead unlocked: the compare with the disk still
/// catches all but a near-simultaneous second writer, and refusing every save there would be worse.
pub(crate) fn lock_folder(dir: &Path, wait: std::time::Duration) -> io::Result<FolderLock> {
    #[cfg(unix)]
    let file = File::open(dir)?;
    #[cfg(not(unix))]
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(dir.join(LOCK_NAME))?;
    let deadline = std::time::Instant::now() + wait;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(FolderLock { _file: Some(file) }),
            Err(fs::TryLockError::WouldBlock) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            Err(fs::TryLockError::WouldBlock) => {
                return Err(io::Error::new(
                    io::ErrorKind::WouldBlock,
                    "another overture process has been saving in this folder for too long",
                ));
            }
            // Unsupported, or refused for a folder opened to read (NFS emulates flock with locks that want a
            // file open for writing): this file system cannot lock here.
            Err(fs::TryLockError::Error(_)) => return Ok(FolderLock { _file: None }),
        }
    }
}

/// Removes temporary files left by a process that was killed mid-write. Only files older than a minute are
/// touched, so a save in progress in another process is never disturbed.
pub(crate) fn clean_stale_temps(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let minute_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    for entry in entries.flatten() {
        let is_temp = entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX);
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t < minute_ago);
        if is_temp && old {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Creates `<base>.toml` in `dir` with `bytes`, or `<base>-2.toml`, `-3`... when the name is taken: a new file
/// never replaces one that exists, even one another program made a moment ago (the creation itself is the
/// check). Plans and people's files are named this way. Returns the path written, or the last error.
pub(crate) fn create_numbered(
    dir: &Path,
    base: &str,
    bytes: &[u8],
) -> Result<PathBuf, (PathBuf, io::Error)> {
    for n in 1..10_000 {
        let name = if n == 1 {
            format!("{base}.toml")
        } else {
            format!("{base}-{n}.toml")
        };
        let path = dir.join(name);
        match create_atomic(&path, bytes) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err((path, e)),
        }
    }
    Err((dir.join(base), io::Error::other("no free file name")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "two");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, [std::ffi::OsString::from("a.toml")]);
    }

    #[cfg(unix)]
    #[test]
    fn files_and_folders_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("x/y");
        create_private_dir(&sub).unwrap();
        assert_eq!(
            fs::metadata(&sub).unwrap().permissions().mode() & 0o777,
            0o700
        );
        let f = sub.join("p.toml");
        create_atomic(&f, b"x").unwrap();
        assert_eq!(
            fs::metadata(&f).unwrap().permissions().mode() & 0o777,
            0o600
        );
        write_atomic(&f, b"y").unwrap();
        assert_eq!(
            fs::metadata(&f).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }

    #[test]
    fn the_folder_lock_waits_a_bounded_time_and_is_released_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let held = lock_folder(dir.path(), LOCK_WAIT).unwrap();
        #[cfg(unix)]
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            0,
            "the folder itself is locked: no lock file in a folder the user syncs"
        );
        let wait = std::time::Duration::from_millis(50);
        let err = lock_folder(dir.path(), wait).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::WouldBlock);
        drop(held);
        lock_folder(dir.path(), wait).unwrap();
    }

    #[test]
    fn create_never_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        create_atomic(&path, b"first").unwrap();
        let err = create_atomic(&path, b"second").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&path).unwrap(), "first");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
