//! One row of the keymap and the keys it answers to: the types [`super::BINDINGS`] is written in, the small
//! constructors that keep that table readable, and how a key event is compared with a row.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::Context;
use crate::tui::action::Action;

/// Which key (or keys) a binding answers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Keys {
    Key(KeyCode, KeyModifiers),
    /// The digits 1 to 9, each meaning the rung with that number.
    Digits,
}

/// What a binding does: a fixed action, or one built from the digit pressed.
#[derive(Debug, Clone, Copy)]
pub enum Bound {
    Do(Action),
    Digit(fn(usize) -> Action),
}

impl Bound {
    /// The fixed action, if the binding has one (digit rows build theirs from the key).
    pub fn action(self) -> Option<Action> {
        match self {
            Bound::Do(a) => Some(a),
            Bound::Digit(_) => None,
        }
    }
}

/// One row of the default keymap: every key on it does the same thing (helix's `"j" | "down"`).
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub context: Context,
    pub keys: &'static [Keys],
    pub bound: Bound,
    pub description: &'static str,
    /// For the footer: how important the hint is (lower first) and its one- or two-word label. Rows without
    /// one are in the help only.
    pub hint: Option<(u8, &'static str)>,
}

impl Binding {
    pub(super) const fn hint(self, rank: u8, label: &'static str) -> Binding {
        Binding {
            hint: Some((rank, label)),
            ..self
        }
    }
}

pub(super) const NONE: KeyModifiers = KeyModifiers::NONE;

pub(super) const fn code(c: KeyCode) -> Keys {
    Keys::Key(c, NONE)
}
pub(super) const fn ch(c: char) -> Keys {
    Keys::Key(KeyCode::Char(c), NONE)
}
pub(super) const fn ctrl(c: char) -> Keys {
    Keys::Key(KeyCode::Char(c), KeyModifiers::CONTROL)
}
pub(super) const fn bind(
    context: Context,
    keys: &'static [Keys],
    action: Action,
    description: &'static str,
) -> Binding {
    Binding {
        context,
        keys,
        bound: Bound::Do(action),
        description,
        hint: None,
    }
}
pub(super) const fn digits(
    context: Context,
    action: fn(usize) -> Action,
    description: &'static str,
) -> Binding {
    Binding {
        context,
        keys: &[Keys::Digits],
        bound: Bound::Digit(action),
        description,
        hint: None,
    }
}

/// A key event reduced to what bindings compare: Shift is dropped for characters (it is already in the
/// character) and for Shift-Tab, and control letters are lower-cased.
pub(super) fn normalize(key: &KeyEvent) -> (KeyCode, KeyModifiers) {
    let mut mods =
        key.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
    let mut code = key.code;
    if matches!(code, KeyCode::Char(_) | KeyCode::BackTab) {
        mods.remove(KeyModifiers::SHIFT);
    }
    if let KeyCode::Char(c) = code
        && mods.contains(KeyModifiers::CONTROL)
    {
        code = KeyCode::Char(c.to_ascii_lowercase());
    }
    (code, mods)
}

pub(super) fn matches(keys: Keys, code: KeyCode, mods: KeyModifiers) -> Option<Option<usize>> {
    match keys {
        Keys::Key(c, m) => (c == code && m == mods).then_some(None),
        Keys::Digits => match code {
            KeyCode::Char(d @ '1'..='9') if mods.is_empty() => {
                Some(Some(d as usize - '1' as usize))
            }
            _ => None,
        },
    }
}
