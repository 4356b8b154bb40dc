//! `crosscheck eval polnear` and `crosscheck eval html` on small folders written for the tests.

use std::path::Path;
use std::process::Command;

use crate::html_fixture::benchmark_dir;
use crate::polnear_fixture::harbor_folder;

fn crosscheck(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(args)
        .arg(dir)
        .output()
        .unwrap()
}

#[test]
fn cli_fails_with_one_line_on_a_folder_without_pairs() {
    let dir = tempfile::tempdir().unwrap();
    for path in [dir.path().to_owned(), dir.path().join("missing")] {
        let output = crosscheck(&["eval", "polnear"], &path);
        assert_eq!(output.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
        assert!(stderr.contains(&path.display().to_string()), "{stderr}");
    }
}

#[test]
fn cli_prints_json_totals_and_writes_the_errors_file() {
    let dir = harbor_folder();
    let errors_path = dir.path().join("errors.txt");
    let errors_arg = errors_path.display().to_string();
    let output = crosscheck(
        &["eval", "polnear", "--json", "--errors", &errors_arg],
        dir.path(),
    );
    assert_eq!(output.status.code(), Some(0));
    let totals: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(totals["files"], 1);
    assert_eq!(totals["gold"], 3);
    assert!(totals["f1"].is_number());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("skipped blank"), "{stderr}");
    let errors = std::fs::read_to_string(&errors_path).unwrap();
    assert!(errors.starts_with("Crosscheck PolNeAR errors"));
    assert!(errors.contains("==== harbor"), "{errors}");
    assert!(
        errors.contains("WARN   line 14: not a brat annotation"),
        "{errors}"
    );

    let summary = crosscheck(&["eval", "polnear"], dir.path());
    assert_eq!(summary.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&summary.stdout);
    for label in [
        "files",
        "gold",
        "predicted",
        "matched",
        "precision",
        "recall",
        "F1",
    ] {
        assert!(stdout.contains(label), "{label} missing in {stdout}");
    }
    assert!(stdout.contains("source accuracy") && stdout.contains("speed"));
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
