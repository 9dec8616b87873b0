//! Handing a text field to the user's own editor: the terminal is given back (normal screen, cooked mode) while
//! the editor runs on a private copy ([`Handoff`]), and the screen is restored and fully redrawn.

use crate::editor::{Handoff, without_final_newline};
use crate::store::DataDir;

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
    let handoff = Handoff::new(data, text, ".md")?;
    guard
        .suspend()
        .map_err(|e| format!("could not hand over the terminal: {e}"))?;
    let status = handoff.run(ending);
    guard
        .resume()
        .map_err(|e| format!("could not take back the terminal: {e}"))?;

    let program = handoff.program();
    match status {
        Ok(s) if s.success() => {
            let edited = handoff
                .read()
                .map_err(|e| format!("could not read the edited text: {e}"))?;
            Ok(without_final_newline(&edited).to_string())
        }
        Ok(s) => Err(format!(
            "{program} exited with {s}; the field is unchanged."
        )),
        Err(e) => Err(format!("could not start {program}: {e}")),
    }
}
