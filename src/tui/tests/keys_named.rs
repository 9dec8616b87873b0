//! Every sentence that names a key names the user's: dialogs offer actions whose keys come from the keymap, and
//! status messages ask `Keymap::key`. Rebinding a key in the config changes what the box and the line say.

use std::sync::Arc;

use ratatui::crossterm::event::KeyCode;

use super::{app_with, ctrl, okafor_workbook, press, screen, type_text};
use crate::tui::app::App;
use crate::tui::keymap::{KeyOverride, Keymap, Mode};

fn over(context: &str, action: &str, keys: &[&str]) -> KeyOverride {
    KeyOverride {
        context: context.into(),
        context_at: (1, 1),
        action: action.into(),
        action_at: (2, 1),
        keys: keys.iter().map(|k| (k.to_string(), (2, 7))).collect(),
    }
}

fn rebind(app: &mut App, overrides: &[KeyOverride]) {
    let (keys, problems) = Keymap::with_overrides(overrides, std::path::Path::new("c.toml"));
    assert!(problems.is_empty(), "{problems:?}");
    app.keys = Arc::new(keys);
}

fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

#[test]
fn the_delete_dialog_shows_the_keys_in_effect() {
    let (_dir, mut app) = app_with(&okafor_workbook());
    press(&mut app, KeyCode::Char('d'));
    let default = screen(&app, 80, 24);
    assert!(
        default.contains(" n  Keep it (n, Esc or Enter)"),
        "{default}"
    );
    assert!(default.contains(" y  Delete it"), "{default}");
    assert!(
        default.contains("u on the list brings it back"),
        "{default}"
    );
    press(&mut app, KeyCode::Esc);

    rebind(
        &mut app,
        &[
            over("delete", "confirm", &["D"]),
            over("delete", "cancel", &["k", "esc"]),
            over("list", "undo", &["U"]),
        ],
    );
    press(&mut app, KeyCode::Char('d'));
    assert_eq!(app.mode(), Mode::ConfirmDelete);
    let shown = screen(&app, 80, 24);
    assert!(shown.contains(" k  Keep it (k or Esc)"), "{shown}");
    assert!(shown.contains(" D  Delete it"), "{shown}");
    assert!(shown.contains("U on the list brings it back"), "{shown}");
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(app.mode(), Mode::ConfirmDelete, "y is no longer delete");
    press(&mut app, KeyCode::Char('D'));
    assert!(
        status(&app).contains("U brings it back"),
        "{}",
        status(&app)
    );
}

#[test]
fn the_wizards_questions_and_messages_name_the_users_keys() {
    let (_dir, mut app) = app_with(&okafor_workbook());
    rebind(
        &mut app,
        &[
            over("wizard", "save", &["ctrl-w"]),
            over("leave", "cancel", &["ctrl-g"]),
            over("leave", "confirm", &["Y"]),
        ],
    );
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('e'));
    assert!(
        status(&app).contains("Editing: Ctrl-W saves into the same file"),
        "{}",
        status(&app)
    );
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, " changed");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::WizardLeaveConfirm);
    let shown = screen(&app, 80, 24);
    assert!(shown.contains(" Ctrl-G  Stay in the wizard"), "{shown}");
    assert!(shown.contains(" Y  Leave and drop the changes"), "{shown}");
    assert!(!shown.contains("(n or Esc)"), "{shown}");
    ctrl(&mut app, 'g');
    assert_eq!(app.mode(), Mode::WizardSingleLine, "stayed");
    for _ in 0..6 {
        press(&mut app, KeyCode::PageDown);
    }
    assert!(
        status(&app).contains("last step: Ctrl-W saves the plan"),
        "{}",
        status(&app)
    );
}
