//! The keymap in effect: the defaults of [`BINDINGS`] with the config file's `[keys]` applied. A change that
//! cannot be honoured (an unknown context or action, a key that does not parse, a key already taken where the
//! two contexts are active together, a letter where text is typed) is reported at its `file:line:col` and the
//! default kept, so a typo never leaves the user without a way to quit.

use std::path::Path;
use std::sync::LazyLock;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Action, BINDINGS, Bound, Context, Keys, Mode, matches, normalize};
use crate::domain::text::cut_message;

/// One row of the keymap in effect; the defaults' rows, in their order, with the user's keys where given.
#[derive(Debug, Clone)]
pub struct Row {
    pub context: Context,
    pub keys: Vec<Keys>,
    pub bound: Bound,
    pub description: &'static str,
    pub hint: Option<(u8, &'static str)>,
    /// The keys come from the config file.
    pub user: bool,
}

pub use crate::config::ui::KeyOverride;

#[derive(Debug, Clone)]
pub struct Keymap {
    rows: Vec<Row>,
}

static DEFAULTS: LazyLock<Keymap> = LazyLock::new(|| Keymap {
    rows: BINDINGS
        .iter()
        .map(|b| Row {
            context: b.context,
            keys: b.keys.to_vec(),
            bound: b.bound,
            description: b.description,
            hint: b.hint,
            user: false,
        })
        .collect(),
});

impl Default for Keymap {
    fn default() -> Self {
        DEFAULTS.clone()
    }
}

/// The name an action has in the config file; digit rows (pick rung n) have none, as a digit is their key.
pub fn action_name(action: Action) -> Option<String> {
    use Action as A;
    let name = match action {
        A::Quit => "quit",
        A::Help => "help",
        A::CloseHelp => "close-help",
        A::Show(kind) => return Some(<&'static str>::from(kind).to_string()),
        A::Snooze => "snooze",
        A::Up => "up",
        A::Down => "down",
        A::Top => "top",
        A::Bottom => "bottom",
        A::Left => "left",
        A::Right => "right",
        A::ToggleMap => "map",
        A::NewPerson => "new-person",
        A::ToggleAlly => "toggle-ally",
        A::AllyPlan => "ally-plan",
        A::Open => "open",
        A::NewPlan => "new",
        A::Back => "back",
        A::Filter => "filter",
        A::KeepFilter => "keep-filter",
        A::ClearFilter => "clear-filter",
        A::Sort => "sort",
        A::NextTab => "next-tab",
        A::PrevTab => "previous-tab",
        A::ShowTab(i) => return Some(format!("tab-{}", i + 1)),
        A::Stakeholders => "stakeholders",
        A::Reflection => "reflection",
        A::Reload => "reload",
        A::Undo => "undo",
        A::NextDirection => "next-direction",
        A::ToggleDrafts => "drafts",
        A::Edit => "edit",
        A::RecordOutcome => "outcome",
        A::LogAttempt => "attempt",
        A::FollowUp => "follow-up",
        A::Delete => "delete",
        A::CopyPlan => "copy",
        A::ToggleDropped => "drop",
        A::Preview => "preview",
        A::SaveText => "save-text",
        A::SaveMarkdown => "save-markdown",
        A::SavePdf => "save-pdf",
        A::Print => "print",
        A::ToggleCard => "card",
        A::NextField => "next-field",
        A::PrevField => "previous-field",
        A::NextStep => "next-step",
        A::PrevStep => "previous-step",
        A::Save => "save",
        A::Leave => "leave",
        A::ExternalEditor => "external-editor",
        A::NextSuggestion => "next-suggestion",
        A::PrevSuggestion => "previous-suggestion",
        A::AcceptSuggestion => "accept-suggestion",
        A::CloseSuggestions => "close-suggestions",
        A::NextChoice => "next-choice",
        A::PrevChoice => "previous-choice",
        A::ToggleTried => "toggle-tried",
        A::NextResult => "next-result",
        A::PrevResult => "previous-result",
        A::PickHighlighted => "pick-highlighted",
        A::PickBackupHighlighted => "pick-backup-highlighted",
        A::StartBackup => "start-backup",
        A::ClearBackup => "clear-backup",
        A::CancelBackup => "cancel-backup",
        A::ToggleResearch => "toggle-research",
        A::GuidanceDown => "guidance-down",
        A::GuidanceUp => "guidance-up",
        A::ToggleGuidance => "guidance",
        A::Confirm => "confirm",
        A::Cancel => "cancel",
        A::SaveAndLeave => "save-and-leave",
        A::DiscardDraft => "discard-draft",
        A::SaveCopy => "save-copy",
        A::ApplyToCurrent => "apply-to-current",
        A::Overwrite => "overwrite",
        A::PickPrimary(_) | A::PickBackup(_) | A::PickChoice(_) => return None,
    };
    Some(name.to_string())
}

/// Reads a key as people write it: `a`, `A`, `?`, `ctrl-s`, `Ctrl-S`, `alt-x`, `enter`, `esc`, `tab`,
/// `shift-tab`, `space`, `up`/`↑`, `pagedown`, `f2`.
pub fn parse_key(text: &str) -> Result<Keys, String> {
    let mut mods = KeyModifiers::NONE;
    let mut rest = text.trim();
    loop {
        let lower = rest.to_ascii_lowercase();
        let prefix = ["ctrl-", "control-", "c-", "alt-", "a-", "shift-", "s-"]
            .into_iter()
            .find(|p| lower.starts_with(p) && rest.len() > p.len());
        let Some(p) = prefix else { break };
        mods |= match p.as_bytes()[0] {
            b'c' => KeyModifiers::CONTROL,
            b'a' => KeyModifiers::ALT,
            _ => KeyModifiers::SHIFT,
        };
        rest = &rest[p.len()..];
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (None, _) => return Err("an empty key".into()),
        (Some(c), None) => match c {
            '↑' => KeyCode::Up,
            '↓' => KeyCode::Down,
            '←' => KeyCode::Left,
            '→' => KeyCode::Right,
            c if c.is_control() => return Err(format!("{text:?} is not a key")),
            c => KeyCode::Char(c),
        },
        _ => match rest.to_ascii_lowercase().as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "space" => KeyCode::Char(' '),
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "insert" | "ins" => KeyCode::Insert,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pageup" | "pgup" => KeyCode::PageUp,
            "pagedown" | "pgdn" => KeyCode::PageDown,
            name => match name.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                Some(n @ 1..=12) => KeyCode::F(n),
                _ => {
                    return Err(format!(
                        "{text:?} is not a key (try a letter, ctrl-x, alt-x, enter, esc, tab, space, up, pagedown, f2)"
                    ));
                }
            },
        },
    };
    // Written the way the keymap compares keys (see `normalize`): Shift lives in the character.
    let event = KeyEvent::new(code, mods);
    let (code, mut mods) = normalize(&event);
    let code = match code {
        KeyCode::Tab if mods.contains(KeyModifiers::SHIFT) => {
            mods.remove(KeyModifiers::SHIFT);
            KeyCode::BackTab
        }
        KeyCode::Char(c) if mods.is_empty() && event.modifiers.contains(KeyModifiers::SHIFT) => {
            KeyCode::Char(c.to_uppercase().next().unwrap_or(c))
        }
        other => other,
    };
    Ok(Keys::Key(code, mods))
}

fn keys_of(keys: &Keys) -> Vec<(KeyCode, KeyModifiers)> {
    match *keys {
        Keys::Key(c, m) => vec![(c, m)],
        Keys::Digits => ('1'..='9')
            .map(|d| (KeyCode::Char(d), KeyModifiers::NONE))
            .collect(),
    }
}

/// Whether a key would be typed into a text field if nothing claimed it.
fn types_text(code: KeyCode, mods: KeyModifiers) -> bool {
    matches!(code, KeyCode::Char(_)) && !mods.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

impl Keymap {
    /// The default keys, shared (the README, `lookup` and tests use them).
    pub fn defaults() -> &'static Keymap {
        &DEFAULTS
    }

    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The action a key means in a mode, if any.
    pub fn lookup(&self, mode: Mode, key: &KeyEvent) -> Option<Action> {
        let (code, mods) = normalize(key);
        for &context in mode.contexts() {
            for row in self.rows.iter().filter(|r| r.context == context) {
                for &keys in &row.keys {
                    if let Some(digit) = matches(keys, code, mods) {
                        return Some(match row.bound {
                            Bound::Do(a) => a,
                            Bound::Digit(f) => f(digit.unwrap_or(0)),
                        });
                    }
                }
            }
        }
        None
    }

    /// The first key bound to `action` in `context`, as help writes it (for sentences that name a key).
    pub fn key_for(&self, context: Context, action: Action) -> Option<String> {
        self.rows
            .iter()
            .find(|r| r.context == context && r.bound.action() == Some(action))
            .and_then(|r| r.keys.first())
            .map(|&k| super::key_label(k))
    }

    /// Every key bound to `action` in `context`, as help writes them (first the one the footer shows).
    pub fn keys_for(&self, context: Context, action: Action) -> Vec<String> {
        self.rows
            .iter()
            .find(|r| r.context == context && r.bound.action() == Some(action))
            .map(|r| r.keys.iter().map(|&k| super::key_label(k)).collect())
            .unwrap_or_default()
    }

    /// The key a sentence names for `action` in `context` ("Ctrl-S saves it"): the first one bound, with the
    /// user's `[keys]`; when they bound none, the action's name in the config file, in brackets, so the sentence
    /// still says what to look for in help.
    pub fn key(&self, context: Context, action: Action) -> String {
        self.key_for(context, action).unwrap_or_else(|| {
            format!(
                "[{}]",
                action_name(action).unwrap_or_else(|| "no key".into())
            )
        })
    }

    /// The row that answers `action` in a mode (its contexts in the order keys are looked up): the keys a
    /// dialog's choice is pressed with.
    pub fn row_in(&self, mode: Mode, action: Action) -> Option<&Row> {
        mode.contexts().iter().find_map(|&c| {
            self.rows
                .iter()
                .find(|r| r.context == c && r.bound.action() == Some(action))
        })
    }

    /// The keymap a config asks for, its problems named after the config file.
    pub fn from_config(config: &crate::config::Config) -> (Keymap, Vec<String>) {
        let file = crate::config::config_path().unwrap_or_else(|| "config.toml".into());
        Keymap::with_overrides(&config.ui.keys, &file)
    }

    /// The defaults with the config file's `[keys]` applied. Each problem comes back as one line starting
    /// with `file:line:col`; the default stays for what it concerns.
    pub fn with_overrides(overrides: &[KeyOverride], file: &Path) -> (Keymap, Vec<String>) {
        let mut map = Keymap::default();
        let mut problems = Vec::new();
        let at = |(l, c): (usize, usize)| format!("{}:{l}:{c}", file.display());
        // Which override set each row, to point at it when it has to be undone.
        let mut origin: Vec<Option<usize>> = vec![None; map.rows.len()];
        for (n, o) in overrides.iter().enumerate() {
            let Some(context) = Context::ALL.into_iter().find(|c| c.name() == o.context) else {
                problems.push(format!(
                    "{}: unknown key context [keys.{}] ignored (contexts: {})",
                    at(o.context_at),
                    o.context,
                    Context::ALL.map(Context::name).join(", ")
                ));
                continue;
            };
            let Some(i) = map.rows.iter().position(|r| {
                r.context == context
                    && r.bound.action().and_then(action_name).as_deref() == Some(o.action.as_str())
            }) else {
                let known: Vec<String> = map
                    .rows
                    .iter()
                    .filter(|r| r.context == context)
                    .filter_map(|r| r.bound.action().and_then(action_name))
                    .collect();
                problems.push(format!(
                    "{}: unknown action {:?} in [keys.{}] ignored (there: {})",
                    at(o.action_at),
                    o.action,
                    o.context,
                    known.join(", ")
                ));
                continue;
            };
            let mut keys = Vec::new();
            let mut bad = false;
            for (text, pos) in &o.keys {
                match parse_key(text) {
                    Ok(k) => keys.push(k),
                    Err(e) => {
                        problems.push(format!(
                            "{}: {e}; {} keeps its default keys",
                            at(*pos),
                            o.action
                        ));
                        bad = true;
                    }
                }
            }
            if bad {
                continue;
            }
            // Without it, a terminal in raw mode has no way out but killing the process.
            if keys.is_empty()
                && context == Context::Global
                && map.rows[i].bound.action() == Some(Action::Quit)
            {
                problems.push(format!(
                    "{}: quit in [keys.global] needs at least one key (it works from every screen); it keeps its default keys",
                    at(o.action_at)
                ));
                continue;
            }
            map.rows[i].keys = keys;
            map.rows[i].user = true;
            origin[i] = Some(n);
        }
        // Undo, one at a time, a user's row that takes a key already in use where its context is active, until
        // none is left: undoing one can free or take a key another depends on.
        while let Some((row, problem)) = map.first_clash(overrides, &origin, file) {
            problems.push(problem);
            map.rows[row] = DEFAULTS.rows[row].clone();
            origin[row] = None;
        }
        // Names and keys come from the config file: what a problem quotes of them is cut to a line.
        (map, problems.iter().map(|p| cut_message(p)).collect())
    }

    /// The first user's row that clashes, with the message that says why.
    fn first_clash(
        &self,
        overrides: &[KeyOverride],
        origin: &[Option<usize>],
        file: &Path,
    ) -> Option<(usize, String)> {
        for mode in Mode::ALL {
            let mut seen: Vec<((KeyCode, KeyModifiers), usize)> = Vec::new();
            for &context in mode.contexts() {
                for (i, row) in self
                    .rows
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.context == context)
                {
                    for keys in &row.keys {
                        for k in keys_of(keys) {
                            let name = row.bound.action().and_then(action_name).unwrap_or_default();
                            let Some(o) = origin[i].map(|n| &overrides[n]) else {
                                if let Some(&(_, j)) = seen.iter().find(|(s, _)| *s == k)
                                    && let Some(n) = origin[j]
                                {
                                    let o = &overrides[n];
                                    return Some((j, clash(o, file, k, &name, context)));
                                }
                                seen.push((k, i));
                                continue;
                            };
                            let (l, c) = o.keys.first().map_or(o.action_at, |(_, p)| *p);
                            if mode.is_text() && types_text(k.0, k.1) {
                                return Some((
                                    i,
                                    format!(
                                        "{}:{l}:{c}: {} in [keys.{}] would be typed into a text field instead; {} keeps its default keys",
                                        file.display(),
                                        super::key_label(Keys::Key(k.0, k.1)),
                                        o.context,
                                        o.action
                                    ),
                                ));
                            }
                            if let Some(&(_, j)) = seen.iter().find(|(s, _)| *s == k) {
                                let other = &self.rows[j];
                                let other_name = other
                                    .bound
                                    .action()
                                    .and_then(action_name)
                                    .unwrap_or_else(|| "the digits".into());
                                return Some((i, clash(o, file, k, &other_name, other.context)));
                            }
                            seen.push((k, i));
                        }
                    }
                }
            }
        }
        None
    }
}

fn clash(
    o: &KeyOverride,
    file: &Path,
    key: (KeyCode, KeyModifiers),
    other: &str,
    context: Context,
) -> String {
    let (l, c) = o.keys.first().map_or(o.action_at, |(_, p)| *p);
    format!(
        "{}:{l}:{c}: {} is already {other} in [keys.{}], active at the same time; {} keeps its default keys",
        file.display(),
        super::key_label(Keys::Key(key.0, key.1)),
        context.name(),
        o.action
    )
}
