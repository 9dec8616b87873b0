//! The print preview from the list and from the wizard's review: what it saves, where it refuses to save, and
//! the printer it asks for.

use ratatui::crossterm::event::KeyCode;

use super::review::*;
use super::*;
use crate::tui::app::{Done, Effect, Screen};
use crate::tui::keymap::Mode;

#[test]
fn print_preview_saves_text_and_markdown_and_asks_for_the_printer() {
    let (dir, mut app) = app_with(&review_workbook());
    press(&mut app, KeyCode::Char('p'));
    assert_eq!(app.mode(), Mode::Preview);
    assert!(screen(&app, 80, 24).contains("Swap on-call weekends"));
    press(&mut app, KeyCode::Char('t'));
    assert_eq!(app.mode(), Mode::PreviewPrompt);
    let offered = match app.screens.last() {
        Some(Screen::Preview(p)) => p.prompt.as_ref().unwrap().path.text(),
        _ => String::new(),
    };
    assert_eq!(offered, "2026-01-16-dr-chen-swap-on-call-weekends.txt");
    let out = dir.path().join("page.txt");
    for _ in 0..offered.chars().count() {
        press(&mut app, KeyCode::Backspace);
    }
    app.paste(&out.display().to_string());
    press(&mut app, KeyCode::Enter);
    assert!(
        status(&app).starts_with("Saved the text page"),
        "{}",
        status(&app)
    );
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("Swap on-call weekends")
    );
    // a .md ending picks Markdown whatever key started it
    press(&mut app, KeyCode::Char('t'));
    let md = dir.path().join("page.md");
    for _ in 0..offered.chars().count() {
        press(&mut app, KeyCode::Backspace);
    }
    app.paste(&md.display().to_string());
    press(&mut app, KeyCode::Enter);
    assert!(std::fs::read_to_string(&md).unwrap().starts_with("# "));
    // an existing file is replaced only on a second Enter
    std::fs::write(&out, "my own notes").unwrap();
    press(&mut app, KeyCode::Char('t'));
    for _ in 0..offered.chars().count() {
        press(&mut app, KeyCode::Backspace);
    }
    app.paste(&out.display().to_string());
    press(&mut app, KeyCode::Enter);
    assert!(status(&app).contains("already exists"), "{}", status(&app));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "my own notes");
    press(&mut app, KeyCode::Enter);
    assert!(
        status(&app).starts_with("Saved the text page"),
        "{}",
        status(&app)
    );
    // no usable font: the PDF is refused with what still works
    app.export.font = Some(dir.path().join("no-such-font.ttf"));
    press(&mut app, KeyCode::Char('s'));
    press(&mut app, KeyCode::Enter);
    assert!(
        status(&app).contains("t saves as text and m as Markdown"),
        "{}",
        status(&app)
    );
    press(&mut app, KeyCode::Char('P'));
    assert!(matches!(app.take_effect(), Some(Effect::Print(_))));
    app.on_done(Done::Printed(Err(crate::export::ExportError::Print(
        crate::export::printer::PrintError::NoCommand,
    ))));
    assert!(
        status(&app).contains("no print command found") && status(&app).contains("press s"),
        "{}",
        status(&app)
    );
    assert!(
        !status(&app).contains("--output"),
        "a flag means nothing here"
    );
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Home);
}

#[test]
fn the_wizards_review_opens_the_preview_of_the_unsaved_plan() {
    let (_dir, mut app) = app_with(&review_workbook());
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "Sister Agnes");
    for _ in 0..5 {
        ctrl(&mut app, 'n');
    }
    assert_eq!(app.mode(), Mode::WizardReview);
    press(&mut app, KeyCode::Char('p'));
    assert_eq!(app.mode(), Mode::Preview);
    assert!(screen(&app, 80, 24).contains("Sister Agnes"));
    press(&mut app, KeyCode::Esc);
    assert_eq!(
        app.mode(),
        Mode::WizardReview,
        "back to the wizard, nothing lost"
    );
}

#[test]
fn print_preview_never_saves_over_a_plan_or_into_the_plans_folder() {
    let (_dir, mut app) = app_with(&review_workbook());
    let plans = app.data.plans();
    let mut files: Vec<_> = std::fs::read_dir(&plans)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let plan = files[0].clone();
    let before = std::fs::read_to_string(&plan).unwrap();
    press(&mut app, KeyCode::Char('p'));
    for (target, enters) in [(plan.clone(), 2), (plans.join("page.txt"), 1)] {
        press(&mut app, KeyCode::Char('t'));
        if let Some(Screen::Preview(p)) = app.screens.last_mut() {
            p.prompt.as_mut().unwrap().path.set_text("");
        }
        app.paste(&target.display().to_string());
        for _ in 0..enters {
            press(&mut app, KeyCode::Enter);
        }
        assert!(
            status(&app).contains("nothing was written"),
            "{}: {}",
            target.display(),
            status(&app)
        );
    }
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), before);
    assert!(!plans.join("page.txt").exists());
}
