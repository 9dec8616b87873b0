//! The config file's settings for the workbook's look and feel: `theme`, `[colors]`, `mouse` and `[keys]`.
//! They are read here as written, each part with its line and column, and checked by the code that knows what
//! they mean (`tui::theme`, `tui::keymap`), which reports what it cannot use and keeps the default for it. A
//! mistake here never stops the program: the workbook opens with the defaults and says what was ignored.

use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::domain::text::cut_message;
use crate::domain::text_position;

/// A line and a column, both from 1.
pub type Position = (usize, usize);

/// Which palette the workbook starts from; `[colors]` then changes single roles.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ThemeName {
    /// The terminal's own foreground and background with the 16 ANSI colours, which every terminal adapts to
    /// its background: right on light and dark alike.
    #[default]
    Auto,
    Dark,
    Light,
    HighContrast,
}

impl ThemeName {
    pub const ALL: [ThemeName; 4] = [
        ThemeName::Auto,
        ThemeName::Dark,
        ThemeName::Light,
        ThemeName::HighContrast,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ThemeName::Auto => "auto",
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
            ThemeName::HighContrast => "high-contrast",
        }
    }
}

/// One `role = "colour"` of `[colors]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColorOverride {
    pub role: String,
    pub role_at: Position,
    pub value: String,
    pub value_at: Position,
}

/// One `action = "key"` (or a list of keys) from `[keys.<context>]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyOverride {
    pub context: String,
    pub context_at: Position,
    pub action: String,
    pub action_at: Position,
    pub keys: Vec<(String, Position)>,
}

/// The look-and-feel settings, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ui {
    pub theme: ThemeName,
    pub colors: Vec<ColorOverride>,
    /// Whether the workbook takes the mouse (clicks and the wheel); off leaves the terminal's own selection.
    pub mouse: bool,
    pub keys: Vec<KeyOverride>,
}

impl Default for Ui {
    fn default() -> Self {
        Ui {
            theme: ThemeName::Auto,
            colors: Vec::new(),
            mouse: true,
            keys: Vec::new(),
        }
    }
}

/// Reads the look-and-feel settings from a config file's text that already parsed as TOML. What is not
/// usable is added to `warnings` as `file:line:col: ...` and left at its default.
pub fn read(path: &Path, text: &str, warnings: &mut Vec<String>) -> Ui {
    let mut ui = Ui::default();
    let Ok(doc) = DeTable::parse(text) else {
        return ui;
    };
    let at = |span: std::ops::Range<usize>| text_position(text, span.start);
    // The parsed tables are sorted by key: problems and keys are put back in the file's order.
    let mut found: Vec<(Position, String)> = Vec::new();
    let mut warn = |span: std::ops::Range<usize>, message: String| {
        let (l, c) = at(span);
        found.push((
            (l, c),
            format!("{}:{l}:{c}: {}", path.display(), cut_message(&message)),
        ));
    };
    for (key, value) in doc.get_ref() {
        match (key.get_ref().as_ref(), value.get_ref()) {
            ("theme", DeValue::String(name)) => {
                match ThemeName::ALL
                    .into_iter()
                    .find(|t| t.as_str() == name.as_ref())
                {
                    Some(t) => ui.theme = t,
                    None => warn(
                        value.span(),
                        format!(
                            "theme {name:?} is not one of auto, dark, light, high-contrast; using auto"
                        ),
                    ),
                }
            }
            ("mouse", DeValue::Boolean(on)) => ui.mouse = *on,
            ("colors", DeValue::Table(table)) => {
                for (role, colour) in table {
                    match colour.get_ref() {
                        DeValue::String(s) => ui.colors.push(ColorOverride {
                            role: role.get_ref().to_string(),
                            role_at: at(role.span()),
                            value: s.to_string(),
                            value_at: at(colour.span()),
                        }),
                        _ => warn(
                            colour.span(),
                            format!(
                                "[colors] {} must be a colour name in quotes, such as \"cyan\" or \"#3366cc\"; ignored",
                                role.get_ref()
                            ),
                        ),
                    }
                }
            }
            ("keys", DeValue::Table(contexts)) => {
                for (context, actions) in contexts {
                    let DeValue::Table(actions) = actions.get_ref() else {
                        warn(
                            actions.span(),
                            format!(
                                "keys.{} must be a table, such as [keys.{}] new = \"a\"; ignored",
                                context.get_ref(),
                                context.get_ref()
                            ),
                        );
                        continue;
                    };
                    for (action, keys) in actions {
                        let Some(keys) = key_list(keys, &at) else {
                            warn(
                                keys.span(),
                                format!(
                                    "the keys for {} must be a key in quotes or a list of them, such as \"a\" or [\"a\", \"ctrl-a\"]; ignored",
                                    action.get_ref()
                                ),
                            );
                            continue;
                        };
                        ui.keys.push(KeyOverride {
                            context: context.get_ref().to_string(),
                            context_at: at(context.span()),
                            action: action.get_ref().to_string(),
                            action_at: at(action.span()),
                            keys,
                        });
                    }
                }
            }
            ("theme" | "mouse" | "colors" | "keys", _) => {
                let what = match key.get_ref().as_ref() {
                    "theme" => {
                        "theme must be one of \"auto\", \"dark\", \"light\", \"high-contrast\""
                    }
                    "mouse" => "mouse must be true or false",
                    "colors" => {
                        "colors must be a table: [colors] followed by lines such as accent = \"cyan\""
                    }
                    _ => {
                        "keys must be tables such as [keys.list] followed by lines such as new = \"a\""
                    }
                };
                warn(value.span(), format!("{what}; the default is used"));
            }
            _ => {}
        }
    }
    found.sort();
    warnings.extend(found.into_iter().map(|(_, w)| w));
    ui.keys.sort_by_key(|k| k.action_at);
    ui.colors.sort_by_key(|c| c.role_at);
    ui
}

/// `"a"` or `["a", "ctrl-a"]`, each with where it was written.
fn key_list(
    value: &Spanned<DeValue>,
    at: &impl Fn(std::ops::Range<usize>) -> Position,
) -> Option<Vec<(String, Position)>> {
    match value.get_ref() {
        DeValue::String(s) => Some(vec![(s.to_string(), at(value.span()))]),
        DeValue::Array(items) => items
            .iter()
            .map(|item| match item.get_ref() {
                DeValue::String(s) => Some((s.to_string(), at(item.span()))),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_theme_colours_mouse_and_keys_with_positions() {
        let text = "theme = \"light\"\nmouse = false\n[colors]\naccent = \"magenta\"\n[keys.list]\nnew = \"a\"\nquit = [\"x\", \"ctrl-q\"]\n";
        let mut warnings = Vec::new();
        let ui = read(Path::new("c.toml"), text, &mut warnings);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(ui.theme, ThemeName::Light);
        assert!(!ui.mouse);
        assert_eq!(ui.colors[0].role, "accent");
        assert_eq!(ui.colors[0].value_at, (4, 10));
        assert_eq!(ui.keys.len(), 2);
        assert_eq!(ui.keys[0].context, "list");
        assert_eq!(ui.keys[0].context_at, (5, 7));
        assert_eq!(ui.keys[0].keys, [("a".to_string(), (6, 7))]);
        assert_eq!(ui.keys[1].keys[1], ("ctrl-q".to_string(), (7, 14)));
    }

    #[test]
    fn bad_values_are_reported_and_defaults_kept() {
        let text = "theme = \"neon\"\nmouse = \"no\"\n[colors]\naccent = 3\n[keys]\nlist = 1\n[keys.plan]\nback = 4\n";
        let mut warnings = Vec::new();
        let ui = read(Path::new("c.toml"), text, &mut warnings);
        assert_eq!(ui, Ui::default());
        assert_eq!(warnings.len(), 5, "{warnings:#?}");
        assert!(
            warnings[0].starts_with("c.toml:1:9: theme \"neon\""),
            "{}",
            warnings[0]
        );
        assert!(
            warnings[1].starts_with("c.toml:2:9: mouse must be true or false"),
            "{}",
            warnings[1]
        );
        assert!(
            warnings[2].starts_with("c.toml:4:10: [colors] accent"),
            "{}",
            warnings[2]
        );
        assert!(
            warnings[3].starts_with("c.toml:6:8: keys.list must be a table"),
            "{}",
            warnings[3]
        );
        assert!(
            warnings[4].starts_with("c.toml:8:8: the keys for back"),
            "{}",
            warnings[4]
        );
    }
}
