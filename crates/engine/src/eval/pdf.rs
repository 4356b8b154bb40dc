//! Scores the PDF loader on printed pages with their true text: a folder holding
//! `ground-truth.json` (the article-extraction-benchmark layout, `{id: {"url", "articleBody"}}`)
//! beside `pdf/ID.pdf`, as `scripts/pdf-benchmark.sh` prints them with headless Chromium.
//!
//! The metric is the web-page evaluation's ([`super::html::shingle_counts`]). A page whose
//! PDF is missing (the printer failed on it) is listed and left out of the means; a PDF that
//! fails to load scores as empty output.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use serde::{Deserialize, Serialize};

use super::html::{HtmlEvalError, shingle_counts};
use crate::document;

#[derive(Deserialize)]
struct GroundTruthEntry {
    #[serde(default)]
    url: Option<String>,
    #[serde(rename = "articleBody", default)]
    article_body: String,
}

/// Score and metadata of one printed page.
#[derive(Debug, Clone, Serialize)]
pub struct PdfPageScore {
    /// The page's id.
    pub id: String,
    /// The page's address, from the ground truth.
    pub url: Option<String>,
    /// Precision of its shingles; `None` when the output was empty.
    pub precision: Option<f64>,
    /// Recall of its shingles.
    pub recall: f64,
    /// F1 of the two (0 without output).
    pub f1: f64,
    /// Pages in the PDF.
    pub pdf_pages: usize,
    /// Title found.
    pub title: Option<String>,
    /// Address found in the running header or footer.
    pub source_url: Option<String>,
    /// Why the PDF failed to load, if it did.
    pub error: Option<String>,
    /// Time to load it, in seconds.
    pub load_secs: f64,
    /// The text the loader gave (not serialized: `--texts` writes it to files).
    #[serde(skip)]
    pub text: String,
}

/// Totals over the folder.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PdfTotals {
    /// Pages in the ground truth.
    pub pages: usize,
    /// Pages scored (their PDF exists).
    pub scored: usize,
    /// Ids whose PDF is missing (left out of the means).
    pub missing: Vec<String>,
    /// Scored pages whose PDF failed to load (scored as empty output).
    pub failed: usize,
    /// Mean precision over pages with output.
    pub precision: f64,
    /// Mean recall over scored pages.
    pub recall: f64,
    /// F1 of the two means.
    pub f1: f64,
    /// Pages with a title.
    pub titles: usize,
    /// Pages whose address was read off the running header or footer.
    pub urls: usize,
    /// Total load time, in seconds.
    pub load_secs: f64,
}

/// Totals and every scored page, in id order.
#[derive(Debug, Clone, Serialize)]
pub struct PdfReport {
    /// Totals.
    pub totals: PdfTotals,
    /// Per-page scores.
    pub pages: Vec<PdfPageScore>,
}

/// Scores every page of the folder whose PDF exists, calling `progress(done, total)`.
pub fn evaluate_dir(
    dir: &Path,
    mut progress: impl FnMut(usize, usize),
) -> Result<PdfReport, HtmlEvalError> {
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
    let mut totals = PdfTotals {
        pages: truth.len(),
        ..PdfTotals::default()
    };
    let mut pages = Vec::new();
    progress(0, truth.len());
    for (done, (id, entry)) in truth.iter().enumerate() {
        let path = dir.join("pdf").join(format!("{id}.pdf"));
        if !path.is_file() {
            totals.missing.push(id.clone());
            continue;
        }
        let started = Instant::now();
        let loaded = document::load(&path);
        let load_secs = started.elapsed().as_secs_f64();
        pages.push(score(id, entry, loaded, load_secs));
        progress(done + 1, truth.len());
    }
    let precisions: Vec<f64> = pages.iter().filter_map(|p| p.precision).collect();
    totals.scored = pages.len();
    totals.failed = pages.iter().filter(|p| p.error.is_some()).count();
    totals.precision = mean(&precisions);
    totals.recall = mean(&pages.iter().map(|p| p.recall).collect::<Vec<_>>());
    totals.f1 = f1(totals.precision, totals.recall);
    totals.titles = pages.iter().filter(|p| p.title.is_some()).count();
    totals.urls = pages.iter().filter(|p| p.source_url.is_some()).count();
    totals.load_secs = pages.iter().map(|p| p.load_secs).sum();
    Ok(PdfReport { totals, pages })
}

fn score(
    id: &str,
    entry: &GroundTruthEntry,
    loaded: Result<document::Document, document::LoadError>,
    load_secs: f64,
) -> PdfPageScore {
    let (document, error) = match loaded {
        Ok(document) => (Some(document), None),
        Err(err) => (None, Some(err.to_string())),
    };
    let text = document.as_ref().map_or("", |d| d.text.as_str());
    let counts = shingle_counts(text, &entry.article_body);
    let precision = counts.precision();
    let recall = counts.recall();
    PdfPageScore {
        id: id.to_owned(),
        url: entry.url.clone(),
        precision,
        recall,
        f1: f1(precision.unwrap_or(0.0), recall),
        pdf_pages: document
            .as_ref()
            .and_then(|d| d.pages.last())
            .map_or(0, |p| p.page as usize),
        title: document.as_ref().and_then(|d| d.title.clone()),
        source_url: document.as_ref().and_then(|d| d.source_url.clone()),
        error,
        load_secs,
        text: text.to_owned(),
    }
}

fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    }
}

fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        0.0
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    }
}
