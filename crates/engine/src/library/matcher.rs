//! Finding claims that report the same thing: an inverted index of content terms over every
//! claim in the library, scored by TF-IDF cosine similarity.

use rustc_hash::FxHashMap as HashMap;

use super::features::{StemCache, content_terms, content_terms_cached};
use super::record::IndexedArticle;

/// Least cosine similarity for two claims to count as reporting the same thing.
pub const MIN_SIMILARITY: f32 = 0.5;

/// Least number of shared content terms for a match (short claims share little by chance).
pub const MIN_SHARED_TERMS: usize = 3;

/// Where a claim sits in the library: article index, claim index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClaimAt {
    /// Index into the library's articles.
    pub article: u32,
    /// Index into that article's claims.
    pub claim: u32,
}

/// A claim of the library found similar to a query claim.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// The similar claim.
    pub at: ClaimAt,
    /// Cosine similarity, 0..1.
    pub score: f32,
    /// Number of content terms shared.
    pub shared: usize,
}

/// The inverted index over a library's claims.
#[derive(Debug, Default)]
pub struct Matcher {
    /// Term id by term.
    term_ids: HashMap<String, u32>,
    /// Claims holding each term, by term id.
    postings: Vec<Vec<u32>>,
    /// Position of each claim (by flat claim id).
    claims: Vec<ClaimAt>,
    /// Length of each claim's TF-IDF vector (by flat claim id).
    norms: Vec<f32>,
    /// Article sha256 by article index, to skip copies of the article compared.
    shas: Vec<String>,
}

impl Matcher {
    /// Builds the index over `articles`.
    pub fn build(articles: &[IndexedArticle]) -> Self {
        let mut matcher = Self::default();
        let mut claim_terms: Vec<Vec<u32>> = Vec::new();
        let mut stems = StemCache::default();
        for (a, article) in articles.iter().enumerate() {
            matcher.shas.push(article.sha256.clone());
            for (c, claim) in article.claims.iter().enumerate() {
                let flat = u32::try_from(matcher.claims.len()).unwrap_or(u32::MAX);
                let mut ids = Vec::new();
                for term in content_terms_cached(&claim.text, &mut stems) {
                    let next = u32::try_from(matcher.postings.len()).unwrap_or(u32::MAX);
                    let id = *matcher.term_ids.entry(term).or_insert(next);
                    if id == next {
                        matcher.postings.push(Vec::new());
                    }
                    matcher.postings[id as usize].push(flat);
                    ids.push(id);
                }
                claim_terms.push(ids);
                matcher.claims.push(ClaimAt {
                    article: u32::try_from(a).unwrap_or(u32::MAX),
                    claim: u32::try_from(c).unwrap_or(u32::MAX),
                });
            }
        }
        matcher.norms = claim_terms
            .iter()
            .map(|ids| {
                ids.iter()
                    .map(|&id| matcher.idf(id).powi(2))
                    .sum::<f32>()
                    .sqrt()
            })
            .collect();
        matcher
    }

    /// Number of claims indexed.
    pub fn claim_count(&self) -> usize {
        self.claims.len()
    }

    fn idf(&self, id: u32) -> f32 {
        let df = self.postings.get(id as usize).map_or(0, Vec::len);
        ((self.claims.len() as f32 + 1.0) / (df as f32 + 1.0)).ln() + 1.0
    }

    /// The library claims most similar to `text`, best first, at most `limit`, skipping the
    /// articles whose sha256 is `skip_sha256` (copies of the article being compared).
    pub fn similar(&self, text: &str, skip_sha256: &str, limit: usize) -> Vec<Hit> {
        // An empty library: nothing to find, and no need to read the query's terms.
        if self.claims.is_empty() {
            return Vec::new();
        }
        let mut weights: Vec<(u32, f32)> = Vec::new();
        let mut query_norm = 0.0f32;
        let mut unknown_terms = 0usize;
        for term in content_terms(text) {
            match self.term_ids.get(&term) {
                Some(&id) => {
                    let idf = self.idf(id);
                    query_norm += idf * idf;
                    weights.push((id, idf));
                }
                None => unknown_terms += 1,
            }
        }
        // A term no library claim holds still counts toward the query's length.
        let unseen_idf = (self.claims.len() as f32 + 1.0).ln() + 1.0;
        query_norm += unknown_terms as f32 * unseen_idf * unseen_idf;
        let query_norm = query_norm.sqrt();
        let total_terms = weights.len() + unknown_terms;
        let needed = MIN_SHARED_TERMS.min(total_terms);
        if needed == 0 || weights.len() < needed {
            return Vec::new();
        }
        let mut dots: HashMap<u32, (f32, usize)> = HashMap::default();
        for &(id, idf) in &weights {
            for &flat in &self.postings[id as usize] {
                let entry = dots.entry(flat).or_insert((0.0, 0));
                entry.0 += idf * idf;
                entry.1 += 1;
            }
        }
        let mut hits: Vec<Hit> = dots
            .into_iter()
            .filter_map(|(flat, (dot, shared))| {
                let at = self.claims[flat as usize];
                if self.shas[at.article as usize] == skip_sha256 {
                    return None;
                }
                let score = dot / (query_norm * self.norms[flat as usize]);
                (score >= MIN_SIMILARITY && shared >= needed).then_some(Hit { at, score, shared })
            })
            .collect();
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.at.cmp(&b.at)));
        hits.truncate(limit);
        hits
    }
}
