//! Quotation marks: which marks open, which close and which are apostrophes, paired into
//! quotation spans. Straight and typographic, double and single marks are handled; a double
//! quotation left open at the end of a paragraph runs on when the next paragraph opens again.

use super::tokens::{Token, TokenKind};

/// A quotation: from its opening mark to just past its closing mark (or the paragraph's end).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    /// Byte offset of the opening mark.
    pub start: usize,
    /// Byte offset just past the closing mark, or the end of the paragraph when unclosed.
    pub end: usize,
    /// Whether a closing mark was found in the same paragraph.
    pub is_closed: bool,
    /// Double marks (“ ” ") rather than single ones (‘ ’ ').
    pub is_double: bool,
    /// Byte offset where the quoted words begin (just past the opening mark).
    pub inner_start: usize,
    /// Byte offset where the quoted words end (at the closing mark).
    pub inner_end: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Open { is_double: bool },
    Close { is_double: bool },
    Either { is_double: bool },
    Apostrophe,
}

fn classify(text: &str, token: &Token) -> Mark {
    let mark = &text[token.start..token.end];
    let c = match mark {
        "''" => '"',
        "``" => '“',
        _ => mark.chars().next().unwrap_or(' '),
    };
    let before = text[..token.start].chars().next_back();
    let after = text[token.end..].chars().next();
    let space_before = before.is_none_or(|b| b.is_whitespace() || "([{—–-/".contains(b));
    let space_after = after.is_none_or(|a| a.is_whitespace() || ".,;:!?)]}—–-".contains(a));
    match c {
        '“' | '„' | '«' | '‟' => Mark::Open { is_double: true },
        '”' | '»' => Mark::Close { is_double: true },
        '‘' | '‚' | '‹' => {
            if after.is_some_and(|a| a.is_ascii_digit()) {
                Mark::Apostrophe
            } else {
                Mark::Open { is_double: false }
            }
        }
        '"' => {
            if space_before && !space_after {
                Mark::Open { is_double: true }
            } else if space_after && !space_before {
                Mark::Close { is_double: true }
            } else {
                Mark::Either { is_double: true }
            }
        }
        '’' | '\'' | '›' => {
            let letter_before = before.is_some_and(char::is_alphanumeric);
            let letter_after = after.is_some_and(char::is_alphanumeric);
            if letter_before && letter_after {
                Mark::Apostrophe
            } else if space_before && letter_after && c != '’' {
                Mark::Open { is_double: false }
            } else if space_before && letter_after {
                // ’ opening a quotation is a typesetting slip; treat as apostrophe ("’90s").
                Mark::Apostrophe
            } else {
                Mark::Close { is_double: false }
            }
        }
        _ => Mark::Apostrophe,
    }
}

/// Finds the quotations in one paragraph (`tokens` are the paragraph's tokens, `end` its end).
/// `carried_open` is true when a double quotation from the previous paragraph runs on.
fn paragraph_quotes(text: &str, tokens: &[Token], end: usize, out: &mut Vec<Quote>) {
    // Stack of open marks: (byte offset, is_double, inner start).
    let mut open: Vec<(usize, bool, usize)> = Vec::new();
    for token in tokens.iter().filter(|t| t.kind == TokenKind::Quote) {
        let mark = classify(text, token);
        let close =
            |open: &mut Vec<(usize, bool, usize)>, out: &mut Vec<Quote>, is_double: bool| {
                let Some(pos) = open.iter().rposition(|o| o.1 == is_double) else {
                    return false;
                };
                // Close this one; any marks opened inside it and left open are dropped.
                let (start, _, inner_start) = open[pos];
                open.truncate(pos);
                out.push(Quote {
                    start,
                    end: token.end,
                    is_closed: true,
                    is_double,
                    inner_start,
                    inner_end: token.start,
                });
                true
            };
        match mark {
            Mark::Open { is_double } => open.push((token.start, is_double, token.end)),
            Mark::Close { is_double } => {
                close(&mut open, out, is_double);
            }
            Mark::Either { is_double } => {
                if !close(&mut open, out, is_double) {
                    open.push((token.start, is_double, token.end));
                }
            }
            Mark::Apostrophe => {}
        }
    }
    // A double quotation left open runs to the end of the paragraph.
    if let Some(&(start, is_double, inner_start)) = open.iter().find(|o| o.1) {
        out.push(Quote {
            start,
            end,
            is_closed: false,
            is_double,
            inner_start,
            inner_end: end,
        });
    }
}

/// Finds all quotations of the text, paragraph by paragraph. `paragraphs` are byte ranges.
/// The result is sorted by start; quotations may nest.
pub fn find_quotes(text: &str, tokens: &[Token], paragraphs: &[(usize, usize)]) -> Vec<Quote> {
    let mut quotes = Vec::new();
    let mut first = 0;
    for &(start, end) in paragraphs {
        while first < tokens.len() && tokens[first].start < start {
            first += 1;
        }
        let mut last = first;
        while last < tokens.len() && tokens[last].end <= end {
            last += 1;
        }
        paragraph_quotes(text, &tokens[first..last], end, &mut quotes);
        first = last;
    }
    quotes.sort_by_key(|q| (q.start, std::cmp::Reverse(q.end)));
    quotes
}

/// Outermost quotations only, sorted and non-overlapping, for "is this inside a quote" tests.
pub fn outermost(quotes: &[Quote]) -> Vec<Quote> {
    let mut result: Vec<Quote> = Vec::new();
    for quote in quotes {
        if result.last().is_some_and(|last| quote.start < last.end) {
            continue;
        }
        result.push(*quote);
    }
    result
}

/// The outermost quotation containing byte offset `at` (strictly inside its marks), if any.
pub fn enclosing(outer: &[Quote], at: usize) -> Option<&Quote> {
    let index = outer.partition_point(|q| q.start <= at);
    let quote = outer.get(index.checked_sub(1)?)?;
    (at > quote.start && at < quote.end).then_some(quote)
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn quoted(text: &str) -> Vec<&str> {
        let tokens = tokenize(text);
        find_quotes(text, &tokens, &[(0, text.len())])
            .iter()
            .map(|q| &text[q.inner_start..q.inner_end])
            .collect()
    }

    #[test]
    fn pairs_curly_and_straight_doubles() {
        assert_eq!(
            quoted("He said “we won” and \"they lost\"."),
            ["we won", "they lost"]
        );
    }

    #[test]
    fn tells_single_quotes_from_apostrophes() {
        assert_eq!(
            quoted("NATO’s policy of ‘no troops on the ground’ and the allies’ plans"),
            ["no troops on the ground"]
        );
        assert_eq!(quoted("the 'rock and roll' era, don't")[0], "rock and roll");
        assert!(quoted("the allies’ plans and the states’ votes").is_empty());
    }

    #[test]
    fn nested_and_unclosed() {
        let text = "“He told me ‘never’ twice,” she said. “And more";
        let tokens = tokenize(text);
        let quotes = find_quotes(text, &tokens, &[(0, text.len())]);
        assert_eq!(quotes.len(), 3);
        assert!(!quotes[2].is_closed);
        assert_eq!(outermost(&quotes).len(), 2);
        assert!(enclosing(&outermost(&quotes), 5).is_some());
        assert!(enclosing(&outermost(&quotes), text.find("she").unwrap()).is_none());
    }
}
