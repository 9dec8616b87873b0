//! The user's own editor, for what is too long to type in a field and for a whole plan file (`overture edit`).
//! The command is split like a shell would (`code --wait`, quoted paths), not on spaces. [`Handoff`] is the one
//! way text goes to the editor and comes back: the workbook's field editor and `overture edit` both use it.

use std::io::{self, Write};
use std::path::Path;
use std::process::{Command, ExitStatus};

use crate::store::{DataDir, atomic};

/// The editor command from `$VISUAL`, else `$EDITOR`.
pub fn editor_command() -> Result<Vec<String>, String> {
    let var = |name| std::env::var_os(name).map(|v| v.to_string_lossy().into_owned());
    command_from(var("VISUAL"), var("EDITOR"))
}

/// Splits the first non-empty of `$VISUAL` and `$EDITOR` into a program and its arguments.
pub fn command_from(visual: Option<String>, editor: Option<String>) -> Result<Vec<String>, String> {
    for (name, value) in [("VISUAL", visual), ("EDITOR", editor)] {
        let Some(value) = value else { continue };
        if value.trim().is_empty() {
            continue;
        }
        return match shell_words::split(&value) {
            Ok(words) if !words.is_empty() => Ok(words),
            Ok(_) => continue,
            Err(e) => Err(format!("${name} could not be read ({e}): {value}")),
        };
    }
    Err("Set $VISUAL or $EDITOR to edit text in your own editor.".into())
}

/// Text handed to the editor: a private copy in the drafts folder (not the shared temporary folder: it holds the
/// user's plan), named with a leading dot so the workbook never offers it as a draft. The copy is removed when the
/// hand-off is dropped, unless it is [kept](Handoff::keep).
pub struct Handoff {
    command: Vec<String>,
    file: tempfile::NamedTempFile,
}

impl Handoff {
    /// Writes `text` to a private copy ending in `suffix` (the editor picks its syntax from it). Fails with one
    /// plain line when no editor is set or the copy cannot be made.
    pub fn new(data: &DataDir, text: &str, suffix: &str) -> Result<Handoff, String> {
        let command = editor_command()?;
        let dir = data.drafts();
        atomic::create_private_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let mut file = tempfile::Builder::new()
            .prefix(".edit-")
            .suffix(suffix)
            .tempfile_in(&dir)
            .map_err(|e| format!("could not make a copy to edit in {}: {e}", dir.display()))?;
        file.write_all(text.as_bytes())
            .and_then(|()| file.flush())
            .map_err(|e| format!("could not make a copy to edit: {e}"))?;
        Ok(Handoff { command, file })
    }

    /// The editor's program name, for messages.
    pub fn program(&self) -> &str {
        // `editor_command` never returns an empty command.
        self.command.first().map_or("the editor", String::as_str)
    }

    /// The private copy the editor works on.
    pub fn path(&self) -> &Path {
        self.file.path()
    }

    /// Runs the editor on the copy and waits for it. `ending` names a signal that asked overture to end meanwhile;
    /// it is passed on to the editor (see `crate::external`).
    pub fn run(&self, ending: &dyn Fn() -> Option<i32>) -> io::Result<ExitStatus> {
        let (program, args) = self
            .command
            .split_first()
            .ok_or_else(|| io::Error::other("no editor is set"))?;
        crate::external::run(
            Command::new(program).args(args).arg(self.file.path()),
            ending,
        )
    }

    /// The copy as the editor left it.
    pub fn read(&self) -> io::Result<String> {
        std::fs::read_to_string(self.file.path())
    }

    /// Keeps the copy (what the user typed) and returns where it is.
    pub fn keep(self) -> String {
        match self.file.keep() {
            Ok((_, path)) => path.display().to_string(),
            Err(e) => e.file.path().display().to_string(),
        }
    }
}

/// Edited text without the final line break (`\n` or `\r\n`) that editors add to the last line.
pub fn without_final_newline(text: &str) -> &str {
    let text = text.strip_suffix('\n').unwrap_or(text);
    text.strip_suffix('\r').unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_editor_is_split_like_a_shell_would() {
        let some = |s: &str| Some(s.to_string());
        assert_eq!(
            command_from(some("code --wait"), some("vi")).unwrap(),
            ["code", "--wait"]
        );
        assert_eq!(command_from(some("  "), some("vim")).unwrap(), ["vim"]);
        assert_eq!(
            command_from(None, some(r#""/opt/My Editor/ed" -n 'a b'"#)).unwrap(),
            ["/opt/My Editor/ed", "-n", "a b"]
        );
        assert!(
            command_from(None, some("vi 'unclosed"))
                .unwrap_err()
                .contains("$EDITOR")
        );
        assert!(
            command_from(None, None)
                .unwrap_err()
                .contains("Set $VISUAL or $EDITOR")
        );
    }

    #[test]
    fn only_the_final_line_break_is_removed() {
        assert_eq!(without_final_newline("a\nb\n"), "a\nb");
        assert_eq!(without_final_newline("a\r\n"), "a");
        assert_eq!(without_final_newline("a\n\n"), "a\n");
        assert_eq!(without_final_newline("a"), "a");
    }
}
