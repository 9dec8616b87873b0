//! A scroll position that knows how far it can go. Only drawing knows how many lines there are (they depend on
//! the width), so the offset is clamped where it is drawn and the limit found there is remembered; keys then move
//! from what is on screen. Without it, End set the offset to its largest value and Up had to walk all the way
//! back down before anything moved.

use std::cell::Cell;

use crate::tui::action::Action;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scroll {
    offset: u16,
    /// The furthest offset the last drawing allowed; unknown until first drawn.
    max: Cell<Option<u16>>,
}

impl Scroll {
    /// Moves for Up, Down, Top and Bottom; other actions leave it.
    pub fn handle(&mut self, action: Action) {
        let max = self.max.get().unwrap_or(u16::MAX);
        let at = self.offset.min(max);
        self.offset = match action {
            Action::Down => at.saturating_add(1).min(max),
            Action::Up => at.saturating_sub(1),
            Action::Top => 0,
            Action::Bottom => max,
            _ => self.offset,
        };
    }

    /// The first line to show of `lines`, in a view `height` lines high.
    pub fn first_line(&self, lines: usize, height: u16) -> usize {
        let max = lines.saturating_sub(usize::from(height));
        self.max.set(Some(u16::try_from(max).unwrap_or(u16::MAX)));
        usize::from(self.offset).min(max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn up_after_end_moves_at_once_and_down_stops_at_the_end() {
        let mut s = Scroll::default();
        s.handle(Action::Bottom);
        assert_eq!(s.first_line(30, 10), 20);
        s.handle(Action::Up);
        assert_eq!(s.first_line(30, 10), 19);
        for _ in 0..5 {
            s.handle(Action::Down);
        }
        assert_eq!(s.first_line(30, 10), 20);
        s.handle(Action::Up);
        assert_eq!(s.first_line(30, 10), 19, "no presses lost past the end");
        // A taller view shows more; the next key moves from what it shows.
        assert_eq!(s.first_line(30, 25), 5);
        s.handle(Action::Up);
        assert_eq!(s.first_line(30, 25), 4);
        s.handle(Action::Top);
        assert_eq!(s.first_line(30, 10), 0);
    }
}
