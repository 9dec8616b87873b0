//! Autosave: a plan in progress is written to the drafts folder (never to `plans/`, so a half-typed plan never
//! shows up as one) a couple of seconds after it changes, atomically and privately. After a crash or a kill the
//! next start finds it and offers to resume.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use super::plan_file::MAX_PLAN_BYTES;
use super::{DataDir, atomic, read};
use crate::domain::Plan;
use crate::domain::text::cut_message;

pub const DRAFT_VERSION: u32 = 1;

/// What is needed to put the wizard back as it was.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub version: u32,
    /// The plan file being edited, once the plan had been saved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub editing: Option<PathBuf>,
    /// That file's text when editing began. A save after resuming compares the file with it, as any save does,
    /// so a change made to the plan while the draft waited (an outcome recorded from the command line, a sync)
    /// is asked about, never silently replaced by the draft.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loaded: Option<String>,
    /// The wizard step (0-based).
    #[serde(default)]
    pub step: usize,
    /// "By when" exactly as typed, which may not be a date yet.
    #[serde(default)]
    pub by_text: String,
    pub plan: Plan,
}

/// A draft found on disk.
#[derive(Debug, Clone)]
pub struct FoundDraft {
    pub path: PathBuf,
    pub draft: Draft,
    pub modified: Option<SystemTime>,
}

/// The draft file for a plan id. Ids come from files a user may edit, so only safe characters are kept.
pub fn path_for(data: &DataDir, id: &str) -> PathBuf {
    let safe: String = id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .take(64)
        .collect();
    let name = if safe.is_empty() {
        "draft".to_string()
    } else {
        safe
    };
    data.drafts().join(format!("{name}.toml"))
}

/// Saves the draft atomically under its plan's id, so each plan has one draft and a crash mid-write leaves the
/// previous one whole.
pub fn write(data: &DataDir, draft: &Draft) -> io::Result<PathBuf> {
    let dir = data.drafts();
    atomic::create_private_dir(&dir)?;
    let text = toml::to_string(draft).map_err(io::Error::other)?;
    let path = path_for(data, &draft.plan.id);
    atomic::write_atomic(&path, text.as_bytes())?;
    Ok(path)
}

/// A draft holds a plan and the text of the file it edits: room for two plans at their largest, and more.
pub(crate) const DRAFT_CAP: read::Cap = read::Cap {
    bytes: 3 * MAX_PLAN_BYTES,
    what: "a draft",
};

/// The draft kept for the plan `id`, if there is one that can be read.
pub fn find(data: &DataDir, id: &str) -> Option<FoundDraft> {
    read_draft(&path_for(data, id)).ok()
}

/// One draft file, read within [`DRAFT_CAP`] (a pipe, a device or a huge file in `drafts/` is never read), or why
/// it cannot be used, in one line.
fn read_draft(path: &Path) -> Result<FoundDraft, String> {
    let text = read::text(path, DRAFT_CAP).map_err(|e| e.to_string())?;
    let draft: Draft = toml::from_str(&text).map_err(|e| {
        format!(
            "not a draft overture can read ({})",
            cut_message(e.message())
        )
    })?;
    let modified = fs::metadata(path).and_then(|m| m.modified()).ok();
    Ok(FoundDraft {
        path: path.to_path_buf(),
        draft,
        modified,
    })
}

/// Drafts left from earlier sessions, newest first, and a line for each file in `drafts/` that could not be read
/// (left alone, to be looked at). Temporary files left by a session killed while autosaving are cleared here, as
/// the plans folder's are on loading.
pub fn list(data: &DataDir) -> (Vec<FoundDraft>, Vec<String>) {
    let dir = data.drafts();
    atomic::clean_stale_temps(&dir);
    let Ok(entries) = fs::read_dir(&dir) else {
        return (Vec::new(), Vec::new());
    };
    let mut found = Vec::new();
    let mut problems = Vec::new();
    let paths = entries.flatten().map(|e| e.path()).filter(|p| {
        p.extension().is_some_and(|e| e == "toml")
            && !p
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
    });
    for path in paths {
        match read_draft(&path) {
            Ok(draft) => found.push(draft),
            Err(why) => problems.push(format!("{}: {why}; skipped", path.display())),
        }
    }
    found.sort_by_key(|f| std::cmp::Reverse(f.modified));
    problems.sort();
    (found, problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::Timestamp;

    #[test]
    fn drafts_round_trip_privately_outside_plans() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let mut plan = Plan::new(Timestamp::UNIX_EPOCH);
        plan.stakeholder.name = "Dr Okafor".into();
        plan.goal.by = Some(jiff::civil::date(2026, 12, 1));
        let draft = Draft {
            version: DRAFT_VERSION,
            editing: None,
            loaded: None,
            step: 3,
            by_text: "2026-12-01".into(),
            plan: plan.clone(),
        };
        let path = write(&data, &draft).unwrap();
        assert!(path.starts_with(data.drafts()));
        assert!(!data.plans().exists());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        let (found, problems) = list(&data);
        assert_eq!(found.len(), 1);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(found[0].draft, draft);
        fs::remove_file(path_for(&data, &plan.id)).unwrap();
        assert!(list(&data).0.is_empty());
    }

    #[test]
    fn odd_ids_stay_inside_the_drafts_folder() {
        let data = DataDir::new("/d");
        assert_eq!(
            path_for(&data, "../../etc/passwd"),
            PathBuf::from("/d/drafts/etcpasswd.toml")
        );
        assert_eq!(
            path_for(&data, "///"),
            PathBuf::from("/d/drafts/draft.toml")
        );
    }
}
