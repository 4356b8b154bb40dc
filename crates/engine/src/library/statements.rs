//! Statements: the sentences of an article that no claim covers. The side panel lists only the
//! claims worth checking, but any sentence that states something may be the same statement as
//! one in another report, so the library indexes these too and the comparison matches them.

use crate::document::Document;
use crate::extract::{Attribution, Extraction};
use crate::text::CharIndex;

use super::features::words;
use super::record::IndexedClaim;

/// Fewest words a sentence needs to be indexed as a statement.
pub const MIN_STATEMENT_WORDS: usize = 5;

/// Longest sentence indexed as a statement, in chars (a block without stops is not one).
const MAX_STATEMENT_CHARS: usize = 1_000;

/// Words before a full stop that do not end a sentence.
const ABBREVIATIONS: [&str; 40] = [
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "cpl", "pvt", "capt", "cmdr",
    "adm", "gov", "sen", "rep", "rev", "st", "jr", "sr", "inc", "co", "corp", "ltd", "no", "vs",
    "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "mt",
];

/// The sentences of `block` (a byte range of `text`), as byte ranges.
fn sentences_of(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let block = &text[start..end];
    let mut found = Vec::new();
    let mut sentence_start = 0;
    for (i, c) in block.char_indices() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let next = i + 1;
        // A stop ends a sentence when a space and a capital, digit or quote follow.
        let rest = &block[next..];
        let after_quotes = rest.trim_start_matches(['"', '\'', '”', '’', ')']);
        let Some(space_then) = after_quotes.strip_prefix(char::is_whitespace) else {
            continue;
        };
        let starts_sentence = space_then
            .trim_start()
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“'));
        if !starts_sentence {
            continue;
        }
        if c == '.' {
            let word_start = block[..i]
                .char_indices()
                .rev()
                .find(|&(_, ch)| ch.is_whitespace() || ch == '(')
                .map_or(0, |(k, ch)| k + ch.len_utf8());
            let word = block[word_start..i].to_lowercase();
            let is_initial = word.chars().count() == 1
                && word.chars().next().is_some_and(|ch| ch.is_alphabetic());
            if is_initial || ABBREVIATIONS.contains(&word.as_str()) {
                continue;
            }
        }
        let end_here = next + (rest.len() - after_quotes.len());
        found.push((start + sentence_start, start + end_here));
        sentence_start = end_here;
    }
    if sentence_start < block.len() {
        found.push((start + sentence_start, end));
    }
    found
        .into_iter()
        .map(|(s, e)| {
            let piece = &text[s..e];
            let lead = piece.len() - piece.trim_start().len();
            let trail = piece.len() - piece.trim_end().len();
            (s + lead, e - trail)
        })
        .filter(|(s, e)| s < e)
        .collect()
}

/// The statements of `document`: its sentences of at least [`MIN_STATEMENT_WORDS`] words that
/// no claim of `extraction` covers for as much as half of their length.
pub fn statements(document: &Document, extraction: &Extraction) -> Vec<IndexedClaim> {
    let text = document.text.as_str();
    let chars = CharIndex::new(text);
    let mut claims: Vec<(usize, usize)> =
        extraction.claims.iter().map(|c| (c.start, c.end)).collect();
    claims.sort_unstable();
    let mut found = Vec::new();
    for block in &document.blocks {
        let (start, end) = (
            chars.byte_of_char(block.start),
            chars.byte_of_char(block.end),
        );
        if start >= end {
            continue;
        }
        for (s, e) in sentences_of(text, start, end) {
            let sentence = &text[s..e];
            if words(sentence).count() < MIN_STATEMENT_WORDS {
                continue;
            }
            let (cs, ce) = (chars.char_of_byte(s), chars.char_of_byte(e));
            if ce - cs > MAX_STATEMENT_CHARS {
                continue;
            }
            let first = claims.partition_point(|c| c.1 <= cs);
            let covered: usize = claims[first..]
                .iter()
                .take_while(|c| c.0 < ce)
                .map(|c| c.1.min(ce).saturating_sub(c.0.max(cs)))
                .sum();
            if covered * 2 >= ce - cs {
                continue;
            }
            found.push(IndexedClaim {
                id: format!("st-{cs}"),
                start: cs,
                end: ce,
                text: sentence.to_owned(),
                attribution: Attribution::Unattributed,
                hedges: Vec::new(),
                cue: None,
                source: None,
                via: Vec::new(),
                venue: None,
                mention: None,
                extracted: None,
            });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences_of(text, 0, text.len())
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn sentences_split_at_stops_but_not_after_titles_or_initials() {
        assert_eq!(
            split("Cpl. Dana Voss was hurt. J. Ortiz said so. The rest \"held.\" Then it ended"),
            [
                "Cpl. Dana Voss was hurt.",
                "J. Ortiz said so.",
                "The rest \"held.\"",
                "Then it ended"
            ]
        );
    }

    #[test]
    fn wide_spaces_before_a_stop_are_no_trouble() {
        assert_eq!(
            split("Gov.\u{a0}Mike Pence spoke. He left\u{a0}early. Then\u{a0}Dr. Ames came"),
            [
                "Gov.\u{a0}Mike Pence spoke.",
                "He left\u{a0}early.",
                "Then\u{a0}Dr. Ames came"
            ]
        );
    }

    #[test]
    fn uncovered_sentences_become_statements() {
        let document = crate::document::load_bytes(
            b"Harbour report\n\nThe increase reflects lower credit losses at the harbour bank. \
              Officials said the harbour will reopen on Monday.",
            crate::document::Format::Text,
        )
        .expect("plain text loads");
        let extraction = crate::extract(&document);
        let found = statements(&document, &extraction);
        assert!(
            found.iter().any(|s| s
                .text
                .starts_with("The increase reflects lower credit losses")),
            "{found:?}"
        );
        assert!(found.iter().all(|s| !s.text.contains("will reopen")));
    }
}
