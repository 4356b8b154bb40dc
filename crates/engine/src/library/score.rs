//! Whether a candidate is the same claim: a small linear model over features of the pair (the
//! two claims' cosine, how far the two reports tell one story, shared terms, names, figures and
//! dates). Its weights are an asset, `assets/library/match_weights.txt`, learned from labelled
//! sentence pairs by `crosscheck eval crossdoc DIR --learn FILE`; they hold numbers only.

use std::sync::OnceLock;

use super::compare::{covered, names_disjoint, same_figure};
use super::features::ClaimFeatures;
use super::matcher::Hit;

/// Number of pair features.
pub const FEATURES: usize = 10;

/// The features' names, in the order of [`PairFeatures::values`] and of the weights file.
pub const FEATURE_NAMES: [&str; FEATURES] = [
    "cosine",
    "article_similarity",
    "shared_terms",
    "names_shared",
    "names_disjoint",
    "figures_shared",
    "figures_conflict",
    "dates_conflict",
    "short_claim",
    "years_disjoint",
];

/// What a candidate pair is weighed by, each in 0..1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairFeatures {
    /// The values, named by [`FEATURE_NAMES`].
    pub values: [f32; FEATURES],
}

impl PairFeatures {
    /// The features of a candidate `hit` whose report has `article_similarity` with the article
    /// compared (and names other years than it, `years_disjoint`); `query_terms` is the number
    /// of content terms of the claim compared.
    pub fn of(
        hit: &Hit,
        (article_similarity, years_disjoint): (f32, bool),
        query_terms: usize,
        here: &ClaimFeatures,
        there: &ClaimFeatures,
    ) -> Self {
        let names_shared = here
            .names
            .iter()
            .filter(|n| covered(n, &there.names))
            .count();
        let figures_shared = here
            .figures
            .iter()
            .filter(|f| there.figures.iter().any(|g| same_figure(f, g)))
            .count();
        let both_figures = !here.figures.is_empty() && !there.figures.is_empty();
        let dates_shared = here.dates.iter().any(|d| covered(d, &there.dates));
        let both_dated = !here.dates.is_empty() && !there.dates.is_empty();
        let flag = |b: bool| if b { 1.0 } else { 0.0 };
        Self {
            values: [
                hit.score,
                article_similarity,
                (hit.shared.min(6) as f32) / 6.0,
                (names_shared.min(3) as f32) / 3.0,
                flag(names_disjoint(here, there)),
                flag(figures_shared > 0),
                flag(both_figures && figures_shared == 0),
                flag(both_dated && !dates_shared),
                flag(query_terms <= 4),
                flag(years_disjoint),
            ],
        }
    }
}

/// The weights of the match model.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchModel {
    /// One weight per feature.
    pub weights: [f32; FEATURES],
    /// Added to the weighted sum; a pair matches when the sum is at least 0.
    pub bias: f32,
}

impl Default for MatchModel {
    /// Hand-set weights, used when the asset cannot be read: the cosine and the story decide.
    fn default() -> Self {
        Self {
            weights: [6.0, 6.0, 1.0, 1.0, -3.0, 0.5, -1.0, -0.5, -1.0, -1.0],
            bias: -5.0,
        }
    }
}

impl MatchModel {
    /// The model shipped in `assets/library/match_weights.txt`.
    pub fn get() -> &'static Self {
        static MODEL: OnceLock<MatchModel> = OnceLock::new();
        MODEL.get_or_init(|| {
            Self::parse(include_str!("../../../../assets/library/match_weights.txt"))
                .unwrap_or_default()
        })
    }

    /// Reads a weights file: `NAME VALUE` lines (`bias` and each of [`FEATURE_NAMES`]), `#`
    /// comments. `None` when a feature is missing or a value is not a number.
    pub fn parse(text: &str) -> Option<Self> {
        let mut weights = [f32::NAN; FEATURES];
        let mut bias = None;
        for line in text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, value) = line.split_once(char::is_whitespace)?;
            let value: f32 = value.trim().parse().ok()?;
            if name == "bias" {
                bias = Some(value);
            } else {
                let i = FEATURE_NAMES.iter().position(|n| *n == name)?;
                weights[i] = value;
            }
        }
        (weights.iter().all(|w| w.is_finite())).then_some(())?;
        Some(Self {
            weights,
            bias: bias?,
        })
    }

    /// The model as a weights file, with `comment` lines on top.
    pub fn to_text(&self, comment: &str) -> String {
        let mut text = String::new();
        for line in comment.lines() {
            text.push_str("# ");
            text.push_str(line);
            text.push('\n');
        }
        text.push_str(&format!("bias {:.4}\n", self.bias));
        for (name, weight) in FEATURE_NAMES.iter().zip(self.weights) {
            text.push_str(&format!("{name} {weight:.4}\n"));
        }
        text
    }

    /// The weighted sum of `features` plus the bias: at least 0 for a match.
    pub fn score(&self, features: &PairFeatures) -> f32 {
        self.bias
            + self
                .weights
                .iter()
                .zip(features.values)
                .map(|(w, v)| w * v)
                .sum::<f32>()
    }

    /// Fits the weights to `examples` (features, whether the pair is the same) by logistic
    /// regression (full-batch gradient descent with a little L2), then moves the bias so that at
    /// most `max_false` of the negatives score at least 0.
    pub fn learn(examples: &[(PairFeatures, bool)], max_false: usize) -> Self {
        let mut model = Self {
            weights: [0.0; FEATURES],
            bias: 0.0,
        };
        if examples.is_empty() {
            return Self::default();
        }
        let n = examples.len() as f32;
        let (rate, l2) = (0.5f32, 1e-3f32);
        for _ in 0..4000 {
            let mut grad = [0.0f32; FEATURES];
            let mut grad_bias = 0.0f32;
            for (features, same) in examples {
                let p = 1.0 / (1.0 + (-model.score(features)).exp());
                let error = p - if *same { 1.0 } else { 0.0 };
                for (g, v) in grad.iter_mut().zip(features.values) {
                    *g += error * v;
                }
                grad_bias += error;
            }
            for (w, g) in model.weights.iter_mut().zip(grad) {
                *w -= rate * (g / n + l2 * *w);
            }
            model.bias -= rate * grad_bias / n;
        }
        // The bias: just above the score of the negative ranked `max_false + 1`.
        let mut negatives: Vec<f32> = examples
            .iter()
            .filter(|(_, same)| !same)
            .map(|(f, _)| model.score(f) - model.bias)
            .collect();
        negatives.sort_by(|a, b| b.total_cmp(a));
        if let Some(&cut) = negatives.get(max_false) {
            model.bias = -(cut + 1e-4);
        }
        model
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_weights_parse() {
        let text = include_str!("../../../../assets/library/match_weights.txt");
        assert!(MatchModel::parse(text).is_some());
    }

    #[test]
    fn weights_round_trip_through_text() {
        let model = MatchModel::default();
        let parsed = MatchModel::parse(&model.to_text("hand-set")).expect("parses");
        assert_eq!(parsed, model);
        assert!(MatchModel::parse("bias 1\ncosine x").is_none());
    }

    #[test]
    fn learning_separates_the_examples_and_caps_false_matches() {
        let example = |cosine: f32, story: f32, same: bool| {
            let mut values = [0.0; FEATURES];
            values[0] = cosine;
            values[1] = story;
            (PairFeatures { values }, same)
        };
        let examples = [
            example(0.9, 0.8, true),
            example(0.6, 0.7, true),
            example(0.4, 0.9, true),
            example(0.7, 0.1, false),
            example(0.3, 0.2, false),
            example(0.2, 0.1, false),
        ];
        let model = MatchModel::learn(&examples, 0);
        for (features, same) in &examples {
            assert_eq!(model.score(features) >= 0.0, *same, "{features:?}");
        }
    }
}
