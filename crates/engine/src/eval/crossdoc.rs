//! Scores the library's matcher on cross-document event pairs, in the layout of the ECB+
//! evaluation folder: `docs/NAME.txt` (one sentence per line), `docs.json`
//! (`{NAME: {"topic", "subtopic"}}`) and `pairs.jsonl` (sentence pairs from different documents
//! of one topic, labelled `same-event` or `different-event`).
//!
//! Every document is indexed into a library of its own (in a folder the caller gives) and then
//! compared against it, as `crosscheck library add` and `crosscheck compare` do. A match of a
//! claim in line `i` of one document with a claim in line `j` of another is the sentence pair
//! `(doc, i) ~ (doc, j)`. Scores:
//! - match precision: share of matched sentence pairs whose documents report the same event
//!   (same subtopic); the sister-event share (same topic, other subtopic) and the other-topic
//!   share beside it;
//! - same-event pair recall: share of the `same-event` pairs that are matched;
//! - false-match rate: share of the `different-event` pairs that are matched.
//!
//! A TF-IDF cosine over the same content terms, with its threshold set on the pairs so that its
//! false-match rate is no higher than the matcher's (and, beside it, no higher than 0.01), is
//! printed beside as the baseline.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

use crate::library::score::{MatchModel, PairFeatures};
use crate::library::{
    ArticleVector, CANDIDATE_SIMILARITY, ClaimFeatures, LibraryIndex, compare_with, content_terms,
};

/// Why a folder could not be evaluated.
#[derive(Debug, thiserror::Error)]
pub enum CrossdocError {
    /// A file of the folder is missing or unreadable.
    #[error("cannot read {} ({source})", .path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// A file of the folder is not the expected JSON.
    #[error("{} is not valid ({reason})", .path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// The library could not be built.
    #[error("the library could not be built: {0}")]
    Library(String),
}

/// A document's place in the data set.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct DocInfo {
    /// The topic (two confusable events share one).
    pub topic: u32,
    /// The event cluster ("1_ecb").
    pub subtopic: String,
}

/// A labelled sentence pair.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct GoldPair {
    /// The first document.
    pub doc_a: String,
    /// Its sentence (line index).
    pub sent_a: usize,
    /// The second document.
    pub doc_b: String,
    /// Its sentence (line index).
    pub sent_b: usize,
    /// `same-event` or `different-event`.
    pub label: String,
}

impl GoldPair {
    /// Whether the pair reports one event.
    pub fn is_same(&self) -> bool {
        self.label == "same-event"
    }

    /// The pair as an unordered key.
    pub fn key(&self) -> PairKey {
        PairKey::new((&self.doc_a, self.sent_a), (&self.doc_b, self.sent_b))
    }
}

/// An unordered pair of sentences, each as (document, line).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct PairKey {
    /// The smaller side.
    pub a: (String, usize),
    /// The larger side.
    pub b: (String, usize),
}

impl PairKey {
    /// The key of two sentences in either order.
    pub fn new(x: (&str, usize), y: (&str, usize)) -> Self {
        let x = (x.0.to_owned(), x.1);
        let y = (y.0.to_owned(), y.1);
        if x <= y {
            Self { a: x, b: y }
        } else {
            Self { a: y, b: x }
        }
    }
}

/// The folder's labels.
#[derive(Debug, Clone, Default)]
pub struct CrossdocData {
    /// Each document's topic and event, by name.
    pub docs: BTreeMap<String, DocInfo>,
    /// The labelled pairs.
    pub pairs: Vec<GoldPair>,
}

impl CrossdocData {
    /// Reads `docs.json` and `pairs.jsonl` of `dir`.
    pub fn read(dir: &Path) -> Result<Self, CrossdocError> {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read_to_string(&path).map_err(|source| CrossdocError::Read { path, source })
        };
        let parse_error = |name: &str, e: serde_json::Error| CrossdocError::Parse {
            path: dir.join(name),
            reason: e.to_string(),
        };
        let docs: BTreeMap<String, DocInfo> =
            serde_json::from_str(&read("docs.json")?).map_err(|e| parse_error("docs.json", e))?;
        let mut pairs = Vec::new();
        for line in read("pairs.jsonl")?
            .lines()
            .filter(|l| !l.trim().is_empty())
        {
            pairs.push(serde_json::from_str(line).map_err(|e| parse_error("pairs.jsonl", e))?);
        }
        Ok(Self { docs, pairs })
    }

    /// How the documents of two sentences relate: same event, sister event, other topic
    /// (`None` for an unknown document).
    pub fn relation(&self, a: &str, b: &str) -> Option<Relation> {
        let (x, y) = (self.docs.get(a)?, self.docs.get(b)?);
        Some(if x.subtopic == y.subtopic {
            Relation::SameEvent
        } else if x.topic == y.topic {
            Relation::SisterEvent
        } else {
            Relation::OtherTopic
        })
    }
}

/// How two documents relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    /// They report the same event.
    SameEvent,
    /// They report the topic's other, confusable event.
    SisterEvent,
    /// They are about another topic.
    OtherTopic,
}

/// A matched sentence pair with the matcher's score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SentenceMatch {
    /// The two sentences.
    pub key: PairKey,
    /// The matcher's similarity.
    pub score: f32,
    /// The two claims' texts.
    pub texts: (String, String),
}

/// The scores of a run.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CrossdocTotals {
    /// Documents indexed.
    pub documents: usize,
    /// Claims indexed.
    pub claims: usize,
    /// Distinct matched sentence pairs.
    pub matches: usize,
    /// Of them, between reports of the same event.
    pub same_event_matches: usize,
    /// Of them, between reports of the sister event.
    pub sister_event_matches: usize,
    /// Of them, across topics.
    pub other_topic_matches: usize,
    /// Same-event labelled pairs.
    pub same_event_pairs: usize,
    /// Of them, matched.
    pub same_event_found: usize,
    /// Different-event labelled pairs.
    pub different_event_pairs: usize,
    /// Of them, matched.
    pub different_event_found: usize,
    /// The TF-IDF baseline at the matcher's false-match rate.
    pub baseline: Baseline,
    /// The TF-IDF baseline at a false-match rate of at most 0.01.
    pub baseline_at_001: Baseline,
    /// Seconds spent indexing the documents.
    pub index_seconds: f64,
    /// Seconds spent comparing every document against the library.
    pub compare_seconds: f64,
}

impl CrossdocTotals {
    /// Share of matches between reports of the same event.
    pub fn precision(&self) -> f64 {
        ratio(self.same_event_matches, self.matches)
    }

    /// Share of matches landing on the sister event.
    pub fn sister_share(&self) -> f64 {
        ratio(self.sister_event_matches, self.matches)
    }

    /// Share of same-event pairs matched.
    pub fn recall(&self) -> f64 {
        ratio(self.same_event_found, self.same_event_pairs)
    }

    /// Share of different-event pairs matched.
    pub fn false_match_rate(&self) -> f64 {
        ratio(self.different_event_found, self.different_event_pairs)
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// A TF-IDF cosine baseline on the labelled pairs.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Baseline {
    /// The cosine threshold chosen.
    pub threshold: f64,
    /// Same-event pair recall at it.
    pub recall: f64,
    /// False-match rate at it.
    pub false_match_rate: f64,
}

/// What a run found: the totals, and the pairs behind them for reading the errors.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CrossdocReport {
    /// The scores.
    pub totals: CrossdocTotals,
    /// Same-event pairs not matched (with the two sentences).
    pub missed: Vec<(PairKey, String, String)>,
    /// Matches between reports of different events (sister or other topic).
    pub wrong: Vec<(SentenceMatch, Relation)>,
    /// Documents that could not be read, with the reason.
    pub skipped: Vec<(String, String)>,
}

/// Line index of each char offset: `line_starts[k]` is the char offset where line `k` starts.
fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    for (i, c) in text.chars().enumerate() {
        if c == '\n' {
            starts.push(i + 1);
        }
    }
    starts
}

fn line_of(starts: &[usize], offset: usize) -> usize {
    starts.partition_point(|&s| s <= offset).saturating_sub(1)
}

/// Indexes `dir/docs` into a library kept in `data_dir` (which should be empty) and compares
/// each document against it, weighing candidates with `model`. `progress(done, total)` is called after each document.
pub fn evaluate_dir(
    dir: &Path,
    data_dir: &Path,
    model: &MatchModel,
    mut progress: impl FnMut(usize, usize),
) -> Result<CrossdocReport, CrossdocError> {
    let data = CrossdocData::read(dir)?;
    let docs_dir = dir.join("docs");
    let started = Instant::now();
    let mut library =
        LibraryIndex::open(data_dir).map_err(|e| CrossdocError::Library(e.to_string()))?;
    library
        .add_folder(&docs_dir, &[], &mut |_| {})
        .map_err(|e| CrossdocError::Library(e.to_string()))?;
    let _ = library.matcher();
    let index_seconds = started.elapsed().as_secs_f64();

    let name_of = |path: &str| {
        Path::new(path)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let mut line_index: HashMap<String, Vec<usize>> = HashMap::default();
    let mut report = CrossdocReport::default();
    let mut texts: HashMap<String, Vec<String>> = HashMap::default();
    let mut found: BTreeMap<PairKey, SentenceMatch> = BTreeMap::new();
    let names: Vec<String> = data.docs.keys().cloned().collect();
    let mut compare_seconds = 0.0;
    for (done, name) in names.iter().enumerate() {
        let path = docs_dir.join(format!("{name}.txt"));
        let document = match crate::load(&path) {
            Ok(document) => document,
            Err(e) => {
                report.skipped.push((name.clone(), e.to_string()));
                continue;
            }
        };
        texts.insert(
            name.clone(),
            document.text.split('\n').map(str::to_owned).collect(),
        );
        let started = Instant::now();
        let extraction = crate::extract(&document);
        let comparison = compare_with(&document, &extraction, &library, None, model);
        compare_seconds += started.elapsed().as_secs_f64();
        let here_lines = line_starts(&document.text);
        for claim in comparison.claims.iter().chain(&comparison.statements) {
            let here = (name.as_str(), line_of(&here_lines, claim.claim.start));
            for m in &claim.matches {
                let other = name_of(&m.path);
                let lines = match line_index.get(&other) {
                    Some(lines) => lines,
                    None => {
                        let text = std::fs::read_to_string(&m.path).unwrap_or_default();
                        line_index
                            .entry(other.clone())
                            .or_insert(line_starts(&text))
                    }
                };
                let there = (other.as_str(), line_of(lines, m.claim.start));
                let key = PairKey::new(here, there);
                let entry = found.entry(key.clone()).or_insert(SentenceMatch {
                    key,
                    score: m.score,
                    texts: (claim.claim.text.clone(), m.claim.text.clone()),
                });
                entry.score = entry.score.max(m.score);
            }
        }
        progress(done + 1, names.len());
    }

    let totals = &mut report.totals;
    totals.documents = library.articles().len();
    totals.claims = library.claim_count();
    totals.index_seconds = index_seconds;
    totals.compare_seconds = compare_seconds;
    totals.matches = found.len();
    for m in found.values() {
        match data.relation(&m.key.a.0, &m.key.b.0) {
            Some(Relation::SameEvent) => totals.same_event_matches += 1,
            Some(relation) => {
                if relation == Relation::SisterEvent {
                    totals.sister_event_matches += 1;
                } else {
                    totals.other_topic_matches += 1;
                }
                report.wrong.push((m.clone(), relation));
            }
            None => {}
        }
    }
    let sentence = |doc: &str, line: usize| {
        texts
            .get(doc)
            .and_then(|lines| lines.get(line))
            .cloned()
            .unwrap_or_default()
    };
    for pair in &data.pairs {
        let matched = found.contains_key(&pair.key());
        if pair.is_same() {
            totals.same_event_pairs += 1;
            if matched {
                totals.same_event_found += 1;
            } else {
                report.missed.push((
                    pair.key(),
                    sentence(&pair.doc_a, pair.sent_a),
                    sentence(&pair.doc_b, pair.sent_b),
                ));
            }
        } else {
            totals.different_event_pairs += 1;
            if matched {
                totals.different_event_found += 1;
            }
        }
    }
    let fmr = totals.false_match_rate();
    let scored = baseline_scores(&data.pairs, &texts);
    totals.baseline = baseline_at(&scored, fmr);
    totals.baseline_at_001 = baseline_at(&scored, 0.01);
    Ok(report)
}

/// False-match rate the learned model is set to on the pairs it learns from (below the 0.01
/// aimed at, so that held-out data has room).
pub const LEARN_FALSE_MATCH_RATE: f64 = 0.007;

/// Learns the match model's weights from the labelled pairs of `dir`: the library is built in
/// `data_dir` (which should be empty) as for [`evaluate_dir`]; each pair whose sentences hold a
/// claim or statement that the matcher finds as a candidate of the other is an example, with the
/// features the comparison weighs. Returns the model and the number of examples.
pub fn learn_dir(dir: &Path, data_dir: &Path) -> Result<(MatchModel, usize), CrossdocError> {
    let data = CrossdocData::read(dir)?;
    let docs_dir = dir.join("docs");
    let mut library =
        LibraryIndex::open(data_dir).map_err(|e| CrossdocError::Library(e.to_string()))?;
    library
        .add_folder(&docs_dir, &[], &mut |_| {})
        .map_err(|e| CrossdocError::Library(e.to_string()))?;
    let matcher = library.matcher();
    let articles = library.articles();
    let position: HashMap<String, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let name = Path::new(&a.path)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, i)
        })
        .collect();
    let mut lines: HashMap<usize, Vec<usize>> = HashMap::default();
    let mut line_starts_of = |i: usize| -> Vec<usize> {
        lines
            .entry(i)
            .or_insert_with(|| {
                line_starts(&std::fs::read_to_string(&articles[i].path).unwrap_or_default())
            })
            .clone()
    };
    let mut stories: HashMap<usize, ArticleVector> = HashMap::default();
    let mut examples = Vec::new();
    let negatives = data.pairs.iter().filter(|p| !p.is_same()).count();
    for pair in &data.pairs {
        let (Some(&a), Some(&b)) = (position.get(&pair.doc_a), position.get(&pair.doc_b)) else {
            continue;
        };
        let (starts_a, starts_b) = (line_starts_of(a), line_starts_of(b));
        let story = stories
            .entry(a)
            .or_insert_with(|| {
                matcher.article_vector(articles[a].entries().map(|c| c.text.as_str()))
            })
            .clone();
        let similarity = (
            matcher.article_similarity(&story, b as u32),
            matcher.years_disjoint(&story, b as u32),
        );
        let mut best: Option<PairFeatures> = None;
        for claim in articles[a]
            .entries()
            .filter(|c| line_of(&starts_a, c.start) == pair.sent_a)
        {
            let here = ClaimFeatures::of(claim);
            let terms = content_terms(&claim.text).len();
            for hit in matcher.candidates(
                &claim.text,
                &articles[a].sha256,
                usize::MAX,
                CANDIDATE_SIMILARITY,
            ) {
                if hit.at.article as usize != b {
                    continue;
                }
                let Some(other) = articles[b].entry(hit.at.claim as usize) else {
                    continue;
                };
                if line_of(&starts_b, other.start) != pair.sent_b {
                    continue;
                }
                let features =
                    PairFeatures::of(&hit, similarity, terms, &here, &ClaimFeatures::of(other));
                if best.is_none_or(|f| f.values[0] < features.values[0]) {
                    best = Some(features);
                }
            }
        }
        if let Some(features) = best {
            examples.push((features, pair.is_same()));
        }
    }
    let max_false = (LEARN_FALSE_MATCH_RATE * negatives as f64).floor() as usize;
    Ok((MatchModel::learn(&examples, max_false), examples.len()))
}

/// The TF-IDF cosine of each labelled pair (IDF over every line of every document), with
/// whether it reports one event.
pub fn baseline_scores(
    pairs: &[GoldPair],
    texts: &HashMap<String, Vec<String>>,
) -> Vec<(f64, bool)> {
    let mut df: HashMap<String, usize> = HashMap::default();
    let mut lines = 0usize;
    for doc in texts.values() {
        for line in doc {
            lines += 1;
            for term in content_terms(line) {
                *df.entry(term).or_insert(0) += 1;
            }
        }
    }
    let idf = |term: &str| {
        let d = df.get(term).copied().unwrap_or(0);
        ((lines as f64 + 1.0) / (d as f64 + 1.0)).ln() + 1.0
    };
    let vector = |doc: &str, line: usize| -> BTreeMap<String, f64> {
        let text = texts
            .get(doc)
            .and_then(|l| l.get(line))
            .map_or("", String::as_str);
        content_terms(text)
            .into_iter()
            .map(|t| {
                let w = idf(&t);
                (t, w)
            })
            .collect()
    };
    pairs
        .iter()
        .map(|p| {
            let (a, b) = (vector(&p.doc_a, p.sent_a), vector(&p.doc_b, p.sent_b));
            let dot: f64 = a.iter().filter_map(|(t, w)| b.get(t).map(|v| w * v)).sum();
            let norm = |v: &BTreeMap<String, f64>| v.values().map(|w| w * w).sum::<f64>().sqrt();
            let cosine = if dot == 0.0 {
                0.0
            } else {
                dot / (norm(&a) * norm(&b))
            };
            (cosine, p.is_same())
        })
        .collect()
}

/// The lowest threshold whose false-match rate (share of different-event pairs at or above it)
/// is at most `max_fmr`, with its recall.
pub fn baseline_at(scored: &[(f64, bool)], max_fmr: f64) -> Baseline {
    let negatives = scored.iter().filter(|(_, same)| !same).count();
    let positives = scored.len() - negatives;
    let thresholds: BTreeSet<u64> = scored.iter().map(|(s, _)| s.to_bits()).collect();
    let mut best = Baseline {
        threshold: f64::INFINITY,
        ..Baseline::default()
    };
    for bits in thresholds {
        let t = f64::from_bits(bits);
        if t <= 0.0 {
            continue;
        }
        let fp = scored.iter().filter(|(s, same)| !same && *s >= t).count();
        let fmr = ratio(fp, negatives);
        if fmr <= max_fmr + 1e-12 {
            let tp = scored.iter().filter(|(s, same)| *same && *s >= t).count();
            let recall = ratio(tp, positives);
            if recall > best.recall || best.threshold.is_infinite() {
                best = Baseline {
                    threshold: t,
                    recall,
                    false_match_rate: fmr,
                };
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pair_keys_are_unordered() {
        assert_eq!(
            PairKey::new(("b", 1), ("a", 2)),
            PairKey::new(("a", 2), ("b", 1))
        );
    }

    #[test]
    fn lines_are_found_by_char_offset() {
        let starts = line_starts("one\ntwo two\nthree");
        assert_eq!(line_of(&starts, 0), 0);
        assert_eq!(line_of(&starts, 4), 1);
        assert_eq!(line_of(&starts, 12), 2);
    }

    #[test]
    fn the_baseline_threshold_keeps_false_matches_under_the_rate() {
        let scored = [
            (0.9, true),
            (0.8, false),
            (0.7, true),
            (0.2, false),
            (0.1, true),
        ];
        let at_zero = baseline_at(&scored, 0.0);
        assert!((at_zero.threshold - 0.9).abs() < 1e-9);
        assert!((at_zero.recall - 1.0 / 3.0).abs() < 1e-9);
        let at_half = baseline_at(&scored, 0.5);
        assert!((at_half.threshold - 0.7).abs() < 1e-9);
        assert!((at_half.recall - 2.0 / 3.0).abs() < 1e-9);
    }
}
