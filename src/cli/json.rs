//! JSON for `--json` outputs, safe to print to a terminal: held as one text, or written as it is made.

use std::io::Write;

use super::Failure;

/// Pretty JSON for `--json` outputs, safe to print to a terminal. JSON itself escapes only the controls below
/// U+0020; DEL, the C1 controls (U+0080 to U+009F, where U+009B starts an escape sequence in some terminals) and
/// bidirectional overrides can only appear inside strings, so writing them as `\uXXXX` keeps the JSON equal.
pub(crate) fn json(value: &impl serde::Serialize) -> Result<String, Failure> {
    let text = serde_json::to_string_pretty(value)?;
    let unsafe_char = unsafe_in_terminal;
    // Nearly always there is none: hand the text back without copying it (megabytes for a large `list --json`).
    if !text.chars().any(unsafe_char) {
        return Ok(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Ok(out)
}

/// [`json`], written to `w` as it is made, with a final line break: for outputs too large to hold.
pub(crate) fn write_json(w: &mut dyn Write, value: &impl serde::Serialize) -> std::io::Result<()> {
    let mut printable = PrintableJson {
        inner: w,
        pending: Vec::new(),
    };
    // serde_json writes a token at a time (a quote, a key, an indent): gathered first, the check below runs over
    // large pieces. Written unbatched, 730 KB of `list --json` for 1,000 plans took 5.6 ms.
    let mut batched = std::io::BufWriter::with_capacity(1 << 15, &mut printable);
    serde_json::to_writer_pretty(&mut batched, value).map_err(std::io::Error::other)?;
    batched.write_all(b"\n")?;
    batched.flush()?;
    drop(batched);
    printable.flush()
}

/// Writes JSON text with the characters [`json`] escapes escaped, holding back a character split between writes.
struct PrintableJson<'a> {
    inner: &'a mut dyn Write,
    pending: Vec<u8>,
}

impl Write for PrintableJson<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // Every character escaped starts with one of these bytes (U+007F; U+0080 to U+009F as C2 80 to C2 9F; the
        // bidi controls as E2 80 or E2 81): without them the piece passes as it is, but for a character cut at
        // its end, held back so that the next piece starts on a character.
        if self.pending.is_empty() && !buf.iter().any(|&b| matches!(b, 0x7f | 0xc2 | 0xe2)) {
            let whole = whole_chars(buf);
            self.inner.write_all(&buf[..whole])?;
            self.pending.extend_from_slice(&buf[whole..]);
            return Ok(buf.len());
        }
        self.pending.extend_from_slice(buf);
        let (valid, rest) = match std::str::from_utf8(&self.pending) {
            Ok(text) => (text.len(), 0),
            Err(e) if e.error_len().is_none() => {
                (e.valid_up_to(), self.pending.len() - e.valid_up_to())
            }
            Err(_) => return Err(std::io::Error::other("JSON output that is not UTF-8")),
        };
        let text = std::str::from_utf8(&self.pending[..valid]).unwrap_or_default();
        let mut start = 0;
        for (at, c) in text.char_indices() {
            if unsafe_in_terminal(c) {
                self.inner.write_all(&text.as_bytes()[start..at])?;
                write!(self.inner, "\\u{:04x}", c as u32)?;
                start = at + c.len_utf8();
            }
        }
        self.inner.write_all(&text.as_bytes()[start..])?;
        self.pending.drain(..self.pending.len() - rest);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.write_all(&std::mem::take(&mut self.pending))?;
        self.inner.flush()
    }
}

/// How many bytes of `buf` come before a character cut at its end (all of them when none is).
fn whole_chars(buf: &[u8]) -> usize {
    // The start of the last character: at most three continuation bytes (10xxxxxx) back.
    let Some(start) = (buf.len().saturating_sub(4)..buf.len())
        .rev()
        .find(|&i| buf[i] & 0xc0 != 0x80)
    else {
        return buf.len();
    };
    let needs = match buf[start] {
        b if b >= 0xf0 => 4,
        b if b >= 0xe0 => 3,
        b if b >= 0xc0 => 2,
        _ => 1,
    };
    if buf.len() - start < needs {
        start
    } else {
        buf.len()
    }
}

/// Characters JSON may hold raw in strings that a terminal could obey: DEL, the C1 controls, bidi overrides.
fn unsafe_in_terminal(c: char) -> bool {
    c == '\u{7f}'
        || ('\u{80}'..='\u{9f}').contains(&c)
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    #[test]
    fn streamed_json_is_the_held_json_even_written_a_byte_at_a_time() {
        let value = serde_json::json!({"a": ["x\u{202e}y", "é\u{9b}张", "\u{7f}"], "b": 1});
        let held = super::json(&value).unwrap() + "\n";
        let mut whole = Vec::new();
        super::write_json(&mut whole, &value).unwrap();
        assert_eq!(String::from_utf8(whole).unwrap(), held);
        // serde_json hands over pieces: a character split between two writes must still be escaped.
        let text = serde_json::to_string_pretty(&value).unwrap();
        let mut out = Vec::new();
        let mut w = super::PrintableJson {
            inner: &mut out,
            pending: Vec::new(),
        };
        for b in text.as_bytes().chunks(1) {
            std::io::Write::write_all(&mut w, b).unwrap();
        }
        std::io::Write::flush(&mut w).unwrap();
        assert_eq!(String::from_utf8(out).unwrap() + "\n", held);
    }

    #[test]
    fn pieces_without_a_byte_that_could_start_an_escape_pass_whole_characters() {
        // "é" (C3 A9) and "张" (E5 BC A0) cut anywhere, then an escape after them: the same text as written whole.
        let text = "{\"a\": \"xé张\", \"b\": \"\u{9b}\u{202e}\"}";
        let value = serde_json::from_str::<serde_json::Value>(text).unwrap();
        let held = super::json(&value).unwrap();
        let raw = serde_json::to_string_pretty(&value).unwrap();
        for cut in 1..raw.len() {
            let mut out = Vec::new();
            let mut w = super::PrintableJson {
                inner: &mut out,
                pending: Vec::new(),
            };
            let (a, b) = raw.as_bytes().split_at(cut);
            std::io::Write::write_all(&mut w, a).unwrap();
            std::io::Write::write_all(&mut w, b).unwrap();
            std::io::Write::flush(&mut w).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), held, "cut at {cut}");
        }
        assert_eq!(super::whole_chars("xé".as_bytes()), 3);
        assert_eq!(super::whole_chars(&"xé".as_bytes()[..2]), 1);
        assert_eq!(super::whole_chars(&"张".as_bytes()[..2]), 0);
        assert_eq!(super::whole_chars(b""), 0);
    }
}
