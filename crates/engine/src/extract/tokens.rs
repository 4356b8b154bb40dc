//! A tokenizer for news prose: words (with inner apostrophes, hyphens and the dots of "U.S."),
//! numbers, punctuation, quotation marks and line breaks, as byte ranges of the text.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, possibly with inner apostrophes, hyphens or dots.
    Word,
    /// Digits, possibly with inner separators ("1,000", "3.5").
    Number,
    /// A quotation mark (or an apostrophe standing alone); see `quotes` for its role.
    Quote,
    /// Any other punctuation or symbol.
    Punct,
    /// A line break.
    Newline,
}

/// One token: its kind and byte range in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// What it is.
    pub kind: TokenKind,
    /// Byte offset of its first byte.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
}

/// True for chars that open or close quotations (straight and typographic).
pub fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»' | '„' | '‚' | '‹' | '›' | '‟'
    )
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Splits `text` into tokens. Whitespace other than line breaks is skipped.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c == '\n' {
            tokens.push(Token {
                kind: TokenKind::Newline,
                start,
                end: start + 1,
            });
        } else if c.is_whitespace() {
            continue;
        } else if c.is_alphabetic() {
            let mut end = start + c.len_utf8();
            while let Some(&(i, next)) = chars.peek() {
                if next.is_alphanumeric() {
                    chars.next();
                    end = i + next.len_utf8();
                    continue;
                }
                // Inner apostrophe, hyphen or dot: keep it when a letter follows it.
                let joins = is_apostrophe(next) || next == '-' || next == '.' || next == '‐';
                if !joins {
                    break;
                }
                let after = text[i + next.len_utf8()..].chars().next();
                let letter_follows = after.is_some_and(|a| {
                    a.is_alphabetic() || (a.is_ascii_digit() && matches!(next, '-' | '‐'))
                });
                let dotted_abbreviation = next == '.' && is_dotted_abbreviation(&text[start..i]);
                if letter_follows && (next != '.' || dotted_abbreviation) {
                    chars.next();
                    end = i + next.len_utf8();
                } else if next == '.' && dotted_abbreviation && text[start..i].contains('.') {
                    // Final dot of "U.S." belongs to the word.
                    chars.next();
                    end = i + 1;
                    break;
                } else {
                    break;
                }
            }
            tokens.push(Token {
                kind: TokenKind::Word,
                start,
                end,
            });
        } else if c.is_ascii_digit() {
            let mut end = start + 1;
            while let Some(&(i, next)) = chars.peek() {
                if next.is_ascii_digit() || next.is_alphabetic() {
                    chars.next();
                    end = i + next.len_utf8();
                } else if matches!(next, ',' | '.')
                    && text[i + 1..]
                        .chars()
                        .next()
                        .is_some_and(|a| a.is_ascii_digit())
                {
                    chars.next();
                    end = i + 1;
                } else {
                    break;
                }
            }
            tokens.push(Token {
                kind: TokenKind::Number,
                start,
                end,
            });
        } else if (c == '\'' || c == '`') && text[start + 1..].starts_with(c) {
            // Two apostrophes or backticks make one double quotation mark ('' and ``).
            chars.next();
            tokens.push(Token {
                kind: TokenKind::Quote,
                start,
                end: start + 2,
            });
        } else if is_quote_char(c) {
            tokens.push(Token {
                kind: TokenKind::Quote,
                start,
                end: start + c.len_utf8(),
            });
        } else {
            tokens.push(Token {
                kind: TokenKind::Punct,
                start,
                end: start + c.len_utf8(),
            });
        }
    }
    tokens
}

/// True when `word` (the letters before a dot) looks like part of a dotted abbreviation:
/// single letters separated by dots ("U", "U.S", "a.m").
fn is_dotted_abbreviation(word: &str) -> bool {
    word.split('.').all(|part| part.chars().count() == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        tokenize(text)
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect()
    }

    #[test]
    fn words_keep_inner_apostrophes_hyphens_and_abbreviation_dots() {
        assert_eq!(
            texts("NATO’s long-standing U.S. policy, don't."),
            [
                "NATO’s",
                "long-standing",
                "U.S.",
                "policy",
                ",",
                "don't",
                "."
            ]
        );
    }

    #[test]
    fn numbers_keep_separators() {
        assert_eq!(
            texts("$60 billion, 3.5% and 1,000."),
            ["$", "60", "billion", ",", "3.5", "%", "and", "1,000", "."]
        );
    }

    #[test]
    fn quotes_and_line_breaks_are_tokens() {
        let tokens = tokenize("“Yes,” he said.\n‘No’");
        let kinds: Vec<_> = tokens.iter().map(|t| t.kind).collect();
        assert_eq!(kinds[0], TokenKind::Quote);
        assert_eq!(kinds[3], TokenKind::Quote);
        assert!(kinds.contains(&TokenKind::Newline));
        assert_eq!(texts("allies’ plans"), ["allies", "’", "plans"]);
    }

    #[test]
    fn doubled_apostrophes_are_one_mark_and_hyphens_join_digits() {
        assert_eq!(
            texts("''Yes,'' said EB-5"),
            ["''", "Yes", ",", "''", "said", "EB-5"]
        );
    }

    #[test]
    fn sentence_final_dot_is_separate() {
        assert_eq!(texts("It ended. Then"), ["It", "ended", ".", "Then"]);
        assert_eq!(texts("Gen. Smith"), ["Gen", ".", "Smith"]);
    }
}
