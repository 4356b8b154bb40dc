//! `crosscheck eval html DIR`: the benchmark's shingle metric and the folder layout, on a small
//! folder built from project-own fixtures.

use crate::html_fixture::*;
use crosscheck_engine::eval::html::{evaluate_dir, shingle_counts};

#[test]
fn shingle_metric_counts_four_token_windows_with_repeats() {
    // "a b c d e": shingles abcd, bcde. "a b c d e f": abcd, bcde, cdef.
    let counts = shingle_counts("a b c d e f", "a, b. c d e");
    assert_eq!(
        (
            counts.true_positives,
            counts.false_positives,
            counts.false_negatives
        ),
        (2, 1, 0)
    );
    assert_eq!(counts.precision(), Some(2.0 / 3.0));
    assert_eq!(counts.recall(), 1.0);
    // Punctuation and line breaks do not matter; words do.
    let same = shingle_counts("One two, three\nfour!", "One two three four");
    assert_eq!(same.precision(), Some(1.0));
}

#[test]
fn folder_is_scored_page_by_page_and_averaged() {
    let dir = benchmark_dir();
    let mut calls = Vec::new();
    let report = match evaluate_dir(dir.path(), |done, total| calls.push((done, total))) {
        Ok(report) => report,
        Err(err) => panic!("evaluation failed: {err}"),
    };
    assert_eq!(calls.first(), Some(&(0, 3)));
    assert_eq!(calls.last(), Some(&(3, 3)));
    let totals = &report.totals;
    assert_eq!(totals.pages, 3);
    assert_eq!(totals.failed, 1);
    let pages: Vec<&str> = report.pages.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(pages, ["aaa", "bbb", "ccc"]);

    let sea_wall = &report.pages[0];
    assert_eq!(sea_wall.recall, 1.0);
    // Only the headline's shingles are extra.
    assert!(sea_wall.precision.is_some_and(|p| p > 0.9), "{sea_wall:?}");
    let rail = &report.pages[1];
    assert_eq!(rail.recall, 1.0);
    assert!(rail.precision.is_some_and(|p| p < 0.5), "{rail:?}");
    let binary = &report.pages[2];
    assert_eq!(binary.precision, None);
    assert_eq!(binary.recall, 0.0);

    // Precision averages the two pages with output; recall all three.
    let precision = (sea_wall.precision.unwrap_or(0.0) + rail.precision.unwrap_or(0.0)) / 2.0;
    assert!((totals.precision - precision).abs() < 1e-9);
    assert!((totals.recall - 2.0 / 3.0).abs() < 1e-9);
    let f1 = 2.0 * precision * totals.recall / (precision + totals.recall);
    assert!((totals.f1 - f1).abs() < 1e-9);
    assert_eq!(
        (totals.titles, totals.bylines, totals.outlets, totals.dates),
        (2, 2, 2, 2)
    );
}

#[test]
fn missing_ground_truth_is_an_error_naming_the_file() {
    let dir = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(err) => panic!("no temp dir: {err}"),
    };
    match evaluate_dir(dir.path(), |_, _| {}) {
        Err(err) => assert!(err.to_string().contains("ground-truth.json")),
        Ok(_) => panic!("a folder without ground-truth.json must fail"),
    }
}

#[test]
fn wcxb_layout_scores_snippets_and_metadata_for_correctness() {
    let dir = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(err) => panic!("no temp dir: {err}"),
    };
    let html = dir.path().join("html");
    if let Err(err) = std::fs::create_dir(&html) {
        panic!("cannot create html/: {err}");
    }
    let page = match std::fs::read(fixture("jsonld.html")) {
        Ok(bytes) => bytes,
        Err(err) => panic!("cannot read the fixture: {err}"),
    };
    write(&html.join("0001.html.gz"), &gzip(&page));
    let truth = serde_json::json!({
        "0001": {
            "url": "https://www.coastline-courier.example/news/sea-wall",
            "articleBody": SEA_WALL_BODY,
            "title": "Harbour Council approves new sea wall  after long debate",
            "author": "Maria Testwell",
            "date": "2024-05-16",
            "with": [
                "build a new sea wall along the eastern quay",
                "a sentence the page does not have"
            ],
            "without": ["We use cookies to improve your experience.", "Not on the page"],
            "domain": "coastline-courier.example",
            "spa": false
        }
    });
    write(
        &dir.path().join("ground-truth.json"),
        truth.to_string().as_bytes(),
    );
    let report = match evaluate_dir(dir.path(), |_, _| {}) {
        Ok(report) => report,
        Err(err) => panic!("evaluation failed: {err}"),
    };
    let totals = &report.totals;
    assert_eq!((totals.titles_checked, totals.titles_right), (1, 1));
    assert_eq!((totals.bylines_checked, totals.bylines_right), (1, 1));
    // The page says 17 May; the truth (made wrong on purpose) says 16 May.
    assert_eq!((totals.dates_checked, totals.dates_right), (1, 0));
    let snippets = totals.snippets;
    assert_eq!(
        (
            snippets.true_positives,
            snippets.false_negatives,
            snippets.false_positives,
            snippets.true_negatives
        ),
        (1, 1, 0, 2)
    );
    assert!(totals.median_load_ms > 0.0);
    assert!(report.pages[0].text.contains("eastern quay"));
}
