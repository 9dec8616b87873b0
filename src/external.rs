//! Programs overture starts in the foreground (the user's `$EDITOR`, the print command), run the way shells and
//! git run an editor: while the program has the terminal, a Ctrl-C or Ctrl-\ typed at it is the program's
//! business. The terminal sends SIGINT (SIGQUIT) to the whole foreground process group, overture included; the
//! program gets it with its default action (it quits, or, like vim, ignores it), and overture lets it pass and
//! carries on with what the program left. Without this, a Ctrl-C meant for the editor killed overture with it
//! and dropped the plan in progress.
//!
//! A termination signal meant for overture (SIGTERM, SIGHUP) is passed on to the program, so that overture can
//! end promptly once it has exited, instead of waiting on an editor nobody is using any more.

use std::io;
use std::process::{Child, Command, ExitStatus};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// An external program has the terminal: SIGINT and SIGQUIT are its own.
static CHILD_HAS_TERMINAL: AtomicBool = AtomicBool::new(false);
/// The workbook turns signals into its own stop flag (`tui::signals`); the command line keeps the default
/// actions outside a program's run.
static APP_CATCHES: AtomicBool = AtomicBool::new(false);

/// Whether a signal typed at the terminal (SIGINT, SIGQUIT) now belongs to a program overture is running.
pub fn child_has_terminal() -> bool {
    CHILD_HAS_TERMINAL.load(Ordering::SeqCst)
}

/// Called by the workbook once it catches SIGINT and SIGQUIT itself: they are never given their default
/// action here then.
pub(crate) fn app_catches_signals() {
    APP_CATCHES.store(true, Ordering::SeqCst);
}

/// A termination signal (SIGTERM, SIGHUP) that reached the command line while a program had the terminal: it
/// is passed on to the program, and the command ends once the program has (0 = none).
static ENDED_BY: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(0);

/// The termination signal the command line received while a program ran, if any (see [`run`]). The workbook
/// keeps its own (`tui::signals`).
pub fn ended_by() -> Option<i32> {
    match ENDED_BY.load(Ordering::SeqCst) {
        0 => None,
        n => Some(n),
    }
}

/// The signals, each handled once per process, unless the workbook catches them itself. SIGINT and SIGQUIT:
/// nothing while a program has the terminal, the default action (ending the process) otherwise. SIGTERM and
/// SIGHUP: noted for [`run`] to pass on while a program has the terminal, the default action otherwise.
#[cfg(unix)]
fn pass_interrupts_to_children() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    use std::sync::OnceLock;
    static DONE: OnceLock<Result<(), String>> = OnceLock::new();
    let done = DONE.get_or_init(|| {
        for signal in [SIGTERM, SIGHUP] {
            // SAFETY: atomics, and signal-hook's async-signal-safe emulation of the default action.
            let registered = unsafe {
                signal_hook::low_level::register(signal, move || {
                    if APP_CATCHES.load(Ordering::SeqCst) {
                        return;
                    }
                    if CHILD_HAS_TERMINAL.load(Ordering::SeqCst) {
                        ENDED_BY.store(signal, Ordering::SeqCst);
                    } else {
                        let _ = signal_hook::low_level::emulate_default_handler(signal);
                    }
                })
            };
            registered.map_err(|e| e.to_string())?;
        }
        for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGQUIT] {
            // SAFETY: the action only reads two atomics and, when neither is set, calls signal-hook's
            // async-signal-safe emulation of the default action.
            let registered = unsafe {
                signal_hook::low_level::register(signal, move || {
                    if !CHILD_HAS_TERMINAL.load(Ordering::SeqCst)
                        && !APP_CATCHES.load(Ordering::SeqCst)
                    {
                        let _ = signal_hook::low_level::emulate_default_handler(signal);
                    }
                })
            };
            registered.map_err(|e| e.to_string())?;
        }
        Ok(())
    });
    done.clone().map_err(io::Error::other)
}

#[cfg(not(unix))]
fn pass_interrupts_to_children() -> io::Result<()> {
    Ok(())
}

/// Marks the time an external program has the terminal; dropping it gives SIGINT and SIGQUIT back to overture.
pub struct ChildHasTerminal(());

impl ChildHasTerminal {
    pub fn begin() -> io::Result<ChildHasTerminal> {
        pass_interrupts_to_children()?;
        CHILD_HAS_TERMINAL.store(true, Ordering::SeqCst);
        Ok(ChildHasTerminal(()))
    }
}

impl Drop for ChildHasTerminal {
    fn drop(&mut self) {
        CHILD_HAS_TERMINAL.store(false, Ordering::SeqCst);
    }
}

/// How often the wait for a program looks whether overture was asked to stop.
const WAIT_SLICE: Duration = Duration::from_millis(25);

/// Runs `command` in the foreground and waits for it. SIGINT and SIGQUIT typed meanwhile go to the program
/// alone (see the module's note). When `stop` names a termination signal overture received (it is asked every
/// few milliseconds), that signal is passed on to the program once, and the wait goes on until it exits.
pub fn run(command: &mut Command, stop: &dyn Fn() -> Option<i32>) -> io::Result<ExitStatus> {
    let _child_has_terminal = ChildHasTerminal::begin()?;
    // Installed handlers (ours, signal-hook's) are reset to the default action by exec: the program gets
    // SIGINT as if overture were not there.
    let mut child = command.spawn()?;
    wait(&mut child, stop)
}

fn wait(child: &mut Child, stop: &dyn Fn() -> Option<i32>) -> io::Result<ExitStatus> {
    let mut passed_on = false;
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(status);
        }
        if !passed_on && let Some(signal) = stop() {
            passed_on = true;
            pass_on(child, signal);
        }
        std::thread::sleep(WAIT_SLICE);
    }
}

/// Waits up to `limit` for a program that should be quick (the print command); one still running then is
/// stopped (SIGTERM, then SIGKILL a moment later) and `None` comes back.
pub fn wait_for(child: &mut Child, limit: Duration) -> io::Result<Option<ExitStatus>> {
    let deadline = std::time::Instant::now() + limit;
    while std::time::Instant::now() < deadline {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        std::thread::sleep(WAIT_SLICE);
    }
    pass_on(child, signal_hook::consts::SIGTERM);
    for _ in 0..40 {
        if child.try_wait()?.is_some() {
            return Ok(None);
        }
        std::thread::sleep(WAIT_SLICE);
    }
    let _ = child.kill();
    let _ = child.wait();
    Ok(None)
}

#[cfg(unix)]
fn pass_on(child: &mut Child, signal: i32) {
    use rustix::process::{Pid, Signal, kill_process};
    let signal = match signal {
        signal_hook::consts::SIGHUP => Signal::HUP,
        _ => Signal::TERM,
    };
    // A program that has just exited cannot be signalled: the next `try_wait` sees its status.
    let _ = kill_process(Pid::from_child(child), signal);
}

#[cfg(not(unix))]
fn pass_on(child: &mut Child, _signal: i32) {
    let _ = child.kill();
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_stop_is_passed_on_to_the_program_once() {
        let mut command = Command::new("sh");
        command.args(["-c", "sleep 30"]);
        let status = run(&mut command, &|| Some(signal_hook::consts::SIGTERM)).unwrap();
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(status.signal(), Some(signal_hook::consts::SIGTERM));
        assert!(!child_has_terminal(), "the signals are overture's again");
    }

    #[test]
    fn a_program_that_takes_too_long_is_stopped() {
        let mut child = Command::new("sleep").arg("30").spawn().unwrap();
        let waited = wait_for(&mut child, Duration::from_millis(50)).unwrap();
        assert_eq!(waited, None);
        assert!(child.try_wait().unwrap().is_some(), "it was reaped");
        let mut quick = Command::new("true").spawn().unwrap();
        assert!(
            wait_for(&mut quick, Duration::from_secs(10))
                .unwrap()
                .unwrap()
                .success()
        );
    }
}
