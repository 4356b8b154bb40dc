//! Sentence splitting that survives news prose: abbreviations (Gen., Mr., Jan.), initials,
//! decimals, quotations closing after the full stop, quotations spanning several sentences,
//! and headline or dateline lines without a full stop.

use super::lexicon::Lexicon;
use super::quotes::{self, Quote};
use super::tokens::{Token, TokenKind};

/// A sentence: a token range and its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Index of its first token.
    pub first: usize,
    /// Index just past its last token.
    pub last: usize,
    /// Byte offset of its first char.
    pub start: usize,
    /// Byte offset just past its last char.
    pub end: usize,
    /// Index of the paragraph (block) it belongs to.
    pub paragraph: usize,
}

/// Quotations longer than this (bytes) do not hold sentences together.
const MAX_QUOTE_HOLD_BYTES: usize = 1200;

/// Splits each paragraph (a byte range) into sentences.
pub fn split(
    text: &str,
    tokens: &[Token],
    paragraphs: &[(usize, usize)],
    outer_quotes: &[Quote],
) -> Vec<Sentence> {
    let lexicon = Lexicon::get();
    let mut sentences = Vec::new();
    let mut index = 0;
    for (paragraph, &(start, end)) in paragraphs.iter().enumerate() {
        while index < tokens.len() && tokens[index].start < start {
            index += 1;
        }
        let first = index;
        while index < tokens.len() && tokens[index].end <= end {
            index += 1;
        }
        let hard_wrapped = is_hard_wrapped(&text[start..end]);
        let mut sentence_first = first;
        let mut i = first;
        while i < index {
            let token = tokens[i];
            let mut boundary_after = None;
            match token.kind {
                TokenKind::Newline if !hard_wrapped => boundary_after = Some(i),
                TokenKind::Punct => {
                    let c = &text[token.start..token.end];
                    if matches!(c, "." | "!" | "?" | "…")
                        && !(c == "." && is_abbreviation_dot(text, tokens, i, lexicon))
                    {
                        // Swallow closing quotes and brackets after the stop.
                        let mut j = i + 1;
                        while j < index
                            && (tokens[j].kind == TokenKind::Quote
                                && quotes::enclosing(outer_quotes, tokens[j].start).is_some()
                                || matches!(&text[tokens[j].start..tokens[j].end], ")" | "]"))
                        {
                            j += 1;
                        }
                        let next_starts_sentence = match tokens.get(j) {
                            None => true,
                            Some(next) if next.start >= end => true,
                            // "S.C." or "3.a": no space after the stop, no new sentence.
                            Some(next)
                                if next.start == tokens[j - 1].end
                                    && next.kind == TokenKind::Word =>
                            {
                                false
                            }
                            Some(next) => starts_sentence(text, next),
                        };
                        let held_by_quote = quotes::enclosing(outer_quotes, token.start)
                            .is_some_and(|q| {
                                q.is_closed
                                    && q.end - q.start <= MAX_QUOTE_HOLD_BYTES
                                    && tokens.get(j).is_some_and(|t| t.start < q.end)
                            });
                        if next_starts_sentence && !held_by_quote {
                            boundary_after = Some(j - 1);
                        }
                    }
                }
                _ => {}
            }
            if let Some(last) = boundary_after {
                push_sentence(tokens, sentence_first, last + 1, paragraph, &mut sentences);
                sentence_first = last + 1;
                i = last + 1;
            } else {
                i += 1;
            }
        }
        push_sentence(tokens, sentence_first, index, paragraph, &mut sentences);
    }
    sentences
}

fn push_sentence(
    tokens: &[Token],
    first: usize,
    last: usize,
    paragraph: usize,
    out: &mut Vec<Sentence>,
) {
    // Trim line-break tokens at both ends.
    let mut first = first;
    let mut last = last;
    while first < last && tokens[first].kind == TokenKind::Newline {
        first += 1;
    }
    while last > first && tokens[last - 1].kind == TokenKind::Newline {
        last -= 1;
    }
    if first < last {
        out.push(Sentence {
            first,
            last,
            start: tokens[first].start,
            end: tokens[last - 1].end,
            paragraph,
        });
    }
}

/// True when the token can start a sentence: a capitalised word, a number, a quotation mark,
/// a dash or a bracket.
fn starts_sentence(text: &str, token: &Token) -> bool {
    match token.kind {
        TokenKind::Newline => true,
        TokenKind::Quote | TokenKind::Number => true,
        TokenKind::Word => text[token.start..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase),
        TokenKind::Punct => matches!(
            &text[token.start..token.end],
            "(" | "[" | "—" | "–" | "―" | "-" | "*" | "•"
        ),
    }
}

/// True when the full stop at token `i` ends an abbreviation or an initial rather than a sentence.
fn is_abbreviation_dot(text: &str, tokens: &[Token], i: usize, lexicon: &Lexicon) -> bool {
    let Some(previous) = i.checked_sub(1).and_then(|p| tokens.get(p)) else {
        return false;
    };
    if previous.end != tokens[i].start || previous.kind != TokenKind::Word {
        return false;
    }
    let word = &text[previous.start..previous.end];
    if lexicon.abbreviations.contains(word) {
        // "Jan." or "No." ends a sentence only when nothing follows on the line.
        return tokens
            .get(i + 1)
            .is_some_and(|t| t.kind != TokenKind::Newline);
    }
    // An initial: one capital letter ("J. R. Smith").
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

/// A paragraph is hard-wrapped when it has three or more lines and all but the last are of
/// similar, typical wrap widths; then line breaks do not end sentences.
fn is_hard_wrapped(paragraph: &str) -> bool {
    let lines: Vec<&str> = paragraph.lines().collect();
    if lines.len() < 3 {
        return false;
    }
    lines[..lines.len() - 1].iter().all(|line| {
        (40..=100).contains(&line.chars().count()) && !line.trim_end().ends_with(['.', ':'])
    })
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        let tokens = tokenize(text);
        let paragraphs = [(0, text.len())];
        let quotes = quotes::outermost(&quotes::find_quotes(text, &tokens, &paragraphs));
        split(text, &tokens, &paragraphs, &quotes)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn abbreviations_initials_and_decimals_do_not_split() {
        assert_eq!(
            sentences(
                "Gen. Ann Roe met Mr. J. R. Smith on Jan. 4 in the U.S. capital. Growth was 3.5 percent."
            ),
            [
                "Gen. Ann Roe met Mr. J. R. Smith on Jan. 4 in the U.S. capital.",
                "Growth was 3.5 percent."
            ]
        );
    }

    #[test]
    fn quotes_closing_after_the_stop_and_multi_sentence_quotes() {
        assert_eq!(
            sentences("She said: “It is over.” Then she left. “We tried. We failed,” he added."),
            [
                "She said: “It is over.”",
                "Then she left.",
                "“We tried. We failed,” he added."
            ]
        );
    }

    #[test]
    fn lines_without_stops_are_sentences() {
        assert_eq!(
            sentences("4 Mar, 2024 12:44 / Updated\nThe chief reportedly left"),
            ["4 Mar, 2024 12:44 / Updated", "The chief reportedly left"]
        );
    }

    #[test]
    fn lowercase_after_stop_does_not_split() {
        assert_eq!(
            sentences("It cost approx. ten dollars. Fine."),
            ["It cost approx. ten dollars.", "Fine."]
        );
    }
}
