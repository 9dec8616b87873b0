//! The keymap written out for people: key names, the help overlay's entries and the README's key table, all
//! generated from [`BINDINGS`] so they cannot drift from what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::{BINDINGS, Context, Context as C, Keys, TEXT_KEYS};

/// How a key is written in help and in the README.
pub fn key_label(keys: Keys) -> String {
    let (code, mods) = match keys {
        Keys::Digits => return "1-9".to_string(),
        Keys::Key(c, m) => (c, m),
    };
    let name = match code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
            c.to_ascii_uppercase().to_string()
        }
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::PageUp => "PageUp".into(),
        KeyCode::PageDown => "PageDown".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    let mut prefix = String::new();
    if mods.contains(KeyModifiers::CONTROL) {
        prefix.push_str("Ctrl-");
    }
    if mods.contains(KeyModifiers::ALT) {
        prefix.push_str("Alt-");
    }
    prefix + &name
}

/// One line of help: the keys (joined) and what they do.
#[derive(Debug, Clone, PartialEq)]
pub struct HelpEntry {
    pub keys: String,
    pub description: &'static str,
}

/// The bindings of one context, keys that do the same thing merged.
pub fn entries(context: Context) -> Vec<HelpEntry> {
    let mut out: Vec<HelpEntry> = Vec::new();
    for b in BINDINGS.iter().filter(|b| b.context == context) {
        let label = key_label(b.keys);
        match out.iter_mut().find(|e| e.description == b.description) {
            Some(e) => {
                e.keys.push_str(" / ");
                e.keys.push_str(&label);
            }
            None => out.push(HelpEntry {
                keys: label,
                description: b.description,
            }),
        }
    }
    out
}

/// The whole keymap as Markdown, for the README (a test keeps the two in step).
pub fn markdown() -> String {
    let order = [
        C::Home,
        C::Filter,
        C::PlanActions,
        C::PlanView,
        C::Stakeholders,
        C::Reflection,
        C::RecordForm,
        C::RecordChoice,
        C::ConfirmDelete,
        C::Conflict,
        C::Preview,
        C::SavePrompt,
        C::Wizard,
        C::SingleLine,
        C::NameCompletion,
        C::Direction,
        C::Tried,
        C::Ladder,
        C::BackupPending,
        C::Warning,
        C::Review,
        C::LeaveConfirm,
        C::Resume,
        C::Help,
        C::About,
        C::Global,
    ];
    let mut s = String::new();
    for context in order {
        s.push_str(&format!(
            "\n**{}**\n\n| keys | action |\n|---|---|\n",
            context.title()
        ));
        for e in entries(context) {
            s.push_str(&format!(
                "| `{}` | {} |\n",
                e.keys.replace('|', "\\|"),
                e.description
            ));
        }
    }
    s.push_str(
        "\n**In a text field** (handled by the text widget)\n\n| keys | action |\n|---|---|\n",
    );
    for (k, d) in TEXT_KEYS {
        s.push_str(&format!("| `{k}` | {d} |\n"));
    }
    s
}
