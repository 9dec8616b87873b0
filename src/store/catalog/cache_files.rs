//! The cache folder's files: written atomically but without waiting for the disk (they are checksummed, checked
//! against the plans on every load and rebuilt when damaged), in a folder marked as a cache for git and backups.

use std::fs;
use std::io;
use std::path::Path;

use crate::store::{DataDir, atomic};

/// Writes one of the indexes atomically, creating `cache/` privately with markers that keep backup tools and git
/// out of it. A `cache` that is a link is left alone: in a synced folder it could have come from someone else and
/// lead anywhere, and the indexes are only ever a saving.
pub(super) fn write_cache(data: &DataDir, name: &str, bytes: &[u8]) -> io::Result<()> {
    let cache = data.cache();
    if !prepare_cache(&cache)? {
        return Ok(());
    }
    atomic::replace_cache(&cache.join(name), bytes)
}

/// Writes a cache file as `write` makes it, never holding it whole, atomically as [`write_cache`] does: on an
/// error the file is as it was, and no temporary file is left.
pub(super) fn write_cache_as_made(
    data: &DataDir,
    name: &str,
    write: impl FnOnce(&mut io::BufWriter<&mut fs::File>) -> io::Result<()>,
) -> io::Result<()> {
    let cache = data.cache();
    if !prepare_cache(&cache)? {
        return Ok(());
    }
    let mut temp = atomic::TempFile::create(&cache)?;
    {
        let mut out = io::BufWriter::with_capacity(1 << 16, temp.file());
        write(&mut out)?;
        io::Write::flush(&mut out)?;
    }
    temp.persist(&cache.join(name)).map(drop)
}

/// The files that tell git and backup tools to skip the cache folder.
const CACHE_MARKS: [(&str, &[u8]); 2] = [
    (
        "CACHEDIR.TAG",
        b"Signature: 8a477f597d28d172789f06886806bc55\n\
          # This folder holds overture's cache. It is rebuilt from the plans when missing.\n",
    ),
    (".gitignore", b"# overture's cache\n*\n"),
];

/// Makes the cache folder when it is missing, marked as a cache; false when it is a link, which overture does
/// not write through. The marks are written as the caches are, without waiting for the disk (four flushes were a
/// millisecond of every first run), and are made again whenever one is missing, so that a crash that lost one
/// costs nothing lasting: a workbook shared through git never takes its cache in.
pub(crate) fn prepare_cache(cache: &Path) -> io::Result<bool> {
    if fs::symlink_metadata(cache).is_ok_and(|m| m.file_type().is_symlink()) {
        return Ok(false);
    }
    if !cache.is_dir() {
        atomic::create_private_dir(cache)?;
    }
    for (name, text) in CACHE_MARKS {
        let path = cache.join(name);
        if fs::symlink_metadata(&path).is_err() {
            let _ = atomic::replace_cache(&path, text);
        }
    }
    Ok(true)
}
