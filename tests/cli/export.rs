//! `crosscheck export` and `crosscheck import` as a user runs them.

use std::process::Command;

fn crosscheck(data_dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .output()
        .expect("the binary runs")
}

fn article(dir: &std::path::Path) -> String {
    let path = dir.join("report.txt");
    std::fs::write(
        &path,
        "Bridge tolls to rise – The Valley Courier\n\nMayor Ilse Varga said the toll would rise by 12 per cent in May.\n",
    )
    .expect("fixture written");
    path.display().to_string()
}

#[test]
fn export_writes_each_format_to_a_file_and_import_merges_it_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store");
    let file = article(dir.path());
    let marked = crosscheck(
        &store,
        &[
            "mark",
            &file,
            "--match",
            "12 per cent",
            "--status",
            "misleading",
            "--note",
            "Rise is 9 per cent",
        ],
    );
    assert!(
        marked.status.success(),
        "{}",
        String::from_utf8_lossy(&marked.stderr)
    );
    for (format, needle) in [
        ("md", "Misleading"),
        ("w3c", "\"assessing\""),
        ("claimreview", "ClaimReview"),
        ("csv", "misleading"),
    ] {
        let out = dir.path().join(format!("notes.{format}"));
        let run = crosscheck(
            &store,
            &[
                "export",
                &file,
                "--format",
                format,
                "-o",
                out.to_str().unwrap_or_default(),
            ],
        );
        assert!(
            run.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert!(run.stdout.is_empty(), "{format}: nothing on stdout with -o");
        let written = std::fs::read_to_string(&out).expect("export written");
        assert!(written.contains(needle), "{format} export lacks {needle:?}");
    }
    let w3c = dir.path().join("notes.w3c");
    let fresh = dir.path().join("fresh-store");
    let imported = crosscheck(&fresh, &["import", w3c.to_str().unwrap_or_default()]);
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    assert!(String::from_utf8_lossy(&imported.stdout).contains("1 added"));
    let notes = crosscheck(&fresh, &["notes", &file, "--json"]);
    let value: serde_json::Value = serde_json::from_slice(&notes.stdout).expect("notes JSON");
    assert_eq!(value["notes"][0]["verdict"], "misleading");
    assert_eq!(value["notes"][0]["note"], "Rise is 9 per cent");
    let again = crosscheck(
        &fresh,
        &["import", w3c.to_str().unwrap_or_default(), "--into", &file],
    );
    assert!(String::from_utf8_lossy(&again.stdout).contains("0 added, 0 updated, 1 unchanged"));
}

#[test]
fn bad_format_and_bad_import_files_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store");
    let file = article(dir.path());
    let bad_format = crosscheck(&store, &["export", &file, "--format", "pdf"]);
    assert_eq!(bad_format.status.code(), Some(2));
    let junk = dir.path().join("junk.jsonld");
    std::fs::write(&junk, "{ not json").expect("junk written");
    let bad_import = crosscheck(
        &store,
        &["import", junk.to_str().unwrap_or_default(), "--into", &file],
    );
    assert_eq!(bad_import.status.code(), Some(1));
    let message = String::from_utf8_lossy(&bad_import.stderr);
    assert!(
        message.contains("not JSON") && message.contains("junk.jsonld"),
        "{message}"
    );
    assert_eq!(message.lines().count(), 1);
}

#[test]
fn one_of_a_thing_is_counted_in_the_singular() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store");
    let file = article(dir.path());
    let extracted = crosscheck(&store, &["extract", &file]);
    let table = String::from_utf8_lossy(&extracted.stdout);
    // The headline and the mayor's claim, each with a source of one claim.
    assert!(table.contains("\n2 claims\n"), "{table}");
    assert!(table.contains(": 1 claim\n"), "{table}");
    let marked = crosscheck(
        &store,
        &[
            "mark",
            &file,
            "--match",
            "12 per cent",
            "--status",
            "verified",
        ],
    );
    assert!(
        marked.status.success(),
        "{}",
        String::from_utf8_lossy(&marked.stderr)
    );
    let out = dir.path().join("notes.md");
    let exported = crosscheck(
        &store,
        &["export", &file, "-o", out.to_str().unwrap_or_default()],
    );
    let message = String::from_utf8_lossy(&exported.stderr);
    assert!(message.contains("(1 note, 2 claims)"), "{message}");
    let notes = crosscheck(&store, &["notes", &file]);
    let listed = String::from_utf8_lossy(&notes.stdout);
    assert!(listed.contains("\n1 note: 1 verified"), "{listed}");
    for text in [&table, &message, &listed] {
        for wrong in ["1 claims", "1 sources", "1 notes"] {
            assert!(!text.contains(wrong), "{wrong:?} in {text}");
        }
    }
}
