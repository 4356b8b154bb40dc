//! Scores the web-page loader on a folder in the article-extraction-benchmark layout:
//! `ground-truth.json` (`{id: {"url", "articleBody"}}`) beside `html/ID.html.gz` (or `.html`).
//! The WCXB layout is read too: its entries may also hold `title`, `author` and `date` (scored for
//! correctness where present) and `with`/`without` snippets (scored like trafilatura's evaluation:
//! a `with` snippet found in the output is a true positive, one missing a false negative, a
//! `without` snippet found a false positive; counts are summed over the folder).
//!
//! The metric is the benchmark's: text is split into `\w+` tokens, and overlapping 4-token
//! shingles are counted with repeats. Per page, true positives are the summed minimum counts of
//! each shingle, false positives and negatives the excess on either side. Precision and recall are
//! averaged over pages (a page with empty output drops out of the precision average) and F1 is
//! computed from the two averages. Metadata fill counts and load time come along.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Instant;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::document::{self, Document};

/// Tokens per shingle.
pub const SHINGLE_TOKENS: usize = 4;

/// Why a folder could not be evaluated at all.
#[derive(Debug, thiserror::Error)]
pub enum HtmlEvalError {
    /// `ground-truth.json` is missing or unreadable.
    #[error("cannot read ground-truth.json ({source}): {}", .path.display())]
    GroundTruth {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// `ground-truth.json` is not the expected JSON.
    #[error("ground-truth.json is not valid ({source}): {}", .path.display())]
    BadGroundTruth {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: serde_json::Error,
    },
}

#[derive(Deserialize)]
struct GroundTruthEntry {
    #[serde(default)]
    url: Option<String>,
    #[serde(rename = "articleBody", default)]
    article_body: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    with: Vec<Option<String>>,
    #[serde(default)]
    without: Vec<Option<String>>,
}

/// Whether a metadata field matched the truth: `None` when the truth has no value for it.
pub type FieldCheck = Option<bool>;

/// A title is right when it equals the truth after lower-casing and squashing spaces.
pub fn title_matches(found: Option<&str>, truth: &str) -> bool {
    found.is_some_and(|f| squash_lower(f) == squash_lower(truth))
}

/// An author is right when either (lower-cased, spaces squashed) contains the other.
pub fn author_matches(found: Option<&str>, truth: &str) -> bool {
    let truth = squash_lower(truth);
    found.map(squash_lower).is_some_and(|f| {
        !f.is_empty() && !truth.is_empty() && (f.contains(&truth) || truth.contains(&f))
    })
}

/// A date is right when its first ten characters (`YYYY-MM-DD`) equal the truth's.
pub fn date_matches(found: Option<&str>, truth: &str) -> bool {
    let head = |s: &str| s.trim().chars().take(10).collect::<String>();
    found.is_some_and(|f| !truth.trim().is_empty() && head(f) == head(truth))
}

/// Snippet counts of one page: which `with` snippets the output holds and which `without`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SnippetCounts {
    /// `with` snippets found in the output.
    pub true_positives: usize,
    /// `with` snippets missing from the output.
    pub false_negatives: usize,
    /// `without` snippets found in the output.
    pub false_positives: usize,
    /// `without` snippets absent from the output.
    pub true_negatives: usize,
}

impl SnippetCounts {
    /// Adds another page's counts.
    pub fn add(&mut self, other: SnippetCounts) {
        self.true_positives += other.true_positives;
        self.false_negatives += other.false_negatives;
        self.false_positives += other.false_positives;
        self.true_negatives += other.true_negatives;
    }

    /// Precision: found `with` snippets over found snippets of either kind (1 when none).
    pub fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }

    /// Recall: found `with` snippets over all `with` snippets (1 when none).
    pub fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }

    /// F1 of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

/// Counts which snippets `output` holds. Both sides have their whitespace squashed first, so
/// a snippet may run across a line break of the output.
pub fn snippet_counts<S: AsRef<str>>(output: &str, with: &[S], without: &[S]) -> SnippetCounts {
    let output = squash(output);
    let mut counts = SnippetCounts::default();
    for snippet in with {
        let snippet = squash(snippet.as_ref());
        if snippet.is_empty() {
            continue;
        }
        if output.contains(&snippet) {
            counts.true_positives += 1;
        } else {
            counts.false_negatives += 1;
        }
    }
    for snippet in without {
        let snippet = squash(snippet.as_ref());
        if snippet.is_empty() {
            continue;
        }
        if output.contains(&snippet) {
            counts.false_positives += 1;
        } else {
            counts.true_negatives += 1;
        }
    }
    counts
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn squash_lower(text: &str) -> String {
    squash(&text.to_lowercase())
}

/// Score and metadata of one page.
#[derive(Debug, Clone, Serialize)]
pub struct PageScore {
    /// The page's id (its file name without extensions).
    pub id: String,
    /// The page's address, from the ground truth.
    pub url: Option<String>,
    /// Precision of the page's shingles; `None` when the output was empty.
    pub precision: Option<f64>,
    /// Recall of the page's shingles.
    pub recall: f64,
    /// Shingles in both.
    pub true_positives: usize,
    /// Shingles only in the output.
    pub false_positives: usize,
    /// Shingles only in the ground truth.
    pub false_negatives: usize,
    /// Title found, if any.
    pub title: Option<String>,
    /// Byline found, if any.
    pub byline: Option<String>,
    /// Outlet found, if any.
    pub outlet: Option<String>,
    /// Date found, if any.
    pub published: Option<String>,
    /// Date of the last update found, if any.
    pub modified: Option<String>,
    /// Whether the title is right (`None` when the truth has none).
    pub title_right: FieldCheck,
    /// Whether the byline is right (`None` when the truth names no author).
    pub byline_right: FieldCheck,
    /// Whether the publication date is right (`None` when the truth has no date).
    pub date_right: FieldCheck,
    /// The page's snippet counts (all zero when the truth has no snippets).
    pub snippets: SnippetCounts,
    /// Warnings the loader gave (fallbacks used, bytes replaced).
    pub warnings: Vec<String>,
    /// The text the loader gave (left out of the JSON; `eval html --texts DIR` writes it).
    #[serde(skip)]
    pub text: String,
    /// Why the page failed to load, if it did.
    pub error: Option<String>,
    /// Time to load the page, in seconds.
    pub load_secs: f64,
}

/// Totals over the folder.
#[derive(Debug, Clone, Default, Serialize)]
pub struct HtmlTotals {
    /// Pages in the ground truth.
    pub pages: usize,
    /// Pages that failed to load (scored as empty output).
    pub failed: usize,
    /// Mean precision over pages with output.
    pub precision: f64,
    /// Mean recall over all pages.
    pub recall: f64,
    /// F1 of the two means.
    pub f1: f64,
    /// Pages with a title.
    pub titles: usize,
    /// Pages with a byline.
    pub bylines: usize,
    /// Pages with an outlet.
    pub outlets: usize,
    /// Pages with a publication date.
    pub dates: usize,
    /// Pages whose truth has a title, and how many of those were right.
    pub titles_checked: usize,
    /// Titles equal to the truth.
    pub titles_right: usize,
    /// Pages whose truth names an author.
    pub bylines_checked: usize,
    /// Bylines matching the truth.
    pub bylines_right: usize,
    /// Pages whose truth has a date.
    pub dates_checked: usize,
    /// Publication dates matching the truth (same day).
    pub dates_right: usize,
    /// Snippet counts summed over the folder.
    pub snippets: SnippetCounts,
    /// Median time to load one page, in milliseconds.
    pub median_load_ms: f64,
    /// Total time spent loading pages, in seconds.
    pub load_secs: f64,
}

/// The full result: totals and every page's score, in id order.
#[derive(Debug, Clone, Serialize)]
pub struct HtmlReport {
    /// Totals over the folder.
    pub totals: HtmlTotals,
    /// Per-page scores.
    pub pages: Vec<PageScore>,
}

/// Scores every page of the folder, calling `progress(done, total)` as it goes.
pub fn evaluate_dir(
    dir: &Path,
    mut progress: impl FnMut(usize, usize),
) -> Result<HtmlReport, HtmlEvalError> {
    let truth_path = dir.join("ground-truth.json");
    let raw = std::fs::read(&truth_path).map_err(|source| HtmlEvalError::GroundTruth {
        path: truth_path.clone(),
        source,
    })?;
    let truth: BTreeMap<String, GroundTruthEntry> =
        serde_json::from_slice(&raw).map_err(|source| HtmlEvalError::BadGroundTruth {
            path: truth_path.clone(),
            source,
        })?;
    let total = truth.len();
    progress(0, total);
    let mut pages = Vec::with_capacity(total);
    for (done, (id, entry)) in truth.iter().enumerate() {
        let path = page_path(dir, id);
        let started = Instant::now();
        let loaded = document::load(&path);
        let load_secs = started.elapsed().as_secs_f64();
        pages.push(score_page(id, entry, loaded, load_secs));
        progress(done + 1, total);
    }
    Ok(HtmlReport {
        totals: totals(&pages),
        pages,
    })
}

/// `html/ID.html.gz`, or `html/ID.html` when only that exists.
fn page_path(dir: &Path, id: &str) -> PathBuf {
    let gz = dir.join("html").join(format!("{id}.html.gz"));
    if gz.exists() {
        return gz;
    }
    dir.join("html").join(format!("{id}.html"))
}

fn score_page(
    id: &str,
    entry: &GroundTruthEntry,
    loaded: Result<Document, document::LoadError>,
    load_secs: f64,
) -> PageScore {
    let (text, error, document) = match loaded {
        Ok(document) => (document.text.clone(), None, Some(document)),
        Err(err) => (String::new(), Some(err.to_string()), None),
    };
    let counts = shingle_counts(&text, &entry.article_body);
    let field = |f: fn(&Document) -> &Option<String>| document.as_ref().and_then(|d| f(d).clone());
    let title = field(|d| &d.title);
    let byline = field(|d| &d.byline);
    let published = field(|d| &d.published);
    let check = |truth: &Option<String>,
                 matches: fn(Option<&str>, &str) -> bool,
                 found: &Option<String>| {
        truth
            .as_deref()
            .filter(|t| !t.trim().is_empty())
            .map(|t| matches(found.as_deref(), t))
    };
    let with: Vec<&str> = entry.with.iter().flatten().map(String::as_str).collect();
    let without: Vec<&str> = entry.without.iter().flatten().map(String::as_str).collect();
    PageScore {
        id: id.to_owned(),
        url: entry.url.clone(),
        precision: counts.precision(),
        recall: counts.recall(),
        true_positives: counts.true_positives,
        false_positives: counts.false_positives,
        false_negatives: counts.false_negatives,
        title_right: check(&entry.title, title_matches, &title),
        byline_right: check(&entry.author, author_matches, &byline),
        date_right: check(&entry.date, date_matches, &published),
        modified: field(|d| &d.modified),
        snippets: snippet_counts(&text, &with, &without),
        text: text.clone(),
        warnings: document
            .as_ref()
            .map(|d| d.warnings.clone())
            .unwrap_or_default(),
        title,
        byline,
        outlet: field(|d| &d.outlet),
        published,
        error,
        load_secs,
    }
}

/// Shingle overlap of a prediction and the truth.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ShingleCounts {
    /// Shingles in both (minimum of the two counts, summed).
    pub true_positives: usize,
    /// Excess shingles of the prediction.
    pub false_positives: usize,
    /// Excess shingles of the truth.
    pub false_negatives: usize,
}

impl ShingleCounts {
    /// Precision, or `None` when the prediction has no shingles.
    pub fn precision(&self) -> Option<f64> {
        let predicted = self.true_positives + self.false_positives;
        (predicted > 0).then(|| self.true_positives as f64 / predicted as f64)
    }

    /// Recall; 1 when the truth has no shingles (nothing to find).
    pub fn recall(&self) -> f64 {
        let gold = self.true_positives + self.false_negatives;
        if gold == 0 {
            1.0
        } else {
            self.true_positives as f64 / gold as f64
        }
    }
}

/// Counts the benchmark's shingle overlap between `predicted` and `truth`.
pub fn shingle_counts(predicted: &str, truth: &str) -> ShingleCounts {
    let predicted = shingles(predicted);
    let truth = shingles(truth);
    let mut counts = ShingleCounts::default();
    for (shingle, &n) in &predicted {
        let m = truth.get(shingle).copied().unwrap_or(0);
        counts.true_positives += n.min(m);
        counts.false_positives += n.saturating_sub(m);
    }
    for (shingle, &m) in &truth {
        let n = predicted.get(shingle).copied().unwrap_or(0);
        counts.false_negatives += m.saturating_sub(n);
    }
    counts
}

/// Overlapping shingles of [`SHINGLE_TOKENS`] `\w+` tokens, with their counts. A text of fewer
/// tokens gives one shingle of all of them (as the benchmark does).
fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    static WORD: OnceLock<Option<Regex>> = OnceLock::new();
    let mut counts = HashMap::new();
    let Some(word) = WORD.get_or_init(|| Regex::new(r"\w+").ok()).as_ref() else {
        return counts;
    };
    let tokens: Vec<&str> = word.find_iter(text).map(|m| m.as_str()).collect();
    if tokens.is_empty() {
        return counts;
    }
    if tokens.len() < SHINGLE_TOKENS {
        counts.insert(tokens, 1);
        return counts;
    }
    for window in tokens.windows(SHINGLE_TOKENS) {
        *counts.entry(window.to_vec()).or_insert(0) += 1;
    }
    counts
}

/// Averages the pages' scores and counts filled metadata.
fn totals(pages: &[PageScore]) -> HtmlTotals {
    let precisions: Vec<f64> = pages.iter().filter_map(|p| p.precision).collect();
    let precision = mean(&precisions);
    let recall = mean(&pages.iter().map(|p| p.recall).collect::<Vec<_>>());
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    let mut snippets = SnippetCounts::default();
    for page in pages {
        snippets.add(page.snippets);
    }
    HtmlTotals {
        pages: pages.len(),
        failed: pages.iter().filter(|p| p.error.is_some()).count(),
        precision,
        recall,
        f1,
        titles: pages.iter().filter(|p| p.title.is_some()).count(),
        bylines: pages.iter().filter(|p| p.byline.is_some()).count(),
        outlets: pages.iter().filter(|p| p.outlet.is_some()).count(),
        dates: pages.iter().filter(|p| p.published.is_some()).count(),
        titles_checked: checked(pages, |p| p.title_right),
        titles_right: right(pages, |p| p.title_right),
        bylines_checked: checked(pages, |p| p.byline_right),
        bylines_right: right(pages, |p| p.byline_right),
        dates_checked: checked(pages, |p| p.date_right),
        dates_right: right(pages, |p| p.date_right),
        snippets,
        median_load_ms: median(pages.iter().map(|p| p.load_secs * 1000.0).collect()),
        load_secs: pages.iter().map(|p| p.load_secs).sum(),
    }
}

fn checked(pages: &[PageScore], field: fn(&PageScore) -> FieldCheck) -> usize {
    pages.iter().filter(|p| field(p).is_some()).count()
}

fn right(pages: &[PageScore], field: fn(&PageScore) -> FieldCheck) -> usize {
    pages.iter().filter(|p| field(p) == Some(true)).count()
}

fn median(mut values: Vec<f64>) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    }
}

fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        0.0
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingles_count_with_repeats() {
        let counts = shingle_counts("a b c d a b c d", "a b c d e");
        // Predicted: abcd x2, bcda, cdab, dabc; truth: abcd, bcde.
        assert_eq!(
            counts,
            ShingleCounts {
                true_positives: 1,
                false_positives: 4,
                false_negatives: 1
            }
        );
        assert_eq!(shingle_counts("", "a b c d").precision(), None);
        assert_eq!(shingle_counts("", "a b c d").recall(), 0.0);
    }

    #[test]
    fn snippets_and_fields_are_checked() {
        let counts = snippet_counts(
            "Home\n\nThe river rose\nfast today.",
            &["river rose fast", "sank"],
            &["Home", "Login"],
        );
        assert_eq!(
            counts,
            SnippetCounts {
                true_positives: 1,
                false_negatives: 1,
                false_positives: 1,
                true_negatives: 1
            }
        );
        assert_eq!(counts.precision(), 0.5);
        assert!(title_matches(Some("The  River"), "the river"));
        assert!(!title_matches(None, "the river"));
        assert!(author_matches(Some("Jane Doe"), "By JANE DOE"));
        assert!(!author_matches(Some("Staff"), "Jane Doe"));
        assert!(date_matches(Some("2024-05-17T08:30+02:00"), "2024-05-17"));
        assert!(!date_matches(Some("2024-05-18"), "2024-05-17"));
        assert_eq!(median(vec![3.0, 1.0, 2.0, 10.0]), 2.5);
    }
}
