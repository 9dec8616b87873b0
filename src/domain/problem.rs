//! The one shape of "this file you own has a problem": plans, the ladder and the config file all report it the
//! same way, as `path:line:col: message` (the form editors and terminals turn into links) and, when there is one,
//! a second line saying what to do.

use std::path::{Path, PathBuf};

/// A file that could not be used, and where in it. It is reported, never overwritten.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}: {message}{}", self.location(), self.hint.as_ref().map(|h| format!("\n{h}")).unwrap_or_default())]
pub struct FileProblem {
    pub path: PathBuf,
    /// 1-based line and column, when the problem has a place in the file.
    pub position: Option<(usize, usize)>,
    pub message: String,
    /// What to do about it, when the message alone does not say.
    pub hint: Option<String>,
}

impl FileProblem {
    pub fn new(path: &Path, position: Option<(usize, usize)>, message: impl Into<String>) -> Self {
        FileProblem {
            path: path.to_path_buf(),
            position,
            message: message.into(),
            hint: None,
        }
    }

    /// `path:line:col`, or the path alone when the problem has no place in the file.
    pub fn location(&self) -> String {
        match self.position {
            Some((l, c)) => format!("{}:{l}:{c}", self.path.display()),
            None => self.path.display().to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_as_path_line_col_message_then_the_hint() {
        let p = FileProblem::new(Path::new("/c/ladder.toml"), Some((3, 7)), "expected `=`");
        assert_eq!(p.to_string(), "/c/ladder.toml:3:7: expected `=`");
        let mut p = FileProblem::new(Path::new("/c/x.toml"), None, "unreadable");
        p.hint = Some("fix it".into());
        assert_eq!(p.to_string(), "/c/x.toml: unreadable\nfix it");
    }
}
