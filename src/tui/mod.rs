//! The full-screen workbook. (Being built on the `tui` branch.)

use crate::config::Config;
use crate::domain::Ladder;
use crate::store::DataDir;

/// What the command line hands the TUI: everything is resolved before the terminal is touched, so that a bad
/// config or ladder is reported on a normal screen.
pub struct TuiOptions {
    pub data: DataDir,
    pub ladder: Ladder,
    pub config: Config,
    /// Open a throwaway workbook of example plans in a temporary folder instead of the user's data.
    pub demo: bool,
}

/// Runs the workbook until the user quits.
pub fn run(_options: TuiOptions) -> anyhow::Result<()> {
    eprintln!(
        "overture: the full-screen workbook is not built yet; see `overture --help` for the command line."
    );
    Ok(())
}
