//! The parts a summary is made of that are not the summary itself: its texts in one allocation ([`PlanText`]),
//! where its file is ([`Location`]) and its two times ([`Stamps`]), each kept small because a workbook holds one
//! per plan.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::Timestamp;

/// A plan's creation and change times in 24 bytes, where two `Timestamp`s take 32: the seconds and the
/// nanoseconds of each, as `jiff` splits them, and joined again exactly on the way out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::store::catalog) struct Stamps {
    seconds: [i64; 2],
    nanos: [i32; 2],
}

impl Stamps {
    pub fn new(created: Timestamp, updated: Timestamp) -> Self {
        Stamps {
            seconds: [created.as_second(), updated.as_second()],
            nanos: [created.subsec_nanosecond(), updated.subsec_nanosecond()],
        }
    }

    /// The first (created) or the second (updated). The parts came from a valid timestamp, so they make one again;
    /// the epoch is only there to avoid a panic path.
    pub fn get(&self, which: usize) -> Timestamp {
        Timestamp::new(self.seconds[which], self.nanos[which]).unwrap_or(Timestamp::UNIX_EPOCH)
    }
}

/// A plan's id, display title, the id it follows and its file's name, in one shared allocation: a list row
/// clones it for the cost of a reference count instead of copying the texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanText {
    text: Arc<str>,
    title_end: u32,
    /// Ids are short: these two lengths fit in 16 bits, so the whole is 24 bytes.
    id_end: u16,
    follows_len: u16,
}

impl PlanText {
    pub fn new(id: &str, title: &str, follows: &str) -> Self {
        Self::with_name(id, title, follows, "")
    }

    /// With the file's name (UTF-8; a name that is not is kept whole in a [`Location`] instead).
    pub fn with_name(id: &str, title: &str, follows: &str, name: &str) -> Self {
        // Texts past 1 GiB cannot come from a plan file (the loader refuses files over 4 MiB); cut to be safe.
        let [title, name] = [title, name].map(|t| cut(t, u32::MAX as usize / 4));
        // An id longer than 64 KB is no id a person wrote: it is cut rather than kept whole.
        let [id, follows] = [id, follows].map(|t| cut(t, usize::from(u16::MAX)));
        let mut text = String::with_capacity(id.len() + title.len() + follows.len() + name.len());
        for part in [id, title, follows, name] {
            text.push_str(part);
        }
        PlanText {
            id_end: id.len() as u16,
            title_end: (id.len() + title.len()) as u32,
            follows_len: follows.len() as u16,
            text: Arc::from(text),
        }
    }

    fn follows_end(&self) -> usize {
        self.title_end as usize + usize::from(self.follows_len)
    }

    /// The file's name when the summary keeps its folder apart (see [`Location`]), else empty.
    pub fn name(&self) -> &str {
        self.text.get(self.follows_end()..).unwrap_or_default()
    }

    pub fn id(&self) -> &str {
        self.text
            .get(..usize::from(self.id_end))
            .unwrap_or_default()
    }

    /// [`Plan::display_title`], so a list never needs the goal to make one up.
    pub fn title(&self) -> &str {
        self.text
            .get(usize::from(self.id_end)..self.title_end as usize)
            .unwrap_or_default()
    }

    pub fn follows(&self) -> &str {
        self.text
            .get(self.title_end as usize..self.follows_end())
            .unwrap_or_default()
    }
}

/// Where a plan's file is. Usually its folder, one `Arc` shared by every plan of a load, with the file's name in
/// the [`PlanText`]: at 50,000 plans that saves the folder's path fifty thousand times. A file whose name is not
/// UTF-8, or that is loaded under another path (a link), keeps its whole path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    In(Arc<PathBuf>),
    At(Arc<PathBuf>),
}

impl Location {
    /// The file's path, given the texts that hold its name.
    pub fn path(&self, text: &PlanText) -> PathBuf {
        match self {
            Location::In(dir) => dir.join(text.name()),
            Location::At(path) => path.to_path_buf(),
        }
    }

    /// Whether the file is `path`, without building the path.
    pub fn is(&self, text: &PlanText, path: &Path) -> bool {
        match self {
            Location::In(dir) => {
                path.parent() == Some(dir.as_path())
                    && super::super::utf8_name(path) == Some(text.name())
            }
            Location::At(p) => **p == *path,
        }
    }

    /// Orders two files as their paths do, building them only when the two are not in one folder.
    pub fn cmp_paths(
        &self,
        text: &PlanText,
        other: &Location,
        other_text: &PlanText,
    ) -> std::cmp::Ordering {
        match (self, other) {
            (Location::In(a), Location::In(b)) if Arc::ptr_eq(a, b) || a == b => {
                Path::new(text.name()).cmp(Path::new(other_text.name()))
            }
            _ => self.path(text).cmp(&other.path(other_text)),
        }
    }

    /// The file's name, when it is UTF-8.
    pub fn name<'a>(&'a self, text: &'a PlanText) -> Option<&'a str> {
        match self {
            Location::In(_) => Some(text.name()),
            Location::At(p) => super::super::utf8_name(p),
        }
    }
}

fn cut(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}
