//! The print preview: the one-page plan drawn in the terminal exactly as `export` lays it out, with keys to save
//! it as text, Markdown or PDF (asking where, with a name made from the plan) and to send it to the printer.
//! Nothing here writes or prints: the app does, and says in the status line how it went.

use std::path::{Path, PathBuf};

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::domain::Plan;
use crate::domain::text::one_line;
use crate::export::card::CARD_COLUMNS;
use crate::export::layout::PAGE_COLUMNS;
use crate::export::text::render_styled;
use crate::export::{Format, Page, default_file_name};
use crate::store::paths::expand_home;
use crate::tui::action::Action;
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::theme::Theme;
use crate::tui::widgets::field::TextField;
use crate::tui::widgets::scroll::Scroll;
use crate::tui::widgets::wrap::truncate;
use unicode_width::UnicodeWidthStr;

/// The path being typed for a save.
#[derive(Debug, Clone)]
pub struct SavePrompt {
    pub format: Format,
    pub path: TextField,
    /// An existing file the user was warned about: a second Enter on the same name replaces it.
    pub replace: Option<PathBuf>,
}

#[derive(Debug, Clone)]
pub struct Preview {
    /// The plan as previewed (perhaps not saved yet, from the wizard), for the file name offered.
    pub plan: Plan,
    pub page: Page,
    /// What is drawn: the page fitted to a printed text page, or the card. Fitted once, not at every frame.
    pub shown: Page,
    /// Showing the pocket card instead of the full page.
    pub card: bool,
    pub scroll: Scroll,
    pub prompt: Option<SavePrompt>,
}

/// What the preview asks the app to do.
#[derive(Debug, Clone, PartialEq)]
pub enum PreviewOutcome {
    None,
    Back,
    Print,
    Save { path: PathBuf, format: Format },
    Message(String),
}

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Text => "plain text",
        Format::Markdown => "Markdown",
        Format::Pdf => "PDF",
        Format::Card => "a card PDF",
        Format::CardText => "card text",
    }
}

impl Preview {
    pub fn new(plan: Plan, page: Page) -> Self {
        Preview {
            plan,
            shown: crate::export::text::fitted(&page),
            page,
            card: false,
            scroll: Scroll::default(),
            prompt: None,
        }
    }

    /// Lays out what is shown: the full page as the text form fits it, or the card at its own width.
    fn layout(&mut self) {
        self.shown = if self.card {
            self.page.card()
        } else {
            crate::export::text::fitted(&self.page)
        };
    }

    /// The format a save asks for: the extension typed, read as a card when the card is shown.
    fn format_for(path: &Path, asked: Format) -> Format {
        let card = matches!(asked, Format::Card | Format::CardText);
        match Format::from_path(path) {
            Some(Format::Pdf) if card => Format::Card,
            Some(Format::Text) if card => Format::CardText,
            Some(f) => f,
            None => asked,
        }
    }

    fn start_save(&mut self, format: Format) {
        let mut path = TextField::new("Save as", "", false);
        path.set_text(&default_file_name(&self.plan, format));
        path.set_focused(true);
        self.prompt = Some(SavePrompt {
            format,
            path,
            replace: None,
        });
    }

    /// What an action does here; `keys` names the keys in what it says.
    pub fn handle(&mut self, action: Action, keys: &Keymap) -> PreviewOutcome {
        use crate::tui::keymap::Context as C;
        if let Some(prompt) = &mut self.prompt {
            return match action {
                Action::Save => {
                    let text = prompt.path.value();
                    if text.is_empty() {
                        return PreviewOutcome::Message(format!(
                            "Type a file name, or {} to cancel.",
                            keys.key(C::SavePrompt, Action::Cancel)
                        ));
                    }
                    let path = expand_home(Path::new(&text));
                    if path.is_dir() {
                        return PreviewOutcome::Message(
                            "That is a folder: add a file name to it.".into(),
                        );
                    }
                    // Someone's notes file is not overwritten on one keystroke.
                    if path.exists() && prompt.replace.as_deref() != Some(path.as_path()) {
                        let name = one_line(&path.display().to_string());
                        prompt.replace = Some(path);
                        return PreviewOutcome::Message(format!(
                            "{name} already exists: {} again replaces it, or change the name.",
                            keys.key(C::SavePrompt, Action::Save)
                        ));
                    }
                    let format = Self::format_for(&path, prompt.format);
                    self.prompt = None;
                    PreviewOutcome::Save { path, format }
                }
                Action::Cancel => {
                    self.prompt = None;
                    PreviewOutcome::Message("Not saved.".into())
                }
                _ => PreviewOutcome::None,
            };
        }
        match action {
            Action::Down | Action::Up | Action::Top | Action::Bottom => self.scroll.handle(action),
            Action::SaveText if self.card => self.start_save(Format::CardText),
            Action::SaveText => self.start_save(Format::Text),
            Action::SaveMarkdown => self.start_save(Format::Markdown),
            Action::SavePdf if self.card => self.start_save(Format::Card),
            Action::SavePdf => self.start_save(Format::Pdf),
            Action::ToggleCard => {
                self.card = !self.card;
                self.scroll = Scroll::default();
                self.layout();
                return PreviewOutcome::Message(if self.card {
                    format!(
                        "The pocket card: {} saves it as an index-card PDF, {} as 40 columns of text; {} for the full page.",
                        keys.key(C::Preview, Action::SavePdf),
                        keys.key(C::Preview, Action::SaveText),
                        keys.key(C::Preview, Action::ToggleCard)
                    )
                } else {
                    "The full page.".into()
                });
            }
            Action::Print => return PreviewOutcome::Print,
            Action::Back => return PreviewOutcome::Back,
            _ => {}
        }
        PreviewOutcome::None
    }

    pub fn input(&mut self, key: KeyEvent) {
        if let Some(p) = &mut self.prompt {
            p.path.input(key);
        }
    }

    pub fn paste(&mut self, text: &str) {
        if let Some(p) = &mut self.prompt {
            p.path.paste(text);
        }
    }

    pub fn render(
        &self,
        theme: &Theme,
        keys: &Keymap,
        status: Option<&Line>,
        area: Rect,
        buf: &mut Buffer,
    ) {
        if area.height < 4 {
            return;
        }
        let title = format!(
            " overture · print preview · {}",
            one_line(&self.plan.display_title())
        );
        Line::styled(truncate(&title, usize::from(area.width)), theme.title)
            .render(Rect { height: 1, ..area }, buf);
        let footer = Rect {
            y: area.bottom() - 1,
            height: 1,
            ..area
        };
        let prompt_h = u16::from(self.prompt.is_some());
        let body = Rect {
            x: area.x.saturating_add(1),
            y: area.y + 2,
            width: area.width.saturating_sub(2),
            height: area.height.saturating_sub(3 + prompt_h),
        }
        .intersection(area);
        let columns = if self.card {
            CARD_COLUMNS
        } else {
            PAGE_COLUMNS
        };
        let width = usize::from(body.width).min(columns);
        let lines: Vec<Line> = render_styled(&self.shown, width)
            .into_iter()
            .map(|l| {
                Line::from(
                    l.into_iter()
                        .map(|s| Span::styled(s.text, theme.page(s.style)))
                        .collect::<Vec<_>>(),
                )
            })
            .collect();
        let scroll = self.scroll.first_line(lines.len(), body.height);
        Paragraph::new(lines.into_iter().skip(scroll).collect::<Vec<_>>()).render(body, buf);

        if let Some(prompt) = &self.prompt {
            let row = Rect {
                y: area.bottom().saturating_sub(2),
                height: 1,
                ..area
            };
            let label = format!(" Save as {}: ", format_name(prompt.format));
            let lw = u16::try_from(label.chars().count()).unwrap_or(u16::MAX);
            Line::styled(label, theme.focus).render(row, buf);
            let field = Rect {
                x: row.x.saturating_add(lw),
                width: row.width.saturating_sub(lw.saturating_add(1)),
                ..row
            }
            .intersection(row);
            if !field.is_empty() {
                prompt.path.textarea.render(field, buf);
            }
        }
        let mode = if self.prompt.is_some() {
            Mode::PreviewPrompt
        } else {
            Mode::Preview
        };
        let mut line = keys.footer(mode, usize::from(area.width), 1).concat();
        let format_note = " · a .txt, .md or .pdf ending picks the format";
        if self.prompt.is_some() && line.width() + format_note.width() <= usize::from(area.width) {
            line.push_str(format_note);
        }
        match status {
            Some(status) => status.clone().render(footer, buf),
            None => Line::styled(line, theme.key).render(footer, buf),
        }
    }
}
