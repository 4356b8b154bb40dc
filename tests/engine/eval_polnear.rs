//! The PolNeAR evaluation: scoring arithmetic as a pure function over gold and predictions, the
//! folder walk over a tiny hand-made brat folder, and the `crosscheck eval polnear` command.
#![allow(
    clippy::single_range_in_vec_init,
    reason = "a gold span is a list of char ranges, often just one"
)]

use std::ops::Range;

use crate::polnear_fixture::*;
use crosscheck_engine::eval::brat;
use crosscheck_engine::eval::polnear::{
    self, DocumentResult, DocumentScore, EvalError, GoldAttribution, GoldSpan, PolnearTotals,
    Prediction,
};
use crosscheck_engine::extract::{
    Attribution, Claim, Extraction, Source, SourceKind, SourceMention, Span,
};

fn gold(fragments: &[Range<usize>], source: Option<(Range<usize>, &str)>) -> GoldAttribution {
    GoldAttribution {
        event_id: "E1".to_owned(),
        content: GoldSpan::new(fragments, "gold content"),
        cue: Some(GoldSpan::new(&[0..4], "said")),
        source: source.map(|(range, text)| GoldSpan::new(&[range], text)),
    }
}

fn prediction(range: Range<usize>) -> Prediction {
    Prediction {
        claim_id: format!("c{}-{}", range.start, range.end),
        start: range.start,
        end: range.end,
        text: "predicted claim".to_owned(),
        attribution: Attribution::Indirect,
        cue: Some("said".to_owned()),
        source_mention: None,
        source_name: None,
    }
}

fn with_source(mut p: Prediction, mention: Range<usize>, name: &str) -> Prediction {
    p.source_mention = Some(Span {
        start: mention.start,
        end: mention.end,
        text: "mention".to_owned(),
    });
    p.source_name = Some(name.to_owned());
    p
}

#[test]
fn coverage_of_exactly_30_percent_counts_and_29_does_not() {
    let gold = [gold(&[100..200], None)];
    let at_30 = polnear::score(&gold, &[prediction(170..260)]);
    assert_eq!(at_30.matched, 1);
    assert!((at_30.matches[0].coverage - 0.30).abs() < 1e-9);
    let at_29 = polnear::score(&gold, &[prediction(171..260)]);
    assert_eq!(at_29.matched, 0);
    assert_eq!(at_29.false_negatives.len(), 1);
    assert_eq!(at_29.false_positives.len(), 1);
    let nearest = at_29.false_negatives[0].nearest.as_ref().unwrap();
    assert!((nearest.coverage - 0.29).abs() < 1e-9);
    assert!(polnear::covers_enough(3, 10));
    assert!(!polnear::covers_enough(29, 100));
    assert!(!polnear::covers_enough(0, 0));
}

#[test]
fn coverage_counts_the_union_of_discontinuous_fragments() {
    // 50 + 50 = 100 gold chars; the gap between fragments does not count.
    let gold = [gold(&[0..50, 100..150], None)];
    // Covers 10 + 10 = 20 chars: 20%, although it spans 70 chars of text.
    assert_eq!(polnear::score(&gold, &[prediction(40..110)]).matched, 0);
    // Covers 20 + 10 = 30 chars: 30%.
    assert_eq!(polnear::score(&gold, &[prediction(30..110)]).matched, 1);
    // Overlapping fragments are counted once: 0..60 is 60 chars, 18 needed.
    let overlapping = [self::gold(&[0..40, 20..60], None)];
    assert_eq!(
        polnear::score(&overlapping, &[prediction(42..60)]).matched,
        1
    );
    assert_eq!(
        polnear::score(&overlapping, &[prediction(43..60)]).matched,
        0
    );
}

#[test]
fn matching_is_one_to_one() {
    // One long claim covering two gold contents finds only one of them.
    let golds = [gold(&[0..40], None), gold(&[50..90], None)];
    let one_claim = polnear::score(&golds, &[prediction(0..90)]);
    assert_eq!((one_claim.matched, one_claim.false_negatives.len()), (1, 1));
    assert_eq!(one_claim.false_positives.len(), 0);

    // Two claims on one gold: one match, one false positive (the longer one loses the tie).
    let one_gold = [gold(&[0..40], None)];
    let two_claims = polnear::score(&one_gold, &[prediction(0..45), prediction(0..40)]);
    assert_eq!(two_claims.matched, 1);
    assert_eq!(two_claims.matches[0].prediction_index, 1);
    assert_eq!(two_claims.false_positives.len(), 1);
    assert_eq!(two_claims.false_positives[0].start, 0);

    // Best coverage first: the claim covering gold A fully also covers 35% of gold B, but
    // gold B is left to the claim that covers it fully.
    let golds = [gold(&[0..100], None), gold(&[100..200], None)];
    let greedy = polnear::score(&golds, &[prediction(0..135), prediction(100..200)]);
    assert_eq!(greedy.matched, 2);
    let pairs: Vec<(usize, usize)> = greedy
        .matches
        .iter()
        .map(|m| (m.gold_index, m.prediction_index))
        .collect();
    assert_eq!(pairs, [(0, 0), (1, 1)]);
}

#[test]
fn source_is_right_by_overlap_or_by_a_shared_name_token() {
    let golds = [
        gold(&[100..200], Some((10..25, "harbormaster Ines Varga"))),
        gold(&[300..400], Some((210..220, "Mr. Lind"))),
        gold(&[500..600], Some((410..430, "the port authority"))),
        gold(&[700..800], None),
    ];
    let predictions = [
        // Overlaps the gold source; the name does not matter.
        with_source(prediction(100..200), 24..30, "Someone Else"),
        // No overlap, and only the honorific is shared: wrong.
        with_source(prediction(300..400), 280..282, "Mr. Okafor"),
        // No overlap, but "port" is shared.
        with_source(prediction(500..600), 480..483, "Riverton Port Authority"),
        // The gold has no Source: found, but left out of source accuracy.
        with_source(prediction(700..800), 690..692, "Nobody"),
    ];
    let result = polnear::score(&golds, &predictions);
    assert_eq!(result.matched, 4);
    assert_eq!(result.source_total, 3);
    assert_eq!(result.source_correct, 2);
    assert_eq!(result.wrong_sources.len(), 1);
    let wrong = &result.wrong_sources[0];
    assert_eq!(wrong.gold_source, "Mr. Lind");
    assert_eq!(wrong.predicted_name.as_deref(), Some("Mr. Okafor"));
    assert_eq!(result.matches[3].is_source_correct, None);

    // The name token test ignores case, one-letter tokens, stop words and pronouns.
    let gold_source = GoldSpan::new(&[0..5], "VARGA, the harbormaster");
    let by_name = with_source(prediction(0..1), 900..902, "Ines varga");
    assert!(polnear::is_source_correct(&gold_source, &by_name));
    let pronoun = GoldSpan::new(&[0..3], "she");
    assert!(!polnear::is_source_correct(
        &pronoun,
        &with_source(prediction(0..1), 900..902, "She Who Waits")
    ));
    let no_source = prediction(0..1);
    assert!(!polnear::is_source_correct(&gold_source, &no_source));
}

#[test]
fn totals_compute_precision_recall_f1_and_source_accuracy() {
    let doc = |gold, predicted, matched, source_correct, source_total| DocumentResult {
        name: "doc".to_owned(),
        words: 100,
        seconds: 0.5,
        score: DocumentScore {
            gold,
            predicted,
            matched,
            source_correct,
            source_total,
            ..DocumentScore::default()
        },
        warnings: vec!["line 3: junk".to_owned()],
    };
    let totals = PolnearTotals::from_documents(&[doc(6, 4, 3, 2, 3), doc(4, 4, 3, 1, 1)], 0);
    assert_eq!(
        (totals.files, totals.gold, totals.predicted, totals.matched),
        (2, 10, 8, 6)
    );
    assert!((totals.precision - 0.75).abs() < 1e-9);
    assert!((totals.recall - 0.6).abs() < 1e-9);
    assert!((totals.f1 - 2.0 * 0.75 * 0.6 / 1.35).abs() < 1e-9);
    assert!((totals.source_accuracy - 0.75).abs() < 1e-9);
    assert_eq!(totals.words, 200);
    assert!((totals.words_per_sec - 200.0).abs() < 1e-9);
    assert_eq!(totals.annotation_warnings, 2);

    let empty = PolnearTotals::from_documents(&[doc(0, 0, 0, 0, 0)], 0);
    assert_eq!((empty.precision, empty.recall, empty.f1), (0.0, 0.0, 0.0));
}

fn claim(start: usize, end: usize, attribution: Attribution, source: Option<&str>) -> Claim {
    Claim {
        id: format!("claim-{start}"),
        start,
        end,
        text: "x".repeat(end - start),
        attribution,
        cue: None,
        hedges: Vec::new(),
        source: source.map(|id| SourceMention {
            id: id.to_owned(),
            start: 0,
            end: 3,
            text: "she".to_owned(),
        }),
        via: Vec::new(),
        venue: None,
        checkworthy: 1.0,
    }
}

#[test]
fn predictions_leave_out_unattributed_and_headline_claims() {
    let extraction = Extraction {
        claims: vec![
            claim(0, 10, Attribution::Headline, None),
            claim(10, 20, Attribution::DirectQuote, Some("src-varga")),
            claim(20, 30, Attribution::Unattributed, None),
            claim(30, 40, Attribution::Hedged, None),
            claim(40, 50, Attribution::AccordingTo, Some("src-missing")),
        ],
        sources: vec![Source {
            id: "src-varga".to_owned(),
            name: "Ines Varga".to_owned(),
            kind: SourceKind::Person,
            role: None,
            aliases: Vec::new(),
            claims: Vec::new(),
        }],
    };
    let predictions = polnear::predictions(&extraction);
    let starts: Vec<usize> = predictions.iter().map(|p| p.start).collect();
    assert_eq!(starts, [10, 30, 40]);
    assert_eq!(predictions[0].source_name.as_deref(), Some("Ines Varga"));
    assert_eq!(
        predictions[0].source_mention.as_ref().map(|m| m.end),
        Some(3)
    );
    assert_eq!(predictions[2].source_name, None);
}

#[test]
fn gold_comes_from_events_with_a_content() {
    let annotations = brat::parse(&harbor_ann());
    assert_eq!(annotations.warnings.len(), 1);
    let (gold, warnings) = polnear::gold_attributions(&annotations, HARBOR_TEXT);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(gold.len(), 3);
    assert_eq!(gold[0].content.text, "the new pier would open in May");
    assert_eq!(
        gold[0].source.as_ref().map(|s| s.text.as_str()),
        Some("The harbormaster, Inés Várga")
    );
    assert_eq!(gold[1].content.fragments.len(), 2);
    assert_eq!(
        gold[1].content.text,
        "“We are out of money,” … “and out of time.”"
    );
    assert_eq!(gold[2].source, None);
    assert_eq!(
        gold[2].cue.as_ref().map(|c| c.text.as_str()),
        Some("expected")
    );
}

#[test]
fn gold_warns_when_offsets_do_not_line_up() {
    let annotations =
        brat::parse("T1\tContent 0 4\tPigs\nT2\tContent 90 99\tfar\nE1\tX:T1 Content:T3\n");
    let (gold, warnings) = polnear::gold_attributions(&annotations, "Pier plans");
    assert!(gold.is_empty());
    assert_eq!(warnings.len(), 4, "{warnings:?}");
}

#[test]
fn evaluate_dir_scores_every_pair_and_skips_unreadable_ones() {
    let dir = harbor_folder();
    let mut calls = Vec::new();
    let report =
        polnear::evaluate_dir(dir.path(), |done, total| calls.push((done, total))).unwrap();
    assert_eq!(calls, [(0, 2), (1, 2), (2, 2)]);
    assert_eq!(report.totals.files, 1);
    assert_eq!(report.skipped.len(), 1);
    assert_eq!(report.skipped[0].name, "blank");
    let doc = &report.documents[0];
    assert_eq!(doc.name, "harbor");
    assert_eq!(doc.score.gold, 3);
    assert_eq!(doc.words, HARBOR_TEXT.split_whitespace().count());
    assert_eq!(doc.warnings.len(), 1);
    let totals = &report.totals;
    assert_eq!(totals.gold, 3);
    assert!(totals.matched <= totals.gold.min(totals.predicted));
    assert_eq!(
        totals.matched + doc.score.false_negatives.len(),
        totals.gold
    );
    assert_eq!(
        totals.matched + doc.score.false_positives.len(),
        totals.predicted
    );
    assert!((totals.recall - totals.matched as f64 / 3.0).abs() < 1e-9);
}

#[test]
fn evaluate_dir_rejects_missing_and_empty_folders() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope");
    assert!(matches!(
        polnear::evaluate_dir(&missing, |_, _| {}),
        Err(EvalError::NotFound(_))
    ));
    assert!(matches!(
        polnear::evaluate_dir(dir.path(), |_, _| {}),
        Err(EvalError::NoPairs(_))
    ));
    std::fs::write(dir.path().join("only.txt"), "Text without annotations.").unwrap();
    assert!(matches!(
        polnear::evaluate_dir(dir.path(), |_, _| {}),
        Err(EvalError::NoPairs(_))
    ));
    assert!(matches!(
        polnear::evaluate_dir(&dir.path().join("only.txt"), |_, _| {}),
        Err(EvalError::NotADirectory(_))
    ));
}
