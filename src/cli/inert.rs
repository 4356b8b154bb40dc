//! Output a terminal cannot act on. Notes, claims, sources and file names come from other
//! people's files; printed as they are, an escape sequence in them could retitle or recolour
//! the person's terminal, and a newline in a file name could forge a second message line.
//!
//! Every control character (C0, DEL and C1) is written as `\u{…}` text instead, except the
//! newline, the tab and the CRLF line end (of CSV) of normal output. Inside JSON strings that is the same escape JSON
//! itself uses (`\u001b`), so JSON output keeps its meaning.

use std::borrow::Cow;
use std::io::{self, Write};

/// Whether `c` must not reach a terminal raw: C0 controls, DEL and C1 controls.
fn is_control(c: char) -> bool {
    c.is_control()
}

/// `c` as the escape written in its place: `\u001b`.
fn escape(c: char) -> String {
    format!("\\u{:04x}", u32::from(c))
}

/// `text` on one line, every control character (newlines included) written as an escape:
/// for messages that name a file or quote the person's data.
pub fn one_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_control) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\n' => "\\n".to_owned(),
                '\r' => "\\r".to_owned(),
                '\t' => "\\t".to_owned(),
                c if is_control(c) => escape(c),
                c => c.to_string(),
            })
            .collect(),
    )
}

/// A writer that passes text through with its control characters escaped (newlines, tabs and
/// CRLF line ends kept). It holds back an incomplete UTF-8 sequence until the rest of it arrives, so a
/// character split across two writes is still seen whole.
pub struct InertWriter<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> InertWriter<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> Self {
        Self {
            inner,
            pending: Vec::new(),
        }
    }

    /// Writes out the valid prefix of `pending`, keeping an unfinished sequence at its end.
    fn drain(&mut self, is_final: bool) -> io::Result<()> {
        let bytes = std::mem::take(&mut self.pending);
        let mut rest: &[u8] = &bytes;
        loop {
            match std::str::from_utf8(rest) {
                // A carriage return at the end may be the first half of a CRLF: wait for the
                // next write to tell.
                Ok(text) if !is_final && text.ends_with('\r') => {
                    self.write_text(text.get(..text.len() - 1).unwrap_or_default())?;
                    self.pending = b"\r".to_vec();
                    return Ok(());
                }
                Ok(text) => {
                    self.write_text(text)?;
                    return Ok(());
                }
                Err(err) => {
                    let (valid, after) = rest.split_at(err.valid_up_to());
                    self.write_text(std::str::from_utf8(valid).unwrap_or_default())?;
                    match err.error_len() {
                        // A sequence cut short at the end: wait for the rest, unless flushing.
                        None if !is_final => {
                            self.pending = after.to_vec();
                            return Ok(());
                        }
                        None => {
                            self.inner.write_all("\u{FFFD}".as_bytes())?;
                            return Ok(());
                        }
                        Some(len) => {
                            self.inner.write_all("\u{FFFD}".as_bytes())?;
                            rest = after.get(len..).unwrap_or_default();
                        }
                    }
                }
            }
        }
    }

    /// Writes `text`, escaping every control character but the newline, the tab and the
    /// carriage return of a CRLF line end (CSV's), which only end a line.
    fn write_text(&mut self, text: &str) -> io::Result<()> {
        let mut from = 0;
        let mut chars = text.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            let is_line_end =
                c == '\n' || (c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n'));
            if is_control(c) && !is_line_end && c != '\t' {
                self.inner
                    .write_all(text.get(from..at).unwrap_or_default().as_bytes())?;
                self.inner.write_all(escape(c).as_bytes())?;
                from = at + c.len_utf8();
            }
        }
        self.inner
            .write_all(text.get(from..).unwrap_or_default().as_bytes())
    }
}

impl<W: Write> Write for InertWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        self.drain(false)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.drain(true)?;
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(pieces: &[&[u8]]) -> String {
        let mut out = InertWriter::new(Vec::new());
        for piece in pieces {
            out.write_all(piece).expect("write");
        }
        out.flush().expect("flush");
        String::from_utf8(out.inner).expect("utf-8")
    }

    #[test]
    fn escape_sequences_become_text_and_lines_stay() {
        assert_eq!(
            through(&[b"title\x1b]0;pwned\x07\n\tnext\r"]),
            "title\\u001b]0;pwned\\u0007\n\tnext\\u000d"
        );
    }

    #[test]
    fn crlf_line_ends_stay_even_split_across_writes() {
        assert_eq!(through(&[b"a,b\r\nc,d\r\n"]), "a,b\r\nc,d\r\n");
        assert_eq!(through(&[b"a,b\r", b"\nc"]), "a,b\r\nc");
        // A carriage return that does not end a line could overwrite it: escaped.
        assert_eq!(through(&[b"safe\r", b"forged\n"]), "safe\\u000dforged\n");
    }

    #[test]
    fn a_c1_control_split_across_writes_is_still_escaped() {
        // U+009B (CSI) is C2 9B in UTF-8.
        assert_eq!(through(&[b"a\xc2", b"\x9b31mred"]), "a\\u009b31mred");
        assert_eq!(through(&["é".as_bytes()]), "é");
    }

    #[test]
    fn invalid_bytes_become_replacement_characters() {
        assert_eq!(through(&[b"a\xffb", b"\xc3"]), "a\u{FFFD}b\u{FFFD}");
    }

    #[test]
    fn messages_are_kept_on_one_line() {
        assert_eq!(one_line("file\nname.txt"), "file\\nname.txt");
        assert_eq!(one_line("plain"), Cow::Borrowed("plain"));
    }
}
