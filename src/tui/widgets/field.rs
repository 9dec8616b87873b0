//! A labelled text field: a ratatui-textarea editor (Unicode-aware cursor, words, undo, wrapping) with the
//! label, hint and line-handling rules the wizard needs.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Modifier, Style};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::wrap::{truncate, wrap};

#[derive(Debug, Clone)]
pub struct TextField {
    pub label: &'static str,
    /// Shown under the form while the field has the focus.
    pub hint: String,
    /// Multi-line fields take Enter as a line break; one-line fields move on.
    pub multiline: bool,
    /// A one-line field whose text wraps onto up to three rows instead of scrolling sideways.
    pub wraps: bool,
    pub textarea: TextArea<'static>,
    /// Text with line breaks (written in the file by hand, or by the command line) shown in a one-line field:
    /// the flattened text as shown, and the text as it was. Saved untouched, it keeps its line breaks.
    flattened: Option<(String, String)>,
}

fn styled(mut textarea: TextArea<'static>, wraps: bool, placeholder: &str) -> TextArea<'static> {
    textarea.set_cursor_line_style(Style::new());
    textarea.set_cursor_style(Style::new());
    textarea.set_selection_style(Style::new().add_modifier(Modifier::REVERSED));
    textarea.set_placeholder_style(Style::new().add_modifier(Modifier::DIM));
    textarea.set_placeholder_text(placeholder);
    if wraps {
        textarea.set_wrap_mode(WrapMode::WordOrGlyph);
    }
    textarea
}

impl TextField {
    pub fn new(label: &'static str, hint: impl Into<String>, multiline: bool) -> Self {
        TextField {
            label,
            hint: hint.into(),
            multiline,
            wraps: multiline,
            textarea: styled(TextArea::default(), multiline, ""),
            flattened: None,
        }
    }

    /// Makes a one-line field wrap its text rather than scroll it sideways.
    pub fn wrapping(mut self) -> Self {
        self.wraps = true;
        self.textarea.set_wrap_mode(WrapMode::WordOrGlyph);
        self
    }

    pub fn with_placeholder(mut self, placeholder: &str) -> Self {
        self.textarea.set_placeholder_text(placeholder);
        self
    }

    pub fn set_placeholder(&mut self, placeholder: &str) {
        if self.textarea.placeholder_text() != placeholder {
            self.textarea.set_placeholder_text(placeholder);
        }
    }

    /// The text as typed, lines joined with `\n`.
    pub fn text(&self) -> String {
        self.textarea.lines().join("\n")
    }

    /// The text with surrounding blank space removed, as it is saved. Text that was only shown on one line
    /// keeps its own line breaks unless it was edited.
    pub fn value(&self) -> String {
        let text = self.text();
        match &self.flattened {
            Some((shown, original)) if *shown == text => original.trim().to_string(),
            _ => text.trim().to_string(),
        }
    }

    /// Non-empty lines, trimmed: for fields that are lists, one item a line.
    pub fn items(&self) -> Vec<String> {
        self.textarea
            .lines()
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.value().is_empty()
    }

    /// Replaces the text, cursor at the end.
    pub fn set_text(&mut self, text: &str) {
        let original = text;
        let text = self.as_shown(text);
        self.flattened =
            (!self.multiline && text != original).then(|| (text.clone(), original.to_string()));
        let placeholder = self.textarea.placeholder_text().to_string();
        let focused = self.textarea.cursor_style() != Style::new();
        let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        self.textarea = styled(TextArea::new(lines), self.wraps, &placeholder);
        self.textarea.move_cursor(CursorMove::Bottom);
        self.textarea.move_cursor(CursorMove::End);
        self.set_focused(focused);
    }

    /// Whether the field shows exactly what loading `text` into it would: nothing was typed since, so what to
    /// save is `text` as it was (its spaces, line breaks and carriage returns), not the text as shown.
    pub fn shows(&self, text: &str) -> bool {
        self.text() == self.as_shown(text)
    }

    /// Text as the field shows it: a one-line field shows line breaks as spaces, a multi-line one CRLF as LF.
    fn as_shown(&self, text: &str) -> String {
        if self.multiline {
            text.replace("\r\n", "\n")
        } else {
            text.replace(['\r', '\n'], " ")
        }
    }

    /// Sets the items of a list field, one a line.
    pub fn set_items(&mut self, items: &[String]) {
        self.set_text(&items.join("\n"));
    }

    /// Shows the cursor only in the focused field.
    pub fn set_focused(&mut self, focused: bool) {
        let style = if focused {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        self.textarea.set_cursor_style(style);
    }

    /// Passes a key to the editor; returns whether the text changed. One-line fields refuse line breaks.
    pub fn input(&mut self, key: KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let breaks_line = matches!(key.code, KeyCode::Enter)
            || (ctrl && matches!(key.code, KeyCode::Char('m')))
            || matches!(key.code, KeyCode::Char('\n' | '\r'));
        if breaks_line && !self.multiline {
            return false;
        }
        // Readline's keys, not the editor's: Ctrl-U deletes to the start of the line (the editor's undo would
        // surprise every shell user), so undo is Ctrl-Z.
        if key.modifiers == KeyModifiers::CONTROL {
            match key.code {
                KeyCode::Char('u') => return self.textarea.delete_line_by_head(),
                KeyCode::Char('z') => return self.textarea.undo(),
                _ => {}
            }
        }
        // The editor steps by code point; a letter with a combining accent, or an emoji made of several, is one
        // character to the reader, so the key is repeated across all of it.
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match key.code {
            KeyCode::Left | KeyCode::Backspace if plain => {
                let mut changed = false;
                for _ in 0..self.cluster_chars(false).max(1) {
                    changed |= self.textarea.input(key);
                }
                changed
            }
            // The editor's own step forward skips a zero-width mark on its own; jumping past the whole cluster,
            // then deleting backwards, takes exactly its code points.
            KeyCode::Right | KeyCode::Delete if plain => {
                let n = self.cluster_chars(true);
                if n <= 1 {
                    return self.textarea.input(key);
                }
                let cursor = self.textarea.cursor();
                let (Ok(row), Ok(col)) = (
                    u16::try_from(cursor.0),
                    u16::try_from(cursor.1.saturating_add(n)),
                ) else {
                    return self.textarea.input(key);
                };
                self.textarea.move_cursor(CursorMove::Jump(row, col));
                if key.code == KeyCode::Right {
                    return false;
                }
                for _ in 0..n {
                    self.textarea.delete_char();
                }
                true
            }
            _ => self.textarea.input(key),
        }
    }

    /// How many code points make up the character (grapheme cluster) before the cursor, or after it.
    fn cluster_chars(&self, after: bool) -> usize {
        use unicode_segmentation::UnicodeSegmentation;
        let cursor = self.textarea.cursor();
        let Some(line) = self.textarea.lines().get(cursor.0) else {
            return 1;
        };
        let at = line
            .char_indices()
            .nth(cursor.1)
            .map_or(line.len(), |(i, _)| i);
        let cluster = if after {
            line.get(at..).and_then(|rest| rest.graphemes(true).next())
        } else {
            line.get(..at)
                .and_then(|before| before.graphemes(true).next_back())
        };
        cluster.map_or(1, |g| g.chars().count())
    }

    /// Inserts pasted text at the cursor; a one-line field gets its line breaks as spaces.
    pub fn paste(&mut self, text: &str) -> bool {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let text = if self.multiline {
            text
        } else {
            text.replace('\n', " ")
        };
        self.textarea.insert_str(text)
    }

    /// Draws the text from its start, as a field without the focus shows it. The editor scrolls to keep its
    /// cursor in view and stays scrolled after the focus leaves (or the screen is resized), which showed the end of
    /// a role, or empty rows, with nothing to say there was more. A cut is marked with "…".
    pub fn render_at_rest(&self, area: Rect, buf: &mut Buffer) {
        let width = usize::from(area.width);
        if width == 0 || area.height == 0 {
            return;
        }
        let mut rows: Vec<String> = Vec::new();
        for line in self.textarea.lines() {
            if self.wraps {
                rows.extend(wrap(line, width));
            } else {
                rows.push(truncate(line, width));
            }
        }
        let fits = usize::from(area.height);
        if rows.len() > fits {
            rows.truncate(fits);
            if let Some(last) = rows.last_mut() {
                let kept = truncate(last, width.saturating_sub(2));
                *last = if kept.ends_with('…') {
                    kept
                } else {
                    format!("{kept} …")
                };
            }
        }
        for (y, row) in (area.y..area.bottom()).zip(rows) {
            buf.set_string(area.x, y, row, Style::new());
        }
    }

    /// Rows the field would like at `width` columns: one for a one-line field; for a multi-line field, its
    /// wrapped text plus a spare row when focused, between 2 and `max`.
    pub fn height(&self, width: u16, focused: bool, max: u16) -> u16 {
        if !self.wraps {
            return 1;
        }
        let rows: usize = self
            .textarea
            .lines()
            .iter()
            .map(|l| wrap(l, usize::from(width.max(1))).len())
            .sum();
        let rows = u16::try_from(rows).unwrap_or(u16::MAX);
        if !self.multiline {
            return rows.clamp(1, 3);
        }
        rows.saturating_add(u16::from(focused)).clamp(2, max.max(2))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn one_line_fields_refuse_line_breaks() {
        let mut f = TextField::new("Name", "", false);
        for c in "Dr O".chars() {
            f.input(key(KeyCode::Char(c)));
        }
        assert!(!f.input(key(KeyCode::Enter)));
        f.paste("kafor\nsecond line");
        assert_eq!(f.text(), "Dr Okafor second line");
    }

    #[test]
    fn line_breaks_written_elsewhere_survive_a_one_line_field_unless_edited() {
        let mut f = TextField::new("Notes", "", false);
        f.set_text("He agreed.\nBut only for a month.");
        assert_eq!(f.text(), "He agreed. But only for a month.");
        assert_eq!(
            f.value(),
            "He agreed.\nBut only for a month.",
            "shown, not edited"
        );
        f.input(key(KeyCode::Char('!')));
        assert_eq!(
            f.value(),
            "He agreed. But only for a month.!",
            "edited: as shown"
        );
    }

    #[test]
    fn a_field_at_rest_shows_its_text_from_the_start_and_marks_a_cut() {
        let mut f = TextField::new("Cares about", "", true);
        f.set_items(&(1..=8).map(|i| format!("item {i}")).collect::<Vec<_>>());
        let area = Rect::new(0, 0, 20, 3);
        let mut buf = Buffer::empty(area);
        f.render_at_rest(area, &mut buf);
        let rows: Vec<String> = (0..3)
            .map(|y| {
                (0..20)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect::<String>()
            })
            .collect();
        assert_eq!(rows[0].trim_end(), "item 1");
        assert_eq!(rows[2].trim_end(), "item 3 …");
    }

    #[test]
    fn cursor_and_deletion_step_over_whole_characters() {
        let mut f = TextField::new("Role", "", false);
        f.set_text("cafe\u{301}");
        f.input(key(KeyCode::Left));
        f.input(key(KeyCode::Char('X')));
        assert_eq!(f.text(), "cafXe\u{301}", "the accent stays on its e");
        f.input(key(KeyCode::Delete));
        assert_eq!(f.text(), "cafX", "Delete takes e and its accent");
        f.set_text("a\u{1F469}\u{200D}\u{2695}\u{FE0F}b");
        f.input(key(KeyCode::Left));
        f.input(key(KeyCode::Backspace));
        assert_eq!(f.text(), "ab", "one Backspace takes the whole emoji");
        f.input(key(KeyCode::Backspace));
        assert_eq!(f.text(), "b");
        f.set_text("e\u{301}x");
        f.input(key(KeyCode::Home));
        f.input(key(KeyCode::Right));
        f.input(key(KeyCode::Char('Y')));
        assert_eq!(f.text(), "e\u{301}Yx", "Right steps over e and its accent");
        f.set_text("张伟");
        f.input(key(KeyCode::Left));
        f.input(key(KeyCode::Backspace));
        assert_eq!(f.text(), "伟");
    }

    #[test]
    fn multi_line_fields_keep_lines_and_list_items() {
        let mut f = TextField::new("Points", "", true);
        f.paste("one\r\n  two  \n\nthree");
        assert_eq!(f.items(), ["one", "two", "three"]);
        f.set_text("a\nb");
        assert_eq!(f.text(), "a\nb");
        assert_eq!(f.height(20, false, 6), 2);
        assert_eq!(f.height(20, true, 6), 3);
    }

    #[test]
    fn word_editing_and_wide_characters() {
        let mut f = TextField::new("Name", "", false);
        f.paste("张伟 👩‍⚕️ café");
        f.input(KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL));
        assert_eq!(f.text(), "张伟 👩‍⚕️ ");
        f.input(key(KeyCode::Home));
        f.input(key(KeyCode::Char('X')));
        assert_eq!(f.text(), "X张伟 👩‍⚕️ ");
    }

    #[test]
    fn ctrl_u_deletes_to_the_start_of_the_line_and_ctrl_z_undoes() {
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        let mut f = TextField::new("Name", "", false);
        for c in "Dr Okafor".chars() {
            f.input(key(KeyCode::Char(c)));
        }
        for _ in 0..6 {
            f.input(key(KeyCode::Left));
        }
        assert!(f.input(ctrl('u')));
        assert_eq!(f.text(), "Okafor");
        assert!(f.input(ctrl('z')));
        assert_eq!(f.text(), "Dr Okafor");
    }
}
