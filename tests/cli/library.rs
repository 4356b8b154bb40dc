//! `crosscheck library add`, `compare` and `search`, run as the built binary against copies of
//! the invented-event fixtures in `tests/fixtures/library/`.

use std::path::{Path, PathBuf};

use crate::run::crosscheck;

/// A temporary folder with the reports copied in, and a data folder path.
fn world() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let reports = tmp.path().join("reports");
    std::fs::create_dir_all(&reports).expect("mkdir");
    for entry in std::fs::read_dir(crate::paths::top().join("tests/fixtures/library/eastbrook"))
        .expect("list fixtures")
    {
        let entry = entry.expect("a fixture");
        std::fs::copy(entry.path(), reports.join(entry.file_name())).expect("copy");
    }
    let data = tmp.path().join("data");
    (tmp, reports, data)
}

fn path_arg(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

#[test]
fn library_add_indexes_the_folder_and_reports_figures() {
    let (_tmp, reports, data) = world();
    let run = crosscheck(&data, &["library", "add", path_arg(&reports)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("indexed 4 articles in "),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("articles/s"), "{}", run.stdout);
    assert!(run.stdout.contains("holds 4 articles"), "{}", run.stdout);
    let list = crosscheck(&data, &["library", "--json"]);
    assert_eq!(list.code, 0, "{}", list.stderr);
    let json: serde_json::Value = serde_json::from_str(&list.stdout).expect("JSON");
    assert_eq!(json["index"]["articles"], 4);
    assert_eq!(json["index"]["folders"].as_array().map(Vec::len), Some(1));
    // Adding again reads nothing.
    let again = crosscheck(&data, &["library", "add", path_arg(&reports), "--json"]);
    let summary: serde_json::Value = serde_json::from_str(&again.stdout).expect("JSON");
    assert_eq!(
        (summary["indexed"].as_u64(), summary["unchanged"].as_u64()),
        (Some(0), Some(4))
    );
}

#[test]
fn compare_prints_matches_divergences_and_origins() {
    let (_tmp, reports, data) = world();
    assert_eq!(
        crosscheck(&data, &["library", "add", path_arg(&reports)]).code,
        0
    );
    let wire = reports.join("wire.md");
    let run = crosscheck(&data, &["compare", path_arg(&wire)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = &run.stdout;
    assert!(out.contains("compared with 3 other articles"), "{out}");
    assert!(
        out.contains("figure changed: 12,000 here, 1,200 in The Eastbrook Ledger"),
        "{out}"
    );
    assert!(out.contains("hedge added"), "{out}");
    assert!(out.contains("4 reports, 2 independent origins"), "{out}");
    assert!(
        out.contains("3 of 5 claims appear in other reports"),
        "{out}"
    );

    let json = crosscheck(&data, &["compare", path_arg(&wire), "--json"]);
    assert_eq!(json.code, 0, "{}", json.stderr);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!(value["report"], "Metro Daily Wire");
    let claims = value["claims"].as_array().expect("claims");
    let first = claims
        .iter()
        .find(|c| {
            c["claim"]["text"]
                .as_str()
                .is_some_and(|t| t.contains("evacuated"))
        })
        .expect("the evacuation claim");
    for key in ["claim", "chain", "matches", "origins"] {
        assert!(first.get(key).is_some(), "no {key} in {first}");
    }
    let aspects: Vec<&str> = first["matches"][0]["differences"]
        .as_array()
        .expect("differences")
        .iter()
        .filter_map(|d| d["aspect"].as_str())
        .collect();
    assert!(aspects.contains(&"figures"), "{aspects:?}");
}

#[test]
fn search_prints_claims_with_their_reports() {
    let (_tmp, reports, data) = world();
    assert_eq!(
        crosscheck(&data, &["library", "add", path_arg(&reports)]).code,
        0
    );
    let run = crosscheck(&data, &["search", "tank", "cars", "source:whitfield"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Metro Daily Wire"), "{}", run.stdout);
    assert_eq!(
        run.stdout.matches("Twelve tank cars").count(),
        1,
        "{}",
        run.stdout
    );
    let none = crosscheck(&data, &["search", "volcano"]);
    assert!(
        none.stdout.starts_with("no claims match in 4 articles"),
        "{}",
        none.stdout
    );
    let json = crosscheck(&data, &["search", "evacuated", "--json"]);
    let hits: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert!(hits.as_array().is_some_and(|h| h.len() >= 4), "{hits}");
}

#[test]
fn bad_input_gives_a_message_and_a_non_zero_exit() {
    let (_tmp, reports, data) = world();
    let not_a_folder = crosscheck(
        &data,
        &["library", "add", path_arg(&reports.join("wire.md"))],
    );
    assert_eq!(not_a_folder.code, 1);
    assert!(
        not_a_folder.stderr.contains("not a folder"),
        "{}",
        not_a_folder.stderr
    );
    let missing = crosscheck(&data, &["compare", path_arg(&reports.join("gone.txt"))]);
    assert_eq!(missing.code, 1);
    assert!(missing.stderr.contains("gone.txt"), "{}", missing.stderr);
    let bad_verdict = crosscheck(&data, &["search", "verdict:maybe"]);
    assert_eq!(bad_verdict.code, 1);
    assert!(
        bad_verdict.stderr.contains("unknown verdict"),
        "{}",
        bad_verdict.stderr
    );
    // An empty library still compares, saying how to fill it.
    let empty = crosscheck(&data, &["compare", path_arg(&reports.join("ledger.txt"))]);
    assert_eq!(empty.code, 0, "{}", empty.stderr);
    assert!(empty.stdout.contains("library add"), "{}", empty.stdout);
}
