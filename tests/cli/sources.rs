//! `crosscheck sources` and `crosscheck source …`, run as the built binary against copies of
//! the invented dam-story fixtures in `tests/fixtures/sources/`.

use std::path::PathBuf;

use crate::run::crosscheck;

/// A temporary folder with the reports copied in and added to a library.
fn world() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let reports = tmp.path().join("reports");
    std::fs::create_dir_all(&reports).expect("mkdir");
    for entry in
        std::fs::read_dir(crate::paths::top().join("tests/fixtures/sources")).expect("list")
    {
        let entry = entry.expect("a fixture");
        std::fs::copy(entry.path(), reports.join(entry.file_name())).expect("copy");
    }
    let data = tmp.path().join("data");
    let run = crosscheck(&data, &["library", "add", reports.to_str().expect("UTF-8")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    (tmp, reports, data)
}

#[test]
fn sources_lists_the_library_and_shows_one_record() {
    let (_tmp, _reports, data) = world();
    let list = crosscheck(&data, &["sources"]);
    assert_eq!(list.code, 0, "{}", list.stderr);
    assert!(
        list.stdout
            .contains("Harold P. Minter Jr (person) — 5 claims in 3 reports"),
        "{}",
        list.stdout
    );
    assert!(!list.stdout.contains("Officials"), "{}", list.stdout);
    assert!(
        crosscheck(&data, &["sources", "--all"])
            .stdout
            .contains("Officials (unnamed)")
    );
    let record = crosscheck(&data, &["sources", "Ilse Varga"]);
    assert_eq!(record.code, 0, "{}", record.stderr);
    assert!(
        record
            .stdout
            .starts_with("Ilse Varga — person; Energy Minister")
    );
    assert!(record.stdout.contains("seen 2025-03-12 to 2025-05-02"));
    assert!(
        record
            .stdout
            .contains("“the dam was safe” — Harrow Radio, 2025-05-02")
    );
    // JSON: the record's schema and claims.
    let json = crosscheck(&data, &["sources", "varga", "--json"]);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!(value["schema"], "crosscheck.source-record/1");
    assert_eq!(value["source"]["name"], "Ilse Varga");
    assert_eq!(value["record"]["claims"], 3);
    assert_eq!(value["claims"].as_array().map(Vec::len), Some(3));
    let list: serde_json::Value =
        serde_json::from_str(&crosscheck(&data, &["sources", "--json"]).stdout).expect("JSON");
    assert_eq!(list["schema"], "crosscheck.sources/1");
    assert!(list["sources"].as_array().is_some_and(|s| s.len() >= 15));
}

#[test]
fn an_ambiguous_or_unknown_name_is_a_clear_error() {
    let (_tmp, _reports, data) = world();
    let run = crosscheck(&data, &["sources", "minter"]);
    // "Minter" is the name of one source: it wins over those also called so.
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("Minter — person"), "{}", run.stdout);
    let run = crosscheck(&data, &["sources", "Mint"]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("several sources answer to “Mint”"),
        "{}",
        run.stderr
    );
    let run = crosscheck(&data, &["sources", "Nobody Here"]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("no source called “Nobody Here”"),
        "{}",
        run.stderr
    );
    let run = crosscheck(&data, &["source", "kind", "Greens", "party"]);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("unknown kind"), "{}", run.stderr);
}

#[test]
fn corrections_and_status_from_the_command_line_stick_and_undo() {
    let (_tmp, reports, data) = world();
    let merge = crosscheck(
        &data,
        &["source", "merge", "Dmitri Oreshkov", "Dmitar Oreshkov"],
    );
    assert_eq!(merge.code, 0, "{}", merge.stderr);
    assert!(
        merge
            .stdout
            .contains("Dmitar Oreshkov: 6 claims in 5 reports"),
        "{}",
        merge.stdout
    );
    let kind = crosscheck(
        &data,
        &["source", "kind", "Kestrel Analytics", "organisation"],
    );
    assert_eq!(kind.code, 0, "{}", kind.stderr);
    let protest = reports.join("herald-protest.txt");
    let split = crosscheck(
        &data,
        &[
            "source",
            "split",
            "Harold P. Minter Jr",
            "Minter",
            "--in",
            protest.to_str().expect("UTF-8"),
        ],
    );
    assert_eq!(split.code, 0, "{}", split.stderr);
    assert!(
        split
            .stdout
            .contains("Harold P. Minter Jr: 4 claims in 3 reports")
    );
    let status = crosscheck(
        &data,
        &[
            "source",
            "status",
            "Dmitar Oreshkov",
            "not-credible",
            "--note",
            "Wrong twice.",
        ],
    );
    assert_eq!(status.code, 0, "{}", status.stderr);
    assert_eq!(
        status.stdout.trim(),
        "Dmitar Oreshkov: not credible — Wrong twice."
    );
    // The list reflects all of it in a new process.
    let list = crosscheck(&data, &["sources"]);
    assert!(
        list.stdout.contains("Kestrel Analytics (organization)"),
        "{}",
        list.stdout
    );
    assert!(list.stdout.contains("[not credible]"), "{}", list.stdout);
    assert!(!list.stdout.contains("Dmitri Oreshkov"), "{}", list.stdout);
    // The article's extraction and its export carry the corrections.
    let extract = crosscheck(
        &data,
        &["extract", protest.to_str().expect("UTF-8"), "--json"],
    );
    let value: serde_json::Value = serde_json::from_str(&extract.stdout).expect("JSON");
    let names: Vec<&str> = value["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert!(names.contains(&"Minter"), "{names:?}");
    let raw = crosscheck(
        &data,
        &[
            "extract",
            protest.to_str().expect("UTF-8"),
            "--json",
            "--as-extracted",
        ],
    );
    assert!(
        !raw.stdout.contains("\"name\": \"Minter\""),
        "{}",
        raw.stdout
    );
    // Undo the latest (the split) by default, then a given one by id.
    let corrections = crosscheck(&data, &["source", "corrections", "--json"]);
    let list: serde_json::Value = serde_json::from_str(&corrections.stdout).expect("JSON");
    assert_eq!(list.as_array().map(Vec::len), Some(3));
    let merge_id = list[0]["id"].as_str().expect("an id").to_owned();
    let undo = crosscheck(&data, &["source", "undo"]);
    assert!(
        undo.stdout.starts_with("undid: split “Minter”"),
        "{}",
        undo.stdout
    );
    let undo = crosscheck(&data, &["source", "undo", &merge_id]);
    assert!(undo.stdout.starts_with("undid: merge"), "{}", undo.stdout);
    let list = crosscheck(&data, &["sources"]);
    assert!(list.stdout.contains("Dmitri Oreshkov"), "{}", list.stdout);
    assert!(
        list.stdout
            .contains("Harold P. Minter Jr (person) — 5 claims")
    );
    let bad = crosscheck(&data, &["source", "undo", "k-nothing"]);
    assert_ne!(bad.code, 0);
}

#[test]
fn a_record_is_exported_as_markdown() {
    let (tmp, _reports, data) = world();
    let out = tmp.path().join("varga.md");
    let run = crosscheck(
        &data,
        &[
            "sources",
            "Ilse Varga",
            "--markdown",
            "-o",
            out.to_str().expect("UTF-8"),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(&out).expect("the report");
    assert!(text.starts_with("# Source record: Ilse Varga\n"), "{text}");
    assert!(
        text.contains("## Track record\n\n3 claims in 2 reports"),
        "{text}"
    );
    assert!(text.contains("| unverified | 3 |"), "{text}");
    assert!(text.contains("“inspections had found no cracks in the wall” — Harrow Radio"));
}

#[test]
fn names_and_notes_reach_the_terminal_inert() {
    let (_tmp, _reports, data) = world();
    let hostile = "Evil\u{1b}]0;pwned\u{7} Corp";
    let note = "see\u{1b}[2J\nforged line";
    let status = crosscheck(
        &data,
        &["source", "status", hostile, "mixed", "--note", note],
    );
    assert_eq!(status.code, 0, "{}", status.stderr);
    let kind = crosscheck(&data, &["source", "kind", hostile, "organization"]);
    assert_eq!(kind.code, 0, "{}", kind.stderr);
    let corrections = crosscheck(&data, &["source", "corrections"]);
    let unknown = crosscheck(&data, &["sources", hostile]);
    assert_ne!(unknown.code, 0, "no such source in the library");
    for run in [&status, &kind, &corrections, &unknown] {
        for text in [&run.stdout, &run.stderr] {
            assert!(
                !text.chars().any(|c| c.is_control() && c != '\n'),
                "a raw control character: {text:?}"
            );
        }
    }
    assert!(
        status.stdout.contains("\\u001b]0;pwned"),
        "{}",
        status.stdout
    );
    // The note's line break stays inside its one line of output.
    assert_eq!(status.stdout.lines().count(), 1, "{}", status.stdout);
    // Warnings name the source on one line too.
    assert!(
        kind.stderr.lines().any(
            |l| l.starts_with("crosscheck: warning: no source called") && l.contains("\\u0007")
        ),
        "{}",
        kind.stderr
    );
}
