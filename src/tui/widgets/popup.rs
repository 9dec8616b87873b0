//! The one way a dialog is placed: a box of a given size centred in the screen, with the whole band of rows
//! behind it cleared so that no half-words peek out at its sides.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Clear, Widget};

/// Clears the band behind a `width` x `height` box centred in `area` and returns the box (never larger than
/// `area`).
pub fn popup(area: Rect, width: u16, height: u16, buf: &mut Buffer) -> Rect {
    let (width, height) = (width.min(area.width), height.min(area.height));
    // With an odd number of spare rows or columns, the extra one goes below and to the right, as the dialogs
    // have always had it (`Rect::centered` would put it above): centring in an area one shorter does that.
    let even = Rect {
        width: area.width - (area.width - width) % 2,
        height: area.height - (area.height - height) % 2,
        ..area
    };
    let rect = even
        .centered(Constraint::Length(width), Constraint::Length(height))
        .intersection(area);
    Clear.render(
        Rect {
            x: area.x,
            width: area.width,
            ..rect
        },
        buf,
    );
    rect
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_box_is_centred_and_the_band_behind_it_cleared() {
        let area = Rect::new(0, 0, 80, 24);
        let mut buf = Buffer::filled(area, ratatui::buffer::Cell::new("x"));
        let rect = popup(area, 72, 9, &mut buf);
        assert_eq!(rect, Rect::new(4, 7, 72, 9));
        assert_eq!(buf[(0, 7)].symbol(), " ");
        assert_eq!(buf[(0, 6)].symbol(), "x");
        // odd room: the extra column goes to the right, as the dialogs always had it
        assert_eq!(
            popup(Rect::new(0, 0, 81, 25), 72, 10, &mut buf),
            Rect::new(4, 7, 72, 10)
        );
        assert_eq!(
            popup(Rect::new(0, 0, 10, 5), 72, 10, &mut buf),
            Rect::new(0, 0, 10, 5)
        );
    }
}
