//! The About screen (F2): which overture this is and which files it is using, for a user checking where their
//! plans are or which ladder they replaced, and for a bug report. Added by the recipe in docs/ARCHITECTURE.md:
//! this file, a variant of `Screen` and its keys in the keymap.

use std::path::PathBuf;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{Reply, State, View};
use crate::domain::text::one_line;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::widgets::chrome::Chrome;
use crate::tui::widgets::wrap::wrap;

/// What the screen shows, worked out once as it opens.
#[derive(Debug, Clone, PartialEq)]
pub struct About {
    pub version: String,
    pub data_dir: PathBuf,
    /// The config file overture reads, and whether it is there.
    pub config: Option<(PathBuf, bool)>,
    /// The replacement ladder file, when there is one (else the built-in ladder is in use).
    pub ladder_file: Option<PathBuf>,
    pub rungs: Vec<String>,
}

impl About {
    pub fn new(state: &State) -> Self {
        let config = crate::config::config_path().map(|p| {
            let there = p.is_file();
            (p, there)
        });
        // The same rule the command line loads the ladder by: a ladder.toml beside the config file replaces the
        // built-in one (the program would not have started had it been broken).
        let ladder_file = crate::store::paths::config_dir()
            .map(|d| d.join("ladder.toml"))
            .filter(|p| p.exists());
        let rungs = (0..state.ladder.len())
            .filter_map(|i| state.ladder.get(i))
            .map(|r| one_line(&r.name))
            .collect();
        About {
            version: env!("CARGO_PKG_VERSION").to_string(),
            data_dir: state.data.root().to_path_buf(),
            config,
            ladder_file,
            rungs,
        }
    }

    /// (label, value) rows.
    fn rows(&self, demo: bool) -> Vec<(&'static str, String)> {
        let shown = |p: &PathBuf| one_line(&p.display().to_string());
        let mut data = shown(&self.data_dir);
        if demo {
            data.push_str(" (a throwaway example workbook, deleted on quitting)");
        }
        let config = match &self.config {
            Some((path, true)) => shown(path),
            Some((path, false)) => format!(
                "{} (not there: every setting is at its default)",
                shown(path)
            ),
            None => "none: no config folder could be found for this user".to_string(),
        };
        let ladder = match &self.ladder_file {
            Some(path) => format!("{}, {} rungs", shown(path), self.rungs.len()),
            None => format!("the built-in ladder, {} rungs", self.rungs.len()),
        };
        let rungs = self
            .rungs
            .iter()
            .enumerate()
            .map(|(i, name)| format!("{} {name}", i + 1))
            .collect::<Vec<_>>()
            .join(" · ");
        vec![
            ("Version", format!("overture {}", self.version)),
            ("Data folder", data),
            ("Config file", config),
            ("Ladder", ladder),
            ("", rungs),
        ]
    }
}

impl View for About {
    fn mode(&self) -> Mode {
        Mode::About
    }

    fn handle(&mut self, action: Action, _state: &State) -> Reply {
        match action {
            Action::Back => Reply::Back,
            _ => Reply::Done,
        }
    }

    fn render(&self, state: &State, area: Rect, buf: &mut Buffer) {
        let body = Chrome {
            title: " overture · about",
            status: state.status,
            keys: state.keys,
            mode: self.mode(),
            theme: state.theme,
            gap: true,
        }
        .render(area, buf);
        const LABEL: usize = 13;
        let width = usize::from(body.width).saturating_sub(LABEL).max(10);
        let mut lines = Vec::new();
        for (label, value) in self.rows(state.demo) {
            for (i, part) in wrap(&value, width).into_iter().enumerate() {
                let label = if i == 0 { label } else { "" };
                lines.push(Line::from(vec![
                    Span::styled(format!("{label:<LABEL$}"), state.theme.muted),
                    Span::raw(part),
                ]));
            }
        }
        Paragraph::new(lines).render(body, buf);
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::KeyCode;

    use super::*;
    use crate::tui::app::Screen;
    use crate::tui::tests::{app_without_folder, draw, key, type_text};

    /// The machine's paths replaced by fixed ones, so the snapshot is the same everywhere.
    fn pinned(app: &mut crate::tui::app::App) {
        let Some(Screen::About(about)) = app.screens.last_mut() else {
            panic!("the About screen is open");
        };
        about.version = "0.1.0".into();
        about.data_dir = PathBuf::from("/home/ada/.local/share/overture");
        about.config = Some((
            PathBuf::from("/home/ada/.config/overture/config.toml"),
            false,
        ));
        about.ladder_file = None;
    }

    #[test]
    fn f2_shows_version_folders_and_ladder_from_anywhere_and_esc_goes_back() {
        let mut app = app_without_folder();
        key(&mut app, KeyCode::F(2));
        assert_eq!(app.mode(), Mode::About);
        pinned(&mut app);
        for (w, h) in [(80, 24), (48, 16)] {
            insta::assert_snapshot!(format!("about_{w}x{h}"), draw(&app, w, h).backend());
        }
        key(&mut app, KeyCode::F(2));
        assert_eq!(app.screens.len(), 2, "F2 on About does not stack another");
        key(&mut app, KeyCode::Esc);
        assert_eq!(app.mode(), Mode::Home);

        // Over the wizard, which is where it was after.
        key(&mut app, KeyCode::Char('n'));
        type_text(&mut app, "Dr Okafor");
        key(&mut app, KeyCode::F(2));
        assert_eq!(app.mode(), Mode::About);
        key(&mut app, KeyCode::Char('q'));
        assert!(
            app.wizard()
                .is_some_and(|w| w.fields.name.text() == "Dr Okafor")
        );
    }
}
