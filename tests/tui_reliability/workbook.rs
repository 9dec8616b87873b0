//! Driving the workbook's state without a terminal: keys in, state out, each frame drawn to a `TestBackend`.

use std::path::Path;

use overture::domain::Ladder;
use overture::store::DataDir;
use overture::tui::app::App;
use overture::tui::perform::settle_files;
use overture::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub fn open(data: &Path) -> App {
    App::new(DataDir::new(data), Ladder::embedded(), Theme::colour()).expect("the workbook opens")
}

/// A key, with the file effects it asks for performed as the run loop would.
pub fn press(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
    settle_files(app);
}

pub fn ctrl(app: &mut App, c: char) {
    app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    settle_files(app);
}

pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// The screen as text, drawn at `width` x `height`.
pub fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| app.render(f.area(), f.buffer_mut()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..height {
        for x in 0..width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// The status line's text, or "" when there is none.
pub fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

/// The text of the wizard's name field.
pub fn wizard_name(app: &App) -> String {
    app.wizard().expect("the wizard is open").fields.name.text()
}
