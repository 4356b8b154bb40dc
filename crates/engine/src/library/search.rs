//! Searching every claim in the library by words, source and verdict.
//!
//! A query is words plus optional filters: `evacuated train source:quinlan verdict:disputed`.
//! Words match a claim's text (by stem) or its source's name; every word must match. A
//! filter's value may be quoted: `source:"Marta Quinlan"`.

use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

use super::features::{StemCache, content_terms, content_terms_cached};
use super::index::LibraryIndex;
use super::origins::name_key;
use super::record::{IndexedArticle, IndexedClaim};
use crate::store::{ArticleFile, Note, Store, Verdict};

/// A parsed search query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchQuery {
    /// Stemmed content terms that must all match.
    pub terms: Vec<String>,
    /// Words of the query as typed (matched against source names).
    pub words: Vec<String>,
    /// Only claims whose source's name contains this (lower case).
    pub source: Option<String>,
    /// Only claims with this verdict (`unverified`: claims without one).
    pub verdict: Option<Verdict>,
}

impl SearchQuery {
    /// Parses `query`; an unknown verdict name is an error naming the known ones.
    pub fn parse(query: &str) -> Result<Self, String> {
        let mut parsed = Self::default();
        let mut free = String::new();
        for (key, value) in tokens(query) {
            match key.as_deref() {
                Some("source") => parsed.source = Some(name_key(&value)),
                Some("verdict") => {
                    parsed.verdict = Some(Verdict::parse(&value).ok_or_else(|| {
                        let known: Vec<&str> = Verdict::ALL.iter().map(|v| v.as_str()).collect();
                        format!("unknown verdict {value:?}; use one of {}", known.join(", "))
                    })?);
                }
                _ => {
                    free.push_str(&value);
                    free.push(' ');
                }
            }
        }
        parsed.terms = content_terms(&free);
        parsed.words = super::features::words(&free)
            .map(str::to_lowercase)
            .collect();
        Ok(parsed)
    }

    /// Whether the query asks for nothing.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.source.is_none() && self.verdict.is_none()
    }
}

/// Splits a query into `(key, value)` pairs: `key:value`, `key:"two words"`, or plain words.
fn tokens(query: &str) -> Vec<(Option<String>, String)> {
    let mut out = Vec::new();
    let mut rest = query.trim_start();
    while !rest.is_empty() {
        let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let filter = rest[..word_end]
            .split_once(':')
            .filter(|(key, _)| matches!(*key, "source" | "verdict"));
        let consumed = match filter {
            Some((key, value)) if value.starts_with('"') => {
                let open = key.len() + 2;
                let close = rest[open..].find('"').map_or(rest.len(), |i| open + i);
                out.push((Some(key.to_owned()), rest[open..close].to_owned()));
                (close + 1).min(rest.len())
            }
            Some((key, value)) => {
                out.push((Some(key.to_owned()), value.to_owned()));
                word_end
            }
            None => {
                out.push((None, rest[..word_end].to_owned()));
                word_end
            }
        };
        rest = rest[consumed..].trim_start();
    }
    out
}

/// One claim found by a search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    /// Path of the article.
    pub path: String,
    /// The article's name (outlet, headline or file name).
    pub report: String,
    /// Its headline.
    pub title: Option<String>,
    /// The claim.
    pub claim: IndexedClaim,
    /// The person's verdict on it, if any.
    pub verdict: Option<Verdict>,
}

/// The claims matching `query`, in library order, at most `limit`. With a `store`, verdicts are
/// attached and the verdict filter applies (without one, a verdict filter finds nothing).
pub fn search(
    library: &LibraryIndex,
    query: &SearchQuery,
    store: Option<&Store>,
    limit: usize,
) -> Vec<SearchHit> {
    if query.is_empty() {
        return Vec::new();
    }
    let mut notes: HashMap<&str, Option<ArticleFile>> = HashMap::default();
    let word_terms: Vec<Vec<String>> = query.words.iter().map(|w| content_terms(w)).collect();
    let mut stems = StemCache::default();
    let mut hits = Vec::new();
    for article in library.articles() {
        for claim in &article.claims {
            if !matches_source(query, claim)
                || !matches_words(query, &word_terms, claim, &mut stems)
            {
                continue;
            }
            let verdict = store.and_then(|store| {
                let file = notes
                    .entry(article.path.as_str())
                    .or_insert_with(|| store.notes_for_key(&article.path));
                verdict_of(file.as_ref(), claim)
            });
            if let Some(wanted) = query.verdict {
                let actual = verdict.unwrap_or_default();
                if store.is_none() || actual != wanted {
                    continue;
                }
            }
            hits.push(hit(article, claim, verdict));
            if hits.len() == limit {
                return hits;
            }
        }
    }
    hits
}

fn hit(article: &IndexedArticle, claim: &IndexedClaim, verdict: Option<Verdict>) -> SearchHit {
    SearchHit {
        path: article.path.clone(),
        report: article.label(),
        title: article.title.clone(),
        claim: claim.clone(),
        verdict,
    }
}

/// Whether every query word matches the claim's text (by stem) or its source's name.
/// `word_terms` holds each query word's stems; `stems` caches the claims' words' stems.
fn matches_words(
    query: &SearchQuery,
    word_terms: &[Vec<String>],
    claim: &IndexedClaim,
    stems: &mut StemCache,
) -> bool {
    if query.words.is_empty() {
        return true;
    }
    let source_words: Vec<String> = claim
        .source
        .iter()
        .flat_map(|s| std::iter::once(&s.name).chain(&s.aliases))
        .flat_map(|n| {
            name_key(n)
                .split(' ')
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
    let text_terms = content_terms_cached(&claim.text, stems);
    let text_lower = claim.text.to_lowercase();
    query.words.iter().zip(word_terms).all(|(word, terms)| {
        if source_words.contains(word) {
            return true;
        }
        if terms.is_empty() {
            // Stop words and figures are matched as written.
            text_lower.contains(word.as_str())
        } else {
            terms.iter().all(|t| text_terms.contains(t))
        }
    })
}

fn matches_source(query: &SearchQuery, claim: &IndexedClaim) -> bool {
    let Some(wanted) = &query.source else {
        return true;
    };
    claim.source.as_ref().is_some_and(|s| {
        std::iter::once(&s.name)
            .chain(&s.aliases)
            .any(|n| name_key(n).contains(wanted.as_str()))
    })
}

/// The notes with a verdict (other than unverified) on `claim`, by the rule every part of the
/// product pairs notes and claims with ([`crate::review::is_note_on`]).
pub fn judged_notes<'a>(
    notes: Option<&'a ArticleFile>,
    claim: &'a IndexedClaim,
) -> impl Iterator<Item = &'a Note> {
    notes
        .into_iter()
        .flat_map(|file| &file.notes)
        .filter(|n| n.verdict != Verdict::Unverified)
        .filter(|n| crate::review::is_note_on(&n.anchor, claim.start, claim.end, &claim.text))
}

/// The verdict of the note covering `claim`, if one has a verdict.
pub fn verdict_of(notes: Option<&ArticleFile>, claim: &IndexedClaim) -> Option<Verdict> {
    judged_notes(notes, claim).next().map(|n| n.verdict)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_split_words_and_filters() {
        let query =
            SearchQuery::parse("evacuated residents source:\"Marta Quinlan\" verdict:Disputed")
                .expect("valid query");
        assert_eq!(query.terms, ["evacu", "resid"]);
        assert_eq!(query.source.as_deref(), Some("marta quinlan"));
        assert_eq!(query.verdict, Some(Verdict::Disputed));
    }

    #[test]
    fn an_unclosed_quote_takes_the_rest() {
        let query = SearchQuery::parse("source:\"Marta Quin").expect("valid query");
        assert_eq!(query.source.as_deref(), Some("marta quin"));
        assert!(query.words.is_empty());
    }

    #[test]
    fn unknown_verdicts_are_refused() {
        let err = SearchQuery::parse("verdict:maybe").expect_err("not a verdict");
        assert!(err.contains("disputed"), "{err}");
    }
}
