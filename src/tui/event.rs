//! The one place events are read. Only key presses are kept: terminals that report releases and repeats
//! (Windows, the kitty protocol) would otherwise make every key act twice. Of the mouse, only a left click and
//! the wheel are kept; what a click lands on is looked up in the [`HitMap`] the last frame recorded.
//!
//! Events are read on their own thread and handed over a channel. When the terminal goes away (its window
//! closed, an SSH connection dropped), crossterm 0.29's reader spins for ever on the dead descriptor inside one
//! `poll` (crossterm issue #793): read on the app's own thread, that would keep the loop from ever seeing SIGHUP,
//! so the plan in progress would never be written and the process would burn a core until killed. On its own
//! thread the spin is harmless: the loop notices the hang-up, keeps the draft and exits, which ends the thread.

use std::cell::RefCell;
use std::io;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread;
use std::time::Duration;

use ratatui::crossterm::event::{
    self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use ratatui::layout::{Position, Rect};

/// What the app reacts to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppEvent {
    Key(KeyEvent),
    /// A left click or a turn of the wheel, at a column and row of the screen.
    Mouse(Mouse),
    /// Text pasted with bracketed paste: inserted as text, never interpreted as keys.
    Paste(String),
    Resize,
}

/// Keeps the events the app handles and drops the rest (releases, repeats, focus, mouse).
///
/// Ctrl-J is a line feed, which some terminals send for Enter and for the line breaks of a paste without
/// bracketed paste: it means Enter here. Left alone, the text editor's own binding for it deletes everything
/// before the cursor, so one stray line feed emptied the field being typed.
pub fn filter(event: Event) -> Option<AppEvent> {
    match event {
        Event::Key(key)
            if key.kind == KeyEventKind::Press
                && key.code == KeyCode::Char('j')
                && key.modifiers == KeyModifiers::CONTROL =>
        {
            Some(AppEvent::Key(KeyEvent::new(
                KeyCode::Enter,
                KeyModifiers::NONE,
            )))
        }
        Event::Key(key) if key.kind == KeyEventKind::Press => Some(AppEvent::Key(key)),
        Event::Paste(text) => Some(AppEvent::Paste(text)),
        Event::Mouse(m) => {
            let kind = match m.kind {
                MouseEventKind::Down(MouseButton::Left) => MouseKind::Click,
                MouseEventKind::ScrollUp => MouseKind::WheelUp,
                MouseEventKind::ScrollDown => MouseKind::WheelDown,
                _ => return None,
            };
            Some(AppEvent::Mouse(Mouse {
                kind,
                column: m.column,
                row: m.row,
            }))
        }
        Event::Resize(_, _) => Some(AppEvent::Resize),
        _ => None,
    }
}

/// The mouse events the app handles; moves, drags, releases and the other buttons are dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MouseKind {
    Click,
    WheelUp,
    WheelDown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mouse {
    pub kind: MouseKind,
    pub column: u16,
    pub row: u16,
}

/// Something on screen that a click acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A row of the list on screen, by its position in the list (not on screen).
    Row(usize),
    /// A status tab of the plans list.
    Tab(usize),
    /// A step of the wizard's step bar.
    Step(usize),
    /// A rung of the ladder, by its position on the ladder (0 the gentlest).
    Rung(usize),
    /// A button: clicking it is pressing its key.
    Key(KeyEvent),
    /// A dialog's box: clicks inside it that hit no button do nothing, rather than reach the screen beneath.
    Inert,
    /// The tactic step's guidance panel: the wheel over it scrolls the guidance, not the ladder beside it.
    Guidance,
}

thread_local! {
    /// The clickable areas of the frame being drawn, while [`HitMap::record`] draws it.
    static DRAWING: RefCell<Option<Vec<(Rect, Target)>>> = const { RefCell::new(None) };
}

/// Marks `area` of the frame being drawn as clickable. Drawing code calls it where it lays a row or a button
/// out, so the areas always match what is on screen; outside [`HitMap::record`] (tests that only draw) it does
/// nothing.
pub fn clickable(area: Rect, target: Target) {
    DRAWING.with(|d| {
        if let Some(areas) = d.borrow_mut().as_mut()
            && !area.is_empty()
        {
            areas.push((area, target));
        }
    });
}

/// The clickable areas of the last frame, owned by the app. Drawing only reads the state, so the areas are
/// collected on the side (see [`clickable`]) and swapped in here once the frame is drawn.
#[derive(Debug, Default)]
pub struct HitMap(RefCell<Vec<(Rect, Target)>>);

impl HitMap {
    /// Runs `draw`, keeping the areas it marks clickable in place of the last frame's.
    pub fn record<R>(&self, draw: impl FnOnce() -> R) -> R {
        DRAWING.with(|d| *d.borrow_mut() = Some(Vec::new()));
        let result = draw();
        let areas = DRAWING.with(|d| d.borrow_mut().take()).unwrap_or_default();
        *self.0.borrow_mut() = areas;
        result
    }

    /// What is under a cell: the last area marked there, as later drawing lies on top.
    pub fn at(&self, column: u16, row: u16) -> Option<Target> {
        let at = Position::new(column, row);
        self.0
            .borrow()
            .iter()
            .rev()
            .find(|(area, _)| area.contains(at))
            .map(|&(_, target)| target)
    }
}

/// How long the reading thread waits in one `poll` before it looks whether it should pause.
const SLICE: Duration = Duration::from_millis(40);
/// How long [`Events::pause`] waits for the reading thread to stop reading.
const PAUSE_WAIT: Duration = Duration::from_secs(1);

#[derive(Debug, Default)]
struct Gate {
    /// The app wants the terminal's input for someone else (the `$EDITOR` hand-off).
    paused: bool,
    /// The reading thread has seen `paused` and stopped reading.
    parked: bool,
}

/// The reading thread's handle: events come out of [`Events::next`].
pub struct Events {
    rx: Receiver<io::Result<AppEvent>>,
    gate: Arc<(Mutex<Gate>, Condvar)>,
}

impl Events {
    /// Starts the reading thread. Call once the terminal is in raw mode.
    pub fn spawn() -> io::Result<Events> {
        let (tx, rx) = mpsc::channel();
        let gate = Arc::new((Mutex::new(Gate::default()), Condvar::new()));
        let theirs = Arc::clone(&gate);
        thread::Builder::new()
            .name("overture-events".into())
            .spawn(move || {
                loop {
                    {
                        let (lock, cv) = &*theirs;
                        let mut g = lock.lock().unwrap_or_else(PoisonError::into_inner);
                        while g.paused {
                            g.parked = true;
                            cv.notify_all();
                            g = cv.wait(g).unwrap_or_else(PoisonError::into_inner);
                        }
                        g.parked = false;
                    }
                    let got = match event::poll(SLICE) {
                        Ok(true) => event::read().map(filter),
                        Ok(false) => Ok(None),
                        Err(e) => Err(e),
                    };
                    // Stop when the app has gone (the receiver dropped) or the terminal cannot be read.
                    match got {
                        Ok(None) => {}
                        Ok(Some(e)) => {
                            if tx.send(Ok(e)).is_err() {
                                return;
                            }
                        }
                        Err(e) => {
                            let _ = tx.send(Err(e));
                            return;
                        }
                    }
                }
            })?;
        Ok(Events { rx, gate })
    }

    /// Waits up to `timeout` for the next event the app handles.
    pub fn next(&self, timeout: Duration) -> io::Result<Option<AppEvent>> {
        match self.rx.recv_timeout(timeout) {
            Ok(result) => result.map(Some),
            Err(RecvTimeoutError::Timeout) => Ok(None),
            Err(RecvTimeoutError::Disconnected) => Err(io::Error::other(
                "the terminal's input stopped (the event reader ended)",
            )),
        }
    }

    /// Stops reading, so that a program the app runs in the foreground (`$EDITOR`) gets every key. Waits until
    /// the reading thread is out of its `poll`, but not for ever: a reader stuck on a dead terminal never parks.
    pub fn pause(&self) {
        let (lock, cv) = &*self.gate;
        let mut g = lock.lock().unwrap_or_else(PoisonError::into_inner);
        g.paused = true;
        let _ = cv
            .wait_timeout_while(g, PAUSE_WAIT, |g| !g.parked)
            .unwrap_or_else(PoisonError::into_inner);
    }

    /// Reads again after [`Events::pause`].
    pub fn resume(&self) {
        let (lock, cv) = &*self.gate;
        let mut g = lock.lock().unwrap_or_else(PoisonError::into_inner);
        g.paused = false;
        cv.notify_all();
    }
}

/// Whether the terminal on standard input has hung up (its window closed, its connection dropped). Checked by
/// the loop every tick, as SIGHUP does not reach every process that loses its terminal.
pub fn hung_up() -> bool {
    #[cfg(unix)]
    {
        use rustix::event::{PollFd, PollFlags, Timespec, poll};
        let stdin = std::io::stdin();
        let mut fds = [PollFd::new(&stdin, PollFlags::empty())];
        let now = Timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        match poll(&mut fds, Some(&now)) {
            Ok(_) => fds[0]
                .revents()
                .intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL),
            Err(_) => false,
        }
    }
    #[cfg(not(unix))]
    {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventState;

    #[test]
    fn only_presses_pass() {
        let mut key = KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE);
        assert!(filter(Event::Key(key)).is_some());
        key.kind = KeyEventKind::Release;
        assert_eq!(filter(Event::Key(key)), None);
        key.kind = KeyEventKind::Repeat;
        key.state = KeyEventState::NONE;
        assert_eq!(filter(Event::Key(key)), None);
        assert_eq!(filter(Event::FocusGained), None);
        assert_eq!(
            filter(Event::Paste("x".into())),
            Some(AppEvent::Paste("x".into()))
        );
        assert_eq!(filter(Event::Resize(3, 4)), Some(AppEvent::Resize));
    }

    #[test]
    fn a_left_click_and_the_wheel_pass_the_rest_of_the_mouse_does_not() {
        use ratatui::crossterm::event::MouseEvent;
        let at = |kind| {
            Event::Mouse(MouseEvent {
                kind,
                column: 3,
                row: 4,
                modifiers: KeyModifiers::NONE,
            })
        };
        let mouse = |kind| {
            Some(AppEvent::Mouse(Mouse {
                kind,
                column: 3,
                row: 4,
            }))
        };
        assert_eq!(
            filter(at(MouseEventKind::Down(MouseButton::Left))),
            mouse(MouseKind::Click)
        );
        assert_eq!(
            filter(at(MouseEventKind::ScrollDown)),
            mouse(MouseKind::WheelDown)
        );
        assert_eq!(
            filter(at(MouseEventKind::ScrollUp)),
            mouse(MouseKind::WheelUp)
        );
        for kind in [
            MouseEventKind::Up(MouseButton::Left),
            MouseEventKind::Down(MouseButton::Right),
            MouseEventKind::Drag(MouseButton::Left),
            MouseEventKind::Moved,
        ] {
            assert_eq!(filter(at(kind)), None, "{kind:?}");
        }
    }

    #[test]
    fn the_last_area_drawn_over_a_cell_is_what_a_click_hits() {
        let hits = HitMap::default();
        clickable(Rect::new(0, 0, 10, 1), Target::Row(0));
        assert_eq!(hits.at(1, 0), None, "nothing is kept outside a frame");
        hits.record(|| {
            clickable(Rect::new(0, 0, 10, 3), Target::Row(0));
            clickable(Rect::new(2, 1, 3, 1), Target::Inert);
        });
        assert_eq!(hits.at(1, 1), Some(Target::Row(0)));
        assert_eq!(hits.at(3, 1), Some(Target::Inert));
        assert_eq!(hits.at(11, 1), None);
        hits.record(|| {});
        assert_eq!(hits.at(1, 1), None, "each frame replaces the last");
    }

    #[test]
    fn a_line_feed_is_enter() {
        let lf = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL);
        let enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(filter(Event::Key(lf)), Some(AppEvent::Key(enter)));
        let j = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(filter(Event::Key(j)), Some(AppEvent::Key(j)));
    }
}
