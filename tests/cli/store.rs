//! The `mark`, `notes` and `library` commands, run as the built binary against a temporary
//! store.
//!
//! Tests marked "needs the extractor" pick claims with `--match`/`--claim`, so they pass only
//! once `crosscheck_engine::extract` finds attributed claims such as "Mayor Jane Roe said ...".

use std::path::Path;
use std::process::Command;

use crate::store_fixture::*;
use crosscheck_engine::store::{Edit, Evidence, SCHEMA_VERSION, Store, Target, Verdict};

const CLAIM: &str = "Mayor Jane Roe said the bridge would cost $4 million.";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn crosscheck(data_dir: Option<&Path>, args: &[&str]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_crosscheck"));
    command.env_remove("CROSSCHECK_DATA_DIR");
    if let Some(dir) = data_dir {
        command.arg("--data-dir").arg(dir);
    }
    let output = command.args(args).output().expect("run crosscheck");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn keys(value: &serde_json::Value) -> Vec<String> {
    let mut keys: Vec<String> = value
        .as_object()
        .expect("an object")
        .keys()
        .cloned()
        .collect();
    keys.sort();
    keys
}

fn sorted(keys: &[&str]) -> Vec<String> {
    let mut keys: Vec<String> = keys.iter().map(|k| (*k).to_owned()).collect();
    keys.sort();
    keys
}

/// An article with one note holding every field, made through the engine.
fn noted_article(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let (path, document) = write_article(dir, "bridge.txt", ARTICLE);
    let store_dir = dir.join("store");
    let store = Store::open(&store_dir).expect("open");
    let (start, end) = span_of(&document, CLAIM);
    store
        .update(
            &document,
            &Target::Claim { start, end },
            &[
                Edit::Verdict(Verdict::False),
                Edit::Note("Budget says $6 million.".into()),
                Edit::AddEvidence(Evidence {
                    url: "https://example.org/budget".into(),
                    label: "Budget".into(),
                }),
                Edit::AddTag("cost".into()),
            ],
        )
        .expect("save");
    (path, store_dir)
}

#[test]
fn notes_json_has_the_documented_shape() {
    let dir = temp_dir();
    let (path, store_dir) = noted_article(dir.path());
    let run = crosscheck(
        Some(&store_dir),
        &["notes", path.to_str().expect("utf-8"), "--json"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(keys(&json), sorted(&["article", "notes"]));
    assert_eq!(keys(&json["article"]), sorted(&["path", "title", "sha256"]));
    let note = &json["notes"][0];
    assert_eq!(
        keys(note),
        sorted(&[
            "id",
            "anchor",
            "state",
            "needs_review",
            "verdict",
            "note",
            "evidence",
            "tags",
            "created",
            "modified",
            "history",
            "rewordings"
        ])
    );
    assert_eq!(
        keys(&note["anchor"]),
        sorted(&["exact", "prefix", "suffix", "start", "end"])
    );
    assert_eq!(keys(&note["evidence"][0]), sorted(&["url", "label"]));
    assert_eq!(keys(&note["history"][0]), sorted(&["from", "to", "at"]));
    assert_eq!(note["state"], "exact");
    assert_eq!(note["verdict"], "false");
    assert_eq!(note["anchor"]["exact"], CLAIM);
    assert_eq!(note["evidence"][0]["label"], "Budget");
    assert_eq!(note["tags"], serde_json::json!(["cost"]));
    assert_eq!(note["history"][0]["from"], "unverified");
    assert!(note["created"].as_str().expect("time").ends_with('Z'));
    let document = reload(&path);
    assert_eq!(json["article"]["sha256"], document.sha256.as_str());
    let (start, end) = span_of(&document, CLAIM);
    assert_eq!(
        (
            note["anchor"]["start"].as_u64(),
            note["anchor"]["end"].as_u64()
        ),
        (Some(start as u64), Some(end as u64))
    );
    // Keys come in the documented order, and the output is byte-stable.
    let order: Vec<usize> = [
        "\"id\"",
        "\"anchor\"",
        "\"state\"",
        "\"verdict\"",
        "\"note\"",
        "\"evidence\"",
        "\"tags\"",
        "\"created\"",
        "\"modified\"",
        "\"history\"",
    ]
    .iter()
    .map(|k| run.stdout.find(k).expect(k))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    let again = crosscheck(
        Some(&store_dir),
        &["notes", path.to_str().expect("utf-8"), "--json"],
    );
    assert_eq!(again.stdout, run.stdout);
}

#[test]
fn notes_report_offsets_of_the_current_text() {
    let dir = temp_dir();
    let (path, store_dir) = noted_article(dir.path());
    std::fs::write(
        &path,
        ARTICLE.replace("\n\nMayor", "\n\nAn added paragraph.\n\nMayor"),
    )
    .expect("edit");
    let run = crosscheck(
        Some(&store_dir),
        &["notes", path.to_str().expect("utf-8"), "--json"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let note = &json["notes"][0];
    assert_eq!(note["state"], "moved");
    let document = reload(&path);
    let (start, end) = span_of(&document, CLAIM);
    assert_eq!(note["anchor"]["start"].as_u64(), Some(start as u64));
    assert_eq!(note["anchor"]["end"].as_u64(), Some(end as u64));
    let text = crosscheck(Some(&store_dir), &["notes", path.to_str().expect("utf-8")]);
    assert_eq!(text.code, 0);
    assert!(text.stdout.contains("1 note: 1 false"), "{}", text.stdout);
    assert!(text.stdout.contains("moved"), "{}", text.stdout);
    assert!(
        text.stdout
            .contains("evidence: https://example.org/budget (Budget)"),
        "{}",
        text.stdout
    );
}

#[test]
fn library_lists_counts_per_verdict() {
    let dir = temp_dir();
    let (_, store_dir) = noted_article(dir.path());
    let run = crosscheck(Some(&store_dir), &["library", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let article = &json["articles"][0];
    assert!(
        article["path"]
            .as_str()
            .expect("path")
            .ends_with("bridge.txt")
    );
    assert_eq!(article["notes"], 1);
    assert_eq!(article["verdicts"]["false"], 1);
    assert_eq!(article["verdicts"]["verified"], 0);
    assert_eq!(json["totals"]["false"], 1);
    let text = crosscheck(Some(&store_dir), &["library"]);
    assert_eq!(text.code, 0);
    assert!(
        text.stdout.starts_with("1 article with notes in "),
        "{}",
        text.stdout
    );
    assert!(
        text.stdout
            .contains("bridge.txt (Harbour bridge plan divides the council)"),
        "{}",
        text.stdout
    );
}

#[test]
fn data_dir_comes_from_the_environment_when_not_given() {
    let dir = temp_dir();
    let (path, store_dir) = noted_article(dir.path());
    let output = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(["notes", path.to_str().expect("utf-8"), "--json"])
        .env("CROSSCHECK_DATA_DIR", &store_dir)
        .output()
        .expect("run");
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(json["notes"].as_array().map(Vec::len), Some(1));
    // --data-dir wins over the environment, and works after the subcommand too.
    let empty = dir.path().join("empty-store");
    let output = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args([
            "notes",
            path.to_str().expect("utf-8"),
            "--json",
            "--data-dir",
        ])
        .arg(&empty)
        .env("CROSSCHECK_DATA_DIR", &store_dir)
        .output()
        .expect("run");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(json["notes"].as_array().map(Vec::len), Some(0));
}

#[test]
fn usage_errors_exit_with_2() {
    let dir = temp_dir();
    let (path, _) = write_article(dir.path(), "a.txt", CLAIM);
    let file = path.to_str().expect("utf-8");
    let store = dir.path().join("store");
    for args in [
        vec!["mark", file, "--match", "bridge"],
        vec!["mark", file, "--status", "false"],
        vec![
            "mark", file, "--claim", "c1", "--match", "bridge", "--status", "false",
        ],
        vec!["mark", file, "--match", "bridge", "--status", "wrong"],
        vec![
            "mark",
            file,
            "--match",
            "bridge",
            "--status",
            "false",
            "--evidence-label",
            "x",
        ],
        vec!["notes"],
    ] {
        let run = crosscheck(Some(&store), &args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
    }
}

#[test]
fn errors_are_one_line_and_exit_with_1() {
    let dir = temp_dir();
    let (path, _) = write_article(
        dir.path(),
        "a.txt",
        "Nothing here says anything about money.\n",
    );
    let store = dir.path().join("store");
    let run = crosscheck(
        Some(&store),
        &[
            "mark",
            path.to_str().expect("utf-8"),
            "--match",
            "unicorns",
            "--status",
            "false",
        ],
    );
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr.trim_end().lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("no claim contains \"unicorns\""),
        "{}",
        run.stderr
    );
    let missing = dir.path().join("missing.txt");
    let run = crosscheck(Some(&store), &["notes", missing.to_str().expect("utf-8")]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr.trim_end().lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("file not found"), "{}", run.stderr);
}

#[test]
fn read_only_notes_are_shown_but_never_marked() {
    let dir = temp_dir();
    let (path, store_dir) = noted_article(dir.path());
    let file = article_file(&store_dir);
    let text = std::fs::read_to_string(&file).expect("read").replace(
        &format!("\"schema_version\": {SCHEMA_VERSION}"),
        &format!("\"schema_version\": {}", SCHEMA_VERSION + 1),
    );
    std::fs::write(&file, &text).expect("write");
    let run = crosscheck(Some(&store_dir), &["notes", path.to_str().expect("utf-8")]);
    assert_eq!(run.code, 0);
    assert!(run.stderr.contains("newer version"), "{}", run.stderr);
    assert!(run.stdout.contains("false"), "{}", run.stdout);
    let run = crosscheck(
        Some(&store_dir),
        &[
            "mark",
            path.to_str().expect("utf-8"),
            "--match",
            "bridge",
            "--status",
            "verified",
        ],
    );
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr.trim_end().lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("read-only"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&file).expect("read"), text);
}

// ---- These need the extractor to find the attributed claim in the fixture. ----

#[test]
fn mark_by_match_saves_and_prints_what_was_saved() {
    let dir = temp_dir();
    let (path, _) = write_article(dir.path(), "bridge.txt", ARTICLE);
    let store = dir.path().join("store");
    let file = path.to_str().expect("utf-8");
    let run = crosscheck(
        Some(&store),
        &[
            "mark",
            file,
            "--match",
            "bridge would cost",
            "--status",
            "false",
            "--note",
            "It is $6 million.",
            "--evidence",
            "https://example.org/budget",
            "--evidence-label",
            "Budget",
            "--tag",
            "cost",
            "--tag",
            "bridge",
        ],
    );
    assert_eq!(run.code, 0, "needs the extractor: {}", run.stderr);
    assert!(
        run.stdout.starts_with("Saved new note n-"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("verdict:  false (was unverified)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("evidence: https://example.org/budget (Budget)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("tags:     bridge, cost"),
        "{}",
        run.stdout
    );
    let run = crosscheck(
        Some(&store),
        &[
            "mark",
            file,
            "--match",
            "BRIDGE   would cost",
            "--status",
            "misleading",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("Saved note n-"), "{}", run.stdout);
    let notes = crosscheck(Some(&store), &["notes", file, "--json"]);
    let json: serde_json::Value = serde_json::from_str(&notes.stdout).expect("JSON");
    assert_eq!(json["notes"].as_array().map(Vec::len), Some(1));
    assert_eq!(json["notes"][0]["verdict"], "misleading");
    assert_eq!(json["notes"][0]["note"], "It is $6 million.");
    assert!(
        json["notes"][0]["anchor"]["exact"]
            .as_str()
            .expect("exact")
            .contains("bridge would cost")
    );
}

#[test]
fn mark_by_claim_id_from_extract() {
    let dir = temp_dir();
    let (path, _) = write_article(dir.path(), "bridge.txt", ARTICLE);
    let file = path.to_str().expect("utf-8");
    let extract = crosscheck(None, &["extract", file, "--json"]);
    assert_eq!(extract.code, 0, "{}", extract.stderr);
    let json: serde_json::Value = serde_json::from_str(&extract.stdout).expect("JSON");
    let claim = json["claims"]
        .as_array()
        .and_then(|claims| {
            claims.iter().find(|c| {
                c["text"]
                    .as_str()
                    .is_some_and(|t| t.contains("bridge would cost"))
            })
        })
        .expect("needs the extractor: the mayor's claim is extracted");
    let id = claim["id"].as_str().expect("id");
    let store = dir.path().join("store");
    let run = crosscheck(
        Some(&store),
        &["mark", file, "--claim", id, "--status", "verified"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(&format!("on claim {id}")),
        "{}",
        run.stdout
    );
    let run = crosscheck(
        Some(&store),
        &[
            "mark",
            file,
            "--claim",
            "no-such-id",
            "--status",
            "verified",
        ],
    );
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("candidates:"), "{}", run.stderr);
}

#[test]
fn mark_with_several_matches_lists_the_candidates() {
    let dir = temp_dir();
    let (path, _) = write_article(
        dir.path(),
        "bridge.txt",
        "Bridge plan\n\nMayor Jane Roe said the bridge would cost $4 million.\n\nThe treasurer, Sam Poe, said the bridge would take five years to build.\n",
    );
    let run = crosscheck(
        Some(&dir.path().join("store")),
        &[
            "mark",
            path.to_str().expect("utf-8"),
            "--match",
            "the bridge",
            "--status",
            "false",
        ],
    );
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr.trim_end().lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("2 claims contain \"the bridge\""),
        "needs the extractor: {}",
        run.stderr
    );
    assert!(
        run.stderr.contains("cost $4 million") && run.stderr.contains("Sam Poe"),
        "{}",
        run.stderr
    );
}
