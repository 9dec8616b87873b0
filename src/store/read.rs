//! The one way overture reads a file it did not just write: plans, the config, the ladder, the index, drafts, a
//! font. Whatever sits at the path (a named pipe that would block forever, a link to `/dev/zero` that never ends,
//! a sparse file of gigabytes), the read ends quickly with a message naming what is wrong. Links are followed (a
//! config kept in a dotfiles folder is a link); what they lead to must be a regular file.
//!
//! How: the path is looked at before it is opened, so a device or a pipe is never opened at all; it is opened
//! without blocking (a pipe swapped in meanwhile cannot hang the open); the open file is looked at again, which is
//! the file actually read; and at most one byte past the cap is read, so a file that grows meanwhile is caught
//! too.

use std::fs::{self, File, Metadata, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

use crate::domain::text_position;

/// How large a kind of file may be, and what it is called in a message ("larger than a draft can be").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cap {
    pub bytes: u64,
    pub what: &'static str,
}

/// Why a file could not be read. The words are what a person needs; the path is the caller's to add.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("file not found")]
    Missing,
    #[error("permission denied")]
    Denied,
    #[error("a link loop; not followed")]
    LinkLoop,
    #[error("{0}, not a regular file; not read")]
    NotRegular(&'static str),
    #[error("file is {len} bytes, larger than {} can be ({})", cap.what, cap.bytes)]
    TooLarge { len: u64, cap: Cap },
    /// Where the first byte that is not UTF-8 sits (1-based line and column).
    #[error("not valid UTF-8 text")]
    NotText { position: (usize, usize) },
    #[error("{0}")]
    Io(io::Error),
}

impl ReadError {
    /// Sorts an error from the system into what a person can act on.
    pub(crate) fn from_io(e: io::Error) -> ReadError {
        if is_link_loop(&e) {
            return ReadError::LinkLoop;
        }
        match e.kind() {
            io::ErrorKind::NotFound => ReadError::Missing,
            io::ErrorKind::PermissionDenied => ReadError::Denied,
            _ => ReadError::Io(e),
        }
    }

    /// The place in the file the problem is at, when it has one.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            ReadError::NotText { position } => Some(*position),
            _ => None,
        }
    }
}

/// Whether the system refused a path because its links go round in a circle (ELOOP).
pub(crate) fn is_link_loop(e: &io::Error) -> bool {
    #[cfg(unix)]
    {
        e.raw_os_error() == Some(libc::ELOOP)
    }
    #[cfg(not(unix))]
    {
        let _ = e;
        false
    }
}

/// What a file that is not a regular one is, in words.
fn kind_of(meta: &Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    "a special file"
}

/// Refuses anything but a regular file within the cap.
fn check(meta: &Metadata, cap: Cap) -> Result<(), ReadError> {
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(meta)));
    }
    if meta.len() > cap.bytes {
        return Err(ReadError::TooLarge {
            len: meta.len(),
            cap,
        });
    }
    Ok(())
}

/// Opens a regular file of at most `cap` bytes for reading, following links, and returns it with its length.
/// Nothing else is ever opened: not a pipe, a device, a socket or a folder.
pub(crate) fn open(path: &Path, cap: Cap) -> Result<(File, u64), ReadError> {
    check(&fs::metadata(path).map_err(ReadError::from_io)?, cap)?;
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // A pipe put in the file's place since the look above would otherwise block this open forever.
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path).map_err(ReadError::from_io)?;
    let meta = file.metadata().map_err(ReadError::from_io)?;
    check(&meta, cap)?;
    Ok((file, meta.len()))
}

/// [`open`] for a path the caller has just found to be a regular file without following links (its own
/// `symlink_metadata`, or the folder's listing): the look is not repeated, which saves a stat per file when a
/// folder of thousands is read. The open refuses to follow a link (one swapped in since the look gives `None`:
/// the caller then takes the long way, [`open`] or its own handling of links). With the file comes its stat,
/// taken from the open file before anything is read, for the caller to check ([`check`]) and keep.
#[cfg(unix)]
fn open_looked(path: &Path) -> Option<Result<(File, Metadata), ReadError>> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY | libc::O_NOFOLLOW)
        .open(path);
    let file = match file {
        Ok(file) => file,
        Err(e) if is_link_loop(&e) => return None,
        Err(e) => return Some(Err(ReadError::from_io(e))),
    };
    Some(
        file.metadata()
            .map(|meta| (file, meta))
            .map_err(ReadError::from_io),
    )
}

/// Elsewhere links cannot be refused at the open: the long way every time.
#[cfg(not(unix))]
fn open_looked(_path: &Path) -> Option<Result<(File, Metadata), ReadError>> {
    None
}

/// The whole of a regular file of at most `cap` bytes.
pub(crate) fn bytes(path: &Path, cap: Cap) -> Result<Vec<u8>, ReadError> {
    let (file, len) = open(path, cap)?;
    rest(file, len, cap)
}

/// The rest of an open file, refusing it when it has grown past `cap` since it was opened.
pub(crate) fn rest(file: File, len: u64, cap: Cap) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::with_capacity(usize::try_from(len.saturating_add(1)).unwrap_or(0));
    file.take(cap.bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::from_io)?;
    let read = bytes.len() as u64;
    if read > cap.bytes {
        return Err(ReadError::TooLarge { len: read, cap });
    }
    Ok(bytes)
}

/// The whole of a regular file of at most `cap` bytes, as UTF-8 text.
pub fn text(path: &Path, cap: Cap) -> Result<String, ReadError> {
    utf8(bytes(path, cap)?)
}

/// [`text`] through [`open_looked`]: `None` when the path has become a link since the caller looked. The text
/// (or why not) comes with the stat of the file opened, whenever one was, even when it could not be read: what
/// a first load keeps of each file to know it again, so that it need not look at each before opening it.
pub(crate) fn text_looked(path: &Path, cap: Cap) -> Option<Looked> {
    let (file, meta) = match open_looked(path)? {
        Ok(opened) => opened,
        Err(e) => {
            return Some(Looked {
                text: Err(e),
                meta: None,
            });
        }
    };
    let text = check(&meta, cap).and_then(|()| utf8(rest(file, meta.len(), cap)?));
    Some(Looked {
        text,
        meta: Some(meta),
    })
}

/// What [`text_looked`] read.
pub(crate) struct Looked {
    pub text: Result<String, ReadError>,
    /// The stat of the file opened, taken before it was read; `None` when it could not be opened.
    pub meta: Option<Metadata>,
}

/// The bytes as text, or where the first byte that is not UTF-8 sits.
fn utf8(bytes: Vec<u8>) -> Result<String, ReadError> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let before = String::from_utf8_lossy(&e.as_bytes()[..valid]);
        ReadError::NotText {
            position: text_position(&before, valid),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const CAP: Cap = Cap {
        bytes: 16,
        what: "a test file",
    };

    #[test]
    fn reads_a_small_file_and_refuses_a_large_one_unread() {
        let dir = tempfile::tempdir().unwrap();
        let small = dir.path().join("small");
        fs::write(&small, "0123456789abcdef").unwrap();
        assert_eq!(text(&small, CAP).unwrap(), "0123456789abcdef");
        let big = dir.path().join("big");
        let f = File::create(&big).unwrap();
        f.set_len(5 << 30).unwrap();
        let err = bytes(&big, CAP).unwrap_err();
        assert_eq!(
            err.to_string(),
            "file is 5368709120 bytes, larger than a test file can be (16)"
        );
        assert!(matches!(
            bytes(&dir.path().join("none"), CAP),
            Err(ReadError::Missing)
        ));
    }

    #[test]
    fn gives_the_place_of_bytes_that_are_not_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bin");
        fs::write(&path, b"ab\ncd\xff").unwrap();
        let err = text(&path, CAP).unwrap_err();
        assert_eq!(err.position(), Some((2, 3)));
    }

    /// The open after a caller's own look refuses a link put in the file's place, and checks what it opened.
    #[cfg(unix)]
    #[test]
    fn a_looked_at_path_is_read_but_never_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("plan");
        fs::write(&file, "0123").unwrap();
        let read = text_looked(&file, CAP).unwrap();
        assert_eq!(read.text.unwrap(), "0123");
        let stat = fs::symlink_metadata(&file).unwrap();
        let kept = read.meta.unwrap();
        use std::os::unix::fs::MetadataExt;
        assert_eq!((kept.ino(), kept.len()), (stat.ino(), 4));
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        assert!(text_looked(&link, CAP).is_none());
        let folder = text_looked(dir.path(), CAP).unwrap();
        let said = folder.text.unwrap_err().to_string();
        assert_eq!(said, "a folder, not a regular file; not read");
        assert!(folder.meta.is_some_and(|m| m.is_dir()));
        fs::write(&file, "0123456789abcdefg").unwrap();
        let large = text_looked(&file, CAP).unwrap();
        assert!(matches!(large.text, Err(ReadError::TooLarge { .. })));
        assert_eq!(large.meta.map(|m| m.len()), Some(17));
        let gone = text_looked(&dir.path().join("gone"), CAP).unwrap();
        assert!(matches!(gone.text, Err(ReadError::Missing)) && gone.meta.is_none());
    }

    #[cfg(unix)]
    #[test]
    fn never_opens_pipes_devices_or_folders_and_names_a_link_loop() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()));
        let zero = dir.path().join("zero");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        let a = dir.path().join("a");
        std::os::unix::fs::symlink(dir.path().join("b"), &a).unwrap();
        std::os::unix::fs::symlink(&a, dir.path().join("b")).unwrap();
        for (path, said) in [
            (&fifo, "a named pipe, not a regular file; not read"),
            (&zero, "a device, not a regular file; not read"),
            (
                &dir.path().to_path_buf(),
                "a folder, not a regular file; not read",
            ),
            (&a, "a link loop; not followed"),
        ] {
            assert_eq!(bytes(path, CAP).unwrap_err().to_string(), said);
        }
    }
}
