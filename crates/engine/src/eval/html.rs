//! Scores the web-page loader on a folder in the article-extraction-benchmark layout:
//! `ground-truth.json` (`{id: {"url", "articleBody"}}`) beside `html/ID.html.gz` (or `.html`).
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
    PageScore {
        id: id.to_owned(),
        url: entry.url.clone(),
        precision: counts.precision(),
        recall: counts.recall(),
        true_positives: counts.true_positives,
        false_positives: counts.false_positives,
        false_negatives: counts.false_negatives,
        title: field(|d| &d.title),
        byline: field(|d| &d.byline),
        outlet: field(|d| &d.outlet),
        published: field(|d| &d.published),
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
        load_secs: pages.iter().map(|p| p.load_secs).sum(),
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
}
