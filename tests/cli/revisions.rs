//! An article that changed, through the command line: `revisions` lists the versions and the
//! changed passages, `notes` shows what needs review with both wordings, `mark --confirm`
//! settles it, and a recovered notes file is announced with where it came from.

use std::path::Path;

use crate::store_fixture::*;

const PACT: &str = "\
Allies weigh sending troops

President Emmanuel Macron said Paris would not risk a war with Moscow over the pact.

The defence minister said the first units could leave in May.

Officials in Berlin said no decision had been taken.
";

use crate::run::crosscheck;

/// The article, marked on its three claims through the CLI, then reworded and cut.
fn marked_then_edited(dir: &Path) -> (String, std::path::PathBuf) {
    let (path, _) = write_article(dir, "pact.txt", PACT);
    let file = path.to_str().expect("utf-8").to_owned();
    let store = dir.join("store");
    for (text, status) in [
        ("would not risk", "disputed"),
        ("first units", "verified"),
        ("no decision", "inconclusive"),
    ] {
        let run = crosscheck(
            &store,
            &["mark", &file, "--match", text, "--status", status],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let edited = PACT
        .replace("would not risk", "would not rule out risking")
        .replace("Officials in Berlin said no decision had been taken.\n", "");
    std::fs::write(&path, edited).expect("edit");
    (file, store)
}

#[test]
fn revisions_lists_versions_passages_and_the_notes_affected() {
    let dir = temp_dir();
    let (file, store) = marked_then_edited(dir.path());
    let run = crosscheck(&store, &["revisions", &file]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = &run.stdout;
    assert!(out.contains("2 versions seen"), "{out}");
    assert!(
        out.contains("Changed since your last review: 2 passages changed, 2 notes affected"),
        "{out}"
    );
    assert!(out.contains("was: risk\n   now: rule out risking"), "{out}");
    assert!(
        out.contains("removed") && out.contains("was: Officials in Berlin said"),
        "{out}"
    );
    assert!(out.contains("(gone from the article)"), "{out}");

    let run = crosscheck(&store, &["revisions", &file, "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    assert_eq!(
        json["versions"].as_array().map(Vec::len),
        Some(1),
        "not yet opened"
    );
    let changes = &json["changes"];
    assert_eq!(changes["since_review"], true);
    assert_eq!(changes["passages"][0]["old"], "risk");
    assert_eq!(changes["passages"][0]["new"], "rule out risking");
    assert_eq!(changes["passages"][1]["new"], "");
    let notes = changes["notes"].as_array().expect("notes");
    assert_eq!(notes.len(), 2);
    assert!(notes.iter().all(|n| n["needs_review"] == true));
    assert!(
        notes
            .iter()
            .any(|n| n["current"].is_null() && n["state"] == "orphaned")
    );
}

#[test]
fn notes_shows_what_needs_review_and_mark_confirm_settles_it() {
    let dir = temp_dir();
    let (file, store) = marked_then_edited(dir.path());
    let run = crosscheck(&store, &["notes", &file]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("; 2 need review"), "{}", run.stdout);
    assert!(run.stdout.contains("NEEDS REVIEW"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("judged:   \"Paris would not risk a war with Moscow over the pact\""),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "now:      \"Paris would not rule out risking a war with Moscow over the pact\""
        ),
        "{}",
        run.stdout
    );
    let run = crosscheck(&store, &["notes", &file, "--json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let reworded = json["notes"]
        .as_array()
        .expect("notes")
        .iter()
        .find(|n| n["verdict"] == "disputed")
        .expect("the disputed note")
        .clone();
    assert_eq!(
        reworded["needs_review"]["earlier"],
        "Paris would not risk a war with Moscow over the pact"
    );

    // `--match` on the reworded claim reaches the note; `--confirm` needs no new verdict.
    let run = crosscheck(&store, &["mark", &file, "--match", "rule out", "--confirm"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("review:   confirmed after its words changed"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("verdict:  disputed"), "{}", run.stdout);
    let id = reworded["id"].as_str().expect("id");
    let orphan = json["notes"]
        .as_array()
        .expect("notes")
        .iter()
        .find(|n| n["state"] == "orphaned")
        .and_then(|n| n["id"].as_str())
        .expect("orphan")
        .to_owned();
    let run = crosscheck(&store, &["mark", &file, "--note-id", &orphan, "--confirm"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = crosscheck(&store, &["notes", &file]);
    assert!(!run.stdout.contains("NEEDS REVIEW"), "{}", run.stdout);
    assert!(run.stdout.contains(id), "{}", run.stdout);
    assert!(
        run.stdout.contains("earlier:  \"Paris would not risk"),
        "{}",
        run.stdout
    );
    // Neither a verdict nor --confirm: a usage error.
    let run = crosscheck(&store, &["mark", &file, "--note-id", id]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let run = crosscheck(&store, &["mark", &file, "--note-id", "n-nope", "--confirm"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("no note \"n-nope\""), "{}", run.stderr);
}

#[test]
fn a_truncated_notes_file_is_rebuilt_and_the_cli_says_from_where() {
    let dir = temp_dir();
    let (path, _) = write_article(dir.path(), "pact.txt", PACT);
    let file = path.to_str().expect("utf-8").to_owned();
    let store = dir.path().join("store");
    for (text, status) in [
        ("would not risk", "disputed"),
        ("first units", "verified"),
        ("no decision", "false"),
    ] {
        let run = crosscheck(
            &store,
            &["mark", &file, "--match", text, "--status", status],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let notes_file = article_file(&store);
    let bytes = std::fs::read(&notes_file).expect("read");
    std::fs::write(&notes_file, &bytes[..bytes.len() / 2]).expect("truncate");
    let run = crosscheck(&store, &["notes", &file]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "one warning: {}", run.stderr);
    assert!(
        run.stderr
            .starts_with("crosscheck: warning: the notes file could not be read")
    );
    assert!(run.stderr.contains(".backup.json"), "{}", run.stderr);
    assert!(
        run.stderr.contains("1 change in its journal"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("3 notes, no saved change missing"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout
            .contains("3 notes: 1 verified, 1 disputed, 1 false"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_claimreview_export_says_what_it_left_out() {
    let dir = temp_dir();
    let (file, store) = marked_then_edited(dir.path());
    let run = crosscheck(&store, &["export", &file, "--format", "claimreview"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "warning: 2 verdicts need review (the article's words changed since) and are left \
             out of the ClaimReview export"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.contains("first units could leave in May"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("rule out risking"), "{}", run.stdout);
}
