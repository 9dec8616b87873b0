//! Small centred dialogs: a few paragraphs and the keys that answer them, the safe choice highlighted. The
//! dialogs the app opens (an unsaved plan found, delete this plan?, changed on disk) are drawn here too, each
//! keeping the screen contract; what their keys do is the app's (the default `Reply::Pass`), as it writes files.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use jiff::Timestamp;
use ratatui::crossterm::event::KeyEvent;

use super::help::Help;
use super::record::{RecordForm, RecordKind};
use super::{Reply, State, View};
use crate::domain::text::one_line;
use crate::store::PlanFile;
use crate::store::draft::FoundDraft;
use crate::tui::action::Action;
use crate::tui::app::{Conflict, DeleteTarget, DiskNow, Why};
use crate::tui::event::{Target, clickable};
use crate::tui::keymap::{Context, Keymap, Keys, Mode, key_label};
use crate::tui::theme::Theme;
use crate::tui::widgets::field::TextField;
use crate::tui::widgets::form::Focused;
use crate::tui::widgets::popup::popup;
use crate::tui::widgets::wrap::{truncate, wrap};
use unicode_width::UnicodeWidthStr;

/// A centred box with paragraphs and the choices that answer it, the default one highlighted. A choice is an
/// action, never a key: its key and the others that do the same are the keymap's for the dialog's mode (the
/// user's `[keys]` included), so what the box says is what works.
pub struct Dialog<'a> {
    pub title: &'a str,
    pub paragraphs: &'a [(String, Style)],
    /// (what the choice does, what it says, whether it is the default).
    pub choices: &'a [(Action, &'a str, bool)],
    /// The mode the dialog's keys are looked up in.
    pub mode: Mode,
}

/// "n", "n or Esc", "n, Esc or Enter".
fn spoken(labels: &[String]) -> String {
    match labels {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

impl Dialog<'_> {
    /// The choices as (key shown, text, default, the key a click presses): the first key bound beside the text,
    /// and when several keys do the same, all of them after it where the line has room (`width` columns for the
    /// key and the text).
    fn choices(&self, keys: &Keymap, width: usize) -> Vec<(String, String, bool, Option<Keys>)> {
        self.choices
            .iter()
            .map(|&(action, text, default)| {
                let bound: Vec<Keys> = keys
                    .row_in(self.mode, action)
                    .map(|r| r.keys.clone())
                    .unwrap_or_default();
                let labels: Vec<String> = bound.iter().map(|&k| key_label(k)).collect();
                let shown = labels.first().cloned().unwrap_or_else(|| "—".into());
                let all = format!("{text} ({})", spoken(&labels));
                let text = if labels.len() > 1 && 2 + shown.width() + 3 + all.width() <= width {
                    all
                } else {
                    text.to_string()
                };
                (shown, text, default, bound.first().copied())
            })
            .collect()
    }

    pub fn render(&self, keys: &Keymap, theme: &Theme, area: Rect, buf: &mut Buffer) {
        if area.width < 4 || area.height < 3 {
            return;
        }
        let (title, paragraphs) = (self.title, self.paragraphs);
        let width = area.width.min(72);
        let inner_w = usize::from(width.saturating_sub(4)).max(1);
        let choices = self.choices(keys, inner_w);
        let room = usize::from(area.height.saturating_sub(2));
        let mut choice_lines: Vec<Line> = Vec::new();
        for (key, text, default, _) in &choices {
            let marker = if *default { "▶ " } else { "  " };
            let style = if *default {
                theme.selected
            } else {
                Style::new()
            };
            // A choice too long for the box ends in "…" rather than being cut off at the border unseen.
            let room = inner_w.saturating_sub(marker.width() + key.width() + 3);
            choice_lines.push(Line::from(vec![
                Span::raw(marker),
                Span::styled(format!(" {key} "), theme.key.patch(style)),
                Span::styled(format!(" {}", truncate(text, room)), style),
            ]));
        }
        let wrapped: Vec<Vec<Line>> = paragraphs
            .iter()
            .map(|(text, style)| {
                wrap(text, inner_w)
                    .into_iter()
                    .map(|l| Line::styled(l, *style))
                    .collect()
            })
            .collect();
        let text_rows: usize = wrapped.iter().map(Vec::len).sum();
        // Blank lines only where there is room: the choices must always show.
        let spaced = text_rows + wrapped.len() + choice_lines.len() <= room;
        let text_room = room.saturating_sub(choice_lines.len() + usize::from(spaced));
        let mut lines: Vec<Line> = Vec::new();
        for (i, paragraph) in wrapped.into_iter().enumerate() {
            if i > 0 && spaced {
                lines.push(Line::raw(""));
            }
            lines.extend(paragraph);
        }
        if lines.len() > text_room {
            lines.truncate(text_room);
            if let Some(last) = lines.last_mut() {
                last.spans.push(Span::raw("…"));
            }
        }
        if spaced {
            lines.push(Line::raw(""));
        }
        let first_choice = lines.len();
        lines.extend(choice_lines);
        let height = u16::try_from(lines.len() + 2)
            .unwrap_or(u16::MAX)
            .min(area.height);
        let rect = popup(area, width, height, buf);
        let block = Block::bordered().title(Span::styled(title.to_string(), theme.warning));
        let inner = block.inner(rect);
        block.render(rect, buf);
        let text_area = Rect {
            x: inner.x.saturating_add(1),
            width: inner.width.saturating_sub(2),
            ..inner
        };
        // The box takes every click; a choice's row is its button (a click presses its key).
        clickable(rect, Target::Inert);
        for (i, (_, _, _, key)) in choices.iter().enumerate() {
            let Some(Keys::Key(code, mods)) = *key else {
                continue;
            };
            let y = u16::try_from(first_choice + i).unwrap_or(u16::MAX);
            let row = Rect {
                y: text_area.y.saturating_add(y),
                height: 1,
                ..text_area
            }
            .intersection(text_area);
            clickable(row, Target::Key(KeyEvent::new(code, mods)));
        }
        Paragraph::new(lines).render(text_area, buf);
    }
}

impl View for Help {
    fn mode(&self) -> Mode {
        Mode::Help
    }

    fn handle(&mut self, action: Action, _state: &State) -> Reply {
        match action {
            Action::Help | Action::CloseHelp => Reply::Back,
            other => {
                Help::handle(self, other);
                Reply::Done
            }
        }
    }

    fn render(&self, state: &State, area: Rect, buf: &mut Buffer) {
        Help::render(self, state.keys, state.theme, area, buf);
    }
}

impl View for RecordForm {
    fn mode(&self) -> Mode {
        RecordForm::mode(self)
    }

    /// Saving writes a file: the app's.
    fn input(&mut self, key: KeyEvent, _state: &State) -> Reply {
        Focused::input(self, key);
        Reply::Done
    }

    fn paste(&mut self, text: &str, _state: &State) {
        Focused::paste(self, text);
    }

    fn render(&self, state: &State, area: Rect, buf: &mut Buffer) {
        RecordForm::render(self, state.ladder, state.theme, state.keys, area, buf);
    }
}

/// An autosaved plan found at start.
impl View for FoundDraft {
    fn mode(&self) -> Mode {
        Mode::Resume
    }

    fn render(&self, state: &State, area: Rect, buf: &mut Buffer) {
        render_resume(self, state, area, buf);
    }
}

/// Delete this plan?
impl View for DeleteTarget {
    fn mode(&self) -> Mode {
        Mode::ConfirmDelete
    }

    fn render(&self, state: &State, area: Rect, buf: &mut Buffer) {
        render_delete(self, state, area, buf);
    }
}

/// `x` on a plan that is not dropped: why, in a line (optional). Enter drops it with what was typed, none when
/// nothing was; Esc leaves it as it was. What the keys do is the app's (`App::handle_drop_reason`): it writes.
#[derive(Debug, Clone)]
pub struct DropReason {
    pub file: PlanFile,
    pub field: TextField,
}

impl DropReason {
    pub fn new(file: PlanFile) -> DropReason {
        let mut field = TextField::new(
            "Why",
            "Why the conversation will not happen, in your words (optional).",
            false,
        );
        field.set_focused(true);
        DropReason { file, field }
    }
}

impl View for DropReason {
    fn mode(&self) -> Mode {
        Mode::DropReason
    }

    fn input(&mut self, key: KeyEvent, _state: &State) -> Reply {
        self.field.input(key);
        Reply::Done
    }

    fn paste(&mut self, text: &str, _state: &State) {
        self.field.paste(text);
    }

    fn render(&self, state: &State, area: Rect, buf: &mut Buffer) {
        let paragraphs = [
            (
                format!(
                    "Drop “{}”? The conversation will not happen. The plan is kept, and {} reopens it.",
                    one_line(&self.file.plan.display_title()),
                    state.keys.key(Context::PlanActions, Action::ToggleDropped)
                ),
                Style::new(),
            ),
            (
                format!("Why (optional): {}▏", one_line(&self.field.value())),
                state.theme.focus,
            ),
        ];
        let choices = [
            (Action::Confirm, "Drop it", true),
            (Action::Cancel, "Keep it as it is", false),
        ];
        Dialog {
            title: " Drop this plan? ",
            paragraphs: &paragraphs,
            choices: &choices,
            mode: self.mode(),
        }
        .render(state.keys, state.theme, area, buf);
    }
}

/// A plan changed on disk since it was opened: what to keep.
impl View for Conflict {
    fn mode(&self) -> Mode {
        Mode::Conflict
    }

    fn render(&self, state: &State, area: Rect, buf: &mut Buffer) {
        let theme = state.theme;
        let state_keys = state.keys;
        let what = match &self.why {
            Why::Record(form) if form.kind == RecordKind::Outcome => "the outcome you recorded",
            Why::Record(_) => "the attempt you logged",
            Why::Wizard { .. } | Why::Copy => "your edits",
            Why::Change(_) => "this change",
        };
        let name = one_line(&self.file.file_name());
        let state = match &self.disk {
            DiskNow::Changed => format!(
                "{name} changed on disk after you opened it (edited elsewhere, or synced in). Nothing has been \
                 written yet."
            ),
            DiskNow::Gone => format!(
                "{name} was deleted or moved after you opened it. Nothing has been written yet."
            ),
            DiskNow::Unwritable(reason) => format!(
                "{name} changed on disk after you opened it, and {}. It is not overwritten: fix it by hand, or \
                 keep your version as a new plan.",
                one_line(reason)
            ),
        };
        let paragraphs = [
            (state, theme.warning),
            (format!("What should happen to {what}?"), Style::new()),
        ];
        let mut choices = vec![(Action::Cancel, "Decide later: nothing is written yet", true)];
        if self.has_form() && self.disk == DiskNow::Changed {
            choices[0].2 = false;
            choices.insert(
                0,
                (
                    Action::ApplyToCurrent,
                    "Add it to the file as it is now, keeping both changes",
                    true,
                ),
            );
        }
        if self.disk == DiskNow::Changed {
            choices.push((
                Action::Reload,
                "Reload: take the file as it is now, drop this change",
                false,
            ));
        }
        choices.push((
            Action::SaveCopy,
            "Save this version as a new plan, leave the file alone",
            false,
        ));
        match self.disk {
            DiskNow::Changed => {
                choices.push((
                    Action::Overwrite,
                    "Overwrite the file with this version",
                    false,
                ));
            }
            DiskNow::Gone => {
                choices.push((
                    Action::Overwrite,
                    "Write the file again with this version",
                    false,
                ));
            }
            DiskNow::Unwritable(_) => {}
        }
        Dialog {
            title: " Changed on disk ",
            paragraphs: &paragraphs,
            choices: &choices,
            mode: self.mode(),
        }
        .render(state_keys, theme, area, buf);
    }
}

fn render_resume(found: &FoundDraft, state: &State, area: Rect, buf: &mut Buffer) {
    let plan = &found.draft.plan;
    let when = found
        .modified
        .and_then(|t| Timestamp::try_from(t).ok())
        .map(|t| {
            t.to_zoned_datetime(jiff::tz::TimeZone::system())
                .strftime("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_else(|| "earlier".into());
    let who = if plan.stakeholder.name.trim().is_empty() {
        String::new()
    } else {
        format!(" for {}", one_line(plan.stakeholder.name.trim()))
    };
    let text = format!(
        "A plan you were writing{who} was not saved: “{}”, autosaved {when}.",
        one_line(&plan.display_title())
    );
    let paragraphs = [(text, Style::new())];
    let choices = [
        (Action::Confirm, "Resume it", true),
        (Action::Cancel, "Not now: keep it for next time", false),
        (Action::DiscardDraft, "Discard it", false),
    ];
    Dialog {
        title: " Unsaved plan found ",
        paragraphs: &paragraphs,
        choices: &choices,
        mode: found.mode(),
    }
    .render(state.keys, state.theme, area, buf);
}

fn render_delete(target: &DeleteTarget, state: &State, area: Rect, buf: &mut Buffer) {
    let paragraphs = [(
        format!(
            "Delete “{}”? The file moves to the trash folder, and {} on the list brings it back.",
            one_line(&target.title),
            state.keys.key(Context::Home, Action::Undo)
        ),
        Style::new(),
    )];
    let choices = [
        (Action::Cancel, "Keep it", true),
        (Action::Confirm, "Delete it", false),
    ];
    Dialog {
        title: " Delete this plan? ",
        paragraphs: &paragraphs,
        choices: &choices,
        mode: target.mode(),
    }
    .render(state.keys, state.theme, area, buf);
}
