//! The terminal is set up and torn down here and nowhere else. Everything turned on (raw mode, the alternate
//! screen, bracketed paste, a hidden cursor, mouse reporting unless the config turns it off) is turned off
//! again when the guard drops, on an error return and from a panic hook, so the user's shell is never left
//! broken.

use std::io::{self, Stdout, Write};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::{
    cursor,
    event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture},
    execute,
    terminal::{self, EnterAlternateScreen, LeaveAlternateScreen},
};

pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// Whether the terminal is currently in the app's mode, so restoring twice (guard and panic hook) is harmless.
static ACTIVE: AtomicBool = AtomicBool::new(false);
static HOOK: Once = Once::new();
/// Whether the app takes the mouse (the config's `mouse`, on unless turned off).
static MOUSE: AtomicBool = AtomicBool::new(false);

/// Asks for mouse reporting (clicks and the wheel) from the next [`TerminalGuard::enter`] or resume on; the
/// terminal's own text selection then needs Shift held in most terminals.
pub fn capture_mouse(on: bool) {
    MOUSE.store(on, Ordering::SeqCst);
}

/// Owns the terminal's app mode. Create one with [`TerminalGuard::enter`]; dropping it restores the terminal.
pub struct TerminalGuard {
    pub terminal: Term,
}

fn enable() -> io::Result<()> {
    terminal::enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        cursor::Hide
    )?;
    if MOUSE.load(Ordering::SeqCst) {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    Ok(())
}

/// Undoes everything [`enable`] did, mouse capture included (always, in case anything turned it on). Each step is tried
/// even when an earlier one fails.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    let _ = execute!(out, DisableBracketedPaste);
    let _ = execute!(out, DisableMouseCapture);
    let _ = execute!(out, LeaveAlternateScreen);
    let _ = execute!(out, cursor::Show);
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
}

fn install_panic_hook() {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}

impl TerminalGuard {
    pub fn enter() -> io::Result<Self> {
        install_panic_hook();
        if let Err(e) = enable() {
            restore();
            return Err(e);
        }
        match Terminal::new(CrosstermBackend::new(io::stdout())) {
            Ok(terminal) => Ok(TerminalGuard { terminal }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }

    /// Hands the terminal back for a while (to an editor): normal screen, cooked mode, visible cursor.
    pub fn suspend(&mut self) -> io::Result<()> {
        restore();
        Ok(())
    }

    /// Takes the terminal again after the process was stopped and continued behind overture's back (SIGSTOP,
    /// then `fg`): the shell may have changed its modes and drawn over the screen. Raw mode is set anew (crossterm
    /// would otherwise think it still on) and the screen drawn in full.
    pub fn retake(&mut self) -> io::Result<()> {
        let _ = terminal::disable_raw_mode();
        self.resume()
    }

    /// Takes the terminal back after [`TerminalGuard::suspend`] and forces a full redraw.
    pub fn resume(&mut self) -> io::Result<()> {
        enable()?;
        // `Terminal::clear` would first ask the terminal where its cursor is, and wait two seconds for one that
        // does not answer, then leave the screen blank; a resize to the current size clears the screen and
        // forgets the last frame without asking anything.
        let size = self.terminal.size()?;
        self.terminal
            .resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}
