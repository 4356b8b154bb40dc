//! The comparison of one article against the library: for each claim, the same claim in other
//! reports with what agrees and diverges, the chains of attribution, the independent origins,
//! and the verdicts already made on matching claims.

use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

use super::compare::{Agreement, Difference, compare_claims};
use super::features::{ClaimFeatures, content_terms};
use super::index::LibraryIndex;
use super::matcher::{ArticleVector, CANDIDATE_SIMILARITY};
use super::origins::{Chain, independent_origins};
use super::record::{IndexedArticle, IndexedClaim};
use super::score::{MatchModel, PairFeatures};
use super::search::judged_notes;
use crate::document::Document;
use crate::extract::Extraction;
use crate::store::FileStamp;
use crate::store::{ArticleFile, Store, Verdict};

/// Most matches kept per claim (the best; one per report).
pub const MAX_MATCHES: usize = 100;

/// The comparison of one article against the library.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Path of the article compared, if it has one.
    pub path: Option<String>,
    /// The name shown for it (outlet, headline or file name).
    pub report: String,
    /// Articles in the library (the article itself left out).
    pub library_articles: usize,
    /// One entry per claim of the article, in reading order.
    pub claims: Vec<ClaimComparison>,
    /// Ids of the claims no other report in the library carries.
    pub only_here: Vec<String>,
    /// The article's statements (sentences not listed as claims) that other reports carry,
    /// with their matches.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statements: Vec<ClaimComparison>,
}

/// One claim of the article with where else it appears.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimComparison {
    /// The claim.
    pub claim: IndexedClaim,
    /// Its chain of attribution in this article.
    pub chain: Chain,
    /// The same claim in other reports, best match first.
    pub matches: Vec<ClaimMatch>,
    /// The independent origins of the claim over this article and its matches.
    pub origins: Vec<OriginSummary>,
    /// Whether the matches were cut at [`MAX_MATCHES`]: more reports may carry the claim, and
    /// the counts are lower bounds.
    #[serde(default)]
    pub more: bool,
}

impl ClaimComparison {
    /// "4 reports, 2 independent origins" (this article counted), with "+" after counts that
    /// are lower bounds.
    pub fn summary(&self) -> String {
        let plus = if self.more { "+" } else { "" };
        let reports = self.matches.len() + 1;
        let origins = self.independent_origins();
        format!(
            "{reports}{plus} report{}, {origins}{plus} independent origin{}",
            if reports == 1 && !self.more { "" } else { "s" },
            if origins == 1 && !self.more { "" } else { "s" }
        )
    }

    /// Number of independent origins (reports relaying one origin count once).
    pub fn independent_origins(&self) -> usize {
        self.origins.len()
    }
}

/// The same claim in another report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimMatch {
    /// Path of the other report.
    pub path: String,
    /// Its name (outlet, headline or file name).
    pub report: String,
    /// Its headline.
    #[serde(default)]
    pub title: Option<String>,
    /// Its publication date.
    #[serde(default)]
    pub published: Option<String>,
    /// The matching claim there.
    pub claim: IndexedClaim,
    /// Similarity of the two claims' content, 0..1.
    pub score: f32,
    /// The claim's chain of attribution there.
    pub chain: Chain,
    /// How it is stated differently there.
    pub differences: Vec<Difference>,
    /// How it agrees.
    pub agreements: Vec<Agreement>,
    /// Verdicts the person made on the claim there.
    pub verdicts: Vec<VerdictHint>,
}

impl ClaimMatch {
    /// The agreements in one line ("same figures: 1,200; same source: Marta Quinlan"), if any.
    pub fn agreements_line(&self) -> Option<String> {
        (!self.agreements.is_empty()).then(|| {
            self.agreements
                .iter()
                .map(|a| a.summary.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        })
    }
}

/// A verdict made on a matching claim in another report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerdictHint {
    /// The verdict.
    pub verdict: Verdict,
    /// The other report's path.
    pub path: String,
    /// The other report's name.
    pub report: String,
    /// The note written with it.
    pub note: String,
}

impl VerdictHint {
    /// "disputed in Valley Courier (/path/courier.txt)": what the verdict history records when
    /// the hint is applied.
    pub fn provenance(&self) -> String {
        format!("{} in {} ({})", self.verdict, self.report, self.path)
    }
}

/// One independent origin of a claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OriginSummary {
    /// The origin's name (a source, or a report that states the claim unsourced).
    pub origin: String,
    /// Whether the origin is a named source.
    pub sourced: bool,
    /// The reports tracing back to it; the article compared is named first if among them.
    pub reports: Vec<String>,
}

/// Compares `document` (with its `extraction`) against the library. With a `store`, verdicts
/// made on matching claims are attached as hints.
pub fn compare(
    document: &Document,
    extraction: &Extraction,
    library: &LibraryIndex,
    store: Option<&Store>,
) -> Comparison {
    compare_with(document, extraction, library, store, MatchModel::get())
}

/// [`compare`], weighing candidates with `model` instead of the shipped one (to score other
/// weights).
pub fn compare_with(
    document: &Document,
    extraction: &Extraction,
    library: &LibraryIndex,
    store: Option<&Store>,
    model: &MatchModel,
) -> Comparison {
    let here = IndexedArticle::new(document, extraction, FileStamp::default());
    let mut context = Context {
        model,
        library,
        store,
        notes_cache: HashMap::default(),
        story: None,
        similarity: HashMap::default(),
    };
    let claims: Vec<ClaimComparison> = here
        .claims
        .iter()
        .map(|claim| claim_comparison(&here, claim, &mut context))
        .collect();
    let statements: Vec<ClaimComparison> = here
        .statements
        .iter()
        .map(|claim| claim_comparison(&here, claim, &mut context))
        .filter(|c| !c.matches.is_empty())
        .collect();
    let only_here = claims
        .iter()
        .filter(|c| c.matches.is_empty())
        .map(|c| c.claim.id.clone())
        .collect();
    Comparison {
        path: document.path.clone(),
        report: here.label(),
        library_articles: library
            .articles()
            .iter()
            .filter(|a| a.path != here.path)
            .count(),
        claims,
        only_here,
        statements,
    }
}

/// Least cosine for a candidate to match on its wording alone, whatever the reports around it.
pub const SAME_WORDING_SIMILARITY: f32 = 0.8;

/// Whether a candidate states the claim in nearly the same words: a cosine of at least
/// [`SAME_WORDING_SIMILARITY`] over at least 4 shared terms, its names not disjoint. Such a
/// claim is the same one even when the two reports are little alike (a small library, a short
/// report), and a changed figure in it is what the comparison is for.
fn same_wording(hit: &super::matcher::Hit, here: &ClaimFeatures, there: &ClaimFeatures) -> bool {
    hit.score >= SAME_WORDING_SIMILARITY
        && hit.shared >= 4
        && !super::compare::names_disjoint(here, there)
}

/// What the comparisons of one article's claims share.
struct Context<'a> {
    model: &'a MatchModel,
    library: &'a LibraryIndex,
    store: Option<&'a Store>,
    notes_cache: HashMap<String, Option<ArticleFile>>,
    /// The article's terms as one vector, read at the first candidate.
    story: Option<ArticleVector>,
    /// Its similarity with each library article met so far, and whether they name different
    /// years.
    similarity: HashMap<u32, (f32, bool)>,
}

/// The matches of `claim` (a claim or statement of `here`) in the library: candidates that
/// share terms with it, weighed by the match model.
fn claim_comparison(
    here: &IndexedArticle,
    claim: &IndexedClaim,
    context: &mut Context<'_>,
) -> ClaimComparison {
    let (library, store) = (context.library, context.store);
    let matcher = library.matcher();
    let articles = library.articles();
    let model = context.model;
    let chain = Chain::of(here, claim);
    // Read at the first candidate: most claims of a large article have none.
    let mut features: Option<(ClaimFeatures, usize)> = None;
    let mut seen_articles = Vec::new();
    let mut matches = Vec::new();
    let mut more = false;
    let candidates = matcher.candidates(
        &claim.text,
        &here.sha256,
        MAX_MATCHES * 4,
        CANDIDATE_SIMILARITY,
    );
    for hit in candidates {
        let article = &articles[hit.at.article as usize];
        if article.path == here.path || seen_articles.contains(&hit.at.article) {
            continue;
        }
        let Some(other) = article.entry(hit.at.claim as usize) else {
            continue;
        };
        let other_features = ClaimFeatures::of(other);
        let (features, terms) = features
            .get_or_insert_with(|| (ClaimFeatures::of(claim), content_terms(&claim.text).len()));
        let story = context
            .story
            .get_or_insert_with(|| matcher.article_vector(here.entries().map(|c| c.text.as_str())));
        let similarity = *context.similarity.entry(hit.at.article).or_insert_with(|| {
            (
                matcher.article_similarity(story, hit.at.article),
                matcher.years_disjoint(story, hit.at.article),
            )
        });
        let pair = PairFeatures::of(&hit, similarity, *terms, features, &other_features);
        if model.score(&pair) < 0.0 && !same_wording(&hit, features, &other_features) {
            continue;
        }
        let features = &*features;
        seen_articles.push(hit.at.article);
        let other_chain = Chain::of(article, other);
        let report = article.label();
        let (differences, agreements) = compare_claims(
            (claim, &chain, features),
            (other, &other_chain, &other_features),
            &report,
        );
        let verdicts = store
            .map(|store| {
                let notes = context
                    .notes_cache
                    .entry(article.path.clone())
                    .or_insert_with(|| store.notes_for_key(&article.path));
                verdict_hints(notes.as_ref(), article, other)
            })
            .unwrap_or_default();
        matches.push(ClaimMatch {
            path: article.path.clone(),
            report,
            title: article.title.clone(),
            published: article.published.clone(),
            claim: other.clone(),
            score: hit.score,
            chain: other_chain,
            differences,
            agreements,
            verdicts,
        });
        if matches.len() == MAX_MATCHES {
            more = true;
            break;
        }
    }
    let origins = origins_of(&chain, &matches);
    ClaimComparison {
        claim: claim.clone(),
        chain,
        matches,
        origins,
        more,
    }
}

fn origins_of(chain: &Chain, matches: &[ClaimMatch]) -> Vec<OriginSummary> {
    let chains: Vec<Chain> = std::iter::once(chain.clone())
        .chain(matches.iter().map(|m| m.chain.clone()))
        .collect();
    independent_origins(&chains)
        .into_iter()
        .map(|group| OriginSummary {
            origin: group.origin.name,
            sourced: group.sourced,
            reports: group
                .members
                .iter()
                .map(|&i| chains[i].links[0].name.clone())
                .collect(),
        })
        .collect()
}

/// The verdicts (other than unverified) on notes that cover `claim` in `article`.
fn verdict_hints(
    notes: Option<&ArticleFile>,
    article: &IndexedArticle,
    claim: &IndexedClaim,
) -> Vec<VerdictHint> {
    judged_notes(notes, claim)
        .map(|n| VerdictHint {
            verdict: n.verdict,
            path: article.path.clone(),
            report: article.label(),
            note: n.note.clone(),
        })
        .collect()
}
