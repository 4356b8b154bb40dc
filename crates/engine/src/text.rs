//! Offsets: the engine works on byte offsets internally and speaks char (Unicode scalar value)
//! offsets to the outside. [`CharIndex`] converts between the two in one place.

/// Bytes between two checkpoints of a [`CharIndex`].
const CHECKPOINT_BYTES: usize = 256;

/// Maps byte offsets of one string to char offsets and back, in memory proportional to
/// 1/256 of the text: it keeps the char count at every 256th byte and counts the rest.
#[derive(Debug, Clone)]
pub struct CharIndex<'a> {
    text: &'a str,
    /// Chars before byte `i * CHECKPOINT_BYTES` (rounded down to a char boundary).
    chars_before_checkpoint: Vec<usize>,
}

impl<'a> CharIndex<'a> {
    /// Builds the index for `text`.
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut chars_before_checkpoint = Vec::with_capacity(bytes.len() / CHECKPOINT_BYTES + 2);
        // Chars that start before each checkpoint: count the bytes that are not UTF-8
        // continuation bytes (0b10xx_xxxx).
        let mut chars = 0;
        chars_before_checkpoint.push(0);
        for block in bytes.chunks(CHECKPOINT_BYTES) {
            chars += block.iter().filter(|&&b| (b as i8) >= -0x40).count();
            chars_before_checkpoint.push(chars);
        }
        Self {
            text,
            chars_before_checkpoint,
        }
    }

    /// Number of chars in the indexed text.
    pub fn len_chars(&self) -> usize {
        self.char_of_byte(self.text.len())
    }

    /// Byte offset of the char boundary at or before checkpoint `i`.
    fn checkpoint_byte(&self, i: usize) -> usize {
        let mut byte = (i * CHECKPOINT_BYTES).min(self.text.len());
        while !self.text.is_char_boundary(byte) {
            byte -= 1;
        }
        byte
    }

    /// Char offset of a byte offset (a byte inside a char maps to that char's start).
    pub fn char_of_byte(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        let checkpoint = (byte / CHECKPOINT_BYTES).min(self.chars_before_checkpoint.len() - 1);
        let start = self.checkpoint_byte(checkpoint);
        let mut end = byte;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        // A checkpoint inside a char counts that char as before it; correct for it.
        let mut chars = self.chars_before_checkpoint[checkpoint];
        if start < checkpoint * CHECKPOINT_BYTES && start < end {
            chars -= 1;
        }
        chars + self.text[start..end.max(start)].chars().count()
    }

    /// Byte offset of a char offset, clamped to the end of the text.
    pub fn byte_of_char(&self, char_offset: usize) -> usize {
        let checkpoint = self
            .chars_before_checkpoint
            .partition_point(|&chars| chars <= char_offset)
            .saturating_sub(1);
        let start = self.checkpoint_byte(checkpoint);
        let first_char = self.char_of_byte(start);
        self.text[start..]
            .char_indices()
            .zip(first_char..)
            .find(|&(_, chars)| chars == char_offset)
            .map_or(self.text.len(), |((byte, _), _)| start + byte)
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

/// "s" unless `count` is 1.
pub fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// `count` and the noun, in the plural unless one: "1 claim", "3 claims" (for nouns that take
/// an "s").
pub fn counted(count: usize, noun: &str) -> String {
    format!("{count} {noun}{}", plural(count))
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
    fn agrees_with_a_plain_count_across_checkpoints() {
        let text: String = "aé’中🙂 b\n".repeat(200);
        let index = CharIndex::new(&text);
        let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        for (char_offset, &byte) in starts.iter().enumerate() {
            assert_eq!(index.char_of_byte(byte), char_offset, "byte {byte}");
            assert_eq!(index.byte_of_char(char_offset), byte, "char {char_offset}");
        }
        assert_eq!(index.len_chars(), starts.len());
        assert_eq!(index.byte_of_char(starts.len()), text.len());
    }

    #[test]
    fn squashes_whitespace() {
        assert_eq!(squash_whitespace("  a \n b\tc "), "a b c");
    }
}
