//! The store's files: newer versions are read-only, corrupt files are moved aside, and two
//! writers at once never clobber each other.

use std::path::Path;

use crate::store_fixture::*;
use crosscheck_engine::store::{AnchorState, Notice, Store, StoreError, Target, Verdict};

const CLAIM: &str = "Mayor Jane Roe said the bridge would cost $4 million.";

fn mark(
    store: &Store,
    document: &crosscheck_engine::Document,
    needle: &str,
    verdict: Verdict,
) -> String {
    let (start, end) = span_of(document, needle);
    store
        .set_verdict(document, &Target::Claim { start, end }, verdict)
        .expect("save")
        .note_id
}

/// Rewrites the article file's JSON through `change`.
fn rewrite_json(path: &Path, change: impl FnOnce(&mut serde_json::Value)) {
    let mut value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("read")).expect("parse");
    change(&mut value);
    std::fs::write(path, serde_json::to_string_pretty(&value).expect("encode")).expect("write");
}

#[test]
fn newer_version_is_read_only_and_never_rewritten() {
    let dir = temp_dir();
    let (_, document) = write_article(dir.path(), "bridge.txt", ARTICLE);
    let store_dir = dir.path().join("store");
    let store = Store::open(&store_dir).expect("open");
    mark(&store, &document, CLAIM, Verdict::False);
    let path = article_file(&store_dir);
    rewrite_json(&path, |v| {
        v["schema_version"] = 7.into();
        v["added_in_v7"] = serde_json::json!({"anything": [1, 2]});
    });
    let before = std::fs::read(&path).expect("read");

    let notes = store.load(&document).expect("load");
    assert_eq!(notes.newer_version, Some(7));
    assert!(notes.is_read_only());
    assert_eq!(notes.notes.len(), 1, "the notes are still shown");
    assert_eq!(notes.notes[0].note.verdict, Verdict::False);
    assert!(
        notes
            .notices
            .iter()
            .any(|n| matches!(n, Notice::NewerVersion { found: 7, .. }))
    );
    let message = notes.notices[0].to_string();
    assert!(
        message.contains("newer version") && message.contains("read-only"),
        "{message}"
    );

    let err = mark_err(&store, &document);
    assert!(
        matches!(err, StoreError::ReadOnly { found: 7, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("newer version"), "{err}");
    let opened = store.open_article(&document).expect("open read-only");
    assert!(opened.is_read_only());
    assert!(store.library().expect("library").entries[0].read_only);
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "never rewritten"
    );
}

fn mark_err(store: &Store, document: &crosscheck_engine::Document) -> StoreError {
    let (start, end) = span_of(document, CLAIM);
    store
        .set_verdict(document, &Target::Claim { start, end }, Verdict::Verified)
        .expect_err("read-only")
}

#[test]
fn newer_version_of_another_shape_is_not_taken_for_corrupt() {
    let dir = temp_dir();
    let (_, document) = write_article(dir.path(), "bridge.txt", ARTICLE);
    let store_dir = dir.path().join("store");
    let store = Store::open(&store_dir).expect("open");
    mark(&store, &document, CLAIM, Verdict::False);
    let path = article_file(&store_dir);
    std::fs::write(
        &path,
        r#"{"schema_version": 3, "entries": "a shape this build does not know"}"#,
    )
    .expect("write");
    let notes = store.load(&document).expect("load");
    assert_eq!(notes.newer_version, Some(3));
    assert!(notes.notes.is_empty());
    let err = mark_err(&store, &document);
    assert!(matches!(err, StoreError::ReadOnly { found: 3, .. }));
    assert!(path.exists());
    let names = file_names(&store_dir.join("articles"));
    assert!(names.iter().all(|n| !n.contains("corrupt")), "{names:?}");
}

#[test]
fn corrupt_file_is_moved_aside_and_rebuilt_from_the_backup_and_journal() {
    let dir = temp_dir();
    let (_, document) = write_article(dir.path(), "bridge.txt", ARTICLE);
    let store_dir = dir.path().join("store");
    let store = Store::open(&store_dir).expect("open");
    mark(&store, &document, CLAIM, Verdict::False);
    mark(
        &store,
        &document,
        "dredging work would start in March",
        Verdict::Verified,
    );
    let path = article_file(&store_dir);
    std::fs::write(&path, "{\"schema_version\": 1, \"article\": {tru").expect("corrupt");

    let notes = store.load(&document).expect("load");
    let moved_to = file_names(&store_dir.join("articles"))
        .into_iter()
        .find(|n| n.contains(".corrupt-"))
        .map(|n| store_dir.join("articles").join(n))
        .expect("moved aside");
    assert!(
        notes
            .notices
            .iter()
            .any(|n| n.to_string().contains(&moved_to.display().to_string())),
        "the notice says where the damaged file is: {:?}",
        notes.notices
    );
    let name = moved_to.file_name().and_then(|n| n.to_str()).expect("name");
    let stem = path.file_stem().and_then(|s| s.to_str()).expect("stem");
    assert!(
        name.starts_with(&format!("{stem}.corrupt-")) && name.ends_with(".json"),
        "{name}"
    );
    assert_eq!(
        std::fs::read_to_string(&moved_to).expect("read"),
        "{\"schema_version\": 1, \"article\": {tru",
        "the corrupt file is kept as it was"
    );
    assert!(
        notes
            .notices
            .iter()
            .any(|n| matches!(n, Notice::Rebuilt(r) if r.is_complete && r.changes == 1))
    );
    assert!(notes.notices.iter().all(|n| !n.to_string().is_empty()));
    // The backup held the state before the last change; the journal the last change.
    assert_eq!(notes.notes.len(), 2);
    assert_eq!(notes.notes[0].note.verdict, Verdict::False);
    // The restored file is in place and writable again.
    mark(
        &store,
        &document,
        "dredging work would start in March",
        Verdict::Verified,
    );
    assert_eq!(store.load(&document).expect("load").notes.len(), 2);
}

#[test]
fn corrupt_file_without_backup_is_moved_aside_and_never_overwritten() {
    let dir = temp_dir();
    let (_, document) = write_article(dir.path(), "bridge.txt", ARTICLE);
    let store_dir = dir.path().join("store");
    let store = Store::open(&store_dir).expect("open");
    mark(&store, &document, CLAIM, Verdict::False);
    let path = article_file(&store_dir);
    std::fs::write(&path, [0xff, 0xfe, 0x00, 0x41]).expect("corrupt");
    // A write finds the corrupt file first: it is moved aside, then the change is saved anew.
    mark(&store, &document, CLAIM, Verdict::Disputed);
    let names = file_names(&store_dir.join("articles"));
    let corrupt: Vec<&String> = names.iter().filter(|n| n.contains(".corrupt-")).collect();
    assert_eq!(corrupt.len(), 1, "{names:?}");
    let kept = std::fs::read(store_dir.join("articles").join(corrupt[0])).expect("read");
    assert_eq!(kept, vec![0xff, 0xfe, 0x00, 0x41]);
    let notes = store.load(&document).expect("load");
    assert_eq!(notes.notes.len(), 1);
    assert_eq!(notes.notes[0].note.verdict, Verdict::Disputed);
}

#[test]
fn corrupt_index_is_moved_aside_and_rebuilt() {
    let dir = temp_dir();
    let (_, document) = write_article(dir.path(), "bridge.txt", ARTICLE);
    let store_dir = dir.path().join("store");
    let store = Store::open(&store_dir).expect("open");
    mark(&store, &document, CLAIM, Verdict::False);
    std::fs::write(store_dir.join("index.json"), "not json").expect("corrupt");
    let library = store.library().expect("library");
    assert_eq!(library.entries.len(), 1);
    assert_eq!(library.entries[0].verdicts.false_, 1);
    assert!(
        library
            .notices
            .iter()
            .any(|n| matches!(n, Notice::MovedAside { .. }))
    );
    assert!(
        file_names(&store_dir)
            .iter()
            .any(|n| n.starts_with("index.corrupt-"))
    );
    assert!(store.library().expect("library").notices.is_empty());
}

#[test]
fn index_follows_changes_made_behind_its_back() {
    let dir = temp_dir();
    let (_, document) = write_article(dir.path(), "bridge.txt", ARTICLE);
    let store_dir = dir.path().join("store");
    let store = Store::open(&store_dir).expect("open");
    mark(&store, &document, CLAIM, Verdict::False);
    // The index is a cache: saves leave it as it is and a listing brings it up to date.
    assert_eq!(store.library().expect("library").entries[0].notes, 1);
    let old_index = std::fs::read(store_dir.join("index.json")).expect("index");
    mark(
        &store,
        &document,
        "dredging work would start in March",
        Verdict::Verified,
    );
    std::fs::write(store_dir.join("index.json"), old_index).expect("old index");
    let library = store.library().expect("library");
    assert_eq!(library.entries[0].notes, 2);
    assert_eq!(library.entries[0].verdicts.verified, 1);
}

#[test]
fn two_writers_in_threads_merge() {
    let dir = temp_dir();
    let (_, document) = write_article(dir.path(), "bridge.txt", ARTICLE);
    let store_dir = dir.path().join("store");
    let sentences: Vec<(usize, usize)> = ARTICLE
        .split("\n\n")
        .skip(1)
        .map(|p| span_of(&document, p.trim()))
        .collect();
    std::thread::scope(|scope| {
        for (t, verdict) in [(0, Verdict::False), (1, Verdict::Verified)] {
            let document = &document;
            let sentences = &sentences;
            let store_dir = &store_dir;
            scope.spawn(move || {
                let store = Store::open(store_dir).expect("open");
                for round in 0..20 {
                    for (i, &(start, end)) in sentences.iter().enumerate() {
                        // Each writer owns every other word span of every sentence.
                        let word = start + t * 4 + round % 3;
                        let span = if i % 2 == t {
                            Target::Claim { start, end }
                        } else {
                            Target::Claim {
                                start: word,
                                end: word + 3,
                            }
                        };
                        store.set_verdict(document, &span, verdict).expect("save");
                    }
                }
            });
        }
    });
    let notes = Store::open(&store_dir)
        .expect("open")
        .load(&document)
        .expect("load");
    // 4 sentence notes + each writer's 3 distinct word notes on the 2 sentences it does not own.
    assert_eq!(
        notes.notes.len(),
        4 + 2 * 3 * 2,
        "{:#?}",
        notes
            .notes
            .iter()
            .map(|n| (&n.note.anchor.exact, n.note.verdict))
            .collect::<Vec<_>>()
    );
    assert!(notes.notes.iter().all(|n| n.state == AnchorState::Exact));
}

/// Child side of [`two_processes_write_at_once`]: run by the test binary re-executing itself.
#[test]
#[ignore = "run as a child process by two_processes_write_at_once"]
fn child_writer() {
    let (Ok(store_dir), Ok(article), Ok(which)) = (
        std::env::var("STORE_TEST_DIR"),
        std::env::var("STORE_TEST_ARTICLE"),
        std::env::var("STORE_TEST_WRITER"),
    ) else {
        return;
    };
    let which: usize = which.parse().expect("writer number");
    let document = reload(Path::new(&article));
    let store = Store::open(store_dir).expect("open");
    for i in 0..40 {
        let start = 10 * i + 5 * which;
        if document
            .text
            .chars()
            .nth(start)
            .is_some_and(char::is_whitespace)
        {
            continue;
        }
        let verdict = if which == 0 {
            Verdict::False
        } else {
            Verdict::Verified
        };
        store
            .set_verdict(
                &document,
                &Target::ManualClaim {
                    start,
                    end: start + 1,
                },
                verdict,
            )
            .expect("save");
    }
}

#[test]
fn two_processes_write_at_once() {
    let dir = temp_dir();
    let (path, document) = write_article(dir.path(), "bridge.txt", ARTICLE);
    let store_dir = dir.path().join("store");
    let exe = std::env::current_exe().expect("test binary");
    let children: Vec<_> = (0..2)
        .map(|which| {
            std::process::Command::new(&exe)
                .args([
                    "--exact",
                    "store_files::child_writer",
                    "--ignored",
                    "--nocapture",
                    "--test-threads=1",
                ])
                .env("STORE_TEST_DIR", &store_dir)
                .env("STORE_TEST_ARTICLE", &path)
                .env("STORE_TEST_WRITER", which.to_string())
                .stdout(std::process::Stdio::null())
                .spawn()
                .expect("spawn a writer")
        })
        .collect();
    for mut child in children {
        assert!(child.wait().expect("wait").success(), "a writer failed");
    }
    let notes = Store::open(&store_dir)
        .expect("open")
        .load(&document)
        .expect("load");
    let len = document.text.chars().count();
    let starts = |which: usize| -> std::collections::BTreeSet<usize> {
        (0..40)
            .map(|i| 10 * i + 5 * which)
            .filter(|&start| {
                !document
                    .text
                    .chars()
                    .nth(start)
                    .is_some_and(char::is_whitespace)
            })
            .collect()
    };
    let (first, second) = (starts(0), starts(1));
    let expected = first.union(&second).count();
    assert!(expected > 60 && len > 400);
    assert_eq!(
        notes.notes.len(),
        expected,
        "every save of both writers is kept"
    );
    for placed in &notes.notes {
        let start = placed.start;
        let verdict = placed.note.verdict;
        assert!(
            (verdict == Verdict::False && first.contains(&start))
                || (verdict == Verdict::Verified && second.contains(&start)),
            "note at {start} has {verdict}"
        );
    }
}

#[test]
fn odd_entries_in_the_articles_folder_do_not_break_the_library() {
    let dir = temp_dir();
    let (_, document) = write_article(dir.path(), "bridge.txt", ARTICLE);
    let store_dir = dir.path().join("store");
    let store = Store::open(&store_dir).expect("open");
    mark(&store, &document, CLAIM, Verdict::False);
    std::fs::create_dir(store_dir.join("articles").join("folder-0.json")).expect("a folder");
    std::fs::write(
        store_dir.join("articles").join("notes.txt"),
        "not a notes file",
    )
    .expect("write");
    let library = store.library().expect("library");
    assert_eq!(library.entries.len(), 1);
    assert_eq!(library.entries[0].verdicts.false_, 1);
}
