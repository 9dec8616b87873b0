//! Making text from files safe to show: a plan file may hold escape sequences that would otherwise drive the
//! user's terminal.

/// Replaces control characters with visible escapes so that text read from a file can never move the cursor,
/// change colours or retitle the terminal. Newlines and tabs are kept when `multiline` is set.
pub fn printable(s: &str, multiline: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' if multiline => out.push('\n'),
            '\t' => out.push_str(if multiline { "\t" } else { " " }),
            '\r' => {}
            c if c.is_control() || is_bidi_control(c) => {
                out.extend(c.escape_unicode());
            }
            c => out.push(c),
        }
    }
    out
}

/// One line of text: control characters escaped and line breaks shown as spaces, for lists and tables.
pub fn one_line(s: &str) -> String {
    printable(&s.replace(['\n', '\r'], " "), false)
}

/// Bidirectional overrides can make a line read differently from what it holds (CVE-2021-42574), so they are
/// shown rather than obeyed. Ordinary right-to-left letters are left alone.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_terminal_sequences() {
        let s = printable("a\u{1b}[31mred\u{7}", false);
        assert!(!s.contains('\u{1b}'));
        assert!(s.contains("\\u{1b}"));
        assert!(!s.contains('\u{7}'));
    }

    #[test]
    fn keeps_newlines_only_when_asked() {
        assert_eq!(printable("a\nb", true), "a\nb");
        assert_eq!(one_line("a\nb"), "a b");
    }

    #[test]
    fn leaves_unicode_alone() {
        assert_eq!(printable("Zhāng Wěi שלום 👩‍⚕️", false), "Zhāng Wěi שלום 👩‍⚕️");
    }
}
