//! Scores claim extraction against a folder of brat attribution annotations in the PolNeAR layout
//! (`NAME.txt` beside `NAME.ann`).
//!
//! The convention follows published quote extractors: a gold attribution is *found* when a
//! predicted claim's `[start, end)` covers at least [`MIN_COVERAGE_PERCENT`] of the gold Content's
//! chars (the union of its fragments), matching one-to-one, greedily by best coverage. Its source
//! is right when the claim's source mention overlaps the gold Source span, or the source entity's
//! canonical name shares a name token with the gold Source text (see [`name_tokens`]).
//!
//! Predictions are the claims whose attribution is neither `unattributed` nor `headline`; gold is
//! every event with a Content. The scoring core, [`score`], is a pure function over gold and
//! predictions, so it can be tested without the extractor.

use std::collections::BTreeSet;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;

use super::brat::{self, BratAnnotations};
use crate::extract::{Attribution, Claim, Extraction, Source, Span};
use crate::text::{slice_chars, squash_whitespace};

/// Least share of a gold Content's chars a claim must cover for the attribution to be found.
pub const MIN_COVERAGE_PERCENT: usize = 30;

/// Why a folder could not be evaluated at all.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// The folder does not exist.
    #[error("no such folder: {}", .0.display())]
    NotFound(PathBuf),
    /// The path exists but is not a folder.
    #[error("not a folder: {}", .0.display())]
    NotADirectory(PathBuf),
    /// The folder could not be listed.
    #[error("cannot list the folder ({source}): {}", .path.display())]
    ReadDir {
        /// The folder.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// The folder holds no `NAME.txt` with a `NAME.ann` beside it.
    #[error("no NAME.txt with a NAME.ann beside it in the folder: {}", .0.display())]
    NoPairs(PathBuf),
}

/// A gold span: merged char ranges and the text they cover.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GoldSpan {
    /// Sorted, non-overlapping char ranges (several for a discontinuous span).
    pub fragments: Vec<Range<usize>>,
    /// The covered text; fragments of a discontinuous span are joined by " … ".
    pub text: String,
}

impl GoldSpan {
    /// Builds a span from char ranges (merged) and its text.
    pub fn new(fragments: &[Range<usize>], text: impl Into<String>) -> Self {
        Self {
            fragments: brat::merge_ranges(fragments),
            text: text.into(),
        }
    }

    /// Number of chars covered.
    pub fn len_chars(&self) -> usize {
        self.fragments.iter().map(|r| r.len()).sum()
    }

    /// Char offset of the first covered char (0 for an empty span).
    pub fn start(&self) -> usize {
        self.fragments.first().map_or(0, |r| r.start)
    }

    /// Number of the span's chars inside `[start, end)`.
    pub fn chars_within(&self, start: usize, end: usize) -> usize {
        self.fragments
            .iter()
            .map(|r| r.end.min(end).saturating_sub(r.start.max(start)))
            .sum()
    }
}

/// One annotated attribution: an event with a Content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GoldAttribution {
    /// The event id in the `.ann` file (`E3`).
    pub event_id: String,
    /// What was attributed (all Content arguments together).
    pub content: GoldSpan,
    /// The attribution cue, if annotated.
    pub cue: Option<GoldSpan>,
    /// Who it is attributed to; `None` for `Attribution-no-source` events.
    pub source: Option<GoldSpan>,
}

/// A predicted attribution: the parts of a [`Claim`] the scoring looks at.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prediction {
    /// The claim's id.
    pub claim_id: String,
    /// Char offset of the claim's first char.
    pub start: usize,
    /// Char offset just past the claim.
    pub end: usize,
    /// The claim's text.
    pub text: String,
    /// How the claim is attributed.
    pub attribution: Attribution,
    /// The cue as written.
    pub cue: Option<String>,
    /// The source mention as written, with its place.
    pub source_mention: Option<Span>,
    /// The canonical name of the source entity.
    pub source_name: Option<String>,
}

impl Prediction {
    /// Takes the scored parts of `claim`, looking its source entity up in `sources` by id.
    pub fn from_claim(claim: &Claim, sources: &[Source]) -> Self {
        let source_name = claim.source.as_ref().and_then(|mention| {
            sources
                .iter()
                .find(|s| s.id == mention.id)
                .map(|s| s.name.clone())
        });
        Self {
            claim_id: claim.id.clone(),
            start: claim.start,
            end: claim.end,
            text: claim.text.clone(),
            attribution: claim.attribution,
            cue: claim.cue.as_ref().map(|c| c.text.clone()),
            source_mention: claim.source.as_ref().map(|m| Span {
                start: m.start,
                end: m.end,
                text: m.text.clone(),
            }),
            source_name,
        }
    }
}

/// True for the attributions that count as predicted attributions (not `unattributed`, not
/// `headline`).
pub fn is_scored_attribution(attribution: Attribution) -> bool {
    !matches!(
        attribution,
        Attribution::Unattributed | Attribution::Headline
    )
}

/// The predictions of an extraction: its attributed claims, in reading order.
pub fn predictions(extraction: &Extraction) -> Vec<Prediction> {
    extraction
        .claims
        .iter()
        .filter(|c| is_scored_attribution(c.attribution))
        .map(|c| Prediction::from_claim(c, &extraction.sources))
        .collect()
}

/// True when `covered_chars` of a gold span of `gold_chars` reach [`MIN_COVERAGE_PERCENT`].
/// An empty gold span is never covered.
pub fn covers_enough(covered_chars: usize, gold_chars: usize) -> bool {
    gold_chars > 0
        && covered_chars.saturating_mul(100) >= gold_chars.saturating_mul(MIN_COVERAGE_PERCENT)
}

/// A gold attribution paired with the prediction that found it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Match {
    /// Index into the gold list.
    pub gold_index: usize,
    /// Index into the prediction list.
    pub prediction_index: usize,
    /// Share of the gold Content's chars the prediction covers (0..1).
    pub coverage: f64,
    /// Whether the source is right; `None` when the gold has no Source.
    pub is_source_correct: Option<bool>,
}

/// A gold attribution no prediction found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FalseNegative {
    /// Char offset of the gold Content.
    pub start: usize,
    /// The gold Content text.
    pub content: String,
    /// The gold Source text, if any.
    pub source: Option<String>,
    /// The gold Cue text, if any.
    pub cue: Option<String>,
    /// The prediction covering most of it, if any covers some of it.
    pub nearest: Option<NearestClaim>,
}

/// The claim that came closest to finding a missed gold attribution.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NearestClaim {
    /// The claim text.
    pub text: String,
    /// Share of the gold Content's chars it covers (below the threshold, or taken by another gold).
    pub coverage: f64,
}

/// A prediction that found no gold attribution.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FalsePositive {
    /// Char offset of the claim.
    pub start: usize,
    /// The claim text.
    pub text: String,
    /// How it was attributed.
    pub attribution: Attribution,
    /// Its cue, if any.
    pub cue: Option<String>,
    /// Its source mention as written, if any.
    pub source: Option<String>,
}

/// A found attribution whose source is wrong.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WrongSource {
    /// Char offset of the gold Content.
    pub start: usize,
    /// The gold Content text.
    pub content: String,
    /// The gold Cue text, if any.
    pub cue: Option<String>,
    /// The gold Source text.
    pub gold_source: String,
    /// The predicted source mention as written, if any.
    pub predicted_mention: Option<String>,
    /// The predicted source entity's canonical name, if any.
    pub predicted_name: Option<String>,
}

/// The score of one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DocumentScore {
    /// Gold attributions.
    pub gold: usize,
    /// Predicted attributions.
    pub predicted: usize,
    /// Gold attributions found (equal to predictions that found one).
    pub matched: usize,
    /// Found attributions with a gold Source whose source is right.
    pub source_correct: usize,
    /// Found attributions with a gold Source.
    pub source_total: usize,
    /// The one-to-one pairs, in gold order.
    pub matches: Vec<Match>,
    /// Gold attributions not found, in text order.
    pub false_negatives: Vec<FalseNegative>,
    /// Predictions that found nothing, in text order.
    pub false_positives: Vec<FalsePositive>,
    /// Found attributions with a wrong source, in text order.
    pub wrong_sources: Vec<WrongSource>,
}

/// Scores `predictions` against `gold`: one-to-one matching, greedily by best coverage (ties go
/// to the shorter prediction, then to the earlier gold and prediction).
pub fn score(gold: &[GoldAttribution], predictions: &[Prediction]) -> DocumentScore {
    // (covered chars, gold chars, prediction length, gold index, prediction index)
    let mut candidates: Vec<(usize, usize, usize, usize, usize)> = Vec::new();
    for (g, gold_item) in gold.iter().enumerate() {
        let gold_chars = gold_item.content.len_chars();
        for (p, prediction) in predictions.iter().enumerate() {
            let covered = gold_item
                .content
                .chars_within(prediction.start, prediction.end);
            if covers_enough(covered, gold_chars) {
                let length = prediction.end.saturating_sub(prediction.start);
                candidates.push((covered, gold_chars, length, g, p));
            }
        }
    }
    candidates.sort_by(|a, b| {
        // Higher coverage first: a.0 / a.1 > b.0 / b.1.
        let left = a.0 as u128 * b.1 as u128;
        let right = b.0 as u128 * a.1 as u128;
        right
            .cmp(&left)
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
            .then(a.4.cmp(&b.4))
    });

    let mut gold_match: Vec<Option<(usize, f64)>> = vec![None; gold.len()];
    let mut is_prediction_used = vec![false; predictions.len()];
    for (covered, gold_chars, _, g, p) in candidates {
        let (Some(slot), Some(used)) = (gold_match.get_mut(g), is_prediction_used.get_mut(p))
        else {
            continue;
        };
        if slot.is_none() && !*used {
            *slot = Some((p, covered as f64 / gold_chars as f64));
            *used = true;
        }
    }

    let mut result = DocumentScore {
        gold: gold.len(),
        predicted: predictions.len(),
        ..DocumentScore::default()
    };
    for (g, (gold_item, matched)) in gold.iter().zip(&gold_match).enumerate() {
        let Some((p, coverage)) = *matched else {
            result
                .false_negatives
                .push(false_negative(gold_item, predictions));
            continue;
        };
        let Some(prediction) = predictions.get(p) else {
            continue;
        };
        result.matched += 1;
        let is_source_correct = gold_item.source.as_ref().map(|gold_source| {
            let is_correct = is_source_correct(gold_source, prediction);
            result.source_total += 1;
            if is_correct {
                result.source_correct += 1;
            } else {
                result.wrong_sources.push(WrongSource {
                    start: gold_item.content.start(),
                    content: gold_item.content.text.clone(),
                    cue: gold_item.cue.as_ref().map(|c| c.text.clone()),
                    gold_source: gold_source.text.clone(),
                    predicted_mention: prediction.source_mention.as_ref().map(|m| m.text.clone()),
                    predicted_name: prediction.source_name.clone(),
                });
            }
            is_correct
        });
        result.matches.push(Match {
            gold_index: g,
            prediction_index: p,
            coverage,
            is_source_correct,
        });
    }
    for (prediction, is_used) in predictions.iter().zip(&is_prediction_used) {
        if !is_used {
            result.false_positives.push(FalsePositive {
                start: prediction.start,
                text: prediction.text.clone(),
                attribution: prediction.attribution,
                cue: prediction.cue.clone(),
                source: prediction.source_mention.as_ref().map(|m| m.text.clone()),
            });
        }
    }
    result.false_negatives.sort_by_key(|f| f.start);
    result.false_positives.sort_by_key(|f| f.start);
    result.wrong_sources.sort_by_key(|w| w.start);
    result
}

fn false_negative(gold: &GoldAttribution, predictions: &[Prediction]) -> FalseNegative {
    let gold_chars = gold.content.len_chars();
    let nearest = predictions
        .iter()
        .map(|p| (p, gold.content.chars_within(p.start, p.end)))
        .filter(|&(_, covered)| covered > 0)
        .max_by_key(|&(_, covered)| covered)
        .map(|(p, covered)| NearestClaim {
            text: p.text.clone(),
            coverage: covered as f64 / gold_chars.max(1) as f64,
        });
    FalseNegative {
        start: gold.content.start(),
        content: gold.content.text.clone(),
        source: gold.source.as_ref().map(|s| s.text.clone()),
        cue: gold.cue.as_ref().map(|c| c.text.clone()),
        nearest,
    }
}

/// True when the prediction's source mention overlaps `gold_source`, or its canonical name shares
/// a name token with the gold Source text.
pub fn is_source_correct(gold_source: &GoldSpan, prediction: &Prediction) -> bool {
    let overlaps = prediction
        .source_mention
        .as_ref()
        .is_some_and(|m| gold_source.chars_within(m.start, m.end) > 0);
    overlaps
        || prediction.source_name.as_deref().is_some_and(|name| {
            let gold_tokens = name_tokens(&gold_source.text);
            name_tokens(name).iter().any(|t| gold_tokens.contains(t))
        })
}

/// Words that never count as a shared name token: articles, conjunctions, prepositions,
/// honorifics, generic titles and pronouns.
const NON_NAME_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "of",
    "and",
    "or",
    "in",
    "on",
    "at",
    "to",
    "for",
    "from",
    "by",
    "with",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sir",
    "jr",
    "sr",
    "st",
    "president",
    "vice",
    "former",
    "sen",
    "senator",
    "rep",
    "gov",
    "governor",
    "secretary",
    "candidate",
    "nominee",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "i",
    "me",
    "my",
    "mine",
    "we",
    "us",
    "our",
    "ours",
    "you",
    "your",
    "yours",
    "he",
    "him",
    "his",
    "she",
    "her",
    "hers",
    "it",
    "its",
    "they",
    "them",
    "their",
    "theirs",
    "who",
    "whom",
    "whose",
    "this",
    "that",
    "these",
    "those",
    "himself",
    "herself",
    "itself",
    "themselves",
];

/// The name tokens of `text`: lower-cased runs of letters or digits with at least two letters,
/// minus [`NON_NAME_WORDS`]. Sorted.
pub fn name_tokens(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|t| t.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .map(str::to_lowercase)
        .filter(|t| !NON_NAME_WORDS.contains(&t.as_str()))
        .collect()
}

/// Builds the gold attributions of one document from its annotations, in text order. Returns
/// them with warnings about events that could not be used and spans whose text does not match
/// the document.
pub fn gold_attributions(
    annotations: &BratAnnotations,
    text: &str,
) -> (Vec<GoldAttribution>, Vec<String>) {
    let text_chars = text.chars().count();
    let mut warnings = Vec::new();
    for bound in &annotations.text_bounds {
        if bound.fragments.iter().any(|r| r.end > text_chars) {
            warnings.push(format!(
                "{} {} ends past the end of the text ({text_chars} chars)",
                bound.label, bound.id
            ));
            continue;
        }
        let in_text: Vec<&str> = bound
            .fragments
            .iter()
            .map(|r| slice_chars(text, r.start, r.end))
            .collect();
        if squash_whitespace(&in_text.join(" ")) != squash_whitespace(&bound.text) {
            warnings.push(format!(
                "{} {} text differs from the document at its offsets",
                bound.label, bound.id
            ));
        }
    }

    let mut gold = Vec::new();
    for event in &annotations.events {
        let content_ids: Vec<&str> = event.args_with_role("Content").collect();
        if content_ids.is_empty() {
            continue;
        }
        let mut span_of = |role: &str, ids: &[&str]| -> Option<GoldSpan> {
            let mut fragments = Vec::new();
            for id in ids {
                match annotations.text_bound(id) {
                    Some(bound) => fragments.extend(bound.fragments.iter().cloned()),
                    None => warnings.push(format!(
                        "event {} names {role} {id}, which is not annotated",
                        event.id
                    )),
                }
            }
            let merged = brat::merge_ranges(&fragments);
            let pieces: Vec<String> = merged
                .iter()
                .map(|r| slice_chars(text, r.start, r.end).to_owned())
                .collect();
            (!merged.is_empty()).then(|| GoldSpan {
                fragments: merged,
                text: pieces.join(" … "),
            })
        };
        let Some(content) = span_of("Content", &content_ids) else {
            warnings.push(format!("event {} has an empty Content", event.id));
            continue;
        };
        let cue_ids: Vec<&str> = event.args_with_role("Cue").collect();
        let source_ids: Vec<&str> = event.args_with_role("Source").collect();
        let cue = span_of("Cue", &cue_ids);
        let source = span_of("Source", &source_ids);
        gold.push(GoldAttribution {
            event_id: event.id.clone(),
            content,
            cue,
            source,
        });
    }
    gold.sort_by_key(|g| (g.content.start(), g.content.fragments.last().map(|r| r.end)));
    (gold, warnings)
}

/// The evaluation of one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentResult {
    /// The file name without extension.
    pub name: String,
    /// Words in the text (whitespace-separated).
    pub words: usize,
    /// Time spent in extraction, in seconds.
    pub seconds: f64,
    /// The score, with its misses and false positives.
    #[serde(flatten)]
    pub score: DocumentScore,
    /// Problems with the annotations (junk lines, dangling ids, offsets that do not line up).
    pub warnings: Vec<String>,
}

/// A pair of files that could not be evaluated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkippedFile {
    /// The file name without extension.
    pub name: String,
    /// Why it was skipped.
    pub reason: String,
}

/// Totals over a folder.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PolnearTotals {
    /// Documents evaluated.
    pub files: usize,
    /// Gold attributions.
    pub gold: usize,
    /// Predicted attributions.
    pub predicted: usize,
    /// Gold attributions found.
    pub matched: usize,
    /// Found attributions with a gold Source whose source is right.
    pub source_correct: usize,
    /// Found attributions with a gold Source.
    pub source_total: usize,
    /// Content precision: matched / predicted (0 when nothing is predicted).
    pub precision: f64,
    /// Content recall: matched / gold (0 when there is no gold).
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
    /// source_correct / source_total (0 when nothing was found).
    pub source_accuracy: f64,
    /// Words in all texts.
    pub words: usize,
    /// Time spent in extraction, in seconds.
    pub seconds: f64,
    /// Extraction speed.
    pub words_per_sec: f64,
    /// Annotation warnings over all documents.
    pub annotation_warnings: usize,
    /// Pairs that could not be evaluated.
    pub skipped: usize,
}

impl PolnearTotals {
    /// Sums document results and computes the rates.
    pub fn from_documents(documents: &[DocumentResult], skipped: usize) -> Self {
        let mut totals = Self {
            files: documents.len(),
            skipped,
            ..Self::default()
        };
        for doc in documents {
            totals.gold += doc.score.gold;
            totals.predicted += doc.score.predicted;
            totals.matched += doc.score.matched;
            totals.source_correct += doc.score.source_correct;
            totals.source_total += doc.score.source_total;
            totals.words += doc.words;
            totals.seconds += doc.seconds;
            totals.annotation_warnings += doc.warnings.len();
        }
        totals.precision = ratio(totals.matched, totals.predicted);
        totals.recall = ratio(totals.matched, totals.gold);
        let sum = totals.precision + totals.recall;
        totals.f1 = if sum > 0.0 {
            2.0 * totals.precision * totals.recall / sum
        } else {
            0.0
        };
        totals.source_accuracy = ratio(totals.source_correct, totals.source_total);
        totals.words_per_sec = if totals.seconds > 0.0 {
            totals.words as f64 / totals.seconds
        } else {
            0.0
        };
        totals
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// The evaluation of a folder.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PolnearReport {
    /// Totals and rates.
    pub totals: PolnearTotals,
    /// Per-document results, by file name.
    pub documents: Vec<DocumentResult>,
    /// Pairs that could not be evaluated, by file name.
    pub skipped: Vec<SkippedFile>,
}

/// Evaluates extraction on every `NAME.txt` with a `NAME.ann` in `dir`, in file-name order.
/// `progress(done, total)` is called before the first document and after each one. A pair that
/// cannot be read is skipped and listed in the report.
pub fn evaluate_dir(
    dir: &Path,
    mut progress: impl FnMut(usize, usize),
) -> Result<PolnearReport, EvalError> {
    let pairs = find_pairs(dir)?;
    let total = pairs.len();
    progress(0, total);
    let mut documents = Vec::with_capacity(total);
    let mut skipped = Vec::new();
    for (done, (name, txt_path, ann_path)) in pairs.into_iter().enumerate() {
        match evaluate_pair(&name, &txt_path, &ann_path) {
            Ok(result) => documents.push(result),
            Err(reason) => skipped.push(SkippedFile { name, reason }),
        }
        progress(done + 1, total);
    }
    Ok(PolnearReport {
        totals: PolnearTotals::from_documents(&documents, skipped.len()),
        documents,
        skipped,
    })
}

/// Lists (name, txt path, ann path) of the pairs in `dir`, sorted by name.
fn find_pairs(dir: &Path) -> Result<Vec<(String, PathBuf, PathBuf)>, EvalError> {
    if !dir.exists() {
        return Err(EvalError::NotFound(dir.to_owned()));
    }
    if !dir.is_dir() {
        return Err(EvalError::NotADirectory(dir.to_owned()));
    }
    let read_dir_error = |source| EvalError::ReadDir {
        path: dir.to_owned(),
        source,
    };
    let mut pairs = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(read_dir_error)? {
        let path = entry.map_err(read_dir_error)?.path();
        let is_txt = path.extension().is_some_and(|e| e == "txt");
        let Some(name) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        let ann_path = path.with_extension("ann");
        if is_txt && path.is_file() && ann_path.is_file() {
            pairs.push((name.to_owned(), path.clone(), ann_path));
        }
    }
    if pairs.is_empty() {
        return Err(EvalError::NoPairs(dir.to_owned()));
    }
    pairs.sort();
    Ok(pairs)
}

/// Loads, extracts and scores one pair; the error is a one-line reason.
fn evaluate_pair(name: &str, txt_path: &Path, ann_path: &Path) -> Result<DocumentResult, String> {
    let ann_bytes =
        std::fs::read(ann_path).map_err(|err| format!("cannot read the .ann file: {err}"))?;
    let ann_text = String::from_utf8_lossy(&ann_bytes);
    let document =
        crate::document::load(txt_path).map_err(|err| format!("cannot load the .txt: {err}"))?;
    let annotations = brat::parse(&ann_text);
    let (gold, gold_warnings) = gold_attributions(&annotations, &document.text);

    let started = Instant::now();
    let extraction = crate::extract(&document);
    let seconds = started.elapsed().as_secs_f64();

    let predicted = predictions(&extraction);
    let mut warnings = annotations.warnings;
    warnings.extend(gold_warnings);
    Ok(DocumentResult {
        name: name.to_owned(),
        words: document.text.split_whitespace().count(),
        seconds,
        score: score(&gold, &predicted),
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_tokens_drop_short_and_stop_words() {
        let tokens: Vec<String> = name_tokens("Mr. O'Brien, the Mayor of Riverton, and his aide")
            .into_iter()
            .collect();
        assert_eq!(tokens, ["aide", "brien", "mayor", "riverton"]);
    }

    #[test]
    fn gold_span_counts_chars_within_a_window() {
        let span = GoldSpan::new(&[10..20, 30..40], "x");
        assert_eq!(span.len_chars(), 20);
        assert_eq!(span.chars_within(15, 35), 10);
        assert_eq!(span.chars_within(0, 5), 0);
        assert_eq!(span.chars_within(40, 10), 0);
    }
}
