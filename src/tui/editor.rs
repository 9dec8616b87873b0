//! Handing a text field to the user's own editor: the text goes to a private temporary file, the terminal is
//! given back (normal screen, cooked mode), `$VISUAL` or `$EDITOR` runs, and the screen is restored and fully
//! redrawn. The command is split like a shell would (`code --wait`, quoted paths), not on spaces.

use std::io::Write;
use std::process::Command;

use crate::editor::editor_command;
use crate::store::{DataDir, atomic};

use super::terminal::TerminalGuard;

/// Runs the editor on `text` and returns the edited text (a final line break, which editors add, removed).
/// `ending` names a signal that asked overture to end meanwhile (it is passed on to the editor; see
/// `crate::external`).
pub fn edit(
    guard: &mut TerminalGuard,
    data: &DataDir,
    text: &str,
    ending: &dyn Fn() -> Option<i32>,
) -> Result<String, String> {
    let command = editor_command()?;
    // Kept in the private drafts folder rather than the shared temporary folder: it holds the user's plan.
    let dir = data.drafts();
    atomic::create_private_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut file = tempfile::Builder::new()
        .prefix(".edit-")
        .suffix(".md")
        .tempfile_in(&dir)
        .map_err(|e| format!("could not create a file for the editor: {e}"))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.flush())
        .map_err(|e| format!("could not write a file for the editor: {e}"))?;

    guard
        .suspend()
        .map_err(|e| format!("could not hand over the terminal: {e}"))?;
    let status = crate::external::run(
        Command::new(&command[0])
            .args(&command[1..])
            .arg(file.path()),
        ending,
    );
    guard
        .resume()
        .map_err(|e| format!("could not take back the terminal: {e}"))?;

    match status {
        Ok(s) if s.success() => {
            let edited = std::fs::read_to_string(file.path())
                .map_err(|e| format!("could not read the edited text: {e}"))?;
            let edited = edited.strip_suffix('\n').unwrap_or(&edited);
            Ok(edited.strip_suffix('\r').unwrap_or(edited).to_string())
        }
        Ok(s) => Err(format!(
            "{} exited with {s}; the field is unchanged.",
            command[0]
        )),
        Err(e) => Err(format!("could not start {}: {e}", command[0])),
    }
}
