//! Every screen in every theme: the text is the same in all of them (the `snapshots` module has it), so these
//! snapshots hold where each style falls, row by row, as runs of cells: `row col..col style 'text'`. A change
//! of palette shows up as a readable diff, and a screen that loses its emphasis in one theme is seen at once.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier, Style};

use super::snapshots::wizard_at;
use super::*;
use crate::config::ui::ThemeName;

fn style_name(s: Style) -> String {
    let mut parts = Vec::new();
    if let Some(fg) = s.fg.filter(|c| *c != Color::Reset) {
        parts.push(format!("fg={fg}"));
    }
    if let Some(bg) = s.bg.filter(|c| *c != Color::Reset) {
        parts.push(format!("bg={bg}"));
    }
    if !s.add_modifier.is_empty() {
        parts.push(
            format!("{:?}", s.add_modifier)
                .replace("Modifier(", "")
                .replace(')', ""),
        );
    }
    parts.join(" ")
}

/// The styled runs of a buffer; unstyled cells are left out.
fn runs(buf: &Buffer) -> String {
    let mut out = String::new();
    let area = buf.area;
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let style = buf[(x, y)].style();
            let name = style_name(style);
            let start = x;
            let mut text = String::new();
            while x < area.right() && style_name(buf[(x, y)].style()) == name {
                text.push_str(buf[(x, y)].symbol());
                x += 1;
            }
            if !name.is_empty() {
                out.push_str(&format!(
                    "{y:>2} {start:>2}..{:<2} {name} {:?}\n",
                    x - 1,
                    text.trim_end()
                ));
            }
        }
    }
    out
}

fn themes() -> [(&'static str, Theme); 5] {
    [
        ("auto", Theme::named(ThemeName::Auto)),
        ("dark", Theme::named(ThemeName::Dark)),
        ("light", Theme::named(ThemeName::Light)),
        ("high_contrast", Theme::named(ThemeName::HighContrast)),
        ("no_color", Theme::no_colour()),
    ]
}

/// Each screen, reached by keys from a fresh app, so one theme's walk is the same as another's.
/// How to reach a screen from a fresh app.
type Walk = Box<dyn Fn() -> (TempDir, App)>;

fn screens() -> Vec<(&'static str, Walk)> {
    let from_list = |keys: &'static [KeyCode]| {
        move || {
            let (dir, mut app) = app_with(&okafor_workbook());
            for &k in keys {
                press(&mut app, k);
            }
            (dir, app)
        }
    };
    let mut out: Vec<(&'static str, Walk)> = vec![
        ("list", Box::new(from_list(&[]))),
        (
            "plan",
            Box::new(from_list(&[KeyCode::Char('G'), KeyCode::Enter])),
        ),
        ("help", Box::new(from_list(&[KeyCode::Char('?')]))),
        ("stakeholders", Box::new(from_list(&[KeyCode::Char('S')]))),
        ("reflection", Box::new(from_list(&[KeyCode::Char('R')]))),
        ("preview", Box::new(from_list(&[KeyCode::Char('p')]))),
        ("delete", Box::new(from_list(&[KeyCode::Char('d')]))),
        ("outcome", Box::new(from_list(&[KeyCode::Char('o')]))),
    ];
    for (step, name) in [
        "wizard_stakeholder",
        "wizard_goal",
        "wizard_tried",
        "wizard_tactic",
        "wizard_prepare",
        "wizard_review",
    ]
    .into_iter()
    .enumerate()
    {
        out.push((name, Box::new(move || wizard_at(step))));
    }
    out
}

#[test]
fn every_screen_in_every_theme() {
    for (theme_name, theme) in themes() {
        let mut all = String::new();
        for (screen, make) in screens() {
            let (_dir, mut app) = make();
            app.theme = theme.clone();
            let terminal = draw(&app, 80, 24);
            all.push_str(&format!(
                "== {screen}\n{}\n",
                runs(terminal.backend().buffer())
            ));
        }
        insta::assert_snapshot!(format!("theme_{theme_name}"), all);
    }
}

#[test]
fn themes_differ_where_they_should_and_no_color_has_none() {
    let (_dir, mut app) = app_with(&okafor_workbook());
    let mut seen = Vec::new();
    for (name, theme) in themes() {
        app.theme = theme;
        let buf = draw(&app, 80, 24).backend().buffer().clone();
        let colours: Vec<Color> = buf
            .content()
            .iter()
            .flat_map(|c| [c.fg, c.bg])
            .filter(|c| *c != Color::Reset)
            .collect();
        if name == "no_color" {
            assert!(colours.is_empty(), "{colours:?}");
        } else if name != "high_contrast" {
            // high contrast leans on bold, underline and reverse; its colours are on the ladder and warnings
            assert!(!colours.is_empty(), "{name}: no colour at all");
        }
        let dim = buf
            .content()
            .iter()
            .any(|c| c.modifier.contains(Modifier::DIM));
        assert_eq!(dim, name != "high_contrast", "{name}: dim text");
        let runs = runs(&buf);
        assert!(!seen.contains(&runs), "{name} looks like another theme");
        seen.push(runs);
    }
}
