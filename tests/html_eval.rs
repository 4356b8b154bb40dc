//! `crosscheck eval html DIR`: the benchmark's shingle metric and the folder layout, on a small
//! folder built from project-own fixtures.

use std::io::Write;
use std::path::Path;

use crosscheck::eval::html::{evaluate_dir, shingle_counts};

const SEA_WALL_BODY: &str = "The harbour council voted on Thursday night to build a new sea wall \
along the eastern quay, ending a debate that has divided the town for almost three years.\n\
Councillors approved the plan by nine votes to four after a meeting that ran past midnight, with \
residents filling the public gallery and spilling into the corridor outside.\n\
Costs and timetable\n\
The wall will cost an estimated 14 million, according to the council's engineers, and work is due \
to start next spring if the regional government confirms its share of the funding.\n\
\"This is the most important decision this council has taken in a generation,\" said the council \
leader, Ana Brightwater.\n\
Opponents say the money would be better spent on moving the most exposed homes further inland. \
Their objections included:\n\
the loss of the public beach beside the quay,\n\
the cost to local taxpayers over twenty years.\n\
The council will publish the final design in the autumn, after a further round of consultation \
with residents and harbour businesses.";

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    if let Err(err) = encoder.write_all(bytes) {
        panic!("cannot compress: {err}");
    }
    match encoder.finish() {
        Ok(bytes) => bytes,
        Err(err) => panic!("cannot compress: {err}"),
    }
}

fn write(path: &Path, bytes: &[u8]) {
    if let Err(err) = std::fs::write(path, bytes) {
        panic!("cannot write {}: {err}", path.display());
    }
}

/// A benchmark folder: the sea-wall page (gzip), the rail page (plain .html), and a page that
/// is binary (fails to load and scores as empty output).
fn benchmark_dir() -> tempfile::TempDir {
    let dir = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(err) => panic!("no temp dir: {err}"),
    };
    let html = dir.path().join("html");
    if let Err(err) = std::fs::create_dir(&html) {
        panic!("cannot create html/: {err}");
    }
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html");
    let read = |name: &str| match std::fs::read(fixtures.join(name)) {
        Ok(bytes) => bytes,
        Err(err) => panic!("cannot read {name}: {err}"),
    };
    write(&html.join("aaa.html.gz"), &gzip(&read("jsonld.html")));
    write(&html.join("bbb.html"), &read("opengraph.html"));
    write(&html.join("ccc.html"), b"\x89PNG\r\n\x1a\n\0\0\0\0binary");
    let truth = serde_json::json!({
        "aaa": {"url": "https://www.coastline-courier.example/news/sea-wall", "articleBody": SEA_WALL_BODY},
        "bbb": {"url": "https://news.valley-post.example/2023/rail-line", "articleBody":
            "The old valley rail line will reopen to passengers in June, the regional transport \
             authority said on Wednesday, five years after floods washed away two of its bridges."},
        "ccc": {"url": "https://example.org/c", "articleBody": "Some text that was never loaded at all."}
    });
    write(
        &dir.path().join("ground-truth.json"),
        truth.to_string().as_bytes(),
    );
    dir
}

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
fn cli_prints_scores_and_metadata_counts() {
    let dir = benchmark_dir();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args([
            "eval",
            "html",
            &dir.path().to_string_lossy(),
            "--worst",
            "2",
        ])
        .output();
    let output = match output {
        Ok(output) => output,
        Err(err) => panic!("cannot run the binary: {err}"),
    };
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    for line in [
        "pages",
        "precision",
        "recall",
        "F1",
        "title    filled",
        "byline   filled",
        "load time",
        "Lowest F1:",
    ] {
        assert!(stdout.contains(line), "{line:?} missing in:\n{stdout}");
    }
    assert!(stdout.contains("failed to load           1"), "{stdout}");
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
