//! Colours by role, never by hue, so that every screen stays readable on light and dark backgrounds, in 16
//! colours, and without colour at all (`NO_COLOR`). Text keeps the terminal's own foreground and background;
//! colour only ever adds emphasis that bold, reverse or a glyph already carries.

use ratatui::style::{Color, Modifier, Style};

/// The styles every screen draws with.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// Whether colours may be used at all (false under `NO_COLOR`).
    pub colour: bool,
    pub title: Style,
    pub heading: Style,
    pub muted: Style,
    /// The highlighted row of a list or ladder.
    pub selected: Style,
    /// The label of the field that has the focus.
    pub focus: Style,
    /// Key names in hints and help.
    pub key: Style,
    pub warning: Style,
    pub error: Style,
    pub ok: Style,
}

impl Theme {
    /// The theme the environment asks for: no colour when `NO_COLOR` is set to anything non-empty
    /// (<https://no-color.org>).
    pub fn from_env() -> Self {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Self::no_colour(),
            _ => Self::colour(),
        }
    }

    /// ANSI 16 colours only (the terminal's palette adapts them to light or dark), on the default background.
    pub fn colour() -> Self {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            colour: true,
            title: bold.fg(Color::Cyan),
            heading: bold,
            muted: Style::new().add_modifier(Modifier::DIM),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            focus: bold.fg(Color::Cyan),
            key: bold,
            warning: bold.fg(Color::Red),
            error: bold.fg(Color::Red),
            ok: Style::new().fg(Color::Green),
        }
    }

    /// Bold, dim, underline and reverse only.
    pub fn no_colour() -> Self {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            colour: false,
            title: bold,
            heading: bold,
            muted: Style::new().add_modifier(Modifier::DIM),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            focus: bold.add_modifier(Modifier::UNDERLINED),
            key: bold,
            warning: bold,
            error: bold.add_modifier(Modifier::REVERSED),
            ok: Style::new(),
        }
    }

    /// How a piece of the printed page looks on screen (the wizard's review and the print preview).
    pub fn page(&self, style: crate::export::text::Style) -> Style {
        use crate::export::text::Style as Page;
        match style {
            Page::Title => self.title,
            Page::Heading | Page::Strong => self.heading,
            Page::Warning => self.warning,
            Page::Label | Page::Dim | Page::Rule => self.muted,
            Page::Body => Style::new(),
        }
    }

    /// The style of a rung's bar: colour rises from green through yellow to red, and the bar itself (drawn by
    /// the ladder widget) grows, so the rise reads without colour too. Escalation rungs are bold.
    pub fn rung(&self, index: usize, len: usize, escalation: bool) -> Style {
        let mut style = Style::new();
        if escalation {
            style = style.add_modifier(Modifier::BOLD);
        }
        if !self.colour {
            return style;
        }
        let third = len.div_ceil(3).max(1);
        let colour = if escalation || index >= 2 * third {
            Color::Red
        } else if index >= third {
            Color::Yellow
        } else {
            Color::Green
        };
        style.fg(colour)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_colour_theme_has_no_colours() {
        let t = Theme::no_colour();
        for s in [
            t.title, t.heading, t.muted, t.selected, t.focus, t.key, t.warning, t.error, t.ok,
        ] {
            assert_eq!(s.fg, None);
            assert_eq!(s.bg, None);
        }
        for i in 0..9 {
            assert_eq!(t.rung(i, 9, i > 6).fg, None);
        }
    }

    #[test]
    fn colour_theme_never_sets_a_background() {
        let t = Theme::colour();
        for s in [
            t.title, t.heading, t.muted, t.selected, t.focus, t.key, t.warning, t.error, t.ok,
        ] {
            assert_eq!(s.bg, None);
            assert!(!matches!(s.fg, Some(Color::White | Color::Black)));
        }
        assert_eq!(t.rung(0, 9, false).fg, Some(Color::Green));
        assert_eq!(t.rung(4, 9, false).fg, Some(Color::Yellow));
        assert_eq!(t.rung(8, 9, true).fg, Some(Color::Red));
    }
}
