//! Line breaking and shortening, shared by every renderer so that a terminal column and a PDF point are handled
//! by the same rules. Widths come from a measure function: display columns for text, glyph advances for PDF.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The mark left where text was cut.
pub(crate) const ELLIPSIS: char = '…';

/// Display width in terminal columns, wide (CJK) characters counting as two.
pub(crate) fn columns(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Columns as the `f32` measure the wrapping functions take.
pub(crate) fn column_measure(s: &str) -> f32 {
    columns(s) as f32
}

/// Pieces of a word that may be broken apart: one character plus any combining marks after it, so that "ă" or
/// an accent typed as a separate mark never loses its letter.
fn clusters(word: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in word.char_indices().skip(1) {
        let combining = UnicodeWidthChar::width(c) == Some(0) && !c.is_control();
        if !combining {
            out.push(&word[start..i]);
            start = i;
        }
    }
    if start < word.len() {
        out.push(&word[start..]);
    }
    out
}

/// Breaks a word wider than `max` into pieces that fit (a name with no spaces, a long URL, a run of CJK text).
/// Widths add up piece by piece (no measure here kerns), so a long word costs one pass.
fn break_word<'a>(word: &'a str, max: f32, measure: &dyn Fn(&str) -> f32) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut end = 0;
    let mut width = 0.0;
    for cluster in clusters(word) {
        let w = measure(cluster);
        if end > start && width + w > max {
            out.push(&word[start..end]);
            start = end;
            width = 0.0;
        }
        width += w;
        end += cluster.len();
    }
    if start < word.len() {
        out.push(&word[start..]);
    }
    out
}

/// What [`wrap_with`] does with spaces and line breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Spaces {
    /// Every run of whitespace, line breaks included, is one space; an empty text gives no lines. For the plan
    /// page, where text flows into boxes.
    Collapse,
    /// Spaces inside a line are kept as typed (a ladder legend aligned with two spaces stays aligned), every line
    /// break starts a new line, and an empty text gives one empty line. For the terminal screens, which show a
    /// field as it was typed. A space where a line is broken is dropped.
    Keep,
}

/// Greedy word wrap: as many words on a line as fit within `max`, words longer than a line broken. Whitespace
/// runs collapse to one space; an empty text gives no lines. Each word is measured once, so a long text wraps
/// in time proportional to its length.
pub(crate) fn wrap(text: &str, max: f32, measure: &dyn Fn(&str) -> f32) -> Vec<String> {
    wrap_with(text, max, measure, Spaces::Collapse)
}

/// Greedy word wrap with a choice of what happens to spaces and line breaks (see [`Spaces`]).
pub(crate) fn wrap_with(
    text: &str,
    max: f32,
    measure: &dyn Fn(&str) -> f32,
    spaces: Spaces,
) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    match spaces {
        Spaces::Collapse => {
            let line = wrap_words(text.split_whitespace(), max, measure, &mut lines);
            if !line.is_empty() {
                lines.push(line);
            }
        }
        Spaces::Keep => {
            for paragraph in text.split('\n') {
                let line = wrap_words(paragraph.split(' '), max, measure, &mut lines);
                lines.push(line);
            }
        }
    }
    lines
}

/// Puts `words` on lines one space apart, pushing every full line to `lines`; returns the last, unfinished line.
fn wrap_words<'a>(
    words: impl Iterator<Item = &'a str>,
    max: f32,
    measure: &dyn Fn(&str) -> f32,
    lines: &mut Vec<String>,
) -> String {
    let space = measure(" ");
    let mut line = String::new();
    let mut width = 0.0;
    for word in words {
        let w = measure(word);
        if !line.is_empty() && width + space + w <= max {
            line.push(' ');
            line.push_str(word);
            width += space + w;
            continue;
        }
        if line.is_empty() && w <= max {
            line.push_str(word);
            width = w;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if w <= max {
            line = word.to_string();
            width = w;
        } else {
            let mut pieces = break_word(word, max, measure);
            let last = pieces.pop().unwrap_or_default();
            lines.extend(pieces.into_iter().map(str::to_string));
            line = last.to_string();
            width = measure(last);
        }
    }
    line
}

/// Cuts text to at most `max` measured width, at a word boundary when there is one, ending with an ellipsis.
/// Returns the text and whether anything was cut. Whitespace is normalised either way.
pub(crate) fn shorten(text: &str, max: f32, measure: &dyn Fn(&str) -> f32) -> (String, bool) {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if measure(&text) <= max {
        return (text, false);
    }
    let room = max - measure(&ELLIPSIS.to_string());
    let space = measure(" ");
    let mut kept = String::new();
    let mut width = 0.0;
    for word in text.split(' ') {
        let w = measure(word);
        let next = if kept.is_empty() {
            w
        } else {
            width + space + w
        };
        if next > room {
            break;
        }
        if !kept.is_empty() {
            kept.push(' ');
        }
        kept.push_str(word);
        width = next;
    }
    // A first word longer than the room (a long name, CJK text without spaces) is cut inside the word.
    if kept.is_empty() || width < room / 2.0 {
        kept.clear();
        let mut width = 0.0;
        for cluster in clusters(&text) {
            let w = measure(cluster);
            if width + w > room {
                break;
            }
            width += w;
            kept.push_str(cluster);
        }
    }
    let kept = kept.trim_end_matches(|c: char| c.is_whitespace() || ",;:-–—".contains(c));
    (format!("{kept}{ELLIPSIS}"), true)
}

/// As [`shorten`], but ending at the last full sentence that fits when that keeps at least half the room, so a
/// shortened answer reads as finished rather than stopping mid-thought.
pub(crate) fn shorten_sentence(
    text: &str,
    max: f32,
    measure: &dyn Fn(&str) -> f32,
) -> (String, bool) {
    let (short, cut) = shorten(text, max, measure);
    if !cut {
        return (short, cut);
    }
    let kept = short.trim_end_matches(ELLIPSIS);
    let end = kept
        .char_indices()
        .filter(|&(i, c)| {
            matches!(c, '.' | '!' | '?' | '。' | '！' | '？')
                && kept[i + c.len_utf8()..].starts_with(' ')
        })
        .map(|(i, c)| i + c.len_utf8())
        .next_back();
    match end {
        Some(end) if measure(&kept[..end]) >= max / 2.0 => {
            (format!("{} {ELLIPSIS}", &kept[..end]), true)
        }
        _ => (short, true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(text: &str, max: usize) -> Vec<String> {
        wrap(text, max as f32, &column_measure)
    }

    #[test]
    fn wraps_at_words_and_breaks_long_words() {
        assert_eq!(w("the quick brown fox", 10), ["the quick", "brown fox"]);
        assert_eq!(w("  ", 10), Vec::<String>::new());
        assert_eq!(w("abcdefghijkl xy", 5), ["abcde", "fghij", "kl xy"]);
        for line in w(&"张伟".repeat(20), 9) {
            assert!(columns(&line) <= 9, "{line}");
        }
    }

    #[test]
    fn combining_marks_stay_with_their_letter() {
        let text = "e\u{301}".repeat(6);
        for line in w(&text, 2) {
            assert!(!line.starts_with('\u{301}'), "{line:?}");
            assert_eq!(columns(&line), 2);
        }
    }

    #[test]
    fn shortens_at_a_word_with_an_ellipsis() {
        let m = &column_measure;
        assert_eq!(shorten("short", 10.0, m), ("short".to_string(), false));
        let (s, cut) = shorten("one two three four five", 14.0, m);
        assert!(cut);
        assert_eq!(s, "one two three…");
        let (s, _) = shorten("alpha, beta gamma", 12.0, m);
        assert_eq!(s, "alpha, beta…");
        let (s, _) = shorten("a, bbbbbbbbbbbbbbbbbbbbb", 10.0, m);
        assert!(columns(&s) <= 10, "{s}");
        let (s, cut) = shorten(&"Ψυχίατρος".repeat(10), 12.0, m);
        assert!(cut && columns(&s) <= 12, "{s}");
        let (s, _) = shorten(&"张".repeat(30), 11.0, m);
        assert!(columns(&s) <= 11, "{s}");
    }

    #[test]
    fn shortening_prefers_a_sentence_end() {
        let m = &column_measure;
        let text = "The pilot stops after four weeks. Nothing else changes in the rota at all.";
        let (s, cut) = shorten_sentence(text, 50.0, m);
        assert!(cut);
        assert_eq!(s, "The pilot stops after four weeks. …");
        // No sentence end in the first half: cut at a word as usual.
        let (s, _) = shorten_sentence("Yes. and then a great many words follow here", 30.0, m);
        assert!(s.starts_with("Yes. and then"), "{s}");
        assert!(columns(&s) <= 30);
    }
}
