//! The one place events are read. Only key presses are kept: terminals that report releases and repeats
//! (Windows, the kitty protocol) would otherwise make every key act twice.

use std::io;
use std::time::Duration;

use ratatui::crossterm::event::{self, Event, KeyEvent, KeyEventKind};

/// What the app reacts to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppEvent {
    Key(KeyEvent),
    /// Text pasted with bracketed paste: inserted as text, never interpreted as keys.
    Paste(String),
    Resize,
}

/// Keeps the events the app handles and drops the rest (releases, repeats, focus, mouse).
pub fn filter(event: Event) -> Option<AppEvent> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => Some(AppEvent::Key(key)),
        Event::Paste(text) => Some(AppEvent::Paste(text)),
        Event::Resize(_, _) => Some(AppEvent::Resize),
        _ => None,
    }
}

/// Waits up to `timeout` for the next event the app handles.
pub fn next(timeout: Duration) -> io::Result<Option<AppEvent>> {
    if event::poll(timeout)? {
        Ok(filter(event::read()?))
    } else {
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEventState, KeyModifiers};

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
}
