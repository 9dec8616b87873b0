//! Colours by role, never by hue, so that every screen stays readable on light and dark backgrounds, in 16
//! colours, and without colour at all (`NO_COLOR`). Text keeps the terminal's own foreground and background;
//! colour only ever adds emphasis that bold, reverse or a glyph already carries.
//!
//! The config file picks a palette (`theme = "auto" | "dark" | "light" | "high-contrast"`) and may change
//! single roles in `[colors]` (`accent = "magenta"`). `NO_COLOR` wins over both.

use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};

use crate::config::Config;
use crate::config::ui::ThemeName;
use crate::domain::text::cut_message;

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
    /// A rung already tried with this person.
    pub tried: Style,
    /// The rungs chosen as primary and backup.
    pub chosen: Style,
    /// The ladder's bars, gentle to hard.
    pub rungs: [Color; 3],
}

/// The roles `[colors]` can change, by the name it uses.
pub const ROLES: [&str; 13] = [
    "accent",
    "heading",
    "muted",
    "selection",
    "key",
    "warning",
    "error",
    "ok",
    "tried",
    "chosen",
    "rung-gentle",
    "rung-middle",
    "rung-hard",
];

impl Theme {
    /// The theme the environment asks for, with no config: no colour when `NO_COLOR` is set to anything
    /// non-empty (<https://no-color.org>).
    pub fn from_env() -> Self {
        if super::look::no_color() {
            Self::no_colour()
        } else {
            Self::colour()
        }
    }

    /// The config's theme and colours; `no_color` (from `NO_COLOR`) wins over both. Returns what could not be
    /// used, as `file:line:col: ...` lines.
    pub fn from_config(config: &Config, no_color: bool) -> (Theme, Vec<String>) {
        if no_color {
            return (Self::no_colour(), Vec::new());
        }
        let mut theme = Self::named(config.ui.theme);
        let file = crate::config::config_path().unwrap_or_else(|| "config.toml".into());
        let mut problems = Vec::new();
        for o in &config.ui.colors {
            let at = |(l, c): (usize, usize)| format!("{}:{l}:{c}", file.display());
            if !ROLES.contains(&o.role.as_str()) {
                problems.push(format!(
                    "{}: unknown colour role {:?} ignored (roles: {})",
                    at(o.role_at),
                    o.role,
                    ROLES.join(", ")
                ));
                continue;
            }
            match parse_colour(&o.value) {
                Some(colour) => theme.set(&o.role, colour),
                None => problems.push(format!(
                    "{}: {:?} is not a colour (try a name such as \"cyan\" or \"lightred\", a number 0-255, or \"#3366cc\"); {} keeps its colour",
                    at(o.value_at),
                    o.value,
                    o.role
                )),
            }
        }
        // Roles and colours come from the config file: what a problem quotes of them is cut to a line.
        (theme, problems.iter().map(|p| cut_message(p)).collect())
    }

    pub fn named(name: ThemeName) -> Self {
        match name {
            ThemeName::Auto => Self::colour(),
            ThemeName::Dark => Self::dark(),
            ThemeName::Light => Self::light(),
            ThemeName::HighContrast => Self::high_contrast(),
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
            tried: Style::new().fg(Color::Green),
            chosen: bold.fg(Color::Cyan),
            rungs: [Color::Green, Color::Yellow, Color::Red],
        }
    }

    /// For a dark background: the bright half of the 16 colours, which stay readable on black.
    pub fn dark() -> Self {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            title: bold.fg(Color::LightCyan),
            focus: bold.fg(Color::LightCyan),
            key: bold.fg(Color::LightYellow),
            warning: bold.fg(Color::LightRed),
            error: bold.fg(Color::LightRed),
            ok: Style::new().fg(Color::LightGreen),
            tried: Style::new().fg(Color::LightGreen),
            chosen: bold.fg(Color::LightMagenta),
            rungs: [Color::LightGreen, Color::LightYellow, Color::LightRed],
            ..Self::colour()
        }
    }

    /// For a light background: the dark half, with blue and magenta where cyan and yellow fade on white.
    pub fn light() -> Self {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            title: bold.fg(Color::Blue),
            focus: bold.fg(Color::Blue),
            key: bold,
            warning: bold.fg(Color::Red),
            error: bold.fg(Color::Red),
            ok: Style::new().fg(Color::Green),
            tried: Style::new().fg(Color::Green),
            chosen: bold.fg(Color::Magenta),
            rungs: [Color::Green, Color::Magenta, Color::Red],
            ..Self::colour()
        }
    }

    /// Nothing dim, everything that matters bold or underlined, colours only where they are also bold.
    pub fn high_contrast() -> Self {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            colour: true,
            title: bold.add_modifier(Modifier::UNDERLINED),
            heading: bold.add_modifier(Modifier::UNDERLINED),
            muted: Style::new(),
            selected: bold.add_modifier(Modifier::REVERSED),
            focus: bold.add_modifier(Modifier::UNDERLINED | Modifier::REVERSED),
            key: bold,
            warning: bold.fg(Color::LightRed).add_modifier(Modifier::UNDERLINED),
            error: bold.add_modifier(Modifier::REVERSED),
            ok: bold.fg(Color::LightGreen),
            tried: bold.fg(Color::LightGreen),
            chosen: bold.add_modifier(Modifier::UNDERLINED),
            rungs: [Color::LightGreen, Color::LightYellow, Color::LightRed],
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
            tried: Style::new(),
            chosen: bold,
            rungs: [Color::Reset; 3],
        }
    }

    /// Changes one role's colour (a name from [`ROLES`]); the selection's colour is its background.
    fn set(&mut self, role: &str, colour: Color) {
        match role {
            "accent" => {
                self.title = self.title.fg(colour);
                self.focus = self.focus.fg(colour);
            }
            "heading" => self.heading = self.heading.fg(colour),
            "muted" => self.muted = self.muted.fg(colour),
            "selection" => {
                self.selected = self.selected.remove_modifier(Modifier::REVERSED).bg(colour);
            }
            "key" => self.key = self.key.fg(colour),
            "warning" => self.warning = self.warning.fg(colour),
            "error" => self.error = self.error.fg(colour),
            "ok" => self.ok = self.ok.fg(colour),
            "tried" => self.tried = self.tried.fg(colour),
            "chosen" => self.chosen = self.chosen.fg(colour),
            "rung-gentle" => self.rungs[0] = colour,
            "rung-middle" => self.rungs[1] = colour,
            "rung-hard" => self.rungs[2] = colour,
            _ => {}
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
            self.rungs[2]
        } else if index >= third {
            self.rungs[1]
        } else {
            self.rungs[0]
        };
        style.fg(colour)
    }
}

/// A colour as people write it: a name (`red`, `lightred`, `dark-gray`), an index 0-255 or `#rrggbb`.
fn parse_colour(text: &str) -> Option<Color> {
    let t = text.trim();
    if t.eq_ignore_ascii_case("default") || t.eq_ignore_ascii_case("reset") {
        return Some(Color::Reset);
    }
    Color::from_str(t).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_colour_theme_has_no_colours() {
        let t = Theme::no_colour();
        for s in [
            t.title, t.heading, t.muted, t.selected, t.focus, t.key, t.warning, t.error, t.ok,
            t.tried, t.chosen,
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
        for name in ThemeName::ALL {
            let t = Theme::named(name);
            for s in [
                t.title, t.heading, t.muted, t.selected, t.focus, t.key, t.warning, t.error, t.ok,
                t.tried, t.chosen,
            ] {
                assert_eq!(s.bg, None, "{name:?}");
                // 16-colour safe: no RGB or 256-colour index by default, and never the terminal's own text
                // colours, which vanish on one background or the other
                assert!(
                    matches!(
                        s.fg,
                        None | Some(
                            Color::Red
                                | Color::Green
                                | Color::Yellow
                                | Color::Blue
                                | Color::Magenta
                                | Color::Cyan
                                | Color::LightRed
                                | Color::LightGreen
                                | Color::LightYellow
                                | Color::LightBlue
                                | Color::LightMagenta
                                | Color::LightCyan
                        )
                    ),
                    "{name:?}: {s:?}"
                );
            }
        }
        let t = Theme::colour();
        assert_eq!(t.rung(0, 9, false).fg, Some(Color::Green));
        assert_eq!(t.rung(4, 9, false).fg, Some(Color::Yellow));
        assert_eq!(t.rung(8, 9, true).fg, Some(Color::Red));
    }

    fn config(text: &str) -> Config {
        crate::config::parse(std::path::Path::new("c.toml"), text)
            .map(|l| l.config)
            .unwrap_or_default()
    }

    #[test]
    fn the_config_picks_a_theme_and_recolours_roles_and_no_color_wins() {
        let c = config(
            "theme = \"light\"\n[colors]\naccent = \"magenta\"\nselection = \"#203040\"\nrung-hard = \"lightred\"\n",
        );
        let (t, problems) = Theme::from_config(&c, false);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(t.title.fg, Some(Color::Magenta));
        assert_eq!(t.focus.fg, Some(Color::Magenta));
        assert_eq!(t.selected.bg, Some(Color::Rgb(0x20, 0x30, 0x40)));
        assert!(!t.selected.add_modifier.contains(Modifier::REVERSED));
        assert_eq!(t.rung(8, 9, true).fg, Some(Color::LightRed));
        assert_eq!(t.ok, Theme::light().ok);
        let (t, problems) = Theme::from_config(&c, true);
        assert_eq!(t, Theme::no_colour());
        assert!(problems.is_empty());

        let c = config("[colors]\naccent = \"sparkly\"\nglow = \"red\"\n");
        let (t, problems) = Theme::from_config(&c, false);
        assert_eq!(t, Theme::colour());
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems[0].contains(":2:10: \"sparkly\" is not a colour"),
            "{}",
            problems[0]
        );
        assert!(
            problems[1].contains(":3:1: unknown colour role \"glow\""),
            "{}",
            problems[1]
        );
    }
}
