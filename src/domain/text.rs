//! Making text from files safe to show: a plan file may hold escape sequences that would otherwise drive the
//! user's terminal.

/// Replaces control characters with visible escapes so that text read from a file can never move the cursor,
/// change colours or retitle the terminal. Newlines and tabs are kept when `multiline` is set.
pub(crate) fn printable(s: &str, multiline: bool) -> String {
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

/// How many characters of a value from a file a message quotes back.
pub(crate) const QUOTE_CHARS: usize = 60;

/// A value from a file as a message quotes it: its first line, at most `max` characters, `…` where it was cut,
/// control characters escaped. A message never grows with the file (a megabyte-long value is not printed back).
pub(crate) fn quoted(s: &str, max: usize) -> String {
    let line = s.lines().next().unwrap_or_default();
    let mut out: String = line.chars().take(max).collect();
    if out.len() < line.len() || s.trim_end().lines().nth(1).is_some() {
        out.push('…');
    }
    one_line(&out)
}

/// A parser's message, which may quote the file (``unknown variant `…` ``, `string "…"`), cut to one line with
/// each quoted part cut to `max` characters.
pub(crate) fn cut_quotes(message: &str, max: usize) -> String {
    let line = message.trim().lines().next().unwrap_or_default();
    let mut out = String::with_capacity(line.len().min(4 * max + 200));
    let mut open: Option<char> = None;
    let mut inside = 0;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match open {
            Some(q) if c == q => {
                open = None;
                out.push(c);
            }
            Some(q) => {
                // `\"` inside double quotes is a quote in the value, not the end of it.
                let escaped = (q == '"' && c == '\\').then(|| chars.next()).flatten();
                inside += 1;
                if inside <= max {
                    out.push(c);
                    out.extend(escaped);
                } else if inside == max + 1 {
                    out.push('…');
                }
            }
            None => {
                if c == '`' || c == '"' {
                    open = Some(c);
                    inside = 0;
                }
                out.push(c);
            }
        }
    }
    one_line(&out)
}

/// The longest a one-line message that quotes a file may be: room for our own words and a list of what is
/// accepted, never a file's worth.
pub(crate) const MESSAGE_CHARS: usize = 400;

/// A message of ours that quotes a file (a name, a value), as it is shown: its quoted parts cut to
/// [`QUOTE_CHARS`] and the whole to [`MESSAGE_CHARS`], on one line.
pub(crate) fn cut_message(message: &str) -> String {
    let cut = cut_quotes(message, QUOTE_CHARS);
    match cut.char_indices().nth(MESSAGE_CHARS) {
        Some((at, _)) => format!("{}…", &cut[..at]),
        None => cut,
    }
}

/// Bidirectional overrides can make a line read differently from what it holds (CVE-2021-42574), so they are
/// shown rather than obeyed. Ordinary right-to-left letters are left alone.
pub(crate) fn is_bidi_control(c: char) -> bool {
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
    fn quotes_from_files_stay_on_one_short_line() {
        assert_eq!(quoted("short", 10), "short");
        assert_eq!(quoted(&"x".repeat(1000), 5), "xxxxx…");
        assert_eq!(quoted("one\ntwo", 10), "one…");
        assert_eq!(quoted("é\u{1b}", 10), "é\\u{1b}");
        let huge = "y".repeat(100_000);
        let message = format!("unknown variant `{huge}`, expected `a4` or `letter`\nmore");
        assert_eq!(
            cut_quotes(&message, 6),
            "unknown variant `yyyyyy…`, expected `a4` or `letter`"
        );
        let message = format!("invalid type: string \"{huge}\\\"{huge}\", expected a table");
        assert_eq!(
            cut_quotes(&message, 3),
            "invalid type: string \"yyy…\", expected a table"
        );
    }

    #[test]
    fn messages_quoting_files_stay_short() {
        let huge = "k".repeat(100_000);
        let said = cut_message(&format!("unknown key context [keys.{huge}] ignored"));
        assert_eq!(said.chars().count(), MESSAGE_CHARS + 1);
        assert!(said.ends_with('…'));
        assert_eq!(cut_message("a \"b\" c"), "a \"b\" c");
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
