//! The notes store keeps every field of every note, in pretty JSON with a stable key order.

use crate::store_fixture::*;
use crosscheck_engine::store::{
    AnchorState, ArticleFile, Edit, Evidence, Notice, Origin, SCHEMA_VERSION, Store, StoreError,
    Target, Verdict,
};

const CLAIM: &str = "Mayor Jane Roe said the bridge would cost $4 million.";

fn claim_target(document: &crosscheck_engine::Document, needle: &str) -> Target {
    let (start, end) = span_of(document, needle);
    Target::Claim { start, end }
}

#[test]
fn round_trip_keeps_every_field() {
    let dir = temp_dir();
    let (_, document) = write_article(dir.path(), "bridge.txt", ARTICLE);
    let store = Store::open(dir.path().join("store")).expect("open");
    let target = claim_target(&document, CLAIM);
    let saved = store
        .update(
            &document,
            &target,
            &[
                Edit::Verdict(Verdict::Misleading),
                Edit::Note("The estimate excludes the approach roads.".into()),
                Edit::AddEvidence(Evidence {
                    url: "https://example.org/budget".into(),
                    label: "Council budget".into(),
                }),
                Edit::AddEvidence(Evidence {
                    url: "https://example.org/minutes".into(),
                    label: String::new(),
                }),
                Edit::AddTag("budget".into()),
                Edit::AddTag("bridge".into()),
            ],
        )
        .expect("save");
    assert!(saved.is_new);

    // A second store instance (a later run) reads everything back.
    let reopened = Store::open(dir.path().join("store")).expect("reopen");
    let notes = reopened.load(&document).expect("load");
    assert!(notes.is_known);
    assert_eq!(notes.notes.len(), 1);
    let placed = &notes.notes[0];
    assert_eq!(placed.state, AnchorState::Exact);
    let note = &placed.note;
    assert_eq!(note.id, saved.note_id);
    assert_eq!(note.anchor.exact, CLAIM);
    assert_eq!(note.anchor.prefix.chars().count(), 32);
    assert!(note.anchor.prefix.ends_with("council\n\n"));
    assert!(
        note.anchor
            .suffix
            .starts_with("\n\nThe council's treasurer")
    );
    assert_eq!((placed.start, placed.end), span_of(&document, CLAIM));
    assert_eq!(note.origin, Origin::Extracted);
    assert_eq!(note.verdict, Verdict::Misleading);
    assert_eq!(note.note, "The estimate excludes the approach roads.");
    assert_eq!(note.evidence.len(), 2);
    assert_eq!(note.evidence[0].url, "https://example.org/budget");
    assert_eq!(note.evidence[0].label, "Council budget");
    assert_eq!(note.evidence[1].label, "");
    assert_eq!(note.tags, vec!["bridge".to_owned(), "budget".to_owned()]);
    assert_eq!(note.history.len(), 1);
    assert_eq!(note.history[0].from, Verdict::Unverified);
    assert_eq!(note.history[0].to, Verdict::Misleading);
    assert_eq!(note.created, note.modified);
    assert_eq!(notes.article.sha256, document.sha256);
    assert_eq!(
        notes.article.title.as_deref(),
        Some("Harbour bridge plan divides the council")
    );
    assert_eq!(notes, store.load(&document).expect("load again"));
}

#[test]
fn each_verdict_round_trips_and_changes_are_recorded() {
    let dir = temp_dir();
    let (_, document) = write_article(dir.path(), "bridge.txt", ARTICLE);
    let store = Store::open(dir.path().join("store")).expect("open");
    let target = claim_target(&document, CLAIM);
    let mut previous = Verdict::Unverified;
    for verdict in Verdict::ALL
        .into_iter()
        .skip(1)
        .chain([Verdict::Unverified])
    {
        store
            .set_verdict(&document, &target, verdict)
            .expect("save");
        let notes = Store::open(store.dir())
            .expect("reopen")
            .load(&document)
            .expect("load");
        let note = &notes.notes[0].note;
        assert_eq!(note.verdict, verdict);
        let last = note.history.last().expect("a history entry");
        assert_eq!((last.from, last.to), (previous, verdict));
        previous = verdict;
    }
    // Setting the same verdict again is not a change.
    let saved = store
        .set_verdict(&document, &target, Verdict::Unverified)
        .expect("save");
    assert_eq!(
        saved.note().expect("note").note.history.len(),
        Verdict::ALL.len()
    );
    assert_eq!(Verdict::parse("FALSE"), Some(Verdict::False));
    assert_eq!(Verdict::parse("wrong"), None);
}

#[test]
fn note_tags_and_evidence_edits() {
    let dir = temp_dir();
    let (_, document) = write_article(dir.path(), "bridge.txt", ARTICLE);
    let store = Store::open(dir.path().join("store")).expect("open");
    let target = claim_target(&document, CLAIM);
    let saved = store.set_note(&document, &target, "first").expect("note");
    let id = saved.note_id.clone();
    let by_id = Target::Note(id.clone());
    store.set_note(&document, &by_id, "second").expect("note");
    store
        .set_tags(
            &document,
            &by_id,
            vec![" b ".into(), "a".into(), "b".into(), "".into()],
        )
        .expect("tags");
    store
        .add_evidence(
            &document,
            &by_id,
            Evidence {
                url: "https://x.test/1".into(),
                label: "one".into(),
            },
        )
        .expect("evidence");
    store
        .add_evidence(
            &document,
            &by_id,
            Evidence {
                url: "https://x.test/1".into(),
                label: "One!".into(),
            },
        )
        .expect("relabel");
    let err = store
        .add_evidence(
            &document,
            &by_id,
            Evidence {
                url: "  ".into(),
                label: String::new(),
            },
        )
        .expect_err("empty url");
    assert!(matches!(err, StoreError::EmptyEvidenceUrl));
    let saved = store
        .update(
            &document,
            &by_id,
            &[Edit::RemoveTag("a".into()), Edit::AddTag("c".into())],
        )
        .expect("tags");
    let note = &saved.note().expect("note").note;
    assert_eq!(note.note, "second");
    assert_eq!(note.tags, vec!["b".to_owned(), "c".to_owned()]);
    assert_eq!(
        note.evidence,
        vec![Evidence {
            url: "https://x.test/1".into(),
            label: "One!".into()
        }]
    );
    assert_eq!(note.verdict, Verdict::Unverified);
    assert!(note.history.is_empty());
    assert!(note.modified >= note.created);
    let saved = store
        .update(
            &document,
            &by_id,
            &[Edit::RemoveEvidence("https://x.test/1".into())],
        )
        .expect("remove evidence");
    assert!(saved.note().expect("note").note.evidence.is_empty());
    assert_eq!(saved.notes.notes.len(), 1, "all edits went to one note");
}

#[test]
fn manual_claims_and_bad_spans() {
    let dir = temp_dir();
    let (_, document) = write_article(dir.path(), "bridge.txt", ARTICLE);
    let store = Store::open(dir.path().join("store")).expect("open");
    let (start, end) = span_of(&document, "waited thirty years for a fixed link");
    let saved = store.add_claim(&document, start, end).expect("add");
    let placed = saved.note().expect("note");
    assert_eq!(placed.note.origin, Origin::Manual);
    assert_eq!(
        placed.note.anchor.exact,
        "waited thirty years for a fixed link"
    );
    // Marking the same span again reaches the same note.
    let again = store
        .set_verdict(&document, &Target::Claim { start, end }, Verdict::Verified)
        .expect("verdict");
    assert_eq!(again.note_id, saved.note_id);
    assert!(!again.is_new);
    let len = document.text.chars().count();
    for (start, end) in [(5, 5), (9, 3), (len - 2, len + 1)] {
        let err = store
            .add_claim(&document, start, end)
            .expect_err("bad span");
        assert!(matches!(err, StoreError::BadSpan { .. }), "{err}");
    }
    let (s, _) = span_of(&document, "\n\nMayor");
    let err = store
        .add_claim(&document, s, s + 2)
        .expect_err("whitespace only");
    assert!(matches!(err, StoreError::BadSpan { .. }));
    let err = store
        .set_verdict(&document, &Target::Note("n-missing".into()), Verdict::False)
        .expect_err("no such note");
    assert!(matches!(err, StoreError::NoteNotFound { .. }));
    assert_eq!(store.load(&document).expect("load").notes.len(), 1);
}

#[test]
fn file_is_pretty_stable_and_versioned_with_a_backup() {
    let dir = temp_dir();
    let (_, document) = write_article(dir.path(), "bridge.txt", ARTICLE);
    let store_dir = dir.path().join("store");
    let store = Store::open(&store_dir).expect("open");
    let target = claim_target(&document, CLAIM);
    store
        .set_verdict(&document, &target, Verdict::Disputed)
        .expect("save");
    let path = article_file(&store_dir);
    let first = std::fs::read_to_string(&path).expect("read");
    store
        .set_verdict(&document, &target, Verdict::False)
        .expect("save");
    let second = std::fs::read_to_string(&path).expect("read");

    let backup = path.with_file_name(format!(
        "{}.backup.json",
        path.file_stem().and_then(|s| s.to_str()).expect("stem")
    ));
    assert_eq!(std::fs::read_to_string(&backup).expect("backup"), first);
    assert!(second.starts_with(&format!(
        "{{\n  \"schema_version\": {SCHEMA_VERSION},\n  \"article\": {{\n    \"path\": "
    )));
    assert!(second.ends_with("}\n"));
    let order = [
        "\"id\"",
        "\"anchor\"",
        "\"exact\"",
        "\"prefix\"",
        "\"suffix\"",
        "\"start\"",
        "\"end\"",
        "\"origin\"",
        "\"verdict\"",
        "\"note\"",
        "\"evidence\"",
        "\"tags\"",
        "\"created\"",
        "\"modified\"",
        "\"history\"",
    ];
    let positions: Vec<usize> = order.iter().map(|k| second.find(k).expect(k)).collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "key order: {positions:?}"
    );
    // Re-encoding what was read gives the same bytes.
    let parsed: ArticleFile = serde_json::from_str(&second).expect("parse");
    let mut encoded = serde_json::to_string_pretty(&parsed).expect("encode");
    encoded.push('\n');
    assert_eq!(encoded, second);
    // No temporary files are left behind.
    let names = file_names(&store_dir.join("articles"));
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn library_counts_verdicts_per_article() {
    let dir = temp_dir();
    let (_, first) = write_article(dir.path(), "bridge.txt", ARTICLE);
    let (_, second) = write_article(
        dir.path(),
        "ferry.txt",
        "Ferry news\n\nThe ferry will stop in June, officials said.\n\nTickets rose by 10 percent.\n",
    );
    let store = Store::open(dir.path().join("store")).expect("open");
    store
        .set_verdict(&first, &claim_target(&first, CLAIM), Verdict::False)
        .expect("save");
    store
        .set_verdict(
            &first,
            &claim_target(&first, "dredging work would start in March"),
            Verdict::Verified,
        )
        .expect("save");
    store
        .set_verdict(
            &second,
            &claim_target(&second, "Tickets rose by 10 percent."),
            Verdict::False,
        )
        .expect("save");
    store.open_article(&second).expect("open");
    let library = store.library().expect("library");
    assert_eq!(library.entries.len(), 2);
    let bridge = &library.entries[0];
    assert!(bridge.path.ends_with("bridge.txt"));
    assert_eq!(
        (
            bridge.notes,
            bridge.verdicts.false_,
            bridge.verdicts.verified
        ),
        (2, 1, 1)
    );
    assert_eq!(library.entries[1].verdicts.false_, 1);
    assert_eq!(library.totals().false_, 2);
    assert_eq!(library.totals().total(), 3);
    // The index heals when it is lost.
    std::fs::remove_file(dir.path().join("store/index.json")).expect("remove index");
    assert_eq!(store.library().expect("library").entries, library.entries);
}

#[test]
fn opening_records_first_and_last_time() {
    let dir = temp_dir();
    let (_, document) = write_article(dir.path(), "bridge.txt", ARTICLE);
    let store = Store::open(dir.path().join("store")).expect("open");
    let unknown = store.load(&document).expect("load");
    assert!(!unknown.is_known);
    let first = store.open_article(&document).expect("open");
    std::thread::sleep(std::time::Duration::from_millis(5));
    let second = store.open_article(&document).expect("open");
    assert!(second.is_known);
    assert_eq!(second.article.first_opened, first.article.first_opened);
    assert!(second.article.last_opened > first.article.last_opened);
}

#[test]
fn notes_follow_an_article_moved_to_another_path() {
    let dir = temp_dir();
    let (path, document) = write_article(dir.path(), "bridge.txt", ARTICLE);
    let store = Store::open(dir.path().join("store")).expect("open");
    store
        .set_verdict(&document, &claim_target(&document, CLAIM), Verdict::False)
        .expect("save");
    let moved = dir.path().join("archive-bridge.txt");
    std::fs::rename(&path, &moved).expect("move");
    let document = reload(&moved);
    let notes = store.load(&document).expect("load");
    assert_eq!(notes.notes.len(), 1);
    assert!(
        notes
            .notices
            .iter()
            .any(|n| matches!(n, Notice::Adopted { .. }))
    );
    let saved = store
        .set_note(
            &document,
            &Target::Note(notes.notes[0].note.id.clone()),
            "moved",
        )
        .expect("save");
    assert!(saved.notes.article.path.ends_with("archive-bridge.txt"));
    let again = store.load(&document).expect("load");
    assert!(again.notices.is_empty(), "{:?}", again.notices);
    assert_eq!(again.notes[0].note.note, "moved");
    assert_eq!(store.library().expect("library").entries.len(), 1);
}
