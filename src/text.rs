//! Offsets: the engine works on byte offsets internally and speaks char (Unicode scalar value)
//! offsets to the outside. [`CharIndex`] converts between the two in one place.

/// Maps byte offsets of one string to char offsets and back.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// Byte offset of every char start, plus the string's length at the end.
    char_starts_bytes: Vec<usize>,
}

impl CharIndex {
    /// Builds the index for `text`.
    pub fn new(text: &str) -> Self {
        let mut char_starts_bytes: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        char_starts_bytes.push(text.len());
        Self { char_starts_bytes }
    }

    /// Number of chars in the indexed text.
    pub fn len_chars(&self) -> usize {
        self.char_starts_bytes.len() - 1
    }

    /// Char offset of a byte offset (a byte inside a char maps to that char's start).
    pub fn char_of_byte(&self, byte: usize) -> usize {
        match self.char_starts_bytes.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Byte offset of a char offset, clamped to the end of the text.
    pub fn byte_of_char(&self, char_offset: usize) -> usize {
        let last = self.char_starts_bytes.len() - 1;
        self.char_starts_bytes[char_offset.min(last)]
    }
}

/// Returns the substring of `text` between char offsets `start` and `end` (clamped).
pub fn slice_chars(text: &str, start: usize, end: usize) -> &str {
    let mut iter = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()));
    let start_byte = iter.nth(start).unwrap_or(text.len());
    let end_byte = if end > start {
        iter.nth(end - start - 1).unwrap_or(text.len())
    } else {
        start_byte
    };
    &text[start_byte..end_byte.max(start_byte)]
}

/// Collapses runs of whitespace to single spaces and trims the ends.
pub fn squash_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_between_bytes_and_chars() {
        let text = "a’b“c”";
        let index = CharIndex::new(text);
        assert_eq!(index.len_chars(), 6);
        assert_eq!(index.char_of_byte(1), 1);
        assert_eq!(index.char_of_byte(4), 2);
        assert_eq!(index.byte_of_char(3), 5);
        assert_eq!(index.byte_of_char(99), text.len());
        assert_eq!(slice_chars(text, 1, 4), "’b“");
        assert_eq!(slice_chars(text, 4, 4), "");
    }

    #[test]
    fn squashes_whitespace() {
        assert_eq!(squash_whitespace("  a \n b\tc "), "a b c");
    }
}
