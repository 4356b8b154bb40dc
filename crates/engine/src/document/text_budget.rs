//! The most text a document keeps: extraction costs a few tens of microseconds per sentence,
//! so a file of millions of sentences would keep the window busy for minutes. A document is cut
//! after its [`MAX_SENTENCES`]th sentence (a news report has a few hundred, a long book some
//! tens of thousands), with a warning; what it keeps is opened and checked as usual.

use super::Document;

/// Most sentences a document keeps.
pub const MAX_SENTENCES: usize = 150_000;

/// Cuts `document` after its [`MAX_SENTENCES`]th sentence end (`.`, `!` or `?` before a space),
/// with its blocks, links and pages, and says so in its warnings. Linear in the text.
pub(super) fn limit_sentences(document: &mut Document) {
    let Some((cut_byte, cut_char)) = nth_sentence_end(&document.text, MAX_SENTENCES) else {
        return;
    };
    document.text.truncate(cut_byte);
    document.blocks.retain(|block| block.start < cut_char);
    for block in &mut document.blocks {
        block.end = block.end.min(cut_char);
    }
    document.links.retain(|link| link.end <= cut_char);
    document.pages.retain(|page| page.start < cut_char);
    document.warnings.push(format!(
        "the text has more than {} sentences; only the first {} are shown and checked",
        grouped(MAX_SENTENCES),
        grouped(MAX_SENTENCES)
    ));
}

/// Byte and char offsets just past the `n`th sentence end, when the text has more after it.
fn nth_sentence_end(text: &str, n: usize) -> Option<(usize, usize)> {
    let mut ends = 0usize;
    let mut previous_is_terminator = false;
    for (chars, (byte, c)) in text.char_indices().enumerate() {
        if previous_is_terminator && c.is_whitespace() {
            ends += 1;
            if ends == n {
                let rest = text.get(byte..).unwrap_or_default();
                return (!rest.trim().is_empty()).then_some((byte, chars));
            }
        }
        previous_is_terminator = matches!(c, '.' | '!' | '?');
    }
    None
}

/// `n` with thousands separated by commas ("150,000").
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nth_sentence_end_is_found_only_when_text_follows() {
        assert_eq!(nth_sentence_end("One. Two. Three.", 2), Some((9, 9)));
        assert_eq!(nth_sentence_end("One. Two.", 2), None);
        assert_eq!(nth_sentence_end("One. Two.  ", 2), None);
        assert_eq!(nth_sentence_end("Été. Deux. Trois.", 1), Some((5, 4)));
    }

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(grouped(150_000), "150,000");
        assert_eq!(grouped(1_000_000), "1,000,000");
        assert_eq!(grouped(999), "999");
    }
}
