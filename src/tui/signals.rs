//! Signals, turned into flags the event loop checks every tick, so that every way out goes through the loop: the
//! plan in progress is written to its draft at once and the terminal guard restores the screen.
//!
//! - SIGTERM (`kill`), SIGHUP (the terminal window closed), SIGQUIT and SIGINT (`kill -INT`, or a Ctrl-C that
//!   reached the process group from elsewhere: in raw mode the terminal sends Ctrl-C as a key) end the workbook,
//!   with the exit code shells give a process killed by that signal (128 + its number: 130 for SIGINT), so a
//!   script can tell an interruption from a failure. While `$EDITOR` has the terminal, SIGINT and SIGQUIT are
//!   the editor's (see `crate::external`).
//! - SIGTSTP (`kill -TSTP`, or a Ctrl-Z typed while the terminal is in cooked mode; in the workbook, Ctrl-Z is a
//!   key: undo) suspends: the draft is written, the terminal given back, and the process stops until the
//!   shell's `fg`, when the terminal is taken again and the screen drawn anew. SIGCONT after a stop overture did not choose (SIGSTOP) takes the terminal back too, as the
//!   shell may have changed its modes meanwhile.
//! - SIGWINCH is crossterm's: it arrives as a resize event.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The signals that end the workbook, in the order of the flag's values (1 = the first).
#[cfg(unix)]
const ENDING: [(i32, &str); 4] = [
    (signal_hook::consts::SIGTERM, "SIGTERM"),
    (signal_hook::consts::SIGHUP, "SIGHUP"),
    (signal_hook::consts::SIGQUIT, "SIGQUIT"),
    (signal_hook::consts::SIGINT, "SIGINT"),
];

/// What arrived since the loop last looked.
pub struct Stop {
    /// Which ending signal arrived, if any (0 = none; else its place in `ENDING`, from 1).
    ending: Arc<AtomicUsize>,
    /// SIGTSTP: suspend.
    suspend: Arc<AtomicBool>,
    /// SIGCONT: the process was stopped and goes on.
    continued: Arc<AtomicBool>,
}

/// A signal that ends the workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ending {
    pub number: i32,
    pub name: &'static str,
}

impl Ending {
    /// A terminal that went away without a SIGHUP reaching the process ends the workbook as SIGHUP would.
    pub const HANG_UP: Ending = Ending {
        number: 1,
        name: "SIGHUP",
    };

    /// The exit code a shell reports for a process killed by this signal.
    pub fn exit_code(self) -> u8 {
        u8::try_from(128 + self.number).unwrap_or(1)
    }
}

/// Starts catching the signals. Call before the terminal is taken.
pub fn register() -> std::io::Result<Stop> {
    let stop = Stop {
        ending: Arc::new(AtomicUsize::new(0)),
        suspend: Arc::new(AtomicBool::new(false)),
        continued: Arc::new(AtomicBool::new(false)),
    };
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGCONT, SIGINT, SIGQUIT, SIGTSTP};
        crate::external::app_catches_signals();
        for (n, (signal, _)) in ENDING.iter().copied().enumerate() {
            let flag = Arc::clone(&stop.ending);
            let typed_at_terminal = signal == SIGINT || signal == SIGQUIT;
            // SAFETY: the action reads and writes atomics only.
            unsafe {
                signal_hook::low_level::register(signal, move || {
                    // A Ctrl-C typed while the editor runs reaches the editor and overture alike: it is the
                    // editor's.
                    if !(typed_at_terminal && crate::external::child_has_terminal()) {
                        flag.store(n + 1, Ordering::SeqCst);
                    }
                })?;
            }
        }
        let suspend = Arc::clone(&stop.suspend);
        // SAFETY: atomics, and signal-hook's async-signal-safe default action.
        unsafe {
            signal_hook::low_level::register(SIGTSTP, move || {
                if crate::external::child_has_terminal() {
                    // The editor suspends itself (and its process group, overture with it); overture stops too,
                    // as it would without a handler, so the shell sees the job stopped and `fg` continues both.
                    let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
                } else {
                    suspend.store(true, Ordering::SeqCst);
                }
            })?;
        }
        signal_hook::flag::register(SIGCONT, Arc::clone(&stop.continued))?;
    }
    Ok(stop)
}

impl Stop {
    /// The signal that asked the workbook to end, once one has.
    pub fn received(&self) -> Option<Ending> {
        match self.ending.load(Ordering::SeqCst) {
            0 => None,
            #[cfg(unix)]
            n => ENDING
                .get(n - 1)
                .map(|&(number, name)| Ending { number, name }),
            #[cfg(not(unix))]
            _ => Some(Ending {
                number: 15,
                name: "a signal",
            }),
        }
    }

    /// Whether SIGTSTP asked the workbook to suspend (clears the request).
    pub fn take_suspend(&self) -> bool {
        self.suspend.swap(false, Ordering::SeqCst)
    }

    /// Whether the process was continued after a stop since the last call (clears it).
    pub fn take_continued(&self) -> bool {
        self.continued.swap(false, Ordering::SeqCst)
    }
}

/// Whether stopping the process leaves someone to continue it: a shell with job control above it, in the same
/// session. Started straight by a terminal window (`xterm -e overture`), over `ssh host overture` or in a new
/// tmux window, nothing would ever send SIGCONT, and the kernel itself ignores a stop typed there.
pub fn can_suspend() -> bool {
    #[cfg(unix)]
    {
        use rustix::process::{getppid, getsid};
        let Some(parent) = getppid() else {
            return false;
        };
        match (getsid(Some(parent)), getsid(None)) {
            (Ok(theirs), Ok(ours)) => theirs == ours,
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// Stops the process (and its process group, so a script that started overture stops with it, as Ctrl-Z in
/// cooked mode would), returning once the shell continues it.
pub fn stop_here() {
    #[cfg(unix)]
    {
        use rustix::process::{Signal, kill_current_process_group};
        let _ = kill_current_process_group(Signal::STOP);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ending_signal_exits_as_a_shell_reports_it() {
        let int = Ending {
            number: 2,
            name: "SIGINT",
        };
        assert_eq!(int.exit_code(), 130);
        let term = Ending {
            number: 15,
            name: "SIGTERM",
        };
        assert_eq!(term.exit_code(), 143);
    }
}
