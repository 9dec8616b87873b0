//! The config file's look and feel applied to the app: the keymap with the user's `[keys]`, the theme with
//! `theme`, `[colors]` and `NO_COLOR`, and whether the mouse is captured. Each problem comes back as a line
//! for the first screen; the default stays for what it concerns.

use std::sync::Arc;

use super::app::App;
use super::keymap::Keymap;
use super::theme::Theme;
use crate::config::Config;

impl App {
    /// Applies the config's keys, theme and colours; returns what could not be used, as `file:line:col: ...`.
    pub fn look_and_feel(&mut self, config: &Config) -> Vec<String> {
        let (keys, mut problems) = Keymap::from_config(config);
        self.keys = Arc::new(keys);
        let (theme, theme_problems) = Theme::from_config(config, no_color());
        self.theme = theme;
        problems.extend(theme_problems);
        self.mouse = config.ui.mouse;
        super::terminal::capture_mouse(self.mouse);
        problems
    }
}

/// Whether `NO_COLOR` asks for no colour: set to anything non-empty (<https://no-color.org>).
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}
