//! Writing a file the user named: `print -o PATH` and the print preview's "Save as". A plan's own saves rename a
//! temporary file over the plan; done blindly to any name, that replaced `/dev/stdout` or `/dev/null` with a
//! plain file, turned a link into a copy (its target never written), a FIFO into a file nobody reads, and a
//! plan into a printed page. Here:
//!
//! - a link is followed, and its target written (a link to nothing, or a loop, is refused);
//! - a character device or a FIFO is opened and written, as a shell's `>` would (`-o /dev/stdout` means the
//!   terminal); a FIFO nobody reads is refused instead of waited on;
//! - the data folder's `plans/`, `people/`, `drafts/`, `trash/` and `cache/` are never written into, and no file
//!   that reads as a plan is ever replaced, wherever it is;
//! - an existing regular file is replaced only when the caller says the user agreed ([`Replace::Yes`]);
//! - a regular file is written atomically (a half-written PDF is never left), in the folder it is in.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::atomic;
use super::paths::DataDir;
use super::plan_file;

/// Whether an existing regular file may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// Not without asking: [`OutputError::Exists`] comes back, for the caller to ask and try again.
    Ask,
    /// The user agreed (`--force`, or "Enter again replaces it").
    Yes,
}

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// A regular file is there; replacing it needs the user's word.
    #[error("{} already exists", .0.display())]
    Exists(PathBuf),
    /// Never written, for this reason; nothing was changed.
    #[error("{}: {reason}; nothing was written", path.display())]
    Refused { path: PathBuf, reason: String },
    #[error("could not write {}: {}", path.display(), output_problem(source))]
    Io { path: PathBuf, source: io::Error },
}

/// Why writing to a file the user named failed: as [`plan_file::write_problem`] says, except that a missing
/// folder is not said to have gone: a mistyped `-o` or `calendar_file` names one that never was.
fn output_problem(e: &io::Error) -> String {
    if e.kind() == io::ErrorKind::NotFound {
        format!("there is no such folder ({e})")
    } else {
        plan_file::write_problem(e)
    }
}

/// Where the bytes go, once the name is resolved and judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// A regular file that does not exist yet.
    New(PathBuf),
    /// A regular file that does: replaced only with [`Replace::Yes`].
    Existing(PathBuf),
    /// A character device or a FIFO: opened and written.
    Stream(PathBuf),
}

impl Destination {
    pub(crate) fn path(&self) -> &Path {
        match self {
            Destination::New(p) | Destination::Existing(p) | Destination::Stream(p) => p,
        }
    }
}

fn refused(path: &Path, reason: impl Into<String>) -> OutputError {
    OutputError::Refused {
        path: path.to_path_buf(),
        reason: reason.into(),
    }
}

/// Resolves `path` (following a link) and says where the bytes would go, or why they must not.
pub(crate) fn destination(data: &DataDir, path: &Path) -> Result<Destination, OutputError> {
    let io = |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            refuse_data_folder(data, path)?;
            return Ok(Destination::New(path.to_path_buf()));
        }
        Err(e) => return Err(io(e)),
    };
    if !meta.file_type().is_symlink() {
        return judge(data, path, &meta);
    }
    let followed = fs::metadata(path).map_err(|e| {
        if is_errno(&e, LOOP) {
            refused(path, "a link loop")
        } else if e.kind() == io::ErrorKind::NotFound {
            refused(path, "a link to a file that does not exist")
        } else {
            io(e)
        }
    })?;
    // `/dev/stdout` and `/proc/self/fd/1` name whatever the output already is, a terminal, a pipe or a file a
    // shell opened with `>`: written through, as the shell would.
    if !followed.is_file() || path.starts_with("/dev") || path.starts_with("/proc") {
        return judge_special(path, &followed);
    }
    let target = fs::canonicalize(path).map_err(io)?;
    judge(data, &target, &followed)
}

/// A name that is not a link, judged by what it is.
fn judge(data: &DataDir, path: &Path, meta: &fs::Metadata) -> Result<Destination, OutputError> {
    refuse_data_folder(data, path)?;
    if meta.is_file() {
        if reads_as_plan(path) {
            return Err(refused(
                path,
                "that file is a plan, and a printed page would replace it",
            ));
        }
        return Ok(Destination::Existing(path.to_path_buf()));
    }
    judge_special(path, meta)
}

/// Anything but a regular file: a device or FIFO is written by opening it; the rest is refused.
fn judge_special(path: &Path, meta: &fs::Metadata) -> Result<Destination, OutputError> {
    let kind = meta.file_type();
    if kind.is_dir() {
        return Err(refused(path, "a folder"));
    }
    if kind.is_file() {
        return Ok(Destination::Stream(path.to_path_buf()));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_char_device() || kind.is_fifo() {
            return Ok(Destination::Stream(path.to_path_buf()));
        }
        if kind.is_block_device() {
            return Err(refused(path, "a disk device"));
        }
    }
    Err(refused(path, "not a file that can be written"))
}

/// Whether `path` leads to a terminal (`/dev/tty`, `/dev/stdout` at a shell): a page written there is drawn on
/// the screen, which is right for text from the command line, but not for a PDF, nor from inside the workbook,
/// whose screen it would scribble over.
pub(crate) fn is_terminal(path: &Path) -> bool {
    use std::io::IsTerminal;
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        // Only a character device is opened to ask: opening a FIFO could wait for a reader.
        if !fs::metadata(path).is_ok_and(|m| m.file_type().is_char_device()) {
            return false;
        }
    }
    fs::OpenOptions::new()
        .write(true)
        .open(path)
        .is_ok_and(|f| f.is_terminal())
}

/// The refusal for a terminal named inside the workbook (see [`is_terminal`]).
pub(crate) fn refuse_terminal(path: &Path) -> Result<(), OutputError> {
    if is_terminal(path) {
        return Err(refused(
            path,
            "a terminal, where the page would be drawn over the workbook",
        ));
    }
    Ok(())
}

/// Refuses a name inside the data folder's own folders, where a page would pass for a plan, a person, a draft
/// or a deleted plan (or be deleted with them).
fn refuse_data_folder(data: &DataDir, path: &Path) -> Result<(), OutputError> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Ok(folder) = fs::canonicalize(folder) else {
        // A folder that does not exist cannot be one of ours; the write says what is wrong with it.
        return Ok(());
    };
    let ours = [
        data.plans(),
        data.root().join("people"),
        data.drafts(),
        data.trash(),
        data.cache(),
    ];
    for own in ours {
        if let Ok(own) = fs::canonicalize(&own)
            && folder.starts_with(&own)
        {
            return Err(refused(
                path,
                format!(
                    "inside overture's own {} folder, where only overture writes",
                    own.file_name().map_or_else(
                        || own.display().to_string(),
                        |n| n.to_string_lossy().into_owned()
                    )
                ),
            ));
        }
    }
    Ok(())
}

/// Whether the regular file at `path` holds a plan overture would load. Read as plans are ([`super::read`]): a
/// pipe put in its place since it was looked at cannot block this.
fn reads_as_plan(path: &Path) -> bool {
    super::read::text(path, plan_file::PLAN_CAP)
        .is_ok_and(|text| plan_file::check_unresolved(path, &text).is_ok())
}

/// Writes `bytes` where `path` leads (see the module's rules). Returns where they went.
pub fn write(
    data: &DataDir,
    path: &Path,
    bytes: &[u8],
    replace: Replace,
) -> Result<Destination, OutputError> {
    let destination = destination(data, path)?;
    let io = |source| OutputError::Io {
        path: destination.path().to_path_buf(),
        source,
    };
    match &destination {
        Destination::Existing(target) if replace == Replace::Ask => {
            return Err(OutputError::Exists(target.clone()));
        }
        Destination::New(target) | Destination::Existing(target) => {
            atomic::write_atomic(target, bytes).map_err(io)?;
        }
        Destination::Stream(target) => write_stream(target, bytes).map_err(|e| {
            if is_errno(&e, NO_READER) {
                // ENXIO: a FIFO with no reader. Waiting would hang until someone reads it, perhaps never.
                refused(target, "a FIFO that no program is reading from")
            } else {
                io(e)
            }
        })?,
    }
    Ok(destination)
}

/// ELOOP: a link loop.
#[cfg(unix)]
const LOOP: Option<i32> = Some(rustix::io::Errno::LOOP.raw_os_error());
/// ENXIO: the open of a FIFO with no reader.
#[cfg(unix)]
const NO_READER: Option<i32> = Some(rustix::io::Errno::NXIO.raw_os_error());
#[cfg(not(unix))]
const LOOP: Option<i32> = None;
#[cfg(not(unix))]
const NO_READER: Option<i32> = None;

fn is_errno(e: &io::Error, errno: Option<i32>) -> bool {
    errno.is_some() && e.raw_os_error() == errno
}

/// Opens a device or FIFO and writes to it. A FIFO is opened without waiting for a reader (the open fails with
/// ENXIO when there is none), then written in the ordinary, blocking way. Appending, so that a file the shell
/// opened (`-o /dev/stdout >> log`) is added to as `>>` meant, and one opened with `>` (empty) is simply written.
fn write_stream(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    let mut file = options.open(path)?;
    #[cfg(unix)]
    {
        let flags = rustix::fs::fcntl_getfl(&file)?;
        rustix::fs::fcntl_setfl(&file, flags - rustix::fs::OFlags::NONBLOCK)?;
    }
    file.write_all(bytes)?;
    file.flush()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn plan_text() -> String {
        let mut plan = crate::domain::Plan::new("2026-01-02T12:00:00Z".parse().unwrap());
        plan.stakeholder.name = "Dr B".into();
        crate::store::format::render_new(&plan).unwrap()
    }

    #[test]
    fn a_link_is_written_through_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path().join("data"));
        let target = dir.path().join("page.txt");
        fs::write(&target, "old").unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(matches!(
            write(&data, &link, b"new", Replace::Ask),
            Err(OutputError::Exists(_))
        ));
        write(&data, &link, b"new", Replace::Yes).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        let dangling = dir.path().join("dangling.txt");
        std::os::unix::fs::symlink(dir.path().join("nothing"), &dangling).unwrap();
        assert!(matches!(
            write(&data, &dangling, b"x", Replace::Yes),
            Err(OutputError::Refused { .. })
        ));
    }

    #[test]
    fn plans_and_the_data_folders_are_never_written() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path().join("data"));
        let plans = data.ensure_plans().unwrap();
        let text = plan_text();
        let plan = plans.join("p.toml");
        fs::write(&plan, &text).unwrap();
        let outside = dir.path().join("copy.toml");
        fs::write(&outside, &text).unwrap();
        for path in [plan.clone(), plans.join("new.txt"), outside.clone()] {
            let err = write(&data, &path, b"page", Replace::Yes).unwrap_err();
            assert!(matches!(err, OutputError::Refused { .. }), "{err}");
        }
        assert_eq!(fs::read_to_string(&plan).unwrap(), text);
        assert_eq!(fs::read_to_string(&outside).unwrap(), text);
        assert!(!plans.join("new.txt").exists());
    }

    #[test]
    fn a_fifo_without_a_reader_is_refused_not_waited_on() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path().join("data"));
        let fifo = dir.path().join("fifo");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        let err = write(&data, &fifo, b"page", Replace::Ask).unwrap_err();
        assert!(err.to_string().contains("no program is reading"), "{err}");
        use std::os::unix::fs::FileTypeExt;
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
        // With a reader, the page goes through the FIFO.
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read(fifo).unwrap())
        };
        let mut written = None;
        for _ in 0..500 {
            match write(&data, &fifo, b"page", Replace::Ask) {
                Ok(d) => {
                    written = Some(d);
                    break;
                }
                Err(_) => std::thread::sleep(std::time::Duration::from_millis(10)),
            }
        }
        assert_eq!(written, Some(Destination::Stream(fifo.clone())));
        assert_eq!(reader.join().unwrap(), b"page");
    }
}
