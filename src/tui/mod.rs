//! The full-screen workbook: `overture` with no subcommand. `run` sets up the terminal, loops (draw, read one
//! event, advance the autosave clock, perform effects) and restores the terminal on every way out.
//!
//! Layout of this module: `app` holds the state and its transitions (tested without a terminal), `keymap` the
//! keys as data, `plan_list` the list's rows, `screens` and `widgets` the drawing, `terminal` the one terminal
//! guard, `event` the one event reader, `editor` the `$EDITOR` hand-off, `demo` the example workbook. The plans
//! folder watcher and the autosave drafts are file-system code and live in `store::watch` and `store::draft`.

pub mod action;
pub mod app;
#[cfg(debug_assertions)]
mod debug_fail;
pub mod demo;
pub mod editor;
pub mod event;
pub mod keymap;
mod look;
mod mouse;
pub mod perform;
pub(crate) mod plan_list;
pub mod screens;
pub mod signals;
pub mod terminal;
pub mod theme;
pub(crate) mod widgets;

#[cfg(test)]
mod tests;

use std::panic::AssertUnwindSafe;
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::domain::Ladder;
use crate::store::DataDir;

use app::{App, Done, Effect, Kept};
use terminal::TerminalGuard;
use theme::Theme;

/// What the command line hands the TUI: everything is resolved before the terminal is touched, so that a bad
/// config or ladder is reported on a normal screen.
pub struct TuiOptions {
    pub data: DataDir,
    pub ladder: Ladder,
    pub config: Config,
    /// Open a throwaway workbook of example plans in a temporary folder instead of the user's data.
    pub demo: bool,
    /// What was wrong with the config file (an unknown key): shown on the first screen, where it is seen.
    pub warnings: Vec<String>,
}

/// How long the loop waits for a key before advancing the autosave clock.
const TICK: Duration = Duration::from_millis(250);
/// How often the loop looks for the whole catalog while it loads in the background.
const LOADING_TICK: Duration = Duration::from_millis(15);

/// Asks glibc's allocator for one arena instead of one per thread. The catalog is loaded on its own thread and
/// then used on this one: with an arena each, what the loading thread freed stayed with it, and at 50,000 plans
/// the workbook's peak was 120 MB instead of 104 MB (docs/PERFORMANCE.md). The cost is a shared lock when
/// several threads allocate at once, which only the first load of a workbook without an index does.
fn one_malloc_arena() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a tunable of the allocator; called before any other thread of ours exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}

/// Runs the workbook until the user quits.
pub fn run(options: TuiOptions) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        anyhow::bail!(
            "the workbook needs a terminal; with input or output redirected, use a command such as `overture list` (see `overture --help`)"
        );
    }
    one_malloc_arena();
    let theme = Theme::from_env();
    // Loading happens before the terminal is taken, so its errors print on a normal screen.
    let mut app = if options.demo {
        App::demo(options.ladder, theme)?
    } else {
        // The newest plans fill the first screen at once; the rest load on their own thread.
        let height = ratatui::crossterm::terminal::size().map_or(0, |(_, h)| usize::from(h));
        App::start(options.data, options.ladder, theme, height.max(60))?
    };
    app.export = crate::export::Options::from_config(&options.config);
    if !options.demo {
        app.calendar_file = options.config.calendar_file.clone();
    }
    let mut warnings = options.warnings;
    warnings.extend(app.look_and_feel(&options.config));
    if !warnings.is_empty() {
        app.warn_at_start(&warnings.join("; "));
    }
    let stop = signals::register()?;
    let mut guard = TerminalGuard::enter()?;
    let events = event::Events::spawn()?;
    // A panic restores the terminal from the hook; catching it here as well lets the plan in progress be kept
    // as a draft before the panic goes on its way.
    let result = std::panic::catch_unwind(AssertUnwindSafe(|| {
        run_loop(&mut app, &mut guard, &events, &stop)
    }));
    // A quit from the keyboard has dealt with the plan in progress already (and asked, when it could not).
    let kept = match result {
        Ok(Ok(Ending::Quit)) => Kept::Nothing,
        _ => perform::before_exit(&mut app),
    };
    // Stop reading before the terminal is handed back, so that keys typed ahead for the shell stay the shell's.
    events.pause();
    drop(guard);
    let kept = match kept {
        Kept::Nothing => String::new(),
        Kept::Draft => {
            "; the plan in progress is kept as a draft and offered at the next start".to_string()
        }
        Kept::Failed(problem) => {
            format!("; the plan in progress could not be kept as a draft: {problem}")
        }
    };
    match result {
        Ok(Ok(Ending::Quit)) => {
            if app.quit_kept_draft && !app.demo {
                eprintln!(
                    "overture: the plan in progress is kept as a draft and offered at the next start"
                );
            }
            Ok(())
        }
        Ok(Ok(Ending::Signal(signal))) => Err(Stopped {
            code: signal.exit_code(),
            message: format!("stopped by {}{kept}", signal.name),
        }
        .into()),
        Ok(Ok(Ending::HungUp)) => Err(Stopped {
            code: signals::Ending::HANG_UP.exit_code(),
            message: format!("stopped by a hang-up of the terminal{kept}"),
        }
        .into()),
        Ok(Err(e)) => anyhow::bail!("the workbook stopped: {e:#}{kept}"),
        Err(panic) => {
            eprintln!(
                "overture: the workbook stopped on an internal error, shown above (a bug: please report it){kept}"
            );
            std::panic::resume_unwind(panic)
        }
    }
}

/// The workbook was ended by a signal: the message, and the exit code a shell gives a process that signal kills
/// (128 + its number), so a script can tell an interruption from a failure.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct Stopped {
    pub code: u8,
    pub message: String,
}

/// How the loop ended, when it was not an error.
enum Ending {
    Quit,
    Signal(signals::Ending),
    /// The terminal went away without a SIGHUP reaching the process.
    HungUp,
}

/// SIGTSTP: the draft written, the terminal given back, the process stopped until the shell continues it, then
/// the terminal taken again and the screen drawn anew. Without a shell to come back to, it is ignored, as the
/// kernel ignores a stop typed there. (Ctrl-Z in the workbook is a key: undo.)
fn suspend(
    app: &mut App,
    guard: &mut TerminalGuard,
    events: &event::Events,
    stop: &signals::Stop,
) -> anyhow::Result<()> {
    if !signals::can_suspend() {
        return Ok(());
    }
    // It may never be continued (a hang-up while stopped ends it, and SIGKILL may follow).
    perform::before_exit(app);
    events.pause();
    guard.suspend()?;
    signals::stop_here();
    stop.take_continued();
    guard.resume()?;
    events.resume();
    Ok(())
}

fn run_loop(
    app: &mut App,
    guard: &mut TerminalGuard,
    events: &event::Events,
    stop: &signals::Stop,
) -> anyhow::Result<Ending> {
    let mut first = true;
    loop {
        if let Some(signal) = stop.received() {
            return Ok(Ending::Signal(signal));
        }
        if event::hung_up() {
            return Ok(Ending::HungUp);
        }
        if stop.take_suspend() {
            suspend(app, guard, events, stop)?;
        }
        if stop.take_continued() {
            // Stopped by something overture did not choose (SIGSTOP), and continued: the shell may have changed
            // the terminal's modes and drawn over the screen meanwhile.
            guard.retake()?;
        }
        guard
            .terminal
            .draw(|frame| app.render(frame.area(), frame.buffer_mut()))?;
        if std::mem::take(&mut first) {
            app.after_first_frame();
        }
        if app.quit {
            return Ok(Ending::Quit);
        }
        // While the whole workbook loads, look for it often, so it shows as soon as it is there.
        let wait = if app.loading() { LOADING_TICK } else { TICK };
        if let Some(event) = events.next(wait)? {
            #[cfg(debug_assertions)]
            debug_fail::check(&event)?;
            app.on_event(event);
        }
        app.take_loaded();
        app.tick(Instant::now());
        perform::settle(app, |app, effect| match effect {
            Effect::Edit(text) => {
                // The editor gets every key: the reading thread stands aside until it is done.
                events.pause();
                let ending = || stop.received().map(|s| s.number);
                let result = editor::edit(guard, &app.data, &text, &ending);
                events.resume();
                // The editor may have stopped overture with itself (Ctrl-Z there); the terminal is retaken by
                // the editor's hand-off already.
                stop.take_continued();
                Ok(Done::Edited(result))
            }
            Effect::Print(page) => Ok(Done::Printed(crate::export::print(
                &page,
                None,
                &app.export,
            ))),
            other => Err(other),
        });
    }
}
