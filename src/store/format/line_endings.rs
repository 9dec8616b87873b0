//! Line endings of a plan file. The editor writes LF; a file written with CRLF (Windows, some sync setups) keeps
//! its line endings, so a save does not show up as a change to every line. Only the line breaks between lines
//! count: those inside a multi-line string are part of a value, and changing them would change what the user
//! wrote.

/// Whether every line break of `text` outside strings is CRLF (and there is at least one): the lines a save
/// adds then get CRLF too. A file that mixes the two keeps each old line as it is and gets LF for new ones, so
/// no line the save did not write changes.
pub fn uses_crlf(text: &str) -> bool {
    let bytes = text.as_bytes();
    let (mut crlf, mut lf) = (0usize, 0usize);
    each_line_break(text, |at| {
        if at > 0 && bytes[at - 1] == b'\r' {
            crlf += 1;
        } else {
            lf += 1;
        }
    });
    crlf > 0 && lf == 0
}

/// Ends every line with CRLF, except the line breaks inside multi-line strings.
pub fn crlf_between_lines(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut copied = 0;
    each_line_break(text, |at| {
        if at == 0 || bytes[at - 1] != b'\r' {
            out.push_str(&text[copied..at]);
            out.push('\r');
            copied = at;
        }
    });
    out.push_str(&text[copied..]);
    out
}

/// Calls `found` with the byte offset of each `\n` that ends a line (in code or a comment), in one pass. Every
/// delimiter is ASCII, so scanning bytes is safe in UTF-8.
fn each_line_break(text: &str, mut found: impl FnMut(usize)) {
    #[derive(Clone, Copy)]
    enum In {
        Code,
        Comment,
        Basic,
        Literal,
        MultiBasic,
        MultiLiteral,
    }
    let b = text.as_bytes();
    let at = |i: usize, s: &[u8]| b.get(i..).is_some_and(|rest| rest.starts_with(s));
    let mut state = In::Code;
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match (state, c) {
            (In::Code | In::Comment, b'\n') => {
                found(i);
                state = In::Code;
            }
            (In::Code, b'#') => state = In::Comment,
            (In::Code, b'"') if at(i, b"\"\"\"") => {
                state = In::MultiBasic;
                i += 3;
                continue;
            }
            (In::Code, b'\'') if at(i, b"'''") => {
                state = In::MultiLiteral;
                i += 3;
                continue;
            }
            (In::Code, b'"') => state = In::Basic,
            (In::Code, b'\'') => state = In::Literal,
            (In::Basic | In::MultiBasic, b'\\') => {
                i += 2;
                continue;
            }
            (In::Basic, b'"') | (In::Literal, b'\'') => state = In::Code,
            // A closing delimiter may carry up to two quotes of the value before it: """a"""""
            (In::MultiBasic, b'"') | (In::MultiLiteral, b'\'') if at(i, &[c; 3]) => {
                i += 3;
                while b.get(i) == Some(&c) {
                    i += 1;
                }
                state = In::Code;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_in_strings_are_left_alone() {
        let text = "a = \"x\"\nb = \"\"\"\none\ntwo\"\"\"\nc = '''\nthree\nfour'''\nd = \"\\\"\\\"\\\"\" # \"\"\"\ne = 1\n";
        let out = crlf_between_lines(text);
        assert_eq!(
            out,
            "a = \"x\"\r\nb = \"\"\"\none\ntwo\"\"\"\r\nc = '''\nthree\nfour'''\r\nd = \"\\\"\\\"\\\"\" # \"\"\"\r\ne = 1\r\n"
        );
        let parsed: toml::Table = toml::from_str(&out).unwrap();
        assert_eq!(parsed["b"].as_str(), Some("one\ntwo"));
        assert_eq!(parsed["c"].as_str(), Some("three\nfour"));
        assert_eq!(parsed["d"].as_str(), Some("\"\"\""));
        assert_eq!(crlf_between_lines(&out), out, "CRLF lines stay as they are");
    }

    #[test]
    fn only_a_file_with_crlf_between_every_line_is_a_crlf_file() {
        assert!(uses_crlf("a = 1\r\nb = 2\r\n"));
        assert!(!uses_crlf("a = 1\nb = 2\n"));
        assert!(!uses_crlf("a = 1"));
        // mixed: new lines get LF, and no old line changes
        assert!(!uses_crlf("a = 1\r\nb = 2\n"));
        // a CRLF inside a value says nothing about the file's lines
        assert!(!uses_crlf("a = \"\"\"x\r\ny\"\"\"\nb = 1\n"));
        assert!(uses_crlf("a = \"\"\"x\ny\"\"\"\r\nb = 1\r\n"));
    }
}
