//! What a command that fails hands back: one or two plain lines and the exit code, never a panic or a debug
//! dump. Every subcommand returns [`Failure`]; `run` prints it and exits with its code.

use crate::store::SaveError;

/// A failure to report: one or two plain lines, and the exit code (1 failure, 2 usage).
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    pub fn usage(message: impl Into<String>) -> Self {
        Failure {
            code: 2,
            message: message.into(),
        }
    }

    pub fn failed(message: impl Into<String>) -> Self {
        Failure {
            code: 1,
            message: message.into(),
        }
    }
}

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure::failed(e.to_string())
    }
}

/// A failed save in two lines: what went wrong, then what to do. A failed save never leaves a half-written file:
/// the plan on disk is still the version it was before the command.
pub(crate) fn save_failure(e: SaveError) -> Failure {
    use std::io::ErrorKind;
    let (what, next) = match &e {
        SaveError::ChangedOnDisk { path } => (
            format!(
                "{} changed on disk while this command ran (another program saved it)",
                path.display()
            ),
            "nothing was written; run the command again to record it in the file as it is now",
        ),
        SaveError::ReadOnly { .. } => (
            e.to_string(),
            "nothing was written; use the newer overture for this plan",
        ),
        SaveError::BecameLink { .. } => (
            e.to_string(),
            "nothing was written; name the file the link leads to, or run the command again",
        ),
        SaveError::Io { source, .. } => (
            e.to_string(),
            match source.kind() {
                ErrorKind::StorageFull | ErrorKind::QuotaExceeded => {
                    "nothing was written; free some space, then run the command again"
                }
                ErrorKind::ReadOnlyFilesystem | ErrorKind::PermissionDenied => {
                    "nothing was written; make the folder writable, or pass --data-dir DIR"
                }
                ErrorKind::WouldBlock => {
                    "nothing was written; wait for the other overture to finish, then try again"
                }
                _ => "nothing was written; the plan on disk is as it was",
            },
        ),
        // The editor's own message draws the line with a caret underneath: its first line says enough.
        SaveError::Format { path, message } => (
            format!(
                "could not update {}: {}",
                path.display(),
                message.lines().next().unwrap_or_default()
            ),
            "nothing was written; run `overture check` to find the problem",
        ),
    };
    Failure::failed(format!("{what}\n{next}"))
}
