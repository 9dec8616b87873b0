//! The register of people on disk: `<data dir>/people/*.toml`, one small file per person, kept like plans are
//! (stable file names, atomic private writes, the user's comments and own keys kept, a broken file reported at
//! `file:line:col` and never written over). A workbook without the folder has an empty register: people are then
//! whoever the plans name, as before.

mod cache;
mod edit;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::domain::people::{Lookup, People, Person, PersonKeys, person_key};
use crate::domain::text::cut_message;
use crate::domain::{FileProblem, text_position};

use super::plan_file::{SaveError, slug};
use super::workbook::{Entry, classify};
use super::{DataDir, atomic, read};

/// A person's file larger than this is refused unread: a name, a few lines and notes come nowhere near it.
pub const MAX_PERSON_BYTES: u64 = 256 * 1024;

const PERSON_CAP: read::Cap = read::Cap {
    bytes: MAX_PERSON_BYTES,
    what: "a person's file",
};

/// One person's file, with what is needed to save it back faithfully.
#[derive(Debug, Clone)]
pub struct PersonFile {
    pub path: PathBuf,
    pub person: Person,
    /// The text as read, so a save keeps everything the user wrote and notices a change made meanwhile.
    pub text: String,
}

/// Everything in `people/`: the people read, the files that could not be, and the sync tools' conflict copies.
#[derive(Debug, Clone, Default)]
pub struct Register {
    pub files: Vec<PersonFile>,
    pub broken: Vec<FileProblem>,
    pub conflicts: Vec<PathBuf>,
    /// The people of `files`, in the same order (position `i` is `files[i]`), indexed by every spelling.
    pub people: People,
}

impl DataDir {
    /// The register of people: one file per person, beside `plans/` so it is backed up and synced with them.
    pub fn people(&self) -> PathBuf {
        self.root().join("people")
    }
}

impl Register {
    /// Reads every person's file. A missing folder is an empty register; an unreadable one is an error. Files
    /// are read in name order, which is the order [`People`] keeps (the first of two people claiming one
    /// spelling is the one counts go to).
    pub fn load(data: &DataDir) -> io::Result<Register> {
        let dir = data.people();
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Register::default()),
            Err(e) => return Err(e),
        };
        atomic::clean_stale_temps(&dir);
        let mut register = Register::default();
        let mut paths = Vec::new();
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            match classify(&name) {
                Entry::Plan => paths.push(entry.path()),
                Entry::Conflict => register.conflicts.push(entry.path()),
                Entry::Ignored => {}
            }
        }
        paths.sort();
        register.conflicts.sort();
        let mut seen = std::collections::HashSet::new();
        let mut cache = cache::Cache::read(data);
        for path in paths {
            let loaded = match fs::symlink_metadata(&path) {
                // A plain file: from the cache when it is unchanged, else read (and cached for next time).
                Ok(meta) if meta.is_file() => match cache.take(&path, &meta) {
                    Some(file) => Ok(file),
                    None => {
                        let read = load(&path);
                        if let Ok(file) = &read {
                            cache.put(file, &meta);
                        }
                        read
                    }
                },
                _ => load_entry(&dir, &path),
            };
            match loaded {
                Ok(file) => {
                    // A link and the file it leads to are one person.
                    if seen.insert(file.path.clone()) {
                        register.files.push(file);
                    }
                }
                Err(problem) => register.broken.push(problem),
            }
        }
        cache.write(data);
        register.people = People::new(register.files.iter().map(|f| f.person.clone()).collect());
        Ok(register)
    }

    /// How names become people with this register (aliases resolved).
    pub fn keys(&self) -> PersonKeys {
        self.people.keys()
    }

    /// The file of the person at `index` in [`Register::people`].
    pub fn file(&self, index: usize) -> Option<&PersonFile> {
        self.files.get(index)
    }
}

/// Why a change to the register was not made. Nothing was written in any case.
#[derive(Debug, thiserror::Error)]
pub enum ChangeError {
    /// A file in `people/` does not read: it may be the very person being changed, and a second file for them
    /// would split them in two. The first such file.
    #[error("{0}")]
    Broken(FileProblem),
    /// The name is a spelling several people claim (one's name, another's alias): their names, in file order.
    #[error("{name:?} matches {} people in the register", names.len())]
    Several { name: String, names: Vec<String> },
    #[error(transparent)]
    Save(#[from] SaveError),
}

impl Register {
    /// Applies `change` to the person `name` means (any spelling or alias) and saves it: into their file when
    /// they have one (comments and the user's keys kept; refused if the file changed since it was read), else
    /// into a new file for them named `shown` (the name the plans most often use, which the caller knows from
    /// the history), with `name` as an alias when it is another spelling. Refused while any file in the
    /// register is broken, and for a spelling several people claim. Returns the file as saved. What the command
    /// line's `people set`, `merge` and `new --person` use, and what the workbook's person page can.
    pub fn change(
        &self,
        data: &DataDir,
        name: &str,
        shown: &str,
        change: impl FnOnce(&mut Person),
    ) -> Result<PersonFile, ChangeError> {
        if let Some(problem) = self.broken.first() {
            return Err(ChangeError::Broken(problem.clone()));
        }
        match self.people.lookup(name) {
            Lookup::Several(found) => Err(ChangeError::Several {
                name: name.to_string(),
                names: found
                    .iter()
                    .filter_map(|&i| self.files.get(i))
                    .map(|f| f.person.name.clone())
                    .collect(),
            }),
            Lookup::One(i) => {
                let file = self.files.get(i).ok_or_else(|| {
                    ChangeError::Save(SaveError::Format {
                        path: data.people(),
                        message: "the register changed while it was read".into(),
                    })
                })?;
                let mut person = file.person.clone();
                change(&mut person);
                Ok(file.save(&person)?)
            }
            Lookup::None => {
                let mut person = Person::named(if person_key(shown).is_empty() {
                    name
                } else {
                    shown
                });
                person.add_alias(name);
                change(&mut person);
                Ok(save_new(data, &person)?)
            }
        }
    }
}

/// The register, or an empty one when the folder cannot be read (the problem is then in `broken`): for the
/// lists and counts, which work from the plans alone then, as a workbook without `people/` does. Commands that
/// change the register refuse while anything is in `broken`.
pub fn read_register(data: &DataDir) -> Register {
    Register::load(data).unwrap_or_else(|e| Register {
        broken: vec![FileProblem::new(
            &data.people(),
            None,
            read::ReadError::from_io(e).to_string(),
        )],
        ..Register::default()
    })
}

/// Loads a person's file found in `dir`. A link is followed only to a file inside the folder, and the person is
/// then loaded under the path of that file, so a save writes the file itself; a link elsewhere is refused.
fn load_entry(dir: &Path, path: &Path) -> Result<PersonFile, FileProblem> {
    let meta = fs::symlink_metadata(path)
        .map_err(|e| FileProblem::new(path, None, read::ReadError::from_io(e).to_string()))?;
    if meta.file_type().is_symlink() {
        let target = fs::canonicalize(path).map_err(|e| {
            FileProblem::new(
                path,
                None,
                match read::ReadError::from_io(e) {
                    read::ReadError::Missing => {
                        "a link to a file that does not exist; not followed".to_string()
                    }
                    read::ReadError::LinkLoop => "a link loop; not followed".to_string(),
                    other => format!("a link that cannot be followed ({other}); not followed"),
                },
            )
        })?;
        let folder = fs::canonicalize(dir).ok();
        return match folder.as_deref().and_then(|d| target.strip_prefix(d).ok()) {
            Some(rest) if !rest.as_os_str().is_empty() => load(&dir.join(rest)),
            _ => Err(FileProblem::new(
                path,
                None,
                "a link to a file outside the people folder; not followed",
            )),
        };
    }
    load(path)
}

/// Reads and checks one person's file.
pub fn load(path: &Path) -> Result<PersonFile, FileProblem> {
    let text = read::text(path, PERSON_CAP)
        .map_err(|e| FileProblem::new(path, e.position(), e.to_string()))?;
    let person = parse(path, &text)?;
    Ok(PersonFile {
        path: path.to_path_buf(),
        person,
        text,
    })
}

/// Parses a person's text; `path` only labels the errors. A file without a name is refused: the name is what
/// the person is found by.
pub fn parse(path: &Path, text: &str) -> Result<Person, FileProblem> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let person: Person = toml::from_str(body).map_err(|e| {
        let offset = text.len() - body.len();
        FileProblem::new(
            path,
            e.span().map(|s| text_position(text, s.start + offset)),
            cut_message(&e.message().trim().replace('\n', " ")),
        )
    })?;
    if person_key(&person.name).is_empty() {
        return Err(FileProblem::new(
            path,
            Some((1, 1)),
            "name is missing or empty: write name = \"...\"",
        ));
    }
    Ok(person)
}

/// The text of a new person's file.
pub fn render_new(person: &Person) -> Result<String, SaveError> {
    let body = toml::to_string_pretty(person).map_err(|e| SaveError::Format {
        path: PathBuf::new(),
        message: e.to_string(),
    })?;
    Ok(format!(
        "# A person in overture's register. You may edit this file by hand: keep the keys, add your own.\n\
         # The format is described in docs/FORMAT.md (\"The register of people\").\n{body}"
    ))
}

/// The base of a person's file name: a slug of their name ("Dr. Adeyemi" gives `dr-adeyemi`), `person` when
/// the name has no letters a file name can hold. Whatever the name, the file stays inside the folder.
pub fn base_name(person: &Person) -> String {
    let s = slug(&person.name);
    if s == "plan" && person_key(&person.name) != "plan" {
        "person".to_string()
    } else {
        s
    }
}

/// Writes a new person's file in `people/` under a name no other file has (`dr-adeyemi.toml`, then
/// `dr-adeyemi-2.toml`, ...), creating the folder privately.
pub fn save_new(data: &DataDir, person: &Person) -> Result<PersonFile, SaveError> {
    let dir = data.people();
    if person_key(&person.name).is_empty() {
        return Err(SaveError::Format {
            path: dir,
            message: "a person needs a name with at least one letter or digit".into(),
        });
    }
    let text = render_new(person)?;
    atomic::create_private_dir(&dir).map_err(|source| SaveError::Io {
        path: dir.clone(),
        source,
    })?;
    let base = base_name(person);
    for n in 1..10_000 {
        let name = if n == 1 {
            format!("{base}.toml")
        } else {
            format!("{base}-{n}.toml")
        };
        let path = dir.join(name);
        match atomic::create_atomic(&path, text.as_bytes()) {
            Ok(()) => {
                return Ok(PersonFile {
                    path,
                    person: person.clone(),
                    text,
                });
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(source) => return Err(SaveError::Io { path, source }),
        }
    }
    Err(SaveError::Io {
        path: dir.join(base),
        source: io::Error::other("no free file name"),
    })
}

impl PersonFile {
    /// Writes `person` back into this file, keeping the user's comments and own keys. Refuses when the file
    /// changed on disk since it was read, or became a link, so nobody's edit is lost.
    pub fn save(&self, person: &Person) -> Result<PersonFile, SaveError> {
        let text =
            edit::render_update(&self.text, person).map_err(|message| SaveError::Format {
                path: self.path.clone(),
                message,
            })?;
        let _lock = atomic::lock_folder(atomic::parent(&self.path), atomic::LOCK_WAIT).map_err(
            |source| SaveError::Io {
                path: self.path.clone(),
                source,
            },
        )?;
        if fs::symlink_metadata(&self.path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(SaveError::BecameLink {
                path: self.path.clone(),
            });
        }
        if read::text(&self.path, PERSON_CAP).ok().as_deref() != Some(self.text.as_str()) {
            return Err(SaveError::ChangedOnDisk {
                path: self.path.clone(),
            });
        }
        atomic::write_atomic(&self.path, text.as_bytes()).map_err(|source| SaveError::Io {
            path: self.path.clone(),
            source,
        })?;
        Ok(PersonFile {
            path: self.path.clone(),
            person: person.clone(),
            text,
        })
    }

    /// Removes this file (its person was merged into another). Refuses when it changed since it was read.
    pub fn remove(&self) -> Result<(), SaveError> {
        let io_err = |source| SaveError::Io {
            path: self.path.clone(),
            source,
        };
        let _lock =
            atomic::lock_folder(atomic::parent(&self.path), atomic::LOCK_WAIT).map_err(io_err)?;
        if read::text(&self.path, PERSON_CAP).ok().as_deref() != Some(self.text.as_str()) {
            return Err(SaveError::ChangedOnDisk {
                path: self.path.clone(),
            });
        }
        fs::remove_file(&self.path).map_err(|source| SaveError::Io {
            path: self.path.clone(),
            source,
        })
    }
}

#[cfg(test)]
mod tests;
