//! Per-document token analysis shared by the extraction passes: tokens with their lower-case
//! form and lexicon classes, quotations and sentences.

use std::borrow::Cow;

use super::lexicon::{Lexicon, VerbInfo, class};
use super::quotes::{self, Quote};
use super::sentences::{self, Sentence};
use super::tokens::{self, Token, TokenKind};

/// What the passes know about one token.
#[derive(Debug, Clone)]
pub struct TokenInfo<'a> {
    /// Lower-case text (borrowed when already lower case).
    pub lower: Cow<'a, str>,
    /// Closed-class bits (see [`class`]).
    pub class: u16,
    /// Starts with an upper-case letter.
    pub is_capitalized: bool,
    /// Reporting-verb information when the token is one.
    pub verb: Option<VerbInfo>,
}

/// The analysed text.
pub struct Analysis<'a> {
    /// The document text.
    pub text: &'a str,
    /// Its tokens.
    pub tokens: Vec<Token>,
    /// Per-token information, parallel to `tokens`.
    pub info: Vec<TokenInfo<'a>>,
    /// All quotations (may nest).
    pub quotes: Vec<Quote>,
    /// Outermost quotations, non-overlapping.
    pub outer_quotes: Vec<Quote>,
    /// Sentences in order.
    pub sentences: Vec<Sentence>,
    /// Paragraph byte ranges.
    pub paragraphs: Vec<(usize, usize)>,
    /// Whether each paragraph is a heading.
    pub is_heading: Vec<bool>,
}

impl<'a> Analysis<'a> {
    /// Tokenizes and splits `text`, whose paragraphs are the given byte ranges.
    pub fn new(text: &'a str, paragraphs: Vec<(usize, usize)>, is_heading: Vec<bool>) -> Self {
        let lexicon = Lexicon::get();
        let tokens = tokens::tokenize(text);
        let info = tokens
            .iter()
            .map(|token| {
                let raw = &text[token.start..token.end];
                let lower: Cow<str> = if raw.is_ascii() {
                    if raw.bytes().any(|b| b.is_ascii_uppercase()) {
                        Cow::Owned(raw.to_ascii_lowercase())
                    } else {
                        Cow::Borrowed(raw)
                    }
                } else if raw.chars().any(char::is_uppercase) {
                    Cow::Owned(raw.to_lowercase())
                } else {
                    Cow::Borrowed(raw)
                };
                let is_word = token.kind == TokenKind::Word;
                let (class, verb) = if is_word {
                    lexicon.lookup(&lower)
                } else {
                    (0, None)
                };
                TokenInfo {
                    class,
                    is_capitalized: is_word && raw.chars().next().is_some_and(char::is_uppercase),
                    verb,
                    lower,
                }
            })
            .collect();
        let quotes = quotes::find_quotes(text, &tokens, &paragraphs);
        let outer_quotes = quotes::outermost(&quotes);
        let sentences = sentences::split(text, &tokens, &paragraphs, &outer_quotes);
        Self {
            text,
            tokens,
            info,
            quotes,
            outer_quotes,
            sentences,
            paragraphs,
            is_heading,
        }
    }

    /// The token's text as written.
    pub fn raw(&self, i: usize) -> &'a str {
        self.tokens
            .get(i)
            .map_or("", |t| &self.text[t.start..t.end])
    }

    /// The token's lower-case text ("" past the end).
    pub fn lower(&self, i: usize) -> &str {
        self.info.get(i).map_or("", |t| t.lower.as_ref())
    }

    /// The token's lower-case text without a possessive ending.
    pub fn base(&self, i: usize) -> &str {
        strip_possessive(self.lower(i))
    }

    /// True when token `i` is a word.
    pub fn is_word(&self, i: usize) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Word)
    }

    /// True when token `i` is a capitalised word.
    pub fn is_cap(&self, i: usize) -> bool {
        self.info.get(i).is_some_and(|t| t.is_capitalized)
    }

    /// True when token `i` has all the given class bits.
    pub fn has_class(&self, i: usize, bits: u16) -> bool {
        self.info.get(i).is_some_and(|t| t.class & bits != 0)
    }

    /// True when token `i` is the punctuation `p`.
    pub fn is_punct(&self, i: usize, p: &str) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Punct)
            && self.raw(i) == p
    }

    /// True when token `i` is a quotation mark (not an apostrophe inside a word).
    pub fn is_quote_mark(&self, i: usize) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Quote)
    }

    /// True when token `i` lies inside a quotation.
    pub fn in_quote(&self, i: usize) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| quotes::enclosing(&self.outer_quotes, t.start).is_some())
    }

    /// The quotation that opens at token `i`, if any.
    pub fn quote_opening_at(&self, i: usize) -> Option<&Quote> {
        let start = self.tokens.get(i)?.start;
        let index = self.quotes.partition_point(|q| q.start < start);
        self.quotes.get(index).filter(|q| q.start == start)
    }
}

/// "macron’s" gives "macron"; "allies" stays.
pub fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .unwrap_or(word)
}

/// Day and month names, which are never sources.
pub fn is_calendar_word(lower: &str) -> bool {
    matches!(
        lower,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
    )
}

/// True for lower-case words that look like a verb form: "-ed" words and the `verb` class.
pub fn looks_like_verb(analysis: &Analysis, i: usize) -> bool {
    if analysis.is_cap(i) || !analysis.is_word(i) {
        return false;
    }
    let lower = analysis.lower(i);
    // After a determiner a verb form is a noun ("every state", "the report").
    if i > 0 && analysis.has_class(i - 1, class::DET) {
        return false;
    }
    analysis.has_class(i, class::VERB | class::AUX)
        || analysis.info.get(i).is_some_and(|t| t.verb.is_some())
        || (lower.len() > 4
            && lower.ends_with("ed")
            && !matches!(lower, "united" | "red" | "bed" | "need" | "speed" | "seed"))
}
