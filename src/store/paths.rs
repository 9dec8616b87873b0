//! Where the workbook lives. Everything is under one data folder so that a user can back it up or sync it whole.

use std::path::{Path, PathBuf};

/// The environment variable that moves the data folder (tests, a synced folder).
pub(crate) const DATA_DIR_ENV: &str = "OVERTURE_DATA_DIR";
/// The environment variable that moves the config folder.
pub(crate) const CONFIG_DIR_ENV: &str = "OVERTURE_CONFIG_DIR";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataDir {
    root: PathBuf,
}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "overture")
}

/// The platform's data folder for overture (Linux: `$XDG_DATA_HOME/overture`).
pub(crate) fn default_data_dir() -> Option<PathBuf> {
    project_dirs().map(|d| d.data_dir().to_path_buf())
}

/// The config folder: `OVERTURE_CONFIG_DIR`, else the platform's (Linux: `$XDG_CONFIG_HOME/overture`).
pub(crate) fn config_dir() -> Option<PathBuf> {
    match std::env::var_os(CONFIG_DIR_ENV) {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => project_dirs().map(|d| d.config_dir().to_path_buf()),
    }
}

/// A path as a person types it: a leading `~` is their home folder, as in a shell. Without it a config file's
/// `data_dir = "~/plans"` made a folder named `~` wherever overture was started.
pub(crate) fn expand_home(path: &Path) -> PathBuf {
    let home = || directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf());
    if path == Path::new("~") {
        return home().unwrap_or_else(|| path.to_path_buf());
    }
    match (path.strip_prefix("~"), home()) {
        (Ok(rest), Some(home)) => home.join(rest),
        _ => path.to_path_buf(),
    }
}

impl DataDir {
    /// A workbook at `root`. Nothing is created until something is saved: opening a folder by mistake leaves
    /// no trace in it.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        DataDir { root: root.into() }
    }

    /// The folder the user chose or was given, as messages name it.
    pub(crate) fn root(&self) -> &Path {
        &self.root
    }

    /// Where the plan files live: the one folder a user reads, edits and syncs.
    pub fn plans(&self) -> PathBuf {
        self.root.join("plans")
    }

    /// Deleted plans go here rather than away, so a delete can be undone.
    pub fn trash(&self) -> PathBuf {
        self.root.join("trash")
    }

    /// Autosaved work in progress, kept apart from plans so a half-typed plan never shows up as one.
    pub fn drafts(&self) -> PathBuf {
        self.root.join("drafts")
    }

    /// Cached summaries; outside `plans/` so that syncing tools never carry it between machines.
    pub fn cache(&self) -> PathBuf {
        self.root.join("cache")
    }

    /// Creates the plans folder (and the root) privately when missing.
    pub fn ensure_plans(&self) -> std::io::Result<PathBuf> {
        let plans = self.plans();
        super::atomic::create_private_dir(&plans)?;
        Ok(plans)
    }
}
