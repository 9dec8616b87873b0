//! The keymap written out for people: key names, the help overlay's entries and the README's key table, all
//! generated from the keymap (the defaults of `BINDINGS`, or the user's) so they cannot drift from what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use unicode_width::UnicodeWidthStr;

use super::{Action, Context, Keymap, Keys, MOUSE_KEYS, Mode, TEXT_KEYS};

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
    if mods.contains(KeyModifiers::SHIFT) && !matches!(code, KeyCode::BackTab) {
        prefix.push_str("Shift-");
    }
    prefix + &name
}

/// One line of help: the keys (joined) and what they do.
#[derive(Debug, Clone, PartialEq)]
pub struct HelpEntry {
    pub keys: String,
    pub description: &'static str,
}

/// One hint of the footer: the key (or keys, "j/k") and a word or two.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub keys: String,
    pub label: &'static str,
    rank: u8,
}

impl Hint {
    pub fn text(&self) -> String {
        format!("{} {}", self.keys, self.label)
    }
}

impl Keymap {
    /// The bindings of one context, rows that do the same thing (same description) merged.
    pub fn entries(&self, context: Context) -> Vec<HelpEntry> {
        let mut out: Vec<HelpEntry> = Vec::new();
        for row in self.rows().iter().filter(|r| r.context == context) {
            if row.keys.is_empty() {
                continue;
            }
            let label = row
                .keys
                .iter()
                .map(|&k| key_label(k))
                .collect::<Vec<_>>()
                .join(" / ");
            match out.iter_mut().find(|e| e.description == row.description) {
                Some(e) => {
                    e.keys.push_str(" / ");
                    e.keys.push_str(&label);
                }
                None => out.push(HelpEntry {
                    keys: label,
                    description: row.description,
                }),
            }
        }
        out
    }

    /// The footer's hints for a mode, most important first: the screen's own contexts before the ones shared
    /// with other screens, one hint per action, rows of one context with the same label merged ("j/k move").
    pub fn hints(&self, mode: Mode) -> Vec<Hint> {
        let mut out: Vec<Hint> = Vec::new();
        let mut done: Vec<Action> = Vec::new();
        for &context in mode.contexts().iter().rev() {
            let mut here: Vec<Hint> = Vec::new();
            for row in self.rows().iter().filter(|r| r.context == context) {
                let (Some((rank, label)), Some(&first)) = (row.hint, row.keys.first()) else {
                    continue;
                };
                if let Some(a) = row.bound.action() {
                    if done.contains(&a) {
                        continue;
                    }
                    done.push(a);
                }
                let key = key_label(first);
                match here.iter_mut().find(|h| h.label == label) {
                    Some(h) => {
                        // "Ctrl-N/P", not "Ctrl-N/Ctrl-P"
                        let shared = ["Ctrl-", "Alt-"]
                            .into_iter()
                            .find(|p| h.keys.starts_with(p) && key.starts_with(p));
                        h.keys.push('/');
                        h.keys.push_str(&key[shared.map_or(0, str::len)..]);
                    }
                    None => here.push(Hint {
                        keys: key,
                        label,
                        rank,
                    }),
                }
            }
            out.extend(here);
        }
        out.sort_by_key(|h| h.rank);
        out
    }

    /// The hints as up to `lines` lines of `width` columns, the most important on the first: each line takes
    /// what fits of what is left, so a narrow terminal drops the least important rather than cut one in half.
    pub fn footer(&self, mode: Mode, width: usize, lines: usize) -> Vec<String> {
        self.footer_of(self.hints(mode), width, lines)
    }

    /// Like [`Keymap::footer`], with the digit keys written as far as they reach: a ladder of two rungs is
    /// picked with 1-2, and its footer must not promise 1-9.
    pub fn footer_digits(
        &self,
        mode: Mode,
        width: usize,
        lines: usize,
        last: usize,
    ) -> Vec<String> {
        let all = key_label(Keys::Digits);
        let reach = match last.min(9) {
            0 | 1 => "1".to_string(),
            n => format!("1-{n}"),
        };
        let hints = self
            .hints(mode)
            .into_iter()
            .map(|mut h| {
                if h.keys == all {
                    h.keys.clone_from(&reach);
                }
                h
            })
            .collect();
        self.footer_of(hints, width, lines)
    }

    /// Like [`Keymap::footer`], for only the actions a screen can take right now (an empty list offers no
    /// "open").
    pub fn footer_only(&self, mode: Mode, actions: &[Action], width: usize) -> String {
        let hints = self
            .hints(mode)
            .into_iter()
            .filter(|h| {
                self.rows().iter().any(|r| {
                    r.hint.is_some_and(|(_, l)| l == h.label)
                        && r.bound.action().is_some_and(|a| actions.contains(&a))
                })
            })
            .collect();
        self.footer_of(hints, width, 1).pop().unwrap_or_default()
    }

    fn footer_of(&self, mut left: Vec<Hint>, width: usize, lines: usize) -> Vec<String> {
        let mut out = Vec::new();
        for _ in 0..lines.max(1) {
            if left.is_empty() {
                break;
            }
            let mut line = String::new();
            let mut rest = Vec::new();
            for hint in left {
                let text = hint.text();
                let extra = if line.is_empty() { 1 } else { 3 };
                if line.width() + extra + text.width() > width {
                    rest.push(hint);
                    continue;
                }
                line.push_str(if line.is_empty() { " " } else { " · " });
                line.push_str(&text);
            }
            left = rest;
            out.push(line);
        }
        out
    }
}

/// The whole keymap as Markdown, for the README (a test keeps the two in step).
pub fn markdown() -> String {
    let mut s = String::new();
    for context in Context::ALL {
        s.push_str(&format!(
            "\n**{}**\n\n| keys | action |\n|---|---|\n",
            context.title()
        ));
        for e in Keymap::defaults().entries(context) {
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
    s.push_str(
        "\n**The mouse** (unless `mouse = false` in the config)\n\n| mouse | action |\n|---|---|\n",
    );
    for (k, d) in MOUSE_KEYS {
        s.push_str(&format!("| {k} | {d} |\n"));
    }
    s
}
