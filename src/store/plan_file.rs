//! One plan file: reading it with errors a person can act on, naming new ones safely, and saving without ever
//! overwriting something that changed underneath.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::domain::plan::FORMAT_VERSION;
use crate::domain::text::cut_message;
use crate::domain::{Ladder, Plan, text_position};

use super::{atomic, format, read};

/// Plans larger than this are refused unread: no real plan comes near it, and reading a huge file would stall.
pub const MAX_PLAN_BYTES: u64 = 4 * 1024 * 1024;

/// A loaded plan with what is needed to save it back faithfully.
#[derive(Debug, Clone)]
pub struct PlanFile {
    pub path: PathBuf,
    pub plan: Plan,
    /// The text as read, so that a save can keep everything the user wrote and notice changes on disk.
    pub text: String,
    /// Set when the file must not be written by this version (it was written by a newer one).
    pub read_only: Option<String>,
}

/// A plan file that could not be loaded. It is reported, never overwritten, and never stops the others loading.
pub type LoadError = crate::domain::FileProblem;

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("{path} changed on disk since it was opened; reload it, save as a copy, or overwrite")]
    ChangedOnDisk { path: PathBuf },
    #[error("{path} is read-only here: {reason}")]
    ReadOnly { path: PathBuf, reason: String },
    #[error("{path} has become a link to another file since it was opened")]
    BecameLink { path: PathBuf },
    #[error("could not write {}: {}", path.display(), write_problem(source))]
    Io { path: PathBuf, source: io::Error },
    #[error("could not update {path}: {message}")]
    Format { path: PathBuf, message: String },
}

/// Every check the loader makes on a plan's text once read: the size limit, then [`parse`]. `overture edit`
/// applies the same (through `plan_check`) before it saves, so it never writes a file the loader refuses.
pub(crate) fn check_text(path: &Path, text: &str, ladder: &Ladder) -> Result<Plan, LoadError> {
    let mut plan = check_unresolved(path, text)?;
    plan.resolve_rungs(ladder);
    Ok(plan)
}

/// [`check_text`] with every rung still an unresolved key: for questions that need no ladder.
pub(crate) fn check_unresolved(path: &Path, text: &str) -> Result<Plan, LoadError> {
    let size = u64::try_from(text.len()).unwrap_or(u64::MAX);
    if size > MAX_PLAN_BYTES {
        return Err(too_large(path, size));
    }
    parse_unresolved(path, text)
}

fn too_large(path: &Path, size: u64) -> LoadError {
    LoadError::new(
        path,
        None,
        format!("file is {size} bytes, larger than a plan can be ({MAX_PLAN_BYTES})"),
    )
}

/// Parses plan text and resolves its rungs against the ladder in use; `path` only labels the errors.
pub fn parse(path: &Path, text: &str, ladder: &Ladder) -> Result<Plan, LoadError> {
    let mut plan = parse_unresolved(path, text)?;
    plan.resolve_rungs(ladder);
    Ok(plan)
}

/// Parses plan text with every rung still an unresolved key: for questions that need no ladder.
fn parse_unresolved(path: &Path, text: &str) -> Result<Plan, LoadError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut plan: Plan = toml::from_str(body).map_err(|e| {
        let offset = text.len() - body.len();
        LoadError::new(
            path,
            e.span().map(|s| text_position(text, s.start + offset)),
            plain_message(e.message()),
        )
    })?;
    if plan.version == 0 {
        return Err(LoadError::new(
            path,
            find_key(text, "version"),
            "version must be 1 or more",
        ));
    }
    if plan.id.trim().is_empty() {
        return Err(LoadError::new(path, find_key(text, "id"), "id is empty"));
    }
    // An `[outcome]` table holding only the user's own keys is what a save leaves when the outcome is cleared
    // (their keys are kept): it is no outcome, so that the plan reads back as it was saved.
    if plan
        .outcome
        .as_ref()
        .is_some_and(|o| *o == Default::default())
    {
        plan.outcome = None;
    }
    Ok(plan)
}

/// Serde's wording names Rust types ("expected u32", "expected struct Goal"); a person editing a file needs
/// TOML's words.
fn plain_message(message: &str) -> String {
    let mut m = message.trim().replace('\n', " ");
    for (from, to) in [
        ("expected u32", "expected a whole number"),
        ("expected a sequence", "expected a list like [\"a\", \"b\"]"),
        ("expected a string", "expected text in quotes"),
        ("wanted string or table", "expected text in quotes"),
        (" as i128", ""),
        ("recursion limit", "tables or lists nested too deeply"),
        (
            "max recursion depth met",
            "tables or lists nested too deeply",
        ),
    ] {
        m = m.replace(from, to);
    }
    if let Some(i) = m.find("expected struct ") {
        m.replace_range(i.., "expected a table");
    }
    // A value can be megabytes long: what the message quotes of it is cut to a few words.
    cut_message(&m)
}

/// Where a top-level key starts, for messages about values that parsed but make no sense.
fn find_key(text: &str, key: &str) -> Option<(usize, usize)> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with(key) && trimmed[key.len()..].trim_start().starts_with('=') {
            return Some(text_position(text, offset + (line.len() - trimmed.len())));
        }
        if trimmed.starts_with('[') {
            return None;
        }
        offset += line.len();
    }
    None
}

/// The size cap and name of a plan file, for [`super::read`].
pub(crate) const PLAN_CAP: read::Cap = read::Cap {
    bytes: MAX_PLAN_BYTES,
    what: "a plan",
};

/// Reads and parses one plan file, its rungs resolved against the ladder in use.
pub fn load(path: &Path, ladder: &Ladder) -> Result<PlanFile, LoadError> {
    let mut file = load_unresolved(path)?;
    file.plan.resolve_rungs(ladder);
    Ok(file)
}

/// [`load`] for a path the caller has just found, without following links, to be a regular file (a folder's
/// listing): the look is not made again (see [`read::text_looked`]). `None` when it has become a link since: the
/// caller then loads it as a link. With the plan (or why not) comes the stat of the file opened, when it was.
pub(crate) fn load_looked(
    path: &Path,
    ladder: &Ladder,
) -> Option<(Result<PlanFile, LoadError>, Option<std::fs::Metadata>)> {
    let read::Looked { text, meta } = read::text_looked(path, PLAN_CAP)?;
    let plan = from_text(path, text).map(|mut file| {
        file.plan.resolve_rungs(ladder);
        file
    });
    Some((plan, meta))
}

/// Reads and parses one plan file with every rung still an unresolved key.
fn load_unresolved(path: &Path) -> Result<PlanFile, LoadError> {
    from_text(path, read::text(path, PLAN_CAP))
}

/// A plan file from its text as read (or why it could not be read).
fn from_text(path: &Path, text: Result<String, read::ReadError>) -> Result<PlanFile, LoadError> {
    let text = text.map_err(|e| LoadError::new(path, e.position(), e.to_string()))?;
    let plan = check_unresolved(path, &text)?;
    let read_only = (plan.version > FORMAT_VERSION).then(|| {
        format!(
            "written by a newer overture (format version {}, this one knows {FORMAT_VERSION})",
            plan.version
        )
    });
    Ok(PlanFile {
        path: path.to_path_buf(),
        plan,
        text,
        read_only,
    })
}

/// Why a write failed, in words a user can act on; the system's own wording follows in brackets.
pub(crate) fn write_problem(e: &io::Error) -> String {
    match plain_write_problem(e) {
        Some(plain) => format!("{plain} ({e})"),
        None => e.to_string(),
    }
}

/// Why a write failed, in plain words only, for the common causes a user can fix (a status line has no room
/// for the system's wording); `None` for the rest.
pub(crate) fn plain_write_problem(e: &io::Error) -> Option<&'static str> {
    Some(match e.kind() {
        io::ErrorKind::StorageFull => "the disk is full",
        io::ErrorKind::QuotaExceeded => "your disk quota is used up",
        io::ErrorKind::ReadOnlyFilesystem => "the disk is mounted read-only",
        io::ErrorKind::PermissionDenied => "permission denied: the folder is not writable",
        io::ErrorKind::NotFound => "the folder no longer exists",
        io::ErrorKind::FileTooLarge => "the file is larger than this system allows",
        _ => return None,
    })
}

/// An ASCII slug for a file name: letters and digits from the title, everything else folded to `-`, at most 40
/// characters. Whatever a title contains (`../`, `/`, NUL, emoji), the result stays inside the plans folder.
pub(crate) fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        let c = fold_ascii(c);
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    // Cut long slugs at a word boundary, so a name reads as words rather than a fragment.
    let mut out = out.trim_end_matches('-');
    if out.len() > 40 {
        let cut = &out[..40];
        out = match cut.rfind('-') {
            Some(i) if i >= 20 => &cut[..i],
            _ => cut,
        };
    }
    if out.is_empty() {
        "plan".to_string()
    } else {
        out.to_string()
    }
}

/// Common accented Latin letters mapped to their base letter, so "Søren Ødegård" gives "soren-odegard".
fn fold_ascii(c: char) -> char {
    match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'À'..='Å' | 'Ā' | 'Ă' | 'Ą' => 'A',
        'ç' | 'ć' | 'č' => 'c',
        'Ç' | 'Ć' | 'Č' => 'C',
        'è'..='ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'È'..='Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => 'E',
        'ì'..='ï' | 'ī' | 'į' => 'i',
        'Ì'..='Ï' | 'Ī' | 'Į' => 'I',
        'ñ' | 'ń' | 'ň' => 'n',
        'Ñ' | 'Ń' | 'Ň' => 'N',
        'ò'..='ö' | 'ø' | 'ō' | 'ő' => 'o',
        'Ò'..='Ö' | 'Ø' | 'Ō' | 'Ő' => 'O',
        'ù'..='ü' | 'ū' | 'ů' | 'ű' => 'u',
        'Ù'..='Ü' | 'Ū' | 'Ů' | 'Ű' => 'U',
        'ý' | 'ÿ' => 'y',
        'Ý' => 'Y',
        'ś' | 'š' | 'ß' => 's',
        'Ś' | 'Š' => 'S',
        'ź' | 'ż' | 'ž' => 'z',
        'Ź' | 'Ż' | 'Ž' => 'Z',
        'ł' => 'l',
        'Ł' => 'L',
        'ř' => 'r',
        'Ř' => 'R',
        'ť' => 't',
        'Ť' => 'T',
        'ď' => 'd',
        'Ď' => 'D',
        'ǐ' => 'i',
        'ǒ' => 'o',
        'ǔ' => 'u',
        other => other,
    }
}

/// The base name for a new plan: creation date, then a slug of the stakeholder and title.
pub fn base_name(plan: &Plan) -> String {
    let who = plan.stakeholder.name.trim();
    let title = plan.display_title();
    let words = if who.is_empty() || title.contains(who) {
        title
    } else {
        format!("{who} {title}")
    };
    format!("{}-{}", plan.created_date(), slug(&words))
}

/// Saves a plan as a new file in `dir` under a name no other file has, and returns it loaded.
pub fn save_new(dir: &Path, plan: &Plan) -> Result<PlanFile, SaveError> {
    let text = format::render_new(plan).map_err(|e| SaveError::Format {
        path: dir.to_path_buf(),
        message: e.to_string(),
    })?;
    create_new(dir, plan, text)
}

/// Saves `plan`, a copy of the plan in `like` (a copy to start from, or "save as a new plan" when the file
/// changed underneath), as a new file written over `like`'s text: the user's own keys, tables and comments come
/// along, as they would with `cp`.
pub(crate) fn save_new_like(
    dir: &Path,
    plan: &Plan,
    like: &PlanFile,
) -> Result<PlanFile, SaveError> {
    let text = format::render_update(&like.text, plan).map_err(|message| SaveError::Format {
        path: like.path.clone(),
        message,
    })?;
    create_new(dir, plan, text)
}

fn create_new(dir: &Path, plan: &Plan, text: String) -> Result<PlanFile, SaveError> {
    atomic::create_private_dir(dir).map_err(|source| SaveError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let path = atomic::create_numbered(dir, &base_name(plan), text.as_bytes())
        .map_err(|(path, source)| SaveError::Io { path, source })?;
    Ok(PlanFile {
        path,
        plan: plan.clone(),
        text,
        read_only: None,
    })
}

impl PlanFile {
    /// Writes `plan` back into this file, keeping the user's comments and keys. Refuses when the file on disk is
    /// no longer what was loaded, so another program's (or another overture's) save is never silently lost. The
    /// comparison and the rename happen under the folder's lock, so two overture processes saving the same plan
    /// at the same moment cannot both pass the comparison: the later one is refused (docs/RELIABILITY.md).
    pub fn save(&self, plan: &Plan) -> Result<PlanFile, SaveError> {
        if let Some(reason) = &self.read_only {
            return Err(SaveError::ReadOnly {
                path: self.path.clone(),
                reason: reason.clone(),
            });
        }
        let text = self.render(plan)?;
        let _lock = lock_for(&self.path)?;
        unchanged_since(&self.path, &self.text)?;
        self.write(plan, text)
    }

    /// Writes `plan` into this file whatever other change is on disk now: the user chose to overwrite. Two
    /// things are still never overwritten: a file that no longer reads as a plan (a hand edit half done: it is
    /// reported, not replaced) and one a newer overture has written since.
    pub fn overwrite(&self, plan: &Plan) -> Result<PlanFile, SaveError> {
        if let Some(reason) = &self.read_only {
            return Err(SaveError::ReadOnly {
                path: self.path.clone(),
                reason: reason.clone(),
            });
        }
        let text = self.render(plan)?;
        let _lock = lock_for(&self.path)?;
        not_a_link(&self.path)?;
        if self.path.exists()
            && let Some(reason) = why_unwritable(&self.path)
        {
            return Err(SaveError::ReadOnly {
                path: self.path.clone(),
                reason,
            });
        }
        self.write(plan, text)
    }

    fn render(&self, plan: &Plan) -> Result<String, SaveError> {
        format::render_update(&self.text, plan).map_err(|message| SaveError::Format {
            path: self.path.clone(),
            message,
        })
    }

    fn write(&self, plan: &Plan, text: String) -> Result<PlanFile, SaveError> {
        atomic::write_atomic(&self.path, text.as_bytes()).map_err(|source| SaveError::Io {
            path: self.path.clone(),
            source,
        })?;
        Ok(PlanFile {
            path: self.path.clone(),
            plan: plan.clone(),
            text,
            read_only: None,
        })
    }

    pub(crate) fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

/// Why the existing file at `path` must not be written by this version now: it no longer reads as a plan (a hand
/// edit half done: reported, never replaced), or a newer overture wrote it. `None` when it may be written. One
/// answer for an overwrite and for the question asked when a save was refused.
pub(crate) fn why_unwritable(path: &Path) -> Option<String> {
    match load_unresolved(path) {
        Ok(now) => now.read_only,
        Err(e) => Some(match e.position {
            Some((l, c)) => format!(
                "it no longer reads as a plan (line {l}, column {c}: {})",
                e.message
            ),
            None => format!("it no longer reads as a plan ({})", e.message),
        }),
    }
}

/// The save lock of the folder `path` is in.
fn lock_for(path: &Path) -> Result<atomic::FolderLock, SaveError> {
    atomic::lock_folder(atomic::parent(path), atomic::LOCK_WAIT).map_err(|source| SaveError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Fails when the file is no longer `loaded`: someone else saved it in between. Call it holding the lock.
fn unchanged_since(path: &Path, loaded: &str) -> Result<(), SaveError> {
    not_a_link(path)?;
    if read::text(path, PLAN_CAP).ok().as_deref() == Some(loaded) {
        Ok(())
    } else {
        Err(SaveError::ChangedOnDisk {
            path: path.to_path_buf(),
        })
    }
}

/// Refuses to save over a link: a rename would put a copy in the link's place and leave the file it leads to
/// without the change (issue 11, break 8). Plans reached through a link are loaded under the path of the file
/// the link leads to, so this is met only when a file was replaced by a link after it was loaded.
fn not_a_link(path: &Path) -> Result<(), SaveError> {
    if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(SaveError::BecameLink {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

/// Puts text the user wrote in their own editor into a plan file, byte for byte (comments, order and spacing are
/// theirs), under the same rules as any save: atomically, and only if the file is still `loaded`, so that a
/// change made meanwhile by another program is never lost. The caller has checked that `text` parses.
pub(crate) fn replace_text(path: &Path, loaded: &str, text: &str) -> Result<(), SaveError> {
    let _lock = lock_for(path)?;
    unchanged_since(path, loaded)?;
    atomic::write_atomic(path, text.as_bytes()).map_err(|source| SaveError::Io {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    #[allow(unused_imports)]
    use crate::domain::rung::{rung_text, test_rung};

    #[test]
    fn replacing_text_keeps_it_whole_and_never_overwrites_a_newer_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        fs::write(&path, "old").unwrap();
        replace_text(&path, "old", "# mine\nnew").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "# mine\nnew");
        let err = replace_text(&path, "old", "lost?").unwrap_err();
        assert!(matches!(err, SaveError::ChangedOnDisk { .. }), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "# mine\nnew");
    }

    #[test]
    fn overwrite_never_replaces_a_file_that_no_longer_reads_as_a_plan() {
        let dir = tempfile::tempdir().unwrap();
        let plan = Plan::new(jiff::Timestamp::UNIX_EPOCH);
        let pf = save_new(dir.path(), &plan).unwrap();
        fs::write(&pf.path, "version = 1\n[goal").unwrap();
        let err = pf.overwrite(&plan).unwrap_err();
        assert!(
            err.to_string().contains("no longer reads as a plan"),
            "{err}"
        );
        assert_eq!(fs::read_to_string(&pf.path).unwrap(), "version = 1\n[goal");
        fs::remove_file(&pf.path).unwrap();
        pf.overwrite(&plan).unwrap();
        assert!(
            load(&pf.path, &Ladder::embedded()).is_ok(),
            "a deleted file can be written again"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_file_that_became_a_link_is_never_saved_over() {
        let dir = tempfile::tempdir().unwrap();
        let ladder = Ladder::embedded();
        let plan = Plan::new(jiff::Timestamp::UNIX_EPOCH);
        let pf = save_new(dir.path(), &plan).unwrap();
        // the same text elsewhere, and the plan's name now a link to it: a save would put a copy in its place
        let other = dir.path().join("other.toml");
        fs::copy(&pf.path, &other).unwrap();
        fs::remove_file(&pf.path).unwrap();
        std::os::unix::fs::symlink(&other, &pf.path).unwrap();
        for err in [
            pf.save(&plan).unwrap_err(),
            pf.overwrite(&plan).unwrap_err(),
        ] {
            assert!(matches!(err, SaveError::BecameLink { .. }), "{err}");
        }
        let err = replace_text(&pf.path, &pf.text, "x").unwrap_err();
        assert!(matches!(err, SaveError::BecameLink { .. }), "{err}");
        assert!(
            fs::symlink_metadata(&pf.path)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert!(load(&other, &ladder).is_ok());
    }

    #[test]
    fn slugs_stay_inside_the_folder() {
        assert_eq!(slug("../../x"), "x");
        assert_eq!(slug("/etc/passwd"), "etc-passwd");
        assert_eq!(slug("a\0b"), "a-b");
        assert_eq!(slug(""), "plan");
        assert_eq!(slug("...."), "plan");
        assert_eq!(slug("张伟"), "plan");
        assert_eq!(slug("Søren Ødegård: rota"), "soren-odegard-rota");
        assert_eq!(slug(&"é".repeat(500)).len(), 40);
        assert!(slug(&"ab ".repeat(300)).len() <= 40);
        assert_eq!(
            slug("Dr Okafor agree to the new sepsis pathway today"),
            "dr-okafor-agree-to-the-new-sepsis"
        );
    }

    #[test]
    fn find_key_points_at_the_line() {
        assert_eq!(find_key("a = 1\n  id = \"\"\n", "id"), Some((2, 3)));
        assert_eq!(find_key("[x]\nid = 1", "id"), None);
    }
}
