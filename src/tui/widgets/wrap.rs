//! Word wrapping by display width, so that layout code can know how many rows a text needs before drawing it
//! (ratatui's own count is unstable API). Wide characters count as two columns; combining marks as none.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::export::wrap::{Spaces, column_measure, wrap_with};

/// Splits `text` into rows no wider than `width` columns, breaking at spaces where it can and inside a word only
/// when the word alone is wider than a row. Explicit line breaks and spaces inside a row are kept: this is the
/// plan page's wrapper (`export::wrap`) measuring columns.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    wrap_with(text, width.max(1) as f32, &column_measure, Spaces::Keep)
}

/// Cuts a string to at most `width` columns, ending with "…" when something was cut. Reads only as far as the
/// width reaches, so that a title a megabyte long costs a frame no more than a short one.
pub fn truncate(text: &str, width: usize) -> String {
    let mut used = 0;
    // where the text is cut when it does not fit: the first character past `width - 1` columns
    let mut cut = None;
    for (i, c) in text.char_indices() {
        let cw = c.width().unwrap_or(0);
        if cut.is_none() && used + cw > width.saturating_sub(1) {
            cut = Some(i);
        }
        used += cw;
        if used > width {
            if width == 0 {
                return String::new();
            }
            return format!("{}…", &text[..cut.unwrap_or(i)]);
        }
    }
    text.to_string()
}

/// Pads (or truncates) to exactly `width` columns.
pub fn fit(text: &str, width: usize) -> String {
    let t = truncate(text, width);
    let pad = width.saturating_sub(t.width());
    t + &" ".repeat(pad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_and_keeps_breaks() {
        assert_eq!(wrap("the quick brown fox", 10), ["the quick", "brown fox"]);
        assert_eq!(wrap("a\nb", 10), ["a", "b"]);
        assert_eq!(wrap("", 10), [""]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("a  b", 10), ["a  b"], "spaces inside a row are kept");
        assert_eq!(wrap("abcd efgh", 4), ["abcd", "efgh"]);
        assert_eq!(wrap("ab\n\ncd", 10), ["ab", "", "cd"]);
    }

    #[test]
    fn counts_wide_characters_as_two() {
        assert_eq!(wrap("张伟张伟", 4), ["张伟", "张伟"]);
        assert_eq!(truncate("张伟张伟", 5), "张伟…");
        assert_eq!(fit("ab", 4), "ab  ");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("abcd", 3), "ab…");
        assert_eq!(
            truncate("a\u{301}bc", 3),
            "a\u{301}bc",
            "combining marks take no column"
        );
        assert_eq!(truncate("张", 1), "…");
        assert_eq!(truncate("", 0), "");
    }
}
