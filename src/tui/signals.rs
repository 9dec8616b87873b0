//! Termination signals (SIGTERM from `kill`, SIGHUP when the terminal window closes, SIGQUIT) would otherwise end
//! the process at once, leaving the shell in raw mode and losing the last seconds of typing. They are turned
//! into a flag that the event loop checks every tick, so the loop returns normally: the draft is written and
//! the terminal guard restores the screen.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Which signal arrived, if any (0 = none).
pub struct Stop(Arc<AtomicUsize>);

#[cfg(unix)]
const SIGNALS: [(i32, &str); 3] = [
    (signal_hook::consts::SIGTERM, "SIGTERM"),
    (signal_hook::consts::SIGHUP, "SIGHUP"),
    (signal_hook::consts::SIGQUIT, "SIGQUIT"),
];

/// Starts catching the signals. Call before the terminal is taken.
pub fn register() -> std::io::Result<Stop> {
    let flag = Arc::new(AtomicUsize::new(0));
    #[cfg(unix)]
    for (n, (signal, _)) in SIGNALS.iter().enumerate() {
        signal_hook::flag::register_usize(*signal, Arc::clone(&flag), n + 1)?;
    }
    Ok(Stop(flag))
}

impl Stop {
    /// The name of the signal received, once one has been.
    pub fn received(&self) -> Option<&'static str> {
        match self.0.load(Ordering::SeqCst) {
            0 => None,
            #[cfg(unix)]
            n => SIGNALS.get(n - 1).map(|(_, name)| *name),
            #[cfg(not(unix))]
            _ => Some("a signal"),
        }
    }
}
