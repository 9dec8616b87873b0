//! A way to make the workbook fail on purpose, so that an end-to-end test can check the terminal comes back
//! and the plan in progress is kept. It exists only in debug builds (the ones tests run): a release build has no
//! such switch at all.
//!
//! With `OVERTURE_DEBUG_FAIL=error` (or `panic`) in the environment, F12 first turns mouse reporting on (the
//! one terminal mode the workbook never uses, to prove it is undone too) and then returns an error from the event
//! loop (or panics).

use ratatui::crossterm::event::{EnableMouseCapture, KeyCode};
use ratatui::crossterm::execute;

use super::event::AppEvent;

pub fn check(event: &AppEvent) -> anyhow::Result<()> {
    let AppEvent::Key(key) = event else {
        return Ok(());
    };
    if key.code != KeyCode::F(12) {
        return Ok(());
    }
    let how = std::env::var("OVERTURE_DEBUG_FAIL").unwrap_or_default();
    if how != "error" && how != "panic" {
        return Ok(());
    }
    execute!(std::io::stdout(), EnableMouseCapture)?;
    if how == "panic" {
        panic!("failing on purpose (OVERTURE_DEBUG_FAIL=panic)");
    }
    anyhow::bail!("failing on purpose (OVERTURE_DEBUG_FAIL=error)")
}
