//! Finding claims that report the same thing: an inverted index of content terms over every
//! claim and statement in the library, scored by TF-IDF cosine similarity, and each article's
//! terms as one vector, so that a match can weigh whether the two reports tell one story.

use rustc_hash::FxHashMap as HashMap;

use super::features::{StemCache, content_terms, content_terms_cached, years};
use super::record::IndexedArticle;

/// Least cosine similarity for two claims to count as reporting the same thing.
pub const MIN_SIMILARITY: f32 = 0.5;

/// Least number of shared content terms for a match (short claims share little by chance):
/// a fragment sharing one word ("the bodies") is never a match.
pub const MIN_SHARED_TERMS: usize = 2;

/// Least cosine similarity for a claim to be a candidate, weighed by the match model
/// ([`super::score`]) before it counts as a match.
pub const CANDIDATE_SIMILARITY: f32 = 0.15;

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
    /// Each article's terms weighted by TF-IDF over articles, of unit length, by term id.
    article_vectors: Vec<ArticleVector>,
    /// Number of articles holding each term, by term id.
    article_df: Vec<u32>,
}

/// An article's content terms as a TF-IDF vector of unit length, sorted by term id (terms the
/// library does not know count toward the length only).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleVector {
    terms: Vec<(u32, f32)>,
    /// The years the article names, sorted, each once.
    years: Vec<u16>,
}

impl ArticleVector {
    fn of(counts: &HashMap<u32, u32>, unknown: &[u32], idf: impl Fn(Option<u32>) -> f32) -> Self {
        let weight = |tf: u32| 1.0 + (tf as f32).ln();
        let mut terms: Vec<(u32, f32)> = counts
            .iter()
            .map(|(&id, &tf)| (id, weight(tf) * idf(Some(id))))
            .collect();
        terms.sort_unstable_by_key(|t| t.0);
        let unknown_norm: f32 = unknown
            .iter()
            .map(|&tf| (weight(tf) * idf(None)).powi(2))
            .sum();
        let norm = (terms.iter().map(|t| t.1 * t.1).sum::<f32>() + unknown_norm).sqrt();
        if norm > 0.0 {
            for t in &mut terms {
                t.1 /= norm;
            }
        }
        Self {
            terms,
            years: Vec::new(),
        }
    }

    fn with_years<'a>(mut self, texts: impl Iterator<Item = &'a str>) -> Self {
        self.years = texts.flat_map(years).collect();
        self.years.sort_unstable();
        self.years.dedup();
        self
    }

    /// Whether both articles name years and none is named by both: reports of different
    /// years tell different stories, however alike their words.
    pub fn years_disjoint(&self, other: &Self) -> bool {
        !self.years.is_empty()
            && !other.years.is_empty()
            && !self
                .years
                .iter()
                .any(|y| other.years.binary_search(y).is_ok())
    }

    /// Cosine similarity with `other`.
    pub fn cosine(&self, other: &Self) -> f32 {
        let (mut i, mut j, mut dot) = (0, 0, 0.0f32);
        while i < self.terms.len() && j < other.terms.len() {
            let (a, b) = (self.terms[i], other.terms[j]);
            match a.0.cmp(&b.0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    dot += a.1 * b.1;
                    i += 1;
                    j += 1;
                }
            }
        }
        dot
    }
}

impl Matcher {
    /// Builds the index over `articles`.
    pub fn build(articles: &[IndexedArticle]) -> Self {
        let mut matcher = Self::default();
        let mut claim_terms: Vec<Vec<u32>> = Vec::new();
        let mut stems = StemCache::default();
        let mut article_counts: Vec<HashMap<u32, u32>> = Vec::with_capacity(articles.len());
        for (a, article) in articles.iter().enumerate() {
            matcher.shas.push(article.sha256.clone());
            let mut counts: HashMap<u32, u32> = HashMap::default();
            for (c, claim) in article.entries().enumerate() {
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
                    *counts.entry(id).or_insert(0) += 1;
                }
                claim_terms.push(ids);
                matcher.claims.push(ClaimAt {
                    article: u32::try_from(a).unwrap_or(u32::MAX),
                    claim: u32::try_from(c).unwrap_or(u32::MAX),
                });
            }
            article_counts.push(counts);
        }
        matcher.article_df = vec![0; matcher.postings.len()];
        for counts in &article_counts {
            for &id in counts.keys() {
                matcher.article_df[id as usize] += 1;
            }
        }
        matcher.article_vectors = article_counts
            .iter()
            .zip(articles)
            .map(|(counts, article)| {
                ArticleVector::of(counts, &[], |id| matcher.article_idf(id))
                    .with_years(article.entries().map(|c| c.text.as_str()))
            })
            .collect();
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

    /// Inverse document frequency of a term over articles (`None`: a term no article holds).
    fn article_idf(&self, id: Option<u32>) -> f32 {
        let df = id
            .and_then(|id| self.article_df.get(id as usize))
            .copied()
            .unwrap_or(0);
        ((self.shas.len() as f32 + 1.0) / (df as f32 + 1.0)).ln() + 1.0
    }

    /// The vector of an article's `texts` (its claims and statements), for
    /// [`Self::article_similarity`].
    pub fn article_vector<'a>(
        &self,
        texts: impl Iterator<Item = &'a str> + Clone,
    ) -> ArticleVector {
        let mut counts: HashMap<u32, u32> = HashMap::default();
        let mut unknown: HashMap<String, u32> = HashMap::default();
        for text in texts.clone() {
            for term in content_terms(text) {
                match self.term_ids.get(&term) {
                    Some(&id) => *counts.entry(id).or_insert(0) += 1,
                    None => *unknown.entry(term).or_insert(0) += 1,
                }
            }
        }
        let unknown: Vec<u32> = unknown.into_values().collect();
        ArticleVector::of(&counts, &unknown, |id| self.article_idf(id)).with_years(texts)
    }

    /// Whether `vector` and the library's article at `article` name years, none in common.
    pub fn years_disjoint(&self, vector: &ArticleVector, article: u32) -> bool {
        self.article_vectors
            .get(article as usize)
            .is_some_and(|other| vector.years_disjoint(other))
    }

    /// Cosine similarity of `vector` (from [`Self::article_vector`]) with the library's
    /// article at `article`: how far two reports tell one story.
    pub fn article_similarity(&self, vector: &ArticleVector, article: u32) -> f32 {
        self.article_vectors
            .get(article as usize)
            .map_or(0.0, |other| vector.cosine(other))
    }

    fn idf(&self, id: u32) -> f32 {
        let df = self.postings.get(id as usize).map_or(0, Vec::len);
        ((self.claims.len() as f32 + 1.0) / (df as f32 + 1.0)).ln() + 1.0
    }

    /// The library claims most similar to `text`, best first, at most `limit`, skipping the
    /// articles whose sha256 is `skip_sha256` (copies of the article being compared).
    pub fn similar(&self, text: &str, skip_sha256: &str, limit: usize) -> Vec<Hit> {
        self.candidates(text, skip_sha256, limit, MIN_SIMILARITY)
    }

    /// The library claims sharing at least [`MIN_SHARED_TERMS`] content terms with `text` at a
    /// cosine of at least `floor`, best first, at most `limit`, skipping the articles whose
    /// sha256 is `skip_sha256`.
    pub fn candidates(&self, text: &str, skip_sha256: &str, limit: usize, floor: f32) -> Vec<Hit> {
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
        let needed = MIN_SHARED_TERMS;
        if weights.len() < needed {
            return Vec::new();
        }
        let mut hits = SCRATCH.with(|scratch| {
            let mut scratch = scratch.borrow_mut();
            let Scratch { dots, reached } = &mut *scratch;
            if dots.len() < self.claims.len() {
                dots.resize(self.claims.len(), (0.0, 0));
            }
            // Dense sums over the claims reached, reset as they are read.
            for &(id, idf) in &weights {
                for &flat in &self.postings[id as usize] {
                    let entry = &mut dots[flat as usize];
                    if entry.1 == 0 {
                        reached.push(flat);
                    }
                    entry.0 += idf * idf;
                    entry.1 += 1;
                }
            }
            let mut hits = Vec::new();
            for flat in reached.drain(..) {
                let (dot, shared) = std::mem::take(&mut dots[flat as usize]);
                let shared = shared as usize;
                // The cheap tests first: most claims reached share one term only.
                if shared < needed {
                    continue;
                }
                let score = dot / (query_norm * self.norms[flat as usize]);
                if score < floor {
                    continue;
                }
                let at = self.claims[flat as usize];
                if self.shas[at.article as usize] != skip_sha256 {
                    hits.push(Hit { at, score, shared });
                }
            }
            hits
        });
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.at.cmp(&b.at)));
        hits.truncate(limit);
        hits
    }
}

/// Per-thread working memory of [`Matcher::candidates`]: one sum per library claim, zero
/// between calls, and the claims a call reached.
#[derive(Default)]
struct Scratch {
    /// Dot product and shared terms by flat claim id.
    dots: Vec<(f32, u32)>,
    /// The flat claim ids with a non-zero entry in `dots`.
    reached: Vec<u32>,
}

thread_local! {
    /// Reused across calls: a dense sum is faster than a hash map over hundreds of thousands
    /// of claims, and allocating it per call would cost more than the sums.
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Format, load_bytes};
    use crate::store::FileStamp;

    fn article(text: &str) -> IndexedArticle {
        let document = load_bytes(text.as_bytes(), Format::Text).expect("plain text loads");
        let extraction = crate::extract(&document);
        IndexedArticle::new(&document, &extraction, FileStamp::default())
    }

    #[test]
    fn a_fragment_sharing_one_term_is_no_candidate() {
        let library = [
            article("River report\n\nThe bodies were found near the old mill race on Friday."),
            article("Harbour report\n\nDivers said the harbour wall had cracked overnight."),
        ];
        let matcher = Matcher::build(&library);
        assert!(matcher.candidates("the bodies", "", 10, 0.0).is_empty());
        let found = matcher.candidates("bodies found near the mill", "", 10, 0.0);
        assert_eq!(found.first().map(|h| h.at.article), Some(0));
    }

    #[test]
    fn reports_of_one_story_are_more_alike_than_reports_of_another() {
        let library = [
            article("Quake report\n\nA strong quake shook Lindmoor valley, toppling the granary."),
            article("Flood report\n\nFlood waters rose in Carvel town after the dam failed."),
        ];
        let matcher = Matcher::build(&library);
        let story = matcher.article_vector(
            ["The Lindmoor valley quake toppled a granary, residents said."].into_iter(),
        );
        assert!(matcher.article_similarity(&story, 0) > matcher.article_similarity(&story, 1));
        let dated = matcher.article_vector(["The 2011 quake in Lindmoor"].into_iter());
        assert!(!matcher.years_disjoint(&dated, 0));
    }
}
