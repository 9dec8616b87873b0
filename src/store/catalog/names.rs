//! The plans folder's file names as a load holds them while it reads the indexes and the files.

use std::ffi::OsStr;
#[cfg(not(unix))]
use std::ffi::OsString;
use std::io;

/// The plan files' names, sorted as their paths sort (by bytes), all in one buffer: a string per name cost
/// 4.2 MB at 50,000 plans where the names themselves take 2.6, and a load holds the listing while it reads the
/// indexes beside the summaries it makes. With each name, whether the listing itself said it is a regular file
/// (see [`Names::regular`]).
#[derive(Debug, Default)]
pub(super) struct Names {
    #[cfg(unix)]
    bytes: Vec<u8>,
    /// Where each name starts in `bytes`, and its length, in sorted order; the length's top bit is [`REGULAR`].
    #[cfg(unix)]
    spans: Vec<(u32, u32)>,
    #[cfg(not(unix))]
    names: Vec<(OsString, bool)>,
}

/// The bit of a span's length that says the listing found a regular file (a name is at most a few hundred bytes).
#[cfg(unix)]
const REGULAR: u32 = 1 << 31;

impl Names {
    /// Adds a name (sorted later, by [`Names::sort`]). Past 4 GiB of names (tens of millions of files) it
    /// refuses rather than lose one.
    #[cfg(unix)]
    pub fn push(&mut self, name: &OsStr, regular: bool) -> io::Result<()> {
        use std::os::unix::ffi::OsStrExt;
        let name = name.as_bytes();
        let too_many = || io::Error::other("too many files in the plans folder to list");
        let start = u32::try_from(self.bytes.len()).map_err(|_| too_many())?;
        let len = u32::try_from(name.len())
            .ok()
            .filter(|&len| len < REGULAR)
            .ok_or_else(too_many)?;
        start.checked_add(len).ok_or_else(too_many)?;
        self.bytes.extend_from_slice(name);
        self.spans
            .push((start, if regular { len | REGULAR } else { len }));
        Ok(())
    }

    #[cfg(not(unix))]
    pub fn push(&mut self, name: &OsStr, regular: bool) -> io::Result<()> {
        self.names.push((name.to_os_string(), regular));
        Ok(())
    }

    /// Whether the listing said name `i` is a regular file, not a link or anything else: such a file can be
    /// opened without a look first (a stat per file), since opening refuses a link and checks what it opened.
    /// `false` when the listing could not say.
    pub fn regular(&self, i: usize) -> bool {
        #[cfg(unix)]
        return self
            .spans
            .get(i)
            .is_some_and(|&(_, len)| len & REGULAR != 0);
        #[cfg(not(unix))]
        return self.names.get(i).is_some_and(|n| n.1);
    }

    #[cfg(unix)]
    fn bytes_of(&self, (start, len): (u32, u32)) -> &[u8] {
        let start = start as usize;
        self.bytes
            .get(start..start + (len & !REGULAR) as usize)
            .unwrap_or_default()
    }

    /// Sorts the names as their paths in one folder sort, and gives back the room the listing did not use.
    pub fn sort(&mut self) {
        #[cfg(unix)]
        {
            let mut spans = std::mem::take(&mut self.spans);
            spans.sort_unstable_by(|&a, &b| self.bytes_of(a).cmp(self.bytes_of(b)));
            spans.shrink_to_fit();
            self.spans = spans;
            self.bytes.shrink_to_fit();
        }
        #[cfg(not(unix))]
        self.names.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    }

    pub fn len(&self) -> usize {
        #[cfg(unix)]
        return self.spans.len();
        #[cfg(not(unix))]
        return self.names.len();
    }

    pub fn iter(&self) -> impl Iterator<Item = &OsStr> {
        (0..self.len()).map(|i| &self[i])
    }
}

impl std::ops::Index<usize> for Names {
    type Output = OsStr;

    fn index(&self, i: usize) -> &OsStr {
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            OsStr::from_bytes(self.spans.get(i).map_or(&[], |&s| self.bytes_of(s)))
        }
        #[cfg(not(unix))]
        self.names
            .get(i)
            .map_or(OsStr::new(""), |n| n.0.as_os_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_back_sorted_as_strings_per_name_sorted() {
        let given = [
            "b.toml",
            "a.toml",
            "2026-01-05-okafor.toml",
            "é.toml",
            "",
            "a.toml.x",
            "Z.toml",
        ];
        let mut names = Names::default();
        for n in given {
            names.push(OsStr::new(n), n.starts_with('a')).unwrap();
        }
        names.sort();
        let mut expected: Vec<std::ffi::OsString> = given.iter().map(|n| n.into()).collect();
        expected.sort_unstable();
        assert_eq!(names.len(), expected.len());
        assert!(names.iter().eq(expected.iter().map(|n| n.as_os_str())));
        assert_eq!(&names[1], OsStr::new("2026-01-05-okafor.toml"));
        // Each name keeps its own flag through the sort.
        let regular: Vec<&OsStr> = (0..names.len())
            .filter(|&i| names.regular(i))
            .map(|i| &names[i])
            .collect();
        assert_eq!(regular, [OsStr::new("a.toml"), OsStr::new("a.toml.x")]);
        assert!(!names.regular(99));
        assert_eq!(
            &names[99],
            OsStr::new(""),
            "out of range is empty, not a panic"
        );
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_keep_their_bytes() {
        use std::os::unix::ffi::OsStrExt;
        let odd = OsStr::from_bytes(b"caf\xe9.toml");
        let mut names = Names::default();
        names.push(odd, true).unwrap();
        names.push(OsStr::new("a.toml"), false).unwrap();
        names.sort();
        assert_eq!(&names[1], odd);
        assert_eq!(names[1].to_str(), None);
        assert!(names.regular(1) && !names.regular(0));
    }
}
